//! `chrome.storage.local`, the only storage AskFirst keeps the user's data in (a content
//! script's localStorage would belong to linkedin.com), and `chrome.storage.session` for
//! the background's passing state. Thin async glue over the promise API that
//! Chrome and Firefox both offer in MV3; values cross as JSON-compatible JS values.
// One build holds either user of some of these (`worker`, `pages`): not dead in the other.
#![cfg_attr(not(all(feature = "worker", feature = "pages")), allow(dead_code))]

use js_sys::{Array, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

/// Where the user's settings are stored (the options page writes them, the worker reads
/// them).
pub const SETTINGS_KEY: &str = "settings";

fn storage_area(name: &str) -> Result<JsValue, JsValue> {
    let global = js_sys::global();
    let chrome = Reflect::get(&global, &JsValue::from_str("chrome"))?;
    let storage = Reflect::get(&chrome, &JsValue::from_str("storage"))?;
    let area = Reflect::get(&storage, &JsValue::from_str(name))?;
    if area.is_undefined() || area.is_null() {
        return Err(JsValue::from_str(&format!(
            "chrome.storage.{name} is not available here"
        )));
    }
    Ok(area)
}

async fn call(method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    call_in("local", method, args).await
}

async fn call_in(area: &str, method: &str, args: &[JsValue]) -> Result<JsValue, JsValue> {
    let area = storage_area(area)?;
    let func: js_sys::Function = Reflect::get(&area, &JsValue::from_str(method))?.dyn_into()?;
    let promise: Promise = func
        .apply(&area, &args.iter().collect::<Array>())?
        .dyn_into()?;
    JsFuture::from(promise).await
}

async fn get_in(area: &str, key: &str) -> Result<JsValue, JsValue> {
    let items = call_in(area, "get", &[JsValue::from_str(key)]).await?;
    Reflect::get(&items, &JsValue::from_str(key))
}

async fn set_in(area: &str, key: &str, value: &JsValue) -> Result<(), JsValue> {
    let items = Object::new();
    Reflect::set(&items, &JsValue::from_str(key), value)?;
    call_in(area, "set", &[items.into()]).await.map(|_| ())
}

/// `keys` as the storage API takes them: an array of keys, or `null` for every key.
fn keys_arg(keys: Option<&[&str]>) -> JsValue {
    match keys {
        Some(keys) => keys
            .iter()
            .map(|k| JsValue::from_str(k))
            .collect::<Array>()
            .into(),
        None => JsValue::NULL,
    }
}

/// A stored value as text (`None` when absent): a string as it is, any other value as
/// JSON, so that a document of ours stored either way reads the same and a foreign value
/// is kept aside intact.
pub fn stored_text(value: &JsValue) -> Option<String> {
    if value.is_undefined() || value.is_null() {
        return None;
    }
    if let Some(s) = value.as_string() {
        return Some(s);
    }
    js_sys::JSON::stringify(value)
        .ok()
        .and_then(|s| s.as_string())
}

/// The value stored under `key`, or `undefined` when there is none.
pub async fn get(key: &str) -> Result<JsValue, JsValue> {
    get_in("local", key).await
}

/// Several keys at once (`None`: everything); answers an object of the keys found.
pub async fn get_many(keys: Option<&[&str]>) -> Result<JsValue, JsValue> {
    let arg = keys_arg(keys);
    call("get", &[arg]).await
}

/// Stores one value; fails (quota, corrupt profile) with the browser's error.
pub async fn set(key: &str, value: &JsValue) -> Result<(), JsValue> {
    set_in("local", key, value).await
}

pub async fn remove(keys: &[&str]) -> Result<(), JsValue> {
    call("remove", &[keys_arg(Some(keys))]).await.map(|_| ())
}

/// Bytes used by `keys` (`None`: the whole area), for quota watching.
pub async fn bytes_in_use(keys: Option<&[&str]>) -> Result<f64, JsValue> {
    let arg = keys_arg(keys);
    // Firefox added getBytesInUse to storage.local late; absent → 0 and the caller falls
    // back to measuring the JSON it writes.
    let area = storage_area("local")?;
    if Reflect::get(&area, &JsValue::from_str("getBytesInUse"))?.is_undefined() {
        return Ok(0.0);
    }
    Ok(call("getBytesInUse", &[arg]).await?.as_f64().unwrap_or(0.0))
}

/// `chrome.storage.session`: memory the browser keeps while it runs, across the service
/// worker's restarts, never written to disk. Only for state that may be lost (the tabs'
/// states for the popup), never for the user's data.
pub mod session {
    use super::*;

    pub async fn get(key: &str) -> Result<JsValue, JsValue> {
        get_in("session", key).await
    }

    pub async fn set(key: &str, value: &JsValue) -> Result<(), JsValue> {
        set_in("session", key, value).await
    }
}
