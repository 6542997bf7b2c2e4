// Strangers' text is data: ≥ 30 hostile strings as names, headlines and notes (script tags,
// event-handler attributes, javascript: URLs, CSS injection, RTL overrides, zero-width
// characters, lone surrogates, a 10,000-character note). The page allows inline script, so
// any injection would run; nothing may execute, everything shows literally, nothing breaks.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, INVITATIONS, promptState, inBadge, inPrompt, badgeCount, BADGE, LINKEDIN_CSP } from './harness.mjs';

let h;
let page;
let hostile;
// Inline script allowed: an injected handler would run (and call window.__pwned).
const PERMISSIVE_CSP = LINKEDIN_CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")
  .replace("; require-trusted-types-for 'script'", '');

before(async () => {
  h = await launch();
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/hostile-page.html'), PERMISSIVE_CSP);
  page = await h.open(INVITATIONS);
  hostile = await page.evaluate(() => window.__hostile);
  for (let i = 0; i < 300 && (await badgeCount(page)) < 30; i++) await page.waitForTimeout(50);
  await page.waitForTimeout(300);
});
after(async () => h && h.close());

const OUR_TAGS = new Set(['span', 'ul', 'li', 'div', 'h2', 'p', 'label', 'textarea', 'button']);

test('at least 30 hostile strings, each on a card with one badge', async () => {
  assert.ok(hostile.length >= 30);
  const counts = await page.$$eval('[role=listitem]', (cs, sel) => cs.map((c) => c.querySelectorAll(sel).length), BADGE);
  assert.equal(counts.length, hostile.length);
  assert.ok(counts.every((n) => n <= 1), 'never two badges on a card');
  assert.ok(counts.filter((n) => n === 1).length >= 30, `badged: ${counts.filter((n) => n === 1).length}`);
});

test('badges hold only our elements, text only', async () => {
  const n = await badgeCount(page);
  for (let i = 0; i < n; i++) {
    const tags = await inBadge(page, function () {
      return [...this.querySelectorAll('*')].map((e) => e.localName);
    }, null, i);
    assert.ok(tags.every((t) => OUR_TAGS.has(t)), `badge ${i}: ${tags}`);
  }
});

test('each prompt shows the name literally and holds only our elements', async () => {
  const cards = await page.$$eval('[role=listitem]', (cs, sel) => cs.map((c) => !!c.querySelector(sel)), BADGE);
  let prompts = 0;
  for (let i = 0; i < hostile.length; i++) {
    if (!cards[i]) continue;
    const button = page.locator('[role=listitem]').nth(i).locator('button[data-view-name=invitation-action]').nth(1);
    await button.scrollIntoViewIfNeeded();
    const b = await button.boundingBox();
    await page.mouse.click(b.x + b.width / 2, b.y + b.height / 2);
    const state = await promptState(page);
    if (!state) continue; // a card planned "accept" is not held
    prompts++;
    const name = `${hostile[i].slice(0, 200)} Hostile${i}`;
    // What the reader keeps of a name: whitespace collapsed, invisible format characters
    // may go; never markup interpreted.
    const visible = (s) => s.replace(/[\u200B-\u200D\u2060\uFEFF\u0000]/g, '').replace(/\s+/g, ' ').trim();
    assert.ok(visible(state.title).includes(visible(name).slice(0, 60)) || visible(state.title).includes(`Hostile${i}`),
      `card ${i}: ${JSON.stringify(state.title).slice(0, 120)}`);
    const tags = await inPrompt(page, function () {
      return [...this.querySelectorAll('*')].map((e) => e.localName);
    });
    assert.ok(tags.every((t) => OUR_TAGS.has(t)), `prompt ${i}: ${tags}`);
    await page.keyboard.press('Escape');
  }
  assert.ok(prompts >= 25, `prompts checked: ${prompts}`);
});

test('nothing executed, the page is intact, nothing was requested', async () => {
  await page.waitForTimeout(200);
  assert.deepEqual(await page.evaluate(() => window.__probe.executed), []);
  assert.equal(await page.title(), 'Invitations | LinkedIn');
  assert.equal(await page.evaluate(() => getComputedStyle(document.body).display), 'block');
  assert.equal(page.url(), INVITATIONS);
  assert.equal(await page.evaluate(() => document.querySelectorAll('body script, body style, body img, body iframe').length), 2,
    'no element was injected (the fixture and probe scripts only)');
  assert.deepEqual(h.extensionRequests(), []);
});
