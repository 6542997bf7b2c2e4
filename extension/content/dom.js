// @ts-check
// Small DOM helpers shared by the modules: elements made with text only, controls the
// engine located, the document being parsed, the prompt's focus trap. Nothing runs on
// import (nextFocus is unit-tested with node --test, tests/js/dom.test.mjs).

/**
 * A new element; strangers' text is only ever text (textContent), never markup.
 * @param {string} tag
 * @param {Record<string, string> | null} [attrs]
 * @param {string | null} [text]
 * @returns {HTMLElement}
 */
export const el = (tag, attrs, text) => {
  const e = document.createElement(tag);
  if (attrs) for (const k in attrs) e.setAttribute(k, attrs[k]);
  if (text != null) e.textContent = text; // strangers' text is only ever text
  return e;
};

/**
 * A control the engine located, only when the live card has exactly as many matches as
 * the card the engine read: a live DOM that differs from the engine's re-parse of its
 * HTML (React can build what the parser would not) may shift indexes, and a wrong
 * control must never be guarded. Not found = no guard, no reply-control use.
 * @param {Element | null | undefined} card
 * @param {import('./state.js').Locator | null | undefined} loc
 * @returns {HTMLElement | null}
 */
export const locate = (card, loc) => {
  if (!loc || !card || !card.isConnected) return null;
  try {
    const all = card.querySelectorAll(loc.selector);
    return all.length === loc.count ? /** @type {HTMLElement} */ (all[loc.index]) || null : null;
  } catch (_) {
    return null;
  }
};

/**
 * Resolves once the DOM is parsed (cards may be read); null if it already is.
 * @returns {Promise<unknown> | null}
 */
export const domReady = () => document.readyState !== 'loading' ? null
  : new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));
/**
 * Where Tab (or Shift+Tab, `back`) moves from the `i`th of `n` focusable elements: round
 * and round (the focus trap). `i` -1: focus is on none of them.
 * @param {number} i
 * @param {number} n
 * @param {boolean} back
 */
export const nextFocus = (i, n, back) => (back ? (i <= 0 ? n - 1 : i - 1) : (i === n - 1 ? 0 : i + 1));

