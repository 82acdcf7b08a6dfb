/**
 * Feeds the console store from the session log: `withConsoleIndex(store, consoleStore)`
 * wraps an EventStore so every durable, non-duplicate append is also queued for the
 * transcript index and the session facts. The append (and so the sender's ack) never
 * waits for the index: queued events are written in batches of at most `BATCH`, `delayMs`
 * after the first of them was queued (sooner when a batch is full, or on `flush`): one
 * transaction per batch, because each commit of the full-text index costs far more than a
 * row (10,000 messages/s: 10 % of a core with a commit per event-loop turn). The queue
 * holds at most `maxQueued` events; past that, events are dropped, counted (`dropped`)
 * and logged, and search misses them (the session log is intact).
 * A failed batch write is retried once, then dropped the same way.
 *
 * @example
 *   const indexed = withConsoleIndex(eventStore, consoleStore, { logger });
 *   createConversationService({ store: indexed.store, ... });
 *   await indexed.flush(); // tests: wait until the index has every queued event
 */
import type { SessionEvent } from "../events.ts";
import type { Logger } from "../logger.ts";
import { type EventStore, tapAppends } from "../storage/event-store.ts";
import type { ConsoleStore } from "./console-store.ts";

/** Most events per index write. */
export const BATCH = 2_000;

/** Options of `withConsoleIndex`. */
export interface ConsoleIndexOptions {
  logger?: Logger;
  /** Bound of the queue, events (default 50,000). */
  maxQueued?: number;
  /** How long the first queued event waits for others before a write, ms (default 100): search lags by as much. */
  delayMs?: number;
}

/** The wrapped store and the queue's controls. */
export interface ConsoleIndexing {
  store: EventStore;
  /** Resolves when every event queued so far is written (or dropped). */
  flush(): Promise<void>;
  /** Events dropped (queue full or write failed twice). */
  readonly dropped: number;
  /** Events waiting now. */
  readonly queued: number;
}

/** Wraps `inner`; see the module doc. */
export function withConsoleIndex(
  inner: EventStore,
  consoleStore: ConsoleStore,
  opts: ConsoleIndexOptions = {},
): ConsoleIndexing {
  const max = opts.maxQueued ?? 50_000;
  const delayMs = opts.delayMs ?? 100;
  let queue: SessionEvent[] = [];
  let dropped = 0;
  let running: Promise<void> | undefined;
  /** Ends the current wait early (a full batch, or flush). */
  let wake: (() => void) | undefined;
  const drop = (n: number, why: string, error?: unknown) => {
    dropped += n;
    opts.logger?.warn("console index dropped events", { events: n, why, error });
  };
  const run = async () => {
    while (queue.length > 0) {
      const batch = queue.slice(0, BATCH);
      queue = queue.slice(batch.length);
      try {
        await consoleStore.index(batch);
      } catch {
        try {
          await consoleStore.index(batch);
        } catch (error) {
          drop(batch.length, "write failed", error);
        }
      }
    }
  };
  const kick = (now = false) => {
    if (running) {
      if (now) wake?.();
      return;
    }
    running = new Promise<void>((resolve) => {
      const fire = () => {
        clearTimeout(timer);
        wake = undefined;
        resolve();
      };
      const timer = setTimeout(fire, now ? 0 : delayMs);
      wake = fire;
    })
      .then(run)
      .finally(() => {
        running = undefined;
        if (queue.length > 0) kick();
      });
  };
  const store: EventStore = tapAppends(
    inner,
    (e) => {
      if (queue.length >= max) drop(1, "queue full");
      else {
        queue.push(e);
        kick(queue.length >= BATCH);
      }
    },
    () => {},
  );
  return {
    store,
    async flush() {
      while (running || queue.length > 0) {
        kick(true);
        await running;
      }
    },
    get dropped() {
      return dropped;
    },
    get queued() {
      return queue.length;
    },
  };
}
