//! What each tab's content script last reported (`TabBoard`: its page, whether AskFirst is
//! active there and why not, the invitations flagged on it), for the popup. Kept in the
//! worker's memory and saved to `chrome.storage.session`: MV3 stops an idle background
//! after ~30 s, and without a copy the popup would ask the user to reload a page that
//! works. wasm only; what the board keeps and shows is `core::protocol::ledger::TabBoard`.

use crate::core::protocol_ledger::{PageStatus, TabBoard};
use crate::ext::storage;
use std::cell::{Cell, RefCell};

/// `chrome.storage.session` key of the tabs' states.
const TABS_KEY: &str = "tabs";

thread_local! {
    static TABS: RefCell<TabBoard> = RefCell::new(TabBoard::default());
    static TABS_RESTORED: Cell<bool> = const { Cell::new(false) };
    static TABS_SAVE_QUEUED: Cell<bool> = const { Cell::new(false) };
}

/// Once per background start: takes the tabs' states saved before the restart (what this
/// background heard since is newer and kept).
async fn restore_tabs() {
    if TABS_RESTORED.with(Cell::get) {
        return;
    }
    let saved = storage::session::get(TABS_KEY).await.ok();
    // Tabs closed while no background ran (it is not woken for every tab closed in the
    // browser) are not brought back.
    let open = crate::ext::open_tab_ids().await.ok();
    if TABS_RESTORED.with(|r| r.replace(true)) {
        return; // another task restored meanwhile
    }
    let board = saved
        .and_then(|v| v.as_string())
        .and_then(|text| serde_json::from_str::<TabBoard>(&text).ok());
    if let Some(board) = board {
        TABS.with(|t| t.borrow_mut().restore(board, open.as_deref()));
    }
}

/// The tabs' states for the popup (see `TabBoard`): changed in memory at once, saved to
/// `storage.session` in a later task (several changes, one write; the answer that made
/// the change goes out first).
pub fn with_tabs<R>(f: impl FnOnce(&mut TabBoard) -> R) -> R {
    let result = TABS.with(|t| f(&mut t.borrow_mut()));
    if !TABS_SAVE_QUEUED.with(|q| q.replace(true)) {
        wasm_bindgen_futures::spawn_local(async {
            crate::ext::next_task().await;
            restore_tabs().await;
            TABS_SAVE_QUEUED.with(|q| q.set(false));
            let json = TABS.with(|t| serde_json::to_string(&*t.borrow()));
            if let Ok(json) = json {
                // Losing it costs only a "reload the page" in the popup: not an error.
                let _ = storage::session::set(TABS_KEY, &json.into()).await;
            }
        });
    }
    result
}

/// What the content script of `tab` last reported (the popup's `tab-status`).
pub async fn status(tab: i64) -> Option<PageStatus> {
    restore_tabs().await;
    TABS.with(|t| t.borrow().status(tab))
}

/// "Delete everything": every tab's state goes (the names of flagged people are in it).
/// Marked restored: a worker that has not read the session copy yet never brings it back.
pub fn forget_all() {
    TABS_RESTORED.with(|r| r.set(true));
    with_tabs(|board| *board = TabBoard::default());
}

/// A tab closed. Most tabs closed are not LinkedIn's: nothing to forget, nothing to write.
/// Before the saved copy is read, the closure is remembered so that the copy cannot bring
/// it back.
pub fn closed(tab: i64) {
    if TABS_RESTORED.with(Cell::get) && TABS.with(|t| !t.borrow().knows(tab)) {
        return;
    }
    with_tabs(|b| b.closed(tab));
}
