//! wasm entry points used by the extension's background and pages. Only glue lives here:
//! every rule is in `core`. Errors become `JsValue` here and nowhere else.

pub mod ledger_store;
pub mod storage;
pub mod ui;

use crate::core::linkedin::read_page;
use crate::core::settings::Settings;
use crate::core::triage::Engine;
use wasm_bindgen::prelude::*;

/// The engine's version, for the background's `ping`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Triage a whole page: the same JSON lines `askfirst triage --json` prints, as an array.
/// Used to check that the wasm build answers exactly as the native one.
#[wasm_bindgen(js_name = triagePage)]
pub fn triage_page(html: &str, settings_json: Option<String>) -> Result<String, JsValue> {
    let settings = match settings_json {
        Some(json) => Settings::from_json(&json).map_err(|e| JsValue::from_str(&e.to_string()))?,
        None => Settings::default(),
    };
    let engine = Engine::new(settings);
    let read = read_page(html);
    let triaged: Vec<_> = read.invitations.iter().filter_map(|inv| engine.triage(inv)).collect();
    serde_json::to_string(&triaged).map_err(|e| JsValue::from_str(&e.to_string()))
}
