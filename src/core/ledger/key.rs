//! Ledger keys: one stable key per person, whatever link or tab the event came from.
//! Pure string work; must not import wasm-bindgen, web-sys or js-sys.
//!
//! A key is, in order of preference (see `Invitation::key`):
//! - the profile URL, normalised to `https://www.linkedin.com/in/<slug>/` (LinkedIn's
//!   vanity slugs are case-insensitive and links carry tracking queries, locale
//!   sub-domains and missing trailing slashes: all of those are one person);
//! - the invitation urn `urn:li:invitation:<id>`;
//! - `name:<Name>`, a weak key for cards that show neither.

use crate::core::text::squash_whitespace;

/// Longest key accepted (a profile URL with a long percent-encoded slug fits easily).
pub const MAX_KEY_LEN: usize = 400;

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum KeyError {
    #[error("the ledger key is empty")]
    Empty,
    #[error("the ledger key is longer than {MAX_KEY_LEN} characters")]
    TooLong,
    #[error("'{0}' is neither a LinkedIn profile URL, an invitation urn nor a name: key")]
    Unrecognised(String),
}

/// The canonical form of a key, or why it is not one. The canonical form is its own
/// canonical form: every stored key is checked again when the ledger is loaded, and one
/// that is not would make the whole ledger unreadable (it would be set aside as a backup).
pub fn normalise_key(raw: &str) -> Result<String, KeyError> {
    let key = canonical(raw)?;
    match canonical(&key) {
        Ok(again) if again == key => Ok(key),
        Ok(_) => Err(KeyError::Unrecognised(short(raw.trim()))),
        Err(e) => Err(e),
    }
}

fn canonical(raw: &str) -> Result<String, KeyError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Err(KeyError::Empty);
    }
    if raw.chars().count() > MAX_KEY_LEN {
        return Err(KeyError::TooLong);
    }
    if let Some(name) = raw.strip_prefix("name:") {
        let name = squash_whitespace(name);
        return if name.is_empty() {
            Err(KeyError::Empty)
        } else {
            Ok(format!("name:{name}"))
        };
    }
    if let Some(id) = raw.strip_prefix("urn:li:invitation:") {
        if !id.is_empty()
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        {
            return Ok(format!("urn:li:invitation:{id}"));
        }
        return Err(KeyError::Unrecognised(short(raw)));
    }
    let key = profile_key(raw).ok_or_else(|| KeyError::Unrecognised(short(raw)))?;
    // The canonical URL may be longer than the link it came from (scheme, host, slash).
    if key.chars().count() > MAX_KEY_LEN {
        return Err(KeyError::TooLong);
    }
    Ok(key)
}

/// `https://fr.linkedin.com/in/Ana-Lima/?trk=x#top` → `https://www.linkedin.com/in/ana-lima/`.
fn profile_key(raw: &str) -> Option<String> {
    let rest = raw
        .strip_prefix("https://")
        .or_else(|| raw.strip_prefix("http://"))
        .or_else(|| raw.strip_prefix("//"))?;
    let (host, path) = rest.split_once('/')?;
    let host = host.to_ascii_lowercase();
    // A host name and nothing else: `evil.example?.linkedin.com/in/x` ends in
    // `.linkedin.com` but a browser goes to evil.example (so do `#`, `\\`, `@`, `:`).
    let host_chars = |c: char| c.is_ascii_alphanumeric() || c == '.' || c == '-';
    if !host.chars().all(host_chars) || (host != "linkedin.com" && !host.ends_with(".linkedin.com"))
    {
        return None;
    }
    let path = path.split(['?', '#']).next().unwrap_or("");
    let slug = path.strip_prefix("in/")?.split('/').next().unwrap_or("");
    // Slugs are case-insensitive. One character to one: `İ` lowercases to `i` and a
    // combining dot, which is not a slug character (the key would not survive its own
    // check); Turkish lowercases it to `i`, as does this.
    let slug: String = slug
        .chars()
        .map(|c| c.to_lowercase().next().unwrap_or(c))
        .collect();
    let valid = !slug.is_empty()
        && slug
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '%' | '.'));
    valid.then(|| format!("https://www.linkedin.com/in/{slug}/"))
}

fn short(raw: &str) -> String {
    raw.chars().take(80).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_person_one_key() {
        for raw in [
            "https://www.linkedin.com/in/ana-lima/",
            "https://www.linkedin.com/in/Ana-Lima",
            "http://linkedin.com/in/ana-lima/?miniProfileUrn=urn%3Ali%3Afs&trk=x",
            "https://fr.linkedin.com/in/ana-lima/#experience",
            "https://www.linkedin.com/in/ana-lima/overlay/contact-info/",
            "  https://www.linkedin.com/in/ana-lima/  ",
        ] {
            assert_eq!(
                normalise_key(raw).unwrap(),
                "https://www.linkedin.com/in/ana-lima/",
                "{raw}"
            );
        }
    }

    #[test]
    fn urns_and_names() {
        assert_eq!(
            normalise_key("urn:li:invitation:7123").unwrap(),
            "urn:li:invitation:7123"
        );
        assert_eq!(
            normalise_key("name:  Ana \n Lima ").unwrap(),
            "name:Ana Lima"
        );
    }

    #[test]
    fn rejects_what_is_not_a_person() {
        for raw in [
            "",
            "name:   ",
            "https://evil.example/in/ana/",
            "https://www.linkedin.com.evil.example/in/ana/",
            // Hosts a browser reads as evil.example, though the text ends in .linkedin.com.
            "https://evil.example?.linkedin.com/in/ana",
            "https://evil.example#.linkedin.com/in/ana",
            "https://evil.example\\.linkedin.com/in/ana",
            "https://evil.example:443.linkedin.com/in/ana",
            "https://www.linkedin.com/company/acme/",
            "https://www.linkedin.com/in/",
            "javascript:alert(1)",
            "urn:li:invitation:",
            "urn:li:invitation:1<script>",
        ] {
            assert!(normalise_key(raw).is_err(), "{raw:?} accepted");
        }
        assert_eq!(normalise_key(&"x".repeat(500)), Err(KeyError::TooLong));
    }

    #[test]
    fn every_key_is_its_own_canonical_form() {
        // Found in review: `İ` lowercased to `i` + U+0307, accepted once and refused at the
        // next load; a 400-character link grew to a 401-character key. Either made the
        // whole ledger unreadable at the worker's next start.
        let turkish = normalise_key("https://www.linkedin.com/in/İlker-Yılmaz").unwrap();
        assert_eq!(turkish, "https://www.linkedin.com/in/ilker-yılmaz/");
        assert_eq!(normalise_key(&turkish), Ok(turkish.clone()));
        let long = format!("https://www.linkedin.com/in/{}", "a".repeat(372));
        assert_eq!(long.chars().count(), MAX_KEY_LEN);
        assert_eq!(normalise_key(&long), Err(KeyError::TooLong));
        for raw in [
            "https://www.linkedin.com/in/zoé-martin/",
            "https://www.linkedin.com/in/ZOÉ-MARTIN",
            "https://www.linkedin.com/in/%C3%A9ric/",
            "https://www.linkedin.com/in/ΣΩΚΡΆΤΗΣ/",
            "https://www.linkedin.com/in/ǅemal/",
            "https://www.linkedin.com/in/straße/",
            "name:  İlker ",
            "urn:li:invitation:7123",
        ] {
            let key = normalise_key(raw).unwrap();
            assert_eq!(normalise_key(&key), Ok(key.clone()), "{raw}");
        }
    }
}
