//! The relationship ledger as the user relies on it: old data still readable after every
//! upgrade, export → delete everything → import gives everything back, CSV that opens
//! safely in a spreadsheet, reminders and stats that count what happened, unreadable
//! data kept aside instead of overwritten.

use askfirst::core::fit::Fit;
use askfirst::core::ledger::export::CSV_COLUMNS;
use askfirst::core::ledger::schema::BACKUP_KEY_PREFIX;
use askfirst::core::ledger::{
    open_stored, Action, Ledger, LoadError, Notice, Opened, Outcome, Snapshot, DAY_MS,
    SCHEMA_VERSION,
};
use askfirst::core::note::NoteKind;
use askfirst::core::plan::PlanKind;

const ANA: &str = "https://www.linkedin.com/in/ana-lima/";
const BRUNO: &str = "urn:li:invitation:7310000000000000001";
const NOW: u64 = 1_764_189_000_000; // 2025-11-26T20:30:00Z

fn fixture(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/ledger/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

fn person(name: &str, note: NoteKind, plan: PlanKind) -> Option<Snapshot> {
    Some(Snapshot {
        name: name.into(),
        headline: Some(format!("{name}'s headline")),
        note_kind: Some(note),
        fit: Some(Fit::Unclear),
        plan: Some(plan),
        ..Snapshot::default()
    })
}

/// Every version the ledger was ever stored in, with what it must read as today.
#[test]
fn data_written_by_v1_reads_as_current() {
    let loaded = Ledger::load(Some(&fixture("v1.json"))).unwrap();
    assert_eq!(loaded.migrated_from, Some(1));
    let l = loaded.ledger;
    assert_eq!(l.version, SCHEMA_VERSION);
    // Two spellings of Ana's profile link are one person, with both histories.
    assert_eq!(
        l.records.keys().collect::<Vec<_>>(),
        vec![ANA, "name:Chloé Martin", BRUNO]
    );
    let ana = l.get(ANA).unwrap();
    assert_eq!(ana.events.len(), 7, "{:?}", ana.events);
    assert_eq!(ana.first_seen(), Some(1_761_000_000_000));
    assert_eq!(ana.outcome(), Some((1_761_400_000_000, Outcome::Lead)));
    assert_eq!(ana.last_answer(), Some(1_761_300_000_000));
    assert!(ana.events.iter().any(|e| e.action
        == Action::Note {
            text: "=wants a demo in Q1".into()
        }));
    assert_eq!(ana.snapshot.profile_url.as_deref(), Some(ANA));
    assert_eq!(ana.snapshot.plan, Some(PlanKind::AcceptFollowUp));
    assert_eq!(ana.updated_at, 1_761_400_000_001);
    // An event type v1 wrote that no later version knows is kept as a note, not lost.
    let bruno = l.get(BRUNO).unwrap();
    assert_eq!(bruno.snapshot.invitation_urn.as_deref(), Some(BRUNO));
    assert!(bruno
        .events
        .iter()
        .any(|e| matches!(&e.action, Action::Note { text } if text.contains("snoozed"))));
    assert_eq!(bruno.last_ask(), Some(1_761_500_030_000));
    let chloe = l.get("name:Chloé Martin").unwrap();
    assert_eq!(chloe.outcome().map(|o| o.1), Some(Outcome::NoFit));
    assert_eq!(chloe.snapshot.headline, None);

    // Saved again, it is a current document that loads unchanged.
    let again = Ledger::load(Some(&l.to_json())).unwrap();
    assert_eq!(again.migrated_from, None);
    assert_eq!(again.ledger, l);
}

#[test]
fn data_written_by_v2_reads_as_current() {
    let loaded = Ledger::load(Some(&fixture("v2.json"))).unwrap();
    assert_eq!(loaded.migrated_from, Some(2));
    let l = loaded.ledger;
    let ana = l.get(ANA).unwrap();
    assert_eq!(ana.snapshot.name, "Ana Lima");
    assert_eq!(
        ana.snapshot.invitation_urn.as_deref(),
        Some("urn:li:invitation:7310000000000000002")
    );
    assert_eq!(ana.snapshot.note_kind, Some(NoteKind::None));
    assert_eq!(ana.outcome().map(|o| o.1), Some(Outcome::Deal));
    assert_eq!(ana.updated_at, 1_761_400_000_001);
    assert_eq!(ana.events.len(), 6);
    let bruno = l.get(BRUNO).unwrap();
    assert_eq!(
        bruno.events.last().map(|e| &e.action),
        Some(&Action::NotNow)
    );
    assert_eq!(Ledger::load(Some(&l.to_json())).unwrap().ledger, l);
}

#[test]
fn a_current_fixture_stays_readable() {
    // v3 written by this version: the fixture for the next migration's test.
    let loaded = Ledger::load(Some(&fixture("v3.json"))).unwrap();
    assert_eq!(loaded.migrated_from, None);
    assert!(loaded.ledger.get(ANA).unwrap().compacted);
}

#[test]
fn old_data_that_is_damaged_is_refused_with_its_version() {
    let broken = fixture("v2.json").replace("\"events\": [", "\"events\": 5, \"x\": [");
    let err = Ledger::load(Some(&broken)).unwrap_err();
    assert!(matches!(err, LoadError::Migration { from: 2, .. }), "{err}");
}

fn busy_ledger() -> Ledger {
    let mut l = Ledger::new();
    let t0 = NOW - 20 * DAY_MS;
    l.record(
        ANA,
        Action::Seen,
        t0,
        person("Ana Lima", NoteKind::None, PlanKind::AcceptFollowUp),
    )
    .unwrap();
    l.record(ANA, Action::PromptShown, t0 + 1, None).unwrap();
    l.record(ANA, Action::AcceptedFollowUp, t0 + 2, None)
        .unwrap();
    l.record(ANA, Action::ReplyInserted, t0 + 3, None).unwrap();
    l.record(ANA, Action::Answered, t0 + DAY_MS, None).unwrap();
    l.record(
        ANA,
        Action::Outcome {
            outcome: Outcome::Lead,
        },
        t0 + 2 * DAY_MS,
        None,
    )
    .unwrap();
    l.record(
        ANA,
        Action::Note {
            text: "Call on Tuesday,\n\"bring\" the deck".into(),
        },
        t0 + 2 * DAY_MS,
        None,
    )
    .unwrap();
    l.record(
        BRUNO,
        Action::Seen,
        NOW - 9 * DAY_MS,
        person(
            "=HYPERLINK(\"http://x\")",
            NoteKind::Stock,
            PlanKind::AskFirst,
        ),
    )
    .unwrap();
    l.record(BRUNO, Action::ReplyCopied, NOW - 9 * DAY_MS + 5, None)
        .unwrap();
    l.record(
        "name:Dana",
        Action::Seen,
        NOW - DAY_MS,
        person("@Dana", NoteKind::Reasoned, PlanKind::Accept),
    )
    .unwrap();
    l.record("name:Dana", Action::Overridden, NOW - DAY_MS + 1, None)
        .unwrap();
    l
}

#[test]
fn export_wipe_import_restores_everything() {
    let mut l = busy_ledger();
    let exported = l.export_json();
    l.wipe();
    assert!(l.records.is_empty());
    let report = l.import_json(&exported).unwrap();
    assert_eq!(report.added, 3);
    assert_eq!(l, busy_ledger());
    // Importing the same file again changes nothing.
    let again = l.import_json(&exported).unwrap();
    assert_eq!(
        (
            again.added,
            again.updated,
            again.events_added,
            again.unchanged
        ),
        (0, 0, 0, 3)
    );
    assert_eq!(l, busy_ledger());
    // An old export (v1) merges into today's data.
    let r = l.import_json(&fixture("v1.json")).unwrap();
    assert_eq!(r.added, 1, "Chloé is new; Ana and Bruno gain events");
    assert_eq!(r.updated, 2);
}

#[test]
fn csv_is_one_row_per_person_and_safe_in_spreadsheets() {
    let csv_text = busy_ledger().export_csv();
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    assert_eq!(
        reader.headers().unwrap().iter().collect::<Vec<_>>(),
        CSV_COLUMNS.to_vec()
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 3);
    let col = |name: &str| CSV_COLUMNS.iter().position(|c| *c == name).unwrap();
    let bruno = rows.iter().find(|r| &r[col("key")] == BRUNO).unwrap();
    assert_eq!(&bruno[col("name")], "'=HYPERLINK(\"http://x\")");
    assert_eq!(&bruno[col("plan")], "ask-first");
    assert_eq!(&bruno[col("note_kind")], "stock");
    assert_eq!(&bruno[col("answered_at")], "");
    let dana = rows.iter().find(|r| &r[col("key")] == "name:Dana").unwrap();
    assert_eq!(&dana[col("name")], "'@Dana");
    let ana = rows.iter().find(|r| &r[col("key")] == ANA).unwrap();
    assert_eq!(&ana[col("outcome")], "lead");
    assert_eq!(
        &ana[col("notes")],
        "Call on Tuesday,\n\"bring\" the deck",
        "quotes and line breaks survive"
    );
    assert_eq!(&ana[col("first_seen")], "2025-11-06T20:30:00Z");
    // No cell anywhere starts with a formula character.
    for row in &rows {
        for cell in row.iter() {
            assert!(!cell.starts_with(['=', '+', '-', '@']), "{cell:?}");
        }
    }
}

#[test]
fn reminders_list_who_was_asked_and_never_answered() {
    let mut l = busy_ledger();
    // Bruno: asked 9 days ago, no answer → reminded at 7 days, not at 10.
    let r = l.reminders(NOW, 7);
    assert_eq!(
        r.iter().map(|r| r.key.as_str()).collect::<Vec<_>>(),
        vec![BRUNO]
    );
    assert_eq!(r[0].days_waiting, 8);
    assert!(l.reminders(NOW, 10).is_empty());
    // Ana answered (and has an outcome): never reminded. Dana was never asked.
    // Asked again after an old answer: the clock restarts.
    l.record(ANA, Action::ReplyInserted, NOW - 8 * DAY_MS, None)
        .unwrap();
    assert_eq!(
        l.reminders(NOW, 7).len(),
        1,
        "Ana has an outcome: the user decided"
    );
    let eve = "https://www.linkedin.com/in/eve/";
    l.record(
        eve,
        Action::ReplyInserted,
        NOW - 30 * DAY_MS,
        person("Eve", NoteKind::None, PlanKind::AskFirst),
    )
    .unwrap();
    l.record(eve, Action::Answered, NOW - 29 * DAY_MS, None)
        .unwrap();
    l.record(eve, Action::ReplyInserted, NOW - 7 * DAY_MS, None)
        .unwrap();
    let keys: Vec<_> = l
        .reminders(NOW, 7)
        .into_iter()
        .map(|r| (r.key, r.profile_url))
        .collect();
    assert_eq!(
        keys,
        vec![(BRUNO.to_string(), None), (eve.to_string(), None)]
    );
    // Once Eve answers, she leaves the list.
    l.record(eve, Action::Answered, NOW - 1, None).unwrap();
    assert_eq!(l.reminders(NOW, 7).len(), 1);
}

#[test]
fn stats_count_the_last_thirty_days() {
    let mut l = busy_ledger();
    let s = l.stats(NOW);
    assert_eq!((s.invites_seen, s.default_invites), (3, 2));
    assert_eq!((s.asked, s.answers), (2, 1));
    assert_eq!((s.leads, s.deals, s.no_fit), (1, 0, 0));
    // Thirty-one days later Ana's story is out of the window; the latest outcome counts.
    l.record(
        BRUNO,
        Action::Outcome {
            outcome: Outcome::NoFit,
        },
        NOW,
        None,
    )
    .unwrap();
    l.record(
        BRUNO,
        Action::Outcome {
            outcome: Outcome::Deal,
        },
        NOW + 1,
        None,
    )
    .unwrap();
    let later = l.stats(NOW + 13 * DAY_MS);
    assert_eq!((later.invites_seen, later.asked, later.answers), (2, 1, 0));
    assert_eq!((later.leads, later.deals, later.no_fit), (0, 1, 0));
    let follow = l.recent_follow_ups(NOW);
    assert_eq!(follow.len(), 1);
    assert!(follow[0].answered);
}

/// Issue #13, finding 7: one huge event time in an import made the options page's ledger
/// section fail (numbers past 2^53 cannot cross into JavaScript), export and delete with
/// it. Every time and size is range-checked where stored data and files are parsed: the
/// import is refused with a clear error and nothing changes; stored data with such a time
/// keeps its other records. Fails on the main before the fix (the import was accepted).
#[test]
fn times_and_sizes_out_of_range_are_refused_where_they_are_parsed() {
    use askfirst::core::ledger::{MAX_STORED_NUMBER, MAX_TIME_MS};
    let good = fixture("v3.json");
    assert!(good.contains("\"at\": 1761000000000"));
    for huge in [
        "8640000000000001".to_string(), // past JavaScript's last date
        (1u64 << 60).to_string(),
        u64::MAX.to_string(),
        (MAX_TIME_MS + 1).to_string(),
    ] {
        let hostile = good.replacen("\"at\": 1761000000000", &format!("\"at\": {huge}"), 1);
        let mut l = busy_ledger();
        let err = l.import_json(&hostile).unwrap_err();
        assert!(err.to_string().contains("out of range"), "{huge}: {err}");
        assert_eq!(l, busy_ledger(), "nothing changed");
        // Stored: the other records are kept, the whole document set aside.
        match open_stored(Some(&hostile), NOW, &[]) {
            Opened::Recovered { ledger, raw, .. } => {
                assert_eq!(raw, hostile);
                assert!(!ledger.records.is_empty(), "the readable records are kept");
                let json: serde_json::Value = serde_json::from_str(&ledger.to_json()).unwrap();
                assert_numbers_fit(&json);
            }
            other => panic!("{huge}: {other:?}"),
        }
    }
    for notice in [
        format!(
            r#"{{"kind":"compacted","at":1,"records":1,"bytes_before":{},"bytes_after":1,"still_over":false}}"#,
            MAX_STORED_NUMBER + 1
        ),
        format!(
            r#"{{"kind":"flooded","since":1,"at":{},"refused":1}}"#,
            u64::MAX
        ),
    ] {
        let doc = format!(r#"{{"version":3,"records":{{}},"notices":[{notice}]}}"#);
        assert!(Ledger::load(Some(&doc)).is_err(), "{notice}");
        assert!(Ledger::new().import_json(&doc).is_err(), "{notice}");
        if let Opened::Recovered { ledger, .. } = open_stored(Some(&doc), NOW, &[]) {
            assert_numbers_fit(&serde_json::from_str(&ledger.to_json()).unwrap());
        }
    }
    // The latest time allowed is still read.
    let mut edge = busy_ledger();
    edge.record(ANA, Action::ReplyCopied, MAX_TIME_MS, None)
        .unwrap();
    assert_eq!(Ledger::load(Some(&edge.to_json())).unwrap().ledger, edge);
}

/// Every number in the document is an exact JavaScript integer.
fn assert_numbers_fit(v: &serde_json::Value) {
    match v {
        serde_json::Value::Number(n) => {
            assert!(n.as_u64().is_some_and(|n| n < 1 << 53), "{n}")
        }
        serde_json::Value::Array(a) => a.iter().for_each(assert_numbers_fit),
        serde_json::Value::Object(o) => o.values().for_each(assert_numbers_fit),
        _ => {}
    }
}

#[test]
fn unreadable_data_is_kept_aside_never_overwritten() {
    let garbage = "{\"version\":3,\"records\":{\"https://www.linkedin.com/in/ana/\":{\"snapshot\":";
    let taken = vec![format!("{BACKUP_KEY_PREFIX}{NOW}")];
    match open_stored(Some(garbage), NOW, &taken) {
        Opened::Recovered {
            backup_key,
            raw,
            ledger,
            problem,
        } => {
            assert_eq!(
                backup_key,
                format!("{BACKUP_KEY_PREFIX}{NOW}-2"),
                "an earlier backup is not replaced"
            );
            assert_eq!(raw, garbage, "the data is kept exactly as it was");
            assert!(matches!(problem, LoadError::NotJson(_)));
            assert!(ledger.records.is_empty());
            match &ledger.notices[..] {
                [Notice::Recovered {
                    backup_key: k,
                    problem,
                    ..
                }] => {
                    assert_eq!(k, &backup_key);
                    assert!(problem.contains("not JSON"), "{problem}");
                }
                other => panic!("{other:?}"),
            }
        }
        other => panic!("garbage must be kept aside and replaced: {other:?}"),
    }
    // One record that cannot be read does not cost the others: the whole document is kept
    // aside, and every person that can be read on their own is kept (v1, migrated, and v3).
    for (version, doc) in [("v1", fixture("v1.json")), ("v3", fixture("v3.json"))] {
        let mut value: serde_json::Value = serde_json::from_str(&doc).unwrap();
        let records = value["records"].as_object_mut().unwrap();
        let good = Ledger::load(Some(&doc)).unwrap().ledger.records.len();
        records.insert("not a key at all".into(), serde_json::json!({"name": 7}));
        let broken = value.to_string();
        match open_stored(Some(&broken), NOW, &[]) {
            Opened::Recovered { raw, ledger, .. } => {
                assert_eq!(raw, broken, "{version}: kept aside as it was");
                assert_eq!(
                    ledger.records.len(),
                    good,
                    "{version}: the readable people kept"
                );
                match ledger.notices.last() {
                    Some(Notice::Recovered { problem, .. }) => {
                        assert!(problem.contains("could be read and were kept"), "{problem}")
                    }
                    other => panic!("{other:?}"),
                }
            }
            other => panic!("{version}: {other:?}"),
        }
    }
    // Data from a newer AskFirst is left as it is: not replaced by an empty ledger (found
    // in review: after going back to an older version and updating again, the history
    // was only in a backup key nothing restores).
    assert_eq!(
        open_stored(Some(r#"{"version":4,"records":{}}"#), NOW, &[]),
        Opened::Newer(LoadError::FromTheFuture(4))
    );
    assert!(matches!(
        open_stored(Some(&fixture("v2.json")), NOW, &[]),
        Opened::Ready(_)
    ));
}

// --- answered detection: the messaging reader on fixtures --------------------------------

fn page(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/tests/fixtures/linkedin/{name}",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

#[test]
fn messaging_threads_tell_who_answered() {
    use askfirst::core::linkedin::messaging::{read_thread, Sender::*};
    let t = read_thread(&page("messaging-answered.html"));
    let other = t.other.as_ref().unwrap();
    assert_eq!(other.name.as_deref(), Some("Ana Lima"));
    assert_eq!(
        other.profile_url.as_deref(),
        Some("https://www.linkedin.com/in/ana-lima/")
    );
    assert_eq!(t.messages, vec![Them, Me, Me, Them]);
    assert!(t.answered && !t.group);

    let t = read_thread(&page("messaging-unanswered.html"));
    assert_eq!(
        t.messages,
        vec![Them, Me, Me],
        "senders told apart by profile link alone"
    );
    assert!(!t.answered);
    assert_eq!(t.other.unwrap().name.as_deref(), Some("Bruno Keller"));

    let t = read_thread(&page("messaging-overlay.html"));
    assert_eq!(t.messages, vec![Me, Them]);
    assert!(t.answered);
    assert_eq!(
        t.other.unwrap().profile_url.as_deref(),
        Some("https://www.linkedin.com/in/chloe-martin-42/")
    );

    let t = read_thread(&page("messaging-group.html"));
    assert!(t.group && !t.answered && t.other.is_none());

    // An earlier exchange, then our new ask: not answered until they write after it.
    let asked_again = page("messaging-answered.html").replace(
        "      </ul>",
        r#"        <li class="msg-s-message-list__event clearfix">
          <div class="msg-s-event-listitem" data-event-urn="urn:li:msg_message:5">
            <p class="msg-s-event-listitem__body">Ana, what prompted you to connect this time?</p>
          </div>
        </li>
      </ul>"#,
    );
    let t = read_thread(&asked_again);
    assert_eq!(t.messages, vec![Them, Me, Me, Them, Me]);
    assert!(
        !t.answered,
        "their earlier message does not answer our latest"
    );
}

// --- the protocol: forged and malformed messages, and what each request does -----------

mod protocol {
    use super::*;
    use askfirst::core::ledger::Action;
    use askfirst::core::protocol_ledger::{
        handle, parse_request, Context, LedgerAnswer, LedgerRequest, Origin, ProtocolError,
        WIPE_CONFIRMATION,
    };

    const CTX: Context = Context {
        now: NOW,
        reminder_days: 7,
    };

    fn run(l: &mut Ledger, json: &str, origin: Origin) -> LedgerAnswer {
        let req = parse_request(json, origin).unwrap_or_else(|e| panic!("{json}: {e}"));
        handle(l, req, CTX).answer
    }

    #[test]
    fn forged_and_malformed_messages_are_refused() {
        let thread = r#"{"type":"thread-seen","html":"<ul></ul>"}"#;
        assert!(parse_request(thread, Origin::LinkedInTab).is_ok());
        assert!(parse_request(r#"{"type":"dashboard"}"#, Origin::ExtensionPage).is_ok());
        for (json, origin) in [
            (thread, Origin::Other),
            // Answers are read from LinkedIn's pages, never claimed by our own pages.
            (thread, Origin::ExtensionPage),
            // A web page may not set an outcome, wipe or import the ledger.
            (
                r#"{"type":"set-outcome","key":"urn:li:invitation:1","outcome":"deal"}"#,
                Origin::LinkedInTab,
            ),
            (
                r#"{"type":"wipe","confirm":"delete-everything"}"#,
                Origin::LinkedInTab,
            ),
            (r#"{"type":"import","data":"{}"}"#, Origin::LinkedInTab),
            // Another tab's state is the popup's business only.
            (r#"{"type":"tab-status","tab_id":3}"#, Origin::LinkedInTab),
            (r#"{"type":"dashboard"}"#, Origin::Other),
        ] {
            assert!(
                parse_request(json, origin).is_err(),
                "{json} from {origin:?}"
            );
        }
        for json in [
            "",
            "null",
            "[]",
            "{}",
            r#"{"type":"dashboard","extra":1}"#,
            r#"{"type":"drop-tables"}"#,
            r#"{"type":"thread-seen","html":"<ul></ul>","answered":true}"#,
            r#"{"type":"thread-seen","html":5}"#,
            r#"{"type":"record","key":"urn:li:invitation:1","event":"prompt-shown"}"#,
            r#"{"type":"set-outcome","key":"x","outcome":"maybe"}"#,
            r#"{"type":"dismiss-notice","index":-1}"#,
        ] {
            let origin = if json.contains("thread-seen") {
                Origin::LinkedInTab
            } else {
                Origin::ExtensionPage
            };
            assert!(
                matches!(
                    parse_request(json, origin),
                    Err(ProtocolError::Malformed(_))
                ),
                "{json}"
            );
        }
        let huge = format!(
            r#"{{"type":"thread-seen","html":"{}"}}"#,
            "a".repeat(3 * 1024 * 1024)
        );
        assert!(matches!(
            parse_request(&huge, Origin::LinkedInTab),
            Err(ProtocolError::TooLarge(_))
        ));
    }

    #[test]
    fn requests_do_what_they_say() {
        let mut l = Ledger::new();
        // Prompt events arrive as core::protocol `record` messages; the router turns them
        // into ledger events with the same names.
        let record = r#"{"type":"record","key":"https://www.linkedin.com/in/ana-lima/?trk=x","event":"reply-inserted","snapshot":{"name":"Ana Lima","headline":null,"profile_url":null,"note_kind":"none","fit":"unclear","plan":"ask-first"}}"#;
        let page_msg: serde_json::Value = serde_json::from_str(record).unwrap();
        let event: askfirst::core::protocol::RecordEvent =
            serde_json::from_value(page_msg["event"].clone()).unwrap();
        let snap: askfirst::core::protocol::Snapshot =
            serde_json::from_value(page_msg["snapshot"].clone()).unwrap();
        l.record(
            page_msg["key"].as_str().unwrap(),
            Action::from(event),
            NOW,
            Some(snap.into()),
        )
        .unwrap();
        let ana = l.get(ANA).unwrap();
        assert_eq!(ana.events[0].action, Action::ReplyInserted);
        assert_eq!(ana.snapshot.plan, Some(PlanKind::AskFirst));

        // Ana answers in the messaging thread: recorded once, however often it is opened.
        let thread = serde_json::to_string(&LedgerRequest::ThreadSeen {
            html: page("messaging-answered.html"),
        })
        .unwrap();
        match run(&mut l, &thread, Origin::LinkedInTab) {
            LedgerAnswer::ThreadRead { answered, asked } => {
                assert_eq!(answered.as_deref(), Some(ANA));
                let asked = asked.expect("Ana was asked: her thread is watched");
                assert_eq!((asked.key.as_str(), asked.answered), (ANA, true));
            }
            other => panic!("{other:?}"),
        }
        let req = parse_request(&thread, Origin::LinkedInTab).unwrap();
        assert!(
            !handle(
                &mut l,
                req,
                Context {
                    now: NOW + 1,
                    ..CTX
                }
            )
            .changed
        );
        assert_eq!(l.get(ANA).unwrap().last_answer(), Some(NOW));

        // Someone never asked: an earlier exchange in their thread is no answer.
        const CHLOE: &str = "https://www.linkedin.com/in/chloe-martin-42/";
        let mut l2 = l.clone();
        l2.record(
            CHLOE,
            Action::Seen,
            NOW - 1,
            person("Chloé Martin", NoteKind::Stock, PlanKind::AskFirst),
        )
        .unwrap();
        let overlay = serde_json::to_string(&LedgerRequest::ThreadSeen {
            html: page("messaging-overlay.html"),
        })
        .unwrap();
        assert!(matches!(
            run(&mut l2, &overlay, Origin::LinkedInTab),
            LedgerAnswer::ThreadRead {
                answered: None,
                asked: None
            }
        ));
        assert_eq!(l2.get(CHLOE).unwrap().last_answer(), None);

        // An ask dated later than now (a clock set back, an ask imported from another
        // machine): one answer, dated with the ask, not one more at every look.
        let mut skewed = l.clone();
        skewed
            .record(ANA, Action::ReplyCopied, NOW + DAY_MS, None)
            .unwrap();
        for now in [NOW + 10, NOW + 20, NOW + 30] {
            let req = parse_request(&thread, Origin::LinkedInTab).unwrap();
            handle(&mut skewed, req, Context { now, ..CTX });
        }
        let answers = skewed
            .get(ANA)
            .unwrap()
            .events
            .iter()
            .filter(|e| e.action == Action::Answered)
            .count();
        assert_eq!(answers, 2, "the first answer and one for the later ask");
        assert_eq!(skewed.get(ANA).unwrap().last_answer(), Some(NOW + DAY_MS));

        // Bruno is in the ledger under his invitation; messaging links him by member id:
        // found by his (unique) name; he has not answered, so nothing is recorded.
        l.record(
            BRUNO,
            Action::ReplyCopied,
            NOW - 1,
            person("Bruno Keller", NoteKind::Stock, PlanKind::AskFirst),
        )
        .unwrap();
        let thread = serde_json::to_string(&LedgerRequest::ThreadSeen {
            html: page("messaging-unanswered.html"),
        })
        .unwrap();
        // Asked and not answered: his thread is one AskFirst watches for his answer.
        match run(&mut l, &thread, Origin::LinkedInTab) {
            LedgerAnswer::ThreadRead {
                answered: None,
                asked: Some(w),
            } => assert_eq!(
                (w.key.as_str(), w.name.as_str(), w.answered),
                (BRUNO, "Bruno Keller", false)
            ),
            other => panic!("{other:?}"),
        }
        assert_eq!(l.get(BRUNO).unwrap().last_answer(), None);

        assert!(matches!(
            run(
                &mut l,
                r#"{"type":"set-outcome","key":"urn:li:invitation:7310000000000000001","outcome":"no-fit"}"#,
                Origin::ExtensionPage
            ),
            LedgerAnswer::Recorded { .. }
        ));
        assert_eq!(
            l.get(BRUNO).unwrap().outcome().map(|o| o.1),
            Some(Outcome::NoFit)
        );
        assert!(matches!(
            run(
                &mut l,
                r#"{"type":"add-note","key":"urn:li:invitation:7310000000000000001","text":"  "}"#,
                Origin::ExtensionPage
            ),
            LedgerAnswer::Error { .. }
        ));

        match run(
            &mut l,
            r#"{"type":"export","format":"csv"}"#,
            Origin::ExtensionPage,
        ) {
            LedgerAnswer::Exported { filename, text, .. } => {
                assert_eq!(filename, "askfirst-ledger-2025-11-26.csv");
                assert_eq!(text.lines().count(), 3);
            }
            other => panic!("{other:?}"),
        }
        let json = match run(
            &mut l,
            r#"{"type":"export","format":"json"}"#,
            Origin::ExtensionPage,
        ) {
            LedgerAnswer::Exported { text, .. } => text,
            other => panic!("{other:?}"),
        };
        // Delete everything needs its confirmation word.
        assert!(matches!(
            run(
                &mut l,
                r#"{"type":"wipe","confirm":"yes"}"#,
                Origin::ExtensionPage
            ),
            LedgerAnswer::Error { .. }
        ));
        assert_eq!(l.records.len(), 2);
        let wipe = format!(r#"{{"type":"wipe","confirm":"{WIPE_CONFIRMATION}"}}"#);
        assert_eq!(
            run(&mut l, &wipe, Origin::ExtensionPage),
            LedgerAnswer::Done
        );
        assert!(l.records.is_empty());
        let import = serde_json::to_string(&LedgerRequest::Import { data: json }).unwrap();
        assert!(
            matches!(run(&mut l, &import, Origin::ExtensionPage), LedgerAnswer::Imported(r) if r.added == 2)
        );
        match run(&mut l, r#"{"type":"dashboard"}"#, Origin::ExtensionPage) {
            LedgerAnswer::Dashboard(d) => {
                assert_eq!(d.records, 2);
                assert_eq!(d.stats.answers, 1);
                assert!(d.reminders.is_empty(), "Bruno was asked a moment ago");
            }
            other => panic!("{other:?}"),
        }
    }

    /// Issue #13, finding 4: someone with Ana's name answers in *their own* thread (their
    /// own profile link in its header): Ana, asked and waiting, stays unanswered and keeps
    /// her reminder. Fails on the main before the fix (the name alone matched her).
    #[test]
    fn a_namesake_answering_in_their_own_thread_does_not_answer_for_the_person_asked() {
        let mut l = Ledger::new();
        l.record(
            ANA,
            Action::ReplyInserted,
            NOW - 9 * DAY_MS,
            person("Ana Lima", NoteKind::None, PlanKind::AskFirst),
        )
        .unwrap();
        let impostor = page("messaging-answered.html")
            .replace("/in/ana-lima/", "/in/ana-lima-b7c9/")
            .replace(
                "https://www.linkedin.com/in/ana-lima/",
                "https://www.linkedin.com/in/ana-lima-b7c9/",
            );
        assert!(!impostor.contains("/in/ana-lima/"));
        let thread = serde_json::to_string(&LedgerRequest::ThreadSeen { html: impostor }).unwrap();
        assert_eq!(
            run(&mut l, &thread, Origin::LinkedInTab),
            LedgerAnswer::ThreadRead {
                answered: None,
                asked: None
            }
        );
        assert_eq!(l.get(ANA).unwrap().last_answer(), None);
        assert_eq!(
            l.reminders(NOW, 7).len(),
            1,
            "Ana's reminder is still there"
        );
        // Ana herself answering in her thread is still seen.
        let real = serde_json::to_string(&LedgerRequest::ThreadSeen {
            html: page("messaging-answered.html"),
        })
        .unwrap();
        assert!(matches!(
            run(&mut l, &real, Origin::LinkedInTab),
            LedgerAnswer::ThreadRead {
                answered: Some(ref k),
                asked: Some(_),
            } if k == ANA
        ));
    }
}
