//! LinkedIn's stock invitation texts recognised by fuzzy, word-aligned similarity, so
//! typos, missing words and added names still count.

use super::*;

pub(super) struct StockMatch {
    pub(super) lang: Lang,
    /// Percent of the stock text's words found in order (integer: no float formatting
    /// code in the wasm build).
    pub(super) coverage: usize,
}

/// Are two folded words the same word, allowing for a typo? Apostrophes are ignored
/// ("id" = "i'd"); one edit is allowed in words of 4–7 letters, two from 8 letters
/// ("proffesional" = "professional"); the first letter must agree.
#[inline]
pub(super) fn same_word(a: &str, b: &str) -> bool {
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
pub(super) fn fill(buf: &mut [char; 32], word: &str) -> Option<usize> {
    let mut n = 0;
    for c in word.chars().filter(|c| *c != '\'') {
        *buf.get_mut(n)? = c;
        n += 1;
    }
    Some(n)
}

pub(super) fn levenshtein(a: &[char], b: &[char]) -> usize {
    // Words of at most 32 letters (`fill`): distances fit in a byte, and the two rows
    // are swapped as references, not copied.
    let mut rows = [[0u8; 33]; 2];
    let (first, second) = rows.split_at_mut(1);
    let (mut prev, mut cur) = (&mut first[0], &mut second[0]);
    for (j, p) in prev.iter_mut().enumerate().take(b.len() + 1) {
        *p = j as u8;
    }
    for (i, ca) in a.iter().enumerate() {
        cur[0] = i as u8 + 1;
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + u8::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[b.len()])
}

/// The stock text the content is closest to, if it covers enough of it. Similarity is
/// the longest common subsequence of words (typos allowed) over the stock text's length:
/// word order matters, added names and greetings do not.
pub(super) fn stock_match(
    words: &Words,
    start: usize,
    end: usize,
    t: &Tables,
) -> Option<StockMatch> {
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
    // Scripts written without spaces (Japanese, Chinese): the words are whole clauses, so
    // those stock texts are compared letter by letter instead.
    if (start..end).any(|i| words.text(i).chars().any(is_han_or_kana)) {
        let note: Vec<char> = (start..end).flat_map(|i| words.text(i).chars()).collect();
        for tpl in t.templates.iter().filter(|tpl| !tpl.letters.is_empty()) {
            if note.len() > 3 * tpl.letters.len() + 16 {
                continue;
            }
            let lcs = aligned_letters(&note, &tpl.letters);
            let coverage = lcs * 100 / tpl.letters.len();
            if coverage >= STOCK_COVERAGE_PERCENT
                && best.as_ref().is_none_or(|b| coverage > b.coverage)
            {
                best = Some(StockMatch {
                    lang: tpl.lang,
                    coverage,
                });
            }
        }
        if best.is_some() {
            return best;
        }
    }
    // The commonest note of all is a stock text as LinkedIn wrote it: when the most
    // promising text is there word for word, its alignment would cover all of it and
    // end the search at once, so it is the answer without aligning.
    if let Some(&first) = order.first() {
        let tpl = &t.templates[first].words;
        let m = tpl.len();
        if (1..=63).contains(&m)
            && m <= n
            && (start..=end - m).any(|i| (0..m).all(|k| words.text(i + k) == tpl[k]))
        {
            return Some(StockMatch {
                lang: t.templates[first].lang,
                coverage: 100,
            });
        }
    }
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
pub(super) fn aligned_words(words: &Words, start: usize, end: usize, template: &[String]) -> usize {
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

/// Longest common subsequence, in letters, of a note and a stock text (both folded, no
/// spaces). The stock text is short (under 64 letters); the note is bounded by the caller.
pub(super) fn aligned_letters(note: &[char], template: &[char]) -> usize {
    let m = template.len().min(63);
    let mut prev = [0u8; 64];
    let mut cur = [0u8; 64];
    for c in note {
        for j in 0..m {
            cur[j + 1] = if *c == template[j] {
                prev[j] + 1
            } else {
                prev[j + 1].max(cur[j])
            };
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    usize::from(prev[m])
}
