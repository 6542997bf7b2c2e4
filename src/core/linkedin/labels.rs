//! LinkedIn's UI wording per language, used ONLY to classify lines and controls that the
//! structure already isolated (mutual line, follows-you line, invitation kind, see-more
//! text, Reply / Message controls), plus the headline → company rule and the mutual count.
//! Every phrase is stored folded (`text::fold`) and matched as whole words, so case,
//! accents, curly quotes and punctuation do not matter. Pure: no wasm-bindgen/web-sys/js-sys.
//! Adding a language: one line per table below; the fixtures in tests/fixtures/linkedin/
//! named current-<lang>.html exercise each table.

use crate::core::invitation::InvitationKind;
use crate::core::text::fold;
use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// "… is inviting you to connect": the card is a person's connection invitation.
const CONNECT_LINE: &[&str] = &[
    "inviting you to connect",            // en
    "invited you to connect",             // en (older wording)
    "vous invite a se connecter",         // fr
    "vous invite a rejoindre son reseau", // fr
    "mochte sich mit ihnen vernetzen",    // de
    "mochte sich mit dir vernetzen",      // de (du)
    "te invita a conectar",               // es
    "le invita a conectar",               // es (usted)
    "convidando voce para se conectar",   // pt
    "convidou voce para se conectar",     // pt
    "ti sta invitando a collegarti",      // it
    "ti ha invitato a collegarti",        // it
    "nodigt u uit om te connecten",       // nl
    "nodigt je uit om te connecten",      // nl
    "wil met u connecten",                // nl
];

/// "… follows you and is inviting you to connect".
const FOLLOWS_YOU: &[&str] = &[
    "follows you", // en
    "vous suit",   // fr
    "folgt ihnen", // de
    "folgt dir",   // de
    "te sigue",    // es
    "le sigue",    // es
    "segue voce",  // pt
    "ti segue",    // it
    "la segue",    // it (formal)
    "volgt u",     // nl
    "volgt je",    // nl
];

/// Non-person invitations: (kind, phrases).
const KIND_LINES: &[(InvitationKind, &[&str])] = &[
    (
        InvitationKind::Page,
        &[
            "invited you to follow",
            "vous a invite a suivre",
            "vous a invitee a suivre",
            "invite e a suivre", // "vous a invité(e) à suivre"
            "zu folgen",
            "te ha invitado a seguir",
            "le ha invitado a seguir",
            "convidou voce para seguir",
            "ti ha invitato a seguire",
            "te volgen",
        ],
    ),
    (
        InvitationKind::Newsletter,
        &[
            "invited you to subscribe",
            "vous abonner",
            "zu abonnieren",
            "suscribirte",
            "suscribirse",
            "para assinar",
            "iscriverti",
            "te abonneren",
            "abonneren op",
        ],
    ),
    (
        InvitationKind::Event,
        &[
            "invited you to attend",
            "invited you to an event",
            "a participer",
            "teilzunehmen",
            "a asistir",
            "para participar",
            "a partecipare",
            "bij te wonen",
        ],
    ),
];

/// Mutual-connection lines, singular and plural forms.
const MUTUAL_SINGULAR: &[&str] = &[
    "mutual connection",            // en
    "relation en commun",           // fr
    "gemeinsamer kontakt",          // de
    "gemeinsame kontakt",           // de (after "1")
    "contacto en comun",            // es
    "conexao em comum",             // pt
    "collegamento in comune",       // it
    "gemeenschappelijke connectie", // nl
    "connectie gemeen",             // nl (older)
];
const MUTUAL_PLURAL: &[&str] = &[
    "mutual connections",
    "relations en commun",
    "gemeinsame kontakte",
    "contactos en comun",
    "contactos mas en comun",
    "conexoes em comum",
    "collegamenti in comune",
    "gemeenschappelijke connecties",
    "connecties gemeen",
];

/// Words joining names in "Ana, Bo and 3 others" (all languages; folded).
const AND_WORDS: &[&str] = &["and", "et", "und", "y", "e", "en", "i"];

/// "other(s)" between the names and the number: "Ana e altri 5 …", "Ana and 8 other …".
const OTHER_WORDS: &[&str] = &[
    "other", "others", "autres", "weitere", "andere", "otros", "otras", "outros", "outras",
    "altri", "altre",
];

/// Verbs between the names and "mutual connections" when no number is given.
const ARE_WORDS: &[&str] = &[
    "are", "is", "sont", "est", "sind", "ist", "son", "es", "sao", "sono", "zijn",
];

/// Text of the note's expand / collapse toggle (the note must not contain it).
const SEE_MORE: &[&str] = &[
    "see more",
    "see less",
    "show more",
    "show less",
    "more", // en
    "voir plus",
    "voir moins",
    "plus", // fr
    "mehr anzeigen",
    "weniger anzeigen",
    "mehr", // de
    "ver mas",
    "ver menos",
    "mas", // es
    "ver mais",
    "mais", // pt
    "mostra altro",
    "mostra meno",
    "altro",
    "visualizza altro", // it
    "meer weergeven",
    "minder weergeven",
    "meer", // nl
];

/// The first word(s) of the "Reply to <first name>" control.
const REPLY: &[&str] = &[
    "reply to",
    "reply",
    "repondre a",
    "repondre",
    "antworten an",
    "antworten",
    "antwort an",
    "responder a",
    "responder",
    "rispondi a",
    "rispondi",
    "beantwoorden",
    "reageren op",
    "reageren",
    "antwoord aan",
];

/// A free "Message" button.
const MESSAGE: &[&str] = &[
    "message",
    "envoyer un message",
    "nachricht",
    "nachricht senden",
    "mensaje",
    "enviar mensaje",
    "mensagem",
    "enviar mensagem",
    "messaggio",
    "invia messaggio",
    "bericht",
    "bericht sturen",
];

/// Accept / Ignore control labels (aria-label or text), first words.
const ACCEPT: &[&str] = &[
    "accept",
    "accepter",
    "annehmen",
    "akzeptieren",
    "aceptar",
    "aceitar",
    "accetta",
    "accetto",
    "accepteren",
];
const IGNORE: &[&str] = &[
    "ignore",
    "ignorer",
    "ignorieren",
    "ignorar",
    "ignora",
    "negeren",
];

/// Whole-word phrase search in a folded line's words, for many phrases at once: each phrase
/// is compared word by word (no substring searcher built per phrase: this runs for every
/// line of every card).
fn any_in(words: &[&str], phrases: &[&str]) -> bool {
    phrases
        .iter()
        .any(|p| (0..words.len()).any(|i| phrase_at(&words[i..], p.as_bytes())))
}

/// True when `words` start with the phrase's words (one space between them). Compares
/// bytes in place: splitting every phrase at every position was a tenth of reading a card.
fn phrase_at(words: &[&str], phrase: &[u8]) -> bool {
    let mut rest = phrase;
    for w in words {
        let w = w.as_bytes();
        // Most candidates differ at the first byte.
        if w.first().is_some_and(|b| rest.first() != Some(b)) || !rest.starts_with(w) {
            return false;
        }
        rest = &rest[w.len()..];
        match rest.split_first() {
            None => return true,
            Some((b' ', tail)) => rest = tail,
            Some(_) => return false,
        }
    }
    false
}

/// What a line of the card's head (before the actions) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// "… follows you and is inviting you to connect" (checked before `Connect`).
    FollowsYou,
    /// "… is inviting you to connect".
    Connect,
    /// "Ana and 8 other mutual connections".
    Mutual,
    /// "… invited you to follow / subscribe / attend".
    Kind(InvitationKind),
    /// "1 week ago", "il y a 3 jours", "vor 2 Tagen", "Yesterday", "2w": when the
    /// invitation was sent. Never the headline.
    Time,
    Empty,
    /// Anything else (the headline is the first such line after the name).
    Other,
}

// What a head line can announce, as bits of a set, in order of precedence (`line_kind`
// takes the lowest): follows you, connect, mutual, then the invitation kinds in
// KIND_LINES' order (`kind_bit`).
const FOLLOWS_YOU_BIT: u16 = 1;
const CONNECT_BIT: u16 = 2;
const MUTUAL_BIT: u16 = 4;

/// The bit of the `i`-th kind of KIND_LINES.
const fn kind_bit(i: usize) -> u16 {
    8 << i
}

/// Every head-line phrase keyed by its first word: one hash lookup per word of a line
/// instead of comparing each phrase at each word (this runs for every line of every card).
fn line_phrases() -> &'static FxHashMap<&'static str, Vec<(&'static str, u16)>> {
    static INDEX: OnceLock<FxHashMap<&'static str, Vec<(&'static str, u16)>>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut index: FxHashMap<&'static str, Vec<(&'static str, u16)>> = FxHashMap::default();
        let mut add = |phrases: &[&'static str], bit: u16| {
            for p in phrases {
                let first = p.split(' ').next().unwrap_or(p);
                index.entry(first).or_default().push((p, bit));
            }
        };
        add(FOLLOWS_YOU, FOLLOWS_YOU_BIT);
        add(CONNECT_LINE, CONNECT_BIT);
        add(MUTUAL_PLURAL, MUTUAL_BIT);
        add(MUTUAL_SINGULAR, MUTUAL_BIT);
        for (i, (_, phrases)) in KIND_LINES.iter().enumerate() {
            add(phrases, kind_bit(i));
        }
        index
    })
}

/// The set of `Says` bits whose phrases occur (as whole words) in the folded words.
fn says(words: &[&str]) -> u16 {
    let index = line_phrases();
    let mut found = 0;
    for i in 0..words.len() {
        if let Some(candidates) = index.get(words[i]) {
            for (phrase, bit) in candidates {
                if found & bit == 0 && phrase_at(&words[i..], phrase.as_bytes()) {
                    found |= bit;
                }
            }
        }
    }
    found
}

fn says_of(folded: &str) -> u16 {
    let words: Vec<&str> = folded.split(' ').collect();
    says(&words)
}

/// The kind announced by the lowest kind bit of a `says` set.
fn kind_of_says(found: u16) -> Option<InvitationKind> {
    let kinds = found >> 3;
    (kinds != 0).then(|| KIND_LINES[kinds.trailing_zeros() as usize].0)
}

/// Classifies one folded line, splitting it into words once for all the tables.
pub fn line_kind(folded: &str) -> LineKind {
    if folded.is_empty() {
        return LineKind::Empty;
    }
    let words: Vec<&str> = folded.split(' ').collect();
    let found = says(&words);
    if found & FOLLOWS_YOU_BIT != 0 {
        LineKind::FollowsYou
    } else if found & CONNECT_BIT != 0 {
        LineKind::Connect
    } else if found & MUTUAL_BIT != 0 {
        LineKind::Mutual
    } else if let Some(k) = kind_of_says(found) {
        LineKind::Kind(k)
    } else if is_time_line(&words) {
        LineKind::Time
    } else {
        LineKind::Other
    }
}

/// Units of relative time, folded, singular and plural, in the seven UI languages.
const TIME_UNITS: &[&str] = &[
    // en
    "second",
    "seconds",
    "minute",
    "minutes",
    "hour",
    "hours",
    "day",
    "days",
    "week",
    "weeks",
    "month",
    "months",
    "year",
    "years",
    "min",
    "mins",
    "hr",
    "hrs",
    "wk",
    "wks",
    "mo",
    "mos",
    "yr",
    "yrs",
    // fr
    "seconde",
    "secondes",
    "heure",
    "heures",
    "jour",
    "jours",
    "semaine",
    "semaines",
    "mois",
    "an",
    "ans",
    "annee",
    "annees",
    // de
    "sekunde",
    "sekunden",
    "minuten",
    "stunde",
    "stunden",
    "tag",
    "tagen",
    "tage",
    "woche",
    "wochen",
    "monat",
    "monaten",
    "monate",
    "jahr",
    "jahren",
    "jahre",
    // es, pt
    "segundo",
    "segundos",
    "minuto",
    "minutos",
    "hora",
    "horas",
    "dia",
    "dias",
    "semana",
    "semanas",
    "mes",
    "meses",
    "ano",
    "anos",
    // it
    "secondo",
    "secondi",
    "minuti",
    "ora",
    "ore",
    "giorno",
    "giorni",
    "settimana",
    "settimane",
    "mese",
    "mesi",
    "anno",
    "anni",
    // nl
    "seconden",
    "minuut",
    "uur",
    "uren",
    "dag",
    "dagen",
    "weken",
    "maand",
    "maanden",
    "jaar",
    "jaren",
];

/// Words that alone say when: "yesterday", "today", "just now".
const TIME_WORDS: &[&str] = &[
    "yesterday",
    "today",
    "now",
    "hier",
    "aujourd'hui",
    "gestern",
    "heute",
    "ayer",
    "hoy",
    "ontem",
    "hoje",
    "ieri",
    "oggi",
    "gisteren",
    "vandaag",
];

/// A short line that only says how long ago: a number (or "a"/"one") with a time unit,
/// a compact form like "2w", "3mo", "1 yr", or a lone "Yesterday". Structure first: such a
/// line is at most five words, so a headline mentioning "10 years of sales" is not one.
fn is_time_line(words: &[&str]) -> bool {
    if words.is_empty() || words.len() > 5 {
        return false;
    }
    let compact = |w: &str| {
        let digits = w.bytes().take_while(u8::is_ascii_digit).count();
        digits > 0
            && matches!(
                &w[digits..],
                "s" | "m" | "h" | "d" | "w" | "mo" | "y" | "yr" | "yrs"
            )
    };
    if words.len() <= 2 && words.iter().any(|w| compact(w) || TIME_WORDS.contains(w)) {
        return true;
    }
    // The number first: most short lines (names, headlines) have none, and then the unit
    // table is never scanned.
    words.iter().any(|w| w.bytes().all(|b| b.is_ascii_digit()))
        && words.iter().any(|w| TIME_UNITS.contains(w))
}

fn starts_with_any(folded: &str, phrases: &[&str]) -> bool {
    phrases.iter().any(|p| {
        folded == *p
            || folded
                .strip_prefix(p)
                .is_some_and(|rest| rest.starts_with(' '))
    })
}

/// Verb-final languages put the action last: "Einladung von Ana annehmen".
fn starts_or_ends_with_any(folded: &str, phrases: &[&str]) -> bool {
    starts_with_any(folded, phrases)
        || phrases.iter().any(|p| {
            folded
                .strip_suffix(p)
                .is_some_and(|rest| rest.ends_with(' '))
        })
}

/// A line saying the card is a person's connection invitation.
pub fn is_connect_line(folded: &str) -> bool {
    says_of(folded) & CONNECT_BIT != 0
}

pub fn is_follows_you_line(folded: &str) -> bool {
    says_of(folded) & FOLLOWS_YOU_BIT != 0
}

/// The non-person kind a line announces, if any.
pub fn kind_of_line(folded: &str) -> Option<InvitationKind> {
    let found = says_of(folded);
    if found & CONNECT_BIT != 0 {
        return None;
    }
    kind_of_says(found)
}

pub fn is_mutual_line(folded: &str) -> bool {
    says_of(folded) & MUTUAL_BIT != 0
}

/// The whole text of a control is only a see-more/less toggle (with its ellipsis).
pub fn is_see_more(folded: &str) -> bool {
    SEE_MORE.contains(&folded)
}

/// Removes a trailing "…see more" that LinkedIn may render inline in the note's last line.
pub fn strip_see_more_tail(line: &str) -> &str {
    let trimmed = line.trim_end();
    for ellipsis in ["…", "..."] {
        if let Some(pos) = trimmed.rfind(ellipsis) {
            let tail = fold(&trimmed[pos + ellipsis.len()..]);
            if is_see_more(&tail) {
                return trimmed[..pos].trim_end();
            }
        }
    }
    line
}

pub fn is_reply_label(folded: &str) -> bool {
    starts_with_any(folded, REPLY)
}

/// "Reply to Ana" → "Ana" (as written in `label`), when the label has that shape.
pub fn reply_target(label: &str) -> Option<String> {
    let words: Vec<&str> = label.split_whitespace().collect();
    let folded_words: Vec<String> = words.iter().map(|w| fold(w)).collect();
    for phrase in REPLY {
        let n = phrase.split(' ').count();
        if folded_words.len() > n && folded_words[..n].join(" ") == *phrase {
            let rest = words[n..].join(" ");
            let rest = rest.trim_matches(|c: char| !c.is_alphanumeric());
            return (!rest.is_empty()).then(|| rest.to_string());
        }
    }
    None
}

pub fn is_message_label(folded: &str) -> bool {
    starts_with_any(folded, MESSAGE)
}

pub fn is_accept_label(folded: &str) -> bool {
    starts_or_ends_with_any(folded, ACCEPT)
}

/// How strongly an action's label says Accept and Ignore: 2 when it starts with the verb
/// ("Accept Ana’s invitation"), 1 when it only ends with it (verb-final languages:
/// "Einladung von Ana annehmen"), 0 otherwise. The inviter's name sits inside these labels,
/// so a name ending in "Accept" or "annehmen" makes an Ignore label *end* with an accept
/// verb: a leading verb must outrank a trailing one.
pub fn action_label_strength(folded: &str) -> (u8, u8) {
    let strength = |phrases: &[&str]| {
        if starts_with_any(folded, phrases) {
            2
        } else if starts_or_ends_with_any(folded, phrases) {
            1
        } else {
            0
        }
    };
    (strength(ACCEPT), strength(IGNORE))
}

pub fn is_ignore_label(folded: &str) -> bool {
    starts_or_ends_with_any(folded, IGNORE)
}

/// Counts mutual connections on a line already recognised by `is_mutual_line` (`folded`:
/// the line's `fold`, which the caller already made): "Ana and 8 other mutual connections" → 9, "Ana is a mutual connection" → 1,
/// "Ana, Bo and 3 others …" → 5, "12 mutual connections" → 12, "Ana and Bo are …" → 2.
pub fn mutual_count_folded(line: &str, folded: &str) -> u32 {
    let words: Vec<&str> = folded.split(' ').collect();
    // A number: digits possibly split by thousands separators, which `fold` turned into spaces.
    let number_at = words
        .iter()
        .position(|w| w.chars().all(|c| c.is_ascii_digit()) && !w.is_empty());
    let (names_part, others): (&[&str], u32) = match number_at {
        Some(i) => {
            let mut n: u32 = 0;
            let mut j = i;
            while j < words.len()
                && words[j].chars().all(|c| c.is_ascii_digit())
                && !words[j].is_empty()
            {
                // Only groups of exactly three digits continue a number ("1 234").
                if j > i && words[j].len() != 3 {
                    break;
                }
                n = n
                    .saturating_mul(10u32.saturating_pow(words[j].len() as u32))
                    .saturating_add(words[j].parse().unwrap_or(0));
                j += 1;
            }
            (&words[..i], n)
        }
        None => {
            if !any_in(&words, MUTUAL_PLURAL) {
                return 1;
            }
            let verb = words
                .iter()
                .position(|w| ARE_WORDS.contains(w))
                .unwrap_or(0);
            (&words[..verb], 0)
        }
    };
    // A recognised mutual line means at least one mutual connection.
    others.saturating_add(count_names(line, names_part)).max(1)
}

/// Names before the number/verb, separated by commas and "and" words.
fn count_names(original: &str, folded_words: &[&str]) -> u32 {
    let mut folded_words = folded_words;
    while let Some((last, rest)) = folded_words.split_last() {
        if AND_WORDS.contains(last) || OTHER_WORDS.contains(last) {
            folded_words = rest;
        } else {
            break;
        }
    }
    if folded_words.is_empty() {
        return 0;
    }
    // Commas in the original text before the first digit (fold removed them).
    let prefix_end = original
        .find(|c: char| c.is_ascii_digit())
        .unwrap_or(original.len());
    let commas = original[..prefix_end].matches([',', '،', '、']).count() as u32;
    // One "and" joins the last name to the others ("Ana, Bo and Cy are …"); before a
    // number it went with the trailing words. Any other "and" word is part of a name
    // ("Ortega y Gasset", "Maria e Silva"), found by the markup variants (issue #12).
    let joined = folded_words.iter().any(|w| AND_WORDS.contains(w));
    let with_number = original[prefix_end..].starts_with(|c: char| c.is_ascii_digit());
    commas + u32::from(joined && !with_number) + 1
}

/// Company from a headline, only when the headline says it clearly: "Title at Company",
/// "Title @ Company", "chez", "bei", "en", "na/no/em", "presso", "bij". Only the first
/// segment of a headline with several ("CEO at A | Advisor at B") is read.
pub fn company_from_headline(headline: &str) -> Option<String> {
    let first = headline.split(['|', '•', '·']).next().unwrap_or(headline);
    // (marker, needs a capitalised company: for words that are also ordinary prepositions)
    const MARKERS: &[(&str, bool)] = &[
        (" at ", false),
        (" @ ", false),
        ("@", false),
        (" chez ", false),
        (" bei ", false),
        (" presso ", false),
        (" bij ", false),
        (" en ", true),
        (" na ", true),
        (" no ", true),
        (" em ", true),
    ];
    for (marker, needs_capital) in MARKERS {
        let hits: Vec<usize> = first.match_indices(marker).map(|(i, _)| i).collect();
        if hits.len() != 1 {
            continue;
        }
        let company = first[hits[0] + marker.len()..]
            .trim()
            .trim_end_matches([',', '.', ';', '-', '–'])
            .trim_matches(['"', '“', '”', '«', '»', '\''])
            .trim();
        let title = first[..hits[0]].trim();
        if company.is_empty() || title.is_empty() || company.split_whitespace().count() > 6 {
            continue;
        }
        if *needs_capital
            && !company
                .chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            continue;
        }
        return Some(company.to_string());
    }
    None
}

/// True when `folded` (one folded word) is a word of one of LinkedIn's labels above, in
/// any UI language: what a redacted sample keeps of a line (`redact`).
pub fn is_ui_word(folded: &str) -> bool {
    static WORDS: OnceLock<rustc_hash::FxHashSet<&'static str>> = OnceLock::new();
    WORDS
        .get_or_init(|| {
            let lists: &[&[&str]] = &[
                CONNECT_LINE,
                FOLLOWS_YOU,
                MUTUAL_SINGULAR,
                MUTUAL_PLURAL,
                AND_WORDS,
                OTHER_WORDS,
                ARE_WORDS,
                SEE_MORE,
                REPLY,
                MESSAGE,
                ACCEPT,
                IGNORE,
                TIME_UNITS,
                TIME_WORDS,
            ];
            lists
                .iter()
                .flat_map(|l| l.iter())
                .chain(KIND_LINES.iter().flat_map(|(_, l)| l.iter()))
                .flat_map(|p| p.split(' '))
                .collect()
        })
        .contains(folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn any_words(folded: &str, phrases: &[&str]) -> bool {
        let words: Vec<&str> = folded.split(' ').collect();
        any_in(&words, phrases)
    }

    fn mutual_count(line: &str) -> u32 {
        mutual_count_folded(line, &fold(line))
    }

    #[test]
    fn phrase_search_is_whole_words() {
        assert!(any_words("ana follows you and", FOLLOWS_YOU));
        assert!(!any_words("ana unfollows you", FOLLOWS_YOU));
        assert!(!any_words("", FOLLOWS_YOU));
        assert!(any_words("12 mutual connections", MUTUAL_PLURAL));
        for (line, phrase) in [
            ("head of sales emea", "head of sales"),
            ("salesforce admin", "sales"),
            ("presales sales", "sales"),
        ] {
            assert_eq!(
                any_words(line, &[phrase]),
                crate::core::text::contains_words(line, phrase),
                "{line}"
            );
        }
    }

    #[test]
    fn indexed_line_phrases_agree_with_scanning_every_table() {
        // `says` looks phrases up by first word; scanning each table must find the same.
        let mut lines: Vec<String> = [
            "",
            "ana follows you and is inviting you to connect",
            "bo invited you to follow acme and invited you to attend",
            "12 mutual connections",
            "ana is a mutual connection",
            "acme vous a invite a suivre",
            "te volgen te abonneren op",
            "follows",
            "you follows you you",
        ]
        .iter()
        .map(|l| (*l).to_string())
        .collect();
        // Every phrase alone, with a word before and after, and cut short.
        let tables: Vec<&[&str]> = [FOLLOWS_YOU, CONNECT_LINE, MUTUAL_PLURAL, MUTUAL_SINGULAR]
            .into_iter()
            .chain(KIND_LINES.iter().map(|(_, p)| *p))
            .collect();
        for p in tables.iter().flat_map(|t| t.iter()) {
            lines.push((*p).to_string());
            lines.push(format!("x {p} y"));
            lines.push(p.rsplit_once(' ').map_or("", |(head, _)| head).to_string());
        }
        for line in &lines {
            let words: Vec<&str> = line.split(' ').collect();
            let mut want = 0u16;
            for (bit, table) in [
                (FOLLOWS_YOU_BIT, FOLLOWS_YOU),
                (CONNECT_BIT, CONNECT_LINE),
                (MUTUAL_BIT, MUTUAL_PLURAL),
                (MUTUAL_BIT, MUTUAL_SINGULAR),
            ] {
                if any_in(&words, table) {
                    want |= bit;
                }
            }
            for (i, (_, table)) in KIND_LINES.iter().enumerate() {
                if any_in(&words, table) {
                    want |= kind_bit(i);
                }
            }
            assert_eq!(says(&words), want, "{line:?}");
        }
    }

    #[test]
    fn phrase_search_agrees_with_word_by_word_comparison() {
        // The plain definition: some window of words equals the phrase split at spaces.
        let reference = |words: &[&str], phrase: &str| {
            let want: Vec<&str> = phrase.split(' ').collect();
            words.windows(want.len()).any(|w| w == want.as_slice())
        };
        let lines = [
            "",
            "a",
            "an",
            "and",
            "ana follows you and is inviting you to connect",
            "ana  follows you",
            "follows",
            "you follows you",
            "12 mutual connections",
            "1 mutual connection",
            "is inviting you to",
            "inviting you to connect ",
            "mochte sich mit ihnen vernetzen",
            "x vous invite a se connecter y",
        ];
        let tables = [
            FOLLOWS_YOU,
            CONNECT_LINE,
            MUTUAL_PLURAL,
            MUTUAL_SINGULAR,
            SEE_MORE,
        ];
        for line in lines {
            let words: Vec<&str> = line.split(' ').collect();
            for table in tables {
                for phrase in table.iter().copied().chain(["", "and", "a b", "you "]) {
                    assert_eq!(
                        any_in(&words, &[phrase]),
                        reference(&words, phrase),
                        "{line:?} / {phrase:?}"
                    );
                }
            }
        }
    }

    #[test]
    fn mutual_counts() {
        let cases = [
            ("Ana and 8 other mutual connections", 9),
            ("Ana is a mutual connection", 1),
            ("Ana, Bo and 3 other mutual connections", 5),
            ("Ana and Bo are mutual connections", 2),
            ("12 mutual connections", 12),
            ("1 mutual connection", 1),
            ("Ana et 4 autres relations en commun", 5),
            ("Ana est une relation en commun", 1),
            ("Ana und 2 weitere gemeinsame Kontakte", 3),
            ("Ana y 7 contactos en común más", 8),
            ("Ana e 3 outras conexões em comum", 4),
            ("Ana e Bo sono collegamenti in comune", 2),
            ("Ana en 10 andere gemeenschappelijke connecties", 11),
            ("Ana Souza e altri 5 collegamenti in comune", 6),
            ("Ana Souza y 7 contactos más en común", 8),
            ("1.234 mutual connections", 1234),
            // A name holding an "and" word of some language.
            ("Ana Ortega y Gasset, Bo and 3 other mutual connections", 5),
            ("Ana Ortega y Gasset and Bo are mutual connections", 2),
            ("Maria e Silva e altri 5 collegamenti in comune", 6),
        ];
        for (line, n) in cases {
            assert!(is_mutual_line(&fold(line)), "{line}");
            assert_eq!(mutual_count(line), n, "{line}");
        }
    }

    #[test]
    fn companies() {
        let cases = [
            ("Head of Sales at Acme Corp", Some("Acme Corp")),
            ("Founder @ Brightloop | Angel investor", Some("Brightloop")),
            (
                "Directrice commerciale chez Lumière SAS",
                Some("Lumière SAS"),
            ),
            ("Vertriebsleiter bei Müller GmbH", Some("Müller GmbH")),
            ("Ingeniera en Telefónica", Some("Telefónica")),
            ("Máster en marketing digital", None),
            ("Gerente de vendas na Natura", Some("Natura")),
            ("Responsabile vendite presso Fiat", Some("Fiat")),
            ("Accountmanager bij Philips", Some("Philips")),
            ("Helping founders grow", None),
            ("Student", None),
            ("CEO at A at B", None),
        ];
        for (h, c) in cases {
            assert_eq!(company_from_headline(h).as_deref(), c, "{h}");
        }
    }

    #[test]
    fn controls_and_chrome() {
        assert!(is_reply_label(&fold("Reply to Ana")));
        assert_eq!(reply_target("Reply to Ana").as_deref(), Some("Ana"));
        assert_eq!(reply_target("Répondre à Zoé").as_deref(), Some("Zoé"));
        assert!(is_accept_label(&fold("Accept Ana’s invitation")));
        assert!(is_ignore_label(&fold(
            "Ignore an invitation to connect from Ana"
        )));
        assert!(!is_accept_label(&fold("Acceptance criteria")));
        assert!(is_see_more(&fold("…see more")));
        assert_eq!(
            strip_see_more_tail("We met at Web Summit …see more"),
            "We met at Web Summit"
        );
        assert_eq!(strip_see_more_tail("Plus or minus"), "Plus or minus");
        assert_eq!(
            kind_of_line(&fold("Ana invited you to follow Acme")),
            Some(InvitationKind::Page)
        );
        assert_eq!(
            kind_of_line(&fold("Ana invited you to subscribe to Growth Notes")),
            Some(InvitationKind::Newsletter)
        );
        assert_eq!(kind_of_line(&fold("Ana is inviting you to connect")), None);
        assert!(is_follows_you_line(&fold(
            "Ana follows you and is inviting you to connect"
        )));
    }
}

#[cfg(test)]
mod time_line_tests {
    use super::{line_kind, LineKind};
    use crate::core::text::fold;

    #[test]
    fn relative_times_are_not_headlines() {
        for line in [
            "1 week ago",
            "Sent 2 days ago",
            "il y a 3 jours",
            "vor 2 Tagen",
            "hace 3 días",
            "há 2 dias",
            "3 giorni fa",
            "2 dagen geleden",
            "Yesterday",
            "2w",
            "3mo",
            "1 yr",
        ] {
            assert_eq!(line_kind(&fold(line)), LineKind::Time, "{line}");
        }
        for line in [
            "Head of Sales at Brightloop",
            "10 years in B2B sales, helping founders grow",
            "Founder | 2 exits | Angel",
            "Student at HEC Paris",
        ] {
            assert_eq!(line_kind(&fold(line)), LineKind::Other, "{line}");
        }
    }
}
