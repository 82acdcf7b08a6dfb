import { describe, expect, test } from "bun:test";
import { KefuError } from "../errors.ts";
import { createDelivery, type OutboundMessage } from "./delivery.ts";
import { openChannelStore } from "./store.sqlite.ts";

const store = openChannelStore(":memory:");

const msg = (sessionId: string, seq: number): OutboundMessage => ({
  channel: "webhook:shop",
  userId: "u1",
  tenantId: "t1",
  sessionId,
  seq,
  text: `m${seq}`,
  actor: "bot",
  atUnixMs: 0,
});

function setup(opts: { maxAttempts?: number; maxPending?: number; random?: () => number } = {}) {
  const delays: number[] = [];
  const s = openChannelStore(":memory:");
  const d = createDelivery({
    store: s,
    maxAttempts: opts.maxAttempts ?? 5,
    baseDelayMs: 100,
    maxDelayMs: 1000,
    ...(opts.maxPending ? { maxPending: opts.maxPending } : {}),
    sleep: async (ms) => {
      delays.push(ms);
    },
    random: opts.random ?? (() => 0.999),
  });
  return { d, s, delays };
}

describe("outbound delivery", () => {
  test("retries retryable failures with capped exponential backoff and jitter, then delivers", async () => {
    const { d, s, delays } = setup();
    let calls = 0;
    const got: number[] = [];
    d.enqueue(
      {
        async send(m) {
          calls++;
          if (calls <= 4) throw new KefuError("delivery_failed", "down", { retryable: true });
          got.push(m.seq);
        },
      },
      msg("s1", 1),
    );
    await d.idle();
    expect(got).toEqual([1]);
    // random 0.999 × min(1000, 100 × 2^(n-1)): 99, 199, 399, 799
    expect(delays).toEqual([99, 199, 399, 799]);
    expect(await s.deadLetters(10)).toEqual([]);
    expect(d.pending).toBe(0);
  });

  test("jitter draws below the cap (full jitter)", async () => {
    const { d, delays } = setup({ random: () => 0.5, maxAttempts: 8 });
    d.enqueue(
      {
        async send() {
          throw new KefuError("x", "down", { retryable: true });
        },
      },
      msg("s1", 1),
    );
    await d.idle();
    expect(delays).toEqual([50, 100, 200, 400, 500, 500, 500]);
  });

  test("dead-letters after the last attempt, and at once for a permanent failure", async () => {
    const { d, s } = setup({ maxAttempts: 3 });
    d.enqueue(
      {
        async send() {
          throw new KefuError("delivery_failed", "HTTP 503", { retryable: true });
        },
      },
      msg("s1", 1),
    );
    d.enqueue(
      {
        async send() {
          throw new KefuError("delivery_failed", "HTTP 410", { retryable: false });
        },
      },
      msg("s2", 7),
    );
    await d.idle();
    const dead = (await s.deadLetters(10)).map((x) => [x.sessionId, x.seq, x.attempts, x.error]);
    expect(dead).toContainEqual(["s1", 1, 3, "delivery_failed: HTTP 503"]);
    expect(dead).toContainEqual(["s2", 7, 1, "delivery_failed: HTTP 410"]);
  });

  test("keeps each session's order while an earlier message is retried", async () => {
    const { d } = setup();
    const got: number[] = [];
    let failFirst = 2;
    const sender = {
      async send(m: OutboundMessage) {
        if (m.seq === 1 && failFirst-- > 0) throw new KefuError("x", "down", { retryable: true });
        got.push(m.seq);
      },
    };
    for (const seq of [1, 2, 3]) d.enqueue(sender, msg("s1", seq));
    await d.idle();
    expect(got).toEqual([1, 2, 3]);
  });

  test("is bounded: beyond maxPending a message is dead-lettered as queue_full", async () => {
    const { d, s } = setup({ maxPending: 2 });
    let release = () => {};
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const sender = { send: () => gate };
    for (const seq of [1, 2, 3]) d.enqueue(sender, msg("s1", seq));
    expect(d.pending).toBe(2);
    expect((await s.deadLetters(10)).map((x) => [x.seq, x.error.split(":")[0]])).toEqual([[3, "queue_full"]]);
    release();
    await d.idle();
    expect(d.pending).toBe(0);
  });
});

describe("channel store", () => {
  test("keeps bindings by (channel, user) and finds them by session", async () => {
    await store.bind("webhook:a", "u1", { tenantId: "t", sessionId: "s1", visitorId: "v1" });
    await store.bind("webhook:b", "u1", { tenantId: "t", sessionId: "s2", visitorId: "v2" });
    expect((await store.binding("webhook:a", "u1"))?.sessionId).toBe("s1");
    expect(await store.bySession("s2")).toEqual({ channel: "webhook:b", userId: "u1" });
    await store.bind("webhook:a", "u1", { tenantId: "t", sessionId: "s3", visitorId: "v1" });
    expect((await store.binding("webhook:a", "u1"))?.sessionId).toBe("s3");
    expect(await store.binding("webhook:a", "u2")).toBeUndefined();
  });
});
