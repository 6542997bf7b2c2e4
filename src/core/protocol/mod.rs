//! The messages between AskFirst's content script (and extension pages) and the background
//! engine: typed requests, their validation (sender, type, sizes, unknown fields) and the
//! answers. Pure Rust, natively tested with forged and malformed messages: must not import
//! wasm-bindgen, web-sys or js-sys (`src/ext/router.rs` is the wasm glue around it).
//!
//! Every request is a JSON object `{"type": "<kebab-case>", …}`. To add a message: a
//! variant in [`Request`] (in the section of the contexts allowed to send it), a line in
//! [`Request::origin`], and its handling in the router.
//!
//! The tree: this module (page messages: cards, prompt events, composer ownership, reply
//! length), [`ledger`] (the ledger's messages: popup, options, answered detection). Still
//! to become one (issue #16): their two `Origin`s, error types and parsers.

pub mod ceiling;
pub mod ledger;

use crate::core::composer::{self, ArmedPerson, ComposerFacts, Owner, MAX_HEADER_ITEMS};
use crate::core::fit::Fit;
use crate::core::invitation::{is_strong_key, Controls, InvitationKind, Locator};
use crate::core::linkedin::live::{self, LiveSelectors, PersonMatch};
use crate::core::linkedin::{self, PageSelectors, SentCard};
use crate::core::markup_budget;
use crate::core::note::{NoteKind, ReasonKind};
use crate::core::plan::{Moment, PlanKind, ReplyPath};
use crate::core::reply::{limit_for, MESSAGE_LIMIT};
use crate::core::said::Said;
use crate::core::triage::{Engine, MomentReply, Triage};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::rc::Rc;

/// A whole message, as JSON. Bigger messages are refused before they are parsed.
pub const MAX_MESSAGE_BYTES: usize = 4 * 1024 * 1024;
/// One card root's outerHTML, in UTF-8 bytes. A real card is 2–30 KB; a 300-character note
/// cannot make it anywhere near this, so a bigger "card" is not one: it is answered as
/// unread (the other cards of the message are still read).
pub const MAX_CARD_HTML_BYTES: usize = 256 * 1024;
/// Cards in one `triage-cards` message (the content script sends bigger pages in chunks).
pub const MAX_CARDS_PER_MESSAGE: usize = 200;
/// Temporary card ids chosen by the content script.
pub const MAX_ID_BYTES: usize = 64;
/// URLs, invitation keys and snapshot texts.
pub const MAX_TEXT_BYTES: usize = 4096;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ProtocolError {
    #[error("message is {size} bytes; the limit is {limit}")]
    TooLarge { size: usize, limit: usize },
    #[error("message refused: {0}")]
    Malformed(String),
    #[error("message from another extension or web page refused")]
    ForeignSender,
    #[error("page messages are accepted only from a https://www.linkedin.com tab")]
    NotLinkedInTab,
    #[error("field `{field}` is {size} bytes; the limit is {limit}")]
    FieldTooLarge {
        field: &'static str,
        size: usize,
        limit: usize,
    },
    #[error("{count} cards in one message; the limit is {limit}")]
    TooManyCards { count: usize, limit: usize },
    #[error("card id `{0}` appears twice")]
    DuplicateId(String),
    #[error("`{0}` must not be empty")]
    Empty(&'static str),
    #[error("url is not a https://www.linkedin.com page")]
    NotLinkedInUrl,
    #[error("`{0}` names people only by name: it cannot be marked fine (a namesake would be too)")]
    WeakKey(String),
}

impl ProtocolError {
    /// A stable code for the content script and tests (the text is for people).
    pub fn code(&self) -> &'static str {
        match self {
            ProtocolError::TooLarge { .. } | ProtocolError::FieldTooLarge { .. } => "too-large",
            ProtocolError::TooManyCards { .. } => "too-many-cards",
            ProtocolError::Malformed(_) => "malformed",
            ProtocolError::ForeignSender => "foreign-sender",
            ProtocolError::NotLinkedInTab | ProtocolError::NotLinkedInUrl => "not-linkedin",
            ProtocolError::DuplicateId(_) | ProtocolError::Empty(_) | ProtocolError::WeakKey(_) => {
                "invalid"
            }
        }
    }
}

/// Every message the background accepts.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Request {
    // ---- Any of this extension's own contexts (background, popup, options, content) ----
    /// Is the engine up? Answers its version.
    Ping {},

    // ---- Page messages: only from a content script in a https://www.linkedin.com tab ----
    /// Sent on load and on every route change: is this an invitations page, and with which
    /// selectors should the content script work?
    Hello { url: String },
    /// The outerHTML of new or changed card roots, each with a temporary id. `fresh`: read
    /// the settings from storage, not the background's copy (the content script sends every
    /// card again after a settings change, and may hear of the change before the
    /// background does).
    TriageCards {
        url: String,
        cards: Vec<CardHtml>,
        #[serde(default)]
        fresh: bool,
    },
    /// Something the user decided in the prompt. "overridden" ("this one is fine") is
    /// stored and answered in later triage; the ledger (issue 4) records the others.
    Record {
        key: String,
        event: RecordEvent,
        snapshot: Snapshot,
    },
    /// The content script's state on this tab, for the toolbar icon.
    Status { url: String, state: PageState },
    /// No card root matched in the invitation list for a while: its container's outerHTML,
    /// for the engine to say whether it is empty or unreadable (`linkedin::empty`). The
    /// answer is a `ListAnswer`; the tab's state follows it.
    ListSeen { url: String, html: String },
    /// Cards LinkedIn took off the page (accepted, ignored, withdrawn), by ledger key: they
    /// leave the popup's flagged list.
    CardsGone { url: String, keys: Vec<String> },
    /// Is the reply the user is editing in the prompt over `limit` (the card's
    /// `reply_limit`)? (`triage::too_long` decides.)
    ReplyLength { text: String, limit: usize },
    /// May the armed reply for `person` go into this composer? (`core::composer` decides.)
    ComposerOwner {
        person: ArmedPerson,
        composer: ComposerFacts,
    },
}

/// Which contexts may send a request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Any context of this extension.
    Extension,
    /// A content script in a https://www.linkedin.com tab.
    LinkedInTab,
}

impl Request {
    pub fn origin(&self) -> Origin {
        match self {
            Request::Ping {} => Origin::Extension,
            Request::Hello { .. }
            | Request::TriageCards { .. }
            | Request::Record { .. }
            | Request::Status { .. }
            | Request::ListSeen { .. }
            | Request::CardsGone { .. }
            | Request::ComposerOwner { .. }
            | Request::ReplyLength { .. } => Origin::LinkedInTab,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardHtml {
    pub id: String,
    pub html: String,
    /// The card root sits inside a `hidden` element of the page (a fact its outerHTML
    /// does not carry): not shown to the user, so not an invitation (issue #12, the rule
    /// the reader applies to a saved page).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub hidden: bool,
}

/// What the user did in the prompt (or what the prompt did for them).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum RecordEvent {
    PromptShown,
    ReplyInserted,
    ReplyCopied,
    AcceptedAnyway,
    /// "Accept, then follow up / ask" chosen.
    AcceptedFollowUp,
    /// "This one is fine": never hold this invitation's Accept again.
    Overridden,
    NotNow,
}

/// What the ledger needs to know about the invitation an event is about; the content
/// script echoes the snapshot it received with the card's answer. (Field names and event
/// names match the ledger's `Snapshot` and `PageEvent`, issue 4.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub name: String,
    #[serde(default)]
    pub headline: Option<String>,
    #[serde(default)]
    pub profile_url: Option<String>,
    #[serde(default)]
    pub invitation_urn: Option<String>,
    pub note_kind: NoteKind,
    pub fit: Fit,
    pub plan: PlanKind,
}

/// The content script's state on a tab.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PageState {
    /// Badges shown, guard on.
    Active,
    /// An invitations page whose list holds nothing that could be an invitation (decided
    /// by the engine from the list's HTML: `list-seen`). Not sent by the content script.
    Empty,
    /// Not an invitations page: nothing to do.
    Idle,
    /// Card roots found but none could be read (LinkedIn changed its markup?).
    Unreadable,
    /// The engine did not answer or answered errors.
    EngineError,
}

impl PageState {
    /// The toolbar icon for this state: `icons/<name>-<size>.png`, rasterised by the build
    /// from `extension/icons/<name>.svg`. Active on an invitations page AskFirst reads,
    /// inactive where it has nothing to do, off where it stepped aside.
    pub fn icon(self) -> &'static str {
        match self {
            PageState::Active | PageState::Empty => "active",
            PageState::Idle => "inactive",
            PageState::Unreadable | PageState::EngineError => "off",
        }
    }

    /// The toolbar badge text and the catalogue key of its title for this state (discreet:
    /// no badge text when all is well).
    pub fn toolbar(self) -> (&'static str, &'static str) {
        match self {
            PageState::Active => ("", "toolbarActive"),
            PageState::Empty => ("", "toolbarEmpty"),
            PageState::Idle => ("", "extName"),
            PageState::Unreadable => ("off", "toolbarUnreadable"),
            PageState::EngineError => ("off", "toolbarEngineError"),
        }
    }
}

/// Who sent a message, as the browser reports it (`runtime.MessageSender`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Sender {
    pub id: Option<String>,
    /// The sending frame's URL.
    pub url: Option<String>,
    /// Present only when the sender is a tab; with its URL when the browser shares it.
    pub tab: Option<Option<String>>,
}

fn cap(field: &'static str, value: &str, limit: usize) -> Result<(), ProtocolError> {
    if value.len() > limit {
        return Err(ProtocolError::FieldTooLarge {
            field,
            size: value.len(),
            limit,
        });
    }
    Ok(())
}

fn linkedin_url(value: &str) -> Result<(), ProtocolError> {
    cap("url", value, MAX_TEXT_BYTES)?;
    if !live::is_linkedin_url(value) {
        return Err(ProtocolError::NotLinkedInUrl);
    }
    Ok(())
}

/// Parses and validates one message: size first, then shape (known type, no unknown
/// fields, right types), then who may send it, then the field limits.
pub fn parse_request(json: &str, sender: &Sender, own_id: &str) -> Result<Request, ProtocolError> {
    if json.len() > MAX_MESSAGE_BYTES {
        return Err(ProtocolError::TooLarge {
            size: json.len(),
            limit: MAX_MESSAGE_BYTES,
        });
    }
    if own_id.is_empty() || sender.id.as_deref() != Some(own_id) {
        return Err(ProtocolError::ForeignSender);
    }
    let request: Request =
        serde_json::from_str(json).map_err(|e| ProtocolError::Malformed(e.to_string()))?;
    if request.origin() == Origin::LinkedInTab {
        let tab_url = match &sender.tab {
            Some(url) => url.as_deref(),
            None => return Err(ProtocolError::NotLinkedInTab),
        };
        let urls: Vec<&str> = [sender.url.as_deref(), tab_url]
            .into_iter()
            .flatten()
            .collect();
        if urls.is_empty() || !urls.iter().all(|u| live::is_linkedin_url(u)) {
            return Err(ProtocolError::NotLinkedInTab);
        }
    }
    match &request {
        // The text is bounded by the message's size: a reply pasted far over LinkedIn's
        // limit is exactly what must be answered.
        Request::Ping {} | Request::ReplyLength { .. } => {}
        Request::Hello { url } => linkedin_url(url)?,
        Request::Status { url, state } => {
            linkedin_url(url)?;
            // Whether a list is empty is the engine's to say, from the list (`list-seen`).
            if *state == PageState::Empty {
                return Err(ProtocolError::Malformed(
                    "state `empty` is answered by the engine to list-seen, not reported".into(),
                ));
            }
        }
        // The container's HTML is bounded like a card's: an empty list is small, a bigger
        // one holds cards (`list_state` answers unreadable for what it cannot look at).
        Request::ListSeen { url, html } => {
            linkedin_url(url)?;
            cap("html", html, MAX_CARD_HTML_BYTES)?;
        }
        Request::CardsGone { url, keys } => {
            linkedin_url(url)?;
            if keys.len() > MAX_CARDS_PER_MESSAGE {
                return Err(ProtocolError::TooManyCards {
                    count: keys.len(),
                    limit: MAX_CARDS_PER_MESSAGE,
                });
            }
            for key in keys {
                cap("key", key, MAX_TEXT_BYTES)?;
            }
        }
        Request::TriageCards { url, cards, .. } => {
            linkedin_url(url)?;
            if cards.len() > MAX_CARDS_PER_MESSAGE {
                return Err(ProtocolError::TooManyCards {
                    count: cards.len(),
                    limit: MAX_CARDS_PER_MESSAGE,
                });
            }
            let mut seen = std::collections::HashSet::with_capacity(cards.len());
            for card in cards {
                if card.id.is_empty() {
                    return Err(ProtocolError::Empty("id"));
                }
                cap("id", &card.id, MAX_ID_BYTES)?;
                // An over-size card is answered as unread by `triage_card`, not refused
                // here: one odd card must not cost the others their answers.
                if !seen.insert(card.id.as_str()) {
                    return Err(ProtocolError::DuplicateId(card.id.clone()));
                }
            }
        }
        Request::Record {
            key,
            snapshot,
            event,
        } => {
            if key.is_empty() {
                return Err(ProtocolError::Empty("key"));
            }
            cap("key", key, MAX_TEXT_BYTES)?;
            if *event == RecordEvent::Overridden && !is_strong_key(key) {
                return Err(ProtocolError::WeakKey(key.clone()));
            }
            cap("snapshot.name", &snapshot.name, MAX_TEXT_BYTES)?;
            cap(
                "snapshot.headline",
                snapshot.headline.as_deref().unwrap_or(""),
                MAX_TEXT_BYTES,
            )?;
            cap(
                "snapshot.profile_url",
                snapshot.profile_url.as_deref().unwrap_or(""),
                MAX_TEXT_BYTES,
            )?;
            cap(
                "snapshot.invitation_urn",
                snapshot.invitation_urn.as_deref().unwrap_or(""),
                MAX_TEXT_BYTES,
            )?;
        }
        Request::ComposerOwner { person, composer } => {
            cap("person.name", &person.name, MAX_TEXT_BYTES)?;
            let path = person.profile_path.as_deref().unwrap_or("");
            cap("person.profile_path", path, MAX_TEXT_BYTES)?;
            for (field, items) in [
                ("composer.links", &composer.links),
                ("composer.titles", &composer.titles),
            ] {
                if items.len() > MAX_HEADER_ITEMS {
                    return Err(ProtocolError::Malformed(format!(
                        "{} {field} in one header; the limit is {MAX_HEADER_ITEMS}",
                        items.len()
                    )));
                }
                for item in items.iter() {
                    cap(field, item, MAX_TEXT_BYTES)?;
                }
            }
        }
    }
    Ok(request)
}

/// The answer to `composer-owner`: whose conversation it is, and whether the armed reply
/// may go in.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ComposerAnswer {
    pub ok: bool,
    pub owner: Owner,
    pub insert: bool,
}

/// The answer to `reply-length`: the reply's length in characters and the limit, and
/// whether it is over (the prompt words the warning from the catalogue).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReplyLengthAnswer {
    pub ok: bool,
    pub too_long: bool,
    pub length: usize,
    pub limit: usize,
}

pub fn reply_length(text: &str, limit: usize) -> ReplyLengthAnswer {
    let over = crate::core::triage::too_long(text, limit);
    ReplyLengthAnswer {
        ok: true,
        too_long: over.is_some(),
        length: over.unwrap_or_else(|| text.chars().count()),
        limit,
    }
}

pub fn composer_owner(person: &ArmedPerson, facts: &ComposerFacts) -> ComposerAnswer {
    ComposerAnswer {
        ok: true,
        owner: composer::owner(person, facts),
        insert: composer::may_insert(person, facts),
    }
}

// ---- Answers ------------------------------------------------------------------------------

/// An error answer: the content script fails open on any of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorAnswer {
    pub ok: bool,
    pub code: &'static str,
    pub error: String,
}

impl ErrorAnswer {
    pub fn new(code: &'static str, error: impl Into<String>) -> ErrorAnswer {
        ErrorAnswer {
            ok: false,
            code,
            error: error.into(),
        }
    }
}

impl From<&ProtocolError> for ErrorAnswer {
    fn from(e: &ProtocolError) -> Self {
        ErrorAnswer::new(e.code(), e.to_string())
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct HelloAnswer {
    pub ok: bool,
    /// True on pages listing received invitations: the content script starts its work.
    pub active: bool,
    /// Card roots and list containers (from the reader), used only when active.
    pub cards: PageSelectors,
    pub live: LiveSelectors,
    /// The engine's message limits, so that the content script never copies them.
    pub limits: Limits,
    /// The ceiling on the content script's own work on the page (issue #12 §3).
    pub ceiling: ceiling::WorkCeiling,
}

/// The limits `parse_request` applies, all in UTF-8 bytes of the message's JSON (what the
/// router measures), as the content script must budget its chunks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Limits {
    pub max_message_bytes: usize,
    pub max_card_html_bytes: usize,
    pub max_cards_per_message: usize,
    /// A LinkedIn tab's largest message, which bounds a `thread-seen` thread's HTML.
    pub max_thread_message_bytes: usize,
}

pub const LIMITS: Limits = Limits {
    max_message_bytes: MAX_MESSAGE_BYTES,
    max_card_html_bytes: MAX_CARD_HTML_BYTES,
    max_cards_per_message: MAX_CARDS_PER_MESSAGE,
    max_thread_message_bytes: ledger::MAX_TAB_MESSAGE_BYTES,
};

/// The answer to `list-seen`: what the list is, as the content script reports it on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ListAnswer {
    pub ok: bool,
    pub state: PageState,
}

pub fn list_seen(html: &str) -> ListAnswer {
    use crate::core::linkedin::empty::{list_state, ListState};
    ListAnswer {
        ok: true,
        state: match list_state(html) {
            ListState::Empty => PageState::Empty,
            ListState::Unreadable => PageState::Unreadable,
        },
    }
}

pub fn hello(url: &str) -> HelloAnswer {
    HelloAnswer {
        ok: true,
        active: live::is_invitations_url(url),
        cards: linkedin::page_selectors(),
        live: live::live_selectors(),
        limits: LIMITS,
        ceiling: ceiling::CEILING,
    }
}

/// How a card was understood.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum CardStatus {
    /// A person invitation: badge it, maybe guard it.
    Person,
    /// A page, newsletter or event invitation: leave it alone.
    NotPerson,
    /// Nothing could be read from it (or it is over `MAX_CARD_HTML_BYTES`): leave it
    /// alone (fail-open).
    Unread,
    /// The element sent wraps other card roots (`roots`): send each of those instead.
    Holds,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardAnswer {
    pub id: String,
    pub status: CardStatus,
    pub person: bool,
    /// What the badge shows (person invitations): in the answer itself.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub badge: Option<CardBadge>,
    /// The rest of the verdict: not in the answer, but sent to the tab right after it
    /// ([`TriageAnswer::take_details`]), so that the badges never wait for the prompt's parts.
    #[serde(skip)]
    pub details: Option<CardDetails>,
    /// `Holds`: where the card roots are inside the element sent, in page order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub roots: Vec<Locator>,
    /// What the reader looked for and did not find (unread cards).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<String>,
}

/// Everything the content script shows and does for one person invitation, in two parts:
/// the badge, which the page waits for, and the details, which only a click on Accept, the
/// prompt and armed insertion need. The triage answer carries the badges; the details
/// follow in a `card-details` message to the tab. (Measured, 100 cards, 30 interleaved
/// loads each: with the whole verdict in the answer, 157 KB, the last badge came ~9 ms
/// later, 42.3 against 32.9 ms for cards read before, 50.7 against 41.6 ms for new ones.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardVerdict {
    #[serde(flatten)]
    pub badge: CardBadge,
    #[serde(flatten)]
    pub details: CardDetails,
}

/// What the badge of a person invitation shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardBadge {
    pub note_kind: NoteKind,
    /// For a reasoned note, the kind of reason it gives; the badge's text starts with it.
    pub reason_kind: Option<ReasonKind>,
    pub fit: Fit,
    pub plan: PlanKind,
    /// The plan in a word or two (`Said`: the content script words it by the catalogue).
    pub plan_label: Said,
    /// The badge's visible text: the plan and the main reason.
    pub badge_label: Said,
    pub reasons: Vec<Said>,
    /// The user said "this one is fine" for this invitation.
    pub overridden: bool,
}

/// What the Accept guard, the prompt and armed insertion need for one person invitation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CardDetails {
    /// The invitation's stable key (profile URL, else urn, else name).
    pub key: String,
    pub name: String,
    /// The reply of the first action that sends one (the prompt shows it first).
    pub reply: Option<String>,
    /// The reply for each moment this card's actions send one at (`PromptAction::moment`
    /// says which an action uses): never "before I accept" after Accept (issue 14 §1).
    pub replies: Vec<MomentReply>,
    /// The longest reply LinkedIn takes on the first path, in characters (Unicode scalar
    /// values): the prompt checks the user's edits against it.
    pub reply_limit: usize,
    /// Problems to show before sending (the reply is over LinkedIn's limit).
    pub warnings: Vec<Said>,
    pub controls: Controls,
    /// Hold the user's first click on Accept and open the prompt.
    pub guard: bool,
    /// The prompt's actions possible on this card, recommended first.
    pub actions: Vec<PromptAction>,
    /// How to recognise this person's composer.
    pub person_match: PersonMatch,
    /// The card's links to this person's profile, as written: the guard acts only while
    /// the live card still holds one (`composer::profile_hrefs`).
    pub person_hrefs: Vec<String>,
    /// Echoed back in `record` messages.
    pub snapshot: Snapshot,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TriageAnswer {
    pub ok: bool,
    pub cards: Vec<CardAnswer>,
}

/// The message the background sends to the tab after a triage answer: the details of the
/// answer's person invitations, by card id.
#[derive(Debug, Serialize)]
pub struct DetailsMessage {
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub cards: Vec<CardDetailsOf>,
}

#[derive(Debug, Serialize)]
pub struct CardDetailsOf {
    pub id: String,
    #[serde(flatten)]
    pub details: CardDetails,
}

impl TriageAnswer {
    /// Takes the details out of the answer, as the `card-details` message that follows it;
    /// `None` when no card has any.
    pub fn take_details(&mut self) -> Option<DetailsMessage> {
        let cards: Vec<_> = self
            .cards
            .iter_mut()
            .filter_map(|c| {
                c.details.take().map(|details| CardDetailsOf {
                    id: c.id.clone(),
                    details,
                })
            })
            .collect();
        (!cards.is_empty()).then_some(DetailsMessage {
            kind: "card-details",
            cards,
        })
    }
}

/// What a prompt button does; the content script carries it out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ActionKind {
    /// Arm insertion, then the user opens LinkedIn's "Reply to <name>" control.
    ReplyToInvitation,
    /// Arm insertion, then the user opens the card's free Message button.
    Message,
    /// Copy the reply to the clipboard.
    Copy,
    /// Arm insertion and let the next click on Accept through; the user then opens
    /// Message on the new connection.
    AcceptThenReply,
    /// Let the next click on Accept through.
    AcceptAnyway,
    /// Remember "this one is fine": never hold this invitation again.
    MarkFine,
    NotNow,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PromptAction {
    pub action: ActionKind,
    pub label: Said,
    /// When the reply this action sends arrives, for actions that send one: its text is
    /// the card's reply for that moment.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub moment: Option<Moment>,
}

/// The prompt's buttons: the engine's reply paths for this card, in the engine's order
/// (`plan::decide` owns which are possible: reply when a Reply control exists, message
/// when a free Message button does, accept and ask/follow up, leave pending), then the
/// ones every guarded card offers. Nothing that needs a reply is offered without a reply for
/// its moment (`replies`), and nothing that needs Accept without a located Accept control. "This one is fine" only
/// when the invitation has a strong key (`overridable`): a name alone would clear the
/// guard for every namesake.
fn prompt_actions(
    paths: &[ReplyPath],
    controls: &Controls,
    first_name: &str,
    replies: &[Moment],
    overridable: bool,
) -> Vec<PromptAction> {
    let named = !first_name.trim().is_empty();
    let accept = controls.accept.is_some();
    let has_reply = !replies.is_empty();
    let mut out = Vec::new();
    let mut push = |action, label: Said, moment| {
        out.push(PromptAction {
            action,
            label,
            moment,
        })
    };
    let mut pending = Said::of("actionNotNow");
    for path in paths {
        let moment = path.moment();
        let has_reply = moment.is_some_and(|m| replies.contains(&m));
        match path {
            ReplyPath::ReplyToInvitation if has_reply => push(
                ActionKind::ReplyToInvitation,
                if named {
                    Said::with("actionReplyToInvitation", vec![first_name.into()])
                } else {
                    Said::of("actionReplyToTheirInvitation")
                },
                moment,
            ),
            ReplyPath::MessageViaProfile if has_reply => push(
                ActionKind::Message,
                if named {
                    Said::with("actionMessageFirst", vec![first_name.into()])
                } else {
                    Said::of("actionMessageThemFirst")
                },
                moment,
            ),
            ReplyPath::AcceptAndAsk if has_reply && accept => push(
                ActionKind::AcceptThenReply,
                Said::of("actionAcceptThenAsk"),
                moment,
            ),
            ReplyPath::AcceptAndFollowUp if has_reply && accept => push(
                ActionKind::AcceptThenReply,
                Said::of("actionAcceptThenFollowUp"),
                moment,
            ),
            ReplyPath::LeavePending => pending = Said::of("actionLeavePending"),
            _ => {}
        }
    }
    if has_reply {
        // The reply shown first: the primary moment's.
        push(
            ActionKind::Copy,
            Said::of("actionCopy"),
            replies.first().copied(),
        );
    }
    if accept {
        push(
            ActionKind::AcceptAnyway,
            Said::of("actionAcceptAnyway"),
            None,
        );
    }
    if overridable {
        push(ActionKind::MarkFine, Said::of("actionMarkFine"), None);
    }
    push(ActionKind::NotNow, pending, None);
    out
}

/// The plan in a word or two (the popup and the options page word the same keys).
pub fn plan_label(plan: PlanKind) -> Said {
    plan.label()
}

fn verdict(t: Triage, fine: &Overrides) -> CardVerdict {
    let inv = &t.invitation;
    let key = inv.key();
    // Overrides are stored and looked up by strong keys only (see `prompt_actions`).
    let strong = inv.strong_key();
    let overridden = strong.as_deref().is_some_and(|k| fine.contains(k));
    let plan_label = plan_label(t.plan);
    let badge_label = match t.reasons.first() {
        Some(reason) => Said::with(
            "badgeLabel",
            vec![plan_label.clone().into(), reason.clone().into()],
        ),
        None => plan_label.clone(),
    };
    let details = CardDetails {
        guard: t.plan != PlanKind::Accept && !overridden,
        actions: prompt_actions(
            &t.reply_paths,
            &inv.controls,
            &inv.first_name,
            &t.replies.iter().map(|r| r.moment).collect::<Vec<_>>(),
            strong.is_some(),
        ),
        person_match: live::person_match(inv.profile_url.as_deref(), &inv.name),
        person_hrefs: Vec::new(), // from the card's HTML: triage_card_in
        snapshot: Snapshot {
            name: inv.name.clone(),
            headline: inv.headline.clone(),
            profile_url: inv.profile_url.clone(),
            invitation_urn: inv.invitation_urn.clone(),
            note_kind: t.note_kind,
            fit: t.fit,
            plan: t.plan,
        },
        key,
        name: inv.name.clone(),
        reply: t.reply.clone(),
        replies: t.replies.clone(),
        reply_limit: t
            .reply_paths
            .first()
            .map_or(MESSAGE_LIMIT, |p| limit_for(*p)),
        warnings: t.warnings.clone(),
        controls: inv.controls.clone(),
    };
    CardVerdict {
        badge: CardBadge {
            note_kind: t.note_kind,
            reason_kind: t.reason_kind,
            fit: t.fit,
            plan: t.plan,
            plan_label,
            badge_label,
            reasons: t.reasons,
            overridden,
        },
        details,
    }
}

/// Reads and triages one card root's outerHTML with the same reader the CLI uses.
pub fn triage_card(engine: &Engine, card: &CardHtml, fine: &Overrides) -> CardAnswer {
    triage_cards_with(
        engine,
        std::slice::from_ref(card),
        fine,
        &mut ReadCache::new(0),
    )
    .cards
    .remove(0)
}

/// Every card of a message left unread, with why (a tab over its reading allowance).
pub fn triage_refused(cards: &[CardHtml], why: &str) -> TriageAnswer {
    TriageAnswer {
        ok: true,
        cards: cards.iter().map(|c| unread(c, why.to_string())).collect(),
    }
}

fn triage_card_in(
    engine: &Engine,
    card: &CardHtml,
    fine: &Overrides,
    reads: &mut ReadCache,
) -> CardAnswer {
    let answer = |status, verdict: Option<CardVerdict>, diagnostics| {
        let (badge, details) = verdict.map(|v| (v.badge, v.details)).unzip();
        CardAnswer {
            id: card.id.clone(),
            status,
            person: status == CardStatus::Person,
            badge,
            details,
            roots: vec![],
            diagnostics,
        }
    };
    if card.hidden {
        let why = "the card is inside a hidden element: not shown, not read".to_string();
        return answer(CardStatus::NotPerson, None, vec![why]);
    }
    if card.html.len() > MAX_CARD_HTML_BYTES {
        let why = format!(
            "card is {} bytes; the limit is {MAX_CARD_HTML_BYTES}: not read",
            card.html.len()
        );
        return answer(CardStatus::Unread, None, vec![why]);
    }
    let sent = reads.read(&card.html);
    let read = match &*sent {
        SentCard::Read(read) => read,
        SentCard::Holds(roots) => {
            return CardAnswer {
                roots: roots.clone(),
                ..answer(CardStatus::Holds, None, vec![])
            }
        }
    };
    match read.invitations.first() {
        None => answer(CardStatus::Unread, None, read.diagnostics.clone()),
        Some(inv) if inv.kind != InvitationKind::Person => {
            answer(CardStatus::NotPerson, None, vec![])
        }
        Some(inv) => match engine.triage(inv) {
            Some(t) => {
                let mut v = verdict(t, fine);
                if let Some(path) = &v.details.person_match.profile_path {
                    v.details.person_hrefs = composer::profile_hrefs(&card.html, path);
                }
                answer(CardStatus::Person, Some(v), vec![])
            }
            None => answer(CardStatus::NotPerson, None, vec![]),
        },
    }
}

pub fn triage_cards(engine: &Engine, cards: &[CardHtml], fine: &Overrides) -> TriageAnswer {
    triage_cards_with(engine, cards, fine, &mut ReadCache::new(0))
}

/// [`triage_cards`], reading through `reads`: HTML read before is not parsed again. The
/// settings and the overrides apply after reading, so they never make a kept read stale.
pub fn triage_cards_with(
    engine: &Engine,
    cards: &[CardHtml],
    fine: &Overrides,
    reads: &mut ReadCache,
) -> TriageAnswer {
    // Work per message (issue #13, finding 5): each card's shape is told before it is
    // parsed; one too deep or too big, and the cards past the message's allowance, are
    // answered unread with the reason.
    let mut left = markup_budget::MAX_MESSAGE_ELEMENTS;
    TriageAnswer {
        ok: true,
        cards: cards
            .iter()
            .map(|c| {
                let shape =
                    markup_budget::check(&c.html, markup_budget::MAX_CARD_ELEMENTS.min(left));
                match shape {
                    Ok(shape) => {
                        left -= shape.elements;
                        triage_card_in(engine, c, fine, reads)
                    }
                    Err(why) => unread(c, why),
                }
            })
            .collect(),
    }
}

/// A card left unread, with why.
fn unread(card: &CardHtml, why: String) -> CardAnswer {
    CardAnswer {
        id: card.id.clone(),
        status: CardStatus::Unread,
        person: false,
        badge: None,
        details: None,
        roots: vec![],
        diagnostics: vec![why],
    }
}

/// What the reader made of card HTML it was sent before. The reader is a function of the
/// HTML alone, so the same bytes read the same: a page opened again, a list LinkedIn
/// renders again or a route back to the invitations skips html5ever and the reader
/// (about 85 % of a message's time). Kept first in, first out, up to `cap` bytes of HTML;
/// a card over the cap is read and not kept.
#[derive(Debug)]
pub struct ReadCache {
    reads: HashMap<Rc<str>, Rc<SentCard>>,
    order: VecDeque<Rc<str>>,
    bytes: usize,
    cap: usize,
}

impl ReadCache {
    /// The background's cap: 4 MiB of HTML, some 2,000 of LinkedIn's cards.
    pub const BACKGROUND_CAP: usize = 4 << 20;

    pub fn new(cap: usize) -> ReadCache {
        ReadCache {
            reads: HashMap::new(),
            order: VecDeque::new(),
            bytes: 0,
            cap,
        }
    }

    /// The reader's result for `html`, kept or read now.
    pub fn read(&mut self, html: &str) -> Rc<SentCard> {
        if let Some(read) = self.reads.get(html) {
            return read.clone();
        }
        let read = Rc::new(linkedin::read_sent_card(html));
        if html.len() <= self.cap {
            let key: Rc<str> = Rc::from(html);
            self.bytes += key.len();
            self.reads.insert(key.clone(), read.clone());
            self.order.push_back(key);
            while self.bytes > self.cap {
                let Some(old) = self.order.pop_front() else {
                    break;
                };
                self.bytes -= old.len();
                self.reads.remove(&old);
            }
        }
        read
    }

    /// Cards kept, and their bytes of HTML.
    pub fn size(&self) -> (usize, usize) {
        (self.reads.len(), self.bytes)
    }
}

// ---- The per-invitation "this one is fine" overrides ---------------------------------------

/// Invitation keys the user marked "this one is fine", with when (ms since the epoch): the
/// ledger's `overridden` events (`Ledger::overridden`), as triage looks them up.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Overrides {
    pub fine: BTreeMap<String, f64>,
}

impl Overrides {
    /// Keys are compared in the ledger's canonical form (a profile link's case, query
    /// or trailing slash do not make another person).
    pub fn contains(&self, key: &str) -> bool {
        self.fine.contains_key(key)
            || crate::core::ledger::normalise_key(key).is_ok_and(|k| self.fine.contains_key(&k))
    }

    pub fn mark_fine(&mut self, key: &str, now_ms: f64) {
        self.fine.insert(key.to_string(), now_ms);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::invitation::{Invitation, Locator};
    use crate::core::settings::Settings;

    const OWN: &str = "abcdefghijklmnopabcdefghijklmnop";

    fn tab() -> Sender {
        Sender {
            id: Some(OWN.into()),
            url: Some("https://www.linkedin.com/mynetwork/invitation-manager/received/".into()),
            tab: Some(Some(
                "https://www.linkedin.com/mynetwork/invitation-manager/received/".into(),
            )),
        }
    }

    fn popup() -> Sender {
        Sender {
            id: Some(OWN.into()),
            url: Some(format!("chrome-extension://{OWN}/popup.html")),
            tab: None,
        }
    }

    fn parse(json: &str, sender: &Sender) -> Result<Request, ProtocolError> {
        parse_request(json, sender, OWN)
    }

    const HELLO: &str = r#"{"type":"hello","url":"https://www.linkedin.com/mynetwork/grow/"}"#;

    #[test]
    fn well_formed_messages_are_accepted() {
        assert_eq!(
            parse(HELLO, &tab()),
            Ok(Request::Hello {
                url: "https://www.linkedin.com/mynetwork/grow/".into()
            })
        );
        assert_eq!(parse(r#"{"type":"ping"}"#, &popup()), Ok(Request::Ping {}));
        let triage = r#"{"type":"triage-cards","url":"https://www.linkedin.com/mynetwork/",
            "cards":[{"id":"c1","html":"<li></li>"},{"id":"c2","html":""}]}"#;
        assert!(
            matches!(parse(triage, &tab()), Ok(Request::TriageCards { cards, fresh: false, .. }) if cards.len() == 2)
        );
        let fresh = r#"{"type":"triage-cards","url":"https://www.linkedin.com/mynetwork/","cards":[],"fresh":true}"#;
        assert!(matches!(
            parse(fresh, &tab()),
            Ok(Request::TriageCards { fresh: true, .. })
        ));
        let not_bool = r#"{"type":"triage-cards","url":"https://www.linkedin.com/mynetwork/","cards":[],"fresh":"yes"}"#;
        assert!(matches!(
            parse(not_bool, &tab()),
            Err(ProtocolError::Malformed(_))
        ));
        let record = r#"{"type":"record","key":"https://www.linkedin.com/in/ana/","event":"overridden",
            "snapshot":{"name":"Ana","headline":null,"profile_url":null,"note_kind":"none","fit":"unclear","plan":"ask-first"}}"#;
        assert!(matches!(
            parse(record, &tab()),
            Ok(Request::Record {
                event: RecordEvent::Overridden,
                ..
            })
        ));
        let status =
            r#"{"type":"status","url":"https://www.linkedin.com/feed/","state":"engine-error"}"#;
        assert!(matches!(
            parse(status, &tab()),
            Ok(Request::Status {
                state: PageState::EngineError,
                ..
            })
        ));
    }

    #[test]
    fn list_seen_and_cards_gone_are_validated_and_empty_is_the_engines_word() {
        let url = "https://www.linkedin.com/mynetwork/invitation-manager/received/";
        let msg = |v: serde_json::Value| parse(&v.to_string(), &tab());
        assert!(matches!(
            msg(serde_json::json!({"type": "list-seen", "url": url, "html": "<div></div>"})),
            Ok(Request::ListSeen { .. })
        ));
        let big = "<p></p>".repeat(MAX_CARD_HTML_BYTES / 7 + 1);
        assert!(matches!(
            msg(serde_json::json!({"type": "list-seen", "url": url, "html": big})),
            Err(ProtocolError::FieldTooLarge { field: "html", .. })
        ));
        assert!(matches!(
            msg(
                serde_json::json!({"type": "list-seen", "url": "https://example.com/", "html": ""})
            ),
            Err(ProtocolError::NotLinkedInUrl)
        ));
        assert!(matches!(
            msg(serde_json::json!({"type": "cards-gone", "url": url, "keys": ["urn:li:invitation:1"]})),
            Ok(Request::CardsGone { keys, .. }) if keys.len() == 1
        ));
        let many: Vec<String> = (0..=MAX_CARDS_PER_MESSAGE)
            .map(|i| format!("k{i}"))
            .collect();
        assert!(matches!(
            msg(serde_json::json!({"type": "cards-gone", "url": url, "keys": many})),
            Err(ProtocolError::TooManyCards { .. })
        ));
        // A page cannot claim its list is empty: only the engine's reading of it says so.
        assert!(matches!(
            msg(serde_json::json!({"type": "status", "url": url, "state": "empty"})),
            Err(ProtocolError::Malformed(_))
        ));
        assert_eq!(
            list_seen("<div><p>No pending invitations</p></div>").state,
            PageState::Empty
        );
        assert_eq!(
            list_seen(r#"<div><a href="/in/ana/">Ana</a></div>"#).state,
            PageState::Unreadable
        );
    }

    #[test]
    fn reply_length_counts_characters_as_linkedin_does() {
        let ask = |text: &str, limit: usize| {
            let json = serde_json::json!({ "type": "reply-length", "text": text, "limit": limit });
            match parse(&json.to_string(), &tab()) {
                Ok(Request::ReplyLength { text, limit }) => reply_length(&text, limit),
                other => panic!("{other:?}"),
            }
        };
        let at = ask(&"x".repeat(MESSAGE_LIMIT), MESSAGE_LIMIT);
        assert!(!at.too_long);
        assert_eq!(at.length, MESSAGE_LIMIT);
        let over = ask(&"x".repeat(MESSAGE_LIMIT + 1), MESSAGE_LIMIT);
        assert_eq!(
            over,
            ReplyLengthAnswer {
                ok: true,
                too_long: true,
                length: MESSAGE_LIMIT + 1,
                limit: MESSAGE_LIMIT
            }
        );
        // Characters, not UTF-8 bytes or UTF-16 units: 300 emoji are 300.
        let emoji = ask(&"😀".repeat(300), 300);
        assert_eq!((emoji.too_long, emoji.length), (false, 300));
        assert!(ask(&"é".repeat(301), 300).too_long);
        let popup_sent = serde_json::json!({ "type": "reply-length", "text": "x", "limit": 1 });
        assert_eq!(
            parse(&popup_sent.to_string(), &popup()),
            Err(ProtocolError::NotLinkedInTab)
        );
        let negative = r#"{"type":"reply-length","text":"x","limit":-1}"#;
        assert!(matches!(
            parse(negative, &tab()),
            Err(ProtocolError::Malformed(_))
        ));
    }

    #[test]
    fn composer_owner_is_a_page_message_with_bounded_facts() {
        let ask = |links: &str, titles: &str| {
            format!(
                r#"{{"type":"composer-owner","person":{{"profile_path":"/in/ana-pereira/","name":"Ana Pereira"}},
                "composer":{{"in_conversation":true,"links":{links},"titles":{titles},
                "open_before_arming":false,"since_click_ms":null}}}}"#
            )
        };
        let namesake = ask(
            r#"["https://www.linkedin.com/in/ana-pereira-2/"]"#,
            r#"["Ana Pereira"]"#,
        );
        let Ok(Request::ComposerOwner { person, composer }) = parse(&namesake, &tab()) else {
            panic!("refused: {namesake}");
        };
        assert_eq!(
            composer_owner(&person, &composer),
            ComposerAnswer {
                ok: true,
                owner: Owner::Other,
                insert: false
            }
        );
        let theirs = ask(r#"["https://www.linkedin.com/in/ana-pereira/"]"#, "[]");
        let Ok(Request::ComposerOwner { person, composer }) = parse(&theirs, &tab()) else {
            panic!("refused: {theirs}");
        };
        assert!(composer_owner(&person, &composer).insert);
        assert_eq!(parse(&theirs, &popup()), Err(ProtocolError::NotLinkedInTab));
        let many = format!("[{}]", vec![r#""x""#; MAX_HEADER_ITEMS + 1].join(","));
        assert!(matches!(
            parse(&ask(&many, "[]"), &tab()),
            Err(ProtocolError::Malformed(_))
        ));
        let long = format!(r#"["{}"]"#, "a".repeat(MAX_TEXT_BYTES + 1));
        assert!(matches!(
            parse(&ask("[]", &long), &tab()),
            Err(ProtocolError::FieldTooLarge { .. })
        ));
        let extra = theirs.replace(
            r#""since_click_ms":null"#,
            r#""since_click_ms":null,"decided":true"#,
        );
        assert!(matches!(
            parse(&extra, &tab()),
            Err(ProtocolError::Malformed(_))
        ));
    }

    #[test]
    fn forged_senders_are_refused() {
        let mut other_extension = tab();
        other_extension.id = Some("zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz".into());
        assert_eq!(
            parse(HELLO, &other_extension),
            Err(ProtocolError::ForeignSender)
        );
        let mut no_id = tab();
        no_id.id = None;
        assert_eq!(parse(HELLO, &no_id), Err(ProtocolError::ForeignSender));
        assert_eq!(
            parse_request(HELLO, &Sender::default(), ""),
            Err(ProtocolError::ForeignSender)
        );
        // Page messages from an extension page (no tab) or another site's tab.
        assert_eq!(parse(HELLO, &popup()), Err(ProtocolError::NotLinkedInTab));
        let mut evil_tab = tab();
        evil_tab.url = Some("https://evil.example/".into());
        evil_tab.tab = Some(Some("https://evil.example/".into()));
        assert_eq!(parse(HELLO, &evil_tab), Err(ProtocolError::NotLinkedInTab));
        let mut lookalike = tab();
        lookalike.url = Some("https://www.linkedin.com.evil.example/mynetwork/grow/".into());
        assert_eq!(parse(HELLO, &lookalike), Err(ProtocolError::NotLinkedInTab));
        let mut no_urls = tab();
        no_urls.url = None;
        no_urls.tab = Some(None);
        assert_eq!(parse(HELLO, &no_urls), Err(ProtocolError::NotLinkedInTab));
    }

    #[test]
    fn malformed_messages_are_refused_with_an_error_not_a_panic() {
        let bad = [
            "",
            "null",
            "[]",
            "42",
            "{}",
            r#"{"type":"launch-missiles"}"#,
            r#"{"type":"HELLO","url":"https://www.linkedin.com/"}"#,
            r#"{"type":"hello"}"#,
            r#"{"type":"hello","url":42}"#,
            r#"{"type":"hello","url":"https://www.linkedin.com/","extra":true}"#,
            r#"{"type":"ping","extra":true}"#,
            r#"{"type":"triage-cards","url":"https://www.linkedin.com/","cards":[{"id":"a","html":"x","style":"y"}]}"#,
            r#"{"type":"triage-cards","url":"https://www.linkedin.com/","cards":{"id":"a"}}"#,
            r#"{"type":"record","key":"k","event":"delete-everything","snapshot":{"name":"A","headline":null,"profile_url":null,"note_kind":"none","fit":"unclear","plan":"ask-first"}}"#,
            r#"{"type":"record","key":"k","event":"not-now","snapshot":{"name":"A","headline":null,"profile_url":null,"note_kind":"none","fit":"unclear","plan":"ask-first","admin":1}}"#,
            r#"{"type":"status","url":"https://www.linkedin.com/","state":"pwned"}"#,
            "{\"type\":\"hello\",\"url\":\"\u{0}",
        ];
        for json in bad {
            assert!(
                matches!(parse(json, &tab()), Err(ProtocolError::Malformed(_))),
                "{json}"
            );
        }
    }

    #[test]
    fn field_values_are_checked() {
        let not_linkedin = r#"{"type":"hello","url":"https://evil.example/mynetwork/grow/"}"#;
        assert_eq!(
            parse(not_linkedin, &tab()),
            Err(ProtocolError::NotLinkedInUrl)
        );
        let card = |id: &str, html: &str| format!(r#"{{"id":"{id}","html":"{html}"}}"#);
        let triage = |cards: Vec<String>| {
            format!(
                r#"{{"type":"triage-cards","url":"https://www.linkedin.com/","cards":[{}]}}"#,
                cards.join(",")
            )
        };
        let dup = triage(vec![card("a", ""), card("a", "")]);
        assert_eq!(
            parse(&dup, &tab()),
            Err(ProtocolError::DuplicateId("a".into()))
        );
        assert_eq!(
            parse(&triage(vec![card("", "")]), &tab()),
            Err(ProtocolError::Empty("id"))
        );
        let long_id = "i".repeat(MAX_ID_BYTES + 1);
        assert!(matches!(
            parse(&triage(vec![card(&long_id, "")]), &tab()),
            Err(ProtocolError::FieldTooLarge { field: "id", .. })
        ));
        // An over-size card no longer sinks the message: it is answered as unread, the
        // others are read. Non-ASCII text counts in UTF-8 bytes, as Rust measures it (this
        // one is under the limit in UTF-16 units, what JavaScript's `length` counts).
        let huge_card = "é".repeat(MAX_CARD_HTML_BYTES / 2 + 1);
        assert!(huge_card.chars().count() < MAX_CARD_HTML_BYTES);
        let ana = r#"<div role='listitem' componentkey='urn:li:invitation:1'><p><a href='/in/ana/'><strong>Ana Lima</strong></a> is inviting you to connect</p><button data-view-name='invitation-action' aria-label='Ignore'>Ignore</button><button data-view-name='invitation-action' aria-label='Accept'>Accept</button></div>"#;
        let msg = triage(vec![card("big", &huge_card), card("ana", ana)]);
        let Ok(Request::TriageCards { cards, .. }) = parse(&msg, &tab()) else {
            panic!("an over-size card must not refuse the message");
        };
        let answer = triage_cards(
            &Engine::new(Settings::default()),
            &cards,
            &Overrides::default(),
        );
        assert_eq!(answer.cards[0].status, CardStatus::Unread);
        assert!(
            answer.cards[0].diagnostics[0].contains("limit"),
            "{:?}",
            answer.cards[0].diagnostics
        );
        assert_eq!(answer.cards[1].status, CardStatus::Person);
        let many = (0..=MAX_CARDS_PER_MESSAGE)
            .map(|i| card(&i.to_string(), ""))
            .collect();
        assert_eq!(
            parse(&triage(many), &tab()),
            Err(ProtocolError::TooManyCards {
                count: MAX_CARDS_PER_MESSAGE + 1,
                limit: MAX_CARDS_PER_MESSAGE
            })
        );
        let whole = " ".repeat(MAX_MESSAGE_BYTES + 1);
        assert_eq!(
            parse(&whole, &tab()),
            Err(ProtocolError::TooLarge {
                size: MAX_MESSAGE_BYTES + 1,
                limit: MAX_MESSAGE_BYTES
            })
        );
        let empty_key = r#"{"type":"record","key":"","event":"not-now","snapshot":{"name":"A","headline":null,"profile_url":null,"note_kind":"none","fit":"unclear","plan":"ask-first"}}"#;
        assert_eq!(parse(empty_key, &tab()), Err(ProtocolError::Empty("key")));
        // "This one is fine" for a name-only key would clear every namesake's guard.
        let record = |key: &str, event: &str| {
            format!(
                r#"{{"type":"record","key":"{key}","event":"{event}","snapshot":{{"name":"Bob Lee","headline":null,"profile_url":null,"note_kind":"none","fit":"unclear","plan":"ask-first"}}}}"#
            )
        };
        assert_eq!(
            parse(&record("name:Bob Lee", "overridden"), &tab()),
            Err(ProtocolError::WeakKey("name:Bob Lee".into()))
        );
        assert!(
            matches!(
                parse(&record(" name:Bob Lee", "overridden"), &tab()),
                Err(ProtocolError::WeakKey(_))
            ),
            "a name key with a space before it is a name key"
        );
        assert!(parse(&record("name:Bob Lee", "not-now"), &tab()).is_ok());
        assert!(parse(&record("urn:li:invitation:7", "overridden"), &tab()).is_ok());
    }

    #[test]
    fn hello_answers_selectors_only_on_invitation_pages() {
        let on = hello("https://www.linkedin.com/mynetwork/invitation-manager/received/");
        assert!(on.active);
        assert_eq!(on.cards, linkedin::page_selectors());
        let off = hello("https://www.linkedin.com/feed/");
        assert!(!off.active);
        // The composer selectors travel either way: an armed reply may be inserted after
        // the user has moved on to the messaging page.
        assert!(!off.live.composer.editor.is_empty());
        let json = serde_json::to_value(&on).unwrap();
        assert_eq!(
            json["live"]["composer"]["shadow_hosts"][0],
            "#interop-outlet"
        );
        // The content script budgets its messages with the engine's own limits.
        assert_eq!(json["limits"]["max_card_html_bytes"], MAX_CARD_HTML_BYTES);
        assert_eq!(json["limits"]["max_message_bytes"], MAX_MESSAGE_BYTES);
        assert_eq!(
            json["limits"]["max_cards_per_message"],
            MAX_CARDS_PER_MESSAGE
        );
        assert_eq!(
            json["limits"]["max_thread_message_bytes"],
            ledger::MAX_TAB_MESSAGE_BYTES
        );
        // And its work with the engine's ceiling (issue #12 §3).
        assert_eq!(
            json["ceiling"]["max_restarts"],
            ceiling::CEILING.max_restarts
        );
        assert_eq!(json["ceiling"]["rest_ms"], ceiling::CEILING.rest_ms);
    }

    #[test]
    fn a_card_inside_a_hidden_element_is_not_read() {
        // The content script says so (its outerHTML cannot): issue #12's browser variants
        // found a hidden duplicate's inner card root badged where the CLI read nothing.
        let page = include_str!("../../../tests/fixtures/linkedin/current-en.html");
        let doc = scraper::Html::parse_document(page);
        let sel =
            scraper::Selector::parse(r#"[role="listitem"][componentkey^="urn:li:invitation:"]"#)
                .unwrap();
        let html = doc.select(&sel).next().unwrap().html();
        let engine = Engine::new(Settings::default());
        let card = |hidden| CardHtml {
            id: "c".into(),
            html: html.clone(),
            hidden,
        };
        let shown = triage_cards(&engine, &[card(false)], &Overrides::default());
        assert_eq!(shown.cards[0].status, CardStatus::Person);
        let hidden = triage_cards(&engine, &[card(true)], &Overrides::default());
        assert_eq!(hidden.cards[0].status, CardStatus::NotPerson);
        assert!(hidden.cards[0].badge.is_none());
        // The fact travels only when true; a message without it reads as before.
        let parsed: CardHtml = serde_json::from_str(r#"{"id":"c","html":"<p></p>"}"#).unwrap();
        assert!(!parsed.hidden);
    }

    #[test]
    fn unreadable_cards_are_answered_as_unread() {
        let engine = Engine::new(Settings::default());
        let cards = vec![CardHtml {
            id: "x".into(),
            html: "<div>nothing here</div>".into(),
            hidden: false,
        }];
        let answer = triage_cards(&engine, &cards, &Overrides::default());
        assert_eq!(answer.cards.len(), 1);
        assert_eq!(answer.cards[0].status, CardStatus::Unread);
        assert!(!answer.cards[0].person);
        let json = serde_json::to_value(&answer).unwrap();
        assert_eq!(json["cards"][0]["id"], "x");
        assert!(
            json["cards"][0].get("guard").is_none(),
            "no verdict, nothing to guard"
        );
    }

    fn loc(selector: &str) -> Option<Locator> {
        Some(Locator {
            selector: selector.into(),
            index: 0,
            count: 1,
        })
    }

    const BOTH: &[Moment] = &[Moment::BeforeAccepting, Moment::AfterAccepting];

    fn actions(paths: &[ReplyPath], controls: &Controls, replies: &[Moment]) -> Vec<ActionKind> {
        prompt_actions(paths, controls, "Ana", replies, true)
            .into_iter()
            .map(|a| a.action)
            .collect()
    }

    #[test]
    fn the_prompt_offers_the_engines_paths_then_the_usual_choices() {
        use ActionKind::*;
        use ReplyPath as P;
        let all = Controls {
            accept: loc("a"),
            ignore: loc("i"),
            reply: loc("r"),
            message: loc("m"),
        };
        let ask = [
            P::ReplyToInvitation,
            P::MessageViaProfile,
            P::AcceptAndAsk,
            P::LeavePending,
        ];
        assert_eq!(
            actions(&ask, &all, BOTH),
            [
                ReplyToInvitation,
                Message,
                AcceptThenReply,
                Copy,
                AcceptAnyway,
                MarkFine,
                NotNow
            ]
        );
        let offered = prompt_actions(&ask, &all, "Ana", BOTH, true);
        let labels: Vec<_> = offered.iter().map(|a| a.label.clone()).collect();
        assert_eq!(labels[0], "Reply to Ana’s invitation");
        // Each action that sends a reply says which moment's.
        let moments: Vec<_> = offered.iter().map(|a| a.moment).collect();
        use Moment::*;
        assert_eq!(
            moments[..4],
            [
                Some(BeforeAccepting),
                Some(BeforeAccepting),
                Some(AfterAccepting),
                Some(BeforeAccepting)
            ]
        );
        assert_eq!(moments[4..], [None, None, None]);
        // A reply for one moment only: nothing of the other moment is offered.
        assert_eq!(
            actions(&ask, &all, &[AfterAccepting]),
            [AcceptThenReply, Copy, AcceptAnyway, MarkFine, NotNow]
        );
        assert!(labels.last().is_some_and(|l| l == "Leave it pending"));
        // No Accept control located: nothing that needs Accept.
        let no_accept = Controls {
            accept: None,
            ..all.clone()
        };
        assert_eq!(
            actions(&[P::AcceptAndFollowUp], &no_accept, BOTH),
            [Copy, MarkFine, NotNow]
        );
        // No reply text: nothing to insert or copy.
        assert_eq!(actions(&ask, &all, &[]), [AcceptAnyway, MarkFine, NotNow]);
        let follow_up = prompt_actions(&[P::AcceptAndFollowUp], &all, "", BOTH, true);
        assert_eq!(follow_up[0].action, AcceptThenReply);
        assert_eq!(follow_up[0].label, "Accept, then follow up");
        assert!(follow_up.last().is_some_and(|a| a.label == "Not now"));
    }

    fn person(note: Option<&str>) -> Invitation {
        Invitation {
            kind: InvitationKind::Person,
            ui: crate::core::invitation::UiGeneration::Current,
            name: "Ana Souza".into(),
            first_name: "Ana".into(),
            profile_url: Some("https://www.linkedin.com/in/ana-souza/".into()),
            invitation_urn: None,
            headline: Some("Head of Sales at Brightloop".into()),
            company: Some("Brightloop".into()),
            note: note.map(str::to_string),
            mutual_connections: 0,
            follows_you: false,
            controls: Controls {
                accept: loc("button"),
                ..Controls::default()
            },
        }
    }

    #[test]
    fn a_default_invitation_is_guarded_until_marked_fine() {
        let engine = Engine::new(Settings::default());
        let t = engine.triage(&person(None)).unwrap();
        assert_ne!(t.plan, PlanKind::Accept, "no note is a default invite");
        let v = verdict(t.clone(), &Overrides::default());
        assert!(v.details.guard);
        assert!(!v.badge.overridden);
        assert_eq!(v.details.key, "https://www.linkedin.com/in/ana-souza/");
        assert!(v
            .badge
            .badge_label
            .to_string()
            .starts_with(&plan_label(t.plan).to_string()));
        assert_eq!(
            v.details.person_match.profile_path.as_deref(),
            Some("/in/ana-souza/")
        );
        assert_eq!(v.details.snapshot.plan, t.plan);
        let mut fine = Overrides::default();
        fine.mark_fine(&v.details.key, 1.0);
        let v = verdict(t, &fine);
        assert!(!v.details.guard);
        assert!(v.badge.overridden);
        let json = serde_json::to_value(&v).unwrap();
        for field in [
            "note_kind",
            "fit",
            "plan",
            "badge_label",
            "reasons",
            "reply",
            "controls",
            "guard",
            "actions",
        ] {
            assert!(json.get(field).is_some(), "{field}");
        }
    }

    #[test]
    fn a_name_only_invitation_is_never_overridden_by_a_namesake() {
        let engine = Engine::new(Settings::default());
        let mut bob = person(None);
        bob.name = "Bob Lee".into();
        bob.profile_url = None;
        let t = engine.triage(&bob).unwrap();
        let mut fine = Overrides::default();
        // Whatever is stored under the weak key (older data, a forged write) is ignored.
        fine.mark_fine(&bob.key(), 1.0);
        let v = verdict(t.clone(), &fine);
        assert!(
            v.details.guard,
            "another Bob Lee's override must not clear this guard"
        );
        assert!(!v.badge.overridden);
        assert!(
            !v.details
                .actions
                .iter()
                .any(|a| a.action == ActionKind::MarkFine),
            "a name-only card cannot be marked fine"
        );
        // With an invitation urn it is one invitation again: overridable by that key.
        bob.invitation_urn = Some("urn:li:invitation:42".into());
        let t = engine.triage(&bob).unwrap();
        assert!(verdict(t.clone(), &Overrides::default())
            .details
            .actions
            .iter()
            .any(|a| a.action == ActionKind::MarkFine));
        fine.mark_fine("urn:li:invitation:42", 2.0);
        assert!(verdict(t, &fine).badge.overridden);
    }

    #[test]
    fn the_engines_reply_warnings_and_limit_reach_the_prompt() {
        let engine = Engine::new(Settings {
            my_name: "x".repeat(MESSAGE_LIMIT),
            ..Settings::default()
        });
        let t = engine.triage(&person(None)).unwrap();
        let v = verdict(t, &Overrides::default());
        assert_eq!(v.details.reply_limit, MESSAGE_LIMIT);
        // The default templates sign with {my_name}: this reply is over LinkedIn's limit.
        assert!(v.details.reply.as_ref().unwrap().chars().count() > MESSAGE_LIMIT);
        assert!(
            v.details.warnings[0]
                .to_string()
                .contains(&MESSAGE_LIMIT.to_string()),
            "{:?}",
            v.details.warnings
        );
        let json = serde_json::to_value(&v).unwrap();
        assert!(json["warnings"].is_array());
        assert_eq!(json["reply_limit"], MESSAGE_LIMIT);
    }
}
