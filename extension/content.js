// AskFirst content script: collect, ask the engine, execute. No LinkedIn knowledge here.
//
//   load / route change ──hello{url}──────────────▶ engine: invitations page? selectors
//   MutationObserver(narrowest root) → batch (setTimeout 0, never in the callback)
//     new or changed card roots, ≤ 100 per task ──triage-cards{id, outerHTML}──▶ engine
//   ◀── per card: badge text and attributes, reasons — or "holds": the element wraps
//       other card roots, which are sent instead
//   ◀── card-details (the engine's next message, by card id): guard, controls {selector,
//       index, count}, reply, prompt actions, how to recognise this person's composer
//   badge  : one <askfirst-badge> per person card (closed shadow root, text only)
//   guard  : first trusted click on a guarded card's Accept is held → <askfirst-prompt>
//   insert : an armed reply goes into the composer the user opens for that person
//            (execCommand insertText, Send must become enabled; else clipboard). Never sends.
// Fail-open: no answer, an error, or anything thrown → LinkedIn behaves as without us.
(() => {
  'use strict';
  if (globalThis.__askfirstContent) return; // injected twice (extension reload): keep one
  globalThis.__askfirstContent = true;

  const runtime = (globalThis.browser && globalThis.browser.runtime) || chrome.runtime;
  // Cards per task and message (capped by the engine's limit). Smaller messages bring the
  // first badges sooner but the last ones later (measured: 10 + 30s, 25s and 10s all
  // cost 15–30 ms more to the last of 100 badges: per-message work on both sides).
  const CHUNK_CARDS = 100;
  // The engine's size limits come with the hello answer (`limits`, in UTF-8 bytes).
  const ARM_MS = 5 * 60 * 1000; // an armed reply waits this long for its composer
  // A composer that names nobody is taken for the armed person's only this soon after the
  // user's own click on that card's Reply or Message control.
  const OPENED_MS = 4000;
  const VERIFY_MS = 1500; // how long Send may take to become enabled after insertion
  const OBSERVE = { childList: true, subtree: true, characterData: true };
  const UNREADABLE_MS = 2000; // grace for LinkedIn to render the list before "unreadable"

  // ---- state --------------------------------------------------------------------------
  let config = null; // the hello answer while active
  let limits = null; // the engine's message limits (from the hello answer)
  const chunkCards = () => Math.min(CHUNK_CARDS, limits.max_cards_per_message);
  let cardSel = '';
  let generation = 0; // bumps on every start/stop: stale answers are dropped
  let observer = null;
  let observed = null;
  let watcher = null; // notices a replaced list container
  let narrowing = false; // observing the page root until the list container appears
  let queued = []; // added nodes (and roots to scan), processed in the next batch
  let touched = []; // parents whose children or text changed: only their card is dirty
  let batchTimer = 0;
  const backlog = new Set(); // card roots to (re)send, in page order
  let drainTimer = 0;
  let removals = false; // some nodes went away since the last batch
  // The settings changed: until the backlog is sent, the engine reads them afresh (it may
  // hear of the change after we do).
  let freshSettings = false;
  let unreadableTimer = 0;
  let nextId = 1;
  // Card ids are unique to this page load: the engine's details for a page reloaded or left
  // while it was answering must never land on the new page's cards.
  const idPrefix = (() => {
    try {
      return `${crypto.randomUUID().slice(0, 8)}-`;
    } catch (_) {
      return `${Math.random().toString(36).slice(2, 10)}-`;
    }
  })();
  const entries = new Map(); // card root → {id, html, answer, badge, inner, detailsRetried}
  let innerOf = new WeakMap(); // card root the engine named inside a wrapper → wrapper
  const inFlight = new Map(); // temporary id → card root
  // The prompt's parts follow each answer in a `card-details` message; until they are in,
  // the card has its badge but no guard (a click on Accept passes).
  const awaitingDetails = new Map(); // temporary id → [card, entry, answered at]
  const earlyDetails = new Map(); // temporary id → details that came before the answer
  // Details still missing this long after their answer (the worker stopped in between?):
  // those cards are sent once more; if that fails too, they stay unguarded (fail-open).
  const DETAILS_MS = 3000;
  const RETRY_MS = 2000; // cards whose message the engine failed on are sent once more then
  let detailsTimer = 0;
  const heldKeys = new Set(); // invitation keys whose Accept was held once (never twice)
  let armed = null; // {key, answer, text, until, known:Set<editor>, openedAt, polling}
  let prompt = null; // the open prompt
  let lastUrl = location.href;
  let routePoll = 0; // the route check's interval, where there is no Navigation API
  let isRetired = false; // the extension was reloaded or removed: see retired()

  const send = (message) => {
    try {
      return Promise.resolve(runtime.sendMessage(message)).catch(() => null);
    } catch (_) {
      return Promise.resolve(null); // extension reloaded or gone: fail open
    }
  };
  // The engine's answer to the first hello is on its way while the page is still parsing
  // (run_at document_start): when the DOM is ready its selectors are usually there
  // already, and the cards go to the engine right after the page's DOMContentLoaded.
  const firstHello = send({ type: 'hello', url: location.href });
  // Resolves once the DOM is parsed (cards may be read), at once if it already is.
  const domReady = () => document.readyState !== 'loading' ? null
    : new Promise((resolve) => document.addEventListener('DOMContentLoaded', resolve, { once: true }));

  // The toolbar icon only changes when we stop working or start again: 'active' and 'idle'
  // look the same (no badge), which is also how every tab starts.
  let shownState = 'fine';
  const report = (state) => {
    const shown = state === 'active' || state === 'idle' ? 'fine' : state;
    if (shown === shownState) return;
    shownState = shown;
    send({ type: 'status', url: location.href, state });
  };

  // ---- start / stop on route changes ---------------------------------------------------
  async function hello(early) {
    const gen = ++generation;
    // An open prompt stays while this is still the same invitations page (LinkedIn adds a
    // query to the URL, a filter changes); stop() closes it when the user moved on.
    const answer = await (early || send({ type: 'hello', url: location.href }));
    if (gen !== generation) return;
    if (!answer || answer.ok !== true || !answer.limits) {
      stop();
      cardSel = '';
      return report('engine-error');
    }
    config = answer; // its composer selectors serve armed replies on any page
    limits = answer.limits;
    if (!threadTimer) threadTimer = setTimeout(scanThreads, THREAD_MS);
    const sel = answer.active ? answer.cards.card_roots.join(',') : '';
    if (sel && sel === cardSel && observer) {
      // Still an invitations page (a filter, a query added by LinkedIn): keep the badges
      // and look at the whole list again. Answers still on their way belong to the old
      // generation and will be dropped: their cards are sent again.
      resend(inFlight.values());
      inFlight.clear();
      earlyDetails.clear();
      // Its card gone (another view of the invitations): the prompt's choices are moot.
      if (prompt && prompt.card && !prompt.card.isConnected) closePrompt(false);
      queued.push(observed);
      return schedule();
    }
    stop();
    cardSel = sel;
    if (!sel) return report(answer.active ? 'unreadable' : 'idle');
    const parsed = domReady();
    if (parsed) {
      cardSel = ''; // nothing to read before the DOM is parsed
      await parsed;
      if (gen !== generation) return;
      cardSel = sel;
    }
    // Right away in the task of the engine's answer; but not inside the page's
    // DOMContentLoaded task. (Measured: looking in that task sends the first cards 5-25 ms
    // sooner, but on a 1,000-card page our first badges then land in the page's first
    // frame, whose style and layout became one task of 60-165 ms in 5 of 8 loads.)
    start(!parsed);
  }

  // `now`: read the cards already there in this task (the first look after hello, no
  // mutation to wait for); otherwise in the next batch.
  function start(now) {
    // The invitation list when it is there (the narrowest container), else the page's
    // stable root until the list appears; a light watcher on the root notices when
    // LinkedIn replaces the list.
    const first = (sels) => {
      for (const sel of sels || []) {
        const found = document.querySelector(sel);
        if (found) return found;
      }
      return null;
    };
    const root = first(config.live.observe_roots) || document.documentElement;
    observed = first(config.cards.list_containers) || root;
    observer = new MutationObserver(onMutations);
    observer.observe(observed, OBSERVE);
    if (observed !== root) {
      watcher = new MutationObserver(() => {
        if (!observed.isConnected || !(config.cards.list_containers || []).some((s) => observed.matches(s))) schedule();
      });
      watcher.observe(root, { childList: true, subtree: true });
    } else if (config.cards.list_containers && config.cards.list_containers.length) {
      narrowing = true; // observing the root: move to the list once it appears
    }
    queued.push(observed);
    if (now) batch();
    else schedule();
    // Neither a card nor the list after a while: LinkedIn's markup is not what the engine
    // knows. Say so on the toolbar icon (cards that show up later turn it back to active).
    const gen = generation;
    clearTimeout(unreadableTimer);
    unreadableTimer = setTimeout(() => {
      if (gen === generation && cardSel && !entries.size && observed === root) report('unreadable');
    }, UNREADABLE_MS);
  }

  function stop(keepPrompt) {
    if (observer) observer.disconnect();
    if (watcher) watcher.disconnect();
    observer = watcher = null;
    narrowing = false;
    clearTimeout(batchTimer);
    clearTimeout(drainTimer);
    clearTimeout(unreadableTimer);
    batchTimer = drainTimer = 0;
    backlog.clear();
    queued = [];
    touched = [];
    for (const entry of entries.values()) removeBadge(entry);
    entries.clear();
    innerOf = new WeakMap();
    inFlight.clear();
    awaitingDetails.clear();
    earlyDetails.clear();
    clearTimeout(detailsTimer);
    detailsTimer = 0;
    if (!keepPrompt) closePrompt(false);
  }

  function onRoute() {
    if (location.href === lastUrl || retired()) return;
    lastUrl = location.href;
    hello();
  }

  // ---- collecting cards ----------------------------------------------------------------
  function onMutations(records) {
    // Only remember what changed; the work happens in a batch after the mutations.
    for (const r of records) {
      // Our own badge going in (we pause the observer while we write, so this is rare); a
      // record that takes a badge out is the page's doing: that card needs its badge back.
      if (r.type === 'childList' && r.addedNodes.length && !r.removedNodes.length && isOurs(r.addedNodes)) continue;
      if (r.removedNodes.length) removals = true;
      touched.push(r.target);
      for (const n of r.addedNodes) queued.push(n);
    }
    if (touched.length) schedule();
  }

  const isOurs = (nodes) => {
    for (let i = 0; i < nodes.length; i++) if (!ourBadges.has(nodes[i])) return false;
    return true;
  };

  function schedule() {
    if (!batchTimer) batchTimer = setTimeout(batch, 0);
  }

  // The card root an element belongs to. The engine owns the nesting rule: we take the
  // outermost match, and when the engine answered that it wraps other card roots, the
  // one of those that holds the element.
  function cardOf(el) {
    let card = el.closest(cardSel);
    for (let up = card && card.parentElement; up && (up = up.closest(cardSel)); up = up.parentElement) card = up;
    const inner = card && entries.get(card)?.inner;
    return (inner && inner.find((c) => c.contains(el))) || card;
  }

  function batch() {
    batchTimer = 0;
    if (!cardSel || retired()) return;
    const replaced = observed && !observed.isConnected;
    const listAppeared = narrowing && (config.cards.list_containers || []).some((s) => document.querySelector(s));
    if (replaced || listAppeared) {
      // Start again on the new container (badges are re-made, never duplicated).
      stop(true);
      return start();
    }
    const nodes = queued;
    const parents = touched;
    queued = [];
    touched = [];
    if (removals) {
      // Forget cards LinkedIn removed (their badges went with them).
      removals = false;
      for (const [card, entry] of entries) {
        if (!card.isConnected) {
          entries.delete(card);
          if (entry.id) forget(entry.id);
          // Out of the page with the card, but LinkedIn may put the same node back: it
          // must not come back with a badge nobody knows of.
          removeBadge(entry);
        }
      }
    }
    const dirty = new Set();
    try {
      for (const node of nodes) {
        const el = node.nodeType === 1 ? node : node.parentElement;
        if (!el || !el.isConnected) continue;
        const card = cardOf(el);
        if (card) dirty.add(card);
        else if (el.firstElementChild) for (const c of el.querySelectorAll(cardSel)) dirty.add(c);
      }
      // A changed parent outside every card (the list itself) needs no look inside: what
      // was added to it is in `nodes`, what left it is handled by `removals`. (Looking
      // inside serialised every card of the list again whenever LinkedIn appended one.)
      for (const node of new Set(parents)) {
        const el = node.nodeType === 1 ? node : node.parentElement;
        const card = el && el.isConnected && cardOf(el);
        if (card) dirty.add(card);
      }
      for (const card of dirty) backlog.add(card);
      drain();
    } catch (_) {
      report('engine-error'); // never let an exception reach LinkedIn
    }
  }

  // An id whose answer or details will never be applied.
  function forget(id) {
    inFlight.delete(id);
    awaitingDetails.delete(id);
    earlyDetails.delete(id);
  }

  // Cards whose answer will never be applied: forget what was sent, so they are sent again.
  function resend(cards) {
    for (const card of cards) {
      const entry = entries.get(card);
      if (entry) entry.html = '';
      backlog.add(card);
    }
  }

  // Serialises and sends at most one chunk of cards per task, so that a thousand cards
  // never make one long task (and the first badges come sooner).
  function drain() {
    drainTimer = 0;
    if (!cardSel) return;
    try {
      const cards = [];
      const restore = []; // read as before, but the page took its badge away
      let bytes = 0;
      for (const card of backlog) {
        // A match inside another match is part of that card, unless the engine named it.
        if (!card.isConnected || (card.parentElement && card.parentElement.closest(cardSel) && !innerOf.has(card))) {
          backlog.delete(card);
          continue;
        }
        // Half the message limit: one more card (≤ 3 × max_card_html_bytes) never takes
        // the chunk over it.
        if (cards.length >= chunkCards() || bytes >= limits.max_message_bytes / 2) break;
        backlog.delete(card);
        const entry = entries.get(card) || { id: '', html: '', answer: null, badge: null, retried: false };
        let html = card.outerHTML;
        for (const c of card.children) if (ourBadges.has(c)) html = html.replace(c.outerHTML, '');
        // Lone surrogates (possible in any text) cannot cross as JSON to Rust: U+FFFD them.
        if (html.isWellFormed && !html.isWellFormed()) html = html.toWellFormed();
        // Over the engine's limit even in UTF-16 units (UTF-8 is never shorter): not sent.
        if (html === entry.html) {
          // The same invitation: LinkedIn rendered it again without our badge.
          if (entry.answer && !hasBadge(card, entry)) restore.push([card, entry]);
          continue;
        }
        if (html.length > limits.max_card_html_bytes) continue;
        if (entry.id) forget(entry.id);
        entry.id = `${idPrefix}${nextId++}`;
        entry.html = html;
        entries.set(card, entry);
        inFlight.set(entry.id, card);
        cards.push({ id: entry.id, html });
        // At most 3 UTF-8 bytes per UTF-16 unit (JSON escapes of quotes and newlines: 2).
        bytes += html.length * 3 + 64;
      }
      if (cards.length) triage(cards, freshSettings);
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
    if (!backlog.size) freshSettings = false;
    else if (!drainTimer) drainTimer = setTimeout(drain, 0);
  }

  async function triage(cards, fresh) {
    const gen = generation;
    const message = { type: 'triage-cards', url: location.href, cards };
    if (fresh) message.fresh = true;
    const answer = await send(message);
    if (gen !== generation) return;
    if (answer && answer.code === 'too-large' && cards.length > 1) {
      // Our estimate missed (rare escapes): the halves fit.
      const half = cards.length >> 1;
      return Promise.all([triage(cards.slice(0, half), fresh), triage(cards.slice(half), fresh)]);
    }
    if (!answer || answer.ok !== true || !Array.isArray(answer.cards)) {
      // Not "read": the next look at these cards (a change in the list, a route change)
      // sends them again; and, when the engine failed on its way (no answer, or an engine
      // error: its worker stopped mid-message, a storage read failed), once more on its
      // own a little later, so that a list that never changes still gets its badges. Not
      // when the engine cannot start at all (engine-down).
      const again = [];
      const transient = !answer || answer.code === 'engine-error';
      for (const c of cards) {
        const card = inFlight.get(c.id);
        const entry = entries.get(card);
        forget(c.id);
        if (!entry || entry.id !== c.id) continue;
        entry.html = '';
        if (transient && !entry.retried) {
          entry.retried = true;
          again.push(card);
        }
      }
      if (again.length) {
        setTimeout(() => {
          if (gen !== generation || retired()) return;
          resend(again.filter((card) => card.isConnected && entries.has(card)));
          if (backlog.size && !drainTimer) drainTimer = setTimeout(drain, 0);
        }, RETRY_MS);
      }
      return report('engine-error');
    }
    quietly(() => apply(answer));
  }

  // Our own badge insertions need no observing: keep LinkedIn's pending changes, pause the
  // observer while we write, and resume.
  function quietly(write) {
    if (observer) onMutations(observer.takeRecords());
    if (observer) observer.disconnect();
    try {
      write();
    } finally {
      if (observer) observer.observe(observed, OBSERVE);
    }
  }

  function apply(answer) {
    try {
      let readable = 0;
      for (const a of answer.cards) {
        const card = inFlight.get(a.id);
        if (!card) continue; // replaced by a newer version meanwhile
        const early = earlyDetails.get(a.id);
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
          else awaitingDetails.set(a.id, [card, entry, performance.now()]);
          try {
            renderBadge(card, entry);
          } catch (_) {
            // The page broke our badge (e.g. its own <askfirst-badge>): no badge, the rest
            // of the cards and the guard go on.
            removeBadge(entry);
          }
        } else {
          entry.answer = null; // not a person, or unreadable: leave the card alone
          removeBadge(entry);
        }
      }
      if (awaitingDetails.size && !detailsTimer) detailsTimer = setTimeout(detailsMissing, DETAILS_MS);
      if (readable) {
        report('active');
        // The prompt's first style and layout, before the user's first Accept click needs
        // them (not when the click is held: it is on the way to the prompt being painted).
        if (!promptWarmed) {
          promptWarmed = true;
          if (globalThis.requestIdleCallback) requestIdleCallback(warmPrompt);
          else setTimeout(warmPrompt, 0);
        }
      }
      // (Not while other messages are out: their cards may be readable.)
      else if (!inFlight.size && (!entries.size || [...entries.values()].every((e) => !e.answer))) report('unreadable');
    } catch (_) {
      report('engine-error');
    }
  }

  // The engine says this element wraps other card roots: they become the cards (each sent
  // on its own); the wrapper keeps no answer. A root the engine no longer names is dropped.
  function holds(wrapper, entry, roots) {
    entry.answer = null;
    removeBadge(entry);
    const inner = roots.map((loc) => locate(wrapper, loc)).filter(Boolean);
    for (const old of entry.inner || []) {
      if (inner.includes(old)) continue;
      const e = entries.get(old);
      if (e) removeBadge(e);
      entries.delete(old);
      innerOf.delete(old);
    }
    entry.inner = inner;
    for (const c of inner) {
      innerOf.set(c, wrapper);
      backlog.add(c);
    }
    if (backlog.size && !drainTimer) drainTimer = setTimeout(drain, 0);
  }

  // ---- styles (constructed sheets: not blocked by LinkedIn's style-src) ----------------
  const sheet = (css) => {
    const s = new CSSStyleSheet();
    s.replaceSync(css);
    return s;
  };
  const THEME = `
    :host { all: initial; --bg:#fff; --fg:#1d2226; --muted:#56687a; --line:#c9d1d9;
            --accent:#0a66c2; --accent-fg:#fff; --warn:#915907; --ok:#057642; }
    :host([data-theme=dark]) { --bg:#1b1f23; --fg:#e9e9e9; --muted:#a8b0b8; --line:#4b5563;
            --accent:#71b7fb; --accent-fg:#0d1117; --warn:#f5c26b; --ok:#6dd39a; }
  `;
  // Built on first use: most LinkedIn pages never show a badge or a prompt.
  let promptWarmed = false;
  const lazySheet = (css) => {
    let built = null;
    return () => built || (built = sheet(css));
  };
  // The badge's text is the card's own text colour, and its accents are mixed into that
  // colour: legible on LinkedIn's light and dark themes alike without reading the page's
  // colours (which would force a style recalculation of the whole page before the first
  // badge). Never mixed into the text colour itself: there Chromium takes currentColor for
  // black. Only the tooltip has a background of its own: its theme is read as it shows
  // (showTip).
  const BADGE_CSS = lazySheet(THEME + `
    :host { display:block; margin:.25em 0; font:0.8125rem/1.4 system-ui, sans-serif; color:inherit; }
    .b { display:inline-flex; gap:.4em; align-items:baseline; max-width:100%; padding:.1em .6em;
         border:1px solid color-mix(in srgb, #0a66c2 50%, currentColor); border-radius:1em;
         cursor:help; overflow-wrap:anywhere; position:relative; }
    .b:focus-visible { outline:2px solid currentColor; outline-offset:2px; }
    .m, .p { font-weight:600; }
    .p { --dot:color-mix(in srgb, currentColor 40%, transparent); padding-left:.95em;
         background:radial-gradient(circle at .3em 52%, var(--dot) .3em, transparent calc(.3em + .5px)) no-repeat; }
    :host([data-plan=ask-first]) .p, :host([data-plan=accept-follow-up]) .p {
         --dot:color-mix(in srgb, #d08000 70%, currentColor); }
    :host([data-plan=accept]) .p { --dot:color-mix(in srgb, #057642 70%, currentColor); }
    .t { display:none; position:absolute; z-index:9999; left:0; top:100%; margin-top:.3em;
         width:max-content; max-width:min(28em, 80vw); padding:.5em .75em; background:var(--bg);
         color:var(--fg); border:1px solid var(--line); border-radius:.5em;
         box-shadow:0 2px 8px rgba(0,0,0,.25); cursor:auto; white-space:pre-line; }
    .b:hover .t, .b:focus .t, .b:focus-within .t { display:block; }
  `);
  // The prompt's host, and its body: the body's sheet alone is also used to warm it up.
  const PROMPT_FONT = 'font:1rem/1.5 system-ui, sans-serif;';
  const PROMPT_HOST_CSS = lazySheet(THEME + `
    :host { position:fixed; inset:0; z-index:2147483647; display:block; ${PROMPT_FONT}
            color:var(--fg); }
  `);
  const PROMPT_CSS = lazySheet(`
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

  // The page's own colours decide (LinkedIn's dark theme); the OS setting when it has none.
  function theme() {
    try {
      for (const el of [document.body, document.documentElement]) {
        const m = el && getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g);
        if (m && (m.length < 4 || Number(m[3]) > 0)) {
          const [r, g, b] = m.map(Number);
          return 0.2126 * r + 0.7152 * g + 0.0722 * b < 128 ? 'dark' : 'light';
        }
      }
    } catch (_) { /* fall through */ }
    return matchMedia('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
  }

  const el = (tag, attrs, text) => {
    const e = document.createElement(tag);
    if (attrs) for (const k in attrs) e.setAttribute(k, attrs[k]);
    if (text != null) e.textContent = text; // strangers' text is only ever text
    return e;
  };

  // ---- badges --------------------------------------------------------------------------
  // The badge's inside, built once and cloned: [AskFirst] [plan · main reason] [reasons].
  let badgeProto = null;
  const ourBadges = new WeakSet(); // every <askfirst-badge> host we made
  function badgeTemplate() {
    if (!badgeProto) {
      badgeProto = el('span', { class: 'b', tabindex: '0', 'aria-describedby': 't' });
      badgeProto.append(el('span', { class: 'm' }, 'AskFirst'), el('span', { class: 'p' }),
        el('span', { class: 't', role: 'tooltip', id: 't' }));
    }
    return badgeProto;
  }

  const hasBadge = (card, entry) => !!entry.badge && entry.badge.host.parentNode === card && card.isConnected;

  function renderBadge(card, entry) {
    const a = entry.answer;
    let badge = entry.badge;
    let fresh = false;
    if (!hasBadge(card, entry)) {
      removeBadge(entry);
      // A badge of ours nobody tracks any more (the card was out of the page and came
      // back): one badge per card.
      for (const c of [...card.children]) if (ourBadges.has(c)) c.remove();
      const host = document.createElement('askfirst-badge');
      ourBadges.add(host);
      const root = host.attachShadow({ mode: 'closed' });
      root.adoptedStyleSheets = [BADGE_CSS()];
      const b = badgeTemplate().cloneNode(true);
      root.append(b);
      badge = { host, root, label: b.children[1], tip: b.children[2] };
      entry.badge = badge;
      fresh = true;
      watchTips();
    }
    const { host } = badge;
    host.setAttribute('data-note', a.note_kind);
    host.setAttribute('data-fit', a.fit);
    host.setAttribute('data-plan', a.plan);
    badge.label.textContent = a.overridden ? `${a.plan_label} · marked fine` : a.badge_label;
    // Every reason, one per line: a single text node (cheap for a thousand cards).
    badge.tip.textContent = a.reasons.map((r) => `• ${r}`).join('\n');
    // A new badge goes into the page once complete: its attributes and text are written
    // while it is detached, so the page's style is invalidated once per badge, not six times.
    if (fresh) card.append(host);
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
  function showTip(ev) {
    try {
      const host = ev.target;
      if (!ev.isTrusted || !host || host.localName !== 'askfirst-badge') return;
      const t = theme();
      if (host.getAttribute('data-theme') !== t) host.setAttribute('data-theme', t);
    } catch (_) { /* fail-open */ }
  }

  // A prompt's first style and layout cost ~6 ms more than the next ones (its sheet's
  // rules, the fonts at its sizes, the textarea: measured 6.1 → 2.5 ms for the first
  // prompt after this), and they would come inside the user's click on Accept. So once per
  // page, at idle: the prompt's body, hidden, inside one of our badges' closed shadow roots
  // (nothing new in LinkedIn's DOM, nothing to see, hear or focus) for two frames, which
  // style and lay it out.
  function warmPrompt() {
    try {
      PROMPT_HOST_CSS();
      const entry = [...entries.values()].find((e) => e.badge && e.badge.host.isConnected);
      if (!entry) {
        promptWarmed = false; // no badge yet (only page invitations so far): next time
        return;
      }
      const { root } = entry.badge;
      const box = el('div', { 'aria-hidden': 'true', inert: '' });
      // Zero high: even when an ancestor's transform makes `fixed` relative to the card,
      // the box adds no scrollable overflow (1 px high would, past a narrow page's edge).
      box.style.cssText = `position:fixed;left:0;top:0;width:min(34rem,94vw);height:0;overflow:hidden;
        visibility:hidden;contain:strict;pointer-events:none;${PROMPT_FONT}`;
      // The kinds of element buildPrompt makes, in the prompt's classes.
      const d = el('div', { class: 'd' });
      const actions = el('div', { class: 'actions' });
      actions.append(el('button', { type: 'button', class: 'primary' }, 'Reply'), el('button', { type: 'button' }, 'Not now'));
      d.append(el('h2', null, 'AskFirst'), el('ul', null), el('label', null, 'Reply'), el('textarea', null, 'AskFirst'),
        el('p', { class: 'status' }, 'AskFirst'), actions);
      d.children[1].append(el('li', null, 'AskFirst'));
      box.append(el('div', { class: 'backdrop' }), d);
      root.adoptedStyleSheets = [BADGE_CSS(), PROMPT_CSS()];
      root.append(box);
      requestAnimationFrame(() => requestAnimationFrame(() => {
        box.remove();
        root.adoptedStyleSheets = [BADGE_CSS()];
      }));
    } catch (_) { /* only a warm-up */ }
  }

  function removeBadge(entry) {
    if (entry.badge) entry.badge.host.remove();
    entry.badge = null;
  }

  // ---- the Accept guard ----------------------------------------------------------------
  // A control the engine located, only when the live card has exactly as many matches as
  // the card the engine read: a live DOM that differs from the engine's re-parse of its
  // HTML (React can build what the parser would not) may shift indexes, and a wrong
  // control must never be guarded. Not found = no guard, no reply-control use.
  const locate = (card, loc) => {
    if (!loc || !card || !card.isConnected) return null;
    try {
      const all = card.querySelectorAll(loc.selector);
      return all.length === loc.count ? all[loc.index] || null : null;
    } catch (_) {
      return null;
    }
  };

  // Is the card still about the person its answer is for? LinkedIn may render another
  // invitation into the same node; until the engine has read it again, the old answer
  // (another person's reply and guard) must not act: the click passes.
  function showsPerson(card, a) {
    const m = a.person_match;
    if (!m) return true;
    if (!m.profile_path) return card.textContent.includes(m.name);
    const links = linksTo(m.profile_path);
    for (const link of card.querySelectorAll('a[href]')) if (links(link)) return true;
    return false;
  }

  // A test: does a link point to this profile path? Both sides as written in different
  // places may differ: percent-encoded or not (`/in/zoé/`, `/in/zo%C3%A9/`), with or
  // without the trailing slash (`/in/mei?trk=x`), in any case. Compared decoded, lower-case,
  // with a trailing slash.
  const pathForm = (p) => {
    let d = p;
    try {
      d = decodeURIComponent(p);
    } catch (_) { /* malformed escapes: as written */ }
    d = d.toLowerCase();
    return d.endsWith('/') ? d : `${d}/`;
  };
  function linksTo(profilePath) {
    const want = pathForm(profilePath);
    return (link) => {
      try {
        return pathForm(new URL(link.getAttribute('href'), location.href).pathname).startsWith(want);
      } catch (_) {
        return false; // not a URL
      }
    };
  }

  function onClickCapture(ev) {
    try {
      if (!ev.isTrusted || !cardSel || !(ev.target instanceof Element) || retired()) return;
      const card = cardOf(ev.target);
      const entry = card && entries.get(card);
      const a = entry && entry.answer;
      if (!a || !a.key) return; // no answer or no details yet: the click passes (fail-open)
      if (armed && armed.key === a.key) {
        const opener = [a.controls.reply, a.controls.message].map((l) => locate(card, l));
        if (opener.some((o) => o && o.contains(ev.target))) {
          armed.openedAt = Date.now(); // the user opened this person's composer
          watchForComposer();
        }
      }
      if (!a.guard || heldKeys.has(a.key) || !showsPerson(card, a)) return;
      const accept = locate(card, a.controls.accept);
      if (!accept || !accept.contains(ev.target)) return; // Ignore and the rest: never held
      // The whole prompt first, shown; only then is the click held. If anything fails
      // (the page defines its own <askfirst-prompt>, attachShadow refuses…), the click
      // goes on to LinkedIn untouched.
      if (!showPrompt(buildPrompt(card, entry, accept))) return;
      ev.preventDefault();
      ev.stopImmediatePropagation();
      heldKeys.add(a.key); // never hold the same invitation twice
      record(a, 'prompt-shown');
    } catch (_) { /* fail-open: the click goes on to LinkedIn */ }
  }

  // ---- the prompt ----------------------------------------------------------------------
  function record(a, event) {
    send({ type: 'record', key: a.key, event, snapshot: a.snapshot });
  }

  // Opens the prompt for a card (or for an answer whose card is gone); false when it could
  // not be shown. `notice`: it only says what became of a reply already chosen (insertion
  // could not be checked): the reply, Copy and Close, and nothing is recorded but a copy.
  function openPrompt(card, entry, accept, notice = false) {
    let p = null;
    try {
      p = buildPrompt(card, entry, accept, notice);
    } catch (_) {
      return false;
    }
    if (!showPrompt(p)) return false;
    if (!notice) record(entry.answer, 'prompt-shown');
    return true;
  }

  // The second click of a double click on Accept lands on the prompt the first one opened
  // (its backdrop, or a button under the pointer): it is not a choice. (Keyboard
  // activation has detail 0.)
  const repeated = (ev) => ev.detail > 1;

  // Builds the whole prompt, not yet in the page: throws when the page prevents it.
  function buildPrompt(card, entry, accept, notice = false) {
    const a = entry.answer;
    // Closing a notice is no decision about the invitation: nothing is recorded.
    const putOff = () => {
      if (!notice) record(a, 'not-now');
    };
    const host = document.createElement('askfirst-prompt');
    host.setAttribute('data-theme', theme()); // now: the user may have switched themes
    const root = host.attachShadow({ mode: 'closed' });
    root.adoptedStyleSheets = [PROMPT_HOST_CSS(), PROMPT_CSS()];
    const backdrop = el('div', { class: 'backdrop' });
    // tabindex -1: a click on the dialog's text or padding keeps focus inside it (else it
    // goes to the page's body, out of reach of Escape and of the Tab trap).
    const d = el('div', { class: 'd', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'h', 'aria-describedby': 'why', tabindex: '-1' });
    const h = el('h2', { id: 'h' }, `${a.plan_label}: ${a.name}`);
    const reasons = el('ul', { id: 'why', 'aria-label': 'Why' });
    for (const r of a.reasons) reasons.append(el('li', null, r));
    d.append(h, reasons);
    let area = null;
    if (a.reply != null) {
      area = el('textarea', { id: 'r', spellcheck: 'true' });
      area.value = a.reply;
      d.append(el('label', { for: 'r' }, 'Your reply (you can edit it)'), area);
    }
    const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
    // The engine's warnings (a reply over LinkedIn's limit), and the user's edits checked
    // against the engine's limit for this card.
    const warn = el('p', { class: 'status warn', role: 'alert' }, (a.warnings || []).join('\n'));
    if (area && a.reply_limit) {
      area.addEventListener('input', () => {
        const n = [...area.value].length; // characters, as the engine counts them
        warn.textContent = n > a.reply_limit
          ? `The reply is ${n} characters; LinkedIn takes at most ${a.reply_limit} here: shorten it before sending.`
          : '';
      });
    }
    const actions = el('div', { class: 'actions' });
    const acts = notice
      ? a.actions.filter((act) => act.action === 'copy').concat([{ action: 'close', label: 'Close' }])
      : a.actions;
    acts.forEach((act, i) => {
      const b = el('button', { type: 'button', 'data-action': act.action, class: i ? '' : 'primary' }, act.label);
      b.addEventListener('click', (ev) => {
        if (ev.isTrusted && !repeated(ev)) doAction(act.action);
      });
      actions.append(b);
    });
    d.append(warn, status, actions);
    root.append(backdrop, d);

    const returnTo = accept;
    const built = { host, root, card, entry, status, area, returnTo, actions };
    const text = () => (area ? area.value : a.reply || '');
    const doAction = (action) => {
      if (isRetired) return; // cut off from the engine: nothing to arm or record
      switch (action) {
        case 'reply-to-invitation':
        case 'message': {
          const opener = locate(card, action === 'message' ? a.controls.message : a.controls.reply);
          arm(a, text());
          closePrompt(true, opener || returnTo);
          break;
        }
        case 'accept-then-reply':
          arm(a, text());
          record(a, 'accepted-follow-up');
          closePrompt(true);
          break;
        case 'copy':
          copy(text()).then((ok) => {
            status.textContent = ok
              ? 'Copied. Paste it into your message to them, then press Send yourself.'
              : 'Copying was refused by the browser: select the text above and copy it.';
            if (ok) record(a, 'reply-copied');
          });
          break;
        case 'accept-anyway':
          record(a, 'accepted-anyway');
          closePrompt(true);
          break;
        case 'mark-fine': {
          record(a, 'overridden');
          // The card may have been read again while the prompt was open: its answer now.
          const now = entry.answer && entry.answer.key === a.key ? entry.answer : a;
          for (const x of new Set([a, now])) {
            x.guard = false;
            x.overridden = true;
          }
          if (card && card.isConnected && entry.answer === now) quietly(() => renderBadge(card, entry));
          closePrompt(true);
          break;
        }
        default: // 'not-now', and a notice's 'close'
          putOff();
          closePrompt(true);
      }
    };
    // Our dialog's keys are ours: LinkedIn's shortcuts must not see them.
    host.addEventListener('keydown', (ev) => {
      ev.stopPropagation();
      if (!ev.isTrusted) return;
      if (ev.key === 'Escape') {
        ev.preventDefault();
        putOff();
        closePrompt(true);
      } else if (ev.key === 'Tab') {
        const f = [...root.querySelectorAll('textarea, button')];
        const i = f.indexOf(root.activeElement);
        const next = ev.shiftKey ? (i <= 0 ? f.length - 1 : i - 1) : (i === f.length - 1 ? 0 : i + 1);
        ev.preventDefault();
        f[next].focus();
      }
    });
    for (const type of ['keyup', 'keypress', 'input', 'paste', 'copy', 'cut']) {
      host.addEventListener(type, (ev) => ev.stopPropagation());
    }
    // A press on the backdrop does not take focus out of the dialog (the second press of a
    // double click on Accept lands there: Escape and the Tab trap must keep working).
    backdrop.addEventListener('mousedown', (ev) => ev.preventDefault());
    backdrop.addEventListener('click', (ev) => {
      if (!ev.isTrusted || repeated(ev)) return;
      putOff();
      closePrompt(true);
    });
    return built;
  }

  // Puts a built prompt in the page and moves focus into it; on any failure nothing of
  // it stays and the answer is false.
  function showPrompt(built) {
    closePrompt(false);
    try {
      document.documentElement.append(built.host);
      const first = built.actions.querySelector('button');
      if (first) first.focus();
      if (!built.host.isConnected) throw new Error('the prompt was taken out of the page');
      // Focus did not move in: the prompt cannot be used (the page made everything but
      // its own modal dialog inert). Holding the click behind it would block the user.
      if (first && built.root.activeElement !== first) throw new Error('the prompt cannot take focus');
      prompt = built;
      return true;
    } catch (_) {
      built.host.remove();
      return false;
    }
  }

  function closePrompt(restoreFocus, focusTo) {
    if (!prompt) return;
    const { host, returnTo } = prompt;
    prompt = null;
    host.remove();
    const target = focusTo || returnTo;
    if (restoreFocus && target && target.isConnected) target.focus();
  }

  async function copy(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch (_) {
      return false;
    }
  }

  // ---- armed insertion -----------------------------------------------------------------
  function composerRoots() {
    const roots = [document];
    for (const sel of config.live.composer.shadow_hosts) {
      for (const h of document.querySelectorAll(sel)) if (h.shadowRoot) roots.push(h.shadowRoot);
    }
    return roots;
  }

  const editors = () => {
    const out = [];
    for (const r of composerRoots()) for (const e of r.querySelectorAll(config.live.composer.editor)) out.push(e);
    return out;
  };

  function arm(answer, text) {
    if (armed) clearTimeout(armed.polling); // a look for the previous one's composer
    armed = {
      key: answer.key,
      answer,
      text,
      until: Date.now() + ARM_MS,
      known: new Set(editors()), // composers already open: filled only if they name the person
      openedAt: 0, // the user's last trusted click on this card's Reply / Message control
      polling: 0,
    };
  }

  // Does this composer belong to the armed person? true / false / null (names nobody) /
  // 'name' (its title says the person's name, but its profile links point elsewhere or in
  // another form: a namesake, or LinkedIn's URN form of the same profile).
  function composerPerson(editor) {
    const c = config.live.composer;
    const conv = editor.closest(c.conversation);
    if (!conv) return null;
    const m = armed.answer.person_match;
    const links = [...conv.querySelectorAll(c.person_link)];
    const titles = [...conv.querySelectorAll(c.title)].map((t) => t.textContent.replace(/\s+/g, ' ').trim()).filter(Boolean);
    if (!links.length && !titles.length) return null;
    if (m.profile_path && links.some(linksTo(m.profile_path))) return true;
    if (!titles.includes(m.name)) return false;
    // The name alone, where the person has a profile: a namesake's conversation is not
    // theirs (its header links elsewhere, or it shows none to compare).
    return m.profile_path ? 'name' : true;
  }

  function candidate(editor) {
    if (!armed || !editor || !editor.isConnected) return false;
    if (Date.now() > armed.until) {
      armed = null;
      return false;
    }
    const who = composerPerson(editor);
    // A composer that names the person is used; one that names someone else never. One
    // that only has the person's name (its profile links differ) only when it was not open
    // before arming: an open conversation with a namesake is not theirs. One that names
    // nobody only when it was not open before arming and the user has just clicked this
    // card's Reply or Message control: else it may be anyone's.
    if (who === 'name') return !armed.known.has(editor);
    if (who !== null) return who;
    return !armed.known.has(editor) && Date.now() - armed.openedAt <= OPENED_MS;
  }

  function onFocusIn(ev) {
    if (!armed || !config || !ev.isTrusted || retired()) return;
    try {
      const target = ev.composedPath()[0];
      // Insert after LinkedIn's own focus handling has run, not inside its dispatch.
      if (target instanceof Element && target.matches(config.live.composer.editor) && candidate(target)) {
        setTimeout(() => insert(target).catch(() => {}), 0);
      }
    } catch (_) { /* fail-open */ }
  }

  // After the user opens Reply/Message, the composer may appear without focus: look for it.
  function watchForComposer() {
    if (!armed || armed.polling) return;
    const started = Date.now();
    const tick = () => {
      if (!armed) return;
      const found = editors().find((e) => armed && !armed.known.has(e) && candidate(e));
      if (!armed) return; // expired while looking
      if (found) {
        armed.polling = 0;
        return insert(found).catch(() => {});
      }
      if (Date.now() - started < 5000) {
        armed.polling = setTimeout(tick, 100);
        return;
      }
      armed.polling = 0;
      // A message box opened after the user's click, but none could be told to be this
      // person's: nothing went in. Say so, with the reply to copy, rather than nothing.
      const opened = editors().filter((e) => !armed.known.has(e));
      if (opened.length) {
        const job = armed;
        armed = null;
        showNotice(job.answer, opened[opened.length - 1], UNRECOGNISED_STATUS);
      }
    };
    armed.polling = setTimeout(tick, 50);
  }

  // Puts the caret at the end of the editor unless the selection is already inside it.
  function caretInto(editor) {
    const root = editor.getRootNode();
    const sel = typeof root.getSelection === 'function' ? root.getSelection() : document.getSelection();
    if (!sel || (sel.rangeCount && editor.contains(sel.anchorNode))) return;
    const range = document.createRange();
    range.selectNodeContents(editor);
    range.collapse(false);
    sel.removeAllRanges();
    sel.addRange(range);
  }

  // Plain text into LinkedIn's editor the way it accepts it (DESIGN.md). Never into a
  // composer that already holds a draft. The outcome: 'inserted' (its Send button became
  // enabled), 'draft' (left alone), 'refused' (nothing went in), 'partial' (the editor
  // refused a line after others went in) or 'unverified' (all in, Send stayed disabled).
  async function insertText(editor, text, sendButton, enabled) {
    if (!editor.isConnected || !editor.isContentEditable) return 'refused';
    if (editor.textContent.trim()) return 'draft';
    editor.focus();
    caretInto(editor);
    editor.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
    // Line by line with insertParagraph between lines: what both Chromium and Firefox
    // turn into the editor's own paragraphs.
    const lines = text.replace(/\r\n?/g, '\n').split('\n');
    let wrote = false;
    for (const [i, line] of lines.entries()) {
      if (i && !document.execCommand('insertParagraph')) return wrote ? 'partial' : 'refused';
      if (line && !document.execCommand('insertText', false, line)) return wrote ? 'partial' : 'refused';
      wrote = wrote || i > 0 || !!line;
    }
    const until = Date.now() + VERIFY_MS;
    while (!enabled(sendButton())) {
      if (Date.now() > until) return 'unverified';
      await new Promise((r) => setTimeout(r, 50));
    }
    return 'inserted';
  }

  async function insert(editor) {
    const job = armed;
    if (!job) return;
    armed = null;
    if (job.polling) clearTimeout(job.polling);
    const a = job.answer;
    const sendButton = () => {
      const form = editor.closest(config.live.composer.form);
      return form && form.querySelector(config.live.composer.send);
    };
    const enabled = (b) => b && !b.disabled && b.getAttribute('aria-disabled') !== 'true';
    let outcome = 'refused';
    const hadText = !!editor.textContent.trim();
    try {
      outcome = await insertText(editor, job.text, sendButton, enabled);
    } catch (_) {
      // Fall back to the clipboard below; say so honestly if some of it went in.
      outcome = !hadText && editor.isConnected && editor.textContent.trim() ? 'partial' : 'refused';
    }
    if (outcome === 'inserted') {
      record(a, 'reply-inserted');
      return;
    }
    // Not verified (a draft was there, the editor refused, or Send stayed disabled):
    // clipboard, and say which.
    const copied = await copy(job.text);
    if (copied) record(a, 'reply-copied');
    showNotice(a, editor, INSERT_STATUS[outcome][copied ? 0 : 1]);
  }

  // Says in the prompt what became of a reply, on the card if it is still there (it may
  // have turned into a connection), focus returning to the composer.
  function showNotice(a, editor, status) {
    let card = null;
    for (const [c, e] of entries) if (e.answer && e.answer.key === a.key) card = c;
    openPrompt(card, card ? entries.get(card) : { answer: a }, editor.isConnected ? editor : null, true);
    if (prompt) prompt.status.textContent = status;
  }

  // What the prompt says when no message box could be told to be the person's (no click of
  // the user's is near enough for the clipboard).
  const UNRECOGNISED_STATUS = 'AskFirst could not tell that the message box you opened is theirs, so it left it as it was. Copy the reply from here, paste it there, then press Send yourself.';

  // What the prompt says when a reply could not be put in and checked: [clipboard, none].
  const INSERT_STATUS = {
    draft: [
      'Your message box already had text in it, so AskFirst left it as it was. The reply is on your clipboard: paste it where you want it, then press Send yourself.',
      'Your message box already had text in it, so AskFirst left it as it was, and the browser refused the clipboard: copy the reply from here.',
    ],
    partial: [
      'AskFirst put only part of the reply into the message box: check it before you press Send. The whole reply is on your clipboard.',
      'AskFirst put only part of the reply into the message box: check it before you press Send, or copy the whole reply from here.',
    ],
    unverified: [
      'The reply is in the message box, but LinkedIn\'s Send button did not turn on: check the message before you press Send. The reply is also on your clipboard.',
      'The reply is in the message box, but LinkedIn\'s Send button did not turn on: check the message before you press Send.',
    ],
    refused: [
      'AskFirst could not put the reply into the message box. It is on your clipboard: paste it there, then press Send yourself.',
      'AskFirst could not put the reply into the message box, and the browser refused the clipboard: copy it from here.',
    ],
  };

  // ---- keyboard shortcut (manifest "commands", forwarded by the background) -------------
  // Moves to the next flagged invitation after the last one shown and opens its prompt.
  let lastShortcutCard = null;
  function nextFlagged() {
    try {
      if (!cardSel) return;
      const flagged = [...entries].filter(([c, e]) => c.isConnected && e.answer && e.answer.guard)
        .sort(([a], [b]) => (a.compareDocumentPosition(b) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
      if (!flagged.length) return;
      const at = flagged.findIndex(([c]) => c === lastShortcutCard);
      const [card, entry] = flagged[(at + 1) % flagged.length];
      lastShortcutCard = card;
      card.scrollIntoView({ block: 'center' });
      // Seen in the prompt: Accept is not held again (if the prompt could be shown).
      if (openPrompt(card, entry, locate(card, entry.answer.controls.accept))) heldKeys.add(entry.answer.key);
    } catch (_) { /* fail-open */ }
  }
  runtime.onMessage.addListener((message, sender) => {
    if (!message || !sender || sender.id !== runtime.id) return;
    if (message.type === 'next-flagged') nextFlagged();
    else if (message.type === 'card-details') details(message.cards);
  });

  // The engine's details for cards it answered (or is answering: they may overtake it).
  // Details for a card sent again since, or for another page, are dropped.
  function details(cards) {
    try {
      if (!Array.isArray(cards)) return;
      for (const d of cards) {
        if (!d || typeof d.id !== 'string' || typeof d.key !== 'string') continue;
        const [, entry] = awaitingDetails.get(d.id) || [];
        awaitingDetails.delete(d.id);
        if (entry && entry.id === d.id && entry.answer) {
          Object.assign(entry.answer, d);
          entry.detailsRetried = false; // a later loss is sent again too
        } else if (!entry && inFlight.has(d.id)) earlyDetails.set(d.id, d);
      }
    } catch (_) { /* fail-open: those cards stay unguarded */ }
  }

  function detailsMissing() {
    detailsTimer = 0;
    try {
      const again = [];
      const now = performance.now();
      for (const [id, [card, entry, at]] of awaitingDetails) {
        if (now - at < DETAILS_MS) {
          // Answered later: its details may still be on their way (oldest first).
          detailsTimer = setTimeout(detailsMissing, DETAILS_MS - (now - at));
          break;
        }
        awaitingDetails.delete(id);
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

  // ---- settings changed in the options page ----------------------------------------------
  // Every card already read is read again with the new settings (fit, plan, reply).
  const storageApi = (globalThis.browser && globalThis.browser.storage) || chrome.storage;
  storageApi.onChanged.addListener((changes, area) => {
    try {
      if (area !== 'local' || !changes.settings || !cardSel) return;
      freshSettings = true;
      for (const [card, entry] of entries) {
        entry.html = ''; // not "unchanged": send it again
        backlog.add(card);
      }
      drain();
    } catch (_) { /* fail-open */ }
  });

  // ---- answered detection --------------------------------------------------------------
  // Conversation threads on any LinkedIn page (the messaging page, overlay bubbles, also
  // inside #interop-outlet) go to the engine, which records in the ledger when the other
  // person answered us (src/core/linkedin/messaging.rs). Debounced; a thread is sent again
  // only when it changed.
  const THREAD_MS = 1500;
  const threadsSent = new WeakMap(); // thread root → the HTML last sent
  const watchedRoots = new WeakSet();
  // Each thread seen has its own observer: a thread is serialised again only when
  // something in it changed, not on every mutation anywhere in the page (a long thread's
  // outerHTML is costly, and LinkedIn's pages never stop changing).
  const threadsWatched = new WeakSet();
  const threadsChanged = new WeakSet();
  let threadTimer = 0;
  const armThreads = () => {
    if (!threadTimer && !isRetired) threadTimer = setTimeout(scanThreads, THREAD_MS);
  };
  const threadWatcher = new MutationObserver(armThreads);
  // Messages come and go as nodes, their text may be rewritten; attributes (hover and
  // focus classes) change all the time and are not worth a new look.
  const THREAD_CHANGES = { childList: true, subtree: true, characterData: true };
  const inComposer = (record) => {
    const el = record.target.nodeType === 1 ? record.target : record.target.parentElement;
    return !!(el && config && el.closest(config.live.composer.form));
  };
  function scanThreads() {
    threadTimer = 0;
    try {
      if (!config) return;
      const sel = config.live.composer.conversation;
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
          if (html.length > limits.max_thread_message_bytes / 2 || threadsSent.get(thread) === html) continue;
          threadsSent.set(thread, html);
          send({ type: 'thread-seen', html });
        }
      }
    } catch (_) { /* fail-open */ }
  }
  // Once the page is parsed (not every node the parser adds; the first scan comes after
  // hello anyway). The document itself: it is there whatever the page holds.
  const watchThreads = () => threadWatcher.observe(document, { childList: true, subtree: true });
  const parsed = domReady();
  if (parsed) parsed.then(watchThreads);
  else watchThreads();

  // ---- the extension reloaded, updated or removed ---------------------------------------
  // This script then stays in the pages already open, but can no longer reach the engine
  // (Chrome does not inject the new one into them). It steps aside entirely, badges and
  // guard included, so that LinkedIn's own buttons work at the first click.
  function retired() {
    if (isRetired) return true;
    try {
      if (runtime.id) return false;
    } catch (_) { /* the extension context is gone */ }
    isRetired = true;
    try {
      stop();
      cardSel = '';
      config = null;
      armed = null;
      window.removeEventListener('click', onClickCapture, true);
      document.removeEventListener('focusin', onFocusIn, true);
      removeEventListener('popstate', onRoute);
      if (globalThis.navigation && typeof navigation.removeEventListener === 'function') {
        navigation.removeEventListener('currententrychange', onRoute);
      }
      clearInterval(routePoll);
      threadWatcher.disconnect();
      clearTimeout(threadTimer);
    } catch (_) { /* stepping aside as far as possible */ }
    return true;
  }

  // ---- wiring --------------------------------------------------------------------------
  window.addEventListener('click', onClickCapture, true);
  document.addEventListener('focusin', onFocusIn, true);
  addEventListener('popstate', onRoute);
  if (globalThis.navigation && typeof navigation.addEventListener === 'function') {
    navigation.addEventListener('currententrychange', onRoute);
  } else {
    routePoll = setInterval(onRoute, 1000); // browsers without the Navigation API
  }
  hello(firstHello);
})();
