//! Unit tests for the tricky cases of the note classifier; the labelled tables live in
//! tests/notes.rs.

use super::*;

fn kind(note: &str) -> NoteKind {
    classify_note(Some(note)).kind
}

#[test]
fn no_note_whitespace_emoji_and_bare_greetings_are_none() {
    assert_eq!(classify_note(None).kind, NoteKind::None);
    for note in [
        "",
        "  \n ",
        "👋🙂",
        "Hi Dana,",
        "Hallo Frau Müller!",
        "Best,\nAna",
        "Hi there! Cheers, Tom",
    ] {
        assert_eq!(kind(note), NoteKind::None, "{note:?}");
    }
}

#[test]
fn stock_text_survives_greeting_name_signoff_case_and_typos() {
    let v = classify_note(Some(
        "Hi Dana,\n\nI’D LIKE to add you to my profesional network on LinkedIn!!\n\nBest, Ana",
    ));
    assert_eq!(v.kind, NoteKind::Stock);
    assert_eq!(v.language, Some(Lang::En));
    assert!(
        v.reasons[0].to_string().contains("English"),
        "{:?}",
        v.reasons
    );
    assert_eq!(
        kind("Ich möchte Sie gern zu meinem Netzwerk auf LinkedIn hinzufügen."),
        NoteKind::Stock
    );
}

#[test]
fn the_linkedin_word_separates_stock_from_generic() {
    assert_eq!(
        kind("I'd like to join your LinkedIn network."),
        NoteKind::Stock
    );
    assert_eq!(kind("I'd like to join your network."), NoteKind::Generic);
}

#[test]
fn a_reason_after_the_stock_text_wins() {
    let v = classify_note(Some(
        "I'd like to add you to my professional network on LinkedIn. We met at RustConf.",
    ));
    assert_eq!(v.kind, NoteKind::Reasoned);
    assert!(
        v.reasons
            .iter()
            .any(|r| r.to_string().contains("\"We met at\"")),
        "{:?}",
        v.reasons
    );
}

#[test]
fn weak_phrases_need_a_second_signal() {
    assert_eq!(kind("Let's connect and collaborate!"), NoteKind::Generic);
    assert_eq!(
        kind("Would love to collaborate with Acme on the Q3 launch of Falcon?"),
        NoteKind::Reasoned
    );
}

#[test]
fn foreign_phrases_do_not_leak_across_languages() {
    // Spanish "leí" (I read) folds to Italian "lei" (she); the Italian note stays generic.
    assert_eq!(
        kind("Ciao, lei è sempre gentile, colleghiamoci!"),
        NoteKind::Generic
    );
}

#[test]
fn unknown_languages_fall_back_on_structure() {
    // Hungarian and Greek: no word lists.
    let v = classify_note(Some("Szia Anna, a Budapesti Fintech Napon találkoztunk 2025-ben a Kiosk standjánál. Beszélhetnénk a projektről?"));
    assert_eq!(v.kind, NoteKind::Reasoned);
    assert_eq!(v.language, None);
    let v = classify_note(Some("Γεια σου! Ας συνδεθούμε."));
    assert_eq!(v.kind, NoteKind::Generic);
    assert_eq!(v.language, None);
}

#[test]
fn the_new_languages_are_told() {
    let lang = |note: &str| classify_note(Some(note)).language;
    assert_eq!(lang("Cześć Anna, poznaliśmy się na konferencji Infoshare 2025 w Gdańsku. Czy moglibyśmy porozmawiać?"), Some(Lang::Pl));
    assert_eq!(lang("Привет! Давай дружить."), Some(Lang::Ru));
    assert_eq!(
        lang("Привіт! Давай дружити, я тут новенький."),
        Some(Lang::Uk)
    );
    assert_eq!(
        lang("Hej! Jeg vil gerne høre mere om jeres produkt."),
        Some(Lang::Da)
    );
    assert_eq!(
        lang("Hei! Jeg vil gjerne høre mer om produktet deres."),
        Some(Lang::Nb)
    );
    assert_eq!(
        lang("田中さん、先日はありがとうございました。"),
        Some(Lang::Ja)
    );
    assert_eq!(lang("你好，我们上周在会议上见过。"), Some(Lang::ZhHans));
    assert_eq!(lang("你好，我們上週在會議上見過。"), Some(Lang::ZhHant));
    assert_eq!(
        lang("안녕하세요, 지난주 행사에서 만났습니다."),
        Some(Lang::Ko)
    );
    assert_eq!(lang("שלום, נפגשנו בכנס בשבוע שעבר."), Some(Lang::He));
    assert_eq!(
        lang("مرحبا، التقينا في المؤتمر الأسبوع الماضي."),
        Some(Lang::Ar)
    );
}

#[test]
fn language_needs_a_clear_majority() {
    assert_eq!(
        classify_note(Some("Hola, me gustaría conectar contigo.")).language,
        Some(Lang::Es)
    );
    assert_eq!(
        classify_note(Some("Olá, gostaria de me conectar com você.")).language,
        Some(Lang::Pt)
    );
    assert_eq!(
        classify_note(Some("Hej! Vill gärna utöka mitt nätverk.")).language,
        Some(Lang::Sv)
    );
    assert_eq!(
        classify_note(Some("Szia! Szívesen bővíteném a kapcsolati hálómat.")).language,
        None
    );
}

#[test]
fn typo_tolerance_is_bounded() {
    assert!(same_word("proffesional", "professional"));
    assert!(same_word("id", "i'd"));
    assert!(same_word("hinzufuegen", "hinzufugen"));
    assert!(!same_word("net", "not"));
    assert!(
        !same_word("and", "any"),
        "no typo allowance below four letters"
    );
    assert!(
        !same_word("connect", "conecta"),
        "one edit for 5-7 letters, not two"
    );
    assert!(
        !same_word("reseau", "beseau"),
        "the first letter must agree"
    );
}

#[test]
fn phrase_tables_are_well_formed() {
    let t = tables();
    for p in &t.phrases {
        match p.words.first() {
            Some(PatternWord::Exact(w)) => assert!(!w.is_empty()),
            Some(PatternWord::Prefix(w)) => assert!(
                w.chars().count() >= 4,
                "prefix {w:?} is shorter than its index key"
            ),
            other => panic!("a phrase must start with a word: {other:?}"),
        }
    }
    assert!(t.templates.len() <= MAX_TEMPLATES);
    for tpl in &t.templates {
        assert!(
            tpl.words.iter().any(|w| w.starts_with("linkedin")
                || t.linkedin_names.iter().any(|n| w.contains(n.as_str()))),
            "stock text without LinkedIn: {:?}",
            tpl.words
        );
        assert!(tpl.words.len() < 64);
    }
}

#[test]
fn reasons_quote_what_decided() {
    let v = classify_note(Some("Hi Dana, let's connect!"));
    assert_eq!(v.reasons, ["Generic: \"let's connect\" gives no reason"]);
    let v = classify_note(Some(
        "Hallo Frau Müller, wir haben uns gestern auf der re:publica kennengelernt.",
    ));
    assert_eq!(v.reasons, ["Met before: \"kennengelernt\""]);
    assert_eq!(v.reason_kind, Some(ReasonKind::Met));
}

#[test]
fn other_scripts_are_matched_as_notes_are_folded() {
    // Hangul syllables and hamza letters decompose when folded: the tables are folded too.
    let t = tables();
    assert!(t.linkedin_names.iter().all(|n| !n.is_empty()));
    let korean = classify_note(Some("링크드인에서 회원님을 제 일촌으로 추가하고 싶습니다."));
    assert_eq!(korean.kind, NoteKind::Stock, "{:?}", korean.reasons);
    let said = |note: &str| {
        let v = classify_note(Some(note));
        v.reasons
            .iter()
            .any(|r| r.to_string().contains("says when"))
    };
    assert!(said(
        "어제 컨퍼런스에서 만나서 반가웠습니다, Acme 팀 만세 2024"
    ));
    assert!(said("رأيتك أمس في مؤتمر دبي، شكرا Acme 2024"));
    assert!(said(
        "Мы познакомились вчера на конференции в Москве, Acme 2024."
    ));
}

#[test]
fn the_committed_model_is_read_and_decides() {
    let m = model::model().expect("src/core/note/model.bin is a trained model");
    // A note the rules alone call generic (no cue word, no signal) is a pitch to the model.
    let note = "Hello Ana, we help logistics teams cut fuel costs by 20% in 90 days. Worth a 15-minute call next week?";
    let v = classify_note(Some(note));
    assert_eq!(v.kind, NoteKind::Reasoned, "{:?}", v.reasons);
    assert_eq!(v.reason_kind, Some(ReasonKind::Pitch), "{:?}", v.reasons);
    assert!(
        v.reasons[0].to_string().starts_with("Sales pitch: "),
        "{:?}",
        v.reasons
    );
    // Its scores are integers: the same on every target.
    let f = model_features(Some(note)).unwrap();
    assert_eq!(m.scores(&f), m.scores(&f));
    assert!(model::Model::parse(&[0u8; 16]).is_none());
}

#[test]
fn fast_paths_answer_as_the_unicode_tables_do() {
    // `numeric` skips the Unicode tables for whole scripts: it must agree everywhere.
    for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
        assert_eq!(signals::numeric(c), c.is_numeric(), "{c:?}");
    }
    // The telling letters are looked up only in Latin-1 Supplement to Latin Extended-B.
    for (c, _) in language::LETTERS {
        assert!(('\u{C0}'..='\u{24F}').contains(c), "{c:?}");
    }
    // Every honorific and every non-Latin name of LinkedIn starts with a non-ASCII
    // character (the one-walk searches look only there), and they are found as a
    // substring search would find them.
    for h in signals::HONORIFICS {
        assert!(!h.chars().next().unwrap().is_ascii(), "{h:?}");
    }
    let t = tables();
    for n in &t.linkedin_names {
        assert!(!n.chars().next().unwrap().is_ascii(), "{n:?}");
    }
    for note in [
        "田中さん、こんにちは",
        "김민수 님께",
        "السيد أحمد",
        "שלום מר כהן",
        "Hi Ana",
        "老師好",
        "我在领英的网络",
        "",
    ] {
        assert_eq!(
            signals::has_honorific(note),
            signals::HONORIFICS.iter().any(|h| note.contains(h)),
            "{note:?}"
        );
    }
}
