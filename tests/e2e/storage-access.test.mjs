// Finding 8 of issue #13 (attacker C, docs/security.md): code running in the content
// script's world (a renderer exploit on linkedin.com, or a bug of ours) must not reach
// storage.local — the whole ledger, private notes, settings. The background restricts it
// to trusted contexts (storage.local.setAccessLevel) and forwards the one thing the
// content script needs from it: that the settings changed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, INVITATIONS, waitForBadges, badgeVerdicts, inContentScript, waitFor } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
});
after(async () => h && h.close());

const SETTINGS = { version: 1, target_market: { include: ['private term nobody else knows'], exclude: [] } };

test('the content script\'s world can neither read nor write storage.local', async () => {
  await h.sw.evaluate((s) => chrome.storage.local.set({ settings: s, probe: 'the user\'s private data' }), SETTINGS);
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  const tried = await inContentScript(page, h.extensionId, `(async () => {
    const out = {};
    const attempt = async (name, f) => {
      try { out[name] = { ok: true, value: await f() }; } catch (e) { out[name] = { ok: false, error: String(e && e.message || e) }; }
    };
    await attempt('get', () => chrome.storage.local.get(null));
    await attempt('set', () => chrome.storage.local.set({ probe: 'overwritten by the content script' }));
    await attempt('clear', () => chrome.storage.local.clear());
    out.runtime = typeof chrome.runtime.sendMessage;
    return out;
  })()`);
  assert.equal(tried.runtime, 'function', 'this is the content script\'s world (it has chrome.runtime)');
  for (const op of ['get', 'set', 'clear']) {
    assert.equal(tried[op].ok, false, `${op}: ${JSON.stringify(tried[op])}`);
    assert.match(tried[op].error, /not allowed|access/i, op);
  }
  const stored = await h.sw.evaluate(() => chrome.storage.local.get(['settings', 'probe']));
  assert.equal(stored.probe, 'the user\'s private data', 'nothing written, nothing cleared');
  assert.deepEqual(stored.settings.target_market, SETTINGS.target_market);
  await page.close();
});

test('settings changed in storage still reach the page: the badges follow them', async () => {
  await h.sw.evaluate(() => chrome.storage.local.clear());
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  const fitOf = async (name) => (await badgeVerdicts(page)).find((b) => b.card.includes(name))?.fit;
  assert.equal(await fitOf('Ana Pereira'), 'unclear');
  await h.sw.evaluate(() => chrome.storage.local.set({
    settings: { version: 1, target_market: { include: ['marketing manager'], exclude: ['student'] } },
  }));
  await waitFor('Ana re-evaluated', async () => (await fitOf('Ana Pereira')) === 'direct', 10000);
  assert.equal(await fitOf('Eva Nowak'), 'none');
  await page.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
