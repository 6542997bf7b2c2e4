// @ts-check
// The pure parts of sending cards to the engine in batches: how many fit in one message,
// how a card's HTML is made ready to cross, how a message the engine refused is split.
// No browser API here (unit-tested with node --test, tests/js/batching.test.mjs).

// Cards per task and message (capped by the engine's limit). Smaller messages bring the
// first badges sooner but the last ones later (measured: 10 + 30s, 25s and 10s all
// cost 15–30 ms more to the last of 100 badges: per-message work on both sides).
export const CHUNK_CARDS = 100;

/**
 * @typedef {{ max_message_bytes: number, max_cards_per_message: number }} ChunkLimits
 */

/**
 * Is a chunk of `count` cards estimated at `bytes` full? Half the message limit: one more
 * card (≤ 3 × max_card_html_bytes) never takes the chunk over it.
 * @param {number} count
 * @param {number} bytes
 * @param {ChunkLimits} limits
 */
export const chunkFull = (count, bytes, limits) =>
  count >= Math.min(CHUNK_CARDS, limits.max_cards_per_message) || bytes >= limits.max_message_bytes / 2;

/**
 * An upper bound of a card's size in the message's JSON: at most 3 UTF-8 bytes per UTF-16
 * unit (JSON escapes of quotes and newlines: 2), and its id and keys.
 * @param {string} html
 */
export const cardBytes = (html) => html.length * 3 + 64;

/**
 * A card's HTML as it is sent: without our badges' HTML (`ours`, each taken out once), and
 * with lone surrogates (possible in any text, they cannot cross as JSON to Rust) turned
 * into U+FFFD.
 * @param {string} html
 * @param {Iterable<string>} ours
 */
export function cardHtml(html, ours) {
  let out = html;
  for (const badge of ours) out = out.replace(badge, '');
  if (out.isWellFormed && !out.isWellFormed()) out = out.toWellFormed();
  return out;
}

/**
 * A message the engine refused as too large (our estimate missed: rare escapes) is sent
 * again as two halves; null when it is one card (it cannot be split).
 * @template T
 * @param {T[]} cards
 * @returns {[T[], T[]] | null}
 */
export function halves(cards) {
  if (cards.length < 2) return null;
  const half = cards.length >> 1;
  return [cards.slice(0, half), cards.slice(half)];
}

/**
 * The cards whose details are overdue at `now`, oldest first, and when to look again for
 * the rest (ms from now; 0 when none are left). `waiting` is in answer order: each
 * entry's third element is when it was answered.
 * @template K, V
 * @param {Iterable<[K, V, number]>} waiting
 * @param {number} now
 * @param {number} graceMs
 * @returns {{ due: [K, V][], again: number }}
 */
export function overdue(waiting, now, graceMs) {
  /** @type {[K, V][]} */
  const due = [];
  for (const [k, v, at] of waiting) {
    // Answered later: its details may still be on their way (oldest first).
    if (now - at < graceMs) return { due, again: graceMs - (now - at) };
    due.push([k, v]);
  }
  return { due, again: 0 };
}
