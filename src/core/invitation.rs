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
///
/// The engine sees html5ever's re-parse of the card's outerHTML, which can differ from the
/// live DOM React built (a `<div>` inside a `<p>` is moved out by the parser), shifting
/// indexes. `count` is how many elements matched `selector` in the card the engine read:
/// the content script uses the locator only when the live card has exactly as many, and
/// otherwise treats the control as not found (no guard: fail-open).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Locator {
    pub selector: String,
    pub index: usize,
    pub count: usize,
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

/// The prefix of a weak key (`name:<name>`): two people can share a name.
pub const WEAK_KEY_PREFIX: &str = "name:";

/// True for a key that names one invitation (profile URL or urn), false for a weak
/// `name:` key.
pub fn is_strong_key(key: &str) -> bool {
    // On the key as the ledger will store it: " name:Bob" is a name key too.
    let key = key.trim_start();
    !key.is_empty() && !key.starts_with(WEAK_KEY_PREFIX)
}

impl Invitation {
    /// A stable key for the ledger: the profile URL when known, else the invitation urn,
    /// else the name (last resort; the ledger marks such keys as weak).
    pub fn key(&self) -> String {
        self.strong_key()
            .unwrap_or_else(|| format!("{WEAK_KEY_PREFIX}{}", self.name))
    }

    /// The key when it names this one invitation (profile URL, else urn); None when only
    /// the name is known. Anything that must not spread to a namesake (a "this one is
    /// fine" override) uses only this key.
    pub fn strong_key(&self) -> Option<String> {
        self.profile_url
            .clone()
            .or_else(|| self.invitation_urn.clone())
    }
}
