//! TCPA healthcare-message limits: how many SMS a patient got recently
//! (from carewire's SMS log), and whether a body names its sender.

use serde::Deserialize;

/// The SMS log value carewire keeps per patient id:
/// `{"sent_ms": [<ms>, ...], "ids": [<message id>, ...]}`, oldest first.
/// `ids`, when present, is parallel to `sent_ms`.
#[derive(Debug, Deserialize)]
struct SmsLog {
    sent_ms: Vec<i64>,
    #[serde(default)]
    ids: Option<Vec<String>>,
}

pub const DAY_MS: i64 = 24 * 3600 * 1000;
pub const WEEK_MS: i64 = 7 * DAY_MS;

/// SMS sent to a patient in the 24 hours and the 7 days before now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Sends {
    pub day: u32,
    pub week: u32,
}

/// Counts the sends in a stored log at `now_ms`. A send recorded for
/// `message_id` itself is not counted (a redelivered message must get the
/// same decision). Sends stamped after now count (a clock ahead of ours is
/// not a reason to send more). `None` when the value is not a log.
pub fn count(bytes: &[u8], message_id: &str, now_ms: i64) -> Option<Sends> {
    let log: SmsLog = serde_json::from_slice(bytes).ok()?;
    let ids = match &log.ids {
        Some(ids) if ids.len() == log.sent_ms.len() => Some(ids),
        Some(_) => return None,
        None => None,
    };
    let mut sends = Sends::default();
    for (i, &sent) in log.sent_ms.iter().enumerate() {
        if ids.is_some_and(|ids| ids[i] == message_id) {
            continue;
        }
        if sent > now_ms - DAY_MS {
            sends.day += 1;
        }
        if sent > now_ms - WEEK_MS {
            sends.week += 1;
        }
    }
    Some(sends)
}

/// Whether `body` names the sender: one of `names` appears in it, ignoring
/// case and runs of white space.
pub fn names_sender(body: &str, names: &[String]) -> bool {
    let body = fold(body);
    names
        .iter()
        .map(|n| fold(n))
        .any(|n| !n.is_empty() && body.contains(&n))
}

fn fold(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

#[cfg(test)]
mod tests {
    use super::*;

    const NOW: i64 = 1_795_780_800_000;

    #[test]
    fn counts_by_window() {
        let log = format!(
            r#"{{"sent_ms":[{},{},{},{}]}}"#,
            NOW - 8 * DAY_MS,
            NOW - 7 * DAY_MS,
            NOW - 3 * DAY_MS,
            NOW - DAY_MS + 1
        );
        assert_eq!(
            count(log.as_bytes(), "m", NOW),
            Some(Sends { day: 1, week: 2 })
        );
        assert_eq!(
            count(br#"{"sent_ms":[]}"#, "m", NOW),
            Some(Sends::default())
        );
        let future = format!(r#"{{"sent_ms":[{}]}}"#, NOW + 1000);
        assert_eq!(
            count(future.as_bytes(), "m", NOW),
            Some(Sends { day: 1, week: 1 })
        );
    }

    #[test]
    fn skips_the_message_itself() {
        let log = format!(
            r#"{{"sent_ms":[{},{}],"ids":["m-1","m-2"]}}"#,
            NOW - 10,
            NOW - 5
        );
        assert_eq!(
            count(log.as_bytes(), "m-2", NOW),
            Some(Sends { day: 1, week: 1 })
        );
        assert_eq!(
            count(log.as_bytes(), "m-3", NOW),
            Some(Sends { day: 2, week: 2 })
        );
    }

    #[test]
    fn rejects_other_shapes() {
        for bad in [
            "nope",
            "{}",
            r#"{"sent_ms":"x"}"#,
            r#"{"sent_ms":[1.5]}"#,
            r#"{"sent_ms":[1,2],"ids":["a"]}"#,
        ] {
            assert_eq!(count(bad.as_bytes(), "m", NOW), None, "{bad}");
        }
    }

    #[test]
    fn sender_names_in_bodies() {
        let names = vec!["Oak Valley Health".to_owned(), "OVH".to_owned()];
        assert!(names_sender(
            "Oak  valley\nHEALTH: your visit is Monday.",
            &names
        ));
        assert!(names_sender("OVH reminder", &names));
        assert!(!names_sender("Oak Valley: your visit is Monday.", &names));
        assert!(!names_sender("anything", &[]));
        assert!(!names_sender("anything", &[" ".to_owned()]));
    }
}
