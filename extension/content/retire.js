// @ts-check
// The extension reloaded, updated or removed. This script then stays in the pages already
// open, but can no longer reach the engine (Chrome does not inject the new one into
// them). It steps aside entirely, badges and guard included, so that LinkedIn's own
// buttons work at the first click. What stepping aside undoes is registered by main.js
// (`onRetire`), so that this module depends on no other.
import { state } from './state.js';
import { runtime } from './engine.js';

/** @type {(() => void)[]} */
const steps = [];

/**
 * What to undo when the extension is gone, in order.
 * @param {() => void} step
 */
export function onRetire(step) {
  steps.push(step);
}

/**
 * True once the extension is gone (and then everything has been undone).
 * @returns {boolean}
 */
export function retired() {
  if (state.isRetired) return true;
  try {
    if (runtime.id) return false;
  } catch (_) { /* the extension context is gone */ }
  state.isRetired = true;
  try {
    for (const step of steps) step();
  } catch (_) { /* stepping aside as far as possible */ }
  return true;
}
