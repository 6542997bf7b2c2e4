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
