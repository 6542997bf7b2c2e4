//! The stored ledger document: its versions, the numbered migrations between them, and
//! what happens to data that cannot be read. Pure (no wasm-bindgen, web-sys, js-sys).
//!
//! Versions (each has sample data under tests/fixtures/ledger/ and its own test):
//! - v1: records keyed by the profile link as it appeared on the page; events
//!   `{"type": "...", "ts": ms}` with outcomes spelled as types (`outcome-lead`).
//! - v2: keys normalised (`key::normalise_key`, so one person is one record); events
//!   `{"at": ms, "kind": "...", ...}` with `outcome` as a field.
//! - v3 (current): the person's details nested in `snapshot` with `updated_at` (merge
//!   keeps the newer snapshot), `compacted` records, and user `notices`.
//!
//! Adding v4: a `v3` module freezing today's structs, `migrate_3_to_4`, a fixture written
//! by v3, a test; bump `SCHEMA_VERSION`. Never edit an old migration.

use super::{
    normalise_key, Action, Event, Ledger, Notice, Outcome, Record, Snapshot, MAX_STORED_NUMBER,
    MAX_TIME_MS,
};
use serde::Deserialize;

pub const SCHEMA_VERSION: u32 = 3;

/// Storage keys used by the ledger (`chrome.storage.local`).
pub const STORAGE_KEY: &str = "ledger";
/// Unreadable data is copied under `ledger-backup-<ms>` and never overwritten.
pub const BACKUP_KEY_PREFIX: &str = "ledger-backup-";

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LoadError {
    #[error("the stored ledger is not JSON ({0})")]
    NotJson(String),
    #[error("the stored data is not an AskFirst ledger ({0})")]
    NotALedger(String),
    #[error("the ledger was written by a newer AskFirst (schema v{0}; this version reads up to v{SCHEMA_VERSION}); update AskFirst")]
    FromTheFuture(u64),
    #[error("the ledger could not be migrated from schema v{from}: {problem}")]
    Migration { from: u32, problem: String },
}

/// A ledger read from storage or an import file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub ledger: Ledger,
    /// The version the data was written in, when it had to be migrated.
    pub migrated_from: Option<u32>,
}

impl Ledger {
    /// Reads a ledger document of any known version, migrating it to the current one.
    /// `None`/empty (nothing stored yet) is an empty ledger.
    pub fn load(json: Option<&str>) -> Result<Loaded, LoadError> {
        let Some(json) = json.filter(|j| !j.trim().is_empty()) else {
            return Ok(Loaded {
                ledger: Ledger::new(),
                migrated_from: None,
            });
        };
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| LoadError::NotJson(e.to_string()))?;
        let version = value
            .get("version")
            .ok_or_else(|| LoadError::NotALedger("no \"version\" field".into()))?
            .as_u64()
            .ok_or_else(|| LoadError::NotALedger("\"version\" is not a whole number".into()))?;
        let (ledger, migrated_from) = match version {
            1 => {
                let v1: v1::Doc = from_value(value, 1)?;
                (migrate_2_to_3(migrate_1_to_2(v1, 1)?), Some(1))
            }
            2 => (migrate_2_to_3(from_value(value, 2)?), Some(2)),
            3 => (from_value::<Ledger>(value, 3)?, None),
            v if v > u64::from(SCHEMA_VERSION) => return Err(LoadError::FromTheFuture(v)),
            v => return Err(LoadError::NotALedger(format!("unknown schema version {v}"))),
        };
        let mut ledger = ledger;
        drop_bad_links(&mut ledger);
        validate(&ledger)?;
        Ok(Loaded {
            ledger,
            migrated_from,
        })
    }

    /// The document to store (compact JSON, current version).
    pub fn to_json(&self) -> String {
        // Serialising plain structs with string keys cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }
}

/// What opening the stored ledger gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Opened {
    Ready(Loaded),
    /// The stored data could not be read. The caller must first store `raw` under
    /// `backup_key` (a key not in use: nothing is overwritten), then use `ledger`: an
    /// empty ledger whose notice tells the user what happened and where the data is.
    Recovered {
        backup_key: String,
        raw: String,
        ledger: Ledger,
        problem: LoadError,
    },
    /// Written by a newer AskFirst (the user went back to an older version): left exactly
    /// as it is, and nothing is written over it, so that updating again finds it whole.
    Newer(LoadError),
}

/// Opens the stored ledger. `taken_keys` are the storage keys already in use, so that a
/// backup never replaces an earlier one.
pub fn open_stored(raw: Option<&str>, now: u64, taken_keys: &[String]) -> Opened {
    match Ledger::load(raw) {
        Ok(loaded) => Opened::Ready(loaded),
        Err(problem @ LoadError::FromTheFuture(_)) => Opened::Newer(problem),
        Err(problem) => {
            let mut backup_key = format!("{BACKUP_KEY_PREFIX}{now}");
            let mut n = 1;
            while taken_keys.contains(&backup_key) {
                n += 1;
                backup_key = format!("{BACKUP_KEY_PREFIX}{now}-{n}");
            }
            // What can be read of it is kept; the whole document is kept aside too.
            let (mut ledger, said) = match raw.and_then(salvage) {
                Some((ledger, kept, of)) if kept > 0 => (
                    ledger,
                    format!("{problem}; {kept} of {of} people could be read and were kept"),
                ),
                _ => (Ledger::new(), problem.to_string()),
            };
            ledger.notices.push(Notice::Recovered {
                at: now,
                backup_key: backup_key.clone(),
                problem: said,
            });
            Opened::Recovered {
                backup_key,
                raw: raw.unwrap_or_default().to_string(),
                ledger,
                problem,
            }
        }
    }
}

/// What can be read of a ledger that cannot be read whole: each person's record on its own,
/// in the document's own version and migrated like the rest (one bad record must not cost
/// all the others); the ledger's notices when they can be read. `None` when it is not a
/// ledger document at all. Returns the ledger, the people kept and the people there were.
fn salvage(raw: &str) -> Option<(Ledger, usize, usize)> {
    let value: serde_json::Value = serde_json::from_str(raw).ok()?;
    let version = value.get("version")?;
    let records = value.get("records")?.as_object()?;
    let mut ledger = Ledger::new();
    let mut kept = 0;
    for (key, record) in records {
        let one = serde_json::json!({ "version": version, "records": { key: record } });
        if let Ok(loaded) = Ledger::load(Some(&one.to_string())) {
            ledger.merge(loaded.ledger);
            kept += 1;
        }
    }
    if let Some(notices) = value
        .get("notices")
        .and_then(|n| serde_json::from_value::<Vec<Notice>>(n.clone()).ok())
    {
        ledger.notices = notices.into_iter().filter(notice_in_range).collect();
    }
    Some((ledger, kept, records.len()))
}

fn from_value<T: for<'de> Deserialize<'de>>(
    value: serde_json::Value,
    version: u32,
) -> Result<T, LoadError> {
    serde_json::from_value(value).map_err(|e| {
        if version == SCHEMA_VERSION {
            LoadError::NotALedger(e.to_string())
        } else {
            LoadError::Migration {
                from: version,
                problem: e.to_string(),
            }
        }
    })
}

/// A snapshot's link that is not a LinkedIn profile (or an invitation urn) is dropped, the
/// record kept: links that passed the looser host check before 2026-11-27 (a host such as
/// `evil.example?.linkedin.com`), in stored data or in an import file, never become links
/// in our pages, and never set the whole ledger aside.
fn drop_bad_links(ledger: &mut Ledger) {
    for record in ledger.records.values_mut() {
        record.snapshot.drop_bad_links();
    }
}

/// A notice's times and sizes are in range (see `MAX_TIME_MS`).
fn notice_in_range(n: &Notice) -> bool {
    match n {
        Notice::Compacted {
            at,
            bytes_before,
            bytes_after,
            ..
        } => {
            *at <= MAX_TIME_MS
                && *bytes_before <= MAX_STORED_NUMBER
                && *bytes_after <= MAX_STORED_NUMBER
        }
        Notice::Recovered { at, .. } => *at <= MAX_TIME_MS,
        Notice::Flooded { since, at, .. } => *since <= MAX_TIME_MS && *at <= MAX_TIME_MS,
    }
}

/// Everything a current ledger must satisfy, whoever wrote it. Every number is checked
/// against its range here, where stored data and import files are parsed.
fn validate(ledger: &Ledger) -> Result<(), LoadError> {
    if !ledger.notices.iter().all(notice_in_range) {
        return Err(LoadError::NotALedger(
            "a notice's time or size is out of range".into(),
        ));
    }
    for (key, record) in &ledger.records {
        let canonical = normalise_key(key).map_err(|e| LoadError::NotALedger(e.to_string()))?;
        if &canonical != key {
            return Err(LoadError::NotALedger(format!(
                "key {key:?} is not in canonical form"
            )));
        }
        record
            .snapshot
            .validate()
            .map_err(|e| LoadError::NotALedger(format!("{key}: {e}")))?;
        if record.updated_at > MAX_TIME_MS || record.events.iter().any(|e| e.at > MAX_TIME_MS) {
            return Err(LoadError::NotALedger(format!(
                "{key}: a time is out of range (after the year 9999)"
            )));
        }
        if record.events.windows(2).any(|w| w[0] >= w[1]) {
            return Err(LoadError::NotALedger(format!(
                "{key}: events out of order or repeated"
            )));
        }
        for e in &record.events {
            if let Action::Note { text } = &e.action {
                if text.chars().count() > super::MAX_FREE_NOTE_CHARS {
                    return Err(LoadError::NotALedger(format!("{key}: a note is too long")));
                }
            }
        }
    }
    Ok(())
}

/// Schema v1, frozen as it was written.
mod v1 {
    use crate::core::{fit::Fit, note::NoteKind, plan::PlanKind};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Deserialize)]
    pub struct Doc {
        pub records: BTreeMap<String, Record>,
    }
    #[derive(Deserialize)]
    pub struct Record {
        pub name: String,
        pub headline: Option<String>,
        pub note_kind: Option<NoteKind>,
        pub fit: Option<Fit>,
        pub plan: Option<PlanKind>,
        #[serde(default)]
        pub events: Vec<Event>,
    }
    #[derive(Deserialize)]
    pub struct Event {
        #[serde(rename = "type")]
        pub kind: String,
        pub ts: u64,
        pub text: Option<String>,
    }
}

/// Schema v2, frozen as it was written.
mod v2 {
    use super::super::Event;
    use crate::core::{fit::Fit, note::NoteKind, plan::PlanKind};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Doc {
        #[allow(dead_code)] // always 2 here
        pub version: u32,
        pub records: BTreeMap<String, Record>,
    }
    #[derive(Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Record {
        pub name: String,
        pub headline: Option<String>,
        pub profile_url: Option<String>,
        pub invitation_urn: Option<String>,
        pub note_kind: Option<NoteKind>,
        pub fit: Option<Fit>,
        pub plan: Option<PlanKind>,
        pub events: Vec<Event>,
    }
}

/// Migration 1 → 2: one record per person (keys normalised, duplicates merged) and typed
/// events. A v1 event type this version does not know is kept as a free note, not lost.
fn migrate_1_to_2(doc: v1::Doc, from: u32) -> Result<v2::Doc, LoadError> {
    let mut records: std::collections::BTreeMap<String, v2::Record> = Default::default();
    for (raw_key, old) in doc.records {
        let key = normalise_key(&raw_key).map_err(|e| LoadError::Migration {
            from,
            problem: format!("{raw_key:?}: {e}"),
        })?;
        let mut events: Vec<Event> = old
            .events
            .into_iter()
            .map(|e| Event {
                at: e.ts,
                action: match e.kind.as_str() {
                    "seen" => Action::Seen,
                    "prompt-shown" => Action::PromptShown,
                    "reply-inserted" => Action::ReplyInserted,
                    "reply-copied" => Action::ReplyCopied,
                    "accepted-anyway" => Action::AcceptedAnyway,
                    "accepted-follow-up" => Action::AcceptedFollowUp,
                    "overridden" => Action::Overridden,
                    "not-now" => Action::NotNow,
                    "answered" => Action::Answered,
                    "outcome-lead" => Action::Outcome {
                        outcome: Outcome::Lead,
                    },
                    "outcome-deal" => Action::Outcome {
                        outcome: Outcome::Deal,
                    },
                    "outcome-no-fit" => Action::Outcome {
                        outcome: Outcome::NoFit,
                    },
                    "note" => Action::Note {
                        text: e.text.unwrap_or_default(),
                    },
                    other => Action::Note {
                        text: format!("(v1 event \"{other}\")"),
                    },
                },
            })
            .collect();
        let (profile_url, invitation_urn) = if key.starts_with("urn:") {
            (None, Some(key.clone()))
        } else if key.starts_with("https://") {
            (Some(key.clone()), None)
        } else {
            (None, None)
        };
        let entry = records.entry(key).or_insert_with(|| v2::Record {
            name: old.name.clone(),
            headline: None,
            profile_url,
            invitation_urn,
            note_kind: None,
            fit: None,
            plan: None,
            events: Vec::new(),
        });
        // Duplicates of one person: the details of the later-written one win.
        entry.name = old.name;
        entry.headline = old.headline.or(entry.headline.take());
        entry.note_kind = old.note_kind.or(entry.note_kind);
        entry.fit = old.fit.or(entry.fit);
        entry.plan = old.plan.or(entry.plan);
        entry.events.append(&mut events);
    }
    for r in records.values_mut() {
        crate::core::sort::sort(&mut r.events);
        r.events.dedup();
    }
    Ok(v2::Doc {
        version: 2,
        records,
    })
}

/// Migration 2 → 3: details nested in a snapshot stamped with the last event's time.
fn migrate_2_to_3(doc: v2::Doc) -> Ledger {
    // Inserted one by one, not collected: `collect` into a map sorts its input with one more
    // copy of the standard sort (issue #18); the input is a map's, so already in order.
    let mut records = std::collections::BTreeMap::new();
    doc.records
        .into_iter()
        .map(|(key, r)| {
            let mut events = r.events;
            crate::core::sort::sort(&mut events);
            events.dedup();
            let updated_at = events.last().map_or(0, |e| e.at);
            let snapshot = Snapshot {
                name: r.name,
                headline: r.headline,
                profile_url: r.profile_url,
                invitation_urn: r.invitation_urn,
                note_kind: r.note_kind,
                fit: r.fit,
                plan: r.plan,
            };
            (
                key,
                Record {
                    snapshot,
                    updated_at,
                    events,
                    compacted: false,
                },
            )
        })
        .for_each(|(key, record)| {
            records.insert(key, record);
        });
    Ledger {
        version: 3,
        records,
        notices: Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nothing_stored_is_an_empty_ledger() {
        for stored in [None, Some(""), Some("  ")] {
            let loaded = Ledger::load(stored).unwrap();
            assert_eq!(loaded.ledger, Ledger::new());
            assert_eq!(loaded.migrated_from, None);
        }
    }

    #[test]
    fn unreadable_data_is_an_error_naming_the_problem() {
        assert!(matches!(
            Ledger::load(Some("{not json")),
            Err(LoadError::NotJson(_))
        ));
        assert!(matches!(
            Ledger::load(Some("[1,2]")),
            Err(LoadError::NotALedger(_))
        ));
        assert!(matches!(
            Ledger::load(Some(r#"{"version":"3"}"#)),
            Err(LoadError::NotALedger(_))
        ));
        assert_eq!(
            Ledger::load(Some(r#"{"version":99,"records":{}}"#)),
            Err(LoadError::FromTheFuture(99))
        );
        let err = Ledger::load(Some(r#"{"version":3,"records":{},"surprise":1}"#)).unwrap_err();
        assert!(err.to_string().contains("surprise"), "{err}");
        let uncanonical = r#"{"version":3,"records":{"https://www.linkedin.com/in/Ana":{"snapshot":{"name":"Ana"},"updated_at":0,"events":[]}}}"#;
        assert!(matches!(
            Ledger::load(Some(uncanonical)),
            Err(LoadError::NotALedger(_))
        ));
    }

    #[test]
    fn a_stored_link_that_is_not_a_linkedin_profile_is_dropped_not_the_ledger() {
        let stored = r#"{"version":3,"records":{"https://www.linkedin.com/in/ana/":{"snapshot":{"name":"Ana","profile_url":"https://evil.example?.linkedin.com/in/ana","invitation_urn":"urn:li:invitation:7"},"updated_at":0,"events":[]}}}"#;
        let loaded = Ledger::load(Some(stored)).expect("the ledger is kept");
        let s = &loaded.ledger.records["https://www.linkedin.com/in/ana/"].snapshot;
        assert_eq!(s.name, "Ana");
        assert_eq!(s.profile_url, None);
        assert_eq!(s.invitation_urn.as_deref(), Some("urn:li:invitation:7"));
        // New input with such a link is refused.
        let bad = Snapshot {
            name: "Ana".into(),
            profile_url: Some("https://evil.example?.linkedin.com/in/ana".into()),
            ..Snapshot::default()
        };
        assert!(Ledger::new()
            .record(
                "https://www.linkedin.com/in/ana/",
                Action::Seen,
                1,
                Some(bad)
            )
            .is_err());
    }

    #[test]
    fn current_round_trips() {
        let mut l = Ledger::new();
        let s = Snapshot {
            name: "Ana".into(),
            ..Snapshot::default()
        };
        l.record("urn:li:invitation:1", Action::Seen, 3, Some(s))
            .unwrap();
        let loaded = Ledger::load(Some(&l.to_json())).unwrap();
        assert_eq!(loaded.ledger, l);
    }
}
