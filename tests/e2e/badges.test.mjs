// Badges on live pages: for every fixture page of both UI generations the badges say what
// `askfirst triage --json` says for the same file (one reader); SPA route changes start and
// stop the helper; cards that load later or change are handled; badges never duplicate.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, fixture, cliTriage, inBadge, badgeVerdicts, badgeCount, FIXTURES, ORIGIN, INVITATIONS, waitForBadges, waitFor,
  BADGE,
} from './harness.mjs';

let h;
before(async () => { h = await launch(); });
after(async () => h && h.close());

const badges = badgeVerdicts;
const perCard = (page) => page.evaluate((sel) => [...document.querySelectorAll('[role=listitem], li')]
  .map((c) => c.querySelectorAll(`:scope > ${sel}`).length).filter((n) => n > 1).length, BADGE);

const pages = readdirSync(join(FIXTURES, 'linkedin')).filter((f) => f.endsWith('.html')).sort();

test('every fixture page: badges equal the CLI verdicts, one per person invitation', async (t) => {
  assert.ok(pages.some((f) => f.startsWith('legacy')) && pages.some((f) => f.startsWith('current')),
    'fixtures of both UI generations');
  const page = await h.ctx.newPage();
  for (const file of pages) {
    await t.test(file, async () => {
      const expected = cliTriage(join(FIXTURES, 'linkedin', file));
      const path = `/mynetwork/invitation-manager/received/${file.replace('.html', '')}/`;
      h.serve(path, await fixture(`linkedin/${file}`));
      await page.goto(ORIGIN + path, { waitUntil: 'domcontentloaded' });
      await waitForBadges(page, expected.length);
      await page.waitForTimeout(expected.length ? 100 : 400); // nothing more arrives
      const got = await badges(page);
      assert.deepEqual(got.map(({ note, fit, plan }) => ({ note, fit, plan })),
        expected.map((e) => ({ note: e.note_kind, fit: e.fit, plan: e.plan })));
      assert.ok(got.every((b) => b.inCard), 'each badge sits inside its card');
    });
  }
  await page.close();
});

test('route changes start and stop the helper; badges never duplicate', async () => {
  const html = await fixture('e2e/composer-page.html');
  for (const path of ['/mynetwork/', '/feed/', '/mynetwork/invitation-manager/received/', '/mynetwork/invitation-manager/sent/']) {
    h.serve(path, html);
  }
  const page = await h.open(`${ORIGIN}/mynetwork/`);
  await page.waitForTimeout(400);
  assert.equal((await badges(page)).length, 0, 'not an invitations page: nothing');
  await page.evaluate(() => history.pushState({}, '', '/mynetwork/invitation-manager/received/'));
  await waitForBadges(page, 6);
  // LinkedIn adds a query to the same view: the badges stay as they are (no flicker).
  await page.evaluate((sel) => { window.__firstBadge = document.querySelector(sel); }, BADGE);
  await page.evaluate(() => history.replaceState({}, '', '/mynetwork/invitation-manager/received/?skipRedirect=true'));
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate((sel) => document.querySelector(sel) === window.__firstBadge, BADGE), true);
  await page.evaluate(() => history.pushState({}, '', '/mynetwork/invitation-manager/sent/'));
  await waitForBadges(page, 0);
  await page.evaluate(() => history.pushState({}, '', '/mynetwork/invitation-manager/received/?filter=all'));
  await waitForBadges(page, 6);
  await page.evaluate(() => history.back());
  await waitForBadges(page, 0);
  await page.evaluate(() => history.forward());
  await waitForBadges(page, 6);
  await page.waitForTimeout(300);
  assert.equal((await badges(page)).length, 6);
  assert.equal(await perCard(page), 0, 'no card has two badges');
  await page.close();
});

test('a query LinkedIn adds while the first answers are on their way: every card still gets its badge', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  // At DOMContentLoaded + 0–20 ms the cards are on their way to the engine or its answer is
  // on the way back: that answer belongs to the page before the change. (Found in review:
  // such cards were never sent again, and had neither badge nor guard.)
  for (const delay of [0, 2, 5, 10, 20]) {
    const page = await h.ctx.newPage();
    await page.addInitScript((delay) => {
      document.addEventListener('DOMContentLoaded', () => setTimeout(() => {
        history.replaceState({}, '', `${location.pathname}?skipRedirect=true`);
      }, delay));
    }, delay);
    await page.goto(INVITATIONS, { waitUntil: 'domcontentloaded' });
    await waitForBadges(page, 6).catch((e) => { throw new Error(`query added after ${delay} ms: ${e.message}`); });
    await page.waitForTimeout(200);
    assert.equal(await perCard(page), 0, 'no card has two badges');
    await page.close();
  }
});

test('a card LinkedIn renders again, or takes out and puts back, has exactly one badge', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  // The same invitation rendered again: its children replaced by identical markup.
  await page.evaluate((sel) => {
    const card = document.querySelector('[role=listitem]');
    const copy = card.cloneNode(true);
    copy.querySelector(sel)?.remove();
    card.replaceChildren(...copy.childNodes);
  }, BADGE);
  await waitForBadges(page, 6);
  // Only our badge taken out (a framework dropping what it did not render).
  await page.evaluate((sel) => document.querySelectorAll(sel)[1].remove(), BADGE);
  await waitForBadges(page, 6);
  // A card taken out of the list, a look at the list, and the same node put back.
  await page.evaluate(async () => {
    const card = document.querySelectorAll('[role=listitem]')[2];
    const list = card.parentElement;
    const next = card.nextSibling;
    card.remove();
    list.append(document.createElement('div')); // a change of the list: a batch runs
    await new Promise((r) => setTimeout(r, 300));
    list.insertBefore(card, next);
  });
  await page.waitForTimeout(500);
  await waitForBadges(page, 6);
  assert.equal(await perCard(page), 0, 'no card has two badges');
  await page.close();
});

test('cards that load later or change are triaged again, replacing their badge', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  // LinkedIn appends the next page of invitations.
  await page.evaluate((sel) => {
    const list = document.querySelector('[role=listitem]').parentElement;
    for (let i = 0; i < 3; i++) {
      const card = list.querySelector('[role=listitem]:last-of-type').cloneNode(true);
      card.querySelector(sel)?.remove();
      card.setAttribute('componentkey', `urn:li:invitation:91000000000000000${i}`);
      card.querySelector('strong').textContent = `Later Person${i}`;
      card.querySelector('a').href = `https://www.linkedin.com/in/later-person-${i}/`;
      list.append(card);
    }
  }, BADGE);
  await waitForBadges(page, 9);
  // A card changes: its note disappears → note "none".
  const noteOf = async (card) => (await badgeVerdicts(page, card))[0]?.note;
  const before = await noteOf('[componentkey$="0001"]');
  assert.notEqual(before, 'none');
  await page.evaluate(() => document.querySelector('[componentkey$="0001"] p[dir=auto]').remove());
  await waitFor('the changed card\'s note "none"', async () => (await noteOf('[componentkey$="0001"]')) === 'none');
  // A card turns into something that is not an invitation any more → its badge goes.
  await page.evaluate(() => {
    const card = document.querySelector('[componentkey$="0002"]');
    const p = document.createElement('p');
    p.textContent = 'Bruno Keller is now a connection';
    card.replaceChildren(p);
  });
  await waitForBadges(page, 8);
  await page.waitForTimeout(300);
  assert.equal(await perCard(page), 0, 'no card has two badges');
  assert.equal((await badges(page)).length, 8);
  await page.close();
});

test('the prompt\'s warm-up inside a badge leaves every badge as it was', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  const shadow = function () {
    return { children: [...this.children].map((c) => c.className), sheets: this.adoptedStyleSheets.length };
  };
  // Once the page is idle (the warm-up takes two frames), every badge holds its badge only,
  // and stays so.
  const asItWas = async () => {
    for (let i = 0; i < 6; i++) {
      const s = await inBadge(page, shadow, undefined, i);
      if (s.children.length !== 1 || s.children[0] !== 'b' || s.sheets !== 1) return false;
    }
    return true;
  };
  await page.waitForTimeout(300);
  await waitFor('every badge as it was', asItWas);
  await page.waitForTimeout(300);
  assert.ok(await asItWas(), 'and still so');
  assert.equal(await page.$$eval('body *', (els) => els.filter((e) => e.hasAttribute('data-askfirst') && e.getAttribute('data-askfirst') !== 'badge').length), 0);
  assert.equal(await page.$$eval(BADGE, (els) => els.length), await badgeCount(page), 'every host has its closed root');
  await page.close();
});

test('badges are reachable by keyboard and show every reason on focus', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  // The badge is the card's last child: Tab from the card's last control reaches it.
  await page.focus('button[aria-label="Reply to Ana"]');
  await page.keyboard.press('Tab');
  const tip = await inBadge(page, function () {
    const t = this.querySelector('[role=tooltip]');
    const b = this.querySelector('[tabindex="0"]');
    return { focused: this.activeElement === b, visible: getComputedStyle(t).display !== 'none', reasons: t.textContent.split('\n').filter(Boolean), label: b.textContent };
  });
  assert.equal(tip.focused, true);
  assert.equal(tip.visible, true, 'reasons shown on keyboard focus');
  assert.ok(tip.reasons.length >= 1);
  await page.close();
});

test('badges stay legible on LinkedIn\'s dark theme; the tooltip follows it when shown', async () => {
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  // Relative luminance (WCAG) of a computed colour, and the contrast of two.
  const look = () => inBadge(page, function () {
    const lum = (c) => {
      // rgb(0–255 …) or, for mixed colours, color(srgb 0–1 …).
      const scale = c.startsWith('color(') ? 1 : 255;
      const [r, g, b] = c.match(/[\d.]+/g).slice(0, 3).map((v) => {
        const s = Number(v) / scale;
        return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r + 0.7152 * g + 0.0722 * b;
    };
    const page = lum(getComputedStyle(document.body).backgroundColor);
    const contrast = (el) => {
      const l = lum(getComputedStyle(el).color);
      return (Math.max(l, page) + 0.05) / (Math.min(l, page) + 0.05);
    };
    const tip = this.querySelector('[role=tooltip]');
    const label = this.querySelector('[tabindex="0"]').children[1];
    return {
      label: contrast(label), mark: contrast(label.previousElementSibling),
      theme: this.host.dataset.theme || null, tipBg: getComputedStyle(tip).backgroundColor,
    };
  });
  await page.evaluate(() => { document.body.style.background = '#fff'; document.body.style.color = 'rgba(0,0,0,.9)'; });
  const light = await look();
  // Dark theme as LinkedIn draws it: light text on a dark page.
  await page.evaluate(() => { document.body.style.background = '#1b1f23'; document.body.style.color = 'rgba(255,255,255,.9)'; });
  const dark = await look();
  for (const [name, c] of Object.entries({ light, dark })) {
    assert.ok(c.label >= 4.5 && c.mark >= 4.5, `${name}: badge text contrast ${c.label.toFixed(1)} / ${c.mark.toFixed(1)} (WCAG AA: 4.5)`);
  }
  // Hovering the badge shows its reasons on the page's theme.
  await page.hover(BADGE);
  const shown = await look();
  assert.equal(shown.theme, 'dark');
  assert.notEqual(shown.tipBg, 'rgb(255, 255, 255)');
  await page.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
