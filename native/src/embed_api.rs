//! The Node-API surface of the local sentence embedder ([`crate::embed`]).

use crate::embed::{EmbedError, Embedder};
use napi::bindgen_prelude::*;
use napi_derive::napi;
use std::path::Path;
use std::sync::Arc;

/// Turns an embedder error into a JS `Error`: bad input and missing or bad model files give
/// `code === "InvalidArg"`, a failed forward pass `"GenericFailure"`.
fn embed_error(err: EmbedError) -> Error {
    let status = match err {
        EmbedError::Compute(_) => Status::GenericFailure,
        _ => Status::InvalidArg,
    };
    Error::new(status, err.to_string())
}

/// Options of `NativeEmbedder.load`.
#[napi(object)]
pub struct NativeEmbedderOptions {
    /// `"auto"` (default: CUDA when built with the `cuda` feature and a device loads, else
    /// CPU with one log line), `"cpu"` or `"cuda"` (throws when no device loads).
    #[napi(ts_type = "'auto' | 'cpu' | 'cuda'")]
    pub device: Option<String>,
}

/// A BERT-class sentence-embedding model (all-MiniLM-L6-v2 and kin) loaded from a local
/// directory: `config.json`, `tokenizer.json`, `model.safetensors`. Vectors are mean-pooled
/// and L2-normalised, as sentence-transformers makes them. Nothing is downloaded.
///
/// ```js
/// const e = NativeEmbedder.load("/models/all-MiniLM-L6-v2");
/// const v = await e.embed(["How long does a refund take?"]); // Float32Array(384)
/// ```
#[napi]
pub struct NativeEmbedder {
    inner: Arc<Embedder>,
}

/// Embeds a batch on a libuv worker thread.
pub struct EmbedTask {
    inner: Arc<Embedder>,
    texts: Vec<String>,
}

impl Task for EmbedTask {
    type Output = Vec<f32>;
    type JsValue = Float32Array;

    fn compute(&mut self) -> Result<Self::Output> {
        self.inner.embed(&self.texts).map_err(embed_error)
    }

    fn resolve(&mut self, _env: Env, output: Self::Output) -> Result<Self::JsValue> {
        Ok(Float32Array::new(output))
    }
}

#[napi]
impl NativeEmbedder {
    /// Loads the model in `dir` (synchronous: ~0.1 s for all-MiniLM-L6-v2, weights are
    /// memory-mapped). Throws `InvalidArg` naming the missing or malformed file, or a bad
    /// `device`.
    #[napi(factory)]
    pub fn load(dir: String, options: Option<NativeEmbedderOptions>) -> Result<Self> {
        let device = options
            .and_then(|o| o.device)
            .unwrap_or_else(|| "auto".to_string());
        let inner = Embedder::load(Path::new(&dir), &device).map_err(embed_error)?;
        Ok(Self {
            inner: Arc::new(inner),
        })
    }

    /// The vector size (384 for all-MiniLM-L6-v2).
    #[napi(getter)]
    pub fn dim(&self) -> u32 {
        self.inner.dim() as u32
    }

    /// The model directory's name, e.g. `"all-MiniLM-L6-v2"`.
    #[napi(getter)]
    pub fn model(&self) -> String {
        self.inner.name().to_string()
    }

    /// Where the forward pass runs: `"cpu"` or `"cuda"`.
    #[napi(getter, ts_return_type = "'cpu' | 'cuda'")]
    pub fn device(&self) -> &'static str {
        self.inner.device()
    }

    /// Tokens per text; longer texts are truncated (256 for all-MiniLM-L6-v2).
    #[napi(getter)]
    pub fn max_tokens(&self) -> u32 {
        self.inner.max_len() as u32
    }

    /// Embeds `texts` off the event loop → flat row-major `n × dim` Float32Array, rows
    /// L2-normalised. Rejects with `InvalidArg` past 100,000 texts. Aborting `signal` while
    /// the call waits for a worker rejects it with an `AbortError` (a signal aborted before the
    /// call is not seen).
    #[napi(ts_return_type = "Promise<Float32Array>")]
    pub fn embed(&self, texts: Vec<String>, signal: Option<AbortSignal>) -> AsyncTask<EmbedTask> {
        AsyncTask::with_optional_signal(
            EmbedTask {
                inner: self.inner.clone(),
                texts,
            },
            signal,
        )
    }

    /// The synchronous twin of `embed`, for a few short texts (it blocks the event loop for
    /// the whole forward pass: ~10 ms for one short sentence on one core).
    #[napi]
    pub fn embed_sync<'env>(
        &self,
        env: &'env Env,
        texts: Vec<String>,
    ) -> Result<Float32ArraySlice<'env>> {
        let out = self.inner.embed(&texts).map_err(embed_error)?;
        Float32ArraySlice::copy_from(env, out)
    }
}
