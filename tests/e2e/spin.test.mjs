// A content script that cannot spin (issue #12 §3): on a page built to provoke restarts
// (tests/fixtures/e2e/spin.js: containers that match several roles, the list and the
// screen container replaced every 4 ms), our script steps aside with the "could not read" state within
// the engine's ceiling (src/core/protocol/ceiling.rs), and costs at most a few
// milliseconds per second, measured with V8's sampling profiler (every sample whose stack
// holds a frame of our content script is ours). The page keeps running.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import {
  launch, fixture, cliTriage, toolbar, badgeCount, waitForBadges, FIXTURES, INVITATIONS,
} from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

const PATH = '/mynetwork/invitation-manager/received/';
// Twenty seconds of a page that never stops provoking: what a user sitting on it costs.
const SECONDS = 20;
// "A few milliseconds of our script per second" (issue #12 §3), loading included (the
// script's own evaluation is ~15 ms of it, the work until we step aside 25-80 ms at load
// ~9); once stepped aside, nothing. Measured (10 s, load ~9) before the ceiling: 40-150 ms
// of our script in every second; with it: 40-93 ms in the first two seconds, 0 after.
const MAX_MS_PER_SECOND = 5;
const STEADY_AFTER_MS = 2000;
const MAX_STEADY_MS_PER_SECOND = 1;

/** current-en.html with the screen container on the list too, and spin.js. */
async function spinPage() {
  const html = await fixture('linkedin/current-en.html');
  const screen = html.match(/data-sdui-screen="[^"]+"/)[0];
  const page = html
    .replace('<div role="list" class="_b7d180">', `<div role="list" class="_b7d180" ${screen}>`)
    .replace('</body>', '<script src="/askfirst-e2e/spin.js"></script></body>');
  assert.equal((page.match(/data-sdui-screen="/g) || []).length, 2, 'two containers match the screen role');
  return page;
}

/**
 * Milliseconds of the profile spent with a frame of `url` (ours) on the stack: in all, and
 * from `afterMs` after the profile's start on (the steady state).
 */
function msIn(profile, url, afterMs) {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map();
  for (const n of profile.nodes) for (const c of n.children || []) parent.set(c, n.id);
  const ours = new Map();
  const isOurs = (id) => {
    if (ours.has(id)) return ours.get(id);
    const n = byId.get(id);
    const v = n.callFrame.url.startsWith(url) || (parent.has(id) && isOurs(parent.get(id)));
    ours.set(id, v);
    return v;
  };
  let all = 0;
  let late = 0;
  let t = profile.startTime;
  profile.samples.forEach((id, i) => {
    const dt = profile.timeDeltas[i] || 0;
    t += dt;
    if (!isOurs(id)) return;
    all += dt;
    if (t - profile.startTime >= afterMs * 1000) late += dt;
  });
  return { all: all / 1000, late: late / 1000 };
}

test('a page that provokes restarts without end: we step aside, within a few ms per second', async () => {
  h.serve(PATH, await spinPage());
  const page = await h.ctx.newPage();
  try {
  const cdp = await h.ctx.newCDPSession(page);
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 }); // µs
  await cdp.send('Profiler.start');
  const started = Date.now();
  await page.goto(INVITATIONS, { waitUntil: 'domcontentloaded' });
  await page.waitForTimeout(SECONDS * 1000);
  const { profile } = await cdp.send('Profiler.stop');
  const seconds = (Date.now() - started) / 1000;
  const { all, late } = msIn(profile, `chrome-extension://${h.extensionId}/`, STEADY_AFTER_MS);
  const ticks = await page.evaluate(() => window.__spin.ticks);
  const [badge, title] = await toolbar(h, INVITATIONS);
  const lateSeconds = seconds - STEADY_AFTER_MS / 1000;
  console.log(`spin page: our script ${all.toFixed(1)} ms in ${seconds.toFixed(1)} s (${(all / seconds).toFixed(2)} ms/s); `
    + `after the first ${STEADY_AFTER_MS / 1000} s: ${late.toFixed(1)} ms (${(late / lateSeconds).toFixed(2)} ms/s); `
    + `the page rendered ${ticks} times; toolbar: ${badge} "${title}"`);
  assert.ok(ticks > 10 * SECONDS, `the page kept running (${ticks} renders)`);
  assert.equal(badge, 'off', 'stepped aside');
  assert.match(title, /could not read/i);
  assert.equal(await badgeCount(page), 0, 'nothing of ours left in the page');
  assert.ok(all / seconds <= MAX_MS_PER_SECOND, `${(all / seconds).toFixed(2)} ms of our script per second`);
  assert.ok(late / lateSeconds <= MAX_STEADY_MS_PER_SECOND,
    `${(late / lateSeconds).toFixed(2)} ms of our script per second once stepped aside`);
  } finally {
    await page.close();
  }
});

test('a real page loads as before: its badges, no stepping aside', async () => {
  h.serve(PATH, await fixture('linkedin/current-en.html'));
  const page = await h.open(INVITATIONS);
  const people = cliTriage(join(FIXTURES, 'linkedin', 'current-en.html')).length;
  await waitForBadges(page, people);
  await page.waitForTimeout(2500); // past the "could not read" grace
  assert.equal(await badgeCount(page), people);
  assert.notEqual((await toolbar(h, INVITATIONS))[0], 'off');
  await page.close();
});
