// @ts-check
// The content script's words: every user-visible string is a key of the message catalogue
// (extension/_locales/*/messages.json, the browser's language), never English written
// here. tests/locales.rs checks that every key used in these modules exists.

/**
 * The catalogue's text for `key`, with its placeholders ($p1$, $p2$ …) filled in; ''
 * when the extension is gone (nothing of ours is shown then).
 * @param {string} key
 * @param {(string | number)[]} [subs]
 * @returns {string}
 */
export function t(key, subs) {
  try {
    const i18n = (globalThis.browser && globalThis.browser.i18n) || chrome.i18n;
    return i18n.getMessage(key, subs ? subs.map(String) : undefined);
  } catch (_) {
    return '';
  }
}

/**
 * @typedef {{ code: string, params?: Param[] }} Said what the engine says: a catalogue key
 *   and what fills its placeholders (src/core/said.rs)
 * @typedef {string | Said | Said[]} Param words as they are, another message, or several
 *   (joined by "; ")
 */

/**
 * The engine's codes in the user's words, by the same catalogue (a code is a key).
 * @param {Said | null | undefined} said
 * @returns {string}
 */
export function word(said) {
  if (!said) return '';
  const subs = (said.params || []).map((p) =>
    typeof p === 'string' ? p : Array.isArray(p) ? p.map(word).join('; ') : word(p));
  return t(said.code, subs) || said.code;
}
