//! The plugin's config: `{"mode": ..., "trigger": "<substring>", "bucket": "<name>",
//! "count": <n>, "code": "<string>"}`.

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
    /// Sleep 5 s through WASI: `std::thread::sleep`, `pollable.block`, `poll`.
    Sleep,
    /// Spin in host calls (clocks, zero sleeps, `poll`, `now-ms`) until the
    /// monotonic clock has moved on by a second.
    HostSpin,
    /// Put the wall and monotonic clocks, random numbers and `now-ms` in
    /// the portal body; label `clock` = `now` or `real`.
    ClockProbe,
    /// Try to read, list and create files; label `fs` = `denied` or `reached`.
    FsProbe,
    /// Read the environment, arguments, working directory and stdin; label
    /// `env` = `empty` or `present`.
    EnvProbe,
    /// Try TCP, UDP and a name lookup; label `net` = `denied` or `reached`.
    NetProbe,
    /// `count` reason codes.
    FloodReasons,
    /// `count` labels.
    FloodLabels,
    /// SMS and portal bodies of `count` bytes each.
    FloodBody,
    /// Hold `count` WASI pollables at once.
    FloodResources,
    /// Answer with `code` as a reason code.
    EmitCode,
    /// Log a phone number and a birth date as fields, and `count` events.
    PhiLog,
}

#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Config {
    pub mode: Mode,
    #[serde(default)]
    pub trigger: String,
    #[serde(default)]
    pub bucket: Option<String>,
    /// How many (reasons, labels, body bytes, resources, log events).
    #[serde(default = "default_count")]
    pub count: usize,
    /// The code `emit-code` answers with.
    #[serde(default)]
    pub code: String,
}

fn default_count() -> usize {
    100_000
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
