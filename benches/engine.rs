//! Engine speed, printed by criterion (goals from issue 2, checked here, never by timed
//! tests): reading a 1,000-card page (< 50 ms natively) and classify + fit + plan + reply
//! per invitation (≥ 200,000 invitations/s natively, also printed as that figure). The
//! note classifier alone on the whole note corpus (every language, every kind) too.
//!
//! The page is built at bench time from the card roots found in
//! tests/fixtures/linkedin/*.html, repeated to 1,000 cards. The page and the invitation
//! set are written to `<target>/criterion/askfirst-bench/` so that benches/wasm-bench.mjs
//! measures the wasm build on exactly the same input.

use askfirst::core::invitation::{Controls, Invitation, InvitationKind, Locator, UiGeneration};
use askfirst::core::linkedin::{page_selectors, read_page};
use askfirst::core::note::{classify_note, NoteKind};
use askfirst::core::protocol::{triage_cards, triage_cards_with, CardHtml, Overrides, ReadCache};
use askfirst::core::settings::Settings;
use askfirst::core::triage::Engine;
use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use scraper::{Html, Selector};
use std::hint::black_box;
use std::path::{Path, PathBuf};

const CARDS: usize = 1_000;
const SETTINGS: &str = include_str!("../tests/fixtures/settings/demo-settings.json");

fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Where the Node bench looks for the shared input (criterion writes next to it).
fn shared_dir() -> PathBuf {
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("target"));
    target.join("criterion").join("askfirst-bench")
}

/// Every card root's outerHTML in the fixtures, using the reader's own selectors in
/// their order of preference (one source of LinkedIn knowledge).
fn fixture_cards() -> Vec<String> {
    let dir = manifest_dir().join("tests/fixtures/linkedin");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return vec![];
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
        .collect();
    paths.sort();
    let selectors: Vec<Selector> = page_selectors()
        .card_roots
        .iter()
        .filter_map(|css| Selector::parse(css).ok())
        .collect();
    let mut cards = Vec::new();
    for path in paths {
        let Ok(html) = std::fs::read_to_string(&path) else {
            continue;
        };
        let doc = Html::parse_document(&html);
        if let Some(sel) = selectors.iter().find(|s| doc.select(s).next().is_some()) {
            let roots: Vec<_> = doc.select(sel).collect();
            for root in &roots {
                let nested = root
                    .ancestors()
                    .any(|a| roots.iter().any(|r| r.id() == a.id()));
                if !nested {
                    cards.push(root.html());
                }
            }
        }
    }
    cards
}

/// A page of `CARDS` cards cycling through the fixture cards, each copy with its own
/// invitation urn and profile URL, as on a real page.
fn thousand_card_page(cards: &[String]) -> String {
    let mut page = String::from(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Invitations | LinkedIn</title></head><body><main><ul>",
    );
    for i in 0..CARDS {
        let card = &cards[i % cards.len()];
        page.push_str(
            &card
                .replace("urn:li:invitation:", &format!("urn:li:invitation:{i}0"))
                .replace("/in/", &format!("/in/c{i}-")),
        );
    }
    page.push_str("</ul></main></body></html>");
    page
}

/// A varied set of person invitations: every note kind in several languages, direct,
/// excluded and unclear headlines, missing fields, emoji and right-to-left names, and
/// the control combinations that change the reply paths.
fn varied_invitations() -> Vec<Invitation> {
    let notes: &[Option<&str>] = &[
        None,
        Some("I'd like to add you to my professional network on LinkedIn."),
        Some("Hi Dana, I'd like to add you to my professional network on LinkedIn. Best, Ana"),
        Some("Bonjour, j'aimerais vous ajouter à mon réseau professionnel sur LinkedIn."),
        Some("Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen."),
        Some("Let's connect!"),
        Some("Hola, me encantaría conectar contigo y ampliar mi red profesional."),
        Some("We met at SaaStr last week: you asked about our churn numbers, happy to share."),
        Some("Sarah Lopez m'a conseillé de vous écrire au sujet de votre projet de CRM."),
        Some("Ho letto il tuo articolo sulla prospezione B2B e avrei una domanda sul secondo punto: come misuri il tasso di risposta? Grazie mille, sarebbe utile per il nostro team commerciale che sta ripensando tutto il processo."),
    ];
    let headlines: &[(Option<&str>, Option<&str>)] = &[
        (Some("Founder & CEO at Brightside"), Some("Brightside")),
        (Some("Head of Sales EMEA | SaaS | ex-Oracle"), None),
        (Some("Technical Recruiter at TalentCo"), Some("TalentCo")),
        (Some("Software engineer"), None),
        (Some("Directrice commerciale chez Ventoux — B2B, growth, partenariats, et beaucoup de café"), Some("Ventoux")),
        (None, None),
    ];
    let names = [
        "Ana Souza",
        "Jonas Weber",
        "Zoë 🚀 Martin",
        "مريم الحسن",
        "Li Wei",
        "Ama Owusu-Ansah",
    ];
    let loc = |s: &str| {
        Some(Locator {
            selector: s.to_string(),
            index: 0,
            count: 2,
        })
    };
    let mut out = Vec::new();
    for (i, note) in notes.iter().enumerate() {
        for (j, (headline, company)) in headlines.iter().enumerate() {
            let name = names[(i + j) % names.len()];
            out.push(Invitation {
                kind: InvitationKind::Person,
                ui: if j % 2 == 0 {
                    UiGeneration::Current
                } else {
                    UiGeneration::Legacy
                },
                name: name.to_string(),
                first_name: name.split(' ').next().unwrap_or("").to_string(),
                profile_url: Some(format!("https://www.linkedin.com/in/p{i}-{j}/")),
                invitation_urn: Some(format!("urn:li:invitation:{i}{j}")),
                headline: headline.map(str::to_string),
                company: company.map(str::to_string),
                note: note.map(str::to_string),
                mutual_connections: ((i * 7 + j) % 12) as u32,
                follows_you: (i + j) % 3 == 0,
                controls: Controls {
                    accept: loc("[data-view-name=\"invitation-action\"]"),
                    ignore: loc("[data-view-name=\"invitation-action\"]"),
                    reply: note.and(loc("a[href*=\"/messaging/\"]")),
                    message: ((i + j) % 5 == 0).then(|| Locator {
                        selector: "button".into(),
                        index: 2,
                        count: 3,
                    }),
                },
            });
        }
    }
    out
}

fn write_shared(name: &str, contents: &str) {
    let dir = shared_dir();
    if let Err(e) =
        std::fs::create_dir_all(&dir).and_then(|()| std::fs::write(dir.join(name), contents))
    {
        eprintln!(
            "could not write {}: {e} (the wasm bench will lack this input)",
            dir.join(name).display()
        );
    }
}

fn bench_read_page(c: &mut Criterion) {
    let cards = fixture_cards();
    if cards.is_empty() {
        println!(
            "read_page: no fixtures with invitation cards in tests/fixtures/linkedin: skipped"
        );
        return;
    }
    let page = thousand_card_page(&cards);
    let read = read_page(&page).invitations.len();
    println!(
        "read_page: {CARDS}-card page built from {} fixture cards, {} KB; the reader finds {read} invitations",
        cards.len(),
        page.len() / 1024
    );
    write_shared("page-1000.html", &page);
    let mut group = c.benchmark_group("read_page");
    group.sample_size(20);
    group.throughput(Throughput::Elements(CARDS as u64));
    group.bench_function("1000_cards", |b| {
        b.iter(|| read_page(black_box(&page)).invitations.len())
    });
    group.finish();
}

fn bench_triage(c: &mut Criterion) {
    let invitations = varied_invitations();
    let engine = Engine::new(Settings::from_json(SETTINGS).expect("demo settings are valid"));
    write_shared(
        "invitations.json",
        &serde_json::to_string(&invitations).expect("plain data"),
    );
    write_shared("settings.json", SETTINGS);
    // The figure of the goal, from a plain timed run (criterion's own estimates follow).
    let run = || {
        invitations
            .iter()
            .filter_map(|inv| engine.triage(black_box(inv)))
            .filter(|t| t.reply.is_some())
            .count()
    };
    run();
    let rounds = 2_000;
    let started = std::time::Instant::now();
    for _ in 0..rounds {
        black_box(run());
    }
    let per_second = (rounds * invitations.len()) as f64 / started.elapsed().as_secs_f64();
    println!(
        "triage: classify + fit + plan + reply: {} invitations/s natively (goal ≥ 200,000; {} invitations × {rounds})",
        thousands(per_second),
        invitations.len()
    );
    let mut group = c.benchmark_group("triage");
    group.throughput(Throughput::Elements(invitations.len() as u64));
    group.bench_function("classify_fit_plan_reply", |b| {
        b.iter(|| {
            invitations
                .iter()
                .filter_map(|inv| engine.triage(black_box(inv)))
                .filter(|t| t.reply.is_some())
                .count()
        })
    });
    group.finish();
}

/// 1234567.8 → "1,234,568".
fn thousands(x: f64) -> String {
    let digits = format!("{:.0}", x);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The note classifier alone on every note of the note corpora (tests/fixtures/notes/
/// *.tsv: 24 languages, every kind, long and short), written for benches/wasm-bench.mjs
/// too, so that the wasm build is timed on the same notes.
fn bench_notes(c: &mut Criterion) {
    let dir = manifest_dir().join("tests/fixtures/notes");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    files.retain(|p| p.extension().is_some_and(|e| e == "tsv"));
    files.sort();
    let notes: Vec<Option<String>> = files
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .flat_map(|text| {
            text.lines()
                .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
                .filter_map(|l| l.splitn(5, '\t').nth(4))
                .map(|n| (n != "<empty>").then(|| n.replace("\\n", "\n")))
                .collect::<Vec<_>>()
        })
        .collect();
    if notes.is_empty() {
        return;
    }
    write_shared(
        "notes.json",
        &serde_json::to_string(&notes).expect("plain data"),
    );
    let mut group = c.benchmark_group("notes");
    group.sample_size(20);
    group.throughput(Throughput::Elements(notes.len() as u64));
    group.bench_function("classify_corpus", |b| {
        b.iter(|| {
            notes
                .iter()
                .filter(|n| classify_note(black_box(n.as_deref())).kind == NoteKind::Reasoned)
                .count()
        })
    });
    group.finish();
}

/// The background's whole work for one content-script message of 100 cards (read each
/// card's outerHTML, triage it, build the answers): what the in-page warm "last badge"
/// waits for besides messaging and drawing (issue 3).
fn bench_triage_cards(c: &mut Criterion) {
    let cards = fixture_cards();
    if cards.is_empty() {
        return;
    }
    let message: Vec<CardHtml> = cards
        .iter()
        .cycle()
        .take(100)
        .enumerate()
        .map(|(i, html)| CardHtml {
            id: format!("c{i}"),
            html: html.clone(),
            hidden: false,
        })
        .collect();
    write_shared(
        "cards-100.json",
        &serde_json::to_string(&message.iter().map(|c| &c.html).collect::<Vec<_>>())
            .expect("plain data"),
    );
    let engine = Engine::new(Settings::from_json(SETTINGS).expect("demo settings are valid"));
    let fine = Overrides::default();
    let mut group = c.benchmark_group("triage_cards");
    group.throughput(Throughput::Elements(message.len() as u64));
    group.bench_function("message_of_100", |b| {
        b.iter(|| {
            triage_cards(&engine, black_box(&message), &fine)
                .cards
                .len()
        })
    });
    // The same message again, its cards read before (the background keeps the reads): a
    // page opened again, a list LinkedIn renders again.
    let mut reads = ReadCache::new(ReadCache::BACKGROUND_CAP);
    triage_cards_with(&engine, &message, &fine, &mut reads);
    group.bench_function("message_of_100_read_before", |b| {
        b.iter(|| {
            triage_cards_with(&engine, black_box(&message), &fine, &mut reads)
                .cards
                .len()
        })
    });
    group.finish();
}

criterion_group!(
    benches,
    bench_read_page,
    bench_triage,
    bench_triage_cards,
    bench_notes
);
criterion_main!(benches);
