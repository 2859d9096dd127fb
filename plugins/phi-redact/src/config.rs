//! The plugin's config:
//! `{"notice": "...", "min_words": 3, "facilities": [{"name", "phone", "web", "street"}]}`.

use serde::Deserialize;

pub const DEFAULT_NOTICE: &str =
    "You have a new message from your care team. Please log in to your patient portal to read it.";
pub const DEFAULT_MIN_WORDS: usize = 3;

/// One facility of the health system: its name, published main line, web
/// site and street address are the organisation's, not PHI, and are left
/// alone wherever they appear.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    pub name: String,
    #[serde(default)]
    pub phone: Option<String>,
    #[serde(default)]
    pub web: Option<String>,
    #[serde(default)]
    pub street: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// The SMS sent instead when too little is left after redaction. Must
    /// itself hold no PHI.
    #[serde(default = "default_notice")]
    pub notice: String,
    /// Fewer words than this left after redaction (not counting the
    /// replacement tokens) sends the notice instead.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
    /// The health system's own facilities (not PHI).
    #[serde(default)]
    pub facilities: Vec<Facility>,
}

fn default_notice() -> String {
    DEFAULT_NOTICE.to_owned()
}

fn default_min_words() -> usize {
    DEFAULT_MIN_WORDS
}

impl Default for Config {
    fn default() -> Self {
        Self {
            notice: default_notice(),
            min_words: DEFAULT_MIN_WORDS,
            facilities: Vec::new(),
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
            serde_json::from_str(json).map_err(|e| format!("phi-redact: invalid config: {e}"))?;
        if config.notice.trim().is_empty() {
            return Err("phi-redact: notice must not be empty".to_owned());
        }
        for (i, facility) in config.facilities.iter().enumerate() {
            if facility.name.trim().is_empty() {
                return Err(format!(
                    "phi-redact: facilities[{i}].name must not be empty"
                ));
            }
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_overrides_errors() {
        assert_eq!(Config::parse("{}"), Ok(Config::default()));
        let c = Config::parse(r#"{"notice":"See portal.","min_words":5}"#).expect("valid");
        assert_eq!((c.notice.as_str(), c.min_words), ("See portal.", 5));
        assert!(Config::parse(r#"{"notice":""}"#).is_err());
        assert!(Config::parse(r#"{"min_words":-1}"#).is_err());
        assert!(Config::parse(r#"{"nottice":"x"}"#).is_err());
        assert!(Config::parse("{").is_err());
    }

    #[test]
    fn facilities() {
        let c = Config::parse(
            r#"{"facilities":[{"name":"Oak Valley Health","phone":"(312) 846-2200",
                "web":"oakvalleyhealth.org","street":"1400 W Harrison St"},{"name":"Lab"}]}"#,
        )
        .expect("valid");
        assert_eq!(c.facilities.len(), 2);
        assert_eq!(c.facilities[0].phone.as_deref(), Some("(312) 846-2200"));
        assert_eq!(c.facilities[1].street, None);
        assert!(Config::parse(r#"{"facilities":[{"name":" "}]}"#).is_err());
        assert!(Config::parse(r#"{"facilities":[{"name":"A","fax":"1"}]}"#).is_err());
    }
}
