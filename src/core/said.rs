//! What the engine says to the user, as codes with parameters (`Said`): the reasons of a
//! verdict, the plan's name, the prompt's actions, warnings. The engine never words them;
//! the message catalogue does (`extension/_locales/<lang>/messages.json`, a code is a
//! message key and its parameters fill `$1`, `$2` …), the same catalogue for every surface:
//! the content script and the pages through `chrome.i18n`, the CLI through `Catalogue`
//! (the JSON files embedded at compile time, `Catalogue::embedded`).

use crate::core::lang::Lang;
use serde::Serialize;
use std::collections::HashMap;
use std::fmt;
use std::sync::OnceLock;

/// One thing said: a catalogue key and what fills its placeholders, in order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Said {
    pub code: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub params: Vec<Param>,
}

/// A placeholder's value: words of the page or the user (a quote, a name, a number), as
/// they are; another message, worded first; or several, worded and joined by "; ".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Param {
    Text(String),
    Said(Said),
    List(Vec<Said>),
}

impl Said {
    /// A message without parameters.
    pub fn of(code: &'static str) -> Said {
        Said {
            code,
            params: Vec::new(),
        }
    }

    pub fn with(code: &'static str, params: Vec<Param>) -> Said {
        Said { code, params }
    }

    /// Worded by `catalogue`.
    pub fn in_(&self, catalogue: &Catalogue) -> String {
        catalogue.word(self)
    }
}

impl From<String> for Param {
    fn from(s: String) -> Param {
        Param::Text(s)
    }
}

impl From<&str> for Param {
    fn from(s: &str) -> Param {
        Param::Text(s.to_string())
    }
}

impl From<Said> for Param {
    fn from(s: Said) -> Param {
        Param::Said(s)
    }
}

/// In English (the catalogue's `en`): for tests, logs and the CLI's default.
impl fmt::Display for Said {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&Catalogue::embedded(Lang::En).word(self))
    }
}

/// Compared with its English words (tests written against the English text keep reading
/// as they did).
impl PartialEq<str> for Said {
    fn eq(&self, other: &str) -> bool {
        Catalogue::embedded(Lang::En).word(self).as_str() == other
    }
}

impl PartialEq<&str> for Said {
    fn eq(&self, other: &&str) -> bool {
        Catalogue::embedded(Lang::En).word(self).as_str() == *other
    }
}

/// A language's name as the catalogue has it (`lang_fr`, `lang_zh_Hans`).
pub fn lang_name(lang: Lang) -> Said {
    Said::of(match lang {
        Lang::En => "lang_en",
        Lang::Fr => "lang_fr",
        Lang::De => "lang_de",
        Lang::Es => "lang_es",
        Lang::Pt => "lang_pt",
        Lang::It => "lang_it",
        Lang::Nl => "lang_nl",
        Lang::Sv => "lang_sv",
        Lang::Da => "lang_da",
        Lang::Nb => "lang_nb",
        Lang::Fi => "lang_fi",
        Lang::Pl => "lang_pl",
        Lang::Cs => "lang_cs",
        Lang::Tr => "lang_tr",
        Lang::Ru => "lang_ru",
        Lang::Uk => "lang_uk",
        Lang::Ro => "lang_ro",
        Lang::Ja => "lang_ja",
        Lang::ZhHans => "lang_zh_Hans",
        Lang::ZhHant => "lang_zh_Hant",
        Lang::Ko => "lang_ko",
        Lang::Ar => "lang_ar",
        Lang::He => "lang_he",
        Lang::Id => "lang_id",
    })
}

/// One language's messages, with their placeholders resolved to positions (`$1` …), as
/// `chrome.i18n.getMessage` words them.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    messages: HashMap<String, String>,
}

/// The catalogues of the languages AskFirst writes in, as the extension ships them.
const EMBEDDED: [(Lang, &str); 7] = [
    (
        Lang::En,
        include_str!("../../extension/_locales/en/messages.json"),
    ),
    (
        Lang::Fr,
        include_str!("../../extension/_locales/fr/messages.json"),
    ),
    (
        Lang::De,
        include_str!("../../extension/_locales/de/messages.json"),
    ),
    (
        Lang::Es,
        include_str!("../../extension/_locales/es/messages.json"),
    ),
    (
        Lang::Pt,
        include_str!("../../extension/_locales/pt/messages.json"),
    ),
    (
        Lang::It,
        include_str!("../../extension/_locales/it/messages.json"),
    ),
    (
        Lang::Nl,
        include_str!("../../extension/_locales/nl/messages.json"),
    ),
];

impl Catalogue {
    /// Reads a `messages.json`.
    pub fn from_json(json: &str) -> Result<Catalogue, serde_json::Error> {
        #[derive(serde::Deserialize)]
        struct Entry {
            message: String,
            #[serde(default)]
            placeholders: HashMap<String, Placeholder>,
        }
        #[derive(serde::Deserialize)]
        struct Placeholder {
            content: String,
        }
        let raw: HashMap<String, Entry> = serde_json::from_str(json)?;
        let messages = raw
            .into_iter()
            .map(|(key, e)| {
                let named: HashMap<String, String> = e
                    .placeholders
                    .into_iter()
                    .map(|(k, p)| (k.to_lowercase(), p.content))
                    .collect();
                (key, resolve_names(&e.message, &named))
            })
            .collect();
        Ok(Catalogue { messages })
    }

    /// The catalogue shipped for `lang` (English for a language AskFirst does not write
    /// in), read once.
    pub fn embedded(lang: Lang) -> &'static Catalogue {
        static READ: OnceLock<Vec<Catalogue>> = OnceLock::new();
        let all = READ.get_or_init(|| {
            EMBEDDED
                .iter()
                .map(|(_, json)| Catalogue::from_json(json).unwrap_or_default())
                .collect()
        });
        let i = EMBEDDED.iter().position(|(l, _)| *l == lang).unwrap_or(0);
        &all[i]
    }

    /// The message's text with positions (`$1` …), None when the catalogue has no such key.
    pub fn message(&self, key: &str) -> Option<&str> {
        self.messages.get(key).map(String::as_str)
    }

    /// `said` in words; a key the catalogue lacks gives the key itself (as the pages do),
    /// never an empty string.
    pub fn word(&self, said: &Said) -> String {
        let params: Vec<String> = said
            .params
            .iter()
            .map(|p| match p {
                Param::Text(s) => s.clone(),
                Param::Said(s) => self.word(s),
                Param::List(list) => list
                    .iter()
                    .map(|s| self.word(s))
                    .collect::<Vec<_>>()
                    .join("; "),
            })
            .collect();
        match self.message(said.code) {
            Some(m) => fill(m, &params),
            None => said.code.to_string(),
        }
    }
}

/// `$name$` → its placeholder's content (`$1`); `$$` stays for `fill`.
fn resolve_names(message: &str, named: &HashMap<String, String>) -> String {
    let mut out = String::with_capacity(message.len());
    let mut rest = message;
    while let Some(i) = rest.find('$') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        if let Some(j) = after.find('$') {
            let name = &after[..j];
            if let Some(content) = (!name.is_empty())
                .then(|| named.get(&name.to_lowercase()))
                .flatten()
            {
                out.push_str(content);
                rest = &after[j + 1..];
                continue;
            }
        }
        out.push('$');
        rest = after;
    }
    out.push_str(rest);
    out
}

/// `$1` … `$9` → the parameters; `$$` → `$`.
fn fill(message: &str, params: &[String]) -> String {
    let mut out = String::with_capacity(message.len() + 16);
    let mut chars = message.chars().peekable();
    while let Some(c) = chars.next() {
        if c != '$' {
            out.push(c);
            continue;
        }
        match chars.peek().copied() {
            Some('$') => {
                chars.next();
                out.push('$');
            }
            Some(d @ '1'..='9') => {
                chars.next();
                let n = d as usize - '1' as usize;
                out.push_str(params.get(n).map_or("", String::as_str));
            }
            _ => out.push('$'),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_placeholders_nested_messages_and_lists() {
        let c = Catalogue::from_json(
            r#"{
              "a": { "message": "$who$ said $WHAT$ ($$5)", "placeholders": {
                  "who": { "content": "$1" }, "what": { "content": "$2" } } },
              "b": { "message": "B" },
              "c": { "message": "C" }
            }"#,
        )
        .unwrap();
        let s = Said::with(
            "a",
            vec![
                Param::Said(Said::of("b")),
                Param::List(vec![Said::of("b"), Said::of("c")]),
            ],
        );
        assert_eq!(c.word(&s), "B said B; C ($5)");
        assert_eq!(c.word(&Said::of("missing")), "missing");
    }

    #[test]
    fn every_embedded_catalogue_reads() {
        for lang in Lang::REPLY {
            let c = Catalogue::embedded(lang);
            assert!(c.message("extName").is_some(), "{lang:?}");
        }
        assert_eq!(Said::of("planAccept").to_string(), "Accept");
        assert_eq!(
            Said::of("planAccept").in_(Catalogue::embedded(Lang::Fr)),
            "Accepter"
        );
    }
}
