/**
 * Bus inside one process. The embedded default: single node only
 * (use the Redis bus for more than one node).
 *
 * @example
 *   const bus = createMemoryBus({ onHandlerError: (e) => log.warn("bus handler failed", { e }) });
 */
import type { Bus, BusHandler } from "./bus.ts";

/** Options of the in-process bus. */
export interface MemoryBusOptions {
  /** Called when a handler throws; the default ignores the error. */
  onHandlerError?: (error: unknown, topic: string) => void;
}

/** Creates the in-process adapter. */
export function createMemoryBus(opts: MemoryBusOptions = {}): Bus {
  const topics = new Map<string, Set<BusHandler>>();
  let closed = false;

  return {
    kind: "memory",
    async publish(topic, payload) {
      if (closed) throw new Error("bus is closed");
      const handlers = topics.get(topic);
      if (!handlers || handlers.size === 0) return;
      const snapshot = [...handlers];
      queueMicrotask(() => {
        for (const h of snapshot) {
          // Skip handlers that unsubscribed between publish and delivery.
          if (!topics.get(topic)?.has(h)) continue;
          try {
            h(payload, topic);
          } catch (e) {
            opts.onHandlerError?.(e, topic);
          }
        }
      });
    },
    async subscribe(topic, handler) {
      if (closed) throw new Error("bus is closed");
      let set = topics.get(topic);
      if (!set) {
        set = new Set();
        topics.set(topic, set);
      }
      // A wrapper makes every subscription distinct, even with the same handler function.
      const h: BusHandler = (p, t) => handler(p, t);
      set.add(h);
      return async () => {
        const s = topics.get(topic);
        if (!s) return;
        s.delete(h);
        if (s.size === 0) topics.delete(topic);
      };
    },
    async ping() {
      if (closed) throw new Error("bus is closed");
    },
    async close() {
      closed = true;
      topics.clear();
    },
  } satisfies Bus;
}
