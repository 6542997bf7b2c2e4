// AskFirst background: a thin loader for the Rust/wasm engine.
//
// The engine cannot run in the content script (LinkedIn's CSP forbids compiling wasm
// there), so it runs here, in the extension's own origin. This file only:
//   1. starts the wasm engine once,
//   2. registers the message listener synchronously (MV3 requirement), and
//   3. hands each message to the engine after start-up, answering with its result.
// Every rule and every piece of LinkedIn knowledge lives in Rust (src/core).

import init, * as engine from './pkg/askfirst.js';

const ready = init({ module_or_path: new URL('./pkg/askfirst_bg.wasm', import.meta.url) })
  .then(() => ({ ok: true }))
  .catch((error) => ({ ok: false, error: String(error) }));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own contexts may talk to the engine.
  if (sender.id !== chrome.runtime.id) return false;
  if (!message || typeof message !== 'object' || message.type !== 'ping') return false;
  ready.then((state) => {
    sendResponse(state.ok ? { ok: true, version: engine.version() } : { ok: false, error: state.error });
  });
  return true; // the answer comes asynchronously
});
