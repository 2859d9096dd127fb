//! Reply classification: arbitrary UTF-8 text, as a patient's SMS, through
//! `carewire::replies::keywords`, with the English plain-language file of
//! examples/replies. It never panics, and it keeps what the
//! module's docs promise: only a carrier keyword is START or HELP, and case,
//! spacing and surrounding quotes or emoji do not change the answer.

#![no_main]

use std::path::Path;
use std::sync::LazyLock;

use carewire::replies::keywords::{Keyword, carrier_keyword};
use carewire::replies::plain_language::PlainLanguage;
use libfuzzer_sys::fuzz_target;

static ENGLISH: LazyLock<PlainLanguage> = LazyLock::new(|| {
    let text = include_str!("../../examples/replies/plain_language.en.toml");
    PlainLanguage::from_texts(&[(Path::new("plain_language.en.toml"), text.to_owned())])
        .expect("the English file is valid")
});

fn classify(text: &str) -> Option<Keyword> {
    carewire::replies::keywords::classify(text, &ENGLISH)
}

fuzz_target!(|text: &str| {
    let said = classify(text);
    let keyword = carrier_keyword(text);

    // A carrier keyword is the answer; plain language is only ever STOP.
    if keyword.is_some() {
        assert_eq!(said, keyword, "a carrier keyword is what the reply says");
    } else {
        assert!(
            matches!(said, None | Some(Keyword::Stop)),
            "plain language is never START or HELP"
        );
    }

    // "after ASCII and Unicode case folding": the case a patient types in
    // does not matter.
    for (variant, cased) in [
        ("ASCII upper case", text.to_ascii_uppercase()),
        ("ASCII lower case", text.to_ascii_lowercase()),
        ("Unicode upper case", text.to_uppercase()),
        ("Unicode lower case", text.to_lowercase()),
    ] {
        assert_eq!(classify(&cased), said, "{variant}");
    }

    // "inner white space collapsed", and white space, quotes and emoji
    // around the reply dropped.
    let same = [
        ("doubled spaces", text.replace(' ', "  ")),
        ("surrounding white space", format!(" \t{text}  ")),
        ("surrounding quotes", format!("\"{text}\"")),
        ("a trailing emoji", format!("{text} \u{1F64F}")),
    ];
    for (variant, changed) in same {
        assert_eq!(classify(&changed), said, "{variant}");
        assert_eq!(carrier_keyword(&changed), keyword, "{variant}");
    }
});
