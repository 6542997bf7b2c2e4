// @ts-check
// Does a link point to a profile path? Pure (unit-tested: tests/js/paths.test.mjs).

/**
 * A path in the form both sides are compared in: as written in different places they may
 * differ: percent-encoded or not (`/in/zoé/`, `/in/zo%C3%A9/`), with or without the
 * trailing slash (`/in/mei?trk=x`), in any case. Decoded, lower-case, with a trailing slash.
 * @param {string} p
 */
export const pathForm = (p) => {
  let d = p;
  try {
    d = decodeURIComponent(p);
  } catch (_) { /* malformed escapes: as written */ }
  d = d.toLowerCase();
  return d.endsWith('/') ? d : `${d}/`;
};

/**
 * A test: does an href (relative to `base`) point to this profile path?
 * @param {string} profilePath
 * @param {string} base the page's URL
 * @returns {(href: string | null) => boolean}
 */
export function pointsTo(profilePath, base) {
  const want = pathForm(profilePath);
  return (href) => {
    try {
      return pathForm(new URL(/** @type {string} */ (href), base).pathname).startsWith(want);
    } catch (_) {
      return false; // not a URL
    }
  };
}

/**
 * The same test on a link element of this page.
 * @param {string} profilePath
 * @returns {(link: Element) => boolean}
 */
export function linksTo(profilePath) {
  const to = pointsTo(profilePath, location.href);
  return (link) => to(link.getAttribute('href'));
}
