//! Note classification: none | stock | generic | reasoned, with the reasons shown to the
//! user. A pure function of the note's text: knows nothing of pages, people or settings,
//! and must not import wasm-bindgen, web-sys or js-sys.
//!
//! How a note is read, in order:
//! 1. split into folded words (`text::words`), keeping case and sentence breaks;
//! 2. strip the greeting line ("Hi Dana,") and the sign-off ("Best, Ana"): what remains
//!    is the content; no content means `none`;
//! 3. compare the content with LinkedIn's stock texts by fuzzy, word-aligned similarity,
//!    so typos, missing words and added names still count;
//! 4. look for reason and generic phrases of the note's language;
//! 5. weigh language-independent signals (a question, a number, proper nouns, length), so
//!    notes in languages AskFirst has no words for still get a sensible verdict.

mod phrases;

use crate::core::lang::Lang;
use crate::core::text::{self, Break, Words};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::sync::OnceLock;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// No note at all (or only whitespace / a bare greeting).
    None,
    /// LinkedIn's default text, in any language.
    Stock,
    /// A note that gives no reason to connect.
    Generic,
    /// A note that says why.
    Reasoned,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::None => "none",
            NoteKind::Stock => "stock",
            NoteKind::Generic => "generic",
            NoteKind::Reasoned => "reasoned",
        }
    }

    /// None, stock and generic notes are "default invites" in the article's sense.
    pub fn is_default(self) -> bool {
        !matches!(self, NoteKind::Reasoned)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteVerdict {
    pub kind: NoteKind,
    /// The note's language when it could be told.
    pub language: Option<Lang>,
    /// Why, for the user: which stock phrase or reason signal matched.
    pub reasons: Vec<String>,
}

/// Share of a stock text's words a note must contain, in order, to count as that text.
/// 75% lets "I'd like to add you to my network on LinkedIn" (a word dropped) and a
/// couple of typos through, while "I'd like to join your network" (no LinkedIn) is not.
const STOCK_COVERAGE_PERCENT: usize = 75;
/// Language-independent evidence needed for `reasoned` when no reason phrase matched.
const SPECIFIC_ENOUGH: i32 = 3;
/// A note longer than this many words is not compared with the stock texts word by word
/// (LinkedIn caps notes at 300 characters; this bounds the work on hostile input).
const MAX_STOCK_WORDS: usize = 64;
/// Upper bound on the number of stock texts (a fixed counter array avoids an allocation).
const MAX_TEMPLATES: usize = 128;

pub fn classify_note(note: Option<&str>) -> NoteVerdict {
    let Some(raw) = note else {
        return verdict(NoteKind::None, None, "No note".into());
    };
    let t = tables();
    let words = text::words(raw);
    if words.is_empty() {
        return verdict(
            NoteKind::None,
            None,
            "No note (only spaces or symbols)".into(),
        );
    }
    let (start, end) = content_span(&words, t);
    if start >= end {
        let language = detect_language(&words, 0, words.len(), &[], t);
        return verdict(
            NoteKind::None,
            language,
            "Only a greeting or sign-off, no message".into(),
        );
    }
    let hits = find_phrases(&words, start, end, t);
    let stock = stock_match(&words, start, end, t);
    // Greetings and sign-offs ("Oi", "Groetjes") tell the language too: read it all.
    let language = stock
        .as_ref()
        .map(|s| s.lang)
        .or_else(|| detect_language(&words, 0, words.len(), &hits, t));
    // Phrases of other languages are ignored once the language is known: Spanish "leí"
    // folds to Italian "lei" ("she"), Dutch "je" is French "I".
    let hits: Vec<&Hit> = hits
        .iter()
        .filter(|h| language.is_none() || h.phrase.lang.is_none() || h.phrase.lang == language)
        .collect();
    let signals = Signals::read(raw, &words, start, end, language, t);
    // A reason phrase whose object is a generic one says nothing more: "Could I join |
    // your network", "busco ampliar | mi red", "looking for a chance | to grow my
    // network", "poderia me | adicionar", "saw your | profile". It counts only when no
    // generic phrase overlaps it or follows it in the same clause, with at most two short
    // words between ("to", "à"): "read your article on | networking" keeps its reason.
    let voided = |h: &Hit| {
        hits.iter().any(|g| {
            g.phrase.class == Class::Generic
                && g.from >= h.from
                && g.from <= h.to + 2
                && g.from < end
                && (g.from < h.to
                    || (h.to..=g.from).all(|i| words.words[i].break_before < Break::Clause)
                        && (h.to..g.from).all(|i| words.text(i).chars().count() <= 3))
        })
    };
    let strong = hits
        .iter()
        .find(|h| h.phrase.class == Class::Reason { weak: false } && !voided(h));
    let weak = hits
        .iter()
        .find(|h| h.phrase.class == Class::Reason { weak: true } && !voided(h));
    let generic = hits.iter().find(|h| h.phrase.class == Class::Generic);
    // Quote the sender's own words (accents, case) rather than the folded form.
    // One more word of the same clause reads better ("Loved your post", not "Loved your").
    let quote = |h: &Hit| {
        let to = if h.to < end && words.words[h.to].break_before == Break::Space {
            h.to + 1
        } else {
            h.to
        };
        words.raw_span(raw, h.from, to).to_string()
    };

    if let Some(h) = strong {
        let mut v = verdict(
            NoteKind::Reasoned,
            language,
            format!("Reason given: \"{}\"", quote(h)),
        );
        if let Some(s) = &stock {
            v.reasons.push(format!(
                "Also contains the stock LinkedIn text ({})",
                lang_name(s.lang)
            ));
        }
        return v;
    }
    let mut score = signals.score();
    if weak.is_some() {
        score += 2;
    }
    if let Some(s) = &stock {
        // The stock text itself says nothing; only what the sender added can be a reason.
        if score - signals.length_points() >= SPECIFIC_ENOUGH {
            let mut v = verdict(
                NoteKind::Reasoned,
                language,
                signals.describe(weak.map(|h| quote(h))),
            );
            v.reasons.push(format!(
                "Also contains the stock LinkedIn text ({})",
                lang_name(s.lang)
            ));
            return v;
        }
        let mut reason = format!("Stock LinkedIn text ({})", lang_name(s.lang));
        if s.coverage < 100 {
            reason.push_str(&format!(", {}% of its words", s.coverage));
        }
        return verdict(NoteKind::Stock, Some(s.lang), reason);
    }
    if generic.is_some() {
        score -= 2;
    }
    if score >= SPECIFIC_ENOUGH {
        return verdict(
            NoteKind::Reasoned,
            language,
            signals.describe(weak.map(|h| quote(h))),
        );
    }
    // Every stock text names LinkedIn; a short, unspecific note that does so, in a
    // language AskFirst has no words for, is most likely one of LinkedIn's other
    // translations.
    if language.is_none() && signals.mentions_linkedin && core_length(&words, start, end) <= 16 {
        return verdict(
            NoteKind::Stock,
            None,
            "Looks like LinkedIn's default text in a language AskFirst has no words for".into(),
        );
    }
    let reason = match generic.or(weak) {
        Some(h) => format!("Generic: \"{}\" gives no reason", quote(h)),
        None => "Generic: no reason to connect given".into(),
    };
    verdict(NoteKind::Generic, language, reason)
}

/// Word `i` names LinkedIn: "linkedin" with any suffix a language adds to a name
/// ("linkedin'de", "linkedinissa"), its name in another script, alone or inside a run of
/// letters written without spaces ("我在领英的"), or "Linked In" in two words.
fn linkedin_at(words: &Words, i: usize, end: usize, t: &Tables) -> bool {
    let w = words.text(i);
    w.starts_with("linkedin")
        || (!w.is_ascii() && t.linkedin_names.iter().any(|n| w.contains(n.as_str())))
        || (w == "linked" && i + 1 < end && words.text(i + 1) == "in")
}

/// How many words `start..end` holds once a short opening (at most four words before the
/// first comma or full stop: "Dobrý den,") and a short closing (at most four words after
/// the last full stop: "S pozdravem Jan Novák") are left out. For notes in languages with
/// no greeting and sign-off lists, where only the shape tells them apart.
fn core_length(words: &Words, start: usize, end: usize) -> usize {
    let lead = (start + 1..end.min(start + 5))
        .find(|&i| words.words[i].break_before >= Break::Clause)
        .map_or(0, |i| i - start);
    let tail = (start + lead + 1..end)
        .rev()
        .take(4)
        .find(|&j| words.words[j].break_before == Break::Sentence)
        .map_or(0, |j| end - j);
    end - start - lead - tail
}

/// Word `i` (or words `i..i + 2`) for a recent, shared moment (`phrases::RECENT`), as the
/// sender wrote it. Entries of another language than the note's are skipped once its
/// language is known.
fn recent_at(
    raw: &str,
    words: &Words,
    i: usize,
    end: usize,
    language: Option<Lang>,
    t: &Tables,
) -> Option<String> {
    let applies = |lang: Option<Lang>| lang.is_none() || language.is_none() || lang == language;
    let w = words.text(i);
    for (second, lang) in t.recent.get(w).into_iter().flatten() {
        let to = match second {
            None => i + 1,
            Some(b) if i + 1 < end && words.text(i + 1) == b => i + 2,
            Some(_) => continue,
        };
        if applies(*lang) {
            return Some(words.raw_span(raw, i, to).to_string());
        }
    }
    // Scripts written without spaces: inside a run of letters.
    if w.is_ascii() {
        return None;
    }
    t.recent_inner
        .iter()
        .find(|(inner, lang)| applies(*lang) && w.contains(inner.as_str()))
        .map(|(inner, _)| inner.clone())
}

fn verdict(kind: NoteKind, language: Option<Lang>, reason: String) -> NoteVerdict {
    NoteVerdict {
        kind,
        language,
        reasons: vec![reason],
    }
}

/// The English name of a language, for reasons shown to the user.
pub fn lang_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "English",
        Lang::Fr => "French",
        Lang::De => "German",
        Lang::Es => "Spanish",
        Lang::Pt => "Portuguese",
        Lang::It => "Italian",
        Lang::Nl => "Dutch",
    }
}

// ------------------------------------------------------------------ compiled tables

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    Generic,
    Reason { weak: bool },
}

#[derive(Debug)]
enum PatternWord {
    Exact(String),
    Prefix(String),
    Any,
}

#[derive(Debug)]
struct Phrase {
    words: Vec<PatternWord>,
    lang: Option<Lang>,
    class: Class,
}

struct Template {
    words: Vec<String>,
    lang: Lang,
}

/// Multi-word entries (greetings, sign-offs) keyed by their first word.
#[derive(Default)]
struct PhraseSet(HashMap<String, Vec<Vec<String>>>);

impl PhraseSet {
    fn new(entries: &[&str]) -> PhraseSet {
        let mut set = PhraseSet::default();
        for entry in entries {
            let words: Vec<String> = text::fold(entry).split(' ').map(str::to_owned).collect();
            set.0.entry(words[0].clone()).or_default().push(words);
        }
        set
    }

    /// Length of the longest entry that starts at word `i` and ends before `end`.
    fn match_at(&self, words: &Words, i: usize, end: usize) -> Option<usize> {
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

struct Tables {
    templates: Vec<Template>,
    /// Stock-text word → templates that contain it (a cheap pre-filter before alignment).
    template_index: HashMap<String, Vec<u16>>,
    phrases: Vec<Phrase>,
    /// First four letters of a phrase's first word → phrases (exact and prefix words share
    /// one lookup this way).
    phrase_index: HashMap<String, Vec<u16>>,
    greetings: PhraseSet,
    sign_offs: PhraseSet,
    titles: HashMap<String, ()>,
    /// Every word AskFirst knows (lexicon, greetings, sign-offs, titles) → the bit set of
    /// the languages it belongs to (bit i = `Lang::ALL[i]`; 0 for a word of no one
    /// language, such as a title). One lookup answers both "known?" and "which language?".
    lexicon: HashMap<String, u8>,
    elisions: HashMap<&'static str, u8>,
    /// `phrases::RECENT` by first word → (second word, if any; language), and the
    /// entries of scripts without spaces, found inside a run of letters.
    recent: HashMap<String, Vec<RecentEntry>>,
    recent_inner: Vec<(String, Option<Lang>)>,
    /// `phrases::LINKEDIN_NAMES`, folded as notes are (Hangul and some Arabic letters
    /// decompose).
    linkedin_names: Vec<String>,
}

/// A `phrases::RECENT` entry under its first word: its second word, if any, and its
/// language.
type RecentEntry = (Option<String>, Option<Lang>);

fn lang_bit(lang: Lang) -> u8 {
    1 << Lang::ALL.iter().position(|l| *l == lang).unwrap_or(0)
}

/// The first four bytes of a word (fewer if a character straddles them): the key of
/// `phrase_index`. Any word that starts with a prefix pattern of four or more letters
/// shares the pattern's key.
#[inline]
fn key(word: &str) -> &str {
    let mut k = word.len().min(4);
    while !word.is_char_boundary(k) {
        k -= 1;
    }
    &word[..k]
}

/// The part after an elision's apostrophe ("d'echanger" → "echanger").
#[inline]
fn elided_tail(word: &str) -> Option<&str> {
    let at = word.bytes().position(|b| b == b'\'')?;
    Some(&word[at + 1..]).filter(|tail| !tail.is_empty())
}

fn compile_phrase(pattern: &str, lang: Option<Lang>, class: Class) -> Phrase {
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

fn tables() -> &'static Tables {
    static TABLES: OnceLock<Tables> = OnceLock::new();
    TABLES.get_or_init(|| {
        let templates: Vec<Template> = phrases::STOCK
            .iter()
            .map(|(lang, text)| Template {
                words: text::fold(text).split(' ').map(str::to_owned).collect(),
                lang: *lang,
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
        let mut lexicon: HashMap<String, u8> = HashMap::default();
        for w in titles
            .keys()
            .chain(greetings.0.keys())
            .chain(sign_offs.0.keys())
        {
            lexicon.insert(w.clone(), 0);
        }
        lexicon.insert("linkedin".into(), 0);
        for (lang, list) in phrases::LEXICON {
            for w in list.split_whitespace() {
                *lexicon.entry(text::fold(w)).or_default() |= lang_bit(*lang);
            }
        }
        let elisions = phrases::ELISIONS
            .iter()
            .map(|(head, langs)| (*head, langs.iter().fold(0u8, |m, l| m | lang_bit(*l))))
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
        let linkedin_names = phrases::LINKEDIN_NAMES
            .iter()
            .map(|n| text::fold(n))
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
        }
    })
}

impl Tables {
    /// A word AskFirst knows as a word of some language (so not a name).
    fn known(&self, word: &str) -> bool {
        self.lexicon.contains_key(word)
    }

    fn lang_mask(&self, word: &str) -> u8 {
        if let Some(m) = self.lexicon.get(word) {
            return *m;
        }
        match word.bytes().position(|b| b == b'\'') {
            Some(at) => self.elisions.get(&word[..at]).copied().unwrap_or(0),
            None => 0,
        }
    }
}

// ------------------------------------------------------------------ greeting and sign-off

/// The words that carry the message: `start..end` after dropping the greeting line, a
/// leading or trailing name, and the sign-off.
fn content_span(words: &Words, t: &Tables) -> (usize, usize) {
    let n = words.len();
    let name_like = |i: usize| words.words[i].capitalised || !t.known(words.text(i));
    let pure_name = |i: usize| words.words[i].capitalised && !t.known(words.text(i));

    let mut start = 0;
    let mut greeted = false;
    while start < n {
        let Some(len) = t.greetings.match_at(words, start, n) else {
            break;
        };
        greeted = true;
        start += len;
        let mut titled = false;
        while start < n && t.titles.contains_key(words.text(start)) {
            start += 1;
            titled = true;
        }
        if start >= n || (!titled && words.words[start].break_before == Break::Sentence) {
            continue;
        }
        // After "Hi," only capitalised words can be the name ("Buenas tardes, Lucía."):
        // "Ciao, possiamo collegarci?" is the message. A title ("Dear Dr. Patel") says a
        // name follows whatever the punctuation.
        let after_comma = !titled && words.words[start].break_before == Break::Clause;
        let name_like = |i: usize| {
            if after_comma {
                pure_name(i)
            } else {
                name_like(i)
            }
        };
        // "Hi Dana," / "Dear Dr. Patel" / "Geachte heer De Vries,": a short run of
        // name-like words closed by punctuation or the end of the note.
        let mut k = start;
        while k < n
            && k - start < 4
            && name_like(k)
            && (k == start || words.words[k].break_before == Break::Space)
        {
            k += 1;
        }
        // At the very end only capitalised words pass as a name: "ciao possiamo
        // collegarci" is a message, "Hey Jordan" is not.
        let closed = if k == n {
            (start..k).all(pure_name)
        } else {
            words.words[k].break_before >= Break::Clause
        };
        if k > start && closed {
            start = k;
        } else {
            // "Hi Dana I'd like…": no punctuation; drop only words that are surely names.
            while start < n && pure_name(start) && words.words[start].break_before <= Break::Space {
                start += 1;
            }
        }
    }
    if !greeted {
        // "Dana, I'd like…": a name alone before the first comma.
        let mut k = 0;
        while k < n
            && k < 3
            && pure_name(k)
            && (k == 0 || words.words[k].break_before == Break::Space)
        {
            k += 1;
        }
        if k > 0 && k < n && words.words[k].break_before >= Break::Clause {
            start = k;
        }
    }

    let mut end = n;
    // The sign-off: the earliest closing phrase near the end that opens a clause and is
    // followed only by a name ("Best regards,\nAna Silva"; "Thanks for your talk" is not).
    for j in start.max(n.saturating_sub(8))..n {
        if j > start && words.words[j].break_before < Break::Clause {
            continue;
        }
        if let Some(len) = t.sign_offs.match_at(words, j, n) {
            let rest = j + len;
            if n - rest <= 3 && (rest..n).all(pure_name) {
                end = j;
                break;
            }
        }
    }
    if end == n {
        // A bare signature after the last break: "…on LinkedIn.\n- Carla".
        if let Some(k) = (start + 1..n)
            .rev()
            .find(|&k| words.words[k].break_before >= Break::Clause)
        {
            if n - k <= 3 && (k..n).all(pure_name) {
                end = k;
            }
        }
    }
    (start, end)
}

// ------------------------------------------------------------------ phrases

struct Hit<'t> {
    phrase: &'t Phrase,
    from: usize,
    to: usize,
}

/// Does pattern word `p` match note word `w` (or, for an elided word, its `tail`)?
#[inline]
fn word_matches(p: &PatternWord, w: &str, tail: Option<&str>) -> bool {
    let direct = |w: &str| match p {
        PatternWord::Exact(e) => e == w,
        PatternWord::Prefix(e) => w.starts_with(e.as_str()),
        PatternWord::Any => true,
    };
    direct(w) || tail.is_some_and(direct)
}

fn find_phrases<'t>(words: &Words, start: usize, end: usize, t: &'t Tables) -> Vec<Hit<'t>> {
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

// ------------------------------------------------------------------ stock texts

struct StockMatch {
    lang: Lang,
    /// Percent of the stock text's words found in order (integer: no float formatting
    /// code in the wasm build).
    coverage: usize,
}

/// Are two folded words the same word, allowing for a typo? Apostrophes are ignored
/// ("id" = "i'd"); one edit is allowed in words of 4–7 letters, two from 8 letters
/// ("proffesional" = "professional"); the first letter must agree.
#[inline]
fn same_word(a: &str, b: &str) -> bool {
    if a == b {
        return true;
    }
    // Cheap rejections first: this runs for every pair of words in the alignment. Words
    // never start with an apostrophe, and apostrophes add at most one byte each side.
    if a.as_bytes().first() != b.as_bytes().first() || a.len().abs_diff(b.len()) > 4 {
        return false;
    }
    let mut ab = ['\0'; 32];
    let mut bb = ['\0'; 32];
    let (Some(la), Some(lb)) = (fill(&mut ab, a), fill(&mut bb, b)) else {
        return false;
    };
    let (a, b) = (&ab[..la], &bb[..lb]);
    if a == b {
        return true;
    }
    let longest = la.max(lb);
    let allowed = match longest {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    };
    if allowed == 0 || la.abs_diff(lb) > allowed || a.first() != b.first() {
        return false;
    }
    levenshtein(a, b) <= allowed
}

/// Copies a word's characters without apostrophes; None when it is too long to be a
/// stock-text word.
fn fill(buf: &mut [char; 32], word: &str) -> Option<usize> {
    let mut n = 0;
    for c in word.chars().filter(|c| *c != '\'') {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}

fn levenshtein(a: &[char], b: &[char]) -> usize {
    let mut prev = [0usize; 33];
    let mut cur = [0usize; 33];
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// The stock text the content is closest to, if it covers enough of it. Similarity is
/// the longest common subsequence of words (typos allowed) over the stock text's length:
/// word order matters, added names and greetings do not.
fn stock_match(words: &Words, start: usize, end: usize, t: &Tables) -> Option<StockMatch> {
    let n = end - start;
    // Every stock text names LinkedIn: without that word there is nothing to compare.
    if n > MAX_STOCK_WORDS || !(start..end).any(|i| linkedin_at(words, i, end, t)) {
        return None;
    }
    let mut exact = [0u8; MAX_TEMPLATES];
    for i in start..end {
        if let Some(list) = t.template_index.get(words.text(i)) {
            for &ti in list {
                exact[ti as usize] = exact[ti as usize].saturating_add(1);
            }
        }
    }
    // Most promising first (most words verbatim), so a perfect match ends the search early.
    let mut order: Vec<usize> = (0..t.templates.len())
        .filter(|&ti| {
            let m = t.templates[ti].words.len();
            // Half its words verbatim, and not buried in a much longer text.
            usize::from(exact[ti]) * 2 >= m && n <= 2 * m + 8
        })
        .collect();
    order.sort_by_key(|&ti| std::cmp::Reverse(exact[ti]));
    let mut best: Option<StockMatch> = None;
    for ti in order {
        let tpl = &t.templates[ti];
        let lcs = aligned_words(words, start, end, &tpl.words);
        let coverage = lcs * 100 / tpl.words.len();
        if coverage >= STOCK_COVERAGE_PERCENT && best.as_ref().is_none_or(|b| coverage > b.coverage)
        {
            best = Some(StockMatch {
                lang: tpl.lang,
                coverage,
            });
            if lcs == tpl.words.len() {
                break;
            }
        }
    }
    best
}

/// Longest common subsequence, in words, of the note's `start..end` and a stock text.
fn aligned_words(words: &Words, start: usize, end: usize, template: &[String]) -> usize {
    let m = template.len().min(63);
    let mut prev = [0u8; 64];
    let mut cur = [0u8; 64];
    for i in start..end {
        let w = words.text(i);
        for j in 0..m {
            cur[j + 1] = if same_word(w, &template[j]) {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[m])
}

// ------------------------------------------------------------------ language

/// The language whose everyday words make up the note, if one clearly does. Words shared
/// by several languages count less; a language needs at least 30% of the words and a
/// strict lead, else the answer is None (Polish or Swedish notes must not pass as
/// Portuguese because of one "na").
fn detect_language(
    words: &Words,
    start: usize,
    end: usize,
    hits: &[Hit],
    t: &Tables,
) -> Option<Lang> {
    let mut score = [0u32; 7];
    let mut share = [0u32; 7];
    let mut counted = 0u32;
    for i in start..end {
        let w = words.text(i);
        if w.chars().all(|c| c.is_numeric()) {
            continue;
        }
        counted += 1;
        let mask = t.lang_mask(w);
        if mask == 0 {
            continue;
        }
        let weight = 12 / mask.count_ones();
        for (b, (s, h)) in score.iter_mut().zip(share.iter_mut()).enumerate() {
            if mask & (1 << b) != 0 {
                *s += weight;
                *h += 1;
            }
        }
    }
    // A phrase of one language ("colleghiamoci" ~ "colleg*") counts like its words would.
    for h in hits {
        if let Some(l) = h.phrase.lang {
            let b = lang_bit(l).trailing_zeros() as usize;
            score[b] += 12;
            share[b] += (h.to - h.from) as u32;
        }
    }
    let best = (0..7).max_by_key(|&b| score[b])?;
    let clear_lead = (0..7).all(|b| b == best || score[b] < score[best]);
    let enough = score[best] > 0 && share[best] * 10 >= counted * 3;
    (clear_lead && enough).then(|| Lang::ALL[best])
}

// ------------------------------------------------------------------ specificity

/// Language-independent evidence that a note is about something specific.
struct Signals {
    question: bool,
    /// A word for a recent, shared moment, as written ("yesterday", "вчера").
    recent: Option<String>,
    number: Option<String>,
    proper_nouns: Vec<String>,
    words: usize,
    mentions_linkedin: bool,
}

impl Signals {
    fn read(
        raw: &str,
        words: &Words,
        start: usize,
        end: usize,
        language: Option<Lang>,
        t: &Tables,
    ) -> Signals {
        let mut number = None;
        let mut recent = None;
        let mut proper_nouns = Vec::new();
        let mut mentions_linkedin = false;
        for i in start..end {
            let w = words.text(i);
            let shape = words.words[i];
            if recent.is_none() {
                recent = recent_at(raw, words, i, end, language, t);
            }
            if linkedin_at(words, i, end, t) {
                mentions_linkedin = true;
                continue;
            }
            if number.is_none() && w.chars().any(|c| c.is_numeric()) {
                number = Some(words.raw_span(raw, i, i + 1).to_string());
            }
            // A capitalised word inside a sentence that is no everyday word: a person,
            // a company, an event, a place. German capitalises every noun, so there only
            // acronyms ("KI", "SAP") count.
            let inside = i > start && shape.break_before <= Break::Clause;
            let capital = if language == Some(Lang::De) {
                shape.shouted
            } else {
                shape.capitalised
            };
            if inside && capital && !t.known(w) && proper_nouns.len() < 8 {
                proper_nouns.push(words.raw_span(raw, i, i + 1).to_string());
            }
        }
        Signals {
            recent,
            question: words.question && end - start >= 5,
            number,
            proper_nouns,
            words: end - start,
            mentions_linkedin,
        }
    }

    fn length_points(&self) -> i32 {
        match self.words {
            0..=19 => 0,
            20..=29 => 1,
            _ => 2,
        }
    }

    fn score(&self) -> i32 {
        let names = match self.proper_nouns.len() {
            0 => 0,
            1..=2 => 1,
            _ => 2,
        };
        2 * i32::from(self.question)
            + 2 * i32::from(self.recent.is_some())
            + i32::from(self.number.is_some())
            + names
            + self.length_points()
    }

    /// The decisive signals, in plain words.
    fn describe(&self, weak: Option<String>) -> String {
        let mut parts = Vec::new();
        if let Some(w) = weak {
            parts.push(format!("mentions \"{w}\""));
        }
        if self.question {
            parts.push("asks a question".to_string());
        }
        if let Some(r) = &self.recent {
            parts.push(format!("says when (\"{r}\")"));
        }
        if !self.proper_nouns.is_empty() {
            parts.push(format!("names {}", self.proper_nouns.join(", ")));
        }
        if let Some(n) = &self.number {
            parts.push(format!("gives a number ({n})"));
        }
        if self.length_points() > 0 {
            parts.push(format!("{} words long", self.words));
        }
        format!("Specific enough to be a reason: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests;
