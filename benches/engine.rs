//! Engine benchmarks (skeleton; the engine issue adds the real ones).
use criterion::{criterion_group, criterion_main, Criterion};

fn bench_fold(c: &mut Criterion) {
    c.bench_function("fold", |b| {
        b.iter(|| {
            askfirst::core::text::fold(
                "I’d like to add you to my professional network on LinkedIn.",
            )
        })
    });
}

criterion_group!(benches, bench_fold);
criterion_main!(benches);
