//! Letter case, of one word and of a whole message. In mixed-case text a
//! capitalised word inside a sentence says "proper noun"; in all-caps or
//! all-lowercase text case says nothing, and the detectors rely on word
//! lists and context instead.

/// How a whole message is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CaseMode {
    /// Ordinary sentence case: capitals carry meaning.
    Mixed,
    /// Mostly capitals ("RESULTS R BACK").
    Upper,
    /// No capitalised word at all ("hi susan ur appt").
    Lower,
}

/// How one word is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Case {
    /// "Smith", "McCoy", "Mei-Ling": a capital, then a lowercase letter.
    Title,
    /// "SMITH", "I".
    Upper,
    /// "smith".
    Lower,
    /// Anything else ("iPhone").
    Other,
}

pub fn case_of(word: &str) -> Case {
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    let Some(first) = letters.next() else {
        return Case::Other;
    };
    let (mut any_lower, mut any_upper) = (false, false);
    for c in letters {
        any_lower |= c.is_lowercase();
        any_upper |= c.is_uppercase();
    }
    match (first.is_uppercase(), any_lower, any_upper) {
        (true, false, _) => Case::Upper,
        (true, true, _) => Case::Title,
        (false, _, false) => Case::Lower,
        (false, _, true) => Case::Other,
    }
}

/// The case mode of `text`, from its words of two or more letters: mostly
/// (80%+) all-caps is `Upper`, no capitalised word is `Lower`. One pass, no
/// allocation.
pub fn case_mode(text: &str) -> CaseMode {
    let (mut words, mut upper, mut title) = (0usize, 0usize, 0usize);
    // The current word: letters, first letter upper, any later lower/upper.
    let (mut letters, mut first_upper, mut later_lower, mut later_upper) = (0, false, false, false);
    let mut finish = |letters: usize, first_upper: bool, later_lower: bool, later_upper: bool| {
        if letters >= 2 {
            words += 1;
            match (first_upper, later_lower, later_upper) {
                (true, false, _) => upper += 1,
                (true, true, _) => title += 1,
                _ => {}
            }
        }
    };
    for c in text.chars() {
        if c.is_alphabetic() {
            if letters == 0 {
                first_upper = c.is_uppercase();
                later_lower = false;
                later_upper = false;
            } else {
                later_lower |= c.is_lowercase();
                later_upper |= c.is_uppercase();
            }
            letters += 1;
        } else if letters > 0 {
            finish(letters, first_upper, later_lower, later_upper);
            letters = 0;
        }
    }
    if letters > 0 {
        finish(letters, first_upper, later_lower, later_upper);
    }
    if words > 0 && upper * 5 >= words * 4 {
        CaseMode::Upper
    } else if title == 0 {
        CaseMode::Lower
    } else {
        CaseMode::Mixed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_case() {
        assert_eq!(case_of("Smith"), Case::Title);
        assert_eq!(case_of("McCoy"), Case::Title);
        assert_eq!(case_of("O'Neil"), Case::Title);
        assert_eq!(case_of("SMITH"), Case::Upper);
        assert_eq!(case_of("smith"), Case::Lower);
        assert_eq!(case_of("iPhone"), Case::Other);
    }

    #[test]
    fn message_case() {
        assert_eq!(
            case_mode("RESULTS R BACK SANTIAGO!! ALL NORMAL"),
            CaseMode::Upper
        );
        assert_eq!(
            case_mode("hi susan ur appt is at 3 MRN 12"),
            CaseMode::Lower
        );
        assert_eq!(case_mode("Hi Susan, your appt is at 3."), CaseMode::Mixed);
        assert_eq!(case_mode(""), CaseMode::Lower);
    }
}
