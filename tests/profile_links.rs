//! The card's links to the person's profile that the Accept guard compares the live card
//! with (`CardDetails::person_hrefs`, found in the card's HTML by `composer::profile_hrefs`
//! without parsing it): on every fixture card, exactly what an HTML parser finds.

use askfirst::core::composer::profile_identity;
use askfirst::core::protocol::{triage_cards, CardHtml, Overrides};
use askfirst::core::settings::Settings;
use askfirst::core::triage::Engine;
use scraper::{Html, Selector};

fn cards(dir: &str) -> Vec<CardHtml> {
    let roots = Selector::parse(
        r#"[role="listitem"][componentkey^="urn:li:invitation:"], li.invitation-card, [data-view-name="pending-invitation"] [data-view-name="pending-invitation"]"#,
    )
    .unwrap();
    let mut out = vec![];
    for file in std::fs::read_dir(dir).unwrap() {
        let path = file.unwrap().path();
        if path.extension().and_then(|e| e.to_str()) != Some("html") {
            continue;
        }
        let doc = Html::parse_document(&std::fs::read_to_string(&path).unwrap());
        for (i, el) in doc.select(&roots).enumerate() {
            out.push(CardHtml {
                id: format!("{}-{i}", path.display()),
                html: el.html(),
                hidden: false,
            });
        }
    }
    out
}

#[test]
fn every_person_cards_profile_links_as_a_parser_finds_them() {
    let engine = Engine::new(Settings::default());
    let links = Selector::parse("a[href]").unwrap();
    let mut all = cards("tests/fixtures/linkedin");
    all.extend(cards("tests/fixtures/e2e"));
    let answer = triage_cards(&engine, &all, &Overrides::default());
    let mut checked = 0;
    for (card, a) in all.iter().zip(&answer.cards) {
        let Some(d) = &a.details else { continue };
        let Some(path) = &d.person_match.profile_path else {
            assert!(d.person_hrefs.is_empty(), "{}", card.id);
            continue;
        };
        let theirs = profile_identity(&format!("https://www.linkedin.com{path}"));
        let frag = Html::parse_fragment(&card.html);
        let mut want: Vec<String> = vec![];
        for link in frag.select(&links) {
            let href = link.value().attr("href").unwrap().to_string();
            let url = if href.starts_with('/') && !href.starts_with("//") {
                format!("https://www.linkedin.com{href}")
            } else {
                href.clone()
            };
            if profile_identity(&url) == theirs && !want.contains(&href) {
                want.push(href);
            }
        }
        assert!(
            !want.is_empty(),
            "{}: the reader's profile link is a link",
            card.id
        );
        assert_eq!(d.person_hrefs, want, "{}", card.id);
        checked += 1;
    }
    assert!(checked > 30, "{checked} person cards with a profile");
}
