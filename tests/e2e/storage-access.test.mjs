// Finding 8 of issue #13 (attacker C, docs/security.md): the content script needs no
// storage access of its own — the background forwards the one thing it needs from
// storage.local, that the settings changed. (Restricting storage.local to trusted contexts
// is still open: docs/security.md says why.)
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, INVITATIONS, waitForBadges, badgeVerdicts, waitFor } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
});
after(async () => h && h.close());

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
