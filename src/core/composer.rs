//! Whose conversation a message box is: the decision before an armed reply goes into a
//! composer, the most safety-critical one in the page. The content script collects the
//! facts ([`ComposerFacts`]: the conversation's header links and titles, whether the box
//! was open before the reply was armed, how long ago the user clicked that card's Reply
//! or Message) and executes the answer. Pure: must not import wasm-bindgen, web-sys or
//! js-sys.
//!
//! The rule: a profile link decides when there is one (issue #13, finding 4: an armed
//! reply went into a namesake's composer opened after arming). The conversation linking
//! the person's profile is theirs; linking another profile, it is not, whatever its title
//! says. A title with the person's name counts only where no link can decide, and, when
//! the person has a profile, only for a box opened after arming. A box that names nobody
//! is taken only when it opened after arming, within [`OPENED_MS`] of the user's click.

use crate::core::ledger::normalise_key;
use crate::core::text::squash_whitespace;
use serde::{Deserialize, Serialize};

/// A composer that names nobody is taken for the armed person's only this soon after the
/// user's own click on that card's Reply or Message control.
pub const OPENED_MS: u64 = 4000;

/// Links and titles read from one conversation header (more is not a header).
pub const MAX_HEADER_ITEMS: usize = 32;

/// Who the armed reply is for: the engine's `person_match` of the card, echoed back.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ArmedPerson {
    /// `/in/<public id>/` of the profile, when the card linked to one.
    #[serde(default)]
    pub profile_path: Option<String>,
    pub name: String,
}

/// What the content script sees of one composer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ComposerFacts {
    /// The composer sits in a conversation (an overlay bubble, the messaging page's thread).
    pub in_conversation: bool,
    /// The conversation header's profile links, resolved against the page's URL ("" for a
    /// header link without a usable href: it still names someone).
    #[serde(default)]
    pub links: Vec<String>,
    /// The conversation's titles, as their text reads.
    #[serde(default)]
    pub titles: Vec<String>,
    /// The composer was already open when the reply was armed.
    pub open_before_arming: bool,
    /// Milliseconds since the user's last trusted click on this card's Reply or Message
    /// control; None when there was none since arming.
    #[serde(default)]
    pub since_click_ms: Option<u64>,
}

/// Whom a composer's conversation names, as far as it can be told.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Owner {
    /// It links the person's profile, or (when they have none) shows their name.
    Person,
    /// It links another profile, or shows only other names.
    Other,
    /// It shows the person's name and links no profile to compare.
    NameOnly,
    /// It names nobody (no conversation, or a header with neither link nor title).
    Nobody,
}

/// A profile link's identity: the ledger's key for it (`ledger::key`, so that both agree
/// on tracking queries, locale hosts, case and trailing parts) with percent escapes
/// decoded, as a browser's resolved `href` is always percent-encoded and a card's may not
/// be (`/in/zoé/`, `/in/zo%C3%A9/`). None when the link is not a profile's.
pub fn profile_identity(url: &str) -> Option<String> {
    let key = normalise_key(url).ok()?;
    let slug = key
        .strip_prefix("https://www.linkedin.com/in/")?
        .trim_end_matches('/');
    Some(
        percent_decoded(slug)
            .chars()
            .flat_map(char::to_lowercase)
            .collect(),
    )
}

/// `%XX` escapes decoded when the result is UTF-8; the text as written when not.
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = |b: u8| (b as char).to_digit(16);
        if bytes[i] == b'%' && i + 2 < bytes.len() {
            if let (Some(h), Some(l)) = (hex(bytes[i + 1]), hex(bytes[i + 2])) {
                out.push((h * 16 + l) as u8);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

/// The `href`s, as written, of the links in a card's outerHTML that are this profile's
/// (`profile_path`, as in [`ArmedPerson`]): the Accept guard acts on a live card only
/// while it still holds one of them (LinkedIn may render another invitation into the same
/// node before the engine has read it again), comparing them as they are, with no rule of
/// its own. The HTML is the browser's serialisation: a literal `<` only opens a tag
/// (text and, in current browsers, attribute values escape it), attribute values are in
/// double quotes with `&`, `"`, `<`, `>` and U+00A0 escaped.
pub fn profile_hrefs(html: &str, profile_path: &str) -> Vec<String> {
    let Some(theirs) = profile_identity(&format!("https://www.linkedin.com{profile_path}")) else {
        return Vec::new();
    };
    let mut out: Vec<String> = Vec::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        rest = &rest[at + 1..];
        if let Some(comment) = rest.strip_prefix("!--") {
            rest = comment.find("-->").map_or("", |end| &comment[end + 3..]);
            continue;
        }
        let tag_end = rest.find('>').unwrap_or(rest.len());
        let tag = &rest[..tag_end];
        rest = &rest[tag_end..];
        let mut words = tag.splitn(2, |c: char| c.is_ascii_whitespace());
        if !words
            .next()
            .is_some_and(|name| name.eq_ignore_ascii_case("a"))
        {
            continue;
        }
        let Some(href) = words.next().and_then(href_of) else {
            continue;
        };
        let url = if href.starts_with('/') && !href.starts_with("//") {
            format!("https://www.linkedin.com{href}")
        } else {
            href.clone()
        };
        if profile_identity(&url).as_ref() == Some(&theirs) && !out.contains(&href) {
            out.push(href);
        }
    }
    out
}

/// The `href` attribute's value in a tag's attributes (`class="x" href="/in/a/"`), as the
/// page's `getAttribute` returns it.
fn href_of(attrs: &str) -> Option<String> {
    let mut rest = attrs;
    loop {
        rest = rest.trim_start();
        if rest.is_empty() {
            return None;
        }
        let name_end = rest
            .find(|c: char| c == '=' || c.is_ascii_whitespace())
            .unwrap_or(rest.len());
        let name = &rest[..name_end];
        rest = rest[name_end..].trim_start();
        let Some(value) = rest.strip_prefix('=') else {
            continue; // an attribute without a value
        };
        let value = value.trim_start();
        let (raw, after) = match value.strip_prefix('"') {
            Some(quoted) => {
                let end = quoted.find('"')?;
                (&quoted[..end], &quoted[end + 1..])
            }
            None => {
                let end = value
                    .find(|c: char| c.is_ascii_whitespace())
                    .unwrap_or(value.len());
                (&value[..end], &value[end..])
            }
        };
        if name.eq_ignore_ascii_case("href") {
            return Some(unescaped(raw));
        }
        rest = after;
    }
}

/// The entities a browser writes into a serialised attribute value, as text again.
fn unescaped(value: &str) -> String {
    if !value.contains('&') {
        return value.to_string();
    }
    value
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&nbsp;", "\u{a0}")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// Whose conversation this composer is, for the armed person.
pub fn owner(person: &ArmedPerson, facts: &ComposerFacts) -> Owner {
    let titles: Vec<String> = facts
        .titles
        .iter()
        .map(|t| squash_whitespace(t))
        .filter(|t| !t.is_empty())
        .collect();
    if !facts.in_conversation || (facts.links.is_empty() && titles.is_empty()) {
        return Owner::Nobody;
    }
    let theirs = person
        .profile_path
        .as_deref()
        .and_then(|p| profile_identity(&format!("https://www.linkedin.com{p}")));
    if let Some(theirs) = &theirs {
        let linked: Vec<String> = facts
            .links
            .iter()
            .filter_map(|l| profile_identity(l))
            .collect();
        if linked.contains(theirs) {
            return Owner::Person;
        }
        // A link that disagrees decides: no title overrides it.
        if !linked.is_empty() {
            return Owner::Other;
        }
    }
    if !titles.contains(&squash_whitespace(&person.name)) {
        return Owner::Other;
    }
    if theirs.is_some() {
        Owner::NameOnly
    } else {
        Owner::Person
    }
}

/// May the armed reply go into this composer? Only into the person's own conversation; a
/// box with only their name only when it opened after arming (an open conversation with a
/// namesake is not theirs); a box that names nobody only when it opened after arming and
/// the user has just clicked the card's Reply or Message control (else it may be anyone's).
pub fn may_insert(person: &ArmedPerson, facts: &ComposerFacts) -> bool {
    match owner(person, facts) {
        Owner::Person => true,
        Owner::Other => false,
        Owner::NameOnly => !facts.open_before_arming,
        Owner::Nobody => {
            !facts.open_before_arming && facts.since_click_ms.is_some_and(|ms| ms <= OPENED_MS)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ANA: &str = "/in/ana-pereira/";

    fn ana() -> ArmedPerson {
        ArmedPerson {
            profile_path: Some(ANA.into()),
            name: "Ana Pereira".into(),
        }
    }

    fn facts(links: &[&str], titles: &[&str]) -> ComposerFacts {
        ComposerFacts {
            in_conversation: true,
            links: links.iter().map(|s| s.to_string()).collect(),
            titles: titles.iter().map(|s| s.to_string()).collect(),
            open_before_arming: false,
            since_click_ms: None,
        }
    }

    #[test]
    fn the_persons_profile_link_makes_it_theirs() {
        for link in [
            "https://www.linkedin.com/in/ana-pereira/",
            "https://www.linkedin.com/in/Ana-Pereira?trk=msg",
            "https://fr.linkedin.com/in/ana-pereira/overlay/contact-info/",
        ] {
            let f = facts(&[link], &["Someone else entirely"]);
            assert_eq!(owner(&ana(), &f), Owner::Person, "{link}");
            assert!(may_insert(
                &ana(),
                &ComposerFacts {
                    open_before_arming: true,
                    ..f
                }
            ));
        }
    }

    #[test]
    fn a_namesakes_link_decides_over_the_name() {
        // Issue #13, finding 4: the namesake's conversation, opened after arming, titled
        // with the person's name, linking the namesake's profile. The old rule (the name
        // where the links "differ", for a box opened after arming) inserted the reply.
        let f = facts(
            &["https://www.linkedin.com/in/ana-pereira-2/"],
            &["Ana Pereira"],
        );
        assert_eq!(owner(&ana(), &f), Owner::Other);
        assert!(!may_insert(&ana(), &f));
        let clicked = ComposerFacts {
            since_click_ms: Some(10),
            ..f
        };
        assert!(!may_insert(&ana(), &clicked));
        // LinkedIn's member-id form of a profile is a profile link too: it cannot be told to
        // be theirs, so it is not.
        let urn = facts(
            &["https://www.linkedin.com/in/ACoAABxyz123/"],
            &["Ana Pereira"],
        );
        assert!(!may_insert(&ana(), &urn));
    }

    #[test]
    fn the_name_alone_counts_only_for_a_box_opened_after_arming() {
        let f = facts(&[], &["  Ana \n Pereira "]);
        assert_eq!(owner(&ana(), &f), Owner::NameOnly);
        assert!(may_insert(&ana(), &f));
        assert!(!may_insert(
            &ana(),
            &ComposerFacts {
                open_before_arming: true,
                ..f.clone()
            }
        ));
        // A header link that is no profile's (a thread link) neither agrees nor disagrees.
        let thread = facts(
            &["https://www.linkedin.com/messaging/thread/2-abc/", ""],
            &["Ana Pereira"],
        );
        assert_eq!(owner(&ana(), &thread), Owner::NameOnly);
        // Without a profile to compare, the name is theirs, and a link cannot disagree.
        let no_profile = ArmedPerson {
            profile_path: None,
            name: "Ana Pereira".into(),
        };
        let linked = facts(&["https://www.linkedin.com/in/someone/"], &["Ana Pereira"]);
        assert_eq!(owner(&no_profile, &linked), Owner::Person);
        assert!(may_insert(
            &no_profile,
            &ComposerFacts {
                open_before_arming: true,
                ..linked
            }
        ));
    }

    #[test]
    fn other_names_are_never_theirs() {
        for f in [
            facts(&[], &["Bob Stone"]),
            facts(&["https://www.linkedin.com/in/bob-stone/"], &["Bob Stone"]),
            facts(&["https://www.linkedin.com/in/bob-stone/"], &[]),
            // A header link without a usable href names someone: not nobody.
            facts(&[""], &[]),
            facts(&[], &["Ana"]),
        ] {
            assert_eq!(owner(&ana(), &f), Owner::Other, "{f:?}");
            let clicked = ComposerFacts {
                since_click_ms: Some(0),
                ..f
            };
            assert!(!may_insert(&ana(), &clicked));
        }
    }

    #[test]
    fn a_box_naming_nobody_needs_the_users_click_within_the_window() {
        let mut f = facts(&[], &["", "  "]);
        assert_eq!(owner(&ana(), &f), Owner::Nobody);
        assert!(!may_insert(&ana(), &f), "no click since arming");
        for (ms, ok) in [
            (0, true),
            (OPENED_MS - 1, true),
            (OPENED_MS, true),
            (OPENED_MS + 1, false),
            (60_000, false),
        ] {
            f.since_click_ms = Some(ms);
            assert_eq!(may_insert(&ana(), &f), ok, "{ms} ms");
        }
        f.open_before_arming = true;
        f.since_click_ms = Some(0);
        assert!(!may_insert(&ana(), &f), "open before arming: anyone's");
        // Outside any conversation, whatever the links say.
        let outside = ComposerFacts {
            in_conversation: false,
            ..facts(
                &["https://www.linkedin.com/in/ana-pereira/"],
                &["Ana Pereira"],
            )
        };
        assert_eq!(owner(&ana(), &outside), Owner::Nobody);
    }

    #[test]
    fn profile_identity_agrees_with_the_ledger_and_decodes_escapes() {
        let zoe = profile_identity("https://www.linkedin.com/in/zoé/");
        assert_eq!(zoe.as_deref(), Some("zoé"));
        for same in [
            "https://www.linkedin.com/in/zo%C3%A9/",
            "https://www.linkedin.com/in/ZO%C3%89",
            "https://www.linkedin.com/in/Zoé/?trk=x",
        ] {
            assert_eq!(profile_identity(same), zoe, "{same}");
        }
        assert_eq!(
            profile_identity("https://www.linkedin.com/in/100%/").as_deref(),
            Some("100%")
        );
        assert_eq!(
            profile_identity("https://www.linkedin.com/in/%FF/").as_deref(),
            Some("%ff")
        );
        for not in [
            "",
            "https://evil.example/in/ana/",
            "https://www.linkedin.com/company/x/",
            "name:Ana",
            "urn:li:invitation:1",
        ] {
            assert_eq!(profile_identity(not), None, "{not}");
        }
    }

    #[test]
    fn a_cards_profile_hrefs_as_written() {
        let html = r#"<li class="card"><a class="photo" href="/in/Ana-Pereira/?trk=x&amp;m=1"><img></a>
            <!-- <a href="/in/ana-pereira/commented/"> -->
            <a data-x=1 href="https://www.linkedin.com/in/ana-pereira/">Ana Pereira</a>
            <p>Ask <a href="/in/bob-stone/">Bob</a>, or href="/in/ana-pereira/fake/" in text</p>
            <a href="/in/ana-pereira/">again</a><a href='/in/ana-pereira-2/'>namesake</a>
            <abbr href="/in/ana-pereira/x/">not a link</abbr><A HREF=/in/ana-pereira/caps/>caps</A></li>"#;
        assert_eq!(
            profile_hrefs(html, ANA),
            [
                "/in/Ana-Pereira/?trk=x&m=1",
                "https://www.linkedin.com/in/ana-pereira/",
                "/in/ana-pereira/",
                "/in/ana-pereira/caps/",
            ]
        );
        assert!(profile_hrefs(html, "/in/nobody/").is_empty());
        assert!(profile_hrefs(html, "/company/x/").is_empty());
        assert!(
            profile_hrefs("<a href=\"/in/ana-pereira/", ANA).is_empty(),
            "unterminated"
        );
        assert!(profile_hrefs("<a href", ANA).is_empty());
        assert_eq!(
            profile_hrefs("<a href=\"/in/zo%C3%A9/\">", "/in/zoé/"),
            ["/in/zo%C3%A9/"]
        );
    }

    /// Generated slugs: the raw, percent-encoded and upper-case forms of one slug are one
    /// profile; another slug is another unless they differ only in case.
    #[test]
    fn generated_slugs_one_profile_in_every_form() {
        let letters: Vec<char> = "abcdeéøßжz0123-".chars().collect();
        let mut seed = 16u32;
        let mut next = |n: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 17;
            seed ^= seed << 5;
            seed as usize % n
        };
        for _ in 0..500 {
            let mut slug = || {
                (0..1 + next(12))
                    .map(|_| letters[next(letters.len())])
                    .collect::<String>()
            };
            let (a, b) = (slug(), slug());
            let encoded: String = a
                .bytes()
                .map(|c| {
                    if c.is_ascii_alphanumeric() || c == b'-' {
                        (c as char).to_string()
                    } else {
                        format!("%{c:02X}")
                    }
                })
                .collect();
            let id = profile_identity(&format!("https://www.linkedin.com/in/{a}/"));
            assert!(id.is_some(), "{a}");
            assert_eq!(
                profile_identity(&format!("https://www.linkedin.com/in/{encoded}")),
                id,
                "{a} {encoded}"
            );
            assert_eq!(
                profile_identity(&format!(
                    "https://www.linkedin.com/in/{}/",
                    // One character to one (`ß` upper-cases to `SS`: another slug).
                    a.chars()
                        .map(|c| {
                            let mut u = c.to_uppercase();
                            match (u.next(), u.next()) {
                                (Some(one), None) => one,
                                _ => c,
                            }
                        })
                        .collect::<String>()
                )),
                id,
                "{a}"
            );
            let same = a.to_lowercase() == b.to_lowercase();
            assert_eq!(
                profile_identity(&format!("https://www.linkedin.com/in/{b}/")) == id,
                same,
                "{a} {b}"
            );
        }
    }

    /// Generated: every mix of a header (the person's link, a namesake's link, a thread
    /// link, a title with the name, another title, nothing), open before arming or not,
    /// with or without a recent click. The reply goes in only where the rule says, and
    /// never where a profile link that disagrees is in the header.
    #[test]
    fn generated_headers_follow_the_rule() {
        let links = [
            "https://www.linkedin.com/in/ana-pereira/",
            "https://www.linkedin.com/in/ana-pereira-2/",
            "https://www.linkedin.com/messaging/thread/2-x/",
        ];
        let titles = ["Ana Pereira", "Bob Stone"];
        for mask in 0u32..(1 << 5) {
            let l: Vec<&str> = (0..3)
                .filter(|i| mask & (1 << i) != 0)
                .map(|i| links[i])
                .collect();
            let t: Vec<&str> = (0..2)
                .filter(|i| mask & (1 << (3 + i)) != 0)
                .map(|i| titles[i])
                .collect();
            for open_before in [false, true] {
                for click in [None, Some(100), Some(OPENED_MS + 1)] {
                    let f = ComposerFacts {
                        in_conversation: true,
                        links: l.iter().map(|s| s.to_string()).collect(),
                        titles: t.iter().map(|s| s.to_string()).collect(),
                        open_before_arming: open_before,
                        since_click_ms: click,
                    };
                    let theirs = l.contains(&links[0]);
                    let namesake = l.contains(&links[1]);
                    let named = t.contains(&titles[0]);
                    let expected = if theirs {
                        true
                    } else if namesake {
                        false
                    } else if l.is_empty() && t.is_empty() {
                        !open_before && click == Some(100)
                    } else {
                        named && !open_before
                    };
                    assert_eq!(may_insert(&ana(), &f), expected, "{f:?}");
                }
            }
        }
    }
}
