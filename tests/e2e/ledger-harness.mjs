// A small launcher for the ledger, popup and options end-to-end tests: the built
// extension (dist/chrome) in Debian's Chromium, headless, with LinkedIn's URLs served
// from fixtures under a LinkedIn-like CSP and no network at all.
//
// To send messages *as a LinkedIn tab* without depending on the in-page content script,
// the harness runs a copy of dist/chrome with one test-only content script ("probe")
// that forwards window.postMessage requests to chrome.runtime.sendMessage — the same
// channel the real content script uses, so the background checks the sender exactly as
// in production. The copy also gets an empty probe.html page in the extension's origin
// for messages sent as an extension page. The shipped extension has neither.
import { chromium } from 'playwright-core';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { LINKEDIN_CSP } from './harness.mjs';

export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
// ASKFIRST_DIST: another build to run against (e.g. the old main's, to see a test fail there).
export const dist = process.env.ASKFIRST_DIST || path.join(root, 'dist/chrome');
// One LinkedIn-like CSP for every suite (Trusted Types included): the in-page harness's.
export { LINKEDIN_CSP };

const PROBE = `
// Test-only: forwards {__askfirstProbe: id, message} from the page to the background.
window.addEventListener('message', (event) => {
  if (event.source !== window || !event.data || !event.data.__askfirstProbe) return;
  const { __askfirstProbe: id, message } = event.data;
  chrome.runtime.sendMessage(message).then(
    (answer) => window.postMessage({ __askfirstProbeAnswer: id, answer }, '*'),
    (error) => window.postMessage({ __askfirstProbeAnswer: id, answer: { type: 'error', message: String(error) } }, '*'));
});
`;

export function fixture(rel) {
  return readFileSync(path.join(root, 'tests/fixtures', rel), 'utf8');
}

/** Launches Chromium with the extension. `probe`: add the test-only probe (default true). */
export async function launch({ probe = true, pages = {} } = {}) {
  const work = mkdtempSync(path.join(tmpdir(), 'askfirst-e2e-'));
  const ext = path.join(work, 'ext');
  cpSync(dist, ext, { recursive: true });
  if (probe) {
    const manifest = JSON.parse(readFileSync(path.join(ext, 'manifest.json'), 'utf8'));
    manifest.content_scripts = [...(manifest.content_scripts || []),
      { matches: ['https://www.linkedin.com/*'], js: ['probe.js'], run_at: 'document_start' }];
    writeFileSync(path.join(ext, 'manifest.json'), JSON.stringify(manifest, null, 2));
    writeFileSync(path.join(ext, 'probe.js'), PROBE);
    writeFileSync(path.join(ext, 'probe.html'), '<!doctype html><meta charset="utf-8"><title>probe</title>');
  }
  const ctx = await chromium.launchPersistentContext(path.join(work, 'profile'), {
    executablePath: '/usr/bin/chromium',
    headless: true,
    args: [`--disable-extensions-except=${ext}`, `--load-extension=${ext}`, '--no-sandbox', '--disable-gpu',
      '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update',
      '--disable-sync'],
  });
  const requests = [];
  await ctx.route((u) => /^https?:$/.test(u.protocol) && u.hostname !== 'www.linkedin.com', (r) => {
    requests.push(r.request().url());
    return r.abort();
  });
  await ctx.route('https://www.linkedin.com/**', (r) => {
    const url = new URL(r.request().url());
    const body = pages[url.pathname] ?? '<!doctype html><html><head><title>LinkedIn</title></head><body><main></main></body></html>';
    return r.fulfill({ status: 200, headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': LINKEDIN_CSP }, body });
  });
  const sw = ctx.serviceWorkers()[0] ?? await ctx.waitForEvent('serviceworker');
  const extId = new URL(sw.url()).host;
  // A fresh profile is a fresh install: the background opens the options page once
  // (onboarding). Wait for it, so that it cannot take over a tab a test opens next.
  for (let i = 0; i < 300 && !ctx.pages().some((p) => p.url().endsWith('/options.html')); i++) {
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    ctx, sw, extId, requests,
    url: (p) => `chrome-extension://${extId}/${p}`,
    /** Opens a LinkedIn tab (served from `pages` or a blank LinkedIn-like page). */
    async linkedInTab(p = '/mynetwork/invitation-manager/received/') {
      const page = await ctx.newPage();
      await page.goto(`https://www.linkedin.com${p}`);
      return page;
    },
    /** Sends one message from a LinkedIn tab through the probe; resolves with the answer. */
    async fromTab(page, message) {
      return (await this.manyFromTab(page, [message]))[0];
    },
    /** Many messages from one tab at once (all sent before any answer is awaited). */
    manyFromTab(page, messages) {
      return page.evaluate((messages) => Promise.all(messages.map((message, i) => new Promise((resolve) => {
        const id = `many-${i}-${Math.random()}`;
        const onAnswer = (e) => {
          if (e.data && e.data.__askfirstProbeAnswer === id) {
            window.removeEventListener('message', onAnswer);
            resolve(e.data.answer);
          }
        };
        window.addEventListener('message', onAnswer);
        window.postMessage({ __askfirstProbe: id, message }, '*');
      }))), messages);
    },
    /** An extension page (our origin) to send messages as the popup/options would. */
    async extensionPage(p = 'probe.html') {
      const page = await ctx.newPage();
      await page.goto(`chrome-extension://${extId}/${p}`);
      return page;
    },
    fromExtension(page, message) {
      return page.evaluate((m) => chrome.runtime.sendMessage(m), message);
    },
    storage: () => sw.evaluate(() => chrome.storage.local.get(null)),
    setStorage: (items) => sw.evaluate((items) => chrome.storage.local.set(items), items),
    async close() {
      await ctx.close();
      rmSync(work, { recursive: true, force: true });
    },
  };
}
