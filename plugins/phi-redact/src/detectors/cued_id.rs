//! Codes owned by a noun a few words before them: "my moms car 8JKS442",
//! "the serial on the box is 0M0003KXPL2", "visa ending 2231", "la tarjeta
//! que termina en 4471", "placas FXW 2201", "pacemaker card say serial PVT
//! 331982 S", "RPh #31882", "medicare number changed to 5TG7-JK2-MN84".
//!
//! The noun (device, vehicle, card, account, licence, record, insurance,
//! social security, order... in English and Spanish) gives the kind; up to
//! five words without digits may sit between it and the code, within the
//! sentence. The code must look like one: letters with digits, five digits
//! or more, or the last four digits after "ending", "last 4", "termina" or
//! of a card or a social security number. Amounts, years, times, dates,
//! phone numbers and quantities before a unit stay for their own detectors.

use std::cell::OnceCell;
use std::sync::OnceLock;

use super::word_set;
use super::{Detector, Scan, has_digit, is_unit};
use crate::finding::{Finding, Kind};
use crate::lexicon::FnvMap;
use crate::words::Word;

/// The nouns that own a code, and the code's kind.
const NOUNS: &[(&str, Kind)] = &[
    ("ssn", Kind::Ssn),
    ("ss", Kind::Ssn),
    ("soc", Kind::Ssn),
    ("social", Kind::Ssn),
    ("itin", Kind::Ssn),
    ("ssn4", Kind::Ssn),
    ("mrn", Kind::Mrn),
    ("badge", Kind::Id),
    ("record", Kind::Mrn),
    ("chart", Kind::Mrn),
    ("expediente", Kind::Mrn),
    ("member", Kind::MemberId),
    ("medicare", Kind::MemberId),
    ("medicaid", Kind::MemberId),
    ("mbi", Kind::MemberId),
    ("policy", Kind::MemberId),
    ("poliza", Kind::MemberId),
    ("póliza", Kind::MemberId),
    ("subscriber", Kind::MemberId),
    ("insurance", Kind::MemberId),
    ("seguro", Kind::MemberId),
    ("afiliado", Kind::MemberId),
    ("miembro", Kind::MemberId),
    ("account", Kind::Account),
    ("acct", Kind::Account),
    ("card", Kind::Account),
    ("visa", Kind::Account),
    ("mastercard", Kind::Account),
    ("amex", Kind::Account),
    ("discover", Kind::Account),
    ("debit", Kind::Account),
    ("credit", Kind::Account),
    ("tarjeta", Kind::Account),
    ("cuenta", Kind::Account),
    ("license", Kind::License),
    ("licence", Kind::License),
    ("lic", Kind::License),
    ("licencia", Kind::License),
    ("dl", Kind::License),
    ("dea", Kind::License),
    ("npi", Kind::License),
    ("permit", Kind::License),
    ("permiso", Kind::License),
    ("cedula", Kind::License),
    ("cédula", Kind::License),
    ("lisc", Kind::License),
    ("registration", Kind::License),
    ("registro", Kind::License),
    ("credential", Kind::License),
    ("certification", Kind::License),
    ("serial", Kind::Device),
    ("sn", Kind::Device),
    ("serie", Kind::Device),
    ("imei", Kind::Device),
    ("udi", Kind::Device),
    ("device", Kind::Device),
    ("transmitter", Kind::Device),
    ("pacemaker", Kind::Device),
    ("marcapasos", Kind::Device),
    ("pump", Kind::Device),
    ("bomba", Kind::Device),
    ("cgm", Kind::Device),
    ("cpap", Kind::Device),
    ("bipap", Kind::Device),
    ("concentrator", Kind::Device),
    ("aid", Kind::Device),
    ("sensor", Kind::Device),
    ("monitor", Kind::Device),
    ("meter", Kind::Device),
    ("glucometer", Kind::Device),
    ("pdm", Kind::Device),
    ("icd", Kind::Device),
    ("defibrillator", Kind::Device),
    ("implant", Kind::Device),
    ("receiver", Kind::Device),
    ("nebulizer", Kind::Device),
    ("machine", Kind::Device),
    ("maquina", Kind::Device),
    ("máquina", Kind::Device),
    ("aparato", Kind::Device),
    ("apparatus", Kind::Device),
    ("dexcom", Kind::Device),
    // "my new g7 code is 4471": a CGM's model name alone.
    ("g6", Kind::Device),
    ("g7", Kind::Device),
    ("libre", Kind::Device),
    ("omnipod", Kind::Device),
    ("tandem", Kind::Device),
    ("medtronic", Kind::Device),
    ("freestyle", Kind::Device),
    ("wheelchair", Kind::Device),
    ("scooter", Kind::Device),
    ("stimulator", Kind::Device),
    ("neurostimulator", Kind::Device),
    ("ventilator", Kind::Device),
    ("oximeter", Kind::Device),
    ("glucometro", Kind::Device),
    ("glucómetro", Kind::Device),
    ("silla", Kind::Device),
    ("audifono", Kind::Device),
    ("audífono", Kind::Device),
    ("audifonos", Kind::Device),
    ("audífonos", Kind::Device),
    ("tank", Kind::Device),
    ("tanque", Kind::Device),
    ("cylinder", Kind::Device),
    ("walker", Kind::Device),
    ("rollator", Kind::Device),
    ("andadera", Kind::Device),
    ("andador", Kind::Device),
    ("cane", Kind::Device),
    ("crutches", Kind::Device),
    ("lift", Kind::Device),
    ("recorder", Kind::Device),
    ("processor", Kind::Device),
    ("controller", Kind::Device),
    ("lvad", Kind::Device),
    // "the heart battery they put in has the number PJN 448812": a
    // pacemaker's lay name.
    ("battery", Kind::Device),
    ("bateria", Kind::Device),
    ("batería", Kind::Device),
    ("vad", Kind::Device),
    ("reader", Kind::Device),
    ("lector", Kind::Device),
    ("cuff", Kind::Device),
    ("scale", Kind::Device),
    ("equipment", Kind::Device),
    ("equipo", Kind::Device),
    ("dispositivo", Kind::Device),
    ("nebulizador", Kind::Device),
    ("concentrador", Kind::Device),
    ("implante", Kind::Device),
    ("tslim", Kind::Device),
    ("minimed", Kind::Device),
    ("eversense", Kind::Device),
    ("resmed", Kind::Device),
    ("airsense", Kind::Device),
    ("lifevest", Kind::Device),
    ("patch", Kind::Device),
    ("holter", Kind::Device),
    ("pen", Kind::Device),
    ("vest", Kind::Device),
    ("inhaler", Kind::Device),
    ("aids", Kind::Device),
    ("pumps", Kind::Device),
    ("sensors", Kind::Device),
    ("monitors", Kind::Device),
    ("parche", Kind::Device),
    ("inhalador", Kind::Device),
    ("plate", Kind::Vehicle),
    ("plates", Kind::Vehicle),
    ("placa", Kind::Vehicle),
    ("placas", Kind::Vehicle),
    ("tag", Kind::Vehicle),
    ("tags", Kind::Vehicle),
    ("car", Kind::Vehicle),
    ("truck", Kind::Vehicle),
    ("vehicle", Kind::Vehicle),
    ("van", Kind::Vehicle),
    ("suv", Kind::Vehicle),
    ("carro", Kind::Vehicle),
    ("troca", Kind::Vehicle),
    ("camioneta", Kind::Vehicle),
    ("coche", Kind::Vehicle),
    ("tablilla", Kind::Vehicle),
    ("matricula", Kind::Vehicle),
    ("matrícula", Kind::Vehicle),
    ("vin", Kind::Vehicle),
    ("rx", Kind::Id),
    ("receta", Kind::Id),
    ("claim", Kind::Id),
    // A VA file number: "file # 28 003 541", "C-file 22 918 404".
    ("file", Kind::Id),
    ("c-file", Kind::Id),
    ("c-number", Kind::Id),
    ("reclamo", Kind::Id),
    ("referral", Kind::Id),
    ("case", Kind::Id),
    ("caso", Kind::Id),
    ("confirmation", Kind::Id),
    ("booking", Kind::Id),
    // A prior authorization's key ("CoverMyMeds key BKX7MT2Q").
    ("key", Kind::Id),
    // A login: "username might be tbianchi58", "user talvarez2".
    ("username", Kind::Id),
    ("userid", Kind::Id),
    ("login", Kind::Id),
    ("usuario", Kind::Id),
    ("itinerary", Kind::Id),
    ("reservation", Kind::Id),
    ("tracking", Kind::Id),
    ("rastreo", Kind::Id),
    ("seguimiento", Kind::Id),
    // A parcel's number after its carrier ("shipped fedex 7749 2210 6631").
    ("fedex", Kind::Id),
    ("usps", Kind::Id),
    ("dhl", Kind::Id),
    ("estafeta", Kind::Id),
    ("order", Kind::Id),
    ("orden", Kind::Id),
    ("authorization", Kind::Id),
    ("accession", Kind::Id),
    ("specimen", Kind::Id),
    ("muestra", Kind::Id),
    ("requisition", Kind::Id),
    ("ticket", Kind::Id),
    // An employer's number for a worker, a court's for a case.
    ("employee", Kind::Id),
    ("empleado", Kind::Id),
    ("empleada", Kind::Id),
    ("docket", Kind::Id),
];

word_set! {
    /// Roles that own an identifying number only with "#" after them
    /// ("intake worker #3381", "interp #30418", "Ofc. Dunn #14490").
    fn is_role {
        "worker"
            | "officer"
            | "ofc"
            | "interp"
            | "interpreter"
            | "detective"
            | "det"
            | "deputy"
            | "agent"
            | "caseworker"
            | "advocate"
            | "trooper"
            | "sergeant"
            | "sgt"
            | "inmate"
            | "dispatcher"
    }
}

word_set! {
    /// Credentials that own a licence number only with "#" or "lic" after
    /// them ("RPh #31882", "RN lic 483920"). A `match`, not a list scanned
    /// for every word of every message.
    fn is_credential {
        "rph"
            | "rn"
            | "lpn"
            | "lvn"
            | "md"
            | "do"
            | "pa"
            | "np"
            | "aprn"
            | "pharmd"
            | "cpht"
            | "lcsw"
            | "dds"
            | "crna"
            | "cnm"
            | "pt"
            | "ot"
            | "rd"
            | "cna"
            | "cma"
            | "emt"
            | "rrt"
            | "fnp"
            | "dnp"
            | "dpt"
            | "lpc"
            | "lmsw"
            | "lmft"
            | "psyd"
            | "dmd"
            | "od"
            | "bsn"
            | "msn"
            | "cnp"
            | "cns"
            | "anp"
            | "agnp"
            | "pmhnp"
            | "lmhc"
            | "licsw"
            | "lisw"
            | "lsw"
            | "rdn"
            | "slp"
            | "cota"
            | "pta"
            | "cadc"
            | "ibclc"
            | "cdces"
            | "dpm"
            | "lmt"
            | "medic"
            | "paramedic"
    }
}

/// Credentials that are also a state code, a word or an abbreviation
/// ("MD 20850" is Maryland and a ZIP code, "pt", "rd", "do"): a number a
/// space after them is no licence by that alone.
const AMBIGUOUS_CREDENTIALS: &[&str] = &["md", "pa", "do", "pt", "rd", "od", "ot"];

/// Words after which the last four digits of a number are enough.
const LAST_FOUR: &[&str] = &[
    "ending",
    "ends",
    "ended",
    "endlng",
    "last",
    "finish",
    "finishing",
    "termina",
    "terminada",
    "termine",
    "ultimos",
    "últimos",
    "four",
    "4",
    "cuatro",
];

/// A word after which the last four digits are enough, or one typo from
/// one ("lsat", "endign").
fn last_four_word(word: &str) -> bool {
    LAST_FOUR.contains(&word) || super::typo_in(word, LAST_FOUR, 4).is_some()
}

/// The kind of the code a noun owns, if it owns one. A word in no list
/// that is one typo away from a noun of six letters or more is that noun
/// ("seral", "licnese", "pacemkaer").
fn kind_of(word: &str) -> Option<Kind> {
    static TABLE: OnceLock<FnvMap<&'static str, Kind>> = OnceLock::new();
    let table = TABLE.get_or_init(|| NOUNS.iter().copied().collect());
    // (Most words are no noun: the lengths of the nouns by their first
    // byte say so before the table is hashed into.)
    let noun = |word: &str| {
        super::may_be_in(&NOUN_LENGTHS, word)
            .then(|| table.get(word).copied())
            .flatten()
    };
    if let Some(k) = noun(word) {
        return Some(k);
    }
    // "her socials last 4", "the ssns": a plural or a possessive without
    // its apostrophe.
    if let Some(stem) = word.strip_suffix('s')
        && stem.len() >= 3
        && let Some(k) = noun(stem)
        && matches!(k, Kind::Ssn | Kind::Device | Kind::License)
    {
        return Some(k);
    }
    if !(5..=14).contains(&word.len()) || !word.is_ascii() {
        return None;
    }
    // The first noun (in list order) the word is a typo of: a typo keeps
    // the first letter or swaps the first two, so only the nouns that
    // start with the word's first or second letter are compared.
    static BY_FIRST: OnceLock<Vec<Vec<usize>>> = OnceLock::new();
    let by_first = BY_FIRST.get_or_init(|| {
        let mut by_first = vec![Vec::new(); 256];
        for (index, (noun, _)) in NOUNS.iter().enumerate() {
            by_first[usize::from(noun.as_bytes()[0])].push(index);
        }
        by_first
    });
    let typo = |&index: &usize| {
        let noun = NOUNS[index].0;
        may_be_typo_of(word, noun)
            && noun.is_ascii()
            && (noun.len() >= 6 && super::one_typo(word, noun)
                || noun.len() >= 4 && swapped_or_doubled(word, noun))
    };
    let entry = crate::lexicon::lexicon().get(word);
    if entry.is_known_word() || entry.is_name() || entry.vocabulary_bits() != 0 {
        return None;
    }
    let bytes = word.as_bytes();
    let first = |b: u8| by_first[usize::from(b)].iter().copied().find(typo);
    let index = match (first(bytes[0]), first(bytes[1])) {
        (Some(a), Some(b)) => a.min(b),
        (a, b) => a.or(b)?,
    };
    Some(NOUNS[index].1)
}

/// [`super::lengths_by_first_byte`] of the nouns.
const NOUN_LENGTHS: [u64; 256] = {
    let mut nouns = [""; NOUNS.len()];
    let mut i = 0;
    while i < NOUNS.len() {
        nouns[i] = NOUNS[i].0;
        i += 1;
    }
    super::lengths_by_first_byte(&nouns)
};

/// What both typo checks of `kind_of` need, cheap to test first: a noun of
/// four letters or more, at most one letter longer or shorter than `word`,
/// with the same first letter (or the first two swapped).
fn may_be_typo_of(word: &str, noun: &str) -> bool {
    let (w, n) = (word.as_bytes(), noun.as_bytes());
    n.len() >= 4
        && w.len().abs_diff(n.len()) <= 1
        && w.len() >= 2
        && (w[0] == n[0] || (w[0] == n[1] && w[1] == n[0]))
}

/// Whether `word` is `noun` with two neighbouring letters swapped or one
/// letter doubled ("pmup", "puump"): typos that keep a short noun
/// recognisable.
fn swapped_or_doubled(word: &str, noun: &str) -> bool {
    let (w, n) = (word.as_bytes(), noun.as_bytes());
    if w.len() == n.len() + 1 {
        return (1..w.len()).any(|i| w[i] == w[i - 1] && w[..i] == n[..i] && w[i + 1..] == n[i..]);
    }
    if w.len() == n.len() {
        let Some(first) = (0..w.len()).find(|&i| w[i] != n[i]) else {
            return false;
        };
        return first + 1 < w.len()
            && w[first] == n[first + 1]
            && w[first + 1] == n[first]
            && w[first + 2..] == n[first + 2..];
    }
    false
}

/// The end of the code that starts at byte `start`: letters and digits,
/// joined by single "-", "." or "/" ("880-1129-4", "PA.0021874").
fn code_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    while end < bytes.len() {
        let joiner = matches!(bytes[end], b'-' | b'.' | b'/')
            && bytes.get(end + 1).is_some_and(u8::is_ascii_alphanumeric)
            && end > start;
        if !(bytes[end].is_ascii_alphanumeric() || joiner) {
            break;
        }
        end += 1;
    }
    end
}

/// What a candidate code looks like.
fn looks_like_code(code: &str, last_four_ok: bool) -> bool {
    let digits = code.bytes().filter(u8::is_ascii_digit).count();
    let letters = code.bytes().filter(u8::is_ascii_alphabetic).count();
    if digits == 0 {
        return false;
    }
    let alnum = digits + letters;
    let year = alnum == 4 && digits == 4 && (code.starts_with("19") || code.starts_with("20"));
    // 555-123-4567, (not a code), 3/14/1962 and 10.5 (not codes).
    let phone_shape = digits == 10 && letters == 0 && code.matches('-').count() == 2;
    // (Not "1188/2031", a serial written in two halves: a date's first
    // part has one or two digits.)
    let date_shape = letters == 0
        && code.contains('/')
        && code.split('/').next().is_some_and(|first| first.len() <= 2);
    // ("036.118274", a licence written with a dot, is no decimal.)
    let decimal = letters == 0
        && code.matches('.').count() == 1
        && code
            .split_once('.')
            .is_some_and(|(whole, part)| whole.len() < 2 || part.len() < 4);
    if year
        || phone_shape
        || date_shape
        || decimal
        || (!grouped(code) && code.split(' ').any(measure))
    {
        return false;
    }
    // "hba1c", "G7 sensor": one digit among letters is a name or a model,
    // not a code.
    (letters > 0 && alnum >= 4 && digits >= 2)
        || digits >= 5
        || (digits == 4 && (last_four_ok || code.contains('-')))
}

/// "8G H2 KL", "7T 2K 9W", "RXQ 441 20": three groups or more of two or
/// three letters and digits, split by single spaces, is a code written in
/// groups (a dose is one number and its unit, not three).
fn grouped(code: &str) -> bool {
    let groups = code.split(' ').count();
    let mixed = |g: &str| has_digit(g) && g.bytes().any(|b| b.is_ascii_alphabetic());
    // ("8RQ 22K": two groups of three or four, each of letters and digits.)
    (groups >= 3
        && code
            .split(' ')
            .all(|g| (2..=3).contains(&g.len()) && g.bytes().all(|b| b.is_ascii_alphanumeric())))
        || (groups == 2
            && code.split(' ').all(|g| {
                (3..=4).contains(&g.len())
                    && g.bytes().all(|b| b.is_ascii_alphanumeric())
                    && mixed(g)
            }))
}

/// "500mg", "12pm", "q12h", "covid19": a number glued to a unit, a time,
/// a frequency, or a disease's year; "400mg/5mL", "5mg/kg": a
/// concentration or a rate, measures and units over one another.
pub(super) fn measure(code: &str) -> bool {
    if code.contains('/') {
        return code.split('/').all(|part| {
            !part.is_empty() && (measure(part) || is_unit(&part.to_ascii_lowercase()))
        });
    }
    let lower = code.to_ascii_lowercase();
    let lower = lower.strip_prefix('q').unwrap_or(&lower);
    let digits = lower.bytes().take_while(u8::is_ascii_digit).count();
    let suffix = &lower[digits..];
    // "10k steps", but "3319K" after a serial is a code.
    let thousands = suffix == "k" && digits > 3;
    let unit = digits > 0
        && !thousands
        && !suffix.is_empty()
        && suffix.bytes().all(|b| b.is_ascii_alphabetic())
        && (is_unit(suffix)
            || matches!(
                suffix,
                "h" | "d" | "x" | "k" | "u" | "iu" | "cc" | "st" | "nd" | "rd" | "th" | "yo" | "y"
            ));
    unit || matches!(lower, "covid19" | "sars2")
}

/// Whether word `w` can sit between a noun and its code: letters only,
/// not a stop word.
fn filler(w: &Word<'_>) -> bool {
    !w.lower.bytes().any(|b| b.is_ascii_digit())
        // Words that end the search: another number's context.
        && !matches!(
            &*w.lower,
            "call" | "text" | "phone" | "fax" | "tel" | "dial" | "llame" | "llamar" | "cel" | "celular"
        )
}

/// Whether the gap `text[a..b]` stays inside one sentence.
fn same_sentence(text: &str, a: usize, b: usize) -> bool {
    let gap = &text[a..b];
    // "social sec no. 4471", "lic. 48063": the dot of an abbreviation.
    let abbreviation =
        gap.trim_end() == "." && ABBREVIATIONS.contains(&super::previous_word(text, a).as_str());
    !gap.contains(['!', '?', ';', '\n'])
        && (abbreviation || (!gap.contains(". ") && !gap.ends_with('.')))
}

/// "the transmitter id?? its 8GM4K2": a question mark, then the writer's
/// own answer ("its", "it's", "es") carries the noun over to the code.
fn answers_question(text: &str, words: &[Word<'_>], j: usize) -> bool {
    let gap = text[words[j - 1].end..words[j].start].trim();
    !gap.is_empty()
        && gap.chars().all(|c| c == '?')
        && matches!(&*words[j].lower, "its" | "it" | "es" | "thats")
}

/// Abbreviations whose dot ends no sentence before a number.
const ABBREVIATIONS: &[&str] = &[
    "no", "num", "nbr", "nr", "lic", "sec", "soc", "acct", "reg", "cert", "ser", "dev", "núm",
];

pub struct CuedIds;

impl CuedIds {
    /// Builds the noun table now, not on the first message.
    pub fn new() -> Self {
        kind_of("serial");
        Self
    }
}

impl Default for CuedIds {
    fn default() -> Self {
        Self::new()
    }
}

/// A court's case number starting at word `i`, to its end: a year, a
/// case-type code in capitals and the case's own digits ("24 CR 00917",
/// "2022 D 004417", "23 CR 0419-01", "2024 CH 01993").
fn court_case_number(text: &str, words: &[Word<'_>], i: usize) -> Option<usize> {
    let year = words.get(i)?;
    let year_ok = (year.lower.len() == 2
        || (year.lower.len() == 4 && year.lower.starts_with("20")))
        && year.is_digits();
    if !year_ok {
        return None;
    }
    let (code, number) = (words.get(i + 1)?, words.get(i + 2)?);
    let code_raw = &text[code.start..code.end];
    // (Not a unit or a time: "10 MG 1000", "12 PM 2000".)
    let code_ok = (1..=3).contains(&code_raw.len())
        && code_raw.bytes().all(|b| b.is_ascii_uppercase())
        && !super::is_unit(&code.lower)
        && !matches!(
            &*code.lower,
            "am" | "pm" | "po" | "iv" | "im" | "sq" | "qd" | "hr" | "min"
        );
    let spaced = |a: &Word<'_>, b: &Word<'_>| text[a.end..b.start] == *" ";
    let number_ok = number.is_digits() && (4..=7).contains(&number.lower.len());
    if !(code_ok && number_ok && spaced(year, code) && spaced(code, number)) {
        return None;
    }
    // A sequence after a dash: "0419-01".
    let rest = &text[number.end..];
    let suffix = rest
        .strip_prefix('-')
        .map_or(0, |r| r.bytes().take_while(u8::is_ascii_digit).count());
    Some(
        number.end
            + if (1..=3).contains(&suffix) {
                suffix + 1
            } else {
                0
            },
    )
}

impl Detector for CuedIds {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        let words = scan.words;
        // One digit is enough only inside a serial of letters ("PQKXW4").
        let mixed = |w: &Word<'_>| has_digit(&w.lower) && w.lower.len() >= 6;
        if scan.profile.digits == 0 || (scan.profile.digits < 2 && !words.iter().any(mixed)) {
            return;
        }
        let kinds = Kinds::new(words);
        let mut done = 0;
        for (i, w) in words.iter().enumerate() {
            if w.start < done {
                continue;
            }
            if let Some(end) = court_case_number(text, words, i) {
                out.push(Finding::new(w.start, end, Kind::Id));
                done = end;
                continue;
            }
            if let Some((start, end)) = credential_code(text, words, i) {
                out.push(Finding::new(start, end, Kind::License));
                done = end;
                continue;
            }
            if let Some((start, end, kind)) = glued_label(text, w) {
                out.push(Finding::new(start, end, kind));
                done = end;
                continue;
            }
            // "intake worker #3381", "Officer Dunn #14490": a role owns a
            // number with "#" right after it, as a credential does.
            let role = is_role(&w.lower);
            let credential = is_credential(&w.lower) || role;
            // "the state ID you showed us, 447 102 938": an identity card's
            // number (not "medicaid id", whose noun owns it).
            let identity = matches!(&*w.lower, "id" | "identification" | "identificacion")
                && !(i > 0 && kinds.of(i - 1).is_some());
            let mut kind = match kinds.of(i) {
                Some(k) => k,
                None if role => Kind::Id,
                None if credential => Kind::License,
                None if identity => Kind::Id,
                None => {
                    if let Some((start, end, kind)) = code_before(text, words, &kinds, i) {
                        out.push(Finding::new(start, end, kind));
                        done = end;
                    }
                    continue;
                }
            };
            // "ICD-10 Z79.4", "icd 10 codes": the diagnosis code system,
            // not a defibrillator.
            if &*w.lower == "icd"
                && words
                    .get(i + 1)
                    .is_some_and(|n| matches!(&*n.lower, "10" | "9" | "10cm" | "9cm" | "11"))
            {
                continue;
            }
            // "my social worker comes at 1030": a social worker owns no
            // social security number.
            if &*w.lower == "social"
                && words.get(i + 1).is_some_and(|n| {
                    matches!(
                        &*n.lower,
                        "worker" | "workers" | "work" | "media" | "services"
                    )
                })
            {
                continue;
            }
            // "seguro social", "social security": the social security number.
            if matches!(&*w.lower, "seguro")
                && words.get(i + 1).is_some_and(|n| &*n.lower == "social")
            {
                kind = Kind::Ssn;
            }
            if let Some((start, end, kind)) =
                code_after(text, words, &kinds, i, credential, kind, scan.mode)
            {
                out.push(Finding::new(start, end, kind));
                done = next_codes(text, start, end, kind, out);
            }
        }
    }
}

/// The noun kind of each word of a message, looked up when first asked
/// (the loops ask again about the words around a code).
struct Kinds<'w> {
    words: &'w [Word<'w>],
    kinds: Vec<OnceCell<Option<Kind>>>,
}

impl<'w> Kinds<'w> {
    fn new(words: &'w [Word<'w>]) -> Self {
        Self {
            words,
            kinds: vec![OnceCell::new(); words.len()],
        }
    }

    /// `kind_of` the `k`th word.
    fn of(&self, k: usize) -> Option<Kind> {
        *self.kinds[k].get_or_init(|| kind_of(&self.words[k].lower))
    }
}

/// "8GH3KM and 8GH3KN", "PJN110298H, PJN110299H": codes of the same length
/// listed after a first one (`text[start..end]`) are of its kind. Returns
/// the end of the last.
fn next_codes(text: &str, start: usize, end: usize, kind: Kind, out: &mut Vec<Finding>) -> usize {
    // (The code without a prefix of one letter: "r 7721 and 7722".)
    let first = match text[start..end].split_once(' ') {
        Some((prefix, rest)) if prefix.len() == 1 => rest,
        _ => &text[start..end],
    };
    let len = first.len();
    let mut at = end;
    loop {
        let rest = &text[at..];
        let gap = rest.len() - rest.trim_start_matches([' ', ',', '&', '/']).len();
        let mut next = at + gap;
        // ("old one was 8GM4K2 new one 81MZ3K": a replacement named.)
        for joiner in [
            "and ",
            "y ",
            "or ",
            "the ",
            "new one is ",
            "new one: ",
            "new one ",
            "old one is ",
            "old one ",
        ] {
            if text
                .get(next..next + joiner.len())
                .is_some_and(|t| t.eq_ignore_ascii_case(joiner))
            {
                next += joiner.len();
            }
        }
        let next_end = code_end(text, next);
        let code = &text[next..next_end];
        // ("7721 and 7722": four digits listed after four digits.)
        let four_digits = len == 4 && first.bytes().all(|b| b.is_ascii_digit());
        let listed = next > at
            && next_end - next == len
            && looks_like_code(code, four_digits)
            && super::stands_alone(text, next, next_end);
        if !listed {
            return at;
        }
        out.push(Finding::new(next, next_end, kind));
        at = next_end;
    }
}

/// "RN-448120", "PA.0021874", "lpn22819", "RPh 31882": a credential glued
/// to a number of four digits or more, or a space before five digits or
/// more (after a credential that is nothing else), is a licence number,
/// the credential with it.
fn credential_code(text: &str, words: &[Word<'_>], i: usize) -> Option<(usize, usize)> {
    let w = &words[i];
    let letters = w.lower.bytes().take_while(u8::is_ascii_alphabetic).count();
    let (prefix, rest) = w.lower.split_at(letters);
    if !is_credential(prefix) {
        return None;
    }
    let year =
        |digits: &str| digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    if !rest.is_empty() {
        let number = rest.len() >= 4 && rest.bytes().all(|b| b.is_ascii_digit()) && !year(rest);
        return number.then_some((w.start, w.end));
    }
    let end = code_end(text, w.start);
    if end > w.end {
        let tail = &text[w.end + 1..end];
        let number = tail.len() >= 4 && tail.bytes().all(|b| b.is_ascii_digit()) && !year(tail);
        return (number && super::stands_alone(text, w.start, end)).then_some((w.start, end));
    }
    let next = words.get(i + 1)?;
    // Four digits only after a credential in capitals ("RN 4418"), not a
    // year or a clock time ("RN 0700 shift").
    let clock = next.lower.len() == 4
        && next.lower[..2].parse::<u32>().is_ok_and(|h| h <= 23)
        && next.lower[2..].parse::<u32>().is_ok_and(|m| m <= 59);
    let four = next.lower.len() == 4
        && is_upper(text, w)
        && !year(&next.lower)
        && !clock
        && !is_unit(&super::next_word(text, next.end));
    let spaced = &text[w.end..next.start] == " "
        && next.is_digits()
        && (next.lower.len() >= 5 || four)
        && code_end(text, next.start) == next.end
        && !AMBIGUOUS_CREDENTIALS.contains(&prefix)
        && !is_unit(&super::next_word(text, next.end));
    spaced.then_some((w.start, next.end))
}

/// "sn88213", "dl4471029", "SN-88213": a noun's label glued to four digits
/// or more is that noun's code (the whole word goes).
fn glued_label(text: &str, w: &Word<'_>) -> Option<(usize, usize, Kind)> {
    let letters = w.lower.bytes().take_while(u8::is_ascii_alphabetic).count();
    if letters == 0 || letters == w.lower.len() {
        return None;
    }
    let (label, rest) = w.lower.split_at(letters);
    let kind = kind_of(label).filter(|_| label.len() <= 6)?;
    let end = code_end(text, w.start);
    let digits = text[w.start..end]
        .bytes()
        .filter(u8::is_ascii_digit)
        .count();
    let plain = rest.bytes().all(|b| b.is_ascii_digit());
    (plain && digits >= 4 && super::stands_alone(text, w.start, end))
        .then_some((w.start, end, kind))
}

/// Words that link a code to the noun after it ("4471 is the last 4 of my
/// social", "G7XK2P = transmitter id").
const LINKS: &[&str] = &["is", "are", "was", "es", "son", "era"];

/// The code at `words[i]` owned by a noun a few words after it: "4471 is
/// the last 4 of my social", "G7XK2PQ is my transmitter id", "8812XK (the
/// serial on the pump)". A link ("is", "=", a bracket) must follow the
/// code; four digits need a last-four word on the way.
fn code_before(
    text: &str,
    words: &[Word<'_>],
    kinds: &Kinds<'_>,
    i: usize,
) -> Option<(usize, usize, Kind)> {
    let w = &words[i];
    if !has_digit(&w.lower) {
        return None;
    }
    let end = code_end(text, w.start);
    let code = &text[w.start..end];
    if !has_digit(code) || !super::stands_alone(text, w.start, end) {
        return None;
    }
    let mut j = i + 1;
    while words.get(j).is_some_and(|n| n.start < end) {
        j += 1;
    }
    let first = words.get(j)?;
    let gap = text[end..first.start].trim();
    let linked =
        matches!(gap, "=" | "(" | ":" | "-" | "\u{2014}") || LINKS.contains(&&*first.lower);
    if !linked || !same_sentence(text, end, first.start) {
        return None;
    }
    let mut last_four = false;
    for k in j..words.len().min(j + 7) {
        let word = &words[k];
        if k > j && !same_sentence(text, words[k - 1].end, word.start) {
            return None;
        }
        if let Some(kind) = kinds.of(k) {
            last_four |= matches!(kind, Kind::Ssn | Kind::Account | Kind::License);
            return looks_like_code(code, last_four).then_some((w.start, end, kind));
        }
        let four = &*word.lower == "4" && k > j && last_four_word(&words[k - 1].lower);
        if !(filler(word) || four) {
            return None;
        }
        last_four |= last_four_word(&word.lower) && &*word.lower != "4";
    }
    None
}

/// The code owned by the noun `words[i]`, if one follows within the
/// sentence.
fn code_after(
    text: &str,
    words: &[Word<'_>],
    kinds: &Kinds<'_>,
    i: usize,
    credential: bool,
    kind: Kind,
    mode: crate::casing::CaseMode,
) -> Option<(usize, usize, Kind)> {
    let lower_case = mode == crate::casing::CaseMode::Lower;
    let mut kind = kind;
    let mut last_four = matches!(kind, Kind::Ssn | Kind::Account);
    let mut j = i + 1;
    // Up to six words between; up to twelve for a code that cannot be
    // anything else ("the serial number that is printed on the back of the
    // box is ...").
    while j < words.len() && j <= i + 12 {
        if !same_sentence(text, words[j - 1].end, words[j].start)
            && !answers_question(text, words, j)
        {
            return None;
        }
        let word = &words[j];
        // "APRN.77120": a word that starts a code with digits is the code.
        let code_has_digit = has_digit(&text[word.start..code_end(text, word.start)]);
        // "ssn last 4 is 4471": the "4" of "last 4" is no code.
        // ("ssn last4 is 4471": "last4" glued is the same.)
        let four =
            &*word.lower == "4" && last_four_word(&words[j - 1].lower) || &*word.lower == "last4";
        // "dexcom g6 8GH3KM", "CPAP airsense 10 4VJ2EL": a device's model
        // between its name and its serial.
        // (Not the "35" that opens an IMEI written in groups.)
        let model = kind == Kind::Device
            && model_token(&word.lower)
            && !(word.is_digits()
                && words
                    .get(j + 1)
                    .is_some_and(|n| imei_digits(text, word.start, n)))
            && code_end(text, word.start) == word.end
            && words.get(j + 1).is_some_and(|n| {
                same_sentence(text, word.end, n.start)
                    && looks_like_code(&text[n.start..code_end(text, n.start)], false)
            });
        if !(four || model || (filler(word) && !code_has_digit)) {
            break;
        }
        last_four |= last_four_word(&word.lower) || &*word.lower == "last4";
        // The nearest noun owns the code ("card ... member 123456").
        if let Some(k) = kinds.of(j) {
            // ("my social security card: 4417": the card of the SSN.)
            let ssn_card = k == Kind::Account
                && matches!(&*word.lower, "card" | "tarjeta")
                && matches!(
                    &*words[j - 1].lower,
                    "security" | "social" | "ss" | "ssn" | "seguro"
                );
            kind = if ssn_card { Kind::Ssn } else { k };
            last_four |= matches!(kind, Kind::Ssn | Kind::Account);
        }
        j += 1;
    }
    let value = words.get(j)?;
    if !same_sentence(text, words[j - 1].end, value.start) {
        return None;
    }
    let far = j > i + 7;
    last_four |= j > 0 && last_four_word(&words[j - 1].lower);
    // "RPh #31882", "RN lic 483920": a credential needs "#" or "lic".
    let gap = &text[words[j - 1].end..value.start];
    // ("interp Hodan #30418", "Ofc. Dunn #14490": a role, then the
    // person's name, then the number.)
    let named_role = is_role(&words[i].lower)
        && j == i + 2
        && gap.contains('#')
        && text[words[i + 1].start..].starts_with(|c: char| c.is_uppercase());
    if credential
        && !(j == i + 1 && gap.contains('#')
            || j == i + 2 && words[i + 1].lower.starts_with("lic")
            || named_role)
    {
        return None;
    }
    // The value starts after any "$" or "#": "$1200" is an amount.
    // ("the vaccine card says lot 7RK42": a drug's lot is the product's.)
    if gap.ends_with('$') || matches!(&*words[j - 1].lower, "lot" | "lote" | "batch") {
        return None;
    }
    let mut start = value.start;
    let mut end = code_end(text, value.start);
    if !has_digit(&text[start..end]) {
        return None;
    }
    // "P 882 4471", "MR 44710", "6TRB 441", "PVT 331982 S": short parts
    // split by single spaces belong to one code.
    let mut k = j;
    while let Some(next) = words.get(k + 1) {
        if next.start < end {
            k += 1;
            continue;
        }
        // "8G H2 KL": a group of letters only ends a code written in groups
        // of its length ("HX 2K KL"), in capitals (or in a lower-case
        // message) and no word.
        let group_len = text[start..end].split(' ').next().map_or(0, str::len);
        // (The first such group needs a group with a digit after it: "8M
        // KQ 2T".)
        let more_groups = k > j
            || words.get(k + 2).is_some_and(|w| {
                w.lower.len() == group_len && has_digit(&w.lower) && w.start == next.end + 1
            });
        let letters_group = more_groups
            && (2..=3).contains(&group_len)
            && next.lower.len() == group_len
            && text[start..end].split(' ').all(|g| g.len() == group_len)
            && next.lower.bytes().all(|b| b.is_ascii_alphabetic())
            && (is_upper(text, next) || lower_case)
            && !common_word(&next.lower)
            && code_end(text, next.start) == next.end;
        // "35 693803 564380 9": digit groups that make up a phone's IMEI
        // (fifteen or sixteen digits) are one code.
        let imei_group = next.lower.bytes().all(|b| b.is_ascii_digit())
            && text[start..end]
                .bytes()
                .all(|b| b.is_ascii_digit() || b == b' ')
            && imei_digits(text, start, next);
        let joined = &text[end..next.start] == " "
            && (letters_group || imei_group || next.lower.len() <= 4)
            && (letters_group
                || imei_group
                || has_digit(&next.lower)
                || (next.lower.len() == 1
                    && (is_upper(text, next)
                        || (lower_case
                            && !matches!(&*next.lower, "i" | "a" | "r" | "u" | "y" | "o" | "e")))));
        if !joined {
            break;
        }
        end = code_end(text, next.start);
        k += 1;
    }
    if j > i + 1 {
        let before = &words[j - 1];
        // Not the "s" of "it's" nor the "N" of "S/N".
        let elided = text[..before.start].ends_with(['\'', '\u{2019}', '/']);
        // "sn: ts 220194", "serial # kx 99812": a short lowercase group
        // right after an id label and its ":" or "#" opens the code.
        let after_label = j >= 2
            && (text[words[j - 2].end..before.start].contains([':', '#'])
                || matches!(&*words[j - 2].lower, "sn" | "serial" | "serie" | "s/n"))
            && !function_word(&before.lower)
            && !is_unit(&before.lower);
        // ("pump # is AM 55190": a group in capitals in a message not
        // written in capitals is the code's, even when it spells a small
        // word.)
        let capitals_stand_out = mode != crate::casing::CaseMode::Upper;
        let prefix = &text[before.end..start] == " "
            && !elided
            && before.lower.len() <= 3
            && !has_digit(&before.lower)
            && (is_upper(text, before)
                || before.lower.len() == 1
                || lower_case
                || after_label
                || !common_word(&before.lower))
            && kinds.of(j - 1).is_none()
            // (A label is no prefix: "Member ID XJ12345", "serial NO 4471".)
            && !matches!(&*before.lower, "id" | "no" | "num" | "nbr" | "nr" | "dob")
            && (!is_credential(&before.lower) || kind == Kind::License)
            // ("the number is EA 55019": capitals before the digits in a
            // lower-case message are the code's own.)
            && (before.lower.len() == 1
                || !common_word(&before.lower)
                || (after_label && before.lower.len() >= 2)
                || (is_upper(text, before)
                    && before.lower.len() >= 2
                    && (capitals_stand_out || !function_word(&before.lower))
                    // (A pharmacy claim's labels: "card BIN 610020".)
                    && !matches!(&*before.lower, "bin" | "pcn" | "grp")
                    && !matches!(
                        &*before.lower,
                        "es" | "de" | "mi" | "el" | "la" | "en" | "su"
                    )));
        if prefix {
            start = before.start;
        }
    }
    // "license RN 4418": a licence number may be four digits; so may any
    // code right after "serial", "id", "code", "#" ("sensor code 4471").
    let id_noun = |w: &Word<'_>| {
        matches!(
            &*w.lower,
            "serial"
                | "sn"
                | "id"
                | "code"
                | "number"
                | "numbers"
                | "no"
                | "num"
                | "serie"
                | "numero"
                | "número"
        )
    };
    // "code 4471", "code is 4471", "id: 4471".
    let copula = j >= 2 && j - 1 > i && matches!(&*words[j - 1].lower, "is" | "es" | "was");
    // "the code for my sensor is 4471": "code" a few words before the
    // device that owns it.
    let code_before_noun = kind == Kind::Device
        && copula
        && words[i.saturating_sub(3)..i]
            .iter()
            .any(|w| matches!(&*w.lower, "code" | "serial" | "sn"));
    let id_word = id_noun(&words[j - 1])
        || (copula && id_noun(&words[j - 2]))
        || code_before_noun
        || gap.contains('#');
    // "hearing aid 5530", "hearing aid left 4471", "pump R 2231": four
    // digits right after the device's name (or its side) are its code.
    // ("dexcom g7 is 4471": its model and a copula between.)
    let device_direct = kind == Kind::Device
        && words[i + 1..j].iter().all(|w| {
            matches!(
                &*w.lower,
                "left"
                    | "right"
                    | "l"
                    | "r"
                    | "side"
                    | "izquierdo"
                    | "derecho"
                    | "izq"
                    | "der"
                    | "is"
                    | "es"
            ) || model_token(&w.lower)
        })
        && j <= i + 3;
    // "Officer Reyes, badge 4471": a badge's number right after it.
    let badge = kind == Kind::Id && j == i + 1 && &*words[i].lower == "badge";
    last_four |= kind == Kind::License || id_word || device_direct || badge;
    let code = &text[start..end];
    let after = super::next_word(text, end);
    let glued = text[end..].starts_with([':', '%']);
    let money = matches!(
        after.as_str(),
        "dollars" | "bucks" | "usd" | "pesos" | "dolares" | "dólares" | "cents"
    );
    let serial = kind == Kind::Device && !far && serial_shape(code);
    // "MY SSN (LAST 4) 1982", "the 4 digits at the end of my ssn are
    // 1977": four digits that look like a year are the last four when the
    // sentence says so.
    let year_shaped = code.len() == 4
        && code.bytes().all(|b| b.is_ascii_digit())
        && (code.starts_with("19") || code.starts_with("20"));
    if year_shaped
        && matches!(kind, Kind::Ssn | Kind::Account)
        && !far
        && !glued
        && !money
        && words[i.saturating_sub(6)..j].iter().any(|w| {
            last_four_word(&w.lower) && &*w.lower != "4"
                || matches!(
                    &*w.lower,
                    "digits" | "end" | "final" | "digitos" | "dígitos"
                )
        })
    {
        return Some((start, end, kind));
    }
    // "mi aparato del oído dice 88120L": five digits or more and one
    // letter after a device's name are its serial, not a measure.
    let lettered_serial = kind == Kind::Device
        && !far
        && code.len() >= 6
        && code[..code.len() - 1].bytes().all(|b| b.is_ascii_digit())
        && code.as_bytes()[code.len() - 1].is_ascii_alphabetic();
    if glued
        || money
        || is_unit(&after)
        || !(looks_like_code(code, last_four && !far) || serial || lettered_serial)
    {
        return None;
    }
    Some((start, end, kind))
}

/// Whether the digit groups from `start` on, split by single spaces, up to
/// and past `next`, hold fifteen or sixteen digits in all (an IMEI).
fn imei_digits(text: &str, start: usize, next: &Word<'_>) -> bool {
    let mut digits = 0;
    let mut end = start;
    for group in text[start..].split(' ') {
        if group.is_empty() || !group.bytes().all(|b| b.is_ascii_digit()) {
            break;
        }
        digits += group.len();
        end += group.len() + 1;
    }
    end > next.end && (15..=16).contains(&digits)
}

/// A device's serial with a single digit among letters ("8GHXKM", "KXQP7W"):
/// six characters or more, no word of any list, no measure.
fn serial_shape(code: &str) -> bool {
    let digits = code.bytes().filter(u8::is_ascii_digit).count();
    let letters = code.bytes().filter(u8::is_ascii_alphabetic).count();
    let lower = code.to_ascii_lowercase();
    digits >= 1
        && letters >= 2
        && digits + letters >= 6
        && code.bytes().all(|b| b.is_ascii_alphanumeric())
        && !measure(code)
        && {
            let entry = crate::lexicon::lexicon().get(&lower);
            !(entry.is_known_word() || entry.is_name() || entry.vocabulary_bits() != 0)
        }
}

/// A device's model name, not its serial: "g6", "x2", "780g", "10", "5"
/// (one or two digits, or up to four characters with at most three digits
/// and a letter).
fn model_token(word: &str) -> bool {
    let digits = word.bytes().filter(u8::is_ascii_digit).count();
    let letters = word.bytes().filter(u8::is_ascii_alphabetic).count();
    digits > 0
        && digits + letters == word.len()
        && ((letters == 0 && digits <= 2) || (letters > 0 && word.len() <= 4 && digits <= 3))
}

fn function_word(word: &str) -> bool {
    let entry = crate::lexicon::lexicon().get(word);
    super::name::vocabulary::flags_of(entry).function_word()
}

/// A dictionary or function word ("in", "is", "de"), not a code's prefix.
fn common_word(word: &str) -> bool {
    let entry = crate::lexicon::lexicon().get(word);
    let flags = super::name::vocabulary::flags_of(entry);
    entry.is_known_word()
        || flags.function_word()
        || matches!(word, "es" | "de" | "mi" | "el" | "la" | "en" | "su")
}

fn is_upper(text: &str, word: &Word<'_>) -> bool {
    text[word.start..word.end]
        .bytes()
        .all(|b| !b.is_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(text: &str) -> Vec<(&str, Kind)> {
        let out = crate::detectors::detect_alone(&CuedIds::new(), text);
        out.iter()
            .map(|f| (&text[f.start..f.end], f.kind))
            .collect()
    }

    #[test]
    fn a_badge_number() {
        assert_eq!(
            ids("Officer Reyes, badge 4471, requesting BAL"),
            vec![("4471", Kind::Id)]
        );
        assert!(ids("the badge reader on 4 is broken").is_empty());
    }

    #[test]
    fn round_nine_prefixes_lay_names_and_lettered_serials() {
        // A short lowercase group right after an id label and its ":" or "#".
        assert_eq!(
            ids("sn: ts 220194 on the back of the pump"),
            vec![("ts 220194", Kind::Device)]
        );
        assert_eq!(
            ids("Serial # kx 99812 is on the meter"),
            vec![("kx 99812", Kind::Device)]
        );
        // Capitals in a mixed-case message, even a small word's letters.
        assert_eq!(
            ids("the pump # is AM 55190, it beeps"),
            vec![("AM 55190", Kind::Device)]
        );
        // A pacemaker's lay name.
        assert_eq!(
            ids("my heart battery has the number KRT 550912 on the card I carry"),
            vec![("KRT 550912", Kind::Device)]
        );
        assert_eq!(
            ids("la batería del corazón tiene el número 4471203"),
            vec![("4471203", Kind::Device)]
        );
        // Five digits and a letter after a device: a serial, not litres.
        assert_eq!(
            ids("mi aparato del oído dice 77301L por dentro"),
            vec![("77301L", Kind::Device)]
        );
        // Not: a function word after a label without ":" or "#", a measure
        // after a non-device, a battery's charge or life.
        assert!(ids("sn is in 2 weeks").is_empty());
        assert!(ids("the tank holds 20000L of water").is_empty());
        assert!(ids("battery at 95% and 7.5 years left").is_empty());
        assert!(ids("the vaccine card says lot 7RK42, second dose due").is_empty());
        assert_eq!(
            ids("the last 4 on my social security card: 4417"),
            vec![("4417", Kind::Ssn)]
        );
        assert_eq!(
            ids("the last 4 on my debit card: 4417"),
            vec![("4417", Kind::Account)]
        );
        assert!(ids("mi tarjeta de vacuna dice lote 3FA218").is_empty());
        assert_eq!(ids("serial: in 44021"), vec![("44021", Kind::Device)]);
    }

    #[test]
    fn capital_prefix_in_a_lower_case_message() {
        // Round 8: two capitals before the digits belong to the code when
        // the rest of the message is lower case.
        assert_eq!(
            ids("for my ear machine the number is EA 55019"),
            vec![("EA 55019", Kind::Device)]
        );
        assert_eq!(
            ids("the monitor for heart (holter) number HT 550192"),
            vec![("HT 550192", Kind::Device)]
        );
        assert_eq!(
            ids("my mother hearing aids numbers HA 2201, both broken"),
            vec![("HA 2201", Kind::Device)]
        );
        assert_eq!(
            ids("the apparatus number AP 77019 not working"),
            vec![("AP 77019", Kind::Device)]
        );
        // Not a function word: "am" stays ("the monitor # is am 55190" in
        // lower case has no capitals to go by).
        assert_eq!(
            ids("the monitor # is am 55190"),
            vec![("55190", Kind::Device)]
        );
    }

    #[test]
    fn codes_owned_by_a_noun() {
        for (text, code, kind) in [
            (
                "my sons truck 7TRW-221 got towed",
                "7TRW-221",
                Kind::Vehicle,
            ),
            (
                "my car is a blue honda, number 5KDL 812, near gate",
                "5KDL 812",
                Kind::Vehicle,
            ),
            (
                "dejé la camioneta con placas RZT 5521 afuera",
                "RZT 5521",
                Kind::Vehicle,
            ),
            (
                "the sticker on the pump says GX7-118023",
                "GX7-118023",
                Kind::Device,
            ),
            (
                "su marcapasos tiene número de serie MDT 448120 B",
                "MDT 448120 B",
                Kind::Device,
            ),
            (
                "my pacemaker card says serial pvt 331982 s",
                "pvt 331982 s",
                Kind::Device,
            ),
            (
                "EL NÚMERO DE MIEMBRO ES MCX842237821",
                "MCX842237821",
                Kind::MemberId,
            ),
            ("my tags frd 9021 r expired", "frd 9021", Kind::Vehicle),
            (
                "My pacemaker card says serial pvt 331982, ok",
                "pvt 331982",
                Kind::Device,
            ),
            (
                "paid w/ mastercard ending in 8812 already",
                "8812",
                Kind::Account,
            ),
            (
                "pagué con la tarjeta que termina en 3390",
                "3390",
                Kind::Account,
            ),
            ("last four of my social are 7721", "7721", Kind::Ssn),
            ("su seguro social es 412-55-0198", "412-55-0198", Kind::Ssn),
            ("checked by T. Osei RN #559301", "559301", Kind::License),
            (
                "NP license is APRN.77120 in Ohio",
                "APRN.77120",
                Kind::License,
            ),
            (
                "medicaid id now shows 7QW2-PL4-XY90",
                "7QW2-PL4-XY90",
                Kind::MemberId,
            ),
            ("the record number is MR 88120", "MR 88120", Kind::Mrn),
            (
                "la tarjeta del seguro dice afiliado num ab 77120",
                "ab 77120",
                Kind::MemberId,
            ),
            (
                "CGM TRANSMITTER SN JH8O36 REGISTERED",
                "JH8O36",
                Kind::Device,
            ),
        ] {
            assert_eq!(ids(text), vec![(code, kind)], "{text}");
        }
    }

    #[test]
    fn codes_before_their_noun_and_far_after_it() {
        for (text, code, kind) in [
            ("4471 is the last 4 of my social", "4471", Kind::Ssn),
            ("pls confirm 4471 = last 4 of SSN", "4471", Kind::Ssn),
            ("G7XK2PQ is my transmitter id", "G7XK2PQ", Kind::Device),
            (
                "the serial number that is printed on the back of the box is G7XK2PQ11",
                "G7XK2PQ11",
                Kind::Device,
            ),
            ("my socail last 4 is 4471", "4471", Kind::Ssn),
            ("social sec no. 2290 for the last 4", "2290", Kind::Ssn),
            ("lsat 4 of my social 4471", "4471", Kind::Ssn),
            ("oxygen tank #88213 is empty", "88213", Kind::Device),
            (
                "la andadera serie AN-2281 se rompió",
                "AN-2281",
                Kind::Device,
            ),
            ("my dexcom sensor code 4471", "4471", Kind::Device),
            ("my g7 sensor code is 4471 lol", "4471", Kind::Device),
            ("sn88213 on the box", "sn88213", Kind::Device),
            ("DL4471029 exp soon", "DL4471029", Kind::License),
            (
                "the holter patch number KT30917 fell off",
                "KT30917",
                Kind::Device,
            ),
            ("her insulin pen 7730218 jammed", "7730218", Kind::Device),
            (
                "both hearing aids QX-55102 whistle",
                "QX-55102",
                Kind::Device,
            ),
            ("el parche 8830127 se despegó", "8830127", Kind::Device),
            ("my dexcom g6 4TR9WQ will not pair", "4TR9WQ", Kind::Device),
            (
                "the cpap airsense 10 7KD2PX whistles",
                "7KD2PX",
                Kind::Device,
            ),
            (
                "my pump is the 780g, QX2J8M on the back",
                "QX2J8M",
                Kind::Device,
            ),
            ("his tslim x2 3WQ8ZK beeps", "3WQ8ZK", Kind::Device),
            ("my transmitter PQKXW4 stopped", "PQKXW4", Kind::Device),
            (
                "the hearing aid says lmrq5tz inside",
                "lmrq5tz",
                Kind::Device,
            ),
        ] {
            assert_eq!(ids(text), vec![(code, kind)], "{text}");
        }
    }

    #[test]
    fn codes_listed_after_a_first() {
        assert_eq!(
            ids("her hearing aids are 7QW2KD and 7QW2KE, both lost"),
            vec![("7QW2KD", Kind::Device), ("7QW2KE", Kind::Device)]
        );
        assert_eq!(
            ids("pump serial NG2231874H, NG2231875H y NG2231876H"),
            vec![
                ("NG2231874H", Kind::Device),
                ("NG2231875H", Kind::Device),
                ("NG2231876H", Kind::Device)
            ]
        );
        assert_eq!(
            ids("pump serial NG2231874H and 2 boxes of 10 pods"),
            vec![("NG2231874H", Kind::Device)]
        );
    }

    #[test]
    fn credentials_with_numbers() {
        for (text, code) in [
            ("RN 448120 checked the pump", "RN 448120"),
            ("LPN-22819 gave meds", "LPN-22819"),
            ("PA12345 signed the form", "PA12345"),
            ("credential RPh-22819", "RPh-22819"),
            ("certified by CPhT 22819", "CPhT 22819"),
            ("signed, Ana Ruiz, RPh 31882", "RPh 31882"),
            ("RN 4418 signed", "RN 4418"),
            ("therapy with Jo, LMHC #20417", "20417"),
            ("seen by our RDN 730215 today", "RDN 730215"),
            ("Sam Ortiz RN BSN 660183", "BSN 660183"),
            ("paramedic #52019 brought him in", "52019"),
        ] {
            assert_eq!(ids(text), vec![(code, Kind::License)], "{text}");
        }
        for text in [
            "Bethesda, MD 20850",
            "pt 123456 in bed 4",
            "RN on 4 West, call 3:30",
            "PT-2024 plan, OT 20 min",
            "RN 0700 shift",
            "rn 4418 then",
        ] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
    }

    #[test]
    fn numbers_that_are_no_codes() {
        for text in [
            "my card was charged $1250 twice",
            "car accident in 2019, pump set to 1500 units",
            "the machine reads 10.5 today",
            "card on file expires 12/26",
            "insurance covers 20000 dollars",
            "RN on 4 West will call at 3:30",
            "my car is at the shop. 55123 is the zip",
            "cpap at 12 cm, plate 2 of 3",
            "account questions: call 312-555-0187",
            "the place at 90210 is closed",
            "my cgm and my hba1c both look better",
            "the pump gives 500mg q12h since covid19",
            "rx for the amoxicillin 400mg/5mL, dose 45mg/kg/day",
            "2024 is the year my license renewed",
            "pump # 1200 units, monitor number 2024 model",
            "my g7 sensor 10 days in, pump x2 at 1.5 units",
            "the cpap 10 cm, monitor g6 120 mg/dl",
            "my cgm and hba1c, the sensor covid19 and pump 500mcg",
        ] {
            assert!(ids(text).is_empty(), "{text}: {:?}", ids(text));
        }
    }

    #[test]
    fn sixth_round_identity_cards_and_sensor_codes() {
        for (text, code, kind) in [
            (
                "the tribal ID they copied, 512 887 203, is old",
                "512 887 203",
                Kind::Id,
            ),
            ("her g6 code is 3390 if you need it", "3390", Kind::Device),
            ("the serial for her pump is 88120", "88120", Kind::Device),
            ("the code on his sensor was 7712", "7712", Kind::Device),
        ] {
            assert_eq!(ids(text), vec![(code, kind)], "{text}");
        }
        assert!(ids("the code for the sensor is 2024").is_empty());
        assert!(ids("my g7 sensors: 3 boxes left").is_empty());
        assert!(ids("bring your photo id and 20 dollars").is_empty());
    }
}
