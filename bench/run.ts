/**
 * Benchmark entry point: `npm run bench -- <scenario> [args]`.
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
if (!name || !scenarios.includes(name)) {
  console.error(`usage: npm run bench -- <scenario>\nscenarios: ${scenarios.join(", ")}`);
  process.exit(name ? 2 : 0);
}
const mod = (await import(join(dir, `${name}.ts`))) as { run(argv: string[]): Promise<void> };
await mod.run(rest);
