// The rest of LinkedIn costs nothing: on a page that is neither invitations nor messaging
// (the feed) the content script sends the worker no message (so the engine is not
// started for it) and puts nothing in the page; a route change to the invitations page
// starts it, and its cards get their badges.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, ORIGIN, INVITATIONS, waitForBadges, waitFor } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

// Every message that reaches the worker from a tab, as [type, tab URL] (a listener next
// to the background's own).
const listen = () => h.sw.evaluate(() => {
  self.__heard = [];
  if (!self.__listening) {
    self.__listening = true;
    chrome.runtime.onMessage.addListener((m, sender) => {
      // LinkedIn tabs only: the options page opened at install is a tab too.
      if (sender.tab && /^https:\/\/www\.linkedin\.com\//.test(sender.tab.url || '')) self.__heard.push([m && m.type, sender.tab.url]);
    });
  }
});
const heard = () => h.sw.evaluate(() => self.__heard);

// What of ours a page holds: our elements, adopted sheets, attributes on LinkedIn's nodes.
const ours = (page) => page.evaluate(() => ({
  elements: [...document.querySelectorAll('*')].filter((e) => e.localName.startsWith('askfirst')).length,
  sheets: document.adoptedStyleSheets.length,
  attributes: [...document.querySelectorAll('*')].flatMap((e) => e.getAttributeNames()).filter((a) => /askfirst/i.test(a)).length,
}));

/** Posts added the way an infinite feed does (and a card-like list item among them). */
const addPosts = (page, n) => page.evaluate((n) => {
  const main = document.querySelector('main');
  for (let i = 0; i < n; i++) {
    const post = document.createElement('div');
    post.setAttribute('data-view-name', 'feed-full-update');
    const a = document.createElement('a');
    a.href = `/in/poster-${i}/`;
    a.append(Object.assign(document.createElement('strong'), { textContent: `Poster ${i}` }));
    post.append(a, Object.assign(document.createElement('p'), { textContent: `Post number ${i}` }));
    main.append(post);
  }
}, n);

test('the feed: no message to the worker, nothing in the page; the invitations page after a route change: started', async () => {
  h.serve('/feed/', await fixture('linkedin/feed-unrelated.html'));
  await listen();
  const page = await h.ctx.newPage();
  await page.goto(`${ORIGIN}/feed/`, { waitUntil: 'load' });
  await addPosts(page, 50);
  await page.waitForTimeout(800);
  await addPosts(page, 50);
  // A route change inside the rest of LinkedIn: still nothing.
  await page.evaluate(() => history.pushState({}, '', '/in/someone/'));
  await page.waitForTimeout(800);
  assert.deepEqual(await heard(), [], 'no message from the feed reached the worker');
  assert.deepEqual(await ours(page), { elements: 0, sheets: 0, attributes: 0 });

  // LinkedIn's SPA moves to the invitations page and renders its list there.
  const cards = await fixture('e2e/composer-page.html');
  await page.evaluate(() => history.pushState({}, '', '/mynetwork/invitation-manager/received/'));
  await waitFor('hello from the invitations page', async () => (await heard()).some(([type, url]) => type === 'hello' && url === INVITATIONS));
  await page.evaluate((html) => {
    const policy = trustedTypes.createPolicy('e2e-spa', { createHTML: (s) => s });
    const doc = new DOMParser().parseFromString(policy.createHTML(html), 'text/html');
    document.querySelector('main').replaceChildren(...document.adoptNode(doc.querySelector('main')).childNodes);
  }, cards);
  await waitForBadges(page, 6);

  // And back to the feed: the badges go, and the feed is quiet again.
  await page.evaluate(() => history.pushState({}, '', '/feed/'));
  await waitForBadges(page, 0);
  await listen();
  await addPosts(page, 50);
  await page.waitForTimeout(800);
  assert.deepEqual(await heard(), [], 'back on the feed: no message');
  await page.close();
});

test('a messaging page starts the engine (answered detection)', async () => {
  h.serve('/messaging/thread/2-e2e/', await fixture('linkedin/messaging-answered.html'));
  await listen();
  const page = await h.ctx.newPage();
  await page.goto(`${ORIGIN}/messaging/thread/2-e2e/`, { waitUntil: 'load' });
  await waitFor('hello from the messaging page', async () => (await heard()).some(([type]) => type === 'hello'));
  await page.close();
});
