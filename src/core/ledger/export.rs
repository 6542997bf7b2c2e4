//! Exporting the ledger: JSON (the full document, re-importable) and CSV (one row per
//! person, for a spreadsheet). Pure (no wasm-bindgen, web-sys, js-sys).
//!
//! CSV cells are strangers' text opened in spreadsheet software: a cell starting with
//! `=`, `+`, `-`, `@` (or a tab / carriage return, which some programs strip first) would
//! run as a formula, so such cells get a leading `'` (OWASP "CSV injection").

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

/// A cell that a spreadsheet would read as a formula gets a leading quote.
pub fn defuse(cell: &str) -> String {
    match cell.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
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

    #[test]
    fn defuses_formulas_only() {
        for (cell, want) in [
            ("=HYPERLINK(\"x\")", "'=HYPERLINK(\"x\")"),
            ("+1", "'+1"),
            ("-2+3", "'-2+3"),
            ("@SUM(A1)", "'@SUM(A1)"),
            ("\t=1", "'\t=1"),
            ("Ana = friend", "Ana = friend"),
            ("", ""),
        ] {
            assert_eq!(defuse(cell), want);
        }
    }

    #[test]
    fn times_are_utc_rfc3339() {
        assert_eq!(format_time(0), "1970-01-01T00:00:00Z");
        assert_eq!(format_time(1_764_189_000_123), "2025-11-26T20:30:00Z");
    }
}
