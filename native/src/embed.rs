//! The local sentence embedder: a BERT-class model (all-MiniLM-L6-v2 and its kin) loaded
//! from a directory, run by candle on the CPU, mean-pooled over the tokens and
//! L2-normalised, as sentence-transformers does. With the `cuda` feature, [`Embedder::load`]
//! tries a CUDA device first (see [`crate::cuda`]) and falls back to the CPU with one log line.
//!
//! The directory holds the files of a sentence-transformers model: `config.json`,
//! `tokenizer.json`, `model.safetensors` and, optionally, `sentence_bert_config.json`
//! (its `max_seq_length` bounds the tokens per text; default 256).

use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use std::fmt;
use std::path::{Path, PathBuf};
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// Most texts one call embeds; more is refused (the caller splits the work).
pub const MAX_TEXTS: usize = 100_000;
/// Texts run through the model together: padding waste and memory stay bounded.
pub const SUB_BATCH: usize = 32;

/// Why loading or embedding failed.
#[derive(Debug)]
pub enum EmbedError {
    /// A model file is missing or unreadable.
    Missing(PathBuf, String),
    /// A model file is there but malformed.
    BadModel(String),
    /// The input breaks a bound.
    BadInput(String),
    /// The forward pass failed.
    Compute(String),
}

impl fmt::Display for EmbedError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Missing(p, e) => write!(f, "cannot read {}: {e}", p.display()),
            Self::BadModel(e) => write!(f, "bad model: {e}"),
            Self::BadInput(e) => f.write_str(e),
            Self::Compute(e) => write!(f, "embedding failed: {e}"),
        }
    }
}

impl std::error::Error for EmbedError {}

fn compute(e: impl fmt::Display) -> EmbedError {
    EmbedError::Compute(e.to_string())
}

/// Where the forward pass runs.
pub enum Backend {
    /// candle on the CPU (gemm with SIMD, threads from rayon).
    Cpu(BertModel),
    /// The `cuda` feature's own forward pass (cuBLAS + NVRTC kernels).
    #[cfg(feature = "cuda")]
    Cuda(Box<crate::cuda::CudaBert>),
}

/// A loaded model: tokenizer, weights and the backend that runs them. `Send + Sync`:
/// one instance serves concurrent calls.
pub struct Embedder {
    tokenizer: Tokenizer,
    backend: Backend,
    dim: usize,
    max_len: usize,
    name: String,
}

/// Reads a file of the model directory, naming the file when it is missing.
fn read(dir: &Path, name: &str) -> Result<Vec<u8>, EmbedError> {
    let p = dir.join(name);
    std::fs::read(&p).map_err(|e| EmbedError::Missing(p, e.to_string()))
}

impl Embedder {
    /// Loads the model in `dir`. `device` is `"cpu"`, `"cuda"` (fails without a device) or
    /// `"auto"` (CUDA when the `cuda` feature is built and a device loads, else CPU with one
    /// line on stderr saying why).
    pub fn load(dir: &Path, device: &str) -> Result<Self, EmbedError> {
        let config_bytes = read(dir, "config.json")?;
        let config: Config = serde_json::from_slice(&config_bytes)
            .map_err(|e| EmbedError::BadModel(format!("config.json: {e}")))?;
        let max_len = match read(dir, "sentence_bert_config.json") {
            Ok(b) => serde_json::from_slice::<serde_json::Value>(&b)
                .ok()
                .and_then(|v| v.get("max_seq_length")?.as_u64())
                .unwrap_or(256) as usize,
            Err(_) => 256,
        };
        let max_len = max_len.min(config.max_position_embeddings);
        let tok_path = dir.join("tokenizer.json");
        let mut tokenizer = Tokenizer::from_file(&tok_path)
            .map_err(|e| EmbedError::Missing(tok_path.clone(), e.to_string()))?;
        tokenizer
            .with_truncation(Some(TruncationParams {
                max_length: max_len,
                ..Default::default()
            }))
            .map_err(|e| EmbedError::BadModel(format!("tokenizer.json: {e}")))?;
        tokenizer.with_padding(Some(PaddingParams {
            strategy: PaddingStrategy::BatchLongest,
            pad_id: config.pad_token_id as u32,
            ..Default::default()
        }));
        let weights = dir.join("model.safetensors");
        if !weights.is_file() {
            return Err(EmbedError::Missing(weights, "no such file".into()));
        }
        let dim = config.hidden_size;
        let name = dir
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "model".into());
        let backend = Self::backend(&weights, &config, device)?;
        Ok(Self {
            tokenizer,
            backend,
            dim,
            max_len,
            name,
        })
    }

    fn cpu(weights: &Path, config: &Config) -> Result<Backend, EmbedError> {
        // SAFETY: the weights file is memory-mapped read-only; kefu never writes model files
        // while a model is loaded.
        let vb =
            unsafe { VarBuilder::from_mmaped_safetensors(&[weights], DType::F32, &Device::Cpu) }
                .map_err(|e| EmbedError::BadModel(format!("model.safetensors: {e}")))?;
        let model = BertModel::load(vb, config)
            .map_err(|e| EmbedError::BadModel(format!("model.safetensors: {e}")))?;
        Ok(Backend::Cpu(model))
    }

    fn backend(weights: &Path, config: &Config, device: &str) -> Result<Backend, EmbedError> {
        match device {
            "cpu" => Self::cpu(weights, config),
            "cuda" | "auto" => {
                #[cfg(feature = "cuda")]
                {
                    match crate::cuda::CudaBert::load(weights, config) {
                        Ok(m) => return Ok(Backend::Cuda(Box::new(m))),
                        Err(e) if device == "cuda" => return Err(compute(e)),
                        Err(e) => eprintln!("kefu-native: embedder on CPU (no CUDA device: {e})"),
                    }
                }
                #[cfg(not(feature = "cuda"))]
                {
                    if device == "cuda" {
                        return Err(EmbedError::BadInput(
                            "device \"cuda\": this build has no `cuda` feature".into(),
                        ));
                    }
                }
                Self::cpu(weights, config)
            }
            other => Err(EmbedError::BadInput(format!(
                "device must be \"auto\", \"cpu\" or \"cuda\", got {other:?}"
            ))),
        }
    }

    /// The vector size (384 for all-MiniLM-L6-v2).
    pub fn dim(&self) -> usize {
        self.dim
    }

    /// Tokens per text after truncation.
    pub fn max_len(&self) -> usize {
        self.max_len
    }

    /// The model directory's name, e.g. `all-MiniLM-L6-v2`.
    pub fn name(&self) -> &str {
        &self.name
    }

    /// `"cpu"` or `"cuda"`: where the forward pass runs.
    pub fn device(&self) -> &'static str {
        match self.backend {
            Backend::Cpu(_) => "cpu",
            #[cfg(feature = "cuda")]
            Backend::Cuda(_) => "cuda",
        }
    }

    /// Embeds `texts` into one flat row-major `n × dim` vector, each row mean-pooled over
    /// its tokens and L2-normalised. Texts are sorted by length and run in sub-batches of
    /// [`SUB_BATCH`], so one long text does not pad a whole batch.
    pub fn embed<S: AsRef<str>>(&self, texts: &[S]) -> Result<Vec<f32>, EmbedError> {
        if texts.len() > MAX_TEXTS {
            return Err(EmbedError::BadInput(format!(
                "at most {MAX_TEXTS} texts per call, got {}",
                texts.len()
            )));
        }
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].as_ref().len());
        let mut out = vec![0f32; texts.len() * self.dim];
        for group in order.chunks(SUB_BATCH) {
            let batch: Vec<&str> = group.iter().map(|&i| texts[i].as_ref()).collect();
            let rows = self.embed_batch(&batch)?;
            for (k, &i) in group.iter().enumerate() {
                out[i * self.dim..(i + 1) * self.dim]
                    .copy_from_slice(&rows[k * self.dim..(k + 1) * self.dim]);
            }
        }
        Ok(out)
    }

    /// Tokenises one sub-batch: ids and attention mask, both `n × len`, padded to the longest.
    pub fn tokenize(&self, texts: &[&str]) -> Result<(Vec<u32>, Vec<u32>, usize), EmbedError> {
        let enc = self
            .tokenizer
            .encode_batch(texts.to_vec(), true)
            .map_err(compute)?;
        let len = enc.first().map_or(0, |e| e.get_ids().len());
        let mut ids = Vec::with_capacity(texts.len() * len);
        let mut mask = Vec::with_capacity(texts.len() * len);
        for e in &enc {
            ids.extend_from_slice(e.get_ids());
            mask.extend_from_slice(e.get_attention_mask());
        }
        Ok((ids, mask, len))
    }

    fn embed_batch(&self, texts: &[&str]) -> Result<Vec<f32>, EmbedError> {
        let n = texts.len();
        let (ids, mask, len) = self.tokenize(texts)?;
        match &self.backend {
            Backend::Cpu(model) => {
                let dev = &Device::Cpu;
                let ids_t = Tensor::from_vec(ids, (n, len), dev).map_err(compute)?;
                let mask_t = Tensor::from_vec(mask.clone(), (n, len), dev).map_err(compute)?;
                let types = ids_t.zeros_like().map_err(compute)?;
                let hidden = model
                    .forward(&ids_t, &types, Some(&mask_t))
                    .map_err(compute)?;
                let hidden: Vec<f32> = hidden
                    .flatten_all()
                    .map_err(compute)?
                    .to_vec1()
                    .map_err(compute)?;
                Ok(mean_pool_normalize(&hidden, &mask, n, len, self.dim))
            }
            #[cfg(feature = "cuda")]
            Backend::Cuda(model) => {
                let hidden = model.forward(&ids, &mask, n, len).map_err(compute)?;
                Ok(mean_pool_normalize(&hidden, &mask, n, len, self.dim))
            }
        }
    }
}

/// Mean of each text's token vectors where `mask` is 1, then L2-normalised (a zero vector
/// stays zero). `hidden` is `n × len × dim`, `mask` is `n × len`.
pub fn mean_pool_normalize(
    hidden: &[f32],
    mask: &[u32],
    n: usize,
    len: usize,
    dim: usize,
) -> Vec<f32> {
    let mut out = vec![0f32; n * dim];
    for b in 0..n {
        let row = &mut out[b * dim..(b + 1) * dim];
        let mut count = 0f32;
        for t in 0..len {
            if mask[b * len + t] == 0 {
                continue;
            }
            count += 1.0;
            let h = &hidden[(b * len + t) * dim..(b * len + t + 1) * dim];
            for (o, x) in row.iter_mut().zip(h) {
                *o += x;
            }
        }
        let count = count.max(1e-9);
        let mut ss = 0f32;
        for o in row.iter_mut() {
            *o /= count;
            ss += *o * *o;
        }
        // sentence-transformers' Normalize: x / max(||x||, 1e-12).
        let norm = ss.sqrt().max(1e-12);
        for o in row.iter_mut() {
            *o /= norm;
        }
    }
    out
}

/// The model directory the tests and benchmarks use: `KEFU_EMBED_MODEL_DIR`, else
/// `~/.cache/kefu/models/all-MiniLM-L6-v2`. Panics with the fetch command when it is absent:
/// CI fetches the model before the tests, so a missing model is a failure, not a skip.
#[cfg(test)]
pub fn test_model_dir() -> PathBuf {
    let dir = std::env::var_os("KEFU_EMBED_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").unwrap_or_default())
                .join(".cache/kefu/models/all-MiniLM-L6-v2")
        });
    assert!(
        dir.join("model.safetensors").is_file(),
        "the embedding model is missing from {}: run `bash .ci/fetch-embed-model.sh`",
        dir.display()
    );
    dir
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Reference {
        dim: usize,
        sentences: Vec<String>,
        vectors: Vec<Vec<f32>>,
    }

    /// The fixture made by fixtures/make-reference.py (serde_json::Value: a `serde` derive
    /// here would change serde's features for the test build and rebuild candle).
    fn reference() -> Reference {
        let p = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/fixtures/minilm-reference.json"
        );
        let v: serde_json::Value = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        let strings = |a: &serde_json::Value| -> Vec<String> {
            a.as_array()
                .unwrap()
                .iter()
                .map(|s| s.as_str().unwrap().to_string())
                .collect()
        };
        let floats = |a: &serde_json::Value| -> Vec<f32> {
            a.as_array()
                .unwrap()
                .iter()
                .map(|x| x.as_f64().unwrap() as f32)
                .collect()
        };
        Reference {
            dim: v["dim"].as_u64().unwrap() as usize,
            sentences: strings(&v["sentences"]),
            vectors: v["vectors"]
                .as_array()
                .unwrap()
                .iter()
                .map(floats)
                .collect(),
        }
    }

    fn cos(a: &[f32], b: &[f32]) -> f32 {
        let d: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
        let na: f32 = a.iter().map(|x| x * x).sum::<f32>().sqrt();
        let nb: f32 = b.iter().map(|x| x * x).sum::<f32>().sqrt();
        d / (na * nb)
    }

    #[test]
    fn matches_sentence_transformers_reference_vectors() {
        let r = reference();
        let e = Embedder::load(&test_model_dir(), "cpu").unwrap();
        assert_eq!((e.dim(), e.max_len(), e.device()), (r.dim, 256, "cpu"));
        let got = e.embed(&r.sentences).unwrap();
        assert_eq!(got.len(), r.sentences.len() * r.dim);
        let mut worst = (1f32, 0f32);
        for (i, want) in r.vectors.iter().enumerate() {
            let row = &got[i * r.dim..(i + 1) * r.dim];
            let c = cos(row, want);
            let diff = row
                .iter()
                .zip(want)
                .map(|(a, b)| (a - b).abs())
                .fold(0f32, f32::max);
            assert!(c >= 0.999, "sentence {i} {:?}: cosine {c}", r.sentences[i]);
            assert!(
                diff <= 1e-4,
                "sentence {i} {:?}: max abs diff {diff}",
                r.sentences[i]
            );
            worst = (worst.0.min(c), worst.1.max(diff));
        }
        eprintln!(
            "native vs reference: min cosine {}, max abs diff {}",
            worst.0, worst.1
        );
    }

    #[test]
    fn a_text_gets_the_same_vector_alone_or_padded_in_a_batch() {
        let r = reference();
        let e = Embedder::load(&test_model_dir(), "cpu").unwrap();
        let batch = e.embed(&r.sentences).unwrap();
        for i in [0, 9, 13, 19] {
            let alone = e.embed(&[&r.sentences[i]]).unwrap();
            let row = &batch[i * e.dim()..(i + 1) * e.dim()];
            let diff = row
                .iter()
                .zip(&alone)
                .map(|(a, b)| (a - b).abs())
                .fold(0f32, f32::max);
            assert!(diff < 1e-4, "sentence {i}: {diff}");
        }
        assert!(e.embed::<&str>(&[]).unwrap().is_empty());
    }

    #[test]
    fn load_errors_name_the_problem() {
        let dir = std::env::temp_dir().join("kefu-embed-missing");
        let _ = std::fs::create_dir_all(&dir);
        let err = Embedder::load(&dir, "cpu").err().unwrap().to_string();
        assert!(err.contains("config.json"), "{err}");
        let err = Embedder::load(&test_model_dir(), "tpu")
            .err()
            .unwrap()
            .to_string();
        assert_eq!(
            err,
            "device must be \"auto\", \"cpu\" or \"cuda\", got \"tpu\""
        );
    }

    #[test]
    fn too_many_texts_is_bad_input() {
        let e = Embedder::load(&test_model_dir(), "cpu").unwrap();
        let texts = vec![""; MAX_TEXTS + 1];
        assert!(matches!(e.embed(&texts), Err(EmbedError::BadInput(_))));
    }

    #[test]
    fn no_cuda_device_means_cpu_and_forced_cuda_fails() {
        // This machine has no NVIDIA driver: "auto" falls back to the CPU (one log line with
        // the `cuda` feature) and gives the reference vectors; "cuda" is an error.
        let dir = test_model_dir();
        let auto = Embedder::load(&dir, "auto").unwrap();
        assert_eq!(auto.device(), "cpu");
        let cpu = Embedder::load(&dir, "cpu").unwrap();
        let t = ["退款多久到账", "refund time"];
        assert_eq!(auto.embed(&t).unwrap(), cpu.embed(&t).unwrap());
        let err = Embedder::load(&dir, "cuda").err().unwrap().to_string();
        if cfg!(feature = "cuda") {
            assert!(err.contains("libcuda"), "{err}");
        } else {
            assert!(err.contains("no `cuda` feature"), "{err}");
        }
    }

    #[test]
    fn mean_pool_skips_padding_and_normalises() {
        // 1 text, 3 tokens (the last is padding), dim 2.
        let hidden = [1.0, 0.0, 3.0, 4.0, 100.0, 100.0];
        let v = mean_pool_normalize(&hidden, &[1, 1, 0], 1, 3, 2);
        // mean (2, 2) → (1/√2, 1/√2)
        assert!(
            (v[0] - std::f32::consts::FRAC_1_SQRT_2).abs() < 1e-6 && (v[1] - v[0]).abs() < 1e-6
        );
        assert_eq!(
            mean_pool_normalize(&[0.0, 0.0], &[1], 1, 1, 2),
            vec![0.0, 0.0]
        );
    }
}
