//! The user's settings: target market, offer, name, language, reply templates, reminder
//! delay. JSON, versioned; unknown fields, wrong types and bad values are rejected with an
//! error that says, for people, what is wrong and how to put it right (`SettingsError::said`,
//! worded by the message catalogue), and names the field path for the form and for logs.
//! Pure: must not import wasm-bindgen, web-sys or js-sys.

use crate::core::lang::Lang;
use crate::core::plan::{Moment, PlanKind};
use crate::core::reply::Template;
use crate::core::said::{lang_name, Said};
use crate::core::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The settings schema this build reads and writes. Older versions are migrated in
/// `from_json`; newer ones are refused rather than half-understood.
///
/// Versions (each has a fixture under tests/fixtures/settings/ and its own test):
/// - v1: templates per plan and language (`{"ask-first": {"en": [...]}}`), one text for
///   every way of sending it.
/// - v2 (current): templates per plan, moment and language
///   (`{"ask-first": {"before-accepting": {"en": [...]}}}`), see `migrate_1_to_2`.
///
/// Adding v3: a `v2` module freezing today's structs, `migrate_2_to_3`, a fixture written
/// by v2, a test; bump `SETTINGS_VERSION`. Never edit an old migration.
pub const SETTINGS_VERSION: u32 = 2;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetMarket {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

/// What the follow-up offers: something that needs a sign-up (a list, a lead magnet, a
/// call link). Both empty = no offer; the follow-up then leaves its offer line out.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: String,
}

impl Offer {
    pub fn is_configured(&self) -> bool {
        !self.url.trim().is_empty()
    }
}

/// Reply variants per language: `{"en": ["Hi {first_name}, …"]}`.
pub type ByLang = BTreeMap<Lang, Vec<String>>;

/// One plan's own variants, per moment and language (see `Moment`: a reply sent before
/// accepting is worded unlike one sent after).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct PlanTemplates {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub before_accepting: ByLang,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub after_accepting: ByLang,
}

impl PlanTemplates {
    pub fn is_empty(&self) -> bool {
        self.before_accepting.is_empty() && self.after_accepting.is_empty()
    }
}

/// The user's own reply variants per plan, moment and language; what is left out uses the
/// built-in defaults. JSON:
/// `{"ask-first": {"before-accepting": {"en": ["Hi {first_name}, …"]}}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Templates {
    #[serde(default, skip_serializing_if = "PlanTemplates::is_empty")]
    pub ask_first: PlanTemplates,
    #[serde(default, skip_serializing_if = "PlanTemplates::is_empty")]
    pub accept_follow_up: PlanTemplates,
    #[serde(default, skip_serializing_if = "PlanTemplates::is_empty")]
    pub accept: PlanTemplates,
}

impl Templates {
    fn plan(&self, plan: PlanKind) -> &PlanTemplates {
        match plan {
            PlanKind::AskFirst => &self.ask_first,
            PlanKind::AcceptFollowUp => &self.accept_follow_up,
            PlanKind::Accept => &self.accept,
        }
    }

    fn plan_mut(&mut self, plan: PlanKind) -> &mut PlanTemplates {
        match plan {
            PlanKind::AskFirst => &mut self.ask_first,
            PlanKind::AcceptFollowUp => &mut self.accept_follow_up,
            PlanKind::Accept => &mut self.accept,
        }
    }

    pub fn get(&self, plan: PlanKind, moment: Moment) -> &ByLang {
        let p = self.plan(plan);
        match moment {
            Moment::BeforeAccepting => &p.before_accepting,
            Moment::AfterAccepting => &p.after_accepting,
        }
    }

    pub fn get_mut(&mut self, plan: PlanKind, moment: Moment) -> &mut ByLang {
        let p = self.plan_mut(plan);
        match moment {
            Moment::BeforeAccepting => &mut p.before_accepting,
            Moment::AfterAccepting => &mut p.after_accepting,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.ask_first.is_empty() && self.accept_follow_up.is_empty() && self.accept.is_empty()
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Settings {
    #[serde(default = "default_version")]
    pub version: u32,
    #[serde(default)]
    pub target_market: TargetMarket,
    #[serde(default)]
    pub offer: Offer,
    #[serde(default)]
    pub my_name: String,
    /// The user's own language: replies use it when the note's language has no template.
    #[serde(default = "default_language")]
    pub language: Lang,
    #[serde(default, skip_serializing_if = "Templates::is_empty")]
    pub templates: Templates,
    /// Days after which an unanswered "ask first" shows up in the popup's reminders.
    #[serde(default = "default_reminder_days")]
    pub reminder_days: u32,
}

fn default_version() -> u32 {
    SETTINGS_VERSION
}
fn default_language() -> Lang {
    Lang::En
}
fn default_reminder_days() -> u32 {
    7
}

/// A reminder later than this is not a reminder.
const MAX_REMINDER_DAYS: u32 = 365;

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            target_market: TargetMarket::default(),
            offer: Offer::default(),
            my_name: String::new(),
            language: default_language(),
            templates: Templates::default(),
            reminder_days: default_reminder_days(),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SettingsError {
    #[error("settings are not valid JSON: {0}")]
    Syntax(String),
    /// A field that is unknown, of the wrong type, or holds a bad value: where (`path`),
    /// what the parser said (`message`, for logs) and what the user reads (`said`).
    #[error("{path}: {message}")]
    Field {
        path: String,
        message: String,
        said: Said,
    },
    #[error("version: settings version {found} is newer than this AskFirst understands (up to {SETTINGS_VERSION}); update AskFirst")]
    TooNew { found: u64 },
}

impl SettingsError {
    fn field(path: impl Into<String>, message: impl Into<String>, said: Said) -> SettingsError {
        SettingsError::Field {
            path: path.into(),
            message: message.into(),
            said,
        }
    }

    /// What is wrong and how to put it right, for people: no field paths, no type names.
    pub fn said(&self) -> Said {
        match self {
            SettingsError::Syntax(_) => Said::of("errSyntax"),
            SettingsError::Field { said, .. } => said.clone(),
            SettingsError::TooNew { found } => {
                Said::with("errTooNew", vec![found.to_string().into()])
            }
        }
    }

    /// The field the error is about ("offer.url", "target_market.include[2]"), if one.
    pub fn path(&self) -> Option<&str> {
        match self {
            SettingsError::Field { path, .. } => Some(path),
            _ => None,
        }
    }
}

/// What a type error (or an unknown field) at `path` means to the user.
fn said_of_type_error(path: &str, message: &str) -> Said {
    let field = |p: &str| {
        path == p || path.starts_with(&format!("{p}.")) || path.starts_with(&format!("{p}["))
    };
    if field("templates") {
        return Said::of("errTemplatesShape");
    }
    if message.starts_with("unknown field") {
        let name = path.rsplit('.').next().unwrap_or(path);
        let name = name.split('[').next().unwrap_or(name);
        return Said::with("errUnknownField", vec![name.into()]);
    }
    match () {
        _ if field("version") => {
            Said::with("errVersion", vec![SETTINGS_VERSION.to_string().into()])
        }
        _ if field("target_market.exclude") => Said::of("errExcludeType"),
        _ if field("target_market") => Said::of("errIncludeType"),
        _ if field("offer.name") => Said::of("errOfferNameType"),
        _ if field("offer") => Said::of("errOfferUrlType"),
        _ if field("my_name") => Said::of("errMyName"),
        _ if field("language") => Said::of("errLanguageUnknown"),
        _ if field("reminder_days") => Said::with(
            "errReminderDays",
            vec![MAX_REMINDER_DAYS.to_string().into()],
        ),
        _ => Said::of("errSyntax"),
    }
}

impl Settings {
    /// Parses and validates settings JSON. Every error names the field it is about.
    pub fn from_json(json: &str) -> Result<Settings, SettingsError> {
        // The version is checked before the schema: a newer file may have fields this
        // build does not know, and "update AskFirst" is the helpful answer then.
        let value: serde_json::Value =
            serde_json::from_str(json).map_err(|e| SettingsError::Syntax(e.to_string()))?;
        let Some(object) = value.as_object() else {
            return Err(SettingsError::Syntax(
                "expected a JSON object at the top level".into(),
            ));
        };
        let version = match object.get("version") {
            Some(v) => match v.as_u64() {
                Some(n) if n > u64::from(SETTINGS_VERSION) => {
                    return Err(SettingsError::TooNew { found: n })
                }
                Some(0) => {
                    return Err(SettingsError::field(
                        "version",
                        "must be 1 or more",
                        Said::with("errVersion", vec![SETTINGS_VERSION.to_string().into()]),
                    ))
                }
                Some(n) => n,
                // Wrong types are reported by the typed parse below.
                None => u64::from(SETTINGS_VERSION),
            },
            // Hand-written files often leave the version out: their templates' shape says
            // which it is (a language right under a plan is v1's).
            None if v1::templates_look_like_v1(object.get("templates")) => 1,
            None => u64::from(SETTINGS_VERSION),
        };
        let settings = if version == 1 {
            migrate_1_to_2(typed::<v1::Settings>(json)?)
        } else {
            typed::<Settings>(json)?
        };
        settings.validate()?;
        Ok(settings)
    }

    /// Pretty JSON that `from_json` reads back to the same settings.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self)
            .expect("settings hold only strings, numbers, lists and string-keyed maps")
    }

    /// An offer the replies may carry: a name and an http(s) URL, or nothing at all.
    fn validate_offer(&self) -> Result<(), SettingsError> {
        let (name, url) = (self.offer.name.trim(), self.offer.url.trim());
        if !url.is_empty() {
            validate_url(url).map_err(|(m, said)| SettingsError::field("offer.url", m, said))?;
            if name.is_empty() {
                return Err(SettingsError::field(
                    "offer.name",
                    "name the offer the follow-up links to",
                    Said::of("errOfferNeedsName"),
                ));
            }
        } else if !name.is_empty() {
            return Err(SettingsError::field(
                "offer.url",
                "the offer needs a URL where people sign up",
                Said::of("errOfferNeedsUrl"),
            ));
        }
        Ok(())
    }

    /// Whether replies may carry the offer: one is configured and it is valid.
    pub fn offer_is_usable(&self) -> bool {
        self.offer.is_configured() && self.validate_offer().is_ok()
    }

    /// Checks values that types alone cannot: usable terms, an http(s) offer, parseable
    /// templates. Called by `from_json`; call it on settings built in code.
    pub fn validate(&self) -> Result<(), SettingsError> {
        if self.version != SETTINGS_VERSION {
            return Err(SettingsError::field(
                "version",
                format!("must be {SETTINGS_VERSION}"),
                Said::with("errVersion", vec![SETTINGS_VERSION.to_string().into()]),
            ));
        }
        for (list, terms) in [
            ("include", &self.target_market.include),
            ("exclude", &self.target_market.exclude),
        ] {
            for (i, term) in terms.iter().enumerate() {
                if fold(term).is_empty() {
                    return Err(SettingsError::field(
                        format!("target_market.{list}[{i}]"),
                        "a term needs at least one letter or digit",
                        if list == "include" {
                            Said::with("errIncludeTerm", vec![(i + 1).to_string().into()])
                        } else {
                            Said::with("errExcludeTerm", vec![(i + 1).to_string().into()])
                        },
                    ));
                }
            }
        }
        self.validate_offer()?;
        if !self.language.has_replies() {
            return Err(SettingsError::field(
                "language",
                format!(
                    "AskFirst has no replies in {} yet; choose one of {}",
                    self.language.code(),
                    Lang::REPLY.map(Lang::code).join(", ")
                ),
                Said::with(
                    "errLanguageNoReplies",
                    vec![lang_name(self.language).into()],
                ),
            ));
        }
        if self.reminder_days == 0 || self.reminder_days > MAX_REMINDER_DAYS {
            return Err(SettingsError::field(
                "reminder_days",
                format!("must be between 1 and {MAX_REMINDER_DAYS}"),
                Said::with(
                    "errReminderDays",
                    vec![MAX_REMINDER_DAYS.to_string().into()],
                ),
            ));
        }
        for plan in PlanKind::ALL {
            for moment in Moment::ALL {
                for (lang, variants) in self.templates.get(plan, moment) {
                    let at = format!(
                        "templates.{}.{}.{}",
                        plan.as_str(),
                        moment.as_str(),
                        lang.code()
                    );
                    let which = || -> Vec<crate::core::said::Param> {
                        vec![
                            plan.label().into(),
                            moment.label().into(),
                            lang_name(*lang).into(),
                        ]
                    };
                    if variants.is_empty() {
                        return Err(SettingsError::field(
                            at,
                            "give at least one variant, or remove the language to use the defaults",
                            Said::with("errTemplateNoVariant", which()),
                        ));
                    }
                    for (i, source) in variants.iter().enumerate() {
                        Template::parse(source).map_err(|e| {
                            let mut params = vec![(i + 1).to_string().into()];
                            params.extend(which());
                            params.push(e.said().into());
                            SettingsError::field(
                                format!("{at}[{i}]"),
                                e.to_string(),
                                Said::with("errTemplate", params),
                            )
                        })?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The typed parse of one version's document; errors name the field path.
fn typed<T: for<'de> Deserialize<'de>>(json: &str) -> Result<T, SettingsError> {
    let mut de = serde_json::Deserializer::from_str(json);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        // A bad map key shows as "?" (e.g. a language code): the map's path is enough.
        let path = e.path().to_string().trim_end_matches(".?").to_string();
        let message = strip_position(&e.inner().to_string());
        let path = if path == "." { "settings".into() } else { path };
        let said = said_of_type_error(&path, &message);
        SettingsError::field(path, message, said)
    })
}

/// v1's document, frozen as it was: read only to be migrated. (`Offer` and
/// `TargetMarket` are today's: unchanged since v1. A version that changes them freezes
/// their v1 form here first.)
mod v1 {
    use super::{Lang, Offer, TargetMarket};
    use serde::Deserialize;
    use std::collections::BTreeMap;

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields, rename_all = "kebab-case")]
    pub struct Templates {
        #[serde(default)]
        pub ask_first: BTreeMap<Lang, Vec<String>>,
        #[serde(default)]
        pub accept_follow_up: BTreeMap<Lang, Vec<String>>,
        #[serde(default)]
        pub accept: BTreeMap<Lang, Vec<String>>,
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    pub struct Settings {
        #[allow(dead_code)] // read to be checked, always 1 here
        #[serde(default)]
        pub version: u32,
        #[serde(default)]
        pub target_market: TargetMarket,
        #[serde(default)]
        pub offer: Offer,
        #[serde(default)]
        pub my_name: String,
        #[serde(default = "super::default_language")]
        pub language: Lang,
        #[serde(default)]
        pub templates: Option<Templates>,
        #[serde(default = "super::default_reminder_days")]
        pub reminder_days: u32,
    }

    /// Whether a document without a version holds v1's templates: some plan maps a
    /// language code straight to its variants.
    pub fn templates_look_like_v1(templates: Option<&serde_json::Value>) -> bool {
        templates.and_then(|t| t.as_object()).is_some_and(|plans| {
            plans
                .values()
                .filter_map(|p| p.as_object())
                .any(|by| by.keys().any(|k| Lang::from_code(k).is_some()))
        })
    }
}

/// Migration 1 → 2: v1's one text per plan served every moment, and its defaults were
/// worded for one: ask-first and accept before accepting (a reply to the invitation), the
/// follow-up after. The user's own variants keep that moment; the other moment gets the
/// built-in defaults rather than a text worded for the wrong moment ("Before I accept"
/// sent to someone accepted: issue 14 §1).
fn migrate_1_to_2(old: v1::Settings) -> Settings {
    let mut templates = Templates::default();
    if let Some(t) = old.templates {
        templates.ask_first.before_accepting = t.ask_first;
        templates.accept_follow_up.after_accepting = t.accept_follow_up;
        templates.accept.before_accepting = t.accept;
    }
    Settings {
        version: 2,
        target_market: old.target_market,
        offer: old.offer,
        my_name: old.my_name,
        language: old.language,
        templates,
        reminder_days: old.reminder_days,
    }
}

/// serde_json appends " at line L column C"; the path already says where.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains(" column ") => message[..i].to_string(),
        _ => message.to_string(),
    }
}

/// An offer link must be a web address people can open: http(s), a host, no spaces.
/// (`javascript:` and friends would be inserted into a message under the user's name.)
fn validate_url(url: &str) -> Result<(), (String, Said)> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| {
            (
                format!("must start with https:// or http:// (got {url:?})"),
                Said::of("errUrlScheme"),
            )
        })?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err((
            format!("has no host name (got {url:?})"),
            Said::of("errUrlHost"),
        ));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err((
            format!("must not contain spaces (got {url:?})"),
            Said::of("errUrlSpaces"),
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(json: &str) -> String {
        Settings::from_json(json).unwrap_err().to_string()
    }

    #[test]
    fn minimal_and_empty_settings_use_defaults() {
        let s = Settings::from_json("{}").unwrap();
        assert_eq!(s, Settings::default());
        assert_eq!(s.reminder_days, 7);
        assert_eq!(s.language, Lang::En);
        let s = Settings::from_json(
            r#"{"target_market": {"include": ["founder"]}, "my_name": "Dana"}"#,
        )
        .unwrap();
        assert_eq!(s.target_market.include, ["founder"]);
        assert!(s.target_market.exclude.is_empty());
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(
            err(r#"{"target_market": {"includ": []}}"#)
                .split(':')
                .next(),
            Some("target_market.includ")
        );
        assert!(err(r#"{"target_market": {"includ": []}}"#).contains("unknown field"));
        assert!(err(r#"{"offer": {"name": 3}}"#).starts_with("offer.name: invalid type"));
        assert!(err(r#"{"target_market": {"include": ["ok", 5]}}"#)
            .starts_with("target_market.include[1]: invalid type"));
        assert!(err(r#"{"colour": "red"}"#).starts_with("colour: unknown field"));
        assert!(err(r#"{"language": "xx"}"#).starts_with("language: unknown variant"));
        // Notes are read in Swedish; replies are not written in it (yet).
        assert!(err(r#"{"language": "sv"}"#).starts_with("language: AskFirst has no replies in sv"));
        assert!(err(r#"{"target_market": {"include": ["  "]}}"#)
            .starts_with("target_market.include[0]: "));
        assert!(err(r#"{"target_market": {"exclude": ["ok", "--"]}}"#)
            .starts_with("target_market.exclude[1]: "));
        assert!(
            err(r#"{"offer": {"name": "x", "url": "javascript:alert(1)"}}"#)
                .starts_with("offer.url: must start with https://")
        );
        assert!(err(r#"{"offer": {"name": "x", "url": "https:///path"}}"#)
            .starts_with("offer.url: has no host"));
        assert!(
            err(r#"{"offer": {"name": "x", "url": "https://a.com/x y"}}"#)
                .starts_with("offer.url: must not contain spaces")
        );
        assert!(err(r#"{"offer": {"url": "https://a.com"}}"#).starts_with("offer.name: "));
        assert!(err(r#"{"offer": {"name": "x"}}"#).starts_with("offer.url: "));
        assert!(err(r#"{"reminder_days": 0}"#).starts_with("reminder_days: "));
        assert!(err(r#"{"reminder_days": -1}"#).starts_with("reminder_days: invalid value"));
        assert!(err(
            r#"{"templates": {"ask-first": {"after-accepting": {"en": ["Hi {firstname}"]}}}}"#
        )
        .starts_with("templates.ask-first.after-accepting.en[0]: unknown placeholder {firstname}"));
        assert!(
            err(r#"{"templates": {"accept": {"before-accepting": {"fr": []}}}}"#)
                .starts_with("templates.accept.before-accepting.fr: ")
        );
        assert!(err(r#"{"templates": {"ask_first": {}}}"#)
            .starts_with("templates.ask_first: unknown field"));
        assert!(err(r#"{"templates": {"accept": {"later": {}}}}"#)
            .starts_with("templates.accept.later: unknown field"));
        assert!(
            err(r#"{"templates": {"accept": {"after-accepting": {"xx": ["a"]}}}}"#)
                .starts_with("templates.accept")
        );
        // Errors in a v1 document name v1's paths: the file the user has.
        assert!(
            err(r#"{"version": 1, "templates": {"ask-first": {"en": ["Hi {firstname}"]}}}"#)
                .starts_with("templates.ask-first.before-accepting.en[0]: unknown placeholder")
        );
        assert!(
            err(r#"{"version": 1, "templates": {"ask-first": {"fr": 3}}}"#)
                .starts_with("templates.ask-first: invalid type")
        );
    }

    #[test]
    fn versions() {
        assert_eq!(Settings::from_json(r#"{"version": 1}"#).unwrap().version, 2);
        assert_eq!(Settings::from_json(r#"{"version": 2}"#).unwrap().version, 2);
        let e = Settings::from_json(r#"{"version": 3, "new_thing": true}"#).unwrap_err();
        assert_eq!(e, SettingsError::TooNew { found: 3 });
        assert!(e.to_string().contains("update AskFirst"));
        assert!(err(r#"{"version": 0}"#).starts_with("version: "));
        assert!(err(r#"{"version": "1"}"#).starts_with("version: invalid type"));
    }

    #[test]
    fn syntax_errors_and_non_objects() {
        assert!(matches!(
            Settings::from_json("{"),
            Err(SettingsError::Syntax(_))
        ));
        assert!(matches!(
            Settings::from_json("[]"),
            Err(SettingsError::Syntax(_))
        ));
        assert!(matches!(
            Settings::from_json(""),
            Err(SettingsError::Syntax(_))
        ));
    }

    #[test]
    fn migration_1_to_2_keeps_each_text_at_the_moment_it_was_worded_for() {
        let v1 = r#"{"version": 1, "my_name": "Dana", "reminder_days": 9,
            "templates": {"ask-first": {"en": ["Before I accept: why, {first_name}?"]},
                          "accept-follow-up": {"fr": ["Merci pour la connexion, {first_name}"]},
                          "accept": {"de": ["Danke, {first_name}!"]}}}"#;
        let s = Settings::from_json(v1).unwrap();
        assert_eq!(
            (s.version, s.my_name.as_str(), s.reminder_days),
            (2, "Dana", 9)
        );
        let t = &s.templates;
        assert_eq!(
            t.ask_first.before_accepting[&Lang::En],
            ["Before I accept: why, {first_name}?"]
        );
        assert!(
            t.ask_first.after_accepting.is_empty(),
            "the defaults, not a 'before' text"
        );
        assert_eq!(
            t.accept_follow_up.after_accepting[&Lang::Fr],
            ["Merci pour la connexion, {first_name}"]
        );
        assert!(t.accept_follow_up.before_accepting.is_empty());
        assert_eq!(
            t.accept.before_accepting[&Lang::De],
            ["Danke, {first_name}!"]
        );
        // Without a version, the shape says which it is.
        let unversioned = v1.replace(r#""version": 1, "#, "");
        assert_eq!(Settings::from_json(&unversioned).unwrap(), s);
        // Written back, it is a v2 document that reads the same.
        assert!(s.to_json().contains("\"before-accepting\""));
        assert_eq!(Settings::from_json(&s.to_json()).unwrap(), s);
    }

    #[test]
    fn round_trips() {
        let json = r#"{
            "version": 2,
            "target_market": {"include": ["founder", "Head of Sales"], "exclude": ["recruiter"]},
            "offer": {"name": "the checklist", "url": "https://example.com/c"},
            "my_name": "Dana",
            "language": "fr",
            "templates": {"ask-first": {"before-accepting": {"en": ["Hi {first_name}!", "Hello {first_name}."]},
                                        "after-accepting": {"en": ["Thanks for connecting, {first_name}!"]}},
                          "accept": {"after-accepting": {"de": ["Danke, {first_name}!"]}}},
            "reminder_days": 10
        }"#;
        let s = Settings::from_json(json).unwrap();
        assert_eq!(Settings::from_json(&s.to_json()).unwrap(), s);
        assert_eq!(
            Settings::from_json(&Settings::default().to_json()).unwrap(),
            Settings::default()
        );
    }
}
