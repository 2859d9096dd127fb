//! The shape of a carewire plugin: its config, parsed once at `init`, and
//! its decision on each message from plain values, so the logic unit-tests
//! natively. [`plugin!`](crate::plugin!) turns it into the component's
//! exports.

use crate::{Kv, Message, Verdict};

/// A carewire plugin. The host calls [`Plugin::configure`] once with the
/// `[plugins.config]` table as JSON (empty when there is none), then
/// [`Plugin::decide`] for each message, within the plugin's time budget.
/// An `Err` from either is a plugin failure: the host applies the plugin's
/// `on_failure` policy (fail closed). Error texts must name keys and codes,
/// never message data.
pub trait Plugin {
    /// What `configure` builds from the config: parsed settings, compiled
    /// tables.
    type Config: 'static;

    /// Parses and checks the config; also the place to warm up anything the
    /// first message should not pay for.
    fn configure(config: &str) -> Result<Self::Config, String>;

    /// The verdict on one message: `kv` reads the buckets the plugin is
    /// granted, `now_ms` is the message's time.
    fn decide(
        config: &Self::Config,
        message: &Message,
        kv: &dyn Kv,
        now_ms: i64,
    ) -> Result<Verdict, String>;
}

/// Exports a [`Plugin`] as the component's `filter` (in a component build;
/// on a native target it expands to nothing, so the crate also tests
/// natively):
///
/// ```text
/// carewire_plugin_sdk::plugin!(MyPlugin);
/// ```
#[macro_export]
macro_rules! plugin {
    ($plugin:ty) => {
        #[cfg(target_arch = "wasm32")]
        const _: () = {
            static CONFIG: $crate::PluginState<<$plugin as $crate::Plugin>::Config> =
                $crate::PluginState::new();

            struct Component;

            impl $crate::Guest for Component {
                fn init(
                    config: ::std::string::String,
                ) -> ::std::result::Result<(), ::std::string::String> {
                    CONFIG.set(<$plugin as $crate::Plugin>::configure(&config)?);
                    Ok(())
                }

                fn process(
                    message: $crate::Message,
                ) -> ::std::result::Result<$crate::Verdict, ::std::string::String> {
                    CONFIG.with(|config| {
                        <$plugin as $crate::Plugin>::decide(
                            config,
                            &message,
                            &$crate::HostKv,
                            $crate::now_ms(),
                        )
                    })?
                }
            }

    $crate::export!(Component with_types_in $crate::bindings);
        };
    };
}
