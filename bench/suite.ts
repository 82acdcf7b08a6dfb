/**
 * The benchmark suites: `npm run bench` runs the quick one (every area at reduced
 * sizes, one repeat — meant to finish in under 15 minutes on 2 cores), `npm run bench
 * -- --full` the full one (the sizes the targets name, 3 repeats). Each scenario runs
 * as its own process with the suite's knobs; its rows go to bench/RESULTS.md (history)
 * and bench/results.jsonl tagged with the suite run's id, and at the end the summary at
 * the top of bench/RESULTS.md and the charts in bench/charts/ are regenerated from that
 * run (see summary.ts). A scenario that fails is reported and the suite goes on.
 *
 * @example
 *   await runSuite("quick"); // what `npm run bench` does
 */
import { join } from "node:path";
import { writeSummary } from "./summary.ts";

/** One scenario of a suite. */
export interface SuiteEntry {
  scenario: string;
  /** The area it belongs to in the summary. */
  area: Area;
  /** Knobs for this suite (environment variables the scenario reads). */
  env?: Record<string, string>;
}

/** The summary's areas, in order. */
export const AREAS = ["HTTP edge", "Realtime", "LLM gateway", "Knowledge and vectors", "Storage", "Core"] as const;
export type Area = (typeof AREAS)[number];

/** Which area each scenario reports to. */
export const AREA_OF: Record<string, Area> = {
  http: "HTTP edge",
  limits: "HTTP edge",
  "ws-sessions": "Realtime",
  "ws-chat": "Realtime",
  "ws-fanout": "Realtime",
  "ws-cluster": "Realtime",
  "cluster-delivery": "Realtime",
  "llm-proxy": "LLM gateway",
  "llm-stream": "LLM gateway",
  "llm-failover": "LLM gateway",
  vector: "Knowledge and vectors",
  embed: "Knowledge and vectors",
  "pg-append": "Storage",
  decode: "Storage",
  kernels: "Core",
  timers: "Core",
};

const entry = (scenario: string, env: Record<string, string> = {}): SuiteEntry => ({
  scenario,
  area: AREA_OF[scenario] ?? "Core",
  env,
});

/** Reduced sizes: every area, one repeat. */
export const QUICK: SuiteEntry[] = [
  entry("kernels", { BENCH_ROWS: "10000" }),
  entry("timers", { BENCH_TIMERS: "200000" }),
  entry("decode"),
  entry("http", { BENCH_SECONDS: "3", BENCH_ROUNDS: "1" }),
  entry("limits"),
  entry("ws-sessions", { BENCH_SESSIONS: "5000" }),
  entry("ws-chat", { BENCH_SESSIONS: "2000", BENCH_SECONDS: "5", BENCH_WARMUP: "1" }),
  entry("ws-fanout", { BENCH_SUBSCRIBERS: "2000", BENCH_SECONDS: "3", BENCH_CENTRIFUGE: "0" }),
  entry("ws-cluster", { BENCH_SESSIONS: "6000", BENCH_SETTLE_SECONDS: "3" }),
  entry("cluster-delivery", { BENCH_MESSAGES: "500", BENCH_GAP: "1000" }),
  entry("llm-proxy", { BENCH_SECONDS: "3", BENCH_ROUNDS: "1", BENCH_WARMUP: "1" }),
  entry("llm-stream", { BENCH_SECONDS: "3", BENCH_ROUNDS: "1", BENCH_WARMUP: "1", BENCH_LATENCY_SECONDS: "2" }),
  entry("llm-failover", { BENCH_REQUESTS: "200" }),
  entry("vector", { VECTOR_N: "20000", VECTOR_QUERIES: "300" }),
  entry("embed"),
  entry("pg-append", { BENCH_SECONDS: "2", BENCH_ROUNDS: "1" }),
];

/** The sizes the issues' targets name; three repeats each. */
export const FULL: SuiteEntry[] = [
  "kernels",
  "timers",
  "decode",
  "http",
  "limits",
  "ws-sessions",
  "ws-chat",
  "ws-fanout",
  "ws-cluster",
  "cluster-delivery",
  "llm-proxy",
  "llm-stream",
  "llm-failover",
  "vector",
  "embed",
  "pg-append",
].map((s) => entry(s, s === "vector" ? { VECTOR_N: "1000000" } : {}));

/** A suite's outcome. */
export interface SuiteReport {
  runId: string;
  failed: string[];
  seconds: number;
}

/** Runs a suite (each scenario `repeats` times) and regenerates the summary. */
export async function runSuite(kind: "quick" | "full", opts: { repeats?: number; only?: string[] } = {}) {
  const entries = (kind === "quick" ? QUICK : FULL).filter((e) => !opts.only || opts.only.includes(e.scenario));
  const repeats = opts.repeats ?? (kind === "quick" ? 1 : 3);
  const runId = `suite-${kind}-${new Date().toISOString().replace(/[:.]/g, "-")}`;
  const started = performance.now();
  const failed: string[] = [];
  for (const e of entries) {
    for (let i = 0; i < repeats; i++) {
      const t0 = performance.now();
      console.error(`\n=== ${e.scenario} (${i + 1}/${repeats}) ${JSON.stringify(e.env ?? {})}`);
      const p = Bun.spawn([process.execPath, join(import.meta.dir, "run.ts"), e.scenario], {
        env: { ...process.env, ...e.env, BENCH_RUN_ID: runId, BENCH_SUITE: kind },
        stdout: "inherit",
        stderr: "inherit",
      });
      const code = await p.exited;
      console.error(`=== ${e.scenario}: exit ${code} after ${((performance.now() - t0) / 1000).toFixed(0)} s`);
      if (code !== 0) failed.push(e.scenario);
    }
  }
  const seconds = (performance.now() - started) / 1000;
  await writeSummary({
    runId,
    command: kind === "quick" ? "npm run bench" : "npm run bench -- --full",
    seconds,
    failed,
  });
  return { runId, failed, seconds } satisfies SuiteReport;
}
