//! `askfirst triage PAGE.html [--settings FILE] [--json] [--lang fr]`: triage a saved LinkedIn
//! invitations page with the same engine the extension runs. `askfirst redact PAGE.html`:
//! a redacted sample of it for a bug report (src/core/linkedin/redact.rs). `askfirst
//! routes`: the pages the content script starts the engine on, as it reads them
//! (extension/content/routes.json).
//! `askfirst notes FILE`: the note classifier's verdict on each note of a file (one note
//! per line, or the note corpus's TAB-separated rows). Native only (feature `cli`);
//! every rule lives in `askfirst::core`, this file only reads files and prints.
//! Bad input → one `askfirst: …` line on stderr and exit code 2, never a panic.

use askfirst::core::lang::Lang;
use askfirst::core::said::{Catalogue, Said};
use askfirst::core::settings::{Settings, SettingsError};
use askfirst::core::triage::{Engine, Triage};
use clap::{Parser, Subcommand};
use std::fs::File;
use std::io::{self, BufWriter, Read, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// A saved invitations page is a few MB at most; anything this big is the wrong file,
/// and is refused from its size alone, without reading it.
const MAX_PAGE_BYTES: u64 = 50 * 1024 * 1024;
/// Settings are a few KB; the cap only protects against pointing at the wrong file.
const MAX_SETTINGS_BYTES: u64 = 1024 * 1024;

#[derive(Parser)]
#[command(
    name = "askfirst",
    version,
    about = "Triage LinkedIn connection invitations: flag default invites, judge fit, offer the reply that fits."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Read a saved invitations page and say what AskFirst would do with each person.
    Triage {
        /// The page, saved from the browser (File → Save page as… → HTML only).
        page: PathBuf,
        /// Settings JSON (target market, offer, name…); defaults when left out.
        #[arg(long, value_name = "FILE")]
        settings: Option<PathBuf>,
        /// One JSON object per person invitation per line, instead of a table.
        #[arg(long)]
        json: bool,
        /// The language the reasons are worded in (en, fr, de, es, pt, it, nl): the
        /// extension's own message catalogue. English when left out.
        #[arg(long, value_name = "CODE", default_value = "en")]
        lang: String,
    },
    /// Print the pages the extension starts its engine on, as the content script reads
    /// them (extension/content/routes.json is this output).
    Routes,
    /// Classify invitation notes: one note per line, or the note corpus's rows
    /// (kind<TAB>lang<TAB>reason<TAB>pattern<TAB>note, `#` comments; `\n` in a note is a
    /// line break, `<empty>` no note). Prints one JSON object per note: the note (null
    /// for none) and its verdict.
    Notes {
        /// The file of notes.
        file: PathBuf,
    },
    /// Print a redacted sample of a saved invitations page, for a bug report: its cards
    /// with every name, headline, note, profile link, urn number and image URL replaced
    /// by a placeholder of the same shape; LinkedIn's markup and labels kept.
    Redact {
        /// The page, saved from the browser (File → Save page as… → HTML only).
        page: PathBuf,
    },
}

/// The corpus files are a few hundred KB; the cap only protects against the wrong file.
const MAX_NOTES_BYTES: u64 = 16 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Triage {
            page,
            settings,
            json,
            lang,
        } => match triage(&page, settings.as_deref(), json, &lang) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("askfirst: {message}");
                ExitCode::from(2)
            }
        },
        Command::Notes { file } => match notes(&file) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("askfirst: {message}");
                ExitCode::from(2)
            }
        },
        Command::Redact { page } => match redact(&page) {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("askfirst: {message}");
                ExitCode::from(2)
            }
        },
        Command::Routes => {
            let routes = askfirst::core::linkedin::live::engine_routes();
            match serde_json::to_string_pretty(&routes) {
                Ok(json) => {
                    println!("{json}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("askfirst: {e}");
                    ExitCode::from(2)
                }
            }
        }
    }
}

/// `askfirst notes FILE`: each note with its verdict, as JSON lines (the wasm parity test
/// gives the same notes to the wasm build and compares).
fn notes(file: &Path) -> Result<(), String> {
    let text = read_text(file, MAX_NOTES_BYTES, "notes file")?;
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let mut written = Ok(());
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let note = match line.splitn(5, '\t').nth(4) {
            // The corpus's way of writing "no note at all".
            Some("<empty>") => None,
            Some(note) => Some(note),
            None if !line.contains('\t') => Some(line),
            None => {
                return Err(format!(
                    "{}: a row with fewer than 5 columns: {line:?}",
                    file.display()
                ))
            }
        };
        let note = note.map(|n| n.replace("\\n", "\n").replace("\\t", "\t"));
        let verdict = askfirst::core::note::classify_note(note.as_deref());
        let row = serde_json::json!({ "note": note, "verdict": verdict });
        written = written.and_then(|()| writeln!(out, "{row}"));
    }
    match written.and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {e}"))
        }
        _ => Ok(()),
    }
}

fn triage(page: &Path, settings: Option<&Path>, json: bool, lang: &str) -> Result<(), String> {
    let words = Lang::from_code(lang)
        .filter(|l| Lang::REPLY.contains(l))
        .map(Catalogue::embedded)
        .ok_or_else(|| {
            let codes: Vec<&str> = Lang::REPLY.iter().map(|l| l.code()).collect();
            format!(
                "--lang {lang:?}: AskFirst has no words in that language (one of {})",
                codes.join(", ")
            )
        })?;
    let settings = match settings {
        Some(path) => {
            let text = read_text(path, MAX_SETTINGS_BYTES, "settings file")?;
            Settings::from_json(&text)
                .map_err(|e| format!("{}: {}", path.display(), settings_error(&e, words)))?
        }
        None => Settings::default(),
    };
    let engine = Engine::try_new(settings)
        .map_err(|e| format!("settings: {}", settings_error(&e, words)))?;
    let html = read_text(page, MAX_PAGE_BYTES, "page")?;
    if !looks_like_html(&html) {
        return Err(format!(
            "{}: does not look like HTML (a saved page starts with '<'); save the invitations page as HTML",
            page.display()
        ));
    }
    let (triaged, diagnostics) = engine.triage_page(&html);
    if triaged.is_empty() {
        eprintln!(
            "askfirst: no person invitations found in {}",
            page.display()
        );
        for d in &diagnostics {
            eprintln!("askfirst: {}", terminal_safe(d));
        }
    }
    let out = io::stdout();
    let mut out = BufWriter::new(out.lock());
    let written = if json {
        write_json(&mut out, &triaged, words)
    } else {
        write_table(&mut out, &triaged, words)
    };
    match written.and_then(|()| out.flush()) {
        // A closed pipe (`askfirst … | head`) is the reader's choice, not an error.
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {e}"))
        }
        _ => Ok(()),
    }
}

fn redact(page: &Path) -> Result<(), String> {
    let html = read_text(page, MAX_PAGE_BYTES, "page")?;
    if !looks_like_html(&html) {
        return Err(format!(
            "{}: does not look like HTML (a saved page starts with '<'); save the invitations page as HTML",
            page.display()
        ));
    }
    let sample = askfirst::core::linkedin::redact::redact_page(&html);
    let mut out = io::stdout().lock();
    match out.write_all(sample.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => {
            Err(format!("cannot write the output: {e}"))
        }
        _ => Ok(()),
    }
}

/// A settings error as the options page says it (in `--lang`), and where it is in the
/// file, for whoever edits it by hand.
fn settings_error(e: &SettingsError, words: &Catalogue) -> String {
    let said = words.word(&e.said());
    match e.path() {
        Some(path) => format!("{said} (at {path})"),
        None => said,
    }
}

/// Reads a UTF-8 text file no larger than `cap`, checking what it is before reading.
fn read_text(path: &Path, cap: u64, what: &str) -> Result<String, String> {
    let shown = path.display();
    let read_err = |e: io::Error| format!("{shown}: cannot read the {what}: {}", io_reason(&e));
    let meta = std::fs::metadata(path).map_err(read_err)?;
    if meta.is_dir() {
        return Err(format!("{shown}: is a directory, not a {what}"));
    }
    if meta.len() > cap {
        return Err(format!(
            "{shown}: the {what} is {} MB; AskFirst reads at most {} MB",
            meta.len() >> 20,
            cap >> 20
        ));
    }
    let mut file = File::open(path).map_err(read_err)?;
    // The head first: a binary file is refused before the rest is read. `take` guards
    // against files that grow, and devices whose size reads as 0 (/dev/zero).
    let mut bytes = Vec::with_capacity(meta.len().min(cap) as usize);
    (&mut file)
        .take(8192)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.contains(&0) {
        return Err(format!("{shown}: the {what} is a binary file, not text"));
    }
    file.take(cap + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(read_err)?;
    if bytes.len() as u64 > cap {
        return Err(format!(
            "{shown}: the {what} is larger than {} MB",
            cap >> 20
        ));
    }
    let mut text = String::from_utf8(bytes).map_err(|e| {
        format!(
            "{shown}: the {what} is not UTF-8 text (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )
    })?;
    if text.starts_with('\u{feff}') {
        text.drain(..'\u{feff}'.len_utf8());
    }
    Ok(text)
}

fn io_reason(e: &io::Error) -> String {
    match e.kind() {
        io::ErrorKind::NotFound => "no such file".into(),
        io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// Saved pages and card snippets start with a tag, a doctype or a comment.
fn looks_like_html(text: &str) -> bool {
    text.trim_start().starts_with('<')
}

/// One object per invitation: the triage as the engine says it, with `reasons`,
/// `summary` and `warnings` worded in the chosen language (as before codes existed) and
/// what the engine said alongside, as codes with parameters (`reason_codes`,
/// `summary_code`, `warning_codes`).
fn write_json(out: &mut impl Write, triaged: &[Triage], words: &Catalogue) -> io::Result<()> {
    let worded = |list: &[Said]| -> Vec<String> { list.iter().map(|s| words.word(s)).collect() };
    for t in triaged {
        // Triage holds only strings, numbers, booleans and lists: serialising cannot fail.
        let mut v = serde_json::to_value(t).map_err(io::Error::other)?;
        if let Some(o) = v.as_object_mut() {
            for (field, codes) in [("reasons", "reason_codes"), ("warnings", "warning_codes")] {
                if let Some(said) = o.remove(field) {
                    o.insert(codes.into(), said);
                }
            }
            if let Some(said) = o.remove("summary") {
                o.insert("summary_code".into(), said);
            }
            o.insert("reasons".into(), worded(&t.reasons).into());
            o.insert("summary".into(), words.word(&t.summary).into());
            o.insert("warnings".into(), worded(&t.warnings).into());
        }
        writeln!(out, "{v}")?;
    }
    Ok(())
}

fn write_table(out: &mut impl Write, triaged: &[Triage], words: &Catalogue) -> io::Result<()> {
    const NAME_WIDTH: usize = 28;
    if triaged.is_empty() {
        return Ok(()); // stderr already says why
    }
    let rows: Vec<[String; 5]> = triaged
        .iter()
        .map(|t| {
            [
                clip(&terminal_safe(&t.invitation.name), NAME_WIDTH),
                t.note_kind.as_str().to_string(),
                t.fit.as_str().to_string(),
                t.plan.as_str().to_string(),
                terminal_safe(&why(t, words)),
            ]
        })
        .collect();
    let header = ["NAME", "NOTE", "FIT", "PLAN", "WHY"];
    let mut widths = header.map(UnicodeWidthStr::width);
    for row in &rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut line = |cells: [&str; 5]| -> io::Result<()> {
        let mut text = String::new();
        for (i, cell) in cells.iter().enumerate() {
            text.push_str(cell);
            if i + 1 < cells.len() {
                let pad = widths[i] + 2 - cell.width();
                text.extend(std::iter::repeat_n(' ', pad));
            }
        }
        writeln!(out, "{}", text.trim_end())
    };
    line(header)?;
    for row in &rows {
        line([&row[0], &row[1], &row[2], &row[3], &row[4]])?;
    }
    let count = |plan: &str| triaged.iter().filter(|t| t.plan.as_str() == plan).count();
    writeln!(
        out,
        "\n{} person invitation{}: {} ask first, {} accept and follow up, {} accept",
        triaged.len(),
        if triaged.len() == 1 { "" } else { "s" },
        count("ask-first"),
        count("accept-follow-up"),
        count("accept"),
    )
}

/// What decided, in one line: the note's and the fit's reasons (those before the plan's
/// summary in `reasons`), else the summary.
fn why(t: &Triage, words: &Catalogue) -> String {
    let upto = t
        .reasons
        .iter()
        .position(|r| *r == t.summary)
        .unwrap_or(t.reasons.len());
    if upto == 0 {
        words.word(&t.summary)
    } else {
        t.reasons[..upto]
            .iter()
            .map(|r| words.word(r))
            .collect::<Vec<_>>()
            .join("; ")
    }
}

/// Strangers' text must not drive the terminal: control characters (escape sequences)
/// and bidi overrides become U+FFFD, line breaks a space.
fn terminal_safe(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\n' | '\r' | '\t' => ' ',
            c if c.is_control() => '\u{fffd}',
            '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}' => {
                '\u{fffd}'
            }
            c => c,
        })
        .collect()
}

fn clip(text: &str, width: usize) -> String {
    if text.width() <= width {
        return text.to_string();
    }
    let mut s = String::new();
    let mut used = 0;
    for c in text.chars() {
        let w = c.width().unwrap_or(0);
        if used + w + 1 > width {
            break;
        }
        used += w;
        s.push(c);
    }
    s.push('…');
    s
}
