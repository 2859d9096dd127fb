//! The triage verdict for one message: normalise the text, scan every
//! pattern once, then ask each rule whether an undiscounted sign fired.

use carewire_plugin_sdk::{Channel, Message, Priority, Verdict};

use crate::concept_index::ConceptIndex;
use crate::concepts::CONCEPTS;
use crate::cues::{Cues, Found};
use crate::features::{self, Evidence};
use crate::model::{self, Model};
use crate::pattern::{Matches, PatternId, PatternSet, Span};
use crate::rule_def::{RuleDef, Sign};
use crate::rules::RULES;
use crate::rules_es::RULES_ES;
use crate::spelling::{Known, Speller};
use crate::text::{self, Text};
use crate::vitals::Check;
use std::ops::Range;

/// Words that make the number before them a duration ("2 wks ago",
/// "within 6h"): never a measured value.
const DURATION_UNITS: &[&str] = &[
    "h", "hr", "hrs", "hour", "hours", "min", "mins", "minute", "minutes", "d", "day", "days",
    "wk", "wks", "week", "weeks", "mo", "mos", "month", "months", "yr", "yrs", "year", "years",
    "ago", "dias", "horas", "semanas", "meses", "anos",
];

/// A benign look-alike cancels a sign this many words away (same clause).
const BENIGN_REACH: usize = 4;

/// Extra phrases for a rule, from the plugin's config.
pub struct Extra {
    pub code: String,
    pub patterns: Vec<String>,
}

#[derive(Clone, Copy)]
struct Compiled {
    id: PatternId,
    check: Option<Check>,
}

/// A list of a rule's patterns, with its runs of consecutive ids (a
/// list compiled together is one run): the matches of a run are one
/// slice of the scan's, found by two searches instead of a look-up per
/// pattern.
struct Signs {
    list: Vec<Compiled>,
    /// Each run's ids and the index in `list` of its first.
    runs: Vec<(Range<PatternId>, usize)>,
}

impl Signs {
    fn new(list: Vec<Compiled>) -> Self {
        let mut runs: Vec<(Range<PatternId>, usize)> = Vec::new();
        for (i, sign) in list.iter().enumerate() {
            match runs.last_mut() {
                Some((ids, _)) if ids.end == sign.id => ids.end += 1,
                _ => runs.push((sign.id..sign.id + 1, i)),
            }
        }
        Self { list, runs }
    }

    fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    /// The matches of the list's patterns, each with its pattern, in the
    /// list's order then by start.
    fn matches<'s>(&'s self, matches: &'s Matches) -> impl Iterator<Item = (Compiled, Span)> + 's {
        self.runs.iter().flat_map(move |(ids, first)| {
            let list = &self.list[*first..];
            matches
                .run(ids)
                .iter()
                .map(move |(id, span)| (list[id - ids.start], *span))
        })
    }
}

struct Rule {
    code: String,
    context: Signs,
    signs: Signs,
    benign: Signs,
    raw_context: bool,
    medicine_use: bool,
    personal: bool,
    past_context: bool,
    lasting: bool,
    veto: Signs,
}

/// The compiled rules, cues and speller, built once at init.
pub struct Triage {
    /// The rules' patterns (signs, contexts, look-alikes).
    patterns: PatternSet,
    rules: Vec<Rule>,
    /// By pattern id: the rules it is a sign of.
    sign_of: Vec<Vec<usize>>,
    /// Pattern ids from here on are cues, scanned only when some sign
    /// matched.
    first_cue: PatternId,
    /// The word classes of single words, for the model's features.
    concepts: ConceptIndex,
    cues: Cues,
    speller: Speller,
    /// The learned second opinion (`None` only for the trainer, which
    /// needs the rules alone).
    model: Option<Model<'static>>,
}

/// The reason code of an escalation the model added.
pub const MODEL_CODE: &str = "model";

impl Default for Triage {
    fn default() -> Self {
        Self::new(&[]).unwrap_or_else(|_| unreachable!("the built-in rules are valid"))
    }
}

fn compile(set: &mut PatternSet, signs: &[Sign]) -> Result<Vec<Compiled>, String> {
    signs
        .iter()
        .map(|s| {
            let id = set
                .add(s.text)
                .ok_or_else(|| format!("invalid built-in pattern {:?}", s.text))?;
            Ok(Compiled { id, check: s.check })
        })
        .collect()
}

impl Triage {
    /// The built-in rules plus `extra` phrases (each a pattern, see
    /// `pattern`), for an existing or a new rule code, and the embedded
    /// model.
    pub fn new(extra: &[Extra]) -> Result<Self, String> {
        let mut triage = Self::rules_only(extra)?;
        triage.model = Some(Model::parse(model::EMBEDDED, triage.fingerprint())?);
        Ok(triage)
    }

    /// The rules without the model (what the model is trained beside).
    pub fn rules_only(extra: &[Extra]) -> Result<Self, String> {
        let mut patterns = PatternSet::new(CONCEPTS);
        let mut rules = Vec::with_capacity(RULES.len() + RULES_ES.len() + extra.len());
        for def in RULES.iter().chain(RULES_ES) {
            rules.push(Self::compile_rule(&mut patterns, def)?);
        }
        for e in extra {
            let mut signs = Vec::new();
            for (i, p) in e.patterns.iter().enumerate() {
                let id = patterns
                    .add(p)
                    .ok_or_else(|| format!("extra_terms.{}[{i}] is not a valid pattern", e.code))?;
                signs.push(Compiled { id, check: None });
            }
            rules.push(Rule {
                code: e.code.clone(),
                context: Signs::new(Vec::new()),
                signs: Signs::new(signs),
                benign: Signs::new(Vec::new()),
                raw_context: false,
                medicine_use: false,
                personal: false,
                past_context: false,
                lasting: false,
                veto: Signs::new(Vec::new()),
            });
        }
        // A look-alike of a concept is one for each of its rules ("seizure
        // meds" whatever the wording of the seizure).
        let mut benign_of: Vec<(String, Vec<Compiled>)> = Vec::new();
        for rule in &rules {
            match benign_of.iter_mut().find(|(code, _)| *code == rule.code) {
                Some((_, list)) => list.extend(rule.benign.list.iter().copied()),
                None => benign_of.push((rule.code.clone(), rule.benign.list.clone())),
            }
        }
        for rule in &mut rules {
            if let Some((_, list)) = benign_of.iter().find(|(code, _)| *code == rule.code) {
                rule.benign = Signs::new(list.clone());
            }
        }
        let mut sign_of: Vec<Vec<usize>> = Vec::new();
        for (r, rule) in rules.iter().enumerate() {
            for sign in &rule.signs.list {
                if sign_of.len() <= sign.id {
                    sign_of.resize(sign.id + 1, Vec::new());
                }
                sign_of[sign.id].push(r);
            }
        }
        let targets = patterns.vocabulary().clone();
        let first_cue = patterns.len();
        let cues = Cues::register(&mut patterns);
        let mut concepts = ConceptIndex::new();
        concepts.know_words(patterns.words());
        let mut vocabulary = patterns.vocabulary().clone();
        // (Only words a typo could be taken for: short ones such as "u"
        // are texting shorthands the speller expands.)
        vocabulary.extend(
            crate::cues::listed_words()
                .filter(|w| w.len() >= 4)
                .map(str::to_owned),
        );
        let mut speller = Speller::new(&vocabulary, patterns.prefixes(), &targets);
        speller.know_ids(|word| patterns.word_id(word));
        Ok(Self {
            patterns,
            rules,
            sign_of,
            first_cue,
            concepts,
            cues,
            speller,
            model: None,
        })
    }

    fn compile_rule(set: &mut PatternSet, def: &RuleDef) -> Result<Rule, String> {
        Ok(Rule {
            code: def.code.to_owned(),
            context: Signs::new(compile(set, def.context)?),
            signs: Signs::new(compile(set, def.signs)?),
            benign: Signs::new(compile(set, def.benign)?),
            raw_context: def.raw_context,
            medicine_use: def.medicine_use,
            personal: def.personal,
            past_context: def.past_context,
            lasting: def.lasting,
            veto: Signs::new(compile(set, def.veto)?),
        })
    }

    /// The rule word `word` would be corrected to, were it not a known
    /// real word.
    pub fn typo_target(&self, word: &str) -> Option<String> {
        self.speller.typo_target(word)
    }

    /// The texting shorthands a pattern uses as a word (see
    /// `Speller::shadowed_shorthands`).
    pub fn shadowed_shorthands(&self) -> Vec<&'static str> {
        self.speller.shadowed_shorthands()
    }

    /// The normalised tokens of `body`.
    pub fn text(&self, body: &str) -> Text {
        let mut text = text::tokenize(body);
        text.tokens = self.speller.normalize(std::mem::take(&mut text.tokens));
        text
    }

    /// The codes of the red-flag rules that fire on `body`, in rule order,
    /// without repeats.
    pub fn red_flags(&self, body: &str) -> Vec<&str> {
        self.analyse(body, Want::Rules).0
    }

    /// Each red flag of `body` with the words of the sign that fired it
    /// (for `examples/triage_explain`: which wording a rule answered).
    pub fn red_flag_signs(&self, body: &str) -> Vec<(&str, String)> {
        self.explaining(body, |scope| {
            let mut out: Vec<(&str, String)> = Vec::new();
            for rule in &self.rules {
                if out.iter().any(|(code, _)| *code == rule.code) {
                    continue;
                }
                if let Some(span) = scope.firing_sign(rule, &scope.look_alikes(rule)) {
                    out.push((&rule.code, scope.words(span)));
                }
            }
            out
        })
    }

    /// Each sign of `body` that matched but fired no rule of its code, with
    /// why: a look-alike near it, a discount (negated, past, handled...),
    /// its rule's veto or missing context (for `examples/triage_explain`).
    pub fn held_back(&self, body: &str) -> Vec<(&str, String, &'static str)> {
        self.explaining(body, |scope| {
            let fired: Vec<&str> = self
                .rules
                .iter()
                .filter(|rule| scope.firing_sign(rule, &scope.look_alikes(rule)).is_some())
                .map(|rule| rule.code.as_str())
                .collect();
            let mut out = Vec::new();
            for rule in self
                .rules
                .iter()
                .filter(|r| !fired.contains(&r.code.as_str()))
            {
                let benign = scope.look_alikes(rule);
                for (span, measured) in scope.measured_spans(&rule.signs) {
                    let why = if benign.iter().any(|b| scope.near(b, &span)) {
                        "look-alike"
                    } else if let Some(discount) =
                        scope
                            .found
                            .discount(span, rule.personal, measured, rule.lasting)
                    {
                        discount.name()
                    } else if scope.spans(&rule.veto).next().is_some() {
                        "veto"
                    } else {
                        "context or medicine use"
                    };
                    out.push((rule.code.as_str(), scope.words(span), why));
                }
            }
            out
        })
    }

    /// Runs `explain` on the rules' and the cues' matches in `body` (for
    /// the explaining functions: every pattern scanned, no shortcut).
    fn explaining<R>(&self, body: &str, explain: impl FnOnce(&Scope<'_>) -> R) -> R {
        let text = self.text(body);
        let prepared = self.patterns.prepare(&text.tokens);
        let matches = self.patterns.scan(&prepared);
        let found = self.cues.find(&text, &matches);
        explain(&Scope {
            text: &text,
            matches: &matches,
            found: &found,
        })
    }

    /// The learned model's features of `body`: hashed word and character
    /// n-grams (see `features`), which word classes it mentions, in which
    /// clause together, what discounts them, and which rules nearly fired;
    /// and what its signs say (see `features::evidence`).
    pub fn features(&self, body: &str) -> (Vec<u32>, Evidence) {
        let (_, features, evidence) = self.analyse(body, Want::Features);
        (features, evidence)
    }

    /// A digest of the feature code and the word classes: a model trained
    /// on other features carries another one.
    pub fn fingerprint(&self) -> u32 {
        const PROBE: &str = "My dad's face droops, he can't talk! Tiene 38.5 de fiebre y \
                             no respira bien; nececito ayuda xq el bebé está muy mal. \
                             No chest pain since the ER visit last week? 170/110, SpO2 97%";
        let tables = CONCEPTS
            .iter()
            .flat_map(|table| table.iter())
            .flat_map(|(name, members)| [*name, *members]);
        let probe = format!("{:?} {:?}", self.features(PROBE), features::SIGN_CLASSES);
        features::digest(tables.chain([probe.as_str()]))
    }

    /// The red flags and, when `with_features`, the model's features and
    /// what its signs say.
    fn analyse(&self, body: &str, want: Want) -> (Vec<&str>, Vec<u32>, Evidence) {
        let with_features = want != Want::Rules;
        let mut text = text::tokenize(body);
        let (tokens, known) = self
            .speller
            .normalize_known(std::mem::take(&mut text.tokens));
        text.tokens = tokens;
        // The speller looked each word up already.
        let prepared = self
            .patterns
            .prepare_with(&text.tokens, |i| match known[i] {
                Known::Id(id) => Some(Some(id)),
                Known::NotVocabulary => Some(None),
                Known::Nothing => None,
            });
        // With the features, the cues are always needed: one scan of the
        // rules' and the cues' patterns together (a pattern's matches are
        // the same either way).
        let matches = if with_features {
            self.patterns.scan(&prepared)
        } else {
            self.patterns.scan_range(&prepared, 0..self.first_cue)
        };
        let mut candidates: Vec<usize> = matches
            .ids()
            .take_while(|&id| id < self.first_cue)
            .filter_map(|id| self.sign_of.get(id))
            .flatten()
            .copied()
            .collect();
        if candidates.is_empty() && !with_features {
            return (Vec::new(), Vec::new(), Evidence::Quiet);
        }
        candidates.sort_unstable();
        candidates.dedup();
        let cue_scan = (!with_features).then(|| {
            self.patterns
                .scan_range(&prepared, self.first_cue..self.patterns.len())
        });
        let found = self.cues.find(&text, cue_scan.as_ref().unwrap_or(&matches));
        let scope = Scope {
            text: &text,
            matches: &matches,
            found: &found,
        };
        let mut codes: Vec<&str> = Vec::new();
        let mut near: Vec<&str> = Vec::new();
        let mut look_alike = vec![false; if with_features { text.tokens.len() } else { 0 }];
        for rule in candidates.into_iter().map(|r| &self.rules[r]) {
            if codes.contains(&rule.code.as_str()) {
                continue;
            }
            let benign = scope.look_alikes(rule);
            if scope.firing_sign(rule, &benign).is_some() {
                codes.push(&rule.code);
            } else if with_features {
                scope.mark_look_alikes(rule, &benign, &mut look_alike);
                if !near.contains(&rule.code.as_str()) {
                    near.push(&rule.code);
                }
            }
        }
        near.retain(|code| !codes.contains(code));
        if !with_features || (want == Want::FeaturesIfRoutine && !codes.is_empty()) {
            return (codes, Vec::new(), Evidence::Open);
        }
        let mut mentions: Vec<features::Mention> = Vec::with_capacity(text.tokens.len());
        for (i, token) in text.tokens.iter().enumerate() {
            let span = Span {
                start: i,
                end: i + 1,
                mask: 1,
            };
            let mut discount = None;
            let mut mention = |name| {
                let discount = *discount.get_or_insert_with(|| {
                    found
                        .discount(span, false, false, false)
                        .map(|d| d.name())
                        .or_else(|| reassured(&text, i).then_some("reassured"))
                        .or_else(|| look_alike[i].then_some("look_alike"))
                });
                mentions.push(features::Mention {
                    name,
                    clause: token.clause,
                    discount,
                });
            };
            // A word the patterns use has its classes by id.
            let known = prepared
                .word_id(i)
                .and_then(|id| self.concepts.known_classes(id));
            match known {
                Some(names) => names.iter().for_each(|&name| mention(name)),
                None => self.concepts.classes(&token.word).for_each(mention),
            }
        }
        let mut out = features::Buckets::default();
        features::add_token_features(&text.tokens, &mut out);
        features::value_features(&text.tokens, &mut out);
        features::concept_features(&mentions, &found.flags(), &mut out);
        features::near_miss_features(&near, &mut out);
        let features = if want == Want::Features {
            out.into_sorted()
        } else {
            out.into_distinct()
        };
        (codes, features, features::evidence(&mentions))
    }

    /// The model's logit for `body`, the threshold it must reach and the
    /// evidence that chose that threshold (`None` without a model): what
    /// a false alarm or a miss of the model is made of.
    pub fn model_score(&self, body: &str) -> Option<(f32, f32, Evidence)> {
        let model = self.model?;
        let (_, features, evidence) = self.analyse(body, Want::Features);
        Some((
            model.logit(&features),
            model.thresholds().of(evidence),
            evidence,
        ))
    }

    /// The codes that make `body` urgent: the red flags, else
    /// [`MODEL_CODE`] when the model calls it urgent, else none.
    pub fn codes(&self, body: &str) -> Vec<&str> {
        let Some(model) = self.model else {
            return self.red_flags(body);
        };
        let (flags, features, evidence) = self.analyse(body, Want::FeaturesIfRoutine);
        if flags.is_empty() && model.urgent(&features, evidence) {
            return vec![MODEL_CODE];
        }
        flags
    }

    /// Urgent (label `urgency=urgent`, escalation required, a reason per
    /// cause) when the priority is `stat`, a red flag fires or the model
    /// calls it urgent; otherwise routine. The sender's `urgent` hint is
    /// only labelled.
    pub fn decide(&self, message: &Message) -> Verdict {
        let mut reasons: Vec<String> = Vec::new();
        if message.priority == Priority::Stat {
            reasons.push("urgent_stat_priority".to_owned());
        }
        reasons.extend(
            self.codes(&message.body)
                .into_iter()
                .map(|code| format!("urgent:{code}")),
        );
        let mut verdict = if reasons.is_empty() {
            Verdict::pass()
                .label("urgency", "routine")
                .reason("routine")
        } else {
            let mut v = Verdict::pass()
                .label("urgency", "urgent")
                .require(Channel::Escalation);
            for reason in &reasons {
                v = v.reason(reason);
            }
            v
        };
        if message.priority == Priority::Urgent {
            verdict = verdict.label("priority_hint", "urgent");
        }
        verdict
    }
}

/// Words that say a sign is normal right beside it ("breathing fine",
/// "respira bien", "normal breathing"): for the model, such a mention is
/// discounted like a negated one.
const REASSURING: &[&str] = &[
    "fine",
    "normal",
    "normally",
    "ok",
    "okay",
    "well",
    "good",
    "great",
    "easy",
    "easily",
    "unlabored",
    "comfortably",
    "bien",
    "normalmente",
    "tranquilo",
    "tranquila",
    // Charted findings: "breathing unlabored", "neuro intact", "pain
    // controlled", "sats stable", "lungs clear", "trop neg".
    "stable",
    "unremarkable",
    "wnl",
    "nl",
    "intact",
    "controlled",
    "clear",
    "neg",
    "negative",
    "resolved",
    "estable",
    "controlado",
    "controlada",
    "negativo",
    "negativa",
];

/// Words that undo a reassurance before the mention ("not breathing well",
/// "no respira bien").
const UNDO_REASSURING: &[&str] = &[
    "not", "no", "cant", "cannot", "isnt", "wasnt", "doesnt", "didnt", "hardly", "barely", "nada",
    "tan", "too",
];

/// Whether the mention at token `i` is said to be normal by the word right
/// after it (or "normal" / "good" right before it), in its clause, and
/// nothing just before it undoes that.
fn reassured(text: &Text, i: usize) -> bool {
    let tokens = &text.tokens;
    let clause = tokens[i].clause;
    let word = |j: usize| {
        tokens
            .get(j)
            .filter(|t| t.clause == clause)
            .map(|t| t.word.as_str())
    };
    let after = word(i + 1).is_some_and(|w| REASSURING.contains(&w));
    let before = i > 0
        && word(i - 1)
            .is_some_and(|w| matches!(w, "normal" | "good" | "easy" | "unlabored" | "stable"));
    let undone =
        (1..=2).any(|k| i >= k && word(i - k).is_some_and(|w| UNDO_REASSURING.contains(&w)));
    (after || before) && !undone
}

/// What [`Triage::analyse`] computes besides the red flags.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Nothing.
    Rules,
    /// The model's features and evidence.
    Features,
    /// The features only when no rule fired (the model is asked only
    /// then).
    FeaturesIfRoutine,
}

/// One message's scan, for asking the rules.
struct Scope<'a> {
    text: &'a Text,
    matches: &'a Matches,
    found: &'a Found<'a>,
}

impl Scope<'_> {
    /// The normalised words of `span`, joined by spaces.
    fn words(&self, span: Span) -> String {
        let words: Vec<&str> = self.text.tokens[span.start..span.end]
            .iter()
            .map(|t| t.word.as_str())
            .collect();
        words.join(" ")
    }

    /// The matches of `signs` whose number (if checked) passes.
    fn spans<'s>(&'s self, signs: &'s Signs) -> impl Iterator<Item = Span> + 's {
        self.measured_spans(signs).map(|(span, _)| span)
    }

    /// The matches of `signs` whose number (if checked) passes, each with
    /// whether it is a measured value (a sign with a checked number).
    fn measured_spans<'s>(&'s self, signs: &'s Signs) -> impl Iterator<Item = (Span, bool)> + 's {
        signs
            .matches(self.matches)
            .filter(move |(sign, span)| match sign.check {
                None => true,
                Some(check) => {
                    let tokens = &self.text.tokens;
                    (span.start..span.end)
                        .find(|&i| tokens[i].number.is_some())
                        .is_some_and(|i| {
                            // "lactate within 6h", "Hgb 2 wks ago": a
                            // duration, not the value (unless the sign
                            // itself reads the unit: "5 weeks old").
                            // ("T 39.1, HR 124": a heart rate in the next
                            // clause, or before its own number.)
                            let duration = i + 1 >= span.end
                                && tokens.get(i + 1).is_some_and(|t| {
                                    DURATION_UNITS.contains(&t.word.as_str())
                                        && t.clause == tokens[i].clause
                                        && !(matches!(t.word.as_str(), "hr" | "h")
                                            && tokens
                                                .get(i + 2)
                                                .is_some_and(|n| n.number.is_some()))
                                });
                            !duration && tokens[i].number.is_some_and(|n| check(&n))
                        })
                }
            })
            .map(|(sign, span)| (span, sign.check.is_some()))
    }

    /// The look-alikes of `rule` in the message (none, most often: then
    /// nothing is allocated).
    fn look_alikes(&self, rule: &Rule) -> Vec<Span> {
        self.spans(&rule.benign).collect()
    }

    /// Whether look-alike `b` is near enough to sign `s` to cancel it, and
    /// no new predicate in the present stands between them ("he has a
    /// seizure disorder and is seizing right now").
    fn near(&self, b: &Span, s: &Span) -> bool {
        let clause = |i: usize| self.text.tokens[i].clause;
        clause(b.start) == clause(s.start)
            && b.start <= s.end + BENIGN_REACH
            && s.start <= b.end + BENIGN_REACH
            && !self.present_predicate_between(b, s)
    }

    /// "and is", "but now", "y ahora" between two spans that do not overlap.
    fn present_predicate_between(&self, a: &Span, b: &Span) -> bool {
        let (from, to) = if a.end <= b.start {
            (a.end, b.start)
        } else if b.end <= a.start {
            (b.end, a.start)
        } else {
            return false;
        };
        let word = |i: usize| self.text.tokens.get(i).map_or("", |t| t.word.as_str());
        (from..to).any(|i| {
            matches!(word(i), "and" | "but" | "y" | "pero")
                && matches!(
                    word(i + 1),
                    "is" | "hes"
                        | "shes"
                        | "now"
                        | "still"
                        | "currently"
                        | "keeps"
                        | "esta"
                        | "ahora"
                        | "sigue"
                )
        })
    }

    /// Marks the tokens of `rule`'s signs that a look-alike cancels ("out
    /// of breath from chasing the kids"): for the model, those words are
    /// read and discounted, not open.
    fn mark_look_alikes(&self, rule: &Rule, benign: &[Span], covered: &mut [bool]) {
        if benign.is_empty() {
            return;
        }
        for s in self.spans(&rule.signs) {
            if benign.iter().any(|b| self.near(b, &s)) {
                covered[s.start..s.end].iter_mut().for_each(|c| *c = true);
            }
        }
    }

    /// The first of `rule`'s signs that stands (neither near one of its
    /// look-alikes `benign` nor discounted), when the rule fires.
    fn firing_sign(&self, rule: &Rule, benign: &[Span]) -> Option<Span> {
        // A measured value is a report, not a general question.
        let sign = self
            .measured_spans(&rule.signs)
            .find(|&(s, measured)| {
                !benign.iter().any(|b| self.near(b, &s))
                    && !self
                        .found
                        .discounts_unless(s, rule.personal, measured, rule.lasting)
                    && (!rule.medicine_use || self.found.current_use(s))
            })
            .map(|(s, _)| s)?;
        if self.spans(&rule.veto).next().is_some() {
            return None;
        }
        let context_holds = rule.context.is_empty()
            || self.spans(&rule.context).any(|c| {
                rule.raw_context
                    || if rule.past_context {
                        !self.found.discounts_fact(c)
                    } else {
                        !self.found.discounts(c, rule.personal)
                    }
            });
        context_holds.then_some(sign)
    }
}
