/**
 * A small stand-in for the k6 runtime, so CI can prove that kefu's k6 scripts speak
 * kefu's protocol without the (AGPL) k6 binary. It runs a script's `setup`, every
 * scenario's function ONCE (one VU, one iteration, scenarios concurrently, start
 * times capped), then `teardown`, against a live gateway, and reports the checks,
 * the samples of every metric and whether each threshold's metric got data.
 *
 * What it covers (and nothing more): `k6` (check, group, sleep, fail),
 * `k6/http` (asyncRequest; the synchronous calls throw: kefu's scripts use the async
 * API), `k6/metrics` (Trend, Counter, Rate, Gauge), `k6/websockets` (WebSocket with
 * open/message/error/close events), `k6/timers`, `k6/execution` (vu, scenario),
 * the `__ENV`, `__VU`, `__ITER` globals, and threshold syntax (`p(N)`, `avg`, `med`,
 * `min`, `max`, `count`, `rate`, `value` against a number, on a metric or a
 * `metric{tag:value}` sub-metric). Executors, VU counts, durations and arrival rates
 * are read and checked for shape, not simulated: load comes from k6 itself (or from
 * bench/ drivers here).
 *
 * @example
 *   const r = await runK6Script("bench/k6/http-chat.ts", { env: { KEFU_URL: url } });
 *   r.checks.every((c) => c.fails === 0);
 */

/** One recorded value of a metric. */
export interface Sample {
  value: number;
  tags: Record<string, string>;
}

/** A metric as recorded. */
export interface MetricRecord {
  type: "trend" | "counter" | "rate" | "gauge";
  samples: Sample[];
}

/** One threshold of the script. */
export interface ThresholdResult {
  /** As written, e.g. `http_req_duration{name:/v1/chat}`. */
  key: string;
  expression: string;
  /** Samples that matched the metric and its tag filter. */
  samples: number;
  /** The aggregate's value over those samples (NaN without samples). */
  value: number;
  passed: boolean;
}

/** What a run produced. */
export interface K6RunResult {
  checks: { name: string; passes: number; fails: number }[];
  metrics: Map<string, MetricRecord>;
  thresholds: ThresholdResult[];
  scenarios: string[];
  /** Errors thrown by setup, a scenario function or teardown. */
  errors: string[];
}

/** Options of `runK6Script`. */
export interface RunOptions {
  env: Record<string, string>;
  /** Longest scenario start delay honoured, ms (default 2000). */
  maxStartDelayMs?: number;
  /** Longest the whole run may take, ms (default 60_000). */
  timeoutMs?: number;
}

const EXECUTORS = new Set([
  "shared-iterations",
  "per-vu-iterations",
  "constant-vus",
  "ramping-vus",
  "constant-arrival-rate",
  "ramping-arrival-rate",
  "externally-controlled",
]);

interface Run {
  metrics: Map<string, MetricRecord>;
  checks: Map<string, { passes: number; fails: number }>;
  sockets: Set<WebSocket>;
  scenario: string;
}
let current: Run | undefined;
const run = (): Run => {
  if (!current) throw new Error("k6 adapter: no script is running");
  return current;
};

function record(name: string, type: MetricRecord["type"], value: number, tags: Record<string, string> = {}) {
  const r = run();
  let m = r.metrics.get(name);
  if (!m) {
    m = { type, samples: [] };
    r.metrics.set(name, m);
  }
  m.samples.push({ value, tags: { scenario: r.scenario, ...tags } });
}

class Metric {
  constructor(
    readonly name: string,
    private readonly type: MetricRecord["type"],
  ) {}
  add(value: number | boolean, tags?: Record<string, string>) {
    record(this.name, this.type, typeof value === "boolean" ? (value ? 1 : 0) : Number(value), tags);
  }
}

const metricsModule = {
  Trend: class extends Metric {
    constructor(name: string) {
      super(name, "trend");
    }
  },
  Counter: class extends Metric {
    constructor(name: string) {
      super(name, "counter");
    }
  },
  Rate: class extends Metric {
    constructor(name: string) {
      super(name, "rate");
    }
  },
  Gauge: class extends Metric {
    constructor(name: string) {
      super(name, "gauge");
    }
  },
};

const k6Module = {
  check(value: unknown, sets: Record<string, (v: unknown) => boolean>, tags: Record<string, string> = {}) {
    let all = true;
    for (const [name, fn] of Object.entries(sets)) {
      let ok = false;
      try {
        ok = Boolean(fn(value));
      } catch {
        ok = false;
      }
      const c = run().checks.get(name) ?? { passes: 0, fails: 0 };
      if (ok) c.passes++;
      else c.fails++;
      run().checks.set(name, c);
      record("checks", "rate", ok ? 1 : 0, { check: name, ...tags });
      all &&= ok;
    }
    return all;
  },
  group: <T>(_name: string, fn: () => T) => fn(),
  sleep: (seconds: number) => Bun.sleepSync(seconds * 1000),
  fail: (message?: string) => {
    throw new Error(message ?? "fail()");
  },
};

/** k6 shows header names in Go's canonical form (`Content-Type`). */
const canonical = (h: string) =>
  h.toLowerCase().replace(/(^|-)([a-z])/g, (_m, d: string, c: string) => d + c.toUpperCase());

async function asyncRequest(
  method: string,
  url: string,
  body?: string | null,
  params: { headers?: Record<string, string>; tags?: Record<string, string>; timeout?: string | number } = {},
) {
  const started = performance.now();
  let status = 0;
  let text = "";
  let headers: Record<string, string> = {};
  let waiting = 0;
  let error = "";
  try {
    const res = await fetch(url, {
      method,
      headers: params.headers ?? {},
      ...(body != null ? { body } : {}),
      signal: AbortSignal.timeout(typeof params.timeout === "number" ? params.timeout : 60_000),
    });
    waiting = performance.now() - started;
    status = res.status;
    headers = Object.fromEntries([...res.headers].map(([k, v]) => [canonical(k), v]));
    text = await res.text();
  } catch (e) {
    error = (e as Error).message;
  }
  const duration = performance.now() - started;
  const tags = { name: params.tags?.name ?? url, method, status: String(status), ...(params.tags ?? {}) };
  record("http_reqs", "counter", 1, tags);
  record("http_req_duration", "trend", duration, tags);
  record("http_req_waiting", "trend", waiting, tags);
  record("http_req_failed", "rate", status === 0 || status >= 400 ? 1 : 0, tags);
  return {
    status,
    body: text,
    headers,
    error,
    url,
    timings: { waiting, duration, receiving: duration - waiting, sending: 0, connecting: 0, blocked: 0 },
    json: (selector?: string) => {
      const v = JSON.parse(text);
      return selector ? selector.split(".").reduce((o, k) => o?.[k], v) : v;
    },
  };
}

const syncHttp = () => {
  throw new Error("k6 adapter: use http.asyncRequest (kefu's scripts do; synchronous HTTP is not emulated)");
};
const httpModule = {
  asyncRequest,
  request: syncHttp,
  get: syncHttp,
  post: syncHttp,
  put: syncHttp,
  del: syncHttp,
  patch: syncHttp,
  batch: syncHttp,
};

type Listener = (e: unknown) => void;
class K6WebSocket {
  private readonly ws: WebSocket;
  private readonly listeners = new Map<string, Listener[]>();
  onopen: Listener | null = null;
  onmessage: Listener | null = null;
  onerror: Listener | null = null;
  onclose: Listener | null = null;
  binaryType = "arraybuffer";
  constructor(url: string, _protocols?: null, params?: { headers?: Record<string, string> } | null) {
    const ws = new WebSocket(url, params?.headers ? ({ headers: params.headers } as never) : undefined);
    ws.binaryType = "arraybuffer";
    this.ws = ws;
    const sockets = run().sockets;
    sockets.add(ws);
    const emit = (type: string, e: unknown) => {
      const on = (this as unknown as Record<string, Listener | null>)[`on${type}`];
      on?.(e);
      for (const l of this.listeners.get(type) ?? []) l(e);
    };
    ws.onopen = () => emit("open", { type: "open" });
    ws.onmessage = (e) => emit("message", { type: "message", data: e.data });
    ws.onerror = () => emit("error", { type: "error", error: "websocket error" });
    ws.onclose = (e) => {
      sockets.delete(ws);
      emit("close", { type: "close", code: e.code, reason: e.reason });
    };
  }
  get readyState() {
    return this.ws.readyState;
  }
  get url() {
    return this.ws.url;
  }
  addEventListener(type: string, fn: Listener) {
    const l = this.listeners.get(type) ?? [];
    l.push(fn);
    this.listeners.set(type, l);
  }
  send(data: string | ArrayBuffer) {
    this.ws.send(data);
  }
  close(code?: number, reason?: string) {
    this.ws.close(code, reason);
  }
  ping() {
    this.ws.ping?.();
  }
}

const timersModule = {
  setTimeout: (fn: () => void, ms?: number) => setTimeout(fn, ms),
  clearTimeout: (t: ReturnType<typeof setTimeout>) => clearTimeout(t),
  setInterval: (fn: () => void, ms?: number) => setInterval(fn, ms),
  clearInterval: (t: ReturnType<typeof setInterval>) => clearInterval(t),
};

const executionModule = {
  get vu() {
    return { idInTest: 1, idInInstance: 1, iterationInScenario: 0, iterationInInstance: 0 };
  },
  get scenario() {
    return { name: run().scenario, iterationInTest: 0, startTime: Date.now(), progress: 0 };
  },
  test: {
    abort(reason?: string) {
      throw new Error(`test.abort(${reason ?? ""})`);
    },
  },
};

let registered = false;
function registerModules() {
  if (registered) return;
  registered = true;
  const object = (exports: Record<string, unknown>) => () => ({
    exports: { default: exports, ...exports },
    loader: "object" as const,
  });
  Bun.plugin({
    name: "kefu-k6-adapter",
    setup(build) {
      build.module("k6", object(k6Module));
      build.module("k6/http", object(httpModule));
      build.module("k6/metrics", object(metricsModule));
      build.module("k6/websockets", object({ WebSocket: K6WebSocket }));
      build.module("k6/timers", object(timersModule));
      build.module("k6/execution", object(executionModule));
    },
  });
}

const THRESHOLD =
  /^\s*(avg|min|max|med|count|rate|value|p\((\d+(?:\.\d+)?)\))\s*(<=|>=|<|>|==|===|!=)\s*(-?\d+(?:\.\d+)?)\s*$/;

/** Parses `metric{tag:value,…}`; throws on a malformed key. */
export function parseThresholdKey(key: string): { metric: string; tags: Record<string, string> } {
  const m = /^([A-Za-z_][A-Za-z0-9_]*)(?:\{(.*)\})?$/.exec(key);
  if (!m) throw new Error(`threshold key ${key} is not metric or metric{tag:value}`);
  const tags: Record<string, string> = {};
  for (const part of m[2] ? m[2].split(",") : []) {
    const i = part.indexOf(":");
    if (i <= 0) throw new Error(`threshold key ${key}: tag filter ${part} is not tag:value`);
    tags[part.slice(0, i).trim()] = part.slice(i + 1).trim();
  }
  return { metric: m[1] as string, tags };
}

/** Evaluates one threshold expression over values; throws on a malformed expression. */
export function evaluateThreshold(expression: string, values: number[], type: MetricRecord["type"]) {
  const m = THRESHOLD.exec(expression);
  if (!m) throw new Error(`threshold ${expression} is not aggregate op number`);
  const sorted = [...values].sort((a, b) => a - b);
  const pct = (p: number) =>
    sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] as number) : NaN;
  const sum = values.reduce((a, b) => a + b, 0);
  const agg = m[1] as string;
  const value =
    agg === "avg"
      ? sum / values.length
      : agg === "min"
        ? (sorted[0] ?? NaN)
        : agg === "max"
          ? (sorted.at(-1) ?? NaN)
          : agg === "med"
            ? pct(50)
            : agg === "count"
              ? type === "counter"
                ? sum
                : values.length
              : agg === "rate"
                ? sum / values.length
                : agg === "value"
                  ? (values.at(-1) ?? NaN)
                  : pct(Number(m[2]));
  const target = Number(m[4]);
  const op = m[3] as string;
  const passed =
    op === "<"
      ? value < target
      : op === ">"
        ? value > target
        : op === "<="
          ? value <= target
          : op === ">="
            ? value >= target
            : op === "!="
              ? value !== target
              : value === target;
  return { value, passed: Number.isNaN(value) ? false : passed };
}

function checkOptions(options: Record<string, unknown>, mod: Record<string, unknown>): string[] {
  const scenarios = (options.scenarios ?? { default: { executor: "per-vu-iterations", exec: "default" } }) as Record<
    string,
    { executor?: string; exec?: string; startTime?: string }
  >;
  for (const [name, s] of Object.entries(scenarios)) {
    if (!s.executor || !EXECUTORS.has(s.executor)) throw new Error(`scenario ${name}: unknown executor ${s.executor}`);
    const exec = s.exec ?? "default";
    if (typeof mod[exec] !== "function") throw new Error(`scenario ${name}: the script exports no function ${exec}`);
  }
  return Object.keys(scenarios);
}

const seconds = (d: string | undefined) => {
  const m = /^(\d+(?:\.\d+)?)(ms|s|m|h)$/.exec(d ?? "0s");
  if (!m) return 0;
  const unit: Record<string, number> = { ms: 0.001, s: 1, m: 60, h: 3600 };
  return Number(m[1]) * (unit[m[2] as string] ?? 0);
};

/** Runs a k6 script's logic once against what `env` points at. */
export async function runK6Script(path: string, opts: RunOptions): Promise<K6RunResult> {
  registerModules();
  if (current) throw new Error("k6 adapter: one script at a time");
  const state: Run = { metrics: new Map(), checks: new Map(), sockets: new Set(), scenario: "setup" };
  current = state;
  const g = globalThis as Record<string, unknown>;
  g.__ENV = { ...opts.env };
  g.__VU = 1;
  g.__ITER = 0;
  const errors: string[] = [];
  const deadline = Date.now() + (opts.timeoutMs ?? 60_000);
  try {
    const mod = (await import(path)) as Record<string, unknown>;
    const options = (mod.options ?? {}) as Record<string, unknown>;
    const scenarioNames = checkOptions(options, mod);
    const scenarios = (options.scenarios ?? { default: { executor: "per-vu-iterations" } }) as Record<
      string,
      { exec?: string; startTime?: string }
    >;
    let data: unknown;
    try {
      data = await (mod.setup as ((...a: unknown[]) => unknown) | undefined)?.();
    } catch (e) {
      errors.push(`setup: ${(e as Error).message}`);
    }
    const maxDelay = opts.maxStartDelayMs ?? 2000;
    await Promise.all(
      scenarioNames.map(async (name) => {
        const s = scenarios[name] ?? {};
        await Bun.sleep(Math.min(maxDelay, seconds(s.startTime) * 1000));
        const fn = mod[s.exec ?? "default"] as (d: unknown) => unknown;
        try {
          state.scenario = name;
          await fn(data);
        } catch (e) {
          errors.push(`${name}: ${(e as Error).message}`);
        }
      }),
    );
    // Like k6, an iteration ends when its WebSockets are closed.
    while (state.sockets.size > 0 && Date.now() < deadline) await Bun.sleep(20);
    if (state.sockets.size > 0) errors.push(`${state.sockets.size} WebSocket(s) still open at the deadline`);
    try {
      state.scenario = "teardown";
      await (mod.teardown as ((d: unknown) => unknown) | undefined)?.(data);
    } catch (e) {
      errors.push(`teardown: ${(e as Error).message}`);
    }
    const thresholds: ThresholdResult[] = [];
    for (const [key, exprs] of Object.entries((options.thresholds ?? {}) as Record<string, string[]>)) {
      const { metric, tags } = parseThresholdKey(key);
      const rec = state.metrics.get(metric);
      const matched = (rec?.samples ?? []).filter((s) => Object.entries(tags).every(([k, v]) => s.tags[k] === v));
      for (const expression of exprs) {
        const r = evaluateThreshold(
          expression,
          matched.map((s) => s.value),
          rec?.type ?? "trend",
        );
        thresholds.push({ key, expression, samples: matched.length, value: r.value, passed: r.passed });
      }
    }
    return {
      checks: [...state.checks].map(([name, c]) => ({ name, ...c })),
      metrics: state.metrics,
      thresholds,
      scenarios: scenarioNames,
      errors,
    };
  } finally {
    for (const ws of state.sockets) ws.close();
    current = undefined;
  }
}
