// @ts-check
// The prompt: <div data-askfirst="prompt"> (a built-in element: no page can define or
// upgrade it and so reach its closed shadow root; a modal dialog inside) with the reasons, the
// reply to edit and the engine's actions. It is opened by the Accept guard (guard.js), the
// keyboard shortcut, and as a notice of what became of an armed reply (insert.js).
// Against a hostile page (docs/security.md, findings 1 and 9a): the dialog is a popover
// shown in the top layer, above anything the page draws and out of reach of its styles
// (its host's styles are all ours, `!important`, which beats the page's own in a shadow
// tree); focus first goes to the reply box (a blind Enter adds a line) or the dialog
// itself, never to an action; its keys, edits and copies never reach the page (shield.js).
import { state } from './state.js';
import { record, send } from './engine.js';
import { t, word } from './i18n.js';
import { el, locate, nextFocus } from './dom.js';
import { BADGE_CSS, PROMPT_CSS, PROMPT_FONT, PROMPT_HOST_CSS, theme } from './styles.js';
import { quietly } from './collect.js';
import { renderBadge } from './badges.js';
import { arm } from './insert.js';

/** @typedef {import('./state.js').Answer} Answer */
/** @typedef {import('./state.js').Prompt} Prompt */
/** @typedef {{ answer: Answer | null }} AnswerHolder an entry, or a stand-in for a card gone */

/**
 * Opens the prompt for a card (or for an answer whose card is gone); false when it could
 * not be shown. `notice`: it only says what became of a reply already chosen (insertion
 * could not be checked): the reply, Copy and Close, and nothing is recorded but a copy.
 * @param {Element | null} card
 * @param {AnswerHolder} entry
 * @param {HTMLElement | null} accept where focus returns when the prompt closes
 * @param {boolean} [notice]
 */
export function openPrompt(card, entry, accept, notice = false) {
  let p = null;
  try {
    p = buildPrompt(card, entry, accept, notice);
  } catch (_) {
    return false;
  }
  if (!showPrompt(p)) return false;
  if (!notice) record(/** @type {Answer} */ (entry.answer), 'prompt-shown');
  return true;
}

// The second click of a double click on Accept lands on the prompt the first one opened
// (its backdrop, or a button under the pointer): it is not a choice. (Keyboard
// activation has detail 0.)
/** @param {MouseEvent} ev */
const repeated = (ev) => ev.detail > 1;

/**
 * Builds the whole prompt, not yet in the page: throws when the page prevents it.
 * @param {Element | null} card
 * @param {AnswerHolder} entry
 * @param {HTMLElement | null} accept
 * @param {boolean} [notice]
 * @returns {Prompt}
 */
export function buildPrompt(card, entry, accept, notice = false) {
  const a = /** @type {Answer} */ (entry.answer);
  // Closing a notice is no decision about the invitation: nothing is recorded.
  const putOff = () => {
    if (!notice) record(a, 'not-now');
  };
  const host = document.createElement('div');
  host.setAttribute('data-askfirst', 'prompt');
  host.setAttribute('data-theme', theme()); // now: the user may have switched themes
  const root = host.attachShadow({ mode: 'closed' });
  root.adoptedStyleSheets = [PROMPT_HOST_CSS(), PROMPT_CSS()];
  // The top layer: a manual popover (no light dismiss; Escape is ours, below).
  const layer = el('div', { class: 'layer', popover: 'manual' });
  const backdrop = el('div', { class: 'backdrop' });
  // tabindex -1: a click on the dialog's text or padding keeps focus inside it (else it
  // goes to the page's body, out of reach of Escape and of the Tab trap).
  const d = el('div', { class: 'd', role: 'dialog', 'aria-modal': 'true', 'aria-labelledby': 'h', 'aria-describedby': 'why', tabindex: '-1' });
  const h = el('h2', { id: 'h' }, t('promptTitle', [word(a.plan_label), a.name || '']));
  const reasons = el('ul', { id: 'why', 'aria-label': t('promptWhy') });
  for (const r of a.reasons) reasons.append(el('li', null, word(r)));
  d.append(h, reasons);
  // One reply per moment the actions send one at (the engine's words differ: "before I
  // accept" never goes to someone accepted). One moment: one box; two: each box says
  // when it is sent, and each action sends its own moment's text.
  /** @type {import('./state.js').MomentReply[]} */
  const replies = a.replies && a.replies.length
    ? a.replies
    : (a.reply != null ? [{ moment: 'before-accepting', text: a.reply }] : []);
  /** @type {Map<string, HTMLTextAreaElement>} */
  const areas = new Map();
  replies.forEach((r, i) => {
    const id = i ? `r${i}` : 'r';
    const box = /** @type {HTMLTextAreaElement} */ (el('textarea', { id, spellcheck: 'true', 'data-moment': r.moment }));
    box.value = r.text;
    const after = r.moment === 'after-accepting';
    let label = t('promptReplyLabel');
    if (replies.length > 1) label = after ? t('promptReplyAfterLabel') : t('promptReplyBeforeLabel');
    d.append(el('label', { for: id }, label), box);
    areas.set(r.moment, box);
  });
  const area = replies.length ? /** @type {HTMLTextAreaElement} */ (areas.get(replies[0].moment)) : null;
  const status = el('p', { class: 'status', role: 'status', 'aria-live': 'polite' });
  // The engine's warnings (a reply over LinkedIn's limit), and the user's edits checked by
  // the engine against its limit for this card (reply-length; the latest answer shows).
  const warn = el('p', { class: 'status warn', role: 'alert' }, (a.warnings || []).map(word).join('\n'));
  /** A reply box the user edited (through `handle`, below). @type {(box: HTMLTextAreaElement) => void} */
  let onEdit = () => {};
  if (areas.size && a.reply_limit) {
    const limit = a.reply_limit;
    // Each box asks the engine (the one length rule); the latest answer per box shows.
    /** @type {Map<HTMLTextAreaElement, string>} */
    const over = new Map();
    /** @type {Map<HTMLTextAreaElement, number>} the latest question per box */
    const asked = new Map();
    onEdit = (edited) => {
      if (![...areas.values()].includes(edited)) return;
      const n = (asked.get(edited) || 0) + 1;
      asked.set(edited, n);
      send({ type: 'reply-length', text: edited.value.toWellFormed(), limit }).then((answer) => {
        if (n !== asked.get(edited) || !answer || answer.ok !== true) return;
        if (answer.too_long) over.set(edited, t('promptReplyTooLong', [answer.length, answer.limit]));
        else over.delete(edited);
        warn.textContent = [...over.values()].join('\n');
      });
    };
  }
  const actions = el('div', { class: 'actions' });
  const all = /** @type {import('./state.js').PromptAction[]} */ (a.actions);
  const acts = notice
    ? all.filter((act) => act.action === 'copy').concat([{ action: 'close', label: { code: 'promptClose' } }])
    : all;
  acts.forEach((act, i) => {
    const b = el('button', { type: 'button', 'data-action': act.action, class: i ? '' : 'primary' }, word(act.label));
    b.addEventListener('click', (ev) => {
      if (ev.isTrusted && !repeated(ev)) doAction(act.action, act.moment);
    });
    actions.append(b);
  });
  d.append(warn, status, actions);
  layer.append(backdrop, d);
  root.append(layer);

  const returnTo = accept;
  /** @type {Prompt} */
  const built = { host, root, card, entry, status, area, returnTo, actions, layer, dialog: d, handle: () => {} };
  // The text an action sends: its moment's box (a copy takes the first box).
  /** @param {string | undefined} moment */
  const text = (moment) => {
    const box = (moment && areas.get(moment)) || area;
    return box ? box.value : a.reply || '';
  };
  /** @param {string} action @param {string | undefined} moment */
  const doAction = (action, moment) => {
    if (state.isRetired) return; // cut off from the engine: nothing to arm or record
    switch (action) {
      case 'reply-to-invitation':
      case 'message': {
        const controls = /** @type {NonNullable<Answer['controls']>} */ (a.controls);
        const opener = locate(card, action === 'message' ? controls.message : controls.reply);
        arm(a, text(moment));
        closePrompt(true, opener || returnTo);
        break;
      }
      case 'accept-then-reply':
        arm(a, text(moment));
        record(a, 'accepted-follow-up');
        closePrompt(true);
        break;
      case 'copy':
        copy(text(moment)).then((ok) => {
          status.textContent = t(ok ? 'promptCopied' : 'promptCopyRefused');
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
        if (card && card.isConnected && entry.answer === now) {
          const tracked = /** @type {import('./state.js').Entry} */ (entry);
          quietly(() => renderBadge(card, tracked));
        }
        closePrompt(true);
        break;
      }
      default: // 'not-now', and a notice's 'close'
        putOff();
        closePrompt(true);
    }
  };
  // Our dialog's keys and edits are ours: shield.js stops them on window before the page
  // (LinkedIn's shortcuts, or a hostile page's key logger) sees them, and calls this.
  built.handle = (ev) => {
    if (!ev.isTrusted || state.prompt !== built) return;
    if (ev.type === 'input') {
      const box = root.activeElement;
      if (box instanceof HTMLTextAreaElement) onEdit(box);
      return;
    }
    if (ev.type !== 'keydown') return;
    const key = /** @type {KeyboardEvent} */ (ev);
    if (key.key === 'Escape') {
      ev.preventDefault();
      putOff();
      closePrompt(true);
    } else if (key.key === 'Tab') {
      /** @type {HTMLElement[]} */
      const f = [...root.querySelectorAll('textarea, button')].map((x) => /** @type {HTMLElement} */ (x));
      const i = f.indexOf(/** @type {HTMLElement} */ (root.activeElement));
      ev.preventDefault();
      f[nextFocus(i, f.length, key.shiftKey)].focus();
    }
  };
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

/**
 * Puts a built prompt in the page and moves focus into it; on any failure nothing of it
 * stays and the answer is false.
 * @param {Prompt} built
 */
export function showPrompt(built) {
  closePrompt(false);
  try {
    document.documentElement.append(built.host);
    built.layer.showPopover(); // the top layer (throws where there is none: fail-open)
    // A harmless first focus: a blind Enter (the prompt hidden somehow) adds a line to the
    // reply, or does nothing on the dialog itself; it never acts.
    const first = built.area || built.dialog;
    first.focus();
    if (!built.host.isConnected) throw new Error('the prompt was taken out of the page');
    // Focus did not move in: the prompt cannot be used (the page made everything but
    // its own modal dialog inert). Holding the click behind it would block the user.
    if (built.root.activeElement !== first) throw new Error('the prompt cannot take focus');
    state.prompt = built;
    return true;
  } catch (_) {
    built.host.remove();
    return false;
  }
}

/**
 * Closes the open prompt, if any; focus goes back (`restoreFocus`) to `focusTo`, else to
 * where the prompt came from.
 * @param {boolean} restoreFocus
 * @param {HTMLElement | null} [focusTo]
 */
export function closePrompt(restoreFocus, focusTo) {
  if (!state.prompt) return;
  const { host, returnTo } = state.prompt;
  state.prompt = null;
  host.remove();
  const target = focusTo || returnTo;
  if (restoreFocus && target && target.isConnected) target.focus();
}

/**
 * The reply onto the clipboard; false when the browser refused.
 * @param {string} text
 */
export async function copy(text) {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch (_) {
    return false;
  }
}

/**
 * Says in the prompt what became of a reply, on the card if it is still there (it may
 * have turned into a connection), focus returning to the composer.
 * @param {Answer} a
 * @param {HTMLElement} editor
 * @param {string} status
 * @param {string} text the reply that was armed (with the user's edits, of its moment)
 */
export function showNotice(a, editor, status, text) {
  /** @type {Element | null} */
  let card = null;
  for (const [c, e] of state.entries) if (e.answer && e.answer.key === a.key) card = c;
  // The notice shows the text that was armed, not the card's replies as the engine wrote
  // them: one box, the user's words.
  const shown = { ...a, reply: text, replies: [] };
  openPrompt(card, { answer: shown }, editor.isConnected ? editor : null, true);
  if (state.prompt) state.prompt.status.textContent = status;
}

// A prompt's first style and layout cost ~6 ms more than the next ones (its sheet's
// rules, the fonts at its sizes, the textarea: measured 6.1 → 2.5 ms for the first
// prompt after this), and they would come inside the user's click on Accept. So once per
// page, at idle: the prompt's body, hidden, inside one of our badges' closed shadow roots
// (nothing new in LinkedIn's DOM, nothing to see, hear or focus) for two frames, which
// style and lay it out.
export function warmPrompt() {
  try {
    PROMPT_HOST_CSS();
    const entry = [...state.entries.values()].find((e) => e.badge && e.badge.host.isConnected);
    if (!entry || !entry.badge) {
      state.promptWarmed = false; // no badge yet (only page invitations so far): next time
      return;
    }
    const { root } = entry.badge;
    const box = el('div', { 'aria-hidden': 'true', inert: '' });
    // Zero high: even when an ancestor's transform makes `fixed` relative to the card,
    // the box adds no scrollable overflow (1 px high would, past a narrow page's edge).
    box.style.cssText = `position:fixed;left:0;top:0;width:min(34rem,94vw);height:0;overflow:hidden;
      visibility:hidden;contain:strict;pointer-events:none;${PROMPT_FONT}`;
    // The kinds of element buildPrompt makes, in the prompt's classes (never shown: no
    // words of the prompt's own).
    const d = el('div', { class: 'd' });
    const actions = el('div', { class: 'actions' });
    actions.append(el('button', { type: 'button', class: 'primary' }, 'AskFirst'), el('button', { type: 'button' }, 'AskFirst'));
    d.append(el('h2', null, 'AskFirst'), el('ul', null), el('label', null, 'AskFirst'), el('textarea', null, 'AskFirst'),
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
