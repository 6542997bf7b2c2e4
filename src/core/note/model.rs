//! The learned part of the note classifier: a linear model over hashed features (character
//! trigrams, words, word pairs, and the rules' own signals), trained from the committed
//! fitting tables by `cargo run --release --example train_note_model` and stored in
//! `model.bin`, quantised to i8. Two heads: reasoned-or-not (one score) and the kind of
//! reason (eight scores). Integer arithmetic only, so native and wasm answer alike.
//!
//! `model.bin` layout (little endian): b"AFN1", u8 hash bits, u8 heads (9), two reserved
//! bytes, `heads` i32 biases, then for each of the 2^bits buckets `heads` i8 weights.
//! Must not import wasm-bindgen, web-sys or js-sys.

use super::*;

/// Hash bits: 2^13 buckets × 9 heads = 72 KB of weights.
pub const BITS: u32 = 13;
pub const BUCKETS: usize = 1 << BITS;
/// Head 0: reasoned (> 0) or not; heads 1..=8: `ReasonKind::ALL` in order.
pub const HEADS: usize = 1 + ReasonKind::ALL.len();
const HEADER: usize = 8;

static MODEL_BYTES: &[u8] = include_bytes!("model.bin");

/// The weights, checked once: a model of the wrong shape is a build error caught by the
/// tests, and until one is trained the model abstains (`Model::empty`).
pub struct Model<'a> {
    bias: [i32; HEADS],
    weights: &'a [u8],
}

impl<'a> Model<'a> {
    pub fn parse(bytes: &'a [u8]) -> Option<Model<'a>> {
        if bytes.len() != HEADER + 4 * HEADS + BUCKETS * HEADS
            || &bytes[..4] != b"AFN1"
            || u32::from(bytes[4]) != BITS
            || usize::from(bytes[5]) != HEADS
        {
            return None;
        }
        let mut bias = [0i32; HEADS];
        for (h, b) in bias.iter_mut().enumerate() {
            let at = HEADER + 4 * h;
            *b = i32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]]);
        }
        Some(Model {
            bias,
            weights: &bytes[HEADER + 4 * HEADS..],
        })
    }

    #[inline]
    fn add(&self, scores: &mut [i32; HEADS], feature: u32) {
        let at = feature as usize * HEADS;
        for (s, w) in scores.iter_mut().zip(&self.weights[at..at + HEADS]) {
            *s += i32::from(*w as i8);
        }
    }

    /// The model's scores for a note's features.
    pub fn scores(&self, features: &Features) -> [i32; HEADS] {
        let mut scores = self.bias;
        features.each(|f, _| self.add(&mut scores, f));
        scores
    }

    /// How much each word of `features` pushed head `head` (minus `against`, when given).
    pub fn word_weights(
        &self,
        features: &Features,
        head: usize,
        against: Option<usize>,
    ) -> Vec<i32> {
        let mut per_word = vec![0i32; features.word_count()];
        features.each(|f, word| {
            if let Some(w) = word {
                let at = f as usize * HEADS;
                let mut v = i32::from(self.weights[at + head] as i8);
                if let Some(o) = against {
                    v -= i32::from(self.weights[at + o] as i8);
                }
                per_word[w] += v;
            }
        });
        per_word
    }
}

/// The committed model, or None when `model.bin` holds none (a placeholder).
pub fn model() -> Option<&'static Model<'static>> {
    static MODEL: OnceLock<Option<Model<'static>>> = OnceLock::new();
    MODEL.get_or_init(|| Model::parse(MODEL_BYTES)).as_ref()
}

/// FNV-1a over 32-bit units, then a finaliser: the same on every target.
#[inline]
fn mix(h: u32, x: u32) -> u32 {
    (h ^ x).wrapping_mul(0x0100_0193)
}

#[inline]
fn bucket(h: u32) -> u32 {
    let h = (h ^ (h >> 16)).wrapping_mul(0x7feb_352d);
    (h ^ (h >> 15)) >> (32 - BITS)
}

const SEED_TRIGRAM: u32 = 0x811c_9dc5;
const SEED_WORD: u32 = 0x5bd1_e995;
const SEED_PAIR: u32 = 0x1b87_3593;
const SEED_SIGNAL: u32 = 0xcc9e_2d51;

/// What the model reads of one note: its content words (folded) and the rules' signals.
pub struct Features {
    /// The characters of the content words (folded), one after the other: word `i` is
    /// `chars[ends[i - 1]..ends[i]]` (two allocations per note, not one per word).
    chars: Vec<char>,
    ends: Vec<u32>,
    /// Names of the rules' signals that hold ("question", "reason-phrase", …).
    signals: Vec<&'static str>,
}

impl Features {
    pub(super) fn new(
        words: &Words,
        start: usize,
        end: usize,
        signals: Vec<&'static str>,
    ) -> Features {
        let mut chars = Vec::with_capacity(words.span(start, end).len());
        let mut ends = Vec::with_capacity(end - start);
        for i in start..end {
            chars.extend(words.text(i).chars());
            ends.push(chars.len() as u32);
        }
        Features {
            chars,
            ends,
            signals,
        }
    }

    pub fn word_count(&self) -> usize {
        self.ends.len()
    }

    fn chars_of(&self, i: usize) -> &[char] {
        let from = if i == 0 { 0 } else { self.ends[i - 1] as usize };
        &self.chars[from..self.ends[i] as usize]
    }

    pub fn word(&self, i: usize) -> String {
        self.chars_of(i).iter().collect()
    }

    /// Calls `f(bucket, word)` for every feature: character trigrams of each word with
    /// its edges marked ("^ab", "abc", "bc$"; single letters for scripts written without
    /// spaces, whose "words" are whole clauses), the word itself, each pair of adjacent
    /// words, and each signal. The word is the index of the word a feature comes from.
    pub fn each(&self, mut f: impl FnMut(u32, Option<usize>)) {
        let mut prev_word: Option<u32> = None;
        for wi in 0..self.ends.len() {
            let w = self.chars_of(wi);
            let mut wh = SEED_WORD;
            for &c in w {
                wh = mix(wh, c as u32);
            }
            f(bucket(wh), Some(wi));
            if let Some(p) = prev_word {
                f(bucket(mix(mix(SEED_PAIR, p), wh)), Some(wi));
            }
            prev_word = Some(wh);
            let n = w.len();
            let at = |k: isize| -> u32 {
                if k < 0 || k as usize >= n {
                    '^' as u32
                } else {
                    w[k as usize] as u32
                }
            };
            let uncased = w
                .iter()
                .any(|&c| !c.is_ascii() && !text::has_case(c) && c.is_alphabetic());
            for k in 0..n as isize {
                let h = mix(mix(mix(SEED_TRIGRAM, at(k - 1)), at(k)), at(k + 1));
                f(bucket(h), Some(wi));
            }
            if uncased {
                for (k, &c) in w.iter().enumerate() {
                    let h = mix(mix(SEED_TRIGRAM, 1), c as u32);
                    f(bucket(h), Some(wi));
                    if k + 1 < n {
                        let h = mix(mix(mix(SEED_TRIGRAM, 2), c as u32), w[k + 1] as u32);
                        f(bucket(h), Some(wi));
                    }
                }
            }
        }
        for s in &self.signals {
            let mut h = SEED_SIGNAL;
            for b in s.bytes() {
                h = mix(h, u32::from(b));
            }
            f(bucket(h), None);
        }
    }

    /// Every feature's bucket, in order (for training).
    pub fn buckets(&self) -> Vec<u32> {
        let mut out = Vec::new();
        self.each(|b, _| out.push(b));
        out
    }
}
