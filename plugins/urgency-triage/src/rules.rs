//! The red-flag rules: each has its own code (reason `urgent:<code>`).
//! Patterns are lowercase words; a trailing `*` makes a prefix. To add a
//! rule, add an entry to `RULES` and a test.

use crate::cues::Found;
use crate::pattern::{Matches, PatternId, PatternSet};
use crate::text::Token;

/// How a rule matches.
enum Spec {
    /// Any of the phrases.
    Any(&'static [&'static str]),
    /// One phrase of each list in the same sentence ("pregnant" + "bleeding").
    Both(&'static [&'static str], &'static [&'static str]),
}

const RULES: &[(&str, Spec)] = &[
    (
        "chest_pain",
        Spec::Any(&[
            "chest pain*",
            "chest pressure",
            "chest tight*",
            "pain in my chest",
            "pain in the chest",
            "pressure in my chest",
            "crushing chest",
        ]),
    ),
    (
        "breathing",
        Spec::Any(&[
            "cant breathe",
            "cannot breathe",
            "can not breathe",
            "couldnt breathe",
            "unable to breathe",
            "trouble breathing",
            "difficulty breathing",
            "hard to breathe",
            "struggling to breathe",
            "shortness of breath",
            "short of breath",
            "gasping for air",
        ]),
    ),
    (
        "stroke",
        Spec::Any(&[
            "face drooping",
            "face droop*",
            "facial droop*",
            "drooping face",
            "face is drooping",
            "slurred speech",
            "speech is slurred",
            "slurring",
            "having a stroke",
        ]),
    ),
    (
        "severe_bleeding",
        Spec::Any(&[
            "severe bleeding",
            "heavy bleeding",
            "bleeding heavily",
            "bleeding a lot",
            "uncontrolled bleeding",
            "bleeding wont stop",
            "wont stop bleeding",
            "cant stop bleeding",
            "cant stop the bleeding",
            "bleeding profusely",
            "hemorrhag*",
            "haemorrhag*",
        ]),
    ),
    (
        "anaphylaxis",
        Spec::Any(&[
            "anaphyla*",
            "throat swelling",
            "throat is swelling",
            "throat swell*",
            "throat is closing",
            "throat closing",
            "swollen throat",
            "swelling of the throat",
            "swelling in my throat",
            "tongue swelling",
            "tongue is swelling",
        ]),
    ),
    (
        "overdose",
        Spec::Any(&["overdos*", "took too many pills", "took a whole bottle"]),
    ),
    (
        "self_harm",
        Spec::Any(&[
            "suicid*",
            "kill myself",
            "killing myself",
            "end my life",
            "ending my life",
            "take my own life",
            "want to die",
            "self harm*",
            "selfharm*",
            "hurt myself",
            "hurting myself",
            "cut myself",
            "cutting myself",
        ]),
    ),
    ("seizure", Spec::Any(&["seizure*", "seizing", "convuls*"])),
    ("pregnancy_bleeding", Spec::Both(&["pregnan*"], &["bleed*"])),
    (
        "infant_fever",
        Spec::Both(
            &[
                "infant*",
                "newborn*",
                "baby",
                "babys",
                "day old",
                "days old",
                "week old",
                "weeks old",
                "month old",
                "months old",
            ],
            &["fever*", "febrile"],
        ),
    ),
    (
        "critical_result",
        Spec::Any(&[
            "critical value*",
            "critical result*",
            "critical lab*",
            "critically high",
            "critically low",
            "critically abnormal",
            "panic value*",
        ]),
    ),
];

enum Matcher {
    Any(Vec<PatternId>),
    Both(Vec<PatternId>, Vec<PatternId>),
}

/// A compiled rule.
pub struct Rule {
    /// The rule's code; the reason is `urgent:<code>`.
    pub code: &'static str,
    matcher: Matcher,
}

/// All rules, with their patterns registered in `set`.
pub fn register(set: &mut PatternSet) -> Vec<Rule> {
    RULES
        .iter()
        .map(|(code, spec)| Rule {
            code,
            matcher: match spec {
                Spec::Any(list) => Matcher::Any(set.add_all(list)),
                Spec::Both(a, b) => Matcher::Both(set.add_all(a), set.add_all(b)),
            },
        })
        .collect()
}

impl Rule {
    /// Whether the rule fires: some match is not discounted by a cue.
    pub fn fires(&self, tokens: &[Token], matches: &Matches, cues: &Found<'_>) -> bool {
        match &self.matcher {
            Matcher::Any(ids) => matches.of(ids).into_iter().any(|s| !cues.discounts(s)),
            Matcher::Both(a, b) => {
                let a: Vec<_> = matches
                    .of(a)
                    .into_iter()
                    .filter(|s| !cues.discounts(*s))
                    .collect();
                matches
                    .of(b)
                    .into_iter()
                    .filter(|s| !cues.discounts(*s))
                    .any(|s| {
                        a.iter()
                            .any(|other| tokens[other.start].sentence == tokens[s.start].sentence)
                    })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pattern_is_valid() {
        let mut set = PatternSet::default();
        for (code, spec) in RULES {
            let lists: Vec<&[&str]> = match spec {
                Spec::Any(list) => vec![list],
                Spec::Both(a, b) => vec![a, b],
            };
            for list in lists {
                for pattern in list {
                    assert!(set.add(pattern).is_some(), "{code}: {pattern}");
                }
            }
            assert!(carewire_plugin_sdk::is_code(&format!("urgent:{code}")));
        }
    }
}
