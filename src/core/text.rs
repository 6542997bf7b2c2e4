//! Text normalisation shared by every matcher: notes, labels, target-market terms.
//! One folding, so that "Café", "CAFE" and "cafe\u{301}" compare equal everywhere.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Folds text for matching: compatibility decomposition (NFKD: full-width, ligatures),
/// accents removed, lower case, apostrophes and quotes unified, every other punctuation
/// and symbol (emoji included) turned into a word break, whitespace collapsed to single
/// spaces, trimmed. Letters and digits of every script are kept.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.nfkd() {
        if is_combining_mark(c) {
            continue;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' | '\u{02BC}' => '\'',
            c => c,
        };
        if c.is_alphanumeric() || c == '\'' {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            for lc in c.to_lowercase() {
                out.push(lc);
            }
        } else {
            pending_space = true;
        }
    }
    // An apostrophe is part of a word ("i'd", "l'ajouter"); a stray one at an edge is not.
    if out.contains('\'') {
        out = out
            .split(' ')
            .map(|w| w.trim_matches('\''))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ");
    }
    out
}

/// Collapses runs of whitespace (including NBSP and line breaks) to one space and trims;
/// keeps the text otherwise as written. For display values read from markup.
pub fn squash_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whole-word search of an already folded `needle` in an already folded `haystack`:
/// "sales" matches "head of sales" but not "salesforce".
pub fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    let mut start = 0;
    while let Some(pos) = haystack[start..].find(needle) {
        let at = start + pos;
        let end = at + needle.len();
        let before_ok = at == 0 || haystack[..at].ends_with(' ');
        let after_ok = end == haystack.len() || haystack[end..].starts_with(' ');
        if before_ok && after_ok {
            return true;
        }
        start = at + haystack[at..].chars().next().map_or(1, char::len_utf8);
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_accents_quotes_and_punctuation() {
        assert_eq!(fold("  I’d LIKE to   add you!! "), "i'd like to add you");
        assert_eq!(fold("Réseau professionnel"), "reseau professionnel");
        assert_eq!(fold("cafe\u{301}"), "cafe");
        assert_eq!(fold("ＬｉｎｋｅｄＩｎ"), "linkedin");
        assert_eq!(fold("Hi 👋 there"), "hi there");
        assert_eq!(fold("'quoted'"), "quoted");
        assert_eq!(fold("Straße"), "straße");
        assert_eq!(fold("مرحبا بك"), "مرحبا بك");
    }

    #[test]
    fn whole_words_only() {
        assert!(contains_words("head of sales emea", "sales"));
        assert!(contains_words("head of sales emea", "head of sales"));
        assert!(!contains_words("salesforce admin", "sales"));
        assert!(!contains_words("presales", "sales"));
        assert!(contains_words("presales sales", "sales"));
        assert!(!contains_words("anything", ""));
    }
}
