//! AskFirst: the engine (`core`, pure Rust) and its wasm entry points (`ext`, wasm only).
//! Errors become `JsValue` in `ext` and nowhere else.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod ext;
