import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { kefu } from "../../proto/index.ts";
import { KefuError } from "../errors.ts";
import { decodeEvent, type EventBody, encodeEvent, type SessionEvent } from "../events.ts";
import { createLogger } from "../logger.ts";
import { defaultAddonPath } from "../native.ts";
import {
  type EventBatchDecoder,
  jsEventBatchDecoder,
  loadEventBatchDecoder,
  NATIVE_MIN_BATCH,
  type NativeCodecAddon,
  nativeEventBatchDecoder,
  resetEventDecoderWarningForTests,
} from "./event-codec.ts";
import { typicalEvent } from "./event-fixtures.ts";

const tmp = mkdtempSync(join(tmpdir(), "kefu-event-codec-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const addon = createRequire(import.meta.url)(defaultAddonPath) as NativeCodecAddon;
// Native for every batch size, so that small batches exercise the addon too.
const native = nativeEventBatchDecoder(addon, { minBatch: 0 });
const decoders: EventBatchDecoder[] = [jsEventBatchDecoder, native];

/** Mulberry32: a deterministic corpus, so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const pieces = [
  "",
  "a",
  "Zz9",
  "你好",
  "👋",
  "é",
  "e\u0301",
  " ",
  "\u0000",
  "ǅ",
  "😀😀",
  "\uFEFF",
  "0",
  "42",
  "__proto__",
];
const states = ["bot", "queued", "assigned", "closed"] as const;
const kinds = ["visitor", "agent", "bot", "system"] as const;

function corpus(n: number, seed: number): SessionEvent[] {
  const next = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T;
  const str = () => Array.from({ length: Math.floor(next() * 5) }, () => pick(pieces)).join("");
  const map = () => {
    const m: Record<string, string> = {};
    for (let i = Math.floor(next() * 4); i > 0; i--) {
      const k = str();
      // `m[k] = …` would not make `__proto__` a key; define it the way decoders do.
      Object.defineProperty(m, k, { value: str(), enumerable: true, writable: true, configurable: true });
    }
    return Object.keys(m).length ? m : undefined;
  };
  return Array.from({ length: n }, (_, i) => {
    const r = next();
    let body: EventBody;
    if (r < 0.5) {
      const attributes = map();
      body = { type: "message", clientMsgId: str(), text: str(), ...(attributes ? { attributes } : {}) };
    } else if (r < 0.8) {
      const agentId = str();
      const group = str();
      body = {
        type: "state_changed",
        from: pick(states),
        to: pick(states),
        reason: str(),
        ...(agentId ? { agentId } : {}),
        ...(group ? { group } : {}),
      };
    } else {
      const metadata = map();
      body = { type: "started", visitorId: str(), ...(metadata ? { metadata } : {}) };
    }
    return {
      tenantId: str(),
      sessionId: str(),
      seq: i % 7 === 0 ? 2 ** 53 - i : i + 1,
      atUnixMs: i % 5 === 0 ? -(i + 1) : 1_732_000_000_000 + i,
      actor: { kind: pick(kinds), id: str() },
      body,
    };
  });
}

/** Protobuf bytes of a raw `kefu.v1.SessionEvent`, enums as numbers. */
function raw(m: kefu.v1.ISessionEvent): Uint8Array {
  return kefu.v1.SessionEvent.encode(m).finish();
}

const rawBase = { tenantId: "t", sessionId: "s", seq: 1, atUnixMs: 2, actor: { kind: 1, id: "v" } };

/** Runs `fn` and returns the KefuError it threw. */
function thrown(fn: () => unknown): KefuError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KefuError);
    return e as KefuError;
  }
  throw new Error("expected the call to throw");
}

describe("the native addon is built for the test run", () => {
  test("loadEventBatchDecoder finds it", () => {
    expect(loadEventBatchDecoder().impl).toBe("native");
  });

  test("batches below NATIVE_MIN_BATCH go to protobufjs, larger ones to the addon", () => {
    let calls = 0;
    const counting = nativeEventBatchDecoder({
      decodeSessionEventsInto(concat, offsets, fields) {
        calls++;
        return addon.decodeSessionEventsInto(concat, offsets, fields);
      },
    });
    const events = Array.from({ length: NATIVE_MIN_BATCH }, (_, i) => typicalEvent(i));
    const payloads = events.map(encodeEvent);
    expect(counting.decode(payloads.slice(0, NATIVE_MIN_BATCH - 1))).toStrictEqual(events.slice(0, -1));
    expect(calls).toBe(0);
    expect(counting.decode(payloads)).toStrictEqual(events);
    expect(calls).toBe(1);
  });
});

describe("native and protobufjs decode the same events", () => {
  function expectSame(payloads: Uint8Array[], want?: SessionEvent[]): void {
    const js = jsEventBatchDecoder.decode(payloads);
    const nat = native.decode(payloads);
    expect(nat).toStrictEqual(js);
    // Same keys in the same order, including those of attributes and metadata.
    expect(JSON.stringify(nat)).toBe(JSON.stringify(js));
    expect(js).toStrictEqual(payloads.map((p) => decodeEvent(p)));
    if (want) expect(js).toStrictEqual(want);
  }

  test("a random corpus of every body kind, unicode, empty fields and maps", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const events = corpus(400, seed);
      expectSame(events.map(encodeEvent), events);
    }
  });

  test("batches with internal notes and ratings (outside the addon's layout) decode like protobufjs", () => {
    const events = Array.from({ length: NATIVE_MIN_BATCH * 2 }, (_, i) => typicalEvent(i));
    const last = events.length - 1;
    events[3] = { ...(events[3] as SessionEvent), body: { type: "note", clientMsgId: "n-1", text: "VIP customer" } };
    events[last] = { ...(events[last] as SessionEvent), body: { type: "rating", score: 4, comment: "快，谢谢" } };
    expectSame(events.map(encodeEvent), events);
    const plain = { ...(events[last] as SessionEvent), body: { type: "rating" as const, score: 2 } };
    expectSame([...events.slice(0, -1), plain].map(encodeEvent), [...events.slice(0, -1), plain]);
  });

  test("typical events, in batches of 1 to 5,000", () => {
    const events = Array.from({ length: 5_000 }, (_, i) => typicalEvent(i));
    const payloads = events.map(encodeEvent);
    for (const n of [0, 1, 2, 3, 17, 1_000, 5_000]) expectSame(payloads.slice(0, n), events.slice(0, n));
  });

  test("empty strings, maps and optional fields are absent", () => {
    const events: SessionEvent[] = [
      { ...typicalEvent(1), tenantId: "", sessionId: "", actor: { kind: "system", id: "" } },
      { ...typicalEvent(2), body: { type: "message", clientMsgId: "", text: "" } },
      { ...typicalEvent(3), body: { type: "state_changed", from: "bot", to: "closed", reason: "" } },
      { ...typicalEvent(4), body: { type: "state_changed", from: "assigned", to: "queued", reason: "r", group: "g" } },
      { ...typicalEvent(5), body: { type: "started", visitorId: "" } },
    ];
    expectSame(events.map(encodeEvent), events);
    const got = native.decode(events.map(encodeEvent));
    expect(Object.keys(got[1]?.body ?? {})).toEqual(["type", "clientMsgId", "text"]);
    expect(Object.keys(got[2]?.body ?? {})).toEqual(["type", "from", "to", "reason"]);
    expect(Object.keys(got[4]?.body ?? {})).toEqual(["type", "visitorId"]);
  });

  test("map entries keep wire order; a repeated key keeps its first place and last value", () => {
    // Concatenated messages merge: the second message's entries follow the first's.
    const first = raw({ ...rawBase, message: { text: "x", attributes: { b: "1", a: "2", "7": "n" } } });
    const second = raw({ message: { attributes: { b: "3", c: "4", ["__proto__"]: "p" } } });
    const payload = new Uint8Array([...first, ...second]);
    expectSame([payload, payload]);
    const [e] = native.decode([payload, payload]);
    expect(e?.body.type === "message" && Object.entries(e.body.attributes ?? {})).toEqual([
      ["7", "n"],
      ["b", "3"],
      ["a", "2"],
      ["c", "4"],
      ["__proto__", "p"],
    ]);
    expect(Object.getPrototypeOf(e?.body.type === "message" ? e.body.attributes : null)).toBe(Object.prototype);
  });

  test("a later body member replaces an earlier one; unknown fields are skipped", () => {
    const started = raw({ ...rawBase, started: { visitorId: "v" } });
    const message = raw({ message: { text: "hello" } });
    const unknown = new Uint8Array([0xa8, 0x06, 0x01, 0xb2, 0x06, 0x01, 0x7a]); // fields 101 (varint), 102 (bytes)
    expectSame([new Uint8Array([...started, ...message, ...unknown]), new Uint8Array([...unknown, ...started])]);
  });

  test("64-bit numbers convert the same way beyond 2^53", () => {
    const payloads = [
      raw({ ...rawBase, seq: 2 ** 64 - 2 ** 11, atUnixMs: -(2 ** 62), message: {} }),
      raw({ ...rawBase, seq: 2 ** 53 + 2, atUnixMs: 2 ** 63 - 2 ** 10, message: {} }),
    ];
    expectSame(payloads);
  });

  test("payloads that are views into a larger buffer", () => {
    const events = corpus(50, 9);
    const backing = new Uint8Array(64 * 1024).fill(0xff);
    let at = 3;
    const views = events.map((e) => {
      const bytes = encodeEvent(e);
      backing.set(bytes, at);
      const view = backing.subarray(at, at + bytes.length);
      at += bytes.length + 5;
      return view;
    });
    expectSame(views, events);
  });
});

describe("bad payloads throw KefuError corrupt_event naming the payload", () => {
  const good = encodeEvent(typicalEvent(1));
  const cases: [string, Uint8Array, string | RegExp][] = [
    ["no body", raw(rawBase), "SessionEvent has no body"],
    ["no actor", raw({ ...rawBase, actor: null, message: {} }), "invalid ActorKind enum value undefined"],
    ["actor kind 0", raw({ ...rawBase, actor: { kind: 0 }, message: {} }), "invalid ActorKind enum value 0"],
    [
      "actor kind 9",
      raw({ ...rawBase, actor: { kind: 9 as kefu.v1.ActorKind }, message: {} }),
      "invalid ActorKind enum value 9",
    ],
    ["state 0", raw({ ...rawBase, stateChanged: { from: 0, to: 1 } }), "invalid SessionState enum value 0"],
    [
      "state 5",
      raw({ ...rawBase, stateChanged: { from: 1, to: 5 as kefu.v1.SessionState } }),
      "invalid SessionState enum value 5",
    ],
    ["body before actor", raw({ ...rawBase, actor: null }), "SessionEvent has no body"],
    ["truncated", good.subarray(0, good.length - 1), /.+/],
    ["wire type 7", new Uint8Array([0x0f]), /.+/],
    ["bad UTF-8", new Uint8Array([0x0a, 0x02, 0xc3, 0x28]), /.+/],
  ];

  for (const [name, bad, reason] of cases) {
    test(name, () => {
      const payloads = [good, good, bad, good];
      const errs = decoders.map((d) => thrown(() => d.decode(payloads)));
      for (const err of errs) {
        expect(err.code).toBe("corrupt_event");
        expect(err.status).toBe(500);
        expect(err.retryable).toBe(false);
        expect(err.message).toStartWith("payload 2: ");
        expect(err.message.slice("payload 2: ".length)).toMatch(reason);
        expect(err.cause).toBeInstanceOf(Error);
      }
      // The domain errors read the same whichever decoder found them.
      if (typeof reason === "string") expect(errs[1]?.message).toBe(errs[0]?.message as string);
      // A lone bad payload is payload 0.
      for (const d of decoders) expect(thrown(() => d.decode([bad])).message).toStartWith("payload 0: ");
    });
  }
});

function collectingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger("warn", (l) => lines.push(l)) };
}

describe("fallback when the addon is absent", () => {
  const events = [typicalEvent(0), typicalEvent(1), typicalEvent(2)];
  const payloads = events.map(encodeEvent);

  test("a missing loader falls back to protobufjs with one warning per process", () => {
    resetEventDecoderWarningForTests();
    const { lines, logger } = collectingLogger();
    const a = loadEventBatchDecoder({ addonPath: join(tmp, "nope", "index.js"), logger });
    const b = loadEventBatchDecoder({ addonPath: join(tmp, "nope", "index.js"), logger });
    expect(a).toBe(jsEventBatchDecoder);
    expect(b).toBe(jsEventBatchDecoder);
    expect(a.decode(payloads)).toStrictEqual(events);
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain("native addon not loaded");
  });

  test("the generated loader without its .node binary falls back too", () => {
    resetEventDecoderWarningForTests();
    const dir = mkdtempSync(join(tmp, "unbuilt-"));
    copyFileSync(defaultAddonPath, join(dir, "index.js"));
    const { lines, logger } = collectingLogger();
    const d = loadEventBatchDecoder({ addonPath: join(dir, "index.js"), logger });
    expect(d.impl).toBe("js");
    expect(d.decode(payloads)).toStrictEqual(events);
    expect(lines.length).toBe(1);
  });

  test("an addon built before the batch decoder falls back, saying why", () => {
    resetEventDecoderWarningForTests();
    const old = join(tmp, "old-addon.cjs");
    writeFileSync(old, "module.exports = { version: () => '0.0.1' };\n");
    const { lines, logger } = collectingLogger();
    expect(loadEventBatchDecoder({ addonPath: old, logger })).toBe(jsEventBatchDecoder);
    expect(lines[0]).toContain("older than this code");
  });

  test("disable forces protobufjs without a warning", () => {
    resetEventDecoderWarningForTests();
    const { lines, logger } = collectingLogger();
    expect(loadEventBatchDecoder({ disable: true, logger })).toBe(jsEventBatchDecoder);
    expect(lines).toEqual([]);
  });
});
