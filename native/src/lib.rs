//! kefu's optional native addon: SIMD similarity kernels over `Float32Array` batches and
//! protobuf decoding of `kefu.v1` session events. The kernels and the decoder are plain Rust
//! ([`simd`], [`proto`]); this file is only the Node-API surface.

pub mod proto;
pub mod simd;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use proto::pb::{self, session_event::Body};

// Results are copied into engine-owned ArrayBuffers (`copy_from`) rather than handed over as
// external buffers (`Float32Array::new(vec)`): external buffers are freed by finalizers that
// Node and Bun defer to the event loop, so a synchronous burst of calls would hold every
// result until the loop turns. Copying `n` floats is noise next to the `n × dim` kernel.

/// Turns any crate error into a JS `Error` whose `code` is `"InvalidArg"`.
fn map_error(err: impl std::fmt::Display) -> Error {
    Error::new(Status::InvalidArg, err.to_string())
}

/// Reads a JS `dim` argument: a positive integer that fits a `u32`.
fn dim_arg(dim: f64) -> Result<usize> {
    if dim.fract() == 0.0 && (1.0..=f64::from(u32::MAX)).contains(&dim) {
        Ok(dim as usize)
    } else {
        Err(map_error(format_args!(
            "dim must be a positive integer, got {dim}"
        )))
    }
}

/// The addon's crate version.
#[napi]
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The similarity kernel this CPU runs, detected at run time.
#[napi(ts_return_type = "'avx2+fma' | 'scalar'")]
pub fn simd_level() -> &'static str {
    simd::Level::detect().as_str()
}

/// Dot product of `query` (length `dim`) with each row of `matrix`, a flat row-major
/// `n × dim` batch; returns the `n` results. Inputs are borrowed, not copied.
///
/// Throws `InvalidArg` when `dim` is not a positive integer, `query.length !== dim` or
/// `matrix.length` is not a multiple of `dim`.
#[napi]
pub fn dot_batch<'env>(
    env: &'env Env,
    query: &[f32],
    matrix: &[f32],
    dim: f64,
) -> Result<Float32ArraySlice<'env>> {
    let out = simd::dot_batch(query, matrix, dim_arg(dim)?).map_err(map_error)?;
    Float32ArraySlice::copy_from(env, out)
}

/// Cosine similarity of `query` (length `dim`) with each row of `matrix` (`n × dim`,
/// row-major); a zero-norm query or row yields 0. Inputs are borrowed, not copied.
///
/// Throws `InvalidArg` on the same shape errors as `dotBatch`.
#[napi]
pub fn cosine_batch<'env>(
    env: &'env Env,
    query: &[f32],
    matrix: &[f32],
    dim: f64,
) -> Result<Float32ArraySlice<'env>> {
    let out = simd::cosine_batch(query, matrix, dim_arg(dim)?).map_err(map_error)?;
    Float32ArraySlice::copy_from(env, out)
}

/// `dotBatch` writing into `out`, which must have one element per matrix row and must not
/// share memory with `query` or `matrix`. Allocates nothing. Throws `InvalidArg` on the
/// shape errors of `dotBatch`, or when `out` has the wrong length or overlaps an input.
#[napi]
pub fn dot_batch_into(
    query: &[f32],
    matrix: &[f32],
    dim: f64,
    mut out: Float32ArraySlice<'_>,
) -> Result<()> {
    let dim = dim_arg(dim)?;
    let out = writable(&mut out, [query, matrix])?;
    simd::dot_batch_into(query, matrix, dim, out).map_err(map_error)
}

/// `cosineBatch` writing into `out`, which must have one element per matrix row and must
/// not share memory with `query` or `matrix`. Allocates nothing. Throws like `dotBatchInto`.
#[napi]
pub fn cosine_batch_into(
    query: &[f32],
    matrix: &[f32],
    dim: f64,
    mut out: Float32ArraySlice<'_>,
) -> Result<()> {
    let dim = dim_arg(dim)?;
    let out = writable(&mut out, [query, matrix])?;
    simd::cosine_batch_into(query, matrix, dim, out).map_err(map_error)
}

/// Borrows `out` mutably once it is known to share no memory with the borrowed inputs.
fn writable<'a>(out: &'a mut Float32ArraySlice<'_>, inputs: [&[f32]; 2]) -> Result<&'a mut [f32]> {
    if inputs.iter().any(|input| simd::overlaps(out, input)) {
        return Err(map_error(simd::ShapeError::OutOverlapsInput));
    }
    // SAFETY: `out` aliases neither input, and the call is synchronous, so no JS code can
    // touch the buffer while the mutable slice lives.
    Ok(unsafe { out.as_mut() })
}

/// Which body a session event carries.
#[napi(string_enum = "snake_case")]
#[derive(Debug, PartialEq, Eq)]
pub enum SessionEventKind {
    Message,
    StateChanged,
    None,
}

/// One `kefu.v1.SessionEvent`, flattened for JavaScript.
#[napi(object, object_from_js = false)]
#[derive(Debug, PartialEq)]
pub struct SessionEventSummary {
    pub tenant_id: String,
    pub session_id: String,
    /// Per-session sequence number, from 1 (exact up to 2^53).
    pub seq: f64,
    /// Server time of the append, in milliseconds since the Unix epoch.
    pub at_unix_ms: i64,
    pub kind: SessionEventKind,
    /// The message text; set exactly when `kind` is `"message"`.
    pub text: Option<String>,
    /// The client's idempotency id; set exactly when `kind` is `"message"`.
    pub client_msg_id: Option<String>,
}

impl From<pb::SessionEvent> for SessionEventSummary {
    fn from(event: pb::SessionEvent) -> Self {
        let (kind, text, client_msg_id) = match event.body {
            Some(Body::Message(m)) => (
                SessionEventKind::Message,
                Some(m.text),
                Some(m.client_msg_id),
            ),
            Some(Body::StateChanged(_)) => (SessionEventKind::StateChanged, None, None),
            None => (SessionEventKind::None, None, None),
        };
        Self {
            tenant_id: event.tenant_id,
            session_id: event.session_id,
            seq: event.seq as f64,
            at_unix_ms: event.at_unix_ms,
            kind,
            text,
            client_msg_id,
        }
    }
}

/// Decodes a protobuf-encoded `kefu.v1.SessionEventBatch` (borrowed, not copied) into one
/// summary per event. Throws `InvalidArg` with the decoder's message on malformed bytes.
#[napi]
pub fn decode_session_event_batch(buf: &[u8]) -> Result<Vec<SessionEventSummary>> {
    let batch = proto::decode_session_event_batch(buf).map_err(map_error)?;
    Ok(batch
        .events
        .into_iter()
        .map(SessionEventSummary::from)
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;

    #[test]
    fn summaries_flatten_each_body_kind() {
        let bytes = proto::tests::sample().encode_to_vec();
        let got = decode_session_event_batch(&bytes).unwrap();
        let summary = |seq: u64, kind, text: Option<&str>, id: Option<&str>| SessionEventSummary {
            tenant_id: "t-1".into(),
            session_id: "s-42".into(),
            seq: seq as f64,
            at_unix_ms: 1_700_000_000_000 + seq as i64,
            kind,
            text: text.map(Into::into),
            client_msg_id: id.map(Into::into),
        };
        assert_eq!(
            got,
            [
                summary(
                    1,
                    SessionEventKind::Message,
                    Some("你好, world"),
                    Some("c-1")
                ),
                summary(2, SessionEventKind::StateChanged, None, None),
                summary(3, SessionEventKind::None, None, None),
            ]
        );
    }

    #[test]
    fn dim_must_be_a_positive_u32() {
        assert_eq!(dim_arg(384.0).unwrap(), 384);
        assert_eq!(dim_arg(f64::from(u32::MAX)).unwrap(), u32::MAX as usize);
        for bad in [0.0, -1.0, 1.5, f64::NAN, f64::INFINITY, 4294967296.0] {
            let err = dim_arg(bad).unwrap_err();
            assert_eq!(err.status, Status::InvalidArg);
            assert_eq!(
                err.reason,
                format!("dim must be a positive integer, got {bad}")
            );
        }
    }

    #[test]
    fn errors_are_invalid_arg() {
        let err = decode_session_event_batch(&[0x0a, 0x10]).unwrap_err();
        assert_eq!(err.status, Status::InvalidArg);
        assert!(
            err.reason.contains("failed to decode Protobuf message"),
            "{}",
            err.reason
        );
        let err = map_error(simd::ShapeError::Query { len: 1, dim: 2 });
        assert_eq!(err.status, Status::InvalidArg);
        assert_eq!(
            err.reason,
            "query has length 1 but dim is 2; they must be equal"
        );
    }
}
