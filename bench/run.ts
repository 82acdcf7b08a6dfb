/**
 * Benchmark entry point: `npm run bench` (the quick suite), `npm run bench -- --full`
 * (the full suite) or `npm run bench -- <scenario> [args]` (one scenario).
 * Each scenario measures kefu and a baseline in the same run and appends ratio
 * rows to bench/RESULTS.md.
 *
 * @example
 *   npm run bench -- http
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";

const dir = join(import.meta.dir, "scenarios");
const scenarios = readdirSync(dir)
  .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
  .map((f) => f.slice(0, -3))
  .sort();

const [name, ...rest] = process.argv.slice(2);
if (!name || name === "--full" || name === "--quick") {
  // The suite: every area, kefu and its baselines in one run, then the summary (bench/suite.ts).
  const { runSuite } = await import("./suite.ts");
  const only = process.env.BENCH_ONLY?.split(",").filter(Boolean);
  const repeats = process.env.BENCH_REPEATS ? Number(process.env.BENCH_REPEATS) : undefined;
  if (repeats !== undefined && !(Number.isInteger(repeats) && repeats >= 1)) {
    console.error(`BENCH_REPEATS=${process.env.BENCH_REPEATS}: expected an integer ≥ 1`);
    process.exit(2);
  }
  const r = await runSuite(name === "--full" ? "full" : "quick", {
    ...(only ? { only } : {}),
    ...(repeats ? { repeats } : {}),
  });
  console.error(`\nsuite ${r.runId}: ${Math.round(r.seconds)} s, failed: ${r.failed.join(", ") || "none"}`);
  process.exit(r.failed.length ? 1 : 0);
}
if (!scenarios.includes(name)) {
  console.error(`usage: npm run bench [-- --full | <scenario>]\nscenarios: ${scenarios.join(", ")}`);
  process.exit(2);
}
const mod = (await import(join(dir, `${name}.ts`))) as { run(argv: string[]): Promise<void> };
await mod.run(rest);
