//! LinkedIn knowledge the live page needs beyond reading cards: which URLs are invitation
//! pages, where to observe, how to find LinkedIn's message composer and how to tell whose
//! conversation a composer belongs to. Pure data and string checks: must not import
//! wasm-bindgen, web-sys or js-sys. The content script receives all of this through the
//! `hello` answer and holds no LinkedIn knowledge of its own.

use super::messaging;
use serde::Serialize;

/// The only origin AskFirst ever works on.
pub const ORIGIN: &str = "https://www.linkedin.com";

/// Path prefixes (lower case) of pages that list received invitations.
/// - `/mynetwork/invitation-manager/`: redirects to `…/received/`; filters live below it
///   (`…/received/PEOPLE_WITH_MUTUAL_CONNECTION/`, `…/received/NEWSLETTER/` …).
/// - `/mynetwork/grow/`: the invitations preview at the top of My Network (2024–26).
const INVITATION_PATHS: [&str; 2] = ["/mynetwork/invitation-manager", "/mynetwork/grow"];

/// Below the invitation manager, only the "sent" view is not about received invitations.
const NOT_RECEIVED: &str = "/mynetwork/invitation-manager/sent";

/// True for `https://www.linkedin.com/…` URLs (exact origin; no look-alike hosts, no
/// user-info tricks such as `https://www.linkedin.com@evil.example/`).
pub fn is_linkedin_url(url: &str) -> bool {
    match url.strip_prefix(ORIGIN) {
        Some(rest) => rest.is_empty() || rest.starts_with(['/', '?', '#']),
        None => false,
    }
}

/// The path of a LinkedIn URL, lower-cased, without query or fragment; None for other
/// origins.
fn linkedin_path(url: &str) -> Option<String> {
    if !is_linkedin_url(url) {
        return None;
    }
    let rest = &url[ORIGIN.len()..];
    let end = rest.find(['?', '#']).unwrap_or(rest.len());
    let path = if rest[..end].is_empty() {
        "/"
    } else {
        &rest[..end]
    };
    Some(path.to_ascii_lowercase())
}

/// Path prefix (lower case) of LinkedIn's messaging pages (`/messaging/thread/…`).
const MESSAGING_PATH: &str = "/messaging";

/// Is `path` (lower case) `prefix` itself or below it (`/messaging`, `/messaging/…`, not
/// `/messaging-old`)?
fn under(path: &str, prefix: &str) -> bool {
    path.strip_prefix(prefix)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// Is this a page whose received invitations AskFirst should triage?
pub fn is_invitations_url(url: &str) -> bool {
    let Some(path) = linkedin_path(url) else {
        return false;
    };
    INVITATION_PATHS.iter().any(|p| under(&path, p)) && !under(&path, NOT_RECEIVED)
}

/// Is this one of LinkedIn's messaging pages?
pub fn is_messaging_url(url: &str) -> bool {
    linkedin_path(url).is_some_and(|path| under(&path, MESSAGING_PATH))
}

/// The pages on which the content script starts the engine at all: invitation pages and
/// messaging. Everywhere else on LinkedIn (the feed, profiles, search…) it says no hello,
/// so the worker is not woken and the wasm not compiled for them. The content script
/// cannot ask the engine this (asking is what costs), so it reads this rule as data:
/// `extension/content/routes.json`, written from this value (`askfirst routes`; a test
/// checks that the committed file is this value). A LinkedIn URL's path, lower-cased and
/// without query or fragment, is on an engine page when it is under one of `under` and
/// under none of `except` ("under": the prefix itself or below it after a `/`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EngineRoutes {
    pub origin: &'static str,
    pub under: Vec<&'static str>,
    pub except: Vec<&'static str>,
}

pub fn engine_routes() -> EngineRoutes {
    EngineRoutes {
        origin: ORIGIN,
        under: INVITATION_PATHS
            .iter()
            .copied()
            .chain([MESSAGING_PATH])
            .collect(),
        except: vec![NOT_RECEIVED],
    }
}

/// Does the content script start the engine on this page? [`engine_routes`] applied to
/// the URL: true exactly for invitation pages and messaging pages.
pub fn needs_engine(url: &str) -> bool {
    let Some(path) = linkedin_path(url) else {
        return false;
    };
    let routes = engine_routes();
    routes.under.iter().any(|p| under(&path, p)) && !routes.except.iter().any(|p| under(&path, p))
}

/// Where LinkedIn's message composers live and what they look like (DESIGN.md, "Messaging
/// composer"). Both the conversation overlay and the full messaging page use the same
/// `msg-form` markup; the overlay is rendered inside the open shadow root of
/// `#interop-outlet` (2025–26), where `document.querySelector` does not reach.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComposerSelectors {
    /// The rich-text editor that receives the reply.
    pub editor: &'static str,
    /// The Send button inside the same form; it becomes enabled once the editor has text.
    pub send: &'static str,
    /// The form (or nearest block) holding one editor and its Send button.
    pub form: &'static str,
    /// Hosts whose open shadow roots may contain composers, searched as well as the page.
    pub shadow_hosts: Vec<&'static str>,
    /// The ancestor of a composer that names the other person (an overlay bubble or the
    /// messaging page's thread), searched for `person_link` and `title`.
    pub conversation: &'static str,
    /// Links to the other person's profile in a conversation's header: the thread
    /// reader's header links, never links inside messages (a message in Bob's thread may
    /// link to the armed person's profile).
    pub person_link: String,
    /// The conversation's title: the other person's name (the thread reader's header
    /// names, and the headings a thread shows it in).
    pub title: String,
}

/// Everything the content script needs to find on a live LinkedIn page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LiveSelectors {
    /// Candidates for the narrowest stable container to observe, narrowest first; the
    /// content script observes the first that exists. `main` survives LinkedIn's route
    /// changes inside My Network; `body` is the last resort.
    pub observe_roots: Vec<&'static str>,
    pub composer: ComposerSelectors,
}

pub fn live_selectors() -> LiveSelectors {
    LiveSelectors {
        observe_roots: vec!["main", "body"],
        composer: ComposerSelectors {
            editor: "div.msg-form__contenteditable[contenteditable=true][role=textbox]",
            send: "button.msg-form__send-button",
            form: "form.msg-form, .msg-form",
            shadow_hosts: vec!["#interop-outlet"],
            conversation: ".msg-overlay-conversation-bubble, .msg-convo-wrapper, .msg-thread, \
                           [data-view-name=\"message-overlay-conversation-bubble\"]",
            person_link: messaging::sel::HEADER_LINKS.join(", "),
            title: [
                messaging::sel::HEADER_NAMES,
                &[".msg-thread__link-to-profile", "h2"],
            ]
            .concat()
            .join(", "),
        },
    }
}

/// How the content script recognises the composer of one person: a profile link inside
/// the conversation whose path contains `profile_path`, or a conversation title equal to
/// `name` (compared after trimming). A composer that names nobody may still be used when
/// the user has just opened it for this person (the content script's rule).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PersonMatch {
    /// `/in/<public id>/` of the profile, lower-cased, when the card links to one.
    pub profile_path: Option<String>,
    pub name: String,
}

pub fn person_match(profile_url: Option<&str>, name: &str) -> PersonMatch {
    let profile_path = profile_url
        .and_then(linkedin_path)
        .filter(|p| p.starts_with("/in/") && p.len() > "/in/".len())
        .map(|p| if p.ends_with('/') { p } else { format!("{p}/") });
    PersonMatch {
        profile_path,
        name: name.trim().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invitation_pages_are_recognised() {
        let yes = [
            "https://www.linkedin.com/mynetwork/invitation-manager/",
            "https://www.linkedin.com/mynetwork/invitation-manager",
            "https://www.linkedin.com/mynetwork/invitation-manager/received/",
            "https://www.linkedin.com/mynetwork/invitation-manager/received/PEOPLE_WITH_MUTUAL_CONNECTION/",
            "https://www.linkedin.com/mynetwork/invitation-manager/received/?filter=all",
            "https://www.linkedin.com/mynetwork/invitation-manager/received/NEWSLETTER/#top",
            "https://www.linkedin.com/mynetwork/grow/",
            "https://www.linkedin.com/MyNetwork/Grow/?skipRedirect=true",
        ];
        for url in yes {
            assert!(is_invitations_url(url), "{url}");
        }
    }

    #[test]
    fn other_pages_and_origins_are_not() {
        let no = [
            "https://www.linkedin.com/",
            "https://www.linkedin.com/feed/",
            "https://www.linkedin.com/mynetwork/invitation-manager/sent/",
            "https://www.linkedin.com/mynetwork/invitation-manager/sent/?invitationType=PEOPLE",
            "https://www.linkedin.com/mynetwork/invitation-manager-old/",
            "https://www.linkedin.com/mynetwork/growth/",
            "https://www.linkedin.com/messaging/thread/2-abc/",
            "http://www.linkedin.com/mynetwork/invitation-manager/",
            "https://linkedin.com/mynetwork/invitation-manager/",
            "https://www.linkedin.com.evil.example/mynetwork/invitation-manager/",
            "https://www.linkedin.com@evil.example/mynetwork/invitation-manager/",
            "https://evil.example/?u=https://www.linkedin.com/mynetwork/grow/",
            "",
            "not a url",
        ];
        for url in no {
            assert!(!is_invitations_url(url), "{url}");
        }
    }

    #[test]
    fn the_engine_starts_on_invitation_and_messaging_pages_only() {
        // The same cases the content script's reading of routes.json is tested against
        // (tests/js/routes.test.mjs).
        let cases: Vec<(String, bool)> = serde_json::from_str(include_str!(
            "../../../tests/fixtures/engine-routes-cases.json"
        ))
        .expect("cases parse");
        assert!(cases.len() > 20);
        for (url, want) in cases {
            assert_eq!(needs_engine(&url), want, "{url}");
        }
    }

    #[test]
    fn needs_engine_is_invitations_or_messaging_for_generated_urls() {
        use super::super::messaging::{page_at, LinkedInPage};
        let heads = [
            "",
            "/",
            "/mynetwork",
            "/MyNetwork",
            "/messaging",
            "/Messaging",
            "/feed",
        ];
        let parts = [
            "",
            "/",
            "/grow",
            "/invitation-manager",
            "/invitation-manager/sent",
            "/sent",
            "-old",
            "/thread/2-abc/",
            "/received/NEWSLETTER/",
            "?x=/messaging/",
            "#/grow",
            "/invitation-manager/SENT/",
            "/invitation-manager/sentx",
        ];
        for h in heads {
            for a in parts {
                for b in parts {
                    let url = format!("{ORIGIN}{h}{a}{b}");
                    let page = page_at(&url);
                    let want = matches!(page, LinkedInPage::Invitations | LinkedInPage::Messaging);
                    assert_eq!(needs_engine(&url), want, "{url}: {page:?}");
                }
            }
        }
    }

    #[test]
    fn the_content_scripts_copy_of_the_rule_is_this_one() {
        let committed = include_str!("../../../extension/content/routes.json");
        let written = format!(
            "{}\n",
            serde_json::to_string_pretty(&engine_routes()).expect("serialises")
        );
        assert_eq!(
            committed, written,
            "extension/content/routes.json is out of date: \
             cargo run --features cli -- routes > extension/content/routes.json"
        );
    }

    #[test]
    fn composer_person_links_are_the_header_links_only() {
        let c = live_selectors().composer;
        let links = scraper::Selector::parse(&c.person_link).expect("valid CSS");
        let titles = scraper::Selector::parse(&c.title).expect("valid CSS");
        let doc = scraper::Html::parse_document(
            r#"<div class="msg-overlay-conversation-bubble">
              <header class="msg-overlay-bubble-header"><a href="/in/bob-stone/">
                <h2 class="msg-overlay-bubble-header__title">Bob Stone</h2></a></header>
              <p>You should meet <a href="https://www.linkedin.com/in/ana-lima/">Ana</a></p>
            </div>"#,
        );
        let hrefs: Vec<_> = doc
            .select(&links)
            .filter_map(|a| a.value().attr("href"))
            .collect();
        assert_eq!(
            hrefs,
            ["/in/bob-stone/"],
            "a link inside a message is not whose thread it is"
        );
        assert_eq!(doc.select(&titles).count(), 1);
    }

    #[test]
    fn person_match_uses_the_profile_path() {
        let m = person_match(
            Some("https://www.linkedin.com/in/Ana-Lopez/?miniProfileUrn=x"),
            " Ana López ",
        );
        assert_eq!(m.profile_path.as_deref(), Some("/in/ana-lopez/"));
        assert_eq!(m.name, "Ana López");
        assert_eq!(
            person_match(Some("https://evil.example/in/ana/"), "Ana").profile_path,
            None
        );
        assert_eq!(
            person_match(Some("https://www.linkedin.com/in/"), "Ana").profile_path,
            None
        );
        assert_eq!(person_match(None, "Ana").profile_path, None);
    }
}
