//! A message signed with initials: on its last line ("- T", "—J.M.",
//! "~ KB": a dash or tilde opens the line and one to three capital
//! initials, with or without dots, end the message), or after a dash that
//! ends its last line ("Attending aware. — AR", "confirmed. -kt").

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

pub struct SignedInitials;

impl Detector for SignedInitials {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text.trim_end();
        let line_start = text.rfind('\n').map_or(0, |i| i + 1);
        let line = &text[line_start..];
        if let Some(rest) = line.trim_start().strip_prefix(DASHES) {
            let initials = rest.trim_start_matches(['-', ' ', '\u{2014}', '\u{2013}']);
            let letters = initials.chars().filter(char::is_ascii_uppercase).count();
            let shape = initials
                .chars()
                .all(|c| c.is_ascii_uppercase() || c == '.' || c == ' ');
            // (A line alone on its own: a one-line message is no signature.)
            if line_start > 0 && shape && (1..=3).contains(&letters) {
                let start = text.len() - initials.len();
                let end = start + initials.trim_end_matches(['.', ' ']).len();
                out.push(Finding::new(start, end, Kind::Name));
            }
            return;
        }
        if let Some((start, end)) = signed_at_line_end(line) {
            out.push(Finding::new(
                line_start + start,
                line_start + end,
                Kind::Name,
            ));
        }
    }
}

const DASHES: [char; 4] = ['-', '\u{2014}', '\u{2013}', '~'];

/// Initials after a dash ending a line of text: "Attending aware. — AR",
/// "notified. —SR", "confirmed cell. -kt" (lower case only after a
/// sentence's end). Not a word the dash may end with ("- OK", "— ASAP",
/// "- RN").
fn signed_at_line_end(line: &str) -> Option<(usize, usize)> {
    let trimmed = line.trim_end_matches('.');
    let tail_start = trimmed
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_ascii_alphabetic() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())?;
    let initials = &trimmed[tail_start..];
    let before = trimmed[..tail_start].trim_end_matches(' ');
    let before_dash = before.strip_suffix(DASHES)?;
    // The dash stands apart from the words before it ("well-AR" is no
    // signature).
    if !before_dash.ends_with([' ', '.', '!', '?', ')']) {
        return None;
    }
    let letters = initials.chars().filter(char::is_ascii_alphabetic).count();
    if !(1..=3).contains(&letters) || initials.starts_with('.') {
        return None;
    }
    let upper = initials.chars().all(|c| c.is_ascii_uppercase() || c == '.');
    let lower = initials.chars().all(|c| c.is_ascii_lowercase());
    let after_sentence = before_dash.trim_end().ends_with(['.', '!', '?']);
    if !(upper || (lower && letters >= 2 && after_sentence)) {
        return None;
    }
    let bare: String = initials.chars().filter(char::is_ascii_alphabetic).collect();
    if NOT_INITIALS.contains(&bare.to_ascii_lowercase().as_str()) {
        return None;
    }
    Some((
        tail_start,
        tail_start + initials.trim_end_matches('.').len(),
    ))
}

/// What a line may end with after a dash that is no one's initials.
const NOT_INITIALS: &[&str] = &[
    "ok", "ty", "thx", "asap", "rn", "md", "np", "pa", "do", "er", "ed", "am", "pm", "fyi", "lol",
    "pls", "plz", "pt", "icu", "bp", "hr", "us", "it", "yes", "no", "na", "tba", "tbd", "stat",
    "prn", "bid", "tid", "qid", "qd", "hs", "po", "iv", "im", "sq", "lmk", "omg", "xo", "xx",
    "xxx", "thk", "pcp", "ob", "gyn", "ent", "gi", "uti", "dr", "mr", "ms", "mrs", "ii", "iii",
    "a", "i", "u", "y", "o", "e",
];

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&SignedInitials, text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn initials_signing_the_last_line() {
        assert_eq!(found("need my refill, same pharmacy.\n- T"), vec!["T"]);
        assert_eq!(
            found("the nurses were wonderful.\n\u{2014}J.M."),
            vec!["J.M"]
        );
        assert_eq!(found("see you then\n~ KB "), vec!["KB"]);
        assert!(found("- T").is_empty());
        assert!(found("bring the forms\n- ASAP please").is_empty());
    }

    #[test]
    fn initials_after_a_dash_ending_the_text() {
        assert_eq!(found("Attending aware. \u{2014} AR"), vec!["AR"]);
        assert_eq!(
            found("BP 78/40, now 102/60. Attending notified. \u{2014}SR"),
            vec!["SR"]
        );
        assert_eq!(
            found("rescheduled to friday, confirmed cell. -kt"),
            vec!["kt"]
        );
        assert_eq!(
            found("family meeting set for thursday \u{2013} R.K."),
            vec!["R.K"]
        );
        assert!(found("call me back - OK").is_empty());
        assert!(found("need the forms signed - ASAP").is_empty());
        assert!(found("signed by the on-call - RN").is_empty());
        assert!(found("the follow-up").is_empty());
        assert!(found("plan b - ok").is_empty());
        assert!(found("going well - so far so good").is_empty());
    }
}
