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

// The askfirst CLI, built once per test process (`cargo run` for every page costs cargo's
// freshness check each time: seconds for a sample of pages).
let cliPath = null;
function cli() {
  if (!cliPath) {
    const out = execFileSync('cargo', ['build', '--quiet', '--features', 'cli', '--bin', 'askfirst', '--message-format=json'],
      { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
    const built = out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l))
      .find((m) => m.reason === 'compiler-artifact' && m.target?.name === 'askfirst' && m.executable);
    if (!built) throw new Error('cargo built no askfirst binary');
    cliPath = built.executable;
  }
  return cliPath;
}

/** The askfirst CLI's verdicts for a fixture page (one reader: the badges must equal them). */
export function cliTriage(file, settings) {
  const args = ['triage', file, '--json'];
  if (settings) args.push('--settings', settings);
  // stderr is kept for the error a failure throws ("no person invitations" is no failure).
  const out = execFileSync(cli(), args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'pipe'] });
  return out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** `dist`: the unpacked extension to load (benches compare builds); dist/chrome by default. */
/**
 * `lang`: the browser's UI language ("fr", "de"), which chrome.i18n words the extension
 * in (Chromium on Linux takes it from --lang and LANGUAGE); the pages' too (locale).
 */
export async function launch({ headless = true, extension = true, dist = DIST, lang = null } = {}) {
  if (extension && !existsSync(join(dist, 'manifest.json'))) throw new Error(`${dist} holds no extension: run ./build.sh first`);
  const profile = await mkdtemp(join(tmpdir(), 'askfirst-e2e-'));
  const ctx = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless,
    viewport: { width: 1280, height: 900 },
    ...(lang ? { locale: lang, env: { ...process.env, LANGUAGE: lang, LANG: `${lang}.UTF-8` } } : {}),
    args: [
      ...(lang ? [`--lang=${lang}`] : []),
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

// ---- badges and the prompt, through CDP ----------------------------------------------
// The test contract (docs/architecture.md, "The test contract"; docs/security.md): a badge is a built-in
// `<span data-askfirst="badge">` with a closed shadow root, and nothing of the verdict in
// the light DOM; inside the root one element carries data-note / data-fit / data-plan. The
// prompt is a built-in element with data-askfirst="prompt", a closed shadow root and
// role="dialog" inside. Page scripts cannot see into those roots; tests do, through CDP
// `DOM.getDocument({depth: -1, pierce: true})` (../../docs/security.md). Helpers:
//   badgeCount(page)                  badge hosts with a closed root, in the whole page
//   waitForBadges(page, n)            until there are n (or throws with what it saw)
//   badgeVerdicts(page, within?)      [{note, fit, plan, label, tip, card, inCard, on, links}] in page order
//   inBadge(page, fn, arg, i)         fn with `this` = the i-th badge's closed root
//   inPrompt(page, fn, arg)           fn with `this` = the open prompt's closed root
//   promptState(page)                 what the open prompt shows (undefined: none)
//   clickPromptAction(page, action)   a trusted click on the prompt's button of that action
//   clickInPrompt(page, selector)     a trusted click on what `selector` matches in the prompt
//   focusInPrompt(page, selector)     focus on it (then page.keyboard types into it)
// `fn` runs in the page's main world with the root as `this` (JSON in, JSON out).
export const BADGE = '[data-askfirst="badge"]';
export const PROMPT = '[data-askfirst="prompt"]';

const sessions = new WeakMap();
async function cdp(page) {
  if (!sessions.has(page)) sessions.set(page, await page.context().newCDPSession(page));
  return sessions.get(page);
}

/**
 * The closed shadow roots of every host with data-askfirst=`kind` ('badge' | 'prompt'), as
 * CDP backend node ids, in document order (other frames' too). A host without a closed
 * root does not count: it is not one of ours.
 */
async function shadowRoots(page, kind) {
  const s = await cdp(page);
  const { root } = await s.send('DOM.getDocument', { depth: -1, pierce: true });
  const ids = [];
  const walk = (n) => {
    const at = n.attributes || [];
    let ours = false;
    for (let i = 0; i < at.length; i += 2) if (at[i] === 'data-askfirst' && at[i + 1] === kind) ours = true;
    const sr = n.shadowRoots && n.shadowRoots[0];
    if (ours && sr && sr.shadowRootType === 'closed') ids.push(sr.backendNodeId);
    for (const c of n.children || []) walk(c);
    for (const c of n.shadowRoots || []) walk(c);
    if (n.contentDocument) walk(n.contentDocument);
  };
  walk(root);
  return ids;
}

/** `fn.call(roots[0], arg, ...roots.slice(1))` in the page's main world; its JSON value. */
async function callOnRoots(page, ids, fn, arg) {
  const s = await cdp(page);
  const objects = [];
  for (const backendNodeId of ids) objects.push((await s.send('DOM.resolveNode', { backendNodeId })).object.objectId);
  const r = await s.send('Runtime.callFunctionOn', {
    objectId: objects[0],
    functionDeclaration: fn.toString(),
    arguments: [{ value: arg === undefined ? null : arg }, ...objects.slice(1).map((objectId) => ({ objectId }))],
    returnByValue: true,
    awaitPromise: true,
  });
  if (r.exceptionDetails) throw new Error(`in a closed root: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
  return r.result.value;
}

/**
 * Runs `fn` with `this` = the closed shadow root of the i-th `kind` host ('badge' |
 * 'prompt'). Returns undefined when there is no such host.
 */
export async function inShadow(page, kind, fn, arg, i = 0) {
  if (kind !== 'badge' && kind !== 'prompt') throw new Error(`inShadow: 'badge' or 'prompt', not ${kind}`);
  const ids = await shadowRoots(page, kind);
  if (ids[i] == null) return undefined;
  return callOnRoots(page, [ids[i]], fn, arg);
}
export const inBadge = (page, fn, arg, i = 0) => inShadow(page, 'badge', fn, arg, i);
export const inPrompt = (page, fn, arg) => inShadow(page, 'prompt', fn, arg, 0);

/** How many badges the page shows (hosts with a closed root, read through CDP). */
export const badgeCount = async (page) => (await shadowRoots(page, 'badge')).length;

/**
 * Every badge in page order: its verdict (from the element inside its closed root),
 * label, tooltip, its card's text (the host's parent element, light DOM) and whether it
 * sits in a card. `within`: only the badges inside the first element this selector matches.
 */
export async function badgeVerdicts(page, within) {
  const ids = await shadowRoots(page, 'badge');
  if (!ids.length) return [];
  return callOnRoots(page, ids, function (within, ...rest) {
    const box = within ? document.querySelector(within) : null;
    if (within && !box) return [];
    const cards = [];
    return [this, ...rest].filter((root) => !box || box.contains(root.host)).map((root) => {
      const v = root.querySelector('[data-note]');
      const parent = root.host.parentElement;
      if (!cards.includes(parent)) cards.push(parent);
      return {
        // Which element it sits on (the same number for the same element, in order of first
        // appearance), and the profile paths that element links to.
        on: cards.indexOf(parent),
        links: parent ? [...new Set([...parent.querySelectorAll('a[href]')].map((a) => new URL(a.href).pathname))] : [],
        note: v?.getAttribute('data-note'), fit: v?.getAttribute('data-fit'), plan: v?.getAttribute('data-plan'),
        label: root.querySelector('.p')?.textContent ?? null, tip: root.querySelector('[role=tooltip]')?.textContent ?? null,
        card: root.host.parentElement?.textContent ?? '',
        inCard: !!root.host.parentElement?.closest('[componentkey], [data-view-name], li'),
      };
    });
  }, within ?? null);
}

/** Waits until the page's badge count is `n` (or throws with what it saw). */
export async function waitForBadges(page, n, timeout = 10000) {
  const end = Date.now() + timeout;
  let seen = -1;
  for (;;) {
    seen = await badgeCount(page).catch(() => -1); // mid-navigation: look again
    if (seen === n) return;
    if (Date.now() > end) throw new Error(`expected ${n} badges, saw ${seen}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** What the open prompt shows (or undefined): dialog role, labels, texts, buttons, focus. */
export async function promptState(page) {
  return inPrompt(page, function () {
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

/** The centre of what `selector` matches in the open prompt (null: nothing there). */
const centreInPrompt = (page, selector) => inPrompt(page, function (selector) {
  const b = this.querySelector(selector);
  if (!b) return null;
  const r = b.getBoundingClientRect();
  return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
}, selector);

/** A real (trusted) mouse click on what `selector` matches inside the open prompt. */
export async function clickInPrompt(page, selector) {
  const box = await centreInPrompt(page, selector);
  if (!box) throw new Error(`the prompt has nothing at ${selector}`);
  await page.mouse.click(box.x, box.y);
}

/** A real (trusted) mouse click on a prompt button, found by its action. */
export async function clickPromptAction(page, action) {
  const box = await centreInPrompt(page, `button[data-action="${action}"]`);
  if (!box) throw new Error(`the prompt has no "${action}" action`);
  await page.mouse.click(box.x, box.y);
}

/** Focus on what `selector` matches inside the open prompt (false: nothing there). */
export const focusInPrompt = (page, selector) => inPrompt(page, function (selector) {
  const el = this.querySelector(selector);
  if (!el) return false;
  el.focus();
  return this.activeElement === el;
}, selector);

/**
 * Evaluates `expression` in the content script's own isolated world in `page` (CDP
 * Runtime, the context whose origin is the extension's): what code that took over the
 * content script could do. Returns its JSON value (promises awaited).
 */
export async function inContentScript(page, extensionId, expression) {
  const s = await page.context().newCDPSession(page);
  try {
    const contexts = [];
    s.on('Runtime.executionContextCreated', (e) => contexts.push(e.context));
    await s.send('Runtime.enable');
    const ours = (c) => c.auxData?.type === 'isolated' && c.origin === `chrome-extension://${extensionId}`;
    await waitFor('the content script\'s world', () => contexts.some(ours));
    const r = await s.send('Runtime.evaluate', {
      expression, contextId: contexts.find(ours).id, awaitPromise: true, returnByValue: true,
    });
    if (r.exceptionDetails) throw new Error(`in the content script: ${r.exceptionDetails.exception?.description || r.exceptionDetails.text}`);
    return r.result.value;
  } finally {
    await s.detach().catch(() => {});
  }
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
