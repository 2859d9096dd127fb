//! Context that makes a red-flag phrase not count: negation ("denies chest
//! pain"), history ("chest pain last year", "resolved") and instructions
//! ("call us if you have chest pain").

use crate::pattern::{Matches, PatternId, PatternSet, Span};
use crate::text::Token;

/// Clinical-style negations ("denies X or Y") reach this many words forward.
const STRONG_WINDOW: usize = 5;
/// Other negations ("does not have X") reach this many words forward.
const WEAK_WINDOW: usize = 3;

const STRONG_NEGATIONS: &[&str] = &[
    "no", "denies", "denied", "deny", "denying", "without", "negative", "nor",
];

const WEAK_NEGATIONS: &[&str] = &[
    "not", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt",
    "hadnt",
];

/// A negation word followed by one of these does not negate ("no idea
/// why", "no relief from", "not only").
const PSEUDO_NEGATED: &[&str] = &[
    "idea",
    "sure",
    "doubt",
    "only",
    "just",
    "matter",
    "better",
    "improving",
    "improvement",
    "change",
    "relief",
    "help",
    "stopping",
    "stop",
];

/// Past events: a phrase in the same clause does not count.
const HISTORY: &[&str] = &[
    "last year",
    "years ago",
    "in the past",
    "history of",
    "hx of",
    "previously",
    "used to",
    "resolved",
    "no longer",
    "went away",
    "gone now",
    "has passed",
];

/// A resolution later in the same sentence also makes a phrase history
/// ("chest pain on Monday, but it resolved").
const RESOLUTION: &[&str] = &[
    "resolved",
    "went away",
    "gone now",
    "no longer",
    "has passed",
    "is gone",
];

/// Instructions about what to do should a symptom occur; they apply to the
/// rest of their sentence.
const INSTRUCTIONS: &[&str] = &[
    "if you",
    "if your",
    "if they",
    "if he",
    "if she",
    "if there",
    "if any",
    "if the",
    "should you",
    "in case of",
    "watch for",
    "look out for",
    "signs of",
    "warning signs",
];

/// The cue patterns, registered once at init.
#[derive(Debug, Clone)]
pub struct Cues {
    history: Vec<PatternId>,
    resolution: Vec<PatternId>,
    instructions: Vec<PatternId>,
}

/// The cues found in one message.
pub struct Found<'t> {
    tokens: &'t [Token],
    history: Vec<Span>,
    resolution: Vec<Span>,
    instructions: Vec<Span>,
}

impl Cues {
    pub fn register(set: &mut PatternSet) -> Self {
        Self {
            history: set.add_all(HISTORY),
            resolution: set.add_all(RESOLUTION),
            instructions: set.add_all(INSTRUCTIONS),
        }
    }

    pub fn find<'t>(&self, tokens: &'t [Token], matches: &Matches) -> Found<'t> {
        Found {
            tokens,
            history: matches.of(&self.history),
            resolution: matches.of(&self.resolution),
            instructions: matches.of(&self.instructions),
        }
    }
}

impl Found<'_> {
    /// Whether the phrase at `span` is negated, history or an instruction.
    pub fn discounts(&self, span: Span) -> bool {
        self.negated(span) || self.historical(span) || self.instructed(span)
    }

    fn negated(&self, span: Span) -> bool {
        let clause = self.tokens[span.start].clause;
        let first = span.start.saturating_sub(STRONG_WINDOW);
        (first..span.start).any(|i| {
            let word = self.tokens[i].word.as_str();
            let window = if STRONG_NEGATIONS.contains(&word) {
                STRONG_WINDOW
            } else if WEAK_NEGATIONS.contains(&word) {
                WEAK_WINDOW
            } else {
                return false;
            };
            let pseudo = self
                .tokens
                .get(i + 1)
                .is_some_and(|next| PSEUDO_NEGATED.contains(&next.word.as_str()));
            self.tokens[i].clause == clause && span.start - i <= window && !pseudo
        })
    }

    fn historical(&self, span: Span) -> bool {
        let first = &self.tokens[span.start];
        let in_clause = self
            .history
            .iter()
            .any(|h| self.tokens[h.start].clause == first.clause);
        let resolved_later = self
            .resolution
            .iter()
            .any(|r| r.start >= span.end && self.tokens[r.start].sentence == first.sentence);
        in_clause || resolved_later
    }

    fn instructed(&self, span: Span) -> bool {
        let sentence = self.tokens[span.start].sentence;
        self.instructions
            .iter()
            .any(|i| i.end <= span.start && self.tokens[i.start].sentence == sentence)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::tokenize;

    fn discounted(text: &str, phrase: &str) -> bool {
        let mut set = PatternSet::default();
        let cues = Cues::register(&mut set);
        let phrase = set.add(phrase).expect("valid pattern");
        let tokens = tokenize(text);
        let matches = set.scan(&tokens);
        let found = cues.find(&tokens, &matches);
        let spans = matches.of(&[phrase]);
        assert!(!spans.is_empty(), "phrase not found in {text:?}");
        spans.iter().all(|s| found.discounts(*s))
    }

    #[test]
    fn negation_reaches_a_few_words_within_the_clause() {
        assert!(discounted("Patient denies chest pain.", "chest pain"));
        assert!(discounted("I do not have chest pain", "chest pain"));
        assert!(!discounted(
            "No fever, but chest pain since noon",
            "chest pain"
        ));
        assert!(discounted(
            "Denies chest pain or shortness of breath",
            "shortness of breath"
        ));
        assert!(!discounted(
            "No idea why I have had this chest pain",
            "chest pain"
        ));
        assert!(!discounted("No relief from the chest pain", "chest pain"));
        assert!(!discounted(
            "I don't feel well and chest pain",
            "chest pain"
        ));
    }

    #[test]
    fn history_and_resolution() {
        assert!(discounted("Chest pain last year, gone now.", "chest pain"));
        assert!(discounted("History of seizures.", "seizure*"));
        assert!(discounted(
            "Had chest pain Monday, it resolved.",
            "chest pain"
        ));
        assert!(!discounted("Resolved rash. Now chest pain.", "chest pain"));
    }

    #[test]
    fn instructions() {
        assert!(discounted("Call us if you have chest pain.", "chest pain"));
        assert!(discounted(
            "If you develop a fever, chest pain or cough, call 911.",
            "chest pain"
        ));
        assert!(!discounted(
            "If you can, call me back. I have chest pain.",
            "chest pain"
        ));
    }
}
