/**
 * Driver process for the `ws-chat` scenario: every connection sends one chat
 * message per period, the sends of all connections (across all drivers) spread
 * evenly over the period, and records send → ack and send → deliver latency
 * (each sender is subscribed to its own session / room, so it receives its own
 * message back as a delivery). The same logic drives kefu, the bare baseline
 * and Socket.IO; only the client adapter differs.
 *
 * @example
 *   await d.call("open", { proto: "kefu", url, n: 5000 });
 *   const r = await d.call("run", { total: 10000, offset: 0, seconds: 30, warmup: 5, periodMs: 1000 });
 */

import { Fleet } from "./fleet.ts";
import { Histogram, type HistogramJSON } from "./histogram.ts";
import { driverIndex, serveDriver } from "./ipc.ts";

/** Argument of `run`. */
export interface ChatRunArg {
  /** Connections across all drivers (for the send phase of each). */
  total: number;
  /** Global index of this driver's first connection. */
  offset: number;
  seconds: number;
  warmup: number;
  periodMs: number;
  /** How long to wait for the last acks after the sends stop, ms. */
  drainMs?: number;
}

/** What `run` returns. */
export interface ChatRunResult {
  sent: number;
  /** Sends in the measured window, and how many of those got an ack / a delivery. */
  measured: number;
  acked: number;
  delivered: number;
  /** Acks and deliveries that arrived inside the measured window (for rates). */
  acksInWindow: number;
  deliversInWindow: number;
  windowMs: number;
  ack: HistogramJSON;
  deliver: HistogramJSON;
  /** How late sends left versus their schedule, ms (driver overload shows here). */
  lag: HistogramJSON;
  errors: number;
  firstError: string;
}

const fleet = new Fleet();
const { index: me } = driverIndex();
const TEXT = "hello from the kefu benchmark visitor, how are you?";

async function run(a: ChatRunArg): Promise<ChatRunResult> {
  const n = fleet.clients.length;
  const ackPending = new Map<string, number>();
  const deliverPending = new Map<string, number>();
  const ack = new Histogram();
  const deliver = new Histogram();
  const lag = new Histogram();
  let measuredFrom = Number.POSITIVE_INFINITY;
  let measuredTo = Number.POSITIVE_INFINITY;
  let acksInWindow = 0;
  let deliversInWindow = 0;
  const inWindow = (t: number) => t >= measuredFrom && t < measuredTo;
  // Connections were opened with `fleet.events` below, which forwards to these hooks.
  hooks.ack = (id) => {
    const now = performance.now();
    const t = ackPending.get(id);
    if (t === undefined) return;
    ackPending.delete(id);
    ack.record(now - t);
    if (inWindow(now)) acksInWindow++;
  };
  hooks.deliver = (id) => {
    const now = performance.now();
    const t = deliverPending.get(id);
    if (t === undefined) return;
    deliverPending.delete(id);
    deliver.record(now - t);
    if (inWindow(now)) deliversInWindow++;
  };
  const errors0 = fleet.errors;
  const t0 = performance.now();
  measuredFrom = t0 + a.warmup * 1000;
  measuredTo = measuredFrom + a.seconds * 1000;
  let sent = 0;
  let measured = 0;
  let k = 0; // next connection to send, in phase order
  let round = 0;
  const due = (i: number, r: number) => t0 + r * a.periodMs + ((a.offset + i) / a.total) * a.periodMs;
  while (n > 0) {
    const now = performance.now();
    if (now >= measuredTo) break;
    while (due(k, round) <= now) {
      const c = fleet.clients[k];
      if (c) {
        const id = `${me}.${k}.${round}`;
        const at = performance.now();
        if (at >= measuredFrom) {
          ackPending.set(id, at);
          deliverPending.set(id, at);
          lag.record(at - due(k, round));
          measured++;
        }
        c.send(id, TEXT);
        sent++;
      }
      if (++k === n) {
        k = 0;
        round++;
      }
    }
    await Bun.sleep(1);
  }
  const end = performance.now() + (a.drainMs ?? 5_000);
  while ((ackPending.size > 0 || deliverPending.size > 0) && performance.now() < end) await Bun.sleep(20);
  return {
    sent,
    measured,
    acked: measured - ackPending.size,
    delivered: measured - deliverPending.size,
    acksInWindow,
    deliversInWindow,
    windowMs: measuredTo - measuredFrom,
    ack: ack.toJSON(),
    deliver: deliver.toJSON(),
    lag: lag.toJSON(),
    errors: fleet.errors - errors0,
    firstError: fleet.firstError,
  };
}

/** Hooks the run installs; connections call them through `fleet.events`. */
const hooks: { ack?: (id: string) => void; deliver?: (id: string) => void } = {};
fleet.events = () => ({
  ack: (id) => hooks.ack?.(id),
  deliver: (id) => hooks.deliver?.(id),
});
const shared = fleet.handlers();
serveDriver({ ...shared, run: (a: ChatRunArg) => run(a) });
