//! How a red-flag rule is written: its code, signs, context, look-alikes
//! and flags, with small constructors so the rule tables (`rules` in
//! English, `rules_es` in Spanish) read as data.

use crate::vitals::Check;

/// A pattern, and for numeric signs the test on the first number it found.
#[derive(Clone, Copy)]
pub struct Sign {
    pub text: &'static str,
    pub check: Option<Check>,
}

pub const fn t(text: &'static str) -> Sign {
    Sign { text, check: None }
}

pub const fn n(text: &'static str, check: Check) -> Sign {
    Sign {
        text,
        check: Some(check),
    }
}

/// Two sign lists as one, for a rule that takes both (`N` is the sum of
/// their lengths).
pub const fn joined<const N: usize>(first: &[Sign], second: &[Sign]) -> [Sign; N] {
    assert!(first.len() + second.len() == N);
    let mut out = [t(""); N];
    let mut i = 0;
    while i < first.len() {
        out[i] = first[i];
        i += 1;
    }
    while i < N {
        out[i] = second[i - first.len()];
        i += 1;
    }
    out
}

pub struct RuleDef {
    pub code: &'static str,
    /// When not empty, one of these must also be found (not discounted)
    /// somewhere in the message.
    pub context: &'static [Sign],
    /// Any of these, not discounted, fires the rule.
    pub signs: &'static [Sign],
    /// A sign near one of these (same clause, a few words) does not count.
    pub benign: &'static [Sign],
    /// The context counts even when negated or past ("i wasnt suicidal
    /// before but now i have a plan").
    pub raw_context: bool,
    /// Using an emergency medicine: in a refill request it counts only
    /// with a cue that it is happening now ("used my epipen 10 min ago").
    pub medicine_use: bool,
    /// Asked as a general question it still counts ("is it normal to want
    /// to die every day?").
    pub personal: bool,
    /// The rule does not fire when one of these is anywhere in the
    /// message ("my baby is 5 months old" for infant fever).
    pub veto: &'static [Sign],
    /// The context counts even when it is past ("gave birth 2 weeks ago",
    /// "born 3 weeks ago"), though not when negated.
    pub past_context: bool,
    /// A stated resolution does not discount it: the harm comes later
    /// (a large acetaminophen ingestion "feels fine").
    pub lasting: bool,
}

pub const fn rule(code: &'static str, signs: &'static [Sign]) -> RuleDef {
    RuleDef {
        code,
        context: &[],
        signs,
        benign: &[],
        raw_context: false,
        medicine_use: false,
        personal: false,
        veto: &[],
        past_context: false,
        lasting: false,
    }
}

pub const fn with_context(
    code: &'static str,
    context: &'static [Sign],
    signs: &'static [Sign],
) -> RuleDef {
    RuleDef {
        context,
        ..rule(code, signs)
    }
}

pub const fn benign(def: RuleDef, benign: &'static [Sign]) -> RuleDef {
    RuleDef { benign, ..def }
}

/// Look-alikes of a concept with no sign of their own: every rule of
/// `code` takes them (a rule's look-alikes count for its whole code).
pub const fn look_alikes(code: &'static str, benign: &'static [Sign]) -> RuleDef {
    RuleDef {
        benign,
        ..rule(code, &[])
    }
}

impl RuleDef {
    pub const fn veto(self, veto: &'static [Sign]) -> Self {
        RuleDef { veto, ..self }
    }

    pub const fn personal(self) -> Self {
        RuleDef {
            personal: true,
            ..self
        }
    }

    pub const fn lasting(self) -> Self {
        RuleDef {
            lasting: true,
            ..self
        }
    }

    pub const fn past_context(self) -> Self {
        RuleDef {
            past_context: true,
            ..self
        }
    }
}

pub const fn medicine_use(code: &'static str, signs: &'static [Sign]) -> RuleDef {
    RuleDef {
        medicine_use: true,
        ..rule(code, signs)
    }
}
