//! A page cannot stall the engine with markup that is costly to parse (issue #13,
//! finding 5: one 4 MB message of deeply nested elements took 23.6 s). Work is measured
//! by the scan's own step counter and by what reached the reader (the read cache), not
//! by the clock: the nested cards are refused after a few hundred steps each, with the
//! reason, and the real card beside them is read as always. The main before this
//! change gave no such reason: it parsed every nested card.

use askfirst::core::markup_budget::{
    scan, MAX_CARD_ELEMENTS, MAX_DEPTH, MAX_MESSAGE_ELEMENTS, MAX_THREAD_ELEMENTS,
};
use askfirst::core::protocol::{
    triage_cards_with, CardHtml, CardStatus, Overrides, ReadCache, MAX_CARD_HTML_BYTES,
    MAX_MESSAGE_BYTES,
};
use askfirst::core::protocol_ledger::{handle, Context, LedgerAnswer, LedgerRequest};
use askfirst::core::settings::Settings;
use askfirst::core::triage::Engine;
use scraper::{Html, Selector};

fn real_card() -> String {
    let page = include_str!("fixtures/linkedin/current-en.html");
    let doc = Html::parse_document(page);
    let sel = Selector::parse(r#"[data-view-name="pending-invitation"]"#).unwrap();
    doc.select(&sel).next().unwrap().html()
}

/// Nested `<div>`s (with a little text each) filling `bytes`.
fn nested(bytes: usize) -> String {
    let unit = "<div>a</div>".len();
    let n = bytes / unit;
    format!("{}{}", "<div>a".repeat(n), "</div>".repeat(n))
}

#[test]
fn a_message_of_nested_cards_is_refused_before_parsing_and_the_real_card_is_read() {
    let engine = Engine::new(Settings::default());
    let mut cards: Vec<CardHtml> = (0..15)
        .map(|i| CardHtml {
            id: format!("n{i}"),
            html: nested(MAX_CARD_HTML_BYTES - 16),
            hidden: false,
        })
        .collect();
    cards.push(CardHtml {
        id: "real".into(),
        html: real_card(),
        hidden: false,
    });
    let bytes: usize = cards.iter().map(|c| c.html.len()).sum();
    assert!(
        bytes <= MAX_MESSAGE_BYTES,
        "inside the message cap: {bytes}"
    );
    let mut reads = ReadCache::new(ReadCache::BACKGROUND_CAP);
    let answer = triage_cards_with(&engine, &cards, &Overrides::default(), &mut reads);
    let work: usize = cards[..15]
        .iter()
        .map(|c| scan(&c.html, MAX_DEPTH, MAX_CARD_ELEMENTS).work)
        .sum();
    println!(
        "{bytes} bytes of nested cards: {work} scan steps in all ({} per card), {} card(s) reached the reader",
        work / 15,
        reads.size().0
    );
    for a in &answer.cards[..15] {
        assert_eq!(a.status, CardStatus::Unread);
        assert!(a.diagnostics[0].contains("deep"), "{:?}", a.diagnostics);
    }
    assert!(work <= 15 * (MAX_DEPTH + 1) * "<div>a".len(), "{work}");
    let real = &answer.cards[15];
    assert_eq!(real.status, CardStatus::Person, "{:?}", real.diagnostics);
    assert_eq!(reads.size().0, 1, "only the real card was parsed");
}

#[test]
fn a_message_over_its_elements_allowance_reads_what_fits() {
    let engine = Engine::new(Settings::default());
    // Flat cards of the most elements a card may have, as many as a message holds: three
    // times the message's allowance.
    let flat = "<span>a</span>".repeat(MAX_CARD_ELEMENTS - 1);
    let cards: Vec<CardHtml> = (0..200)
        .map(|i| CardHtml {
            id: format!("f{i}"),
            html: format!("<div id=\"{i}\">{flat}</div>"),
            hidden: false,
        })
        .take(MAX_MESSAGE_BYTES / (flat.len() + 20))
        .collect();
    let mut reads = ReadCache::new(0);
    let answer = triage_cards_with(&engine, &cards, &Overrides::default(), &mut reads);
    let over: Vec<_> = answer
        .cards
        .iter()
        .filter(|a| a.diagnostics.iter().any(|d| d.contains("elements")))
        .collect();
    let fits = MAX_MESSAGE_ELEMENTS / MAX_CARD_ELEMENTS;
    println!(
        "{} cards of {} elements: {} read, {} over the message's allowance",
        cards.len(),
        MAX_CARD_ELEMENTS,
        cards.len() - over.len(),
        over.len()
    );
    assert_eq!(cards.len() - over.len(), fits);
    assert!(over.len() > fits, "the test sent more than the allowance");
}

#[test]
fn a_nested_thread_is_refused_before_parsing() {
    let mut ledger = askfirst::core::ledger::Ledger::new();
    let html = nested(2 * 1024 * 1024 - 64);
    assert!(scan(&html, MAX_DEPTH, MAX_THREAD_ELEMENTS).work < 1_000);
    let handled = handle(
        &mut ledger,
        LedgerRequest::ThreadSeen { html },
        Context {
            now: 1,
            reminder_days: 7,
        },
    );
    match handled.answer {
        LedgerAnswer::Error { message } => assert!(message.contains("deep"), "{message}"),
        other => panic!("{other:?}"),
    }
    // A flat thread of too many elements, too.
    let html = "<li>a</li>".repeat(MAX_THREAD_ELEMENTS + 1);
    let handled = handle(
        &mut ledger,
        LedgerRequest::ThreadSeen { html },
        Context {
            now: 1,
            reminder_days: 7,
        },
    );
    assert!(
        matches!(handled.answer, LedgerAnswer::Error { message } if message.contains("elements"))
    );
}
