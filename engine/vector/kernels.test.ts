import { afterAll, describe, expect, test } from "bun:test";
import { copyFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createLogger } from "../logger.ts";
import { seededFloats } from "../random.ts";
import { defaultAddonPath, jsKernels, type Kernels, loadKernels, resetKernelWarningForTests } from "./kernels.ts";

const tmp = mkdtempSync(join(tmpdir(), "kefu-kernels-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

function reference(q: Float32Array, m: Float32Array, dim: number, cosine: boolean): number[] {
  const out: number[] = [];
  for (let r = 0; r < m.length / dim; r++) {
    let dot = 0;
    let qq = 0;
    let mm = 0;
    for (let i = 0; i < dim; i++) {
      const a = q[i] as number;
      const b = m[r * dim + i] as number;
      dot += a * b;
      qq += a * a;
      mm += b * b;
    }
    out.push(cosine ? (qq === 0 || mm === 0 ? 0 : dot / Math.sqrt(qq * mm)) : dot);
  }
  return out;
}

function expectClose(got: Float32Array, want: number[]): void {
  expect(got.length).toBe(want.length);
  for (let i = 0; i < want.length; i++) expect(got[i] as number).toBeCloseTo(want[i] as number, 3);
}

function collectingLogger() {
  const lines: string[] = [];
  return { lines, logger: createLogger("warn", (l) => lines.push(l)) };
}

const native = loadKernels();
const impls: Kernels[] = [jsKernels, native];

describe("the native addon is built for the test run", () => {
  test("loadKernels finds it and reports its SIMD level", () => {
    expect(native.impl).toBe("native");
    expect(["avx2+fma", "scalar"]).toContain(native.simd);
    expect(native.version).toMatch(/^\d+\.\d+\.\d+/);
  });
});

for (const k of impls) {
  describe(`kernels: ${k.impl}`, () => {
    for (const dim of [1, 3, 8, 17, 384]) {
      test(`dot and cosine match the reference, dim ${dim}`, () => {
        const q = seededFloats(dim, dim);
        const m = seededFloats(dim * 33, dim + 7);
        expectClose(k.dotBatch(q, m, dim), reference(q, m, dim, false));
        expectClose(k.cosineBatch(q, m, dim), reference(q, m, dim, true));
      });
    }

    test("Into variants write into the caller's buffer", () => {
      const q = seededFloats(16, 1);
      const m = seededFloats(16 * 5, 2);
      const out = new Float32Array(5);
      k.cosineBatchInto(q, m, 16, out);
      expectClose(out, reference(q, m, 16, true));
      k.dotBatchInto(q, m, 16, out);
      expectClose(out, reference(q, m, 16, false));
    });

    test("a zero row or query has cosine 0, not NaN", () => {
      const q = new Float32Array([1, 2, 3, 4]);
      const m = new Float32Array([0, 0, 0, 0, 1, 2, 3, 4]);
      expectClose(k.cosineBatch(q, m, 4), [0, 1]);
      expectClose(k.cosineBatch(new Float32Array(4), m, 4), [0, 0]);
    });

    test("subarray views are read at their offset", () => {
      const big = seededFloats(8 * 11, 5);
      const q = big.subarray(0, 8);
      const m = big.subarray(8, 8 * 11);
      expectClose(k.dotBatch(q, m, 8), reference(q, m, 8, false));
    });

    test("an empty matrix gives an empty result", () => {
      expect(k.dotBatch(seededFloats(4, 1), new Float32Array(0), 4).length).toBe(0);
    });

    test("shape errors throw with a message that says what is wrong", () => {
      expect(() => k.dotBatch(seededFloats(4, 1), seededFloats(8, 1), 0)).toThrow(/dim/);
      expect(() => k.dotBatch(seededFloats(3, 1), seededFloats(8, 1), 4)).toThrow(/query/);
      expect(() => k.cosineBatch(seededFloats(4, 1), seededFloats(9, 1), 4)).toThrow(/multiple/);
      expect(() => k.dotBatchInto(seededFloats(4, 1), seededFloats(8, 1), 4, new Float32Array(3))).toThrow(/out/);
    });
  });
}

describe("fallback when the addon is absent", () => {
  test("a missing loader falls back to the TypeScript kernels with one warning per process", () => {
    resetKernelWarningForTests();
    const { lines, logger } = collectingLogger();
    const a = loadKernels({ addonPath: join(tmp, "nope", "index.js"), logger });
    const b = loadKernels({ addonPath: join(tmp, "nope", "index.js"), logger });
    expect(a).toBe(jsKernels);
    expect(b).toBe(jsKernels);
    expect(lines.length).toBe(1);
    expect(lines[0]).toContain("native addon not loaded");
  });

  test("the generated loader without its .node binary falls back too", () => {
    resetKernelWarningForTests();
    const dir = mkdtempSync(join(tmp, "unbuilt-"));
    copyFileSync(defaultAddonPath, join(dir, "index.js"));
    const { lines, logger } = collectingLogger();
    const k = loadKernels({ addonPath: join(dir, "index.js"), logger });
    expect(k.impl).toBe("js");
    expect(k.cosineBatch(new Float32Array([1, 0]), new Float32Array([1, 0, 0, 1]), 2)).toEqual(
      new Float32Array([1, 0]),
    );
    expect(lines.length).toBe(1);
  });

  test("disable forces the fallback without a warning", () => {
    resetKernelWarningForTests();
    const { lines, logger } = collectingLogger();
    expect(loadKernels({ disable: true, logger })).toBe(jsKernels);
    expect(lines).toEqual([]);
  });
});
