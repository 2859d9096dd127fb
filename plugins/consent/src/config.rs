//! The plugin's config: `{"bucket": "carewire_consent", "notice": "..."}`.

use serde::Deserialize;

pub const DEFAULT_BUCKET: &str = "carewire_consent";
pub const DEFAULT_NOTICE: &str =
    "You have a new message from your care team. Please log in to your patient portal to read it.";

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    /// The KV bucket holding consent records.
    #[serde(default = "default_bucket")]
    pub bucket: String,
    /// The SMS sent instead of the body when the patient has not consented
    /// to PHI over SMS. Must itself hold no PHI.
    #[serde(default = "default_notice")]
    pub notice: String,
}

fn default_bucket() -> String {
    DEFAULT_BUCKET.to_owned()
}

fn default_notice() -> String {
    DEFAULT_NOTICE.to_owned()
}

impl Default for Config {
    fn default() -> Self {
        Self {
            bucket: default_bucket(),
            notice: default_notice(),
        }
    }
}

impl Config {
    /// Parses the config JSON (an empty string means all defaults).
    pub fn parse(json: &str) -> Result<Self, String> {
        if json.trim().is_empty() {
            return Ok(Self::default());
        }
        let config: Config =
            serde_json::from_str(json).map_err(|e| format!("consent: invalid config: {e}"))?;
        if config.bucket.trim().is_empty() {
            return Err("consent: bucket must not be empty".to_owned());
        }
        if config.notice.trim().is_empty() {
            return Err("consent: notice must not be empty".to_owned());
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults() {
        assert_eq!(Config::parse("{}"), Ok(Config::default()));
        assert_eq!(Config::parse(""), Ok(Config::default()));
        assert_eq!(Config::default().bucket, "carewire_consent");
    }

    #[test]
    fn overrides_and_errors() {
        let c = Config::parse(r#"{"bucket":"b2","notice":"Check the portal."}"#).expect("valid");
        assert_eq!(c.bucket, "b2");
        assert_eq!(c.notice, "Check the portal.");
        assert!(Config::parse(r#"{"bucket":""}"#).is_err());
        assert!(Config::parse(r#"{"bucket":7}"#).is_err());
        assert!(Config::parse("[").is_err());
    }
}
