//! The background's message router: wasm glue around `core::protocol`. It turns the
//! browser's message and sender into Rust values, lets `protocol` validate them, reads
//! settings and overrides from `chrome.storage.local`, and answers with plain JSON-shaped
//! objects. Every failure becomes an `{ok:false, code, error}` answer, never a rejection
//! or a panic: the content script fails open on those.

use crate::core::protocol::{
    self, CardHtml, ErrorAnswer, Overrides, PageState, RecordEvent, Request, Sender, OVERRIDES_KEY,
};
use crate::core::settings::Settings;
use crate::core::triage::Engine;
use crate::ext::storage;
use js_sys::{Object, Reflect, JSON};
use serde::Serialize;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

const SETTINGS_KEY: &str = "settings";
/// Where unreadable overrides are kept aside instead of being overwritten.
const OVERRIDES_BACKUP_KEY: &str = "overrides_unreadable";

thread_local! {
    /// The engine built from the last settings seen, keyed by their JSON: settings change
    /// rarely, triage requests come in bursts.
    static ENGINE: RefCell<Option<(String, Rc<Engine>)>> = const { RefCell::new(None) };
    /// The end of the queue of read-modify-write updates to storage: two tabs marking
    /// invitations "fine" at once must not overwrite each other.
    static WRITES: RefCell<Option<js_sys::Promise>> = const { RefCell::new(None) };
}

/// Runs storage updates one after another (the background is one thread, but its awaits
/// interleave): waits for the previous update, and lets the next wait for this one.
async fn one_at_a_time<T>(update: impl std::future::Future<Output = T>) -> T {
    let mut release: Option<js_sys::Function> = None;
    let mine = js_sys::Promise::new(&mut |resolve, _reject| release = Some(resolve));
    let previous = WRITES.with_borrow_mut(|tail| tail.replace(mine));
    if let Some(previous) = previous {
        let _ = JsFuture::from(previous).await;
    }
    let out = update.await;
    if let Some(release) = release {
        let _ = release.call0(&JsValue::UNDEFINED);
    }
    out
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

/// A stored value as JSON text (`None` when absent). Settings written by the options page
/// are objects; a string is accepted too.
fn stored_json(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    JSON::stringify(value).ok().and_then(|s| s.as_string())
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

async fn triage(cards: &[CardHtml]) -> Result<JsValue, JsValue> {
    let stored = storage::get_many(Some(&[SETTINGS_KEY, OVERRIDES_KEY])).await?;
    let engine = engine_for(stored_json(&get(&stored, SETTINGS_KEY)));
    // Unreadable overrides only mean nothing is overridden here; `record` keeps them aside.
    let fine = Overrides::from_stored(stored_json(&get(&stored, OVERRIDES_KEY)).as_deref())
        .unwrap_or_default();
    Ok(to_js(&protocol::triage_cards(&engine, cards, &fine)))
}

async fn record(key: &str, event: RecordEvent) -> Result<JsValue, JsValue> {
    #[derive(Serialize)]
    struct Recorded {
        ok: bool,
        stored: bool,
    }
    // Only the override is stored here; the ledger (issue 4) records the other events.
    if event != RecordEvent::Overridden {
        return Ok(to_js(&Recorded {
            ok: true,
            stored: false,
        }));
    }
    let current = storage::get(OVERRIDES_KEY).await?;
    let mut overrides = match Overrides::from_stored(stored_json(&current).as_deref()) {
        Ok(o) => o,
        Err(_) => {
            storage::set(OVERRIDES_BACKUP_KEY, &current).await?;
            Overrides::from_stored(None).unwrap_or_default()
        }
    };
    overrides.mark_fine(key, js_sys::Date::now());
    let json = serde_json::to_string(&overrides).map_err(|e| JsValue::from_str(&e.to_string()))?;
    storage::set(OVERRIDES_KEY, &JSON::parse(&json)?).await?;
    Ok(to_js(&Recorded {
        ok: true,
        stored: true,
    }))
}

/// Shows the tab's state on the toolbar icon (discreet: a short badge only when inactive).
async fn show_state(sender: &JsValue, state: PageState) -> Result<JsValue, JsValue> {
    let tab_id = get(&get(sender, "tab"), "id");
    let action = get(&get(&js_sys::global(), "chrome"), "action");
    let (text, title) = state.toolbar();
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
    let request = match protocol::parse_request(&json, &sender_of(&sender), &own_id()) {
        Ok(request) => request,
        Err(e) => return to_js(&ErrorAnswer::from(&e)),
    };
    let answer = match request {
        Request::Ping {} => Ok(to_js(
            &serde_json::json!({ "ok": true, "version": crate::ext::version() }),
        )),
        Request::Hello { url } => Ok(to_js(&protocol::hello(&url))),
        Request::TriageCards { cards, .. } => triage(&cards).await,
        Request::Record { key, event, .. } => one_at_a_time(record(&key, event)).await,
        Request::Status { state, .. } => show_state(&sender, state).await,
    };
    answer.unwrap_or_else(|e| error_js("engine-error", &js_error_text(&e)))
}
