//! Choosing exactly one channel, or none: urgent messages escalate; others
//! take the first allowed channel of the configured preference; when nothing
//! is allowed the message is `undeliverable` and a person must see it.

use std::collections::BTreeMap;

use serde::Serialize;

use crate::common::channel::Channel;
use crate::envelope::Envelope;
use crate::route::Folded;

/// Where a valid message ends up.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    Deliver(Channel),
    /// No channel may take it; the code says why.
    Undeliverable(String),
}

/// The body each channel would carry (the original unless a plugin replaced it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ChannelBodies {
    pub sms: String,
    pub portal: String,
    pub escalation: String,
}

impl ChannelBodies {
    pub fn get(&self, channel: Channel) -> &str {
        match channel {
            Channel::Sms => &self.sms,
            Channel::Portal => &self.portal,
            Channel::Escalation => &self.escalation,
        }
    }
}

/// The router's answer for one message.
#[derive(Debug, Clone)]
pub struct Routed {
    pub route: Route,
    pub bodies: ChannelBodies,
    pub labels: BTreeMap<String, String>,
    pub reasons: Vec<String>,
    /// For an SMS: the channel to take instead if the SMS cannot go after
    /// all (the patient opts out while it waits, or it is too long).
    pub fallback: Option<Channel>,
}

/// Whether a channel can carry this message at all, before any plugin's say.
fn reachable(channel: Channel, envelope: &Envelope) -> bool {
    match channel {
        Channel::Sms => envelope
            .recipient
            .phone
            .as_deref()
            .is_some_and(|p| !p.trim().is_empty()),
        Channel::Portal | Channel::Escalation => true,
    }
}

/// Picks the channel for a message from the folded verdicts.
pub fn route(folded: Folded, envelope: &Envelope, preference: &[Channel]) -> Routed {
    let Folded {
        halted,
        denied,
        required,
        mut bodies,
        labels,
        mut reasons,
    } = folded;
    let allowed = |c: Channel| !denied.contains(&c) && reachable(c, envelope);
    let urgent = labels.get("urgency").is_some_and(|u| u == "urgent");

    let route = if let Some(code) = halted {
        Route::Undeliverable(code)
    } else if (urgent || required == Some(Channel::Escalation)) && allowed(Channel::Escalation) {
        Route::Deliver(Channel::Escalation)
    } else if let Some(c) = required.filter(|&c| allowed(c)) {
        Route::Deliver(c)
    } else if let Some(&c) = preference.iter().find(|&&c| allowed(c)) {
        Route::Deliver(c)
    } else {
        Route::Undeliverable("no_channel_allowed".into())
    };
    if required.is_some_and(|c| route != Route::Deliver(c)) {
        reasons.push("required_channel_unavailable".into());
    }
    let fallback = match route {
        Route::Deliver(Channel::Sms) => preference
            .iter()
            .copied()
            .find(|&c| c != Channel::Sms && allowed(c)),
        _ => None,
    };

    let mut body_for = |c: Channel| bodies.remove(&c).unwrap_or_else(|| envelope.body.clone());
    let bodies = ChannelBodies {
        sms: body_for(Channel::Sms),
        portal: body_for(Channel::Portal),
        escalation: body_for(Channel::Escalation),
    };
    Routed {
        route,
        bodies,
        labels,
        reasons,
        fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::envelope::decode;

    fn envelope(phone: bool) -> Envelope {
        let json = if phone {
            r#"{"id":"m","patient":{"id":"p"},"recipient":{"phone":"+15550100"},"body":"hello"}"#
        } else {
            r#"{"id":"m","patient":{"id":"p"},"body":"hello"}"#
        };
        decode(
            json.as_bytes(),
            &crate::envelope::DecodeRules::default(),
            "t",
        )
        .unwrap()
    }
    const PREF: [Channel; 2] = [Channel::Sms, Channel::Portal];

    #[test]
    fn preference_order_when_nothing_said() {
        let r = route(Folded::default(), &envelope(true), &PREF);
        assert_eq!(r.route, Route::Deliver(Channel::Sms));
        assert_eq!(r.bodies.sms, "hello");
    }

    #[test]
    fn sms_falls_back_to_the_next_allowed_channel() {
        let r = route(Folded::default(), &envelope(true), &PREF);
        assert_eq!(r.fallback, Some(Channel::Portal));
        let mut f = Folded::default();
        f.denied.insert(Channel::Portal);
        assert_eq!(route(f, &envelope(true), &PREF).fallback, None);
        let portal = route(Folded::default(), &envelope(false), &PREF);
        assert_eq!(
            portal.fallback, None,
            "only an SMS can be cancelled at delivery"
        );
    }

    #[test]
    fn no_phone_means_no_sms() {
        let r = route(Folded::default(), &envelope(false), &PREF);
        assert_eq!(r.route, Route::Deliver(Channel::Portal));
    }

    #[test]
    fn urgent_escalates_even_when_sms_allowed() {
        let mut f = Folded::default();
        f.labels.insert("urgency".into(), "urgent".into());
        assert_eq!(
            route(f, &envelope(true), &PREF).route,
            Route::Deliver(Channel::Escalation)
        );
    }

    #[test]
    fn denied_sms_falls_back_and_nothing_left_is_undeliverable() {
        let mut f = Folded::default();
        f.denied.insert(Channel::Sms);
        assert_eq!(
            route(f.clone(), &envelope(true), &PREF).route,
            Route::Deliver(Channel::Portal)
        );
        f.denied.insert(Channel::Portal);
        assert_eq!(
            route(f, &envelope(true), &PREF).route,
            Route::Undeliverable("no_channel_allowed".into())
        );
    }

    #[test]
    fn halt_wins_and_replacements_apply() {
        let mut f = Folded::default();
        f.bodies.insert(Channel::Sms, "redacted".into());
        let r = route(f.clone(), &envelope(true), &PREF);
        assert_eq!(r.bodies.sms, "redacted");
        assert_eq!(r.bodies.portal, "hello");
        f.halted = Some("do_not_contact".into());
        assert_eq!(
            route(f, &envelope(true), &PREF).route,
            Route::Undeliverable("do_not_contact".into())
        );
    }
}
