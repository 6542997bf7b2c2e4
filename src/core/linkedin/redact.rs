//! A redacted sample of the invitations on a page, for a bug report (issue #12 §4): every
//! card root the reader finds, with its tags, attributes, structure and LinkedIn's own
//! words kept, and every stranger's text replaced by a placeholder of the same shape
//! (letters for letters of the same script and case, digits for digits, punctuation and
//! spaces kept): names, headlines, notes, the names in mutual-connection lines, profile
//! slugs and every other path of a link, urn numbers and image URLs. The same word always
//! gets the same placeholder, so a name in an aria-label still matches the name shown.
//! Comments, scripts and templates inside cards (data islands) are left out. The reader
//! decides what is a stranger's: the fields it read from the card, and any word of a line
//! that is not one of LinkedIn's label words (`labels::is_ui_word`). Pure: no wasm imports.

use super::card::read_card_root;
use super::{card_roots, labels};
use crate::core::invitation::Invitation;
use crate::core::text::{fold, squash_whitespace};
use scraper::node::Node;
use scraper::Html;
use std::collections::HashSet;
use std::fmt::Write as _;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

/// Attributes whose value is words a person reads (a name may be in them).
const WORDED: &[&str] = &[
    "aria-label",
    "alt",
    "title",
    "placeholder",
    "aria-description",
    "aria-valuetext",
];

/// Attributes whose value is a URL (or a list of them).
const URLS: &[&str] = &["href", "src", "srcset", "data-delayed-url", "poster"];

/// The redacted sample of `html` (a saved invitations page): a page of its card roots
/// only, which `read_page` reads as the same number of cards, with the same kinds,
/// follows-you flags, mutual counts and note presence.
pub fn redact_page(html: &str) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::from(
        "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>AskFirst: a redacted sample of a LinkedIn invitations page</title></head>\n<body>\n<!-- Written by AskFirst (askfirst redact). Names, headlines, notes, profile links, urn numbers and image URLs are placeholders of the same shape; LinkedIn's markup and labels are as they were. -->\n<main>\n",
    );
    let mut open: Option<&str> = None;
    for (root, ui) in card_roots(&doc) {
        let strangers = read_card_root(root, ui)
            .map(|inv| Strangers::of(&inv))
            .unwrap_or_default();
        // Legacy cards are list items: they stay in a list.
        let list = if root.value().name() == "li" {
            "ul"
        } else {
            "div"
        };
        if open != Some(list) {
            if let Some(l) = open {
                let _ = writeln!(out, "</{l}>");
            }
            out.push_str(if list == "ul" {
                "<ul>\n"
            } else {
                "<div role=\"list\">\n"
            });
            open = Some(list);
        }
        write_node(*root, &strangers, &mut out);
        out.push('\n');
    }
    if let Some(l) = open {
        let _ = writeln!(out, "</{l}>");
    }
    out.push_str("</main>\n</body></html>\n");
    out
}

/// What the reader read as a stranger's in one card.
#[derive(Default)]
struct Strangers {
    /// The fields' texts, whitespace squashed: a text node inside one is wholly theirs.
    fields: Vec<String>,
    /// Every word of those fields that is not one of LinkedIn's label words, folded:
    /// scrambled wherever it appears, in structure attributes too.
    words: HashSet<String>,
}

impl Strangers {
    fn of(inv: &Invitation) -> Self {
        let fields: Vec<String> = [
            Some(&inv.name),
            Some(&inv.first_name),
            inv.headline.as_ref(),
            inv.company.as_ref(),
            inv.note.as_ref(),
        ]
        .into_iter()
        .flatten()
        .map(|t| squash_whitespace(t))
        .filter(|t| t.chars().any(char::is_alphanumeric))
        .collect();
        let words = fields
            .iter()
            .flat_map(|f| tokens(f).filter(|t| t.word).map(|t| fold(t.text)))
            .filter(|w| !w.is_empty() && !labels::is_ui_word(w))
            .collect();
        Strangers { fields, words }
    }

    /// A text node that is part of a field: all of it is theirs.
    fn holds(&self, text: &str) -> bool {
        let t = squash_whitespace(text);
        t.chars().any(char::is_alphanumeric) && self.fields.iter().any(|f| f.contains(&t))
    }
}

fn write_node(node: ego_tree::NodeRef<Node>, s: &Strangers, out: &mut String) {
    match node.value() {
        Node::Text(t) => {
            let text: &str = t;
            let redacted = if s.holds(text) {
                scramble_all(text)
            } else {
                scramble_words(text, |w| !labels::is_ui_word(w), true)
            };
            out.push_str(&escape_text(&redacted));
        }
        Node::Element(el) => {
            let name = el.name();
            // Data islands and what a comment or a template holds are not the card.
            if matches!(name, "script" | "style" | "template" | "noscript") {
                return;
            }
            let _ = write!(out, "<{name}");
            for (attr, value) in el.attrs() {
                let _ = write!(
                    out,
                    " {attr}=\"{}\"",
                    escape_attr(&redact_attr(attr, value, s))
                );
            }
            out.push('>');
            if VOID.contains(&name) {
                return;
            }
            for child in node.children() {
                write_node(child, s, out);
            }
            let _ = write!(out, "</{name}>");
        }
        // Comments may carry data (JSON islands): left out, like the document's head.
        _ => {}
    }
}

fn redact_attr(attr: &str, value: &str, s: &Strangers) -> String {
    if URLS.contains(&attr) || value.contains("://") {
        return redact_url(value);
    }
    if value.contains("urn:li:") {
        return scramble_digits(value);
    }
    if WORDED.contains(&attr) {
        return scramble_words(value, |w| !labels::is_ui_word(w), true);
    }
    // Structure (classes, roles, view names, keys): kept, but never a stranger's word.
    scramble_words(value, |w| s.words.contains(w), false)
}

/// A URL with its scheme, host and first path segment (`in`, `company`, `events`…: the
/// kind of link) kept; every other path segment, the query values and the fragment
/// scrambled. A `srcset` is a list of URLs, each redacted.
fn redact_url(value: &str) -> String {
    if value.contains(", ") || value.contains(" 1x") || value.contains(" 2x") {
        return value
            .split(' ')
            .map(|part| {
                if part.contains('/') {
                    redact_url(part.trim_end_matches(','))
                        + if part.ends_with(',') { "," } else { "" }
                } else {
                    part.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ");
    }
    let (head, rest) = match value.find("://") {
        Some(at) => {
            let host_end = value[at + 3..]
                .find('/')
                .map_or(value.len(), |i| at + 3 + i);
            value.split_at(host_end)
        }
        None => ("", value),
    };
    let (path, tail) = rest.split_at(rest.find(['?', '#']).unwrap_or(rest.len()));
    let mut out = head.to_string();
    let mut first = true;
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        if segment.is_empty() {
            continue;
        }
        if first {
            out.push_str(segment);
            first = false;
        } else {
            out.push_str(&scramble_all(segment));
        }
    }
    // Query: names kept, values scrambled; the fragment scrambled.
    let mut in_value = false;
    for c in tail.chars() {
        match c {
            '?' | '&' => {
                in_value = false;
                out.push(c);
            }
            '=' => {
                in_value = true;
                out.push(c);
            }
            '#' => {
                in_value = true;
                out.push(c);
            }
            _ if in_value => out.push(scramble_char(c, 0x5eed ^ c as u64)),
            _ => out.push(c),
        }
    }
    out
}

/// Runs of three or more digits scrambled (urn numbers); the rest kept.
fn scramble_digits(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for t in tokens(value) {
        if t.text.chars().all(|c| c.is_ascii_digit()) && t.text.len() >= 3 {
            out.push_str(&scramble_token(t.text));
        } else {
            out.push_str(t.text);
        }
    }
    out
}

/// Every letter and digit scrambled.
fn scramble_all(text: &str) -> String {
    tokens(text)
        .map(|t| {
            if t.word {
                scramble_token(t.text)
            } else {
                t.text.to_string()
            }
        })
        .collect()
}

/// Words for which `theirs(folded word)` holds scrambled; numbers scrambled only when
/// `keep_numbers` is false (a mutual count or a time stays as LinkedIn wrote it). One-letter
/// words are kept (the "s" of "Ana’s").
fn scramble_words(text: &str, theirs: impl Fn(&str) -> bool, keep_numbers: bool) -> String {
    tokens(text)
        .map(|t| {
            let number = t.text.chars().all(|c| c.is_numeric());
            let keep = !t.word
                || t.text.chars().count() < 2
                || (number && keep_numbers)
                || (!number && !theirs(&fold(t.text)))
                || (number && !keep_numbers && !theirs(t.text));
            if keep {
                t.text.to_string()
            } else {
                scramble_token(t.text)
            }
        })
        .collect()
}

/// A piece of text: a run of letters, a run of digits, or a run of anything else.
struct Token<'a> {
    text: &'a str,
    word: bool,
}

#[derive(Debug, PartialEq, Clone, Copy)]
enum Class {
    Letter,
    Digit,
    Other,
}

fn class(c: char) -> Class {
    if c.is_alphabetic() || is_mark(c) {
        Class::Letter
    } else if c.is_numeric() {
        Class::Digit
    } else {
        Class::Other
    }
}

/// Combining marks stay with their letter (a word in Devanagari or a decomposed accent).
fn is_mark(c: char) -> bool {
    matches!(c as u32, 0x0300..=0x036F | 0x0900..=0x097F | 0x0E31..=0x0E3A | 0x0E47..=0x0E4E)
        && !c.is_alphabetic()
}

fn tokens(text: &str) -> impl Iterator<Item = Token<'_>> {
    let mut rest = text;
    std::iter::from_fn(move || {
        let first = rest.chars().next()?;
        let k = class(first);
        let end = rest
            .char_indices()
            .find(|&(_, c)| class(c) != k)
            .map_or(rest.len(), |(i, _)| i);
        let (t, r) = rest.split_at(end);
        rest = r;
        Some(Token {
            text: t,
            word: k != Class::Other,
        })
    })
}

/// The same token always gets the same placeholder (FNV-1a of its text seeds it).
fn scramble_token(token: &str) -> String {
    let mut seed: u64 = 0xcbf2_9ce4_8422_2325;
    for b in fold(token).bytes() {
        seed = (seed ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
    }
    token
        .chars()
        .enumerate()
        .map(|(i, c)| scramble_char(c, seed.wrapping_add(i as u64 * 0x9E37_79B9)))
        .collect()
}

/// A different character of the same kind: ASCII letters (any Latin letter) for Latin
/// letters of the same case, digits for digits, a letter of the same Unicode block
/// elsewhere (Cyrillic for Cyrillic, kana for kana…); anything else is kept.
fn scramble_char(c: char, seed: u64) -> char {
    let pick = |base: u8, n: u8, not: char| {
        let mut x = (base + (mix(seed) % u64::from(n)) as u8) as char;
        if x == not {
            x = (base + ((x as u8 - base + 1) % n)) as char;
        }
        x
    };
    if c.is_ascii_digit() {
        return pick(b'0', 10, c);
    }
    if !c.is_alphabetic() {
        return c;
    }
    let latin = (c as u32) < 0x0250 || (0x1E00..0x1F00).contains(&(c as u32));
    if latin {
        return if c.is_uppercase() {
            pick(b'A', 26, c)
        } else {
            pick(b'a', 26, c)
        };
    }
    // Same 128-code-point block, a letter of the same case, not `c`.
    let block = (c as u32) & !0x7F;
    let start = (mix(seed) % 128) as u32;
    for k in 0..128 {
        let cand = block + (start + k) % 128;
        if let Some(x) = char::from_u32(cand) {
            if x != c && x.is_alphabetic() && x.is_uppercase() == c.is_uppercase() {
                return x;
            }
        }
    }
    c
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x
}

fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_keep_the_shape_and_change_every_letter_and_digit() {
        for original in [
            "Ana Souza",
            "Øystein Ødegård",
            "Женя Петрова",
            "李小龍",
            "B2B SaaS 2026",
        ] {
            let p = scramble_all(original);
            assert_eq!(
                p.chars().count(),
                original.chars().count(),
                "{original} → {p}"
            );
            for (a, b) in original.chars().zip(p.chars()) {
                assert_eq!(class(a), class(b), "{original} → {p}");
                if class(a) != Class::Other {
                    assert_ne!(a, b, "{original} → {p}");
                    assert_eq!(a.is_uppercase(), b.is_uppercase(), "{original} → {p}");
                }
            }
        }
        // One word, one placeholder: a name in an aria-label matches the name shown.
        assert_eq!(scramble_token("Souza"), scramble_token("Souza"));
        assert_ne!(scramble_token("Souza"), scramble_token("Souzb"));
    }

    #[test]
    fn urls_keep_their_kind_and_lose_their_slug() {
        let r = redact_url("https://www.linkedin.com/in/ana-souza-42/?trk=people");
        assert!(r.starts_with("https://www.linkedin.com/in/"), "{r}");
        assert!(
            !r.contains("ana") && !r.contains("souza") && !r.contains("42"),
            "{r}"
        );
        assert_eq!(
            r.len(),
            "https://www.linkedin.com/in/ana-souza-42/?trk=people".len()
        );
        let img = redact_url("https://media.licdn.com/dms/image/v2/D4E/photo-100.jpg 100w");
        assert!(img.starts_with("https://media.licdn.com/dms/"), "{img}");
        assert!(!img.contains("D4E"), "{img}");
    }
}
