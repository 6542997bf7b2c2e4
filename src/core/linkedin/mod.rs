//! Reading LinkedIn markup: a saved invitations page, or one card's outerHTML sent by the
//! content script → `Invitation`s. Selectors live in `selectors` (one table), UI wording in
//! `labels`, the per-card structural reading in `card`. Pure: must not import
//! wasm-bindgen, web-sys or js-sys; the same code runs natively and in the extension.

pub mod card;
pub mod labels;
pub mod selectors;

pub mod live;

use crate::core::invitation::{Invitation, UiGeneration};
use scraper::{ElementRef, Html};
use selectors::{compiled, css_of, Role};
use serde::Serialize;

/// What reading a page (or one card) produced.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct PageRead {
    /// Every invitation found, person or not, in page order.
    pub invitations: Vec<Invitation>,
    /// The UI generation recognised, if any.
    pub ui: Option<UiGeneration>,
    /// What was looked for and not found, for the user and for bug reports.
    pub diagnostics: Vec<String>,
}

/// Selectors the content script needs, so that it holds no LinkedIn knowledge itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PageSelectors {
    /// Card roots in fallback order (current UI, then legacy); the content script sends the
    /// outerHTML of each match to `read_card`, skipping a match inside another match.
    pub card_roots: Vec<&'static str>,
    /// The narrowest stable containers of the invitation list, in order of preference: the
    /// element to observe for cards that load later. When none matches, observe the body.
    pub list_containers: Vec<&'static str>,
}

pub fn page_selectors() -> PageSelectors {
    PageSelectors {
        card_roots: css_of(Role::CardRoot),
        list_containers: css_of(Role::ListContainer),
    }
}

/// Reads a whole saved page.
pub fn read_page(html: &str) -> PageRead {
    let doc = Html::parse_document(html);
    read_under(doc.root_element())
}

/// Reads the outerHTML of one card root, as sent by the content script. Locators in the
/// answer are relative to that card root.
pub fn read_card(html: &str) -> PageRead {
    let doc = Html::parse_fragment(html);
    read_under(doc.root_element())
}

/// Reads the outerHTML of many card roots at once, answering exactly as `read_card` on
/// each. Setting up html5ever costs more than parsing one card, so the cards are parsed as
/// one fragment; a card's answer comes from that shared parse only when its own subtree
/// there serialises back to exactly the markup sent (the live DOM's outerHTML round-trips).
/// A malformed or forged card (an unclosed comment or element, misnested formatting that
/// the parser would carry into the next card) therefore cannot change another card's
/// answer: any card whose subtree differs, or every card when the fragment does not split
/// into one top-level element per card, is parsed on its own instead.
pub fn read_cards(htmls: &[&str]) -> Vec<PageRead> {
    if htmls.len() < 2 {
        return htmls.iter().map(|h| read_card(h)).collect();
    }
    let doc = Html::parse_fragment(&htmls.concat());
    let tops: Vec<_> = doc.root_element().children().collect();
    let split = tops.len() == htmls.len() && tops.iter().all(|n| n.value().is_element());
    if !split {
        return htmls.iter().map(|h| read_card(h)).collect();
    }
    tops.into_iter()
        .zip(htmls)
        .map(|(node, html)| match ElementRef::wrap(node) {
            Some(el) if el.html() == *html => read_under(el),
            _ => read_card(html),
        })
        .collect()
}

/// Card roots among `root` and its descendants, in page order, each with its generation,
/// in one pass. An element inside a root already found is part of that card; a fallback
/// match that wraps a preferred match gives way to it.
fn card_roots(root: ElementRef<'_>) -> Vec<(ElementRef<'_>, UiGeneration)> {
    let rows: Vec<_> = compiled()
        .rows
        .iter()
        .filter(|(s, _)| s.role == Role::CardRoot)
        .collect();
    let mut roots: Vec<(ElementRef, UiGeneration)> = Vec::new();
    for node in root.descendants() {
        let Some(el) = ElementRef::wrap(node) else {
            continue;
        };
        let Some(row) = rows.iter().position(|(_, sel)| sel.matches(&el)) else {
            continue;
        };
        // Roots are disjoint, so in document order only the latest can contain this one.
        if roots
            .last()
            .is_some_and(|(last, _)| el.ancestors().any(|a| a.id() == last.id()))
        {
            continue;
        }
        if rows[..row]
            .iter()
            .any(|(_, preferred)| el.select(preferred).next().is_some())
        {
            continue;
        }
        roots.push((el, rows[row].0.ui.unwrap_or(UiGeneration::Current)));
    }
    roots
}

/// Reads `root` and its subtree: the document's root element for a page or a lone card,
/// one card's element for a batch.
fn read_under(root: ElementRef<'_>) -> PageRead {
    let mut out = PageRead::default();
    let roots = card_roots(root);
    if roots.is_empty() {
        let container = compiled()
            .rows
            .iter()
            .filter(|(s, _)| s.role == Role::ListContainer)
            .find(|(_, sel)| {
                root.descendants()
                    .filter_map(ElementRef::wrap)
                    .any(|e| sel.matches(&e))
            });
        match container {
            Some((spec, _)) => {
                out.ui = spec.ui;
                out.diagnostics
                    .push(format!("the invitation list ({}) is empty", spec.css));
            }
            None => out.diagnostics.push(format!(
                "no LinkedIn invitation cards found: looked for {}",
                css_of(Role::CardRoot).join(" | ")
            )),
        }
        return out;
    }
    for (i, (root, ui)) in roots.iter().enumerate() {
        out.ui.get_or_insert(*ui);
        match card::read_card_root(*root, *ui) {
            Ok(inv) => out.invitations.push(inv),
            Err(e) => out
                .diagnostics
                .push(format!("card {} ({:?} UI) skipped: {e}", i + 1, ui)),
        }
    }
    if out.invitations.is_empty() {
        out.diagnostics.push(format!(
            "{} card root(s) found but none could be read",
            roots.len()
        ));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The fixture's card roots as the content script sends them (outerHTML).
    fn fixture_cards(name: &str) -> Vec<String> {
        let path = format!(
            "{}/tests/fixtures/linkedin/{name}",
            env!("CARGO_MANIFEST_DIR")
        );
        let page = std::fs::read_to_string(path).expect("fixture");
        let doc = Html::parse_document(&page);
        card_roots(doc.root_element())
            .iter()
            .map(|(el, _)| el.html())
            .collect()
    }

    fn one_by_one(cards: &[&str]) -> Vec<PageRead> {
        cards.iter().map(|c| read_card(c)).collect()
    }

    #[test]
    fn a_batch_reads_every_card_as_alone() {
        for name in ["current-en.html", "current-fr.html", "current-nl.html", "legacy-en.html"] {
            let cards = fixture_cards(name);
            assert!(cards.len() >= 3, "{name} has cards");
            let refs: Vec<&str> = cards.iter().map(String::as_str).collect();
            let batch = read_cards(&refs);
            assert_eq!(batch, one_by_one(&refs), "{name}");
            assert!(batch.iter().all(|r| r.invitations.len() == 1), "{name}");
        }
    }

    #[test]
    fn a_malformed_card_cannot_change_the_next_cards_answer() {
        let cards = fixture_cards("current-en.html");
        let good = &cards[1];
        // Each forgery leaves the parser in a state that would swallow or reshape what
        // follows: an open comment, raw text, an unclosed element, a formatting element
        // that html5ever reconstructs inside the next card, a stray end tag, text.
        let forged = [
            format!("{}<!--", cards[0]),
            format!("<div>{}", cards[0]),
            format!("<b>{}", cards[0]),
            format!("{}<a href=\"/in/mallory/\"><strong>Mallory</strong>", cards[0]),
            format!("{}</div></div>", cards[0]),
            // Balanced at the top level, but the <a> stays among the active formatting
            // elements and is reopened around the next card's first text: that card would
            // become an invitation to follow a company page.
            r#"<div role="listitem"><a href="/company/evil/"></div>"#.to_string(),
            format!("<textarea>{}", cards[0]),
            format!("<table>{}", cards[0]),
            "plain text, no card".to_string(),
            String::new(),
            format!("{}{}", cards[0], cards[2]),
        ];
        for bad in &forged {
            let refs = [cards[2].as_str(), bad.as_str(), good.as_str(), cards[3].as_str()];
            let batch = read_cards(&refs);
            assert_eq!(batch.len(), refs.len());
            assert_eq!(batch, one_by_one(&refs), "after {bad:.60}");
        }
    }
}
