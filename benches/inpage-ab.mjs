// A/B of two builds of the extension on the generated invitations page: page loads of A, B
// and the page without any extension, interleaved (A, B, none, A, B, none, …) so that both
// builds meet the same moments of this shared machine. Single medians of 5 cannot tell
// builds apart here (runs of one build move by ±30–50 %); 30 interleaved loads can.
// Prints, per build, the median and quartiles of: the content script's main-thread time
// (profiler, 1 ms samples), DOMContentLoaded → last badge (worker warm), DOMContentLoaded →
// first paint, and the renderer's main-thread task time.
// Run: node benches/inpage-ab.mjs DIR_A DIR_B   (unpacked builds, e.g. a copy of dist/chrome)
//      LOADS=30 SIZE=100 by default; NEW_CARDS=1 for cards never read before at every load.
import { resolve } from 'node:path';
import { launch, INVITATIONS } from '../tests/e2e/harness.mjs';
import { page, instrument, until, contentScriptMs } from './inpage-lib.mjs';

const [dirA, dirB] = process.argv.slice(2).map((d) => resolve(d));
if (!dirA || !dirB) {
  console.error('usage: node benches/inpage-ab.mjs DIR_A DIR_B');
  process.exit(2);
}
const LOADS = Number(process.env.LOADS || 30);
const SIZE = Number(process.env.SIZE || 100);

// NEW_CARDS=1: every load shows cards the engine has never read (its worker keeps what it
// read of the cards it was sent, so by default every load after the first is a re-read).
const NEW_CARDS = !!process.env.NEW_CARDS;
let batch = 0;
async function load(h, withExtension) {
  if (NEW_CARDS) h.serve('/mynetwork/invitation-manager/received/', page(SIZE, ++batch));
  const p = await h.ctx.newPage();
  await p.addInitScript(instrument);
  const cdp = await h.ctx.newCDPSession(p);
  await cdp.send('Performance.enable');
  if (withExtension) {
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 1000 });
    await cdp.send('Profiler.start');
  }
  const task = async () => (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration').value;
  const before = await task();
  await p.goto(INVITATIONS, { waitUntil: 'load' });
  if (withExtension) await until(cdp, 'badges', SIZE);
  await p.waitForTimeout(300);
  const tasks = (await task() - before) * 1000;
  const profile = withExtension ? (await cdp.send('Profiler.stop')).profile : null;
  const t = await p.evaluate(() => {
    const nav = performance.getEntriesByType('navigation')[0];
    const paint = performance.getEntriesByName('first-paint')[0];
    return { badge: window.__bench.lastBadge - nav.domContentLoadedEventStart, paint: paint ? paint.startTime - nav.domContentLoadedEventStart : null };
  });
  await p.close();
  return { content: profile ? contentScriptMs(profile) : null, badge: withExtension ? t.badge : null, paint: t.paint, tasks };
}

const quartiles = (xs) => {
  const s = xs.filter((x) => x != null).sort((a, b) => a - b);
  if (!s.length) return '   n/a';
  const q = (f) => s[Math.min(s.length - 1, Math.floor(f * s.length))].toFixed(1);
  return `${q(0.5).padStart(6)}  (${q(0.25)}–${q(0.75)})`;
};

const builds = [['A', await launch({ dist: dirA }), true], ['B', await launch({ dist: dirB }), true], ['none', await launch({ extension: false }), false]];
try {
  for (const [, h] of builds) h.serve('/mynetwork/invitation-manager/received/', page(SIZE));
  const runs = new Map(builds.map(([name]) => [name, []]));
  // One load each first: workers started, caches warm.
  for (const [, h, ext] of builds) await load(h, ext);
  for (let i = 0; i < LOADS; i++) for (const [name, h, ext] of builds) runs.get(name).push(await load(h, ext));
  console.log(`AskFirst in-page A/B: ${LOADS} interleaved loads of the ${SIZE}-card page each; median (quartiles), ms`);
  console.log(`  A = ${dirA}\n  B = ${dirB}\n`);
  const row = (label, field) => console.log(`  ${label.padEnd(30)} ${builds.map(([name]) => `${name}: ${quartiles(runs.get(name).map((r) => r[field]))}`).join('   ')}`);
  row('content script main thread', 'content');
  row('DOMContentLoaded → last badge', 'badge');
  row('DOMContentLoaded → first paint', 'paint');
  row('main-thread task time', 'tasks');
} finally {
  for (const [, h] of builds) await h.close();
}
