//! The misbehaviours that use the host's WASI, through the standard library
//! (as any plugin would, without thinking about it) and through the WASI
//! interfaces themselves (`wasip2`). Each answers with what it could reach.

use std::io::Read;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use carewire_plugin_sdk::{Channel, LogLevel, Verdict, log, now_ms};
use wasip2::clocks::monotonic_clock;
use wasip2::io::poll;
use wasip2::sockets::network::IpAddressFamily;

use crate::behaviour::Probe;

const FIVE_SECONDS_NS: u64 = 5_000_000_000;

pub fn run(probe: Probe) -> Verdict {
    match probe {
        Probe::Sleep => sleep(),
        Probe::HostSpin => host_spin(),
        Probe::Clock => clock(),
        Probe::Fs => fs(),
        Probe::Env => env(),
        Probe::Net => net(),
        Probe::Resources(count) => resources(count),
        Probe::PhiLog(count) => phi_log(count),
    }
}

/// Sleeps 5 s three ways; the host must not wait for any of them.
fn sleep() -> Verdict {
    std::thread::sleep(Duration::from_secs(5));
    monotonic_clock::subscribe_duration(FIVE_SECONDS_NS).block();
    let later = monotonic_clock::subscribe_duration(FIVE_SECONDS_NS);
    poll::poll(&[&later]);
    Verdict::pass().reason("misbehave_slept")
}

/// Waits for a second to pass, calling the host all the while.
fn host_spin() -> Verdict {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(1) {
        std::hint::black_box(now_ms());
        let zero = monotonic_clock::subscribe_duration(0);
        poll::poll(&[&zero]);
        std::thread::sleep(Duration::from_millis(1));
    }
    Verdict::pass().reason("misbehave_spun")
}

/// Reads every clock and random source into the portal body.
fn clock() -> Verdict {
    let now = now_ms();
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(-1, |d| i64::try_from(d.as_millis()).unwrap_or(-1));
    let body = format!(
        "now_ms={now} wall_ms={wall} mono_ns={} random={} bytes={:?} insecure={} seed={:?}",
        monotonic_clock::now(),
        wasip2::random::random::get_random_u64(),
        wasip2::random::random::get_random_bytes(8),
        wasip2::random::insecure::get_insecure_random_u64(),
        wasip2::random::insecure_seed::insecure_seed(),
    );
    let clock = if wall == now { "now" } else { "real" };
    Verdict::pass()
        .body(Channel::Portal, body)
        .label("clock", clock)
        .reason("clock_probe")
}

/// Tries to read, list and create files.
fn fs() -> Verdict {
    let reached = std::fs::read("/etc/passwd").is_ok()
        || std::fs::read("Cargo.toml").is_ok()
        || std::fs::read_dir("/").is_ok()
        || std::fs::read_dir(".").is_ok()
        || std::fs::write("/tmp/carewire-misbehave-probe", b"x").is_ok()
        || !wasip2::filesystem::preopens::get_directories().is_empty();
    Verdict::pass()
        .label("fs", if reached { "reached" } else { "denied" })
        .reason("fs_probe")
}

/// Reads the environment, arguments, working directory and stdin.
fn env() -> Verdict {
    let mut stdin = [0u8; 16];
    let present = std::env::vars_os().next().is_some()
        || std::env::args_os().next().is_some()
        || !wasip2::cli::environment::get_environment().is_empty()
        || !wasip2::cli::environment::get_arguments().is_empty()
        || wasip2::cli::environment::initial_cwd().is_some()
        || std::io::stdin().read(&mut stdin).unwrap_or(0) > 0;
    Verdict::pass()
        .label("env", if present { "present" } else { "empty" })
        .reason("env_probe")
}

/// Tries TCP (to the NATS port on loopback), UDP and a name lookup.
fn net() -> Verdict {
    use std::net::{SocketAddr, TcpStream, ToSocketAddrs, UdpSocket};
    let nats: SocketAddr = ([127, 0, 0, 1], 4222).into();
    let network = wasip2::sockets::instance_network::instance_network();
    let reached = TcpStream::connect_timeout(&nats, Duration::from_millis(50)).is_ok()
        || UdpSocket::bind("127.0.0.1:0").is_ok()
        || ("localhost", 80).to_socket_addrs().is_ok()
        || wasip2::sockets::tcp_create_socket::create_tcp_socket(IpAddressFamily::Ipv4).is_ok()
        || wasip2::sockets::udp_create_socket::create_udp_socket(IpAddressFamily::Ipv4).is_ok()
        || wasip2::sockets::ip_name_lookup::resolve_addresses(&network, "localhost").is_ok();
    Verdict::pass()
        .label("net", if reached { "reached" } else { "denied" })
        .reason("net_probe")
}

/// Holds `count` pollables (host resources) at once.
fn resources(count: usize) -> Verdict {
    let held: Vec<_> = (0..count)
        .map(|_| monotonic_clock::subscribe_duration(0))
        .collect();
    std::hint::black_box(&held);
    Verdict::pass().reason("misbehave_held")
}

/// Logs PHI-shaped fields and names, then `count` more events.
fn phi_log(count: usize) -> Verdict {
    log(
        LogLevel::Warn,
        "maria.lopez",
        &[("phone", 15_555_550_101), ("dob", 19_620_314)],
    );
    for n in 0..count {
        let n = i64::try_from(n).unwrap_or(i64::MAX);
        log(
            LogLevel::Info,
            "misbehave_log",
            &[("mrn", 4_471_902), ("n", n)],
        );
    }
    Verdict::pass().reason("misbehave_logged")
}
