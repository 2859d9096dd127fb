//! carewire phi-redact plugin: replaces the HIPAA Safe Harbor identifiers
//! in the SMS body with kind tokens (`[NAME]`, `[DATE]`, `[PHONE]`, ...), or
//! sends a neutral notice when too little is left. The organisation's own
//! facilities (config `facilities`) are not PHI. See README.md.

pub mod casing;
pub mod config;
pub mod detectors;
pub mod echo;
pub mod finding;
pub mod known;
pub mod lexicon;
/// The words the name detector treats specially, as data: cue words that
/// announce a name (titles, relations, greetings), and words that are never
/// a person's name here even though a census list has them (function words,
/// calendar words, US states, organisation and messaging vocabulary,
/// credentials, street-type abbreviations, drug names), with their flags.
///
/// This module sits below both the lexicon (whose table, written by
/// `build.rs`, stores these flags with each word, `crate::lexicon`) and the
/// name detector (which reads them back,
/// `detectors::name::vocabulary`): it uses neither, so the imports run one
/// way.
pub mod name_vocabulary;
pub mod phonetic;
pub mod profile;
pub mod redact;
pub mod short;
pub mod spelled;
pub mod words;

#[cfg(test)]
mod tests;

use carewire_plugin_sdk::{Kv, Message, Plugin, Verdict};

use crate::config::Config;
use crate::redact::Redactor;

pub struct PhiRedact;

impl Plugin for PhiRedact {
    type Config = Redactor;

    fn configure(config: &str) -> Result<Redactor, String> {
        Redactor::new(Config::parse(config)?)
    }

    fn decide(
        redactor: &Redactor,
        message: &Message,
        _: &dyn Kv,
        now_ms: i64,
    ) -> Result<Verdict, String> {
        Ok(redactor.decide(message, now_ms))
    }
}

carewire_plugin_sdk::plugin!(PhiRedact);
