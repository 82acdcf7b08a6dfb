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
import { machineLine } from "../machine.ts";
import { appendResults } from "../results.ts";

interface Measured {
  op: string;
  jsNsPerRow: number;
  nativeNsPerRow: number;
}

/** Best-of-5 ns per row of `fn`, each sample running ≥ 200 ms. */
function nsPerRow(rows: number, fn: () => void): number {
  for (let i = 0; i < 3; i++) fn(); // warm up the JIT
  let best = Number.POSITIVE_INFINITY;
  for (let s = 0; s < 5; s++) {
    let iters = 0;
    const t0 = Bun.nanoseconds();
    let t = t0;
    while (t - t0 < 200e6) {
      fn();
      iters++;
      t = Bun.nanoseconds();
    }
    best = Math.min(best, (t - t0) / (iters * rows));
  }
  return best;
}

function measure(rows: number, dim: number): Measured[] {
  const native: Kernels = loadKernels();
  if (native.impl !== "native") throw new Error("the native addon is not built: run `bash .ci/build-native.sh`");
  const q = seededFloats(dim, 1);
  const m = seededFloats(rows * dim, 2);
  const out = new Float32Array(rows);
  return (["dotBatchInto", "cosineBatchInto"] as const).map((op) => ({
    op,
    jsNsPerRow: nsPerRow(rows, () => jsKernels[op](q, m, dim, out)),
    nativeNsPerRow: nsPerRow(rows, () => native[op](q, m, dim, out)),
  }));
}

/** Runs the scenario pinned to core 0 and appends its rows to bench/RESULTS.md. */
export async function run(): Promise<void> {
  const rows = Number(process.env.BENCH_ROWS ?? 10_000);
  const dim = Number(process.env.BENCH_DIM ?? 384);
  const p = Bun.spawn(
    ["taskset", "-c", "0", process.execPath, resolve(import.meta.path), "--child", String(rows), String(dim)],
    {
      stdout: "pipe",
      stderr: "inherit",
    },
  );
  const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  if (code !== 0) throw new Error(`kernels child failed with ${code}`);
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
