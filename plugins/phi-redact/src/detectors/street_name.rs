//! Street names without a house number, in any case: "stuck on lexington
//! ave", "ON CANYON ST", "couldnt find Hawthorn Ct", "before I live Oak st",
//! "near Pulaski and Division"; Spanish ones with the street word first and
//! an optional number and unit: "en la calle Roble", "Calle Olmo 1520, apto
//! 3", "2301 avenida Saunders apt 5".
//!
//! A street type needs one to three name words before it. In mixed case the
//! name words are capitalised; otherwise a place word comes right before
//! them ("on", "at", "near", "live"...), and a common word like "way" or
//! "place" needs capitals. "Dr"/"St" before a name is a title ("ask dr
//! smith", "St. Louis").

use super::{Detector, Scan, word_set};
use crate::casing::CaseMode;
use crate::finding::{Finding, Kind};
use crate::words::Word;

/// Street types that say "street" on their own.
const CLEAR_TYPES: &[&str] = &[
    "street",
    "st",
    "str",
    "avenue",
    "ave",
    "av",
    "road",
    "rd",
    "drive",
    "dr",
    "lane",
    "ln",
    "boulevard",
    "blvd",
    "parkway",
    "pkwy",
    "highway",
    "hwy",
    "ct",
    "cir",
    "ter",
    "terr",
    "trl",
    "expressway",
    "expy",
    "freeway",
    "fwy",
];

word_set! {
    /// Street types that are common words too: only with capitals ("Brookside
    /// Way", not "on my way").
    fn is_word_type {
        "way"
            | "court"
            | "circle"
            | "terrace"
            | "place"
            | "trail"
            | "square"
            | "plaza"
            | "loop"
            | "pike"
            | "path"
            | "row"
            | "alley"
            | "cove"
            | "heights"
            | "crossing"
            | "run"
    }
}

word_set! {
    /// Spanish street words, before the name.
    fn is_calle {
        "calle"
            | "avenida"
            | "av"
            | "avda"
            | "camino"
            | "calzada"
            | "carretera"
            | "paseo"
            | "bulevar"
            | "privada"
            | "callejon"
            | "callejón"
            | "andador"
            | "prolongacion"
            | "prolongación"
            | "prol"
            | "calz"
            | "cerrada"
            | "cda"
            | "circuito"
            | "retorno"
            | "edificio"
            | "jiron"
            | "jirón"
            | "pasaje"
            | "psje"
            | "residencial"
            | "canton"
            | "cantón"
            | "caserio"
            | "caserío"
            | "aldea"
            | "sector"
            | "vereda"
            | "quinta"
            | "qta"
        // Neighbourhoods written as part of the address: "col. Juárez",
        // "colonia Del Valle", "fracc. Las Palmas", "urb. Villa Carolina".
            | "colonia"
            | "col"
            | "fraccionamiento"
            | "fracc"
            | "barrio"
            | "urbanizacion"
            | "urbanización"
            | "urb"
            | "reparto"
            | "ensanche"
    }
}

/// Words right before a bare street name.
const PLACE_CUES: &[&str] = &[
    "on", "at", "off", "near", "along", "from", "to", "onto", "down", "up", "across", "past",
    "via", "in", "live", "lives", "living", "lived", "find", "corner", "of", "and", "by", "en",
    "la", "por", "sobre", "cerca", "vivo", "vive", "entre", "y", "over", "behind", "under",
    "beneath",
];

/// Words that never sit inside a street name.
const NOT_NAME: &[&str] = &[
    "the", "a", "an", "my", "your", "our", "his", "her", "their", "this", "that", "same", "long",
    "short", "test", "dirt", "memory", "one", "way", "next", "last", "other", "is", "are", "was",
    "to", "of", "for", "with", "by", "and", "or", "in", "on", "at", "it", "no", "not", "see",
    "call", "ask", "tell", "la", "el", "de", "en", "mi", "su", "con", "y",
    // "and cant drive", "i dont drive", "she will drive": a verb.
    "cant", "can", "cannot", "wont", "dont", "didnt", "couldnt", "shouldnt", "wouldnt", "t", "i",
    "he", "she", "we", "they", "you", "u", "will", "would", "could", "should", "not", "never",
];

/// Unit words after a Spanish street ("apto 3", "depto 2", "int 4").
const UNITS: &[&str] = &[
    "apt",
    "apto",
    "depto",
    "departamento",
    "int",
    "interior",
    "unit",
    "unidad",
    "suite",
    "ste",
    "casa",
    "bloque",
    "edificio",
    "torre",
    "piso",
    "edif",
    "no",
    "num",
    "numero",
    "número",
];

fn is(list: &[&str], word: &str) -> bool {
    list.contains(&word)
}

fn capitalised(text: &str, w: &Word<'_>) -> bool {
    text[w.start..]
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
}

/// Whether the gap between two words is a plain space (or a "." after an
/// abbreviation).
fn close(text: &str, a: &Word<'_>, b: &Word<'_>) -> bool {
    matches!(text.get(a.end..b.start), Some(" " | ". " | "  "))
}

pub struct StreetNames;

/// "vivimos en el 2315 de la calle Kedzie", "el 3300 oeste de la avenida
/// Foster": the house number said before the street, Spanish style, is
/// the address's. The start of the street found at `start`, moved back to
/// such a number.
fn number_before_de_la(text: &str, start: usize) -> usize {
    let before = text[..start].trim_end_matches(' ');
    let Some(rest) = before
        .strip_suffix("de la")
        .or_else(|| before.strip_suffix("de las"))
        .or_else(|| before.strip_suffix("del"))
    else {
        return start;
    };
    let mut rest = rest.trim_end_matches(' ');
    let lower = rest.to_ascii_lowercase();
    for point in ["norte", "sur", "este", "oeste"] {
        if lower.ends_with(point) && lower[..lower.len() - point.len()].ends_with(' ') {
            rest = rest[..rest.len() - point.len()].trim_end_matches(' ');
            break;
        }
    }
    let digits = rest.len() - rest.trim_end_matches(|c: char| c.is_ascii_digit()).len();
    let number_start = rest.len() - digits;
    let alone = !rest[..number_start].ends_with(|c: char| c.is_alphanumeric());
    if (1..=6).contains(&digits) && alone {
        number_start
    } else {
        start
    }
}

impl Detector for StreetNames {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let (text, words) = (scan.text, scan.words);
        for (i, w) in words.iter().enumerate() {
            let lower = &*w.lower;
            // A cheap first look: a street word of either language.
            if !(super::address::is_street_type(lower) || is_word_type(lower) || is_calle(lower)) {
                continue;
            }
            if is_calle(lower) {
                if let Some(mut f) = spanish_street(scan, i) {
                    f.start = number_before_de_la(text, f.start);
                    out.push(f);
                }
                continue;
            }
            let clear = is(CLEAR_TYPES, lower);
            let word_type = is_word_type(lower);
            if !(clear || word_type) || i == 0 {
                continue;
            }
            // "ask dr smith", "St. Louis": a title before a name (not
            // after an ordinal: "18th St. Muchas gracias").
            let after_ordinal = i > 0 && ordinal(&words[i - 1].lower);
            if matches!(lower, "dr" | "st")
                && !after_ordinal
                && let Some(next) = words.get(i + 1)
                && close(text, w, next)
                && (capitalised(text, next) && scan.mode == CaseMode::Mixed
                    || crate::lexicon::lexicon().get(&next.lower).is_name())
                // "on main st so I'll be late": a function word is no name.
                && !super::name::vocabulary::flags_of(crate::lexicon::lexicon().get(&next.lower))
                    .never()
                && !is(NOT_NAME, &next.lower)
                && !is(PLACE_CUES, &next.lower)
            {
                continue;
            }
            if word_type && !(capitalised(text, w) && scan.mode == CaseMode::Mixed) {
                continue;
            }
            // ("from video dr": a lowercase "dr" is the doctor.)
            if let Some(start) = name_before(scan, i, clear && lower != "dr") {
                out.push(Finding::new(start, w.end, Kind::Address));
            }
        }
        intersections(scan, out);
        hundred_blocks(scan, out);
        spanish_grid_streets(scan, out);
        numbered_routes(scan, out);
        blocks_and_lots(scan, out);
        complexes(scan, out);
        mile_markers(scan, out);
    }
}

word_set! {
    /// Words that name a numbered road ("Route 9", "Hwy 101", "I-95",
    /// "County Road 12", "ruta 66").
    fn is_route {
        "road"
            | "rd"
            | "route"
            | "rte"
            | "rt"
            | "highway"
            | "hwy"
            | "interstate"
            | "i"
            | "sr"
            | "cr"
            | "fm"
            | "ruta"
            | "carretera"
            | "carr"
    }
}

/// Number words, for house numbers said aloud.
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "oh",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
    "thirty",
    "forty",
    "fifty",
    "sixty",
    "seventy",
    "eighty",
    "ninety",
    "hundred",
];

/// Words before a numbered road that name who keeps it.
const ROAD_OWNERS: &[&str] = &[
    "state", "county", "co", "us", "farm", "ranch", "township", "twp", "old",
];

/// "we live off Route 9", "stuck on hwy 101", "cerca de la carretera 45":
/// a numbered road after a place word (up to two words before it:
/// "off of state route 9"). The road word and its number are redacted.
fn numbered_routes(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    for (i, w) in words.iter().enumerate() {
        // "on US 231": "US" in capitals is a road's word too.
        let us = w.lower == "us" && text[w.start..].starts_with("US");
        if !(is_route(&w.lower) || us) || i == 0 {
            continue;
        }
        // "Carretera Federal 15": who keeps the road, between word and number.
        let kept = words.get(i + 1).is_some_and(|k| {
            matches!(&*k.lower, "federal" | "estatal" | "nacional") && close(text, w, k)
        });
        let n = i + 1 + usize::from(kept);
        let Some(number) = words.get(n) else {
            continue;
        };
        let digits = number
            .lower
            .trim_end_matches(|c: char| c.is_ascii_alphabetic());
        // "Hwy K", "County Road J": a road named by one capital letter.
        let lettered = matches!(&*w.lower, "hwy" | "highway" | "road" | "rd")
            && number.end - number.start == 1
            && text[number.start..].starts_with(|c: char| c.is_ascii_uppercase());
        let numbered = ((1..=4).contains(&digits.len())
            && digits.bytes().all(|b| b.is_ascii_digit())
            && number.lower.len() - digits.len() <= 1)
            || lettered;
        let gap = text.get(words[n - 1].end..number.start).unwrap_or_default();
        // "I-95" only with a capital I and its dash ("i 95" is no road).
        let joined = if w.lower == "i" {
            text[w.start..].starts_with('I') && gap == "-"
        } else {
            matches!(gap, " " | "-" | " #" | ". ")
        };
        // "State Route 16", "County Rd 14", "US Hwy 41": the road's owner
        // goes with it. A road or rd needs its owner ("on the road 2 days").
        let owner = words[i - 1].start;
        let owned = is(ROAD_OWNERS, &words[i - 1].lower) && close(text, &words[i - 1], w);
        // A place word before, or a house number right before the road
        // ("22150 Co Rd 12", "N4728 Hwy K").
        let house = if owned { i.checked_sub(2) } else { Some(i - 1) }.filter(|&h| {
            let lower = &*words[h].lower;
            lower.bytes().filter(u8::is_ascii_digit).count() >= 2
                && lower.len() <= 6
                && close(text, &words[h], &words[h + 1])
        });
        let cued = house.is_some()
            || words[i.saturating_sub(3)..i]
                .iter()
                .any(|p| is(PLACE_CUES, &p.lower) || p.lower == "de");
        let plain_road = matches!(&*w.lower, "road" | "rd");
        let km_after = kilometre_after(scan, n);
        let marker = marker_before(scan, if owned { i - 1 } else { i });
        if numbered
            && joined
            && (cued || km_after.is_some() || marker.is_some())
            && (owned || !plain_road)
        {
            let start = house.map_or(marker.unwrap_or(if owned { owner } else { w.start }), |h| {
                words[h].start
            });
            // "county rd 117 n", "FM 1960 Rd": a direction or a road word
            // after the number.
            let end = match words.get(n + 1) {
                Some(d)
                    if close(text, number, d)
                        && (matches!(
                            &*d.lower,
                            "n" | "s" | "e" | "w" | "north" | "south" | "east" | "west"
                        ) || super::address::is_street_type(&d.lower)) =>
                {
                    d.end
                }
                _ => number.end,
            };
            out.push(Finding::new(start, km_after.unwrap_or(end), Kind::Address));
        }
    }
}

/// The start of the one to three name words before the street type at
/// `words[t]`, if they make a street name.
fn name_before(scan: &Scan<'_>, t: usize, clear: bool) -> Option<usize> {
    let (text, words) = (scan.text, scan.words);
    let mut first = t;
    // "there's construction on main st": in mixed case, lowercase name
    // words before a clear street type need a place word before them.
    let mut lowercase = false;
    // "5th Ave", "42nd street", "1ST ST": a numbered street, with a clear
    // street type right after the ordinal.
    if clear
        && let Some(w) = t.checked_sub(1).map(|p| &words[p])
        && ordinal(&w.lower)
        && close(text, w, &words[t])
    {
        let numbered = t >= 2 && words[t - 2].is_digits();
        return (!numbered).then_some(w.start);
    }
    while first > 0 && t - first < 3 {
        let w = &words[first - 1];
        let lower_here = scan.mode == CaseMode::Mixed && !capitalised(text, w);
        if !close(text, w, &words[first])
            || w.lower.bytes().any(|b| b.is_ascii_digit())
            || is(NOT_NAME, &w.lower)
            || is(PLACE_CUES, &w.lower)
            || is(NUMBER_WORDS, &w.lower)
            || (lower_here && (!clear || t - first >= 2))
        {
            break;
        }
        lowercase |= lower_here;
        first -= 1;
    }
    if first == t {
        return None;
    }
    // A number before is a full address (found elsewhere); otherwise a
    // place word must come right before, unless capitals say "name".
    let cue = first
        .checked_sub(1)
        .is_some_and(|p| is(PLACE_CUES, &words[p].lower) && close(text, &words[p], &words[first]));
    let numbered = first.checked_sub(1).is_some_and(|p| words[p].is_digits());
    if numbered {
        return None;
    }
    // "forty two Sycamore Lane", "one two zero six Birchwood drive": a
    // house number said in words (two words or more) opens the address.
    let mut said = first;
    while said > 0
        && is(NUMBER_WORDS, &words[said - 1].lower)
        && close(text, &words[said - 1], &words[said])
    {
        said -= 1;
    }
    if first - said >= 2 {
        return Some(words[said].start);
    }
    (cue || (scan.mode == CaseMode::Mixed && !lowercase)).then_some(words[first].start)
}

/// Streets said the way Spanish speakers say them in a grid city: a house
/// number "de la" street ("vivo en el 3420 de la Pulaski", "el 4019 de
/// la 47") and corners ("vivo en la 26 y Kedzie", "por la Western y la
/// Cermak", "la 116 y la Segunda"), after a word of living or being
/// somewhere. Each street is its own span; a street is a number of one to
/// three digits (an ordinal too) or up to two capitalised words.
fn spanish_grid_streets(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    let place_before = |i: usize| {
        words[i.saturating_sub(3)..i].iter().any(|w| {
            matches!(
                &*w.lower,
                "vivo"
                    | "vive"
                    | "viven"
                    | "vivimos"
                    | "vivia"
                    | "vivía"
                    | "estoy"
                    | "esta"
                    | "está"
                    | "estamos"
                    | "queda"
                    | "quedo"
                    | "quedando"
                    | "por"
                    | "en"
                    | "mudo"
                    | "mudó"
            )
        })
    };
    // The street starting at word `k`: its end word (inclusive), if any.
    let street = |k: usize| -> Option<usize> {
        let w = words.get(k)?;
        let digits = w.lower.bytes().take_while(u8::is_ascii_digit).count();
        if digits > 0 {
            let numbered =
                (1..=3).contains(&digits) && (digits == w.lower.len() || ordinal(&w.lower));
            // "50th Ct", "24 Place": a street type may follow.
            let typed = words.get(k + 1).is_some_and(|n| {
                super::address::is_street_type(&n.lower) && text[w.end..n.start].trim().is_empty()
            });
            return numbered.then_some(if typed { k + 1 } else { k });
        }
        if scan.mode != CaseMode::Mixed || !capitalised(text, w) || is(NOT_NAME, &w.lower) {
            return None;
        }
        let two = words.get(k + 1).is_some_and(|n| {
            capitalised(text, n) && text[w.end..n.start] == *" " && !is(NOT_NAME, &n.lower)
        });
        Some(if two { k + 1 } else { k })
    };
    let mut i = 0;
    while i + 2 < words.len() {
        let w = &words[i];
        // "el 3420 de la Pulaski".
        if w.lower == "el"
            && place_before(i)
            && words[i + 1].is_digits()
            && (3..=5).contains(&words[i + 1].lower.len())
            && words.get(i + 2).is_some_and(|d| d.lower == "de")
            && words.get(i + 3).is_some_and(|l| l.lower == "la")
            && let Some(end) = street(i + 4)
        {
            out.push(Finding::new(
                words[i + 1].start,
                words[end].end,
                Kind::Address,
            ));
            i = end + 1;
            continue;
        }
        // "casi llegando a la 31", "detrás de la 59", "vivo en la 18
        // entre Paulina y Wood": a numbered street alone, after a word of
        // going or of place, or before "entre".
        if w.lower == "la"
            && words[i + 1].is_digits()
            && words[i + 1].lower.len() <= 3
            && !text[words[i + 1].end..].starts_with([':', '/', '.', '-'])
        {
            let before = |k: usize| i.checked_sub(k).map_or("", |j| &*words[j].lower);
            let going = matches!(
                (before(2), before(1)),
                (
                    "llegando" | "pasando" | "voy" | "va" | "vamos" | "vaya",
                    "a"
                ) | (
                    "detras" | "detrás" | "enfrente" | "cerca" | "esquina" | "lado",
                    "de"
                )
            ) || matches!(before(1), "por" | "sobre" | "pasando");
            let between = words.get(i + 2).is_some_and(|n| n.lower == "entre");
            // (Past the hours: "voy a la 1 de la tarde".)
            let past_hours = words[i + 1].lower.parse::<u32>().is_ok_and(|n| n >= 13);
            if (going && past_hours) || between {
                out.push(Finding::new(
                    words[i + 1].start,
                    words[i + 1].end,
                    Kind::Address,
                ));
                i += 2;
                continue;
            }
        }
        // "la 26 y Kedzie", "la Western y la Cermak".
        if w.lower == "la"
            && place_before(i)
            && let Some(first_end) = street(i + 1)
            && words
                .get(first_end + 1)
                .is_some_and(|y| matches!(&*y.lower, "y" | "con"))
        {
            let second = if words.get(first_end + 2).is_some_and(|l| l.lower == "la") {
                first_end + 3
            } else {
                first_end + 2
            };
            if let Some(second_end) = street(second) {
                out.push(Finding::new(
                    words[i + 1].start,
                    words[first_end].end,
                    Kind::Address,
                ));
                out.push(Finding::new(
                    words[second].start,
                    words[second_end].end,
                    Kind::Address,
                ));
                i = second_end + 1;
                continue;
            }
        }
        i += 1;
    }
}

/// "5th", "42nd", "101ST": a number written as an ordinal.
fn ordinal(word: &str) -> bool {
    let digits = word.bytes().take_while(u8::is_ascii_digit).count();
    (1..=3).contains(&digits) && matches!(&word[digits..], "st" | "nd" | "rd" | "th")
}

/// "calle Roble", "Calle Olmo 1520, apto 3", "2301 avenida Saunders apt 5".
fn spanish_street(scan: &Scan<'_>, c: usize) -> Option<Finding> {
    let (text, words) = (scan.text, scan.words);
    let mut end = c;
    let mut named = 0;
    while end + 1 < words.len() && named < 3 {
        // "Calle 5 de Mayo", "Calle 16 de Septiembre": a number that opens
        // a name with "de".
        if end == c
            && words[end + 1].is_digits()
            && words[end + 1].lower.len() <= 2
            && words.get(end + 2).is_some_and(|w| w.lower == "de")
            && let Some(k) = connected_name(scan, end + 2)
        {
            end = k;
            named += 1;
            continue;
        }
        // "Privada de los Pinos", "Torres del Mar": "de", "del", "de la",
        // "de los", "de las" joined to a capitalised name word.
        if let Some(k) = connected_name(scan, end + 1) {
            end = k;
            named += 1;
            continue;
        }
        let w = &words[end + 1];
        let gap_ok = close(text, &words[end], w);
        let stop = is(NOT_NAME, &w.lower)
            || is(PLACE_CUES, &w.lower)
            || is(UNITS, &w.lower)
            || w.is_digits()
            || (scan.mode == CaseMode::Mixed && !capitalised(text, w) && end > c);
        if !gap_ok || stop {
            break;
        }
        end += 1;
        named += 1;
    }
    if end == c {
        // A numbered street: "en la calle 25", then its number and units
        // as any street's ("Calle 42 Bloque 5 #12").
        let numbered = words.get(c + 1).is_some_and(|n| {
            n.is_digits()
                && n.lower.len() <= 3
                && matches!(&*words[c].lower, "calle" | "avenida" | "av" | "avda")
                && close(text, &words[c], n)
        });
        if !numbered {
            return None;
        }
        end = c + 1;
    }
    let mut finish = words[end].end;
    let mut k = end;
    // The house number and the unit: "1520, apto 3", "221", "#214",
    // "No. 12", "2210-A", "4-B".
    if let Some(n) = words.get(k + 1)
        && n.is_digits()
        && matches!(
            text[finish..n.start].trim().to_ascii_lowercase().as_str(),
            "" | "#" | "no." | "no" | "núm." | "num."
        )
    {
        finish = n.end;
        k += 1;
        let rest = &text.as_bytes()[finish..];
        if rest.len() >= 2
            && rest[0] == b'-'
            && rest[1].is_ascii_alphabetic()
            && rest.get(2).is_none_or(|b| !b.is_ascii_alphanumeric())
        {
            finish += 2;
            k += 1;
        }
    }
    // Up to two units ("Bloque 5 #12", "torre B piso 3"), each with its
    // number.
    for _ in 0..2 {
        if let Some(u) = words.get(k + 1)
            && is(UNITS, &u.lower)
            && matches!(text[finish..u.start].trim(), "" | ",")
            && let Some(n) = words.get(k + 2)
            && n.lower.bytes().any(|b| b.is_ascii_digit())
        {
            finish = n.end;
            k += 2;
            if let Some(m) = words.get(k + 1)
                && m.is_digits()
                && text[finish..m.start].trim() == "#"
            {
                finish = m.end;
                k += 1;
            }
        } else {
            break;
        }
    }
    // "2301 avenida Saunders": the house number before.
    let start = match c.checked_sub(1) {
        Some(p) if words[p].is_digits() && close(text, &words[p], &words[c]) => words[p].start,
        _ => words[c].start,
    };
    Some(Finding::new(start, finish, Kind::Address))
}

/// "Carr. 172 Km 8.1": the end of a kilometre mark after the road's
/// number at word `n`.
fn kilometre_after(scan: &Scan<'_>, n: usize) -> Option<usize> {
    let (text, words) = (scan.text, scan.words);
    let km = words.get(n + 1)?;
    let mark = words.get(n + 2)?;
    if !matches!(&*km.lower, "km" | "kilometro" | "kilómetro") || !mark.is_digits() {
        return None;
    }
    let end = mark.end;
    let rest = &text[end..];
    let decimals = rest.strip_prefix('.').map_or(0, |r| {
        r.len() - r.trim_start_matches(|c: char| c.is_ascii_digit()).len()
    });
    Some(if decimals > 0 {
        end + 1 + decimals
    } else {
        end
    })
}

/// "mile 12 on Hwy 9", "mile marker 143 on I-40", "km 37 de la Carretera":
/// the start of a mark on the road that begins at word `r`.
fn marker_before(scan: &Scan<'_>, r: usize) -> Option<usize> {
    let words = scan.words;
    let mut k = r;
    // The words between the mark and the road: "on", "of", "de la".
    let mut skipped = 0;
    while k > 0 && skipped < 2 && matches!(&*words[k - 1].lower, "on" | "of" | "de" | "la" | "del")
    {
        k -= 1;
        skipped += 1;
    }
    let number = words.get(k.checked_sub(1)?)?;
    if !number.is_digits() {
        return None;
    }
    let mut m = k - 1;
    if m > 0 && matches!(&*words[m - 1].lower, "marker" | "post") {
        m -= 1;
    }
    let word = &*words.get(m.checked_sub(1)?)?.lower;
    matches!(
        word,
        "mile" | "milepost" | "mm" | "km" | "kilometro" | "kilómetro"
    )
    .then(|| words[m - 1].start)
}

/// "left at mile marker 212", "milepost 113", "mile 37.5 Parks Hwy": a
/// place on a road by its mile, with or without the road.
fn mile_markers(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    for (i, w) in words.iter().enumerate() {
        if !matches!(&*w.lower, "mile" | "mi" | "milepost") {
            continue;
        }
        let marked = match &*w.lower {
            "milepost" => Some(i + 1),
            "mile" | "mi" => words
                .get(i + 1)
                .filter(|m| matches!(&*m.lower, "marker" | "post") && close(text, w, m))
                .map(|_| i + 2),
            _ => None,
        };
        let n = marked.unwrap_or(i + 1);
        let Some(number) = words.get(n).filter(|d| d.is_digits() && d.lower.len() <= 4) else {
            continue;
        };
        let mut end = number.end;
        // "37.5".
        if let Some(frac) = words.get(n + 1)
            && text[number.end..frac.start] == *"."
            && frac.is_digits()
        {
            end = frac.end;
        }
        // "mile 37.5 Parks Hwy": the road named after the mile.
        let road = words
            .iter()
            .enumerate()
            .skip(n + 1)
            .take(3)
            .find(|(_, r)| matches!(&*r.lower, "hwy" | "highway" | "rd" | "road"))
            .filter(|(k, _)| {
                words[n + 1..*k]
                    .iter()
                    .all(|x| capitalised(text, x) || x.is_digits())
            });
        match (marked.is_some(), road) {
            (_, Some((_, r))) => out.push(Finding::new(w.start, r.end, Kind::Address)),
            (true, None) => out.push(Finding::new(w.start, end, Kind::Address)),
            _ => {}
        }
    }
}

word_set! {
    /// Words that end the name of a housing complex ("Lakeview Manor",
    /// "Rancho Vista Apts", "Sunny Acres MHP").
    fn is_complex_word {
        "apts"
            | "apartments"
            | "manor"
            | "gardens"
            | "villas"
            | "commons"
            | "towers"
            | "estates"
            | "mhp"
            | "marina"
            | "condos"
            | "condominiums"
            | "lofts"
            | "flats"
    }
}

/// "Lakeview Manor Apts", "Harbor Point Towers", "Fairview Gardens #7C": a
/// housing complex named by capitalised words (a geographic unit smaller
/// than a state, like a street), with the unit after it.
fn complexes(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    if scan.mode != CaseMode::Mixed {
        return;
    }
    let (text, words) = (scan.text, scan.words);
    for (i, w) in words.iter().enumerate() {
        // (The second word of "Manor Apts" is the first's.)
        let second = i > 0 && is_complex_word(&words[i - 1].lower);
        // "Meadowbrook Mobile Home Park", "Greenbrier Mobile Home Community".
        let home_park = matches!(&*w.lower, "park" | "community" | "court" | "village")
            && i > 0
            && matches!(
                &*words[i - 1].lower,
                "home" | "homes" | "mobile" | "trailer" | "rv"
            );
        let complex = is_complex_word(&w.lower) || home_park;
        if !complex || second || !capitalised(text, w) && w.lower != *"mhp" {
            continue;
        }
        let Some(start) = name_before(scan, i, false) else {
            continue;
        };
        let mut end = w.end;
        // A trailing type after the name ("Lakeview Manor Apts").
        if let Some(n) = words.get(i + 1)
            && is_complex_word(&n.lower)
            && close(text, w, n)
        {
            end = n.end;
        }
        // "#22-C", "#7C".
        let rest = &text[end..];
        if let Some(code) = rest.strip_prefix(" #").or_else(|| rest.strip_prefix('#')) {
            let len = code
                .bytes()
                .take_while(|b| b.is_ascii_alphanumeric() || *b == b'-')
                .count();
            if len > 0 && code.as_bytes()[0].is_ascii_digit() {
                end += rest.len() - code.len() + len;
            }
        }
        let (unit_before, end) = complex_units(scan, start, end);
        if let Some(unit) = unit_before {
            out.push(unit);
        }
        out.push(Finding::new(start, end, Kind::Address));
    }
}

/// Units of a complex's home (a building, an apartment, a lot or a space,
/// a floor), each a unit word, an optional "#" or "número" and a short
/// code: "Hermosa Gardens Apts, edificio 3 depto 108", "lot 22 at
/// Meadowbrook Mobile Home Park". Returns the unit before the complex,
/// if one is (its own finding: "at" is no one's), and the end of the
/// complex grown over the units after it (up to three).
fn complex_units(scan: &Scan<'_>, start: usize, end: usize) -> (Option<Finding>, usize) {
    let (text, words) = (scan.text, scan.words);
    // The address detector's unit and dwelling words, and those of a
    // complex's buildings and floors.
    let unit_word = |w: &Word<'_>| {
        let lower = &*w.lower;
        super::address::is_unit_word(lower)
            || super::address::is_dwelling_word(lower)
            || matches!(
                lower,
                "building"
                    | "edificio"
                    | "edif"
                    | "unidad"
                    | "spc"
                    | "lote"
                    | "floor"
                    | "fl"
                    | "piso"
                    | "traila"
                    | "espacio"
            )
    };
    let code = |w: &Word<'_>| {
        w.lower.len() <= 5 && w.lower.bytes().any(|b| b.is_ascii_digit())
            || (w.lower.len() == 1 && w.lower.bytes().all(|b| b.is_ascii_alphabetic()))
    };
    // The unit word at `k`, then its code (after "#", "no", "número"):
    // the code's index.
    let unit_at = |k: usize| -> Option<usize> {
        if !unit_word(words.get(k)?) {
            return None;
        }
        let mut c = k + 1;
        if matches!(
            words.get(c).map(|w| &*w.lower),
            Some("no" | "numero" | "número")
        ) {
            c += 1;
        }
        code(words.get(c)?).then_some(c)
    };
    let gap_ok = |a: usize, b: usize| {
        text[a..b]
            .chars()
            .all(|ch| matches!(ch, ' ' | ',' | '#' | '.'))
    };
    let mut end = end;
    let mut k = words.partition_point(|w| w.start < end);
    for _ in 0..3 {
        match unit_at(k) {
            Some(c) if gap_ok(end, words[k].start) => {
                end = words[c].end;
                k = c + 1;
            }
            _ => break,
        }
    }
    // Before: "lot 22 at", "lote 14 del", "traila número 9 en", "Lot 61,".
    let first = words.partition_point(|w| w.start < start);
    let mut before = None;
    for back in 2..=5 {
        let Some(u) = first.checked_sub(back) else {
            break;
        };
        if let Some(c) = unit_at(u) {
            let between = &words[c + 1..first];
            let joiner = between
                .iter()
                .all(|w| matches!(&*w.lower, "at" | "in" | "del" | "de" | "la" | "en" | "el"));
            if (joiner && between.len() <= 2) || (c + 1 == first && gap_ok(words[c].end, start)) {
                before = Some(Finding::new(words[u].start, words[c].end, Kind::Address));
            }
            break;
        }
    }
    (before, end)
}

/// At word `i`, "de", "del", "de la", "de los" or "de las" then a
/// capitalised word: the index of that word.
fn connected_name(scan: &Scan<'_>, i: usize) -> Option<usize> {
    let (text, words) = (scan.text, scan.words);
    let mut k = i;
    match &*words.get(k)?.lower {
        "de" => {
            if matches!(
                words.get(k + 1).map(|w| &*w.lower),
                Some("la" | "los" | "las")
            ) {
                k += 1;
            }
        }
        "del" => {}
        // "Fracc. El Mirador", "Col. Las Águilas": a capitalised article.
        "el" | "la" | "los" | "las" if capitalised(text, &words[k]) => {}
        _ => return None,
    }
    let name = words.get(k + 1)?;
    let joined = (i.saturating_sub(1)..=k).all(|j| close(text, &words[j], &words[j + 1]));
    (joined && scan.mode == CaseMode::Mixed && capitalised(text, name) && !name.is_digits())
        .then_some(k + 1)
}

/// "Mz 14 Lt 22", "Lote 7, Manzana 3", "manzana catorce lote veintidós":
/// a block and a lot of a Mexican address. A lot alone is a drug's
/// ("lote 7RK42"), so "lote" counts only beside a block or a kilometre.
fn blocks_and_lots(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let words = scan.words;
    let numbered = |k: usize| {
        words.get(k).is_some_and(|w| {
            (w.is_digits() && w.lower.len() <= 4) || super::date::spanish_number_word(&w.lower)
        })
    };
    let block = |k: usize| {
        matches!(
            words.get(k).map(|w| &*w.lower),
            Some("manzana" | "mz" | "mza")
        )
    };
    for i in 0..words.len() {
        let lot = matches!(&*words[i].lower, "lote" | "lt");
        if !(block(i) || lot) || !numbered(i + 1) {
            continue;
        }
        if lot {
            let near = i.saturating_sub(4)..(i + 5).min(words.len());
            if !near
                .clone()
                .any(|k| block(k) || matches!(&*words[k].lower, "km" | "kilometro" | "kilómetro"))
            {
                continue;
            }
        }
        out.push(Finding::new(
            words[i].start,
            words[i + 1].end,
            Kind::Address,
        ));
    }
}

/// "near Pulaski and Division", "corner of 5th and Main": two street names
/// joined by "and" (or "&") after "near", "corner of" or "intersection
/// of"; without the cue, when one of them is a numbered street ("41st &
/// Ashland", "Ashland & 47th").
fn intersections(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    let lex = crate::lexicon::lexicon();
    let name = |w: &Word<'_>| {
        let entry = lex.get(&w.lower);
        !is(NOT_NAME, &w.lower)
            && !w.is_digits()
            && (!entry.is_known_word() || (scan.mode == CaseMode::Mixed && capitalised(text, w)))
    };
    for i in 0..words.len().saturating_sub(1) {
        let cue = i >= 1
            && matches!(&*words[i - 1].lower, "near" | "of" | "cerca")
            && (words[i - 1].lower != *"of"
                || i >= 2 && matches!(&*words[i - 2].lower, "corner" | "intersection" | "esquina"));
        // The second street: after "and"/"y", or right after an "&".
        let gap = &text.as_bytes()[words[i].end..words[i + 1].start];
        let ampersand = gap.contains(&b'&') && gap.iter().all(|&b| b == b' ' || b == b'&');
        let joined_by_word =
            matches!(&*words[i + 1].lower, "and" | "y") && close(text, &words[i], &words[i + 1]);
        let second = if ampersand {
            i + 1
        } else if joined_by_word {
            i + 2
        } else {
            continue;
        };
        let Some(b) = words.get(second) else { continue };
        let a = &words[i];
        let numbered = ordinal(&a.lower) || ordinal(&b.lower);
        // (Two ordinals need the phrase to end there: not "the 1st and
        // 2nd doses", "the 1st & 2nd floors".)
        let both_ordinals = ordinal(&a.lower) && ordinal(&b.lower);
        let street = |w: &Word<'_>| ordinal(&w.lower) || name(w);
        let ends = words
            .get(second + 1)
            .is_none_or(|n| text[b.end..n.start].contains(['.', ',', '!', '?', ';', ')', '(']));
        let uncued = numbered
            && street(a)
            && street(b)
            && ((ends && (ampersand || !both_ordinals)) || (ampersand && !both_ordinals));
        if (cue && name(a) && name(b) && ends) || uncued {
            // Each street its own span: "and" and "&" are no one's.
            out.push(Finding::new(a.start, a.end, Kind::Address));
            out.push(Finding::new(b.start, b.end, Kind::Address));
        }
    }
}

/// "6200 block of S Halsted", "the 300 block of S 2nd Ave": a street's
/// hundred block, to the end of its name.
fn hundred_blocks(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    for i in 0..words.len().saturating_sub(3) {
        let number = &words[i];
        let hundreds = number.is_digits()
            && (3..=5).contains(&number.lower.len())
            && number.lower.ends_with("00");
        if !hundreds || words[i + 1].lower != *"block" || words[i + 2].lower != *"of" {
            continue;
        }
        // The street: a direction, then up to three words of its name,
        // to the first punctuation.
        let mut end = words[i + 2].end;
        for k in i + 3..(i + 7).min(words.len()) {
            let w = &words[k];
            if text[words[k - 1].end..w.start] != *" " {
                break;
            }
            let part = super::address::is_direction(&w.lower)
                || ordinal(&w.lower)
                || super::address::is_street_type(&w.lower)
                || capitalised(text, w)
                || !crate::lexicon::lexicon().get(&w.lower).is_known_word();
            if !part {
                break;
            }
            end = w.end;
        }
        if end > words[i + 2].end {
            out.push(Finding::new(number.start, end, Kind::Address));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn streets(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&StreetNames, text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn complexes_mileposts_and_rural_roads() {
        for (text, want) in [
            (
                "moved into Fairview Gardens #7C on the 3rd",
                vec!["Fairview Gardens #7C"],
            ),
            (
                "couldnt find him at Lakeview Manor Apts, unit 14C",
                vec!["Lakeview Manor Apts, unit 14C"],
            ),
            // Units after the complex, and one before it (on its own).
            (
                "la dejamos en Hermosa Vista Apts, edificio 2 depto 14, gracias",
                vec!["Hermosa Vista Apts, edificio 2 depto 14"],
            ),
            (
                "the nurse couldn't find space 41 at Brookhaven Mobile Home Park",
                vec!["space 41", "Brookhaven Mobile Home Park"],
            ),
            // A numbered street alone after a word of going, or before
            // "entre" (not an hour: "voy a la 1 de la tarde").
            ("ya casi llegando a la 47, la casa azul", vec!["47"]),
            ("vive en la 22 entre Kedzie y Albany", vec!["22"]),
            (
                "left at mile marker 212, gravel drive",
                vec!["mile marker 212"],
            ),
            (
                "cabin at mile 37.5 Parks Hwy past the lodge",
                vec!["mile 37.5 Parks Hwy"],
            ),
            (
                "discharged to 22150 Co Rd 12, Greeley",
                vec!["22150 Co Rd 12"],
            ),
            ("parked at 4410 FM 1960 Rd, Humble", vec!["4410 FM 1960 Rd"]),
            ("Address: N4728 Hwy K, Lot 3", vec!["N4728 Hwy K"]),
            ("across from the store on US 231 no number", vec!["US 231"]),
        ] {
            assert_eq!(streets(text), want, "{text}");
        }
        for text in [
            "we love the botanical gardens",
            "I walk a mile 2 times a day",
            "call us 24 hours a day",
        ] {
            assert!(streets(text).is_empty(), "{text}");
        }
    }

    #[test]
    fn numbered_roads_after_a_place_word() {
        for (text, street) in [
            ("we live off Route 9 by the walmart", Some("Route 9")),
            ("STUCK ON HWY 101 NORTHBOUND", Some("HWY 101")),
            ("accident near I-95, running late", Some("I-95")),
            (
                "off of state route 9W past the farm",
                Some("state route 9W"),
            ),
            ("we were on the road 2 days", None),
            ("vivimos cerca de la carretera 45", Some("carretera 45")),
            ("the route 9 bus was late", None),
            ("i 95 percent sure", None),
        ] {
            let want: Vec<&str> = street.into_iter().collect();
            assert_eq!(streets(text), want, "{text}");
        }
        // (The street-name rule finds "County Rd" too; the spans merge.)
        assert!(streets("trailer off County Rd 14 outside town").contains(&"County Rd 14"));
    }

    #[test]
    fn bare_street_names() {
        for (text, street) in [
            (
                "running late, stuck on wabash ave by the bridge",
                "wabash ave",
            ),
            ("BUS DIED ON KEDZIE BLVD, 10 MIN LATE", "KEDZIE BLVD"),
            ("the aide couldnt find Larkspur Ct again", "Larkspur Ct"),
            ("we used to live Poplar st before", "Poplar st"),
            ("she lives over on Brookside Way now", "Brookside Way"),
            ("mi abuela vive en la calle Nogal", "calle Nogal"),
            (
                "La dirección es Calle Pino 4410, apto 2, Yuma",
                "Calle Pino 4410, apto 2",
            ),
            (
                "ahora en 812 avenida Obregon depto 3",
                "812 avenida Obregon depto 3",
            ),
        ] {
            assert_eq!(streets(text), vec![street], "{text}");
        }
        assert_eq!(
            streets("crash near Ashland and Belmont, pls hold my slot"),
            vec!["Ashland", "Belmont"]
        );
        // A numbered street makes a corner without a cue; two ordinals
        // need the phrase to end with them.
        assert_eq!(
            streets("pick me up at 63rd & Kedzie, by the bank"),
            vec!["63rd", "Kedzie"]
        );
        assert_eq!(streets("we're at Cicero and 26th."), vec!["Cicero", "26th"]);
        assert!(streets("took the 1st and 2nd doses already").is_empty());
        assert!(streets("the 1st & 2nd floors are closed").is_empty());
        assert_eq!(
            streets("found him on the 4300 block of S Western Ave, he's ok"),
            vec!["S Western Ave", "4300 block of S Western Ave"]
        );
    }

    #[test]
    fn not_streets() {
        for text in [
            "ask dr smith about it",
            "on my way, in a row, by the way",
            "see you at St. Brendan tomorrow",
            "we took a long drive and a test drive",
            "family court is on Friday",
            "near the park and the school",
        ] {
            assert!(streets(text).is_empty(), "{text}: {:?}", streets(text));
        }
    }
}
