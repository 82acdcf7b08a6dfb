/**
 * Outbound delivery of a session's bot and agent messages to the channel they came
 * from: in order per session, retried on retryable failures with bounded
 * exponential backoff and full jitter, dead-lettered (engine/channels/store) after
 * the last attempt or at once for a permanent failure.
 *
 * Bounds: at most `maxPending` messages wait at once (more are dead-lettered with
 * `queue_full`); at most `maxAttempts` tries per message; a wait never exceeds
 * `maxDelayMs`. Delays are drawn as `random() × min(maxDelayMs, baseDelayMs × 2^(attempt-1))`.
 *
 * @example
 *   const d = createDelivery({ store, maxAttempts: 5, baseDelayMs: 500, maxDelayMs: 30_000 });
 *   d.enqueue(adapter, { channel: "webhook:shop", userId: "u1", sessionId, seq: 3, text: "hi", actor: "bot", atUnixMs: 0 });
 *   await d.idle();
 */
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { Logger } from "../logger.ts";
import type { ChannelStore } from "./store.sqlite.ts";

/** A bot or agent message on its way to a channel user. */
export interface OutboundMessage {
  /** `<kind>:<name>`, e.g. `webhook:shop` or `wechat:gh_123`. */
  channel: string;
  userId: string;
  tenantId: string;
  sessionId: string;
  seq: number;
  text: string;
  actor: "bot" | "agent";
  atUnixMs: number;
}

/** Something that can send a message to one kind of channel; throws KefuError (`retryable` decides a retry). */
export interface OutboundSender {
  send(m: OutboundMessage): Promise<void>;
  /** False: this message has nowhere to go (e.g. its channel has no outbound URL): it is not queued. */
  accepts?(m: OutboundMessage): boolean | Promise<boolean>;
}

/** Options of `createDelivery`. */
export interface DeliveryOptions {
  store: ChannelStore;
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Most messages waiting or in flight (default 10 000). */
  maxPending?: number;
  clock?: Clock;
  /** Waits `ms`; tests pass one that records the delay and returns at once. */
  sleep?: (ms: number) => Promise<void>;
  /** In [0, 1); the jitter. */
  random?: () => number;
  logger?: Logger;
  /** Called after each try: delivered, retried (a retry follows) or dead (dead-lettered). */
  onOutcome?: (m: OutboundMessage, outcome: "delivered" | "retried" | "dead", attempts: number) => void;
}

/** The delivery queue. */
export interface Delivery {
  enqueue(sender: OutboundSender, m: OutboundMessage): void;
  /** Resolves when nothing is pending. */
  idle(): Promise<void>;
  readonly pending: number;
}

/**
 * Creates the delivery queue (see the module doc).
 *
 * @example
 *   const d = createDelivery({ store, maxAttempts: 3, baseDelayMs: 10, maxDelayMs: 100, sleep: async () => {} });
 */
export function createDelivery(opts: DeliveryOptions): Delivery {
  const clock = opts.clock ?? systemClock;
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const random = opts.random ?? Math.random;
  const maxPending = opts.maxPending ?? 10_000;
  const chains = new Map<string, Promise<void>>();
  let pending = 0;

  const dead = async (m: OutboundMessage, attempts: number, error: string): Promise<void> => {
    await opts.store.deadLetter({
      channel: m.channel,
      userId: m.userId,
      tenantId: m.tenantId,
      sessionId: m.sessionId,
      seq: m.seq,
      actor: m.actor,
      text: m.text,
      messageAtUnixMs: m.atUnixMs,
      attempts,
      error,
      atUnixMs: clock.now(),
    });
    opts.logger?.warn("channel delivery dead-lettered", {
      channel: m.channel,
      sessionId: m.sessionId,
      seq: m.seq,
      error,
    });
    opts.onOutcome?.(m, "dead", attempts);
  };

  async function run(sender: OutboundSender, m: OutboundMessage): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      try {
        await sender.send(m);
        opts.onOutcome?.(m, "delivered", attempt);
        return;
      } catch (e) {
        const retryable = e instanceof KefuError ? e.retryable : true;
        const why = e instanceof KefuError ? `${e.code}: ${e.message}` : String(e);
        if (!retryable || attempt >= opts.maxAttempts) return dead(m, attempt, why);
        opts.onOutcome?.(m, "retried", attempt);
        const cap = Math.min(opts.maxDelayMs, opts.baseDelayMs * 2 ** (attempt - 1));
        await sleep(Math.floor(random() * cap));
      }
    }
  }

  return {
    enqueue(sender, m) {
      if (pending >= maxPending) {
        void dead(m, 0, `queue_full: ${maxPending} deliveries pending`).catch((error) =>
          opts.logger?.error("channel dead letter not recorded", { error }),
        );
        return;
      }
      pending++;
      const prev = chains.get(m.sessionId) ?? Promise.resolve();
      const next = prev
        .then(() => run(sender, m))
        .catch((error) => opts.logger?.error("channel delivery failed", { error }))
        .finally(() => {
          pending--;
          if (chains.get(m.sessionId) === next) chains.delete(m.sessionId);
        });
      chains.set(m.sessionId, next);
    },
    async idle() {
      while (chains.size > 0) await Promise.all([...chains.values()]);
    },
    get pending() {
      return pending;
    },
  };
}
