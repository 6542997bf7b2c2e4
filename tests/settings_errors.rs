//! Settings errors are written for people (issue #14 §6): every invalid settings document
//! (hand-picked cases, and every field given every wrong JSON type) is refused with a
//! message of the catalogue that, in every language, names no field path, no type name,
//! no parser wording ("invalid type", "expected", "unknown variant"), and no brackets.

use askfirst::core::said::Catalogue;
use askfirst::core::settings::Settings;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn catalogues() -> Vec<(String, Catalogue)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(format!("{ROOT}/extension/_locales")).unwrap() {
        let e = e.unwrap();
        let json = std::fs::read_to_string(e.path().join("messages.json")).unwrap();
        out.push((
            e.file_name().to_string_lossy().into_owned(),
            Catalogue::from_json(&json).unwrap(),
        ));
    }
    assert!(out.len() >= 7);
    out
}

/// Hand-picked: one of each rule the validator has.
const CASES: &[&str] = &[
    "{",
    "",
    "[]",
    "42",
    r#"{"version": 0}"#,
    r#"{"version": 9, "x": 1}"#,
    r#"{"version": "1"}"#,
    r#"{"colour": "red"}"#,
    r#"{"target_market": {"includ": []}}"#,
    r#"{"target_market": {"include": ["ok", 5]}}"#,
    r#"{"target_market": {"include": ["  "]}}"#,
    r#"{"target_market": {"exclude": ["ok", "--"]}}"#,
    r#"{"offer": {"name": 3}}"#,
    r#"{"offer": {"name": "x", "url": "javascript:alert(1)"}}"#,
    r#"{"offer": {"name": "x", "url": "https:///path"}}"#,
    r#"{"offer": {"name": "x", "url": "https://a.com/x y"}}"#,
    r#"{"offer": {"url": "https://a.com"}}"#,
    r#"{"offer": {"name": "x"}}"#,
    r#"{"offer": {"nam": "x"}}"#,
    r#"{"my_name": ["Dana"]}"#,
    r#"{"language": "xx"}"#,
    r#"{"language": "sv"}"#,
    r#"{"reminder_days": ""}"#,
    r#"{"reminder_days": 0}"#,
    r#"{"reminder_days": -1}"#,
    r#"{"reminder_days": 366}"#,
    r#"{"reminder_days": 2.5}"#,
    r#"{"templates": {"ask-first": {"after-accepting": {"en": ["Hi {firstname}"]}}}}"#,
    r#"{"templates": {"ask-first": {"after-accepting": {"en": ["Hi {first_name"]}}}}"#,
    r#"{"templates": {"ask-first": {"after-accepting": {"en": ["Hi first_name}"]}}}}"#,
    r#"{"templates": {"ask-first": {"after-accepting": {"en": ["   "]}}}}"#,
    r#"{"templates": {"accept": {"before-accepting": {"fr": []}}}}"#,
    r#"{"templates": {"ask_first": {}}}"#,
    r#"{"templates": {"accept": {"later": {}}}}"#,
    r#"{"templates": {"accept": {"after-accepting": {"xx": ["a"]}}}}"#,
    r#"{"version": 1, "templates": {"ask-first": {"en": ["Hi {firstname}"]}}}"#,
    r#"{"version": 1, "templates": {"ask-first": {"fr": 3}}}"#,
];

/// A settings document with `value` put at one field.
type Place = dyn Fn(&str) -> String;

/// Every field, given every JSON type it does not take.
fn generated() -> Vec<String> {
    let wrong = [
        "\"\"",
        "\"text\"",
        "-3",
        "1.5",
        "true",
        "null",
        "[]",
        "[1]",
        "{}",
        "{\"a\": 1}",
    ];
    let fields: &[(&str, &Place)] = &[
        ("version", &|v| format!(r#"{{"version": {v}}}"#)),
        ("my_name", &|v| format!(r#"{{"my_name": {v}}}"#)),
        ("language", &|v| format!(r#"{{"language": {v}}}"#)),
        ("reminder_days", &|v| format!(r#"{{"reminder_days": {v}}}"#)),
        ("target_market", &|v| format!(r#"{{"target_market": {v}}}"#)),
        ("include", &|v| {
            format!(r#"{{"target_market": {{"include": {v}}}}}"#)
        }),
        ("include[0]", &|v| {
            format!(r#"{{"target_market": {{"include": [{v}]}}}}"#)
        }),
        ("exclude[1]", &|v| {
            format!(r#"{{"target_market": {{"exclude": ["a", {v}]}}}}"#)
        }),
        ("offer", &|v| format!(r#"{{"offer": {v}}}"#)),
        ("offer.name", &|v| {
            format!(r#"{{"offer": {{"name": {v}, "url": "https://a.com"}}}}"#)
        }),
        ("offer.url", &|v| {
            format!(r#"{{"offer": {{"name": "x", "url": {v}}}}}"#)
        }),
        ("templates", &|v| format!(r#"{{"templates": {v}}}"#)),
        ("templates.accept", &|v| {
            format!(r#"{{"templates": {{"accept": {v}}}}}"#)
        }),
        ("variants", &|v| {
            format!(r#"{{"templates": {{"accept": {{"after-accepting": {{"de": {v}}}}}}}}}"#)
        }),
        ("variant", &|v| {
            format!(r#"{{"templates": {{"accept": {{"after-accepting": {{"de": [{v}]}}}}}}}}"#)
        }),
    ];
    let mut out = Vec::new();
    for (_, make) in fields {
        for v in wrong {
            out.push(make(v));
        }
    }
    out
}

/// What a message for people must not hold.
fn technical(text: &str) -> Option<&'static str> {
    // The placeholders the user writes ({my_name}) are words of theirs, not paths.
    let mut lower = String::new();
    let mut depth = 0;
    for c in text.to_lowercase().chars() {
        match c {
            '{' => depth += 1,
            '}' => depth = (depth - 1).max(0),
            c if depth == 0 => lower.push(c),
            _ => {}
        }
    }
    for word in [
        "invalid type",
        "invalid value",
        "expected",
        "unknown variant",
        "unknown field",
        "u32",
        "u64",
        "i64",
        "sequence",
        "map",
        "string \"",
        "target_market",
        "reminder_days",
        "my_name",
        "offer.",
        "templates.",
        "before-accepting",
        "after-accepting",
        "ask-first",
        "accept-follow-up",
        "line 1 column",
        "eof",
    ] {
        if lower.contains(word) {
            return Some("a parser's or a path's words");
        }
    }
    if text.contains('[') || text.contains(']') {
        return Some("brackets");
    }
    // `field: …` (a path and a colon); "https://" is what the link must start with.
    let plain = text.replace("https://", "").replace("http://", "");
    let mut prev = ' ';
    for c in plain.chars() {
        if c == ':' && (prev.is_alphanumeric() || prev == '_' || prev == ')') {
            return Some("a colon right after a word (`field: …`)");
        }
        prev = c;
    }
    if text.contains('$') {
        return Some("a placeholder left");
    }
    None
}

#[test]
fn every_invalid_settings_error_is_written_for_people_in_every_language() {
    let catalogues = catalogues();
    let mut cases: Vec<String> = CASES.iter().map(|s| s.to_string()).collect();
    cases.extend(generated());
    let mut refused = 0;
    let mut problems = Vec::new();
    for json in &cases {
        let Err(e) = Settings::from_json(json) else {
            continue; // some wrong-typed values are fine (an empty list, "" for a name)
        };
        refused += 1;
        let said = e.said();
        for (lang, c) in &catalogues {
            let text = c.word(&said);
            // A key the catalogue lacks would show as the code itself.
            if c.message(said.code).is_none() {
                problems.push(format!("{lang}: {json}: no message {}", said.code));
            } else if let Some(why) = technical(&text) {
                problems.push(format!("{lang}: {json}: {why}: {text}"));
            }
        }
    }
    assert!(refused > 150, "only {refused} of {} refused", cases.len());
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_messages_say_what_to_do() {
    let en = Catalogue::embedded(askfirst::core::lang::Lang::En);
    let said = |json: &str| en.word(&Settings::from_json(json).unwrap_err().said());
    assert_eq!(
        said(r#"{"reminder_days": ""}"#),
        "Reminder days must be a whole number from 1 to 365."
    );
    assert_eq!(
        said(r#"{"reminder_days": 0}"#),
        said(r#"{"reminder_days": ""}"#)
    );
    assert_eq!(
        said(r#"{"offer": {"name": "x", "url": "ftp://x"}}"#),
        "The link must start with https:// or http://"
    );
    assert_eq!(
        said(r#"{"target_market": {"include": ["ok", "--"]}}"#),
        "Each word of your target market needs at least one letter or digit (line 2)."
    );
    assert_eq!(
        said(r#"{"language": "sv"}"#),
        "AskFirst has no replies in Swedish yet. Choose one of the languages in the list."
    );
    assert!(said(r#"{"templates": {"ask-first": {"after-accepting": {"en": ["Hi {firstname}"]}}}}"#)
        .starts_with("Variant 1 of your “Ask first” reply (After you accept, English) — {firstname} is not a placeholder"));
    let fr = Catalogue::embedded(askfirst::core::lang::Lang::Fr);
    assert_eq!(
        fr.word(
            &Settings::from_json(r#"{"offer": {"url": "https://a.com"}}"#)
                .unwrap_err()
                .said()
        ),
        "Donnez un nom à votre offre, pour que la relance dise à quoi sert le lien."
    );
}

#[test]
fn the_check_tells_a_parsers_words_from_a_persons() {
    for old in [
        "reminder_days: invalid type: string \"\", expected u32",
        "target_market.include[1]: invalid type: integer `5`, expected a string",
        "offer.url: must start with https:// or http:// (got \"ftp://x\")",
        "language: unknown variant `xx`",
        "Not saved: $p1$",
    ] {
        assert!(technical(old).is_some(), "{old}");
    }
    for fine in [
        "Reminder days must be a whole number from 1 to 365.",
        "The link must start with https:// or http://",
        "Le lien doit commencer par https:// ou http://",
        "Use {first_name} {my_name}.",
    ] {
        assert_eq!(technical(fine), None, "{fine}");
    }
}
