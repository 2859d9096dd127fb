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

/// The characters a date or an age is written with after its digits
/// (Korean dates with a space between the parts: "1934년 5월 7일").
fn date_or_age_mark(c: char) -> bool {
    matches!(
        c,
        '年' | '月' | '日' | '岁' | '歲' | '세' | '살' | '년' | '월' | '일'
    )
}

/// Words of two to four characters that are no one's name: thanks and
/// greetings, family words, the ID card, the doctor and the hospital.
const NOT_NAMES: &[&str] = &[
    "谢谢",
    "你好",
    "感谢",
    "身份证",
    "医生",
    "医院",
    "妈妈",
    "爸爸",
    "奶奶",
    "爷爷",
    "外婆",
    "外公",
    "姥姥",
    "姥爷",
    "哥哥",
    "姐姐",
    "弟弟",
    "妹妹",
    "中国",
    "台湾",
    "엄마",
    "아빠",
    "할머니",
    "할아버지",
    "할매",
    "언니",
    "오빠",
    "누나",
    "동생",
    "감사",
    "병원",
    "의사",
    "선생님",
    "한국",
    "여보세요",
];

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
        // A mark right after a digit is a date's or an age's ("92岁"); in a
        // word it is a syllable like any other ("안녕하세요").
        let unit_at = |i: usize, c: char| {
            date_or_age_mark(c) && text[..i].ends_with(|p: char| p.is_ascii_digit())
        };
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !han_or_hangul(c) || unit_at(start, c) {
                continue;
            }
            let mut end = start + c.len_utf8();
            let mut count = 1;
            while let Some(&(i, n)) = chars.peek() {
                if !han_or_hangul(n) || unit_at(i, n) {
                    break;
                }
                end = i + n.len_utf8();
                count += 1;
                chars.next();
            }
            // Two to four characters: a family name and a given name.
            if (2..=4).contains(&count) && !NOT_NAMES.contains(&&text[start..end]) {
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
            if !matches!(mark, '年' | '月' | '년' | '월') {
                break;
            }
            // "1934년 5월": a Korean date's parts are spaced.
            if matches!(mark, '년' | '월')
                && text[end..].starts_with(' ')
                && text[end + 1..].starts_with(|c: char| c.is_ascii_digit())
            {
                end += 1;
            }
        }
        match last_mark {
            Some(('日' | '일', ..)) if parts >= 2 => {
                out.push(Finding::new(start, end, Kind::Date))
            }
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
    fn korean_dates_greetings_and_family_words() {
        assert_eq!(
            found("Appa's DOB is 1934년 5월 7일 (May 7, 1934), the front desk has it"),
            vec![("1934년 5월 7일", Kind::Date)]
        );
        assert_eq!(
            found(
                "안녕하세요, Dr. Kim. My 할머니 (박순자) stopped eating since the weekend and she sleeps all day, can someone call us back, 谢谢"
            ),
            vec![("박순자", Kind::Name)]
        );
    }

    #[test]
    fn not_in_a_message_written_in_that_script() {
        assert!(found("안녕하세요 어머니가 오늘 병원에 가셨어요").is_empty());
        assert!(found("she is 45岁 and fine").is_empty());
    }
}
