//! The toolbar popup: whether AskFirst is active on the current tab (and why not), the
//! invitations flagged on it, who was asked more than N days ago and has not answered —
//! the decision stays the user's —, recent follow-ups, and the last 30 days in numbers.
//! wasm only; renders what the background and the tab's content script answer.

use super::{
    app_root, append, ask_background, chrome_call, clear, days_ago, document, el, link, t, text_el,
    translate_static, UiError,
};
use crate::core::ledger::Notice;
use crate::core::linkedin::messaging::{page_at, LinkedInPage};
use crate::core::plan::PlanKind;
use crate::core::protocol_ledger::{DashboardView, FlaggedOnPage, LedgerAnswer, Watched};
use crate::core::tab_view::{tab_view, TabView};
use gloo_events::EventListener;
use serde_json::json;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Where a reminder without a profile link leads: the invitation manager.
const INVITATIONS_URL: &str = "https://www.linkedin.com/mynetwork/invitation-manager/";

/// Where "open my invitations" leads: the received invitations.
const RECEIVED_URL: &str = "https://www.linkedin.com/mynetwork/invitation-manager/received/";

/// The current tab as the popup reports it (`core::tab_view` decides which state is true;
/// `Failed`: the popup could not even ask).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabState {
    View(TabView),
    Failed(String),
}

thread_local! {
    /// The popup's listeners live as long as the popup's document; replacing the view
    /// drops (and so removes) the previous ones.
    static LISTENERS: RefCell<Vec<EventListener>> = const { RefCell::new(Vec::new()) };
}

#[wasm_bindgen(js_name = startPopup)]
pub async fn start_popup() -> Result<(), JsValue> {
    let root = app_root()?;
    if let Some(html) = document().document_element() {
        translate_static(&html);
    }
    refresh(root).await;
    Ok(())
}

async fn refresh(root: Element) {
    let tab = tab_state().await;
    let dashboard = match ask_background(&json!({"type": "dashboard"})).await {
        Ok(LedgerAnswer::Dashboard(d)) => Ok(d),
        Ok(other) => Err(UiError::Answer(format!("{other:?}"))),
        Err(e) => Err(e),
    };
    let granted = super::permission::linkedin_granted().await;
    let mut listeners = render(&root, &tab, dashboard.as_ref().map_err(|e| e.to_string()));
    if !granted {
        // Firefox: the user has not allowed LinkedIn (yet): say so first, with the button.
        let again = root.clone();
        listeners.push(super::permission::show_notice(&root, move || {
            wasm_bindgen_futures::spawn_local(refresh(again.clone()));
        }));
    }
    LISTENERS.with(|l| *l.borrow_mut() = listeners);
}

async fn tab_state() -> TabState {
    let query =
        super::to_js(&json!({"active": true, "currentWindow": true})).unwrap_or(JsValue::NULL);
    let tab = match chrome_call("tabs", "query", &[query]).await {
        Ok(tabs) => js_sys::Reflect::get(&tabs, &0.into()).unwrap_or(JsValue::UNDEFINED),
        Err(e) => return TabState::Failed(t("inactiveEngine", &[&e.to_string()])),
    };
    // Without the `tabs` permission the URL is visible only on LinkedIn (our host
    // permission); anywhere else it is absent, which is "not LinkedIn" too.
    let url = js_sys::Reflect::get(&tab, &"url".into())
        .ok()
        .and_then(|u| u.as_string())
        .unwrap_or_default();
    let status = if matches!(
        page_at(&url),
        LinkedInPage::Invitations | LinkedInPage::Messaging
    ) {
        let id = js_sys::Reflect::get(&tab, &"id".into())
            .ok()
            .and_then(|v| v.as_f64());
        match id {
            None => None,
            Some(tab_id) => {
                match ask_background(&json!({"type": "tab-status", "tab_id": tab_id as i64})).await
                {
                    Ok(LedgerAnswer::TabStatus { status }) => status,
                    Ok(other) => {
                        return TabState::Failed(t("inactiveEngine", &[&format!("{other:?}")]))
                    }
                    Err(e) => return TabState::Failed(t("inactiveEngine", &[&e.to_string()])),
                }
            }
        }
    } else {
        None
    };
    TabState::View(tab_view(&url, status))
}

pub fn plan_label(plan: Option<PlanKind>) -> String {
    match plan {
        Some(PlanKind::AskFirst) => t("planAskFirst", &[]),
        Some(PlanKind::AcceptFollowUp) => t("planAcceptFollowUp", &[]),
        Some(PlanKind::Accept) => t("planAccept", &[]),
        None => String::new(),
    }
}

pub fn notice_text(n: &Notice) -> String {
    match n {
        Notice::Compacted {
            records,
            still_over,
            dropped,
            ..
        } => {
            let mut s = if *dropped > 0 {
                t(
                    "noticeCompactedDropped",
                    &[&records.to_string(), &dropped.to_string()],
                )
            } else {
                t("noticeCompacted", &[&records.to_string()])
            };
            if *still_over {
                s.push(' ');
                s.push_str(&t("noticeStillOver", &[]));
            }
            s
        }
        Notice::Recovered {
            backup_key,
            problem,
            ..
        } => t("noticeRecovered", &[backup_key, problem]),
        Notice::Flooded { refused, .. } => t("noticeFlooded", &[&refused.to_string()]),
    }
}

/// Renders the whole popup into `root`; returns the listeners the view needs.
pub fn render(
    root: &Element,
    tab: &TabState,
    dashboard: Result<&DashboardView, String>,
) -> Vec<EventListener> {
    clear(root);
    let mut listeners = Vec::new();

    render_status(root, tab);

    let d = match dashboard {
        Ok(d) => d,
        Err(message) => {
            append(
                root,
                &[&text_el("p", "error", &t("ledgerUnavailable", &[&message]))],
            );
            listeners.push(options_button(root));
            return listeners;
        }
    };

    if !d.notices.is_empty() {
        let notices = el("section", "notices");
        for (index, n) in d.notices.iter().enumerate() {
            let p = el("p", "notice");
            append(&p, &[&text_el("span", "", &notice_text(n))]);
            let dismiss = text_el("button", "link", &t("dismiss", &[]));
            let _ = dismiss.set_attribute("type", "button");
            let root2 = root.clone();
            listeners.push(EventListener::new(&dismiss, "click", move |_| {
                let root = root2.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    let _ =
                        ask_background(&json!({"type": "dismiss-notice", "index": index})).await;
                    refresh(root).await;
                });
            }));
            append(&p, &[&dismiss]);
            append(&notices, &[&p]);
        }
        append(root, &[&notices]);
    }

    let waiting = el("section", "reminders");
    append(
        &waiting,
        &[&text_el(
            "h2",
            "",
            &if d.reminder_days == 1 {
                t("remindersHeadingOne", &[])
            } else {
                t("remindersHeading", &[&d.reminder_days.to_string()])
            },
        )],
    );
    if d.reminders.is_empty() {
        append(
            &waiting,
            &[&text_el("p", "empty", &t("remindersEmpty", &[]))],
        );
    } else {
        let list = el("ul", "");
        for r in &d.reminders {
            let li = el("li", "");
            let href = r
                .profile_url
                .as_deref()
                .and_then(super::profile_href)
                .unwrap_or_else(|| INVITATIONS_URL.to_string());
            append(
                &li,
                &[
                    &link(&r.name, &href),
                    &text_el(
                        "span",
                        "when",
                        &t("askedAgo", &[&days_ago(d.now, r.asked_at)]),
                    ),
                ],
            );
            append(&list, &[&li]);
        }
        append(
            &waiting,
            &[&list, &text_el("p", "hint", &t("remindersHint", &[]))],
        );
    }
    append(root, &[&waiting]);

    if !d.follow_ups.is_empty() {
        let section = el("section", "follow-ups");
        append(&section, &[&text_el("h2", "", &t("followUpsHeading", &[]))]);
        let list = el("ul", "");
        for f in &d.follow_ups {
            let li = el("li", "");
            let href = f
                .profile_url
                .as_deref()
                .and_then(super::profile_href)
                .unwrap_or_else(|| INVITATIONS_URL.to_string());
            let state = if f.answered {
                t("answered", &[])
            } else {
                days_ago(d.now, f.at)
            };
            append(
                &li,
                &[&link(&f.name, &href), &text_el("span", "when", &state)],
            );
            append(&list, &[&li]);
        }
        append(&section, &[&list]);
        append(root, &[&section]);
    }

    let stats = el("section", "stats");
    append(
        &stats,
        &[&text_el(
            "h2",
            "",
            &t("statsHeading", &[&d.stats.window_days.to_string()]),
        )],
    );
    let dl = el("dl", "");
    for (key, value) in [
        ("statsDefaultInvites", d.stats.default_invites),
        ("statsAsked", d.stats.asked),
        ("statsAnswers", d.stats.answers),
        ("statsLeads", d.stats.leads),
        ("statsDeals", d.stats.deals),
        ("statsNoFit", d.stats.no_fit),
    ] {
        let row = el("div", "stat");
        let _ = row.set_attribute("data-stat", key);
        append(
            &row,
            &[
                &text_el("dt", "", &t(key, &[])),
                &text_el("dd", "", &value.to_string()),
            ],
        );
        append(&dl, &[&row]);
    }
    append(&stats, &[&dl]);
    append(root, &[&stats]);
    listeners.push(options_button(root));
    listeners
}

/// The tab's state: one true sentence, and what the user can do from here.
fn render_status(root: &Element, tab: &TabState) {
    let status = el("section", "status");
    let (class, title, detail) = match tab {
        TabState::Failed(reason) => ("inactive", t("statusInactive", &[]), Some(reason.clone())),
        TabState::View(view) => {
            let (class, title, detail): (&str, &str, Option<&str>) = match view {
                TabView::NotInvitations => (
                    "idle",
                    "statusNotInvitations",
                    Some("inactiveNotInvitations"),
                ),
                TabView::NoContentScript => (
                    "inactive",
                    "statusInactive",
                    Some("inactiveNoContentScript"),
                ),
                TabView::Reading => ("active", "statusReading", None),
                TabView::Active { flagged } if flagged.is_empty() => {
                    ("active", "statusActive", Some("flaggedNone"))
                }
                TabView::Active { .. } => ("active", "statusActive", None),
                TabView::Empty => ("active", "statusNoPending", Some("noPendingHint")),
                TabView::Watching { .. } => ("active", "statusWatching", None),
                TabView::NobodyAsked => ("idle", "statusNobodyAsked", Some("nobodyAskedHint")),
                TabView::Unreadable => ("inactive", "statusInactive", Some("inactiveUnreadable")),
                TabView::EngineError => ("inactive", "statusInactive", Some("inactiveNoEngine")),
            };
            (class, t(title, &[]), detail.map(|k| t(k, &[])))
        }
    };
    status.class_list().add_1(class).ok();
    let _ = status.set_attribute(
        "data-state",
        match tab {
            TabState::Failed(_) => "failed",
            TabState::View(v) => view_code(v),
        },
    );
    append(&status, &[&text_el("strong", "", &title)]);
    if let Some(detail) = detail {
        append(&status, &[&text_el("p", "reason", &detail)]);
    }
    append(root, &[&status]);
    match tab {
        TabState::View(TabView::NotInvitations) => {
            let open = link(&t("openInvitations", &[]), RECEIVED_URL);
            open.class_list().add_2("button", "open-invitations").ok();
            append(&status, &[&open]);
        }
        TabState::View(TabView::Active { flagged }) if !flagged.is_empty() => {
            render_flagged(root, flagged)
        }
        TabState::View(TabView::Watching { people }) => render_watching(&status, people),
        _ => {}
    }
}

/// A stable name for each state (tests and styles; never shown).
fn view_code(view: &TabView) -> &'static str {
    match view {
        TabView::NotInvitations => "not-invitations",
        TabView::NoContentScript => "no-content-script",
        TabView::Reading => "reading",
        TabView::Active { .. } => "active",
        TabView::Empty => "empty",
        TabView::Watching { .. } => "watching",
        TabView::NobodyAsked => "nobody-asked",
        TabView::Unreadable => "unreadable",
        TabView::EngineError => "engine-error",
    }
}

/// The invitations guarded on this page, each name opening the inviter's profile.
fn render_flagged(root: &Element, flagged: &[FlaggedOnPage]) {
    let section = el("section", "flagged");
    append(
        &section,
        &[&text_el(
            "h2",
            "",
            &t("flaggedHeading", &[&flagged.len().to_string()]),
        )],
    );
    let list = el("ul", "");
    for f in flagged {
        let li = el("li", "");
        let name = match f.profile_url.as_deref().and_then(super::profile_href) {
            Some(href) => link(&f.name, &href),
            None => text_el("span", "", &f.name),
        };
        name.class_list().add_1("name").ok();
        append(&li, &[&name, &text_el("span", "plan", &plan_label(f.plan))]);
        append(&list, &[&li]);
    }
    append(&section, &[&list]);
    append(root, &[&section]);
}

/// Whose answer this conversation is watched for (or that it came).
fn render_watching(status: &Element, people: &[Watched]) {
    let list = el("ul", "watching");
    for w in people {
        let key = if w.answered {
            "watchingAnswered"
        } else {
            "watchingFor"
        };
        let li = text_el(
            "li",
            if w.answered { "answered" } else { "" },
            &t(key, &[&w.name]),
        );
        append(&list, &[&li]);
    }
    append(status, &[&list]);
}

fn options_button(root: &Element) -> EventListener {
    let footer = el("footer", "");
    let button = text_el("button", "", &t("openOptions", &[]));
    let _ = button.set_attribute("type", "button");
    let _ = button.set_attribute("id", "open-options");
    append(&footer, &[&button]);
    append(root, &[&footer]);
    EventListener::new(&button, "click", |_| {
        wasm_bindgen_futures::spawn_local(async {
            let _ = chrome_call("runtime", "openOptionsPage", &[]).await;
        });
    })
}
