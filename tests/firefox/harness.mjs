// Shared helpers for AskFirst's Firefox suite: Debian's firefox-esr, headless, driven over
// WebDriver BiDi by puppeteer-core (no browser download), with dist/firefox installed as a
// temporary add-on (BiDi webExtension.install).
//
// The network, twice fenced:
//  - each tab the tests open intercepts its requests: LinkedIn's URLs are served from the
//    fixtures with LinkedIn's CSP (the one the Chromium harness uses), everything else is
//    aborted and recorded;
//  - every other request the browser makes (the add-on's background and pages, Firefox
//    itself) goes to a local proxy that refuses it and records it. Firefox's own remote
//    settings are pointed at a dummy (as Mozilla's own test profiles do), so the proxy's
//    record must stay empty: anything there came from the add-on.
//
// Closed shadow roots: WebDriver BiDi serialises a host's shadow root, closed ones too, when
// asked (`serializationOptions.includeShadowTree: "all"`); the test then runs its function
// with `this` = that root in a sandbox realm of its own (`target.sandbox`), apart from the
// page's scripts. Only the WebDriver client can do this: a page cannot, and the product
// keeps no test hook.
import puppeteer from 'puppeteer-core';
import http from 'node:http';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { LINKEDIN_CSP } from '../e2e/harness.mjs';

export { LINKEDIN_CSP };
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const DIST = join(ROOT, 'dist', 'firefox');
export const FIXTURES = join(ROOT, 'tests', 'fixtures');
export const ORIGIN = 'https://www.linkedin.com';
export const INVITATIONS = `${ORIGIN}/mynetwork/invitation-manager/received/`;
export const ADDON_ID = JSON.parse(readFileSync(join(ROOT, 'manifest.json'), 'utf8')).browser_specific_settings.gecko.id;
// Firefox gives each add-on a random internal UUID per profile (its moz-extension:// host);
// the pref below fixes it, so that the tests know the add-on's pages' URLs.
export const UUID = '0a5f1e57-a5f1-4e57-8a5f-1e57a5f1e570';
export const EXT = `moz-extension://${UUID}`;
const FIREFOX = process.env.FIREFOX || '/usr/bin/firefox-esr';

// Test scripts from tests/fixtures/e2e/ are served under this path (same origin as the page).
const SCRIPTS = '/askfirst-e2e/';
const PROBE_PATH = `${SCRIPTS}probe.js`;

export function withProbe(html) {
  const tag = `<script src="${PROBE_PATH}"></script>`;
  return /<\/body>/i.test(html) ? html.replace(/<\/body>/i, `${tag}</body>`) : html + tag;
}

export const fixture = (rel) => readFile(join(FIXTURES, rel), 'utf8');

/** The askfirst CLI's verdicts for a fixture page (one reader: the badges must equal them). */
export function cliTriage(file) {
  const out = execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--', 'triage', file, '--json'],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

/** A proxy that refuses every request and remembers it (host, or URL for plain http). */
function refusingProxy() {
  const seen = [];
  const server = http.createServer((req, res) => {
    seen.push(`${req.method} ${req.url}`);
    res.writeHead(403);
    res.end();
  });
  server.on('connect', (req, socket) => {
    seen.push(`CONNECT ${req.url}`);
    socket.end('HTTP/1.1 403 Forbidden\r\n\r\n');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ server, seen, port: server.address().port })));
}

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Polls `check` every 50 ms until it returns something truthy, which it returns. */
export async function waitFor(what, check, timeout = 10000) {
  const end = Date.now() + timeout;
  for (;;) {
    const value = await check();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

/**
 * Starts Firefox with the add-on. `prefs`: extra Firefox prefs for one suite (e.g. a short
 * background idle timeout). `extension: false`: the same browser without it (benchmarks).
 */
export async function launch({ prefs = {}, extension = true } = {}) {
  if (extension && !existsSync(join(DIST, 'manifest.json'))) throw new Error(`${DIST} holds no add-on: run ./build.sh first`);
  const proxy = await refusingProxy();
  const profile = mkdtempSync(join(tmpdir(), 'askfirst-ff-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    userDataDir: profile,
    defaultViewport: { width: 1280, height: 900 },
    // Release builds honour services.settings.server (puppeteer points it at a dummy) only
    // with this set; otherwise Firefox syncs its remote settings (through our proxy).
    env: { ...process.env, MOZ_REMOTE_SETTINGS_DEVTOOLS: '1' },
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      'network.proxy.type': 1,
      'network.proxy.http': '127.0.0.1',
      'network.proxy.http_port': proxy.port,
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': proxy.port,
      'network.proxy.no_proxies_on': '',
      'network.proxy.allow_hijacking_localhost': true,
      'services.settings.server': 'data:,#remote-settings-dummy/v1',
      'browser.safebrowsing.update.enabled': false,
      'extensions.getAddons.cache.enabled': false,
      'browser.chrome.site_icons': false, // no favicon requests of Firefox's own
      ...prefs,
    },
  });
  const site = new Map(); // path → { body, csp }
  const blocked = []; // requests a tab made that the harness did not serve
  const h = {
    browser, site, blocked, proxied: proxy.seen, options: null,
    /** Serves `html` (with the probe) at ORIGIN + path. */
    serve(path, html, csp) { site.set(path, { body: withProbe(html), csp }); },
    /** A new tab whose requests the harness answers. */
    async newPage() {
      const page = await browser.newPage();
      await fence(page);
      return page;
    },
    /** Opens a LinkedIn URL in a new (or the given) tab. */
    async open(url, page) {
      page = page || (await h.newPage());
      await page.goto(url, { waitUntil: 'domcontentloaded' });
      return page;
    },
    /** Opens one of the add-on's pages as a tab (through the add-on: BiDi may not navigate there). */
    async extensionPage(file) {
      const created = new Promise((resolve) => browser.once('targetcreated', resolve));
      await h.options.evaluate((url) => { chrome.tabs.create({ url }); }, file);
      const page = await (await created).page();
      await waitFor(`${file} to load`, () => page.evaluate(() => document.readyState === 'complete' && location.href).catch(() => false)
        .then((href) => href && href.endsWith(`/${file}`)));
      return page;
    },
    /** What the add-on keeps in storage.local (read from one of its pages). */
    storage: () => h.options.evaluate(() => chrome.storage.local.get(null)),
    setStorage: (items) => h.options.evaluate((items) => chrome.storage.local.set(items), items),
    clearStorage: () => h.options.evaluate(() => chrome.storage.local.clear()),
    async close() {
      try {
        await browser.close();
      } finally {
        proxy.server.close();
        rmSync(profile, { recursive: true, force: true });
      }
    },
  };

  async function fence(page) {
    await page.setRequestInterception(true);
    page.on('request', (r) => {
      const url = new URL(r.url());
      if (!/^https?:$/.test(url.protocol)) return r.continue(); // data:, blob:, moz-extension:
      if (url.origin !== ORIGIN) {
        blocked.push(r.url());
        return r.abort();
      }
      if (url.pathname.startsWith(SCRIPTS) && /^[\w-]+\.js$/.test(url.pathname.slice(SCRIPTS.length))) {
        return fixture(`e2e/${url.pathname.slice(SCRIPTS.length)}`).then((body) => r.respond({ status: 200, contentType: 'text/javascript', body }));
      }
      const p = site.get(url.pathname);
      if (!p) {
        blocked.push(r.url());
        return r.respond({ status: 404, contentType: 'text/plain', body: 'not in the fixture site' });
      }
      return r.respond({
        status: 200,
        headers: { 'content-security-policy': p.csp || LINKEDIN_CSP },
        contentType: 'text/html; charset=utf-8',
        body: p.body,
      });
    });
  }

  // The first (blank) tab is left unfenced: the add-on's onboarding takes it over, and the
  // add-on's pages' requests must reach the proxy.
  if (!extension) return h;
  const id = await browser.installExtension(DIST);
  if (id !== ADDON_ID) throw new Error(`installed ${id}, expected ${ADDON_ID}`);
  // A fresh profile is a fresh install: the add-on opens its options page once. That tab is
  // the tests' way into the add-on's origin (storage, opening its other pages).
  h.options = await waitFor('the onboarding options page', async () => {
    for (const p of await browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href === `${EXT}/options.html`) return p;
    }
    return null;
  }, 20000);
  return h;
}

/**
 * Requests that went past the harness: aborted by a tab's fence (not LinkedIn, or not in
 * the fixture site) or refused by the proxy (the add-on's background or pages). `pageOwn`:
 * URLs a fixture page itself references (a saved page's scripts and images), left out.
 */
export function strayRequests(h) {
  const own = (u) => {
    const { pathname, origin } = new URL(u);
    return [...h.site.values()].some((p) => (p.body.includes(u) || (origin === ORIGIN && p.body.includes(pathname))) && pathname.length > 1);
  };
  return { pages: h.blocked.filter((u) => !own(u)), proxy: h.proxied.slice() };
}

// ---- BiDi: closed shadow roots ---------------------------------------------------------
const SANDBOX = 'askfirst-test';

async function bidi(page, method, params) {
  const { result } = await page.browser().connection.send(method, params);
  if (result.type === 'exception') throw new Error(`${method}: ${result.exceptionDetails.text}`);
  return result;
}

/** The closed shadow roots (BiDi shared references) of every host matching `hosts`. */
async function shadowRoots(page, hosts) {
  const context = page.mainFrame()._id;
  const r = await bidi(page, 'script.callFunction', {
    functionDeclaration: '(sel) => [...document.querySelectorAll(sel)]',
    arguments: [{ type: 'string', value: hosts }],
    target: { context, sandbox: SANDBOX },
    awaitPromise: false,
    serializationOptions: { includeShadowTree: 'all', maxDomDepth: 0 },
  });
  // Only hosts with a closed root count (a page's look-alike without one is not ours).
  return r.result.value.map((n) => n.value?.shadowRoot).filter((root) => root?.sharedId && root.value?.mode === 'closed')
    .map((root) => root.sharedId);
}

/** `fn` with `this` = the i-th host's closed shadow root, in a sandbox; returns JSON. */
export async function inShadow(page, hosts, fn, arg, i = 0) {
  const ids = await shadowRoots(page, hosts);
  if (ids[i] == null) return undefined;
  const r = await bidi(page, 'script.callFunction', {
    functionDeclaration: `function (arg) { return JSON.stringify((${fn.toString()}).call(this, arg === null ? undefined : JSON.parse(arg)) ?? null); }`,
    this: { sharedId: ids[i] },
    arguments: [arg === undefined ? { type: 'null' } : { type: 'string', value: JSON.stringify(arg) }],
    target: { context: page.mainFrame()._id, sandbox: SANDBOX },
    awaitPromise: false,
  });
  return JSON.parse(r.result.value);
}

// The badge and prompt hosts (the test contract, docs/security.md): built-in elements with
// data-askfirst, nothing of the verdict in the light DOM, a closed shadow root each. The
// helpers match the Chromium harness's (tests/e2e/harness.mjs): badgeCount, waitForBadges,
// badges (the verdicts), inShadow (BADGE or PROMPT), promptState, clickPromptAction,
// clickInPrompt.
export const BADGE = '[data-askfirst="badge"]';
export const PROMPT = '[data-askfirst="prompt"]';

/** Every badge's verdict, in page order, from the element inside its closed root. */
export async function badges(page) {
  const ids = await shadowRoots(page, BADGE);
  const out = [];
  for (let i = 0; i < ids.length; i++) {
    out.push(await inShadow(page, BADGE, function () {
      const host = this.host;
      const at = this.querySelector('[data-note]');
      return {
        note: at?.getAttribute('data-note'), fit: at?.getAttribute('data-fit'), plan: at?.getAttribute('data-plan'),
        inCard: !!host.parentElement?.closest('[componentkey], [data-view-name], li'),
      };
    }, undefined, i));
  }
  return out;
}

/** How many badges the page shows (hosts with a closed root, seen through BiDi). */
export const badgeCount = async (page) => (await shadowRoots(page, BADGE)).length;

/** Waits until the page shows `n` badges (or throws with what it saw). */
export async function waitForBadges(page, n, timeout = 15000) {
  await waitFor(`${n} badges`, async () => (await badgeCount(page).catch(() => -1)) === n, timeout)
    .catch(async (e) => { throw new Error(`expected ${n} badges, saw ${await badgeCount(page)}: ${e.message}`); });
}

/** What the open prompt shows (or undefined): dialog, title, reply, status, actions. */
export function promptState(page) {
  return inShadow(page, PROMPT, function () {
    const d = this.querySelector('[role=dialog]');
    if (!d) return { dialog: false };
    const label = d.getAttribute('aria-labelledby');
    return {
      dialog: true,
      title: label ? this.getElementById(label)?.textContent : null,
      text: d.textContent,
      reply: this.querySelector('textarea')?.value ?? null,
      status: this.querySelector('[role=status]')?.textContent ?? '',
      actions: [...this.querySelectorAll('button[data-action]')].map((b) => b.dataset.action),
    };
  });
}

/** A real (trusted) mouse click on what `selector` matches inside the open prompt. */
export async function clickInPrompt(page, selector) {
  const box = await inShadow(page, PROMPT, function (selector) {
    const b = this.querySelector(selector);
    if (!b) return null;
    const r = b.getBoundingClientRect();
    return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
  }, selector);
  if (!box) throw new Error(`the prompt has nothing at ${selector}`);
  await page.mouse.click(box.x, box.y);
}

/** A real (trusted) mouse click on a prompt button, found by its action. */
export const clickPromptAction = (page, action) => clickInPrompt(page, `button[data-action="${action}"]`);

/** A real (trusted) mouse click (BiDi input.performActions) on the element `selector` matches. */
export async function trustedClick(page, selector) {
  const box = await page.evaluate((selector) => {
    const el = document.querySelector(selector);
    if (!el) return null;
    el.scrollIntoView({ block: 'center' });
    const r = el.getBoundingClientRect();
    return r.width && r.height ? { x: r.x + r.width / 2, y: r.y + r.height / 2 } : null;
  }, selector);
  if (!box) throw new Error(`nothing visible to click at ${selector}`);
  await page.mouse.click(box.x, box.y);
}

// Puppeteer's element handles go stale in a tab the add-on itself navigated (the
// onboarding tab), so these helpers query the DOM afresh each time.
/** Whether `selector` matches in the page now. */
export const has = (page, selector) => page.evaluate((s) => !!document.querySelector(s), selector).catch(() => false);
/** The text of the first match of `selector` (null if none). */
export const textOf = (page, selector) => page.evaluate((s) => document.querySelector(s)?.textContent ?? null, selector);
/** The value of the form field `selector`. */
export const valueOf = (page, selector) => page.evaluate((s) => document.querySelector(s).value, selector);
/** Waits until `selector` matches. */
export const waitForSelector = (page, selector, timeout = 10000) => waitFor(selector, () => has(page, selector), timeout);
/** Focuses the field `selector` and types `text` with real key events. */
export async function typeInto(page, selector, text) {
  await page.evaluate((s) => document.querySelector(s).focus(), selector);
  for (const [i, line] of text.split('\n').entries()) {
    if (i) await page.keyboard.press('Enter');
    await page.keyboard.type(line);
  }
}

/** The probe's record of clicks that reached "LinkedIn" (a bubbling document listener). */
export const clicksSeen = (page) => page.evaluate(() => window.__probe.clicks.slice());
