//! One stable sort for the engine's paths that sort a few or rarely (the ledger, its
//! messages, a card's controls). Each `slice::sort*` call on another element type makes
//! the compiler emit another copy of the standard library's sort (about ten functions, ~12
//! KB of wasm each, issue #18); these sort positions with one small merge sort and then
//! move the elements once. Same order as `slice::sort_by` (stable), O(n log n) compares.

use std::cmp::Ordering;

/// Stable sort by `cmp`, as `slice::sort_by`.
pub fn sort_by<T>(v: &mut Vec<T>, mut cmp: impl FnMut(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = order_by(v.len(), &mut |a, b| cmp(&v[a], &v[b]));
    let mut slots: Vec<Option<T>> = v.drain(..).map(Some).collect();
    // `order` is a permutation: every slot is taken exactly once.
    v.extend(order.into_iter().filter_map(|i| slots[i].take()));
}

/// Stable sort, as `slice::sort`.
pub fn sort<T: Ord>(v: &mut Vec<T>) {
    sort_by(v, T::cmp);
}

/// Stable sort by a key, as `slice::sort_by_key`.
pub fn sort_by_key<T, K: Ord>(v: &mut Vec<T>, mut key: impl FnMut(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// The positions `0..n` in the order `cmp` gives them: a bottom-up merge sort (stable: of
/// two equal elements the earlier one is taken first), a few hundred bytes of wasm where
/// the standard sort's one instance for this closure was ~19 KB.
#[inline(never)]
fn order_by(n: usize, cmp: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut merged = vec![0; n];
    let mut width = 1;
    while width < n {
        let mut start = 0;
        while start < n {
            let mid = (start + width).min(n);
            let end = (start + 2 * width).min(n);
            let (mut i, mut j, mut k) = (start, mid, start);
            while i < mid && j < end {
                if cmp(order[j], order[i]) == Ordering::Less {
                    merged[k] = order[j];
                    j += 1;
                } else {
                    merged[k] = order[i];
                    i += 1;
                }
                k += 1;
            }
            merged[k..k + (mid - i)].copy_from_slice(&order[i..mid]);
            k += mid - i;
            merged[k..end].copy_from_slice(&order[j..end]);
            start = end;
        }
        std::mem::swap(&mut order, &mut merged);
        width *= 2;
    }
    order
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Same order as the standard stable sort, ties included (only the key is compared,
        /// so a tie's original position shows).
        #[test]
        fn same_order_as_the_standard_stable_sort(v in proptest::collection::vec((0u8..6, any::<u32>()), 0..200)) {
            let mut ours = v.clone();
            sort_by_key(&mut ours, |&(k, _)| k);
            let mut std_order = v.clone();
            std_order.sort_by_key(|&(k, _)| k);
            prop_assert_eq!(&ours, &std_order);

            let mut ours = v.clone();
            sort_by(&mut ours, |a, b| b.0.cmp(&a.0));
            let mut std_order = v.clone();
            // `sort_by` itself is what this compares with.
            #[allow(clippy::unnecessary_sort_by)]
            std_order.sort_by(|a, b| b.0.cmp(&a.0));
            prop_assert_eq!(&ours, &std_order);

            let mut ours = v.clone();
            sort(&mut ours);
            let mut std_order = v;
            std_order.sort();
            prop_assert_eq!(ours, std_order);
        }
    }

    #[test]
    fn owned_values_are_moved_not_lost() {
        let mut v: Vec<String> = ["b", "c", "a", "b"].iter().map(|s| s.to_string()).collect();
        sort(&mut v);
        assert_eq!(v, ["a", "b", "b", "c"]);
    }
}
