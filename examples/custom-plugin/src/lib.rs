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
//! natively; the SDK's [`Plugin`] trait names the config and the decision,
//! and one `plugin!` line makes it a component.

use carewire_plugin_sdk::{Channel, Kv, Message, Plugin, Verdict};
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

pub struct CategoryPolicy;

impl Plugin for CategoryPolicy {
    type Config = Policy;

    fn configure(config: &str) -> Result<Policy, String> {
        Policy::parse(config)
    }

    fn decide(policy: &Policy, message: &Message, _: &dyn Kv, _: i64) -> Result<Verdict, String> {
        Ok(decide(policy, message))
    }
}

carewire_plugin_sdk::plugin!(CategoryPolicy);

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
