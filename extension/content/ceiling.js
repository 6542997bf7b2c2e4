// @ts-check
// The ceiling on our own work (issue #12 §3). Pure: no browser API (tests/js/ceiling.test.mjs).
// Whatever the page does, restarts, batches, messages and the milliseconds our code runs
// are counted per window; past any of the engine's ceilings (the hello answer's `ceiling`,
// src/core/protocol/ceiling.rs: the numbers are Rust's) `spend` says no, and route.js steps
// aside on this page with the "could not read" state.

/**
 * @typedef {{ window_ms: number, max_restarts: number, max_batches: number,
 *   max_messages: number, max_work_ms: number, rest_ms: number }} Ceiling
 * @typedef {'restarts' | 'batches' | 'messages' | 'work_ms'} Spend
 */

/** The counts of one window, and where it started. */
export class Meter {
  /** @param {Ceiling} ceiling */
  constructor(ceiling) {
    this.ceiling = ceiling;
    this.since = -Infinity;
    /** @type {Record<Spend, number>} */
    this.spent = { restarts: 0, batches: 0, messages: 0, work_ms: 0 };
  }

  /**
   * Counts `amount` of `what` at `now` (ms); false when that takes the window over its
   * ceiling.
   * @param {Spend} what
   * @param {number} amount
   * @param {number} now
   */
  spend(what, amount, now) {
    if (now - this.since >= this.ceiling.window_ms) {
      this.since = now;
      this.spent = { restarts: 0, batches: 0, messages: 0, work_ms: 0 };
    }
    this.spent[what] += amount;
    return this.spent[what] <= this.ceiling[`max_${what}`];
  }
}
