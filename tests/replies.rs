//! The reply offered for each moment is worded for that moment (issue 14 §1): on every
//! card of every fixture page, read as the content script sends them, under many settings
//! (every reply language, every card a direct fit or none, the user's own v1 templates
//! migrated), no action that sends its reply after Accept offers a text worded as before
//! accepting ("Before I accept…"), in any language, and no action before Accept thanks
//! them for connecting. The phrases below are this test's oracle, not product knowledge.

use askfirst::core::lang::Lang;
use askfirst::core::linkedin::page_selectors;
use askfirst::core::plan::{Moment, PlanKind};
use askfirst::core::protocol::{triage_cards, ActionKind, CardHtml, CardStatus, Overrides};
use askfirst::core::reply::default_templates;
use askfirst::core::settings::Settings;
use askfirst::core::triage::Engine;
use scraper::{ElementRef, Html, Selector};

/// Wording that only fits while the invitation is pending, in the seven reply languages.
const BEFORE_ONLY: &[&str] = &[
    "before i accept",
    "before accepting",
    "avant d'accepter",
    "avant de vous accepter",
    "bevor ich annehme",
    "bevor ich ihre einladung annehme",
    "vor dem annehmen",
    "antes de aceptar",
    "antes de aceitar",
    "prima di accettare",
    "voordat ik accepteer",
    "voordat ik je uitnodiging accepteer",
];

/// Wording that only fits once they are connected.
const AFTER_ONLY: &[&str] = &[
    "thanks for connecting",
    "thank you for connecting",
    "glad we're connected",
    "now that we're connected",
    "happy to be connected",
    "merci pour la connexion",
    "nous sommes en contact",
    "danke für die vernetzung",
    "jetzt vernetzt",
    "gracias por conectar",
    "estemos conectados",
    "agradeço a conexão",
    "estamos conectados",
    "grazie per il collegamento",
    "piacere di essere in contatto",
    "bedankt voor de connectie",
    "nu verbonden",
];

fn fold(text: &str) -> String {
    text.to_lowercase()
        .replace(['’', 'ʼ'], "'")
        .replace('\u{a0}', " ")
}

/// The phrase of the wrong moment that `text` contains, if any.
fn wrong_for(moment: Moment, text: &str) -> Option<&'static str> {
    let text = fold(text);
    let wrong = match moment {
        Moment::AfterAccepting => BEFORE_ONLY,
        Moment::BeforeAccepting => AFTER_ONLY,
    };
    wrong.iter().copied().find(|p| text.contains(p))
}

fn fixtures() -> Vec<(String, String)> {
    let dir = format!("{}/tests/fixtures/linkedin", env!("CARGO_MANIFEST_DIR"));
    let mut out: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "html"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    assert!(out.len() >= 10, "{} fixture pages", out.len());
    out
}

/// What the content script sends: the outerHTML of each card root, outermost match only.
fn cards(html: &str) -> Vec<CardHtml> {
    let doc = Html::parse_document(html);
    let mut roots: Vec<ElementRef> = Vec::new();
    for css in page_selectors().card_roots {
        let sel = Selector::parse(css).expect("parses");
        for el in doc.select(&sel) {
            let taken = roots.iter().any(|r| {
                *r == el
                    || el.ancestors().any(|a| a.id() == r.id())
                    || r.ancestors().any(|a| a.id() == el.id())
            });
            if !taken {
                roots.push(el);
            }
        }
    }
    roots
        .iter()
        .enumerate()
        .map(|(i, r)| CardHtml {
            id: format!("c{i}"),
            html: r.html(),
            hidden: false,
        })
        .collect()
}

/// Settings that reach every plan and moment: each reply language, a target market that
/// makes everyone a direct fit or no one, with and without an offer, and a v1 document
/// whose own ask-first text says "Before I accept" (migrated, it must stay before).
fn settings_matrix() -> Vec<(String, Settings)> {
    let mut out = Vec::new();
    for lang in Lang::REPLY {
        for (market, include) in [("nobody", "zzzz-no-such-term"), ("everyone", "a")] {
            let json = format!(
                r#"{{"version": 2, "language": "{}", "my_name": "Dana",
                    "target_market": {{"include": ["{include}"]}},
                    "offer": {{"name": "the checklist", "url": "https://example.com/c"}}}}"#,
                lang.code()
            );
            out.push((
                format!("{} {market}", lang.code()),
                Settings::from_json(&json).unwrap(),
            ));
        }
    }
    out.push(("defaults".into(), Settings::default()));
    let v1 = std::fs::read_to_string(format!(
        "{}/tests/fixtures/settings/v1.json",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap();
    out.push(("v1 migrated".into(), Settings::from_json(&v1).unwrap()));
    out
}

#[test]
fn every_reply_offered_on_every_fixture_card_fits_its_moment() {
    let none = Overrides::default();
    let mut checked = [0usize; 2];
    let mut seen_plans = std::collections::HashSet::new();
    let mut problems = Vec::new();
    let pages = fixtures();
    for (label, settings) in settings_matrix() {
        let engine = Engine::new(settings);
        for (file, html) in &pages {
            let answer = triage_cards(&engine, &cards(html), &none);
            for card in answer
                .cards
                .iter()
                .filter(|c| c.status == CardStatus::Person)
            {
                let d = card.details.as_ref().expect("a person card has details");
                for action in &d.actions {
                    let sends = matches!(
                        action.action,
                        ActionKind::ReplyToInvitation
                            | ActionKind::Message
                            | ActionKind::AcceptThenReply
                    );
                    let Some(moment) = action.moment else {
                        assert!(
                            !sends,
                            "{file} {label} {}: {action:?} has no moment",
                            d.name
                        );
                        continue;
                    };
                    let expected = match action.action {
                        ActionKind::AcceptThenReply => Some(Moment::AfterAccepting),
                        ActionKind::ReplyToInvitation | ActionKind::Message => {
                            Some(Moment::BeforeAccepting)
                        }
                        _ => None,
                    };
                    if let Some(e) = expected {
                        assert_eq!(moment, e, "{file} {label} {}: {action:?}", d.name);
                    }
                    let reply = d
                        .replies
                        .iter()
                        .find(|r| r.moment == moment)
                        .unwrap_or_else(|| {
                            panic!("{file} {label} {}: no reply for {moment:?}", d.name)
                        });
                    checked[moment as usize] += 1;
                    seen_plans.insert((card.badge.as_ref().unwrap().plan, moment));
                    if let Some(p) = wrong_for(moment, &reply.text) {
                        problems.push(format!(
                            "{file} [{label}] {}: “{}” offers {:?} saying {p:?}: {:?}",
                            d.name, action.label, moment, reply.text
                        ));
                    }
                }
                // The reply the prompt shows first is the first reply-sending action's.
                if let Some(first) = d.actions.iter().find_map(|a| {
                    matches!(
                        a.action,
                        ActionKind::ReplyToInvitation
                            | ActionKind::Message
                            | ActionKind::AcceptThenReply
                    )
                    .then_some(a.moment)
                    .flatten()
                }) {
                    let text = d
                        .replies
                        .iter()
                        .find(|r| r.moment == first)
                        .map(|r| &r.text);
                    assert_eq!(d.reply.as_ref(), text, "{file} [{label}] {}", d.name);
                }
            }
        }
    }
    println!(
        "checked {} replies offered before accepting, {} after; plan × moment seen: {seen_plans:?}",
        checked[0], checked[1]
    );
    assert!(
        problems.is_empty(),
        "{} problems:\n{}",
        problems.len(),
        problems.join("\n")
    );
    // The matrix reaches both moments of both guarded plans, or it proves little.
    for plan in [PlanKind::AskFirst, PlanKind::AcceptFollowUp] {
        for moment in Moment::ALL {
            assert!(
                seen_plans.contains(&(plan, moment)),
                "{plan:?} {moment:?} never offered"
            );
        }
    }
}

/// The oracle itself catches the bug this test is for: the v1 behaviour (the ask-first
/// text offered for "Accept, then ask") is flagged in every language.
#[test]
fn the_check_flags_before_wording_after_accepting_in_every_language() {
    for lang in Lang::REPLY {
        let before = default_templates(PlanKind::AskFirst, Moment::BeforeAccepting, lang)[0];
        assert!(
            wrong_for(Moment::AfterAccepting, before).is_some(),
            "{lang}: {before:?}"
        );
        let after = default_templates(PlanKind::AcceptFollowUp, Moment::AfterAccepting, lang)[0];
        assert!(
            wrong_for(Moment::BeforeAccepting, after).is_some(),
            "{lang}: {after:?}"
        );
    }
}

/// Every default, of every plan, moment and language, whether or not a fixture card
/// reaches it.
#[test]
fn every_default_template_fits_its_moment() {
    for plan in PlanKind::ALL {
        for moment in Moment::ALL {
            for lang in Lang::ALL {
                for t in default_templates(plan, moment, lang) {
                    assert_eq!(
                        wrong_for(moment, t),
                        None,
                        "{plan:?} {moment:?} {lang}: {t:?}"
                    );
                }
            }
        }
    }
}
