//! What an inbound SMS reply from a patient asks for: STOP (no more texts),
//! START (texts again) or HELP — or nothing at all.
//!
//! # Carrier keywords
//!
//! US carriers and the CTIA messaging principles treat a reply that *is* one
//! of a few keywords as an instruction. The whole message counts, after
//! ASCII and Unicode case folding, full-width letters (`ＳＴＯＰ`) read as
//! ASCII, zero-width characters dropped, inner white space collapsed, and
//! punctuation, emoji and quotes around it dropped (`"Stop."`, `" stop!! "`,
//! `"STOP 🙏"`, `"'stop'"`):
//!
//! | keyword | replies |
//! | --- | --- |
//! | [`Keyword::Stop`] | STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, OPT OUT, OPT-OUT |
//! | [`Keyword::Start`] | START, YES, UNSTOP |
//! | [`Keyword::Help`] | HELP, INFO |
//!
//! Only the bare keyword counts: `"yes I'll be there"` is not START, `"help
//! me reschedule"` is not HELP, `"cancel my appointment"` is not STOP (see
//! [`carrier_keyword`]).
//!
//! # Plain language
//!
//! A message in the patient's own words that clearly asks not to be texted
//! is STOP too; which words count is the operator's data, read by
//! [`super::plain_language`]. Nothing in plain language is ever START or
//! HELP.

use super::fold::fold;
use super::plain_language::PlainLanguage;

/// What a reply asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    /// Opt out: no more texts.
    Stop,
    /// Opt back in after a STOP.
    Start,
    /// Who is texting, and how to stop.
    Help,
}

impl Keyword {
    /// `"stop"`, `"start"` or `"help"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Stop => "stop",
            Keyword::Start => "start",
            Keyword::Help => "help",
        }
    }
}

/// What a reply asks for, if anything: a carrier keyword
/// ([`carrier_keyword`]), else STOP for a plain-language revocation in any
/// of the configured languages.
pub fn classify(text: &str, plain: &PlainLanguage) -> Option<Keyword> {
    carrier_keyword(text).or_else(|| plain.is_stop(text).then_some(Keyword::Stop))
}

/// The carrier keyword the whole message is, if it is one (case, spacing and
/// surrounding punctuation, emoji and quotes do not matter). [`classify`]
/// also reads plain language; this tells a keyword from a plain-language
/// STOP (for the record of how consent was revoked).
pub fn carrier_keyword(text: &str) -> Option<Keyword> {
    let folded = fold(text);
    let trimmed = folded.trim_matches(|c: char| !c.is_alphanumeric());
    let collapsed = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.as_str() {
        "stop" | "stopall" | "unsubscribe" | "cancel" | "end" | "quit" | "revoke" | "optout"
        | "opt out" | "opt-out" => Some(Keyword::Stop),
        "start" | "yes" | "unstop" => Some(Keyword::Start),
        "help" | "info" => Some(Keyword::Help),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::replies::plain_language::english;

    /// Carrier keywords, as the whole message.
    const CARRIER: &[(&str, Keyword)] = &[
        ("STOP", Keyword::Stop),
        ("stop", Keyword::Stop),
        ("Stop.", Keyword::Stop),
        (" stop!! ", Keyword::Stop),
        ("STOP 🙏", Keyword::Stop),
        ("'stop'", Keyword::Stop),
        ("\"Stop\"", Keyword::Stop),
        ("“STOP”", Keyword::Stop),
        ("Stop  ", Keyword::Stop),
        ("sToP", Keyword::Stop),
        ("\tSTOP\n", Keyword::Stop),
        ("ＳＴＯＰ", Keyword::Stop),
        ("st\u{200B}op", Keyword::Stop),
        ("STOPALL", Keyword::Stop),
        ("StopAll!", Keyword::Stop),
        ("UNSUBSCRIBE", Keyword::Stop),
        ("Unsubscribe.", Keyword::Stop),
        ("CANCEL", Keyword::Stop),
        ("cancel", Keyword::Stop),
        ("END", Keyword::Stop),
        ("End.", Keyword::Stop),
        ("QUIT", Keyword::Stop),
        ("quit!", Keyword::Stop),
        ("REVOKE", Keyword::Stop),
        ("OPTOUT", Keyword::Stop),
        ("OPT OUT", Keyword::Stop),
        ("opt   out", Keyword::Stop),
        ("OPT-OUT", Keyword::Stop),
        ("Opt-out.", Keyword::Stop),
        ("opt–out", Keyword::Stop),
        ("START", Keyword::Start),
        ("Start!", Keyword::Start),
        ("YES", Keyword::Start),
        ("yes", Keyword::Start),
        ("Yes.", Keyword::Start),
        ("YES!!! 👍", Keyword::Start),
        ("UNSTOP", Keyword::Start),
        ("unstop", Keyword::Start),
        ("HELP", Keyword::Help),
        ("help?", Keyword::Help),
        ("Help!", Keyword::Help),
        ("INFO", Keyword::Help),
        ("info.", Keyword::Help),
        ("ＨＥＬＰ", Keyword::Help),
    ];

    #[test]
    fn keyword_codes() {
        assert_eq!(Keyword::Stop.as_str(), "stop");
        assert_eq!(Keyword::Start.as_str(), "start");
        assert_eq!(Keyword::Help.as_str(), "help");
    }

    #[test]
    fn carrier_keywords_are_the_whole_message() {
        for (text, keyword) in CARRIER {
            assert_eq!(carrier_keyword(text), Some(*keyword), "{text:?}");
            assert_eq!(classify(text, &english()), Some(*keyword), "{text:?}");
        }
    }

    /// Found by the fuzz target `reply_keywords`: a lower-case letter whose
    /// upper case is an ASCII letter (the long s, the dotless i, the `st`
    /// ligature) read as itself, so `ſtop` was no STOP though `ſtop` upper
    /// cased (`STOP`) was.
    #[test]
    fn case_folding_maps_letters_through_their_upper_case() {
        for (text, keyword) in [
            ("\u{17f}top", Keyword::Stop),
            ("\u{fb06}op", Keyword::Stop),
            ("\u{131}nfo", Keyword::Help),
        ] {
            let english = english();
            assert_eq!(classify(text, &english), Some(keyword), "{text:?}");
            assert_eq!(
                classify(text, &english),
                classify(&text.to_uppercase(), &english),
                "{text:?}"
            );
        }
        assert_eq!(
            classify("\u{17f}o stop texting me", &english()),
            Some(Keyword::Stop)
        );
    }

    #[test]
    fn plain_language_is_not_a_carrier_keyword() {
        for text in ["please stop texting me", "wrong number stop", "Stop all"] {
            assert_eq!(carrier_keyword(text), None, "{text:?}");
        }
    }
}
