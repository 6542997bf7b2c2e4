//! Reads ONE invitation card (a card-root element found by `selectors`) into an
//! `Invitation`: structure first (action controls, the /in/ link and its <strong>, the
//! order of text lines around the actions), label patterns (`labels`) only to classify
//! lines the structure isolated. Pure: no wasm-bindgen, web-sys or js-sys.

use crate::core::invitation::{Controls, Invitation, InvitationKind, UiGeneration};
use crate::core::linkedin::labels::{self, LineKind};
use crate::core::linkedin::locate::{locate, Hooks, Known};
use crate::core::linkedin::selectors::{attr, compiled, Role, SELECTORS};
use crate::core::text::{fold, squash_whitespace};
use ego_tree::iter::Edge;
use scraper::ElementRef;

/// Why a card root gave no invitation (becomes a diagnostic).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CardError {
    #[error("no Accept/Ignore action controls (looked for {0}); incomplete or unknown card")]
    NoActions(String),
    #[error("no inviter: no a[href*=\"/in/\"] link with a name (<strong> or link text) before the actions")]
    NoInviter,
    #[error("a {0:?} invitation without a readable name")]
    NoEntityName(InvitationKind),
}

/// Elements whose text is never content.
fn is_not_content(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "svg" | "template" | "noscript" | "button" | "img" | "iframe"
    )
}

/// Elements that start a new text line.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "li"
            | "ul"
            | "ol"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "blockquote"
            | "figcaption"
            | "dd"
            | "dt"
            | "label"
            | "main"
            | "aside"
            | "nav"
            | "figure"
            | "table"
            | "tr"
            | "td"
    )
}

/// One visual line of text: consecutive text inside the same block element.
#[derive(Debug)]
struct Line<'a> {
    block: ElementRef<'a>,
    text: String,
    /// After the last Accept/Ignore control in document order (where the note lives).
    after_actions: bool,
}

impl Line<'_> {
    fn squashed(&self) -> String {
        squash_whitespace(&self.text)
    }
}

fn is_named(el: &ElementRef, names: &[&str]) -> bool {
    names.contains(&el.value().name())
}

/// A control's label: aria-label when present (it names the person), else its text.
fn label_of(el: &ElementRef) -> String {
    match attr(el.value(), "aria-label")
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        Some(label) => label.to_string(),
        None => squash_whitespace(&visible_text(el)),
    }
}

/// Text of an element without script/style/svg content.
fn visible_text(el: &ElementRef) -> String {
    text_without(el, |e| {
        is_named(e, &["script", "style", "svg", "template", "noscript"])
            || attr(e.value(), "hidden").is_some()
    })
}

/// Text of a legacy note element without its controls: a "…see more" toggle LinkedIn puts
/// inside a line is chrome, like every button (issue #12's variants).
fn note_text(el: &ElementRef) -> String {
    text_without(el, |e| {
        is_not_content(e.value().name())
            || attr(e.value(), "role") == Some("button")
            || attr(e.value(), "hidden").is_some()
    })
}

/// The text under `el` (`<br>` as a line break), leaving out every text inside an element
/// below `el` that `skip` names.
fn text_without(el: &ElementRef, skip: impl Fn(&ElementRef) -> bool) -> String {
    let mut out = String::new();
    for node in el.descendants() {
        if let Some(text) = node.value().as_text() {
            let skipped = node
                .ancestors()
                .take_while(|a| a.id() != el.id())
                .any(|a| ElementRef::wrap(a).is_some_and(|e| skip(&e)));
            if !skipped {
                out.push_str(text);
            }
        } else if node.value().as_element().is_some_and(|e| e.name() == "br") {
            out.push('\n');
        }
    }
    out
}

/// `https://www.linkedin.com/in/<slug>/` from any href to a profile (relative, another
/// subdomain, with query or fragment). None when there is no slug.
pub fn profile_url(href: &str) -> Option<String> {
    let at = href.find("/in/")?;
    let slug: &str = href[at + 4..].split(['/', '?', '#']).next().unwrap_or("");
    let slug = slug.trim();
    if slug.is_empty()
        || slug
            .chars()
            .any(|c| c.is_whitespace() || c == '"' || c == '<' || c == '>')
    {
        return None;
    }
    Some(format!("https://www.linkedin.com/in/{slug}/"))
}

/// The first name: LinkedIn's own "Reply to <first name>" when it agrees with the name,
/// else the first word of the name that has a letter, skipping honorifics.
pub fn first_name(name: &str, reply_target: Option<&str>) -> String {
    if let Some(target) = reply_target {
        // As written first (the common case, no folding), then folded.
        if !target.trim().is_empty() && name.starts_with(target) {
            return target.to_string();
        }
        let t = fold(target);
        if !t.is_empty() && fold(name).starts_with(&t) {
            return target.to_string();
        }
    }
    const HONORIFICS: &[&str] = &[
        "dr", "prof", "mr", "mrs", "ms", "mme", "m", "herr", "frau", "sr", "sra", "ing",
    ];
    let words: Vec<&str> = name
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphabetic))
        .collect();
    let skip = words.len() > 1 && HONORIFICS.contains(&fold(words[0]).as_str());
    let word = words.get(usize::from(skip)).copied().unwrap_or(name.trim());
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .to_string()
}

/// What one walk of a card finds, in document order: the action hooks of each row that
/// applies to the card's generation (fallback order), every clickable element, and the
/// person and entity links; the links and clickables with their place in the walk (for
/// "before the actions": every action control is a clickable). One walk with prefiltered
/// matching instead of one walk per selector.
struct Scan<'a> {
    hooks: Vec<(&'static str, Vec<ElementRef<'a>>)>,
    clickables: Vec<(usize, ElementRef<'a>)>,
    person_links: Vec<(usize, ElementRef<'a>)>,
    entity_links: Vec<(usize, ElementRef<'a>)>,
}

impl<'a> Scan<'a> {
    fn of(card: ElementRef<'a>, ui: UiGeneration) -> Scan<'a> {
        let c = compiled();
        let action_rows: Vec<_> = c.of(Role::Action, Some(ui)).collect();
        let (person, entity) = (c.first(Role::PersonLink), c.first(Role::EntityLink));
        let mut scan = Scan {
            hooks: action_rows
                .iter()
                .map(|r| (r.spec.css, Vec::new()))
                .collect(),
            clickables: Vec::new(),
            person_links: Vec::new(),
            entity_links: Vec::new(),
        };
        for (place, node) in card.descendants().enumerate() {
            let Some(el) = ElementRef::wrap(node) else {
                continue;
            };
            for (row, (_, found)) in action_rows.iter().zip(&mut scan.hooks) {
                if row.matches(&el) {
                    found.push(el);
                }
            }
            if is_clickable(&el) {
                scan.clickables.push((place, el));
            }
            if person.matches(&el) {
                scan.person_links.push((place, el));
            }
            if entity.matches(&el) {
                scan.entity_links.push((place, el));
            }
        }
        scan
    }

    /// Where a clickable element (an action control) sits in the walk.
    fn place(&self, el: ElementRef) -> Option<usize> {
        self.clickables
            .iter()
            .find(|(_, c)| *c == el)
            .map(|(p, _)| *p)
    }
}

/// `button, a, [role="button"]` (the `clickable` selector), without the matching machinery.
fn is_clickable(el: &ElementRef) -> bool {
    is_named(el, &["button", "a"]) || attr(el.value(), "role") == Some("button")
}

/// The action controls (Ignore, Accept, or Follow/Subscribe…) in document order: each hook
/// itself when it is clickable, else every outermost clickable element inside it (one
/// wrapper hook may hold both buttons); then the clickables whose label says Accept or
/// Ignore that no hook marks (a hook left off one control, or off all of them: the label
/// names the action in every supported language). Also the hooks found, with their row's
/// CSS.
fn action_controls<'k, 'a>(scan: &'k Scan<'a>) -> (Vec<ElementRef<'a>>, Hooks<'k, 'a>) {
    let mut out: Vec<ElementRef<'a>> = Vec::new();
    let mut found = None;
    for (css, hooks) in &scan.hooks {
        for &hook in hooks {
            if is_clickable(&hook) {
                if !out.contains(&hook) {
                    out.push(hook);
                }
                continue;
            }
            for (_, c) in scan.clickables.iter().filter(|(_, c)| {
                c.ancestors().any(|a| a.id() == hook.id())
                    && !c
                        .ancestors()
                        .take_while(|a| a.id() != hook.id())
                        .any(|a| ElementRef::wrap(a).is_some_and(|e| is_clickable(&e)))
            }) {
                if !out.contains(c) {
                    out.push(*c);
                }
            }
        }
        if !out.is_empty() {
            found = Some((*css, hooks.as_slice()));
            break;
        }
    }
    let is_link = |el: &ElementRef| {
        scan.person_links.iter().any(|(_, a)| a == el)
            || scan.entity_links.iter().any(|(_, a)| a == el)
    };
    for &(_, el) in &scan.clickables {
        if out.contains(&el) || is_link(&el) {
            continue;
        }
        // Inside or around a control already found: part of that control.
        if out.iter().any(|c| {
            c.ancestors().any(|a| a.id() == el.id()) || el.ancestors().any(|a| a.id() == c.id())
        }) {
            continue;
        }
        let folded = fold(&label_of(&el));
        // "Reply to Accept" (a name equal to a UI word) ends with an accept verb.
        if labels::is_reply_label(&folded)
            || labels::is_message_label(&folded)
            || labels::is_see_more(&folded)
        {
            continue;
        }
        let (accept, ignore) = labels::action_label_strength(&folded);
        if accept > 0 || ignore > 0 {
            out.push(el);
        }
    }
    crate::core::sort::sort_by_key(&mut out, |el| scan.place(*el).unwrap_or(usize::MAX));
    (out, found)
}

/// Whether a link's text is a web address the inviter wrote (LinkedIn links them in
/// text): content, unlike every other link of a card that is not the inviter's or the
/// page's (a control: Accept as an `<a>`, Message, "see all").
fn is_written_link(el: &ElementRef) -> bool {
    let text = visible_text(el);
    let t = text.trim();
    t.contains("://")
        || t.starts_with("www.")
        || attr(el.value(), "href").is_some_and(|h| h.contains("/redir/"))
}

/// (accept, ignore) among the action controls: labels when they say it, else LinkedIn's
/// order (Ignore first, Accept second, in both generations). Never the same control for
/// both: a label's leading verb outranks a trailing one (the name inside the label may end
/// in "Accept"), and a label that says both equally says neither.
fn accept_and_ignore<'a>(
    actions: &[ElementRef<'a>],
) -> (Option<ElementRef<'a>>, Option<ElementRef<'a>>) {
    let strengths: Vec<(u8, u8)> = actions
        .iter()
        .map(|a| labels::action_label_strength(&fold(&label_of(a))))
        .collect();
    // The control whose label says `want` most strongly, more strongly than the other verb.
    let best = |want: fn(&(u8, u8)) -> (u8, u8)| {
        strengths
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let (this, other) = want(s);
                this > other
            })
            .max_by_key(|(i, s)| (want(s).0, std::cmp::Reverse(*i)))
            .map(|(i, _)| i)
    };
    let accept = best(|&(a, i)| (a, i));
    let ignore = best(|&(a, i)| (i, a));
    let (accept, ignore) = match (accept, ignore, actions.len()) {
        (Some(a), None, 2) => (Some(a), Some(1 - a)),
        (None, Some(i), 2) => (Some(1 - i), Some(i)),
        (None, None, 2) => (Some(1), Some(0)),
        // A lone unlabelled action is the card's primary one (Accept / Follow / Subscribe).
        (None, None, 1) => (Some(0), None),
        (a, i, _) => (a, i),
    };
    debug_assert!(accept.is_none() || accept != ignore);
    (accept.map(|i| actions[i]), ignore.map(|i| actions[i]))
}

/// Other controls of the card: Reply, Message, see more/less. Returns them with their kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum OtherControl {
    Reply,
    Message,
    Toggle,
}

fn other_controls<'a>(
    scan: &Scan<'a>,
    actions: &[ElementRef<'a>],
) -> Vec<(ElementRef<'a>, OtherControl, String)> {
    let mut out = Vec::new();
    for &(_, el) in &scan.clickables {
        // The profile links are the inviter's photo and name, never a control: no need to
        // read and fold their labels.
        if actions.contains(&el) || scan.person_links.iter().any(|(_, a)| *a == el) {
            continue;
        }
        let label = label_of(&el);
        let folded = fold(&label);
        let kind = if labels::is_reply_label(&folded) {
            OtherControl::Reply
        } else if labels::is_see_more(&folded) {
            OtherControl::Toggle
        } else if labels::is_message_label(&folded)
            && !attr(el.value(), "href").is_some_and(|h| h.contains("/in/"))
        {
            OtherControl::Message
        } else {
            continue;
        };
        out.push((el, kind, label));
    }
    out
}

/// Walks the card's text in document order into lines, skipping controls and hidden text.
/// One pass: the open elements' stack says whether text is hidden and which block holds it.
fn lines<'a>(
    card: ElementRef<'a>,
    last_action: Option<ElementRef<'a>>,
    skip: &[ElementRef<'a>],
) -> Vec<Line<'a>> {
    let mut out: Vec<Line<'a>> = Vec::new();
    let mut passed = false;
    // Per open element below the card: (hides its text, is a block).
    let mut open: Vec<(bool, bool)> = Vec::new();
    let mut hiding = 0usize;
    let mut blocks: Vec<ElementRef<'a>> = Vec::new();
    for edge in card.traverse() {
        let (node, opening) = match edge {
            Edge::Open(node) => (node, true),
            Edge::Close(node) => (node, false),
        };
        if node.id() == card.id() {
            continue;
        }
        let piece: &str = if let Some(el) = ElementRef::wrap(node) {
            let name = el.value().name();
            if !opening {
                let (hides, block) = open.pop().unwrap_or((false, false));
                hiding -= usize::from(hides);
                if block {
                    blocks.pop();
                }
                continue;
            }
            if Some(el) == last_action {
                passed = true;
            }
            // `hidden`: not shown, so never a name, headline or note.
            let hides = is_not_content(name)
                || attr(el.value(), "role") == Some("button")
                || attr(el.value(), "hidden").is_some()
                || skip.contains(&el);
            let block = is_block(name);
            open.push((hides, block));
            hiding += usize::from(hides);
            if block {
                blocks.push(el);
            }
            if name != "br" || hiding > 0 {
                continue;
            }
            "\n"
        } else {
            match node.value().as_text() {
                Some(t) if opening && hiding == 0 => t,
                _ => continue,
            }
        };
        // Whitespace between elements (source formatting) only ever separates words.
        if piece != "\n" && piece.trim().is_empty() {
            if let Some(line) = out.last_mut().filter(|l| !l.text.ends_with(' ')) {
                line.text.push(' ');
            }
            continue;
        }
        // The innermost open block (a <br> is never one).
        let block = blocks.last().copied().unwrap_or(card);
        match out.last_mut() {
            Some(line) if line.block == block && line.after_actions == passed => {
                line.text.push_str(piece)
            }
            _ => {
                // Lines are short; one allocation for most of them.
                let mut text = String::with_capacity(piece.len().max(64));
                text.push_str(piece);
                out.push(Line {
                    block,
                    text,
                    after_actions: passed,
                })
            }
        }
    }
    out.retain(|l| !l.text.trim().is_empty());
    out
}

/// Which lines are the note (indices into `lines`): those of the block that holds the
/// "Reply to <first name>" control — the nearest ancestor of Reply with text that holds
/// neither the inviter's name nor an action, wherever LinkedIn puts it (after the actions,
/// or before them) — else every line after the actions.
fn note_lines(
    card: ElementRef,
    lines: &[Line],
    reply: Option<ElementRef>,
    actions: &[ElementRef],
    links: &[ElementRef],
) -> Vec<usize> {
    let within = |inner: ElementRef, outer: ElementRef| {
        inner == outer || inner.ancestors().any(|a| a.id() == outer.id())
    };
    let block = reply.and_then(|reply| {
        reply
            .ancestors()
            .take_while(|a| a.id() != card.id())
            .filter_map(ElementRef::wrap)
            .find(|a| lines.iter().any(|l| within(l.block, *a)))
            .filter(|a| !actions.iter().chain(links).any(|c| within(*c, *a)))
    });
    match block {
        Some(b) => (0..lines.len())
            .filter(|&i| within(lines[i].block, b))
            .collect(),
        None => (0..lines.len())
            .filter(|&i| lines[i].after_actions)
            .collect(),
    }
}

/// The note as written: lines kept, each trimmed and with inner runs of spaces collapsed
/// (as the browser shows them), toggles and a trailing "…see more" removed.
fn note_from(parts: &[String]) -> Option<String> {
    let mut lines: Vec<String> = Vec::new();
    for part in parts {
        let mut own: Vec<String> = part
            .split('\n')
            .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
            .collect();
        while own.first().is_some_and(String::is_empty) {
            own.remove(0);
        }
        while own.last().is_some_and(String::is_empty) {
            own.pop();
        }
        lines.extend(own);
    }
    lines.retain(|l| {
        // Chrome lines (a toggle, "Reply to Ana", a lone ellipsis) are a few words at most:
        // longer lines are the note, and need no folding to say so.
        if l.split_whitespace().nth(5).is_some() {
            return true;
        }
        let f = fold(l);
        !(labels::is_see_more(&f)
            || labels::is_reply_label(&f)
            || f.is_empty() && l.chars().all(|c| c == '…' || c == '.'))
    });
    if let Some(last) = lines.last_mut() {
        *last = labels::strip_see_more_tail(last).to_string();
    }
    while lines.last().is_some_and(|l| l.trim().is_empty()) {
        lines.pop();
    }
    let note = lines.join("\n");
    (!note.trim().is_empty()).then_some(note)
}

fn kind_from_href(href: &str) -> Option<InvitationKind> {
    if href.contains("/newsletters/") {
        Some(InvitationKind::Newsletter)
    } else if href.contains("/events/") {
        Some(InvitationKind::Event)
    } else if href.contains("/company/") || href.contains("/showcase/") || href.contains("/school/")
    {
        Some(InvitationKind::Page)
    } else {
        None
    }
}

/// Reads one card root of the given generation.
pub fn read_card_root(card: ElementRef, ui: UiGeneration) -> Result<Invitation, CardError> {
    let c = compiled();
    let scan = Scan::of(card, ui);
    let (actions, hooks) = action_controls(&scan);
    if actions.is_empty() {
        let looked_for: Vec<&str> = SELECTORS
            .iter()
            .filter(|s| s.role == Role::Action && s.ui == Some(ui))
            .map(|s| s.css)
            .collect();
        return Err(CardError::NoActions(looked_for.join(" | ")));
    }
    let last_action = actions.last().copied();
    // Before the last action in document order (and not inside it): a pre-order place
    // smaller than the action's.
    let last_place = last_action
        .and_then(|a| scan.place(a))
        .unwrap_or(usize::MAX);
    let before = |place: usize| place < last_place;
    let (accept, ignore) = accept_and_ignore(&actions);
    let others = other_controls(&scan, &actions);

    // Legacy notes live in their own container, before the buttons.
    let legacy_note = if ui == UiGeneration::Legacy {
        card.select(&c.first(Role::LegacyNote).sel).next()
    } else {
        None
    };
    // Text inside controls is chrome, never content: every button (`lines` skips them),
    // and every link that is neither the inviter's, nor the page's, nor a web address the
    // inviter wrote (the follows-you Accept is an <a>, issue #12).
    let mut skip: Vec<ElementRef> = others.iter().map(|(e, _, _)| *e).collect();
    skip.extend(actions.iter().copied());
    skip.extend(scan.clickables.iter().map(|(_, e)| *e).filter(|e| {
        is_named(e, &["a"])
            && !scan.person_links.iter().any(|(_, a)| a == e)
            && !scan.entity_links.iter().any(|(_, a)| a == e)
            && !is_written_link(e)
    }));
    skip.extend(legacy_note);
    let all_lines = lines(card, last_action, &skip);
    let reply_el = others
        .iter()
        .find(|(_, k, _)| *k == OtherControl::Reply)
        .map(|(e, _, _)| *e);
    let links: Vec<ElementRef> = scan
        .person_links
        .iter()
        .chain(&scan.entity_links)
        .map(|(_, a)| *a)
        .collect();
    let in_note = note_lines(card, &all_lines, reply_el, &actions, &links);
    let head: Vec<&Line> = all_lines
        .iter()
        .enumerate()
        .filter(|(i, l)| !l.after_actions && !in_note.contains(i))
        .map(|(_, l)| l)
        .collect();
    // Each head line folded and classified once: (as shown, folded, what it says).
    let head_text: Vec<(String, String, LineKind)> = head
        .iter()
        .map(|l| {
            let shown = l.squashed();
            let folded = fold(&shown);
            let class = labels::line_kind(&folded);
            (shown, folded, class)
        })
        .collect();

    // Kind: structure (what the links point to, before the actions), then the kind line.
    let entity_links: Vec<ElementRef> = scan
        .entity_links
        .iter()
        .filter(|(place, _)| before(*place))
        .map(|(_, a)| *a)
        .collect();
    let entity_link = entity_links.first().copied();
    let head_kind = head_text.iter().find_map(|(_, _, c)| match c {
        LineKind::Kind(k) => Some(*k),
        _ => None,
    });
    let kind = entity_link
        .and_then(|a| attr(a.value(), "href").and_then(kind_from_href))
        .or(head_kind)
        .unwrap_or(InvitationKind::Person);

    let strong = &c.first(Role::Name).sel;
    let person_links: Vec<ElementRef> = scan
        .person_links
        .iter()
        .filter(|(place, a)| {
            before(*place) && profile_url(attr(a.value(), "href").unwrap_or("")).is_some()
        })
        .map(|(_, a)| *a)
        .collect();

    let (name, name_el, profile) = if kind == InvitationKind::Person {
        let legacy_title = if ui == UiGeneration::Legacy {
            card.select(&c.first(Role::LegacyTitle).sel)
                .next()
                .map(|t| (squash_whitespace(&visible_text(&t)), t))
        } else {
            None
        };
        let from_strong = person_links.iter().find_map(|a| {
            a.select(strong)
                .map(|s| (squash_whitespace(&visible_text(&s)), s))
                .find(|(n, _)| !n.is_empty())
                .map(|(n, s)| (n, s, *a))
        });
        let from_text = || {
            person_links.iter().find_map(|a| {
                let t = squash_whitespace(&visible_text(a));
                let f = fold(&t);
                let plausible = !t.is_empty()
                    && t.chars().count() <= 100
                    && !labels::is_connect_line(&f)
                    && !labels::is_mutual_line(&f)
                    && !labels::is_message_label(&f);
                plausible.then_some((t, *a, *a))
            })
        };
        let found = match legacy_title.filter(|(n, _)| !n.is_empty()) {
            Some((n, t)) => person_links.first().map(|a| (n, t, *a)),
            None => from_strong.or_else(from_text),
        };
        let (name, el, link) = found.ok_or(CardError::NoInviter)?;
        (name, el, attr(link.value(), "href").and_then(profile_url))
    } else {
        let named = entity_links.iter().find_map(|a| {
            let from_strong = a
                .select(strong)
                .map(|s| (squash_whitespace(&visible_text(&s)), s))
                .find(|(n, _)| !n.is_empty());
            from_strong.or_else(|| {
                Some((squash_whitespace(&visible_text(a)), *a)).filter(|(n, _)| !n.is_empty())
            })
        });
        let named = named.or_else(|| {
            // Legacy page invitations: the title names the page.
            card.select(&c.first(Role::LegacyTitle).sel)
                .next()
                .map(|t| (squash_whitespace(&visible_text(&t)), t))
                .filter(|(n, _)| !n.is_empty())
        });
        let (name, el) = named.ok_or(CardError::NoEntityName(kind))?;
        (name, el, None)
    };

    // The line holding the name, then the classified lines around it.
    let name_line = head
        .iter()
        .position(|l| name_el.ancestors().any(|a| a.id() == l.block.id()) || l.block == name_el);
    let follows_you = head_text.iter().any(|(_, _, c)| *c == LineKind::FollowsYou);
    let legacy_mutual = if ui == UiGeneration::Legacy {
        card.select(&c.first(Role::LegacyMutual).sel).next()
    } else {
        None
    };
    let mutual_connections = match legacy_mutual {
        Some(m) => {
            let t = squash_whitespace(&visible_text(&m));
            let folded = fold(&t);
            if labels::is_mutual_line(&folded) {
                labels::mutual_count_folded(&t, &folded)
            } else {
                0
            }
        }
        None => head_text
            .iter()
            .find(|(_, _, c)| *c == LineKind::Mutual)
            .map_or(0, |(t, f, _)| labels::mutual_count_folded(t, f)),
    };
    let legacy_subtitle = if ui == UiGeneration::Legacy {
        card.select(&c.first(Role::LegacySubtitle).sel).next()
    } else {
        None
    };
    // A line classified `Other` announces no kind already; the legacy subtitle is checked.
    let headline = match legacy_subtitle {
        Some(s) => Some(squash_whitespace(&visible_text(&s)))
            .filter(|h| labels::kind_of_line(&fold(h)).is_none()),
        None => name_line.and_then(|start| {
            head_text
                .iter()
                .skip(start + 1)
                .find(|(t, _, c)| *c == LineKind::Other && *t != name)
                .map(|(t, _, _)| t.clone())
        }),
    }
    .filter(|h| !h.is_empty() && kind == InvitationKind::Person);

    let note = if kind != InvitationKind::Person {
        None
    } else if let Some(container) = legacy_note {
        let line_sel = &c.first(Role::LegacyNoteLine).sel;
        let spans: Vec<String> = container.select(line_sel).map(|s| note_text(&s)).collect();
        if spans.is_empty() {
            note_from(&[note_text(&container)])
        } else {
            note_from(&spans)
        }
    } else {
        let parts: Vec<String> = in_note.iter().map(|&i| all_lines[i].text.clone()).collect();
        note_from(&parts)
    };

    let reply = others.iter().find(|(_, k, _)| *k == OtherControl::Reply);
    let message = others.iter().find(|(_, k, _)| *k == OtherControl::Message);
    let reply_target = reply.and_then(|(_, _, label)| labels::reply_target(label));
    let first_name = if kind == InvitationKind::Person {
        first_name(&name, reply_target.as_deref())
    } else {
        name.clone()
    };

    let invitation_urn = attr(card.value(), "componentkey")
        .or_else(|| attr(card.value(), "data-invitation-urn"))
        .filter(|k| k.starts_with("urn:li:invitation:"))
        .map(str::to_string);

    let known = Known {
        hooks,
        clickables: &scan.clickables,
    };
    Ok(Invitation {
        kind,
        ui,
        name,
        first_name,
        profile_url: if kind == InvitationKind::Person {
            profile
        } else {
            None
        },
        invitation_urn,
        company: headline.as_deref().and_then(labels::company_from_headline),
        headline,
        note,
        mutual_connections,
        follows_you,
        controls: Controls {
            accept: accept.and_then(|a| locate(card, a, &known)),
            ignore: ignore.and_then(|i| locate(card, i, &known)),
            reply: reply.and_then(|(e, _, _)| locate(card, *e, &known)),
            message: message.and_then(|(e, _, _)| locate(card, *e, &known)),
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_urls_are_normalised() {
        let cases = [
            (
                "https://www.linkedin.com/in/ana-souza-12ab/?miniProfileUrn=x#y",
                Some("https://www.linkedin.com/in/ana-souza-12ab/"),
            ),
            ("/in/bo", Some("https://www.linkedin.com/in/bo/")),
            (
                "https://fr.linkedin.com/in/zoé-martin",
                Some("https://www.linkedin.com/in/zoé-martin/"),
            ),
            ("/in/", None),
            ("/company/acme/", None),
        ];
        for (href, want) in cases {
            assert_eq!(profile_url(href).as_deref(), want, "{href}");
        }
    }

    #[test]
    fn first_names() {
        assert_eq!(first_name("Ana Souza", None), "Ana");
        assert_eq!(first_name("Dr. Jane Doe", None), "Jane");
        assert_eq!(first_name("🚀 Max Power", None), "Max");
        assert_eq!(first_name("Mary Ann Lee", Some("Mary Ann")), "Mary Ann");
        assert_eq!(first_name("Ana Souza", Some("Bob")), "Ana");
        assert_eq!(first_name("محمد علي", None), "محمد");
    }
}
