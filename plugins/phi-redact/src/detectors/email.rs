//! Email addresses.

use regex::Regex;

use super::{Detector, Scan, find_regex};
use crate::finding::{Finding, Kind};

pub struct Emails {
    written: Regex,
    /// Said aloud or dictated: "marty dot kessler at gmail dot com",
    /// "lupita punto garza arroba yahoo punto com".
    spoken: Regex,
}

impl Emails {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            written: super::compile(
                r"(?i)\b[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}\b",
            )?,
            spoken: super::compile(concat!(
                r"(?i)\b[a-z0-9]+(?: (?:dot|punto|underscore|guion bajo) [a-z0-9]+)*",
                r",? (?:at|arroba) [a-z0-9]+(?: (?:dot|punto) [a-z0-9]+)*",
                r" (?:dot|punto) (?:com|net|org|edu|gov|mx|us|info|me|io|co|uk|es|ca)\b",
            ))?,
        })
    }
}

impl Detector for Emails {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if text.contains('@') {
            find_regex(&self.written, text, Kind::Email, out);
        }
        let lower = scan.lower;
        if (lower.contains(" at ") || lower.contains(" arroba "))
            && (lower.contains(" dot ") || lower.contains(" punto "))
        {
            for m in self.spoken.find_iter(text) {
                let start = said_local_start(scan, m.start());
                out.push(Finding::new(start, m.end(), Kind::Email));
            }
        }
    }
}

/// Words that end the run before an address said aloud: the cue that
/// introduces it ("my email is", "el correo es", "send it to"). Not "a",
/// an initial as often as Spanish "to" ("a farouk at protonmail dot me").
const BEFORE_ADDRESS: &[&str] = &[
    "is", "as", "es", "its", "it's", "it", "was", "email", "e-mail", "mail", "correo", "address",
    "to", "send", "me", "my", "mi", "su", "the", "el", "la", "be", "are", "son", "at", "use",
    "usa", "say", "says", "dice", "said", "and", "y", "or", "o", "now", "new",
];

/// The start of an address said aloud whose last local word begins at
/// `at`: the words before it, apart by a space or a comma, back to its cue
/// ("it's j tate eighty eight, all one word, at gmail dot com", "N haddad,
/// H A D D A D, at outlook dot com"), eight words at most.
fn said_local_start(scan: &Scan<'_>, at: usize) -> usize {
    let (text, words) = (scan.text, scan.words);
    let Some(mut k) = words.iter().position(|w| w.start == at) else {
        return at;
    };
    let first = k;
    while k > 0 && first - k < 8 {
        let (before, word) = (&words[k - 1], &words[k]);
        // ("it's": the tail of a contraction is the cue's.)
        let contraction =
            k >= 2 && matches!(&text[words[k - 2].end..before.start], "'" | "\u{2019}");
        if !matches!(&text[before.end..word.start], " " | ", ")
            || BEFORE_ADDRESS.contains(&&*before.lower)
            || contraction
        {
            break;
        }
        k -= 1;
    }
    words[k].start
}

#[cfg(test)]
mod tests {
    use super::*;

    fn emails(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Emails::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn addresses() {
        assert_eq!(
            emails("new one luis1975@yahoo.com, old h.davenport6@hotmail.com."),
            vec!["luis1975@yahoo.com", "h.davenport6@hotmail.com"]
        );
        assert!(emails("meet @ 5pm, email us via the portal, a@b").is_empty());
    }

    #[test]
    fn addresses_said_aloud() {
        assert_eq!(
            emails("my email is rene dot ochoa at outlook dot com thanks"),
            vec!["rene dot ochoa at outlook dot com"]
        );
        assert_eq!(
            emails("el correo es beto punto lara arroba gmail punto com"),
            vec!["beto punto lara arroba gmail punto com"]
        );
        assert_eq!(
            emails("it's j tate eighty eight, all one word, at gmail dot com. Thanks!"),
            vec!["j tate eighty eight, all one word, at gmail dot com"]
        );
        assert_eq!(
            emails("emailed to a farouk at protonmail dot me - advised"),
            vec!["a farouk at protonmail dot me"]
        );
        assert_eq!(
            emails("su correo es mari punto solis setenta arroba yahoo punto com."),
            vec!["mari punto solis setenta arroba yahoo punto com"]
        );
        assert_eq!(
            emails("said as 'tommy dot gunn at hotmail dot co dot uk' not"),
            vec!["tommy dot gunn at hotmail dot co dot uk"]
        );
        // A written domain after "at" is a site, not an address said aloud.
        assert!(emails("pay at oakvalleyhealth.org/billpay or see us at noon").is_empty());
        assert!(emails("meet me at the office dot com is down, see you at noon.").is_empty());
    }
}
