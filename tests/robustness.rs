//! Never a panic on page content or user input: the reader, the note classifier, template
//! parsing, settings and the whole triage get arbitrary text and HTML-shaped soups built
//! from the markup LinkedIn really uses.

use askfirst::core::invitation::{Controls, Invitation, InvitationKind, Locator, UiGeneration};
use askfirst::core::ledger::{normalise_key, MAX_KEY_LEN};
use askfirst::core::linkedin::{read_card, read_page};
use askfirst::core::note::classify_note;
use askfirst::core::reply::{Template, Values};
use askfirst::core::settings::Settings;
use askfirst::core::triage::Engine;
use proptest::prelude::*;

/// Pieces of real invitation markup (both UI generations), broken and recombined.
const FRAGMENTS: &[&str] = &[
    "<html>",
    "<body>",
    "</body>",
    "<main>",
    "<ul>",
    "</ul>",
    "<div>",
    "</div>",
    "<p>",
    "</p>",
    r#"<div role="listitem" componentkey="urn:li:invitation:7123">"#,
    r#"<div data-view-name="pending-invitation">"#,
    r#"<a href="https://www.linkedin.com/in/ana-souza/">"#,
    r#"<a href="/in/x?trk=1">"#,
    "</a>",
    "<strong>",
    "</strong>",
    "Ana Souza",
    "is inviting you to connect",
    "follows you and is inviting you to connect",
    "Founder at Acme",
    "Ana and 8 other mutual connections",
    "is a mutual connection",
    r#"<button data-view-name="invitation-action" aria-label="Ignore an invitation to connect from Ana">"#,
    r#"<button data-view-name="invitation-action" aria-label="Accept Ana’s invitation">"#,
    r#"<a data-view-name="invitation-action" aria-label="Accept Ana’s invitation">"#,
    "</button>",
    "Accept",
    "Ignore",
    "Reply to Ana",
    "see more",
    "…see less",
    "I'd like to add you to my professional network on LinkedIn.",
    r#"<li class="invitation-card">"#,
    "</li>",
    r#"<span class="invitation-card__title">"#,
    "</span>",
    r#"<p class="invitation-card__subtitle">"#,
    r#"<span class="member-insights__count">"#,
    r#"<div class="invitation-card__custom-message"><span class="lt-line-clamp__line">"#,
    r#"<button class="invitation-card__action-btn" aria-label="Accept Ana">"#,
    "invited you to follow",
    "invited you to subscribe",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "\u{202e}",
    "مرحبا",
    "👋",
    "&amp;",
    "&#x0;",
    "<!--",
    "-->",
    "<![CDATA[",
    "\0",
];

fn soup() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..60).prop_map(|v| v.concat())
}

fn values(s: &[String; 6], n: u32) -> Values<'_> {
    Values {
        first_name: &s[0],
        name: &s[1],
        headline: &s[2],
        company: &s[3],
        mutual_count: n,
        my_name: &s[4],
        offer_name: &s[5],
        offer_url: &s[5],
    }
}

prop_compose! {
    fn invitation()(
        text in prop::array::uniform6(any::<String>()),
        note in prop::option::of(prop_oneof![any::<String>(), soup()]),
        n in any::<u32>(),
        flags in any::<[bool; 4]>(),
    ) -> Invitation {
        let loc = |on: bool| on.then(|| Locator { selector: text[5].clone(), index: n as usize, count: n as usize });
        Invitation {
            kind: if flags[0] { InvitationKind::Person } else { InvitationKind::Event },
            ui: if flags[1] { UiGeneration::Current } else { UiGeneration::Legacy },
            name: text[0].clone(),
            first_name: text[1].clone(),
            profile_url: flags[2].then(|| text[2].clone()),
            invitation_urn: None,
            headline: Some(text[3].clone()),
            company: flags[3].then(|| text[4].clone()),
            note,
            mutual_connections: n,
            follows_you: flags[1],
            controls: Controls { accept: loc(true), ignore: None, reply: loc(flags[2]), message: loc(flags[3]) },
        }
    }
}

fn engines() -> Vec<Engine> {
    vec![
        Engine::default(),
        Engine::try_new(
            Settings::from_json(
                r#"{"target_market": {"include": ["founder", "a", "ana souza"], "exclude": ["x"]},
                    "offer": {"name": "n", "url": "https://e.com"}, "my_name": "D", "language": "de"}"#,
            )
            .unwrap(),
        )
        .unwrap(),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// A key the ledger accepts is one it accepts again, unchanged, when it loads the
    /// stored ledger: else one odd link would make the whole ledger unreadable.
    #[test]
    fn ledger_keys_are_their_own_canonical_form(
        slug in "\\PC{1,40}",
        host in prop::sample::select(vec!["https://www.linkedin.com", "http://fr.linkedin.com", "//linkedin.com"]),
        tail in prop::sample::select(vec!["", "/", "/?trk=x", "#top", "/detail/"]),
        name in "\\PC{0,40}",
        pad in 0usize..400,
    ) {
        let long = format!("{host}/in/{}{tail}", "a".repeat(pad));
        for raw in [format!("{host}/in/{slug}{tail}"), format!("name:{name}"), format!("urn:li:invitation:{slug}"), long] {
            if let Ok(key) = normalise_key(&raw) {
                prop_assert_eq!(normalise_key(&key), Ok(key.clone()), "from {:?}", raw);
                prop_assert!(key.chars().count() <= MAX_KEY_LEN);
            }
        }
    }

    #[test]
    fn reader_never_panics(text in any::<String>(), html in soup()) {
        for input in [&text, &html] {
            let read = read_page(input);
            let _ = read_card(input);
            for inv in &read.invitations {
                prop_assert!(!inv.name.trim().is_empty(), "no invitation without a name");
            }
        }
    }

    #[test]
    fn classifier_never_panics(note in prop::option::of(prop_oneof![any::<String>(), soup()])) {
        let v = classify_note(note.as_deref());
        prop_assert!(!v.reasons.is_empty());
    }

    #[test]
    fn templates_never_panic(src in prop_oneof![any::<String>(), "[a-z {}_\n,.!]{0,80}"], text in prop::array::uniform6(any::<String>()), n in any::<u32>()) {
        if let Ok(t) = Template::parse(&src) {
            let out = t.render(&values(&text, n));
            prop_assert!(!out.ends_with(char::is_whitespace));
        }
    }

    #[test]
    fn settings_never_panic(json in prop_oneof![
        any::<String>(),
        r#"\{("(version|target_market|include|exclude|offer|name|url|my_name|language|templates|ask-first|en|reminder_days)": ?(\[\]|"[a-z{} ]{0,8}"|[0-9]{1,3}|null|\{|\}|,)){0,12}\}"#,
    ]) {
        if let Ok(s) = Settings::from_json(&json) {
            prop_assert_eq!(Settings::from_json(&s.to_json()), Ok(s.clone()));
            prop_assert!(Engine::try_new(s).is_ok());
        }
    }

    #[test]
    fn triage_never_panics(inv in invitation()) {
        for engine in engines() {
            match engine.triage(&inv) {
                None => prop_assert!(inv.kind != InvitationKind::Person),
                Some(t) => {
                    prop_assert!(!t.reasons.is_empty() && !t.summary.to_string().is_empty());
                    prop_assert!(t.reply.is_some());
                }
            }
        }
    }
}
