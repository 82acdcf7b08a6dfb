/**
 * Batch decoding of stored `kefu.v1.SessionEvent` payloads: many at once through
 * the native addon (one call for the whole batch) when it is built, else one by
 * one with protobufjs. Both implement `EventBatchDecoder` and give equal events.
 *
 * @example
 *   const decoder = loadEventBatchDecoder({ logger });
 *   const events = decoder.decode(rows.map((r) => r.payload)); // SessionEvent[]
 */
import type * as native from "../../native/index.js";
import { KefuError } from "../errors.ts";
import { type ActorKind, decodeEvent, type EventBody, type SessionEvent, type SessionState } from "../events.ts";
import { type AddonOptions, loadAddon, resetAddonWarningForTests } from "../native.ts";

/**
 * Decodes many stored payloads at once.
 *
 * Contract:
 * - Returns one event per payload, in order, deep-equal to `decodeEvent(payload)`:
 *   the same fields, empty `attributes` / `metadata` / `agentId` / `group` absent, map
 *   keys in wire order. The payloads are only read during the call.
 * - Throws `KefuError("corrupt_event", status 500, not retryable)` for the first payload
 *   that is malformed protobuf, has no body or holds an unknown enum value. Its message is
 *   `payload <i>: <reason>`; the reasons for a missing body or an unknown enum value are
 *   `decodeEvent`'s in both implementations, those for malformed bytes the decoder's own.
 *
 * Implementations: `jsEventBatchDecoder` (protobufjs, always available) and
 * `nativeEventBatchDecoder` (the addon, one call per batch; faster from
 * `NATIVE_MIN_BATCH` payloads up, see bench/RESULTS.md "decode").
 *
 * @example
 *   decoder.decode([encodeEvent(a), encodeEvent(b)]); // [a, b]
 */
export interface EventBatchDecoder {
  /** "native" (the Rust addon) or "js" (protobufjs). */
  readonly impl: "native" | "js";
  decode(payloads: readonly Uint8Array[]): SessionEvent[];
}

function corrupt(index: number, reason: string, cause: unknown): KefuError {
  return new KefuError("corrupt_event", `payload ${index}: ${reason}`, { status: 500, cause });
}

/**
 * protobufjs, one payload at a time (`decodeEvent`): always available.
 *
 * @example
 *   jsEventBatchDecoder.decode([bytes])[0]?.seq;
 */
export const jsEventBatchDecoder: EventBatchDecoder = {
  impl: "js",
  decode(payloads) {
    const out: SessionEvent[] = [];
    let i = 0;
    try {
      for (; i < payloads.length; i++) out.push(decodeEvent(payloads[i] as Uint8Array));
    } catch (e) {
      throw corrupt(i, (e as Error).message, e);
    }
    return out;
  },
};

/** The native addon's exports that this module uses, typed by the generated declarations. */
export type NativeCodecAddon = Pick<typeof native, "decodeSessionEventsInto">;

// The flat layout's enum codes (the kefu.v1 numbers); index 0 is never written.
const actorKinds: readonly ActorKind[] = ["visitor", "visitor", "agent", "bot", "system"];
const states: readonly SessionState[] = ["bot", "bot", "queued", "assigned", "closed"];
const MESSAGE = 1;
const STATE_CHANGED = 2;

type StateChangedBody = Extract<EventBody, { type: "state_changed" }>;

/**
 * Rebuilds events from the addon's flat layout (`decodeSessionEventsInto` in
 * native/index.d.ts: one string per event, their numbers in `f`) with the shapes
 * `fromProto` gives them.
 *
 * @example
 *   const strings = addon.decodeSessionEventsInto(concat, offsets, fields);
 *   if (typeof strings !== "number") buildEvents(strings, fields); // SessionEvent[]
 */
export function buildEvents(strings: readonly string[], f: Float64Array): SessionEvent[] {
  const out: SessionEvent[] = [];
  let i = 0;
  for (const s of strings) {
    const seq = f[i] as number;
    const atUnixMs = f[i + 1] as number;
    const kind = actorKinds[f[i + 2] as number] as ActorKind;
    const type = f[i + 3] as number;
    i += 4;
    let from = 0;
    let to = 0;
    if (type === STATE_CHANGED) {
      from = f[i] as number;
      to = f[i + 1] as number;
      i += 2;
    }
    // Strings are back to back: each starts where the one before ended.
    const tenantEnd = f[i] as number;
    const sessionEnd = f[i + 1] as number;
    const actorEnd = f[i + 2] as number;
    const tenantId = s.slice(0, tenantEnd);
    const sessionId = s.slice(tenantEnd, sessionEnd);
    const actorId = s.slice(sessionEnd, actorEnd);
    i += 3;
    let body: EventBody;
    if (type === MESSAGE) {
      const idEnd = f[i] as number;
      const textEnd = f[i + 1] as number;
      const k = f[i + 2] as number;
      const clientMsgId = s.slice(actorEnd, idEnd);
      const text = s.slice(idEnd, textEnd);
      i += 3;
      if (k === 0) {
        body = { type: "message", clientMsgId, text };
      } else {
        const attributes: Record<string, string> = {};
        i = readMap(s, f, i, textEnd, k, attributes);
        body = { type: "message", clientMsgId, text, attributes };
      }
    } else if (type === STATE_CHANGED) {
      const reasonEnd = f[i] as number;
      const agentEnd = f[i + 1] as number;
      const b: StateChangedBody = {
        type: "state_changed",
        from: states[from] as SessionState,
        to: states[to] as SessionState,
        reason: s.slice(actorEnd, reasonEnd),
      };
      if (agentEnd > reasonEnd) b.agentId = s.slice(reasonEnd, agentEnd);
      const groupEnd = f[i + 2] as number;
      if (groupEnd > agentEnd) b.group = s.slice(agentEnd, groupEnd);
      i += 3;
      body = b;
    } else {
      const visitorEnd = f[i] as number;
      const k = f[i + 1] as number;
      const visitorId = s.slice(actorEnd, visitorEnd);
      i += 2;
      if (k === 0) {
        body = { type: "started", visitorId };
      } else {
        const metadata: Record<string, string> = {};
        i = readMap(s, f, i, visitorEnd, k, metadata);
        body = { type: "started", visitorId, metadata };
      }
    }
    out.push({ tenantId, sessionId, seq, atUnixMs, actor: { kind, id: actorId }, body });
  }
  return out;
}

/**
 * Reads `k` (key, value) end-offset pairs from `f[i]` into `into`, the first string
 * starting at `start`; returns the index after the pairs.
 */
function readMap(
  s: string,
  f: Float64Array,
  i: number,
  start: number,
  k: number,
  into: Record<string, string>,
): number {
  let p = start;
  const end = i + 2 * k;
  for (; i < end; i += 2) {
    const keyEnd = f[i] as number;
    const valueEnd = f[i + 1] as number;
    const key = s.slice(p, keyEnd);
    const value = s.slice(keyEnd, valueEnd);
    p = valueEnd;
    // protobufjs makes `__proto__` an own property rather than setting the prototype.
    if (key === "__proto__") {
      Object.defineProperty(into, key, { value, enumerable: true, writable: true, configurable: true });
    } else {
      into[key] = value;
    }
  }
  return i;
}

/** Largest total payload size one native call takes (offsets are 32-bit). */
const MAX_BATCH_BYTES = 0xffff_ffff;

/**
 * Batches smaller than this go to protobufjs: a native call has a fixed cost, and the
 * crossover falls between 2 and 4 events from run to run (bench/RESULTS.md "decode";
 * 1.5× at 10 events, 3.3× at 1,000), so from 4 the native path does not lose.
 */
export const NATIVE_MIN_BATCH = 4;

/** Options of `nativeEventBatchDecoder`. */
export interface NativeEventBatchDecoderOptions {
  /** Smallest batch decoded natively; smaller ones go to protobufjs. Default `NATIVE_MIN_BATCH`. */
  minBatch?: number;
}

/**
 * The native decoder over a loaded addon: the payloads are copied into one buffer and
 * decoded in one call, and the events are built from its flat result. It keeps the
 * numbers' buffer between calls, grown to the largest batch seen (about 80 B per event).
 *
 * @example
 *   const decoder = nativeEventBatchDecoder(require("../../native/index.js"));
 */
export function nativeEventBatchDecoder(
  addon: NativeCodecAddon,
  opts: NativeEventBatchDecoderOptions = {},
): EventBatchDecoder {
  const minBatch = opts.minBatch ?? NATIVE_MIN_BATCH;
  let fields = new Float64Array(1024);
  const call = (concat: Uint8Array, offsets: Uint32Array): string[] => {
    try {
      let strings = addon.decodeSessionEventsInto(concat, offsets, fields);
      if (typeof strings === "number") {
        fields = new Float64Array(Math.max(strings, 2 * fields.length));
        strings = addon.decodeSessionEventsInto(concat, offsets, fields) as string[];
      }
      return strings;
    } catch (e) {
      const m = /^payload (\d+): (.*)$/s.exec((e as Error).message);
      if (m) throw corrupt(Number(m[1]), m[2] as string, e);
      throw e;
    }
  };
  return {
    impl: "native",
    decode(payloads) {
      const n = payloads.length;
      if (n < minBatch) return jsEventBatchDecoder.decode(payloads);
      let total = 0;
      for (const p of payloads) total += p.length;
      if (total > MAX_BATCH_BYTES) return jsEventBatchDecoder.decode(payloads);
      const { concat, offsets } = concatPayloads(payloads);
      let strings: string[];
      try {
        strings = call(concat, offsets); // may replace `fields` with a larger buffer
      } catch (e) {
        // The addon's layout predates internal notes (body field 13): it sees no body. protobufjs decodes them.
        if (e instanceof KefuError && /has no body/.test(e.message)) return jsEventBatchDecoder.decode(payloads);
        throw e;
      }
      return buildEvents(strings, fields);
    },
  };
}

/**
 * Payloads back to back, with the `n + 1` offsets that delimit them: the input of
 * the native batch decoder.
 *
 * @example
 *   concatPayloads([a, b]).offsets; // Uint32Array [0, a.length, a.length + b.length]
 */
export function concatPayloads(payloads: readonly Uint8Array[]): { concat: Uint8Array; offsets: Uint32Array } {
  const offsets = new Uint32Array(payloads.length + 1);
  for (let i = 0; i < payloads.length; i++)
    offsets[i + 1] = (offsets[i] as number) + (payloads[i] as Uint8Array).length;
  const concat = new Uint8Array(offsets[payloads.length] as number);
  for (let i = 0; i < payloads.length; i++) concat.set(payloads[i] as Uint8Array, offsets[i]);
  return { concat, offsets };
}

const FEATURE = "stored-event decoding";

/** Options of `loadEventBatchDecoder`. */
export type LoadEventBatchDecoderOptions = AddonOptions;

/**
 * The native decoder, or protobufjs when the addon is not built (or too old to have the
 * batch decoder). The fallback is announced with one warning per process.
 *
 * @example
 *   const decoder = loadEventBatchDecoder({ logger }); // decoder.impl: "native" | "js"
 */
export function loadEventBatchDecoder(opts: LoadEventBatchDecoderOptions = {}): EventBatchDecoder {
  const addon = loadAddon<NativeCodecAddon>(FEATURE, (a) => typeof a.decodeSessionEventsInto === "function", opts);
  return addon ? nativeEventBatchDecoder(addon) : jsEventBatchDecoder;
}

/** Lets tests observe the once-per-process warning again. */
export function resetEventDecoderWarningForTests(): void {
  resetAddonWarningForTests(FEATURE);
}
