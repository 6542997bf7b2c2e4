//! What the generator knows of the fixtures' markup, from the LinkedIn facts of
//! docs/architecture.md on its own (never from the reader): cards, actions, note
//! paragraphs, names, mutual lines, the screen container and the invitation list;
//! attribute helpers for the edits.

use scraper::ElementRef;

pub(super) fn attr<'a>(el: &'a ElementRef, name: &str) -> Option<&'a str> {
    el.value().attr(name)
}

pub(super) fn has_class(el: &ElementRef, class: &str) -> bool {
    attr(el, "class").is_some_and(|c| c.split_whitespace().any(|k| k == class))
}

pub fn is_card(el: &ElementRef) -> bool {
    let urn_item = attr(el, "componentkey").is_some_and(|k| k.starts_with("urn:li:invitation:"));
    let legacy = el.value().name() == "li" && has_class(el, "invitation-card");
    let body = attr(el, "data-view-name") == Some("pending-invitation")
        && !el
            .ancestors()
            .filter_map(ElementRef::wrap)
            .any(|a| attr(&a, "componentkey").is_some_and(|k| k.starts_with("urn:li:invitation:")));
    urn_item || legacy || body
}

pub(super) fn in_card(el: &ElementRef) -> bool {
    el.ancestors()
        .filter_map(ElementRef::wrap)
        .any(|a| is_card(&a))
}

pub fn is_action(el: &ElementRef) -> bool {
    attr(el, "data-view-name") == Some("invitation-action")
        || has_class(el, "invitation-card__action-btn")
}

/// The clickable action control (the hook itself or the button/link in a wrapper hook).
pub(super) fn is_action_control(el: &ElementRef) -> bool {
    matches!(el.value().name(), "button" | "a")
        && (is_action(el)
            || el
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| is_action(&p)))
}

/// The element holding a card's actions side by side.
pub fn is_action_group(el: &ElementRef) -> bool {
    el.children()
        .filter_map(ElementRef::wrap)
        .filter(|c| is_action(c))
        .count()
        >= 2
}

pub(super) fn label_says(el: &ElementRef, verbs: &[&str]) -> bool {
    let label = attr(el, "aria-label").unwrap_or("").to_lowercase();
    let text: String = el.text().collect::<String>().to_lowercase();
    verbs
        .iter()
        .any(|v| label.starts_with(v) || label.ends_with(v) || text.trim() == *v)
}

const ACCEPT_WORDS: &[&str] = &[
    "accept",
    "accepter",
    "annehmen",
    "aceptar",
    "aceitar",
    "accetta",
    "accepteren",
];

pub(super) fn is_accept_control(el: &ElementRef) -> bool {
    is_action_control(el) && label_says(el, ACCEPT_WORDS)
}

/// A note paragraph: current UI `p[dir=auto]` after the actions, legacy line-clamp lines.
pub fn is_note_paragraph(el: &ElementRef) -> bool {
    in_card(el)
        && ((el.value().name() == "p" && attr(el, "dir") == Some("auto"))
            || has_class(el, "lt-line-clamp__line"))
}

/// A mutual-connection line (the generator's own word list, all fixture languages).
pub(super) fn is_mutual_line(el: &ElementRef) -> bool {
    const WORDS: &[&str] = &[
        "mutual",
        "en commun",
        "gemeinsam",
        "en común",
        "em comum",
        "in comune",
        "gemeenschappelijk",
    ];
    let text: String = el.text().collect::<String>().to_lowercase();
    in_card(el)
        && (has_class(el, "member-insights__reason")
            || (el.value().name() == "p"
                && !has_class(el, "invitation-card__subtitle")
                && WORDS.iter().any(|w| text.contains(w))))
}

/// The name link's <strong> (current UI) or the legacy title.
pub(super) fn is_name(el: &ElementRef) -> bool {
    in_card(el)
        && ((el.value().name() == "strong"
            && el
                .parent()
                .and_then(ElementRef::wrap)
                .is_some_and(|p| attr(&p, "href").is_some_and(|h| h.contains("/in/"))))
            || has_class(el, "invitation-card__title"))
}

pub(super) fn is_screen(el: &ElementRef) -> bool {
    attr(el, "data-sdui-screen").is_some_and(|s| s.contains("InvitationReceived"))
}

pub(super) fn is_invitation_list(el: &ElementRef) -> bool {
    attr(el, "role") == Some("list")
        && el
            .children()
            .filter_map(ElementRef::wrap)
            .any(|c| is_card(&c))
}

pub(super) fn attrs_of(el: &ElementRef) -> Vec<(String, String)> {
    el.value()
        .attrs()
        .map(|(n, v)| (n.to_string(), v.to_string()))
        .collect()
}

pub(super) fn attrs_without(el: &ElementRef, name: &str) -> Vec<(String, String)> {
    attrs_of(el)
        .into_iter()
        .filter(|(n, _)| n != name)
        .collect()
}

pub(super) fn attrs_with(el: &ElementRef, name: &str, value: &str) -> Vec<(String, String)> {
    let mut a = attrs_without(el, name);
    a.push((name.to_string(), value.to_string()));
    a
}
