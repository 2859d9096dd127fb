//! The plugin's config (the `[plugins.config]` table, as JSON). Every key
//! is optional. See README.md.

use serde::Deserialize;

pub const DEFAULT_BUCKET: &str = "carewire_contacts";
pub const DEFAULT_MAX_AGE_DAYS: u32 = 365;
pub const DEFAULT_REGION: &str = "US";
/// Verification methods that prove the person holds the number.
pub const DEFAULT_METHODS: [&str; 3] = ["sms_code", "voice_code", "in_person"];

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The KV bucket holding verified contact points, keyed by patient id.
    #[serde(default = "default_bucket")]
    pub bucket: String,
    /// A verification older than this many days no longer counts.
    #[serde(default = "default_max_age_days")]
    pub max_age_days: u32,
    /// The region whose national format a number without a country code is
    /// read in (ISO 3166 alpha-2).
    #[serde(default = "default_region")]
    pub default_region: String,
    /// The verification methods that count (a contact verified any other
    /// way is not verified).
    #[serde(default = "default_methods")]
    pub accepted_methods: Vec<String>,
}

fn default_bucket() -> String {
    DEFAULT_BUCKET.to_owned()
}

fn default_max_age_days() -> u32 {
    DEFAULT_MAX_AGE_DAYS
}

fn default_region() -> String {
    DEFAULT_REGION.to_owned()
}

fn default_methods() -> Vec<String> {
    DEFAULT_METHODS.iter().map(|m| (*m).to_owned()).collect()
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bucket: default_bucket(),
            max_age_days: DEFAULT_MAX_AGE_DAYS,
            default_region: default_region(),
            accepted_methods: default_methods(),
        }
    }
}

impl Config {
    /// Parses the config JSON (an empty string means all defaults). Error
    /// texts name keys, never values.
    pub fn parse(json: &str) -> Result<Self, String> {
        if json.trim().is_empty() {
            return Ok(Self::default());
        }
        let config: Config = serde_json::from_str(json)
            .map_err(|e| format!("recipient-verify: invalid config: {e}"))?;
        if config.bucket.trim().is_empty() {
            return Err("recipient-verify: bucket must not be empty".to_owned());
        }
        if config.max_age_days == 0 {
            return Err("recipient-verify: max_age_days must be at least 1".to_owned());
        }
        if !carewire_plugin_sdk::phone::is_known_region(&config.default_region) {
            return Err(
                "recipient-verify: default_region must be a known ISO 3166 region code such as \"US\""
                    .to_owned(),
            );
        }
        if config.accepted_methods.is_empty()
            || config.accepted_methods.iter().any(|m| m.trim().is_empty())
        {
            return Err(
                "recipient-verify: accepted_methods must list at least one method, none empty"
                    .to_owned(),
            );
        }
        Ok(config)
    }

    /// Whether a contact verified by `method` counts.
    pub fn accepts(&self, method: Option<&str>) -> bool {
        let Some(method) = method.map(str::trim) else {
            return false;
        };
        self.accepted_methods
            .iter()
            .any(|m| m.trim().eq_ignore_ascii_case(method))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        assert_eq!(Config::parse("{}"), Ok(Config::default()));
        assert_eq!(Config::parse(""), Ok(Config::default()));
        let c = Config::parse(
            r#"{"bucket":"c2","max_age_days":30,"default_region":"GB","accepted_methods":["sms_code"]}"#,
        )
        .expect("valid");
        assert_eq!((c.bucket.as_str(), c.max_age_days), ("c2", 30));
        assert_eq!(c.default_region, "GB");
        assert!(c.accepts(Some("sms_code")) && !c.accepts(Some("in_person")));
    }

    #[test]
    fn accepted_methods() {
        let c = Config::default();
        for yes in ["sms_code", "voice_code", "in_person", "SMS_CODE "] {
            assert!(c.accepts(Some(yes)), "{yes}");
        }
        for no in ["self_reported", "imported", ""] {
            assert!(!c.accepts(Some(no)), "{no}");
        }
        assert!(!c.accepts(None));
    }

    #[test]
    fn rejects_bad_values() {
        assert!(Config::parse(r#"{"max_age_days":0}"#).is_err());
        assert!(Config::parse(r#"{"max_age_days":-3}"#).is_err());
        assert!(Config::parse(r#"{"bucket":""}"#).is_err());
        assert!(Config::parse(r#"{"default_region":"Narnia"}"#).is_err());
        assert!(Config::parse(r#"{"accepted_methods":[]}"#).is_err());
        assert!(Config::parse(r#"{"accepted_methods":[" "]}"#).is_err());
        assert!(Config::parse(r#"{"max_age":30}"#).is_err());
        assert!(Config::parse("nope").is_err());
    }
}
