//! Numbers introduced by a label, with the label's kind: "MRN OVH7798178",
//! "(MRN 09469025)", "member ZGP5735724693", "insurance (U9113719401)",
//! "account A-68824129", "card ending 0320", "license a66618", "DEA
//! FH1734157", "DL number is XX611649", "serial NG8121289H", "SN JHHO36",
//! "Rx 5137116", "claim 5320-568326", "accession S24-14674". The label stays;
//! only the value (which must hold a digit) is replaced. A value that
//! follows with "and" or a comma ("MRN 123456 and 654321") is the same kind.

use std::sync::OnceLock;

use regex::Regex;

use super::{Detector, Scan, has_digit};
use crate::finding::{Finding, Kind};
use crate::lexicon::FnvMap;

/// An immigration file's A-number: "A-201-889-417", "A# 209 551 884",
/// "número A 207448319", "alien number 207-448-319". Group 1 is the "A"
/// when glued to the number (then the value's), group 2 the number.
const ALIEN_NUMBER: &str = concat!(
    r"(?i)\b(?:(?-i:(A-?))|a#\s?|(?-i:A)\s",
    r"|a-?(?:number|n[uú]mero)(?:\s+is|\s+es)?\s*:?\s*",
    r"|n[uú]mero\s+(?:de\s+)?(?:a|extranjero|registro\s+de\s+extranjero)(?:\s+es)?\s*:?\s*",
    r"|alien\s+(?:registration\s+)?(?:number|no\.?|#)(?:\s+is)?\s*:?\s*)",
    r"(\d{3}[- ]?\d{3}[- ]?\d{3}|\d{8})\b",
);

/// The A-numbers `alien` finds in `text`, after what the labels took
/// ("account A-68824129" is the account's).
fn alien_numbers(alien: &Regex, text: &str, out: &mut Vec<Finding>) {
    for caps in alien.captures_iter(text) {
        let Some(number) = caps.get(2) else { continue };
        let start = caps.get(1).map_or(number.start(), |glued| glued.start());
        super::push_new(out, Kind::Id, start, number.end());
    }
}

/// Labels and the kind of the value they introduce.
const LABELS: &[(&str, Kind)] = &[
    (
        r"mrn|medical\s+record|chart|patient\s+id|pt\s+id|hospital\s+(?:number|no)",
        Kind::Mrn,
    ),
    (r"ssn|ss#|social\s+security", Kind::Ssn),
    (
        r"member|subscriber|policy|group|plan|insurance|medicare|medicaid|mbi|beneficiary|grupo|miembro|poliza",
        Kind::MemberId,
    ),
    (
        r"acct|account|card|invoice|statement|billing\s+id",
        Kind::Account,
    ),
    (
        r"license|licence|lic|dl|driver'?s\s+license|dea|npi|certificate|cert|passport",
        Kind::License,
    ),
    (
        r"serial|sn|s/n|device\s+id|imei|udi|transmitter",
        Kind::Device,
    ),
    (r"vin", Kind::Vehicle),
    (
        r"rx|prescription|claim|authorization|auth|accession|case|referral|confirmation|reference|ref|tracking|ticket|encounter|specimen|requisition|voucher|id",
        Kind::Id,
    ),
];

/// The first word of every label, for a cheap first look.
const LABEL_WORDS: &str = "mrn medical chart patient pt hospital ssn ss social member subscriber policy group \
    grupo miembro poliza \
    plan insurance medicare medicaid mbi beneficiary acct account card invoice statement \
    billing license licence lic dl driver drivers dea npi certificate cert passport \
    serial sn s device imei udi transmitter vin rx prescription claim authorization auth \
    accession case referral confirmation reference ref tracking ticket encounter \
    specimen requisition voucher id";

/// The lengths of the label words by their first byte (a quick reject).
const LABEL_LENGTHS: [u64; 256] = super::lengths_by_first_byte_in(LABEL_WORDS);

fn label_words() -> &'static FnvMap<&'static str, ()> {
    static SET: OnceLock<FnvMap<&'static str, ()>> = OnceLock::new();
    SET.get_or_init(|| LABEL_WORDS.split_whitespace().map(|w| (w, ())).collect())
}

pub struct LabeledIds {
    labeled: Regex,
    kinds: Vec<(Regex, Kind)>,
    next_value: Regex,
    /// See [`ALIEN_NUMBER`].
    alien: Regex,
}

impl LabeledIds {
    pub fn new() -> Result<Self, regex::Error> {
        let all: Vec<&str> = LABELS.iter().map(|(p, _)| *p).collect();
        let labeled = super::compile(&format!(
            concat!(
                r"(?i)^\b({labels})\b\.?",
                r"(?:\s*[#:(=-]\s*|\s+(?:id|number|no|num|nbr|is|was|of|ending|endlng|in|on|file|for|the|last\s*4|last\s+four|digits)\b\.?)*",
                r"\s*([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)",
            ),
            labels = all.join("|")
        ))?;
        label_words();
        let kinds = LABELS
            .iter()
            .map(|(p, k)| super::compile(&format!(r"(?i)^(?:{p})\b")).map(|r| (r, *k)))
            .collect::<Result<_, _>>()?;
        let next_value =
            super::compile(r"(?i)^\s*(?:and|&|,|/|or)\s*([a-z0-9](?:[a-z0-9-]*[a-z0-9])?)\b")?;
        Ok(Self {
            labeled,
            kinds,
            next_value,
            alien: super::compile(ALIEN_NUMBER)?,
        })
    }

    /// The kind of the label that starts `matched` (its first word is
    /// `first_word`; a label may span words: "medical record").
    fn kind_for(&self, matched: &str, first_word: &str) -> Kind {
        self.kinds
            .iter()
            .find(|(r, _)| {
                r.is_match(first_word) || r.find(matched).is_some_and(|m| m.start() == 0)
            })
            .map_or(Kind::Id, |(_, k)| *k)
    }
}

/// Whether `value` can be an identifier: a digit, three or more characters
/// (four or more when only digits).
fn plausible(value: &str) -> bool {
    let digits = value.bytes().filter(u8::is_ascii_digit).count();
    digits > 0 && value.len() >= 3 && (digits < value.len() || value.len() >= 4)
}

/// A number of six digits or more right after a credential: "Tamika
/// Jordan, RN 041.442190", "LPN #043118205" (a nurse's licence).
fn credential_numbers(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let text = scan.text;
    for w in scan.words {
        if !matches!(
            &*w.lower,
            "rn" | "lpn" | "lvn" | "cna" | "aprn" | "crna" | "pharmd" | "rph" | "cpht"
        ) {
            continue;
        }
        let rest = &text[w.end..];
        let value = rest.trim_start_matches([' ', '#', ':']);
        let start = w.end + (rest.len() - value.len());
        let len = value
            .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
            .unwrap_or(value.len());
        let number = value[..len].trim_end_matches(['.', '-']);
        let digits = number.bytes().filter(u8::is_ascii_digit).count();
        if digits >= 6 && number.starts_with(|c: char| c.is_ascii_digit()) {
            out.push(Finding::new(start, start + number.len(), Kind::License));
        }
    }
}

impl Detector for LabeledIds {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if !has_digit(text) {
            return;
        }
        credential_numbers(scan, out);
        let labels = label_words();
        let words = scan.words;
        // The pattern runs only on a window from each label word (a label,
        // fillers, a value: a few words), not on the whole text, anchored
        // at the label (a match further on was never taken).
        let mut done = 0;
        for (i, w) in words.iter().enumerate() {
            let label = |w: &str| super::may_be_in(&LABEL_LENGTHS, w) && labels.contains_key(w);
            if w.start < done || !label(&w.lower) {
                continue;
            }
            let window_end = words[(i + 8).min(words.len() - 1)].end;
            let Some(m) = self
                .labeled
                .find(&text[w.start..window_end])
                .filter(|m| m.start() == 0)
            else {
                continue;
            };
            let (start, end) = (w.start, w.start + m.end());
            let matched = &text[start..end];
            // The label is the leading word(s), the value the trailing run.
            let label_end = start
                + matched
                    .find(|c: char| !(c.is_ascii_alphabetic() || c == '\'' || c == '/' || c == '#'))
                    .unwrap_or(matched.len());
            let value_start = start
                + matched
                    .rfind(|c: char| !(c.is_ascii_alphanumeric() || c == '-'))
                    .map_or(0, |i| i + 1);
            // "transmitter SN JHHO36": a label may introduce another label,
            // whose own window comes next.
            let value = &text[value_start..end];
            // "Boise ID 83702": Idaho and a ZIP code, not a labelled id.
            let idaho_zip = &text[start..label_end] == "ID"
                && value.len() == 5
                && value.bytes().all(|b| b.is_ascii_digit());
            if !plausible(value) || idaho_zip {
                continue;
            }
            let kind = self.kind_for(matched, &text[start..label_end]);
            out.push(Finding::new(value_start, end, kind));
            let mut at = end;
            while let Some(next) = self.next_value.captures(&text[at..]).and_then(|c| c.get(1)) {
                if !plausible(next.as_str()) || next.as_str().len() < 6 {
                    break;
                }
                out.push(Finding::new(at + next.start(), at + next.end(), kind));
                at += next.end();
            }
            done = at;
        }
        if scan.profile.digits >= 8 {
            alien_numbers(&self.alien, text, out);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(&str, Kind)> {
        let out = crate::detectors::detect_alone(&LabeledIds::new().expect("compiles"), text);
        out.iter()
            .map(|f| (&text[f.start..f.end], f.kind))
            .collect()
    }

    #[test]
    fn labelled_values_with_kinds() {
        let cases = [
            ("PT LONG (MRN OVH6511558) CALLED", "OVH6511558", Kind::Mrn),
            (
                "your insurance (U9113719401) denied",
                "U9113719401",
                Kind::MemberId,
            ),
            (
                "member ZGP5735724693. Valid",
                "ZGP5735724693",
                Kind::MemberId,
            ),
            ("from account A-68824129 for", "A-68824129", Kind::Account),
            ("Card ending 0320 is the backup", "0320", Kind::Account),
            (
                "given by J. Ruiz, RN 041.442190, at 0200",
                "041.442190",
                Kind::License,
            ),
            ("hsa card endlng 4096 was declined", "4096", Kind::Account),
            (
                "dr harris md license aprn18087 signed",
                "aprn18087",
                Kind::License,
            ),
            ("my DL number is XX611649 and", "XX611649", Kind::License),
            ("(DEA BM4318778) ON", "BM4318778", Kind::License),
            ("transmitter SN JHHO36 registered", "JHHO36", Kind::Device),
            (
                "CGM TRANSMITTER SN JHHO36 REGISTERED",
                "JHHO36",
                Kind::Device,
            ),
            (
                "Hearing aid serial RX1-35I-9061 lost",
                "RX1-35I-9061",
                Kind::Device,
            ),
            ("Rx RX-5746028", "RX-5746028", Kind::Id),
            ("denied claim 5320-568326 for", "5320-568326", Kind::Id),
            ("Accession S24-14674.", "S24-14674", Kind::Id),
            ("SSN: 123456789 on file", "123456789", Kind::Ssn),
        ];
        for (text, value, kind) in cases {
            assert_eq!(ids(text), vec![(value, kind)], "{text}");
        }
        assert_eq!(
            ids("chart 00204608 and 03720931 merged"),
            vec![("00204608", Kind::Mrn), ("03720931", Kind::Mrn)]
        );
    }

    #[test]
    fn labels_without_identifiers() {
        for text in [
            "photo ID required at pickup on 3/4",
            "Your order of amoxicillin shipped",
            "your plan covers 2 visits",
            "Controlled substance Rx for Michelle",
            "card ending in May",
        ] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
    }

    #[test]
    fn a_numbers() {
        for (text, want) in [
            ("A# 209 551 884", vec!["209 551 884"]),
            ("número A 209 551 884", vec!["209 551 884"]),
            (
                "Se llama Ismael, A-número 209 551 884.",
                vec!["209 551 884"],
            ),
            (
                "Su número de extranjero es 207 448 319.",
                vec!["207 448 319"],
            ),
            ("his A-number is A-201-889-417", vec!["A-201-889-417"]),
            ("we got a 123 456 789 from them", vec![]),
        ] {
            let found: Vec<&str> = ids(text)
                .into_iter()
                .filter(|&(_, kind)| kind == Kind::Id)
                .map(|(value, _)| value)
                .collect();
            assert_eq!(found, want, "{text}");
        }
    }
}
