//! wasm entry points used by the extension's background and pages. Only glue lives here:
//! every rule is in `core`. Errors become `JsValue` here and nowhere else. The background's
//! (feature `worker`) and the pages' (feature `pages`) are two wasm builds (build.sh).

#[cfg(feature = "worker")]
pub mod events;
#[cfg(feature = "worker")]
pub mod ledger_store;
#[cfg(feature = "worker")]
pub mod reads;
#[cfg(feature = "worker")]
pub mod router;
pub mod storage;
#[cfg(feature = "worker")]
pub mod tabs;
#[cfg(feature = "pages")]
pub mod ui;

#[cfg(feature = "node")]
use crate::core::{linkedin::read_page, settings::Settings, triage::Engine};
use wasm_bindgen::prelude::*;

/// Resolves in a later task (`setTimeout(0)`), after the pending answers went out: for
/// writes the answer must not wait for (a task spawned with `spawn_local` alone runs in
/// the current task's microtasks, before the answer reaches the page).
#[cfg(feature = "worker")]
pub(crate) async fn next_task() {
    use wasm_bindgen::JsCast;
    let set_timeout = js_sys::Reflect::get(&js_sys::global(), &"setTimeout".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok());
    let Some(set_timeout) = set_timeout else {
        return;
    };
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        let _ = set_timeout.call2(&JsValue::UNDEFINED, &resolve, &JsValue::from(0));
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}

/// `chrome.tabs` and one of its methods.
#[cfg(feature = "worker")]
fn tabs_method(name: &str) -> Result<(JsValue, js_sys::Function), JsValue> {
    use js_sys::Reflect;
    use wasm_bindgen::JsCast;
    let tabs = Reflect::get(&js_sys::global(), &"chrome".into())
        .and_then(|c| Reflect::get(&c, &"tabs".into()))?;
    let method = Reflect::get(&tabs, &name.into())?.dyn_into()?;
    Ok((tabs, method))
}

/// The ids of the tabs open now (`chrome.tabs.query({})`: ids need no permission).
#[cfg(feature = "worker")]
pub(crate) async fn open_tab_ids() -> Result<Vec<i64>, JsValue> {
    use wasm_bindgen::JsCast;
    let (tabs, query) = tabs_method("query")?;
    let promise: js_sys::Promise = query.call1(&tabs, &js_sys::Object::new())?.dyn_into()?;
    let list: js_sys::Array = wasm_bindgen_futures::JsFuture::from(promise)
        .await?
        .dyn_into()?;
    Ok(list
        .iter()
        .filter_map(|tab| js_sys::Reflect::get(&tab, &"id".into()).ok()?.as_f64())
        .map(|id| id as i64)
        .collect())
}

/// Sends `message` to the content script of tab `tab_id` (`chrome.tabs.sendMessage`), to
/// `frame_id` when given. A tab with no content script (still loading, closed since) is
/// not an error: nobody there needs the message.
#[cfg(feature = "worker")]
pub(crate) async fn send_to_tab(
    tab_id: &JsValue,
    message: &JsValue,
    frame_id: Option<&JsValue>,
) -> Result<(), JsValue> {
    use wasm_bindgen::JsCast;
    let (tabs, send) = tabs_method("sendMessage")?;
    let result = match frame_id {
        Some(frame) => {
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"frameId".into(), frame)?;
            send.call3(&tabs, tab_id, message, &options)?
        }
        None => send.call2(&tabs, tab_id, message)?,
    };
    if let Ok(promise) = result.dyn_into::<js_sys::Promise>() {
        let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
    }
    Ok(())
}

/// The engine's version, for the background's `ping`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

/// Benchmark (Node build only): reads `html` `iterations` times; returns the invitations
/// read in all (so the work cannot be skipped). benches/wasm-bench.mjs times it against
/// the native bench.
#[cfg(feature = "node")]
#[wasm_bindgen(js_name = benchReadPage)]
pub fn bench_read_page(html: &str, iterations: u32) -> u32 {
    (0..iterations)
        .map(|_| read_page(html).invitations.len() as u32)
        .sum()
}

/// Benchmark: classify + fit + plan + reply over the invitations the native bench wrote
/// (a JSON array of `Invitation`), with the given settings JSON.
#[cfg(feature = "node")]
#[wasm_bindgen(js_name = BenchTriage)]
pub struct BenchTriage {
    engine: Engine,
    invitations: Vec<crate::core::invitation::Invitation>,
}

#[cfg(feature = "node")]
#[wasm_bindgen(js_class = BenchTriage)]
impl BenchTriage {
    #[wasm_bindgen(constructor)]
    pub fn new(invitations_json: &str, settings_json: &str) -> Result<BenchTriage, JsValue> {
        let err = |e: String| JsValue::from_str(&e);
        let invitations = serde_json::from_str(invitations_json).map_err(|e| err(e.to_string()))?;
        let settings = Settings::from_json(settings_json).map_err(|e| err(e.to_string()))?;
        Ok(BenchTriage {
            engine: Engine::new(settings),
            invitations,
        })
    }

    /// Triages every invitation `iterations` times; returns the replies made.
    pub fn run(&self, iterations: u32) -> u32 {
        let mut replies = 0;
        for _ in 0..iterations {
            for inv in &self.invitations {
                replies += u32::from(self.engine.triage(inv).is_some_and(|t| t.reply.is_some()));
            }
        }
        replies
    }
}

/// Benchmark: the background's work for one content-script message (the cards' outerHTML
/// the native bench wrote as a JSON array of strings): read and triage every card,
/// `iterations` times; returns the answers made.
#[cfg(feature = "node")]
#[wasm_bindgen(js_name = benchTriageCards)]
pub fn bench_triage_cards(
    cards_json: &str,
    settings_json: &str,
    iterations: u32,
) -> Result<u32, JsValue> {
    use crate::core::protocol::{triage_cards, CardHtml, Overrides};
    let err = |e: String| JsValue::from_str(&e);
    let htmls: Vec<String> = serde_json::from_str(cards_json).map_err(|e| err(e.to_string()))?;
    let cards: Vec<CardHtml> = htmls
        .into_iter()
        .enumerate()
        .map(|(i, html)| CardHtml {
            id: format!("c{i}"),
            html,
            hidden: false,
        })
        .collect();
    let settings = Settings::from_json(settings_json).map_err(|e| err(e.to_string()))?;
    let engine = Engine::new(settings);
    let fine = Overrides::default();
    Ok((0..iterations)
        .map(|_| triage_cards(&engine, &cards, &fine).cards.len() as u32)
        .sum())
}

/// The note classifier's verdicts on a JSON array of notes (null: no note), as a JSON
/// array: what
/// `askfirst notes` prints for each (the wasm parity test compares them; Node build only).
#[cfg(feature = "node")]
#[wasm_bindgen(js_name = classifyNotes)]
pub fn classify_notes(notes_json: &str) -> Result<String, JsValue> {
    let notes: Vec<Option<String>> =
        serde_json::from_str(notes_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
    let verdicts: Vec<_> = notes
        .iter()
        .map(|n| crate::core::note::classify_note(n.as_deref()))
        .collect();
    serde_json::to_string(&verdicts).map_err(|e| JsValue::from_str(&e.to_string()))
}

/// The note classifier's speed (Node build only): the notes of a JSON array (null: no
/// note), parsed once, classified `iterations` times by `run`.
#[cfg(feature = "node")]
#[wasm_bindgen(js_name = BenchNotes)]
pub struct BenchNotes {
    notes: Vec<Option<String>>,
}

#[cfg(feature = "node")]
#[wasm_bindgen(js_class = BenchNotes)]
impl BenchNotes {
    #[wasm_bindgen(constructor)]
    pub fn new(notes_json: &str) -> Result<BenchNotes, JsValue> {
        let notes =
            serde_json::from_str(notes_json).map_err(|e| JsValue::from_str(&e.to_string()))?;
        Ok(BenchNotes { notes })
    }

    /// Classifies every note `iterations` times; returns the notes read as reasoned (so
    /// the work cannot be skipped).
    pub fn run(&self, iterations: u32) -> u32 {
        let mut reasoned = 0;
        for _ in 0..iterations {
            for n in &self.notes {
                reasoned += u32::from(
                    crate::core::note::classify_note(n.as_deref()).kind
                        == crate::core::note::NoteKind::Reasoned,
                );
            }
        }
        reasoned
    }
}

/// Triage a whole page: the same JSON lines `askfirst triage --json` prints, as an array.
/// Used to check that the wasm build answers exactly as the native one (Node build only).
#[cfg(feature = "node")]
#[wasm_bindgen(js_name = triagePage)]
pub fn triage_page(html: &str, settings_json: Option<String>) -> Result<String, JsValue> {
    let settings = match settings_json {
        Some(json) => Settings::from_json(&json).map_err(|e| JsValue::from_str(&e.to_string()))?,
        None => Settings::default(),
    };
    let (triaged, _diagnostics) = Engine::new(settings).triage_page(html);
    serde_json::to_string(&triaged).map_err(|e| JsValue::from_str(&e.to_string()))
}
