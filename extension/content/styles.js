// @ts-check
// Our styles: constructed sheets (not blocked by LinkedIn's style-src), each built on first
// use (most LinkedIn pages never show a badge or a prompt), and the page's theme.

/** @param {string} css */
const sheet = (css) => {
  const s = new CSSStyleSheet();
  s.replaceSync(css);
  return s;
};
/**
 * @param {string} css
 * @returns {() => CSSStyleSheet}
 */
const lazySheet = (css) => {
  /** @type {CSSStyleSheet | null} */
  let built = null;
  return () => built || (built = sheet(css));
};

// Every declaration on a host is `!important`: in a shadow tree's own sheet that beats
// anything the page's styles (or its inline style on the host) say, important or not, so
// the page can neither restyle our hosts nor set the colours inside them.
const THEME = `
  :host { all: initial !important; --bg:#fff !important; --fg:#1d2226 !important; --muted:#56687a !important;
          --line:#c9d1d9 !important; --accent:#0a66c2 !important; --accent-fg:#fff !important;
          --warn:#915907 !important; --ok:#057642 !important; }
  :host([data-theme=dark]) { --bg:#1b1f23 !important; --fg:#e9e9e9 !important; --muted:#a8b0b8 !important;
          --line:#4b5563 !important; --accent:#71b7fb !important; --accent-fg:#0d1117 !important;
          --warn:#f5c26b !important; --ok:#6dd39a !important; }
`;

// The badge's text is the card's own text colour, and its accents are mixed into that
// colour: legible on LinkedIn's light and dark themes alike without reading the page's
// colours (which would force a style recalculation of the whole page before the first
// badge). Never mixed into the text colour itself: there Chromium takes currentColor for
// black. Only the tooltip has a background of its own: its theme is read as it shows
// (badges.js showTip).
export const BADGE_CSS = lazySheet(THEME + `
  :host { display:block !important; margin:.25em 0 !important; font:0.8125rem/1.4 system-ui, sans-serif !important;
          color:inherit !important; }
  .b { display:inline-flex; gap:.4em; align-items:baseline; max-width:100%; padding:.1em .6em;
       border:1px solid color-mix(in srgb, #0a66c2 50%, currentColor); border-radius:1em;
       cursor:help; overflow-wrap:anywhere; position:relative; }
  .b:focus-visible { outline:2px solid currentColor; outline-offset:2px; }
  .m, .p { font-weight:600; }
  .p { --dot:color-mix(in srgb, currentColor 40%, transparent); padding-left:.95em;
       background:radial-gradient(circle at .3em 52%, var(--dot) .3em, transparent calc(.3em + .5px)) no-repeat; }
  .b[data-plan=ask-first] .p, .b[data-plan=accept-follow-up] .p {
       --dot:color-mix(in srgb, #d08000 70%, currentColor); }
  .b[data-plan=accept] .p { --dot:color-mix(in srgb, #057642 70%, currentColor); }
  .t { display:none; position:absolute; z-index:9999; left:0; top:100%; margin-top:.3em;
       width:max-content; max-width:min(28em, 80vw); padding:.5em .75em; background:var(--bg);
       color:var(--fg); border:1px solid var(--line); border-radius:.5em;
       box-shadow:0 2px 8px rgba(0,0,0,.25); cursor:auto; white-space:pre-line; }
  .b:hover .t, .b:focus .t, .b:focus-within .t { display:block; }
`);
// The prompt's host, and its body: the body's sheet alone is also used to warm it up.
// The host itself takes no room; its popover (.layer) is in the top layer, painted above
// everything the page has, not clipped, faded, transformed or filtered by any ancestor;
// what it would inherit (visibility, pointer-events, colours…) is reset by `all`.
export const PROMPT_FONT = 'font:1rem/1.5 system-ui, sans-serif;';
export const PROMPT_HOST_CSS = lazySheet(THEME + `
  :host { display:block !important; position:fixed !important; left:0 !important; top:0 !important;
          width:0 !important; height:0 !important; }
  .layer:popover-open { all:initial; display:block; position:fixed; inset:0; width:auto; height:auto;
          max-width:none; max-height:none; margin:0; padding:0; border:0; overflow:hidden;
          background:transparent; visibility:visible; opacity:1; pointer-events:auto;
          ${PROMPT_FONT} color:var(--fg); }
`);
export const PROMPT_CSS = lazySheet(`
  .backdrop { position:absolute; inset:0; background:rgba(0,0,0,.45); }
  .d { position:relative; box-sizing:border-box; margin:5vh auto; width:min(34rem, 94vw);
       max-height:90vh; overflow:auto; padding:1.25rem; background:var(--bg); color:var(--fg);
       border:1px solid var(--line); border-radius:.75rem; box-shadow:0 8px 32px rgba(0,0,0,.35);
       overflow-wrap:anywhere; }
  .d:focus { outline:none; }
  h2 { margin:0 0 .5rem; font-size:1.2rem; }
  p { margin:.5rem 0; }
  .muted { color:var(--muted); }
  ul { margin:.25rem 0 .75rem; padding-left:1.25rem; }
  label { display:block; font-weight:600; margin-top:.5rem; }
  textarea { box-sizing:border-box; width:100%; min-height:7em; font:inherit; color:var(--fg);
             background:var(--bg); border:1px solid var(--line); border-radius:.4rem; padding:.5rem; }
  .actions { display:flex; flex-wrap:wrap; gap:.5rem; margin-top:.75rem; }
  button { font:inherit; padding:.35rem .9rem; border-radius:1.2rem; border:1px solid var(--accent);
           background:transparent; color:var(--accent); cursor:pointer; }
  button.primary { background:var(--accent); color:var(--accent-fg); }
  button:focus-visible, textarea:focus-visible { outline:2px solid var(--accent); outline-offset:2px; }
  .status:empty { display:none; }
  .status { padding:.5rem; border-left:3px solid var(--warn); white-space:pre-line; }
`);

/**
 * The theme a computed background colour (`rgb(…)` / `rgba(…)`) makes: 'dark' or
 * 'light' by its luminance; null when it is transparent or not a colour (look further).
 * @param {string} color
 * @returns {'dark' | 'light' | null}
 */
export function themeOf(color) {
  const m = color.match(/\d+(\.\d+)?/g);
  if (!m || (m.length >= 4 && !(Number(m[3]) > 0))) return null;
  const [r, g, b] = m.map(Number);
  return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
}

/**
 * The page's own colours decide (LinkedIn's dark theme); the OS setting when it has none.
 * @returns {'dark' | 'light'}
 */
export function theme() {
  try {
    for (const el of [document.body, document.documentElement]) {
      const t = el && themeOf(getComputedStyle(el).backgroundColor);
      if (t) return t;
    }
  } catch (_) { /* fall through */ }
  return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}
