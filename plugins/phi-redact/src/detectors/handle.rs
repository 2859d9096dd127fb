//! Social media handles: a person's user name is as identifying as their
//! name. Found by their shape and place, not by a list of people:
//!
//! - after "@" (not an email's): "@maddie.chen", "@j_okafor99";
//! - before "on insta", "on snap", "on tiktok"...: "its jordan_okafor on
//!   insta", "ethan.brooks.3 on snap";
//! - after a platform or "handle", "username", "user": "my snap is
//!   lily.m22", "ig: tony_b", "snap me: dee.nyx", "PS5 ID IS NOVA_RAE";
//! - a tag with its four-digit number, beside a platform: "on discord,
//!   nova#2281";
//! - anywhere, a handle's shape built on a first name: "its me jaylen.m",
//!   "ask aiden.p", "kai.moreno2008", "ethanR_2009".
//!
//! Without "@", a candidate needs a handle's shape (an underscore, a dot
//! between letters, or letters and digits) or to be a name ("its maddie on
//! snap"): "text me on snap" keeps its "me". Times ("@3pm") and "at"
//! shorthands ("@home", "@ work") are no handles. Reported as names.

use regex::Regex;

use super::{Detector, Scan, word_set};
use crate::finding::{Finding, Kind};

pub struct Handles {
    at: Regex,
    before_platform: Regex,
    after_platform: Regex,
    tag: Regex,
}

/// Platforms people give their handles for (lowercase).
const PLATFORMS: &str = "insta|instagram|ig|snap|snapchat|sc|tiktok|tt|twitter|discord|fb|facebook|telegram|kik|venmo|cashapp|threads|bereal|whatsapp|wa|signal|reddit|twitch|youtube|yt";

impl Handles {
    pub fn new() -> Result<Self, regex::Error> {
        let handle = r"([a-z0-9](?:[a-z0-9_.]{0,28}[a-z0-9_])?)";
        // The words a handle is given after: "my snap is", "username:".
        let named = format!(
            r"(?:{PLATFORMS}|handle|username|user\s*name|user\s*id|userid|login\s*name|login|user|usuario|gamertag|gamer\s*tag|psn|xbox|roblox|steam|minecraft|ps4|ps5|playstation|epic|riot)"
        );
        Ok(Self {
            at: super::compile(
                r"(?i)(?:^|[^a-z0-9_.@])@([a-z0-9_](?:[a-z0-9_.]{0,28}[a-z0-9_])?)",
            )?,
            before_platform: super::compile(&format!(
                r"(?i)\b{handle}\s+(?:on|en)\s+(?:the\s+|my\s+)?(?:{PLATFORMS})\b"
            ))?,
            after_platform: super::compile(&format!(
                // ("my username for the app is literally sadgirl.szn"; a
                // whole word: "school" is no "sc" handle "hool".)
                r"(?i)\b({named})\b(?:\s+(?:name|for|on|in|the|app|account|now|handle|portal|site|website|game|me|id|tag)){{0,4}}[,:]?\s*\(?\s*(?:is|es|=|:|-|\bat\b|its|it's)?\s*(?:literally\s+|just\s+|actually\s+)?@?{handle}(?:[^a-z0-9_@]|$)"
            ))?,
            tag: super::compile(r"(?i)\b[a-z][a-z0-9_.]{1,31}#[0-9]{4}\b")?,
        })
    }
}

word_set! {
    /// A word a handle is given after, as the patterns' `named` ("user
    /// name" starts with "user"): with "@", the gate of every handle pattern.
    fn is_named {
        "insta"
            | "instagram"
            | "ig"
            | "snap"
            | "snapchat"
            | "sc"
            | "tiktok"
            | "tt"
            | "twitter"
            | "discord"
            | "fb"
            | "facebook"
            | "telegram"
            | "kik"
            | "venmo"
            | "cashapp"
            | "threads"
            | "bereal"
            | "whatsapp"
            | "wa"
            | "signal"
            | "reddit"
            | "twitch"
            | "youtube"
            | "yt"
            | "handle"
            | "username"
            | "user"
            | "usuario"
            | "login"
            | "gamertag"
            | "gamer"
            | "psn"
            | "xbox"
            | "roblox"
            | "steam"
            | "minecraft"
            | "ps4"
            | "ps5"
            | "playstation"
            | "epic"
            | "riot"
    }
}

impl Handles {
    /// Whether "@" or a word handles are given after is in the body (no
    /// handle pattern runs without one), from the scan's words (a regex scan is
    /// dear inside WebAssembly): a platform word between ASCII word
    /// boundaries is a run of ASCII letters and digits in a scan word
    /// ("ésnap" holds "snap") not joined by "_" to a neighbour ("my_snap"
    /// is one `\b` word).
    fn gated_in(scan: &Scan<'_>) -> bool {
        let text = scan.text;
        if text.contains('@') {
            return true;
        }
        let glued = |start: usize, end: usize| {
            (start > 0 && text.as_bytes()[start - 1] == b'_')
                || text.as_bytes().get(end) == Some(&b'_')
        };
        scan.words.iter().any(|w| {
            if w.lower.is_ascii() {
                return is_named(&w.lower) && !glued(w.start, w.end);
            }
            let mut start = w.start;
            text[w.start..w.end]
                .split(|c: char| !c.is_ascii_alphanumeric())
                .any(|run| {
                    let at = start;
                    start += run.len()
                        + text[at + run.len()..]
                            .chars()
                            .next()
                            .map_or(0, char::len_utf8);
                    is_named(&run.to_ascii_lowercase()) && !glued(at, at + run.len())
                })
        })
    }
}

/// "jaylen.m", "kai.moreno2008", "ethanR_2009": a handle's shape whose
/// leading letters are a first name (not an ordinary word), outside an
/// email or a web address. A scan of the words, no regex (this runs on
/// every message).
fn named_handles(text: &str, out: &mut Vec<Finding>) {
    let mut offset = 0;
    for chunk in text.split_inclusive(char::is_whitespace) {
        let start_of_chunk = offset;
        offset += chunk.len();
        // The first name first, cheaply: three lowercase letters or more,
        // then a dot, an underscore, a digit or a capital ("ethanR").
        let opened = chunk.trim_start_matches(['(', '"', '\'']);
        let stem_len = opened
            .bytes()
            .position(|b| !b.is_ascii_lowercase())
            .unwrap_or(opened.len());
        let handle_mark = opened.as_bytes().get(stem_len).is_some_and(|&b| {
            matches!(b, b'.' | b'_') || b.is_ascii_digit() || b.is_ascii_uppercase()
        });
        if stem_len < 3 || !handle_mark {
            continue;
        }
        let token = opened
            .trim_end()
            .trim_end_matches(['.', ',', '!', '?', ')', ':', ';', '"', '\'']);
        if token.len() <= stem_len
            || !token
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'_')
            || !shaped(token)
            || web_domain(token)
        {
            continue;
        }
        let entry = crate::lexicon::lexicon().get(&token[..stem_len]);
        if entry.is_first_name() && !entry.is_ordinary() {
            let start = start_of_chunk + (chunk.len() - opened.len());
            super::push_new(out, Kind::Name, start, start + token.len());
        }
    }
}

/// "mychart.org", "healthcare.gov": a web domain, not a handle.
fn web_domain(candidate: &str) -> bool {
    candidate.rsplit_once('.').is_some_and(|(_, tld)| {
        [
            "com", "org", "net", "edu", "gov", "io", "us", "co", "info", "health",
        ]
        .iter()
        .any(|t| tld.eq_ignore_ascii_case(t))
    })
}

/// A handle's shape: an underscore, a dot between letters, or letters
/// and digits together ("j_okafor", "maddie.chen", "lily22").
fn shaped(candidate: &str) -> bool {
    let letters = candidate.bytes().any(|b| b.is_ascii_alphabetic());
    let digits = candidate.bytes().any(|b| b.is_ascii_digit());
    letters && (candidate.contains(['_', '.']) || digits)
}

/// A time after "@" ("@3pm", "@10:30"), or a word that "@" stands for
/// "at" before ("@home", "@work"): no handle.
fn at_shorthand(candidate: &str) -> bool {
    let lower = candidate.to_ascii_lowercase();
    let starts_with_digit = lower.starts_with(|c: char| c.is_ascii_digit());
    let clock = lower
        .trim_start_matches(|c: char| c.is_ascii_digit())
        .trim_start_matches(['.', ':'])
        .trim_start_matches(|c: char| c.is_ascii_digit());
    let time = starts_with_digit && (clock.is_empty() || clock == "am" || clock == "pm");
    let entry = crate::lexicon::lexicon().get(&lower);
    // (A name that is no ordinary word, "@maddie", stays a handle.)
    let only_a_name = entry.is_name() && !entry.is_ordinary();
    let plain_word = !shaped(&lower) && entry.is_known_word() && !only_a_name;
    time || plain_word
}

/// A candidate before or after a platform word is a handle: shaped like
/// one, or a name ("maddie on snap"), but not a plain word or a web
/// domain ("mychart.org" is the URL detector's).
/// The words a login (not a social handle) is given after.
fn login_word(named: &str) -> bool {
    let named = named.to_ascii_lowercase();
    named.starts_with("user") || named.starts_with("login") || named == "usuario"
}

/// A login given after its word: five or more letters and digits that are
/// no word of the dictionaries ("lupitahdz", not "field" nor "blank").
fn login_like(candidate: &str) -> bool {
    let lower = candidate.to_ascii_lowercase();
    lower.len() >= 5 && !crate::lexicon::lexicon().get(&lower).is_known_word()
}

fn handle_like(candidate: &str) -> bool {
    if web_domain(candidate) || candidate.len() < 3 {
        return false;
    }
    shaped(candidate) || {
        let entry = crate::lexicon::lexicon().get(&candidate.to_ascii_lowercase());
        entry.is_name() && !entry.is_ordinary()
    }
}

impl Detector for Handles {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        named_handles(text, out);
        if !Self::gated_in(scan) {
            return;
        }
        let mut push = |m: regex::Match<'_>| super::push_new(out, Kind::Name, m.start(), m.end());
        if text.contains('@') {
            for caps in self.at.captures_iter(text) {
                if let Some(m) = caps.get(1)
                    && !at_shorthand(m.as_str())
                {
                    push(m);
                }
            }
        }
        if text.contains('#') {
            self.tag.find_iter(text).for_each(&mut push);
        }
        for caps in self.before_platform.captures_iter(text) {
            if let Some(m) = caps.get(1)
                && handle_like(m.as_str())
            {
                push(m);
            }
        }
        // (A word rejected as the handle may itself name a platform: "on
        // xbox, gamertag xXNightOwlXx88" reads "xbox" then "gamertag".)
        let mut at = 0;
        while let Some(caps) = self.after_platform.captures_at(text, at) {
            let (Some(named), Some(m)) = (caps.get(1), caps.get(2)) else {
                break;
            };
            // After "username", "login" or "usuario" any word of a login's
            // length is the login ("mi usuario lupitahdz"), not only one
            // of a handle's shape.
            if handle_like(m.as_str()) || (login_word(named.as_str()) && login_like(m.as_str())) {
                push(m);
                at = m.end();
            } else {
                at = named.end();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn handles(text: &str) -> Vec<&str> {
        let out = crate::detectors::detect_alone(&Handles::new().expect("compiles"), text);
        out.iter().map(|f| &text[f.start..f.end]).collect()
    }

    #[test]
    fn after_a_game_or_a_filler() {
        assert_eq!(
            handles("on xbox, gamertag xXNightOwlXx88 lol"),
            vec!["xXNightOwlXx88"]
        );
        assert_eq!(
            handles("my username for the app is literally sadgirl.szn ok"),
            vec!["sadgirl.szn"]
        );
        assert_eq!(
            handles("someone on roblox (BloxKing_4471) asked"),
            vec!["BloxKing_4471"]
        );
        assert!(handles("my xbox is broken so i cant sleep").is_empty());
    }

    #[test]
    fn the_word_gate_answers_as_the_regex() {
        // The gate as it was: "@" or a word handles are given after.
        let gate = super::super::compile(&format!(
            r"(?i)@|\b(?:{PLATFORMS}|handle|username|user\s*name|user|usuario|login)\b"
        ))
        .expect("compiles");
        for text in [
            "my snap is lily.m22",
            "my_snap is lily",
            "snap_chat me",
            "ésnap lily",
            "snapé über_snap",
            "übersnapé",
            "naïve_ig",
            "the school form",
            "Username: tony",
            "user name",
            "mail me @ home",
            "IG, tony_b",
        ] {
            let words = crate::words::words(text);
            let lower = text.to_ascii_lowercase();
            let scan = Scan {
                text,
                lower: &lower,
                words: &words,
                known: &crate::known::Known::default(),
                protected: &[],
                streets: &[],
                mode: crate::casing::case_mode(text),
                profile: super::super::Profile::of(text),
                facility_hosts: &[],
                organisation: None,
            };
            assert_eq!(Handles::gated_in(&scan), gate.is_match(text), "{text}");
        }
    }

    #[test]
    fn the_gate_knows_every_platform() {
        for word in PLATFORMS
            .split('|')
            .chain(["handle", "username", "user", "usuario"])
        {
            assert!(is_named(word), "{word}");
        }
    }

    #[test]
    fn handles_by_at_and_by_platform() {
        for (text, want) in [
            ("my cousin @lena.ortiz can grab it", vec!["lena.ortiz"]),
            ("dm @k_wash04 for the ride", vec!["k_wash04"]),
            ("its marcus.lee_ on snap", vec!["marcus.lee_"]),
            ("add me on insta: priya.k.22 thx", vec!["priya.k.22"]),
            ("my tiktok is dani_b0ss lol", vec!["dani_b0ss"]),
            ("its maddie on snap", vec!["maddie"]),
            ("username = tj_hoops", vec!["tj_hoops"]),
            (
                "my discord? only way to reach me, nova#2281",
                vec!["nova#2281"],
            ),
            ("its me brandon.t from 2nd period", vec!["brandon.t"]),
            ("ask my friend olivia_2010 she saw it", vec!["olivia_2010"]),
        ] {
            assert_eq!(handles(text), want, "{text}");
        }
    }

    #[test]
    fn not_handles() {
        for text in [
            "meet me @3pm at the clinic",
            "pick up @ 10:30 pls",
            "im @home now, call me",
            "text me on snap later",
            "email jo.ann@gmail.com",
            "find the form on mychart.org",
            "the user guide is on the portal",
            "is it on insta or tiktok",
            "back to school, email the counselor@gmail.com",
            "the igloo cooler, ask tom@x.org",
        ] {
            assert!(handles(text).is_empty(), "{text}: {:?}", handles(text));
        }
    }
}
