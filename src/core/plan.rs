//! The article's decision: what to do with one person invitation, and which reply paths
//! this card really offers. (Skeleton.)

use crate::core::fit::{Fit, FitVerdict};
use crate::core::invitation::Invitation;
use crate::core::note::NoteVerdict;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum PlanKind {
    /// Message before accepting: "what prompted you to connect?"
    AskFirst,
    /// Direct fit: accept, then follow up at once with an offer that needs a sign-up.
    AcceptFollowUp,
    /// The note gives a reason: accept (or reply) as the user sees fit.
    Accept,
}

impl PlanKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PlanKind::AskFirst => "ask-first",
            PlanKind::AcceptFollowUp => "accept-follow-up",
            PlanKind::Accept => "accept",
        }
    }
}

/// A way to deliver the reply that exists on this card, in the order to offer them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReplyPath {
    /// LinkedIn's "Reply to <name>" control (only on invitations with a note).
    ReplyToInvitation,
    /// A free Message button (Open Profile / InMail) on the card or profile.
    MessageViaProfile,
    /// Accept, then ask at once in the new conversation.
    AcceptAndAsk,
    /// Accept, then send the follow-up with the offer.
    AcceptAndFollowUp,
    /// Leave the invitation pending and decide later.
    LeavePending,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Plan {
    pub plan: PlanKind,
    pub paths: Vec<ReplyPath>,
    pub reasons: Vec<String>,
}

pub fn decide(_inv: &Invitation, note: &NoteVerdict, fit: &FitVerdict) -> Plan {
    let plan = if !note.kind.is_default() {
        PlanKind::Accept
    } else if fit.fit == Fit::Direct {
        PlanKind::AcceptFollowUp
    } else {
        PlanKind::AskFirst
    };
    Plan { plan, paths: vec![], reasons: vec![] }
}
