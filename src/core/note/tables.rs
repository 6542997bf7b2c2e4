//! The word lists of `phrases`, `stock_texts` and `lexicon` compiled once into lookups:
//! folded patterns indexed by their first letters, stock texts by word, the lexicon as
//! language masks. Pure data preparation; no decision is made here.

use super::*;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Class {
    Generic,
    Reason { weak: bool },
}

#[derive(Debug)]
pub(super) enum PatternWord {
    Exact(String),
    Prefix(String),
    Any,
}

#[derive(Debug)]
pub(super) struct Phrase {
    pub(super) words: Vec<PatternWord>,
    pub(super) lang: Option<Lang>,
    pub(super) class: Class,
}

pub(super) struct Template {
    pub(super) words: Vec<String>,
    /// For a text in a script written without spaces: its letters (folded, no spaces),
    /// compared letter by letter. Empty otherwise.
    pub(super) letters: Vec<char>,
    pub(super) lang: Lang,
}

/// Multi-word entries (greetings, sign-offs) keyed by their first word.
#[derive(Default)]
pub(super) struct PhraseSet(pub(super) HashMap<String, Vec<Vec<String>>>);

impl PhraseSet {
    pub(super) fn new(entries: &[&str]) -> PhraseSet {
        let mut set = PhraseSet::default();
        for entry in entries {
            let words: Vec<String> = text::fold(entry).split(' ').map(str::to_owned).collect();
            set.0.entry(words[0].clone()).or_default().push(words);
        }
        set
    }

    /// Length of the longest entry that starts at word `i` and ends before `end`.
    pub(super) fn match_at(&self, words: &Words, i: usize, end: usize) -> Option<usize> {
        let entries = self.0.get(words.text(i))?;
        entries
            .iter()
            .filter(|e| {
                i + e.len() <= end && e.iter().enumerate().all(|(k, w)| words.text(i + k) == w)
            })
            .map(Vec::len)
            .max()
    }
}

pub(super) struct Tables {
    pub(super) templates: Vec<Template>,
    /// Stock-text word → templates that contain it (a cheap pre-filter before alignment).
    pub(super) template_index: HashMap<String, Vec<u16>>,
    pub(super) phrases: Vec<Phrase>,
    /// First four letters of a phrase's first word → phrases (exact and prefix words share
    /// one lookup this way).
    pub(super) phrase_index: HashMap<String, Vec<u16>>,
    pub(super) greetings: PhraseSet,
    pub(super) sign_offs: PhraseSet,
    pub(super) titles: HashMap<String, ()>,
    /// Every word AskFirst knows (lexicon, greetings, sign-offs, titles) → the bit set of
    /// the languages it belongs to (bit i = `Lang::ALL[i]`; 0 for a word of no one
    /// language, such as a title). One lookup answers both "known?" and "which language?".
    pub(super) lexicon: HashMap<String, u32>,
    pub(super) elisions: HashMap<&'static str, u32>,
    /// `phrases::RECENT` by first word → (second word, if any; language), and the
    /// entries of scripts without spaces, found inside a run of letters.
    pub(super) recent: HashMap<String, Vec<RecentEntry>>,
    pub(super) recent_inner: Vec<(String, Option<Lang>)>,
    /// `phrases::LINKEDIN_NAMES`, folded as notes are (Hangul and some Arabic letters
    /// decompose).
    pub(super) linkedin_names: Vec<String>,
    /// The first character of each of `linkedin_names`: a word holds a name only where
    /// one of these is.
    pub(super) linkedin_first: Vec<char>,
}

/// A `phrases::RECENT` entry under its first word: its second word, if any, and its
/// language.
pub(super) type RecentEntry = (Option<String>, Option<Lang>);

pub(super) fn lang_bit(lang: Lang) -> u32 {
    1 << Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// The first four bytes of a word (fewer if a character straddles them): the key of
/// `phrase_index`. Any word that starts with a prefix pattern of four or more letters
/// shares the pattern's key.
#[inline]
pub(super) fn key(word: &str) -> &str {
    let mut k = word.len().min(4);
    while !word.is_char_boundary(k) {
        k -= 1;
    }
    &word[..k]
}

/// The part after an elision's apostrophe ("d'echanger" → "echanger").
#[inline]
pub(super) fn elided_tail(word: &str) -> Option<&str> {
    let at = word.bytes().position(|b| b == b'\'')?;
    Some(&word[at + 1..]).filter(|tail| !tail.is_empty())
}

pub(super) fn compile_phrase(pattern: &str, lang: Option<Lang>, class: Class) -> Phrase {
    let (pattern, class) = match pattern.strip_prefix('~') {
        Some(rest) => (rest, Class::Reason { weak: true }),
        None => (pattern, class),
    };
    let words = pattern
        .split_whitespace()
        .flat_map(|raw| {
            if raw == "_" {
                return vec![PatternWord::Any];
            }
            let (body, prefix) = match raw.strip_suffix('*') {
                Some(body) => (body, true),
                None => (raw, false),
            };
            // Folding may split a word ("LinkedIn-Netzwerk"): only the last part keeps `*`.
            let folded: Vec<String> = text::fold(body)
                .split(' ')
                .filter(|w| !w.is_empty())
                .map(str::to_owned)
                .collect();
            let last = folded.len().saturating_sub(1);
            folded
                .into_iter()
                .enumerate()
                .map(|(i, w)| {
                    if prefix && i == last {
                        PatternWord::Prefix(w)
                    } else {
                        PatternWord::Exact(w)
                    }
                })
                .collect()
        })
        .collect();
    Phrase { words, lang, class }
}

pub(super) fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let templates: Vec<Template> = stock_texts::STOCK
            .iter()
            .map(|(lang, text)| {
                let folded = text::fold(text);
                let uncased = folded.chars().any(is_han_or_kana);
                Template {
                    letters: if uncased {
                        folded.chars().filter(|c| *c != ' ').collect()
                    } else {
                        Vec::new()
                    },
                    words: folded.split(' ').map(str::to_owned).collect(),
                    lang: *lang,
                }
            })
            .collect();
        let mut template_index: HashMap<String, Vec<u16>> = HashMap::default();
        for (i, t) in templates.iter().enumerate() {
            for w in &t.words {
                let list = template_index.entry(w.clone()).or_default();
                if list.last() != Some(&(i as u16)) {
                    list.push(i as u16);
                }
            }
        }
        let phrases: Vec<Phrase> = phrases::GENERIC
            .iter()
            .map(|(lang, p)| compile_phrase(p, *lang, Class::Generic))
            .chain(
                phrases::REASON
                    .iter()
                    .map(|(lang, p)| compile_phrase(p, *lang, Class::Reason { weak: false })),
            )
            .collect();
        let mut phrase_index: HashMap<String, Vec<u16>> = HashMap::default();
        for (i, p) in phrases.iter().enumerate() {
            let first = match p.words.first() {
                Some(PatternWord::Exact(w)) | Some(PatternWord::Prefix(w)) => key(w).to_owned(),
                // A pattern must start with a word; the table test checks this.
                _ => continue,
            };
            phrase_index.entry(first).or_default().push(i as u16);
        }
        let greetings = PhraseSet::new(phrases::GREETINGS);
        let sign_offs = PhraseSet::new(phrases::SIGN_OFFS);
        let titles: HashMap<String, ()> = phrases::TITLES
            .iter()
            .map(|t| (text::fold(t), ()))
            .collect();
        let mut lexicon: HashMap<String, u32> = HashMap::default();
        for w in titles
            .keys()
            .chain(greetings.0.keys())
            .chain(sign_offs.0.keys())
        {
            lexicon.insert(w.clone(), 0);
        }
        lexicon.insert("linkedin".into(), 0);
        for (lang, list) in lexicon::LEXICON {
            for w in list.split_whitespace() {
                *lexicon.entry(text::fold(w)).or_default() |= lang_bit(*lang);
            }
        }
        let elisions = lexicon::ELISIONS
            .iter()
            .map(|(head, langs)| (*head, langs.iter().fold(0u32, |m, l| m | lang_bit(*l))))
            .collect();
        // Folded as notes are: Hangul syllables and some Arabic letters decompose.
        let mut recent: HashMap<String, Vec<_>> = HashMap::default();
        let mut recent_inner = Vec::new();
        for &(lang, entry) in phrases::RECENT {
            let entry = text::fold(entry);
            match entry.split_once(' ') {
                Some((a, b)) => recent
                    .entry(a.to_string())
                    .or_default()
                    .push((Some(b.to_string()), lang)),
                None if entry
                    .chars()
                    .any(|c| c.is_alphabetic() && !text::has_case(c)) =>
                {
                    recent_inner.push((entry, lang));
                }
                None => recent.entry(entry).or_default().push((None, lang)),
            }
        }
        let linkedin_names: Vec<String> = phrases::LINKEDIN_NAMES
            .iter()
            .map(|n| text::fold(n))
            .collect();
        let linkedin_first = linkedin_names
            .iter()
            .filter_map(|n| n.chars().next())
            .collect();
        Tables {
            templates,
            template_index,
            phrases,
            phrase_index,
            greetings,
            sign_offs,
            titles,
            lexicon,
            elisions,
            recent,
            recent_inner,
            linkedin_names,
            linkedin_first,
        }
    })
}

impl Tables {
    /// A word AskFirst knows as a word of some language (so not a name).
    pub(super) fn known(&self, word: &str) -> bool {
        self.lexicon.contains_key(word)
    }

    pub(super) fn lang_mask(&self, word: &str) -> u32 {
        if let Some(m) = self.lexicon.get(word) {
            return *m;
        }
        match word.bytes().position(|b| b == b'\'') {
            Some(at) => self.elisions.get(&word[..at]).copied().unwrap_or(0),
            None => 0,
        }
    }
}

pub(super) struct Hit<'t> {
    pub(super) phrase: &'t Phrase,
    pub(super) from: usize,
    pub(super) to: usize,
}

/// Does pattern word `p` match note word `w` (or, for an elided word, its `tail`)?
#[inline]
pub(super) fn word_matches(p: &PatternWord, w: &str, tail: Option<&str>) -> bool {
    let direct = |w: &str| match p {
        PatternWord::Exact(e) => e == w,
        PatternWord::Prefix(e) => w.starts_with(e.as_str()),
        PatternWord::Any => true,
    };
    direct(w) || tail.is_some_and(direct)
}

pub(super) fn find_phrases<'t>(
    words: &Words,
    start: usize,
    end: usize,
    t: &'t Tables,
) -> Vec<Hit<'t>> {
    let mut hits = Vec::new();
    for i in start..end {
        let w = words.text(i);
        let tail = elided_tail(w);
        for k in std::iter::once(key(w)).chain(tail.map(key)) {
            let Some(candidates) = t.phrase_index.get(k) else {
                continue;
            };
            for &pi in candidates {
                let phrase = &t.phrases[pi as usize];
                let len = phrase.words.len();
                if i + len <= end
                    && phrase.words.iter().enumerate().all(|(o, p)| {
                        let w = words.text(i + o);
                        word_matches(p, w, elided_tail(w))
                    })
                {
                    hits.push(Hit {
                        phrase,
                        from: i,
                        to: i + len,
                    });
                }
            }
        }
    }
    hits
}

/// Han and kana: Chinese and Japanese are written without spaces between words.
pub(super) fn is_han_or_kana(c: char) -> bool {
    matches!(c, '\u{3040}'..='\u{30FF}' | '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}')
}
