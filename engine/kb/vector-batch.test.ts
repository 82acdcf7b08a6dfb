import { describe, expect, test } from "bun:test";
import { seededFloats } from "../random.ts";
import { jsKernels, loadKernels } from "../vector/kernels.ts";
import { exactSearchBatch, loadTopkBatch, packQueries, RowPins } from "./vector-batch.ts";
import { topScored } from "./vector-index.ts";

const kernels = loadKernels();
const scan = loadTopkBatch(kernels);

describe("native cosineTopkBatch (off the event loop)", () => {
  // The addon is built by .ci/test.sh before the tests; without it these are not native tests.
  test("the addon is built and has the async scan", () => {
    expect(kernels.impl).toBe("native");
    expect(typeof scan).toBe("function");
  });

  test("each query's rows are the kernels' best k, with the kernels' scores", async () => {
    const dim = 24;
    const n = 300;
    const matrix = seededFloats(n * dim, 1);
    const queries = seededFloats(3 * dim, 2);
    const r = await scan?.(queries, matrix, dim, 7);
    expect(Array.from(r?.offsets ?? [])).toEqual([0, 7, 14, 21]);
    for (let q = 0; q < 3; q++) {
      const scores = kernels.cosineBatch(queries.subarray(q * dim, (q + 1) * dim), matrix, dim);
      const want = topScored(
        scores,
        Array.from({ length: n }, (_, i) => String(i).padStart(4, "0")),
        7,
      );
      expect(Array.from(r?.rows.subarray(q * 7, (q + 1) * 7) ?? []).map((x) => String(x).padStart(4, "0"))).toEqual(
        want.map((h) => h.id),
      );
      expect(Array.from(r?.scores.subarray(q * 7, (q + 1) * 7) ?? [])).toEqual(want.map((h) => h.score));
    }
  });

  test("rows tying the k-th score are all returned, so ids can break the tie", async () => {
    const dim = 4;
    const v = seededFloats(dim, 3);
    const matrix = new Float32Array(6 * dim);
    for (let r = 0; r < 6; r++) matrix.set(r === 0 ? seededFloats(dim, 9) : v, r * dim);
    const r = await scan?.(v, matrix, dim, 2);
    expect(Array.from(r?.rows ?? []).sort()).toEqual([1, 2, 3, 4, 5]);
  });

  test("bad shapes reject with InvalidArg", async () => {
    const m = new Float32Array(8);
    await expect(scan?.(new Float32Array(3), m, 4, 1) as Promise<unknown>).rejects.toMatchObject({
      code: "InvalidArg",
    });
    await expect(scan?.(new Float32Array(4), new Float32Array(5), 4, 1) as Promise<unknown>).rejects.toMatchObject({
      code: "InvalidArg",
    });
    await expect(scan?.(new Float32Array(4), m, 0, 1) as Promise<unknown>).rejects.toMatchObject({
      code: "InvalidArg",
    });
  });

  test("5k calls on 64×384 keep RSS bounded", async () => {
    const rssMiB = () => {
      Bun.gc(true);
      return process.memoryUsage.rss() / 2 ** 20;
    };
    const dim = 384;
    const q = seededFloats(2 * dim, 4);
    const m = seededFloats(64 * dim, 5);
    let sum = 0;
    for (let i = 0; i < 1000; i++) sum += (await scan?.(q, m, dim, 5))?.rows[0] ?? 0;
    const before = rssMiB();
    for (let i = 0; i < 5_000; i++) sum += (await scan?.(q, m, dim, 5))?.rows[i % 10] ?? 0;
    expect(Number.isFinite(sum)).toBe(true);
    expect(rssMiB() - before).toBeLessThan(32);
  }, 60_000);
});

describe("exactSearchBatch", () => {
  const dim = 8;
  const rows = 50;
  const data = seededFloats(rows * dim, 6);
  const ids = Array.from({ length: rows }, (_, i) => (i % 7 === 3 ? undefined : `r${i}`));
  const snap = { data, ids, rows, dim, free: ids.filter((x) => x === undefined).length };
  const queries = packQueries([seededFloats(dim, 7), seededFloats(dim, 9)], dim);
  const want = (k: number, filter?: (id: string) => boolean) =>
    [0, 1].map((q) =>
      topScored(kernels.cosineBatch(queries.subarray(q * dim, (q + 1) * dim), data, dim), ids, k, filter),
    );

  test("native and TypeScript paths skip free rows and agree with the sync scan", async () => {
    const even = (id: string) => Number(id.slice(1)) % 2 === 0;
    expect(await exactSearchBatch(scan, snap, queries, 5, kernels)).toEqual(want(5));
    expect(await exactSearchBatch(scan, snap, queries, 5, kernels, even)).toEqual(want(5, even));
    expect(await exactSearchBatch(scan, snap, queries, 100, kernels)).toEqual(want(100));
    const js = await exactSearchBatch(undefined, snap, queries, 5, jsKernels, even);
    expect(js.map((h) => h.map((x) => x.id))).toEqual(want(5, even).map((h) => h.map((x) => x.id)));
  });

  test("packQueries copies and checks lengths", () => {
    const q = seededFloats(dim, 1);
    const packed = packQueries(q, dim);
    q[0] = 42;
    expect(packed[0]).not.toBe(42);
    expect(() => packQueries(new Float32Array(dim + 1), dim)).toThrow(TypeError);
    expect(() => packQueries([new Float32Array(2)], dim)).toThrow(TypeError);
  });
});

test("RowPins: a write while pinned copies once; a release from an older generation changes nothing", () => {
  const pins = new RowPins();
  expect(pins.mustCopy()).toBe(false);
  const a = pins.pin();
  const b = pins.pin();
  a();
  a(); // twice is once
  expect(pins.mustCopy()).toBe(true); // b still holds the buffers
  expect(pins.mustCopy()).toBe(false); // the copies are unpinned
  const c = pins.pin();
  b(); // releases the old generation, not c's
  expect(pins.mustCopy()).toBe(true);
  c();
  expect(pins.mustCopy()).toBe(false);
});
