// @ts-check
// Answered detection: conversation threads on any LinkedIn page (the messaging page,
// overlay bubbles, also inside #interop-outlet) go to the engine (`thread-seen`), which
// records in the ledger when the other person answered us
// (src/core/linkedin/messaging.rs). Debounced; a thread is sent again only when it changed.
import { state } from './state.js';
import { send } from './engine.js';
import { composerRoots } from './insert.js';
import { domReady } from './dom.js';

const THREAD_MS = 1500;
/** @type {WeakMap<Element, string>} thread root → the HTML last sent */
const threadsSent = new WeakMap();
/** @type {WeakSet<Node>} shadow roots watched for threads */
const watchedRoots = new WeakSet();
// Each thread seen has its own observer: a thread is serialised again only when
// something in it changed, not on every mutation anywhere in the page (a long thread's
// outerHTML is costly, and LinkedIn's pages never stop changing).
/** @type {WeakSet<Element>} */
const threadsWatched = new WeakSet();
/** @type {WeakSet<Element>} */
const threadsChanged = new WeakSet();
let threadTimer = 0;
const armThreads = () => {
  if (!threadTimer && !state.isRetired) threadTimer = setTimeout(scanThreads, THREAD_MS);
};
const threadWatcher = new MutationObserver(armThreads);
// Messages come and go as nodes, their text may be rewritten; attributes (hover and
// focus classes) change all the time and are not worth a new look.
const THREAD_CHANGES = { childList: true, subtree: true, characterData: true };
/** @param {MutationRecord} record */
const inComposer = (record) => {
  const el = record.target.nodeType === 1 ? /** @type {Element} */ (record.target) : record.target.parentElement;
  return !!(el && state.config && el.closest(state.config.live.composer.form));
};

let watching = false;

/**
 * The first look, once the engine's selectors are in (route.js, after each hello); from
 * the first on, the document is watched for threads (once it is parsed: not every node
 * the parser adds). Never before: a page that needs no engine is not observed at all.
 */
export function startThreads() {
  if (!watching) {
    watching = true;
    const parsed = domReady();
    if (parsed) parsed.then(watchThreads);
    else watchThreads();
  }
  if (!threadTimer) threadTimer = setTimeout(scanThreads, THREAD_MS);
}

function scanThreads() {
  threadTimer = 0;
  try {
    if (!state.config) return;
    const sel = state.config.live.composer.conversation;
    for (const r of composerRoots()) {
      if (r !== document && !watchedRoots.has(r)) {
        watchedRoots.add(r);
        threadWatcher.observe(r, { childList: true, subtree: true });
      }
      for (const thread of r.querySelectorAll(sel)) {
        if (thread.parentElement && thread.parentElement.closest(sel)) continue; // outermost only
        if (!threadsWatched.has(thread)) {
          threadsWatched.add(thread);
          new MutationObserver((records) => {
            // Text going into the message box (typed, pasted, or our own reply) is not a
            // new message: read then, the thread would still end with their older one
            // and look answered before the ask is even sent.
            if (records.every(inComposer)) return;
            threadsChanged.add(thread);
            armThreads();
          }).observe(thread, THREAD_CHANGES);
        } else if (!threadsChanged.has(thread)) {
          continue; // unchanged since it was last looked at
        }
        threadsChanged.delete(thread);
        const html = thread.outerHTML;
        // Half the engine's cap in UTF-16 units leaves room for multi-byte text.
        if (html.length > state.limits.max_thread_message_bytes / 2 || threadsSent.get(thread) === html) continue;
        threadsSent.set(thread, html);
        send({ type: 'thread-seen', html });
      }
    }
  } catch (_) { /* fail-open */ }
}

/**
 * Watches the document for threads coming and going. The document itself: it is there
 * whatever the page holds, and overlay bubbles open on any page.
 */
function watchThreads() {
  if (!state.isRetired) threadWatcher.observe(document, { childList: true, subtree: true });
}

/** Stops watching threads (the extension is gone). */
export function stopThreads() {
  threadWatcher.disconnect();
  clearTimeout(threadTimer);
}
