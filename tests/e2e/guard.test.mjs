// The Accept guard and the prompt, with real (trusted) mouse and keyboard input on a
// fixture invitations page served at LinkedIn's URL under a LinkedIn-like CSP.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, fixture, INVITATIONS, waitForBadges, promptState, clickPromptAction, trustedClick, clicksSeen, inBadge, inPrompt, badgeVerdicts, waitFor,
} from './harness.mjs';

let h;
let html;
const accept = (name) => `button[aria-label="Accept ${name}’s invitation"]`;
const ignore = (name) => `button[aria-label="Ignore an invitation to connect from ${name}"]`;
const NAMES = ['Ana Pereira', 'Bruno Keller', 'Chloé Martin', 'Dev Patel', 'Eva Nowak', 'Fatima Zahra'];

before(async () => {
  h = await launch();
  html = await fixture('e2e/composer-page.html');
  h.serve('/mynetwork/invitation-manager/received/', html);
});
after(async () => h && h.close());

async function freshPage() {
  await h.sw.evaluate(() => chrome.storage.local.clear());
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, NAMES.length);
  return page;
}

const plans = async (page) => (await badgeVerdicts(page)).map((b) => b.plan);

test('the first click on Accept opens the prompt for flagged cards only; others pass', async () => {
  const page = await freshPage();
  const planOf = await plans(page);
  assert.ok(planOf.some((p) => p !== 'accept'), 'the fixture has flagged cards');
  assert.ok(planOf.includes('accept'), 'and a card whose note gives a reason');
  for (const [i, name] of NAMES.entries()) {
    const before = (await clicksSeen(page)).length;
    await trustedClick(page, accept(name));
    const prompt = await promptState(page);
    const seen = (await clicksSeen(page)).slice(before).map((c) => c.label);
    if (planOf[i] === 'accept') {
      assert.equal(prompt, undefined, `${name}: no prompt for plan accept`);
      assert.deepEqual(seen, [`Accept ${name}’s invitation`], `${name}: LinkedIn sees the click`);
    } else {
      assert.equal(prompt.dialog, true, `${name}: prompt for plan ${planOf[i]}`);
      assert.ok(prompt.title.includes(name), prompt.title);
      assert.deepEqual(seen, [], `${name}: the held click never reached LinkedIn`);
      await page.keyboard.press('Escape');
      assert.equal(await promptState(page), undefined, 'Escape closes the prompt');
    }
  }
  await page.close();
});

test('"Accept without a message" lets the next click through; a card is never held twice', async () => {
  const page = await freshPage();
  await trustedClick(page, accept('Ana Pereira'));
  const prompt = await promptState(page);
  assert.ok(prompt.actions.includes('accept-anyway'), String(prompt.actions));
  await clickPromptAction(page, 'accept-anyway');
  assert.equal(await promptState(page), undefined);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Accept Ana Pereira’s invitation',
    'focus returns to Accept');
  await trustedClick(page, accept('Ana Pereira'));
  assert.equal(await promptState(page), undefined, 'not held twice');
  assert.deepEqual((await clicksSeen(page)).map((c) => [c.label, c.trusted]), [['Accept Ana Pereira’s invitation', true]],
    'exactly one click reached LinkedIn: the user\'s own, nothing scripted');
  // "Not now" also means the next click passes.
  await trustedClick(page, accept('Bruno Keller'));
  await clickPromptAction(page, 'not-now');
  await trustedClick(page, accept('Bruno Keller'));
  assert.equal((await clicksSeen(page)).filter((c) => c.label.includes('Bruno')).length, 1);
  await page.close();
});

test('a double click on Accept leaves the prompt open: its second click is not a choice', async () => {
  const page = await freshPage();
  const b = await page.locator(accept('Ana Pereira')).boundingBox();
  await page.mouse.dblclick(b.x + b.width / 2, b.y + b.height / 2);
  await page.waitForTimeout(300);
  const prompt = await promptState(page);
  assert.ok(prompt && prompt.dialog, 'the prompt is still open');
  assert.match(prompt.title, /Ana Pereira/);
  assert.ok(prompt.focused, 'focus is still inside it (Escape and Tab work)');
  assert.deepEqual(await clicksSeen(page), [], 'LinkedIn saw no click');
  // The user's own choice still works.
  await clickPromptAction(page, 'not-now');
  assert.equal(await promptState(page), undefined);
  await page.close();
});

test('the prompt stays open when LinkedIn rewrites the URL of the same page, and closes when the user leaves', async () => {
  const page = await freshPage();
  await trustedClick(page, accept('Bruno Keller'));
  assert.match((await promptState(page)).title, /Bruno Keller/);
  await page.evaluate(() => history.replaceState(null, '', `${location.pathname}?lipi=abc`));
  await page.waitForTimeout(500);
  const still = await promptState(page);
  assert.ok(still && still.focused, 'still open, focus inside');
  await page.evaluate(() => history.pushState(null, '', '/feed/'));
  await waitFor('the prompt closed', async () => (await promptState(page)) === undefined);
  await page.close();
});

test('a card LinkedIn re-renders for another person is not guarded with the old answer', async () => {
  const page = await freshPage();
  await page.waitForTimeout(500); // the prompt's details
  // The engine busy for two seconds (its answer about the new card waits), then LinkedIn
  // renders Zoe's invitation into Ana's card node, Accept included.
  await h.sw.evaluate(() => {
    setTimeout(() => { for (const end = Date.now() + 2000; Date.now() < end;); }, 0);
  });
  await page.evaluate(() => {
    const card = document.querySelector('[componentkey="urn:li:invitation:9000000000000000001"]');
    const link = card.querySelector('a[href*="/in/"]');
    link.href = 'https://www.linkedin.com/in/zoe-quinn-e2e/';
    link.querySelector('strong').textContent = 'Zoe Quinn';
    card.querySelector('button[aria-label^="Accept"]').setAttribute('aria-label', 'Accept Zoe Quinn’s invitation');
  });
  await trustedClick(page, accept('Zoe Quinn'));
  assert.equal(await promptState(page), undefined, 'no prompt about Ana on Zoe\'s card');
  assert.deepEqual((await clicksSeen(page)).map((c) => c.label), ['Accept Zoe Quinn’s invitation']);
  await page.close();
});

test('cards whose profile links lack the slash or carry non-ASCII letters are guarded', async () => {
  // As LinkedIn writes them: `/in/mei-chen-lumina?trk=…` (current-truncated.html), and a
  // slug with an accent that the browser percent-encodes in the link's path.
  h.serve('/mynetwork/invitation-manager/received/', html
    .replaceAll('https://www.linkedin.com/in/ana-pereira-e2e/', 'https://www.linkedin.com/in/ana-pereira-e2e?trk=invitation_manager')
    .replaceAll('https://www.linkedin.com/in/bruno-keller-e2e/', 'https://www.linkedin.com/in/brunö-kéller/'));
  try {
    const page = await freshPage();
    await page.waitForTimeout(500); // the prompt's details
    for (const name of ['Ana Pereira', 'Bruno Keller']) {
      await trustedClick(page, accept(name));
      const prompt = await waitFor(`${name}'s prompt`, () => promptState(page));
      assert.match(prompt.title, new RegExp(name));
      await clickPromptAction(page, 'not-now');
    }
    assert.deepEqual(await clicksSeen(page), [], 'both Accept clicks were held');
    await page.close();
  } finally {
    h.serve('/mynetwork/invitation-manager/received/', html);
  }
});

test('Ignore is never held', async () => {
  const page = await freshPage();
  for (const name of NAMES) {
    await trustedClick(page, ignore(name));
    assert.equal(await promptState(page), undefined, name);
  }
  assert.equal((await clicksSeen(page)).length, NAMES.length);
  await page.close();
});

test('the prompt is a keyboard-operable dialog: focus in, Tab trapped, Escape closes, focus returns', async () => {
  const page = await freshPage();
  await page.locator(accept('Bruno Keller')).focus();
  await page.keyboard.press('Enter'); // a trusted click from the keyboard
  const p = await promptState(page);
  assert.equal(p.dialog, true);
  assert.equal(p.modal, 'true');
  assert.ok(p.title && p.title.includes('Bruno Keller'), 'labelled by its title');
  // Into the reply box, not onto an action: a blind Enter never acts (docs/security.md, 9a).
  assert.equal(p.focused, p.reply == null ? 'div' : 'textarea', 'focus moved into the dialog, on the reply');
  const stops = p.actions.length + (p.reply == null ? 0 : 1);
  const seen = new Set();
  for (let i = 0; i < stops * 2 + 1; i++) {
    await page.keyboard.press('Tab');
    const s = await promptState(page);
    assert.ok(s && s.focused, `focus stays inside the dialog after ${i + 1} Tab(s)`);
    seen.add(s.focused);
    assert.equal(await page.evaluate(() => document.activeElement.dataset.askfirst), 'prompt');
  }
  assert.equal(seen.size, stops, 'Tab visits every control');
  await page.keyboard.press('Shift+Tab');
  assert.ok((await promptState(page)).focused);
  await page.keyboard.press('Escape');
  assert.equal(await promptState(page), undefined);
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Accept Bruno Keller’s invitation');
  assert.deepEqual(await clicksSeen(page), [], 'Escape is not an Accept');
  await page.close();
});

test('a click on the prompt\'s text keeps focus in the dialog: Tab stays inside, Escape closes', async () => {
  const page = await freshPage();
  await trustedClick(page, accept('Bruno Keller'));
  assert.ok(await promptState(page));
  // A click on the title (not a control): focus must not fall to the page behind.
  const at = await inPrompt(page, function () {
    const r = this.querySelector('h2').getBoundingClientRect();
    return { x: r.x + 5, y: r.y + r.height / 2 };
  });
  await page.mouse.click(at.x, at.y);
  assert.equal(await page.evaluate(() => document.activeElement.dataset.askfirst), 'prompt');
  await page.keyboard.press('Shift+Tab');
  assert.ok((await promptState(page)).focused, 'Shift+Tab lands on one of the dialog\'s controls');
  assert.equal(await page.evaluate(() => document.activeElement.dataset.askfirst), 'prompt');
  await page.mouse.click(at.x, at.y);
  await page.keyboard.press('Escape');
  assert.equal(await promptState(page), undefined, 'Escape closes it');
  assert.deepEqual(await clicksSeen(page), [], 'nothing reached LinkedIn');
  await page.close();
});

test('the prompt\'s actions still work when its card changed while it was open', async () => {
  for (const action of ['mark-fine', 'accept-then-reply']) {
    const page = await freshPage();
    await trustedClick(page, accept('Bruno Keller'));
    assert.ok(await promptState(page));
    // LinkedIn turns the card into something else meanwhile: it is read again, no badge.
    await page.evaluate(() => {
      const card = document.querySelector('button[aria-label="Accept Bruno Keller’s invitation"]').closest('[role=listitem]');
      const p = document.createElement('p');
      p.textContent = 'Bruno Keller is now a connection';
      card.replaceChildren(p);
    });
    await waitForBadges(page, 5);
    await clickPromptAction(page, action);
    assert.equal(await promptState(page), undefined, `${action}: the prompt closed`);
    await page.close();
  }
});

test('our UI ignores untrusted events', async () => {
  const page = await freshPage();
  // A scripted click on Accept is not the user's: not held, not ours to judge.
  await page.evaluate((sel) => document.querySelector(sel).click(), accept('Chloé Martin'));
  assert.equal(await promptState(page), undefined);
  await trustedClick(page, accept('Ana Pereira'));
  // Scripted clicks and keys inside the prompt do nothing.
  await inPrompt(page, function () {
    this.querySelector('[data-action="accept-anyway"]').click();
    this.querySelector('[role=dialog]').dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true, composed: true }));
  });
  assert.equal((await promptState(page)).dialog, true, 'still open');
  await page.keyboard.press('Escape');
  await page.close();
});

test('"This one is fine" is remembered: that card passes at the first click, even after a reload', async () => {
  const page = await freshPage();
  await trustedClick(page, accept('Eva Nowak'));
  await clickPromptAction(page, 'mark-fine');
  // Her badge says so, in the catalogue's words (the browser's language: English here).
  const labels = [];
  for (let i = 0; i < NAMES.length; i++) {
    labels.push(await inBadge(page, function () { return this.querySelector('.p').textContent; }, undefined, i));
  }
  assert.equal(labels.filter((l) => / · marked fine$/.test(l)).length, 1, JSON.stringify(labels));
  // Remembered in the ledger (one source of truth): an "overridden" event for Eva.
  const evaOverridden = (ledger) => Object.entries(ledger?.records ?? {}).some(([k, r]) =>
    k.includes('eva-nowak-e2e') && r.events.some((e) => e.kind === 'overridden'));
  let ledger = null;
  for (let i = 0; i < 50 && !evaOverridden(ledger); i++) {
    await page.waitForTimeout(50); // the background writes it asynchronously
    const stored = await h.sw.evaluate(() => chrome.storage.local.get('ledger'));
    ledger = stored.ledger ? JSON.parse(stored.ledger) : null;
  }
  assert.ok(evaOverridden(ledger), JSON.stringify(ledger));
  await page.reload({ waitUntil: 'domcontentloaded' });
  await waitForBadges(page, NAMES.length);
  await trustedClick(page, accept('Eva Nowak'));
  assert.equal(await promptState(page), undefined);
  assert.deepEqual((await clicksSeen(page)).map((c) => c.label), ['Accept Eva Nowak’s invitation']);
  // Others are still guarded.
  await trustedClick(page, accept('Ana Pereira'));
  assert.equal((await promptState(page)).dialog, true);
  await page.close();
});

test('two tabs marking invitations fine at the same moment: both are remembered', async () => {
  const [p1, p2] = [await freshPage(), await h.open(INVITATIONS)];
  await waitForBadges(p2, NAMES.length);
  await trustedClick(p1, accept('Ana Pereira'));
  await trustedClick(p2, accept('Bruno Keller'));
  await Promise.all([clickPromptAction(p1, 'mark-fine'), clickPromptAction(p2, 'mark-fine')]);
  // Remembered in the ledger (one source of truth): an "overridden" event for each.
  let fine = [];
  for (let i = 0; i < 50 && fine.length < 2; i++) {
    await p1.waitForTimeout(50);
    const stored = (await h.sw.evaluate(() => chrome.storage.local.get('ledger'))).ledger;
    const records = stored ? JSON.parse(stored).records : {};
    fine = Object.keys(records).filter((k) => records[k].events.some((e) => e.kind === 'overridden'));
  }
  assert.equal(fine.length, 2, JSON.stringify(fine));
  await p1.close();
  await p2.close();
});

test('the prompt follows LinkedIn\'s dark theme or the system\'s, and stays usable at 200% zoom', async () => {
  const page = await freshPage();
  await page.evaluate(() => { document.body.style.background = '#1b1f23'; });
  await trustedClick(page, accept('Ana Pereira'));
  const dark = await inPrompt(page, function () {
    const d = this.querySelector('[role=dialog]');
    return { theme: this.host.dataset.theme, bg: getComputedStyle(d).backgroundColor };
  });
  assert.equal(dark.theme, 'dark');
  assert.notEqual(dark.bg, 'rgb(255, 255, 255)');
  await page.keyboard.press('Escape');
  // A page without its own background follows the system's dark mode.
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.evaluate(() => { document.body.style.background = 'transparent'; document.documentElement.style.background = 'transparent'; });
  await trustedClick(page, accept('Chloé Martin'));
  assert.equal(await inPrompt(page, function () { return this.host.dataset.theme; }), 'dark');
  await page.keyboard.press('Escape');
  await page.emulateMedia({ colorScheme: 'light' });
  await trustedClick(page, accept('Fatima Zahra'));
  assert.equal(await inPrompt(page, function () { return this.host.dataset.theme; }), 'light');
  await page.keyboard.press('Escape');
  // 200% zoom = half the CSS viewport.
  await page.setViewportSize({ width: 640, height: 450 });
  await page.evaluate(() => { document.body.style.background = ''; });
  await trustedClick(page, accept('Bruno Keller'));
  const fit = await inPrompt(page, function () {
    const d = this.querySelector('[role=dialog]');
    const r = d.getBoundingClientRect();
    return { left: r.left, right: r.right, vw: innerWidth, overflowX: d.scrollWidth > d.clientWidth, scrolls: d.scrollHeight <= d.clientHeight || getComputedStyle(d).overflowY === 'auto' };
  });
  assert.ok(fit.left >= 0 && fit.right <= fit.vw, JSON.stringify(fit));
  assert.equal(fit.overflowX, false);
  assert.ok(fit.scrolls);
  await page.keyboard.press('Escape');
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
