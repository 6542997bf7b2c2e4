// The popup in the built extension: reminders (asked more than N days ago, no answer),
// 30-day counts, notices, the tab's state with its reason, strangers' names as text.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch } from './ledger-harness.mjs';

const DAY = 24 * 3600 * 1000;

function seededLedger(now) {
  const rec = (name, events, extra = {}) => ({
    snapshot: { name, note_kind: 'none', fit: 'unclear', plan: 'ask-first', ...extra },
    updated_at: events[0].at, events,
  });
  return JSON.stringify({
    version: 3,
    records: {
      'https://www.linkedin.com/in/bruno/': rec('<img src=x onerror="window.pwned=1">Bruno', [
        { at: now - 9 * DAY, kind: 'seen' }, { at: now - 9 * DAY + 1, kind: 'reply-inserted' }],
        { profile_url: 'https://www.linkedin.com/in/bruno/' }),
      'urn:li:invitation:42': rec('Chloé Martin', [
        { at: now - 12 * DAY, kind: 'seen' }, { at: now - 12 * DAY + 1, kind: 'reply-copied' }],
        { invitation_urn: 'urn:li:invitation:42' }),
      'https://www.linkedin.com/in/ana/': rec('Ana', [
        { at: now - 10 * DAY, kind: 'reply-inserted' }, { at: now - 2 * DAY, kind: 'answered' },
        { at: now - DAY, kind: 'outcome', outcome: 'lead' }]),
      'https://www.linkedin.com/in/dana/': rec('Dana', [
        { at: now - 3 * DAY, kind: 'accepted-follow-up' }, { at: now - 3 * DAY + 1, kind: 'reply-inserted' }]),
    },
    notices: [{ kind: 'compacted', at: now - DAY, records: 12, bytes_before: 9000000, bytes_after: 5000000, still_over: false }],
  });
}

test('the popup lists who to decide about, the counts, and notices', async () => {
  const h = await launch({ probe: false });
  try {
    await h.setStorage({ ledger: seededLedger(Date.now()) });
    const page = await h.ctx.newPage();
    await page.goto(h.url('popup.html'));
    await page.waitForSelector('section.reminders li');
    const reminders = await page.$$eval('section.reminders li', (lis) => lis.map((li) => ({
      name: li.querySelector('a').textContent, href: li.querySelector('a').getAttribute('href'),
      when: li.querySelector('.when').textContent })));
    assert.deepEqual(reminders.map((r) => r.name), ['Chloé Martin', '<img src=x onerror="window.pwned=1">Bruno'],
      'longest waiting first; names shown literally');
    assert.equal(reminders[0].href, 'https://www.linkedin.com/mynetwork/invitation-manager/');
    assert.equal(reminders[1].href, 'https://www.linkedin.com/in/bruno/');
    assert.equal(reminders[1].when, 'asked 9 days ago');
    assert.equal(await page.evaluate(() => window.pwned), undefined);
    assert.equal(await page.$$eval('section.reminders img', (x) => x.length), 0);
    const stat = (k) => page.$eval(`[data-stat="${k}"] dd`, (e) => e.textContent);
    assert.equal(await stat('statsAsked'), '4');
    assert.equal(await stat('statsAnswers'), '1');
    assert.equal(await stat('statsLeads'), '1');
    assert.match(await page.$eval('section.follow-ups', (e) => e.textContent), /Dana/);
    assert.match(await page.$eval('.notice', (e) => e.textContent), /12 older finished records/);
    // The popup opened as a tab looks at itself: not a LinkedIn invitations page.
    assert.match(await page.$eval('.status[data-state=not-invitations]', (e) => e.textContent), /not a LinkedIn invitations page/);
    // Dismissing the notice removes it for good.
    await page.click('.notice button');
    await page.waitForSelector('.notice', { state: 'detached' });
    assert.equal(JSON.parse((await h.storage()).ledger).notices, undefined);
  } finally {
    await h.close();
  }
});
