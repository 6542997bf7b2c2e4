// The reply for the moment it is sent (issue 14 §1), in French: on a card with a note and
// a Reply control the prompt shows the reply to the invitation (before accepting) and
// the message for after accepting, each labelled; "Accepter, puis demander" arms the
// after-accepting text, which is what reaches the message box the user opens — never
// "avant d'accepter" to someone already accepted.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { launch, fixture, INVITATIONS, waitForBadges, clickPromptAction, trustedClick, inPrompt } from './harness.mjs';

let h;
before(async () => {
  h = await launch();
  // Ana's note: LinkedIn's French stock text, so the replies are French.
  const html = (await fixture('e2e/composer-page.html'))
    .replace("I'd like to add you to my professional network on LinkedIn.",
      'Je souhaiterais vous ajouter à mon réseau professionnel sur LinkedIn.');
  h.serve('/mynetwork/invitation-manager/received/', html);
});
after(async () => h && h.close());

const ACCEPT = 'button[aria-label="Accept Ana Pereira’s invitation"]';

/** The prompt's reply boxes: moment, label, text. */
const boxes = (p) => inPrompt(p, function () {
  return [...this.querySelectorAll('textarea')].map((t) => ({
    moment: t.dataset.moment,
    label: this.querySelector(`label[for="${t.id}"]`)?.textContent,
    text: t.value,
  }));
});

test('French card with a note: before and after replies apart; accept-then-ask inserts the after one', async () => {
  const p = await h.open(INVITATIONS);
  await waitForBadges(p, 6);
  await trustedClick(p, ACCEPT);
  const shown = await boxes(p);
  assert.deepEqual(shown.map((b) => b.moment), ['before-accepting', 'after-accepting'], JSON.stringify(shown));
  const [beforeBox, afterBox] = shown;
  assert.match(beforeBox.text, /^Bonjour Ana/);
  assert.match(beforeBox.text, /avant d'accepter|avec qui je me connecte/i);
  assert.match(afterBox.text, /^Bonjour Ana, merci pour la connexion/);
  assert.doesNotMatch(afterBox.text, /avant d'accepter/i);
  assert.match(afterBox.label, /accepted|accepté|angenommen|aceptada/);
  const actions = await inPrompt(p, function () {
    return [...this.querySelectorAll('button[data-action]')].map((b) => b.dataset.action);
  });
  assert.deepEqual(actions.slice(0, 2), ['reply-to-invitation', 'accept-then-reply']);
  // The user edits the after-accepting message, then chooses "Accept, then ask".
  await inPrompt(p, function () {
    this.querySelector('textarea[data-moment="after-accepting"]').focus();
  });
  await p.keyboard.press('End');
  await p.keyboard.type(' Merci !');
  await clickPromptAction(p, 'accept-then-reply');
  await trustedClick(p, ACCEPT); // the user's own Accept goes through
  // Once accepted, the user opens the message box for Ana (here: the card's control).
  await trustedClick(p, 'button[aria-label="Reply to Ana"]');
  await p.waitForFunction(() => {
    const c = document.querySelector('[data-e2e-composer="Ana Pereira"] [role=textbox]');
    return c && c.textContent.trim().length > 0;
  }, null, { timeout: 5000 });
  const inserted = await p.evaluate(() => document.querySelector('[data-e2e-composer="Ana Pereira"] [role=textbox]').innerText.trim());
  assert.equal(inserted, `${afterBox.text} Merci !`.trim());
  assert.doesNotMatch(inserted, /avant d'accepter/i);
  assert.deepEqual(await p.evaluate(() => window.__probe.sent), [], 'never sent');
  await p.close();
});

test('a card without a reply control: one box, the after-accepting reply', async () => {
  const p = await h.open(INVITATIONS);
  await waitForBadges(p, 6);
  // Eve's card has no note and no Reply control in the fixture: accept, then ask is its way.
  const names = await p.$$eval('[data-view-name="pending-invitation"]', (cards) => cards
    .filter((c) => !c.querySelector('button[aria-label^="Reply to"]'))
    .map((c) => c.querySelector('strong')?.textContent));
  assert.ok(names.length >= 1, 'the fixture has a card without Reply');
  await trustedClick(p, `button[aria-label="Accept ${names[0]}’s invitation"]`);
  const shown = await boxes(p);
  assert.equal(shown.length, 1, JSON.stringify(shown));
  assert.equal(shown[0].moment, 'after-accepting');
  assert.doesNotMatch(shown[0].text, /before i accept/i);
  await p.close();
});
