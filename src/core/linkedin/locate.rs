//! Locators: how the content script finds a control the reader read inside the live card
//! (a selector, the control's index among its matches, and how many there are, which is the
//! content script's check that its DOM is the one read). Candidates in order of
//! preference: the selector table's action hooks, the clickables inside a wrapper hook,
//! then generic element selectors; never hashed classes. Pure: no wasm imports.

use crate::core::invitation::Locator;
use crate::core::linkedin::selectors::{css_of, Role};
use scraper::{ElementRef, Selector};
use std::sync::OnceLock;

/// The action hooks found, with their row's CSS.
pub(super) type Hooks<'k, 'a> = Option<(&'static str, &'k [ElementRef<'a>])>;

/// Generic selectors for locators, after the table's action hooks (see `helpers`).
const GENERIC_LOCATORS: &[&str] = &[
    "button[aria-label]",
    "a[aria-label]",
    "button",
    "a",
    r#"[role="button"]"#,
];

struct Candidate {
    css: String,
    sel: Selector,
    /// Matches only clickable elements (its subject is a button, a link or
    /// role=button), so its matches in a card can be counted among the card's clickables.
    clickable_only: bool,
}

struct Helpers {
    /// Candidate selectors for locators, in order of preference: the table's action hooks,
    /// the clickable elements inside a wrapper hook, then generic element selectors. Never
    /// hashed classes.
    locator_candidates: Vec<Candidate>,
}

fn helpers() -> &'static Helpers {
    static H: OnceLock<Helpers> = OnceLock::new();
    H.get_or_init(|| {
        let hooks = css_of(Role::Action);
        // (css, clickable_only): a hook may be a wrapper; everything after ends in a button,
        // a link or role=button.
        let mut candidates: Vec<(String, bool)> =
            hooks.iter().map(|h| ((*h).to_string(), false)).collect();
        for hook in &hooks {
            candidates.push((format!("{hook} button"), true));
            candidates.push((format!("{hook} a"), true));
        }
        candidates.extend(GENERIC_LOCATORS.iter().map(|g| ((*g).to_string(), true)));
        Helpers {
            // Every candidate parses: the table's rows are checked by `every_selector_parses`
            // and the suffixes are plain descendant combinators.
            locator_candidates: candidates
                .into_iter()
                .filter_map(|(css, clickable_only)| {
                    Selector::parse(&css).ok().map(|sel| Candidate {
                        css,
                        sel,
                        clickable_only,
                    })
                })
                .collect(),
        }
    })
}

/// What the reader already knows of a card, so that locating a control walks no more of it:
/// the action hooks found (and their row's CSS), and every clickable element, in document
/// order.
pub(super) struct Known<'k, 'a> {
    pub(super) hooks: Hooks<'k, 'a>,
    pub(super) clickables: &'k [(usize, ElementRef<'a>)],
}

/// How the content script finds `target` inside the live card: the first candidate
/// selector that matches it, with its index among the card's matches and how many
/// matches there are (the content script's check that its DOM is the one read here).
pub(super) fn locate(card: ElementRef, target: ElementRef, known: &Known) -> Option<Locator> {
    helpers().locator_candidates.iter().find_map(|c| {
        // Matching the target alone is cheap; count its index only for a selector that fits.
        if !c.sel.matches(&target) {
            return None;
        }
        match known.hooks {
            Some((css, hooks)) if css == c.css => {
                locator_among(hooks.iter().copied(), target, &c.css)
            }
            _ if c.clickable_only => locator_among(
                known
                    .clickables
                    .iter()
                    .map(|&(_, e)| e)
                    .filter(|e| c.sel.matches(e)),
                target,
                &c.css,
            ),
            _ => locator_in(card, target, &c.css, &c.sel),
        }
    })
}

/// `target`'s place among the matches of `sel` (spelled `css`) inside `within`.
pub(crate) fn locator_in(
    within: ElementRef,
    target: ElementRef,
    css: &str,
    sel: &Selector,
) -> Option<Locator> {
    locator_among(within.select(sel), target, css)
}

/// `target`'s place among `matches` (all the matches of `css`, in document order).
fn locator_among<'a>(
    matches: impl Iterator<Item = ElementRef<'a>>,
    target: ElementRef<'a>,
    css: &str,
) -> Option<Locator> {
    let mut index = None;
    let mut count = 0;
    for e in matches {
        if e == target {
            index = Some(count);
        }
        count += 1;
    }
    index.map(|index| Locator {
        selector: css.to_string(),
        index,
        count,
    })
}
