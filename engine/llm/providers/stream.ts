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

import type { ChatChunk } from "../types.ts";
import { LlmError } from "../types.ts";
import { interruptedError, protocolError } from "./errors.ts";
import { type SseEvent, SseOverflowError, SseReader } from "./sse.ts";
import { fetchWhole, openUpstream, type UpstreamRequest } from "./upstream.ts";

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
 * Runs one vendor call as a guarded chunk stream (see {@link guardStream}).
 *
 * @example
 *   for await (const c of streamVendorCall(call, ctx.signal)) if (c.type === "delta") write(c.text);
 */
export function streamVendorCall(call: VendorCall, signal: AbortSignal): AsyncGenerator<ChatChunk> {
  return guardStream(call.target, signal, decodeUpstream(call, signal));
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
export async function completeVendorCall(call: VendorCall, signal: AbortSignal): Promise<ChatChunk[]> {
  const { target, decoder } = call;
  const { mediaType, text } = await fetchWhole({ ...call, signal });
  const raw: ChatChunk[] = [];
  try {
    if (mediaType === "application/json") decoder.json(parseJson(target, text, "body"), raw);
    else if (mediaType === "text/html") throw protocolError(target, "expected JSON or an event stream, got text/html");
    else decodeEvents(decoder, text, raw);
  } catch (e) {
    if (e instanceof LlmError) throw e;
    throw protocolError(target, `unexpected ${describe(e)}`, e);
  }
  const out: ChatChunk[] = [];
  for (const c of raw) {
    if (c.type === "delta" && c.text === "") continue;
    out.push(c);
    if (c.type === "finish") return out;
  }
  const started = out.some((c) => c.type === "delta");
  throw interruptedError(
    target,
    started ? "stream ended mid-answer without a finish" : "stream ended without a finish",
  );
}

/** Decodes a complete SSE body with `decoder`, stopping at its end marker (else `eof`). */
function decodeEvents(decoder: StreamDecoder, text: string, out: ChatChunk[]): void {
  for (const ev of new SseReader().pushText(text)) if (decoder.event(ev, out)) return;
  decoder.eof(out);
}

async function* decodeUpstream(call: VendorCall, signal: AbortSignal): AsyncGenerator<ChatChunk> {
  const { target, decoder } = call;
  const up = await openUpstream({ ...call, signal });
  let complete = false;
  const out: ChatChunk[] = [];
  try {
    if (up.mediaType === "application/json") {
      const body = parseJson(target, await up.text(), "body");
      decoder.json(body, out);
      complete = true;
      yield* out;
      return;
    }
    if (up.mediaType === "text/html") throw protocolError(target, "expected an event stream, got text/html");
    // One loop over the body: bytes → events (a synchronous parser) → chunks.
    const sse = new SseReader();
    const take = (events: SseEvent[]): boolean => {
      for (const ev of events) if (decoder.event(ev, out)) return true;
      return false;
    };
    try {
      for await (const bytes of up.chunks()) {
        const done = take(sse.push(bytes));
        if (done) complete = true;
        if (out.length > 0) yield* out.splice(0);
        if (done) return;
      }
      const done = take(sse.end());
      if (out.length > 0) yield* out.splice(0);
      if (done) {
        complete = true;
        return;
      }
    } catch (e) {
      if (e instanceof SseOverflowError) throw protocolError(target, e.message, e);
      throw e;
    }
    if (decoder.eof(out)) {
      complete = true;
      yield* out;
    }
  } finally {
    up.release(complete);
  }
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
  signal: AbortSignal,
  source: AsyncIterable<ChatChunk>,
): AsyncGenerator<ChatChunk> {
  let started = false;
  try {
    for await (const c of source) {
      if (c.type === "delta") {
        if (c.text === "") continue;
        started = true;
      }
      yield c;
      if (c.type === "finish") return;
    }
  } catch (e) {
    if (signal.aborted) throw signal.reason;
    const err = e instanceof LlmError ? e : protocolError(target, `unexpected ${describe(e)}`, e);
    if (started) throw interruptedError(target, `${err.code} after the first delta (${err.message})`, err);
    throw err;
  }
  if (signal.aborted) throw signal.reason;
  throw interruptedError(
    target,
    started ? "stream ended mid-answer without a finish" : "stream ended without a finish",
  );
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

/** `x` if it is a finite number. */
export function asNumber(x: unknown): number | undefined {
  return typeof x === "number" && Number.isFinite(x) ? x : undefined;
}
