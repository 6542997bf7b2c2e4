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

use askfirst::core::invitation::{Invitation, InvitationKind};
use askfirst::core::linkedin::read_page;
use markup_variation::{rewrite, transforms, Edit, Seen, Transform};

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

fn controls(inv: &Invitation) -> String {
    let c = &inv.controls;
    [
        (c.accept.is_some(), 'A'),
        (c.ignore.is_some(), 'I'),
        (c.reply.is_some(), 'R'),
        (c.message.is_some(), 'M'),
    ]
    .iter()
    .filter(|(p, _)| *p)
    .map(|(_, l)| *l)
    .collect()
}

pub fn seen(html: &str) -> Vec<Seen> {
    read_page(html)
        .invitations
        .iter()
        .map(|i| Seen {
            kind: format!("{:?}", i.kind),
            name: i.name.clone(),
            profile_url: i.profile_url.clone(),
            headline: i.headline.clone(),
            note: i.note.clone(),
            mutual: i.mutual_connections,
            follows_you: i.follows_you,
            controls: controls(i),
        })
        .collect()
}

fn loosen(seen: &mut [Seen]) {
    for s in seen {
        if let Some(n) = &mut s.note {
            *n = n.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
}

/// One variant: its name, its page and what it must read as.
struct Variant {
    name: String,
    html: String,
    want: Vec<Seen>,
}

/// Every variant of one fixture: each applicable transformation alone, then pairs (all
/// pairs, or every `stride`-th one), then all the structure-only ones at once.
fn variants_of(file: &str, html: &str, stride: usize) -> (Vec<Variant>, usize) {
    let original = seen(html);
    let first_person = original
        .iter()
        .find(|s| s.kind == format!("{:?}", InvitationKind::Person))
        .map(|s| s.name.clone());
    let ts = transforms(first_person.as_deref());
    let plain = rewrite(html, &|_| Edit::default(), &|_, _| None);
    let mut out = Vec::new();
    let mut not_applicable = 0;
    let applicable: Vec<&Transform> = ts
        .iter()
        .filter(|t| t.name == "identity" || (t.apply)(html) != plain)
        .collect();
    not_applicable += ts.len() - applicable.len();
    let make = |parts: &[&Transform]| {
        let mut page = html.to_string();
        let mut want = original.clone();
        let mut loose = false;
        for t in parts {
            page = (t.apply)(&page);
            (t.expect)(&mut want);
            loose |= t.note_lines_move;
        }
        if loose {
            loosen(&mut want);
        }
        let names: Vec<&str> = parts.iter().map(|t| t.name.as_str()).collect();
        Variant {
            name: format!("{file}+{}", names.join("+")),
            html: page,
            want,
        }
    };
    for t in &applicable {
        out.push(make(&[*t]));
    }
    let rest: Vec<&Transform> = applicable
        .iter()
        .copied()
        .filter(|t| t.name != "identity")
        .collect();
    let mut k = 0;
    for (i, a) in rest.iter().enumerate() {
        for b in &rest[i + 1..] {
            k += 1;
            // Two renames of one name: the second finds nothing to rename.
            if k % stride == 0 && !(a.name.starts_with("name-") && b.name.starts_with("name-")) {
                out.push(make(&[*a, *b]));
            }
        }
    }
    let everything: Vec<&Transform> = rest
        .iter()
        .copied()
        .filter(|t| {
            !t.name.starts_with("name-")
                && !matches!(
                    t.name.as_str(),
                    // Each of these undoes or fights another's premise.
                    "list-as-ul-li" | "screen-on-list" | "screen-absent" | "no-action-hook"
                )
        })
        .collect();
    out.push(make(&everything));
    (out, not_applicable)
}

fn note_loose(v: &Variant) -> bool {
    v.name.contains("note-br") || v.name.contains("note-several-p")
}

fn check(v: &Variant) -> Result<(), String> {
    let mut got = seen(&v.html);
    if note_loose(v) {
        loosen(&mut got);
    }
    if got == v.want {
        return Ok(());
    }
    let mut diff = format!(
        "{}: {} invitations read, {} expected",
        v.name,
        got.len(),
        v.want.len()
    );
    for i in 0..got.len().max(v.want.len()) {
        if got.get(i) != v.want.get(i) {
            diff.push_str(&format!(
                "\n  #{i}\n    got  {:?}\n    want {:?}",
                got.get(i),
                v.want.get(i)
            ));
        }
    }
    Err(diff)
}

/// Pairs of transformations: every one with `CI=true`, else every `PAIR_STRIDE`-th (a
/// different sample for each fixture).
const PAIR_STRIDE: usize = 5;

#[test]
fn every_variant_reads_as_its_original() {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let mut ran = 0;
    let mut skipped = 0;
    let mut failures: Vec<(String, String)> = Vec::new();
    for (file, html) in fixtures() {
        let (variants, not_applicable) =
            variants_of(&file, &html, if ci { 1 } else { PAIR_STRIDE });
        skipped += not_applicable;
        for v in &variants {
            ran += 1;
            if let Err(e) = check(v) {
                failures.push((v.name.clone(), e));
            }
        }
    }
    println!(
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
