// @ts-check
// Does this page need the engine at all? Pure (unit-tested: tests/js/routes.test.mjs).
// The rule is the engine's (src/core/linkedin/live.rs `engine_routes`), read as data:
// routes.json is written from it, and a Rust test fails when the two differ. Asking the
// engine instead would wake the worker and compile the wasm on every LinkedIn page.
import routes from './routes.json' with { type: 'json' };

/** @param {string} path lower case @param {string} prefix */
const under = (path, prefix) => path === prefix || path.startsWith(`${prefix}/`);

/**
 * True on the pages the engine works on (invitations, messaging); false on the rest of
 * LinkedIn, where the content script then does nothing at all.
 * @param {string} href
 */
export function needsEngine(href) {
  let url;
  try {
    url = new URL(href);
  } catch (_) {
    return false;
  }
  if (url.origin !== routes.origin || url.protocol !== 'https:') return false;
  const path = url.pathname.toLowerCase();
  return routes.under.some((p) => under(path, p)) && !routes.except.some((p) => under(path, p));
}
