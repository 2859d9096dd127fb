//! Person names without the envelope's help: census first names and
//! surnames, capitalisation inside a sentence, and context cues (titles,
//! relations, greetings, signatures, possessives, "X dob", "X here").
//!
//! Each word is classed (`Class`), words next to each other form phrases,
//! and a phrase is a name when it is anchored: it holds an unambiguous name
//! word, a cued word, or capitalised unknown words. Every name-like word of
//! an anchored phrase is then replaced. Ordinary words that are also names
//! ("Hope", "Grant", "Will") need a cue or a capital inside a sentence.

mod features;
pub mod model;
mod tokens;
pub mod vocabulary;

use self::model::Model;
use self::tokens::{Gap, Token, tokens};
use self::vocabulary::{Flags, flags_of};
use super::{Detector, Scan};
use crate::casing::{Case, CaseMode};
use crate::finding::{Finding, Kind};
use crate::lexicon::{Entry, Lexicon, lexicon};

/// Function words that are parts of names when capitalised after one
/// ("Nguyen Van An", "Maria De Souza"); pronouns are not ("Freeman Her").
const PARTICLES: &[&str] = &[
    "van", "an", "de", "del", "da", "di", "le", "la", "du", "bin", "ibn", "al", "el", "des", "der",
    "den", "ter", "ten", "von", "do", "dos", "das", "so", "long", "young", "may", "will",
];

/// What one word may be.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Class {
    /// Never a name here (function word, title, drug, state, digits...).
    Never,
    /// An ordinary English word that no census list has.
    Ordinary,
    /// A single letter, maybe a middle initial.
    Initial,
    /// A census name that is also an ordinary word ("hope", "long").
    Ambiguous,
    /// In no list, written in lower or upper case (a rare name, a typo).
    Unknown,
    /// In no list, capitalised inside a sentence ("Rajagopalan").
    CapUnknown,
    /// A census name that is not an ordinary word, or a census name
    /// capitalised inside a sentence.
    Strong,
}

impl Class {
    fn name_like(self) -> bool {
        self >= Class::Ambiguous
    }
}

/// "Will called about his bill", "May said she'd come": a modal that is a
/// first name, capitalised, then a verb a modal never takes (a past tense
/// or a third person), is the subject, a name.
fn modal_as_subject(token: &Token<'_>, next: Option<(&Token<'_>, Flags)>) -> bool {
    let Some((next, _)) = next else {
        return false;
    };
    if !matches!(&*token.folded, "will" | "may")
        || token.case != Case::Title
        || next.gap != Gap::Space
    {
        return false;
    }
    let verb = &*next.folded;
    let past_or_third = (verb.len() > 4 && verb.ends_with("ed"))
        || matches!(
            verb,
            "said"
                | "says"
                | "came"
                | "comes"
                | "went"
                | "left"
                | "told"
                | "took"
                | "got"
                | "brought"
                | "wants"
                | "needs"
                | "asks"
                | "sent"
                | "wrote"
                | "fell"
                | "knows"
        );
    let copula = &*token.folded == "will" && matches!(verb, "is" | "was" | "has" | "had");
    // "re: Will Kaczmarek": a capitalised surname that is no word.
    let surname = || {
        let entry = crate::lexicon::lexicon().get(verb);
        next.case == Case::Title
            && entry.is_surname()
            && !entry.is_ordinary()
            && !entry.is_known_word()
    };
    past_or_third || copula || surname()
}

/// The name detector: the rules, then the learned second opinion
/// (`model.rs`), which may only add names.
pub struct Names {
    lexicon: &'static Lexicon,
    model: Option<Model>,
}

/// A word the second opinion looks at, with its features (for the
/// trainer): byte range, features, and whether a finding of any detector
/// already covers it.
#[derive(Debug, Clone)]
pub struct Candidate {
    pub start: usize,
    pub end: usize,
    pub features: Vec<u32>,
    pub covered: bool,
}

/// What the rules found in a message and the words the second opinion
/// would look at (for the trainer).
#[derive(Debug, Clone)]
pub struct NameAnalysis {
    /// Every detector's findings, the rules' names among them (not yet
    /// merged; the organisation's data not yet taken out).
    pub findings: Vec<Finding>,
    pub candidates: Vec<Candidate>,
}

impl Names {
    /// The rules and the embedded model.
    pub fn new() -> Result<Self, &'static str> {
        Ok(Self {
            lexicon: lexicon(),
            model: Some(Model::embedded()?),
        })
    }

    /// The rules alone (what the trainer learns beside).
    pub fn rules_only() -> Self {
        Self {
            lexicon: lexicon(),
            model: None,
        }
    }

    /// The entry of a token whose whole word looks up as `whole`.
    fn entry(&self, token: &Token<'_>, whole: Entry) -> Entry {
        if token.parts.is_empty() {
            if whole != Entry::default() {
                return whole;
            }
            return possessive_stem(self.lexicon, &token.folded)
                .or_else(|| stretched_name(self.lexicon, &token.folded))
                .unwrap_or(whole);
        }
        let parts: Vec<Entry> = token.parts.iter().map(|p| self.lexicon.get(p)).collect();
        Entry::combine(whole, &parts)
    }

    fn class(
        &self,
        token: &Token<'_>,
        flags: Flags,
        entry: Entry,
        mode: CaseMode,
        next: Option<(&Token<'_>, Flags)>,
    ) -> Class {
        let capital = mode == CaseMode::Mixed && token.case == Case::Title && !token.sentence_start;
        // ("Mon-Fri", "Tues-Thurs": a range of weekdays; "Min-jun" is a
        // name.)
        // ("Pre-op", "Non-urgent", "Self-pay": a prefix makes a compound.)
        if token.glued
            || (!token.parts.is_empty() && token.parts.iter().all(|p| super::date::is_weekday(p)))
            || token
                .parts
                .first()
                .is_some_and(|p| WORD_PREFIXES.contains(&p.as_str()))
        {
            return Class::Never;
        }
        // "i" is the pronoun, not an initial.
        if &*token.folded == "i" {
            return Class::Never;
        }
        // "vino mi cuñado beto a cuidarme", "thank u jalen": a small word
        // of one letter in lower case (Spanish "a", "y", "o", "e", chat's
        // "u") is no initial.
        if token.letters == 1
            && token.case == Case::Lower
            && matches!(&*token.folded, "a" | "y" | "o" | "e" | "u")
        {
            return Class::Never;
        }
        if token.letters == 1 {
            return if token.case == Case::Upper || mode != CaseMode::Mixed {
                Class::Initial
            } else {
                Class::Never
            };
        }
        if flags.never() {
            // "June Brown", "april baker": a month that is a first name,
            // before a word (not a day number).
            let named = entry.is_first_name();
            // ("my sis april will bring me": a modal or a verb after it
            // counts as a word.)
            let before_word = next.is_some_and(|(n, next_flags)| {
                n.gap == Gap::Space
                    && n.letters >= 2
                    && (!next_flags.never() || next_flags.verb_after())
            });
            let month = &*token.folded != "will";
            let only_function = flags.function_word()
                && !(flags.title() || flags.relation() || flags.greeting() || flags.state());
            let capital_name_part = only_function
                && capital
                && PARTICLES.contains(&&*token.folded)
                && self.lexicon.get(&token.folded).is_name();
            // "— Will Iyer PA-C", "- WILL, PHARMACIST": a signature after a
            // dash.
            let signed = token.after_dash && token.sentence_start && token.case != Case::Lower;
            let month_name =
                flags.month_or_modal() && named && (capital || signed || (month && before_word));
            if named && modal_as_subject(token, next) {
                return Class::Strong;
            }
            return if month_name || capital_name_part {
                Class::Ambiguous
            } else {
                Class::Never
            };
        }
        // "dile", "pregunte": a verb of the vocabulary is a word (a rare
        // census surname too), unless capitalised inside a sentence.
        if (flags.verb_before() || flags.verb_after()) && !capital {
            return Class::Ordinary;
        }
        let common = entry.is_common_name();
        // "tu", "el": two-letter census names in lowercase are too often
        // words of another language.
        let short_lower = token.letters <= 2 && token.case == Case::Lower;
        // "UK", "ER", "MRI" in ordinary text: acronyms, unless context says
        // otherwise.
        let acronym = mode == CaseMode::Mixed && token.case == Case::Upper && token.letters <= 3;
        match (entry.is_name(), entry.is_ordinary(), capital) {
            (true, false, _) if short_lower || acronym => Class::Ambiguous,
            // "needs a stent": a rare word of the larger dictionary that is
            // a census surname, lowercase in mixed case, is the word.
            (true, false, _)
                if mode == CaseMode::Mixed
                    && token.case == Case::Lower
                    && entry.is_known_word()
                    && !entry.is_first_name() =>
            {
                Class::Ambiguous
            }
            (true, false, _) => Class::Strong,
            (true, true, true) if common => Class::Strong,
            (true, true, _) => Class::Ambiguous,
            // A word of the larger dictionary ("Fax", "Recheck") is a word,
            // and so is a typo of one ("nedes", "VAULE"; not a capitalised
            // word inside a sentence: "Ratta").
            (false, false, capital)
                if entry.is_known_word()
                    || (!capital && super::swapped_or_doubled(&token.folded)) =>
            {
                Class::Ordinary
            }
            (false, false, true) => Class::CapUnknown,
            (false, false, false) => Class::Unknown,
            (false, true, _) => Class::Ordinary,
        }
    }
}

/// Holidays named alone ("closed Christmas", "Thanksgiving hours").
const HOLIDAYS: &[&str] = &[
    "christmas",
    "xmas",
    "thanksgiving",
    "easter",
    "hanukkah",
    "kwanzaa",
    "halloween",
    "juneteenth",
];

/// Words that make a holiday of the "Day" or "Eve" after them.
const BEFORE_DAY: &[&str] = &[
    "memorial",
    "labor",
    "labour",
    "veterans",
    "independence",
    "presidents",
    "columbus",
    "mothers",
    "fathers",
    "valentines",
    "boxing",
    "election",
    "year",
    "years",
    "patriots",
    "remembrance",
    "mlk",
    "king",
    "groundhog",
    "flag",
    "earth",
];

/// Whether the text is (partly) Spanish: one of its words is a Spanish
/// function word other than those English names keep ("de", "la", "el",
/// "del": "Maria de la Cruz", "El Paso"), or an ordinary word only Spanish
/// has that is no first name ("casa", "clinica", "libre"). `found` holds
/// each token's lexicon entry.
fn reads_spanish(tokens: &[Token<'_>], found: &[Entry]) -> bool {
    tokens.iter().zip(found).any(|(t, entry)| {
        matches!(
            &*t.folded,
            "que"
                | "y"
                | "en"
                | "mi"
                | "mis"
                | "por"
                | "para"
                | "con"
                | "es"
                | "esta"
                | "se"
                | "le"
                | "lo"
                | "una"
                | "un"
                | "los"
                | "las"
                | "al"
                | "tiene"
                | "pero"
                | "muy"
                | "hola"
                | "gracias"
                | "su"
                | "sus"
                | "yo"
                | "ella"
                | "tengo"
                | "como"
                | "porque"
                | "cuando"
                | "donde"
                | "ya"
                | "nos"
                | "si"
        ) || (entry.is_spanish_only() && !entry.is_first_name())
    })
}

/// Words between a Spanish subject and its verb ("no", "ya", "se", "le",
/// "todavía"), or a verb a person does ("vino", "salió").
fn spanish_particle(word: &str) -> bool {
    matches!(
        word,
        "no" | "ya"
            | "se"
            | "le"
            | "todavia"
            | "aun"
            | "sigue"
            | "nunca"
            | "tampoco"
            | "vino"
            | "salio"
            | "llego"
            | "necesita"
            | "tiene"
            | "quiere"
            | "esta"
            | "me"
            | "te"
            | "nos"
            | "lo"
            | "estuvo"
            | "dijo"
            | "dice"
            | "fue"
            | "anda"
    )
}

/// Whether a dose follows byte `at`: a number and a unit ("100 mg",
/// "0.35mg", "40 mEq"). (Not "1/20": a name before a date is common.)
fn dose_follows(text: &str, at: usize) -> bool {
    let rest = text[at..].trim_start_matches(' ');
    let number = rest.len()
        - rest
            .trim_start_matches(|c: char| c.is_ascii_digit() || c == '.' || c == ',')
            .len();
    if number == 0 || !rest.starts_with(|c: char| c.is_ascii_digit()) {
        return false;
    }
    let unit = super::next_word(text, text.len() - rest.len() + number);
    matches!(
        unit.as_str(),
        "mg" | "mcg" | "meq" | "ml" | "g" | "units" | "iu" | "puffs" | "tab" | "tabs"
    )
}

/// Spanish subject and object pronouns: "Ella ya no quiere", "Usted me
/// dijo" open a sentence as a name would, but are no one's name.
fn spanish_pronoun(word: &str) -> bool {
    matches!(
        word,
        "ella"
            | "ellas"
            | "el"
            | "ellos"
            | "usted"
            | "ustedes"
            | "yo"
            | "tu"
            | "nosotros"
            | "nosotras"
            | "mi"
            | "eso"
            | "esto"
            | "aqui"
            | "alli"
            | "hoy"
            | "ayer"
            | "tambien"
    )
}

/// "yukis mom", "arjuns acct": a word in no list that is a name (not an
/// ordinary word) with a possessive "s" glued on.
/// "jaaaylen", "ameliaaa": a word with a letter stretched (three or more
/// of it in a row, as chat writes it) is the word with the run cut to one
/// or two letters: a word if either cut is one, else a common first name.
fn stretched_name(lexicon: &Lexicon, folded: &str) -> Option<Entry> {
    let bytes = folded.as_bytes();
    if !folded.is_ascii() || !bytes.windows(3).any(|w| w[0] == w[1] && w[1] == w[2]) {
        return None;
    }
    // ("sooo", "helloooo": a stretched word is that word, when a cut is
    // a word.)
    let mut found = None;
    for keep in [1, 2] {
        // Only runs of three or more are cut ("helloooo" -> "hello").
        let mut cut = String::with_capacity(folded.len());
        let mut k = 0;
        while k < bytes.len() {
            let run = bytes[k..].iter().take_while(|&&b| b == bytes[k]).count();
            let kept = if run >= 3 { keep } else { run };
            cut.extend(std::iter::repeat_n(char::from(bytes[k]), kept));
            k += run;
        }
        let entry = lexicon.get(&cut);
        if entry.is_known_word() || entry.is_ordinary() || entry.vocabulary_bits() != 0 {
            // ("sooo": "so" is a census name too; left unknown.)
            return (!entry.is_name()).then_some(entry);
        }
        if found.is_none() && entry.is_first_name() && entry.is_common_name() {
            found = Some(entry);
        }
    }
    found
}

fn possessive_stem(lexicon: &Lexicon, folded: &str) -> Option<Entry> {
    if folded.len() < 4 {
        return None;
    }
    let stem = lexicon.get(folded.strip_suffix('s')?);
    (stem.is_name() && !stem.is_ordinary() && stem.vocabulary_bits() == 0).then_some(stem)
}

/// One message's tokens with their classes and cue marks.
struct Sentence<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    classes: Vec<Class>,
    entries: Vec<Entry>,
    flags: Vec<Flags>,
    cued: Vec<bool>,
    mode: CaseMode,
}

impl Sentence<'_> {
    fn candidate(&self, i: usize) -> bool {
        self.classes.get(i).is_some_and(|c| c.name_like())
    }

    /// Whether token `i` joins the phrase of token `i - 1`.
    fn joins_previous(&self, i: usize) -> bool {
        if i == 0 || !self.is_phrase_word(i) || !self.is_phrase_word(i - 1) {
            return false;
        }
        match self.tokens[i].gap {
            Gap::Space => !self.tokens[i - 1].possessive,
            // "Waters, Thomas": a lone word before the comma.
            Gap::Comma => {
                let lone = i < 2 || !self.joins_previous(i - 1);
                let short_lower = self.tokens[i].letters <= 2 && self.tokens[i].case == Case::Lower;
                lone && self.classes[i] != Class::Initial && !self.flags[i].state() && !short_lower
            }
            Gap::Start | Gap::Break => false,
        }
    }

    fn is_phrase_word(&self, i: usize) -> bool {
        self.candidate(i) || self.classes[i] == Class::Initial
    }

    /// The end (exclusive) of the phrase starting at `i`.
    fn phrase_end(&self, i: usize) -> usize {
        let mut end = i + 1;
        while end < self.tokens.len() && self.joins_previous(end) {
            end += 1;
        }
        end
    }

    fn folded(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| &*t.folded)
    }

    /// "JAMAL WASHINGTON", "Mr. Washington's", "T. Washington", "WASHINGTON,
    /// DENISE": a state's name that is a surname, after a first name, a
    /// title or an initial, or
    /// before a comma and a first name, is the surname.
    fn state_surnames(&mut self, lexicon: &Lexicon) {
        for i in 0..self.tokens.len() {
            if !self.flags[i].state() || self.tokens[i].letters < 5 {
                continue;
            }
            let entry = lexicon.get(&self.tokens[i].folded);
            if !entry.is_surname() {
                continue;
            }
            // (Or after an initial in capitals: "T. Washington".)
            let after_first = i > 0
                && self.tokens[i].gap == Gap::Space
                && (self.flags[i - 1].title()
                    || (self.classes[i - 1] == Class::Initial
                        && self.tokens[i - 1].case == Case::Upper)
                    || (self.classes[i - 1] == Class::Strong
                        && self.entries[i - 1].is_first_name())
                    // "hi faith washington": a greeted first name.
                    || (self.classes[i - 1] >= Class::Ambiguous
                        && self.entries[i - 1].is_first_name()
                        && i >= 2
                        && self.flags[i - 2].greeting())
                    // "coach washington", "officer Virginia": a role used
                    // as a title.
                    || matches!(
                        self.folded(i - 1),
                        "coach" | "officer" | "pastor" | "deacon" | "sgt" | "sergeant" | "judge"
                    ));
            // "pt name: WASHINGTON, DENZEL": after a label's colon, any
            // name-like word after the comma.
            let labelled = self.text_before(i).trim_end().ends_with(':');
            let before_first = self.tokens.get(i + 1).is_some_and(|t| t.gap == Gap::Comma)
                && (self.classes.get(i + 1) == Some(&Class::Strong)
                    && self.entries[i + 1].is_first_name()
                    || labelled && self.classes.get(i + 1) >= Some(&Class::Unknown));
            if after_first || before_first {
                self.classes[i] = Class::Strong;
                self.entries[i] = entry;
            }
        }
    }

    /// "son Jun updated", "mother of Anh Thu": a calendar abbreviation that
    /// is also a given name, capitalised after a relation or after a
    /// capitalised name, and no day number after it, is the name.
    fn calendar_names(&mut self) {
        if self.mode == CaseMode::Upper {
            return;
        }
        for i in 1..self.tokens.len() {
            let token = &self.tokens[i];
            if !matches!(&*token.folded, "jun" | "thu" | "sun")
                || token.case != Case::Title
                || token.sentence_start
                || token.gap != Gap::Space
            {
                continue;
            }
            let day_after = self.text[token.end..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit())
                || matches!(
                    self.folded(i + 1),
                    "at" | "am" | "pm" | "the" | "morning" | "night"
                );
            let before = i - 1;
            let of = self.folded(before) == "of" && before > 0 && self.flags[before - 1].relation();
            let cue = self.flags[before].relation() || of;
            let after_name = self.tokens[before].case == Case::Title
                && matches!(self.classes[before], Class::Strong | Class::CapUnknown)
                && self.entries[before].is_first_name();
            if !day_after && (cue || after_name) {
                self.classes[i] = Class::CapUnknown;
                if cue {
                    self.cued[i] = true;
                }
            }
        }
    }

    /// "I AM NIKOLAI WASHINGTON": a state's name that is a surname, right
    /// after a word that context says is a name.
    fn state_surnames_after_cue(&mut self, lexicon: &Lexicon) {
        for i in 1..self.tokens.len() {
            if self.flags[i].state()
                && self.tokens[i].letters >= 5
                && self.tokens[i].gap == Gap::Space
                && self.cued[i - 1]
                && self.classes[i - 1] != Class::Ambiguous
            {
                let entry = lexicon.get(&self.tokens[i].folded);
                if entry.is_surname() {
                    self.classes[i] = Class::Strong;
                    self.entries[i] = entry;
                }
            }
        }
    }

    /// "5 East", "3 West": a direction right after a number is a ward.
    fn wards(&mut self) {
        for i in 0..self.tokens.len() {
            let direction = matches!(
                self.folded(i),
                "north"
                    | "south"
                    | "east"
                    | "west"
                    | "northeast"
                    | "northwest"
                    | "southeast"
                    | "southwest"
            );
            let after_number = self
                .text_before(i)
                .trim_end()
                .ends_with(|c: char| c.is_ascii_digit());
            // "beers criteria", "the Wells score", "Glasgow coma scale": an
            // eponym naming a clinical tool is no person.
            let tool = matches!(
                self.folded(i + 1),
                "criteria" | "criterion" | "score" | "scores" | "coma" | "maneuver" | "manoeuvre"
            ) && self.tokens.get(i + 1).is_some_and(|t| t.gap == Gap::Space);
            if (direction && after_number) || tool {
                self.classes[i] = Class::Never;
            }
        }
    }

    /// "Don Cuco", "Mrs. Bright", "Sra. Luna": an honorific before a
    /// capitalised word makes it a name, even one that is an ordinary word
    /// (not "Dr. Appointment": only honorifics of address).
    fn honorifics(&mut self) {
        for i in 1..self.tokens.len() {
            let honorific = matches!(
                self.folded(i - 1),
                "mr" | "mrs"
                    | "ms"
                    | "miss"
                    | "mx"
                    | "don"
                    | "dona"
                    | "sr"
                    | "sra"
                    | "srta"
                    | "senor"
                    | "senora"
                    | "senorita"
            );
            // "Mrs. B": an initial alone after an honorific stands for the
            // name.
            let word = self.tokens[i].case == Case::Title
                && matches!(self.classes[i], Class::Ordinary | Class::Unknown);
            let initial = self.tokens[i].case == Case::Upper && self.classes[i] == Class::Initial;
            if honorific
                && self.mode == CaseMode::Mixed
                && self.tokens[i].gap == Gap::Space
                && (word || initial)
            {
                self.classes[i] = Class::Strong;
            }
        }
    }

    /// "rm 31 HILL, GRACE", "no show: FAITH, HOPE": in text not all in
    /// capitals, two
    /// words in capitals joined by a comma, the second a first name (even
    /// one that is an ordinary word), are a roster's "LAST, FIRST".
    fn roster_names(&mut self) {
        if self.mode == CaseMode::Upper {
            return;
        }
        for i in 1..self.tokens.len() {
            // A month is a first name here unless a day follows ("ELLERBY,
            // JUNE (91)", not "CHICAGO, JUNE 5").
            let day_after = self.text[self.tokens[i].end..]
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit());
            let capitals = [i - 1, i].iter().all(|&k| {
                let t = &self.tokens[k];
                let month = self.flags[k].month_or_modal() && (k == i - 1 || day_after);
                t.case == Case::Upper && t.letters >= 3 && !t.glued && !month
            });
            // (The surname may be an ordinary word in no census list:
            // "MARSH, PATIENCE".)
            let census = self.entries[i].is_first_name() && self.classes[i - 1] != Class::Never;
            if capitals && census && self.tokens[i].gap == Gap::Comma {
                self.classes[i - 1] = Class::Strong;
                self.classes[i] = Class::Strong;
            }
        }
    }

    /// "Will will pick her up", "Faith at the front desk said ... losing
    /// faith", "tía Nina ... la nina": a first name the writer capitalises
    /// while writing the same word in lower case elsewhere is the name
    /// (not a verb before its object: "Hope you ... there is hope", "Will
    /// you ...").
    /// `found` holds each token's lexicon entry as looked up (before the
    /// vocabulary and English readings).
    fn case_told_names(&mut self, found: &[Entry]) {
        if self.mode != CaseMode::Mixed {
            return;
        }
        for (i, &raw) in found.iter().enumerate() {
            let token = &self.tokens[i];
            // ("in May": a month inside a sentence; "Will will": the name
            // opening one.)
            let month_or_modal = self.flags[i].month_or_modal() && !token.sentence_start;
            if token.case != Case::Title || token.glued || token.letters < 3 || month_or_modal {
                continue;
            }
            // (A Spanish relation that is a first name, "Nina", is kept
            // from the vocabulary; an English one, "Son", is not.)
            let spanish_name = raw.is_spanish_only() && raw.is_first_name();
            if !self.entries[i].is_first_name() && !spanish_name {
                continue;
            }
            let folded = self.folded(i);
            let lower_elsewhere = self
                .tokens
                .iter()
                .enumerate()
                .any(|(k, t)| k != i && t.case == Case::Lower && &*t.folded == folded);
            let object_next = self.tokens.get(i + 1).is_some_and(|n| {
                n.gap == Gap::Space
                    && matches!(
                        &*n.folded,
                        "you"
                            | "u"
                            | "ur"
                            | "your"
                            | "yours"
                            | "the"
                            | "a"
                            | "an"
                            | "this"
                            | "that"
                            | "these"
                            | "those"
                            | "it"
                            | "its"
                            | "them"
                            | "him"
                            | "her"
                            | "me"
                            | "us"
                            | "my"
                            | "our"
                            | "all"
                            | "everything"
                            | "to"
                            | "so"
                            | "i"
                            | "we"
                            | "they"
                            | "he"
                            | "she"
                            | "be"
                    )
            });
            if lower_elsewhere && !object_next {
                self.classes[i] = Class::Strong;
                self.cued[i] = true;
            }
        }
    }

    /// "Grace", "brayden.": a message of one word, a given name (not a
    /// month), is a sender answering with their name.
    fn lone_name(&mut self) {
        if self.tokens.len() != 1 {
            return;
        }
        let t = &self.tokens[0];
        if self.entries[0].is_first_name()
            && t.letters >= 3
            && !t.glued
            && !self.flags[0].month_or_modal()
            && self.classes[0] != Class::Never
        {
            self.classes[0] = Class::Strong;
        }
    }

    /// "Christmas Eve", "Memorial Day", "closed Christmas Day", "max
    /// 10,000": a holiday names no one, nor "max" or "min" before a number,
    /// nor "Puerto" in "Puerto Rico".
    fn holidays_and_limits(&mut self) {
        for i in 0..self.tokens.len() {
            let word = self.folded(i);
            let limit = matches!(word, "max" | "min")
                && self.tokens[i].case != Case::Title
                && self
                    .text_after(i)
                    .trim_start()
                    .starts_with(|c: char| c.is_ascii_digit());
            let holiday = HOLIDAYS.contains(&word);
            let day_or_eve = matches!(word, "day" | "eve");
            // "Puerto Rico" (a place; "Puerto" alone may be a surname).
            let puerto_rico =
                word == "puerto" && i + 1 < self.tokens.len() && self.folded(i + 1) == "rico";
            if holiday || limit || puerto_rico {
                self.classes[i] = Class::Never;
            }
            let day_of = i > 0
                && day_or_eve
                && self.tokens[i].gap == Gap::Space
                && (HOLIDAYS.contains(&self.folded(i - 1))
                    || BEFORE_DAY.contains(&self.folded(i - 1)));
            if day_of {
                self.classes[i - 1] = Class::Never;
                self.classes[i] = Class::Never;
            }
        }
    }

    /// Marks the words that context says are names.
    fn mark_cues(&mut self) {
        let n = self.tokens.len();
        for i in 0..n {
            let flags = self.flags[i];
            let next = i + 1;
            // "Happy birthday Ana", not "birthday party".
            let birthday = self.folded(i) == "birthday"
                && !matches!(self.folded(i.wrapping_sub(1)), "happy" | "feliz" | "hbd");
            // "my 3 month old Aaliyah", "my 2yo ana": a child's age before
            // the child's name.
            let age_phrase = (self.folded(i) == "old"
                && matches!(
                    self.folded(i.wrapping_sub(1)),
                    "month"
                        | "months"
                        | "mo"
                        | "week"
                        | "weeks"
                        | "wk"
                        | "year"
                        | "years"
                        | "yr"
                        | "yrs"
                        | "day"
                        | "days"
                ))
                || (matches!(self.folded(i), "yo" | "mo" | "yr" | "wk")
                    && self.text_before(i).ends_with(|c: char| c.is_ascii_digit()));
            if (flags.title() || flags.relation() || flags.greeting() || age_phrase) && !birthday {
                // "kid is samuel", "thank you Dr", "Thanks, Erin".
                let mut target = next;
                // "kid is samuel", "la mamá de brayan", "se llama Inés".
                // "the mom of ANGEL": "of" after a relation, as "de".
                let skipped = matches!(self.folded(target), "is" | "named" | "you" | "was")
                    || matches!(self.folded(target), "de" | "del")
                    || (flags.relation() && self.folded(target) == "of");
                if skipped {
                    target += 1;
                }
                // "thanks so much priyanka", "ty sooo much jalen", "thank u
                // very much Dr": words of thanks between the greeting and
                // the name.
                if flags.greeting() {
                    let mut k = target;
                    while k < n
                        && k < target + 3
                        && self.tokens[k].gap == Gap::Space
                        && is_intensifier(self.folded(k))
                    {
                        k += 1;
                    }
                    if k > target && k < n {
                        target = k;
                    }
                }
                // "Name: Ana Lopez", "pt: SMITH, JOHN", "Attn: rosa".
                let colon = target == next && self.text_before(target).trim() == ":";
                // "my dad, Walter, has...": a name set off by commas after a
                // relation.
                let apposition = flags.relation()
                    && self.tokens.get(target).is_some_and(|t| t.gap == Gap::Comma)
                    && self
                        .tokens
                        .get(self.phrase_end(target))
                        .is_some_and(|t| t.gap == Gap::Comma);
                // ("buenas, le habla": a pronoun after a greeting is none.)
                let pronoun = flags.greeting()
                    && (self.mode == CaseMode::Upper
                        || self
                            .tokens
                            .get(target)
                            .is_some_and(|t| t.case == Case::Lower))
                    && matches!(
                        self.folded(target),
                        "le" | "les" | "lo" | "los" | "me" | "te" | "se" | "nos" | "yo" | "ya"
                    );
                let linked = !pronoun
                    && !vocabulary::time_of_day_greeting(self.folded(i), self.folded(target))
                    && (colon
                        || apposition
                        || self.tokens.get(target).is_some_and(|t| {
                            t.gap == Gap::Space || (flags.greeting() && t.gap == Gap::Comma)
                        }));
                // "your child is due": after "is", only a clear name.
                let ambiguous = self.classes.get(target) == Some(&Class::Ambiguous);
                // ("la mamá de blanca": a first name after a relation and
                // "de" or "of" is one, ordinary word or not.)
                let of_relation = flags.relation()
                    && matches!(self.folded(next), "de" | "del" | "of")
                    && self.entries.get(target).is_some_and(|e| e.is_first_name());
                // "my name is destiny", "her name is hope": a name said to
                // be one is one, ordinary word or not.
                // ("my friends name is rose": a relation's, its "'s" dropped.)
                let owner = self.folded(i.wrapping_sub(1));
                let relation_owner = owner.len() > 2
                    && owner.ends_with('s')
                    && flags_of(lexicon().get(&owner[..owner.len() - 1])).relation();
                let told_name = matches!(self.folded(i), "name" | "nombre")
                    && self.folded(next) == "is"
                    && (matches!(owner, "my" | "his" | "her" | "their" | "mi" | "su")
                        || relation_owner);
                let clear = !skipped || !ambiguous || of_relation || told_name;
                // "my grandmother needs a ride": a verb after a relation.
                // ("mi esposo Will se cayó": a capital inside a sentence
                // makes the modal a name.)
                let capital_target = self.mode == CaseMode::Mixed
                    && self
                        .tokens
                        .get(target)
                        .is_some_and(|t| t.case == Case::Title);
                let verb = ambiguous
                    && !capital_target
                    && self.flags.get(target).is_some_and(|f| f.verb_after());
                // "Dr. fox" (an abbreviated title) vs "the doctor sign".
                // ("a new PCP near us": a role's acronym is no honorific.)
                let abbreviated =
                    flags.title() && self.tokens[i].letters <= 3 && self.folded(i) != "pcp";
                // "el doctor ayer": a word that is also an ordinary word
                // after a cue is a name only if it is a common one.
                let rare_word = ambiguous && !told_name && !self.entries[target].is_common_name();
                // "Pt Age: 93", "Pt Weight: 51 kg": a label, not a name.
                // ("pt age 94", "pt wt 51 kg": a label before its value.)
                let label = ambiguous
                    && (self.text_after(target).starts_with(':')
                        || matches!(
                            self.folded(target),
                            "age" | "edad" | "weight" | "wt" | "height" | "ht" | "sex" | "gender"
                        ));
                // "my aunt rose, she lives alone": a relation's first name
                // in lower case, set off by a comma.
                let set_off = flags.relation()
                    && self.entries.get(target).is_some_and(|e| e.is_first_name())
                    && self
                        .tokens
                        .get(target + 1)
                        .is_some_and(|t| t.gap == Gap::Comma);
                if linked
                    && !label
                    && clear
                    && !verb
                    && self.candidate(target)
                    && (abbreviated
                        || set_off
                        || told_name
                        || (self.cased_enough(target) && !rare_word))
                {
                    self.cued[target] = true;
                }
            }
            // (not a phrase of words that are all ordinary too: "from hard
            // stick").
            if flags.weak_cue()
                && self
                    .tokens
                    .get(next)
                    .is_some_and(|t| t.gap == Gap::Space || self.text_before(next).trim() == ":")
                && self.candidate(next)
                && self.phrase_end(next) - next >= 2
                && {
                    let phrase = next..self.phrase_end(next);
                    phrase.clone().any(|k| self.classes[k] > Class::Ambiguous)
                        || phrase.into_iter().all(|k| self.entries[k].is_common_name())
                }
            {
                self.cued[next] = true;
            }
            // "Dolores es mi suegra", "joy is my youngest daughter", "Rosa,
            // my sister": a word said to be someone's relation (any class:
            // the relation says it is a person).
            if self.candidate(i) {
                let copula = matches!(self.folded(next), "is" | "es" | "was" | "era" | "s")
                    && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space);
                let comma = self.tokens.get(next).is_some_and(|t| t.gap == Gap::Comma);
                let owner = if copula {
                    Some(next + 1)
                } else {
                    comma.then_some(next)
                };
                let related = owner.is_some_and(|k| {
                    let possessive = matches!(
                        self.folded(k),
                        "my" | "mi"
                            | "his"
                            | "her"
                            | "su"
                            | "our"
                            | "nuestra"
                            | "nuestro"
                            | "your"
                            | "tu"
                    );
                    possessive && (k + 1..(k + 3).min(n)).any(|r| self.flags[r].relation())
                });
                if related {
                    self.cued[i] = true;
                }
            }
            // "soy memo, el esposo de ...", "habla lupita": a Spanish
            // introduction (an ordinary word only when the sentence goes
            // on to say who).
            if matches!(self.folded(i), "soy" | "habla")
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && self.candidate(next)
                && (self.classes[next] != Class::Ambiguous || self.goes_on(next + 1))
                && self.cased_enough(next)
            {
                self.cued[next] = true;
            }
            // "hi this is will calling about my grandmother": a modal or a
            // month cannot follow "this is", so a first name it is.
            if self.folded(i) == "this"
                && self.folded(next) == "is"
                && self.flags.get(next + 1).is_some_and(|f| f.month_or_modal())
                && self
                    .entries
                    .get(next + 1)
                    .is_some_and(|e| e.is_first_name())
                && self
                    .tokens
                    .get(next + 1)
                    .is_some_and(|t| t.gap == Gap::Space)
                && matches!(
                    self.folded(next + 2),
                    "calling" | "from" | "here" | "with" | "at" | "again" | "back"
                )
            {
                self.classes[next + 1] = Class::Strong;
                self.cued[next + 1] = true;
            }
            // "this is aoife from the lab".
            if self.folded(i) == "this"
                && self.folded(next) == "is"
                && self
                    .tokens
                    .get(next + 1)
                    .is_some_and(|t| t.gap == Gap::Space)
                && self.candidate(next + 1)
                && (self.classes[next + 1] != Class::Ambiguous || self.goes_on(next + 2))
                && self.cased_enough(next + 1)
            {
                self.cued[next + 1] = true;
            }
            // "bed 7 ivanova 92F": a name after a bed or room number.
            if matches!(self.folded(i), "bed" | "room" | "rm" | "pod" | "bay")
                && self.tokens.get(next).is_some_and(|t| {
                    let gap = self.text[self.tokens[i].end..t.start].trim();
                    !gap.is_empty() && gap.bytes().all(|b| b.is_ascii_digit())
                })
                && self.candidate(next)
                && self.classes[next] != Class::Ambiguous
            {
                self.cued[next] = true;
            }
            // "will (husband) will pick up", "Rosa (daughter)": a word
            // glossed by a relation in brackets is a person.
            if self.candidate(i)
                && self.text_before(next).trim() == "("
                && self.flags[next].relation()
                && self.text_before(next + 1).trim_start().starts_with(')')
            {
                self.cued[i] = true;
            }
            // "dad goes by Red", "she goes by lulu": a name he answers to.
            if self.folded(i) == "by"
                && matches!(
                    self.folded(i.wrapping_sub(1)),
                    "goes" | "go" | "went" | "going"
                )
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && self.candidate(next)
            {
                self.cued[next] = true;
            }
            // "me llamo Inés", "se llama tomás" (not "llamó ayer"); a
            // nickname: "me dicen Lucha", "le dicen Chuy", "todo el mundo
            // le dice Coco".
            // ("le dice Coco" only capitalised: "nadie me dice nada".)
            let said = matches!(self.folded(i), "dice" | "decimos" | "llaman")
                && self.tokens.get(next).is_some_and(|t| t.case == Case::Title);
            let named = (matches!(self.folded(i), "llamo" | "llama" | "dicen" | "decian") || said)
                && matches!(self.folded(i.wrapping_sub(1)), "me" | "se" | "le" | "les")
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space);
            if named && self.candidate(next) {
                self.cued[next] = true;
            }
            // "tried PRIYA at", "tell katarzyna that", "CALL SUMMER RE INR",
            // "spoke with Rosa".
            let object = if matches!(self.folded(next), "with" | "to" | "con" | "a" | "for") {
                next + 1
            } else {
                next
            };
            if flags.verb_before()
                && self.tokens.get(object).is_some_and(|t| t.gap == Gap::Space)
                && self.candidate(object)
                && (self.classes[object] != Class::Ambiguous || self.goes_on(object + 1))
                && self.cased_enough(object)
            {
                self.cued[object] = true;
            }
            let token = &self.tokens[i];
            if !self.candidate(i) {
                continue;
            }
            let clear = self.classes[i] != Class::Ambiguous;
            // "Eamon came home", "LAKSHMI IS HERE": a name starting a
            // sentence, then a verb.
            if clear
                && token.sentence_start
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && self.flags.get(next).is_some_and(|f| f.verb_after())
            {
                self.cued[i] = true;
            }
            // "Grace has a fever", "Destiny missed her appointment", "HUNTER
            // IS SICK": a word that is also an ordinary word starting a
            // sentence, then a verb and what only a person is or has.
            if token.sentence_start
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && self.flags.get(next).is_some_and(|f| f.verb_after())
                && self.person_predicate(next + 1)
            {
                self.cued[i] = true;
            }
            // "esperanza no vino a su cita", "Toño ya se tomó la medicina":
            // Spanish gives a common noun its article, so a word opening a
            // sentence bare, then a particle before a verb and what only a
            // person does, is a name.
            if token.sentence_start
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && spanish_particle(self.folded(next))
                && self.spanish_person_predicate(next + 1)
                && !self.tokens[i].folded.ends_with("mente")
                && !spanish_particle(self.folded(i))
                && !spanish_pronoun(self.folded(i))
            {
                self.cued[i] = true;
            }
            // "joy from billing called", "Hope from the front desk": a word
            // starting a sentence, then "from" and a department; or a person
            // asked for ("page dawn in PACU", "get faith from SW").
            let asked_for = i > 0
                && matches!(
                    self.folded(i - 1),
                    "page" | "call" | "get" | "ask" | "tell" | "text" | "have" | "send"
                );
            let clause_start = token.sentence_start || token.gap == Gap::Comma;
            // "Destiny in lobby says...": a person where people wait.
            let waiting = clause_start
                && self.folded(next) == "in"
                && matches!(
                    self.folded(next + 1),
                    "lobby" | "waiting" | "triage" | "reception"
                );
            if waiting && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space) {
                self.cued[i] = true;
            }
            if (clause_start || i > 0 && self.flags[i - 1].greeting() || asked_for)
                && (self.folded(next) == "from" || asked_for && self.folded(next) == "in")
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
            {
                let dept = if self.folded(next + 1) == "the" {
                    next + 2
                } else {
                    next + 1
                };
                if is_department(self.folded(dept)) {
                    self.cued[i] = true;
                }
            }
            // "can hope call me back", "will Faith pick him up": a modal, the
            // word, then what a person does.
            if i > 0
                && matches!(
                    self.folded(i - 1),
                    "can"
                        | "could"
                        | "will"
                        | "would"
                        | "should"
                        | "did"
                        | "does"
                        | "may"
                        | "might"
                )
                && self.tokens[i].gap == Gap::Space
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && is_person_action(self.folded(next))
                && self.cased_enough_or_clear(i)
            {
                self.cued[i] = true;
            }
            // "let priyanka know", "LET BLANCA KNOW": a person let know.
            if i > 0
                && self.folded(i - 1) == "let"
                && self.tokens[i].gap == Gap::Space
                && matches!(self.folded(next), "know" | "knw")
                && self.cased_enough_or_clear(i)
            {
                self.cued[i] = true;
            }
            // "CALL BLANCA BACK", "text mark at 3": a contact verb opening a
            // sentence, then the word and what goes on after a name.
            if i > 0
                && self.tokens[i - 1].sentence_start
                && matches!(
                    self.folded(i - 1),
                    "call" | "text" | "email" | "page" | "ask"
                )
                && self.tokens[i].gap == Gap::Space
                && (clear || self.goes_on(next))
                && self.phrase_end(i) == i + 1
                && self.cased_enough_or_clear(i)
            {
                self.cued[i] = true;
            }
            // "Drew will call you", "BLANCA CAN PICK IT UP": a word that
            // is also an ordinary word opening a sentence, then a modal and
            // what a person does.
            // (A word that is also an ordinary word must be a common first
            // name, and the deed one only a person does: not "Summer will
            // come", "Guard can bring".)
            let action = self.folded(next + 1);
            let personal = clear
                || (self.entries[i].is_first_name()
                    && self.entries[i].is_common_name()
                    && action != "come"
                    && action != "stop");
            if token.sentence_start
                && personal
                && (token.case != Case::Lower || self.mode != CaseMode::Mixed)
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && matches!(
                    self.folded(next),
                    "will" | "can" | "could" | "would" | "should"
                )
                && self
                    .tokens
                    .get(next + 1)
                    .is_some_and(|t| t.gap == Gap::Space)
                && is_person_action(action)
                && self.phrase_end(i) <= i + 2
            {
                self.cued[i] = true;
            }
            // "read back to dana LPN", "gloria vance RN, license": a name
            // before a credential written in capitals.
            if let Some(after) = self.tokens.get(self.phrase_end(i))
                && matches!(after.gap, Gap::Space | Gap::Comma)
                && after.case == Case::Upper
                && self.mode != CaseMode::Upper
                && is_credential(&after.folded)
                && !self.determined(i)
                && (clear || token.case != Case::Lower)
            {
                self.cued[i] = true;
            }
            // "ME AND EBONY WILL BRING", "yo y Rosa vamos": a person named
            // beside "me and" / "yo y".
            if i >= 2
                && matches!(self.folded(i - 1), "and" | "y")
                && matches!(self.folded(i - 2), "me" | "yo")
                && self.tokens[i].gap == Gap::Space
                && self.cased_enough_or_clear(i)
            {
                self.cued[i] = true;
            }
            // "the twins svetlana and rania": a word in no list joined by
            // "and" to a clear name.
            if i >= 2
                && matches!(self.folded(i - 1), "and" | "y" | "&")
                && self.tokens[i].gap == Gap::Space
                && matches!(self.classes[i], Class::Unknown | Class::CapUnknown)
                && (self.classes[i - 2] == Class::Strong || self.cued[i - 2])
                && self.phrase_end(i) == i + 1
            {
                self.cued[i] = true;
            }
            // "Gumaro y Petra vienen mañana": the same before "and" and a
            // clear name.
            if matches!(self.folded(next), "and" | "y" | "&")
                && self
                    .tokens
                    .get(next + 1)
                    .is_some_and(|t| t.gap == Gap::Space)
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
                && matches!(self.classes[i], Class::Unknown | Class::CapUnknown)
                && self.classes.get(next + 1) == Some(&Class::Strong)
                && self.phrase_end(i) == i + 1
            {
                self.cued[i] = true;
            }
            // "it was Will who answered": a capitalised word inside a
            // sentence, then "who".
            if !token.sentence_start
                && token.case != Case::Lower
                && self.mode == CaseMode::Mixed
                && matches!(self.folded(next), "who" | "whos")
                && !self.determined(i)
            {
                self.cued[i] = true;
            }
            // "mom (olena)", "ME (AGNIESZKA)": a name in brackets after a
            // relation.
            if i > 0
                && (self.flags[i - 1].relation()
                    || self.flags[i - 1].title()
                    || self.folded(i - 1) == "me")
                && self.text_before(i).ends_with('(')
                && self.text_after(i).starts_with(')')
            {
                self.cued[i] = true;
            }
            // "with Hope the PA": a name, then "the" and a role (not "Hope
            // the doctor calls" at a sentence start).
            if self.folded(next) == "the"
                && (clear || !token.sentence_start)
                && self.flags.get(next + 1).is_some_and(|f| f.title())
                && self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
            {
                self.cued[i] = true;
            }
            // "... is ok together? Reza": a clear name alone ending the text
            // after a sentence; "Imani - see u fri": one starting it before
            // a dash.
            let last = next == n && token.sentence_start && clear;
            let dash_after = i == 0 && clear && self.text_after(i).trim_start().starts_with("- ");
            if last || dash_after || self.vocative(i) {
                self.cued[i] = true;
            }
            // "- Erin", "- sara": a signature.
            // ("— NEEDS SUPERVISING MD" is no signature: it goes on).
            let signs_off = || {
                let phrase_end = self.phrase_end(i);
                self.mode != CaseMode::Upper
                    || phrase_end == n
                    || self.flags.get(phrase_end).is_some_and(|f| f.title())
                    || self.tokens[phrase_end].gap == Gap::Comma
                    || self.tokens[phrase_end].sentence_start
            };
            // In mixed case a lowercase signature must be a clear name
            // ("- sara", not "— needs supervising MD").
            let signature_cased = self.mode != CaseMode::Mixed
                || token.case != Case::Lower
                || (clear && self.cased_enough(i));
            if token.after_dash && token.sentence_start && signature_cased && signs_off() {
                self.cued[i] = true;
            }
            // "rm 6: okwuosa 91F", "halvorsen 78M POD 2": a name right
            // before a clinical age and sex (a handoff's format).
            // ("GRANT, 97 YO M": a common name that is also a word, too.)
            let name_enough = self.classes[i] > Class::Ambiguous
                || (self.classes[i] == Class::Ambiguous && self.entries[i].is_common_name());
            if name_enough && age_sex_follows(&self.text[token.end..]) {
                self.cued[i] = true;
            }
            // "Theodore's portal", but not "the doctor's" nor "driver's
            // lic".
            if token.possessive
                && !matches!(self.folded(next), "license" | "licence" | "lic" | "permit")
                && !matches!(
                    self.folded(i.wrapping_sub(1)),
                    "the" | "a" | "your" | "my" | "our" | "his" | "her" | "their"
                )
            {
                self.cued[i] = true;
            }
            // "the bill says": after a determiner, a word that is also a
            // name is the word.
            let determined = !clear && self.determined(i);
            // "Wei Anaya dob", "Dr White here", "Erin and I".
            if let Some(after) = self.tokens.get(next)
                && !determined
            {
                let close = matches!(after.gap, Gap::Space | Gap::Comma)
                    || &*self.tokens[next].folded == "mrn";
                let and_i = matches!(&*after.folded, "and" | "y")
                    && matches!(self.folded(next + 1), "i" | "me" | "yo")
                    && after.gap == Gap::Space;
                // "my inhaler counter says": a rare ordinary word is the word.
                let rare_word = !clear && !self.entries[i].is_common_name();
                // "the shuttle driver asked": in mixed case a lowercase word
                // that is also an ordinary word is the word.
                if close
                    && (self.flags[next].after_name() || and_i)
                    && !rare_word
                    && (clear || self.cased_enough(i))
                {
                    self.cued[i] = true;
                }
            }
            // "Karen, your refill...", "jerónimo your ...": addressing
            // someone at the start of a sentence.
            if token.sentence_start {
                let end = self.phrase_end(i);
                if let Some(after) = self.tokens.get(end) {
                    let addressed = after.gap == Gap::Comma && !self.candidate(end)
                        || matches!(&*after.folded, "your" | "ur") && after.gap == Gap::Space;
                    // "hearing aid, left side": a phrase of words that are
                    // also ordinary words, none of them a common name, is
                    // no one addressed.
                    let wordy = end > i + 1
                        && (i..end).all(|k| {
                            self.classes[k] == Class::Ambiguous && !self.entries[k].is_common_name()
                        });
                    if addressed && !wordy && self.tokens[end - 1].gap != Gap::Comma {
                        self.cued[i] = true;
                    }
                }
            }
        }
    }

    /// Whether the words from `k` say what only a person is or has ("a
    /// fever", "her shots", "sick"), within four words.
    /// What only a person does or has, said in Spanish within six words
    /// of `k`: "no vino a su cita", "ya salió del hospital", "no se
    /// quiere tomar la medicina", "se pegó en la cabeza".
    fn spanish_person_predicate(&self, k: usize) -> bool {
        (k..(k + 6).min(self.tokens.len())).any(|j| {
            matches!(
                self.folded(j),
                "cita"
                    | "citas"
                    | "medicina"
                    | "medicinas"
                    | "medicamento"
                    | "medicamentos"
                    | "pastilla"
                    | "pastillas"
                    | "cabeza"
                    | "escuela"
                    | "dentista"
                    | "doctor"
                    | "doctora"
                    | "hospital"
                    | "vacuna"
                    | "vacunas"
                    | "fiebre"
                    | "tos"
                    | "dolor"
                    | "enferma"
                    | "enfermo"
                    | "cayo"
                    | "durmio"
                    | "comio"
                    | "camina"
                    | "trabajo"
                    | "casa"
                    | "clinica"
                    | "urgencias"
                    | "cuarto"
                    | "cama"
                    | "visitarla"
                    | "visitarlo"
                    | "mejor"
                    | "peor"
            )
        })
    }

    fn person_predicate(&self, k: usize) -> bool {
        (k..(k + 4).min(self.tokens.len())).any(|j| {
            matches!(
                self.folded(j),
                "her"
                    | "his"
                    | "him"
                    | "herself"
                    | "himself"
                    | "sick"
                    | "fever"
                    | "feverish"
                    | "cough"
                    | "coughing"
                    | "rash"
                    | "vomiting"
                    | "throwing"
                    | "diarrhea"
                    | "crying"
                    | "asleep"
                    | "awake"
                    | "appointment"
                    | "appt"
                    | "shots"
                    | "vaccines"
                    | "pain"
                    | "dizzy"
                    | "fiebre"
                    | "enferma"
                    | "enfermo"
                    | "tos"
                    | "cita"
                    | "vomitando"
                    | "llorando"
                    | "calentura"
                    | "hospital"
                    | "hospitalized"
                    | "night"
                    | "nap"
                    | "tired"
                    | "confused"
                    | "dolor"
                    | "mareada"
                    | "mareado"
                    | "cansada"
                    | "cansado"
                    | "confundida"
                    | "confundido"
                    | "hospitalizada"
                    | "hospitalizado"
                    | "emergencias"
                    | "better"
                    | "worse"
                    | "feeling"
                    | "ate"
                    | "eating"
                    | "sleeping"
                    | "breathing"
            )
        })
    }

    /// A clear name, or an ordinary word that is a name written as one.
    /// "ray you had it wrong", "Tootie can you cover?": a first name (or
    /// a capitalised word no list knows) opening a sentence, then "you":
    /// someone addressed. Not the verbs that open a sentence before "you"
    /// ("Hope you", "Thank you", "See you", "Will you").
    fn vocative(&self, i: usize) -> bool {
        let token = &self.tokens[i];
        if !token.sentence_start || token.gap == Gap::Comma || self.flags[i].month_or_modal() {
            return false;
        }
        let entry = self.entries[i];
        let unknown_capital = token.case == Case::Title && !entry.is_known_word();
        if !(entry.is_first_name() || unknown_capital)
            || matches!(
                self.folded(i),
                "hope"
                    | "thank"
                    | "thanks"
                    | "love"
                    | "miss"
                    | "bless"
                    | "trust"
                    | "see"
                    | "mind"
                    | "bet"
                    | "told"
                    | "wish"
                    | "guess"
                    | "let"
                    | "got"
                    | "get"
                    | "did"
                    | "do"
            )
        {
            return false;
        }
        let next = i + 1;
        let pronoun = |k: usize| matches!(self.folded(k), "you" | "u" | "ya" | "yall");
        self.tokens.get(next).is_some_and(|t| t.gap == Gap::Space)
            && (pronoun(next)
                || (matches!(
                    self.folded(next),
                    "can" | "could" | "would" | "will" | "did"
                ) && pronoun(next + 1)))
    }

    fn cased_enough_or_clear(&self, i: usize) -> bool {
        self.classes[i] != Class::Ambiguous || self.cased_enough(i)
    }

    /// Whether a determiner comes right before word `i` ("the bill", "mi
    /// rosa").
    fn determined(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.folded(i - 1),
                "the"
                    | "a"
                    | "an"
                    | "my"
                    | "your"
                    | "his"
                    | "her"
                    | "our"
                    | "their"
                    | "this"
                    | "that"
                    | "el"
                    | "la"
                    | "mi"
                    | "su"
                    | "los"
                    | "las"
                    | "un"
                    | "una"
            )
    }

    /// In mixed case a cue needs a capital on an ordinary word that is a
    /// name ("the doctor sign", "notified police"), and on a rare surname
    /// ("the nurse needs").
    fn cased_enough(&self, i: usize) -> bool {
        let Some(token) = self.tokens.get(i) else {
            return false;
        };
        let lower = self.mode == CaseMode::Mixed && token.case == Case::Lower;
        let entry = self.entries[i];
        let rare_surname = !entry.is_first_name()
            && entry
                .surname_rank()
                .is_some_and(|r| r > crate::lexicon::COMMON_SURNAME_RANK);
        !(lower && (self.classes[i] == Class::Ambiguous || rare_surname))
    }

    /// Whether the phrase goes on after token `i` the way it does after a
    /// name: "at", "re", "about", "back", a comma, or the end.
    fn goes_on(&self, i: usize) -> bool {
        match self.tokens.get(i) {
            None => true,
            Some(t) => {
                t.gap == Gap::Comma
                    || matches!(
                        &*t.folded,
                        "at" | "re" | "about" | "back" | "that" | "to" | "asap" | "if" | "whether"
                            | "when" | "from" | "again" | "here" | "calling" | "de" | "del"
                    )
                    // "habla consuelo la hija de ...", "ask hope your
                    // daughter": who the person is, said after the name.
                    || (matches!(
                        &*t.folded,
                        "la" | "el" | "su" | "the" | "your" | "his" | "her" | "mi" | "my"
                    ) && self.flags.get(i + 1).is_some_and(|f| f.relation()))
            }
        }
    }

    fn text_before(&self, i: usize) -> &str {
        let Some(token) = self.tokens.get(i) else {
            return "";
        };
        let start = token.start;
        let from = if i == 0 { 0 } else { self.tokens[i - 1].end };
        self.text.get(from..start).unwrap_or_default()
    }

    fn text_after(&self, i: usize) -> &str {
        let Some(token) = self.tokens.get(i) else {
            return "";
        };
        let end = token.end;
        let to = self.tokens.get(i + 1).map_or(self.text.len(), |t| t.start);
        self.text.get(end..to).unwrap_or_default()
    }

    /// The name words of the phrase `start..end`: seeds (a strong or cued
    /// word, or capitalised unknown words in pairs) and the name-like words
    /// next to them, in name order ("First Last": an unknown word after a
    /// first name, or before a surname).
    fn name_words(&self, start: usize, end: usize, name: &mut Vec<bool>) {
        let cap_unknown = (start..end)
            .filter(|&i| self.classes[i] == Class::CapUnknown)
            .count();
        name.clear();
        name.extend((start..end).map(|i| {
            self.classes[i] == Class::Strong
                || (self.cued[i] && self.candidate(i))
                || (self.classes[i] == Class::CapUnknown && cap_unknown >= 1)
        }));
        loop {
            let mut changed = false;
            for i in start..end {
                if name[i - start] || !self.extendable(i) {
                    continue;
                }
                let left = (start..i)
                    .rev()
                    .find(|&j| self.classes[j] != Class::Initial);
                let right = (i + 1..end).find(|&j| self.classes[j] != Class::Initial);
                let from_left = left.is_some_and(|l| name[l - start] && self.fits_after(l, i));
                let from_right = right.is_some_and(|r| name[r - start] && self.fits_before(i, r));
                if from_left || from_right {
                    name[i - start] = true;
                    changed = true;
                }
            }
            if !changed {
                return;
            }
        }
    }

    /// Whether word `i` may join a neighbouring name at all: an ambiguous
    /// word only if it is a common name ("Long", not "Pay").
    fn extendable(&self, i: usize) -> bool {
        match self.classes[i] {
            Class::Ambiguous => self.entries[i].is_common_name() || self.worded_surname(i),
            Class::Unknown | Class::CapUnknown => true,
            _ => false,
        }
    }

    /// "Ruthanne Quill", "Halina Lis": in mixed case, one or two
    /// capitalised words right after a first name, inside a sentence, that
    /// census lists have as names though they are ordinary words too, are
    /// its surname. (Not a word in no census list: "Maple Crest", "Cruz
    /// Roja" name places.)
    fn worded_surname(&self, i: usize) -> bool {
        let capitalised = |k: usize| {
            let t = &self.tokens[k];
            t.case == Case::Title
                && !t.sentence_start
                && t.gap == Gap::Space
                && !t.glued
                && !self.text[t.start..t.end].contains(['\'', '\u{2019}'])
        };
        // (Not after a place's article or preposition, "at Maple Crest",
        // "la Cruz Roja", nor inside a longer run of capitals, "Oak Valley
        // Heart", "Haven Crest Nursing".)
        let first = |k: usize| {
            self.classes[k] == Class::Strong
                && self.entries[k].is_first_name()
                && self.tokens[k].case == Case::Title
                && !(k > 0
                    && (matches!(
                        self.folded(k - 1),
                        "the"
                            | "at"
                            | "in"
                            | "to"
                            | "from"
                            | "la"
                            | "el"
                            | "en"
                            | "a"
                            | "de"
                            | "del"
                    ) || (self.tokens[k - 1].case == Case::Title
                        && self.tokens[k].gap == Gap::Space)))
        };
        let ordinary = |k: usize| self.classes[k] == Class::Ambiguous;
        let more_capitals = self
            .tokens
            .get(i + 1)
            .is_some_and(|t| t.case == Case::Title && t.gap == Gap::Space);
        self.mode == CaseMode::Mixed
            && i > 0
            && capitalised(i)
            && !more_capitals
            && self.tokens[i].letters >= 3
            && (first(i - 1) || (i > 1 && first(i - 2) && capitalised(i - 1) && ordinary(i - 1)))
    }

    /// Whether word `i` can follow name word `left` ("Evelyn
    /// Rajagopalan", "Sarah Long"): the left one is a first name or
    /// unknown, or `i` is a surname. In mixed case a lowercase word takes
    /// only the surname slot after a first name.
    fn fits_after(&self, left: usize, i: usize) -> bool {
        let left_entry = self.entries[left];
        // "Waters, Thomas": the first name after the comma (not the
        // Spanish pronoun of "la mamá de yareli, ella tiene tos").
        if self.tokens[i].gap == Gap::Comma {
            return !(self.tokens[i].case == Case::Lower
                && matches!(self.folded(i), "ella" | "ellas" | "ellos" | "usted"));
        }
        // A third word ("Spencer Brock Fax") only if it is a surname.
        let third = left > 0
            && self.joins_previous(left)
            && self.classes[left - 1] != Class::Initial
            && self.classes[left - 1].name_like();
        let unlisted = matches!(self.classes[i], Class::Unknown | Class::CapUnknown);
        if third && !self.entries[i].is_surname() && !unlisted {
            return false;
        }
        // "tuan gutierrez shevchenko": a word in no list after a name.
        let unlisted_here = match self.classes[i] {
            Class::CapUnknown => true,
            Class::Unknown => self.mode != CaseMode::Mixed,
            _ => false,
        };
        if unlisted_here {
            return true;
        }
        let left_first = left_entry.is_first_name() || !left_entry.is_name();
        let lower = self.mode == CaseMode::Mixed && self.tokens[i].case == Case::Lower;
        if lower {
            let surname_slot = left_entry.is_first_name() || !left_entry.is_name();
            return surname_slot
                && match self.classes[i] {
                    Class::Ambiguous => self.entries[i].is_surname(),
                    _ => true,
                };
        }
        left_first || self.entries[i].is_surname()
    }

    /// Whether word `i` can stand before name word `right` ("Aiyana
    /// Dutta", "Hope Snyder"): the right one is not a first name, or `i` is.
    fn fits_before(&self, i: usize, right: usize) -> bool {
        if self.mode == CaseMode::Mixed && self.tokens[i].case == Case::Lower {
            return false;
        }
        let right_entry = self.entries[right];
        !right_entry.is_first_name() || self.entries[i].is_first_name()
    }
}

impl Names {
    /// Runs the rules over `scan`, adding their names to `out`, then calls
    /// `then` with the analysed sentence (nothing when the text has no
    /// word).
    fn analyse(
        &self,
        scan: &Scan<'_>,
        out: &mut Vec<Finding>,
        then: impl FnOnce(&Sentence<'_>, &mut Vec<Finding>),
    ) {
        let text = scan.text;
        let mut tokens = tokens(text, scan.lower);
        if !scan.protected.is_empty() {
            tokens.retain(|t| !scan.is_protected(t.start, t.end));
        }
        if tokens.is_empty() {
            return;
        }
        let mode = scan.mode;
        // One lookup per word: census lists and vocabulary together.
        let found: Vec<Entry> = tokens.iter().map(|t| self.lexicon.get(&t.folded)).collect();
        let english = !reads_spanish(&tokens, &found);
        let mut flags: Vec<Flags> = Vec::with_capacity(tokens.len());
        let mut entries: Vec<Entry> = Vec::with_capacity(tokens.len());
        for (i, (t, &found)) in tokens.iter().zip(&found).enumerate() {
            let mut whole = found;
            // In English text a name that is a word only in Spanish is a
            // name ("Sean", "Ida", "Faith Ojo"), and so is a Spanish relation
            // that is one ("granddaughter Nina", not "niña").
            if english && whole.is_spanish_only() && whole.is_name() {
                whole = whole.in_english();
                if flags_of(whole).relation() {
                    whole = whole.without_vocabulary();
                }
            }
            // "husbnad", "daugther": a typo of a cue word is the cue (not
            // a capitalised word inside a sentence: a name).
            let capital = mode == CaseMode::Mixed && t.case == Case::Title && !t.sentence_start;
            if whole == Entry::default()
                && t.letters >= 5
                && !capital
                && let Some(cue) = vocabulary::typo_cue(&t.folded)
            {
                whole = self.lexicon.get(cue);
            }
            let f = flags_of(whole);
            flags.push(f);
            let entry = if t.glued || (f.never() && !f.month_or_modal() && !f.function_word()) {
                Entry::default()
            } else if mode == CaseMode::Mixed
                && given_name_pair(t, &text[t.start..t.end], tokens.get(i + 1), self.lexicon)
            {
                self.entry(t, whole).as_given_name()
            } else {
                self.entry(t, whole)
            };
            entries.push(entry);
        }
        let classes = (0..tokens.len())
            .map(|i| {
                // "toyota sienna", "honda odyssey": a model after its make.
                if i > 0 && super::vehicle::is_car_make(&tokens[i - 1].folded) {
                    return Class::Never;
                }
                // "Ella ya no quiere", "Le dije que": in Spanish text a
                // pronoun or particle opening a sentence is the word.
                if !english
                    && (spanish_pronoun(&tokens[i].folded) || spanish_particle(&tokens[i].folded))
                {
                    let opens = tokens[i].sentence_start
                        || text[..tokens[i].start]
                            .trim_end()
                            .ends_with(['.', '!', '?', '¿', '¡']);
                    let surname_next = tokens.get(i + 1).is_some_and(|n| {
                        n.case == Case::Title && n.gap == Gap::Space && found[i + 1].is_surname()
                    });
                    if opens && !surname_next {
                        return Class::Never;
                    }
                }
                // Spanish puts object pronouns before a verb: "me la surten"
                // (a verb). (Not an article before a surname: "la
                // iglesia" is a church, but people are written so too.)
                if !english && tokens[i].case == Case::Lower && i > 1 {
                    let clitic = matches!(&*tokens[i - 1].folded, "la" | "lo" | "las" | "los")
                        && matches!(
                            &*tokens[i - 2].folded,
                            "me" | "te" | "se" | "nos" | "le" | "les"
                        );
                    if clitic {
                        return Class::Ordinary;
                    }
                }
                let next = tokens.get(i + 1).map(|t| (t, flags[i + 1]));
                let class = self.class(&tokens[i], flags[i], entries[i], mode, next);
                // "Macrobid 100 mg": a word in no list
                // with a dose after it is a medicine.
                if matches!(class, Class::Unknown | Class::CapUnknown)
                    && dose_follows(text, tokens[i].end)
                {
                    return Class::Never;
                }
                class
            })
            .collect();
        let mut sentence = Sentence {
            text,
            classes,
            entries,
            flags,
            cued: vec![false; tokens.len()],
            tokens: &tokens,
            mode,
        };
        sentence.state_surnames(self.lexicon);
        sentence.wards();
        sentence.holidays_and_limits();
        sentence.honorifics();
        sentence.roster_names();
        sentence.lone_name();
        sentence.case_told_names(&found);
        sentence.calendar_names();
        sentence.mark_cues();
        sentence.state_surnames_after_cue(self.lexicon);
        let mut names = Vec::new();
        let mut i = 0;
        while i < tokens.len() {
            if !sentence.is_phrase_word(i) {
                i += 1;
                continue;
            }
            let end = sentence.phrase_end(i);
            sentence.name_words(i, end, &mut names);
            emit(&sentence, i, &names, out);
            i = end;
        }
        then(&sentence, out);
    }

    /// The rules' names, then every word the second opinion would look at
    /// (covered or not), with its features: what the trainer learns from.
    /// `out` must hold the other detectors' findings.
    pub fn candidates(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) -> Vec<Candidate> {
        let mut candidates = Vec::new();
        self.analyse(scan, out, |sentence, out| {
            let rule_names = rule_names(sentence, out);
            for i in 0..sentence.tokens.len() {
                if !features::candidate(sentence, i) {
                    continue;
                }
                let token = &sentence.tokens[i];
                let mut f = Vec::new();
                features::features(sentence, i, &rule_names, &mut f);
                candidates.push(Candidate {
                    start: token.start,
                    end: token.end,
                    features: f,
                    covered: covered(out, token),
                });
            }
        });
        candidates
    }
}

/// Whether a finding overlaps `token`.
fn covered(findings: &[Finding], token: &Token<'_>) -> bool {
    findings
        .iter()
        .any(|f| f.start < token.end && token.start < f.end)
}

/// Which tokens lie in a name found so far.
fn rule_names(sentence: &Sentence<'_>, findings: &[Finding]) -> Vec<bool> {
    sentence
        .tokens
        .iter()
        .map(|t| {
            findings
                .iter()
                .any(|f| f.kind == Kind::Name && f.start < t.end && t.start < f.end)
        })
        .collect()
}

/// The second opinion: words the rules and the other detectors left that
/// the model scores as names.
fn second_opinion(model: &Model, sentence: &Sentence<'_>, out: &mut Vec<Finding>) {
    let open: Vec<usize> = (0..sentence.tokens.len())
        .filter(|&i| features::candidate(sentence, i) && !covered(out, &sentence.tokens[i]))
        .collect();
    if open.is_empty() {
        return;
    }
    let rule_names = rule_names(sentence, out);
    let mut f = Vec::with_capacity(64);
    for i in open {
        // "firma ella": a Spanish subject pronoun that is also a name is
        // left to the rules ("my daughter ella" is theirs).
        // ("buenas, le habla": so is an object pronoun in lower case; "Le"
        // with a capital may be a surname.)
        if matches!(
            sentence.folded(i),
            "ella" | "ellas" | "ellos" | "usted" | "ustedes"
        ) || ((sentence.tokens[i].case == Case::Lower || sentence.mode == CaseMode::Upper)
            && matches!(
                sentence.folded(i),
                "le" | "les" | "lo" | "nos" | "se" | "te" | "me"
            ))
        {
            continue;
        }
        features::features(sentence, i, &rule_names, &mut f);
        if model.is_name(&f) {
            let token = &sentence.tokens[i];
            out.push(Finding::new(token.start, token.end, Kind::Name));
        }
    }
}

/// Runs last (the redactor calls it after every other detector): the
/// second opinion looks only at words no other finding covers.
impl Detector for Names {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        self.analyse(scan, out, |sentence, out| {
            if let Some(model) = &self.model {
                second_opinion(model, sentence, out);
            }
        });
        bracketed_nicknames(scan.text, out);
        maria_abbreviated(scan.text, out);
        first_names_before(scan.text, out);
        particles_after(scan, out);
        initials_by_titles(scan, out);
        signed_first_name(scan, out);
        chat_speakers(scan.text, out);
        described_in_brackets(scan.text, out);
    }
}

/// A word a bracket describes as a person: "will (his grandson)", "Rosa
/// (mi suegra)", "Hunter (22, autistic)". Before a relation with its
/// possessive, the word is a name in any case; before an age (one to three
/// digits, then a comma, a bracket or a sex), a census first name or a
/// word no dictionary has, capitalised.
fn described_in_brackets(text: &str, out: &mut Vec<Finding>) {
    if !text.contains('(') {
        return;
    }
    let lexicon = lexicon();
    for (open, _) in text.match_indices('(') {
        let before = text[..open].trim_end_matches(' ');
        let start = last_word_start(before);
        let word = &before[start..];
        if word.chars().count() < 2 {
            continue;
        }
        let inner = &text[open + 1..];
        let Some(close) = inner.find(')') else {
            continue;
        };
        let inner = &inner[..close];
        let lower = word.to_lowercase();
        let entry = lexicon.get(&crate::lexicon::fold(&lower));
        let flags = flags_of(entry);
        if flags.title() || flags.relation() || flags.greeting() {
            continue;
        }
        let mut parts = inner.split([' ', ',']).filter(|p| !p.is_empty());
        let first = parts.next().unwrap_or_default().to_lowercase();
        let second = parts.next().unwrap_or_default().to_lowercase();
        // (A modal is a name there, "will (his grandson)"; a preposition
        // is not, "gave it to (my mom)".)
        let relation = matches!(
            first.as_str(),
            "my" | "his" | "her" | "our" | "their" | "mi" | "su" | "sus" | "mis"
        ) && flags_of(lexicon.get(&crate::lexicon::fold(&second))).relation()
            && !matches!(
                lower.as_str(),
                "to" | "for"
                    | "and"
                    | "or"
                    | "with"
                    | "of"
                    | "from"
                    | "by"
                    | "at"
                    | "in"
                    | "on"
                    | "the"
                    | "a"
                    | "an"
                    | "y"
                    | "para"
                    | "con"
                    | "de"
                    | "el"
                    | "la"
                    | "is"
                    | "was"
            );
        let digits = first.chars().take_while(char::is_ascii_digit).count();
        // (Not an area code: "HCPOA (312) 555-0131".)
        let after = text[open + 1 + close + 1..].trim_start_matches(' ');
        let age = (1..=3).contains(&digits)
            && matches!(
                &first[digits..],
                "" | "yo" | "y/o" | "m" | "f" | "yrs" | "years" | "años"
            )
            && !after.starts_with(|c: char| c.is_ascii_digit());
        let capitalised = word.starts_with(char::is_uppercase);
        let person_word = entry.is_first_name() || !entry.is_known_word();
        // A relation told in a few words ("(his grandson)", "(mi suegra)";
        // not "meds (his wife keeps the list)").
        // (Any word when the bracket is only the relation: "faith (my
        // sister)"; a name-shaped one when a word more follows.)
        let said = inner.split_whitespace().count();
        let short = said <= 2 || (said == 3 && person_word);
        if (relation && short)
            || (age && capitalised && person_word && !flags.never() && !flags.function_word())
        {
            super::push_new(out, Kind::Name, start, start + word.len());
        }
    }
}

/// Who speaks in a pasted chat: "Grant: has anyone found it", "[10:42]
/// Maria Lopez: ok", "Hope 💕: 3.1". One or two capitalised words opening
/// a line before a colon are a name when they open two lines or more, or
/// are a first name of the census, or no known word in a chat; never a title,
/// relation, label or role ("Me:", "Nurse:", "Agent:", "Subject:").
fn chat_speakers(text: &str, out: &mut Vec<Finding>) {
    if !text.contains('\n') || !text.contains(':') {
        return;
    }
    let lexicon = lexicon();
    // Each line's speaker, as (start, end, lowercase).
    let mut speakers: Vec<(usize, usize, String)> = Vec::new();
    let mut at = 0;
    for line in text.split('\n') {
        let line_start = at;
        at += line.len() + 1;
        // A timestamp first: "[10:42] ", "10:42 AM - ".
        let mut rest = line.trim_start();
        let mut offset = line.len() - rest.len();
        if let Some(stamp) = rest.strip_prefix('[').and_then(|r| r.find(']')) {
            let cut = stamp + 2;
            offset += cut;
            rest = &rest[cut..];
            let trimmed = rest.trim_start();
            offset += rest.len() - trimmed.len();
            rest = trimmed;
        }
        let Some(colon) = rest.find(':') else {
            continue;
        };
        let head = rest[..colon].trim_end_matches(|c: char| !c.is_alphanumeric());
        let words: Vec<&str> = head.split(' ').collect();
        let shaped = (1..=2).contains(&words.len())
            && words.iter().all(|w| {
                w.chars().count() >= 2
                    && w.chars().all(char::is_alphabetic)
                    && w.chars().next().is_some_and(char::is_uppercase)
            });
        if shaped {
            let start = line_start + offset;
            speakers.push((start, start + head.len(), head.to_lowercase()));
        }
    }
    // Each speaker: a name by its words, repeated, a census first name,
    // no known word.
    let judged: Vec<(bool, bool, bool)> = speakers
        .iter()
        .map(|(_, _, lower)| {
            let mut name = true;
            let mut first_name = false;
            let mut unknown = true;
            for word in lower.split(' ') {
                let entry = lexicon.get(&crate::lexicon::fold(word));
                let flags = flags_of(entry);
                if flags.title()
                    || flags.relation()
                    || flags.greeting()
                    || flags.function_word()
                    || flags.never()
                    || CHAT_ROLES.contains(&word)
                {
                    name = false;
                }
                first_name |= entry.is_first_name();
                unknown &= !entry.is_known_word();
            }
            let repeated = speakers.iter().filter(|(_, _, l)| l == lower).count() >= 2;
            (name, repeated || first_name, unknown)
        })
        .collect();
    // An unknown word is a speaker only in a chat (another speaker is a
    // name already) and not in capitals: a form's labels ("Prescriber:",
    // "PMH:", "Copago:") are no one.
    let chat = judged
        .iter()
        .any(|&(name, known_name, _)| name && known_name);
    for ((start, end, _), &(name, known_name, unknown)) in speakers.iter().zip(&judged) {
        let capitals = text[*start..*end]
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase);
        if name && (known_name || (unknown && chat && !capitals)) {
            super::push_new(out, Kind::Name, *start, *end);
        }
    }
}

/// Words that open a line of a transcript or a form before a colon and
/// are no one's name.
const CHAT_ROLES: &[&str] = &[
    "agent",
    "caller",
    "customer",
    "operator",
    "rep",
    "representative",
    "staff",
    "tech",
    "technician",
    "scheduler",
    "dispatcher",
    "interpreter",
    "translator",
    "office",
    "clinic",
    "pharmacy",
    "lab",
    "front",
    "desk",
    "note",
    "notes",
    "update",
    "reminder",
    "subject",
    "re",
    "fwd",
    "fw",
    "ps",
    "question",
    "answer",
    "reply",
    "response",
    "message",
    "text",
    "chat",
    "group",
    "family",
    "team",
    "everyone",
    "all",
    "name",
    "address",
    "phone",
    "dob",
    "mrn",
    "date",
    "time",
    "location",
    "reason",
    "plan",
    "meds",
    "allergies",
    "vitals",
    "assessment",
    "me",
    "you",
    "us",
    "them",
    "system",
    "bot",
    "assistant",
    "sent",
    "from",
    "to",
    "cc",
    "bcc",
    "attachment",
    "summary",
    "diagnosis",
    "dx",
    "hpi",
    "result",
    "results",
    "comment",
    "comments",
    "yo",
    "tu",
    "nosotros",
    "asunto",
    "para",
    "de",
    "enviado",
    "mensaje",
    "nota",
    "paciente",
];

/// "... at 10:30. the van lady needs notice. thanks Norm", "Cancel 4/2.
/// In hospital. Ed", "... COOKIES RECIPE. ROSEMARY": a first name alone
/// closing the message, after a sentence's end or a word of thanks, is its
/// writer's signature.
fn signed_first_name(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    let Some(last) = words.last() else { return };
    let tail = text[last.end..].trim();
    if !tail.chars().all(|c| matches!(c, '.' | '!' | ')')) || out.iter().any(|f| f.end >= last.end)
    {
        return;
    }
    let raw = &text[last.start..last.end];
    let capital = raw.chars().next().is_some_and(char::is_uppercase);
    let entry = lexicon().get(&crate::lexicon::fold(raw));
    let flags = flags_of(entry);
    if !capital || raw.chars().count() < 2 || !entry.is_first_name() || flags.never() {
        return;
    }
    let Some(before) = words.len().checked_sub(2).map(|k| &words[k]) else {
        return;
    };
    let gap = &text[before.end..last.start];
    let closed = gap.contains(['.', '!', '?', '\n', '-', '\u{2014}', ','])
        || matches!(
            &*before.lower,
            "thanks"
                | "thank"
                | "thx"
                | "ty"
                | "love"
                | "regards"
                | "bless"
                | "gracias"
                | "atte"
                | "cheers"
                | "best"
                | "sincerely"
        )
        || (before.lower == *"you" && words.len() >= 3 && words[words.len() - 3].lower == *"thank");
    if closed {
        out.push(Finding::new(last.start, last.end, Kind::Name));
    }
}

/// "Dr. K aware?", "w/ Dr K's order": a title, then one capital letter
/// alone, is a person's initial; "RN Dana K. at 0314", "pt Juan A.
/// (94)": a capital and its period after a name found are its last
/// initial.
fn initials_by_titles(scan: &Scan<'_>, out: &mut Vec<Finding>) {
    let (text, words) = (scan.text, scan.words);
    let lexicon = lexicon();
    for (i, w) in words.iter().enumerate().skip(1) {
        let raw = &text[w.start..w.end];
        let letter = raw.len() == 1 && raw.bytes().all(|b| b.is_ascii_uppercase());
        if !letter {
            continue;
        }
        // An abbreviated title ("Dr", "Mrs", "RN"), not "doctor I am".
        let title = words[i - 1].lower.len() <= 3
            && flags_of(lexicon.get(&words[i - 1].lower)).title()
            && raw != "I";
        let gap = text[words[i - 1].end..w.start].trim_end_matches(' ');
        let after = text[w.end..].chars().next();
        // (Not a letter inside a code, "Dr. K-9", nor a label before a
        // number: "nurse P (555) 882-1044".)
        let alone = after.is_none_or(|c| !c.is_alphanumeric() && c != '-');
        let label = text[w.end..]
            .trim_start()
            .starts_with(|c: char| c.is_ascii_digit() || c == '(');
        if title && matches!(gap, "" | ".") && alone && !label {
            super::push_new(out, Kind::Name, w.start, w.end);
        }
    }
    for finding in out.iter_mut().filter(|f| f.kind == Kind::Name) {
        let rest = &text[finding.end..];
        let bytes = rest.as_bytes();
        let initial = bytes.len() >= 3
            && bytes[0] == b' '
            && bytes[1].is_ascii_uppercase()
            && bytes[2] == b'.'
            && bytes.get(3).is_none_or(|b| *b == b' ' || *b == b',');
        if initial {
            finding.end += 3;
        }
    }
}

/// "nacido en Santiago de los Caballeros", "Marisol Ortega de Luna":
/// particles and a capitalised name after a name or a town found, up to
/// the next finding, and not into a facility's name ("le habla Carmen de
/// Oak Valley Health").
fn particles_after(scan: &Scan<'_>, out: &mut [Finding]) {
    let text = scan.text;
    let spans: Vec<(usize, usize)> = out.iter().map(|f| (f.start, f.end)).collect();
    for finding in out
        .iter_mut()
        .filter(|f| matches!(f.kind, Kind::Name | Kind::City))
    {
        // Up to the next finding, through it when it is a name right after
        // the particles ("Vda. de [Méndez]": the two then merge).
        let limit = spans
            .iter()
            .filter(|&&(s, _)| s >= finding.end)
            .min()
            .map_or(text.len(), |&(_, e)| e);
        // ("Rosalba Quintero Vda. de Méndez": past the abbreviation's dot.)
        let dot = usize::from(
            text.as_bytes()[..finding.end]
                .get(finding.end.saturating_sub(3)..)
                .is_some_and(|tail| tail.eq_ignore_ascii_case(b"vda"))
                && text[finding.end..limit].starts_with('.'),
        );
        let grow = particles_and_capital_after(&text[finding.end + dot..limit]);
        if grow > 0 && !scan.is_protected(finding.end, finding.end + dot + grow) {
            finding.end += dot + grow;
        }
    }
}

/// The length of " de los Caballeros", " viuda de Arriaga" (one to three
/// particles, then a capitalised word that is a name or no known word) at
/// the start of `rest`, or 0.
fn particles_and_capital_after(rest: &str) -> usize {
    let Some(words) = rest.strip_prefix(' ') else {
        return 0;
    };
    let mut start = 1;
    let mut particles = 0;
    for word in words.split(' ') {
        if !crate::finding::is_name_particle(word) {
            if particles == 0 {
                return 0;
            }
            let name_len: usize = word
                .chars()
                .take_while(|c| c.is_alphabetic())
                .map(char::len_utf8)
                .sum();
            let name = &word[..name_len];
            let entry = lexicon().get(&crate::lexicon::fold(name));
            let fits = name.chars().next().is_some_and(char::is_uppercase)
                && name.chars().count() >= 2
                && (entry.is_name() || !entry.is_known_word())
                && !flags_of(entry).never();
            return if fits { start + name_len } else { 0 };
        }
        particles += 1;
        if particles > 3 {
            return 0;
        }
        start += word.len() + 1;
    }
    0
}

/// Where the run of letters ending `text` starts (its length when
/// `text` ends with no letter).
fn last_word_start(text: &str) -> usize {
    text.char_indices()
        .rev()
        .find(|(_, c)| !c.is_alphabetic())
        .map_or(0, |(i, c)| i + c.len_utf8())
}

/// "Participante: Abril Sánchez Moya", "coordinator: Jun Takahashi": a
/// first name the name detector passed over (a month, a word of another
/// language), one space before a name already found and capitalised as
/// it, is that name's first part. Not a title, relation, greeting, state
/// or function word ("Dear", "Call", "Texas").
fn first_names_before(text: &str, out: &mut [Finding]) {
    let lexicon = lexicon();
    for finding in out.iter_mut().filter(|f| f.kind == Kind::Name) {
        let Some(before) = text[..finding.start].strip_suffix(' ') else {
            continue;
        };
        let word_start = last_word_start(before);
        let word = &before[word_start..];
        // (Not glued to what is before it: "e-Skip", "#Will".)
        let glued = before[..word_start]
            .chars()
            .next_back()
            .is_some_and(|c| !c.is_whitespace() && !matches!(c, ',' | ':' | '(' | '"' | '\''));
        let capital = |c: Option<char>| c.is_some_and(char::is_uppercase);
        let name = &text[finding.start..finding.end];
        // (Cheap checks first: most names follow a lowercase word.)
        if word.chars().count() < 2
            || glued
            || !capital(word.chars().next())
            || !capital(name.chars().next())
        {
            continue;
        }
        let folded = crate::lexicon::fold(word);
        let entry = lexicon.get(&folded);
        let flags = flags_of(entry);
        let cue = flags.title()
            || flags.relation()
            || flags.greeting()
            || flags.state()
            || flags.function_word()
            || flags.verb_before()
            || flags.after_name();
        // ("MRI Patel": an acronym before a name written otherwise.)
        let acronym =
            word.chars().all(char::is_uppercase) && !name.chars().all(|c| !c.is_lowercase());
        let sentence_start = before[..word_start]
            .trim_end()
            .chars()
            .next_back()
            .is_none_or(|c| matches!(c, '.' | '!' | '?' | '\n'));
        // A name of the census or the world lists, capitalised as the name
        // after it ("Abril Sánchez Moya"), not opening a sentence unless it
        // is a first name (nor, then, an ordinary word: "Lab Paul Stone").
        // (In capitals, only a first name that is no word: "SOY EL COACH".)
        let upper = !word.chars().any(char::is_lowercase);
        let capitalised = !acronym
            && entry.is_name()
            && (entry.is_first_name() || (!sentence_start && !entry.is_known_word()))
            && (!upper || (entry.is_first_name() && !entry.is_ordinary()));
        if !cue && capitalised {
            finding.start = word_start;
        }
    }
}

/// "Desiree Ruiz (Des)": a capitalised word in brackets right after a
/// name is what the person is called; "Cam (Cameron Diaz)": so is one
/// right before a name in brackets.
fn bracketed_nicknames(text: &str, out: &mut Vec<Finding>) {
    let names: Vec<(usize, usize)> = out
        .iter()
        .filter(|f| f.kind == Kind::Name)
        .map(|f| (f.start, f.end))
        .collect();
    for (start, end) in names {
        nickname_before_real_name(text, start, out);
        if let Some(before) = text[..start].strip_suffix('(') {
            let before = before.trim_end();
            let word_start = before.rfind(|c: char| !c.is_alphabetic()).map_or(0, |i| {
                i + before[i..].chars().next().map_or(1, char::len_utf8)
            });
            if nickname_shaped(&before[word_start..]) {
                super::push_new(out, Kind::Name, word_start, before.len());
            }
        }
        let rest = &text[end..];
        let open = rest.len() - rest.trim_start().len();
        let Some(inner) = rest[open..].strip_prefix('(') else {
            continue;
        };
        if let Some(word) = inner.find(')').map(|close| &inner[..close])
            && nickname_shaped(word)
        {
            let start = end + open + 1;
            super::push_new(out, Kind::Name, start, start + word.len());
        }
    }
}

/// "its bubbles (real name is Kenzie Ruiz)", "big country (legal name
/// ...)": the one or two words before a bracket that gives the real name
/// are what the person goes by, in any case.
fn nickname_before_real_name(text: &str, name_start: usize, out: &mut Vec<Finding>) {
    const OPENINGS: &[&str] = &[
        "(real name is",
        "(real name:",
        "(real name",
        "(legal name is",
        "(legal name",
        "(aka",
        "(a.k.a.",
        "(nombre real",
        "(su nombre es",
    ];
    let before = text[..name_start].trim_end();
    // (Every opening has its bracket: most names have none before them,
    // and are let go without a lowercased copy.)
    let tail = super::tail(before, 16);
    if !tail.contains('(') {
        return;
    }
    let lower_tail = tail.to_ascii_lowercase();
    let Some(opening) = OPENINGS.iter().find(|o| lower_tail.ends_with(*o)) else {
        return;
    };
    let outside = before[..before.len() - opening.len()].trim_end_matches(' ');
    let (mut start, mut taken) = (outside.len(), 0);
    while taken < 2 {
        let head = if taken == 0 {
            outside
        } else {
            match outside[..start].strip_suffix(' ') {
                Some(head) => head,
                None => break,
            }
        };
        let word_start = last_word_start(head);
        let word = &head[word_start..];
        if word.is_empty() || NICKNAME_STOPS.contains(&word.to_lowercase().as_str()) {
            break;
        }
        start = word_start;
        taken += 1;
    }
    if taken > 0 {
        super::push_new(out, Kind::Name, start, outside.len());
    }
}

/// Words a nickname before a real name does not take in: "its bubbles",
/// "this is lil j", "coach j here. big country".
const NICKNAME_STOPS: &[&str] = &[
    "its", "it", "s", "is", "im", "i", "m", "am", "this", "that", "me", "my", "hi", "hey", "hello",
    "and", "y", "soy", "es", "here", "called", "call", "named", "the", "a",
];

/// "Des", "Bea", "O'Neal": a capital, then 1 to 14 lowercase letters,
/// apostrophes or hyphens.
/// "Ma. Concepción Aguirre", "Ma. de los Ángeles": "Ma." is María
/// written short, before a name or "de".
fn maria_abbreviated(text: &str, out: &mut Vec<Finding>) {
    let lexicon = crate::lexicon::lexicon();
    for (at, _) in text.match_indices("Ma. ") {
        let starts_word = text[..at]
            .chars()
            .next_back()
            .is_none_or(|c| !c.is_alphanumeric());
        let next: String = text[at + 4..]
            .chars()
            .take_while(|c| c.is_alphabetic())
            .collect();
        let entry = lexicon.get(&crate::lexicon::fold(&next));
        let named = next.chars().next().is_some_and(char::is_uppercase)
            && entry.is_name()
            && !entry.is_ordinary();
        if !starts_word {
            continue;
        }
        if named {
            out.push(Finding::new(at, at + 2, Kind::Name));
        } else if next == "de" || next == "del" {
            // "Ma. de los Ángeles": the particles go with it.
            let rest = &text[at + 4 + next.len()..];
            let article = [" los ", " las ", " la "]
                .iter()
                .find(|a| rest.starts_with(**a))
                .map_or(0, |a| a.len() - 1);
            out.push(Finding::new(at, at + 4 + next.len() + article, Kind::Name));
        }
    }
}

fn nickname_shaped(word: &str) -> bool {
    (2..=15).contains(&word.chars().count())
        && word.chars().next().is_some_and(char::is_uppercase)
        && word
            .chars()
            .skip(1)
            .all(|c| c.is_lowercase() || c == '\'' || c == '-')
}

/// Findings for the name words of a phrase starting at token `start`:
/// runs of name words (with the initials between them) become one finding
/// each; a comma ("Waters, Thomas") splits them.
fn emit(sentence: &Sentence<'_>, start: usize, names: &[bool], out: &mut Vec<Finding>) {
    let tokens = sentence.tokens;
    let mut run: Option<(usize, usize)> = None;
    for (k, &is_name) in names.iter().enumerate() {
        let i = start + k;
        let initial_inside = sentence.classes[i] == Class::Initial
            && run.is_some()
            && names.get(k + 1).copied().unwrap_or(false);
        if (is_name && sentence.classes[i] != Class::Initial) || initial_inside {
            match run {
                Some((s, _)) if tokens[i].gap != Gap::Comma => run = Some((s, tokens[i].end)),
                _ => {
                    if let Some((s, e)) = run.take() {
                        out.push(Finding::new(s, e, Kind::Name));
                    }
                    run = Some((tokens[i].start, tokens[i].end));
                }
            }
        } else if let Some((s, e)) = run.take() {
            out.push(Finding::new(s, e, Kind::Name));
        }
    }
    if let Some((s, e)) = run {
        out.push(Finding::new(s, e, Kind::Name));
    }
}

#[cfg(test)]
mod tests;

/// Departments a caller says they are from ("joy from billing").
/// Words of thanks between a greeting and a name: "so", "sooo", "much",
/// "very", "u", "a lot".
fn is_intensifier(word: &str) -> bool {
    let so = word.len() >= 2 && word.starts_with('s') && word[1..].bytes().all(|b| b == b'o');
    so || matches!(
        word,
        "much" | "very" | "u" | "you" | "ya" | "a" | "lot" | "again" | "muchas" | "mil" | "really"
    )
}

/// What a person does after a modal: "can hope call me back", "Drew will
/// bring the forms".
fn is_person_action(word: &str) -> bool {
    matches!(
        word,
        "call" | "text" | "come" | "pick" | "sign" | "stop" | "drop" | "email" | "bring"
    )
}

/// Whether the text right after a word is a clinical age and sex: " 91F",
/// " 78 M", " 67yo", " 88 y/o", " 91yoF" (then no letter or digit).
fn age_sex_follows(rest: &str) -> bool {
    // "Brennan, 97 yo M": a comma may set the age off.
    let rest = rest.strip_prefix(',').unwrap_or(rest);
    let Some(rest) = rest.strip_prefix(' ') else {
        return false;
    };
    let digits = rest.bytes().take_while(u8::is_ascii_digit).count();
    if !(1..=3).contains(&digits) {
        return false;
    }
    let rest = &rest[digits..];
    let rest = rest.strip_prefix(' ').unwrap_or(rest);
    let after = [
        "yof", "yom", "YOF", "YOM", "y/o", "Y/O", "y.o.", "yo", "YO", "F", "M",
    ]
    .iter()
    .find_map(|p| rest.strip_prefix(p));
    // "97 yo M", "97 YO F": the sex letter after the unit.
    let after = after.map(|a| {
        a.strip_prefix(" M")
            .or_else(|| a.strip_prefix(" F"))
            .unwrap_or(a)
    });
    after.is_some_and(|a| !a.starts_with(|c: char| c.is_alphanumeric()))
}

fn is_department(word: &str) -> bool {
    matches!(
        word,
        "billing"
            | "scheduling"
            | "pharmacy"
            | "lab"
            | "labs"
            | "radiology"
            | "insurance"
            | "office"
            | "clinic"
            | "registration"
            | "records"
            | "frontdesk"
            | "front"
            | "reception"
            | "hospice"
            | "cardiology"
            | "facturacion"
            | "farmacia"
            | "laboratorio"
            | "nursing"
            | "rehab"
            | "daycare"
            | "school"
            | "agency"
            | "insurer"
            | "transport"
            | "sw"
            | "pacu"
            | "icu"
            | "triage"
            | "admitting"
            | "security"
            | "dietary"
            | "pt"
            | "ot"
    )
}

/// Credentials written after a clinician's name ("dana LPN").
fn is_credential(word: &str) -> bool {
    matches!(
        word,
        "rn" | "lpn"
            | "lvn"
            | "np"
            | "aprn"
            | "cnp"
            | "fnp"
            | "md"
            | "do"
            | "pac"
            | "rph"
            | "pharmd"
            | "cna"
            | "cma"
            | "msw"
            | "lcsw"
            | "licsw"
            | "lmhc"
            | "lmft"
            | "rd"
            | "rdn"
            | "ibclc"
            | "cnm"
            | "crna"
            | "emt"
            | "bsn"
            | "dpt"
            | "ot"
            | "slp"
    )
}

/// Prefixes that make a hyphenated word a compound, never a name.
const WORD_PREFIXES: &[&str] = &[
    "pre", "post", "non", "re", "co", "self", "mid", "ex", "anti", "semi", "sub", "multi",
];

/// First parts of English compounds written with a hyphen ("Walk-in",
/// "Check-in").
const COMPOUND_HEADS: &[&str] = &[
    "step", "half", "walk", "drop", "pick", "sign", "log", "set", "check", "take", "make", "lay",
    "hand", "bed", "day", "one", "two", "all", "low", "high", "full", "part", "well", "sit",
    "time", "long", "short", "over", "under", "out", "in", "up", "down", "back", "wrap", "roll",
    "call", "text",
];

/// Second parts of English compounds ("Check-in", "Drop-off", "Co-pay").
const COMPOUND_TAILS: &[&str] = &[
    "in", "on", "off", "up", "out", "by", "op", "ops", "pay", "day", "do", "go", "back", "down",
    "over", "end", "way", "all", "age", "ins", "ups", "outs", "ray", "mail", "shirt", "time",
];

/// A given name of two syllables joined by a hyphen, the second written
/// in lower case, as Korean and Chinese names are romanised ("Sung-min",
/// "Min-seo", "Soon-ja"): each part a short name of the census lists,
/// and no English compound ("Walk-in", "Co-pay"). At a sentence's start
/// only before a capitalised word ("Pt: Sung-min Baek").
fn given_name_pair(
    token: &Token<'_>,
    written: &str,
    next: Option<&Token<'_>>,
    lexicon: &Lexicon,
) -> bool {
    let [head, tail] = token.parts.as_slice() else {
        return false;
    };
    let short = |p: &str| (2..=5).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_lowercase());
    let tail_lower = written
        .split_once('-')
        .is_some_and(|(_, t)| t.starts_with(|c: char| c.is_ascii_lowercase()));
    let surname_next = next.is_some_and(|n| n.case == Case::Title && n.gap == Gap::Space);
    (!token.sentence_start || surname_next)
        && token.case == Case::Title
        && tail_lower
        && short(head)
        && short(tail)
        && !COMPOUND_HEADS.contains(&head.as_str())
        && !COMPOUND_TAILS.contains(&tail.as_str())
        && lexicon.get(head).is_name()
        && lexicon.get(tail).is_name()
}
