//! The plugin's config: `{"bucket": "carewire_contacts", "max_age_days": 365}`.

use serde::Deserialize;

pub const DEFAULT_BUCKET: &str = "carewire_contacts";
pub const DEFAULT_MAX_AGE_DAYS: u32 = 365;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    /// The KV bucket holding verified contact points, keyed by patient id.
    #[serde(default = "default_bucket")]
    pub bucket: String,
    /// A verification older than this many days no longer counts.
    #[serde(default = "default_max_age_days")]
    pub max_age_days: u32,
}

fn default_bucket() -> String {
    DEFAULT_BUCKET.to_owned()
}

fn default_max_age_days() -> u32 {
    DEFAULT_MAX_AGE_DAYS
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bucket: default_bucket(),
            max_age_days: DEFAULT_MAX_AGE_DAYS,
        }
    }
}

impl Config {
    /// Parses the config JSON (an empty string means all defaults).
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
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_overrides() {
        assert_eq!(Config::parse("{}"), Ok(Config::default()));
        let c = Config::parse(r#"{"bucket":"c2","max_age_days":30}"#).expect("valid");
        assert_eq!((c.bucket.as_str(), c.max_age_days), ("c2", 30));
    }

    #[test]
    fn rejects_bad_values() {
        assert!(Config::parse(r#"{"max_age_days":0}"#).is_err());
        assert!(Config::parse(r#"{"max_age_days":-3}"#).is_err());
        assert!(Config::parse(r#"{"bucket":""}"#).is_err());
        assert!(Config::parse("nope").is_err());
    }
}
