//! Language-independent evidence that a note is about something specific: a question,
//! a date or a recent moment, a number, names, length.

use super::*;
use crate::core::said::{Param, Said};

/// Language-independent evidence that a note is about something specific.
pub(super) struct Signals {
    pub(super) question: bool,
    /// A word for a recent, shared moment, as written ("yesterday", "вчера").
    pub(super) recent: Option<String>,
    pub(super) number: Option<String>,
    pub(super) proper_nouns: Vec<String>,
    pub(super) words: usize,
    pub(super) mentions_linkedin: bool,
    /// A quantity with a unit a pitch promises ("30%", "3x", "$2k", "10 000 €").
    pub(super) quantity: bool,
    /// A year (1950–2039) or a date ("12/03", "3.11.").
    pub(super) date: bool,
    /// An honorific after a name, in scripts without capitals ("さん", "님", "先生").
    pub(super) honorific: bool,
    /// A link, a handle or a hashtag.
    pub(super) link: bool,
}

/// Honorifics that follow (or precede) a name in scripts without capitals: Japanese,
/// Korean, Chinese, Arabic, Hebrew. A name there is told by them, not by its case.
pub(super) const HONORIFICS: &[&str] = &[
    "さん",
    "様",
    "さま",
    "先生",
    "くん",
    "님",
    "씨",
    "선생",
    "老师",
    "老師",
    "先生",
    "女士",
    "经理",
    "經理",
    "总监",
    "總監",
    "السيد",
    "السيدة",
    "الأستاذ",
    "أستاذ",
    "د.",
    "מר ",
    "גב'",
    "ד\"ר",
];

/// `c.is_numeric()`, answered without the Unicode tables for the scripts notes are mostly
/// written in, none of whose letters is a number: Latin Extended to Hebrew, kana, Han,
/// Hangul (`numeric_agrees_with_the_tables` checks every character).
#[inline]
pub(super) fn numeric(c: char) -> bool {
    match c {
        '\0'..='\u{7F}' => c.is_ascii_digit(),
        '\u{100}'..='\u{5FF}'
        | '\u{3041}'..='\u{30FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{AC00}'..='\u{D7A3}' => false,
        _ => c.is_numeric(),
    }
}

/// Whether `raw` contains one of `HONORIFICS`: one walk over the text, looking up each
/// non-ASCII character among the honorifics' first characters (every honorific starts
/// with one), instead of one substring search per honorific.
pub(super) fn has_honorific(raw: &str) -> bool {
    static BY_FIRST: OnceLock<HashMap<char, Vec<&'static str>>> = OnceLock::new();
    if raw.is_ascii() {
        return false;
    }
    let by_first = BY_FIRST.get_or_init(|| {
        let mut m: HashMap<char, Vec<&'static str>> = HashMap::default();
        for h in HONORIFICS {
            if let Some(c) = h.chars().next() {
                m.entry(c).or_default().push(h);
            }
        }
        m
    });
    raw.char_indices().any(|(i, c)| {
        !c.is_ascii()
            && by_first
                .get(&c)
                .is_some_and(|hs| hs.iter().any(|h| raw[i..].starts_with(h)))
    })
}

impl Signals {
    pub(super) fn read(
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
            if number.is_none() && w.chars().any(numeric) {
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
        let content = &raw[words.words[start].raw_start
            ..words.words[end - 1]
                .raw_end
                .max(words.words[start].raw_start)];
        let tail = &raw[words.words[end - 1].raw_end.min(raw.len())..];
        let (quantity, date) = quantities(content, tail);
        Signals {
            quantity,
            date,
            honorific: has_honorific(raw),
            link: content.contains("http")
                || content.contains("www.")
                || content.contains('@')
                || content.contains('#'),
            recent,
            question: words.question && end - start >= 5,
            number,
            proper_nouns,
            words: end - start,
            mentions_linkedin,
        }
    }

    pub(super) fn length_points(&self) -> i32 {
        match self.words {
            0..=19 => 0,
            20..=29 => 1,
            _ => 2,
        }
    }

    pub(super) fn score(&self) -> i32 {
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

    /// The kind of reason the signals alone suggest (used when no model is committed).
    pub(super) fn hint(&self) -> Option<ReasonKind> {
        if self.quantity {
            Some(ReasonKind::Pitch)
        } else if self.question {
            Some(ReasonKind::Question)
        } else if self.recent.is_some() {
            Some(ReasonKind::Met)
        } else {
            None
        }
    }

    /// The signals that hold, by name: features for the model.
    pub(super) fn names(&self) -> Vec<&'static str> {
        let mut out = Vec::with_capacity(16);
        for (on, name) in [
            (self.question, "question"),
            (self.recent.is_some(), "recent"),
            (self.number.is_some(), "number"),
            (self.quantity, "quantity"),
            (self.date, "date"),
            (self.honorific, "honorific"),
            (self.link, "link"),
            (self.mentions_linkedin, "mentions-linkedin"),
            (!self.proper_nouns.is_empty(), "names-1"),
            (self.proper_nouns.len() >= 3, "names-3"),
        ] {
            if on {
                out.push(name);
            }
        }
        out.push(match self.words {
            0..=4 => "len-0",
            5..=9 => "len-5",
            10..=19 => "len-10",
            20..=29 => "len-20",
            _ => "len-30",
        });
        out
    }

    /// The decisive signals, in plain words.
    pub(super) fn describe(&self, weak: Option<String>) -> Said {
        let mut parts = Vec::new();
        if let Some(w) = weak {
            parts.push(Said::with("specificMentions", vec![w.into()]));
        }
        if self.question {
            parts.push(Said::of("specificQuestion"));
        }
        if let Some(r) = &self.recent {
            parts.push(Said::with("specificWhen", vec![r.as_str().into()]));
        }
        if !self.proper_nouns.is_empty() {
            parts.push(Said::with(
                "specificNames",
                vec![self.proper_nouns.join(", ").into()],
            ));
        }
        if let Some(n) = &self.number {
            parts.push(Said::with("specificNumber", vec![n.as_str().into()]));
        }
        if self.quantity && self.number.is_none() {
            parts.push(Said::of("specificFigure"));
        }
        if self.length_points() > 0 {
            parts.push(Said::with(
                "specificLength",
                vec![self.words.to_string().into()],
            ));
        }
        Said::with("noteSpecific", vec![Param::List(parts)])
    }
}

/// Whether `content` (and the punctuation after it, `tail`) holds a quantity with a unit
/// ("30%", "3x", "$2k", "€500", "10 000 €") and a year or a date. Digits of every script
/// count ("３０％" folds like "30%").
fn quantities(content: &str, tail: &str) -> (bool, bool) {
    // Most notes hold no digit at all: nothing to read then.
    if !content.chars().chain(tail.chars().take(2)).any(numeric) {
        return (false, false);
    }
    let mut quantity = false;
    let mut date = false;
    let chars: Vec<char> = content.chars().chain(tail.chars().take(2)).collect();
    let mut i = 0;
    while i < chars.len() {
        if !numeric(chars[i]) {
            i += 1;
            continue;
        }
        let from = i;
        let mut digits = String::new();
        while i < chars.len() && (numeric(chars[i]) || matches!(chars[i], '.' | ',' | '/' | ' ')) {
            if chars[i] == ' ' && !(i + 1 < chars.len() && numeric(chars[i + 1])) {
                break;
            }
            digits.push(chars[i]);
            i += 1;
        }
        let digits = digits.trim_end_matches(['.', ',', ' ']);
        let before = from.checked_sub(1).map(|k| chars[k]);
        let after = chars.get(from + digits.chars().count()).copied();
        let unit = |c: Option<char>| {
            c.is_some_and(|c| {
                matches!(
                    c,
                    '%' | '％'
                        | '$'
                        | '€'
                        | '£'
                        | '¥'
                        | '₹'
                        | '₺'
                        | '₽'
                        | '×'
                        | 'x'
                        | 'X'
                        | 'k'
                        | 'K'
                        | 'M'
                )
            })
        };
        if unit(before) || unit(after) {
            quantity = true;
        }
        let plain: String = digits.chars().filter(|c| c.is_ascii_digit()).collect();
        if digits.len() == 4
            && (plain.starts_with("19") && plain.as_str() >= "1950"
                || plain.starts_with("20") && plain.as_str() < "2040")
        {
            date = true;
        }
        if digits.contains('/')
            || (digits.matches('.').count() >= 1 && digits.len() <= 6 && !digits.contains(','))
        {
            date = date || digits.split(['/', '.']).filter(|p| !p.is_empty()).count() >= 2;
        }
    }
    (quantity, date)
}
