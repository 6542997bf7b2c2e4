//! The engine as the extension and the CLI use it: hand-built invitations in, the plan,
//! reasons and reply a user sees out. Written against `classify_note`'s interface, so the
//! rows hold whichever classifier is merged; the rows with no note are exact.

use askfirst::core::fit::Fit;
use askfirst::core::invitation::{Controls, Invitation, InvitationKind, Locator, UiGeneration};
use askfirst::core::lang::Lang;
use askfirst::core::note::{classify_note, NoteKind};
use askfirst::core::plan::{PlanKind, ReplyPath};
use askfirst::core::settings::Settings;
use askfirst::core::triage::Engine;

const DEMO_SETTINGS: &str = include_str!("fixtures/settings/demo-settings.json");

fn engine() -> Engine {
    Engine::try_new(Settings::from_json(DEMO_SETTINGS).unwrap()).unwrap()
}

fn person(name: &str, headline: Option<&str>, note: Option<&str>) -> Invitation {
    let slug: String = name
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join("-");
    let loc = |s: &str| {
        Some(Locator {
            selector: s.into(),
            index: 0,
            count: 1,
        })
    };
    Invitation {
        kind: InvitationKind::Person,
        ui: UiGeneration::Current,
        name: name.into(),
        first_name: name.split_whitespace().next().unwrap_or("").into(),
        profile_url: Some(format!("https://www.linkedin.com/in/{slug}/")),
        invitation_urn: None,
        headline: headline.map(Into::into),
        company: None,
        note: note.map(Into::into),
        mutual_connections: 0,
        follows_you: false,
        controls: Controls {
            accept: loc("[data-view-name=invitation-action]"),
            ignore: loc("[data-view-name=invitation-action]"),
            reply: note.and_then(|_| loc("a[href*='/messaging/']")),
            message: None,
        },
    }
}

#[test]
fn no_note_from_a_stranger_is_asked_first_with_the_honest_paths() {
    let t = engine()
        .triage(&person(
            "Ana Souza",
            Some("Software engineer at Globex"),
            None,
        ))
        .unwrap();
    assert_eq!(
        (t.note_kind, t.fit, t.plan),
        (NoteKind::None, Fit::Unclear, PlanKind::AskFirst)
    );
    assert_eq!(
        t.reply_paths,
        [ReplyPath::AcceptAndAsk, ReplyPath::LeavePending]
    );
    assert!(t.reasons.iter().any(|r| r
        .to_string()
        .starts_with("LinkedIn offers no way to message before accepting")));
    let reply = t.reply.unwrap();
    assert!(
        reply.starts_with("H") && reply.contains("Ana") && reply.ends_with("\nDana"),
        "{reply}"
    );
    assert!(reply.contains('?'), "ask-first asks: {reply}");
    assert!(
        !reply.contains("https://"),
        "no offer when asking first: {reply}"
    );
}

#[test]
fn no_note_from_a_direct_fit_is_accepted_and_followed_up_with_the_offer() {
    let t = engine()
        .triage(&person(
            "Jonas Weber",
            Some("Founder & CEO at Brightside"),
            None,
        ))
        .unwrap();
    assert_eq!((t.fit, t.plan), (Fit::Direct, PlanKind::AcceptFollowUp));
    assert_eq!(t.matched_terms, ["founder", "CEO"]);
    assert_eq!(t.reply_paths, [ReplyPath::AcceptAndFollowUp]);
    let reply = t.reply.unwrap();
    assert!(
        reply.contains("Jonas") && reply.contains("the B2B pipeline checklist"),
        "{reply}"
    );
    assert!(
        reply.contains("https://example.com/checklist") && reply.ends_with("\nDana"),
        "{reply}"
    );
}

#[test]
fn exclusion_wins_and_still_asks_first() {
    let t = engine()
        .triage(&person(
            "Riley Chen",
            Some("Founder | Technical Recruiter"),
            None,
        ))
        .unwrap();
    assert_eq!((t.fit, t.plan), (Fit::None, PlanKind::AskFirst));
    assert_eq!(t.excluded_terms, ["recruiter"]);
    assert!(t
        .reasons
        .iter()
        .any(|r| r == "Excluded by your settings: recruiter"));
}

#[test]
fn without_offer_or_name_the_reply_reads_cleanly() {
    let engine = Engine::try_new(
        Settings::from_json(r#"{"target_market": {"include": ["founder"]}}"#).unwrap(),
    )
    .unwrap();
    let mut inv = person("X", Some("Founder"), None);
    inv.first_name.clear(); // a name the reader could not split
    let reply = engine.triage(&inv).unwrap().reply.unwrap();
    assert!(
        reply.starts_with("Hi, ") || reply.starts_with("Hello, "),
        "{reply}"
    );
    assert!(
        !reply.contains('{') && !reply.contains("  ") && !reply.contains("http"),
        "{reply}"
    );
    assert!(!reply.ends_with('\n') && !reply.contains(" ,"), "{reply}");
}

#[test]
fn every_plan_follows_the_decision_table_whatever_the_classifier_says() {
    let notes = [
        None,
        Some("I'd like to add you to my professional network on LinkedIn."),
        Some("Bonjour, j'aimerais vous ajouter à mon réseau professionnel sur LinkedIn."),
        Some("Let's connect!"),
        Some("We met at SaaStr last week: you asked about our churn numbers. Happy to share more."),
        Some("Sarah Lopez suggested I reach out about your hiring plans for Q3."),
    ];
    let engine = engine();
    for note in notes {
        for headline in [Some("Founder at Acme"), Some("Student"), None] {
            let t = engine.triage(&person("Ana Souza", headline, note)).unwrap();
            let verdict = classify_note(note);
            assert_eq!(t.note_kind, verdict.kind);
            let want = match (verdict.kind, t.fit) {
                (NoteKind::Reasoned, _) => PlanKind::Accept,
                (_, Fit::Direct) => PlanKind::AcceptFollowUp,
                _ => PlanKind::AskFirst,
            };
            assert_eq!(t.plan, want, "{note:?} / {headline:?}");
            // The note's language when it could be told, else the user's.
            assert_eq!(t.reply_language, verdict.language.unwrap_or(Lang::En));
            // A note means LinkedIn shows "Reply to …": that path comes first.
            assert_eq!(
                t.reply_paths.first() == Some(&ReplyPath::ReplyToInvitation),
                note.is_some(),
                "{note:?}"
            );
            assert!(t.reply.is_some());
            assert_eq!(
                t.summary,
                *t.reasons.iter().find(|r| **r == t.summary).unwrap()
            );
        }
    }
}

#[test]
fn reasons_come_note_then_fit_then_plan() {
    let t = engine()
        .triage(&person("Ana Souza", Some("VP Sales"), None))
        .unwrap();
    let note = classify_note(None);
    assert_eq!(t.reasons[..note.reasons.len()], note.reasons[..]);
    assert_eq!(
        t.reasons[note.reasons.len()],
        "Matches your target market: VP Sales"
    );
    assert_eq!(t.reasons.last(), Some(&t.summary));
}

#[test]
fn non_person_invitations_are_never_planned() {
    let engine = engine();
    for kind in [
        InvitationKind::Page,
        InvitationKind::Newsletter,
        InvitationKind::Event,
    ] {
        let mut inv = person("Founder Weekly", Some("Founder"), None);
        inv.kind = kind;
        assert!(engine.triage(&inv).is_none(), "{kind:?}");
    }
}

#[test]
fn user_language_and_templates() {
    let settings = Settings::from_json(
        r#"{"language": "fr", "my_name": "Dana",
            "templates": {"ask-first": {"after-accepting": {"fr": ["Salut {first_name}, on se connaît ?", "Bonjour {first_name} de {company} !"]}}}}"#,
    )
    .unwrap();
    let engine = Engine::try_new(settings).unwrap();
    let t = engine.triage(&person("Ana Souza", None, None)).unwrap();
    assert_eq!(t.reply_language, Lang::Fr);
    // Company unknown: the variant that needs it is not used.
    assert_eq!(t.reply.as_deref(), Some("Salut Ana, on se connaît ?"));
    // Plans without own templates keep the French defaults.
    let t = engine
        .triage(&person(
            "Ana Souza",
            None,
            Some("We met at SaaStr and talked churn."),
        ))
        .unwrap();
    if t.plan == PlanKind::Accept && t.reply_language == Lang::Fr {
        assert!(t.reply.unwrap().starts_with("Bonjour Ana"));
    }
}

#[test]
fn same_person_same_variant_and_variants_are_spread() {
    let a = engine();
    let b = engine();
    let mut replies = std::collections::HashSet::new();
    for i in 0..40 {
        let inv = person(&format!("Person {i}"), Some("Engineer"), None);
        let r = a.triage(&inv).unwrap().reply;
        assert_eq!(r, b.triage(&inv).unwrap().reply);
        replies.insert(r.unwrap().replace(&format!("Person {i}"), ""));
    }
    assert!(replies.len() >= 2, "both ask-first variants get used");
}

#[test]
fn over_long_replies_are_flagged() {
    let long = format!("Hi {{first_name}}, {} {{headline}}", "a".repeat(7_970));
    // No note, no Reply control: the reply goes after accepting.
    let json = serde_json::json!({"templates": {"ask-first": {"after-accepting": {"en": [long]}}}})
        .to_string();
    let own = Engine::try_new(Settings::from_json(&json).unwrap()).unwrap();
    let t = own
        .triage(&person(
            "Ana Souza",
            Some("Software engineer at Globex"),
            None,
        ))
        .unwrap();
    assert!(t.reply.as_ref().unwrap().chars().count() > 8_000);
    assert!(
        t.warnings[0]
            .to_string()
            .contains("LinkedIn takes at most 8000"),
        "{:?}",
        t.warnings
    );
    let ok = engine()
        .triage(&person("Ana Souza", Some("Engineer"), None))
        .unwrap();
    assert!(ok.warnings.is_empty());
}

#[test]
fn strangers_text_is_carried_as_data() {
    let name = "<img src=x onerror=alert(1)> 👋 \u{202e}مرحبا";
    let t = engine()
        .triage(&person(name, Some("<script>alert(1)</script>"), None))
        .unwrap();
    assert_eq!(t.invitation.name, name);
    assert!(
        t.reply.unwrap().contains("<img"),
        "inserted as text, unchanged"
    );
}

#[test]
fn json_has_the_test_contract_fields_and_spellings() {
    let mut inv = person("Ana Souza", Some("Founder"), None);
    inv.mutual_connections = 9;
    inv.follows_you = true;
    let v = serde_json::to_value(engine().triage(&inv).unwrap()).unwrap();
    assert_eq!(v["name"], "Ana Souza");
    assert_eq!(v["profile_url"], "https://www.linkedin.com/in/ana-souza/");
    assert_eq!(v["headline"], "Founder");
    assert_eq!(v["note"], serde_json::Value::Null);
    assert_eq!(v["mutual_connections"], 9);
    assert_eq!(v["follows_you"], true);
    assert_eq!(v["note_kind"], "none");
    assert_eq!(v["fit"], "direct");
    assert_eq!(v["plan"], "accept-follow-up");
    assert_eq!(v["reply_paths"][0], "accept-and-follow-up");
    assert!(v["reasons"].as_array().unwrap().len() >= 2);
    assert!(v["reply"].as_str().unwrap().contains("checklist"));
}

#[test]
fn invalid_settings_built_in_code_are_refused_or_left_out() {
    let mut s = Settings::from_json(DEMO_SETTINGS).unwrap();
    s.offer.url = "javascript:alert(1)".into();
    s.templates
        .ask_first
        .after_accepting
        .insert(Lang::En, vec!["Hi {nope}".into()]);
    let e = Engine::try_new(s.clone()).unwrap_err().to_string();
    assert!(e.starts_with("offer.url: "), "{e}");
    // `new` never fails: the bad offer and template are not used, the rest is.
    let engine = Engine::new(s);
    let t = engine
        .triage(&person("Jonas Weber", Some("Founder"), None))
        .unwrap();
    assert_eq!(t.plan, PlanKind::AcceptFollowUp);
    let reply = t.reply.unwrap();
    assert!(
        !reply.contains("javascript") && !reply.contains("checklist") && reply.ends_with("\nDana"),
        "{reply}"
    );
    let t = engine
        .triage(&person("Ana Souza", Some("Engineer"), None))
        .unwrap();
    assert!(
        t.reply.unwrap().starts_with("H"),
        "default ask-first template"
    );
}

/// Every settings field at once, as the options page will write them: parses, round-trips,
/// and its templates are the ones used.
#[test]
fn full_settings_fixture() {
    let json = include_str!("fixtures/settings/full-settings.json");
    let settings = Settings::from_json(json).unwrap();
    assert_eq!(settings.reminder_days, 10);
    assert_eq!(Settings::from_json(&settings.to_json()).unwrap(), settings);
    let engine = Engine::try_new(settings).unwrap();
    let mut inv = person("Ana Souza", Some("Software engineer"), None);
    let reply = engine.triage(&inv).unwrap().reply.unwrap();
    assert!(
        reply.starts_with("Hi Ana, thanks for the invite!"),
        "no mutual count: {reply}"
    );
    inv.mutual_connections = 4;
    let with_mutuals: std::collections::HashSet<String> = (0..12)
        .map(|i| {
            inv.profile_url = Some(format!("https://www.linkedin.com/in/ana-{i}/"));
            engine.triage(&inv).unwrap().reply.unwrap()
        })
        .collect();
    assert!(
        with_mutuals
            .iter()
            .any(|r| r.contains("we share 4 connections")),
        "{with_mutuals:?}"
    );
    let t = engine
        .triage(&person("Jonas Weber", Some("Geschäftsführer"), None))
        .unwrap();
    assert_eq!(t.matched_terms, ["Geschäftsführer"]);
}

/// With the real classifier: the reply speaks the note's language, a reasoned note gets
/// a thank-you, and the reasons say which stock text matched.
#[test]
fn replies_follow_the_notes_language() {
    let engine = engine();
    let rows = [
        (
            "Bonjour, j'aimerais vous ajouter à mon réseau professionnel sur LinkedIn.",
            Lang::Fr,
            "Bonjour Ana",
        ),
        (
            "Ich möchte Sie gerne zu meinem beruflichen Netzwerk auf LinkedIn hinzufügen.",
            Lang::De,
            "Hallo Ana",
        ),
        (
            "Me gustaría añadirte a mi red profesional en LinkedIn.",
            Lang::Es,
            "Hola Ana",
        ),
        (
            "Gostaria de adicioná-lo à minha rede profissional no LinkedIn.",
            Lang::Pt,
            "Olá Ana",
        ),
        (
            "Vorrei aggiungerti alla mia rete professionale su LinkedIn.",
            Lang::It,
            "Ciao Ana",
        ),
        (
            "Ik wil je graag toevoegen aan mijn professionele netwerk op LinkedIn.",
            Lang::Nl,
            "H",
        ),
    ];
    for (note, lang, start) in rows {
        let t = engine
            .triage(&person("Ana Souza", Some("Engineer"), Some(note)))
            .unwrap();
        assert_eq!(
            (t.note_kind, t.plan),
            (NoteKind::Stock, PlanKind::AskFirst),
            "{note}"
        );
        assert_eq!(t.reply_language, lang, "{note}");
        let reply = t.reply.unwrap();
        assert!(
            reply.starts_with(start) && reply.ends_with("\nDana"),
            "{reply}"
        );
    }
    let t = engine
        .triage(&person(
            "Tom Baker",
            Some("Engineer"),
            Some("We met at SaaStr last week; you asked about our churn numbers."),
        ))
        .unwrap();
    assert_eq!(
        (t.note_kind, t.plan),
        (NoteKind::Reasoned, PlanKind::Accept)
    );
    assert!(t.reply.unwrap().starts_with("H"), "a short thank-you");
}

/// Settings stored by a v1 AskFirst (one text per plan for every moment) read as v2: the
/// user's "Before I accept" texts stay before accepting, and a card whose only way is
/// "accept, then ask" gets the built-in after-accepting reply instead (issue 14 §1).
#[test]
fn v1_settings_fixture_is_migrated_to_moments() {
    use askfirst::core::plan::Moment;
    let json = include_str!("fixtures/settings/v1.json");
    let s = Settings::from_json(json).unwrap();
    assert_eq!((s.version, s.reminder_days, s.language), (2, 5, Lang::Fr));
    let before = s.templates.get(PlanKind::AskFirst, Moment::BeforeAccepting);
    assert!(before[&Lang::En][0].contains("Before I accept"));
    assert!(before[&Lang::Fr][0].contains("avant d'accepter"));
    assert!(s
        .templates
        .get(PlanKind::AskFirst, Moment::AfterAccepting)
        .is_empty());
    assert!(s
        .templates
        .get(PlanKind::AcceptFollowUp, Moment::AfterAccepting)[&Lang::De][0]
        .contains("Vernetzung"));
    let engine = Engine::try_new(s.clone()).unwrap();
    // No note, no Reply control: accept, then ask; in the user's language (French).
    let t = engine
        .triage(&person("Ana Souza", Some("Engineer"), None))
        .unwrap();
    assert_eq!(t.plan, PlanKind::AskFirst);
    assert_eq!(t.replies.len(), 1);
    assert_eq!(t.replies[0].moment, Moment::AfterAccepting);
    let reply = t.reply.unwrap();
    assert!(
        reply.starts_with("Bonjour Ana") && !reply.contains("avant d'accepter"),
        "{reply}"
    );
    // Stored again, it is a v2 document that reads the same.
    let again = Settings::from_json(&s.to_json()).unwrap();
    assert_eq!(again, s);
    assert!(s.to_json().contains("\"version\": 2"));
}

#[test]
fn the_reason_kind_is_in_the_json_and_first_in_the_reasons() {
    let note = "Hello Ana, we help logistics teams cut fuel costs by 20% in 90 days. Worth a 15-minute call next week?";
    let t = engine()
        .triage(&person("Ana Souza", Some("Software engineer"), Some(note)))
        .unwrap();
    let v = serde_json::to_value(&t).unwrap();
    assert_eq!(v["note_kind"], "reasoned");
    assert_eq!(v["reason_kind"], "pitch");
    assert!(
        t.reasons[0].to_string().starts_with("Sales pitch: "),
        "{:?}",
        t.reasons
    );
    // A flagged note has none.
    let t = engine()
        .triage(&person("Ana Souza", None, Some("Let's connect!")))
        .unwrap();
    assert_eq!(
        serde_json::to_value(&t).unwrap()["reason_kind"],
        serde_json::Value::Null
    );
}

#[test]
fn a_note_in_a_language_without_replies_gets_the_users_language() {
    let note = "Hej Anna, vi träffades på Nordic Business Forum 2024 i Helsingfors. Har du tid för en kort fråga?";
    let t = engine()
        .triage(&person("Anna Berg", None, Some(note)))
        .unwrap();
    assert_eq!(t.note_language, Some(Lang::Sv));
    assert_eq!(t.reply_language, Lang::En);
}
