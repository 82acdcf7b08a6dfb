import { afterAll, describe, expect, test } from "bun:test";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { seededFloats } from "../random.ts";
import { jsKernels, loadKernels } from "../vector/kernels.ts";
import { runVectorIndexContract } from "./vector-index.contract.ts";
import { clusteredVectors, exactTopK, recallAtK } from "./vector-index.fixtures.ts";
import { createUsearchVectorIndex, restoreUsearchVectorIndex } from "./vector-index.usearch.ts";

for (const quantization of ["f32", "f16", "i8"] as const) {
  runVectorIndexContract(`usearch hnsw ${quantization}`, (dim) =>
    // One build thread: the graph (and so the answer) is the same every run.
    createUsearchVectorIndex({ dim, quantization, exactBelow: 0, threads: 1 }),
  );
}
// Exact below 50 vectors, the graph built when the contract's 100 vectors cross it.
runVectorIndexContract("usearch exact→hnsw at 50", (dim) =>
  createUsearchVectorIndex({ dim, exactBelow: 50, kernels: jsKernels, threads: 1 }),
);

const tmp = mkdtempSync(join(tmpdir(), "kefu-usearch-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function data(n: number, dim: number, seed = 1) {
  const ids = Array.from({ length: n }, (_, i) => `c${i}`);
  return { ids, flat: clusteredVectors({ n, dim, seed, clusters: 20 }).flat };
}
const top = (idx: { search(q: Float32Array, k: number): { id: string; score: number }[] }, dim: number) =>
  [1, 2, 3].map((s) => idx.search(seededFloats(dim, s), 5).map((h) => `${h.id}:${h.score.toFixed(5)}`));

describe("usearch index", () => {
  test("switches from exact to the graph past exactBelow and builds the graph once", () => {
    const dim = 16;
    const idx = createUsearchVectorIndex({ dim, exactBelow: 10 });
    const { ids, flat } = data(30, dim);
    for (let i = 0; i < 10; i++) idx.add(ids[i] as string, flat.subarray(i * dim, (i + 1) * dim));
    expect(idx.mode).toBe("exact");
    idx.search(flat.subarray(0, dim), 3);
    expect(idx.graphBuilds).toBe(0);
    idx.addMany(ids.slice(10), flat.subarray(10 * dim));
    expect(idx.mode).toBe("hnsw");
    expect(idx.search(flat.subarray(0, dim), 1)[0]?.id).toBe("c0");
    idx.add("c0", flat.subarray(dim, 2 * dim)); // replace while the graph exists
    expect(idx.search(flat.subarray(0, dim), 1)[0]?.id).not.toBe("c0");
    expect(idx.graphBuilds).toBe(1);
  });

  test("a selective filter falls back to the exact scan and still returns k hits", () => {
    const dim = 16;
    const { ids, flat } = data(400, dim);
    const idx = createUsearchVectorIndex({ dim, exactBelow: 0 });
    idx.addMany(ids, flat);
    const wanted = new Set(["c7", "c123", "c399"]);
    const hits = idx.search(flat.subarray(0, dim), 3, (id) => wanted.has(id));
    expect(new Set(hits.map((h) => h.id))).toEqual(wanted);
  });

  test("searchBatch agrees with search", () => {
    const dim = 16;
    const { ids, flat } = data(300, dim);
    const idx = createUsearchVectorIndex({ dim, exactBelow: 0 });
    idx.addMany(ids, flat);
    const qs = flat.subarray(0, 4 * dim);
    const batch = idx.searchBatch(qs, 5);
    expect(batch).toHaveLength(4);
    batch.forEach((hits, i) => {
      expect(hits).toEqual(idx.search(qs.subarray(i * dim, (i + 1) * dim), 5));
    });
    expect(idx.searchBatch(qs.subarray(0, dim), 2)).toEqual([idx.search(qs.subarray(0, dim), 2)]);
    expect(() => idx.searchBatch(new Float32Array(5), 1)).toThrow(TypeError);
  });

  test("bad options are TypeErrors", () => {
    expect(() => createUsearchVectorIndex({ dim: 0 })).toThrow(TypeError);
    expect(() => createUsearchVectorIndex({ dim: 8, connectivity: -1 })).toThrow(TypeError);
    expect(() => createUsearchVectorIndex({ dim: 8, rerank: 0 })).toThrow(TypeError);
    expect(() => createUsearchVectorIndex({ dim: 8, quantization: "f8" as "f16" })).toThrow(TypeError);
  });
});

describe("usearch save and restore", () => {
  const dim = 16;
  const opts = { dim, exactBelow: 50 };

  test("a saved graph is loaded, not rebuilt, and answers the same", () => {
    const file = join(tmp, "a.usearch");
    const { ids, flat } = data(200, dim);
    const idx = createUsearchVectorIndex(opts);
    idx.addMany(ids, flat);
    idx.remove("c5");
    const before = top(idx, dim);
    expect(idx.save(file, "emb-1")).toBe(true);
    const live = ids.filter((id) => id !== "c5");
    const liveFlat = new Float32Array(live.length * dim);
    live.forEach((id, i) => {
      liveFlat.set(idx.get(id) as Float32Array, i * dim);
    });
    const r = restoreUsearchVectorIndex(file, opts, live, liveFlat, "emb-1");
    expect(r.source).toBe("file");
    expect(r.warning).toBeUndefined();
    expect(r.index.graphBuilds).toBe(0);
    expect(top(r.index, dim)).toEqual(before);
    expect(r.index.graphBuilds).toBe(0);
    expect(r.index.has("c5")).toBe(false);
    r.index.add("new", seededFloats(dim, 9)); // the free row is reused
    expect(r.index.search(seededFloats(dim, 9), 1)[0]?.id).toBe("new");
  });

  test("missing, corrupt, stale or foreign files are rebuilt with a warning", () => {
    const file = join(tmp, "b.usearch");
    const { ids, flat } = data(120, dim);
    const idx = createUsearchVectorIndex(opts);
    idx.addMany(ids, flat);
    const before = top(idx, dim);

    const missing = restoreUsearchVectorIndex(file, opts, ids, flat);
    expect(missing.source).toBe("built");
    expect(missing.warning).toContain("missing");

    idx.save(file, "emb-1");
    writeFileSync(file, "garbage".repeat(500));
    const corrupt = restoreUsearchVectorIndex(file, opts, ids, flat, "emb-1");
    expect(corrupt.source).toBe("built");
    expect(corrupt.warning).toContain("corrupt");
    expect(top(corrupt.index, dim)).toEqual(before);

    idx.save(file, "emb-1");
    writeFileSync(`${file}.json`, "{ not json");
    expect(restoreUsearchVectorIndex(file, opts, ids, flat, "emb-1").warning).toContain("unreadable");

    idx.save(file, "emb-1");
    expect(restoreUsearchVectorIndex(file, opts, ids, flat, "emb-2").warning).toContain("another embedder");
    expect(restoreUsearchVectorIndex(file, { ...opts, quantization: "i8" }, ids, flat, "emb-1").warning).toContain(
      "other options",
    );
    const changed = flat.slice();
    changed[0] = -(changed[0] as number);
    expect(restoreUsearchVectorIndex(file, opts, ids, changed, "emb-1").warning).toContain("stale");
    expect(restoreUsearchVectorIndex(file, opts, ids, flat, "emb-1").source).toBe("file");
  });

  test("at or below exactBelow nothing is saved and nothing is expected", () => {
    const file = join(tmp, "c.usearch");
    writeFileSync(file, "old");
    const { ids, flat } = data(50, dim);
    const idx = createUsearchVectorIndex(opts);
    idx.addMany(ids, flat);
    expect(idx.save(file)).toBe(false);
    expect(existsSync(file)).toBe(false);
    const r = restoreUsearchVectorIndex(file, opts, ids, flat);
    expect(r).toMatchObject({ source: "exact" });
    expect(r.warning).toBeUndefined();
  });
});

// The CI version of the vector benchmark: recall only (timing lives in bench/scenarios/vector.ts).
test("100k × 384 clustered: recall@10 of the HNSW path ≥ 0.98 against exact search", () => {
  const n = 100_000;
  const dim = 384;
  const { flat, queries } = clusteredVectors({ n, dim, queries: 100 });
  const truth = exactTopK(loadKernels(), flat, queries, dim, 10);
  // expansionAdd 40 keeps the build near 25 s on two busy cores; the default (64) only raises recall.
  const idx = createUsearchVectorIndex({ dim, exactBelow: 0, quantization: "f16", expansionAdd: 40 });
  idx.addMany(
    Array.from({ length: n }, (_, i) => String(i)),
    flat,
  );
  const found = new Int32Array(truth.length).fill(-1);
  idx.searchBatch(queries, 10).forEach((hits, q) => {
    hits.forEach((h, i) => {
      found[q * 10 + i] = Number(h.id);
    });
  });
  expect(recallAtK(found, truth, 10)).toBeGreaterThanOrEqual(0.98);
}, 120_000);
