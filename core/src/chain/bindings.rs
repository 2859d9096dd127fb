//! The one place that generates bindings for the WIT world `carewire:plugin/plugin`.
//! Everything else uses the types from here.

wasmtime::component::bindgen!({
    world: "plugin",
    path: "../wit",
});

pub use self::carewire::plugin::host::{KvError, LogLevel};
pub use self::carewire::plugin::types as wit;
