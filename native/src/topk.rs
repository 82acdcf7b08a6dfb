//! Batched exact top-k by cosine similarity: the scan behind the vector indexes' async batch
//! search. Plain Rust over borrowed slices, so it runs on any thread; [`crate`] wraps it in a
//! Node-API `AsyncTask` (`cosineTopkBatch`) that runs it off the event loop.

use crate::simd::{self, ShapeError};
use std::cmp::Reverse;
use std::collections::BinaryHeap;

/// Rows whose score ties the k-th best score are all returned, up to this many beyond `k`, so
/// the caller can break ties by its own key (the vector indexes break them by id).
pub const MAX_EXTRA_TIES: usize = 1024;

/// The best rows of each query: query `i` owns `rows[offsets[i]..offsets[i + 1]]`, best
/// first (ties by row), with `scores` alongside.
#[derive(Debug, Default, PartialEq)]
pub struct TopK {
    pub rows: Vec<u32>,
    pub scores: Vec<f32>,
    pub offsets: Vec<u32>,
}

/// For each of `queries` (flat `nq × dim`), the `k` rows of `matrix` (flat `n × dim`) with
/// the highest cosine, plus every further row that ties the k-th score (at most
/// [`MAX_EXTRA_TIES`] of them). Queries are split over up to `threads` threads (0 = one per
/// core). NaN scores rank last.
///
/// ```
/// let m = [1.0, 0.0, 0.0, 1.0];
/// let t = kefu_native::topk::cosine_topk_batch(&[0.0, 1.0], &m, 2, 1, 1).unwrap();
/// assert_eq!(t.rows, vec![1]);
/// ```
pub fn cosine_topk_batch(
    queries: &[f32],
    matrix: &[f32],
    dim: usize,
    k: usize,
    threads: usize,
) -> Result<TopK, ShapeError> {
    if dim == 0 {
        return Err(ShapeError::ZeroDim);
    }
    if !queries.len().is_multiple_of(dim) {
        return Err(ShapeError::Queries {
            len: queries.len(),
            dim,
        });
    }
    if !matrix.len().is_multiple_of(dim) {
        return Err(ShapeError::Matrix {
            len: matrix.len(),
            dim,
        });
    }
    let nq = queries.len() / dim;
    let n = matrix.len() / dim;
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |p| p.get())
    } else {
        threads
    }
    .clamp(1, nq.max(1));
    let per = nq.div_ceil(threads).max(1);
    let parts: Vec<Vec<(Vec<u32>, Vec<f32>)>> = std::thread::scope(|s| {
        let handles: Vec<_> = queries
            .chunks(per * dim)
            .map(|chunk| {
                s.spawn(move || {
                    let mut scores = vec![0.0f32; n];
                    let mut heap = BinaryHeap::with_capacity(k.min(n) + 1);
                    chunk
                        .chunks(dim)
                        .map(|q| {
                            simd::cosine_batch_into(q, matrix, dim, &mut scores)
                                .expect("shapes checked above");
                            best_rows(&scores, k, &mut heap)
                        })
                        .collect()
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("top-k thread panicked"))
            .collect()
    });
    let mut out = TopK {
        offsets: vec![0],
        ..TopK::default()
    };
    for (rows, scores) in parts.into_iter().flatten() {
        out.rows.extend_from_slice(&rows);
        out.scores.extend_from_slice(&scores);
        out.offsets.push(out.rows.len() as u32);
    }
    Ok(out)
}

/// Orders scores best first; NaN ranks below every number.
fn rank(a: f32, b: f32) -> std::cmp::Ordering {
    match (a.is_nan(), b.is_nan()) {
        (true, true) => std::cmp::Ordering::Equal,
        (true, false) => std::cmp::Ordering::Greater,
        (false, true) => std::cmp::Ordering::Less,
        _ => b.partial_cmp(&a).expect("not NaN"),
    }
}

/// A score as a totally ordered heap key: NaN becomes -inf (ranks last).
#[derive(Clone, Copy, PartialEq, PartialOrd)]
struct Key(f32);

impl Key {
    fn of(s: f32) -> Self {
        Self(if s.is_nan() { f32::NEG_INFINITY } else { s })
    }
}

impl Eq for Key {}

impl Ord for Key {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.partial_cmp(other).expect("keys are never NaN")
    }
}

/// The best `k` rows of `scores` plus the rows tying the k-th score, best first, ties by row.
/// One pass keeps the k best scores in a min-heap (most rows fail one comparison), a second
/// collects the rows at or above the k-th score.
fn best_rows(
    scores: &[f32],
    k: usize,
    heap: &mut BinaryHeap<Reverse<Key>>,
) -> (Vec<u32>, Vec<f32>) {
    let n = scores.len();
    if k == 0 || n == 0 {
        return (Vec::new(), Vec::new());
    }
    let mut rows: Vec<u32> = if k >= n {
        (0..n as u32).collect()
    } else {
        heap.clear();
        for &s in scores {
            let s = Key::of(s);
            if heap.len() < k {
                heap.push(Reverse(s));
            } else if s > heap.peek().expect("k > 0").0 {
                heap.pop();
                heap.push(Reverse(s));
            }
        }
        let kth = heap.peek().expect("k > 0").0;
        let mut rows = Vec::with_capacity(k);
        let mut ties = 0;
        for (r, &s) in scores.iter().enumerate() {
            let s = Key::of(s);
            if s > kth {
                rows.push(r as u32);
            } else if s == kth && ties < k + MAX_EXTRA_TIES {
                ties += 1;
                rows.push(r as u32);
            }
        }
        rows
    };
    rows.sort_unstable_by(|a, b| rank(scores[*a as usize], scores[*b as usize]).then(a.cmp(b)));
    let s = rows.iter().map(|&r| scores[r as usize]).collect();
    (rows, s)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows_of(t: &TopK, q: usize) -> &[u32] {
        &t.rows[t.offsets[q] as usize..t.offsets[q + 1] as usize]
    }

    #[test]
    fn matches_a_full_sort_for_each_query() {
        let dim = 8;
        let n = 500;
        let mut seed = 7u32;
        let mut next = || {
            seed = seed.wrapping_mul(1_664_525).wrapping_add(1_013_904_223);
            (seed >> 8) as f32 / (1u32 << 24) as f32 - 0.5
        };
        let matrix: Vec<f32> = (0..n * dim).map(|_| next()).collect();
        let queries: Vec<f32> = (0..5 * dim).map(|_| next()).collect();
        let t = cosine_topk_batch(&queries, &matrix, dim, 10, 2).unwrap();
        assert_eq!(t.offsets.len(), 6);
        for (qi, q) in queries.chunks(dim).enumerate() {
            let s = simd::cosine_batch(q, &matrix, dim).unwrap();
            let mut all: Vec<u32> = (0..n as u32).collect();
            all.sort_by(|a, b| rank(s[*a as usize], s[*b as usize]).then(a.cmp(b)));
            assert_eq!(rows_of(&t, qi), &all[..10]);
        }
    }

    #[test]
    fn ties_at_the_kth_score_are_all_returned() {
        // Rows 1..=4 are the same vector: k = 2 must return all four ties.
        let m = [0.0, 1.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0, 1.0, 0.0];
        let t = cosine_topk_batch(&[1.0, 0.0], &m, 2, 2, 1).unwrap();
        assert_eq!(t.rows, vec![1, 2, 3, 4]);
        assert_eq!(t.offsets, vec![0, 4]);
    }

    #[test]
    fn small_index_empty_index_and_k_zero() {
        let m = [1.0, 0.0, 0.0, 1.0];
        let t = cosine_topk_batch(&[1.0, 0.0, 0.0, 1.0], &m, 2, 5, 0).unwrap();
        assert_eq!(t.rows, vec![0, 1, 1, 0]);
        assert_eq!(t.offsets, vec![0, 2, 4]);
        let t = cosine_topk_batch(&[1.0, 0.0], &[], 2, 5, 0).unwrap();
        assert_eq!(t.offsets, vec![0, 0]);
        let t = cosine_topk_batch(&[1.0, 0.0], &m, 2, 0, 0).unwrap();
        assert!(t.rows.is_empty());
        let t = cosine_topk_batch(&[], &m, 2, 3, 0).unwrap();
        assert_eq!(t.offsets, vec![0]);
    }

    #[test]
    fn bad_shapes_are_errors() {
        let q = cosine_topk_batch(&[1.0], &[1.0, 0.0], 2, 1, 0);
        assert_eq!(q, Err(ShapeError::Queries { len: 1, dim: 2 }));
        let m = cosine_topk_batch(&[1.0, 0.0], &[1.0], 2, 1, 0);
        assert_eq!(m, Err(ShapeError::Matrix { len: 1, dim: 2 }));
        let z = cosine_topk_batch(&[1.0, 0.0], &[1.0], 0, 1, 0);
        assert_eq!(z, Err(ShapeError::ZeroDim));
    }
}
