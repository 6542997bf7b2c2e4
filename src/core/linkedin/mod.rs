//! Reading LinkedIn markup: every selector and label pattern for each UI generation and
//! language lives under this module, each paired with the fixtures that exercise it.
//! (Skeleton: the reader issue fills this in.)

pub mod messaging;

use crate::core::invitation::{Invitation, UiGeneration};
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
    /// Card roots, one selector per UI generation; the content script sends each match's
    /// outerHTML to `read_card`.
    pub card_roots: Vec<&'static str>,
}

pub fn page_selectors() -> PageSelectors {
    PageSelectors { card_roots: vec![] }
}

/// Reads a whole saved page.
pub fn read_page(_html: &str) -> PageRead {
    PageRead { diagnostics: vec!["reader not implemented".into()], ..PageRead::default() }
}

/// Reads the outerHTML of one card root, as sent by the content script.
pub fn read_card(html: &str) -> PageRead {
    read_page(html)
}
