//! The one place that generates bindings for the WIT world `carewire:plugin/plugin`.
//! Everything else uses the types from here.

wasmtime::component::bindgen!({
    world: "plugin",
    path: "../wit",
});

pub use carewire::plugin::host::{KvError, LogLevel};
pub use carewire::plugin::types as wit;
