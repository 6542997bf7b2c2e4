//! The pure AskFirst engine: reading LinkedIn markup, classifying notes, judging fit,
//! planning the reply. Must not import wasm-bindgen, web-sys or js-sys: it compiles and
//! tests natively, and the same code runs in the extension's wasm build.

pub mod composer;
pub mod fit;
pub mod invitation;
pub mod lang;
pub mod ledger;
pub mod linkedin;
pub mod markup_budget;
pub mod note;
pub mod plan;
pub mod protocol;
/// The ledger's messages, at their old path while branches written against it land
/// (`protocol::ledger` is where they live; use that in new code).
pub use protocol::ledger as protocol_ledger;
pub mod reply;
pub mod said;
pub mod settings;
pub mod sort;
pub mod tab_view;
pub mod text;
pub mod triage;
