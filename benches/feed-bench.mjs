// Feed benchmark: what AskFirst costs on the rest of LinkedIn. The saved feed
// (tests/fixtures/linkedin/feed-unrelated.html) at /feed/, with a page script playing
// LinkedIn's infinite scroll: every 20 ms it appends a post of ~12 nodes and rewrites a
// counter in an older one (hundreds of mutations a second) for DURATION ms. Loads with the
// extension and without it are interleaved (with, without, [before,] with, without, …) so
// that both meet the same moments of this shared machine. Figures (never asserted):
//   - the renderer's main-thread task time from navigation to the end of the scroll
//     (CDP Performance.getMetrics TaskDuration, style, layout and paint included), median
//     and quartiles per build, and the ratio with ÷ without of the medians;
//   - the messages that reached the extension's worker from the tab (0 is the goal).
// Run: ./build.sh && node benches/feed-bench.mjs   (RUNS=9, DURATION=3000 by default;
//      BEFORE=dir adds another unpacked build to the rotation, e.g. a copy of dist/chrome
//      before a change). `./build.sh bench` runs it.
import { resolve } from 'node:path';
import { launch, fixture, ORIGIN } from '../tests/e2e/harness.mjs';

const RUNS = Number(process.env.RUNS || 9);
const DURATION = Number(process.env.DURATION || 3000);
const FEED = `${ORIGIN}/feed/`;

// Installed before any page script: LinkedIn's feed as the user scrolls.
function scroller(duration) {
  addEventListener('DOMContentLoaded', () => {
    const main = document.querySelector('main') || document.body;
    const start = performance.now();
    let n = 0;
    const counts = [];
    const timer = setInterval(() => {
      const post = document.createElement('div');
      post.setAttribute('data-view-name', 'feed-full-update');
      const head = document.createElement('div');
      const a = document.createElement('a');
      a.href = `/in/poster-${n}/`;
      const strong = document.createElement('strong');
      strong.textContent = `Poster ${n}`;
      a.append(strong);
      head.append(a, document.createTextNode(' • 2nd'));
      const body = document.createElement('p');
      body.textContent = `Post ${n}: what we learned shipping a thing this quarter.`;
      const bar = document.createElement('div');
      for (const label of ['Like', 'Comment', 'Repost', 'Send']) {
        const b = document.createElement('button');
        b.type = 'button';
        b.textContent = label;
        bar.append(b);
      }
      const count = document.createElement('span');
      count.className = 'reactions';
      count.textContent = '0';
      post.append(head, body, count, bar);
      main.append(post);
      counts.push(count);
      // Reactions counting up on an older post (text and attribute changes).
      const older = counts[Math.floor(n / 2)];
      if (older) {
        older.textContent = String(Number(older.textContent) + 1);
        older.setAttribute('aria-label', `${older.textContent} reactions`);
      }
      n++;
      if (performance.now() - start > duration) {
        clearInterval(timer);
        window.__scrolled = n;
      }
    }, 20);
  });
}

async function load(h, label) {
  const p = await h.ctx.newPage();
  await p.addInitScript(scroller, DURATION);
  const cdp = await h.ctx.newCDPSession(p);
  await cdp.send('Performance.enable');
  const metrics = async () => Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  if (h.sw) await h.sw.evaluate(() => { self.__heard = 0; });
  const before = await metrics();
  await p.goto(FEED, { waitUntil: 'domcontentloaded' });
  await p.waitForFunction(() => window.__scrolled > 0, null, { timeout: DURATION + 30000, polling: 500 });
  await p.waitForTimeout(200); // the last tasks
  const after = await metrics();
  const heard = h.sw ? await h.sw.evaluate(() => self.__heard) : 0;
  await p.close();
  return { label, task: (after.TaskDuration - before.TaskDuration) * 1000, heard };
}

const quartiles = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const q = (f) => s[Math.min(s.length - 1, Math.floor(f * s.length))];
  return { q1: q(0.25), median: q(0.5), q3: q(0.75) };
};

export async function feedBench({ runs = RUNS, before = process.env.BEFORE } = {}) {
  const html = await fixture('linkedin/feed-unrelated.html');
  const builds = [['with', { extension: true }], ['without', { extension: false }]];
  if (before) builds.push(['before', { extension: true, dist: resolve(before) }]);
  const hs = [];
  for (const [label, opts] of builds) {
    const h = await launch(opts);
    h.serve('/feed/', html);
    if (h.sw) {
      await h.sw.evaluate(() => {
        self.__heard = 0;
        chrome.runtime.onMessage.addListener((m, sender) => { if (sender.tab && /^https:\/\/www\.linkedin\.com\//.test(sender.tab.url || '')) self.__heard++; });
      });
    }
    // The onboarding tab (options page) opened at install: closed, so it costs nothing.
    for (const p of h.ctx.pages()) if (p.url().endsWith('/options.html')) await p.close();
    hs.push([label, h]);
  }
  const out = Object.fromEntries(hs.map(([label]) => [label, []]));
  const heard = Object.fromEntries(hs.map(([label]) => [label, 0]));
  try {
    for (const [label, h] of hs) await load(h, label); // warm-up, not counted
    for (let i = 0; i < runs; i++) {
      for (const [label, h] of hs) {
        const r = await load(h, label);
        out[label].push(r.task);
        heard[label] += r.heard;
      }
    }
  } finally {
    for (const [, h] of hs) await h.close();
  }
  return Object.fromEntries(Object.entries(out).map(([label, xs]) => [label, { ...quartiles(xs), runs: xs.length, heard: heard[label] }]));
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await feedBench();
  const f = (x) => x.toFixed(1).padStart(8);
  console.log(`feed page, ${DURATION} ms of infinite scroll, ${RUNS} interleaved loads each (load ${(await import('node:fs')).readFileSync('/proc/loadavg', 'utf8').trim()})`);
  console.log('build      task ms: q1   median       q3   messages to the worker');
  for (const [label, s] of Object.entries(r)) console.log(`${label.padEnd(10)} ${f(s.q1)} ${f(s.median)} ${f(s.q3)}   ${s.heard}`);
  console.log(`with ÷ without (medians): ${(r.with.median / r.without.median).toFixed(3)}`);
  if (r.before) console.log(`before ÷ without (medians): ${(r.before.median / r.without.median).toFixed(3)}`);
}
