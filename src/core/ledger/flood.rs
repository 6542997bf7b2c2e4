//! Keeping a page from flooding the ledger (issue #13, finding 6: 7,000 fake cards on a
//! page made compaction strip the user's real records; 14,000 filled the storage quota
//! and every later write was refused). Pure: must not import wasm-bindgen, web-sys or
//! js-sys; `now` is passed in.
//!
//! A page can only make AskFirst *see* people: every other event needs the user's own
//! click. So the records a page can create on its own are seen-only ones, and those have
//! two ceilings: per page (one tab at one address; the background keeps a [`PageBudget`]
//! per tab) and per day (counted from the ledger itself, so a page that changes its
//! address or outlives a background restart gains nothing). What is over is not recorded
//! (the badges and the Accept guard work on those cards all the same; a record is created
//! as soon as the user does anything with one) and the user gets one notice per day of
//! flooding, brought up to date, never one per write. Compaction (`compact`) shortens and,
//! when it must, drops seen-only records before it touches any record the user acted on.

use super::{Action, Change, Ledger, Notice, Record, Snapshot, DAY_MS};

/// New seen-only records one page may create (LinkedIn lists received invitations ~100 at
/// a time; someone scrolling through many hundreds of pending ones stays under this).
pub const MAX_NEW_SEEN_PER_PAGE: u32 = 500;
/// New seen-only records all pages together may create in any 24 hours.
pub const MAX_NEW_SEEN_PER_DAY: usize = 2_000;

/// How many records one page has created so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PageBudget {
    pub created: u32,
}

impl Record {
    /// Nothing but visits: nobody acted on this record (no prompt, ask, note, outcome…).
    pub fn is_seen_only(&self) -> bool {
        self.events.iter().all(|e| e.action == Action::Seen)
    }
}

/// What recording one page batch of `seen` did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SeenReport {
    pub changed: bool,
    /// People new to the ledger left out: over the page's or the day's ceiling.
    pub refused: u32,
    pub problems: Vec<String>,
}

impl Ledger {
    /// Seen-only records created in the 24 hours before `now`.
    pub fn seen_only_created_since(&self, since: u64) -> usize {
        self.records
            .values()
            .filter(|r| r.is_seen_only() && r.first_seen().is_some_and(|t| t >= since))
            .count()
    }

    /// Records `seen` for every card of a page batch: people already in the ledger always,
    /// people new to it while the page's and the day's ceilings allow.
    pub fn record_seen(
        &mut self,
        cards: Vec<(String, Option<Snapshot>)>,
        now: u64,
        page: &mut PageBudget,
    ) -> SeenReport {
        let mut report = SeenReport::default();
        let mut today = self.seen_only_created_since(now.saturating_sub(DAY_MS));
        for (key, snapshot) in cards {
            let known = self.get(&key).is_some();
            if !known && (page.created >= MAX_NEW_SEEN_PER_PAGE || today >= MAX_NEW_SEEN_PER_DAY) {
                report.refused += 1;
                continue;
            }
            match self.record(&key, Action::Seen, now, snapshot) {
                Ok(change) => {
                    if change == Change::Created {
                        page.created += 1;
                        today += 1;
                    }
                    report.changed |= change != Change::Unchanged;
                }
                Err(e) => report.problems.push(e.to_string()),
            }
        }
        if report.refused > 0 {
            self.note_flood(now, report.refused);
            report.changed = true;
        }
        report
    }

    /// One standing notice per day of flooding: the latest one, if it is less than a day
    /// old, is brought up to date.
    fn note_flood(&mut self, now: u64, refused: u32) {
        let standing = self.notices.iter_mut().rev().find_map(|n| match n {
            Notice::Flooded { since, at, refused }
                if now.saturating_sub(*since) < DAY_MS && *at <= now =>
            {
                Some((at, refused))
            }
            _ => None,
        });
        match standing {
            Some((at, total)) => {
                *at = now;
                *total = total.saturating_add(refused);
            }
            None => self.notices.push(Notice::Flooded {
                since: now,
                at: now,
                refused,
            }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(i: usize) -> (String, Option<Snapshot>) {
        (
            format!("urn:li:invitation:{i}"),
            Some(Snapshot {
                name: format!("P{i}"),
                ..Snapshot::default()
            }),
        )
    }

    #[test]
    fn a_page_and_a_day_have_ceilings_and_people_known_are_always_seen() {
        let mut l = Ledger::new();
        let mut page = PageBudget::default();
        let cards = (0..600).map(card).collect();
        let r = l.record_seen(cards, 1_000, &mut page);
        assert_eq!(l.records.len(), MAX_NEW_SEEN_PER_PAGE as usize);
        assert_eq!(r.refused, 100);
        // Someone known is seen again even over the ceiling.
        let again = l.record_seen(vec![card(0)], 1_000 + DAY_MS / 2, &mut page);
        assert_eq!((again.refused, again.changed), (0, true));
        // Other pages, same day: up to the day's ceiling in all.
        for p in 1..10 {
            let mut page = PageBudget::default();
            let cards = (p * 1_000..p * 1_000 + 500).map(card).collect();
            l.record_seen(cards, 2_000, &mut page);
        }
        assert_eq!(l.records.len(), MAX_NEW_SEEN_PER_DAY);
        // A day later, room again.
        let mut page = PageBudget::default();
        l.record_seen(vec![card(99_999)], 2_000 + DAY_MS, &mut page);
        assert_eq!(l.records.len(), MAX_NEW_SEEN_PER_DAY + 1);
        // One notice for that day of flooding, whatever the number of writes.
        let floods: Vec<_> = l
            .notices
            .iter()
            .filter(|n| matches!(n, Notice::Flooded { .. }))
            .collect();
        assert_eq!(floods.len(), 1, "{floods:?}");
        assert!(
            matches!(floods[0], Notice::Flooded { refused, .. } if *refused == 100 + 9 * 500 - 1_500)
        );
    }
}
