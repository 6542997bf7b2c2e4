//! The user's settings: target market, offer, name, language, templates. JSON, versioned;
//! unknown fields and wrong types are rejected with an error naming the field. (Skeleton:
//! the engine issue completes validation and templates.)

use crate::core::lang::Lang;
use serde::{Deserialize, Serialize};

pub const SETTINGS_VERSION: u32 = 1;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetMarket {
    #[serde(default)]
    pub include: Vec<String>,
    #[serde(default)]
    pub exclude: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Offer {
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub url: String,
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
}

fn default_version() -> u32 {
    SETTINGS_VERSION
}
fn default_language() -> Lang {
    Lang::En
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            version: SETTINGS_VERSION,
            target_market: TargetMarket::default(),
            offer: Offer::default(),
            my_name: String::new(),
            language: Lang::En,
        }
    }
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SettingsError {
    #[error("settings are not valid JSON here: {0}")]
    Invalid(String),
}

impl Settings {
    pub fn from_json(json: &str) -> Result<Settings, SettingsError> {
        serde_json::from_str(json).map_err(|e| SettingsError::Invalid(e.to_string()))
    }
}
