//! The properties every variant is held to: the reader the CLI uses (`read_page`, whose
//! invitations `askfirst triage --json` prints) reads the same invitations with the same
//! name, profile link, headline, note, mutual count, follows-you flag, kind and located
//! controls as its expectation (the original page's reading, changed only where a
//! transformation says so); none invented, none lost.

use super::rewrite::{rewrite, Edit};
use super::transforms::{transforms, Transform};
use askfirst::core::invitation::{Invitation, InvitationKind};
use askfirst::core::linkedin::read_page;

/// What a variant must read as: one row per invitation (person or not), in page order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Seen {
    pub kind: String,
    pub name: String,
    pub profile_url: Option<String>,
    pub headline: Option<String>,
    pub note: Option<String>,
    pub mutual: u32,
    pub follows_you: bool,
    /// The controls located: A(ccept) I(gnore) R(eply) M(essage).
    pub controls: String,
}

fn controls(inv: &Invitation) -> String {
    let c = &inv.controls;
    [
        (c.accept.is_some(), 'A'),
        (c.ignore.is_some(), 'I'),
        (c.reply.is_some(), 'R'),
        (c.message.is_some(), 'M'),
    ]
    .iter()
    .filter(|(p, _)| *p)
    .map(|(_, l)| *l)
    .collect()
}

pub fn seen(html: &str) -> Vec<Seen> {
    read_page(html)
        .invitations
        .iter()
        .map(|i| Seen {
            kind: format!("{:?}", i.kind),
            name: i.name.clone(),
            profile_url: i.profile_url.clone(),
            headline: i.headline.clone(),
            note: i.note.clone(),
            mutual: i.mutual_connections,
            follows_you: i.follows_you,
            controls: controls(i),
        })
        .collect()
}

pub fn loosen(seen: &mut [Seen]) {
    for s in seen {
        if let Some(n) = &mut s.note {
            *n = n.split_whitespace().collect::<Vec<_>>().join(" ");
        }
    }
}

/// One variant: its name, its page and what it must read as.
pub struct Variant {
    pub name: String,
    pub html: String,
    pub want: Vec<Seen>,
    /// A transformation may have moved the note's line breaks: notes are compared with
    /// line breaks taken for spaces.
    pub loose: bool,
}

/// The variants of one fixture, as lists of transformations (made one by one, on demand).
pub struct FixtureVariants {
    file: String,
    html: String,
    original: Vec<Seen>,
    ts: Vec<Transform>,
    /// Indices into the fixture's transformations, one list per variant.
    pub combos: Vec<Vec<usize>>,
    /// Transformations that change nothing on this fixture (so make no variant).
    pub not_applicable: usize,
}

/// Every variant of one fixture: each applicable transformation alone, then pairs (all
/// pairs, or every `stride`-th one), then all the structure-only ones at once.
pub fn plan(file: &str, html: &str, stride: usize) -> FixtureVariants {
    let original = seen(html);
    let first_person = original
        .iter()
        .find(|s| s.kind == format!("{:?}", InvitationKind::Person))
        .map(|s| s.name.clone());
    let ts = transforms(first_person.as_deref());
    let plain = rewrite(html, &|_| Edit::default(), &|_, _| None);
    let applicable: Vec<usize> = (0..ts.len())
        .filter(|&i| ts[i].name == "identity" || (ts[i].apply)(html) != plain)
        .collect();
    let not_applicable = ts.len() - applicable.len();
    let mut combos: Vec<Vec<usize>> = applicable.iter().map(|&i| vec![i]).collect();
    let rest: Vec<usize> = applicable
        .iter()
        .copied()
        .filter(|&i| ts[i].name != "identity")
        .collect();
    let mut k = 0;
    for (i, &a) in rest.iter().enumerate() {
        for &b in &rest[i + 1..] {
            k += 1;
            // Two renames of one name: the second finds nothing to rename.
            let renames = ts[a].name.starts_with("name-") && ts[b].name.starts_with("name-");
            if k % stride == 0 && !renames {
                combos.push(vec![a, b]);
            }
        }
    }
    let everything: Vec<usize> = rest
        .iter()
        .copied()
        .filter(|&i| {
            !ts[i].name.starts_with("name-")
                && !matches!(
                    ts[i].name.as_str(),
                    // Each of these undoes or fights another's premise.
                    "list-as-ul-li" | "screen-on-list" | "screen-absent" | "no-action-hook"
                )
        })
        .collect();
    combos.push(everything);
    FixtureVariants {
        file: file.to_string(),
        html: html.to_string(),
        original,
        ts,
        combos,
        not_applicable,
    }
}

impl FixtureVariants {
    /// The variant made by applying the transformations `combo`, in order.
    pub fn make(&self, combo: &[usize]) -> Variant {
        let mut page = self.html.clone();
        let mut want = self.original.clone();
        let mut loose = false;
        for &i in combo {
            let t = &self.ts[i];
            page = (t.apply)(&page);
            (t.expect)(&mut want);
            loose |= t.note_lines_move;
        }
        if loose {
            loosen(&mut want);
        }
        let names: Vec<&str> = combo.iter().map(|&i| self.ts[i].name.as_str()).collect();
        Variant {
            name: format!("{}+{}", self.file, names.join("+")),
            html: page,
            want,
            loose,
        }
    }
}

/// Every variant of one fixture, made (see `plan`), and how many transformations did not
/// apply to it.
pub fn variants_of(file: &str, html: &str, stride: usize) -> (Vec<Variant>, usize) {
    let p = plan(file, html, stride);
    (
        p.combos.iter().map(|c| p.make(c)).collect(),
        p.not_applicable,
    )
}

pub fn check(v: &Variant) -> Result<(), String> {
    let mut got = seen(&v.html);
    if v.loose {
        loosen(&mut got);
    }
    if got == v.want {
        return Ok(());
    }
    let mut diff = format!(
        "{}: {} invitations read, {} expected",
        v.name,
        got.len(),
        v.want.len()
    );
    for i in 0..got.len().max(v.want.len()) {
        if got.get(i) != v.want.get(i) {
            diff.push_str(&format!(
                "\n  #{i}\n    got  {:?}\n    want {:?}",
                got.get(i),
                v.want.get(i)
            ));
        }
    }
    Err(diff)
}
