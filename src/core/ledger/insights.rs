//! What the popup shows from the ledger: who was asked and has not answered after N days
//! ("if they never respond, then you can decide" — the decision stays the user's), recent
//! follow-ups, and counts over the last 30 days. Pure; `now` is passed in.

use super::{Action, Ledger, Outcome, Record, DAY_MS};
use crate::core::plan::PlanKind;
use serde::{Deserialize, Serialize};

pub const STATS_WINDOW_DAYS: u64 = 30;
pub const DEFAULT_REMINDER_DAYS: u32 = 7;
/// How many recent follow-ups the popup lists.
pub const RECENT_FOLLOW_UPS: usize = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Reminder {
    pub key: String,
    pub name: String,
    /// Where the user can look at them: the profile, else None (an invitation urn or a
    /// name has no page of its own; the popup then links to the invitation manager).
    pub profile_url: Option<String>,
    pub asked_at: u64,
    pub days_waiting: u64,
    pub plan: Option<PlanKind>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FollowUp {
    pub key: String,
    pub name: String,
    pub profile_url: Option<String>,
    pub at: u64,
    pub answered: bool,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    pub window_days: u64,
    /// People first seen in the window.
    pub invites_seen: u32,
    /// Of those, invites with no note, the stock text or a generic note.
    pub default_invites: u32,
    /// People the user reached out to in the window.
    pub asked: u32,
    /// People who answered in the window.
    pub answers: u32,
    pub leads: u32,
    pub deals: u32,
    pub no_fit: u32,
}

impl Ledger {
    /// People asked at least `days` days before `now` who have not answered since and
    /// have no outcome set, longest-waiting first.
    pub fn reminders(&self, now: u64, days: u32) -> Vec<Reminder> {
        let threshold = u64::from(days) * DAY_MS;
        let mut out: Vec<Reminder> = self
            .records
            .iter()
            .filter_map(|(key, r)| {
                let asked_at = r.last_ask()?;
                let waited = now.checked_sub(asked_at)?;
                let answered = r.last_answer().is_some_and(|a| a >= asked_at);
                (waited >= threshold && !answered && r.outcome().is_none()).then(|| Reminder {
                    key: key.clone(),
                    name: r.snapshot.name.clone(),
                    profile_url: r.snapshot.profile_url.clone(),
                    asked_at,
                    days_waiting: waited / DAY_MS,
                    plan: r.snapshot.plan,
                })
            })
            .collect();
        crate::core::sort::sort_by(&mut out, |a, b| {
            a.asked_at.cmp(&b.asked_at).then_with(|| a.key.cmp(&b.key))
        });
        out
    }

    /// The latest "accept and follow up" decisions in the stats window, newest first.
    pub fn recent_follow_ups(&self, now: u64) -> Vec<FollowUp> {
        let since = now.saturating_sub(STATS_WINDOW_DAYS * DAY_MS);
        let mut out: Vec<FollowUp> = self
            .records
            .iter()
            .filter_map(|(key, r)| {
                let at = r
                    .events
                    .iter()
                    .rev()
                    .find(|e| e.action == Action::AcceptedFollowUp && e.at >= since && e.at <= now)?
                    .at;
                Some(FollowUp {
                    key: key.clone(),
                    name: r.snapshot.name.clone(),
                    profile_url: r.snapshot.profile_url.clone(),
                    at,
                    answered: r.last_answer().is_some_and(|a| a >= at),
                })
            })
            .collect();
        crate::core::sort::sort_by(&mut out, |a, b| {
            b.at.cmp(&a.at).then_with(|| a.key.cmp(&b.key))
        });
        out.truncate(RECENT_FOLLOW_UPS);
        out
    }

    /// Counts over the `STATS_WINDOW_DAYS` days up to `now`.
    pub fn stats(&self, now: u64) -> Stats {
        let since = now.saturating_sub(STATS_WINDOW_DAYS * DAY_MS);
        let in_window = |t: u64| t >= since && t <= now;
        let mut s = Stats {
            window_days: STATS_WINDOW_DAYS,
            ..Stats::default()
        };
        for r in self.records.values() {
            if r.first_seen().is_some_and(in_window) {
                s.invites_seen += 1;
                if r.snapshot.note_kind.is_some_and(|k| k.is_default()) {
                    s.default_invites += 1;
                }
            }
            if any_in(r, in_window, |a| a.is_ask()) {
                s.asked += 1;
            }
            if any_in(r, in_window, |a| *a == Action::Answered) {
                s.answers += 1;
            }
            // The outcome that stands is the latest one; counted if it was set in the window.
            match r.outcome() {
                Some((at, o)) if in_window(at) => match o {
                    Outcome::Lead => s.leads += 1,
                    Outcome::Deal => s.deals += 1,
                    Outcome::NoFit => s.no_fit += 1,
                },
                _ => {}
            }
        }
        s
    }
}

fn any_in(r: &Record, in_window: impl Fn(u64) -> bool, pred: impl Fn(&Action) -> bool) -> bool {
    r.events.iter().any(|e| in_window(e.at) && pred(&e.action))
}
