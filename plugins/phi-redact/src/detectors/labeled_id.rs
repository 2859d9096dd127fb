//! Numbers introduced by a label: "MRN 123456", "acct # 55-1234",
//! "Member ID: XJ12345", "SSN: 123456789", "policy no. A123".
//! Only the number is replaced; it must contain a digit.

use regex::Regex;

use super::{Detector, has_digit};
use crate::finding::{Finding, Kind};
use crate::known::Known;
use crate::words::Word;

pub struct LabeledIds(Regex);

impl LabeledIds {
    pub fn new() -> Result<Self, regex::Error> {
        super::compile(concat!(
            r"(?i)\b(mrn|medical\s+record|acct|account|member|subscriber|policy|plan|claim|",
            r"ssn|social\s+security|id|license|licence|vin|serial)\b\.?",
            r"(?:\s*(?:id|number|no|num|#)\b\.?)?\s*(?:#|:)?\s*(?:is\s+)?",
            r"([a-z0-9][a-z0-9-]{2,})",
        ))
        .map(Self)
    }
}

fn kind_for(label: &str) -> Kind {
    let label = label.to_ascii_lowercase();
    if label == "mrn" || label.starts_with("medical") {
        Kind::Mrn
    } else if label == "ssn" || label.starts_with("social") {
        Kind::Ssn
    } else {
        Kind::Id
    }
}

impl Detector for LabeledIds {
    fn detect(&self, text: &str, _: &[Word], _: &Known, out: &mut Vec<Finding>) {
        if !has_digit(text) {
            return;
        }
        for caps in self.0.captures_iter(text) {
            let (Some(label), Some(number)) = (caps.get(1), caps.get(2)) else {
                continue;
            };
            if number.as_str().bytes().any(|b| b.is_ascii_digit()) {
                out.push(Finding::new(
                    number.start(),
                    number.end(),
                    kind_for(label.as_str()),
                ));
            }
        }
    }
}
