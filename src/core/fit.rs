//! Target-market fit: the user's include/exclude terms against the inviter's headline and
//! company → direct | unclear | none, with the terms that matched. Pure: must not import
//! wasm-bindgen, web-sys or js-sys, and knows nothing about pages or notes.

use crate::core::said::Said;
use crate::core::settings::TargetMarket;
use crate::core::text::fold;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Fit {
    Direct,
    Unclear,
    None,
}

impl Fit {
    pub fn as_str(self) -> &'static str {
        match self {
            Fit::Direct => "direct",
            Fit::Unclear => "unclear",
            Fit::None => "none",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FitVerdict {
    pub fit: Fit,
    /// Include terms found, as the user wrote them.
    pub matched: Vec<String>,
    /// Exclude terms found, as the user wrote them.
    pub excluded: Vec<String>,
    pub reasons: Vec<Said>,
}

/// One term: as written (for the user) and folded into words (for matching).
#[derive(Debug, Clone)]
struct Term {
    written: String,
    words: Vec<String>,
    /// The folded term with a plural "s" on its last word, when that is a plausible
    /// plural: "founder" also finds "founders", "CEO" finds "CEOs", "VP Sales" finds
    /// nothing more. English, French, Spanish, Portuguese and Dutch plurals mostly add
    /// -s; other forms (German -en, Italian -i) must be listed by the user.
    plural: Option<Vec<String>>,
}

impl Term {
    fn new(written: &str) -> Option<Term> {
        let folded = fold(written);
        if folded.is_empty() {
            return None;
        }
        let last = folded.rsplit(' ').next().unwrap_or(&folded);
        let plural = (last.chars().count() >= 3
            && !last.ends_with('s')
            && last.chars().all(char::is_alphabetic))
        .then(|| format!("{folded}s"));
        let split = |t: &str| t.split(' ').map(str::to_string).collect::<Vec<_>>();
        Some(Term {
            written: written.trim().to_string(),
            words: split(&folded),
            plural: plural.as_deref().map(split),
        })
    }

    /// Whole-word match against the words of a folded text (what `text::contains_words`, the
    /// tests' reference, does on the joined text, without building a substring searcher for every term of every
    /// invitation: a sixth of triage went there).
    fn found_in(&self, words: &[&str]) -> bool {
        let at = |phrase: &[String]| words.windows(phrase.len()).any(|w| w == phrase);
        at(&self.words) || self.plural.as_deref().is_some_and(at)
    }
}

/// A target market with its terms folded once, ready to match many invitations.
#[derive(Debug, Clone)]
pub struct FitMatcher {
    include: Vec<Term>,
    exclude: Vec<Term>,
}

impl FitMatcher {
    pub fn new(market: &TargetMarket) -> FitMatcher {
        FitMatcher {
            include: market.include.iter().filter_map(|t| Term::new(t)).collect(),
            exclude: market.exclude.iter().filter_map(|t| Term::new(t)).collect(),
        }
    }

    /// Exclude wins ("founder" and "recruiter" → none); an include match → direct;
    /// anything else → unclear, because absence of a term proves nothing.
    pub fn assess(&self, headline: Option<&str>, company: Option<&str>) -> FitVerdict {
        let headline = headline.map(str::trim).filter(|h| !h.is_empty());
        let company = company.map(str::trim).filter(|c| !c.is_empty());
        if self.include.is_empty() && self.exclude.is_empty() {
            return unclear(Said::of("fitNoMarket"));
        }
        if headline.is_none() && company.is_none() {
            return unclear(Said::of("fitNoHeadline"));
        }
        // Headline and company folded into one text, joined by a control character that
        // `fold` removes from every term, so a phrase never spans the two.
        // A company the reader took from the headline ("… at Acme") adds no words.
        let company = company.filter(|c| !headline.is_some_and(|h| h.contains(c)));
        let mut text = String::new();
        for part in [headline, company].into_iter().flatten() {
            if !text.is_empty() {
                text.push_str(" \u{1} ");
            }
            text.push_str(&fold(part));
        }
        let words: Vec<&str> = text.split(' ').collect();
        let found = |terms: &[Term]| -> Vec<String> {
            terms
                .iter()
                .filter(|t| t.found_in(&words))
                .map(|t| t.written.clone())
                .collect()
        };
        let excluded = found(&self.exclude);
        let matched = found(&self.include);
        let mut reasons = Vec::new();
        if !matched.is_empty() {
            reasons.push(Said::with("fitMatches", vec![matched.join(", ").into()]));
        }
        let fit = if !excluded.is_empty() {
            reasons.push(Said::with("fitExcluded", vec![excluded.join(", ").into()]));
            Fit::None
        } else if !matched.is_empty() {
            Fit::Direct
        } else {
            reasons.push(Said::of("fitNoTerm"));
            Fit::Unclear
        };
        FitVerdict {
            fit,
            matched,
            excluded,
            reasons,
        }
    }
}

fn unclear(reason: Said) -> FitVerdict {
    FitVerdict {
        fit: Fit::Unclear,
        matched: vec![],
        excluded: vec![],
        reasons: vec![reason],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn matcher(include: &[&str], exclude: &[&str]) -> FitMatcher {
        FitMatcher::new(&TargetMarket {
            include: include.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        })
    }

    #[test]
    fn table() {
        let m = matcher(
            &[
                "founder",
                "Head of Sales",
                "VP Sales",
                "CEO",
                "Directeur commercial",
            ],
            &["recruiter", "student"],
        );
        let rows: &[(Option<&str>, Option<&str>, Fit)] = &[
            (Some("Founder & CEO at Acme"), Some("Acme"), Fit::Direct),
            (Some("FOUNDER"), None, Fit::Direct),
            (Some("Co-founder, Brightside"), None, Fit::Direct), // "co founder" holds "founder"
            (Some("Founders' coach"), None, Fit::Direct),        // plural
            (Some("CEOs whisperer"), None, Fit::Direct),
            (Some("head of sales, EMEA"), None, Fit::Direct),
            (Some("Head of Sales Operations"), None, Fit::Direct),
            (Some("Directeur Commercial chez Ventoux"), None, Fit::Direct), // accents, case
            (Some("Directeur commercial"), None, Fit::Direct),
            (Some("Salesforce admin"), None, Fit::Unclear),
            (Some("Head of Salesforce practice"), None, Fit::Unclear), // not a whole word
            (Some("Technical Recruiter | ex-founder"), None, Fit::None), // exclude wins
            (Some("Student at MIT"), None, Fit::None),
            (Some("Software engineer"), Some("Recruiter Inc"), Fit::None), // company too
            (Some("Software engineer"), None, Fit::Unclear),
            (None, None, Fit::Unclear),
            (Some("   "), None, Fit::Unclear),
            (None, Some("Founder Institute"), Fit::Direct),
        ];
        for (headline, company, want) in rows {
            assert_eq!(
                m.assess(*headline, *company).fit,
                *want,
                "{headline:?} / {company:?}"
            );
        }
    }

    #[test]
    fn reports_terms_as_written_with_reasons() {
        let m = matcher(&["Head of Sales", "founder"], &["Recruiter"]);
        let v = m.assess(Some("Founder and head of sales"), None);
        assert_eq!(v.matched, ["Head of Sales", "founder"]);
        assert_eq!(
            v.reasons,
            ["Matches your target market: Head of Sales, founder"]
        );
        let v = m.assess(Some("Recruiter & founder"), None);
        assert_eq!(
            (v.fit, v.excluded.as_slice()),
            (Fit::None, ["Recruiter".to_string()].as_slice())
        );
        assert_eq!(
            v.reasons.last().unwrap(),
            "Excluded by your settings: Recruiter"
        );
        assert_eq!(
            m.assess(Some("Chef"), None).reasons,
            ["No target-market term in the headline"]
        );
        assert_eq!(
            m.assess(None, None).reasons,
            ["No headline to compare with your target market"]
        );
        assert!(matcher(&[], &[]).assess(Some("Founder"), None).reasons[0]
            .to_string()
            .starts_with("No target market set"));
    }

    #[test]
    fn phrases_do_not_span_headline_and_company() {
        let m = matcher(&["sales acme"], &[]);
        assert_eq!(
            m.assess(Some("Head of sales"), Some("Acme")).fit,
            Fit::Unclear
        );
    }

    #[test]
    fn plural_only_where_plausible() {
        assert!(Term::new("VP Sales").unwrap().plural.is_none());
        assert!(Term::new("B2B").unwrap().plural.is_none());
        assert!(Term::new("HR").unwrap().plural.is_none());
        assert_eq!(
            Term::new("Founder").unwrap().plural,
            Some(vec!["founders".to_string()])
        );
        assert!(Term::new("!!").is_none());
    }
}
