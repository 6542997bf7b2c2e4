//! The article's decision for one person invitation (the table in docs/architecture.md,
//! "The decision"), and the honest list of reply paths this card really offers. Pure: must
//! not import wasm-bindgen, web-sys or js-sys; reads only the Invitation's controls, never
//! markup.

use crate::core::fit::{Fit, FitVerdict};
use crate::core::invitation::Invitation;
use crate::core::note::NoteVerdict;
use crate::core::said::Said;
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
    pub const ALL: [PlanKind; 3] = [
        PlanKind::AskFirst,
        PlanKind::AcceptFollowUp,
        PlanKind::Accept,
    ];

    /// The plan in a word or two, as the catalogue words it ("Ask first").
    pub fn label(self) -> Said {
        Said::of(match self {
            PlanKind::AskFirst => "planAskFirst",
            PlanKind::AcceptFollowUp => "planAcceptFollowUp",
            PlanKind::Accept => "planAccept",
        })
    }

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

/// When a reply is sent: while the invitation is still pending (a reply to it, a message
/// from the profile) or once the user has accepted (in the new conversation). A reply's
/// words depend on it: "Before I accept, …" must never reach someone already accepted,
/// nor "thanks for connecting" someone still waiting (issue 14 §1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Moment {
    BeforeAccepting,
    AfterAccepting,
}

impl Moment {
    pub const ALL: [Moment; 2] = [Moment::BeforeAccepting, Moment::AfterAccepting];

    /// When it is sent, as the catalogue words it ("Before you accept").
    pub fn label(self) -> Said {
        Said::of(match self {
            Moment::BeforeAccepting => "momentBefore",
            Moment::AfterAccepting => "momentAfter",
        })
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Moment::BeforeAccepting => "before-accepting",
            Moment::AfterAccepting => "after-accepting",
        }
    }

    pub fn from_code(code: &str) -> Option<Moment> {
        Moment::ALL.into_iter().find(|m| m.as_str() == code)
    }
}

impl ReplyPath {
    /// When a reply sent on this path arrives; `None` for a path that sends nothing.
    pub fn moment(self) -> Option<Moment> {
        match self {
            ReplyPath::ReplyToInvitation | ReplyPath::MessageViaProfile => {
                Some(Moment::BeforeAccepting)
            }
            ReplyPath::AcceptAndAsk | ReplyPath::AcceptAndFollowUp => Some(Moment::AfterAccepting),
            ReplyPath::LeavePending => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Plan {
    pub plan: PlanKind,
    pub paths: Vec<ReplyPath>,
    /// Why this plan, then how to carry it out on this card. The first is the summary.
    pub reasons: Vec<Said>,
}

impl Plan {
    /// The moment of the first path that sends something: the reply the user sees first.
    /// With no such path (a reasoned note and no Reply control) the only way left to write
    /// is after accepting.
    pub fn primary_moment(&self) -> Moment {
        self.paths
            .iter()
            .find_map(|p| p.moment())
            .unwrap_or(Moment::AfterAccepting)
    }

    /// Every moment this card's paths send a reply at, primary first, each once.
    pub fn moments(&self) -> Vec<Moment> {
        let mut out = vec![self.primary_moment()];
        for m in self.paths.iter().filter_map(|p| p.moment()) {
            if !out.contains(&m) {
                out.push(m);
            }
        }
        out
    }
}

/// The decision. A note that gives a reason wins over fit (the article: only default
/// invites are in question); a default invite from a direct fit is accepted and followed
/// up; any other default invite is asked about first — an excluded inviter included,
/// since the user still decides.
pub fn decide(inv: &Invitation, note: &NoteVerdict, fit: &FitVerdict) -> Plan {
    let reply = inv.controls.reply.is_some();
    let message = inv.controls.message.is_some();
    let mut paths = Vec::with_capacity(4);
    let mut reasons = Vec::with_capacity(2);
    let plan = if !note.kind.is_default() {
        reasons.push(Said::of("planWhyReasoned"));
        if reply {
            paths.push(ReplyPath::ReplyToInvitation);
        }
        PlanKind::Accept
    } else if fit.fit == Fit::Direct {
        reasons.push(Said::of("planWhyDirectFit"));
        if reply {
            paths.push(ReplyPath::ReplyToInvitation);
        }
        paths.push(ReplyPath::AcceptAndFollowUp);
        PlanKind::AcceptFollowUp
    } else {
        reasons.push(Said::of("planWhyAskFirst"));
        if reply {
            paths.push(ReplyPath::ReplyToInvitation);
            reasons.push(Said::of("planHowReply"));
        }
        if message {
            paths.push(ReplyPath::MessageViaProfile);
            if !reply {
                reasons.push(Said::of("planHowMessage"));
            }
        }
        if !reply && !message {
            reasons.push(Said::of("planHowNoWay"));
        }
        paths.push(ReplyPath::AcceptAndAsk);
        paths.push(ReplyPath::LeavePending);
        PlanKind::AskFirst
    };
    Plan {
        plan,
        paths,
        reasons,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::invitation::{Controls, InvitationKind, Locator, UiGeneration};
    use crate::core::note::NoteKind;

    fn inv(reply: bool, message: bool) -> Invitation {
        let loc = || {
            Some(Locator {
                selector: "button".into(),
                index: 0,
                count: 1,
            })
        };
        Invitation {
            kind: InvitationKind::Person,
            ui: UiGeneration::Current,
            name: "Ana Souza".into(),
            first_name: "Ana".into(),
            profile_url: None,
            invitation_urn: None,
            headline: None,
            company: None,
            note: None,
            mutual_connections: 0,
            follows_you: false,
            controls: Controls {
                accept: loc(),
                ignore: loc(),
                reply: if reply { loc() } else { None },
                message: if message { loc() } else { None },
            },
        }
    }

    fn note(kind: NoteKind) -> NoteVerdict {
        NoteVerdict {
            kind,
            language: None,
            reason_kind: None,
            reasons: vec![],
        }
    }

    fn fit(fit: Fit) -> FitVerdict {
        FitVerdict {
            fit,
            matched: vec![],
            excluded: vec![],
            reasons: vec![],
        }
    }

    #[test]
    fn decision_table() {
        use NoteKind as N;
        use PlanKind as P;
        let rows = [
            (N::None, Fit::Unclear, P::AskFirst),
            (N::None, Fit::None, P::AskFirst),
            (N::None, Fit::Direct, P::AcceptFollowUp),
            (N::Stock, Fit::Unclear, P::AskFirst),
            (N::Stock, Fit::Direct, P::AcceptFollowUp),
            (N::Generic, Fit::None, P::AskFirst),
            (N::Generic, Fit::Direct, P::AcceptFollowUp),
            (N::Reasoned, Fit::Direct, P::Accept),
            (N::Reasoned, Fit::None, P::Accept),
            (N::Reasoned, Fit::Unclear, P::Accept),
        ];
        for (n, f, want) in rows {
            let p = decide(&inv(false, false), &note(n), &fit(f));
            assert_eq!(p.plan, want, "{n:?} {f:?}");
            assert!(!p.reasons.is_empty());
        }
    }

    #[test]
    fn ask_first_paths_are_what_the_card_offers() {
        use ReplyPath::*;
        let ask = |reply, message| {
            decide(
                &inv(reply, message),
                &note(NoteKind::Stock),
                &fit(Fit::Unclear),
            )
        };
        assert_eq!(
            ask(true, true).paths,
            [
                ReplyToInvitation,
                MessageViaProfile,
                AcceptAndAsk,
                LeavePending
            ]
        );
        assert_eq!(
            ask(true, false).paths,
            [ReplyToInvitation, AcceptAndAsk, LeavePending]
        );
        assert_eq!(
            ask(false, true).paths,
            [MessageViaProfile, AcceptAndAsk, LeavePending]
        );
        let none = ask(false, false);
        assert_eq!(none.paths, [AcceptAndAsk, LeavePending]);
        assert!(none.reasons.iter().any(|r| r.code == "planHowNoWay"));
        assert!(!ask(true, false)
            .reasons
            .iter()
            .any(|r| r.code == "planHowNoWay"));
    }

    #[test]
    fn follow_up_and_accept_paths() {
        use ReplyPath::*;
        let d = |reply, kind, f| decide(&inv(reply, false), &note(kind), &fit(f)).paths;
        assert_eq!(d(false, NoteKind::None, Fit::Direct), [AcceptAndFollowUp]);
        assert_eq!(
            d(true, NoteKind::Generic, Fit::Direct),
            [ReplyToInvitation, AcceptAndFollowUp]
        );
        assert_eq!(
            d(true, NoteKind::Reasoned, Fit::Unclear),
            [ReplyToInvitation]
        );
        assert!(d(false, NoteKind::Reasoned, Fit::Unclear).is_empty());
    }
}
