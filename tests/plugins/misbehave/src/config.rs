//! The plugin's config: `{"mode": ..., "trigger": "<substring>", "bucket": "<name>"}`.

use serde::Deserialize;

/// What the plugin does to a message whose body contains the trigger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Mode {
    /// Trap (wasm `unreachable`).
    Trap,
    /// Spin forever; the host's deadline must interrupt it.
    Loop,
    /// Allocate 1 MiB chunks forever; the host's memory cap must stop it.
    Alloc,
    /// Return `Err("misbehave_error")`.
    Error,
    /// Look the patient id up in `bucket` and report the outcome as a label.
    KvProbe,
    /// `init` itself fails with `misbehave_init_error`.
    InitError,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    pub mode: Mode,
    #[serde(default)]
    pub trigger: String,
    #[serde(default)]
    pub bucket: Option<String>,
}

impl Config {
    /// Parses and checks the config. Errors are plain and hold no message data.
    pub fn parse(json: &str) -> Result<Self, String> {
        let config: Config =
            serde_json::from_str(json).map_err(|e| format!("misbehave: invalid config: {e}"))?;
        if config.mode == Mode::InitError {
            return Err("misbehave_init_error".to_owned());
        }
        if config.mode == Mode::KvProbe && config.bucket.as_deref().is_none_or(str::is_empty) {
            return Err("misbehave: mode kv-probe needs a bucket".to_owned());
        }
        Ok(config)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_mode() {
        let c = Config::parse(r#"{"mode":"loop","trigger":"LOOP"}"#).expect("valid");
        assert_eq!(c.mode, Mode::Loop);
        assert_eq!(c.trigger, "LOOP");
        let c = Config::parse(r#"{"mode":"kv-probe","bucket":"carewire_consent"}"#).expect("valid");
        assert_eq!(c.bucket.as_deref(), Some("carewire_consent"));
        for mode in ["trap", "alloc", "error"] {
            assert!(Config::parse(&format!(r#"{{"mode":"{mode}"}}"#)).is_ok());
        }
    }

    #[test]
    fn init_error_mode_fails_init() {
        assert_eq!(
            Config::parse(r#"{"mode":"init-error"}"#),
            Err("misbehave_init_error".to_owned())
        );
    }

    #[test]
    fn bad_configs_are_rejected() {
        assert!(Config::parse("not json").is_err());
        assert!(Config::parse(r#"{"mode":"explode"}"#).is_err());
        assert!(Config::parse(r#"{"mode":"kv-probe"}"#).is_err());
    }
}
