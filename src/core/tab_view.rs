//! What the toolbar popup says about the current tab, from its URL and what the tab's
//! content script (and the engine) last reported to the background. Each state is true of
//! the page: an empty invitation list is "no pending invitations", a conversation with
//! someone asked is "watching for their answer", only markup the reader does not know is
//! "could not read". Pure; the popup (`src/ext/ui/popup.rs`) words each state from the
//! catalogue.

use crate::core::linkedin::messaging::{page_at, LinkedInPage};
use crate::core::protocol::ledger::{FlaggedOnPage, PageStatus, Watched};
use crate::core::protocol::PageState;

/// The popup's view of the current tab.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabView {
    /// Not LinkedIn, or a LinkedIn page without invitations or conversations: the popup
    /// offers to open the invitations.
    NotInvitations,
    /// An invitations or messaging page the content script has said nothing about: it
    /// was open before AskFirst was installed or reloaded.
    NoContentScript,
    /// The page said hello; its list is not read yet.
    Reading,
    /// Cards read, badges shown: the invitations whose Accept is guarded.
    Active { flagged: Vec<FlaggedOnPage> },
    /// The invitation list holds nothing that could be an invitation.
    Empty,
    /// A messaging page with a conversation of someone asked.
    Watching { people: Vec<Watched> },
    /// A messaging page, and nobody asked in the conversations it shows.
    NobodyAsked,
    /// Invitations markup the reader does not know: AskFirst stepped aside.
    Unreadable,
    /// The engine did not answer.
    EngineError,
}

pub fn tab_view(url: &str, status: Option<PageStatus>) -> TabView {
    let page = page_at(url);
    if matches!(page, LinkedInPage::NotLinkedIn | LinkedInPage::Other) {
        return TabView::NotInvitations;
    }
    let Some(status) = status else {
        return TabView::NoContentScript;
    };
    match status.page {
        Some(PageState::EngineError) => return TabView::EngineError,
        Some(PageState::Unreadable) if page == LinkedInPage::Invitations => {
            return TabView::Unreadable
        }
        _ => {}
    }
    if page == LinkedInPage::Messaging {
        return if status.watching.is_empty() {
            TabView::NobodyAsked
        } else {
            TabView::Watching {
                people: status.watching,
            }
        };
    }
    match status.page {
        Some(PageState::Empty) => TabView::Empty,
        Some(PageState::Active) => TabView::Active {
            flagged: status.flagged,
        },
        // Cards were read (the triage answer reached the board before the page's report).
        _ if status.active => TabView::Active {
            flagged: status.flagged,
        },
        _ => TabView::Reading,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::protocol::ledger::TabBoard;

    const INVITATIONS: &str = "https://www.linkedin.com/mynetwork/invitation-manager/received/";
    const THREAD: &str = "https://www.linkedin.com/messaging/thread/2-bruno/";

    fn flagged(name: &str) -> (String, Option<FlaggedOnPage>) {
        let key = format!("urn:li:invitation:{name}");
        let f = FlaggedOnPage {
            name: name.into(),
            plan: None,
            profile_url: None,
            key: key.clone(),
        };
        (key, Some(f))
    }

    /// Through the board, as the background keeps it: every report a tab can make.
    #[test]
    fn each_state_is_what_the_page_reported() {
        let mut b = TabBoard::default();
        assert_eq!(
            tab_view("https://example.com/", None),
            TabView::NotInvitations
        );
        assert_eq!(tab_view("", None), TabView::NotInvitations);
        assert_eq!(
            tab_view("https://www.linkedin.com/feed/", b.status(1)),
            TabView::NotInvitations
        );
        assert_eq!(tab_view(INVITATIONS, b.status(1)), TabView::NoContentScript);
        b.hello(1, INVITATIONS);
        assert_eq!(tab_view(INVITATIONS, b.status(1)), TabView::Reading);
        b.state(1, INVITATIONS, PageState::Empty);
        assert_eq!(tab_view(INVITATIONS, b.status(1)), TabView::Empty);
        b.triaged(1, INVITATIONS, vec![flagged("Ana"), flagged("Bruno")]);
        b.state(1, INVITATIONS, PageState::Active);
        let names = |v: TabView| match v {
            TabView::Active { flagged } => flagged.into_iter().map(|f| f.name).collect::<Vec<_>>(),
            other => panic!("{other:?}"),
        };
        assert_eq!(names(tab_view(INVITATIONS, b.status(1))), ["Ana", "Bruno"]);
        // A card taken off the page leaves the list.
        b.settled(1, "urn:li:invitation:Ana");
        assert_eq!(names(tab_view(INVITATIONS, b.status(1))), ["Bruno"]);
        b.state(1, INVITATIONS, PageState::Unreadable);
        assert_eq!(tab_view(INVITATIONS, b.status(1)), TabView::Unreadable);
        b.state(1, INVITATIONS, PageState::EngineError);
        assert_eq!(tab_view(INVITATIONS, b.status(1)), TabView::EngineError);
    }

    #[test]
    fn a_conversation_is_watched_only_when_someone_asked_is_in_it() {
        let mut b = TabBoard::default();
        b.hello(2, THREAD);
        // The messaging page says hello and reports nothing else ("idle" is how it starts).
        assert_eq!(tab_view(THREAD, b.status(2)), TabView::NobodyAsked);
        let bruno = Watched {
            key: "urn:li:invitation:7".into(),
            name: "Bruno Keller".into(),
            answered: false,
        };
        b.watching(2, bruno.clone());
        b.watching(2, bruno.clone());
        assert_eq!(
            tab_view(THREAD, b.status(2)),
            TabView::Watching {
                people: vec![bruno.clone()]
            }
        );
        // Another thread (a route change says hello with its URL): watched afresh.
        let other = "https://www.linkedin.com/messaging/thread/3-ana/";
        b.hello(2, other);
        assert_eq!(tab_view(other, b.status(2)), TabView::NobodyAsked);
        // Never "could not read" on a messaging page: there is no invitation list to read.
        b.state(2, other, PageState::Unreadable);
        assert_eq!(tab_view(other, b.status(2)), TabView::NobodyAsked);
        assert_eq!(tab_view(other, None), TabView::NoContentScript);
    }
}
