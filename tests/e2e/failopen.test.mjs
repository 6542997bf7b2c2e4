// Fail-open: when the engine answers errors, or the page cannot be read, LinkedIn works
// exactly as without AskFirst (Accept and Ignore at the first click) and the toolbar icon
// says why, discreetly.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, INVITATIONS, waitForBadges, badgeCount, promptState, trustedClick, clicksSeen, toolbar, waitFor } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

const ACCEPT = 'button[aria-label="Accept Ana Pereira’s invitation"]';

// The background keeps a copy of the settings and reads them again only after they change:
// a write of the (default) settings makes its next triage go through storage.local.get.
const settingsChanged = () => chrome.storage.local.set({ settings: {} });
const settingsRestored = () => chrome.storage.local.remove('settings');

test('with the engine failing, no badge, Accept works at the first click, the icon says why', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  // Break the engine's storage reads: every triage now answers an error.
  await h.sw.evaluate(() => {
    self.__realGet = chrome.storage.local.get;
    chrome.storage.local.get = () => Promise.reject(new Error('test: storage is broken'));
  });
  await h.sw.evaluate(settingsChanged);
  try {
    const page = await h.open(INVITATIONS);
    await page.waitForTimeout(800);
    assert.equal(await badgeCount(page), 0);
    await trustedClick(page, ACCEPT);
    assert.equal(await promptState(page), undefined);
    assert.deepEqual((await clicksSeen(page)).map((c) => c.label), ['Accept Ana Pereira’s invitation']);
    const [badge, title] = await toolbar(h, INVITATIONS);
    assert.equal(badge, 'off');
    assert.match(title, /inactive/i);
    await page.close();
  } finally {
    await h.sw.evaluate(() => { chrome.storage.local.get = self.__realGet; });
    await h.sw.evaluate(settingsRestored);
  }
  // And back to work once the engine answers again.
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  assert.equal((await toolbar(h, INVITATIONS))[0], '');
  await page.close();
});

test('the engine failing for a moment on a list that never changes: its cards are sent once more', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  // Storage reads fail until the test has seen the error's effect (every triage then
  // answers an error), then work: no wall-clock window that a slow machine could miss.
  await h.sw.evaluate(() => {
    self.__realGet = chrome.storage.local.get;
    self.__storageFails = true;
    chrome.storage.local.get = (...a) => (self.__storageFails
      ? Promise.reject(new Error('test: storage failed for a while'))
      : self.__realGet.apply(chrome.storage.local, a));
  });
  await h.sw.evaluate(settingsChanged);
  let page;
  try {
    page = await h.open(INVITATIONS);
    await page.waitForTimeout(500);
    assert.equal(await badgeCount(page), 0, 'the first answer was an error');
    await h.sw.evaluate(() => { self.__storageFails = false; });
    await waitForBadges(page, 6); // no change in the page: the content script tried again
  } finally {
    if (page) await page.close();
    await h.sw.evaluate(() => { chrome.storage.local.get = self.__realGet; });
    await h.sw.evaluate(settingsRestored);
  }
});

test('a click before the answer arrives passes (no answer, no guard)', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  // Hold every engine answer: storage reads wait until the test releases them (after its
  // click), so the click comes before the answer however slow the machine is.
  await h.sw.evaluate(() => {
    self.__realGet = chrome.storage.local.get;
    const real = self.__realGet.bind(chrome.storage.local);
    let release;
    const gate = new Promise((r) => { release = r; });
    self.__releaseReads = release;
    chrome.storage.local.get = (...a) => gate.then(() => real(...a));
  });
  await h.sw.evaluate(settingsChanged);
  let page;
  try {
    page = await h.open(INVITATIONS);
    await trustedClick(page, ACCEPT);
    assert.equal(await promptState(page), undefined);
    assert.equal((await clicksSeen(page)).length, 1);
    await h.sw.evaluate(() => self.__releaseReads());
    await waitForBadges(page, 6); // the answers arrive later, as usual
  } finally {
    if (page) await page.close();
    await h.sw.evaluate(() => { if (self.__releaseReads) self.__releaseReads(); chrome.storage.local.get = self.__realGet; });
    await h.sw.evaluate(settingsRestored);
  }
});

// The engine's `card-details` messages to the tab, intercepted in the worker and counted:
// 'hold' keeps them all for releaseDetails() (in the order sent), 'lose-first' drops the
// first one and lets the others through.
const interceptDetails = (mode) => h.sw.evaluate((mode) => {
  self.__realSend ||= chrome.tabs.sendMessage;
  self.__heldDetails = [];
  self.__detailsSent = 0;
  chrome.tabs.sendMessage = (...a) => {
    if (!a[1] || a[1].type !== 'card-details') return self.__realSend.apply(chrome.tabs, a);
    const first = self.__detailsSent++ === 0;
    if (mode === 'hold' || first) {
      self.__heldDetails.push(a);
      return Promise.resolve();
    }
    return self.__realSend.apply(chrome.tabs, a);
  };
}, mode);
const detailsSent = () => h.sw.evaluate(() => self.__detailsSent);
const releaseDetails = () => h.sw.evaluate(() => {
  chrome.tabs.sendMessage = self.__realSend;
  return self.__heldDetails.reduce((p, a) => p.then(() => chrome.tabs.sendMessage(...a)), Promise.resolve());
});
const restoreSend = () => h.sw.evaluate(() => { if (self.__realSend) chrome.tabs.sendMessage = self.__realSend; });

test('badges come before the prompt\'s details: until those arrive, Accept passes', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  // The badges' answers go as usual; the `card-details` messages that follow are held.
  await interceptDetails('hold');
  try {
    const page = await h.open(INVITATIONS);
    await waitForBadges(page, 6);
    await waitFor('the held details', detailsSent);
    await trustedClick(page, ACCEPT);
    assert.equal(await promptState(page), undefined, 'no details, no prompt');
    assert.equal((await clicksSeen(page)).length, 1, 'the click reached LinkedIn');
    // The details arrive: the next Accept of a flagged card is held for the prompt.
    await releaseDetails();
    await trustedClick(page, ACCEPT);
    const shown = await waitFor('the prompt', () => promptState(page));
    assert.equal(shown.dialog, true);
    assert.match(shown.title, /Ana Pereira/);
    assert.ok(shown.actions.includes('accept-anyway'), shown.actions.join());
    assert.equal((await clicksSeen(page)).length, 1, 'the second click was held');
    await page.close();
  } finally {
    await restoreSend();
  }
});

test('details meant for a page since reloaded never land on the new page\'s cards', async () => {
  const before = await fixture('e2e/composer-page.html');
  // The same list after the reload, with someone else in the first card.
  const after = before.replaceAll('Ana Pereira', 'Zora Quell').replaceAll('ana-pereira', 'zora-quell');
  h.serve('/mynetwork/invitation-manager/received/', before);
  await interceptDetails('hold');
  try {
    const page = await h.open(INVITATIONS);
    await waitForBadges(page, 6);
    await waitFor('the first page\'s details', detailsSent);
    h.serve('/mynetwork/invitation-manager/received/', after);
    await page.reload();
    await waitForBadges(page, 6);
    await waitFor('the new page\'s details', async () => (await detailsSent()) >= 2);
    // The old page's details come first, then the new page's.
    await releaseDetails();
    await trustedClick(page, ACCEPT.replace('Ana Pereira', 'Zora Quell'));
    const shown = await waitFor('the prompt', () => promptState(page));
    assert.match(shown.title, /Zora Quell/);
    assert.doesNotMatch(shown.text, /Ana/);
    await page.close();
  } finally {
    await restoreSend();
  }
});

test('two LinkedIn tabs at once: each tab\'s cards get their own details', async () => {
  const first = await fixture('e2e/composer-page.html');
  const second = first.replaceAll('Ana Pereira', 'Zora Quell').replaceAll('ana-pereira', 'zora-quell');
  h.serve('/mynetwork/invitation-manager/received/', first);
  const p1 = await h.open(INVITATIONS);
  h.serve('/mynetwork/invitation-manager/received/', second);
  const p2 = await h.open(INVITATIONS);
  await Promise.all([waitForBadges(p1, 6), waitForBadges(p2, 6)]);
  await trustedClick(p1, ACCEPT);
  await trustedClick(p2, ACCEPT.replace('Ana Pereira', 'Zora Quell'));
  const [one, two] = await Promise.all([waitFor('tab 1\'s prompt', () => promptState(p1)), waitFor('tab 2\'s prompt', () => promptState(p2))]);
  assert.match(one.title, /Ana Pereira/);
  assert.match(two.title, /Zora Quell/);
  assert.doesNotMatch(two.text, /Ana/);
  await p1.close();
  await p2.close();
});

test('details lost on the way: the cards are sent once more, then guarded', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  // The first `card-details` message is lost (as if the worker stopped after answering).
  await interceptDetails('lose-first');
  try {
    const page = await h.open(INVITATIONS);
    await waitForBadges(page, 6);
    await waitFor('the lost details', detailsSent);
    await trustedClick(page, ACCEPT);
    assert.equal(await promptState(page), undefined, 'no details, no prompt');
    // A few seconds later the cards have been sent again and their details came.
    await waitFor('the guard', async () => {
      await trustedClick(page, ACCEPT);
      return promptState(page);
    }, 8000);
    assert.equal(await detailsSent(), 2, 'one more triage, one more details message');
    assert.equal(await badgeCount(page), 6, 'no badge twice');
    await page.close();
  } finally {
    await restoreSend();
  }
});

test('unknown markup at an invitations URL: nothing injected, Accept works, the icon says so', async () => {
  h.serve('/mynetwork/invitation-manager/received/', `<!DOCTYPE html><html><body><main>
    <ul class="next-redesign"><li class="x-card"><span>Zoe Quinn wants to connect</span>
    <button aria-label="Accept Zoe Quinn’s invitation">Accept</button><button>Ignore</button></li></ul>
    </main></body></html>`);
  const page = await h.open(INVITATIONS);
  await page.waitForTimeout(800);
  assert.equal(await page.$$eval('[data-askfirst]', (b) => b.length), 0);
  await trustedClick(page, 'button[aria-label="Accept Zoe Quinn’s invitation"]');
  await trustedClick(page, 'text=Ignore');
  assert.deepEqual((await clicksSeen(page)).map((c) => c.label), ['Accept Zoe Quinn’s invitation', 'Ignore']);
  // After a grace period for LinkedIn to render its list.
  let state;
  for (let i = 0; i < 50 && !(state && state[0] === 'off'); i++) {
    await page.waitForTimeout(100);
    state = await toolbar(h, INVITATIONS);
  }
  assert.equal(state[0], 'off');
  assert.match(state[1], /could not read/i);
  await page.close();
});

test('forged messages from a page are refused by the engine', async () => {
  // A web page cannot reach the background at all (no externally_connectable); the
  // extension's own popup context is not a LinkedIn tab, so page messages are refused.
  const page = await h.ctx.newPage();
  await page.goto(`chrome-extension://${h.extensionId}/manifest.json`);
  const answers = await page.evaluate(async () => Promise.all([
    chrome.runtime.sendMessage({ type: 'hello', url: 'https://www.linkedin.com/mynetwork/grow/' }),
    chrome.runtime.sendMessage({ type: 'ping' }),
    chrome.runtime.sendMessage({ type: 'ping', extra: 1 }),
    chrome.runtime.sendMessage({ type: 'nope' }),
  ]));
  assert.deepEqual(answers.map((a) => a.ok), [false, true, false, false]);
  assert.equal(answers[0].code, 'not-linkedin');
  assert.equal(answers[3].code, 'malformed');
  await page.close();
});

test('after the extension reloads, the old content script steps aside: Accept works at the first click', async () => {
  // Chrome leaves the old script in open pages but cut off from the engine. Its own
  // browser: the reload ends the service worker this file's other tests use.
  const own = await launch();
  try {
    own.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
    const page = await own.open(INVITATIONS);
    await waitForBadges(page, 6);
    await page.waitForTimeout(500); // the prompt's details
    await own.sw.evaluate(() => { setTimeout(() => chrome.runtime.reload(), 50); }).catch(() => {});
    await page.waitForTimeout(1500);
    await trustedClick(page, 'button[aria-label="Accept Ana Pereira’s invitation"]');
    assert.equal(await promptState(page), undefined, 'no prompt from a script cut off from the engine');
    assert.deepEqual((await clicksSeen(page)).map((c) => c.label), ['Accept Ana Pereira’s invitation']);
    assert.equal(await badgeCount(page), 0, 'its badges went with it');
    await page.close();
  } finally {
    await own.close();
  }
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
