//! Safety properties of the real four-plugin chain (examples/carewire.toml,
//! pins computed from build/plugins), run in-process over generated messages:
//!
//! 1. No SMS without consent: the outcome is never `sms` when the consent
//!    record the consent plugin must read (the patient's, or the proxy's own)
//!    is missing, unknown, revoked, expired, do-not-contact or malformed.
//! 2. No SMS to an unverified number: never `sms` unless the recipient's
//!    phone is a fresh (<= 365 days), unexpired contact of the patient with
//!    the recipient's relationship (`self` for the patient; `proxy` with the
//!    category in scope for a proxy or caregiver).
//! 3. No PHI in the SMS body: the decided `bodies.sms` holds none of the
//!    envelope's own identifiers (name parts of 3+ characters as words, the
//!    MRN, the birth date in every format the body used, the phone), compared
//!    without case and, for numbers, on digits only. Without PHI consent an
//!    SMS carries the neutral notice and nothing else.
//! 4. No PHI in codes: every reason, label key and value and undeliverable
//!    code is a code (the grammar of wit/README.md, never `invalid_code`)
//!    and contains none of those identifiers.
//!
//! Also checked: no plugin fails on these ordinary messages, and (after the
//! run) some messages went out by SMS and every message that clearly must
//! (see `Case::clearly_deliverable`) did, so the properties cannot hold
//! merely because nothing is ever sent.
//!
//! One pipeline serves every case. Its KV store is a map the test writes
//! into: each case gets a fresh patient id and stores its own records.
//! A failure is shrunk to a minimal case and reported with its envelope and
//! KV records. `PROPTEST_RNG_SEED=<n>` replays a run (the seed is printed);
//! `PROPTEST_CASES=<n>` runs more or fewer than the default 500 cases.

mod support;

use std::collections::{BTreeMap, HashMap};
use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use carewire::chain::{KvLookup, KvReader, KvUnavailable, PluginOutcome};
use carewire::route::{Handled, Outcome, Pipeline};
use proptest::prelude::*;
use proptest::test_runner::{
    Config as RunnerConfig, RngSeed, TestCaseError, TestError, TestRunner,
};
use serde_json::{Value, json};
use support::*;
use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;
use time::macros::datetime;

/// Generated messages per run (each goes through all four plugins).
const CASES: u32 = 500;

/// The time of every decision (`carewire replay --now` in the other tests).
const NOW: OffsetDateTime = datetime!(2026-11-27 12:00 UTC);

/// The consent plugin's documented default notice: without written PHI
/// consent, the only SMS allowed (unless examples/carewire.toml sets another).
const DEFAULT_CONSENT_NOTICE: &str =
    "You have a new message from your care team. Please log in to your patient portal to read it.";

/// What examples/carewire.toml configures for the consent plugin that
/// decides whether an SMS that passes every consent rule goes out.
struct ConsentSettings {
    /// The notice sent instead of the body (`notice`, its `{sender}` filled
    /// in from `sender_name`), else the documented default.
    notice: String,
    /// TCPA `max_length`: a longer body with PHI consent is not texted.
    max_length: Option<usize>,
    /// `sender_name`: every texted body must name the sender.
    sender_required: bool,
}

impl ConsentSettings {
    fn from_example() -> Self {
        let config = example_plugin("consent").config;
        let notice = config["notice"]
            .as_str()
            .unwrap_or(DEFAULT_CONSENT_NOTICE)
            .to_string();
        let sender = config["sender_name"].as_str();
        Self {
            notice: match sender {
                Some(sender) => notice.replace("{sender}", sender),
                None => notice,
            },
            max_length: config["max_length"]
                .as_u64()
                .and_then(|n| usize::try_from(n).ok()),
            sender_required: sender.is_some(),
        }
    }
}

const CATEGORIES: [&str; 7] = carewire::envelope::Category::CODES;

// ---------------------------------------------------------------- the KV store

/// A KV store the test fills while the pipeline runs.
#[derive(Default)]
struct SharedKv {
    entries: Mutex<HashMap<(String, String), Vec<u8>>>,
}

impl SharedKv {
    fn put(&self, bucket: &str, key: &str, value: &str) {
        self.entries
            .lock()
            .expect("kv lock")
            .insert((bucket.into(), key.into()), value.as_bytes().to_vec());
    }
}

impl KvReader for SharedKv {
    fn get(&self, bucket: &str, key: &str, _within: Duration) -> Result<KvLookup, KvUnavailable> {
        let value = self
            .entries
            .lock()
            .map_err(|_| KvUnavailable)?
            .get(&(bucket.to_string(), key.to_string()))
            .cloned();
        Ok(KvLookup::unversioned(value))
    }
}

// ---------------------------------------------------------------- generated cases

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Patient,
    Proxy,
    Caregiver,
}

impl Role {
    fn as_str(self) -> &'static str {
        match self {
            Role::Patient => "patient",
            Role::Proxy => "proxy",
            Role::Caregiver => "caregiver",
        }
    }
}

/// A consent record as stored in `carewire_consent`.
#[derive(Debug, Clone)]
enum Consent {
    Missing,
    Unknown,
    /// Granted; `expires_in_days` is in the future when present.
    Granted {
        phi: bool,
        expires_in_days: Option<i64>,
    },
    Revoked,
    /// Granted, but `expires_at` passed this many seconds ago.
    Expired {
        phi: bool,
        secs_ago: i64,
    },
    DoNotContact,
    /// One of [`MALFORMED_CONSENT`].
    Malformed(usize),
}

/// Consent records that grant nothing: not JSON, or not of the documented shape.
const MALFORMED_CONSENT: [&str; 9] = [
    "not json at all",
    "",
    "granted",
    r#"["granted"]"#,
    r#"["granted", true]"#,
    r#"{"sms": true, "phi_over_sms": true}"#,
    r#"{"sms": "yes", "phi_over_sms": true}"#,
    r#"{"phi_over_sms": true}"#,
    r#"{"sms": "granted", "phi_over_sms": true, "expires_at": "next spring"}"#,
];

impl Consent {
    fn record(&self) -> Option<String> {
        Some(match self {
            Consent::Missing => return None,
            Consent::Unknown => json!({"sms": "unknown"}).to_string(),
            Consent::Granted {
                phi,
                expires_in_days,
            } => {
                let mut r = json!({
                    "sms": "granted",
                    "phi_over_sms": phi,
                    "obtained_at": ts(NOW - time::Duration::days(30)),
                    "method": if *phi { "written_form" } else { "verbal" },
                });
                if let Some(days) = expires_in_days {
                    r["expires_at"] = ts(NOW + time::Duration::days(*days)).into();
                }
                r.to_string()
            }
            Consent::Revoked => json!({
                "sms": "revoked", "phi_over_sms": true,
                "obtained_at": ts(NOW - time::Duration::days(200)), "method": "sms_stop",
            })
            .to_string(),
            Consent::Expired { phi, secs_ago } => json!({
                "sms": "granted", "phi_over_sms": phi,
                "obtained_at": ts(NOW - time::Duration::days(800)), "method": "written_form",
                "expires_at": ts(NOW - time::Duration::seconds(*secs_ago)),
            })
            .to_string(),
            Consent::DoNotContact => json!({
                "sms": "granted", "phi_over_sms": true, "do_not_contact": true,
            })
            .to_string(),
            Consent::Malformed(i) => MALFORMED_CONSENT[*i].to_string(),
        })
    }

    /// Whether this record allows an SMS at all.
    fn allows_sms(&self) -> bool {
        matches!(self, Consent::Granted { .. })
    }

    /// Whether this record allows PHI over SMS.
    fn allows_phi(&self) -> bool {
        matches!(self, Consent::Granted { phi: true, .. })
    }
}

/// A phone number: ten digits, no US country code.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Phone(String);

impl Phone {
    fn area(&self) -> &str {
        &self.0[..3]
    }
    fn exchange(&self) -> &str {
        &self.0[3..6]
    }
    fn line(&self) -> &str {
        &self.0[6..]
    }

    /// The number in format `form` (see [`PHONE_FORMS`]).
    fn render(&self, form: usize) -> String {
        let (a, e, l) = (self.area(), self.exchange(), self.line());
        match form % PHONE_FORMS {
            0 => format!("+1{a}{e}{l}"),
            1 => format!("+1 {a} {e} {l}"),
            2 => format!("({a}) {e}-{l}"),
            3 => format!("{a}-{e}-{l}"),
            4 => format!("{a}.{e}.{l}"),
            5 => format!("1-{a}-{e}-{l}"),
            6 => format!("{a}{e}{l}"),
            7 => format!("{a} {e} {l}"),
            8 => format!("({a}){e}-{l}"),
            9 => format!("+1-{a}-{e}-{l}"),
            _ => format!("{e}-{l}"),
        }
    }
}

/// How many ways [`Phone::render`] writes a number; the last is the 7-digit
/// local form, used only in bodies.
const PHONE_FORMS: usize = 11;

/// The phone of a contact entry: the recipient's (in some format), or another.
#[derive(Debug, Clone)]
enum ContactPhone {
    Recipient(usize),
    Other(Phone),
}

#[derive(Debug, Clone)]
struct ContactEntry {
    phone: ContactPhone,
    relationship: &'static str,
    verified_days_ago: i64,
    scope: Option<Vec<&'static str>>,
    /// Days until expiry (negative: expired), when the entry has `expires_at`.
    expires_in_days: Option<i64>,
}

#[derive(Debug, Clone)]
enum Contacts {
    Missing,
    Entries(Vec<ContactEntry>),
    /// One of the malformed records of [`malformed_contacts`].
    Malformed(usize),
}

const MALFORMED_CONTACTS: usize = 7;

/// Contact records that verify nothing by the documented rules: not JSON,
/// not of the documented shape, or the recipient's own entry with a
/// required field missing or a timestamp that is not RFC 3339. Everything
/// else in them is valid, so only the malformation can keep them out.
fn malformed_contacts(i: usize, phone: &str) -> String {
    let entry = json!({
        "phone": phone,
        "method": "sms_code",
        "verified_at": ts(NOW - time::Duration::days(10)),
        "relationship": "self",
        "scope": CATEGORIES,
    });
    let with = |key: &str, value: Value| {
        let mut e = entry.clone();
        e[key] = value;
        json!({ "contacts": [e] }).to_string()
    };
    match i {
        0 => "not json".to_string(),
        1 => json!({ "contacts": phone }).to_string(),
        // The entries without the object around them.
        2 => json!([entry]).to_string(),
        // The object as a JSON array (what a positional decoder would take).
        3 => json!([[entry]]).to_string(),
        4 => with("verified_at", "last tuesday".into()),
        5 => with("expires_at", "someday".into()),
        _ => {
            let mut e = entry.clone();
            e.as_object_mut().expect("an object").remove("verified_at");
            json!({ "contacts": [e] }).to_string()
        }
    }
}

/// A person's name: given name(s) and family name(s), as the envelope has them.
type Name = (&'static str, &'static str);

/// Patients: hyphens, apostrophes, accents, particles, common words.
const PATIENT_NAMES: [Name; 12] = [
    ("Maria", "Lopez"),
    ("Mary-Anne", "O'Neil"),
    ("José", "Núñez"),
    ("Grace", "Kim"),
    ("James", "Okafor"),
    ("Siobhán", "McCarthy"),
    ("Will", "Grant"),
    ("Aaliyah", "Washington"),
    ("DeShawn", "Van Buren"),
    ("Lan", "Nguyen"),
    ("Zoë", "Fischer-Brandt"),
    ("Ann", "Becker"),
];

/// Proxies and caregivers.
const RECIPIENT_NAMES: [Name; 3] = [("Carlos", "Diaz"), ("Helen", "Park"), ("Omar", "Haddad")];

/// A name in body form `form`.
fn render_name((first, last): Name, form: usize) -> String {
    let full = format!("{first} {last}");
    match form % 9 {
        0 => full,
        1 => full.to_uppercase(),
        2 => full.to_lowercase(),
        3 => format!("{last}, {first}"),
        4 => first.to_string(),
        5 => format!("Ms. {last}"),
        6 => format!("{first}'s"),
        7 => last.to_uppercase(),
        _ => full.replace('-', " ").replace('\'', ""),
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// How many ways [`BirthDate::render`] writes a date.
const BIRTH_DATE_FORMS: usize = 14;

#[derive(Debug, Clone, Copy)]
struct BirthDate {
    year: u32,
    month: u32,
    day: u32,
}

impl BirthDate {
    fn iso(self) -> String {
        format!("{}-{:02}-{:02}", self.year, self.month, self.day)
    }

    fn month_name(self) -> &'static str {
        MONTHS[self.month as usize - 1]
    }

    fn ordinal(self) -> String {
        let suffix = match self.day {
            1 | 21 | 31 => "st",
            2 | 22 => "nd",
            3 | 23 => "rd",
            _ => "th",
        };
        format!("{}{suffix}", self.day)
    }

    /// The date in body form `form`.
    fn render(self, form: usize) -> String {
        let (y, m, d) = (self.year, self.month, self.day);
        let (month, mon) = (self.month_name(), &self.month_name()[..3]);
        match form % BIRTH_DATE_FORMS {
            0 => self.iso(),
            1 => format!("{m:02}/{d:02}/{y}"),
            2 => format!("{m}/{d}/{y}"),
            3 => format!("{m}/{d}/{:02}", y % 100),
            4 => format!("{month} {d}, {y}"),
            5 => format!("{mon} {d}, {y}"),
            6 => format!("{d} {month} {y}"),
            7 => format!("{mon} {}", self.ordinal()),
            8 => format!("{y}{m:02}{d:02}"),
            9 => format!("{m}-{d}-{y}"),
            10 => format!("{d}-{mon}-{y}"),
            11 => format!("the {} of {month}", self.ordinal()),
            12 => format!("{mon}. {}, {y}", self.ordinal()),
            _ => format!("{d:02}.{m:02}.{y}"),
        }
    }

    /// Text that must not be in an SMS body, lowercase: every form above
    /// (as far as it says month and day), whichever the body used.
    fn forbidden_text(self) -> Vec<String> {
        let (y, m, d) = (self.year, self.month, self.day);
        let month = self.month_name().to_lowercase();
        let mon = &month[..3];
        vec![
            self.iso(),
            format!("{m:02}/{d:02}/"),
            format!("{m}/{d}/"),
            format!("{month} {d}"),
            format!("{mon} {d}"),
            format!("{mon}. {d}"),
            format!("{d} {month}"),
            format!("{d} {mon} "),
            format!("{d:02}.{m:02}.{y}"),
            format!("{m}-{d}-{y}"),
            format!("{d}-{mon}-"),
            format!("{} of {month}", self.ordinal()),
            format!("{mon}. {}", self.ordinal()),
            format!("{mon} {}", self.ordinal()),
        ]
    }

    /// Digit runs that must not be in an SMS body's digits.
    fn forbidden_digits(self) -> Vec<String> {
        let (y, m, d) = (self.year, self.month, self.day);
        vec![format!("{y}{m:02}{d:02}"), format!("{m:02}{d:02}{y}")]
    }
}

/// A part of the body.
#[derive(Debug, Clone)]
enum Fragment {
    PatientName { form: usize, template: usize },
    RecipientName { form: usize, template: usize },
    BirthDate { form: usize, template: usize },
    Phone { form: usize, template: usize },
    Mrn { form: usize, template: usize },
    Filler(usize),
    RedFlag,
}

const NAME_TEMPLATES: [&str; 3] = [
    "Hello {}, this is a message from your care team.",
    "{} has a new message waiting.",
    "We spoke with {} about the visit.",
];
const DATE_TEMPLATES: [&str; 2] = [
    "The birth date on file is {}.",
    "Please confirm your date of birth ({}) at check-in.",
];
const PHONE_TEMPLATES: [&str; 2] = [
    "We plan to text {} when your forms are ready.",
    "Your callback number is {}.",
];
const MRN_TEMPLATES: [&str; 2] = [
    "Your medical record number is {}.",
    "Chart {} was updated today.",
];
/// Ordinary text with no identifier of anyone and no red flag.
const FILLER: [&str; 6] = [
    "Please bring your insurance card and a list of your medications.",
    "Take metformin 500 mg twice daily with food.",
    "Your visit is at 9:30 AM in the main clinic.",
    "Remember to fast after midnight before the blood draw.",
    "The parking garage entrance is on the north side.",
    "Reply to this message through the portal with any questions.",
];

fn fill(template: &str, value: &str) -> String {
    template.replacen("{}", value, 1)
}

/// One generated message and everything the KV store says about it.
#[derive(Debug, Clone)]
struct Case {
    role: Role,
    category: &'static str,
    priority: &'static str,
    patient: Name,
    birth: BirthDate,
    /// The MRN as the envelope has it.
    mrn: String,
    recipient_name: Option<Name>,
    /// The recipient's phone and the format the envelope writes it in.
    phone: Option<(Phone, usize)>,
    /// The record under the patient's id.
    consent_patient: Consent,
    /// The record under `<patient>.proxy.<digits of the recipient's phone>`.
    consent_proxy: Consent,
    contacts: Contacts,
    body: Vec<Fragment>,
}

fn phone_strategy() -> impl Strategy<Value = Phone> {
    (201u32..=989, 200u32..=999, 0u32..=9999).prop_map(|(a, e, l)| Phone(format!("{a}{e}{l:04}")))
}

fn consent_strategy() -> impl Strategy<Value = Consent> {
    prop_oneof![
        2 => Just(Consent::Missing),
        1 => Just(Consent::Unknown),
        8 => (any::<bool>(), prop::option::of(1i64..=1000))
            .prop_map(|(phi, expires_in_days)| Consent::Granted { phi, expires_in_days }),
        1 => Just(Consent::Revoked),
        2 => (any::<bool>(), prop_oneof![Just(1i64), 60i64..=86_400, 86_400i64..=86_400 * 1000])
            .prop_map(|(phi, secs_ago)| Consent::Expired { phi, secs_ago }),
        1 => Just(Consent::DoNotContact),
        2 => (0..MALFORMED_CONSENT.len()).prop_map(Consent::Malformed),
    ]
}

fn contact_entry_strategy() -> impl Strategy<Value = ContactEntry> {
    (
        prop_oneof![
            5 => (0..PHONE_FORMS - 1).prop_map(ContactPhone::Recipient),
            1 => phone_strategy().prop_map(ContactPhone::Other),
        ],
        prop_oneof![5 => Just("self"), 3 => Just("proxy"), 1 => Just("neighbour")],
        prop_oneof![5 => 0i64..=300, 1 => 400i64..=3000],
        prop::option::weighted(
            0.8,
            prop::sample::subsequence(CATEGORIES.to_vec(), 0..=CATEGORIES.len()),
        ),
        prop::option::weighted(0.3, prop_oneof![-1000i64..=-1, 1i64..=1000]),
    )
        .prop_map(
            |(phone, relationship, verified_days_ago, scope, expires_in_days)| ContactEntry {
                phone,
                relationship,
                verified_days_ago,
                scope,
                expires_in_days,
            },
        )
}

fn contacts_strategy() -> impl Strategy<Value = Contacts> {
    prop_oneof![
        1 => Just(Contacts::Missing),
        1 => Just(Contacts::Entries(Vec::new())),
        6 => prop::collection::vec(contact_entry_strategy(), 1..=3).prop_map(Contacts::Entries),
        1 => (0..MALFORMED_CONTACTS).prop_map(Contacts::Malformed),
    ]
}

fn fragment_strategy() -> impl Strategy<Value = Fragment> {
    prop_oneof![
        4 => (0usize..9, 0..NAME_TEMPLATES.len())
            .prop_map(|(form, template)| Fragment::PatientName { form, template }),
        1 => (0usize..9, 0..NAME_TEMPLATES.len())
            .prop_map(|(form, template)| Fragment::RecipientName { form, template }),
        3 => (0..BIRTH_DATE_FORMS, 0..DATE_TEMPLATES.len())
            .prop_map(|(form, template)| Fragment::BirthDate { form, template }),
        3 => (0..PHONE_FORMS, 0..PHONE_TEMPLATES.len())
            .prop_map(|(form, template)| Fragment::Phone { form, template }),
        3 => (0usize..5, 0..MRN_TEMPLATES.len())
            .prop_map(|(form, template)| Fragment::Mrn { form, template }),
        3 => (0..FILLER.len()).prop_map(Fragment::Filler),
        1 => Just(Fragment::RedFlag),
    ]
}

fn mrn_strategy() -> impl Strategy<Value = String> {
    prop_oneof![
        (0usize..=2, 100_000u64..=999_999_999)
            .prop_map(|(zeros, n)| format!("{}{n}", "0".repeat(zeros))),
        (1_000_000u64..=9_999_999).prop_map(|n| format!("MRN{n}")),
        (
            prop::sample::select(vec!['A', 'K', 'Z']),
            1_000_000u64..=99_999_999
        )
            .prop_map(|(c, n)| format!("{c}{n}")),
    ]
}

fn case_strategy() -> impl Strategy<Value = Case> {
    let who = (
        prop_oneof![3 => Just(Role::Patient), 1 => Just(Role::Proxy), 1 => Just(Role::Caregiver)],
        prop::sample::select(CATEGORIES.to_vec()),
        prop_oneof![6 => Just("routine"), 1 => Just("urgent"), 1 => Just("stat")],
        prop::sample::select(PATIENT_NAMES.to_vec()),
        (1930u32..=2010, 1u32..=12, 1u32..=28).prop_map(|(year, month, day)| BirthDate {
            year,
            month,
            day,
        }),
        mrn_strategy(),
        prop::sample::select(RECIPIENT_NAMES.to_vec()),
        prop::option::weighted(0.9, (phone_strategy(), 0..PHONE_FORMS - 1)),
    );
    let records = (
        consent_strategy(),
        consent_strategy(),
        contacts_strategy(),
        prop::collection::vec(fragment_strategy(), 1..=6),
    );
    (who, records).prop_map(
        |(
            (role, category, priority, patient, birth, mrn, recipient, phone),
            (consent_patient, consent_proxy, contacts, body),
        )| Case {
            role,
            category,
            priority,
            patient,
            birth,
            mrn,
            recipient_name: (role != Role::Patient).then_some(recipient),
            phone,
            consent_patient,
            consent_proxy,
            contacts,
            body,
        },
    )
}

// ---------------------------------------------------------------- what a case means

impl Case {
    fn envelope_phone(&self) -> Option<String> {
        self.phone.as_ref().map(|(p, form)| p.render(*form))
    }

    fn consent(&self) -> &Consent {
        match self.role {
            Role::Patient => &self.consent_patient,
            Role::Proxy | Role::Caregiver => &self.consent_proxy,
        }
    }

    /// The contact entries that have the recipient's number.
    fn entries_for_recipient(&self) -> Vec<&ContactEntry> {
        let (Some((phone, _)), Contacts::Entries(entries)) = (&self.phone, &self.contacts) else {
            return Vec::new();
        };
        entries
            .iter()
            .filter(|e| match &e.phone {
                ContactPhone::Recipient(_) => true,
                ContactPhone::Other(other) => other == phone,
            })
            .collect()
    }

    /// Whether an entry with the recipient's number verifies this recipient
    /// (the documented rules): fresh, unexpired, the right relationship, and
    /// for a proxy the message's category in scope.
    fn qualifies(&self, e: &ContactEntry) -> bool {
        let fresh = e.verified_days_ago <= 365;
        let unexpired = e.expires_in_days.is_none_or(|d| d > 0);
        let relationship = match self.role {
            Role::Patient => e.relationship == "self",
            Role::Proxy | Role::Caregiver => {
                e.relationship == "proxy"
                    && e.scope.as_ref().is_some_and(|s| s.contains(&self.category))
            }
        };
        fresh && unexpired && relationship
    }

    /// Whether some contact entry verifies the recipient.
    fn verified(&self) -> bool {
        self.entries_for_recipient()
            .into_iter()
            .any(|e| self.qualifies(e))
    }

    /// Whether an SMS is clearly due: every rule allows it and nothing is
    /// open to a stricter reading (another entry for the same number that
    /// does not qualify; for a proxy, a patient's own record that is not a
    /// plain grant).
    fn clearly_deliverable(&self) -> bool {
        let for_recipient = self.entries_for_recipient();
        self.consent().allows_sms()
            && !for_recipient.is_empty()
            && for_recipient.iter().all(|e| self.qualifies(e))
            && (self.role == Role::Patient
                || matches!(
                    self.consent_patient,
                    Consent::Missing | Consent::Granted { .. }
                ))
            && self.priority != "stat"
            && !self.has_red_flag()
    }

    fn body_text(&self) -> String {
        let phone = self.phone.as_ref().map(|(p, _)| p);
        let mut parts = Vec::new();
        for f in &self.body {
            parts.push(match f {
                Fragment::PatientName { form, template } => {
                    fill(NAME_TEMPLATES[*template], &render_name(self.patient, *form))
                }
                Fragment::RecipientName { form, template } => match self.recipient_name {
                    Some(name) => fill(NAME_TEMPLATES[*template], &render_name(name, *form)),
                    None => continue,
                },
                Fragment::BirthDate { form, template } => {
                    fill(DATE_TEMPLATES[*template], &self.birth.render(*form))
                }
                Fragment::Phone { form, template } => match phone {
                    Some(p) => fill(PHONE_TEMPLATES[*template], &p.render(*form)),
                    None => continue,
                },
                Fragment::Mrn { form, template } => {
                    fill(MRN_TEMPLATES[*template], &render_mrn(&self.mrn, *form))
                }
                Fragment::Filler(i) => FILLER[*i].to_string(),
                Fragment::RedFlag => "I have crushing chest pain right now.".to_string(),
            });
        }
        if parts.is_empty() {
            parts.push(FILLER[0].to_string());
        }
        parts.join(" ")
    }

    fn has_red_flag(&self) -> bool {
        self.body.iter().any(|f| matches!(f, Fragment::RedFlag))
    }

    fn envelope(&self, id: &str, patient_id: &str) -> Value {
        let (first, last) = self.patient;
        let mut recipient = json!({"role": self.role.as_str()});
        if let Some((first, last)) = self.recipient_name {
            recipient["name"] = format!("{first} {last}").into();
        }
        if let Some(phone) = self.envelope_phone() {
            recipient["phone"] = phone.into();
        }
        json!({
            "id": id,
            "tenant": "acme",
            "category": self.category,
            "priority": self.priority,
            "patient": {
                "id": patient_id,
                "name": format!("{first} {last}"),
                "birth_date": self.birth.iso(),
                "mrn": self.mrn,
            },
            "recipient": recipient,
            "body": self.body_text(),
        })
    }

    /// This case's KV records, stored under `patient_id`: (bucket, key, value).
    fn records(&self, patient_id: &str) -> Vec<(&'static str, String, String)> {
        let mut out = Vec::new();
        if let Some(record) = self.consent_patient.record() {
            out.push((CONSENT_BUCKET, patient_id.to_string(), record));
        }
        if let (Some(record), Some((number, form))) = (self.consent_proxy.record(), &self.phone) {
            // The documented key uses the digits of the phone as the envelope
            // has it; a plugin may normalise them to E.164 first. The proxy's
            // record is the same under either key.
            let given = digits(&number.render(*form));
            let e164 = format!("1{}", number.0);
            if given != e164 {
                out.push((
                    CONSENT_BUCKET,
                    format!("{patient_id}.proxy.{given}"),
                    record.clone(),
                ));
            }
            out.push((CONSENT_BUCKET, format!("{patient_id}.proxy.{e164}"), record));
        }
        let stored_phone = |form: usize| match &self.phone {
            Some((p, _)) => p.render(form),
            None => "+12025550100".to_string(),
        };
        let contacts = match &self.contacts {
            Contacts::Missing => None,
            Contacts::Malformed(i) => Some(malformed_contacts(*i, &stored_phone(0))),
            Contacts::Entries(entries) => {
                let contacts: Vec<Value> = entries
                    .iter()
                    .map(|e| {
                        let phone = match &e.phone {
                            ContactPhone::Recipient(form) => stored_phone(*form),
                            ContactPhone::Other(p) => p.render(0),
                        };
                        let mut c = json!({
                            "phone": phone,
                            "method": "sms_code",
                            "verified_at": ts(NOW - time::Duration::days(e.verified_days_ago)),
                            "relationship": e.relationship,
                        });
                        if let Some(scope) = &e.scope {
                            c["scope"] = json!(scope);
                        }
                        if let Some(days) = e.expires_in_days {
                            c["expires_at"] = ts(NOW + time::Duration::days(days)).into();
                        }
                        c
                    })
                    .collect();
                Some(json!({ "contacts": contacts }).to_string())
            }
        };
        if let Some(record) = contacts {
            out.push((CONTACTS_BUCKET, patient_id.to_string(), record));
        }
        out
    }
}

/// An MRN in body form `form`.
fn render_mrn(mrn: &str, form: usize) -> String {
    let split = mrn.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let (prefix, number) = mrn.split_at(split);
    match form % 5 {
        0 => mrn.to_string(),
        1 => mrn.to_lowercase(),
        2 if prefix.is_empty() => number.trim_start_matches('0').to_string(),
        2 => format!("{prefix} {number}"),
        3 => {
            // Dashes every three digits from the right: 00-847-213.
            let digits: Vec<char> = number.chars().collect();
            let mut out = prefix.to_string();
            for (i, c) in digits.iter().enumerate() {
                if i > 0 && (digits.len() - i).is_multiple_of(3) {
                    out.push('-');
                }
                out.push(*c);
            }
            out
        }
        _ => format!("#{mrn}"),
    }
}

fn ts(t: OffsetDateTime) -> String {
    t.format(&Rfc3339).expect("RFC 3339")
}

fn alnum_lower(s: &str) -> String {
    s.chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// Words of `s` (runs of letters and digits), lowercase.
fn words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The envelope's own identifiers, prepared for comparison.
struct Identifiers {
    /// Name parts (3+ characters) and whole names, as lowercase words.
    name_words: Vec<String>,
    /// Lowercase text (birth date forms).
    text: Vec<String>,
    /// Lowercase letters and digits only (the MRN).
    alnum: Vec<String>,
    /// Digit runs (phone, MRN, compact birth dates).
    digit_runs: Vec<String>,
}

impl Identifiers {
    fn of(case: &Case) -> Self {
        let mut name_words = Vec::new();
        for (first, last) in std::iter::once(case.patient).chain(case.recipient_name) {
            let full = format!("{first} {last}");
            name_words.push(alnum_lower(&full));
            for part in full.split_whitespace() {
                name_words.push(alnum_lower(part));
                name_words.extend(words(part));
            }
        }
        name_words.retain(|w| w.chars().count() >= 3);
        name_words.sort();
        name_words.dedup();

        let mut digit_runs = case.birth.forbidden_digits();
        if let Some((phone, _)) = &case.phone {
            digit_runs.push(phone.0.clone());
            digit_runs.push(format!("{}{}", phone.exchange(), phone.line()));
        }
        let mrn_digits = digits(&case.mrn);
        let mrn_digits = mrn_digits.trim_start_matches('0');
        if mrn_digits.len() >= 6 {
            digit_runs.push(mrn_digits.to_string());
        }
        Self {
            name_words,
            text: case.birth.forbidden_text(),
            alnum: vec![alnum_lower(&case.mrn)],
            digit_runs,
        }
    }

    /// The identifiers found in `body` (empty: none).
    fn found_in_body(&self, body: &str) -> Vec<String> {
        let lower = body.to_lowercase();
        let body_words = words(body);
        let alnum = alnum_lower(body);
        let body_digits = digits(body);
        let mut found = Vec::new();
        for w in &self.name_words {
            if body_words.contains(w) {
                found.push(format!("name {w:?}"));
            }
        }
        for t in &self.text {
            if lower.contains(t.as_str()) {
                found.push(format!("birth date {t:?}"));
            }
        }
        for a in &self.alnum {
            if alnum.contains(a.as_str()) {
                found.push(format!("MRN {a:?}"));
            }
        }
        for d in &self.digit_runs {
            if body_digits.contains(d.as_str()) {
                found.push(format!(
                    "number {d:?} (in the body's digits {body_digits:?})"
                ));
            }
        }
        found
    }

    /// The identifiers found in a code (empty: none).
    fn found_in_code(&self, code: &str) -> Vec<String> {
        let mut found = Vec::new();
        let code_words = words(code);
        for w in &self.name_words {
            if code_words.contains(w) {
                found.push(format!("name {w:?}"));
            }
        }
        for t in &self.text {
            if code.contains(t.as_str()) {
                found.push(format!("birth date {t:?}"));
            }
        }
        for a in &self.alnum {
            if alnum_lower(code).contains(a.as_str()) {
                found.push(format!("MRN {a:?}"));
            }
        }
        let code_digits = digits(code);
        for d in &self.digit_runs {
            if code_digits.contains(d.as_str()) {
                found.push(format!("number {d:?}"));
            }
        }
        found
    }
}

// ---------------------------------------------------------------- the run

#[derive(Default)]
struct Stats {
    by_outcome: BTreeMap<&'static str, usize>,
    /// Cases that clearly must go out by SMS (see [`Case::clearly_deliverable`]
    /// and the TCPA settings of [`ConsentSettings`]).
    deliverable: usize,
    /// Clearly deliverable cases that did not go out by SMS, described.
    not_sent: Vec<String>,
}

#[test]
fn safety_properties_of_the_clinical_chain() {
    let started = Instant::now();
    let dir = tempfile::tempdir().expect("tempdir");
    let config_path = ConfigSpec::new(None, example_plugins()).write(dir.path());
    let config = carewire::config::Config::from_toml(
        &std::fs::read_to_string(&config_path).expect("read config"),
        dir.path(),
    )
    .expect("the test config is valid");
    let names: Vec<&str> = config.plugins.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "urgency-triage",
            "recipient-verify",
            "phi-redact",
            "consent"
        ],
        "examples/carewire.toml's chain changed: revisit these properties"
    );
    let kv = Arc::new(SharedKv::default());
    let pipeline = Pipeline::start(&config, kv.clone()).expect("the clinical chain loads");
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let now_ms = NOW.unix_timestamp() * 1000;
    let consent = ConsentSettings::from_example();
    eprintln!("pipeline started in {:?}", started.elapsed());

    let seed = std::env::var("PROPTEST_RNG_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(1, |d| d.as_nanos() as u64)
        });
    eprintln!("proptest seed {seed} (PROPTEST_RNG_SEED={seed} replays this run)");
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(CASES);
    let mut runner = TestRunner::new(RunnerConfig {
        cases,
        failure_persistence: None,
        rng_seed: RngSeed::Fixed(seed),
        max_shrink_iters: 500,
        ..RunnerConfig::default()
    });

    let next_id = AtomicU64::new(0);
    let stats = Mutex::new(Stats::default());
    let result = runner.run(&case_strategy(), |case| {
        let n = next_id.fetch_add(1, Ordering::Relaxed);
        let patient_id = format!("prop-p-{n}");
        let records = case.records(&patient_id);
        // Stored as carewire keeps them: within the message's tenant.
        for (bucket, key, value) in &records {
            kv.put(bucket, &format!("{TENANT}.{key}"), value);
        }
        let envelope = case.envelope(&format!("prop-m-{n}"), &patient_id);
        let payload = serde_json::to_vec(&envelope).expect("encode");
        let handled = runtime
            .block_on(pipeline.handle(&payload, TENANT, now_ms))
            .map_err(|e| TestCaseError::fail(format!("pipeline closed: {e}")))?;
        let Handled::Decided(_, decision) = handled else {
            return Err(TestCaseError::fail(format!(
                "the generated envelope is invalid: {handled:?}"
            )));
        };
        let outcome = decision.outcome();
        let routed = &decision.routed;
        let sms = routed.bodies.sms.as_str();
        let context = || {
            format!(
                "\n  outcome {}, reasons {:?}, labels {:?}\n  envelope {envelope}\n  KV {records:?}\n  SMS body {sms:?}",
                outcome.as_str(),
                routed.reasons,
                routed.labels
            )
        };

        // No plugin may fail on an ordinary message: a failure would make
        // every property below hold for the wrong reason.
        for report in &decision.plugins {
            if let PluginOutcome::Failed(kind) = &report.outcome {
                return Err(TestCaseError::fail(format!(
                    "plugin {} failed ({}){}",
                    report.name,
                    kind.as_str(),
                    context()
                )));
            }
        }

        // 1 and 2: no SMS without consent, no SMS to an unverified number.
        if outcome == Outcome::Sms {
            if !case.consent().allows_sms() {
                return Err(TestCaseError::fail(format!(
                    "SMS sent although the {} consent record is {:?}{}",
                    case.role.as_str(),
                    case.consent(),
                    context()
                )));
            }
            if !case.verified() {
                return Err(TestCaseError::fail(format!(
                    "SMS sent to a number that is not a verified contact for a {} of category {} \
                     (contacts {:?}){}",
                    case.role.as_str(),
                    case.category,
                    case.contacts,
                    context()
                )));
            }
            if !case.consent().allows_phi() && sms != consent.notice {
                return Err(TestCaseError::fail(format!(
                    "SMS without written PHI consent carries more than the notice {:?}{}",
                    consent.notice,
                    context()
                )));
            }
        }

        // 3: the SMS body holds none of the envelope's identifiers.
        let ids = Identifiers::of(&case);
        let leaked = ids.found_in_body(sms);
        if !leaked.is_empty() {
            return Err(TestCaseError::fail(format!(
                "the SMS body holds the envelope's identifiers: {}{}",
                leaked.join(", "),
                context()
            )));
        }

        // 4: codes are codes, and hold no identifier.
        let mut codes: Vec<(&str, &str)> = Vec::new();
        for r in &routed.reasons {
            codes.push(("reason", r));
        }
        for (k, v) in &routed.labels {
            codes.push(("label key", k));
            codes.push(("label value", v));
        }
        if let carewire::route::Route::Undeliverable(code) = &routed.route {
            codes.push(("undeliverable code", code));
        }
        for report in &decision.plugins {
            if let PluginOutcome::Answered(v) = &report.outcome {
                for r in v.reasons.iter().chain(&v.halt) {
                    codes.push(("plugin reason", r));
                }
                for (k, val) in &v.labels {
                    codes.push(("plugin label key", k));
                    codes.push(("plugin label value", val));
                }
            }
        }
        for (what, code) in codes {
            if !is_contract_code(code) || code == "invalid_code" {
                return Err(TestCaseError::fail(format!(
                    "{what} {code:?} is not a valid code{}",
                    context()
                )));
            }
            let found = ids.found_in_code(code);
            if !found.is_empty() {
                return Err(TestCaseError::fail(format!(
                    "{what} {code:?} holds {}{}",
                    found.join(", "),
                    context()
                )));
            }
        }

        let mut stats = stats.lock().expect("stats lock");
        *stats.by_outcome.entry(outcome.as_str()).or_default() += 1;
        // With PHI consent the body itself is texted: the TCPA settings apply.
        let body_allowed = !case.consent().allows_phi()
            || (!consent.sender_required
                && consent
                    .max_length
                    .is_none_or(|max| case.body_text().chars().count() <= max));
        let deliverable = case.clearly_deliverable() && body_allowed;
        if deliverable {
            stats.deliverable += 1;
            if outcome != Outcome::Sms {
                let mut line = String::new();
                write!(
                    line,
                    "{} (consent {:?}, contacts {:?}){}",
                    case.role.as_str(),
                    case.consent(),
                    case.contacts,
                    context()
                )
                .expect("write to string");
                stats.not_sent.push(line);
            }
        }
        Ok(())
    });

    let stats = stats.into_inner().expect("stats lock");
    eprintln!(
        "{} cases in {:?}: outcomes {:?}; {} clearly deliverable, {} of them not sent by SMS",
        next_id.load(Ordering::Relaxed),
        started.elapsed(),
        stats.by_outcome,
        stats.deliverable,
        stats.not_sent.len()
    );
    match result {
        Ok(()) => {}
        Err(TestError::Fail(reason, case)) => {
            panic!(
                "safety property violated (minimal case below): {reason}\n\nminimal case: {case:#?}"
            )
        }
        Err(TestError::Abort(reason)) => panic!("property run aborted: {reason}"),
    }
    // The properties must not hold merely because nothing is ever sent.
    assert!(
        stats.by_outcome.get("sms").copied().unwrap_or(0) > 0 && stats.deliverable > 0,
        "no generated message went out by SMS: the properties were not exercised ({:?})",
        stats.by_outcome
    );
    assert!(
        stats.not_sent.is_empty(),
        "{} of {} messages that clearly must go out by SMS (consent, verified recipient, \
         routine, TCPA limits) did not:\n{}",
        stats.not_sent.len(),
        stats.deliverable,
        stats.not_sent.join("\n")
    );
}

/// The leak checks themselves find what they look for (and not the tokens
/// and ordinary text around it), so a property above can fail.
#[test]
fn identifier_checks_find_leaks() {
    let case = Case {
        role: Role::Proxy,
        category: "lab_result",
        priority: "routine",
        patient: ("Mary-Anne", "O'Neil"),
        birth: BirthDate {
            year: 1962,
            month: 3,
            day: 14,
        },
        mrn: "00847213".into(),
        recipient_name: Some(("Carlos", "Diaz")),
        phone: Some((Phone("5551234567".into()), 0)),
        consent_patient: Consent::Missing,
        consent_proxy: Consent::Missing,
        contacts: Contacts::Missing,
        body: Vec::new(),
    };
    let ids = Identifiers::of(&case);
    let clean = "[NAME], your results from [DATE] are ready; we texted [PHONE] about [MRN]. \
                 Take metformin 500 mg at 9:30 AM, as in 1962. Annex and Carlson are fine.";
    assert_eq!(ids.found_in_body(clean), Vec::<String>::new());
    for leak in [
        "Hi ONEIL",
        "for mary anne",
        "Carlos called",
        "born March 14th",
        "born 14-Mar-62 and 3/14/1962",
        "born 1962-03-14",
        "born 19620314",
        "chart 847213",
        "chart 00-847-213",
        "call (555) 123-4567",
        "call 123-4567",
    ] {
        assert!(!ids.found_in_body(leak).is_empty(), "{leak:?} not caught");
    }
    for code in [
        "phi_redacted",
        "urgent:chest_pain",
        "required_channel_unavailable",
    ] {
        assert_eq!(ids.found_in_code(code), Vec::<String>::new(), "{code}");
    }
    for code in [
        "name:mary",
        "n:15551234567",
        "x.847213",
        "dob:1962-03-14",
        "oneil",
    ] {
        assert!(!ids.found_in_code(code).is_empty(), "{code:?} not caught");
    }
    assert!(is_contract_code("urgent:chest_pain"));
    for not_code in [
        "",
        "Urgent",
        "_x",
        "a b",
        "+1555",
        &"a".repeat(65),
        "15555550101",
        "maria.lopez",
        "mrn:4471902",
        "1962-03-14",
        "a:b:c",
    ] {
        assert!(!is_contract_code(not_code), "{not_code:?}");
    }

    // The oracle: the proxy's own consent counts, not the patient's.
    let mut c = case.clone();
    c.consent_patient = Consent::Granted {
        phi: true,
        expires_in_days: None,
    };
    assert!(!c.consent().allows_sms());
    c.consent_proxy = Consent::Granted {
        phi: false,
        expires_in_days: Some(3),
    };
    assert!(c.consent().allows_sms() && !c.consent().allows_phi());
    // A proxy entry verifies a proxy only for a category in its scope.
    let entry = |relationship, scope: &[&'static str]| ContactEntry {
        phone: ContactPhone::Recipient(2),
        relationship,
        verified_days_ago: 10,
        scope: Some(scope.to_vec()),
        expires_in_days: None,
    };
    c.contacts = Contacts::Entries(vec![entry("proxy", &["billing"])]);
    assert!(!c.verified());
    c.contacts = Contacts::Entries(vec![entry("self", &["lab_result"])]);
    assert!(!c.verified());
    c.contacts = Contacts::Entries(vec![entry("proxy", &["lab_result"])]);
    assert!(c.verified());
}
