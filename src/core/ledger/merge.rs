//! Merging ledgers (import, restore from export): a union of events per person, the newer
//! snapshot winning. Idempotent — importing the same file twice gives the same ledger —
//! and order-independent for events. Pure (no wasm-bindgen, web-sys, js-sys).

use super::{Ledger, LoadError, Record};
use serde::{Deserialize, Serialize};

/// What an import or merge changed, for the user.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeReport {
    /// People not in the ledger before.
    pub added: u32,
    /// People already there who gained events or newer details.
    pub updated: u32,
    /// Events that were new.
    pub events_added: u32,
    /// People in the file with nothing new.
    pub unchanged: u32,
}

/// Largest import accepted: well above any real ledger (storage.local holds 10 MB), and
/// small enough that a wrong file is refused before it is parsed.
pub const MAX_IMPORT_BYTES: usize = 20 * 1024 * 1024;

impl Ledger {
    /// Merges `other` into `self`. Notices are the receiving ledger's own and are kept.
    pub fn merge(&mut self, other: Ledger) -> MergeReport {
        let mut report = MergeReport::default();
        for (key, theirs) in other.records {
            match self.records.get_mut(&key) {
                None => {
                    let mut theirs = theirs;
                    theirs.trim_events();
                    report.added += 1;
                    report.events_added += theirs.events.len() as u32;
                    self.records.insert(key, theirs);
                }
                Some(ours) => {
                    let added = merge_record(ours, theirs);
                    if added.changed {
                        report.updated += 1;
                        report.events_added += added.events;
                    } else {
                        report.unchanged += 1;
                    }
                }
            }
        }
        report
    }

    /// Reads an export (any schema version, validated like stored data) and merges it.
    pub fn import_json(&mut self, text: &str) -> Result<MergeReport, LoadError> {
        if text.len() > MAX_IMPORT_BYTES {
            return Err(LoadError::NotALedger(format!(
                "the file is larger than {} MB",
                MAX_IMPORT_BYTES / (1024 * 1024)
            )));
        }
        if text.trim().is_empty() {
            return Err(LoadError::NotALedger("the file is empty".into()));
        }
        let incoming = Ledger::load(Some(text))?.ledger;
        Ok(self.merge(incoming))
    }
}

struct RecordMerge {
    changed: bool,
    events: u32,
}

fn merge_record(ours: &mut Record, theirs: Record) -> RecordMerge {
    let mut changed = false;
    // Strictly newer wins; on a tie ours stays, so merging the same data again is a no-op.
    if theirs.updated_at > ours.updated_at {
        changed |= ours.snapshot != theirs.snapshot;
        ours.snapshot = theirs.snapshot;
        ours.updated_at = theirs.updated_at;
    }
    // Counted after trimming: a visit of theirs between our first and latest one is not
    // kept, so importing the same file again reports nothing new (and writes nothing).
    let before = ours.events.clone();
    for e in theirs.events {
        ours.insert_event(e);
    }
    ours.trim_events();
    let events = ours
        .events
        .iter()
        .filter(|e| before.binary_search(e).is_err())
        .count() as u32;
    changed |= ours.events != before;
    // A compacted copy only stays compacted if both sides were.
    if ours.compacted && !theirs.compacted {
        ours.compacted = false;
        changed = true;
    }
    RecordMerge { changed, events }
}

#[cfg(test)]
mod tests {
    use super::super::{Action, Snapshot};
    use super::*;

    fn snap(name: &str) -> Option<Snapshot> {
        Some(Snapshot {
            name: name.into(),
            ..Snapshot::default()
        })
    }

    #[test]
    fn importing_visits_again_reports_nothing_new() {
        use super::super::DAY_MS;
        let key = "urn:li:invitation:1";
        let mut ours = Ledger::new();
        ours.record(key, Action::Seen, 0, snap("Ana")).unwrap();
        ours.record(key, Action::Seen, 4 * DAY_MS, None).unwrap();
        // A file with visits between ours and one after.
        let mut file = Ledger::new();
        for day in [1, 2, 5] {
            file.record(key, Action::Seen, day * DAY_MS, snap("Ana"))
                .unwrap();
        }
        let first = ours.merge(file.clone());
        assert_eq!((first.updated, first.events_added), (1, 1), "{first:?}");
        let seen: Vec<u64> = ours.records[key].events.iter().map(|e| e.at).collect();
        assert_eq!(seen, [0, 5 * DAY_MS]);
        let again = ours.clone().merge(file);
        assert_eq!(
            again,
            MergeReport {
                unchanged: 1,
                ..MergeReport::default()
            }
        );
    }

    #[test]
    fn merge_is_a_union_and_idempotent() {
        let mut a = Ledger::new();
        a.record("urn:li:invitation:1", Action::Seen, 1, snap("Ana"))
            .unwrap();
        a.record("urn:li:invitation:1", Action::ReplyInserted, 2, None)
            .unwrap();
        let mut b = Ledger::new();
        b.record("urn:li:invitation:1", Action::Seen, 1, snap("Ana"))
            .unwrap();
        b.record("urn:li:invitation:1", Action::Answered, 9, snap("Ana Lima"))
            .unwrap();
        b.record("urn:li:invitation:2", Action::Seen, 3, snap("Bo"))
            .unwrap();

        let first = a.merge(b.clone());
        assert_eq!(
            first,
            MergeReport {
                added: 1,
                updated: 1,
                events_added: 2,
                unchanged: 0
            }
        );
        let once = a.clone();
        let second = a.merge(b.clone());
        assert_eq!(
            second,
            MergeReport {
                added: 0,
                updated: 0,
                events_added: 0,
                unchanged: 2
            }
        );
        assert_eq!(a, once);
        let r = a.get("urn:li:invitation:1").unwrap();
        assert_eq!(r.snapshot.name, "Ana Lima");
        assert_eq!(r.events.len(), 3);

        // Order does not matter for the events either.
        let mut c = b.clone();
        c.merge(once.clone());
        assert_eq!(
            c.records.keys().collect::<Vec<_>>(),
            a.records.keys().collect::<Vec<_>>()
        );
        for (k, r) in &c.records {
            assert_eq!(r.events, a.records[k].events);
        }
    }

    #[test]
    fn import_validates_before_touching_anything() {
        let mut l = Ledger::new();
        l.record("urn:li:invitation:1", Action::Seen, 1, snap("Ana"))
            .unwrap();
        let before = l.clone();
        for bad in [
            "",
            "{",
            r#"{"version":3,"records":{"nope":{}}}"#,
            r#"{"version":7}"#,
        ] {
            assert!(l.import_json(bad).is_err(), "{bad:?}");
            assert_eq!(l, before);
        }
    }
}
