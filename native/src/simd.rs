//! Batched dot-product and cosine-similarity kernels over a row-major `n × dim` matrix.
//!
//! The public functions validate shapes, then dispatch once per batch to the best kernel for
//! the running CPU: AVX2+FMA on x86_64 when detected at run time, a portable scalar loop
//! otherwise. Both kernels share the batch drivers below, so they differ only in the row
//! primitives `dot` and `dot_norm`.

use std::fmt;

/// The kernel path a batch runs on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    /// 256-bit AVX2 with fused multiply-add.
    Avx2Fma,
    /// Portable code with independent accumulators that the compiler can vectorise.
    Scalar,
}

impl Level {
    /// Detects the best level for this CPU (the detection result is cached by std).
    pub fn detect() -> Self {
        #[cfg(target_arch = "x86_64")]
        if std::arch::is_x86_feature_detected!("avx2") && std::arch::is_x86_feature_detected!("fma")
        {
            return Self::Avx2Fma;
        }
        Self::Scalar
    }

    /// Stable name reported to JavaScript.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Avx2Fma => "avx2+fma",
            Self::Scalar => "scalar",
        }
    }
}

/// Inconsistent shapes passed to a batch kernel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ShapeError {
    ZeroDim,
    Query { len: usize, dim: usize },
    Queries { len: usize, dim: usize },
    Matrix { len: usize, dim: usize },
    Out { len: usize, rows: usize },
    OutOverlapsInput,
}

impl fmt::Display for ShapeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Self::ZeroDim => f.write_str("dim must be a positive integer, got 0"),
            Self::Query { len, dim } => {
                write!(
                    f,
                    "query has length {len} but dim is {dim}; they must be equal"
                )
            }
            Self::Queries { len, dim } => {
                write!(
                    f,
                    "queries have length {len}, which is not a multiple of dim {dim}"
                )
            }
            Self::Matrix { len, dim } => {
                write!(
                    f,
                    "matrix has length {len}, which is not a multiple of dim {dim}"
                )
            }
            Self::Out { len, rows } => {
                write!(
                    f,
                    "out has length {len} but the matrix has {rows} rows; they must be equal"
                )
            }
            Self::OutOverlapsInput => f.write_str("out must not share memory with query or matrix"),
        }
    }
}

impl std::error::Error for ShapeError {}

/// Checks `query` (length `dim`) against `matrix` (`n × dim`) and returns `n`.
pub fn rows(query: &[f32], matrix: &[f32], dim: usize) -> Result<usize, ShapeError> {
    if dim == 0 {
        return Err(ShapeError::ZeroDim);
    }
    if query.len() != dim {
        return Err(ShapeError::Query {
            len: query.len(),
            dim,
        });
    }
    if !matrix.len().is_multiple_of(dim) {
        return Err(ShapeError::Matrix {
            len: matrix.len(),
            dim,
        });
    }
    Ok(matrix.len() / dim)
}

/// True when the two slices share at least one element.
pub fn overlaps(a: &[f32], b: &[f32]) -> bool {
    let (a, b) = (a.as_ptr_range(), b.as_ptr_range());
    a.start < b.end && b.start < a.end
}

/// Dot product of `query` with every row of `matrix`.
pub fn dot_batch(query: &[f32], matrix: &[f32], dim: usize) -> Result<Vec<f32>, ShapeError> {
    let mut out = vec![0.0; rows(query, matrix, dim)?];
    run(Level::detect(), Op::Dot, query, matrix, &mut out);
    Ok(out)
}

/// Cosine similarity of `query` with every row of `matrix`; a zero-norm side yields 0.
pub fn cosine_batch(query: &[f32], matrix: &[f32], dim: usize) -> Result<Vec<f32>, ShapeError> {
    let mut out = vec![0.0; rows(query, matrix, dim)?];
    run(Level::detect(), Op::Cosine, query, matrix, &mut out);
    Ok(out)
}

/// [`dot_batch`] into a caller-owned buffer of one element per row.
pub fn dot_batch_into(
    query: &[f32],
    matrix: &[f32],
    dim: usize,
    out: &mut [f32],
) -> Result<(), ShapeError> {
    check_out(rows(query, matrix, dim)?, out)?;
    run(Level::detect(), Op::Dot, query, matrix, out);
    Ok(())
}

/// [`cosine_batch`] into a caller-owned buffer of one element per row.
pub fn cosine_batch_into(
    query: &[f32],
    matrix: &[f32],
    dim: usize,
    out: &mut [f32],
) -> Result<(), ShapeError> {
    check_out(rows(query, matrix, dim)?, out)?;
    run(Level::detect(), Op::Cosine, query, matrix, out);
    Ok(())
}

fn check_out(rows: usize, out: &[f32]) -> Result<(), ShapeError> {
    if out.len() == rows {
        Ok(())
    } else {
        Err(ShapeError::Out {
            len: out.len(),
            rows,
        })
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Op {
    Dot,
    Cosine,
}

/// Runs `op` over validated shapes (`query.len() > 0`, `out.len()` rows) on `level`.
pub(crate) fn run(level: Level, op: Op, query: &[f32], matrix: &[f32], out: &mut [f32]) {
    debug_assert!(!query.is_empty() && matrix.len() == out.len() * query.len());
    match level {
        #[cfg(target_arch = "x86_64")]
        // SAFETY: `Avx2Fma` is only produced by `Level::detect` after both features were detected.
        Level::Avx2Fma => unsafe { avx2::run(op, query, matrix, out) },
        #[cfg(not(target_arch = "x86_64"))]
        Level::Avx2Fma => unreachable!("AVX2 is never detected off x86_64"),
        Level::Scalar => scalar::run(op, query, matrix, out),
    }
}

/// `dot / (|q| · |r|)`, or 0 when either norm is zero.
#[inline(always)]
fn cosine(dot: f32, query_norm: f32, row_norm: f32) -> f32 {
    let denom = query_norm * row_norm;
    if denom > 0.0 { dot / denom } else { 0.0 }
}

/// The batch drivers, instantiated in each kernel module so the row primitives inline into
/// code compiled with that module's target features.
macro_rules! batch_driver {
    ($(#[$attr:meta])*) => {
        #[inline]
        $(#[$attr])*
        fn drive(op: super::Op, query: &[f32], matrix: &[f32], out: &mut [f32]) {
            let rows = matrix.chunks_exact(query.len());
            match op {
                super::Op::Dot => {
                    for (o, row) in out.iter_mut().zip(rows) {
                        *o = dot(query, row);
                    }
                }
                super::Op::Cosine => {
                    let query_norm = dot(query, query).sqrt();
                    for (o, row) in out.iter_mut().zip(rows) {
                        let (d, row_sq) = dot_norm(query, row);
                        *o = super::cosine(d, query_norm, row_sq.sqrt());
                    }
                }
            }
        }
    };
}

pub(crate) mod scalar {
    /// Independent accumulators: enough for LLVM to keep a full vector of partial sums.
    const LANES: usize = 8;

    batch_driver!();

    pub fn run(op: super::Op, query: &[f32], matrix: &[f32], out: &mut [f32]) {
        drive(op, query, matrix, out);
    }

    /// `Σ aᵢbᵢ` over the common length.
    #[inline]
    pub fn dot(a: &[f32], b: &[f32]) -> f32 {
        let n = a.len().min(b.len());
        let (a_blocks, a_tail) = a[..n].as_chunks::<LANES>();
        let (b_blocks, b_tail) = b[..n].as_chunks::<LANES>();
        let mut acc = [0.0f32; LANES];
        for (x, y) in a_blocks.iter().zip(b_blocks) {
            for i in 0..LANES {
                acc[i] += x[i] * y[i];
            }
        }
        let tail: f32 = a_tail.iter().zip(b_tail).map(|(x, y)| x * y).sum();
        reduce(acc) + tail
    }

    /// `(Σ aᵢbᵢ, Σ bᵢ²)` in one pass over `b`.
    #[inline]
    pub fn dot_norm(a: &[f32], b: &[f32]) -> (f32, f32) {
        let n = a.len().min(b.len());
        let (a_blocks, a_tail) = a[..n].as_chunks::<LANES>();
        let (b_blocks, b_tail) = b[..n].as_chunks::<LANES>();
        let mut dot = [0.0f32; LANES];
        let mut norm = [0.0f32; LANES];
        for (x, y) in a_blocks.iter().zip(b_blocks) {
            for i in 0..LANES {
                dot[i] += x[i] * y[i];
                norm[i] += y[i] * y[i];
            }
        }
        let (mut d, mut s) = (reduce(dot), reduce(norm));
        for (x, y) in a_tail.iter().zip(b_tail) {
            d += x * y;
            s += y * y;
        }
        (d, s)
    }

    #[inline(always)]
    fn reduce(acc: [f32; LANES]) -> f32 {
        ((acc[0] + acc[4]) + (acc[1] + acc[5])) + ((acc[2] + acc[6]) + (acc[3] + acc[7]))
    }
}

#[cfg(target_arch = "x86_64")]
pub(crate) mod avx2 {
    use std::arch::x86_64::*;

    /// 8-wide vectors, 4 accumulators in flight to hide the FMA latency.
    const UNROLL: usize = 4;

    batch_driver!(#[target_feature(enable = "avx2,fma")]);

    /// # Safety
    /// The CPU must support AVX2 and FMA.
    #[target_feature(enable = "avx2,fma")]
    pub unsafe fn run(op: super::Op, query: &[f32], matrix: &[f32], out: &mut [f32]) {
        drive(op, query, matrix, out);
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn load(x: &[f32; 8]) -> __m256 {
        // SAFETY: `x` is 8 readable floats; `loadu` has no alignment requirement.
        unsafe { _mm256_loadu_ps(x.as_ptr()) }
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn hsum(v: __m256) -> f32 {
        let s = _mm_add_ps(_mm256_castps256_ps128(v), _mm256_extractf128_ps::<1>(v));
        let s = _mm_add_ps(s, _mm_movehl_ps(s, s));
        _mm_cvtss_f32(_mm_add_ss(s, _mm_movehdup_ps(s)))
    }

    #[inline]
    #[target_feature(enable = "avx2,fma")]
    fn sum(acc: [__m256; UNROLL]) -> f32 {
        hsum(_mm256_add_ps(
            _mm256_add_ps(acc[0], acc[1]),
            _mm256_add_ps(acc[2], acc[3]),
        ))
    }

    /// `Σ aᵢbᵢ` over the common length.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    pub fn dot(a: &[f32], b: &[f32]) -> f32 {
        let n = a.len().min(b.len());
        let (a8, a_tail) = a[..n].as_chunks::<8>();
        let (b8, b_tail) = b[..n].as_chunks::<8>();
        let mut acc = [_mm256_setzero_ps(); UNROLL];
        let (mut xs, mut ys) = (a8.chunks_exact(UNROLL), b8.chunks_exact(UNROLL));
        for (x, y) in (&mut xs).zip(&mut ys) {
            for k in 0..UNROLL {
                acc[k] = _mm256_fmadd_ps(load(&x[k]), load(&y[k]), acc[k]);
            }
        }
        for (k, (x, y)) in xs.remainder().iter().zip(ys.remainder()).enumerate() {
            acc[k] = _mm256_fmadd_ps(load(x), load(y), acc[k]);
        }
        let mut d = sum(acc);
        for (x, y) in a_tail.iter().zip(b_tail) {
            d = x.mul_add(*y, d);
        }
        d
    }

    /// `(Σ aᵢbᵢ, Σ bᵢ²)` in one pass over `b`.
    #[inline]
    #[target_feature(enable = "avx2,fma")]
    pub fn dot_norm(a: &[f32], b: &[f32]) -> (f32, f32) {
        let n = a.len().min(b.len());
        let (a8, a_tail) = a[..n].as_chunks::<8>();
        let (b8, b_tail) = b[..n].as_chunks::<8>();
        let mut dot = [_mm256_setzero_ps(); UNROLL];
        let mut norm = [_mm256_setzero_ps(); UNROLL];
        let (mut xs, mut ys) = (a8.chunks_exact(UNROLL), b8.chunks_exact(UNROLL));
        for (x, y) in (&mut xs).zip(&mut ys) {
            for k in 0..UNROLL {
                let yv = load(&y[k]);
                dot[k] = _mm256_fmadd_ps(load(&x[k]), yv, dot[k]);
                norm[k] = _mm256_fmadd_ps(yv, yv, norm[k]);
            }
        }
        for (k, (x, y)) in xs.remainder().iter().zip(ys.remainder()).enumerate() {
            let yv = load(y);
            dot[k] = _mm256_fmadd_ps(load(x), yv, dot[k]);
            norm[k] = _mm256_fmadd_ps(yv, yv, norm[k]);
        }
        let (mut d, mut s) = (sum(dot), sum(norm));
        for (x, y) in a_tail.iter().zip(b_tail) {
            d = x.mul_add(*y, d);
            s = y.mul_add(*y, s);
        }
        (d, s)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SplitMix64: deterministic test data without a `rand` dependency.
    struct Rng(u64);

    impl Rng {
        fn next_f32(&mut self) -> f32 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^= z >> 31;
            // Uniform in [-1, 1).
            (z >> 40) as f32 / (1u64 << 23) as f32 - 1.0
        }

        fn vec(&mut self, len: usize) -> Vec<f32> {
            (0..len).map(|_| self.next_f32()).collect()
        }
    }

    const DIMS: [usize; 3] = [384, 768, 1000];

    fn lengths() -> impl Iterator<Item = usize> {
        (0..=67).chain(DIMS)
    }

    /// Error bound relative to the magnitude of the summed terms (`Σ|aᵢbᵢ|`), which is
    /// what floating-point summation error scales with even when the sum cancels.
    fn assert_close(got: f32, want: f64, magnitude: f64, what: &str) {
        let err = (got as f64 - want).abs();
        assert!(
            err <= 1e-4 * magnitude.max(f64::MIN_POSITIVE) + 1e-30,
            "{what}: got {got}, want {want} (magnitude {magnitude})"
        );
    }

    fn reference_dot(a: &[f32], b: &[f32]) -> (f64, f64) {
        a.iter().zip(b).fold((0.0, 0.0), |(s, m), (&x, &y)| {
            let p = x as f64 * y as f64;
            (s + p, m + p.abs())
        })
    }

    #[test]
    fn level_names() {
        assert_eq!(Level::Avx2Fma.as_str(), "avx2+fma");
        assert_eq!(Level::Scalar.as_str(), "scalar");
        assert!(["avx2+fma", "scalar"].contains(&Level::detect().as_str()));
    }

    #[test]
    fn row_kernels_match_f64_reference() {
        let mut rng = Rng(1);
        for len in lengths() {
            let (a, b) = (rng.vec(len), rng.vec(len));
            let (want, mag) = reference_dot(&a, &b);
            let (norm, _) = reference_dot(&b, &b);
            assert_close(
                scalar::dot(&a, &b),
                want,
                mag,
                &format!("scalar dot len {len}"),
            );
            let (d, n) = scalar::dot_norm(&a, &b);
            assert_close(d, want, mag, &format!("scalar dot_norm.0 len {len}"));
            assert_close(n, norm, norm, &format!("scalar dot_norm.1 len {len}"));
        }
    }

    #[cfg(target_arch = "x86_64")]
    #[test]
    fn avx2_agrees_with_scalar() {
        if Level::detect() != Level::Avx2Fma {
            eprintln!("AVX2+FMA not available on this CPU: only the scalar path is tested");
            return;
        }
        let mut rng = Rng(2);
        for len in lengths() {
            for _ in 0..4 {
                let (a, b) = (rng.vec(len), rng.vec(len));
                let (_, mag) = reference_dot(&a, &b);
                let (norm, _) = reference_dot(&b, &b);
                // SAFETY: AVX2 and FMA were detected above.
                let (simd, (sd, sn)) = unsafe { (avx2::dot(&a, &b), avx2::dot_norm(&a, &b)) };
                let scalar = scalar::dot(&a, &b);
                let (d, n) = scalar::dot_norm(&a, &b);
                assert_close(simd, scalar as f64, mag, &format!("dot len {len}"));
                assert_close(sd, d as f64, mag, &format!("dot_norm.0 len {len}"));
                assert_close(sn, n as f64, norm, &format!("dot_norm.1 len {len}"));
            }
        }
    }

    #[test]
    fn batches_agree_across_levels() {
        let mut rng = Rng(3);
        for dim in (1..=67).step_by(3).chain(DIMS) {
            let rows = 1 + dim % 7;
            let (query, matrix) = (rng.vec(dim), rng.vec(rows * dim));
            for op in [Op::Dot, Op::Cosine] {
                let mut want = vec![0.0; rows];
                run(Level::Scalar, op, &query, &matrix, &mut want);
                let mut got = vec![f32::NAN; rows];
                run(Level::detect(), op, &query, &matrix, &mut got);
                for (i, row) in matrix.chunks_exact(dim).enumerate() {
                    let mag = match op {
                        Op::Dot => reference_dot(&query, row).1,
                        Op::Cosine => 1.0,
                    };
                    assert_close(
                        got[i],
                        want[i] as f64,
                        mag,
                        &format!("{op:?} dim {dim} row {i}"),
                    );
                }
            }
            let via_api = dot_batch(&query, &matrix, dim).unwrap();
            assert_eq!(via_api.len(), rows);
        }
    }

    #[test]
    fn cosine_matches_definition() {
        let mut rng = Rng(4);
        let dim = 384;
        let (query, matrix) = (rng.vec(dim), rng.vec(5 * dim));
        let got = cosine_batch(&query, &matrix, dim).unwrap();
        let (qq, _) = reference_dot(&query, &query);
        for (row, &g) in matrix.chunks_exact(dim).zip(&got) {
            let (d, _) = reference_dot(&query, row);
            let (rr, _) = reference_dot(row, row);
            assert_close(g, d / (qq.sqrt() * rr.sqrt()), 1.0, "cosine");
        }
        // A row is perfectly similar to itself and to a positive multiple of itself.
        let scaled: Vec<f32> = query
            .iter()
            .chain(&query)
            .enumerate()
            .map(|(i, x)| if i < dim { *x } else { 3.0 * x })
            .collect();
        for c in cosine_batch(&query, &scaled, dim).unwrap() {
            assert!((c - 1.0).abs() < 1e-5, "self-similarity {c}");
        }
    }

    #[test]
    fn cosine_zero_norm_is_zero() {
        let query = [1.0, 2.0, 3.0];
        let matrix = [0.0, 0.0, 0.0, 1.0, 2.0, 3.0];
        let got = cosine_batch(&query, &matrix, 3).unwrap();
        assert_eq!(got[0], 0.0);
        assert!((got[1] - 1.0).abs() < 1e-6);
        let got = cosine_batch(&[0.0; 3], &matrix, 3).unwrap();
        assert_eq!(got, [0.0, 0.0]);
        for level in [Level::Scalar, Level::detect()] {
            let mut out = [f32::NAN; 2];
            run(level, Op::Cosine, &[0.0; 3], &matrix, &mut out);
            assert_eq!(out, [0.0, 0.0], "{level:?}");
        }
    }

    #[test]
    fn into_writes_the_given_buffer() {
        let query = [1.0, 0.0];
        let matrix = [2.0, 5.0, -1.0, 7.0, 0.5, 0.0];
        let mut out = [f32::NAN; 3];
        dot_batch_into(&query, &matrix, 2, &mut out).unwrap();
        assert_eq!(out, [2.0, -1.0, 0.5]);
        cosine_batch_into(&query, &matrix, 2, &mut out).unwrap();
        assert!((out[0] - 2.0 / 29f32.sqrt()).abs() < 1e-6);
        assert_eq!(out[2], 1.0);
    }

    #[test]
    fn empty_matrix_gives_empty_result() {
        assert_eq!(dot_batch(&[1.0; 4], &[], 4).unwrap(), Vec::<f32>::new());
        assert_eq!(cosine_batch(&[1.0; 4], &[], 4).unwrap(), Vec::<f32>::new());
        dot_batch_into(&[1.0; 4], &[], 4, &mut []).unwrap();
    }

    #[test]
    fn shape_errors() {
        let q = [0.0f32; 4];
        assert_eq!(dot_batch(&[], &[], 0), Err(ShapeError::ZeroDim));
        assert_eq!(
            cosine_batch(&q, &[0.0; 8], 3),
            Err(ShapeError::Query { len: 4, dim: 3 })
        );
        assert_eq!(
            dot_batch(&q, &[0.0; 9], 4),
            Err(ShapeError::Matrix { len: 9, dim: 4 })
        );
        assert_eq!(
            cosine_batch_into(&q, &[0.0; 8], 4, &mut [0.0; 3]),
            Err(ShapeError::Out { len: 3, rows: 2 })
        );
        assert_eq!(
            ShapeError::Matrix { len: 9, dim: 4 }.to_string(),
            "matrix has length 9, which is not a multiple of dim 4"
        );
    }

    #[test]
    fn overlap_detection() {
        let buf = [0.0f32; 8];
        assert!(overlaps(&buf[..4], &buf[3..]));
        assert!(!overlaps(&buf[..4], &buf[4..]));
        assert!(!overlaps(&buf[..0], &buf));
        let other = [0.0f32; 2];
        assert!(!overlaps(&buf, &other));
    }
}
