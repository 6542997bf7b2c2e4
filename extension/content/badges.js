// @ts-check
// Badges: one <span data-askfirst="badge"> per person card (closed shadow root, text only):
// [AskFirst] [plan · main reason], every reason in its tooltip. The host is a built-in
// element (a page can never define or upgrade it, so its closed root stays ours) and
// carries nothing of the verdict: data-note / data-fit / data-plan are on the badge inside
// the root (docs/security.md, findings 1 and 2).
import { state } from './state.js';
import { el } from './dom.js';
import { BADGE_CSS, theme } from './styles.js';
import { t, word } from './i18n.js';

/** @typedef {import('./state.js').Entry} Entry */

// The badge's inside, built once and cloned.
/** @type {HTMLElement | null} */
let badgeProto = null;
function badgeTemplate() {
  if (!badgeProto) {
    badgeProto = el('span', { class: 'b', tabindex: '0', 'aria-describedby': 't' });
    badgeProto.append(el('span', { class: 'm' }, 'AskFirst'), el('span', { class: 'p' }),
      el('span', { class: 't', role: 'tooltip', id: 't' }));
  }
  return badgeProto;
}

/**
 * Is the card's badge ours and in it?
 * @param {Element} card
 * @param {Entry} entry
 */
export const hasBadge = (card, entry) => !!entry.badge && entry.badge.host.parentNode === card && card.isConnected;

/**
 * Writes the card's answer into its badge, making the badge when it has none.
 * @param {Element} card
 * @param {Entry} entry
 */
export function renderBadge(card, entry) {
  const a = /** @type {import('./state.js').Answer} */ (entry.answer);
  let badge = entry.badge;
  let fresh = false;
  if (!badge || !hasBadge(card, entry)) {
    removeBadge(entry);
    // A badge of ours nobody tracks any more (the card was out of the page and came
    // back): one badge per card.
    for (const c of [...card.children]) if (state.ourBadges.has(c)) c.remove();
    const host = document.createElement('span');
    host.setAttribute('data-askfirst', 'badge');
    state.ourBadges.add(host);
    const root = host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [BADGE_CSS()];
    const b = /** @type {HTMLElement} */ (badgeTemplate().cloneNode(true));
    root.append(b);
    badge = { host, root, verdict: b, label: b.children[1], tip: b.children[2] };
    entry.badge = badge;
    fresh = true;
    watchTips();
  }
  const { host, verdict } = badge;
  verdict.setAttribute('data-note', a.note_kind);
  verdict.setAttribute('data-fit', a.fit);
  verdict.setAttribute('data-plan', a.plan);
  badge.label.textContent = a.overridden ? t('badgeMarkedFine', [word(a.plan_label)]) : word(a.badge_label);
  // Every reason, one per line: a single text node (cheap for a thousand cards).
  badge.tip.textContent = a.reasons.map((r) => `• ${word(r)}`).join('\n');
  // A new badge goes into the page once complete: its attributes and text are written
  // while it is detached, so the page's style is invalidated once per badge, not six times.
  if (fresh) card.append(host);
}

/** @param {Entry} entry */
export function removeBadge(entry) {
  if (entry.badge) entry.badge.host.remove();
  entry.badge = null;
}

// A badge's tooltip has a background of its own: the page's theme is read as it is shown
// (the page's style is up to date by then, so reading it costs next to nothing). Listened
// for from the first badge on: most LinkedIn pages never show one.
let tipsWatched = false;
function watchTips() {
  if (tipsWatched) return;
  tipsWatched = true;
  window.addEventListener('pointerover', showTip, true);
  document.addEventListener('focusin', showTip, true);
}
/** @param {Event} ev */
function showTip(ev) {
  try {
    const host = /** @type {Element | null} */ (ev.target);
    if (!ev.isTrusted || !host || !state.ourBadges.has(host)) return;
    const t = theme();
    if (host.getAttribute('data-theme') !== t) host.setAttribute('data-theme', t);
  } catch (_) { /* fail-open */ }
}
