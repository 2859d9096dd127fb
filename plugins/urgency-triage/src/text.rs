//! Splits a message body into word and number tokens that know their
//! sentence and clause. Spelling is normalised later (see `spelling`).

/// Words that start a new clause: a negation or a history cue before them
/// does not reach past them ("no fever but chest pain").
pub const CLAUSE_WORDS: &[&str] = &[
    "but", "however", "although", "though", "yet", "except", "whereas", "pero", "aunque", "sino",
    "excepto",
];

/// The written form of every number token, so patterns can say `#`.
pub const NUMBER_WORD: &str = "#";

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum NumberKind {
    Plain,
    /// Followed by `%`.
    Percent,
    /// Preceded by `$`.
    Money,
    /// `9:15`.
    Time,
    /// `170/112` (also dates like `3/14`): `second` holds the part after `/`.
    Ratio,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Number {
    pub value: f32,
    pub second: Option<f32>,
    pub kind: NumberKind,
    /// How many digits the integer part had (`1012` -> 4).
    pub int_digits: u8,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Lowercase letters and digits, apostrophes dropped ("can't" ->
    /// "cant"); [`NUMBER_WORD`] for numbers.
    pub word: String,
    pub number: Option<Number>,
    pub sentence: usize,
    pub clause: usize,
    /// Capitalised inside a sentence after a word that is not ("mi bebe
    /// Mateo"): a name, which no typo correction turns into a rule word.
    pub proper: bool,
}

/// The tokens of a message and, per sentence, whether it asked a question
/// (ended with `?`).
#[derive(Debug, Default)]
pub struct Text {
    pub tokens: Vec<Token>,
    pub questions: Vec<bool>,
    /// Mostly Spanish (more Spanish than English function words).
    pub spanish: bool,
}

impl Text {
    pub fn is_question(&self, sentence: usize) -> bool {
        self.questions.get(sentence).copied().unwrap_or(false)
    }
}

/// A lowercase letter without its accent (`á` -> `a`, `ñ` -> `n`), so
/// Spanish matches whether or not the writer typed the accents.
pub fn fold(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' | 'ã' | 'å' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' | 'õ' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'ñ' => 'n',
        'ç' => 'c',
        _ => c,
    }
}

/// A word in lower case with its accents folded (see [`fold`]).
pub fn fold_word(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(fold)
        .collect()
}

struct Builder {
    text: Text,
    sentence: usize,
    clause: usize,
    /// The last word was written capitalised ("Mateo", "My").
    last_title: bool,
}

impl Builder {
    fn word(&mut self, raw: &[char]) {
        let title = raw.first().is_some_and(|c| c.is_uppercase())
            && raw.len() > 1
            && raw[1..].iter().all(|c| !c.is_uppercase());
        let proper = title && !self.last_title && self.in_current_sentence();
        self.last_title = title;
        let mut word = String::with_capacity(raw.len());
        for &c in raw {
            if c.is_ascii() {
                if c != '\'' {
                    word.push(c.to_ascii_lowercase());
                }
            } else if c != '\u{2019}' {
                word.extend(c.to_lowercase().map(fold));
            }
        }
        if word.is_empty() {
            return;
        }
        if word.len() <= 8 && CLAUSE_WORDS.contains(&word.as_str()) {
            self.end_clause();
        }
        self.push(word, None);
        if let Some(last) = self.text.tokens.last_mut() {
            last.proper = proper;
        }
    }

    fn number(&mut self, number: Number) {
        self.push(NUMBER_WORD.to_owned(), Some(number));
    }

    fn push(&mut self, word: String, number: Option<Number>) {
        self.text.tokens.push(Token {
            word,
            number,
            sentence: self.sentence,
            clause: self.clause,
            proper: false,
        });
    }

    fn in_current_sentence(&self) -> bool {
        self.text
            .tokens
            .last()
            .is_some_and(|t| t.sentence == self.sentence)
    }

    /// Starts a new sentence unless the current one is still empty.
    fn end_sentence(&mut self, question: bool) {
        if self.in_current_sentence() {
            self.text.questions.resize(self.sentence + 1, false);
            self.text.questions[self.sentence] |= question;
            self.sentence += 1;
            self.clause += 1;
        } else if question && self.sentence > 0 {
            // "thx ???": the marks belong to the sentence just ended.
            self.text.questions[self.sentence - 1] = true;
        }
    }

    /// Starts a new clause unless the current one is still empty.
    fn end_clause(&mut self) {
        if self
            .text
            .tokens
            .last()
            .is_some_and(|t| t.clause == self.clause)
        {
            self.clause += 1;
        }
    }
}

/// Tokenises `text`. Hyphens and other punctuation split words
/// ("self-harm" -> "self", "harm"); digits make number tokens, with their
/// decimals (`38.3`), a `/` part (`170/112`), `:` (times), `%` or `$`.
/// Letters glued to a number become their own word ("8wk" -> 8, "wk").
/// Sentences end at `! ? ;`, a newline, or a `.` followed by space or the
/// end; clauses also end at `, : ( ) " - "` dashes and the words in
/// `CLAUSE_WORDS`.
pub fn tokenize(text: &str) -> Text {
    // (Sized up front: collecting grows the buffers a step at a time.)
    let mut b = Builder {
        text: Text {
            tokens: Vec::with_capacity(text.len() / 4 + 4),
            ..Text::default()
        },
        sentence: 0,
        clause: 0,
        last_title: false,
    };
    let mut chars: Vec<char> = Vec::with_capacity(text.len());
    if text.is_ascii() {
        chars.extend(text.bytes().map(char::from));
    } else {
        chars.extend(text.chars());
    }
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        // A list's number ("... apart 5) she noted rectal temp 100.5"):
        // each item is its own sentence.
        if let Some(len) = list_marker(&chars, i) {
            b.end_sentence(false);
            i += len;
            continue;
        }
        if c.is_ascii_digit() {
            i = number(&chars, i, &mut b);
            continue;
        }
        // Clinical shorthand "s/p", "r/o", "c/o", "w/o", "y/o": one word
        // ("sp", "ro", "co", "wo", "yo").
        let letter = |k: usize| chars.get(k).is_some_and(|c| c.is_ascii_alphabetic());
        let edge = |k: usize| chars.get(k).is_none_or(|c| !c.is_alphanumeric());
        if letter(i)
            && chars.get(i + 1) == Some(&'/')
            && letter(i + 2)
            && edge(i + 3)
            && (i == 0 || edge(i - 1))
        {
            // "h/o" (history of) is read as its synonym "hx" ("ho" alone is
            // slang, not a history cue), "d/o" as "disorder" ("seizure d/o").
            let pair = [c, chars[i + 2]].map(|c| c.to_ascii_lowercase());
            match pair {
                ['h', 'o'] => b.word(&['h', 'x']),
                ['d', 'o'] => b.word(&['d', 'i', 's', 'o', 'r', 'd', 'e', 'r']),
                _ => b.word(&pair),
            }
            i += 3;
            continue;
        }
        if c.is_alphanumeric() {
            let start = i;
            while i < chars.len() {
                let ch = chars[i];
                let inner_apostrophe = matches!(ch, '\'' | '\u{2019}')
                    && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric());
                if ch.is_alphanumeric() || inner_apostrophe {
                    i += 1;
                } else {
                    break;
                }
            }
            // "he'll", "I'll": the pronoun and "will" ("he'll kill his
            // mother" had read as "hell kill").
            let will = i >= start + 4
                && matches!(chars[i - 3], '\'' | '\u{2019}')
                && chars[i - 2..i].iter().all(|c| matches!(c, 'l' | 'L'));
            if will {
                b.word(&chars[start..i - 3]);
                b.word(&['w', 'i', 'l', 'l']);
            } else {
                b.word(&chars[start..i]);
            }
            continue;
        }
        let next = chars.get(i + 1).copied();
        let prev = if i > 0 { Some(chars[i - 1]) } else { None };
        // "Rosie (5 weeks)": an age in brackets after a name reads as "is
        // 5 weeks".
        if c == '(' && age_in_brackets(&chars[i + 1..]) && b.in_current_sentence() {
            b.word(&['i', 's']);
        }
        match c {
            '?' => b.end_sentence(true),
            // An opening "¿" or "¡" starts a new sentence too.
            '!' | ';' | '\n' | '\u{bf}' | '\u{a1}' => b.end_sentence(false),
            // ("INR on Mr. Feldman is 11.2": a title's dot ends nothing.)
            '.' if next.is_none_or(char::is_whitespace) && !after_title(&b, prev) => {
                b.end_sentence(false)
            }
            // A full stop inside closing quotes or brackets: 'is "done."'
            '.' if next
                .is_some_and(|n| matches!(n, '"' | '\'' | ')' | '\u{201d}' | '\u{2019}'))
                && chars.get(i + 2).is_none_or(|c| c.is_whitespace()) =>
            {
                b.end_sentence(false)
            }
            // A label before its value ("BP: 230/130", "K - 6.9") is no
            // clause break: the value belongs to the label.
            ':' | '-' | '\u{2013}' | '\u{2014}' if value_follows(&chars[i + 1..]) => {}
            ',' | ':' | '[' | ']' | '\u{2013}' | '\u{2014}' => b.end_clause(),
            '-' if prev.is_some_and(char::is_whitespace)
                && next.is_none_or(char::is_whitespace) =>
            {
                b.end_clause()
            }
            _ => {}
        }
        i += 1;
    }
    b.end_sentence(false);
    let mut text = b.text;
    join_ratios(&mut text.tokens);
    identifiers(&mut text.tokens);
    text.spanish = mostly_spanish(&text.tokens);
    text
}

/// The length of a list item's number at `i` ("1) ", "12) ", not "(5)"
/// nor "3)" glued to a word), if one starts there.
fn list_marker(chars: &[char], i: usize) -> Option<usize> {
    if i > 0 && !chars[i - 1].is_whitespace() {
        return None;
    }
    let digits = chars[i..].iter().take_while(|c| c.is_ascii_digit()).count();
    let closed = chars.get(i + digits) == Some(&')');
    let spaced = chars.get(i + digits + 1).is_none_or(|c| c.is_whitespace());
    ((1..=2).contains(&digits) && closed && spaced).then_some(digits + 1)
}

/// Whether `rest` (after an opening bracket) is an age and its unit and
/// the closing bracket: "5 weeks)", "3wk)", "10 days)", "2 mo)".
fn age_in_brackets(rest: &[char]) -> bool {
    let digits = rest.iter().take_while(|c| c.is_ascii_digit()).count();
    if !(1..=2).contains(&digits) {
        return false;
    }
    let after = &rest[digits..];
    let after = after.strip_prefix(&[' ']).unwrap_or(after);
    let Some(close) = after.iter().position(|&c| c == ')') else {
        return false;
    };
    let unit: String = after[..close]
        .iter()
        .collect::<String>()
        .to_ascii_lowercase();
    matches!(
        unit.trim_end_matches(" old"),
        "weeks"
            | "week"
            | "wks"
            | "wk"
            | "w"
            | "days"
            | "day"
            | "d"
            | "months"
            | "month"
            | "mos"
            | "mo"
            | "semanas"
            | "dias"
            | "días"
            | "meses"
    )
}

/// Whether the word just before a full stop is a title ("Mr.", "Dra."):
/// its dot abbreviates, it ends no sentence.
fn after_title(b: &Builder, prev: Option<char>) -> bool {
    prev.is_some_and(char::is_alphabetic)
        && b.text.tokens.last().is_some_and(|t| {
            matches!(
                t.word.as_str(),
                "mr" | "mrs" | "ms" | "dr" | "dra" | "sr" | "sra" | "srta" | "vs" | "approx" | "jr"
            )
        })
}

/// Nouns whose number names a thing, not a measure: "troponin for acct
/// 4471 <0.01", "K in room 6".
const ID_NOUNS: &[&str] = &[
    "acct",
    "account",
    "mrn",
    "accession",
    "specimen",
    "ticket",
    "ref",
    "invoice",
    "claim",
    "policy",
    "member",
    "id",
    "lot",
    "batch",
    "ndc",
    "room",
    "rm",
    "bed",
    "ext",
    "extension",
    "pager",
    "cuenta",
    "cuarto",
    "cama",
    "expediente",
];

/// Numbers that name a thing are no values: after a noun of one, or of
/// seven digits and more (a phone, a record number; no measure has that
/// many). "hemoglobin A1c" is no hemoglobin.
fn identifiers(tokens: &mut [Token]) {
    for i in 0..tokens.len() {
        let long = tokens[i].number.is_some_and(|n| n.int_digits >= 7);
        let named = i > 0
            && tokens[i].number.is_some()
            && tokens[i - 1].clause == tokens[i].clause
            && ID_NOUNS.contains(&tokens[i - 1].word.as_str());
        // (Still a number word to the patterns and the model: only its
        // value is dropped, so no measured sign reads it.)
        if long || named {
            tokens[i].number = None;
        }
        if i > 0
            && matches!(tokens[i].word.as_str(), "a1c" | "hba1c" | "aic")
            && matches!(
                tokens[i - 1].word.as_str(),
                "hemoglobin" | "hemoglobina" | "haemoglobin" | "hgb" | "hb"
            )
        {
            tokens[i - 1].word = "glycated".to_owned();
        }
    }
}

/// Whether a number comes next, after spaces only.
fn value_follows(rest: &[char]) -> bool {
    rest.iter()
        .find(|c| !c.is_whitespace())
        .is_some_and(char::is_ascii_digit)
}

/// Whether Spanish function words outnumber English ones.
fn mostly_spanish(tokens: &[Token]) -> bool {
    let (mut es, mut en) = (0usize, 0usize);
    for t in tokens {
        match t.word.as_str() {
            "el" | "la" | "los" | "las" | "que" | "de" | "del" | "y" | "en" | "se" | "por"
            | "con" | "una" | "para" | "mi" | "es" | "esta" | "tiene" | "tengo" | "le" | "me"
            | "muy" | "pero" => es += 1,
            "the" | "and" | "to" | "of" | "is" | "my" | "in" | "it" | "for" | "with" | "he"
            | "she" | "has" | "have" | "was" | "i" | "im" | "a" | "but" | "on" | "at" => en += 1,
            _ => {}
        }
    }
    es > en
}

/// "210 over 130", "160 sobre 100": one ratio token, like "210/130".
fn join_ratios(tokens: &mut Vec<Token>) {
    let mut i = 0;
    while i + 2 < tokens.len() {
        let plain = |t: &Token| t.number.filter(|n| n.kind == NumberKind::Plain);
        if let (Some(first), Some(second)) = (plain(&tokens[i]), plain(&tokens[i + 2]))
            && matches!(tokens[i + 1].word.as_str(), "over" | "sobre")
            && tokens[i].clause == tokens[i + 2].clause
        {
            tokens[i].number = Some(Number {
                second: Some(second.value),
                kind: NumberKind::Ratio,
                ..first
            });
            tokens.drain(i + 1..i + 3);
        }
        i += 1;
    }
}

/// Reads the number starting at `chars[start]`, pushes it (and a glued
/// unit word), returns the index after it.
fn number(chars: &[char], start: usize, b: &mut Builder) -> usize {
    let digits_from = |i: usize| {
        let mut j = i;
        while j < chars.len() && chars[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let parse = |from: usize, to: usize| -> f32 {
        let digits = &chars[from..to];
        // Digits are ASCII: most numbers need no allocation.
        let mut buf = [0u8; 24];
        if digits.len() <= buf.len() && digits.iter().all(char::is_ascii) {
            for (b, c) in buf.iter_mut().zip(digits) {
                *b = *c as u8;
            }
            return std::str::from_utf8(&buf[..digits.len()])
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(0.0);
        }
        digits.iter().collect::<String>().parse().unwrap_or(0.0)
    };
    let digit_at = |i: usize| chars.get(i).is_some_and(char::is_ascii_digit);
    let mut end = digits_from(start);
    let int_digits = u8::try_from(end - start).unwrap_or(u8::MAX);
    let mut value = parse(start, end);
    if chars.get(end) == Some(&'.') && digit_at(end + 1) {
        end = digits_from(end + 1);
        value = parse(start, end);
    } else if chars.get(end) == Some(&',')
        && (1..=3).all(|k| digit_at(end + k))
        && !digit_at(end + 4)
        && int_digits <= 3
    {
        // A thousands separator ("1,120").
        let mut j = end;
        while chars.get(j) == Some(&',') && (1..=3).all(|k| digit_at(j + k)) && !digit_at(j + 4) {
            j += 4;
        }
        let digits: String = chars[start..j].iter().filter(|c| **c != ',').collect();
        value = digits.parse().unwrap_or(value);
        end = j;
    } else if chars.get(end) == Some(&',')
        && digit_at(end + 1)
        && !digit_at(end + 2)
        && int_digits <= 3
    {
        // A decimal comma ("38,4"): one digit after it, so never a
        // thousands separator ("1,000").
        let decimal = parse(end + 1, end + 2);
        end += 2;
        value += decimal / 10.0;
    }
    let mut kind = NumberKind::Plain;
    let mut second = None;
    // Readings in tens: "170s/110s".
    if chars.get(end) == Some(&'s') && chars.get(end + 1) == Some(&'/') && digit_at(end + 2) {
        end += 1;
    }
    match chars.get(end) {
        Some('/') if digit_at(end + 1) => {
            let from = end + 1;
            end = digits_from(from);
            if chars.get(end) == Some(&'.') && digit_at(end + 1) {
                end = digits_from(end + 1);
            }
            second = Some(parse(from, end));
            kind = NumberKind::Ratio;
            if chars.get(end) == Some(&'s')
                && !chars.get(end + 1).is_some_and(|c| c.is_alphabetic())
            {
                end += 1;
            }
        }
        Some(':') if digit_at(end + 1) => {
            end = digits_from(end + 1);
            kind = NumberKind::Time;
        }
        Some('%') => {
            kind = NumberKind::Percent;
            end += 1;
        }
        _ => {}
    }
    if start > 0 && chars[start - 1] == '$' {
        kind = NumberKind::Money;
    }
    b.number(Number {
        value,
        second,
        kind,
        int_digits,
    });
    // A unit glued to the number ("8wk", "2pm", "101F").
    let unit_start = end;
    while end < chars.len() && chars[end].is_alphabetic() {
        end += 1;
    }
    if end > unit_start {
        b.word(&chars[unit_start..end]);
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).tokens.into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn normalises_words() {
        assert_eq!(words("I CAN'T breathe!"), vec!["i", "cant", "breathe"]);
        assert_eq!(
            words("self-harm, 3-week-old"),
            vec!["self", "harm", "#", "week", "old"]
        );
        assert_eq!(words("don\u{2019}t"), vec!["dont"]);
        assert_eq!(
            words("he'll call, I\u{2019}ll go"),
            vec!["he", "will", "call", "i", "will", "go"]
        );
        assert_eq!(words("8wk old, 2pm"), vec!["#", "wk", "old", "#", "pm"]);
        assert_eq!(
            words("¿Está SANGRANDO el niño? ¡Sí!"),
            vec!["esta", "sangrando", "el", "nino", "si"]
        );
    }

    #[test]
    fn reads_numbers() {
        let t = tokenize("temp 38.3C, bp 170/112, O2 84%, $85.50 at 9:15, 1012");
        let nums: Vec<Number> = t.tokens.iter().filter_map(|t| t.number).collect();
        assert_eq!(nums[0].value, 38.3);
        assert_eq!(nums[1].kind, NumberKind::Ratio);
        assert_eq!((nums[1].value, nums[1].second), (170.0, Some(112.0)));
        assert_eq!((nums[2].value, nums[2].kind), (84.0, NumberKind::Percent));
        assert_eq!(nums[3].kind, NumberKind::Money);
        assert_eq!(nums[4].kind, NumberKind::Time);
        assert_eq!((nums[5].value, nums[5].int_digits), (1012.0, 4));
        assert!(t.tokens.iter().any(|t| t.word == "c"));
        let t = tokenize("fiebre de 38,4 y 1,000 pesos; bp 210 over 130");
        let nums: Vec<Number> = t.tokens.iter().filter_map(|t| t.number).collect();
        assert!((nums[0].value - 38.4).abs() < 0.01);
        assert_eq!(nums[1].value, 1000.0);
        assert_eq!(
            (nums[2].kind, nums[2].second),
            (NumberKind::Ratio, Some(130.0))
        );
        assert_eq!(words("s/p fall, 45 y/o"), vec!["sp", "fall", "#", "yo"]);
        assert_eq!(
            words("pt w/ h/o seizures"),
            vec!["pt", "w", "hx", "seizures"]
        );
        assert_eq!(words("seizure d/o"), vec!["seizure", "disorder"]);
        assert!(!t.tokens.iter().any(|t| t.word == "over"));
    }

    #[test]
    fn tracks_sentences_clauses_and_questions() {
        let t = tokenize("No fever, but chest pain. A1C 6.1 ok? thx");
        let pos = |w: &str| {
            t.tokens
                .iter()
                .find(|x| x.word == w)
                .map(|x| (x.sentence, x.clause))
        };
        assert_eq!(pos("no"), Some((0, 0)));
        assert_eq!(pos("but"), Some((0, 1)));
        assert_eq!(pos("chest"), Some((0, 1)));
        assert_eq!(pos("a1c"), Some((1, 2)));
        assert_eq!(pos("ok"), Some((1, 2)));
        assert_eq!(pos("thx"), Some((2, 3)));
        assert!(!t.is_question(0));
        assert!(t.is_question(1));
        assert!(!t.is_question(2));
        let t = tokenize("thx - Scott");
        assert_ne!(t.tokens[0].clause, t.tokens[1].clause);
    }
}
