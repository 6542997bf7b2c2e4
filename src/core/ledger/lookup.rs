//! Whose record a messaging conversation is about (answered detection). Pure: must not
//! import wasm-bindgen, web-sys or js-sys.
//!
//! The rule (issue #13, finding 4: an impostor with the real person's name, answering in
//! their own thread, marked the real person "answered" and their reminder vanished): a
//! profile link decides. When the conversation links a profile, only a record that links
//! the same profile is it; a record that links another profile is never it, whatever the
//! name. A name is used only when no link can decide: the conversation links nobody, or
//! the record links nobody (a card without a profile link, kept under its invitation urn
//! or its name) — and then only if exactly one record has that name.

use super::{normalise_key, Ledger, Record};
use crate::core::linkedin::messaging::Participant;
use crate::core::text::fold;

/// The canonical profile links a record is known by: its key when that is a profile
/// link, and the profile link of its snapshot.
fn links_of<'a>(key: &'a str, r: &'a Record) -> impl Iterator<Item = String> + 'a {
    let own = key.starts_with("https://").then(|| key.to_string());
    let snap = r
        .snapshot
        .profile_url
        .as_deref()
        .and_then(|u| normalise_key(u).ok())
        .filter(|k| k.starts_with("https://"));
    own.into_iter().chain(snap)
}

/// Whether a canonical profile link names a member id (`/in/ACoAA…`, opaque, what
/// LinkedIn's messaging links) rather than a vanity name (what invitation cards link).
fn is_member_id(link: &str) -> bool {
    link.split("/in/")
        .nth(1)
        .is_some_and(|slug| slug.to_ascii_lowercase().starts_with("acoa"))
}

impl Ledger {
    /// The key of the record the conversation with `p` is about, if one can be told.
    pub fn record_for_participant(&self, p: &Participant) -> Option<String> {
        let link = p
            .profile_url
            .as_deref()
            .and_then(|u| normalise_key(u).ok())
            .filter(|k| k.starts_with("https://"));
        if let Some(link) = &link {
            let mut same = self
                .records
                .iter()
                .filter(|(k, r)| links_of(k, r).any(|l| &l == link));
            if let (Some((key, _)), None) = (same.next(), same.next()) {
                return Some(key.clone());
            }
        }
        let name = fold(p.name.as_deref()?);
        if name.is_empty() {
            return None;
        }
        let mut named = self
            .records
            .iter()
            .filter(|(_, r)| fold(&r.snapshot.name) == name)
            // A link that disagrees is never overridden by the name. (With a link on both
            // sides that agreed, the record was found above.)
            // A link that could not be read still names someone: no name overrides it.
            .filter(|(k, r)| match (&p.profile_url, &link) {
                (None, _) => true,
                // A link that could not be read still names someone: no name overrides it.
                (Some(_), None) => links_of(k, r).next().is_none(),
                // Only a link of the same form can disagree: LinkedIn's messaging links a
                // member id (`/in/ACoAA…`, tests/fixtures/linkedin/messaging-*.html) where
                // invitation cards link the vanity name, and the two cannot be compared.
                (Some(_), Some(link)) => {
                    links_of(k, r).all(|l| is_member_id(&l) != is_member_id(link))
                }
            });
        match (named.next(), named.next()) {
            (Some((key, _)), None) => Some(key.clone()),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::ledger::{Action, Snapshot};

    const ANA: &str = "https://www.linkedin.com/in/ana-lima/";

    fn snap(name: &str, profile_url: Option<&str>) -> Option<Snapshot> {
        Some(Snapshot {
            name: name.into(),
            profile_url: profile_url.map(str::to_string),
            ..Snapshot::default()
        })
    }

    fn thread(name: Option<&str>, link: Option<&str>) -> Participant {
        Participant {
            name: name.map(str::to_string),
            profile_url: link.map(str::to_string),
        }
    }

    #[test]
    fn a_link_decides_and_a_name_never_overrides_a_link_that_disagrees() {
        let mut l = Ledger::new();
        l.record(ANA, Action::ReplyCopied, 1, snap("Ana Lima", Some(ANA)))
            .unwrap();
        // Bruno is kept under his invitation, his card linked his profile.
        let bruno_urn = "urn:li:invitation:7310000000000000001";
        let bruno_link = "https://www.linkedin.com/in/bruno-keller/";
        l.record(
            bruno_urn,
            Action::ReplyCopied,
            1,
            snap("Bruno Keller", Some(bruno_link)),
        )
        .unwrap();
        // Chloé's card had no profile link: her record links nobody.
        l.record(
            "name:Chloé Martin",
            Action::ReplyCopied,
            1,
            snap("Chloé Martin", None),
        )
        .unwrap();
        let found =
            |name: Option<&str>, link: Option<&str>| l.record_for_participant(&thread(name, link));
        for (name, link, want) in [
            // The link agrees (any spelling of it): that record, whatever the name says.
            (
                Some("Ana Lima"),
                Some("https://www.linkedin.com/in/Ana-Lima/?trk=x"),
                Some(ANA),
            ),
            (
                Some("A. Lima"),
                Some("https://fr.linkedin.com/in/ana-lima"),
                Some(ANA),
            ),
            (
                Some("Bruno Keller"),
                Some("https://www.linkedin.com/in/bruno-keller"),
                Some(bruno_urn),
            ),
            // Issue #13: a namesake's own thread links their own profile: not Ana.
            (
                Some("Ana Lima"),
                Some("https://www.linkedin.com/in/ana-lima-7f3a/"),
                None,
            ),
            // A member id (what messaging links) cannot be compared with a vanity link:
            // the name decides, as when the thread links nobody.
            (
                Some("Ana Lima"),
                Some("https://www.linkedin.com/in/ACoAAB123456789abcdefghijkl"),
                Some(ANA),
            ),
            (Some("Ana Lima"), Some("/in/ana-lima-7f3a/"), None),
            (
                Some("Bruno Keller"),
                Some("https://www.linkedin.com/in/bruno-k/"),
                None,
            ),
            // No link on the thread: the name, when one record has it.
            (Some("ana  lima"), None, Some(ANA)),
            // Chloé's record links nobody: her name is all there is to go by.
            (
                Some("Chloé Martin"),
                Some("/in/ACoAAB999"),
                Some("name:Chloé Martin"),
            ),
            (Some("Chloe Martin"), None, Some("name:Chloé Martin")),
            (
                Some("Dana Cruz"),
                Some("https://www.linkedin.com/in/dana-cruz/"),
                None,
            ),
            (None, None, None),
            (Some("  "), None, None),
        ] {
            assert_eq!(found(name, link).as_deref(), want, "{name:?} {link:?}");
        }
    }

    #[test]
    fn a_member_id_disagrees_only_with_another_member_id() {
        let mut l = Ledger::new();
        let dana = "https://www.linkedin.com/in/ACoAAB111/";
        l.record(dana, Action::ReplyCopied, 1, snap("Dana Cruz", Some(dana)))
            .unwrap();
        let found = |link: &str| l.record_for_participant(&thread(Some("Dana Cruz"), Some(link)));
        let key = normalise_key(dana).unwrap();
        assert_eq!(
            found("https://www.linkedin.com/in/ACoAAB111").as_deref(),
            Some(key.as_str())
        );
        assert_eq!(
            found("https://www.linkedin.com/in/ACoAAB222/"),
            None,
            "another member id is someone else"
        );
        assert_eq!(
            found("https://www.linkedin.com/in/dana-cruz/").as_deref(),
            Some(key.as_str()),
            "a vanity link cannot be compared"
        );
    }

    #[test]
    fn two_records_with_the_name_and_no_link_to_decide_are_nobody() {
        let mut l = Ledger::new();
        l.record("name:Ana Lima", Action::Seen, 1, snap("Ana Lima", None))
            .unwrap();
        l.record(
            "urn:li:invitation:9",
            Action::Seen,
            1,
            snap("Ana Lima", None),
        )
        .unwrap();
        assert_eq!(
            l.record_for_participant(&thread(Some("Ana Lima"), None)),
            None
        );
    }
}
