// Unit tests of "does this page need the engine" (extension/content/routes.js), against
// the cases the Rust rule is tested with (src/core/linkedin/live.rs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { needsEngine } from '../../extension/content/routes.js';
import { rng } from './gen.mjs';

const cases = JSON.parse(readFileSync(new URL('../fixtures/engine-routes-cases.json', import.meta.url), 'utf8'));

test('the engine starts on the pages Rust says, and on no other', () => {
  assert.ok(cases.length > 20);
  for (const [url, want] of cases) assert.equal(needsEngine(url), want, url);
});

test('generated variants of each case: case, query, fragment, trailing slash do not change it', () => {
  const next = rng(18);
  const tails = ['', '?trk=x', '?u=/messaging/', '#/mynetwork/grow/', '?a=1#b', '?x=%2Fmessaging'];
  for (const [url, want] of cases) {
    const u = new URL(url, 'https://x.invalid');
    if (!/^https?:\/\/[^/]*linkedin\.com$/.test(u.origin) || !url.startsWith(u.origin)) continue;
    for (let i = 0; i < 40; i++) {
      let path = [...u.pathname].map((c) => (next() < 0.5 ? c.toUpperCase() : c.toLowerCase())).join('');
      if (path.length > 1 && next() < 0.5) path = path.endsWith('/') ? path.slice(0, -1) : `${path}/`;
      const variant = `${u.origin}${path}${next.pick(tails)}`;
      assert.equal(needsEngine(variant), want, `${variant} (from ${url})`);
    }
  }
});

test('not a URL, or not LinkedIn: no engine', () => {
  for (const href of ['', 'not a url', 'about:blank', 'http://www.linkedin.com/messaging/',
    'https://www.linkedin.com.evil.example/messaging/', 'https://www.linkedin.com@evil.example/messaging/']) {
    assert.equal(needsEngine(href), false, href);
  }
});
