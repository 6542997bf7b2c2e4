// In-page benchmark in Firefox ESR (WebDriver BiDi, tests/firefox/harness.mjs): AskFirst on
// generated 100- and 1,000-card invitation pages served at LinkedIn's URL (LinkedIn's CSP,
// no network), with and without the add-on. Prints figures (never asserts them). BiDi has
// no sampling profiler or task metrics, so only what the page itself can time
// (benches/inpage-lib.mjs `instrument`, the same as the Chromium bench):
//   - DOMContentLoaded → last badge: cold (the event page unloaded by Firefox, so it starts
//     and compiles its wasm for the first message), warm on the second load of the same
//     cards, on the fifth, and on a sixth with new cards;
//   - trusted Accept click → prompt painted;
//   - page load (loadEventEnd) with vs without; long tasks are not reported by Firefox.
// Firefox rounds performance.now() to 1 ms (privacy.reduceTimerPrecision): figures are whole ms.
// The bench waits for badges and the prompt through one BiDi call each (the page's own
// promise), so that nothing of the driver runs on the page while it is measured.
// Run: ./build.sh && node benches/inpage-bench-firefox.mjs   (RUNS=5; SIZES=100,1000)
import { launch, INVITATIONS, waitFor } from '../tests/firefox/harness.mjs';
import { page, instrument, median } from './inpage-lib.mjs';

const RUNS = Number(process.env.RUNS || 5);
const SIZES = (process.env.SIZES || '100,1000').split(',').map(Number);
const ms = (x) => (x == null ? '   n/a' : `${x.toFixed(1).padStart(6)}`);

// Waits in the page until `__bench[what] >= n` (one call; see instrument()).
const until = async (p, what, n, timeout = 60000) => {
  const ok = await p.evaluate((what, n, timeout) => Promise.race([window.__bench.until(what, n),
    new Promise((r) => setTimeout(() => r(false), timeout))]), what, n, timeout);
  if (ok !== true) throw new Error(`bench: ${what} did not reach ${n} within ${timeout} ms`);
};

// The running background page seen from the add-on's options page (null when unloaded).
const backgroundRuns = (h) => h.options.evaluate(() => chrome.extension.getViews().some((w) => w.location.pathname.includes('background')));

let batches = 0;
async function measure(h, n, { cold, newCards, addon }) {
  if (newCards) h.serve('/mynetwork/invitation-manager/received/', page(n, ++batches));
  if (cold) await waitFor('Firefox to unload the idle background', async () => !(await backgroundRuns(h)), 30000);
  const p = await h.newPage();
  await p.evaluateOnNewDocument(instrument);
  await p.goto(INVITATIONS, { waitUntil: 'load' });
  if (addon) await until(p, 'badges', n);
  await new Promise((r) => setTimeout(r, 300));
  const nav = await p.evaluate(() => { const t = performance.getEntriesByType('navigation')[0]; return { dcl: t.domContentLoadedEventStart, load: t.loadEventEnd }; });
  const b = await p.evaluate(() => ({ lastBadge: window.__bench.lastBadge }));
  let clickToPrompt = null;
  if (addon) {
    // A trusted click on the first flagged card's Accept (the first card has no note).
    const box = await p.evaluate(() => {
      const r = document.querySelectorAll('button[data-view-name=invitation-action]')[1].getBoundingClientRect();
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    });
    await p.mouse.click(box.x, box.y);
    await until(p, 'prompt', 1, 5000).catch(() => {});
    const c = await p.evaluate(() => ({ click: window.__bench.click, prompt: window.__bench.prompt }));
    clickToPrompt = c.prompt ? c.prompt - c.click : null;
  }
  await p.close();
  return { badge: addon ? b.lastBadge - nav.dcl : null, load: nav.load, clickToPrompt };
}

const without = await launch({ extension: false });
// Firefox unloads an idle event page after 30 s; 8 s here, so that cold runs are real
// restarts without a long wait, while warm runs (a few seconds apart) stay warm.
const withExt = await launch({ prefs: { 'extensions.background.idle.timeout': 8000 } });
try {
  const version = await withExt.browser.version();
  console.log(`AskFirst in-page benchmark: median of ${RUNS} runs, ${version} headless (BiDi), 2-core machine\n`);
  for (const n of SIZES) {
    const html = page(n);
    without.serve('/mynetwork/invitation-manager/received/', html);
    withExt.serve('/mynetwork/invitation-manager/received/', html);
    const runs = { without: [], cold: [], warm: [], settled: [], fresh: [] };
    for (let r = 0; r < RUNS; r++) {
      runs.without.push(await measure(without, n, {}));
      runs.cold.push(await measure(withExt, n, { cold: true, addon: true }));
      runs.warm.push(await measure(withExt, n, { addon: true }));
      await measure(withExt, n, { addon: true });
      await measure(withExt, n, { addon: true });
      runs.settled.push(await measure(withExt, n, { addon: true }));
      runs.fresh.push(await measure(withExt, n, { newCards: true, addon: true }));
      withExt.serve('/mynetwork/invitation-manager/received/', html);
    }
    const m = (k, f) => median(runs[k].map((x) => x[f]));
    console.log(`${n} cards`);
    console.log(`  DOMContentLoaded → last badge   cold ${ms(m('cold', 'badge'))} ms   warm, cards read before: 2nd load ${ms(m('warm', 'badge'))} ms, 5th ${ms(m('settled', 'badge'))} ms`);
    console.log(`                                  warm, new cards (6th load) ${ms(m('fresh', 'badge'))} ms`);
    console.log(`  trusted Accept click → prompt painted  ${ms(m('warm', 'clickToPrompt'))} ms`);
    console.log(`  page load (loadEventEnd)    without ${ms(m('without', 'load'))} ms   with ${ms(m('warm', 'load'))} ms   ratio ${(m('warm', 'load') / m('without', 'load')).toFixed(2)}\n`);
  }
  const stray = withExt.blocked.length + withExt.proxied.length;
  console.log(`network requests that went past the harness (the add-on's, or a page's): ${stray}`);
} finally {
  await without.close();
  await withExt.close();
}
