// @ts-check
// Our work against the engine's ceiling (ceiling.js counts, src/core/protocol/ceiling.rs
// sets the numbers): `within` counts a restart, a batch or a message; `timed` counts the
// milliseconds of a callback of ours. Over the ceiling, the helper steps aside on this
// page (route.js: stop, "could not read", route changes ignored for a rest).
import { state } from './state.js';

/** What stepping aside does (route.js sets it: it owns start and stop). */
let stepAside = () => {};
/** @param {() => void} f */
export const onOverCeiling = (f) => { stepAside = f; };

/**
 * Counts `amount` of `what`; false (and stepped aside) once over the ceiling.
 * @param {import('./ceiling.js').Spend} what
 * @param {number} [amount]
 */
export function within(what, amount = 1) {
  const meter = state.meter;
  if (!meter || meter.spend(what, amount, performance.now())) return true;
  stepAside();
  return false;
}

let depth = 0;
/**
 * `fn`, its run time counted as our work (the outermost of nested timed calls only).
 * @template {(...args: any[]) => any} F
 * @param {F} fn
 * @returns {F}
 */
export function timed(fn) {
  return /** @type {F} */ (function (/** @type {any[]} */ ...args) {
    if (depth) return fn(...args);
    const t0 = performance.now();
    depth++;
    try {
      return fn(...args);
    } finally {
      depth--;
      within('work_ms', performance.now() - t0);
    }
  });
}
