// @ts-check
// Start and stop on route changes: every load and route change to an invitations or
// messaging page (routes.js) says hello to the engine, which answers whether this is an
// invitations page and with the selectors to read it. Other pages cost no message.
import { state, OBSERVE } from './state.js';
import { send, report } from './engine.js';
import { domReady } from './dom.js';
import { onMutations, schedule, batch, resend, checkListLater } from './collect.js';
import { removeBadge } from './badges.js';
import { closePrompt } from './prompt.js';
import { startThreads, stopThreads } from './threads.js';
import { retired } from './retire.js';
import { needsEngine } from './routes.js';
import { Meter } from './ceiling.js';
import { within, onOverCeiling } from './aside.js';

/**
 * Asks the engine about this page (or takes the answer to the first hello, `early`) and
 * starts, keeps or stops reading cards.
 * @param {Promise<any>} [early]
 */
export async function hello(early) {
  // Stepped aside (our work went over the engine's ceiling): this page rests a while.
  if (performance.now() < state.asideUntil) return;
  if (!within('messages')) return;
  const gen = ++state.generation;
  // An open prompt stays while this is still the same invitations page (LinkedIn adds a
  // query to the URL, a filter changes); stop() closes it when the user moved on.
  const answer = await (early || send({ type: 'hello', url: location.href }));
  if (gen !== state.generation) return;
  if (!answer || answer.ok !== true || !answer.limits || !answer.ceiling) {
    stop();
    state.cardSel = '';
    return report('engine-error');
  }
  state.config = answer; // its composer selectors serve armed replies on any page
  state.limits = answer.limits;
  // One meter for the page's life: a route change does not reset what was counted.
  if (!state.meter) state.meter = new Meter(answer.ceiling);
  startThreads();
  const sel = answer.active ? answer.cards.card_roots.join(',') : '';
  if (sel && sel === state.cardSel && state.observer) {
    // Still an invitations page (a filter, a query added by LinkedIn): keep the badges
    // and look at the whole list again. Answers still on their way belong to the old
    // generation and will be dropped: their cards are sent again.
    resend(state.inFlight.values());
    state.inFlight.clear();
    state.earlyDetails.clear();
    // Its card gone (another view of the invitations): the prompt's choices are moot.
    if (state.prompt && state.prompt.card && !state.prompt.card.isConnected) closePrompt(false);
    if (state.observed) state.queued.push(state.observed);
    return schedule();
  }
  stop();
  state.cardSel = sel;
  if (!sel) return report(answer.active ? 'unreadable' : 'idle');
  const parsed = domReady();
  if (parsed) {
    state.cardSel = ''; // nothing to read before the DOM is parsed
    await parsed;
    if (gen !== state.generation) return;
    state.cardSel = sel;
  }
  // Right away in the task of the engine's answer; but not inside the page's
  // DOMContentLoaded task. (Measured: looking in that task sends the first cards 5-25 ms
  // sooner, but on a 1,000-card page our first badges then land in the page's first
  // frame, whose style and layout became one task of 60-165 ms in 5 of 8 loads.)
  start(!parsed);
}

/**
 * Starts observing. `now`: read the cards already there in this task (the first look
 * after hello, no mutation to wait for); otherwise in the next batch.
 * @param {boolean} [now]
 */
export function start(now) {
  if (!within('restarts')) return;
  const config = /** @type {import('./state.js').Config} */ (state.config);
  // The invitation list when it is there (the narrowest container), else the page's
  // stable root until the list appears; a light watcher on the root notices when
  // LinkedIn replaces the list.
  /** @param {string[] | undefined} sels */
  const first = (sels) => {
    for (const sel of sels || []) {
      const found = document.querySelector(sel);
      if (found) return found;
    }
    return null;
  };
  const root = first(config.live.observe_roots) || document.documentElement;
  const list = first(config.cards.list_containers);
  // The list container may be the root itself (the screen container on <main>, issue #12):
  // then the list is there, and there is nothing to narrow to.
  const observed = list || root;
  state.observed = observed;
  state.observer = new MutationObserver(onMutations);
  state.observer.observe(observed, OBSERVE);
  if (observed !== root) {
    state.watcher = new MutationObserver(() => {
      if (!observed.isConnected || !(config.cards.list_containers || []).some((s) => observed.matches(s))) schedule();
    });
    state.watcher.observe(root, { childList: true, subtree: true });
  } else if (!list && config.cards.list_containers && config.cards.list_containers.length) {
    state.narrowing = true; // observing the root: move to the list once it appears
  }
  state.queued.push(observed);
  if (now) batch();
  else schedule();
  // No card after a while: without the list, LinkedIn's markup is not what the engine
  // knows; with it, the engine says whether the list is empty or unreadable. Shown on the
  // toolbar icon and in the popup (cards that show up later turn it back to active).
  checkListLater();
}

/**
 * Stops observing and forgets every card (their badges go); the prompt closes unless
 * `keepPrompt`.
 * @param {boolean} [keepPrompt]
 */
export function stop(keepPrompt) {
  if (state.observer) state.observer.disconnect();
  if (state.watcher) state.watcher.disconnect();
  state.observer = state.watcher = null;
  state.narrowing = false;
  clearTimeout(state.batchTimer);
  clearTimeout(state.drainTimer);
  clearTimeout(state.unreadableTimer);
  state.batchTimer = state.drainTimer = 0;
  state.backlog.clear();
  state.queued = [];
  state.touched = [];
  for (const entry of state.entries.values()) removeBadge(entry);
  state.entries.clear();
  state.innerOf = new WeakMap();
  state.inFlight.clear();
  state.awaitingDetails.clear();
  state.earlyDetails.clear();
  clearTimeout(state.detailsTimer);
  state.detailsTimer = 0;
  if (!keepPrompt) closePrompt(false);
}

/**
 * The URL changed (popstate, the Navigation API, or the poll): hello again, or, on a page
 * the engine has nothing to do on (routes.js), stop without a word to it.
 */
export function onRoute() {
  if (location.href === state.lastUrl || retired()) return;
  state.lastUrl = location.href;
  if (needsEngine(location.href)) return void hello();
  ++state.generation; // a hello still on its way is for the page left
  stop();
  state.cardSel = '';
  report('idle'); // a message only if the toolbar icon showed a problem
}

// Over the ceiling: stop reading this page, say "could not read" on the toolbar icon, and
// ignore route changes for the engine's rest (a page that restarts us without end gets
// one window of our work in each rest, at most). LinkedIn keeps working: nothing of ours
// is left in the page.
onOverCeiling(() => {
  ++state.generation; // answers on their way are dropped
  stop();
  stopThreads();
  state.cardSel = '';
  state.asideUntil = performance.now() + (state.meter ? state.meter.ceiling.rest_ms : 0);
  report('unreadable');
});
