//! Note classification: none | stock | generic | reasoned, with reasons. Pure function of
//! the note text; no knowledge of pages or people. (Skeleton: the classifier issue fills
//! in the phrase tables.)

use crate::core::lang::Lang;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum NoteKind {
    /// No note at all (or only whitespace / a bare greeting).
    None,
    /// LinkedIn's default text, in any language.
    Stock,
    /// A note that gives no reason to connect.
    Generic,
    /// A note that says why.
    Reasoned,
}

impl NoteKind {
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::None => "none",
            NoteKind::Stock => "stock",
            NoteKind::Generic => "generic",
            NoteKind::Reasoned => "reasoned",
        }
    }

    /// None, stock and generic notes are "default invites" in the article's sense.
    pub fn is_default(self) -> bool {
        !matches!(self, NoteKind::Reasoned)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NoteVerdict {
    pub kind: NoteKind,
    /// The note's language when it could be told.
    pub language: Option<Lang>,
    /// Why, for the user: which stock phrase or reason signal matched.
    pub reasons: Vec<String>,
}

pub fn classify_note(note: Option<&str>) -> NoteVerdict {
    match note.map(str::trim).filter(|n| !n.is_empty()) {
        None => NoteVerdict { kind: NoteKind::None, language: None, reasons: vec!["No note".into()] },
        Some(_) => NoteVerdict { kind: NoteKind::Generic, language: None, reasons: vec!["Skeleton classifier".into()] },
    }
}
