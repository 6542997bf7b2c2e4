// The engine benchmarks again, on the wasm build in Node (dist/node, built by
// `./build.sh bench`), on exactly the input the native criterion bench wrote to
// <target>/criterion/askfirst-bench/. Prints figures and, when criterion's estimates are
// there, the wasm/native ratio (goal: within 2x). Figures only: never fails on speed.
//
//   node benches/wasm-bench.mjs        (after `cargo bench --bench engine`)

import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const target = process.env.CARGO_TARGET_DIR || join(root, 'target');
const shared = join(target, 'criterion', 'askfirst-bench');
const pkg = join(root, 'dist', 'node', 'askfirst.js');

if (!existsSync(pkg)) {
  console.error(`wasm-bench: ${pkg} is missing: run ./build.sh bench`);
  process.exit(2);
}
const engine = createRequire(import.meta.url)(pkg);

/** Mean milliseconds per call of fn, after a warm-up, over at least minMs. */
function measure(fn, minMs = 3000) {
  const warmEnd = performance.now() + 500;
  while (performance.now() < warmEnd) fn();
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    fn();
    calls += 1;
    elapsed = performance.now() - start;
  }
  return elapsed / calls;
}

/** Criterion's mean estimate in nanoseconds, or null when the native bench has not run. */
function nativeNs(group, bench) {
  const file = join(target, 'criterion', group, bench, 'new', 'estimates.json');
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, 'utf8')).mean.point_estimate;
  } catch {
    return null;
  }
}

function ratio(wasmMs, group, bench) {
  const ns = nativeNs(group, bench);
  if (ns == null) return '(no native estimate: run cargo bench --bench engine)';
  const nativeMs = ns / 1e6;
  return `native ${nativeMs.toFixed(3)} ms; wasm/native ${(wasmMs / nativeMs).toFixed(2)}x`;
}

function input(name) {
  const file = join(shared, name);
  return existsSync(file) ? readFileSync(file, 'utf8') : null;
}

console.log(`wasm-bench: engine ${engine.version()} (Node ${process.version})`);

const page = input('page-1000.html');
if (page == null) {
  console.log('read_page: no 1,000-card page (the native bench found no fixtures, or has not run): skipped');
} else {
  const cards = engine.benchReadPage(page, 1);
  const ms = measure(() => engine.benchReadPage(page, 1));
  console.log(`read_page/1000_cards: ${ms.toFixed(3)} ms per page (${cards} invitations read); ${ratio(ms, 'read_page', '1000_cards')}`);
}

const invitations = input('invitations.json');
const settings = input('settings.json');
if (invitations == null || settings == null) {
  console.log('triage: no invitation set (run cargo bench --bench engine first): skipped');
} else {
  const bench = new engine.BenchTriage(invitations, settings);
  const count = JSON.parse(invitations).length;
  const ms = measure(() => bench.run(1));
  const perSecond = Math.round((count * 1000) / ms);
  console.log(
    `triage/classify_fit_plan_reply: ${perSecond.toLocaleString('en')} invitations/s ` +
      `(${ms.toFixed(3)} ms per ${count}); ${ratio(ms, 'triage', 'classify_fit_plan_reply')}`,
  );
  bench.free();
}

const cards = input('cards-100.json');
if (cards == null || settings == null) {
  console.log('triage_cards: no 100-card message (run cargo bench --bench engine first): skipped');
} else {
  const ms = measure(() => engine.benchTriageCards(cards, settings, 1));
  console.log(`triage_cards/message_of_100: ${ms.toFixed(3)} ms per message of 100 cards; ${ratio(ms, 'triage_cards', 'message_of_100')}`);
}

const notes = input('notes.json');
if (notes == null) {
  console.log('notes: no note corpus (run cargo bench --bench engine first): skipped');
} else {
  const count = JSON.parse(notes).length;
  const bench = new engine.BenchNotes(notes);
  const ms = measure(() => bench.run(1));
  bench.free();
  const perSecond = Math.round((count * 1000) / ms);
  console.log(
    `notes/classify_corpus: ${perSecond.toLocaleString('en')} notes/s (${ms.toFixed(3)} ms per ${count} corpus notes); ` +
      ratio(ms, 'notes', 'classify_corpus'),
  );
}
