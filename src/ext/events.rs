//! The worker's entry points for the browser's events other than messages (those are
//! `router::handle_message`): storage changes, the keyboard command, a tab closed. Each
//! tells the services (`router`'s caches, `ledger_store`, `tabs`) what changed; none of
//! them reaches back here. wasm only.

use crate::core::ledger::schema::STORAGE_KEY;
use crate::ext::ledger_store::{self, string_field};
use crate::ext::{router, tabs};
use js_sys::{Reflect, JSON};
use wasm_bindgen::prelude::*;

/// `chrome.storage.onChanged`: `changes` as received. In `local`, the settings' copy and
/// the ledger's copy go stale.
#[wasm_bindgen(js_name = storageChanged)]
pub fn storage_changed(changes: JsValue, area: &str) {
    if area != "local" {
        return;
    }
    router::settings_changed(&changes);
    if let Ok(change) = Reflect::get(&changes, &JsValue::from_str(STORAGE_KEY)) {
        if !change.is_undefined() {
            let new_value = Reflect::get(&change, &"newValue".into()).unwrap_or(JsValue::UNDEFINED);
            ledger_store::ledger_changed(&new_value);
        }
    }
}

/// `chrome.commands.onCommand`: forwards AskFirst's keyboard command to the active tab's
/// content script when that tab shows invitations. The content script moves to the next
/// flagged invitation and opens its prompt; nothing is clicked for the user.
#[wasm_bindgen(js_name = handleCommand)]
pub async fn handle_command(command: String, tab: JsValue) -> Result<(), JsValue> {
    let url = string_field(&tab, "url").unwrap_or_default();
    let Some(message) = crate::core::protocol_ledger::command_message(&command, &url) else {
        return Ok(());
    };
    let id = Reflect::get(&tab, &"id".into())?;
    let message = JSON::parse(&message.to_string())?;
    crate::ext::send_to_tab(&id, &message, None).await
}

/// `chrome.tabs.onRemoved`: what was kept for the tab goes (its page ceiling, its reading
/// allowance, its state for the popup).
#[wasm_bindgen(js_name = tabClosed)]
pub fn tab_closed(tab_id: f64) {
    let tab = tab_id as i64;
    ledger_store::forget_page_budget(tab);
    router::forget_tab_work(tab);
    tabs::closed(tab);
}
