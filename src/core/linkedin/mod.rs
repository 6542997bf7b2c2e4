//! Reading LinkedIn markup: a saved invitations page, or one card's outerHTML sent by the
//! content script → `Invitation`s. Selectors live in `selectors` (one table), UI wording in
//! `labels`, the per-card structural reading in `card`. Pure: must not import
//! wasm-bindgen, web-sys or js-sys; the same code runs natively and in the extension.

pub mod card;
pub mod labels;
pub mod selectors;

pub mod messaging;
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
    read(&Html::parse_document(html))
}

/// Reads the outerHTML of one card root, as sent by the content script. Locators in the
/// answer are relative to that card root.
pub fn read_card(html: &str) -> PageRead {
    read(&Html::parse_fragment(html))
}

/// Card roots of the document in page order, each with its generation, in one pass. An
/// element inside a root already found is part of that card; a fallback match that wraps a
/// preferred match gives way to it.
fn card_roots(doc: &Html) -> Vec<(ElementRef<'_>, UiGeneration)> {
    let rows: Vec<_> = compiled()
        .rows
        .iter()
        .filter(|(s, _)| s.role == Role::CardRoot)
        .collect();
    let mut roots: Vec<(ElementRef, UiGeneration)> = Vec::new();
    for node in doc.root_element().descendants() {
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

fn read(doc: &Html) -> PageRead {
    let mut out = PageRead::default();
    let roots = card_roots(doc);
    if roots.is_empty() {
        let container = compiled()
            .rows
            .iter()
            .filter(|(s, _)| s.role == Role::ListContainer)
            .find(|(_, sel)| doc.select(sel).next().is_some());
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
