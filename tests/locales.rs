//! The extension's strings (extension/_locales): every language has every message with
//! the same placeholders, and every key the Rust UI asks for exists. A missing key shows
//! the user an empty string; a missing placeholder shows "$p1$".

use std::collections::{BTreeMap, BTreeSet};

fn messages(lang: &str) -> BTreeMap<String, serde_json::Value> {
    let path = format!(
        "{}/extension/_locales/{lang}/messages.json",
        env!("CARGO_MANIFEST_DIR")
    );
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
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

#[test]
fn every_language_has_every_message_with_its_placeholders() {
    let langs: Vec<String> =
        std::fs::read_dir(format!("{}/extension/_locales", env!("CARGO_MANIFEST_DIR")))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
    assert!(langs.len() >= 4, "{langs:?}");
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
            assert_eq!(placeholders(&other[key]), placeholders(m), "{lang}: {key}");
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
fn every_key_the_ui_asks_for_exists() {
    let en = messages("en");
    let dir = format!("{}/src/ext/ui", env!("CARGO_MANIFEST_DIR"));
    let mut asked = BTreeSet::new();
    for file in std::fs::read_dir(dir).unwrap() {
        let src = std::fs::read_to_string(file.unwrap().path()).unwrap();
        // `t("key"`, not `input("id"` or `add_variant("text"`.
        for (i, _) in src.match_indices("t(\"") {
            let before = src[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue;
            }
            let part = &src[i + 3..];
            if let Some(end) = part.find('"') {
                asked.insert(part[..end].to_string());
            }
        }
    }
    assert!(asked.len() > 30, "{asked:?}");
    let missing: Vec<_> = asked.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys the UI uses that no message has: {missing:?}"
    );
}

#[test]
fn every_key_the_content_script_asks_for_exists() {
    let en = messages("en");
    let dir = format!("{}/extension/content", env!("CARGO_MANIFEST_DIR"));
    let mut asked = BTreeSet::new();
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("js") {
            continue;
        }
        let src = std::fs::read_to_string(&path).unwrap();
        // `t('key'…` and `t(ok ? 'one' : 'other')`: every quoted word in the call's
        // first argument (up to its first comma or closing parenthesis).
        for (i, _) in src.match_indices("t(") {
            let before = src[..i].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_' || c == '.') {
                continue;
            }
            let arg = &src[i + 2..];
            let arg = &arg[..arg.find([',', ')']).unwrap_or(arg.len())];
            for (n, quoted) in arg.split('\'').enumerate() {
                if n % 2 == 1 && !quoted.is_empty() {
                    asked.insert(quoted.to_string());
                }
            }
        }
    }
    assert!(asked.len() >= 15, "{asked:?}");
    let missing: Vec<_> = asked.iter().filter(|k| !en.contains_key(*k)).collect();
    assert!(
        missing.is_empty(),
        "keys the content script uses that no message has: {missing:?}"
    );
}
