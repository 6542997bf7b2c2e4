//! The background's message router: wasm glue around `core::protocol`. It turns the
//! browser's message and sender into Rust values, lets `protocol` validate them, reads
//! settings from `chrome.storage.local` and "this one is fine" from the ledger, hands
//! prompt events and the ledger's own messages to `ledger_store`, and answers with plain
//! JSON-shaped objects. Every failure becomes an `{ok:false, code, error}` answer, never a rejection
//! or a panic: the content script fails open on those.

use crate::core::ledger::{Action, Snapshot as LedgerSnapshot};
use crate::core::markup_budget::{self, TabWork};
use crate::core::protocol::{
    self, CardHtml, ErrorAnswer, Overrides, PageState, RecordEvent, Request, Sender, Snapshot,
};
use crate::core::protocol_ledger::{is_ledger_type, FlaggedOnPage, LedgerAnswer};
use crate::core::settings::Settings;
use crate::core::triage::Engine;
use crate::ext::{ledger_store, reads, storage, tabs};
use js_sys::{Object, Reflect, JSON};
use serde::Serialize;
use std::cell::{Cell, RefCell};
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::ext::storage::SETTINGS_KEY;

thread_local! {
    /// The engine built from the last settings seen, keyed by their JSON: settings change
    /// rarely, triage requests come in bursts.
    static ENGINE: RefCell<Option<(String, Rc<Engine>)>> = const { RefCell::new(None) };
    /// The stored settings as last read (`Some(None)`: none stored), so that triage does not
    /// wait for a storage read on every message. Forgotten on every change to them
    /// (`settings_changed`); a content script that re-sends its cards because the settings
    /// changed asks for a fresh read, as it may hear of the change before we do.
    static SETTINGS: RefCell<Option<Option<String>>> = const { RefCell::new(None) };
    /// Bumped when the settings change: a read that started before the change must not
    /// become the copy.
    static SETTINGS_GENERATION: Cell<u64> = const { Cell::new(0) };
    /// What each tab has had read lately (`core::markup_budget::TabWork`).
    static TAB_WORK: RefCell<std::collections::BTreeMap<i64, TabWork>> =
        const { RefCell::new(std::collections::BTreeMap::new()) };
}

/// A tab closed: its reading allowance goes with it.
pub fn forget_tab_work(tab: i64) {
    TAB_WORK.with_borrow_mut(|w| w.remove(&tab));
}

/// From `chrome.storage.onChanged` (area `local`): the settings' copy is stale.
pub fn settings_changed(changes: &JsValue) {
    if !get(changes, SETTINGS_KEY).is_undefined() {
        SETTINGS_GENERATION.with(|g| g.set(g.get() + 1));
        SETTINGS.with_borrow_mut(|s| *s = None);
    }
}

/// The stored settings' JSON: the copy, or a read (which becomes the copy).
async fn settings_json(fresh: bool) -> Result<Option<String>, JsValue> {
    if !fresh {
        if let Some(copy) = SETTINGS.with_borrow(|s| s.clone()) {
            return Ok(copy);
        }
    }
    let generation = SETTINGS_GENERATION.with(Cell::get);
    // Settings written by the options page are objects; a string is accepted too.
    let json = storage::stored_text(&storage::get(SETTINGS_KEY).await?);
    if SETTINGS_GENERATION.with(Cell::get) == generation {
        SETTINGS.with_borrow_mut(|s| *s = Some(json.clone()));
    }
    Ok(json)
}

fn get(obj: &JsValue, key: &str) -> JsValue {
    Reflect::get(obj, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED)
}

fn to_js<T: Serialize>(value: &T) -> JsValue {
    serde_json::to_string(value)
        .ok()
        .and_then(|json| JSON::parse(&json).ok())
        .unwrap_or_else(|| error_js("internal", "answer could not be encoded"))
}

fn error_js(code: &'static str, error: &str) -> JsValue {
    // Built by hand: this is the fallback of `to_js` itself.
    let obj = Object::new();
    let _ = Reflect::set(&obj, &"ok".into(), &JsValue::FALSE);
    let _ = Reflect::set(&obj, &"code".into(), &code.into());
    let _ = Reflect::set(&obj, &"error".into(), &error.into());
    obj.into()
}

fn js_error_text(e: &JsValue) -> String {
    e.as_string()
        .or_else(|| {
            e.dyn_ref::<js_sys::Error>()
                .map(|e| String::from(e.message()))
        })
        .unwrap_or_else(|| "unknown error".into())
}

fn sender_of(sender: &JsValue) -> Sender {
    let tab = get(sender, "tab");
    Sender {
        id: get(sender, "id").as_string(),
        url: get(sender, "url").as_string(),
        tab: tab.is_object().then(|| get(&tab, "url").as_string()),
    }
}

fn own_id() -> String {
    let runtime = get(&get(&js_sys::global(), "chrome"), "runtime");
    get(&runtime, "id").as_string().unwrap_or_default()
}

/// The engine for the stored settings; defaults when none are stored or they are invalid
/// (the options page reports invalid settings; triage must not stop because of them).
fn engine_for(settings_json: Option<String>) -> Rc<Engine> {
    let key = settings_json.clone().unwrap_or_default();
    if let Some(engine) = ENGINE.with_borrow(|c| {
        c.as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, e)| e.clone())
    }) {
        return engine;
    }
    let settings = settings_json
        .and_then(|json| Settings::from_json(&json).ok())
        .unwrap_or_default();
    let engine = Rc::new(Engine::new(settings));
    ENGINE.with_borrow_mut(|c| *c = Some((key, engine.clone())));
    engine
}

async fn triage(
    sender: &JsValue,
    url: &str,
    cards: &[CardHtml],
    fresh: bool,
) -> Result<JsValue, JsValue> {
    let engine = engine_for(settings_json(fresh).await?);
    // "This one is fine" lives in the ledger (one source of truth); an unreadable ledger
    // only means nothing is overridden here.
    let fine = Overrides {
        fine: ledger_store::overridden_keys()
            .await
            .unwrap_or_default()
            .into_iter()
            .map(|(k, at)| (k, at as f64))
            .collect(),
    };
    // One tab's allowance of reading (issue #13, finding 5): a page that keeps sending
    // cards cannot keep the engine from the other tabs.
    let elements: usize = cards
        .iter()
        .map(|c| {
            markup_budget::scan(
                &c.html,
                markup_budget::MAX_DEPTH,
                markup_budget::MAX_CARD_ELEMENTS,
            )
            .elements
        })
        .sum();
    let tab_for_work = tab_id(sender).unwrap_or(-1);
    let admitted = TAB_WORK.with_borrow_mut(|w| {
        w.entry(tab_for_work)
            .or_default()
            .admit(js_sys::Date::now() as u64, elements)
    });
    let mut answer = if admitted {
        reads::with(|reads| protocol::triage_cards_with(&engine, cards, &fine, reads))
    } else {
        protocol::triage_refused(
            cards,
            "this tab sent more to read than its allowance for now: not read",
        )
    };
    // The ledger remembers who was seen, the popup what is flagged on this tab.
    let verdicts: Vec<_> = answer
        .cards
        .iter()
        .filter_map(|c| c.details.as_ref())
        .collect();
    let tab = tab_id(sender);
    if let Some(tab) = tab {
        let read = verdicts
            .iter()
            .map(|v| {
                let flagged = v.guard.then(|| FlaggedOnPage {
                    name: v.name.clone(),
                    plan: Some(v.snapshot.plan),
                    profile_url: v.snapshot.profile_url.clone(),
                    key: v.key.clone(),
                });
                (v.key.clone(), flagged)
            })
            .collect();
        tabs::with_tabs(|b| b.triaged(tab, url, read));
    }
    let seen: Vec<_> = verdicts
        .iter()
        .map(|v| {
            (
                v.key.clone(),
                Some(LedgerSnapshot::from(v.snapshot.clone())),
            )
        })
        .collect();
    // The prompt's parts follow the answer, in the next task (after the badges' answer has
    // gone out), to the frame that asked; before the ledger's write, which is slower.
    if let (Some(details), Some(tab)) = (answer.take_details(), tab) {
        let frame = get(sender, "frameId");
        wasm_bindgen_futures::spawn_local(async move {
            crate::ext::next_task().await;
            let frame = frame.as_f64().is_some().then_some(&frame);
            let tab = JsValue::from(tab as f64);
            let _ = crate::ext::send_to_tab(&tab, &to_js(&details), frame).await;
        });
    }
    if !seen.is_empty() {
        let url = url.to_string();
        // Not awaited, and not even started in this task: a task spawned here would run
        // (and serialise the whole ledger) before the answer reaches the page; the badges
        // must not wait for the ledger's write.
        wasm_bindgen_futures::spawn_local(async move {
            crate::ext::next_task().await;
            let _ = ledger_store::record_seen(tab, url, seen).await;
        });
    }
    Ok(to_js(&answer))
}

fn tab_id(sender: &JsValue) -> Option<i64> {
    get(&get(sender, "tab"), "id").as_f64().map(|id| id as i64)
}

async fn record(
    sender: &JsValue,
    key: String,
    event: RecordEvent,
    snapshot: Snapshot,
) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Recorded {
        ok: bool,
        stored: bool,
    }
    // Accepted or marked fine: no longer one the popup lists as flagged on this tab.
    let settled = matches!(
        event,
        RecordEvent::Overridden | RecordEvent::AcceptedAnyway | RecordEvent::AcceptedFollowUp
    );
    if let Some(tab) = tab_id(sender).filter(|_| settled) {
        tabs::with_tabs(|b| b.settled(tab, &key));
    }
    // Every prompt event, "this one is fine" included, goes into the ledger.
    match ledger_store::record_events(vec![(key, Action::from(event), Some(snapshot.into()))]).await
    {
        LedgerAnswer::Error { message } => Ok(error_js("engine-error", &message)),
        _ => Ok(to_js(&Recorded {
            ok: true,
            stored: true,
        })),
    }
}

/// The catalogue's words for `key` in the browser's language (`chrome.i18n`), the key
/// itself when there is no catalogue to ask.
fn words(key: &str) -> String {
    let i18n = get(&get(&js_sys::global(), "chrome"), "i18n");
    get(&i18n, "getMessage")
        .dyn_into::<js_sys::Function>()
        .ok()
        .and_then(|f| f.call1(&i18n, &key.into()).ok())
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| key.to_string())
}

/// Shows the tab's state on the toolbar icon (discreet: a short badge only when inactive).
async fn show_state(sender: &JsValue, state: PageState) -> Result<JsValue, JsValue> {
    let tab_id = get(&get(sender, "tab"), "id");
    let action = get(&get(&js_sys::global(), "chrome"), "action");
    let (text, title) = state.toolbar();
    let title = words(title);
    let title = title.as_str();
    if !action.is_object() || tab_id.as_f64().is_none() {
        return Ok(to_js(&serde_json::json!({ "ok": true, "shown": false })));
    }
    for (method, field, value) in [("setBadgeText", "text", text), ("setTitle", "title", title)] {
        let details = Object::new();
        Reflect::set(&details, &"tabId".into(), &tab_id)?;
        Reflect::set(&details, &field.into(), &value.into())?;
        let func: js_sys::Function = get(&action, method).dyn_into()?;
        let result = func.call1(&action, &details)?;
        if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
            JsFuture::from(promise).await?;
        }
    }
    // The icon too (not only a badge): grey where AskFirst has nothing to do, struck
    // through where it stepped aside. A browser without setIcon keeps the badge and title.
    if let Ok(func) = get(&action, "setIcon").dyn_into::<js_sys::Function>() {
        let name = state.icon();
        let details = Object::new();
        Reflect::set(&details, &"tabId".into(), &tab_id)?;
        Reflect::set(
            &details,
            &"path".into(),
            &to_js(&serde_json::json!({
                "16": format!("icons/{name}-16.png"),
                "32": format!("icons/{name}-32.png"),
            })),
        )?;
        let result = func.call1(&action, &details)?;
        if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
            JsFuture::from(promise).await?;
        }
    }
    Ok(to_js(&serde_json::json!({ "ok": true, "shown": true })))
}

/// The background's single entry point: `handleMessage(message, sender)` → a promise of
/// the answer object. Never rejects.
#[wasm_bindgen(js_name = handleMessage)]
pub async fn handle_message(message: JsValue, sender: JsValue) -> JsValue {
    let json = match JSON::stringify(&message).ok().and_then(|s| s.as_string()) {
        Some(json) => json,
        None => return error_js("malformed", "message refused: not JSON data"),
    };
    // The ledger's own messages (popup, options, answered detection) have their own
    // typed protocol and sender rules (core::protocol_ledger).
    let message_type = get(&message, "type").as_string().unwrap_or_default();
    if is_ledger_type(&message_type) {
        return ledger_store::handle_ledger_message(message, sender)
            .await
            .unwrap_or_else(|e| error_js("engine-error", &js_error_text(&e)));
    }
    let request = match protocol::parse_request(&json, &sender_of(&sender), &own_id()) {
        Ok(request) => request,
        Err(e) => return to_js(&ErrorAnswer::from(&e)),
    };
    let answer = match request {
        Request::Ping {} => Ok(to_js(
            &serde_json::json!({ "ok": true, "version": crate::ext::version() }),
        )),
        Request::Hello { url } => {
            if let Some(tab) = tab_id(&sender) {
                tabs::with_tabs(|b| b.hello(tab, &url));
            }
            Ok(to_js(&protocol::hello(&url)))
        }
        Request::TriageCards { url, cards, fresh } => triage(&sender, &url, &cards, fresh).await,
        Request::Record {
            key,
            event,
            snapshot,
        } => record(&sender, key, event, snapshot).await,
        Request::Status { url, state } => {
            if let Some(tab) = tab_id(&sender) {
                tabs::with_tabs(|b| b.state(tab, &url, state));
            }
            show_state(&sender, state).await
        }
        // The list without a readable card: the engine says whether it is empty, and the
        // tab (toolbar and popup) shows that.
        Request::ListSeen { url, html } => {
            let answer = protocol::list_seen(&html);
            if let Some(tab) = tab_id(&sender) {
                tabs::with_tabs(|b| b.state(tab, &url, answer.state));
            }
            match show_state(&sender, answer.state).await {
                Ok(_) => Ok(to_js(&answer)),
                Err(e) => Err(e),
            }
        }
        Request::CardsGone { url, keys } => {
            if let Some(tab) = tab_id(&sender) {
                tabs::with_tabs(|b| {
                    b.hello(tab, &url);
                    for key in &keys {
                        b.settled(tab, key);
                    }
                });
            }
            Ok(to_js(&serde_json::json!({ "ok": true })))
        }
        Request::ReplyLength { text, limit } => Ok(to_js(&protocol::reply_length(&text, limit))),
        Request::ComposerOwner { person, composer } => {
            Ok(to_js(&protocol::composer_owner(&person, &composer)))
        }
    };
    answer.unwrap_or_else(|e| error_js("engine-error", &js_error_text(&e)))
}
