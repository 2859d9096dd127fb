//! Context that makes a red-flag mention not count:
//! - negation ("denies chest pain", "no fever, chills or chest pain");
//! - history ("chest pain last year", "used to self harm as a teen");
//! - resolution later in the sentence ("chest pain went away"), unless
//!   itself negated ("hasn't gone away");
//! - conditionals and instructions ("call us if you get chest pain",
//!   "watch for signs of a stroke");
//! - education questions ("can anxiety cause chest pain?") and questions
//!   about someone outside the household ("my coworker had a seizure
//!   last week, what should we do?"), unless the message says something
//!   is happening now.
//!
//! Each cue is scoped to its sentence or clause, so "no fever, but chest
//! pain" and "if you can, call me. my chest hurts" still count.

use crate::pattern::{Matches, PatternId, PatternSet, Span};
use crate::text::{CLAUSE_WORDS, NumberKind, Text};

/// Clinical-style negations ("denies X, Y or Z") reach this many words.
const STRONG_WINDOW: usize = 6;
/// Other negations ("does not have X") reach this many words.
const WEAK_WINDOW: usize = 3;

const STRONG_NEGATIONS: &[&str] = &[
    "no", "denies", "denied", "deny", "denying", "without", "negative", "nor", "free",
];

const WEAK_NEGATIONS: &[&str] = &[
    "not", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt",
    "hadnt", "aint", "neither", "never",
];

/// A negation followed by one of these does not negate what follows ("no
/// idea why", "no relief from", "not sure", "no one would care").
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
    "helping",
    "stopping",
    "stop",
    "one",
    "able",
    "going",
    "getting",
    "working",
    "responding",
    "waking",
    "breathing",
    "moving",
    "making",
    "answering",
    "fade",
    "fading",
    "gone",
    "go",
    "even",
    "normal",
    "right",
    "much",
    "sleeping",
];

/// Words before a resolution that undo it ("hasn't gone away").
const PERSISTENCE: &[&str] = &[
    "not", "isnt", "wont", "hasnt", "havent", "didnt", "doesnt", "never", "arent", "wasnt",
    "werent", "cant", "still", "no", "if", "until", "unless", "whether",
];

/// Past events: a mention in the same clause, near it, does not count.
const HISTORY: &[&str] = &[
    "last year|month|summer|winter|spring|fall|autumn|christmas|thanksgiving|decade|week|weekend",
    "always|chronic|chronically",
    "years|months|yrs|decades ..1 ago",
    "a ..1 year|month|decade ..1 ago",
    "# ..1 years|months|yrs|year|month ..1 ago|back",
    "in the past",
    "history ..1 of",
    "hx|h_o",
    "previously|previous|prior",
    "used to",
    "as a teen|teenager|kid|child|baby|toddler|student|young",
    "when ..1 i|she|he|they|we ..1 was|were ..2 younger|young|little|small|kid|child|baby|teen|teenager|toddler|pregnant|in|#",
    "back in|when",
    "years back|earlier",
    "long_time_ago|long_ago|while_ago|while_back",
    "in ..1 high_school|college|middle_school",
    "childhood",
    "my|her|his|last|previous|prior|other|first ..1 pregnancy",
    "old ..1 injury",
];

/// History cues that count only right after the mention ("suicidal
/// before").
const HISTORY_RIGHT_AFTER: &[&str] = &["before", "once", "in the past"];

/// Cues that an event goes on ("since last year", "started last week"):
/// they cancel a history cue they precede.
const ONGOING: &[&str] = &[
    "since",
    "ever since",
    "started|starting|began|begun",
    "for the ..1 past|last",
    "in the past ..1 few|couple|# ..1 hour|hours|day|days|minutes|night",
    "in the past ..1 hour|hours|day|days|minutes|night|24|48",
    "still",
    "again",
];

/// Resolution of what was mentioned before it in the sentence.
const RESOLUTION: &[&str] = &[
    "resolved",
    "went away",
    "gone away",
    "has|have|had ..1 gone",
    "is|are|its|was|all ..1 gone",
    "gone now",
    "has passed",
    "it passed",
    "cleared|cleared_up|clearing_up",
    "better|fine|ok|okay|good|normal|gone|over now",
    "back to normal",
    "all better",
    "much better",
    "feeling|feel|feels|felt|doing|doin ..1 better|fine|great|ok|okay|good|well",
    "disappeared|subsided|healed|improved|settled",
    "stopped|stoped",
    "under control",
    "went|calmed down",
    "no problems|issues|episodes|symptoms ..1 since",
    "havent|hasnt ..2 had ..2 since",
    "no longer",
    "hasnt|havent come back",
    "not since",
    "was|were ..1 normal|fine|nothing|benign",
    "for ..1 years|months|decades",
    "been ..1 like ..1 that|this ..2 years|months|forever|ages",
];

/// A cue after a resolution that undoes it ("went away but came back").
const RECURRENCE: &[&str] = &[
    "came_back|coming_back|comes_back|returned|back_again|started_again|again_now|its_back",
    "but_now|now_its",
    "worse",
];

/// Resolution before the mention ("got rid of the chest pain").
const RESOLVED_BEFORE: &[&str] = &["got rid of", "recovered from", "over the", "cured"];

/// Conditionals and instructions: they apply to what follows in their
/// sentence ("call 911 if you have chest pain").
const CONDITIONAL: &[&str] = &[
    "if",
    "in case",
    "should you|symptoms|this|it|they|he|she|your|any",
    "watch|look ..1 out ..1 for",
    "watch for",
    "signs|sign|symptoms|symptom|sx ..1 of|like|include|including",
    "warning signs",
    "such as",
    "things like",
    "seek ..3 care|help|attention|treatment ..3 for|if|with",
    "call|dial ..1 911|us|me|your|the ..3 for|with|about",
    "go ..3 er|emergency|hospital ..2 for|with",
    "report ..2 any",
    "let us know ..2 about|of",
    "what to do ..1 about|for|with|when|during",
    "how to ..1 use|treat|recognize|spot|tell|handle|prevent|avoid|help|give|respond|manage",
    "when to",
    "to_prevent|prevention_of|prevent_a|prevent_an",
    "risk|risks|chance|chances|odds ..1 of|for",
    "side effect*",
    "information|info ..1 about|on",
    "class ..1 on|about",
    "whenever",
    "unless",
    "including|includes",
    "questions|question ..1 about|on|regarding",
];

/// Uses of "if" and friends that are not conditionals ("not sure if this
/// is a stroke", "as if my chest is in a vice").
const NOT_CONDITIONAL: &[&str] = &[
    "not sure if|whether",
    "dont know if|whether",
    "unsure if|whether",
    "wondering if|whether",
    "wonder if",
    "see if",
    "ask if",
    "check if",
    "even if",
    "as if",
    "if so",
    "only if",
    "what if",
    "idk if",
];

/// A first-person report after a conditional ends its reach ("if you can
/// call me back i have chest pain").
const RESETS: &[&str] = &[
    "i have|had|got|feel|think|cant|am|just|was|keep",
    "im|ive|my",
    "right_now|currently",
    "he|she|they ..1 is|has|cant|keeps",
    "hes|shes|theyre",
];

/// Words that make a sentence a question even without `?`.
const QUESTION: &[&str] = &[
    "how ..1 do|does|can|would|should|will|long|often|much|soon|likely|serious|dangerous|bad",
    "what ..1 is|are|does|do|should|would|can|causes|cause|happens|if|to",
    "whats",
    "when ..1 should|do|does|is|can|to|will",
    "why ..1 do|does|is|am|would|would",
    "is|are ..1 it|there|this|that",
    "can|could ..1 i|you|a|an|it|someone|people|kids|this|that|stress|anxiety",
    "should ..1 i|we|my",
    "do ..1 i|you|we",
    "does ..1 it|this|that|my",
    "would|will ..1 it|this|i",
];

/// Generic frames: with a question they make a mention education.
const GENERIC: &[&str] = &[
    "signs|symptoms|sign|symptom ..1 of",
    "warning signs",
    "how ..2 know|tell ..1 if|when|whether",
    "when ..1 should|do|to ..2 worry|go|call|take|bring|seek|need|come",
    "what ..1 causes|cause",
    "can|could|does|do|will ..4 cause|causes|lead|trigger",
    "side effect*",
    "risk|risks|chance|chances|odds",
    "prevent*",
    "normal ..1 for|to",
    "is it ..1 normal|common|possible|safe|ok|okay|dangerous|serious|bad",
    "common ..1 for|in|after|with",
    "what ..1 happens",
    "what ..2 do ..1 if|when",
    "what to do",
    "in_general|generally|typically|usually",
    "is there ..1 a|any ..2 test|way|screening|vaccine|medicine|treatment",
    "explain|difference_between|mean|means",
    "what is ..1 a|an",
    "whats ..1 a|an",
    "how common",
    "how ..1 serious|dangerous",
    "how ..1 long|soon|often|many|much",
    "can|could|does|do|will ..1 a|an|babies|kids|children|people|adults|someone|anyone|you ..3 get|have|catch|develop|cause|be",
    "can|may|should ..1 i|we|he|she|they ..2 drive|fly|exercise|work|travel|swim|drink|eat|shower|return|go_back",
];

/// Message-wide cues that questions are for learning, not a report.
const EDUCATION: &[&str] = &[
    "curious",
    "prepared",
    "future reference",
    "in general",
    "hypothetically|hypothetical",
    "for a ..1 class|project|paper|report|school",
    "for school",
    "learn ..1 more|about",
    "learning about",
    "read ..1 that|about|an|online",
    "heard ..1 that|about",
    "saw ..1 on|online|that",
    "article|pamphlet|handout|brochure|video",
    "just wondering",
    "screening|questionnaire|survey|phq*",
    "how often have you",
];

/// Message-wide cues that something is happening now: they keep
/// education and third-party questions counting.
const PRESENT: &[&str] = &[
    "right_now|currently|at_the_moment|rn",
    "now",
    "im|i_am|ive_been|been ..1 having",
    "started|starting|began",
    "worse|worsening",
    "for the ..1 past|last",
    "# ..1 min|mins|minutes|hour|hours|hr|hrs ..1 ago",
    "an|a few|few|couple ..1 min|mins|minutes|hour|hours|hr|hrs ..1 ago",
    "this morning|afternoon|evening",
    "tonight|today",
    "all day|night",
    "keeps|still",
    "wont|cant stop",
];

/// Within a clause: someone there and then, so a third party's event is
/// current ("my coworker is having chest pain").
const PRESENT_IN_CLAUSE: &[&str] =
    &["is|are|isnt|arent|wont|cant|keeps|keep|now|right_now|currently|still|doesnt|cannot|looks"];

/// Cues that using an emergency medicine is happening now.
const RECENT: &[&str] = &[
    "today|tonight|just|now|already|still|currently|again",
    "this ..1 morning|afternoon|evening",
    "# ..1 min|mins|minutes|hour|hours|hr|hrs|times",
    "an|a few|few|couple ..1 min|mins|minutes|hour|hours|hr|hrs",
    "ago",
];

/// The cue patterns, registered once at init.
#[derive(Debug, Clone)]
pub struct Cues {
    history: Vec<PatternId>,
    history_right_after: Vec<PatternId>,
    ongoing: Vec<PatternId>,
    resolution: Vec<PatternId>,
    recurrence: Vec<PatternId>,
    resolved_before: Vec<PatternId>,
    conditional: Vec<PatternId>,
    not_conditional: Vec<PatternId>,
    resets: Vec<PatternId>,
    question: Vec<PatternId>,
    generic: Vec<PatternId>,
    education: Vec<PatternId>,
    present: Vec<PatternId>,
    present_in_clause: Vec<PatternId>,
    third_party: Vec<PatternId>,
    refill: Vec<PatternId>,
    recent: Vec<PatternId>,
}

/// The cues found in one message.
pub struct Found<'t> {
    text: &'t Text,
    history: Vec<Span>,
    history_right_after: Vec<Span>,
    ongoing: Vec<Span>,
    resolution: Vec<Span>,
    recurrence: Vec<Span>,
    resolved_before: Vec<Span>,
    conditional: Vec<Span>,
    resets: Vec<Span>,
    /// Per sentence: a question.
    question: Vec<bool>,
    /// Per sentence: a generic frame.
    generic: Vec<bool>,
    /// Per sentence: a third party.
    third_party: Vec<bool>,
    present_in_clause: Vec<Span>,
    education: bool,
    present: bool,
    any_question: bool,
    /// The message asks for a refill.
    pub refill: bool,
    recent: Vec<Span>,
}

impl Cues {
    pub fn register(set: &mut PatternSet) -> Self {
        Self {
            history: set.add_all(HISTORY),
            history_right_after: set.add_all(HISTORY_RIGHT_AFTER),
            ongoing: set.add_all(ONGOING),
            resolution: set.add_all(RESOLUTION),
            recurrence: set.add_all(RECURRENCE),
            resolved_before: set.add_all(RESOLVED_BEFORE),
            conditional: set.add_all(CONDITIONAL),
            not_conditional: set.add_all(NOT_CONDITIONAL),
            resets: set.add_all(RESETS),
            question: set.add_all(QUESTION),
            generic: set.add_all(GENERIC),
            education: set.add_all(EDUCATION),
            present: set.add_all(PRESENT),
            present_in_clause: set.add_all(PRESENT_IN_CLAUSE),
            third_party: set.add_all(&["@third_party"]),
            refill: set.add_all(&["@refill"]),
            recent: set.add_all(RECENT),
        }
    }

    /// Every pattern list, for validation.
    pub fn all_lists() -> [&'static [&'static str]; 16] {
        [
            HISTORY,
            HISTORY_RIGHT_AFTER,
            ONGOING,
            RESOLUTION,
            RECURRENCE,
            RESOLVED_BEFORE,
            CONDITIONAL,
            NOT_CONDITIONAL,
            RESETS,
            QUESTION,
            GENERIC,
            EDUCATION,
            PRESENT,
            PRESENT_IN_CLAUSE,
            RECENT,
            &["@third_party", "@refill"],
        ]
    }

    pub fn find<'t>(&self, text: &'t Text, matches: &Matches) -> Found<'t> {
        let sentences = text.tokens.last().map_or(0, |t| t.sentence + 1);
        let per_sentence = |ids: &[PatternId]| {
            let mut flags = vec![false; sentences];
            for s in matches.of(ids) {
                flags[text.tokens[s.start].sentence] = true;
            }
            flags
        };
        let mut question = per_sentence(&self.question);
        for (s, q) in question.iter_mut().enumerate() {
            *q |= text.is_question(s);
        }
        // An "if" inside "not sure if" is no conditional.
        let not_conditional = matches.of(&self.not_conditional);
        let conditional = matches
            .of(&self.conditional)
            .into_iter()
            .filter(|c| {
                !not_conditional
                    .iter()
                    .any(|n| n.start <= c.start && c.start < n.end)
            })
            .collect();
        Found {
            text,
            history: matches
                .of(&self.history)
                .into_iter()
                .chain(years(text))
                .collect(),
            history_right_after: matches.of(&self.history_right_after),
            ongoing: matches.of(&self.ongoing),
            resolution: matches.of(&self.resolution),
            recurrence: matches.of(&self.recurrence),
            resolved_before: matches.of(&self.resolved_before),
            conditional,
            resets: matches.of(&self.resets),
            any_question: question.iter().any(|q| *q),
            question,
            generic: per_sentence(&self.generic),
            third_party: per_sentence(&self.third_party),
            present_in_clause: matches.of(&self.present_in_clause),
            education: matches.any(&self.education),
            present: matches.any(&self.present),
            refill: matches.any(&self.refill),
            recent: matches.of(&self.recent),
        }
    }
}

/// Years ("in 2019"): history cues like "last year".
fn years(text: &Text) -> impl Iterator<Item = Span> + '_ {
    text.tokens.iter().enumerate().filter_map(|(i, t)| {
        let n = t.number?;
        let year = n.kind == NumberKind::Plain
            && n.int_digits == 4
            && n.value.fract() == 0.0
            && (1950.0..=2035.0).contains(&n.value);
        year.then_some(Span {
            start: i,
            end: i + 1,
            mask: 1,
        })
    })
}

impl Found<'_> {
    fn word(&self, i: usize) -> &str {
        &self.text.tokens[i].word
    }

    fn sentence(&self, i: usize) -> usize {
        self.text.tokens[i].sentence
    }

    fn clause(&self, i: usize) -> usize {
        self.text.tokens[i].clause
    }

    /// Whether the mention at `span` is negated, past, resolved,
    /// conditional, education or about someone else.
    /// `personal`: a general question does not discount it.
    pub fn discounts(&self, span: Span, personal: bool) -> bool {
        self.negated(span)
            || self.historical(span)
            || self.resolved(span)
            || self.conditional(span)
            || self.generic(span, personal)
            || self.third_party(span)
    }

    /// Whether using an emergency medicine at `span` is a current event:
    /// always outside refill requests, else only with a cue of recency in
    /// its sentence.
    pub fn current_use(&self, span: Span) -> bool {
        !self.refill
            || self
                .recent
                .iter()
                .any(|r| self.sentence(r.start) == self.sentence(span.start))
    }

    fn is_negation(&self, i: usize) -> Option<usize> {
        let word = self.word(i);
        let window = if STRONG_NEGATIONS.contains(&word) {
            STRONG_WINDOW
        } else if WEAK_NEGATIONS.contains(&word) {
            WEAK_WINDOW
        } else {
            return None;
        };
        let pseudo = self
            .text
            .tokens
            .get(i + 1)
            .is_some_and(|next| PSEUDO_NEGATED.contains(&next.word.as_str()));
        (!pseudo).then_some(window)
    }

    fn negated(&self, span: Span) -> bool {
        if span.skipped().any(|i| self.is_negation(i).is_some()) {
            return true;
        }
        let first = span.start.saturating_sub(STRONG_WINDOW);
        (first..span.start).any(|i| {
            let Some(window) = self.is_negation(i) else {
                return false;
            };
            // "never had chest pain this bad" is no negation.
            if self.word(i) == "never" && self.intensified(span) {
                return false;
            }
            if span.start - i > window || self.sentence(i) != self.sentence(span.start) {
                return false;
            }
            if self.clause(i) == self.clause(span.start) {
                return true;
            }
            // A strong negation reaches through a list: "denies chest
            // pain, sob, or dizziness", "no fever, chills or cough".
            let strong = STRONG_NEGATIONS.contains(&self.word(i));
            let end = (span.end + 2).min(self.text.tokens.len());
            let no_clause_word = (i + 1..span.start).all(|k| !CLAUSE_WORDS.contains(&self.word(k)));
            let list = (i + 1..end).any(|k| matches!(self.word(k), "or" | "nor"))
                || matches!(self.word(i), "denies" | "denied" | "negative");
            strong && no_clause_word && list
        })
    }
    /// "this bad", "like this", "so bad", "before" right after a mention.
    fn intensified(&self, span: Span) -> bool {
        let end = (span.end + 3).min(self.text.tokens.len());
        (span.end..end).any(|i| {
            matches!(
                self.word(i),
                "this" | "like" | "so" | "worse" | "as" | "before"
            )
        })
    }

    fn historical(&self, span: Span) -> bool {
        let clause = self.clause(span.start);
        let near = self.history.iter().filter(|h| {
            self.clause(h.start) == clause
                && h.start + 8 >= span.start
                && h.start <= span.end + 6
                && !self.between(**h, span, "now")
                && !self.ongoing_before(**h)
                && !self.recurs_after(**h)
        });
        let right_after = self.history_right_after.iter().filter(|h| {
            self.clause(h.start) == clause && (span.end..=span.end + 1).contains(&h.start)
        });
        near.chain(right_after).next().is_some()
    }

    /// Whether `word` stands between two spans.
    fn between(&self, a: Span, b: Span, word: &str) -> bool {
        let (from, to) = if a.start < b.start {
            (a.end, b.start)
        } else {
            (b.end, a.start)
        };
        (from..to).any(|i| self.word(i) == word)
    }

    /// "since last year", "started last week": the cue is not history.
    fn ongoing_before(&self, history: Span) -> bool {
        self.ongoing.iter().any(|o| {
            self.clause(o.start) == self.clause(history.start)
                && o.start <= history.start
                && history.start <= o.end + 2
        })
    }

    fn resolved(&self, span: Span) -> bool {
        let sentence = self.sentence(span.start);
        let later = self.resolution.iter().any(|r| {
            r.start >= span.end
                && r.start <= span.end + 12
                && self.sentence(r.start) == sentence
                && !self.persists(*r)
                && !self.recurs_after(*r)
        });
        let before = self.resolved_before.iter().any(|r| {
            r.end <= span.start
                && r.end + 4 >= span.start
                && self.clause(r.start) == self.clause(span.start)
        });
        later || before
    }

    /// "hasn't gone away", "still not better": no resolution.
    fn persists(&self, resolution: Span) -> bool {
        let first = resolution.start.saturating_sub(3);
        (first..resolution.start).any(|i| {
            self.sentence(i) == self.sentence(resolution.start)
                && PERSISTENCE.contains(&self.word(i))
        })
    }

    fn recurs_after(&self, resolution: Span) -> bool {
        self.recurrence.iter().any(|r| {
            r.start >= resolution.end && self.sentence(r.start) == self.sentence(resolution.start)
        })
    }

    fn conditional(&self, span: Span) -> bool {
        let sentence = self.sentence(span.start);
        self.conditional.iter().any(|c| {
            c.end <= span.start
                && self.sentence(c.start) == sentence
                && !(c.end..span.start).any(|i| CLAUSE_WORDS.contains(&self.word(i)))
                && !self
                    .resets
                    .iter()
                    .any(|r| r.start >= c.end + 2 && r.end <= span.start)
        })
    }

    /// A question in a generic frame, or in a message for learning; for a
    /// `personal` mention (self-harm) only the latter.
    fn generic(&self, span: Span, personal: bool) -> bool {
        let s = self.sentence(span.start);
        let frame = self.education || (self.generic[s] && !personal);
        self.question[s] && frame && !self.present
    }

    fn third_party(&self, span: Span) -> bool {
        let s = self.sentence(span.start);
        let clause = self.clause(span.start);
        let current = self
            .present_in_clause
            .iter()
            .any(|p| self.clause(p.start) == clause);
        self.third_party[s] && self.any_question && !current && !self.present
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::concepts::CONCEPTS;
    use crate::text::tokenize;

    fn discounted(text: &str, phrase: &str) -> bool {
        let mut set = PatternSet::new(CONCEPTS);
        let cues = Cues::register(&mut set);
        let phrase = set.add(phrase).expect("valid pattern");
        let text = tokenize(text);
        let matches = set.scan(&text.tokens);
        let found = cues.find(&text, &matches);
        let spans = matches.of(&[phrase]);
        assert!(!spans.is_empty(), "phrase not found");
        spans.iter().all(|s| found.discounts(*s, false))
    }

    #[test]
    fn negation_is_scoped() {
        assert!(discounted("Patient denies chest pain.", "chest pain"));
        assert!(discounted("I do not have chest pain", "chest pain"));
        assert!(!discounted(
            "No fever, but chest pain since noon",
            "chest pain"
        ));
        assert!(!discounted("No fever, chest pain since noon", "chest pain"));
        assert!(discounted("No fever, chills or chest pain", "chest pain"));
        assert!(discounted(
            "denies chest pain, sob, or dizziness today",
            "sob"
        ));
        assert!(!discounted(
            "No idea why I have this chest pain",
            "chest pain"
        ));
        assert!(!discounted(
            "no one would care if i was gone",
            "no one ..3 care"
        ));
        assert!(discounted("my chest doesnt hurt", "chest ..3 hurt"));
    }

    #[test]
    fn history_and_resolution() {
        assert!(discounted("Chest pain last year, gone now.", "chest pain"));
        assert!(discounted(
            "my chest pain from last year is gone",
            "chest pain"
        ));
        assert!(discounted("History of seizures.", "seizures"));
        assert!(discounted(
            "Had chest pain Monday, it resolved.",
            "chest pain"
        ));
        assert!(!discounted("Resolved rash. Now chest pain.", "chest pain"));
        assert!(!discounted("chest pain since last year", "chest pain"));
        assert!(!discounted("the chest pain isnt going away", "chest pain"));
        assert!(!discounted("the chest pain hasnt gone away", "chest pain"));
        assert!(!discounted(
            "chest pain went away but came back",
            "chest pain"
        ));
        assert!(discounted("he talked about suicide before", "suicide"));
    }

    #[test]
    fn conditionals_and_instructions() {
        assert!(discounted("Call us if you have chest pain.", "chest pain"));
        assert!(discounted(
            "If you develop a fever, chest pain or cough, call 911.",
            "chest pain"
        ));
        assert!(!discounted(
            "If you can, call me back. I have chest pain.",
            "chest pain"
        ));
        assert!(!discounted(
            "if you can call me back i have chest pain",
            "chest pain"
        ));
        assert!(!discounted("not sure if this is chest pain", "chest pain"));
        assert!(discounted("Watch for signs of a stroke", "stroke"));
    }

    #[test]
    fn questions_about_others_or_in_general() {
        assert!(discounted("can anxiety cause chest pain?", "chest pain"));
        assert!(!discounted(
            "can anxiety cause chest pain? i have it right now",
            "chest pain"
        ));
        assert!(discounted(
            "my coworker had a seizure last week, what should we do?",
            "seizure"
        ));
        assert!(!discounted(
            "my coworker is having a seizure, what should we do?",
            "seizure"
        ));
    }
}
