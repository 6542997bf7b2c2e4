//! How much reading a piece of page HTML may cost, told before it is parsed (issue #13,
//! finding 5: one 4 MB message of deeply nested elements, inside every size cap, took
//! 23.6 s to parse and read, and a page that kept sending such threads left the
//! background unanswering for minutes). Pure: must not import wasm-bindgen, web-sys or
//! js-sys; time is passed in.
//!
//! [`scan`] walks the text once, without building anything, counting elements and the
//! nesting depth the way a browser serialises them (`outerHTML`: every element closed,
//! void elements never). Its work is one step per byte at most, so a hostile page pays
//! for its own bytes and nothing more. What is deeper than [`MAX_DEPTH`] or holds more
//! elements than its cap is not parsed: the caller answers it as unread with the
//! diagnostic, and LinkedIn keeps working. [`TabWork`] caps the elements one tab may have
//! read in a window of time, so one tab cannot keep the engine from the others.

/// Deepest nesting read. LinkedIn's cards are ~15 deep as sent, whole pages ~40.
pub const MAX_DEPTH: usize = 128;
/// Elements in one card (LinkedIn's are 100–400).
pub const MAX_CARD_ELEMENTS: usize = 4_000;
/// Elements in all the cards of one message (200 cards of LinkedIn's size fit).
pub const MAX_MESSAGE_ELEMENTS: usize = 100_000;
/// Elements in one messaging thread's HTML (a thread of ~2,000 messages).
pub const MAX_THREAD_ELEMENTS: usize = 50_000;
/// Elements one tab may have read per [`TAB_WINDOW_MS`]: some twenty full messages.
pub const MAX_TAB_ELEMENTS_PER_WINDOW: usize = 2_000_000;
pub const TAB_WINDOW_MS: u64 = 10_000;

/// What [`scan`] found.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Shape {
    pub elements: usize,
    pub max_depth: usize,
    /// Steps the scan took (each looks at one byte, at most once).
    pub work: usize,
}

/// Elements a browser never closes.
const VOID: [&str; 14] = [
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];
/// Elements whose content is text up to their closing tag.
const RAW_TEXT: [&str; 6] = ["script", "style", "textarea", "title", "xmp", "noscript"];

/// Counts elements and depth in one pass; stops early, with what it counted so far, as
/// soon as the depth passes `max_depth` or the elements pass `max_elements`.
pub fn scan(html: &str, max_depth: usize, max_elements: usize) -> Shape {
    let b = html.as_bytes();
    let mut shape = Shape::default();
    let mut depth = 0usize;
    let mut i = 0;
    while i < b.len() {
        shape.work += 1;
        if b[i] != b'<' {
            i += 1;
            continue;
        }
        let next = b.get(i + 1).copied().unwrap_or(0);
        if next == b'!' || next == b'?' {
            // Comment, doctype, CDATA: to the end of a comment, else to the next `>`.
            let end = if b[i..].starts_with(b"<!--") {
                find(b, i + 4, b"-->").map(|e| e + 3)
            } else {
                find(b, i + 2, b">").map(|e| e + 1)
            };
            let end = end.unwrap_or(b.len());
            shape.work += end - i - 1;
            i = end;
            continue;
        }
        let closing = next == b'/';
        let name_start = i + 1 + usize::from(closing);
        let name_end = name_start
            + b[name_start..]
                .iter()
                .take_while(|c| c.is_ascii_alphanumeric() || **c == b'-' || **c == b':')
                .count();
        if name_end == name_start || !b[name_start].is_ascii_alphabetic() {
            i += 1; // a lone `<` in text
            continue;
        }
        let tag_end = tag_end(b, name_end);
        shape.work += tag_end - i - 1;
        let name = html[name_start..name_end].to_ascii_lowercase();
        let self_closing = tag_end >= 2 && b[tag_end - 2] == b'/';
        i = tag_end;
        if closing {
            depth = depth.saturating_sub(1);
            continue;
        }
        shape.elements += 1;
        if VOID.contains(&name.as_str()) || self_closing {
            continue;
        }
        depth += 1;
        shape.max_depth = shape.max_depth.max(depth);
        if depth > max_depth || shape.elements > max_elements {
            return shape;
        }
        if RAW_TEXT.contains(&name.as_str()) {
            // Its text is not markup: skip to `</name`, case-insensitively.
            let close = format!("</{name}");
            let end = find_ascii_ci(b, i, close.as_bytes()).unwrap_or(b.len());
            shape.work += end - i;
            i = end;
        }
    }
    shape
}

/// The index just past the `>` that ends a tag whose name ends at `from` (quotes in
/// attribute values may hold `>`).
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut j = from;
    while j < b.len() {
        match (quote, b[j]) {
            (None, b'"' | b'\'') => quote = Some(b[j]),
            (Some(q), c) if c == q => quote = None,
            (None, b'>') => return j + 1,
            _ => {}
        }
        j += 1;
    }
    b.len()
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn find_ascii_ci(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    b.get(from..)?
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
        .map(|p| p + from)
}

/// Whether HTML with this many elements at most may be read: its shape, or why not.
pub fn check(html: &str, max_elements: usize) -> Result<Shape, String> {
    let shape = scan(html, MAX_DEPTH, max_elements);
    if shape.max_depth > MAX_DEPTH {
        return Err(format!(
            "nested more than {MAX_DEPTH} elements deep: not read"
        ));
    }
    if shape.elements > max_elements {
        return Err(format!("more than {max_elements} elements: not read"));
    }
    Ok(shape)
}

/// The elements one tab has had read in the current window.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TabWork {
    /// None until the tab's first read.
    window_start: Option<u64>,
    elements: usize,
}

impl TabWork {
    /// Takes `elements` from the tab's allowance at `now`; false when the window's
    /// allowance is spent (the caller does not read, and says why).
    pub fn admit(&mut self, now: u64, elements: usize) -> bool {
        let fresh = self
            .window_start
            .is_none_or(|start| now < start || now - start >= TAB_WINDOW_MS);
        if fresh {
            *self = TabWork {
                window_start: Some(now),
                elements: 0,
            };
        }
        if self.elements.saturating_add(elements) > MAX_TAB_ELEMENTS_PER_WINDOW {
            return false;
        }
        self.elements += elements;
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_like_a_browser_serialises() {
        let s = scan(
            "<!-- <div><div> --><div class=\"a>b\"><p>x<br>y<img src=x></p><script>if (a<b) '<div>'</script>\
             <svg><path/></svg><textarea><div><div></textarea></div>",
            MAX_DEPTH,
            usize::MAX,
        );
        assert_eq!(
            (s.elements, s.max_depth),
            (8, 2),
            "div p br img script svg path textarea; div > p, script, svg, textarea"
        );
        assert_eq!(scan("a < b and <3", 10, 10).elements, 0);
        assert_eq!(scan("", 10, 10), Shape::default());
    }

    #[test]
    fn nesting_and_size_over_the_caps_are_refused_in_linear_work() {
        for n in [MAX_DEPTH + 1, 10_000, 400_000] {
            let html = format!("{}x{}", "<div>".repeat(n), "</div>".repeat(n));
            let err = check(&html, usize::MAX).unwrap_err();
            assert!(err.contains("deep"), "{err}");
            // It stopped at the first element too deep: its work is that prefix.
            let s = scan(&html, MAX_DEPTH, usize::MAX);
            assert!(s.work <= (MAX_DEPTH + 1) * 5, "{n}: {s:?}");
        }
        let flat = "<span>x</span>".repeat(MAX_CARD_ELEMENTS + 1);
        assert!(check(&flat, MAX_CARD_ELEMENTS)
            .unwrap_err()
            .contains("elements"));
        let ok = "<span>x</span>".repeat(MAX_CARD_ELEMENTS);
        let s = check(&ok, MAX_CARD_ELEMENTS).unwrap();
        assert!(s.work <= ok.len(), "one step per byte at most: {s:?}");
        // Unclosed quotes, comments and raw text end at the end, still linear.
        for tail in ["<div a=\"", "<!--", "<script>", "<!doctype"] {
            let html = format!("{tail}{}", "<div>".repeat(100_000));
            let s = scan(&html, MAX_DEPTH, usize::MAX);
            assert!(s.work <= html.len(), "{tail}: {s:?}");
        }
    }

    #[test]
    fn a_tab_has_an_allowance_per_window() {
        let mut w = TabWork::default();
        assert!(w.admit(1_000, MAX_TAB_ELEMENTS_PER_WINDOW));
        assert!(!w.admit(1_001, 1));
        assert!(!w.admit(1_000 + TAB_WINDOW_MS - 1, 1));
        assert!(w.admit(1_000 + TAB_WINDOW_MS, 1));
        // A clock set back starts a new window rather than locking the tab out.
        assert!(w.admit(5, 1));
    }
}
