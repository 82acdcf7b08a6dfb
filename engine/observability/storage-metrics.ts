/**
 * Storage metrics measured at the ports' boundary, so every adapter (SQLite,
 * PostgreSQL, Redis) reports the same way without touching its code:
 * - `instrumentEventStore` wraps an EventStore: append latency as the caller sees
 *   it (group-commit wait included: the time until a send may be acked), append
 *   outcomes, and read latency;
 * - `registerBackendGauges` exports `kefu_backend_up{backend,kind}` from the
 *   readiness probes, run at scrape time (each bounded to 1 s).
 *
 * @example
 *   const store = instrumentEventStore(backends.eventStore, metrics.registry);
 *   registerBackendGauges(metrics.registry, backends);
 */
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { Backends } from "../backends.ts";
import { KefuError } from "../errors.ts";
import type { EventStore } from "../storage/event-store.ts";

const latencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5];

/** The outcome label of a failed call: the KefuError code (a fixed set in code), else "error". */
function outcomeOf(e: unknown): string {
  return e instanceof KefuError ? e.code : "error";
}

/**
 * Returns an EventStore that forwards every call to `store` and records
 * `kefu_event_store_append_duration_seconds`, `kefu_event_store_appends_total`
 * and `kefu_event_store_read_duration_seconds`, labelled by adapter kind.
 * Register it once per registry (the metric names are fixed).
 *
 * @example
 *   const store = instrumentEventStore(createSqliteEventStore({ path, clock }), registry);
 *   await store.append(event); // observed
 */
export function instrumentEventStore(store: EventStore, registry: Registry): EventStore {
  const registers = [registry];
  const adapter = store.kind;
  const appendDuration = new Histogram({
    name: "kefu_event_store_append_duration_seconds",
    help: "Time from an EventStore append call until it is durable (group-commit wait included), by adapter",
    labelNames: ["adapter"] as const,
    buckets: latencyBuckets,
    registers,
  }).labels(adapter);
  const appends = new Counter({
    name: "kefu_event_store_appends_total",
    help: "EventStore appends, by adapter and outcome (ok, duplicate, or the error code, e.g. overloaded)",
    labelNames: ["adapter", "outcome"] as const,
    registers,
  });
  const readDuration = new Histogram({
    name: "kefu_event_store_read_duration_seconds",
    help: "EventStore reads, by adapter and operation (read_after, last_seq, read_range)",
    labelNames: ["adapter", "op"] as const,
    buckets: latencyBuckets,
    registers,
  });
  let inFlight = 0;
  new Gauge({
    name: "kefu_event_store_appends_in_flight",
    help: "Appends accepted but not yet durable (the group-commit backlog: grows when the store lags), by adapter",
    labelNames: ["adapter"] as const,
    registers,
    collect() {
      this.set({ adapter }, inFlight);
    },
  });
  const ok = appends.labels(adapter, "ok");
  const duplicate = appends.labels(adapter, "duplicate");
  // Zero series for the common outcomes, so rates exist before the first event.
  ok.inc(0);
  duplicate.inc(0);
  const readErrors = new Counter({
    name: "kefu_event_store_read_errors_total",
    help: "EventStore reads that failed, by adapter, operation and error code (e.g. store_unavailable when PostgreSQL is down)",
    labelNames: ["adapter", "op", "code"] as const,
    registers,
  });
  async function timedRead<T>(op: string, run: () => Promise<T>): Promise<T> {
    const end = readDuration.startTimer({ adapter, op });
    try {
      return await run();
    } catch (e) {
      readErrors.inc({ adapter, op, code: outcomeOf(e) });
      throw e;
    } finally {
      end();
    }
  }
  return {
    kind: store.kind,
    async append(event) {
      const t0 = performance.now();
      inFlight++;
      try {
        const r = await store.append(event);
        (r.duplicate ? duplicate : ok).inc();
        return r;
      } catch (e) {
        appends.inc({ adapter, outcome: outcomeOf(e) });
        throw e;
      } finally {
        inFlight--;
        appendDuration.observe((performance.now() - t0) / 1000);
      }
    },
    readAfter: (sessionId, afterSeq, limit) =>
      timedRead("read_after", () => store.readAfter(sessionId, afterSeq, limit)),
    lastSeq: (sessionId) => timedRead("last_seq", () => store.lastSeq(sessionId)),
    readRange: (query) => timedRead("read_range", () => store.readRange(query)),
    ping: () => store.ping(),
    close: () => store.close(),
  } satisfies EventStore;
}

/**
 * Registers `kefu_backend_up{backend,kind}`: 1 when the backend answered its
 * readiness probe at scrape time, else 0 (each probe bounded to `timeoutMs`).
 *
 * @example
 *   registerBackendGauges(metrics.registry, backends); // kefu_backend_up{backend="eventStore",kind="sqlite"} 1
 */
export function registerBackendGauges(
  registry: Registry,
  backends: Pick<Backends, "readiness">,
  timeoutMs = 1000,
): Gauge<"backend" | "kind"> {
  return new Gauge({
    name: "kefu_backend_up",
    help: "Whether each configured backend answered its readiness probe at scrape time (1) or not (0), by backend and adapter kind",
    labelNames: ["backend", "kind"] as const,
    registers: [registry],
    async collect() {
      const report = await backends.readiness(timeoutMs);
      this.reset();
      for (const [backend, st] of Object.entries(report.backends)) this.set({ backend, kind: st.kind }, st.ok ? 1 : 0);
    },
  });
}

/** A client-error counter read from `backends.stats()` at scrape time. */
function statsCounter(
  registry: Registry,
  backends: Pick<Backends, "stats">,
  name: string,
  help: string,
  read: (s: ReturnType<Backends["stats"]>) => number,
): Counter {
  let seen = 0;
  return new Counter({
    name,
    help,
    registers: [registry],
    collect() {
      const now = read(backends.stats());
      if (now > seen) this.inc(now - seen);
      seen = now;
    },
  });
}

/**
 * Registers `kefu_redis_errors_total`: errors the Redis clients reported
 * (connection failures and resets), read from the backends at
 * scrape time; 0 and flat when no Redis adapter is configured.
 *
 * @example
 *   registerRedisErrors(metrics.registry, backends);
 */
export function registerRedisErrors(registry: Registry, backends: Pick<Backends, "stats">): Counter {
  return statsCounter(
    registry,
    backends,
    "kefu_redis_errors_total",
    "Errors the Redis clients emitted (connection failures and resets)",
    (s) => s.redisErrors,
  );
}

/**
 * Registers `kefu_postgres_client_errors_total`: errors the PostgreSQL pool's idle
 * clients emitted (the server closed or reset a connection), read from the backends
 * at scrape time; 0 and flat on SQLite.
 *
 * @example
 *   registerPostgresErrors(metrics.registry, backends);
 */
export function registerPostgresErrors(registry: Registry, backends: Pick<Backends, "stats">): Counter {
  return statsCounter(
    registry,
    backends,
    "kefu_postgres_client_errors_total",
    "Errors the PostgreSQL pool's idle clients emitted (connections the server closed or reset)",
    (s) => s.postgresErrors,
  );
}

/**
 * Registers the group-commit metrics, fed by `backends.onEventStoreCommit`:
 * `kefu_event_store_batch_events` (appends per commit) and
 * `kefu_event_store_commit_duration_seconds` (write + commit time), by adapter
 * and result.
 *
 * @example
 *   registerCommitMetrics(metrics.registry, backends, backends.eventStore.kind);
 */
export function registerCommitMetrics(
  registry: Registry,
  backends: Pick<Backends, "onEventStoreCommit">,
  adapter: string,
): void {
  const registers = [registry];
  const batch = new Histogram({
    name: "kefu_event_store_batch_events",
    help: "Appends written per EventStore group commit, by adapter and result (ok, failed)",
    labelNames: ["adapter", "result"] as const,
    buckets: [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024, 4096],
    registers,
  });
  const duration = new Histogram({
    name: "kefu_event_store_commit_duration_seconds",
    help: "Time to write and commit one EventStore batch, by adapter and result (ok, failed)",
    labelNames: ["adapter", "result"] as const,
    buckets: latencyBuckets,
    registers,
  });
  // Zero series for the usual result, so panels have data before the first commit.
  batch.zero({ adapter, result: "ok" });
  duration.zero({ adapter, result: "ok" });
  backends.onEventStoreCommit((info) => {
    const labels = { adapter, result: info.ok ? "ok" : "failed" };
    batch.observe(labels, info.events);
    duration.observe(labels, info.ms / 1000);
  });
}
