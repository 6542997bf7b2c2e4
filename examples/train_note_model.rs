//! Trains the note classifier's linear model (`src/core/note/model.bin`) from the committed
//! fitting tables, and only those: tests/fixtures/notes/labelled.tsv and every
//! tests/fixtures/notes/fit-*.tsv. The held-out tables (held-out.tsv, audit.tsv, test-*.tsv)
//! are never read here.
//!
//!     cargo run --release --example train_note_model
//!
//! Reproducible: a fixed seed, a fixed order of files and rows, f64 arithmetic in a fixed
//! order; the same tables give the same bytes. Head 0 (reasoned or not) is a logistic
//! regression over every row the rules leave open; heads 1..=8 (the kind of reason) a
//! softmax regression over the reasoned rows whose reason is known. Weights are quantised
//! to i8 (one scale for head 0, one for the eight kind heads) for the engine's integer
//! arithmetic.

use askfirst::core::note::model::{BITS, BUCKETS, HEADS};
use askfirst::core::note::{model_features, ReasonKind};
use std::path::Path;

const EPOCHS: usize = 40;
const RATE: f64 = 0.05;
const L2: f64 = 1e-5;
const SEED: u64 = 15;

struct Example {
    buckets: Vec<u32>,
    reasoned: bool,
    reason: Option<ReasonKind>,
}

fn load(path: &Path, out: &mut Vec<Example>) -> usize {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut n = 0;
    for line in text.lines() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.splitn(5, '\t').collect();
        assert_eq!(cols.len(), 5, "{}: {line:?}", path.display());
        let reasoned = match cols[0] {
            "reasoned" => true,
            "generic" => false,
            _ => continue,
        };
        let note = cols[4].replace("\\n", "\n").replace("\\t", "\t");
        let Some(features) = model_features(Some(&note)) else {
            continue; // settled by the rules (stock text with a reason, …)
        };
        out.push(Example {
            buckets: features.buckets(),
            reasoned,
            reason: ReasonKind::parse(cols[2]),
        });
        n += 1;
    }
    n
}

/// xorshift64*: a fixed, dependency-free shuffle.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = root.join("tests/fixtures/notes");
    let mut files = vec![dir.join("labelled.tsv")];
    let mut fit: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/fixtures/notes")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("fit-") && n.ends_with(".tsv"))
        })
        .collect();
    fit.sort();
    files.extend(fit);
    let mut data = Vec::new();
    for f in &files {
        let n = load(f, &mut data);
        println!("{}: {n} open notes", f.display());
    }
    assert!(!data.is_empty(), "no fitting rows");

    // w[bucket * HEADS + head]
    let mut w = vec![0f64; BUCKETS * HEADS];
    let mut bias = [0f64; HEADS];
    let mut order: Vec<usize> = (0..data.len()).collect();
    let mut rng = Rng(SEED);
    for epoch in 0..EPOCHS {
        for i in (1..order.len()).rev() {
            let j = (rng.next() % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let rate = RATE / (1.0 + epoch as f64 * 0.1);
        for &k in &order {
            let ex = &data[k];
            // Head 0: logistic.
            let z = bias[0]
                + ex.buckets
                    .iter()
                    .map(|&b| w[b as usize * HEADS])
                    .sum::<f64>();
            let p = 1.0 / (1.0 + (-z).exp());
            let g = p - f64::from(u8::from(ex.reasoned));
            bias[0] -= rate * g;
            for &b in &ex.buckets {
                let x = &mut w[b as usize * HEADS];
                *x -= rate * (g + L2 * *x);
            }
            // Heads 1..: softmax over the kinds, reasoned rows with a known kind only.
            let Some(kind) = ex.reason.filter(|_| ex.reasoned) else {
                continue;
            };
            let mut z = [0f64; HEADS];
            for (h, zh) in z.iter_mut().enumerate().skip(1) {
                *zh = bias[h]
                    + ex.buckets
                        .iter()
                        .map(|&b| w[b as usize * HEADS + h])
                        .sum::<f64>();
            }
            let max = z[1..].iter().cloned().fold(f64::MIN, f64::max);
            let total: f64 = z[1..].iter().map(|v| (v - max).exp()).sum();
            for h in 1..HEADS {
                let p = (z[h] - max).exp() / total;
                let g = p - f64::from(u8::from(h - 1 == kind.index()));
                bias[h] -= rate * g;
                for &b in &ex.buckets {
                    let x = &mut w[b as usize * HEADS + h];
                    *x -= rate * (g + L2 * *x);
                }
            }
        }
    }

    // Quantise: one scale for head 0, one shared by the kind heads (argmax compares them).
    let max_abs = |heads: std::ops::Range<usize>| {
        let mut m = 0f64;
        for b in 0..BUCKETS {
            for h in heads.clone() {
                m = m.max(w[b * HEADS + h].abs());
            }
        }
        m.max(1e-9)
    };
    let scales = [max_abs(0..1) / 127.0, max_abs(1..HEADS) / 127.0];
    let scale = |h: usize| if h == 0 { scales[0] } else { scales[1] };
    let mut bytes = Vec::with_capacity(8 + 4 * HEADS + BUCKETS * HEADS);
    bytes.extend_from_slice(b"AFN1");
    bytes.push(BITS as u8);
    bytes.push(HEADS as u8);
    bytes.extend_from_slice(&[0, 0]);
    for (h, b) in bias.iter().enumerate() {
        bytes.extend_from_slice(&((b / scale(h)).round() as i32).to_le_bytes());
    }
    for b in 0..BUCKETS {
        for h in 0..HEADS {
            let q = (w[b * HEADS + h] / scale(h)).round().clamp(-127.0, 127.0) as i8;
            bytes.push(q as u8);
        }
    }
    let out = root.join("src/core/note/model.bin");
    std::fs::write(&out, &bytes).unwrap_or_else(|e| panic!("{}: {e}", out.display()));

    // The fit on the fitting rows, as the engine will compute it (quantised).
    let q = |b: usize, h: usize| i32::from(bytes[8 + 4 * HEADS + b * HEADS + h] as i8);
    let qbias = |h: usize| {
        let at = 8 + 4 * h;
        i32::from_le_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
    };
    let (mut right, mut kinds, mut kinds_right) = (0, 0, 0);
    for ex in &data {
        let mut s = [0i32; HEADS];
        for (h, sh) in s.iter_mut().enumerate() {
            *sh = qbias(h) + ex.buckets.iter().map(|&b| q(b as usize, h)).sum::<i32>();
        }
        right += usize::from((s[0] > 0) == ex.reasoned);
        if let (true, Some(kind)) = (ex.reasoned, ex.reason) {
            kinds += 1;
            let best = (1..HEADS)
                .max_by_key(|&h| (s[h], std::cmp::Reverse(h)))
                .unwrap_or(1);
            kinds_right += usize::from(best - 1 == kind.index());
        }
    }
    println!(
        "wrote {} ({} bytes): fitting rows reasoned-or-not {right}/{} right, reason kind {kinds_right}/{kinds}",
        out.display(),
        bytes.len(),
        data.len()
    );
}
