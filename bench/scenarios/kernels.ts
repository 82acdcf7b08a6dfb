/**
 * Scenario "kernels": the native SIMD similarity kernels against the pure-TypeScript
 * fallback on the same data, in one process pinned to one core. Reports ns per
 * row and the speed-up; the addon stays the default only while it wins.
 *
 * Environment: BENCH_ROWS (default 10000), BENCH_DIM (384).
 */
import { resolve } from "node:path";
import { seededFloats } from "../../engine/random.ts";
import { jsKernels, type Kernels, loadKernels } from "../../engine/vector/kernels.ts";
import { bestNsPerItem, machineLine, runPinnedChild } from "../machine.ts";
import { appendResults } from "../results.ts";

interface Measured {
  op: string;
  jsNsPerRow: number;
  nativeNsPerRow: number;
}

function measure(rows: number, dim: number): Measured[] {
  const native: Kernels = loadKernels();
  if (native.impl !== "native") throw new Error("the native addon is not built: run `bash .ci/build-native.sh`");
  const q = seededFloats(dim, 1);
  const m = seededFloats(rows * dim, 2);
  const out = new Float32Array(rows);
  return (["dotBatchInto", "cosineBatchInto"] as const).map((op) => {
    const [js, nat] = bestNsPerItem(rows, [() => jsKernels[op](q, m, dim, out), () => native[op](q, m, dim, out)]);
    return { op, jsNsPerRow: js as number, nativeNsPerRow: nat as number };
  });
}

/** Runs the scenario pinned to core 0 and appends its rows to bench/RESULTS.md. */
export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000);
  const dim = Number(process.env.BENCH_DIM ?? 384);
  const out = await runPinnedChild(resolve(import.meta.path), [String(rows), String(dim)]);
  const results = JSON.parse(out) as { simd: string; measured: Measured[] };
  const machine = await machineLine();
  const lines = results.measured.map(
    (r) =>
      `| ${new Date().toISOString().slice(0, 10)} | ${r.op} | ${rows}×${dim} | ${r.jsNsPerRow.toFixed(1)} | ${r.nativeNsPerRow.toFixed(1)} (${results.simd}) | **${(r.jsNsPerRow / r.nativeNsPerRow).toFixed(2)}×** | ${machine} | one process on core 0, best of 5 × 200 ms | \`npm run bench -- kernels\` |`,
  );
  await appendResults(
    "kernels: native SIMD vs TypeScript",
    [
      "| date | op | rows×dim | TypeScript ns/row | native ns/row | speed-up (TS / native) | machine | pinning | command |",
      "|---|---|---|---|---|---|---|---|---|",
    ],
    lines,
  );
  for (const l of lines) console.log(l);
}

if (import.meta.main && process.argv[2] === "--child") {
  const measured = measure(Number(process.argv[3]), Number(process.argv[4]));
  console.log(JSON.stringify({ simd: loadKernels().simd, measured }));
}
