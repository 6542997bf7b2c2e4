//! Markup-variation (metamorphic) tests, issue #12: every fixture invitations page of both
//! UI generations (`current-*.html`, `legacy-*.html`) rewritten by each transformation of
//! `markup_variation` and by pairs of them, read by the reader the CLI uses
//! (`read_page`, whose invitations `askfirst triage --json` prints): the same invitations
//! with the same name, profile link, headline, note, mutual count, follows-you flag, kind
//! and located controls as the original page, none invented, none lost.
//!
//! Expectations written down here (decided for the reader, checked by the variants):
//! - a card root carrying `hidden` (or inside a `hidden` element) is not shown to the
//!   user, so it is not read: a hidden duplicate of a card adds no invitation;
//! - text inside a `hidden` element is never a name, headline or note;
//! - data islands (`<script>`, `<code>` comments) mentioning invitation urns are noise;
//! - a name equal to a UI word ("Accept", "Reply", "See more") is a name like another;
//! - no mutual line means 0 mutual connections;
//! - splitting a note paragraph (a `<br>`, two `<p>`) moves the note's line breaks only.
//!
//! `ASKFIRST_VARIANTS_OUT=DIR cargo test --features cli --test variants write_variant_pages
//! -- --ignored` writes a sample of variant pages (all of them with `CI=true`) into DIR for
//! the browser tests (tests/e2e/variants.test.mjs).

mod markup_variation;

use markup_variation::{check, plan, rewrite, seen, transforms, variants_of, Edit};
use std::io::Write as _;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/linkedin/");

fn fixtures() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(DIR)
        .expect("fixtures dir")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            let page = name.ends_with(".html")
                && (name.starts_with("current-") || name.starts_with("legacy-"));
            page.then(|| {
                let html = std::fs::read_to_string(format!("{DIR}{name}")).expect("fixture");
                (name, html)
            })
        })
        .collect();
    out.sort();
    out
}

/// Pairs of transformations: every one with `CI=true`, else every `PAIR_STRIDE`-th (a
/// different sample for each fixture).
const PAIR_STRIDE: usize = 5;

#[test]
fn every_variant_reads_as_its_original() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let stride = if ci { 1 } else { PAIR_STRIDE };
    // One fixture per thread at a time (the generator's closures stay in their thread).
    let pages = fixtures();
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get());
    let next = std::sync::atomic::AtomicUsize::new(0);
    // Per fixture: variants made, transformations not applicable, failures (name, diff).
    type Figures = (usize, usize, Vec<(String, String)>);
    let results: Vec<Figures> = std::thread::scope(|s| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some((file, html)) = pages.get(i) else {
                            return mine;
                        };
                        let (variants, not_applicable) = variants_of(file, html, stride);
                        let failed = variants
                            .iter()
                            .filter_map(|v| check(v).err().map(|e| (v.name.clone(), e)))
                            .collect();
                        mine.push((variants.len(), not_applicable, failed));
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|w| w.join().expect("a variants thread"))
            .collect()
    });
    let ran: usize = results.iter().map(|r| r.0).sum();
    let skipped: usize = results.iter().map(|r| r.1).sum();
    let mut failures: Vec<(String, String)> = results.into_iter().flat_map(|r| r.2).collect();
    failures.sort();
    // Straight to stderr, past the test harness's capture: `./build.sh test` shows the
    // figures of a passing run too.
    let _ = writeln!(
        std::io::stderr(),
        "markup variants: {ran} ran, {} passed, {} failed ({skipped} transformation(s) not applicable to their fixture{})",
        ran - failures.len(),
        failures.len(),
        if ci { "; every pair" } else { "; a sample of pairs, every pair with CI=true" }
    );
    // The first failure of each combination of transformations, fixtures aside.
    let mut shown = std::collections::BTreeMap::new();
    for (name, e) in &failures {
        let combo = name.split_once('+').map_or(name.as_str(), |(_, c)| c);
        shown.entry(combo.to_string()).or_insert(e.clone());
    }
    assert!(ran > 500, "the generator makes variants ({ran})");
    assert!(
        failures.is_empty(),
        "{} of {ran} variants misread; first of each combination:\n{}",
        failures.len(),
        shown
            .values()
            .take(25)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn the_generator_changes_what_it_says() {
    // A transformation that silently did nothing would make its variants pass for free.
    let html = std::fs::read_to_string(format!("{DIR}current-en.html")).expect("fixture");
    let plain = rewrite(&html, &|_| Edit::default(), &|_, _| None);
    assert_eq!(
        seen(&plain),
        seen(&html),
        "re-serialising alone changes nothing"
    );
    for t in transforms(Some("Ana Souza")) {
        if t.name == "identity" {
            continue;
        }
        assert_ne!(
            (t.apply)(&html),
            plain,
            "{} changes current-en.html",
            t.name
        );
    }
    let legacy = std::fs::read_to_string(format!("{DIR}legacy-en.html")).expect("fixture");
    let applicable = transforms(Some("Peter Novak"))
        .iter()
        .filter(|t| (t.apply)(&legacy) != rewrite(&legacy, &|_| Edit::default(), &|_, _| None))
        .count();
    assert!(
        applicable >= 20,
        "{applicable} transformations apply to legacy-en.html"
    );
}

/// The browser's share (tests/e2e/variants.test.mjs runs this): writes
/// `ASKFIRST_VARIANTS_COUNT` variant pages (a number, or `all`), picked by
/// `ASKFIRST_VARIANTS_SEED`, into `ASKFIRST_VARIANTS_OUT` as `vNNNN.html`, with
/// `index.json` naming each page's variant. Each page is checked here first: a page the
/// reader misreads is the native test's failure, not the browser's.
#[test]
#[ignore = "writes pages for the browser test; run by tests/e2e/variants.test.mjs"]
fn write_variant_pages() {
    let out = std::env::var("ASKFIRST_VARIANTS_OUT").expect("ASKFIRST_VARIANTS_OUT=DIR");
    let seed: u64 = std::env::var("ASKFIRST_VARIANTS_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    // Every variant of every fixture (every pair), as (fixture, transformations), in a
    // fixed order; only the sample is made.
    let plans: Vec<_> = fixtures()
        .iter()
        .map(|(file, html)| plan(file, html, 1))
        .collect();
    let mut variants: Vec<(usize, &[usize])> = plans
        .iter()
        .enumerate()
        .flat_map(|(p, f)| f.combos.iter().map(move |c| (p, c.as_slice())))
        .collect();
    let total = variants.len();
    // A seeded Fisher–Yates shuffle (xorshift64*): the same seed, the same sample.
    let mut state = seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1;
    let mut next = move || {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        state.wrapping_mul(0x2545_F491_4F6C_DD1D)
    };
    for i in (1..variants.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        variants.swap(i, j);
    }
    let count = match std::env::var("ASKFIRST_VARIANTS_COUNT").as_deref() {
        Ok("all") | Err(_) => total,
        Ok(n) => n
            .parse()
            .expect("ASKFIRST_VARIANTS_COUNT: a number or `all`"),
    };
    variants.truncate(count);
    std::fs::create_dir_all(&out).expect("the output directory");
    let mut index = Vec::new();
    for (i, &(p, combo)) in variants.iter().enumerate() {
        let v = plans[p].make(combo);
        check(&v).unwrap_or_else(|e| panic!("the reader misreads a variant: {e}"));
        let file = format!("v{i:04}.html");
        std::fs::write(format!("{out}/{file}"), &v.html).expect("a variant page");
        index.push(serde_json::json!({ "file": file, "variant": v.name }));
    }
    std::fs::write(
        format!("{out}/index.json"),
        serde_json::to_string_pretty(&index).expect("json"),
    )
    .expect("index.json");
    let _ = writeln!(
        std::io::stderr(),
        "wrote {} of {total} variant pages (seed {seed}) into {out}",
        variants.len()
    );
}
