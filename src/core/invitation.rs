//! The Invitation model: what the reader extracts from one invitation card, independent of
//! LinkedIn's UI generation. Pure data; no parsing here.

use serde::{Deserialize, Serialize};

/// What the invitation is for. Only `Person` invitations are ever planned or badged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum InvitationKind {
    Person,
    Page,
    Newsletter,
    Event,
}

/// Which LinkedIn front end produced the markup.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum UiGeneration {
    /// Server-driven React UI (2025–26): hashed classes, `componentkey`, `data-view-name`.
    Current,
    /// Ember UI: `li.invitation-card` and BEM class names.
    Legacy,
}

/// How the content script finds one control inside the live card root: the `index`-th
/// element (0-based, document order) matching `selector` within the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locator {
    pub selector: String,
    pub index: usize,
}

/// The controls the card offers, located for the content script.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Controls {
    pub accept: Option<Locator>,
    pub ignore: Option<Locator>,
    /// LinkedIn's "Reply to <first name>" control; present only on invitations with a note.
    pub reply: Option<Locator>,
    /// A free "Message" button on the card, when LinkedIn offers one.
    pub message: Option<Locator>,
}

/// One invitation as read from the page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub kind: InvitationKind,
    pub ui: UiGeneration,
    /// Full name as shown (for non-person invitations: the page/newsletter/event name).
    pub name: String,
    /// LinkedIn's own "Reply to <first name>" when the card has one, else the first word of
    /// the name (honorifics and emoji skipped). Non-person invitations: the name again.
    pub first_name: String,
    /// Absolute `https://www.linkedin.com/in/…/` URL, query and fragment removed. Always
    /// None for non-person invitations (their `key()` falls back to the urn).
    pub profile_url: Option<String>,
    /// `urn:li:invitation:…` when the markup carries it.
    pub invitation_urn: Option<String>,
    pub headline: Option<String>,
    /// Company, when the headline names one ("… at Acme", "… chez Acme", "… bei Acme").
    pub company: Option<String>,
    /// The note exactly as written, without "see more/less" or "Reply to …" chrome.
    pub note: Option<String>,
    /// 0 when the card shows no mutual-connection line.
    pub mutual_connections: u32,
    pub follows_you: bool,
    pub controls: Controls,
}

impl Invitation {
    /// A stable key for the ledger: the profile URL when known, else the invitation urn,
    /// else the name (last resort; the ledger marks such keys as weak).
    pub fn key(&self) -> String {
        self.profile_url
            .clone()
            .or_else(|| self.invitation_urn.clone())
            .unwrap_or_else(|| format!("name:{}", self.name))
    }

    pub fn has_reply_control(&self) -> bool {
        self.controls.reply.is_some()
    }
}
