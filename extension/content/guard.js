// @ts-check
// The Accept guard: the first trusted click on a guarded card's Accept is held and the
// prompt opens instead (never twice for one invitation); Ignore and the rest are never
// held. Also the keyboard shortcut (next flagged invitation) and noticing the user's own
// click on a card's Reply / Message control for an armed reply.
import { state } from './state.js';
import { record } from './engine.js';
import { locate } from './dom.js';
import { cardOf } from './collect.js';
import { buildPrompt, showPrompt, openPrompt } from './prompt.js';
import { watchForComposer } from './insert.js';
import { retired } from './retire.js';

/** @typedef {import('./state.js').Answer} Answer */
/** @typedef {import('./state.js').Locator} Locator */

/**
 * Is the card still about the person its answer is for? LinkedIn may render another
 * invitation into the same node; until the engine has read it again, the old answer
 * (another person's reply and guard) must not act: the click passes. The engine named
 * the card's links to that person's profile as written (`person_hrefs`): one of them must
 * still be in the card, compared as it is (whose profile a link is, only the engine
 * says: src/core/composer.rs). Without a profile, the card must still show the name.
 * @param {Element} card
 * @param {Answer} a
 */
function showsPerson(card, a) {
  const m = a.person_match;
  if (!m) return true;
  if (!m.profile_path) return /** @type {string} */ (card.textContent).includes(m.name);
  const hrefs = new Set(a.person_hrefs || []);
  for (const link of card.querySelectorAll('a[href]')) if (hrefs.has(/** @type {string} */ (link.getAttribute('href')))) return true;
  return false;
}

/**
 * The click listener (capture, on the window).
 * @param {MouseEvent} ev
 */
export function onClickCapture(ev) {
  try {
    if (!ev.isTrusted || !state.cardSel || !(ev.target instanceof Element) || retired()) return;
    const target = ev.target;
    const card = cardOf(target);
    const entry = card && state.entries.get(card);
    const a = entry && entry.answer;
    if (!card || !entry || !a || !a.key) return; // no answer or no details yet: the click passes (fail-open)
    const controls = /** @type {NonNullable<Answer['controls']>} */ (a.controls);
    if (state.armed && state.armed.key === a.key) {
      const opener = [controls.reply, controls.message].map((l) => locate(card, l));
      if (opener.some((o) => o && o.contains(target))) {
        state.armed.openedAt = Date.now(); // the user opened this person's composer
        watchForComposer();
      }
    }
    if (!a.guard || state.heldKeys.has(a.key) || !showsPerson(card, a)) return;
    const accept = locate(card, controls.accept);
    if (!accept || !accept.contains(target)) return; // Ignore and the rest: never held
    // The whole prompt first, shown; only then is the click held. If anything fails
    // (the page takes the prompt out of the page, makes it inert…), the click
    // goes on to LinkedIn untouched.
    if (!showPrompt(buildPrompt(card, entry, accept))) return;
    ev.preventDefault();
    ev.stopImmediatePropagation();
    state.heldKeys.add(a.key); // never hold the same invitation twice
    record(a, 'prompt-shown');
  } catch (_) { /* fail-open: the click goes on to LinkedIn */ }
}

// ---- keyboard shortcut (manifest "commands", forwarded by the background) -------------
/** @type {Element | null} */
let lastShortcutCard = null;
/** Moves to the next flagged invitation after the last one shown and opens its prompt. */
export function nextFlagged() {
  try {
    if (!state.cardSel) return;
    const flagged = [...state.entries].filter(([c, e]) => c.isConnected && e.answer && e.answer.guard)
      .sort(([a], [b]) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
    if (!flagged.length) return;
    const at = flagged.findIndex(([c]) => c === lastShortcutCard);
    const [card, entry] = flagged[(at + 1) % flagged.length];
    const a = /** @type {Answer} */ (entry.answer);
    lastShortcutCard = card;
    card.scrollIntoView({ block: 'center' });
    // Seen in the prompt: Accept is not held again (if the prompt could be shown).
    const controls = /** @type {NonNullable<Answer['controls']>} */ (a.controls);
    if (openPrompt(card, entry, locate(card, controls.accept))) state.heldKeys.add(/** @type {string} */ (a.key));
  } catch (_) { /* fail-open */ }
}
