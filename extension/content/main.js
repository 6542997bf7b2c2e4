// @ts-check
// AskFirst content script: collect, ask the engine, execute. No LinkedIn knowledge here.
// Bundled by esbuild (build.sh) into the one content.js the manifest lists.
//
//   load / route change, on invitations and messaging pages only (routes.js, the
//   engine's rule as data) ──hello{url}──▶ engine: invitations page? selectors
//   MutationObserver(narrowest root) → batch (setTimeout 0, never in the callback)
//     new or changed card roots, ≤ 100 per task ──triage-cards{id, outerHTML}──▶ engine
//   ◀── per card: badge text and attributes, reasons — or "holds": the element wraps
//       other card roots, which are sent instead
//   ◀── card-details (the engine's next message, by card id): guard, controls {selector,
//       index, count}, reply, prompt actions, how to recognise this person's composer
//   badge  : one <span data-askfirst=badge> per person card (closed shadow root, text only)
//   guard  : first trusted click on a guarded card's Accept is held → the prompt
//   insert : an armed reply goes into the composer the user opens for that person (the
//            engine says whose it is: composer-owner{facts}; execCommand insertText, Send
//            must become enabled; else clipboard). Never sends.
//   threads: conversation threads on any page ──thread-seen{html}──▶ engine (answered?)
// Fail-open: no answer, an error, or anything thrown → LinkedIn behaves as without us.
//
// Modules (extension/content/), each owning one job; shared state is `state` (state.js):
//   main.js    this map, the double-injection guard and the wiring below
//   state.js   the shared state object and the types of what the engine sends
//   engine.js  messaging with the engine: send, report (toolbar icon), record (ledger)
//   route.js   hello, start / stop observing on route changes
//   routes.js  pure: does this page need the engine at all (routes.json, from Rust)?
//   collect.js observe, batch, drain cards to the engine, apply answers and card-details
//   batching.js  pure: chunk limits, a card's HTML as sent, halves, overdue details
//   badges.js  the badge hosts           styles.js  constructed sheets, the page's theme
//   guard.js   the Accept guard, the keyboard shortcut, Reply/Message clicks for insertion
//   prompt.js  the prompt: build, show, close, actions, notices, warm-up
//   shield.js  the prompt's keys, edits and copies kept from the page (window, capture)
//   insert.js  armed reply → the person's composer
//   threads.js answered detection (thread-seen)          dom.js    el, locate, domReady
//   i18n.js    t(key, subs): every user-visible string, from extension/_locales
//   retire.js  the extension reloaded or removed: step aside (what to undo: onRetire)
//   ceiling.js pure: our work counted per window against the engine's ceiling
//   aside.js   within / timed: count restarts, batches, messages and our milliseconds;
//              over the ceiling route.js steps aside ("could not read", a rest)
//
// Messages  out (runtime.sendMessage, engine.js send): hello (route), triage-cards
//             (collect), status (engine report), record (engine record, from guard,
//             prompt, insert), thread-seen (threads), composer-owner (insert: may the
//             armed reply go into this composer? src/core/composer.rs decides),
//             reply-length (prompt: is the edited reply over the card's limit?)
//           in (runtime.onMessage, below): card-details → collect.details,
//             next-flagged (the manifest command, via the background) → guard.nextFlagged,
//             settings-changed (the background saw storage.local's settings change) →
//             collect.onSettingsChanged
// Timers    batchTimer, drainTimer (setTimeout 0, collect), unreadableTimer (2 s, route),
//           detailsTimer (3 s after an answer, collect), the retry of a failed message
//           (2 s, collect), warmPrompt (idle callback or 0, then two frames, prompt),
//           threadTimer (1.5 s debounce, threads), armed.polling (50 ms, then every 100 ms
//           for 5 s, insert), the insertion's wait for Send (every 50 ms up to 1.5 s) and
//           its setTimeout 0 after focusin (insert), routePoll (setInterval 1 s, only
//           without the Navigation API, below). An armed reply expires after 5 min
//           (checked when a composer is looked at, no timer).
// Observers state.observer (the list container or root, collect.onMutations),
//           state.watcher (the root: the list replaced, route), threadWatcher (document
//           and the composers' shadow roots, from the first hello answer on) and one
//           observer per thread (threads). None before the first hello (routes.js).
// Listeners keys, input, composition, clipboard and selection events (window, capture,
//           the very first: shield, acting on the prompt's only), click (capture, guard),
//           focusin (capture, insert), popstate and navigation currententrychange
//           (route), from the first badge on pointerover and focusin (badge tooltips'
//           theme); the prompt's own on its elements. All but the shield's, the badges'
//           and the prompt's are removed when the extension is gone (retire.js).
import { state } from './state.js';
import { runtime, send } from './engine.js';
import { hello, onRoute, stop } from './route.js';
import { needsEngine } from './routes.js';
import { details, onSettingsChanged } from './collect.js';
import { onClickCapture, nextFlagged } from './guard.js';
import { onFocusIn } from './insert.js';
import { stopThreads } from './threads.js';
import { onRetire } from './retire.js';
import { shieldPrompt } from './shield.js';

/** @type {any} */
const g = globalThis;
// Injected twice (extension reload): keep one.
if (!g.__askfirstContent) {
  g.__askfirstContent = true;
  // The first listeners on window of all, before any page script's: the page never sees
  // what is typed in the prompt (shield.js).
  shieldPrompt();
  // The engine's answer to the first hello is on its way while the page is still parsing
  // (run_at document_start): when the DOM is ready its selectors are usually there
  // already, and the cards go to the engine right after the page's DOMContentLoaded.
  // Not on the rest of LinkedIn (feed, profiles, search…): there no hello goes out (it
  // would wake the worker and compile the engine), nothing observes the page, and only a
  // route change to an invitations or messaging page starts anything.
  const firstHello = needsEngine(location.href) ? send({ type: 'hello', url: location.href }) : null;

  runtime.onMessage.addListener((/** @type {any} */ message, /** @type {chrome.runtime.MessageSender} */ sender) => {
    if (!message || !sender || sender.id !== runtime.id) return;
    if (message.type === 'next-flagged') nextFlagged();
    else if (message.type === 'card-details') details(message.cards);
    // Every card already read is read again with the new settings (fit, plan, reply). The
    // background says so: this script cannot read storage.local (docs/security.md, 8).
    else if (message.type === 'settings-changed') onSettingsChanged();
  });

  window.addEventListener('click', onClickCapture, true);
  document.addEventListener('focusin', onFocusIn, true);
  addEventListener('popstate', onRoute);
  const nav = g.navigation;
  if (nav && typeof nav.addEventListener === 'function') {
    nav.addEventListener('currententrychange', onRoute);
  } else {
    state.routePoll = setInterval(onRoute, 1000); // browsers without the Navigation API
  }

  onRetire(() => {
    stop();
    state.cardSel = '';
    state.config = null;
    state.armed = null;
    window.removeEventListener('click', onClickCapture, true);
    document.removeEventListener('focusin', onFocusIn, true);
    removeEventListener('popstate', onRoute);
    if (nav && typeof nav.removeEventListener === 'function') {
      nav.removeEventListener('currententrychange', onRoute);
    }
    clearInterval(state.routePoll);
    stopThreads();
  });

  if (firstHello) hello(firstHello);
}
