//! Exporting the ledger: JSON (the full document, re-importable) and CSV (one row per
//! person, for a spreadsheet). Pure (no wasm-bindgen, web-sys, js-sys).
//!
//! CSV cells are strangers' text opened in spreadsheet software, and the software does not
//! always split a row where we did: a German, French, Italian, Spanish, Dutch or Portuguese
//! spreadsheet splits at `;`, others at tab or `|`, whatever quotes we wrote (issue #13:
//! the headline `Head of Sales;=HYPERLINK(…);=1+1` became a live link and a formula). So
//! [`defuse`] treats every place where *some* convention could start a field — the cell's
//! start and right after any `,` `;` tab `|` or line break in it — as a field start: if
//! what follows (past blanks and quote marks, which a spreadsheet may strip or read as an
//! opening quote) starts with `=` `+` `-` `@` or their full-width forms, a `'` goes right
//! there, so that field starts with a quote mark and is text (OWASP "CSV injection").
//! `tests/spreadsheet.rs` opens the export in LibreOffice with each separator and checks
//! no cell is a formula.

use super::{Action, Ledger, Record};
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;

pub const CSV_COLUMNS: [&str; 16] = [
    "key",
    "name",
    "headline",
    "profile_url",
    "invitation_urn",
    "note_kind",
    "fit",
    "plan",
    "first_seen",
    "last_event",
    "asked_at",
    "answered_at",
    "outcome",
    "outcome_at",
    "notes",
    "events",
];

impl Ledger {
    /// The full ledger as pretty JSON: what "Export" saves and "Import" reads back.
    pub fn export_json(&self) -> String {
        let mut copy = self.clone();
        copy.notices.clear();
        serde_json::to_string_pretty(&copy).unwrap_or_default()
    }

    /// One row per person, times in RFC 3339 UTC.
    pub fn export_csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::CRLF)
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail; an error here would be a bug in csv itself.
        let _ = w.write_record(CSV_COLUMNS);
        for (key, r) in &self.records {
            let _ = w.write_record(row(key, r).iter().map(|c| defuse(c)));
        }
        let bytes = w.into_inner().unwrap_or_default();
        String::from_utf8(bytes).unwrap_or_default()
    }
}

fn row(key: &str, r: &Record) -> Vec<String> {
    let s = &r.snapshot;
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let time = |t: Option<u64>| t.map(format_time).unwrap_or_default();
    let notes: Vec<&str> = r
        .events
        .iter()
        .filter_map(|e| match &e.action {
            Action::Note { text } => Some(text.as_str()),
            _ => None,
        })
        .collect();
    let events: Vec<String> = r
        .events
        .iter()
        .map(|e| format!("{} {}", format_time(e.at), e.action.name()))
        .collect();
    let (outcome_at, outcome) = r
        .outcome()
        .map_or((None, ""), |(at, o)| (Some(at), o.as_str()));
    vec![
        key.to_string(),
        s.name.clone(),
        opt(&s.headline),
        opt(&s.profile_url),
        opt(&s.invitation_urn),
        s.note_kind
            .map(|k| k.as_str())
            .unwrap_or_default()
            .to_string(),
        s.fit.map(fit_str).unwrap_or_default().to_string(),
        s.plan.map(|p| p.as_str()).unwrap_or_default().to_string(),
        time(r.first_seen()),
        time(r.last_event_at()),
        time(r.last_ask()),
        time(r.last_answer()),
        outcome.to_string(),
        time(outcome_at),
        notes.join(" | "),
        events.join("; "),
    ]
}

fn fit_str(f: crate::core::fit::Fit) -> &'static str {
    match f {
        crate::core::fit::Fit::Direct => "direct",
        crate::core::fit::Fit::Unclear => "unclear",
        crate::core::fit::Fit::None => "none",
    }
}

/// Characters at which some spreadsheet convention ends one field and starts the next.
pub const FIELD_BREAKS: [char; 6] = [',', ';', '\t', '|', '\n', '\r'];

/// Characters that make a field a formula (or a Lotus/DDE command) when it starts with
/// one, in ASCII and full-width form.
pub const FORMULA_STARTS: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// What a spreadsheet may skip before it looks at a field's first character: blanks
/// (trimmed by "remove spaces" options) and quote marks (read as an opening quote).
fn skipped_before_field(c: char) -> bool {
    c.is_whitespace() || matches!(c, '"' | '\u{feff}' | '\u{200b}')
}

/// Whether a field starting at the beginning of `rest` could be read as a formula.
fn starts_formula(rest: &str) -> bool {
    rest.chars()
        .find(|c| !skipped_before_field(*c))
        .is_some_and(|c| FORMULA_STARTS.contains(&c))
}

/// The cell with a `'` at every possible field start (the cell's start, and right after
/// each of [`FIELD_BREAKS`]) whose field could be read as a formula. Everything else is
/// kept as written.
pub fn defuse(cell: &str) -> String {
    let mut out = String::with_capacity(cell.len() + 2);
    if starts_formula(cell) {
        out.push('\'');
    }
    for (i, c) in cell.char_indices() {
        out.push(c);
        if FIELD_BREAKS.contains(&c) && starts_formula(&cell[i + c.len_utf8()..]) {
            out.push('\'');
        }
    }
    out
}

/// ms since the epoch → `2026-11-26T20:30:00Z` (UTC, second precision).
pub fn format_time(ms: u64) -> String {
    let secs = i64::try_from(ms / 1000).unwrap_or(i64::MAX);
    OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&Rfc3339).ok())
        .unwrap_or_else(|| format!("{ms} ms"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn defuses_formulas_only() {
        for (cell, want) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t'=1"),
            ("Ana = friend", "Ana = friend"),
            ("", ""),
            // Issue #13: a `;` spreadsheet splits here.
            (
                "Head of Sales;=HYPERLINK(\"http://x\");=1+1",
                "Head of Sales;'=HYPERLINK(\"http://x\");'=1+1",
            ),
            ("a, +1", "a,' +1"),
            ("a|@SUM(A1)", "a|'@SUM(A1)"),
            ("a\t=1", "a\t'=1"),
            ("a\n-1", "a\n'-1"),
            ("a;\"=1\"", "a;'\"=1\""),
            ("＝1+1", "'＝1+1"),
            ("  =1", "'  =1"),
            ("Sales - Marketing; Paris", "Sales - Marketing; Paris"),
            (
                "2026-11-26T20:30:00Z asked; 2026-11-27T08:00:00Z note",
                "2026-11-26T20:30:00Z asked; 2026-11-27T08:00:00Z note",
            ),
        ] {
            assert_eq!(defuse(cell), want, "{cell:?}");
        }
    }

    /// Every position where any convention could start a field, in the defused cell.
    fn field_starts(cell: &str) -> Vec<usize> {
        std::iter::once(0)
            .chain(
                cell.char_indices()
                    .filter(|(_, c)| FIELD_BREAKS.contains(c))
                    .map(|(i, c)| i + c.len_utf8()),
            )
            .collect()
    }

    /// Whether `cell` is `safe` with some of its `'` removed, and nothing else changed.
    fn only_quotes_added(cell: &str, safe: &str) -> bool {
        let mut want = cell.chars().peekable();
        for c in safe.chars() {
            if want.peek() == Some(&c) {
                want.next();
            } else if c != '\'' {
                return false;
            }
        }
        want.next().is_none()
    }

    proptest! {
        /// Whatever the stranger writes and wherever a spreadsheet splits, no field of a
        /// defused cell starts (past what a spreadsheet may skip) with a formula
        /// character, and removing the inserted quotes gives the cell back.
        #[test]
        fn no_field_of_a_defused_cell_starts_a_formula(
            parts in prop::collection::vec(
                prop_oneof![
                    prop::string::string_regex("[a-zA-Z0-9 ()\"'.:/]{0,6}").unwrap(),
                    prop::sample::select(vec![
                        ",", ";", "\t", "|", "\n", "\r", "\r\n", " ", "\u{a0}", "\"", "\"\"",
                        "=", "+", "-", "@", "＝", "＋", "－", "＠", "'", "\u{feff}",
                        "=HYPERLINK(\"http://x\")", "=1+1", "-2", "@SUM(A1)",
                        "=cmd|' /C calc'!A0",
                    ]).prop_map(str::to_string),
                ],
                0..12,
            )
        ) {
            let cell: String = parts.concat();
            let safe = defuse(&cell);
            for start in field_starts(&safe) {
                let field = &safe[start..];
                prop_assert!(
                    field.starts_with('\'') || !starts_formula(field),
                    "{cell:?} → {safe:?}: field {field:?}"
                );
            }
            prop_assert!(only_quotes_added(&cell, &safe), "{cell:?} → {safe:?}");
        }
    }

    #[test]
    fn times_are_utc_rfc3339() {
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_time(1_764_189_000_123), "2025-11-26T20:30:00Z");
    }
}
