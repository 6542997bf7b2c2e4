//! Reading a LinkedIn messaging thread (the full page at `/messaging/thread/…` or the
//! overlay bubble) for local "answered" detection: who the other participant is, and
//! whether a message from them follows one of ours. Pure: must not import wasm-bindgen,
//! web-sys or js-sys. The background reads the HTML the content script sends; nothing
//! leaves the browser.
//!
//! Markup facts (messaging still uses the Ember `msg-*` BEM classes in 2025–26; each is
//! exercised by tests/fixtures/linkedin/messaging-*.html):
//! - events: `li.msg-s-message-list__event`, in order; a sender's run of messages shows
//!   the sender (`a.msg-s-message-group__profile-link` / `.msg-s-message-group__name`)
//!   only on its first event — later events belong to the same sender;
//! - a message from someone else carries `.msg-s-event-listitem--other`;
//! - the thread header links to the other person: `a.msg-thread__link-to-profile`,
//!   `.profile-card-one-to-one__profile-link`, or in the overlay bubble
//!   `.msg-overlay-bubble-header a[href*="/in/"]`; the name is in
//!   `.msg-entity-lockup__entity-title` (or the link text).
//!
//! Several signals: the `--other` class when the page uses it, else the sender's profile
//! link compared with the participant's. Group conversations are reported as such and
//! never used for detection: "from them" would be ambiguous.

use crate::core::text::{fold, squash_whitespace};
use scraper::{ElementRef, Html, Selector};
use serde::Serialize;

/// Selectors, in order of preference, each with the fixture that exercises it. The header's
/// are also how the content script recognises whose composer it is (`live.rs`).
pub(crate) mod sel {
    /// Header of the full-page thread (messaging-answered.html, messaging-unanswered.html).
    pub const HEADER_LINKS: &[&str] = &[
        "a.msg-thread__link-to-profile[href*=\"/in/\"]",
        "a.profile-card-one-to-one__profile-link[href*=\"/in/\"]",
        // Overlay bubble (messaging-overlay.html).
        ".msg-overlay-bubble-header a[href*=\"/in/\"]",
    ];
    pub const HEADER_NAMES: &[&str] = &[
        ".msg-entity-lockup__entity-title",
        ".msg-overlay-bubble-header__title",
        ".profile-card-one-to-one__profile-link",
    ];
    pub const EVENT: &str = "li.msg-s-message-list__event";
    pub const SENDER_LINK: &str = "a.msg-s-message-group__profile-link[href*=\"/in/\"], a.msg-s-event-listitem__link[href*=\"/in/\"]";
    pub const SENDER_NAME: &str = ".msg-s-message-group__name, .msg-s-message-group__profile-link";
    pub const MESSAGE: &str = ".msg-s-event-listitem";
    pub const FROM_OTHER: &str = "msg-s-event-listitem--other";
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Participant {
    pub name: Option<String>,
    /// Absolute `https://www.linkedin.com/in/…` link as found (vanity or member id).
    pub profile_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Sender {
    Me,
    Them,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ThreadRead {
    /// The other person in a one-to-one conversation; None when unknown or a group.
    pub other: Option<Participant>,
    pub group: bool,
    /// Who sent each message, in order.
    pub messages: Vec<Sender>,
    /// A message from them comes after one of ours: they answered.
    pub answered: bool,
    pub diagnostics: Vec<String>,
}

/// Reads a messaging thread's HTML (a whole page or the thread's container).
pub fn read_thread(html: &str) -> ThreadRead {
    let doc = Html::parse_document(html);
    let mut diagnostics = Vec::new();
    let header = header_participant(&doc);

    let event_sel = selector(sel::EVENT);
    let events: Vec<ElementRef> = doc.select(&event_sel).collect();
    if events.is_empty() {
        diagnostics.push(format!("no messages found (looked for {})", sel::EVENT));
    }
    let uses_other_class = events.iter().any(|e| has_class_below(e, sel::FROM_OTHER));
    let sender_link = selector(sel::SENDER_LINK);
    let sender_name = selector(sel::SENDER_NAME);
    let message_sel = selector(sel::MESSAGE);

    // Every distinct sender link seen; more than one besides ours is a group.
    let mut other_links: Vec<String> = Vec::new();
    let mut messages = Vec::new();
    let mut current: Option<Sender> = None;
    for event in &events {
        let link = event
            .select(&sender_link)
            .next()
            .and_then(|a| a.value().attr("href"))
            .map(absolute);
        let name = event.select(&sender_name).next().map(text_of);
        let has_message = event.select(&message_sel).next().is_some();
        let sender = if uses_other_class && has_message {
            Some(if has_class_below(event, sel::FROM_OTHER) {
                Sender::Them
            } else {
                Sender::Me
            })
        } else if let Some(link) = &link {
            header
                .as_ref()
                .and_then(|h| h.profile_url.as_ref())
                .map(|other| {
                    if same_profile(link, other) {
                        Sender::Them
                    } else {
                        Sender::Me
                    }
                })
        } else if let (Some(name), Some(h)) = (&name, header.as_ref()) {
            h.name.as_ref().map(|n| {
                if fold(n) == fold(name) {
                    Sender::Them
                } else {
                    Sender::Me
                }
            })
        } else {
            current
        };
        if sender == Some(Sender::Them) {
            if let Some(link) = link {
                if !other_links.iter().any(|l| same_profile(l, &link)) {
                    other_links.push(link);
                }
            }
        }
        current = sender.or(current);
        if has_message {
            match current {
                Some(s) => messages.push(s),
                None => diagnostics.push("a message whose sender could not be told".into()),
            }
        }
    }

    let group = other_links.len() > 1;
    let other = if group {
        diagnostics.push("group conversation: not used for answered detection".into());
        None
    } else {
        match header {
            Some(h) => Some(h),
            None => other_links.first().map(|l| Participant {
                name: None,
                profile_url: Some(l.clone()),
            }),
        }
    };
    if other.is_none() && !group {
        diagnostics.push("the other participant could not be found".into());
    }
    // Answered: they wrote after our latest message. (After our first one, an earlier
    // exchange in the same thread answered every later ask at once.)
    let answered = !group
        && other.is_some()
        && messages
            .iter()
            .rposition(|s| *s == Sender::Me)
            .is_some_and(|last_mine| messages[last_mine..].contains(&Sender::Them));
    ThreadRead {
        other,
        group,
        messages,
        answered,
        diagnostics,
    }
}

fn header_participant(doc: &Html) -> Option<Participant> {
    let profile_url = sel::HEADER_LINKS
        .iter()
        .find_map(|s| doc.select(&selector(s)).next())
        .and_then(|a| a.value().attr("href"))
        .map(absolute);
    let name = sel::HEADER_NAMES.iter().find_map(|s| {
        doc.select(&selector(s))
            .map(text_of)
            .find(|t| !t.is_empty())
    });
    (profile_url.is_some() || name.is_some()).then_some(Participant { name, profile_url })
}

/// Selectors are constants of this module; a typo is caught by every test.
fn selector(s: &str) -> Selector {
    Selector::parse(s).unwrap_or_else(|_| panic!("invalid built-in selector {s}"))
}

fn text_of(e: ElementRef) -> String {
    squash_whitespace(&e.text().collect::<String>())
}

fn has_class_below(e: &ElementRef, class: &str) -> bool {
    e.value().classes().any(|c| c == class)
        || e.descendants()
            .filter_map(ElementRef::wrap)
            .any(|d| d.value().classes().any(|c| c == class))
}

/// `/in/ana/` → `https://www.linkedin.com/in/ana/`; query and fragment removed.
fn absolute(href: &str) -> String {
    let href = href.split(['?', '#']).next().unwrap_or("").trim();
    if href.starts_with('/') && !href.starts_with("//") {
        format!("https://www.linkedin.com{href}")
    } else {
        href.to_string()
    }
}

/// Profile links compared by their `/in/<id>` part, case-insensitively.
fn same_profile(a: &str, b: &str) -> bool {
    let id = |u: &str| {
        u.split("/in/")
            .nth(1)
            .map(|rest| rest.split('/').next().unwrap_or("").to_lowercase())
    };
    matches!((id(a), id(b)), (Some(x), Some(y)) if !x.is_empty() && x == y)
}

/// Which LinkedIn page a tab shows, from its URL alone (the popup's active/inactive
/// state, and where answered detection applies). LinkedIn is a single-page app: the
/// content script re-asks on route changes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LinkedInPage {
    /// `/mynetwork/invitation-manager/…` (all received views and filters) or the
    /// invitations preview on `/mynetwork/grow/` and `/mynetwork/`.
    Invitations,
    /// `/messaging/…`.
    Messaging,
    /// Another page of www.linkedin.com.
    Other,
    /// Not LinkedIn at all.
    NotLinkedIn,
}

pub fn page_at(url: &str) -> LinkedInPage {
    use super::live::{is_invitations_url, is_linkedin_url, is_messaging_url};
    if !is_linkedin_url(url) {
        LinkedInPage::NotLinkedIn
    } else if is_invitations_url(url) {
        LinkedInPage::Invitations
    } else if is_messaging_url(url) {
        LinkedInPage::Messaging
    } else {
        LinkedInPage::Other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_to_read() {
        for html in [
            "",
            "<p>hello</p>",
            "<li class=\"msg-s-message-list__event\">",
            "\u{0}\u{ffff}<<<>>>",
        ] {
            let t = read_thread(html);
            assert!(!t.answered);
            assert!(!t.diagnostics.is_empty());
        }
    }

    #[test]
    fn pages_by_url() {
        use LinkedInPage::*;
        for (url, want) in [
            ("https://www.linkedin.com/mynetwork/invitation-manager/", Invitations),
            ("https://www.linkedin.com/mynetwork/invitation-manager/received/PEOPLE_WITH_MUTUAL_CONNECTION/", Invitations),
            ("https://www.linkedin.com/mynetwork/grow/?skipRedirect=true", Invitations),
            ("https://www.linkedin.com/messaging/thread/2-abc/", Messaging),
            ("https://www.linkedin.com/feed/", Other),
            ("https://www.linkedin.com.evil.example/mynetwork/invitation-manager/", NotLinkedIn),
            ("https://example.com/mynetwork/invitation-manager/", NotLinkedIn),
            ("chrome://newtab/", NotLinkedIn),
        ] {
            assert_eq!(page_at(url), want, "{url}");
        }
    }

    #[test]
    fn profile_ids_compare_case_insensitively() {
        assert!(same_profile("https://www.linkedin.com/in/Ana/", "/in/ana"));
        assert!(!same_profile(
            "https://www.linkedin.com/in/ana/",
            "https://www.linkedin.com/in/anab/"
        ));
        assert!(!same_profile(
            "https://www.linkedin.com/company/x/",
            "https://www.linkedin.com/company/x/"
        ));
    }
}
