// Firefox: for every fixture page of both UI generations the badges say what
// `askfirst triage --json` says for the same file (one reader, the same wasm as Chrome's);
// and the add-on makes no network request at all.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, fixture, cliTriage, badges, waitForBadges, strayRequests, sleep, FIXTURES, ORIGIN,
} from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

const pages = readdirSync(join(FIXTURES, 'linkedin')).filter((f) => f.endsWith('.html')).sort();

test('every fixture page: badges equal the CLI verdicts, one per person invitation', async (t) => {
  assert.ok(pages.some((f) => f.startsWith('legacy')) && pages.some((f) => f.startsWith('current')),
    'fixtures of both UI generations');
  const page = await h.newPage();
  let total = 0;
  for (const file of pages) {
    await t.test(file, async () => {
      const expected = cliTriage(join(FIXTURES, 'linkedin', file));
      const path = `/mynetwork/invitation-manager/received/${file.replace('.html', '')}/`;
      h.serve(path, await fixture(`linkedin/${file}`));
      await page.goto(ORIGIN + path, { waitUntil: 'domcontentloaded' });
      await waitForBadges(page, expected.length);
      await sleep(expected.length ? 150 : 600); // nothing more arrives
      const got = await badges(page);
      assert.deepEqual(got.map(({ note, fit, plan }) => ({ note, fit, plan })),
        expected.map((e) => ({ note: e.note_kind, fit: e.fit, plan: e.plan })));
      assert.ok(got.every((b) => b.inCard), 'each badge sits inside its card');
      total += got.length;
    });
  }
  assert.ok(total >= 20, `badges drawn in Firefox: ${total}`);
  await page.close();
});

test('the add-on made no network request (tabs fenced, everything else through a refusing proxy)', () => {
  assert.deepEqual(strayRequests(h), { pages: [], proxy: [] });
});

test('the add-on\'s CSP refuses its own requests, and the fence is not blind', async () => {
  // (Run last: it makes requests the test above says the add-on never makes.)
  const before = h.proxied.length;
  // The manifest's CSP for extension pages (connect-src 'self', issue #13 finding 9b) refuses
  // a request to another origin from the add-on's pages and its background before any network.
  const page = await h.options.evaluate(() => fetch('https://example.invalid/from-a-page').then(() => 'fetched', () => 'refused'));
  const bg = await h.options.evaluate(() => {
    const bg = chrome.extension.getViews().find((w) => w.location.pathname.includes('background'));
    return bg ? bg.fetch('http://example.invalid/from-the-background').then(() => 'fetched', () => 'refused') : 'no background';
  });
  assert.equal(page, 'refused');
  assert.equal(bg, 'refused');
  // The proxy does see what is not a fenced tab: an unfenced tab's request reaches it.
  const tab = await h.browser.newPage();
  await tab.evaluate(() => fetch('http://example.invalid/from-an-unfenced-tab').catch(() => null));
  await tab.close();
  assert.deepEqual(h.proxied.slice(before), ['GET http://example.invalid/from-an-unfenced-tab']);
});
