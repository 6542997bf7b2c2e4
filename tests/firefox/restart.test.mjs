// Firefox: the background is an event page, which Firefox unloads when idle (here after
// 1 s, by pref, instead of 30 s) and starts again at the next event. A ledger write made
// before that must be there after it: in storage.local, read back by the new background.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, fixture, INVITATIONS, waitForBadges, promptState, clickPromptAction, trustedClick, strayRequests, waitFor,
  waitForSelector, textOf,
} from './harness.mjs';

let h;
before(async () => {
  h = await launch({ prefs: { 'extensions.background.idle.timeout': 1000 } });
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
});
after(async () => h && h.close());

const accept = (name) => `button[aria-label="Accept ${name}’s invitation"]`;
// The running background page, seen from the options page (the same process), or null.
const background = () => h.options.evaluate(() => {
  const bg = chrome.extension.getViews().find((w) => w.location.pathname.includes('background'));
  if (!bg) return null;
  bg.__askfirstTestGeneration ||= Math.random();
  return bg.__askfirstTestGeneration;
});
const recordOf = (ledger, name) => Object.values(JSON.parse(ledger).records).find((r) => r.snapshot.name === name);

test('a ledger write survives the background being unloaded and started again', async () => {
  await h.clearStorage();
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  await trustedClick(page, accept('Eva Nowak'));
  await waitFor('the prompt', () => promptState(page));
  await clickPromptAction(page, 'not-now');
  const written = await waitFor('the prompt\'s events in the ledger', async () => {
    const { ledger } = await h.storage();
    const r = ledger && recordOf(ledger, 'Eva Nowak');
    return r && r.events.length >= 3 && r;
  });
  assert.deepEqual(written.events.map((e) => e.kind), ['seen', 'prompt-shown', 'not-now']);
  await page.close();

  const first = await background();
  assert.ok(first, 'the background runs');
  await waitFor('Firefox to unload the idle background', async () => (await background()) === null, 20000);

  // The popup asks the background for its dashboard: Firefox starts it again.
  const popup = await h.extensionPage('popup.html');
  await waitForSelector(popup, 'section.stats');
  const second = await background();
  assert.ok(second && second !== first, 'a new background answered');
  assert.equal(await textOf(popup, '[data-stat="statsDefaultInvites"] dd'), '5');
  const dash = await popup.evaluate(() => chrome.runtime.sendMessage({ type: 'dashboard' }));
  assert.equal(dash.stats.invites_seen, 6, JSON.stringify(dash.stats));
  const { ledger } = await h.storage();
  assert.deepEqual(recordOf(ledger, 'Eva Nowak').events, written.events, 'the write is intact');
  await popup.close();
});

test('the add-on made no network request', () => {
  assert.deepEqual(strayRequests(h), { pages: [], proxy: [] });
});
