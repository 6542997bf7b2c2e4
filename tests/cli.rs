//! The `askfirst` command line as a user meets it: every bad input gives one clear
//! `askfirst: …` line on stderr and exit code 2 (never a panic); a page gives one JSON
//! object per person invitation with the test contract's fields, or a readable table.
//! Large and binary files are made in a temp dir at test time, never committed.
#![cfg(feature = "cli")]

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_askfirst");
const DEMO_SETTINGS: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/tests/fixtures/settings/demo-settings.json"
);

fn run(args: &[&str]) -> Output {
    Command::new(BIN)
        .args(args)
        .output()
        .expect("the askfirst binary runs")
}

/// A fresh directory per test (tests run in parallel).
fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("askfirst-cli-{}-{test}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: &[u8]) -> String {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}

/// Exit code 2, nothing on stdout, exactly one `askfirst: ` line on stderr containing
/// `expect`.
fn assert_refused(out: &Output, expect: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "stderr: {stderr}");
    assert!(
        out.stdout.is_empty(),
        "stdout: {}",
        String::from_utf8_lossy(&out.stdout)
    );
    assert_eq!(stderr.lines().count(), 1, "one line, got: {stderr}");
    assert!(stderr.starts_with("askfirst: "), "{stderr}");
    assert!(stderr.contains(expect), "expected {expect:?} in: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}

const EMPTY_PAGE: &[u8] = b"<!DOCTYPE html><html><head><title>Invitations | LinkedIn</title></head><body><main></main></body></html>";

#[test]
fn missing_file() {
    assert_refused(
        &run(&["triage", "/no/such/page.html"]),
        "/no/such/page.html: cannot read the page: no such file",
    );
}

#[test]
fn directory() {
    let dir = temp_dir("directory");
    assert_refused(&run(&["triage", &dir.to_string_lossy()]), "is a directory");
}

#[test]
fn binary_file() {
    let dir = temp_dir("binary");
    let png = write(
        &dir,
        "photo.html",
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00",
    );
    assert_refused(&run(&["triage", &png]), "binary file");
}

#[test]
fn devices_are_refused_without_reading_them_whole() {
    if Path::new("/dev/zero").exists() {
        assert_refused(&run(&["triage", "/dev/zero"]), "binary file");
    }
}

#[test]
fn huge_file_is_refused_from_its_size() {
    let dir = temp_dir("huge");
    let path = dir.join("huge.html");
    // Sparse: 100 MB on paper, nothing on disk. The message comes from the size check,
    // which proves the file was not read.
    fs::File::create(&path)
        .unwrap()
        .set_len(100 * 1024 * 1024)
        .unwrap();
    assert_refused(
        &run(&["triage", &path.to_string_lossy()]),
        "the page is 100 MB; AskFirst reads at most 50 MB",
    );
}

#[test]
fn not_utf8() {
    let dir = temp_dir("latin1");
    let page = write(
        &dir,
        "latin1.html",
        b"<html><body>Ren\xe9 vous invite</body></html>",
    );
    assert_refused(
        &run(&["triage", &page]),
        "not UTF-8 text (invalid byte at offset 15)",
    );
}

#[test]
fn not_html() {
    let dir = temp_dir("not-html");
    for (name, text) in [
        ("notes.txt", "Just some notes\n<b>bold</b>"),
        ("data.json", "{\"a\": 1}"),
        ("empty.html", ""),
    ] {
        let path = write(&dir, name, text.as_bytes());
        assert_refused(&run(&["triage", &path]), "does not look like HTML");
    }
}

#[test]
fn invalid_settings() {
    let dir = temp_dir("settings");
    let page = write(&dir, "page.html", EMPTY_PAGE);
    let cases = [
        (
            r#"{"target_market": {"includ": ["founder"]}}"#,
            "“includ”, which AskFirst does not know. Were they written by another program? (at target_market.includ)",
        ),
        (
            r#"{"offer": {"name": "x", "url": "ftp://x"}}"#,
            "The link must start with https:// or http:// (at offer.url)",
        ),
        (r#"{"version": 9}"#, "Update AskFirst"),
        ("{ not json", "not valid JSON"),
        // A v1 file (no version, a language right under the plan) is migrated first.
        (
            r#"{"templates": {"ask-first": {"en": ["Hi {nmae}"]}}}"#,
            "Variant 1 of your “Ask first” reply (Before you accept, English) — {nmae} is not a placeholder AskFirst knows.",
        ),
        (
            r#"{"templates": {"ask-first": {"after-accepting": {"en": ["Hi {nmae}"]}}}}"#,
            "Variant 1 of your “Ask first” reply (After you accept, English) — {nmae} is not a placeholder",
        ),
    ];
    for (i, (json, expect)) in cases.iter().enumerate() {
        let settings = write(&dir, &format!("s{i}.json"), json.as_bytes());
        assert_refused(&run(&["triage", &page, "--settings", &settings]), expect);
    }
    assert_refused(
        &run(&["triage", &page, "--settings", "/no/settings.json"]),
        "cannot read the settings file: no such file",
    );
    assert_refused(
        &run(&["triage", &page, "--settings", &dir.to_string_lossy()]),
        "is a directory, not a settings file",
    );
}

#[test]
fn usage_errors_exit_2() {
    let out = run(&["triage"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("PAGE"));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
}

#[test]
fn empty_page_prints_nothing_and_says_why() {
    let dir = temp_dir("empty");
    let page = write(&dir, "page.html", EMPTY_PAGE);
    for json in [false, true] {
        let mut args = vec!["triage", page.as_str(), "--settings", DEMO_SETTINGS];
        if json {
            args.push("--json");
        }
        let out = run(&args);
        assert_eq!(out.status.code(), Some(0));
        assert!(out.stdout.is_empty());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            stderr.starts_with("askfirst: no person invitations found in"),
            "{stderr}"
        );
        assert!(stderr.lines().all(|l| l.starts_with("askfirst: ")));
    }
}

/// Every fixture page: the CLI's JSON lines are exactly what the library says, with the
/// test contract's fields and spellings; the table has one row per person plus a summary.
#[test]
fn fixture_pages_follow_the_test_contract() {
    use askfirst::core::settings::Settings;
    use askfirst::core::triage::Engine;
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/linkedin");
    let Ok(entries) = fs::read_dir(&dir) else {
        return;
    }; // the reader's fixtures not merged yet
    let settings = Settings::from_json(&fs::read_to_string(DEMO_SETTINGS).unwrap()).unwrap();
    let engine = Engine::try_new(settings).unwrap();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let page = path.to_string_lossy().into_owned();
        let out = run(&["triage", &page, "--settings", DEMO_SETTINGS, "--json"]);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{page}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let stdout = String::from_utf8(out.stdout).unwrap();
        let (expected, _) = engine.triage_page(&fs::read_to_string(&path).unwrap());
        assert_eq!(stdout.lines().count(), expected.len(), "{page}");
        for (line, want) in stdout.lines().zip(&expected) {
            let v: serde_json::Value = serde_json::from_str(line).unwrap();
            // The engine's triage, with what it said worded in English (`reasons`,
            // `summary`, `warnings` as before) and as codes alongside.
            let mut said = serde_json::to_value(want).unwrap();
            let o = said.as_object_mut().unwrap();
            for (field, codes) in [
                ("reasons", "reason_codes"),
                ("warnings", "warning_codes"),
                ("summary", "summary_code"),
            ] {
                let code = o.remove(field).unwrap();
                o.insert(codes.into(), code);
            }
            let english = |l: &[askfirst::core::said::Said]| -> Vec<String> {
                l.iter().map(|s| s.to_string()).collect()
            };
            o.insert("reasons".into(), english(&want.reasons).into());
            o.insert("warnings".into(), english(&want.warnings).into());
            o.insert("summary".into(), want.summary.to_string().into());
            assert_eq!(v, said, "{page}");
            for key in [
                "name",
                "profile_url",
                "headline",
                "note",
                "mutual_connections",
                "follows_you",
                "reasons",
                "reply",
            ] {
                assert!(v.get(key).is_some(), "{page}: no {key} in {line}");
            }
            assert!(["none", "stock", "generic", "reasoned"]
                .contains(&v["note_kind"].as_str().unwrap()));
            assert!(["direct", "unclear", "none"].contains(&v["fit"].as_str().unwrap()));
            assert!(
                ["ask-first", "accept-follow-up", "accept"].contains(&v["plan"].as_str().unwrap())
            );
            assert!(!v["reasons"].as_array().unwrap().is_empty());
        }
        let table = run(&["triage", &page, "--settings", DEMO_SETTINGS]);
        let table = String::from_utf8(table.stdout).unwrap();
        if !expected.is_empty() {
            assert!(table.starts_with("NAME"), "{page}");
            assert_eq!(
                table.lines().count(),
                expected.len() + 3,
                "{page}: header, rows, blank, summary"
            );
            assert!(table.trim_end().ends_with(" accept"), "{page}");
        }
    }
}

/// The bundled demo page, as `./build.sh demo` shows it: every plan appears, each reply
/// fits its plan, and nothing of the template syntax leaks.
#[test]
fn demo_page_happy_path() {
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/linkedin/demo-invitations.html"
    );
    if !Path::new(page).exists() {
        return; // the reader's fixtures are not in this checkout
    }
    let out = run(&["triage", page, "--settings", DEMO_SETTINGS, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows: Vec<serde_json::Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let mut plans = std::collections::BTreeSet::new();
    for row in &rows {
        let (plan, reply) = (
            row["plan"].as_str().unwrap(),
            row["reply"].as_str().unwrap(),
        );
        plans.insert(plan.to_string());
        assert!(!row["name"].as_str().unwrap().is_empty());
        assert!(row["profile_url"]
            .as_str()
            .unwrap()
            .starts_with("https://www.linkedin.com/in/"));
        assert!(
            !reply.contains('{') && !reply.contains("  ") && reply.ends_with("\nDana"),
            "{reply}"
        );
        match plan {
            "ask-first" => assert!(
                reply.contains('?') && !reply.contains("https://"),
                "{reply}"
            ),
            "accept-follow-up" => {
                assert!(reply.contains("https://example.com/checklist"), "{reply}")
            }
            _ => assert_eq!(row["note_kind"], "reasoned"),
        }
    }
    assert_eq!(plans.len(), 3, "the demo shows every plan: {plans:?}");
}

/// `--lang`: every reason, the summary and the table's WHY in the extension's own words
/// for that language (the catalogue embedded at compile time), the codes unchanged; an
/// unknown language is refused with the ones there are.
#[test]
fn lang_words_the_reasons_from_the_extensions_catalogue() {
    use askfirst::core::lang::Lang;
    use askfirst::core::said::Catalogue;
    let page = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/linkedin/demo-invitations.html"
    );
    let lines = |lang: &str| -> Vec<serde_json::Value> {
        let out = run(&["triage", page, "--json", "--lang", lang]);
        assert_eq!(out.status.code(), Some(0), "{lang}");
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect()
    };
    let english = lines("en");
    assert_eq!(english, lines_default(page));
    for lang in Lang::REPLY.into_iter().filter(|&l| l != Lang::En) {
        let words = Catalogue::embedded(lang);
        let rows = lines(lang.code());
        assert_eq!(rows.len(), english.len());
        let mut differ = 0;
        for (row, en) in rows.iter().zip(&english) {
            assert_eq!(row["reason_codes"], en["reason_codes"], "{lang:?}");
            let reasons = row["reasons"].as_array().unwrap();
            assert_eq!(reasons.len(), en["reasons"].as_array().unwrap().len());
            for (said, text) in row["reason_codes"].as_array().unwrap().iter().zip(reasons) {
                let code = said["code"].as_str().unwrap();
                assert!(words.message(code).is_some(), "{lang:?}: {code}");
                let text = text.as_str().unwrap();
                assert!(!text.is_empty() && !text.contains('$'), "{lang:?}: {text}");
            }
            differ += usize::from(row["reasons"] != en["reasons"]);
        }
        // Names, quotes and terms are the same in every language; the rest is not.
        assert!(
            differ * 2 > rows.len(),
            "{lang:?}: {differ} of {}",
            rows.len()
        );
    }
    let fr = lines("fr");
    let no_note = fr
        .iter()
        .find(|r| r["note_kind"] == "none")
        .expect("the demo page has a card without a note");
    assert!(
        no_note["reasons"]
            .as_array()
            .unwrap()
            .iter()
            .any(|r| r == "Pas de message"),
        "{no_note}"
    );
    let table = run(&["triage", page, "--lang", "de"]);
    assert!(String::from_utf8(table.stdout)
        .unwrap()
        .contains("Keine Nachricht"));
    let out = run(&["triage", page, "--lang", "xx"]);
    assert_refused(&out, "--lang \"xx\"");
    assert!(String::from_utf8_lossy(&out.stderr).contains("en, fr, de, es, pt, it, nl"));
}

fn lines_default(page: &str) -> Vec<serde_json::Value> {
    let out = run(&["triage", page, "--json"]);
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}
