/**
 * Scenario "llm-failover": what a client sees when kefu's primary LLM target is
 * slow or down. Streaming `POST /v1/chat/completions` through kefu, one request at
 * a time, against mock upstream targets selected by base URL (`urlFor(name)`), each
 * counted by the mock (`record: true`).
 *
 * A. Hedging: the primary's first byte comes after BENCH_SLOW_MS (2 s), the route
 *    hedges to the backup after BENCH_HEDGE_MS (100 ms). Client-side time to first
 *    token should stay ≤ afterMs + 10 ms. Measured with `retry.budgetRatio: 1`
 *    (every request may hedge once), then again with the default retry budget
 *    (0.2 per request + 1/s over 10 s) to show where the budget stops hedging.
 * B. Breaker: the primary answers 503. Requests paced BENCH_PACE_MS apart trip its
 *    breaker (minRequests 10, error rate ≥ 50%); while it is open no request may
 *    reach the primary; after BENCH_EJECT_MS one half-open probe goes through, fails,
 *    and the ejection doubles. The mock's per-target counts are read after every
 *    request, the breaker gauge from kefu's /metrics.
 *
 * Environment: BENCH_REQUESTS (40, part A), BENCH_BUDGET_REQUESTS (20; 0 skips the
 * default-budget run), BENCH_SLOW_MS (2000), BENCH_HEDGE_MS (100), BENCH_EJECT_MS
 * (3000), BENCH_PACE_MS (50), BENCH_WARM (3: requests through part A's fresh kefu before
 * measuring, reported apart), BENCH_NO_RESULTS=1 (trial run).
 *
 * @example
 *   npm run bench -- llm-failover
 */
import { Histogram } from "../drivers/histogram.ts";
import { type Driver, spawnDrivers } from "../drivers/ipc.ts";
import type { OneResult, StreamArg } from "../drivers/llm-client.ts";
import {
  answer,
  chatBody,
  chatHeaders,
  type KefuLlmConfigOptions,
  kefuLlmConfig,
  kefuMetric,
  type LlmMock,
  startKefuLlm,
  startLlmMock,
} from "../drivers/llm-servers.ts";
import { DRIVER_CORE, pinSelf, SERVER_CORE } from "../drivers/procs.ts";
import { knob, num, progress, row, save } from "../drivers/report.ts";

const KNOBS = [
  "BENCH_REQUESTS",
  "BENCH_BUDGET_REQUESTS",
  "BENCH_SLOW_MS",
  "BENCH_HEDGE_MS",
  "BENCH_EJECT_MS",
  "BENCH_PACE_MS",
  "BENCH_WARM",
];
const BREAKER_STATE = ["closed", "half-open", "open"];

/**
 * Sends `n` sequential streaming requests through a fresh kefu with `config`; returns each
 * outcome. `warm` requests go first and are returned apart (`warmed`), the mock's counts
 * reset after them: a fresh process's first requests compile code and open connections.
 */
async function drive(
  client: Driver,
  mock: LlmMock,
  config: KefuLlmConfigOptions,
  n: number,
  warm = 0,
): Promise<{ results: OneResult[]; warmed: OneResult[]; primaryState: number }> {
  const kefu = await startKefuLlm(kefuLlmConfig(config));
  try {
    const arg = {
      url: `${kefu.url}/v1/chat/completions`,
      headers: chatHeaders(`${mock.url}/v1`),
      body: chatBody(true),
    };
    const warmed: OneResult[] = [];
    for (let i = 0; i < warm; i++)
      warmed.push(await client.call<OneResult>("one", arg satisfies Omit<StreamArg, "n" | "concurrency">));
    if (warm > 0) await mock.reset();
    const results: OneResult[] = [];
    for (let i = 0; i < n; i++)
      results.push(await client.call<OneResult>("one", arg satisfies Omit<StreamArg, "n" | "concurrency">));
    return {
      results,
      warmed,
      primaryState: await kefuMetric(kefu.url, "kefu_llm_breaker_state", { target: "primary" }),
    };
  } finally {
    await kefu.stop();
  }
}

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  pinSelf(DRIVER_CORE);
  const nA = knob("BENCH_REQUESTS", 40);
  const nBudget = knob("BENCH_BUDGET_REQUESTS", 20);
  const slowMs = knob("BENCH_SLOW_MS", 2000);
  const hedgeMs = knob("BENCH_HEDGE_MS", 100);
  const ejectMs = knob("BENCH_EJECT_MS", 3000);
  const paceMs = knob("BENCH_PACE_MS", 50);
  const warmA = knob("BENCH_WARM", 3);
  const log = progress("llm-failover");
  const text = "Your order ships tomorrow.";

  const mock = await startLlmMock({
    record: true,
    defaultScript: answer(text),
    scripts: {
      slow: answer(text, { firstByteDelayMs: slowMs }),
      fast: answer(text),
      down: { status: 503 },
    },
  });
  const [client] = await spawnDrivers("llm-client.ts", 1);
  if (!client) throw new Error("no client driver");
  const pinning = `kefu on core ${SERVER_CORE}; the streaming client (1 Bun process), the mock upstream and the orchestrator on core ${DRIVER_CORE}`;
  const common = { scenario: "llm-failover", argv, knobs: KNOBS, pinning, driverCpu: "—", serverCpu: "—" };
  const rows: string[] = [];
  const slowFast = {
    primary: { baseUrl: `${mock.urlFor("slow")}/v1` },
    backup: { baseUrl: `${mock.urlFor("fast")}/v1` },
  };
  const tally = (rs: OneResult[]) => {
    const t: Record<string, number> = {};
    for (const r of rs) t[r.target || `HTTP ${r.status}`] = (t[r.target || `HTTP ${r.status}`] ?? 0) + 1;
    return Object.entries(t)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ");
  };
  try {
    // Warm kefu's code paths once (a throwaway instance), so the first measured request is not a cold start.
    await drive(client, mock, { targets: { backup: slowFast.backup } }, 20);

    // A. Hedging, budget for one hedge per request.
    await mock.reset();
    const a = await drive(
      client,
      mock,
      { targets: slowFast, hedgeAfterMs: hedgeMs, retry: { budgetRatio: 1 } },
      nA,
      warmA,
    );
    const countsA = await mock.counts();
    const h = new Histogram();
    for (const r of a.results) if (!r.error) h.record(r.ttftMs);
    const errorsA = a.results.filter((r) => r.error).length;
    const over = a.results.filter((r) => r.ttftMs > hedgeMs + 10).length;
    log(
      `hedge: TTFT p50/p99/max ${h.quantile(0.5).toFixed(1)}/${h.quantile(0.99).toFixed(1)}/${h.max.toFixed(1)} ms, targets ${tally(a.results)}, mock ${JSON.stringify(countsA)}`,
    );
    rows.push(
      await row({
        ...common,
        metric: `time to first token, primary silent for ${slowMs} ms, hedge afterMs ${hedgeMs} (p50 / p99 / max)`,
        kefu: `${h.quantile(0.5).toFixed(1)} / ${h.quantile(0.99).toFixed(1)} / ${h.max.toFixed(1)} ms`,
        baseline: "budget: afterMs + 10 ms",
        baselineValue: `${hedgeMs + 10} ms`,
        ratio: `max − afterMs = +${(h.max - hedgeMs).toFixed(1)} ms (target ≤ +10 ms); ${over}/${nA} over budget`,
        notes: `${nA} sequential streaming requests; fallback route [primary, backup], hedge { afterMs: ${hedgeMs} }, retry.budgetRatio 1 (one hedge per request). Answered by: ${tally(a.results)}; ${errorsA} errors. Mock received primary ${countsA.byScript.slow ?? 0} (cut by kefu when it lost the race: ${countsA.closedByClient.slow ?? 0}), backup ${countsA.byScript.fast ?? 0}. Primary breaker afterwards: ${BREAKER_STATE[a.primaryState] ?? a.primaryState} (a lost hedge gives the breaker no verdict). kefu's router timers are setTimeout (gateway/server.ts: systemTimers), not the 50 ms timing wheel. ${warmA > 0 ? `Not counted: the instance's first ${warmA} request${warmA > 1 ? "s" : ""} (cold code, first connections to both targets), TTFT ${a.warmed.map((r) => r.ttftMs.toFixed(1)).join(", ")} ms` : "The first request (cold code, first connections) is counted"}`,
      }),
    );

    // A2. The same with the default retry budget.
    if (nBudget > 0) {
      await mock.reset();
      const b = await drive(client, mock, { targets: slowFast, hedgeAfterMs: hedgeMs }, nBudget);
      const hedged = b.results.filter((r) => r.target === "backup");
      const waited = b.results.filter((r) => r.target === "primary");
      const firstWait = b.results.findIndex((r) => r.target === "primary");
      const hb = new Histogram();
      for (const r of hedged) hb.record(r.ttftMs);
      const wb = new Histogram();
      for (const r of waited) wb.record(r.ttftMs);
      log(
        `default budget: ${hedged.length} hedged, ${waited.length} waited for the primary; first wait at #${firstWait + 1}`,
      );
      rows.push(
        await row({
          ...common,
          metric:
            "same, default retry budget (0.2 per request + 1/s over 10 s): requests hedged / left waiting for the slow primary",
          kefu: `${hedged.length} / ${waited.length} of ${nBudget}`,
          baseline: "every request hedged",
          baselineValue: `${nBudget} / 0`,
          ratio: "—",
          notes: `${nBudget} sequential requests, same route without retry settings. ${firstWait === -1 ? "No request waited" : `Request #${firstWait + 1} was the first the budget refused a hedge`}; hedged TTFT p50 / max ${hb.n ? `${hb.quantile(0.5).toFixed(0)} / ${hb.max.toFixed(0)}` : "n/a"} ms, waiting TTFT p50 / max ${wb.n ? `${wb.quantile(0.5).toFixed(0)} / ${wb.max.toFixed(0)}` : "n/a"} ms. Errors: ${b.results.filter((r) => r.error).length}. Primary breaker afterwards: ${BREAKER_STATE[b.primaryState] ?? b.primaryState}: lost hedges give no verdict and the primary never fails, so a primary always slower than afterMs is never ejected and each request needs a hedge from the budget`,
        }),
      );
    }

    // B. Breaker: primary down (503).
    await mock.reset();
    const kefu = await startKefuLlm(
      kefuLlmConfig({
        targets: {
          primary: { baseUrl: `${mock.urlFor("down")}/v1` },
          backup: { baseUrl: `${mock.urlFor("fast")}/v1` },
        },
        breaker: { minRequests: 10, errorRate: 0.5, windowMs: 30_000, baseEjectMs: ejectMs, maxEjectMs: 8 * ejectMs },
      }),
    );
    try {
      const arg = {
        url: `${kefu.url}/v1/chat/completions`,
        headers: chatHeaders(`${mock.url}/v1`),
        body: chatBody(true),
      };
      interface Rec {
        start: number;
        end: number;
        r: OneResult;
        primary: number;
        state: number;
      }
      const recs: Rec[] = [];
      const t0 = performance.now();
      const deadline = t0 + 2_000 + 3 * ejectMs + 2_000;
      let opened = -1;
      let probes = 0;
      while (performance.now() < deadline) {
        const start = performance.now() - t0;
        const r = await client.call<OneResult>("one", arg);
        const end = performance.now() - t0;
        const c = await mock.counts();
        const state = await kefuMetric(kefu.url, "kefu_llm_breaker_state", { target: "primary" });
        const primary = c.byScript.down ?? 0;
        recs.push({ start, end, r, primary, state });
        if (opened === -1 && state === 2) opened = recs.length - 1;
        if (opened !== -1 && primary > (recs[opened]?.primary ?? 0) + probes)
          probes = primary - (recs[opened]?.primary ?? 0);
        if (probes >= 2) break;
        await Bun.sleep(paceMs);
      }
      const final = await mock.counts();
      if (opened === -1) throw new Error(`breaker never opened: ${JSON.stringify(final)}`);
      const atOpen = recs[opened] as Rec;
      // Windows of "open": from the request that saw the breaker open to the request carrying the next probe.
      const probeIdx: number[] = [];
      for (let i = opened + 1; i < recs.length; i++)
        if ((recs[i] as Rec).primary > (recs[i - 1] as Rec).primary) probeIdx.push(i);
      const windows: { requests: number; hits: number; fromMs: number; toMs: number }[] = [];
      let from = opened;
      for (const p of [...probeIdx, recs.length]) {
        const slice = recs.slice(from + 1, p);
        windows.push({
          requests: slice.length,
          hits: slice.reduce((acc, x, j) => acc + (x.primary - (recs[from + j] as Rec).primary), 0),
          fromMs: (recs[from] as Rec).end,
          toMs: (recs[p] ?? recs[recs.length - 1] ?? atOpen).start,
        });
        from = p;
      }
      const errorsB = recs.filter((x) => x.r.error).length;
      const probeText = probeIdx
        .map((i, j) => {
          const x = recs[i] as Rec;
          const prev = recs[j === 0 ? opened : (probeIdx[j - 1] as number)] as Rec;
          return `probe ${j + 1} ${((x.start - prev.end) / 1000).toFixed(2)}–${((x.end - prev.end) / 1000).toFixed(2)} s after the previous trip was seen (${x.primary - (recs[i - 1] as Rec).primary} request to the primary, answered by ${x.r.target}, state after: ${BREAKER_STATE[x.state] ?? x.state})`;
        })
        .join("; ");
      const windowText = windows
        .filter((w, j) => j < probeIdx.length || w.requests > 0)
        .map(
          (w, j) =>
            `${j === 0 ? "first" : j === 1 ? "second" : `#${j + 1}`} open window ${(w.fromMs / 1000).toFixed(2)}–${(w.toMs / 1000).toFixed(2)} s: ${w.hits} of ${w.requests} requests reached the primary`,
        )
        .join("; ");
      const hitsWhileOpen = windows.slice(0, probeIdx.length).reduce((acc, w) => acc + w.hits, 0);
      const requestsWhileOpen = windows.slice(0, probeIdx.length).reduce((acc, w) => acc + w.requests, 0);
      log(
        `breaker: opened after ${atOpen.primary} primary calls (request #${opened + 1}); ${windowText}; ${probeText}; mock ${JSON.stringify(final)}`,
      );
      rows.push(
        await row({
          ...common,
          metric: "requests reaching a 503ing primary while its breaker is open (until the half-open probe)",
          kefu: `${hitsWhileOpen} of ${num(requestsWhileOpen)}`,
          baseline: "target",
          baselineValue: "0",
          ratio: "—",
          notes: `requests ${paceMs} ms apart, streaming; breaker { minRequests 10, errorRate 0.5, baseEjectMs ${ejectMs} }. Opened after ${atOpen.primary} primary 503s (request #${opened + 1}, ${(atOpen.end / 1000).toFixed(2)} s in); each failed over to the backup. ${windowText}. ${probeText}. Client-visible errors: ${errorsB} of ${recs.length}. Mock totals: primary ${final.byScript.down ?? 0}, backup ${final.byScript.fast ?? 0}`,
        }),
      );
    } finally {
      await kefu.stop();
    }
  } finally {
    await client.stop();
    await mock.stop();
  }
  await save(
    "llm-failover: hedging past a slow primary, and a tripped breaker keeping traffic off a failing one",
    rows,
  );
}
