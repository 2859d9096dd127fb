//! What to do with one message, and the misbehaviours themselves.

use carewire_plugin_sdk::{Kv, Message, Verdict, kv};

use crate::config::{Config, Mode};

/// The decision for one message. The harmful actions are carried out by
/// [`run`] so the decision can be unit-tested natively.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    Answer(Result<Verdict, String>),
    Trap,
    Loop,
    Alloc,
}

pub fn decide(config: &Config, message: &Message, kv: &dyn Kv) -> Action {
    if !message.body.contains(config.trigger.as_str()) {
        return Action::Answer(Ok(Verdict::pass().reason("misbehave_idle")));
    }
    match config.mode {
        Mode::Trap => Action::Trap,
        Mode::Loop => Action::Loop,
        Mode::Alloc => Action::Alloc,
        Mode::Error => Action::Answer(Err("misbehave_error".to_owned())),
        Mode::KvProbe => {
            let bucket = config.bucket.as_deref().unwrap_or_default();
            let outcome = kv::outcome_code(&kv.get(bucket, &message.patient.id));
            Action::Answer(Ok(Verdict::pass().label("kv", outcome).reason("kv_probe")))
        }
        // init refuses this mode, so it cannot get here; answer safely anyway.
        Mode::InitError => Action::Answer(Err("misbehave_init_error".to_owned())),
    }
}

/// Carries out an action. `Trap`, `Loop` and `Alloc` never return.
pub fn run(action: Action) -> Result<Verdict, String> {
    match action {
        Action::Answer(answer) => answer,
        Action::Trap => trap(),
        Action::Loop => spin_forever(),
        Action::Alloc => allocate_forever(),
    }
}

fn trap() -> ! {
    #[cfg(target_arch = "wasm32")]
    core::arch::wasm32::unreachable();
    #[cfg(not(target_arch = "wasm32"))]
    panic!("misbehave_trap");
}

fn spin_forever() -> ! {
    let mut counter: u64 = 0;
    loop {
        // black_box keeps the optimiser from proving the loop useless.
        counter = std::hint::black_box(counter.wrapping_add(1));
    }
}

fn allocate_forever() -> ! {
    const CHUNK: usize = 1 << 20;
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    loop {
        let mut chunk = vec![0u8; CHUNK];
        // Touch every page so the memory is really committed.
        for byte in chunk.iter_mut().step_by(4096) {
            *byte = 1;
        }
        chunks.push(std::hint::black_box(chunk));
    }
}

#[cfg(test)]
mod tests {
    use carewire_plugin_sdk::{KvError, MapKv, testing};

    use super::*;

    fn config(json: &str) -> Config {
        Config::parse(json).expect("valid test config")
    }

    #[test]
    fn idle_without_trigger() {
        let c = config(r#"{"mode":"trap","trigger":"BOOM"}"#);
        let action = decide(&c, &testing::message("hello"), &MapKv::new());
        let Action::Answer(Ok(verdict)) = action else {
            panic!("expected an answer, got {action:?}");
        };
        assert_eq!(verdict, Verdict::pass().reason("misbehave_idle"));
    }

    #[test]
    fn trigger_selects_the_misbehaviour() {
        let msg = testing::message("please BOOM now");
        let kv = MapKv::new();
        assert_eq!(
            decide(&config(r#"{"mode":"trap","trigger":"BOOM"}"#), &msg, &kv),
            Action::Trap
        );
        assert_eq!(
            decide(&config(r#"{"mode":"loop","trigger":"BOOM"}"#), &msg, &kv),
            Action::Loop
        );
        assert_eq!(
            decide(&config(r#"{"mode":"alloc","trigger":"BOOM"}"#), &msg, &kv),
            Action::Alloc
        );
        assert_eq!(
            run(decide(
                &config(r#"{"mode":"error","trigger":"BOOM"}"#),
                &msg,
                &kv
            )),
            Err("misbehave_error".to_owned())
        );
    }

    #[test]
    fn kv_probe_reports_each_outcome() {
        let c = config(r#"{"mode":"kv-probe","trigger":"","bucket":"b"}"#);
        let msg = testing::message("x");
        let probe = |kv: &dyn Kv| match run(decide(&c, &msg, kv)) {
            Ok(v) => {
                assert!(v.has_reason("kv_probe"));
                v.label_value("kv").map(str::to_owned)
            }
            Err(e) => panic!("unexpected error {e}"),
        };
        assert_eq!(
            probe(&MapKv::new().with("b", "p-1", "{}")).as_deref(),
            Some("found")
        );
        assert_eq!(probe(&MapKv::new()).as_deref(), Some("missing"));
        assert_eq!(
            probe(&MapKv::failing(KvError::Denied)).as_deref(),
            Some("denied")
        );
        assert_eq!(
            probe(&MapKv::failing(KvError::Unavailable)).as_deref(),
            Some("unavailable")
        );
    }

    #[test]
    #[should_panic(expected = "misbehave_trap")]
    fn trap_panics_natively() {
        let _ = run(Action::Trap);
    }
}
