// AskFirst background: a thin loader for the Rust/wasm engine.
//
// The engine cannot run in the content script (LinkedIn's CSP forbids compiling wasm
// there), so it runs here, in the extension's own origin. This file only:
//   1. starts the wasm engine once,
//   2. registers the listeners synchronously (MV3 requirement), and
//   3. hands each message to the engine after start-up, answering with its result.
// Every rule and every piece of LinkedIn knowledge lives in Rust (src/core); the engine
// checks each ledger message's sender and payload itself.

import init, * as engine from './pkg/askfirst.js';

const ready = init({ module_or_path: new URL('./pkg/askfirst_bg.wasm', import.meta.url) })
  .then(() => ({ ok: true }))
  .catch((error) => ({ ok: false, error: String(error) }));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own contexts may talk to the engine.
  if (sender.id !== chrome.runtime.id) return false;
  if (!message || typeof message !== 'object' || typeof message.type !== 'string') return false;
  ready.then((state) => {
    if (!state.ok) return sendResponse({ ok: false, type: 'error', message: state.error });
    if (message.type === 'ping') return sendResponse({ ok: true, version: engine.version() });
    if (engine.isLedgerMessage(message.type)) {
      return engine.handleLedgerMessage(message, sender).then(sendResponse,
        (error) => sendResponse({ type: 'error', message: String(error) }));
    }
    sendResponse({ type: 'error', message: `unknown message type ${message.type}` });
  });
  return true; // the answer comes asynchronously
});

// Changes to the stored ledger made elsewhere: the engine drops its cached copy.
chrome.storage.onChanged.addListener((changes, area) => {
  ready.then((state) => { if (state.ok) engine.storageChanged(changes, area); });
});

// The keyboard shortcut (manifest "commands"): the engine forwards it to the tab.
chrome.commands?.onCommand.addListener((command, tab) => {
  ready.then((state) => { if (state.ok && tab) engine.handleCommand(command, tab).catch(() => {}); });
});

// First install: open the options page once for onboarding (not on updates).
chrome.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') chrome.runtime.openOptionsPage();
});
