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

use std::cell::Cell;
use std::ops::Range;

use crate::cues_es as es;
use crate::pattern::{Matches, PatternId, PatternSet, Span};
use crate::text::{CLAUSE_WORDS, NumberKind, Text};

/// Clinical-style negations ("denies X, Y or Z") reach this many words.
const STRONG_WINDOW: usize = 6;
/// How far a review's negation ("denies", "neg for") reaches down a list
/// without a clause word.
const REVIEW_WINDOW: usize = 12;

/// The negations that open a charted review of systems.
fn is_review_negation(word: &str) -> bool {
    matches!(
        word,
        "denies" | "denied" | "negative" | "neg" | "niega" | "niegan" | "negativo"
    )
}
/// Words that turn a charted review to what is there ("Denies fever.
/// Reports: CP", "niega fiebre, pero ...").
const REVIEW_TURNS: &[&str] = &[
    "reports", "endorses", "admits", "positive", "but", "however", "except", "refiere", "pero",
    "excepto",
];

/// A charted review opened by its label ("Denies: numbness in groin, loss
/// of bowel control, leg weakness, fever, chills, CP, SOB") denies the
/// rest of its sentence up to a word of [`REVIEW_TURNS`], that word
/// included: one range of tokens per label.
fn review_lists(text: &Text) -> Vec<Range<usize>> {
    let tokens = &text.tokens;
    (0..tokens.len().saturating_sub(1))
        .filter(|&i| {
            is_review_negation(&tokens[i].word) && tokens[i + 1].clause != tokens[i].clause
        })
        .map(|i| {
            let sentence_end = (i + 1..tokens.len())
                .find(|&k| tokens[k].sentence != tokens[i].sentence)
                .unwrap_or(tokens.len());
            let end = (i + 1..sentence_end)
                .find(|&k| REVIEW_TURNS.contains(&tokens[k].word.as_str()))
                .map_or(sentence_end, |k| k + 1);
            i + 1..end
        })
        .collect()
}

/// Other negations ("does not have X") reach this many words.
const WEAK_WINDOW: usize = 3;

const STRONG_NEGATIONS: &[&str] = &[
    "no", "denies", "denied", "deny", "denying", "without", "negative", "neg", "nor", "free", "wo",
    "sin", "niega", "niegan", "nego", "negativo", "negativa",
];

const WEAK_NEGATIONS: &[&str] = &[
    "not", "dont", "doesnt", "didnt", "isnt", "wasnt", "arent", "werent", "havent", "hasnt",
    "hadnt", "aint", "nah", "neither", "never", "non", "nunca", "jamas", "tampoco", "ni",
    "ninguna", "ningun", "ninguno",
];

/// The words the cues read from lists rather than patterns (negations,
/// list and clause words, new subjects): the speller must keep them as
/// written ("Niega dolor de pecho" had become "nieta", a granddaughter,
/// and the denial was lost).
pub fn listed_words() -> impl Iterator<Item = &'static str> {
    [
        STRONG_NEGATIONS,
        WEAK_NEGATIONS,
        LIST_WORDS,
        CONJUNCTIONS,
        NEW_SUBJECT,
        ONSET_WORDS,
    ]
    .into_iter()
    .flatten()
    .copied()
}

/// Bit `c - 'a'` set for the first letter `c` of every negation word.
const NEGATION_INITIALS: u32 = initials(STRONG_NEGATIONS) | initials(WEAK_NEGATIONS);

const fn initials(words: &[&str]) -> u32 {
    let mut bits = 0;
    let mut i = 0;
    while i < words.len() {
        if let Some(&c @ b'a'..=b'z') = words[i].as_bytes().first() {
            bits |= 1 << (c - b'a');
        }
        i += 1;
    }
    bits
}

/// Whether `word` may be in [`STRONG_NEGATIONS`] or [`WEAK_NEGATIONS`]:
/// a quick no for most words, by their first letter.
fn may_be_negation(word: &str) -> bool {
    match word.as_bytes().first() {
        Some(&c @ b'a'..=b'z') => NEGATION_INITIALS & (1 << (c - b'a')) != 0,
        // (A word not starting with a-z is checked in full.)
        _ => true,
    }
}

/// Words that carry a negation on through a list ("no fever, chills or
/// cough", "sin fiebre ni tos").
const LIST_WORDS: &[&str] = &["or", "nor", "ni", "o", "u"];

/// A conjunction followed by one of [`NEW_SUBJECT`] starts a new
/// statement that a negation before it does not reach ("no wet diapers
/// and she is floppy", "no tiene fiebre y ahora no respira").
const CONJUNCTIONS: &[&str] = &["and", "so", "then", "plus", "y", "e", "entonces", "luego"];
const NEW_SUBJECT: &[&str] = &[
    "i", "im", "ive", "he", "hes", "she", "shes", "it", "its", "they", "theyre", "we", "now", "no",
    "not", "is", "was", "has", "keeps", "still", "my", "his", "her", "the", "el", "ella", "yo",
    "ahora", "ahorita", "esta", "tiene", "se", "me", "le", "mi", "su", "sigue", "todavia", "tengo",
    "tienen", "estoy", "estan", "siento", "siente", "escucho", "oigo", "veo", "ve", "hay", "dice",
    "dicen", "puedo", "puede", "quiero", "quiere", "voy", "va", "empece", "empezo", "sigo", "lo",
    "la", "ya",
];

/// Words of an onset or a change, besides [`NOW_WORDS`], that keep a
/// sentence opened by a history cue about now ("Last week she fell and
/// since then she is vomiting").
const ONSET_WORDS: &[&str] = &[
    "suddenly",
    "started",
    "starting",
    "began",
    "again",
    "still",
    "keeps",
    "worse",
    "worsening",
    "since",
    "more",
    "de_repente",
    "empezo",
    "otra",
    "sigue",
    "todavia",
    "peor",
    "desde",
];

/// Words between a history cue and a mention that put the mention in the
/// present ("had a stroke last year and now her face droops").
const NOW_WORDS: &[&str] = &[
    "now",
    // "w/ hx schizophrenia standing on the ledge": what the person is
    // doing ends the history's noun.
    "standing",
    "presenting",
    // "chronic foley, T 102.3, new confusion": what is new is not history.
    "new",
    "today",
    "tonight",
    "currently",
    "ahora",
    "ahorita",
    "hoy",
    "estoy",
    "esta",
    "im",
    "is",
    "are",
    "keeps",
    "still",
    "sigue",
    "todavia",
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
    "werent", "cant", "still", "no", "non", "if", "until", "unless", "whether",
];

/// Past events: a mention in the same clause, near it, does not count.
const HISTORY: &[&str] = &[
    // What someone died of ("the neighbor passed from a heart attack").
    "died|passed_away ..1 from|of",
    "passed ..1 from",
    "last year|month|summer|winter|spring|fall|autumn|christmas|thanksgiving|decade|week|weekend|wk|yr|semester|quarter|term|season",
    "always|chronic|chronically",
    // A habit of the late day, not an event: "gets more confused in the
    // evenings" (sundowning).
    "in_the_evenings|in_the_afternoons|at_sundown|sundowning",
    "in the past",
    // "preeclampsia with my first", "after my first baby I had PPD".
    "with|after ..1 my|her ..1 first|last|previous|older|second ..1 baby|pregnancy|delivery|child|kid|son|daughter|one",
    "history ..1 of",
    // ("no sz hx", a first seizure, is no history: "hx" counts with "of"
    // or as a past medical history.)
    "hx ..1 of|to|significant|includes|notable",
    "pmh|pmhx",
    "previously|previous|prior",
    "used to",
    "as a teen|teenager|kid|child|baby|toddler|student|young",
    "when ..1 i|she|he|they|we ..1 was|were ..2 younger|young|little|small|kid|child|baby|teen|teenager|toddler|pregnant|in|#",
    // "back in 2019", "back when I was pregnant" (not "won't go back in").
    "back ..1 in ..1 #|the|january|february|march|april|june|july|august|september|october|november|december|college|school|high_school|my|our|his|her|those|that",
    "back when",
    // ("back in may": the month, not the modal.)
    "back_in ..1 may",
    "years|decades ..1 ago",
    // Second-language English: "before one month I have chest pain".
    "before #|one|two|three|four|five|six|a|an|many|some ..1 week|weeks|wk|wks|month|months|year|years|yr|yrs",
    "# ..1 years|yrs ..1 ago",
    "years back|earlier",
    "long_time_ago|long_ago|while_ago|while_back",
    "in ..1 high_school|college|middle_school",
    "childhood",
    // "my last pregnancy", not "my pregnancy test" or "my pregnancy is 30 weeks".
    "last|previous|prior|other|first|earlier|older pregnancy|pregnancies",
    "old ..1 injury",
    "in|back_in|last ..1 january|february|march|april|june|july|august|september|october|november|december|jan|feb|apr|jun|jul|aug|sept|oct|nov|dec",
    // A finding dated to a stay or an earlier note: "crushing CP on
    // admission 2d ago", "post-ictal state noted in ED note from 4/2".
    "on|at ..1 admission|admit",
    "in|on|per ..2 ed|er|prior|previous|last|old|earlier ..1 note|notes|chart|record|records",
    "from|of ..1 when ..2 i|he|she|we|they ..1 had|have|has|was|were|went|got",
    // "fainted last Tuesday" (not "last night": that is now).
    "last|this_past ..1 monday|tuesday|wednesday|thursday|friday|saturday|sunday",
    "last|prior|previous ..1 admit|admission|admissions|hospitalization|hospital_stay|stay",
    "nadir",
    "in|on ..2 old ..1 chart|note|notes|record|records",
];

/// A clinician's word that nothing more is needed, said anywhere in the
/// message: "FYI only ... no new orders needed", a discharge summary,
/// poison control's advice to watch at home. It discounts every mention
/// but self-harm's (a `personal` rule).
const HANDLED: &[&str] = &[
    "no ..1 new|further|additional ..1 orders|order|action|intervention|interventions ..1 needed|required|necessary",
    "no ..1 response ..1 needed|required",
    "no ..3 action|actions ..1 needed|required|necessary",
    "no ..1 further ..1 action|actions|intervention|orders",
    "nothing ..2 needed|required ..2 from ..1 us|you|clinic|pcp|provider|our_end",
    // Staff business about emergencies in general, not a patient's now:
    // a quality report, an audit, a teaching notice.
    "bundle ..1 compliance",
    "compliance ..1 rate|rates|dashboard|report|audit|data",
    "dashboard|scorecard|abstractor|abstractors|audit|audits|audited",
    "quality ..1 improvement|dashboard|report|committee|meeting|review",
    "qi ..1 huddle|meeting|project|committee|report|team|review",
    "nurse|clinical ..1 educator",
    "go_live",
    // Staff teaching and notices, about no patient now: "teaching pearl",
    // "in-service today for all CNAs", "agency memo", "critical value list
    // revision", a transfer note from the ICU to the floor.
    "teaching ..1 pearl|pearls",
    "in_service|inservice ..3 today|tomorrow|for|on|at",
    "agency|staff|all_staff|clinic ..1 memo",
    "critical_value|critical_values ..1 list|lists ..1 revision|revised|update|updated",
    "confirmed ..1 received",
    "closing|close|closed ..2 loop",
    "acknowledged ..1 by",
    "was|were|been ..1 acknowledged",
    "poison_control|poison_center ..8 said|says|told|advised ..6 monitor|watch|observe|home|no_tx|no_treatment|nontoxic|non_toxic|not_toxic|fine|ok|okay|safe",
    "poison_control|poison_center ..3 no_tx|no_treatment|nontoxic|non_toxic|not_toxic|no_action",
    "no ..1 action ..1 for ..1 providers|provider|clinicians|clinician|md|mds|you",
    // A critical value already passed on and treated.
    "already ..1 called|phoned|notified|paged|treated|acknowledged",
    // A result taken back, a flag cleared, a charting slip corrected.
    "disregard ..3 earlier|previous|prior|last|that|the|my|this ..2 call|result|results|value|message|report|page|text|alert",
    "please|pls|plz|kindly ..1 disregard",
    "flag|alert|alarm|bpa ..3 can|may|to|should ..1 be ..1 cleared|dismissed|closed|resolved",
    "flag|alert|alarm|bpa|screen ..1 cleared|dismissed|closed|resolved",
    "dictation|transcription|charting|documentation ..1 error|mistake",
    "chart|note|documentation ..1 correction",
];

/// A critical value or reading called and read back to a clinician: the
/// clinician has it. Like `HANDLED`, but not in a message that asks for
/// a call or a look: "New intraparenchymal hemorrhage ... pt on apixaban.
/// Read-back done. Please call rads back" still needs someone now.
const READ_BACK: &[&str] = &[
    "called|phoned|reported|given|notified|paged ..8 with ..1 read ..1 back",
    // (Read back "to" someone named: "who can I give the read-back to?"
    // is still to do.)
    "read|readback ..1 back ..1 by|done|completed|obtained",
    "read|readback ..1 back ..1 to ..2 dr|doctor|rn|nurse|md|np|pa|provider|charge|covering|attending|resident|on_call|oncall|physician",
    // (Not "call back for readback 555-0120": a number to call.)
    "read ..1 back ..2 #|verified|confirmed|done|ok|complete",
    "readback|read_back ..2 verified|confirmed|done|ok|complete",
];

/// A call or a look asked for (see `READ_BACK`).
const ACTION_ASKED: &[&str] = &[
    "please|pls|plz ..2 call|page|contact|see|evaluate",
    "call ..2 rads|radiology|lab|cardiology|the_reader|reading_room|back_today|back_asap|back_now",
    "needs|need ..2 call_back|callback|to_be_called|to_be_seen|to_be_evaluated",
];

/// A message sent to be filed, not acted on: "FYI only", "for your
/// records", a transfer note, a discharge summary. Like `HANDLED`, but only
/// in a message that says nothing is happening now: "FYI for your records,
/// pt now unresponsive after a fall" is an emergency however it is sent.
const NOTED: &[&str] = &[
    "fyi|documentation|for_documentation ..1 only",
    "for ..1 your ..1 records",
    "this ..1 message ..1 documents",
    "transfer ..1 note|summary",
    "discharge|dc ..1 summary|summaries",
];

/// Care already under way elsewhere: someone is in a hospital there, or
/// being seen ("my brother in Mexico had a heart attack, he is in the
/// hospital there and stable", "ya la están atendiendo"). Like `HANDLED`
/// it discounts every mention but self-harm's, and only in a message
/// that says nothing is happening now.
const CARE_UNDER_WAY: &[&str] = &[
    "already ..3 hospital|icu|er|ed|admitted|hospitalized|hospitalised",
    "hospital|icu|er ..1 there|over_there",
    // Someone already in a hospital: "my husband is in the ICU after his
    // heart attack and I'm with him".
    "is|hes|shes|he_is|she_is|still ..1 in ..1 the ..1 icu|ccu|hospital|micu|sicu",
    "they|hospital|er ..1 admitted|kept|hospitalized ..1 him|her|them",
    "theyre|they_are|doctors|nurses|staff ..2 taking_care|treating|caring|looking_after ..1 of|for|him|her|them",
    "being ..1 treated|seen|cared_for|taken_care|looked_after",
    "paramedics|ems|ambulance|medics ..2 checked|saw|evaluated|cleared|looked_at",
    // Advice already given, in its own clause ("called poison control,
    // they said he's fine", "told us to watch him at home").
    // (Said by someone who advises: "she says she's fine" is no advice.)
    "they|poison_control|doctor|dr|nurse|pharmacist|er|hospital ..1 said|say|says|told|advised ..4 hes|shes|its|he_is|she_is|it_is|is|will_be|should_be ..1 fine|ok|okay|safe|nontoxic|non_toxic|not_toxic",
    "they|poison_control|doctor|dr|nurse|pharmacist|er|hospital ..1 said|say|says|told|advised ..3 to ..1 watch|monitor|observe ..3 home|at_home",
];

/// A charted baseline: it dates what follows it closely ("baseline
/// oriented to self only", "baseline sats 88-90%"), unless it is a
/// change from it (see `BASELINE_CHANGE`). Not what precedes it: "AMS
/// baseline A&Ox3" is a change.
const BASELINE: &[&str] = &["baseline|at_baseline"];

/// Words just before "baseline" that make it a change, not a standing
/// state ("more confused than baseline", "not at baseline", "off
/// baseline", "new from baseline").
const BASELINE_CHANGE: &[&str] = &[
    "than",
    "from",
    "off",
    "not",
    "above",
    "below",
    "unlike",
    "vs",
    "versus",
    "beyond",
    "past",
    "compared",
    "changed",
    "change",
    "worse",
    "isnt",
    "wasnt",
    "no_longer",
];

/// Visits already made (an emergency visit, a discharge): a mention in the
/// same clause is past ("went to the ER Saturday for chest pain").
const SEEN: &[&str] = &[
    // (Not "they said go to the ER": an instruction.)
    "went|been|was|were|took|taken|brought|rushed|visited|had_to_go ..3 er|ed|emergency|hospital|urgent_care|a_e",
    // Second-language English's present for the past: "Sunday I go to ER".
    "sunday|monday|tuesday|wednesday|thursday|friday|saturday|yesterday|last_night|last_week ..2 i|we|he|she|they ..1 go ..3 er|ed|emergency|hospital|urgent_care",
    "er|ed|emergency_room|emergency_department|hospital|urgent_care ..1 visit|trip|stay|saturday|sunday|monday|tuesday|wednesday|thursday|friday|overnight|discharge",
    "discharged|released",
    "sent ..1 home",
    "ed|er ..1 dc|discharge",
    // "d/c today after NSTEMI s/p PCI": a stay over.
    "dc|discharged ..2 today|yesterday|home ..2 after|following|post",
    "sp ..2 er|ed|visit|admission|hospitalization|ed_visit",
    "admitted|hospitalized ..3 last|in|for ..3 week|month|year|january|february|march|april|june|july|august|september|october|november|december",
    "was|were|got ..1 hospitalized|admitted ..2 for",
];

/// History cues that date what comes before them ("a seizure 2 years
/// ago"), not what follows ("gave birth 2 weeks ago and now ...").
const HISTORY_AFTER: &[&str] = &[
    "years|months|yrs|decades ..1 ago",
    // "his asthma attack in May": a month dates the event.
    "in|last|this_past ..1 january|february|march|april|may|june|july|august|september|october|november|december",
    "a ..1 year|month|decade ..1 ago",
    "# ..1 years|months|yrs|year|month|mo|mos|mths ..1 ago|back",
    // "after an overdose last week".
    "last ..1 week|month|year|weekend|summer|winter|spring|fall",
];

/// History cues that count only right after the mention ("suicidal
/// before").
const HISTORY_RIGHT_AFTER: &[&str] = &[
    "before",
    "once",
    "in the past",
    "with ..1 my|her ..1 first",
    // "passed out two weeks ago", "last seizure was 14 months ago" (right
    // after only: "had my baby 3 weeks ago and I keep having thoughts"
    // dates the birth, "the bulge is back where they fixed my hernia 2
    // weeks ago" the repair).
    "#|one|two|three|four|five|six|seven|eight|few|several|couple weeks|wks|months ago",
];

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
    // "chest pain gone since march".
    "gone|free|resolved ..1 since",
    "has passed",
    "it passed",
    "cleared|cleared_up|clearing_up",
    // Tests after the event found nothing: "everything checked out ok".
    "checked_out ..1 ok|okay|fine|normal|good|clean",
    "everything|all|it ..1 checked_out",
    "better|fine|ok|okay|good|normal|gone|over now",
    // Second-language English: "they give medicine and now baby fine".
    "now ..2 baby|he|she|hes|shes|is|its ..1 fine|ok|okay|better|normal",
    "better|improved|improving ..1 since|with|after",
    // A standing state, not a new one: "confused as usual today", "no
    // different than normal", "feels same as always".
    "as ..1 usual|always",
    "like ..1 always|usual",
    "same ..1 as ..1 always|usual|normal|ever",
    // "short of breath lying flat, same as it's been since the fall",
    // "a 1 min seizure, typical for her".
    "same ..1 as ..2 been|before",
    "typical|usual|normal|baseline ..1 for ..1 her|him|them|me",
    "no ..1 different ..2 than|from ..1 normal|usual|always|baseline",
    "back to normal",
    "back ..1 to ..2 baseline",
    // Food dislodged: "CNA did Heimlich, food came out".
    "food|meat|piece|object|bone|chip|candy|grape|coin ..1 came|popped ..1 out|up",
    "dislodged",
    // "then gasps and is fine".
    "and|then ..1 is|was|shes|hes|seems ..1 fine|okay|totally_fine|completely_fine",
    // "goes away after i shower": a pattern that settles by itself.
    // (Not "don't go away when I press a glass on them", nor "never goes
    // away when pressed".)
    "goes ..1 away ..2 after|on_its_own|by_itself",
    "came|popped ..1 right ..1 out|up",
    "breathing|respirando ..1 normal|normally|fine|easy|easily",
    // Something choked on, brought up: "coughed it up herself".
    "coughed|spit|spat|threw ..1 it|them|the_piece|the_food ..1 up|out",
    // A rhythm back to normal: "converted to SR 80s by 0330".
    "converted|conversion ..2 to|back_to ..1 sr|nsr|sinus|normal_sinus",
    "all better",
    "much better",
    "feeling|feel|feels|felt|doing|doin ..1 better|fine|great|ok|okay|good|well",
    "disappeared|subsided|healed|improved|settled",
    // "gone about 20 min later", "went away after an hour".
    "gone|faded|cleared ..4 later|after",
    "stopped",
    "under control",
    "controlled|well_controlled",
    "none|nothing ..1 today|now|currently|since|at_present|recently",
    "went|calmed down",
    "no problems|issues|episodes|symptoms ..1 since",
    // "fine since then", "todo bien desde entonces".
    "fine|ok|okay|good|normal ..1 since_then|ever_since|since",
    "todo|toda ..1 bien|normal ..1 desde",
    // Charting: "no sx since", "CP free x48h", "asymptomatic since", "now recovered".
    "no ..1 sx|sxs|recurrence|events|complaints ..1 since",
    "free|asymptomatic|asx ..2 since|x|for|now|today",
    "recovered",
    "havent|hasnt ..2 had ..2 since",
    "no longer",
    "nothing ..1 happened",
    // "still has some weakness on her left side, nothing new", "not new".
    "nothing ..1 new",
    "not|isnt ..1 new",
    "been ..1 stable|well",
    "hasnt|havent come back",
    "not since",
    "was|were ..1 normal|fine|nothing|benign",
    "for ..1 years|months|decades",
    "been ..1 like ..1 that|this ..2 years|months|forever|ages",
    "said|told|realized|realised ..3 it_was|its|it_is|was_just|was_only|it_was_just|was_from|was_due",
    // Thought so by someone who examined it ("the ER thought it was
    // reflux"), not by the patient: "thought it was indigestion" comes
    // before many a heart attack.
    "doctor|dr|doc|they|er|ed|cardiologist|cardiology|nurse|np|pa|urgent_care ..1 thought ..3 it_was|its|it_is|was_just|was_only|it_was_just|was_from|was_due",
    "turned|turns ..1 out",
    // A rhythm that stopped by itself: "SVT ... self terminated, now NSR".
    "self ..1 terminated|terminating|limited|resolved|converted",
    "ended|wound ..1 up ..1 being",
    "dx|diagnosed",
    "all ..2 tests|labs|workup|bloodwork|scans|results ..2 normal|fine|negative|neg|clear|good",
    "workup|troponin|trop|tests|ekg|ecg|ct|cta|mri|mra|lp|dimer|d_dimer|echo ..2 neg|negative|normal|unremarkable",
    "neg|negative|normal|unremarkable ..1 workup|troponin|trop|ekg|ecg|ct|cta|mri|mra|lp|dimer|d_dimer|echo",
    "ruled ..1 out",
    "error|erroneous|spurious|clotted|contaminated|contaminant|dilution",
    // Neurological checks that stay the same: "stroke pt ... neuro checks
    // q4 stable, NIHSS unchanged".
    "neuro_checks|neuro_check|neuro_exam|neurochecks|nihss ..3 stable|unchanged|intact|nonfocal|non_focal",
    "been|was|were|has_been|have_been|felt|feeling ..1 fine|ok|okay|good|normal|great ..1 since|ever_since|since_then",
    "fine|ok|okay|good|normal ..1 since|ever_since|since_then",
    "came|come|comes ..1 back ..1 fine|normal|negative|clear|ok|good",
    "coughed|spit|spat|threw ..2 it|them ..1 out|up ..2 right_away|quickly|fine|immediately",
    "ro",
    // Charted teaching after the mention: "anaphylaxis action plan reviewed
    // w/ mom", "stroke teaching done", "verbalized understanding".
    "action_plan|teaching|teach_back|education ..2 reviewed|done|given|provided|completed|reinforced|updated",
    "verbalized|verbalizes|verbalize ..1 understanding",
    // "coughed it right out and has been totally fine".
    "has|have|had ..1 been ..1 totally|completely|perfectly|absolutely ..1 fine|normal|ok|okay|well",
    "now ..4 i_am|im|she_is|shes|he_is|hes ..1 good|fine|well|okay|ok|stable",
    // A slow change told as such: "getting worse slowly over the last
    // year, nothing sudden".
    "nothing ..1 sudden",
    "slowly|gradually ..4 over ..2 the ..1 last|past ..1 year|years|months|# ..1 months|years",
    // "SpO2 dip to 89, came right up w repositioning", "his home baseline".
    "came|come|comes|bounced|went ..1 right ..1 up|back",
    // "cancelled after exam, sx were from hypoglycemia".
    "sx|sxs|symptoms|deficits|it ..1 were|was ..1 from|due_to|secondary_to",
    "home ..1 baseline",
    // "pink and fine right after".
    "fine|ok|okay|normal|pink ..1 right_after|afterwards|after_that|right_away",
    // "dizzy for an hour then fine", "totally normal today".
    "then ..1 fine|ok|okay|better|normal",
    "totally|completely|perfectly ..1 normal|fine ..1 today|now",
    // "EKG and bloodwork were all fine".
    "ekg|ecg|bloodwork|labs|tests|workup|ct|xray|x_ray|scan|scans ..3 all ..1 fine|normal|ok|okay|clear|good|negative",
    // "troponinas neg x2, EKG sin cambios".
    "troponin|troponins|trops|troponina|troponinas ..1 neg|negative|negativa|negativas|normal|normales",
    "ekg|ecg|electro ..1 sin ..1 cambios",
];

/// "Was fine" that dates an onset, not a resolution ("he was fine an
/// hour ago", "estaba bien en la mañana").
const NOT_RESOLUTION: &[&str] = &[
    // The patient's own word that all is well, the classic denial: "fainted
    // ... but she says she's ok", "he says he feels fine, just clumsy".
    "says|said|insists|insisted|claims|claimed|swears|keeps_saying|dice|dijo ..3 shes|hes|she_is|he_is|esta|ella_esta|el_esta ..1 ok|okay|fine|alright|bien",
    "says|said|insists|insisted|claims|claimed|swears|keeps_saying ..2 he|she|they ..1 feels|feel|felt|is|was ..1 fine|ok|okay|alright|good",
    // What a food held, not how things ended: "a cookie that turned out
    // to have walnuts in it".
    "turned ..1 out ..2 have|had|has|contain|contained|contains|include|included",
    // A usual state denied: "she's not reacting to me like usual".
    "not|isnt|arent|doesnt|dont|wasnt|no ..4 like|as ..1 usual|always|normal",
    // Relief that comes with rest is a pattern, not an end: "se me quita
    // si me siento", "goes away when I sit down" (angina on effort).
    "se ..1 me|le ..1 quita|pasa|calma ..1 si|cuando|al ..2 siento|sentarme|sentarse|siente|sienta|descanso|descansar|descansa|paro|pararme|reposo|acuesto",
    "goes|go|went|gone ..1 away ..1 when|if|once|after ..2 i|he|she|they ..1 rest|rests|rested|sit|sits|sat|stop|stops|stopped",
    "se_siente|me_siento|siente|siento|feels|feel|felt ..1 bien|muy|super ..1 weak|debil|mal|malo|mala|sick|tired|sleepy|cansado|cansada|enfermo|enferma|dormido|dormida|raro|rara|confused|confundido|confundida|weird|off|strange|funny|shaky|dizzy|mareado|mareada",
    "said|told|thought|realized|realised ..3 it_was|its|was|it_is|era|es ..1 critical|serious|dangerous|urgent|an_emergency|very|bad|not_normal|abnormal|critico|critica|grave|urgente|peligroso|peligrosa|emergencia|muy",
    "dijo|dijeron ..4 que ..1 era|es|esta ..1 critico|critica|grave|urgente|peligroso|peligrosa|emergencia|muy",
    "was|were|been|seemed|looked ..1 fine|normal|ok|okay|alright|well|good|perfectly|totally|baseline|at_baseline ..4 ago|at|this_morning|earlier|yesterday|when|until|till|before|this_afternoon|last_night|an_hour|#|breakfast|lunch|dinner|ayer|anoche|hace",
    "estaba|estaban|estuvo ..1 bien|normal|perfecto|perfectamente ..4 hace|en|esta|ayer|antes|hasta|cuando|#|la_manana",
    // The time first: "this morning he was fine", "en la mañana estaba bien".
    "this_morning|this_am|this_afternoon|earlier|earlier_today|yesterday|last_night|at_breakfast|at_lunch|at_dinner|this_evening ..3 was|were ..1 fine|normal|ok|okay|alright|baseline|at_baseline|herself|himself",
    "en_la_manana|esta_manana|en_la_tarde|ayer|anoche|hace_rato|al_desayunar|en_el_desayuno ..3 estaba|estaban|estuvo ..1 bien|normal|perfecto|perfectamente",
    // "not able to breath good since one hour": an adverb, not a
    // recovery.
    "breath|breathe|breathing|walk|walking|sleep|sleeping|see|seeing|hear|talk|talking|eat|eating|move|moving good|well|fine|ok|okay|normal|right",
    // "ya le pasó tres veces hoy": it happened again, it did not pass.
    "ya ..2 paso|pasaron ..2 #|dos|tres|cuatro|varias|muchas|otra ..1 veces|vez",
    // "ya se fue de la casa": someone left for somewhere, not a sign that
    // went away ("ya se fue el dolor").
    "ya ..2 fue ..1 de|a|al|para|con|hacia|en|por",
    // "infusion stopped, IM epi given": a treatment stopped, not a sign.
    "infusion|transfusion|drip|pump|feeds|feeding|tube_feeds|med|meds ..1 stopped|held|paused|off",
    // "ya lo pensé bien": a decision made, not "ya estoy bien".
    "ya ..1 lo ..1 pense|decidi|planee|medite ..1 bien",
];

/// Paperwork about an event (a bill, records, a form, an appointment): a
/// mention next to it is not a report of the event now ("the ER bill for
/// my chest pain", "la cita de seguimiento del dolor de pecho").
const ADMIN: &[&str] = &[
    "note|letter|excuse ..2 for ..1 work|school|my_boss|my_job|employer|the_gym",
    "fmla",
    // "the diagnosis code on my EOB says poisoning".
    "eob",
    "diagnosis|billing|icd ..1 code|codes",
    // Hospice: vital signs of dying are expected ("actively dying ... comfort
    // care only, no distress").
    "actively ..1 dying",
    "comfort ..1 care|measures ..1 only",
    "disability ..1 paperwork|form|forms|letter",
    "bill|billing|billed|charged|charge|charges|insurance|claim|copay|invoice|records|report|copy|paperwork|form|forms|letter|fax|faxed|appointment|appt|appointments|schedule|reschedule|rescheduled|follow_up|followup|summary|receipt|statement|cardiologist|cardiology|neurologist|neurology|allergist|pulmonologist",
    "cobro|cobraron|cobran|cuenta|factura|seguro|papel|papeles|carta|reporte|copia|formulario|cita|seguimiento|expediente|constancia|recibo|cardiologo|cardiologa|neurologo|neurologa|alergologo|discapacidad|incapacidad",
];

/// A cue after a resolution that undoes it ("went away but came back").
const RECURRENCE: &[&str] = &[
    "came_back|coming_back|comes_back|returned|back_again|started_again|again_now|its_back",
    // "passed out a few weeks ago and again today".
    "again ..1 today|tonight|this_morning|this_afternoon|this_evening|just_now|right_now",
    "happened|happening|did_it ..1 again",
    // "thought it was gas but it won't go away", "pensé que era gas pero
    // no se quita".
    "but|pero ..2 not|wont|isnt|doesnt|no ..2 going|go|gone|se ..1 away|quita|va|pasa",
    "but_now|now_its",
    // "a little better now but still feel off": not over.
    "but|pero ..1 still|sigo|sigue|todavia",
    // "a bit better now but not back to normal".
    "not|isnt|no ..1 back ..1 to ..1 normal|baseline|herself|himself",
    "not|isnt ..1 completely|fully|all_the_way ..1 better|gone|back",
    "worse",
    // "it started around lunch and it hasn't really gone away".
    "hasnt|havent|didnt|hadnt ..2 gone|go|went ..1 away",
];

/// A person back from somewhere, not a sign come back: "sent to the ER
/// Tuesday for chest pain, returned Thursday with new orders".
const PERSON_RETURNED: &[&str] = &[
    "returned|came_back ..3 from|home|to_the|to_facility|to_the_facility|to_the_unit|to_floor",
    "returned|came_back ..3 with ..4 orders|order|rx|prescription|script|meds|medication|medications|mg|paperwork|discharge|instructions|dx|diagnosis",
];

/// Resolution before the mention ("got rid of the chest pain").
const RESOLVED_BEFORE: &[&str] = &[
    "got rid of",
    "recovered from",
    "over the",
    "cured",
    "no_longer|not_anymore ..2 having|have|has|get|getting|gets ..1 thoughts|urges|ideas ..1 of|about",
];

/// Conditionals and instructions: they apply to what follows in their
/// sentence ("call 911 if you have chest pain").
const CONDITIONAL: &[&str] = &[
    "if",
    "unless",
    "in case",
    "should you|symptoms|this|it|they|he|she|your|any",
    "watch|look ..1 out ..1 for",
    "watch for",
    "signs|sign|symptoms|symptom|sx ..1 of|like|include|including|includes",
    // "The signs are ..." teaches; "my symptoms are ..." reports.
    "signs|sign ..1 are|is",
    "warning signs",
    "such as",
    "things like",
    "seek ..3 care|help|attention|treatment ..3 for|if|with",
    "call|dial ..1 911|us|me|your|the ..3 for|with|about",
    "go ..3 er|emergency|hospital ..2 for|with",
    "return|come_back|head ..3 er|ed|emergency|hospital|urgent_care ..2 for|if|with",
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
    // Charted teaching: "pt educated on hypoglycemia sx (shaky, sweaty,
    // confused)", "reviewed s/sx of stroke w/ spouse".
    "educated|taught|teaching|counseled|counselled ..2 on|about|re|regarding|s_sx|signs|warning",
    // What a leaflet or a site says is read, not had: "the vaccine info
    // sheet says rare seizures". (Not a label: "label says antifreeze"
    // names what was drunk.)
    "leaflet|insert|pamphlet|handout|brochure|sheet|website|site|article|folleto|instructivo|internet|google ..2 says|said|lists|listed|mentions|mentioned|warns|dice|decia|menciona",
    // "knows to call for temp >= 100.4": a return precaution taught.
    "knows|know|knew|told|instructed|advised|reminded|understands ..2 to ..1 call|return|come_back|seek|go",
];

/// Uses of "if" and friends that are not conditionals ("not sure if this
/// is a stroke", "as if my chest is in a vice").
/// A negation word these make part of a complaint, not a negation of
/// what follows ("no idea why", "didn't help, now my chest hurts").
const NOT_NEGATION: &[&str] = &[
    "no ..1 idea|clue",
    // "no pienso en otra cosa que...", "no dejo de pensar en...": an
    // obsession, not a denial.
    "no ..3 otra ..1 cosa",
    "no ..2 dejo|puedo_dejar|dejar ..1 de ..1 pensar",
    "cant ..1 stop ..1 thinking",
    // "sigo sin aire": still without air, a complaint.
    "sigo|sigue|seguimos|estoy|esta|me_quede|me_quedo|quedo|quede ..1 sin ..1 aire|respirar|poder_respirar",
    // "not able to breathe" is a complaint, not a denial.
    "not|isnt|arent|wasnt ..1 able",
    // "can't lie down without feeling like I'm drowning" asserts the drowning.
    "cant|couldnt ..5 without",
    "not ..1 sure|certain",
    "dont|didnt|do_not ..1 know",
    "didnt|doesnt|dont|not|isnt|wont|hasnt|havent|cant|arent|wasnt ..2 stop|stopping|stopped|help|helping|helped|work|working|worked|improve|improving|improved|go_away|going_away|gone_away|let_up|letting_up|come_down|go_down|come_up|go_up|wake|waking|respond|responding|answer|answering|move|moving|breathe|breathing|quit|ease|easing|budge|touching|touch|go_back|going_back|go_in|push_back|pushed_back",
    "no ..1 relief|change|improvement|response|better|help",
    // "how many would it take to not wake up": the wish, not a denial.
    "to ..1 not|never ..1 wake ..1 up",
];

const NOT_CONDITIONAL: &[&str] = &[
    // "if i took all my pills would it kill me": the question is the intent.
    "if ..8 would|will|could ..2 it|that|they|this ..1 kill ..1 me",
    // "if you lift his arm it just stays up there": what happens, seen.
    "if ..2 you ..1 lift|move|raise|put ..6 stays|stay",
    "not sure if|whether",
    "dont know if|whether",
    "unsure if|whether",
    "wondering if|whether",
    "wonder if",
    "see if",
    "ask|asking if|whether",
    "check if",
    "even if",
    "as if",
    "if so",
    "only if",
    // "what if it's a stroke?" asks about now; "what if my baby gets a
    // fever after shots" imagines.
    "what if ..2 its|it_is|this_is|that_is|im|i_am|hes|he_is|shes|she_is|theyre|they_are|is|was|has_been|have_been",
    "idk if",
    "bad|ok|okay|normal|dangerous|safe|fine|serious ..1 if",
    // A call received, not one to make: "got a call from the lab about my
    // bloodwork, sodium 118".
    "got|get|gotten|had|received|missed|returned ..2 call|calls ..3 from|about",
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

/// Not knowing, before an asking word: the words after it are a report
/// ("i dont know how long she was on the floor"), not a question.
const NOT_QUESTION: &[&str] = &[
    "dont|do_not|didnt|did_not|doesnt|cant|not|unsure|idk|no_idea ..2 know|sure|idea|remember|tell ..1 how|what|when|why|where",
    // Charted unknowns too: "unsure how long she was down".
    "idk|dunno|no_idea|unsure|unclear|unknown ..1 how|what|when|why|where",
    // A relative clause, not a question: "4x what it should be".
    "what ..2 it|they|he|she|its ..1 should|supposed|was_supposed|is_supposed ..1 be|to_be",
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
    "wants|want|wanted ..1 to ..1 know",
    // A question reported: "my sister asked why ...".
    "asked|asking|asks ..1 why|what|how|whether",
    "wonder|wondering",
    "quiere|queria|queremos ..1 saber",
];

/// Generic frames: with a question they make a mention education.
const GENERIC: &[&str] = &[
    "signs|symptoms|sign|symptom ..1 of|de",
    "warning signs",
    "how ..2 know|tell ..1 if|when|whether|si|the_difference",
    "tell ..4 apart|from",
    "difference|differences ..1 between",
    "when ..1 should|do|to ..2 worry|go|call|take|bring|seek|need|come",
    "when ..1 am|are|is ..2 supposed|meant ..1 to ..1 call|worry|go|come|seek",
    "what ..1 causes|cause",
    "what|which ..1 temperature|temp|number|reading|level|degree",
    "at ..1 what ..1 temp|temperature|point|number|level|age",
    "considered|counts_as|count_as ..2 a ..1 fever",
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
    "what ..4 look|looks|feel|feels|sound|sounds ..1 like",
    "why ..8 big_deal|dangerous|serious|worrying|important",
    "is ..1 it ..1 true",
    // "is fainting dangerous?", "are seizures genetic?".
    "is|are ..2 dangerous|contagious|genetic|hereditary",
    "help|helps|work|works ..2 during|for|with",
    "how ..1 do ..1 i|you|we ..1 take|check|measure|tell|know",
    "why ..1 do|does|is|are|would|can",
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
    "learn|learning ..2 to|how",
    "for ..3 class|course|training|project|homework|assignment|presentation",
    "peer ..1 counselor|counseling|support",
    "read ..1 that|about|an|online",
    // "I read in the paper that women have different heart attack symptoms".
    "read|saw ..3 in ..2 paper|newspaper|magazine|news|book|journal",
    // "Is a-fib the same as a heart attack?"
    "same ..1 as|thing_as",
    "read|saw|heard|looked ..3 internet|google|online|tiktok|youtube|facebook|instagram|article|news",
    "watched|watching|watch|saw|seen ..2 a|an|the ..1 show|documentary|video|episode|movie ..1 about|on",
    "heard ..1 that|about",
    "saw ..1 on|online|that",
    "article|pamphlet|handout|brochure|video|leaflet|info_sheet|information_sheet|fact_sheet|vis",
    "just wondering",
    // Telling terms apart, planning for a someday, a story on a screen.
    "difference|diff ..2 between",
    // "am i at risk", "is she at higher risk".
    "am|are|is ..2 at ..1 risk|higher_risk|increased_risk|high_risk",
    "planning|plan ..1 ahead",
    "in|on ..1 the|a|this ..1 show|movie|episode|series|soap|novel",
    "screening|questionnaire|survey|phq*",
    // "how do I take a rectal temp on a newborn".
    "how ..2 do|should|to ..1 i|we|you ..1 take|check|measure ..3 temp|temps|temperature",
    "how often have you",
    // "writing a paper on carbon monoxide poisoning", a class taught: "I
    // teach the babysitting class ... we cover choking, burns".
    "paper|essay|thesis|report|project|presentation|assignment ..4 on|about",
    "teach|teaching|taught|instructor ..4 class|classes|course|training|certification|workshop",
    "we ..1 cover|teach|review|go_over|talk_about",
    "i ..1 teach|taught",
    // "What does too much bleeding after a tonsillectomy look like?"
    "what ..1 does|do|would|should ..6 look ..1 like",
];

/// Message-wide cues that something is happening now: they keep
/// education and third-party questions counting.
const PRESENT: &[&str] = &[
    "right_now|currently|at_the_moment|rn",
    // Staff writing about the practice's own patient: "She's your pt".
    "your ..1 pt|patient|pts|patients",
    "now",
    "im|i_am|ive_been|been ..1 having",
    "started|starting|began",
    "worse|worsening",
    "for the ..1 past|last",
    "# ..1 min|mins|minutes|hour|hours|hr|hrs ..1 ago",
    "an|a few|few|couple ..1 min|mins|minutes|hour|hours|hr|hrs ..1 ago",
    // A charted duration: "nausea x 40 min".
    "x ..1 # ..1 min|mins|minutes|hour|hours|hr|hrs",
    "this morning|afternoon|evening",
    "tonight|today",
    "all day|night",
    "keeps|still",
    // A person's state now: "hes acting really sleepy", "shes looking gray".
    "hes|shes|theyre|he_is|she_is|they_are ..1 acting|looking|getting|seeming|turning",
    "wont|cant stop",
    // A sign that persists: "is it bad if her fever won't go down".
    "wont|doesnt|isnt|not ..1 go|come|going|coming ..1 down|away",
    // Panic, not a question: "I don't know what to do, he's not breathing".
    "dont|do_not|idk ..1 know ..1 what ..1 to ..1 do",
    "idk ..1 what ..1 to ..1 do",
    // A plea about someone there: "my friend took a bunch of xanax what
    // do i do" ("what do I do if ..." is still a conditional).
    "what ..1 do ..1 i|we ..1 do",
    "asking ..1 for ..1 me|myself",
    // The act asked about is done: "is it ok to take 30 of my sleeping
    // pills? I just did".
    "i ..1 just|already ..1 did",
    "its|it_is|this_is ..1 actually ..1 me|about_me",
    "what ..1 should|can|do ..1 i|we ..1 do ..1 now|rn|right_now",
    // Help on its way is an emergency under way ("EpiPen given, EMS en
    // route").
    "en_route|enroute|on_the_way|on_their_way|on_its_way",
    "just ..1 texted|snapchatted|messaged|called|sent|said|told|posted|found|took|swallowed|fell|collapsed",
];

/// Within a clause: someone there and then, so a third party's event is
/// current ("my coworker is having chest pain").
const PRESENT_IN_CLAUSE: &[&str] = &[
    "is|are|isnt|arent|wont|cant|keeps|keep|now|right_now|currently|still|doesnt|looks|shes|hes|theyre",
];

/// Cues that using an emergency medicine is happening now.
const RECENT: &[&str] = &[
    "today|tonight|just|now|already|still|currently|again",
    "this ..1 morning|afternoon|evening",
    "# ..1 min|mins|minutes|hour|hours|hr|hrs|times",
    "an|a few|few|couple ..1 min|mins|minutes|hour|hours|hr|hrs",
    "ago",
];

/// The writer saying a question "about someone" is about themself ("asking
/// for me", "jk it's me"): no hypothesis, no third party.
const DISCLOSED: &[&str] = &[
    "asking ..1 for ..1 me|myself",
    "its|it_is|this_is ..1 actually ..1 me|about_me",
    "jk|lol|ok|okay ..1 its ..1 me",
    "talking ..1 about ..1 me|myself",
];

/// A past that is hours old ("last night", "yesterday"): for a lasting
/// harm (a poisoning) it is no history.
const RECENT_PAST: &[&str] = &[
    "yesterday",
    "last ..1 night|evening",
    "this ..1 morning|afternoon|am",
    "# ..1 hour|hours|hr|hrs ..1 ago",
    "earlier ..1 today",
];

/// The cue patterns, registered once at init.
#[derive(Debug, Clone)]
pub struct Cues {
    history: Range<PatternId>,
    history_after: Range<PatternId>,
    baseline: Range<PatternId>,
    history_right_after: Range<PatternId>,
    seen: Range<PatternId>,
    ongoing: Range<PatternId>,
    resolution: Range<PatternId>,
    recurrence: Range<PatternId>,
    resolved_before: Range<PatternId>,
    conditional: Range<PatternId>,
    not_conditional: Range<PatternId>,
    disclosed: Range<PatternId>,
    recent_past: Range<PatternId>,
    not_question: Range<PatternId>,
    handled: Range<PatternId>,
    noted: Range<PatternId>,
    read_back: Range<PatternId>,
    action_asked: Range<PatternId>,
    care_under_way: Range<PatternId>,
    resets: Range<PatternId>,
    question: Range<PatternId>,
    generic: Range<PatternId>,
    education: Range<PatternId>,
    present: Range<PatternId>,
    present_in_clause: Range<PatternId>,
    third_party: Range<PatternId>,
    refill: Range<PatternId>,
    recent: Range<PatternId>,
    not_negation: Range<PatternId>,
    not_resolution: Range<PatternId>,
    person_returned: Range<PatternId>,
    admin: Range<PatternId>,
}

/// Why a mention does not count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Discount {
    Negated,
    Past,
    Resolved,
    Conditional,
    Education,
    ThirdParty,
    Paperwork,
    Handled,
}

impl Discount {
    /// A short name, for the model's features.
    pub fn name(self) -> &'static str {
        match self {
            Discount::Negated => "negated",
            Discount::Past => "past",
            Discount::Resolved => "resolved",
            Discount::Conditional => "conditional",
            Discount::Education => "education",
            Discount::ThirdParty => "third_party",
            Discount::Paperwork => "paperwork",
            Discount::Handled => "handled",
        }
    }
}

/// [`Found::negation_memo`]: not asked yet, no negation, or the window
/// plus 2.
const NOT_DECIDED: u8 = 0;
const NO_NEGATION: u8 = 1;

/// The cues found in one message.
pub struct Found<'t> {
    text: &'t Text,
    /// By token: [`Found::is_negation`] once decided ([`NOT_DECIDED`],
    /// [`NO_NEGATION`] or its window plus 2); mentions ask about the same
    /// words many times.
    negation_memo: Vec<Cell<u8>>,
    /// Charted reviews opened by their label (see [`review_lists`]): the
    /// tokens each denies, found once for the message.
    review_lists: Vec<Range<usize>>,
    history: Vec<Span>,
    history_after: Vec<Span>,
    /// Charted baselines (not a change from one).
    baseline: Vec<Span>,
    history_right_after: Vec<Span>,
    ongoing: Vec<Span>,
    resolution: Vec<Span>,
    recurrence: Vec<Span>,
    resolved_before: Vec<Span>,
    conditional: Vec<Span>,
    resets: Vec<Span>,
    /// Hours-old pasts ("last night").
    recent_past: Vec<Span>,
    /// Per sentence: a question.
    question: Vec<bool>,
    /// Per sentence: a generic frame.
    generic: Vec<bool>,
    /// Per sentence: a third party.
    third_party: Vec<bool>,
    /// The clauses naming a third party.
    third_party_clauses: Vec<usize>,
    present_in_clause: Vec<Span>,
    /// Where a learning frame stands ("read about", "for a class").
    education: Vec<Span>,
    present: bool,
    /// A clinician said nothing more is needed (see `HANDLED`).
    handled: bool,
    /// Care is under way elsewhere (see `CARE_UNDER_WAY`).
    care_under_way: bool,
    any_question: bool,
    /// The message asks for a refill.
    pub refill: bool,
    recent: Vec<Span>,
    /// Negation words that are part of a complaint.
    not_negation: Vec<Span>,
    admin: Vec<Span>,
}

impl Cues {
    pub fn register(set: &mut PatternSet) -> Self {
        // Patterns added together have consecutive ids.
        let mut both = |en: &[&str], es: &[&str]| {
            let start = set.len();
            set.add_all(en);
            set.add_all(es);
            start..set.len()
        };
        Self {
            history: both(HISTORY, es::HISTORY),
            baseline: both(BASELINE, &[]),
            history_after: both(HISTORY_AFTER, es::HISTORY_AFTER),
            history_right_after: both(HISTORY_RIGHT_AFTER, es::HISTORY_RIGHT_AFTER),
            seen: both(SEEN, es::SEEN),
            ongoing: both(ONGOING, es::ONGOING),
            resolution: both(RESOLUTION, es::RESOLUTION),
            recurrence: both(RECURRENCE, es::RECURRENCE),
            resolved_before: both(RESOLVED_BEFORE, es::RESOLVED_BEFORE),
            conditional: both(CONDITIONAL, es::CONDITIONAL),
            not_conditional: both(NOT_CONDITIONAL, es::NOT_CONDITIONAL),
            disclosed: both(DISCLOSED, es::DISCLOSED),
            recent_past: both(RECENT_PAST, es::RECENT_PAST),
            not_question: both(NOT_QUESTION, es::NOT_QUESTION),
            handled: both(HANDLED, &[]),
            noted: both(NOTED, &[]),
            read_back: both(READ_BACK, &[]),
            action_asked: both(ACTION_ASKED, &[]),
            care_under_way: both(CARE_UNDER_WAY, es::CARE_UNDER_WAY),
            resets: both(RESETS, es::RESETS),
            question: both(QUESTION, es::QUESTION),
            generic: both(GENERIC, es::GENERIC),
            education: both(EDUCATION, es::EDUCATION),
            present: both(PRESENT, es::PRESENT),
            present_in_clause: both(PRESENT_IN_CLAUSE, es::PRESENT_IN_CLAUSE),
            third_party: both(&["@third_party"], &[]),
            refill: both(&["@refill"], &[]),
            recent: both(RECENT, es::RECENT),
            not_negation: both(NOT_NEGATION, es::NOT_NEGATION),
            not_resolution: both(NOT_RESOLUTION, &[]),
            person_returned: both(PERSON_RETURNED, &[]),
            admin: both(ADMIN, &[]),
        }
    }

    /// Every pattern list, for validation.
    pub fn all_lists() -> Vec<&'static [&'static str]> {
        vec![
            HISTORY,
            BASELINE,
            HISTORY_AFTER,
            HISTORY_RIGHT_AFTER,
            SEEN,
            ONGOING,
            RESOLUTION,
            RECURRENCE,
            RESOLVED_BEFORE,
            CONDITIONAL,
            NOT_CONDITIONAL,
            DISCLOSED,
            RECENT_PAST,
            NOT_QUESTION,
            HANDLED,
            RESETS,
            QUESTION,
            GENERIC,
            EDUCATION,
            PRESENT,
            PRESENT_IN_CLAUSE,
            RECENT,
            NOT_NEGATION,
            NOT_RESOLUTION,
            ADMIN,
            &["@third_party", "@refill"],
            es::HISTORY,
            es::HISTORY_AFTER,
            es::HISTORY_RIGHT_AFTER,
            es::SEEN,
            es::ONGOING,
            es::RESOLUTION,
            es::RECURRENCE,
            es::RESOLVED_BEFORE,
            es::CONDITIONAL,
            es::NOT_CONDITIONAL,
            es::DISCLOSED,
            es::RECENT_PAST,
            es::NOT_QUESTION,
            es::RESETS,
            es::QUESTION,
            es::GENERIC,
            es::EDUCATION,
            es::PRESENT,
            es::PRESENT_IN_CLAUSE,
            es::RECENT,
            es::NOT_NEGATION,
        ]
    }

    pub fn find<'t>(&self, text: &'t Text, matches: &Matches) -> Found<'t> {
        let sentences = text.tokens.last().map_or(0, |t| t.sentence + 1);
        // "I don't know how long she was there": an asking word inside a
        // report of not knowing asks nothing.
        let not_question = matches.of_range(&self.not_question);
        // The sentences holding a match of `ids` that `keep` keeps.
        let sentences_with = |ids: &Range<PatternId>, keep: &dyn Fn(Span) -> bool| {
            let mut flags = vec![false; sentences];
            for s in matches.of_range(ids).into_iter().filter(|s| keep(*s)) {
                flags[text.tokens[s.start].sentence] = true;
            }
            flags
        };
        let not_simile = |m: Span| {
            m.start == 0
                || !matches!(
                    text.tokens[m.start - 1].word.as_str(),
                    "like" | "if" | "though" | "si"
                )
        };
        let per_sentence = |ids: &Range<PatternId>| {
            sentences_with(ids, &|s| {
                !not_question
                    .iter()
                    .any(|n| n.start < s.start && s.start < n.end)
            })
        };
        let mut question = per_sentence(&self.question);
        for (s, q) in question.iter_mut().enumerate() {
            *q |= text.is_question(s);
        }
        // An "if" inside "not sure if" is no conditional.
        let not_conditional = matches.of_range(&self.not_conditional);
        // "hypothetically, if someone ... asking for me": no hypothesis.
        let disclosed = matches.any_range(&self.disclosed);
        let conditional = matches
            .of_range(&self.conditional)
            .into_iter()
            .filter(|c| {
                !disclosed
                    && !not_conditional
                        .iter()
                        .any(|n| n.start <= c.start && c.start < n.end)
            })
            .collect();
        // ("fine now", "fine right now", "bien ahora", "ahorita estoy
        // bien": a resolution, not something happening now.)
        let present: Vec<Span> = matches
            .of_range(&self.present)
            .into_iter()
            .filter(|p| {
                let word = |i: usize| text.tokens.get(i).map_or("", |t| t.word.as_str());
                let well = |w: &str| {
                    matches!(
                        w,
                        "fine"
                            | "ok"
                            | "okay"
                            | "better"
                            | "good"
                            | "normal"
                            | "alright"
                            | "bien"
                            | "mejor"
                    )
                };
                let before = match p.start {
                    0 => "",
                    1 => word(0),
                    k if word(k - 1) == "right" => word(k - 2),
                    k => word(k - 1),
                };
                // ("ahorita él está bien": a subject may come between.)
                let subject = matches!(word(p.end), "el" | "ella" | "he" | "she");
                let verb_at = p.end + usize::from(subject);
                let after_well = matches!(
                    word(verb_at),
                    "estoy" | "esta" | "im" | "feel" | "feeling" | "is" | "hes" | "shes"
                ) && well(word(verb_at + 1));
                // ("Nothing is going on with her now", "nada ahorita".)
                let denied = (p.start.saturating_sub(6)..p.start).any(|k| {
                    matches!(word(k), "nothing" | "nada" | "nothings")
                        && text.tokens[k].clause == text.tokens[p.start].clause
                });
                !well(before) && !after_well && !denied
            })
            .collect();
        Found {
            text,
            negation_memo: vec![Cell::new(NOT_DECIDED); text.tokens.len()],
            review_lists: review_lists(text),
            baseline: matches
                .of_range(&self.baseline)
                .into_iter()
                .filter(|h| !baseline_change(text, *h))
                .collect(),
            history: matches
                .of_range(&self.history)
                .into_iter()
                .chain(matches.of_range(&self.seen))
                .chain(years(text))
                .collect(),
            history_after: matches.of_range(&self.history_after),
            history_right_after: matches.of_range(&self.history_right_after),
            ongoing: matches.of_range(&self.ongoing),
            resolution: {
                let onset = matches.of_range(&self.not_resolution);
                matches
                    .of_range(&self.resolution)
                    .into_iter()
                    // (Overlapping, not only starting inside: "now says
                    // she's ok" is a resolution from "now".)
                    .filter(|r| !onset.iter().any(|o| o.start < r.end && r.start < o.end))
                    .collect()
            },
            recurrence: {
                let returned = matches.of_range(&self.person_returned);
                matches
                    .of_range(&self.recurrence)
                    .into_iter()
                    .filter(|r| !returned.iter().any(|p| p.start < r.end && r.start < p.end))
                    .collect()
            },
            resolved_before: matches.of_range(&self.resolved_before),
            conditional,
            resets: matches.of_range(&self.resets),
            recent_past: matches.of_range(&self.recent_past),
            any_question: question.iter().any(|q| *q),
            question,
            generic: per_sentence(&self.generic),
            // "like somebody is sitting on me": a simile, no one else.
            third_party: sentences_with(&self.third_party, &not_simile),
            third_party_clauses: matches
                .of_range(&self.third_party)
                .into_iter()
                .filter(|m| not_simile(*m))
                .map(|m| text.tokens[m.start].clause)
                .collect(),
            present_in_clause: matches.of_range(&self.present_in_clause),
            education: matches.of_range(&self.education),
            present: !present.is_empty(),
            // (Not "RN" alone: a nurse's title more often than "right now".)
            handled: matches.any_range(&self.handled)
                || (matches.any_range(&self.read_back) && !matches.any_range(&self.action_asked))
                || (matches.any_range(&self.noted)
                    && present.iter().all(|p| {
                        p.end - p.start == 1
                            && text.tokens.get(p.start).is_some_and(|t| t.word == "rn")
                    })),
            care_under_way: matches.any_range(&self.care_under_way),
            refill: matches.any_range(&self.refill),
            recent: matches.of_range(&self.recent),
            not_negation: matches.of_range(&self.not_negation),
            admin: matches.of_range(&self.admin),
        }
    }
}

/// A "baseline" cue read as a change from the baseline: one of
/// [`BASELINE_CHANGE`] up to three words before it.
fn baseline_change(text: &Text, h: Span) -> bool {
    (h.start.saturating_sub(3)..h.start)
        .any(|i| BASELINE_CHANGE.contains(&text.tokens[i].word.as_str()))
}

/// Years ("in 2019"): history cues like "last year".
fn years(text: &Text) -> impl Iterator<Item = Span> + '_ {
    text.tokens.iter().enumerate().filter_map(|(i, t)| {
        let n = t.number?;
        // "she thinks it's 1985" is no date of the event.
        let said = i > 0
            && matches!(
                text.tokens[i - 1].word.as_str(),
                "its" | "is" | "es" | "thinks"
            );
        let year = !said
            && n.kind == NumberKind::Plain
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
        self.discounts_unless(span, personal, false, false)
    }

    /// [`Self::discounts`], where a `lasting` mention is not discounted
    /// by a resolution.
    pub fn discounts_unless(
        &self,
        span: Span,
        personal: bool,
        measured: bool,
        lasting: bool,
    ) -> bool {
        self.discount(span, personal, measured, lasting).is_some()
    }

    /// What discounts the mention at `span`, if anything (the first of
    /// negated, past, resolved, conditional, education, third party,
    /// paperwork, handled). A `personal` mention (self-harm) and a
    /// `measured` value are no education nor paperwork; only a personal
    /// one is never handled. A `lasting` mention (a poisoning) is neither
    /// resolved nor someone else's question: "my friend took a bunch of
    /// pills, is that bad?" is the friend's emergency.
    pub fn discount(
        &self,
        span: Span,
        personal: bool,
        measured: bool,
        lasting: bool,
    ) -> Option<Discount> {
        let reported = personal || measured;
        if self.negated(span) {
            Some(Discount::Negated)
        } else if self.historical(span, measured) && !(lasting && self.recently(span)) {
            Some(Discount::Past)
        } else if !lasting && self.resolved(span) {
            Some(Discount::Resolved)
        } else if self.conditional(span) {
            Some(Discount::Conditional)
        } else if self.generic(span, reported) && !(personal && self.first_person(span)) {
            Some(Discount::Education)
        } else if !lasting && self.third_party(span) {
            Some(Discount::ThirdParty)
        } else if !reported && self.paperwork(span) {
            Some(Discount::Paperwork)
        } else if !personal && (self.handled || (self.care_under_way && !self.present)) {
            Some(Discount::Handled)
        } else {
            None
        }
    }

    /// Paperwork next to the mention, in a message that says nothing is
    /// happening now.
    fn paperwork(&self, span: Span) -> bool {
        !self.present
            && self.admin.iter().any(|a| {
                self.clause(a.start) == self.clause(span.start)
                    && a.start <= span.end + 8
                    && span.start <= a.end + 8
            })
    }

    /// For a context that is a fact about the person, past by nature
    /// ("gave birth last week", "born 3 weeks ago") and stated even in a
    /// question ("how long can a 5 week old go without eating?"): only a
    /// negation discounts it ("I'm not pregnant").
    pub fn discounts_fact(&self, span: Span) -> bool {
        self.negated(span)
    }

    /// The message-wide cues, named, for the model's features.
    pub fn flags(&self) -> [(&'static str, bool); 5] {
        [
            ("question", self.any_question),
            ("education", !self.education.is_empty()),
            ("present", self.present),
            ("refill", self.refill),
            ("third_party", self.third_party.iter().any(|t| *t)),
        ]
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

    /// The reach of the negation word at token `i`, if it is one.
    fn is_negation(&self, i: usize) -> Option<usize> {
        let memo = &self.negation_memo[i];
        match memo.get() {
            NOT_DECIDED => {
                let window = self.decide_negation(i);
                // Windows are far below u8::MAX - 1.
                memo.set(window.map_or(NO_NEGATION, |w| w as u8 + 2));
                window
            }
            NO_NEGATION => None,
            w => Some(usize::from(w - 2)),
        }
    }

    fn decide_negation(&self, i: usize) -> Option<usize> {
        // "not breathing" is a complaint, "not breathing fast" a denial.
        let rate = matches!(self.text.tokens.get(i + 1), Some(t) if matches!(t.word.as_str(), "breathing" | "breathes"))
            && self.text.tokens.get(i + 2).is_some_and(|w| {
                matches!(
                    w.word.as_str(),
                    "fast" | "hard" | "heavy" | "heavily" | "quickly" | "rapidly" | "quick"
                )
            });
        if !rate && self.not_negation.iter().any(|n| n.start <= i && i < n.end) {
            return None;
        }
        let word = self.word(i);
        if !may_be_negation(word) {
            return None;
        }
        // Spanish "no" goes before the verb it negates ("no tengo fiebre")
        // and no further ("no me importa nada, quiero desaparecer").
        // (So does a Spanish "no" inside English: "no se despierta bien,
        // she's super confused".)
        let spanish_no = word == "no"
            && self.text.tokens.get(i + 1).is_some_and(|next| {
                matches!(
                    next.word.as_str(),
                    "se" | "me"
                        | "te"
                        | "le"
                        | "les"
                        | "lo"
                        | "la"
                        | "nos"
                        | "hace"
                        | "tiene"
                        | "quiere"
                        | "puede"
                        | "esta"
                        | "hay"
                        | "sabe"
                        | "come"
                        | "duerme"
                        | "respira"
                        | "habla"
                        | "despierta"
                        | "deja"
                        | "para"
                )
            });
        let window = if word == "no" && (self.text.spanish || spanish_no) {
            WEAK_WINDOW
        } else if STRONG_NEGATIONS.contains(&word) {
            STRONG_WINDOW
        } else if WEAK_NEGATIONS.contains(&word) {
            WEAK_WINDOW
        } else {
            return None;
        };
        // ("not going to pass out" denies; "not going away" does not.)
        let going_to = self
            .text
            .tokens
            .get(i + 1)
            .is_some_and(|n| n.word == "going")
            && self.text.tokens.get(i + 2).is_some_and(|n| n.word == "to");
        let pseudo = !going_to
            && self
                .text
                .tokens
                .get(i + 1)
                .is_some_and(|next| PSEUDO_NEGATED.contains(&next.word.as_str()));
        (!pseudo || rate).then_some(window)
    }

    fn negated(&self, span: Span) -> bool {
        if span.skipped().any(|i| self.is_negation(i).is_some()) {
            return true;
        }
        if self.no_one_did(span) {
            return true;
        }
        if self.review_lists.iter().any(|r| r.contains(&span.start)) {
            return true;
        }
        let first = span.start.saturating_sub(REVIEW_WINDOW);
        (first..span.start).any(|i| {
            let Some(window) = self.is_negation(i) else {
                return false;
            };
            // A charted review reaches down its whole list ("denies chest
            // pain, shortness of breath or syncope").
            let window = if is_review_negation(self.word(i)) {
                REVIEW_WINDOW
            } else {
                window
            };
            // "never had chest pain this bad" is no negation.
            if self.word(i) == "never" && self.intensified(span) {
                return false;
            }
            // "any" and Spanish articles add no reach: "not on any blood
            // thinners", "no tiene la cara hinchada".
            let any = (i + 1..span.start)
                .filter(|&k| matches!(self.word(k), "any" | "la" | "el" | "los" | "las"))
                .count();
            // "not having any fainting or racing heart or shortness of
            // breath": a denial of "any" reaches down its list.
            let any_list = (i + 1..(i + 3).min(span.start)).any(|k| self.word(k) == "any")
                && (i + 1..span.start).any(|k| LIST_WORDS.contains(&self.word(k)));
            let window = if any_list {
                window.max(REVIEW_WINDOW)
            } else {
                window
            };
            if span.start - i - any > window || self.sentence(i) != self.sentence(span.start) {
                return false;
            }
            if self.new_statement_between(i, span.start) {
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
            let near = span.start.saturating_sub(2).max(i + 1);
            let list = (near..end).any(|k| LIST_WORDS.contains(&self.word(k)))
                // A charted review of systems: "ROS neg for fevers, chills,
                // CP, SOB".
                || is_review_negation(self.word(i));
            strong && no_clause_word && list
        })
    }
    /// "nobody's overdosed", "no one got hurt": the sign's subject is no
    /// one, with at most two auxiliaries between. ("No one" is otherwise
    /// no negation: "no one can wake him".)
    fn no_one_did(&self, span: Span) -> bool {
        let mut k = span.start;
        for _ in 0..=2 {
            if k < 1 {
                return false;
            }
            let no_one = match self.word(k - 1) {
                "nobody" | "nobodys" | "noone" => Some(k - 1),
                "one" if k >= 2 && self.word(k - 2) == "no" => Some(k - 2),
                _ => None,
            };
            if no_one.is_some_and(|i| self.clause(i) == self.clause(span.start)) {
                return true;
            }
            if !matches!(
                self.word(k - 1),
                "has" | "have" | "had" | "is" | "was" | "s" | "got" | "been" | "ever"
            ) {
                return false;
            }
            k -= 1;
        }
        false
    }

    /// Whether a conjunction and a new subject stand between tokens `from`
    /// and `to` ("no fever and now she is limp").
    fn new_statement_between(&self, from: usize, to: usize) -> bool {
        (from + 1..to).any(|k| {
            CONJUNCTIONS.contains(&self.word(k)) && NEW_SUBJECT.contains(&self.word(k + 1))
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

    /// Whether the sentence of `span` dates it hours ago ("took 20 of
    /// them last night").
    fn recently(&self, span: Span) -> bool {
        let sentence = self.sentence(span.start);
        self.recent_past
            .iter()
            .any(|r| self.sentence(r.start) == sentence)
    }

    /// Whether a history cue dates the mention at `span`. After a
    /// `measured` value, a cue that dates another value ("hgb 5.8, down
    /// from 10.2 last week", "K 6.9, prior was 4.1") is no history of
    /// this one.
    fn historical(&self, span: Span, measured: bool) -> bool {
        let clause = self.clause(span.start);
        let other_value = |h: &Span| measured && self.dates_another_value(span, *h);
        let near = self.history.iter().filter(|h| {
            self.clause(h.start) == clause
                && !other_value(h)
                && h.start + 8 >= span.start
                && h.start <= span.end + 8
                && !NOW_WORDS.iter().any(|w| self.between(**h, span, w))
                && !self.ongoing_before(**h)
                && !self.recurs_after(**h)
        });
        // "once", not "at once"; nor a count after a now ("now HA +
        // vomited once", "today threw up once").
        let now_before = (span.start.saturating_sub(6)..span.start).any(|i| {
            self.clause(i) == clause && matches!(self.word(i), "now" | "today" | "tonight")
        });
        let right_after = self.history_right_after.iter().filter(|h| {
            self.clause(h.start) == clause
                && (span.end..=span.end + 1).contains(&h.start)
                && !(h.start > 0 && self.word(h.start - 1) == "at")
                && !(now_before && self.word(h.start) == "once")
        });
        let after = self.history_after.iter().filter(|h| {
            self.clause(h.start) == clause
                && !other_value(h)
                && h.start >= span.end
                && h.start <= span.end + 8
                && !NOW_WORDS.iter().any(|w| self.between(**h, span, w))
                && !self.ongoing_before(**h)
                && !self.recurs_after(**h)
        });
        // "baseline oriented to self only": a baseline just before.
        // ("baseline A&Ox3 now x1": a change said in the mention itself.)
        let baseline = self.baseline.iter().any(|b| {
            self.clause(b.start) == clause
                && b.end <= span.start
                && span.start <= b.end + 2
                && !(span.start..span.end).any(|i| self.word(i) == "now")
        });
        baseline
            || near.chain(right_after).chain(after).next().is_some()
            || self.dated_sentence(span)
    }

    /// The first token of the sentence of token `i`.
    fn sentence_first(&self, i: usize) -> usize {
        let s = self.sentence(i);
        (0..=i)
            .rev()
            .take_while(|&k| self.sentence(k) == s)
            .last()
            .unwrap_or(i)
    }

    /// Whether the sentence of `span` opens with a history cue and says
    /// nothing of now: "Last summer he had a bad reaction, full body
    /// hives, throat tight, went to the ER" is past all through.
    fn dated_sentence(&self, span: Span) -> bool {
        let s = self.sentence(span.start);
        let first = self.sentence_first(span.start);
        let opens = self.history.iter().any(|h| {
            // (A year alone, a birth date's, dates nothing: "(nac.
            // 03/11/1951) ... potasio 6.9".)
            self.sentence(h.start) == s
                && h.start <= first + 1
                && h.end <= span.start
                && self.text.tokens[h.start].number.is_none()
        });
        let now = self
            .present_in_clause
            .iter()
            .any(|p| self.sentence(p.start) == s)
            || (first..self.text.tokens.len())
                .take_while(|&k| self.sentence(k) == s)
                .any(|k| NOW_WORDS.contains(&self.word(k)) || ONSET_WORDS.contains(&self.word(k)));
        opens && !now
    }

    /// Whether the mention speaks of the writer ("if I took all my pills
    /// would it kill me"): a learning frame ("hypothetically") does not
    /// make that a question about people in general.
    fn first_person(&self, span: Span) -> bool {
        (span.start..span.end).any(|i| {
            matches!(
                self.word(i),
                "i" | "im" | "me" | "my" | "myself" | "mine" | "yo" | "mi" | "mis"
            )
        })
    }

    /// Whether the history cue `h`, after the value at `span`, dates
    /// another number: one between them, or one just after the cue.
    fn dates_another_value(&self, span: Span, h: Span) -> bool {
        let number = |i: usize| {
            self.text
                .tokens
                .get(i)
                .is_some_and(|t| t.number.is_some() && t.clause == self.clause(h.start))
        };
        h.start >= span.end && ((span.end..h.start).any(number) || (h.end..h.end + 2).any(number))
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
        // Later in the sentence, or in the next one when it opens with
        // the thing itself or with a resolution dated from it ("I was
        // dizzy when I stood up. It passed right away", "... 130 fifteen
        // minutes later. Fine since then."; not "Otherwise I feel fine",
        // nor "Stopped the session.").
        let since =
            |r: &Span| (r.start..r.end).any(|k| matches!(self.word(k), "since" | "desde" | "ever"));
        let opens_next = |r: &Span| {
            let first = self.sentence_first(r.start);
            self.sentence(r.start) == sentence + 1
                && (r.start == first && since(r)
                    || r.start - first <= 3 && matches!(self.word(first), "it" | "that" | "this"))
        };
        let later = self.resolution.iter().any(|r| {
            r.start >= span.end
                && (self.sentence(r.start) == sentence && r.start <= span.end + 16 || opens_next(r))
                && !self.persists(*r)
                && !self.recurs_after(*r)
                && !self.turns_after(*r)
                && !self.resolves_another(span, *r)
        });
        let before = self.resolved_before.iter().any(|r| {
            r.end <= span.start
                && r.end + 4 >= span.start
                && self.clause(r.start) == self.clause(span.start)
                && !self.recurs_after(*r)
        });
        later || before || self.free_after(span)
    }

    /// Whether the resolution `r` names what ended, and that is not the
    /// mention at `span`: "head strike ..., bleeding controlled" leaves
    /// the blow as it was ("chest pain ..., pain resolved" does not).
    fn resolves_another(&self, span: Span, r: Span) -> bool {
        const SUBJECTS: &[&str] = &[
            "bleeding",
            "bleed",
            "pain",
            "fever",
            "swelling",
            "rash",
            "vomiting",
            "nausea",
            "headache",
            "cough",
            "itching",
            "hives",
            "diarrhea",
            "dizziness",
            "bp",
            "sugar",
            "temp",
            "temperature",
            "shivering",
        ];
        let Some(subject) = r.start.checked_sub(1).map(|i| self.word(i)) else {
            return false;
        };
        SUBJECTS.contains(&subject)
            && r.start > span.end
            && !(span.start..span.end).any(|i| self.word(i) == subject)
    }

    /// "CP free x72h", "chest pain free since Monday": *free* right after
    /// a mention, in its clause, says it is gone. A monitoring scale
    /// charted as unchanged is a standing state too: "NIHSS unchanged at
    /// 3", "GCS stable".
    fn free_after(&self, span: Span) -> bool {
        let scale = matches!(self.word(span.start), "nihss" | "gcs");
        (span.end..(span.end + 2).min(self.text.tokens.len())).any(|i| {
            let word = self.word(i);
            self.clause(i) == self.clause(span.start)
                && (word == "free" || (scale && matches!(word, "unchanged" | "stable" | "same")))
        })
    }

    /// "hasn't gone away", "still not better": no resolution.
    fn persists(&self, resolution: Span) -> bool {
        let first = resolution.start.saturating_sub(3);
        (first..resolution.start).any(|i| {
            self.clause(i) == self.clause(resolution.start) && PERSISTENCE.contains(&self.word(i))
        })
    }

    /// A turn right after `resolution` to something still there: "fine
    /// since then but she is still confused", "todo bien pero ahora ...".
    fn turns_after(&self, resolution: Span) -> bool {
        let sentence = self.sentence(resolution.start);
        let len = self.text.tokens.len();
        (resolution.end..(resolution.end + 4).min(len))
            .filter(|&k| self.sentence(k) == sentence)
            .filter(|&k| matches!(self.word(k), "but" | "pero" | "though" | "except"))
            .any(|k| {
                (k + 1..(k + 6).min(len)).any(|j| {
                    self.sentence(j) == sentence
                        && matches!(
                            self.word(j),
                            "still" | "now" | "again" | "worse" | "todavia" | "sigue" | "ahora"
                        )
                })
            })
    }

    /// A recurrence after `resolution` in its sentence, not itself
    /// conditional ("what do I do if it comes back?").
    fn recurs_after(&self, resolution: Span) -> bool {
        self.recurrence.iter().any(|r| {
            r.start >= resolution.end
                && self.sentence(r.start) == self.sentence(resolution.start)
                && !self.conditional(*r)
        })
    }

    fn conditional(&self, span: Span) -> bool {
        let sentence = self.sentence(span.start);
        // "si alguien se tomó 20 pastillas anoche", "if someone took 20
        // last night": "someone" dated to hours ago is a person it happened
        // to, asked about at one remove.
        let dated = self
            .recent_past
            .iter()
            .any(|r| self.clause(r.start) == self.clause(span.start));
        let someone = |c: &Span| {
            c.start + 1 < self.text.tokens.len()
                && matches!(
                    self.word(c.start + 1),
                    "someone" | "somebody" | "anyone" | "anybody" | "alguien"
                )
        };
        // A conditional may end inside the mention ("si le falta el aire").
        self.conditional.iter().any(|c| {
            c.start < span.start
                && !(dated && someone(c))
                && self.sentence(c.start) == sentence
                && !(c.end.min(span.start)..span.start)
                    .any(|i| CLAUSE_WORDS.contains(&self.word(i)))
                // (A reset may hold the sign's first word: "tengo miedo que
                // me dé un infarto, me duele el pecho"; "and" carries an
                // "if she ever ..." on: "if she ever passes out and I
                // can't wake her".)
                && !self.resets.iter().any(|r| {
                    r.start >= c.end + 2
                        && r.start < span.start
                        && !(self.ever_after(c)
                            && self.clause(r.start) == self.clause(c.start)
                            && matches!(self.word(r.start.saturating_sub(1)), "and" | "or"))
                })
        })
    }

    /// Whether "ever" follows the conditional `c` within three words ("if
    /// he ever", "if my roommate ever"): a case imagined, all of it.
    fn ever_after(&self, c: &Span) -> bool {
        let end = (c.end + 3).min(self.text.tokens.len());
        (c.end..end).any(|i| self.word(i) == "ever")
    }

    /// A question in a generic frame, or in a message for learning; for a
    /// `personal` mention (self-harm) only the latter.
    fn generic(&self, span: Span, personal: bool) -> bool {
        let s = self.sentence(span.start);
        // A question dated to hours ago asks about this person, not people
        // in general: "is it normal that the baby hasn't moved since
        // yesterday?", "¿es normal que no se mueva desde anoche?".
        if self
            .recent_past
            .iter()
            .any(|r| self.clause(r.start) == self.clause(span.start))
        {
            return false;
        }
        let frame = !self.education.is_empty() || (self.generic[s] && !personal);
        // A statement too, when a learning frame leads into the mention:
        // "I read in internet about heart attack signs".
        let learning = !personal
            && self.education.iter().any(|e| {
                self.sentence(e.start) == s && e.end <= span.start && span.start <= e.end + 6
            });
        ((self.question[s] && frame) || learning) && !self.present
    }

    fn third_party(&self, span: Span) -> bool {
        let s = self.sentence(span.start);
        let clause = self.clause(span.start);
        // "is" after "when" is a habit ("when she is anxious").
        let current = self.present_in_clause.iter().any(|p| {
            self.clause(p.start) == clause
                && !(p.start > 0
                    && matches!(self.word(p.start - 1), "when" | "whenever" | "cuando"))
        });
        // "I just tried a cookie a coworker brought in and my throat feels
        // tight": a clause of the writer's own, the third party elsewhere in
        // the sentence, is the writer's.
        // (Checked last: it reads the clause's words.)
        self.third_party[s]
            && self.any_question
            && !current
            && !self.present
            && (self.third_party_clauses.contains(&clause) || !self.first_person_in(clause))
    }

    /// Whether the writer speaks of themself in the clause.
    fn first_person_in(&self, clause: usize) -> bool {
        self.text.tokens.iter().any(|t| {
            t.clause == clause
                && matches!(
                    t.word.as_str(),
                    "i" | "im" | "my" | "me" | "ive" | "myself" | "id" | "ill" | "yo" | "mi"
                )
        })
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
        let matches = set.scan(&set.prepare(&text.tokens));
        let found = cues.find(&text, &matches);
        let spans = matches.of(&[phrase]);
        assert!(!spans.is_empty(), "phrase not found");
        spans.iter().all(|s| found.discounts(*s, false))
    }

    #[test]
    fn learning_frames() {
        assert!(discounted(
            "I read on the internet about heart attack signs.",
            "heart attack"
        ));
        assert!(!discounted(
            "I read about heart attacks and now I have crushing chest pain.",
            "crushing chest pain"
        ));
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
        assert!(discounted("ROS neg for fevers, chills, CP, SOB.", "sob"));
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
        // "What to do" in a panic is no question about seizures in general.
        assert!(discounted("what to do during a seizure?", "seizure"));
        assert!(!discounted(
            "i dont know what to do she is having a seizure",
            "seizure"
        ));
        assert!(!discounted(
            "no sé qué hacer, le está dando una convulsión",
            "convulsion"
        ));
    }
}
