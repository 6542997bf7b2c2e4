// Every surface in the user's language (issue #14 §6), in real Chromium with its UI in
// French: the badges (label and tooltip), the prompt (title, reasons, labels, buttons),
// the toolbar title and the popup are worded by the French catalogue, with no English
// message left; and the badges' reasons are word for word what `askfirst triage --lang fr`
// says of the same page (one catalogue for every surface).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  launch, fixture, ROOT, FIXTURES, INVITATIONS, waitForBadges, badgeVerdicts, promptState, inPrompt, trustedClick, toolbar, waitFor,
} from './harness.mjs';

const LANG = 'fr';
const catalogue = (lang) => JSON.parse(readFileSync(join(ROOT, 'extension', '_locales', lang, 'messages.json'), 'utf8'));
const en = catalogue('en');
const fr = catalogue(LANG);
const frText = Object.values(fr).map((m) => m.message).join('\n');

// English left on a surface: a piece of an English message (between its placeholders),
// long enough to be words, that the French catalogue does not also have ("AskFirst",
// "LinkedIn", "$p1$ · $p2$" are the same in both).
const englishPieces = [...new Set(Object.values(en).flatMap((m) => m.message.split(/\$[a-z0-9_]+\$/i)))]
  .map((s) => s.trim())
  .filter((s) => s.length >= 6 && /[a-z]{3}/i.test(s) && !frText.includes(s));
function englishIn(text) {
  return englishPieces.filter((p) => text.includes(p));
}

let h;
const page$ = {};
before(async () => {
  h = await launch({ lang: LANG });
  h.serve('/mynetwork/invitation-manager/received/', await fixture('e2e/composer-page.html'));
});
after(async () => h && h.close());

test('the browser speaks French to the extension (the harness sets the UI language)', async () => {
  const ui = await h.sw.evaluate(() => chrome.i18n.getUILanguage());
  assert.match(ui, /^fr/);
  assert.ok(englishPieces.length > 100, `${englishPieces.length} English pieces to look for`);
});

test('badges: labels and tooltips in French, the same words as the CLI with --lang fr', async () => {
  const page = await h.open(INVITATIONS);
  page$.invitations = page;
  const cli = JSON.parse(`[${execFileSync(join(ROOT, 'target', 'debug', 'askfirst'),
    ['triage', join(FIXTURES, 'e2e', 'composer-page.html'), '--json', '--lang', LANG], { encoding: 'utf8' })
    .trim().split('\n').join(',')}]`);
  await waitForBadges(page, cli.length);
  const badges = await badgeVerdicts(page);
  assert.equal(badges.length, 6);
  const planFr = { 'ask-first': fr.planAskFirst.message, 'accept-follow-up': fr.planAcceptFollowUp.message, accept: fr.planAccept.message };
  for (const [i, b] of badges.entries()) {
    const want = cli[i];
    assert.equal(b.plan, want.plan);
    assert.equal(b.label, `${planFr[want.plan]} · ${want.reasons[0]}`, 'the plan and the main reason, in French');
    assert.deepEqual(b.tip.split('\n'), want.reasons.map((r) => `• ${r}`), 'every reason, as the CLI words it');
    assert.deepEqual(englishIn(b.label + '\n' + b.tip), [], `${want.name}: no English`);
  }
  assert.ok(badges.some((b) => b.tip.includes('Pas de message')), 'Eva has no note: « Pas de message »');
});

test('the prompt: title, reasons, labels and every button in French', async () => {
  const page = page$.invitations;
  await trustedClick(page, 'button[aria-label="Accept Eva Nowak’s invitation"]');
  await waitFor('the prompt', async () => (await promptState(page))?.dialog);
  const shown = await promptState(page);
  assert.ok(shown.title.startsWith(`${fr.planAskFirst.message} : Eva Nowak`), shown.title);
  const texts = await inPrompt(page, function () {
    return {
      buttons: [...this.querySelectorAll('button[data-action]')].map((b) => b.textContent),
      labels: [...this.querySelectorAll('label')].map((l) => l.textContent),
      reasons: [...this.querySelectorAll('#why li')].map((l) => l.textContent),
      why: this.querySelector('#why')?.getAttribute('aria-label'),
    };
  });
  const actionWords = Object.entries(fr).filter(([k]) => k.startsWith('action')).map(([, m]) => m.message);
  for (const b of texts.buttons) assert.ok(actionWords.includes(b), `button « ${b} » is a French action`);
  assert.ok(texts.buttons.includes(fr.actionAcceptThenAsk.message), texts.buttons.join(' | '));
  assert.ok(texts.reasons.includes(fr.noteNone.message), texts.reasons.join(' | '));
  assert.equal(texts.why, fr.promptWhy.message);
  assert.ok(texts.labels.every((l) => [fr.promptReplyLabel, fr.promptReplyBeforeLabel, fr.promptReplyAfterLabel].some((m) => m.message === l)), texts.labels.join(' | '));
  assert.deepEqual(englishIn(shown.text), [], 'no English in the prompt');
  await page.keyboard.press('Escape');
});

test('the toolbar title and the popup in French', async () => {
  const [, title] = await toolbar(h, INVITATIONS);
  assert.equal(title, fr.toolbarActive.message);
  const popup = await h.ctx.newPage();
  await popup.goto(`chrome-extension://${h.extensionId}/popup.html`);
  await popup.waitForSelector('.status');
  const text = await popup.evaluate(() => document.body.innerText);
  assert.ok(text.includes(fr.inactiveNotInvitations.message), text);
  assert.ok(text.includes(fr.remindersEmpty.message) || text.includes(fr.ledgerEmpty.message) || text.includes(fr.openOptions.message), text);
  assert.deepEqual(englishIn(text), [], 'no English in the popup');
  await popup.close();
});
