//! Numeric red flags: is this number, read after a lab or vital-sign word,
//! a critical value? Each check first makes sure the number is plausible
//! for what it measures (so "potassium was 39", a typo, is ignored) and is
//! not a price, a time or a date.

use crate::text::{Number, NumberKind};

/// A test on the number a pattern found.
pub type Check = fn(&Number) -> bool;

fn plain(n: &Number) -> Option<f32> {
    matches!(n.kind, NumberKind::Plain | NumberKind::Percent).then_some(n.value)
}

/// A temperature in Fahrenheit, from °F, °C or a dropped decimal point
/// ("1012" for 101.2).
fn fahrenheit(n: &Number) -> Option<f32> {
    let v = plain(n)?;
    if n.int_digits == 4 && v.fract() == 0.0 && (950.0..=1090.0).contains(&v) {
        return Some(v / 10.0);
    }
    if (35.0..=43.5).contains(&v) {
        return Some(v * 9.0 / 5.0 + 32.0);
    }
    (90.0..=110.0).contains(&v).then_some(v)
}

/// A fever: 100.4 °F (38 °C) or more.
pub fn fever(n: &Number) -> bool {
    fahrenheit(n).is_some_and(|f| f >= 100.39)
}

/// A fever written with decimals (38.1, 100.6): a bare number like that
/// in an infant's message is a temperature.
pub fn fever_with_decimals(n: &Number) -> bool {
    n.value.fract() != 0.0 && fever(n)
}

/// A temperature below fever ("is 99.5 a fever?").
pub fn no_fever(n: &Number) -> bool {
    fahrenheit(n).is_some_and(|f| f < 100.39)
}

/// A low temperature for an infant: under 97 °F (36.1 °C).
pub fn low_temp(n: &Number) -> bool {
    fahrenheit(n).is_some_and(|f| (90.0..97.0).contains(&f))
}

/// A dangerous fever at any age: 105 °F (40.6 °C) or more.
pub fn high_fever(n: &Number) -> bool {
    fahrenheit(n).is_some_and(|f| f >= 104.99)
}

/// A dangerous fever written in Fahrenheit ("105F"): a number glued to
/// "F" below 90 is an age and sex ("41F", a 41-year-old woman), not 41 °C.
pub fn high_fever_fahrenheit(n: &Number) -> bool {
    plain(n).is_some_and(|v| (104.99..=115.0).contains(&v))
}

/// Oxygen saturation below 92 %.
pub fn low_oxygen(n: &Number) -> bool {
    plain(n).is_some_and(|v| (50.0..92.0).contains(&v))
}

/// A saturation below the 88-92% that COPD is kept at.
pub fn low_oxygen_copd(n: &Number) -> bool {
    plain(n).is_some_and(|v| (50.0..88.0).contains(&v))
}

/// Blood glucose below 54 or from 400 mg/dL (or mmol/L below 3.3 or
/// above 22).
pub fn glucose(n: &Number) -> bool {
    plain(n).is_some_and(|v| {
        (10.0..54.0).contains(&v)
            || (400.0..=2000.0).contains(&v)
            || (v.fract() != 0.0 && ((1.0..3.3).contains(&v) || (22.0..=40.0).contains(&v)))
    })
}

pub fn potassium(n: &Number) -> bool {
    plain(n).is_some_and(|v| (1.0..=10.0).contains(&v) && !(2.8..=6.2).contains(&v))
}

pub fn sodium(n: &Number) -> bool {
    plain(n).is_some_and(|v| (90.0..=200.0).contains(&v) && !(120.0..=160.0).contains(&v))
}

pub fn hemoglobin(n: &Number) -> bool {
    plain(n).is_some_and(|v| (1.5..7.0).contains(&v))
}

/// A vancomycin trough of 30 mg/L or more: toxic to the kidneys.
pub fn vancomycin_toxic(n: &Number) -> bool {
    plain(n).is_some_and(|v| (30.0..=150.0).contains(&v))
}

/// None or one ("only 1 wet diaper today").
pub fn one_or_none(n: &Number) -> bool {
    n.value <= 1.0
}

/// Total bilirubin of 20 mg/dL or more (a newborn's kernicterus range).
pub fn bilirubin(n: &Number) -> bool {
    plain(n).is_some_and(|v| (20.0..=60.0).contains(&v))
}

pub fn platelets(n: &Number) -> bool {
    // Thousands per µL (under 20, or 1,000 and more: thrombocytosis), or
    // per µL written out (1,000 to 20,000: "plt 8,000").
    plain(n).is_some_and(|v| (1.0..20.0).contains(&v) || (1000.0..20_000.0).contains(&v))
}

pub fn inr(n: &Number) -> bool {
    plain(n).is_some_and(|v| v > 5.0 && v <= 20.0)
}

pub fn calcium(n: &Number) -> bool {
    plain(n).is_some_and(|v| (3.0..=20.0).contains(&v) && !(6.5..=13.0).contains(&v))
}

/// Calcium written with decimals (mg/dL): "ca" alone may mean cancer
/// ("breast ca 2019"), so a whole number is not read as calcium.
pub fn calcium_decimal(n: &Number) -> bool {
    n.value.fract() != 0.0 && calcium(n)
}

/// Ionized calcium (mmol/L) under 0.8 or over 1.6.
pub fn ionized_calcium(n: &Number) -> bool {
    plain(n).is_some_and(|v| (0.2..0.8).contains(&v) || (1.6..=3.0).contains(&v))
}

/// Phosphorus under 1.0 mg/dL.
pub fn phosphorus(n: &Number) -> bool {
    plain(n).is_some_and(|v| v > 0.0 && v < 1.0)
}

/// Magnesium (mg/dL) under 1.0 or over 9, with decimals (not a dose).
pub fn magnesium(n: &Number) -> bool {
    n.value.fract() != 0.0
        && plain(n).is_some_and(|v| (0.1..1.0).contains(&v) || (9.0..=20.0).contains(&v))
}

/// A respiratory rate that needs a clinician now: 30 or more a minute,
/// or 8 or less (not "RR 16").
pub fn resp_rate(n: &Number) -> bool {
    plain(n).is_some_and(|v| (1.0..=8.0).contains(&v) || (30.0..=150.0).contains(&v))
}

/// The same for a baby, who breathes faster: 60 or more a minute, or 15
/// or less (not "RR 34" in a 5-month-old).
pub fn resp_rate_baby(n: &Number) -> bool {
    plain(n).is_some_and(|v| (1.0..=15.0).contains(&v)) || counted_breaths_fast(n)
}

/// A rate counted by someone watching ("breathing 70 times a minute"):
/// 60 or more is too fast at any age.
pub fn counted_breaths_fast(n: &Number) -> bool {
    plain(n).is_some_and(|v| (60.0..=200.0).contains(&v))
}

/// A body temperature under 95 °F (35 °C): hypothermia at any age.
pub fn hypothermia(n: &Number) -> bool {
    let Some(v) = plain(n) else { return false };
    if n.int_digits == 4 && v.fract() == 0.0 && (800.0..950.0).contains(&v) {
        return true;
    }
    (25.0..35.0).contains(&v) || (80.0..95.0).contains(&v)
}

/// A bladder holding 600 mL or more ("bladder scan 900 mL").
pub fn full_bladder(n: &Number) -> bool {
    plain(n).is_some_and(|v| (600.0..=3000.0).contains(&v))
}

/// No urine at all ("UOP 0 mL x 8h").
pub fn no_urine(n: &Number) -> bool {
    plain(n).is_some_and(|v| v == 0.0)
}

/// A Glasgow coma scale of 13 or less (3 is the lowest).
pub fn gcs_low(n: &Number) -> bool {
    plain(n).is_some_and(|v| (3.0..=13.0).contains(&v))
}

/// A normal or near-normal Glasgow coma scale (14, 15).
pub fn gcs_normal(n: &Number) -> bool {
    plain(n).is_some_and(|v| (14.0..=15.0).contains(&v))
}

/// A peak flow reading: any in litres a minute (said with an attack),
/// under half of the personal best in percent ("85% personal best" is the
/// green zone).
pub fn peak_flow_low(n: &Number) -> bool {
    n.kind != NumberKind::Percent || n.value < 50.0
}

pub fn lactate(n: &Number) -> bool {
    plain(n).is_some_and(|v| v > 4.0 && v <= 30.0)
}

/// A heart rate under 40 or over 150.
pub fn pulse(n: &Number) -> bool {
    plain(n).is_some_and(|v| (15.0..40.0).contains(&v) || (150.0..=300.0).contains(&v))
}

/// The ranges a clinician would call normal, for the model's value
/// features (not red flags): the value as written, in either unit for a
/// temperature.
pub fn oxygen_in_range(n: &Number) -> bool {
    (94.0..=100.0).contains(&n.value)
}

pub fn pulse_in_range(n: &Number) -> bool {
    (50.0..=110.0).contains(&n.value)
}

pub fn temp_in_range(n: &Number) -> bool {
    (96.0..100.4).contains(&n.value) || (35.5..38.0).contains(&n.value)
}

pub fn bp_in_range(n: &Number) -> bool {
    n.second
        .is_some_and(|dia| (90.0..160.0).contains(&n.value) && (50.0..100.0).contains(&dia))
}

pub fn resp_rate_in_range(n: &Number) -> bool {
    (10.0..=24.0).contains(&n.value)
}

pub fn glucose_in_range(n: &Number) -> bool {
    (70.0..=250.0).contains(&n.value)
}

fn blood_pressure(n: &Number) -> Option<(f32, f32)> {
    let dia = n.second?;
    let sys = n.value;
    let plausible = n.kind == NumberKind::Ratio
        && (50.0..=300.0).contains(&sys)
        && (20.0..=200.0).contains(&dia)
        && sys > dia;
    plausible.then_some((sys, dia))
}

/// A hypertensive crisis (180/120) or a very low pressure (systolic 80 or
/// less).
pub fn bp_crisis(n: &Number) -> bool {
    blood_pressure(n).is_some_and(|(s, d)| s >= 180.0 || d >= 120.0 || s <= 80.0)
}

/// Low for an adult with symptoms: systolic under 90.
pub fn bp_low(n: &Number) -> bool {
    blood_pressure(n).is_some_and(|(s, _)| s < 90.0)
}

/// A pressure whose systolic is 80 or less ("BP 78/40"): shock.
pub fn bp_very_low(n: &Number) -> bool {
    blood_pressure(n).is_some_and(|(s, _)| s <= 80.0)
}

/// A systolic pressure alone, high ("BP been 200"): 180 or more.
pub fn systolic_high(n: &Number) -> bool {
    plain(n).is_some_and(|v| (180.0..300.0).contains(&v))
}

/// A systolic pressure alone ("SBP 78"): under 90.
pub fn systolic_low(n: &Number) -> bool {
    plain(n).is_some_and(|v| (40.0..90.0).contains(&v))
}

/// Troponin above the reference in ng/mL (0.1 to 10) or, for a
/// high-sensitivity assay in ng/L, from 100.
pub fn troponin(n: &Number) -> bool {
    plain(n).is_some_and(|v| (0.1..10.0).contains(&v) || (100.0..100_000.0).contains(&v))
}

/// A high-sensitivity troponin in ng/L under 100: not critical (and not
/// to be read as ng/mL).
pub fn hs_troponin_low(n: &Number) -> bool {
    plain(n).is_some_and(|v| v < 100.0)
}

/// Two or less (a rescue inhaler every two hours or more often).
pub fn at_most_two(n: &Number) -> bool {
    plain(n).is_some_and(|v| v > 0.0 && v <= 2.0)
}

/// Ammonia from 100 µmol/L.
pub fn ammonia(n: &Number) -> bool {
    plain(n).is_some_and(|v| (100.0..=2000.0).contains(&v))
}

/// Lithium from 2.0 mmol/L.
pub fn lithium(n: &Number) -> bool {
    plain(n).is_some_and(|v| (2.0..=10.0).contains(&v))
}

/// Digoxin from 2.0 ng/mL.
pub fn digoxin(n: &Number) -> bool {
    plain(n).is_some_and(|v| (2.0..=10.0).contains(&v))
}

/// White cells (thousands per µL) from 50 or under 1.
pub fn wbc(n: &Number) -> bool {
    plain(n).is_some_and(|v| (50.0..=500.0).contains(&v) || (v > 0.0 && v < 1.0))
}

/// In a pregnancy's severe range: 160/110 or more.
pub fn bp_severe_pregnancy(n: &Number) -> bool {
    blood_pressure(n).is_some_and(|(s, d)| s >= 160.0 || d >= 110.0)
}

/// High for a pregnancy: 140/90 or more.
pub fn bp_pregnancy(n: &Number) -> bool {
    blood_pressure(n).is_some_and(|(s, d)| s >= 140.0 || d >= 90.0)
}

/// An overdose-sized count of pills (10 or more).
pub fn many_pills(n: &Number) -> bool {
    n.kind == NumberKind::Plain && (10.0..=1000.0).contains(&n.value)
}

/// A young infant's age in months (3 or less).
pub fn infant_months(n: &Number) -> bool {
    plain(n).is_some_and(|v| v <= 3.0)
}

/// An age in months past early infancy (more than 3).
pub fn older_than_infant(n: &Number) -> bool {
    plain(n).is_some_and(|v| v > 3.0)
}

/// A young infant's age in weeks (13 or less).
pub fn infant_weeks(n: &Number) -> bool {
    plain(n).is_some_and(|v| v <= 13.0)
}

/// A young infant's age in days (90 or less).
pub fn infant_days(n: &Number) -> bool {
    plain(n).is_some_and(|v| v <= 90.0)
}

/// A week of pregnancy (4 to 42).
pub fn gestation_weeks(n: &Number) -> bool {
    plain(n).is_some_and(|v| (4.0..=42.0).contains(&v))
}

/// Weeks said alone that can only be a pregnancy's ("35 semanas, el bebé
/// no se mueve"): an infant that old is counted in months.
pub fn late_gestation_weeks(n: &Number) -> bool {
    plain(n).is_some_and(|v| (20.0..=42.0).contains(&v))
}

/// A slow pulse that is an emergency with fainting or pallor (50 or less).
pub fn pulse_slow(n: &Number) -> bool {
    plain(n).is_some_and(|v| (15.0..=50.0).contains(&v))
}

/// Minutes within an hour: a pad soaked through "every 30 mins".
pub fn within_an_hour(n: &Number) -> bool {
    n.value > 0.0 && n.value <= 60.0
}

/// A pause of the heart of three seconds or more ("9.2 sec pause").
pub fn long_pause(n: &Number) -> bool {
    plain(n).is_some_and(|v| (3.0..=60.0).contains(&v))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn num(value: f32, int_digits: u8) -> Number {
        Number {
            value,
            second: None,
            kind: NumberKind::Plain,
            int_digits,
        }
    }

    fn ratio(sys: f32, dia: f32) -> Number {
        Number {
            value: sys,
            second: Some(dia),
            kind: NumberKind::Ratio,
            int_digits: 3,
        }
    }

    #[test]
    fn temperatures() {
        assert!(fever(&num(100.4, 3)) && fever(&num(38.3, 2)) && fever(&num(1012.0, 4)));
        assert!(!fever(&num(99.5, 2)) && !fever(&num(37.2, 2)) && !fever(&num(1200.0, 4)));
        assert!(no_fever(&num(99.5, 2)) && !no_fever(&num(101.0, 3)));
        assert!(high_fever(&num(105.2, 3)) && !high_fever(&num(103.0, 3)));
    }

    #[test]
    fn labs_need_plausible_critical_values() {
        assert!(potassium(&num(2.4, 1)) && potassium(&num(7.1, 1)));
        assert!(!potassium(&num(4.0, 1)) && !potassium(&num(39.0, 2)));
        assert!(sodium(&num(112.0, 3)) && !sodium(&num(138.0, 3)));
        assert!(hemoglobin(&num(5.8, 1)) && !hemoglobin(&num(12.0, 2)));
        assert!(platelets(&num(12.0, 2)) && !platelets(&num(245.0, 3)));
        assert!(inr(&num(6.2, 1)) && !inr(&num(2.4, 1)));
        assert!(hypothermia(&num(94.2, 2)) && hypothermia(&num(34.1, 2)));
        assert!(!hypothermia(&num(96.8, 2)) && !hypothermia(&num(36.0, 2)));
        assert!(counted_breaths_fast(&num(70.0, 2)) && !counted_breaths_fast(&num(40.0, 2)));
        assert!(resp_rate_baby(&num(70.0, 2)) && resp_rate_baby(&num(12.0, 2)));
        assert!(!resp_rate_baby(&num(34.0, 2)));
        assert!(vancomycin_toxic(&num(48.0, 2)) && !vancomycin_toxic(&num(17.0, 2)));
        assert!(one_or_none(&num(1.0, 1)) && !one_or_none(&num(2.0, 1)));
        assert!(glucose(&num(45.0, 2)) && glucose(&num(612.0, 3)) && !glucose(&num(95.0, 2)));
        let money = Number {
            kind: NumberKind::Money,
            ..num(2.0, 1)
        };
        assert!(!potassium(&money));
    }

    #[test]
    fn vital_signs() {
        assert!(low_oxygen(&num(84.0, 2)) && !low_oxygen(&num(97.0, 2)));
        assert!(pulse(&num(38.0, 2)) && pulse(&num(170.0, 3)) && !pulse(&num(72.0, 2)));
        assert!(bp_crisis(&ratio(190.0, 100.0)) && !bp_crisis(&ratio(135.0, 85.0)));
        assert!(bp_pregnancy(&ratio(170.0, 112.0)) && !bp_pregnancy(&ratio(118.0, 76.0)));
        assert!(!bp_crisis(&num(190.0, 3)));
    }
}
