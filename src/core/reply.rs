//! Reply templates per plan and language, with `{placeholders}`: parsed once, rendered per
//! invitation without leaving braces, dangling commas or doubled spaces behind. Pure text
//! work: must not import wasm-bindgen, web-sys or js-sys, and knows nothing about pages.

use crate::core::lang::Lang;
use crate::core::plan::{Moment, PlanKind, ReplyPath};
use crate::core::said::Said;
use std::fmt::Write as _;

/// LinkedIn's limit for a message (reply to an invitation, InMail-free message, chat).
pub const MESSAGE_LIMIT: usize = 8_000;
/// LinkedIn's limit for an invitation note. Our defaults stay well under it: a first
/// message longer than the note that prompted it reads like a pitch.
pub const NOTE_LIMIT: usize = 300;

/// Every value a template may use. Adding one: a variant, its name, and `Values::get`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Field {
    FirstName,
    Name,
    Headline,
    Company,
    MutualCount,
    MyName,
    OfferName,
    OfferUrl,
}

impl Field {
    pub const ALL: [Field; 8] = [
        Field::FirstName,
        Field::Name,
        Field::Headline,
        Field::Company,
        Field::MutualCount,
        Field::MyName,
        Field::OfferName,
        Field::OfferUrl,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Field::FirstName => "first_name",
            Field::Name => "name",
            Field::Headline => "headline",
            Field::Company => "company",
            Field::MutualCount => "mutual_count",
            Field::MyName => "my_name",
            Field::OfferName => "offer_name",
            Field::OfferUrl => "offer_url",
        }
    }

    pub fn from_name(name: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|f| f.name() == name)
    }

    fn bit(self) -> u16 {
        1 << self as u16
    }

    fn is_offer(self) -> bool {
        matches!(self, Field::OfferName | Field::OfferUrl)
    }
}

fn known_placeholders() -> String {
    Field::ALL
        .iter()
        .map(|f| format!("{{{}}}", f.name()))
        .collect::<Vec<_>>()
        .join(" ")
}

impl TemplateError {
    /// What is wrong, for people, in the catalogue's words.
    pub fn said(&self) -> Said {
        match self {
            TemplateError::UnknownPlaceholder { name } => Said::with(
                "tplUnknownPlaceholder",
                vec![name.as_str().into(), known_placeholders().into()],
            ),
            TemplateError::UnclosedBrace { at } => {
                Said::with("tplUnclosedBrace", vec![(at + 1).to_string().into()])
            }
            TemplateError::UnmatchedClose { at } => {
                Said::with("tplUnmatchedClose", vec![(at + 1).to_string().into()])
            }
            TemplateError::Empty => Said::of("tplEmpty"),
            TemplateError::TooLong { len, max } => Said::with(
                "tplTooLong",
                vec![len.to_string().into(), max.to_string().into()],
            ),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum TemplateError {
    #[error("unknown placeholder {{{name}}} (known: {known})", known = known_placeholders())]
    UnknownPlaceholder { name: String },
    #[error("unclosed brace at character {at}: write {{{{ for a literal brace")]
    UnclosedBrace { at: usize },
    #[error("unmatched closing brace at character {at}: write }}}} for a literal brace")]
    UnmatchedClose { at: usize },
    #[error("the template is empty")]
    Empty,
    #[error("the template is {len} characters long; a LinkedIn message holds at most {max}")]
    TooLong { len: usize, max: usize },
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Segment {
    Text(String),
    Field(Field),
}

/// One line of a template. Lines are the unit of omission: a line whose placeholders all
/// rendered empty and that has nothing else to say (a bare signature) is left out, and a
/// line that mentions the offer is left out when no offer is configured.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Line {
    segments: Vec<Segment>,
    uses_offer: bool,
}

/// A parsed template. Parse once (`Template::parse`), render many times.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template {
    lines: Vec<Line>,
    /// Bit set of the invitation-dependent fields used, to prefer variants whose values
    /// all exist for a given person.
    needs: u16,
    /// Bytes of literal text: with room for the values, one allocation per render.
    literal_len: usize,
}

/// The values one reply is rendered with. Empty strings (and a zero count) mean "unknown".
#[derive(Debug, Clone, Copy, Default)]
pub struct Values<'a> {
    pub first_name: &'a str,
    pub name: &'a str,
    pub headline: &'a str,
    pub company: &'a str,
    pub mutual_count: u32,
    pub my_name: &'a str,
    pub offer_name: &'a str,
    pub offer_url: &'a str,
}

impl Values<'_> {
    fn text(&self, field: Field) -> &str {
        match field {
            Field::FirstName => self.first_name,
            Field::Name => self.name,
            Field::Headline => self.headline,
            Field::Company => self.company,
            Field::MyName => self.my_name,
            Field::OfferName => self.offer_name,
            Field::OfferUrl => self.offer_url,
            Field::MutualCount => "",
        }
        .trim()
    }

    fn is_empty(&self, field: Field) -> bool {
        match field {
            Field::MutualCount => self.mutual_count == 0,
            f => self.text(f).is_empty(),
        }
    }

    /// The set of fields that have a value.
    fn available(&self) -> u16 {
        Field::ALL
            .iter()
            .filter(|f| !self.is_empty(**f))
            .fold(0, |acc, f| acc | f.bit())
    }

    /// An offer is configured when it has a URL: the offer sentence is pointless without
    /// somewhere to sign up.
    fn has_offer(&self) -> bool {
        !self.offer_url.trim().is_empty()
    }
}

impl Template {
    pub fn parse(source: &str) -> Result<Template, TemplateError> {
        let len = source.chars().count();
        if len > MESSAGE_LIMIT {
            return Err(TemplateError::TooLong {
                len,
                max: MESSAGE_LIMIT,
            });
        }
        if source.trim().is_empty() {
            return Err(TemplateError::Empty);
        }
        let mut lines = Vec::new();
        let mut needs = 0u16;
        let mut offset = 0usize; // in characters, for error positions
                                 // Not trimmed first, so that error positions count from the template's start.
        for raw_line in source.split('\n') {
            let line = parse_line(raw_line.trim_end_matches('\r'), offset)?;
            offset += raw_line.chars().count() + 1;
            for seg in &line.segments {
                if let Segment::Field(f) = seg {
                    needs |= f.bit();
                }
            }
            lines.push(line);
        }
        let literal_len = lines
            .iter()
            .flat_map(|l| &l.segments)
            .map(|seg| match seg {
                Segment::Text(t) => t.len() + 1,
                Segment::Field(_) => 0,
            })
            .sum();
        Ok(Template {
            lines,
            needs,
            literal_len,
        })
    }

    /// Whether the template uses `field` anywhere.
    pub fn uses(&self, field: Field) -> bool {
        self.needs & field.bit() != 0
    }

    /// Renders into `out` (cleared first). See `Line` for which lines are left out.
    pub fn render_into(&self, values: &Values<'_>, out: &mut String) {
        out.clear();
        let has_offer = values.has_offer();
        for line in &self.lines {
            if line.uses_offer && !has_offer {
                continue;
            }
            let start = out.len();
            if start > 0 {
                out.push('\n');
            }
            let body = out.len();
            let mut had_field = false;
            let mut any_value = false;
            let mut skip_leading = false;
            let mut after_gap = false;
            for seg in &line.segments {
                match seg {
                    Segment::Text(t) => {
                        let mut t = t.as_str();
                        if skip_leading {
                            t = t.trim_start_matches([' ', ',', ';', ':']);
                        } else if after_gap {
                            close_gap(out, body, &mut t);
                        }
                        skip_leading = false;
                        after_gap = false;
                        push_text(out, t);
                    }
                    Segment::Field(f) => {
                        had_field = true;
                        if values.is_empty(*f) {
                            while out.len() > body && out.ends_with(' ') {
                                out.pop();
                            }
                            skip_leading = out.len() == body;
                            after_gap = true;
                        } else {
                            any_value = true;
                            skip_leading = false;
                            after_gap = false;
                            if *f == Field::MutualCount {
                                let _ = write!(out, "{}", values.mutual_count);
                            } else {
                                push_value(out, values.text(*f));
                            }
                        }
                    }
                }
            }
            let trimmed = out[body..].trim_end().len();
            out.truncate(body + trimmed);
            let said_something = out[body..].chars().any(char::is_alphanumeric);
            if had_field && !any_value && !said_something {
                out.truncate(start);
            }
        }
        let end = out.trim_end().len();
        out.truncate(end);
        let lead = out.len() - out.trim_start().len();
        if lead > 0 {
            out.drain(..lead);
        }
    }

    pub fn render(&self, values: &Values<'_>) -> String {
        let mut out = String::with_capacity(self.literal_len + 128);
        self.render_into(values, &mut out);
        out
    }
}

/// Appends `text`, never producing two spaces in a row (values and literals may each end
/// or start with one).
fn push_text(out: &mut String, text: &str) {
    if out.ends_with(' ') {
        out.push_str(text.trim_start_matches(' '));
    } else {
        out.push_str(text);
    }
}

/// Appends a value (a stranger's name or headline, the user's offer) with every run of
/// whitespace, line breaks included, as one space: a value never reshapes the message.
fn push_value(out: &mut String, value: &str) {
    for (i, word) in value.split_whitespace().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(word);
    }
}

/// The literal `next` follows an empty placeholder whose preceding spaces are already
/// gone: punctuation closes up to the previous word, and a comma left dangling before the
/// sentence's end goes ("Hi {first_name}, thanks" → "Hi, thanks"; "note, {x}." → "note.").
/// A following word keeps its own leading space ("at {company} today" → "at today").
fn close_gap(out: &mut String, line_start: usize, next: &mut &str) {
    let tight = next.trim_start_matches(' ');
    if tight.starts_with(['.', '!', '?', ',', ';', ':', ')']) {
        *next = tight;
        if out.len() > line_start && out.ends_with([',', ';', ':']) {
            out.pop();
        }
    }
}

fn parse_line(line: &str, offset: usize) -> Result<Line, TemplateError> {
    let mut segments = Vec::new();
    let mut text = String::new();
    let mut chars = line.char_indices().peekable();
    let mut uses_offer = false;
    while let Some((i, c)) = chars.next() {
        match c {
            '{' if chars.peek().map(|p| p.1) == Some('{') => {
                chars.next();
                text.push('{');
            }
            '}' if chars.peek().map(|p| p.1) == Some('}') => {
                chars.next();
                text.push('}');
            }
            '}' => {
                return Err(TemplateError::UnmatchedClose {
                    at: offset + line[..i].chars().count(),
                })
            }
            '{' => {
                let rest = &line[i + 1..];
                let Some(close) = rest
                    .find(['}', '{'])
                    .filter(|&p| rest[p..].starts_with('}'))
                else {
                    return Err(TemplateError::UnclosedBrace {
                        at: offset + line[..i].chars().count(),
                    });
                };
                let name = rest[..close].trim();
                let field =
                    Field::from_name(name).ok_or_else(|| TemplateError::UnknownPlaceholder {
                        name: name.to_string(),
                    })?;
                uses_offer |= field.is_offer();
                if !text.is_empty() {
                    segments.push(Segment::Text(squash_spaces(&text)));
                    text.clear();
                }
                segments.push(Segment::Field(field));
                // Skip the name and the closing brace.
                let skip = rest[..=close].chars().count();
                for _ in 0..skip {
                    chars.next();
                }
            }
            c => text.push(c),
        }
    }
    if !text.is_empty() {
        segments.push(Segment::Text(squash_spaces(&text)));
    }
    Ok(Line {
        segments,
        uses_offer,
    })
}

/// Runs of spaces and tabs become one space: a doubled space in a template is a typo.
fn squash_spaces(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        let c = if c == '\t' { ' ' } else { c };
        if c == ' ' && out.ends_with(' ') {
            continue;
        }
        out.push(c);
    }
    out
}

/// Picks a variant deterministically for one person: the same key always gets the same
/// variant, and variants whose placeholders all have values are preferred (so a template
/// naming `{company}` is used only for people whose company is known, when another fits).
pub fn pick<'t>(
    variants: &'t [Template],
    values: &Values<'_>,
    key_hash: u64,
) -> Option<&'t Template> {
    if variants.is_empty() {
        return None;
    }
    let available = values.available();
    let complete = variants
        .iter()
        .filter(|t| t.needs & !available == 0)
        .count();
    if complete > 0 {
        let n = (key_hash % complete as u64) as usize;
        variants.iter().filter(|t| t.needs & !available == 0).nth(n)
    } else {
        variants.get((key_hash % variants.len() as u64) as usize)
    }
}

/// FNV-1a: a stable hash (unlike std's, which is seeded per process) so a person keeps
/// their variant across runs, browsers and the native CLI.
pub fn stable_hash(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
    })
}

/// The longest reply LinkedIn accepts on `path`. Every path today ends in a message
/// composer; none of them is an invitation note.
pub fn limit_for(path: ReplyPath) -> usize {
    match path {
        ReplyPath::ReplyToInvitation
        | ReplyPath::MessageViaProfile
        | ReplyPath::AcceptAndAsk
        | ReplyPath::AcceptAndFollowUp
        | ReplyPath::LeavePending => MESSAGE_LIMIT,
    }
}

/// The default templates, written for this product, for the moment they are sent at.
/// Before accepting (a reply to the invitation, a message from the profile) the invitation
/// is still pending; after accepting (accept, then ask; accept and follow up) they are
/// connected already, so nothing says "before I accept" there, and nothing says "thanks
/// for connecting" before (`tests/replies.rs` checks every reply offered on every fixture
/// card). Ask-first is short and friendly; the follow-up asks about their intention and
/// offers what needs a sign-up (its line is left out when no offer is configured); accept
/// is a short thank-you. Each ends with the user's name on its own line, left out when no
/// name is set.
pub fn default_templates(plan: PlanKind, moment: Moment, lang: Lang) -> &'static [&'static str] {
    use Lang::*;
    use Moment::*;
    use PlanKind::*;
    match (plan, moment, lang) {
        (AskFirst, BeforeAccepting, En) => &[
            "Hi {first_name}, thanks for the invitation! Before I accept, I'm curious: what prompted you to connect?\n{my_name}",
            "Hello {first_name}, thank you for reaching out. I like to know who I'm connecting with: what made you want to connect?\n{my_name}",
        ],
        (AskFirst, AfterAccepting, En) => &[
            "Hi {first_name}, thanks for connecting! I like to know the people in my network: what prompted you to reach out?\n{my_name}",
            "Hello {first_name}, glad we're connected now. I'm curious: what made you want to connect?\n{my_name}",
        ],
        (AcceptFollowUp, BeforeAccepting, En) => &[
            "Hi {first_name}, thanks for the invitation, happy to connect! What brought you to my profile? Is there something you're working on that I could help with?\nIn case it's useful, here is {offer_name}: {offer_url}\n{my_name}",
        ],
        (AcceptFollowUp, AfterAccepting, En) => &[
            "Hi {first_name}, thanks for connecting! What brought you to my profile? Is there something you're working on that I could help with?\nIn case it's useful, here is {offer_name}: {offer_url}\n{my_name}",
            "Hello {first_name}, glad we're connected. I'm curious what made you reach out: what are you focused on at the moment?\nIf it helps, you can get {offer_name} here: {offer_url}\n{my_name}",
        ],
        (Accept, BeforeAccepting, En) => &[
            "Hi {first_name}, thanks for your note and the invitation. Glad to connect!\n{my_name}",
            "Hello {first_name}, thank you for the kind note. Happy to connect!\n{my_name}",
        ],
        (Accept, AfterAccepting, En) => &[
            "Hi {first_name}, thanks for your note, glad we're connected!\n{my_name}",
        ],
        (AskFirst, BeforeAccepting, Fr) => &[
            "Bonjour {first_name}, merci pour votre invitation\u{a0}! Avant d'accepter, j'aimerais savoir\u{a0}: qu'est-ce qui vous a donné envie de vous connecter\u{a0}?\n{my_name}",
            "Bonjour {first_name}, merci pour votre demande de connexion. J'aime savoir avec qui je me connecte\u{a0}: quelle est la raison de votre invitation\u{a0}?\n{my_name}",
        ],
        (AskFirst, AfterAccepting, Fr) => &[
            "Bonjour {first_name}, merci pour la connexion\u{a0}! J'aime savoir qui fait partie de mon réseau\u{a0}: qu'est-ce qui vous a donné envie de vous connecter\u{a0}?\n{my_name}",
            "Bonjour {first_name}, merci pour la connexion. J'aimerais savoir\u{a0}: qu'est-ce qui a motivé votre invitation\u{a0}?\n{my_name}",
        ],
        (AcceptFollowUp, BeforeAccepting, Fr) => &[
            "Bonjour {first_name}, merci pour votre invitation, avec plaisir\u{a0}! Qu'est-ce qui l'a motivée\u{a0}? Y a-t-il un projet sur lequel je pourrais vous aider\u{a0}?\nSi cela peut vous être utile, voici {offer_name}\u{a0}: {offer_url}\n{my_name}",
        ],
        (AcceptFollowUp, AfterAccepting, Fr) => &[
            "Bonjour {first_name}, merci pour la connexion\u{a0}! Qu'est-ce qui a motivé votre invitation\u{a0}? Y a-t-il un projet sur lequel je pourrais vous aider\u{a0}?\nSi cela peut vous être utile, voici {offer_name}\u{a0}: {offer_url}\n{my_name}",
        ],
        (Accept, BeforeAccepting, Fr) => &["Bonjour {first_name}, merci pour votre message et pour l'invitation. Au plaisir d'échanger\u{a0}!\n{my_name}"],
        (Accept, AfterAccepting, Fr) => &["Bonjour {first_name}, merci pour votre message. Au plaisir d'échanger maintenant que nous sommes en contact\u{a0}!\n{my_name}"],
        (AskFirst, BeforeAccepting, De) => &[
            "Hallo {first_name}, danke für Ihre Einladung! Bevor ich annehme, eine kurze Frage: Was hat Sie bewogen, sich mit mir zu vernetzen?\n{my_name}",
            "Hallo {first_name}, vielen Dank für die Kontaktanfrage. Ich möchte gern wissen, mit wem ich mich vernetze: Was ist Ihr Anlass?\n{my_name}",
        ],
        (AskFirst, AfterAccepting, De) => &[
            "Hallo {first_name}, danke für die Vernetzung! Ich möchte gern wissen, wer in meinem Netzwerk ist: Was hat Sie bewogen, sich mit mir zu vernetzen?\n{my_name}",
            "Hallo {first_name}, schön, dass wir jetzt vernetzt sind. Eine kurze Frage: Was war der Anlass für Ihre Einladung?\n{my_name}",
        ],
        (AcceptFollowUp, BeforeAccepting, De) => &[
            "Hallo {first_name}, danke für Ihre Einladung, sehr gern! Was hat Sie auf mein Profil aufmerksam gemacht? Gibt es ein Thema, bei dem ich helfen kann?\nFalls es nützlich ist, hier finden Sie {offer_name}: {offer_url}\n{my_name}",
        ],
        (AcceptFollowUp, AfterAccepting, De) => &[
            "Hallo {first_name}, danke für die Vernetzung! Was hat Sie auf mein Profil aufmerksam gemacht? Gibt es ein Thema, bei dem ich helfen kann?\nFalls es nützlich ist, hier finden Sie {offer_name}: {offer_url}\n{my_name}",
        ],
        (Accept, BeforeAccepting, De) => &["Hallo {first_name}, danke für Ihre Nachricht und die Einladung. Ich freue mich auf den Austausch!\n{my_name}"],
        (Accept, AfterAccepting, De) => &["Hallo {first_name}, danke für Ihre Nachricht, schön, dass wir jetzt vernetzt sind!\n{my_name}"],
        (AskFirst, BeforeAccepting, Es) => &[
            "Hola {first_name}, ¡gracias por la invitación! Antes de aceptar, me gustaría saber: ¿qué te llevó a querer conectar?\n{my_name}",
            "Hola {first_name}, gracias por tu solicitud de contacto. Me gusta saber con quién conecto: ¿cuál es el motivo de tu invitación?\n{my_name}",
        ],
        (AskFirst, AfterAccepting, Es) => &[
            "Hola {first_name}, ¡gracias por conectar! Me gusta saber quién forma parte de mi red: ¿qué te llevó a querer conectar?\n{my_name}",
            "Hola {first_name}, me alegra que estemos conectados. Tengo curiosidad: ¿cuál fue el motivo de tu invitación?\n{my_name}",
        ],
        (AcceptFollowUp, BeforeAccepting, Es) => &[
            "Hola {first_name}, ¡gracias por la invitación, con gusto! ¿Qué te llevó a mi perfil? ¿Hay algo en lo que estés trabajando y en lo que pueda ayudarte?\nPor si te resulta útil, aquí tienes {offer_name}: {offer_url}\n{my_name}",
        ],
        (AcceptFollowUp, AfterAccepting, Es) => &[
            "Hola {first_name}, ¡gracias por conectar! ¿Qué te llevó a mi perfil? ¿Hay algo en lo que estés trabajando y en lo que pueda ayudarte?\nPor si te resulta útil, aquí tienes {offer_name}: {offer_url}\n{my_name}",
        ],
        (Accept, BeforeAccepting, Es) => &["Hola {first_name}, gracias por tu mensaje y por la invitación. ¡Será un placer conectar!\n{my_name}"],
        (Accept, AfterAccepting, Es) => &["Hola {first_name}, gracias por tu mensaje. ¡Me alegra que ya estemos conectados!\n{my_name}"],
        (AskFirst, BeforeAccepting, Pt) => &[
            "Olá {first_name}, agradeço o convite! Antes de aceitar, gostaria de saber: o que motivou você a se conectar comigo?\n{my_name}",
            "Olá {first_name}, agradeço o pedido de conexão. Gosto de saber com quem me conecto: qual é o motivo do seu convite?\n{my_name}",
        ],
        (AskFirst, AfterAccepting, Pt) => &[
            "Olá {first_name}, agradeço a conexão! Gosto de saber quem faz parte da minha rede: o que motivou você a se conectar comigo?\n{my_name}",
            "Olá {first_name}, que bom que estamos conectados. Uma curiosidade: qual foi o motivo do seu convite?\n{my_name}",
        ],
        (AcceptFollowUp, BeforeAccepting, Pt) => &[
            "Olá {first_name}, agradeço o convite, com prazer! O que chamou sua atenção no meu perfil? Há algo em que você esteja trabalhando e em que eu possa ajudar?\nSe for útil, aqui está {offer_name}: {offer_url}\n{my_name}",
        ],
        (AcceptFollowUp, AfterAccepting, Pt) => &[
            "Olá {first_name}, agradeço a conexão! O que chamou sua atenção no meu perfil? Há algo em que você esteja trabalhando e em que eu possa ajudar?\nSe for útil, aqui está {offer_name}: {offer_url}\n{my_name}",
        ],
        (Accept, BeforeAccepting, Pt) => &["Olá {first_name}, agradeço a mensagem e o convite. Será um prazer manter contato!\n{my_name}"],
        (Accept, AfterAccepting, Pt) => &["Olá {first_name}, agradeço a mensagem. Que bom que agora estamos conectados!\n{my_name}"],
        (AskFirst, BeforeAccepting, It) => &[
            "Ciao {first_name}, grazie per l'invito! Prima di accettare, mi piacerebbe sapere: cosa ti ha spinto a collegarti con me?\n{my_name}",
            "Ciao {first_name}, grazie per la richiesta di collegamento. Mi piace sapere con chi mi collego: qual è il motivo del tuo invito?\n{my_name}",
        ],
        (AskFirst, AfterAccepting, It) => &[
            "Ciao {first_name}, grazie per il collegamento! Mi piace sapere chi fa parte della mia rete: cosa ti ha spinto a collegarti con me?\n{my_name}",
            "Ciao {first_name}, è un piacere essere in contatto. Una curiosità: qual è stato il motivo del tuo invito?\n{my_name}",
        ],
        (AcceptFollowUp, BeforeAccepting, It) => &[
            "Ciao {first_name}, grazie per l'invito, mi collego volentieri! Cosa ti ha portato al mio profilo? C'è qualcosa su cui stai lavorando in cui posso aiutarti?\nSe ti è utile, ecco {offer_name}: {offer_url}\n{my_name}",
        ],
        (AcceptFollowUp, AfterAccepting, It) => &[
            "Ciao {first_name}, grazie per il collegamento! Cosa ti ha portato al mio profilo? C'è qualcosa su cui stai lavorando in cui posso aiutarti?\nSe ti è utile, ecco {offer_name}: {offer_url}\n{my_name}",
        ],
        (Accept, BeforeAccepting, It) => &["Ciao {first_name}, grazie per il messaggio e per l'invito. Sarà un piacere restare in contatto!\n{my_name}"],
        (Accept, AfterAccepting, It) => &["Ciao {first_name}, grazie per il messaggio. Piacere di essere in contatto!\n{my_name}"],
        (AskFirst, BeforeAccepting, Nl) => &[
            "Hoi {first_name}, bedankt voor je uitnodiging! Voordat ik accepteer, ben ik benieuwd: wat bracht je ertoe om te connecten?\n{my_name}",
            "Hallo {first_name}, dank je voor het connectieverzoek. Ik weet graag met wie ik connect: wat is de aanleiding?\n{my_name}",
        ],
        (AskFirst, AfterAccepting, Nl) => &[
            "Hoi {first_name}, bedankt voor de connectie! Ik weet graag wie er in mijn netwerk zit: wat bracht je ertoe om te connecten?\n{my_name}",
            "Hallo {first_name}, leuk dat we nu verbonden zijn. Ik ben benieuwd: wat was de aanleiding voor je uitnodiging?\n{my_name}",
        ],
        (AcceptFollowUp, BeforeAccepting, Nl) => &[
            "Hoi {first_name}, bedankt voor je uitnodiging, ik connect graag! Wat bracht je naar mijn profiel? Is er iets waar je mee bezig bent waarbij ik kan helpen?\nAls het je helpt: hier vind je {offer_name}: {offer_url}\n{my_name}",
        ],
        (AcceptFollowUp, AfterAccepting, Nl) => &[
            "Hoi {first_name}, bedankt voor de connectie! Wat bracht je naar mijn profiel? Is er iets waar je mee bezig bent waarbij ik kan helpen?\nAls het je helpt: hier vind je {offer_name}: {offer_url}\n{my_name}",
        ],
        (Accept, BeforeAccepting, Nl) => &["Hoi {first_name}, bedankt voor je bericht en de uitnodiging. Leuk om in contact te komen!\n{my_name}"],
        (Accept, AfterAccepting, Nl) => &["Hoi {first_name}, bedankt voor je bericht. Leuk dat we nu verbonden zijn!\n{my_name}"],
        // Notes are read in more languages than replies are written in (`Lang::REPLY`):
        // those notes are answered in the user's language.
        _ => &[],
    }
}

/// The default templates, parsed. They are constants checked by tests, so a parse failure
/// here is a programming error caught before release.
pub fn parsed_defaults(plan: PlanKind, moment: Moment, lang: Lang) -> Vec<Template> {
    default_templates(plan, moment, lang)
        .iter()
        .map(|s| Template::parse(s).expect("default templates are valid (tested)"))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values<'a>() -> Values<'a> {
        Values {
            first_name: "Ana",
            name: "Ana Souza",
            headline: "Founder at Acme",
            company: "Acme",
            mutual_count: 3,
            my_name: "Dana",
            offer_name: "the B2B pipeline checklist",
            offer_url: "https://example.com/checklist",
        }
    }

    #[test]
    fn renders_every_placeholder() {
        let t = Template::parse("{first_name}|{name}|{headline}|{company}|{mutual_count}|{my_name}|{offer_name}|{offer_url}").unwrap();
        assert_eq!(
            t.render(&values()),
            "Ana|Ana Souza|Founder at Acme|Acme|3|Dana|the B2B pipeline checklist|https://example.com/checklist"
        );
    }

    #[test]
    fn errors_name_the_problem() {
        let e = Template::parse("Hi {firstname}!").unwrap_err();
        assert_eq!(
            e,
            TemplateError::UnknownPlaceholder {
                name: "firstname".into()
            }
        );
        assert!(e.to_string().contains("{firstname}") && e.to_string().contains("{first_name}"));
        assert_eq!(
            Template::parse("Hi {first_name").unwrap_err(),
            TemplateError::UnclosedBrace { at: 3 }
        );
        assert_eq!(
            Template::parse("Hi {first{name}}").unwrap_err(),
            TemplateError::UnclosedBrace { at: 3 }
        );
        assert_eq!(
            Template::parse("Hi }").unwrap_err(),
            TemplateError::UnmatchedClose { at: 3 }
        );
        assert_eq!(Template::parse("  \n ").unwrap_err(), TemplateError::Empty);
        assert!(matches!(
            Template::parse(&"a".repeat(8001)),
            Err(TemplateError::TooLong { len: 8001, .. })
        ));
        assert_eq!(
            Template::parse("\n  Hi {x}").unwrap_err(),
            TemplateError::UnknownPlaceholder { name: "x".into() }
        );
        assert_eq!(
            Template::parse("\n  }").unwrap_err(),
            TemplateError::UnmatchedClose { at: 3 }
        );
        assert_eq!(
            Template::parse("\n\n  Hi {first_name}\n\n")
                .unwrap()
                .render(&values()),
            "Hi Ana"
        );
        assert_eq!(
            Template::parse("{{literal}} {first_name}")
                .unwrap()
                .render(&values()),
            "{literal} Ana"
        );
    }

    #[test]
    fn empty_values_leave_no_trace() {
        let none = Values::default();
        let cases = [
            ("Hi {first_name}, thanks!", "Hi, thanks!"),
            ("{first_name}, thanks!", "thanks!"),
            ("Thanks for the note, {first_name}.", "Thanks for the note."),
            ("You work at {company} today", "You work at today"),
            ("Thanks!\n{my_name}", "Thanks!"),
            ("Thanks!\n\n— {my_name}", "Thanks!"),
            (
                "We share {mutual_count} connections.",
                "We share connections.",
            ),
            ("Hi  there   {first_name}  !", "Hi there!"),
        ];
        for (src, want) in cases {
            let got = Template::parse(src).unwrap().render(&none);
            assert_eq!(got, want, "template {src:?}");
            assert!(!got.contains("  ") && !got.contains('{'), "{got:?}");
        }
    }

    #[test]
    fn values_cannot_reshape_the_message() {
        let v = Values {
            first_name: "  Ana \n\n  Maria\t",
            ..values()
        };
        let t = Template::parse("Hi {first_name}, thanks!").unwrap();
        assert_eq!(t.render(&v), "Hi Ana Maria, thanks!");
    }

    #[test]
    fn offer_line_only_when_an_offer_is_configured() {
        let t = Template::parse("Thanks!\nHere is {offer_name}: {offer_url}\n{my_name}").unwrap();
        assert_eq!(
            t.render(&values()),
            "Thanks!\nHere is the B2B pipeline checklist: https://example.com/checklist\nDana"
        );
        let no_offer = Values {
            offer_name: "",
            offer_url: "",
            ..values()
        };
        assert_eq!(t.render(&no_offer), "Thanks!\nDana");
    }

    #[test]
    fn defaults_parse_render_cleanly_and_stay_short() {
        let long = Values {
            first_name: "Maximiliane",
            offer_name: "the 12-point B2B pipeline checklist",
            offer_url: "https://example.com/resources/b2b-pipeline-checklist",
            my_name: "Dana Whitfield",
            ..values()
        };
        for plan in [
            PlanKind::AskFirst,
            PlanKind::AcceptFollowUp,
            PlanKind::Accept,
        ] {
            for (moment, lang) in Moment::ALL
                .into_iter()
                .flat_map(|m| Lang::REPLY.map(|l| (m, l)))
            {
                let templates = parsed_defaults(plan, moment, lang);
                assert!(!templates.is_empty(), "{plan:?} {moment:?} {lang}");
                for t in &templates {
                    for v in [long, Values::default()] {
                        let out = t.render(&v);
                        assert!(
                            out.chars().count() <= NOTE_LIMIT,
                            "{plan:?} {lang}: {} chars",
                            out.chars().count()
                        );
                        assert!(
                            !out.contains('{') && !out.contains("  ") && !out.starts_with(','),
                            "{out:?}"
                        );
                    }
                    if plan == PlanKind::AcceptFollowUp {
                        assert!(t.render(&long).contains(long.offer_url), "{plan:?} {lang}");
                        assert!(
                            !t.render(&Values::default()).contains("\u{a0}:"),
                            "{plan:?} {lang}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn pick_is_stable_and_prefers_complete_variants() {
        let variants = vec![
            Template::parse("At {company}?").unwrap(),
            Template::parse("Hi {first_name}").unwrap(),
        ];
        let no_company = Values {
            company: "",
            ..values()
        };
        for key in ["a", "b", "c", "d"] {
            let h = stable_hash(key);
            assert_eq!(
                pick(&variants, &no_company, h).unwrap().render(&no_company),
                "Hi Ana"
            );
            assert_eq!(pick(&variants, &values(), h), pick(&variants, &values(), h));
        }
        let hits: std::collections::HashSet<String> = (0..20)
            .map(|i| {
                pick(&variants, &values(), stable_hash(&i.to_string()))
                    .unwrap()
                    .render(&values())
            })
            .collect();
        assert_eq!(hits.len(), 2, "both variants get used");
        assert_eq!(
            stable_hash("https://www.linkedin.com/in/ana/"),
            stable_hash("https://www.linkedin.com/in/ana/")
        );
    }
}
