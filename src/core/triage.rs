//! One invitation → everything AskFirst says about it: note kind, fit, plan, reasons,
//! reply. `Engine` holds the settings compiled once (folded terms, parsed templates).
//! Pure: must not import wasm-bindgen, web-sys or js-sys.

use crate::core::fit::{Fit, FitMatcher};
use crate::core::invitation::{Invitation, InvitationKind};
use crate::core::lang::Lang;
use crate::core::linkedin::read_page;
use crate::core::note::{classify_note, NoteKind, ReasonKind};
use crate::core::plan::{decide, Moment, PlanKind, ReplyPath};
use crate::core::reply::{limit_for, parsed_defaults, pick, stable_hash, Template, Values};
use crate::core::said::Said;
use crate::core::settings::{Settings, SettingsError};
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Triage {
    #[serde(flatten)]
    pub invitation: Invitation,
    pub note_kind: NoteKind,
    pub note_language: Option<Lang>,
    /// For a reasoned note, the kind of reason it gives ("pitch", "met" …); null otherwise.
    pub reason_kind: Option<ReasonKind>,
    pub fit: Fit,
    pub matched_terms: Vec<String>,
    pub excluded_terms: Vec<String>,
    pub plan: PlanKind,
    pub reply_paths: Vec<ReplyPath>,
    /// The plan's main reason in one line, for a badge or a table.
    pub summary: Said,
    /// Every reason, for the user: note, fit, plan, in that order.
    pub reasons: Vec<Said>,
    /// The reply for the first path that sends one (`Plan::primary_moment`).
    pub reply: Option<String>,
    /// The reply for every moment this card's paths send one at, primary first: the words
    /// depend on whether the invitation is still pending (`Moment`).
    pub replies: Vec<MomentReply>,
    pub reply_language: Lang,
    /// Problems the user should see before sending, e.g. a reply over LinkedIn's limit.
    pub warnings: Vec<Said>,
}

/// One reply and when it is sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct MomentReply {
    pub moment: Moment,
    pub text: String,
}

/// Settings compiled for many invitations: fit terms folded and templates parsed once.
#[derive(Debug, Clone)]
pub struct Engine {
    settings: Settings,
    fit: FitMatcher,
    /// Reply variants per plan (index in `PlanKind::ALL`), moment (in `Moment::ALL`) and
    /// language (in `Lang::ALL`): the user's when they gave some, else the defaults.
    templates: Vec<Vec<Vec<Vec<Template>>>>,
    /// Whether the offer may go into replies (see `Engine::new`).
    offer_usable: bool,
}

impl Default for Engine {
    fn default() -> Engine {
        Engine::new(Settings::default())
    }
}

impl Engine {
    /// Compiles settings, never failing: settings from `Settings::from_json` are valid,
    /// and for settings built in code anything invalid is left out rather than used — a
    /// template that does not parse (that plan and language keep the defaults), an offer
    /// without an http(s) URL and a name (the follow-up leaves its offer line out), a term
    /// without letters. Use `try_new` to be told instead.
    pub fn new(settings: Settings) -> Engine {
        let fit = FitMatcher::new(&settings.target_market);
        let templates = PlanKind::ALL
            .iter()
            .map(|&plan| {
                Moment::ALL
                    .iter()
                    .map(|&moment| {
                        Lang::ALL
                            .iter()
                            .map(|&lang| {
                                // Languages without default replies (`Lang::REPLY`) have
                                // none unless the user wrote some: their notes get the
                                // user's language.
                                let own: Vec<Template> = settings
                                    .templates
                                    .get(plan, moment)
                                    .get(&lang)
                                    .map(|v| {
                                        v.iter().filter_map(|s| Template::parse(s).ok()).collect()
                                    })
                                    .unwrap_or_default();
                                if own.is_empty() {
                                    parsed_defaults(plan, moment, lang)
                                } else {
                                    own
                                }
                            })
                            .collect()
                    })
                    .collect()
            })
            .collect();
        let offer_usable = settings.offer_is_usable();
        Engine {
            settings,
            fit,
            templates,
            offer_usable,
        }
    }

    /// Validates the settings first: the error names the field that is wrong.
    pub fn try_new(settings: Settings) -> Result<Engine, SettingsError> {
        settings.validate()?;
        Ok(Engine::new(settings))
    }

    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    fn variants(&self, plan: PlanKind, moment: Moment, lang: Lang) -> &[Template] {
        let p = PlanKind::ALL.iter().position(|&x| x == plan).unwrap_or(0);
        let m = Moment::ALL.iter().position(|&x| x == moment).unwrap_or(0);
        let l = Lang::ALL.iter().position(|&x| x == lang).unwrap_or(0);
        &self.templates[p][m][l]
    }

    /// None for non-person invitations: they are never planned.
    pub fn triage(&self, inv: &Invitation) -> Option<Triage> {
        if inv.kind != InvitationKind::Person {
            return None;
        }
        let note = classify_note(inv.note.as_deref());
        let fit = self
            .fit
            .assess(inv.headline.as_deref(), inv.company.as_deref());
        let plan = decide(inv, &note, &fit);

        // The note's language when we have words for it, else the user's.
        let primary = plan.primary_moment();
        let reply_language = note
            .language
            .filter(|&l| !self.variants(plan.plan, primary, l).is_empty())
            .unwrap_or(self.settings.language);
        let values = Values {
            first_name: &inv.first_name,
            name: &inv.name,
            headline: inv.headline.as_deref().unwrap_or(""),
            company: inv.company.as_deref().unwrap_or(""),
            mutual_count: inv.mutual_connections,
            my_name: &self.settings.my_name,
            offer_name: if self.offer_usable {
                &self.settings.offer.name
            } else {
                ""
            },
            offer_url: if self.offer_usable {
                &self.settings.offer.url
            } else {
                ""
            },
        };
        let hash = key_hash(inv);
        let replies: Vec<MomentReply> = plan
            .moments()
            .into_iter()
            .filter_map(|moment| {
                pick(
                    self.variants(plan.plan, moment, reply_language),
                    &values,
                    hash,
                )
                .map(|t| MomentReply {
                    moment,
                    text: t.render(&values),
                })
            })
            .collect();
        let reply = replies.first().map(|r| r.text.clone());

        let mut warnings = Vec::new();
        for r in &replies {
            // Every path of one moment ends in a message composer: one limit each.
            let Some(path) = plan.paths.iter().find(|p| p.moment() == Some(r.moment)) else {
                continue;
            };
            let limit = limit_for(*path);
            if let Some(len) = too_long(&r.text, limit) {
                warnings.push(Said::with(
                    "promptReplyTooLong",
                    vec![len.to_string().into(), limit.to_string().into()],
                ));
                break;
            }
        }

        let mut reasons = note.reasons;
        reasons.reserve(fit.reasons.len() + plan.reasons.len());
        reasons.extend(fit.reasons);
        let summary = plan
            .reasons
            .first()
            .cloned()
            .unwrap_or_else(|| Said::of("planWhyAskFirst"));
        reasons.extend(plan.reasons);
        Some(Triage {
            invitation: inv.clone(),
            note_kind: note.kind,
            note_language: note.language,
            reason_kind: note.reason_kind,
            fit: fit.fit,
            matched_terms: fit.matched,
            excluded_terms: fit.excluded,
            plan: plan.plan,
            reply_paths: plan.paths,
            summary,
            reasons,
            reply,
            replies,
            reply_language,
            warnings,
        })
    }

    /// Reads a saved page (or one card's HTML) and triages its person invitations, in
    /// page order. The diagnostics say what the reader looked for and did not find.
    pub fn triage_page(&self, html: &str) -> (Vec<Triage>, Vec<String>) {
        let read = read_page(html);
        let triaged = read
            .invitations
            .iter()
            .filter_map(|inv| self.triage(inv))
            .collect();
        (triaged, read.diagnostics)
    }
}

/// The stable hash of `Invitation::key()`, computed without building the key string.
fn key_hash(inv: &Invitation) -> u64 {
    match (&inv.profile_url, &inv.invitation_urn) {
        (Some(url), _) => stable_hash(url),
        (None, Some(urn)) => stable_hash(urn),
        (None, None) => stable_hash(&inv.name),
    }
}

/// A reply's length when it is over `limit`, in characters as LinkedIn counts them
/// (Unicode scalar values); None when it fits. The one length rule: the engine's warning
/// and the prompt's check of the user's edits (`reply-length`) both use it.
pub fn too_long(text: &str, limit: usize) -> Option<usize> {
    let len = text.chars().count();
    (len > limit).then_some(len)
}
