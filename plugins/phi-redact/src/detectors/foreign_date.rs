//! A day and a month in the languages families write beside English and
//! Spanish: French ("14 mars", "5 février"), Haitian Creole ("12 desanm"),
//! Tagalog ("ika-3 ng Agosto", "8 Hulyo 1933"), Polish ("12 listopada"),
//! Portuguese ("14 de fevereiro"), Italian and German. Only after a day
//! number, so the planet, the candy and the month words that are words
//! ("me", "mas", "out") stay.

use regex::Regex;

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

/// Month names (and the forms they take after a day) of those languages.
const MONTHS: &str = concat!(
    "janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[uû]t|septembre|octobre|novembre|d[ée]cembre|",
    "janvye|fevriye|jen|jiy[eè]|septanm|okt[oò]b|novanm|desanm|",
    "enero|pebrero|marso|abril|mayo|hunyo|hulyo|agosto|setyembre|oktubre|nobyembre|disyembre|",
    "stycznia|lutego|marca|kwietnia|maja|czerwca|lipca|sierpnia|wrze[sś]nia|pa[zź]dziernika|listopada|grudnia|",
    "janeiro|fevereiro|mar[cç]o|maio|junho|julho|setembro|outubro|dezembro|",
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|",
    "januar|februar|m[äa]rz|maerz|juni|juli|oktober|dezember",
);

pub struct ForeignDates {
    pattern: Regex,
}

impl ForeignDates {
    pub fn new() -> Result<Self, regex::Error> {
        Ok(Self {
            pattern: super::compile(&format!(
                r"(?i)\b(?:ika-?\s?)?(\d{{1,2}})(?:\s+(?:ng|de|di|du))?\s+(?:{MONTHS})\b(?:,?\s+\d{{4}}\b)?"
            ))?,
        })
    }
}

impl Detector for ForeignDates {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        if scan.profile.digits == 0 {
            return;
        }
        for caps in self.pattern.captures_iter(scan.text) {
            let (Some(whole), Some(day)) = (caps.get(0), caps.get(1)) else {
                continue;
            };
            let valid = day
                .as_str()
                .parse::<u32>()
                .is_ok_and(|d| (1..=31).contains(&d));
            // ("$5 mars bars", "2.14 mars": an amount or a decimal.)
            let glued = scan.text[..whole.start()].ends_with(['$', '.', ',', '/', '-']);
            if valid && !glued {
                out.push(Finding::new(whole.start(), whole.end(), Kind::Date));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        crate::detectors::detect_alone(&ForeignDates::new().expect("compiles"), text)
            .iter()
            .map(|f| &text[f.start..f.end])
            .collect()
    }

    #[test]
    fn days_with_months_of_other_languages() {
        assert_eq!(
            found("mon père has RDV le 14 mars with Dr. Laurent"),
            ["14 mars"]
        );
        assert_eq!(
            found("Tonton died in Port-au-Prince 12 desanm."),
            ["12 desanm"]
        );
        assert_eq!(
            found("schedule ko po ay ika-14 ng Pebrero diba"),
            ["ika-14 ng Pebrero"]
        );
        assert_eq!(
            found("ipinanganak 8 Hulyo 1933. PhilHealth"),
            ["8 Hulyo 1933"]
        );
        assert_eq!(found("Wizyta on 12 listopada ok?"), ["12 listopada"]);
    }

    #[test]
    fn amounts_and_other_words_stay() {
        assert!(found("bought $5 mars bars, read about 40 mars missions").is_empty());
        assert!(found("we need 2 more, 3 out of 5").is_empty());
        assert!(found("45 maio").is_empty());
    }
}
