//! The user's settings: target market, offer, name, language, reply templates, reminder
//! delay. JSON, versioned; unknown fields, wrong types and bad values are rejected with an
//! error naming the field path. Pure: must not import wasm-bindgen, web-sys or js-sys.

use crate::core::lang::Lang;
use crate::core::plan::PlanKind;
use crate::core::reply::Template;
use crate::core::text::fold;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The settings schema this build reads and writes. Older versions are migrated in
/// `from_json` (none exist yet); newer ones are refused rather than half-understood.
pub const SETTINGS_VERSION: u32 = 1;

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

/// The user's own reply variants per plan and language; a plan/language left out uses
/// the built-in defaults. JSON: `{"ask-first": {"en": ["Hi {first_name}, …"]}}`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct Templates {
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub ask_first: BTreeMap<Lang, Vec<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub accept_follow_up: BTreeMap<Lang, Vec<String>>,
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub accept: BTreeMap<Lang, Vec<String>>,
}

impl Templates {
    pub fn for_plan(&self, plan: PlanKind) -> &BTreeMap<Lang, Vec<String>> {
        match plan {
            PlanKind::AskFirst => &self.ask_first,
            PlanKind::AcceptFollowUp => &self.accept_follow_up,
            PlanKind::Accept => &self.accept,
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
    /// A field that is unknown, of the wrong type, or holds a bad value.
    #[error("{path}: {message}")]
    Field { path: String, message: String },
    #[error("version: settings version {found} is newer than this AskFirst understands (up to {SETTINGS_VERSION}); update AskFirst")]
    TooNew { found: u64 },
}

impl SettingsError {
    fn field(path: impl Into<String>, message: impl Into<String>) -> SettingsError {
        SettingsError::Field {
            path: path.into(),
            message: message.into(),
        }
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
        if let Some(v) = object.get("version") {
            match v.as_u64() {
                Some(n) if n > u64::from(SETTINGS_VERSION) => {
                    return Err(SettingsError::TooNew { found: n })
                }
                Some(0) => return Err(SettingsError::field("version", "must be 1 or more")),
                _ => {} // wrong types are reported by the typed parse below
            }
        }
        let mut de = serde_json::Deserializer::from_str(json);
        let settings: Settings = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            // A bad map key shows as "?" (e.g. a language code): the map's path is enough.
            let path = e.path().to_string().trim_end_matches(".?").to_string();
            let message = strip_position(&e.inner().to_string());
            SettingsError::field(if path == "." { "settings".into() } else { path }, message)
        })?;
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
            validate_url(url).map_err(|m| SettingsError::field("offer.url", m))?;
            if name.is_empty() {
                return Err(SettingsError::field(
                    "offer.name",
                    "name the offer the follow-up links to",
                ));
            }
        } else if !name.is_empty() {
            return Err(SettingsError::field(
                "offer.url",
                "the offer needs a URL where people sign up",
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
            ));
        }
        if self.reminder_days == 0 || self.reminder_days > MAX_REMINDER_DAYS {
            return Err(SettingsError::field(
                "reminder_days",
                format!("must be between 1 and {MAX_REMINDER_DAYS}"),
            ));
        }
        for plan in [
            PlanKind::AskFirst,
            PlanKind::AcceptFollowUp,
            PlanKind::Accept,
        ] {
            for (lang, variants) in self.templates.for_plan(plan) {
                let at = format!("templates.{}.{}", plan.as_str(), lang.code());
                if variants.is_empty() {
                    return Err(SettingsError::field(
                        at,
                        "give at least one variant, or remove the language to use the defaults",
                    ));
                }
                for (i, source) in variants.iter().enumerate() {
                    Template::parse(source)
                        .map_err(|e| SettingsError::field(format!("{at}[{i}]"), e.to_string()))?;
                }
            }
        }
        Ok(())
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
fn validate_url(url: &str) -> Result<(), String> {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"))
        .ok_or_else(|| format!("must start with https:// or http:// (got {url:?})"))?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    let host = host.rsplit('@').next().unwrap_or("");
    if host.is_empty() || host.starts_with(':') {
        return Err(format!("has no host name (got {url:?})"));
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("must not contain spaces (got {url:?})"));
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
        assert!(
            err(r#"{"templates": {"ask-first": {"en": ["Hi {firstname}"]}}}"#)
                .starts_with("templates.ask-first.en[0]: unknown placeholder {firstname}")
        );
        assert!(
            err(r#"{"templates": {"accept": {"fr": []}}}"#).starts_with("templates.accept.fr: ")
        );
        assert!(err(r#"{"templates": {"ask_first": {}}}"#)
            .starts_with("templates.ask_first: unknown field"));
        assert!(err(r#"{"templates": {"accept": {"xx": ["a"]}}}"#).starts_with("templates.accept"));
    }

    #[test]
    fn versions() {
        assert_eq!(Settings::from_json(r#"{"version": 1}"#).unwrap().version, 1);
        let e = Settings::from_json(r#"{"version": 2, "new_thing": true}"#).unwrap_err();
        assert_eq!(e, SettingsError::TooNew { found: 2 });
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
    fn round_trips() {
        let json = r#"{
            "version": 1,
            "target_market": {"include": ["founder", "Head of Sales"], "exclude": ["recruiter"]},
            "offer": {"name": "the checklist", "url": "https://example.com/c"},
            "my_name": "Dana",
            "language": "fr",
            "templates": {"ask-first": {"en": ["Hi {first_name}!", "Hello {first_name}."]},
                          "accept": {"de": ["Danke, {first_name}!"]}},
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
