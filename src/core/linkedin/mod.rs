//! Reading LinkedIn markup: a saved invitations page, or one card's outerHTML sent by the
//! content script → `Invitation`s. Selectors live in `selectors` (one table), UI wording in
//! `labels`, the per-card structural reading in `card`. Pure: must not import
//! wasm-bindgen, web-sys or js-sys; the same code runs natively and in the extension.

pub mod card;
pub mod empty;
pub mod labels;
mod locate;
pub mod redact;
pub mod selectors;

pub mod live;
pub mod messaging;

use self::selectors::{attr, compiled, css_of, Role};
use crate::core::invitation::{Invitation, Locator, UiGeneration};
use scraper::{ElementRef, Html};
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
    /// outerHTML of each outermost match to `read_sent_card`, and the roots that answer
    /// names when the match wraps other card roots.
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
    read_document(&Html::parse_document(html))
}

/// Reads a page html5ever has already parsed (the benchmark times parsing and reading
/// apart with it).
pub fn read_document(doc: &Html) -> PageRead {
    read_roots(doc, card_roots(doc))
}

/// Reads the outerHTML of one card root, as sent by the content script. Locators in the
/// answer are relative to that card root.
pub fn read_card(html: &str) -> PageRead {
    read_document(&Html::parse_fragment(html))
}

/// What the outerHTML of one element the content script took for a card root holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SentCard {
    /// It is one card root (or holds none): what the reader read from it, locators
    /// relative to it.
    Read(PageRead),
    /// It wraps other card roots (a `pending-invitation` wrapper around several list
    /// items): where they are inside it, in page order, each to be sent on its own.
    Holds(Vec<Locator>),
}

/// Reads the outerHTML of one element the content script found with `card_roots`. The
/// nesting rule of `card_roots` (a fallback root wrapping preferred roots gives way to
/// them) lives only here: the content script sends the outermost match and, when the
/// answer says it holds other roots, sends those instead.
pub fn read_sent_card(html: &str) -> SentCard {
    let doc = Html::parse_fragment(html);
    let roots = card_roots(&doc);
    let top = doc.root_element().children().find_map(ElementRef::wrap);
    // Exactly the element sent (or nothing at all): read it as one card.
    let is_one_card = |top: ElementRef| roots.is_empty() || roots.len() == 1 && roots[0].0 == top;
    match top {
        Some(top) if !is_one_card(top) => {
            let rows = &compiled().rows;
            let holds = roots
                .iter()
                .filter_map(|(root, _)| {
                    let row = rows
                        .iter()
                        .find(|r| r.spec.role == Role::CardRoot && r.matches(root))?;
                    locate::locator_in(top, *root, row.spec.css, &row.sel)
                })
                .collect();
            SentCard::Holds(holds)
        }
        _ => SentCard::Read(read_roots(&doc, roots)),
    }
}

/// Card roots of the document in page order, each with its generation, in one pass. An
/// element inside a root already found is part of that card (its subtree is not searched
/// again); a fallback match that wraps a preferred match gives way to it.
fn card_roots(doc: &Html) -> Vec<(ElementRef<'_>, UiGeneration)> {
    let rows: Vec<_> = compiled()
        .rows
        .iter()
        .filter(|r| r.spec.role == Role::CardRoot)
        .collect();
    let mut roots: Vec<(ElementRef, UiGeneration)> = Vec::new();
    let top = doc.root_element();
    // Pre-order walk by hand, so that a root's subtree can be skipped.
    let mut next = Some(*top);
    while let Some(node) = next {
        let mut descend = true;
        if let Some(el) = ElementRef::wrap(node) {
            // A `hidden` element is not shown: nothing inside it is an invitation the user
            // sees (a stale copy LinkedIn keeps for an animation, issue #12).
            if attr(el.value(), "hidden").is_some() {
                descend = false;
            } else if let Some(row) = rows.iter().position(|r| r.matches(&el)) {
                let wraps_preferred = rows[..row]
                    .iter()
                    .any(|preferred| el.select(&preferred.sel).next().is_some());
                if !wraps_preferred {
                    roots.push((el, rows[row].spec.ui.unwrap_or(UiGeneration::Current)));
                    descend = false;
                }
            }
        }
        next = descend.then(|| node.first_child()).flatten().or_else(|| {
            // The next sibling of this node or of its nearest ancestor below `top`.
            let mut up = Some(node);
            while let Some(n) = up {
                if n.id() == top.id() {
                    return None;
                }
                if let Some(sibling) = n.next_sibling() {
                    return Some(sibling);
                }
                up = n.parent();
            }
            None
        });
    }
    roots
}

fn read_roots(doc: &Html, roots: Vec<(ElementRef<'_>, UiGeneration)>) -> PageRead {
    let mut out = PageRead::default();
    if roots.is_empty() {
        let container = compiled()
            .rows
            .iter()
            .filter(|r| r.spec.role == Role::ListContainer)
            .find(|r| doc.select(&r.sel).next().is_some());
        match container {
            Some(row) => {
                out.ui = row.spec.ui;
                out.diagnostics
                    .push(format!("the invitation list ({}) is empty", row.spec.css));
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
