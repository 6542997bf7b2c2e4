// The ledger in the built extension: what the background stores when LinkedIn tabs and
// our pages talk to it. Two tabs × 500 writes lose nothing; data of an old schema in
// storage is migrated; unreadable data is kept aside; export → wipe → import restores
// everything; forged messages are refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fixture, launch } from './ledger-harness.mjs';

const snapshot = (name) => ({ name, note_kind: 'none', fit: 'unclear', plan: 'ask-first' });

test('two LinkedIn tabs writing 500 events each at once lose nothing', async () => {
  const h = await launch();
  try {
    const [a, b] = [await h.linkedInTab(), await h.linkedInTab('/mynetwork/invitation-manager/received/PEOPLE_WITH_MUTUAL_CONNECTION/')];
    const batch = (tab) => Array.from({ length: 500 }, (_, i) => ({
      type: 'record', key: `urn:li:invitation:${tab}${i}`, event: i % 2 ? 'prompt-shown' : 'not-now', snapshot: snapshot(`${tab} ${i}`),
    }));
    // Both tabs also write to one shared person, each with its own kind of event.
    const shared = (event) => ({ type: 'record', key: 'https://www.linkedin.com/in/shared/', event, snapshot: snapshot('Shared') });
    const started = Date.now();
    const [ra, rb] = await Promise.all([
      h.manyFromTab(a, [...batch('a'), shared('reply-copied')]),
      h.manyFromTab(b, [...batch('b'), shared('not-now')]),
    ]);
    const ms = Date.now() - started;
    for (const r of [...ra, ...rb]) assert.equal(r.ok, true, JSON.stringify(r));
    const ledger = JSON.parse((await h.storage()).ledger);
    assert.equal(Object.keys(ledger.records).length, 1001);
    for (const tab of ['a', 'b']) {
      for (let i = 0; i < 500; i++) {
        const rec = ledger.records[`urn:li:invitation:${tab}${i}`];
        assert.ok(rec, `${tab}${i} lost`);
        assert.equal(rec.events.length, 1);
      }
    }
    const kinds = ledger.records['https://www.linkedin.com/in/shared/'].events.map((e) => e.kind).sort();
    assert.deepEqual(kinds, ['not-now', 'reply-copied']);
    console.log(`# 1002 concurrent writes from two tabs stored in ${ms} ms`);
  } finally {
    await h.close();
  }
});

test('a ledger of an old schema in storage is migrated and kept', async () => {
  const h = await launch();
  try {
    await h.setStorage({ ledger: fixture('ledger/v1.json') });
    const page = await h.extensionPage();
    const answer = await h.fromExtension(page, { type: 'dashboard' });
    assert.equal(answer.type, 'dashboard', JSON.stringify(answer));
    assert.equal(answer.records, 3);
    const stored = JSON.parse((await h.storage()).ledger);
    assert.equal(stored.version, 3);
    const ana = stored.records['https://www.linkedin.com/in/ana-lima/'];
    assert.equal(ana.snapshot.name, 'Ana Lima');
    assert.equal(ana.events.length, 7);
    // What v1 wrote is kept aside, unchanged, before the migrated form replaced it.
    const all = await h.storage();
    const kept = Object.keys(all).filter((k) => k.startsWith('ledger-backup-v1-'));
    assert.equal(kept.length, 1);
    assert.equal(all[kept[0]], fixture('ledger/v1.json'));
  } finally {
    await h.close();
  }
});

test('unreadable stored data is kept aside under a backup key, with a notice', async () => {
  const h = await launch();
  try {
    const garbage = '{"version":3,"records":{"https://www.linkedin.com/in/x/": TRUNCATED';
    await h.setStorage({ ledger: garbage });
    const page = await h.extensionPage();
    const answer = await h.fromExtension(page, { type: 'dashboard' });
    assert.equal(answer.notices.length, 1);
    assert.equal(answer.notices[0].kind, 'recovered');
    const all = await h.storage();
    const backups = Object.keys(all).filter((k) => k.startsWith('ledger-backup-'));
    assert.equal(backups.length, 1);
    assert.equal(all[backups[0]], garbage, 'kept exactly as it was');
    assert.equal(answer.notices[0].backup_key, backups[0]);
    // The ledger works again.
    const tab = await h.linkedInTab();
    const r = await h.fromTab(tab, { type: 'record', key: 'urn:li:invitation:1', event: 'prompt-shown', snapshot: snapshot('Ana') });
    assert.equal(r.ok, true, JSON.stringify(r));
  } finally {
    await h.close();
  }
});

test('export → delete everything → import restores everything', async () => {
  const h = await launch();
  try {
    const tab = await h.linkedInTab();
    for (const [i, event] of ['not-now', 'prompt-shown', 'reply-inserted', 'accepted-follow-up'].entries()) {
      const r = await h.fromTab(tab, { type: 'record', key: `https://www.linkedin.com/in/p${i}/`, event, snapshot: snapshot(`P${i} "=1+1"`) });
      assert.equal(r.ok, true, JSON.stringify(r));
    }
    const page = await h.extensionPage();
    await h.fromExtension(page, { type: 'set-outcome', key: 'https://www.linkedin.com/in/p2/', outcome: 'lead' });
    await h.fromExtension(page, { type: 'add-note', key: 'https://www.linkedin.com/in/p2/', text: 'call Tuesday' });
    const before = JSON.parse((await h.storage()).ledger);
    const exported = await h.fromExtension(page, { type: 'export', format: 'json' });
    assert.equal(exported.type, 'exported');
    const csv = await h.fromExtension(page, { type: 'export', format: 'csv' });
    assert.match(csv.text, /'=1\+1|"P\d ""=1\+1"""/);
    assert.equal(csv.text.trim().split('\r\n').length, 5);

    const refused = await h.fromExtension(page, { type: 'wipe', confirm: 'yes' });
    assert.equal(refused.type, 'error');
    assert.equal((await h.fromExtension(page, { type: 'wipe', confirm: 'delete-everything' })).type, 'done');
    assert.equal(Object.keys(JSON.parse((await h.storage()).ledger).records).length, 0);

    const imported = await h.fromExtension(page, { type: 'import', data: exported.text });
    assert.equal(imported.type, 'imported', JSON.stringify(imported));
    assert.equal(imported.added, 4);
    assert.deepEqual(JSON.parse((await h.storage()).ledger), before);
    const again = await h.fromExtension(page, { type: 'import', data: exported.text });
    assert.equal(again.unchanged, 4);
    assert.deepEqual(JSON.parse((await h.storage()).ledger), before);
  } finally {
    await h.close();
  }
});

test('delete everything removes the copies kept aside too, and works on a ledger from a newer version', async () => {
  const h = await launch();
  try {
    // A copy kept before a migration, one of unreadable data, and a ledger this version
    // cannot read (a newer AskFirst wrote it): all hold strangers' names.
    await h.setStorage({
      'ledger-backup-v2-1700000000000': JSON.stringify({ version: 2, records: { 'urn:li:invitation:1': { snapshot: { name: 'Old Person' } } } }),
      'ledger-backup-1700000000001': 'not json, but a name: Another Person',
      ledger: JSON.stringify({ version: 99, records: { 'urn:li:invitation:2': { name: 'Future Person' } } }),
      settings: JSON.stringify({ version: 1 }),
    });
    const page = await h.extensionPage();
    const dash = await h.fromExtension(page, { type: 'dashboard' });
    assert.equal(dash.type, 'error', 'a newer ledger is not read');
    assert.match(dash.message, /newer/);
    assert.match((await h.storage()).ledger, /Future Person/, 'and not overwritten');
    assert.equal((await h.fromExtension(page, { type: 'wipe', confirm: 'delete-everything' })).type, 'done');
    const left = await h.storage();
    assert.deepEqual(Object.keys(left).sort(), ['ledger', 'settings'], 'no copy left behind; the settings stay');
    assert.equal(Object.keys(JSON.parse(left.ledger).records).length, 0);
    assert.equal((await h.fromExtension(page, { type: 'dashboard' })).type, 'dashboard');
  } finally {
    await h.close();
  }
});

test('forged and malformed messages are refused by the background', async () => {
  const h = await launch();
  try {
    const tab = await h.linkedInTab();
    const page = await h.extensionPage();
    // A LinkedIn page may not set outcomes, wipe, import or claim an answer.
    for (const m of [
      { type: 'wipe', confirm: 'delete-everything' },
      { type: 'set-outcome', key: 'urn:li:invitation:1', outcome: 'deal' },
      { type: 'import', data: '{}' },
      { type: 'record', key: 'urn:li:invitation:1', event: 'answered', snapshot: snapshot('X') },
      { type: 'record', key: 'urn:li:invitation:1', event: 'prompt-shown', snapshot: snapshot('X'), at: 1 },
      { type: 'dashboard', extra: true },
      { type: 'tab-status', tab_id: 1 },
    ]) {
      const r = await h.fromTab(tab, m);
      assert.ok(r.type === 'error' || r.ok === false, JSON.stringify([m, r]));
    }
    // Our pages may not pretend to be LinkedIn tabs.
    const r = await h.fromExtension(page, { type: 'record', key: 'urn:li:invitation:1', event: 'prompt-shown', snapshot: snapshot('X') });
    assert.equal(r.ok, false, JSON.stringify(r));
    assert.equal((await h.fromExtension(page, { type: 'nope' })).ok, false);
    assert.equal((await h.storage()).ledger, undefined, 'nothing was written');
  } finally {
    await h.close();
  }
});

// `n` finished records (asked, answered) from 200 days ago, each with many routine events
// and a long headline: what compaction shortens.
function finishedRecords(n) {
  const records = {};
  const t0 = Date.now() - 200 * 24 * 3600 * 1000;
  for (let i = 0; i < n; i++) {
    const events = [{ at: t0 + i * 1000, kind: 'seen' }];
    for (let j = 1; j < 30; j++) events.push({ at: t0 + i * 1000 + j, kind: 'prompt-shown' });
    events.push({ at: t0 + i * 1000 + 40, kind: 'reply-inserted' }, { at: t0 + i * 1000 + 50, kind: 'answered' });
    records[`urn:li:invitation:${i}`] = { snapshot: { name: `Person ${i}`, headline: 'h'.repeat(400), plan: 'ask-first' },
      updated_at: t0 + i * 1000 + 50, events };
  }
  return records;
}

test('storage full of other data: the write shortens finished records and goes through', async () => {
  const h = await launch();
  try {
    const records = finishedRecords(1500);
    await h.setStorage({ ledger: JSON.stringify({ version: 3, records }) });
    // An old backup fills the rest of the 10 MiB, to ~100 bytes: the ledger alone is well
    // under the share that starts compaction, so only a refused write can (found in
    // review: every write then failed for good).
    const QUOTA = 10 * 1024 * 1024;
    for (let pass = 0, size = 1; pass < 2; pass++) {
      await h.setStorage({ 'ledger-backup-1': 'x'.repeat(size) });
      const used = await h.sw.evaluate(() => chrome.storage.local.getBytesInUse(null));
      size += QUOTA - used - 100;
    }
    const used = await h.sw.evaluate(() => chrome.storage.local.getBytesInUse(null));
    assert.ok(used > QUOTA - 200 && used <= QUOTA, `${used} bytes in use`);
    const tab = await h.linkedInTab();
    const r = await h.fromTab(tab, { type: 'record', key: 'urn:li:invitation:new', event: 'prompt-shown',
      snapshot: { name: 'New Person With A Long Name', headline: 'A headline long enough to need room', note_kind: 'none', fit: 'unclear', plan: 'ask-first' } });
    assert.equal(r.ok, true, JSON.stringify(r));
    const ledger = JSON.parse((await h.storage()).ledger);
    assert.equal(Object.keys(ledger.records).length, 1501, 'nobody dropped, the new one in');
    assert.ok(ledger.notices.some((n) => n.kind === 'compacted' && n.records > 0), JSON.stringify(ledger.notices));
    assert.equal((await h.storage())['ledger-backup-1'].length > 0, true, 'the backup is never touched');
  } finally {
    await h.close();
  }
});

test('near the storage quota, older finished records are shortened with a notice, nobody dropped', async () => {
  const h = await launch();
  try {
    // ~9 MB in storage (JSON-escaped): 4,300 finished records.
    const records = finishedRecords(4300);
    const doc = JSON.stringify({ version: 3, records });
    assert.ok(doc.length > 7.5 * 1024 * 1024, `${doc.length}`);
    await h.setStorage({ ledger: doc });
    const tab = await h.linkedInTab();
    const r = await h.fromTab(tab, { type: 'record', key: 'urn:li:invitation:new', event: 'prompt-shown',
      snapshot: { name: 'New', note_kind: 'none', fit: 'unclear', plan: 'ask-first' } });
    assert.equal(r.ok, true, JSON.stringify(r));
    const stored = (await h.storage()).ledger;
    const ledger = JSON.parse(stored);
    assert.equal(Object.keys(ledger.records).length, 4301, "nobody dropped");
    assert.ok(stored.length < 6.5 * 1024 * 1024, `still ${stored.length} bytes`);
    const notice = ledger.notices.find((n) => n.kind === 'compacted');
    assert.ok(notice && notice.records > 0, JSON.stringify(ledger.notices));
    const oldest = ledger.records['urn:li:invitation:0'];
    assert.equal(oldest.compacted, true);
    assert.deepEqual(oldest.events.map((e) => e.kind), ['seen', 'reply-inserted', 'answered']);
    assert.equal(ledger.records['urn:li:invitation:new'].events.length, 1);
    const page = await h.extensionPage();
    const dash = await h.fromExtension(page, { type: 'dashboard' });
    assert.equal(dash.notices[0].kind, 'compacted');
    console.log(`# compacted ${notice.records} records: ${notice.bytes_before} → ${notice.bytes_after} bytes`);
  } finally {
    await h.close();
  }
});
