use super::*;

/// The English file with `edit` applied to its text.
fn english_edited(edit: impl Fn(&str) -> String) -> Result<PlainLanguage, PlainLanguageError> {
    let text = include_str!("../../../../examples/replies/plain_language.en.toml");
    PlainLanguage::from_texts(&[(Path::new("en.toml"), edit(text))])
}

#[test]
fn the_english_examples_hold() {
    // Loading checks them; this says how many there are to check.
    let text = include_str!("../../../../examples/replies/plain_language.en.toml");
    let file: File = toml::from_str(text).expect("parses");
    assert!(
        file.examples.stop.len() >= 40,
        "{}",
        file.examples.stop.len()
    );
    assert!(file.examples.not_stop.len() >= 40);
    let english = english();
    for text in &file.examples.stop {
        assert!(english.is_stop(text), "{text:?}");
        assert!(english.is_stop(&text.to_uppercase()), "{text:?}");
    }
    for text in &file.examples.not_stop {
        assert!(!english.is_stop(text), "{text:?}");
    }
}

#[test]
fn without_a_file_nothing_is_plain_language() {
    assert!(!PlainLanguage::none().is_stop("please stop texting me"));
}

#[test]
fn only_stop_comes_from_plain_language() {
    let english = english();
    for text in [
        "yes please",
        "start texting me again",
        "please help",
        "help!! now",
        "yes, start again",
        "info please",
    ] {
        assert!(!english.is_stop(text), "{text:?}");
    }
}

#[test]
fn negation_never_revokes() {
    let english = english();
    for text in [
        "don't stop texting me",
        "do not stop texting me",
        "never stop texting me",
        "please don't stop",
        "don't unsubscribe",
        "I don't want to opt out",
        "don't opt me out",
        "do not remove me from your list",
        "I didn't mean stop",
    ] {
        assert!(!english.is_stop(text), "{text:?}");
    }
}

#[test]
fn questions_count_only_as_requests() {
    let english = english();
    for text in [
        "Can you stop texting me?",
        "Could you please stop sending me texts?",
        "Will you stop texting me?",
    ] {
        assert!(english.is_stop(text), "{text:?}");
    }
    for text in [
        "Stop texting me?",
        "Quit texting? No way, keep them coming",
        "No more texts?",
        "Wrong number. Stop?",
        "Should I stop texting you?",
        // A bare keyword asked is only the carrier keyword (the whole message).
        "Stop?",
    ] {
        assert!(!english.is_stop(text), "{text:?}");
    }
}

#[test]
fn long_messages_are_read_whole() {
    let english = english();
    assert!(english.is_stop(&"stop ".repeat(2000)));
    let rambling = "I can't stop thinking about my appointment and ".repeat(200);
    assert!(!english.is_stop(&rambling));
}

#[test]
fn clauses_split_at_sentence_punctuation() {
    let words = |clauses: Vec<Clause>| -> Vec<(String, bool)> {
        clauses
            .into_iter()
            .map(|c| (c.words.join(" "), c.question))
            .collect()
    };
    assert_eq!(
        words(clauses("wrong number. don't text me? please!")),
        [
            ("wrong number".to_owned(), false),
            ("dont text me".to_owned(), true),
            ("please".to_owned(), false),
        ]
    );
    assert_eq!(
        words(clauses("opt-out 🙏 now")),
        [("opt out now".to_owned(), false)]
    );
}

#[test]
fn an_operator_can_add_a_phrase() {
    assert!(!english().is_stop("leave me alone"));
    let edited = english_edited(|t| {
        t.replace("phrases = [\n", "phrases = [\n  \"leave me alone\",\n")
            .replace(
                "[classes]\n",
                "[classes]\nleave = [\"leave\"]\nalone = [\"alone\"]\n",
            )
    });
    // "leave me alone" names classes "leave", "me" and "alone".
    let edited = edited.expect("a valid edit");
    assert!(edited.is_stop("Please leave me alone."));
    assert!(!edited.is_stop("leave me alone with the bill?"));
}

#[test]
fn a_broken_file_is_refused_with_what_is_wrong() {
    let refused = |edit: &dyn Fn(&str) -> String| match english_edited(edit) {
        Ok(_) => panic!("an invalid file was accepted"),
        Err(e) => e.to_string(),
    };
    let unknown =
        refused(&|t| t.replace("phrases = [\n", "phrases = [\n  \"stop_verb pigeons\",\n"));
    assert!(unknown.contains("no class \"pigeons\""), "{unknown}");
    let apostrophe = refused(&|t| t.replace("\"please\", ", "\"don't\", "));
    assert!(apostrophe.contains("\"don't\""), "{apostrophe}");
    let capital = refused(&|t| t.replace("\"please\", ", "\"Please\", "));
    assert!(capital.contains("filler"), "{capital}");
    let optional = refused(&|t| t.replace("phrases = [\n", "phrases = [\n  \"me?\",\n"));
    assert!(optional.contains("every class is optional"), "{optional}");
    let unknown_key = refused(&|t| format!("colour = \"blue\"\n{t}"));
    assert!(unknown_key.contains("colour"), "{unknown_key}");
}

#[test]
fn an_edit_that_makes_an_everyday_reply_a_stop_is_refused() {
    // "stop" as filler would make "stop it" and "the pain won't stop" stops.
    let error = match english_edited(|t| t.replace("\"please\", ", "\"please\", \"it\", ")) {
        Ok(_) => panic!("the edit was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        error.contains("is listed as no STOP but reads as one"),
        "{error}"
    );
    // And one that loses a listed STOP.
    let error = match english_edited(|t| t.replace("\"texting\", \"txting\"", "\"txting\"")) {
        Ok(_) => panic!("the edit was accepted"),
        Err(e) => e.to_string(),
    };
    assert!(
        error.contains("is listed as a STOP but does not read as one"),
        "{error}"
    );
}

#[test]
fn a_second_language_may_not_make_the_firsts_everyday_reply_a_stop() {
    let english = include_str!("../../../../examples/replies/plain_language.en.toml");
    let greedy = r#"
max_phrase_words = 8
negation_reach = 3
filler = []
request = []
leading = []
trailing = []
bare_stop = []
negators = []
stop_words = []
conditions = []
reported = []
jokes = []
phrases = ["stop it"]
[classes]
stop = ["stop"]
it = ["it"]
"#
    .to_owned();
    let error = PlainLanguage::from_texts(&[
        (Path::new("en.toml"), english.to_owned()),
        (Path::new("greedy.toml"), greedy),
    ])
    .expect_err("the greedy file makes \"Stop it\" a STOP");
    assert!(error.to_string().contains("Stop it"), "{error}");
}

#[test]
fn the_example_languages_load_together() {
    let read = |name: &str| {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../examples/replies")
            .join(name)
    };
    let both = PlainLanguage::load(&[
        read("plain_language.en.toml"),
        read("plain_language.es.toml"),
    ])
    .expect("English and Spanish load together, each passing every example");
    assert!(both.is_stop("Ya no me manden mensajes"));
    assert!(both.is_stop("please stop texting me"));
    assert!(!both.is_stop("no puedo dejar de toser"));
    assert!(!both.is_stop("I can't stop coughing"));
    // Accents typed or not.
    assert!(both.is_stop("Sáquenme de su lista"));
    assert!(both.is_stop("saquenme de su lista"));
}

#[test]
fn a_missing_file_is_named() {
    let error =
        PlainLanguage::load(&[PathBuf::from("/nonexistent/plain.toml")]).expect_err("no such file");
    assert!(
        error.to_string().contains("/nonexistent/plain.toml"),
        "{error}"
    );
}
