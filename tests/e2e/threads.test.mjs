// Answered detection on a thread that stays open: each thread the content script has seen
// is observed on its own and serialised again only when something in it changed, so
// their reply arriving later is still noticed, and a thread that does not change is not
// sent again.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, storedLedger, waitFor } from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

const ledger = () => storedLedger(h);
const until = (what, check, timeout = 10000) => waitFor(what, check, timeout);

test('their reply arriving in an open thread is recorded; an unchanged thread is not sent again', async () => {
  await h.sw.evaluate(() => chrome.storage.local.clear());
  const key = 'https://www.linkedin.com/in/bruno-keller/';
  const asked = Date.now() - 2 * 24 * 3600 * 1000;
  const records = { [key]: { snapshot: { name: 'Bruno Keller', plan: 'ask-first', profile_url: key }, updated_at: asked,
    events: [{ at: asked, kind: 'reply-inserted' }] } };
  await h.sw.evaluate((doc) => chrome.storage.local.set({ ledger: doc }), JSON.stringify({ version: 3, records }));
  // Count the threads the background receives (the engine still answers every one).
  await h.sw.evaluate(() => {
    globalThis.__threadsSeen = 0;
    chrome.runtime.onMessage.addListener((m) => { if (m && m.type === 'thread-seen') globalThis.__threadsSeen++; });
  });
  h.serve('/messaging/thread/2-bruno/', await fixture('linkedin/messaging-unanswered.html'));
  const page = await h.open('https://www.linkedin.com/messaging/thread/2-bruno/');
  await until('the thread sent once', () => h.sw.evaluate(() => globalThis.__threadsSeen === 1));
  // Mutations elsewhere in the page: the thread itself is unchanged, it is not sent again.
  await page.evaluate(() => {
    for (let i = 0; i < 5; i++) document.body.append(Object.assign(document.createElement('div'), { textContent: `toast ${i}` }));
  });
  await page.waitForTimeout(2500); // the content script's debounce, and then some
  assert.equal(await h.sw.evaluate(() => globalThis.__threadsSeen), 1, 'an unchanged thread is not sent again');
  assert.deepEqual((await ledger()).records[key].events.map((e) => e.kind), ['reply-inserted'], 'no answer yet');
  // Text going into the thread's message box is no message: the thread is not read again
  // (read then, it would still end with their older message).
  await page.evaluate(() => {
    const form = Object.assign(document.createElement('form'), { className: 'msg-form' });
    const editor = Object.assign(document.createElement('div'), { className: 'msg-form__contenteditable', contentEditable: 'true' });
    editor.setAttribute('role', 'textbox');
    form.append(editor);
    document.querySelector('section.msg-thread').append(form);
  });
  await until('the thread with its message box', () => h.sw.evaluate(() => globalThis.__threadsSeen === 2));
  await page.click('.msg-form__contenteditable');
  await page.keyboard.type('Hi Bruno, what prompted you to connect?');
  await page.waitForTimeout(2500);
  assert.equal(await h.sw.evaluate(() => globalThis.__threadsSeen), 2, 'typing is not a new message');
  // Their reply arrives while the thread is open (DOM APIs only: the page runs under
  // Trusted Types), in the markup of the thread's own messages from them.
  await page.evaluate(() => {
    const list = document.querySelector('ul');
    const theirs = [...list.querySelectorAll('li')][0].cloneNode(true);
    theirs.querySelector('p').textContent = 'Wir haben uns auf der Messe in Köln kurz gesprochen.';
    list.append(theirs);
  });
  const bruno = await until('Bruno answered', async () => {
    const r = (await ledger()).records[key];
    return r.events.some((e) => e.kind === 'answered') && r;
  });
  assert.deepEqual(bruno.events.map((e) => e.kind), ['reply-inserted', 'answered']);
  await page.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
