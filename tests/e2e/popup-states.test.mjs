// The popup's state of the current tab, as the user opens it from the toolbar
// (`action.openPopup()` with the LinkedIn tab in front; read through
// `extension.getViews` from another of our pages): each state is true of the page.
// No pending invitations on LinkedIn's empty list; active with the flagged invitations,
// which follow the page; watching a conversation of someone asked; nothing to do off the
// invitations, with a link that opens them; unreadable only for markup AskFirst does not
// know.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { launch, fixture, cliTriage, FIXTURES, INVITATIONS, ORIGIN, waitForBadges, waitFor } from './harness.mjs';

// Each page at its own invitations URL: the site keeps every fixture it served (their own
// resources are not the extension's requests).
const UNKNOWN = `${ORIGIN}/mynetwork/invitation-manager/`;
const NO_LIST = `${ORIGIN}/mynetwork/invitation-manager/received/people/`;
const CARDS = `${ORIGIN}/mynetwork/invitation-manager/received/all/`;

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

/** An extension page that is not the active tab (the options page opened at install). */
async function ourPage() {
  let p = h.ctx.pages().find((x) => x.url().startsWith(`chrome-extension://${h.extensionId}/`));
  if (!p) {
    p = await h.ctx.newPage();
    await p.goto(`chrome-extension://${h.extensionId}/options.html`);
  }
  return p;
}

/**
 * Opens the toolbar popup over `page` and reads it once its state is shown. `until`:
 * the data-state to wait for (the content script's reports come in their own time).
 */
async function popupOver(page, until, timeout = 10000) {
  const ours = await ourPage();
  const end = Date.now() + timeout;
  let seen = null;
  for (;;) {
    await page.bringToFront();
    await h.sw.evaluate(() => chrome.action.openPopup());
    seen = await waitFor('the popup', () => ours.evaluate(() => {
      const [v] = chrome.extension.getViews({ type: 'popup' });
      const status = v && v.document.querySelector('.status[data-state]');
      if (!status) return null;
      const out = {
        state: status.dataset.state,
        title: status.querySelector('strong').textContent,
        text: status.textContent,
        flagged: [...v.document.querySelectorAll('section.flagged li .name')].map((n) => ({ name: n.textContent, href: n.getAttribute('href') })),
        watching: [...v.document.querySelectorAll('.status ul.watching li')].map((li) => li.textContent),
        open: v.document.querySelector('a.open-invitations')?.getAttribute('href') ?? null,
        lang: v.document.documentElement.lang,
      };
      return out;
    }), 5000);
    if (seen.state === until || Date.now() > end) break;
    await ours.evaluate(() => chrome.extension.getViews({ type: 'popup' }).forEach((v) => v.close()));
    await page.waitForTimeout(300);
  }
  await ours.evaluate(() => chrome.extension.getViews({ type: 'popup' }).forEach((v) => v.close()));
  assert.equal(seen.state, until, JSON.stringify(seen));
  return seen;
}

test('an empty invitation manager: no pending invitations, not "could not read"', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('linkedin/current-empty.html'));
  const page = await h.open(INVITATIONS);
  const p = await popupOver(page, 'empty');
  assert.equal(p.title, 'No pending invitations');
  assert.doesNotMatch(p.text, /could not read/i);
  const [badge, title] = await h.sw.evaluate(async (url) => {
    const [tab] = (await chrome.tabs.query({})).filter((t) => t.url === url);
    return [await chrome.action.getBadgeText({ tabId: tab.id }), await chrome.action.getTitle({ tabId: tab.id })];
  }, INVITATIONS);
  assert.deepEqual([badge, title], ['', 'AskFirst: no pending invitations on this page'], 'the toolbar says the same');
  await page.close();
});

test('unknown markup in the list, or no list at all: unreadable, and only then', async () => {
  // LinkedIn's empty page with one card of markup the reader does not know (no hook it
  // knows; it still names a person).
  const unknown = (await fixture('linkedin/current-empty.html')).replace(
    '<div class="_133751"><p class="_2398cc">No pending invitations</p>',
    '<div class="_77aa01" data-new-hook="card"><a href="/in/ana-souza/"><span>Ana Souza</span></a><p>Founder at Nimbus</p><button type="button">Confirm</button></div><div class="_133751">');
  h.serve('/mynetwork/invitation-manager/', unknown);
  let page = await h.open(UNKNOWN);
  let p = await popupOver(page, 'unreadable');
  assert.match(p.text, /could not read/);
  await page.close();
  h.serve('/mynetwork/invitation-manager/received/people/', '<!doctype html><html lang="en"><head><title>LinkedIn</title></head><body><main><div class="_a1">Something new</div></main></body></html>');
  page = await h.open(NO_LIST);
  p = await popupOver(page, 'unreadable');
  await page.close();
});

test('active with N flagged; accepted or ignored cards leave the list; names open profiles; the last gone is "no pending"', async () => {
  h.serve('/mynetwork/invitation-manager/received/all/', await fixture('linkedin/current-en.html'));
  const page = await h.open(CARDS);
  await waitForBadges(page, cliTriage(join(FIXTURES, 'linkedin/current-en.html')).length);
  let p = await popupOver(page, 'active');
  await waitFor('7 flagged', async () => (p = await popupOver(page, 'active')).flagged.length === 7, 10000);
  assert.match(p.text, /Active on this page/);
  const ana = p.flagged.find((f) => f.name === 'Ana Souza');
  assert.ok(ana, JSON.stringify(p.flagged));
  assert.match(ana.href, /^https:\/\/www\.linkedin\.com\/in\/[^/]+\/$/, 'the name opens her profile');
  // LinkedIn takes a card off the page when it is ignored (or accepted elsewhere).
  await page.evaluate(() => {
    const link = [...document.querySelectorAll('[componentkey^="urn:li:invitation:"] a[href*="/in/"]')].find((a) => a.textContent.includes('Ana Souza'));
    link.closest('[componentkey^="urn:li:invitation:"]').remove();
  });
  await waitFor('Ana off the list', async () => {
    p = await popupOver(page, 'active');
    return !p.flagged.some((f) => f.name === 'Ana Souza');
  }, 10000);
  assert.equal(p.flagged.length, 6, JSON.stringify(p.flagged));
  // Every card gone: LinkedIn's list is empty now, and the popup says so.
  await page.evaluate(() => document.querySelectorAll('[componentkey^="urn:li:invitation:"]').forEach((c) => c.remove()));
  p = await popupOver(page, 'empty', 15000);
  assert.equal(p.title, 'No pending invitations');
  await page.close();
});

test('a conversation with someone asked is watched for their answer; one with nobody asked says so', async () => {
  const key = 'https://www.linkedin.com/in/bruno-keller/';
  const asked = Date.now() - 2 * 24 * 3600 * 1000;
  const records = { [key]: { snapshot: { name: 'Bruno Keller', plan: 'ask-first', profile_url: key }, updated_at: asked,
    events: [{ at: asked, kind: 'reply-inserted' }] } };
  await h.sw.evaluate((doc) => chrome.storage.local.set({ ledger: doc }), JSON.stringify({ version: 3, records }));
  h.serve('/messaging/thread/2-bruno/', await fixture('linkedin/messaging-unanswered.html'));
  let page = await h.open(`${ORIGIN}/messaging/thread/2-bruno/`);
  const p = await popupOver(page, 'watching');
  assert.equal(p.title, 'Watching this conversation');
  assert.deepEqual(p.watching, ['Waiting for an answer from Bruno Keller: AskFirst records it when it arrives.']);
  assert.doesNotMatch(p.text, /could not read/i);
  await page.close();
  // Nobody in the ledger: nothing to watch for, and no "could not read" either.
  await h.sw.evaluate(() => chrome.storage.local.remove('ledger'));
  page = await h.open(`${ORIGIN}/messaging/thread/2-bruno/`);
  const q = await popupOver(page, 'nobody-asked');
  assert.equal(q.title, 'Nobody you asked is in this conversation');
  await page.close();
});

test('not a LinkedIn page: nothing to do here, and a link that opens the invitations', async () => {
  const page = await h.ctx.newPage(); // about:blank
  const p = await popupOver(page, 'not-invitations');
  assert.equal(p.open, INVITATIONS);
  // The link opens the invitations in a new tab.
  const ours = await ourPage();
  await page.bringToFront();
  await h.sw.evaluate(() => chrome.action.openPopup());
  await waitFor('the popup', () => ours.evaluate(() => !!chrome.extension.getViews({ type: 'popup' })[0]?.document.querySelector('a.open-invitations')));
  const opened = h.ctx.waitForEvent('page', { timeout: 10000 });
  await ours.evaluate(() => chrome.extension.getViews({ type: 'popup' })[0].document.querySelector('a.open-invitations').click());
  const tab = await opened;
  await tab.waitForURL(INVITATIONS);
  await tab.close();
  await page.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
