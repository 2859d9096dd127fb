//! Someone named by initials in a note: after "pt", "patient" or
//! "initials" ("pt JR, CHF exac", "Pt E.M., 54 y/o", "pt T.O. day +12",
//! "pt initials RGH."), before an age and sex
//! ("R.T. 93M", "C.W. (77M)") or after "by" ("verified by KM 10:04"). Two or
//! three capital letters, or initials with dots, that are no clinical
//! abbreviation ("pt NPO", "pt SOB", "pt AOx3", "seen by PT").

use regex::Regex;

use super::{Detector, Scan};
use crate::casing::CaseMode;
use crate::finding::{Finding, Kind};

pub struct PatientInitials {
    initials: Regex,
    before_age: Regex,
    by: Regex,
}

impl PatientInitials {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            initials: super::compile(
                r"\b(?i:pt|patient|paciente|(?:pt\s+|patient\s+)?initials|iniciales)\.?:?\s+([A-Z]\.[A-Z]\.(?:[A-Z]\.)?|[A-Z]{2,3})(?:[\s,.;:)]|$)",
            )?,
            before_age: super::compile(
                r"\b([A-Z]\.[A-Z]\.(?:[A-Z]\.)?|[A-Z]{2,3}),?\s+\(?\d{1,3}\s?(?:[MF]|yo|y/o|YO)\b",
            )?,
            by: super::compile(r"\b(?:by|per)\s+([A-Z]{2,3})(?:[\s,.;:)]|$)")?,
        })
    }
}

impl Detector for PatientInitials {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let mut push = |m: regex::Match<'_>| {
            let letters = m.as_str().trim_end_matches('.');
            if letters.contains('.')
                || !NOT_INITIALS.contains(&letters.to_ascii_lowercase().as_str())
            {
                super::push_new(out, Kind::Name, m.start(), m.start() + letters.len());
            }
        };
        // An age and a sex after them say a person, in any case.
        if scan.profile.digits > 0 {
            for caps in self.before_age.captures_iter(scan.text) {
                caps.get(1).into_iter().for_each(&mut push);
            }
        }
        // (In capitals throughout, "PATIENT OF DR." is words.)
        if scan.mode == CaseMode::Upper {
            return;
        }
        let cue = |words: &[&str]| scan.words.iter().any(|w| words.contains(&&*w.lower));
        if cue(&["pt", "patient", "paciente", "initials", "iniciales"]) {
            for caps in self.initials.captures_iter(scan.text) {
                caps.get(1).into_iter().for_each(&mut push);
            }
        }
        if cue(&["by", "per"]) {
            for caps in self.by.captures_iter(scan.text) {
                caps.get(1).into_iter().for_each(&mut push);
            }
        }
    }
}

/// Capitals a note writes after "pt" that name no one.
const NOT_INITIALS: &[&str] = &[
    "ok", "npo", "dnr", "dni", "sob", "ed", "er", "icu", "or", "pt", "ot", "st", "iv", "po", "hx",
    "cp", "bp", "hr", "rr", "ama", "aao", "ao", "nad", "id", "us", "ua", "ct", "mri", "ekg", "ecg",
    "in", "on", "at", "to", "is", "was", "has", "had", "fyi", "nv", "gi", "uti", "copd", "chf",
    "ckd", "dm", "htn", "afib", "cad", "pe", "dvt", "mi", "tia", "cva", "loc", "gcs", "avss",
    "vss", "wnl", "nkda", "rn", "md", "np", "pa", "do", "and", "the", "not", "now", "ref", "req",
    "info", "ins", "acct", "dob", "mrn", "fu", "rtc", "eta", "asap", "prn", "bid", "tid", "qid",
    "snf", "ltc", "alf", "ip", "pacu", "edd", "lmp", "pcp", "ems", "sw", "cm", "slp", "pcm", "qd",
    "hs", "lol", "tbd", "tba", "via", "aox",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&PatientInitials::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn initials_after_pt() {
        assert_eq!(found("Handoff bed 12, 72M, pt JR, CHF exac"), vec!["JR"]);
        assert_eq!(found("Pt E.M., 54 y/o M, s/p lap chole"), vec!["E.M"]);
        assert_eq!(found("BMT: pt T.O. day +12"), vec!["T.O"]);
        assert_eq!(found("BMT: pt S.V. day +9, ANC 0.2, afebrile"), vec!["S.V"]);
        assert_eq!(found("Pt TG verbalized understanding"), vec!["TG"]);
        assert_eq!(found("Recommend hold. Pt initials QRT."), vec!["QRT"]);
        assert_eq!(
            found("critical K, patient initials J.W., acc 4471"),
            vec!["J.W"]
        );
        assert!(found("pt NPO after midnight").is_empty());
        assert!(found("pt SOB on exertion").is_empty());
        assert!(found("pt AOx3, VSS").is_empty());
        assert!(found("the pt is stable").is_empty());
        assert!(found("pt ED visit yesterday").is_empty());
        assert!(found("SHE WAS PATIENT OF DR. SMITH").is_empty());
    }

    #[test]
    fn initials_before_an_age_or_after_by() {
        assert_eq!(found("RM 3 R.T. 93M SEPTIC SHOCK"), vec!["R.T"]);
        assert_eq!(found("C.W. (77M) family meeting thu"), vec!["C.W"]);
        assert_eq!(found("ED hold: JK 64F w/ CP"), vec!["JK"]);
        assert_eq!(found("Verified by KM 10:04."), vec!["KM"]);
        assert!(found("seen by PT today, cleared by OT").is_empty());
        assert!(found("BP 120/80, HR 72 by RN").is_empty());
        assert!(found("MI 65M").is_empty());
        assert!(found("new admit from SNF, 88yoF").is_empty());
        assert!(found("per PCP, ok to hold").is_empty());
    }
}
