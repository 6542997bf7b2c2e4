//! The ceiling on the content script's own work on a page (issue #12 §3), sent in the
//! hello answer: whatever the page does (containers that match several roles, a list
//! replaced in a loop, route changes without end), the content script counts its restarts,
//! its looks at the page's changes and its messages to the engine per window, with the time
//! its own code takes; past any ceiling it steps aside on that page with the "could not
//! read" state, and LinkedIn keeps working. The content script only executes these numbers
//! (extension/content/ceiling.js). Pure data: no wasm imports.

use serde::Serialize;

/// The numbers, per `window_ms` of the page's time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct WorkCeiling {
    /// The window the counts below are kept in.
    pub window_ms: u32,
    /// Starts of observation: a hello's, and each one after the watched list was replaced
    /// or appeared. A real page does this once per route change or list load.
    pub max_restarts: u32,
    /// Looks at the page's mutations (one per task that changed the watched list).
    pub max_batches: u32,
    /// Messages to the engine (hello, cards to read).
    pub max_messages: u32,
    /// Milliseconds of our own code: the mutation callback, batches, sending and the
    /// answers' badges.
    pub max_work_ms: u32,
    /// Once stepped aside, route changes are ignored this long (a page that changes its
    /// route without end would otherwise restart us each time).
    pub rest_ms: u32,
}

/// What a real LinkedIn page never needs (measured, README "In-page figures"): a
/// 1,000-card list costs ~100 ms to send and badge in all, in ~10 messages and a few
/// batches; cards appended later cost ~3 ms each time; a route change is one restart.
/// A page that restarts us five times in one second, or keeps us busy a quarter of it,
/// is not a page we can read.
pub const CEILING: WorkCeiling = WorkCeiling {
    window_ms: 1000,
    max_restarts: 4,
    max_batches: 60,
    max_messages: 40,
    max_work_ms: 250,
    rest_ms: 10_000,
};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_ceiling_leaves_room_for_a_real_page_and_none_for_a_spin() {
        // A 1,000-card page is sent in chunks of at most 100 cards (batching.js): its ten
        // messages and the hello fit in one window, with room for the details' retries.
        const { assert!(CEILING.max_messages >= 1_000 / 100 + 1 + 10) };
        // A route change is one restart; the list LinkedIn swaps in after it is another.
        const { assert!(CEILING.max_restarts >= 2) };
        // A spin is stopped within a window, and stays stopped for several.
        const { assert!(CEILING.max_restarts <= 5 && CEILING.rest_ms >= 5 * CEILING.window_ms) };
        let json = serde_json::to_value(CEILING).unwrap();
        assert_eq!(json["max_work_ms"], 250);
    }
}
