/**
 * Appends result rows to bench/RESULTS.md under a heading per scenario, so the
 * file keeps every run with its machine, pinning and command.
 *
 * @example
 *   await appendResults("http", "| date | … |", ["| 2026-11-23 | … |"]);
 */
import { appendFileSync } from "node:fs";
import { join } from "node:path";

/** Path of the results file. */
export const resultsPath = join(import.meta.dir, "RESULTS.md");
/** Machine-readable log of every appended table (one JSON record per line; summary.ts reads it). */
export const runsPath = join(import.meta.dir, "results.jsonl");

/** Adds `rows` to the table under `## scenario` (creating it with `header`). */
export async function appendResults(scenario: string, header: string[], rows: string[]): Promise<void> {
  const file = Bun.file(resultsPath);
  let text = (await file.exists())
    ? await file.text()
    : "# kefu benchmark results\n\nEvery row is one run of `npm run bench -- <scenario>`; ratios compare kefu with a baseline measured in the same run, on the same machine.\n";
  const heading = `## ${scenario}`;
  if (!text.includes(`\n${heading}\n`)) {
    text = `${text.trimEnd()}\n\n${heading}\n\n${header.join("\n")}\n`;
  }
  const start = text.indexOf(`\n${heading}\n`) + heading.length + 2;
  const next = text.indexOf("\n## ", start);
  const end = next === -1 ? text.length : next;
  const section = `${text.slice(start, end).trimEnd()}\n${rows.join("\n")}\n`;
  text = `${text.slice(0, start)}${section}${next === -1 ? "" : `\n${text.slice(next + 1)}`}`;
  await Bun.write(resultsPath, text);
  // The same rows, tagged with the suite run (BENCH_RUN_ID, set by suite.ts) for the summary.
  const record = {
    run: process.env.BENCH_RUN_ID ?? `single-${new Date().toISOString()}`,
    section: scenario,
    at: new Date().toISOString(),
    header,
    rows,
  };
  appendFileSync(runsPath, `${JSON.stringify(record)}\n`);
}
