//! Every CSS selector AskFirst uses on LinkedIn markup, in ONE table: what it finds, which UI
//! generation it is for, its fallbacks (listed in order of preference), and the fixtures
//! where it must match and how often (checked by `tests/reader.rs::selector_table_*`).
//! Pure data plus compiled `Selector`s; must not import wasm-bindgen, web-sys or js-sys.
//! Hashed class names (`_1a2b3c`) never appear here: they change with every LinkedIn build.

use crate::core::invitation::UiGeneration;
use scraper::Selector;
use std::sync::OnceLock;

/// What a selector is used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// The root element of one invitation card (the content script sends its outerHTML).
    CardRoot,
    /// The narrowest stable container of the invitation list (the content script observes it).
    ListContainer,
    /// Accept / Ignore (and Follow / Subscribe …) action controls of a card.
    Action,
    /// The inviter's profile link.
    PersonLink,
    /// A link to a company page, showcase, school, newsletter or event.
    EntityLink,
    /// The inviter's name inside the link.
    Name,
    /// Legacy UI BEM hooks.
    LegacyTitle,
    LegacySubtitle,
    LegacyMutual,
    LegacyNote,
    LegacyNoteLine,
}

/// One row of the selector table.
#[derive(Debug, Clone, Copy)]
pub struct SelectorSpec {
    pub role: Role,
    /// None: the selector is generation-neutral (used inside cards of both generations).
    pub ui: Option<UiGeneration>,
    pub css: &'static str,
    /// Why this selector, and when it is a fallback, what it falls back from.
    pub why: &'static str,
    /// (fixture file under tests/fixtures/linkedin/, exact match count in the whole page).
    pub fixtures: &'static [(&'static str, usize)],
}

/// The table. Within one role, rows are in fallback order: the first is preferred.
pub const SELECTORS: &[SelectorSpec] = &[
    // ---- card roots -------------------------------------------------------------------
    SelectorSpec {
        role: Role::CardRoot,
        ui: Some(UiGeneration::Current),
        css: r#"[role="listitem"][componentkey^="urn:li:invitation:"]"#,
        why:
            "current UI (2025-26): the list item carries the invitation urn; the most specific hook",
        fixtures: &[
            ("current-en.html", 12),
            ("current-fr.html", 3),
            ("current-de.html", 3),
            ("current-es.html", 3),
            ("current-pt.html", 3),
            ("current-it.html", 3),
            ("current-nl.html", 0),
            ("current-empty.html", 0),
            ("demo-invitations.html", 12),
            ("feed-unrelated.html", 0),
        ],
    },
    SelectorSpec {
        role: Role::CardRoot,
        ui: Some(UiGeneration::Current),
        css: r#"[data-view-name="pending-invitation"]"#,
        why: "current UI fallback: the card body's view name, for list items without componentkey \
              (seen on the /mynetwork/grow/ preview); ignored inside a card already found",
        fixtures: &[
            ("current-en.html", 12),
            ("current-nl.html", 3),
            ("current-empty.html", 0),
            ("feed-unrelated.html", 0),
        ],
    },
    SelectorSpec {
        role: Role::CardRoot,
        ui: Some(UiGeneration::Legacy),
        css: "li.invitation-card",
        why: "legacy Ember UI: BEM class on the list item",
        fixtures: &[
            ("legacy-en.html", 6),
            ("legacy-fr.html", 3),
            ("current-en.html", 0),
            ("feed-unrelated.html", 0),
        ],
    },
    // ---- list containers (for the content script's MutationObserver) --------------------
    SelectorSpec {
        role: Role::ListContainer,
        ui: Some(UiGeneration::Current),
        css: r#"[data-sdui-screen*="InvitationReceived"]"#,
        why: "current UI: the server-driven screen of /mynetwork/invitation-manager/received/",
        fixtures: &[
            ("current-en.html", 1),
            ("current-empty.html", 1),
            ("demo-invitations.html", 1),
        ],
    },
    SelectorSpec {
        role: Role::ListContainer,
        ui: Some(UiGeneration::Current),
        css: r#"[componentkey="MyNetwork_InvitationsPreview"]"#,
        why: "current UI: the invitations preview on /mynetwork/grow/",
        fixtures: &[("current-nl.html", 1), ("current-en.html", 0)],
    },
    SelectorSpec {
        role: Role::ListContainer,
        ui: Some(UiGeneration::Legacy),
        css: "ul.mn-invitation-list",
        why: "legacy Ember UI: the invitation list",
        fixtures: &[
            ("legacy-en.html", 1),
            ("legacy-fr.html", 1),
            ("current-en.html", 0),
        ],
    },
    // ---- inside a card ------------------------------------------------------------------
    SelectorSpec {
        role: Role::Action,
        ui: Some(UiGeneration::Current),
        css: r#"[data-view-name="invitation-action"]"#,
        why: "current UI: Ignore first, Accept second; on the <button>/<a> itself or on a \
              wrapper <div> around it (both shapes are seen)",
        fixtures: &[
            ("current-en.html", 24),
            ("current-nl.html", 6),
            ("demo-invitations.html", 24),
        ],
    },
    SelectorSpec {
        role: Role::Action,
        ui: Some(UiGeneration::Legacy),
        css: "button.invitation-card__action-btn",
        why: "legacy Ember UI: Ignore first, Accept second",
        fixtures: &[("legacy-en.html", 12), ("legacy-fr.html", 6)],
    },
    SelectorSpec {
        role: Role::PersonLink,
        ui: None,
        css: r#"a[href*="/in/"]"#,
        why:
            "both UIs: the inviter's profile link (photo and name); its href gives the profile URL",
        fixtures: &[("current-en.html", 24), ("legacy-en.html", 12)],
    },
    SelectorSpec {
        role: Role::EntityLink,
        ui: None,
        css: r#"a[href*="/company/"], a[href*="/showcase/"], a[href*="/school/"], a[href*="/newsletters/"], a[href*="/events/"]"#,
        why: "both UIs: page, newsletter and event invitations link to the thing, not to a person",
        fixtures: &[
            ("current-en.html", 6),
            ("legacy-en.html", 4),
            ("feed-unrelated.html", 0),
        ],
    },
    SelectorSpec {
        role: Role::Name,
        ui: None,
        css: "strong",
        why: "current UI: the name is the <strong> inside the inviter link",
        fixtures: &[("current-en.html", 18)],
    },
    SelectorSpec {
        role: Role::LegacyTitle,
        ui: Some(UiGeneration::Legacy),
        css: ".invitation-card__title",
        why: "legacy: the inviter's (or page's) name",
        fixtures: &[("legacy-en.html", 6)],
    },
    SelectorSpec {
        role: Role::LegacySubtitle,
        ui: Some(UiGeneration::Legacy),
        css: ".invitation-card__subtitle",
        why: "legacy: the headline, or the 'invited you to follow' line",
        fixtures: &[("legacy-en.html", 6)],
    },
    SelectorSpec {
        role: Role::LegacyMutual,
        ui: Some(UiGeneration::Legacy),
        css: ".member-insights__count",
        why: "legacy: the mutual-connection line",
        fixtures: &[("legacy-en.html", 3)],
    },
    SelectorSpec {
        role: Role::LegacyNote,
        ui: Some(UiGeneration::Legacy),
        css: ".invitation-card__custom-message",
        why: "legacy: the note container",
        fixtures: &[("legacy-en.html", 3)],
    },
    SelectorSpec {
        role: Role::LegacyNoteLine,
        ui: Some(UiGeneration::Legacy),
        css: "span.lt-line-clamp__line",
        why: "legacy: the note's lines inside the line clamp",
        fixtures: &[("legacy-en.html", 5)],
    },
];

/// The compiled table, built once. Parsing is checked by a unit test, so a typo in the
/// table fails the build's tests instead of failing silently on the page.
pub(crate) struct Compiled {
    pub rows: Vec<(SelectorSpec, Selector)>,
}

impl Compiled {
    /// The compiled selectors for a role and generation, in fallback order.
    pub fn of(&self, role: Role, ui: Option<UiGeneration>) -> impl Iterator<Item = &Selector> {
        self.rows
            .iter()
            .filter(move |(s, _)| s.role == role && (ui.is_none() || s.ui.is_none() || s.ui == ui))
            .map(|(_, sel)| sel)
    }

    pub fn first(&self, role: Role) -> &Selector {
        // The table has at least one row per role (unit test `every_role_has_a_row`).
        self.of(role, None)
            .next()
            .expect("selector table has a row for every role")
    }
}

pub(crate) fn compiled() -> &'static Compiled {
    static COMPILED: OnceLock<Compiled> = OnceLock::new();
    COMPILED.get_or_init(|| Compiled {
        rows: SELECTORS
            .iter()
            .filter_map(|spec| Selector::parse(spec.css).ok().map(|sel| (*spec, sel)))
            .collect(),
    })
}

/// The selectors of one role, as CSS text, in fallback order.
pub fn css_of(role: Role) -> Vec<&'static str> {
    SELECTORS
        .iter()
        .filter(|s| s.role == role)
        .map(|s| s.css)
        .collect()
}

/// Parses a selector that is a compile-time constant of this module (locators, helpers).
pub(crate) fn constant(css: &'static str) -> Selector {
    Selector::parse(css).expect("constant selector parses (checked by unit tests)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_selector_parses() {
        for spec in SELECTORS {
            assert!(
                Selector::parse(spec.css).is_ok(),
                "selector does not parse: {}",
                spec.css
            );
        }
        assert_eq!(compiled().rows.len(), SELECTORS.len());
    }

    #[test]
    fn every_role_has_a_row_and_no_hashed_class() {
        for role in [
            Role::CardRoot,
            Role::ListContainer,
            Role::Action,
            Role::PersonLink,
            Role::EntityLink,
            Role::Name,
            Role::LegacyTitle,
            Role::LegacySubtitle,
            Role::LegacyMutual,
            Role::LegacyNote,
            Role::LegacyNoteLine,
        ] {
            assert!(!css_of(role).is_empty(), "{role:?} has no selector");
        }
        for spec in SELECTORS {
            assert!(!spec.css.contains("._"), "hashed class in {}", spec.css);
            assert!(!spec.fixtures.is_empty(), "{} names no fixture", spec.css);
        }
    }
}
