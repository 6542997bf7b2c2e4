//! Compaction near the storage quota. First records nobody acted on (only seen: all a
//! page can create by itself, issue #13) lose their headline, and if that is not enough
//! they are dropped, oldest first; then older *finished*
//! records (answered, outcome set, accepted or overridden) lose their routine events
//! (seen, prompt shown, not now, extra copies) and their headline; who they are, when
//! they were first seen, asked, answered, the outcome and the user's notes stay. When
//! those are not enough, records of people never asked (prompted, put off) are shortened
//! the same way; people asked and not yet answered, the reminders, never are. A record
//! the user acted on is never dropped. The user gets one notice saying how many records
//! were shortened or dropped. Pure; `now` and sizes are passed in.

use super::{Action, Ledger, Notice, Record};
use serde::{Deserialize, Serialize};

/// `chrome.storage.local`'s quota without the `unlimitedStorage` permission.
pub const STORAGE_QUOTA_BYTES: u64 = 10 * 1024 * 1024;

/// Compact when the stored size reaches this share of the quota…
pub const COMPACT_AT: f64 = 0.8;
/// …down to this share, if finished records allow.
pub const COMPACT_TO: f64 = 0.6;

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CompactionReport {
    pub records: u32,
    pub bytes_before: u64,
    pub bytes_after: u64,
    /// Even after compacting every finished record the ledger is above the target: the
    /// user should export and delete what they no longer need.
    pub still_over: bool,
    /// Seen-only records dropped (nobody acted on them) when shortening was not enough.
    #[serde(default)]
    pub dropped: u32,
}

/// Should the ledger be compacted, given the bytes in use and the area's quota?
pub fn needs_compaction(bytes_in_use: u64, quota: u64) -> bool {
    quota > 0 && bytes_in_use as f64 >= quota as f64 * COMPACT_AT
}

impl Ledger {
    /// Until the JSON size is at most `target_bytes`: shortens seen-only records, then
    /// drops them, then shortens finished records, then those never asked (oldest
    /// activity first in each group). Records a notice when anything was done or the
    /// target could not be reached.
    pub fn compact(&mut self, now: u64, target_bytes: u64) -> CompactionReport {
        let bytes_before = self.to_json().len() as u64;
        let mut report = CompactionReport {
            bytes_before,
            bytes_after: bytes_before,
            ..Default::default()
        };
        if bytes_before <= target_bytes {
            return report;
        }
        // Seen-only first (what a page can create on its own, issue #13), then finished
        // records, then those never asked; oldest activity first in each.
        let mut candidates: Vec<(u8, u64, String)> = self
            .records
            .iter()
            .filter(|(_, r)| !r.compacted && (r.is_finished() || r.last_ask().is_none()))
            .map(|(k, r)| {
                let group = if r.is_seen_only() {
                    0
                } else if r.is_finished() {
                    1
                } else {
                    2
                };
                (group, r.last_event_at().unwrap_or(0), k.clone())
            })
            .collect();
        crate::core::sort::sort(&mut candidates);
        let mut size = bytes_before;
        let mut dropped_yet = false;
        for (group, _, key) in candidates {
            if size <= target_bytes {
                break;
            }
            // Every seen-only record shortened and still too big: they go, oldest first,
            // before any record the user acted on is touched.
            if group > 0 && !dropped_yet {
                dropped_yet = true;
                size = self.drop_seen_only(size, target_bytes, &mut report);
                if size <= target_bytes {
                    break;
                }
            }
            let Some(record) = self.records.get_mut(&key) else {
                continue;
            };
            let before = record_size(record);
            compact_record(record);
            let after = record_size(record);
            size = size.saturating_sub(before.saturating_sub(after));
            report.records += 1;
        }
        if size > target_bytes && !dropped_yet {
            self.drop_seen_only(size, target_bytes, &mut report);
        }
        report.bytes_after = self.to_json().len() as u64;
        report.still_over = report.bytes_after > target_bytes;
        if report.records > 0 || report.dropped > 0 || report.still_over {
            let notice = Notice::Compacted {
                at: now,
                records: report.records,
                bytes_before: report.bytes_before,
                bytes_after: report.bytes_after,
                still_over: report.still_over,
                dropped: report.dropped,
            };
            // Nothing more to shorten and still too big: one standing notice, brought up to
            // date, not one more at every write (each "seen" batch writes).
            let standing = self.notices.iter_mut().rev().find(|n| {
                matches!(
                    n,
                    Notice::Compacted {
                        still_over: true,
                        ..
                    }
                )
            });
            match standing {
                Some(Notice::Compacted {
                    at, bytes_after, ..
                }) if report.records == 0 && report.dropped == 0 => {
                    *at = now;
                    *bytes_after = report.bytes_after;
                }
                _ => self.notices.push(notice),
            }
        }
        report
    }

    /// Drops seen-only records, oldest first, until `size` is at most `target_bytes`.
    /// Nobody acted on them: they hold a name and when they were seen, nothing else.
    fn drop_seen_only(
        &mut self,
        mut size: u64,
        target_bytes: u64,
        report: &mut CompactionReport,
    ) -> u64 {
        let mut seen_only: Vec<(u64, String)> = self
            .records
            .iter()
            .filter(|(_, r)| r.is_seen_only())
            .map(|(k, r)| (r.last_event_at().unwrap_or(0), k.clone()))
            .collect();
        crate::core::sort::sort(&mut seen_only);
        for (_, key) in seen_only {
            if size <= target_bytes {
                break;
            }
            if let Some(record) = self.records.remove(&key) {
                // The record, its key, and the punctuation around them.
                size = size.saturating_sub(record_size(&record) + key.len() as u64 + 4);
                report.dropped += 1;
            }
        }
        size
    }
}

fn record_size(r: &Record) -> u64 {
    serde_json::to_string(r).map_or(0, |s| s.len() as u64)
}

fn compact_record(r: &mut Record) {
    let first_seen = r.events.first().cloned();
    let last_ask = r.events.iter().rev().find(|e| e.action.is_ask()).cloned();
    let mut kept: Vec<_> = r
        .events
        .iter()
        .filter(|e| {
            matches!(
                e.action,
                Action::Answered
                    | Action::Outcome { .. }
                    | Action::Note { .. }
                    | Action::AcceptedAnyway
                    | Action::AcceptedFollowUp
                    | Action::Overridden
            )
        })
        .cloned()
        .collect();
    kept.extend(first_seen);
    kept.extend(last_ask);
    crate::core::sort::sort(&mut kept);
    kept.dedup();
    r.events = kept;
    r.snapshot.headline = None;
    r.compacted = true;
}

#[cfg(test)]
mod tests {
    use super::super::{Outcome, Snapshot};
    use super::*;

    /// Someone with a long headline (what compaction drops).
    fn snap(name: &str) -> Option<Snapshot> {
        Some(Snapshot {
            name: name.into(),
            headline: Some("h".repeat(300)),
            ..Snapshot::default()
        })
    }

    #[test]
    fn thresholds() {
        assert!(!needs_compaction(7_999_999, 10_000_000));
        assert!(needs_compaction(8_000_000, 10_000_000));
        assert!(!needs_compaction(100, 0));
    }

    #[test]
    fn compacts_only_finished_records_and_says_so() {
        let mut l = Ledger::new();
        for i in 0..50u64 {
            let key = format!("urn:li:invitation:{i}");
            l.record(&key, Action::Seen, i * 1000, snap(&format!("P{i}")))
                .unwrap();
            for j in 1..20 {
                l.record(&key, Action::PromptShown, i * 1000 + j, None)
                    .unwrap();
            }
            l.record(&key, Action::ReplyInserted, i * 1000 + 50, None)
                .unwrap();
            if i % 2 == 0 {
                l.record(
                    &key,
                    Action::Outcome {
                        outcome: Outcome::Lead,
                    },
                    i * 1000 + 60,
                    None,
                )
                .unwrap();
            }
        }
        let before = l.clone();
        let report = l.compact(99, 1);
        assert_eq!(report.records, 25);
        assert!(report.still_over);
        assert!(report.bytes_after < report.bytes_before);
        assert_eq!(l.records.len(), 50, "nobody dropped");
        assert!(matches!(
            l.notices.last(),
            Some(Notice::Compacted {
                records: 25,
                still_over: true,
                ..
            })
        ));
        for (k, r) in &l.records {
            let old = &before.records[k];
            assert_eq!(r.compacted, old.is_finished());
            assert_eq!(r.first_seen(), old.first_seen());
            assert_eq!(r.last_ask(), old.last_ask());
            assert_eq!(r.outcome(), old.outcome());
            assert_eq!(r.snapshot.name, old.snapshot.name);
        }
        // Still over and nothing left to shorten: the same notice, brought up to date, at
        // every later write (found in review: one more notice at each write).
        let notices = l.notices.len();
        for at in [100, 200, 300] {
            let again = l.compact(at, 1);
            assert_eq!((again.records, again.still_over), (0, true));
        }
        assert_eq!(l.notices.len(), notices);
        assert!(matches!(
            l.notices.last(),
            Some(Notice::Compacted {
                at: 300,
                records: 25,
                still_over: true,
                ..
            })
        ));
        // Under the target: nothing to do, no notice.
        let mut small = before.clone();
        assert_eq!(small.compact(99, u64::MAX).records, 0);
        assert!(small.notices.is_empty());
    }

    #[test]
    fn people_never_asked_are_shortened_after_the_finished_ones_those_asked_never() {
        let mut l = Ledger::new();
        // 40 people only seen (many visits), 10 asked and waiting, 10 answered.
        for i in 0..60u64 {
            let key = format!("urn:li:invitation:{i}");
            l.record(&key, Action::Seen, i, snap(&format!("P{i}")))
                .unwrap();
            for j in 1..10 {
                l.record(&key, Action::PromptShown, i + j * 100, None)
                    .unwrap();
            }
            if i >= 40 {
                l.record(&key, Action::ReplyInserted, i + 5_000, None)
                    .unwrap();
            }
            if i >= 50 {
                l.record(&key, Action::Answered, i + 6_000, None).unwrap();
            }
        }
        let before = l.clone();
        let report = l.compact(99, 1);
        assert_eq!(
            report.records, 50,
            "the 10 answered, then the 40 never asked"
        );
        for (k, r) in &l.records {
            let old = &before.records[k];
            let waiting = old.last_ask().is_some() && !old.is_finished();
            assert_eq!(r.compacted, !waiting, "{k}");
            assert_eq!(r.first_seen(), old.first_seen());
            assert_eq!(r.last_ask(), old.last_ask());
        }
        // With a target the finished ones reach, the never-asked are left as they were.
        let mut l = before.clone();
        let finished_only = {
            let mut f = before.clone();
            for r in f.records.values_mut().filter(|r| r.is_finished()) {
                compact_record(r);
            }
            f.to_json().len() as u64
        };
        assert_eq!(l.compact(99, finished_only).records, 10);
    }
}
