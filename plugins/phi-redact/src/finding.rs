//! What the detectors report, and how findings become the redacted text.

/// The kinds of identifier, each with its replacement token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Name,
    Date,
    Age,
    Phone,
    Fax,
    Email,
    Ssn,
    Mrn,
    MemberId,
    Account,
    License,
    Device,
    Vehicle,
    Url,
    Ip,
    Address,
    City,
    Zip,
    Id,
}

impl Kind {
    pub const ALL: [Kind; 19] = [
        Kind::Name,
        Kind::Date,
        Kind::Age,
        Kind::Phone,
        Kind::Fax,
        Kind::Email,
        Kind::Ssn,
        Kind::Mrn,
        Kind::MemberId,
        Kind::Account,
        Kind::License,
        Kind::Device,
        Kind::Vehicle,
        Kind::Url,
        Kind::Ip,
        Kind::Address,
        Kind::City,
        Kind::Zip,
        Kind::Id,
    ];

    /// The text that replaces an identifier of this kind.
    pub fn token(self) -> &'static str {
        match self {
            Kind::Name => "[NAME]",
            Kind::Date => "[DATE]",
            Kind::Age => "[AGE]",
            Kind::Phone => "[PHONE]",
            Kind::Fax => "[FAX]",
            Kind::Email => "[EMAIL]",
            Kind::Ssn => "[SSN]",
            Kind::Mrn => "[MRN]",
            Kind::MemberId => "[MEMBER_ID]",
            Kind::Account => "[ACCOUNT]",
            Kind::License => "[LICENSE]",
            Kind::Device => "[DEVICE]",
            Kind::Vehicle => "[VEHICLE]",
            Kind::Url => "[URL]",
            Kind::Ip => "[IP]",
            Kind::Address => "[ADDRESS]",
            Kind::City => "[CITY]",
            Kind::Zip => "[ZIP]",
            Kind::Id => "[ID]",
        }
    }

    /// A code naming the kind (for labels).
    pub fn code(self) -> &'static str {
        match self {
            Kind::Name => "name",
            Kind::Date => "date",
            Kind::Age => "age",
            Kind::Phone => "phone",
            Kind::Fax => "fax",
            Kind::Email => "email",
            Kind::Ssn => "ssn",
            Kind::Mrn => "mrn",
            Kind::MemberId => "member_id",
            Kind::Account => "account",
            Kind::License => "license",
            Kind::Device => "device",
            Kind::Vehicle => "vehicle",
            Kind::Url => "url",
            Kind::Ip => "ip",
            Kind::Address => "address",
            Kind::City => "city",
            Kind::Zip => "zip",
            Kind::Id => "id",
        }
    }
}

/// An identifier at byte range `start..end` of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Finding {
    pub start: usize,
    pub end: usize,
    pub kind: Kind,
}

impl Finding {
    pub fn new(start: usize, end: usize, kind: Kind) -> Self {
        Self { start, end, kind }
    }

    /// Whether the finding overlaps the byte range `start..end`.
    pub fn overlaps(&self, start: usize, end: usize) -> bool {
        self.start < end && start < self.end
    }
}

/// Merges overlapping findings: the earliest, longest one gives the kind,
/// and the merged range covers all of them, so nothing is half-redacted.
/// Among equal ranges the first reported wins (detector order).
pub fn merge(mut findings: Vec<Finding>) -> Vec<Finding> {
    findings.retain(|f| f.start < f.end);
    findings.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
    let mut merged: Vec<Finding> = Vec::with_capacity(findings.len());
    for finding in findings {
        match merged.last_mut() {
            Some(last) if finding.start < last.end => last.end = last.end.max(finding.end),
            _ => merged.push(finding),
        }
    }
    merged
}

/// "BEATRIZ AGUILAR DE LA ROSA", "María de los Ángeles Peña": two parts of
/// one name with only particles between them are one name.
pub fn join_name_particles(text: &str, merged: Vec<Finding>) -> Vec<Finding> {
    let mut out: Vec<Finding> = Vec::with_capacity(merged.len());
    for mut finding in merged {
        place_prefix(text, &mut finding);
        let named = |k: Kind| matches!(k, Kind::Name | Kind::City);
        if let Some(last) = out.last_mut()
            && named(last.kind)
            && named(finding.kind)
            && text
                .get(last.end..finding.start)
                .is_some_and(|gap| only_particles(gap) || particles_and_a_name(gap))
        {
            // "Santa Rosa de Copán": a town's parts joined are the town.
            if finding.kind == Kind::City {
                last.kind = Kind::City;
            }
            last.end = finding.end;
            continue;
        }
        out.push(finding);
    }
    // "Guadalupe Reyes de la O": a particle and a one-letter surname.
    for finding in out.iter_mut().filter(|f| f.kind == Kind::Name) {
        finding.end += letter_surname_after(&text[finding.end..]);
    }
    out
}

/// Words that open a place's name ("Ciudad Juárez", "La Ceiba", "Nueva
/// York", "San Pedro Sula").
const PLACE_PREFIXES: &[&str] = &[
    "Ciudad", "Villa", "Puerto", "Nueva", "Nuevo", "San", "Santa", "Santo", "Los", "Las", "La",
    "El", "Bahía", "Playa", "Fort", "Port", "Saint", "Mount", "New",
];

/// A place's opening word left before a name or town found after it,
/// right after a word of place ("vive en La [Ceiba]", "llegamos de
/// Ciudad [Juárez]"): the finding takes it in and is a town.
fn place_prefix(text: &str, finding: &mut Finding) {
    if !matches!(finding.kind, Kind::Name | Kind::City) {
        return;
    }
    let before = &text[..finding.start];
    let Some(head) = before.strip_suffix(' ') else {
        return;
    };
    let Some(prefix) = PLACE_PREFIXES.iter().find(|p| head.ends_with(*p)) else {
        return;
    };
    let start = head.len() - prefix.len();
    let cue = text[..start]
        .trim_end()
        .rsplit(|c: char| !c.is_alphabetic())
        .next()
        .is_some_and(|w| {
            matches!(
                w.to_lowercase().as_str(),
                "en" | "de" | "a" | "desde" | "hacia" | "para" | "in" | "from" | "to" | "near"
            )
        });
    let word_start = start == 0 || !text[..start].ends_with(char::is_alphanumeric);
    if cue && word_start {
        finding.start = start;
        finding.kind = Kind::City;
    }
}

/// "Juana de Dios Escobar", "María de Jesús Peña": particles and one
/// capitalised word between two parts of a name.
fn particles_and_a_name(gap: &str) -> bool {
    let words: Vec<&str> = gap.split_whitespace().collect();
    let Some((last, particles)) = words.split_last() else {
        return false;
    };
    gap.starts_with(' ')
        && gap.ends_with(' ')
        && (1..=2).contains(&particles.len())
        && particles.iter().all(|w| is_name_particle(w))
        && last.starts_with(char::is_uppercase)
        && last.chars().all(char::is_alphabetic)
}

/// The length of " de la O" (particles, then one capital letter ending
/// the word) at the start of `rest`, or 0.
fn letter_surname_after(rest: &str) -> usize {
    let Some(cut) = rest
        .char_indices()
        .filter(|&(_, c)| c.is_uppercase())
        .map(|(i, _)| i)
        .next()
    else {
        return 0;
    };
    let (gap, tail) = rest.split_at(cut);
    let mut chars = tail.chars();
    let letter = chars.next().filter(char::is_ascii_uppercase);
    let ends = chars.next().is_none_or(|c| !c.is_alphanumeric());
    if letter.is_some() && ends && only_particles(gap) {
        cut + 1
    } else {
        0
    }
}

/// Words that join two parts of one name ("de la", "von").
const NAME_PARTICLES: &[&str] = &[
    "de", "del", "la", "las", "los", "da", "das", "do", "dos", "di", "du", "van", "von", "der",
    "den", "le", "bin", "ibn", "al", "el", "viuda", "vda", "vda.",
];

/// Whether `word` joins two parts of one name ("de", "von", "Vda.").
pub fn is_name_particle(word: &str) -> bool {
    NAME_PARTICLES.iter().any(|p| word.eq_ignore_ascii_case(p))
}

/// One or two name particles between spaces (" de la ", " von ").
fn only_particles(gap: &str) -> bool {
    let count = gap.split_whitespace().count();
    gap.starts_with(' ')
        && gap.ends_with(' ')
        && (1..=2).contains(&count)
        && gap.split_whitespace().all(is_name_particle)
}

/// `text` with every (merged) finding replaced by its token.
pub fn apply(text: &str, merged: &[Finding]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for finding in merged {
        if let Some(kept) = text.get(at..finding.start) {
            out.push_str(kept);
        }
        out.push_str(finding.kind.token());
        at = finding.end;
    }
    if let Some(rest) = text.get(at..) {
        out.push_str(rest);
    }
    out
}

/// Words in redacted text that are not replacement tokens: whitespace
/// separated chunks with a letter or digit left once tokens are removed.
pub fn remaining_words(redacted: &str) -> usize {
    redacted
        .split_whitespace()
        .filter(|chunk| has_text_besides_tokens(chunk))
        .count()
}

fn has_text_besides_tokens(mut chunk: &str) -> bool {
    if !chunk.contains('[') {
        return chunk.bytes().any(|b| b.is_ascii_alphanumeric())
            || (!chunk.is_ascii() && chunk.chars().any(char::is_alphanumeric));
    }
    while let Some(c) = chunk.chars().next() {
        if let Some(token) = Kind::ALL
            .iter()
            .map(|k| k.token())
            .find(|t| chunk.starts_with(t))
        {
            chunk = &chunk[token.len()..];
        } else if c.is_alphanumeric() {
            return true;
        } else {
            chunk = &chunk[c.len_utf8()..];
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn merges_overlaps_into_one_range() {
        let merged = merge(vec![
            Finding::new(10, 14, Kind::Name),
            Finding::new(0, 5, Kind::Url),
            Finding::new(2, 8, Kind::Date),
            Finding::new(10, 12, Kind::Zip),
        ]);
        assert_eq!(
            merged,
            vec![
                Finding::new(0, 8, Kind::Url),
                Finding::new(10, 14, Kind::Name)
            ]
        );
    }

    #[test]
    fn applies_tokens() {
        let text = "Hi Mary, call 555-1234";
        let merged = merge(vec![
            Finding::new(3, 7, Kind::Name),
            Finding::new(14, 22, Kind::Phone),
        ]);
        assert_eq!(apply(text, &merged), "Hi [NAME], call [PHONE]");
    }

    #[test]
    fn counts_words_around_tokens() {
        assert_eq!(remaining_words("Hi [NAME], call [PHONE]"), 2);
        assert_eq!(remaining_words("[NAME] [DATE]"), 0);
        assert_eq!(remaining_words("[NAME]'s ([PHONE]), [ID]x"), 2);
        assert_eq!(remaining_words(""), 0);
    }
}
