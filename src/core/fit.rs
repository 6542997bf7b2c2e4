//! Target-market fit: the user's include/exclude terms against the inviter's headline and
//! company → direct | unclear | none, with the matched terms. (Skeleton.)

use crate::core::settings::TargetMarket;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    Direct,
    Unclear,
    None,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FitVerdict {
    pub fit: Fit,
    /// Include terms found, as the user wrote them.
    pub matched: Vec<String>,
    /// Exclude terms found, as the user wrote them.
    pub excluded: Vec<String>,
    pub reasons: Vec<String>,
}

/// A target market with its terms folded once, ready to match many invitations.
#[derive(Debug, Clone)]
pub struct FitMatcher {
    _market: TargetMarket,
}

impl FitMatcher {
    pub fn new(market: &TargetMarket) -> FitMatcher {
        FitMatcher { _market: market.clone() }
    }

    pub fn assess(&self, _headline: Option<&str>, _company: Option<&str>) -> FitVerdict {
        FitVerdict { fit: Fit::Unclear, matched: vec![], excluded: vec![], reasons: vec![] }
    }
}
