//! End-to-end tests of the triage verdict.

use carewire_plugin_sdk::{Channel, Priority, Verdict, testing};

use crate::check_config;
use crate::decide::Triage;

fn verdict(body: &str, priority: Priority) -> Verdict {
    let mut message = testing::message(body);
    message.priority = priority;
    let v = Triage::default().decide(&message);
    assert!(v.codes_are_valid());
    assert!(v.deny.is_empty() && v.bodies.is_empty() && !v.is_halt());
    v
}

fn flags(body: &str) -> Vec<&'static str> {
    Triage::default().red_flags(body)
}

#[test]
fn routine_message() {
    let v = verdict("Your appointment is on Tuesday at 3pm.", Priority::Routine);
    assert_eq!(v.label_value("urgency"), Some("routine"));
    assert_eq!(v.reasons, vec!["routine"]);
    assert_eq!(v.require, None);
}

#[test]
fn stat_priority_is_urgent() {
    let v = verdict("Please call the clinic.", Priority::Stat);
    assert_eq!(v.label_value("urgency"), Some("urgent"));
    assert_eq!(v.require, Some(Channel::Escalation));
    assert_eq!(v.reasons, vec!["urgent_stat_priority"]);
}

#[test]
fn urgent_hint_alone_is_only_labelled() {
    let v = verdict("Please call the clinic.", Priority::Urgent);
    assert_eq!(v.label_value("urgency"), Some("routine"));
    assert_eq!(v.label_value("priority_hint"), Some("urgent"));
    assert_eq!(v.require, None);
}

#[test]
fn red_flag_requires_escalation_with_its_code() {
    let v = verdict(
        "I have crushing chest pain and I can't breathe",
        Priority::Urgent,
    );
    assert_eq!(v.label_value("urgency"), Some("urgent"));
    assert_eq!(v.require, Some(Channel::Escalation));
    assert_eq!(v.reasons, vec!["urgent:chest_pain", "urgent:breathing"]);
    let v = verdict("Chest pain again", Priority::Stat);
    assert_eq!(v.reasons, vec!["urgent_stat_priority", "urgent:chest_pain"]);
}

#[test]
fn each_rule_fires_on_its_phrases() {
    let cases = [
        (
            "Tightness in chest, chest pressure since noon",
            "chest_pain",
        ),
        ("She is short of breath", "breathing"),
        ("His face is drooping and he has slurred speech", "stroke"),
        ("The wound is bleeding heavily", "severe_bleeding"),
        ("After the shot my throat is swelling", "anaphylaxis"),
        ("I think he overdosed on his meds", "overdose"),
        ("I want to kill myself", "self_harm"),
        ("I've been having suicidal thoughts", "self_harm"),
        ("She had a seizure this morning", "seizure"),
        ("I'm 20 weeks pregnant and bleeding", "pregnancy_bleeding"),
        ("My 3-week-old has a fever of 101", "infant_fever"),
        ("Newborn feels febrile", "infant_fever"),
        (
            "Your potassium is a critical value, please call",
            "critical_result",
        ),
        ("Lab flagged it critically low", "critical_result"),
    ];
    for (body, code) in cases {
        assert_eq!(flags(body), vec![code], "{body}");
    }
}

#[test]
fn negated_mentions_do_not_count() {
    for body in [
        "Patient denies chest pain or shortness of breath.",
        "No seizures since the medication change.",
        "Not suicidal, mood is better.",
        "Your results show no critical values.",
        "I am without any chest pain today",
    ] {
        assert!(flags(body).is_empty(), "{body}");
    }
}

#[test]
fn history_does_not_count() {
    for body in [
        "Chest pain last year, gone now.",
        "History of seizures, stable on Keppra.",
        "He had an overdose in the past.",
        "Shortness of breath on Monday, now resolved.",
    ] {
        assert!(flags(body).is_empty(), "{body}");
    }
}

#[test]
fn instructions_do_not_count() {
    for body in [
        "Call us if you have chest pain or trouble breathing.",
        "If you develop a fever in your newborn, call the clinic.",
        "Call 911 if your face is drooping or you have slurred speech.",
        "If you are having thoughts of suicide, call 988.",
        "Watch for signs of anaphylaxis such as throat swelling.",
    ] {
        assert!(flags(body).is_empty(), "{body}");
    }
}

#[test]
fn negation_does_not_cross_clauses() {
    assert_eq!(
        flags("No fever, but chest pain since noon"),
        vec!["chest_pain"]
    );
    assert_eq!(
        flags("Chest pain last year. Today I can't breathe."),
        vec!["breathing"]
    );
}

#[test]
fn co_occurrence_rules_need_both_in_one_sentence() {
    assert!(flags("I am pregnant. My gums are fine.").is_empty());
    assert!(flags("Not pregnant, bleeding from a cut").is_empty());
    assert!(flags("Baby has a rash. Dad has a fever.").is_empty());
}

#[test]
fn config_must_be_empty_or_an_object() {
    assert!(check_config("").is_ok());
    assert!(check_config("{}").is_ok());
    assert!(check_config("[1]").is_err());
    assert!(check_config("nope").is_err());
}
