// A hostile main world on linkedin.com (issue #13, attacker L; docs/security.md): the page
// cannot reach into our badges and prompt, read a verdict from the light DOM, hide the
// prompt while it takes the user's keys, or see what the user types into it. Each test
// reproduces one of the red-team review's attacks and fails on the build it was found in.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, fixture, INVITATIONS, BADGE, PROMPT, waitForBadges, badgeVerdicts, promptState, clickPromptAction,
  clickInPrompt, inPrompt, trustedClick, waitFor,
} from './harness.mjs';

let h;
let composerPage;
before(async () => {
  h = await launch();
  composerPage = await fixture('e2e/composer-page.html');
});
after(async () => h && h.close());

const PATH = '/mynetwork/invitation-manager/received/';
const accept = (name) => `button[aria-label="Accept ${name}’s invitation"]`;
/** The fixture page with test page scripts (tests/fixtures/e2e/) run before anything else of the page's. */
const withScripts = (html, ...srcs) => html.replace('</head>', `${srcs.map((s) => `<script src="/askfirst-e2e/${s}"></script>`).join('')}</head>`);

async function open(html) {
  await h.sw.evaluate(() => chrome.storage.local.clear());
  h.serve(PATH, html);
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, 6);
  return page;
}

/** The text of the composer the probe opened for `who` (empty until something is in it). */
const composerText = (page, who) => page.evaluate((who) => {
  const c = document.querySelector(`[data-e2e-composer="${who}"] [role=textbox]`);
  return c ? c.innerText.trim() : null;
}, who);

test('a page that defines our old tag names and keeps their ElementInternals gets no shadow root, and its rewrite never reaches the composer', async () => {
  const page = await open(withScripts(composerPage, 'root-thief.js'));
  await trustedClick(page, accept('Ana Pereira'));
  const prompt = await promptState(page);
  assert.equal(prompt?.dialog, true, 'the prompt opened');
  await page.waitForTimeout(200); // the thief looks every 20 ms
  await clickPromptAction(page, 'reply-to-invitation');
  await trustedClick(page, 'button[aria-label="Reply to Ana"]');
  const inserted = await waitFor('the reply in Ana\'s composer', async () => (await composerText(page, 'Ana Pereira')) || null);
  assert.equal(inserted, prompt.reply.trim(), 'the reply as the prompt showed it');
  const thief = await page.evaluate(() => window.__thief);
  assert.equal(thief.roots, 0, 'no shadow root reached through ElementInternals');
  assert.equal(thief.rewrote, 0, 'no reply rewritten');
  assert.equal(thief.open, 0, 'no open shadow root');
  assert.equal(thief.attached, 0, 'no shadow root of the page\'s on our hosts');
  assert.deepEqual(thief.texts, [], 'no text of ours in the light DOM');
  await page.close();
});

test('nothing in the light DOM reveals a verdict: the page sees bare hosts', async () => {
  const page = await open(withScripts(composerPage, 'root-thief.js'));
  const verdicts = await badgeVerdicts(page);
  assert.equal(verdicts.length, 6);
  assert.ok(new Set(verdicts.map((v) => v.plan)).size > 1, 'the page has badges of different plans');
  assert.ok(verdicts.every((v) => v.note && v.fit && v.plan), 'each root holds its verdict');
  // Open a prompt too: its host is as bare.
  await trustedClick(page, accept('Ana Pereira'));
  assert.equal((await promptState(page))?.dialog, true);
  const seen = await page.evaluate(([badge, prompt]) => ({
    hosts: [...document.querySelectorAll(`${badge}, ${prompt}`)].map((e) => ({
      tag: e.localName, attrs: [...e.attributes].map((a) => a.name), text: e.textContent, children: e.children.length,
      root: e.shadowRoot === null,
    })),
    verdictAttrs: document.querySelectorAll('[data-note], [data-fit], [data-plan], [title]').length,
    lightText: document.documentElement.textContent,
  }), [BADGE, PROMPT]);
  assert.equal(seen.hosts.length, 7);
  for (const host of seen.hosts) {
    assert.ok(['span', 'div'].includes(host.tag), `a built-in host: ${host.tag}`);
    assert.deepEqual(host.attrs.filter((a) => a !== 'data-askfirst' && a !== 'data-theme'), [], `only data-askfirst (and the theme): ${host.attrs}`);
    assert.equal(host.text, '');
    assert.equal(host.children, 0);
    assert.equal(host.root, true, 'its shadow root is closed');
  }
  assert.equal(seen.verdictAttrs, 0, 'no data-note / data-fit / data-plan / title anywhere in the light DOM');
  for (const v of verdicts) {
    assert.ok(!seen.lightText.includes(v.label), `the badge label "${v.label}" is not light-DOM text`);
    for (const line of v.tip.split('\n').filter(Boolean)) assert.ok(!seen.lightText.includes(line), `nor a reason: ${line}`);
  }
  const thief = await page.evaluate(() => window.__thief);
  const words = /\b(none|stock|generic|reasoned|direct|unclear|ask-first|accept-follow-up|accept)\b/;
  assert.deepEqual(thief.attrs.filter((a) => !/^data-askfirst=(badge|prompt)$/.test(a) && !/^data-theme=(light|dark)$/.test(a)), [],
    'every attribute the page saw on our hosts');
  assert.ok(!thief.attrs.some((a) => words.test(a.split('=')[1] ?? '') && !a.startsWith('data-askfirst=')), 'no verdict word');
  await page.keyboard.press('Escape');
  await page.close();
});

/**
 * What the screen shows in `rect` (CSS px): the share of pixels that are the page's
 * magenta cover, and of the light dialog's white. The screenshot is decoded by the browser
 * itself, in a blank tab of its own.
 */
async function shown(page, rect) {
  const vw = page.viewportSize();
  const x = Math.max(0, rect.x);
  const y = Math.max(0, rect.y);
  const clip = { x, y, width: Math.min(vw.width, rect.x + rect.width) - x, height: Math.min(vw.height, rect.y + rect.height) - y };
  if (!(clip.width > 10 && clip.height > 10)) return { magenta: 1, white: 0, offscreen: true };
  const png = await page.screenshot({ clip });
  const blank = await h.ctx.newPage();
  try {
    return await blank.evaluate(async (b64) => {
      const img = new Image();
      img.src = `data:image/png;base64,${b64}`;
      await img.decode();
      const c = document.createElement('canvas');
      c.width = img.width;
      c.height = img.height;
      const g = c.getContext('2d');
      g.drawImage(img, 0, 0);
      const d = g.getImageData(0, 0, c.width, c.height).data;
      let magenta = 0;
      let white = 0;
      for (let i = 0; i < d.length; i += 4) {
        if (d[i] > 230 && d[i + 1] < 30 && d[i + 2] > 230) magenta++;
        if (d[i] > 245 && d[i + 1] > 245 && d[i + 2] > 245) white++;
      }
      return { magenta: magenta / (d.length / 4), white: white / (d.length / 4) };
    }, png.toString('base64'));
  } finally {
    await blank.close();
  }
}

test('page CSS and a cover of the page\'s cannot hide the prompt: it is in the top layer, seen and clicked, and focus starts on the reply', async () => {
  const page = await open(withScripts(composerPage, 'prompt-hider.js'));
  await trustedClick(page, accept('Ana Pereira'));
  const prompt = await waitFor('the prompt', () => promptState(page));
  assert.equal(prompt.dialog, true);
  assert.equal(await page.evaluate(() => document.querySelectorAll('.page-cover').length), 1, 'the page did put its cover up');
  // Harmless first focus: the reply box (a blind Enter adds a line, nothing acts).
  assert.equal(prompt.focused, 'textarea');
  const at = await inPrompt(page, function () {
    const box = (el) => { const r = el.getBoundingClientRect(); return { x: r.x, y: r.y, width: r.width, height: r.height }; };
    const d = this.querySelector('[role=dialog]');
    const b = this.querySelector('button[data-action="not-now"]');
    const c = box(b);
    const hit = this.elementFromPoint(c.x + c.width / 2, c.y + c.height / 2);
    return { dialog: box(d), topLayer: this.querySelector('.layer').matches(':popover-open'), hitsButton: hit === b };
  });
  assert.equal(at.topLayer, true, 'shown as a popover (the top layer)');
  assert.equal(at.hitsButton, true, 'nothing of the page\'s lies over the prompt\'s buttons');
  const pixels = await shown(page, at.dialog);
  assert.ok(pixels.magenta < 0.01, `the page's cover is not over the dialog: ${JSON.stringify(pixels)}`);
  assert.ok(pixels.white > 0.4, `the dialog is drawn, opaque: ${JSON.stringify(pixels)}`);
  // A blind Enter changes nothing but the reply; the prompt is still open, nothing recorded.
  await page.keyboard.press('Enter');
  const after = await promptState(page);
  assert.equal(after?.dialog, true, 'Enter acted on nothing');
  assert.equal(after.reply.length, prompt.reply.length + 1, 'Enter only added a line');
  await clickPromptAction(page, 'not-now');
  assert.equal(await promptState(page), undefined, 'its buttons take the click');
  await page.close();
});

test('a key logger on the page\'s window sees nothing typed, selected or copied in the prompt, and cannot replace a copy', async () => {
  const page = await open(withScripts(composerPage, 'key-logger.js'));
  // The logger works: it sees what is typed into the page's own field.
  await page.click('#page-field');
  await page.keyboard.type('ab');
  const own = await page.evaluate(() => window.__keys.filter((k) => k.target === 'input' && k.type === 'keydown').length);
  assert.ok(own >= 2, `the logger sees the page's own field: ${own}`);
  await trustedClick(page, accept('Ana Pereira'));
  await waitFor('the prompt', () => promptState(page));
  await page.evaluate(() => { window.__keys.length = 0; });
  await clickInPrompt(page, 'textarea');
  await page.keyboard.press('End');
  await page.keyboard.type(' secret words');
  await page.keyboard.press('Shift+Home');
  await page.keyboard.press('Control+C');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Shift+Tab');
  const { reply } = await promptState(page);
  assert.ok(reply.endsWith(' secret words'), 'the typing itself still happens');
  const copied = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(copied.length > 0 && reply.endsWith(copied), `the user's own selection was copied: ${JSON.stringify(copied)}`);
  assert.notEqual(copied, 'Replaced by the page');
  const seen = await page.evaluate(() => window.__keys);
  assert.deepEqual(seen, [], 'no key, input, composition, selection or clipboard event of the prompt reached the page');
  await page.keyboard.press('Escape');
  assert.equal(await promptState(page), undefined, 'Escape still closes it');
  await page.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
