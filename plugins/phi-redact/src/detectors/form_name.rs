//! Names in the fields of a pasted form: "Last: Okonjo   First: Chidi",
//! "LNAME:DUBOIS//FNAME:CLAIRE-MARIE", "Parent Name: Temperance Oduya",
//! "EMERGENCY CONTACT:ANTHONY BRUNO RELATIONSHIP:SON", "Patient Name
//! ____Thaddeus Brightwater____". A field's label says what its value is,
//! so the value is a name even when its words are ordinary ones
//! ("Temperance", "Hope"); it ends where the form's next field begins.

use super::name::vocabulary::flags_of;
use super::{Detector, Scan, push_new};
use crate::finding::{Finding, Kind};
use crate::lexicon::{fold, lexicon};
use crate::words::Word;

/// Labels whose value is a person's name, whatever its case (the last
/// word of a two-word label: "patient name", "last name").
const NAME_LABELS: &[&str] = &[
    "name",
    "lname",
    "fname",
    "last",
    "first",
    "surname",
    "middle",
    "nombre",
    "nombres",
    "apellido",
    "apellidos",
];

/// Labels whose value is a person only when it is written as names
/// (capitalised words, two or more): "Contact: Front desk" is none.
const PERSON_LABELS: &[&str] = &[
    "contact",
    "guardian",
    "parent",
    "caller",
    "spouse",
    "responsable",
    "tutor",
    "padre",
    "madre",
];

/// The most words a name field holds ("Wilhelmina Mae van Osterhout").
const MAX_WORDS: usize = 4;

pub struct FormNames;

impl Detector for FormNames {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let words = scan.words;
        for (i, label) in words.iter().enumerate() {
            let strong = NAME_LABELS.contains(&&*label.lower);
            if !strong && !PERSON_LABELS.contains(&&*label.lower) {
                continue;
            }
            let Some(first) = words.get(i + 1) else {
                break;
            };
            if !is_field_separator(&scan.text[label.end..first.start]) {
                continue;
            }
            let value = field_value(scan, &words[i + 1..]);
            let (Some(head), Some(last)) = (value.first(), value.last()) else {
                continue;
            };
            let written_as_names = value.len() >= 2
                && value
                    .iter()
                    .all(|w| scan.text[w.start..w.end].starts_with(char::is_uppercase));
            if strong || written_as_names {
                push_new(out, Kind::Name, head.start, last.end);
            }
        }
    }
}

/// A label's colon (with spaces or a form's underscores around it), or a
/// blank of underscores: ":", " : ", ":  ____", "  ____".
fn is_field_separator(gap: &str) -> bool {
    let colon = gap.matches(':').count() == 1;
    let blank = gap.contains("__");
    (colon || blank) && gap.chars().all(|c| matches!(c, ':' | ' ' | '_' | '\t'))
}

/// The words of a field's value: letters only, apart by a space, a comma
/// ("HOLLOWAY, DESMOND"), a hyphen ("CLAIRE-MARIE") or an initial's dot;
/// up to the next field (a word with a colon after it, a "//", a column
/// gap of two spaces or more, an underscore, a line break) and never a
/// word that is no name (a relation, a function word, "n/a").
fn field_value<'w, 'a>(scan: &Scan<'_>, after: &'w [Word<'a>]) -> &'w [Word<'a>] {
    let mut n = 0;
    while n < after.len().min(MAX_WORDS) {
        let word = &after[n];
        if n > 0 && !joins_value(&scan.text[after[n - 1].end..word.start], &after[n - 1]) {
            break;
        }
        let next_gap = after.get(n + 1).map_or(&scan.text[word.end..], |next| {
            &scan.text[word.end..next.start]
        });
        let labels_next = next_gap.trim_start().starts_with(':');
        let flags = flags_of(lexicon().get(&fold(&word.lower)));
        let letters = word.lower.chars().all(char::is_alphabetic);
        // (Relations and titles are never names too.)
        if labels_next || !letters || flags.never() {
            break;
        }
        n += 1;
    }
    &after[..n]
}

/// Whether the text between two words keeps them in one value (a dot
/// only after an initial: "Lucas B. Hill", not "Mai. Date").
fn joins_value(gap: &str, before: &Word<'_>) -> bool {
    let initial = before.lower.chars().count() == 1;
    matches!(gap, " " | ", " | "," | "-" | "'") || (initial && matches!(gap, ". " | "."))
}

#[cfg(test)]
mod tests {
    use crate::tests::redact_plain as redact;

    #[test]
    fn labelled_fields_hold_names() {
        assert_eq!(
            redact("REGISTRATION Last: Okonjo   First: Chidi   MI: N"),
            "REGISTRATION Last: [NAME]   First: [NAME]   MI: N"
        );
        assert_eq!(
            redact("INTAKE//LNAME:DUBOIS//FNAME:CLAIRE-MARIE//"),
            "INTAKE//LNAME:[NAME]//FNAME:[NAME]//"
        );
        assert_eq!(
            redact("Parent Name: Temperance Oduya    Grade: 4"),
            "Parent Name: [NAME]    Grade: 4"
        );
        assert_eq!(
            redact("EMERGENCY CONTACT:ANTHONY BRUNO RELATIONSHIP:SON"),
            "EMERGENCY CONTACT:[NAME] RELATIONSHIP:SON"
        );
        assert_eq!(
            redact("My full name: Nguyen Thi Mai. Date of birth: 04-11-1967."),
            "My full name: [NAME]. Date of birth: [DATE]."
        );
        assert_eq!(
            redact("Patient Name  ____Thaddeus Brightwater____ Release to: records"),
            "Patient Name  ____[NAME]____ Release to: records"
        );
    }

    #[test]
    fn a_person_label_needs_names() {
        let kept = [
            "Contact: front desk for questions",
            "Emergency contact: son",
            "first: take 2 tablets, then rest",
        ];
        for text in kept {
            assert_eq!(redact(text), text);
        }
    }
}
