/**
 * The Prometheus registry of one kefu process. Names follow
 * `kefu_<subsystem>_<name>_<unit>` with low-cardinality labels; the dashboards
 * in grafana/ may use only names registered here.
 *
 * @example
 *   const metrics = createMetrics({ version: "0.1.0", commit: "abc123", native: "avx2+fma" });
 *   metrics.httpRequests.inc({ method: "GET", route: "/healthz", status: "200" });
 *   await metrics.registry.metrics(); // exposition text
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** A counter child that adds to a plain number; the sum reaches prom-client at scrape time. */
export interface DeferredChild {
  inc(value?: number): void;
}

/**
 * Counter children for the hot path: `child(...labelValues)` once per label set, then
 * `inc()` adds to a number — no label hashing per call (prom-client hashes the label
 * set on every `inc`, labelled child or not). `flush()` hands the sums to the counter;
 * it is the counter's `collect` hook, so every scrape sees every increment.
 *
 * @example
 *   const d = deferredCounter<"target">(); const c = new Counter({ ..., collect: d.flush }); d.bind(c);
 *   const child = d.child("openai-day"); child.inc();
 */
export function deferredCounter<L extends string>(labelNames: readonly L[]) {
  const children: { labels: Record<L, string>; pending: number }[] = [];
  let target: Counter<L> | undefined;
  return {
    bind(c: Counter<L>) {
      target = c;
    },
    child(...values: string[]): DeferredChild {
      const labels = Object.fromEntries(labelNames.map((n, i) => [n, values[i] ?? ""])) as Record<L, string>;
      const ch = { labels, pending: 0 };
      children.push(ch);
      return {
        inc(v = 1) {
          ch.pending += v;
        },
      };
    },
    flush() {
      if (!target) return;
      for (const ch of children) {
        if (ch.pending === 0) continue;
        target.inc(ch.labels, ch.pending);
        ch.pending = 0;
      }
    },
  };
}

/** A histogram child for the hot path. */
export interface HistogramChild {
  observe(value: number): void;
}

/** prom-client 15's record of one labelled series of a Histogram (made by its public `zero`). */
interface HistogramSeries {
  labels: Record<string, string | number>;
  bucketValues: Record<string, number>;
  sum: number;
  count: number;
}

/**
 * A labelled child of a prom-client Histogram whose `observe` adds to its series
 * directly: prom-client's own child validates and hashes the label set on every call,
 * a cost the hot path pays per request. The series is prom-client's own record
 * (created with the public `zero` when absent, found again after a `reset`), so exposition,
 * aggregation and `reset` stay prom-client's; engine/metrics.test.ts checks the text
 * equals what prom-client's own child produces for the same values. Should a
 * prom-client upgrade move that record, the child falls back to prom-client's child.
 *
 * @example
 *   const h = histogramChild(metrics.httpDuration, { method: "POST", route: "/v1/chat/completions" });
 *   h.observe(0.0042);
 */
export function histogramChild<L extends string>(h: Histogram<L>, labels: Record<L, string>): HistogramChild {
  const internal = h as unknown as { hashMap?: Record<string, HistogramSeries>; upperBounds?: number[] };
  const fallback = h.labels(labels as Partial<Record<L, string | number>>);
  let key: string | undefined;
  let series: HistogramSeries | undefined;
  let boundKeys: string[] = [];
  const names = Object.keys(labels) as L[];
  const lookup = (): HistogramSeries | undefined => {
    const map = internal.hashMap;
    if (!map || !Array.isArray(internal.upperBounds)) return undefined;
    for (const k in map) {
      const s = map[k] as HistogramSeries;
      if (
        s.labels &&
        typeof s.sum === "number" &&
        typeof s.count === "number" &&
        Object.keys(s.labels).length === names.length &&
        names.every((n) => String(s.labels[n]) === labels[n])
      ) {
        key = k;
        return s;
      }
    }
    return undefined;
  };
  // The series as it is (another child, or prom-client's own, may have counted already); made
  // with `zero` only when it does not exist yet (zero would wipe an existing one).
  const find = (): HistogramSeries | undefined => {
    const s = lookup();
    if (s) return s;
    h.zero(labels as Partial<Record<L, string | number>>);
    return lookup();
  };
  return {
    observe(value) {
      if (series === undefined || internal.hashMap?.[key as string] !== series) series = find();
      if (series === undefined || !Number.isFinite(value)) {
        fallback.observe(value); // prom-client's own path (and its TypeError for a bad value)
        return;
      }
      series.sum += value;
      series.count += 1;
      const bounds = internal.upperBounds as number[];
      if (boundKeys.length !== bounds.length) boundKeys = bounds.map(String);
      for (let i = 0; i < bounds.length; i++) {
        if (value <= (bounds[i] as number)) {
          // The record's keys are the bounds as strings: convert once, not per observation.
          const k = boundKeys[i] as string;
          series.bucketValues[k] = (series.bucketValues[k] ?? 0) + 1;
          break;
        }
      }
    },
  };
}

/** Build facts exported as labels of `kefu_build_info`. */
export interface BuildFacts {
  version: string;
  commit: string;
  /** Kernel path: the addon's SIMD level, or "js". */
  native: string;
}

/** The metrics of a process. */
export interface Metrics {
  registry: Registry;
  httpRequests: Counter<"method" | "route" | "status">;
  /** A child of `httpRequests` for the hot path: adds to a number that reaches the counter at scrape time. */
  httpRequestsChild(method: string, route: string, status: string): DeferredChild;
  httpDuration: Histogram<"method" | "route">;
}

/** Creates a fresh registry with default process metrics and kefu's own. */
export function createMetrics(build: BuildFacts): Metrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  const info = new Gauge({
    name: "kefu_build_info",
    help: "Build facts of this kefu process; the value is always 1",
    labelNames: ["version", "commit", "bun", "native"] as const,
    registers: [registry],
  });
  info.set({ version: build.version, commit: build.commit, bun: Bun.version, native: build.native }, 1);
  const deferredRequests = deferredCounter(["method", "route", "status"] as const);
  const httpRequests = new Counter({
    name: "kefu_http_requests_total",
    help: "HTTP requests answered, by method, route template and status",
    labelNames: ["method", "route", "status"] as const,
    registers: [registry],
    collect: deferredRequests.flush,
  });
  deferredRequests.bind(httpRequests);
  return {
    registry,
    httpRequests,
    httpRequestsChild: (method, route, status) => deferredRequests.child(method, route, status),
    httpDuration: new Histogram({
      name: "kefu_http_request_duration_seconds",
      help: "HTTP request handling time, by method and route template",
      labelNames: ["method", "route"] as const,
      buckets: [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
  };
}
