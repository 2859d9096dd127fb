//! Runs the detectors over a message body and builds the verdict.

use carewire_plugin_sdk::{Channel, Message, Verdict};

use crate::config::Config;
use crate::detectors::name::{NameAnalysis, Names};
use crate::detectors::organisation::Organisation;
use crate::detectors::{self, Detector, Scan};
use crate::finding::{self, Finding, Kind};
use crate::known::Known;
use crate::words;

/// The outcome for one body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Redaction {
    /// The body with every identifier replaced by its token.
    pub text: String,
    /// The kinds found, in `Kind` order, without repeats.
    pub kinds: Vec<Kind>,
}

/// The compiled detectors and the config, built once at init.
pub struct Redactor {
    config: Config,
    organisation: Organisation,
    detectors: Vec<Box<dyn Detector>>,
    /// Runs after the others (its second opinion needs their findings).
    names: Names,
}

impl Redactor {
    /// The rules and the embedded name model.
    pub fn new(config: Config) -> Result<Self, String> {
        Self::with_names(config, Names::new().map_err(str::to_owned)?)
    }

    /// The rules without the name model (what `cargo xtask train phi`
    /// learns beside).
    pub fn rules_only(config: Config) -> Result<Self, String> {
        Self::with_names(config, Names::rules_only())
    }

    fn with_names(config: Config, names: Names) -> Result<Self, String> {
        let internal = |_| "phi-redact: internal pattern error".to_owned();
        let detectors = detectors::all().map_err(internal)?;
        let organisation = Organisation::new(&config.facilities).map_err(internal)?;
        Ok(Self {
            config,
            organisation,
            detectors,
            names,
        })
    }

    /// The words of `body` the name model looks at, with their features
    /// and whether the rules already cover them (for the trainer; no
    /// envelope identifiers).
    pub fn name_candidates(&self, body: &str) -> NameAnalysis {
        self.findings(body, &Known::default(), |scan, findings| {
            let candidates = self.names.candidates(scan, findings);
            NameAnalysis {
                findings: std::mem::take(findings),
                candidates,
            }
        })
    }

    /// Runs every detector over `body`, then `last` (the name detector)
    /// with the findings so far.
    fn findings<R>(
        &self,
        body: &str,
        known: &Known,
        last: impl FnOnce(&Scan<'_>, &mut Vec<Finding>) -> R,
    ) -> R {
        let (profile, lower) = detectors::Profile::with_lower(body);
        let mode = profile.mode;
        let words = words::words_in(body, Some(&lower));
        let streets = self.organisation.streets(body, &words, mode);
        let protected = self.organisation.protected(body, &words, &streets);
        let scan = Scan {
            text: body,
            lower: &lower,
            words: &words,
            known,
            protected: &protected,
            streets: &streets,
            mode,
            profile,
            facility_hosts: &self.organisation.hosts,
            organisation: Some(&self.organisation),
        };
        let mut findings: Vec<Finding> = Vec::new();
        for detector in &self.detectors {
            detector.detect(&scan, &mut findings);
        }
        last(&scan, &mut findings)
    }

    /// Redacts `body`, knowing the envelope's identifiers.
    pub fn redact(&self, body: &str, known: &Known) -> Redaction {
        let findings = self.findings(body, known, |scan, findings| {
            self.names.detect(scan, findings);
            findings.retain(|f| !scan.is_protected(f.start, f.end));
            crate::echo::names_again(scan, findings);
            crate::echo::given_names_before(scan, findings);
            crate::spelled::spelled_names(scan, findings);
            crate::phonetic::letters_before_codes(scan.text, scan.words, findings);
            std::mem::take(findings)
        });
        let mut kinds: Vec<Kind> = findings.iter().map(|f| f.kind).collect();
        kinds.sort();
        kinds.dedup();
        let merged = finding::join_name_particles(body, finding::merge(findings));
        Redaction {
            text: finding::apply(body, &merged),
            kinds,
        }
    }

    /// The verdict for `message`: the redacted SMS body (`phi_redacted`),
    /// the notice when fewer than `min_words` words are left and one of
    /// them may still be an identifier (`phi_notice`, see `short.rs`), or
    /// no change when nothing was found (`phi_none`). Never denies.
    pub fn decide(&self, message: &Message, now_ms: i64) -> Verdict {
        let redaction = self.redact(&message.body, &Known::from_message(message, now_ms));
        let found = !redaction.kinds.is_empty();
        let mut verdict = Verdict::pass().label("phi_found", if found { "yes" } else { "no" });
        if found {
            verdict = verdict.label("phi_kinds", &kinds_label(&redaction.kinds));
        }
        let short = finding::remaining_words(&redaction.text) < self.config.min_words;
        if short && !crate::short::only_plain_words(&redaction.text) {
            return verdict
                .body(Channel::Sms, self.config.notice.as_str())
                .reason("phi_notice");
        }
        if found {
            verdict
                .body(Channel::Sms, redaction.text)
                .reason("phi_redacted")
        } else {
            verdict.reason("phi_none")
        }
    }
}

/// The longest code the host accepts (see wit/README.md, *Codes*).
const MAX_CODE_BYTES: usize = 64;

/// The `phi_kinds` label: the kinds' codes joined by `-`, cut to the kinds
/// that fit in a code, then `more` (a body may hold more kinds than 64
/// bytes name, and a label that is no code fails the whole verdict).
fn kinds_label(kinds: &[Kind]) -> String {
    const MORE: &str = "-more";
    let full = kinds.iter().map(|k| k.code()).collect::<Vec<_>>().join("-");
    if full.len() <= MAX_CODE_BYTES {
        return full;
    }
    let mut label = String::new();
    for code in kinds.iter().map(|k| k.code()) {
        let sep = usize::from(!label.is_empty());
        if label.len() + sep + code.len() + MORE.len() > MAX_CODE_BYTES {
            break;
        }
        if sep == 1 {
            label.push('-');
        }
        label.push_str(code);
    }
    label.push_str(MORE);
    label
}
