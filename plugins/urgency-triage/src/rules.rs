//! The red-flag rules: each has a code (reason `urgent:<code>`), the
//! signs that fire it, and optionally a context the message must also
//! establish ("pregnant" for pregnancy bleeding) and benign look-alikes
//! ("seizure meds"). Pattern syntax: see `pattern`; word classes: see
//! `concepts`. To add a rule, add an entry here and a test.

use crate::rule_def::{
    RuleDef, Sign, benign, joined, look_alikes, medicine_use, n, rule, t, with_context,
};
use crate::vitals;

pub const PREGNANCY: &[Sign] = &[
    t("@pregnant"),
    // A positive home pregnancy test ("+HPT last week").
    t("hpt|upt ..2 positive|pos"),
    t("positive|pos ..1 hpt|upt|home_test|home_pregnancy_test|pregnancy_test"),
    n(
        "im|i_am|she_is|shes|at|were|we_are|currently|almost|nearly|tengo|estoy_de|llevo|tiene|esta_de|ya_tengo|casi ..1 # @weeks",
        vitals::gestation_weeks,
    ),
    n(
        "# @weeks ..1 along|pregnant|gestation|de_embarazo|de_gestacion|embarazada",
        vitals::gestation_weeks,
    ),
    n(
        "at|ga ..1 # ..1 w|with|wk|wks|weeks",
        vitals::gestation_weeks,
    ),
    t("g1|g2|g3|g4|g5|g6|g1p*|g2p*|g3p*|g4p*|g5p*|primip|multip|primigravida"),
    n("# @weeks", vitals::late_gestation_weeks),
    // "33w", "36 w" in a note.
    n("# w", vitals::late_gestation_weeks),
];

/// "This test is gonna kill me": a thing that no one could be threatened
/// by, as the subject of the killing. Only things: a person ("my mom is
/// gonna kill me") is left to the rule, whatever the tone.
pub const IDIOM_KILLING_ME: &[Sign] = &[
    t(
        "test|tests|exam|exams|homework|finals|midterm|midterms|quiz|essay|project|traffic|paperwork|forms|heat|commute|workout|practice|tantrum|tantrums|teething|schedule|food|cafeteria|class|classes|lab|labs|report|reports|shift|shifts|hangover|cramps|allergies|humidity|weather|wifi|semester|drills is|are|will|going_to|gonna|literally ..3 kill|killing|killin ..1 me",
    ),
    t(
        "examen|examenes|tarea|tareas|trafico|traffic|calor|frio|trabajo|chamba|cruda|resaca|hangover|boda|fiesta|renta|cuenta|cuentas|deuda|deudas|clase|clases|escuela ..1 me ..2 va|esta|van|estan ..2 a|matando ..1 matar",
    ),
    // "lo va a matar el gusto", "me van a matar de un disgusto": a taste,
    // a laugh, a fright or shame that kills.
    t(
        "matar|mata|matando ..2 el|la|de ..1 gusto|sabor|risa|verguenza|aburrimiento|disgusto|disgustos|susto|sustos|coraje|corajes|hambre|cansancio|preocupacion|angustia|rabia|sed|nervios",
    ),
    // "este niño me va a matar jaja": a small child, the parent's hyperbole.
    t(
        "este|esta|mi|mis ..1 nino|nina|ninos|bebe|chamaco|chamaca|chamacos|escuincle|hijo|hija|hijos ..3 me ..2 va|van|esta|estan ..2 a|matando ..1 matar",
    ),
];

/// Signs of labour or ruptured membranes that say a pregnancy themselves.
const WATERS: &[Sign] = &[
    t("my|her|wifes|the ..1 water|waters ..2 broke|broken|breaking|just_broke"),
    t("se ..1 me|le ..1 rompio|reviento ..2 fuente|bolsa"),
    t("rompi|rompio ..2 fuente|bolsa"),
    t("ruptured ..1 membranes|amniotic"),
    // Not a bare "rom", which charts write for range of motion ("full ROM").
    t("srom|pprom|meconium"),
];

pub const INFANT: &[Sign] = &[
    t("infant*|newborn*|neonate|preemie|baby|babys|babies"),
    t("newborn|newborns|infant|infants"),
    t("new born"),
    t(
        "el|la|mi|su|un|una|al|del|nuestro|nuestra|los|mis|sus ..1 bebe|bebes|bebito|bebita|recien_nacido|recien_nacida|nene|nena|bebecito|bebecita|criatura",
    ),
    t("recien ..1 nacido|nacida"),
    n("# ..1 @weeks ..1 old", vitals::infant_weeks),
    n("# ..1 @days ..1 old", vitals::infant_days),
    n("# ..1 @months ..1 old", vitals::infant_months),
    // "before her 2 month shots": the well visit names the age.
    n(
        "# ..1 month|months|mo ..1 shots|vaccines|vaccinations|checkup|check_up|well_visit|appointment",
        |n| n.value <= 2.0,
    ),
    n(
        "# ..1 week|weeks|wk ..1 shots|vaccines|vaccinations|checkup|check_up|well_visit|appointment",
        |n| n.value <= 12.0,
    ),
    n(
        "is|hes|shes|theyre|twins|just|only|are|was|baby|son|daughter|tiene|tienen|de|la|el ..2 # ..1 @weeks",
        vitals::infant_weeks,
    ),
    n(
        "is|hes|shes|just|only|baby|tiene|de ..2 # ..1 @days",
        vitals::infant_days,
    ),
    // An age in months without "old" ("my son is 2 months", "tiene 2 meses").
    n(
        "is|hes|shes|just|only|baby|son|daughter|tiene|de ..1 # ..1 @months",
        vitals::infant_months,
    ),
    t("is|hes|shes|just|only ..1 one|two|three|a ..1 @months"),
    // A clinical age opening the message: "2 mo throwing up green".
    n(
        "# ..1 mo|mos|mth|mths|months ..1 f|m|male|female|boy|girl|infant|baby|son|daughter|with|has|is|not|wont|cant|throwing|vomiting|fever|febrile",
        vitals::infant_months,
    ),
    n(
        "born ..3 # ..1 @weeks|@days ..1 ago|before|back",
        vitals::infant_weeks,
    ),
    n(
        "# ..1 wk|wks|wo ..1 old|f|m|male|female|boy|girl|infant|baby|with|fever|febrile|temp|t",
        vitals::infant_weeks,
    ),
    n(
        "# ..1 @weeks|@days ..1 de_nacido|de_nacida|de_vida|de_edad|de_nacidito|de_nacidita",
        vitals::infant_weeks,
    ),
    t(
        "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|few ..1 @weeks|@days ..1 old",
    ),
    t("one|two|three|a ..1 @months ..1 old"),
    t("de ..1 un|una|dos|tres|cuatro|cinco|seis|siete|ocho|unas|pocas ..1 semana|semanas|dia|dias"),
    t("de ..1 un|uno|dos|tres ..1 mes|meses"),
    t("under|less_than|menos_de ..1 # @months|@weeks"),
    t("soft_spot|fontanel*|fontanelle|mollera"),
];

/// Ages past early infancy: a "baby" this old is not a young infant.
pub const OLDER_CHILD: &[Sign] = &[
    // (The number right before its unit: not "Medic 14: 2 month old".)
    n("# @months ..1 old", vitals::older_than_infant),
    // "a fever of 100.5 at 8 months", "she's now 5 months".
    n(
        "at|turned|now|is ..1 # ..1 @months",
        vitals::older_than_infant,
    ),
    n("de|tiene ..1 # ..1 @months", vitals::older_than_infant),
    n(
        "baby|son|daughter|girl|boy|infant|pt|patient|bebe|nene|nena ..1 # ..1 @months",
        vitals::older_than_infant,
    ),
    t("# ..1 year|years|yr|yrs ..1 old"),
    t("# yo|yr|yrs"),
    t("toddler|preschooler"),
    n(
        "now|turned|hes|shes|is ..1 # ..1 @months",
        vitals::older_than_infant,
    ),
    t("de|tiene ..1 # ..1 anos|ano|anitos|anito"),
];

/// An infant's fall is not urgent in itself when the baby cried at once
/// and acts as usual ("cried right away and is playing normally", "lloró
/// luego luego y juega como si nada"); any worrying sign after it fires
/// its own rule.
const REASSURED_AFTER_FALL: &[Sign] = &[
    t(
        "cried|crying|cry|lloro ..2 right_away|immediately|straight_away|at_once|enseguida|luego|de_inmediato|inmediatamente|al_instante",
    ),
    t(
        "acting|playing|played|plays|eating|ate|eats|feeding|behaving|acts|acted|nursing|jugando|juega|jugo|come|comio|comiendo ..2 normal|normally|fine|well|like_usual|like_himself|like_herself|bien|como_siempre",
    ),
    t("como_si_nada"),
];

const INFANT_FALL_VETO: [Sign; OLDER_CHILD.len() + REASSURED_AFTER_FALL.len()] =
    joined(OLDER_CHILD, REASSURED_AFTER_FALL);

/// Wet diapers counted as a number: "only 1 wet diaper today" (the
/// words "one wet diaper" are in `@no_urine`).
const ONE_WET_DIAPER: &str =
    "only|just|had|has_had|hes_had|shes_had ..1 # ..1 wet ..1 diaper|diapers|panal|panales";

pub const FEVER_SIGNS: &[Sign] = &[
    t("@fever"),
    t("feel|feels|felt|feeling|is|was ..2 warm|hot"),
    n("@temp_word ..4 #", vitals::fever),
    n(
        "# ..2 @fever|f|c|degrees|fahrenheit|celsius|rectal*|orally",
        vitals::fever,
    ),
];

/// A sudden onset: a sign that began minutes or hours ago in someone who
/// was well ("he was fine at lunch", "started 20 minutes ago", "estaba
/// bien hace una hora").
pub const ONSET: &[Sign] = &[
    t("@sudden"),
    t(
        "was|were|been|seemed|looked ..1 fine|normal|ok|okay|alright|well|good|perfectly|totally|completely|baseline|at_baseline|sharp|with_it",
    ),
    t("# ..1 min|mins|minutes|hour|hours|hr|hrs ..1 ago"),
    t("an|a|half_an|a_few|few|couple ..1 hour|hours|minutes|min|mins ..1 ago"),
    t("started|began|came_on|come_on|starting ..4 ago|minutes|hour|suddenly|tonight|just_now"),
    // "it started around lunch, maybe 1pm".
    t("started|began|came_on|starting ..3 lunch|lunchtime|breakfast|dinner|supper|noon|midday"),
    t(
        "since ..2 #|breakfast|lunch|dinner|this_morning|this_afternoon|about|an_hour|noon|supper|nap",
    ),
    t("after|since ..2 lunch|breakfast|dinner|supper|nap|waking|woke|church|work"),
    t(
        "last_known_well|lkw|last_seen_normal|last_nl|last_seen_well|last_known_normal|last_normal|onset|new_onset|acute|acutely",
    ),
    t("estaba|estaban|estuvo ..1 bien|normal|perfecto|perfectamente|bien_hace"),
    t("hace ..2 minutos|una_hora|media_hora|un_rato|rato|poco"),
    t("hace ..2 # ..1 minutos|min|hora|horas"),
    t("desde ..2 hace|la_comida|el_desayuno|la_cena|las_#|la_manana|esta_manana|el_almuerzo"),
    t("empezo|empezaron|comenzo ..3 hace|de_repente|ahorita|hoy"),
    t("never ..2 like ..1 this"),
    t("isnt|not ..1 like ..1 him|her|them|himself|herself"),
    t("nunca ..3 habia|ha ..2 estado|sido ..1 asi"),
    t("no ..1 es ..1 normal ..1 en ..1 el|ella"),
    t("this ..1 is ..1 new"),
];

/// A baby (under about a year), for vital signs read by age: "infant",
/// "5mo", "9 month old", "6 wk old".
const BABY: &[Sign] = &[
    t("infant|infants|newborn|neonate|bebe"),
    t(
        "# ..1 mo|mos|mth|mths|wk|wks ..1 old|o|with|w|infant|baby|boy|girl|male|female|m|f|presents|here|ex",
    ),
    t("# ..1 month|months|week|weeks|day|days ..1 old"),
];

/// Who else may be harmed (not oneself).
pub const OTHERS: &[Sign] = &[t(
    "him|her|them|his|my|the|people|everyone|everybody|someone|somebody|us|me|you|kids|school|class|ex|boss|stepdad|stepmom|dad|mom|wife|husband|brother|sister|teacher|neighbor|family|coworker*|staff|nurse|lo|la|los|nos|me|a_su|a_mi|a_la|al",
)];

/// A drill, a simulation or a mock patient: staff rehearsing, not a patient
/// now ("code blue drill, mock pt will be unresponsive", "sim lab:
/// anaphylaxis scenarios").
const DRILL: Sign = t(
    "drill|drills|mock|simulation|simulated|sim|scenario|scenarios|manikin|manikins|mannequin|mannequins|tabletop|inservice|in_service|skills_lab|practice_code|mock_code|order_set|order_sets|tip_sheet|competency|competencies|education_portal",
);

/// An infant's fever already worked up ("we went to the ER, all the tests
/// were negative and she came home").
const WORKED_UP: &[Sign] = &[
    t(
        "tests|test|labs|workup|cultures|culture|bloodwork|spinal_tap|lp|estudios|analisis|examenes ..4 negative|normal|normales|clear|fine|negativos|bien",
    ),
    t("sent|came|vino|vinimos|regresamos ..2 home|casa|a_casa"),
    t("discharged|dado_de_alta|dada_de_alta|dieron_de_alta|le_dieron_de_alta"),
];

/// A measured fever is not a young infant's to act on when the child is
/// older or the fever was worked up.
const FEVER_WORKED_UP: [Sign; OLDER_CHILD.len() + WORKED_UP.len()] = joined(OLDER_CHILD, WORKED_UP);

/// Signs named to be taught: "DKA warning signs".
const WARNING_SIGNS: &[Sign] = &[t("warning|danger|red_flag ..1 signs|sign|symptoms")];

/// Bleeding said to be easing ("a lot lighter", "much less now"), normal
/// ("el sangrado normal") or blood given, not lost ("2 units of blood").
const BLEEDING_EASING: &[Sign] = &[
    t("lot|much|way|mucho ..1 lighter|less|slower|better|menos|mejor"),
    t("sangrado|bleeding|flow ..2 normal|normales"),
    t("units|unit|bags|bag|unidades ..2 of|de ..1 blood|sangre"),
    t("transfusion|transfused|transfusiones"),
];

/// A thought of harm denied, beyond a plain negation's reach.
const HARM_THOUGHT_DENIED: &[Sign] = &[
    t(
        "dont|not|havent|never|no ..3 thoughts|thought|urges|ideas|intention|intentions ..2 of|about ..1 hurting|harming|killing|ending ..2 myself|me|my_life|the_baby|my_baby|him|her",
    ),
    t(
        "no ..1 estoy|esta|he|ha|estaba ..1 pensando|pensado ..1 en ..1 hacerme|hacerse|matarme|matarse|suicidarme|suicidarse|lastimarme|lastimarse|morirme",
    ),
    // Asked and answered: "no ha dicho nada de hacerse daño", "hasn't said
    // anything about hurting himself".
    t(
        "no ..1 ha|han|he|dijo ..1 dicho|mencionado|hablado ..2 nada ..1 de|sobre ..1 hacerse|hacerme|matarse|matarme|suicidarse|lastimarse|lastimarme",
    ),
    t(
        "hasnt|hadnt|didnt|never|not ..1 said|say|mentioned|mention|talked ..2 anything|nothing ..1 about ..1 hurting|harming|killing ..1 himself|herself|themselves|myself",
    ),
];

pub const RULES: &[RuleDef] = &[
    benign(
        rule(
            "chest_pain",
            &[
                t("@chest ..3 @chest_hurt"),
                t("@chest_hurt ..5 @chest"),
                t("@clutch ..3 @chest"),
                t("@chest_hurt ..3 middle|center|centre|left_side ..3 @chest"),
                // A chest "on fire" with the signs of a heart: sweat, a grey colour.
                t("@chest ..3 on_fire|burning|burns ..8 sweat*|gray|grey|pale|clammy|diaphoretic"),
                t("sitting|standing|pressing|pushing|stepping|sat ..3 on ..2 @chest"),
                t("@chest ..3 feels|feel|feeling|is ..2 weird|funny|strange|off|wrong"),
                t("@chest ..3 feels|feel|feeling|felt ..1 like ..4 vice|vise|elephant|weight|brick|bricks|fist|band|belt|crushed|squeezed|clamp"),
                t("heart_attack|heartattack|angina|cp"),
                t("heart ..2 hurts|hurting|pain|pains|aches|aching"),
                // Second-language English: "pain in the heart".
                t("@chest_hurt ..1 in|on|at ..2 heart"),
                t("heart ..3 being ..1 squeezed|crushed|squished"),
                t("@chest ..6 someone|somebody|something|an_elephant|a_truck ..2 standing|sitting|pressing|stepping|kneeling|parked|sit|sits|stand|stands|press|presses ..2 on ..1 it|me"),
                t("radiat* ..4 jaw|arm|shoulder|shoulders|left_arm"),
                // "pressure ... kind of goes down my left arm".
                t("@chest_hurt ..8 goes|going|runs|running|spreads|spreading|shoots|shooting|moves|moving|travels|traveling ..3 down|into|up ..2 my|his|her|the ..1 left_arm|jaw"),
                t("cardiac ..1 arrest|event"),
            ],
        ),
        &[
            DRILL,
            // Adjacent, so that "pain in chest and cold sweating" is no
            // chest cold; only congestion may be a word away.
            t("@chest cold|colds|xray|rash|acne|tattoo|hair|mucus|phlegm|infection|wall|muscle|muscles"),
            t("@chest ..1 congest*"),
            // The game: "chess club", "played chess".
            t("chess ..1 club|game|games|tournament|board|match|team|lessons|set"),
            t("play|plays|playing|played ..2 chess"),
            // "chest x-ray", not "substernal CP x 30 min".
            t("@chest ..1 x ray|rays"),
            t("risk|risks|prevent*|survivor|rehab|lifted|lifting|workout|gym|strain*"),
            // Sore from exercise: "chest hurts after a pushup challenge".
            t("pushup|pushups|push_ups|push_up|situps|planks|benching|bench_press|burpees"),
            t("pulled ..2 muscle|muscles|something|a_muscle|my_back|his_back|her_back"),
            t("cerebral|palsy|spastic|diplegia|diplegic|quadriplegia|hemiplegia|hemiplegic|afo|afos|gmfcs"),
            // Idioms: "casi me da un infarto cuando vi la cuenta", "la espera estuvo de infarto".
            t("casi|almost|nearly ..3 infarto|heart_attack"),
            // A fright at news: "me dio un heart attack cuando vi que mi
            // cita era hoy", "had a heart attack when I saw the bill".
            t("heart_attack|infarto ..2 cuando|when ..2 vi|saw|realized|read|opened|lei|abri|me_di_cuenta"),
            // "You're gonna give me a heart attack": a cause, not an attack.
            t("give|gave|giving|gives ..2 me|you|him|her|us|mom|dad|everyone ..2 heart_attack"),
            // Its cause named: "about to have a heart attack over these
            // parking fees" (not "over here").
            t("heart_attack over ..1 these|this|that|those|the|my|all|your|his|her|our"),
            t("estuvo|fue|esta|estuvieron ..1 de ..1 infarto"),
            t("bruise*|bruising"),
            // Pain only when the chest wall is pressed: "solo cuando lo
            // aprieto", "only when I push on it".
            // ("cuando camino me aprieta el pecho" is a chest that tightens.)
            t("when|cuando ..2 i|you|lo|la|me ..1 press|push|touch|aprieto|toco|presiono"),
            t("cuando ..1 lo|la|se_lo|se_la ..1 aprieta"),
            t("stable|chronic"),
            // A balm rubbed on the chest: "rubbing vicks on his chest".
            t("vicks|vaporub|lotion|cream|ointment|balm"),
            // Atypical chest pain, not "atypical ACS" (a clinician's concern).
            t("atypical ..1 chest|cp|pain"),
            t("noncardiac|non_cardiac|msk|musculoskeletal|costochondritis|reproducible"),
            t("ro|ruled|rule_out|low_risk"),
            // A side effect read about: "'chest pain' listed on the leaflet".
            t("leaflet|insert|label|listed|side_effect|side_effects"),
        ],
    ),
    medicine_use(
        "chest_pain",
        &[
            t("@administer|popped ..3 nitro"),
            t("taking|take|took ..2 the|a|my|another|second ..1 nitro|nitroglycerin"),
            t("@administer|popped ..2 # ..2 nitro"),
            t("nitro ..3 @not_working"),
            t("using|used|taking|needing|need|needed ..4 nitro|it|them ..3 every_day|daily|a_lot|more_often|more_and_more|several_times"),
        ],
    ),
    benign(
        rule(
            "breathing",
            &[
                t("@breath_trouble ..2 @breathe"),
                // The noun for the verb: "not able to breath good".
                t("not_able_to|unable_to|cant|couldnt ..1 breath"),
                // A choke that has not cleared: "no puede llorar ni toser",
                // "can't cry or cough", "le di golpes en la espalda y nada sale".
                t("no ..1 puede ..2 llorar|toser|hablar|respirar ..2 ni ..1 toser|llorar|respirar|hablar"),
                t("cant|couldnt ..1 cry|cough|talk ..2 or|nor ..1 cough|cry|breathe|talk"),
                t("atragant* ..12 nada ..1 sale|salio"),
                t("choking|choked ..12 nothing ..2 came_out|comes_out|coming_out"),
                t("@breathe ..3 @breath_hard"),
                t("not|isnt|stopped|quit|stops|wasnt|arent|stopping|barely ..1 breathing"),
                t("sob|dyspnea|suffocat*|smother*"),
                // Orthopnea, and fluid heard in the breath.
                t("cant|unable_to|couldnt ..1 lie|lay ..1 flat"),
                t("bubbling|gurgling|crackling|rattling ..4 breath|breathes|breathing"),
                t("gasp*"),
                t("choking|choked|choke"),
                t("cant get ..2 air"),
                t("cant|couldnt ..1 get|take ..2 a ..1 full|deep|good|real ..1 breath"),
                t("no ..1 air|aire"),
                t("not getting ..2 air"),
                t("air hunger"),
                t("@breath_trouble ..2 get|getting|move|moving|pull|pulling ..1 air"),
                t("lungs|lung ..4 closing|tight|tightening|collapsing|collapsed|on_fire|filling"),
                t("asthma ..1 attack|flare"),
                t("@blue_part ..3 @blue"),
                // "baby blue??": the baby, not the colour (see the look-alike).
                t("baby|babys|infant|newborn|bebe ..1 blue|gray|grey|dusky|morado|morada"),
                t("turning|turned|going|gone|went|looks|look|looking ..1 @blue"),
                t("@inhaler ..3 @not_working"),
                t("ribs|chest|belly|skin|neck|stomach|collarbone|collarbones|throat|tummy ..3 sucking|pulling|caving|sinking|sucks|pulls|sinks|caves|sucked|pulled|sank|sunk ..1 in"),
                t("@breathe ..8 squeaky|whistling|high_pitched|stridor|grunt|grunts|grunting|honking"),
                t("grunt|grunts|grunting|squeak|squeaky|whistle|whistling|honk|honking ..6 breathes|breathe|breath|breaths|breathing"),
                t("nose|nostrils|nostril ..2 flare|flares|flaring|flared"),
                t("pulling|sucking|sinking|caving ..1 in ..3 ribs|chest|neck|collarbone|collarbones|belly|throat"),
                t("breathing|breathes|breathe ..2 with ..2 his|her|my|the|their ..1 shoulders|neck|stomach|belly"),
                t("working|works|worked ..1 hard|so_hard|really_hard|very_hard ..3 to ..1 @breathe"),
                t("@breathe ..2 looks|seems|is ..1 like ..1 hard_work|work"),
                t("retractions|grunting"),
                // "you can see her ribs with every breath".
                t("see|seeing|can_see ..3 ribs|rib|ribcage ..4 breath|breaths|breathes|breathing|inhale"),
                // A counted rate: "breathing about 70 times a minute".
                n("breathing|breaths|breathes|breathe|respiraciones|respira ..3 # ..3 minute|min|minuto", vitals::counted_breaths_fast),
                // "his belly is going in and out fast": breathing with the belly.
                t("belly|stomach|tummy|ribs ..3 in_and_out|up_and_down ..2 fast|hard|quick|quickly|so_fast|really_fast"),
                t("shoulders|neck|belly|stomach|ribs ..4 doing|do|does ..2 all_the_work|the_work|the_breathing"),
                t("nostrils ..1 flaring"),
                t("cant ..1 finish ..2 sentence*"),
                t("only|can_only ..2 say|get_out|speak|talk ..3 # ..1 word|words ..1 before|then|and|at_a_time"),
                t("only|can_only ..2 say|get_out|speak|talk ..3 # ..1 word|words"),
                t("stop ..2 and|to ..1 breathe|catch_my_breath|catch_his_breath|catch_her_breath ..3 every|after|between"),
                t("every ..2 few ..1 words"),
                t("breath|breathing|breathe|breaths|air|respiro|respira|respirando|respirar|aire ..4 through|por ..2 a|un|una ..1 straw|popote|pajita|pajilla|sorbete|pitillo|bombilla"),
                t("say|speak|get_out|talk ..3 more ..1 than ..3 couple|few|two|three|# ..1 words"),
                t("have|had|has ..1 to ..1 sit|stand|sleep ..6 to ..1 breathe|get_air|catch"),
                t("drowning|drown ..3 in ..2 chest|lungs"),
                t("wheez* ..6 @not_working"),
            ],
        ),
        &[
            DRILL,
            // A saturation said to be the patient's baseline ("chronic hypoxemia,
            // baseline SpO2 90-92%").
            t("baseline|usual|chronic|chronically ..2 o2|sat|sats|saturation|hypoxemia|hypoxia"),
            t("o2|sat|sats|saturation ..2 baseline|usual"),
            // An oxygen supplier's qualifying test: "qualifying sat 88% on RA
            // from the 9/2 visit".
            t("qualifying ..2 o2|sat|sats|saturation|test"),
            // A newborn's periodic breathing, named by the pediatrician.
            t("periodic ..1 breathing|breather"),
            // A stuffy nose, not nostrils flaring.
            t("through|thru|stuffy|blocked|runny|congested|plugged|clogged ..2 nose|nostril|nostrils|nasal"),
            t("nose|nostril|nostrils ..2 stuffy|blocked|runny|congested|plugged|clogged|spray|drops|bleed"),
            t("nasal ..1 spray|congestion|drops|passages|rinse|strip|strips|cannula"),
            t("stuffy|congested|sinus*|mask|cpap|nariz|tapada|congestion|mocos|slightly|mildly|hills|hill|stairs|uphill|exercise|exercising|running|jogging|workout|gym"),
            t("walking_far|long_distances|a_mile|blocks|exertion|exertional|lawnmower|mower|engine|carburetor|motorcycle|chainsaw|laughing|laugh|laughed|comedian|hilarious|ejercicio|correr|escaleras|subir|sprints|suicides|conditioning"),
            // An adult's sleep apnea: "stops breathing for a few seconds at
            // night, the doctor said sleep apnea".
            t("sleep_apnea|apnea_hypopnea|snore|snores|snoring|sleep_study|sleep_clinic|osa|apnea_index"),
            // Comfort care: "apneic periods, expected".
            t("expected|anticipated|as_expected"),
            // Charted as mild: "mild SOB w/ URI", "minimal dyspnea".
            t("mild|minimal ..1 sob|dyspnea|doe"),
        ],
    ),
    benign(
        rule(
            "stroke",
            &[
                t("@face ..4 @droop"),
                t("@droop ..4 @face"),
                t("face|facial ..3 numb|numbness|paralyzed|paralysis|weak|weakness|tingling"),
                t("numb|numbness|tingling ..4 face"),
                t("slurr*|slured|garbled|jumbled"),
                t("@speech_cant ..3 @speak"),
                t("speech ..3 slow|weird|strange|off|funny|gibberish|wrong"),
                t("talking|speaking ..2 gibberish|nonsense|funny|weird|strange"),
                t("words ..3 wrong|mixed|scrambled|coming_out"),
                t("@numb ..6 @one_side"),
                t("@one_side ..4 @numb|@droop"),
                t("@sudden ..3 @numb"),
                t(
                    "@sudden ..3 confus*|dizz*|blind*|vision|headache|loss|lost|droop*|paraly*|balance|cant|trouble|double",
                ),
                t("double_vision|doublevision"),
                t("seeing|see|went ..1 double"),
                t("vision ..3 double|black|dark|gone|went_out|blacked|lost"),
                t("lost ..2 vision|sight"),
                t("went|gone|going ..1 blind"),
                t("cant see ..4 one_eye|left_eye|right_eye"),
                t("blind ..3 one eye"),
                t("curtain ..4 eye|vision"),
                t("cant|couldnt|trouble ..2 keep|keeping|hold ..2 balance"),
                t("walk|walking ..1 straight"),
                t("worst headache"),
                t("worst ..2 ha|headache|headaches|head_pain ..2 of ..2 life"),
                t("thunderclap"),
                t("@sudden ..2 @severe ..1 headache"),
                t("having ..1 a stroke"),
                t("think|thinks|worried|afraid|scared|maybe|possible|possibly|like ..4 stroke"),
                t("might|could ..1 be ..2 stroke"),
                // Not "mi tía" (an aunt, in Spanish).
                t("mini_stroke"),
                t("a|had|has|have|having|with|w|possible|new|recurrent|ro|another|for|hx|sp|dx|ddx|likely|probable|suspected|suspect|concern|concerning|cf|rule_out ..1 tia"),
                t("tia ..1 symptoms|sx|like|workup|wu|vs|or|last|this|today|yesterday|earlier"),
                t("cant|couldnt|unable_to ..1 lift|raise|move ..2 arm|leg|arms|legs"),
            ],
        ),
        &[DRILL, t(
            "dentist|novocaine|numbing|filling|botox|carpal|asleep|shoulder|surgery|knee|sprain*|broke|broken|cast|injury|hip|laryngitis|voice|heat|sun|risk|luck|genius|midnight|brilliance|inspiration|swim|swimming|strokes|paddle|golf|tennis|brush",
        )],
    ),
    benign(
        rule(
            "severe_bleeding",
            &[
                t("@bleed ..4 @heavy_bleed"),
                t("@heavy_bleed ..3 @bleed"),
                t("@vomit ..4 blood|bloody|coffee_grounds"),
                t("blood ..3 in ..2 vomit|puke"),
                t("cough*|coughed|spitting|spit ..3 blood|bloody"),
                t("black|tarry ..3 stool|stools|poop|poo|bm"),
                t("stool|stools|poop|poo|bm|bms ..3 black|tarry|like_tar|maroon"),
                t("soak* ..4 towel*|gauze|bandage*|shirt|sheets|pad|pads|through"),
                // A pad changed every half hour: "change a pad every 30-40 mins"
                // (a count of minutes, a report even asked as "is it normal").
                n("pad|pads|toalla|toallas ..4 every|cada ..2 # ..1 min|mins|minutes|minutos", vitals::within_an_hour),
                t("pad|pads|toalla|toallas ..4 every|each|cada ..1 hour|hr|hora|half_hour|media_hora"),
                t("gaping|amputat*|severed|stabbed|gunshot|gsw"),
                t("shot ..1 with ..1 a|gun"),
                t("hemorrhag*|hemorage"),
                t(
                    "@bleed ..3 through ..2 bandage*|gauze|towel*|dressing|clothes|shirt|pants|pad|pads",
                ),
                t("cut ..2 off ..3 finger|toe|fingertip"),
                t("@bleed ..4 for ..2 an|# ..1 hour|hours|hrs|hr"),
                t("@bleed ..4 over ..1 an ..1 hour"),
                t("blood ..4 wont stop"),
                t("@bleed ..8 dizzy|lightheaded|faint|fainting|mareado|mareada|palido|palida|desmay*|pass_out|passing_out|woozy"),
                t("cant|wont|couldnt ..4 @bleed ..2 stop|stopped"),
            ],
        ),
        &[t(
            "gum|gums|floss*|brush*|streak*|tinged|speck*|fleck*|drop|dot|spot|pimple",
        )],
    ),
    with_context(
        "severe_bleeding",
        &[t("@thinner")],
        &[t("@bleed ..4 wont|cant|hasnt|isnt|not ..1 stop|stopping|stopped")],
    ),

    with_context(
        "head_injury",
        &[
            t("@head_injury"),
            t("fell|fall ..4 head"),
            // A fall from a height a baby is put on: "rolled off the bed".
            t("fell|rolled|fallen|dropped ..3 off|from ..3 bed|couch|changing_table|table|sofa|crib|stairs|chair|counter|high_chair|highchair"),
            // Charted: "struck occiput on curb", "+head strike".
            t("struck|strikes|hit|hits|bumped|banged|smacked ..3 head|occiput|forehead|temple"),
            t("head ..1 strike|struck"),
        ],
        &[
            t("@thinner"),
            t("@vomit"),
            t("@confused"),
            t("@ams"),
            t("fainted|seizure*"),
            t("worst headache"),
            t("@severe ..2 headache"),
            t("cant_remember|memory|pupils"),
            t("pupil|pupils ..5 bigger|larger|smaller|unequal|different|blown|dilated"),
            t("clear fluid"),
        ],
    ),
    benign(
        rule(
            "anaphylaxis",
            &[
                t("anaphyla*"),
                t("@throat ..3 @closing"),
                t("@closing ..3 @throat"),
                t("tongue ..3 @swell|thick|big"),
                t("@swell ..3 tongue"),
                t("lips|lip ..3 @swell"),
                t("@swell ..3 lips|lip"),
                t("allergic ..2 reaction"),
                t("reaction ..3 @allergen"),
            ],
        ),
        &[DRILL, t(
            "mild|minor|slight|small|seasonal|dentist|tooth|teeth|wisdom|filler|botox|sunburn|acne|pimple|sinus|gland*|tonsil*|strep|sore|mumps|cold|pink|allergies|sinuses|eye|history",
        ),
        // An allergy list, not a reaction: "chart lists ANAPHYLAXIS to PCN".
        t("chart|charted|lists|listed|documented|allergy_list|allergy_lists")],
    ),
    // Epinephrine given means a reaction that can come back within hours:
    // "throat already feels better" does not end it.
    medicine_use(
        "anaphylaxis",
        &[
            t("@administer ..3 epipen|epipens|auvi"),
            t("epipen ..3 @not_working"),
        ],
    )
    .lasting(),
    benign(
    with_context(
        "anaphylaxis",
        &[
            t("@expose ..5 @allergen"),
            t("reaction to"),
            t("allergic to ..3 @allergen"),
            // "my son's peanut allergy", "alergia al cacahuate".
            t("@allergen ..1 allergy|allergic"),
            t("alergia|alergico|alergica ..2 @allergen"),
            t("stung|sting|stings"),
        ],
        REACTION_SIGNS,
    ),
        // Swelling where the sting was, or told by its size: a local
        // reaction ("red and swollen about the size of a quarter").
        &[
            t("@swell ..6 size ..2 of"),
            t("@swell ..4 where|around|at ..2 the ..1 sting|bite|site|spot"),
        ],
    ),
    // An allergy known is a fact about the person, however long ago it was
    // found: "known egg allergy, ate a muffin ... hives spreading up her
    // neck" (the signs are still read for a past).
    with_context(
        "anaphylaxis",
        &[
            t("@allergen ..1 allergy|allergic"),
            t("allergic to ..3 @allergen"),
            t("alergia|alergico|alergica ..2 @allergen"),
        ],
        REACTION_SIGNS,
    )
    .past_context(),
    // A reaction climbing after a vaccine or an infusion: the airway, the
    // voice, the lips or hives spreading ("15 min after her Tdap: itchy
    // lips, now voice hoarse"), not the arm red and swollen where the shot
    // went in.
    with_context(
        "anaphylaxis",
        &[t("after|since|from|post|got|received|recd|rcvd|given|had|gets|getting ..3 vaccine|vaccines|vax|shot|shots|tdap|dtap|mmr|booster|injection|infusion|immunization")],
        &[
            t("@throat ..3 @closing"),
            t("lips|lip|tongue|face ..3 @swell|tingly|tingling|itchy|numb|puffy"),
            t("itchy|tingly|tingling|swollen|puffy ..1 lips|lip|tongue|throat"),
            t("voice ..3 hoarse|different|changed|raspy|funny"),
            t("hives|welts|rash ..3 spreading|all_over|everywhere|whole_body|face|chest|neck"),
            t("wheez*"),
            t("@breath_trouble"),
        ],
    ),
    with_context(
        "anaphylaxis",
        &[
            t("@expose ..5 @allergen"),
            t("reaction|allergic|allergy|hives|itchy|itching|sting|stung|bite|bitten|@sudden"),
            t("after ..2 eating|taking|starting|ate|took|started"),
            t("@breathe|@throat"),
        ],
        &[t("face ..3 @swell"), t("@swell ..3 face")],
    ),
    benign(
        rule(
            "overdose",
            &[
                t("overdos*|overdoes|overdosing|od|oded"),
                t("odd on"),
                t("@ingest ..6 @excess ..4 @substance"),
                t("@ingest ..4 @substance ..5 @excess"),
                                t("@excess ..3 @ingest ..4 @substance"),t("@ingest ..4 @poison"),
                n("@ingest ..3 # ..4 @substance", vitals::many_pills),
                // A past run of doses: "ended up taking 14-16 extra strength
                // Tylenol on Saturday".
                n("ended_up|wound_up ..1 taking|swallowing|using ..3 # ..4 @substance", vitals::many_pills),
                // Many pills in words: "took like twenty of her pills",
                // "se tomó como veinte pastillas".
                t("@ingest ..4 fifteen|twenty|thirty|forty|fifty|sixty|hundred|dozen|quince|veinte|treinta|cuarenta|cincuenta|sesenta|cien|docena ..5 @substance"),
                t(
                    "mixed|mixing|combined ..3 @substance ..3 alcohol|drinking|booze|vodka|wine|beer|@substance",
                ),
                t("got_into|gotten_into ..3 @substance|cabinet|bottle|purse"),
                t("poison_control|poisoned|poisoning"),
                // "drank something from under the sink": household chemicals.
                t("@ingest ..6 under ..2 sink"),
                // "took the rest of the bottle", "took all of the pack".
                t("@ingest ..3 the_rest|rest|all|whole ..2 of ..2 the|my|his|her ..1 bottle|pack|box|prescription|supply|pills|meds"),
                // "swallowed a handful of something from her sister's room".
                t("@ingest ..3 @excess ..2 of ..1 something|stuff|whatever|algo"),
                t("carbon monoxide"),
            ],
        ),
        &[
            // A dose taken ("took 30 units of insulin"), not a tablet's
            // strength ("took 30 of her amitriptyline 25mg").
            t("@ingest ..2 # ..1 units|unit|mg|ml|mcg|milligrams|cc|iu"),
            t("fridge|refrigerator|sticker|website|pamphlet|brochure|chocolate|candy|cookies|pizza|coffee|caffeine|cake|sweets|netflix|dulces|pastel|sunshine|sun|wallet|bank|money|shopping|homework|studying|cheese|pumpkin_spice|pumpkin|latte|lattes|memes|anime|tiktok|youtube|christmas|halloween"),
            // "overdosed on tv" (not "the tv remote" a battery came from).
            t("on ..2 tv"),
            t("tv ..1 show|shows|series"),
            // "me tomo la pastilla todos los días": every day, not all.
            t("todos|todas ..1 los|las ..1 dias|noches|mananas|tardes|semanas"),
            // Asking for the number, not calling it.
            t("number|numero|phone|telefono ..3 poison_control"),
            t("poison_control ..2 number|numero|phone|telefono|#"),
            // Its number handed over: "gave poison control # + safety tips".
            t("gave|give|giving|given|provided|offered ..1 poison_control|poison_center"),
            // A song's title: "this song 'overdose on you'".
            t("song|songs|lyric|lyrics|album|track|playlist|singing ..6 overdose|overdosing|overdosed"),
            // A detector asked about: where it goes, its batteries, a chirp
            // (not one going off: "the co alarm went off").
            t("carbon_monoxide|co|monoxido ..2 detector|detectors|alarm|alarms ..8 where|place|install|installed|mount|battery|batteries|chirp*|buy|recommend|near|go|pilas|bateria|baterias|poner|instalar"),
            t("where|install|mount|buy|change|replace|cambio|cambiar|pilas|baterias|bateria ..6 detector|detectors|alarm|alarms ..3 carbon_monoxide|co|monoxido"),
            t("where|install|put|mount|buy|recommend ..6 carbon_monoxide|co ..1 detector|detectors|alarm|alarms"),
            // "overdose of vit c?": a harmless vitamin.
            t("vit|vitamin|vitamina ..1 c"),
            // A pet's poisoning: "it was my dog who ate the chocolate".
            t("was ..1 my|the|our ..1 dog|cat|puppy|kitten|pet|perro|gato|perrito|gatito"),
            // "OD" is the right eye in a drop's directions: "1 gtt OD BID".
            t("od ..2 bid|tid|qid|qd|qhs|daily|eye|ou|os"),
            t("gtt|gtts|drop|drops|eye ..2 od"),
            // A pharmacy's count: "they only gave me 30 tabs not 60".
            t("only ..1 gave|give|gives ..1 me|us|him|her"),
        ],
    )
    .lasting(),
    // Many pills asked about, then said to be taken: "is it ok to take 30
    // of my sleeping pills? I just did".
    with_context(
        "overdose",
        &[t("i ..1 just|already ..1 did"), t("ya ..1 lo|las|los ..1 hice|tome")],
        &[n("take|taking|tomar|tomarme ..3 # ..4 @substance", vitals::many_pills)],
    )
    .lasting(),
    // Something unknown drunk or eaten, then named as a chemical in the
    // next clause ("drank something out of a jug, we think it's washer
    // fluid"): no one is safe "so far" after methanol or glycol.
    with_context(
        "overdose",
        &[t("drank|drink|drinks|swallowed|ate|ingested|chugged|tomo|bebio|trago ..2 something|algo")],
        &[
            t("@poison|washer_fluid|wiper_fluid|coolant|methanol|paint|solvent"),
            t("liquid|fluid ..3 car|window|windshield|engine"),
        ],
    )
    // What was drunk is reported, not read ("label says antifreeze").
    .personal()
    .lasting()
    .past_context(),
    with_context(
        "envenomation",
        &[t("@venomous")],
        &[t("fang|fangs ..1 marks|mark|holes"), t("stepped_on|grabbed|touched|picked_up|pise|agarre ..3 @venomous")],
    ),
    // A scorpion's sting is dangerous to a child (a bark scorpion's venom
    // acts on nerves), seldom to an adult.
    with_context(
        "envenomation",
        &[t("@child")],
        &[t("stung|sting|stings|bit|bitten|pico ..4 scorpion|escorpion"), t("scorpion|escorpion ..3 stung|sting|stings|pico")],
    ),
    // A bite or sting of a venomous animal: antivenom is time-bound.
    rule(
        "envenomation",
        &[
            t("snakebite|snake_bite"),
            t("bit|bitten|bite|stung|sting|mordio|pico|mordida|picadura|mordedura ..6 @venomous"),
            t("@venomous ..3 bit|bite|bitten|stung|sting|stings|mordio|pico"),
        ],
    ),
    // No urine for hours in a patient being measured: kidneys or a blocked
    // catheter failing now.
    rule(
        "critical_vital",
        &[
            n("uop|urine_output|uo ..2 #", vitals::no_urine),
            t("uop|urine_output|uo ..2 zero|none|nil"),
            t("anuric|anuria"),
        ],
    ),
    // New weakness of both legs with a bladder or saddle sign: the spinal
    // cord or its roots compressed.
    with_context(
        "surgical_emergency",
        &[
            t("leg|legs|le|les|bilat|bilateral|both_legs ..3 weakness|weak|numb|numbness"),
            t("weakness|weak|numb|numbness ..3 both_legs|legs|bilat|bilateral"),
        ],
        &[
            t("urinary|bladder ..1 retention|incontinence"),
            t("cant|unable_to|couldnt ..1 void|pee|urinate"),
            t("retaining_urine"),
            t("saddle ..2 numb|numbness|anesthesia"),
            t("numb|numbness ..3 saddle|groin|between_legs|between_his_legs|between_her_legs"),
            t("incontinence|incontinent ..2 urine|bladder|bowel|stool"),
        ],
    ),
    // A fuel-burning heater and the same sickness in several people (or
    // the pets) at once: carbon monoxide until proven otherwise.
    with_context(
        "overdose",
        &[t("furnace|heater|space_heater|generator|boiler|fireplace|wood_stove|gas_stove|kerosene|calentador|calefaccion|generador|estufa")],
        &[
            t("all|both|whole|everyone|everybody|entire|todos|toda ..5 headache*|headaches|nausea|nauseous|dizzy|sick|throwing_up|vomiting|dolor_de_cabeza|mareados|vomitando"),
            t("headache*|headaches|nausea|nauseous|dizzy|dolor_de_cabeza|mareados ..8 all|both|whole_family|everyone|everybody|kids|todos|ninos"),
            t("dog|cat|pets|perro|gato ..3 sluggish|lethargic|sick|wobbly|acting_weird|decaido"),
        ],
    ),
        with_context(
        "overdose",
        &[t("@risky_dose")],
        &[
            t("@ingest ..6 @mild_excess ..4 @substance"),
            t("@ingest ..4 @substance ..5 @mild_excess"),
            t("@mild_excess ..3 @ingest ..4 @substance|@poison"),
            t("doubled|double_dosed|overdid ..3 on ..3 @substance"),
            t("take|takes|taking ..3 by_mistake|by_accident|two_times|double|twice ..4 @substance"),
        ],
    )
    // An adult's pill taken twice whose strength is given ("amlodipine 5
    // mg", "metoprolol de 25 mg"): a known small dose, to watch at home.
    .veto(&[t("# ..1 mg|mcg|milligrams|miligramos")]),
    benign(with_context(
        "overdose",
        &[t("@child")],&[
            t("@ingest ..5 @poison"),
            t("@ingest ..5 some|a|an|unknown|several|many|adult|grandmas|grandpas|moms|dads|someone_elses|somebody_elses|his_brothers|her_brothers|his_sisters|her_sisters|bunch|handful|whole ..3 @substance"),
            // "ate my pills", not "gave my daughter motrin" (the child is
            // whom it was given to).
            t("ate|eaten|eating|swallowed|swallow|drank|chewed|took|taken|licked|sucked|bit_into|got_into|gotten_into|got_ahold_of|got_hold_of ..5 the|my|our ..3 @substance"),
            // "ate a few of grandma's heart pills".
            t("@ingest ..2 few|couple ..5 @substance"),
            t("got_into|gotten_into|found ..3 @substance|@poison|cabinet|bottle|purse"),
            // Into someone's things, not into a program ("3 weeks into
            // outpatient for opioids").
            t("into ..1 the|my|his|her|our|their|grandmas|grandpas|moms|dads|someone_elses|somebody_elses ..2 @substance|@poison|cabinet|bottle|purse"),
        ],
    ),
    // Whether a dose was taken at all ("I forget whether I took my
    // pills"): an adherence question.
    &[t("forget|forgot|remember|remembered|sure|know ..2 whether|if ..2 i|she|he|we ..1 took|gave|had")])
    // A child who "seems fine" after an adult's pills is not out of danger:
    // heart and sugar pills act hours later, and one can be enough.
    .lasting(),
    // A child into a parent's opioid films or patches ("got into my strips,
    // a wrapper chewed open"): one can stop a small child's breathing.
    benign(
        with_context(
            "overdose",
            &[t("@child")],
            &[
                t("got_into|gotten_into|chewed|chewing|ate|found|sucked|sucking|licked ..4 strips|strip|film|films|patch|patches|suboxone|bupe|buprenorphine|fentanyl|methadone|wrapper|wrappers"),
                t("suboxone|bupe|buprenorphine|fentanyl|methadone|strips|patch ..6 chewed|missing|open|opened|mouth|swallowed"),
            ],
        )
        .lasting(),
        &[t("test_strips|glucose_strips|testing_strips|ketone_strips|strip_test")],
    ),
    // A caustic or chemical in the eye: a poisoning to rinse now and call
    // about ("got drain cleaner in my eye", "le salpicó cloro en el ojo").
    rule(
        "overdose",
        &[
            t("@poison|chemical|chemicals|acid|quimico|quimicos|acido ..5 in|into|en ..2 eye|eyes|ojo|ojos"),
            t("eye|eyes|ojo|ojos ..3 splashed|sprayed|squirted|salpico|salpicaron ..3 with|con ..2 @poison|chemical|chemicals|acid|quimico|acido"),
            t("splashed|sprayed|squirted|salpico|salpicaron ..4 @poison|chemical|chemicals|acid|quimico|acido ..4 eye|eyes|ojo|ojos"),
            t("eye|eyes|ojo|ojos ..3 got|gets|was|were ..1 splashed|sprayed|squirted ..3 @poison|chemical|chemicals|acid"),
        ],
    ),
    medicine_use(
        "overdose",
        &[
            t("@administer ..3 narcan"),
            t("narcan ..3 @not_working"),
            // Given to the patient, not handed out ("narcan kit given").
            t("narcan given|administered|x2|x3|twice|again"),
            t("narcan was|were|been|dose|doses|spray|nasal|# ..2 given|administered|x2|x3|twice|again"),
        ],
    ),
    with_context(
        "overdose",
        &[t("@street_drug")],
        &[
            t("@ams"),
            t("breathing ..2 slow|shallow|weird|funny"),
            t("slow ..2 breathing"),
            t("pinpoint"),
            t("turning|turned|going|lips ..1 @blue"),
        ],
    ),
    // An opioid medicine with its signs: "a sip of her hydrocodone cough
    // syrup ... super sleepy and breathing slow".
    with_context(
        "overdose",
        &[t("hydrocodone|codeine|oxycodone|morphine|tramadol|methadone|opioid|opioids|opiate|opiates|percocet|vicodin|norco|dilaudid|hydromorphone|fentanyl")],
        &[
            t("@ams"),
            t("breathing ..2 slow|shallow"),
            t("slow ..2 breathing"),
            t("pinpoint"),
            t("turning|turned|going|lips ..1 @blue"),
        ],
    ),
    benign(
        rule(
            "self_harm",
            &[
                t("suicid*|sucid*|suicdal|suiside*"),
                t(
                    "kill|killing|hang|hanging|shoot|shooting|drown|poison ..1 myself|my_self|himself|herself|themselves|themself",
                ),
                t(
                    "going_to|wants_to|want_to|threatening_to|threatened_to|trying_to|tried_to|might|will|talking_about|talked_about|thinking_about ..2 hurt|harm|hurting|harming ..1 himself|herself|themselves|themself",
                ),
                t("end|ending|take|taking ..1 his|her|their ..1 own|life"),
                t("end|ending|take|taking ..1 my ..1 own|life"),
                t("end it all"),
                t("end|ending things|everything|it"),
                t("want|wanted|wants|ready|going|deserve ..2 to die"),
                t("rather ..2 dead|die"),
                t(
                    "wish ..1 i ..2 dead|gone|never_been_born|wasnt_born|disappear|die|not_wake_up|wouldnt_wake_up|didnt_wake_up|wasnt_here|wasnt_alive|could_die|was_never_born",
                ),
                t(
                    "dont|didnt|no_longer|not|no|never ..2 want ..1 to_live|to_be_alive|to_be_here|to_exist|to_wake_up|to_go_on|to_keep_living",
                ),
                t("no reason ..2 to_live|living|to_go_on"),
                t("nothing to live for"),
                t("not worth ..2 living|it_anymore|being_alive"),
                t("life ..2 not_worth|isnt_worth"),
                t("better off ..3 dead|without_me|gone|died"),
                // "the family'd be better off with the insurance money".
                t("better_off ..4 insurance|life_insurance|insurance_money|policy"),
                t("use|using|turn|turning ..3 on ..1 myself"),
                t("no one ..3 care|miss|notice ..3 if_i"),
                t("cant go on"),
                t("hurt|hurting|harm|harming|cut|cutting|burn|burning|burned ..1 myself"),
                t("self ..1 harm*|injur*|mutilat*"),
                t("selfharm*"),
                t("cutting ..1 again"),
                t("going|go|went|cut|cuts ..1 deeper"),
                                t("started ..1 cutting"),
                t("cutting ..3 deeper|deep|arms|arm|wrists|wrist|legs|thighs|skin"),
                t("thinking|thought|planning|going|want|wanted|tempted ..3 take|taking|swallow|swallowing|downing ..1 them|it|those|the ..1 all|whole"),t("slit|slash|cut ..2 wrist|wrists"),
                t("jump|jumping ..2 off ..2 bridge|roof|building|cliff|balcony|overpass"),
                t("jump|jumping ..1 in_front ..3 train|car|bus|truck|traffic"),
                t("jump|jumping ..3 from|off|out ..3 floor|roof|rooftop|bridge|building|window|balcony|parking_garage"),
                // "jumping off the top of the parking garage".
                t("jump|jumping ..3 from|off ..1 the|a ..1 top|edge ..1 of ..2 roof|rooftop|bridge|building|balcony|parking_garage|garage|overpass|cliff|tower"),
                t("end|ending ..2 my ..1 suffering|misery"),
                t("kms|unalive|unaliving|unalived"),
                t("disappear|sleep ..1 forever"),
                // A drive meant to end it: "keep thinking about driving
                // into the median on the way home".
                t("thinking|think|thought|want|wanted|urge|tempted ..3 driving|drive|swerving|swerve|crashing|crash ..3 into|off ..2 median|wall|tree|traffic|bridge|road|pole|truck|semi|overpass"),
                // A rope or noose, its innocent use denied: "bought a rope
                // today. not for camping".
                t("rope|noose|cuerda|soga ..4 not_for|no_es_para"),
                t("noose"),
                // A plan with its date: "I have a plan and a date picked".
                t("plan ..4 date ..1 picked|set|chosen|planned"),
                t("disappear|vanish ..2 for_good|forever|for_ever|permanently"),
                t("never ..1 wake ..1 up"),
                t(
                    "thinking|thought|planning|plan|going|want|wanted ..3 take|taking|swallow|swallowing ..2 all|every|whole|entire ..3 pills|meds|bottle|pack|packet|box|medication*|@substance",
                ),
                // An absence planned ("don't plan on being around much longer"),
                // sleep wished as an end, an overdose amount looked up.
                t("dont|do_not|not ..1 plan|planning|intend|expect|expecting ..2 being|be ..1 around|here|alive ..2 much_longer|anymore|any_longer|long|for_long|after"),
                t("not|never ..2 have ..1 to ..1 face|do|live|wake_up_to ..1 another ..1 day"),
                t("not|never ..2 have ..1 to ..1 do|face ..1 tomorrow ..1 or ..2 any|another|every"),
                t("looked_up|googled|searched|searching|looking_up|researched ..8 whole|all|entire|every ..2 pack|packet|bottle|box|pills|@substance"),
                t("im|i_am ..1 not ..1 safe"),
                // "I can't promise I'm safe tonight".
                t("cant|wont ..1 promise ..3 safe"),
                t("dont|cant|do_not|not ..1 trust ..1 myself"),
                // Pills laid out, an absence dated, others happier without me,
                // no more bother after tonight.
                t("lined|lining|laid|laying ..2 out|up ..3 pills|meds|tablets|them_all"),
                t("pills|meds|tablets ..2 lined_up|laid_out|all_lined_up"),
                t("wont|not_going_to|not_gonna|dont_think_ill ..1 be ..1 alive"),
                t("wont|not_going_to|not_gonna|dont_think_ill ..1 be ..1 here|around ..2 for ..2 birthday|graduation|christmas|thanksgiving|holidays|summer|new_year"),
                t("happier|easier|lighter|better ..3 without_me|if_i_was_gone|if_i_were_gone|if_i_wasnt_here|when_im_gone|once_im_gone"),
                t("wont|not_going_to|not_gonna ..1 bother|burden ..2 anyone|anybody|you|nobody ..1 after ..1 tonight|today|this|tomorrow"),
                t("want|wanted|need|needed ..3 everything|it_all|all_of_it ..1 to ..1 stop|end|be_over"),
                t("stop|stops|end|ends ..2 hurting|everything ..2 for_good|forever"),
                t("planning|planned|figured_out|worked_out ..2 how|when ..2 to ..1 do_it|end_it|go_through_with_it"),
                t("wrote|written|writing|left ..3 letters|notes ..2 to|for ..1 everyone|everybody|my_family|my_kids|my_parents"),
                t("wrote|writing|written ..1 everyone|everybody|my_family|my_kids|my_parents ..1 letters|notes|a_letter|a_note"),
                t("dont|not|never ..1 feel ..1 safe"),
                t("feel ..1 unsafe"),
                t("stockpil*"),
                t("saving|saved|hoarding|collecting ..3 pills|meds"),
                t("pills|meds ..2 saved|stockpiled|stashed|hoarded"),
                t("goodbye ..1 note|notes|letter|letters|message|messages|text|texts|video"),
                t("texted|text|sent|wrote|left|said|saying|told|telling|posted|posting ..3 goodbye"),
                t("giving ..1 away ..2 stuff|things|belongings"),
                // Methods looked into or chosen, and the burden said as a reason.
                t("looked|looking ..1 up ..1 how ..1 high|tall|far|deep ..3 bridge|building|roof|rooftop|garage|overpass|cliff|balcony|fall|drop|water"),
                t("walk|walking|step|stepping|lie|lay|lying ..2 into|in_front|onto ..3 lake|river|ocean|sea|traffic|train|bus|truck|tracks|water"),
                t("researched|researching|research|looked_up|looking_up|googled|googling|reading_about|read_about ..3 methods|ways_to_die|ways_to_end|how_to_die|how_to_end|lethal"),
                t("dont|doesnt|not|no_longer ..2 want ..2 to ..1 be ..2 a ..1 bother|burden ..1 anymore|any_longer|to_anyone|to_anybody"),
                t("where ..5 gun|guns|rifle|pistol|firearm|shotgun ..3 is|are|kept|keep|hidden|stored"),
                t("saving|saved|hoarding|collecting|stockpiling|stashing ..3 @substance ..6 tonight|night|enough|months|weeks"),
                t("nobody|no_one|noone ..2 has|have|will_have|needs|need|will_need ..1 to ..1 deal_with_me|worry_about_me|put_up_with_me|take_care_of_me|bother_with_me"),
                // "if i took all my lamictal would it kill me": asking what a
                // whole supply would do.
                t("took|take|taking|swallowed|swallow ..2 all|whole|entire|every ..6 would|will|could|enough ..3 kill_me|kill|die"),
                // The question first: "would it kill me if I swallowed the whole bottle".
                t("would|will|could ..1 kill_me|kill_myself ..1 if ..2 took|take|swallowed|swallow|ate|drank|downed ..2 all|whole|entire|every|rest"),
                t("how ..1 many|much ..8 to ..1 die|kill_myself|kill_me|overdose|od"),
                t("how ..1 many|much ..8 not|never ..1 wake ..1 up"),
            ],
        ),
                &[
                    t("prevention|hotline|awareness|lifeline|risk|screening|questionnaire|hereditary|genetic|statistics|rates|training|class|course|folleto|folletos|tarea|proyecto|prevencion|exposicion"),
                    // Clothes given to charity are a donation, not a farewell.
                    t("goodwill|donation|donations|donate|donated|thrift|charity|outgrown|outgrew|garage_sale|yard_sale"),
                    // A goodbye at a departure: "said goodbye to my daughter
                    // at the airport".
                    t("goodbye|goodbyes ..6 airport|flies|flew|deployment|deployed|bus_station|train_station"),
                    // A week's pills sorted: "laid out my pills in the organizer".
                    t("organizer|organiser|pillbox|pill_box|dispenser|blister_pack|for_the_week"),
                    // Idioms: "I wanted to die of embarrassment".
                    t("of|from ..1 embarrassment|boredom|laughter|laughing|shame|cringe|curiosity|hunger|thirst|heat|verguenza|hambre|risa|calor|aburrimiento"),
                    // A thing as the cause, in teen idiom: "kms this homework",
                    // "the finale made me wanna unalive", "i wanna die as in
                    // this chem test".
                    t("kms|unalive|die|dead ..4 this|the|that|my ..1 homework|test|exam|finals|final|finale|episode|show|quiz|essay|project|chem|math|physics|class|lecture|cringe"),
                    t("homework|test|exam|finals|finale|episode|show|quiz|essay|project ..4 made ..1 me ..2 want_to ..1 unalive|die|kms"),
                    t("as_in|i_meant|meant|like ..3 this|my|the ..1 homework|test|exam|finals|final|chem|math|quiz|essay|project"),
                    // Conditioning sprints ("the coach made us run suicides").
                    t("run|ran|running|do|did|doing|made_us ..2 suicides|suicide_sprints|suicide_drills"),
                    // A stubborn preference, not a wish to die: "I'd rather
                    // die than go to a nursing home" (not "than live like
                    // this").
                    t("rather ..2 die|dead ..1 than ..1 go|move|be_in|have|eat|wear|let|take|sit|lose|get|give"),
                    // Words sung or quoted from a song: "singing 'I wanna
                    // die' from some tiktok song", "the Johnny Cash version,
                    // 'I hurt myself today'", "don't wanna live forever".
                    t("lyric|lyrics|singing|sings|sang|humming|cantando|canta ..6 die|live|hurt|kill|dead|morir|muerto"),
                    t("die|live|hurt|kill|dead ..4 from ..2 a|the|some|that ..2 song|tiktok|movie|show"),
                    t("version|cover|track|album ..3 hurt|die|kill|dead|live"),
                    t("want ..2 live ..1 forever"),
                    // A fear from an illness, not an intent: "that stomach
                    // bug, I thought I was going to die lol".
                    t("thought|felt_like|swear ..2 i|we ..1 was|were ..1 going_to_die|gonna_die|dying"),
                    // Taken back at once: "i want to die lmao (jk)".
                    t("die|dead|kms|myself ..3 jk|jkjk|just_kidding|j_k|kidding"),
                    // A form's question quoted: "Question 9 (thoughts you'd
                    // be better off dead) I answered 0".
                    t("question|item|pregunta ..1 # ..6 dead|die|hurting|suicide|morir|muerto"),
                    t("phq|phq9"),
                ],
    )
    .personal(),RuleDef {
        raw_context: true,
        personal: true,
        ..benign(
            with_context(
                "self_harm",
                &[
                    t("suicid*"),
                    t("kill|killing|hurt|hurting|harm|harming ..1 myself"),
                    t("end ..1 my_life|it"),
                    t("self ..1 harm*"),
                    t("want|wanted ..1 to die"),
                    t("better_off|end_it|not_worth|no_reason|finish_it|no_meaning|meaningless|done_with|si"),
                    t("tired ..2 of ..1 everything|it_all|life|living"),
                    t("cant ..1 take ..1 it|this ..1 anymore"),
                    t("want ..1 it ..2 to_be_over|to_end|over"),
                ],
                &[
                    t(
                        "have|has|had|keeps|got|made|bought|buying|found|get|picked|already|put|loaded|took_out|got_out|holding|hid ..3 plan|rope|gun|noose|razor|blade|blades|pills|firearm|means",
                    ),
                    t("plan ..3 involving|with|using"),
                    t("plan ..3 how|when|to_do_it|to_end|to_kill|to_die|to_overdose"),
                    t("a plan"),
                    t("have ..2 means"),
                ],
            ),
            &[
                t(
                    "plan ..1 to ..1 see|go|start|call|talk|get|schedule|come|visit|attend|quit|stop|join|try|keep|meet|work|eat",
                ),
                // "can we talk about a plan at my appointment": a care
                // plan made with someone.
                t("talk|discuss|discussing|make|making|come_up_with|go_over|work_out ..2 a_plan|plan"),
                t("plan ..3 at|for|with ..2 appointment|appt|visit|taper|tapering|meds|medication|pregnancy|doctor|therapist|dr"),
            ],
        )
    },
    benign(
        rule(
            "harm_to_others",
            &[
                t(
                    "want|wanted|going|gonna|will|might|could ..2 hurt|kill|harm|shoot|stab|strangle ..1 someone|somebody|people|him|her|them|my|the",
                ),
                t("homicid*"),
            ],
        ),
        &[t("if ..1 i|we|you|he|she|they"), t("joking|kidding|lol|lmao|jk")],
    ),
    benign(
        rule(
            "seizure",
            &[
                t("seizure*|seizing|seized|seizer|siezure*|convuls*"),
                t("having|had|has ..2 a ..1 fit"),
                t("grand_mal|sz"),
                // A limb jerking again and again, eyes turned aside: an
                // infant's seizure rarely looks like an adult's.
                t("jerk|jerks|jerking|twitch|twitches|twitching ..4 over_and_over|again_and_again|rhythmic*|repeatedly"),
                t("eyes ..3 go|going|goes|turn|turning|turned|deviat* ..3 to_the_side|sideways|to_one_side"),
                t(
                    "shaking|jerking|twitching ..3 uncontrollab*|all_over|and_jerking|wont_stop|cant_stop|arms_and_legs|whole_body",
                ),
                t("eyes ..2 rolled|rolling ..1 back"),
                t("wont|cant|doesnt|isnt ..1 stop|stopping ..1 shaking|jerking|twitching|convulsing"),
                // Charted: "GTC started 0312, still going at 0318".
                t("gtc|gtcs|tonic_clonic|tonic_clonic_seizure"),
            ],
        ),
        &[DRILL, t("seizure*|sz ..2 med|meds|medication*|medicine*|pill*|prescription|rx|disorder|plan|free|precautions|action|history|diary|log|records|record|report|paperwork|form|forms|letter|eeg|test|mri"),
            // "the form for my learners permit, the one that asks about seizures".
            t("asks|asking|ask|asked|question|questions ..2 about ..1 seizure*|seizures"),
            t("seizure*|sz doctor|neurologist|clinic|specialist|dog|alert|monitor|neurology"),t("for ..2 seizures|seizure|sz"),
            t("@refill"),
            t("keppra|lamictal|depakote|dilantin|epilepsy"),
            t("printer|computer|laptop|phone|car|engine|washer|dryer|machine|internet|wifi|app|system|website|insurance|dog|cat|vet|paperwork"),
            t("first_aid|handout|education|teaching|training"),
        ],
    ),
    benign(
        rule(
            "unresponsive",
            &[
                t("@ams"),
                t("fainted|fainting|faints|collapsed|collapse|collapsing"),
                t("pass ..1 out"),
                t("passing ..1 out"),
                t("feel|feels|feeling|felt ..4 faint|faintish"),
                t("lost|losing ..1 consciousness"),
                t("went|is|gone|goes|was ..1 limp"),
                t("no_pulse|cpr"),
                t("sternal ..1 rub"),
                t("arousable|responsive|responds|responding ..3 only ..2 to ..1 pain|sternal|painful|voice"),
                t("not|isnt|stopped moving"),
                t("staring|stares|stared ..4 not|wont|doesnt|isnt|didnt ..1 answering|responding|reacting|answer|respond|react"),
                t("gcs ..3 dropped|drop|down|fell|decreased|decreasing|declining|declined|drooped"),
                // Picking or grabbing at the air: a sign of delirium.
                t("picking|grabbing|reaching|plucking ..2 at ..2 the_air|nothing|thin_air"),
                t("doesnt|didnt|cant|couldnt ..1 even ..2 know|remember|say ..2 own ..1 name"),
            ],
        ),
        &[
            DRILL,
            t(
                "blood_draw|blood_drive|donating_blood|gave_blood|giving_blood|plasma|needle|shots|flyers|flyer|papers|bowel*|bowels|line|car|traffic|appointment|class|course|training|certification|certified|clase|curso|taller|capacitacion|certificacion",
            ),
            t("take|taking|took|learn|learning ..2 cpr"),
        ],
    ),
    with_context(
        "unresponsive",
        ONSET,
        &[
            t("@confused"),
            t("@ams"),
            t("cant|couldnt|doesnt_know|didnt_know|not_know ..4 own ..1 name|address|birthday|phone"),
        ],
    ),
    rule(
        "unresponsive",
        &[
            t("talking|talks|talked|hablando|habla|hablaba ..2 to|with|con ..2 people|gente|personas|someone|somebody|alguien|nadie ..1 que|who|that ..2 no|arent|isnt|not|werent ..1 estan|esta|there|existe"),
            t("seeing|sees|ve|viendo ..2 people|gente|personas|cosas|things ..1 que|who|that ..2 no|arent|isnt|not|werent ..1 estan|hay|there|existen"),
            // "seeing kids in the room that aren't there".
            t("seeing|sees|saw|ve|veia|viendo ..5 that|who|que ..1 arent|isnt|werent|no ..1 there|estan|hay"),
            t("ve|veia|viendo|sees|seeing ..2 animales|bichos|aranas|animals|bugs|spiders|snakes|culebras|viboras"),
        ],
    ),
    with_context(
        "unresponsive",
        &[t("@confused")],
        &[
            t("@sudden|new|very|really|extremely|more|worse|getting|super|so|totally|completely"),
            t("hasnt|hadnt|didnt|doesnt|not|no ..3 drink|drinking|drunk|had_anything|alcohol"),
            t("never ..2 like ..1 this"),
            t("isnt|not ..1 like ..1 him|her|them|himself|herself"),
            t("@vomit"),
            t("@fever"),
            t("head|fell|fall|hit"),
            t("@glucose|diabetic|insulin"),
            t("pills|overdose|took"),
            t("headache|stiff_neck|seizure*"),
            t("found|encontre|encontramos|encontraron|halle ..6 @floor"),
            t("found|encontre|encontramos|encontraron ..6 garage|bathroom|yard|car|street|outside|bano|calle|patio"),
        ],
    )
    // A medicine's side effect asked about: "seroquel makes me so groggy
    // in the mornings".
    .veto(&[t("make|makes|made|making ..2 me|him|her ..1 so|really|super|very|too|kind_of ..1 groggy|drowsy|sleepy|tired|foggy")]),
    // Waking on the floor: "woke up on the kitchen floor, no idea how long".
    rule("unresponsive", &[t("woke|woken|came_to ..2 up ..2 on ..2 the ..1 @floor")]),
    // Found somewhere and unable to say who or where they are.
    with_context(
        "unresponsive",
        &[t("found|encontre|encontramos|encontraron|halle ..6 @floor|garage|bathroom|yard|car|street|outside|bano|calle|patio")],
        &[t("cant|couldnt|doesnt_know|didnt_know|not_know|no_sabe|no_supo ..4 own|su ..1 name|address|birthday|phone|nombre|direccion")],
    ),
    benign(
        with_context(
            "pregnancy_bleeding",
            PREGNANCY,
            &[
                t("@bleed"),
                t("spotting|spotted"),
                t("passing|passed ..2 clots|tissue"),
                t("soak* ..3 pad|pads"),
            ],
        ),
        &[t(
            "nose|nosebleed|nosebleeds|gum|gums|hemorrhoid*|floss*|brush*|thinner*|pressure|sugar|test|tests|work|type|draw|encias|nariz|hemorroide*|almorrana*|cepill*|hilo_dental|presion|azucar|analisis|examen|prueba",
        ),
        // Old blood, a little: "a tiny bit of brown spotting now and then".
        t("brown|tiny_bit_of_brown|bit_of_brown ..1 spotting|discharge")],
    ),
    benign(
        with_context(
            "pregnancy_emergency",
            PREGNANCY,
            &[
                t("water ..2 broke|broken|breaking|break"),
                t("leaking|leak|gush|gushing ..3 fluid|water"),
                t("fluid ..3 leaking|gush*|coming_out"),
                t("water|fluid ..3 coming_out|came_out|come_out|comes_out|leaking|running|is_coming|keeps_coming|gushed|poured"),
                t(
                    "baby|babys|fetus|kicks|kicking|movement|movements|moving|move ..4 less|decreased|reduced|slower|barely|stopped|not|isnt|hasnt|havent|hardly|no_longer",
                ),
                t(
                    "less|decreased|reduced|no|not|fewer ..2 movement|movements|kicks|kicking|moving",
                ),
                t(
                    "not|hasnt|havent|stopped|dont|cant|didnt|no ..3 feel|felt|feeling ..3 baby|kick*|movement*|move|moving",
                ),
                t("contraction*"),
                // Early pregnancy with pain low on one side or at the
                // shoulder tip: an ectopic until proven otherwise.
                t("rlq|llq ..2 pain|tenderness"),
                t("shoulder ..2 pain|tip|hurts"),
                t("syncope|syncopal|syncopized|near_syncope|presyncope|presyncopal"),
                t("vision ..3 blurry|blurred|spots|flashing|sparkles|stars|fuzzy|dim|weird"),
                t("blurry|blurred ..1 vision"),
                t("seeing ..1 spots|stars|sparkles|flashes|flashing"),
                t("@severe ..2 headache"),
                t("headache ..4 wont_go_away|not_going_away|worst|severe|pounding|doesnt_go_away"),
                t("see|seeing|saw|sees ..1 lights|spots|stars|flashes|flashing_lights|sparkles"),
                t("swelling|swollen|puffy ..3 face|hands"),
                t("face|hands ..5 swelling|swollen|puffy"),
                t("@severe ..3 abdominal|belly|stomach|pelvic|upper|side|cramp*|cramping"),
                t("cramp* ..3 @severe"),
                t(
                    "@severe ..2 pain ..4 side|belly|stomach|abdomen|abdominal|pelvis|pelvic|lower|right|left",
                ),
                t("abdominal|belly|stomach|pelvic|cramp*|cramping ..3 wont_stop|constant|every"),
                t("ectopic|preeclampsia|pre_eclampsia|eclampsia"),
                t("fell|falling|fall_down|fall_on|accident|crash|punched|kicked"),
                // A car crash: "got rear ended ... seatbelt caught me across the belly".
                t("rear_ended|rearended|t_boned|fender_bender|collision|wreck|airbag|airbags|choque|chocaron|accidente"),
                t("seatbelt|seat_belt|cinturon ..4 belly|stomach|bump|abdomen|panza|barriga"),
                // Fluid leaking, in Spanish: "me sale un líquido clarito todo el día".
                t("sale|salga|salio|saliendo|escurre|escurriendo|gotea|goteando|moja|mojando ..4 liquido|liquidito|agua|aguita"),
                t("liquido|liquidito|aguita ..3 clarito|clarita|claro|clara|transparente"),
                n("bp|pressure ..4 #", vitals::bp_pregnancy),
                // "everything has little sparkles around it".
                t("sparkles|sparkly|sparkling|zigzag|zigzags|zig_zag ..4 around|everything|vision|eyes|in_front"),
                // A headache nothing touches ("Tylenol doesn't touch it").
                t("headache|head ..12 doesnt|didnt|dont|wont|not|isnt ..1 touch|touching|budge|help|helping"),
                // "baby's been really quiet today".
                t("baby|babys|bebe ..4 quiet|quieter|quieto|quieta|hasnt_moved|not_moving|no_se_mueve|no_se_ha_movido|hasnt_kicked"),
                // "leaking some watery stuff since yesterday".
                t("leaking|leak|leaked|dripping|trickling|trickle|gushing|gushed ..3 watery|fluid|water|liquid|clear"),
            ],
        ),
        &[
            t("braxton|practice|practica|prueba"),
            // "my water bottle broke in my hospital bag".
            t("water ..1 bottle|bottles|heater|pipe|pipes|main|line|filter|pitcher|jug|glass|cup|tank|balloon|balloons|gun|park"),
            // "a little leak when I sneeze": urine.
            t("sneeze|sneezing|cough|coughing|laugh|laughing|pee|peed|urine|bladder ..4 leak|leaking|leaked|dripping"),
        ],
    ),
    // A pressure in the severe range in a pregnancy or after a birth,
    // however far from its noun ("my bp has been a little high I guess,
    // 162/110"), and whatever the writer feels ("but I feel ok").
    with_context("pregnancy_emergency", PREGNANCY, &[n("#", vitals::bp_severe_pregnancy)])
        .past_context()
        .lasting(),
    with_context("pregnancy_emergency", POSTPARTUM, &[n("#", vitals::bp_severe_pregnancy)])
        .past_context()
        .lasting(),
    // An early pregnancy known from a test ("my pregnancy test was
    // positive", "positive hpt last week") is a pregnancy now, however the
    // test is told; with pain this strong, or one-sided, or felt in the
    // shoulder tip, it may be ectopic.
    with_context(
        "pregnancy_emergency",
        &[
            t("positive|pos ..3 pregnancy|preg|hpt|upt ..1 test|tests"),
            t("pregnancy|preg ..1 test|tests ..4 positive|pos"),
            t("hpt|upt|hcg|bhcg ..3 positive|pos"),
        ],
        &[
            t("@severe ..3 abdominal|belly|stomach|pelvic|tummy|cramp*|cramping"),
            t("cramp* ..3 @severe"),
            t("@severe ..2 pain ..4 side|belly|stomach|abdomen|abdominal|pelvis|pelvic|lower|right|left|tummy"),
            t("pain|cramp|cramps|cramping|hurts|hurting ..4 one ..1 side"),
            t("one ..1 side ..3 pain|cramp|cramps|cramping|hurts|hurting"),
            t("shoulder ..1 tip"),
            t("fainted|passed_out|blacked_out"),
        ],
    )
    .past_context(),
    benign(
        with_context("infant_fever", INFANT, FEVER_SIGNS),
        &[
            n("@temp_word ..4 #", vitals::no_fever),
            n("# ..2 @fever|f|degrees", vitals::no_fever),
            t("@fever ..2 normal|fine|ok|okay|good|negative|none|nl|bien"),
            // "fever down", "fever came down", "fever has gone down"; not
            // "fever won't go down".
            t("@fever ..1 down"),
            t("@fever ..1 has|had|have|is|was ..1 gone|come|going|coming ..1 down"),
        ],
    )
    .veto(OLDER_CHILD),
    with_context("infant_fever", &[n("#", vitals::fever_with_decimals)], INFANT).veto(OLDER_CHILD),
    // An infant's age given in days or weeks: a sibling's age elsewhere
    // ("alone with him and our 3 year old") vetoes nothing ("Dante is 16
    // days old ... rectal 100.4").
    with_context(
        "infant_fever",
        &[
            n("# ..1 @weeks ..1 old", vitals::infant_weeks),
            n("# ..1 @days ..1 old", vitals::infant_days),
        ],
        &[
            n("#", vitals::fever_with_decimals),
            n("temp|temperature|rectal|fever|thermometer ..6 #", vitals::fever),
        ],
    ),with_context(
        "sick_infant",INFANT,
        &[
            t("lethargic|floppy|limp|listless"),
            t("wont|cant|hard_to|not ..2 wake|waking|rouse"),
            t(
                "not|wont|refusing_to|refuses_to|stopped ..1 feed|feeding|eating|nursing|drinking|taking_a_bottle",
            ),
            t("no ..1 wet ..1 diaper*"),
            t("inconsolable|high_pitched_cry"),
            // Bile: "vomiting more ... greenish-yellow now".
            t("@vomit|spit|spitting ..7 green|greenish|bile|bilious|verde|verdoso|verdosa"),
            t("green|greenish|verde ..3 vomit|puke|spit_up|vomito"),
        ],
    )
    .veto(OLDER_CHILD),
    // Yellow and too sleepy to feed, whatever the age is said to be
    // ("sleeping through feeds like 7 hrs and he's pretty yellow, we have
    // to strip him down to wake him and he still won't latch"): jaundice
    // rising, or worse.
    with_context(
        "sick_infant",
        &[t("yellow|yellowish|jaundice|jaundiced|amarillo|amarilla|amarillito|amarillita|ictericia")],
        &[
            t("wont|cant|hard_to|have_to|has_to|had_to ..3 wake|waking|rouse"),
            t("strip|undress ..4 wake|awake"),
            t("sleeping|sleeps|slept ..2 through ..1 feeds|feedings|feeding"),
            t("wont|not|doesnt|didnt|refuses|refusing ..3 latch|latching|feed|nurse|take_the_bottle"),
        ],
    ),
    // A floppy baby at any age under a year: "my 5 month old seems really
    // floppy, her arms just flop down when I pick her up".
    benign(
        with_context(
            "sick_infant",
            &[
                t("baby|babys|infant|bebe|bebita|bebito"),
                n("# ..1 @months ..1 old", |n| n.value < 12.0),
                n("is|hes|shes|tiene|de ..1 # ..1 @months", |n| n.value < 12.0),
            ],
            &[
                t("floppy|limp|aguadito|aguadita|desguanzado|desguanzada"),
                t("arms|legs|head ..3 flop|flops|flopping|floppy|hang|hangs"),
                t("like ..1 a ..1 rag_doll|ragdoll|wet_noodle|noodle"),
            ],
        ),
        &[t("floppy ..1 ears|ear|hat|toy|bunny|doll|book|disk|hair")],
    ),
    // A soft, boggy swelling on a baby's head (under a year, after a fall
    // or not): a skull fracture until seen ("un chichón blandito", "a
    // squishy bump on the side of his head"). Not the soft spot itself.
    benign(
        with_context(
            "head_injury",
            &[
                t("baby|babys|infant|bebe|bebita|bebito"),
                n("# ..1 @months ..1 old", |n| n.value < 12.0),
                n("is|hes|shes|tiene|de ..1 # ..1 @months", |n| n.value < 12.0),
            ],
            &[
                t("soft|squishy|boggy|mushy|spongy ..3 bump|lump|knot|swelling|goose_egg ..6 head|skull|forehead"),
                t("bump|lump|knot|swelling|goose_egg ..4 head|skull ..6 soft|squishy|boggy|mushy|spongy"),
                t("chichon|bola|bolita|hinchazon ..8 blandito|blandita|blando|blanda|suave|aguado|aguadito|esponjoso|esponjosa"),
                t("blandito|blandita|suave|aguado|aguadito|esponjoso ..3 chichon|bola|bolita"),
                t("chichon|bola|bolita|bump|lump|knot ..6 cabeza|head ..6 blandito|blandita|blando|blanda|suave|aguado|aguadito|squishy|boggy|mushy|spongy"),
            ],
        )
        // The age is a fact wherever it is said ("tengo preguntas sobre
        // Emiliano, tiene 8 meses").
        .past_context(),
        &[t("soft_spot|fontanel|fontanelle|mollera|mollerita")],
    ),
    rule(
        "fever_red_flag",
        &[
            t("rash|spots ..5 doesnt|dont|wont|not|isnt|didnt ..2 fade|blanch|turn_white"),
            // Gone under a pressed glass, not over days: "diaper rash that
            // won't go away" is no such rash.
            t("rash|spots ..5 doesnt|dont|wont|not|isnt|didnt ..2 disappear|go_away ..4 press|pressed|pressing|push|pushed|glass|cup"),
            t("purple ..2 spots|rash|dots"),
            t("petechia*|nonblanching|non_blanching"),
            n("@temp_word ..4 #", vitals::high_fever),
            n("# ..2 @fever|c|degrees", vitals::high_fever),
            n("# ..2 f|fahrenheit", vitals::high_fever_fahrenheit),
        ],
    ),
    with_context(
        "fever_red_flag",
        FEVER_SIGNS,
        &[
            // A skin that blisters or peels, in the mouth or eyes too: a
            // drug reaction (Stevens-Johnson).
            t("peeling|blistering|blisters|sloughing ..4 skin|rash|mouth|lips|eyes"),
            t("skin|rash ..3 peeling|blistering|sloughing|coming_off"),
            t("limp|lethargic|floppy"),
            // A limp or a leg that won't bear weight, with fever: a joint or
            // bone infected ("won't put any weight on her right leg").
            t("limping|limps|limped|cojea|cojeando|renguea|rengueando"),
            t("wont|cant|doesnt|refuses|refusing|no_quiere|no_puede ..2 put|bear|stand|walk|pisar|apoyar|caminar ..4 weight|on_it|on_her|on_his|pie|pierna"),
            t("wont|cant|hard_to ..2 wake"),
            t("not|wont|refusing_to|refuses_to ..1 drink|drinking|feed|feeding|nurse|nursing"),
            t("no ..1 wet ..1 diaper*"),
            t("inconsolable"),
            t("stiff ..2 neck"),
            t("neck ..3 stiff"),
        ],
    ),
    benign(
        rule(
            "diabetic_emergency",
            &[
                n("@glucose ..4 #", vitals::glucose),
                t("dka|ketoacidosis"),
                t("ketones ..3 high|large|moderate|positive|dark"),
                t("high|large|moderate ..2 ketones"),
                t("fruity ..2 breath"),
                t("breath ..3 fruity|sweet|nail_polish"),
                t("@glucose ..4 says|reads|reading|shows|showing|just ..2 hi|lo"),
            ],
        ),
        &[n(
            "@glucose ..4 # ..1 g|grams|gram|carb*|calories|teaspoons|tsp|cups|mg|units|days|weeks|months|years|am|pm|oclock",
            |_| true,
        )],
    )
    .veto(LAB_REDRAWN),
    medicine_use("diabetic_emergency", &[t("@administer ..3 glucagon")]),
    with_context(
        "diabetic_emergency",
        &[
            t("low|lows ..2 @glucose"),
            t("@glucose ..3 low|dropping|crashing|tanking|bottomed|dropped|plummeting"),
            t("hypoglycemi*|hypo|hypos"),
        ],
        &[
            t("@confused"),
            t("@ams"),
            t("shaking|shaky|trembling|sweaty|sweating|clammy"),
            t("wont|cant|refuses_to|not ..2 eat|drink|swallow"),
            t("cant get ..2 to_eat|to_drink"),
            t("not_coming_up|wont_come_up|keeps_dropping|still_low|wont_go_up|not_going_up"),
            t("fainted|seizure*"),
        ],
    ),
    with_context(
        "diabetic_emergency",
        &[
            t("@glucose ..3 high|over|above|through_the_roof|sky_high"),
            t("high ..2 @glucose"),
            t("hyperglycemi*"),
        ],
        &[
            t("@vomit"),
            t("very|so|extremely|really ..1 thirsty"),
            t("@confused"),
            t("breathing ..2 fast|hard|heavy|deep"),
            t("ketones|fruity"),
        ],
    ),
    benign(
        rule(
            "critical_result",
            &[
                t(
                    "critical ..3 value*|result*|lab*|level*|flag|range|alert|potassium|sodium|glucose|hemoglobin|platelet*|inr|calcium|troponin|k|na|hgb|hb|#",
                ),
                t("critically ..1 high|low|abnormal|elevated|decreased|prolonged"),
                t("critical ..1 high|low"),
                t("phoned|called|reported|notified|paged ..3 critical|panic"),
                t("panic ..2 value*|flag|level*|result*|range|lab*|alert"),
                t("alert ..1 value"),
                t(
                    "contact|call|notify|reach ..3 patient|pt ..2 immediately|now|urgently|stat|asap",
                ),
                t("troponin|trop ..3 elevated|high|positive|up|rising|abnormal"),
                // A rhythm read off a monitor: "9.2 sec pause", "intermittent
                // complete heart block", "run of VT, sustained ~30s".
                t("complete|third_degree|3rd_degree ..1 heart_block|hb|av_block|block"),
                t("chb"),
                n("# ..1 sec|second|seconds|s ..1 pause|pauses", vitals::long_pause),
                n("pause|pauses ..3 # ..1 sec|second|seconds|s", vitals::long_pause),
                t("sustained ..3 vt|vtach|v_tach|ventricular_tachycardia"),
                t("vt|vtach|v_tach ..4 sustained"),
                // (Not "4 beats of NSVT": "nsvt" is its own word.)
                t("run|runs|episode|episodes ..2 of ..1 vt|vtach|v_tach"),
                t("vfib|v_fib|ventricular_fibrillation|torsades|torsade"),
                t("elevated|positive|high|rising ..2 troponin"),
                n("potassium ..4 #", vitals::potassium),
                n("sodium ..4 #", vitals::sodium),
                n("hemoglobin|hemoglobina|hgb ..4 #", vitals::hemoglobin),
                n("platelet*|plt ..4 #", vitals::platelets),
                n("inr ..4 #", vitals::inr),
                n("calcium ..4 #", vitals::calcium),
                n("lactate|lactic ..4 #", vitals::lactate),
            ],
        ),
        &[
            t("access|thinking|illness|condition|list|lists|infrastructure|threshold|thresholds|cutoff|cutoffs|policy|training|callback_list|procedure|process|notice|changing"),
            // A lab's hours, not a doctor on call after hours.
            t("lab|laboratory|clinic|office|business|operating|opening|weekend|holiday ..1 hours"),
            t("non|above|below|near|approaching|not ..1 critical"),
            // A value that has come back down: "lactate cleared 4.2 -> 1.1".
            t("cleared|normalized|normalised|downtrending|down_trending|trending_down|trended_down"),
            // The laboratory's instruments: "troponin analyzer down 0200".
            t("analyzer|analyser|analyzers|instrument|instruments|qc|downtime|calibration|reagent|reagents"),
            // An anticoagulation visit, not a value: "INR clinic note says 7.5".
            t("inr ..1 clinic|check|checks|appointment|appt|visit|machine|strips"),
            // A threshold, not a result: "potassium will call critical at >6.0".
            t("will|would|now ..1 call|be_called|be_reported ..1 critical|critically"),
            n("# ..1 ng ..1 l", vitals::hs_troponin_low),
        ],
    )
    .veto(LAB_REDRAWN)
    // Feeling fine changes no lab value ("hemoglobin 5.9 ... but I feel
    // fine").
    .lasting(),
    benign(
        with_context(
            "critical_result",
            &[t("@analyte|result|results|lab|labs|value|level|levels|#")],
            &[t("critical|critically|panic")],
        ),
        &[
            t("critical care|access|thinking|illness|condition|that|to|infrastructure|role|part|step|list|lists|threshold|thresholds|cutoff|cutoffs|policy|training|callback|calls|number"),
            t("it|that|this ..1 is ..1 critical ..1 that|to|for"),
            // Panic attacks are not panic values.
            t("panic ..1 attack|attacks|episode|episodes|disorder|disorders|attaks"),
            t("is ..1 critical ..1 to|that|for"),
            t("non|above|below|near|approaching|not ..1 critical"),
            t("important|role|part|step|list|lists|threshold|thresholds|cutoff|cutoffs|policy|training"),
            t("update|reminder|notice|deadline|information|info|staffing|shortage|announcement|maintenance|outage|forms|paperwork|parking|phone|phones|system|app|website"),
        ],
    )
    .veto(LAB_REDRAWN),
    rule(
        "critical_vital",
        &[
            n("pulse|heartrate|heart_rate ..4 #", vitals::pulse),
            n("# ..1 bpm", vitals::pulse),
            n("bp|blood_pressure|pressure ..4 #", vitals::bp_crisis),
            // A pressure told as a reading, far from its noun: "took my
            // blood pressure this morning as instructed and it read 232/124".
            n("read|reads|reading|readings|showed|shows|came_up|come_up|got ..3 #", vitals::bp_crisis),
        ],
    ),
    // Readings said in words on a call or a dictation: "heart rate one
    // sixty something", "blood pressure eighty eight over sixty", "BP two
    // hundred over one ten".
    rule(
        "critical_vital",
        &[
            t("heart_rate|pulse|hr|rate ..1 one_sixty|one_seventy|one_eighty|one_ninety|two_hundred|thirty"),
            t("blood_pressure|pressure|bp|presion sixty|seventy|eighty|sesenta|setenta|ochenta ..2 over|sobre"),
            t("blood_pressure|pressure|bp|presion ..1 one_eighty|one_ninety|two_hundred|two_ten|two_twenty|ciento_ochenta|ciento_noventa|doscientos ..3 over|sobre"),
        ],
    ),
    // A limb gone cold and pale or numb, suddenly: its artery blocked
    // ("cold painful leg out of nowhere", "since this morning my right leg
    // has been cold, pale and numb below the knee").
    with_context(
        "surgical_emergency",
        &[
            t("out_of_nowhere|suddenly|sudden|all_of_a_sudden|since_this_morning|since_this_afternoon|since_last_night|de_repente|de_pronto"),
            t("lying_still|at_rest|even_resting|resting"),
        ],
        &[
            t("leg|legs|foot|feet|arm|hand|pierna|pie|brazo|mano ..6 cold|fria|frio ..4 pale|white|numb|blue|mottled|painful|hurts|palida|blanca|entumida|morada|duele"),
            // (Across a comma: "my right leg has been cold, pale and numb".)
            t("leg|foot|pierna|pie ..4 cold|fria|frio|pale|white|palida|blanca"),
            t("cold|fria|frio ..2 painful|numb|pale|white ..1 leg|foot|arm|hand|pierna|pie"),
        ],
    ),
    // Chest burning or pressure brought on by exertion in a heart patient
    // ("weird burning in my chest on the treadmill ... still there an hour
    // later, with some nausea").
    rule(
        "chest_pain",
        &[
            t("burning|pressure|tight|tightness|squeezing|heavy|heaviness ..4 chest|pecho ..8 treadmill|exercise|exercising|exertion|walking|stairs|rehab|workout|bike|caminadora|caminando|escaleras"),
            t("treadmill|exercising|exertion|stairs|rehab|workout|caminadora|escaleras ..8 burning|pressure|tight|tightness|squeezing|heaviness ..4 chest|pecho"),
        ],
    ),
    // A groin that swells after a catheter through its artery: a bleed
    // under the skin ("groin swelling huge after cath").
    with_context(
        "severe_bleeding",
        &[t("cath|catheterization|angiogram|angio|angioplasty|stent|ablation|cateterismo")],
        &[
            t("groin|ingle|site|puncture ..3 swelling|swollen|hematoma|lump|bulge|bleeding|hinchada|hinchazon|bola|sangrando"),
            t("swelling|swollen|hematoma|lump|bulge ..3 groin|ingle"),
        ],
    ),
    // A systolic pressure alone of 180 or more with a bad headache
    // ("BP been 200 for the last half hour, head is splitting"): a
    // hypertensive crisis, or autonomic dysreflexia above a spinal injury.
    with_context(
        "critical_vital",
        &[
            t("head ..3 splitting|pounding|exploding|killing|throbbing"),
            t("pounding|splitting|worst|severe|terrible|exploding|throbbing ..2 headache|head"),
            t("dysreflexia|dysreflexic"),
        ],
        &[n("bp|blood_pressure|pressure|sbp|systolic|presion ..4 #", vitals::systolic_high)],
    ),
    // --- issue 10: signs in lay words, composed with onset, severity and
    // --- failure of treatment ---------------------------------------------
    // The diagnosis named: not when it is a past event ("s/p NSTEMI",
    // "hx ACS"), which the handoffs write without a date.
    rule(
        "chest_pain",
        &[t("stemi|nstemi|acs|st_elevation|st_elevations|st_depression|code_stemi")],
    )
    .veto(&[
        t("sp|hx|ho|status_post|prior|recent|old|previous ..1 stemi|nstemi|acs"),
        t("history ..1 of ..1 stemi|nstemi|acs"),
    ]),
    rule(
        "chest_pain",
        &[
            t("something|someone|somebody|weight|elephant|heavy ..3 sitting|sat|standing|pressing|pushing|crushing ..2 on ..1 me|my"),
            t("pressure|squeezing|squeeze|tightness|heaviness|weight ..3 hasnt|hasnt_let_up|wont_let_up|isnt_letting_up|not_letting_up|wont_go_away|isnt_going_away|still_there"),
        ],
    ),
    with_context("chest_pain", &[t("@heartburn")], &[t("@cardiac_assoc")]),
    with_context(
        "chest_pain",
        &[
            t("@chest"),
            t("@heartburn"),
            t("@chest_hurt"),
        ],
        &[
            t("left|l ..1 arm|shoulder ..3 @chest_hurt|numb|heavy|heaviness|tingling"),
            t("@chest_hurt ..3 left ..1 arm|shoulder"),
            t("goes|going|go|went|spreads|spreading|spread|moves|moving|radiates|radiating|shoots|shooting ..3 jaw|arm|shoulder|back|neck"),
            t("jaw ..3 @chest_hurt|aches|hurts"),
        ],
    ),
    with_context(
        "chest_pain",
        &[t("nitro*|ntg")],
        &[
            t("still|hasnt|wont|isnt|not|didnt ..4 @chest_hurt|pain|pressure|squeez*|tight*|better|gone|let_up|going_away|helping|working"),
            t("@chest_hurt|pain|pressure|squeez*|tight* ..4 still|hasnt|wont|isnt|not"),
        ],
    )
    .veto(&[
        t("last ..1 used|took|needed ..3 months|years|year|month|>"),
        t("no ..2 chest ..1 pain|pressure"),
        // "hasn't had any chest pain in over a year": a renewal.
        t("hasnt|havent|hadnt|aint|not ..1 had|needed|used ..1 any|it|them|one|chest"),
        t("in|for ..1 over|more_than ..1 a|# ..1 year|years|month|months"),
    ]),
    with_context(
        "stroke",
        ONSET,
        &[
            t("words ..3 wrong|jumbled|mixed|scrambled|garbled|nonsense|backwards|dont_make_sense|arent_making_sense|wont_come|dont_come|not_coming|arent_coming|all_wrong"),
            t("wrong ..1 words|word|name|names"),
            // "mixing up words and calling the remote a phone".
            t("mixing|mixes|mixed|mixin ..1 up ..2 words|word|his_words|her_words|names"),
            // A mouth that no longer closes on one side: "his coffee dribbled
            // out the left side of his mouth".
            t("dribble|dribbled|dribbles|dribbling|drool|drooled|drooling|drools|spill|spilled|spilling|leaks|leaking|leaked ..6 side ..2 of ..2 his|her|my|the ..1 mouth"),
            // A clinician's words for it: "trouble finding his words", "R
            // hand grip weaker than the L".
            t("trouble|difficulty|hard_time|struggling ..2 finding|find ..2 words|word|his_words|her_words|the_words"),
            t("grip ..4 weaker|weak|weakness|decreased"),
            t("talk|talking|speech|speaking|voice|sentences ..3 makes_no_sense|doesnt_make_sense|not_making_sense|thick|slow|drunk|weird|strange|funny|wrong|mumbled|mushy|sloppy|different"),
            // ("speech is off", not "talk about coming off the pills".)
            t("talk|talking|speech|speaking|voice|sentences ..1 is|seems|sounds|was|sounded|seemed ..1 off"),
            t("talking|speech|speaking ..1 off"),
            t("arm|hand|leg|foot|side ..4 dragging|drags|drag|dropping|weak|heavy|clumsy|limp|numb|dead|useless|wont_work|not_working|gave_out|giving_out"),
            t("dropping|drops|dropped|keeps_dropping ..3 things|stuff|everything|cup|fork|spoon|phone|glass"),
            t("cant|couldnt ..3 hold|grip|grab|lift|raise ..3 fork|cup|spoon|phone|pen|anything|things|arm|hand|glass"),
            t("@numb"),
            t("vision|eye|eyes|sight ..3 blurry|blurred|dark|gone|half|missing|weird|double|dim|black|grey|gray"),
            t("cant|couldnt ..1 see ..4 side|left|right|out_of|things"),
            t("bumping ..2 into"),
            t("dizzy|dizziness|vertigo|off_balance|unsteady|wobbly|staggering|stumbling|leaning|lurching"),
            t("cant|couldnt ..2 walk|stand"),
            t("confused|confusion|disoriented|@confused"),
            t("@severe ..2 headache"),
            t("headache ..3 worst|sudden|exploded|exploding"),
            t("looking ..2 at ..1 us|me ..1 strangely|strange|weird|blankly|funny"),
            t("staring|blank_stare"),
            t("makes|made|making ..1 no ..1 sense"),
            t("doesnt|dont|isnt|wasnt|not ..2 make|making ..1 sense"),
            t("nonsense|gibberish"),
        ],
    ),
    rule(
        "stroke",
        &[
            t("aphasia|aphasic|dysarthria|dysarthric|hemiparesis|hemiplegia|hemiplegic|code_stroke|stroke_alert|nihss|tpa|tenecteplase"),
            t("facial ..1 droop|asymmetry"),
            t("neglect ..2 left|right|side"),
            t("l|r|left|right ..1 sided ..2 weakness|numbness|deficit|paralysis"),
            t("words ..3 wont|wouldnt|cant|arent|werent ..1 come|come_out|coming"),
            t("cant|couldnt|unable_to|struggling_to|trying_to ..2 get|find ..2 words|the_words|his_words|her_words|my_words|a_word|the_right_words"),
            t("word ..1 finding"),
            t("nonsense|gibberish ..1 words"),
            t("words ..3 come_out|coming_out|came_out ..2 as|like ..1 nonsense|gibberish"),
            t("half ..4 vision|what_i_see|of_what|my_vision|everything ..3 dark|black|gone|missing|blurry|blank"),
            t("talks|talking|sounds|speaks ..2 like ..1 drunk|hes_drunk|shes_drunk|hes_been_drinking"),
            t("one|left|right ..1 side ..3 face|mouth ..2 droop*|sag*|down|fallen"),
            t("smile|mouth|face|lip ..6 one_side|one_half|only_one_side|only_half"),
            t("drooling ..4 one_side|that_side|the_side|left_side|right_side|corner"),
        ],
    ),
    benign(
        rule(
            "severe_bleeding",
            &[
                t("@dressing ..4 @soaked|through|changed ..3 blood|through|again|twice|#|already|in"),
                t("@soaked ..4 @dressing"),
                t("@dressing ..3 full ..2 blood"),
                t("changed|change|changing|replaced ..3 @dressing ..4 # ..2 times|x"),
                t("blood ..3 coming|pouring|running|flowing ..3 like_water|more_and_more|fast|out"),
                t("hematemesis|melena|brbpr|hemoptysis|hematochezia"),
                t("epistaxis ..4 not_controlled|uncontrolled|x1h|hour|hours|wont_stop|despite|swallowing"),
                t("not_controlled|uncontrolled ..3 pressure|bleed*"),
                t("swallowing ..1 blood"),
                t("@bleed ..8 even_with|despite|even_after ..3 pressure|pressed|towel|holding"),
                t("drain|output ..4 bright ..1 red"),
                t("frank ..1 blood"),
                t("lost ..3 lot ..2 blood"),
                t("sliced|cut|gash|gashed|lacerat*|slashed ..8 gushing|spurting|soaking|pouring|squirting|wont_stop|everywhere"),
                t("change|changed|changing ..3 # ..1 times ..3 @dressing"),
            ],
        ),
        &[t("gum|gums|floss*|brush*|streak*|tinged|speck*|fleck*|drop|dot|spot|pimple|shaving|paper_cut|papercut|razor|period|menstrual")],
    ),
    with_context(
        "severe_bleeding",
        &[t("sliced|slashed|gashed|gash|lacerated|laceration|cut|stabbed|impaled")],
        &[
            t("gushing|spurting|squirting|pouring|soaking|soaked|wont_stop_bleeding|cant_stop_the_bleeding"),
            // "bled through 4 shop rags in 30 min".
            t("bled|bleeding|soaked|soaking ..1 through|thru ..3 rags|rag|towels|towel|shirts|shirt|napkins|paper_towels|bandages|gauze"),
            t("@bleed ..3 @heavy_bleed"),
        ],
    ),
    with_context(
        "breathing",
        &[
            t("@inhaler ..8 @repeated"),
            t("@repeated ..8 @inhaler"),
            t("@inhaler|puffs|puff ..6 # ..1 times|x|puffs|treatments"),
            t("# ..1 puffs|puff|nebs|treatments"),
            t("@inhaler ..4 every ..3 min|minutes|hour|hr"),
            t("# ..2 @inhaler"),
        ],
        &[
            t("@not_working"),
            t("still|keeps|sigue|sigo|todavia ..4 wheez*|tight|tightness|short|cant|no_puedo|cerrado|cerrada|silbando|apretado|apretada|coughing|cough|coughs|tosiendo|struggling|gasping|retract*|the_same|no_better|bad|hard|igual|mal|agitado|agitada|breathing"),
            t("breathing|breathes|breath|respira|respirando ..2 with|con ..2 the|his|her|la|su ..1 stomach|belly|tummy|panza|barriga|estomago"),
            t("and|y ..1 nothing|nada"),
            t("last|past|ultima ..1 hour|hora|hr"),
            t("last|past|ultimas ..1 # ..1 hours|hrs|horas"),
            t("wheez*|silbando|silbido|sibilancias"),
            t("minimal|little|slight|poca|poco ..1 improvement|relief|mejoria|alivio"),
            t("helps|works|lasts|helped|worked|ayuda|dura|sirve ..4 for|por ..3 # ..1 min|mins|minutes|minutos"),
            t("helps|works|lasts|helped|worked ..4 for ..2 a_few|few|couple ..1 min|mins|minutes"),
            t("bad|worse|tight|tight_again ..1 again"),
            t("no ..1 improvement|relief|better|change|help"),
            t("not ..2 better|helping|improving|working|touching"),
            t("nothing ..2 helps|helping|works|working"),
            t("didnt|doesnt|isnt|wont ..2 help|work|improve"),
            t("y nada"),
            t("@breath_trouble ..2 @breathe"),
            t("short ..1 phrases|sentences"),
            t("one ..1 word ..2 at"),
            n("peak ..1 flow ..4 #", vitals::peak_flow_low),
            t("retract*|tripod*|accessory"),
            t("twice|again|already ..8 still ..3 wheez*|tight|struggling|working_hard"),
        ],
    ),
    with_context(
        "breathing",
        &[t("@inhaler")],
        &[
            t("@not_working"),
            t("red ..1 zone"),
            t("even ..1 after|with ..3 @inhaler"),
            t("helps|works|lasts|helped|worked|ayuda|dura|sirve ..4 for|por ..3 # ..1 min|mins|minutes|minutos"),
            t("helps|works|lasts|helped|worked ..4 for ..2 a_few|few|couple ..1 min|mins|minutes"),
            t("only ..2 works|helps|lasts|helped|worked ..3 short|little ..1 time|while"),
            n("every ..1 # ..1 min|mins|minutes|minutos", |_| true),
            n("every|cada ..1 # ..1 hour|hours|hr|hrs|hora|horas", vitals::at_most_two),
            t("every|cada ..1 hour|half_hour|hora|media_hora"),
        ],
    ),
    rule(
        "breathing",
        &[
            t("can|could ..1 only ..2 speak|say|talk ..3 short|few|one|# ..1 words|phrases|word"),
            t("can|could ..1 only ..2 get|say|manage ..4 words|word ..1 out"),
            t("stop|stopping|pause|pausing|stops ..2 for ..1 air"),
            t("stop|stops|stopping|pause|pauses|pausing ..3 mid|middle|halfway|between ..2 sentence|sentences|words|word|phrase"),
            t("cant|couldnt ..2 get_through|finish|complete ..2 a|one|her|his|my|the ..1 sentence"),
            t("lean|leaning|leans|hunched|hunch|bent ..3 over|forward ..6 @breathe|air"),
            t("peak ..1 flow ..4 red"),
            t("feel|feels|like ..3 drowning|suffocating|smothering|under_water|underwater"),
            t("every|each ..1 breath ..3 struggle|fight|effort|battle"),
            t("air ..2 wont|cant|doesnt|isnt ..2 go_in|get_in|going_in|getting_in|come_in|coming_in"),
            t("have_to|need_to|must|has_to ..2 sit ..3 up ..4 @breathe"),
            t("cant|couldnt ..1 lie|lay ..1 down|flat ..8 @breathe|air"),
            t("stridor|high_pitched|whistling|squeaky|squeaking ..6 breathes|breathe|breathing|breath|inhale|inhaling"),
            t("speaking|talking ..2 in ..2 short|one|# ..1 word|words|phrases"),
            t("tripod*|retracting|retraction|accessory_muscle*|stridor|cyanotic|cyanosis|hypoxic|hypoxia|desat*|tachypneic|tachypnea"),
        ],
    ),
    // A respiratory rate, read for the age: a baby's 30 to 59 is normal.
    rule(
        "breathing",
        &[n("rr|resp_rate|respiratory_rate ..2 #", vitals::resp_rate)],
    )
    .veto(BABY),
    with_context(
        "breathing",
        BABY,
        &[n("rr|resp_rate|respiratory_rate ..2 #", vitals::resp_rate_baby)],
    ),
    with_context(
        "unresponsive",
        &[
            t("found ..5 on ..2 @floor"),
            t("found ..2 down"),
            t("found ..4 lying|laying|collapsed|slumped"),
            t("on|onto ..2 @floor"),
        ],
        &[
            t("@confused"),
            t("@ams"),
            t("doesnt|dont|didnt|cant|couldnt|wont|not ..2 know|tell|remember|say|answer ..4 @time_unknown"),
            t("thinks|thought ..3 its|it_is|it_was ..1 #"),
            t("asking|asks|asked ..3 what|which ..1 year|day|month|time|date"),
            t("mumbl*|slurr*|babbling|incoheren*"),
            t("cant|couldnt ..2 get|getting ..1 up"),
            t("unknown ..1 down ..1 time"),
            t("how ..1 long ..3 there|down"),
            t("oriented ..1 x1|x2|x_1|x_2|to_self"),
            n("gcs ..2 #", vitals::gcs_low),
            t("saying|says|said|thinks|thought|insists|insisted|keeps_saying|kept_saying ..3 its|it_is|it_was ..1 monday|tuesday|wednesday|thursday|friday|saturday|sunday|morning|night|christmas"),
            t("dice|decia|cree|creia ..3 que ..2 es|era ..2 lunes|martes|miercoles|jueves|viernes|sabado|domingo|navidad"),
        ],
    ),
    rule(
        "unresponsive",
        &[
            t("found ..2 down"),
            n("gcs ..2 #", vitals::gcs_low),
            t("only ..1 opens|open ..2 eyes ..2 to ..1 voice|pain|sternal"),
            t("ams|altered_mental_status|altered_mental|obtunded|postictal|post_ictal|unarousable|minimally_responsive|responds_only_to_pain"),
            t("cant|couldnt|wont|hard_to|unable_to ..5 stay|keep_her|keep_him|keep_them ..1 awake"),
            t("keeps|kept ..2 nodding|falling ..1 off|asleep"),
            t("falls|fell|falling ..2 back ..1 asleep ..6 mid|middle|while|talking|sentence"),
            t("nodded|nodding ..2 off ..3 mid|middle|while|talking|sentence|eating"),
            t("so|too|very ..1 drowsy|sleepy ..3 cant|wont ..2 answer|talk|respond"),
            t("barely|hardly ..1 responsive|responding|conscious|awake|waking"),
            t("oriented ..1 x1|x_1|to_self_only"),
            t("hallucinat*|delirious|delirium"),
            t("talking|talks ..2 to ..2 people|someone|somebody|nobody ..2 who|that ..1 arent|isnt|wasnt|not ..1 there|here"),
            t("seeing ..1 things|bugs|people ..3 that|who ..1 arent|isnt|not"),
            t("staring ..4 wont|not|doesnt ..2 answer|respond|responding"),
            t("slumped ..4 wont|not|doesnt ..2 answer|respond|responding"),
        ],
    )
    .veto(&[n("gcs ..1 #", vitals::gcs_normal)]),
    // A falling coma scale: "GCS dropped from 15 to 10".
    with_context(
        "unresponsive",
        // ("droped", a typo, reads as "drooped".)
        &[t("gcs ..4 dropped|fell|down|decreased|declined|declining|falling|drop|worse|worsening|drooped")],
        &[n("to|now ..1 #", vitals::gcs_low)],
    ),
    with_context(
        "seizure",
        &[t("shaking|jerking|jerk*|twitching|convuls*|stiff|rigid|trembling|temblando|temblaba|tiesa|tieso|sacudidas|sacudiendo")],
        &[
            t("all_over|whole_body|all_body|entire_body|arms_and_legs|both_arms|on_the_floor|fell_down|falling_down"),
            t("foam*|drool*"),
            t("bit|biting ..2 tongue"),
            t("eyes ..3 rolled|rolling|go_up|went_up|rolled_up|back|stuck"),
            t("cant|couldnt|wont|not ..2 wake|answer|respond|responding"),
            t("# ..1 min|mins|minutes ..2 already|now|straight"),
            t("lips ..2 @blue"),
            t("dont|doesnt|didnt ..1 remember"),
            t("@ams"),
        ],
    ),
    rule(
        "seizure",
        &[
            t("tonic|clonic|status_epilepticus|postictal|post_ictal|ictal"),
            t("stiff|rigid ..4 shaking|jerking|trembling"),
            t("shaking|jerking ..4 stiff|rigid"),
            t("jerking|shaking ..3 on ..2 floor|ground"),
        ],
    ),
    with_context(
        "sepsis",
        FEVER_SAID,
        &[
            t("@immunosuppressed"),
            t("@confused"),
            t("rigors|shaking_chills|uncontrollable_shaking|teeth_chattering"),
            t("hypotensive|hypotension|tachycardic|tachycardia|tachy"),
            t("shaking|shivering ..1 cold|chills|with_cold"),
            t("heart ..3 racing|pounding|fast|rapid"),
            t("blood ..1 pressure ..2 low"),
            n("bp|pressure|sbp ..4 #", vitals::bp_low),
            t("wound|incision|line|site|port|cut|stitches|herida|cortada|puntos ..4 red|pus|oozing|hot|swollen|streak*|roja|rojo|caliente|hinchada"),
            t("mottled|blotchy"),
            t("very|really|so|extremely ..1 weak"),
            t("cant|can_barely ..2 stand|get_up|walk"),
        ],
    ),
    benign(
        rule(
            "sepsis",
            &[
                t("sepsis|septic|urosepsis|qsofa|sirs|septic_shock"),
                t("neutropenic ..1 fever"),
                t("febrile ..2 neutropen*"),
            ],
        ),
        // Staff business: "sepsis bundle compliance", "sepsis order set".
        &[DRILL, t("bundle|bundles|compliance|audit|metrics|awareness|dashboard")],
    ),
    with_context(
        "dehydration",
        &[
            t("@no_urine"),
            n(ONE_WET_DIAPER, vitals::one_or_none),
            t("sunken|tenting|tented|skin_stays|no_tears|without_tears"),
            t("not|hasnt|wont|refuses|refusing|barely|cant|no ..2 drink|drinking|drank|eat|fluids|po|keep_anything_down|keep_down"),
            t("poor ..1 po|intake"),
            t("diarrhea|@vomit"),
        ],
        &[
            t("@no_urine"),
            n(ONE_WET_DIAPER, vitals::one_or_none),
            t("sunken ..2 eyes|soft_spot|fontanel*"),
            t("skin ..3 tenting|tented|stays|stays_up"),
            t("no ..1 tears"),
            t("lips|mouth ..2 cracked|dry|parched"),
            t("dry ..1 mm|mucous"),
            t("mucous_membranes|mm ..2 dry"),
            t("urine|pee ..4 dark|barely_any|very_little|hardly|tea_colored"),
            t("dizzy|lightheaded"),
            t("orthostatic"),
            t("dizzy ..3 stand|standing|stands|sit|sitting"),
            t("@confused"),
            t("very|so|extremely|really ..1 weak"),
            t("cant|couldnt|unable_to|too_weak_to ..1 stand|stand_up|get_up|walk"),
            t("sleeping|sleep|sleeps|sleepy ..2 all ..1 the_time|time|day"),
            // The pressure falling: "HR 120, BP 86/52, dry as a bone".
            n("bp|pressure|pressures ..4 #", vitals::bp_low),
            t("dry ..1 as ..1 a ..1 bone"),
        ],
    ),
    benign(rule(
        "harm_to_others",
        &[
            t("going_to|gonna|will|want_to|wants_to|threatened_to|threatening_to|threatens_to|plans_to|planning_to|plan_to|intends_to|intending_to|intend_to|intended_to|said_he_would|said_she_would|says_he_will|says_she_will|about_to ..2 @kill_verb ..3 him|her|them|his|my|the|people|everyone|everybody|someone|somebody|us|me|you|kids|school|class|ex|boss|stepdad|stepmom|dad|mom|wife|husband|brother|sister|teacher|neighbor|family|staff|another|student|students|classmate|classmates|coworker|coworkers|teachers|peers|peer|nurse|nurses|rn|aide|aides|residents|patients|roommate|others"),
            t("bringing|bring|take|taking ..3 gun|guns|weapon|knife ..3 school|work|class|church"),
            // A veiled threat: "he's going to come down there and make
            // sure nobody in that office goes home".
            t("make_sure|making_sure ..2 nobody|no_one|none_of_you|none_of_them ..5 goes_home|go_home|leaves|walks_out|gets_out|makes_it_out|leaves_alive"),
            // "bringing his dad's gun tomorrow to shoot up the hallway".
            t("bringing|bring|brought|taking|take|got|grabbed ..3 @weapon ..8 shoot_up|blow_up|shoot_everyone|shoot_people"),
            // Armed, with the act named: "bringing his dad's gun tomorrow
            // to shoot another student".
            t("bringing|bring|brought|taking|take|got|grabbed ..3 @weapon ..6 shoot|stab|kill|hurt|attack|murder ..2 him|her|them|someone|somebody|people|everyone|everybody|another|student|students|classmate|classmates|coworker|coworkers|teacher|teachers|boss|supervisor|manager|wife|husband|ex|neighbor|kids|kid|guys|boys|girls|class|school"),
            t("swinging|waving|pointing|brandishing|chasing|came_at|coming_at|threatening|lunging ..4 @weapon"),
            t("@weapon ..3 at ..2 the|his|her|my|us|me|someone|staff|caregiver|nurse"),
            t("llevar|traer|llevo|trajo ..3 @weapon ..3 escuela|trabajo|colegio|prepa|secundaria"),
            t("coming|coming_over|on_his_way|on_her_way|headed|heading|driving_over ..4 with ..2 @weapon"),
            // A threat to return armed: "said he'd come back with a gun".
            t("come|coming|be|go|going ..1 back ..3 with ..2 @weapon"),
            t("shoot ..1 up ..2 the|this|that ..1 place|clinic|office|school|hospital|building"),
            t("swinging|swung|throwing|threw|hitting ..4 at ..1 me|us|her|him|staff|mom|dad|my ..4 wont_stop|keeps|still|again"),
            t("threatened|threatening|threatens|attacked|attacking|hit|hitting|punched|choking|chased|swung ..3 me|mom|dad|her|him|us|staff|nurse|resident|another|wife|husband ..4 with ..2 @weapon"),
            t("@weapon ..6 threaten*|going_to|gonna|kill|hurt|coming"),
            t("hitting|beating|choking ..1 me|us|mom|her|him"),
            t("swinging|throwing|hitting|swung|threw ..6 at ..1 the|me|us|her|him ..1 aide|nurse|caregiver|staff|kids"),
            t("locked|barricaded ..1 ourselves|myself|themselves ..3 in|inside"),

            t("thoughts|thinking ..2 of|about ..2 hurting|harming|killing ..2 baby|infant|child|kids|son|daughter|someone|him|her|my"),
            t("homicidal|hi_with|intrusive_thoughts"),
        ],
    ), IDIOM_KILLING_ME),
    // Voices that command harm: "she hears a voice telling her ... to get
    // rid of it" (postpartum psychosis, psychosis). Never handled by a
    // paperwork word elsewhere, nor ended by "she's calm now".
    RuleDef {
        personal: true,
        ..with_context(
            "harm_to_others",
            &[t("hear|hears|hearing|heard|hearing_a ..2 voice|voices")],
            &[
                t("voice|voices ..4 get_rid_of|hurt|kill|harm|drown|smother|throw"),
                // (The command apart from the voice, with no "isn't"
                // between them to read as a denial.)
                t("needs|has|have|must|should|told|tells|telling|saying ..3 to ..1 get_rid_of|hurt|kill|harm|drown|smother|throw"),
            ],
        )
    }
    .lasting(),
    with_context(
        "harm_to_others",
        &[t("@weapon")],
        &[t("going|gonna|headed|heading|drive|driving ..3 to ..2 his|her|their|the|my ..1 place|house|work|school|apartment"), t("bought|got|have|has ..2 @weapon"), t("scared|afraid ..3 what ..2 ill|i_will|he_will|hell|hes_going")],
    ),
    with_context(
        "harm_to_others",
        &[t("attacked|hit|hitting|punched|pushed|shoved|choked|threatened ..3 another|staff|resident|nurse|mom|dad|me|us|her|him|my|the")],
        &[
            t("still|keeps|keep ..3 yelling|hitting|trying|swinging|screaming|throwing|threatening|going"),
            t("cant|couldnt|wont ..3 calm|stop|control"),
            t("out ..1 of ..1 control"),
        ],
    ),
    rule("pregnancy_emergency", WATERS),
    rule(
        "pregnancy_emergency",
        &[
            t("not|hasnt|havent|stopped|dont|cant|didnt|no ..3 feel|felt|feeling ..3 the|my ..1 baby|babys ..1 move|moving|kick|kicks|kicking|movements"),
            t("no ..1 siento|he_sentido|ha_sentido|senti ..3 al|el ..1 bebe ..2 moverse|mover|patear|pataditas"),
            // The baby's stillness said of the baby, whether or not the
            // pregnancy is named ("no movement from the baby since
            // yesterday, 36 wks"); a born baby this still is as urgent.
            t("no ..1 movement|movements|kicks|kicking ..2 from|of|by ..1 the|my ..1 baby"),
            t("the|my ..1 baby ..1 hasnt|hadnt|has_not|had_not ..1 moved|kicked"),
        ],
    ),
    rule(
        "psychosis",
        &[
            t("voices|voice ..3 telling|tell|told|say|saying|says"),
            t("escucho|oye|oigo|escucha|oyendo|escuchando ..1 voces|una_voz"),
            // "la voz que me dice que me tire del puente".
            t("voz|voces ..4 dice|dicen|decia|decian|manda|mandan ..3 que ..3 me|se|lo|la ..1 tire|mate|corte|lastime|aviente|ahorque|muera"),
            t("hearing|hears ..1 voices ..6 kill|hurt|harm|baby|evil"),
        ],
    ),
    with_context(
        "pregnancy_emergency",
        PREGNANCY,
        &[
            t("kick|kicks|kicking|movement|movements|moving|moves ..6 nothing|none|stopped|gone|quiet|barely|less"),
            t("decreased|reduced|less|no ..2 fm|dfm|fetal_movement*|fetal_movements"),
            t("dfm"),
            t("nothing ..2 at ..1 all"),
            t("ruq|epigastric ..1 pain"),
            t("visual ..1 sx|symptoms|changes|disturbance"),
            t("ha|headache ..3 visual|vision|spots|blurry"),
            t("gush ..3 fluid"),
            t("water|fluid|liquid ..2 broke|leaking|gush*"),
            // "me sale líquido sin parar, 27 sem".
            t("sale|salia|salio|sigue_saliendo ..1 liquido|agua ..3 sin_parar|mucho|chorro|a_chorros"),
        ],
    )
    .past_context(),
    with_context(
        "pregnancy_bleeding",
        POSTPARTUM,
        &[
            t("filling|fill|filled|soaking|soaked|through|bleeding_through ..3 pad|pads|maxi|towel|towels|pants|clothes"),
            // "¿es normal llenar una toalla en una hora? ya van 3".
            t("llenar|lleno|llene|llena|llenando|empapo|empape|empapa|empapando|empapar|traspaso|traspase ..3 toalla|toallas|toallita|toallitas|compresa|compresas|kotex|pad|pads"),
            t("toalla|toallas|toallita|toallitas|compresa|compresas ..4 hora|horas|media_hora|# ..1 minutos"),
            t("pad|pads ..4 hour|hr"),
            t("pad|pads ..4 # ..1 min|minutes"),
            t("big|large|huge|golf_ball|lemon|egg|fist ..3 clot|clots"),
            t("clots ..3 big|large|huge|golf|lemon|egg|fist"),
            t("bleeding|blood ..4 more|heavier|heavy|bright_red|a_lot|lot|worse|again|soaking"),
            t("hemorrhage|pph"),
        ],
    )
    .past_context()
    // Asked as a question, it is still hers ("is it normal to fill a pad
    // in 40 minutes a week after delivery? I've done 3").
    .personal(),
    with_context(
        "pregnancy_emergency",
        POSTPARTUM,
        &[
            t("@severe ..2 headache"),
            // Charted too: "HA x2 days not relieved by ibuprofen".
            t("headache|ha ..4 wont|not|doesnt ..2 go_away|going_away|stop|quit|help|relieved|better"),
            t("seeing ..1 spots|stars|lights|flashes|sparkles"),
            t("see|sees|saw ..2 spots|stars|lights|flashes|flashing|sparkles"),
            t("vision ..3 blurry|spots|flashing|dim"),
            t("spots|stars|lights|flashes|sparkles|sparkly ..4 vision|eyes"),
            t("@breath_trouble ..2 @breathe"),
            t("chest ..3 pain|hurts|tight"),
            t("calf|leg ..4 swollen|swelling|red|hot|pain"),
            t("fever ..3 #|chills"),
            t("foul|smelly|smells ..2 discharge|bad"),
            t("incision ..4 open|opened|red|pus|oozing"),
            n("bp|pressure|cuff ..4 #", vitals::bp_pregnancy),
            t("harm|hurt|hurting|harming ..3 baby|infant|the_baby|my_baby"),
        ],
    )
    .past_context(),
    with_context("infant_fever", INFANT, &[t("@fever")])
        .veto(OLDER_CHILD)
        .past_context(),
    // A fever measured in a young infant needs a clinician even when it
    // came down ("100.4 rectal this morning but then it went down to 99.5",
    // "38 y pico ... le di paracetamol y ya le bajó").
    with_context(
        "infant_fever",
        INFANT,
        &[
            n("@temp_word ..6 #", vitals::fever),
            n("# ..3 @fever|f|c|degrees|fahrenheit|celsius|rectal*|orally|armpit|axillary|temporal|forehead", vitals::fever),
            // "tiene 38 y pico", "marcó 38.2".
            n("# ..2 pico|picos|grados", vitals::fever),
            n("tiene|tenia|tuvo|marca|marco|marcaba|llego_a|subio_a ..1 #", vitals::fever),
        ],
    )
    .veto(&FEVER_WORKED_UP)
    .past_context()
    .lasting(),
    with_context(
        "sick_infant",
        INFANT,
        &[
            t("barely ..2 waking|wakes|awake|moving|feeding|eating|drinking"),
            t("wont|wouldnt|doesnt|didnt|not|refuses|refused|refusing ..4 latch|latching|bottle|bottles|feed|feeds|nurse|breastfeed"),
            t("arms|legs|body ..2 flop|flopping|floppy|limp"),
            t("flop|flops|flopping"),
            t("@no_urine"),
            t("not ..1 taking ..2 bottle|bottles|breast|formula|milk"),
            t("sunken ..2 soft_spot|fontanel*|eyes"),
            t("weak ..2 cry"),
            t("mottled|blotchy"),
            t("cold ..2 to ..1 touch"),
            t("very|so|too|really ..1 quiet ..3 and|not|wont|hardly"),
            t("too ..1 sleepy|tired|weak ..2 to ..1 eat|feed|nurse|suck|drink"),
            t("strip|undress|tickle|tickling|blow_on ..10 feed|eat|nurse|wake|stay_awake"),
            t("barely|hardly ..1 opened|opening|opens|open ..2 eyes|eye"),
            t("only ..1 had|taken|took|eaten ..1 # ..1 feeds|feedings|bottles ..3 since|all_day|today"),
            t("yellow|jaundice*|jaundiced ..6 sleepy|lethargic|not_eating|wont_eat|floppy|hard_to_wake|sleep|sleeps|sleeping"),
            // Jaundice that has spread to the legs and feet.
            t("yellow|jaundice*|jaundiced ..8 legs|feet|soles|knees|shins|thighs|toes"),
            // A pause in breathing with a change of colour or tone (not the
            // short pauses of a newborn's periodic breathing).
            t("pause|pauses|pausing|stops|stopped|stop ..3 breathing|breathes ..8 pale|blue|gray|grey|limp|floppy|dusky"),
            t("@vomit ..3 green|bile|bilious|dark_green|verde"),
            t("soft_spot|fontanel*|fontanelle|mollera ..8 bulging|bulges|swollen|puffy|sunken|abombada|hinchada|hundida|caved|caving|sunk|sinking|dipped|indented"),
            // Feeds counted on one hand ("has only fed twice today").
            t("only ..2 fed|ate|eaten|nursed|fed_him|fed_her ..2 once|twice|one_time|two_times ..3 today|all_day|since|in"),
            // Feeds refused: "not interested in his bottles".
            t("not|no_longer ..1 interested ..2 in ..2 bottle|bottles|feeding|feeds|eating|nursing|formula"),
            n("@temp_word ..4 #", vitals::low_temp),
        ],
    )
    .veto(OLDER_CHILD)
    .past_context(),
    with_context(
        "head_injury",
        &[
            t("hit|struck|smacked|kicked|hurt ..3 in|on ..2 the|his|her|my ..1 head"),
            t("@head_injury"),
            // "fell, bump on the back of her head", "un chichón en la cabeza".
            t("bump|bumps|goose_egg|knot|lump|gash|chichon|hematoma|contusion|laceration|lac|abrasion ..6 head|forehead|scalp|occiput|occipital|temple|cabeza|frente"),
            // A fall no one saw, found after ("found on floor 0540
            // unwitnessed"): with a thinner or vomiting after it.
            t("unwitnessed ..2 fall|fell|found"),
            t("found ..3 on ..2 the|her|his ..1 floor|ground ..6 unwitnessed|hematoma|bump|lump|goose_egg"),
            t("fell|fall|tripped|slipped ..6 head"),
            t("fell|rolled|tumbled ..3 off|down|from ..3 bed|couch|sofa|changing_table|table|counter|stairs|crib|highchair|high_chair"),
        ],
        &[
            t("@thinner"),
            t("@vomit"),
            t("@confused"),
            t("@ams"),
            t("cant|couldnt|doesnt|dont ..1 remember"),
            t("sleepy|drowsy|hard_to_wake"),
            t("@severe ..2 headache"),
        ],
    )
    // A thinner taken is no episode that passes: "on warfarin ..., bleeding
    // controlled, at baseline" still needs a scan.
    .lasting(),
    with_context(
        "anaphylaxis",
        &[
            t("first|1st|new ..2 dose|pill|med|medicine|medication|antibiotic|shot|injection|infusion"),
            // "after 1st dose" ("1st" is read as a number and "st").
            t("# st ..1 dose|pill|shot|injection|infusion"),
            t("new ..2 rx|prescription|antibiotic|amox|amoxicillin|penicillin"),
            t("started ..3 new|the ..2 med|medicine|pill|antibiotic|medication|lisinopril|penicillin"),
            t("after|since ..3 taking|starting|eating|the_shot|the_injection|the_infusion|the_sting"),
            t("@expose ..5 @allergen"),
            t("allergic|allergy|allergies"),
        ],
        &[
            t("hives|welts ..3 all_over|everywhere|whole_body|spreading"),
            t("tongue|lips|lip|throat|face ..3 @swell"),
            t("@swell ..3 tongue|lips|lip|throat|face"),
            t("hoarse|hoarseness|stridor|wheez*"),
            t("trouble|hard|cant|difficulty ..2 swallow*|breathe|breathing"),
        ],
    ),
    rule("anaphylaxis", &[t("angioedema|anaphylactic")]),
    // Speech not clear, in second-language English: "she speak not clear".
    rule(
        "stroke",
        &[t("speak|speaks|speaking|talk|talks|talking ..1 not ..1 clear|clearly|right|normal")],
    ),
    // Pain between the shoulder blades with a cold sweat or nausea, and a
    // clinician's concern for a heart attack ("concern for atypical ACS").
    with_context(
        "chest_pain",
        &[t("between ..2 shoulders|shoulder_blades")],
        &[t("sweat|sweating|sweaty|cold_sweat|clammy|diaphoretic|nausea|nauseated|nauseous|vomit*")],
    ),
    rule(
        "chest_pain",
        &[
            t("concern|concerned|worried|suspect|suspected|suspicious ..2 for|about|of ..2 atypical|unstable ..1 acs|mi|angina|stemi|nstemi|cardiac"),
        ],
    ),
    // Chest pain that goes to the jaw: "pain in chest ... it go to my jaw".
    with_context(
        "chest_pain",
        &[t("@chest")],
        &[t("go|goes|going|went|spread|spreads|spreading|moves|moving|travels ..2 to|into|up ..2 my|the|his|her ..1 jaw|left_arm")],
    ),
    // Insulin without food, then sweat, shaking or blurred sight.
    with_context(
        "diabetic_emergency",
        &[
            t("insulin|insulina ..8 no|olvide|olvido|forgot|skipped|sin|didnt|did_not ..3 comer|comi|eat|ate|eating|meal|comida|desayunar|cenar|almorzar"),
            t("olvide|olvido|forgot|skipped|didnt|did_not|no ..3 comer|comi|eat|ate|eating|meal|comida ..8 insulin|insulina"),
        ],
        &[t("sweaty|sweating|sudando|sudor|shaking|shaky|temblando|tiemblo|tiembla|confused|confundido|confundida|blurry|dizzy|mareado|mareada"), t("no ..1 veo ..1 bien")],
    ),
    // A dosing error under way: not read against the overdose look-alikes
    // ("10 mg" is a dose there, here it is the error itself).
    rule(
        "medication_error",
        &[
            t("methotrexate ..6 daily|every_day|each_day|instead"),
            t("kcl|potassium|potassium_chloride ..6 iv ..1 push|pushed|bolus"),
            t("iv ..1 push|pushed ..4 kcl|potassium"),
        ],
    ),
    // Two blood thinners taken together by mistake, with bleeding: "his old
    // warfarin AND the new Eliquis ... his gums are bleeding" (not a switch
    // or a bridge, which give both on purpose).
    with_context(
        "medication_error",
        &[t("@thinner ..6 and|plus|both|with|together|y|con ..4 @thinner")],
        &[
            t("@bleed"),
            t("bruise|bruises|bruising|bruised|moretones|moreton"),
            t("pee|urine|orina ..3 red|pink|bloody|roja|con_sangre"),
        ],
    )
    .veto(&[t("switch|switched|switching|changed|changing|change|transition|transitioning|bridge|bridging|bridged|instead|cambio|cambiaron|cambiar")]),
    // A child's liquid dose measured several times over: "gave her 5 mL
    // instead of 1.25 mL".
    with_context(
        "medication_error",
        &[t("@child")],
        &[t("# ..1 ml|mls|cc|tsp|teaspoon|teaspoons ..6 instead ..1 of ..1 #")],
    ),
    // Sent to the emergency department by the clinic and asking to wait:
    // "they said go to the ER for my lithium level, can I wait until
    // tomorrow?". The instruction stands however the patient feels.
    benign(
        with_context(
            "directed_to_ed",
            &[
                t("can|could|should|ok|okay|alright|fine ..3 wait|skip_it|hold_off|go_tomorrow|go_in_the_morning|wait_until|wait_till|wait_til|wait_til|put_it_off"),
                t("do|does ..2 i|he|she|we ..1 really|actually ..2 have|need ..1 to ..1 go"),
                // "they said go to the ER now. do I really need to?"
                t("do|does ..1 i|he|she|we ..1 really|actually|honestly ..1 have|need ..1 to"),
                t("puedo|podemos|puede ..2 esperar|ir_manana|aguantar"),
                // "they said go in but I wanted to ask you first".
                t("ask|check|run_it_by ..3 first"),
                t("rather|prefer ..2 not ..1 go"),
                t("is_it|is_that|is_this ..2 necessary|needed"),
                t("preguntar|preguntarle|consultar|consultarle ..3 primero|antes"),
            ],
            &[
                t("said|told|says|tells|wants|want|advised|instructed|recommended|dijeron|dijo|mandaron|mando ..6 go|head|get|come|ir|vaya|fuera|vayamos ..3 er|ed|emergency|emergency_room|hospital|emergencias|emergencia|urgencias|sala_de_emergencias"),
            ],
        )
        .lasting(),
        &[
            // "said to go to the ER if it gets worse", "told me to go and
            // I went".
            t("er|ed|emergency|emergency_room|hospital|emergencias|urgencias ..2 if|when|should|in_case|si|cuando"),
            t("went|been|already|fui|fuimos ..4 er|ed|emergency|hospital|emergencias|urgencias"),
        ],
    ),
    // A limb mangled, cut off or crushed, or caught in a machine: "hand
    // got caught in the hay baler, fingers are mangled".
    rule(
        "severe_injury",
        &[
            t("finger|fingers|hand|arm|foot|toes|toe|leg|thumb|dedos|dedo|mano|brazo|pie|pierna ..4 mangled|severed|amputated|cut_off|degloved|hanging_off|cercenado|cercenada|cercenados|arrancado|arrancados|mocho"),
            t("mangled|severed|amputated|cut_off|degloved|cercenado|cercenada|arrancado ..3 finger|fingers|hand|arm|foot|toes|toe|leg|thumb|dedos|dedo|mano|brazo|pie|pierna"),
            t("hand|arm|foot|leg|chest|mano|brazo|pie|pierna|pecho ..4 crushed|aplastado|aplastada|aplastados|aplastadas|machucado|machucada"),
            t("caught|stuck|pulled|trapped|atrapado|atrapada|agarro ..3 in|into|en|por ..3 baler|auger|machine|machinery|pto|combine|conveyor|chipper|wood_chipper|meat_grinder|roller|press|empacadora|maquina|banda"),
        ],
    ),
    // A bite to the hand that is swelling up or stiffening the finger: a
    // deep infection of the tendon sheath ("cat bit me on the knuckle ...
    // whole back of my hand is swollen, I can't bend the finger").
    with_context(
        "animal_bite",
        &[t("cat|dog|perro|gato|human ..3 bit|bite|bitten|biting|mordio|mordida|scratched|aruno")],
        &[
            t("hand|wrist|finger|fingers|knuckle|mano|dedo|muneca ..6 swollen|swelling|swelled|hinchada|hinchado ..4 up_to|to_the|wrist|arm|whole|toda|todo|muneca|brazo"),
            t("whole|entire ..2 hand|arm ..3 swollen|swelling|red"),
            t("cant|unable ..2 bend|move|straighten ..3 finger|fingers|hand|thumb"),
            t("red ..1 streak|streaks|line|lines"),
            t("streak|streaks ..4 up|arm|wrist"),
        ],
    ),
    // A small child found with someone's pills or medicine, some maybe
    // taken: "found him with grandpa's pill organizer, the Tuesday and
    // Wednesday lids were open", "ate about 10-12 of them", "drank from
    // it ... now it's about half full".
    with_context(
        "overdose",
        &[t("@child")],
        &[
            t("pill_organizer|pillbox|pill_box ..8 open|opened|chewed"),
            t("bottle|pill_bottle|medicine_bottle ..8 half_full|half_empty|half_gone"),
            t("pills|tablets|gummies|vitamins ..5 missing|gone"),
            n("ate|swallowed|eaten|chewed|took ..2 about|around|maybe|like ..1 #", vitals::many_pills),
            t("drank|drink|chugged|swallowed ..3 from ..2 it|the_bottle|bottle"),
            t("might|may|could ..1 have ..1 taken|swallowed|eaten|gotten_into|chewed ..3 some|one|any|pills|them"),
        ],
    )
    .lasting(),
    // A dog's bite to the face, head or neck of a baby or small child, or
    // any bite left deep and gaping: "the dog bit my 3 month old's head,
    // two deep puncture holes".
    with_context(
        "animal_bite",
        &[
            t("@child"),
            t("deep|gaping|gushing|wont_stop_bleeding|down_to_the_bone|hondas|honda|profunda|profundas"),
        ],
        &[
            t("dog|dogs|pitbull|pit_bull|perro|perros ..4 bit|bite|bitten|biting|attacked|mauled|mordio|mordida|ataco ..8 face|head|neck|eye|cheek|lip|scalp|ear|cara|cabeza|cuello|ojo|cachete|labio|oreja"),
            t("face|head|neck|eye|cheek|lip|scalp|ear|cara|cabeza|cuello ..4 bitten|bit ..3 by ..2 dog|dogs|perro"),
            t("mauled|attacked_by_a_dog|attacked_by_the_dog"),
        ],
    ),
    // A limb in a cast gone numb or cold, or pain on a passive stretch:
    // compartment syndrome ("casted yesterday ... toes numb and cool").
    with_context(
        "surgical_emergency",
        &[t("cast|casted|splint|splinted|yeso|ferula|enyesado|enyesada")],
        &[
            t("toes|toe|fingers|finger|dedos ..3 numb|cold|cool|blue|white|pale|purple|dormidos|frios|morados|blancos"),
            t("passive ..2 stretch|stretching|extension|flexion"),
            t("compartment ..1 syndrome|check|pressure|pressures"),
        ],
    ),
    // Pills and a goodbye sent to friends: "snapchatted a pic of a pile of
    // pills w 'goodbye'".
    rule(
        "self_harm",
        &[
            t("pic|picture|photo|foto|snap|post|posted|snapchatted|video|story ..8 pills|pastillas|rope|soga|gun|pistola|blade|razor ..8 goodbye|bye|adios|despedida|sorry|perdon|perdonenme"),
            t("goodbye|adios|despedida ..8 pic|picture|photo|foto|snap|post|posted|video|story ..6 pills|pastillas|rope|soga|gun|pistola|blade|razor"),
        ],
    ),
    // Units of insulin or heparin instead of another number: "bolused 40
    // units instead of 4", "gave 50 units rather than 5".
    rule(
        "medication_error",
        &[t("# ..1 units|unit ..5 instead|rather ..1 of|than ..1 #")],
    ),
    // Someone else's pills, or pills unknown, with signs of toxicity:
    // "took 3 of my moms pills, idk what they are, now my heart is racing".
    with_context(
        "overdose",
        &[
            t("@ingest ..6 moms|dads|grandmas|grandpas|sisters|brothers|friends|roommates|someones|someone_elses|somebody_elses ..3 @substance"),
            t("dont|idk|not_sure|no_idea ..3 know|what ..3 they|it ..1 are|is|was|were"),
        ],
        &[
            t("heart ..3 racing|pounding|fast"),
            t("sweaty|sweating|clammy"),
            t("feel|feels|feeling ..2 weird|strange|funny|off|wrong"),
            t("very|so|really|rly ..1 sleepy|drowsy|dizzy|confused"),
            t("cant|hard_to ..2 breathe|stay_awake|wake"),
        ],
    ),
    // Too many taken, told in the present tense: "I take too many
    // sleeping pill, maybe 20".
    rule(
        "overdose",
        &[t("take|takes|taking ..2 too_many|too_much|a_lot_of|a_bunch_of ..3 @substance")],
    ),
    // A doubled dose with signs of toxicity: "doubled her digoxin, seeing
    // yellow halos", "took a double dose and now very drowsy".
    with_context(
        "overdose",
        &[
            t("doubled|double|doubling|twice|extra ..3 dose|doses|@substance"),
            t("digoxin|lanoxin|digitalis"),
        ],
        &[
            t("halo|halos"),
            t("yellow|yellowish|greenish ..3 vision|lights|tint|everything|halos"),
            t("vision|lights|everything ..3 yellow|yellowish|greenish"),
            t("very|so|really|too|extremely ..1 drowsy|sleepy|confused|lethargic|out_of_it"),
            t("cant|wont|hard_to ..2 wake|stay_awake"),
        ],
    ),
    with_context(
        "overdose",
        &[t("@child")],
        &[
            t("@substance|@poison ..8 missing|gone|empty|open|opened|spilled|chewed"),
            t("missing|empty|open|opened ..4 bottle|pill|pills|@substance|@poison"),
            t("bit|bit_into|biting|chewed|chewing|licked|sucked ..3 @poison|pod|pods"),
            t("smells|smell|taste|tastes ..3 like ..2 @poison|bleach|chemicals|gas|gasoline"),
            t("got|gotten|ate|found ..4 gummies|edible*|thc|weed|marijuana|cannabis|vape"),
            t("@ingest ..6 @mild_excess"),
            t("@mild_excess ..6 @ingest"),
            t("gave|given|giving ..10 adult|wrong|double|twice|by_mistake|by_accident"),
            // A sibling's medicine ("gave him his sister's amoxicillin"), not a
            // toast at a sister's wedding.
            t("gave|given|giving ..6 his_brothers|her_brothers|her_sisters|his_sisters ..2 @substance|dose|doses|medicine|meds|pill|pills|inhaler|syrup|antibiotic|antibiotics|amoxicillin"),
            t("gave|given|giving ..14 # ..1 times"),
            t("both ..2 gave|given|dosed"),
            t("mixed ..1 up ..3 syringe*|medicine*|bottles|doses"),
            t("@ingest ..2 # ..2 of ..1 them|those|these|it"),
            t("he|she|they ..1 take|eat|drink|swallow ..2 many|much|lot|all|bunch ..3 @substance|pills|of"),
            t("with ..2 the|a|an|her|his|my ..1 @poison|@substance"),
        ],
    ),
    // A button battery or a magnet burns or tears from inside, however
    // well the child seems ("she seems totally fine, just drooling").
    with_context(
        "overdose",
        &[t("@child")],
        &[
            t("@ingest ..8 battery|batteries|magnet|magnets"),
            // "one of those flat round batteries is missing, my 18mo was
            // playing with it".
            t("button|coin|flat|round|lithium|watch ..3 battery|batteries ..8 missing|gone|mouth|swallow*"),
            t("battery|batteries ..4 missing|gone ..10 playing|mouth|chewing|baby|toddler"),
            // "had the remote apart and I can't find one of the little
            // round batteries ... drooling".
            t("@child|playing|apart ..16 cant|couldnt|can_not ..1 find ..8 battery|batteries|magnet|magnets"),
            t("cant|couldnt|can_not ..1 find ..8 battery|batteries|magnet|magnets ..12 @child|drool*|mouth|playing|gagging|coughing"),
            t("boton|reloj|redonda|redondas|plana|planas|litio ..3 pila|pilas|bateria|baterias ..8 falta|faltan|boca|trago|se_trago"),
            t("pila|pilas|bateria|baterias ..4 falta|faltan|no_encuentro ..10 jugando|boca|bebe|nino|nina"),
            t("falta|faltan ..3 pila|pilas|bateria|baterias ..12 jugando|boca|mano|bebe|nino|nina"),
            // "creo que se tragó a magnet, faltan dos de la puerta".
            t("trago|se_trago|comio|se_comio|metio_a_la_boca ..4 iman|imanes|magnet|magnets|pila|pilas|bateria|baterias"),
        ],
    )
    .lasting()
    // Found after all, or already looked for on an x-ray.
    .veto(&[
        t("found|located|encontre|encontramos|aparecio ..4 it|them|battery|batteries|magnet|magnets|pila|pilas|iman|imanes"),
        t("xray|x_ray|xrays|x_rays|radiografia ..4 clear|nothing|negative|normal|showed_nothing|no_salio_nada|limpia"),
    ]),
    // Units given instead of the dose meant ("got 40 units novolog instead
    // of 4"): insulin or heparin ten times over acts for hours, however
    // fine the first reading is.
    rule(
        "overdose",
        &[
            t("units|unit ..3 instead_of|instead ..2 #"),
            t("tenfold|ten_fold|10x|ten_times ..4 dose|insulin|units|heparin|novolog|humalog|lantus"),
        ],
    )
    .lasting(),
    rule(
        "overdose",
        &[
            t("generator|grill|heater|charcoal|car_running|engine_running ..8 garage|inside|indoors|basement|house|closed"),
            t("co ..1 alarm|detector ..3 going|went|beeping|off"),
            // An antidote asked for is an overdose under way ("need uridine
            // triacetate??" after a 5-FU pump ran dry in 4 hours).
            t("uridine|fomepizole|digifab|digibind|cyanokit|praxbind|andexxa"),
            // Magnets or a button battery swallowed, at any age ("creo que se
            // tragó a magnet, faltan dos").
            t("swallowed|swallow|trago ..4 iman|imanes|magnet|magnets|button_battery|button_batteries|pila_de_boton"),
            // The magnets named first: "magnet building sets ... we think he
            // swallowed two of them".
            t("magnet|magnets|iman|imanes ..25 swallowed|swallow|trago|se_trago|se_comio"),
            // "drank from a Gatorade bottle in the shed that had weed killer
            // in it": the poison named after the container.
            t("drank|drink|sipped|swallowed|took_a_swig ..2 from|out_of ..12 @poison"),
            t("tomo|trago|bebio|se_tomo ..6 botella|envase|galon|garrafa|vaso|lata ..10 veneno|cloro|herbicida|pesticida|insecticida|plaguicida|anticongelante|@poison"),
            t("car|carro|coche|motor|engine ..8 garage|garaje|cochera ..6 prendido|encendido|running|on"),
            t("garage|garaje|cochera ..6 car|carro|coche|motor|engine ..3 prendido|encendido|running|on"),
            t("whole ..1 week|weeks|months ..2 of|worth ..3 at_once|all_at_once|pills|meds|dose|doses"),
            t("daily ..2 instead ..1 of ..1 weekly"),
            t("took|take|taking|swallowed ..4 like|about|around|maybe ..1 # ..3 @substance"),
            t("took|swallowed|ate|drank|taken ..2 them|it|those|the_pills|these ..1 all"),
            t("all ..1 of ..1 them ..6 took|swallowed|gone"),
            // "took whole bottle", "swallowed the entire pack".
            t("took|swallowed|downed|drank ..2 whole|entire ..1 bottle|pack|packet|box"),
            t("empty ..2 pill|pills|bottle ..6 sorry|goodbye|bye|love_you|wont_answer|wont_pick_up"),
        ],
    ),
    with_context(
        "self_harm",
        &[t("pills|meds|bottle|medication*|antidepressant*|sleeping|tylenol|oxy*|refills|refill|prescriptions|@substance")],
        &[
            t("going|gonna|will|want|plan|planning|about|thinking|decided|ready ..3 to ..2 take|swallow|overdose|down|od ..4 all|whole|every|entire|rest|them|bottle"),
            t("take|swallow|taking|swallowing|down ..1 all|whole|every|entire ..3 of ..3 pills|meds|bottle|tablets|medication*|antidepressant*|sleeping_pills"),
            t("take|swallow|taking ..2 them|it|the_bottle ..3 tonight|tomorrow|after|when|later|this_weekend|bedtime|asleep"),
            t("collected|collecting|saved|saving|stockpiled|hoarded|stashed|hid|hidden ..4 month|months|weeks|bottle|pills|oxy|meds|enough|antidepressant*|tablets|sleeping_pills|@substance"),
            t("wont|will_not|dont ..1 need ..2 them|it|these|any ..3 after|anymore|soon|much_longer"),
            t("wont|will_not|dont ..1 need ..2 my|the|her|his ..1 pills|meds|medicine|medication*|refills ..3 after|anymore|soon|much_longer"),
        ],
    ),
    rule(
        "self_harm",
        &[
            // "SI with plan", "SI w/ intent" (not Spanish "si el plan cubre").
            t("si with|w|plan|intent|ideation|and_intent"),
            t("si ..1 with|w|and ..1 plan|intent"),
            t("suicidal ..1 ideation|thoughts|intent"),
            t("contract ..2 safety"),
            t("noose"),
            t("tie ..2 a ..1 noose|rope"),
            t("wrote|written|writing|left ..3 goodbye|farewell|suicide_note"),
            t("wrote|written|left ..2 a ..1 note ..8 for|to ..2 my ..1 mom|dad|family|kids|parents|husband|wife|children"),
            t("picked|chose|chosen|found ..3 the|a ..1 bridge|spot|place|way|method|date|day"),
            t("know ..2 where ..2 rope|gun|pills|bridge|key"),
            // An absence dated by a life event or tonight, not by an
            // appointment ("won't be here for my appointment, I'm traveling").
            t("wont|will_not|not_going_to ..2 be ..2 around|here ..3 much_longer|anymore|any_longer|christmas|birthday|graduation|holidays"),
            t("wont|will_not|not_going_to ..2 be ..2 around|here ..1 after|by|past ..1 tonight|today|tomorrow|this_weekend"),
            t("tired ..2 of ..1 living|life|being_alive"),
            t("im|i_am|feel_like_a ..2 burden"),
            t("burden ..3 everyone|family|you|them|anymore"),
            t("giving|gave|give ..1 away ..3 jewelry|things|stuff|belongings|possessions|pets|cat|dog|clothes"),
            t("done ..2 with ..2 everything|life|living|it_all"),
            t("key ..3 gun_safe|gun_cabinet|safe"),
            t("where ..3 keep|kept|keeps|hid|hides|stored|stores ..3 gun|guns|rifle|pills|rope|pistol|handgun|shotgun|firearm|firearms"),
            t("where ..3 put|left|moved|locked|took ..4 gun|guns|rifle|pistol|handgun|shotgun|firearm|firearms|ammo|bullets"),
            t("wont|will_not ..1 be ..6 or ..1 ever"),
            t("looked ..1 up ..3 how ..2 to ..3 die|kill|overdose|hang|noose|end"),
            t("how ..1 many ..2 pills ..3 to ..2 die|kill|end|overdose|od"),
            t("cant ..2 do ..1 this ..1 anymore ..6 pills|bridge|gun|rope|end|die|tonight"),
            t("better ..1 off ..3 without ..1 me|her|him|them|us"),
            t("done ..1 for ..1 good"),
            // Not a problem to anyone after a time: an absence planned.
            t("wont|will_not|not_going_to|not_gonna ..2 be ..1 a ..1 problem|burden|bother ..3 for|to ..2 anyone|anybody|you|them|anymore|after|much_longer"),
            t("ya ..1 no ..2 voy|va ..1 a ..1 ser ..1 una ..1 carga|molestia|problema"),
            t("wont|will_not|dont ..1 be ..1 needing|need ..3 them|it|these|anything|appointments|anymore ..3 after ..1 tonight|today|this_weekend|tomorrow|this_week"),
            t("wont|will_not ..2 need|be_needing ..3 anymore|any_more|ever_again"),
            t("sleep ..4 not|never ..1 wake ..1 up"),
            t("not|never ..1 wake ..1 up ..3 again|anymore|ever"),
            t("cant|couldnt ..1 keep ..1 going"),
            t("letters|notes ..3 to|for ..2 my|the ..2 kids|children|family|husband|wife|mom|dad|parents|son|daughter|sister|sisters|brother|brothers|friends|everyone|grandkids|grandchildren"),
            t("driving|drive|crash|crashing|steer|steering|swerve ..5 into|off ..3 tree|wall|bridge|pole|truck|traffic|cliff|river|lake|overpass"),
            t("feel|feeling ..1 like ..1 dying ..6 ready|plan|pills|listo|todo"),
            t("life ..3 no_meaning|meaningless|pointless|no_point|not_worth"),
            t("finish|finishing ..1 it|it_all|everything|my_life"),
            t("pills|rope|gun|note|noose ..2 ready"),
            t("everything|it_all|all ..1 ready|set|planned ..4 tonight|tomorrow|weekend|done|goodbye|end"),
            t("saying|says|said|say ..1 goodbye"),
            // Passive wishes, goodbyes and places, in lay words.
            t("want|wanted|need ..1 it|everything|it_all|this|life ..2 to_be_over|to_end|over_with"),
            t("want|wanted ..1 to ..1 be ..1 with ..4 who|that ..1 passed|died"),
            // "my last message" alone is the one before ("ignore my last
            // message"); a farewell says "this is" or "ever".
            t("this_is_my|this_is_the ..1 last ..1 message|text|goodbye|words"),
            t("my ..1 last ..1 goodbye|words"),
            t("last ..1 message|text ..2 ever|from_me|youll_get"),
            t("on|at ..2 the|a ..1 bridge|roof|rooftop|ledge|overpass|tracks|cliff ..12 jump|jumping|do_it|end_it"),
            // "a specific plan to jump from the parking structure".
            t("plan|planning|planned|going|gonna|want|wants|wanted ..2 to ..1 jump ..4 from|off ..4 bridge|roof|rooftop|building|structure|garage|parking|overpass|balcony|window|cliff|tower|ledge"),
            t("how ..1 many|much ..3 @substance ..3 it ..1 takes|would_take|to_kill|to_die|to_od"),
            t("how ..1 many|much ..3 @substance ..2 would ..1 it ..1 take"),
            t("tonight ..2 is ..2 the ..1 night ..3 i|im"),
            t("made ..1 my ..1 peace ..6 goodbye|tonight|thank|sorry|love"),
            t("sorry|forgive ..2 for ..1 everything ..8 cancel|wont|goodbye|love|take_care"),
            t("sleep|sleeping ..1 forever"),
            t("sleep|sleeping ..1 for ..1 good|ever"),
            t("nobody|no_one ..3 notice|miss|care ..3 gone|dead|died|disappeared"),
            t("nobody|no_one|noone ..2 will|would|is_going_to|gonna|wont ..1 miss|notice ..1 me"),
            t("done|tired|sick|finished ..3 being ..1 a ..1 burden"),
            // "i dont think ill be around for my appt next week".
            t("dont_think|not_sure|doubt ..2 ill|i_will|i_ll|im_going_to ..1 be ..1 around|here|alive"),
            // A means thought of whole: "injecting the whole pen at once".
            t("thinking|thought|think|considering ..4 injecting|inject|taking|take|swallowing|swallow ..3 whole|entire|all ..2 pen|pens|bottle|bottles|vial|box|pills"),
            t("being|be ..1 done ..1 with ..1 all ..1 of ..1 it"),
            // Self-injury: "burned my arm on purpose".
            t("burned|burnt|burn|burning|cut|cutting|hit|hitting|hurt|hurting|scratched ..4 on_purpose"),
            t("want|wanting|wish|wished ..3 to ..1 not|never ..1 wake ..1 up"),
            t("@substance ..4 lined_up|laid_out|counted_out|set_out"),
            t("better|happier ..2 off ..1 without ..1 me|her|him"),
            t("better|happier ..1 without ..1 me|her|him"),
            t("wont|will_not|not_going_to|not_gonna ..1 be ..1 a ..1 problem|burden|bother ..2 much ..1 longer"),
            t("wont|will_not|not_going_to|not_gonna ..1 be ..1 a ..1 problem|burden|bother ..1 for_long|anymore"),
            // An absence announced with "or ever": "not gonna be at school tmrw. or ever".
            t("not_gonna|not_going_to|wont|will_not ..1 be ..4 tomorrow|tmrw|tmr|monday|there|around|here|school|work ..3 or_ever|ever_again"),
            t("everythings|its_all|all ..1 planned|ready|set ..4 fine|tonight|tomorrow|tmrw|goodbye|bye"),
            t("fine ..2 everythings|everything_is|its_all ..1 planned|ready|set"),
            t("better|happier|easier ..4 if ..2 i ..1 wasnt|werent|was_gone|was_dead|died|disappeared|didnt_exist|stopped_being|stopped_existing|quit_being|were_gone"),
            t("dont|cant|no_longer ..1 see|find ..2 point|reason ..3 living|waking|wake|going_on|being_alive|life|anymore|tomorrow"),
            t("disclosed|endorses|endorsed|endorsing|reports|reported|admits|admitted|positive_for|active|passive|ongoing|new|with ..1 si"),
            t("endorses|endorsed|endorsing|admits|admitted|expresses|expressed|verbalizes|verbalized|voices|voiced ..1 intent|plan ..3 tonight|today|now|to|with|si"),
        ],
    )
    .personal(),
    with_context(
        "critical_vital",
        &[
            t("@confused|dizzy|dizziness|lightheaded|faint|fainting|pale|white|gray|grey|weak|sweaty|clammy|cold|passing_out|pass_out|desmay*|mareado|mareada|palido|palida"),
            // A resident more sleepy than usual: "BP 84/50 ... a little more
            // sleepy than usual".
            t("sleepy|sleepier|drowsy|lethargic|somnolent|obtunded|hard_to_wake|harder_to_wake|letargico|letargica|somnoliento|somnolienta"),
        ],
        &[
            n("bp|blood_pressure|pressure|sbp|systolic|presion|machine|monitor ..4 #", vitals::bp_low),
            n("pulse|heartrate|heart_rate|hr|beating|beats|watch|monitor|machine|heart ..6 #", vitals::pulse),
            // A runaway heart without a number, with dizziness or faintness:
            // "heart racing for an hour and it wont slow down, so dizzy",
            // "el corazón acelerado y no se me calma".
            t("heart|pulse|heartbeat|corazon ..3 racing|pounding|fast|going|acelerado|latiendo|a_mil ..8 wont|cant|doesnt|isnt|not|no ..3 slow|slowing|come_down|settle|settling|se_calma|se_me_calma|baja|se_me_baja"),
        ],
    ),
    // A slow heart with fainting or pallor: "HR 42, syncopized in chair
    // twice, pale + clammy" (not a resting 48 with a cold).
    with_context(
        "critical_vital",
        &[t("syncop*|fainted|fainting|passed_out|pass_out|passing_out|pale|clammy|lightheaded|desmay*")],
        &[n("pulse|heartrate|heart_rate|hr ..2 #", vitals::pulse_slow)],
    ),
    rule(
        "critical_vital",
        &[
            n("hr ..1 #", vitals::pulse),
            // Hypothermia: "low temp 94.2 F rectal", "temp 34.6".
            n("temp|temperature|rectal|rectally|core|tympanic ..1 #", vitals::hypothermia),
            n("low|cold ..1 temp|temperature|body_temp ..4 #", vitals::hypothermia),
            n("sbp|systolic ..2 #", vitals::systolic_low),
            // A pressure felt, not heard: "BP 76/palp".
            n("bp|pressure ..2 # ..1 palp|palpated|palpable|doppler|dopplered", vitals::systolic_low),
            n("bp|pressure ..2 #", vitals::bp_very_low),
            n("hypotensive|hypotension ..3 #", vitals::bp_low),
            n("pulse|heart_rate|heartrate|heart|beating|watch|monitor ..6 #", vitals::pulse),
            n("bp|pressure|machine|monitor|presion ..6 #", vitals::bp_crisis),
        ],
    ),
    // The value in the next clause: "lab just called about mom's sodium,
    // it's 117".
    with_context(
        "critical_result",
        &[t("sodium|sodio")],
        &[n("its|it_is|it_was|es|salio|esta ..1 #", vitals::sodium)],
    ),
    with_context(
        "critical_result",
        &[t("potassium|potasio")],
        &[n("its|it_is|it_was|es|salio|esta ..1 #", vitals::potassium)],
    ),
    benign(
        rule(
            "critical_result",
            &[
                n("@glucose ..7 #", vitals::glucose),
                // A long way to the value: "blood sugar on the sample drawn
                // at her assisted living this morning was 28".
                n("@glucose ..12 was|came_back|read|reading ..1 #", vitals::glucose),
                n("potassium ..7 #", vitals::potassium),
                // "my potassium from the visit after the heat exhaustion
                // came back 6.9".
                n("potassium ..12 was|came_back|is|returned ..1 #", vitals::potassium),
                n("k ..2 #", vitals::potassium),
                n("sodium ..7 #", vitals::sodium),
                n("sodium ..12 was|came_back|is|returned ..1 #", vitals::sodium),
                n("na ..2 #", vitals::sodium),
                n("hemoglobin|hemoglobina|hgb|hb ..7 #", vitals::hemoglobin),
                n("platelet*|plt|plts ..7 #", vitals::platelets),
                n("inr ..7 #", vitals::inr),
                n("troponin|trop ..4 #", vitals::troponin),
                n("wbc ..4 #", vitals::wbc),
                n("bilirubin|bili|tsb ..4 #", vitals::bilirubin),
                // A toxic vancomycin trough: "vanco trough came back 48".
                n("vanco|vanc|vancomycin ..2 trough|level ..4 #", vitals::vancomycin_toxic),
                n("gluc|glu ..3 #", vitals::glucose),
                n("ca ..2 #", vitals::calcium_decimal),
                n("ica|ionized_calcium|ionized_ca ..3 #", vitals::ionized_calcium),
                n("phos|phosphorus|phosphate ..3 #", vitals::phosphorus),
                n("magnesium ..2 #", vitals::magnesium),
                n("ammonia ..4 #", vitals::ammonia),
                n("lithium ..4 # ..1 level|mmol|meq|on|pt|patient", vitals::lithium),
                n("lithium ..1 level ..3 #", vitals::lithium),
                n("lithium|li ..2 #", |n| n.value.fract() != 0.0 && vitals::lithium(n)),
                n("digoxin|dig ..1 level ..3 #", vitals::digoxin),
                t("blasts"),
                t("malaria|falciparum|plasmodium ..4 positive|confirmed|seen|identified"),
                // What a smear shows: "p falciparum parasites on thin smear".
                t("falciparum|plasmodium|malaria ..4 parasites|parasitemia|trophozoites|gametocytes|schizonts"),
                t("positive ..3 malaria|blood_culture|blood_cultures|blood_cx|csf|bcx"),
                t("blood ..1 culture|cultures ..4 positive|growing|gram"),
                t("gram ..1 positive|negative ..3 cocci|rods|bacilli"),
                t("blood ..1 cx|cult|bcx ..6 positive|pos|growing|gpc|gnr|gpr|gpdc|gndc|gram|yeast|candida"),
                t("bcx ..4 positive|pos|growing|gpc|gnr|gpr|gpdc|gndc"),
                t("csf ..4 gpc|gnr|gpr|gpdc|gndc|gram|organisms|bacteria|positive"),
                t("gpc|gnr|gpr|gpdc|gndc ..3 clusters|chains|pairs|blood|csf|bottle|bottles"),
                t("gpc|gnr|gpr|gpdc|gndc ..3 # ..1 bottle|bottles"),
            ],
        ),
        &[
            t("access|thinking|illness|condition|list|infrastructure|threshold|thresholds|cutoff|cutoffs|policy|training|callback_list|number"),
            t("critical|intensive ..1 care"),
            n("# ..1 ng ..1 l", vitals::hs_troponin_low),
        ],
    )
    .veto(LAB_REDRAWN),
    // Affairs put in order as a farewell: letters to the children, the
    // life insurance papers shown, "ya está todo arreglado", "I'm not
    // afraid anymore" (a goodbye with no word of death).
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            &[
                t("wrote|written|writing|left|escribi|deje ..3 letters|letter|cartas|carta ..4 kids|children|son|daughter|family|husband|wife|hijos|hijas|hijo|hija|familia|esposo|esposa"),
                t("life_insurance|seguro_de_vida|testamento ..6 drawer|cajon|where|donde|papers|papeles|find|encuentren|batallen"),
            ],
            &[
                t("todo ..1 arreglado|listo|en_orden"),
                t("everything ..2 in_order|taken_care_of|settled|arranged|sorted"),
                t("ya_no_tengo_miedo|no_longer_afraid|not_afraid_anymore|not_scared_anymore"),
                t("gracias ..2 por ..1 todo|thank_you ..2 for ..1 everything"),
            ],
        )
    }
    .lasting(),
    // A screening answered yes, then a means and a time: "Q: Are you
    // having thoughts of hurting yourself? A: yes ... A: pills tonight".
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            &[t("thoughts|thinking|thought ..4 hurting|killing|harming|hurt|kill|harm|ending ..3 yourself|myself|your_life|my_life")],
            &[
                t("plan ..6 pills|rope|gun|knife|razor|bridge|overdose|jump|hang|pastillas|soga|pistola|cuchillo"),
                t("pills|rope|gun|knife|razor|pastillas|soga|pistola|cuchillo ..3 tonight|tomorrow|after|later|esta_noche|manana|despues"),
            ],
        )
        // (Not when the screening was answered no.)
        .veto(&[
            t("answer|answered|answers ..1 no|nope|never|denies|denied|not_at_all"),
            t("yourself|myself ..3 no|nope|never|denies|denied|not_at_all"),
        ])
    },
    // A method and a date settled, thoughts of a way back, a place for a
    // rope chosen: "I've settled on the method and the date".
    RuleDef {
        personal: true,
        ..rule(
            "self_harm",
            &[
                t("settled_on|picked|chose|chosen|decided_on ..3 the|a|my ..1 method|way|date|day"),
                t("thoughts|thinking|urges ..2 about|of ..2 slitting|cutting|hanging|shooting|drowning|killing|hurting ..2 my|myself|me"),
                t("know|picked|chose|found ..2 which|the ..1 beam|rafter|hook|branch"),
                // "Friday, that's the day I've decided it's going to be over".
                t("decided|chose|chosen|picked ..6 be_over|be_the_end|end_it|end_things|end_my_life"),
            ],
        )
    },
    // A goodbye written as thanks and a cancellation: "thank you for the
    // last three years ... I won't be coming to the appointment, give my
    // slot to someone else".
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            &[
                t("thank|thanks|thank_you ..3 for ..2 the|these|all_the ..1 last|past ..1 #|two|three|four|five|six|ten|many ..1 years|months"),
                t("always ..2 kind|patient|good ..2 to ..1 me"),
            ],
            &[
                t("wont|will_not ..1 be ..1 coming|coming_in|making_it ..4 appointment|appt|session|visit"),
                t("give|giving ..2 my ..1 slot|spot|appointment|place ..3 to ..1 someone|somebody"),
            ],
        )
    },
    // Gone tomorrow, with a plan: "not gonna be here tmrw. have a plan"
    // (not a plan to go somewhere).
    RuleDef {
        personal: true,
        ..benign(
            with_context(
                "self_harm",
                &[
                    t("wont|not_going_to|not_gonna|dont_think_ill|will_not ..1 be ..1 here|around ..2 tomorrow|tmrw|tmr|tonight|much_longer|anymore|after_tonight"),
                    // "doesn't matter much anyway, I have a plan for tonight".
                    t("doesnt|wont|dont|nothing ..1 matter|matters ..2 much|anyway|anymore|now"),
                ],
                &[t("have|got|made|i_have|ive_got|theres ..1 a_plan|the_plan|my_plan|plan")],
            ),
            &[t("plan|plans ..1 to|for ..1 go|visit|see|travel|work|come|move|stay|get|be|the_weekend|vacation|trip")],
        )
    },
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            &[t("@farewell")],
            &[
                t("cancel|cancelen|cancele|cancela ..3 all|my|everything|todas|mis|todo ..1 appointments|appointment|citas|cita"),
                t("wont|will_not ..1 be ..1 coming|needing|here|around ..3 anymore|any|again|ever|more"),
                // "won't be needing the appointment next month".
                t("wont|will_not ..1 be ..1 needing ..2 appointment|appointments|appt|appts|meds|refills|refill"),
                t("wont|will_not ..1 need ..3 anymore|any_more|again|ever"),
                t("thanks|thank_you ..2 for ..1 trying"),
                t("made|took|tome|tomo ..1 my|mi|the|la ..1 decision|choice"),
                // "i won't need the therapy appt next week".
                t("wont|will_not|dont ..1 need ..3 therapy|therapist|counseling|counselor|session|sessions|appt|appointment|appointments|refill|refills|meds"),
                t("ya ..1 no ..2 voy ..1 a ..1 necesitar|venir|estar"),
            ],
        )
    },
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            &[
                t("im|i_am ..1 done"),
                t("cant ..3 anymore"),
                t("no ..1 more|point"),
                t("goodbye|bye|tonight|forgive"),
            ],
            &[t("bought|buying|got|have|found|tied ..2 a|the|some ..1 rope|noose|cord")],
        )
    },
    // A loaded gun and a plan with a time: "disclosed loaded handgun in
    // nightstand and 'plan for this weekend'".
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            &[t("loaded ..2 @weapon"), t("@weapon ..3 loaded")],
            &[t("plan|plans|planned ..3 for|this|tonight|weekend|tomorrow")],
        )
    },
    // A farewell act (belongings given away, accounts deleted, letters
    // written, goodbyes said, a means at hand) with an absence to come:
    // "gave away my things, after this it won't matter".
    RuleDef {
        personal: true,
        // An ordinary end of care: "moving to Denver so I won't be
        // continuing", records sent to a new therapist.
        veto: &[
            t("moving|relocating|moved ..2 to|away|out_of_state"),
            t("new ..1 therapist|provider|counselor|doctor|job|insurance|clinic"),
            t("records ..1 transfer|release|sent|request"),
            t("transferring|transfer ..2 care|records"),
        ],
        ..with_context(
            "self_harm",
            FAREWELL_ACTS,
            &[
                t("wont|will_not|not_going_to|not_gonna|wont_ever ..2 be ..2 around|alive|back|needing"),
                t("im|i_am|hes|shes|he_is|she_is ..1 not ..1 coming ..1 back"),
                t("tonight ..2 is ..1 it|the_night"),
                // "I won't be continuing with sessions".
                t("wont|will_not|not_going_to ..1 be ..1 continuing|returning|coming_back ..3 sessions|session|therapy|appointments|treatment|visits|care"),
                t("tonight ..2 is ..2 the ..1 night"),
                t("wont|doesnt|will_not ..2 matter"),
                t("thanks|thank_you ..2 for ..1 trying"),
                // "Thank you for help me this year doctor", "so they will understand".
                t("thanks|thank_you ..2 for ..3 help|helping|everything|all ..4 me|this_year|these_years"),
                t("so ..1 they|she|he|you|everyone ..2 understand|will_understand|know|will_know"),
                t("my|her|his|this|was ..1 last ..1 appointment|appt|visit|session"),
                t("gracias ..2 por ..1 tratar|intentar|intentarlo"),
                t("ya ..1 no ..2 va|voy|vamos ..1 a ..1 estar|volver|despertar|necesitar"),
                t("wont|will_not ..1 need ..1 them|it|these|those|anything|any_of_it|my_stuff"),
                t("ya ..1 no ..3 tener|tendras|tendran|tendra|van_a_tener|vas_a_tener|voy_a_tener|va_a_tener ..2 que ..1 preocupar|preocuparse|preocuparte|preocuparme|cuidar|cuidarme|aguantar|aguantarme"),
                t("wont|will_not|not_going_to ..2 have ..1 to ..1 worry|deal|put_up ..2 about|with ..1 me"),
                t("cuchillo|navaja|pistola|soga|cuerda|pastillas|rope|gun|knife|pills ..3 tengo|tiene|ready|here|listo|lista|listos|listas|guardado|guardada|escondido|escondida"),
                t("tengo|tiene ..3 la|el|mi|su ..2 cuchillo|navaja|pistola|soga|cuerda"),
                t("no ..1 va|voy ..1 a ..1 estar|volver ..2 para|pa|mas|nunca"),
                t("para ..1 siempre"),
                t("esta ..1 noche ..3 se_acaba|lo_hago|lo_voy|me_voy|se_va"),
                t("razor|razors|blade|blades|rope|noose|gun|knife|navaja|cuerda|soga|pistola ..2 out|ready|loaded|lista|listo|cargada"),
                t("ya ..1 no ..1 puedo|aguanto ..1 mas"),
                t("cant ..2 take|do|go_on ..2 anymore|any_more"),
                t("no ..1 me ..1 busquen"),
                t("dont|do_not ..1 look_for|try_to_find|try_to_stop|come_looking_for|try_to_save ..1 me"),
                t("tiene|tengo|have|has|got ..3 las|the|sus|my|her|his|mis ..2 pills|pastillas|pistola|gun|cuerda|rope|navaja"),
            ],
        )
    },
    // A closing act that is not everyday (letters to the family, accounts
    // deleted, things handed on "to keep", funeral wishes, pills saved)
    // with a time set: "deleted everything, after tonight ...".
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            CLOSING_ACTS,
            &[
                t("going|gonna ..1 to ..1 do ..1 it"),
                t("do ..1 it ..2 tonight|tomorrow|after|this_weekend|later|when|before"),
                t("after|by|before ..1 tonight|tomorrow|friday|saturday|sunday|monday|the_weekend|this_weekend|christmas"),
                t("set|picked|chose|chosen ..2 a|the ..1 date|day"),
                t("pills|meds|tablets|pastillas ..3 lined|counted ..1 up|out"),
                t("tonight ..2 is ..1 it|the_night"),
            ],
        )
    },
    // Ideation said sideways (how quick it would be, can't hold on, lived
    // long enough, ready to go be with the dead, tonight feels like the
    // night) with a means at hand or in view: "staring at the shotgun
    // thinking how quick it would be", "ya se quiere ir con ella y limpia
    // su pistola".
    RuleDef {
        personal: true,
        ..with_context(
            "self_harm",
            MEANS,
            &[
                t("thinking|think|thought|thinks ..2 about ..3 how ..1 quick|fast|painless|peaceful"),
                t("how ..1 quick|fast|painless|peaceful ..3 it ..1 would|could|might ..1 be"),
                t("staring|stare|stared|stares ..2 at ..4 gun|guns|shotgun|rifle|pistol|handgun|pills|rope|bottle|bridge|tracks|razor"),
                t("cant|couldnt|dont_think_i_can|not_sure_i_can ..2 hold_on|hang_on|keep_going ..2 anymore|much_longer|any_longer"),
                t("know ..1 where|how|when ..1 i ..1 would|will|d|am|could ..2 do_it"),
                t("lived|have_lived|has_lived|lived_long ..2 long_enough|enough"),
                t("ya ..1 vivi|vivio|vivimos ..1 lo_que|demasiado|suficiente|bastante|mucho"),
                t("contando|conte|conto|counting|counted ..2 sus|mis|her|his|my|the ..1 pastillas|pills"),
                t("ready ..2 to ..1 go ..3 be ..1 with"),
                t("tonight|today ..3 feels|seems|is|looks ..2 like ..1 the ..1 night|day"),
                t("not ..1 stopping|stop ..2 the ..1 car"),
                t("se|me ..1 quiere|quiero|queria|va ..2 ir|irme|irse ..1 con ..1 ella|el|mi|su"),
                // A plan with a time, beside the means: "theres a rope in my
                // closet and i have a plan for friday", "tengo una soga y ya
                // lo pensé bien", "ya sé cuándo".
                t("have|got|made|worked_out|figured_out ..2 a|the|my ..1 plan ..2 for|tonight|tomorrow|tmrw|when|this_weekend|after|on"),
                t("ya ..1 lo ..1 pense|decidi|planee|tengo_decidido|tengo_pensado"),
                t("ya ..1 se ..1 cuando|donde|como_lo_voy|como_hacerlo"),
            ],
        )
    },
    benign(
        rule("stat_request", &[t("stat")]),
        // Where a laboratory sends STAT work while closed.
        &[t("stat ..2 routed|rerouted|diverted|redirected")],
    ),
    // An airway burnt by a fire: singed nose hair or eyebrows, a voice
    // going hoarse, soot coughed up.
    with_context(
        "breathing",
        &[t("fire|smoke|flames|flame|blaze|incendio|humo")],
        &[
            t("hoarse|hoarseness|raspy|ronca|ronco"),
            t("coughing|cough|coughed|spitting|tose|tosiendo ..3 black|soot|sooty|negro|hollin"),
            t("singed|burned|burnt|chamuscad* ..4 eyebrows|eyebrow|nose_hair|nostrils|nasal_hair|cejas|pelos_de_la_nariz"),
        ],
    ),
    // A limb losing its blood: cold, pale or mottled with no pulse to find
    // ("L leg cold, pale & blotchy from the knee down, can't find a pulse").
    with_context(
        "surgical_emergency",
        &[t("leg|foot|arm|hand ..4 cold|pale|white|blotchy|mottled|blue")],
        &[t("cant|couldnt ..2 find|feel ..2 pulse|pulses"), t("no ..1 pulse|pulses")],
    ),
    // Specialties' emergencies by their signs (outside writers' round 12).
    // A fall with a leg shortened or turned out: a broken hip. A limb bent
    // where it should not be with cold, white or blue fingers or toes.
    with_context(
        "surgical_emergency",
        &[t("fell|fall|fallen|cayo|caida|tripped|slipped|trampoline|accident")],
        &[
            t("leg|pierna ..4 shorter|shortened|short|mas_corta|turned_out|rotated|rotada|rolled_out"),
            t("bent|crooked|deformed|chueco|torcido ..8 cold|white|pale|blue|numb|frio|frios|blanco|blancos|morado|morados"),
        ],
    )
    // ("turned out" is the leg's shape here, not "it turned out to be": the
    // fall counts unless denied.)
    .lasting()
    .past_context(),
    with_context(
        "surgical_emergency",
        &[
            t("bent|crooked|deformed|chueco|torcido ..6 arm|forearm|leg|wrist|ankle|elbow|brazo|pierna"),
            t("arm|forearm|leg|wrist|ankle|elbow|brazo|pierna ..4 bent|crooked|deformed|chueco|torcido"),
        ],
        &[t("fingers|toes|hand|foot|dedos|mano|pie ..3 cold|white|pale|blue|numb|frio|frios|blanco|blancos|morado|morados")],
    ),
    // A blood supply or an access lost: a dialysis fistula gone quiet, a
    // priapism, an arm swelling on the side of a central line.
    rule(
        "surgical_emergency",
        &[
            t("fistula|graft|access|avf|avg ..4 no|not|stopped|isnt|lost ..2 buzzing|buzz|thrill|bruit|pulse|vibrating|vibration"),
            t("no ..1 thrill|bruit ..3 fistula|graft|access|avf|avg"),
            t("buzz|buzzing|thrill|bruit ..3 fistula|graft|access ..3 gone|stopped|missing"),
            t("erection ..6 hours|hrs|wont_go_down|not_going_down|painful"),
            t("priapism"),
            t("port|picc|line|catheter ..6 arm|neck|face ..3 swollen|swelling|puffy|purple|purplish"),
            t("arm|neck|face ..3 swollen|swelling|purplish ..8 port|picc|central_line"),
            t("arm|neck ..8 port|picc|central_line ..3 swollen|swelling|purplish|purple"),
        ],
    ),
    // The eye: new flashes with floaters or a curtain (a retina tearing),
    // an eye worse, redder and oozing days after surgery. (Not a migraine's
    // aura.)
    benign(
        rule(
            "surgical_emergency",
            &[
                t("flashes|flashing|flash|lightning|destellos ..8 floaters|specks|spots|cobwebs|curtain|shade|shadow|moscas|manchas"),
                t("floaters|specks|spots|moscas ..8 flashes|flashing|lightning|destellos"),
                t("curtain|shade|veil|cortina ..4 over|across|coming_down|covering ..3 vision|eye|sight"),
            ],
        ),
        &[t("migraine*|aura|zigzag|zig_zag|jaqueca|migrana")],
    ),
    with_context(
        "surgical_emergency",
        &[
            t("cataract|eye|lasik|retina|catarata|ojo ..4 surgery|operation|cirugia|operacion|op|surg|procedure|extraction"),
            // "2d s/p cataract sx OD".
            t("sp|postop|post_op ..1 cataract|lasik|vitrectomy|retina|retinal"),
        ],
        &[t("vision|sight|vista ..3 worse|worsening|darker|gone|peor"), t("more|worse ..2 painful|pain|red|redness")],
    ),
    // An infection spreading: under the jaw or tongue down to the neck with
    // trouble swallowing (the airway next), behind the ear pushing it out.
    with_context(
        "breathing",
        &[t("swelling|swollen|hinchazon|hinchada|hinchado|infection|abscess|absceso ..8 jaw|tongue|neck|mandibula|lengua|cuello")],
        &[
            t("cant|unable_to|no_puede|casi_no_puede ..2 swallow|swallowing|tragar"),
            t("drooling|babeando"),
            t("muffled|hot_potato ..1 voice"),
        ],
    ),
    rule(
        "sepsis",
        &[
            t("ear ..3 sticking_out|sticks_out|pushed_out|pushed_forward|sticking_out_sideways"),
            t("bone ..2 behind ..2 ear ..6 red|swollen|puffy|tender"),
        ],
    ),
    // Red streaks running up a limb from a wound or an injection site, with
    // a fever: an infection spreading up the lymph channels toward the blood
    // ("rayas rojas que suben por el brazo y fiebre de 103").
    with_context(
        "sepsis",
        &FEVER_ANY,
        &[
            t("red ..1 streak|streaks|streaking|line|lines"),
            t("streak|streaks|streaking ..4 up|spreading|going_up|moving_up|toward|towards"),
            t("rayas|raya|lineas|linea ..1 rojas|roja|coloradas"),
            t("rayas|lineas ..4 suben|subiendo|suba|avanzan"),
        ],
    ),
    // Standing outside a railing or on a ledge: a jump about to happen.
    rule(
        "self_harm",
        &[
            t("outside|over|on ..3 railing|rail|ledge|edge ..3 bridge|overpass|roof|balcony|building|parking_garage"),
            t("standing|sitting|climbed ..3 ledge|railing ..6 bridge|overpass|roof|balcony"),
            t("outside|over|on ..4 bridge|overpass|roof|balcony ..2 railing|rail|ledge|edge"),
        ],
    ),
    // Seizures one after another without waking between: a seizure that
    // has not stopped, however "ok now" the writer feels ("three seizures
    // back to back this morning without waking up in between").
    rule(
        "seizure",
        &[
            t("seizures|convulsiones|fits ..3 back_to_back|in_a_row|seguidas|una_tras_otra|one_after_another"),
            t("back_to_back|seguidas ..3 seizures|convulsiones"),
            t("without|didnt|not|never ..2 waking|wake|waking_up|waking_up_in|coming_to|coming_around|recovering ..2 in_between|between"),
            t("sin ..2 despertar|recuperarse|volver_en_si ..2 entre"),
        ],
    )
    .lasting(),
    // Staying a long while on a bridge or by the tracks: "been standing on
    // the bridge over the tracks for like an hour" (not to watch
    // something).
    rule(
        "self_harm",
        &[t("standing|sitting|staring ..3 bridge|overpass|rooftop|roof|tracks|train_tracks ..8 hour|hours|an_hour|while|long_time")],
    )
    .veto(&[t("fireworks|parade|sunset|sunrise|fishing|boats|the_view|watching_the|photos|pictures")]),
    // Stiff and mute for hours, a limb staying where it is put: catatonia.
    rule(
        "psychosis",
        &[
            t("arm|leg ..4 stays|stay|staying ..2 up|there|in_the_air|where"),
            t("catatonic|catatonia"),
        ],
    ),
    with_context(
        "psychosis",
        &[t("wont|not|doesnt|hasnt|isnt ..1 eat|eating|talk|talking|speak|speaking|respond|responding")],
        &[t("same ..1 position|spot ..4 for ..1 hours|hrs|hour|all_day|day|days")],
    ),
    // A new mother who believes her baby is not hers, or a demon, or
    // speaks of vanishing with it: postpartum psychosis, where mother and
    // baby are both in danger.
    with_context(
        "psychosis",
        POSTPARTUM,
        &[
            t("is|isnt|its|not ..2 not ..1 our|my|her ..1 baby|real_baby|child"),
            t("baby ..3 isnt|not|arent ..1 hers|his|ours|mine|theirs|real"),
            t("baby|bebe|nino|nina ..4 is|es|esta ..3 demon|devil|possessed|replaced|switched|swapped|impostor|demonio|diablo|poseido|poseida|cambiado|cambiada"),
            t("switched|swapped|cambiaron ..1 babies|the_baby|el_bebe|al_bebe|bebes"),
            t("bebe|nino|nina ..4 no ..1 es ..1 mio|mia|suyo|suya|nuestro|nuestra"),
            t("disappear|vanish|die|desaparecer|desaparezcan|morir ..2 together|juntos|juntas|los_dos|con_el_bebe"),
        ],
    )
    .past_context(),
    // Strangled until passing out: the neck's vessels may be torn.
    rule(
        "harm_to_others",
        &[
            t("choked|strangled|choking|strangling|apreto|ahorco ..6 until|till|hasta_que ..2 i|me|she|he ..1 passed_out|blacked_out|desmaye|desmayo|perdi|fainted"),
            t("apreto|apretaba|apreto ..2 el_cuello|la_garganta|mi_cuello"),
            t("strangled|strangulation|strangling"),
        ],
    ),
    // Violence at a caregiver in a confused or agitated patient.
    rule(
        "harm_to_others",
        &[
            t("swung|swinging|swings|punched|struck|hit|kicked ..2 at ..2 wife|husband|nurse|aide|caregiver|staff|his_wife|her_husband"),
        ],
    ),
    // An assault on staff that is still going on: "assaulted staff, bit RN
    // on the arm, still escalating".
    with_context(
        "harm_to_others",
        &[t("still ..1 escalating|agitated|combative|swinging|fighting"), t("escalating|out_of_control|cant_be_redirected|cant_redirect|unable_to_redirect|wont_calm|not_calming")],
        &[t("assaulted|attacked|bit|punched|kicked|choked|hit|scratched ..3 staff|nurse|rn|cna|aide|tech|peer|peers|roommate|resident|another_patient")],
    ),
    // Bleeding that is large from a wound or a tumour ("large bleed from
    // neck wound").
    rule(
        "severe_bleeding",
        &[t("large|massive|huge|major ..1 bleed|bleeding|hemorrhage|sangrado")],
    ),
    // A bladder that will not empty, measured or in distress.
    rule(
        "surgical_emergency",
        &[
            n("bladder_scan|bladder|pvr ..3 #", vitals::full_bladder),
            t("urinary_retention ..6 distress|pain|agony|cant|unable"),
        ],
    ),
    // A clinician asking for an order now for a symptom out of control
    // ("pain 10/10 despite 3 doses ... need order change now").
    with_context(
        "stat_request",
        &[t("need|needs|requesting|request|please ..3 order|orders|new_order|order_change ..2 now|asap|stat|immediately|right_away")],
        &[
            t("despite|after ..4 # ..2 doses|breakthrough|prn|times|x"),
            t("no ..1 effect|relief|improvement"),
            t("uncontrolled|out_of_control|crying_out|screaming"),
        ],
    ),
    // A drug kept or counted, not given: "tPA stock rotation in the
    // Pyxis", "naloxone kits dispensed".
    // A sexual assault or a beating within hours: evidence, prevention
    // and safety are time-bound.
    benign(
        rule(
            "sexual_assault",
            &[
                t("sexually ..1 assaulted|abused|attacked"),
                t("raped|rape|violada|violado|violaron|abuso_sexual"),
                t("abusaron ..1 de ..1 ella|el|mi"),
                t("assaulted|attacked|raped|beat_up|beaten_up|jumped|grabbed ..8 ago|tonight|today|this_morning|last_night|just_now|before_school|after_school|at_the_party"),
                // A child's disclosure: "touched her down there today".
                t("touched|touching|touches|molested|fondled ..4 her|him|me|my ..3 down_there|privates|private_parts|vagina|penis|between_her_legs|between_his_legs|partes|parte_intima"),
                t("molested|molesting|fondled|manoseo|manosearon|toco ..3 a ..1 mi ..1 hija|hijo|nina|nino"),
            ],
        ),
        &[t("kit|kits|counseling|counselling|crisis_line|prevention|awareness|training|statistics|law|case|court|survivor|survivors|class|lecture|joke")],
    ),
    // A head struck with a loss of consciousness, or a headache getting
    // worse after it.
    with_context(
        "head_injury",
        &[t("hit|struck|collided|collision|tackled|tackle|header|concussion|knocked|smacked|banged|fell|fall|goalpost|helmet")],
        &[
            t("loc|brief_loc|lost_consciousness|loss_of_consciousness|knocked_out|blacked_out|passed_out"),
            t("headache|head ..3 getting_worse|worse_and_worse|worsening|getting_worse"),
        ],
    )
    .past_context(),
    // An infant's soft spot bulging, or a cry never heard before.
    rule(
        "sick_infant",
        &[
            t("soft_spot|fontanel*|fontanelle|mollera ..3 bulging|bulges|bulge|swollen|puffy|tense|raised|sticking_up|hinchada|abultada|levantada"),
            t("bulging|swollen|tense|raised ..2 soft_spot|fontanel*|fontanelle|mollera"),
            t("high_pitched|shrill ..3 cry|crying|scream|screaming|cries"),
            t("high ..1 pitched ..3 cry|crying|scream|screaming|cries"),
        ],
    ),
    // Fever with someone limp or listless: a child or adult too ill to
    // rouse.
    with_context(
        "fever_red_flag",
        FEVER_OR_CHILLS,
        &[t("listless|limp|floppy|lethargic|wont_wake|hard_to_wake|cant_wake")],
    ),
    // A young infant given a wrong or multiple dose.
    with_context(
        "overdose",
        INFANT,
        &[
            t("wrong ..1 dose|amount|medicine|med|cup|syringe"),
            t("# ..1 x|times ..3 the|what ..3 dose|should|supposed|amount|meant"),
            t("double_dose|doubled|twice_the_dose|too_much ..2 tylenol|motrin|medicine|med|dose"),
        ],
    )
    .veto(OLDER_CHILD),
    // A growing swelling at a catheter's entry: bleeding under the skin.
    rule("severe_bleeding", &[t("expanding|enlarging|growing ..1 hematoma|haematoma")]),
    with_context(
        "severe_bleeding",
        &[t("cath|catheterization|cardiac_cath|angiogram|angioplasty|sheath|femoral|post_cath|pci")],
        &[t("groin|site|hematoma|lump|swelling ..4 getting_bigger|growing|expanding|enlarging|bigger|golf_ball|orange")],
    )
    .past_context(),
    // Acting drunk without having drunk: a stroke until shown otherwise.
    with_context(
        "stroke",
        &[
            t("doesnt|didnt|dont|never|hasnt|wasnt|not ..2 drink|drank|drinking|drinker"),
            t("no|nunca|jamas ..1 toma|bebe|tomo|bebio|ha_tomado|ha_bebido"),
        ],
        &[
            t("seems|looks|acting|acts|like|sounds|walking|talking ..2 drunk|tipsy"),
            t("parece|esta|anda|actua|como|camina|habla ..1 borracho|borracha|tomado|tomada|ebrio|ebria"),
        ],
    )
    .past_context(),
    // A new, severe headache on an anticoagulant: a bleed in the head.
    with_context(
        "stroke",
        &[t("@thinner"), t("heparin|gtt|anticoagulated|anticoag|alteplase|tpa")],
        &[
            t("new|sudden|worst|@severe ..2 headache|headaches|ha|head_pain"),
            t("neuro_checks|neuro_check|neuro_exam|neuros ..2 changing|changed|worse|worsening|declining"),
        ],
    )
    .past_context(),
    // A low saturation, with the lay word for it ("my oxygen is 84",
    // "oxygen at 80 percent"); a flow rate ("2 liters of oxygen") is below
    // the range. With COPD, 88-92% is the target range, not a red flag.
    rule("breathing", SATURATION).veto(&SATURATION_VETO),
    with_context("breathing", COPD, &[n(SATURATION_WORDS, vitals::low_oxygen_copd)]).past_context(),
    look_alikes(
        "stroke",
        &[
            t("stock|restock|restocked|restocking|pyxis|inventory|vial|vials|expired|rotation|formulary|shortage|shelf"),
            // "stroke alert cancelled, MRI neg": called off.
            t("cancelled|canceled|called_off|cosign|co_sign"),
        ],
    ),
    // "do we stock epi 0.3 and 0.15": supplies, not a reaction.
    look_alikes(
        "anaphylaxis",
        &[
            t("stock|restock|stocked|supply|supplies|inventory ..2 epi|epipen|epipens|kit|kits"),
            t("anaphylaxis ..1 kit|kits|cart|box"),
            // "the anaphylaxis action plan signed for daycare".
            t("action_plan|action_plans|care_plan|emergency_plan"),
            // "bit his lip when he fell, lip is swollen".
            t("bit|bite|biting|bitten|split|busted|fell|hit|bumped ..4 lip|lips|labio"),
        ],
    ),
    // A newborn's hiccups and startle, not a seizure.
    look_alikes(
        "seizure",
        &[
            t("hiccup|hiccups|hipo|startle|startles|startled|moro|door_slams|brinca|sobresalto"),
            t("hiccup|hiccups|hipo ..8 jerk|jerks|jerking|shakes|shaking|mueve"),
        ],
    ),
    // A newborn's rash, not mottled skin: "red blotchy spots".
    look_alikes("sick_infant", &[t("blotchy ..1 spots|rash|patches|bumps"), t("red ..1 blotchy")]),
    // The sacroiliac joint: "reports SI joint pain R side".
    look_alikes("self_harm", &[t("si ..1 joint|joints|jt|dysfunction|injection|injections|belt")]),
    // A bruise's colours, not a blue face: "bruise from the cath went all
    // purple and yellow".
    look_alikes(
        "breathing",
        &[
            t("purple|morado|morada ..2 and|y ..1 yellow|green|amarillo|amarilla|verde"),
            t("yellow|amarillo|amarilla ..2 and|y ..1 purple|green|morado|morada|verde"),
        ],
    ),
    // A kit handed over, not a dose given: "pharmacist gave me a narcan
    // with my oxycodone".
    look_alikes(
        "overdose",
        &[t("gave|give|given|dio|dieron ..1 me|us|nos|me_dio ..2 a|an|the|un|una ..1 narcan|kit")],
    ),
    look_alikes(
        "breathing",
        &[
            // The colour: "baby blue eyes", "a baby blue onesie".
            t("baby ..1 blue ..2 eyes|onesie|blanket|paint|color|colour|dress|shirt|outfit|room|nursery|sweater|hat|shade"),
            t("painted|paint|painting|colour|color|wearing|wore|dressed|bought ..4 baby ..1 blue"),
            // A fast rate denied, not a stop: "he isn't breathing fast".
            t("not|isnt|arent|wasnt|never ..1 breathing|breathes ..1 fast|hard|heavy|heavily|quickly|rapidly|quick"),
            // The effort denied: "not working hard to breathe".
            t("not|isnt|arent|wasnt|never ..1 working|struggling|straining|laboring|labouring ..2 hard|to ..2 breathe|breath|breathing"),
            // Winded by play or sport: "out of breath from chasing the
            // grandkids", "short of breath after running the mile".
            t("breath|breathless|winded ..2 from|after ..2 chasing|running|playing|dancing|jogging|exercising|working_out|sprinting|hiking|swimming|biking|laughing"),
            // "a walking choking hazard", choking and fall protocols.
            t("choking ..1 hazard|hazards"),
            t("choking ..4 protocol|protocols|policy|policies|poster|posters|precautions"),
            // A bruise from a blow: "se me puso morado el dedo ... se me
            // cayó una lata".
            t("dedo|dedos|toe|toes|toenail|fingernail ..6 cayo|golpe|golpee|pegue|lata|martillo|dropped|stubbed|slammed|smashed"),
            t("stubbed|smashed|slammed|jammed ..3 toe|toes|finger|fingers|dedo"),
        ],
    ),
    look_alikes(
        "overdose",
        &[t("risk|screen|screening|recognition|prevention|education|awareness|training|co_prescribed|coprescribed|standing_order|demo|demonstration|curriculum|trainer|trainers|lesson")],
    ),
    // A course, not an event ("BLS recert covers choking"); chest pain
    // from laughing.
    look_alikes(
        "breathing",
        &[t("class|course|recert|recertification|certification|module|modules|training|bls|acls|pals|cpr_class")],
    ),
    // Half the field of vision gone: "I cannot see the left half of
    // things".
    rule(
        "stroke",
        &[t("cant|couldnt ..1 see ..4 left|right ..1 half|side ..2 of ..2 things|everything|the_page|the_screen|the_room|my_vision")],
    ),
    look_alikes("chest_pain", &[t("from|of ..1 laughing|laughter|laughed")]),
    // A dream of one, or a price that gives one: "had a nightmare I was
    // having a heart attack", "heart attack price on the new chute".
    look_alikes(
        "chest_pain",
        &[
            t("nightmare|nightmares|dream|dreamt|dreamed|sueno|pesadilla ..5 heart_attack|infarto"),
            t("heart_attack|infarto ..1 price|prices|bill|cost|level|news"),
        ],
    ),
    // A splinter or a ring that will not come out, not words that will not.
    look_alikes(
        "stroke",
        &[t("splinter|sliver|thorn|tick|stinger|ring|earring|bead|astilla|espina ..8 get_it_out|get_them_out|sacarla|sacarlo")],
    ),
    // A standing order or protocol named for it: "the anaphylaxis standing
    // order for the school epi pens".
    look_alikes(
        "anaphylaxis",
        &[
            t("anaphylaxis|anafilaxia ..2 standing_order|standing_orders|order_set|protocol|policy|plan|kit|kits|training"),
            t("standing_order|standing_orders|order_set|protocol|policy ..3 anaphylaxis|anafilaxia"),
        ],
    ),
    // "Heart attack of a week at work lol": a hard week.
    look_alikes("chest_pain", &[t("heart_attack|infarto ..1 of ..1 a ..1 week|day|month|semester|shift")]),
    // A bracelet or card that names the condition: "my stroke alert
    // bracelet", "medical alert card".
    look_alikes(
        "stroke",
        &[
            t("stroke ..1 alert|id ..1 bracelet|bracelets|card|band|necklace"),
            t("wrist_id|bracelet|bracelets|necklace|medical_alert|medical_id|alert_card ..4 stroke"),
        ],
    ),
    // Nurses' night calls that look alarming and are not (round 44): an
    // outburst called "a fit", a nightmare taken for a seizure, a blood
    // culture's likely contaminant, an order error caught before it was
    // given, a value inside its own goal, a near-faint on standing, an
    // indication for a PRN, a probe on painted nails.
    look_alikes(
        "seizure",
        &[
            t("having|had|threw|throwing|throws ..1 a ..1 fit ..6 yelling|screaming|angry|mad|upset|about|over|because|at_the|tantrum|temper"),
            t("nightmare|nightmares|night_terror|night_terrors|bad_dream|dreaming"),
        ],
    ),
    look_alikes(
        "critical_result",
        &[
            t("contaminant|contaminated|contamination|coag_neg|coagulase_negative|cons"),
            t("goal|target|therapeutic_range ..1 #"),
            t("within|at|in ..1 goal|target|range"),
        ],
    ),
    look_alikes(
        "overdose",
        &[
            t("caught|intercepted|flagged ..4 verification|pharmacy|before|verifying|scanning"),
            t("not|never|wasnt|werent ..1 hung|given|administered|started"),
            t("order ..1 clarification|entry|entered"),
            t("clarification|clarify|clarifying ..4 overdose|dose|order"),
        ],
    ),
    look_alikes(
        "unresponsive",
        &[t("almost|nearly ..1 fainted|passed_out|blacked_out ..4 standing|stood|getting_up|got_up|sitting_up ..2 quickly|fast|too_fast|too_quickly")],
    ),
    look_alikes(
        "breathing",
        &[
            t("prn ..1 dyspnea|sob|shortness_of_breath|air_hunger|resp_distress|respiratory_distress"),
            t("gel_nails|nail_polish|acrylic|acrylics|acrylic_nails|artifact|poor_waveform|bad_waveform|probe_off|probe_fell_off"),
            t("moved|repositioned|switched|changed ..2 probe|sensor|pulse_ox ..4 #"),
        ],
    ),
    // "CP" as cerebral palsy: "doctors said it's her CP", "a letter
    // saying I still have CP" for disability paperwork.
    look_alikes(
        "chest_pain",
        &[
            t("its|it_s ..1 her|his|my|their ..1 cp"),
            t("still ..1 have|has ..1 cp"),
            t("cerebral_palsy|spastic|spasticity|quadriplegic|diplegic|hemiplegic|wheelchair|ssi|ssdi|disability|redetermination ..8 cp"),
            t("cp ..8 cerebral_palsy|spastic|spasticity|wheelchair|ssi|ssdi|disability|redetermination|since_birth"),
        ],
    ),
    // Moved, not choking: "he choked up during his brother's wedding
    // speech".
    look_alikes(
        "breathing",
        &[t("choked_up|choking_up|chokes_up|choke_up ..3 during|at|when|while|talking|reading|speech|wedding|funeral|lol|haha|tears|crying|emotional")],
    ),
    // A chest wall that hurts where it is pressed.
    look_alikes("chest_pain", &[t("reproducible|reproduced|reproducible_a_la|tender ..3 palpation|palpating|pressing|pressure_on|palpacion|palpar"), t("costochondral|costochondritis|msk|musculoskeletal")]),
    // "passed out laughing", "dead laughing": a laugh.
    look_alikes("unresponsive", LAUGHING),
    look_alikes("overdose", LAUGHING),
    // Overdoses as a kind of event, not one happening: naloxone "for
    // overdoses", a form asking "about past overdoses".
    look_alikes(
        "overdose",
        &[t("for|about|past|previous|prior|prevent|preventing|prevention|reverse|reverses|reversing|treat|treats|treating|history_of|couple|few|several|many|multiple|some|# ..1 overdoses")],
    ),
    look_alikes(
        "stroke",
        &[
            // Dizzy a moment on standing up too fast: the blood pressure's lag.
            t("stood|stand|standing|got|get|getting ..1 up ..2 too ..1 fast|quickly|quick"),
            // A deficit left by an old stroke: "residual R facial droop,
            // unchanged", "s/p CVA in Aug, residual R sided weakness".
            // ("baseline" and "known" are not enough: "baseline mild
            // weakness, now can't lift the arm".)
            t("residual|chronic ..3 weakness|droop|deficit|deficits|aphasia|hemiparesis|facial_droop|word_finding"),
            // A normal stroke scale: "NIHSS 0, no new deficits".
            n("nihss ..1 #", |n| n.value == 0.0),
            // A denture or brace, not a face: "la boca chueca pero es de la
            // prótesis nueva".
            t("protesis|dentadura|placa|dentures|denture|braces|frenos|brackets|retainer"),
        ],
    ),
    // Rules taught, not a fever: "discussed fever rules with new parents".
    // Another reading running high, not a temperature: "sugars running
    // 110-150", "BP running 150s".
    look_alikes(
        "fever_red_flag",
        &[t("@glucose|bp|pressure|pressures|numbers|sats|sat|pulse|hr|heart_rate ..1 running|reading|readings")],
    ),
    // A chest that hurts only with a cough or a press: a strained wall,
    // not a heart ("dolor en el pecho solo cuando toso").
    look_alikes(
        "chest_pain",
        &[t("only|solo|solamente|nomas|just ..2 when|cuando|if|si ..3 cough|coughing|coughs|toso|tose|toser|tosa|press|pressing|presiono|aprieto|sneeze|sneezing|estornudo")],
    ),
    // A rash from touching something, not a reaction of the airway:
    // "an 'allergic reaction' - contact dermatitis from new detergent".
    look_alikes("anaphylaxis", &[t("contact_dermatitis|dermatitis|eczema|poison_ivy|poison_oak")]),
    // Swelling only where the sting went in: a local reaction ("se hinchó
    // nomás alrededor de la picadura", "swollen just around the bite").
    look_alikes(
        "anaphylaxis",
        &[t("@swell ..3 alrededor|around ..3 picadura|piquete|mordida|sting|bite|site|spot")],
    ),
    // A kit asked about, not a bite: "do those snake bite kits work".
    look_alikes("envenomation", &[t("snakebite|snake_bite|bite ..1 kit|kits")]),
    // A course, not a rescue: "infant and child CPR refresher classes".
    look_alikes(
        "unresponsive",
        &[t("cpr ..2 class|classes|course|courses|certification|certified|training|refresher|card|instructor")],
    ),
    // A plan of care, not of dying: "I want a plan in place for after this
    // delivery", "a safety plan".
    look_alikes(
        "self_harm",
        &[
            t("plan ..1 in_place|for_delivery|for_postpartum|for_the_birth|de_cuidado"),
            t("care|birth|delivery|postpartum|feeding|treatment|action|crisis|discharge ..1 plan"),
        ],
    ),
    // A drug's warning, not a thought had: "read that sertraline can cause
    // suicidal thoughts".
    look_alikes(
        "self_harm",
        &[t("cause|causes|caused|causing|increase|increases|risk_of|warning|black_box ..3 suicidal|suicide")],
    ),
    // A fear of hurting someone by doing a task, not an intent: "I'm
    // nervous I'll hurt him" taking a baby's temperature.
    look_alikes(
        "harm_to_others",
        &[t("nervous|afraid|worried|scared|terrified|fear ..2 i|that_i ..1 will|might|could ..1 hurt|harm|drop")],
    ),
    // Guns put away by a safety plan: "his guns stored at his brother's".
    look_alikes(
        "harm_to_others",
        &[
            t("stored|store|storing|locked|lock|lockbox|safe|removed|picked_up|gun_lock ..3 gun|guns|firearm|firearms|rifle|rifles"),
            t("gun|guns|firearm|firearms|rifle|rifles ..3 stored|locked|lockbox|removed|picked_up|safe"),
        ],
    ),
    // A workup named for a complaint: "why CP workup was indicated".
    look_alikes("chest_pain", &[t("cp|chest_pain ..1 workup|work_up|wu|eval|evaluation")]),
    // A thrill, not a heart: "that game was a heart attack lmao", "me tiene
    // al borde del infarto este niño".
    look_alikes(
        "chest_pain",
        &[
            t("game|match|exam|test|final|finals|quiz|race|tournament|playoff|playoffs|movie|show|episode|ride|season|finale|overtime|ot ..4 heart_attack|infarto"),
            t("borde ..2 infarto|un_infarto"),
            t("me|nos ..1 va|van ..1 a ..1 dar ..2 infarto|un_infarto"),
        ],
    ),
    // A toddler's breath-holding spell: "holds her breath when she's mad
    // ... then gasps and is fine".
    look_alikes("breathing", &[t("breath_holding|holds|held|holding ..2 breath ..3 spell|spells|mad|angry|upset|cries|crying|tantrum")]),
    look_alikes("infant_fever", &[t("fever ..1 rules|precautions|education|teaching|instructions|handout|guidelines")]),
    // What was written to vent ("I wrote in my journal that I could kill
    // my brother").
    look_alikes("harm_to_others", &[t("journal|diary|venting|vented")]),
    // A tease repeated "every time" ("my son says I'm having a stroke
    // every time I use tiktok"): a habit, not an onset.
    look_alikes("stroke", TEASE),
    look_alikes("chest_pain", TEASE),
    look_alikes("seizure", TEASE),
    // A machine's breakdown, a meal, an age: "the tractor's the one having
    // a stroke not me", "heart attack on a plate", "my dad had a heart
    // attack at 60".
    look_alikes("stroke", MACHINE_OR_AGE),
    look_alikes("chest_pain", MACHINE_OR_AGE),
    look_alikes("seizure", MACHINE_OR_AGE),
    // "make sure no one goes home without their discharge papers".
    look_alikes("harm_to_others", &[t("goes_home|go_home|leaves ..1 without|with|w")]),
    look_alikes("chest_pain", &[
        t("heart_attack on ..1 a ..1 plate"),
        t("panic_attack|anxiety_attack ..8 thought ..3 heart_attack"),
    ]),
    // A reaction to a small thing: "my husband is having a seizure because
    // the baby wiped spaghetti on the couch" (not "because of the fever").
    look_alikes(
        "seizure",
        &[t("having_a_seizure|having_a_fit|having_kittens ..1 because|over ..1 the|i|you|she|he|we|they|my|his|her|someone|a")],
    ),
    // The word in paperwork and plans, not a fit now: "updating Ava's
    // seizure action plan", "seizure precautions", "seizure-free" (not a
    // diagnosis: "his seizure disorder ... seizing right now").
    look_alikes(
        "seizure",
        &[t("seizure|seizures ..1 action_plan|plan|plans|log|diary|free|precautions|threshold|questionnaire|risk|risks")],
    ),
    // A seizure in general or on a form, no fit now: "at the start of any
    // seizure", "has your child ever had a seizure?", "date of last
    // seizure".
    look_alikes(
        "seizure",
        &[
            t("any|every|each ..1 seizure|seizures|fit|fits"),
            t("ever ..1 had|have ..2 a|any ..1 seizure|seizures|fit"),
            t("date ..1 of ..1 last|first ..1 seizure|fit|episode"),
        ],
    ),
    // "choking on his own drama", "choked on my laughter".
    look_alikes(
        "breathing",
        &[t("choking|choked ..1 on ..2 drama|laughter|laughing|tears|words|emotion|emotions|pride")],
    ),
    // Breasts full of milk, not a chest: "los pechos duros como piedra,
    // calientes".
    look_alikes("chest_pain", &[t("los|mis|sus ..1 pechos|senos")]),
    look_alikes("infant_fever", &[t("pechos|senos|breast|breasts ..4 caliente|calientes|hot|warm")]),
    // A dose to renew, not a level: "renew Lasix 20mg and potassium 10 mEq".
    look_alikes(
        "critical_result",
        &[t("renew|renewal|refill|refills|rx|prescription ..6 potassium|kcl|klor|klorcon")],
    ),
    // "choked a little on his pills ... then took them fine".
    look_alikes("breathing", &[
        t("choked|choke|choking ..1 a ..1 little|bit|tad"),
        // A bowel prep's taste: "choking on this prep", "choking it down".
        t("choking|choke|choked ..2 on|down ..2 this|the|that|my ..1 prep|stuff|drink|liquid|taste|jug"),
        t("choking|choke|choked ..1 it|this|that ..1 down"),
    ]),
    // Signs taught, not had: "asked about DKA warning signs before d/c",
    // "postpartum hemorrhage warning signs".
    look_alikes("diabetic_emergency", WARNING_SIGNS),
    look_alikes("severe_bleeding", WARNING_SIGNS),
    look_alikes("pregnancy_bleeding", WARNING_SIGNS),
    look_alikes("stroke", WARNING_SIGNS),
    look_alikes("sepsis", WARNING_SIGNS),
    // A protocol followed, not a patient septic: "per sepsis protocol no
    // repeat needed".
    look_alikes("sepsis", &[t("sepsis ..1 protocol|protocols|screen|screening|bundle|huddle|orderset|order_set|education|alert_cancelled")]),
    // Esteem, not a life: "killing my self esteem".
    look_alikes("self_harm", &[t("my_self|myself|self ..1 esteem|confidence|image|worth")]),
    // A stoma's or a nipple's retraction, not a child's chest.
    look_alikes(
        "breathing",
        &[t("stoma|stomal|peristomal|ostomy|wafer|wafers|pouch|nipple|nipples|gum|gums|testicle|testicular")],
    ),
    // "cp" beside a child's devices is cerebral palsy: "(cp, g-tube)".
    look_alikes("chest_pain", &[t("g_tube|gtube|peg|trach|wheelchair|gmfcs|diastat|afo|afos")]),
    // Forgot, not fainted: "blacked out on my chem test".
    look_alikes(
        "unresponsive",
        &[t("blacked|blanked ..3 on ..2 test|tests|exam|quiz|final|finals|name|names|presentation|interview|lines")],
    ),
    // Upset, not a seizure: "I about had a fit when I saw the bill",
    // "threw a fit at bedtime".
    look_alikes(
        "seizure",
        &[
            t("about|almost|nearly|practically|liketa ..1 had|have ..1 a ..1 fit"),
            t("throw|threw|throws|throwing|pitch|pitched|pitching ..2 a ..1 fit|fits"),
        ],
    ),
    // Bleeding that is easing: "my bleeding is a lot lighter now".
    look_alikes("severe_bleeding", BLEEDING_EASING),
    look_alikes("pregnancy_bleeding", BLEEDING_EASING),
    // A harmful thought denied: "I don't have any thoughts of hurting
    // myself or the baby", "not having any thoughts of harming myself".
    look_alikes("self_harm", HARM_THOUGHT_DENIED),
    look_alikes("harm_to_others", HARM_THOUGHT_DENIED),
    // An implanted defibrillator that shocked: a dangerous rhythm, now.
    rule(
        "critical_vital",
        &[
            t("defibrillator|defib|icd|aicd|desfibrilador ..4 shocked|shocks|shocking|fired|firing|went_off|goes_off|going_off|zapped|discharged|descarga|descargas|disparo|disparado"),
            t("shocked|zapped|shocking ..3 by ..2 defibrillator|defib|icd|aicd"),
            t("descarga|descargas|choque|choques ..4 desfibrilador|icd"),
            t("shocked|zapped ..3 # ..1 times|x ..2 today|tonight|this_morning|in_an_hour"),
            t("disparo|disparado|descargo ..3 el|su|mi ..1 desfibrilador|icd"),
        ],
    ),
    // Shocked again and counted, the device unnamed: "SHOCKED AGAIN!!!
    // thats 4 today".
    with_context(
        "critical_vital",
        &[
            t("thats|that_s|that_makes ..1 # ..1 today|tonight"),
            t("# ..1 shocks"),
            t("defibrillator|defib|icd|aicd|desfibrilador"),
        ],
        &[t("shocked|zapped ..1 again")],
    ),
    look_alikes(
        "envenomation",
        &[t("lecture|class|course|training|talk|seminar|webinar|module|poster|documentary|video")],
    ),
    // A faint at a needle or on standing up fast: "me desmayé cuando me
    // sacaron sangre", "cuando me paré rápido de la cama".
    look_alikes(
        "unresponsive",
        &[
            t("sacaron|sacar|sacaban|sacando ..1 sangre"),
            t("aguja|agujas|needle|needles|blood_draw|drew_blood|drawing_blood"),
            t("cuando|al ..2 pare|pararme|levante|levantarme|pararse|levantarse ..3 rapido|rapidamente|de_golpe"),
        ],
    ),
    look_alikes(
        "pregnancy_emergency",
        &[t("labs|workup|panel|screen|screening ..1 nl|normal|neg|negative|wnl|unremarkable|ok|fine")],
    ),
    // Conditions a surgeon must see within hours: green (bile) vomiting, a
    // twisted testicle, a stuck hernia, a cold white limb, a leg turned
    // after a fall.
    rule(
        "surgical_emergency",
        &[
            t("@vomit ..4 green|bile|bilious|dark_green|verde|bilis"),
            t("green|bilious ..2 vomit|vomiting|vomitus|emesis|puke|throw_up"),
            t("spit_up|spitting_up|spits_up ..3 green|dark_green|bright_green|bile"),
            t("@severe|sudden|suddenly|sharp|twisted|swollen ..6 testicle|testicles|testicular|scrotum|scrotal|testiculo|testiculos"),
            t("testicle|testicles|testicular|scrotum|scrotal|testiculo|testiculos|nuts|balls ..8 sudden|suddenly|@severe|sharp|twisted|swollen|hinchado|torcido|sitting_higher|higher"),
            // "my left ball started hurting really bad out of nowhere".
            t("left|right|one ..1 ball|nut ..8 sudden|suddenly|@severe|sharp|twisted|swollen|out_of_nowhere"),
            t("hernia|bulge|bulging ..8 hard|red|purple|wont_go_back|doesnt_go_back|cant_push|stuck|dura|roja|morada|no_se_mete"),
            t("leg|legs|foot|feet|arm|hand|pierna|pie|brazo|mano ..4 @sudden ..4 cold|white|pale|blue|numb|fria|blanca|palida|morada"),
            t("leg|legs|foot|feet|arm|hand|pierna|pie|brazo|mano ..4 cold|fria ..3 and|y ..1 white|pale|blue|mottled|blanca|palida|morada"),
            t("leg|pierna ..4 looks|se_ve|is|esta ..2 shorter|turned_out|twisted|crooked|torcida|chueca|mas_corta|deformed"),
        ],
    ),
    // Bleeding from the bowel with dizziness or pallor; bleeding from
    // several places on a blood thinner.
    // (Black stools from bismuth or iron are no bleeding.)
    benign(
        with_context(
            "severe_bleeding",
            &[
                t("dizzy|lightheaded|light_headed|faint|fainted|fainting|pale|white_as_a_sheet|room_spins|room_spinning|spinning|mareada|mareado|palida|palido"),
                // The same told by the vitals: "BP now 88/50 (was 130s)".
                n("bp|pressure|sbp ..4 #", vitals::bp_low),
            ],
            &[t("maroon|bloody|black|tarry|blood|sangre ..3 stool|stools|poop|bm|bms|bowel_movement|bowel_movements|diarrhea|popo|evacuacion|heces")],
        ),
        &[t("pepto|bismol|bismuth|kaopectate|iron|ferrous|hierro")],
    ),
    with_context(
        "severe_bleeding",
        &[t("@thinner")],
        &[
            t("peeing|pee|urine|urinating ..2 red|blood|bloody|pink"),
            t("blood ..2 in ..2 urine|pee"),
            t("bruising|bruises|bruised ..2 everywhere|all_over"),
        ],
    )
    // Red from food, not blood: "I had beets with dinner".
    .veto(&[t("beet|beets|betabel|remolacha|dragon_fruit|pitaya")]),
    // A child who drank an adult's medicine (Spanish): "se tomó un jarabe
    // de la abuela".
    with_context(
        "overdose",
        &[t("@child")],
        &[t("se ..1 tomo|trago|comio ..6 de ..1 la|el|su|mi ..1 abuela|abuelo|abuelita|abuelito|mama|papa|tia|tio")],
    )
    .lasting(),
    // Cold exposure, then mumbling or slow answers: hypothermia.
    with_context(
        "unresponsive",
        &[t("ice_cold|freezing_cold|cold_as_ice|heat_was_off|heat_off|no_heat|hypotherm*|helada|helado|congelada|congelado")],
        &[
            t("mumbling|slurring|slow_to_answer|slow_to_respond|stopped_shivering"),
            t("slow ..2 to ..1 answer|respond|talk"),
            t("@confused"),
            t("@ams"),
        ],
    ),
    // An allergen, then a face gone big or breathing with noise.
    with_context(
        "anaphylaxis",
        &[t("@allergen")],
        &[
            t("face|lips|tongue|eyes|throat ..2 big|huge|puffed|puffy|fat|swelled"),
            t("breath|breathe|breathing|breaths ..3 with ..1 noise|noises|sound"),
            t("stridor"),
        ],
    ),
    // A lethal amount looked up; a decision made and a day named, with
    // peace.
    rule(
        "self_harm",
        &[
            t("how ..1 many|much ..6 would|will|to|it_takes_to ..2 do_it|kill|end_it|be_enough|be_fatal|be_lethal|od"),
            t("looked_up|googled|searched|researched|look_up|google ..4 how ..1 many|much ..4 would|to|it_takes"),
            t("lethal|fatal ..1 dose|amount"),
        ],
    )
    .personal(),
    with_context(
        "self_harm",
        &[t("at ..1 peace ..3 with|w ..1 it|this|my_decision"), t("made ..2 peace"), t("ok|okay|fine ..2 with ..1 it")],
        &[
            t("ive|i_have|i ..1 decided|made_up_my_mind|made_my_decision|picked_a_day|chose_a_day"),
            t("funeral ..1 playlist|songs|music|outfit|wishes"),
            t("playlist|songs|music|outfit ..3 for ..2 my ..1 funeral"),
        ],
    )
    .personal(),
    // "I can't do this anymore" with a plan for a time, or thanks for
    // trying: a farewell.
    with_context(
        "self_harm",
        &[
            t("cant|can_not ..2 do ..1 this|it ..1 anymore|any_longer|any_more"),
            t("cant ..1 go_on|keep_going|take_it|take_this ..1 anymore|any_longer"),
            t("ya_no_puedo|ya_no_aguanto ..2 mas"),
            t("done ..2 with ..2 everything|life|it_all"),
        ],
        &[
            t("plan ..3 tonight|tomorrow|tmrw|today|this_weekend|after_school|after_work"),
            t("tengo ..1 un ..1 plan"),
            t("thanks|thank_you|thank ..4 for ..1 trying|everything"),
            t("gracias ..3 por ..1 intentar|todo"),
        ],
    )
    .personal(),
    // A swelling that threatens the airway: spit that cannot be
    // swallowed, a muffled "hot potato" voice, a jaw that will not open;
    // stridor.
    rule(
        "breathing",
        &[
            t("hard|cant|unable|trouble|struggling ..3 swallow ..3 spit|saliva|own_spit"),
            t("hot ..1 potato"),
            t("muffled ..1 voice"),
            t("trismus|stridor"),
            t("not_can|no_can|cant ..1 breathe|breath ..3 lie|lay|lying|laying ..1 down|flat"),
            t("winded|out_of_breath|short_of_breath ..3 just|only|while ..1 talking|sitting|resting"),
        ],
    ),
    // A headache unlike any before, at full strength in seconds or during
    // sex or straining: a bleed until shown otherwise.
    with_context(
        "stroke",
        &[
            t("headache|headaches|migraine|migraines|dolor_de_cabeza|jaqueca|migrana"),
            t("head ..1 pain|hurts|hurt"),
        ],
        &[
            t("in|within ..1 seconds|a_second|an_instant|segundos"),
            t("nothing|not ..2 like ..2 my ..1 usual|normal|regular|other|typical ..1 headaches|migraines|ones|migraine|headache"),
            t("during|after|while_having ..1 sex|orgasm|intercourse"),
            t("thunderclap"),
        ],
    ),
    // A swollen calf, then pain on breathing in or breathlessness: a clot
    // in the lung (its own code: breathlessness "going up the stairs" is
    // a look-alike of breathing trouble alone, not with a swollen calf).
    with_context(
        "pulmonary_embolism",
        &[t("calf|leg ..4 swollen|sore|swelling|painful|hinchada")],
        &[
            t("pain|stabbing|sharp|hurts ..4 breathe|breath|breathing ..1 in"),
            t("stabbing|sharp ..2 pain ..4 breath|breathe|breathing"),
            t("hurts|pain|painful|sharp ..8 when|with ..3 deep ..1 breath|breaths"),
            t("winded|breathless|out_of_breath|short_of_breath ..4 walking|just|stairs|talking|sitting|resting"),
        ],
    )
    .past_context(),
    // A belly gone hard after a scope or an operation: a perforation ("belly
    // hard as a rock, pain 10/10 since colonoscopy").
    with_context(
        "surgical_emergency",
        &[t("colonoscopy|colonoscopia|endoscopy|endoscopia|egd|polypectomy|polipectomia|polyp|polyps|polipo|polipos|scope|surgery|cirugia|operation|procedure|procedimiento")],
        &[t("belly|stomach|abdomen|tummy|panza|barriga|estomago ..3 hard|rigid|rock|board|distended|dura|duro|tiesa|rigido|rigida")],
    )
    .past_context(),
    // What a radiologist calls at once: free air under the diaphragm, a
    // fresh bleed in the head, a collapsed lung, a dissection ("shows free
    // intraperitoneal air", "addended: 6 mm acute L SDH").
    rule(
        "critical_result",
        &[
            t("free ..1 air|intraperitoneal_air"),
            t("pneumoperitoneum|tension_pneumothorax|pneumothorax|aortic_dissection|midline_shift|herniation"),
            t("perforated|perforation ..2 viscus|bowel|ulcer|appendix|colon|diverticulum"),
            t("acute ..3 sdh|subdural|epidural|ich|sah|intracranial|subarachnoid|dissection|saddle"),
            // "a new subdural on yesterday's CT", "expanding ICH".
            t("new|enlarging|expanding|increasing ..2 sdh|subdural|epidural|ich|sah|intraparenchymal|intracranial|subarachnoid"),
            t("saddle ..1 embolus|pe"),
        ],
    ),
    // A patient a clinician needs back now: "She needs to come back now",
    // "we need him back tonight".
    benign(
        rule(
            "directed_to_ed",
            &[
                t("needs|need|has ..2 to ..1 come|be_brought|return|go ..1 back|in ..2 now|immediately|right_away|asap|tonight|stat"),
                t("need|needs ..1 him|her|them|the_patient|the_pt ..1 back ..2 now|immediately|today|tonight|asap"),
            ],
        )
        .lasting(),
        // Asked, not said: "does she need to come back now or can it wait?"
        &[t("does|do|should|would|will|did ..2 need|needs")],
    ),
    // No urine for hours after a stent, a catheter or an operation, or
    // with one kidney: a blockage ("haven't peed in 12 hours since they put
    // the stent in").
    with_context(
        "surgical_emergency",
        &[t("stent|stents|catheter|foley|surgery|procedure|operation|transplant|kidney|prostate|cystoscopy|lithotripsy|cirugia|sonda|rinon")],
        &[
            t("@no_urine ..4 # ..1 hours|hrs|horas"),
            t("@no_urine ..2 since|all_day|all_night|desde|todo_el_dia"),
        ],
    )
    .past_context(),
    // A calf swollen, hot or red after an operation or a cast: a clot in
    // the leg ("10 days out from knee replacement, calf twice the size").
    with_context(
        "blood_clot",
        &[t("surgery|replacement|tka|tha|arthroplasty|postop|post_op|pod|operation|cirugia|operacion|cast|yeso|csection|c_section|cesarea|hospital_stay|bed_rest|long_flight")],
        &[
            t("calf|pantorrilla ..4 swollen|swelling|twice|bigger|hot|warm|red|tender|circumference|hinchada|caliente|roja|inflamada|dura"),
            t("swollen|hot|red|warm|tender|hinchada|caliente ..3 calf|pantorrilla"),
        ],
    )
    .past_context(),
    // Any fresh blood after a tonsillectomy, even when it stopped: the
    // bleed that comes back is the dangerous one ("day 8, coughed up a
    // clot and some bright red blood, seems to have stopped").
    benign(
        with_context(
            "severe_bleeding",
            &[t("tonsillectomy|tonsils|tonsil|adenoids|t_and_a|t_a|amigdalas|amigdalectomia|anginas")],
            &[
                t("bright ..1 red|blood"),
                t("blood|bleeding|bled|clot|clots|sangre|sangrado|sangro|coagulo|coagulos"),
            ],
        )
        .past_context()
        .lasting(),
        // Blood as a test or a measure: "blood work", "blood sugar".
        &[t("blood|sangre ..1 test|tests|work|draw|drawn|sugar|pressure|type|count|culture|cultures|thinner|thinners|de_azucar|presion")],
    ),
    // Muscle broken down after hard exercise: urine the color of cola or
    // tea ("mi pee está color coca cola" after CrossFit), its kidneys at
    // stake.
    with_context(
        "rhabdomyolysis",
        &[
            t("crossfit|workout|work_out|exercise|ejercicio|entrenamiento|gym|marathon|lifting|spin|bootcamp|training"),
            t("muscles|musculos|arms|brazos|legs|piernas|thighs ..3 swollen|hinchados|hinchadas|rock_hard|cant_bend|no_los_puedo_doblar"),
        ],
        &[t("pee|urine|orina|orine|orino ..4 cola|coca_cola|coke|tea|te|cafe|brown|dark_brown|color_cafe|refresco")],
    )
    .past_context(),
    // A deep infection: crepitus, pain out of proportion, skin turning
    // dusky; an obstructing stone or a swollen eye with fever.
    rule(
        "sepsis",
        &[
            t("crepitus"),
            t("pain ..2 out ..1 of ..1 proportion"),
            t("dusky|purple|dark ..3 skin ..3 spreading"),
        ],
    ),
    with_context(
        "sepsis",
        FEVER_OR_CHILLS,
        &[
            t("obstructing|obstructed|obstruction|blocking ..4 stone|stones|ureter|uvj"),
            t("swelling|swollen|hinchazon|hinchado|hinchada ..6 eye|ojo"),
        ],
    ),
    // Orientation lost from a charted baseline: "A&Ox3 now x1", "only
    // oriented to self, usual A&Ox3".
    with_context(
        "unresponsive",
        &[t("ox3|ox4|x3|x4|aox3|aox4")],
        &[
            t("now ..1 x1|x2|x0|ox1|ox2|ox0"),
            t("only|just ..1 oriented ..2 to ..1 self|person|name"),
            t("oriented ..1 to ..1 self ..1 only"),
        ],
    )
    .past_context(),
    // A hit to the testicles, then one side swollen or sitting higher.
    with_context(
        "surgical_emergency",
        &[t("testicle|testicles|testicular|scrotum|scrotal|nuts|balls|testiculo|testiculos")],
        &[t("one ..1 side ..3 swollen|higher|bigger"), t("sitting|sits|riding ..1 higher")],
    )
    .past_context(),
    // An older diabetic sweating a lot or rubbing the upper belly: a heart
    // attack without chest pain.
    with_context(
        "chest_pain",
        &[t("diabetic|diabetes|diabetica|diabetico")],
        &[
            t("sweating|sweaty|clammy|diaphoretic ..2 a_lot|profusely|buckets|heavily"),
            t("rubbing|holding|clutching ..2 her|his|my ..1 upper ..1 belly|stomach|abdomen"),
        ],
    ),
    // A head struck (forehead, back of the head, "me pegué en la
    // cabeza") on a blood thinner; a fall, then new drowsiness or
    // confusion.
    // A head hit now on a blood thinner, whatever the thinner was first
    // given for ("on warfarin for a clot he had last year, bumped his head
    // at practice"), and however fine he says he is: a bleed comes later.
    with_context(
        "head_injury",
        &[t("@thinner")],
        &[
            t("hit|struck|smacked|whacked|banged|bumped|knocked|cracked|bonked ..4 head|forehead|skull|temple|cabeza|frente"),
            t("pegue|pego|golpee|golpeo|pegó|golpeó ..4 cabeza|frente|head"),
        ],
    )
    .past_context()
    .lasting(),
    with_context(
        "head_injury",
        &[
            t("hit|struck|smacked|whacked|banged|bumped|knocked|cracked|bonked|hurt ..4 head|forehead|skull|temple|cabeza|frente"),
            t("pegue|pego|golpee|golpeo|golpe|pegó|golpeó ..4 cabeza|frente|head"),
        ],
        &[t("@thinner"), t("@vomit"), t("@confused"), t("@ams")],
    )
    .past_context(),
    with_context(
        "head_injury",
        &[t("fell|fall|fallen|falls|slipped|tripped|cai|cayo|caido|caida|se_cayo|me_cai")],
        &[
            t("@ams"),
            t("@confused"),
            t("sleep|sleeps|sleeping ..2 too_much|a_lot_more|all_day"),
            t("not|no ..1 answer|answering|respond|responding ..1 good|well|right"),
            t("sleepier|drowsier ..2 than ..1 usual|normal"),
            t("repeating ..3 same ..1 question|questions|thing"),
        ],
    )
    .past_context(),
    // Immunosuppression is a standing state: a transplant months ago, a
    // fever now.
    // (A temperature with decimals alone counts too: "now 101.8".)
    with_context("sepsis", &[t("@immunosuppressed")], FEVER_SAID).past_context(),
    // A fever where malaria is in question, even (above all) when the
    // pills were not taken: falciparum kills within days.
    RuleDef {
        raw_context: true,
        lasting: true,
        ..benign(
            with_context("sepsis", &[t("malaria|paludismo")], FEVER_OR_CHILLS),
            // Diseases named for a fever, as on a travel clinic's list.
            &[t("yellow|hay|scarlet|typhoid|dengue|valley|rheumatic ..1 fever")],
        )
    },
    with_context(
        "sepsis",
        &[t("@immunosuppressed")],
        &[n("#", vitals::fever_with_decimals)],
    )
    .past_context(),
    // A deep or wide burn: white, leathery or painless skin, skin coming
    // off, big blisters, a child's chest or face.
    with_context(
        "severe_burn",
        &[t("burn|burns|burned|burnt|scald|scalded|scalding|boiling|hot_oil|kettle|coffee|hot_water|hot_tea|stove|grease|quemo|queme|quemadura|quemaduras|hirviendo|aceite_caliente|cafe_caliente")],
        &[
            t("ampollas|ampolla|blisters ..1 grandes|enormes|big|huge"),
            t("skin ..4 white|leathery|charred|black|coming_off|peeling|falling_off|blanca|se_cae"),
            t("white|leathery|charred ..3 and ..2 dont|doesnt|no ..2 hurt|hurts|duele"),
            t("big|large|huge|grandes|enormes ..2 blister|blisters|ampollas|ampolla"),
            t("blister|blisters|blistering|ampollas ..6 bigger_than|larger_than|thigh|knee|chest|face|both_legs|whole"),
            t("bigger|larger|mas_grande ..2 than|que ..2 hand|palm|mano|palma"),
        ],
    )
    .past_context(),
    // A chemical in the eye: rinse now and call.
    with_context(
        "overdose",
        &[t("eye|eyes|ojo|ojos")],
        &[t("bleach|chemical|chemicals|cleaner|acid|lye|ammonia|cloro|quimico|acido|lejia ..6 eye|eyes|ojo|ojos"), t("eye|eyes|ojo|ojos ..6 bleach|chemical|chemicals|cleaner|acid|lye|cloro|quimico|acido|lejia")],
    ),
    // A stiff neck with fever, said as "the neck is hard", light hurting.
    with_context(
        "fever_red_flag",
        FEVER_OR_CHILLS,
        &[
            t("neck ..2 hard|stiff|rigid|cant_bend|wont_bend"),
            t("cry|cries|crying|hurts ..3 light|lights"),
            t("cuello ..2 duro|tieso|rigido"),
        ],
    ),
    // Tearing pain in the back that goes to the chest: a dissection.
    rule(
        "chest_pain",
        &[
            t("tearing|ripping|torn|desgarran|desgarra|desgarro|desgarrando ..6 back|chest|espalda|pecho"),
            t("back|chest|espalda|pecho ..6 tearing|ripping|desgarran|desgarra|desgarro|desgarrando"),
        ],
    ),
    // A sudden headache like a blow, the worst ever.
    rule(
        "stroke",
        &[
            t("headache|head ..6 like ..2 baseball_bat|bat|hammer|thunderclap|explosion|hit_by"),
            t("never ..2 had ..2 anything ..1 like ..1 it|this ..4 headache"),
            t("headache ..8 never ..2 had ..2 anything ..1 like ..1 it|this"),
            t("thunderclap"),
        ],
    ),
    // Days without insulin, then vomiting or heavy breathing: DKA.
    with_context(
        "diabetic_emergency",
        &[
            t("without|out_of|ran_out|no|sin|sin_su|se_acabo ..4 insulin|insulina"),
            t("insulin|insulina|vial|pen ..3 broke|broken|lost|ran_out|se_acabo|se_rompio"),
            t("been ..1 without|sin"),
        ],
        &[t("@vomit"), t("breathing ..2 heavy|hard|fast|deep"), t("fruity"), t("vomitando|vomita|respira ..2 rapido|fuerte")],
    )
    .past_context(),
    // A baby screaming in waves, legs drawn up; red jelly in the diaper:
    // intussusception.
    rule(
        "surgical_emergency",
        &[
            t("red|bloody|currant ..2 jelly"),
            t("screaming|crying ..3 in ..1 waves|fits|bouts ..8 legs|knees"),
        ],
    ),
    // Vomiting, then what came up told as green: "the last one was
    // green", "bright green".
    with_context(
        "surgical_emergency",
        &[t("@vomit"), t("vomito|vomita|vomitando|vomitos|vomitó")],
        &[
            t("last|latest ..3 was|one|time|is ..2 green"),
            t("bright|dark|neon ..1 green"),
            t("green ..1 bile|liquid|fluid|stuff|vomit|puke"),
            t("verde ..1 oscuro|brillante|fosforescente"),
        ],
    ),
    // Pain low on the right with fever, vomiting or pain on walking:
    // appendicitis.
    with_context(
        "surgical_emergency",
        &[
            t("lower ..1 right|rt ..3 belly|abdomen|stomach|tummy|side|quadrant|abd|pain"),
            t("right|rt ..1 lower ..3 belly|abdomen|stomach|tummy|side|quadrant|abd|pain"),
            t("rlq|lower_right|right_lower"),
            t("lado ..1 derecho ..4 abajo|bajo"),
            t("abajo|parte_baja ..3 derecha|lado_derecho"),
        ],
        &[
            t("@fever"),
            t("fiebre|calentura"),
            t("@vomit"),
            t("vomito|vomita|vomitando|vomitos"),
            t("cant|can_not|unable|no_puedo|no_puede ..3 walk|stand|straighten|caminar|pararse|enderezarse|enderezar"),
            t("hurts ..2 to ..1 walk|jump|move|cough"),
        ],
    ),
    // After a fall, a hip that hurts and someone who cannot get up.
    with_context(
        "surgical_emergency",
        &[t("cant|can_not|unable|couldnt|no_puedo|no_puede|no_lo_puedo|no_la_puedo ..3 get_up|stand|walk|bear_weight|put_weight|levantar|levantarse|pararse|caminar|apoyar")],
        &[t("hip|cadera|groin|ingle ..4 hurts|hurting|pain|dolor|duele")],
    ),
    // Something in the mouth, then coughing, wheezing or drooling: an
    // object in the airway.
    with_context(
        "breathing",
        &[t("put|swallowed|choked_on|inhaled|sucked|trago|metio|se_metio ..4 something|coin|toy|piece|bead|marble|lego|peanut|nut|grape|popcorn|magnet|algo|moneda|juguete|pieza|canica")],
        &[t("coughing|wheezing|wheezy|drooling|gagging|choking|cant_swallow|noisy_breathing|tosiendo|ahogando|babeando")],
    )
    .past_context(),
    // After a seizure, someone who does not come round; a first seizure.
    with_context(
        "seizure",
        &[t("seizure|seizures|seized|seizing|convulsion|convulsions|convulsiono|convulsionando|ataque")],
        &[
            t("still|not|hasnt|isnt|wont|cant|no ..3 waking|wake|awake|responding|respond|herself|himself|back_to_normal|despierta|responde|reacciona"),
            t("first_ever|1st_ever"),
        ],
    )
    .past_context(),
    // Serotonin toxicity: jerking or clonus on linezolid or an MAOI.
    with_context(
        "overdose",
        &[t("linezolid|maoi|maois|phenelzine|tranylcypromine|selegiline|isocarboxazid|methylene_blue")],
        &[t("jerking|jerks|twitching|twitches|clonus|myoclonus|rigid|rigidity")],
    )
    .past_context(),
    // A pregnancy with no intrauterine pregnancy on ultrasound, and pain
    // or bleeding: an ectopic until proven otherwise.
    with_context(
        "pregnancy_emergency",
        &[t("no ..1 iup|intrauterine|gestational_sac"), t("empty ..1 uterus")],
        &[t("pain|cramping|cramps|bleeding|fainted|dizzy|dolor|sangrado")],
    )
    .past_context(),
    // A wound that opened with something pushing through it.
    with_context(
        "surgical_emergency",
        &[t("wound|incision|herida|cut|repair|scar|stitches|staples ..4 came_apart|split_open|opened_up|burst_open|popped_open|dehisced|opened|split|se_abrio|reopened|came_open|broke_open|pulled_apart")],
        &[
            t("poking|sticking|coming|hanging|bulging|pushing ..1 out|through"),
            t("pink|shiny|red ..3 poking|sticking|bulging|pushing"),
            // What lies under the skin, seen: "I can see yellowish fatty
            // stuff inside".
            t("see|seeing|can_see|se_ve|se_ven ..5 inside|insides|fat|fatty|tissue|adentro|grasa"),
            t("fatty|yellowish|yellow ..2 stuff|tissue|fat|layer"),
        ],
    )
    .past_context(),
    // A stoma gone dark: its blood supply failing ("stoma looks dark
    // purple/black today, was beefy red Mon").
    with_context(
        "surgical_emergency",
        &[t("stoma|ostomy|colostomy|ileostomy|estoma")],
        &[
            t("stoma|estoma ..4 dark|purple|black|dusky|gray|grey|morado|morada|negro|negra"),
            t("dark|purple|black|dusky ..3 stoma"),
        ],
    ),
    // A finger or toe cut off: reattachment is time-bound.
    rule(
        "surgical_emergency",
        &[
            t("took|cut|sliced|chopped|lopped|ripped ..2 off ..4 tip|finger|fingertip|toe|thumb|fingers|toes"),
            t("tip|finger|fingertip|thumb|toe ..4 in ..1 a|the ..1 bag|baggie|ice|cooler"),
            t("amputated|amputation|severed|traumatic_amputation"),
            t("se ..1 corto|cercenó|cerceno|volo|arranco ..3 el|la|un ..1 dedo|punta"),
        ],
    ),
    // Bowel seen through a wound that opened: an evisceration.
    rule(
        "surgical_emergency",
        &[
            t("evisceration|eviscerated|eviscerating"),
            t("bowel|bowels|intestine|intestines|guts|organs|tripas|intestino|intestinos ..3 visible|showing|sticking_out|coming_out|hanging_out|poking_out|exposed|se_ven|se_le_ven|salidos"),
            t("see|seeing|can_see|could_see|se_ve|se_ven|se_le_ven ..3 bowel|bowels|intestine|intestines|guts|organs|tripas|intestino|intestinos"),
            t("wound|incision|herida|cut ..4 came_apart|split_open|opened_up|burst_open|popped_open|dehisced|se_abrio ..8 poking|sticking|coming|hanging|bulging ..1 out"),
        ],
    ),
    // Nothing passing (no gas, an ostomy with no output), then vomiting:
    // an obstruction. The negation is part of the sign.
    rule(
        "surgical_emergency",
        &[
            t("no|zero|nothing ..2 output|gas|flatus|farts ..8 @vomit"),
            t("havent|hasnt|not|cant|isnt|no ..3 passed|passing|pass|pasado|echado ..1 gas|wind|flatus|gases ..8 @vomit"),
            t("@vomit ..8 havent|hasnt|not|cant|isnt|no ..3 passed|passing|pass ..1 gas|wind|flatus"),
            t("ostomy|stoma|colostomy|ileostomy|bag ..3 empty|nothing|no_output ..8 @vomit"),
        ],
    ),
    // The same across clauses: "hasn't passed gas since Monday, keeps
    // vomiting".
    with_context(
        "surgical_emergency",
        &[
            t("no|zero|nothing ..2 output|gas|flatus|farts"),
            t("havent|hasnt|not|cant|isnt|no ..3 passed|passing|pass|pasado|echado ..1 gas|wind|flatus|gases"),
            t("ostomy|stoma|colostomy|ileostomy ..3 empty|nothing|no_output"),
        ],
        &[t("@vomit")],
    )
    .past_context(),
    // A high-alert drug given by mistake ("KCl 40 IV ran over 30 min in
    // error", "heparin 25,000 IV push instead of 5,000 SQ", "U-500 given
    // as U-100"): a medication error to act on now. Not a chart entry made
    // in error.
    with_context(
        "overdose",
        &[t("kcl|potassium_chloride|heparin|insulin|u500|methotrexate|fentanyl|morphine|hydromorphone|dilaudid|digoxin|colchicine|vasopressin|norepinephrine|levophed|magnesium|mag_sulfate|propofol|vecuronium|rocuronium|succinylcholine|oxytocin|pitocin")],
        &[
            t("given|gave|ran|run|infused|administered|pushed|hung|injected|took|taken|bolused ..8 in_error|by_mistake|by_error|erroneously|instead_of|accidentally"),
            t("in_error|by_mistake|erroneously ..4 given|ran|run|infused|administered|pushed|hung|injected"),
            t("x|times|fold ..1 intended|the_intended|ordered|the_ordered_dose"),
            t("wrong ..1 pt|patient|dose|drug|med|rate"),
        ],
    )
    .past_context(),
    // A young infant dropped or fallen from a height: a head injury to see
    // now.
    with_context(
        "head_injury",
        INFANT,
        &[
            t("fell|fall|fallen|falls|rolled|dropped|slipped|tumbled ..3 off|from|out_of ..3 bed|changing_table|table|couch|sofa|counter|high_chair|chair|arms|crib|bouncer|stroller|car_seat"),
            t("dropped ..3 him|her|baby|the_baby|my_baby"),
            t("se ..1 cayo|me_cayo|le_cayo ..4 cama|sillon|sofa|mesa|cambiador|brazos|silla|cuna|carriola"),
            t("cayo|callo|caido ..4 de ..2 cama|sillon|sofa|mesa|cambiador|brazos|silla|cuna|carriola"),
        ],
    )
    .veto(&INFANT_FALL_VETO),
    // Meningococcus grown or seen: a critical result whatever the wording.
    benign(
        rule("critical_result", &[t("meningitidis|meningococcus|meningococci")]),
        &[t("vaccine|vaccines|vaccination|vaccinated|shot|shots|booster|menacwy|menb|menveo|bexsero|trumenba|carrier|prophylaxis|exposure|exposed")],
    ),
    // An allergen, then a throat that itches or tightens with a cough or
    // hives: two systems, an anaphylaxis.
    with_context(
        "anaphylaxis",
        &[t("@allergen")],
        &[
            t("throat|garganta ..3 itchy|itching|itches|scratchy|tight|tightening|closing|pica|picando|cerrando|cerrada|apretada"),
            t("itchy|itching|scratchy|tight|pica|picando|cierra|aprieta ..3 throat|garganta"),
        ],
    ),
    // A bulge in the groin or at the navel that is hard, red or will not
    // go back: a trapped hernia.
    with_context(
        "surgical_emergency",
        &[
            t("bulge|bulging|lump|bolita|bola|hernia ..6 groin|belly_button|navel|scrotum|ingle|ombligo"),
            t("hernia"),
        ],
        &[
            t("hard ..2 and ..1 red|purple|tender"),
            t("red|purple ..2 and ..1 hard|tender"),
            t("wont_go_back|doesnt_go_back|cant_push_it_back|wont_go_in|no_se_mete|no_regresa|no_se_regresa"),
        ],
    )
    // The hernia may be dated ("where they fixed my hernia 2 weeks ago"):
    // the bulge that will not go back is now.
    .past_context(),
];

const SATURATION_WORDS: &str = "o2|sat|sats|saturation|oximeter|pulse_ox|oximetro|saturacion|oxigenacion|oxigeno|oxygen_machine|finger_machine|oxygen|oxygen_level|oxygen_levels|oxygen_number ..4 #";

const SATURATION: &[Sign] = &[n(SATURATION_WORDS, vitals::low_oxygen)];

/// A lung disease whose patients live at 88-92%.
const COPD: &[Sign] = &[t("copd|emphysema|epoc|enfisema")];

/// A low reading put down to cold fingers, warmed and read again.
const COLD_FINGERS: &[Sign] = &[
    t("warmed|warming|warm ..2 my|his|her|their|the ..1 hands|fingers|finger|hand"),
    t("cold ..1 fingers|hands|finger"),
];

const SATURATION_VETO: [Sign; COPD.len() + COLD_FINGERS.len()] = joined(COPD, COLD_FINGERS);

/// A means of self-harm at hand or in view.
const MEANS: &[Sign] = &[t(
    "gun|guns|shotgun|rifle|pistol|handgun|firearm|revolver|rope|noose|cord|razor|razors|blade|blades|pills|bottle|oxycodone|oxy|pistola|soga|cuerda|navaja|pastillas|bridge|tracks|reservoir|puente|@substance",
)];

/// Acts that close a life and are not everyday: letters to the family,
/// accounts deleted, things handed on to keep, funeral wishes, pills saved.
const CLOSING_ACTS: &[Sign] = &[
    t("told|telling|tell ..2 to ..1 keep ..1 them|it|my|everything|all"),
    t("funeral ..1 wishes|plans|arrangements|songs|music"),
    t("saving|saved|hoarding|stockpiling|stashing ..3 @substance"),
    t("deleted|deleting|delete ..3 accounts|account|socials|instagram|profile|profiles"),
    t(
        "wrote|written|writing|left|leaving ..4 letter|letters|note|notes ..3 to|for ..2 my|his|her|the ..1 kids|mom|dad|family|wife|husband|children|parents|sister|brother|son|daughter|grandkids",
    ),
    t(
        "carta|cartas|nota ..3 para|a ..2 mis|sus|su|mi ..1 hijos|hijas|familia|papas|mama|papa|esposo|esposa",
    ),
    t("despedi|despidio|despedirme|despedirse|despedido ..2 de ..1 todos|todo_el_mundo"),
    t("said|saying|say ..1 goodbye ..2 to ..1 everyone|everybody|all"),
];

/// Acts that close a life: belongings given away, accounts deleted,
/// letters written, goodbyes said, a means at hand.
const FAREWELL_ACTS: &[Sign] = &[
    t("gave|giving|give|handed|handing ..1 away|out"),
    t("told|telling|tell ..2 to ..1 keep ..1 them|it|my|everything|all"),
    t("funeral ..1 wishes|plans|arrangements|songs|music"),
    t("saving|saved|hoarding|stockpiling|stashing ..3 @substance"),
    t(
        "regalo|regale|regalando|regalar|repartio|reparti ..3 sus|mis|su|toda|todas|todo ..1 cosas|ropa|pertenencias",
    ),
    t("deleted|deleting|delete ..3 accounts|account|socials|instagram|profile|profiles"),
    t("wrote|write|written|writing|left|leaving ..4 letter|letters|note|notes|carta|cartas"),
    t("handed|gave|giving|handing ..3 letter|letters|ring|wedding_ring|keys|car_keys|deed"),
    t("escribi|escribio|deje|dejo ..3 carta|cartas|nota|notas"),
    t(
        "gave|giving|give|handed|handing ..6 to ..1 my|his|her ..2 brother|sister|cousin|friend|best_friend|mom|dad|kids|son|daughter|neighbor|roommate",
    ),
    t("regalando|regalo|regale|repartiendo ..4 sus|mis|su|mi"),
    t(
        "le ..1 di|dio|deje|dejo|regale ..2 mi|su ..1 perro|gato|mascota|celular|ropa|cosas|carro|anillo",
    ),
    t(
        "deje|dejo|dejando ..1 pagadas|pagado|arregladas|arreglado|en_orden ..3 cuentas|papeles|todo",
    ),
    t("escribi|escribio|escribiendo ..4 para ..1 despedirme|despedirse"),
    t("goodbye|goodbyes|despedi|despidio|despedirme|despedirse|despedido"),
    t(
        "razor|razors|blade|blades|rope|noose|gun|knife|firearm|rifle|navaja|cuerda|soga|pistola|arma",
    ),
    t("@farewell"),
    // Affairs seen to: "left instructions for my landlord", "the cat's
    // food is sorted", "made my peace with things".
    t("left|leaving|wrote|written|deje|dejo ..2 instructions|instrucciones ..3 for|para"),
    t(
        "cat|cats|dog|dogs|pet|pets|perro|gato|mascota ..3 food|care|comida ..3 sorted|arranged|covered|handled|figured_out|taken_care_of|arreglado|arreglada|resuelto",
    ),
    t("found|finding ..3 home|homes|someone ..3 for ..2 my ..1 cat|cats|dog|dogs|pet|pets"),
    t("made ..1 my ..1 peace"),
];

/// Fever or chills, with or without a number.
/// A fever said in words or measured, but not a temperature merely named:
/// with a transplant or chemotherapy, "temp 98.9" is a normal reading.
/// A temperature below 97 °F counts as well (SIRS: under 36 °C). English
/// and Spanish ("tengo 39.5": a temperature told with its decimal).
/// A fever however it is told: named, felt ("burning up") or a reading
/// given bare ("I'm at 102").
const FEVER_ANY: [Sign; FEVER_SAID.len() + FEVER_FELT.len()] = joined(FEVER_SAID, FEVER_FELT);
const FEVER_FELT: &[Sign] = &[
    t("@fever"),
    n("im|hes|shes|shes_been ..1 at|running ..1 #", vitals::fever),
];

pub const FEVER_SAID: &[Sign] = &[
    t("@fever_said"),
    t(
        "chills|rigors|shaking_chills|escalofrios|escalofrio|tiembla_de_frio|temblando_de_frio|temblaba_de_frio",
    ),
    n("@temp_word ..4 #", vitals::fever),
    n("@temp_word ..4 #", vitals::low_temp),
    n(
        "# ..2 @fever|f|c|degrees|fahrenheit|celsius|grados",
        vitals::fever,
    ),
    n("t ..1 #", vitals::fever),
    n(
        "tengo|tiene|tenia|tiene_ya ..1 #",
        vitals::fever_with_decimals,
    ),
];

pub const FEVER_OR_CHILLS: &[Sign] = &[
    t("@fever"),
    t("chills|rigors|shaking_chills|escalofrios|escalofrio"),
    n("@temp_word ..4 #", vitals::fever),
    n("# ..2 @fever|f|c|degrees|fahrenheit|celsius", vitals::fever),
    n("t ..1 #", vitals::fever),
];

/// A machine that breaks down, or an event dated by the person's age
/// then (see the look-alikes above).
const MACHINE_OR_AGE: &[Sign] = &[
    t(
        "tractor|truck|car|computer|laptop|printer|engine|phone|wifi|router|mower|washer|dryer ..5 having_a_stroke|having_a_heart_attack|having_a_seizure|had_a_stroke|had_a_heart_attack",
    ),
    t("having_a_stroke|having_a_heart_attack|having_a_seizure ..2 not ..1 me"),
    n(
        "had|has_had ..1 a|his|her|their ..1 heart_attack|stroke|seizure ..1 at ..1 #",
        |n| n.value.fract() == 0.0 && (20.0..=100.0).contains(&n.value),
    ),
];

/// "passed out laughing", "dead laughing": a laugh, not a collapse.
const LAUGHING: &[Sign] = &[t(
    "passed_out|died|dead|dying ..1 laughing|from_laughing|of_laughter",
)];

/// A tease repeated "every time" ("says I'm having a stroke every time I
/// use tiktok"): a habit, not an onset.
const TEASE: &[Sign] = &[
    t("having_a_stroke|having_a_heart_attack|having_a_seizure ..2 every_time|whenever|each_time"),
    // "me da un infarto cada que veo el precio de la insulina".
    t("infarto|ataque|patatus|soponcio ..2 cada_que|cada_vez|cada_vez_que|siempre_que"),
];

/// Signs of a reaction, once an allergen is in the picture.
const REACTION_SIGNS: &[Sign] = &[
    t("@vomit"),
    t("hives|welts"),
    t("scratching|itching|itchy ..1 all_over|everywhere"),
    t("cough*"),
    t("wheez*"),
    t("@swell"),
    t("@throat ..3 itchy|scratchy|funny|weird"),
    t("dizzy|lightheaded|faint"),
    t("rash ..3 all_over|spreading|everywhere"),
    t("trouble|hard ..2 swallow*"),
    t("hoarse"),
];

/// A pregnancy that ended days or weeks ago.
pub const POSTPARTUM: &[Sign] = &[
    t("postpartum|post_partum|pp|ppd|posparto|postparto|puerperio|cuarentena"),
    t("delivered|gave_birth|had_the_baby|had_my_baby|had_our_baby|c_section|csection|cesarea"),
    // Charted: "POD 5 after c/s".
    t("pod|after|post|sp ..3 cs"),
    t("di|dio ..1 a ..1 luz"),
    t("tuve|tuvo ..2 bebe|beba|nino|nina|cesarea"),
    t("new ..1 mom|mother|mama|mami"),
    t("have|had|has|having ..1 the|my|her|our|a ..1 baby ..4 ago|before|week|weeks|days|day|#"),
    t("give|gave|given|giving|gived ..1 birth ..4 ago|before|week|weeks|days|day|#|last"),
    t("have|had|has ..1 baby ..3 ago|before|#"),
    t("baby ..3 # ..1 @days ..1 old"),
    t("desde ..2 que ..1 nacio|tuve"),
    // "a week after delivery", "since giving birth", "después del parto".
    t("after|since|post ..1 delivery|delivering|giving_birth|the_birth|my_c_section|my_csection"),
    t("despues|desde ..2 parto|cesarea"),
];

/// A lab's sample to be drawn again: its value stands for nothing yet. (A
/// value called and read back or documented is handled: `cues::HANDLED`.)
pub const LAB_REDRAWN: &[Sign] = &[
    t("recollected|redraw|recollect|redrawn"),
    // A value withdrawn: "corrected report ... was a dilution error".
    t("corrected ..1 report|result|value"),
    t("dilution ..1 error"),
    t("wrong ..1 patient"),
];
