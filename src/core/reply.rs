//! Reply templates per plan and language, with {placeholders}. (Skeleton.)

use crate::core::lang::Lang;
use crate::core::plan::PlanKind;

/// Renders the default reply for a plan; the engine issue replaces this with templates.
pub fn default_reply(plan: PlanKind, first_name: &str, _lang: Lang) -> Option<String> {
    match plan {
        PlanKind::AskFirst => Some(format!("Hi {first_name}, thanks for the invitation! What prompted you to connect?")),
        PlanKind::AcceptFollowUp => Some(format!("Hi {first_name}, thanks for connecting! What brought you to my profile?")),
        PlanKind::Accept => None,
    }
}
