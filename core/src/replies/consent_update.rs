//! The SMS consent value after a STOP or START reply.
//!
//! carewire keeps SMS consent in the KV bucket `carewire_consent`; the
//! consent plugin (`plugins/consent`) reads the value under a key as one of
//! (`plugins/consent/src/record.rs`, `readings`):
//!
//! - one record: carewire's own (`{"sms": ...}`) or a FHIR R4 `Consent`;
//! - a JSON array of such records (carewire's and FHIR `Consent`s may be
//!   mixed; a `Bundle` *inside* an array is an invalid record);
//! - a FHIR `Bundle`, of which only `entry[].resource`s that are `Consent`s
//!   are read (`fhir::bundle`; a carewire record in a Bundle entry is
//!   skipped, so it could never revoke there).
//!
//! Over all records under a key, any revocation wins over every grant
//! (`decide::resolve`: do-not-contact, then revoked, then invalid, then
//! granted).
//!
//! # What STOP writes
//!
//! [`with_opt_out`] adds one opt-out the plugin reads as revoked, placed so
//! that [`without_opt_out`] can give back exactly the value it was added to:
//!
//! | existing value | after STOP |
//! | --- | --- |
//! | none | carewire's opt-out record alone |
//! | an array | the array with the opt-out record appended |
//! | a `Bundle` whose `entry` is an array | the Bundle with an entry appended: a FHIR `Consent`, `status: inactive`, tagged [`REPLY_SOURCE`] |
//! | anything else: a record (carewire's or FHIR), a `Bundle` without an `entry` array, a value of no known shape | `[existing, opt-out record with "wrapped": true]` |
//!
//! carewire's opt-out record is
//! `{"sms": "revoked", "method": "sms_stop", "revoked_at": at, "source":
//! "carewire_sms_reply", "keyword": keyword}`: revoked three times over
//! (`sms`, `method` and `revoked_at` each revoke on their own,
//! `ConsentRecord::reading`), and a revocation is honoured even when `at` is
//! not RFC 3339. The FHIR form is `status: inactive` (a terminated SMS
//! consent), which `fhir::consent` reads as revoked before it parses any
//! timestamp.
//!
//! Wrapping a single value into an array never weakens a revocation: the
//! wrapped value reads the same inside an array (a record is a record),
//! except a `Bundle` or a non-object, which reads as invalid there — and the
//! added opt-out wins over an invalid record anyway. So after a STOP the
//! plugin never allows SMS, whatever was stored: fail closed.
//!
//! # What START removes
//!
//! [`without_opt_out`] removes every record carrying carewire's marker
//! (`"source": "carewire_sms_reply"`, or a FHIR `meta.tag` with code
//! [`REPLY_SOURCE`]) and undoes a wrap; records from anywhere else — a
//! revocation the health system recorded, a grant — stay. START only undoes
//! what STOP did.

use serde_json::{Value, json};

use crate::codes;

/// The `source` marker carewire puts on the records it adds, so START can
/// remove exactly them.
pub const REPLY_SOURCE: &str = "carewire_sms_reply";

/// FHIR `meta.tag` system of the marker on the `Consent` carewire adds to a
/// Bundle (code [`REPLY_SOURCE`]).
pub const SOURCE_TAG_SYSTEM: &str = "urn:carewire:source";
/// FHIR `meta.tag` system carrying the reply's keyword code.
pub const KEYWORD_TAG_SYSTEM: &str = "urn:carewire:sms-reply-keyword";
/// Field of carewire's opt-out record: `true` when STOP wrapped a single
/// stored value into an array with it (START unwraps it again).
pub const WRAPPED: &str = "wrapped";

/// carewire's code system for SMS consent codings (the consent plugin's
/// `fhir::CAREWIRE_SYSTEM`, code `sms`).
const CONSENT_SYSTEM: &str = "urn:carewire:consent";
const CONSENT_SCOPE_SYSTEM: &str = "http://terminology.hl7.org/CodeSystem/consentscope";

/// The consent value after a STOP reply: the existing value (None = no
/// record) with an opt-out added that the consent plugin reads as revoked
/// SMS consent. `at` is RFC 3339 UTC, `keyword` the normalised keyword text
/// (a code, e.g. "stop" or "plain_language"; anything that is not a code is
/// stored as `invalid_code`, so a reply's text never lands in the bucket).
///
/// Idempotent: a value that already holds carewire's opt-out is returned
/// unchanged.
pub fn with_opt_out(existing: Option<&Value>, at: &str, keyword: &str) -> Value {
    let keyword = codes::sanitize(keyword.to_owned());
    let Some(existing) = existing else {
        return opt_out_record(at, &keyword, false);
    };
    if has_opt_out(existing) {
        return existing.clone();
    }
    if let Value::Array(items) = existing {
        let mut items = items.clone();
        items.push(opt_out_record(at, &keyword, false));
        return Value::Array(items);
    }
    if bundle_entries(existing).is_some() {
        let mut bundle = existing.clone();
        if let Some(Value::Array(entries)) = bundle.get_mut("entry") {
            entries.push(json!({ "resource": opt_out_consent(at, &keyword) }));
        }
        return bundle;
    }
    Value::Array(vec![existing.clone(), opt_out_record(at, &keyword, true)])
}

/// The consent value after a START reply: the existing value with
/// carewire's reply opt-outs removed. Returns None when nothing is left (the
/// key should then be deleted). Records that did not come from carewire's
/// replies (e.g. a revocation the health system recorded) are kept: START
/// only undoes what STOP did.
///
/// Exactly the value STOP was given comes back: None for no record, the
/// single value STOP wrapped, an array (even an empty one) STOP appended to.
/// A value without carewire opt-outs is returned unchanged.
pub fn without_opt_out(existing: &Value) -> Option<Value> {
    if let Value::Array(items) = existing {
        let (ours, kept): (Vec<&Value>, Vec<&Value>) = items.iter().partition(|v| is_marked(v));
        if ours.is_empty() {
            return Some(existing.clone());
        }
        let wrapped = ours
            .iter()
            .any(|v| v.get(WRAPPED) == Some(&Value::Bool(true)));
        return match kept.as_slice() {
            [] if wrapped => None,
            [only] if wrapped => Some((*only).clone()),
            _ => Some(Value::Array(kept.into_iter().cloned().collect())),
        };
    }
    if let Some(entries) = bundle_entries(existing) {
        let is_ours = |e: &Value| e.get("resource").is_some_and(is_marked);
        if !entries.iter().any(is_ours) {
            return Some(existing.clone());
        }
        let kept: Vec<Value> = entries.iter().filter(|e| !is_ours(e)).cloned().collect();
        let mut bundle = existing.clone();
        bundle["entry"] = Value::Array(kept);
        return Some(bundle);
    }
    if is_marked(existing) {
        return None;
    }
    Some(existing.clone())
}

/// Whether the value holds a carewire reply opt-out — one exactly as
/// [`with_opt_out`] writes it, where the consent plugin reads it (a record
/// or FHIR `Consent` alone or in the array, a `Consent` in a Bundle's
/// entries). A marked record someone has edited does not count (STOP then
/// adds a fresh one; START removes both).
pub fn has_opt_out(existing: &Value) -> bool {
    match existing {
        Value::Array(items) => items.iter().any(is_own_opt_out),
        _ if is_bundle(existing) => bundle_entries(existing).is_some_and(|entries| {
            entries
                .iter()
                .filter_map(|e| e.get("resource"))
                .any(is_own_consent)
        }),
        _ => is_own_opt_out(existing),
    }
}

/// carewire's opt-out record.
fn opt_out_record(at: &str, keyword: &str, wrapped: bool) -> Value {
    let mut record = json!({
        "sms": "revoked",
        "method": "sms_stop",
        "revoked_at": at,
        "source": REPLY_SOURCE,
        "keyword": keyword,
    });
    if wrapped {
        record[WRAPPED] = Value::Bool(true);
    }
    record
}

/// The opt-out as a FHIR R4 `Consent`: the patient's consent to SMS,
/// terminated (`inactive`). Not `active` with a `deny` provision: the plugin
/// parses an active consent's `dateTime`, so an `at` it cannot read would
/// make the record invalid rather than revoked; and an *inactive* denial
/// would tell other FHIR readers the opt-out is no longer in force.
fn opt_out_consent(at: &str, keyword: &str) -> Value {
    let sms = json!({"coding": [{"system": CONSENT_SYSTEM, "code": "sms"}]});
    json!({
        "resourceType": "Consent",
        "meta": {"tag": [
            {"system": SOURCE_TAG_SYSTEM, "code": REPLY_SOURCE},
            {"system": KEYWORD_TAG_SYSTEM, "code": keyword},
        ]},
        "status": "inactive",
        "scope": {"coding": [{"system": CONSENT_SCOPE_SYSTEM, "code": "patient-privacy"}]},
        "category": [sms.clone()],
        "dateTime": at,
        "provision": {"type": "permit", "action": [sms]},
    })
}

/// `resourceType`, as the plugin reads it (`record::resource_type`).
fn resource_type(value: &Value) -> Option<&str> {
    value.get("resourceType").and_then(Value::as_str)
}

fn is_bundle(value: &Value) -> bool {
    resource_type(value) == Some("Bundle")
}

/// The entries of a top-level Bundle whose `entry` is an array (the only
/// Bundle whose entries the plugin reads).
fn bundle_entries(value: &Value) -> Option<&Vec<Value>> {
    if !is_bundle(value) {
        return None;
    }
    value.get("entry").and_then(Value::as_array)
}

/// Carries carewire's reply marker (possibly edited since).
fn is_marked(value: &Value) -> bool {
    let source = value.get("source").and_then(Value::as_str) == Some(REPLY_SOURCE);
    let tagged = resource_type(value) == Some("Consent")
        && value
            .pointer("/meta/tag")
            .and_then(Value::as_array)
            .is_some_and(|tags| {
                tags.iter().any(|t| {
                    t.get("system").and_then(Value::as_str) == Some(SOURCE_TAG_SYSTEM)
                        && t.get("code").and_then(Value::as_str) == Some(REPLY_SOURCE)
                })
            });
    source || tagged
}

/// Exactly a record or `Consent` [`with_opt_out`] writes, read where a
/// record is read (alone, or in an array).
fn is_own_opt_out(value: &Value) -> bool {
    is_own_record(value) || is_own_consent(value)
}

fn is_own_record(value: &Value) -> bool {
    let (Some(at), Some(keyword)) = (
        value.get("revoked_at").and_then(Value::as_str),
        value.get("keyword").and_then(Value::as_str),
    ) else {
        return false;
    };
    let wrapped = value.get(WRAPPED) == Some(&Value::Bool(true));
    *value == opt_out_record(at, keyword, wrapped)
}

fn is_own_consent(value: &Value) -> bool {
    let at = value.get("dateTime").and_then(Value::as_str);
    let keyword = value
        .pointer("/meta/tag")
        .and_then(Value::as_array)
        .and_then(|tags| {
            tags.iter()
                .find(|t| t.get("system").and_then(Value::as_str) == Some(KEYWORD_TAG_SYSTEM))
        })
        .and_then(|t| t.get("code"))
        .and_then(Value::as_str);
    match (at, keyword) {
        (Some(at), Some(keyword)) => *value == opt_out_consent(at, keyword),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const AT: &str = "2026-03-01T18:22:00Z";
    const LATER: &str = "2026-03-02T08:00:00Z";

    /// What the consent plugin decides for a stored value, for the branches
    /// these values take: a faithful copy of the plugin's dispatch, not of
    /// all its rules. Each branch names the plugin code it copies.
    mod plugin {
        use serde_json::Value;

        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub enum Sms {
            DoNotContact,
            Revoked,
            Invalid,
            /// Anything else (granted, unknown, expired, ...): not decided
            /// here, and never a revocation.
            Other,
        }

        /// `plugins/consent/src/record.rs`, `readings`: an array is one
        /// record per item (`one(item, in_array = true)`); a top-level
        /// `resourceType: "Bundle"` goes to `fhir::bundle`; anything else is
        /// one record.
        pub fn readings(value: &Value) -> Vec<Sms> {
            match value {
                Value::Array(items) => items.iter().map(one).collect(),
                _ if resource_type(value) == Some("Bundle") => bundle(value),
                _ => vec![one(value)],
            }
        }

        /// `plugins/consent/src/decide.rs`, `resolve`: do-not-contact halts,
        /// then any revocation denies SMS (`consent_revoked`) whatever
        /// grants, then any invalid record (`consent_record_invalid`).
        pub fn resolve(value: &Value) -> &'static str {
            let r = readings(value);
            if r.contains(&Sms::DoNotContact) {
                "do_not_contact"
            } else if r.contains(&Sms::Revoked) {
                "consent_revoked"
            } else if r.contains(&Sms::Invalid) {
                "consent_record_invalid"
            } else {
                "other"
            }
        }

        fn resource_type(value: &Value) -> Option<&str> {
            value.get("resourceType").and_then(Value::as_str)
        }

        /// `record.rs`, `one`: a non-object is invalid; `do_not_contact:
        /// true` halts; `resourceType: "Consent"` is `fhir::consent`; any
        /// other `resourceType` (a Bundle in an array included) is invalid;
        /// no `resourceType` is carewire's `ConsentRecord`.
        fn one(value: &Value) -> Sms {
            if !value.is_object() {
                return Sms::Invalid;
            }
            if value.get("do_not_contact") == Some(&Value::Bool(true)) {
                return Sms::DoNotContact;
            }
            match resource_type(value) {
                Some("Consent") => consent(value),
                Some(_) => Sms::Invalid,
                None => record(value),
            }
        }

        /// `record.rs`, `ConsentRecord` (its serde shape) and
        /// `ConsentRecord::reading`: `sms: "revoked"`, a `method` of
        /// `sms_stop` / `opt_out` (trimmed, any case), or any `revoked_at`
        /// revoke, before any timestamp is parsed.
        fn record(value: &Value) -> Sms {
            let string_or_null = |key| value.get(key).is_none_or(|v| v.is_string() || v.is_null());
            let bool_if_present = |key| value.get(key).is_none_or(Value::is_boolean);
            let sms = value.get("sms").and_then(Value::as_str);
            let shaped = matches!(sms, Some("granted" | "revoked" | "unknown"))
                && ["obtained_at", "method", "expires_at", "revoked_at"]
                    .into_iter()
                    .all(string_or_null)
                && ["phi_over_sms", "do_not_contact"]
                    .into_iter()
                    .all(bool_if_present);
            if !shaped {
                return Sms::Invalid;
            }
            let method = value
                .get("method")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .trim();
            let opted_out = ["sms_stop", "opt_out"]
                .iter()
                .any(|m| method.eq_ignore_ascii_case(m));
            let revoked_at = value.get("revoked_at").and_then(Value::as_str).is_some();
            if sms == Some("revoked") || opted_out || revoked_at {
                Sms::Revoked
            } else {
                Sms::Other
            }
        }

        /// `plugins/consent/src/fhir.rs`, `consent`: the resource must
        /// deserialize (`status` a string; `category` an array of
        /// CodeableConcepts; `dateTime` a string), then `status` (trimmed)
        /// `inactive` or `rejected` is revoked — before `dateTime` or any
        /// provision is read.
        fn consent(value: &Value) -> Sms {
            let Some(status) = value.get("status").and_then(Value::as_str) else {
                return Sms::Invalid;
            };
            let category_ok = value.get("category").is_none_or(|c| {
                c.as_array().is_some_and(|concepts| {
                    concepts.iter().all(|cc| {
                        cc.is_object()
                            && cc.get("coding").is_none_or(|coding| {
                                coding.as_array().is_some_and(|codings| {
                                    codings.iter().all(|c| {
                                        c.is_object()
                                            && ["system", "code"].into_iter().all(|k| {
                                                c.get(k)
                                                    .is_none_or(|v| v.is_string() || v.is_null())
                                            })
                                    })
                                })
                            })
                    })
                })
            });
            let date_ok = value
                .get("dateTime")
                .is_none_or(|d| d.is_string() || d.is_null());
            if !category_ok || !date_ok {
                return Sms::Invalid;
            }
            match status.trim() {
                "inactive" | "rejected" => Sms::Revoked,
                _ => Sms::Other,
            }
        }

        /// `fhir.rs`, `bundle`: no `entry` is no records; an `entry` that
        /// is not an array is one invalid record; else every
        /// `entry[].resource` with `resourceType: "Consent"` (others are
        /// skipped — a carewire record in a Bundle is never read).
        fn bundle(value: &Value) -> Vec<Sms> {
            match value.get("entry") {
                None => Vec::new(),
                Some(Value::Array(entries)) => entries
                    .iter()
                    .filter_map(|e| e.get("resource"))
                    .filter(|r| resource_type(r) == Some("Consent"))
                    .map(consent)
                    .collect(),
                Some(_) => vec![Sms::Invalid],
            }
        }
    }

    fn granted_record() -> Value {
        json!({"sms": "granted", "phi_over_sms": true, "obtained_at": "2026-01-10T09:00:00Z",
               "method": "written_form", "expires_at": "2027-01-10T00:00:00Z"})
    }

    fn fhir_consent() -> Value {
        json!({"resourceType": "Consent", "status": "active", "dateTime": "2026-01-10T09:00:00Z",
               "scope": {"coding": [{"system": CONSENT_SCOPE_SYSTEM, "code": "patient-privacy"}]},
               "provision": {"type": "permit", "period": {"end": "2027-01-10T00:00:00Z"},
                 "action": [{"coding": [{"system": "urn:carewire:consent", "code": "sms"}]}],
                 "provision": [{"type": "permit",
                   "action": [{"coding": [{"system": "urn:carewire:consent", "code": "sms-phi"}]}]}]}})
    }

    fn bundle() -> Value {
        json!({"resourceType": "Bundle", "type": "collection", "entry": [
            {"fullUrl": "urn:uuid:1", "resource": fhir_consent()},
            {"resource": {"resourceType": "Patient", "id": "p-1"}},
        ]})
    }

    /// Every shape a stored value can have, named. None = no record.
    fn shapes() -> Vec<(&'static str, Option<Value>)> {
        vec![
            ("absent", None),
            ("own record, granted", Some(granted_record())),
            ("own record, unknown", Some(json!({"sms": "unknown"}))),
            (
                "own record, revoked by the health system",
                Some(
                    json!({"sms": "revoked", "method": "opt_out", "revoked_at": "2025-12-01T00:00:00Z"}),
                ),
            ),
            (
                "array",
                Some(json!([granted_record(), fhir_consent(), {"sms": "unknown"}])),
            ),
            ("array of one", Some(json!([granted_record()]))),
            ("empty array", Some(json!([]))),
            ("FHIR Consent", Some(fhir_consent())),
            (
                "FHIR Consent, inactive",
                Some(json!({"resourceType": "Consent", "status": "inactive"})),
            ),
            ("Bundle", Some(bundle())),
            (
                "Bundle, empty entry",
                Some(json!({"resourceType": "Bundle", "type": "collection", "entry": []})),
            ),
            (
                "Bundle, no entry",
                Some(json!({"resourceType": "Bundle", "type": "collection"})),
            ),
            (
                "Bundle, entry not an array",
                Some(json!({"resourceType": "Bundle", "entry": {"resource": fhir_consent()}})),
            ),
            (
                "array holding a Bundle",
                Some(json!([bundle(), granted_record()])),
            ),
            ("malformed: string", Some(json!("not a record"))),
            ("malformed: number", Some(json!(7))),
            ("malformed: null", Some(Value::Null)),
            ("malformed: bool", Some(json!(true))),
            ("malformed: unknown sms", Some(json!({"sms": "maybe"}))),
            ("malformed: empty object", Some(json!({}))),
            (
                "malformed: other resource",
                Some(json!({"resourceType": "Patient", "id": "p-1"})),
            ),
            ("malformed: nested array", Some(json!([[]]))),
            (
                "malformed: bad date",
                Some(json!({"sms": "granted", "expires_at": "next week"})),
            ),
            (
                "malformed: FHIR Consent of the wrong shape",
                Some(json!({"resourceType": "Consent", "status": "active", "category": "sms"})),
            ),
            (
                "own record with unrelated source field",
                Some(json!({"sms": "granted", "source": "ehr"})),
            ),
        ]
    }

    #[test]
    fn stop_revokes_every_shape() {
        for (name, original) in shapes() {
            let stopped = with_opt_out(original.as_ref(), AT, "stop");
            assert_eq!(
                plugin::resolve(&stopped),
                "consent_revoked",
                "{name}: {stopped}"
            );
            assert!(has_opt_out(&stopped), "{name}: {stopped}");
        }
    }

    #[test]
    fn stop_is_idempotent() {
        for (name, original) in shapes() {
            let once = with_opt_out(original.as_ref(), AT, "stop");
            let twice = with_opt_out(Some(&once), LATER, "plain_language");
            assert_eq!(twice, once, "{name}");
        }
    }

    #[test]
    fn stop_then_start_gives_back_the_original() {
        for (name, original) in shapes() {
            let stopped = with_opt_out(original.as_ref(), AT, "stop");
            assert_eq!(without_opt_out(&stopped), original, "{name}: {stopped}");
            // STOP twice, START once: still the original.
            let twice = with_opt_out(Some(&stopped), LATER, "stop");
            assert_eq!(without_opt_out(&twice), original, "{name}");
        }
    }

    #[test]
    fn start_without_an_opt_out_changes_nothing() {
        for (name, original) in shapes() {
            let Some(original) = original else { continue };
            assert!(!has_opt_out(&original), "{name}");
            assert_eq!(
                without_opt_out(&original).as_ref(),
                Some(&original),
                "{name}"
            );
        }
    }

    #[test]
    fn cycles_round_trip() {
        for (name, original) in shapes() {
            let mut value = original.clone();
            for i in 0..3 {
                let at = format!("2026-03-0{}T00:00:00Z", i + 1);
                let stopped = with_opt_out(value.as_ref(), &at, "stop");
                assert_eq!(plugin::resolve(&stopped), "consent_revoked", "{name}");
                value = without_opt_out(&stopped);
                assert_eq!(value, original, "{name}, cycle {i}");
            }
        }
    }

    #[test]
    fn the_values_stop_writes() {
        // No record: carewire's opt-out alone.
        let expected = json!({"sms": "revoked", "method": "sms_stop", "revoked_at": AT,
                              "source": REPLY_SOURCE, "keyword": "stop"});
        assert_eq!(with_opt_out(None, AT, "stop"), expected);
        assert_eq!(without_opt_out(&expected), None);

        // A single record: wrapped, and marked as such.
        let wrapped = json!([granted_record(),
            {"sms": "revoked", "method": "sms_stop", "revoked_at": AT,
             "source": REPLY_SOURCE, "keyword": "plain_language", "wrapped": true}]);
        assert_eq!(
            with_opt_out(Some(&granted_record()), AT, "plain_language"),
            wrapped
        );

        // An array: appended, not marked as wrapped.
        let array = json!([granted_record()]);
        assert_eq!(
            with_opt_out(Some(&array), AT, "stop"),
            json!([granted_record(), expected])
        );

        // A Bundle: an entry holding an inactive, tagged Consent.
        let stopped = with_opt_out(Some(&bundle()), AT, "stop");
        let entries = stopped["entry"].as_array().expect("entries");
        assert_eq!(entries.len(), 3);
        assert_eq!(
            entries[..2],
            bundle()["entry"].as_array().expect("entries")[..]
        );
        let consent = &entries[2]["resource"];
        assert_eq!(consent["resourceType"], "Consent");
        assert_eq!(consent["status"], "inactive");
        assert_eq!(consent["dateTime"], AT);
        assert_eq!(
            consent["meta"]["tag"],
            json!([{"system": SOURCE_TAG_SYSTEM, "code": REPLY_SOURCE},
                   {"system": KEYWORD_TAG_SYSTEM, "code": "stop"}])
        );
        assert_eq!(stopped["type"], "collection");
    }

    #[test]
    fn which_plugin_path_makes_each_shape_revoked() {
        use plugin::Sms;
        // No record -> carewire's record alone: record.rs `readings` (not an
        // array, no resourceType) -> `one` -> `ConsentRecord::reading`:
        // `sms: revoked` (and `method: sms_stop`, and `revoked_at`).
        let alone = with_opt_out(None, AT, "stop");
        assert_eq!(plugin::readings(&alone), [Sms::Revoked]);

        // A single record -> an array: `readings` maps `one` over the items;
        // the original keeps its reading, ours is revoked, and
        // decide.rs `resolve` puts revoked before everything but
        // do-not-contact.
        let wrapped = with_opt_out(Some(&granted_record()), AT, "stop");
        assert_eq!(plugin::readings(&wrapped), [Sms::Other, Sms::Revoked]);

        // A Bundle -> a Consent entry: `readings` -> fhir.rs `bundle` ->
        // `consent`, where `status: inactive` returns revoked.
        let stopped = with_opt_out(Some(&bundle()), AT, "stop");
        assert_eq!(plugin::readings(&stopped), [Sms::Other, Sms::Revoked]);

        // A Bundle with no entry array, or a malformed value -> wrapped: the
        // original reads invalid inside the array (`one`: a Bundle, or not
        // an object), ours revoked; `resolve`: revoked wins over invalid.
        for original in [
            json!({"resourceType": "Bundle"}),
            json!({"resourceType": "Bundle", "entry": {}}),
            json!("garbage"),
        ] {
            let stopped = with_opt_out(Some(&original), AT, "stop");
            assert_eq!(
                plugin::readings(&stopped),
                [Sms::Invalid, Sms::Revoked],
                "{original}"
            );
            assert_eq!(plugin::resolve(&stopped), "consent_revoked");
        }
    }

    #[test]
    fn a_timestamp_the_plugin_cannot_read_still_revokes() {
        // A revocation wins over a malformed date (record.rs
        // `ConsentRecord::reading` checks revocation first; fhir.rs
        // `consent` returns for `inactive` before parsing `dateTime`).
        for original in [None, Some(bundle())] {
            let stopped = with_opt_out(original.as_ref(), "yesterday-ish", "stop");
            assert_eq!(plugin::resolve(&stopped), "consent_revoked");
            assert_eq!(without_opt_out(&stopped), original);
        }
    }

    #[test]
    fn do_not_contact_stays_stronger() {
        let dnc = json!({"sms": "granted", "do_not_contact": true});
        let stopped = with_opt_out(Some(&dnc), AT, "stop");
        assert_eq!(plugin::resolve(&stopped), "do_not_contact");
        assert_eq!(without_opt_out(&stopped), Some(dnc));
    }

    #[test]
    fn start_keeps_what_others_recorded() {
        // The health system's revocation stays after START.
        let revoked =
            json!({"sms": "revoked", "method": "opt_out", "revoked_at": "2025-12-01T00:00:00Z"});
        let stopped = with_opt_out(Some(&revoked), AT, "stop");
        let started = without_opt_out(&stopped).expect("kept");
        assert_eq!(started, revoked);
        assert_eq!(plugin::resolve(&started), "consent_revoked");

        // A record the health system added after the STOP stays; the wrap
        // is not undone while two records are left.
        let mut stopped = with_opt_out(Some(&granted_record()), AT, "stop");
        let added = json!({"sms": "revoked", "method": "written_form", "revoked_at": LATER});
        stopped.as_array_mut().expect("array").push(added.clone());
        assert_eq!(
            without_opt_out(&stopped),
            Some(json!([granted_record(), added]))
        );

        // The health system removed its record after the STOP: nothing is
        // left but ours, and the key goes.
        let only_ours = json!([{"sms": "revoked", "method": "sms_stop", "revoked_at": AT,
                                "source": REPLY_SOURCE, "keyword": "stop", "wrapped": true}]);
        assert_eq!(without_opt_out(&only_ours), None);

        // A Bundle entry someone else added after the STOP stays.
        let mut stopped = with_opt_out(Some(&bundle()), AT, "stop");
        let other = json!({"resource": {"resourceType": "Consent", "status": "rejected"}});
        stopped["entry"]
            .as_array_mut()
            .expect("entries")
            .push(other.clone());
        let mut expected = bundle();
        expected["entry"]
            .as_array_mut()
            .expect("entries")
            .push(other);
        assert_eq!(without_opt_out(&stopped), Some(expected));
    }

    #[test]
    fn an_edited_opt_out_is_replaced_and_both_are_removed() {
        // Ours, but edited (a note added): STOP does not trust it, adds a
        // fresh one; START removes both and unwraps.
        let edited = json!([granted_record(),
            {"sms": "revoked", "method": "sms_stop", "revoked_at": AT, "source": REPLY_SOURCE,
             "keyword": "stop", "wrapped": true, "note": "called patient"}]);
        assert!(!has_opt_out(&edited));
        let stopped = with_opt_out(Some(&edited), LATER, "stop");
        assert_eq!(stopped.as_array().map(Vec::len), Some(3));
        assert!(has_opt_out(&stopped));
        assert_eq!(without_opt_out(&stopped), Some(granted_record()));

        // Ours, edited into a grant: not an opt-out, so STOP adds one.
        let turned =
            json!({"sms": "granted", "source": REPLY_SOURCE, "keyword": "stop", "revoked_at": AT});
        assert!(!has_opt_out(&turned));
        assert_eq!(
            plugin::resolve(&with_opt_out(Some(&turned), AT, "stop")),
            "consent_revoked"
        );
    }

    #[test]
    fn an_opt_out_where_the_plugin_does_not_read_it_does_not_count() {
        // A carewire record in a Bundle entry is skipped by fhir.rs
        // `bundle`: it revokes nothing, so STOP must add a Consent.
        let mut b = bundle();
        b["entry"]
            .as_array_mut()
            .expect("entries")
            .push(json!({"resource": with_opt_out(None, AT, "stop")}));
        assert_eq!(plugin::resolve(&b), "other");
        assert!(!has_opt_out(&b));
        let stopped = with_opt_out(Some(&b), AT, "stop");
        assert_eq!(plugin::resolve(&stopped), "consent_revoked");

        // A Bundle holding our Consent, inside an array, reads invalid
        // (record.rs `one`), not revoked.
        let nested = json!([with_opt_out(Some(&bundle()), AT, "stop")]);
        assert!(!has_opt_out(&nested));
        assert_eq!(
            plugin::resolve(&with_opt_out(Some(&nested), AT, "stop")),
            "consent_revoked"
        );
    }

    #[test]
    fn a_keyword_that_is_not_a_code_is_not_stored() {
        let stopped = with_opt_out(None, AT, "Please STOP texting Jane at 555-0100");
        assert_eq!(stopped["keyword"], "invalid_code");
        assert_eq!(
            with_opt_out(None, AT, "plain_language")["keyword"],
            "plain_language"
        );
        let stopped = with_opt_out(Some(&bundle()), AT, "STOP");
        assert_eq!(
            stopped["entry"][2]["resource"]["meta"]["tag"][1]["code"],
            "invalid_code"
        );
    }

    #[test]
    fn a_lone_marked_record_or_consent_is_removed_whole() {
        let ours = with_opt_out(None, AT, "stop");
        assert_eq!(without_opt_out(&ours), None);
        let consent = opt_out_consent(AT, "stop");
        assert!(has_opt_out(&consent));
        assert_eq!(without_opt_out(&consent), None);
        assert_eq!(with_opt_out(Some(&consent), LATER, "stop"), consent);
    }
}
