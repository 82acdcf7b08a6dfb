/**
 * The PostgreSQL EventStore's batch statement, client side: which lane a session writes
 * through, the parameters of `kefu_append_events` (migration 0002) — payloads encoded
 * without their seq into one binary buffer, ids as prebuilt array literals — and the
 * mapping of its rows back to one result per append.
 *
 * @example
 *   const { rows } = await client.query<AppendRow>(APPEND_SQL, appendParams(events, at));
 *   const results = batchResults(events, sent, batch.length, rows, at);
 */
import protobuf from "protobufjs/minimal.js";
import { kefu } from "../../proto/index.ts";
import { clientMsgIdOf, decodeEvent, type NewEvent, toProto } from "../events.ts";
import type { AppendResult } from "./event-store.ts";

/**
 * The lane (0 … lanes-1) of a session: FNV-1a of its id's UTF-16 code units.
 *
 * @example
 *   laneOf("s1", 2) === laneOf("s1", 2); // true: a session always writes through one lane
 */
export function laneOf(sessionId: string, lanes: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < sessionId.length; i++) h = Math.imul(h ^ sessionId.charCodeAt(i), 0x01000193);
  return (h >>> 0) % lanes;
}

/**
 * One row of `kefu_append_events`: a session's seq base, or the stored payload of a resent message.
 *
 * @example
 *   const { rows } = await client.query<AppendRow>(APPEND_SQL, params);
 */
export interface AppendRow {
  n: number | null;
  session_id: string | null;
  base: string | null;
  dup: Buffer | null;
}

/** The batch statement: one call of `kefu_append_events` (migration 0002). */
export const APPEND_SQL = "SELECT n, session_id, base, dup FROM kefu_append_events($1, $2, $3, $4, $5, $6, $7, $8)";

/**
 * Encodes an event as `kefu.v1.SessionEvent` bytes without its seq; PostgreSQL appends
 * the seq field (`kefu_pb_seq_field`), and a protobuf parser merges the two. With a
 * `writer`, appends the bytes to it and returns an empty array.
 *
 * @example
 *   const prefix = encodeWithoutSeq(newEvent, Date.now());
 */
export function encodeWithoutSeq(event: NewEvent, atUnixMs: number, writer?: protobuf.Writer): Uint8Array {
  const w = kefu.v1.SessionEvent.encode({ ...toProto({ ...event, seq: 0, atUnixMs }), seq: null }, writer);
  return writer ? new Uint8Array(0) : w.finish();
}

/**
 * A PostgreSQL array literal of text values (NULL for null), each quoted and escaped,
 * built before a batch waits for its turn so that sending it costs no more work.
 *
 * @example
 *   textArrayLiteral(["a", 'say "hi"', null]); // '{"a","say \\"hi\\"",NULL}'
 */
export function textArrayLiteral(values: readonly (string | null)[]): string {
  const parts = new Array<string>(values.length);
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    parts[i] = v === null || v === undefined ? "NULL" : `"${v.replace(/["\\]/g, "\\$&")}"`;
  }
  return `{${parts.join(",")}}`;
}

/**
 * Parameters of `kefu_append_events` for `events` (in call order), stamped `atUnixMs`.
 *
 * @example
 *   const { rows } = await client.query<AppendRow>(APPEND_SQL, appendParams(events, Date.now()));
 */
export function appendParams(events: NewEvent[], atUnixMs: number): unknown[] {
  const n = events.length;
  const tenants = new Array<string>(n);
  const sessions = new Array<string>(n);
  const types = new Array<string>(n);
  const clients = new Array<string | null>(n);
  const offsets = new Array<number>(n);
  const lengths = new Array<number>(n);
  // All payloads into one writer (one buffer, a few times faster than n encodes and a copy),
  // sent as one binary parameter: pg sends a Buffer as is, a bytea[] would go as hex text.
  const writer = protobuf.Writer.create();
  for (let i = 0; i < n; i++) {
    const e = events[i] as NewEvent;
    tenants[i] = e.tenantId;
    sessions[i] = e.sessionId;
    types[i] = e.body.type;
    clients[i] = clientMsgIdOf(e.body);
    const start = writer.len;
    encodeWithoutSeq(e, atUnixMs, writer);
    offsets[i] = start + 1; // substring() counts from 1
    lengths[i] = writer.len - start;
  }
  const bytes = writer.finish();
  const payloads = Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return [
    textArrayLiteral(tenants),
    textArrayLiteral(sessions),
    textArrayLiteral(types),
    textArrayLiteral(clients),
    new Date(atUnixMs).toISOString(),
    payloads,
    `{${offsets.join(",")}}`,
    `{${lengths.join(",")}}`,
  ];
}

/**
 * Maps `kefu_append_events` rows back to one result per append: event `sent[j]` of the
 * batch is `events[j]`; a session's fresh events got base+1, base+2, … in call order.
 *
 * @example
 *   const results = batchResults(events, sent, batch.length, rows, atUnixMs);
 */
export function batchResults(
  events: NewEvent[],
  sent: number[],
  batchLength: number,
  rows: AppendRow[],
  atUnixMs: number,
): AppendResult[] {
  const next = new Map<string, number>();
  const dups = new Map<number, Buffer>();
  for (const r of rows) {
    if (r.dup !== null && r.n !== null) dups.set(r.n - 1, r.dup);
    else if (r.session_id !== null && r.base !== null) next.set(r.session_id, Number(r.base));
  }
  const results: AppendResult[] = new Array(batchLength);
  for (let j = 0; j < events.length; j++) {
    const idx = sent[j] as number;
    const event = events[j] as NewEvent;
    const dup = dups.get(j);
    if (dup !== undefined) {
      results[idx] = { event: decodeEvent(dup), duplicate: true };
      continue;
    }
    const seq = (next.get(event.sessionId) ?? Number.NaN) + 1;
    if (!Number.isSafeInteger(seq)) throw new Error(`no seq came back for session ${event.sessionId}`);
    next.set(event.sessionId, seq);
    results[idx] = { event: { ...event, seq, atUnixMs }, duplicate: false };
  }
  return results;
}
