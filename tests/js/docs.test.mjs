// The docs stay true to the tree: every repository path written in backticks in docs/*.md
// (outside fenced blocks) exists. A path is a word of a backtick span that starts with one
// of the repository's top-level entries below; globs (`*`, `**`, `{a,b}`) must match at
// least one file. Build output (dist/, target/) is not the repository's and is not checked.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// A fixed list, not read from the disk: a renamed top-level folder must make its paths
// fail, not stop them from being recognised as paths.
const ROOT_DIRS = ['src', 'extension', 'tests', 'docs', 'scripts', 'benches', 'examples'];
const ROOT_FILES = [
  'build.sh', 'manifest.json', 'Cargo.toml', 'Cargo.lock', 'package.json',
  'package-lock.json', 'README.md', 'rust-toolchain.toml',
];
const SKIP_DIRS = new Set(['.git', 'node_modules', 'target', 'dist']);

/** Every file under the repository root, as a /-separated relative path. */
function allFiles(dir = ROOT, rel = '') {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (!rel && SKIP_DIRS.has(entry.name)) continue;
    const r = rel ? `${rel}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...allFiles(path.join(dir, entry.name), r));
    else out.push(r);
  }
  return out;
}

/** `a/{b,c}.rs` → [`a/b.rs`, `a/c.rs`] (nested braces too). */
function expandBraces(p) {
  const m = p.match(/^(.*?)\{([^{}]*)\}(.*)$/);
  if (!m) return [p];
  return m[2].split(',').flatMap((alt) => expandBraces(m[1] + alt + m[3]));
}

function globRegex(p) {
  const re = p
    .replace(/[.+^$()|[\]\\]/g, '\\$&')
    .replace(/\*\*\/?/g, '\u0000')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]')
    .replace(/\u0000/g, '(?:.*/)?[^/]*');
  return new RegExp(`^${re}(?:/.*)?$`);
}

/** The repository paths named in backtick spans of a Markdown text. */
export function pathsIn(markdown) {
  const prose = markdown.replace(/^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm, '');
  const found = [];
  // A span may wrap onto the paragraph's next line (Markdown's rule), not past a blank one.
  for (const span of prose.matchAll(/`([^`]+)`/g)) {
    if (span[1].includes('\n\n')) continue;
    for (let word of span[1].split(/\s+/)) {
      word = word.replace(/::.*$/, '').replace(/[,;:)]+$/, '').replace(/^\(/, '');
      const top = word.split('/')[0];
      const isPath = ROOT_DIRS.includes(top) || ROOT_FILES.includes(word);
      if (isPath && !/[<>…]/.test(word)) found.push(word);
    }
  }
  return found;
}

/** Those of `paths` that name nothing in the tree (`files`: every file, relative). */
export function missing(paths, files) {
  return paths.filter((p) => {
    const alternatives = expandBraces(p.replace(/\/$/, ''));
    return !alternatives.every((alt) => (/[*?]/.test(alt)
      ? files.some((f) => globRegex(alt).test(f))
      : existsSync(path.join(ROOT, alt))));
  });
}

test('the checker finds paths in backticks and reports the ones that do not exist', () => {
  const text = [
    'See `src/lib.rs`, `tests/reader.rs::selector_table_rows` and `src/core/protocol/{mod,ledger}.rs`;',
    'run `node --test tests/js/` or `cargo run -- triage x.html`; built into `dist/chrome/pkg/`;',
    'a span may wrap: `node', 'benches/wasm-bench.mjs`.',
    'Renamed: `src/core/nothing-here.rs`, `src/core/{note,nothing}/mod.rs`, `extension/content/*.nope`,',
    'and `benches/` moved: `bench/wasm-bench.mjs` is not a root we know, `README.md`, `Cargo.tml`.',
    '```',
    'src/fenced/ignored.rs `src/fenced/also-ignored.rs`',
    '```',
  ].join('\n');
  const paths = pathsIn(text);
  assert.deepEqual(paths, [
    'src/lib.rs', 'tests/reader.rs', 'src/core/protocol/{mod,ledger}.rs', 'tests/js/',
    'benches/wasm-bench.mjs',
    'src/core/nothing-here.rs', 'src/core/{note,nothing}/mod.rs', 'extension/content/*.nope',
    'benches/', 'README.md',
  ]);
  assert.deepEqual(missing(paths, allFiles()), [
    'src/core/nothing-here.rs', 'src/core/{note,nothing}/mod.rs', 'extension/content/*.nope',
  ]);
});

test('every repository path named in docs/*.md exists', () => {
  const files = allFiles();
  const docs = readdirSync(path.join(ROOT, 'docs')).filter((f) => f.endsWith('.md'));
  assert.ok(docs.includes('architecture.md'), 'docs/architecture.md is missing');
  let named = 0;
  for (const doc of docs) {
    const paths = pathsIn(readFileSync(path.join(ROOT, 'docs', doc), 'utf8'));
    named += paths.length;
    assert.deepEqual(missing(paths, files), [], `docs/${doc} names paths that do not exist`);
  }
  // The architecture alone names dozens: finding few means the checker broke, not the docs.
  assert.ok(named > 50, `only ${named} paths found in docs/*.md`);
});
