//! What the engine answers for the elements the content script sends (`triage-cards`):
//! an element wrapping several card roots is answered with where they are, and each of
//! those, sent on its own, is read; every locator carries the number of matches the
//! engine saw, which the content script checks against the live card.

use askfirst::core::linkedin::{read_page, read_sent_card, SentCard};
use askfirst::core::protocol::{
    triage_card, triage_cards, triage_cards_with, CardHtml, CardStatus, Overrides, ReadCache,
};
use askfirst::core::settings::Settings;
use askfirst::core::triage::Engine;
use scraper::{Html, Selector};

const WRAPPED: &str = include_str!("fixtures/e2e/wrapped-cards.html");

/// The outerHTML of the `n`-th element matching `css` in `html`.
fn outer(html: &str, css: &str, n: usize) -> String {
    let doc = Html::parse_document(html);
    let sel = Selector::parse(css).unwrap();
    doc.select(&sel).nth(n).unwrap().html()
}

fn card(id: &str, html: String) -> CardHtml {
    CardHtml {
        id: id.into(),
        html,
        hidden: false,
    }
}

#[test]
fn a_wrapper_holding_two_cards_names_both_and_each_is_then_read() {
    let engine = Engine::new(Settings::default());
    let none = Overrides::default();
    // What the content script sends: the outermost match of the card-root selectors.
    let wrapper = outer(WRAPPED, r#"[data-view-name="pending-invitation"]"#, 0);
    let answer = triage_card(&engine, &card("w", wrapper.clone()), &none);
    assert_eq!(answer.status, CardStatus::Holds);
    assert!(
        answer.badge.is_none() && answer.details.is_none(),
        "no badge for the wrapper itself"
    );
    assert_eq!(answer.roots.len(), 2);
    // The content script applies the locators to the live wrapper (querySelectorAll:
    // descendants only); here, to the parsed wrapper.
    let frag = Html::parse_fragment(&wrapper);
    let top = frag
        .root_element()
        .children()
        .find_map(scraper::ElementRef::wrap)
        .unwrap();
    let mut names = vec![];
    for loc in &answer.roots {
        let sel = Selector::parse(&loc.selector).unwrap();
        assert_eq!(top.select(&sel).count(), loc.count);
        let inner = top.select(&sel).nth(loc.index).unwrap().html();
        let a = triage_card(&engine, &card("i", inner), &none);
        assert_eq!(a.status, CardStatus::Person);
        names.push(a.details.unwrap().name);
    }
    assert_eq!(names, ["Gina Rossi", "Hugo Silva"]);
    // The saved page gives the same invitations (one reader, one nesting rule).
    let page: Vec<String> = read_page(WRAPPED)
        .invitations
        .into_iter()
        .map(|i| i.name)
        .collect();
    assert_eq!(page, ["Gina Rossi", "Hugo Silva", "Iris Tan"]);
}

#[test]
fn a_card_root_wrapping_its_own_fallback_hook_is_one_card() {
    // The usual nesting (list item > pending-invitation) is one card, read as such.
    let item = outer(WRAPPED, r#"[role="listitem"]"#, 2);
    match read_sent_card(&item) {
        SentCard::Read(read) => assert_eq!(read.invitations[0].name, "Iris Tan"),
        SentCard::Holds(roots) => panic!("one card, not {roots:?}"),
    }
}

#[test]
fn locators_count_the_matches_the_engine_saw() {
    let item = outer(WRAPPED, r#"[role="listitem"]"#, 2);
    let SentCard::Read(read) = read_sent_card(&item) else {
        panic!("one card");
    };
    let frag = Html::parse_fragment(&item);
    let top = frag
        .root_element()
        .children()
        .find_map(scraper::ElementRef::wrap)
        .unwrap();
    let controls = &read.invitations[0].controls;
    for loc in [&controls.accept, &controls.ignore].into_iter().flatten() {
        let sel = Selector::parse(&loc.selector).unwrap();
        assert_eq!(loc.count, top.select(&sel).count(), "{loc:?}");
        assert!(loc.index < loc.count);
    }
    let accept = controls.accept.as_ref().unwrap();
    let el = top
        .select(&Selector::parse(&accept.selector).unwrap())
        .nth(accept.index)
        .unwrap();
    assert_eq!(
        el.value().attr("aria-label"),
        Some("Accept Iris Tan’s invitation")
    );
}

/// Every card root of every saved invitations page, as the content script sends them.
fn fixture_cards() -> Vec<CardHtml> {
    let roots = Selector::parse(
        r#"[role="listitem"][componentkey^="urn:li:invitation:"], li.invitation-card"#,
    )
    .unwrap();
    let mut cards = vec![];
    for file in std::fs::read_dir("tests/fixtures/linkedin").unwrap() {
        let path = file.unwrap().path();
        let doc = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        for (i, el) in doc.select(&roots).enumerate() {
            cards.push(card(&format!("{}-{i}", path.display()), el.html()));
        }
    }
    assert!(cards.len() > 30, "fixture cards: {}", cards.len());
    cards
}

#[test]
fn cards_read_before_are_answered_exactly_as_read_afresh() {
    let engine = Engine::new(Settings::default());
    let none = Overrides::default();
    let cards = fixture_cards();
    let afresh = triage_cards(&engine, &cards, &none);
    let mut reads = ReadCache::new(ReadCache::BACKGROUND_CAP);
    // The first pass fills the cache, the second answers from it.
    assert_eq!(
        triage_cards_with(&engine, &cards, &none, &mut reads),
        afresh
    );
    let distinct: std::collections::HashSet<_> = cards.iter().map(|c| &c.html).collect();
    assert_eq!(reads.size().0, distinct.len(), "one read per distinct card");
    assert_eq!(
        triage_cards_with(&engine, &cards, &none, &mut reads),
        afresh
    );
    // Settings and overrides apply after reading: a kept read is never stale for them.
    let person = afresh
        .cards
        .iter()
        .find_map(|c| c.details.as_ref().filter(|d| d.guard))
        .expect("a flagged person among the fixtures");
    let mut fine = Overrides::default();
    fine.mark_fine(&person.key, 1.0);
    let marked = triage_cards_with(&engine, &cards, &fine, &mut reads);
    assert_eq!(marked, triage_cards(&engine, &cards, &fine));
    assert!(marked
        .cards
        .iter()
        .any(|c| c.badge.as_ref().is_some_and(|b| b.overridden)
            && c.details
                .as_ref()
                .is_some_and(|d| d.key == person.key && !d.guard)));
    let mut sales = Settings::default();
    sales.target_market.include = vec!["sales".into(), "founder".into()];
    let other = Engine::new(sales);
    let fits = triage_cards(&other, &cards, &none);
    assert_ne!(fits, afresh, "the target market changes some verdicts");
    assert_eq!(triage_cards_with(&other, &cards, &none, &mut reads), fits);
}

#[test]
fn the_read_cache_keeps_at_most_its_cap_first_in_first_out() {
    let engine = Engine::new(Settings::default());
    let none = Overrides::default();
    let cards = fixture_cards();
    let cap = cards[..5].iter().map(|c| c.html.len()).sum::<usize>();
    let mut reads = ReadCache::new(cap);
    triage_cards_with(&engine, &cards[..5], &none, &mut reads);
    assert_eq!(reads.size(), (5, cap));
    // One more: the oldest goes, the bytes stay under the cap.
    triage_cards_with(&engine, &cards[5..6], &none, &mut reads);
    let (kept, bytes) = reads.size();
    assert!(bytes <= cap && kept <= 5, "{kept} cards, {bytes} bytes");
    // A card over the cap is read, answered, and not kept.
    let mut small = ReadCache::new(10);
    let answer = triage_cards_with(&engine, &cards[..1], &none, &mut small);
    assert_eq!(answer, triage_cards(&engine, &cards[..1], &none));
    assert_eq!(small.size(), (0, 0));
}

#[test]
fn the_answer_carries_the_badges_and_the_details_follow_by_card_id() {
    let engine = Engine::new(Settings::default());
    let cards = fixture_cards();
    let answer = triage_cards(&engine, &cards, &Overrides::default());
    let lean = serde_json::to_value(&answer).unwrap();
    let details = answer.clone().take_details().expect("person cards");
    let details = serde_json::to_value(details).unwrap();
    assert_eq!(details["type"], "card-details");
    let mut people = 0;
    for (card, json) in answer.cards.iter().zip(lean["cards"].as_array().unwrap()) {
        assert_eq!(json["id"], card.id.as_str());
        let Some(badge) = &card.badge else {
            assert!(json.get("badge_label").is_none() && card.details.is_none());
            continue;
        };
        // The badge is drawn from the answer alone …
        for field in [
            "note_kind",
            "fit",
            "plan",
            "plan_label",
            "badge_label",
            "reasons",
        ] {
            assert!(json.get(field).is_some(), "{field}");
        }
        assert_eq!(
            json["badge_label"],
            serde_json::to_value(&badge.badge_label).unwrap()
        );
        // … which carries none of the prompt's parts: those come with the card's id.
        for field in [
            "reply",
            "actions",
            "controls",
            "snapshot",
            "person_match",
            "guard",
        ] {
            assert!(json.get(field).is_none(), "{field} is in the answer");
        }
        let d = &details["cards"][people];
        people += 1;
        assert_eq!(d["id"], card.id.as_str());
        let expected = card.details.as_ref().unwrap();
        assert_eq!(d["key"], expected.key.as_str());
        assert_eq!(d["guard"], expected.guard);
        for field in [
            "controls",
            "actions",
            "snapshot",
            "person_match",
            "reply_limit",
        ] {
            assert!(d.get(field).is_some(), "{field}");
        }
    }
    assert!(people > 30, "{people} person cards");
    assert_eq!(details["cards"].as_array().unwrap().len(), people);
    // Nothing to follow when no card is a person.
    let mut none = triage_cards(
        &engine,
        &[card("x", "<div>no card</div>".into())],
        &Overrides::default(),
    );
    assert!(none.take_details().is_none());
}
