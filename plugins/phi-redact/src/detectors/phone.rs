//! Phone and fax numbers: US formats ((555) 123-4567, 555.123.4567,
//! +1 555 123 4567, 5551234567, (932)326-9897), 7-digit local numbers
//! (123-4567), `+`-prefixed international numbers, each with an extension
//! ("x810", "ext. 12"). A number after "fax" is a `[FAX]`. Facility main
//! lines, 911 and 988 are protected before this runs.

use regex::Regex;

use super::{Detector, Scan, stands_alone, word_set};
use crate::finding::{Finding, Kind};

pub struct Phones {
    number: Regex,
    fax_cue: Regex,
    /// Ten digits in groups of two and four ("55 5550 3187", Mexico City's
    /// way) or pairs, after a phone word ("Tel.", "cel", "WhatsApp").
    cued_groups: Regex,
    /// Groups apart by dashes of another kind or spaced dots: "555–867–3344",
    /// "555 . 441 . 0298".
    odd_separators: Regex,
}

impl Phones {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            number: super::compile(concat!(
                r"(?:\+\d{1,3}[\s.-]?\(?\d{1,4}\)?(?:[\s.-]?\d{2,4}){2,4}",
                r"|(?:\+?1[\s.-]?)?(?:\(\d{3}\)\s?|\d{3}[\s.-]?)\d{3}[\s.-]?\d{4}",
                r"|\b\d{3}[.-]\d{4}\b",
                // "555/418/2290": slashes (three groups no date has).
                r"|\b\d{3}/\d{3}/\d{4}\b)",
                r"(?:\s*(?:x|ext\.?|extension)\s*\d{1,5}\b)?",
            ))?,
            fax_cue: super::compile(r"(?i)\bfax(?:ed)?\b[^0-9\n]{0,20}$")?,
            cued_groups: super::compile(concat!(
                r"(?i)\b(?:tel|tel[eé]fono|cel|celular|m[oó]vil|whats(?:app)?|phone|cell|fijo|n[uú]mero)\b\.?:?\s*",
                // Up to six words between ("es el mismo", "de México:",
                // "de mi hermana en Guatemala es").
                r"(?:[a-záéíóúñ]+:?\s+){0,6}?",
                // "55 5550 3187", "33 14 22 90 18", "773 55 50 129" (Chicago
                // dictated in pairs), "924 55 50 11" (Spain), "773 555 01
                // 76", "2555 0192" (eight digits, Central America).
                r"(\d{2}[\s.-]\d{4}[\s.-]\d{4}|\d{2}(?:[\s.-]\d{2}){4}|\d{3}(?:[\s.-]\d{2}){2}[\s.-]\d{2,3}",
                r"|\d{3}[\s.-]\d{3}[\s.-]\d{2}[\s.-]\d{2}|\d{4}[\s.-]\d{4})\b",
            ))?,
            odd_separators: super::compile(
                r"\b\d{3}\s?[.\x{2013}\x{2014}]\s?\d{3}\s?[.\x{2013}\x{2014}]\s?\d{4}\b",
            )?,
        })
    }
}

/// A local number with a space ("555 0192") a little after a calling
/// word: "call back 555 0192", "my number is 555 3381", "Call me at work
/// 555 2270", "pt's sister called ... Sister Meredith, 555 0177". Read
/// off the words (three digits, a space, four), not by a pattern over the
/// whole text.
fn local_spaced(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    if !words.iter().any(|w| is_calling_word(&w.lower)) {
        return;
    }
    for (k, pair) in words.windows(2).enumerate() {
        let (a, b) = (&pair[0], &pair[1]);
        let shaped = a.is_digits()
            && a.end - a.start == 3
            && b.is_digits()
            && b.end - b.start == 4
            && &text[a.end..b.start] == " ";
        if !shaped {
            continue;
        }
        // Alone (not a group of a longer number: "312 555 0840" is the
        // pattern above's), with a calling word up to 80 bytes before it.
        let glued = text[..a.start]
            .trim_end_matches(' ')
            .ends_with(|c: char| c.is_ascii_digit())
            || text[b.end..]
                .trim_start_matches(' ')
                .starts_with(|c: char| c.is_ascii_digit());
        let called = words[..k]
            .iter()
            .rev()
            .take_while(|w| w.start + 80 >= a.start)
            .any(|w| is_calling_word(&w.lower));
        // (Not an amount: "250 1000 units".)
        let measure = super::is_unit(&super::next_word(text, b.end));
        if !glued && !measure && called && stands_alone(text, a.start, b.end) {
            out.push(Finding::new(a.start, b.end, Kind::Phone));
        }
    }
}

word_set! {
    /// Words that say a number near them is a phone's (for `local_spaced`).
    fn is_calling_word {
        "call" | "called" | "calling" | "calls" | "phone" | "cell" | "number" | "numero"
            | "número" | "tel" | "telefono" | "teléfono" | "cel" | "celular" | "llame"
            | "llamar" | "llamó" | "llamo" | "text" | "reach" | "contact" | "mobile"
    }
}

word_set! {
    /// The phone words `cued_groups` starts with.
    fn is_phone_word {
        "tel" | "telefono" | "teléfono" | "cel" | "celular" | "movil" | "móvil" | "whats"
            | "whatsapp" | "phone" | "cell" | "fijo" | "numero" | "número"
    }
}

impl Detector for Phones {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if scan.profile.digits < 7 {
            return;
        }
        for m in self.number.find_iter(text) {
            if !stands_alone(text, m.start(), m.end()) {
                continue;
            }
            let window = super::tail(&text[..m.start()], 24);
            let kind = if self.fax_cue.is_match(window) {
                Kind::Fax
            } else {
                Kind::Phone
            };
            out.push(Finding::new(m.start(), m.end(), kind));
        }
        local_spaced(scan, out);
        if text.contains(['\u{2013}', '\u{2014}']) || text.contains(" . ") {
            for m in self.odd_separators.find_iter(text) {
                out.push(Finding::new(m.start(), m.end(), Kind::Phone));
            }
        }
        if !scan.words.iter().any(|w| is_phone_word(&w.lower)) {
            return;
        }
        for caps in self.cued_groups.captures_iter(text) {
            if let Some(m) = caps.get(1) {
                out.push(Finding::new(m.start(), m.end(), Kind::Phone));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phones(text: &str) -> Vec<(&str, Kind)> {
        let out = crate::detectors::detect_alone(&Phones::new().expect("compiles"), text);
        out.iter()
            .map(|f| (&text[f.start..f.end], f.kind))
            .collect()
    }

    #[test]
    fn phone_and_fax_formats() {
        for number in [
            "524-6534",
            "1-530-970-0618",
            "(586) 412-5408",
            "3203454201",
            "+17568664544",
            "512.302.8116",
            "860 598 9706",
            "+1 (398) 983-1969",
            "612-824-1276 x945",
            "(932)326-9897",
        ] {
            let text = format!("call {number} today");
            assert_eq!(phones(&text), vec![(number, Kind::Phone)], "{number}");
        }
        assert_eq!(
            phones("fax sent to (747)432-5644 on"),
            vec![("(747)432-5644", Kind::Fax)]
        );
        assert_eq!(
            phones("lawyer, fax 743-202-5751 x810."),
            vec![("743-202-5751 x810", Kind::Fax)]
        );
    }

    #[test]
    fn grouped_numbers_after_a_phone_word() {
        assert_eq!(
            phones("Tel. 55 5550 3187. Se verificó"),
            vec![("55 5550 3187", Kind::Phone)]
        );
        assert_eq!(
            phones("mi cel es 33 14 22 90 18"),
            vec![("33 14 22 90 18", Kind::Phone)]
        );
        assert_eq!(
            phones("mi número de teléfono es 773 55 50 129 gracias"),
            vec![("773 55 50 129", Kind::Phone)]
        );
        assert!(phones("BP 55 5550 then 3187 lol").is_empty());
    }

    #[test]
    fn local_numbers_with_a_space_after_a_calling_word() {
        assert_eq!(
            phones("call back 555 0192 ask for Bill"),
            vec![("555 0192", Kind::Phone)]
        );
        assert_eq!(
            phones("My number is 555 3381."),
            vec![("555 3381", Kind::Phone)]
        );
        assert_eq!(
            phones("Tel 555 0158. Explained"),
            vec![("555 0158", Kind::Phone)]
        );
        assert_eq!(
            phones("Call me at work 555 2270."),
            vec![("555 2270", Kind::Phone)]
        );
        assert!(phones("took 500 1000 mg, BP 120 8000").is_empty());
        assert!(phones("call about the 250 1000 unit order, lot 123 4567 890").is_empty());
    }

    #[test]
    fn not_phones() {
        assert!(phones("Call 911 or 988, take 12.5 mg, $1,347.34, 2024-03-15").is_empty());
    }
}
