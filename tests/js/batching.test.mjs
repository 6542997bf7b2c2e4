// Unit tests of the content script's batching helpers (extension/content/batching.js).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CHUNK_CARDS, chunkFull, cardBytes, cardHtml, halves, overdue } from '../../extension/content/batching.js';
import { rng, text, engineLimits } from './gen.mjs';

const LIMITS = engineLimits();
const utf8 = (s) => Buffer.byteLength(s, 'utf8');

test('a chunk is full at the card cap, the smaller of ours and the engine\'s', () => {
  const big = { max_message_bytes: 1 << 30, max_cards_per_message: 500 };
  assert.equal(chunkFull(CHUNK_CARDS - 1, 0, big), false);
  assert.equal(chunkFull(CHUNK_CARDS, 0, big), true);
  const small = { max_message_bytes: 1 << 30, max_cards_per_message: 7 };
  assert.equal(chunkFull(6, 0, small), false);
  assert.equal(chunkFull(7, 0, small), true);
});

test('a chunk is full at half the message limit in estimated bytes', () => {
  const l = { max_message_bytes: 1000, max_cards_per_message: 200 };
  assert.equal(chunkFull(1, 499, l), false);
  assert.equal(chunkFull(1, 500, l), true);
  assert.equal(chunkFull(0, 0, l), false);
});

test('the byte estimate bounds a card in the message JSON (generated text)', () => {
  const r = rng(16);
  for (let i = 0; i < 2000; i++) {
    const html = text(r, 300);
    const id = `abcdef12-${r.int(1, 1e6)}`;
    const json = JSON.stringify({ id, html });
    assert.ok(utf8(json) + 1 <= cardBytes(html), `seed 16 case ${i}: ${JSON.stringify(html)}`);
  }
});

test('chunks packed as drain packs them stay within the engine\'s message limit (generated)', () => {
  // Cards up to the engine's per-card limit, in chunks the way drain makes them: the
  // message's real UTF-8 JSON never exceeds the engine's limit, and no chunk is empty.
  const r = rng(1216);
  const perCard = Math.floor(LIMITS.max_card_html_bytes / 2); // units; some multi-byte
  for (let round = 0; round < 6; round++) {
    const backlog = [];
    for (let i = 0, n = r.int(1, 250); i < n; i++) {
      const unit = r.pick(['a', '"', '中', '😀', '\n']);
      const html = unit.repeat(r.int(0, Math.floor(perCard / unit.length)));
      if (html.length <= LIMITS.max_card_html_bytes) backlog.push(html);
    }
    while (backlog.length) {
      const cards = [];
      let bytes = 0;
      while (backlog.length && !chunkFull(cards.length, bytes, LIMITS)) {
        const html = backlog.shift();
        cards.push({ id: `p-${cards.length}`, html });
        bytes += cardBytes(html);
      }
      assert.ok(cards.length > 0);
      assert.ok(cards.length <= Math.min(CHUNK_CARDS, LIMITS.max_cards_per_message));
      const message = JSON.stringify({ type: 'triage-cards', url: 'https://www.linkedin.com/mynetwork/invitation-manager/received/', cards });
      assert.ok(utf8(message) <= LIMITS.max_message_bytes, `round ${round}: ${utf8(message)} bytes`);
    }
  }
});

test('a card\'s HTML loses our badges, once each, and nothing else', () => {
  const badge = '<span data-askfirst="badge"></span>';
  const card = `<li><p>Ana</p>${badge}</li>`;
  assert.equal(cardHtml(card, [badge]), '<li><p>Ana</p></li>');
  assert.equal(cardHtml(card, []), card);
  // The same markup twice, one of them ours: only one goes.
  assert.equal(cardHtml(`${badge}${badge}`, [badge]), badge);
  const r = rng(7);
  for (let i = 0; i < 500; i++) {
    const before = text(r, 40);
    const after = text(r, 40);
    assert.equal(cardHtml(`${before}${badge}${after}`, [badge]), `${before}${after}`.isWellFormed() ? `${before}${after}` : `${before}${after}`.toWellFormed());
  }
});

test('lone surrogates become U+FFFD; well-formed text is left as it is', () => {
  assert.equal(cardHtml('a\uD800b', []), 'a\uFFFDb');
  assert.equal(cardHtml('\uDC00', []), '\uFFFD');
  assert.equal(cardHtml('😀', []), '😀');
  const r = rng(99);
  for (let i = 0; i < 500; i++) {
    const s = text(r, 50);
    // Cut anywhere: maybe through a surrogate pair.
    const cut = s.slice(0, r.int(0, s.length));
    const out = cardHtml(cut, []);
    assert.ok(out.isWellFormed());
    assert.equal(out.length, cut.length);
    assert.doesNotThrow(() => encodeURIComponent(out));
  }
});

test('halves: two non-empty parts, in order, nothing lost; none for one card', () => {
  assert.equal(halves([]), null);
  assert.equal(halves(['a']), null);
  for (let n = 2; n < 60; n++) {
    const list = Array.from({ length: n }, (_, i) => i);
    const [a, b] = halves(list);
    assert.ok(a.length >= 1 && b.length >= 1);
    assert.ok(Math.abs(a.length - b.length) <= 1);
    assert.deepEqual([...a, ...b], list);
  }
});

test('overdue: the answered-longest-ago prefix, and when to look again (generated)', () => {
  const r = rng(3000);
  const grace = 3000;
  for (let round = 0; round < 300; round++) {
    let t = 0;
    const waiting = [];
    for (let i = 0, n = r.int(0, 12); i < n; i++) {
      t += r.int(0, 2000);
      waiting.push([`id${i}`, { i }, t]);
    }
    const now = r.int(0, t + 4000);
    const { due, again } = overdue(waiting, now, grace);
    const expected = waiting.filter(([, , at]) => now - at >= grace);
    assert.deepEqual(due, expected.map(([k, v]) => [k, v]));
    const next = waiting[due.length];
    if (next) {
      assert.equal(again, grace - (now - next[2]));
      assert.ok(again > 0 && again <= grace + 4000);
    } else {
      assert.equal(again, 0);
    }
  }
});
