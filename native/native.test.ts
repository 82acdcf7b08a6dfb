import { describe, expect, test } from "bun:test";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { kefu } from "../proto/index.ts";
import {
  cosineBatch,
  cosineBatchInto,
  decodeSessionEventBatch,
  dotBatch,
  dotBatchInto,
  type SessionEventSummary,
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

describe("decodeSessionEventBatch", () => {
  const batch = {
    events: [
      {
        tenantId: "t-1",
        sessionId: "s-42",
        seq: 1,
        atUnixMs: 1_700_000_000_001,
        actor: { kind: kefu.v1.ActorKind.ACTOR_KIND_VISITOR, id: "v-7" },
        message: { clientMsgId: "c-1", text: "你好, world", attributes: { lang: "zh" } },
      },
      {
        tenantId: "t-1",
        sessionId: "s-42",
        seq: 2 ** 40,
        atUnixMs: 1_700_000_000_002,
        stateChanged: {
          from: kefu.v1.SessionState.SESSION_STATE_BOT,
          to: kefu.v1.SessionState.SESSION_STATE_QUEUED,
          reason: "handoff",
        },
      },
      { tenantId: "t-2", sessionId: "s-1", seq: 3, atUnixMs: -5 },
    ],
  };
  const expected: SessionEventSummary[] = [
    {
      tenantId: "t-1",
      sessionId: "s-42",
      seq: 1,
      atUnixMs: 1_700_000_000_001,
      kind: "message",
      text: "你好, world",
      clientMsgId: "c-1",
    },
    { tenantId: "t-1", sessionId: "s-42", seq: 2 ** 40, atUnixMs: 1_700_000_000_002, kind: "state_changed" },
    { tenantId: "t-2", sessionId: "s-1", seq: 3, atUnixMs: -5, kind: "none" },
  ];
  const bytes = kefu.v1.SessionEventBatch.encode(batch).finish();

  test("decodes bytes encoded by protobufjs", () => {
    const got = decodeSessionEventBatch(bytes);
    expect(got).toEqual(expected);
    expect(got[1]?.text).toBeUndefined();
    expect(got[1]?.clientMsgId).toBeUndefined();
  });

  test("decodes a view at a byteOffset, and empty input as no events", () => {
    const backing = new Uint8Array(bytes.length + 10).fill(0xff);
    backing.set(bytes, 7);
    expect(decodeSessionEventBatch(backing.subarray(7, 7 + bytes.length))).toEqual(expected);
    expect(decodeSessionEventBatch(new Uint8Array(0))).toEqual([]);
  });

  test("malformed bytes throw InvalidArg with the decoder's message", () => {
    expectInvalidArg(() => decodeSessionEventBatch(bytes.subarray(0, bytes.length - 1)), /failed to decode Protobuf/);
    expectInvalidArg(() => decodeSessionEventBatch(new Uint8Array([0x0a, 0x10, 0x0a])), /buffer underflow/);
    expectInvalidArg(() => decodeSessionEventBatch(new Uint8Array([0x0f])), /wire type/);
  });
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

  test("100k decodeSessionEventBatch calls keep RSS bounded", () => {
    const bytes = kefu.v1.SessionEventBatch.encode({
      events: [{ tenantId: "t", sessionId: "s", seq: 1, message: { text: "x".repeat(200) } }],
    }).finish();
    for (let i = 0; i < 1_000; i++) decodeSessionEventBatch(bytes);
    const before = rssMiB();
    let total = 0;
    for (let i = 0; i < 100_000; i++) total += decodeSessionEventBatch(bytes).length;
    const growth = rssMiB() - before;
    expect(total).toBe(100_000);
    expect(growth).toBeLessThan(32);
  });
});
