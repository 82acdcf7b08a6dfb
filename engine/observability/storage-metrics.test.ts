// The storage metrics decorators: outcomes and latency of EventStore calls, and
// backend readiness at scrape time.
import { expect, test } from "bun:test";
import { Registry } from "prom-client";
import type { ReadinessReport } from "../backends.ts";
import { KefuError } from "../errors.ts";
import type { NewEvent } from "../events.ts";
import type { AppendResult, CommitInfo, EventStore } from "../storage/event-store.ts";
import { instrumentEventStore, registerBackendGauges, registerCommitMetrics } from "./storage-metrics.ts";

const event: NewEvent = {
  tenantId: "t1",
  sessionId: "s1",
  actor: { kind: "visitor", id: "v1" },
  body: { type: "message", clientMsgId: "c1", text: "hi" },
};

/** A store that answers from a script: each append takes the next outcome. */
function scriptedStore(outcomes: ("ok" | "duplicate" | Error)[]): EventStore {
  return {
    kind: "scripted",
    async append(e) {
      const next = outcomes.shift();
      if (next instanceof Error) throw next;
      return { event: { ...e, seq: 1, atUnixMs: 0 }, duplicate: next === "duplicate" } as AppendResult;
    },
    readAfter: async () => [],
    lastSeq: async () => 0,
    readRange: async () => [],
    ping: async () => {},
    close: async () => {},
  };
}

const sample = (text: string, line: string) =>
  Number(
    text
      .split("\n")
      .find((l) => l.startsWith(`${line} `))
      ?.split(" ")[1] ?? Number.NaN,
  );

test("appends are counted by outcome (an error by its KefuError code) and timed; errors still reach the caller", async () => {
  const registry = new Registry();
  const store = instrumentEventStore(
    scriptedStore(["ok", "duplicate", new KefuError("overloaded", "queue full", { status: 503 }), new Error("disk")]),
    registry,
  );
  await store.append(event);
  await store.append(event);
  await expect(store.append(event)).rejects.toThrow("queue full");
  await expect(store.append(event)).rejects.toThrow("disk");
  await store.readAfter("s1", 0, 10);
  const text = await registry.metrics();
  const c = (outcome: string) =>
    sample(text, `kefu_event_store_appends_total{adapter="scripted",outcome="${outcome}"}`);
  expect([c("ok"), c("duplicate"), c("overloaded"), c("error")]).toEqual([1, 1, 1, 1]);
  expect(sample(text, 'kefu_event_store_append_duration_seconds_count{adapter="scripted"}')).toBe(4);
  expect(sample(text, 'kefu_event_store_read_duration_seconds_count{adapter="scripted",op="read_after"}')).toBe(1);
  expect(store.kind).toBe("scripted");
});

test("kefu_backend_up reads the readiness probes at scrape time: 1 up, 0 down", async () => {
  const registry = new Registry();
  let redisOk = true;
  registerBackendGauges(registry, {
    readiness: async (): Promise<ReadinessReport> => ({
      ok: redisOk,
      backends: { eventStore: { ok: true, kind: "sqlite" }, bus: { ok: redisOk, kind: "redis" } },
    }),
  });
  const up = async () => {
    const text = await registry.metrics();
    return [
      sample(text, 'kefu_backend_up{backend="eventStore",kind="sqlite"}'),
      sample(text, 'kefu_backend_up{backend="bus",kind="redis"}'),
    ];
  };
  expect(await up()).toEqual([1, 1]);
  redisOk = false;
  expect(await up()).toEqual([1, 0]);
});

test("group commits feed the batch-size and commit-time histograms, failed ones under result=failed", async () => {
  const registry = new Registry();
  let listener: ((info: CommitInfo) => void) | undefined;
  registerCommitMetrics(registry, { onEventStoreCommit: (fn) => (listener = fn) }, "sqlite");
  listener?.({ events: 3, ms: 2, ok: true });
  listener?.({ events: 40, ms: 12, ok: true });
  listener?.({ events: 5, ms: 1000, ok: false });
  const text = await registry.metrics();
  expect(text).toContain('kefu_event_store_batch_events_count{adapter="sqlite",result="ok"} 2');
  expect(text).toContain('kefu_event_store_batch_events_sum{adapter="sqlite",result="ok"} 43');
  expect(text).toContain('kefu_event_store_batch_events_sum{adapter="sqlite",result="failed"} 5');
  expect(text).toContain('kefu_event_store_commit_duration_seconds_sum{adapter="sqlite",result="failed"} 1');
});

test("failed reads are counted by operation and error code, and still reach the caller", async () => {
  const registry = new Registry();
  const down = new KefuError("store_unavailable", "PostgreSQL is down", { status: 503, retryable: true });
  const store = instrumentEventStore(
    {
      ...scriptedStore([]),
      readAfter: async () => {
        throw down;
      },
      lastSeq: async () => {
        throw new Error("boom");
      },
    },
    registry,
  );
  await expect(store.readAfter("s1", 0, 10)).rejects.toBe(down);
  await expect(store.readAfter("s1", 0, 10)).rejects.toBe(down);
  await expect(store.lastSeq("s1")).rejects.toThrow("boom");
  const text = await registry.metrics();
  expect(text).toContain(
    'kefu_event_store_read_errors_total{adapter="scripted",op="read_after",code="store_unavailable"} 2',
  );
  expect(text).toContain('kefu_event_store_read_errors_total{adapter="scripted",op="last_seq",code="error"} 1');
});
