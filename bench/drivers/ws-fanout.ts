/**
 * Driver process for the `ws-fanout` scenario, in one of two roles:
 *
 * - receivers (`open` + `arm` + `result`): many sockets subscribed to one topic.
 *   Most only count deliveries by the frame's first byte (no decode); the first
 *   `countFrom` decode the frame and record publish → receive latency from the
 *   sender's timestamp in the text. Only deliveries inside the armed window
 *   [from, to) (absolute ms, same clock in every process) count for the rate.
 * - sender (`send`): one socket publishing at a fixed rate, recording send → ack.
 *
 * @example
 *   await rx.call("open", { proto: "kefu", url, n: 5000, tokens: [t], countFrom: 50 });
 *   await rx.call("arm", { from, to });
 *   await tx.call("openSender", { proto: "kefu", url, token: t });
 *   await tx.call("send", { rate: 50, until: to });
 *   const r = await rx.call("result");
 */
import { type Client, connectClient, nowMs, type Proto } from "./clients.ts";
import { Fleet } from "./fleet.ts";
import { Histogram, type HistogramJSON } from "./histogram.ts";
import { serveDriver } from "./ipc.ts";

/** What a receiver process reports. */
export interface ReceiveResult {
  /** Deliveries inside the armed window. */
  inWindow: number;
  /** Every delivery since `arm`. */
  total: number;
  latency: HistogramJSON;
  open: number;
  closed: number;
  closeCodes: Record<string, number>;
}

/** Argument of `openSender`. */
export interface SenderTarget {
  proto: Proto;
  url: string;
  token?: string;
  topic?: string;
  /** kefu: send a handoff first (session → queued: no bot answers). */
  handoff?: boolean;
}

/** Argument of `send`. */
export interface SendArg {
  /** Messages per second. */
  rate: number;
  /** Absolute time (nowMs) to stop sending. */
  until: number;
  /** Characters of padding appended to each text (to match frame sizes across servers). */
  pad?: number;
}

/** What the sender reports. */
export interface SendResult {
  sent: number;
  acked: number;
  ack: HistogramJSON;
  errors: number;
  firstError: string;
  /** Achieved send rate, messages/s. */
  rate: number;
}

const fleet = new Fleet();
let from = Number.POSITIVE_INFINITY;
let to = Number.POSITIVE_INFINITY;
let armed = false;
let inWindow = 0;
let total = 0;
let latency = new Histogram();

const counted = (n: number) => {
  if (!armed) return;
  total += n;
  const t = nowMs();
  if (t >= from && t < to) inWindow += n;
};
fleet.events = () => ({
  deliverRaw: counted,
  deliver: (_id, text) => {
    if (!armed) return;
    total++;
    const t = nowMs();
    if (t >= from && t < to) {
      inWindow++;
      const sentAt = Number.parseFloat(text);
      if (Number.isFinite(sentAt)) latency.record(t - sentAt);
    }
  },
});

/** The sender's connection, opened before the receivers are armed (a kefu visitor socket publishes presence). */
let sender: Client | undefined;
let pending = new Map<string, number>();
let ack = new Histogram();
let acked = 0;
let errors = 0;
let firstError = "";

async function openSender(a: SenderTarget): Promise<void> {
  sender = await connectClient(
    a.proto,
    { url: a.url, ...(a.token ? { token: a.token } : {}), ...(a.topic ? { topic: a.topic } : {}) },
    {
      ack: (id) => {
        const t = pending.get(id);
        if (t === undefined) return;
        pending.delete(id);
        acked++;
        ack.record(performance.now() - t);
      },
      error: (m) => {
        errors++;
        firstError ||= m;
      },
    },
    { count: true },
  );
  // kefu: hand the session to the (empty) human queue, so no bot answers the sender's messages.
  if (a.handoff && sender.frame) {
    sender.frame({ handoff: { group: "default", reason: "benchmark" } });
    await Bun.sleep(500);
  }
}

async function send(a: SendArg): Promise<SendResult> {
  const c = sender;
  if (!c) throw new Error("openSender first");
  pending = new Map();
  ack = new Histogram();
  acked = 0;
  errors = 0;
  firstError = "";
  const pad = "x".repeat(a.pad ?? 0);
  const t0 = performance.now();
  const start = nowMs();
  let sent = 0;
  while (nowMs() < a.until) {
    const due = Math.floor(((performance.now() - t0) / 1000) * a.rate);
    while (sent < due) {
      const id = `f${a.rate}.${sent}`;
      pending.set(id, performance.now());
      c.send(id, `${nowMs().toFixed(3)}:${pad}`);
      sent++;
    }
    await Bun.sleep(1);
  }
  const elapsed = (nowMs() - start) / 1000;
  const end = performance.now() + 5_000;
  while (pending.size > 0 && performance.now() < end) await Bun.sleep(10);
  return { sent, acked, ack: ack.toJSON(), errors, firstError, rate: sent / elapsed };
}

serveDriver({
  ...fleet.handlers(),
  /** Deliveries counted since `arm` (to see when they stop coming). */
  peek: () => total,
  arm: (a: { from: number; to: number }) => {
    from = a.from;
    to = a.to;
    inWindow = 0;
    total = 0;
    latency = new Histogram();
    armed = true;
  },
  result: (): ReceiveResult => {
    armed = false;
    const s = fleet.status();
    return {
      inWindow,
      total,
      latency: latency.toJSON(),
      open: s.open,
      closed: s.closed,
      closeCodes: s.closeCodes,
    };
  },
  openSender: (a: SenderTarget) => openSender(a),
  send: (a: SendArg) => send(a),
  closeSender: () => sender?.close(),
});
