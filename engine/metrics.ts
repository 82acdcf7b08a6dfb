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
