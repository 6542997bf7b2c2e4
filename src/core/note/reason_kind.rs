//! The kind of reason a reasoned note gives (met before, referral, the reader's content,
//! a question, a job, a sales pitch, a partnership, a shared past), shown to the user next
//! to the plan: "Accept · Sales pitch: …". Names only; deciding it is `classify`'s job.

use crate::core::said::Said;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReasonKind {
    /// They met before: an event, a meeting, a call, a conference, a dinner.
    Met,
    /// Someone sent them, mentioned the reader, said to get in touch.
    Referral,
    /// The reader's own post, article, talk, podcast, video, book, repository, product.
    Content,
    /// A specific question to the reader.
    Question,
    /// Hiring, a job post, applying, recruiting, looking for work.
    Job,
    /// Selling something: an offer, a promised result, a call to action.
    Pitch,
    /// Working together: an integration, co-marketing, investment.
    Partnership,
    /// The same school, class, former employer, club, accelerator batch, neighbourhood.
    SharedPast,
}

impl ReasonKind {
    pub const ALL: [ReasonKind; 8] = [
        ReasonKind::Met,
        ReasonKind::Referral,
        ReasonKind::Content,
        ReasonKind::Question,
        ReasonKind::Job,
        ReasonKind::Pitch,
        ReasonKind::Partnership,
        ReasonKind::SharedPast,
    ];

    /// As spelled in the tables, the CLI's JSON and the protocol.
    pub fn as_str(self) -> &'static str {
        match self {
            ReasonKind::Met => "met",
            ReasonKind::Referral => "referral",
            ReasonKind::Content => "content",
            ReasonKind::Question => "question",
            ReasonKind::Job => "job",
            ReasonKind::Pitch => "pitch",
            ReasonKind::Partnership => "partnership",
            ReasonKind::SharedPast => "shared-past",
        }
    }

    pub fn parse(s: &str) -> Option<ReasonKind> {
        ReasonKind::ALL.into_iter().find(|k| k.as_str() == s)
    }

    /// What the badge and the prompt call it, before the words that show it (worded by
    /// the message catalogue: "Sales pitch").
    pub fn label(self) -> Said {
        Said::of(match self {
            ReasonKind::Met => "kindMet",
            ReasonKind::Referral => "kindReferral",
            ReasonKind::Content => "kindContent",
            ReasonKind::Question => "kindQuestion",
            ReasonKind::Job => "kindJob",
            ReasonKind::Pitch => "kindPitch",
            ReasonKind::Partnership => "kindPartnership",
            ReasonKind::SharedPast => "kindSharedPast",
        })
    }

    /// Index in `ALL` (the model's class order).
    pub fn index(self) -> usize {
        self as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip() {
        for (i, k) in ReasonKind::ALL.into_iter().enumerate() {
            assert_eq!(ReasonKind::parse(k.as_str()), Some(k));
            assert_eq!(k.index(), i);
            assert_eq!(
                serde_json::to_string(&k).unwrap(),
                format!("\"{}\"", k.as_str())
            );
        }
    }
}
