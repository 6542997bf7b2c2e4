// Finding 5 of issue #13 (attacker L, docs/security.md): a page that keeps costly markup
// changing cannot keep the engine from the other tabs. Tab 1 is an invitations page with
// 40 cards of the page's own carrying 500-deep nested <div>s or 3,990 elements each,
// 12 of them changed every 40 ms (tests/fixtures/e2e/nested-flood.js). Meanwhile the
// worker's answer time to a second tab is measured from that tab's content script world
// (a `hello` round trip, as the content script sends on every route change), and a third
// tab opened during the flood must get its badges. The red-team review saw the background
// unresponsive for more than 100 s on the build before the budgets.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, ORIGIN, waitForBadges, inContentScript, waitFor } from './harness.mjs';

let h;
let composerPage;
const NORMAL = '/mynetwork/invitation-manager/received/';
const FLOOD = '/mynetwork/invitation-manager/received/flood/';
// The worker answers a tab within this, whatever another tab's page does: every answer
// within BOUND_MS and half of them within MEDIAN_MS. An idle answer takes ~20 ms here; one
// message of the flooding tab is at most MAX_MESSAGE_ELEMENTS to read (src/core/markup_budget.rs),
// and the tab's allowance caps how often; the machine is shared and loaded (figures printed).
// The review saw the worker not answering for more than 100 s.
const BOUND_MS = 5000;
const MEDIAN_MS = 1000;
const median = (t) => [...t].sort((a, b) => a - b)[t.length >> 1];

before(async () => {
  h = await launch();
  composerPage = await fixture('e2e/composer-page.html');
  h.serve(NORMAL, composerPage);
  h.serve(FLOOD, composerPage.replace('</head>', '<script src="/askfirst-e2e/nested-flood.js"></script></head>'));
});
after(async () => h && h.close());

/** `n` hello round trips from `page`'s content script world, `gap` ms apart: their times (ms). */
const helloTimes = (page, n, gap) => inContentScript(page, h.extensionId, `(async () => {
  const times = [];
  for (let i = 0; i < ${n}; i++) {
    const t0 = performance.now();
    const answer = await chrome.runtime.sendMessage({ type: 'hello', url: location.href });
    if (!answer || answer.ok !== true) throw new Error('hello refused: ' + JSON.stringify(answer));
    times.push(Math.round(performance.now() - t0));
    await new Promise((r) => setTimeout(r, ${gap}));
  }
  return times;
})()`);

const summary = (t) => {
  const s = [...t].sort((a, b) => a - b);
  return `median ${s[s.length >> 1]} ms, max ${s[s.length - 1]} ms over ${s.length}`;
};

test('a page flooding the engine with nested markup: the worker still answers another tab within the bound', async () => {
  const second = await h.open(ORIGIN + NORMAL);
  await waitForBadges(second, 6);
  const idle = await helloTimes(second, 10, 100);
  console.log(`# idle: ${summary(idle)}`);

  const flood = await h.ctx.newPage();
  await flood.goto(ORIGIN + FLOOD, { waitUntil: 'domcontentloaded', timeout: 60000 }); // building its markup takes the page seconds
  await waitFor('the flood under way', () => flood.evaluate(() => window.__flood && window.__flood.ticks > 25), 15000);
  const ticksBefore = await flood.evaluate(() => window.__flood.ticks);
  const during = await helloTimes(second, 30, 200);
  console.log(`# while tab 1 floods: ${summary(during)}`);
  assert.ok(during.every((t) => t < BOUND_MS), `every answer within ${BOUND_MS} ms: ${during.join(', ')}`);
  assert.ok(median(during) < MEDIAN_MS, `half of them within ${MEDIAN_MS} ms: ${during.join(', ')}`);

  // A tab opened now gets its badges.
  const third = await h.ctx.newPage();
  const t0 = Date.now();
  await h.open(ORIGIN + NORMAL, third);
  await waitForBadges(third, 6, 15000);
  const badgesIn = Date.now() - t0;
  console.log(`# a third tab opened during the flood: 6 badges in ${badgesIn} ms`);
  assert.ok(badgesIn < 2 * BOUND_MS, `badges in ${badgesIn} ms`);
  const ticks = await flood.evaluate(() => window.__flood.ticks);
  assert.ok(ticks - ticksBefore >= 10, `the flood kept going meanwhile (${ticks - ticksBefore} changes)`);

  // The flooding page closes: nothing of its work is left queued.
  await flood.close();
  const afterClose = await helloTimes(second, 10, 100);
  console.log(`# right after tab 1 closed: ${summary(afterClose)}`);
  assert.ok(afterClose.every((t) => t < BOUND_MS), `every answer within ${BOUND_MS} ms: ${afterClose.join(', ')}`);
  assert.ok(median(afterClose) < MEDIAN_MS, `half of them within ${MEDIAN_MS} ms: ${afterClose.join(', ')}`);
  await second.close();
  await third.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
