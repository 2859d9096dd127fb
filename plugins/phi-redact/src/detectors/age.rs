//! Ages of 90 and over (Safe Harbor keeps younger ages), found by the
//! structure around a number from 90 to 130 rather than by fixed phrases:
//!
//! - a unit of age after it: "94 Y/O", "95 years old", "96 year", "93
//!   años", "a 92-year-old", "95 age", glued ones ("91yoF", "93M", "99f");
//! - a verb or noun of age before it: "turned 101", "aged 91", "age: 95",
//!   "cumplió 100", "edad 93";
//! - a person and a copula or "at" before it, the phrase ending after it:
//!   "my mom is 94", "she'll be 96,", "her mother at 100 on", "At 93 I";
//! - a name then a comma before it: "Walter Freeman, 92, MRN";
//! - right before "dob" or "MRN": "Jamal McCarthy 93 dob";
//! - an ordinal before a birthday: "her 95th birthday", "101st bday";
//! - in words: "ninety-two", "NINETY ONE YEARS", "one hundred", "a
//!   hundred and one", "ninety-ninth", "hundredth", "noventa y cinco",
//!   "cien años".
//!
//! Measurements keep their numbers: a unit after ("90 mg", "100 %"), a
//! measured noun before ("sugar is 95", "sodium was 119", "temp 100.8"),
//! durations ("for 90 years", "ninety days"). Only the number is replaced.

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};
use crate::words::Word;

pub struct Ages;

impl Ages {
    pub fn new() -> Self {
        Self
    }
}

impl Default for Ages {
    fn default() -> Self {
        Self::new()
    }
}

/// Words after a number that make it an age ("95 years", "93 años").
const AGE_UNITS: &[&str] = &[
    "years",
    "year",
    "yrs",
    "yr",
    "yo",
    "yoa",
    "yearold",
    "yearsold",
    "anos",
    "años",
    "ano",
    "año",
    "añitos",
    "anitos",
    "age",
    "aged",
    "old",
    "female",
    "male",
    "woman",
    "man",
    "lady",
    "gentleman",
    "boy",
    "girl",
    "mujer",
    "hombre",
    "señora",
    "señor",
];

/// Letters glued to an age: "91yoF", "93M", "95yo", "92yrs".
const GLUED_UNITS: &[&str] = &[
    "yo", "yof", "yom", "f", "m", "yrs", "yr", "y", "yoa", "a", "anos", "años",
];

/// Words before a number that make it an age ("turned 91", "aged 95").
const AGE_VERBS: &[&str] = &[
    "turned",
    "turns",
    "turning",
    "turn",
    "aged",
    "age",
    "ages",
    "edad",
    "cumplio",
    "cumplió",
    "cumple",
    "cumplir",
    "cumplira",
    "cumplirá",
    "cumplía",
    "cumplia",
    "cumpleaños",
    "cumpleanos",
    "reached",
    "reaching",
    "reaches",
    "reach",
    "hit",
    "hits",
    "pushing",
    "celebrating",
    "celebrates",
    "celebrated",
];

/// Words of being born: "born 96 years ago" is an age, not a duration.
pub(super) const BORN: &[&str] = &["born", "nacio", "nació", "nacida", "nacido"];

/// Copulas and "at": an age follows when a person came before.
const COPULAS: &[&str] = &[
    "is", "was", "are", "were", "be", "am", "s", "m", "re", "having", "tener", "tengo", "tienes",
    "cumplido", "being", "now", "at", "es", "son", "tiene", "tenia", "tenía", "has", "have", "had",
];

/// Words that say a person came before a copula ("my mom is 94").
const PERSON_WORDS: &[&str] = &[
    "i",
    "im",
    "me",
    "she",
    "he",
    // "dob on file puts him at 96,".
    "him",
    "shes",
    "hes",
    "who",
    "ella",
    "el",
    "él",
    "yo",
    "mom",
    "mum",
    "mother",
    "mama",
    "mamá",
    "madre",
    "mami",
    "dad",
    "father",
    "papa",
    "papá",
    "padre",
    "papi",
    "grandma",
    "grandmother",
    "granny",
    "nana",
    // Chat's grandparents: "G-ma is 97", "my gpa is 94", "gg is 99".
    "ma",
    "gma",
    "gpa",
    "gg",
    "grandpa",
    "grandfather",
    "abuela",
    "abuelo",
    "abuelita",
    "abuelito",
    "bisabuela",
    "bisabuelo",
    "husband",
    "wife",
    "esposo",
    "esposa",
    "aunt",
    "uncle",
    "tia",
    "tía",
    "tio",
    "tío",
    "sister",
    "brother",
    "hermana",
    "hermano",
    "pt",
    "patient",
    "paciente",
    "resident",
    "client",
    "lady",
    "man",
    "woman",
    "gentleman",
    "señora",
    "senora",
    "señor",
    "senor",
    "don",
    "doña",
    "dona",
    "neighbor",
    "neighbour",
    "friend",
    "vecina",
    "vecino",
    "suegra",
    "suegro",
    "grandmom",
    "granddad",
    "centenarian",
    "nonagenarian",
    "supercentenarian",
    "grandad",
    "gramps",
    "grandparent",
    "grandparents",
    "customer",
    "caller",
    "member",
    "veteran",
    "individual",
    "guy",
    "fellow",
    "elder",
    "spouse",
    "partner",
    "cousin",
    "auntie",
    "aunty",
    "godmother",
    "godfather",
    "stepmom",
    "stepdad",
    "mil",
    "fil",
    "tenant",
    "roommate",
    "oma",
    "opa",
    "abue",
    "viejita",
    "viejito",
    "madrina",
    "padrino",
    "cliente",
    "they",
    "we",
    "you",
    "grammy",
    "great",
    "elderly",
    "frail",
    "geriatric",
    "senior",
    "parent",
    "parents",
    "dtr",
    "daughter",
    "son",
    "hija",
    "hijo",
    "my",
    "her",
    "his",
    "our",
    "their",
    "your",
    "mi",
    "su",
];

/// Nouns whose numbers are measurements, not ages ("sugar is 95").
const MEASURED: &[&str] = &[
    "sugar",
    "sugars",
    "glucose",
    "bs",
    "bg",
    "bp",
    "pressure",
    "o2",
    "sat",
    "sats",
    "spo2",
    "oxygen",
    "pulse",
    "hr",
    "heart",
    "rate",
    "temp",
    "temperature",
    "fever",
    "weight",
    "wt",
    "weighs",
    "score",
    "level",
    "levels",
    "a1c",
    "sodium",
    "na",
    "potassium",
    "k",
    "hgb",
    "hemoglobin",
    "plt",
    "platelets",
    "count",
    "wbc",
    "egfr",
    "gfr",
    "creatinine",
    "cr",
    "bun",
    "ldl",
    "hdl",
    "cholesterol",
    "trig",
    "triglycerides",
    "inr",
    "iq",
    "percentile",
    "bill",
    "copay",
    "balance",
    "cost",
    "price",
    "total",
    "fee",
    "room",
    "rm",
    "bed",
    "suite",
    "apt",
    "floor",
    "unit",
    "ext",
    "extension",
    "page",
    "mile",
    "miles",
    "exit",
    "route",
    "bus",
    "line",
    "azucar",
    "azúcar",
    "presion",
    "presión",
    "temperatura",
    "oxigeno",
    "oxígeno",
    "peso",
    "glucosa",
    "fiebre",
    "cuarto",
    "cuenta",
    "number",
    "numero",
    "número",
    "reading",
    "readings",
    "dose",
    "lot",
    "tsh",
    "ua",
    "ph",
    "hct",
    "ast",
    "alt",
    "chloride",
    "cl",
    "co2",
    "ca",
    "calcium",
    "mg",
    "magnesium",
    "lactate",
    "troponin",
    "trop",
    "bnp",
    "ferritin",
    "vitamin",
    "b12",
    "ekg",
    "qtc",
    "ef",
    "fev1",
    "spo",
    "pain",
    "iron",
    "tibc",
    "protein",
    "albumin",
    "alk",
    "bili",
    "bilirubin",
    "lipase",
    "amylase",
    "urine",
    "chol",
    "psa",
    "building",
    "bldg",
    "pod",
    "bay",
    "station",
    "gate",
    "door",
    "model",
    "version",
    "channel",
    "flight",
    "train",
    "battery",
    "order",
    "ward",
    "wing",
    "phone",
];

/// Words after a number that make it a measure rather than an age, besides
/// the units ("she was 94 on room air" stays an age by `AFTER_AGE`).
const MEASURE_AFTER: &[&str] = &[
    "degrees",
    "degree",
    "grados",
    "pounds",
    "libras",
    "kilos",
    "over",
    "sobre",
    "beats",
    "bpm",
    "points",
    "puntos",
    "percent",
    "por",
    "sat",
    "saturation",
    "oxygen",
    "miles",
    "millas",
    "dollars",
    "bucks",
    "pesos",
    "of",
];

/// Words before a number that make "95 years" a duration.
const DURATION_BEFORE: &[&str] = &[
    "for", "in", "over", "past", "last", "within", "after", "every", "hace", "durante", "por",
    "since", "than", "about", "nearly", "almost",
];

/// Words between a copula and an age ("he's like 93").
const FILLERS: &[&str] = &[
    "like",
    "maybe",
    "probably",
    "perhaps",
    "approximately",
    "approx",
    "roughly",
    "old",
    "quizas",
    "como",
    "about",
    "almost",
    "nearly",
    "around",
    "turning",
    "casi",
    "ya",
    "already",
    "just",
    "now",
    "only",
    "over",
    "literally",
    "basically",
    "practically",
    "actually",
    "officially",
    "technically",
];

/// Words after "her 98th" that leave it a birthday ("her 98th next week").
const AFTER_ORDINAL: &[&str] = &[
    "next",
    "this",
    "last",
    "is",
    "was",
    "party",
    "celebration",
    "coming",
    "soon",
    "tomorrow",
    "today",
    "and",
    "on",
    "in",
];

/// Words that end the phrase of an age ("she is 94 and", "is 97, lives").
const AFTER_AGE: &[&str] = &[
    "and",
    "y",
    "now",
    "today",
    "this",
    "next",
    "on",
    "in",
    "but",
    "so",
    "with",
    "lives",
    "living",
    "yo",
    "soon",
    "already",
    "ya",
    "e",
    "i",
    "she",
    "he",
    "tomorrow",
    "ahora",
    "pero",
    "hoy",
    "still",
    "sigue",
    "vive",
    "has",
    "had",
    "is",
    "was",
    "and",
    "who",
    "last",
    "w",
    "s",
    "h",
    "c",
    "presents",
    "presenting",
    "admitted",
    "here",
    "hx",
    "pmh",
];

/// A word in no list one typo away from "years", "year" or "años"
/// ("yeras", "añs", "yaers").
fn misspelt_years(word: &str) -> bool {
    let entry = crate::lexicon::lexicon().get(word);
    if entry.is_known_word() || entry.is_name() {
        return false;
    }
    let folded = crate::lexicon::fold(word);
    ["years", "year", "anos"]
        .iter()
        .any(|y| super::one_typo(&folded, y))
}

/// `word` is in `list`, or one typo from a word of five letters or more
/// of it ("turnde", "grandmohter", "femal").
fn is(list: &[&str], word: &str) -> bool {
    if list.contains(&word) {
        return true;
    }
    // ("cumpllió": a Spanish word with its accent and a typo.)
    if !word.is_ascii() {
        let folded = crate::lexicon::fold(word);
        return folded.is_ascii()
            && folded.len() >= 4
            && super::typo_in(&folded, list, 5).is_some();
    }
    word.len() >= 4 && super::typo_in(word, list, 5).is_some()
}

/// Letters after an age that say "years old" and maybe the race and sex,
/// glued or not: "yo", "yof", "y/o", "yowf", "yrs", "yobm", "f", "m".
fn age_suffix(s: &str) -> bool {
    if is(GLUED_UNITS, s) {
        return true;
    }
    let Some(rest) = s.strip_prefix('y') else {
        return false;
    };
    let rest = rest
        .strip_prefix("rs")
        .or_else(|| rest.strip_prefix('r'))
        .or_else(|| rest.strip_prefix('o'))
        .unwrap_or(rest);
    let rest = rest.strip_prefix(['w', 'b', 'h', 'a']).unwrap_or(rest);
    matches!(rest, "" | "f" | "m")
}

/// Words of a birthday: "her 95th birthday", "95 bday", "cumpleaños 95".
const BIRTHDAY: &[&str] = &[
    "birthday",
    "bday",
    "birthdays",
    "cumpleaños",
    "cumpleanos",
    "cumple",
];

/// Words of sex before an age: "F/94", "male, 93".
fn sex_word(text: &str, word: &Word<'_>) -> bool {
    let raw = &text[word.start..word.end];
    matches!(raw, "F" | "M") || matches!(&*word.lower, "female" | "male" | "woman" | "man")
}

/// A number 90-130 written as digits, with its glued letters ("91yof":
/// 91, "yof").
fn number_and_suffix(word: &str) -> Option<(u32, &str)> {
    if let Some(len) = crate::profile::masked_age(word) {
        return Some((90, &word[len..]));
    }
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    if !(2..=3).contains(&digits) {
        return None;
    }
    let n: u32 = word[..digits].parse().ok()?;
    (90..=130).contains(&n).then(|| (n, &word[digits..]))
}

/// What comes between two words, as text.
fn gap<'t>(text: &'t str, words: &[Word<'_>], i: usize) -> &'t str {
    match i {
        0 => &text[..words[0].start],
        _ => text
            .get(words[i - 1].end..words[i].start)
            .unwrap_or_default(),
    }
}

/// The digits of `words[i]` stand alone: no "$", decimal point, ratio,
/// time, range or percent glued to them.
fn standalone_number(text: &str, words: &[Word<'_>], i: usize) -> bool {
    let before = text[..words[i].start].chars().next_back();
    let after = text[words[i].end..].chars().next();
    let glued_before = matches!(before, Some('$' | '.' | '/' | ':' | '#' | '-' | '+' | '€'))
        && i > 0
        && gap(text, words, i).len() == 1;
    let glued_before = glued_before || matches!(before, Some('$' | '#'));
    let after_next = text[words[i].end..].chars().nth(1);
    let glued_after = matches!(after, Some('%' | '°'))
        || (matches!(after, Some('/' | ':' | '-' | '.' | ','))
            && after_next.is_some_and(|c| c.is_ascii_digit()));
    !glued_before && !glued_after
}

/// Whether any of the `n` words before `i` is in `list`.
fn before_within(words: &[Word<'_>], i: usize, n: usize, list: &[&str]) -> bool {
    words[i.saturating_sub(n)..i]
        .iter()
        .any(|w| is(list, &w.lower))
}

/// Whether a measured noun is among the `n` words before `i` in the same
/// phrase: "sugar is 95", not "leave at side door, pt is 97".
fn measured_before(text: &str, words: &[Word<'_>], i: usize, n: usize) -> bool {
    (i.saturating_sub(n)..i)
        .rev()
        .take_while(|&k| !gap(text, words, k + 1).contains([',', ';', '.', '!', '?', '\n']))
        .any(|k| is(MEASURED, &words[k].lower))
}

/// Whether the phrase ends right after word `i` (punctuation or the end).
fn phrase_ends_after(text: &str, words: &[Word<'_>], i: usize) -> bool {
    words.get(i + 1).is_none_or(|n| {
        let gap = &text[words[i].end..n.start];
        // A dash set off by spaces ends a phrase too: "pt 94 — can't open".
        gap.contains([',', '.', ';', ')', '\n'])
            || gap.trim() == "\u{2014}"
            || gap.trim() == "\u{2013}"
            || gap == " - "
    })
}

/// Whether the gap before word `i` holds sentence punctuation.
fn breaks_before(text: &str, words: &[Word<'_>], i: usize) -> bool {
    gap(text, words, i).contains(['.', '!', '?', ';', '\n', '(', ')', ':'])
}

fn is_age(text: &str, words: &[Word<'_>], i: usize, suffix: &str) -> bool {
    let next = words.get(i + 1).map(|w| &*w.lower);
    let next_gap = if i + 1 < words.len() {
        gap(text, words, i + 1)
    } else {
        ""
    };
    let prev = i.checked_sub(1).map(|p| &*words[p].lower);
    let near_next = next_gap.len() <= 2;
    if !suffix.is_empty() {
        return match suffix {
            "st" | "nd" | "rd" | "th" => {
                // "95th birthday", "her 100th b-day", "dad's 92nd, he".
                let birthday = matches!(
                    next,
                    Some("birthday" | "bday" | "b" | "birthdays" | "cumpleaños" | "cumpleanos")
                );
                let possessed = matches!(
                    prev,
                    Some("her" | "his" | "my" | "their" | "your" | "s" | "happy" | "feliz")
                );
                let ends = next.is_none()
                    || next_gap.contains([',', '.', ';', '!', '?', ')'])
                    || next.is_some_and(|n| is(AFTER_ORDINAL, n));
                // "Happy 98th Mrs Coleman!": a wish is a birthday (not an
                // anniversary's).
                let wished = matches!(prev, Some("happy" | "feliz"))
                    && !next.is_some_and(|n| {
                        matches!(
                            n,
                            "anniversary" | "aniversario" | "year" | "day" | "edition"
                        )
                    });
                birthday || wished || (possessed && ends)
            }
            // "in her 90s", "his mid-90s", "she's in her late 90s": an age
            // over 89 said by its decade.
            "s" => {
                matches!(
                    prev,
                    Some("her" | "his" | "their" | "mid" | "late" | "early" | "your" | "my")
                ) && !next.is_some_and(|n| is(MEASURE_AFTER, n) || super::is_unit(n))
            }
            s => age_suffix(s),
        };
    }
    if let Some(age) = age_by_neighbours(text, words, i) {
        return age;
    }
    if !standalone_number(text, words, i) {
        return false;
    }
    let measured_before = measured_before(text, words, i, 3);
    // "95 years", "93 años", "94 y/o", "92-year-old", typos ("yeras").
    if let Some(n) = next
        && near_next
        && (is(AGE_UNITS, n)
            || (n == "y" && words.get(i + 2).is_some_and(|w| &*w.lower == "o"))
            || (n.len() >= 3 && age_suffix(n))
            || misspelt_years(n))
    {
        // "for 95 years", "95 years ago" (not "93 y/o", "93 yo").
        let long_unit = !(matches!(n, "y" | "age" | "aged") || n.starts_with("yo"));
        // ("for 91 yrs female": the sex after it makes it an age.)
        let sex_after = words.get(i + 2).is_some_and(|w| {
            matches!(
                &*w.lower,
                "old" | "female" | "male" | "woman" | "man" | "f" | "m" | "lady" | "gentleman"
            )
        });
        let duration = long_unit
            && !sex_after
            && (prev.is_some_and(|p| is(DURATION_BEFORE, p))
                || words
                    .get(i + 2)
                    .is_some_and(|w| matches!(&*w.lower, "ago" | "since" | "later")));
        // "born 96 years ago", "nació hace 95 años": a birth that long ago
        // is the age.
        let born = before_within(words, i, 3, BORN);
        return !duration || born;
    }
    // "94 F with CHF": a capital sex letter (not "99 F" of a fever).
    if let Some(n) = words.get(i + 1)
        && near_next
        && matches!(&text[n.start..n.end], "F" | "M")
    {
        return !measured_before;
    }
    // "96 y, 48 kg": a lone "y" (years) before punctuation.
    if next == Some("y") && near_next && !measured_before {
        let after_y = words
            .get(i + 2)
            .map_or("", |w| &text[words[i + 1].end..w.start]);
        let sex_or_old = words
            .get(i + 2)
            .is_some_and(|w| matches!(&*w.lower, "old" | "f" | "m" | "female" | "male"));
        if i + 2 >= words.len() || after_y.contains([',', ';', ')', '/']) || sex_or_old {
            return true;
        }
    }
    if let Some(n) = next
        && near_next
        && super::is_unit(n)
    {
        return false;
    }
    // "ages 91 and 94": a second age joined to a first.
    if i >= 2
        && matches!(prev, Some("and" | "y" | "or" | "o"))
        && number_and_suffix(&words[i - 2].lower).is_some()
        && is_age(text, words, i - 2, "")
    {
        return true;
    }
    // "ages 92 & 95": the same with "&" or "+".
    if i >= 1
        && matches!(gap(text, words, i).trim(), "&" | "+")
        && number_and_suffix(&words[i - 1].lower).is_some()
        && is_age(text, words, i - 1, "")
    {
        return true;
    }
    let Some(mut p) = prev else { return false };
    // "he's like 93", "ella tiene ya 96", "she is old maybe 95": one or two
    // fillers after the copula.
    let mut at = i;
    // ("my grandpas like 96": a relation and "'s" without the apostrophe.)
    for fillers in 1..=2 {
        let before = i.checked_sub(fillers + 1).map(|b| &*words[b].lower);
        if (1..=fillers).all(|k| is(FILLERS, &words[i - k].lower))
            && before.is_some_and(|b| is(COPULAS, b) || relation_s(b))
        {
            at = i - fillers;
            p = &words[i - fillers - 1].lower;
            break;
        }
    }
    let i = at;
    // "93/F": an age, a slash and the sex.
    if text[words[i].end..].starts_with(['/']) && matches!(next, Some("f" | "m")) {
        return !measured_before;
    }
    // "Nana (93)", "Ruth Cole (97)", "DOB 2/1/1930 (95)".
    let birth_year = words[i - 1].lower.len() == 4 && words[i - 1].is_digits();
    let person_before =
        name_like(text, &words[i - 1]) || is(PERSON_WORDS, p) || person_flag(p) || birth_year;
    // "given age (96)": the noun of age before the bracket.
    let age_noun = matches!(p, "age" | "aged" | "edad");
    // ("Margaret Olander (101!)": the bracket may close after a "!".)
    let closes = next_gap.trim_start_matches(['!', '?']).starts_with(')');
    if gap(text, words, i).trim() == "(" && closes {
        return (person_before || age_noun) && !measured_before;
    }
    if breaks_before(text, words, i) && !gap(text, words, i).contains(',') {
        // Only "Age: 95" and "Pt: 97, F" cross punctuation.
        // ("Pt: 94 / CrCl 30": a slash or bar ends the field too.)
        let labelled_person = gap(text, words, i).trim() == ":"
            && matches!(p, "pt" | "patient" | "paciente")
            && (phrase_ends_after(text, words, i) || next_gap.trim_start().starts_with(['/', '|']));
        return (is(AGE_VERBS, p) || labelled_person) && !measured_before;
    }
    // "turned the big 100", "hits the big one hundred".
    if p == "big" && i >= 3 && &*words[i - 2].lower == "the" && is(AGE_VERBS, &words[i - 3].lower) {
        return true;
    }
    if is(AGE_VERBS, p) {
        return !measured_before || matches!(p, "age" | "aged" | "edad");
    }
    // "for someone 98 that dose is high": a person right before the
    // number, not a measure after it.
    if matches!(p, "someone" | "somebody" | "anyone" | "anybody" | "alguien")
        && !measured_before
        && !next.is_some_and(|n| is(MEASURE_AFTER, n) || super::is_unit(n))
    {
        return true;
    }
    // "wife 90 and husband 93 both need the shot": a relation right
    // before the number, no measure after it.
    if person_flag(p)
        && super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(p)).relation()
        && gap(text, words, i) == " "
        && !measured_before
        && !next.is_some_and(|n| is(MEASURE_AFTER, n) || super::is_unit(n))
        && !next_gap.starts_with(['/', ':', '.', '-'])
    {
        return true;
    }
    // "your mom at 93 should avoid it": a person right before "at" and
    // the number, no measure after it.
    if p == "at"
        && i >= 2
        && (is(PERSON_WORDS, &words[i - 2].lower)
            || super::name::vocabulary::flags_of(
                crate::lexicon::lexicon().get(&words[i - 2].lower),
            )
            .relation())
        && gap(text, words, i) == " "
        && gap(text, words, i - 1) == " "
        && !measured_before
        && !next.is_some_and(|n| is(MEASURE_AFTER, n) || super::is_unit(n))
        && !next_gap.starts_with(['/', ':', '.', '-', '%'])
    {
        return true;
    }
    // Right before "dob", "MRN", "born": "Jamal McCarthy 93 dob".
    if matches!(next, Some("dob" | "mrn" | "born" | "yof" | "yom")) && !measured_before {
        return true;
    }
    let phrase_ends = next.is_none()
        || next_gap.contains([',', '.', ';', '!', '?', ')', '\n', '-'])
        || next.is_some_and(|n| is(AFTER_AGE, n))
        || per_source(words, i);
    if measured_before {
        return false;
    }
    // "since she's 93 the dose...", "my mom is 94 she": text without
    // punctuation; a person, a copula and the number, then anything but a
    // measure ("she was 94 degrees", "he is 100 over 60").
    // "shes", "im": a person and a copula in one word.
    // "dads 92 now", "grandmas 99": a relation and "'s" without the
    // apostrophe.
    let relation_is = relation_s(p) && i >= 1 && gap(text, words, i).trim().is_empty();
    let contracted = matches!(p, "shes" | "hes" | "im" | "whos" | "youre") || relation_is;
    if !phrase_ends {
        let measure_after = next.is_some_and(|n| is(MEASURE_AFTER, n));
        let copula = is(COPULAS, p)
            && !matches!(p, "at" | "now" | "has" | "have" | "had" | "having")
            && i >= 2
            && person_within(words, i - 1, 3);
        return !measure_after && (copula || contracted);
    }
    // "tiene 93.", "mi papá tiene 93": "tener" years is an age.
    if contracted || matches!(p, "tiene" | "tenia" | "tenía") {
        return true;
    }
    // "Walter Freeman, 92, MRN", "to Santiago O'Brien 96": a name, then
    // the number ending the phrase.
    let name_gap = matches!(gap(text, words, i).trim(), "," | "");
    if name_gap && person_before {
        return true;
    }
    // "Is 93 and lives alone": a note that drops its subject, the copula
    // opening the sentence, a personal predicate after "and".
    let opens = i == 1 || (i >= 2 && breaks_before(text, words, i - 1));
    if opens
        && matches!(p, "is" | "was" | "es")
        && matches!(next, Some("and" | "y"))
        && words
            .get(i + 2)
            .is_some_and(|w| is(PERSONAL_AFTER_AND, &w.lower))
    {
        return true;
    }
    // "my mom is 94", "she'll be 96", "her mother at 100", "At 93 I".
    if is(COPULAS, p) {
        let person = i >= 2 && person_within(words, i - 1, 4)
            || (i >= 2 && name_like(text, &words[i - 2]) && p == "is");
        let at_start = p == "at" && (i == 1 || breaks_before(text, words, i - 1));
        let then_person = next.is_some_and(|n| matches!(n, "i" | "she" | "he" | "yo"));
        return person || (at_start && then_person);
    }
    false
}

/// "96 per chart", "93 per daughter": the source of the figure after it,
/// not a rate ("96 per minute", "100 per dose").
fn per_source(words: &[Word<'_>], i: usize) -> bool {
    words.get(i + 1).is_some_and(|w| &*w.lower == "per")
        && words.get(i + 2).is_some_and(|w| {
            !super::is_unit(&w.lower)
                && !is(MEASURED, &w.lower)
                && !matches!(
                    &*w.lower,
                    "cent" | "visit" | "person" | "serving" | "box" | "pack"
                )
        })
}

/// Words after "Is 93 and" that tell of a person, when a chart note
/// drops the subject: "Is 93 and lives alone".
const PERSONAL_AFTER_AND: &[&str] = &[
    "lives", "living", "still", "cant", "can", "needs", "walks", "uses", "takes", "drives",
    "doesnt", "does", "hard", "blind", "deaf", "frail", "sharp", "bedbound", "alone", "vive",
    "camina", "usa", "toma", "sigue", "no",
];

/// "dads", "grandmas": a person or a relation and "'s" (is) without the
/// apostrophe.
fn relation_s(p: &str) -> bool {
    p.len() >= 4
        && p.strip_suffix('s').is_some_and(|stem| {
            !matches!(stem, "hi" | "thi" | "wa" | "ye")
                && (is(PERSON_WORDS, stem)
                    || super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(stem))
                        .relation())
        })
}

/// Ages told by the words right around the number, checked before the
/// general rules (some across a "/" or "#" they refuse): "F/94", "male,
/// 93,", "95 bday", "bday #95", "cumpleaños número 95", "who's 98", "made
/// it to 100", "lived to be 101", "cumplió los 95", "will be 91 on
/// Sunday", "mi abuelita de 96". `None` leaves the number to the general
/// rules.
fn age_by_neighbours(text: &str, words: &[Word<'_>], i: usize) -> Option<bool> {
    let w = &words[i];
    let mut rest = text[w.end..].chars();
    let (after, after_next) = (rest.next(), rest.next());
    // "94.5", "95/60", "100%": a decimal, a ratio, a time or a percentage.
    let goes_on = matches!(after, Some('/' | ':' | '.' | ',' | '-'))
        && after_next.is_some_and(|c| c.is_ascii_digit());
    if goes_on || matches!(after, Some('%' | '\u{b0}')) {
        return None;
    }
    let prev = |k: usize| i.checked_sub(k).map(|p| &*words[p].lower);
    let (p1, p2) = (prev(1), prev(2));
    // ("Luis Arredondo Sr., 91": the abbreviation's period, then the comma.)
    // ("pt Juan A. (94)": an initial's period, then the bracket.)
    let gap_before = match gap(text, words, i).trim() {
        ".," => ",",
        ". (" | ".(" => "(",
        g => g,
    };
    let next = words.get(i + 1).map(|n| &*n.lower);
    // (A unit right after the number: "90, mile 37" is an age, then a
    // place.)
    let unit_after = next.is_some_and(|n| super::is_unit(n) && !is(AGE_UNITS, n))
        && words
            .get(i + 1)
            .is_some_and(|n| text[w.end..n.start].trim().is_empty());
    let ends = phrase_ends_after(text, words, i) || next.is_some_and(|n| is(AFTER_AGE, n));
    // "F/94", "M/93", "female, 93,".
    if i > 0
        && sex_word(text, &words[i - 1])
        && matches!(gap_before, "/" | ",")
        && !before_within(words, i, 3, MEASURED)
        && (gap_before == "/" || ends)
    {
        return Some(!unit_after);
    }
    // "elderly female 91", "a woman 94, lives alone": the sex in a word,
    // then the number ending the phrase.
    if i > 0
        && matches!(&*words[i - 1].lower, "female" | "male" | "woman" | "man")
        && gap_before.is_empty()
        && ends
        && !unit_after
        && !before_within(words, i, 3, MEASURED)
    {
        return Some(true);
    }
    // "oldest pt on our list, 102, refill due", "her husband, now 94,":
    // a number set off by commas a few words after a person (not in a
    // room or bed number).
    // ("pt Juan Ramos Sr., 90.": a period ending the sentence too.)
    let full_stop = after == Some('.') && after_next.is_none_or(|c| !c.is_ascii_digit());
    // ("Mrs. Ortiz (96, DOB 3/4/1929)": opening a bracket too.)
    let set_off = matches!(gap_before, "," | "(" | ":")
        && (matches!(after, Some(',' | ';' | ')')) || full_stop)
        && words[i.saturating_sub(5)..i]
            .iter()
            .any(|w| is(PERSON_WORDS, &w.lower) || person_flag(&w.lower))
        && !before_within(words, i, 4, MEASURED)
        && !words[i.saturating_sub(5)..i].iter().any(|w| {
            matches!(
                &*w.lower,
                "room" | "rm" | "bed" | "cama" | "unit" | "suite" | "apt"
            )
        });
    if set_off && !unit_after {
        return Some(true);
    }
    // "Beryl Ashdown-Price, 95 (b. 1930)", "Nils Thorvaldsen (94, d.
    // 10/27)", "Roberta Kincaid ("Bobbie", 97)": a number set off right
    // after a capitalised name.
    let quoted = gap_before.starts_with(['"', '\u{201d}']) && gap_before.ends_with(',');
    // ("LOPEZ-HART, V (94)": the name's initial between.)
    let name_before = i > 0
        && ((name_like(text, &words[i - 1])
            && text[words[i - 1].start..].starts_with(char::is_uppercase))
            || (initial(text, &words[i - 1])
                && i > 1
                && name_like(text, &words[i - 2])
                && text[words[i - 2].start..].starts_with(char::is_uppercase)));
    // ("ELLERBY, JUNE (91)": a month that is a first name, in brackets.)
    let month_name_before = gap_before == "("
        && i > 0
        && text[words[i - 1].start..].starts_with(char::is_uppercase)
        && super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(&words[i - 1].lower))
            .month_or_modal();
    let after_name = (matches!(gap_before, "," | "(") || quoted)
        && (matches!(after, Some(',' | ';' | ')')) || full_stop || text[w.end..].starts_with(" ("))
        && (name_before || month_name_before)
        && !before_within(words, i, 4, MEASURED);
    if after_name && !unit_after {
        return Some(true);
    }
    // "the pt's sister, 90 herself": a person's own age.
    let reflexive = next.is_some_and(|n| matches!(n, "herself" | "himself"))
        && words
            .get(i + 1)
            .is_some_and(|n| &text[w.end..n.start] == " ");
    if reflexive {
        return Some(true);
    }
    // "95 bday", "100 cumpleaños".
    let next_close = words
        .get(i + 1)
        .is_some_and(|n| matches!(text[w.end..n.start].trim(), "" | "-"));
    if next_close && next.is_some_and(|n| is(BIRTHDAY, n)) {
        return Some(true);
    }
    // "bday #95", "cumpleaños número 95", "birthday no. 95".
    let birthday_before = (p1.is_some_and(|p| is(BIRTHDAY, p))
        && matches!(gap_before, "" | "#" | ":"))
        || (matches!(p1, Some("numero" | "número" | "number" | "no" | "num"))
            && p2.is_some_and(|p| is(BIRTHDAY, p)));
    if birthday_before {
        return Some(!unit_after);
    }
    // "at the age of 96", "a la edad de 93": the noun of age, then "of".
    let age_of = matches!(p1, Some("of" | "de")) && matches!(p2, Some("age" | "edad"));
    // "pt 96 with CrCl 28": the patient right before the number, whatever
    // was measured earlier in the sentence.
    let patient_then =
        matches!(p1, Some("pt" | "patient" | "paciente")) && gap_before.is_empty() && ends;
    if (age_of || patient_then) && !unit_after {
        return Some(true);
    }
    if !matches!(gap_before, "" | "'") || measured_before(text, words, i, 3) {
        return None;
    }
    // "who's 98", "who is 98" (whatever follows).
    let who = p1 == Some("whos") || (matches!(p1, Some("is" | "s" | "was")) && p2 == Some("who"));
    // "made it to 100", "lived to 100", "lived to be 101".
    let lived = (p1 == Some("to")
        && matches!(p2, Some("it" | "lived" | "live" | "living" | "lives")))
        || (p1 == Some("be")
            && p2 == Some("to")
            && matches!(prev(3), Some("live" | "lived" | "living" | "lives")));
    // "cumplió los 95", "turned the big 100".
    let verb_article = matches!(p1, Some("los" | "the")) && p2.is_some_and(|p| is(AGE_VERBS, p));
    if who || lived || verb_article {
        return Some(!unit_after);
    }
    // "will be 91 on Sunday" starting a sentence.
    let will_be = p1 == Some("be")
        && matches!(p2, Some("will" | "ll"))
        && (i == 2 || (i > 2 && breaks_before(text, words, i - 2)));
    // "mi abuelita de 96", "la paciente de 93", "paciente femenina de 94".
    let of_person = p1 == Some("de")
        && p2.is_some_and(|p| {
            is(PERSON_WORDS, p)
                || person_flag(p)
                || matches!(p, "masculino" | "masculina" | "femenino" | "femenina")
        });
    // "going on 96", "a sus 97" (Spanish: at her 97), "F 94" opening a
    // clinical line.
    let going_on = p1 == Some("on") && p2 == Some("going") && ends;
    // ("ya tiene sus 91", "cumple sus 95".)
    let a_sus = p1 == Some("sus")
        && matches!(
            p2,
            Some(
                "a" | "tiene"
                    | "tenia"
                    | "tenía"
                    | "cumple"
                    | "cumplio"
                    | "cumplió"
                    | "cumplira"
                    | "cumplirá"
            )
        );
    // ("Lucille Beauregard, F 94,": after the name and a comma too.)
    let sex_first = i > 0
        && matches!(&text[words[i - 1].start..words[i - 1].end], "F" | "M")
        && gap_before.is_empty()
        && (i == 1
            || breaks_before(text, words, i - 1)
            || matches!(p2, Some("pt" | "patient" | "paciente"))
            || (i > 1
                && gap(text, words, i - 1).trim() == ","
                && name_like(text, &words[i - 2])
                && ends));
    // "ya va para los 91", "anda en los 92": an age approached.
    let para_los = p1 == Some("los")
        && (matches!(p2, Some("para")) && matches!(prev(3), Some("va" | "iba" | "van"))
            || matches!(p2, Some("en")) && matches!(prev(3), Some("anda" | "andaba")));
    if (going_on || a_sus || sex_first || para_los) && !unit_after {
        return Some(true);
    }
    if ((will_be && ends) || of_person) && !unit_after {
        return Some(true);
    }
    None
}

/// A person word or a title or relation of the name vocabulary, in any
/// of its languages ("she", "grandson", "Appa", "Nanay"), within `n`
/// words before word `i`.
fn person_within(words: &[Word<'_>], i: usize, n: usize) -> bool {
    words[i.saturating_sub(n)..i]
        .iter()
        .any(|w| is(PERSON_WORDS, &w.lower) || person_flag(&w.lower))
}

/// A title or relation of the name vocabulary ("pt", "grandson").
fn person_flag(word: &str) -> bool {
    let flags = super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(word));
    flags.title() || flags.relation()
}

/// A capital letter alone, a name's initial ("V", "R.").
fn initial(text: &str, word: &Word<'_>) -> bool {
    let raw = &text[word.start..word.end];
    raw.len() == 1 && raw.bytes().all(|b| b.is_ascii_uppercase())
}

/// A word that may be a name: capitalised in the text (not a sentence
/// start) or a census name.
fn name_like(text: &str, word: &Word<'_>) -> bool {
    if word.lower.bytes().any(|b| b.is_ascii_digit()) || is(MEASURED, &word.lower) {
        return false;
    }
    let entry = crate::lexicon::lexicon().get(&word.lower);
    if super::name::vocabulary::flags_of(entry).never() {
        return false;
    }
    let capital = text[word.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase);
    (capital && word.lower.len() > 1) || (entry.is_name() && !entry.is_ordinary())
}

/// A number word of a reading's first part ("one sixty", "ciento
/// cuarenta", "a hundred and ten").
fn number_word(word: &str) -> bool {
    units_word(word)
        || matches!(
            word,
            "ten"
                | "twenty"
                | "thirty"
                | "forty"
                | "fifty"
                | "sixty"
                | "seventy"
                | "eighty"
                | "hundred"
                | "diez"
                | "veinte"
                | "treinta"
                | "cuarenta"
                | "cincuenta"
                | "sesenta"
                | "setenta"
                | "ochenta"
                | "cien"
                | "ciento"
        )
}

/// Number words from one to nine, English and Spanish.
fn units_word(word: &str) -> bool {
    matches!(
        word,
        "one"
            | "two"
            | "three"
            | "four"
            | "five"
            | "six"
            | "seven"
            | "eight"
            | "nine"
            | "uno"
            | "un"
            | "dos"
            | "tres"
            | "cuatro"
            | "cinco"
            | "seis"
            | "siete"
            | "ocho"
            | "nueve"
    )
}

fn ordinal_unit(word: &str) -> bool {
    matches!(
        word,
        "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
    )
}

/// Units after a number word that make it no age ("ninety days", "cien
/// pesos"); the age units ("years") are not among them.
fn counted(word: &str) -> bool {
    (super::is_unit(word) && !is(AGE_UNITS, word))
        || matches!(
            word,
            "dias"
                | "días"
                | "semanas"
                | "meses"
                | "minutos"
                | "horas"
                | "pesos"
                | "dolares"
                | "dólares"
                | "por"
                | "percent"
                | "dollars"
                | "bucks"
                | "pills"
                | "tablets"
                | "mg"
        )
}

/// Whether `word` is one typo from the number word `number` and no word of
/// any list ("ninty", "nintey", "nobenta").
fn misspelt(word: &str, number: &str) -> bool {
    word != number && word.len() + 1 >= number.len() && super::one_typo(word, number) && {
        let entry = crate::lexicon::lexicon().get(word);
        !(entry.is_known_word() || entry.is_name() || entry.vocabulary_bits() != 0)
    }
}

/// Ages written in words: "ninety", "ninety-two", "ninety two years", "one
/// hundred", "a hundred and one", "ninety-ninth", "hundredth", "noventa y
/// cinco", "cien años" (not before a unit: "ninety days").
fn ages_in_words(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let words = scan.words;
    let close = |a: &Word<'_>, b: &Word<'_>| scan.text[a.end..b.start].len() <= 1;
    for (i, w) in words.iter().enumerate() {
        let prev = i.checked_sub(1).map(|p| &*words[p].lower);
        let (start, mut end, mut next, spanish) = match &*w.lower {
            "ninety" | "ninetieth" => (w.start, w.end, i + 1, false),
            // "in her nineties", "his late nineties".
            "nineties"
                if matches!(
                    prev,
                    Some("her" | "his" | "their" | "mid" | "late" | "early" | "your" | "my")
                ) =>
            {
                (w.start, w.end, i + 1, false)
            }
            "noventa" => (w.start, w.end, i + 1, true),
            // "nintey", "ninty", "nobenta": one typo away, in no list.
            x if misspelt(x, "ninety") => (w.start, w.end, i + 1, false),
            x if misspelt(x, "noventa") => (w.start, w.end, i + 1, true),
            "hundred" | "hundredth" if matches!(prev, Some("one" | "a")) => {
                (words[i - 1].start, w.end, i + 1, false)
            }
            "hundredth" => (w.start, w.end, i + 1, false),
            "cien" | "ciento" => (w.start, w.end, i + 1, true),
            _ => continue,
        };
        // "ninety-two", "noventa y cinco", "hundred and one", "ninety-ninth".
        let joiner = words
            .get(next)
            .is_some_and(|n| matches!(&*n.lower, "and" | "y") && close(&words[next - 1], n));
        let unit_at = if joiner { next + 1 } else { next };
        if let Some(n) = words.get(unit_at)
            && (units_word(&n.lower) || ordinal_unit(&n.lower))
            && close(&words[unit_at - 1], n)
        {
            end = n.end;
            next = unit_at + 1;
        }
        let after = words.get(next).map(|n| &*n.lower);
        let age_unit = after.is_some_and(|a| is(AGE_UNITS, a));
        let age_verb = prev.is_some_and(|p| is(AGE_VERBS, p) || p == "tiene");
        // A reading said aloud: "one sixty over ninety", "pulse ninety".
        let reading = matches!(prev, Some("over" | "sobre"))
            && i >= 2
            && (number_word(&words[i - 2].lower)
                || words[i - 2].lower.bytes().all(|b| b.is_ascii_digit()))
            || prev.is_some_and(|p| {
                matches!(
                    p,
                    "pulse"
                        | "rate"
                        | "hr"
                        | "sats"
                        | "sat"
                        | "oxygen"
                        | "o2"
                        | "sugar"
                        | "glucose"
                        | "pressure"
                        | "bp"
                        | "temp"
                        | "weight"
                        | "pulso"
                )
            });
        let keep = match after {
            _ if reading => false,
            Some(a) if counted(a) => false,
            // "cien" alone is too common ("cien por ciento", "cien pesos").
            _ if spanish && &*w.lower != "noventa" => age_unit || age_verb,
            _ => true,
        };
        if keep {
            out.push(Finding::new(start, end, Kind::Age));
        }
    }
}

/// "F93 in bay 2", "M91 s/p fall": a capital sex letter glued before the
/// age, opening a clinical line; the digits' start and end.
fn sex_glued_before(text: &str, w: &Word<'_>) -> Option<usize> {
    let raw = &text[w.start..w.end];
    let digits = raw.strip_prefix(['F', 'M'])?;
    if !(2..=3).contains(&digits.len()) || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: u32 = digits.parse().ok()?;
    let before = text[..w.start].trim_end_matches(' ');
    let opens = before.is_empty() || before.ends_with([',', ':', ';', '-', '.', '\n', '(']);
    let after = text[w.end..].chars().next();
    ((90..=130).contains(&n) && opens && !matches!(after, Some('/' | ':' | '.' | '%')))
        .then_some(w.start + 1)
}

/// More shapes of an age checked after the general rules: "born in 1930,
/// so 95 now" (a birth earlier in the sentence, then "so" / "making" /
/// "makes" and the number), "a woman of 92" (a person noun and "of"), and
/// the Spanish abbreviation of años in "(93 a.)", "91 a,".
fn more_age_shapes(text: &str, words: &[Word<'_>], i: usize) -> bool {
    let prev = i.checked_sub(1).map(|p| &*words[p].lower);
    let next = words.get(i + 1).map(|w| &*w.lower);
    let gap_before = gap(text, words, i).trim_matches(' ');
    let gap_after = words
        .get(i + 1)
        .map_or("", |n| text[words[i].end..n.start].trim_matches(' '));
    // "(140 - 92) x 50 / (72 x 1.1)": the age inside Cockcroft-Gault's
    // creatinine clearance, "Age-92", "edad=93", "Age:93".
    let minus = matches!(gap_before, "-" | "\u{2212}" | "\u{2013}");
    let clearance = || {
        let opened = i >= 1 && gap(text, words, i - 1).ends_with('(');
        let named = words[i.saturating_sub(8)..(i + 8).min(words.len())]
            .iter()
            .any(|w| matches!(&*w.lower, "crcl" | "cockcroft" | "gault" | "clearance"));
        let pressure = words[i.saturating_sub(4)..i]
            .iter()
            .any(|w| matches!(&*w.lower, "bp" | "pressure" | "presion" | "mmhg"));
        (opened || named) && !pressure
    };
    if (prev == Some("140") && minus && clearance())
        || (matches!(prev, Some("age" | "aged" | "edad"))
            && matches!(gap_before, "-" | "=" | ":" | "\u{2013}"))
    {
        return true;
    }
    // "Dad (99!) wants a beer", "my aunt (94) lives alone": a person's
    // age in brackets after them.
    let closes = text[words[i].end..].trim_start().starts_with([')', '!']);
    if gap_before == "(" && closes && prev.is_some_and(|p| is(PERSON_WORDS, p)) {
        return true;
    }
    // "mi papá 91 se cayó", "my grandma 94 fell": a person's age right
    // after them, a verb after it.
    let verb_after = matches!(
        next,
        Some(
            "se" | "is"
                | "has"
                | "had"
                | "fell"
                | "was"
                | "ya"
                | "esta"
                | "está"
                | "tiene"
                | "needs"
                | "lives"
                | "still"
                | "can"
                | "cant"
                | "refuses"
                | "wont"
                | "keeps"
                | "no"
                | "anda"
                | "vive"
                | "sigue"
        )
    );
    if gap_before.is_empty()
        && gap_after.is_empty()
        && verb_after
        && prev.is_some_and(|p| is(PERSON_WORDS, p))
    {
        return true;
    }
    // "Mr Kowalski 98 refused breakfast", "ward: Milton Ackerley 94.": a
    // number right after a surname (a name the census knows, capitalised),
    // then a lower-case word or the end of the phrase (not "Dr. Lee 92
    // Main St").
    let surname_before = i >= 1 && {
        let w = &words[i - 1];
        let entry = crate::lexicon::lexicon().get(&w.lower);
        entry.is_surname() && name_like(text, w) && !entry.is_ordinary()
    };
    let lower_or_end = words.get(i + 1).is_none_or(|n| {
        text[n.start..].starts_with(|c: char| c.is_lowercase())
            && !super::address::is_street_type(&n.lower)
    }) || gap_after.starts_with(['.', ',', ';', '!', '?', ')']);
    let unit_after = next.is_some_and(|n| is(MEASURE_AFTER, n) || super::is_unit(n));
    if surname_before && gap_before.is_empty() && lower_or_end && !unit_after {
        return true;
    }
    // "pt Theodora Ilic, 102: court case ...": after a name and a comma,
    // before a colon.
    if gap_before == "," && gap_after.starts_with(':') && i >= 1 && name_like(text, &words[i - 1]) {
        return true;
    }
    // "rivera/92/F", "92/M": the sex after a slash.
    let sex_after = matches!(next, Some("f" | "m" | "male" | "female"));
    if gap_after == "/" && sex_after && (gap_before == "/" || next != Some("m")) {
        return true;
    }
    let measure_after = next.is_some_and(|n| is(MEASURE_AFTER, n) || super::is_unit(n));
    if measure_after || measured_before(text, words, i, 3) {
        return false;
    }
    // "age>89 (98)", "Age (yrs): 93", "edad (años): 91": a number in
    // brackets a few words after the noun of age, or the field of an age
    // label whose unit is in brackets.
    let age_noun = |w: &Word<'_>| matches!(&*w.lower, "age" | "aged" | "edad");
    let bracketed = gap_before.ends_with('(') && gap_after.starts_with(')');
    if bracketed && words[i.saturating_sub(3)..i].iter().any(age_noun) {
        return true;
    }
    if gap_before.ends_with(':')
        && i >= 2
        && matches!(prev, Some("yrs" | "years" | "y" | "anos" | "años"))
        && age_noun(&words[i - 2])
    {
        return true;
    }
    // "age verified: 92", "edad registrada: 91": the field of an age
    // label of a few words, with no other number in it.
    if gap_before.ends_with(':')
        && words[i.saturating_sub(3)..i].iter().any(age_noun)
        && !words[i.saturating_sub(3)..i]
            .iter()
            .any(|w| w.lower.bytes().any(|b| b.is_ascii_digit()))
    {
        return true;
    }
    // 'screening q "over 89?" yes, 101 per profile': where the message
    // itself speaks of Safe Harbor's threshold (over 89, >89, 89+, older
    // than 89), a number from 90 on standing alone is an age.
    if standalone_number(text, words, i) && says_over_89(text, words) {
        return true;
    }
    if matches!(
        prev,
        Some("so" | "making" | "makes" | "thus" | "asi" | "así")
    ) && (before_within(words, i - 1, 6, BORN)
        || words[i.saturating_sub(6)..i - 1].iter().any(|w| {
            w.lower.len() == 4
                && w.is_digits()
                && w.lower.starts_with(['1', '2'])
                && before_within(words, i - 1, 6, &["born", "since", "nacio", "nació"])
        }))
    {
        return true;
    }
    if prev == Some("of")
        && i >= 2
        && matches!(
            &*words[i - 2].lower,
            "man" | "woman" | "lady" | "gentleman" | "gent" | "person" | "patient" | "fellow"
        )
    {
        return true;
    }
    // "age calc 92", "age per DOB 93", "edad aprox 91": the noun of age
    // two or three words before in the same phrase, no other number
    // between.
    let age_at = (i.saturating_sub(3)..i)
        .rev()
        .find(|&k| age_noun(&words[k]));
    if let Some(k) = age_at
        && k + 1 < i
        && !words[k + 1..i]
            .iter()
            .any(|w| w.lower.bytes().any(|b| b.is_ascii_digit()))
        && (k + 1..=i).all(|m| !breaks_before(text, words, m) && !gap(text, words, m).contains(','))
        && standalone_number(text, words, i)
    {
        return true;
    }
    // "her age is listed as 94", "su edad es de 93": the noun of age a
    // few words before, a copula or "as" right before the number.
    if matches!(
        prev,
        Some("is" | "as" | "was" | "be" | "es" | "de" | "como" | "now")
    ) && words[i.saturating_sub(5)..i - 1]
        .iter()
        .any(|w| matches!(&*w.lower, "age" | "edad"))
    {
        return true;
    }
    if next == Some("a") {
        let after = words.get(i + 2).map_or(&text[words[i + 1].end..], |n| {
            &text[words[i + 1].end..n.start]
        });
        let opened = gap(text, words, i).contains('(');
        return after.starts_with(['.', ')']) || (opened && after.starts_with(','));
    }
    false
}

/// Whether the message speaks of ages over 89: "over 89", "> 89",
/// "age>89", "89+", "older than 89", "mayor de 89", "más de 89".
fn says_over_89(text: &str, words: &[Word<'_>]) -> bool {
    words.iter().enumerate().any(|(k, w)| {
        // The word `back` places before the 89.
        let before = |back: usize| k.checked_sub(back).map(|p| &*words[p].lower);
        // "> 89", "\u{2265} 90", "89+": the threshold's sign around it.
        let bound = || {
            text[w.end..].starts_with('+')
                || gap(text, words, k).trim_end().ends_with(['>', '\u{2265}'])
        };
        // ("Pt >90 (93)", "age 90+ (actual 94)": the threshold said as 90
        // after a patient or an age.)
        let ninety = &*w.lower == "90"
            && bound()
            && (1..=2).any(|b| {
                before(b).is_some_and(|p| {
                    matches!(p, "pt" | "patient" | "age" | "aged" | "edad" | "paciente")
                })
            });
        ninety
            || &*w.lower == "89"
                && (bound()
                    || matches!(
                        before(1),
                        Some("over" | "than" | "above" | "past" | "beyond")
                    )
                    || (before(1) == Some("de")
                        && matches!(before(2), Some("mayor" | "mayores" | "mas" | "más"))))
    })
}

impl Detector for Ages {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        ages_in_words(scan, out);
        if !scan.profile.age_hint {
            return;
        }
        let words = scan.words;
        for (i, w) in words.iter().enumerate() {
            if let Some(start) = sex_glued_before(scan.text, w) {
                out.push(Finding::new(start, w.end, Kind::Age));
                continue;
            }
            let Some((_, suffix)) = number_and_suffix(&w.lower) else {
                continue;
            };
            // ">90", "90+": a bound (Safe Harbor's own "90 or older"), not
            // a person's age.
            // (Not an arrow: "dose check -> 91 yo".)
            let before = scan.text[..w.start].trim_end_matches(' ');
            let arrow = before.ends_with("->") || before.ends_with("=>");
            let bound = (before.ends_with(['>', '<', '\u{2265}']) && !arrow)
                || scan.text[w.end..].starts_with('+');
            if bound && suffix.is_empty() {
                continue;
            }
            if is_age(scan.text, words, i, suffix)
                || (suffix.is_empty() && more_age_shapes(scan.text, words, i))
            {
                let end = if matches!(suffix, "st" | "nd" | "rd" | "th" | "s") {
                    w.end
                } else {
                    w.end - suffix.len()
                };
                out.push(Finding::new(w.start, end, Kind::Age));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ages(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Ages::new(), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn after_an_initial_and_of_oneself() {
        assert_eq!(
            ages("LOPEZ-HART, V (94) - bed 6 - needs pureed tray"),
            ["94"]
        );
        assert_eq!(
            ages("Caregiver Esther (pt's sister, 90 herself) will sign."),
            ["90"]
        );
        assert!(ages("Bed 4, V (94) on the monitor list, gave 90 mg himself").is_empty());
        // A first name that is also a month.
        assert_eq!(ages("1) HOLLOWAY, APRIL (93) adm Sat, AKI"), ["93"]);
        assert!(ages("seen in April, 93 on the scale").is_empty());
    }

    #[test]
    fn bracketed_after_a_person() {
        assert_eq!(ages("Grandpa (96!) asks if he can fly"), vec!["96"]);
        assert_eq!(ages("my aunt (93) lives alone"), vec!["93"]);
        assert!(ages("my aunt (63) lives alone").is_empty());
        assert!(ages("the dose (90 mg) is high").is_empty());
    }

    #[test]
    fn right_after_a_surname() {
        assert_eq!(ages("Mr Kowalski 98 refused breakfast"), vec!["98"]);
        assert_eq!(ages("ward: Milton Ackerley 94. guardian: me"), vec!["94"]);
        assert!(ages("Dr. Lee 92 Main St").is_empty());
        assert!(ages("Smith 95 mg").is_empty());
    }

    #[test]
    fn right_after_a_person_or_a_name() {
        assert_eq!(ages("mi papá 91 se cayó. ya está bien"), vec!["91"]);
        assert_eq!(
            ages("Guardianship papers for pt Theodora Ilic, 102: court"),
            vec!["102"]
        );
        assert!(ages("my dad 75 is fine, room 92 has the key").is_empty());
    }

    #[test]
    fn hedged_ages_after_a_copula() {
        assert_eq!(ages("she is old maybe 95, we dont know"), vec!["95"]);
        assert_eq!(ages("my mother is probably 93 now"), vec!["93"]);
        assert!(ages("he is maybe 45").is_empty());
        assert_eq!(
            ages("resident Margaret Olander (101!) had a temp"),
            vec!["101"]
        );
    }

    #[test]
    fn ages_masked_by_their_writer() {
        assert_eq!(ages("HPI limited. 9x yo F from ALF"), vec!["9x"]);
        assert_eq!(ages("pt is a 9X y/o male"), vec!["9X"]);
        assert_eq!(ages("Mrs. K, 1xx years old"), vec!["1xx"]);
        assert!(ages("voided 9x overnight").is_empty());
        assert!(ages("she takes it 9x a day").is_empty());
    }

    #[test]
    fn round_fourteen_running_notes_of_pharmacists() {
        for (text, age) in [
            (
                "refill by the back gate, she is 95 and hard of hearing",
                "95",
            ),
            (
                "HIGH RISK: resident age \u{2265} 90 (exact 94), hold the sedative",
                "94",
            ),
            (
                "home visit (centenarian, 101 per daughter), pill box set up",
                "101",
            ),
            ("ID checked, age computed 91, ok to release", "91"),
            ("Was 96 and still drives to the store herself", "96"),
        ] {
            assert_eq!(ages(text), vec![age], "{text}");
        }
        for text in [
            "in room 4, sugar is 95 and stable",
            "pulse 96 per minute at rest",
            "Was 98 and then 140 after lunch",
            "age 45, no other meds, 100 per box",
            "threshold age \u{2265} 90 applies to all",
        ] {
            assert!(ages(text).is_empty(), "{text}: {:?}", ages(text));
        }
    }

    #[test]
    fn round_nine_age_fields_and_a_threshold_of_ninety() {
        for (text, age) in [
            ("age verified: 92, dob confirmed", "92"),
            ("edad registrada: 91", "91"),
            ("Pt >90 (93) on zolpidem", "93"),
            ("dose check -> 91 yo, wt 50 kg", "91"),
            ("renal: => 94 y/o", "94"),
        ] {
            assert_eq!(ages(text), vec![age], "{text}");
        }
        for text in [
            "age 45, weight: 95 kg",
            "age 45, bp: 100/60",
            "age verified, 3 refills: 90 tabs",
            "SpO2 >90 (93 on room air)",
        ] {
            assert!(ages(text).is_empty(), "{text}: {:?}", ages(text));
        }
    }

    #[test]
    fn round_nine_object_pronoun_and_accented_typos() {
        for (text, age) in [
            ("elderly female 91", "91"),
            ("my grandpas like 96 lmao", "96"),
            ("G-ma is 97 and still drives", "97"),
            ("my gpa is 94 fr", "94"),
            ("new admit: frail woman 94, from home", "94"),
            ("the chart puts him at 96, so renal dosing", "96"),
            ("we put him at 93 when he came in", "93"),
            ("mi papá cumpllió 99 ayer", "99"),
            ("la abuela cumpliió 101 el domingo", "101"),
        ] {
            assert_eq!(ages(text), vec![age], "{text}");
        }
        for text in [
            "gave him 100 mg at noon",
            "we saw him at 95 degrees outside",
            "call him at 911 if it hurts",
            "mi papá cumpllió con la cita de las 9",
            "the man 100 feet ahead of me",
            "my grandpas like 96 degrees inside",
            "ma is 100 percent sure",
            "female 95 mg daily",
        ] {
            assert!(ages(text).is_empty(), "{text}: {:?}", ages(text));
        }
    }

    #[test]
    fn round_eight_fillers_brackets_and_the_threshold() {
        for (text, age) in [
            ("my great aunt is literally 96 and walks every day", "96"),
            ("his dad is basically 93 now", "93"),
            ("age >89 (97), so the note needs no age", "97"),
            ("Age (yrs): 94, sex: F", "94"),
            ("edad (años): 91", "91"),
            ("is the pt over 89? yes - 103 per the chart", "103"),
            (
                "pts 89+ get the high-dose one; she is on the list, 92 i think",
                "92",
            ),
            ("la paciente es mayor de 89: tiene 95", "95"),
            ("frail elderly (96) on 9 meds, blister pack", "96"),
            ("a geriatric pt, 93, asked about the dose", "93"),
        ] {
            assert_eq!(ages(text), vec![age], "{text}");
        }
        for text in [
            "age >89 (sugar 97) fasting",
            "over 89? no. glucose was 101 today",
            "patients over 89 take 100 mg",
            "the room (95) is over 89 feet away from bed 94",
            "elderly pts with sugars 95 & 110 fasting",
        ] {
            assert!(ages(text).is_empty(), "{text}");
        }
        assert_eq!(ages("ages 92 & 95, both on statins"), vec!["92", "95"]);
        assert_eq!(ages("mom and dad are 91 & 94"), vec!["91", "94"]);
        assert!(ages("rooms 92 & 95 are free").is_empty());
    }

    #[test]
    fn ages_after_more_verbs_and_openings() {
        for (text, age) in [
            ("uncle ray is pushing 103 and still cooks", "103"),
            ("we are celebrating 100 with her on saturday", "100"),
            ("nana reaches 97 next month", "97"),
            ("my great aunt is going on 98", "98"),
            ("a sus 96 sigue cocinando", "96"),
            ("paciente femenina de 93, caída en casa", "93"),
            ("M 91 with syncope, on telemetry", "91"),
            ("Pt F 92 w/ UTI", "92"),
            ("she was born 94 years ago in Ohio", "94"),
            ("at the age of 95 she moved in with us", "95"),
            ("murió a la edad de 101 en su casa", "101"),
            ("dose reduced, pt 97 with CrCl 25", "97"),
            ("renal dosing for her age (98) matters", "98"),
        ] {
            assert_eq!(ages(text), vec![age], "{text}");
        }
        for text in [
            "we are celebrating 100 days sober",
            "the clinic opened 95 years ago",
            "pushing 100 mg was too much",
            "Room F 92 is ready",
            "pt 100 mg twice, patient 95% on RA",
            "the line is going on 100 feet",
        ] {
            assert!(ages(text).is_empty(), "{text}: {:?}", ages(text));
        }
    }

    #[test]
    fn ages_with_units_and_verbs() {
        assert_eq!(ages("WEI ZHANG, 94 Y/O, POD B"), vec!["94"]);
        assert_eq!(ages("Happy 101th  birthday Johnny"), vec!["101th"]);
        assert_eq!(ages("Pt Baker is 95 years old"), vec!["95"]);
        assert_eq!(
            ages("a 92-year-old man, aged 91, 93F"),
            vec!["92", "91", "93"]
        );
        assert_eq!(ages("H&P: 97yoM w/ CHF, 104yof in 3B"), vec!["97", "104"]);
        assert_eq!(ages("grandpa finally turned 102 last week"), vec!["102"]);
        assert_eq!(ages("mi abuelo cumplió 99 el domingo"), vec!["99"]);
        assert_eq!(ages("mi suegra tiene 96 años y vive sola"), vec!["96"]);
        assert_eq!(ages("my aunt she is 91 year, very weak"), vec!["91"]);
        assert_eq!(ages("Age: 98. Allergies: none"), vec!["98"]);
    }

    #[test]
    fn ages_by_person_and_copula() {
        assert_eq!(
            ages("my great-grandma is 103 and still gardens"),
            vec!["103"]
        );
        assert_eq!(ages("Dad will be 90 next month"), vec!["90"]);
        assert_eq!(ages("her husband at 97 still drives"), vec!["97"]);
        assert_eq!(ages("At 92 she still walks daily"), vec!["92"]);
        assert_eq!(
            ages("Refill for Oksana Bily, 94, at the window"),
            vec!["94"]
        );
        assert_eq!(ages("(Tomas Reyes 91 dob 2/2/35)"), vec!["91"]);
        assert_eq!(ages("vaccine given to Ana Petrova 92"), vec!["92"]);
        assert_eq!(
            ages("my grandson, 14, and my grandma, 95, came"),
            vec!["95"]
        );
        assert_eq!(ages("honestly I'm 99 so whatever"), vec!["99"]);
        assert_eq!(
            ages("it's grandma's 100th next week and his 91st, ok"),
            vec!["100th", "91st"]
        );
        assert_eq!(ages("celebramos los 97 años de mi tía"), vec!["97"]);
        assert_eq!(ages("my granpa is 96 yeras, los 98 añs"), vec!["96", "98"]);
        assert_eq!(
            ages("Pt: 97, F. Renal check for 95 y, 44 kg"),
            vec!["97", "95"]
        );
        assert_eq!(ages("Pt 97 w/ CKD; a 92 y old man"), vec!["97", "92"]);
        assert_eq!(
            ages("twins aged 91 and 94, and he's like 96"),
            vec!["91", "94", "96"]
        );
        assert_eq!(
            ages("Nana (93) and a 92 F with CHF; Happy 100th!"),
            vec!["93", "92", "100th"]
        );
        assert_eq!(
            ages("Age/sex: 97/F, dob 3/3/1928 (98); 91 female"),
            vec!["97", "98", "91"]
        );
    }

    #[test]
    fn ages_by_neighbouring_words() {
        for (text, age) in [
            ("pt F/94 with CHF", "94"),
            ("pt 94 \u{2014} can't open the childproof caps", "94"),
            ("patient 91 - needs easy-open lids", "91"),
            ("M/93 fall at home", "93"),
            ("female, 96, from the SNF", "96"),
            ("94 yof with dementia", "94"),
            ("94yowf hx afib", "94"),
            ("will be 91 on sunday", "91"),
            ("mi abuelita de 96 está enferma", "96"),
            ("su cumpleaños número 95 es el domingo", "95"),
            ("feliz 100 cumpleaños abuela", "100"),
            ("bday #95 is next week", "95"),
            ("my grandmother who's 98 needs a ride", "98"),
            ("she made it to 100", "100"),
            ("va a cumplir los 100", "100"),
            ("my granmother is 97 and fell", "97"),
            ("she turnde 93 last week", "93"),
            ("since shes 93 the dose should be lower", "93"),
            ("the patient is 97 the family wants hospice", "97"),
            ("¿cuántos tiene? tiene 93.", "93"),
        ] {
            assert_eq!(ages(text), vec![age], "{text}");
        }
    }

    #[test]
    fn measurements_stay() {
        for text in [
            "Bao Le 20F, 72 y/o, 89 years old, 90 mg, 95th percentile",
            "her sugar is 95 and bp was 100 today",
            "sodium was 119 at 2 am, NA 118",
            "temp 100.8 rectal, 99% on room air",
            "Room 101 is ready; the copay is $95.",
            "we have served the town for 95 years",
            "the wait at 90 minutes is too long",
            "o2 sat at 92, pulse 104",
            "Metoprolol 100 daily, Losartan 100",
            "the 95th percentile, the 100th visitor",
            "fever of 101 F since noon, 1 and 95 more",
            "F/100 mg daily, BP 100/60, F 99.1",
            "who is 100 percent sure",
            "the cuarto de 101 está libre",
            "el numero 95 del cumpleaños? no, sodium 130",
            "it will be 95 today, stay cool",
            "she was 101 degrees last night",
            "my dad is 95 pounds now",
            "he is 100 over 60",
            "shes 99 percent sure",
        ] {
            assert!(ages(text).is_empty(), "{text}: {:?}", ages(text));
        }
    }

    #[test]
    fn ages_in_words_english_and_spanish() {
        assert_eq!(
            ages("Patient is ninety-two, she turns one hundred soon"),
            vec!["ninety-two", "one hundred"]
        );
        assert_eq!(ages("MY UNCLE HAVE NINETY SIX YEARS"), vec!["NINETY SIX"]);
        assert_eq!(ages("for her ninety-ninth birthday"), vec!["ninety-ninth"]);
        assert_eq!(
            ages("mi tío tiene noventa y tres años; cumple cien en mayo"),
            vec!["noventa y tres", "cien"]
        );
        assert!(ages("Take it for ninety days. Cien por ciento seguro.").is_empty());
        assert_eq!(
            ages("grandpa is ninty-three, abuela tiene nobenta y dos"),
            vec!["ninty-three", "nobenta y dos"]
        );
        assert!(ages("Take it for ninty days.").is_empty());
        // Readings said aloud.
        assert!(ages("blood pressure one sixty over ninety, pulse ninety two").is_empty());
        assert_eq!(ages("she is over ninety now"), vec!["ninety"]);
    }

    #[test]
    fn ages_after_a_birth_a_person_noun_or_a_sex_letter() {
        assert_eq!(ages("born in 1928, so 97 now and still sharp"), vec!["97"]);
        assert_eq!(ages("a lady of 93 who lives alone"), vec!["93"]);
        assert_eq!(ages("M92 in bay 4, new fever"), vec!["92"]);
        assert_eq!(ages("la paciente (94 a.) no quiere comer"), vec!["94"]);
        assert_eq!(ages("her age is listed as 94 on the form"), vec!["94"]);
        assert!(ages("the age of the sample is 100 minutes").is_empty());
        assert!(ages("so 100 mg a day").is_empty());
        assert!(ages("a bag of 100 tablets").is_empty());
        assert!(ages("de 90 a 100 pesos").is_empty());
    }

    #[test]
    fn ages_in_a_clearance_formula_and_slashed_triples() {
        assert_eq!(ages("CrCl est (140 - 96) x 44 / (72 x 0.8)"), vec!["96"]);
        assert_eq!(ages("clearance: 140-91 x 55 / 72 x 1.3"), vec!["91"]);
        assert_eq!(ages("okafor/94/M, on dabigatran"), vec!["94"]);
        assert_eq!(ages("Age-97 wt-45"), vec!["97"]);
        assert!(ages("bp 140-95 after the walk, CrCl ok").is_empty());
        assert!(ages("glucose 140-190 all week").is_empty());
    }
}
