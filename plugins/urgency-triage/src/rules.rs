//! The red-flag rules: each has a code (reason `urgent:<code>`), the
//! signs that fire it, and optionally a context the message must also
//! establish ("pregnant" for pregnancy bleeding) and benign look-alikes
//! ("seizure meds"). Pattern syntax: see `pattern`; word classes: see
//! `concepts`. To add a rule, add an entry here and a test.

use crate::vitals::{self, Check};

/// A pattern, and for numeric signs the test on the first number it found.
#[derive(Clone, Copy)]
pub struct Sign {
    pub text: &'static str,
    pub check: Option<Check>,
}

const fn t(text: &'static str) -> Sign {
    Sign { text, check: None }
}

const fn n(text: &'static str, check: Check) -> Sign {
    Sign {
        text,
        check: Some(check),
    }
}

pub struct RuleDef {
    pub code: &'static str,
    /// When not empty, one of these must also be found (not discounted)
    /// somewhere in the message.
    pub context: &'static [Sign],
    /// Any of these, not discounted, fires the rule.
    pub signs: &'static [Sign],
    /// A sign near one of these (same clause, a few words) does not count.
    pub benign: &'static [Sign],
    /// The context counts even when negated or past ("i wasnt suicidal
    /// before but now i have a plan").
    pub raw_context: bool,
    /// Using an emergency medicine: in a refill request it counts only
    /// with a cue that it is happening now ("used my epipen 10 min ago").
    pub medicine_use: bool,
    /// Asked as a general question it still counts ("is it normal to want
    /// to die every day?").
    pub personal: bool,
    /// The rule does not fire when one of these is anywhere in the
    /// message ("my baby is 5 months old" for infant fever).
    pub veto: &'static [Sign],
}

const fn rule(code: &'static str, signs: &'static [Sign]) -> RuleDef {
    RuleDef {
        code,
        context: &[],
        signs,
        benign: &[],
        raw_context: false,
        medicine_use: false,
        personal: false,
        veto: &[],
    }
}

const fn with_context(
    code: &'static str,
    context: &'static [Sign],
    signs: &'static [Sign],
) -> RuleDef {
    RuleDef {
        context,
        ..rule(code, signs)
    }
}

const fn benign(def: RuleDef, benign: &'static [Sign]) -> RuleDef {
    RuleDef { benign, ..def }
}

impl RuleDef {
    const fn veto(self, veto: &'static [Sign]) -> Self {
        RuleDef { veto, ..self }
    }

    const fn personal(self) -> Self {
        RuleDef {
            personal: true,
            ..self
        }
    }
}

const fn medicine_use(code: &'static str, signs: &'static [Sign]) -> RuleDef {
    RuleDef {
        medicine_use: true,
        ..rule(code, signs)
    }
}

const PREGNANCY: &[Sign] = &[
    t("@pregnant"),
    n(
        "im|i_am|she_is|shes|at|were|we_are|currently|almost|nearly ..1 # @weeks",
        vitals::gestation_weeks,
    ),
    n(
        "# @weeks ..1 along|pregnant|gestation",
        vitals::gestation_weeks,
    ),
];

const INFANT: &[Sign] = &[
    t("infant*|newborn*|neonate|preemie|baby|babys|babies"),
    t("new born"),
    n("# ..1 @weeks ..1 old", vitals::infant_weeks),
    n("# ..1 @days ..1 old", vitals::infant_days),
    n("# ..1 @months ..1 old", vitals::infant_months),
    t(
        "one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a|few ..1 @weeks|@days ..1 old",
    ),
    t("one|two|three|a ..1 @months ..1 old"),
    t("under|less_than ..1 # @months|@weeks"),
];

/// Ages past early infancy: a "baby" this old is not a young infant.
const OLDER_CHILD: &[Sign] = &[
    n("# ..1 @months ..1 old", vitals::older_than_infant),
    t("# ..1 year|years|yr|yrs ..1 old"),
    t("# yo|yr|yrs"),
    t("toddler|preschooler"),
];

const FEVER_SIGNS: &[Sign] = &[
    t("@fever"),
    t("feel|feels|felt|feeling|is|was ..2 warm|hot"),
    n("@temp_word ..4 #", vitals::fever),
    n(
        "# ..2 @fever|f|c|degrees|fahrenheit|celsius|rectal*|orally",
        vitals::fever,
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
                t("sitting|standing|pressing|pushing|stepping|sat ..3 on ..2 @chest"),
                t("@chest ..3 feels|feel|feeling|is ..2 weird|funny|strange|off|wrong"),
                t("heart_attack|heartattack|angina|cp"),
                t("heart ..2 hurts|hurting|pain|pains|aches|aching"),
                t("radiat* ..4 jaw|arm|shoulder|shoulders|left_arm"),
                t("cardiac ..1 arrest|event"),
            ],
        ),
        &[
            t(
                "@chest ..1 cold|congest*|xray|x|rash|acne|tattoo|hair|mucus|phlegm|infection|wall|muscle|muscles",
            ),
            t("risk|risks|prevent*|survivor|rehab|lifted|lifting|workout|gym|strain*|pulled"),
            t("cerebral|palsy"),
            t("bruise*|bruising"),
        ],
    ),
    medicine_use(
        "chest_pain",
        &[
            t("@administer|popped ..3 nitro"),
            t("@administer|popped ..2 # ..2 nitro"),
            t("nitro ..3 @not_working"),
        ],
    ),
    benign(
        rule(
            "breathing",
            &[
                t("@breath_trouble ..2 @breathe"),
                t("@breathe ..3 @breath_hard"),
                t("not|isnt|stopped|quit|stops|wasnt|arent|stopping|barely ..1 breathing"),
                t("sob|dyspnea|suffocat*|smother*"),
                t("gasp*"),
                t("choking|choked|choke"),
                t("cant get ..2 air"),
                t("not getting ..2 air"),
                t("air hunger"),
                t("@breath_trouble ..2 get|getting|move|moving|pull|pulling ..1 air"),
                t("lungs|lung ..4 closing|tight|tightening|collapsing|collapsed|on_fire|filling"),
                t("asthma ..1 attack|flare"),
                t("@blue_part ..3 @blue"),
                t("turning|turned|going|gone|went|looks|look|looking ..1 @blue"),
                t("@inhaler ..3 @not_working"),
                t("ribs|chest|belly|skin|neck|stomach ..3 sucking|pulling|caving|sinking ..1 in"),
                t("retractions|grunting"),
                t("nostrils ..1 flaring"),
                t("cant ..1 finish ..2 sentence*"),
                t("wheez* ..6 @not_working"),
                n(
                    "o2|sat|sats|saturation|oximeter|pulse_ox ..4 #",
                    vitals::low_oxygen,
                ),
            ],
        ),
        &[t("nose|nasal|stuffy|congested|sinus*|nostril|mask|cpap")],
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
                t("thunderclap"),
                t("@sudden ..2 @severe ..1 headache"),
                t("having ..1 a stroke"),
                t("think|thinks|worried|afraid|scared|maybe|possible|possibly|like ..4 stroke"),
                t("might|could ..1 be ..2 stroke"),
                t("mini_stroke|tia"),
                t("cant|couldnt|unable_to ..1 lift|raise|move ..2 arm|leg|arms|legs"),
            ],
        ),
        &[t(
            "dentist|novocaine|numbing|filling|botox|carpal|asleep|shoulder|surgery|knee|sprain*|broke|broken|cast|injury|hip|laryngitis|voice|heat|sun|risk",
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
                t("soak* ..4 towel*|gauze|bandage*|shirt|sheets|pad|pads|through"),
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
        &[t(
            "@bleed ..4 wont|cant|hasnt|isnt|not ..1 stop|stopping|stopped",
        )],
    ),
    with_context(
        "head_injury",
        &[t("@head_injury"), t("fell|fall ..4 head")],
        &[
            t("@thinner"),
            t("@vomit"),
            t("@confused"),
            t("@ams"),
            t("fainted|seizure*"),
            t("worst headache"),
            t("@severe ..2 headache"),
            t("cant_remember|memory|pupils"),
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
        &[t(
            "mild|minor|slight|small|seasonal|dentist|tooth|teeth|wisdom|filler|botox|sunburn|acne|pimple|sinus|gland*|tonsil*|strep|sore|mumps|cold|pink|allergies|sinuses|eye|history",
        )],
    ),
    medicine_use(
        "anaphylaxis",
        &[
            t("@administer ..3 epipen|epipens|auvi"),
            t("epipen ..3 @not_working"),
        ],
    ),
    with_context(
        "anaphylaxis",
        &[
            t("@expose ..5 @allergen"),
            t("reaction to"),
            t("allergic to ..3 @allergen"),
        ],
        &[
            t("@vomit"),
            t("hives|welts"),
            t("cough*"),
            t("wheez*"),
            t("@swell"),
            t("@throat ..3 itchy|scratchy|funny|weird"),
            t("dizzy|lightheaded|faint"),
            t("rash ..3 all_over|spreading|everywhere"),
            t("trouble|hard ..2 swallow*"),
            t("hoarse"),
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
                n("@ingest ..3 # ..3 @substance", vitals::many_pills),
                t(
                    "mixed|mixing|combined ..3 @substance ..3 alcohol|drinking|booze|vodka|wine|beer|@substance",
                ),
                t("got_into|gotten_into ..3 @substance|cabinet|bottle|purse"),
                t("poison_control|poisoned|poisoning"),
                t("carbon monoxide"),
            ],
        ),
        &[t("# ..1 units|unit|mg|ml|mcg|milligrams|cc|iu")],
    ),
        with_context(
        "overdose",
        &[t("@risky_dose")],
        &[
            t("@ingest ..6 @mild_excess ..4 @substance"),
            t("@ingest ..4 @substance ..5 @mild_excess"),
            t("@mild_excess ..3 @ingest ..4 @substance|@poison"),
        ],
    ),
    with_context(
        "overdose",
        &[t("@child")],&[
            t("@ingest ..5 @substance|@poison"),
            t("got_into|gotten_into|found|into ..3 @substance|@poison|cabinet|bottle|purse"),
        ],
    ),
    medicine_use(
        "overdose",
        &[t("@administer ..3 narcan"), t("narcan ..3 @not_working")],
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
                    "dont|didnt|no_longer ..2 want ..1 to_live|to_be_alive|to_be_here|to_exist|to_wake_up|to_go_on|to_keep_living",
                ),
                t("no reason ..2 to_live|living|to_go_on"),
                t("nothing to live for"),
                t("not worth ..2 living|it_anymore|being_alive"),
                t("life ..2 not_worth|isnt_worth"),
                t("better off ..3 dead|without_me|gone|died"),
                t("use|using|turn|turning ..3 on ..1 myself"),
                t("no one ..3 care|miss|notice ..3 if_i"),
                t("cant go on"),
                t("hurt|hurting|harm|harming|cut|cutting|burn|burning|burned ..1 myself"),
                t("self ..1 harm*|injur*|mutilat*"),
                t("selfharm*"),
                t("cutting ..1 again"),
                                t("started ..1 cutting"),
                t("cutting ..3 deeper|deep|arms|arm|wrists|wrist|legs|thighs|skin"),
                t("thinking|thought|planning|going|want|wanted|tempted ..3 take|taking|swallow|swallowing|downing ..1 them|it|those|the ..1 all|whole"),t("slit|slash|cut ..2 wrist|wrists"),
                t("jump|jumping ..2 off ..2 bridge|roof|building|cliff|balcony|overpass"),
                t("jump|jumping ..1 in_front ..3 train|car|bus|truck|traffic"),
                t("kms|unalive"),
                t("disappear|sleep ..1 forever"),
                t("never ..1 wake ..1 up"),
                t(
                    "thinking|thought|planning|plan|going|want|wanted ..3 take|taking|swallow|swallowing ..2 all|every|whole ..3 pills|meds|bottle|medication*",
                ),
                t("im|i_am ..1 not ..1 safe"),
                t("dont|not|never ..1 feel ..1 safe"),
                t("feel ..1 unsafe"),
                t("stockpil*"),
                t("saving|saved|hoarding|collecting ..3 pills|meds"),
                t("pills|meds ..2 saved|stockpiled|stashed|hoarded"),
                t("goodbye ..1 note|notes|letter|letters|message|messages|text|texts|video"),
                t("texted|text|sent|wrote|left|said|saying ..3 goodbye"),
                t("giving ..1 away ..2 stuff|things|belongings"),
            ],
        ),
                &[t("prevention|hotline|awareness|lifeline|risk|screening|questionnaire|hereditary|genetic|statistics|rates|training|class|course|month")],
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
                    t("better_off|end_it|not_worth|no_reason"),
                ],
                &[
                    t(
                        "have|got|made|bought|buying|found|get|picked ..3 plan|rope|gun|noose|razor|blade|blades|pills",
                    ),
                    t("plan ..3 how|when|to_do_it|to_end|to_kill|to_die|to_overdose"),
                    t("a plan"),
                    t("have ..2 means"),
                ],
            ),
            &[t(
                "plan ..1 to ..1 see|go|start|call|talk|get|schedule|come|visit|attend|quit|stop|join|try|keep|meet|work|eat",
            )],
        )
    },
    rule(
        "harm_to_others",
        &[
            t(
                "want|wanted|going|gonna|will|might|could ..2 hurt|kill|harm|shoot|stab|strangle ..1 someone|somebody|people|him|her|them|my|the",
            ),
            t("homicid*"),
        ],
    ),
    benign(
        rule(
            "seizure",
            &[
                t("seizure*|seizing|seized|seizer|siezure*|convuls*"),
                t("having|had|has ..2 a ..1 fit"),
                t("grand_mal|sz"),
                t(
                    "shaking|jerking|twitching ..3 uncontrollab*|all_over|and_jerking|wont_stop|cant_stop|arms_and_legs|whole_body",
                ),
                t("eyes ..2 rolled|rolling ..1 back"),
            ],
        ),
        &[t("seizure*|sz ..2 med|meds|medication*|medicine*|pill*|prescription|rx|disorder|doctor|neurologist|clinic|specialist|plan|free|precautions|action|history|diary|log|dog|alert|monitor|records|record|report|paperwork|form|forms|letter|eeg|test|mri|neurology"),t("for ..2 seizures|seizure|sz"),
            t("@refill"),
            t("keppra|lamictal|depakote|dilantin|epilepsy"),
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
                t("not|isnt|stopped moving"),
            ],
        ),
        &[t(
            "drunk|blood_draw|needle|shots|flyers|flyer|papers|bowel*|bowels|line|car|traffic|appointment",
        )],
    ),
    with_context(
        "unresponsive",
        &[t("@confused")],
        &[
            t("@sudden|new|very|really|extremely|more|worse|getting"),
            t("@vomit"),
            t("@fever"),
            t("head|fell|fall|hit"),
            t("@glucose|diabetic|insulin"),
            t("pills|overdose|took"),
            t("headache|stiff_neck|seizure*"),
        ],
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
            "nose|nosebleed|nosebleeds|gum|gums|hemorrhoid*|floss*|brush*|thinner*|pressure|sugar|test|tests|work|type|draw",
        )],
    ),
    benign(
        with_context(
            "pregnancy_emergency",
            PREGNANCY,
            &[
                t("water ..2 broke|broken|breaking|break"),
                t("leaking|leak|gush|gushing ..3 fluid|water"),
                t("fluid ..3 leaking|gush*|coming_out"),
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
                t("vision ..3 blurry|blurred|spots|flashing|sparkles|stars|fuzzy|dim|weird"),
                t("blurry|blurred ..1 vision"),
                t("seeing ..1 spots|stars|sparkles|flashes|flashing"),
                t("@severe ..2 headache"),
                t("headache ..4 wont_go_away|not_going_away|worst|severe|pounding|doesnt_go_away"),
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
                n("bp|pressure ..4 #", vitals::bp_pregnancy),
            ],
        ),
        &[t("braxton|practice")],
    ),
    benign(
                        with_context("infant_fever", INFANT, FEVER_SIGNS),
        &[
            n("@temp_word ..4 #", vitals::no_fever),
            n("# ..2 @fever|f|degrees", vitals::no_fever),
        ],
    )
    .veto(OLDER_CHILD),
    with_context("infant_fever", &[n("#", vitals::fever_with_decimals)], INFANT).veto(OLDER_CHILD),with_context(
        "sick_infant",INFANT,
        &[
            t("lethargic|floppy|limp|listless"),
            t("wont|cant|hard_to|not ..2 wake|waking|rouse"),
            t(
                "not|wont|refusing_to|refuses_to|stopped ..1 feed|feeding|eating|nursing|drinking|taking_a_bottle",
            ),
            t("no ..1 wet ..1 diaper*"),
            t("inconsolable|high_pitched_cry"),
        ],
    )
    .veto(OLDER_CHILD),
    rule(
        "fever_red_flag",
        &[
            t(
                "rash|spots ..5 doesnt|dont|wont|not|isnt|didnt ..2 fade|blanch|disappear|go_away|turn_white",
            ),
            t("purple ..2 spots|rash|dots"),
            t("petechia*|nonblanching|non_blanching"),
            n("@temp_word ..4 #", vitals::high_fever),
            n("# ..2 @fever|f|c|degrees", vitals::high_fever),
        ],
    ),
    with_context(
        "fever_red_flag",
        FEVER_SIGNS,
        &[
            t("limp|lethargic|floppy"),
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
    ),
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
                t("elevated|positive|high|rising ..2 troponin"),
                n("potassium ..4 #", vitals::potassium),
                n("sodium ..4 #", vitals::sodium),
                n("hemoglobin|hgb ..4 #", vitals::hemoglobin),
                n("platelet*|plt ..4 #", vitals::platelets),
                n("inr ..4 #", vitals::inr),
                n("calcium ..4 #", vitals::calcium),
                n("lactate|lactic ..4 #", vitals::lactate),
            ],
        ),
        &[t(
            "care|access|thinking|illness|condition|list|infrastructure",
        )],
    ),
    benign(
        with_context(
            "critical_result",
            &[t("@analyte|result|results|lab|labs|value|level|levels|#")],
            &[t("critical|critically|panic")],
        ),
        &[t(
            "care|access|thinking|illness|condition|that|to|it|is|infrastructure|role|part|step|important",
        )],
    ),
    rule(
        "critical_vital",
        &[
            n("pulse|heartrate|heart_rate ..4 #", vitals::pulse),
            n("# ..1 bpm", vitals::pulse),
            n("bp|blood_pressure|pressure ..4 #", vitals::bp_crisis),
        ],
    ),
    rule("stat_request", &[t("stat")]),
];
