// Shared helpers for AskFirst's end-to-end tests: launch Chromium with dist/chrome loaded,
// serve fixture pages at LinkedIn's real URLs with a LinkedIn-like CSP, abort every other
// request, record every request (the extension must make none), and reach into closed
// shadow roots through the DevTools protocol (as a test may; page scripts cannot).
import { chromium } from 'playwright-core';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist', 'chrome');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const ORIGIN = 'https://www.linkedin.com';
export const INVITATIONS = `${ORIGIN}/mynetwork/invitation-manager/received/`;

// Close to what linkedin.com sends: no inline script, no eval or wasm, Trusted Types.
// Only the test probe (served from 'self') runs as page script.
export const LINKEDIN_CSP = [
  "default-src 'self'",
  "script-src 'self' static.licdn.com",
  "style-src 'self' 'unsafe-inline' static.licdn.com",
  "img-src 'self' data: blob: media.licdn.com static.licdn.com",
  "object-src 'none'",
  "base-uri 'self'",
  "require-trusted-types-for 'script'",
].join('; ');

// Test scripts from tests/fixtures/e2e/ are served under this path (same origin as the page).
const SCRIPTS = '/askfirst-e2e/';
const PROBE_PATH = `${SCRIPTS}probe.js`;

/** Fixture HTML with the test probe (records what "LinkedIn" sees) added at the end. */
export function withProbe(html) {
  const tag = `<script src="${PROBE_PATH}"></script>`;
  return /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${tag}</body>`) : html + tag;
}

export async function fixture(rel) {
  return readFile(join(FIXTURES, rel), 'utf8');
}

/** The askfirst CLI's verdicts for a fixture page (one reader: the badges must equal them). */
export function cliTriage(file, settings) {
  const args = ['run', '--quiet', '--features', 'cli', '--', 'triage', file, '--json'];
  if (settings) args.push('--settings', settings);
  const out = execFileSync('cargo', args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** `dist`: the unpacked extension to load (benches compare builds); dist/chrome by default. */
export async function launch({ headless = true, extension = true, dist = DIST } = {}) {
  if (extension && !existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} holds no extension: run ./build.sh first`);
  const profile = await mkdtemp(join(tmpdir(), 'askfirst-e2e-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless,
    viewport: { width: 1280, height: 900 },
    args: [
      ...(extension ? [`--disable-extensions-except=${dist}`, `--load-extension=${dist}`] : []),
      '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
  });
  const site = new Map(); // path → { body, type }
  const requests = [];
  ctx.on('request', (r) => {
    let sw = false;
    try { sw = !!r.serviceWorker(); } catch (_) { /* older Playwright */ }
    requests.push({ url: r.url(), type: r.resourceType(), nav: r.isNavigationRequest(), sw });
  });
  await ctx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: ORIGIN });
  await ctx.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    // The extension's own pages (popup, options) load their files from the extension.
    if (url.protocol === 'chrome-extension:') return route.continue();
    if (url.origin !== ORIGIN) return route.abort();
    if (url.pathname.startsWith(SCRIPTS) && /^[\w-]+\.js$/.test(url.pathname.slice(SCRIPTS.length))) {
      const body = await fixture(`e2e/${url.pathname.slice(SCRIPTS.length)}`);
      return route.fulfill({ status: 200, contentType: 'text/javascript', body });
    }
    const page = site.get(url.pathname);
    if (!page) return route.fulfill({ status: 404, contentType: 'text/plain', body: 'not in the fixture site' });
    return route.fulfill({
      status: 200,
      headers: { 'content-type': 'text/html; charset=utf-8', 'content-security-policy': page.csp || LINKEDIN_CSP },
      body: page.body,
    });
  });
  let sw = null;
  let extensionId = null;
  if (extension) {
    [sw] = ctx.serviceWorkers();
    if (!sw) sw = await ctx.waitForEvent('serviceworker', { timeout: 15000 });
    extensionId = new URL(sw.url()).host;
    // A fresh profile is a fresh install: the background opens the options page once
    // (onboarding). Wait for it, so that it cannot take over a tab a test opens next.
    for (let i = 0; i < 300 && !ctx.pages().some((p) => p.url().endsWith('/options.html')); i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  const h = {
    ctx, sw, extensionId, requests, site,
    /** Serves `html` (with the probe) at ORIGIN + path. */
    serve(path, html, csp) { site.set(path, { body: withProbe(html), csp }); },
    /** Opens (or reuses) a page at the URL and waits for the content script's first answer. */
    async open(url, page) {
      page = page || (await ctx.newPage());
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    /**
     * Requests the extension made: everything except the test's own navigations and the
     * resources a fixture page itself references (the probe; a saved page's images).
     */
    extensionRequests() {
      return requests.filter((r) => {
        if (!/^https?:/.test(r.url)) return false;
        if (r.sw) return true;
        if (r.nav && r.type === 'document') return false;
        const path = new URL(r.url).pathname;
        if (path.startsWith(SCRIPTS)) return false;
        return ![...site.values()].some((p) => p.body.includes(path) && path.length > 1);
      });
    },
    async close() {
      await ctx.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
  return h;
}

/** Waits until the page's badge count is stable at `n` (or throws with what it saw). */
export async function waitForBadges(page, n, timeout = 10000) {
  await page.waitForFunction((n) => document.querySelectorAll('askfirst-badge').length === n, n, { timeout })
    .catch(async (e) => {
      const seen = await page.evaluate(() => document.querySelectorAll('askfirst-badge').length);
      throw new Error(`expected ${n} badges, saw ${seen}: ${e.message}`);
    });
}

// ---- closed shadow roots, through CDP ---------------------------------------------------
const sessions = new WeakMap();
async function cdp(page) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  return sessions.get(page);
}

/** The closed shadow roots of every `<tag>` host, as CDP object ids, in document order. */
async function shadowRoots(page, tag) {
  const s = await cdp(page);
  const { root } = await s.send('DOM.getDocument', { depth: -1, pierce: true });
  const ids = [];
  const walk = (n) => {
    if (n.localName === tag && n.shadowRoots && n.shadowRoots.length) ids.push(n.shadowRoots[0].backendNodeId);
    for (const c of n.children || []) walk(c);
    for (const c of n.shadowRoots || []) walk(c);
    if (n.contentDocument) walk(n.contentDocument);
  };
  walk(root);
  return ids;
}

/**
 * Runs `fn` with `this` = the closed shadow root of the i-th `<tag>` host (in the page's
 * main world; returns a JSON value). Returns undefined when there is no such host.
 */
export async function inShadow(page, tag, fn, arg, i = 0) {
  const s = await cdp(page);
  const ids = await shadowRoots(page, tag);
  if (ids[i] == null) return undefined;
  const { object } = await s.send('DOM.resolveNode', { backendNodeId: ids[i] });
  const r = await s.send('Runtime.callFunctionOn', {
    objectId: object.objectId,
    functionDeclaration: fn.toString(),
    arguments: [{ value: arg === undefined ? null : arg }],
    returnByValue: true,
  });
  if (r.exceptionDetails) throw new Error(`inShadow: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
  return r.result.value;
}

/** What the open prompt shows (or null): dialog role, labels, texts, buttons, focus. */
export async function promptState(page) {
  return inShadow(page, 'askfirst-prompt', function () {
    const d = this.querySelector('[role=dialog]');
    if (!d) return { dialog: false };
    const label = d.getAttribute('aria-labelledby');
    return {
      dialog: true,
      modal: d.getAttribute('aria-modal'),
      title: label ? this.getElementById(label)?.textContent : null,
      text: d.textContent,
      reply: this.querySelector('textarea')?.value ?? null,
      status: this.querySelector('[role=status]')?.textContent ?? '',
      actions: [...this.querySelectorAll('button[data-action]')].map((b) => b.dataset.action),
      focused: this.activeElement ? (this.activeElement.dataset.action || this.activeElement.tagName.toLowerCase()) : null,
    };
  });
}

/** A real (trusted) mouse click on a prompt button, found by its action. */
export async function clickPromptAction(page, action) {
  const box = await inShadow(page, 'askfirst-prompt', function (action) {
    const b = this.querySelector(`button[data-action="${action}"]`);
    if (!b) return null;
    const r = b.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, action);
  if (!box) throw new Error(`the prompt has no "${action}" action`);
  await page.mouse.click(box.x, box.y);
}

/** A real (trusted) mouse click on the centre of the element `selector` matches. */
export async function trustedClick(page, selector, nth = 0) {
  const el = page.locator(selector).nth(nth);
  await el.scrollIntoViewIfNeeded();
  const b = await el.boundingBox();
  if (!b) throw new Error(`nothing visible to click at ${selector} #${nth}`);
  await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
}

/** The toolbar state the extension shows for the tab at `url`: [badge text, title]. */
export async function toolbar(h, url) {
  return h.sw.evaluate(async (url) => {
    const [tab] = (await chrome.tabs.query({})).filter((t) => t.url === url);
    if (!tab) return null;
    return [await chrome.action.getBadgeText({ tabId: tab.id }), await chrome.action.getTitle({ tabId: tab.id })];
  }, url);
}

/** The probe's record of clicks that reached "LinkedIn" (a bubbling document listener). */
export async function clicksSeen(page) {
  return page.evaluate(() => window.__probe.clicks.slice());
}

/** The ledger as stored by the extension's background (empty when nothing is stored). */
export async function storedLedger(h) {
  const { ledger } = await h.sw.evaluate(() => chrome.storage.local.get('ledger'));
  return ledger ? JSON.parse(ledger) : { records: {} };
}

/** Polls `check` every 50 ms until it returns something truthy, which it returns. */
export async function waitFor(what, check, timeout = 5000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
