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
use crate::core::protocol_ledger::{DashboardView, LedgerAnswer, PageStatus};
use gloo_events::EventListener;
use serde_json::json;
use std::cell::RefCell;
use wasm_bindgen::prelude::*;
use web_sys::Element;

/// Where a reminder without a profile link leads: the invitation manager.
const INVITATIONS_URL: &str = "https://www.linkedin.com/mynetwork/invitation-manager/";

/// The current tab as the popup reports it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TabState {
    Active(PageStatus),
    /// Messaging pages: AskFirst only watches for answers there.
    Watching,
    Inactive(String),
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
        Err(e) => return TabState::Inactive(e.to_string()),
    };
    // Without the `tabs` permission the URL is visible only on LinkedIn (our host
    // permission); anywhere else it is absent, which is "not LinkedIn" too.
    let url = js_sys::Reflect::get(&tab, &"url".into())
        .ok()
        .and_then(|u| u.as_string())
        .unwrap_or_default();
    let page = page_at(&url);
    match page {
        LinkedInPage::NotLinkedIn | LinkedInPage::Other => {
            TabState::Inactive(t("inactiveNotInvitations", &[]))
        }
        LinkedInPage::Messaging | LinkedInPage::Invitations => {
            let id = js_sys::Reflect::get(&tab, &"id".into())
                .ok()
                .and_then(|v| v.as_f64());
            let Some(tab_id) = id else {
                return TabState::Inactive(t("inactiveNoContentScript", &[]));
            };
            match ask_background(&json!({"type": "tab-status", "tab_id": tab_id as i64})).await {
                // On messaging pages the content script only watches for answers.
                Ok(LedgerAnswer::TabStatus { status: Some(s) })
                    if s.active && page == LinkedInPage::Messaging =>
                {
                    TabState::Watching
                }
                Ok(LedgerAnswer::TabStatus { status: Some(s) }) if s.active => TabState::Active(s),
                Ok(LedgerAnswer::TabStatus { status: Some(s) }) => {
                    TabState::Inactive(s.reason.unwrap_or_else(|| t("inactiveUnreadable", &[])))
                }
                Ok(_) if page == LinkedInPage::Messaging => {
                    TabState::Inactive(t("inactiveNotInvitations", &[]))
                }
                // Nothing reported for this tab: the page predates the extension (or the
                // background restarted since).
                Ok(_) => TabState::Inactive(t("inactiveNoContentScript", &[])),
                Err(e) => TabState::Inactive(t("inactiveEngine", &[&e.to_string()])),
            }
        }
    }
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

    let status = el("section", "status");
    match tab {
        TabState::Active(s) => {
            status.class_list().add_1("active").ok();
            append(&status, &[&text_el("strong", "", &t("statusActive", &[]))]);
            let flagged = el("section", "flagged");
            append(
                &flagged,
                &[&text_el(
                    "h2",
                    "",
                    &t("flaggedHeading", &[&s.flagged.len().to_string()]),
                )],
            );
            let list = el("ul", "");
            for f in &s.flagged {
                let li = el("li", "");
                append(
                    &li,
                    &[
                        &text_el("span", "name", &f.name),
                        &text_el("span", "plan", &plan_label(f.plan)),
                    ],
                );
                append(&list, &[&li]);
            }
            append(&flagged, &[&list]);
            append(root, &[&status, &flagged]);
        }
        TabState::Watching => {
            status.class_list().add_1("active").ok();
            append(
                &status,
                &[&text_el("strong", "", &t("statusWatching", &[]))],
            );
            append(root, &[&status]);
        }
        TabState::Inactive(reason) => {
            status.class_list().add_1("inactive").ok();
            append(
                &status,
                &[
                    &text_el("strong", "", &t("statusInactive", &[])),
                    &text_el("p", "reason", reason),
                ],
            );
            append(root, &[&status]);
        }
    }

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
