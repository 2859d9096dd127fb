//! The WASI a plugin sees (its state is [`super::sandbox`]). Components built by the usual toolchains (Rust
//! for wasm32-wasip2, componentize-py, componentize-js) import WASI
//! interfaces whether or not they use them, so every interface of the
//! `wasi:cli` world stays resolvable; none of them reaches the host:
//!
//! - virtual: the wall clock answers the message's `now` (the Unix epoch
//!   during `init`), the monotonic clock is frozen at the same instant,
//!   random numbers come from a generator seeded by the plugin's name, the
//!   message id and `now` (so `carewire replay --now` gives the same answers
//!   every run), and nothing ever waits: a clock subscription (a sleep) is
//!   ready at once, and a `poll` or `block` on anything that is not ready
//!   traps instead of blocking the worker, so the epoch deadline governs;
//! - empty: no environment, no arguments, no stdin; stdout and stderr are
//!   discarded; no preopened directory, so no file can be opened;
//! - denied: every socket, UDP and name lookup is refused (`access-denied`);
//! - refused: `exit` traps.
//!
//! Any other `wasi:` interface a component imports (another proposal, or
//! another major version) links, and traps when called ([`trap_unlent`]).

use futures::FutureExt;
use rand::RngCore;
use wasmtime::component::types::ComponentItem;
use wasmtime::component::{
    Component, HasData, HasSelf, Linker, LinkerInstance, Resource, ResourceTable, ResourceType,
};
use wasmtime_wasi::WasiView;
use wasmtime_wasi::cli::{WasiCli, WasiCliView};
use wasmtime_wasi::filesystem::{WasiFilesystem, WasiFilesystemView};
use wasmtime_wasi::p2::bindings::{self as wasi, sync as wasi_sync};
use wasmtime_wasi::p2::{DynPollable, Pollable, subscribe};
use wasmtime_wasi::sockets::{WasiSockets, WasiSocketsView};

use super::host::HostState;

/// The interfaces [`add_to_linker`] lends: the whole `wasi:cli` world of
/// WASI 0.2. An import of any 0.2.x version of them resolves to them.
const LENT: [&str; 27] = [
    "wasi:cli/environment",
    "wasi:cli/exit",
    "wasi:cli/stdin",
    "wasi:cli/stdout",
    "wasi:cli/stderr",
    "wasi:cli/terminal-input",
    "wasi:cli/terminal-output",
    "wasi:cli/terminal-stdin",
    "wasi:cli/terminal-stdout",
    "wasi:cli/terminal-stderr",
    "wasi:clocks/wall-clock",
    "wasi:clocks/monotonic-clock",
    "wasi:filesystem/types",
    "wasi:filesystem/preopens",
    "wasi:io/error",
    "wasi:io/poll",
    "wasi:io/streams",
    "wasi:random/random",
    "wasi:random/insecure",
    "wasi:random/insecure-seed",
    "wasi:sockets/network",
    "wasi:sockets/instance-network",
    "wasi:sockets/udp",
    "wasi:sockets/udp-create-socket",
    "wasi:sockets/tcp",
    "wasi:sockets/tcp-create-socket",
    "wasi:sockets/ip-name-lookup",
];

/// Whether [`add_to_linker`] lends the interface an import names
/// (`wasi:cli/environment@0.2.0`).
fn lends(import: &str) -> bool {
    import.split_once('@').is_some_and(|(interface, version)| {
        version.starts_with("0.2.") && LENT.contains(&interface)
    })
}

/// Links every `wasi:` interface `component` imports that [`add_to_linker`]
/// does not lend, so that it instantiates and a call traps.
/// (`Linker::define_unknown_imports_as_traps` would also shadow the lent
/// interfaces a component imports under an older 0.2.x version, as
/// componentize-py's do, with traps.)
pub fn trap_unlent(
    linker: &mut Linker<HostState>,
    component: &Component,
    engine: &wasmtime::Engine,
) -> wasmtime::Result<()> {
    let mut root = linker.root();
    for (import, item) in component.component_type().imports(engine) {
        if import.starts_with("wasi:") && !lends(import) {
            stub(&mut root, import, import, item.ty, engine)?;
        }
    }
    Ok(())
}

fn stub(
    linker: &mut LinkerInstance<'_, HostState>,
    path: &str,
    name: &str,
    item: ComponentItem,
    engine: &wasmtime::Engine,
) -> wasmtime::Result<()> {
    match item {
        ComponentItem::ComponentFunc(_) => {
            let called = format!("a plugin called {path}, which carewire does not lend");
            linker.func_new(name, move |_, _, _, _| {
                Err(wasmtime::Error::msg(called.clone()))
            })
        }
        ComponentItem::ComponentInstance(instance) => {
            let mut inner = linker.instance(name)?;
            for (export, item) in instance.exports(engine) {
                stub(
                    &mut inner,
                    &format!("{path}#{export}"),
                    export,
                    item.ty,
                    engine,
                )?;
            }
            Ok(())
        }
        ComponentItem::Resource(_) => {
            linker.resource(name, ResourceType::host::<()>(), |_, _| Ok(()))
        }
        _ => Ok(()),
    }
}

/// [`HasData`] for the interfaces that only need the resource table.
struct Table;

impl HasData for Table {
    type Data<'a> = &'a mut ResourceTable;
}

/// Adds every `wasi:cli` world interface, as described in the module
/// documentation.
pub fn add_to_linker(linker: &mut Linker<HostState>) -> wasmtime::Result<()> {
    type Virtual = HasSelf<HostState>;
    let l = linker;
    // Virtual: answered by this module.
    wasi::clocks::wall_clock::add_to_linker::<_, Virtual>(l, |s| s)?;
    wasi::clocks::monotonic_clock::add_to_linker::<_, Virtual>(l, |s| s)?;
    wasi::random::random::add_to_linker::<_, Virtual>(l, |s| s)?;
    wasi::random::insecure::add_to_linker::<_, Virtual>(l, |s| s)?;
    wasi::random::insecure_seed::add_to_linker::<_, Virtual>(l, |s| s)?;
    wasi::cli::environment::add_to_linker::<_, Virtual>(l, |s| s)?;
    wasi::cli::exit::add_to_linker::<_, Virtual>(l, |s| s)?;
    wasi_sync::io::poll::add_to_linker::<_, Virtual>(l, |s| s)?;
    // Empty: wasmtime-wasi's own implementation over `empty_context`.
    wasi::io::error::add_to_linker::<_, Table>(l, |s| s.ctx().table)?;
    wasi_sync::io::streams::add_to_linker::<_, Table>(l, |s| s.ctx().table)?;
    wasi::cli::stdin::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::cli::stdout::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::cli::stderr::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::cli::terminal_input::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::cli::terminal_output::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::cli::terminal_stdin::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::cli::terminal_stdout::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::cli::terminal_stderr::add_to_linker::<_, WasiCli>(l, |s| s.cli())?;
    wasi::filesystem::preopens::add_to_linker::<_, WasiFilesystem>(l, |s| s.filesystem())?;
    wasi_sync::filesystem::types::add_to_linker::<_, WasiFilesystem>(l, |s| s.filesystem())?;
    // Denied: wasmtime-wasi's sockets over a context that allows no use.
    let network = wasi::sockets::network::LinkOptions::default();
    wasi::sockets::network::add_to_linker::<_, WasiSockets>(l, &network, |s| s.sockets())?;
    wasi::sockets::instance_network::add_to_linker::<_, WasiSockets>(l, |s| s.sockets())?;
    wasi::sockets::tcp_create_socket::add_to_linker::<_, WasiSockets>(l, |s| s.sockets())?;
    wasi::sockets::ip_name_lookup::add_to_linker::<_, WasiSockets>(l, |s| s.sockets())?;
    wasi_sync::sockets::tcp::add_to_linker::<_, WasiSockets>(l, |s| s.sockets())?;
    wasi_sync::sockets::udp::add_to_linker::<_, WasiSockets>(l, |s| s.sockets())?;
    wasi_sync::sockets::udp_create_socket::add_to_linker::<_, WasiSockets>(l, |s| s.sockets())?;
    Ok(())
}

/// What a clock subscription becomes: ready at once (time is virtual).
struct Elapsed;

#[wasmtime_wasi::async_trait]
impl Pollable for Elapsed {
    async fn ready(&mut self) {}
}

impl HostState {
    fn elapsed(&mut self) -> wasmtime::Result<Resource<DynPollable>> {
        let table = self.ctx().table;
        let pushed = match table.push(Elapsed) {
            Ok(elapsed) => subscribe(table, elapsed),
            Err(e) => Err(e.into()),
        };
        pushed.inspect_err(|_| self.limits.refuse())
    }
}

impl wasi::clocks::wall_clock::Host for HostState {
    fn now(&mut self) -> wasmtime::Result<wasi::clocks::wall_clock::Datetime> {
        let ns = self.sandbox.now_ns();
        Ok(wasi::clocks::wall_clock::Datetime {
            seconds: ns / 1_000_000_000,
            nanoseconds: u32::try_from(ns % 1_000_000_000)?,
        })
    }

    fn resolution(&mut self) -> wasmtime::Result<wasi::clocks::wall_clock::Datetime> {
        Ok(wasi::clocks::wall_clock::Datetime {
            seconds: 0,
            nanoseconds: 1_000_000,
        })
    }
}

impl wasi::clocks::monotonic_clock::Host for HostState {
    fn now(&mut self) -> wasmtime::Result<u64> {
        Ok(self.sandbox.now_ns())
    }

    fn resolution(&mut self) -> wasmtime::Result<u64> {
        Ok(1_000_000)
    }

    fn subscribe_instant(&mut self, _when: u64) -> wasmtime::Result<Resource<DynPollable>> {
        self.elapsed()
    }

    fn subscribe_duration(&mut self, _duration: u64) -> wasmtime::Result<Resource<DynPollable>> {
        self.elapsed()
    }
}

impl wasi::random::random::Host for HostState {
    fn get_random_bytes(&mut self, len: u64) -> wasmtime::Result<Vec<u8>> {
        self.sandbox
            .random_bytes(len)
            .inspect_err(|_| self.limits.refuse())
    }

    fn get_random_u64(&mut self) -> wasmtime::Result<u64> {
        Ok(self.sandbox.rng().next_u64())
    }
}

impl wasi::random::insecure::Host for HostState {
    fn get_insecure_random_bytes(&mut self, len: u64) -> wasmtime::Result<Vec<u8>> {
        self.sandbox
            .random_bytes(len)
            .inspect_err(|_| self.limits.refuse())
    }

    fn get_insecure_random_u64(&mut self) -> wasmtime::Result<u64> {
        Ok(self.sandbox.rng().next_u64())
    }
}

impl wasi::random::insecure_seed::Host for HostState {
    fn insecure_seed(&mut self) -> wasmtime::Result<(u64, u64)> {
        let rng = self.sandbox.rng();
        Ok((rng.next_u64(), rng.next_u64()))
    }
}

impl wasi::cli::environment::Host for HostState {
    fn get_environment(&mut self) -> wasmtime::Result<Vec<(String, String)>> {
        Ok(Vec::new())
    }

    fn get_arguments(&mut self) -> wasmtime::Result<Vec<String>> {
        Ok(Vec::new())
    }

    fn initial_cwd(&mut self) -> wasmtime::Result<Option<String>> {
        Ok(None)
    }
}

impl wasi::cli::exit::Host for HostState {
    fn exit(&mut self, _status: Result<(), ()>) -> wasmtime::Result<()> {
        wasmtime::bail!("a plugin called wasi:cli/exit")
    }

    fn exit_with_code(&mut self, _status_code: u8) -> wasmtime::Result<()> {
        wasmtime::bail!("a plugin called wasi:cli/exit")
    }
}

/// Waits for nothing: what is ready answers at once, anything else traps.
impl wasi_sync::io::poll::Host for HostState {
    fn poll(&mut self, pollables: Vec<Resource<DynPollable>>) -> wasmtime::Result<Vec<u32>> {
        match wasi::io::poll::Host::poll(self.ctx().table, pollables).now_or_never() {
            Some(ready) => ready,
            None => wasmtime::bail!("a plugin would wait in wasi:io/poll"),
        }
    }
}

impl wasi_sync::io::poll::HostPollable for HostState {
    fn ready(&mut self, pollable: Resource<DynPollable>) -> wasmtime::Result<bool> {
        wasi::io::poll::HostPollable::ready(self.ctx().table, pollable)
            .now_or_never()
            .unwrap_or(Ok(false))
    }

    fn block(&mut self, pollable: Resource<DynPollable>) -> wasmtime::Result<()> {
        match wasi::io::poll::HostPollable::block(self.ctx().table, pollable).now_or_never() {
            Some(done) => done,
            None => wasmtime::bail!("a plugin would wait in wasi:io/poll"),
        }
    }

    fn drop(&mut self, pollable: Resource<DynPollable>) -> wasmtime::Result<()> {
        wasi::io::poll::HostPollable::drop(self.ctx().table, pollable)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_wasi_0_2_version_of_the_lent_interfaces_is_lent() {
        assert!(lends("wasi:cli/environment@0.2.0"));
        assert!(lends("wasi:io/poll@0.2.12"));
        assert!(lends("wasi:sockets/tcp@0.2.9"));
        assert!(!lends("wasi:cli/environment@0.3.0"));
        assert!(!lends("wasi:http/types@0.2.0"));
        assert!(!lends("wasi:cli/environment"));
    }
}
