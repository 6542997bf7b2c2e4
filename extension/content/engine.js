// @ts-check
// Messaging with the engine (the background worker): every message this script sends goes
// through `send`, which never throws and answers null when the engine is out of reach.
import { state } from './state.js';

/** The extension's runtime API (Firefox's `browser`, else Chrome's `chrome`). */
export const runtime = (globalThis.browser && globalThis.browser.runtime) || chrome.runtime;

/**
 * Sends a message to the engine; its answer, or null (no answer, an error, the extension
 * reloaded or gone: fail open).
 * @param {object} message
 * @returns {Promise<any>}
 */
export const send = (message) => {
  try {
    return Promise.resolve(runtime.sendMessage(message)).catch(() => null);
  } catch (_) {
    return Promise.resolve(null); // extension reloaded or gone: fail open
  }
};

/**
 * Tells the toolbar icon how this tab is doing, when that changes: active (the coloured
 * icon), idle (grey, which is how every tab starts: the manifest's default icon), or
 * stepped aside (struck through, with a badge).
 * @param {'active' | 'idle' | 'unreadable' | 'engine-error'} next
 */
export function report(next) {
  const shown = next;
  if (shown === state.shownState) return;
  state.shownState = shown;
  send({ type: 'status', url: location.href, state: next });
}

/**
 * Records what the user did with an invitation (the ledger).
 * @param {import('./state.js').Answer} a
 * @param {string} event
 */
export function record(a, event) {
  send({ type: 'record', key: a.key, event, snapshot: a.snapshot });
}
