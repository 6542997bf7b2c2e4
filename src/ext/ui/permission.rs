//! The LinkedIn host permission, as the popup shows it. Chrome grants a manifest's
//! `host_permissions` at install; Firefox lets the user withhold or withdraw them (its MV3
//! treats them as the user's choice), and without them the content script never runs on
//! LinkedIn. The popup then says so, with a button that asks for it: `permissions.request`
//! needs the user's gesture, so the button's click handler calls it directly, before any
//! await. The origins are the manifest's own `host_permissions`: no second copy here.
//! wasm only.

use super::{append, chrome_get, el, t, text_el, UiError};
use gloo_events::EventListener;
use js_sys::{Array, Function, Object, Promise, Reflect};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use web_sys::Element;

/// `{origins: [...]}` with the manifest's `host_permissions`.
fn host_origins() -> Result<JsValue, UiError> {
    let get: Function = chrome_get(&["runtime", "getManifest"])?
        .dyn_into()
        .map_err(|_| UiError::Browser("runtime.getManifest".into()))?;
    let manifest = get.call0(&chrome_get(&["runtime"])?)?;
    let origins = Reflect::get(&manifest, &"host_permissions".into())?;
    let origins = if Array::is_array(&origins) {
        origins
    } else {
        Array::new().into()
    };
    let details = Object::new();
    Reflect::set(&details, &"origins".into(), &origins)?;
    Ok(details.into())
}

/// Calls `chrome.permissions.<method>(details)` and returns its promise (synchronously: a
/// `request` must start inside the user's gesture).
fn permissions_call(method: &str, details: &JsValue) -> Result<Promise, UiError> {
    let f: Function = chrome_get(&["permissions", method])?
        .dyn_into()
        .map_err(|_| UiError::Browser(format!("permissions.{method}")))?;
    Ok(f.call1(&chrome_get(&["permissions"])?, details)?
        .dyn_into()?)
}

/// Whether AskFirst may run on LinkedIn. A browser without the permissions API (or any
/// error) counts as granted: the popup then says nothing rather than something untrue.
pub async fn linkedin_granted() -> bool {
    let Ok(details) = host_origins() else {
        return true;
    };
    match permissions_call("contains", &details) {
        Ok(p) => JsFuture::from(p)
            .await
            .map(|v| v.as_bool() != Some(false))
            .unwrap_or(true),
        Err(_) => true,
    }
}

/// The notice and its button, put first in `root`. `granted` runs after the user allowed
/// it (the popup renders itself again).
pub fn show_notice(root: &Element, granted: impl Fn() + 'static) -> EventListener {
    let section = el("section", "permission");
    let button = text_el("button", "", &t("permissionGrant", &[]));
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("id", "grant-linkedin");
    append(
        &section,
        &[&text_el("p", "", &t("permissionMissing", &[])), &button],
    );
    let _ = root.prepend_with_node_1(&section);
    let granted = std::rc::Rc::new(granted);
    EventListener::new(&button, "click", move |_| {
        // Inside the click: Firefox refuses a request made after the gesture has passed.
        let request = host_origins().and_then(|d| permissions_call("request", &d));
        let granted = granted.clone();
        wasm_bindgen_futures::spawn_local(async move {
            let Ok(request) = request else { return };
            if let Ok(answer) = JsFuture::from(request).await {
                if answer.as_bool() == Some(true) {
                    granted();
                }
            }
        });
    })
}
