//! The plugin's config (the `[plugins.config]` table, as JSON). Every key is
//! optional; the TCPA limits are off unless set. See README.md.

use serde::Deserialize;

pub const DEFAULT_BUCKET: &str = "carewire_consent";
pub const DEFAULT_SMS_LOG_BUCKET: &str = "carewire_sms_log";
pub const DEFAULT_SMS_NUMBERS_BUCKET: &str = "carewire_sms_numbers";
pub const DEFAULT_REGION: &str = "US";
pub const DEFAULT_NOTICE: &str =
    "You have a new message from your care team. Please log in to your patient portal to read it.";
/// Replaced by the sender's name in `notice`.
pub const SENDER_PLACEHOLDER: &str = "{sender}";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The KV bucket holding consent records.
    #[serde(default = "default_bucket")]
    pub bucket: String,
    /// The SMS sent instead of the body when the recipient has not given
    /// written consent to PHI over SMS. Must itself hold no PHI. May hold
    /// `{sender}`, replaced by the sender's name.
    #[serde(default = "default_notice")]
    pub notice: String,
    /// The region whose national format a phone number without a country
    /// code is read in (ISO 3166 alpha-2): proxy keys use E.164 digits.
    #[serde(default = "default_region")]
    pub default_region: String,
    /// TCPA: at most this many SMS per patient in the 24 hours before now.
    #[serde(default)]
    pub max_per_day: Option<u32>,
    /// TCPA: at most this many SMS per patient in the 7 days before now.
    #[serde(default)]
    pub max_per_week: Option<u32>,
    /// TCPA: the longest SMS body (in characters) this plugin lets through.
    #[serde(default)]
    pub max_length: Option<u32>,
    /// The KV bucket of SMS sends per patient (kept by carewire); read only
    /// when `max_per_day` or `max_per_week` is set.
    #[serde(default = "default_sms_log_bucket")]
    pub sms_log_bucket: String,
    /// The KV bucket of each phone number's opt-out state (kept by carewire
    /// from STOP and START replies); read before every SMS, so it must be
    /// in `kv_buckets`.
    #[serde(default = "default_sms_numbers_bucket")]
    pub sms_numbers_bucket: String,
    /// TCPA sender identification: the name every SMS must carry.
    #[serde(default)]
    pub sender_name: Option<String>,
    /// Per sender id, instead of `sender_name`: `[<sender id>, <name>,
    /// <other names>...]`. The first name is the one the notice uses; any
    /// of them identifies the sender in a body. (A list rather than a
    /// table keeps the config flat.)
    #[serde(default)]
    pub sender_names: Vec<Vec<String>>,
}

fn default_bucket() -> String {
    DEFAULT_BUCKET.to_owned()
}

fn default_notice() -> String {
    DEFAULT_NOTICE.to_owned()
}

fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

fn default_sms_log_bucket() -> String {
    DEFAULT_SMS_LOG_BUCKET.to_owned()
}

fn default_sms_numbers_bucket() -> String {
    DEFAULT_SMS_NUMBERS_BUCKET.to_owned()
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bucket: default_bucket(),
            notice: default_notice(),
            default_region: default_region(),
            max_per_day: None,
            max_per_week: None,
            max_length: None,
            sms_log_bucket: default_sms_log_bucket(),
            sms_numbers_bucket: default_sms_numbers_bucket(),
            sender_name: None,
            sender_names: Vec::new(),
        }
    }
}

impl Config {
    /// Parses the config JSON (an empty string means all defaults) and
    /// checks it. Error texts name keys, never values.
    pub fn parse(json: &str) -> Result<Self, String> {
        if json.trim().is_empty() {
            return Ok(Self::default());
        }
        let config: Config =
            serde_json::from_str(json).map_err(|e| format!("consent: invalid config: {e}"))?;
        config.check()?;
        Ok(config)
    }

    fn check(&self) -> Result<(), String> {
        let fail = |what: &str| Err(format!("consent: {what}"));
        if self.bucket.trim().is_empty() {
            return fail("bucket must not be empty");
        }
        if self.sms_log_bucket.trim().is_empty() {
            return fail("sms_log_bucket must not be empty");
        }
        if self.sms_numbers_bucket.trim().is_empty() {
            return fail("sms_numbers_bucket must not be empty");
        }
        if self.notice.trim().is_empty() {
            return fail("notice must not be empty");
        }
        if !carewire_plugin_sdk::phone::is_known_region(&self.default_region) {
            return fail("default_region must be a known ISO 3166 region code such as \"US\"");
        }
        for (key, value) in [
            ("max_per_day", self.max_per_day),
            ("max_per_week", self.max_per_week),
            ("max_length", self.max_length),
        ] {
            if value == Some(0) {
                return fail(&format!(
                    "{key} must be at least 1 (leave it out to turn it off)"
                ));
            }
        }
        if self
            .sender_name
            .as_deref()
            .is_some_and(|n| n.trim().is_empty())
        {
            return fail("sender_name must not be empty");
        }
        for (i, entry) in self.sender_names.iter().enumerate() {
            if entry.len() < 2 || entry.iter().any(|n| n.trim().is_empty()) {
                return fail(
                    "sender_names: each entry is [sender id, name, other names...], none empty",
                );
            }
            if self.sender_names[..i].iter().any(|e| e[0] == entry[0]) {
                return fail("sender_names: a sender id is listed twice");
            }
        }
        if self.notice.contains(SENDER_PLACEHOLDER)
            && self.sender_name.is_none()
            && self.sender_names.is_empty()
        {
            return fail("notice uses {sender}, but neither sender_name nor sender_names is set");
        }
        if let Some(max) = self.max_length {
            let mut notices = vec![self.notice_for(None)];
            notices.extend(self.all_sender_names().map(|n| self.notice_for(Some(n))));
            if notices.iter().any(|n| n.chars().count() > max as usize) {
                return fail("the notice (with the sender's name) is longer than max_length");
            }
        }
        Ok(())
    }

    /// Whether a TCPA frequency limit is set (then the SMS log is read).
    pub fn counts_sends(&self) -> bool {
        self.max_per_day.is_some() || self.max_per_week.is_some()
    }

    /// The names that identify the sender of a message from `sender_id`:
    /// its `sender_names` entry, else `sender_name`; empty when sender
    /// identification is off for it.
    pub fn sender_names_for(&self, sender_id: Option<&str>) -> &[String] {
        if let Some(id) = sender_id
            && let Some(entry) = self.sender_names.iter().find(|e| e[0] == id)
        {
            return &entry[1..];
        }
        match &self.sender_name {
            Some(name) => std::slice::from_ref(name),
            None => &[],
        }
    }

    /// The neutral notice, naming `sender` when given: `{sender}` is
    /// replaced; without the placeholder the notice is prefixed `"<sender>: "`.
    /// Without a sender, a placeholder becomes "your care team".
    pub fn notice_for(&self, sender: Option<&str>) -> String {
        match sender {
            Some(name) if self.notice.contains(SENDER_PLACEHOLDER) => {
                self.notice.replace(SENDER_PLACEHOLDER, name)
            }
            Some(name) => format!("{name}: {}", self.notice),
            None => self.notice.replace(SENDER_PLACEHOLDER, "your care team"),
        }
    }

    fn all_sender_names(&self) -> impl Iterator<Item = &str> {
        self.sender_name.iter().map(String::as_str).chain(
            self.sender_names
                .iter()
                .filter_map(|e| e.get(1).map(String::as_str)),
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        assert_eq!(Config::parse("{}"), Ok(Config::default()));
        assert_eq!(Config::parse(""), Ok(Config::default()));
        let c = Config::default();
        assert_eq!(c.bucket, "carewire_consent");
        assert_eq!(c.sms_log_bucket, "carewire_sms_log");
        assert_eq!(c.sms_numbers_bucket, "carewire_sms_numbers");
        assert!(!c.counts_sends());
        assert!(c.sender_names_for(Some("clinic-7")).is_empty());
        assert_eq!(c.notice_for(None), DEFAULT_NOTICE);
    }

    #[test]
    fn overrides_and_errors() {
        let c = Config::parse(r#"{"bucket":"b2","notice":"Check the portal."}"#).expect("valid");
        assert_eq!(c.bucket, "b2");
        assert_eq!(c.notice, "Check the portal.");
        assert!(Config::parse(r#"{"bucket":""}"#).is_err());
        assert!(Config::parse(r#"{"bucket":7}"#).is_err());
        assert!(Config::parse(r#"{"sms_log_bucket":" "}"#).is_err());
        assert!(Config::parse(r#"{"sms_numbers_bucket":""}"#).is_err());
        assert!(Config::parse(r#"{"notice":""}"#).is_err());
        assert!(Config::parse(r#"{"default_region":"XX"}"#).is_err());
        assert!(Config::parse(r#"{"buckett":"typo"}"#).is_err());
        assert!(Config::parse("[").is_err());
    }

    #[test]
    fn tcpa_limits() {
        let c =
            Config::parse(r#"{"max_per_day":1,"max_per_week":3,"max_length":160}"#).expect("valid");
        assert!(c.counts_sends());
        assert_eq!(
            (c.max_per_day, c.max_per_week, c.max_length),
            (Some(1), Some(3), Some(160))
        );
        for zero in ["max_per_day", "max_per_week", "max_length"] {
            let err = Config::parse(&format!(r#"{{"{zero}":0}}"#)).expect_err(zero);
            assert!(err.contains(zero), "{err}");
        }
        assert!(Config::parse(r#"{"max_per_day":-1}"#).is_err());
        // The notice must fit, named or not.
        assert!(Config::parse(r#"{"max_length":20}"#).is_err());
        assert!(Config::parse(r#"{"max_length":92,"sender_name":"Oak Valley Health"}"#).is_err());
        assert!(Config::parse(r#"{"max_length":92}"#).is_ok());
        assert!(Config::parse(r#"{"max_length":91}"#).is_err());
    }

    #[test]
    fn sender_names() {
        let c = Config::parse(
            r#"{"sender_name":"Oak Valley Health",
                "sender_names":[["peds","Oak Valley Pediatrics","OVP"],["lab","Valley Lab"]]}"#,
        )
        .expect("valid");
        assert_eq!(c.sender_names_for(None), ["Oak Valley Health"]);
        assert_eq!(c.sender_names_for(Some("other")), ["Oak Valley Health"]);
        assert_eq!(
            c.sender_names_for(Some("peds")),
            ["Oak Valley Pediatrics", "OVP"]
        );
        assert_eq!(c.sender_names_for(Some("lab")), ["Valley Lab"]);
        assert_eq!(
            c.notice_for(Some("Valley Lab")),
            format!("Valley Lab: {DEFAULT_NOTICE}")
        );
        assert!(Config::parse(r#"{"sender_name":" "}"#).is_err());
        assert!(Config::parse(r#"{"sender_names":[["x"]]}"#).is_err());
        assert!(Config::parse(r#"{"sender_names":[["x",""]]}"#).is_err());
        assert!(Config::parse(r#"{"sender_names":[["x","A"],["x","B"]]}"#).is_err());
        assert!(Config::parse(r#"{"sender_names":{"x":"A"}}"#).is_err());
    }

    #[test]
    fn sender_placeholder() {
        let c = Config::parse(
            r#"{"notice":"{sender}: a new message is in your portal.","sender_name":"Oak Valley Health"}"#,
        )
        .expect("valid");
        assert_eq!(
            c.notice_for(Some("Oak Valley Health")),
            "Oak Valley Health: a new message is in your portal."
        );
        assert!(Config::parse(r#"{"notice":"{sender} wrote."}"#).is_err());
    }
}
