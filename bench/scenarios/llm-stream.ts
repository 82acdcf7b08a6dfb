/**
 * Scenario "llm-stream": client-side time to first token (TTFT) of streaming
 * `POST /v1/chat/completions`, direct to the mock upstream vs through kefu (and
 * through the naive Bun pass-through, for scale), in one run. The mock waits
 * BENCH_LLM_FIRST_MS before answering, then streams a short answer with
 * BENCH_LLM_EVENT_MS between events; kefu routes through a fallback route of two
 * targets on the mock (hedge after 500 ms: it never fires here), breakers and
 * metrics on.
 *
 * The driver (bench/drivers/llm-client.ts) timestamps the first `data:` line with
 * non-empty `delta.content`. Two phases, each alternating direct / naive / kefu
 * for BENCH_ROUNDS rounds: sequential (1 request in flight) and concurrent
 * (BENCH_CONCURRENCY in flight). Added TTFT = kefu's p50 / p99 minus direct's.
 *
 * Servers on core 0; the driver process, the mock upstream and the orchestrator
 * share core 1.
 *
 * Environment: BENCH_REQUESTS (500 sequential per subject), BENCH_CONCURRENT_REQUESTS
 * (3000), BENCH_CONCURRENCY (32), BENCH_ROUNDS (2), BENCH_LLM_FIRST_MS (20),
 * BENCH_LLM_EVENT_MS (2), BENCH_WARMUP_REQUESTS (1000 per subject, 8 in flight, not measured),
 * BENCH_NO_RESULTS=1 (trial run).
 *
 * @example
 *   npm run bench -- llm-stream
 */
import { Histogram } from "../drivers/histogram.ts";
import { spawnDrivers } from "../drivers/ipc.ts";
import type { StreamArg, StreamResult } from "../drivers/llm-client.ts";
import {
  answer,
  chatBody,
  chatHeaders,
  kefuLlmConfig,
  startKefuLlm,
  startLlmMock,
  startNaiveProxy,
} from "../drivers/llm-servers.ts";
import { cpuMeter, DRIVER_CORE, pct, pinSelf, SERVER_CORE, type ServerProc } from "../drivers/procs.ts";
import { knob, num, progress, row, save } from "../drivers/report.ts";

const KNOBS = [
  "BENCH_REQUESTS",
  "BENCH_CONCURRENT_REQUESTS",
  "BENCH_CONCURRENCY",
  "BENCH_ROUNDS",
  "BENCH_LLM_FIRST_MS",
  "BENCH_LLM_EVENT_MS",
  "BENCH_WARMUP_REQUESTS",
];
const TEXT = "Hello! Your order #1234 ships tomorrow.";

interface Outcome {
  ttft: Histogram;
  total: Histogram;
  ok: number;
  errors: number;
  firstError: string;
  /** CPU shares (of one core) over the phase. */
  serverCpu: number;
  mockCpu: number;
  driverCpu: number;
}

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  pinSelf(DRIVER_CORE);
  const seqN = knob("BENCH_REQUESTS", 500);
  const conN = knob("BENCH_CONCURRENT_REQUESTS", 3000);
  const concurrency = Math.max(1, knob("BENCH_CONCURRENCY", 32));
  const rounds = Math.max(1, knob("BENCH_ROUNDS", 2));
  const firstMs = knob("BENCH_LLM_FIRST_MS", 20);
  const eventMs = knob("BENCH_LLM_EVENT_MS", 2);
  const warmN = knob("BENCH_WARMUP_REQUESTS", 1000);
  const log = progress("llm-stream");

  const mock = await startLlmMock({
    record: false,
    defaultScript: answer(TEXT, { firstByteDelayMs: firstMs, eventDelayMs: eventMs }),
  });
  const v1 = `${mock.url}/v1`;
  const started: ServerProc[] = [];
  const [client] = await spawnDrivers("llm-client.ts", 1);
  if (!client) throw new Error("no client driver");
  const rows: string[] = [];
  try {
    const kefu = await startKefuLlm(
      kefuLlmConfig({ targets: { "mock-a": { baseUrl: v1 }, "mock-b": { baseUrl: v1 } }, hedgeAfterMs: 500 }),
    );
    started.push(kefu);
    const naive = await startNaiveProxy(v1);
    started.push(naive);
    const path = "/v1/chat/completions";
    const subjects = [
      { key: "direct", url: `${v1}/chat/completions`, pid: undefined as number | undefined },
      { key: "naive", url: naive.url + path, pid: naive.pid },
      { key: "kefu", url: kefu.url + path, pid: kefu.pid },
    ];
    const base = { headers: chatHeaders(v1), body: chatBody(true) };

    const phase = async (n: number, conc: number): Promise<Map<string, Outcome>> => {
      const parts = new Map<string, StreamResult[]>(subjects.map((s) => [s.key, []]));
      const cpu = new Map<string, { server: number[]; mock: number[]; driver: number[] }>(
        subjects.map((s) => [s.key, { server: [], mock: [], driver: [] }]),
      );
      for (let r = 0; r < rounds; r++) {
        const per = Math.floor(n / rounds) + (r < n % rounds ? 1 : 0);
        for (const s of subjects) {
          const pids = [mock.pid, client.pid, ...(s.pid ? [s.pid] : [])];
          const meter = cpuMeter(pids);
          const res = await client.call<StreamResult>("stream", {
            ...base,
            url: s.url,
            n: per,
            concurrency: conc,
          } satisfies StreamArg);
          const shares = meter.stop();
          parts.get(s.key)?.push(res);
          const c = cpu.get(s.key);
          c?.server.push(s.pid ? (shares.get(s.pid) ?? 0) : 0);
          c?.mock.push(shares.get(mock.pid) ?? 0);
          c?.driver.push(shares.get(client.pid) ?? 0);
          const h = Histogram.merge([res.ttft]);
          log(
            `${s.key} ${conc} in flight, round ${r + 1}: ${res.ok}/${per} ok, TTFT p50/p99 ${h.quantile(0.5).toFixed(2)}/${h.quantile(0.99).toFixed(2)} ms${res.errors ? `, ${res.errors} errors (${res.firstError})` : ""}`,
          );
        }
      }
      const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
      const out = new Map<string, Outcome>();
      for (const s of subjects) {
        const rs = parts.get(s.key) ?? [];
        const c = cpu.get(s.key);
        out.set(s.key, {
          ttft: Histogram.merge(rs.map((r) => r.ttft)),
          total: Histogram.merge(rs.map((r) => r.total)),
          ok: rs.reduce((a, r) => a + r.ok, 0),
          errors: rs.reduce((a, r) => a + r.errors, 0),
          firstError: rs.find((r) => r.firstError)?.firstError ?? "",
          serverCpu: avg(c?.server ?? []),
          mockCpu: avg(c?.mock ?? []),
          driverCpu: avg(c?.driver ?? []),
        });
      }
      return out;
    };

    // Warm-up: JIT and connection pools on every path. JavaScriptCore tiers a function up
    // by how often it ran: a few hundred requests leave kefu's larger code path half-compiled
    // (outliers of +1–4 ms in the first ~500 sequential requests), so the default is 1,000.
    for (const s of subjects) await client.call("stream", { ...base, url: s.url, n: warmN, concurrency: 8 });
    const seq = await phase(seqN, 1);
    const con = await phase(conN, concurrency);

    const pinning = `servers on core ${SERVER_CORE}; the streaming client (1 Bun process), the mock upstream and the orchestrator share core ${DRIVER_CORE}`;
    const p = (h: Histogram) => `${h.quantile(0.5).toFixed(2)} / ${h.quantile(0.99).toFixed(2)} ms`;
    const added = (a: Histogram, b: Histogram, q: number) => {
      const d = a.quantile(q) - b.quantile(q);
      return `${d >= 0 ? "+" : ""}${d.toFixed(2)}`;
    };
    const health = (name: string, o: Outcome) =>
      `${name} ${num(o.ok)} ok${o.errors ? `, ${o.errors} errors (${o.firstError})` : ""}`;
    for (const [label, o, n] of [
      ["sequential (1 in flight)", seq, seqN],
      [`concurrent (${concurrency} in flight)`, con, conN],
    ] as const) {
      const k = o.get("kefu") as Outcome;
      const d = o.get("direct") as Outcome;
      const nv = o.get("naive") as Outcome;
      rows.push(
        await row({
          scenario: "llm-stream",
          argv,
          knobs: KNOBS,
          pinning,
          metric: `time to first token p50 / p99, ${label}`,
          kefu: p(k.ttft),
          baseline: "mock upstream direct",
          baselineValue: p(d.ttft),
          ratio: `added ${added(k.ttft, d.ttft, 0.5)} / ${added(k.ttft, d.ttft, 0.99)} ms (p99 target ≤ +2 ms)`,
          driverCpu: `client ${pct(k.driverCpu)} / ${pct(d.driverCpu)}; mock ${pct(k.mockCpu)} / ${pct(d.mockCpu)}`,
          serverCpu: `${pct(k.serverCpu)} / —`,
          notes: `mock: first byte after ${firstMs} ms, then ${TEXT.split(/\s+/).length} deltas ${eventMs} ms apart; ${num(n)} requests per subject in ${rounds} alternating rounds, after ${num(warmN)} warm-up requests each (8 in flight). Naive Bun proxy: ${p(nv.ttft)} (added ${added(nv.ttft, d.ttft, 0.5)} / ${added(nv.ttft, d.ttft, 0.99)} ms, server CPU ${pct(nv.serverCpu)}). Whole answer p50 / p99: kefu ${p(k.total)}, direct ${p(d.total)}, naive ${p(nv.total)} (kefu asks the upstream for include_usage, one more event, and holds finish until [DONE]). ${health("kefu", k)}; ${health("direct", d)}; ${health("naive", nv)}; TTFT is client-side, from before fetch() to the read holding the first non-empty delta.content`,
        }),
      );
    }
  } finally {
    await client.stop();
    for (const s of started) await s.stop();
    await mock.stop();
  }
  await save("llm-stream: time to first token through kefu vs direct to the upstream", rows);
}
