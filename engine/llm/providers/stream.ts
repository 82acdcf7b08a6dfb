/**
 * The loop every HTTP provider shares: open the upstream call, turn its body (an
 * event stream, or one JSON document) into `ChatChunk`s with the vendor's
 * {@link StreamDecoder}, and enforce the stream contract with {@link guardStream}.
 * A provider folder only says how to build the request and how to decode events.
 *
 * @example
 *   stream(req, ctx) {
 *     return streamVendorCall({ target: id, url, headers, body, transport, decoder: createDecoder() }, ctx.signal);
 *   }
 */

import type { SignalLike } from "../cancel.ts";
import type { ChatChunk } from "../types.ts";
import { LlmError } from "../types.ts";
import { interruptedError, protocolError } from "./errors.ts";
import { type SseEvent, SseOverflowError, SseReader } from "./sse.ts";
import { fetchWhole, openUpstream, type Upstream, type UpstreamRequest } from "./upstream.ts";

/**
 * A vendor's wire format, one instance per call (it may keep state across events).
 * Methods push chunks to `out` and throw `LlmError` for vendor errors.
 */
export interface StreamDecoder {
  /** One SSE event. Returns true at the vendor's end-of-stream marker. */
  event(ev: SseEvent, out: ChatChunk[]): boolean;
  /**
   * The body ended without the end marker. Push the closing chunks and return true
   * if the answer is complete anyway (e.g. a finish reason was seen); false makes
   * the stream `stream_interrupted`.
   */
  eof(out: ChatChunk[]): boolean;
  /** A 2xx JSON body instead of a stream: a non-stream answer, or a vendor error. */
  json(body: unknown, out: ChatChunk[]): void;
}

/** An upstream request plus the decoder for its answer. */
export interface VendorCall extends Omit<UpstreamRequest, "signal"> {
  decoder: StreamDecoder;
}

/**
 * Runs one vendor call as a guarded chunk stream (the contract of {@link guardStream}),
 * in one generator: bytes → SSE events (a synchronous parser) → the decoder's chunks →
 * the guard, with no generator per layer in between.
 *
 * @example
 *   for await (const c of streamVendorCall(call, ctx.signal)) if (c.type === "delta") write(c.text);
 */
export async function* streamVendorCall(call: VendorCall, signal: SignalLike): AsyncGenerator<ChatChunk> {
  const { target, decoder } = call;
  const guard = new StreamGuard(target, signal);
  let up: Upstream | undefined;
  /** The body was read to the vendor's end marker: the connection may be kept. */
  let complete = false;
  const out: ChatChunk[] = [];
  try {
    up = await openUpstream({ ...call, signal });
    if (up.mediaType === "application/json") {
      decoder.json(parseJson(target, await up.text(), "body"), out);
      complete = true;
    } else if (up.mediaType === "text/html") {
      throw protocolError(target, "expected an event stream, got text/html");
    } else {
      const sse = new SseReader();
      /** Decodes `events` into `out`; true at the vendor's end marker. */
      const take = (events: SseEvent[]): boolean => {
        for (const ev of events) if (decoder.event(ev, out)) return true;
        return false;
      };
      let done = false;
      try {
        for await (const bytes of up.chunks()) {
          done = take(sse.push(bytes));
          if (done) complete = true;
          yield* guard.admit(out);
          if (guard.finished) return;
          out.length = 0;
          if (done) break;
        }
        if (!done) done = take(sse.end());
      } catch (e) {
        if (e instanceof SseOverflowError) throw protocolError(target, e.message, e);
        throw e;
      }
      if (done || decoder.eof(out)) complete = true;
    }
    yield* guard.admit(out);
    if (guard.finished) return;
  } catch (e) {
    throw guard.error(e);
  } finally {
    up?.release(complete);
  }
  throw guard.endError();
}

/**
 * Runs one vendor call for the whole answer at once ({@link fetchWhole}): a JSON
 * body goes through `decoder.json`; a server that streams anyway is decoded event
 * by event from the complete body. The result keeps the stream contract of
 * {@link guardStream}: empty deltas dropped, nothing after the first `finish`, and
 * no `finish` at all is `stream_interrupted`. No deadline of its own: `signal`
 * bounds it.
 *
 * @example
 *   const chunks = await completeVendorCall({ ...call, body: { ...body, stream: false } }, ctx.signal);
 */
export async function completeVendorCall(call: VendorCall, signal: SignalLike): Promise<ChatChunk[]> {
  const { target, decoder } = call;
  const { mediaType, text } = await fetchWhole(call, signal);
  const raw: ChatChunk[] = [];
  try {
    if (mediaType === "application/json") decoder.json(parseJson(target, text, "body"), raw);
    else if (mediaType === "text/html") throw protocolError(target, "expected JSON or an event stream, got text/html");
    else decodeEvents(decoder, text, raw);
  } catch (e) {
    if (e instanceof LlmError) throw e;
    throw protocolError(target, `unexpected ${describe(e)}`, e);
  }
  const guard = new StreamGuard(target, signal);
  const out: ChatChunk[] = [];
  for (const c of raw) {
    if (!guard.pass(c)) continue;
    out.push(c);
    if (guard.finished) return out;
  }
  throw guard.endError();
}

/** Decodes a complete SSE body with `decoder`, stopping at its end marker (else `eof`). */
function decodeEvents(decoder: StreamDecoder, text: string, out: ChatChunk[]): void {
  for (const ev of new SseReader().pushText(text)) if (decoder.event(ev, out)) return;
  decoder.eof(out);
}

/**
 * Enforces the provider stream contract on any chunk source:
 * - empty deltas are dropped; nothing follows the first `finish`;
 * - a source that ends without `finish` throws `stream_interrupted`;
 * - a failure after the first delta throws `stream_interrupted` (cause: the failure),
 *   before it the `LlmError` itself; errors that are not `LlmError`s become
 *   `upstream_protocol` (a vendor shape the decoder did not expect);
 * - once `signal` is aborted, the abort reason is thrown instead.
 * Returning early (consumer `break`) returns the source, which cancels the upstream.
 *
 * @example
 *   return guardStream(this.id, ctx.signal, rawChunks());
 */
export async function* guardStream(
  target: string,
  signal: SignalLike,
  source: AsyncIterable<ChatChunk>,
): AsyncGenerator<ChatChunk> {
  const guard = new StreamGuard(target, signal);
  try {
    for await (const c of source) {
      if (!guard.pass(c)) continue;
      yield c;
      if (guard.finished) return;
    }
  } catch (e) {
    throw guard.error(e);
  }
  throw guard.endError();
}

/** The stream contract's state for one call: which chunks go out, and what a failure or an early end means. */
class StreamGuard {
  started = false;
  finished = false;

  constructor(
    private readonly target: string,
    private readonly signal: SignalLike,
  ) {}

  /** Whether `c` goes out (an empty delta does not); after a `finish` the caller stops. */
  pass(c: ChatChunk): boolean {
    if (c.type === "delta") {
      if (c.text === "") return false;
      this.started = true;
    } else if (c.type === "finish") this.finished = true;
    return true;
  }

  /** The chunks of `batch` that go out, up to and including the first `finish`. */
  *admit(batch: readonly ChatChunk[]): Generator<ChatChunk> {
    for (const c of batch) {
      if (!this.pass(c)) continue;
      yield c;
      if (this.finished) return;
    }
  }

  /** What to throw for a failure `e` of the source. */
  error(e: unknown): unknown {
    if (this.signal.aborted) return this.signal.reason;
    const err = e instanceof LlmError ? e : protocolError(this.target, `unexpected ${describe(e)}`, e);
    if (this.started) return interruptedError(this.target, `${err.code} after the first delta (${err.message})`, err);
    return err;
  }

  /** What to throw when the source ended without a `finish`. */
  endError(): unknown {
    if (this.signal.aborted) return this.signal.reason;
    return interruptedError(
      this.target,
      this.started ? "stream ended mid-answer without a finish" : "stream ended without a finish",
    );
  }
}

function describe(e: unknown): string {
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/**
 * Parses JSON from the upstream; bad JSON is `upstream_protocol`. The message
 * gives the size, never the content (it may hold customer text).
 *
 * @example
 *   const chunk = parseJson("openai-day", ev.data, "event");
 */
export function parseJson(target: string, text: string, what: "event" | "body"): unknown {
  try {
    return JSON.parse(text);
  } catch (e) {
    throw protocolError(target, `malformed JSON in ${what} (${text.length} chars)`, e);
  }
}

/** `x` as a plain object, or undefined. */
export function asRecord(x: unknown): Record<string, unknown> | undefined {
  return x !== null && typeof x === "object" && !Array.isArray(x) ? (x as Record<string, unknown>) : undefined;
}

/** `x` if it is a string. */
export function asString(x: unknown): string | undefined {
  return typeof x === "string" ? x : undefined;
}

/** A number as JSON.stringify writes it (NaN and infinities are null), for JSON written out by hand. */
export const jsonNumber = (n: number): string => (Number.isFinite(n) ? String(n) : "null");

/** `x` if it is a finite number. */
export function asNumber(x: unknown): number | undefined {
  return typeof x === "number" && Number.isFinite(x) ? x : undefined;
}
