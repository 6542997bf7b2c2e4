// Firefox: the Accept guard and armed insertion, with real (trusted) clicks and keys
// (BiDi input.performActions) on a fixture invitations page served at LinkedIn's URL under
// LinkedIn's CSP: held once, Ignore never held; the reply goes into the page composer and
// into the one inside #interop-outlet's shadow root, lines kept, Send enabled, never sent.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, fixture, INVITATIONS, waitForBadges, badges, promptState, clickPromptAction, trustedClick, clicksSeen,
  inShadow, strayRequests, waitFor, sleep, PROMPT,
} from './harness.mjs';

let h;
const accept = (name) => `button[aria-label="Accept ${name}’s invitation"]`;
const ignore = (name) => `button[aria-label="Ignore an invitation to connect from ${name}"]`;
const NAMES = ['Ana Pereira', 'Bruno Keller', 'Chloé Martin', 'Dev Patel', 'Eva Nowak', 'Fatima Zahra'];

before(async () => {
  // The async clipboard's read is behind a paste prompt in Firefox; this testing pref lets
  // the test read what the add-on wrote (writing is not affected by it).
  h = await launch({ prefs: { 'dom.events.testing.asyncClipboard': true } });
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
});
after(async () => h && h.close());

async function freshPage() {
  await h.clearStorage();
  const page = await h.open(INVITATIONS);
  await waitForBadges(page, NAMES.length);
  return page;
}

const promptOpen = (page) => page.evaluate((sel) => !!document.querySelector(sel), PROMPT);
const escape = async (page) => {
  await page.keyboard.press('Escape');
  await waitFor('the prompt to close', async () => !(await promptOpen(page)));
};

test('the first trusted click on Accept is held for flagged cards only; others pass', async () => {
  const page = await freshPage();
  const planOf = (await badges(page)).map((b) => b.plan);
  assert.ok(planOf.some((p) => p !== 'accept'), 'the fixture has flagged cards');
  assert.ok(planOf.includes('accept'), 'and a card whose note gives a reason');
  for (const [i, name] of NAMES.entries()) {
    const before = (await clicksSeen(page)).length;
    await trustedClick(page, accept(name));
    await sleep(150);
    const prompt = await promptState(page);
    const seen = (await clicksSeen(page)).slice(before);
    if (planOf[i] === 'accept') {
      assert.equal(prompt, undefined, `${name}: no prompt for plan accept`);
      assert.deepEqual(seen, [{ label: `Accept ${name}’s invitation`, trusted: true }], `${name}: LinkedIn sees the click`);
    } else {
      assert.equal(prompt?.dialog, true, `${name}: prompt for plan ${planOf[i]}`);
      assert.ok(prompt.title.includes(name), prompt.title);
      assert.deepEqual(seen, [], `${name}: the held click never reached LinkedIn`);
      await escape(page);
    }
  }
  await page.close();
});

test('"Accept without a message" lets the next click through; a card is never held twice', async () => {
  const page = await freshPage();
  await trustedClick(page, accept('Ana Pereira'));
  const prompt = await waitFor('the prompt', () => promptState(page));
  assert.ok(prompt.actions.includes('accept-anyway'), String(prompt.actions));
  await clickPromptAction(page, 'accept-anyway');
  await waitFor('the prompt to close', async () => !(await promptOpen(page)));
  assert.equal(await page.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Accept Ana Pereira’s invitation',
    'focus returns to Accept');
  await trustedClick(page, accept('Ana Pereira'));
  await sleep(150);
  assert.equal(await promptState(page), undefined, 'not held twice');
  assert.deepEqual(await clicksSeen(page), [{ label: 'Accept Ana Pereira’s invitation', trusted: true }],
    'exactly one click reached LinkedIn: the user\'s own, nothing scripted');
  await page.close();
});

test('Ignore is never held', async () => {
  const page = await freshPage();
  for (const name of NAMES) {
    await trustedClick(page, ignore(name));
    await sleep(100);
    assert.equal(await promptState(page), undefined, name);
  }
  assert.deepEqual((await clicksSeen(page)).map((c) => c.label), NAMES.map((n) => `Ignore an invitation to connect from ${n}`));
  await page.close();
});

/** Every composer in the page and in #interop-outlet's shadow root: who, text, paragraphs, Send. */
const composers = (p) => p.evaluate(() => {
  const roots = [document, document.getElementById('interop-outlet')?.shadowRoot].filter(Boolean);
  return roots.flatMap((r, shadow) => [...r.querySelectorAll('[data-e2e-composer]')].map((c) => {
    const ed = c.querySelector('[role=textbox]');
    return {
      who: c.dataset.e2eComposer, shadow: shadow === 1, text: ed.innerText,
      paragraphs: [...ed.querySelectorAll('p')].map((x) => x.textContent),
      html: ed.innerHTML, sendEnabled: !c.querySelector('.msg-form__send-button').disabled,
    };
  }));
});

const composerOf = (p, who) => waitFor(`${who}'s composer to receive text`, async () => {
  const c = (await composers(p)).find((x) => x.who === who);
  return c && c.text.trim() && c;
});

test('the reply goes into the page composer the user opens, Send enabled, nothing sent', async () => {
  const p = await freshPage();
  await trustedClick(p, accept('Ana Pereira'));
  const prompt = await waitFor('the prompt', () => promptState(p));
  assert.ok(prompt.reply && prompt.reply.length > 10, 'the prompt shows a reply');
  await clickPromptAction(p, 'reply-to-invitation');
  await trustedClick(p, 'button[aria-label="Reply to Ana"]');
  const c = await composerOf(p, 'Ana Pereira');
  assert.equal(c.shadow, false);
  assert.equal(c.text.trim(), prompt.reply.trim());
  assert.equal(c.sendEnabled, true);
  assert.ok(!/<(script|img|a)\b/i.test(c.html), 'plain text only');
  await sleep(300);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), [], 'never sent');
  await p.close();
});

test('a multi-line reply keeps its lines in the composer inside #interop-outlet (insertParagraph)', async () => {
  const p = await freshPage();
  await trustedClick(p, accept('Bruno Keller'));
  await waitFor('the prompt', () => promptState(p));
  // The user edits the reply: three lines and an empty one.
  const box = await inShadow(p, PROMPT, function () {
    const r = this.querySelector('textarea').getBoundingClientRect();
    return { x: r.x + 10, y: r.y + 10 };
  });
  await p.mouse.click(box.x, box.y);
  await p.keyboard.down('Control');
  await p.keyboard.press('a');
  await p.keyboard.up('Control');
  await p.keyboard.type('Hi Bruno, thanks for the invite!');
  await p.keyboard.press('Enter');
  await p.keyboard.press('Enter');
  await p.keyboard.type('What prompted you to connect?');
  await p.keyboard.press('Enter');
  await p.keyboard.type('— Dana');
  await clickPromptAction(p, 'reply-to-invitation');
  await trustedClick(p, 'button[aria-label="Reply to Bruno"]');
  const c = await composerOf(p, 'Bruno Keller');
  assert.equal(c.shadow, true, 'the composer lives in the shadow root');
  assert.deepEqual(c.text.split('\n').map((l) => l.trim()).filter(Boolean),
    ['Hi Bruno, thanks for the invite!', 'What prompted you to connect?', '— Dana']);
  assert.ok(c.paragraphs.filter((t) => t.trim()).length >= 3, `one paragraph per line: ${JSON.stringify(c.paragraphs)}`);
  assert.equal(c.sendEnabled, true);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), []);
  await p.close();
});

test('"Copy the reply" puts it on the clipboard', async () => {
  const p = await freshPage();
  await trustedClick(p, accept('Ana Pereira'));
  const { reply } = await waitFor('the prompt', () => promptState(p));
  await clickPromptAction(p, 'copy');
  await waitFor('the clipboard', () => p.evaluate(() => navigator.clipboard.readText()).then((t) => t === reply));
  assert.match((await promptState(p)).status, /Copied/);
  await p.close();
});

test('when Send stays disabled the reply is on the clipboard and the prompt says so', async () => {
  const p = await freshPage();
  await trustedClick(p, accept('Fatima Zahra'));
  const { reply } = await waitFor('the prompt', () => promptState(p));
  await clickPromptAction(p, 'reply-to-invitation');
  await trustedClick(p, 'button[aria-label="Reply to Fatima"]');
  const state = await waitFor('the notice', async () => {
    const s = await promptState(p);
    return s && s.status && s;
  });
  assert.equal((await composers(p))[0].text.trim(), reply.trim());
  assert.match(state.status, /is in the message box/i);
  assert.match(state.status, /clipboard/i);
  assert.equal(await p.evaluate(() => navigator.clipboard.readText()), reply);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), []);
  await p.close();
});

test('the add-on made no network request', () => {
  assert.deepEqual(strayRequests(h), { pages: [], proxy: [] });
});
