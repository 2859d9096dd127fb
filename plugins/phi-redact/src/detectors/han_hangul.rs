//! Names and dates written in Han characters or Hangul inside a message
//! written in the Latin alphabet: "Mrs. Yoon (윤정숙)", "father Huang
//! (黄志强)", "DOB 1990年3月4日", "92岁". In an English or Spanish message a
//! short run of these characters is a person's name as the family writes
//! it; no census list holds them, so the script says it.

use super::{Detector, Scan};
use crate::finding::{Finding, Kind};

pub struct HanHangul;

/// Han ideographs (the unified block and extension A) or Hangul syllables.
fn han_or_hangul(c: char) -> bool {
    matches!(c, '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' | '\u{AC00}'..='\u{D7A3}')
}

/// The characters a date or an age is written with after its digits.
fn date_or_age_mark(c: char) -> bool {
    matches!(c, '年' | '月' | '日' | '岁' | '歲' | '세' | '살')
}

impl Detector for HanHangul {
    fn detect(&self, scan: &Scan<'_>, out: &mut Vec<Finding>) {
        let text = scan.text;
        if text.is_ascii() {
            return;
        }
        let (mut script, mut latin) = (0usize, 0usize);
        for c in text.chars() {
            if han_or_hangul(c) {
                script += 1;
            } else if c.is_ascii_alphabetic() {
                latin += 1;
            }
        }
        // Only inside a message mostly written in the Latin alphabet.
        if script == 0 || script * 3 > latin {
            return;
        }
        dates_and_ages(text, out);
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !han_or_hangul(c) || date_or_age_mark(c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut count = 1;
            while let Some(&(i, n)) = chars.peek() {
                if !han_or_hangul(n) || date_or_age_mark(n) {
                    break;
                }
                end = i + n.len_utf8();
                count += 1;
                chars.next();
            }
            // Two to four characters: a family name and a given name.
            if (2..=4).contains(&count) {
                out.push(Finding::new(start, end, Kind::Name));
            }
        }
    }
}

/// "1990年3月4日", "3月4日": a date; "92岁", "93세": an age of 90 or more.
fn dates_and_ages(text: &str, out: &mut Vec<Finding>) {
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() || (i > 0 && bytes[i - 1].is_ascii_digit()) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut parts = 0;
        let mut last_mark = None;
        loop {
            let digits = text[end..].bytes().take_while(u8::is_ascii_digit).count();
            if digits == 0 {
                break;
            }
            let Some(mark) = text[end + digits..]
                .chars()
                .next()
                .filter(|&c| date_or_age_mark(c))
            else {
                break;
            };
            last_mark = Some((mark, end, &text[end..end + digits]));
            end += digits + mark.len_utf8();
            parts += 1;
            if !matches!(mark, '年' | '月') {
                break;
            }
        }
        match last_mark {
            Some(('日', ..)) if parts >= 2 => out.push(Finding::new(start, end, Kind::Date)),
            Some(('岁' | '歲' | '세' | '살', at, number))
                if number.parse::<u32>().is_ok_and(|n| (90..=130).contains(&n)) =>
            {
                out.push(Finding::new(at, at + number.len(), Kind::Age));
            }
            _ => {}
        }
        i = end.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, Kind)> {
        crate::detectors::detect_alone(&HanHangul, text)
            .iter()
            .map(|f| (&text[f.start..f.end], f.kind))
            .collect()
    }

    #[test]
    fn names_dates_and_ages_in_another_script() {
        assert_eq!(
            found("Mrs. Yoon (윤정숙) no-show 3x, called her daughter"),
            vec![("윤정숙", Kind::Name)]
        );
        assert_eq!(
            found("DOB 1990年3月4日. Father (黄志强) is 92岁 and also our pt"),
            vec![
                ("1990年3月4日", Kind::Date),
                ("92", Kind::Age),
                ("黄志强", Kind::Name),
            ]
        );
    }

    #[test]
    fn not_in_a_message_written_in_that_script() {
        assert!(found("안녕하세요 어머니가 오늘 병원에 가셨어요").is_empty());
        assert!(found("she is 45岁 and fine").is_empty());
    }
}
