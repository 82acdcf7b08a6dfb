import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { decodeEvent, encodeEvent, type SessionEvent } from "../engine/events.ts";
import { concatPayloads } from "../engine/storage/event-codec.ts";
import { kefu } from "../proto/index.ts";
import {
  cosineBatch,
  cosineBatchInto,
  decodeSessionEvents,
  decodeSessionEventsInto,
  dotBatch,
  dotBatchInto,
  simdLevel,
  version,
} from "./index.js";

/** Mulberry32: deterministic data so a failure reproduces. Values are uniform in [-1, 1). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  };
}

function randomF32(next: () => number, len: number): Float32Array {
  return Float32Array.from({ length: len }, next);
}

/** Plain JS reference in f64: per row the dot product, the cosine and `Σ|qᵢmᵢ|` (the error scale). */
function reference(query: Float32Array, matrix: Float32Array, dim: number) {
  const rows = matrix.length / dim;
  const dot = new Float64Array(rows);
  const cos = new Float64Array(rows);
  const scale = new Float64Array(rows);
  let qq = 0;
  for (const x of query) qq += x * x;
  for (let r = 0; r < rows; r++) {
    let d = 0;
    let mm = 0;
    let s = 0;
    for (let i = 0; i < dim; i++) {
      const q = query[i] ?? 0;
      const m = matrix[r * dim + i] ?? 0;
      d += q * m;
      mm += m * m;
      s += Math.abs(q * m);
    }
    dot[r] = d;
    cos[r] = qq > 0 && mm > 0 ? d / (Math.sqrt(qq) * Math.sqrt(mm)) : 0;
    scale[r] = s;
  }
  return { dot, cos, scale };
}

function expectClose(got: ArrayLike<number>, want: ArrayLike<number>, tolerance: (i: number) => number): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) {
    const g = got[i] ?? Number.NaN;
    const w = want[i] ?? Number.NaN;
    if (!(Math.abs(g - w) <= tolerance(i))) {
      throw new Error(`index ${i}: got ${g}, want ${w} (tolerance ${tolerance(i)})`);
    }
  }
}

/** Runs `fn` and returns what it threw, failing when it throws nothing. */
function thrown(fn: () => unknown): Error & { code?: unknown } {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(Error);
    return err as Error & { code?: unknown };
  }
  throw new Error("expected the call to throw");
}

function expectInvalidArg(fn: () => unknown, message: RegExp): void {
  const err = thrown(fn);
  expect(err.code).toBe("InvalidArg");
  expect(err.message).toMatch(message);
}

describe("metadata", () => {
  test("version() is the crate version", () => {
    const cargo = readFileSync(join(import.meta.dir, "Cargo.toml"), "utf8");
    expect(version()).toBe(cargo.match(/^version = "(.+)"$/m)?.[1] ?? "missing");
  });

  test("simdLevel() names a kernel path", () => {
    expect(["avx2+fma", "scalar"]).toContain(simdLevel());
  });
});

describe("dotBatch / cosineBatch", () => {
  const dims = [1, 2, 3, 7, 8, 9, 15, 16, 17, 31, 32, 33, 63, 64, 67, 384, 768];

  test("match a plain JS reference on random data", () => {
    const next = rng(42);
    for (const dim of dims) {
      for (const rows of [0, 1, 5]) {
        const query = randomF32(next, dim);
        const matrix = randomF32(next, rows * dim);
        const want = reference(query, matrix, dim);
        const dot = dotBatch(query, matrix, dim);
        const cos = cosineBatch(query, matrix, dim);
        expect(dot).toBeInstanceOf(Float32Array);
        expect(cos).toBeInstanceOf(Float32Array);
        expectClose(dot, want.dot, (i) => 1e-4 * (want.scale[i] ?? 0) + 1e-6);
        expectClose(cos, want.cos, () => 1e-4);
      }
    }
  });

  test("read subarray views at their byteOffset", () => {
    const next = rng(7);
    const dim = 67;
    const rows = 9;
    const backing = randomF32(next, 5 + dim + 3 + rows * dim + 11);
    const query = backing.subarray(5, 5 + dim);
    const matrix = backing.subarray(5 + dim + 3, 5 + dim + 3 + rows * dim);
    expect(query.byteOffset).toBe(20);
    expect(matrix.byteOffset).toBe((5 + dim + 3) * 4);
    // Same values in fresh, offset-free copies give bit-identical results.
    expect(dotBatch(query, matrix, dim)).toEqual(dotBatch(query.slice(), matrix.slice(), dim));
    expect(cosineBatch(query, matrix, dim)).toEqual(cosineBatch(query.slice(), matrix.slice(), dim));
    const want = reference(query, matrix, dim);
    expectClose(dotBatch(query, matrix, dim), want.dot, (i) => 1e-4 * (want.scale[i] ?? 0) + 1e-6);
  });

  test("cosine of a zero row or zero query is 0, not NaN", () => {
    const query = new Float32Array([1, 2, 3]);
    const matrix = new Float32Array([0, 0, 0, 2, 4, 6, -1, -2, -3]);
    const cos = cosineBatch(query, matrix, 3);
    expect(cos[0]).toBe(0);
    expect(cos[1]).toBeCloseTo(1, 6);
    expect(cos[2]).toBeCloseTo(-1, 6);
    expect([...cosineBatch(new Float32Array(3), matrix, 3)]).toEqual([0, 0, 0]);
  });

  test("an empty matrix yields an empty result", () => {
    expect(dotBatch(new Float32Array(4), new Float32Array(0), 4).length).toBe(0);
    expect(cosineBatch(new Float32Array(4), new Float32Array(0), 4).length).toBe(0);
  });
});

describe("dotBatchInto / cosineBatchInto", () => {
  test("write the results into the caller's buffer", () => {
    const next = rng(3);
    const dim = 384;
    const rows = 6;
    const query = randomF32(next, dim);
    const matrix = randomF32(next, rows * dim);
    const out = new Float32Array(rows).fill(Number.NaN);
    expect(dotBatchInto(query, matrix, dim, out)).toBeUndefined();
    expect([...out]).toEqual([...dotBatch(query, matrix, dim)]);
    cosineBatchInto(query, matrix, dim, out);
    expect([...out]).toEqual([...cosineBatch(query, matrix, dim)]);
  });

  test("write only inside an out view", () => {
    const query = new Float32Array([1, 0]);
    const matrix = new Float32Array([2, 5, -1, 7, 0.5, 0]);
    const backing = new Float32Array(7).fill(9);
    dotBatchInto(query, matrix, 2, backing.subarray(2, 5));
    expect([...backing]).toEqual([9, 9, 2, -1, 0.5, 9, 9]);
    cosineBatchInto(query, matrix, 2, backing.subarray(3, 6));
    expect(backing[2]).toBe(2);
    expect(backing[3]).toBeCloseTo(2 / Math.sqrt(29), 6);
    expect(backing[4]).toBeCloseTo(-1 / Math.sqrt(50), 6);
    expect(backing[5]).toBe(1);
    expect(backing[6]).toBe(9);
  });
});

describe("bad input throws InvalidArg", () => {
  const q = new Float32Array(4);
  const m = new Float32Array(8);
  const out = new Float32Array(2);
  const kernels = { dotBatch, cosineBatch };
  const intoKernels = { dotBatchInto, cosineBatchInto };

  for (const [name, fn] of Object.entries(kernels)) {
    test(name, () => {
      expectInvalidArg(() => fn(new Float32Array(0), new Float32Array(0), 0), /dim must be a positive integer, got 0/);
      expectInvalidArg(() => fn(q, m, -4), /dim must be a positive integer, got -4/);
      expectInvalidArg(() => fn(q, m, 1.5), /dim must be a positive integer, got 1.5/);
      expectInvalidArg(() => fn(q, m, Number.NaN), /dim must be a positive integer, got NaN/);
      expectInvalidArg(() => fn(q, m, 2), /query has length 4 but dim is 2/);
      expectInvalidArg(() => fn(q, new Float32Array(9), 4), /matrix has length 9, which is not a multiple of dim 4/);
    });
  }

  for (const [name, fn] of Object.entries(intoKernels)) {
    test(name, () => {
      expectInvalidArg(() => fn(q, m, 0, out), /dim must be a positive integer/);
      expectInvalidArg(() => fn(q, m, 8, out), /query has length 4 but dim is 8/);
      expectInvalidArg(
        () => fn(q, new Float32Array(10), 4, out),
        /matrix has length 10, which is not a multiple of dim 4/,
      );
      expectInvalidArg(() => fn(q, m, 4, new Float32Array(3)), /out has length 3 but the matrix has 2 rows/);
      expectInvalidArg(() => fn(q, m, 4, new Float32Array(0)), /out has length 0 but the matrix has 2 rows/);
      const shared = new Float32Array(12);
      expectInvalidArg(
        () => fn(shared.subarray(0, 4), shared.subarray(4, 12), 4, shared.subarray(10, 12)),
        /out must not share memory with query or matrix/,
      );
    });
  }
});

describe("decodeSessionEvents / decodeSessionEventsInto", () => {
  const base = { tenantId: "t-1", sessionId: "s-42", atUnixMs: 1_700_000_000_000 };
  const events: SessionEvent[] = [
    {
      ...base,
      seq: 1,
      actor: { kind: "visitor", id: "v-7" },
      body: { type: "started", visitorId: "v-7", metadata: { page: "/pricing" } },
    },
    {
      ...base,
      seq: 2,
      actor: { kind: "visitor", id: "v-7" },
      body: { type: "message", clientMsgId: "c-1", text: "你好, world 👋", attributes: { lang: "zh" } },
    },
    {
      ...base,
      seq: 2 ** 40,
      atUnixMs: -5,
      actor: { kind: "system", id: "" },
      body: { type: "state_changed", from: "bot", to: "assigned", reason: "handoff", agentId: "a-3", group: "billing" },
    },
    { ...base, seq: 4, actor: { kind: "agent", id: "a-3" }, body: { type: "message", clientMsgId: "", text: "" } },
    {
      ...base,
      seq: 5,
      actor: { kind: "bot", id: "b" },
      body: { type: "state_changed", from: "queued", to: "closed", reason: "" },
    },
  ];
  const payloads = events.map(encodeEvent);
  const { concat, offsets } = concatPayloads(payloads);

  test("decodes protobufjs payloads to the events decodeEvent gives", () => {
    // Typed as the engine's events: the generated declarations must stay assignable to them.
    const got: SessionEvent[] = decodeSessionEvents(concat, offsets);
    expect(got).toStrictEqual(events);
    expect(got).toStrictEqual(payloads.map((p) => decodeEvent(p)));
    // Empty optional fields are absent, not undefined-valued.
    expect(Object.keys(got[4]?.body ?? {})).toEqual(["type", "from", "to", "reason"]);
    expect(Object.keys(got[3]?.body ?? {})).toEqual(["type", "clientMsgId", "text"]);
  });

  test("map keys: wire order, a repeated key's last value, __proto__ as an own key", () => {
    // Concatenated messages merge: the second message's entries follow the first's.
    const first = kefu.v1.SessionEvent.encode({
      actor: { kind: 1 },
      started: { visitorId: "v", metadata: { b: "1", a: "2", "7": "n" } },
    }).finish();
    const second = kefu.v1.SessionEvent.encode({ started: { metadata: { b: "3", ["__proto__"]: "p" } } }).finish();
    const payload = new Uint8Array([...first, ...second]);
    const [got]: SessionEvent[] = decodeSessionEvents(payload, new Uint32Array([0, payload.length]));
    expect(got).toStrictEqual(decodeEvent(payload));
    expect(JSON.stringify(got)).toBe(JSON.stringify(decodeEvent(payload)));
    expect(got?.body.type === "started" && Object.entries(got.body.metadata ?? {})).toEqual([
      ["7", "n"],
      ["b", "3"],
      ["a", "2"],
      ["__proto__", "p"],
    ]);
  });

  test("Into: one string per event, numbers and UTF-16 end offsets in the caller's fields", () => {
    const fields = new Float64Array(40).fill(-1);
    const strings = decodeSessionEventsInto(concat, offsets.subarray(0, 4), fields);
    expect(strings).toEqual([
      "t-1s-42v-7v-7page/pricing",
      "t-1s-42v-7c-1你好, world 👋langzh",
      "t-1s-42handoffa-3billing",
    ]);
    const at = 1_700_000_000_000;
    // One row per event: seq, atUnixMs, actor kind, body type, [from, to], string ends, [k, pairs].
    const rows = [
      [1, at, 1, 3, 3, 7, 10, 13, 1, 17, 25],
      [2, at, 1, 1, 3, 7, 10, 13, 25, 1, 29, 31],
      [2 ** 40, -5, 4, 2, 1, 3, 3, 7, 7, 14, 17, 24],
    ];
    expect([...fields.subarray(0, 35)]).toEqual(rows.flat());
    expect([...fields.subarray(35)]).toEqual([-1, -1, -1, -1, -1]);
    expect("你好, world 👋".length).toBe(12);
  });

  test("Into: too short a fields buffer is left alone and its needed length returned", () => {
    const fields = new Float64Array(34).fill(-1);
    expect(decodeSessionEventsInto(concat, offsets.subarray(0, 4), fields)).toBe(35);
    expect(fields.every((x) => x === -1)).toBe(true);
    // Written at the view's offset, not the buffer's start.
    const backing = new Float64Array(40).fill(-1);
    expect(decodeSessionEventsInto(concat, offsets.subarray(0, 2), backing.subarray(3, 14))).toHaveLength(1);
    expect([...backing.subarray(0, 4)]).toEqual([-1, -1, -1, 1]);
    expect(backing[14]).toBe(-1);
  });

  test("Into: fields must not share memory with the inputs", () => {
    const tail = Math.ceil(concat.length / 8) * 8;
    const shared = new ArrayBuffer(tail + 8 * 64);
    const bytes = new Uint8Array(shared, 0, concat.length);
    bytes.set(concat);
    const fields = new Float64Array(shared, tail, 64);
    expect(decodeSessionEventsInto(bytes, offsets, fields)).toHaveLength(events.length);
    const overlapping = new Float64Array(shared, 0, 40);
    expectInvalidArg(
      () => decodeSessionEventsInto(bytes, offsets, overlapping),
      /^fields must not share memory with concat or offsets$/,
    );
  });

  test("reads views at their byteOffset and never outside the offsets", () => {
    const backing = new Uint8Array(concat.length + 10).fill(0xff);
    backing.set(concat, 7);
    const shifted = offsets.map((o) => o + 7);
    expect<SessionEvent[]>(decodeSessionEvents(backing, shifted)).toStrictEqual(events);
    expect<SessionEvent[]>(decodeSessionEvents(backing.subarray(7, 7 + concat.length), offsets)).toStrictEqual(events);
    expect(decodeSessionEvents(backing, new Uint32Array([3]))).toEqual([]);
    expect(decodeSessionEventsInto(backing, new Uint32Array([3]), new Float64Array(0))).toEqual([]);
  });

  const scratch = new Float64Array(64);
  const both = {
    decodeSessionEvents,
    decodeSessionEventsInto: (c: Uint8Array, o: Uint32Array) => decodeSessionEventsInto(c, o, scratch),
  };
  for (const [name, fn] of Object.entries(both)) {
    test(`${name}: bad offsets throw InvalidArg`, () => {
      expectInvalidArg(() => fn(concat, new Uint32Array(0)), /offsets must hold n \+ 1 entries/);
      expectInvalidArg(
        () => fn(concat, new Uint32Array([0, 9, 3])),
        /^offsets must not decrease: offsets\[2\] = 3 < offsets\[1\] = 9$/,
      );
      expectInvalidArg(
        () => fn(concat, new Uint32Array([0, concat.length + 1])),
        new RegExp(
          `^offsets\\[1\\] = ${concat.length + 1} is past the end of the buffer \\(length ${concat.length}\\)$`,
        ),
      );
    });

    test(`${name}: a bad payload throws InvalidArg naming it`, () => {
      const cut = offsets.slice();
      cut[2] = (cut[2] as number) - 1;
      expectInvalidArg(() => fn(concat, cut), /^payload 1: malformed protobuf: buffer underflow/);
      const noBody = kefu.v1.SessionEvent.encode({ seq: 1, actor: { kind: 1 } }).finish();
      const badEnum = kefu.v1.SessionEvent.encode({ actor: { kind: 7 as kefu.v1.ActorKind }, message: {} }).finish();
      const wireType7 = new Uint8Array([0x0f]);
      for (const [bad, reason] of [
        [noBody, /^payload 0: SessionEvent has no body$/],
        [badEnum, /^payload 0: invalid ActorKind enum value 7$/],
        [wireType7, /^payload 0: malformed protobuf: invalid wire type 7$/],
      ] as const) {
        expectInvalidArg(() => fn(bad, new Uint32Array([0, bad.length])), reason);
      }
    });
  }
});

describe("memory", () => {
  const rssMiB = (): number => {
    Bun.gc(true);
    return process.memoryUsage.rss() / 2 ** 20;
  };

  test("200k cosineBatch calls on 64×384 keep RSS bounded", () => {
    const next = rng(11);
    const dim = 384;
    const query = randomF32(next, dim);
    const matrix = randomF32(next, 64 * dim);
    let checksum = 0;
    for (let i = 0; i < 2_000; i++) checksum += cosineBatch(query, matrix, dim)[0] ?? 0;
    const before = rssMiB();
    for (let i = 0; i < 200_000; i++) checksum += cosineBatch(query, matrix, dim)[i % 64] ?? 0;
    const growth = rssMiB() - before;
    expect(Number.isFinite(checksum)).toBe(true);
    expect(growth).toBeLessThan(32);
  });

  const batch = concatPayloads(
    Array.from({ length: 50 }, (_, i) =>
      encodeEvent({
        tenantId: "t",
        sessionId: "s",
        seq: i + 1,
        atUnixMs: i,
        actor: { kind: "visitor", id: "v" },
        body: { type: "message", clientMsgId: `c-${i}`, text: "x".repeat(200), attributes: { k: "v" } },
      }),
    ),
  );

  // Building every object through Node-API is slow (see README): fewer calls, more time.
  test("5k decodeSessionEvents calls on 50 events keep RSS bounded", () => {
    for (let i = 0; i < 500; i++) decodeSessionEvents(batch.concat, batch.offsets);
    const before = rssMiB();
    let total = 0;
    for (let i = 0; i < 5_000; i++) total += decodeSessionEvents(batch.concat, batch.offsets).length;
    const growth = rssMiB() - before;
    expect(total).toBe(250_000);
    expect(growth).toBeLessThan(32);
  }, 30_000);

  test("20k decodeSessionEventsInto calls on 50 events keep RSS bounded", () => {
    const fields = new Float64Array(1024);
    const strings = () => decodeSessionEventsInto(batch.concat, batch.offsets, fields) as string[];
    for (let i = 0; i < 500; i++) strings();
    const before = rssMiB();
    let total = 0;
    for (let i = 0; i < 20_000; i++) total += strings().length;
    const growth = rssMiB() - before;
    expect(total).toBe(1_000_000);
    expect(growth).toBeLessThan(32);
  });

  test("100k calls that throw keep RSS bounded", () => {
    const bad = new Uint8Array([0x0f]);
    const offsets = new Uint32Array([0, 1]);
    const fields = new Float64Array(16);
    const attempt = () => {
      try {
        decodeSessionEventsInto(bad, offsets, fields);
      } catch {
        return 1;
      }
      return 0;
    };
    for (let i = 0; i < 1_000; i++) attempt();
    const before = rssMiB();
    let thrown = 0;
    for (let i = 0; i < 100_000; i++) thrown += attempt();
    const growth = rssMiB() - before;
    expect(thrown).toBe(100_000);
    expect(growth).toBeLessThan(32);
  });
});
