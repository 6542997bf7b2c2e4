// The note classifier compiled to wasm must answer exactly as the native build on every
// note of the corpora (tests/fixtures/notes/*.tsv: fitting and held-out rows alike): the
// same kind, language, reason kind and reasons, which the integer-only model makes
// possible (no float differs between targets).
//
// Native answers come from `askfirst notes FILE` (one JSON object per note: the note as
// the corpus holds it, null for none, and its verdict); the wasm answers from dist/node
// (built by ./build.sh test), given exactly those notes.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const engine = require(path.join(root, 'dist/node/askfirst.js'));
const corpora = path.join(root, 'tests/fixtures/notes');

function native(file) {
  const out = execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--', 'notes', file],
    { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

const tables = readdirSync(corpora).filter((f) => f.endsWith('.tsv')).sort();

test('there are note corpora to compare, fitting and held-out', () => {
  assert.ok(tables.includes('fit-2026-12-07.tsv') && tables.includes('test-2026-12-07.tsv'), tables.join(', '));
});

let total = 0;
for (const table of tables) {
  test(`wasm and native classify every note of ${table} alike`, () => {
    const rows = native(path.join(corpora, table));
    assert.ok(rows.length > 0, `${table}: no notes`);
    const fromWasm = JSON.parse(engine.classifyNotes(JSON.stringify(rows.map((r) => r.note))));
    assert.equal(fromWasm.length, rows.length);
    rows.forEach((row, i) => {
      // Kind and reason kind first, so that a difference names what differs.
      assert.equal(fromWasm[i].kind, row.verdict.kind, `${table} note ${i + 1}: ${row.note}`);
      assert.equal(fromWasm[i].reason_kind, row.verdict.reason_kind, `${table} note ${i + 1}: ${row.note}`);
      assert.deepEqual(fromWasm[i], row.verdict, `${table} note ${i + 1}: ${row.note}`);
    });
    total += rows.length;
  });
}

test('every corpus note was compared', () => {
  assert.ok(total >= 2000, `only ${total} notes compared`);
});
