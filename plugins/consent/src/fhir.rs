//! HL7 FHIR R4 `Consent` resources as consent records.
//!
//! How a `Consent` reads (README.md, "FHIR Consent", has the full table):
//! - `status`: `entered-in-error` is void (as if absent); `inactive` and
//!   `rejected` revoke; `draft` and `proposed` are unknown; `active` is read
//!   through its provisions.
//! - A provision concerns SMS when its `action`, `code`, `class` or
//!   `purpose` carries the coding `urn:carewire:consent|sms` (or the FHIR
//!   contact point system's `http://hl7.org/fhir/contact-point-system|sms`);
//!   the root provision also takes the resource's `category` and
//!   `policyRule` codings. It concerns PHI by SMS when it carries
//!   `urn:carewire:consent|sms-phi`, or concerns SMS with the action
//!   `http://terminology.hl7.org/CodeSystem/consentaction|disclose`.
//! - `permit` grants (SMS, and PHI when it concerns PHI by SMS) within its
//!   `period` (nested provisions within their parent's); `deny` of SMS
//!   revokes, `deny` of PHI by SMS refuses PHI only; a root `deny` of
//!   anything else is read as denying everything (no SMS when in doubt),
//!   a nested one of anything else is ignored. A root provision without `type`
//!   takes it from `policyRule` (`OPTIN`/`OPTINR` permit, `OPTOUT`/`OPTOUTE`
//!   deny, v3 ActCode); a nested one without `type` is ignored.
//! - Denials hold whatever their period; `dateTime` after now is not yet
//!   effective.
//!
//! Unknown fields are ignored; a known field of the wrong shape, or a
//! timestamp that is not RFC 3339 (`dateTime`, `period`), makes the record
//! invalid.

use serde::Deserialize;
use serde_json::Value;

use crate::reading::{Phi, Reading, Sms, optional_ms};

/// carewire's code system for SMS consent codings.
pub const CAREWIRE_SYSTEM: &str = "urn:carewire:consent";
/// Code: being contacted by SMS.
pub const SMS_CODE: &str = "sms";
/// Code: PHI in the text of an SMS (written consent to PHI over SMS).
pub const SMS_PHI_CODE: &str = "sms-phi";
/// FHIR `ContactPoint.system`; its code `sms` means the same as ours.
pub const CONTACT_POINT_SYSTEM: &str = "http://hl7.org/fhir/contact-point-system";
/// FHIR consent actions; `disclose` on an SMS provision means PHI by SMS.
pub const CONSENT_ACTION_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/consentaction";
/// HL7 v3 ActCode: the consent policy (`OPTIN`, `OPTOUT`, ...).
pub const ACT_CODE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/v3-ActCode";

#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct Consent {
    status: String,
    #[serde(default)]
    category: Vec<CodeableConcept>,
    #[serde(default)]
    policy_rule: Option<CodeableConcept>,
    #[serde(default)]
    date_time: Option<String>,
    #[serde(default)]
    provision: Option<Provision>,
}

#[derive(Debug, Default, Deserialize)]
struct Provision {
    #[serde(default, rename = "type")]
    kind: Option<String>,
    #[serde(default)]
    period: Option<Period>,
    #[serde(default)]
    action: Vec<CodeableConcept>,
    #[serde(default)]
    code: Vec<CodeableConcept>,
    #[serde(default)]
    class: Vec<Coding>,
    #[serde(default)]
    purpose: Vec<Coding>,
    #[serde(default)]
    provision: Vec<Provision>,
}

#[derive(Debug, Default, Deserialize)]
struct Period {
    #[serde(default)]
    start: Option<String>,
    #[serde(default)]
    end: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
struct CodeableConcept {
    #[serde(default)]
    coding: Vec<Coding>,
}

#[derive(Debug, Default, Deserialize)]
struct Coding {
    #[serde(default)]
    system: Option<String>,
    #[serde(default)]
    code: Option<String>,
}

impl Coding {
    fn is(&self, system: &str, code: &str) -> bool {
        self.system.as_deref().map(str::trim) == Some(system)
            && self.code.as_deref().map(str::trim) == Some(code)
    }
}

/// What a provision is about, from its codings.
#[derive(Debug, Default, Clone, Copy)]
struct Topics {
    sms: bool,
    sms_phi: bool,
    disclose: bool,
}

impl Topics {
    fn add(&mut self, coding: &Coding) {
        self.sms |= coding.is(CAREWIRE_SYSTEM, SMS_CODE) || coding.is(CONTACT_POINT_SYSTEM, "sms");
        self.sms_phi |= coding.is(CAREWIRE_SYSTEM, SMS_PHI_CODE);
        self.disclose |= coding.is(CONSENT_ACTION_SYSTEM, "disclose");
    }

    fn concerns_phi(self) -> bool {
        self.sms_phi || (self.sms && self.disclose)
    }

    fn concerns_sms(self) -> bool {
        self.sms || self.sms_phi
    }

    fn of(p: &Provision) -> Self {
        let mut topics = Topics::default();
        let concepts = p.action.iter().chain(&p.code);
        for coding in concepts
            .flat_map(|c| &c.coding)
            .chain(&p.class)
            .chain(&p.purpose)
        {
            topics.add(coding);
        }
        topics
    }
}

/// A grant found in the provisions: its window, and whether it covers PHI.
#[derive(Debug, Clone, Copy)]
struct Grant {
    phi: bool,
    start: Option<i64>,
    end: Option<i64>,
}

#[derive(Debug, Default)]
struct Found {
    revoked: bool,
    phi_denied: bool,
    grants: Vec<Grant>,
}

/// Reads one `Consent` resource.
pub fn consent(value: &Value, now_ms: i64) -> Reading {
    let Ok(consent) = Consent::deserialize(value) else {
        return Reading::of(Sms::Invalid);
    };
    match consent.status.trim() {
        "entered-in-error" => return Reading::of(Sms::Void),
        "inactive" | "rejected" => return Reading::of(Sms::Revoked),
        "draft" | "proposed" => return Reading::of(Sms::Unknown),
        "active" => {}
        _ => return Reading::of(Sms::Invalid),
    }
    let Some(date_time) = optional_ms(consent.date_time.as_deref()) else {
        return Reading::of(Sms::Invalid);
    };

    let mut resource_topics = Topics::default();
    let policy = consent.policy_rule.iter();
    for coding in consent
        .category
        .iter()
        .chain(policy)
        .flat_map(|c| &c.coding)
    {
        resource_topics.add(coding);
    }
    let default_kind = consent.policy_rule.as_ref().and_then(policy_kind);
    let root = consent.provision.unwrap_or_default();
    let mut found = Found::default();
    let root_kind = root.kind.as_deref().or(default_kind);
    let mut root_topics = Topics::of(&root);
    root_topics.sms |= resource_topics.sms;
    root_topics.sms_phi |= resource_topics.sms_phi;
    root_topics.disclose |= resource_topics.disclose;
    if walk(
        &root,
        root_kind,
        root_topics,
        true,
        (None, None),
        &mut found,
    )
    .is_none()
    {
        return Reading::of(Sms::Invalid);
    }

    let phi = if found.phi_denied {
        Phi::Denied
    } else {
        Phi::NotGranted
    };
    if found.revoked {
        return Reading {
            sms: Sms::Revoked,
            phi,
        };
    }
    let effective =
        |g: &&Grant| g.start.is_none_or(|s| s <= now_ms) && g.end.is_none_or(|e| e > now_ms);
    let in_force: Vec<&Grant> = found.grants.iter().filter(effective).collect();
    let sms = if date_time.is_some_and(|d| d > now_ms) && !found.grants.is_empty() {
        Sms::NotYetEffective
    } else if !in_force.is_empty() {
        Sms::Granted
    } else if found
        .grants
        .iter()
        .any(|g| g.end.is_some_and(|e| e <= now_ms))
    {
        Sms::Expired
    } else if !found.grants.is_empty() {
        Sms::NotYetEffective
    } else {
        Sms::Unknown
    };
    let phi = match phi {
        Phi::NotGranted if sms == Sms::Granted && in_force.iter().any(|g| g.phi) => Phi::Granted,
        other => other,
    };
    Reading { sms, phi }
}

/// Every `Consent` in a `Bundle` (`entry[].resource`); other resources are
/// skipped. A bundle of another shape is one invalid record.
pub fn bundle(value: &Value, now_ms: i64) -> Vec<Reading> {
    let entries = match value.get("entry") {
        None => return Vec::new(),
        Some(Value::Array(entries)) => entries,
        Some(_) => return vec![Reading::of(Sms::Invalid)],
    };
    entries
        .iter()
        .filter_map(|entry| entry.get("resource"))
        .filter(|r| r.get("resourceType").and_then(Value::as_str) == Some("Consent"))
        .map(|r| consent(r, now_ms))
        .collect()
}

/// `permit` or `deny` from a v3 ActCode opt-in/opt-out policy rule.
fn policy_kind(rule: &CodeableConcept) -> Option<&'static str> {
    rule.coding.iter().find_map(|c| {
        if c.is(ACT_CODE_SYSTEM, "OPTIN") || c.is(ACT_CODE_SYSTEM, "OPTINR") {
            Some("permit")
        } else if c.is(ACT_CODE_SYSTEM, "OPTOUT") || c.is(ACT_CODE_SYSTEM, "OPTOUTE") {
            Some("deny")
        } else {
            None
        }
    })
}

/// Collects what `p` and its nested provisions say. `bound` is the parent's
/// window. `None` when a period holds a bad timestamp.
fn walk(
    p: &Provision,
    kind: Option<&str>,
    topics: Topics,
    is_root: bool,
    bound: (Option<i64>, Option<i64>),
    found: &mut Found,
) -> Option<()> {
    let period = p.period.as_ref();
    let start = optional_ms(period.and_then(|x| x.start.as_deref()))?;
    let end = optional_ms(period.and_then(|x| x.end.as_deref()))?;
    let window = (later(bound.0, start), earlier(bound.1, end));
    match kind.map(str::trim) {
        Some("deny") if topics.concerns_phi() => found.phi_denied = true,
        Some("deny") if topics.concerns_sms() => found.revoked = true,
        // A root denial of anything else is read as denying everything,
        // SMS included (it is in the SMS consent bucket; when in doubt, no SMS).
        Some("deny") if is_root => found.revoked = true,
        Some("permit") if topics.concerns_sms() => found.grants.push(Grant {
            phi: topics.concerns_phi(),
            start: window.0,
            end: window.1,
        }),
        _ => {}
    }
    for nested in &p.provision {
        walk(
            nested,
            nested.kind.as_deref(),
            Topics::of(nested),
            false,
            window,
            found,
        )?;
    }
    Some(())
}

fn later(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.max(b)),
        (a, b) => a.or(b),
    }
}

fn earlier(a: Option<i64>, b: Option<i64>) -> Option<i64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::record::readings;

    /// 2024-06-01T00:00:00Z
    const NOW: i64 = 1_717_200_000_000;

    fn sms_coding() -> Value {
        json!({"coding": [{"system": CAREWIRE_SYSTEM, "code": "sms"}]})
    }

    fn phi_coding() -> Value {
        json!({"coding": [{"system": CAREWIRE_SYSTEM, "code": "sms-phi"}]})
    }

    fn consent_with(status: &str, provision: Value) -> Value {
        json!({
            "resourceType": "Consent",
            "status": status,
            "scope": {"coding": [{"system": "http://terminology.hl7.org/CodeSystem/consentscope", "code": "patient-privacy"}]},
            "category": [{"coding": [{"system": "http://loinc.org", "code": "59284-0"}]}],
            "patient": {"reference": "Patient/p-1"},
            "dateTime": "2024-01-05T10:00:00Z",
            "provision": provision,
        })
    }

    fn read(value: &Value) -> Reading {
        consent(value, NOW)
    }

    #[test]
    fn active_permit_for_sms_grants() {
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "action": [sms_coding()]}),
        ));
        assert_eq!(
            r,
            Reading {
                sms: Sms::Granted,
                phi: Phi::NotGranted
            }
        );
        // The FHIR contact point system's code, in `code`, works too.
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "code": [{"coding": [{"system": CONTACT_POINT_SYSTEM, "code": "sms"}]}]}),
        ));
        assert_eq!(r.sms, Sms::Granted);
    }

    #[test]
    fn phi_by_sms_codings() {
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "action": [phi_coding()]}),
        ));
        assert_eq!(
            r,
            Reading {
                sms: Sms::Granted,
                phi: Phi::Granted
            }
        );
        // SMS + the standard `disclose` action also means PHI by SMS.
        let disclose = json!({"coding": [{"system": CONSENT_ACTION_SYSTEM, "code": "disclose"}]});
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "action": [disclose], "class": [{"system": CONTACT_POINT_SYSTEM, "code": "sms"}]}),
        ));
        assert_eq!(
            r,
            Reading {
                sms: Sms::Granted,
                phi: Phi::Granted
            }
        );
        // As a class coding.
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "class": [{"system": CAREWIRE_SYSTEM, "code": "sms-phi"}]}),
        ));
        assert_eq!(r.phi, Phi::Granted);
    }

    #[test]
    fn nested_permit_and_deny() {
        // Permit SMS, deny PHI by SMS: notice only.
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "action": [sms_coding()],
                   "provision": [{"type": "deny", "action": [phi_coding()]}]}),
        ));
        assert_eq!(
            r,
            Reading {
                sms: Sms::Granted,
                phi: Phi::Denied
            }
        );
        // Root permit of something else, nested SMS permit with PHI.
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "provision": [{"type": "permit", "action": [phi_coding()]}]}),
        ));
        assert_eq!(
            r,
            Reading {
                sms: Sms::Granted,
                phi: Phi::Granted
            }
        );
        // A nested deny of SMS revokes the root permit.
        let r = read(&consent_with(
            "active",
            json!({"type": "permit", "action": [phi_coding()],
                   "provision": [{"type": "deny", "action": [sms_coding()]}]}),
        ));
        assert_eq!(r.sms, Sms::Revoked);
    }

    #[test]
    fn deny_and_statuses_revoke() {
        let deny = json!({"type": "deny", "action": [sms_coding()]});
        assert_eq!(read(&consent_with("active", deny)).sms, Sms::Revoked);
        // A root deny that names nothing denies everything.
        assert_eq!(
            read(&consent_with("active", json!({"type": "deny"}))).sms,
            Sms::Revoked
        );
        let permit = json!({"type": "permit", "action": [phi_coding()]});
        assert_eq!(
            read(&consent_with("inactive", permit.clone())).sms,
            Sms::Revoked
        );
        assert_eq!(
            read(&consent_with("rejected", permit.clone())).sms,
            Sms::Revoked
        );
        assert_eq!(
            read(&consent_with("entered-in-error", permit.clone())).sms,
            Sms::Void
        );
        assert_eq!(
            read(&consent_with("draft", permit.clone())).sms,
            Sms::Unknown
        );
        assert_eq!(
            read(&consent_with("proposed", permit.clone())).sms,
            Sms::Unknown
        );
        assert_eq!(read(&consent_with("bogus", permit)).sms, Sms::Invalid);
    }

    #[test]
    fn periods() {
        let expired = json!({"type": "permit", "action": [sms_coding()],
                             "period": {"start": "2023-01-01T00:00:00Z", "end": "2024-06-01T00:00:00Z"}});
        assert_eq!(read(&consent_with("active", expired)).sms, Sms::Expired);
        let later = json!({"type": "permit", "action": [sms_coding()],
                           "period": {"start": "2024-07-01T00:00:00Z"}});
        assert_eq!(
            read(&consent_with("active", later)).sms,
            Sms::NotYetEffective
        );
        let open = json!({"type": "permit", "action": [sms_coding()],
                          "period": {"end": "2025-01-01T00:00:00Z"}});
        assert_eq!(read(&consent_with("active", open)).sms, Sms::Granted);
        // A nested grant ends with its parent.
        let nested = json!({"type": "permit", "period": {"end": "2024-05-01T00:00:00Z"},
                            "provision": [{"type": "permit", "action": [sms_coding()],
                                           "period": {"end": "2030-01-01T00:00:00Z"}}]});
        assert_eq!(read(&consent_with("active", nested)).sms, Sms::Expired);
        // A denial holds whatever its period says.
        let old_deny = json!({"type": "deny", "action": [sms_coding()],
                              "period": {"end": "2020-01-01T00:00:00Z"}});
        assert_eq!(read(&consent_with("active", old_deny)).sms, Sms::Revoked);
        let bad = json!({"type": "permit", "action": [sms_coding()], "period": {"end": "soon"}});
        assert_eq!(read(&consent_with("active", bad)).sms, Sms::Invalid);
        // Agreed in the future: not yet effective.
        let mut future = consent_with(
            "active",
            json!({"type": "permit", "action": [sms_coding()]}),
        );
        future["dateTime"] = json!("2024-06-02T00:00:00Z");
        assert_eq!(read(&future).sms, Sms::NotYetEffective);
        future["dateTime"] = json!("June");
        assert_eq!(read(&future).sms, Sms::Invalid);
    }

    #[test]
    fn category_and_policy_rule() {
        // Category says SMS; the root provision permits.
        let mut c = consent_with("active", json!({"type": "permit"}));
        c["category"] = json!([sms_coding()]);
        assert_eq!(
            read(&c),
            Reading {
                sms: Sms::Granted,
                phi: Phi::NotGranted
            }
        );
        // No provision type: the opt-in / opt-out policy decides.
        let mut c = consent_with("active", Value::Null);
        c.as_object_mut().expect("object").remove("provision");
        c["category"] = json!([phi_coding()]);
        c["policyRule"] = json!({"coding": [{"system": ACT_CODE_SYSTEM, "code": "OPTIN"}]});
        assert_eq!(
            read(&c),
            Reading {
                sms: Sms::Granted,
                phi: Phi::Granted
            }
        );
        // Opting out of PHI by SMS refuses PHI only; of SMS, revokes.
        c["policyRule"] = json!({"coding": [{"system": ACT_CODE_SYSTEM, "code": "OPTOUT"}]});
        assert_eq!(
            read(&c),
            Reading {
                sms: Sms::Unknown,
                phi: Phi::Denied
            }
        );
        c["category"] = json!([sms_coding()]);
        assert_eq!(read(&c).sms, Sms::Revoked);
        // No type anywhere: nothing is granted.
        c.as_object_mut().expect("object").remove("policyRule");
        assert_eq!(read(&c).sms, Sms::Unknown);
        // A permit that never mentions SMS grants nothing here.
        let c = consent_with(
            "active",
            json!({"type": "permit", "action": [{"coding": [{"system": CONSENT_ACTION_SYSTEM, "code": "access"}]}]}),
        );
        assert_eq!(read(&c).sms, Sms::Unknown);
    }

    #[test]
    fn tolerant_of_unknown_fields_not_of_bad_shapes() {
        let mut c = consent_with(
            "active",
            json!({"type": "permit", "action": [sms_coding()], "securityLabel": [{"code": "R"}]}),
        );
        c["extension"] = json!([{"url": "http://example.org/x", "valueString": "y"}]);
        c["sourceAttachment"] = json!({"contentType": "application/pdf"});
        assert_eq!(read(&c).sms, Sms::Granted);
        c["category"] = json!("sms");
        assert_eq!(read(&c).sms, Sms::Invalid);
        assert_eq!(read(&json!({"resourceType": "Consent"})).sms, Sms::Invalid);
    }

    #[test]
    fn bundles() {
        let bundle = json!({"resourceType": "Bundle", "type": "collection", "entry": [
            {"resource": consent_with("active", json!({"type": "permit", "action": [phi_coding()]}))},
            {"resource": {"resourceType": "Patient", "id": "p-1"}},
            {"resource": consent_with("entered-in-error", json!({"type": "deny"}))},
        ]});
        let r = readings(bundle.to_string().as_bytes(), NOW);
        assert_eq!(
            r.iter().map(|r| r.sms).collect::<Vec<_>>(),
            [Sms::Granted, Sms::Void]
        );
        let r = readings(br#"{"resourceType":"Bundle"}"#, NOW);
        assert!(r.is_empty());
        let r = readings(br#"{"resourceType":"Bundle","entry":{}}"#, NOW);
        assert_eq!(r[0].sms, Sms::Invalid);
    }
}
