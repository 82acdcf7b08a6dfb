/**
 * HotHistory in process memory: a ring of recent events per session.
 * The embedded default; single node only (use Redis Streams for more than one).
 *
 * @example
 *   const hot = createMemoryHotHistory({ perSession: 512, maxSessions: 100_000 });
 */
import type { SessionEvent } from "../events.ts";
import type { HotHistory } from "./hot-history.ts";

/** Bounds of the in-memory HotHistory. */
export interface MemoryHotHistoryOptions {
  perSession: number;
  maxSessions?: number;
}

/**
 * A bounded ring of events in seq order. Storage grows with use (most sessions hold a
 * handful of events), up to `capacity`, then the oldest is overwritten.
 */
class Ring {
  private buf: SessionEvent[] = [];
  private start = 0;
  constructor(readonly capacity: number) {}
  get size(): number {
    return this.buf.length;
  }
  newest(): SessionEvent | undefined {
    const n = this.buf.length;
    return n === 0 ? undefined : this.buf[(this.start + n - 1) % n];
  }
  at(i: number): SessionEvent {
    return this.buf[(this.start + i) % this.buf.length] as SessionEvent;
  }
  push(e: SessionEvent): void {
    if (this.buf.length < this.capacity) {
      this.buf.push(e); // start stays 0 until the ring is full
    } else {
      this.buf[this.start] = e;
      this.start = (this.start + 1) % this.capacity;
    }
  }
}

/** Creates the in-memory adapter. */
export function createMemoryHotHistory(opts: MemoryHotHistoryOptions): HotHistory {
  if (!Number.isInteger(opts.perSession) || opts.perSession < 1)
    throw new RangeError("perSession must be an integer ≥ 1");
  const maxSessions = opts.maxSessions ?? 100_000;
  // Map iteration order is insertion order: re-inserting on write keeps it LRU-by-write.
  const sessions = new Map<string, Ring>();

  return {
    kind: "memory",
    async push(e) {
      let ring = sessions.get(e.sessionId);
      if (ring) {
        sessions.delete(e.sessionId);
      } else {
        ring = new Ring(opts.perSession);
        if (sessions.size >= maxSessions) {
          const oldest = sessions.keys().next().value;
          if (oldest !== undefined) sessions.delete(oldest);
        }
      }
      sessions.set(e.sessionId, ring);
      const newest = ring.newest();
      if (newest && e.seq <= newest.seq) return;
      ring.push(e);
    },
    async after(sessionId, lastSeq) {
      const ring = sessions.get(sessionId);
      if (!ring || ring.size === 0) return { events: [], complete: false };
      const events: SessionEvent[] = [];
      for (let i = 0; i < ring.size; i++) {
        const e = ring.at(i);
        if (e.seq > lastSeq) events.push(e);
      }
      const newest = ring.newest() as SessionEvent;
      if (newest.seq <= lastSeq) return { events: [], complete: true };
      // Complete when the first held event after lastSeq is exactly lastSeq + 1 and the run has no holes.
      let complete = events.length > 0 && (events[0] as SessionEvent).seq === lastSeq + 1;
      for (let i = 1; complete && i < events.length; i++) {
        if ((events[i] as SessionEvent).seq !== (events[i - 1] as SessionEvent).seq + 1) complete = false;
      }
      return { events, complete };
    },
    async drop(sessionId) {
      sessions.delete(sessionId);
    },
    async ping() {},
    async close() {
      sessions.clear();
    },
  } satisfies HotHistory;
}
