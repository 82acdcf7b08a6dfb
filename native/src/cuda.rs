//! The `cuda` feature: the embedder's BERT forward pass on an NVIDIA GPU, built without the
//! CUDA toolkit. cudarc loads the driver, NVRTC and cuBLAS at run time (`dlopen`); the
//! element- and row-wise kernels (`kernels.cu`) are compiled by NVRTC when the model loads;
//! matrix products are cuBLAS SGEMMs (f32 throughout, as the CPU path).
//!
//! The forward pass is written once, generic over [`Ops`]: [`CudaOps`] runs it on the GPU,
//! and the tests run it with `HostOps`, which executes the very same `kernels.cu` compiled
//! for the CPU (`kernels_host.cpp`, a loop over the grid) and a column-major SGEMM with
//! cuBLAS's argument conventions, and compare the result with candle's CPU forward pass.
//! What the tests cannot cover without a GPU: cuBLAS itself, NVRTC and the copies.

use candle_core::{Device, Tensor};
use candle_transformers::models::bert::Config;
use cudarc::cublas::{CudaBlas, Gemm, GemmConfig, StridedBatchedConfig, sys::cublasOperation_t};
use cudarc::driver::{
    CudaContext, CudaFunction, CudaSlice, CudaStream, LaunchConfig, PushKernelArg,
};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The CUDA C source of the kernels.
pub const KERNELS: &str = include_str!("kernels.cu");
/// Threads per block of every launch.
pub const BLOCK: u32 = 128;

/// One strided-batched SGEMM with cuBLAS's (column-major) conventions:
/// `C[i] = alpha · op(A[i]) · op(B[i])`, `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`.
#[derive(Clone, Copy, Debug)]
pub struct GemmArgs {
    pub trans_a: bool,
    pub trans_b: bool,
    pub m: usize,
    pub n: usize,
    pub k: usize,
    pub lda: usize,
    pub ldb: usize,
    pub ldc: usize,
    pub stride_a: usize,
    pub stride_b: usize,
    pub stride_c: usize,
    pub batch: usize,
    pub alpha: f32,
}

impl GemmArgs {
    /// Row-major `C (rows × out) = X (rows × inp) · Wᵀ` with `W` row-major `out × inp` (a
    /// linear layer): in column-major terms `Cᵀ = W · Xᵀ`.
    pub fn linear(rows: usize, inp: usize, out: usize) -> Self {
        Self {
            trans_a: true,
            trans_b: false,
            m: out,
            n: rows,
            k: inp,
            lda: inp,
            ldb: inp,
            ldc: out,
            stride_a: 0,
            stride_b: 0,
            stride_c: 0,
            batch: 1,
            alpha: 1.0,
        }
    }

    /// Row-major, batched: `C[i] (m × n) = alpha · A[i] (m × k) · op(B[i])` with `B[i]` row-major
    /// `n × k` when `b_transposed` (then `op(B) = Bᵀ`), else `k × n`.
    pub fn batched_row_major(
        batch: usize,
        m: usize,
        n: usize,
        k: usize,
        b_transposed: bool,
        alpha: f32,
    ) -> Self {
        // Column-major Cᵀ (n × m) = op(B)ᵀ · Aᵀ.
        Self {
            trans_a: b_transposed,
            trans_b: false,
            m: n,
            n: m,
            k,
            lda: if b_transposed { k } else { n },
            ldb: k,
            ldc: n,
            stride_a: n * k,
            stride_b: m * k,
            stride_c: m * n,
            batch,
            alpha,
        }
    }
}

/// The steps of the forward pass, for one device. Kernels take the arguments of the
/// `kernels.cu` function of the same name; launches use [`BLOCK`] threads a block.
pub trait Ops {
    type Buf;
    type Ids;
    fn upload(&self, data: &[f32]) -> Result<Self::Buf, String>;
    fn upload_ids(&self, data: &[u32]) -> Result<Self::Ids, String>;
    fn alloc(&self, len: usize) -> Result<Self::Buf, String>;
    fn download(&self, buf: &Self::Buf) -> Result<Vec<f32>, String>;
    /// `C = alpha · op(A) · op(B)` (beta 0), where `a` is the first operand as cuBLAS sees it.
    fn gemm(
        &self,
        g: GemmArgs,
        a: &Self::Buf,
        b: &Self::Buf,
        c: &mut Self::Buf,
    ) -> Result<(), String>;
    #[allow(clippy::too_many_arguments)]
    fn embed(
        &self,
        ids: &Self::Ids,
        w: &Weights<Self::Buf>,
        out: &mut Self::Buf,
        rows: usize,
        len: usize,
    ) -> Result<(), String>;
    fn bias_act(
        &self,
        x: &mut Self::Buf,
        bias: &Self::Buf,
        rows: usize,
        cols: usize,
        gelu: bool,
    ) -> Result<(), String>;
    #[allow(clippy::too_many_arguments)]
    fn bias_residual_layernorm(
        &self,
        x: &mut Self::Buf,
        bias: &Self::Buf,
        resid: &Self::Buf,
        gamma: &Self::Buf,
        beta: &Self::Buf,
        rows: usize,
        dim: usize,
        eps: f32,
    ) -> Result<(), String>;
    fn softmax_mask(
        &self,
        s: &mut Self::Buf,
        mask: &Self::Ids,
        batch: usize,
        heads: usize,
        len: usize,
        scale: f32,
    ) -> Result<(), String>;
    #[allow(clippy::too_many_arguments)]
    fn heads(
        &self,
        src: &Self::Buf,
        dst: &mut Self::Buf,
        n: usize,
        len: usize,
        heads: usize,
        hd: usize,
        split: bool,
    ) -> Result<(), String>;
}

/// Grid size for `total` threads.
pub fn grid(total: usize) -> u32 {
    total.div_ceil(BLOCK as usize).max(1) as u32
}

/// One encoder layer's weights (linear weights row-major `out × in`, as stored).
pub struct Layer<B> {
    q: (B, B),
    k: (B, B),
    v: (B, B),
    o: (B, B),
    ln1: (B, B),
    inter: (B, B),
    out: (B, B),
    ln2: (B, B),
}

/// The model's weights on one device, and its shape.
pub struct Weights<B> {
    pub word: B,
    pub pos: B,
    pub type0: B,
    pub ln: (B, B),
    layers: Vec<Layer<B>>,
    pub dim: usize,
    pub heads: usize,
    pub inter: usize,
    pub eps: f32,
    pub max_len: usize,
}

/// Reads the safetensors file into host tensors (the names of a BERT checkpoint, with or
/// without a `bert.` prefix) and uploads them with `ops`.
pub fn load_weights<O: Ops>(
    ops: &O,
    weights: &Path,
    cfg: &Config,
) -> Result<Weights<O::Buf>, String> {
    let map: HashMap<String, Tensor> = candle_core::safetensors::load(weights, &Device::Cpu)
        .map_err(|e| format!("model.safetensors: {e}"))?;
    let get = |name: &str| -> Result<Vec<f32>, String> {
        let t = map
            .get(name)
            .or_else(|| map.get(&format!("bert.{name}")))
            .ok_or_else(|| format!("model.safetensors has no tensor {name}"))?;
        t.to_dtype(candle_core::DType::F32)
            .and_then(|t| t.flatten_all())
            .and_then(|t| t.to_vec1::<f32>())
            .map_err(|e| format!("{name}: {e}"))
    };
    let up = |name: &str| ops.upload(&get(name)?);
    let pair = |p: &str| -> Result<(O::Buf, O::Buf), String> {
        Ok((up(&format!("{p}.weight"))?, up(&format!("{p}.bias"))?))
    };
    let ln = |p: &str| -> Result<(O::Buf, O::Buf), String> {
        // Old checkpoints name LayerNorm parameters gamma/beta.
        match (get(&format!("{p}.weight")), get(&format!("{p}.bias"))) {
            (Ok(g), Ok(b)) => Ok((ops.upload(&g)?, ops.upload(&b)?)),
            _ => Ok((up(&format!("{p}.gamma"))?, up(&format!("{p}.beta"))?)),
        }
    };
    let dim = cfg.hidden_size;
    let type0 = get("embeddings.token_type_embeddings.weight")?;
    let mut layers = Vec::with_capacity(cfg.num_hidden_layers);
    for i in 0..cfg.num_hidden_layers {
        let p = format!("encoder.layer.{i}");
        layers.push(Layer {
            q: pair(&format!("{p}.attention.self.query"))?,
            k: pair(&format!("{p}.attention.self.key"))?,
            v: pair(&format!("{p}.attention.self.value"))?,
            o: pair(&format!("{p}.attention.output.dense"))?,
            ln1: ln(&format!("{p}.attention.output.LayerNorm"))?,
            inter: pair(&format!("{p}.intermediate.dense"))?,
            out: pair(&format!("{p}.output.dense"))?,
            ln2: ln(&format!("{p}.output.LayerNorm"))?,
        });
    }
    Ok(Weights {
        word: up("embeddings.word_embeddings.weight")?,
        pos: up("embeddings.position_embeddings.weight")?,
        type0: ops.upload(&type0[..dim])?,
        ln: ln("embeddings.LayerNorm")?,
        layers,
        dim,
        heads: cfg.num_attention_heads,
        inter: cfg.intermediate_size,
        eps: cfg.layer_norm_eps as f32,
        max_len: cfg.max_position_embeddings,
    })
}

/// The BERT encoder: `ids` and `mask` are `n × len`; returns the last hidden states,
/// `n × len × dim`, row-major (the same as candle's `BertModel::forward`).
pub fn forward<O: Ops>(
    ops: &O,
    w: &Weights<O::Buf>,
    ids: &[u32],
    mask: &[u32],
    n: usize,
    len: usize,
) -> Result<Vec<f32>, String> {
    if len > w.max_len || ids.len() != n * len || mask.len() != n * len {
        return Err(format!("bad batch shape {n} × {len}"));
    }
    let (dim, heads, inter) = (w.dim, w.heads, w.inter);
    let hd = dim / heads;
    let rows = n * len;
    let ids_d = ops.upload_ids(ids)?;
    let mask_d = ops.upload_ids(mask)?;
    let mut x = ops.alloc(rows * dim)?;
    ops.embed(&ids_d, w, &mut x, rows, len)?;
    let (mut q, mut k, mut v) = (
        ops.alloc(rows * dim)?,
        ops.alloc(rows * dim)?,
        ops.alloc(rows * dim)?,
    );
    let (mut qh, mut kh, mut vh) = (
        ops.alloc(rows * dim)?,
        ops.alloc(rows * dim)?,
        ops.alloc(rows * dim)?,
    );
    let mut scores = ops.alloc(n * heads * len * len)?;
    let mut attn = ops.alloc(rows * dim)?;
    let mut inter_buf = ops.alloc(rows * inter)?;
    let lin = GemmArgs::linear(rows, dim, dim);
    for l in &w.layers {
        for ((dst, dsth), (wt, b)) in [(&mut q, &mut qh), (&mut k, &mut kh), (&mut v, &mut vh)]
            .into_iter()
            .zip([&l.q, &l.k, &l.v])
        {
            ops.gemm(lin, wt, &x, dst)?;
            ops.bias_act(dst, b, rows, dim, false)?;
            ops.heads(dst, dsth, n, len, heads, hd, true)?;
        }
        // scores[b,h] = qh[b,h] · kh[b,h]ᵀ, scaled and masked in the softmax.
        ops.gemm(
            GemmArgs::batched_row_major(n * heads, len, len, hd, true, 1.0),
            &kh,
            &qh,
            &mut scores,
        )?;
        ops.softmax_mask(
            &mut scores,
            &mask_d,
            n,
            heads,
            len,
            1.0 / (hd as f32).sqrt(),
        )?;
        // context[b,h] = probs[b,h] · vh[b,h], into q's head-split buffer, merged into `attn`.
        ops.gemm(
            GemmArgs::batched_row_major(n * heads, len, hd, len, false, 1.0),
            &vh,
            &scores,
            &mut qh,
        )?;
        ops.heads(&qh, &mut attn, n, len, heads, hd, false)?;
        ops.gemm(lin, &l.o.0, &attn, &mut q)?;
        ops.bias_residual_layernorm(&mut q, &l.o.1, &x, &l.ln1.0, &l.ln1.1, rows, dim, w.eps)?;
        ops.gemm(
            GemmArgs::linear(rows, dim, inter),
            &l.inter.0,
            &q,
            &mut inter_buf,
        )?;
        ops.bias_act(&mut inter_buf, &l.inter.1, rows, inter, true)?;
        ops.gemm(
            GemmArgs::linear(rows, inter, dim),
            &l.out.0,
            &inter_buf,
            &mut x,
        )?;
        ops.bias_residual_layernorm(&mut x, &l.out.1, &q, &l.ln2.0, &l.ln2.1, rows, dim, w.eps)?;
    }
    ops.download(&x)
}

/// The GPU: a CUDA context, its stream, cuBLAS and the NVRTC-compiled kernels.
pub struct CudaOps {
    stream: Arc<CudaStream>,
    blas: CudaBlas,
    f: HashMap<&'static str, CudaFunction>,
}

fn e(err: impl std::fmt::Debug) -> String {
    format!("{err:?}")
}

impl CudaOps {
    /// Opens device 0: fails (without panicking) when the driver library is absent, no device
    /// answers, or NVRTC / cuBLAS cannot be loaded.
    pub fn open() -> Result<Self, String> {
        // cudarc panics when a library it needs cannot be dlopen-ed: ask first.
        // SAFETY: these only try to dlopen the libraries.
        unsafe {
            if !cudarc::driver::sys::is_culib_present() {
                return Err("libcuda (the NVIDIA driver) not found".into());
            }
            if !cudarc::nvrtc::sys::is_culib_present() {
                return Err("libnvrtc not found".into());
            }
            if !cudarc::cublas::sys::is_culib_present() {
                return Err("libcublas not found".into());
            }
        }
        let ctx = CudaContext::new(0).map_err(e)?;
        let stream = ctx.default_stream();
        let ptx = cudarc::nvrtc::compile_ptx(KERNELS).map_err(e)?;
        let module = ctx.load_module(ptx).map_err(e)?;
        let mut f = HashMap::new();
        for name in [
            "kefu_embed",
            "kefu_bias_act",
            "kefu_bias_residual_layernorm",
            "kefu_softmax_mask",
            "kefu_heads",
        ] {
            f.insert(name, module.load_function(name).map_err(e)?);
        }
        let blas = CudaBlas::new(stream.clone()).map_err(e)?;
        Ok(Self { stream, blas, f })
    }

    fn cfg(total: usize) -> LaunchConfig {
        LaunchConfig {
            grid_dim: (grid(total), 1, 1),
            block_dim: (BLOCK, 1, 1),
            shared_mem_bytes: 0,
        }
    }
}

fn i(v: usize) -> i32 {
    v as i32
}

impl Ops for CudaOps {
    type Buf = CudaSlice<f32>;
    type Ids = CudaSlice<u32>;
    fn upload(&self, data: &[f32]) -> Result<Self::Buf, String> {
        self.stream.memcpy_stod(data).map_err(e)
    }
    fn upload_ids(&self, data: &[u32]) -> Result<Self::Ids, String> {
        self.stream.memcpy_stod(data).map_err(e)
    }
    fn alloc(&self, len: usize) -> Result<Self::Buf, String> {
        self.stream.alloc_zeros::<f32>(len).map_err(e)
    }
    fn download(&self, buf: &Self::Buf) -> Result<Vec<f32>, String> {
        self.stream.memcpy_dtov(buf).map_err(e)
    }
    fn gemm(
        &self,
        g: GemmArgs,
        a: &Self::Buf,
        b: &Self::Buf,
        c: &mut Self::Buf,
    ) -> Result<(), String> {
        let op = |t: bool| {
            if t {
                cublasOperation_t::CUBLAS_OP_T
            } else {
                cublasOperation_t::CUBLAS_OP_N
            }
        };
        let cfg = StridedBatchedConfig {
            gemm: GemmConfig {
                transa: op(g.trans_a),
                transb: op(g.trans_b),
                m: i(g.m),
                n: i(g.n),
                k: i(g.k),
                alpha: g.alpha,
                lda: i(g.lda),
                ldb: i(g.ldb),
                beta: 0.0,
                ldc: i(g.ldc),
            },
            batch_size: i(g.batch),
            stride_a: g.stride_a as i64,
            stride_b: g.stride_b as i64,
            stride_c: g.stride_c as i64,
        };
        // SAFETY: the buffers hold at least what the strides and leading dimensions address
        // (forward() sizes them from the same shapes).
        unsafe { self.blas.gemm_strided_batched(cfg, a, b, c) }.map_err(e)
    }
    fn embed(
        &self,
        ids: &Self::Ids,
        w: &Weights<Self::Buf>,
        out: &mut Self::Buf,
        rows: usize,
        len: usize,
    ) -> Result<(), String> {
        let mut l = self.stream.launch_builder(&self.f["kefu_embed"]);
        let (r, ln, d) = (i(rows), i(len), i(w.dim));
        l.arg(ids)
            .arg(&w.word)
            .arg(&w.pos)
            .arg(&w.type0)
            .arg(&w.ln.0)
            .arg(&w.ln.1)
            .arg(out)
            .arg(&r)
            .arg(&ln)
            .arg(&d)
            .arg(&w.eps);
        // SAFETY: argument types and order match kefu_embed in kernels.cu.
        unsafe { l.launch(Self::cfg(rows)) }.map(|_| ()).map_err(e)
    }
    fn bias_act(
        &self,
        x: &mut Self::Buf,
        bias: &Self::Buf,
        rows: usize,
        cols: usize,
        gelu: bool,
    ) -> Result<(), String> {
        let mut l = self.stream.launch_builder(&self.f["kefu_bias_act"]);
        let (r, c, g) = (i(rows), i(cols), i32::from(gelu));
        l.arg(x).arg(bias).arg(&r).arg(&c).arg(&g);
        // SAFETY: as above, for kefu_bias_act.
        unsafe { l.launch(Self::cfg(rows * cols)) }
            .map(|_| ())
            .map_err(e)
    }
    fn bias_residual_layernorm(
        &self,
        x: &mut Self::Buf,
        bias: &Self::Buf,
        resid: &Self::Buf,
        gamma: &Self::Buf,
        beta: &Self::Buf,
        rows: usize,
        dim: usize,
        eps: f32,
    ) -> Result<(), String> {
        let mut l = self
            .stream
            .launch_builder(&self.f["kefu_bias_residual_layernorm"]);
        let (r, d) = (i(rows), i(dim));
        l.arg(x)
            .arg(bias)
            .arg(resid)
            .arg(gamma)
            .arg(beta)
            .arg(&r)
            .arg(&d)
            .arg(&eps);
        // SAFETY: as above, for kefu_bias_residual_layernorm.
        unsafe { l.launch(Self::cfg(rows)) }.map(|_| ()).map_err(e)
    }
    fn softmax_mask(
        &self,
        s: &mut Self::Buf,
        mask: &Self::Ids,
        batch: usize,
        heads: usize,
        len: usize,
        scale: f32,
    ) -> Result<(), String> {
        let mut l = self.stream.launch_builder(&self.f["kefu_softmax_mask"]);
        let (b, h, ln) = (i(batch), i(heads), i(len));
        l.arg(s).arg(mask).arg(&b).arg(&h).arg(&ln).arg(&scale);
        // SAFETY: as above, for kefu_softmax_mask.
        unsafe { l.launch(Self::cfg(batch * heads * len)) }
            .map(|_| ())
            .map_err(e)
    }
    fn heads(
        &self,
        src: &Self::Buf,
        dst: &mut Self::Buf,
        n: usize,
        len: usize,
        heads: usize,
        hd: usize,
        split: bool,
    ) -> Result<(), String> {
        let mut l = self.stream.launch_builder(&self.f["kefu_heads"]);
        let (a, b, c, d, s) = (i(n), i(len), i(heads), i(hd), i32::from(split));
        l.arg(src).arg(dst).arg(&a).arg(&b).arg(&c).arg(&d).arg(&s);
        // SAFETY: as above, for kefu_heads.
        unsafe { l.launch(Self::cfg(n * len * heads * hd)) }
            .map(|_| ())
            .map_err(e)
    }
}

/// The model on the GPU. cudarc's handles are used from one thread at a time: calls are
/// serialised by a mutex.
pub struct CudaBert {
    inner: std::sync::Mutex<(CudaOps, Weights<CudaSlice<f32>>)>,
}

// SAFETY: every use of the CUDA handles goes through the mutex.
unsafe impl Send for CudaBert {}
unsafe impl Sync for CudaBert {}

impl CudaBert {
    /// Opens the GPU, compiles the kernels and uploads the weights; an error (never a panic)
    /// when any of it fails, so the caller can fall back to the CPU.
    pub fn load(weights: &Path, cfg: &Config) -> Result<Self, String> {
        if cfg.hidden_act != candle_transformers::models::bert::HiddenAct::Gelu {
            return Err(format!(
                "hidden_act {:?}: the CUDA kernels implement \"gelu\" (erf) only",
                cfg.hidden_act
            ));
        }
        let ops = std::panic::catch_unwind(CudaOps::open)
            .map_err(|_| "CUDA initialisation panicked".to_string())??;
        let w = load_weights(&ops, weights, cfg)?;
        Ok(Self {
            inner: std::sync::Mutex::new((ops, w)),
        })
    }

    /// Last hidden states, `n × len × dim`.
    pub fn forward(
        &self,
        ids: &[u32],
        mask: &[u32],
        n: usize,
        len: usize,
    ) -> Result<Vec<f32>, String> {
        let g = self
            .inner
            .lock()
            .map_err(|_| "CUDA embedder poisoned".to_string())?;
        forward(&g.0, &g.1, ids, mask, n, len)
    }
}

#[cfg(test)]
pub mod host {
    //! `HostOps`: the forward pass's steps on the CPU, with the kernels of `kernels.cu`
    //! compiled for the host and an SGEMM with cuBLAS's column-major conventions.
    use super::*;

    unsafe extern "C" {
        fn kefu_host_embed(
            g: u32,
            b: u32,
            ids: *const u32,
            word: *const f32,
            pos: *const f32,
            type0: *const f32,
            gamma: *const f32,
            beta: *const f32,
            out: *mut f32,
            rows: i32,
            len: i32,
            dim: i32,
            eps: f32,
        );
        fn kefu_host_bias_act(
            g: u32,
            b: u32,
            x: *mut f32,
            bias: *const f32,
            rows: i32,
            cols: i32,
            gelu: i32,
        );
        fn kefu_host_bias_residual_layernorm(
            g: u32,
            b: u32,
            x: *mut f32,
            bias: *const f32,
            resid: *const f32,
            gamma: *const f32,
            beta: *const f32,
            rows: i32,
            dim: i32,
            eps: f32,
        );
        fn kefu_host_softmax_mask(
            g: u32,
            b: u32,
            s: *mut f32,
            mask: *const u32,
            batch: i32,
            heads: i32,
            len: i32,
            scale: f32,
        );
        fn kefu_host_heads(
            g: u32,
            b: u32,
            src: *const f32,
            dst: *mut f32,
            n: i32,
            len: i32,
            heads: i32,
            hd: i32,
            split: i32,
        );
    }

    /// The CPU stand-in for [`CudaOps`].
    pub struct HostOps;

    /// cuBLAS `sgemmStridedBatched` (beta 0), naively: column-major, `op(X)[r][c]` read as
    /// `X[c + r·ld]` when transposed, else `X[r + c·ld]`.
    pub fn sgemm(g: GemmArgs, a: &[f32], b: &[f32], c: &mut [f32]) {
        for bi in 0..g.batch {
            let (a, b) = (&a[bi * g.stride_a..], &b[bi * g.stride_b..]);
            let c = &mut c[bi * g.stride_c..];
            for col in 0..g.n {
                for row in 0..g.m {
                    let mut s = 0f32;
                    for kk in 0..g.k {
                        let av = if g.trans_a {
                            a[kk + row * g.lda]
                        } else {
                            a[row + kk * g.lda]
                        };
                        let bv = if g.trans_b {
                            b[col + kk * g.ldb]
                        } else {
                            b[kk + col * g.ldb]
                        };
                        s += av * bv;
                    }
                    c[row + col * g.ldc] = g.alpha * s;
                }
            }
        }
    }

    impl Ops for HostOps {
        type Buf = Vec<f32>;
        type Ids = Vec<u32>;
        fn upload(&self, data: &[f32]) -> Result<Self::Buf, String> {
            Ok(data.to_vec())
        }
        fn upload_ids(&self, data: &[u32]) -> Result<Self::Ids, String> {
            Ok(data.to_vec())
        }
        fn alloc(&self, len: usize) -> Result<Self::Buf, String> {
            Ok(vec![0.0; len])
        }
        fn download(&self, buf: &Self::Buf) -> Result<Vec<f32>, String> {
            Ok(buf.clone())
        }
        fn gemm(
            &self,
            g: GemmArgs,
            a: &Self::Buf,
            b: &Self::Buf,
            c: &mut Self::Buf,
        ) -> Result<(), String> {
            sgemm(g, a, b, c);
            Ok(())
        }
        fn embed(
            &self,
            ids: &Self::Ids,
            w: &Weights<Self::Buf>,
            out: &mut Self::Buf,
            rows: usize,
            len: usize,
        ) -> Result<(), String> {
            // SAFETY: the buffers are sized by forward() for these shapes.
            unsafe {
                kefu_host_embed(
                    grid(rows),
                    BLOCK,
                    ids.as_ptr(),
                    w.word.as_ptr(),
                    w.pos.as_ptr(),
                    w.type0.as_ptr(),
                    w.ln.0.as_ptr(),
                    w.ln.1.as_ptr(),
                    out.as_mut_ptr(),
                    i(rows),
                    i(len),
                    i(w.dim),
                    w.eps,
                )
            };
            Ok(())
        }
        fn bias_act(
            &self,
            x: &mut Self::Buf,
            bias: &Self::Buf,
            rows: usize,
            cols: usize,
            gelu: bool,
        ) -> Result<(), String> {
            // SAFETY: as above.
            unsafe {
                kefu_host_bias_act(
                    grid(rows * cols),
                    BLOCK,
                    x.as_mut_ptr(),
                    bias.as_ptr(),
                    i(rows),
                    i(cols),
                    i32::from(gelu),
                )
            };
            Ok(())
        }
        fn bias_residual_layernorm(
            &self,
            x: &mut Self::Buf,
            bias: &Self::Buf,
            resid: &Self::Buf,
            gamma: &Self::Buf,
            beta: &Self::Buf,
            rows: usize,
            dim: usize,
            eps: f32,
        ) -> Result<(), String> {
            // SAFETY: as above.
            unsafe {
                kefu_host_bias_residual_layernorm(
                    grid(rows),
                    BLOCK,
                    x.as_mut_ptr(),
                    bias.as_ptr(),
                    resid.as_ptr(),
                    gamma.as_ptr(),
                    beta.as_ptr(),
                    i(rows),
                    i(dim),
                    eps,
                )
            };
            Ok(())
        }
        fn softmax_mask(
            &self,
            s: &mut Self::Buf,
            mask: &Self::Ids,
            batch: usize,
            heads: usize,
            len: usize,
            scale: f32,
        ) -> Result<(), String> {
            // SAFETY: as above.
            unsafe {
                kefu_host_softmax_mask(
                    grid(batch * heads * len),
                    BLOCK,
                    s.as_mut_ptr(),
                    mask.as_ptr(),
                    i(batch),
                    i(heads),
                    i(len),
                    scale,
                )
            };
            Ok(())
        }
        fn heads(
            &self,
            src: &Self::Buf,
            dst: &mut Self::Buf,
            n: usize,
            len: usize,
            heads: usize,
            hd: usize,
            split: bool,
        ) -> Result<(), String> {
            // SAFETY: as above.
            unsafe {
                kefu_host_heads(
                    grid(n * len * heads * hd),
                    BLOCK,
                    src.as_ptr(),
                    dst.as_mut_ptr(),
                    i(n),
                    i(len),
                    i(heads),
                    i(hd),
                    i32::from(split),
                )
            };
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::host::{HostOps, sgemm};
    use super::*;
    use crate::embed::{Embedder, mean_pool_normalize, test_model_dir};
    use candle_core::Module;

    /// Row-major reference product: C (m × n) = A (m × k) · B (k × n).
    fn matmul(a: &[f32], b: &[f32], m: usize, n: usize, k: usize) -> Vec<f32> {
        let mut c = vec![0f32; m * n];
        for r in 0..m {
            for col in 0..n {
                c[r * n + col] = (0..k).map(|kk| a[r * k + kk] * b[kk * n + col]).sum();
            }
        }
        c
    }

    fn transpose(x: &[f32], rows: usize, cols: usize) -> Vec<f32> {
        let mut t = vec![0f32; x.len()];
        for r in 0..rows {
            for c in 0..cols {
                t[c * rows + r] = x[r * cols + c];
            }
        }
        t
    }

    fn seq(len: usize, seed: f32) -> Vec<f32> {
        (0..len)
            .map(|i| (i as f32 * 0.37 + seed).sin() * 2.0)
            .collect()
    }

    #[test]
    fn gemm_arguments_compute_row_major_products() {
        // linear: X (5 × 3) · Wᵀ with W (4 × 3).
        let (x, w) = (seq(15, 0.1), seq(12, 0.7));
        let mut c = vec![0f32; 20];
        sgemm(GemmArgs::linear(5, 3, 4), &w, &x, &mut c);
        assert_eq!(c, matmul(&x, &transpose(&w, 4, 3), 5, 4, 3));
        // batched, B transposed and not: 2 × (A 3 × 4) · op(B).
        let a = seq(24, 0.3);
        let bt = seq(2 * 5 * 4, 1.1); // 2 × (5 × 4): op(B) = Bᵀ (4 × 5)
        let mut c = vec![0f32; 2 * 15];
        sgemm(
            GemmArgs::batched_row_major(2, 3, 5, 4, true, 0.5),
            &bt,
            &a,
            &mut c,
        );
        for i in 0..2 {
            let want = matmul(
                &a[i * 12..(i + 1) * 12],
                &transpose(&bt[i * 20..(i + 1) * 20], 5, 4),
                3,
                5,
                4,
            );
            let want: Vec<f32> = want.iter().map(|v| v * 0.5).collect();
            assert_eq!(&c[i * 15..(i + 1) * 15], &want[..]);
        }
        let b = seq(2 * 4 * 5, 2.1); // 2 × (4 × 5)
        sgemm(
            GemmArgs::batched_row_major(2, 3, 5, 4, false, 1.0),
            &b,
            &a,
            &mut c,
        );
        for i in 0..2 {
            let want = matmul(&a[i * 12..(i + 1) * 12], &b[i * 20..(i + 1) * 20], 3, 5, 4);
            assert_eq!(&c[i * 15..(i + 1) * 15], &want[..]);
        }
    }

    #[test]
    fn kernels_match_candle_ops() {
        let ops = HostOps;
        // GELU (erf) with bias, over more than one block.
        let (rows, cols) = (3, 100);
        let x = seq(rows * cols, 0.2);
        let bias = seq(cols, 0.9);
        let mut got = x.clone();
        ops.bias_act(&mut got, &bias, rows, cols, true).unwrap();
        let t = Tensor::from_vec(x.clone(), (rows, cols), &Device::Cpu).unwrap();
        let b = Tensor::from_vec(bias.clone(), cols, &Device::Cpu).unwrap();
        let want: Vec<f32> = t
            .broadcast_add(&b)
            .unwrap()
            .gelu_erf()
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1()
            .unwrap();
        let diff = got
            .iter()
            .zip(&want)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(diff < 1e-5, "gelu {diff}");
        // bias + residual + layer norm.
        let (g, be) = (seq(cols, 1.5), seq(cols, 2.5));
        let resid = seq(rows * cols, 3.3);
        let mut got = x.clone();
        ops.bias_residual_layernorm(&mut got, &bias, &resid, &g, &be, rows, cols, 1e-12)
            .unwrap();
        let ln = candle_nn::LayerNorm::new(
            Tensor::from_vec(g.clone(), cols, &Device::Cpu).unwrap(),
            Tensor::from_vec(be.clone(), cols, &Device::Cpu).unwrap(),
            1e-12,
        );
        let r = Tensor::from_vec(resid, (rows, cols), &Device::Cpu).unwrap();
        let want: Vec<f32> = ln
            .forward(&(t.broadcast_add(&b).unwrap() + r).unwrap())
            .unwrap()
            .flatten_all()
            .unwrap()
            .to_vec1()
            .unwrap();
        let diff = got
            .iter()
            .zip(&want)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(diff < 1e-4, "layernorm {diff}");
        // masked softmax: 1 text, 2 heads, 3 tokens, the last one padding.
        let s = seq(2 * 3 * 3, 0.4);
        let mut got = s.clone();
        ops.softmax_mask(&mut got, &vec![1, 1, 0], 1, 2, 3, 0.5)
            .unwrap();
        for row in 0..6 {
            let z: Vec<f32> = s[row * 3..row * 3 + 2]
                .iter()
                .map(|v| (v * 0.5).exp())
                .collect();
            let sum: f32 = z.iter().sum();
            assert!(
                (got[row * 3] - z[0] / sum).abs() < 1e-6
                    && (got[row * 3 + 1] - z[1] / sum).abs() < 1e-6
            );
            assert_eq!(got[row * 3 + 2], 0.0);
        }
        // split heads then merge them back is the identity, and split moves element (b,t,h,d).
        let (n, len, heads, hd) = (2, 3, 4, 5);
        let x = seq(n * len * heads * hd, 0.0);
        let (mut split, mut back) = (vec![0f32; x.len()], vec![0f32; x.len()]);
        ops.heads(&x, &mut split, n, len, heads, hd, true).unwrap();
        ops.heads(&split, &mut back, n, len, heads, hd, false)
            .unwrap();
        assert_eq!(back, x);
        let src = ((1 * len + 2) * heads + 3) * hd + 4; // b 1, t 2, h 3, d 4
        assert_eq!(split[((1 * heads + 3) * len + 2) * hd + 4], x[src]);
    }

    #[test]
    fn gpu_forward_pass_emulated_on_the_cpu_matches_candle() {
        // The CUDA forward pass (same code, same kernels, cuBLAS replaced by `sgemm`) on the
        // real model against candle's BertModel, for a padded batch.
        let dir = test_model_dir();
        let cfg: Config =
            serde_json::from_slice(&std::fs::read(dir.join("config.json")).unwrap()).unwrap();
        let w = load_weights(&HostOps, &dir.join("model.safetensors"), &cfg).unwrap();
        let cpu = Embedder::load(&dir, "cpu").unwrap();
        let texts = ["How long does a refund take?", "退款多久到账", "hi"];
        let (ids, mask, len) = cpu.tokenize(&texts).unwrap();
        let hidden = forward(&HostOps, &w, &ids, &mask, texts.len(), len).unwrap();
        let got = mean_pool_normalize(&hidden, &mask, texts.len(), len, w.dim);
        let want = cpu.embed(&texts).unwrap();
        let diff = got
            .iter()
            .zip(&want)
            .map(|(a, b)| (a - b).abs())
            .fold(0f32, f32::max);
        assert!(
            diff < 1e-4,
            "emulated GPU forward vs candle: max abs diff {diff}"
        );
    }
}
