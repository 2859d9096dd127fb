//! Plain-language opt-out: a reply that, in the patient's own words, clearly
//! asks not to be texted any more is STOP too (TCPA: any reasonable means):
//! `"please stop texting me"`, `"take me off your list"`, `"wrong number
//! stop"`. Nothing in plain language is ever START or HELP.
//!
//! The words are the operator's data, one TOML file per language
//! (`[channels.sms.replies] plain_language`; the English one is
//! examples/replies/plain_language.en.toml, which documents every table).
//! This module is the reading, the same for every language:
//!
//! - the message is split into clauses at sentence punctuation and each
//!   clause into lowercase words (apostrophes dropped: `don't` is `dont`);
//! - filler is stripped from both ends of a clause (`filler`, `request` and
//!   `leading` in front, `filler` and `trailing` behind), and what remains
//!   must be, *as a whole*, one of the `phrases` (sequences of word
//!   classes), or bare STOP-type keywords (`bare_stop`);
//! - a phrase clause makes the message STOP unless another clause vetoes it
//!   (a `negators` word just before a `stop_words` word, or one of `jokes`)
//!   or, before it, frames it (`conditions`, `reported` speech);
//! - bare keywords make it STOP only when every other clause is filler or
//!   bare keywords too (`"Wrong number. Stop!"`, not `"Stop, I have a
//!   question about my bill"`);
//! - a question counts only as a request (`"Can you stop texting me?"`, not
//!   `"Stop texting? No way"`); a bare keyword asked as a question counts
//!   only as the whole message (the carrier keyword).
//!
//! # Why conservative
//!
//! A false STOP silently ends a patient's appointment and medication
//! reminders, and no one notices. A missed plain-language STOP is caught by
//! the patient replying the carrier keyword (which always works), or by
//! staff reading the reply. So a message must *be* a revocation, not merely
//! contain one: `"stop texting me at 6am"` is a complaint about timing,
//! `"When do I stop taking the antibiotic?"` a question. Each file's
//! `[examples]` are checked when it is loaded, so an edit that makes an
//! everyday reply an opt-out is refused at start-up and by `carewire check`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::fold::fold;

/// What a plain-language file can get wrong. The examples a message names
/// are the file's own (operator data, not patients' replies).
#[derive(Debug, thiserror::Error)]
pub enum PlainLanguageError {
    #[error("plain-language file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("plain-language file {path}: {detail}")]
    Invalid { path: PathBuf, detail: String },
    #[error("plain-language file {path}: its example {example:?} {problem}")]
    Example {
        path: PathBuf,
        example: String,
        problem: &'static str,
    },
}

/// One language's file, as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct File {
    max_phrase_words: usize,
    negation_reach: usize,
    filler: Vec<String>,
    request: Vec<String>,
    leading: Vec<String>,
    trailing: Vec<String>,
    bare_stop: Vec<String>,
    negators: Vec<String>,
    stop_words: Vec<String>,
    conditions: Vec<String>,
    reported: Vec<String>,
    jokes: Vec<String>,
    phrases: Vec<String>,
    classes: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    examples: Examples,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct Examples {
    #[serde(default)]
    stop: Vec<String>,
    #[serde(default)]
    not_stop: Vec<String>,
}

/// One position of a phrase: one of the alternatives, or, when optional,
/// nothing.
#[derive(Debug, Clone)]
struct Slot {
    alternatives: Vec<String>,
    optional: bool,
}

/// One language's tables, checked, with its phrases parsed.
#[derive(Debug)]
struct Language {
    words: File,
    phrases: Vec<Vec<Slot>>,
}

/// Every configured language: a reply is a plain-language STOP when it is
/// one in any of them. With none, only carrier keywords count.
#[derive(Debug, Default)]
pub struct PlainLanguage {
    languages: Vec<Language>,
}

impl PlainLanguage {
    /// No plain language: only carrier keywords opt out.
    pub fn none() -> Self {
        Self::default()
    }

    /// Reads and checks the files at `paths`, each against its own
    /// `[examples]`, and every `not_stop` example against all of them
    /// together (one language's phrase must not make another's everyday
    /// reply an opt-out).
    pub fn load(paths: &[PathBuf]) -> Result<Self, PlainLanguageError> {
        let files = paths
            .iter()
            .map(|path| {
                std::fs::read_to_string(path)
                    .map_err(|source| PlainLanguageError::Read {
                        path: path.clone(),
                        source,
                    })
                    .map(|text| (path.as_path(), text))
            })
            .collect::<Result<Vec<_>, _>>()?;
        Self::from_texts(&files)
    }

    /// [`PlainLanguage::load`] from texts already read, each named by the
    /// path it is reported as.
    pub fn from_texts(files: &[(&Path, String)]) -> Result<Self, PlainLanguageError> {
        let mut languages = Vec::new();
        let mut not_stop = Vec::new();
        for (path, text) in files {
            let invalid = |detail: String| PlainLanguageError::Invalid {
                path: path.to_path_buf(),
                detail,
            };
            let mut file: File =
                toml::from_str(text).map_err(|e| invalid(e.message().to_owned()))?;
            let examples = std::mem::take(&mut file.examples);
            let language = Language::new(file).map_err(invalid)?;
            if let Some(example) = examples.stop.iter().find(|e| !language.is_stop(e)) {
                return Err(PlainLanguageError::Example {
                    path: path.to_path_buf(),
                    example: example.clone(),
                    problem: "is listed as a STOP but does not read as one",
                });
            }
            languages.push(language);
            not_stop.extend(examples.not_stop.into_iter().map(|e| (*path, e)));
        }
        let all = Self { languages };
        if let Some((path, example)) = not_stop.into_iter().find(|(_, e)| all.is_stop(e)) {
            return Err(PlainLanguageError::Example {
                path: path.to_path_buf(),
                example,
                problem: "is listed as no STOP but reads as one",
            });
        }
        Ok(all)
    }

    /// Whether the message clearly asks not to be texted any more.
    pub fn is_stop(&self, text: &str) -> bool {
        if self.languages.is_empty() {
            return false;
        }
        let clauses = clauses(&fold(text));
        self.languages.iter().any(|l| l.reads_stop(&clauses))
    }
}

impl Language {
    fn new(file: File) -> Result<Self, String> {
        let tables = [
            ("filler", &file.filler),
            ("request", &file.request),
            ("leading", &file.leading),
            ("trailing", &file.trailing),
            ("bare_stop", &file.bare_stop),
            ("negators", &file.negators),
            ("stop_words", &file.stop_words),
            ("conditions", &file.conditions),
            ("reported", &file.reported),
            ("jokes", &file.jokes),
        ];
        for (name, entries) in tables.into_iter().chain(
            file.classes
                .iter()
                .map(|(name, entries)| (name.as_str(), entries)),
        ) {
            check_entries(name, entries)?;
        }
        if file.max_phrase_words == 0 {
            return Err("max_phrase_words must be at least 1".into());
        }
        let phrases = file
            .phrases
            .iter()
            .map(|phrase| parse_phrase(phrase, &file.classes))
            .collect::<Result<Vec<_>, _>>()?;
        if phrases.is_empty() && file.bare_stop.is_empty() {
            return Err("neither phrases nor bare_stop: it would never find a STOP".into());
        }
        Ok(Self {
            words: file,
            phrases,
        })
    }

    fn is_stop(&self, text: &str) -> bool {
        self.reads_stop(&clauses(&fold(text)))
    }

    fn reads_stop(&self, clauses: &[Clause]) -> bool {
        let kinds: Vec<Kind> = clauses.iter().map(|c| self.kind(c)).collect();
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
                    && (self.vetoes(&clause.words)
                        || (i < first_phrase && self.frames(&clause.words)))
            })
    }

    fn kind(&self, clause: &Clause) -> Kind {
        let (core, requested) = self.strip_filler(&clause.words);
        if core.is_empty() {
            Kind::Filler
        } else if self.is_bare(core) {
            if clause.question {
                Kind::Other
            } else {
                Kind::Bare
            }
        } else if core.len() <= self.words.max_phrase_words
            && (!clause.question || requested)
            && self.phrases.iter().any(|p| matches(p, core))
        {
            Kind::Phrase
        } else {
            Kind::Other
        }
    }

    /// A negation just before a stop word, or a joke.
    fn vetoes(&self, words: &[String]) -> bool {
        let negated_stop = words.iter().enumerate().any(|(i, w)| {
            self.words.negators.contains(w)
                && words[i + 1..]
                    .iter()
                    .take(self.words.negation_reach)
                    .any(|w| self.words.stop_words.contains(w))
        });
        negated_stop || words.iter().any(|w| self.words.jokes.contains(w))
    }

    /// A condition or reported speech, which before a request makes it no
    /// request.
    fn frames(&self, words: &[String]) -> bool {
        words
            .iter()
            .any(|w| self.words.conditions.contains(w) || self.words.reported.contains(w))
    }

    /// The clause without filler at either end, and whether a request
    /// ("can you") was stripped from its front.
    fn strip_filler<'a>(&self, words: &'a [String]) -> (&'a [String], bool) {
        let mut core = words;
        let mut requested = false;
        loop {
            let filler = longest_prefix(core, &[&self.words.filler, &self.words.leading]);
            let request = longest_prefix(core, &[&self.words.request]);
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
        while let Some(n) = longest_suffix(core, &[&self.words.filler, &self.words.trailing]) {
            core = &core[..core.len() - n];
        }
        (core, requested)
    }

    /// Whether the clause is one or more bare STOP-type keywords.
    fn is_bare(&self, mut core: &[String]) -> bool {
        if core.is_empty() {
            return false;
        }
        while !core.is_empty() {
            match longest_prefix(core, &[&self.words.bare_stop]) {
                Some(n) => core = &core[n..],
                None => return false,
            }
        }
        true
    }
}

/// Each entry: words of letters and digits, lowercase, one space apart (as
/// [`clauses`] makes them), so that it can match at all.
fn check_entries(table: &str, entries: &[String]) -> Result<(), String> {
    for entry in entries {
        let words_ok = !entry.is_empty()
            && entry.split(' ').all(|word| {
                !word.is_empty() && word.chars().all(char::is_alphanumeric) && fold(word) == *word
            });
        if !words_ok {
            return Err(format!(
                "{table}: {entry:?} is not lowercase words of letters and digits one space \
                 apart (no apostrophes: \"dont\", not \"don't\")"
            ));
        }
    }
    Ok(())
}

/// A phrase: class names one space apart, `?` after an optional one.
fn parse_phrase(
    phrase: &str,
    classes: &BTreeMap<String, Vec<String>>,
) -> Result<Vec<Slot>, String> {
    let slots = phrase
        .split(' ')
        .map(|name| {
            let (name, optional) = match name.strip_suffix('?') {
                Some(name) => (name, true),
                None => (name, false),
            };
            match classes.get(name) {
                Some(alternatives) if !alternatives.is_empty() => Ok(Slot {
                    alternatives: alternatives.clone(),
                    optional,
                }),
                Some(_) => Err(format!("phrase {phrase:?}: the class {name:?} is empty")),
                None => Err(format!("phrase {phrase:?}: no class {name:?} in [classes]")),
            }
        })
        .collect::<Result<Vec<_>, _>>()?;
    if slots.iter().all(|s| s.optional) {
        return Err(format!(
            "phrase {phrase:?}: every class is optional, so it would match an empty clause"
        ));
    }
    Ok(slots)
}

/// One clause of a message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Clause {
    words: Vec<String>,
    /// It ends with a question mark.
    question: bool,
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

/// Characters that end a clause.
fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | ',' | '!' | '?' | ';' | '\n' | '\r' | '\u{2026}' | '\u{00A1}' | '\u{00BF}'
    )
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

/// The length in words of the longest entry of `tables` that `words` starts
/// with.
fn longest_prefix(words: &[String], tables: &[&[String]]) -> Option<usize> {
    tables
        .iter()
        .flat_map(|t| t.iter())
        .filter_map(|phrase| strip_phrase(words, phrase).map(|rest| words.len() - rest.len()))
        .max()
}

/// The length in words of the longest entry of `tables` that `words` ends
/// with.
fn longest_suffix(words: &[String], tables: &[&[String]]) -> Option<usize> {
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
    (slot.optional && matches(rest, words))
        || slot
            .alternatives
            .iter()
            .filter_map(|alt| strip_phrase(words, alt))
            .any(|after| matches(rest, after))
}

/// The English file of examples/, for tests.
#[cfg(test)]
pub(crate) fn english() -> PlainLanguage {
    let text = include_str!("../../../examples/replies/plain_language.en.toml");
    PlainLanguage::from_texts(&[(Path::new("plain_language.en.toml"), text.to_owned())])
        .expect("the English file is valid")
}

#[cfg(test)]
mod tests;
