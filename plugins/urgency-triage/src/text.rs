//! Splits a message body into normalised word tokens that know which
//! sentence and clause they belong to.

/// Words that start a new clause: a negation before them does not reach
/// past them ("no fever but chest pain").
const CLAUSE_WORDS: &[&str] = &[
    "but", "however", "although", "though", "yet", "except", "whereas",
];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lowercase letters and digits; apostrophes dropped ("can't" -> "cant").
    pub word: String,
    pub sentence: usize,
    pub clause: usize,
}

/// Tokenises `text`. Hyphens and other punctuation split words
/// ("self-harm" -> "self", "harm"). Sentences end at `! ? ;`, a newline, or
/// a `.` followed by space or the end; clauses also end at `, : ( ) -- `
/// and at the words in `CLAUSE_WORDS`.
pub fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let (mut sentence, mut clause) = (0usize, 0usize);
    let mut word_start: Option<usize> = None;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let next = chars.peek().map(|&(_, n)| n);
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        let inner_apostrophe = matches!(c, '\'' | '\u{2019}')
            && word_start.is_some()
            && next.is_some_and(char::is_alphanumeric);
        if inner_apostrophe {
            continue;
        }
        if let Some(start) = word_start.take() {
            push_word(&mut tokens, &text[start..i], sentence, &mut clause);
        }
        match c {
            '!' | '?' | ';' | '\n' => end_sentence(&tokens, &mut sentence, &mut clause),
            '.' if next.is_none_or(char::is_whitespace) => {
                end_sentence(&tokens, &mut sentence, &mut clause)
            }
            ',' | ':' | '(' | ')' | '\u{2013}' | '\u{2014}' => end_clause(&tokens, &mut clause),
            _ => {}
        }
    }
    if let Some(start) = word_start {
        push_word(&mut tokens, &text[start..], sentence, &mut clause);
    }
    tokens
}

/// Starts a new sentence unless the current one is still empty.
fn end_sentence(tokens: &[Token], sentence: &mut usize, clause: &mut usize) {
    if tokens.last().is_some_and(|t| t.sentence == *sentence) {
        *sentence += 1;
        *clause += 1;
    }
}

/// Starts a new clause unless the current one is still empty.
fn end_clause(tokens: &[Token], clause: &mut usize) {
    if tokens.last().is_some_and(|t| t.clause == *clause) {
        *clause += 1;
    }
}

fn push_word(tokens: &mut Vec<Token>, raw: &str, sentence: usize, clause: &mut usize) {
    let mut word = raw.to_lowercase();
    if word.contains(['\'', '\u{2019}']) {
        word.retain(|c| c != '\'' && c != '\u{2019}');
    }
    if CLAUSE_WORDS.contains(&word.as_str()) {
        end_clause(tokens, clause);
    }
    tokens.push(Token {
        word,
        sentence,
        clause: *clause,
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> Vec<String> {
        tokenize(text).into_iter().map(|t| t.word).collect()
    }

    #[test]
    fn normalises_words() {
        assert_eq!(words("I CAN'T breathe!"), vec!["i", "cant", "breathe"]);
        assert_eq!(
            words("self-harm, 3-week-old"),
            vec!["self", "harm", "3", "week", "old"]
        );
        assert_eq!(words("don\u{2019}t"), vec!["dont"]);
    }

    #[test]
    fn tracks_sentences_and_clauses() {
        let t = tokenize("No fever, but chest pain. A1C 6.1 ok");
        let pos = |w: &str| {
            t.iter()
                .find(|x| x.word == w)
                .map(|x| (x.sentence, x.clause))
        };
        assert_eq!(pos("no"), Some((0, 0)));
        // A comma followed by "but" is one boundary.
        assert_eq!(pos("but"), Some((0, 1)));
        assert_eq!(pos("chest"), Some((0, 1)));
        assert_eq!(pos("a1c"), Some((1, 2)));
        // A decimal point does not end a sentence.
        assert_eq!(pos("ok"), Some((1, 2)));
        let t = tokenize("Fever but no chest pain");
        assert_eq!(t[1].clause, 1);
    }
}
