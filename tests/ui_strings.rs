//! No user-visible string is written outside the message catalogue (issue #14 §6): every
//! place our code puts text in front of the user (the content script's `el(…, text)`,
//! `.textContent =`, visible attributes; the Rust pages' `text_el`, `link`,
//! `set_text_content`, visible attributes; the HTML pages' own text) is given a catalogue
//! lookup (`t(…)`, `word(…)`, `say(…)`, `chrome.i18n.getMessage(…)`), data (names, numbers, the user's words) or
//! symbols — never words written in the code. The one word allowed is the product's name.

use std::path::{Path, PathBuf};

mod source_scan;
use source_scan::{call_args, uncommented};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");
/// Words that are the same in every language.
const NAMES: &[&str] = &["AskFirst"];
/// Attributes the user reads or hears.
const VISIBLE_ATTRIBUTES: &[&str] = &[
    "aria-label",
    "title",
    "placeholder",
    "alt",
    "aria-description",
];

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(Path::new(ROOT).join(dir))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().and_then(|e| e.to_str()) == Some(ext))
        .collect();
    out.sort();
    out
}

/// The expression with every catalogue lookup (`t(…)`, `word(…)`, `say(…)`) taken out:
/// the keys inside are not words shown.
fn without_lookups(expr: &str) -> String {
    let mut out = String::new();
    let mut rest = expr;
    'outer: while !rest.is_empty() {
        for name in ["t(", "word(", "say(", "getMessage("] {
            if let Some(after) = rest.strip_prefix(name) {
                let before = out.chars().next_back();
                let method = name == "getMessage(";
                if method || !before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                    // Past the call's closing parenthesis.
                    let mut depth = 1;
                    let mut end = 0;
                    for (i, c) in after.char_indices() {
                        match c {
                            '(' => depth += 1,
                            ')' => {
                                depth -= 1;
                                if depth == 0 {
                                    end = i + 1;
                                    break;
                                }
                            }
                            _ => {}
                        }
                    }
                    out.push_str("LOOKUP");
                    rest = &after[end.max(1).min(after.len())..];
                    continue 'outer;
                }
            }
        }
        let c = rest.chars().next().unwrap();
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The words written in the code that `expr` would show: its string literals' letters
/// (template literals without their `${…}`, Rust format strings without their `{…}`).
fn written_words(expr: &str) -> Vec<String> {
    let expr = without_lookups(expr);
    let mut out = Vec::new();
    let chars: Vec<char> = expr.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        let q = chars[i];
        if q == '\'' || q == '"' || q == '`' {
            // A Rust char literal or lifetime is not text ('a', '\n'): skip short ones.
            let mut j = i + 1;
            let mut lit = String::new();
            let mut depth = 0;
            while j < chars.len() && !(chars[j] == q && chars[j - 1] != '\\') {
                let c = chars[j];
                if (q == '`' && c == '$' && chars.get(j + 1) == Some(&'{'))
                    || (q == '"' && c == '{')
                {
                    depth += 1;
                } else if c == '}' && depth > 0 {
                    depth -= 1;
                } else if depth == 0 {
                    lit.push(c);
                }
                j += 1;
            }
            // Escapes (`\n`) are not letters.
            let mut unescaped = String::new();
            let mut esc = false;
            for c in lit.chars() {
                if esc {
                    esc = false;
                } else if c == '\\' {
                    esc = true;
                } else {
                    unescaped.push(c);
                }
            }
            let words: String = unescaped
                .chars()
                .filter(|c| c.is_alphabetic() || *c == ' ')
                .collect();
            let words = words.trim().to_string();
            if words.chars().any(char::is_alphabetic) && !NAMES.contains(&lit.trim()) {
                out.push(lit);
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }
    out
}

/// Every text a sink is given in `src`, with where.
fn sink_texts(src: &str, name: &str, rust: bool) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let line = |i: usize| format!("{name}:{}", src[..i].lines().count());
    let mut call = |marker: &str, arg: usize| {
        for (i, _) in src.match_indices(marker) {
            let before = src[..i].chars().next_back();
            // `el(`, not `label(` or `x.el(`; `set_attribute(` is a method.
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                && !marker.starts_with("set")
            {
                continue;
            }
            if src[..i].ends_with("fn ") || src[..i].ends_with("function ") {
                continue;
            }
            let args = call_args(src, i + marker.len());
            if let Some(a) = args.get(arg) {
                out.push((line(i), a.to_string()));
            }
        }
    };
    if rust {
        call("text_el(", 2);
        call("link(", 0);
        call("set_text_content(Some(", 0);
        for attr in VISIBLE_ATTRIBUTES {
            call(&format!("set_attribute(\"{attr}\", "), 0);
        }
    } else {
        call("el(", 2);
        for attr in VISIBLE_ATTRIBUTES {
            call(&format!("setAttribute('{attr}', "), 0);
        }
        // `x.textContent = …;` and `{ 'aria-label': …, title: … }` in el()'s attributes.
        for marker in [
            ".textContent = ",
            ".textContent += ",
            ".title = ",
            ".placeholder = ",
        ] {
            for (i, _) in src.match_indices(marker) {
                let rest = &src[i + marker.len()..];
                let end = rest.find([';', '\n']).unwrap_or(rest.len());
                out.push((line(i), rest[..end].to_string()));
            }
        }
        for attr in VISIBLE_ATTRIBUTES {
            for key in [format!("'{attr}': "), format!("{attr}: ")] {
                for (i, _) in src.match_indices(key.as_str()) {
                    let before = src[..i].chars().next_back();
                    if before.is_some_and(|c| c.is_alphanumeric() || c == '-' || c == '_') {
                        continue;
                    }
                    let args = call_args(src, i + key.len());
                    if let Some(a) = args.first() {
                        out.push((line(i), a.to_string()));
                    }
                }
            }
        }
    }
    out
}

fn violations() -> Vec<String> {
    let mut sources: Vec<(PathBuf, bool)> = files("src/ext/ui", "rs")
        .into_iter()
        .map(|p| (p, true))
        .collect();
    sources.extend(
        files("extension/content", "js")
            .into_iter()
            .map(|p| (p, false)),
    );
    sources.extend(files("extension", "js").into_iter().map(|p| (p, false)));
    let mut out = Vec::new();
    for (path, rust) in sources {
        let src = uncommented(&std::fs::read_to_string(&path).unwrap());
        let src = &src[..src.find("#[cfg(test)]").unwrap_or(src.len())];
        let name = path.strip_prefix(ROOT).unwrap().display().to_string();
        for (at, expr) in sink_texts(src, &name, rust) {
            for w in written_words(&expr) {
                out.push(format!(
                    "{at}: {w:?} is shown without the catalogue (in {expr})"
                ));
            }
        }
    }
    // The HTML pages: every element's own text is translated (data-i18n).
    for path in files("extension", "html") {
        let src = std::fs::read_to_string(&path).unwrap();
        let name = path.strip_prefix(ROOT).unwrap().display().to_string();
        for (i, _) in src.match_indices('>') {
            let text = &src[i + 1..];
            let text = &text[..text.find('<').unwrap_or(0)];
            if !text.chars().any(char::is_alphabetic) || NAMES.contains(&text.trim()) {
                continue;
            }
            let open = &src[src[..i].rfind('<').unwrap_or(0)..i];
            if !open.contains("data-i18n=") {
                out.push(format!("{name}: {:?} has no data-i18n", text.trim()));
            }
        }
    }
    out
}

#[test]
fn no_user_visible_string_is_written_outside_the_catalogue() {
    let v = violations();
    assert!(v.is_empty(), "{}", v.join("\n"));
}

#[test]
fn the_scan_finds_what_it_looks_for() {
    // Written words, and what is not: lookups, data, symbols, the product's name.
    let js = "x.textContent = 'Copied!';\nel('p', null, `Hi ${name}`);\nel('p', { 'aria-label': 'Close' }, t('promptClose'));\n\
              b.textContent = t(ok ? 'promptCopied' : 'promptCopyRefused');\nt.textContent = a.reasons.map((r) => `• ${word(r)}`).join('\\n');\n\
              el('span', { class: 'm' }, 'AskFirst');\nb.setAttribute('title', 'Reply ' + who);\n";
    let found: Vec<String> = sink_texts(js, "x.js", false)
        .into_iter()
        .flat_map(|(_, e)| written_words(&e))
        .collect();
    let mut found = found;
    found.sort();
    assert_eq!(found, ["Close", "Copied!", "Hi ", "Reply "], "{found:?}");
    let rs = "append(&li, &[&text_el(\"span\", \"name\", &f.name)]);\nlet b = text_el(\"button\", \"\", \"Save\");\n\
              p.set_text_content(Some(&format!(\"{} of {}\", a, b)));\nlet x = text_el(\"h2\", \"\", &t(\"flaggedHeading\", &[&n]));\n";
    let found: Vec<String> = sink_texts(rs, "x.rs", true)
        .into_iter()
        .flat_map(|(_, e)| written_words(&e))
        .collect();
    assert_eq!(found, ["Save", " of "], "{found:?}");
}
