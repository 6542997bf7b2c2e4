//! Is an invitation list that holds no card we can read really empty? The content script
//! sends the list container's HTML when no card root matched in it; this decides between
//! "no pending invitations" and "unreadable": the list is empty only when nothing in it
//! could be an invitation — no card root, no invitation action, and no link to a person's
//! profile (every invitation names its inviter with one, in both UIs). Unknown card markup
//! still links to the inviter, so it reads as unreadable, never as empty. Pure.

use super::selectors::{compiled, Role};
use crate::core::markup_budget;
use scraper::Html;
use serde::{Deserialize, Serialize};

/// What a list without readable cards is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ListState {
    /// Nothing in it could be an invitation: LinkedIn's "no pending invitations".
    Empty,
    /// Something in it looks like an invitation (or it could not be looked at): markup the
    /// reader does not know.
    Unreadable,
}

/// Reads the list container's outerHTML. Too big or too deep to look at is unreadable (an
/// empty list is small).
pub fn list_state(html: &str) -> ListState {
    if markup_budget::check(html, markup_budget::MAX_CARD_ELEMENTS).is_err() {
        return ListState::Unreadable;
    }
    let doc = Html::parse_fragment(html);
    let table = compiled();
    let looks_like_invitation = [Role::CardRoot, Role::Action, Role::PersonLink]
        .into_iter()
        .flat_map(|role| table.of(role, None))
        .any(|row| doc.select(&row.sel).next().is_some());
    if looks_like_invitation {
        ListState::Unreadable
    } else {
        ListState::Empty
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixture(name: &str) -> String {
        std::fs::read_to_string(format!(
            "{}/tests/fixtures/linkedin/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    }

    /// The list container as the content script sends it: the first element matching the
    /// current UI's container selector, serialised.
    fn container(html: &str) -> String {
        let doc = Html::parse_document(html);
        let row = compiled().first(Role::ListContainer);
        doc.select(&row.sel)
            .next()
            .expect("a list container")
            .html()
    }

    #[test]
    fn linkedins_empty_state_is_empty() {
        assert_eq!(
            list_state(&container(&fixture("current-empty.html"))),
            ListState::Empty
        );
    }

    #[test]
    fn a_list_with_cards_is_never_empty() {
        for name in [
            "current-en.html",
            "current-fr.html",
            "demo-invitations.html",
        ] {
            assert_eq!(
                list_state(&container(&fixture(name))),
                ListState::Unreadable,
                "{name}"
            );
        }
    }

    /// Generated unknown card markup: whatever the wrapper, class names and attributes,
    /// a list item that links to a person is not "no pending invitations".
    #[test]
    fn unknown_cards_that_name_a_person_are_unreadable_not_empty() {
        let wrappers = ["div", "li", "section", "article"];
        let hrefs = [
            "/in/ana-souza/",
            "https://www.linkedin.com/in/ana-souza-1a2b3c/",
            "/in/ACoAAB12/",
        ];
        for (i, tag) in wrappers.iter().enumerate() {
            for href in hrefs {
                let html = format!(
                    r#"<div role="main" data-sdui-screen="com.linkedin.sdui.flagshipnav.mynetwork.InvitationReceivedWithType"><h2>Invitations (1)</h2><{tag} class="_x{i}" data-new-hook="card-{i}"><a href="{href}"><span>Ana Souza</span></a><p>Founder</p><button class="_b{i}">Confirm</button></{tag}></div>"#
                );
                assert_eq!(list_state(&html), ListState::Unreadable, "{html}");
            }
        }
    }

    #[test]
    fn an_empty_state_in_any_words_is_empty() {
        for words in [
            "No pending invitations",
            "Aucune invitation en attente",
            "Keine ausstehenden Einladungen",
            "",
        ] {
            let html = format!(
                r#"<div role="main" data-sdui-screen="x.InvitationReceivedWithType"><nav><a href="/mynetwork/invitation-manager/sent/">Sent</a></nav><section><h2>Invitations (0)</h2><div role="list"><div><p>{words}</p><a href="/mynetwork/grow/">Manage my network</a></div></div></section></div>"#
            );
            assert_eq!(list_state(&html), ListState::Empty, "{html}");
        }
    }

    #[test]
    fn too_much_to_look_at_is_unreadable() {
        let html = format!("<div>{}</div>", "<span></span>".repeat(5000));
        assert_eq!(list_state(&html), ListState::Unreadable);
    }
}
