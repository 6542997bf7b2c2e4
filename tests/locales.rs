//! The extension's strings (extension/_locales): the seven reply languages and every other
//! catalogue have every message with the same placeholders; every key any code asks for
//! (the Rust pages, the content script, the background, the HTML pages, the manifest)
//! exists, with as many substitutions as its placeholders; and no message is left that no
//! code uses. A missing key shows the user an empty string (or the key itself); a missing
//! placeholder shows "$p1$"; an unused message is a translation nobody sees.

use askfirst::core::lang::Lang;
use askfirst::core::note::ReasonKind;
use askfirst::core::plan::PlanKind;
use askfirst::core::protocol::{self, PageState};
use askfirst::core::said::{lang_name, Catalogue, Param, Said};
use askfirst::core::triage::Engine;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

mod source_scan;
use source_scan::{call_args, uncommented};

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn messages(lang: &str) -> BTreeMap<String, serde_json::Value> {
    let path = format!("{ROOT}/extension/_locales/{lang}/messages.json");
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

fn languages() -> Vec<String> {
    let mut langs: Vec<String> = std::fs::read_dir(format!("{ROOT}/extension/_locales"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    langs.sort();
    langs
}

fn placeholders(m: &serde_json::Value) -> BTreeSet<String> {
    let text = m["message"].as_str().unwrap_or_default();
    let mut out = BTreeSet::new();
    let mut rest = text;
    while let Some(i) = rest.find('$') {
        rest = &rest[i + 1..];
        if let Some(j) = rest.find('$') {
            let name = &rest[..j];
            if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
                out.insert(name.to_lowercase());
                rest = &rest[j + 1..];
            }
        }
    }
    out
}

/// How many substitutions a message takes: the highest `$N` its placeholders refer to.
fn arity(m: &serde_json::Value) -> usize {
    let Some(ps) = m.get("placeholders").and_then(|p| p.as_object()) else {
        return 0;
    };
    ps.values()
        .filter_map(|p| p["content"].as_str())
        .filter_map(|c| c.strip_prefix('$').and_then(|n| n.parse::<usize>().ok()))
        .max()
        .unwrap_or(0)
}

fn files(dir: &str, ext: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![Path::new(ROOT).join(dir)];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().and_then(|e| e.to_str()) == Some(ext) {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Elements of an array literal (`[a, b]`, `&[a, b]`), None when it is not one.
fn array_len(arg: &str) -> Option<usize> {
    let inner = arg.trim_start_matches('&').trim();
    let inner = inner.strip_prefix("vec!").unwrap_or(inner);
    let inner = inner.strip_prefix('[')?;
    let items = call_args(inner, 0);
    Some(items.iter().filter(|s| !s.is_empty()).count())
}

/// One use of the catalogue found in the code: the key (or, for a key made at run time,
/// its prefix), how many substitutions it is given when that can be told, and where.
#[derive(Debug)]
struct Use {
    key: String,
    prefix: bool,
    subs: Option<usize>,
    at: String,
}

/// Names of the browser's APIs written in camelCase in the Rust pages: not keys.
const API_NAMES: &[&str] = &[
    "getManifest",
    "getMessage",
    "sendMessage",
    "currentWindow",
    "openOptionsPage",
];

/// Every use of the catalogue: `t(…)` calls of the Rust pages and of the extension's
/// scripts (the content script, background, pages), the keys the Rust pages hand to their
/// helpers (`field(…, "fieldMyName", …)`: every camelCase string literal there is a key,
/// but for the browser API names in `API_NAMES`), `getMessage(…)`, `data-i18n="…"` of the
/// HTML pages and `__MSG_…__` of the manifest.
fn uses() -> Vec<Use> {
    let mut out = Vec::new();
    let ui = files("src/ext/ui", "rs");
    let mut sources: Vec<PathBuf> = ui.clone();
    sources.extend(files("extension", "js"));
    sources.extend(files("extension", "html"));
    sources.push(Path::new(ROOT).join("manifest.json"));
    let mut engine_sources = files("src/core", "rs");
    engine_sources.push(Path::new(ROOT).join("src/ext/router.rs"));
    for path in engine_sources {
        let src = uncommented(&std::fs::read_to_string(&path).unwrap());
        // Not the unit tests' made-up codes.
        let src = &src[..src.find("#[cfg(test)]").unwrap_or(src.len())];
        let name = path.strip_prefix(ROOT).unwrap().display().to_string();
        // What the engine says: `Said::of("code")`, `Said::with("code", vec![…])`.
        for marker in ["Said::of(", "Said::with("] {
            for (i, _) in src.match_indices(marker) {
                let args = call_args(src, i + marker.len());
                let Some(key) = args
                    .first()
                    .and_then(|a| a.strip_prefix('"'))
                    .and_then(|a| a.strip_suffix('"'))
                else {
                    continue; // a code chosen at run time: see `engine_codes`
                };
                let subs = match args.get(1) {
                    None => Some(0),
                    Some(a) => array_len(a),
                };
                let at = format!("{name}:{}", src[..i].lines().count());
                out.push(Use {
                    key: key.to_string(),
                    prefix: false,
                    subs,
                    at,
                });
            }
        }
    }
    for path in sources {
        let src = uncommented(&std::fs::read_to_string(&path).unwrap());
        let name = path.strip_prefix(ROOT).unwrap().display().to_string();
        let line = |i: usize| format!("{name}:{}", src[..i].lines().count());
        for marker in ["t(", "getMessage("] {
            for (i, _) in src.match_indices(marker) {
                let before = src[..i].chars().next_back();
                if marker == "t("
                    && before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.')
                {
                    continue;
                }
                let args = call_args(&src, i + marker.len());
                let Some(first) = args.first() else { continue };
                let subs = match args.get(1) {
                    None => Some(0),
                    Some(a) => array_len(a),
                };
                // `t("key"`, `t('key'`, `t(ok ? 'one' : 'other')`: every quoted word;
                // `t(&format!("lang_{}", …))` and `t('reason_' + code)`: a prefix.
                let first = first.trim_start_matches('&');
                if let Some(fmt) = first.strip_prefix("format!(\"") {
                    let prefix = &fmt[..fmt.find('{').unwrap_or(0)];
                    out.push(Use {
                        key: prefix.to_string(),
                        prefix: true,
                        subs,
                        at: line(i),
                    });
                    continue;
                }
                let concatenated = first.contains('+');
                for q in ['\'', '"'] {
                    for (n, part) in first.split(q).enumerate() {
                        if n % 2 == 1 && is_word(part) {
                            out.push(Use {
                                key: part.to_string(),
                                prefix: concatenated,
                                subs,
                                at: line(i),
                            });
                        }
                    }
                }
            }
        }
        // A message the content script makes like the engine's: `{ code: 'promptClose' }`.
        for (i, _) in src.match_indices("code: '") {
            let rest = &src[i + 7..];
            let key = &rest[..rest.find('\'').unwrap_or(0)];
            // (not an error code: those are kebab-case, "engine-down")
            if is_word(key) {
                out.push(Use {
                    key: key.to_string(),
                    prefix: false,
                    subs: Some(0),
                    at: line(i),
                });
            }
        }
        if ui.contains(&path) {
            for (n, part) in src.split('"').enumerate() {
                let camel = part.starts_with(|c: char| c.is_ascii_lowercase())
                    && part.chars().any(|c| c.is_ascii_uppercase())
                    && part.chars().all(|c| c.is_ascii_alphanumeric());
                if n % 2 == 1 && camel && !API_NAMES.contains(&part) {
                    out.push(Use {
                        key: part.to_string(),
                        prefix: false,
                        subs: None,
                        at: name.clone(),
                    });
                }
            }
        }
        for (open, close) in [("data-i18n=\"", "\""), ("__MSG_", "__")] {
            for (i, _) in src.match_indices(open) {
                let rest = &src[i + open.len()..];
                let key = &rest[..rest.find(close).unwrap_or(0)];
                out.push(Use {
                    key: key.to_string(),
                    prefix: false,
                    subs: Some(0),
                    at: line(i),
                });
            }
        }
    }
    out
}

fn is_word(s: &str) -> bool {
    !s.is_empty() && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// Keys made at run time, by prefix: every key each one makes. A new family fails
/// `every_key_any_code_uses_exists_with_its_substitutions` until it is listed here.
fn families() -> BTreeMap<&'static str, Vec<String>> {
    let mut out = BTreeMap::new();
    out.insert(
        "lang_",
        Lang::REPLY
            .iter()
            .map(|l| format!("lang_{}", l.code()))
            .collect(),
    );
    out
}

/// Every code the engine makes from an enum (a code chosen at run time, not written at a
/// `Said::of("…")`), and every code it said of every fixture page, nested ones included.
fn engine_codes() -> Vec<Said> {
    let mut out: Vec<Said> = Vec::new();
    out.extend(Lang::ALL.iter().map(|&l| lang_name(l)));
    out.extend(ReasonKind::ALL.iter().map(|k| k.label()));
    out.extend(PlanKind::ALL.iter().map(|&p| protocol::plan_label(p)));
    for state in [
        PageState::Active,
        PageState::Empty,
        PageState::Idle,
        PageState::Unreadable,
        PageState::EngineError,
    ] {
        out.push(Said::of(state.toolbar().1));
    }
    let engine = Engine::default();
    for page in files("tests/fixtures/linkedin", "html") {
        let (triaged, _) = engine.triage_page(&std::fs::read_to_string(&page).unwrap());
        for t in triaged {
            out.extend(t.reasons);
            out.extend(t.warnings);
            out.push(t.summary);
        }
    }
    out
}

/// `said` and every message inside it.
fn walk(said: &Said, into: &mut Vec<Said>) {
    into.push(said.clone());
    for p in &said.params {
        match p {
            Param::Text(_) => {}
            Param::Said(s) => walk(s, into),
            Param::List(l) => l.iter().for_each(|s| walk(s, into)),
        }
    }
}

#[test]
fn every_code_the_engine_says_is_worded_in_every_language() {
    let mut all = Vec::new();
    for s in engine_codes() {
        walk(&s, &mut all);
    }
    assert!(all.len() > 100, "{}", all.len());
    let mut problems = BTreeSet::new();
    for lang in languages() {
        let m = messages(&lang);
        let words = Catalogue::from_json(
            &std::fs::read_to_string(format!("{ROOT}/extension/_locales/{lang}/messages.json"))
                .unwrap(),
        )
        .unwrap();
        for s in &all {
            match m.get(s.code) {
                None => {
                    problems.insert(format!("{lang}: no message {}", s.code));
                }
                Some(msg) if arity(msg) != s.params.len() => {
                    problems.insert(format!(
                        "{lang}: {} said with {} parameters, its message takes {}",
                        s.code,
                        s.params.len(),
                        arity(msg)
                    ));
                }
                Some(_) => {
                    let text = words.word(s);
                    if text.trim().is_empty()
                        || text.contains('$')
                            && !s
                                .params
                                .iter()
                                .any(|p| matches!(p, Param::Text(t) if t.contains('$')))
                    {
                        problems.insert(format!("{lang}: {} worded {text:?}", s.code));
                    }
                }
            }
        }
    }
    assert!(
        problems.is_empty(),
        "{}",
        problems.into_iter().collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn the_seven_reply_languages_have_a_catalogue() {
    let langs = languages();
    for lang in Lang::REPLY {
        assert!(
            langs.iter().any(|l| l == lang.code()),
            "no catalogue for {}: {langs:?}",
            lang.code()
        );
    }
}

#[test]
fn every_language_has_every_message_with_its_placeholders() {
    let langs = languages();
    assert!(langs.len() >= 7, "{langs:?}");
    let en = messages("en");
    for lang in &langs {
        let other = messages(lang);
        let missing: Vec<_> = en.keys().filter(|k| !other.contains_key(*k)).collect();
        let extra: Vec<_> = other.keys().filter(|k| !en.contains_key(*k)).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{lang}: missing {missing:?}, extra {extra:?}"
        );
        for (key, m) in &en {
            assert!(
                other[key]["message"]
                    .as_str()
                    .is_some_and(|s| !s.trim().is_empty()),
                "{lang}: {key} is empty"
            );
            assert_eq!(placeholders(&other[key]), placeholders(m), "{lang}: {key}");
            assert_eq!(arity(&other[key]), arity(m), "{lang}: {key}");
            for p in placeholders(m) {
                assert!(
                    other[key]["placeholders"].get(&p).is_some(),
                    "{lang}: {key} uses ${p}$ without declaring it"
                );
            }
        }
    }
}

#[test]
fn every_key_any_code_uses_exists_with_its_substitutions() {
    let en = messages("en");
    let families = families();
    let uses = uses();
    assert!(uses.len() > 100, "{uses:?}");
    let mut problems = Vec::new();
    for u in &uses {
        if u.prefix {
            match families.get(u.key.as_str()) {
                None => problems.push(format!(
                    "{}: keys made at run time from {:?}: list them in families()",
                    u.at, u.key
                )),
                Some(keys) => {
                    for k in keys.iter().filter(|k| !en.contains_key(*k)) {
                        problems.push(format!(
                            "{}: {k} (made from {:?}) has no message",
                            u.at, u.key
                        ));
                    }
                }
            }
            continue;
        }
        match en.get(&u.key) {
            None => problems.push(format!("{}: {:?} has no message", u.at, u.key)),
            Some(m) => {
                if let Some(n) = u.subs {
                    if n != arity(m) {
                        problems.push(format!(
                            "{}: {:?} given {n} substitutions, its message takes {}",
                            u.at,
                            u.key,
                            arity(m)
                        ));
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_message_is_used_by_some_code() {
    let en = messages("en");
    let families = families();
    let mut used: BTreeSet<String> = BTreeSet::new();
    for u in uses() {
        if u.prefix {
            used.extend(families.get(u.key.as_str()).into_iter().flatten().cloned());
        } else {
            used.insert(u.key);
        }
    }
    for s in engine_codes() {
        let mut all = Vec::new();
        walk(&s, &mut all);
        used.extend(all.into_iter().map(|s| s.code.to_string()));
    }
    // A key the Rust pages hand to a helper in one word ("imported", "wiped"): any string
    // literal there that is a key.
    for path in files("src/ext/ui", "rs") {
        let src = uncommented(&std::fs::read_to_string(&path).unwrap());
        for (n, part) in src.split('"').enumerate() {
            if n % 2 == 1 && en.contains_key(part) {
                used.insert(part.to_string());
            }
        }
    }
    let unused: Vec<_> = en.keys().filter(|k| !used.contains(*k)).collect();
    assert!(unused.is_empty(), "messages no code uses: {unused:?}");
}

#[test]
fn the_scanner_sees_what_it_is_meant_to() {
    // The parts the tests above rely on, on known input.
    assert_eq!(
        call_args("\"a\", &[&x, &y.to_string()]) + 1", 0),
        ["\"a\"", "&[&x, &y.to_string()]"]
    );
    assert_eq!(array_len("&[&x, &f(a, b)]"), Some(2));
    assert_eq!(array_len("[answer.length, answer.limit]"), Some(2));
    assert_eq!(array_len("&[]"), Some(0));
    assert_eq!(array_len("subs"), None);
    let uses = uses();
    for key in [
        "promptCopied",
        "promptCopyRefused",
        "extName",
        "optionsTitle",
        "commandNextFlagged",
        "fieldMyName",
    ] {
        assert!(uses.iter().any(|u| u.key == key), "{key} not seen");
    }
}
