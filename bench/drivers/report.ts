/**
 * Row helpers shared by the WebSocket scenarios: one table layout, the date,
 * the machine, the pinning and the exact command on every row.
 *
 * @example
 *   const rows = [await row({ scenario: "ws-fanout", argv, metric: "deliveries/s", kefu: "1.0M", … })];
 *   await appendResults("ws-fanout: …", WS_HEADER, rows);
 */
import { machineLine } from "../machine.ts";
import { appendResults } from "../results.ts";

/** The header of every WebSocket scenario table. */
export const WS_HEADER = [
  "| date | metric | kefu | baseline | baseline value | ratio | driver CPU (of one core) | server CPU (kefu / baseline) | notes | machine | pinning | command |",
  "|---|---|---|---|---|---|---|---|---|---|---|---|",
];

/** One result row. */
export interface RowInput {
  scenario: string;
  argv: string[];
  metric: string;
  kefu: string;
  baseline: string;
  baselineValue: string;
  /** e.g. "**0.95×**" (bold by convention), or "—". */
  ratio: string;
  driverCpu: string;
  serverCpu: string;
  notes: string;
  pinning: string;
  /** Environment knobs that were set, to repeat the run exactly. */
  knobs?: string[];
}

/** Formats one row (table cells may not contain `|`). */
export async function row(r: RowInput): Promise<string> {
  const cell = (s: string) => s.replaceAll("|", "/").replace(/\s+/g, " ");
  const env = (r.knobs ?? []).filter((k) => process.env[k] !== undefined).map((k) => `${k}=${process.env[k]} `);
  const cmd = `\`${env.join("")}npm run bench -- ${r.scenario}${r.argv.length ? ` ${r.argv.join(" ")}` : ""}\``;
  return `| ${[
    new Date().toISOString().slice(0, 10),
    r.metric,
    r.kefu,
    r.baseline,
    r.baselineValue,
    r.ratio,
    r.driverCpu,
    r.serverCpu,
    r.notes,
    await machineLine(),
    r.pinning,
    cmd,
  ]
    .map(cell)
    .join(" | ")} |`;
}

/** "**0.93×**", or "—" when the baseline is 0 or missing. */
export const ratio = (a: number, b: number) => (b > 0 && Number.isFinite(a / b) ? `**${(a / b).toFixed(2)}×**` : "—");

/** A number with thousands separators and `digits` decimals. */
export const num = (x: number, digits = 0) =>
  x.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Reads an integer knob from the environment. */
export const knob = (name: string, dflt: number) => {
  const v = process.env[name];
  if (v === undefined || v === "") return dflt;
  const n = Number(v);
  if (!Number.isFinite(n) || n < 0) throw new Error(`${name}=${v}: expected a non-negative number`);
  return n;
};

/** Prints a progress line to stderr with seconds since start. */
export function progress(scenario: string): (msg: string) => void {
  const t0 = performance.now();
  return (msg) => console.error(`[${scenario} +${((performance.now() - t0) / 1000).toFixed(1)}s] ${msg}`);
}

/**
 * Appends rows under `section` (unless BENCH_NO_RESULTS=1, for trial runs) and prints them.
 *
 * @example
 *   await save("ws-chat: …", rows);
 */
export async function save(section: string, rows: string[]): Promise<void> {
  if (process.env.BENCH_NO_RESULTS === "1") console.error("BENCH_NO_RESULTS=1: not appending to bench/RESULTS.md");
  else await appendResults(section, WS_HEADER, rows);
  for (const r of rows) console.log(r);
}
