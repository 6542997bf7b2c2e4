// Firefox: a hostile main world on linkedin.com (issue #13, attacker L; docs/security.md),
// the attacks of tests/e2e/page-attacks.test.mjs in Firefox ESR: the page gets no shadow
// root of ours through custom elements named like our old hosts, sees bare hosts (no
// verdict in the light DOM), cannot hide or cover the prompt (top layer), and its key
// logger on window sees nothing typed or copied in the prompt; and changed settings reach
// the page through the background (finding 8).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, fixture, INVITATIONS, waitForBadges, badges, promptState, clickPromptAction, clickInPrompt, trustedClick,
  inShadow, strayRequests, waitFor, sleep, BADGE, PROMPT,
} from './harness.mjs';

let h;
let composerPage;
const accept = (name) => `button[aria-label="Accept ${name}’s invitation"]`;
const withScripts = (html, ...srcs) => html.replace('</head>', `${srcs.map((s) => `<script src="/askfirst-e2e/${s}"></script>`).join('')}</head>`);

before(async () => {
  h = await launch({ prefs: { 'dom.events.testing.asyncClipboard': true } });
  composerPage = await fixture('e2e/composer-page.html');
});
after(async () => h && h.close());

async function open(html) {
  await h.clearStorage();
  h.serve('/mynetwork/invitation-manager/received/', html);
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  return page;
}

test('custom elements named like our old hosts get no root; the light DOM holds no verdict', async () => {
  const page = await open(withScripts(composerPage, 'root-thief.js'));
  const verdicts = await badges(page);
  assert.ok(verdicts.every((v) => v.note && v.fit && v.plan && v.inCard), JSON.stringify(verdicts));
  await trustedClick(page, accept('Ana Pereira'));
  const prompt = await waitFor('the prompt', () => promptState(page));
  assert.equal(prompt.dialog, true);
  await sleep(200); // the thief looks every 20 ms
  const seen = await page.evaluate(([badge, promptSel]) => ({
    thief: window.__thief,
    hosts: [...document.querySelectorAll(`${badge}, ${promptSel}`)].map((e) => ({
      tag: e.localName, attrs: [...e.attributes].map((a) => a.name), text: e.textContent, open: e.shadowRoot !== null,
    })),
    verdictAttrs: document.querySelectorAll('[data-note], [data-fit], [data-plan], [title]').length,
  }), [BADGE, PROMPT]);
  assert.equal(seen.thief.roots, 0, 'no shadow root through ElementInternals');
  assert.equal(seen.thief.rewrote, 0);
  assert.equal(seen.thief.attached, 0);
  assert.deepEqual(seen.thief.texts, []);
  assert.equal(seen.hosts.length, 7);
  for (const host of seen.hosts) {
    assert.ok(['span', 'div'].includes(host.tag), host.tag);
    assert.deepEqual(host.attrs.filter((a) => a !== 'data-askfirst' && a !== 'data-theme'), []);
    assert.equal(host.text, '');
    assert.equal(host.open, false);
  }
  assert.equal(seen.verdictAttrs, 0);
  assert.equal((await promptState(page)).reply, prompt.reply, 'the reply as the engine wrote it');
  await page.keyboard.press('Escape');
  await page.close();
});

test('page CSS and a cover of the page\'s cannot hide the prompt (top layer); focus starts on the reply', async () => {
  const page = await open(withScripts(composerPage, 'prompt-hider.js'));
  await trustedClick(page, accept('Bruno Keller'));
  const prompt = await waitFor('the prompt', () => promptState(page));
  assert.equal(await page.evaluate(() => document.querySelectorAll('.page-cover').length), 1, 'the page did put its cover up');
  const at = await inShadow(page, PROMPT, function () {
    const layer = this.querySelector('.layer');
    const b = this.querySelector('button[data-action="not-now"]');
    const r = b.getBoundingClientRect();
    const s = getComputedStyle(layer);
    return {
      topLayer: layer.matches(':popover-open'), focused: this.activeElement?.localName ?? null,
      hitsButton: this.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2) === b,
      opacity: s.opacity, visibility: s.visibility, bg: getComputedStyle(this.querySelector('[role=dialog]')).backgroundColor,
      inView: r.x >= 0 && r.y >= 0 && r.right <= innerWidth && r.bottom <= innerHeight,
    };
  });
  assert.deepEqual(at, { topLayer: true, focused: 'textarea', hitsButton: true, opacity: '1', visibility: 'visible', bg: 'rgb(255, 255, 255)', inView: true });
  await page.keyboard.press('Enter'); // a blind Enter: a line in the reply, nothing else
  assert.equal((await promptState(page)).reply.length, prompt.reply.length + 1);
  await clickPromptAction(page, 'not-now');
  await waitFor('the prompt to close', async () => (await promptState(page)) === undefined);
  await page.close();
});

test('a key logger on the page\'s window sees nothing typed or copied in the prompt, and cannot replace a copy', async () => {
  const page = await open(withScripts(composerPage, 'key-logger.js'));
  await trustedClick(page, '#page-field');
  await page.keyboard.type('ab');
  const own = await page.evaluate(() => window.__keys.filter((k) => k.target === 'input' && k.type === 'keydown').length);
  assert.ok(own >= 2, `the logger sees the page's own field: ${own}`);
  await trustedClick(page, accept('Ana Pereira'));
  await waitFor('the prompt', () => promptState(page));
  await page.evaluate(() => { window.__keys.length = 0; });
  await clickInPrompt(page, 'textarea');
  await page.keyboard.press('End');
  await page.keyboard.type(' secret words');
  await page.keyboard.down('Shift');
  await page.keyboard.press('Home');
  await page.keyboard.up('Shift');
  await page.keyboard.down('Control');
  await page.keyboard.press('c');
  await page.keyboard.up('Control');
  const { reply } = await promptState(page);
  assert.ok(reply.endsWith(' secret words'));
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.length > 0 && reply.endsWith(copied), `the user's own selection was copied: ${JSON.stringify(copied)}`);
  const seen = await page.evaluate(() => window.__keys);
  assert.deepEqual(seen, [], 'not even a selectionchange per key');
  await page.keyboard.press('Escape');
  await waitFor('the prompt to close', async () => (await promptState(page)) === undefined);
  await page.close();
});

// Finding 8: content scripts hear of changed settings from the background (in Chromium they
// may not read storage.local; Firefox has no such access level, docs/security.md, but the
// same forwarding serves both).
test('settings changed in storage still reach the page: the badges follow them', async () => {
  const page = await open(composerPage);
  const fitOf = async (name) => {
    const names = await page.evaluate((sel) => [...document.querySelectorAll(sel)].map((b) => b.parentElement.textContent), BADGE);
    return (await badges(page))[names.findIndex((t) => t.includes(name))]?.fit;
  };
  assert.equal(await fitOf('Ana Pereira'), 'unclear');
  await h.setStorage({ settings: { version: 1, target_market: { include: ['marketing manager'], exclude: ['student'] } } });
  await waitFor('Ana re-evaluated', async () => (await fitOf('Ana Pereira')) === 'direct', 15000);
  assert.equal(await fitOf('Eva Nowak'), 'none');
  await page.close();
});

test('the add-on made no network request', () => {
  assert.deepEqual(strayRequests(h), { pages: [], proxy: [] });
});
