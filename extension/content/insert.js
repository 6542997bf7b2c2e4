// @ts-check
// Armed insertion: a reply the user chose in the prompt waits (ARM_MS) for the composer
// the user opens for that person, and goes in there (execCommand insertText, line by
// line; Send must become enabled, else the clipboard and a notice). Never sends. Whose
// conversation a composer is, the engine decides (composer-owner, src/core/composer.rs):
// this module only collects the facts (its header's links and titles, open before
// arming, time since the user's click on the card's Reply / Message).
import { state } from './state.js';
import { record, send } from './engine.js';
import { copy, showNotice } from './prompt.js';
import { retired } from './retire.js';
import { t } from './i18n.js';

/** @typedef {import('./state.js').Answer} Answer */
/** @typedef {import('./state.js').Config} Config */

const ARM_MS = 5 * 60 * 1000; // an armed reply waits this long for its composer
const VERIFY_MS = 1500; // how long Send may take to become enabled after insertion
const LOOK_MS = 5000; // how long to look for a composer after the user's click

/** @returns {Config} */
const config = () => /** @type {Config} */ (state.config);

/**
 * Where composers may be: the document and the open shadow roots of the engine's hosts.
 * @returns {(Document | ShadowRoot)[]}
 */
export function composerRoots() {
  /** @type {(Document | ShadowRoot)[]} */
  const roots = [document];
  for (const sel of config().live.composer.shadow_hosts) {
    for (const h of document.querySelectorAll(sel)) if (h.shadowRoot) roots.push(h.shadowRoot);
  }
  return roots;
}

/** Every composer's editor in the page. */
const editors = () => {
  /** @type {HTMLElement[]} */
  const out = [];
  for (const r of composerRoots()) for (const e of r.querySelectorAll(config().live.composer.editor)) out.push(/** @type {HTMLElement} */ (e));
  return out;
};

/**
 * Arms a reply for this answer's person (replacing any armed before).
 * @param {Answer} answer
 * @param {string} text
 */
export function arm(answer, text) {
  if (state.armed) clearTimeout(state.armed.polling); // a look for the previous one's composer
  state.armed = {
    key: /** @type {string} */ (answer.key),
    answer,
    text,
    until: Date.now() + ARM_MS,
    known: new Set(editors()), // composers already open: filled only if they name the person
    openedAt: 0, // the user's last trusted click on this card's Reply / Message control
    polling: 0,
  };
}

/**
 * An element's href resolved against the page ('' when it has none or it is no URL).
 * @param {Element} link
 */
const hrefOf = (link) => {
  try {
    const href = link.getAttribute('href');
    return href == null ? '' : new URL(href, location.href).href;
  } catch (_) {
    return '';
  }
};

/**
 * What this composer shows of whose conversation it is (`ComposerFacts`,
 * src/core/composer.rs): the engine decides.
 * @param {Element} editor
 * @param {import('./state.js').Armed} job
 */
function composerFacts(editor, job) {
  const c = config().live.composer;
  const conv = editor.closest(c.conversation);
  return {
    in_conversation: !!conv,
    links: conv ? [...conv.querySelectorAll(c.person_link)].map(hrefOf) : [],
    titles: conv ? [...conv.querySelectorAll(c.title)].map((t) => t.textContent || '') : [],
    open_before_arming: job.known.has(editor),
    since_click_ms: job.openedAt ? Math.max(0, Date.now() - job.openedAt) : null,
  };
}

/**
 * May the armed reply go into this editor? The engine decides whose conversation it is
 * (`composer-owner`); no answer, or the reply expired or replaced meanwhile: no.
 * @param {Element | null} editor
 * @returns {Promise<boolean>}
 */
async function candidate(editor) {
  const job = state.armed;
  if (!job || !editor || !editor.isConnected) return false;
  if (Date.now() > job.until) {
    state.armed = null;
    return false;
  }
  const answer = await send({ type: 'composer-owner', person: job.answer.person_match, composer: composerFacts(editor, job) });
  return !!answer && answer.ok === true && answer.insert === true && state.armed === job;
}

/**
 * The focusin listener (capture, on the document): the user went into a composer.
 * @param {FocusEvent} ev
 */
export function onFocusIn(ev) {
  if (!state.armed || !state.config || !ev.isTrusted || retired()) return;
  try {
    const target = ev.composedPath()[0];
    // Insert after LinkedIn's own focus handling has run (the engine's answer comes in a
    // later task anyway), not inside its dispatch.
    if (target instanceof HTMLElement && target.matches(state.config.live.composer.editor)) {
      candidate(target).then((ok) => (ok ? insert(target) : undefined)).catch(() => {});
    }
  } catch (_) { /* fail-open */ }
}

/** After the user opens Reply/Message, the composer may appear without focus: look for it. */
export function watchForComposer() {
  if (!state.armed || state.armed.polling) return;
  const started = Date.now();
  const tick = async () => {
    if (!state.armed) return;
    let found = null;
    for (const e of editors()) {
      if (!state.armed || state.armed.known.has(e)) continue;
      if (await candidate(e)) {
        found = e;
        break;
      }
    }
    const armed = state.armed;
    if (!armed) return; // expired (or inserted by focus) while looking
    if (found) {
      armed.polling = 0;
      insert(found).catch(() => {});
      return;
    }
    if (Date.now() - started < LOOK_MS) {
      armed.polling = setTimeout(() => tick().catch(() => {}), 100);
      return;
    }
    armed.polling = 0;
    // A message box opened after the user's click, but none could be told to be this
    // person's: nothing went in. Say so, with the reply to copy, rather than nothing.
    const opened = editors().filter((e) => !armed.known.has(e));
    if (opened.length) {
      state.armed = null;
      showNotice(armed.answer, opened[opened.length - 1], unrecognisedStatus(), armed.text);
    }
  };
  state.armed.polling = setTimeout(() => tick().catch(() => {}), 50);
}

/**
 * Puts the caret at the end of the editor unless the selection is already inside it.
 * @param {HTMLElement} editor
 */
function caretInto(editor) {
  const root = /** @type {Document | ShadowRoot} */ (editor.getRootNode());
  // (A shadow root's getSelection is Chromium's.)
  const own = /** @type {{ getSelection?: () => Selection | null }} */ (/** @type {unknown} */ (root));
  const sel = typeof own.getSelection === 'function' ? own.getSelection() : document.getSelection();
  if (!sel || (sel.rangeCount && editor.contains(sel.anchorNode))) return;
  const range = document.createRange();
  range.selectNodeContents(editor);
  range.collapse(false);
  sel.removeAllRanges();
  sel.addRange(range);
}

/**
 * The lines of a reply as they go in (between two lines: a new paragraph).
 * @param {string} text
 */
export const replyLines = (text) => text.replace(/\r\n?/g, '\n').split('\n');

/**
 * Plain text into LinkedIn's editor the way it accepts it (DESIGN.md). Never into a
 * composer that already holds a draft. The outcome: 'inserted' (its Send button became
 * enabled), 'draft' (left alone), 'refused' (nothing went in), 'partial' (the editor
 * refused a line after others went in) or 'unverified' (all in, Send stayed disabled).
 * @param {HTMLElement} editor
 * @param {string} text
 * @param {() => Element | null} sendButton
 * @param {(b: Element | null) => boolean} enabled
 * @returns {Promise<'inserted' | 'draft' | 'refused' | 'partial' | 'unverified'>}
 */
async function insertText(editor, text, sendButton, enabled) {
  if (!editor.isConnected || !editor.isContentEditable) return 'refused';
  if ((editor.textContent || '').trim()) return 'draft';
  editor.focus();
  caretInto(editor);
  editor.dispatchEvent(new InputEvent('input', { bubbles: true, composed: true }));
  // Line by line with insertParagraph between lines: what both Chromium and Firefox
  // turn into the editor's own paragraphs.
  let wrote = false;
  for (const [i, line] of replyLines(text).entries()) {
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

/**
 * The armed reply into this editor, then recorded; or the clipboard and a notice.
 * @param {HTMLElement} editor
 */
async function insert(editor) {
  const job = state.armed;
  if (!job) return;
  state.armed = null;
  if (job.polling) clearTimeout(job.polling);
  const a = job.answer;
  const sendButton = () => {
    const form = editor.closest(config().live.composer.form);
    return form && form.querySelector(config().live.composer.send);
  };
  /** @param {Element | null} b */
  const enabled = (b) => !!b && !(/** @type {HTMLButtonElement} */ (b).disabled) && b.getAttribute('aria-disabled') !== 'true';
  /** @type {keyof typeof INSERT_STATUS | 'inserted'} */
  let outcome = 'refused';
  const hadText = !!(editor.textContent || '').trim();
  try {
    outcome = await insertText(editor, job.text, sendButton, enabled);
  } catch (_) {
    // Fall back to the clipboard below; say so honestly if some of it went in.
    outcome = !hadText && editor.isConnected && (editor.textContent || '').trim() ? 'partial' : 'refused';
  }
  if (outcome === 'inserted') {
    record(a, 'reply-inserted');
    return;
  }
  // Not verified (a draft was there, the editor refused, or Send stayed disabled):
  // clipboard, and say which.
  const copied = await copy(job.text);
  if (copied) record(a, 'reply-copied');
  showNotice(a, editor, INSERT_STATUS[outcome](copied), job.text);
}

// What the prompt says when no message box could be told to be the person's (no click of
// the user's is near enough for the clipboard).
const unrecognisedStatus = () => t('noticeUnrecognised');

// What the prompt says when a reply could not be put in and checked, with the reply on
// the clipboard or not.
/** @type {Record<'draft' | 'partial' | 'unverified' | 'refused', (copied: boolean) => string>} */
const INSERT_STATUS = {
  draft: (copied) => t(copied ? 'noticeDraftCopied' : 'noticeDraftNoClipboard'),
  partial: (copied) => t(copied ? 'noticePartialCopied' : 'noticePartialNoClipboard'),
  unverified: (copied) => t(copied ? 'noticeUnverifiedCopied' : 'noticeUnverifiedNoClipboard'),
  refused: (copied) => t(copied ? 'noticeRefusedCopied' : 'noticeRefusedNoClipboard'),
};
