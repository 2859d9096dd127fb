//! How a reply's text is folded before it is read, the same for carrier
//! keywords and plain language.

/// Lowercase (through upper case, as Unicode case folding does: `ſ`, `ı`
/// and `ﬆ` are `s`, `i` and `st`); full-width ASCII as ASCII; typographic
/// apostrophes, quotes and dashes as their ASCII forms; zero-width
/// characters and soft hyphens dropped. (No NFKC: this is what is cheap and
/// common in SMS.)
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = match c {
            '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}' => continue,
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{0060}' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
            c => c,
        };
        out.extend(c.to_uppercase().flat_map(char::to_lowercase));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding() {
        assert_eq!(fold("ＳＴＯＰ"), "stop");
        assert_eq!(fold("Don’t"), "don't");
        assert_eq!(fold("a\u{00AD}b\u{FEFF}"), "ab");
        assert_eq!(fold("OPT—OUT"), "opt-out");
    }
}
