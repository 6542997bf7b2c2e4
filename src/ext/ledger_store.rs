//! The ledger's persistence in the background: one JSON document under the storage key
//! `ledger`, one writer (this background), one queue. wasm only; every ledger rule is in
//! `core::ledger` and `core::protocol_ledger`. It answers the ledger's messages; the tabs'
//! states for the popup are `ext::tabs`, the browser's events `ext::events`.
//!
//! No lost updates: every request takes the queue's lock, applies its change to the one
//! in-memory ledger and stores it before the next request runs, so two LinkedIn tabs
//! writing at once are serialised here. Pages never write the ledger themselves. A failed
//! write drops the in-memory copy, so the next request starts again from what is stored.
//!
//! Unreadable stored data is first copied under a fresh `ledger-backup-<ms>` key, and only
//! then replaced by an empty ledger carrying a notice; if the copy fails, nothing is
//! written. Near the quota (`getBytesInUse`), older finished records are compacted with a
//! notice.

use crate::core::ledger::compact::{needs_compaction, COMPACT_TO};
use crate::core::ledger::flood::PageBudget;
use crate::core::ledger::insights::DEFAULT_REMINDER_DAYS;
use crate::core::ledger::schema::{BACKUP_KEY_PREFIX, STORAGE_KEY};
use crate::core::ledger::{open_stored, Action, Change, Ledger, Opened, Snapshot};
use crate::core::protocol_ledger::{
    handle, parse_request, Context, Handled, LedgerAnswer, LedgerRequest, Origin, WIPE_CONFIRMATION,
};
use crate::ext::storage::{self, stored_text};
use crate::ext::{reads, tabs};
// Where the options page stores the settings (read here for `reminder_days`).
use crate::ext::storage::SETTINGS_KEY;
use futures_util::lock::Mutex;
use js_sys::{Reflect, JSON};
use std::cell::{Cell, RefCell};
use std::collections::{BTreeMap, VecDeque};
use std::hash::{Hash, Hasher};
use wasm_bindgen::prelude::*;

/// `chrome.storage.local` quota without the `unlimitedStorage` permission.
const QUOTA_BYTES: u64 = crate::core::ledger::compact::STORAGE_QUOTA_BYTES;

thread_local! {
    /// The ledger as last loaded or stored (None: load before use).
    static LEDGER: RefCell<Option<Ledger>> = const { RefCell::new(None) };
    /// Hashes of documents this background stored whose `storage.onChanged` has not
    /// arrived yet; any other change to the key came from elsewhere and invalidates
    /// `LEDGER`. (Hashes, not copies: a ledger can be megabytes.)
    static OWN_WRITES: RefCell<VecDeque<u64>> = const { RefCell::new(VecDeque::new()) };
    /// The overridden keys of the ledger as last loaded or stored, for triage.
    static OVERRIDDEN: RefCell<Option<BTreeMap<String, u64>>> = const { RefCell::new(None) };
    /// Bumped by every foreign change, so a request that was running keeps no stale copy.
    static FOREIGN_CHANGES: Cell<u64> = const { Cell::new(0) };
}

fn digest(text: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    text.hash(&mut h);
    h.finish()
}

const MAX_TRACKED_WRITES: usize = 64;

/// Writes the document and remembers it as ours.
async fn put(json: String) -> Result<(), String> {
    OWN_WRITES.with(|w| {
        let mut w = w.borrow_mut();
        if w.len() == MAX_TRACKED_WRITES {
            w.pop_front();
        }
        w.push_back(digest(&json));
    });
    storage::set(STORAGE_KEY, &json.into())
        .await
        .map_err(js_err)
}

/// `storage.onChanged` for the ledger key: our own writes are recognised; anything else
/// (another tool, a wipe from the browser's UI, an older worker) makes the next request
/// reload from storage instead of overwriting that change with a stale copy.
pub fn ledger_changed(new_value: &JsValue) {
    let text = stored_text(new_value);
    let ours = OWN_WRITES.with(|w| {
        let mut w = w.borrow_mut();
        let d = text.map(|t| digest(&t));
        match d.and_then(|d| w.iter().position(|mine| *mine == d)) {
            Some(i) => {
                w.drain(..=i);
                true
            }
            None => {
                w.clear();
                false
            }
        }
    });
    if !ours {
        FOREIGN_CHANGES.with(|c| c.set(c.get() + 1));
        LEDGER.with(|l| *l.borrow_mut() = None);
        OVERRIDDEN.with(|o| *o.borrow_mut() = None);
    }
}

/// The write queue: one request at a time, from load to stored.
static QUEUE: Mutex<()> = Mutex::new(());

fn now() -> u64 {
    js_sys::Date::now() as u64
}

fn js_err(e: JsValue) -> String {
    e.as_string()
        .or_else(|| {
            Reflect::get(&e, &"message".into())
                .ok()
                .and_then(|m| m.as_string())
        })
        .unwrap_or_else(|| "storage error".into())
}

async fn load() -> Result<Ledger, String> {
    let raw = stored_text(&storage::get(STORAGE_KEY).await.map_err(js_err)?);
    let at = now();
    match open_stored(raw.as_deref(), at, &[]) {
        Opened::Ready(loaded) => {
            if let (Some(from), Some(raw)) = (loaded.migrated_from, raw) {
                // The data as the older version wrote it is kept aside before the
                // migrated form replaces it: a migration bug must not cost the user data.
                let backup = format!("{BACKUP_KEY_PREFIX}v{from}-{at}");
                storage::set(&backup, &raw.into()).await.map_err(js_err)?;
                put(loaded.ledger.to_json()).await?;
            }
            Ok(loaded.ledger)
        }
        // Every ledger operation answers this error until AskFirst is updated again; the
        // data stays exactly as the newer version wrote it.
        Opened::Newer(problem) => Err(problem.to_string()),
        Opened::Recovered { .. } => {
            // Backup keys must not collide with earlier ones: ask for every key in use.
            let taken = storage_keys().await.map_err(js_err)?;
            let Opened::Recovered {
                backup_key,
                raw,
                ledger,
                ..
            } = open_stored(raw.as_deref(), at, &taken)
            else {
                return Err("the stored ledger changed while it was being read".into());
            };
            storage::set(&backup_key, &raw.into()).await.map_err(|e| {
                format!(
                    "the stored ledger is unreadable and could not be kept aside: {}",
                    js_err(e)
                )
            })?;
            put(ledger.to_json()).await?;
            Ok(ledger)
        }
    }
}

/// Every key in `storage.local`.
async fn storage_keys() -> Result<Vec<String>, JsValue> {
    let all = storage::get_many(None).await?;
    Ok(js_sys::Object::keys(&all.into())
        .iter()
        .filter_map(|k| k.as_string())
        .collect())
}

/// The ledger's size to compact down to when `others` bytes of storage are not its own.
fn compaction_target(others: u64) -> u64 {
    ((QUOTA_BYTES as f64 * COMPACT_TO) as u64).saturating_sub(others)
}

async fn store(ledger: &mut Ledger) -> Result<(), String> {
    let json = ledger.to_json();
    let own_size = json.len() as u64;
    if let Err(refused) = put(json).await {
        // Storage full (backups kept aside and other data count too): shorten what can be
        // shortened, then try once more; the first refusal stands if that does not help.
        let in_use = storage::bytes_in_use(None).await.map_err(js_err)? as u64;
        let stored = storage::bytes_in_use(Some(&[STORAGE_KEY]))
            .await
            .map_err(js_err)? as u64;
        let others = in_use.saturating_sub(stored);
        let report = ledger.compact(now(), compaction_target(others));
        if report.records == 0 && report.dropped == 0 {
            return Err(refused);
        }
        return put(ledger.to_json()).await.map_err(|_| refused);
    }
    // Saved. What follows is housekeeping: if it fails, the change is still saved (not
    // "not saved"), and the next write tries again.
    // Cheap first: only ask the browser when our own document is a sizeable share.
    if own_size < QUOTA_BYTES / 2 {
        return Ok(());
    }
    let Ok(in_use) = storage::bytes_in_use(None).await else {
        return Ok(());
    };
    let in_use = (in_use as u64).max(own_size);
    if needs_compaction(in_use, QUOTA_BYTES) {
        let others = in_use.saturating_sub(own_size);
        ledger.compact(now(), compaction_target(others));
        let _ = put(ledger.to_json()).await;
    }
    Ok(())
}

/// The user's reminder delay from the stored settings, else the default.
async fn reminder_days() -> u32 {
    let stored = storage::get(SETTINGS_KEY)
        .await
        .unwrap_or(JsValue::UNDEFINED);
    stored_text(&stored)
        .and_then(|json| crate::core::settings::Settings::from_json(&json).ok())
        .map_or(DEFAULT_REMINDER_DAYS, |s| s.reminder_days)
}

/// Runs one change to the ledger in the write queue: load (once), apply, store.
async fn transact(
    reminder_days: u32,
    f: impl FnOnce(&mut Ledger, Context) -> Handled,
) -> LedgerAnswer {
    let _turn = QUEUE.lock().await;
    let generation = FOREIGN_CHANGES.with(|c| c.get());
    let mut ledger = match LEDGER.with(|l| l.borrow_mut().take()) {
        Some(l) => l,
        None => match load().await {
            Ok(l) => l,
            Err(message) => return LedgerAnswer::Error { message },
        },
    };
    let handled = f(
        &mut ledger,
        Context {
            now: now(),
            reminder_days,
        },
    );
    if handled.changed {
        if let Err(message) = store(&mut ledger).await {
            // Not stored: forget the in-memory change; the next request reloads.
            return LedgerAnswer::Error {
                message: format!("not saved: {message}"),
            };
        }
    }
    if FOREIGN_CHANGES.with(|c| c.get()) == generation {
        let fine = ledger.overridden();
        OVERRIDDEN.with(|o| *o.borrow_mut() = Some(fine));
        LEDGER.with(|l| *l.borrow_mut() = Some(ledger));
    }
    handled.answer
}

/// Reads the ledger (loading it once) inside the write queue.
async fn read<R>(f: impl FnOnce(&Ledger) -> R) -> Result<R, String> {
    let mut out = None;
    let answer = transact(DEFAULT_REMINDER_DAYS, |ledger, _| {
        out = Some(f(ledger));
        Handled {
            answer: LedgerAnswer::Done,
            changed: false,
        }
    })
    .await;
    match (out, answer) {
        (Some(r), _) => Ok(r),
        (None, LedgerAnswer::Error { message }) => Err(message),
        (None, _) => Err("the ledger could not be read".into()),
    }
}

/// The people marked "this one is fine", with when (ms), for the router's triage.
pub async fn overridden_keys() -> Result<BTreeMap<String, u64>, String> {
    // From the copy kept after the last change: triage (the badges) never waits behind
    // the write queue. Only before the first load does it go through the queue.
    if let Some(fine) = OVERRIDDEN.with(|o| o.borrow().clone()) {
        return Ok(fine);
    }
    read(Ledger::overridden).await
}

/// Handles one ledger message after the sender was classified. Never panics on input;
/// every failure is an `Error` answer.
pub async fn handle_request(json: &str, origin: Origin) -> LedgerAnswer {
    let request = match parse_request(json, origin) {
        Ok(r) => r,
        Err(e) => {
            return LedgerAnswer::Error {
                message: e.to_string(),
            }
        }
    };
    match request {
        LedgerRequest::TabStatus { tab_id } => LedgerAnswer::TabStatus {
            status: tabs::status(tab_id).await,
        },
        LedgerRequest::Dashboard {} => {
            let days = reminder_days().await;
            transact(days, |l, ctx| handle(l, request, ctx)).await
        }
        // Deleting everything needs nothing read first: it works on a ledger this version
        // cannot load (written by a newer one) as on any other.
        LedgerRequest::Wipe { confirm } if confirm == WIPE_CONFIRMATION => wipe_all().await,
        request => transact(DEFAULT_REMINDER_DAYS, |l, ctx| handle(l, request, ctx)).await,
    }
}

/// "Delete everything": the ledger and every copy of it kept aside (before a migration,
/// or when it could not be read), which hold the same strangers' names and notes.
async fn wipe_all() -> LedgerAnswer {
    let _turn = QUEUE.lock().await;
    let ledger = Ledger::new();
    if let Err(message) = put(ledger.to_json()).await {
        return LedgerAnswer::Error {
            message: format!("not deleted: {message}"),
        };
    }
    LEDGER.with(|l| *l.borrow_mut() = Some(ledger));
    OVERRIDDEN.with(|o| *o.borrow_mut() = None);
    // What the open tabs showed (the names of flagged people, also in storage.session) and
    // the worker's memory of the cards it read (their HTML, notes included) go too.
    tabs::forget_all();
    reads::forget();
    let keys = match storage_keys().await {
        Ok(keys) => keys,
        Err(e) => {
            return LedgerAnswer::Error {
                message: format!(
                    "the ledger was deleted; its earlier copies could not be listed: {}",
                    js_err(e)
                ),
            }
        }
    };
    let copies: Vec<String> = keys
        .into_iter()
        .filter(|k| k.starts_with(BACKUP_KEY_PREFIX))
        .collect();
    if copies.is_empty() {
        return LedgerAnswer::Done;
    }
    let keys: Vec<&str> = copies.iter().map(String::as_str).collect();
    match storage::remove(&keys).await {
        Ok(()) => LedgerAnswer::Done,
        Err(e) => LedgerAnswer::Error {
            message: format!(
                "the ledger was deleted; {} earlier copies could not be: {}",
                keys.len(),
                js_err(e)
            ),
        },
    }
}

/// Records several page events in one write (e.g. every person card of a triage batch
/// as `seen`). For the background's router; the events were validated by its protocol.
pub async fn record_events(events: Vec<(String, Action, Option<Snapshot>)>) -> LedgerAnswer {
    transact(DEFAULT_REMINDER_DAYS, move |ledger, ctx| {
        let mut changed = false;
        let mut last = Change::Unchanged;
        let mut problems = Vec::new();
        for (key, action, snapshot) in events {
            match ledger.record(&key, action, ctx.now, snapshot) {
                Ok(c) => {
                    changed |= c != Change::Unchanged;
                    last = c;
                }
                Err(e) => problems.push(e.to_string()),
            }
        }
        let answer = match problems.first() {
            Some(p) if !changed => LedgerAnswer::Error { message: p.clone() },
            _ => LedgerAnswer::Recorded {
                change: last,
                compaction: None,
            },
        };
        Handled { answer, changed }
    })
    .await
}

thread_local! {
    /// What each tab's page has added to the ledger (by `seen`) since it was opened at its
    /// address: the page ceiling of `core::ledger::flood`.
    static PAGE_BUDGETS: RefCell<BTreeMap<i64, (String, PageBudget)>> =
        const { RefCell::new(BTreeMap::new()) };
}

/// A tab closed: its page ceiling goes with it.
pub fn forget_page_budget(tab: i64) {
    PAGE_BUDGETS.with_borrow_mut(|b| b.remove(&tab));
}

/// Records `seen` for the person cards of one triage batch of `tab` at `url`, within the
/// page's and the day's ceilings (`core::ledger::flood`).
pub async fn record_seen(
    tab: Option<i64>,
    url: String,
    cards: Vec<(String, Option<Snapshot>)>,
) -> LedgerAnswer {
    // Without a tab (never from a content script) the batch is its own page.
    let mut budget = tab.map_or_else(PageBudget::default, |tab| {
        PAGE_BUDGETS.with_borrow(|b| match b.get(&tab) {
            Some((at, budget)) if *at == url => *budget,
            _ => PageBudget::default(),
        })
    });
    let answer = transact(DEFAULT_REMINDER_DAYS, |ledger, ctx| {
        let report = ledger.record_seen(cards, ctx.now, &mut budget);
        let answer = match report.problems.first() {
            Some(p) if !report.changed => LedgerAnswer::Error { message: p.clone() },
            _ => LedgerAnswer::Recorded {
                change: Change::Unchanged,
                compaction: None,
            },
        };
        Handled {
            answer,
            changed: report.changed,
        }
    })
    .await;
    if let Some(tab) = tab {
        PAGE_BUDGETS.with_borrow_mut(|b| b.insert(tab, (url, budget)));
    }
    answer
}

pub(crate) fn string_field(obj: &JsValue, name: &str) -> Option<String> {
    Reflect::get(obj, &JsValue::from_str(name))
        .ok()
        .and_then(|v| v.as_string())
}

/// Who sent a message, from `chrome.runtime.onMessage`'s `sender`.
pub fn origin_of(sender: &JsValue) -> Origin {
    let runtime = Reflect::get(&js_sys::global(), &"chrome".into())
        .and_then(|c| Reflect::get(&c, &"runtime".into()))
        .unwrap_or(JsValue::UNDEFINED);
    let own_id = string_field(&runtime, "id");
    let base = Reflect::get(&runtime, &"getURL".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&runtime, &"".into()).ok())
        .and_then(|v| v.as_string())
        .unwrap_or_default();
    let same = own_id.is_some() && string_field(sender, "id") == own_id;
    // A content script's sender.url is its tab's URL; a page's is the page's own URL.
    Origin::classify(same, string_field(sender, "url").as_deref(), &base)
}

/// For the router: `message` as received, `sender` the `MessageSender`. Answers a
/// JSON-compatible object (`{type: "error", message}` on failure).
pub async fn handle_ledger_message(message: JsValue, sender: JsValue) -> Result<JsValue, JsValue> {
    let origin = origin_of(&sender);
    let json = JSON::stringify(&message)
        .ok()
        .and_then(|s| s.as_string())
        .unwrap_or_default();
    let answer = handle_request(&json, origin).await;
    // A conversation with someone asked: the popup says AskFirst watches for their answer.
    if let LedgerAnswer::ThreadRead {
        asked: Some(who), ..
    } = &answer
    {
        let tab = Reflect::get(&sender, &"tab".into()).unwrap_or(JsValue::UNDEFINED);
        let id = Reflect::get(&tab, &"id".into())
            .ok()
            .and_then(|v| v.as_f64());
        if let Some(id) = id {
            tabs::with_tabs(|b| b.watching(id as i64, who.clone()));
        }
    }
    let text = serde_json::to_string(&answer).map_err(|e| JsValue::from_str(&e.to_string()))?;
    JSON::parse(&text)
}
