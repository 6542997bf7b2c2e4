//! The extension's own pages (popup, options) in Rust + web-sys + gloo. wasm only. Glue
//! and rendering: the ledger and settings rules are in `core`; the pages talk to the
//! background with `chrome.runtime.sendMessage` (the background is the ledger's only
//! writer). Strangers' text (names, headlines, notes) only ever becomes text nodes.

pub mod options;
pub mod permission;
pub mod popup;
pub mod templates;

use crate::core::protocol_ledger::LedgerAnswer;
use js_sys::{Function, Promise, Reflect, JSON};
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::{Document, Element};

#[derive(Debug, thiserror::Error)]
pub enum UiError {
    #[error("{0}")]
    Browser(String),
    #[error("unexpected answer: {0}")]
    Answer(String),
}

impl From<JsValue> for UiError {
    fn from(e: JsValue) -> UiError {
        let message = e
            .as_string()
            .or_else(|| {
                Reflect::get(&e, &"message".into())
                    .ok()
                    .and_then(|m| m.as_string())
            })
            .unwrap_or_else(|| "browser error".into());
        UiError::Browser(message)
    }
}

impl From<UiError> for JsValue {
    fn from(e: UiError) -> JsValue {
        JsValue::from_str(&e.to_string())
    }
}

/// `chrome.<path…>` (e.g. `["runtime", "sendMessage"]`), or an error naming what is missing.
fn chrome_get(path: &[&str]) -> Result<JsValue, UiError> {
    let mut v = Reflect::get(&js_sys::global(), &"chrome".into())?;
    for p in path {
        if v.is_undefined() || v.is_null() {
            break;
        }
        v = Reflect::get(&v, &JsValue::from_str(p))?;
    }
    if v.is_undefined() || v.is_null() {
        return Err(UiError::Browser(format!(
            "chrome.{} is not available here",
            path.join(".")
        )));
    }
    Ok(v)
}

/// Calls `chrome.<api>.<method>(args…)` and awaits its promise.
async fn chrome_call(api: &str, method: &str, args: &[JsValue]) -> Result<JsValue, UiError> {
    let target = chrome_get(&[api])?;
    let f: Function = chrome_get(&[api, method])?
        .dyn_into()
        .map_err(|_| UiError::Browser(format!("{api}.{method}")))?;
    let promise: Promise = f
        .apply(&target, &args.iter().collect::<js_sys::Array>())?
        .dyn_into()?;
    Ok(JsFuture::from(promise).await?)
}

fn to_js<T: Serialize>(value: &T) -> Result<JsValue, UiError> {
    let text = serde_json::to_string(value).map_err(|e| UiError::Answer(e.to_string()))?;
    Ok(JSON::parse(&text)?)
}

fn from_js<T: DeserializeOwned>(value: &JsValue) -> Result<T, UiError> {
    let text = JSON::stringify(value)?.as_string().unwrap_or_default();
    serde_json::from_str(&text).map_err(|e| {
        UiError::Answer(format!(
            "{e}: {}",
            text.chars().take(200).collect::<String>()
        ))
    })
}

/// Sends a request to the background and reads its answer; an `Error` answer is an error.
pub async fn ask_background(request: &serde_json::Value) -> Result<LedgerAnswer, UiError> {
    let answer = chrome_call("runtime", "sendMessage", &[to_js(request)?]).await?;
    match from_js::<LedgerAnswer>(&answer)? {
        LedgerAnswer::Error { message } => Err(UiError::Browser(message)),
        other => Ok(other),
    }
}

/// The UI string `key` in the browser's language (`_locales`), with `$1`… substitutions;
/// the key itself if a translation is missing, so a gap shows instead of a blank.
pub fn t(key: &str, subs: &[&str]) -> String {
    let get = chrome_get(&["i18n", "getMessage"])
        .ok()
        .and_then(|f| f.dyn_into::<Function>().ok());
    let i18n = chrome_get(&["i18n"]).unwrap_or(JsValue::UNDEFINED);
    let args: js_sys::Array = subs.iter().map(|s| JsValue::from_str(s)).collect();
    get.and_then(|f| f.call2(&i18n, &JsValue::from_str(key), &args).ok())
        .and_then(|v| v.as_string())
        .filter(|s| !s.is_empty())
        // No catalogue (a page outside the extension): the key, and what it was about.
        .unwrap_or_else(|| match subs {
            [] => key.to_string(),
            _ => format!("{key}: {}", subs.join(", ")),
        })
}

/// What the engine said (`Said`: a code and its parameters), in the browser's language:
/// the same catalogue the content script words it with.
pub fn say(said: &crate::core::said::Said) -> String {
    use crate::core::said::Param;
    let params: Vec<String> = said
        .params
        .iter()
        .map(|p| match p {
            Param::Text(s) => s.clone(),
            Param::Said(s) => say(s),
            Param::List(l) => l.iter().map(say).collect::<Vec<_>>().join("; "),
        })
        .collect();
    let refs: Vec<&str> = params.iter().map(String::as_str).collect();
    t(said.code, &refs)
}

pub fn document() -> Document {
    // An extension page always has a window and a document: a true invariant.
    web_sys::window()
        .and_then(|w| w.document())
        .expect_throw("no document")
}

/// A new element with an optional class.
pub fn el(tag: &str, class: &str) -> Element {
    let e = document()
        .create_element(tag)
        .expect_throw("valid tag name");
    if !class.is_empty() {
        e.set_class_name(class);
    }
    e
}

/// A new element whose only content is `text`, as a text node.
pub fn text_el(tag: &str, class: &str, text: &str) -> Element {
    let e = el(tag, class);
    e.set_text_content(Some(text));
    e
}

/// Appends children, ignoring the impossible failure of appending a fresh element.
pub fn append(parent: &Element, children: &[&Element]) {
    for c in children {
        let _ = parent.append_child(c);
    }
}

/// A link that opens in a new tab; only https URLs (ledger links are validated LinkedIn
/// links already; this is the belt to those braces).
pub fn link(text: &str, href: &str) -> Element {
    let a = text_el("a", "", text);
    if href.starts_with("https://") {
        let _ = a.set_attribute("href", href);
        let _ = a.set_attribute("target", "_blank");
        let _ = a.set_attribute("rel", "noopener noreferrer");
    }
    a
}

/// Where a stored profile link points: its canonical form
/// (`https://www.linkedin.com/in/<slug>/`), never the stored text itself; `None` when it is
/// not a LinkedIn profile.
pub fn profile_href(url: &str) -> Option<String> {
    crate::core::ledger::normalise_key(url)
        .ok()
        .filter(|k| k.starts_with("https://www.linkedin.com/in/"))
}

pub fn clear(e: &Element) {
    while let Some(c) = e.first_child() {
        let _ = e.remove_child(&c);
    }
}

/// Where to show a page: the element with id `app`, else the body.
pub fn app_root() -> Result<Element, UiError> {
    let doc = document();
    doc.get_element_by_id("app")
        .or_else(|| doc.body().map(Into::into))
        .ok_or_else(|| UiError::Browser("the page has no body".into()))
}

/// Translates every element carrying `data-i18n="key"` (static texts of the HTML).
pub fn translate_static(root: &Element) {
    if let Ok(list) = root.query_selector_all("[data-i18n]") {
        for i in 0..list.length() {
            if let Some(e) = list.item(i).and_then(|n| n.dyn_into::<Element>().ok()) {
                if let Some(key) = e.get_attribute("data-i18n") {
                    e.set_text_content(Some(&t(&key, &[])));
                }
            }
        }
    }
}

/// Days as the user reads them ("today", "1 day ago", "8 days ago").
pub fn days_ago(now: u64, at: u64) -> String {
    let days = now.saturating_sub(at) / crate::core::ledger::DAY_MS;
    match days {
        0 => t("daysAgoToday", &[]),
        1 => t("daysAgoOne", &[]),
        n => t("daysAgoMany", &[&n.to_string()]),
    }
}
