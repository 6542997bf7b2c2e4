// Armed insertion into LinkedIn-like composers (tests/fixtures/e2e/probe.js): in the page,
// inside the open shadow root of #interop-outlet, one that appears without focus, and one
// whose Send never enables. The text goes in as plain text with its lines, Send becomes
// enabled, nothing is ever sent; when Send stays disabled the reply is on the clipboard and
// the prompt says so.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import {
  launch, fixture, INVITATIONS, waitForBadges, promptState, clickPromptAction, trustedClick, inPrompt, storedLedger, waitFor,
} from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
});
after(async () => h && h.close());

const accept = (name) => `button[aria-label="Accept ${name}’s invitation"]`;

async function page() {
  const p = await h.open(INVITATIONS);
  await waitForBadges(p, 6);
  return p;
}

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

async function waitForText(p, who) {
  await p.waitForFunction((who) => {
    const roots = [document, document.getElementById('interop-outlet')?.shadowRoot].filter(Boolean);
    const c = roots.flatMap((r) => [...r.querySelectorAll('[data-e2e-composer]')]).find((x) => x.dataset.e2eComposer === who);
    return c && c.querySelector('[role=textbox]').textContent.trim().length > 0;
  }, who, { timeout: 5000 });
}

test('the reply goes into the page composer the user opens, Send enabled, nothing sent', async () => {
  const p = await page();
  await trustedClick(p, accept('Ana Pereira'));
  const prompt = await promptState(p);
  assert.ok(prompt.reply && prompt.reply.length > 10, 'the prompt shows a reply');
  await clickPromptAction(p, 'reply-to-invitation');
  assert.equal(await p.evaluate(() => document.activeElement.getAttribute('aria-label')), 'Reply to Ana',
    'focus goes to the Reply control, which the user presses');
  await trustedClick(p, 'button[aria-label="Reply to Ana"]');
  await waitForText(p, 'Ana Pereira');
  const [c] = await composers(p);
  assert.equal(c.text.trim(), prompt.reply.trim());
  assert.equal(c.sendEnabled, true);
  assert.ok(!/<(script|img|a)\b/i.test(c.html), 'plain text only');
  await p.waitForTimeout(300);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), [], 'never sent');
  await p.close();
});

test('a multi-line reply keeps its lines in the overlay composer inside #interop-outlet', async () => {
  const p = await page();
  await trustedClick(p, accept('Bruno Keller'));
  // The user edits the reply: three lines and an empty one.
  const box = await inPrompt(p, function () {
    const r = this.querySelector('textarea').getBoundingClientRect();
    return { x: r.x + 10, y: r.y + 10 };
  });
  await p.mouse.click(box.x, box.y);
  await p.keyboard.press('Control+A');
  await p.keyboard.type('Hi Bruno, thanks for the invite!');
  await p.keyboard.press('Enter');
  await p.keyboard.press('Enter');
  await p.keyboard.type('What prompted you to connect?');
  await p.keyboard.press('Enter');
  await p.keyboard.type('— Dana');
  await clickPromptAction(p, 'reply-to-invitation');
  await trustedClick(p, 'button[aria-label="Reply to Bruno"]');
  await waitForText(p, 'Bruno Keller');
  const c = (await composers(p)).find((x) => x.who === 'Bruno Keller');
  assert.equal(c.shadow, true, 'the composer lives in the shadow root');
  const lines = c.text.split('\n').map((l) => l.trim());
  assert.deepEqual(lines.filter(Boolean), ['Hi Bruno, thanks for the invite!', 'What prompted you to connect?', '— Dana']);
  assert.ok(c.paragraphs.length >= 3, `one paragraph per line: ${JSON.stringify(c.paragraphs)}`);
  assert.equal(c.sendEnabled, true);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), []);
  await p.close();
});

test('a composer that opens without focus is found; another person\'s composer is left alone', async () => {
  const p = await page();
  await trustedClick(p, accept('Chloé Martin'));
  const { reply } = await promptState(p);
  await clickPromptAction(p, 'reply-to-invitation');
  // Someone else's conversation gets focus first: it must stay empty.
  await p.evaluate(() => window.__probe.openComposer('page', 'Ana Pereira', '/in/ana-pereira-e2e/'));
  await p.waitForTimeout(200);
  await trustedClick(p, 'button[aria-label="Reply to Chloé"]');
  await waitForText(p, 'Chloé Martin');
  const all = await composers(p);
  assert.equal(all.find((c) => c.who === 'Ana Pereira').text.trim(), '', 'other composer untouched');
  const c = all.find((x) => x.who === 'Chloé Martin');
  assert.equal(c.text.trim(), reply.trim());
  assert.equal(c.sendEnabled, true);
  await p.close();
});

test('a conversation with someone else that links to the armed person in a message stays empty', async () => {
  const p = await page();
  await trustedClick(p, accept('Ana Pereira'));
  await clickPromptAction(p, 'reply-to-invitation');
  // Bob's conversation, in which a message introduces Ana with a link to her profile.
  await p.evaluate(() => {
    window.__probe.openComposer('nofocus', 'Bob Stone', '/in/bob-stone/');
    const bubble = [...document.querySelectorAll('[data-e2e-composer]')].find((b) => b.dataset.e2eComposer === 'Bob Stone');
    const msg = document.createElement('p');
    const a = document.createElement('a');
    a.href = 'https://www.linkedin.com/in/ana-pereira-e2e/';
    a.textContent = 'Ana Pereira';
    msg.append('You should meet ', a);
    bubble.insertBefore(msg, bubble.querySelector('form'));
  });
  await trustedClick(p, '[data-e2e-composer="Bob Stone"] [role=textbox]');
  await p.waitForTimeout(1500);
  const bob = (await composers(p)).find((c) => c.who === 'Bob Stone');
  assert.equal(bob.text.trim(), '', 'Ana\'s reply is not in Bob\'s message box');
  // Ana's own composer still gets it.
  await trustedClick(p, 'button[aria-label="Reply to Ana"]');
  await waitForText(p, 'Ana Pereira');
  await p.close();
});

test('a message box that cannot be told to be theirs stays empty, and the prompt says so', async () => {
  const p = await page();
  await trustedClick(p, accept('Ana Pereira'));
  const { reply } = await promptState(p);
  await clickPromptAction(p, 'reply-to-invitation');
  // LinkedIn opens a conversation titled differently, linking by member id.
  await p.evaluate(() => {
    const b = document.querySelector('button[aria-label="Reply to Ana"]');
    b.dataset.e2ePerson = 'Ana P.';
    b.dataset.e2eProfile = '/in/ACoAABxyz123/';
  });
  await trustedClick(p, 'button[aria-label="Reply to Ana"]');
  const state = await waitFor('the notice', () => promptState(p), 8000);
  assert.match(state.status, /could not tell/i);
  assert.equal(state.reply, reply, 'the reply is there to copy');
  assert.deepEqual(state.actions, ['copy', 'close']);
  assert.equal((await composers(p)).find((c) => c.who === 'Ana P.').text.trim(), '', 'nothing went in');
  await p.close();
});

test('when Send stays disabled the reply is on the clipboard and the prompt says so', async () => {
  const p = await page();
  await trustedClick(p, accept('Fatima Zahra'));
  const { reply } = await promptState(p);
  await clickPromptAction(p, 'reply-to-invitation');
  await trustedClick(p, 'button[aria-label="Reply to Fatima"]');
  await waitFor('the notice', () => promptState(p));
  const state = await promptState(p);
  // The text did go in: the prompt says to check it, not to paste it a second time.
  assert.equal((await composers(p))[0].text.trim(), reply.trim());
  assert.match(state.status, /is in the message box/i);
  assert.match(state.status, /check/i);
  assert.match(state.status, /clipboard/i);
  assert.equal(await p.evaluate(() => navigator.clipboard.readText()), reply);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), []);
  // A notice about the reply already chosen: no decision about the invitation is offered,
  // and closing it records none.
  assert.deepEqual(state.actions, ['copy', 'close']);
  const events = async () => Object.values((await storedLedger(h)).records)
    .find((r) => r.snapshot.name === 'Fatima Zahra').events.map((e) => e.action);
  const shown = (await events()).filter((e) => e === 'prompt-shown').length;
  await p.keyboard.press('Escape');
  assert.equal(await promptState(p), undefined);
  await p.waitForTimeout(300);
  const after = await events();
  assert.equal(after.filter((e) => e === 'prompt-shown').length, shown, 'the notice is not a prompt shown');
  assert.ok(!after.includes('not-now'), `closing the notice records nothing: ${after}`);
  await p.close();
});

test('a draft already in the composer is never overwritten: clipboard, and the prompt says so', async () => {
  const p = await page();
  await trustedClick(p, accept('Ana Pereira'));
  const { reply } = await promptState(p);
  await clickPromptAction(p, 'reply-to-invitation');
  await p.evaluate(() => window.__probe.openComposer('draft', 'Ana Pereira', '/in/ana-pereira-e2e/'));
  await waitFor('the notice', () => promptState(p));
  assert.match((await promptState(p)).status, /already had text/i);
  assert.match((await promptState(p)).status, /clipboard/i);
  assert.deepEqual((await composers(p)).map((c) => c.text.trim()), ['My own draft, keep it']);
  assert.equal(await p.evaluate(() => navigator.clipboard.readText()), reply);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), []);
  await p.close();
});

test('"Copy the reply" puts the edited text on the clipboard', async () => {
  const p = await page();
  await trustedClick(p, accept('Ana Pereira'));
  const { reply } = await promptState(p);
  await clickPromptAction(p, 'copy');
  await p.waitForFunction(() => navigator.clipboard.readText().then((t) => t.length > 0));
  assert.equal(await p.evaluate(() => navigator.clipboard.readText()), reply);
  assert.match((await promptState(p)).status, /Copied/);
  await p.close();
});

test('the extension made no network request', () => {
  assert.deepEqual(h.extensionRequests(), []);
});
