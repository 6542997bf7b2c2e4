//! The options page: first-run onboarding and the user's settings (target market, offer,
//! name, language), settings import/export, and the relationship ledger (outcomes, notes,
//! export JSON/CSV, import, delete everything). wasm only: settings are validated by
//! `core::settings` (one validator), ledger changes go through the background (the
//! ledger's only writer). Settings are stored as an object under the key `settings`,
//! which the background reads for triage.

use super::{
    app_root, append, ask_background, clear, days_ago, document, el, link, say, t, text_el,
    translate_static, UiError,
};
use crate::core::lang::Lang;
use crate::core::ledger::Outcome;
use crate::core::protocol_ledger::{ExportFormat, LedgerAnswer, RecordRow, WIPE_CONFIRMATION};
use crate::core::settings::Settings;
use crate::ext::storage;
use gloo_events::EventListener;
use serde_json::json;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};

pub use crate::ext::storage::SETTINGS_KEY;

thread_local! {
    /// Listeners of each section, replaced (and so removed) when the section re-renders.
    static SETTINGS_LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    static TEMPLATE_LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
    static LEDGER_LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

#[wasm_bindgen(js_name = startOptions)]
pub async fn start_options() -> Result<(), JsValue> {
    let root = app_root()?;
    if let Some(html) = document().document_element() {
        translate_static(&html);
    }
    clear(&root);
    let settings_section = el("section", "card settings");
    let _ = settings_section.set_attribute("id", "settings");
    let templates_section = el("section", "card templates");
    let _ = templates_section.set_attribute("id", "templates");
    let ledger_section = el("section", "card ledger");
    let _ = ledger_section.set_attribute("id", "ledger");
    append(
        &root,
        &[&settings_section, &templates_section, &ledger_section],
    );

    let stored = storage::get(SETTINGS_KEY).await.map_err(UiError::from)?;
    let first_run = stored.is_undefined() || stored.is_null();
    let (settings, problem) = if first_run {
        (Settings::default(), None)
    } else {
        match super::from_js::<serde_json::Value>(&stored)
            .map(|v| Settings::from_json(&v.to_string()))
        {
            Ok(Ok(s)) => (s, None),
            Ok(Err(e)) => (Settings::default(), Some(say(&e.said()))),
            Err(e) => (Settings::default(), Some(e.to_string())),
        }
    };
    // One copy of the settings for the whole page: the form and the template editor
    // each change their part and never overwrite the other's.
    let shared = Rc::new(RefCell::new(settings));
    let listeners = render_settings(
        &settings_section,
        shared.clone(),
        first_run,
        problem.as_deref(),
    );
    SETTINGS_LISTENERS.with(|l| *l.borrow_mut() = listeners);
    show_templates(&templates_section, shared);
    refresh_ledger(ledger_section).await;
    Ok(())
}

// ---- settings --------------------------------------------------------------------------

/// (Re-)renders the template editor; its saves go through the core validator.
fn show_templates(section: &Element, shared: Rc<RefCell<Settings>>) {
    let (section2, shared2) = (section.clone(), shared.clone());
    let save: Rc<dyn Fn(Settings)> = Rc::new(move |next: Settings| {
        let (section, shared) = (section2.clone(), shared2.clone());
        // Later, not inside the click: re-rendering drops the listener that is running.
        wasm_bindgen_futures::spawn_local(async move {
            let checked = serde_json::to_string(&next)
                .map_err(|e| e.to_string())
                .and_then(|json| Settings::from_json(&json).map_err(|e| say(&e.said())));
            let message = match checked {
                Ok(valid) => match save_settings(&valid).await {
                    Ok(()) => {
                        *shared.borrow_mut() = valid;
                        show_templates(&section, shared.clone());
                        t("templatesSaved", &[])
                    }
                    Err(e) => t("settingsNotSaved", &[&e.to_string()]),
                },
                Err(e) => t("settingsNotSaved", &[&e]),
            };
            if let Some(status) = document().get_element_by_id("templates-status") {
                status.set_text_content(Some(&message));
            }
        });
    });
    let picked = ["template-plan", "template-moment", "template-lang"].map(|id| {
        document()
            .get_element_by_id(id)
            .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
            .map(|s| s.value())
    });
    let mut listeners = super::templates::render(section, shared, save, picked);
    let status = el("p", "status-line");
    let _ = status.set_attribute("id", "templates-status");
    let _ = status.set_attribute("role", "status");
    append(section, &[&status]);
    TEMPLATE_LISTENERS.with(|l| std::mem::swap(&mut *l.borrow_mut(), &mut listeners));
}

fn input(id: &str, kind: &str, value: &str) -> Element {
    let e = el("input", "");
    let _ = e.set_attribute("id", id);
    let _ = e.set_attribute("type", kind);
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        i.set_value(value);
    }
    e
}

/// The file the user picked in a file input, if any.
fn chosen_file(input: &Element) -> Option<web_sys::File> {
    let input = input.dyn_ref::<HtmlInputElement>()?;
    let file = input.files().and_then(|f| f.get(0));
    // The same file chosen again (fixed after a refusal) must be read again: the browser
    // only fires "change" when the selection differs.
    input.set_value("");
    file
}

fn textarea(id: &str, value: &str) -> Element {
    let e = el("textarea", "");
    let _ = e.set_attribute("id", id);
    if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
        t.set_value(value);
    }
    e
}

/// A labelled field with its help text and an (empty) error line.
fn field(form: &Element, id: &str, label_key: &str, help_key: Option<&str>, control: &Element) {
    let label = text_el("label", "", &t(label_key, &[]));
    let _ = label.set_attribute("for", id);
    append(form, &[&label, control]);
    if let Some(help) = help_key {
        let p = text_el("p", "help", &t(help, &[]));
        let _ = p.set_attribute("id", &format!("{id}-help"));
        let _ = control.set_attribute("aria-describedby", &format!("{id}-help {id}-error"));
        append(form, &[&p]);
    }
    let err = el("p", "field-error");
    let _ = err.set_attribute("id", &format!("{id}-error"));
    let _ = err.set_attribute("role", "alert");
    append(form, &[&err]);
}

fn value_of(id: &str) -> String {
    let Some(e) = document().get_element_by_id(id) else {
        return String::new();
    };
    if let Some(i) = e.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(t) = e.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else if let Some(s) = e.dyn_ref::<HtmlSelectElement>() {
        s.value()
    } else {
        String::new()
    }
}

fn lines_of(id: &str) -> Vec<String> {
    value_of(id)
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect()
}

/// The form's fields in settings' JSON shape, over the settings being edited (so fields
/// this form does not show, like templates, are kept).
fn form_json(base: &Settings) -> serde_json::Value {
    let mut v = serde_json::to_value(base).unwrap_or_else(|_| json!({}));
    v["my_name"] = json!(value_of("my-name").trim());
    v["language"] = json!(value_of("language"));
    v["target_market"] = json!({"include": lines_of("include"), "exclude": lines_of("exclude")});
    v["offer"] =
        json!({"name": value_of("offer-name").trim(), "url": value_of("offer-url").trim()});
    // A number when it is one; otherwise the text, so the validator names the field.
    let days = value_of("reminder-days");
    v["reminder_days"] = days
        .trim()
        .parse::<u64>()
        .map(|d| json!(d))
        .unwrap_or_else(|_| json!(days));
    v
}

/// Which form field an error is about, from the field path it names.
pub fn field_for_error(path: Option<&str>) -> &'static str {
    match path.unwrap_or("") {
        p if p.starts_with("target_market.include") => "include",
        p if p.starts_with("target_market.exclude") => "exclude",
        p if p.starts_with("offer.name") => "offer-name",
        p if p.starts_with("offer.url") => "offer-url",
        p if p.starts_with("my_name") => "my-name",
        p if p.starts_with("language") => "language",
        p if p.starts_with("reminder_days") => "reminder-days",
        _ => "settings-status",
    }
}

fn show_error(field_id: &str, message: &str) {
    for id in [
        "include",
        "exclude",
        "offer-name",
        "offer-url",
        "my-name",
        "language",
        "reminder-days",
    ] {
        if let Some(e) = document().get_element_by_id(&format!("{id}-error")) {
            e.set_text_content(None);
        }
        if let Some(c) = document().get_element_by_id(id) {
            let _ = c.remove_attribute("aria-invalid");
        }
    }
    if let Some(status) = document().get_element_by_id("settings-status") {
        status.set_text_content(None);
    }
    if message.is_empty() {
        return;
    }
    let target = if field_id == "settings-status" {
        "settings-status".to_string()
    } else {
        format!("{field_id}-error")
    };
    if let Some(e) = document().get_element_by_id(&target) {
        e.set_text_content(Some(message));
    }
    if let Some(c) = document().get_element_by_id(field_id) {
        let _ = c.set_attribute("aria-invalid", "true");
    }
}

fn set_status(message: &str) {
    if let Some(status) = document().get_element_by_id("settings-status") {
        status.set_text_content(Some(message));
    }
}

async fn save_settings(settings: &Settings) -> Result<(), UiError> {
    let text = serde_json::to_string(settings).map_err(|e| UiError::Answer(e.to_string()))?;
    storage::set(SETTINGS_KEY, &js_sys::JSON::parse(&text)?).await?;
    Ok(())
}

fn render_settings(
    section: &Element,
    shared: Rc<RefCell<Settings>>,
    first_run: bool,
    problem: Option<&str>,
) -> Vec<EventListener> {
    let settings = &shared.borrow().clone();
    clear(section);
    let mut listeners = Vec::new();
    if first_run {
        let welcome = el("div", "welcome");
        let _ = welcome.set_attribute("id", "welcome");
        append(
            &welcome,
            &[
                &text_el("h2", "", &t("welcomeHeading", &[])),
                &text_el("p", "", &t("welcomeText", &[])),
            ],
        );
        append(section, &[&welcome]);
    }
    append(section, &[&text_el("h2", "", &t("settingsHeading", &[]))]);
    if let Some(problem) = problem {
        append(
            section,
            &[&text_el("p", "error", &t("settingsUnreadable", &[problem]))],
        );
    }
    let form = el("form", "");
    let _ = form.set_attribute("id", "settings-form");
    let _ = form.set_attribute("novalidate", "");

    field(
        &form,
        "my-name",
        "fieldMyName",
        Some("helpMyName"),
        &input("my-name", "text", &settings.my_name),
    );
    let select = el("select", "");
    let _ = select.set_attribute("id", "language");
    for lang in Lang::REPLY {
        let option = text_el("option", "", &t(&format!("lang_{}", lang.code()), &[]));
        let _ = option.set_attribute("value", lang.code());
        if lang == settings.language {
            let _ = option.set_attribute("selected", "");
        }
        append(&select, &[&option]);
    }
    field(
        &form,
        "language",
        "fieldLanguage",
        Some("helpLanguage"),
        &select,
    );
    field(
        &form,
        "include",
        "fieldInclude",
        Some("helpInclude"),
        &textarea("include", &settings.target_market.include.join("\n")),
    );
    field(
        &form,
        "exclude",
        "fieldExclude",
        Some("helpExclude"),
        &textarea("exclude", &settings.target_market.exclude.join("\n")),
    );
    field(
        &form,
        "offer-name",
        "fieldOfferName",
        Some("helpOfferName"),
        &input("offer-name", "text", &settings.offer.name),
    );
    field(
        &form,
        "offer-url",
        "fieldOfferUrl",
        None,
        &input("offer-url", "url", &settings.offer.url),
    );
    field(
        &form,
        "reminder-days",
        "fieldReminderDays",
        Some("helpReminderDays"),
        &input(
            "reminder-days",
            "number",
            &settings.reminder_days.to_string(),
        ),
    );

    let buttons = el("div", "row-actions");
    let save = text_el("button", "primary", &t("save", &[]));
    let _ = save.set_attribute("type", "submit");
    let _ = save.set_attribute("id", "save-settings");
    let export = text_el("button", "", &t("exportSettings", &[]));
    let _ = export.set_attribute("type", "button");
    let _ = export.set_attribute("id", "export-settings");
    let (import_label, import) = file_button("import-settings", &t("importSettings", &[]));
    append(&buttons, &[&save, &export, &import_label]);
    append(&form, &[&buttons]);
    let status = el("p", "status-line");
    let _ = status.set_attribute("id", "settings-status");
    let _ = status.set_attribute("role", "status");
    append(&form, &[&status]);
    append(section, &[&form]);

    let current = shared;

    // Validation as you type: the core validator on every change.
    let base = current.clone();
    listeners.push(EventListener::new(&form, "input", move |_| {
        let candidate = form_json(&base.borrow()).to_string();
        match Settings::from_json(&candidate) {
            Ok(_) => show_error("", ""),
            Err(e) => show_error(field_for_error(e.path()), &say(&e.said())),
        }
    }));

    let base = current.clone();
    listeners.push(EventListener::new_with_options(
        &form,
        "submit",
        gloo_events::EventListenerOptions::enable_prevent_default(),
        move |event| {
            event.prevent_default();
            // Bound first: the shared borrow must end before `borrow_mut` below.
            let candidate = form_json(&base.borrow()).to_string();
            match Settings::from_json(&candidate) {
                Ok(settings) => {
                    *base.borrow_mut() = settings.clone();
                    wasm_bindgen_futures::spawn_local(async move {
                        match save_settings(&settings).await {
                            Ok(()) => {
                                show_error("", "");
                                set_status(&t("settingsSaved", &[]));
                                if let Some(w) = document().get_element_by_id("welcome") {
                                    w.remove();
                                }
                            }
                            Err(e) => set_status(&t("settingsNotSaved", &[&e.to_string()])),
                        }
                    });
                }
                Err(e) => show_error(field_for_error(e.path()), &say(&e.said())),
            }
        },
    ));

    let base = current.clone();
    listeners.push(EventListener::new(&export, "click", move |_| {
        download(
            "askfirst-settings.json",
            "application/json",
            &base.borrow().to_json_string(),
        );
    }));

    let (section2, import2, shared2) = (section.clone(), import.clone(), current.clone());
    listeners.push(EventListener::new(&import, "change", move |_| {
        let (section, shared) = (section2.clone(), shared2.clone());
        let Some(file) = chosen_file(&import2) else {
            return;
        };
        wasm_bindgen_futures::spawn_local(async move {
            let text = match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(t) => t.as_string().unwrap_or_default(),
                Err(e) => return set_status(&UiError::from(e).to_string()),
            };
            match Settings::from_json(&text) {
                Ok(settings) => match save_settings(&settings).await {
                    Ok(()) => {
                        *shared.borrow_mut() = settings;
                        let listeners = render_settings(&section, shared.clone(), false, None);
                        SETTINGS_LISTENERS.with(|l| *l.borrow_mut() = listeners);
                        if let Some(templates) = document().get_element_by_id("templates") {
                            show_templates(&templates, shared);
                        }
                        set_status(&t("settingsImported", &[]));
                    }
                    Err(e) => set_status(&t("settingsNotSaved", &[&e.to_string()])),
                },
                // Nothing is changed; the error says what is wrong.
                Err(e) => set_status(&t("settingsImportRefused", &[&say(&e.said())])),
            }
        });
    }));
    listeners
}

trait ToJsonString {
    fn to_json_string(&self) -> String;
}

impl ToJsonString for Settings {
    fn to_json_string(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_default()
    }
}

/// Saves `text` as a file through a temporary object URL on our own page.
fn download(filename: &str, mime: &str, text: &str) {
    let parts = js_sys::Array::of1(&JsValue::from_str(text));
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
        return;
    };
    let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
        return;
    };
    let a = el("a", "");
    let _ = a.set_attribute("href", &url);
    let _ = a.set_attribute("download", filename);
    if let Some(a) = a.dyn_ref::<web_sys::HtmlElement>() {
        a.click();
    }
    let _ = web_sys::Url::revoke_object_url(&url);
}

// ---- ledger ----------------------------------------------------------------------------

async fn refresh_ledger(section: Element) {
    let answer = ask_background(&json!({"type": "list-records"})).await;
    let listeners = match answer {
        Ok(LedgerAnswer::Records { records }) => {
            render_ledger(&section, &records, js_sys::Date::now() as u64)
        }
        Ok(other) => render_ledger_error(&section, &format!("{other:?}")),
        Err(e) => render_ledger_error(&section, &e.to_string()),
    };
    LEDGER_LISTENERS.with(|l| *l.borrow_mut() = listeners);
}

/// The ledger could not be listed: say why, and keep export, import and delete working
/// (issue #13, finding 7: one bad value took all three away with the list).
fn render_ledger_error(section: &Element, message: &str) -> Vec<EventListener> {
    clear(section);
    append(
        section,
        &[
            &text_el("h2", "", &t("ledgerHeading", &[])),
            &text_el("p", "error", &t("ledgerUnavailable", &[message])),
        ],
    );
    ledger_tools(section, None)
}

fn ledger_status(message: &str) {
    if let Some(s) = document().get_element_by_id("ledger-status") {
        s.set_text_content(Some(message));
    }
}

/// A JSON file picker that looks like our buttons: the (visually hidden, still focusable)
/// input inside its label, which shows the focus ring.
fn file_button(id: &str, label: &str) -> (Element, Element) {
    let wrapper = el("label", "button-like");
    let file = input(id, "file", "");
    let _ = file.set_attribute("accept", "application/json,.json");
    file.set_class_name("visually-hidden");
    append(&wrapper, &[&text_el("span", "", label), &file]);
    (wrapper, file)
}

fn button(label: &str, id: &str) -> Element {
    let b = text_el("button", "", label);
    let _ = b.set_attribute("type", "button");
    if !id.is_empty() {
        let _ = b.set_attribute("id", id);
    }
    b
}

/// Sends a ledger request and re-renders the ledger section with the result. `refocus`:
/// the row (by key) and the control in it that had focus, which gets it back after the
/// table is drawn again (else it would fall to the page's body).
fn act(
    section: &Element,
    request: serde_json::Value,
    done_key: &'static str,
    refocus: Option<(String, &'static str)>,
) {
    let section = section.clone();
    wasm_bindgen_futures::spawn_local(async move {
        match ask_background(&request).await {
            Ok(answer) => {
                let message = match &answer {
                    LedgerAnswer::Imported(r) => t(
                        done_key,
                        &[
                            &r.added.to_string(),
                            &r.updated.to_string(),
                            &r.unchanged.to_string(),
                        ],
                    ),
                    _ => t(done_key, &[]),
                };
                refresh_ledger(section.clone()).await;
                if let Some((key, control)) = refocus {
                    focus_in_row(&section, &key, control);
                }
                ledger_status(&message);
            }
            Err(e) => ledger_status(&e.to_string()),
        }
    });
}

fn focus_in_row(section: &Element, key: &str, control: &str) {
    let Ok(rows) = section.query_selector_all("tr[data-key]") else {
        return;
    };
    for i in 0..rows.length() {
        let Some(row) = rows.get(i).and_then(|n| n.dyn_into::<Element>().ok()) else {
            continue;
        };
        if row.get_attribute("data-key").as_deref() == Some(key) {
            if let Some(c) = row
                .query_selector(control)
                .ok()
                .flatten()
                .and_then(|c| c.dyn_into::<web_sys::HtmlElement>().ok())
            {
                let _ = c.focus();
            }
            return;
        }
    }
}

pub fn outcome_label(o: Option<Outcome>) -> String {
    match o {
        Some(Outcome::Lead) => t("outcomeLead", &[]),
        Some(Outcome::Deal) => t("outcomeDeal", &[]),
        Some(Outcome::NoFit) => t("outcomeNoFit", &[]),
        None => String::new(),
    }
}

/// Export (JSON, CSV), import and delete everything, with their listeners. `count`: the
/// number of people, when the ledger could be listed.
fn ledger_tools(section: &Element, count: Option<usize>) -> Vec<EventListener> {
    let mut listeners = Vec::new();
    let tools = el("div", "row-actions");
    let export_json = button(&t("exportJson", &[]), "export-json");
    let export_csv = button(&t("exportCsv", &[]), "export-csv");
    let (import_label, import) = file_button("import-ledger", &t("importLedger", &[]));
    let wipe = button(&t("wipe", &[]), "wipe");
    append(&tools, &[&export_json, &export_csv, &import_label, &wipe]);
    let confirm = el("div", "confirm");
    let _ = confirm.set_attribute("id", "wipe-confirm");
    let _ = confirm.set_attribute("hidden", "");
    let really = button(
        &t(
            "wipeConfirm",
            &[&count.map_or_else(|| "?".to_string(), |n| n.to_string())],
        ),
        "wipe-confirm-yes",
    );
    let cancel = button(&t("cancel", &[]), "wipe-confirm-no");
    append(
        &confirm,
        &[&text_el("p", "", &t("wipeWarning", &[])), &really, &cancel],
    );
    let status = el("p", "status-line");
    let _ = status.set_attribute("id", "ledger-status");
    let _ = status.set_attribute("role", "status");
    append(section, &[&tools, &confirm, &status]);

    for (b, format) in [
        (&export_json, ExportFormat::Json),
        (&export_csv, ExportFormat::Csv),
    ] {
        listeners.push(EventListener::new(b, "click", move |_| {
            wasm_bindgen_futures::spawn_local(async move {
                match ask_background(&json!({"type": "export", "format": format})).await {
                    Ok(LedgerAnswer::Exported { filename, text, .. }) => {
                        let mime = if format == ExportFormat::Csv {
                            "text/csv"
                        } else {
                            "application/json"
                        };
                        download(&filename, mime, &text);
                        ledger_status(&t("exported", &[&filename]));
                    }
                    Ok(other) => ledger_status(&format!("{other:?}")),
                    Err(e) => ledger_status(&e.to_string()),
                }
            });
        }));
    }
    let (s, import2) = (section.clone(), import.clone());
    listeners.push(EventListener::new(&import, "change", move |_| {
        let Some(file) = chosen_file(&import2) else {
            return;
        };
        let s = s.clone();
        wasm_bindgen_futures::spawn_local(async move {
            match wasm_bindgen_futures::JsFuture::from(file.text()).await {
                Ok(text) => act(
                    &s,
                    json!({"type": "import", "data": text.as_string().unwrap_or_default()}),
                    "imported",
                    None,
                ),
                Err(e) => ledger_status(&UiError::from(e).to_string()),
            }
        });
    }));
    let c = confirm.clone();
    listeners.push(EventListener::new(&wipe, "click", move |_| {
        let _ = c.remove_attribute("hidden");
    }));
    let c = confirm.clone();
    listeners.push(EventListener::new(&cancel, "click", move |_| {
        let _ = c.set_attribute("hidden", "");
    }));
    let s = section.clone();
    listeners.push(EventListener::new(&really, "click", move |_| {
        act(
            &s,
            json!({"type": "wipe", "confirm": WIPE_CONFIRMATION}),
            "wiped",
            None,
        );
    }));
    listeners
}

fn render_ledger(section: &Element, records: &[RecordRow], now: u64) -> Vec<EventListener> {
    clear(section);
    let mut listeners = Vec::new();
    append(section, &[&text_el("h2", "", &t("ledgerHeading", &[]))]);
    append(
        section,
        &[&text_el(
            "p",
            "help",
            &t("ledgerCount", &[&records.len().to_string()]),
        )],
    );

    listeners.extend(ledger_tools(section, Some(records.len())));

    if records.is_empty() {
        append(section, &[&text_el("p", "empty", &t("ledgerEmpty", &[]))]);
        return listeners;
    }
    let table = el("table", "");
    let head = el("tr", "");
    for key in [
        "colPerson",
        "colPlan",
        "colSeen",
        "colAsked",
        "colAnswered",
        "colOutcome",
        "colNote",
    ] {
        append(&head, &[&text_el("th", "", &t(key, &[]))]);
    }
    let thead = el("thead", "");
    append(&thead, &[&head]);
    let tbody = el("tbody", "");
    for r in records {
        let tr = el("tr", "");
        let _ = tr.set_attribute("data-key", &r.key);
        let person = el("td", "");
        match r.profile_url.as_deref().and_then(super::profile_href) {
            Some(url) => append(&person, &[&link(&r.name, &url)]),
            None => append(&person, &[&text_el("span", "", &r.name)]),
        }
        if let Some(h) = &r.headline {
            append(&person, &[&text_el("div", "help", h)]);
        }
        let plan = text_el("td", "", &super::popup::plan_label(r.plan));
        let when = |at: Option<u64>| {
            let td = el("td", "");
            if let Some(at) = at {
                td.set_text_content(Some(&days_ago(now, at)));
                // The user's own clock and format, not UTC.
                let local = js_sys::Date::new(&JsValue::from_f64(at as f64))
                    .to_locale_string("default", &JsValue::UNDEFINED);
                let _ = td.set_attribute("title", &String::from(local));
            }
            td
        };
        let outcome_cell = el("td", "");
        let select = el("select", "outcome");
        let _ = select.set_attribute("aria-label", &t("colOutcome", &[]));
        for (value, o) in [
            ("", None),
            ("lead", Some(Outcome::Lead)),
            ("deal", Some(Outcome::Deal)),
            ("no-fit", Some(Outcome::NoFit)),
        ] {
            // An outcome once set is changed, not cleared: no blank choice that looks
            // saved and is not.
            if o.is_none() && r.outcome.is_some() {
                continue;
            }
            let option = text_el("option", "", &outcome_label(o));
            let _ = option.set_attribute("value", value);
            if o == r.outcome {
                let _ = option.set_attribute("selected", "");
            }
            append(&select, &[&option]);
        }
        append(&outcome_cell, &[&select]);
        let (s, key, sel) = (section.clone(), r.key.clone(), select.clone());
        listeners.push(EventListener::new(&select, "change", move |_| {
            let value = sel
                .dyn_ref::<HtmlSelectElement>()
                .map(|s| s.value())
                .unwrap_or_default();
            if !value.is_empty() {
                act(
                    &s,
                    json!({"type": "set-outcome", "key": key, "outcome": value}),
                    "outcomeSaved",
                    Some((key.clone(), "select.outcome")),
                );
            }
        }));
        let note_cell = el("td", "");
        // The notes written so far, as text; the field adds one.
        for text in &r.notes {
            append(&note_cell, &[&text_el("p", "note-text", text)]);
        }
        let note = el("input", "note");
        let _ = note.set_attribute("type", "text");
        let _ = note.set_attribute("aria-label", &t("colNote", &[]));
        let add = button(&t("addNote", &[]), "");
        append(&note_cell, &[&note, &add]);
        let (s, key, n) = (section.clone(), r.key.clone(), note.clone());
        listeners.push(EventListener::new(&add, "click", move |_| {
            let text = n
                .dyn_ref::<HtmlInputElement>()
                .map(|i| i.value())
                .unwrap_or_default();
            act(
                &s,
                json!({"type": "add-note", "key": key, "text": text}),
                "noteSaved",
                Some((key.clone(), "input.note")),
            );
        }));
        append(
            &tr,
            &[
                &person,
                &plan,
                &when(r.first_seen),
                &when(r.asked_at),
                &when(r.answered_at),
                &outcome_cell,
                &note_cell,
            ],
        );
        append(&tbody, &[&tr]);
    }
    append(&table, &[&thead, &tbody]);
    append(section, &[&table]);
    listeners
}
