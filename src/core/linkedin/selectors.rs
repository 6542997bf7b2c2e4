//! Every CSS selector AskFirst uses on LinkedIn markup, in ONE table: what it finds, which UI
//! generation it is for, its fallbacks (listed in order of preference), and the fixtures
//! where it must match and how often (checked by `tests/reader.rs::selector_table_*`).
//! Pure data plus compiled `Selector`s; must not import wasm-bindgen, web-sys or js-sys.
//! Hashed class names (`_1a2b3c`) never appear here: they change with every LinkedIn build.

use crate::core::invitation::UiGeneration;
use scraper::{ElementRef, Selector};
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

/// One compiled row of the table.
pub(crate) struct Row {
    pub spec: SelectorSpec,
    pub sel: Selector,
    pub pre: Prefilter,
}

impl Row {
    /// Whether the element matches the row's selector, rejecting most elements by the
    /// prefilter before the full match.
    pub fn matches(&self, el: &ElementRef) -> bool {
        self.pre.may_match(el.value()) && self.sel.matches(el)
    }
}

/// A necessary condition for a selector to match an element, read from the parsed selector
/// itself: for each comma-separated part, the tag its subject must have (when it names one)
/// and the attributes its subject is tested for. Checking it costs a few nanoseconds, where
/// a full match costs ~25 ns per part, and most elements of a card fail it.
#[derive(Debug, Default)]
pub(crate) struct Prefilter {
    /// (tag, attributes) per part; empty when the selector could not be read (then every
    /// element may match).
    parts: Vec<(Option<String>, Vec<String>)>,
}

impl Prefilter {
    pub fn of(css: &str) -> Prefilter {
        use ::selectors::parser::{Component, ParseRelative, SelectorList};
        let mut parser = cssparser::Parser::new(css);
        let Ok(list) =
            SelectorList::parse(&scraper::selector::Parser, &mut parser, ParseRelative::No)
        else {
            return Prefilter::default();
        };
        let parts = list
            .slice()
            .iter()
            .map(|sel| {
                let mut tag = None;
                let mut attrs = Vec::new();
                // `iter` yields the subject's compound only (it stops at the first
                // combinator); every simple selector there must hold for the subject.
                for c in sel.iter() {
                    match c {
                        Component::LocalName(l) => tag = Some(l.lower_name.0.to_string()),
                        Component::AttributeInNoNamespaceExists {
                            local_name_lower, ..
                        } => attrs.push(local_name_lower.0.to_string()),
                        Component::AttributeInNoNamespace { local_name, .. } => {
                            attrs.push(local_name.0.to_string())
                        }
                        Component::Class(_) => attrs.push("class".to_string()),
                        Component::ID(_) => attrs.push("id".to_string()),
                        _ => {}
                    }
                }
                (tag, attrs)
            })
            .collect();
        Prefilter { parts }
    }

    pub fn may_match(&self, el: &scraper::node::Element) -> bool {
        self.parts.is_empty()
            || self.parts.iter().any(|(tag, attrs)| {
                tag.as_deref().is_none_or(|t| t == el.name())
                    && attrs.iter().all(|a| attr(el, a).is_some())
            })
    }
}

/// An attribute's value by name, comparing names as text: scraper's `Element::attr` interns
/// the name it is given on every call, which is most of the cost of a lookup.
pub(crate) fn attr<'a>(el: &'a scraper::node::Element, name: &str) -> Option<&'a str> {
    el.attrs().find(|(n, _)| *n == name).map(|(_, v)| v)
}

/// The compiled table, built once. Parsing is checked by a unit test, so a typo in the
/// table fails the build's tests instead of failing silently on the page.
pub(crate) struct Compiled {
    pub rows: Vec<Row>,
}

impl Compiled {
    /// The compiled rows for a role and generation, in fallback order.
    pub fn of(&self, role: Role, ui: Option<UiGeneration>) -> impl Iterator<Item = &Row> {
        self.rows.iter().filter(move |r| {
            r.spec.role == role && (ui.is_none() || r.spec.ui.is_none() || r.spec.ui == ui)
        })
    }

    pub fn first(&self, role: Role) -> &Row {
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
            .filter_map(|spec| {
                Selector::parse(spec.css).ok().map(|sel| Row {
                    spec: *spec,
                    sel,
                    pre: Prefilter::of(spec.css),
                })
            })
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

/// Parses a selector that is a compile-time constant (the unit tests' probes).
#[cfg(test)]
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
    fn prefilters_are_read_from_every_row_and_never_reject_a_match() {
        for row in &compiled().rows {
            assert!(
                !row.pre.parts.is_empty(),
                "no prefilter read from {}",
                row.spec.css
            );
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/linkedin");
        let mut checked = 0;
        for entry in std::fs::read_dir(dir).expect("fixtures") {
            let html = std::fs::read_to_string(entry.expect("entry").path()).expect("fixture");
            let doc = scraper::Html::parse_document(&html);
            for row in &compiled().rows {
                for el in doc.select(&row.sel) {
                    assert!(
                        row.pre.may_match(el.value()),
                        "{} rejects a match",
                        row.spec.css
                    );
                    checked += 1;
                }
            }
        }
        assert!(
            checked > 100,
            "the fixtures exercise the table ({checked} matches)"
        );
        // And it rejects: a plain <div> can match none of the card's hooks.
        let doc = scraper::Html::parse_fragment("<div class=x>t</div>");
        let div = doc.select(&constant("div")).next().expect("div");
        assert!(!compiled()
            .first(Role::PersonLink)
            .pre
            .may_match(div.value()));
        assert!(!compiled().first(Role::Action).pre.may_match(div.value()));
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
