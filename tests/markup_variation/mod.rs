//! The markup-variation (metamorphic) generator: takes a fixture invitations page and
//! rewrites it the way a real LinkedIn page could differ without changing what any
//! invitation says (issue #12): wrappers, where the screen container sits, list markup,
//! order, missing optional parts, Accept as a link, apostrophes, note markup, names equal
//! to UI words, noise. Each transformation says how it changes the expected reading (most
//! change nothing). The generator knows the fixtures' markup from the LinkedIn facts of
//! docs/architecture.md on its own — it never asks the reader where a card, an action or
//! a note is, so a reader bug cannot hide itself.
//!
//! - `rewrite`: re-serialises html5ever's tree with per-element and per-text edits;
//! - `page_model`: what the generator knows of the fixtures' markup (cards, actions,
//!   notes, names, lists, the screen container);
//! - `transforms`: the transformations and what each does to the expected reading;
//! - `properties`: the variants of a fixture (alone, in pairs, all together) and the check
//!   that the reader reads each as its expectation says.

#![allow(dead_code)] // each test binary uses a part of it

mod page_model;
mod properties;
mod rewrite;
mod transforms;

#[allow(unused_imports)] // each test binary uses a part of it
pub use properties::{check, plan, seen, variants_of};
#[allow(unused_imports)]
pub use rewrite::{rewrite, Edit};
#[allow(unused_imports)]
pub use transforms::transforms;
