// Unit tests of the content script's work ceiling (extension/content/ceiling.js) with the
// engine's own numbers (src/core/protocol/ceiling.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Meter } from '../../extension/content/ceiling.js';
import { engineCeiling } from './gen.mjs';

const ceiling = engineCeiling();

test('the engine\'s ceiling, read from Rust', () => {
  assert.ok(ceiling.window_ms > 0 && ceiling.max_restarts > 0 && ceiling.max_work_ms > 0, JSON.stringify(ceiling));
});

for (const what of ['restarts', 'batches', 'messages']) {
  test(`${what}: up to the ceiling in a window, not one more`, () => {
    const m = new Meter(ceiling);
    const max = ceiling[`max_${what}`];
    for (let i = 0; i < max; i++) assert.equal(m.spend(what, 1, 10 + i / max), true, `#${i + 1}`);
    assert.equal(m.spend(what, 1, 20), false, `#${max + 1} in the same window`);
  });
  test(`${what}: the next window starts from zero; other counts are their own`, () => {
    const m = new Meter(ceiling);
    const max = ceiling[`max_${what}`];
    for (let i = 0; i < max; i++) m.spend(what, 1, 5);
    assert.equal(m.spend(what, 1, 5 + ceiling.window_ms), true, 'a new window');
    const other = what === 'batches' ? 'messages' : 'batches';
    assert.equal(m.spend(other, 1, 6 + ceiling.window_ms), true);
  });
}

test('work: milliseconds add up within the window', () => {
  const m = new Meter(ceiling);
  assert.equal(m.spend('work_ms', ceiling.max_work_ms - 1, 0), true);
  assert.equal(m.spend('work_ms', 0.5, 1), true);
  assert.equal(m.spend('work_ms', 1, 2), false);
  assert.equal(m.spend('work_ms', 1, ceiling.window_ms + 2), true);
});
