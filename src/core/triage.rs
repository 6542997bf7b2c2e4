//! One invitation → everything AskFirst says about it: note kind, fit, plan, reasons,
//! reply. `Engine` holds the settings compiled once (folded terms, parsed templates).

use crate::core::fit::{Fit, FitMatcher};
use crate::core::invitation::{Invitation, InvitationKind};
use crate::core::lang::Lang;
use crate::core::note::{classify_note, NoteKind};
use crate::core::plan::{decide, PlanKind, ReplyPath};
use crate::core::reply::default_reply;
use crate::core::settings::Settings;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Triage {
    #[serde(flatten)]
    pub invitation: Invitation,
    pub note_kind: NoteKind,
    pub note_language: Option<Lang>,
    pub fit: Fit,
    pub matched_terms: Vec<String>,
    pub excluded_terms: Vec<String>,
    pub plan: PlanKind,
    pub reply_paths: Vec<ReplyPath>,
    /// Every reason, for the user: note, fit, plan, in that order.
    pub reasons: Vec<String>,
    pub reply: Option<String>,
}

pub struct Engine {
    settings: Settings,
    fit: FitMatcher,
}

impl Engine {
    pub fn new(settings: Settings) -> Engine {
        let fit = FitMatcher::new(&settings.target_market);
        Engine { settings, fit }
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// None for non-person invitations: they are never planned.
    pub fn triage(&self, inv: &Invitation) -> Option<Triage> {
        if inv.kind != InvitationKind::Person {
            return None;
        }
        let note = classify_note(inv.note.as_deref());
        let fit = self.fit.assess(inv.headline.as_deref(), inv.company.as_deref());
        let plan = decide(inv, &note, &fit);
        let lang = note.language.unwrap_or(self.settings.language);
        let reply = default_reply(plan.plan, &inv.first_name, lang);
        let mut reasons = note.reasons.clone();
        reasons.extend(fit.reasons.iter().cloned());
        reasons.extend(plan.reasons.iter().cloned());
        Some(Triage {
            invitation: inv.clone(),
            note_kind: note.kind,
            note_language: note.language,
            fit: fit.fit,
            matched_terms: fit.matched,
            excluded_terms: fit.excluded,
            plan: plan.plan,
            reply_paths: plan.paths,
            reasons,
            reply,
        })
    }
}
