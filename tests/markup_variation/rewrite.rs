//! Re-serialises a page from html5ever's tree with edits: per element (drop, unwrap,
//! retag, new attributes, raw HTML around or inside, children reordered) and per text node.

use scraper::node::Node;
use scraper::{ElementRef, Html};
use std::fmt::Write as _;

/// How one element is rewritten (the default keeps it as it is).
#[derive(Default)]
pub struct Edit {
    /// Leave the element and everything in it out.
    pub drop: bool,
    /// Leave the element's own tags out, keep its content.
    pub unwrap: bool,
    pub tag: Option<String>,
    /// The element's attributes, replaced.
    pub attrs: Option<Vec<(String, String)>>,
    /// Raw HTML right before / after the element, and right inside its tags.
    pub before: String,
    pub after: String,
    pub open: String,
    pub close: String,
    /// The element's children, in this order (indices into its child nodes).
    pub order: Option<Vec<usize>>,
}

pub type ElementFn<'f> = &'f dyn Fn(ElementRef) -> Edit;
pub type TextFn<'f> = &'f dyn Fn(&str, ElementRef) -> Option<String>;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track",
    "wbr",
];

pub fn escape_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('\u{a0}', "&nbsp;")
}

pub fn escape_attr(s: &str) -> String {
    s.replace('&', "&amp;").replace('"', "&quot;")
}

/// The page re-serialised with `element` and `text` edits (text edits return raw HTML).
pub fn rewrite(html: &str, element: ElementFn, text: TextFn) -> String {
    let doc = Html::parse_document(html);
    let mut out = String::with_capacity(html.len() + html.len() / 4);
    for child in doc.tree.root().children() {
        write_node(child, element, text, &mut out);
    }
    out
}

fn write_node(node: ego_tree::NodeRef<Node>, element: ElementFn, text: TextFn, out: &mut String) {
    match node.value() {
        Node::Doctype(_) => out.push_str("<!DOCTYPE html>\n"),
        Node::Comment(c) => {
            let _ = write!(out, "<!--{}-->", &**c);
        }
        Node::Text(t) => {
            let parent = node.parent().and_then(ElementRef::wrap);
            let raw = parent.is_some_and(|p| {
                matches!(
                    p.value().name(),
                    "script" | "style" | "noscript" | "xmp" | "iframe" | "noembed"
                )
            });
            match parent.and_then(|p| text(t, p)) {
                Some(replaced) => out.push_str(&replaced),
                None if raw => out.push_str(t),
                None => out.push_str(&escape_text(t)),
            }
        }
        Node::Element(el) => {
            let er = ElementRef::wrap(node).expect("an element node");
            let edit = element(er);
            if edit.drop {
                out.push_str(&edit.before);
                out.push_str(&edit.after);
                return;
            }
            out.push_str(&edit.before);
            let name = edit.tag.clone().unwrap_or_else(|| el.name().to_string());
            if !edit.unwrap {
                out.push('<');
                out.push_str(&name);
                let attrs: Vec<(String, String)> = edit.attrs.clone().unwrap_or_else(|| {
                    el.attrs()
                        .map(|(n, v)| (n.to_string(), v.to_string()))
                        .collect()
                });
                for (n, v) in attrs {
                    let _ = write!(out, " {n}=\"{}\"", escape_attr(&v));
                }
                out.push('>');
            }
            out.push_str(&edit.open);
            let children: Vec<_> = node.children().collect();
            let order: Vec<usize> = edit
                .order
                .clone()
                .unwrap_or_else(|| (0..children.len()).collect());
            // <template> content lives in a fragment of its own in html5ever's tree.
            for i in order {
                write_node(children[i], element, text, out);
            }
            out.push_str(&edit.close);
            if !edit.unwrap && !VOID.contains(&name.as_str()) {
                let _ = write!(out, "</{name}>");
            }
            out.push_str(&edit.after);
        }
        _ => {
            for child in node.children() {
                write_node(child, element, text, out);
            }
        }
    }
}
