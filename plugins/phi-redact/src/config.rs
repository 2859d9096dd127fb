//! The plugin's config: `{"notice": "...", "min_words": 3}`.

use serde::Deserialize;

pub const DEFAULT_NOTICE: &str =
    "You have a new message from your care team. Please log in to your patient portal to read it.";
pub const DEFAULT_MIN_WORDS: usize = 3;

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    /// The SMS sent instead when too little is left after redaction. Must
    /// itself hold no PHI.
    #[serde(default = "default_notice")]
    pub notice: String,
    /// Fewer words than this left after redaction (not counting the
    /// replacement tokens) sends the notice instead.
    #[serde(default = "default_min_words")]
    pub min_words: usize,
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
        assert!(Config::parse("{").is_err());
    }
}
