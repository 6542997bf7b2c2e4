// @ts-check
// Observe and collect: the page's mutations are only remembered in the observer's
// callback; a batch (setTimeout 0) finds the card roots they touched, and `drain` sends
// them to the engine, one chunk per task. The answers put badges on the cards; the
// `card-details` that follow complete them for the guard, the prompt and insertion.
import { state, OBSERVE, DETAILS_MS, RETRY_MS, UNREADABLE_MS } from './state.js';
import { send, report } from './engine.js';
import { locate } from './dom.js';
import { chunkFull, cardBytes, cardHtml, halves, overdue } from './batching.js';
import { renderBadge, removeBadge, hasBadge } from './badges.js';
import { warmPrompt } from './prompt.js';
import { stop, start } from './route.js';
import { retired } from './retire.js';
import { timed, within } from './aside.js';

/** @typedef {import('./state.js').Entry} Entry */
/** @typedef {import('./state.js').Answer} Answer */

/**
 * The observer's callback: only remember what changed; the work happens in a batch after
 * the mutations.
 * @param {MutationRecord[]} records
 */
export const onMutations = timed(function onMutations(records) {
  for (const r of records) {
    // Our own badge going in (we pause the observer while we write, so this is rare); a
    // record that takes a badge out is the page's doing: that card needs its badge back.
    if (r.type === 'childList' && r.addedNodes.length && !r.removedNodes.length && isOurs(r.addedNodes)) continue;
    if (r.removedNodes.length) state.removals = true;
    state.touched.push(r.target);
    for (const n of r.addedNodes) state.queued.push(n);
  }
  if (state.touched.length) schedule();
});

/** @param {NodeList} nodes */
const isOurs = (nodes) => {
  for (let i = 0; i < nodes.length; i++) if (!state.ourBadges.has(nodes[i])) return false;
  return true;
};

export function schedule() {
  if (!state.batchTimer) state.batchTimer = setTimeout(batch, 0);
}

/**
 * The card root an element belongs to. The engine owns the nesting rule: we take the
 * outermost match, and when the engine answered that it wraps other card roots, the one
 * of those that holds the element.
 * @param {Element} el
 * @returns {Element | null}
 */
export function cardOf(el) {
  const cardSel = state.cardSel;
  let card = el.closest(cardSel);
  for (let up = card && card.parentElement; up && (up = up.closest(cardSel)); up = up.parentElement) card = up;
  const inner = card && state.entries.get(card)?.inner;
  return (inner && inner.find((c) => c.contains(el))) || card;
}

/** The mutations since the last batch: which cards are dirty (then `drain` sends them). */
export const batch = timed(function batch() {
  state.batchTimer = 0;
  if (!state.cardSel || retired() || !within('batches')) return;
  const config = /** @type {import('./state.js').Config} */ (state.config);
  const replaced = state.observed && !state.observed.isConnected;
  const listAppeared = state.narrowing && (config.cards.list_containers || []).some((s) => document.querySelector(s));
  if (replaced || listAppeared) {
    // Start again on the new container (badges are re-made, never duplicated).
    stop(true);
    return start();
  }
  const nodes = state.queued;
  const parents = state.touched;
  state.queued = [];
  state.touched = [];
  if (state.removals) {
    // Forget cards LinkedIn removed (their badges went with them).
    state.removals = false;
    /** @type {string[]} */
    const gone = [];
    for (const [card, entry] of state.entries) {
      if (!card.isConnected) {
        if (entry.answer && entry.answer.key) gone.push(entry.answer.key);
        state.entries.delete(card);
        if (entry.id) forget(entry.id);
        // Out of the page with the card, but LinkedIn may put the same node back: it
        // must not come back with a badge nobody knows of.
        removeBadge(entry);
      }
    }
    // Accepted, ignored or withdrawn: off the popup's list of flagged invitations. The
    // last one gone, the list may be empty now: the engine looks at it again.
    if (gone.length) send({ type: 'cards-gone', url: location.href, keys: gone.slice(0, state.limits.max_cards_per_message) });
    if (!state.entries.size) checkListLater();
  }
  /** @type {Set<Element>} */
  const dirty = new Set();
  try {
    for (const node of nodes) {
      const el = node.nodeType === 1 ? /** @type {Element} */ (node) : node.parentElement;
      if (!el || !el.isConnected) continue;
      const card = cardOf(el);
      if (card) dirty.add(card);
      else if (el.firstElementChild) for (const c of el.querySelectorAll(state.cardSel)) dirty.add(c);
    }
    // A changed parent outside every card (the list itself) needs no look inside: what
    // was added to it is in `nodes`, what left it is handled by `removals`. (Looking
    // inside serialised every card of the list again whenever LinkedIn appended one.)
    for (const node of new Set(parents)) {
      const el = node.nodeType === 1 ? /** @type {Element} */ (node) : node.parentElement;
      const card = el && el.isConnected && cardOf(el);
      if (card) dirty.add(card);
    }
    for (const card of dirty) state.backlog.add(card);
    drain();
  } catch (_) {
    report('engine-error'); // never let an exception reach LinkedIn
  }
});

/**
 * No card in the list for a while: in `UNREADABLE_MS`, unless cards came meanwhile, the
 * list goes to the engine (`checkList`), or, with no list container found, the page is
 * unreadable.
 */
export function checkListLater() {
  const gen = state.generation;
  clearTimeout(state.unreadableTimer);
  state.unreadableTimer = setTimeout(() => {
    if (gen !== state.generation || !state.cardSel || state.entries.size) return;
    const lists = (state.config && state.config.cards.list_containers) || [];
    const list = state.observed;
    if (list && list.isConnected && lists.some((sel) => list.matches(sel))) checkList();
    else report('unreadable');
  }, UNREADABLE_MS);
}

/**
 * The list without a card: its HTML to the engine, which says whether it is LinkedIn's
 * "no pending invitations" or markup it does not know (src/core/linkedin/empty.rs). The
 * background shows its answer on the toolbar and in the popup; we only remember it.
 */
export async function checkList() {
  const gen = state.generation;
  const list = state.observed;
  if (!list) return;
  const html = list.outerHTML;
  // Half the engine's cap in UTF-16 units leaves room for multi-byte text: a list this
  // big is not empty.
  if (html.length > state.limits.max_card_html_bytes / 2) return report('unreadable');
  const answer = await send({ type: 'list-seen', url: location.href, html });
  if (gen !== state.generation || state.entries.size) return;
  if (answer && answer.ok === true && (answer.state === 'empty' || answer.state === 'unreadable')) state.shownState = answer.state;
  else report('engine-error');
}

/**
 * An id whose answer or details will never be applied.
 * @param {string} id
 */
export function forget(id) {
  state.inFlight.delete(id);
  state.awaitingDetails.delete(id);
  state.earlyDetails.delete(id);
}

/**
 * Cards whose answer will never be applied: forget what was sent, so they are sent again.
 * @param {Iterable<Element>} cards
 */
export function resend(cards) {
  for (const card of cards) {
    const entry = state.entries.get(card);
    if (entry) entry.html = '';
    state.backlog.add(card);
  }
}

/**
 * Serialises and sends at most one chunk of cards per task, so that a thousand cards
 * never make one long task (and the first badges come sooner).
 */
export const drain = timed(function drain() {
  state.drainTimer = 0;
  const cardSel = state.cardSel;
  if (!cardSel) return;
  const { backlog, entries } = state;
  try {
    /** @type {{ id: string, html: string, hidden?: boolean }[]} */
    const cards = [];
    /** @type {[Element, Entry][]} read as before, but the page took its badge away */
    const restore = [];
    let bytes = 0;
    for (const card of backlog) {
      // A match inside another match is part of that card, unless the engine named it.
      if (!card.isConnected || (card.parentElement && card.parentElement.closest(cardSel) && !state.innerOf.has(card))) {
        backlog.delete(card);
        continue;
      }
      if (chunkFull(cards.length, bytes, state.limits)) break;
      backlog.delete(card);
      /** @type {Entry} */
      const entry = entries.get(card) || { id: '', html: '', answer: null, badge: null, retried: false };
      const ours = [];
      for (const c of card.children) if (state.ourBadges.has(c)) ours.push(c.outerHTML);
      const html = cardHtml(card.outerHTML, ours);
      if (html === entry.html) {
        // The same invitation: LinkedIn rendered it again without our badge.
        if (entry.answer && !hasBadge(card, entry)) restore.push([card, entry]);
        continue;
      }
      // Over the engine's limit even in UTF-16 units (UTF-8 is never shorter): not sent.
      if (html.length > state.limits.max_card_html_bytes) continue;
      if (entry.id) forget(entry.id);
      entry.id = `${state.idPrefix}${state.nextId++}`;
      entry.html = html;
      entries.set(card, entry);
      state.inFlight.set(entry.id, card);
      // A fact its outerHTML does not carry: the card sits in a hidden element (the
      // engine does not read what the user is not shown).
      if (card.parentElement && card.parentElement.closest('[hidden]')) cards.push({ id: entry.id, html, hidden: true });
      else cards.push({ id: entry.id, html });
      bytes += cardBytes(html);
    }
    if (cards.length) triage(cards, state.freshSettings);
    if (restore.length) {
      quietly(() => {
        for (const [card, entry] of restore) {
          try {
            renderBadge(card, entry);
          } catch (_) {
            removeBadge(entry);
          }
        }
      });
    }
  } catch (_) {
    report('engine-error');
  }
  if (!backlog.size) state.freshSettings = false;
  else if (!state.drainTimer) state.drainTimer = setTimeout(drain, 0);
});

/**
 * One chunk of cards to the engine (`triage-cards`), and its answer applied.
 * @param {{ id: string, html: string, hidden?: boolean }[]} cards
 * @param {boolean} fresh the engine reads the settings afresh
 * @returns {Promise<unknown>}
 */
async function triage(cards, fresh) {
  const gen = state.generation;
  /** @type {{ type: string, url: string, cards: { id: string, html: string, hidden?: boolean }[], fresh?: boolean }} */
  const message = { type: 'triage-cards', url: location.href, cards };
  if (fresh) message.fresh = true;
  if (!within('messages')) return; // stepped aside: this page is not read
  const answer = await send(message);
  if (gen !== state.generation) return;
  const split = answer && answer.code === 'too-large' ? halves(cards) : null;
  if (split) {
    // Our estimate missed (rare escapes): the halves fit.
    return Promise.all([triage(split[0], fresh), triage(split[1], fresh)]);
  }
  if (!answer || answer.ok !== true || !Array.isArray(answer.cards)) {
    // Not "read": the next look at these cards (a change in the list, a route change)
    // sends them again; and, when the engine failed on its way (no answer, or an engine
    // error: its worker stopped mid-message, a storage read failed), once more on its
    // own a little later, so that a list that never changes still gets its badges. Not
    // when the engine cannot start at all (engine-down).
    /** @type {Element[]} */
    const again = [];
    const transient = !answer || answer.code === 'engine-error';
    for (const c of cards) {
      const card = state.inFlight.get(c.id);
      const entry = card && state.entries.get(card);
      forget(c.id);
      if (!card || !entry || entry.id !== c.id) continue;
      entry.html = '';
      if (transient && !entry.retried) {
        entry.retried = true;
        again.push(card);
      }
    }
    if (again.length) {
      setTimeout(() => {
        if (gen !== state.generation || retired()) return;
        resend(again.filter((card) => card.isConnected && state.entries.has(card)));
        if (state.backlog.size && !state.drainTimer) state.drainTimer = setTimeout(drain, 0);
      }, RETRY_MS);
    }
    return report('engine-error');
  }
  quietly(() => apply(answer));
}

/**
 * Our own badge insertions need no observing: keep LinkedIn's pending changes, pause the
 * observer while we write, and resume.
 * @param {() => void} write
 */
export function quietly(write) {
  if (state.observer) onMutations(state.observer.takeRecords());
  if (state.observer) state.observer.disconnect();
  try {
    write();
  } finally {
    if (state.observer && state.observed) state.observer.observe(state.observed, OBSERVE);
  }
}

/**
 * The engine's answer to a `triage-cards` message: badges on, off, or other roots to send.
 * @param {{ cards: Answer[] }} answer
 */
const apply = timed(function apply(answer) {
  const { entries } = state;
  try {
    let readable = 0;
    for (const a of answer.cards) {
      const card = state.inFlight.get(a.id);
      if (!card) continue; // replaced by a newer version meanwhile
      const early = state.earlyDetails.get(a.id);
      forget(a.id);
      const entry = entries.get(card);
      if (!entry || entry.id !== a.id) continue;
      entry.retried = false; // answered: a later failure may be retried once again
      if (a.status !== 'unread') readable++;
      if (!card.isConnected) {
        entries.delete(card);
        removeBadge(entry);
        continue;
      }
      if (a.status === 'holds') {
        holds(card, entry, a.roots || []);
      } else if (a.person) {
        entry.answer = a;
        if (early) Object.assign(a, early);
        else state.awaitingDetails.set(a.id, [card, entry, performance.now()]);
        try {
          renderBadge(card, entry);
        } catch (_) {
          // The page broke our badge (e.g. took it out as it was added): no badge, the rest
          // of the cards and the guard go on.
          removeBadge(entry);
        }
      } else {
        entry.answer = null; // not a person, or unreadable: leave the card alone
        removeBadge(entry);
      }
    }
    if (state.awaitingDetails.size && !state.detailsTimer) state.detailsTimer = setTimeout(detailsMissing, DETAILS_MS);
    if (readable) {
      report('active');
      // The prompt's first style and layout, before the user's first Accept click needs
      // them (not when the click is held: it is on the way to the prompt being painted).
      if (!state.promptWarmed) {
        state.promptWarmed = true;
        if (typeof requestIdleCallback === 'function') requestIdleCallback(warmPrompt);
        else setTimeout(warmPrompt, 0);
      }
    }
    // (Not while other messages are out: their cards may be readable.)
    else if (!state.inFlight.size && (!entries.size || [...entries.values()].every((e) => !e.answer))) report('unreadable');
  } catch (_) {
    report('engine-error');
  }
});

/**
 * The engine says this element wraps other card roots: they become the cards (each sent
 * on its own); the wrapper keeps no answer. A root the engine no longer names is dropped.
 * @param {Element} wrapper
 * @param {Entry} entry
 * @param {import('./state.js').Locator[]} roots
 */
function holds(wrapper, entry, roots) {
  entry.answer = null;
  removeBadge(entry);
  const inner = /** @type {Element[]} */ (roots.map((loc) => locate(wrapper, loc)).filter(Boolean));
  for (const old of entry.inner || []) {
    if (inner.includes(old)) continue;
    const e = state.entries.get(old);
    if (e) removeBadge(e);
    state.entries.delete(old);
    state.innerOf.delete(old);
  }
  entry.inner = inner;
  for (const c of inner) {
    state.innerOf.set(c, wrapper);
    state.backlog.add(c);
  }
  if (state.backlog.size && !state.drainTimer) state.drainTimer = setTimeout(drain, 0);
}

/**
 * The engine's details for cards it answered (or is answering: they may overtake it), a
 * `card-details` message. Details for a card sent again since, or for another page, are
 * dropped.
 * @param {unknown} cards
 */
export const details = timed(function details(cards) {
  try {
    if (!Array.isArray(cards)) return;
    for (const d of cards) {
      if (!d || typeof d.id !== 'string' || typeof d.key !== 'string') continue;
      const [, entry] = state.awaitingDetails.get(d.id) || [];
      state.awaitingDetails.delete(d.id);
      if (entry && entry.id === d.id && entry.answer) {
        Object.assign(entry.answer, d);
        entry.detailsRetried = false; // a later loss is sent again too
      } else if (!entry && state.inFlight.has(d.id)) state.earlyDetails.set(d.id, d);
    }
  } catch (_) { /* fail-open: those cards stay unguarded */ }
});

/** Details still missing `DETAILS_MS` after their answer: those cards are sent once more. */
function detailsMissing() {
  state.detailsTimer = 0;
  try {
    /** @type {Element[]} */
    const again = [];
    const waiting = [...state.awaitingDetails].map(([id, [card, entry, at]]) =>
      /** @type {[string, [Element, Entry], number]} */ ([id, [card, entry], at]));
    const { due, again: later } = overdue(waiting, performance.now(), DETAILS_MS);
    if (later) state.detailsTimer = setTimeout(detailsMissing, later);
    for (const [id, [card, entry]] of due) {
      state.awaitingDetails.delete(id);
      if (entry.id !== id || entry.detailsRetried || !card.isConnected) continue;
      entry.detailsRetried = true;
      again.push(card);
    }
    if (again.length) {
      resend(again);
      drain();
    }
  } catch (_) { /* fail-open */ }
}

/**
 * The settings changed (the background forwards storage.local's change: this script may not
 * read storage): every card already read is read again with the new settings (fit, plan,
 * reply).
 */
export function onSettingsChanged() {
  try {
    if (!state.cardSel) return;
    state.freshSettings = true;
    for (const [card, entry] of state.entries) {
      entry.html = ''; // not "unchanged": send it again
      state.backlog.add(card);
    }
    drain();
  } catch (_) { /* fail-open */ }
}
