// The options page in the built extension: onboarding opens once after install, settings
// are validated by the engine and stored for the background, settings import refuses bad
// files with a clear error, and the ledger table sets outcomes and notes, exports,
// imports and deletes everything only after confirmation.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { launch } from './ledger-harness.mjs';

async function optionsPage(h) {
  // onInstalled opened it once; it may still be navigating when the test starts.
  const isOptions = (p) => p.url().endsWith('/options.html');
  for (let i = 0; i < 300; i++) {
    const page = h.ctx.pages().find(isOptions);
    if (page) {
      await page.waitForSelector('#settings-form');
      return page;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the options page did not open after install');
}

test('onboarding opens once after install and saves usable settings', async () => {
  const h = await launch({ probe: false });
  try {
    const page = await optionsPage(h);
    assert.equal(h.ctx.pages().filter((p) => p.url().endsWith('/options.html')).length, 1);
    assert.ok(await page.isVisible('#welcome'), 'the welcome text shows on first run');
    await page.fill('#my-name', 'Sam Seller');
    await page.fill('#include', 'Head of Sales\nfounder\n');
    await page.fill('#exclude', 'recruiter');
    await page.fill('#offer-name', 'my weekly sales tips');
    await page.fill('#offer-url', 'https://example.com/tips');
    await page.selectOption('#language', 'fr');
    await page.click('#save-settings');
    await page.waitForSelector('#welcome', { state: 'detached' });
    const stored = (await h.storage()).settings;
    assert.equal(stored.my_name, 'Sam Seller');
    assert.deepEqual(stored.target_market, { include: ['Head of Sales', 'founder'], exclude: ['recruiter'] });
    assert.deepEqual(stored.offer, { name: 'my weekly sales tips', url: 'https://example.com/tips' });
    assert.equal(stored.language, 'fr');
    // Reopened: no welcome, the saved values are shown.
    await page.reload();
    await page.waitForSelector('#settings-form');
    assert.equal(await page.$('#welcome'), null);
    assert.equal(await page.inputValue('#my-name'), 'Sam Seller');
    assert.equal(await page.inputValue('#include'), 'Head of Sales\nfounder');
  } finally {
    await h.close();
  }
});

test('a bad settings file is refused with an error and changes nothing', async () => {
  const h = await launch({ probe: false });
  try {
    const page = await optionsPage(h);
    await page.setInputFiles('#import-settings', { name: 's.json', mimeType: 'application/json',
      buffer: Buffer.from('{"target_market": {"include": ["sales"]}, "surprise": true}') });
    await page.waitForFunction(() => /surprise/.test(document.querySelector('#settings-status').textContent));
    assert.match(await page.textContent('#settings-status'), /Nothing was imported/);
    assert.equal((await h.storage()).settings, undefined);
    await page.setInputFiles('#import-settings', { name: 's.json', mimeType: 'application/json',
      buffer: Buffer.from('{"my_name": "Imported Name", "target_market": {"include": ["sales"]}}') });
    await page.waitForFunction(() => document.querySelector('#my-name').value === 'Imported Name');
    assert.equal((await h.storage()).settings.my_name, 'Imported Name');
  } finally {
    await h.close();
  }
});

test('the ledger table: outcome, note, export, import, delete everything', async () => {
  const h = await launch();
  try {
    const tab = await h.linkedInTab();
    for (const [i, name] of ['Ana Lima', '=cmd|calc', 'Bruno <b>Keller</b>'].entries()) {
      await h.fromTab(tab, { type: 'record', key: `https://www.linkedin.com/in/p${i}/`, event: 'reply-inserted',
        snapshot: { name, note_kind: 'none', fit: 'unclear', plan: 'ask-first', profile_url: `https://www.linkedin.com/in/p${i}/` } });
    }
    const page = await optionsPage(h);
    await page.reload(); // it opened at install, before these records existed
    await page.waitForSelector('#ledger tbody tr');
    assert.equal(await page.$$eval('#ledger tbody tr', (r) => r.length), 3);
    assert.ok(await page.$eval('#ledger', (e) => e.textContent.includes('Bruno <b>Keller</b>')), 'names shown as text');
    assert.equal(await page.$$eval('#ledger b', (x) => x.length), 0);

    const row = '#ledger tr[data-key="https://www.linkedin.com/in/p0/"]';
    await page.selectOption(`${row} select.outcome`, 'lead');
    await page.waitForFunction(() => /Outcome saved/.test(document.querySelector('#ledger-status')?.textContent ?? ''));
    await page.fill(`${row} input.note`, 'call on Tuesday');
    await page.click(`${row} button`);
    await page.waitForFunction(() => /Note saved/.test(document.querySelector('#ledger-status')?.textContent ?? ''));
    const kinds = JSON.parse((await h.storage()).ledger).records['https://www.linkedin.com/in/p0/'].events.map((e) => e.kind);
    assert.deepEqual(kinds, ['reply-inserted', 'outcome', 'note']);
    assert.equal(await page.$eval(`${row} select.outcome`, (s) => s.value), 'lead');
    // Found in review: the note went nowhere visible; the table redrawn after a change
    // dropped focus to the page; a blank outcome looked saved and was not.
    assert.deepEqual(await page.$$eval(`${row} .note-text`, (p) => p.map((x) => x.textContent)), ['call on Tuesday']);
    assert.equal(await page.evaluate(() => document.activeElement.matches('input.note')
      && document.activeElement.closest('tr').dataset.key), 'https://www.linkedin.com/in/p0/', 'focus back in the row');
    assert.equal(await page.$$eval(`${row} select.outcome option[value=""]`, (o) => o.length), 0, 'no blank once set');
    await page.focus(`${row} select.outcome`);
    await page.keyboard.press('ArrowDown'); // lead → deal, from the keyboard
    await page.waitForFunction((row) => document.querySelector(`${row} select.outcome`)?.value === 'deal'
      && document.activeElement === document.querySelector(`${row} select.outcome`), row);
    assert.equal(JSON.parse((await h.storage()).ledger).records['https://www.linkedin.com/in/p0/'].events.at(-1).outcome, 'deal');

    const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-csv')]);
    const csv = readFileSync(await csvDownload.path(), 'utf8');
    assert.match(csvDownload.suggestedFilename(), /^askfirst-ledger-\d{4}-\d\d-\d\d\.csv$/);
    assert.ok(csv.includes("'=cmd|calc"), 'formula defused');
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const exported = readFileSync(await jsonDownload.path(), 'utf8');
    const before = JSON.parse((await h.storage()).ledger);

    await page.click('#wipe');
    assert.ok(await page.isVisible('#wipe-confirm'));
    await page.click('#wipe-confirm-no');
    assert.ok(!(await page.isVisible('#wipe-confirm')));
    assert.equal(Object.keys(JSON.parse((await h.storage()).ledger).records).length, 3, 'cancel deletes nothing');
    await page.click('#wipe');
    await page.click('#wipe-confirm-yes');
    await page.waitForSelector('#ledger .empty');
    assert.equal(Object.keys(JSON.parse((await h.storage()).ledger).records).length, 0);

    await page.setInputFiles('#import-ledger', { name: 'l.json', mimeType: 'application/json', buffer: Buffer.from(exported) });
    await page.waitForSelector('#ledger tbody tr');
    assert.match(await page.textContent('#ledger-status'), /3 new/);
    assert.deepEqual(JSON.parse((await h.storage()).ledger), before);
    // A wrong file is refused and changes nothing.
    await page.setInputFiles('#import-ledger', { name: 'x.json', mimeType: 'application/json', buffer: Buffer.from('{"version": 3, "records": 1}') });
    await page.waitForFunction(() => /nothing was imported/i.test(document.querySelector('#ledger-status')?.textContent ?? ''));
    assert.deepEqual(JSON.parse((await h.storage()).ledger), before);
  } finally {
    await h.close();
  }
});

test('settings errors are shown at their field as you type, written for people; nothing invalid is saved', async () => {
  const h = await launch({ probe: false });
  try {
    const page = await optionsPage(h);
    await page.fill('#offer-url', 'javascript:alert(1)');
    await page.waitForFunction(() => document.querySelector('#offer-url-error').textContent !== '');
    assert.equal(await page.textContent('#offer-url-error'), 'The link must start with https:// or http://');
    assert.equal(await page.getAttribute('#offer-url', 'aria-invalid'), 'true');
    await page.click('#save-settings');
    assert.equal((await h.storage()).settings, undefined, 'nothing saved');
    await page.fill('#offer-url', '');
    await page.fill('#reminder-days', '0');
    await page.waitForFunction(() => document.querySelector('#reminder-days-error').textContent !== '');
    assert.equal(await page.textContent('#reminder-days-error'), 'Reminder days must be a whole number from 1 to 365.');
    await page.fill('#reminder-days', '10');
    await page.waitForFunction(() => document.querySelector('#reminder-days-error').textContent === '');
    await page.fill('#reminder-days', '');
    await page.waitForFunction(() => document.querySelector('#reminder-days-error').textContent !== '');
    assert.equal(await page.textContent('#reminder-days-error'), 'Reminder days must be a whole number from 1 to 365.', 'not "invalid type: string"');
    await page.fill('#reminder-days', '10');
    await page.waitForFunction(() => document.querySelector('#reminder-days-error').textContent === '');
    await page.click('#save-settings');
    await page.waitForFunction(() => /Saved/.test(document.querySelector('#settings-status').textContent));
    assert.equal((await h.storage()).settings.reminder_days, 10);
  } finally {
    await h.close();
  }
});

test('template editor: defaults with a live preview, unknown placeholder named, save and reset', async () => {
  const h = await launch({ probe: false });
  try {
    const page = await optionsPage(h);
    await page.fill('#my-name', 'Sam');
    await page.click('#save-settings');
    await page.waitForFunction(() => /Saved/.test(document.querySelector('#settings-status').textContent));
    await page.selectOption('#template-plan', 'ask-first');
    await page.selectOption('#template-lang', 'en');
    const variants = await page.$$eval('#template-variants textarea', (a) => a.map((x) => x.value));
    assert.ok(variants.length >= 1 && variants[0].includes('{first_name}'), JSON.stringify(variants));
    assert.match(await page.textContent('#template-variants .preview'), /^Hi Ana/, 'previewed on the sample invitation');
    await page.fill('#template-0', 'Hello {first_name}, what made you {reach_out}?\n{my_name}');
    await page.waitForFunction(() => document.querySelector('#template-0-check').textContent !== '');
    assert.match(await page.textContent('#template-0-check'), /\{reach_out\}/);
    await page.fill('#template-0', 'Hello {first_name}, what made you reach out?\n{my_name}');
    await page.waitForFunction(() => document.querySelector('#template-0-check').textContent === '');
    assert.equal(await page.textContent('#template-variants .preview'), 'Hello Ana, what made you reach out?\nSam');
    // A look at another plan's replies and back: the unsaved edit is still there (found in
    // review: it was thrown away).
    await page.selectOption('#template-plan', 'accept');
    assert.notEqual(await page.inputValue('#template-variants textarea >> nth=0'), 'Hello {first_name}, what made you reach out?\n{my_name}');
    await page.selectOption('#template-plan', 'ask-first');
    assert.equal(await page.inputValue('#template-variants textarea >> nth=0'), 'Hello {first_name}, what made you reach out?\n{my_name}');
    await page.click('#template-add');
    await page.fill('#template-variants textarea >> nth=-1', 'Hi {first_name}! Why connect?');
    // Drop every other default variant so only ours remain.
    while (await page.$$eval('#template-variants textarea', (a) => a.length) > 2) {
      await page.click('#template-variants .variant:nth-child(2) button');
    }
    await page.click('#template-save');
    await page.waitForFunction(() => /Replies saved/.test(document.querySelector('#templates-status')?.textContent ?? ''));
    const stored = (await h.storage()).settings;
    assert.deepEqual(stored.templates['ask-first']['before-accepting'].en,
      ['Hello {first_name}, what made you reach out?\n{my_name}', 'Hi {first_name}! Why connect?']);
    assert.equal(stored.my_name, 'Sam', 'the form and the editor share one copy of the settings');
    await page.click('#template-reset');
    await page.waitForFunction(() => /Replies saved/.test(document.querySelector('#templates-status')?.textContent ?? ''));
    assert.equal((await h.storage()).settings.templates, undefined);
  } finally {
    await h.close();
  }
});

// Issue #13, finding 7: one event dated far beyond any real date (past 2^53 ms, which no
// JavaScript number holds exactly) in the stored ledger or an import file took the
// ledger section's export, import and delete-everything away with the list. Fails on
// the main before the fix (ASKFIRST_DIST=its dist/chrome): the section showed only
// "invalid type: floating point `1.8446744073709552e+19`, expected u64".
test('a huge event time in the stored ledger or a file leaves export and delete working', async () => {
  const h = await launch({ probe: false });
  try {
    const page = await optionsPage(h);
    const ana = 'https://www.linkedin.com/in/ana-lima/';
    const bruno = 'https://www.linkedin.com/in/bruno-keller/';
    const doc = (at) => `{"version":3,"records":{`
      + `"${ana}":{"snapshot":{"name":"Ana Lima"},"updated_at":1761000000000,"events":[{"at":1761000000000,"kind":"reply-copied"}]},`
      + `"${bruno}":{"snapshot":{"name":"Bruno Keller"},"updated_at":1761000000000,"events":[{"at":${at},"kind":"seen"}]}}}`;
    await h.setStorage({ ledger: doc('18446744073709551615') }); // the largest u64
    await page.reload();
    await page.waitForSelector('#ledger h2');
    for (const control of ['#export-json', '#export-csv', '#import-ledger', '#wipe']) {
      assert.ok(await page.$(control), `${control} is there`);
    }
    const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.click('#export-json')]);
    const exported = JSON.parse(readFileSync(await jsonDownload.path(), 'utf8'));
    assert.ok(exported.records[ana], 'the readable record is exported');
    // An import file with such a time is refused with the reason, and changes nothing.
    const before = (await h.storage()).ledger;
    await page.setInputFiles('#import-ledger', { name: 'l.json', mimeType: 'application/json',
      buffer: Buffer.from(doc('9007199254740993')) });
    await page.waitForFunction(() => /out of range/.test(document.querySelector('#ledger-status')?.textContent));
    assert.equal((await h.storage()).ledger, before);
    assert.ok(await page.$('#wipe'), 'delete everything is still there');
    await page.click('#wipe');
    await page.click('#wipe-confirm-yes');
    await page.waitForSelector('#ledger .empty');
    assert.equal(Object.keys(JSON.parse((await h.storage()).ledger).records).length, 0);
  } finally {
    await h.close();
  }
});

// Issue #13, finding 9: extension pages have a strict CSP (default-src 'self', nothing
// beyond 'self' to connect to), and the popup and options pages work under it (the
// other tests here and in popup.test.mjs). Fails on the main before: only script-src
// and object-src were set, and an options page could fetch from LinkedIn.
test('extension pages cannot reach any other origin (CSP), yet load their engine', async () => {
  const h = await launch({ probe: false });
  try {
    for (const p of ['options.html', 'popup.html']) {
      const page = await h.ctx.newPage();
      await page.goto(h.url(p));
      await page.waitForSelector(p === 'options.html' ? '#settings-form' : 'section');
      const blocked = await page.evaluate(async () => {
        const violations = [];
        document.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective));
        const tries = [
          fetch('https://www.linkedin.com/voyager/api/me').then(() => 'fetched', () => 'refused'),
          new Promise((resolve) => {
            const img = new Image();
            img.onload = () => resolve('loaded');
            img.onerror = () => resolve('refused');
            img.src = 'https://media.licdn.com/x.png';
          }),
        ];
        const results = await Promise.all(tries);
        await new Promise((r) => setTimeout(r, 200));
        return { results, violations };
      });
      assert.deepEqual(blocked.results, ['refused', 'refused'], p);
      assert.ok(blocked.violations.includes('connect-src'), `${p}: ${JSON.stringify(blocked.violations)}`);
      assert.ok(blocked.violations.includes('img-src'), `${p}: ${JSON.stringify(blocked.violations)}`);
      const csp = JSON.parse(readFileSync(new URL('../../manifest.json', import.meta.url), 'utf8'))
        .content_security_policy.extension_pages;
      assert.match(csp, /default-src 'self'/);
      assert.doesNotMatch(csp, /connect-src/, 'connect falls back to default-src self');
      await page.close();
    }
  } finally {
    await h.close();
  }
});
