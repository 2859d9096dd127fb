//! What to do with one message, and the misbehaviours themselves.

use carewire_plugin_sdk::{BodyReplacement, Channel, Kv, Label, Message, Verdict, kv};

use crate::config::{Config, Mode};

/// The decision for one message. The harmful actions are carried out by
/// [`run`] so the decision can be unit-tested natively.
#[derive(Debug, PartialEq, Eq)]
pub enum Action {
    Answer(Result<Verdict, String>),
    Trap,
    Loop,
    Alloc,
    /// Needs the host's WASI: carried out by [`crate::probes`] (wasm only).
    Wasi(Probe),
}

/// What [`crate::probes`] does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    Sleep,
    HostSpin,
    Clock,
    Fs,
    Env,
    Net,
    /// Hold this many pollables.
    Resources(usize),
    /// Log this many events.
    PhiLog(usize),
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
        Mode::Sleep => Action::Wasi(Probe::Sleep),
        Mode::HostSpin => Action::Wasi(Probe::HostSpin),
        Mode::ClockProbe => Action::Wasi(Probe::Clock),
        Mode::FsProbe => Action::Wasi(Probe::Fs),
        Mode::EnvProbe => Action::Wasi(Probe::Env),
        Mode::NetProbe => Action::Wasi(Probe::Net),
        Mode::FloodResources => Action::Wasi(Probe::Resources(config.count)),
        Mode::PhiLog => Action::Wasi(Probe::PhiLog(config.count)),
        // Built field by field: the SDK's builders refuse non-codes.
        Mode::FloodReasons => {
            let mut verdict = Verdict::pass();
            verdict.reasons = vec!["flood".to_owned(); config.count];
            Action::Answer(Ok(verdict))
        }
        Mode::FloodLabels => {
            let mut verdict = Verdict::pass();
            let label = Label {
                key: "flood".to_owned(),
                value: "flood".to_owned(),
            };
            verdict.labels = vec![label; config.count];
            Action::Answer(Ok(verdict))
        }
        Mode::FloodBody => {
            let mut verdict = Verdict::pass().reason("misbehave_flood");
            for channel in [Channel::Sms, Channel::Portal] {
                verdict.bodies.push(BodyReplacement {
                    channel,
                    body: "x".repeat(config.count),
                });
            }
            Action::Answer(Ok(verdict))
        }
        Mode::EmitCode => {
            let mut verdict = Verdict::pass();
            verdict.reasons.push(config.code.clone());
            Action::Answer(Ok(verdict))
        }
    }
}

/// Carries out an action. `Trap`, `Loop` and `Alloc` never return.
pub fn run(action: Action) -> Result<Verdict, String> {
    match action {
        Action::Answer(answer) => answer,
        Action::Trap => trap(),
        Action::Loop => spin_forever(),
        Action::Alloc => allocate_forever(),
        Action::Wasi(probe) => wasi(probe),
    }
}

#[cfg(target_arch = "wasm32")]
fn wasi(probe: Probe) -> Result<Verdict, String> {
    Ok(crate::probes::run(probe))
}

#[cfg(not(target_arch = "wasm32"))]
fn wasi(probe: Probe) -> Result<Verdict, String> {
    panic!("{probe:?} needs the host's WASI: run it inside carewire")
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
    fn floods_and_codes_are_answers() {
        let msg = testing::message("x");
        let kv = MapKv::new();
        let answer = |json: &str| match decide(&config(json), &msg, &kv) {
            Action::Answer(Ok(v)) => v,
            other => panic!("expected a verdict, got {other:?}"),
        };
        assert_eq!(
            answer(r#"{"mode":"flood-reasons","count":7}"#)
                .reasons
                .len(),
            7
        );
        assert_eq!(
            answer(r#"{"mode":"flood-labels","count":3}"#).labels.len(),
            3
        );
        let body = answer(r#"{"mode":"flood-body","count":10}"#);
        assert_eq!(body.body_for(Channel::Sms).map(str::len), Some(10));
        let code = answer(r#"{"mode":"emit-code","code":"maria.lopez"}"#);
        assert_eq!(code.reasons, vec!["maria.lopez".to_owned()]);
        assert_eq!(
            decide(&config(r#"{"mode":"sleep"}"#), &msg, &kv),
            Action::Wasi(Probe::Sleep)
        );
        assert_eq!(
            decide(
                &config(r#"{"mode":"flood-resources","count":5}"#),
                &msg,
                &kv
            ),
            Action::Wasi(Probe::Resources(5))
        );
    }

    #[test]
    #[should_panic(expected = "misbehave_trap")]
    fn trap_panics_natively() {
        let _ = run(Action::Trap);
    }
}
