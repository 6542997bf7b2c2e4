//! The template editor of the options page: reply variants per plan, moment (before or
//! after accepting: the words differ, see `core::plan::Moment`) and language, with a
//! live preview on a sample invitation, validation as you type (the engine's own parser:
//! unknown placeholders named, LinkedIn's length limit), several variants, reset to the
//! built-in defaults. wasm only; parsing, rendering and validation are `core::reply` and
//! `core::settings`, never re-implemented here.

use super::{append, clear, document, el, t, text_el};
use crate::core::lang::Lang;
use crate::core::plan::{Moment, PlanKind};
use crate::core::reply::{default_templates, Template, Values, MESSAGE_LIMIT};
use crate::core::settings::Settings;
use gloo_events::EventListener;
use std::cell::RefCell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlSelectElement, HtmlTextAreaElement};

/// Listeners shared with the handlers that add more (those hold it weakly: no cycle).
pub type Listeners = Rc<RefCell<Vec<EventListener>>>;

pub const PLANS: [PlanKind; 3] = [
    PlanKind::AskFirst,
    PlanKind::AcceptFollowUp,
    PlanKind::Accept,
];

/// Which replies the editor shows: plan, moment, language.
pub type Shown = (PlanKind, Moment, Lang);

/// The variants the user would get for `plan` at `moment` in `lang`: theirs, else the
/// defaults; and whether they are theirs.
pub fn variants_for(settings: &Settings, (plan, moment, lang): Shown) -> (Vec<String>, bool) {
    match settings.templates.get(plan, moment).get(&lang) {
        Some(v) => (v.clone(), true),
        None => (
            default_templates(plan, moment, lang)
                .iter()
                .map(|s| s.to_string())
                .collect(),
            false,
        ),
    }
}

/// Replaces the user's variants for `shown` (`None`: back to the defaults).
pub fn set_variants(
    settings: &mut Settings,
    (plan, moment, lang): Shown,
    variants: Option<Vec<String>>,
) {
    let map = settings.templates.get_mut(plan, moment);
    match variants {
        Some(v) => {
            map.insert(lang, v);
        }
        None => {
            map.remove(&lang);
        }
    }
}

/// The moment's name in the editor's picker, and what it means for the words.
pub fn moment_texts(moment: Moment) -> (String, String) {
    match moment {
        Moment::BeforeAccepting => (t("momentBefore", &[]), t("momentBeforeHelp", &[])),
        Moment::AfterAccepting => (t("momentAfter", &[]), t("momentAfterHelp", &[])),
    }
}

/// One variant checked and rendered on the sample invitation: the preview, or the
/// parser's error (which names an unknown placeholder), and the rendered length.
pub fn preview(source: &str, settings: &Settings) -> Result<(String, usize), String> {
    let template = Template::parse(source).map_err(|e| super::say(&e.said()))?;
    let values = Values {
        first_name: "Ana",
        name: "Ana Lima",
        headline: "Head of Sales at Acme Analytics",
        company: "Acme Analytics",
        mutual_count: 3,
        my_name: &settings.my_name,
        offer_name: &settings.offer.name,
        offer_url: &settings.offer.url,
    };
    let text = template.render(&values);
    let len = text.chars().count();
    if len > MESSAGE_LIMIT {
        return Err(t(
            "templateTooLong",
            &[&len.to_string(), &MESSAGE_LIMIT.to_string()],
        ));
    }
    Ok((text, len))
}

fn plan_name(plan: PlanKind) -> String {
    super::popup::plan_label(Some(plan))
}

thread_local! {
    /// Edits not saved yet, by plan and language (this page's memory only): looking at
    /// another plan's reply and coming back must not throw them away.
    static DRAFTS: RefCell<std::collections::HashMap<Shown, Vec<String>>> =
        RefCell::new(std::collections::HashMap::new());
}

/// Keeps what `body` shows for `shown` as a draft when it differs from the saved replies.
fn keep_draft(body: &Element, settings: &Settings, shown: Shown) {
    let Ok(areas) = body.query_selector_all("textarea.template") else {
        return;
    };
    let values: Vec<String> = (0..areas.length())
        .filter_map(|i| areas.get(i).and_then(|n| n.dyn_into::<Element>().ok()))
        .map(|e| textarea_value(&e))
        .collect();
    let (saved, _) = variants_for(settings, shown);
    DRAFTS.with(|d| {
        let mut d = d.borrow_mut();
        if values == saved {
            d.remove(&shown);
        } else {
            d.insert(shown, values);
        }
    });
}

fn selected(id: &str) -> String {
    document()
        .get_element_by_id(id)
        .and_then(|e| e.dyn_into::<HtmlSelectElement>().ok())
        .map(|s| s.value())
        .unwrap_or_default()
}

fn plan_from(value: &str) -> PlanKind {
    PLANS
        .into_iter()
        .find(|p| p.as_str() == value)
        .unwrap_or(PlanKind::AskFirst)
}

/// The editor. `settings` is the page's shared copy; `save` stores it (after the core
/// validator accepted it) and reports the result.
/// `picked`: the plan, moment and language to show, as the pickers' values (kept across
/// re-renders); else the first plan and moment and the user's language.
pub fn render(
    section: &Element,
    settings: Rc<RefCell<Settings>>,
    save: Rc<dyn Fn(Settings)>,
    picked: [Option<String>; 3],
) -> Vec<EventListener> {
    let [plan, moment, lang] = picked;
    let (plan, moment, lang) = (plan.as_deref(), moment.as_deref(), lang.as_deref());
    clear(section);
    let mut listeners = Vec::new();
    append(
        section,
        &[
            &text_el("h2", "", &t("templatesHeading", &[])),
            &text_el("p", "help", &t("templatesHelp", &[])),
        ],
    );
    let pickers = el("div", "pickers");
    // Visible labels: a select named only by aria-label tells a sighted user nothing.
    let picker = |id: &str, label_key: &str| {
        let wrap = el("div", "picker");
        let label = text_el("label", "", &t(label_key, &[]));
        let _ = label.set_attribute("for", id);
        let select = el("select", "");
        let _ = select.set_attribute("id", id);
        append(&wrap, &[&label, &select]);
        append(&pickers, &[&wrap]);
        select
    };
    let plan_select = picker("template-plan", "colPlan");
    let moment_select = picker("template-moment", "templateMoment");
    let lang_select = picker("template-lang", "fieldLanguage");
    for p in PLANS {
        let o = text_el("option", "", &plan_name(p));
        let _ = o.set_attribute("value", p.as_str());
        if Some(p.as_str()) == plan {
            let _ = o.set_attribute("selected", "");
        }
        append(&plan_select, &[&o]);
    }
    for m in Moment::ALL {
        let o = text_el("option", "", &moment_texts(m).0);
        let _ = o.set_attribute("value", m.as_str());
        if Some(m.as_str()) == moment {
            let _ = o.set_attribute("selected", "");
        }
        append(&moment_select, &[&o]);
    }
    let user_lang = lang
        .and_then(Lang::from_code)
        .unwrap_or(settings.borrow().language);
    for lang in Lang::REPLY {
        let o = text_el("option", "", &t(&format!("lang_{}", lang.code()), &[]));
        let _ = o.set_attribute("value", lang.code());
        if lang == user_lang {
            let _ = o.set_attribute("selected", "");
        }
        append(&lang_select, &[&o]);
    }
    // What the chosen moment means for the words, next to the pickers.
    let moment_help = el("p", "help moment-help");
    let _ = moment_help.set_attribute("id", "template-moment-help");
    let _ = moment_select.set_attribute("aria-describedby", "template-moment-help");
    let body = el("div", "template-variants");
    let _ = body.set_attribute("id", "template-variants");
    append(section, &[&pickers, &moment_help, &body]);

    // The variants' listeners, replaced when the plan or language changes.
    let editor: Rc<RefCell<Option<Listeners>>> = Rc::new(RefCell::new(None));
    let shown: Rc<std::cell::Cell<Option<Shown>>> = Rc::default();
    let show = {
        let (settings, body, editor, save) =
            (settings.clone(), body.clone(), editor.clone(), save.clone());
        Rc::new(move || {
            if let Some(before) = shown.get() {
                keep_draft(&body, &settings.borrow(), before);
            }
            let plan = plan_from(&selected("template-plan"));
            let moment =
                Moment::from_code(&selected("template-moment")).unwrap_or(Moment::BeforeAccepting);
            let lang = Lang::from_code(&selected("template-lang")).unwrap_or(Lang::En);
            moment_help.set_text_content(Some(&moment_texts(moment).1));
            shown.set(Some((plan, moment, lang)));
            let l = render_variants(&body, settings.clone(), (plan, moment, lang), save.clone());
            *editor.borrow_mut() = Some(l);
        })
    };
    show();
    for select in [&plan_select, &moment_select, &lang_select] {
        let show = show.clone();
        listeners.push(EventListener::new(select, "change", move |_| show()));
    }
    listeners
}

fn textarea_value(e: &Element) -> String {
    e.dyn_ref::<HtmlTextAreaElement>()
        .map(|t| t.value())
        .unwrap_or_default()
}

fn render_variants(
    body: &Element,
    settings: Rc<RefCell<Settings>>,
    shown: Shown,
    save: Rc<dyn Fn(Settings)>,
) -> Listeners {
    clear(body);
    let mut listeners = Vec::new();
    let (saved, custom) = variants_for(&settings.borrow(), shown);
    let draft = DRAFTS.with(|d| d.borrow().get(&shown).cloned());
    let variants = draft.clone().unwrap_or(saved);
    if !custom && draft.is_none() {
        append(body, &[&text_el("p", "help", &t("templatesDefaults", &[]))]);
    }
    let list = el("div", "variants");
    append(body, &[&list]);
    let areas: Rc<RefCell<Vec<Element>>> = Rc::new(RefCell::new(Vec::new()));
    // Ids only ever go up: after a removal, a new variant must not take the id (and the
    // error line) of one still shown.
    let serial = Rc::new(std::cell::Cell::new(0usize));

    let add_variant = {
        let (list, areas, settings) = (list.clone(), areas.clone(), settings.clone());
        move |source: &str| -> Vec<EventListener> {
            let n = areas.borrow().len();
            let id = serial.get();
            serial.set(id + 1);
            let item = el("div", "variant");
            let area = el("textarea", "template");
            let _ = area.set_attribute("id", &format!("template-{id}"));
            let _ =
                area.set_attribute("aria-label", &t("templateVariant", &[&(n + 1).to_string()]));
            let _ = area.set_attribute("aria-describedby", &format!("template-{id}-check"));
            if let Some(a) = area.dyn_ref::<HtmlTextAreaElement>() {
                a.set_value(source);
            }
            let check = el("p", "field-error");
            let _ = check.set_attribute("id", &format!("template-{id}-check"));
            let _ = check.set_attribute("role", "status");
            let shown = el("div", "preview");
            let count = el("p", "help");
            let remove = text_el("button", "link", &t("templateRemove", &[]));
            let _ = remove.set_attribute("type", "button");
            append(&item, &[&area, &check, &count, &shown, &remove]);
            append(&list, &[&item]);
            areas.borrow_mut().push(area.clone());
            let update = {
                let (area, check, shown, count, settings) = (
                    area.clone(),
                    check.clone(),
                    shown.clone(),
                    count.clone(),
                    settings.clone(),
                );
                move || match preview(&textarea_value(&area), &settings.borrow()) {
                    Ok((text, len)) => {
                        check.set_text_content(None);
                        let _ = area.remove_attribute("aria-invalid");
                        shown.set_text_content(Some(&text));
                        count.set_text_content(Some(&t(
                            "templateLength",
                            &[&len.to_string(), &MESSAGE_LIMIT.to_string()],
                        )));
                    }
                    Err(e) => {
                        check.set_text_content(Some(&e));
                        let _ = area.set_attribute("aria-invalid", "true");
                        shown.set_text_content(None);
                        count.set_text_content(None);
                    }
                }
            };
            update();
            let (areas2, item2, area2) = (areas.clone(), item.clone(), area.clone());
            vec![
                EventListener::new(&area, "input", move |_| update()),
                EventListener::new(&remove, "click", move |_| {
                    areas2.borrow_mut().retain(|a| a != &area2);
                    item2.remove();
                }),
            ]
        }
    };
    for v in &variants {
        listeners.extend(add_variant(v));
    }
    let listeners: Listeners = Rc::new(RefCell::new(listeners));

    let actions = el("div", "row-actions");
    let add = text_el("button", "", &t("templateAdd", &[]));
    let _ = add.set_attribute("type", "button");
    let _ = add.set_attribute("id", "template-add");
    let reset = text_el("button", "", &t("templateReset", &[]));
    let _ = reset.set_attribute("type", "button");
    let _ = reset.set_attribute("id", "template-reset");
    let save_button = text_el("button", "primary", &t("templateSave", &[]));
    let _ = save_button.set_attribute("type", "button");
    let _ = save_button.set_attribute("id", "template-save");
    append(&actions, &[&add, &reset, &save_button]);
    append(body, &[&actions]);

    let mut own = Vec::new();
    {
        let weak = Rc::downgrade(&listeners);
        own.push(EventListener::new(&add, "click", move |_| {
            let l = add_variant("Hi {first_name}, ");
            if let Some(listeners) = weak.upgrade() {
                listeners.borrow_mut().extend(l);
            }
        }));
    }
    {
        let (settings, save) = (settings.clone(), save.clone());
        own.push(EventListener::new(&reset, "click", move |_| {
            DRAFTS.with(|d| d.borrow_mut().remove(&shown));
            let mut next = settings.borrow().clone();
            set_variants(&mut next, shown, None);
            save(next);
        }));
    }
    {
        let (settings, areas) = (settings.clone(), areas.clone());
        own.push(EventListener::new(&save_button, "click", move |_| {
            let sources: Vec<String> = areas.borrow().iter().map(textarea_value).collect();
            DRAFTS.with(|d| d.borrow_mut().remove(&shown));
            let mut next = settings.borrow().clone();
            set_variants(&mut next, shown, Some(sources));
            save(next);
        }));
    }
    listeners.borrow_mut().extend(own);
    listeners
}
