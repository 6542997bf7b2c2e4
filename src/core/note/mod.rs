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

mod language;
mod lexicon;
pub mod model;
mod phrases;
pub mod reason_kind;
mod signals;
mod span;
mod stock;
mod stock_texts;
mod tables;

use language::*;
pub use reason_kind::ReasonKind;
use signals::*;
use span::*;
use stock::*;
use tables::*;

use crate::core::lang::Lang;
use crate::core::said::{lang_name, Said};
use crate::core::text::{self, Break, Words};
use model::model;
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NoteVerdict {
    pub kind: NoteKind,
    /// The note's language when it could be told.
    pub language: Option<Lang>,
    /// For a reasoned note: the kind of reason it gives (met before, referral …).
    #[serde(default)]
    pub reason_kind: Option<ReasonKind>,
    /// Why, for the user: which stock phrase or reason signal matched. For a reasoned
    /// note the first one starts with the reason kind ("Sales pitch: …").
    pub reasons: Vec<Said>,
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
    with_words(|words| match read_note(note, words) {
        Read::Done(v) => v,
        Read::Open(open) => decide(open, model()),
    })
}

/// The rules alone, without the learned model: what `classify_note` answered before the
/// model, kept so that the tests can show what the model adds.
pub fn classify_note_by_rules(note: Option<&str>) -> NoteVerdict {
    with_words(|words| match read_note(note, words) {
        Read::Done(v) => v,
        Read::Open(open) => decide(open, None),
    })
}

/// The model's view of a note the rules left open (generic or reasoned), for training:
/// None when the rules settle the note on their own (no note, a bare greeting, stock).
pub fn model_features(note: Option<&str>) -> Option<model::Features> {
    with_words(|words| match read_note(note, words) {
        Read::Done(_) => None,
        Read::Open(open) => Some(open.features),
    })
}

/// Runs `f` with this thread's word buffer: notes come one after another, so their
/// words reuse one allocation instead of two per note. A buffer grown by a huge note is
/// let go afterwards.
fn with_words<R>(f: impl FnOnce(&mut Words) -> R) -> R {
    thread_local! {
        static WORDS: std::cell::RefCell<Words> = std::cell::RefCell::default();
    }
    WORDS.with(|cell| match cell.try_borrow_mut() {
        Ok(mut words) => {
            let r = f(&mut words);
            if words.folded.capacity() > 4096 {
                *words = Words::default();
            }
            r
        }
        // Not reentrant in practice; a fresh buffer keeps it correct if it ever is.
        Err(_) => f(&mut Words::default()),
    })
}

enum Read<'a> {
    /// Settled by the rules: no note, a bare greeting, LinkedIn's stock text.
    Done(NoteVerdict),
    /// Generic or reasoned: the rules' draft, and what the model reads.
    Open(Open<'a>),
}

struct Open<'a> {
    rules: NoteVerdict,
    /// The note as written and its words: the model's verdict quotes the words of
    /// `start..` that decided it as the sender wrote them.
    raw: &'a str,
    words: &'a Words,
    start: usize,
    features: model::Features,
    /// The reason kind the rules saw, if any (a question to the reader, a pitch's shape).
    hint: Option<ReasonKind>,
}

/// The model's verdict on an open note, with the rules' draft when there is no model.
fn decide(open: Open<'_>, model: Option<&model::Model>) -> NoteVerdict {
    let Some(m) = model else {
        return if open.rules.kind == NoteKind::Reasoned {
            with_hint(open.rules, open.hint)
        } else {
            open.rules
        };
    };
    let scores = m.scores(&open.features);
    let mut v = open.rules;
    if scores[0] <= 0 {
        if v.kind == NoteKind::Reasoned {
            v.kind = NoteKind::Generic;
            v.reasons = vec![Said::with(
                "noteGenericOverruled",
                vec![v.reasons[0].clone().into()],
            )];
        }
        v.reason_kind = None;
        return v;
    }
    let head = (1..model::HEADS)
        .max_by_key(|&h| (scores[h], std::cmp::Reverse(h)))
        .unwrap_or(1);
    let kind = ReasonKind::ALL[head - 1];
    let detail = if v.kind == NoteKind::Reasoned {
        v.reasons[0].clone()
    } else {
        // The words that pushed the note most towards a reason of this kind: the run of
        // up to four words with the largest weight, as the sender wrote them.
        let weights = m.word_weights(&open.features, head, None);
        let quote = best_run(&weights, 4).map(|(a, b)| {
            let mut q = String::new();
            for i in open.start + a..open.start + b {
                if i > open.start + a {
                    q.push(' ');
                }
                q.push_str(open.words.raw_span(open.raw, i, i + 1));
            }
            q
        });
        match quote {
            Some(q) => Said::with("noteReasonGiven", vec![q.into()]),
            None => Said::of("noteReasonGivenBare"),
        }
    };
    v.kind = NoteKind::Reasoned;
    v.reason_kind = Some(kind);
    v.reasons[0] = labelled(kind, &detail);
    v
}

/// The window of at most `max` adjacent items with the largest positive sum.
fn best_run(weights: &[i32], max: usize) -> Option<(usize, usize)> {
    let mut best: Option<(i32, usize, usize)> = None;
    for a in 0..weights.len() {
        let mut sum = 0;
        for (b, w) in weights.iter().enumerate().skip(a).take(max) {
            sum += w;
            if sum > 0 && best.is_none_or(|(s, _, _)| sum > s) {
                best = Some((sum, a, b + 1));
            }
        }
    }
    best.map(|(_, a, b)| (a, b))
}

fn read_note<'a>(note: Option<&'a str>, buffer: &'a mut Words) -> Read<'a> {
    let Some(raw) = note else {
        return Read::Done(verdict(NoteKind::None, None, Said::of("noteNone")));
    };
    let t = tables();
    text::words_into(raw, buffer);
    let words: &Words = buffer;
    if words.is_empty() {
        return Read::Done(verdict(NoteKind::None, None, Said::of("noteBlank")));
    }
    let (start, end) = content_span(words, t);
    if start >= end {
        let language = detect_language(raw, words, 0, words.len(), &[], t);
        return Read::Done(verdict(
            NoteKind::None,
            language,
            Said::of("noteGreetingOnly"),
        ));
    }
    let hits = find_phrases(words, start, end, t);
    let stock = stock_match(words, start, end, t);
    // Greetings and sign-offs ("Oi", "Groetjes") tell the language too: read it all.
    let language = stock
        .as_ref()
        .map(|s| s.lang)
        .or_else(|| detect_language(raw, words, 0, words.len(), &hits, t));
    // Phrases of other languages are ignored once the language is known: Spanish "leí"
    // folds to Italian "lei" ("she"), Dutch "je" is French "I".
    let mut hits = hits;
    hits.retain(|h| language.is_none() || h.phrase.lang.is_none() || h.phrase.lang == language);
    let signals = Signals::read(raw, words, start, end, language, t);
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
    let any_voided = hits
        .iter()
        .any(|h| matches!(h.phrase.class, Class::Reason { .. }) && voided(h));
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
    let hint = signals.hint();

    let mut score = signals.score();
    if weak.is_some() {
        score += 2;
    }
    if let Some(s) = &stock {
        // The stock text itself says nothing; only what the sender added can be a reason.
        let also = Said::with("noteAlsoStock", vec![lang_name(s.lang).into()]);
        if let Some(h) = strong {
            let mut v = verdict(
                NoteKind::Reasoned,
                language,
                Said::with("noteReasonGiven", vec![quote(h).into()]),
            );
            v.reasons.push(also);
            return Read::Done(with_hint(v, hint));
        }
        if score - signals.length_points() >= SPECIFIC_ENOUGH {
            let mut v = verdict(
                NoteKind::Reasoned,
                language,
                signals.describe(weak.map(&quote)),
            );
            v.reasons.push(also);
            return Read::Done(with_hint(v, hint));
        }
        let reason = if s.coverage < 100 {
            Said::with(
                "noteStockPartly",
                vec![lang_name(s.lang).into(), s.coverage.to_string().into()],
            )
        } else {
            Said::with("noteStock", vec![lang_name(s.lang).into()])
        };
        return Read::Done(verdict(NoteKind::Stock, Some(s.lang), reason));
    }
    if generic.is_some() {
        score -= 2;
    }
    // Every stock text names LinkedIn; a short, unspecific note that does so, in a
    // language AskFirst has no words for, is most likely one of LinkedIn's other
    // translations.
    if strong.is_none()
        && score < SPECIFIC_ENOUGH
        && language.is_none_or(|l| !stock_texts::CONFIRMED.contains(&l))
        && signals.mentions_linkedin
        && core_length(words, start, end) <= 16
    {
        return Read::Done(verdict(
            NoteKind::Stock,
            language,
            match language {
                None => Said::of("noteStockUnknownLanguage"),
                Some(l) => Said::with("noteStockByShape", vec![lang_name(l).into()]),
            },
        ));
    }
    let rules = if let Some(h) = strong {
        verdict(
            NoteKind::Reasoned,
            language,
            Said::with("noteReasonGiven", vec![quote(h).into()]),
        )
    } else if score >= SPECIFIC_ENOUGH {
        verdict(
            NoteKind::Reasoned,
            language,
            signals.describe(weak.map(&quote)),
        )
    } else {
        let reason = match generic.or(weak) {
            Some(h) => Said::with("noteGenericQuote", vec![quote(h).into()]),
            None => Said::of("noteGeneric"),
        };
        verdict(NoteKind::Generic, language, reason)
    };
    let mut names = signals.names();
    for (on, name) in [
        (strong.is_some(), "reason-phrase"),
        (weak.is_some(), "weak-reason-phrase"),
        (generic.is_some(), "generic-phrase"),
        (any_voided, "voided-reason-phrase"),
        (score >= SPECIFIC_ENOUGH, "specific-enough"),
        (rules.kind == NoteKind::Reasoned, "rules-reasoned"),
    ] {
        if on {
            names.push(name);
        }
    }
    names.push(match language {
        Some(l) => l.code(),
        None => "no-language",
    });
    let features = model::Features::new(words, start, end, names);
    Read::Open(Open {
        rules,
        raw,
        words,
        start,
        features,
        hint,
    })
}

/// A reasoned verdict of the rules, with the kind of reason they saw.
fn with_hint(mut v: NoteVerdict, hint: Option<ReasonKind>) -> NoteVerdict {
    if let Some(k) = hint {
        v.reason_kind = Some(k);
        v.reasons[0] = labelled(k, &v.reasons[0]);
    }
    v
}

/// "Sales pitch: \"…\"": the reason kind first, then what showed it ("Reason given: "
/// says nothing more once the kind is named).
fn labelled(kind: ReasonKind, detail: &Said) -> Said {
    match detail.code {
        "noteReasonGiven" => {
            let mut params = vec![kind.label().into()];
            params.extend(detail.params.iter().cloned());
            Said::with("noteKindQuote", params)
        }
        _ => Said::with(
            "noteKindDetail",
            vec![kind.label().into(), detail.clone().into()],
        ),
    }
}

/// Word `i` names LinkedIn: "linkedin" with any suffix a language adds to a name
/// ("linkedin'de", "linkedinissa"), its name in another script, alone or inside a run of
/// letters written without spaces ("我在领英的"), or "Linked In" in two words.
fn linkedin_at(words: &Words, i: usize, end: usize, t: &Tables) -> bool {
    let w = words.text(i);
    w.starts_with("linkedin")
        || (!w.is_ascii()
            && w.char_indices().any(|(at, c)| {
                t.linkedin_first.contains(&c)
                    && t.linkedin_names
                        .iter()
                        .any(|n| w[at..].starts_with(n.as_str()))
            }))
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

fn verdict(kind: NoteKind, language: Option<Lang>, reason: Said) -> NoteVerdict {
    NoteVerdict {
        kind,
        language,
        reason_kind: None,
        reasons: vec![reason],
    }
}

#[cfg(test)]
mod tests;
