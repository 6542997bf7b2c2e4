//! What the reader made of card HTML the worker saw before (a page opened again, a list
//! re-rendered): `core::protocol::ReadCache`, in the worker's memory only, gone when it
//! stops. wasm only.

use crate::core::protocol::ReadCache;
use std::cell::RefCell;

thread_local! {
    static READS: RefCell<ReadCache> = RefCell::new(ReadCache::new(ReadCache::BACKGROUND_CAP));
}

/// Runs `f` with the cache (triage reads through it).
pub fn with<R>(f: impl FnOnce(&mut ReadCache) -> R) -> R {
    READS.with_borrow_mut(f)
}

/// "Delete everything": the cards' HTML kept in memory (strangers' names and notes) goes.
pub fn forget() {
    READS.with_borrow_mut(|reads| *reads = ReadCache::new(ReadCache::BACKGROUND_CAP));
}
