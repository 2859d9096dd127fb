//! A patient named by initials after "pt" or "patient" in a note: "pt JR,
//! CHF exac", "Pt E.M., 54 y/o", "pt T.O. day +12". Two or three capital
//! letters, or initials with dots, that are no clinical abbreviation ("pt
//! NPO", "pt SOB", "pt AOx3").

use regex::Regex;

use super::{Detector, Scan};
use crate::casing::CaseMode;
use crate::finding::{Finding, Kind};

pub struct PatientInitials {
    initials: Regex,
}

impl PatientInitials {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            initials: super::compile(
                r"\b(?i:pt|patient|paciente)\.?:?\s+([A-Z]\.[A-Z]\.(?:[A-Z]\.)?|[A-Z]{2,3})(?:[\s,;:)]|$)",
            )?,
        })
    }
}

impl Detector for PatientInitials {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        // (In capitals throughout, "PATIENT OF DR." is words.)
        if scan.mode == CaseMode::Upper {
            return;
        }
        let cue = scan
            .words
            .iter()
            .any(|w| matches!(&*w.lower, "pt" | "patient" | "paciente"));
        if !cue {
            return;
        }
        for caps in self.initials.captures_iter(scan.text) {
            let Some(m) = caps.get(1) else { continue };
            let letters = m.as_str().trim_end_matches('.');
            if !letters.contains('.')
                && NOT_INITIALS.contains(&letters.to_ascii_lowercase().as_str())
            {
                continue;
            }
            out.push(Finding::new(
                m.start(),
                m.start() + letters.len(),
                Kind::Name,
            ));
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
    "qd", "hs", "lol", "tbd", "tba", "via", "aox",
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
        assert!(found("pt NPO after midnight").is_empty());
        assert!(found("pt SOB on exertion").is_empty());
        assert!(found("pt AOx3, VSS").is_empty());
        assert!(found("the pt is stable").is_empty());
        assert!(found("pt ED visit yesterday").is_empty());
        assert!(found("SHE WAS PATIENT OF DR. SMITH").is_empty());
    }
}
