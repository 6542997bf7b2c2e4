// @ts-check
// What the user types in the prompt stays ours. Keyboard, input, composition and clipboard
// events are composed: from inside our closed shadow root they still travel through the
// page's document and window, retargeted to the prompt's host — so a page listener on
// window in the capture phase (the first one any event reaches) would see every key the
// user types into the reply, and could replace what they copy (docs/security.md, finding 1).
// These listeners are registered on window, capture phase, at document_start, before any
// page script has run: listeners of one target and phase run in the order they were
// added, so ours run first. For an event aimed at the open prompt they stop it there (the
// page never sees it; the browser's default action, the typing itself, still happens) and
// hand it to the prompt's own handling (prompt.js `handle`: Escape, the Tab trap, the
// length check of an edited reply). `selectionchange` is fired at the document itself, once
// per caret move (so once per key typed): while focus is in the prompt it is stopped too.
// Events elsewhere are left alone.
import { state } from './state.js';

/** Every composed event that carries what the user types, selects or copies. */
export const SHIELDED = ['keydown', 'keyup', 'keypress', 'beforeinput', 'input', 'textInput', 'compositionstart',
  'compositionupdate', 'compositionend', 'copy', 'cut', 'paste', 'select', 'selectionchange'];

/** @param {Event} ev */
function shield(ev) {
  const p = state.prompt;
  if (!p) return;
  const ours = ev.target === p.host || (ev.type === 'selectionchange' && document.activeElement === p.host);
  if (!ours) return;
  ev.stopImmediatePropagation();
  try {
    p.handle(ev);
  } catch (_) { /* fail-open: the prompt's own handling only */ }
}

/** Registers the shield (main.js, at document_start: before the page's own listeners). */
export function shieldPrompt() {
  for (const type of SHIELDED) window.addEventListener(type, shield, true);
}
