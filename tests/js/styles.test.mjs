// Unit tests of the page-theme rule (extension/content/styles.js themeOf).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { themeOf } from '../../extension/content/styles.js';
import { rng } from './gen.mjs';

test('dark and light backgrounds, transparent ones say nothing', () => {
  assert.equal(themeOf('rgb(0, 0, 0)'), 'dark');
  assert.equal(themeOf('rgb(27, 31, 35)'), 'dark');
  assert.equal(themeOf('rgb(255, 255, 255)'), 'light');
  assert.equal(themeOf('rgb(243, 242, 239)'), 'light');
  assert.equal(themeOf('rgba(0, 0, 0, 0)'), null);
  assert.equal(themeOf('rgba(255, 255, 255, 0.5)'), 'light');
  assert.equal(themeOf('rgba(0, 0, 0, 0.01)'), 'dark');
  assert.equal(themeOf('transparent'), null);
  assert.equal(themeOf(''), null);
});

test('the theme follows the luminance either side of the middle (generated)', () => {
  const r = rng(42);
  for (let i = 0; i < 2000; i++) {
    const [red, green, blue] = [r.int(0, 255), r.int(0, 255), r.int(0, 255)];
    const lum = 0.2126 * red + 0.7152 * green + 0.0722 * blue;
    const want = lum < 128 ? 'dark' : 'light';
    assert.equal(themeOf(`rgb(${red}, ${green}, ${blue})`), want);
    assert.equal(themeOf(`rgba(${red}, ${green}, ${blue}, 1)`), want);
    assert.equal(themeOf(`rgba(${red}, ${green}, ${blue}, 0)`), null);
  }
});
