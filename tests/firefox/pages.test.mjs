// Firefox: the add-on's own pages at moz-extension:// (the UUID fixed by the harness's
// pref): the options page (onboarding) loads and saves; the popup loads, and when the user
// has not allowed LinkedIn (Firefox lets them withhold the host permission) it says so, and
// its button asks for it from the user's click.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, fixture, INVITATIONS, waitForBadges, badgeCount, trustedClick, strayRequests, waitFor, sleep, EXT,
  has, textOf, valueOf, waitForSelector, typeInto,
} from './harness.mjs';

let h;
before(async () => {
  // Permission requests are granted without Firefox's doorhanger (which headless cannot
  // show); the request itself still has to come from a user's gesture.
  h = await launch({ prefs: { 'extensions.webextOptionalPermissionPrompts': false } });
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
});
after(async () => h && h.close());

const LINKEDIN = { origins: ['https://www.linkedin.com/*'] };

test('onboarding opens the options page once; it saves usable settings, shown again on reload', async () => {
  const page = h.options;
  assert.equal(await page.evaluate(() => location.href), `${EXT}/options.html`);
  await waitForSelector(page, '#settings-form');
  assert.ok(await has(page, '#welcome'), 'the welcome text shows on first run');
  await typeInto(page, '#my-name', 'Sam Seller');
  await typeInto(page, '#include', 'Head of Sales\nfounder');
  await typeInto(page, '#exclude', 'recruiter');
  await typeInto(page, '#offer-name', 'my weekly sales tips');
  await typeInto(page, '#offer-url', 'https://example.com/tips');
  await trustedClick(page, '#save-settings');
  await waitFor('the welcome text to go', async () => !(await has(page, '#welcome')));
  const stored = (await h.storage()).settings;
  assert.equal(stored.my_name, 'Sam Seller');
  assert.deepEqual(stored.target_market, { include: ['Head of Sales', 'founder'], exclude: ['recruiter'] });
  assert.deepEqual(stored.offer, { name: 'my weekly sales tips', url: 'https://example.com/tips' });
  await page.evaluate(() => { window.__beforeReload = true; location.reload(); });
  await waitFor('the options page again', () => page.evaluate(() => !window.__beforeReload
    && document.readyState === 'complete' && !!document.querySelector('#my-name')?.value).catch(() => false));
  assert.equal(await has(page, '#welcome'), false);
  assert.equal(await valueOf(page, '#my-name'), 'Sam Seller');
  assert.equal(await valueOf(page, '#include'), 'Head of Sales\nfounder');
});

test('the popup loads: the tab\'s state, reminders, the counts; no permission notice when LinkedIn is allowed', async () => {
  const popup = await h.extensionPage('popup.html');
  await waitForSelector(popup, 'section.stats');
  assert.ok(await has(popup, 'section.status'));
  assert.ok(await has(popup, 'section.reminders'));
  assert.equal(await has(popup, 'section.permission'), false);
  await popup.close();
});

test('LinkedIn not allowed: the popup says so, and its button asks for it from the user\'s click', async () => {
  assert.equal(await h.options.evaluate((p) => chrome.permissions.remove(p), LINKEDIN), true);
  // Without it the content script does not run on LinkedIn.
  const tab = await h.open(INVITATIONS);
  await sleep(1500);
  assert.equal(await badgeCount(tab), 0, 'no badges without the permission');
  const popup = await h.extensionPage('popup.html');
  await waitForSelector(popup, 'section.permission #grant-linkedin');
  assert.match(await textOf(popup, 'section.permission'), /not allowed to read LinkedIn pages/);
  // The browser only grants it from a user's gesture (a script's call is refused) …
  const scripted = await popup.evaluate((p) => chrome.permissions.request(p).then(String, (e) => e.message), LINKEDIN);
  assert.match(scripted, /user input/i);
  assert.equal(await popup.evaluate((p) => chrome.permissions.contains(p), LINKEDIN), false);
  // … which the button's click is.
  await trustedClick(popup, '#grant-linkedin');
  await waitFor('the permission', () => popup.evaluate((p) => chrome.permissions.contains(p), LINKEDIN));
  await waitFor('the notice to go', async () => !(await has(popup, 'section.permission')));
  await popup.close();
  await tab.reload({ waitUntil: 'domcontentloaded' });
  await waitForBadges(tab, 6);
  await tab.close();
});

test('the add-on made no network request', () => {
  assert.deepEqual(strayRequests(h), { pages: [], proxy: [] });
});
