// Generated inputs for the content script's unit tests: a seeded PRNG (a failure names
// its seed, so it can be replayed) and strings with what page text holds.
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** mulberry32: small, fast, good enough to vary test inputs. */
export function rng(seed) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  next.int = (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)); // inclusive
  next.pick = (list) => list[Math.floor(next() * list.length)];
  return next;
}

// What a card's HTML may hold, each escaping differently in JSON and UTF-8: ASCII, quotes
// and backslashes (2 bytes in JSON), newlines and tabs (2), Latin and CJK (2 and 3 bytes
// in UTF-8), astral characters (a surrogate pair: 2 units, 4 bytes).
const PIECES = ['a', 'Z', '7', ' ', '<', '>', '=', '"', "'", '\\', '/', '\n', '\t', '\r', 'é', 'ß', 'ж', '中', '한', '€', '😀', '𝒜'];

/** A random string of up to `max` pieces. */
export function text(r, max) {
  let s = '';
  const n = r.int(0, max);
  for (let i = 0; i < n; i++) s += r.pick(PIECES);
  return s;
}

/** The engine's message limits, read from the Rust source that owns them (protocol/mod.rs). */
export function engineLimits() {
  const read = (file, name) => {
    const src = readFileSync(join(ROOT, 'src', 'core', file), 'utf8');
    const m = src.match(new RegExp(`pub const ${name}: usize = ([0-9 *]+);`));
    if (!m) throw new Error(`${name} not found in ${file}`);
    return m[1].split('*').reduce((p, f) => p * Number(f.trim()), 1);
  };
  return {
    max_message_bytes: read('protocol/mod.rs', 'MAX_MESSAGE_BYTES'),
    max_card_html_bytes: read('protocol/mod.rs', 'MAX_CARD_HTML_BYTES'),
    max_cards_per_message: read('protocol/mod.rs', 'MAX_CARDS_PER_MESSAGE'),
  };
}

/** The content script's work ceiling, read from the Rust source that owns it (protocol/ceiling.rs). */
export function engineCeiling() {
  const src = readFileSync(join(ROOT, 'src', 'core', 'protocol', 'ceiling.rs'), 'utf8');
  const body = src.match(/pub const CEILING: WorkCeiling = WorkCeiling \{([^}]*)\}/);
  if (!body) throw new Error('CEILING not found in protocol/ceiling.rs');
  return Object.fromEntries([...body[1].matchAll(/(\w+): ([0-9_]+),/g)].map(([, k, v]) => [k, Number(v.replaceAll('_', ''))]));
}
