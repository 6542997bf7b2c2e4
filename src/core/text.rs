//! Text normalisation shared by every matcher: notes, labels, target-market terms.
//! One folding, so that "Café", "CAFE" and "cafe\u{301}" compare equal everywhere.

use unicode_normalization::char::{decompose_compatible, is_combining_mark};

/// Folds text for matching: compatibility decomposition (NFKD: full-width, ligatures),
/// accents removed, lower case, apostrophes and quotes unified, every other punctuation
/// and symbol (emoji included) turned into a word break, whitespace collapsed to single
/// spaces, trimmed. Letters and digits of every script are kept. An apostrophe is part of
/// a word ("i'd", "l'ajouter"); a stray one at a word's edge is not. Invisible format
/// characters (zero-width spaces and joiners, soft hyphens, direction marks) are dropped:
/// "Linked\u{200B}In" is one word. A word also ends where letters of a script with case
/// (Latin, Cyrillic, Greek…) meet letters of one without (Han, kana, Hangul, Thai,
/// Arabic, Hebrew, Devanagari…), which are written without a space between them:
/// "LinkedInの" is "linkedin" and "の".
pub fn fold(text: &str) -> String {
    // The same walk as `words`, without keeping the word list (a tenth of reading a card
    // was spent allocating lists that `fold` threw away).
    split(text, false).folded
}

/// What separated a word from the one before it in the raw text. Classifiers use it to
/// tell a greeting line ("Hi Dana,") or a sign-off ("Best,\nAna") from the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Break {
    /// First word of the text.
    Start,
    /// Only spaces, emoji or symbols.
    Space,
    /// A comma, colon, dash, bracket or slash.
    Clause,
    /// A full stop, ! ? ; … or a line break.
    Sentence,
}

/// One word of a text: its folded form is `Words::folded[start..end]`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub start: usize,
    pub end: usize,
    /// The raw word began with an upper-case letter (a name, a brand, a German noun…).
    pub capitalised: bool,
    /// Every letter of the raw word was upper case (and it had at least two letters).
    pub shouted: bool,
    pub break_before: Break,
    /// Byte range of the word in the raw text, for quoting it as the sender wrote it.
    pub raw_start: usize,
    pub raw_end: usize,
}

/// A text split into folded words, in one pass and one buffer: `folded` is exactly what
/// `fold` returns (the words joined by single spaces).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Words {
    pub folded: String,
    pub words: Vec<Word>,
    /// The raw text contained a question mark (? ¿ ؟ ？).
    pub question: bool,
}

impl Words {
    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// The folded text of word `i`.
    #[inline]
    pub fn text(&self, i: usize) -> &str {
        let w = self.words[i];
        &self.folded[w.start..w.end]
    }

    /// Words `from..to` as written in `raw` (the text these words were read from).
    pub fn raw_span<'r>(&self, raw: &'r str, from: usize, to: usize) -> &'r str {
        if from >= to || to > self.words.len() {
            return "";
        }
        raw.get(self.words[from].raw_start..self.words[to - 1].raw_end)
            .unwrap_or("")
    }

    /// The folded text of words `from..to`, as it appears in `folded`.
    pub fn span(&self, from: usize, to: usize) -> &str {
        if from >= to || to > self.words.len() {
            return "";
        }
        &self.folded[self.words[from].start..self.words[to - 1].end]
    }
}

fn break_kind(c: char) -> Break {
    match c {
        '.' | '!' | '?' | ';' | '\u{2026}' | '\u{A1}' | '\u{BF}' | '\n' | '\r' | '\u{2028}'
        | '\u{2029}' | '\u{3002}' | '\u{061F}' | '\u{0964}' => Break::Sentence,
        ','
        | ':'
        | '-'
        | '\u{2010}'..='\u{2015}'
        | '('
        | ')'
        | '['
        | ']'
        | '/'
        | '|'
        | '\u{060C}' => Break::Clause,
        _ => Break::Space,
    }
}

/// Splits and folds `text` (see `fold` for the folding rules).
pub fn words(text: &str) -> Words {
    split(text, true)
}

/// `words`, reusing the buffers of `into` (a caller that reads text after text).
pub fn words_into(text: &str, into: &mut Words) {
    let mut out = std::mem::take(into);
    out.folded.clear();
    out.words.clear();
    out.question = false;
    *into = split_with(text, true, out);
}

/// `words`, keeping the word list only when `keep_words`.
fn split(text: &str, keep_words: bool) -> Words {
    let out = Words {
        folded: String::with_capacity(text.len()),
        // About one word per six bytes of prose; avoids regrowing in the common case.
        words: Vec::with_capacity(if keep_words { text.len() / 6 + 1 } else { 0 }),
        question: false,
    };
    split_with(text, keep_words, out)
}

/// `split` into `out` (empty, with whatever capacity it has).
fn split_with(text: &str, keep_words: bool, mut out: Words) -> Words {
    out.folded.reserve(text.len());
    if keep_words {
        out.words.reserve(text.len() / 6 + 1);
    }
    let mut b = Builder {
        out,
        keep_words,
        current: None,
        letters: 0,
        upper_letters: 0,
        pending: Break::Start,
        raw: (0, 0),
        raw_end: 0,
        last_cased: None,
    };
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        if byte.is_ascii_alphanumeric() {
            // A run of ASCII letters and digits is copied and lower-cased in bulk: the
            // common case, and much cheaper than one character at a time.
            let run = bytes[i..]
                .iter()
                .position(|b| !b.is_ascii_alphanumeric())
                .unwrap_or(bytes.len() - i);
            b.raw = (i, i + run);
            b.push_ascii_run(&text[i..i + run]);
            i += run;
        } else if byte.is_ascii() {
            // ASCII needs neither decomposition nor mark removal: skip the Unicode tables
            // for the common case (most notes are mostly ASCII).
            b.raw = (i, i + 1);
            b.push(char::from(byte));
            i += 1;
        } else {
            let Some(raw) = text[i..].chars().next() else {
                break;
            };
            b.raw = (i, i + raw.len_utf8());
            match raw {
                // Han ideographs decompose to themselves and Hangul syllables to their
                // jamo by arithmetic: letters without case that no table needs to tell
                // (`fast_paths_fold_as_the_tables_do` checks every one of them).
                '\u{4E00}'..='\u{9FFF}' | '\u{3400}'..='\u{4DBF}' => b.push_uncased(raw),
                '\u{AC00}'..='\u{D7A3}' => {
                    let s = raw as u32 - 0xAC00;
                    let jamo = [0x1100 + s / 588, 0x1161 + (s % 588) / 28, 0x11A7 + s % 28];
                    let n = if s.is_multiple_of(28) { 2 } else { 3 };
                    for j in &jamo[..n] {
                        b.push_uncased(char::from_u32(*j).unwrap_or(raw));
                    }
                }
                _ => decompose_compatible(raw, |c| b.push(c)),
            }
            i += raw.len_utf8();
        }
    }
    b.finish_word();
    b.out
}

/// The state of `words` while it walks the decomposed text.
struct Builder {
    out: Words,
    /// Whether `out.words` is kept (`fold` needs only `out.folded`).
    keep_words: bool,
    /// The word being built: where it starts in `folded`, and its shape so far.
    current: Option<Word>,
    letters: usize,
    upper_letters: usize,
    /// The strongest break seen since the last word.
    pending: Break,
    /// Byte range, in the raw text, of the character (or ASCII run) being pushed.
    raw: (usize, usize),
    /// Where the open word's last letter ends in the raw text.
    raw_end: usize,
    /// Whether the open word's last letter has case (`None`: no letter yet).
    last_cased: Option<bool>,
}

/// Unicode's default-ignorable code points (DerivedCoreProperties.txt): format characters
/// that render as nothing, such as zero-width spaces and joiners, soft hyphens, direction
/// marks and isolates, variation selectors, tags.
fn is_default_ignorable(c: char) -> bool {
    matches!(c,
        '\u{AD}' | '\u{34F}' | '\u{61C}' | '\u{115F}'..='\u{1160}' | '\u{17B4}'..='\u{17B5}'
        | '\u{180B}'..='\u{180F}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{206F}' | '\u{3164}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}'
        | '\u{FFA0}' | '\u{FFF0}'..='\u{FFF8}' | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}' | '\u{E0000}'..='\u{E0FFF}')
}

/// Whether a letter belongs to a script with upper and lower case (Latin, Cyrillic,
/// Greek…), unlike Han, kana, Hangul, Thai, Arabic or Hebrew.
#[inline]
pub fn has_case(c: char) -> bool {
    c.is_lowercase() || c.is_uppercase()
}

impl Builder {
    #[inline]
    fn push(&mut self, c: char) {
        if c.is_ascii_alphanumeric() {
            self.push_letter(c, c.is_ascii_alphabetic());
            return;
        }
        if !c.is_ascii() && (is_combining_mark(c) || is_default_ignorable(c)) {
            // An accent typed as its own character still belongs to the word as written.
            if self.current.is_some() && self.raw_end == self.raw.0 {
                self.raw_end = self.raw.1;
            }
            return;
        }
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' | '\u{02BC}' => {
                '\''
            }
            c => c,
        };
        let alphabetic = c.is_alphabetic();
        if alphabetic || c.is_numeric() || (c == '\'' && self.current.is_some()) {
            self.push_letter(c, alphabetic);
        } else {
            if matches!(c, '?' | '\u{BF}' | '\u{061F}' | '\u{FF1F}') {
                self.out.question = true;
            }
            if self.current.is_some() {
                self.finish_word();
                self.pending = Break::Space;
            }
            self.pending = self.pending.max(break_kind(c));
        }
    }

    /// Ends the open word when `cased` letters follow letters of the other kind (see
    /// `fold`); remembers the kind of the letter about to be pushed.
    #[inline]
    fn script_boundary(&mut self, cased: bool) {
        if self.current.is_some() && self.last_cased == Some(!cased) {
            self.finish_word();
            self.pending = Break::Space;
        }
        self.last_cased = Some(cased);
    }

    /// Appends ASCII letters and digits (`run` is never empty).
    fn push_ascii_run(&mut self, run: &str) {
        if let Some(first) = run.bytes().position(|b| b.is_ascii_alphabetic()) {
            if first > 0 && self.current.is_some() && self.last_cased == Some(false) {
                // Digits first: they join the open word; the letters may not.
                self.push_ascii_run(&run[..first]);
                return self.push_ascii_run(&run[first..]);
            }
            self.script_boundary(true);
        }
        self.start_word(run.chars().next().unwrap_or('a'));
        self.letters += run.bytes().filter(u8::is_ascii_alphabetic).count();
        self.upper_letters += run.bytes().filter(u8::is_ascii_uppercase).count();
        let folded = &mut self.out.folded;
        let at = folded.len();
        folded.push_str(run);
        folded[at..].make_ascii_lowercase();
        self.raw_end = self.raw.1;
    }

    /// Opens a word at `first` unless one is open.
    fn start_word(&mut self, first: char) {
        if self.current.is_some() {
            return;
        }
        let folded = &mut self.out.folded;
        if !folded.is_empty() {
            folded.push(' ');
        }
        self.letters = 0;
        self.upper_letters = 0;
        let start = folded.len();
        // Nothing folded yet: the first word (an emptied word takes its separator back).
        let break_before = if start == 0 {
            Break::Start
        } else {
            self.pending
        };
        self.current = Some(Word {
            start,
            end: start,
            capitalised: first.is_uppercase(),
            shouted: false,
            break_before,
            raw_start: self.raw.0,
            raw_end: self.raw.0,
        });
    }

    /// A letter of a script without case that is its own lower case and no mark: what
    /// `push` does for it, without asking the Unicode tables.
    #[inline]
    fn push_uncased(&mut self, c: char) {
        self.script_boundary(false);
        self.start_word(c);
        self.letters += 1;
        self.out.folded.push(c);
        self.raw_end = self.raw.1;
    }

    /// `alphabetic`: `c.is_alphabetic()`, which the caller knows.
    fn push_letter(&mut self, c: char, alphabetic: bool) {
        if alphabetic {
            self.script_boundary(has_case(c));
        }
        self.start_word(c);
        let folded = &mut self.out.folded;
        if alphabetic {
            self.letters += 1;
            self.upper_letters += usize::from(c.is_uppercase());
        }
        if c.is_ascii() {
            folded.push(c.to_ascii_lowercase());
        } else {
            for lc in c.to_lowercase().filter(|lc| !is_combining_mark(*lc)) {
                folded.push(lc);
            }
        }
        // A trailing apostrophe is dropped from the word, so it does not extend it.
        if c != '\'' {
            self.raw_end = self.raw.1;
        }
    }

    /// Drops the word's trailing apostrophes ("dans'" → "dans") and records it.
    fn finish_word(&mut self) {
        self.last_cased = None;
        let Some(mut word) = self.current.take() else {
            return;
        };
        let folded = &mut self.out.folded;
        while folded.ends_with('\'') {
            folded.pop();
        }
        word.end = folded.len();
        if word.end == word.start {
            // Nothing left (a letter whose lower case is only marks): undo the separator.
            if folded.ends_with(' ') {
                folded.pop();
            }
            return;
        }
        word.shouted = self.letters >= 2 && self.upper_letters == self.letters;
        word.raw_end = self.raw_end;
        if self.keep_words {
            self.out.words.push(word);
        }
    }
}

/// Collapses runs of whitespace (including NBSP and line breaks) to one space and trims;
/// keeps the text otherwise as written. For display values read from markup.
pub fn squash_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// Whole-word search of an already folded `needle` in an already folded `haystack`:
/// "sales" matches "head of sales" but not "salesforce". The plain reference the tests check
/// the word-by-word matchers against (fit's terms, the labels' phrase tables).
#[cfg(test)]
pub(crate) fn contains_words(haystack: &str, needle: &str) -> bool {
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
    fn invisible_characters_do_not_split_words_and_scripts_without_case_do() {
        // Found in an audit of the note classifier: a zero-width space or a soft hyphen
        // split "LinkedIn", and "LinkedInの" or "בLinkedIn" was one word.
        for hidden in [
            '\u{200B}', '\u{200C}', '\u{200D}', '\u{2060}', '\u{AD}', '\u{200F}', '\u{FEFF}',
        ] {
            assert_eq!(
                fold(&format!("on Linked{hidden}In.")),
                "on linkedin",
                "{hidden:?}"
            );
        }
        assert_eq!(fold("LinkedInのネットワーク"), "linkedin のネットワーク");
        assert_eq!(fold("בLinkedIn"), "ב linkedin");
        assert_eq!(
            fold("我想邀请您加入我的LinkedIn职业社交网络"),
            "我想邀请您加入我的 linkedin 职业社交网络"
        );
        assert_eq!(fold("บนLinkedIn"), "บน linkedin");
        // Scripts with case stay together (a Cyrillic look-alike inside a Latin word),
        // digits join either side, and so do apostrophes.
        assert_eq!(fold("Link\u{435}dIn"), "link\u{435}din");
        assert_eq!(fold("LinkedIn2024 の2024年"), "linkedin2024 の2024年");
        assert_eq!(fold("LinkedIn'deki"), "linkedin'deki");
        let w = words("Hi Ana,LinkedInで");
        let shapes: Vec<_> = w
            .words
            .iter()
            .map(|x| (x.capitalised, x.break_before))
            .collect();
        assert_eq!(
            shapes,
            [
                (true, Break::Start),
                (true, Break::Space),
                (true, Break::Clause),
                (false, Break::Space)
            ]
        );
        assert_eq!(w.raw_span("Hi Ana,LinkedInで", 2, 3), "LinkedIn");
    }

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

#[cfg(test)]
mod word_tests {
    use super::*;

    #[test]
    fn fast_paths_fold_as_the_tables_do() {
        // Every Han ideograph and Hangul syllable `split` folds without the Unicode
        // tables: the same words, letters and shapes as the general path, alone, after a
        // Latin word and inside a run of its own script.
        let slow = |c: char| {
            let mut b = Builder {
                out: Words::default(),
                keep_words: true,
                current: None,
                letters: 0,
                upper_letters: 0,
                pending: Break::Start,
                raw: (0, c.len_utf8()),
                raw_end: 0,
                last_cased: None,
            };
            decompose_compatible(c, |d| b.push(d));
            b.finish_word();
            b.out
        };
        for c in ('\u{4E00}'..='\u{9FFF}')
            .chain('\u{3400}'..='\u{4DBF}')
            .chain('\u{AC00}'..='\u{D7A3}')
        {
            let one = c.to_string();
            assert_eq!(words(&one), slow(c), "{c:?}");
            let mixed = format!("Ab{c}{c} x{c}");
            let expected: String = {
                let f = fold(&c.to_string());
                format!("ab {f}{f} x {f}")
            };
            assert_eq!(fold(&mixed), expected, "{c:?}");
            assert!(
                !c.is_numeric() && c.is_alphabetic() && !has_case(c),
                "{c:?}"
            );
        }
    }

    #[test]
    fn words_carry_breaks_and_case() {
        let w = words("Hi Dana,\nI’d like: qué? ACME");
        let texts: Vec<&str> = (0..w.len()).map(|i| w.text(i)).collect();
        assert_eq!(texts, ["hi", "dana", "i'd", "like", "que", "acme"]);
        let breaks: Vec<Break> = w.words.iter().map(|w| w.break_before).collect();
        assert_eq!(
            breaks,
            [
                Break::Start,
                Break::Space,
                Break::Sentence,
                Break::Space,
                Break::Clause,
                Break::Sentence
            ]
        );
        assert!(w.words[1].capitalised && !w.words[3].capitalised);
        assert!(w.words[5].shouted && !w.words[0].shouted);
        assert!(w.question);
        assert_eq!(w.span(1, 3), "dana i'd");
        assert_eq!(w.span(3, 3), "");
    }

    #[test]
    fn ascii_runs_and_accents_join_in_one_word() {
        let w = words("ÉSTA l'Été, Dana");
        assert_eq!(w.folded, "esta l'ete dana");
        assert!(w.words[0].shouted && w.words[0].capitalised);
        assert!(!w.words[1].capitalised && w.words[2].capitalised && !w.words[2].shouted);
        assert_eq!(w.words[2].break_before, Break::Clause);
    }

    #[test]
    fn raw_spans_quote_the_text_as_written() {
        let raw = "Hi, j’ai lu l'article de Re\u{301}my… ‘quoted’";
        let w = words(raw);
        assert_eq!(w.raw_span(raw, 1, 3), "j’ai lu");
        assert_eq!(w.raw_span(raw, 5, 6), "Re\u{301}my");
        assert_eq!(w.raw_span(raw, 6, 7), "quoted");
        assert_eq!(w.raw_span(raw, 2, 2), "");
    }

    #[test]
    fn leading_punctuation_is_still_the_start() {
        let w = words("¡Hola!");
        assert_eq!(w.words[0].break_before, Break::Start);
        assert!(!w.question);
    }
}
