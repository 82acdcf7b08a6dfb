/**
 * The contract suite of the VectorIndex port: every adapter runs it.
 *
 * @example
 *   runVectorIndexContract("exact (js)", (dim) => createExactVectorIndex({ dim, kernels: jsKernels }));
 */
import { describe, expect, test } from "bun:test";
import { seededFloats } from "../random.ts";
import type { VectorIndex } from "./vector-index.ts";

function brute(q: Float32Array, vecs: Map<string, Float32Array>, k: number): string[] {
  const s = [...vecs].map(([id, v]) => {
    let d = 0;
    let qq = 0;
    let vv = 0;
    for (let i = 0; i < q.length; i++) {
      d += (q[i] as number) * (v[i] as number);
      qq += (q[i] as number) ** 2;
      vv += (v[i] as number) ** 2;
    }
    return { id, score: d / Math.sqrt(qq * vv) };
  });
  s.sort((a, b) => b.score - a.score || (a.id < b.id ? -1 : 1));
  return s.slice(0, k).map((x) => x.id);
}

/**
 * Checks an adapter against brute force. `recall` is the share of the true top-k
 * an approximate adapter must find (1 for exact adapters); `settle` is awaited after
 * the vectors are added (an adapter that builds its graph in the background waits
 * for it there, so the graph path is the one checked).
 */
export function runVectorIndexContract(
  name: string,
  factory: (dim: number) => VectorIndex,
  recall = 1,
  settle: (idx: VectorIndex) => Promise<void> = async () => {},
): void {
  describe(`VectorIndex contract: ${name}`, () => {
    const dim = 32;
    test("matches brute force through growth, replace and remove", async () => {
      const idx = factory(dim);
      const ref = new Map<string, Float32Array>();
      for (let i = 0; i < 100; i++) {
        const v = seededFloats(dim, i + 1);
        idx.add(`v${i}`, v);
        ref.set(`v${i}`, v);
      }
      for (let i = 0; i < 100; i += 3) {
        expect(idx.remove(`v${i}`)).toBe(true);
        ref.delete(`v${i}`);
      }
      const nv = seededFloats(dim, 999);
      idx.add("v1", nv);
      ref.set("v1", nv);
      await settle(idx);
      expect(idx.size).toBe(ref.size);
      let found = 0;
      for (let s = 0; s < 5; s++) {
        const q = seededFloats(dim, 500 + s);
        const got = idx.search(q, 7).map((h) => h.id);
        const want = brute(q, ref, 7);
        if (recall === 1) expect(got).toEqual(want);
        found += got.filter((id) => want.includes(id)).length;
      }
      expect(found / 35).toBeGreaterThanOrEqual(recall);
      expect(idx.search(nv, 1)[0]?.id).toBe("v1");
      expect(idx.search(nv, 1)[0]?.score).toBeCloseTo(1, 5);
      expect(Array.from(idx.get("v1") ?? []).map((x) => x.toFixed(5))).toEqual(Array.from(nv).map((x) => x.toFixed(5)));
      expect(idx.get("v0")).toBeUndefined();
      expect(idx.has("v0")).toBe(false);
      expect(idx.remove("v0")).toBe(false);
    });

    test("filter, empty index, k = 0 and dimension checks", async () => {
      const idx = factory(dim);
      expect(idx.dim).toBe(dim);
      expect(idx.search(seededFloats(dim, 1), 3)).toEqual([]);
      for (let i = 0; i < 10; i++) idx.add(`v${i}`, seededFloats(dim, i + 1));
      await settle(idx);
      const hits = idx.search(seededFloats(dim, 3), 10, (id) => id.endsWith("2"));
      expect(hits.map((h) => h.id)).toEqual(["v2"]);
      expect(idx.search(seededFloats(dim, 3), 0)).toEqual([]);
      expect(() => idx.add("x", new Float32Array(3))).toThrow(TypeError);
      expect(() => idx.search(new Float32Array(3), 1)).toThrow(TypeError);
    });

    test("searchBatch answers as search does, for a list or a flat batch, with a filter", async () => {
      const idx = factory(dim);
      for (let i = 0; i < 120; i++) idx.add(`v${i}`, seededFloats(dim, i + 1));
      for (let i = 0; i < 120; i += 5) idx.remove(`v${i}`);
      await settle(idx);
      const qs = [1, 2, 3, 4].map((s) => seededFloats(dim, 700 + 2 * s));
      const flat = new Float32Array(qs.length * dim);
      qs.forEach((q, i) => {
        flat.set(q, i * dim);
      });
      const odd = (id: string) => Number(id.slice(1)) % 2 === 1;
      expect(await idx.searchBatch(qs, 6)).toEqual(qs.map((q) => idx.search(q, 6)));
      expect(await idx.searchBatch(flat, 6)).toEqual(qs.map((q) => idx.search(q, 6)));
      expect(await idx.searchBatch(qs, 6, odd)).toEqual(qs.map((q) => idx.search(q, 6, odd)));
      // A selective filter: only three ids pass, so candidates are fetched again until found.
      const few = new Set(["v7", "v61", "v119"]);
      const sel = await idx.searchBatch(qs, 3, (id) => few.has(id));
      expect(sel.map((h) => new Set(h.map((x) => x.id)))).toEqual(qs.map(() => few));
      expect(await idx.searchBatch([], 3)).toEqual([]);
      expect(await idx.searchBatch(qs, 0)).toEqual([[], [], [], []]);
      await expect(idx.searchBatch(new Float32Array(dim + 1), 1)).rejects.toThrow(TypeError);
      await expect(idx.searchBatch([new Float32Array(3)], 1)).rejects.toThrow(TypeError);
      expect(await factory(dim).searchBatch(qs, 3)).toEqual([[], [], [], []]);
    });

    test("a batch sees the index as it was when called; later writes are seen by later searches", async () => {
      const idx = factory(dim);
      for (let i = 0; i < 60; i++) idx.add(`v${i}`, seededFloats(dim, i + 1));
      await settle(idx);
      const qs = [1, 2, 3].map((s) => seededFloats(dim, 800 + 2 * s));
      const before = qs.map((q) => idx.search(q, 5));
      const pending = idx.searchBatch(qs, 5);
      // Writes while the batch runs: replace the best hits, remove some, add the queries themselves.
      for (const hits of before) for (const h of hits.slice(0, 2)) idx.add(h.id, seededFloats(dim, 5000));
      for (const h of before[0]?.slice(2) ?? []) idx.remove(h.id);
      qs.forEach((q, i) => {
        idx.add(`q${i}`, q);
      });
      for (let i = 60; i < 200; i++) idx.add(`v${i}`, seededFloats(dim, i + 1)); // growth: the buffers move
      expect(await pending).toEqual(before);
      const after = await idx.searchBatch(qs, 1);
      expect(after.map((h) => h[0]?.id)).toEqual(["q0", "q1", "q2"]);
      expect(after.map((h) => h[0]?.id)).toEqual(qs.map((q) => idx.search(q, 1)[0]?.id));
    });
  });
}
