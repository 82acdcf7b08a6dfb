/**
 * Scenario "limits": rate-limit decisions and the middleware's cost.
 *
 * (a) In-process decisions per second on one core (each in a fresh child pinned to core 0):
 *     the memory LimitStore's synchronous token-bucket decision over 10,000 keys,
 *     the same through the limiter (rule match + key build + decision, as the
 *     middleware runs it), a leaky-bucket decision, and the Promise API for
 *     comparison (target: ≥ 5,000,000 decisions/s on the synchronous path).
 * (b) The overhead the middleware adds to a request: `app.handle(POST /v1/echo)`
 *     on an app without rate limiting (baseline) against the same app with no
 *     rules, with rules that do not match the route, and with a matching
 *     ip-keyed token-bucket rule; interleaved samples, best of 5, same process,
 *     same core.
 *
 * Environment: BENCH_DECISIONS (default 5,000,000 per sample), BENCH_REQUESTS
 * (default 20,000 per sample).
 *
 * @example
 *   npm run bench -- limits
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createBackends } from "../../engine/backends.ts";
import { manualClock } from "../../engine/clock.ts";
import { loadConfig } from "../../engine/config.ts";
import { createMemoryLimitStore } from "../../engine/limits/limit-store.memory.ts";
import type { LimitStore } from "../../engine/limits/limit-store.ts";
import { createLimiter } from "../../engine/limits/limiter.ts";
import { createLimitRegistry } from "../../engine/limits/registry.ts";
import type { LimitRuleStore } from "../../engine/limits/rule-store.ts";
import { normalizeRule } from "../../engine/limits/rules.ts";
import { createLogger } from "../../engine/logger.ts";
import { createMetrics } from "../../engine/metrics.ts";
import { jsKernels } from "../../engine/vector/kernels.ts";
import { createApp } from "../../gateway/app.ts";
import { createRateLimiting } from "../../gateway/limits/setup.ts";
import { machineLine, runPinnedChild } from "../machine.ts";
import { appendResults } from "../results.ts";

const SAMPLES = 5;
/** 5,000,000 decisions per second, as ns per decision. */
const TARGET_NS = 200;
const KEYS = 10_000;

interface Row {
  what: string;
  value: number;
  unit: string;
  baseline: string;
  base: number;
}

function bestOf(fn: () => number): number {
  let b = Number.POSITIVE_INFINITY;
  for (let s = 0; s < SAMPLES; s++) b = Math.min(b, fn());
  return b;
}

/** A rule store held in memory (the registry reads it once). */
function staticStore(rules: ReturnType<typeof normalizeRule>[]): LimitRuleStore {
  return {
    kind: "bench",
    load: async () => ({ rules, blocks: [] }),
    putRule: async () => {},
    deleteRule: async () => false,
    putBlock: async () => {},
    deleteBlock: async () => false,
    close: async () => {},
  };
}

/** One kind of decision, measured in a fresh process (no JIT history from the others). */
type DecisionKind = "take" | "leak" | "limiter" | "promise";

async function decisions(kind: DecisionKind, n: number): Promise<Row[]> {
  // A clock that moves 1 µs per read: buckets refill, so every decision does the full arithmetic.
  let t = 0;
  const clock = { now: () => (t += 0.001) };
  const store: LimitStore = createMemoryLimitStore({ clock });
  const sync = store.sync;
  if (!sync) throw new Error("the memory store has no sync path");
  const keys = Array.from({ length: KEYS }, (_, i) => `chat|tenant-${i}`);
  const token = { capacity: 1e12, refillPerSec: 1e6 };
  const leaky = { leaky: { ratePerSec: 1e9, maxQueue: 1000 } };
  let sink = 0;
  const measure = (fn: (i: number) => boolean) => {
    const loop = () => {
      const t0 = Bun.nanoseconds();
      for (let i = 0; i < n; i++) if (fn(i)) sink++;
      return (Bun.nanoseconds() - t0) / n;
    };
    loop(); // warm up: JIT and every key's bucket
    return bestOf(loop);
  };
  const target = { baseline: "target 5 M/s", base: TARGET_NS };
  if (kind === "take") {
    const take = measure((i) => sync.take(keys[i % KEYS] as string, token).allowed);
    return [{ what: "token bucket, sync (memory store)", value: take, unit: "ns", ...target }];
  }
  if (kind === "leak") {
    const leak = measure((i) => sync.check(keys[i % KEYS] as string, leaky).allowed);
    return [{ what: "leaky bucket, sync (memory store)", value: leak, unit: "ns", ...target }];
  }
  if (kind === "limiter") {
    const registry = await createLimitRegistry({
      store: staticStore([
        normalizeRule(
          { id: "chat", api: "/v1/chat", key: ["tenant"], token_bucket: { capacity: 1e9, rate: 1e6 } },
          new Date(),
        ),
        normalizeRule(
          { id: "kb", api: "/v1/tenants/:t/kb/*", key: ["ip"], token_bucket: { capacity: 10, rate: 1 } },
          new Date(),
        ),
      ]),
      maxRules: 1000,
      maxBlocks: 1000,
      reloadMs: 0,
    });
    const limiter = createLimiter({ registry, store, maxKeyLength: 256 });
    const tenants = Array.from({ length: KEYS }, (_, i) => `tenant-${i}`);
    const viaLimiter = measure((i) => {
      const v = limiter.check({ method: "POST", path: "/v1/chat", tenant: tenants[i % KEYS] });
      return !(v instanceof Promise) && v.outcome === "allowed";
    });
    await registry.close();
    return [
      { what: "limiter.check: match 2 rules + key + token decision (sync)", value: viaLimiter, unit: "ns", ...target },
    ];
  }
  // The Promise API against the sync path, in one process: the cost of an await per decision.
  const m = Math.min(n, 1_000_000);
  const take = measure((i) => sync.take(keys[i % KEYS] as string, token).allowed);
  let asyncTake = Number.POSITIVE_INFINITY;
  for (let s = 0; s < SAMPLES; s++) {
    const t0 = Bun.nanoseconds();
    for (let i = 0; i < m; i++) if ((await store.take(keys[i % KEYS] as string, token)).allowed) sink++;
    asyncTake = Math.min(asyncTake, (Bun.nanoseconds() - t0) / m);
  }
  if (sink === 0) throw new Error("nothing was allowed");
  return [
    {
      what: "token bucket, sync (memory store)",
      value: take,
      unit: "ns",
      baseline: "Promise API (await per decision)",
      base: asyncTake,
    },
  ];
}

async function overhead(n: number): Promise<Row[]> {
  const dir = mkdtempSync(join(tmpdir(), "kefu-bench-limits-"));
  try {
    const config = loadConfig({
      KEFU_DATA_DIR: dir,
      KEFU_AUTH_ADMIN_KEY: "bench-admin-key-0123456789",
      KEFU_LIMITS_CLIENT_IP_HEADER: "x-forwarded-for",
      KEFU_LIMITS_RELOAD_MS: "0",
      KEFU_KB_DEMO: "false",
    });
    const logger = createLogger("error", () => {});
    const clock = manualClock(0);
    const backends = await createBackends(config, { logger, clock, kernels: jsKernels });
    const build = { version: "bench", commit: "bench", native: "js" };
    const deps = { config, backends, logger, build, lifecycle: { draining: false } };
    const plain = createApp({ ...deps, metrics: createMetrics(build) });
    const metrics = createMetrics(build);
    const limiting = await createRateLimiting({ config, backends, registry: metrics.registry, logger, clock });
    const limited = createApp({ ...deps, metrics, limits: { limiting } });
    const body = JSON.stringify({ message: "hello" });
    const request = () =>
      new Request("http://kefu.bench/v1/echo", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "203.0.113.9" },
        body,
      });
    const run = (app: { handle(r: Request): Promise<Response> }) => async () => {
      const t0 = Bun.nanoseconds();
      for (let i = 0; i < n; i++) {
        const res = await app.handle(request());
        if (res.status !== 200) throw new Error(`status ${res.status}`);
        await res.arrayBuffer();
      }
      return (Bun.nanoseconds() - t0) / n;
    };
    const sample = async (apps: (() => Promise<number>)[]) => {
      const best = apps.map(() => Number.POSITIVE_INFINITY);
      for (const a of apps) await a(); // warm up
      for (let s = 0; s < SAMPLES; s++)
        for (let i = 0; i < apps.length; i++)
          best[i] = Math.min(best[i] as number, await (apps[i] as () => Promise<number>)());
      return best;
    };
    // No rule or block at all: the middleware returns at once.
    const [baseNone, none] = (await sample([run(plain), run(limited)])) as [number, number];
    // No rule matches /v1/echo: the middleware only matches and returns.
    await limiting.registry.putRule({
      id: "other",
      api: "/v1/chat",
      key: ["tenant"],
      token_bucket: { capacity: 10, rate: 1 },
    });
    const [base0, unmatched] = (await sample([run(plain), run(limited)])) as [number, number];
    await limiting.registry.putRule({
      id: "echo",
      api: "/v1/echo",
      key: ["ip"],
      token_bucket: { capacity: 1e9, rate: 1e6 },
    });
    const [base1, matched] = (await sample([run(plain), run(limited)])) as [number, number];
    await limiting.close();
    await backends.close();
    return [
      {
        what: "POST /v1/echo, no rules",
        value: none,
        unit: "ns",
        baseline: "no rate limiting",
        base: baseNone,
      },
      {
        what: "POST /v1/echo, rules present but none matches",
        value: unmatched,
        unit: "ns",
        baseline: "no rate limiting",
        base: base0,
      },
      {
        what: "POST /v1/echo, a matching ip-keyed token bucket",
        value: matched,
        unit: "ns",
        baseline: "no rate limiting",
        base: base1,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function child(argv: string[]): Promise<void> {
  const [kind, count] = argv as [DecisionKind | "app", string];
  const rows = kind === "app" ? await overhead(Number(count)) : await decisions(kind, Number(count));
  process.stdout.write(JSON.stringify(rows));
}

/** Runs the scenario and records it. */
export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_DECISIONS ?? 5_000_000);
  const requests = Number(process.env.BENCH_REQUESTS ?? 20_000);
  const rows: Row[] = [];
  for (const kind of ["take", "promise", "leak", "limiter"] as const)
    rows.push(...(JSON.parse(await runPinnedChild(resolve(import.meta.path), [kind, String(n)])) as Row[]));
  rows.push(...(JSON.parse(await runPinnedChild(resolve(import.meta.path), ["app", String(requests)])) as Row[]));
  const machine = await machineLine();
  // Other work on the machine skews single-core timings: record the 1-minute load average.
  const load = (await Bun.file("/proc/loadavg").text()).split(" ")[0] ?? "?";
  const date = new Date().toISOString().slice(0, 10);
  const time = (ns: number) => (ns >= 1000 ? `${(ns / 1000).toFixed(2)} µs` : `${ns.toFixed(1)} ns`);
  const rate = (ns: number) => (ns >= 1000 ? `${(1e6 / ns).toFixed(1)} k/s` : `${(1e3 / ns).toFixed(2)} M/s`);
  const lines = rows.map((r) => {
    const app = r.what.startsWith("POST");
    const diff = (r.value - r.base) / 1000;
    const added = app ? `${diff >= 0 ? "+" : "−"}${Math.abs(diff).toFixed(2)} µs` : "—";
    const pin = app
      ? `core 0 (taskset), interleaved, best of ${SAMPLES} × ${requests}`
      : `core 0 (taskset), best of ${SAMPLES} × ${n}`;
    return `| ${date} | ${r.what} | ${time(r.value)} | ${rate(r.value)} | ${r.baseline} | ${time(r.base)} | **${(r.base / r.value).toFixed(2)}×** | ${added} | ${load} | ${machine} | ${pin} | \`npm run bench -- limits\` |`;
  });
  for (const l of lines) console.log(l);
  await appendResults(
    "limits: rate-limit decisions and middleware overhead",
    [
      "| date | what | kefu (per op) | rate | baseline | baseline (per op) | ratio (baseline / kefu) | added per request | load | machine | pinning | command |",
      "|---|---|---|---|---|---|---|---|---|---|---|---|",
    ],
    lines,
  );
}

if (process.argv[2] === "--child") await child(process.argv.slice(3));
