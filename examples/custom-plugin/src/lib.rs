//! An example carewire plugin, small enough to read in one sitting: a
//! health system's per-category channel policy. Its config lists categories
//! that must never go by SMS (say `billing`) and categories that must reach
//! the portal (say `lab_result`):
//!
//! ```json
//! {"no_sms": ["billing"], "portal_only": ["lab_result"]}
//! ```
//!
//! The logic ([`decide`]) is plain Rust over plain values, so it unit-tests
//! natively; the component glue is the `Guest` impl and one `export!`.

use carewire_plugin_sdk::{Channel, Guest, Message, PluginState, Verdict};
use serde::Deserialize;

/// The plugin's config, from its `[plugins.config]` table.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Policy {
    /// Categories that must not go out by SMS.
    #[serde(default)]
    pub no_sms: Vec<String>,
    /// Categories that must go to the portal (neither SMS nor anything else
    /// unless a later plugin requires escalation).
    #[serde(default)]
    pub portal_only: Vec<String>,
}

impl Policy {
    /// Parses the config JSON; the error names the problem, never message data.
    pub fn parse(json: &str) -> Result<Self, String> {
        if json.trim().is_empty() {
            return Ok(Self::default());
        }
        serde_json::from_str(json).map_err(|e| format!("category-policy config: {e}"))
    }
}

/// What the policy says about one message.
pub fn decide(policy: &Policy, message: &Message) -> Verdict {
    let category = message.category.as_str();
    if policy.portal_only.iter().any(|c| c == category) {
        return Verdict::pass()
            .deny(Channel::Sms)
            .require(Channel::Portal)
            .reason("category_portal_only");
    }
    if policy.no_sms.iter().any(|c| c == category) {
        return Verdict::deny_sms("category_no_sms");
    }
    Verdict::pass().reason("category_allowed")
}

static POLICY: PluginState<Policy> = PluginState::new();

pub struct CategoryPolicy;

impl Guest for CategoryPolicy {
    fn init(config: String) -> Result<(), String> {
        POLICY.set(Policy::parse(&config)?);
        Ok(())
    }

    fn process(message: Message) -> Result<Verdict, String> {
        POLICY.with(|policy| decide(policy, &message))
    }
}

#[cfg(target_arch = "wasm32")]
carewire_plugin_sdk::export!(CategoryPolicy with_types_in carewire_plugin_sdk::bindings);

#[cfg(test)]
mod tests {
    use super::*;
    use carewire_plugin_sdk::testing;

    fn with_category(category: &str) -> Message {
        let mut m = testing::message("Your statement is ready.");
        m.category = category.to_string();
        m
    }

    fn policy() -> Policy {
        Policy::parse(r#"{"no_sms": ["billing"], "portal_only": ["lab_result"]}"#).unwrap()
    }

    #[test]
    fn billing_never_goes_by_sms() {
        let v = decide(&policy(), &with_category("billing"));
        assert!(v.denies(Channel::Sms));
        assert!(v.has_reason("category_no_sms"));
    }

    #[test]
    fn lab_results_require_the_portal() {
        let v = decide(&policy(), &with_category("lab_result"));
        assert!(v.denies(Channel::Sms));
        assert_eq!(v.require, Some(Channel::Portal));
    }

    #[test]
    fn other_categories_pass() {
        let v = decide(&policy(), &with_category("appointment_reminder"));
        assert!(!v.denies(Channel::Sms));
        assert!(v.has_reason("category_allowed"));
    }

    #[test]
    fn unknown_config_keys_are_refused() {
        assert!(Policy::parse(r#"{"no_sms": [], "nosms": []}"#).is_err());
    }
}
