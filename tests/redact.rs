//! Redacted page samples (issue #12 §4): on every fixture invitations page and a sample of
//! their markup variants, no name, headline, note line, profile slug or urn number of the
//! original survives in `redact_page`'s sample, and the sample, read again, gives the same
//! cards: as many, with the same kinds, follows-you flags, mutual counts and note presence,
//! names and headlines of the same length.

mod markup_variation;

use askfirst::core::invitation::Invitation;
use askfirst::core::linkedin::redact::redact_page;
use askfirst::core::linkedin::{labels, read_page};
use markup_variation::variants_of;

const DIR: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/linkedin/");

fn pages() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(DIR)
        .expect("fixtures dir")
        .filter_map(|e| {
            let name = e.ok()?.file_name().into_string().ok()?;
            name.ends_with(".html").then(|| {
                let html = std::fs::read_to_string(format!("{DIR}{name}")).expect("fixture");
                (name, html)
            })
        })
        .collect();
    out.sort();
    out
}

/// What must survive redaction, per card.
fn shape(i: &Invitation) -> (String, bool, u32, bool, usize, Option<usize>) {
    (
        format!("{:?}", i.kind),
        i.follows_you,
        i.mutual_connections,
        i.note.is_some(),
        i.name.chars().count(),
        i.headline.as_ref().map(|h| h.chars().count()),
    )
}

/// Pieces of the original that must not be in the sample (long enough to mean something).
fn secrets(i: &Invitation) -> Vec<String> {
    let mut out = vec![i.name.clone()];
    out.extend(i.headline.clone());
    if let Some(note) = &i.note {
        out.extend(note.lines().map(str::trim).map(str::to_string));
    }
    if let Some(url) = &i.profile_url {
        let slug = url.trim_end_matches('/').rsplit('/').next().unwrap_or("");
        out.push(format!("/{slug}"));
    }
    if let Some(urn) = &i.invitation_urn {
        out.extend(urn.rsplit(':').next().map(str::to_string));
    }
    // A name made of LinkedIn's own words ("Accept", "See more": the variants' names equal
    // to UI words) is in the sample as the label it also is.
    out.retain(|s| {
        s.chars().filter(|c| c.is_alphanumeric()).count() >= 4
            && !s
                .split_whitespace()
                .all(|w| labels::is_ui_word(&askfirst::core::text::fold(w)))
    });
    out
}

fn check(name: &str, html: &str) -> Result<(), String> {
    let original = read_page(html).invitations;
    let sample = redact_page(html);
    let again = read_page(&sample).invitations;
    let want: Vec<_> = original.iter().map(shape).collect();
    let got: Vec<_> = again.iter().map(shape).collect();
    if want != got {
        return Err(format!(
            "{name}: read again\n  got  {got:?}\n  want {want:?}"
        ));
    }
    for i in &original {
        for secret in secrets(i) {
            if sample.contains(&secret) {
                return Err(format!("{name}: {secret:?} survives in the sample"));
            }
        }
    }
    Ok(())
}

#[test]
fn every_fixture_page_redacts_to_a_sample_that_reads_the_same_and_tells_nothing() {
    let mut cards = 0;
    for (name, html) in pages() {
        cards += read_page(&html).invitations.len();
        check(&name, &html).unwrap();
    }
    assert!(cards > 40, "the fixtures hold cards ({cards})");
}

#[test]
fn markup_variants_redact_the_same_way() {
    let mut ran = 0;
    let mut failures = Vec::new();
    for (name, html) in pages() {
        if !(name.starts_with("current-") || name.starts_with("legacy-")) {
            continue;
        }
        // Every transformation alone and a sample of pairs.
        for v in variants_of(&name, &html, 25).0 {
            ran += 1;
            if let Err(e) = check(&v.name, &v.html) {
                failures.push(e);
            }
        }
    }
    use std::io::Write as _;
    let _ = writeln!(
        std::io::stderr(),
        "redacted variants: {ran} ran, {} passed, {} failed",
        ran - failures.len(),
        failures.len()
    );
    assert!(ran > 300, "variants made ({ran})");
    assert!(
        failures.is_empty(),
        "{} of {ran} variants:\n{}",
        failures.len(),
        failures
            .iter()
            .take(8)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}
