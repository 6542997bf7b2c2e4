//! The relationship ledger: what happened to each invitation the user has seen, and when.
//! Pure Rust (no wasm-bindgen, web-sys, js-sys): the background persists it, the popup and
//! options pages show it, tests run it natively. Time is always passed in (ms since the
//! Unix epoch), never read here, so every rule is reproducible.
//!
//! - `model` (this file): records, events, recording an event.
//! - `schema`: the stored document, its versions and numbered migrations, corrupt data.
//! - `merge`: idempotent merge and import.
//! - `export`: JSON and CSV (CSV-injection safe).
//! - `insights`: reminders, recent follow-ups, 30-day stats.
//! - `flood`: ceilings on the records a page can create by showing cards.
//! - `lookup`: whose record a messaging conversation is about.
//! - `compact`: shrinking older finished records near the storage quota, with a notice.

pub mod compact;
pub mod export;
pub mod flood;
pub mod insights;
pub mod key;
pub mod lookup;
pub mod merge;
pub mod schema;

use crate::core::fit::Fit;
use crate::core::note::NoteKind;
use crate::core::plan::PlanKind;
use crate::core::triage::Triage;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

pub use key::{normalise_key, KeyError, MAX_KEY_LEN};
pub use schema::{open_stored, LoadError, Loaded, Opened, SCHEMA_VERSION};

pub const MINUTE_MS: u64 = 60_000;
pub const DAY_MS: u64 = 24 * 60 * MINUTE_MS;

/// Caps on what one record may hold, so a runaway tab or a hostile import cannot fill
/// the storage quota. Names and headlines are LinkedIn's own limits with headroom.
pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_HEADLINE_CHARS: usize = 500;
pub const MAX_FREE_NOTE_CHARS: usize = 2_000;
pub const MAX_EVENTS_PER_RECORD: usize = 500;
/// The latest time (ms) a stored or imported value may carry: 9999-12-31T23:59:59.999Z.
/// Every time is shown as a date and crosses into JavaScript as a number, exact only up
/// to 2^53: one event dated past that made the options page's ledger section fail to
/// render, export and delete with it (issue #13, finding 7).
pub const MAX_TIME_MS: u64 = 253_402_300_799_999;
/// The largest count or size a stored value may carry (JavaScript's exact integers).
pub const MAX_STORED_NUMBER: u64 = (1 << 53) - 1;

/// A repeated `seen` of the same invitation within this window is the same visit (the
/// user reloads, LinkedIn re-renders the list): one event, not hundreds.
pub const SEEN_COALESCE_MS: u64 = 12 * 60 * MINUTE_MS;

/// What the user decided about a relationship.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Lead,
    Deal,
    NoFit,
}

impl Outcome {
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Lead => "lead",
            Outcome::Deal => "deal",
            Outcome::NoFit => "no-fit",
        }
    }
}

/// One thing that happened. Serialised as `{"at": …, "kind": "…", …}`.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Action {
    /// The invitation was on a page the user looked at.
    Seen,
    /// The Accept guard held the click and showed the prompt.
    PromptShown,
    /// The reply went into LinkedIn's composer (the user still presses Send).
    ReplyInserted,
    /// The reply was copied to the clipboard.
    ReplyCopied,
    /// "Accept anyway": the user let the click through without asking.
    AcceptedAnyway,
    /// "Accept and follow up": accepted with the follow-up reply ready.
    AcceptedFollowUp,
    /// "This one is fine": the user overrode AskFirst's verdict for this person.
    Overridden,
    /// "Not now": the prompt was dismissed, the invitation left pending.
    NotNow,
    /// A message from them after ours was seen in a LinkedIn messaging thread.
    Answered,
    Outcome {
        outcome: Outcome,
    },
    /// A free note by the user.
    Note {
        text: String,
    },
}

impl Action {
    pub fn name(&self) -> &'static str {
        match self {
            Action::Seen => "seen",
            Action::PromptShown => "prompt-shown",
            Action::ReplyInserted => "reply-inserted",
            Action::ReplyCopied => "reply-copied",
            Action::AcceptedAnyway => "accepted-anyway",
            Action::AcceptedFollowUp => "accepted-follow-up",
            Action::Overridden => "overridden",
            Action::NotNow => "not-now",
            Action::Answered => "answered",
            Action::Outcome { .. } => "outcome",
            Action::Note { .. } => "note",
        }
    }

    /// The user reached out: the clock of "asked N days ago and no answer" starts here.
    pub fn is_ask(&self) -> bool {
        matches!(self, Action::ReplyInserted | Action::ReplyCopied)
    }

    /// Visits and prompts put off: what a full record loses first, and what does not make
    /// a shortened record worth shortening again.
    pub fn is_routine(&self) -> bool {
        matches!(self, Action::Seen | Action::PromptShown | Action::NotNow)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "RawEvent")]
pub struct Event {
    /// ms since the Unix epoch, stamped by the background, never by a web page.
    pub at: u64,
    #[serde(flatten)]
    pub action: Action,
}

/// The stored shape of an event, read strictly: serde's `flatten` cannot reject unknown
/// fields, and stored or imported data with fields we do not know is not ours.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvent {
    at: u64,
    kind: String,
    outcome: Option<Outcome>,
    text: Option<String>,
}

impl TryFrom<RawEvent> for Event {
    type Error = String;

    fn try_from(raw: RawEvent) -> Result<Event, String> {
        let action = match (raw.kind.as_str(), raw.outcome, raw.text) {
            ("outcome", Some(outcome), None) => Action::Outcome { outcome },
            ("note", None, Some(text)) => Action::Note { text },
            ("outcome" | "note", _, _) => {
                return Err(format!("event \"{}\" has the wrong fields", raw.kind))
            }
            (kind, None, None) => {
                let unit = serde_json::json!({ "kind": kind });
                serde_json::from_value::<Action>(unit)
                    .map_err(|_| format!("unknown event kind \"{kind}\""))?
            }
            (kind, _, _) => return Err(format!("event \"{kind}\" has unexpected fields")),
        };
        Ok(Event { at: raw.at, action })
    }
}

/// What AskFirst knew about the person when the record was last updated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Snapshot {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub headline: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profile_url: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub invitation_urn: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note_kind: Option<NoteKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fit: Option<Fit>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub plan: Option<PlanKind>,
}

impl Snapshot {
    pub fn from_triage(t: &Triage) -> Snapshot {
        Snapshot {
            name: t.invitation.name.clone(),
            headline: t.invitation.headline.clone(),
            profile_url: t.invitation.profile_url.clone(),
            invitation_urn: t.invitation.invitation_urn.clone(),
            note_kind: Some(t.note_kind),
            fit: Some(t.fit),
            plan: Some(t.plan),
        }
    }

    /// This snapshot updated by a newer one: the newer values win, and what the newer
    /// one does not know (a page that shows no urn, a card without a headline) is kept.
    pub fn refreshed_by(&self, newer: Snapshot) -> Snapshot {
        Snapshot {
            name: newer.name,
            headline: newer.headline.or_else(|| self.headline.clone()),
            profile_url: newer.profile_url.or_else(|| self.profile_url.clone()),
            invitation_urn: newer.invitation_urn.or_else(|| self.invitation_urn.clone()),
            note_kind: newer.note_kind.or(self.note_kind),
            fit: newer.fit.or(self.fit),
            plan: newer.plan.or(self.plan),
        }
    }

    /// Checks the caps; a snapshot comes from a web page or an import file.
    pub fn validate(&self) -> Result<(), LedgerError> {
        check_len("name", &self.name, MAX_NAME_CHARS)?;
        if self.name.trim().is_empty() {
            return Err(LedgerError::Invalid("name is empty".into()));
        }
        if let Some(h) = &self.headline {
            check_len("headline", h, MAX_HEADLINE_CHARS)?;
        }
        // These become links in our pages: only a LinkedIn profile / an invitation urn.
        if self
            .profile_url
            .as_deref()
            .is_some_and(|u| !is_profile_link(u))
        {
            return Err(LedgerError::Invalid(
                "profile_url is not a LinkedIn profile link".into(),
            ));
        }
        if self
            .invitation_urn
            .as_deref()
            .is_some_and(|u| !is_invitation_urn(u))
        {
            return Err(LedgerError::Invalid(
                "invitation_urn is not an invitation urn".into(),
            ));
        }
        Ok(())
    }
}

/// A LinkedIn profile link (any form `normalise_key` reads as one).
pub(crate) fn is_profile_link(url: &str) -> bool {
    normalise_key(url).is_ok_and(|k| k.starts_with("https://"))
}

/// An invitation urn (`urn:li:invitation:<id>`).
pub(crate) fn is_invitation_urn(urn: &str) -> bool {
    normalise_key(urn).is_ok_and(|k| k.starts_with("urn:"))
}

impl Snapshot {
    /// Drops a link that is not a LinkedIn profile and an urn that is not an invitation's,
    /// keeping the rest (see `schema::drop_bad_links`).
    pub(crate) fn drop_bad_links(&mut self) {
        if self
            .profile_url
            .as_deref()
            .is_some_and(|u| !is_profile_link(u))
        {
            self.profile_url = None;
        }
        if self
            .invitation_urn
            .as_deref()
            .is_some_and(|u| !is_invitation_urn(u))
        {
            self.invitation_urn = None;
        }
    }
}

fn check_len(field: &str, value: &str, max: usize) -> Result<(), LedgerError> {
    if value.chars().count() > max {
        return Err(LedgerError::Invalid(format!(
            "{field} is longer than {max} characters"
        )));
    }
    Ok(())
}

fn is_false(b: &bool) -> bool {
    !*b
}

fn is_zero(n: &u32) -> bool {
    *n == 0
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Record {
    pub snapshot: Snapshot,
    /// When `snapshot` was last written (ms); merge keeps the newer snapshot.
    pub updated_at: u64,
    /// Sorted by time (then by action), without duplicates.
    pub events: Vec<Event>,
    /// Set when compaction dropped this record's routine events and headline.
    #[serde(default, skip_serializing_if = "is_false")]
    pub compacted: bool,
}

impl Record {
    pub fn new(snapshot: Snapshot, at: u64) -> Record {
        Record {
            snapshot,
            updated_at: at,
            events: Vec::new(),
            compacted: false,
        }
    }

    pub fn first_seen(&self) -> Option<u64> {
        self.events.first().map(|e| e.at)
    }

    pub fn last_event_at(&self) -> Option<u64> {
        self.events.last().map(|e| e.at)
    }

    /// The latest "we reached out" time.
    pub fn last_ask(&self) -> Option<u64> {
        self.events
            .iter()
            .rev()
            .find(|e| e.action.is_ask())
            .map(|e| e.at)
    }

    pub fn last_answer(&self) -> Option<u64> {
        self.events
            .iter()
            .rev()
            .find(|e| e.action == Action::Answered)
            .map(|e| e.at)
    }

    /// The latest outcome the user set, if any.
    pub fn outcome(&self) -> Option<(u64, Outcome)> {
        self.events.iter().rev().find_map(|e| match e.action {
            Action::Outcome { outcome } => Some((e.at, outcome)),
            _ => None,
        })
    }

    /// Nothing more to wait for: an outcome was set, they answered, or the user accepted
    /// or overrode without asking. Only finished records are ever compacted.
    pub fn is_finished(&self) -> bool {
        self.events.iter().any(|e| {
            matches!(
                e.action,
                Action::Outcome { .. }
                    | Action::Answered
                    | Action::AcceptedAnyway
                    | Action::Overridden
            )
        })
    }

    /// Inserts keeping the order and dropping exact duplicates (the same event delivered
    /// twice is one event: this is what makes merge idempotent).
    pub(crate) fn insert_event(&mut self, event: Event) -> bool {
        match self.events.binary_search(&event) {
            Ok(_) => false,
            Err(pos) => {
                self.events.insert(pos, event);
                true
            }
        }
    }

    fn trim_events(&mut self) {
        // Of the visits, the first and the latest are what anything reads (first seen, and
        // seen lately): a record of someone whose invitation stays pending for months, seen
        // at every daily visit, would otherwise grow by one event a day up to the cap, and
        // hundreds of those fill the storage quota.
        let seen: Vec<usize> = (0..self.events.len())
            .filter(|&i| self.events[i].action == Action::Seen)
            .collect();
        if let [_, middle @ .., _] = seen.as_slice() {
            for &i in middle.iter().rev() {
                self.events.remove(i);
            }
        }
        // Over the cap, the oldest routine events go first; asks, answers, outcomes and
        // notes are what the user relies on and are kept.
        while self.events.len() > MAX_EVENTS_PER_RECORD {
            let routine = self.events.iter().position(|e| e.action.is_routine());
            match routine {
                Some(i) => {
                    self.events.remove(i);
                }
                None => break,
            }
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("invalid ledger key: {0}")]
    Key(#[from] KeyError),
    #[error("no ledger record for {0}; the first event about someone must carry who they are")]
    UnknownRecord(String),
    #[error("invalid ledger data: {0}")]
    Invalid(String),
}

/// A message for the user about the ledger itself (compaction, recovered data).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case", deny_unknown_fields)]
pub enum Notice {
    /// Storage was nearly full: records were shortened, and when that was not enough,
    /// records nobody acted on (only seen) were dropped (`dropped`); a record the user
    /// acted on is never dropped.
    Compacted {
        at: u64,
        records: u32,
        bytes_before: u64,
        bytes_after: u64,
        still_over: bool,
        #[serde(default, skip_serializing_if = "is_zero")]
        dropped: u32,
    },
    /// A page showed more people new to the ledger than a page or a day may add: `refused`
    /// of them were not recorded, from `since` to `at` (one notice per day of it).
    Flooded { since: u64, at: u64, refused: u32 },
    /// The stored ledger could not be read; it was kept aside under `backup_key`.
    Recovered {
        at: u64,
        backup_key: String,
        problem: String,
    },
}

/// The whole ledger, as stored (see `schema` for the stored versions).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Ledger {
    pub version: u32,
    pub records: BTreeMap<String, Record>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notices: Vec<Notice>,
}

impl Default for Ledger {
    fn default() -> Self {
        Ledger {
            version: SCHEMA_VERSION,
            records: BTreeMap::new(),
            notices: Vec::new(),
        }
    }
}

/// What `Ledger::record` did, for the caller's answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Change {
    Created,
    Added,
    /// Already there (a duplicate or a coalesced `seen`): nothing written.
    Unchanged,
}

impl Ledger {
    pub fn new() -> Ledger {
        Ledger::default()
    }

    pub fn get(&self, key: &str) -> Option<&Record> {
        normalise_key(key).ok().and_then(|k| self.records.get(&k))
    }

    /// Records one event at time `at`. The first event about someone must carry a
    /// snapshot (who they are); later ones may refresh it.
    pub fn record(
        &mut self,
        key: &str,
        action: Action,
        at: u64,
        snapshot: Option<Snapshot>,
    ) -> Result<Change, LedgerError> {
        let key = normalise_key(key)?;
        if let Action::Note { text } = &action {
            check_len("note", text, MAX_FREE_NOTE_CHARS)?;
        }
        if let Some(s) = &snapshot {
            s.validate()?;
        }
        let mut change = Change::Added;
        let record = match self.records.entry(key) {
            std::collections::btree_map::Entry::Occupied(e) => e.into_mut(),
            std::collections::btree_map::Entry::Vacant(e) => {
                let Some(s) = snapshot.clone() else {
                    return Err(LedgerError::UnknownRecord(e.key().clone()));
                };
                change = Change::Created;
                e.insert(Record::new(s, at))
            }
        };
        if let Some(s) = snapshot {
            let refreshed = record.snapshot.refreshed_by(s);
            if at >= record.updated_at && record.snapshot != refreshed {
                record.snapshot = refreshed;
                record.updated_at = at;
                record.compacted = false;
            }
        }
        if action == Action::Seen {
            let recent = record
                .events
                .iter()
                .rev()
                .find(|e| e.action == Action::Seen);
            if recent.is_some_and(|e| at.abs_diff(e.at) < SEEN_COALESCE_MS) {
                return Ok(if change == Change::Created {
                    change
                } else {
                    Change::Unchanged
                });
            }
        }
        let routine = action.is_routine();
        if !record.insert_event(Event { at, action }) {
            if change == Change::Added {
                change = Change::Unchanged;
            }
        } else if !routine {
            // Something that matters happened since it was shortened: it may be again.
            record.compacted = false;
        }
        record.trim_events();
        Ok(change)
    }

    /// People the user marked "this one is fine" (an `overridden` event), with when: the
    /// triage answers them unguarded. The ledger is the one place this is remembered.
    pub fn overridden(&self) -> BTreeMap<String, u64> {
        // Inserted in the records' order, not collected: `collect` into a map sorts its
        // input with one more copy of the standard sort (issue #18).
        let mut out = BTreeMap::new();
        for (k, r) in &self.records {
            if let Some(e) = r
                .events
                .iter()
                .rev()
                .find(|e| e.action == Action::Overridden)
            {
                out.insert(k.clone(), e.at);
            }
        }
        out
    }

    /// Removes the notice at `index` once the user has read it.
    pub fn dismiss_notice(&mut self, index: usize) -> bool {
        if index < self.notices.len() {
            self.notices.remove(index);
            true
        } else {
            false
        }
    }

    /// "Delete everything", after the user confirmed.
    pub fn wipe(&mut self) {
        *self = Ledger::new();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANA: &str = "https://www.linkedin.com/in/ana-lima/";

    fn ana() -> Snapshot {
        Snapshot {
            name: "Ana Lima".into(),
            plan: Some(PlanKind::AskFirst),
            ..Snapshot::default()
        }
    }

    #[test]
    fn first_event_needs_who() {
        let mut l = Ledger::new();
        assert_eq!(
            l.record(ANA, Action::PromptShown, 1, None),
            Err(LedgerError::UnknownRecord(ANA.into()))
        );
        assert_eq!(
            l.record(ANA, Action::Seen, 1, Some(ana())),
            Ok(Change::Created)
        );
        assert_eq!(
            l.record(
                "https://www.linkedin.com/in/Ana-Lima?x=1",
                Action::PromptShown,
                2,
                None
            ),
            Ok(Change::Added)
        );
        assert_eq!(l.records.len(), 1);
        assert_eq!(l.get(ANA).unwrap().events.len(), 2);
    }

    #[test]
    fn repeated_seen_is_one_visit_but_tomorrow_is_another() {
        let mut l = Ledger::new();
        l.record(ANA, Action::Seen, 0, Some(ana())).unwrap();
        assert_eq!(
            l.record(ANA, Action::Seen, 60_000, None),
            Ok(Change::Unchanged)
        );
        assert_eq!(l.record(ANA, Action::Seen, DAY_MS, None), Ok(Change::Added));
        assert_eq!(l.get(ANA).unwrap().events.len(), 2);
    }

    #[test]
    fn an_invitation_seen_every_day_for_years_keeps_its_first_and_latest_visit() {
        let mut l = Ledger::new();
        l.record(ANA, Action::Seen, 0, Some(ana())).unwrap();
        l.record(ANA, Action::PromptShown, 1, None).unwrap();
        for day in 1..=1000 {
            l.record(ANA, Action::Seen, day * DAY_MS, None).unwrap();
        }
        let r = l.get(ANA).unwrap();
        let seen: Vec<u64> = r
            .events
            .iter()
            .filter(|e| e.action == Action::Seen)
            .map(|e| e.at)
            .collect();
        assert_eq!(seen, [0, 1000 * DAY_MS]);
        assert_eq!(r.events.len(), 3, "the prompt shown is kept");
        assert_eq!(r.first_seen(), Some(0));
    }

    #[test]
    fn a_newer_snapshot_refreshes_without_forgetting() {
        let mut l = Ledger::new();
        let first = Snapshot {
            invitation_urn: Some("urn:li:invitation:9".into()),
            headline: Some("CTO".into()),
            ..ana()
        };
        l.record(ANA, Action::Seen, 1, Some(first)).unwrap();
        let later = Snapshot {
            name: "Ana L.".into(),
            headline: Some("CEO".into()),
            ..Snapshot::default()
        };
        l.record(ANA, Action::PromptShown, 2, Some(later)).unwrap();
        let s = &l.get(ANA).unwrap().snapshot;
        assert_eq!(s.name, "Ana L.");
        assert_eq!(s.headline.as_deref(), Some("CEO"));
        assert_eq!(s.invitation_urn.as_deref(), Some("urn:li:invitation:9"));
        assert_eq!(s.plan, Some(PlanKind::AskFirst));
        assert_eq!(l.get(ANA).unwrap().updated_at, 2);
    }

    #[test]
    fn same_event_twice_is_one_event() {
        let mut l = Ledger::new();
        l.record(ANA, Action::ReplyInserted, 5, Some(ana()))
            .unwrap();
        assert_eq!(
            l.record(ANA, Action::ReplyInserted, 5, None),
            Ok(Change::Unchanged)
        );
        assert_eq!(l.get(ANA).unwrap().events.len(), 1);
    }

    #[test]
    fn caps_hold_against_floods_but_keep_what_matters() {
        let mut l = Ledger::new();
        l.record(ANA, Action::ReplyInserted, 0, Some(ana()))
            .unwrap();
        for i in 1..2_000u64 {
            l.record(ANA, Action::PromptShown, i, None).unwrap();
        }
        let r = l.get(ANA).unwrap();
        assert_eq!(r.events.len(), MAX_EVENTS_PER_RECORD);
        assert_eq!(r.last_ask(), Some(0));
        let long = "x".repeat(MAX_FREE_NOTE_CHARS + 1);
        assert!(matches!(
            l.record(ANA, Action::Note { text: long }, 1, None),
            Err(LedgerError::Invalid(_))
        ));
        let bad = Snapshot {
            name: " ".into(),
            ..Snapshot::default()
        };
        assert!(l
            .record("urn:li:invitation:1", Action::Seen, 1, Some(bad))
            .is_err());
        let script = Snapshot {
            name: "Ana".into(),
            profile_url: Some("javascript:alert(1)".into()),
            ..Snapshot::default()
        };
        assert!(l
            .record("urn:li:invitation:1", Action::Seen, 1, Some(script))
            .is_err());
    }

    #[test]
    fn events_serialise_flat_and_reject_unknown_fields() {
        let e = Event {
            at: 7,
            action: Action::Outcome {
                outcome: Outcome::NoFit,
            },
        };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(json, r#"{"at":7,"kind":"outcome","outcome":"no-fit"}"#);
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
        assert!(serde_json::from_str::<Event>(r#"{"at":7,"kind":"seen","extra":1}"#).is_err());
        assert!(serde_json::from_str::<Event>(r#"{"at":7,"kind":"clicked"}"#).is_err());
    }
}
