// AskFirst background: a thin loader for the Rust/wasm engine.
//
// The engine cannot run in the content script (LinkedIn's CSP forbids compiling wasm
// there), so it runs here, in the extension's own origin. This file only:
//   1. starts the wasm engine once, when an event first needs it,
//   2. registers the listeners synchronously (MV3 requirement), and
//   3. hands each message to the engine's router (src/ext/router.rs), which validates
//      sender and payload and answers; errors come back as {ok:false, code, error}.
// Every rule and every piece of LinkedIn knowledge lives in Rust (src/core).

// The worker's own wasm build (feature `worker`): the engine, without the pages' UI.
import init, * as engine from './pkg/worker.js';

// storage.local (the ledger, private notes, settings) for the extension's own pages and
// this worker only, never for content scripts (docs/security.md, finding 8): code that
// took over the renderer LinkedIn and our content script share could otherwise read and
// write all of it. Chromium keeps the level; it is set again at every start (cheap, and
// right even if a start ever comes before onInstalled). Firefox has no access level for
// storage.local (only storage.session): the call is skipped or refused there.
try {
  chrome.storage.local.setAccessLevel?.({ accessLevel: 'TRUSTED_CONTEXTS' })?.catch?.(() => {});
} catch (_) { /* not supported here */ }

// Started by the first event that needs it: the worker is also woken for events that do
// not (a tab closed anywhere in the browser, a storage change), and compiling 1.7 MB of
// wasm for those would be work for nothing.
let ready = null;
const engineReady = () => (ready ||= init({ module_or_path: new URL('./pkg/worker_bg.wasm', import.meta.url) })
  .then(() => ({ ok: true }))
  .catch((error) => {
    // Fail-open: the content script gets error answers and leaves LinkedIn alone; the
    // toolbar icon says why.
    chrome.action?.setBadgeText({ text: 'off' });
    chrome.action?.setIcon?.({ path: { 16: 'icons/off-16.png', 32: 'icons/off-32.png' } });
    chrome.action?.setTitle({ title: chrome.i18n.getMessage('toolbarEngineDown', [String(error)]) });
    return { ok: false, error: String(error) };
  }));

chrome.runtime.onMessage.addListener((message, sender, sendResponse) => {
  // Only this extension's own contexts may talk to the engine (the router checks again).
  if (sender.id !== chrome.runtime.id) return false;
  engineReady()
    .then((state) => state.ok
      ? engine.handleMessage(message, sender)
      : { ok: false, code: 'engine-down', error: state.error })
    .catch((error) => ({ ok: false, code: 'engine-error', error: String(error) }))
    .then(sendResponse);
  return true; // the answer comes asynchronously
});

// Changes to the stored ledger made elsewhere: the engine drops its cached copy (an
// engine not started yet has none). Changed settings: every tab our content script runs in
// (the manifest's own match patterns) hears of it, since content scripts cannot read
// storage.local (above); they read their cards again, the engine with the new settings.
chrome.storage.onChanged.addListener((changes, area) => {
  ready?.then((state) => { if (state.ok) engine.storageChanged(changes, area); });
  if (area === 'local' && changes.settings) settingsChanged();
});
function settingsChanged() {
  const url = chrome.runtime.getManifest().content_scripts?.flatMap((c) => c.matches) ?? [];
  if (!url.length || !chrome.tabs) return;
  chrome.tabs.query({ url }).then((tabs) => {
    for (const tab of tabs) chrome.tabs.sendMessage(tab.id, { type: 'settings-changed' }).catch(() => {});
  }, () => {});
}

// A closed tab: the popup's per-tab state is forgotten. An engine not started yet leaves
// it to its start, which keeps only the tabs still open.
chrome.tabs?.onRemoved.addListener((tabId) => {
  ready?.then((state) => { if (state.ok) engine.tabClosed(tabId); });
});

// The keyboard shortcut (manifest "commands"): the engine forwards it to the tab.
chrome.commands?.onCommand.addListener((command, tab) => {
  engineReady().then((state) => { if (state.ok && tab) engine.handleCommand(command, tab).catch(() => {}); });
});

// First install: open the options page once for onboarding (not on updates).
chrome.runtime.onInstalled.addListener((details) => {
  if (details.reason === 'install') chrome.runtime.openOptionsPage();
});
