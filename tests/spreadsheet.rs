//! The CSV export opened by a real spreadsheet engine (LibreOffice Calc, headless) with
//! every separator convention a user's locale may pick — `,` `;` tab `|` and all of them at
//! once — with formula evaluation on and blanks trimmed: no cell of the export may come
//! out as a formula (issue #13, finding 3: `Head of Sales;=HYPERLINK(…);=1+1` was a live
//! link and a formula in a `;` spreadsheet). The same cells written without the defusing
//! must come out as formulas, so that this test can tell.
//!
//! Needs `soffice` (Debian `libreoffice-calc-nogui`; `./build.sh test` installs it).

use askfirst::core::ledger::{Action, Ledger, Snapshot};
use std::path::{Path, PathBuf};
use std::process::Command;

const NOW: u64 = 1_764_189_000_000;

/// Hostile free text: every separator, blank and quote a spreadsheet may split at or
/// skip, before every kind of formula.
fn hostile_cells() -> Vec<String> {
    let prefixes = ["Head of Sales", "", "a b"];
    let breaks = [",", ";", "\t", "|", "\n", "\r\n"];
    let blanks = ["", " ", "  "];
    let quotes = ["", "\"", "'\""];
    let payloads = [
        "=1+1",
        "=HYPERLINK(\"http://x\";\"y\")",
        "=HYPERLINK(\"http://x\",\"y\")",
        "+1+1",
        "-1+1",
        "@SUM(1)",
        "=cmd|' /C calc'!A0",
    ];
    let mut cells = Vec::new();
    for p in prefixes {
        for b in breaks {
            for s in blanks {
                for q in quotes {
                    for f in payloads {
                        cells.push(format!("{p}{b}{s}{q}{f}"));
                    }
                }
            }
        }
    }
    // Starts of a cell, and several in one.
    cells.extend(payloads.iter().map(|f| f.to_string()));
    cells.extend(payloads.iter().map(|f| format!(" {f}")));
    cells.push("Head of Sales;=HYPERLINK(\"http://x\";\"y\");=1+1".into());
    cells
}

fn hostile_ledger(cells: &[String]) -> Ledger {
    let mut l = Ledger::new();
    for (i, cell) in cells.iter().enumerate() {
        let key = format!("name:Person {i}");
        let snapshot = Snapshot {
            name: format!("P{i} {cell}").chars().take(200).collect(),
            headline: Some(cell.clone()),
            ..Snapshot::default()
        };
        l.record(&key, Action::Seen, NOW, Some(snapshot)).unwrap();
        let note = Action::Note { text: cell.clone() };
        l.record(&key, note, NOW + 1, None).unwrap();
    }
    l
}

/// The same rows as the export, cells as they are: what a spreadsheet must turn into
/// formulas if the engine is set up to evaluate them.
fn undefused_csv(cells: &[String]) -> String {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    for cell in cells {
        w.write_record(["x", cell.as_str(), cell.as_str()]).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

fn soffice() -> &'static str {
    let found = Command::new("soffice")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    assert!(
        found,
        "LibreOffice's `soffice` is needed for this test: `./build.sh setup` installs it \
         (Debian: apt-get install libreoffice-calc-nogui)"
    );
    "soffice"
}

/// Opens each CSV with the separators given (ASCII codes joined by `/`), formulas
/// evaluated and blanks trimmed, and returns how many cells of each are formulas.
fn formulas_after_opening(dir: &Path, separators: &str, csvs: &[&Path]) -> Vec<usize> {
    let out = dir.join(format!("out-{}", separators.replace('/', "-")));
    // Tokens: separators, text delimiter `"`, UTF-8, from line 1, standard cell formats,
    // default language, quoted fields NOT forced to text, detect special numbers, -, -,
    // remove spaces, -, evaluate formulas.
    let filter = format!("CSV:{separators},34,76,1,,0,false,true,false,false,true,-1,true");
    let profile = format!(
        "-env:UserInstallation=file://{}",
        dir.join("profile").display()
    );
    let status = Command::new(soffice())
        .args([profile.as_str(), "--headless", "--norestore"])
        .arg(format!("--infilter={filter}"))
        .args(["--convert-to", "fods", "--outdir"])
        .arg(&out)
        .args(csvs)
        .output()
        .expect("soffice runs");
    assert!(status.status.success(), "soffice: {status:?}");
    csvs.iter()
        .map(|csv| {
            let name = csv.file_stem().unwrap().to_string_lossy().to_string();
            let fods = std::fs::read_to_string(out.join(format!("{name}.fods")))
                .unwrap_or_else(|e| panic!("no {name}.fods from soffice ({e}): {status:?}"));
            fods.matches("table:formula=").count()
        })
        .collect()
}

fn scratch_dir() -> PathBuf {
    let dir = std::env::temp_dir().join(format!("askfirst-spreadsheet-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn no_cell_of_the_export_is_a_formula_in_any_separator_convention() {
    let cells = hostile_cells();
    let dir = scratch_dir();
    let export = dir.join("export.csv");
    let control = dir.join("control.csv");
    std::fs::write(&export, hostile_ledger(&cells).export_csv()).unwrap();
    std::fs::write(&control, undefused_csv(&cells)).unwrap();
    for (label, separators) in [
        ("comma", "44"),
        ("semicolon", "59"),
        ("tab", "9"),
        ("pipe", "124"),
        ("all four", "44/59/9/124"),
    ] {
        let counts = formulas_after_opening(&dir, separators, &[&export, &control]);
        println!(
            "{label:>9}: {} hostile cells; formulas in the export: {}, in the same cells undefused: {}",
            cells.len(),
            counts[0],
            counts[1]
        );
        assert!(
            counts[1] > 0,
            "{label}: the undefused control has no formula, so LibreOffice did not evaluate any"
        );
        assert_eq!(counts[0], 0, "{label}: the export has formula cells");
    }
    let _ = std::fs::remove_dir_all(&dir);
}
