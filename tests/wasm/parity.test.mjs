// The engine compiled to wasm must answer exactly as the native build, on every fixture
// page: one reader, one classifier, one planner, whichever side runs it.
//
// Native answers come from `askfirst triage PAGE --json` (one JSON object per line); the
// wasm answers from dist/node (wasm-bindgen --target nodejs), built by ./build.sh test.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const require = createRequire(import.meta.url);
const engine = require(path.join(root, 'dist/node/askfirst.js'));
const fixtures = path.join(root, 'tests/fixtures/linkedin');
const settingsFile = path.join(root, 'tests/fixtures/settings/demo-settings.json');

function native(file) {
  const out = execFileSync('cargo', ['run', '--quiet', '--features', 'cli', '--', 'triage', file, '--json',
    '--settings', settingsFile], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  return out.split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

// The CLI's JSON words the engine's decisions (`reasons`, `summary`, `warnings` as text) and
// carries the engine's codes beside them; the wasm answers with the codes themselves, as the
// extension receives them. Parity is on the codes and on every other field.
function engineShape({ reason_codes, summary_code, warning_codes, ...rest }) {
  return { ...rest, reasons: reason_codes, summary: summary_code, warnings: warning_codes };
}

const pages = readdirSync(fixtures).filter((f) => f.endsWith('.html')).sort();

test('there are fixture pages to compare', () => {
  assert.ok(pages.length >= 3, `only ${pages.length} fixture pages found`);
});

for (const page of pages) {
  test(`wasm and native agree on ${page}`, () => {
    const file = path.join(fixtures, page);
    const html = readFileSync(file, 'utf8');
    const fromWasm = JSON.parse(engine.triagePage(html, readFileSync(settingsFile, 'utf8')));
    assert.deepEqual(fromWasm, native(file).map(engineShape));
  });
}
