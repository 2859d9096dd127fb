//! A day and a month in the languages families write beside English and
//! Spanish: French ("14 mars", "5 février"), Haitian Creole ("12 desanm"),
//! Tagalog ("ika-3 ng Agosto", "8 Hulyo 1933"), Polish ("12 listopada"),
//! Portuguese ("14 de fevereiro"), Italian and German. Only after a day
//! number, so the planet, the candy and the month words that are words
//! ("me", "mas", "out") stay.

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::lexicon::fold;
use crate::words::Word;

super::word_set! {
    /// Month names of those languages (accents folded), in the forms they
    /// take after a day.
    fn foreign_month {
        "janvier" | "fevrier" | "mars" | "avril" | "mai" | "juin" | "juillet" | "aout"
            | "septembre" | "octobre" | "novembre" | "decembre"
            | "janvye" | "fevriye" | "jen" | "jiye" | "septanm" | "oktob" | "novanm" | "desanm"
            | "enero" | "pebrero" | "marso" | "abril" | "mayo" | "hunyo" | "hulyo" | "agosto"
            | "setyembre" | "oktubre" | "nobyembre" | "disyembre"
            | "stycznia" | "lutego" | "marca" | "kwietnia" | "maja" | "czerwca" | "lipca"
            | "sierpnia" | "wrzesnia" | "pazdziernika" | "listopada" | "grudnia"
            | "janeiro" | "fevereiro" | "marco" | "maio" | "junho" | "julho" | "setembro"
            | "outubro" | "dezembro"
            | "gennaio" | "febbraio" | "aprile" | "maggio" | "giugno" | "luglio" | "settembre"
            | "ottobre" | "dicembre"
            | "januar" | "februar" | "marz" | "maerz" | "juni" | "juli" | "oktober" | "dezember"
    }
}

pub struct ForeignDates;

impl Detector for ForeignDates {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        if scan.profile.digits == 0 {
            return;
        }
        let words = scan.words;
        for (i, w) in words.iter().enumerate() {
            let month = if w.lower.is_ascii() {
                foreign_month(&w.lower)
            } else {
                foreign_month(&fold(&w.lower))
            };
            if !month || i == 0 {
                continue;
            }
            // "14 mars", "ika-14 ng Pebrero", "14 de fevereiro".
            let joined = matches!(&*words[i - 1].lower, "ng" | "de" | "di" | "du");
            let Some(d) = (if joined {
                i.checked_sub(2)
            } else {
                Some(i - 1)
            }) else {
                continue;
            };
            let day = &words[d];
            if !is_day(day) || !spaced(scan.text, words, d, i) {
                continue;
            }
            // "ika-3": the Tagalog ordinal's prefix goes with the day.
            let mut start = day.start;
            if let Some(ika) = day_prefix(scan.text, words, d) {
                start = ika;
            } else if scan.text[..day.start].ends_with(['$', '.', ',', '/', '-']) {
                // "$5 mars bars", "2.14 mars": an amount or a decimal.
                continue;
            }
            let end = year_after(scan.text, words, i).unwrap_or(w.end);
            out.push(Finding::new(start, end, Kind::Date));
        }
    }
}

/// A day of the month in digits, 1 to 31.
fn is_day(word: &Word<'_>) -> bool {
    word.lower.len() <= 2
        && word.is_digits()
        && word
            .lower
            .parse::<u32>()
            .is_ok_and(|d| (1..=31).contains(&d))
}

/// Whether words `from` to `to` are apart by single spaces.
fn spaced(text: &str, words: &[Word<'_>], from: usize, to: usize) -> bool {
    (from..to).all(|k| &text[words[k].end..words[k + 1].start] == " ")
}

/// The start of "ika-" right before the day at word `d`.
fn day_prefix(text: &str, words: &[Word<'_>], d: usize) -> Option<usize> {
    let ika = words.get(d.checked_sub(1)?)?;
    (ika.lower == "ika" && matches!(&text[ika.end..words[d].start], "-" | "- " | " "))
        .then_some(ika.start)
}

/// The end of a four-digit year after the month at word `i` ("8 Hulyo
/// 1933", "5 février, 1950").
fn year_after(text: &str, words: &[Word<'_>], i: usize) -> Option<usize> {
    let year = words.get(i + 1)?;
    let gap = &text[words[i].end..year.start];
    (matches!(gap, " " | ", ") && year.lower.len() == 4 && year.is_digits()).then_some(year.end)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        crate::detectors::detect_alone(&ForeignDates, text)
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
        assert_eq!(
            found("confirming rendez-vous 5 février 9h30"),
            ["5 février"]
        );
    }

    #[test]
    fn amounts_and_other_words_stay() {
        assert!(found("bought $5 mars bars, read about 40 mars missions").is_empty());
        assert!(found("we need 2 more, 3 out of 5").is_empty());
        assert!(found("45 maio").is_empty());
    }
}
