// No inner doc comment here: the build script `include!`s this file (for
// the lexicon table); the module's doc is on its `mod` line in lib.rs.

const DRUG_NAMES: &str = include_str!("../data/drug_names.txt");

/// A title or role before a name: "Dr. Avery", "Nurse Alyssa", "pt King".
const TITLES: &str = "dr doctor mr mrs ms mx miss prof professor nurse pt patient np rn pharmacist \
    therapist provider midwife counselor chaplain worker navigator coordinator manager \
    physician surgeon dietitian rev pastor father sister brother \
    pcp hospitalist attending cardiologist oncologist pediatrician neurologist psychiatrist \
    dra doctora sr sra srta don dona senor senora senorita lic licenciado licenciada \
    enfermera enfermero paciente padre";

/// A relation or role before a name: "Son david", "your child Robert".
const RELATIONS: &str = "son daughter wife husband mother mom mum dad father sister brother grandson \
    granddaughter grandmother \
    grandfather grandma grandpa grandchild nephew niece aunt uncle cousin spouse partner \
    fiance fiancee guardian caregiver guarantor dependent child kid baby infant friend \
    neighbor neighbour visitor user stepson stepdaughter stepmother stepfather parent \
    sibling boyfriend girlfriend roommate proxy contact subscriber member attn attention \
    cc fyi dtr bf gf hubby bff sis bro stepdad stepmom grandkid law daughterinlaw soninlaw \
    motherinlaw fatherinlaw sisterinlaw brotherinlaw girl boy twin twins toddler teen teenager \
    grandbaby mil fil aide aides sitter babysitter nanny nana nan nonna granny gramma grammy \
    grampa gramps papaw mamaw meemaw pawpaw gg helper caretaker cuidadora cuidador \
    nanas grannys grammys meemaws mamaws papaws pawpaws \
    hija hijo hijas hijos esposo esposa mama mami papa papi abuela abuelo abuelita abuelito \
    bisabuela bisabuelo nieta nieto tia tio suegra suegro comadre compadre hermana hermano \
    prima primo sobrina sobrino cunada cunado bebe nina nino novio novia vecina vecino amiga \
    amigo nuera yerno madrina padrino nieta viejo vieja viejito viejita \
    lolo kuya nanay tatay inay itay apo anak ninang ninong \
    ammi abbu amma abba dadi chacha chachi phuppo phupho khala khalto mamu \
    bhaiya bhabhi hooyo aabo ayeeyo awoowe walaal babcia babci dziadek dziadka \
    auntie aunty titi tutu \
    eomma appa halmeoni halmoni harabeoji unni oppa noona hyung nainai yeye grann tonton \
    tantine";

/// A greeting or closing before a name: "Hi Tammy", "Thanks, Erin".
const GREETINGS: &str = "hi hello hey dear thanks thank thx ty congrats congratulations welcome birthday \
    greetings morning afternoon evening bye goodbye cheers regards sincerely \
    hola buenos buenas gracias querida querido estimado estimada atentamente saludos \
    cordialmente soy firma its name nombre am xoxo besos abrazos bendiciones parte atte \
    carino";

/// Words right before which a name ends: "Wei Anaya dob", "Erin here".
const AFTER_NAME: &str = "dob mrn born here wants says said asked called calling texted writes wrote replied \
    states reports denies endorses dice dijo aqui";

/// Verbs before a name: "tried PRIYA at", "tell katarzyna that", "RX READY
/// HUDA". An ordinary word that is also a name ("Will", "Mark") needs the
/// phrase to go on with "at", "re", "about"...
const VERB_BEFORE: &str = "tried try tell told ask asked page paged notify notified remind \
    contact contacted ready paging texting emailing spoke talked spoken speak talk habla hable \
    hablar avisar avise avisarle took brought bring picked dropped drove carried babysit \
    babysitting lleve llevo llevar traje traer recoger recogi cuido cuidar dile digale diga \
    pregunta pregunte preguntele llame llamar busque recoja atienda covering relieving relieved \
    messaged emailed visited visiting thanked let lets";

/// Verbs after a name at the start of a sentence: "Eamon came home",
/// "Deepa coome tomorrow", "LAKSHMI IS HERE" (not for ordinary words that
/// are names: "Hope is").
const VERB_AFTER: &str = "is was came comes come coming went goes has had needs wont cant didnt \
    doesnt isnt took takes slept fell ate finally no es esta fue vino got gets keeps refuses \
    refused will would feels felt started stopped missed dice dijo llego llega necesita quiere \
    puede va tiene tenia moves moved starts leaves";

/// Small words that introduce a name only when a whole name (two words or
/// more) follows: "release to Spencer Brock", "signed by Tristan Riggs".
const WEAK_CUES: &str = "for to by from with w and is of re";

/// Function words and very frequent English words that census lists also
/// carry as rare surnames or first names ("back", "see", "an", "so").
const FUNCTION_WORDS: &str = "a an the and or but nor so yet for to of in on at by with from into onto about above \
    below over under after before since until till during per via than then as if is are \
    was were be been being am do does did done have has had having would shall should \
    might can could must i me my mine we us our ours you your yours he him his she her \
    hers it its they them their theirs this that these those who whom whose which what \
    when where why how all any both each every few more most other some such no not only \
    own same too very just also again here there now up down out off back well still \
    even ever never always often soon later early late ok okay yes yeah yep nope please \
    pls plz u ur r im ive id youre dont doesnt cant wont isnt didnt lets etc asap \
    couldnt wouldnt shouldnt wasnt werent havent hasnt hadnt aint arent thats theres whats \
    theyre youll youve weve hes shes youd theyd theyll theyve itll \
    everyone someone anyone nobody everybody somebody call see take get go come make \
    know need want let keep bring give tell ask say pick send sent stop start help text \
    reply visit new old last next first good great better nice happy sorry glad sure \
    right left many much one two three way days time times attending resident fellow \
    intern aide week weeks year years man woman men women people person team staff \
    office home care health will may";

/// Calendar words (months are handled with dates; "April" or "June" may
/// still be a name next to one).
const CALENDAR: &str = "monday tuesday wednesday thursday friday saturday sunday mondays tuesdays \
    wednesdays thursdays fridays saturdays sundays mon tue tues wed thu thur \
    thurs fri sat sun today tomorrow yesterday tonight january february march april may \
    june july august september october november december jan feb mar apr jun jul aug sep \
    sept oct nov dec am pm noon midnight";

/// US states and territories, full names and USPS codes, and the Mexican
/// states whose names are no surnames.
pub const STATES: &str = "alabama alaska arizona arkansas california colorado connecticut delaware florida \
    georgia hawaii idaho illinois indiana iowa kansas kentucky louisiana maine maryland \
    massachusetts michigan minnesota mississippi missouri montana nebraska nevada ohio \
    oklahoma oregon pennsylvania tennessee texas utah vermont virginia washington \
    wisconsin wyoming columbia rico mich ae aa ap al ak az ar ca co ct de fl ga hi ia id il in ks ky \
    la ma md me mi mn mo ms mt nc nd ne nh nj nm nv ny oh ok or pa ri sc sd tn tx ut va \
    vt wa wi wv wy dc pr \
    jalisco michoacan oaxaca chiapas chihuahua sinaloa sonora zacatecas guanajuato tamaulipas \
    veracruz yucatan coahuila queretaro nayarit tlaxcala aguascalientes campeche tabasco";

/// Organisation, clinical and messaging vocabulary, credentials and
/// street-type abbreviations.
const SERVICE_WORDS: &str = "clinic hospital center centre medical medicine pharmacy lab labs laboratory billing \
    portal mychart inbox autopay telehealth urgent pediatrics cardiology dermatology \
    orthopedics oncology radiology behavioral family dept department unit suite ste rm \
    room floor bldg building bay pod bed lot ward er ed icu covid flu hsa fsa dob mrn \
    ssn acct dl sn dea npi ip rx msg txt sms appt hrs hr min mins bp cgm gov com org net \
    www http https edu medicare medicaid insurance md do dds dmd phd lpn lvn aprn crna \
    cnm dnp msn bsn pharmd rph lcsw lmft cna pac jr sr ii iii iv st ave rd ln blvd hwy \
    pkwy ct cir ter pl apt po yo fx sp pod stat prn bid tid qid qhs po iv im mg mcg ml \
    tab tabs eob copay deductible hipaa pcp ob gyn ent pt ot lab ekg ecg mri ct xray cbc \
    ambetter unitedhealthcare unitedhealth uhc humana aetna cigna tricare wellcare caresource \
    amerigroup bcbs highmark peds depo mbi aarp medigap philhealth \
    cmp tsh psa inr hba vaccine vaccines refill refills \
    hgb hct wbc plt glu ptt bnp trop ldl hdl egfr lactate phos ferritin hcp poa dnr dni ama \
    sbar nicu picu pacu app plate plates number card serial police \
    meds med vitals temp sats pos neg crit req acc bmp ptinr na newborn daycare hemolyzed hcg \
    bhcg ucg bday \
    cr crcl scr bun alt ast alp ggt tbili dbili ldh ck cpk ckmb a1c hba1c ft4 ft3 esr crp \
    procal procalcitonin lac abg vbg pco2 po2 hco3 anc mcv rdw mchc ammonia ddimer fibrinogen \
    ua ucx bcx gfr mag phos k cl co2 ca vanco vanc trough tacro dig ldl hdl tg uacr upcr \
    crit critical stat recheck redraw callback snf ltac ltach irf alf rehab hospice \
    itin ein tin cna cma emt rrt fnp dnp dpt lpc lmsw psyd cpht imei udi \
    pics pic vids efax lol omg btw idk imo tbh tmrw tmr nah lmk brb ttyl smh hmu nvm ppl yall \
    bruh ngl lowkey deadass istg tbf wyd wya hbu ikr \
    lil hun hon \
    nsaid nsaids beers \
    hemolysis holter zio phonak oticon resound signia starkey widex \
    english spanish vietnamese chinese mandarin cantonese korean japanese arabic russian polish \
    ukrainian tagalog hindi urdu punjabi bengali french german italian portuguese haitian \
    creole somali amharic farsi persian swahili hmong navajo ingles espanol \
    pashto dari levantine lingala dinka kreyol mixteco mixtec zapoteco zapotec kiche quiche \
    garifuna serbian bosnian croatian albanian romanian georgian armenian turkish greek \
    hebrew yoruba igbo hausa wolof tigrinya oromo nepali tamil telugu gujarati marathi \
    malayalam sinhala burmese khmer indonesian samoan tongan chamorro marshallese chuukese \
    ilocano cebuano bisaya visayan quechua aymara tzotzil ethiopian eritrean sudanese \
    congolese afghan iraqi syrian yemeni nigerian ghanaian kenyan haitiano haitiana \
    namaste mesi mahalo aloha talofa bula boozhoo obrigado obrigada anpil bonjou mwen \
    jambo konnichiwa nihao annyeong spasibo dyakuyu hvala cb fn \
    addr ph coll doi dod freq prescriber birthdate eval \
    mexico guatemala honduras salvador cuba dominican colombia venezuela peru ecuador china \
    india vietnam philippines korea japan canada poland ukraine russia iraq iran syria somalia \
    ethiopia nigeria haiti jamaica brazil germany france italy spain ireland england israel \
    egypt pakistan bangladesh afghanistan \
    kasi ako yung daw ang siya mga po diba naman tapos ngayon kagabi ayaw kumain \
    niya kami yun wala ipinanganak nakatira \
    khong toi goi ngay uong kham tuoi dien thoai benh thuoc duoc cua nghe voi gio \
    pou eske kounye prosze lub jest \
    salamat sipon mahal dito kaya mura uminom talaga tama opo hindi bakit paano \
    aap hai hain rahe bohot bahut shukriya jaan ji sahab theek nahi accha kya \
    allah inshallah alhamdulillah mashallah salam salaam assalamu alaikum marhaba shukran \
    habibi jazak jazakallah eid ramadan ramzan hajj umrah fajr iftar diwali chuseok \
    bonjour bonsoir merci rdv dzien dobry dziekuje chao \
    whatsapp wechat viber telegram messenger facetime samsung skoda \
    walgreens cvs walmart costco kroger safeway publix meijer caremark optum humana aetna \
    cigna kaiser medtronic dexcom omnipod resmed abbott altima camry corolla civic honda \
    toyota nissan chevy tesla jeep hyundai subaru mazda uber lyft taxi \
    exac copd chf bipap cpap npo aki ckd dka uti pna cva tia afib gerd hfnc sob ams etoh \
    nstemi stemi dvt pe hld htn dm ckd esrd hd pod ngt peg foley picc ivf ivp bolus \
    rollator gtt neb nebs cockcroft gault afebrile febrile \
    icd dme ehr emr hfpef hfref mrns mammo stable \
    endo derm gi ortho cards pulm neuro nephro psych pharm hosp heme onc pacer lkw sbp dbp \
    qtc lft lfts hcpoa urosepsis auth cel adm apo fpo dpo psc cmr mude mudamos mudaron mudo";

/// Diseases named after people, written as names ("her Parkinson's meds",
/// "Crohn's flare"): surnames too rare in the census to be worth the
/// disease mentions they would take. Common surnames with a disease
/// ("Graves", "Wilson", "Hashimoto") stay names.
const EPONYMS: &str = "alzheimer alzheimers parkinson parkinsons crohn crohns hodgkin hodgkins \
    tourette tourettes asperger aspergers raynaud raynauds sjogren sjogrens meniere menieres \
    guillain";

#[derive(Clone, Copy, Default)]
pub struct Flags(u16);

impl Flags {
    /// The flags stored in a lexicon entry (`Entry::vocabulary_bits`).
    pub fn from_bits(bits: u16) -> Self {
        Self(bits)
    }

    const NEVER: u16 = 1;
    const TITLE: u16 = 2;
    const RELATION: u16 = 4;
    const GREETING: u16 = 8;
    const AFTER_NAME: u16 = 16;
    const WEAK_CUE: u16 = 32;
    const MONTH_OR_MODAL: u16 = 64;
    const STATE: u16 = 128;
    const FUNCTION: u16 = 256;
    const VERB_BEFORE: u16 = 512;
    const VERB_AFTER: u16 = 1024;

    pub fn never(self) -> bool {
        self.0 & Self::NEVER != 0
    }
    pub fn title(self) -> bool {
        self.0 & Self::TITLE != 0
    }
    pub fn relation(self) -> bool {
        self.0 & Self::RELATION != 0
    }
    pub fn greeting(self) -> bool {
        self.0 & Self::GREETING != 0
    }
    pub fn after_name(self) -> bool {
        self.0 & Self::AFTER_NAME != 0
    }
    pub fn weak_cue(self) -> bool {
        self.0 & Self::WEAK_CUE != 0
    }
    /// A month or a modal verb that is also a first name ("May", "April",
    /// "Will"): a name only when capitalised inside a sentence.
    pub fn month_or_modal(self) -> bool {
        self.0 & Self::MONTH_OR_MODAL != 0
    }
    pub fn state(self) -> bool {
        self.0 & Self::STATE != 0
    }
    /// A function word ("An", "So"): a name part only when capitalised
    /// right after a name inside a sentence ("Nguyen Van An").
    pub fn verb_before(self) -> bool {
        self.0 & Self::VERB_BEFORE != 0
    }
    pub fn verb_after(self) -> bool {
        self.0 & Self::VERB_AFTER != 0
    }
    pub fn function_word(self) -> bool {
        self.0 & Self::FUNCTION != 0
    }
}

/// Every vocabulary word with its flags, for the lexicon table (one
/// lookup per word answers the census lists and this vocabulary).
pub fn entries() -> Vec<(&'static str, u16)> {
    let mut out: Vec<(&'static str, u16)> = Vec::new();
    let mut add = |words: &mut dyn Iterator<Item = &'static str>, flag: u16| {
        out.extend(words.map(|w| (w, flag)));
    };
    let never = Flags::NEVER;
    add(&mut TITLES.split_whitespace(), never | Flags::TITLE);
    add(&mut RELATIONS.split_whitespace(), never | Flags::RELATION);
    add(&mut GREETINGS.split_whitespace(), never | Flags::GREETING);
    add(
        &mut AFTER_NAME.split_whitespace(),
        never | Flags::AFTER_NAME,
    );
    add(&mut WEAK_CUES.split_whitespace(), never | Flags::WEAK_CUE);
    add(
        &mut FUNCTION_WORDS.split_whitespace(),
        never | Flags::FUNCTION,
    );
    add(&mut CALENDAR.split_whitespace(), never);
    add(&mut VERB_BEFORE.split_whitespace(), Flags::VERB_BEFORE);
    add(&mut VERB_AFTER.split_whitespace(), Flags::VERB_AFTER);
    add(&mut STATES.split_whitespace(), never | Flags::STATE);
    add(&mut SERVICE_WORDS.split_whitespace(), never);
    add(&mut EPONYMS.split_whitespace(), never);
    add(
        &mut ["april", "may", "june", "august", "will"].into_iter(),
        Flags::MONTH_OR_MODAL,
    );
    add(
        &mut DRUG_NAMES
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.starts_with('#')),
        never,
    );
    out
}

/// The cue words (titles, relations, greetings), for the name detector's
/// typo check.
pub fn cue_words() -> impl Iterator<Item = &'static str> {
    TITLES
        .split_whitespace()
        .chain(RELATIONS.split_whitespace())
        .chain(GREETINGS.split_whitespace())
}
