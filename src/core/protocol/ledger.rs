//! Messages about the ledger between the content script, the popup, the options page and
//! the background: typed serde enums, read strictly (unknown types and fields rejected),
//! size-capped, and accepted only from the context allowed to send each one. Pure: must
//! not import wasm-bindgen, web-sys or js-sys; the background classifies the sender and
//! hands the raw JSON here.

use crate::core::ledger::compact::CompactionReport;
use crate::core::ledger::export::format_time;
use crate::core::ledger::insights::{FollowUp, Reminder, Stats};
use crate::core::ledger::merge::{MergeReport, MAX_IMPORT_BYTES};
use crate::core::ledger::{Action, Change, Ledger, Notice, Outcome, Snapshot};
use crate::core::linkedin::messaging::read_thread;
use crate::core::protocol::PageState;
use serde::{Deserialize, Serialize};

/// Largest message a LinkedIn tab may send (a messaging thread's HTML is the big one).
pub const MAX_TAB_MESSAGE_BYTES: usize = 2 * 1024 * 1024;
/// Largest message an extension page may send (an import file plus its envelope).
pub const MAX_PAGE_MESSAGE_BYTES: usize = MAX_IMPORT_BYTES + 64 * 1024;

/// The confirmation word "delete everything" must carry, so that no stray message can
/// wipe the ledger.
pub const WIPE_CONFIRMATION: &str = "delete-everything";

/// Who sent a message, as the background established it from `MessageSender`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Our popup or options page (`chrome-extension://<our id>/…`, no tab or our page).
    ExtensionPage,
    /// Our content script in a `https://www.linkedin.com/` tab.
    LinkedInTab,
    /// Anything else: another extension, another site, a page we do not own.
    Other,
}

impl Origin {
    /// `same_extension`: `sender.id === chrome.runtime.id`. `sender_url`: `sender.url`.
    /// `extension_base`: `chrome.runtime.getURL("")`.
    pub fn classify(
        same_extension: bool,
        sender_url: Option<&str>,
        extension_base: &str,
    ) -> Origin {
        let Some(url) = sender_url.filter(|_| same_extension) else {
            return Origin::Other;
        };
        if !extension_base.is_empty() && url.starts_with(extension_base) {
            Origin::ExtensionPage
        } else if url.starts_with("https://www.linkedin.com/") {
            Origin::LinkedInTab
        } else {
            Origin::Other
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ExportFormat {
    Json,
    Csv,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case", deny_unknown_fields)]
pub enum LedgerRequest {
    // Prompt events come as `record` messages of `core::protocol` (the router), which
    // hands them to the ledger: one message format per thing.
    /// Content script on a messaging page: the thread's HTML, for answered detection.
    ThreadSeen {
        html: String,
    },
    /// Popup: reminders, follow-ups, stats, notices. (Empty struct variants, not unit
    /// ones: serde ignores extra fields on unit variants of a tagged enum.)
    Dashboard {},
    /// Options: every record (the ledger table).
    ListRecords {},
    SetOutcome {
        key: String,
        outcome: Outcome,
    },
    AddNote {
        key: String,
        text: String,
    },
    Export {
        format: ExportFormat,
    },
    Import {
        data: String,
    },
    /// "Delete everything"; `confirm` must be `WIPE_CONFIRMATION`.
    Wipe {
        confirm: String,
    },
    DismissNotice {
        index: usize,
    },
    /// Popup: what the content script of this tab last reported.
    TabStatus {
        tab_id: i64,
    },
}

impl LedgerRequest {
    /// Which context may send this message.
    pub fn allowed_from(&self, origin: Origin) -> bool {
        match self {
            LedgerRequest::ThreadSeen { .. } => origin == Origin::LinkedInTab,
            _ => origin == Origin::ExtensionPage,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ProtocolError {
    #[error("message refused: this sender may not send it")]
    Forbidden,
    #[error("message refused: larger than {0} bytes")]
    TooLarge(usize),
    #[error("message refused: {0}")]
    Malformed(String),
}

/// Reads and authorises one message (`json` is `JSON.stringify(message)`).
pub fn parse_request(json: &str, origin: Origin) -> Result<LedgerRequest, ProtocolError> {
    let cap = match origin {
        Origin::ExtensionPage => MAX_PAGE_MESSAGE_BYTES,
        Origin::LinkedInTab => MAX_TAB_MESSAGE_BYTES,
        Origin::Other => return Err(ProtocolError::Forbidden),
    };
    if json.len() > cap {
        return Err(ProtocolError::TooLarge(cap));
    }
    let request: LedgerRequest =
        serde_json::from_str(json).map_err(|e| ProtocolError::Malformed(e.to_string()))?;
    if !request.allowed_from(origin) {
        return Err(ProtocolError::Forbidden);
    }
    Ok(request)
}

/// Whether a message's `type` is one of the ledger's, so a router can hand it here.
pub fn is_ledger_type(message_type: &str) -> bool {
    matches!(
        message_type,
        "thread-seen"
            | "dashboard"
            | "list-records"
            | "set-outcome"
            | "add-note"
            | "export"
            | "import"
            | "wipe"
            | "dismiss-notice"
            | "tab-status"
    )
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DashboardView {
    pub now: u64,
    pub reminder_days: u32,
    pub reminders: Vec<Reminder>,
    pub follow_ups: Vec<FollowUp>,
    pub stats: Stats,
    pub notices: Vec<Notice>,
    pub records: usize,
}

/// One row of the options page's ledger table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordRow {
    pub key: String,
    pub name: String,
    pub headline: Option<String>,
    pub profile_url: Option<String>,
    pub plan: Option<crate::core::plan::PlanKind>,
    pub first_seen: Option<u64>,
    pub last_event: Option<u64>,
    pub last_event_kind: Option<String>,
    pub asked_at: Option<u64>,
    pub answered_at: Option<u64>,
    pub outcome: Option<Outcome>,
    /// The user's own notes on this person, oldest first (shown as text).
    #[serde(default)]
    pub notes: Vec<String>,
    pub compacted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "kebab-case")]
pub enum LedgerAnswer {
    Recorded {
        change: Change,
        #[serde(skip_serializing_if = "Option::is_none")]
        compaction: Option<CompactionReport>,
    },
    /// `answered`: the ledger key of the person whose answer was just recorded.
    /// `asked`: the person of this one-to-one thread when they were asked (their answer
    /// is what AskFirst watches for here), with whether they answered.
    ThreadRead {
        answered: Option<String>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        asked: Option<Watched>,
    },
    Dashboard(DashboardView),
    Records {
        records: Vec<RecordRow>,
    },
    Exported {
        format: ExportFormat,
        filename: String,
        text: String,
    },
    Imported(MergeReport),
    Done,
    TabStatus {
        status: Option<PageStatus>,
    },
    Error {
        message: String,
    },
}

/// What the content script of a tab last reported (its state, the flagged invitations),
/// kept by the background for the popup.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PageStatus {
    pub active: bool,
    /// Why AskFirst is inactive on this page: the catalogue key of the toolbar's title for
    /// that state (worded by the surface that shows it).
    #[serde(default)]
    pub reason: Option<String>,
    #[serde(default)]
    pub flagged: Vec<FlaggedOnPage>,
    /// The state last reported (None: nothing reported since the page's hello).
    #[serde(default)]
    pub page: Option<PageState>,
    /// People asked whose conversation this tab shows: AskFirst watches for their answer.
    #[serde(default)]
    pub watching: Vec<Watched>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FlaggedOnPage {
    pub name: String,
    #[serde(default)]
    pub plan: Option<crate::core::plan::PlanKind>,
    /// The inviter's profile, as the card links it (the popup opens it).
    #[serde(default)]
    pub profile_url: Option<String>,
    /// The ledger key (the popup asks the tab to show this card).
    #[serde(default)]
    pub key: String,
}

/// A person asked whose one-to-one conversation a tab shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Watched {
    pub key: String,
    pub name: String,
    /// Their answer to the last ask is in the ledger.
    pub answered: bool,
}

// ---- The content script's `record` messages (core::protocol, the in-page router) ----------

impl From<crate::core::protocol::RecordEvent> for Action {
    fn from(e: crate::core::protocol::RecordEvent) -> Action {
        use crate::core::protocol::RecordEvent as R;
        match e {
            R::PromptShown => Action::PromptShown,
            R::ReplyInserted => Action::ReplyInserted,
            R::ReplyCopied => Action::ReplyCopied,
            R::AcceptedAnyway => Action::AcceptedAnyway,
            R::AcceptedFollowUp => Action::AcceptedFollowUp,
            R::Overridden => Action::Overridden,
            R::NotNow => Action::NotNow,
        }
    }
}

impl From<crate::core::protocol::Snapshot> for Snapshot {
    fn from(s: crate::core::protocol::Snapshot) -> Snapshot {
        Snapshot {
            name: s.name,
            headline: s.headline,
            profile_url: s.profile_url,
            invitation_urn: s.invitation_urn,
            note_kind: Some(s.note_kind),
            fit: Some(s.fit),
            plan: Some(s.plan),
        }
    }
}

/// Tabs' states for the popup, as the background learns them from the content scripts'
/// messages (hello on every route change, triage answers, status changes). Serialised so
/// that the background can keep it across its own restarts (MV3 stops an idle worker).
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct TabBoard {
    tabs: std::collections::HashMap<i64, TabEntry>,
    /// Tabs closed since this board was made: a saved copy read later must not bring them
    /// back.
    #[serde(skip)]
    closed: std::collections::HashSet<i64>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct TabEntry {
    url: String,
    active: bool,
    reason: Option<String>,
    /// Flagged invitations by ledger key, in the order first seen.
    flagged: Vec<(String, FlaggedOnPage)>,
    #[serde(default)]
    page: Option<PageState>,
    #[serde(default)]
    watching: Vec<Watched>,
}

impl TabBoard {
    /// A tab (re)started on `url`: what was flagged on its previous page is forgotten.
    pub fn hello(&mut self, tab: i64, url: &str) {
        let entry = self.tabs.entry(tab).or_default();
        if entry.url != url {
            *entry = TabEntry {
                url: url.to_string(),
                ..TabEntry::default()
            };
        }
    }

    /// Cards of `tab` were read: the tab is active. Each read card by key: `Some` when
    /// the guard holds its Accept (listed once, however often it is read), `None` when it
    /// does not (any more: marked fine, new settings), which takes it off the list.
    pub fn triaged(&mut self, tab: i64, url: &str, read: Vec<(String, Option<FlaggedOnPage>)>) {
        self.hello(tab, url);
        let entry = self.tabs.entry(tab).or_default();
        entry.active = true;
        entry.reason = None;
        for (key, f) in read {
            let slot = entry.flagged.iter().position(|(k, _)| *k == key);
            match (slot, f) {
                (Some(i), Some(f)) => entry.flagged[i].1 = f,
                (None, Some(f)) => entry.flagged.push((key, f)),
                (Some(i), None) => {
                    entry.flagged.remove(i);
                }
                (None, None) => {}
            }
        }
    }

    /// The user settled an invitation of `tab` in the prompt (accepted it, or marked it
    /// fine): it is no longer one to look at.
    pub fn settled(&mut self, tab: i64, key: &str) {
        if let Some(entry) = self.tabs.get_mut(&tab) {
            entry.flagged.retain(|(k, _)| k != key);
        }
    }

    /// The content script reported a state change (or the engine found the list empty).
    pub fn state(&mut self, tab: i64, url: &str, page: PageState) {
        self.hello(tab, url);
        let entry = self.tabs.entry(tab).or_default();
        entry.active = matches!(page, PageState::Active | PageState::Idle | PageState::Empty);
        entry.reason = (!entry.active).then(|| page.toolbar().1.to_string());
        entry.page = Some(page);
    }

    /// A conversation of `tab` is with someone asked: the popup says it watches for their
    /// answer (once per person; the latest word on whether they answered).
    /// Not keyed by URL: the thread may be an overlay on any page of the tab, which keeps
    /// what it showed; the tab's next hello (a route change) starts afresh.
    pub fn watching(&mut self, tab: i64, who: Watched) {
        let entry = self.tabs.entry(tab).or_default();
        match entry.watching.iter_mut().find(|w| w.key == who.key) {
            Some(w) => *w = who,
            None => entry.watching.push(who),
        }
    }

    pub fn closed(&mut self, tab: i64) {
        self.tabs.remove(&tab);
        self.closed.insert(tab);
    }

    /// Takes the tabs of a board saved before this one started (the background restarted)
    /// that this one knows nothing newer about, that were not closed since, and that are
    /// open (`open`: the ids of the tabs open now, when known).
    pub fn restore(&mut self, saved: TabBoard, open: Option<&[i64]>) {
        for (tab, entry) in saved.tabs {
            if !self.closed.contains(&tab) && open.is_none_or(|o| o.contains(&tab)) {
                self.tabs.entry(tab).or_insert(entry);
            }
        }
    }

    pub fn knows(&self, tab: i64) -> bool {
        self.tabs.contains_key(&tab)
    }

    pub fn status(&self, tab: i64) -> Option<PageStatus> {
        self.tabs.get(&tab).map(|e| PageStatus {
            active: e.active,
            reason: e.reason.clone(),
            flagged: e.flagged.iter().map(|(_, f)| f.clone()).collect(),
            page: e.page,
            watching: e.watching.clone(),
        })
    }
}

/// The keyboard shortcut (manifest `commands`) that moves to the next flagged invitation.
pub const NEXT_FLAGGED_COMMAND: &str = "next-flagged";

/// What the background sends to the active tab's content script for a keyboard command:
/// only on an invitations page, only for commands AskFirst defines.
pub fn command_message(command: &str, tab_url: &str) -> Option<serde_json::Value> {
    use crate::core::linkedin::messaging::{page_at, LinkedInPage};
    (command == NEXT_FLAGGED_COMMAND && page_at(tab_url) == LinkedInPage::Invitations)
        .then(|| serde_json::json!({ "type": "next-flagged" }))
}

/// What the handler needs from outside: the time (never read in core) and the user's
/// reminder delay from the settings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Context {
    pub now: u64,
    pub reminder_days: u32,
}

/// The answer, and whether the ledger changed (and must be stored).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Handled {
    pub answer: LedgerAnswer,
    pub changed: bool,
}

fn answer(answer: LedgerAnswer, changed: bool) -> Handled {
    Handled { answer, changed }
}

fn error(message: impl ToString) -> Handled {
    answer(
        LedgerAnswer::Error {
            message: message.to_string(),
        },
        false,
    )
}

/// Applies one authorised request to the ledger. Every ledger rule runs here, natively
/// testable; the background only loads, calls this, and stores.
pub fn handle(ledger: &mut Ledger, request: LedgerRequest, ctx: Context) -> Handled {
    match request {
        LedgerRequest::ThreadSeen { html } => {
            // Its shape first (issue #13, finding 5): a thread too deep or too big is not
            // parsed.
            if let Err(why) = crate::core::markup_budget::check(
                &html,
                crate::core::markup_budget::MAX_THREAD_ELEMENTS,
            ) {
                return error(format!("thread {why}"));
            }
            let thread = read_thread(&html);
            let none = LedgerAnswer::ThreadRead {
                answered: None,
                asked: None,
            };
            let Some(key) = thread
                .other
                .as_ref()
                .and_then(|p| ledger.record_for_participant(p))
            else {
                return answer(none, false);
            };
            let record = &ledger.records[&key];
            // Without an ask there is nothing to answer (an earlier exchange in the thread
            // is not one), and nothing to watch for.
            let Some(ask) = record.last_ask() else {
                return answer(none, false);
            };
            // One answer per ask: reopening the thread does not add more.
            let already = record.last_answer().is_some_and(|ans| ans >= ask);
            let asked = |answered: bool| {
                Some(Watched {
                    key: key.clone(),
                    name: record.snapshot.name.clone(),
                    answered,
                })
            };
            if already || !thread.answered {
                return answer(
                    LedgerAnswer::ThreadRead {
                        // As before: an answer named only when this thread shows it.
                        answered: (already && thread.answered).then(|| key.clone()),
                        asked: asked(already),
                    },
                    false,
                );
            }
            let asked = asked(true);
            // Never before the ask it answers (a clock set back, an imported ask from a
            // later time): else every later look would count it again.
            let at = ctx.now.max(ask);
            match ledger.record(&key, Action::Answered, at, None) {
                Ok(_) => answer(
                    LedgerAnswer::ThreadRead {
                        answered: Some(key),
                        asked,
                    },
                    true,
                ),
                Err(e) => error(e),
            }
        }
        LedgerRequest::Dashboard {} => answer(
            LedgerAnswer::Dashboard(DashboardView {
                now: ctx.now,
                reminder_days: ctx.reminder_days,
                reminders: ledger.reminders(ctx.now, ctx.reminder_days),
                follow_ups: ledger.recent_follow_ups(ctx.now),
                stats: ledger.stats(ctx.now),
                notices: ledger.notices.clone(),
                records: ledger.records.len(),
            }),
            false,
        ),
        LedgerRequest::ListRecords {} => {
            let mut records: Vec<RecordRow> = ledger
                .records
                .iter()
                .map(|(key, r)| RecordRow {
                    key: key.clone(),
                    name: r.snapshot.name.clone(),
                    headline: r.snapshot.headline.clone(),
                    profile_url: r.snapshot.profile_url.clone(),
                    plan: r.snapshot.plan,
                    first_seen: r.first_seen(),
                    last_event: r.last_event_at(),
                    last_event_kind: r.events.last().map(|e| e.action.name().to_string()),
                    asked_at: r.last_ask(),
                    answered_at: r.last_answer(),
                    outcome: r.outcome().map(|o| o.1),
                    notes: r
                        .events
                        .iter()
                        .filter_map(|e| match &e.action {
                            Action::Note { text } => Some(text.clone()),
                            _ => None,
                        })
                        .collect(),
                    compacted: r.compacted,
                })
                .collect();
            crate::core::sort::sort_by(&mut records, |a, b| {
                b.last_event
                    .cmp(&a.last_event)
                    .then_with(|| a.key.cmp(&b.key))
            });
            answer(LedgerAnswer::Records { records }, false)
        }
        LedgerRequest::SetOutcome { key, outcome } => {
            user_event(ledger, &key, Action::Outcome { outcome }, ctx)
        }
        LedgerRequest::AddNote { key, text } => {
            let text = text.trim().to_string();
            if text.is_empty() {
                return error("the note is empty");
            }
            user_event(ledger, &key, Action::Note { text }, ctx)
        }
        LedgerRequest::Export { format } => {
            let date = format_time(ctx.now);
            let day = date.get(..10).unwrap_or("export");
            let (text, ext) = match format {
                ExportFormat::Json => (ledger.export_json(), "json"),
                ExportFormat::Csv => (ledger.export_csv(), "csv"),
            };
            answer(
                LedgerAnswer::Exported {
                    format,
                    filename: format!("askfirst-ledger-{day}.{ext}"),
                    text,
                },
                false,
            )
        }
        LedgerRequest::Import { data } => match ledger.import_json(&data) {
            Ok(report) => {
                let changed = report.added + report.updated > 0;
                answer(LedgerAnswer::Imported(report), changed)
            }
            Err(e) => error(format!("nothing was imported: {e}")),
        },
        LedgerRequest::Wipe { confirm } => {
            if confirm != WIPE_CONFIRMATION {
                return error("delete everything needs its confirmation");
            }
            ledger.wipe();
            answer(LedgerAnswer::Done, true)
        }
        LedgerRequest::DismissNotice { index } => {
            let changed = ledger.dismiss_notice(index);
            answer(LedgerAnswer::Done, changed)
        }
        // Not about the ledger: the background answers it from memory.
        LedgerRequest::TabStatus { .. } => error("tab-status is answered by the background"),
    }
}

fn user_event(ledger: &mut Ledger, key: &str, action: Action, ctx: Context) -> Handled {
    match ledger.record(key, action, ctx.now, None) {
        Ok(change) => answer(
            LedgerAnswer::Recorded {
                change,
                compaction: None,
            },
            change != Change::Unchanged,
        ),
        Err(e) => error(e),
    }
}

/// The ledger record for a thread's participant: by profile link when it is the vanity
/// link the invitation showed; else by name, only when exactly one record has that name
/// (messaging often links by member id, which invitations do not show).
#[cfg(test)]
mod tests {
    use super::*;

    const EXT: &str = "chrome-extension://abcdefghijklmnop/";

    #[test]
    fn tab_board_follows_each_tab() {
        use crate::core::plan::PlanKind;
        let inv = "https://www.linkedin.com/mynetwork/invitation-manager/";
        let f = |n: &str| FlaggedOnPage {
            name: n.into(),
            plan: Some(PlanKind::AskFirst),
            profile_url: None,
            key: String::new(),
        };
        let mut b = TabBoard::default();
        assert_eq!(b.status(1), None);
        b.hello(1, inv);
        assert!(
            !b.status(1).unwrap().active,
            "hello alone is not active yet"
        );
        b.triaged(
            1,
            inv,
            vec![("a".into(), Some(f("Ana"))), ("b".into(), Some(f("Bo")))],
        );
        b.triaged(1, inv, vec![("a".into(), Some(f("Ana Lima")))]);
        let s = b.status(1).unwrap();
        assert!(s.active);
        assert_eq!(
            s.flagged
                .iter()
                .map(|f| f.name.as_str())
                .collect::<Vec<_>>(),
            ["Ana Lima", "Bo"]
        );
        // Read again and no longer held (marked fine, new settings): off the list; an
        // invitation settled in the prompt too (found in review: both stayed listed).
        b.triaged(1, inv, vec![("b".into(), None), ("c".into(), None)]);
        b.triaged(1, inv, vec![("c".into(), Some(f("Cy")))]);
        b.settled(1, "a");
        let names: Vec<_> = b
            .status(1)
            .unwrap()
            .flagged
            .into_iter()
            .map(|f| f.name)
            .collect();
        assert_eq!(names, ["Cy"]);
        b.state(1, inv, PageState::Unreadable);
        let s = b.status(1).unwrap();
        assert!(!s.active);
        assert_eq!(s.page, Some(PageState::Unreadable));
        assert_eq!(s.reason.as_deref(), Some("toolbarUnreadable"));
        b.hello(1, "https://www.linkedin.com/feed/");
        assert!(
            b.status(1).unwrap().flagged.is_empty(),
            "another page: nothing flagged"
        );
        assert_eq!(b.status(2), None);
        b.closed(1);
        assert_eq!(b.status(1), None);
    }

    #[test]
    fn tab_board_survives_a_restart_without_reviving_closed_tabs() {
        let inv = "https://www.linkedin.com/mynetwork/invitation-manager/";
        let flagged = |n: &str| {
            vec![(
                n.to_string(),
                Some(FlaggedOnPage {
                    name: n.into(),
                    plan: None,
                    profile_url: None,
                    key: n.into(),
                }),
            )]
        };
        let mut before = TabBoard::default();
        before.triaged(1, inv, flagged("Ana"));
        before.triaged(2, inv, flagged("Bo"));
        before.triaged(3, inv, flagged("Cy"));
        let saved: TabBoard =
            serde_json::from_str(&serde_json::to_string(&before).unwrap()).unwrap();
        // The restarted background already heard from tab 2, and tab 3 was closed.
        let mut after = TabBoard::default();
        after.triaged(2, inv, flagged("Bo Lima"));
        after.closed(3);
        after.restore(saved.clone(), None);
        assert_eq!(
            after.status(1),
            before.status(1),
            "tab 1 restored as it was"
        );
        assert_eq!(
            after.status(2).unwrap().flagged[0].name,
            "Bo Lima",
            "newer kept"
        );
        assert_eq!(after.status(3), None, "a closed tab stays closed");
        // Tab 1 was closed while no background ran: the tabs open now say so.
        let mut later = TabBoard::default();
        later.restore(saved, Some(&[2, 3, 7]));
        assert_eq!(later.status(1), None);
        assert!(later.knows(2) && later.knows(3) && !later.knows(7));
    }

    #[test]
    fn commands_reach_invitation_pages_only() {
        let inv = "https://www.linkedin.com/mynetwork/invitation-manager/received/";
        assert_eq!(
            command_message("next-flagged", inv),
            Some(serde_json::json!({"type": "next-flagged"}))
        );
        assert_eq!(
            command_message("next-flagged", "https://www.linkedin.com/feed/"),
            None
        );
        assert_eq!(
            command_message(
                "next-flagged",
                "https://example.com/mynetwork/invitation-manager/"
            ),
            None
        );
        assert_eq!(command_message("_execute_action", inv), None);
    }

    #[test]
    fn senders() {
        assert_eq!(
            Origin::classify(
                true,
                Some("chrome-extension://abcdefghijklmnop/popup.html"),
                EXT
            ),
            Origin::ExtensionPage
        );
        assert_eq!(
            Origin::classify(true, Some("https://www.linkedin.com/mynetwork/"), EXT),
            Origin::LinkedInTab
        );
        assert_eq!(
            Origin::classify(false, Some("https://www.linkedin.com/mynetwork/"), EXT),
            Origin::Other
        );
        assert_eq!(
            Origin::classify(true, Some("https://www.linkedin.com.evil.example/"), EXT),
            Origin::Other
        );
        assert_eq!(
            Origin::classify(
                true,
                Some("chrome-extension://otherextension/popup.html"),
                EXT
            ),
            Origin::Other
        );
        assert_eq!(Origin::classify(true, None, EXT), Origin::Other);
        assert_eq!(
            Origin::classify(true, Some("chrome-extension://x/"), ""),
            Origin::Other
        );
    }
}
