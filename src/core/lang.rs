//! Languages AskFirst knows words in: the 24 most used LinkedIn UI languages. A note in
//! any of them is read (stock texts, word lists, language detection in `note`); replies
//! exist for the seven of `Lang::REPLY` (`reply`), and a note in another language is
//! answered in the user's reply language. Adding one: a variant here, its stock texts,
//! lexicon and phrases in `note`, its labels in `linkedin`; templates in `reply` and a
//! place in `REPLY` only once the replies are written.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Lang {
    #[serde(rename = "en")]
    En,
    #[serde(rename = "fr")]
    Fr,
    #[serde(rename = "de")]
    De,
    #[serde(rename = "es")]
    Es,
    #[serde(rename = "pt")]
    Pt,
    #[serde(rename = "it")]
    It,
    #[serde(rename = "nl")]
    Nl,
    #[serde(rename = "sv")]
    Sv,
    #[serde(rename = "da")]
    Da,
    /// Norwegian Bokmål ("no" and "nn" are read as it too).
    #[serde(rename = "nb")]
    Nb,
    #[serde(rename = "fi")]
    Fi,
    #[serde(rename = "pl")]
    Pl,
    #[serde(rename = "cs")]
    Cs,
    #[serde(rename = "tr")]
    Tr,
    #[serde(rename = "ru")]
    Ru,
    #[serde(rename = "uk")]
    Uk,
    #[serde(rename = "ro")]
    Ro,
    #[serde(rename = "ja")]
    Ja,
    /// Chinese in simplified characters (mainland China, Singapore).
    #[serde(rename = "zh-Hans")]
    ZhHans,
    /// Chinese in traditional characters (Taiwan, Hong Kong).
    #[serde(rename = "zh-Hant")]
    ZhHant,
    #[serde(rename = "ko")]
    Ko,
    #[serde(rename = "ar")]
    Ar,
    #[serde(rename = "he")]
    He,
    #[serde(rename = "id")]
    Id,
}

impl Lang {
    /// Every language a note is read in, in a fixed order (bit `i` of a language mask is
    /// `ALL[i]`).
    pub const ALL: [Lang; 24] = [
        Lang::En,
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::Pt,
        Lang::It,
        Lang::Nl,
        Lang::Sv,
        Lang::Da,
        Lang::Nb,
        Lang::Fi,
        Lang::Pl,
        Lang::Cs,
        Lang::Tr,
        Lang::Ru,
        Lang::Uk,
        Lang::Ro,
        Lang::Ja,
        Lang::ZhHans,
        Lang::ZhHant,
        Lang::Ko,
        Lang::Ar,
        Lang::He,
        Lang::Id,
    ];

    /// The languages AskFirst writes replies in (default templates, the options page, the
    /// user's own reply language).
    pub const REPLY: [Lang; 7] = [
        Lang::En,
        Lang::Fr,
        Lang::De,
        Lang::Es,
        Lang::Pt,
        Lang::It,
        Lang::Nl,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
            Lang::De => "de",
            Lang::Es => "es",
            Lang::Pt => "pt",
            Lang::It => "it",
            Lang::Nl => "nl",
            Lang::Sv => "sv",
            Lang::Da => "da",
            Lang::Nb => "nb",
            Lang::Fi => "fi",
            Lang::Pl => "pl",
            Lang::Cs => "cs",
            Lang::Tr => "tr",
            Lang::Ru => "ru",
            Lang::Uk => "uk",
            Lang::Ro => "ro",
            Lang::Ja => "ja",
            Lang::ZhHans => "zh-Hans",
            Lang::ZhHant => "zh-Hant",
            Lang::Ko => "ko",
            Lang::Ar => "ar",
            Lang::He => "he",
            Lang::Id => "id",
        }
    }

    /// AskFirst writes replies in this language.
    pub fn has_replies(self) -> bool {
        Lang::REPLY.contains(&self)
    }

    /// Parses "fr", "fr-CA", "FR_be", "zh-Hant", "zh-TW", "no", "iw" …; None for languages
    /// AskFirst has no words for.
    pub fn from_code(code: &str) -> Option<Lang> {
        let mut parts = code.split(['-', '_']);
        let primary = parts.next()?.to_ascii_lowercase();
        let rest: Vec<String> = parts.map(str::to_ascii_lowercase).collect();
        match primary.as_str() {
            // Script first, then region: zh-Hant-HK, zh-TW, zh-HK, zh-MO are traditional.
            "zh" => Some(
                if rest
                    .iter()
                    .any(|p| matches!(p.as_str(), "hant" | "tw" | "hk" | "mo"))
                    && !rest.iter().any(|p| p == "hans")
                {
                    Lang::ZhHant
                } else {
                    Lang::ZhHans
                },
            ),
            "no" | "nn" => Some(Lang::Nb),
            // Codes older systems still send.
            "iw" => Some(Lang::He),
            "in" => Some(Lang::Id),
            _ => Lang::ALL.into_iter().find(|l| l.code() == primary),
        }
    }
}

impl std::fmt::Display for Lang {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_through_text_and_json() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
            let json = serde_json::to_string(&lang).unwrap();
            assert_eq!(json, format!("\"{}\"", lang.code()));
            assert_eq!(serde_json::from_str::<Lang>(&json).unwrap(), lang);
        }
    }

    #[test]
    fn regional_and_legacy_codes_are_read() {
        assert_eq!(Lang::from_code("fr-CA"), Some(Lang::Fr));
        assert_eq!(Lang::from_code("zh-TW"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_code("zh_HK"), Some(Lang::ZhHant));
        assert_eq!(Lang::from_code("zh-CN"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_code("zh"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_code("zh-Hans-HK"), Some(Lang::ZhHans));
        assert_eq!(Lang::from_code("no"), Some(Lang::Nb));
        assert_eq!(Lang::from_code("iw"), Some(Lang::He));
        assert_eq!(Lang::from_code("xx"), None);
    }

    #[test]
    fn reply_languages_are_note_languages() {
        for lang in Lang::REPLY {
            assert!(Lang::ALL.contains(&lang) && lang.has_replies());
        }
        assert!(!Lang::Sv.has_replies());
    }
}
