// @ts-check
// The content script's shared state: everything more than one module reads or writes, in
// one object declared before any use. A module's private state stays in that module.
// Times are in milliseconds.

/**
 * A control or card root the engine located in the card it read: the `index`th of the
 * `count` matches of `selector` inside the card.
 * @typedef {{ selector: string, index: number, count: number }} Locator
 */
/**
 * How to recognise this person's composer (src/core/linkedin/live.rs `PersonMatch`).
 * @typedef {{ name: string, profile_path?: string | null }} PersonMatch
 */
/** @typedef {{ action: string, label: import('./i18n.js').Said, moment?: Moment }} PromptAction */
/** @typedef {'before-accepting' | 'after-accepting'} Moment when a reply is sent */
/** @typedef {{ moment: Moment, text: string }} MomentReply */
/**
 * The engine's answer for one card (`CardAnswer` + `CardBadge`), completed by its
 * `card-details` (`CardDetails`, src/core/protocol.rs) when they come.
 * @typedef {object} Answer
 * @property {string} id
 * @property {'person' | 'not-person' | 'unread' | 'holds'} status
 * @property {boolean} person
 * @property {Locator[]} [roots]
 * @property {string} note_kind
 * @property {string} fit
 * @property {string} plan
 * @property {import('./i18n.js').Said} plan_label
 * @property {import('./i18n.js').Said} badge_label
 * @property {import('./i18n.js').Said[]} reasons
 * @property {boolean} overridden
 * @property {string} [key] from the details on: no key, no guard
 * @property {string} [name]
 * @property {string | null} [reply] the reply of the first action that sends one
 * @property {MomentReply[]} [replies] the reply for each moment the actions send one at
 * @property {number} [reply_limit]
 * @property {import('./i18n.js').Said[]} [warnings]
 * @property {{ accept?: Locator | null, reply?: Locator | null, message?: Locator | null }} [controls]
 * @property {boolean} [guard]
 * @property {PromptAction[]} [actions]
 * @property {PersonMatch} [person_match]
 * @property {string[]} [person_hrefs] the card's links to that profile, as written
 * @property {unknown} [snapshot] echoed back in `record` messages
 */
/**
 * One card root we track.
 * @typedef {object} Entry
 * @property {string} id the id of the last message it went out in ('' before)
 * @property {string} html what was sent ('' = send again)
 * @property {Answer | null} answer
 * @property {Badge | null} badge
 * @property {Element[]} [inner] card roots the engine named inside this wrapper
 * @property {boolean} [retried] sent once more after an engine failure
 * @property {boolean} [detailsRetried] sent once more after its details went missing
 */
/**
 * A badge: its host (light DOM, no verdict) and, inside its closed root, the element
 * carrying the verdict's attributes, its label and its tooltip.
 * @typedef {{ host: HTMLElement, root: ShadowRoot, verdict: Element, label: Element, tip: Element }} Badge
 */
/**
 * The hello answer (`HelloAnswer`, src/core/protocol.rs).
 * @typedef {object} Config
 * @property {boolean} ok
 * @property {boolean} active
 * @property {{ card_roots: string[], list_containers?: string[] }} cards
 * @property {{ observe_roots?: string[], composer: Composer }} live
 * @property {Limits} limits
 * @property {import('./ceiling.js').Ceiling} ceiling
 */
/**
 * @typedef {{ editor: string, send: string, form: string, shadow_hosts: string[],
 *   conversation: string, person_link: string, title: string }} Composer
 */
/**
 * @typedef {{ max_message_bytes: number, max_card_html_bytes: number,
 *   max_cards_per_message: number, max_thread_message_bytes: number }} Limits
 */
/**
 * A reply waiting for its composer (insert.js).
 * @typedef {object} Armed
 * @property {string} key
 * @property {Answer} answer
 * @property {string} text
 * @property {number} until
 * @property {Set<Element>} known composers already open when it was armed
 * @property {number} openedAt the user's last trusted click on this card's Reply / Message
 * @property {number} polling the look-for-the-composer timer (0: none)
 */
/**
 * The open prompt (prompt.js).
 * @typedef {object} Prompt
 * @property {HTMLElement} host
 * @property {ShadowRoot} root
 * @property {Element | null} card
 * @property {{ answer: Answer | null }} entry
 * @property {HTMLElement} status
 * @property {HTMLTextAreaElement | null} area
 * @property {HTMLElement | null} returnTo
 * @property {HTMLElement} actions
 * @property {HTMLElement} layer the popover that puts the prompt in the top layer
 * @property {HTMLElement} dialog the role=dialog element
 * @property {(ev: Event) => void} handle the prompt's own keys and edits, called by
 *   shield.js (which keeps those events from the page)
 */

export const OBSERVE = { childList: true, subtree: true, characterData: true };
export const UNREADABLE_MS = 2000; // grace for LinkedIn to render the list before "unreadable"
// Details still missing this long after their answer (the worker stopped in between?):
// those cards are sent once more; if that fails too, they stay unguarded (fail-open).
export const DETAILS_MS = 3000;
export const RETRY_MS = 2000; // cards whose message the engine failed on are sent once more then

// Card ids are unique to this page load: the engine's details for a page reloaded or left
// while it was answering must never land on the new page's cards.
const idPrefix = (() => {
  try {
    return `${crypto.randomUUID().slice(0, 8)}-`;
  } catch (_) {
    return `${Math.random().toString(36).slice(2, 10)}-`;
  }
})();

export const state = {
  // ---- the engine's hello answer (route.js)
  /** @type {Config | null} the hello answer while active; its composer selectors serve armed replies on any page */
  config: null,
  /** @type {Limits} the engine's message limits (from the hello answer) */
  limits: /** @type {any} */ (null),
  cardSel: '', // the card roots' selector while reading an invitations page, else ''
  generation: 0, // bumps on every start/stop: stale answers are dropped
  // ---- observing (route.js starts and stops, collect.js reads)
  /** @type {MutationObserver | null} */
  observer: null,
  /** @type {Element | null} */
  observed: null,
  /** @type {MutationObserver | null} notices a replaced list container */
  watcher: null,
  narrowing: false, // observing the page root until the list container appears
  /** @type {Node[]} added nodes (and roots to scan), processed in the next batch */
  queued: [],
  /** @type {Node[]} parents whose children or text changed: only their card is dirty */
  touched: [],
  batchTimer: 0,
  /** @type {Set<Element>} card roots to (re)send, in page order */
  backlog: new Set(),
  drainTimer: 0,
  removals: false, // some nodes went away since the last batch
  // The settings changed: until the backlog is sent, the engine reads them afresh (it may
  // hear of the change after we do).
  freshSettings: false,
  unreadableTimer: 0,
  // ---- the ceiling on our work (ceiling.js, aside.js)
  /** @type {import('./ceiling.js').Meter | null} from the first hello answer on */
  meter: null,
  asideUntil: 0, // stepped aside over the ceiling: hello does nothing until then
  // ---- cards and their answers (collect.js)
  idPrefix,
  nextId: 1,
  /** @type {Map<Element, Entry>} card root → what we know of it */
  entries: new Map(),
  /** @type {WeakMap<Element, Element>} card root the engine named inside a wrapper → wrapper */
  innerOf: new WeakMap(),
  /** @type {Map<string, Element>} temporary id → card root */
  inFlight: new Map(),
  // The prompt's parts follow each answer in a `card-details` message; until they are in,
  // the card has its badge but no guard (a click on Accept passes).
  /** @type {Map<string, [Element, Entry, number]>} temporary id → [card, entry, answered at] */
  awaitingDetails: new Map(),
  /** @type {Map<string, object>} temporary id → details that came before the answer */
  earlyDetails: new Map(),
  detailsTimer: 0,
  /** @type {WeakSet<Node>} every badge host (<span data-askfirst="badge">) we made (badges.js) */
  ourBadges: new WeakSet(),
  // ---- guard, prompt, insertion
  /** @type {Set<string>} invitation keys whose Accept was held once (never twice) */
  heldKeys: new Set(),
  /** @type {Armed | null} */
  armed: null,
  /** @type {Prompt | null} the open prompt */
  prompt: null,
  promptWarmed: false, // the prompt's first style and layout are done (prompt.js warmPrompt)
  // ---- route and lifetime
  lastUrl: location.href,
  routePoll: 0, // the route check's interval, where there is no Navigation API
  isRetired: false, // the extension was reloaded or removed: see retire.js
  shownState: 'idle', // what the toolbar icon shows (engine.js report): the default icon
};
