//! The transformations: each rewrites a page the way LinkedIn could without changing what
//! an invitation says, and says what it does to the expected reading (most: nothing).

use super::page_model::*;
use super::properties::Seen;
use super::rewrite::{escape_attr, escape_text, rewrite, Edit};
use scraper::ElementRef;

/// What a transformation does to the expected reading.
pub type Expect = Box<dyn Fn(&mut Vec<Seen>)>;

/// One transformation: how it rewrites a page and what it does to the expected reading.
pub struct Transform {
    pub name: String,
    pub apply: Box<dyn Fn(&str) -> String>,
    pub expect: Expect,
    /// The note's line breaks may move (a paragraph split in two): notes are compared
    /// with line breaks taken for spaces.
    pub note_lines_move: bool,
}

fn structural(
    name: &str,
    element: impl Fn(ElementRef) -> Edit + 'static,
    expect: impl Fn(&mut Vec<Seen>) + 'static,
) -> Transform {
    Transform {
        name: name.to_string(),
        apply: Box::new(move |html| rewrite(html, &element, &|_, _| None)),
        expect: Box::new(expect),
        note_lines_move: false,
    }
}

fn text_edit(
    name: &str,
    text: impl Fn(&str, ElementRef) -> Option<String> + 'static,
    expect: impl Fn(&mut Vec<Seen>) + 'static,
) -> Transform {
    Transform {
        name: name.to_string(),
        apply: Box::new(move |html| rewrite(html, &|_| Edit::default(), &text)),
        expect: Box::new(expect),
        note_lines_move: false,
    }
}

fn same(_: &mut Vec<Seen>) {}

fn wrap(el: &ElementRef, pred: bool, tag: &str) -> Edit {
    if pred {
        let _ = el;
        Edit {
            before: format!("<{tag} class=\"_vw{}\">", tag.len()),
            after: format!("</{tag}>"),
            ..Edit::default()
        }
    } else {
        Edit::default()
    }
}

/// The note paragraph of a card that holds the first ". " of the note, if any.
fn first_sentence_break(el: &ElementRef) -> bool {
    is_note_paragraph(el) && el.text().collect::<String>().contains(". ")
}

/// Replaces `from` by `to` in every text field of the expectation (a name that the page
/// also shows in other cards' lines).
fn rename_in(seen: &mut [Seen], from: &str, to: &str) {
    for s in seen {
        s.name = s.name.replace(from, to);
        for t in [&mut s.headline, &mut s.note].into_iter().flatten() {
            *t = t.replace(from, to);
        }
    }
}

/// Every transformation, for a page whose first person invitation is named `first_person`.
pub fn transforms(first_person: Option<&str>) -> Vec<Transform> {
    let mut t = vec![
        structural("identity", |_| Edit::default(), same),
        structural("wrap-cards", |e| wrap(&e, is_card(&e), "div"), same),
        structural(
            "wrap-card-content",
            |e| {
                if is_card(&e) {
                    Edit {
                        open: "<div class=\"_in1\"><div class=\"_in2\">".into(),
                        close: "</div></div>".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "wrap-each-action",
            |e| wrap(&e, is_action_control(&e), "div"),
            same,
        ),
        structural(
            "wrap-both-actions",
            |e| {
                if is_action_group(&e) {
                    Edit {
                        open: "<div class=\"_ab\"><span class=\"_ab2\">".into(),
                        close: "</span></div>".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "unwrap-action-group",
            |e| Edit {
                unwrap: is_action_group(&e),
                ..Edit::default()
            },
            same,
        ),
        structural(
            "action-hook-on-wrapper",
            |e| {
                if is_action_control(&e) && is_action(&e) {
                    Edit {
                        attrs: Some(attrs_without(&e, "data-view-name")),
                        before: "<div data-view-name=\"invitation-action\">".into(),
                        after: "</div>".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "no-action-hook",
            |e| {
                if attr(&e, "data-view-name") == Some("invitation-action") {
                    Edit {
                        attrs: Some(attrs_without(&e, "data-view-name")),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural("wrap-name", |e| wrap(&e, is_name(&e), "span"), same),
        structural(
            "wrap-name-link",
            |e| {
                let name_link = e.value().name() == "a"
                    && e.children()
                        .filter_map(ElementRef::wrap)
                        .any(|c| is_name(&c));
                wrap(&e, name_link, "span")
            },
            same,
        ),
        structural(
            "wrap-note",
            |e| {
                if is_note_paragraph(&e) {
                    Edit {
                        before: "<div class=\"_n1\"><span class=\"_n2\">".into(),
                        after: "</span></div>".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        // The screen container: on <main>, on the list, absent (the fixtures have it on a
        // child of <main>).
        structural(
            "screen-on-main",
            |e| {
                if e.value().name() == "main" {
                    if let Some(screen) = e
                        .descendants()
                        .filter_map(ElementRef::wrap)
                        .find(|d| is_screen(d))
                    {
                        let value = attr(&screen, "data-sdui-screen").unwrap_or("").to_string();
                        return Edit {
                            attrs: Some(attrs_with(&e, "data-sdui-screen", &value)),
                            ..Edit::default()
                        };
                    }
                }
                if is_screen(&e) && e.value().name() != "main" {
                    return Edit {
                        attrs: Some(attrs_without(&e, "data-sdui-screen")),
                        ..Edit::default()
                    };
                }
                Edit::default()
            },
            same,
        ),
        structural(
            "screen-on-list",
            |e| {
                let screen = e
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .find(|a| is_screen(a))
                    .and_then(|s| attr(&s, "data-sdui-screen").map(str::to_string));
                if is_invitation_list(&e) {
                    if let Some(value) = screen {
                        return Edit {
                            attrs: Some(attrs_with(&e, "data-sdui-screen", &value)),
                            ..Edit::default()
                        };
                    }
                }
                if is_screen(&e) {
                    return Edit {
                        attrs: Some(attrs_without(&e, "data-sdui-screen")),
                        ..Edit::default()
                    };
                }
                Edit::default()
            },
            same,
        ),
        structural(
            "screen-absent",
            |e| {
                if is_screen(&e) {
                    Edit {
                        attrs: Some(attrs_without(&e, "data-sdui-screen")),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "list-as-ul-li",
            |e| {
                if is_invitation_list(&e) {
                    Edit {
                        tag: Some("ul".into()),
                        ..Edit::default()
                    }
                } else if is_card(&e) && attr(&e, "role") == Some("listitem") {
                    Edit {
                        tag: Some("li".into()),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "list-as-ul-li-without-roles",
            |e| {
                if is_invitation_list(&e) {
                    Edit {
                        tag: Some("ul".into()),
                        attrs: Some(attrs_without(&e, "role")),
                        ..Edit::default()
                    }
                } else if is_card(&e) && attr(&e, "role") == Some("listitem") {
                    Edit {
                        tag: Some("li".into()),
                        attrs: Some(attrs_without(&e, "role")),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "second-list-people-you-may-know",
            |e| {
                if is_invitation_list(&e) || has_class(&e, "mn-invitation-list") {
                    Edit {
                        after: PEOPLE_YOU_MAY_KNOW.into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "note-before-actions",
            |e| {
                // The card body's children: the actions' group moves after the note block.
                let kids: Vec<_> = e.children().collect();
                let group = kids
                    .iter()
                    .position(|k| ElementRef::wrap(*k).is_some_and(|c| is_action_group(&c)));
                let note = kids.iter().position(|k| {
                    ElementRef::wrap(*k).is_some_and(|c| {
                        c.children()
                            .filter_map(ElementRef::wrap)
                            .any(|p| is_note_paragraph(&p))
                    })
                });
                match (group, note) {
                    (Some(g), Some(n)) if g < n => {
                        let mut order: Vec<usize> = (0..kids.len()).collect();
                        let moved = order.remove(n);
                        order.insert(g, moved);
                        Edit {
                            order: Some(order),
                            ..Edit::default()
                        }
                    }
                    _ => Edit::default(),
                }
            },
            same,
        ),
        structural(
            "headline-after-mutual",
            |e| {
                // The block holding the name line, the headline and the mutual line: the
                // mutual line moves right after the name line.
                let kids: Vec<_> = e.children().collect();
                let mutual = kids.iter().position(|k| {
                    ElementRef::wrap(*k).is_some_and(|c| {
                        is_mutual_line(&c)
                            || c.children()
                                .filter_map(ElementRef::wrap)
                                .any(|p| is_mutual_line(&p))
                    })
                });
                let name = kids.iter().position(|k| {
                    ElementRef::wrap(*k).is_some_and(|c| {
                        c.descendants()
                            .filter_map(ElementRef::wrap)
                            .any(|d| is_name(&d))
                    })
                });
                match (name, mutual) {
                    (Some(n), Some(m)) if n < m => {
                        let mut order: Vec<usize> = (0..kids.len()).collect();
                        let moved = order.remove(m);
                        order.insert(n + 1, moved);
                        Edit {
                            order: Some(order),
                            ..Edit::default()
                        }
                    }
                    _ => Edit::default(),
                }
            },
            same,
        ),
        structural(
            "no-mutual-line",
            |e| Edit {
                drop: is_mutual_line(&e),
                ..Edit::default()
            },
            |seen| {
                for s in seen.iter_mut() {
                    s.mutual = 0;
                }
            },
        ),
        structural(
            "no-image",
            |e| Edit {
                drop: in_card(&e) && matches!(e.value().name(), "img" | "figure"),
                ..Edit::default()
            },
            same,
        ),
        structural(
            "accept-as-link",
            |e| {
                if is_accept_control(&e) && e.value().name() == "button" {
                    let mut attrs = attrs_without(&e, "type");
                    attrs.push((
                        "href".into(),
                        "/mynetwork/invitation-manager/accept/?invitationId=7281".into(),
                    ));
                    Edit {
                        tag: Some("a".into()),
                        attrs: Some(attrs),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "apostrophes-straight",
            |e| relabel(&e, |l| l.replace('’', "'")),
            same,
        ),
        structural(
            "apostrophes-curly",
            |e| relabel(&e, |l| l.replace('\'', "’")),
            same,
        ),
        structural(
            "svg-icons-in-buttons",
            |e| {
                if in_card(&e) && e.value().name() == "button" {
                    Edit {
                        open: SVG_ICON.into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "json-islands",
            |e| {
                if is_card(&e) {
                    Edit {
                        open: JSON_ISLAND.into(),
                        ..Edit::default()
                    }
                } else if e.value().name() == "body" {
                    Edit {
                        open: JSON_ISLAND.into(),
                        close: JSON_ISLAND.into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "comments-and-whitespace",
            |e| {
                if e.ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.value().name() == "body")
                    && !matches!(e.value().name(), "script" | "style" | "template" | "pre")
                    && !e.ancestors().filter_map(ElementRef::wrap).any(|a| {
                        matches!(a.value().name(), "script" | "style" | "template" | "pre")
                    })
                {
                    Edit {
                        before: "\n   <!-- ko if: x -->\n  ".into(),
                        after: "<!--/ko-->\n\t ".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "attributes-reversed",
            |e| {
                let mut a = attrs_of(&e);
                a.reverse();
                Edit {
                    attrs: Some(a),
                    ..Edit::default()
                }
            },
            same,
        ),
        // Decision (written down in tests/variants.rs): a card root LinkedIn keeps in the
        // page with `hidden` (a stale copy kept for an animation) is not an invitation the
        // user sees: it is not read, and the visible copy is read once.
        structural(
            "hidden-duplicate-cards",
            |e| Edit {
                after: if is_card(&e)
                    && !e
                        .ancestors()
                        .filter_map(ElementRef::wrap)
                        .any(|a| is_card(&a))
                {
                    hidden_copy(&e)
                } else {
                    String::new()
                },
                ..Edit::default()
            },
            same,
        ),
        // Text in a `hidden` element is not shown: never a name, headline or note.
        structural(
            "hidden-text-in-lines",
            |e| {
                if is_note_paragraph(&e) || is_name(&e) {
                    Edit {
                        close: "<span hidden>Hidden copy: Accept Ignore Reply</span>".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        // ---- notes ----
        loose_lines(structural("note-br", |e| sentence_split(&e, "<br>"), same)),
        loose_lines(structural(
            "note-several-p",
            |e| {
                if first_sentence_break(&e) && e.value().name() == "p" {
                    let attrs: String = attrs_of(&e)
                        .iter()
                        .map(|(n, v)| format!(" {n}=\"{}\"", escape_attr(v)))
                        .collect();
                    sentence_split(&e, &format!("</p><p{attrs}>"))
                } else {
                    Edit::default()
                }
            },
            same,
        )),
        structural(
            "note-span-dir-auto",
            |e| {
                if is_note_paragraph(&e) {
                    Edit {
                        open: "<span dir=\"auto\">".into(),
                        close: "</span>".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        structural(
            "note-see-more-inside",
            |e| {
                if is_note_paragraph(&e) {
                    Edit {
                        close: "<button type=\"button\" aria-expanded=\"false\"><span>…see more</span></button><button type=\"button\" aria-expanded=\"true\" hidden>see less</button>".into(),
                        ..Edit::default()
                    }
                } else {
                    Edit::default()
                }
            },
            same,
        ),
        text_edit(
            "note-emoji-and-rtl",
            |t, p| {
                // The text's paragraph: the parent, or (when another edit wrapped the text,
                // e.g. in `<span dir="auto">`) the nearest ancestor that is a note paragraph.
                let p = std::iter::once(p)
                    .chain(p.ancestors().filter_map(ElementRef::wrap))
                    .find(|a| is_note_paragraph(a))?;
                // The last text of the note's last paragraph.
                let last_text = p
                    .descendants()
                    .filter(|n| n.value().as_text().is_some_and(|x| !x.trim().is_empty()))
                    .filter(|n| {
                        !n.ancestors().filter_map(ElementRef::wrap).any(|a| {
                            matches!(a.value().name(), "button" | "svg")
                                || attr(&a, "hidden").is_some()
                        })
                    })
                    .last()
                    .and_then(|n| n.value().as_text().map(|x| &**x == t))
                    .unwrap_or(false);
                (is_note_paragraph(&p) && is_last_note_paragraph(&p) && last_text)
                    .then(|| escape_text(&format!("{t} 👋🏽 שלום ومرحبا")))
            },
            |seen| {
                for s in seen.iter_mut() {
                    if let Some(n) = &mut s.note {
                        n.push_str(" 👋🏽 שלום ومرحبا");
                    }
                }
            },
        ),
    ];
    if let Some(name) = first_person {
        for word in ["Accept", "Reply", "Ignore", "Message", "Follow", "See more"] {
            t.push(rename(name, word));
        }
        t.push(rename(
            name,
            "Maximiliana Alexandrina Wilhelmina von Hohenzollern-Sigmaringen de la Cruz y Ortega 🌍",
        ));
    }
    t
}

fn rename(from: &str, to: &str) -> Transform {
    let (f, to2) = (from.to_string(), to.to_string());
    let (f2, to3) = (from.to_string(), to.to_string());
    // The name as written in the page's markup (attributes escape quotes).
    Transform {
        name: format!("name-{}", to.split(' ').next().unwrap_or(to).to_lowercase()),
        apply: Box::new(move |html| {
            rewrite(html, &|e| relabel(&e, |l| l.replace(&f, &to2)), &|t, p| {
                let raw = matches!(p.value().name(), "script" | "style");
                t.contains(&*f).then(|| {
                    let renamed = t.replace(&f, &to2);
                    if raw {
                        renamed
                    } else {
                        escape_text(&renamed)
                    }
                })
            })
        }),
        expect: Box::new(move |seen| rename_in(seen, &f2, &to3)),
        note_lines_move: false,
    }
}

/// Rewrites the aria-label (and alt) of an element.
fn relabel(e: &ElementRef, f: impl Fn(&str) -> String) -> Edit {
    if attr(e, "aria-label").is_none() && attr(e, "alt").is_none() {
        return Edit::default();
    }
    Edit {
        attrs: Some(
            attrs_of(e)
                .into_iter()
                .map(|(n, v)| {
                    if n == "aria-label" || n == "alt" {
                        let v2 = f(&v);
                        (n, v2)
                    } else {
                        (n, v)
                    }
                })
                .collect(),
        ),
        ..Edit::default()
    }
}

/// The last note paragraph of its card, in document order: other edits may have wrapped
/// each paragraph on its own (`wrap-note`), so siblings alone do not tell.
fn is_last_note_paragraph(p: &ElementRef) -> bool {
    let Some(card) = p.ancestors().filter_map(ElementRef::wrap).find(is_card) else {
        return false;
    };
    card.descendants()
        .filter_map(ElementRef::wrap)
        .filter(is_note_paragraph)
        .last()
        .is_some_and(|last| last.id() == p.id())
}

/// The first note paragraph of its card holding ". ", split there by `separator`.
fn sentence_split(e: &ElementRef, separator: &str) -> Edit {
    if !first_sentence_break(e) {
        return Edit::default();
    }
    // Only the first such paragraph of the card.
    let earlier = e
        .prev_siblings()
        .filter_map(ElementRef::wrap)
        .any(|s| first_sentence_break(&s));
    if earlier || e.children().count() != 1 || !e.first_child().is_some_and(|c| c.value().is_text())
    {
        return Edit::default();
    }
    let text: String = e.text().collect();
    let at = text.find(". ").unwrap_or(0) + 1;
    let (head, tail) = text.split_at(at);
    Edit {
        open: format!(
            "{}{separator}{}",
            escape_text(head),
            escape_text(tail.trim_start())
        ),
        order: Some(Vec::new()),
        ..Edit::default()
    }
}

/// A transformation that may move the note's line breaks.
fn loose_lines(mut t: Transform) -> Transform {
    t.note_lines_move = true;
    t
}

fn hidden_copy(card: &ElementRef) -> String {
    let html = card.html();
    // The copy's first tag gets `hidden`.
    match html.find('>') {
        Some(at) => format!("{} hidden{}", &html[..at], &html[at..]),
        None => String::new(),
    }
}

const SVG_ICON: &str = r##"<svg role="none" aria-hidden="true" xmlns="http://www.w3.org/2000/svg" width="16" height="16" viewBox="0 0 16 16"><title>Accept Ignore</title><use href="#check-small"></use><path d="M8 1a7 7 0 100 14A7 7 0 008 1z"></path></svg>"##;

const JSON_ISLAND: &str = r##"<code style="display: none" id="bpr-guid-1"><!--{"data":{"entityUrn":"urn:li:invitation:7281000000000099999","message":"I'd like to add you","fromMember":{"firstName":"Zed","lastName":"Ghost","publicIdentifier":"zed-ghost"}},"included":[{"$type":"com.linkedin.voyager.dash.relationships.invitation.Invitation","entityUrn":"urn:li:invitation:7281000000000088888"}]}--></code><script type="application/json">{"urn":"urn:li:invitation:7281000000000077777","html":"<div role=\"listitem\" componentkey=\"urn:li:invitation:1\"><a href=\"/in/zed/\"><strong>Zed</strong></a></div>"}</script>"##;

const PEOPLE_YOU_MAY_KNOW: &str = r##"<section class="_pymk"><h2>People you may know</h2><div role="list"><div role="listitem" componentkey="pymk-urn:li:member:123"><a href="/in/lucas-petit/"><strong>Lucas Petit</strong></a><p>Account Executive at Orbit</p><p>Ana Souza and 4 other mutual connections</p><button aria-label="Invite Lucas Petit to connect" type="button">Connect</button><button aria-label="Dismiss Lucas Petit" type="button">Dismiss</button></div><div role="listitem"><a href="/in/olivia-park/"><strong>Olivia Park</strong></a><span> follows you</span><button aria-label="Accept Olivia Park’s follow" type="button">Follow back</button></div></div></section>"##;
