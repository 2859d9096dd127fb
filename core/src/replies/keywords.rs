//! What an inbound SMS reply from a patient asks for: STOP (no more texts),
//! START (texts again) or HELP — or nothing at all.
//!
//! # Carrier keywords
//!
//! US carriers and the CTIA messaging principles treat a reply that *is* one
//! of a few keywords as an instruction. The whole message counts, after
//! ASCII and Unicode case folding, full-width letters (`ＳＴＯＰ`) read as
//! ASCII, zero-width characters dropped, inner white space collapsed, and
//! punctuation, emoji and quotes around it dropped (`"Stop."`, `" stop!! "`,
//! `"STOP 🙏"`, `"'stop'"`):
//!
//! | keyword | replies |
//! | --- | --- |
//! | [`Keyword::Stop`] | STOP, STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT, OPT OUT, OPT-OUT |
//! | [`Keyword::Start`] | START, YES, UNSTOP |
//! | [`Keyword::Help`] | HELP, INFO |
//!
//! Only the bare keyword counts: `"yes I'll be there"` is not START, `"help
//! me reschedule"` is not HELP, `"cancel my appointment"` is not STOP (see
//! [`carrier_keyword`]).
//!
//! # Plain-language revocation
//!
//! A patient may also revoke consent in their own words (TCPA: any reasonable
//! means), so a message that clearly asks not to be texted any more is STOP
//! too: `"please stop texting me"`, `"don't text me anymore"`, `"take me off
//! your list"`, `"I want to opt out"`, `"wrong number stop"`. Nothing in plain
//! language is ever START or HELP.
//!
//! The message is split into clauses at sentence punctuation (`. , ! ? ;`)
//! and each clause into lowercase words (apostrophes dropped: `don't` is
//! `dont`). Short filler is stripped from both ends of a clause (`please`,
//! `thanks`, `ok`, `wrong number`, ...; `can you`, `I said`, `I told you to`
//! in front; `anymore`, `again` behind), and what remains must be, *as a
//! whole*, one of a small table of revocation phrases ([`PHRASES`]), or a
//! bare STOP-type keyword. Then:
//!
//! - a clause that is a revocation phrase makes the message STOP, unless the
//!   message also holds a veto (below);
//! - a clause that is only a bare keyword (`stop`, `unsubscribe`, `opt out`,
//!   `revoke`, `stop all`) makes it STOP only when every other clause is
//!   filler or another bare keyword (`"Wrong number. Stop!"`, but not
//!   `"Stop, I have a question about my bill"`);
//! - vetoes, in any clause that is neither: a negation just before a stop
//!   word (`"I can't stop coughing"`, `"don't stop"`, `"I never said stop"`),
//!   a joke (`kidding`, `jk`), and, in a clause before the request, a
//!   condition (`"If I text back, will you stop texting me?"`) or reported
//!   speech (`"My son said, stop texting me"`);
//! - a clause that is a question counts only as a request (`"Can you stop
//!   texting me?"`, not `"Stop texting? No way"`); a bare keyword asked as a
//!   question counts only as the whole message (the carrier keyword).
//!
//! # Why conservative
//!
//! A false STOP silently removes a patient's consent: their appointment and
//! medication reminders stop, and no one notices. A missed plain-language
//! STOP is caught by the patient replying the carrier keyword (which always
//! works), or by staff reading the reply. So a message must *be* a
//! revocation, not merely contain one: a phrase with anything more in its
//! clause does not count (`"stop texting me at 6am"` is a complaint about
//! timing, `"don't text me the results, call me"` a channel preference), and
//! `stop`, `end`, `cancel` and `quit` are ordinary English words in clinical
//! replies (`"When do I stop taking the antibiotic?"`, `"end of the month
//! works"`, `"cancel my appointment"`). CANCEL, END and QUIT count only as the
//! bare carrier keyword, never with filler.

/// What a reply asks for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Keyword {
    /// Opt out: no more texts.
    Stop,
    /// Opt back in after a STOP.
    Start,
    /// Who is texting, and how to stop.
    Help,
}

impl Keyword {
    /// `"stop"`, `"start"` or `"help"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Keyword::Stop => "stop",
            Keyword::Start => "start",
            Keyword::Help => "help",
        }
    }
}

/// What a reply asks for, if anything: a carrier keyword
/// ([`carrier_keyword`]), else STOP for a plain-language revocation.
pub fn classify(text: &str) -> Option<Keyword> {
    carrier_keyword(text).or_else(|| plain_language_stop(text).then_some(Keyword::Stop))
}

/// The carrier keyword the whole message is, if it is one (case, spacing and
/// surrounding punctuation, emoji and quotes do not matter). [`classify`]
/// also reads plain language; this tells a keyword from a plain-language
/// STOP (for the record of how consent was revoked).
pub fn carrier_keyword(text: &str) -> Option<Keyword> {
    let folded = fold(text);
    let trimmed = folded.trim_matches(|c: char| !c.is_alphanumeric());
    let collapsed = trimmed.split_whitespace().collect::<Vec<_>>().join(" ");
    match collapsed.as_str() {
        "stop" | "stopall" | "unsubscribe" | "cancel" | "end" | "quit" | "revoke" | "optout"
        | "opt out" | "opt-out" => Some(Keyword::Stop),
        "start" | "yes" | "unstop" => Some(Keyword::Start),
        "help" | "info" => Some(Keyword::Help),
        _ => None,
    }
}

/// Lowercase (through upper case, as Unicode case folding does: `ſ`, `ı`
/// and `ﬆ` are `s`, `i` and `st`); full-width ASCII as ASCII; typographic
/// apostrophes, quotes and dashes as their ASCII forms; zero-width
/// characters and soft hyphens dropped. (No NFKC: this is what is cheap and
/// common in SMS.)
fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{0060}' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        out.extend(c.to_uppercase().flat_map(char::to_lowercase));
    }
    out
}

/// Characters that end a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '!' | '?' | ';' | '\n' | '\r' | '\u{2026}' | '\u{00A1}' | '\u{00BF}'
    )
}

/// One clause of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Clause {
    words: Vec<String>,
    /// It ends with a question mark.
    question: bool,
}

/// The clauses of a folded message, each as its words. Apostrophes join
/// (`dont`); every other character that is not a letter or digit separates
/// words (`opt-out` is `opt out`).
fn clauses(folded: &str) -> Vec<Clause> {
    let mut clauses = Vec::new();
    let mut words: Vec<String> = Vec::new();
    let mut word = String::new();
    for c in folded.chars() {
        if c.is_alphanumeric() {
            word.push(c);
            continue;
        }
        if c == '\'' {
            continue;
        }
        if !word.is_empty() {
            words.push(std::mem::take(&mut word));
        }
        if ends_clause(c) && !words.is_empty() {
            clauses.push(Clause {
                words: std::mem::take(&mut words),
                question: c == '?',
            });
        }
    }
    if !word.is_empty() {
        words.push(word);
    }
    if !words.is_empty() {
        clauses.push(Clause {
            words,
            question: false,
        });
    }
    clauses
}

// ---------------------------------------------------------------------------
// Phrase tables. Each entry is one or more words separated by single spaces,
// matched against whole words.

/// Filler that may stand at either end of a clause.
const FILLER: &[&str] = &[
    "please",
    "pls",
    "plz",
    "plse",
    "kindly",
    "thanks",
    "thank you",
    "thank u",
    "thankyou",
    "thx",
    "ty",
    "ok",
    "okay",
    "hi",
    "hello",
    "hey",
    "sorry",
    "im sorry",
    "wrong",
    "wrong number",
    "wrong person",
    "this is the wrong number",
    "this is a wrong number",
    "this is wrong number",
    "you have the wrong number",
    "u have the wrong number",
    "you have the wrong person",
    "you got the wrong number",
    "now",
    "right now",
    "immediately",
    "asap",
    "seriously",
];

/// Filler in front of a clause that makes a question a request.
const REQUEST: &[&str] = &[
    "can you",
    "could you",
    "can u",
    "could u",
    "would you",
    "will you",
];

/// Filler only in front of a clause: politeness, and repeating oneself.
const LEADING: &[&str] = &[
    "you can",
    "you may",
    "i need you to",
    "i want you to",
    "id like you to",
    "i would like you to",
    "i am asking you to",
    "im asking you to",
    "i said",
    "i already said",
    "i told you to",
    "i already told you to",
    "i asked you to",
    "i already asked you to",
    "i have asked you to",
    "just",
    "so",
    "also",
];

/// Filler only behind a clause.
const TRAILING: &[&str] = &[
    "anymore",
    "any more",
    "again",
    "ever again",
    "for good",
    "at all",
    "from now on",
    "forever",
    "from you",
    "from you guys",
    "from this number",
];

/// Keywords that revoke alone or with filler. Not CANCEL, END or QUIT: with
/// anything around them they are everyday words.
const BARE_STOP: &[&str] = &[
    "stop",
    "stopall",
    "stop all",
    "unsubscribe",
    "optout",
    "opt out",
    "revoke",
];

const STOP_VERB: &[&str] = &["stop", "quit", "cease"];
const CONTACTING: &[&str] = &[
    "texting",
    "txting",
    "texing",
    "textin",
    "messaging",
    "msging",
    "contacting",
    "calling and texting",
    "texting and calling",
];
const SENDING: &[&str] = &["sending"];
const SEND: &[&str] = &["send"];
const ME: &[&str] = &[
    "me",
    "this number",
    "my number",
    "my phone",
    "my phone number",
    "this phone",
    "this phone number",
    "my cell",
    "my cell phone",
    "this cell",
    "my mobile",
];
const TO_ME: &[&str] = &[
    "to me",
    "to this number",
    "to my number",
    "to my phone",
    "to this phone",
    "to my cell",
];
const DET: &[&str] = &[
    "all",
    "all the",
    "all these",
    "all of the",
    "all of these",
    "all your",
    "all of your",
    "the",
    "these",
    "those",
    "this",
    "your",
    "any",
    "any more",
    "any of these",
    "any of your",
    "any of the",
    "any further",
];
const TEXTS: &[&str] = &[
    "texts",
    "text",
    "text messages",
    "text message",
    "txts",
    "messages",
    "message",
    "msgs",
    "sms",
    "sms messages",
    "reminders",
    "text reminders",
    "reminder texts",
    "reminder messages",
    "notifications",
    "text notifications",
    "alerts",
    "text alerts",
    "automated texts",
    "automated messages",
];
/// What one can cancel or turn off meaning the texts as such: not one
/// message, and not reminders ("cancel the reminders" may be about one
/// cancelled appointment).
const TEXTS_PLURAL: &[&str] = &[
    "texts",
    "text messages",
    "txts",
    "messages",
    "msgs",
    "sms",
    "sms messages",
    "texting",
    "notifications",
    "text notifications",
    "text alerts",
];
const THESE: &[&str] = &["these", "this stuff", "stuff", "these things"];
const NEG: &[&str] = &[
    "dont",
    "do not",
    "never",
    "dont ever",
    "do not ever",
    "never ever",
];
const CONTACT_VERB: &[&str] = &[
    "text",
    "txt",
    "message",
    "msg",
    "contact",
    "sms",
    "text or call",
    "call or text",
];
const NO_MORE: &[&str] = &[
    "no more",
    "no further",
    "no more of these",
    "no more of your",
];
const REMOVE_VERB: &[&str] = &["take", "remove", "delete", "drop", "get"];
const OFF: &[&str] = &["off", "off of", "from"];
const LIST: &[&str] = &[
    "list",
    "texting list",
    "text list",
    "text message list",
    "sms list",
    "messaging list",
    "mailing list",
    "contact list",
    "distribution list",
    "reminder list",
];
const UNSUBSCRIBE: &[&str] = &["unsubscribe"];
const FROM: &[&str] = &["from", "to", "of"];
const I: &[&str] = &["i", "i really", "i just", "i would", "i do"];
const WANT: &[&str] = &[
    "want",
    "wanna",
    "wish",
    "would like",
    "id like",
    "like",
    "need",
    "am asking",
    "prefer",
];
const TO: &[&str] = &["to"];
const OPT_OUT: &[&str] = &["opt out", "optout", "unsubscribe", "be unsubscribed"];
const OF_FROM: &[&str] = &["of", "from"];
const TEXTING: &[&str] = &["texting", "text messaging", "messaging", "sms messaging"];
const REMOVED: &[&str] = &["be removed", "be taken", "get removed", "get taken", "get"];
const STOP_RECEIVING: &[&str] = &[
    "stop receiving",
    "stop getting",
    "quit receiving",
    "quit getting",
    "not receive",
    "not get",
    "no longer receive",
    "no longer get",
];
const NEG_WANT: &[&str] = &["dont", "do not", "no longer", "dont really", "really dont"];
const WANT_TEXTS: &[&str] = &[
    "want",
    "wish to receive",
    "want to receive",
    "want to get",
    "wish to get",
];
const WANT_TO_BE: &[&str] = &["want to be", "wish to be"];
const TEXTED: &[&str] = &["texted", "contacted", "messaged", "sent texts"];
const BY_TEXT: &[&str] = &[
    "by text",
    "by sms",
    "by text message",
    "via text",
    "by phone",
];
const OPT: &[&str] = &["opt"];
const OUT: &[&str] = &["out"];
const TURN_OFF: &[&str] = &["cancel", "turn off", "disable", "shut off", "end"];
const MY_DET: &[&str] = &[
    "my",
    "all my",
    "all of my",
    "all",
    "the",
    "these",
    "all the",
    "all these",
    "all of these",
    "your",
];

/// One position of a phrase: one of the alternatives, or (optional)
/// nothing.
#[derive(Debug, Clone, Copy)]
enum Slot {
    One(&'static [&'static str]),
    Opt(&'static [&'static str]),
}

use Slot::{One, Opt};

/// Plain-language revocation phrases: a clause (filler stripped) that is
/// exactly one of these is a request to stop texting.
const PHRASES: &[&[Slot]] = &[
    // stop texting (me | this number)
    &[One(STOP_VERB), One(CONTACTING), Opt(ME)],
    // stop texting me (these) reminders
    &[
        One(STOP_VERB),
        One(CONTACTING),
        One(ME),
        Opt(DET),
        One(TEXTS),
    ],
    // stop sending (me) (these) texts (to this number)
    &[
        One(STOP_VERB),
        One(SENDING),
        Opt(ME),
        Opt(DET),
        One(TEXTS),
        Opt(TO_ME),
    ],
    // stop sending me these
    &[One(STOP_VERB), One(SENDING), Opt(ME), One(THESE)],
    // stop (all) (the) texts (to this number)
    &[One(STOP_VERB), Opt(DET), One(TEXTS), Opt(TO_ME)],
    // don't text me
    &[One(NEG), One(CONTACT_VERB), One(ME)],
    // don't send me (any more) texts
    &[
        One(NEG),
        One(SEND),
        Opt(ME),
        Opt(DET),
        One(TEXTS),
        Opt(TO_ME),
    ],
    // no more texts
    &[One(NO_MORE), One(TEXTS), Opt(TO_ME)],
    // take me off your list
    &[One(REMOVE_VERB), One(ME), One(OFF), Opt(DET), One(LIST)],
    // remove me from these texts
    &[One(REMOVE_VERB), One(ME), One(OFF), Opt(DET), One(TEXTS)],
    // unsubscribe me
    &[One(UNSUBSCRIBE), One(ME)],
    // unsubscribe (me) from these texts / your list
    &[One(UNSUBSCRIBE), Opt(ME), One(FROM), Opt(DET), One(TEXTS)],
    &[One(UNSUBSCRIBE), Opt(ME), One(FROM), Opt(DET), One(LIST)],
    // I want to opt out (of texts)
    &[Opt(I), One(WANT), Opt(TO), One(OPT_OUT)],
    &[
        Opt(I),
        One(WANT),
        Opt(TO),
        One(OPT_OUT),
        One(OF_FROM),
        Opt(DET),
        One(TEXTS),
    ],
    &[
        Opt(I),
        One(WANT),
        Opt(TO),
        One(OPT_OUT),
        One(OF_FROM),
        Opt(DET),
        One(LIST),
    ],
    &[
        Opt(I),
        One(WANT),
        Opt(TO),
        One(OPT_OUT),
        One(OF_FROM),
        One(TEXTING),
    ],
    // I want to be removed from your list
    &[
        Opt(I),
        One(WANT),
        Opt(TO),
        One(REMOVED),
        One(OFF),
        Opt(DET),
        One(LIST),
    ],
    &[
        Opt(I),
        One(WANT),
        Opt(TO),
        One(REMOVED),
        One(OFF),
        Opt(DET),
        One(TEXTS),
    ],
    // I want to stop receiving these texts
    &[
        Opt(I),
        One(WANT),
        Opt(TO),
        One(STOP_RECEIVING),
        Opt(DET),
        One(TEXTS),
    ],
    // I don't want these text messages
    &[
        Opt(I),
        One(NEG_WANT),
        One(WANT_TEXTS),
        Opt(DET),
        One(TEXTS),
        Opt(TO_ME),
    ],
    // I don't want to be texted (by text)
    &[
        Opt(I),
        One(NEG_WANT),
        One(WANT_TO_BE),
        One(TEXTED),
        Opt(BY_TEXT),
    ],
    // opt me out (of these texts)
    &[One(OPT), One(ME), One(OUT)],
    &[
        One(OPT),
        One(ME),
        One(OUT),
        One(OF_FROM),
        Opt(DET),
        One(TEXTS),
    ],
    &[
        One(OPT),
        One(ME),
        One(OUT),
        One(OF_FROM),
        Opt(DET),
        One(LIST),
    ],
    // cancel my texts, turn off text notifications
    &[One(TURN_OFF), Opt(MY_DET), One(TEXTS_PLURAL)],
];

/// Words that negate a following stop word.
const NEGATORS: &[&str] = &[
    "dont", "not", "never", "cant", "cannot", "wont", "didnt", "doesnt", "shouldnt", "wouldnt",
    "couldnt", "isnt", "arent", "wasnt", "havent", "hasnt",
];
/// How many words after a negator it still negates.
const NEGATION_REACH: usize = 3;
const STOP_WORDS: &[&str] = &[
    "stop",
    "stopping",
    "stopped",
    "stops",
    "unsubscribe",
    "unsubscribing",
    "unsubscribed",
    "opt",
    "optout",
    "remove",
    "removing",
    "removed",
    "cancel",
    "cancelling",
    "canceling",
    "quit",
    "end",
    "revoke",
];
const CONDITIONS: &[&str] = &["if", "unless", "whether"];
const JOKES: &[&str] = &["kidding", "joking", "jk", "jking", "jokes"];
const REPORTED: &[&str] = &[
    "said", "says", "say", "saying", "told", "tell", "telling", "asked", "asks", "ask", "asking",
];

/// Longest clause a phrase can be; longer ones are not compared.
const MAX_PHRASE_WORDS: usize = 16;

/// Whether a message, not a carrier keyword, clearly asks not to be texted.
fn plain_language_stop(text: &str) -> bool {
    let clauses = clauses(&fold(text));
    let kinds: Vec<Kind> = clauses.iter().map(kind).collect();
    let Some(first_phrase) = kinds.iter().position(|k| *k == Kind::Phrase) else {
        // Bare keywords, with nothing but filler around them.
        return kinds.contains(&Kind::Bare)
            && kinds.iter().all(|k| matches!(k, Kind::Bare | Kind::Filler));
    };
    // A request: unless another clause takes it back, or frames it.
    !clauses
        .iter()
        .zip(&kinds)
        .enumerate()
        .any(|(i, (clause, kind))| {
            *kind == Kind::Other
                && (vetoes(&clause.words) || (i < first_phrase && frames(&clause.words)))
        })
}

/// What one clause is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// Nothing but filler.
    Filler,
    /// A STOP-type keyword (with filler), not asked as a question.
    Bare,
    /// A revocation phrase (with filler); as a question only when put as a
    /// request ("can you stop texting me?", not "stop texting?").
    Phrase,
    Other,
}

fn kind(clause: &Clause) -> Kind {
    let (core, requested) = strip_filler(&clause.words);
    if core.is_empty() {
        Kind::Filler
    } else if is_bare(core) {
        if clause.question {
            Kind::Other
        } else {
            Kind::Bare
        }
    } else if core.len() <= MAX_PHRASE_WORDS
        && (!clause.question || requested)
        && PHRASES.iter().any(|p| matches(p, core))
    {
        Kind::Phrase
    } else {
        Kind::Other
    }
}

/// A negation just before a stop word, or a joke.
fn vetoes(words: &[String]) -> bool {
    let negated_stop = words.iter().enumerate().any(|(i, w)| {
        NEGATORS.contains(&w.as_str())
            && words[i + 1..]
                .iter()
                .take(NEGATION_REACH)
                .any(|w| STOP_WORDS.contains(&w.as_str()))
    });
    negated_stop || words.iter().any(|w| JOKES.contains(&w.as_str()))
}

/// A condition or reported speech, which before a request makes it no
/// request ("if I text back, will you stop texting me?", "my son said, stop
/// texting me").
fn frames(words: &[String]) -> bool {
    words
        .iter()
        .any(|w| CONDITIONS.contains(&w.as_str()) || REPORTED.contains(&w.as_str()))
}

/// The clause without filler at either end, and whether a request
/// ("can you") was stripped from its front.
fn strip_filler(words: &[String]) -> (&[String], bool) {
    let mut core = words;
    let mut requested = false;
    loop {
        let filler = longest_prefix(core, &[FILLER, LEADING]);
        let request = longest_prefix(core, &[REQUEST]);
        let n = match (filler, request) {
            (None, None) => break,
            (filler, Some(r)) if filler.is_none_or(|f| r >= f) => {
                requested = true;
                r
            }
            (filler, _) => filler.unwrap_or_default(),
        };
        core = &core[n..];
    }
    while let Some(n) = longest_suffix(core, &[FILLER, TRAILING]) {
        core = &core[..core.len() - n];
    }
    (core, requested)
}

/// Whether the clause is one or more bare STOP-type keywords.
fn is_bare(mut core: &[String]) -> bool {
    if core.is_empty() {
        return false;
    }
    while !core.is_empty() {
        match longest_prefix(core, &[BARE_STOP]) {
            Some(n) => core = &core[n..],
            None => return false,
        }
    }
    true
}

/// The length in words of the longest entry of `tables` that `words` starts
/// with.
fn longest_prefix(words: &[String], tables: &[&[&str]]) -> Option<usize> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|phrase| strip_phrase(words, phrase).map(|rest| words.len() - rest.len()))
        .max()
}

/// The length in words of the longest entry of `tables` that `words` ends
/// with.
fn longest_suffix(words: &[String], tables: &[&[&str]]) -> Option<usize> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|phrase| {
            let n = phrase.split(' ').count();
            let start = words.len().checked_sub(n)?;
            strip_phrase(&words[start..], phrase).map(|_| n)
        })
        .max()
}

/// `words` after `phrase`, if they start with it.
fn strip_phrase<'a>(words: &'a [String], phrase: &str) -> Option<&'a [String]> {
    let mut rest = words;
    for part in phrase.split(' ') {
        let (first, tail) = rest.split_first()?;
        if first != part {
            return None;
        }
        rest = tail;
    }
    Some(rest)
}

/// Whether `words` is exactly the phrase `pattern`.
fn matches(pattern: &[Slot], words: &[String]) -> bool {
    let Some((slot, rest)) = pattern.split_first() else {
        return words.is_empty();
    };
    let (alternatives, optional) = match *slot {
        One(alternatives) => (alternatives, false),
        Opt(alternatives) => (alternatives, true),
    };
    (optional && matches(rest, words))
        || alternatives
            .iter()
            .filter_map(|alt| strip_phrase(words, alt))
            .any(|after| matches(rest, after))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Carrier keywords, as the whole message.
    const CARRIER: &[(&str, Keyword)] = &[
        ("STOP", Keyword::Stop),
        ("stop", Keyword::Stop),
        ("Stop.", Keyword::Stop),
        (" stop!! ", Keyword::Stop),
        ("STOP 🙏", Keyword::Stop),
        ("'stop'", Keyword::Stop),
        ("\"Stop\"", Keyword::Stop),
        ("“STOP”", Keyword::Stop),
        ("Stop  ", Keyword::Stop),
        ("sToP", Keyword::Stop),
        ("\tSTOP\n", Keyword::Stop),
        ("ＳＴＯＰ", Keyword::Stop),
        ("st\u{200B}op", Keyword::Stop),
        ("STOPALL", Keyword::Stop),
        ("StopAll!", Keyword::Stop),
        ("UNSUBSCRIBE", Keyword::Stop),
        ("Unsubscribe.", Keyword::Stop),
        ("CANCEL", Keyword::Stop),
        ("cancel", Keyword::Stop),
        ("END", Keyword::Stop),
        ("End.", Keyword::Stop),
        ("QUIT", Keyword::Stop),
        ("quit!", Keyword::Stop),
        ("REVOKE", Keyword::Stop),
        ("OPTOUT", Keyword::Stop),
        ("OPT OUT", Keyword::Stop),
        ("opt   out", Keyword::Stop),
        ("OPT-OUT", Keyword::Stop),
        ("Opt-out.", Keyword::Stop),
        ("opt–out", Keyword::Stop),
        ("START", Keyword::Start),
        ("Start!", Keyword::Start),
        ("YES", Keyword::Start),
        ("yes", Keyword::Start),
        ("Yes.", Keyword::Start),
        ("YES!!! 👍", Keyword::Start),
        ("UNSTOP", Keyword::Start),
        ("unstop", Keyword::Start),
        ("HELP", Keyword::Help),
        ("help?", Keyword::Help),
        ("Help!", Keyword::Help),
        ("INFO", Keyword::Help),
        ("info.", Keyword::Help),
        ("ＨＥＬＰ", Keyword::Help),
    ];

    /// Plain-language revocations: each is STOP.
    const REVOCATIONS: &[&str] = &[
        "please stop texting me",
        "Stop sending me texts",
        "stop messaging me",
        "don't text me anymore",
        "do not text me again",
        "no more texts please",
        "take me off your list",
        "remove me from your texting list",
        "unsubscribe me",
        "I want to opt out",
        "I don't want these text messages",
        "stop texting this number",
        "wrong number stop",
        "Stop please",
        "stop thanks",
        "Thanks, stop",
        "STOP TEXTING ME!!!",
        "Wrong number. Please stop texting me.",
        "Can you please stop texting me?",
        "I said stop",
        "I told you to stop texting me",
        "Please remove my number from your list",
        "Stop sending texts to this number",
        "stop all texts",
        "Stop the reminders please",
        "I would like to opt out of text messages",
        "I'd like to unsubscribe",
        "I no longer want these texts",
        "I do not wish to receive text messages",
        "Please opt me out",
        "Opt me out of these texts",
        "Don’t text me",
        "Never text me again",
        "No more messages",
        "Cancel my text messages",
        "Turn off text notifications",
        "stop contacting me",
        "Stop. Stop. Stop.",
        "stop stop stop",
        "Stop now",
        "Please unsubscribe me from these texts",
        "I want to stop receiving these texts",
        "I don't want to be texted",
        "Get me off your list",
        "Take my number off your texting list please",
        "You have the wrong number, stop texting me",
        "i dont want texts anymore",
        "Hi, please stop texting me. Thanks",
        "STOP TEXTING ME 🙏",
        "Stop calling and texting me",
        "Stop texting me reminders",
        "ｓｔｏｐ ｔｅｘｔｉｎｇ ｍｅ",
        "Stop all",
        "Unsubscribe please",
        "I want to be removed from your list",
        "Stop texting me, I'll check the portal",
        "Why do you keep texting me? Stop texting me.",
        "No! Stop texting me",
        "wrong # stop",
        "stop pls",
        "Opt out please",
        "revoke thanks",
        "I do not want to be contacted by text",
        "I want to opt out of texting",
        "Don't send me any more messages",
        "Will you stop texting me",
        "STOP!!! Wrong number!!!",
        "i already asked you to stop texting me",
        "Stop texting me. If you need me, call me",
        "Stop texting me, if you don't mind",
        "Stop the reminders please, thank you",
        "Don't text me, call me",
        "I need to opt out",
    ];

    /// Not a request to stop texting: each is None.
    const NOT_REVOCATIONS: &[&str] = &[
        "I can't stop coughing",
        "When do I stop taking the antibiotic?",
        "Should I stop my metformin before the test?",
        "yes I'll be there",
        "the pain won't stop",
        "please don't stop texting me reminders",
        "I never said stop",
        "Can you stop by my room?",
        "end of the month works",
        "cancel my appointment",
        "help me reschedule",
        "I need help breathing",
        "Don't stop texting me",
        "Do not stop sending me reminders",
        "Stop by the pharmacy on your way",
        "I stopped taking it yesterday",
        "Can I stop the medication?",
        "The bleeding won't stop",
        "I want to cancel my appointment",
        "Please cancel my appointment on Friday",
        "I want to opt out of the study",
        "Take me off the waiting list",
        "Remove me from the appointment",
        "Should I say stop?",
        "If I reply stop will you stop texting me?",
        "If I text back, will you stop texting me?",
        "My son said, stop texting me",
        "Stop texting me. Just kidding!",
        "End please",
        "Cancel please",
        "quit smoking tips please",
        "Info about my results",
        "help me please",
        "Start my refill",
        "Yes please",
        "Yes, that works",
        "Stop, I have a question about my bill",
        "Do I need to stop eating before the test?",
        "I would like to stop my prescription",
        "Unsubscribe? What do you mean?",
        "no more pain since yesterday",
        "No more headaches, thank you",
        "Don't text me the results, call me instead",
        "Please text me instead of calling",
        "Never stop texting me, I love the reminders",
        "I'm not going to stop the medication",
        "Stop texting me at 6am",
        "stop texting my husband",
        "Is there a way to stop the pain?",
        "He won't stop texting me",
        "If you stop texting me I will miss appointments",
        "s t o p",
        "I didn't say stop",
        "Don't unsubscribe me",
        "Please don't remove me from your list",
        "Who is this? I never signed up",
        "I'll stop by tomorrow",
        "Stopping by later to pick up forms",
        "Is it ok to stop the inhaler?",
        "Thanks!",
        "ok",
        "",
        "   ",
        "🙏",
        "Wrong number",
        "Please don't stop the reminders",
        "I was told to stop the aspirin",
        "Quit texting? No way, keep them coming",
        "Can I cancel and reschedule?",
        "The text messages stopped coming, can you resend?",
        "I want to stop the blood thinner",
        "no",
        "NO",
        "Help me stop smoking",
        "What do I do if the bleeding doesn't stop?",
        "Start",
        "I don't need reminders, I have it in my calendar",
        "Cancel the reminders, I cancelled the appointment",
        "Cancel my reminders for Tuesday",
        "Turn off reminders for the old appointment",
        "Stop sending me the bill",
        "I want to unsubscribe from the newsletter",
        "Please stop, it hurts",
        "Don't text me before 9am",
        "No thanks",
        "Stop it",
    ];

    #[test]
    fn keyword_codes() {
        assert_eq!(Keyword::Stop.as_str(), "stop");
        assert_eq!(Keyword::Start.as_str(), "start");
        assert_eq!(Keyword::Help.as_str(), "help");
    }

    #[test]
    fn carrier_keywords_are_the_whole_message() {
        for (text, keyword) in CARRIER {
            assert_eq!(carrier_keyword(text), Some(*keyword), "{text:?}");
            assert_eq!(classify(text), Some(*keyword), "{text:?}");
        }
    }

    /// Found by the fuzz target `reply_keywords`: a lower-case letter whose
    /// upper case is an ASCII letter (the long s, the dotless i, the `st`
    /// ligature) read as itself, so `ſtop` was no STOP though `ſtop` upper
    /// cased (`STOP`) was.
    #[test]
    fn case_folding_maps_letters_through_their_upper_case() {
        for (text, keyword) in [
            ("\u{17f}top", Keyword::Stop),
            ("\u{fb06}op", Keyword::Stop),
            ("\u{131}nfo", Keyword::Help),
        ] {
            assert_eq!(classify(text), Some(keyword), "{text:?}");
            assert_eq!(classify(text), classify(&text.to_uppercase()), "{text:?}");
        }
        assert_eq!(classify("\u{17f}o stop texting me"), Some(Keyword::Stop));
    }

    #[test]
    fn plain_language_revocations_are_stop() {
        assert!(REVOCATIONS.len() >= 40);
        for text in REVOCATIONS {
            assert_eq!(classify(text), Some(Keyword::Stop), "{text:?}");
        }
    }

    #[test]
    fn plain_language_is_not_a_carrier_keyword() {
        for text in ["please stop texting me", "wrong number stop", "Stop all"] {
            assert_eq!(carrier_keyword(text), None, "{text:?}");
        }
    }

    #[test]
    fn everyday_words_are_not_revocations() {
        assert!(NOT_REVOCATIONS.len() >= 40);
        for text in NOT_REVOCATIONS {
            // "Start" alone is the carrier keyword; everything else is nothing.
            if *text == "Start" {
                assert_eq!(classify(text), Some(Keyword::Start));
                continue;
            }
            assert_eq!(classify(text), None, "{text:?}");
        }
    }

    #[test]
    fn only_stop_comes_from_plain_language() {
        for text in [
            "yes please",
            "start texting me again",
            "please help",
            "help!! now",
            "yes, start again",
            "info please",
        ] {
            assert_eq!(classify(text), None, "{text:?}");
        }
    }

    #[test]
    fn negation_never_revokes() {
        for text in [
            "don't stop texting me",
            "do not stop texting me",
            "never stop texting me",
            "please don't stop",
            "don't unsubscribe",
            "I don't want to opt out",
            "don't opt me out",
            "do not remove me from your list",
            "I didn't mean stop",
        ] {
            assert_eq!(classify(text), None, "{text:?}");
        }
    }

    #[test]
    fn folding() {
        assert_eq!(fold("ＳＴＯＰ"), "stop");
        assert_eq!(fold("Don’t"), "don't");
        assert_eq!(fold("a\u{00AD}b\u{FEFF}"), "ab");
        assert_eq!(fold("OPT—OUT"), "opt-out");
        let words = |clauses: Vec<Clause>| -> Vec<(String, bool)> {
            clauses
                .into_iter()
                .map(|c| (c.words.join(" "), c.question))
                .collect()
        };
        assert_eq!(
            words(clauses("wrong number. don't text me? please!")),
            [
                ("wrong number".to_owned(), false),
                ("dont text me".to_owned(), true),
                ("please".to_owned(), false),
            ]
        );
        assert_eq!(
            words(clauses("opt-out 🙏 now")),
            [("opt out now".to_owned(), false)]
        );
    }

    #[test]
    fn questions_count_only_as_requests() {
        for text in [
            "Can you stop texting me?",
            "Could you please stop sending me texts?",
            "Will you stop texting me?",
        ] {
            assert_eq!(classify(text), Some(Keyword::Stop), "{text:?}");
        }
        for text in [
            "Stop texting me?",
            "Quit texting? No way, keep them coming",
            "No more texts?",
            "Wrong number. Stop?",
            "Should I stop texting you?",
        ] {
            assert_eq!(classify(text), None, "{text:?}");
        }
        // The bare carrier keyword, even asked, is the keyword.
        assert_eq!(classify("Stop?"), Some(Keyword::Stop));
    }

    #[test]
    fn long_messages_are_read_whole() {
        let long = "stop ".repeat(2000);
        assert_eq!(classify(&long), Some(Keyword::Stop));
        let rambling = "I can't stop thinking about my appointment and ".repeat(200);
        assert_eq!(classify(&rambling), None);
    }
}
