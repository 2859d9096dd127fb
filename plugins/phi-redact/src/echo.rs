//! A name found once is a name wherever the message says it again:
//! "emergency contact grandniece Tolu (872) 555-0139. Tolu found him
//! fine". The detectors read each mention in its own context, and a
//! later mention often has none (a sentence's first word, a bare
//! signature).

use crate::casing::CaseMode;
use crate::detectors::Scan;
use crate::detectors::name::vocabulary::flags_of;
use crate::finding::{Finding, Kind};
use crate::lexicon::{fold, lexicon};
use crate::words::Word;

/// Words of three letters or more inside a name's span that are no name
/// of their own (shorter ones never count).
const NOT_NAME_WORDS: &[&str] = &[
    "dra", "mrs", "sra", "srta", "don", "dona", "del", "las", "los", "dos", "van", "von", "der",
    "and",
];

/// Adds a finding for each word of a found name written again outside
/// every finding and protected range. A word that is also an ordinary
/// word ("Will", "Hope", "Grace") counts again only capitalised inside a
/// sentence, never in lower case ("the grace period") nor opening a
/// sentence ("Will you call?"); a name written capitalised counts again
/// only capitalised.
pub fn names_again(scan: &Scan<'_>, findings: &mut Vec<Finding>) {
    let mut spans: Vec<(usize, usize)> = findings
        .iter()
        .filter(|f| f.kind == Kind::Name)
        .map(|f| (f.start, f.end))
        .collect();
    if spans.is_empty() {
        return;
    }
    spans.sort_unstable_by_key(|&(_, end)| end);
    // The words inside a name's span (words and spans both in order).
    let mut names: Vec<&Word<'_>> = Vec::new();
    let mut k = 0;
    for w in scan.words {
        while k < spans.len() && spans[k].1 < w.end {
            k += 1;
        }
        let inside = spans[k..]
            .iter()
            .any(|&(start, end)| start <= w.start && w.end <= end);
        if inside && w.lower.len() >= 3 && !w.is_digits() && !NOT_NAME_WORDS.contains(&&*w.lower) {
            names.push(w);
        }
    }
    if names.is_empty() {
        return;
    }
    let capitalised = |w: &Word<'_>| scan.text[w.start..w.end].starts_with(char::is_uppercase);
    let mut again = Vec::new();
    for w in scan.words {
        if !names.iter().any(|n| n.lower == w.lower)
            || findings.iter().any(|f| f.overlaps(w.start, w.end))
            || scan.is_protected(w.start, w.end)
        {
            continue;
        }
        let entry = lexicon().get(&fold(&w.lower));
        // A month, a title or a relation ("May Lin ... in May"), an
        // acronym ("APS worker").
        let flags = flags_of(entry);
        let written = &scan.text[w.start..w.end];
        let acronym = scan.mode == CaseMode::Mixed
            && written.len() <= 4
            && written.bytes().all(|b| b.is_ascii_uppercase());
        if flags.never() || flags.month_or_modal() || flags.title() || flags.relation() || acronym {
            continue;
        }
        let ordinary = entry.is_ordinary() || entry.is_known_word();
        let capital = capitalised(w);
        // A writer who capitalised the name writes the word in lower case
        // in its other sense ("se llama Bienvenido ... era bienvenido").
        let written_lower = !capital && names.iter().any(|n| n.lower == w.lower && capitalised(n));
        if written_lower || (ordinary && (!capital || opens_sentence(scan.text, w.start))) {
            continue;
        }
        again.push(Finding::new(w.start, w.end, Kind::Name));
    }
    findings.extend(again);
}

/// Adds the given name before a found name when it is also a state, a
/// country, a modal or an ordinary word ("My name is Virginia Pettibone",
/// "mi papá Salvador Quintanilla", "WILL HOPKINS DOB", "Ion Popescu
/// here"): the detectors do not take those words alone, but a first name
/// right before a surname, after a cue or opening the text, is the
/// person's.
pub fn given_names_before(scan: &Scan<'_>, findings: &mut Vec<Finding>) {
    let words = scan.words;
    let mut before = Vec::new();
    for f in findings.iter().filter(|f| f.kind == Kind::Name) {
        let at = words.partition_point(|w| w.end <= f.start);
        let Some(w) = at.checked_sub(1).map(|k| &words[k]) else {
            continue;
        };
        if &scan.text[w.end..f.start] != " "
            || !scan.text[w.start..].starts_with(char::is_uppercase)
        {
            continue;
        }
        let entry = lexicon().get(&fold(&w.lower));
        let flags = flags_of(entry);
        let cue_words =
            !(flags.title() || flags.relation() || flags.greeting() || flags.function_word());
        if !cue_words {
            continue;
        }
        let previous = at.checked_sub(2).map(|k| &words[k]);
        let cue_before = previous.is_some_and(|p| {
            let pf = flags_of(lexicon().get(&fold(&p.lower)));
            pf.relation()
                || pf.title()
                || pf.greeting()
                || matches!(&*p.lower, "is" | "soy" | "llama" | "name" | "nombre" | "es")
        });
        let opens = previous.is_none() || opens_sentence(scan.text, w.start);
        let here_after = words
            .get(words.partition_point(|x| x.start < f.end))
            .is_some_and(|x| matches!(&*x.lower, "here" | "aqui"));
        // (A state is a never-name too.)
        let word_too = flags.never() || flags.month_or_modal();
        // A surname or a word no list knows before the name ("tell Ion
        // Popescu", "Wellington Souza here"): after a cue word, or opening
        // the text with "here" after it (not "OMG BARBARA is coming").
        let other_given = !entry.is_first_name() && (entry.is_surname() || !entry.is_known_word());
        let cued = (entry.is_first_name() && word_too && (cue_before || opens))
            || (other_given && ((cue_before && !opens) || (opens && here_after)));
        if cued && !findings.iter().any(|g| g.overlaps(w.start, w.end)) {
            before.push(Finding::new(w.start, w.end, Kind::Name));
        }
    }
    findings.extend(before);
}

/// Whether the word at byte `start` opens a sentence (the text's start,
/// or after ". ", "! ", "? ", ": " or a line break).
fn opens_sentence(text: &str, start: usize) -> bool {
    let before = text[..start].trim_end_matches([' ', '"', '\'', '(']);
    before.is_empty() || before.ends_with(['.', '!', '?', ':', '\n', '-'])
}

#[cfg(test)]
mod tests {
    use crate::tests::redact_plain as redact;

    #[test]
    fn a_name_said_again_without_context() {
        assert_eq!(
            redact("emergency contact is her grandniece Tolu, cell 555-0139. Tolu found him fine."),
            "emergency contact is her grandniece [NAME], cell [PHONE]. [NAME] found him fine."
        );
    }

    #[test]
    fn ordinary_words_only_capitalised_inside_a_sentence() {
        let out = redact("my daughter Hope drove me. Hope you are well, I hope so, thanks Hope");
        assert_eq!(
            out,
            "my daughter [NAME] drove me. Hope you are well, I hope so, thanks [NAME]"
        );
    }
}
