//! kefu's optional native addon: SIMD similarity kernels over `Float32Array` batches and
//! batched decoding of stored `kefu.v1.SessionEvent` payloads. The kernels and the decoder are plain Rust
//! ([`simd`], [`proto`]); this file is only their Node-API surface. The sentence embedder is
//! [`embed`] (CPU), [`cuda`] (the `cuda` feature) and [`embed_api`] (its Node-API surface).

#[cfg(feature = "cuda")]
pub mod cuda;
pub mod embed;
pub mod embed_api;
pub mod proto;
pub mod simd;
pub mod topk;

use napi::bindgen_prelude::*;
use napi_derive::napi;
use proto::{Entries, Flat};
use std::ptr;

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

/// The result of `cosineTopkBatch`: query `i` owns `rows` and `scores` from `offsets[i]` to
/// `offsets[i + 1]`, best first (ties by row).
#[napi(object, object_from_js = false)]
pub struct TopkBatch {
    pub rows: Uint32Array,
    pub scores: Float32Array,
    pub offsets: Uint32Array,
}

/// Runs [`topk::cosine_topk_batch`] on a libuv worker thread over JS-owned buffers.
pub struct TopkTask {
    queries: Float32Array,
    matrix: Float32Array,
    dim: f64,
    k: u32,
    threads: u32,
}

impl Task for TopkTask {
    type Output = topk::TopK;
    type JsValue = TopkBatch;

    fn compute(&mut self) -> Result<Self::Output> {
        let dim = dim_arg(self.dim)?;
        topk::cosine_topk_batch(
            &self.queries,
            &self.matrix,
            dim,
            self.k as usize,
            self.threads as usize,
        )
        .map_err(map_error)
    }

    fn resolve(&mut self, _env: Env, out: Self::Output) -> Result<Self::JsValue> {
        Ok(TopkBatch {
            rows: Uint32Array::new(out.rows),
            scores: Float32Array::new(out.scores),
            offsets: Uint32Array::new(out.offsets),
        })
    }
}

/// Exact top-k by cosine for each of `queries` (flat `nq × dim`) against `matrix` (flat
/// `n × dim`), off the event loop: the scan runs on a libuv worker thread, split over up to
/// `threads` threads (default 0 = one per core). Each query gets its `k` best rows plus every
/// row tying the k-th score (at most 1,024 more), best first, ties by row.
///
/// The buffers are read while the promise is pending, not copied: the caller must not write
/// to them until it settles (the vector indexes pass a copy-on-write snapshot). Rejects with
/// `InvalidArg` on the shape errors of `cosineBatch`; aborting `signal` while the call waits
/// for a worker rejects it with an `AbortError`.
///
/// ```js
/// const { rows, scores, offsets } = await cosineTopkBatch(queries, matrix, 384, 10);
/// ```
#[napi(ts_return_type = "Promise<TopkBatch>")]
pub fn cosine_topk_batch(
    queries: Float32Array,
    matrix: Float32Array,
    dim: f64,
    k: u32,
    threads: Option<u32>,
    signal: Option<AbortSignal>,
) -> AsyncTask<TopkTask> {
    AsyncTask::with_optional_signal(
        TopkTask {
            queries,
            matrix,
            dim,
            k,
            threads: threads.unwrap_or(0),
        },
        signal,
    )
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

/// Who produced an event.
#[napi(string_enum = "lowercase")]
#[derive(Debug, PartialEq, Eq)]
pub enum ActorKind {
    Visitor,
    Agent,
    Bot,
    System,
}

impl From<proto::ActorKind> for ActorKind {
    fn from(kind: proto::ActorKind) -> Self {
        match kind {
            proto::ActorKind::Visitor => Self::Visitor,
            proto::ActorKind::Agent => Self::Agent,
            proto::ActorKind::Bot => Self::Bot,
            proto::ActorKind::System => Self::System,
        }
    }
}

/// Conversation states.
#[napi(string_enum = "lowercase")]
#[derive(Debug, PartialEq, Eq)]
pub enum SessionState {
    Bot,
    Queued,
    Assigned,
    Closed,
}

impl From<proto::SessionState> for SessionState {
    fn from(state: proto::SessionState) -> Self {
        match state {
            proto::SessionState::Bot => Self::Bot,
            proto::SessionState::Queued => Self::Queued,
            proto::SessionState::Assigned => Self::Assigned,
            proto::SessionState::Closed => Self::Closed,
        }
    }
}

/// The actor of an event: its kind and id.
#[napi(object, object_from_js = false)]
#[derive(Debug, PartialEq)]
pub struct Actor {
    pub kind: ActorKind,
    pub id: String,
}

/// A protobuf `map<string, string>` as a plain object whose keys are own data properties
/// in wire order; a repeated key keeps its first position and its last value (protobufjs
/// builds the same object).
#[derive(Debug, Default, PartialEq)]
pub struct StringMap(pub Vec<(String, String)>);

impl TypeName for StringMap {
    fn type_name() -> &'static str {
        "Record<string, string>"
    }

    fn value_type() -> ValueType {
        ValueType::Object
    }
}

impl ToNapiValue for StringMap {
    unsafe fn to_napi_value(env: sys::napi_env, map: Self) -> Result<sys::napi_value> {
        let mut obj = ptr::null_mut();
        check_status!(unsafe { sys::napi_create_object(env, &mut obj) })?;
        let mut props = Vec::with_capacity(map.0.len());
        for (k, v) in map.0 {
            props.push(sys::napi_property_descriptor {
                utf8name: ptr::null(),
                // SAFETY: `env` is the live environment of this call.
                name: unsafe { String::to_napi_value(env, k)? },
                method: None,
                getter: None,
                setter: None,
                value: unsafe { String::to_napi_value(env, v)? },
                attributes: sys::PropertyAttributes::writable
                    | sys::PropertyAttributes::enumerable
                    | sys::PropertyAttributes::configurable,
                data: ptr::null_mut(),
            });
        }
        // Defining (not assigning) makes a `__proto__` key an own property, as in protobufjs.
        check_status!(unsafe {
            sys::napi_define_properties(env, obj, props.len(), props.as_ptr())
        })?;
        Ok(obj)
    }
}

/// `None` for no entries, as `fromProto` omits an empty map.
fn string_map(entries: Entries<'_>) -> Option<StringMap> {
    (!entries.is_empty()).then(|| {
        StringMap(
            entries
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        )
    })
}

/// `None` for an empty string.
fn non_empty(s: &str) -> Option<String> {
    (!s.is_empty()).then(|| s.to_owned())
}

/// What happened. Optional fields are absent (not `undefined`-valued) when the stored
/// value is empty, as `engine/events.ts` `fromProto` leaves them.
#[napi(
    discriminant = "type",
    discriminant_case = "snake_case",
    object_from_js = false
)]
#[derive(Debug, PartialEq)]
pub enum EventBody {
    Message {
        client_msg_id: String,
        text: String,
        #[napi(ts_type = "Record<string, string>")]
        attributes: Option<StringMap>,
    },
    StateChanged {
        from: SessionState,
        to: SessionState,
        reason: String,
        agent_id: Option<String>,
        group: Option<String>,
    },
    Started {
        visitor_id: String,
        #[napi(ts_type = "Record<string, string>")]
        metadata: Option<StringMap>,
    },
}

/// One stored `kefu.v1.SessionEvent`, equal to `engine/events.ts` `SessionEvent`.
#[napi(object, object_from_js = false)]
#[derive(Debug, PartialEq)]
pub struct SessionEvent {
    pub tenant_id: String,
    pub session_id: String,
    /// Per-session sequence number, from 1 (exact up to 2^53).
    pub seq: f64,
    /// Server time of the append, in milliseconds since the Unix epoch.
    pub at_unix_ms: f64,
    pub actor: Actor,
    pub body: EventBody,
}

impl From<proto::Event<'_>> for SessionEvent {
    fn from(e: proto::Event<'_>) -> Self {
        let body = match e.body {
            proto::Body::Message {
                client_msg_id,
                text,
                attributes,
            } => EventBody::Message {
                client_msg_id: client_msg_id.to_owned(),
                text: text.to_owned(),
                attributes: string_map(attributes),
            },
            proto::Body::StateChanged {
                from,
                to,
                reason,
                agent_id,
                group,
            } => EventBody::StateChanged {
                from: from.into(),
                to: to.into(),
                reason: reason.to_owned(),
                agent_id: non_empty(agent_id),
                group: non_empty(group),
            },
            proto::Body::Started {
                visitor_id,
                metadata,
            } => EventBody::Started {
                visitor_id: visitor_id.to_owned(),
                metadata: string_map(metadata),
            },
        };
        Self {
            tenant_id: e.tenant_id.to_owned(),
            session_id: e.session_id.to_owned(),
            seq: e.seq as f64,
            at_unix_ms: e.at_unix_ms as f64,
            actor: Actor {
                kind: e.actor_kind.into(),
                id: e.actor_id.to_owned(),
            },
            body,
        }
    }
}

/// Decodes many separately stored `kefu.v1.SessionEvent` payloads in one call into
/// complete events: payload `i` is `concat[offsets[i]..offsets[i + 1]]`, so `n` payloads
/// take `n + 1` offsets. Both arrays are borrowed, not copied; bytes outside the offsets
/// are never read. Every object is built through Node-API, which costs more than the
/// decoding: `decodeSessionEventsInto` is the fast path.
///
/// Throws `InvalidArg` when `offsets` is empty, decreases or points past `concat`, and
/// `InvalidArg` with `payload <i>: <reason>` for the first payload that is malformed
/// protobuf, has no body, or holds an unknown enum value (the reasons of `decodeEvent`).
#[napi(ts_return_type = "SessionEvent[]")]
pub fn decode_session_events(concat: &[u8], offsets: &[u32]) -> Result<Vec<SessionEvent>> {
    let mut events = Vec::with_capacity(offsets.len().saturating_sub(1));
    proto::decode_payloads(concat, offsets, |e| events.push(SessionEvent::from(e)))
        .map_err(map_error)?;
    Ok(events)
}

/// `decodeSessionEvents` with the same input, checks and errors, for the caller to build
/// the objects in JavaScript (`engine/storage/event-codec.ts`), where a few string slices
/// and object literals cost far less than a Node-API call per field.
///
/// Returns one string per event, its string fields back to back, and writes the numbers of
/// every event into the caller's `fields`, in order: `seq`, `atUnixMs`, actor kind
/// (1 visitor, 2 agent, 3 bot, 4 system), body type (1 message, 2 state_changed,
/// 3 started); for state_changed `from` and `to` (1 bot, 2 queued, 3 assigned, 4 closed);
/// then the end offset in the event's string (UTF-16 units) of `tenantId`, `sessionId`,
/// the actor id and the body's strings (`clientMsgId`, `text` | `reason`, `agentId`,
/// `group` | `visitorId`); for message and started, the entry count `k` of `attributes` /
/// `metadata` and `k` (key, value) end offset pairs in wire order. Each string starts where
/// the previous one ended. When `fields` is too short, writes nothing and returns the
/// length it needs instead, so the caller can grow its buffer and call again.
///
/// Throws like `decodeSessionEvents`, and `InvalidArg` when `fields` shares memory with
/// `concat` or `offsets`.
#[napi(ts_return_type = "string[] | number")]
pub fn decode_session_events_into<'env>(
    env: &'env Env,
    concat: &[u8],
    offsets: &[u32],
    mut fields: Float64ArraySlice<'_>,
) -> Result<Either<Array<'env>, f64>> {
    if overlaps(&fields, concat) || overlaps(&fields, offsets) {
        return Err(map_error(
            "fields must not share memory with concat or offsets",
        ));
    }
    let n = offsets.len().saturating_sub(1);
    let mut flat = Flat::with_capacity(n, concat.len());
    proto::decode_payloads(concat, offsets, |e| flat.push(&e)).map_err(map_error)?;
    // SAFETY: `fields` aliases neither input, and the call is synchronous, so no JS code can
    // touch the buffer while the mutable slice lives.
    let out = unsafe { fields.as_mut() };
    let Some(out) = out.get_mut(..flat.fields.len()) else {
        return Ok(Either::B(flat.fields.len() as f64));
    };
    out.copy_from_slice(&flat.fields);
    let mut strings = env.create_array(n as u32)?;
    for (i, s) in flat.event_strings().enumerate() {
        strings.set(i as u32, s)?;
    }
    Ok(Either::A(strings))
}

/// True when the two slices share at least one byte.
fn overlaps<A, B>(a: &[A], b: &[B]) -> bool {
    let a = a.as_ptr_range();
    let b = b.as_ptr_range();
    (a.start as usize) < (b.end as usize) && (b.start as usize) < (a.end as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use prost::Message;
    use proto::pb::{self, session_event::Body as PbBody};
    use proto::tests::{concat, event, sample};

    fn map(entries: &[(&str, &str)]) -> Option<StringMap> {
        Some(StringMap(
            entries
                .iter()
                .map(|&(k, v)| (k.to_owned(), v.to_owned()))
                .collect(),
        ))
    }

    #[test]
    fn payloads_decode_to_complete_events() {
        let (buf, offsets) = concat(&sample());
        let event = |seq: u64, body| SessionEvent {
            tenant_id: "t-1".into(),
            session_id: "s-42".into(),
            seq: seq as f64,
            at_unix_ms: 1_700_000_000_000.0 + seq as f64,
            actor: Actor {
                kind: ActorKind::Visitor,
                id: "v-7".into(),
            },
            body,
        };
        assert_eq!(
            decode_session_events(&buf, &offsets).unwrap(),
            [
                event(
                    1,
                    EventBody::Message {
                        client_msg_id: "c-1".into(),
                        text: "你好, world 👋".into(),
                        attributes: map(&[("lang", "zh")]),
                    }
                ),
                event(
                    2,
                    EventBody::StateChanged {
                        from: SessionState::Bot,
                        to: SessionState::Assigned,
                        reason: "handoff".into(),
                        agent_id: Some("a-3".into()),
                        group: Some("billing".into()),
                    }
                ),
                event(
                    3,
                    EventBody::Started {
                        visitor_id: "v-7".into(),
                        metadata: map(&[("page", "/pricing")]),
                    }
                ),
                // Empty strings and maps are absent, as in `fromProto`.
                event(
                    4,
                    EventBody::Message {
                        client_msg_id: String::new(),
                        text: String::new(),
                        attributes: None,
                    }
                ),
            ]
        );
    }

    #[test]
    fn empty_agent_and_group_are_absent() {
        let e = event(
            9,
            Some(PbBody::StateChanged(pb::StateChanged {
                from: 2,
                to: 1,
                ..Default::default()
            })),
        );
        let (buf, offsets) = concat(&[e]);
        assert_eq!(
            decode_session_events(&buf, &offsets).unwrap()[0].body,
            EventBody::StateChanged {
                from: SessionState::Queued,
                to: SessionState::Bot,
                reason: String::new(),
                agent_id: None,
                group: None,
            }
        );
    }

    #[test]
    fn enums_map_one_to_one() {
        use proto::{ActorKind as A, SessionState as S};
        let kinds = [A::Visitor, A::Agent, A::Bot, A::System].map(ActorKind::from);
        assert_eq!(
            kinds,
            [
                ActorKind::Visitor,
                ActorKind::Agent,
                ActorKind::Bot,
                ActorKind::System
            ]
        );
        let states = [S::Bot, S::Queued, S::Assigned, S::Closed].map(SessionState::from);
        assert_eq!(
            states,
            [
                SessionState::Bot,
                SessionState::Queued,
                SessionState::Assigned,
                SessionState::Closed
            ]
        );
    }

    #[test]
    fn overlap_is_by_byte_range() {
        let bytes = [0u8; 16];
        let (a, b) = bytes.split_at(8);
        assert!(!overlaps(a, b));
        assert!(overlaps(&bytes[..9], b));
        assert!(!overlaps(&bytes[..0], &bytes));
        let words = [0u32; 4];
        assert!(overlaps(&words[1..2], &words));
        assert!(!overlaps(&words, &bytes));
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
        let mut events = sample();
        events.push(event(
            5,
            Some(PbBody::StateChanged(pb::StateChanged {
                from: 1,
                to: 7,
                ..Default::default()
            })),
        ));
        let (buf, offsets) = concat(&events);
        let err = decode_session_events(&buf, &offsets).unwrap_err();
        assert_eq!(err.status, Status::InvalidArg);
        assert_eq!(err.reason, "payload 4: invalid SessionState enum value 7");
        for (offsets, reason) in [
            (
                &[][..],
                "offsets must hold n + 1 entries for n payloads, got none".to_owned(),
            ),
            (
                &[0, 9, 3][..],
                "offsets must not decrease: offsets[2] = 3 < offsets[1] = 9".to_owned(),
            ),
            (
                &[0, buf.len() as u32 + 7][..],
                format!(
                    "offsets[1] = {} is past the end of the buffer (length {})",
                    buf.len() + 7,
                    buf.len()
                ),
            ),
        ] {
            let err = decode_session_events(&buf, offsets).unwrap_err();
            assert_eq!(err.status, Status::InvalidArg);
            assert_eq!(err.reason, reason);
        }
        let bytes = sample()[0].encode_to_vec();
        let err = decode_session_events(&bytes[..bytes.len() - 1], &[0, bytes.len() as u32 - 1])
            .unwrap_err();
        assert_eq!(err.status, Status::InvalidArg);
        assert!(
            err.reason.starts_with("payload 0: malformed protobuf"),
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
