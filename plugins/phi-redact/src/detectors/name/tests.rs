use super::*;
use crate::lexicon::lexicon;

fn names(text: &str) -> Vec<&str> {
    let out =
        crate::detectors::detect_alone(&Names::new().expect("the embedded model decodes"), text);
    out.iter().map(|f| &text[f.start..f.end]).collect()
}

#[test]
fn census_names_in_any_case() {
    assert_eq!(
        names("Thank you Dr. Avery! Erin and I appreciate it."),
        vec!["Avery", "Erin"]
    );
    assert_eq!(
        names("plz call my husband rusty at 805-5619"),
        vec!["rusty"]
    );
    assert_eq!(
        names("RESULTS R BACK SANTIAGO!! ALL NORMAL PER DR WHITE."),
        vec!["SANTIAGO", "WHITE"]
    );
    assert_eq!(
        names("Karen your gabapentin refill was sent."),
        vec!["Karen"]
    );
    assert_eq!(
        names("Records for Lucas B. Hill before Friday"),
        vec!["Lucas B. Hill"]
    );
    assert_eq!(
        names("Registration for Waters, Thomas: SSN"),
        vec!["Waters", "Thomas"]
    );
}

#[test]
fn context_finds_rare_names() {
    assert_eq!(
        names("Ok thx. Nurse Natalia here from the clinic."),
        vec!["Natalia"]
    );
    assert_eq!(
        names("fax it, kid is utkarsh benavidez dob 1/2/2003"),
        vec!["utkarsh benavidez"]
    );
    assert_eq!(
        names("Confirmed with Evelyn Rajagopalan, PA-C today"),
        vec!["Evelyn Rajagopalan"]
    );
    assert_eq!(
        names("new device signed in to hunter's portal"),
        vec!["hunter"]
    );
    assert_eq!(
        names("cant make it, can we do friday instead? - sara"),
        vec!["sara"]
    );
}

#[test]
fn ordinary_words_survive() {
    for text in [
        "Stop it and let's hope the rash clears. The doctor will call you.",
        "We need your SSN to complete the financial assistance grant application.",
        "Keep taking Lantus and Plavix daily. Call Oak Valley in May.",
        "Text HELP for help, STOP to end. We will never ask for your password.",
        "Parking is in Lot B, check in at Suite 410 on Monday, June 3.",
        "Your child is due for vaccines. Last visit was in March.",
        "Hi there, your results are ready in the portal. Take care.",
        "May we text you? Reply Y or N. Grant applications close in June.",
    ] {
        assert!(names(text).is_empty(), "{text}: {:?}", names(text));
    }
}

#[test]
fn names_by_context_in_any_case() {
    for (text, name) in [
        ("hey its tomasz, is my form ready", "tomasz"),
        ("dad goes by Red but the chart says otherwise", "Red"),
        ("pt states faith (wife) will pick up after work", "faith"),
        ("ME (WIKTORIA) OR MY SON ONLY PLEASE", "WIKTORIA"),
        ("pls tell bogdana the ride is at 9", "bogdana"),
        ("RX READY OLUWASEUN", "OLUWASEUN"),
        ("Thiago came home from the NICU today", "Thiago"),
        ("the wic office needs ivans formula letter", "ivans"),
        ("hola, me llamo ximena y necesito mi cita", "ximena"),
        ("la mamá de yarely llamó ayer", "yarely"),
        (
            "I take my pills every morning, is that ok? Farrukh",
            "Farrukh",
        ),
        ("hello, my name is bartholomew okafor", "bartholomew okafor"),
        ("I spoke with Thandiwe about the refill", "Thandiwe"),
        ("llamo de parte de xiomara por la cita", "xiomara"),
        ("my daughter-in-law priyanka will bring her", "priyanka"),
        ("please ask for yusra at the front desk", "yusra"),
        ("RE: BRYNJOLFUR SIGURDSSON", "BRYNJOLFUR SIGURDSSON"),
        ("Esperanza es mi suegra, firma ella", "Esperanza"),
        ("joy is my youngest daughter", "joy"),
        ("Faith, my sister, will pick it up", "Faith"),
        ("i took grace to urgent care", "grace"),
        ("my 3 month old Aaliyah has a fever", "Aaliyah"),
        ("my 2yo ximena wont eat", "ximena"),
        ("my dad, Walter, fell again", "Walter"),
        ("porfa dile a xiomara que ya llegó", "xiomara"),
    ] {
        assert_eq!(names(text), vec![name], "{text}");
    }
}

#[test]
fn handoff_names_after_a_colon() {
    assert_eq!(
        names("Handoff. Pt: OKONKWO, ADAEZE. Stable"),
        vec!["OKONKWO", "ADAEZE"]
    );
}

#[test]
fn ordinary_words_stay_without_cues() {
    for text in [
        "Hope is all we have",
        "tried calling but no answer",
        "el carro está listo, pero la hija no vino",
        "its ok, the rash is better",
        "llevé a mi mamá al doctor ayer",
        "hope is my favorite word",
        "my grandmother needs a ride",
        "dile que ya llegó",
        "my 6 month old has a rash",
        "my son, the older one, has a fever",
    ] {
        assert!(names(text).is_empty(), "{text}: {:?}", names(text));
    }
}

fn names_by_rules(text: &str) -> Vec<&str> {
    let out = crate::detectors::detect_alone(&Names::rules_only(), text);
    out.iter().map(|f| &text[f.start..f.end]).collect()
}

/// The name detector with a model of zero weights and `threshold`.
fn with_model(threshold: i32) -> Names {
    let bytes = model::Model::encode(&vec![0; model::WEIGHTS], threshold, 1.0);
    Names {
        lexicon: lexicon(),
        model: Some(model::Model::decode(&bytes).expect("decodes")),
    }
}

fn found<'t>(names: &Names, text: &'t str) -> Vec<&'t str> {
    let out = crate::detectors::detect_alone(names, text);
    out.iter().map(|f| &text[f.start..f.end]).collect()
}

#[test]
fn second_opinion_only_adds() {
    // A model that calls every word a name adds the words the rules left
    // that may be names, and nothing else ...
    let text = "the bill says 40 but mark on the phone said 25";
    assert!(names_by_rules(text).is_empty());
    assert_eq!(found(&with_model(0), text), vec!["mark"]);
    // ... not a month, nor an ordinary word starting a sentence ...
    assert!(found(&with_model(0), "Hope is here on June 3").is_empty());
    // ... a model that calls nothing a name changes nothing ...
    assert!(found(&with_model(1), text).is_empty());
    // ... and no model takes a name away.
    for text in [
        "Oluwaseyi coming tomorrow at 10 ok?",
        "thanks, will bring it friday. Anjali",
        "Thank you Dr. Avery! Erin and I appreciate it.",
        "RESULTS R BACK SANTIAGO!! ALL NORMAL PER DR WHITE.",
    ] {
        let rules = names_by_rules(text);
        assert_eq!(found(&with_model(1), text), rules, "{text}");
        let all = names(text);
        for name in rules {
            assert!(all.contains(&name), "{text}: {name}");
        }
    }
}

#[test]
fn typos_of_cues_and_of_words() {
    // A cue word with a typo is still the cue ...
    assert_eq!(names("my husbnad tomasz will call"), vec!["tomasz"]);
    // ... and is no name itself; nor is a word with two letters swapped.
    assert!(names("my grandmohter needs a ride").is_empty());
    assert!(names("the nurse nedes the gate code").is_empty());
    // A capitalised word inside a sentence stays a name.
    assert_eq!(names("Patient Rachel Ratta in Pod B"), vec!["Rachel Ratta"]);
}

#[test]
fn names_after_thanks_care_roles_and_before_a_clinical_age() {
    assert_eq!(names("thanks so much priyanka! see u"), vec!["priyanka"]);
    assert_eq!(
        names("her aide fatoumata comes mornings"),
        vec!["fatoumata"]
    );
    assert_eq!(names("rm 6: okwuosa 91F w/ UTI"), vec!["okwuosa"]);
    assert_eq!(
        names("pt name: WASHINGTON, DENZEL"),
        vec!["WASHINGTON", "DENZEL"]
    );
    assert!(names("my nana is 91 and the Uber was late").is_empty());
    assert!(names("bed 9 CHF exac, NPO after MN").is_empty());
}

#[test]
fn sixth_round_contexts() {
    // A Spanish word that is a name opening a sentence, then a verb of
    // speech or what only a person has.
    assert_eq!(names("Soledad dijo que ya viene"), vec!["Soledad"]);
    assert_eq!(
        names("Amparo está en el hospital desde ayer"),
        vec!["Amparo"]
    );
    // A common first name that is also a word, then a modal and a deed.
    assert_eq!(names("Drew can bring the forms friday"), vec!["Drew"]);
    assert!(names("Summer will come early this year").is_empty());
    assert!(names("Lunch will come at noon").is_empty());
    // "let X know", a contact verb then the name and "back", "covering for".
    assert_eq!(names("pls let oyelaran know its ready"), vec!["oyelaran"]);
    assert_eq!(names("TEXT CONSUELO BACK PLS"), vec!["CONSUELO"]);
    assert_eq!(names("im covering for adebayo today"), vec!["adebayo"]);
    assert!(names("please let us know").is_empty());
    assert!(names("call back tomorrow at 3").is_empty());
    // Calendar abbreviations that are given names, after a relation or a
    // first name; not before a day number.
    assert_eq!(names("her son Jun came by"), vec!["Jun"]);
    assert_eq!(names("visit from Minh Thu today"), vec!["Minh Thu"]);
    assert!(names("see you Thu 14 at noon").is_empty());
    // An initial opening a signature, and a modal that is a first name
    // after a dash.
    assert_eq!(names("dressing changed. --K. Oduya RN"), vec!["Oduya"]);
    assert_eq!(names("— Will Okafor, PharmD"), vec!["Will Okafor"]);
    assert!(names("— will call you later").is_empty());
    // Who the person is, said right after a name that is also a word.
    assert_eq!(
        names("hable con amparo la nieta de don chuy"),
        vec!["amparo", "chuy"]
    );
    // A state's name that is a surname after a cued first name.
    assert_eq!(
        names("THIS IS MARISOL WASHINGTON"),
        vec!["MARISOL WASHINGTON"]
    );
}

#[test]
fn spanish_pronoun_after_a_name_and_a_comma() {
    // Round 8: "ella" after "la mamá de <name>," is the pronoun; a
    // capitalised "Ella" after a surname and a comma is still a name.
    assert_eq!(
        names("buenas, soy la mamá de yareli, ella tiene tos desde ayer"),
        vec!["yareli"]
    );
    assert_eq!(
        names("Pt: Okonkwo, Ella, seen today"),
        vec!["Okonkwo", "Ella"]
    );
}

#[test]
fn chat_words_and_pet_names_with_a_glued_s() {
    // Round 8: teenagers' chat words and a grandparent's pet name with a
    // possessive "s" are no names; a name next to them still is.
    assert!(names("bruh my great grandma is 101 ngl").is_empty());
    assert!(names("my nanas bday is sunday").is_empty());
    assert_eq!(names("bruh tell kayden i said hi"), vec!["kayden"]);
}

#[test]
fn a_month_name_before_a_modal_and_a_word_name_before_if() {
    // Round 8: "my sis april will bring me" (a month that is a first name,
    // after a relation, before a modal); "ask hope if she has it" (a name
    // that is also a word after a verb of asking, then "if").
    assert_eq!(names("my sis april will bring me"), vec!["april"]);
    assert_eq!(names("can u ask hope if she has the card"), vec!["hope"]);
    // Still words: a date, a modal after a month, "will" as a modal.
    assert!(names("see you april 3 at the clinic").is_empty());
    assert!(names("in april will we need another shot").is_empty());
    assert!(names("i will ask if he has the card").is_empty());
}

#[test]
fn clinical_acronyms_are_no_names() {
    // Round 8: device, record and heart-failure acronyms in mixed case.
    assert!(names("Saw the pt today. ICD checked, DME order sent, EHR updated").is_empty());
    assert!(names("She has HFpEF and a mammo due").is_empty());
    assert_eq!(names("ICD checked by Dr. Okafor"), vec!["Okafor"]);
}

#[test]
fn spanish_colloquial_spouse_is_a_relation() {
    // Round 8: "mi viejo" / "mi vieja" (husband, wife) before a nickname.
    assert_eq!(names("mi viejo chencho anda malo"), vec!["chencho"]);
    assert_eq!(names("mi vieja lupe no quiere comer"), vec!["lupe"]);
    assert!(names("mi viejo carro no prende").is_empty());
}

#[test]
fn a_word_in_no_list_before_and_and_a_clear_name() {
    // Round 8: "Gumaro y Petra vienen mañana" (the mirror of "svetlana and
    // rania").
    assert_eq!(
        names("Gumaro y Petra vienen mañana"),
        vec!["Gumaro", "Petra"]
    );
    assert_eq!(names("zayvion and Maria came in"), vec!["zayvion", "Maria"]);
    assert!(names("ibuprofen and Tylenol did not help").is_empty());
}

#[test]
fn round_nine_clinical_verbs_and_drug_classes_are_no_names() {
    // A history's verbs after "pt", a drug class, a list of criteria.
    assert!(names("pt states he has never had the shot").is_empty());
    assert!(names("pt reports dizziness, denies chest pain").is_empty());
    assert!(names("age is high - hold NSAIDs, use acetaminophen").is_empty());
    assert!(names("F on diphenhydramine qhs, Beers flag sent").is_empty());
    // The verb after a name still marks it.
    assert_eq!(names("Odalys states she is better"), vec!["Odalys"]);
}

#[test]
fn round_nine_great_grandma_in_chat_is_no_name() {
    // "gg" is the great-grandmother of teen chat, then a relation.
    assert!(names("gg is like ninety four lol").is_empty());
    assert_eq!(names("my gg odessa turns 100"), vec!["odessa"]);
}

#[test]
fn round_nine_small_lowercase_words_are_no_initials() {
    // A Spanish preposition or conjunction after a name stays.
    assert_eq!(names("ayer vino mi cuñado beto a cuidarme"), vec!["beto"]);
    // An initial in capitals still joins.
    assert_eq!(
        names("Records for Lucas B. Hill before Friday"),
        vec!["Lucas B. Hill"]
    );
}

#[test]
fn names_by_their_place() {
    // A roster's "LAST, FIRST" in capitals, even of ordinary words.
    assert_eq!(
        names("bed 12 MARSH, PATIENCE - NPO after midnight"),
        vec!["MARSH", "PATIENCE"]
    );
    assert_eq!(
        names("no show x2: BROOK, SUMMER (again)"),
        vec!["BROOK", "SUMMER"]
    );
    // Places and a service's short name are no one; a verb before a name.
    assert!(names("Me mudé a Puerto Rico con mi hija").is_empty());
    assert_eq!(
        names("Endo consult: DKA resolved, needs an insulin plan"),
        Vec::<&str>::new()
    );
    assert_eq!(
        names("Coach Dunn wont let Amir back on the team"),
        vec!["Dunn", "Amir"]
    );
    // A month as the first name, but not before a day.
    assert_eq!(
        names("2) HOLLOWAY, APRIL (88) adm Sat, AKI"),
        vec!["HOLLOWAY", "APRIL"]
    );
    assert_eq!(names("the BAKER, JUNE 5 order is late"), Vec::<&str>::new());
    // An honorific and an initial.
    assert_eq!(names("rm 4, 'Mr. K' likes his door open"), vec!["K"]);
    // A message of one word, a given name.
    assert_eq!(names("Patience"), vec!["Patience"]);
    assert_eq!(names("brayden."), vec!["brayden"]);
    // A state's name after an initial.
    assert_eq!(
        names("no-show x2: J. Washington, send a letter"),
        vec!["Washington"]
    );
    // A short name before a full one in brackets.
    assert_eq!(
        names("roster: Bea (Beatrice Olander) cleared to play"),
        vec!["Bea", "Beatrice Olander"]
    );
    // A nickname in brackets after a name.
    assert_eq!(
        names("my son Bartholomew Ruiz (Bart) has the appt"),
        vec!["Bartholomew Ruiz", "Bart"]
    );
}

#[test]
fn holidays_and_limits_are_no_names() {
    for text in [
        "are you open on Christmas Eve?",
        "closed Memorial Day, phones forwarded",
        "new heparin bolus 80 units/kg, max 10,000 units",
        "lab closes early New Years Eve",
        "Thanksgiving hours are 9-1",
        "closed for MLK Day on Monday",
    ] {
        assert!(names(text).is_empty(), "{text}: {:?}", names(text));
    }
}

#[test]
fn a_modal_that_is_a_first_name_before_a_past_tense() {
    assert_eq!(names("Will called about his bill again"), vec!["Will"]);
    assert_eq!(names("May said she would bring the forms"), vec!["May"]);
    assert_eq!(names("Will is coming at 3 with his mom"), vec!["Will"]);
    assert!(names("Will you call me back please").is_empty());
    assert!(names("We will called you").is_empty());
}

#[test]
fn a_word_a_bracket_describes_as_a_person() {
    assert_eq!(
        crate::tests::redact_plain("wants to know if will (his grandson) can pick up his rx"),
        "wants to know if [NAME] (his grandson) can pick up his rx"
    );
    assert_eq!(
        crate::tests::redact_plain("Hunter (22, autistic) needs a blood draw"),
        "[NAME] (22, autistic) needs a blood draw"
    );
    for kept in [
        "have dad's current meds (his wife keeps the list)",
        "daughter is HCPOA (312) 555-0131 today",
        "take Tylenol (500 mg) and Advil (2), gave it to (my mom)",
    ] {
        let redacted = crate::tests::redact_plain(kept);
        assert!(!redacted.contains("[NAME] ("), "{kept} -> {redacted}");
    }
}

#[test]
fn a_name_told_as_a_relations() {
    assert_eq!(
        crate::tests::redact_plain("my friends name is rose and shes passed out"),
        "my friends name is [NAME] and shes passed out"
    );
}
