/**
 * Scenario "decode": protobufjs against the native addon on the two decode paths,
 * in one process pinned to core 0, measurements interleaved (best of 5 × 200 ms each).
 *
 * - Hot path: one small realtime `kefu.v1.Frame` (a Send) per WebSocket message.
 *   There is no native Frame decoder (see `hotPathRows`); the rows give protobufjs'
 *   cost and what one native call costs for one small message, which bounds any.
 * - Batch: `EventStore.readAfter` pages of stored `SessionEvent`s, decoded one by one
 *   with protobufjs against one native call per page (`EventBatchDecoder`); the small
 *   sizes locate `NATIVE_MIN_BATCH`.
 *
 * Reports ns per event (or frame) and the speed-up; the faster path is the default per use.
 */
import { createRequire } from "node:module";
import { resolve } from "node:path";
import { decodeEvent, encodeEvent } from "../../engine/events.ts";
import {
  buildEvents,
  concatPayloads,
  jsEventBatchDecoder,
  loadEventBatchDecoder,
  nativeEventBatchDecoder,
} from "../../engine/storage/event-codec.ts";
import { typicalEvent } from "../../engine/storage/event-fixtures.ts";
import { defaultAddonPath } from "../../engine/vector/kernels.ts";
import { kefu } from "../../proto/index.ts";
import { bestNsPerItem, machineLine, runPinnedChild } from "../machine.ts";
import { appendResults } from "../results.ts";

interface Row {
  case: string;
  /** What the native column ran. */
  native: string;
  jsNs: number;
  nativeNs: number | null;
}

/** The addon's functions measured here, typed by the generated declarations. */
type Addon = Pick<typeof import("../../native/index.js"), "decodeSessionEvents" | "decodeSessionEventsInto">;

const FLAT = "decodeSessionEventsInto + JS build, one call";
const OBJECTS = "decodeSessionEvents: Node-API objects, one call";

/**
 * The hot path. A native `Frame` decoder would have to hand back the whole `Frame` (23
 * kinds) for the gateway to use, so it would pay at least what one native call costs for
 * one small message; the proxy rows measure that with a stored event of about that size.
 */
function hotPathRows(addon: Addon): Row[] {
  const frame = kefu.v1.Frame.encode({
    id: "42",
    send: { sessionId: "sess-01HZX3K9Q2", message: { clientMsgId: "c-1-7f3a9b", text: "Hi, is anyone there?" } },
  }).finish();
  const event = encodeEvent({
    tenantId: "t-acme",
    sessionId: "sess-01HZX3K9Q2",
    seq: 7,
    atUnixMs: 1_732_000_000_000,
    actor: { kind: "visitor", id: "v-1" },
    body: { type: "message", clientMsgId: "c-1", text: "Hi, is anyone there?" },
  });
  const one = new Uint32Array([0, event.length]);
  const none = new Uint32Array([0]);
  const fields = new Float64Array(64);
  const [frameJs, eventJs, flat, objects, emptyCall] = bestNsPerItem(1, [
    () => kefu.v1.Frame.decode(frame),
    () => decodeEvent(event),
    () => buildEvents(addon.decodeSessionEventsInto(event, one, fields) as string[], fields),
    () => addon.decodeSessionEvents(event, one),
    () => addon.decodeSessionEventsInto(event, none, fields),
  ]) as [number, number, number, number, number];
  const proxy = `hot-path proxy: 1 SessionEvent (${event.length} B) per call`;
  return [
    {
      case: `hot path: 1 Frame (Send, ${frame.length} B)`,
      native: "no native Frame decoder",
      jsNs: frameJs,
      nativeNs: null,
    },
    { case: proxy, native: FLAT, jsNs: eventJs, nativeNs: flat },
    { case: proxy, native: OBJECTS, jsNs: eventJs, nativeNs: objects },
    { case: proxy, native: "fixed cost of one call (empty batch)", jsNs: eventJs, nativeNs: emptyCall },
  ];
}

/** `EventStore.readAfter` pages: protobufjs one by one against one native call per page. */
function batchRows(addon: Addon): Row[] {
  const payloads = Array.from({ length: 1_000 }, (_, i) => encodeEvent(typicalEvent(i)));
  const avg = Math.round(payloads.reduce((n, p) => n + p.length, 0) / payloads.length);
  // Native at every size (the default decoder sends batches below NATIVE_MIN_BATCH to protobufjs).
  const native = nativeEventBatchDecoder(addon, { minBatch: 0 });
  if (!Bun.deepEquals(native.decode(payloads), jsEventBatchDecoder.decode(payloads), true)) {
    throw new Error("native and protobufjs decoders disagree on the benchmark corpus");
  }
  const rows: Row[] = [];
  for (const n of [1_000, 100, 10, 5, 4, 3, 2]) {
    const page = payloads.slice(0, n);
    const withObjects = n === 1_000 || n === 10;
    const [js, flat, objects] = bestNsPerItem(n, [
      () => jsEventBatchDecoder.decode(page),
      () => native.decode(page),
      ...(withObjects
        ? [
            () => {
              const { concat, offsets } = concatPayloads(page);
              return addon.decodeSessionEvents(concat, offsets);
            },
          ]
        : []),
    ]) as [number, number, number?];
    const what = `batch: ${n} stored events (avg ${avg} B)`;
    rows.push({ case: what, native: FLAT, jsNs: js, nativeNs: flat });
    if (objects !== undefined) rows.push({ case: what, native: OBJECTS, jsNs: js, nativeNs: objects });
  }
  return rows;
}

function measure(): Row[] {
  if (loadEventBatchDecoder().impl !== "native") {
    throw new Error("the native addon is not built: run `bash .ci/build-native.sh`");
  }
  const addon = createRequire(import.meta.url)(defaultAddonPath) as Addon;
  return [...hotPathRows(addon), ...batchRows(addon)];
}

/** Runs the scenario pinned to core 0 and appends its rows to bench/RESULTS.md. */
export async function run(): Promise<void> {
  const out = await runPinnedChild(resolve(import.meta.path), []);
  const rows = JSON.parse(out) as Row[];
  const machine = await machineLine();
  const date = new Date().toISOString().slice(0, 10);
  const lines = rows.map((r) => {
    const native = r.nativeNs === null ? "—" : r.nativeNs.toFixed(1);
    const ratio = r.nativeNs === null ? "—" : `**${(r.jsNs / r.nativeNs).toFixed(2)}×**`;
    return `| ${date} | ${r.case} | ${r.jsNs.toFixed(1)} | ${native} (${r.native}) | ${ratio} | ${machine} | one process on core 0, interleaved best of 5 × 200 ms | \`npm run bench -- decode\` |`;
  });
  await appendResults(
    "decode: protobufjs vs native",
    [
      "| date | case | protobufjs ns/event | native ns/event (path) | speed-up (protobufjs / native) | machine | pinning | command |",
      "|---|---|---|---|---|---|---|---|",
    ],
    lines,
  );
  for (const l of lines) console.log(l);
}

if (import.meta.main && process.argv[2] === "--child") {
  console.log(JSON.stringify(measure()));
}
