//! The note classifier against labelled tables anyone can extend with one line:
//! tests/fixtures/notes/labelled.tsv (the main table) and held-out.tsv (written before the
//! phrase tables were tuned, phrased differently on purpose: it measures generalisation).
//! Prints accuracy per language and per kind, lists every miss, and fails below the
//! thresholds below. Also: language detection, and a property test that no input panics.

use askfirst::core::lang::Lang;
use askfirst::core::note::{classify_note, NoteKind};
use proptest::prelude::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::Path;

/// Kinds: 100% on the main table would mean phrase tables fitted to their own rows, and the
/// product meets notes no table has; 95% leaves room for honest misses and still catches a
/// regression of two or three rows. The held-out table must stay within 5 points of that.
const MAIN_KIND_MIN: f64 = 0.95;
const HELD_OUT_KIND_MIN: f64 = 0.90;
/// Language: a wrong language gives a reply in the wrong language; keep it high.
const LANG_MIN: f64 = 0.95;
const HELD_OUT_LANG_MIN: f64 = 0.90;

struct Row {
    line: usize,
    kind: NoteKind,
    /// None: not checked; Some(None): no language expected; Some(Some(l)): that language.
    lang: Option<Option<Lang>>,
    note: Option<String>,
}

fn parse_kind(s: &str) -> Option<NoteKind> {
    Some(match s {
        "none" => NoteKind::None,
        "stock" => NoteKind::Stock,
        "generic" => NoteKind::Generic,
        "reasoned" => NoteKind::Reasoned,
        _ => return None,
    })
}

fn load(name: &str) -> Vec<Row> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/notes")
        .join(name);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut rows = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let mut cols = line.splitn(3, '\t');
        let (Some(kind), Some(lang), Some(note)) = (cols.next(), cols.next(), cols.next()) else {
            panic!("{name}:{}: expected kind<TAB>lang<TAB>note", i + 1);
        };
        let kind =
            parse_kind(kind).unwrap_or_else(|| panic!("{name}:{}: unknown kind {kind:?}", i + 1));
        let lang = match lang {
            "*" => None,
            "-" => Some(None),
            code => Some(Some(Lang::from_code(code).unwrap_or_else(|| {
                panic!("{name}:{}: unknown language {code:?}", i + 1)
            }))),
        };
        let note = (note != "<empty>").then(|| note.replace("\\n", "\n").replace("\\t", "\t"));
        rows.push(Row {
            line: i + 1,
            kind,
            lang,
            note,
        });
    }
    rows
}

#[derive(Default)]
struct Tally {
    right: usize,
    total: usize,
}

impl Tally {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.right += usize::from(ok);
    }
    fn rate(&self) -> f64 {
        if self.total == 0 {
            1.0
        } else {
            self.right as f64 / self.total as f64
        }
    }
}

impl std::fmt::Display for Tally {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{:>3}/{:<3} {:>5.1}%",
            self.right,
            self.total,
            100.0 * self.rate()
        )
    }
}

/// Writes to stderr past libtest's capture (which only hooks `eprintln!`), so the accuracy
/// report shows on every run, not only with `--nocapture`.
macro_rules! report {
    ($($arg:tt)*) => {{
        let _ = writeln!(std::io::stderr().lock(), $($arg)*);
    }};
}

fn lang_label(lang: Option<Option<Lang>>) -> String {
    match lang {
        None => "*".into(),
        Some(None) => "other".into(),
        Some(Some(l)) => l.code().into(),
    }
}

/// Classifies every row, prints the report, and returns (kind accuracy, language accuracy).
fn evaluate(name: &str, rows: &[Row]) -> (f64, f64, Vec<String>) {
    let mut all = Tally::default();
    let mut langs = Tally::default();
    let mut by_lang: BTreeMap<String, Tally> = BTreeMap::new();
    let mut by_kind: BTreeMap<&str, Tally> = BTreeMap::new();
    let mut misses = Vec::new();
    for row in rows {
        let v = classify_note(row.note.as_deref());
        let ok = v.kind == row.kind;
        all.add(ok);
        by_kind.entry(row.kind.as_str()).or_default().add(ok);
        // Rows marked "*" for language (bare greetings) are grouped under the kind.
        by_lang.entry(lang_label(row.lang)).or_default().add(ok);
        if !ok {
            misses.push(format!(
                "{name}:{}: expected {}, got {} ({}) — {:?}",
                row.line,
                row.kind.as_str(),
                v.kind.as_str(),
                v.reasons.join("; "),
                row.note.as_deref().unwrap_or("<no note>")
            ));
        }
        if let Some(expected) = row.lang {
            let ok = v.language == expected;
            langs.add(ok);
            if !ok {
                misses.push(format!(
                    "{name}:{}: language expected {}, got {} — {:?}",
                    row.line,
                    lang_label(Some(expected)),
                    lang_label(Some(v.language)),
                    row.note.as_deref().unwrap_or("")
                ));
            }
        }
    }
    report!("\n== {name}: {} notes ==", rows.len());
    report!("  kind, all          {all}");
    for (lang, t) in &by_lang {
        report!("  kind, lang {lang:<7}  {t}");
    }
    for (kind, t) in &by_kind {
        report!("  kind {kind:<13}  {t}");
    }
    report!("  language detection {langs}");
    for m in &misses {
        report!("  MISS {m}");
    }
    (all.rate(), langs.rate(), misses)
}

#[test]
fn main_table_has_every_kind_in_every_language() {
    let rows = load("labelled.tsv");
    assert!(rows.len() >= 150, "only {} labelled notes", rows.len());
    for lang in Lang::ALL {
        for kind in [NoteKind::Stock, NoteKind::Generic, NoteKind::Reasoned] {
            assert!(
                rows.iter()
                    .any(|r| r.kind == kind && r.lang == Some(Some(lang))),
                "no {} note in {lang}",
                kind.as_str()
            );
        }
    }
    assert!(rows.iter().filter(|r| r.kind == NoteKind::None).count() >= 7 * 3);
}

#[test]
fn main_table_accuracy() {
    let (kind, lang, misses) = evaluate("labelled.tsv", &load("labelled.tsv"));
    assert!(
        kind >= MAIN_KIND_MIN,
        "kind accuracy {:.1}% < {:.0}%:\n{}",
        kind * 100.0,
        MAIN_KIND_MIN * 100.0,
        misses.join("\n")
    );
    assert!(
        lang >= LANG_MIN,
        "language accuracy {:.1}% < {:.0}%:\n{}",
        lang * 100.0,
        LANG_MIN * 100.0,
        misses.join("\n")
    );
}

#[test]
fn held_out_accuracy() {
    let (kind, lang, misses) = evaluate("held-out.tsv", &load("held-out.tsv"));
    assert!(
        kind >= HELD_OUT_KIND_MIN,
        "kind accuracy {:.1}% < {:.0}%:\n{}",
        kind * 100.0,
        HELD_OUT_KIND_MIN * 100.0,
        misses.join("\n")
    );
    assert!(
        lang >= HELD_OUT_LANG_MIN,
        "language accuracy {:.1}% < {:.0}%:\n{}",
        lang * 100.0,
        HELD_OUT_LANG_MIN * 100.0,
        misses.join("\n")
    );
}

/// The audit table (tests/fixtures/notes/audit.tsv) was written to break the classifier,
/// in languages and shapes no other table has; its known misses are listed on every run.
/// The floor is where the classifier stands on it, so that it can only get better.
const AUDIT_KIND_MIN: f64 = 0.79;

#[test]
fn audit_accuracy() {
    let rows = load("audit.tsv");
    assert!(rows.len() >= 250, "only {} audit notes", rows.len());
    let (kind, _, misses) = evaluate("audit.tsv", &rows);
    assert!(
        kind >= AUDIT_KIND_MIN,
        "kind accuracy {:.1}% < {:.0}%:\n{}",
        kind * 100.0,
        AUDIT_KIND_MIN * 100.0,
        misses.join("\n")
    );
}

#[test]
fn every_verdict_explains_itself() {
    for row in load("labelled.tsv")
        .iter()
        .chain(load("held-out.tsv").iter())
    {
        let v = classify_note(row.note.as_deref());
        assert!(
            !v.reasons.is_empty() && v.reasons.iter().all(|r| !r.trim().is_empty()),
            "line {}: no reason",
            row.line
        );
        if v.kind == NoteKind::Stock && v.language.is_some() {
            assert!(
                v.reasons[0].starts_with("Stock LinkedIn text"),
                "line {}: {:?}",
                row.line,
                v.reasons
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_text(note in any::<String>()) {
        let v = classify_note(Some(&note));
        prop_assert!(!v.reasons.is_empty());
    }

    #[test]
    fn never_panics_on_weird_unicode(note in "[\\PC\\p{M}\u{200B}-\u{200F}\u{202A}-\u{202E}\u{FEFF}'’?¿.,\n ]{0,400}") {
        let v = classify_note(Some(&note));
        prop_assert!(!v.reasons.is_empty());
    }

    #[test]
    fn words_and_fold_agree(note in "[\\PC\\p{M}'’ .,\n-]{0,200}") {
        let w = askfirst::core::text::words(&note);
        let joined: Vec<&str> = (0..w.len()).map(|i| w.text(i)).collect();
        prop_assert_eq!(joined.join(" "), w.folded.clone());
        prop_assert_eq!(askfirst::core::text::fold(&note), w.folded.clone());
        for i in 0..w.len() {
            let t = w.text(i);
            prop_assert!(!t.is_empty() && !t.contains(' ') && !t.starts_with('\'') && !t.ends_with('\''), "{:?}", t);
        }
    }

    #[test]
    fn stock_text_stays_stock_with_any_name(name in "[A-Z][a-zà-ÿ]{1,12}") {
        let note = format!("Hi {name},\nI'd like to add you to my professional network on LinkedIn.\nBest, {name}");
        prop_assert_eq!(classify_note(Some(&note)).kind, NoteKind::Stock);
    }
}

#[test]
fn huge_and_repetitive_notes_are_handled() {
    let huge = "Let's connect on LinkedIn! ".repeat(40_000);
    assert_eq!(classify_note(Some(&huge)).kind, NoteKind::Generic);
    let marks = "a\u{301}\u{302}\u{303}".repeat(50_000);
    classify_note(Some(&marks));
    let long_word = "x".repeat(1_000_000);
    classify_note(Some(&long_word));
    let stock = "I'd like to add you to my professional network on LinkedIn. ".repeat(200);
    classify_note(Some(&stock));
}
