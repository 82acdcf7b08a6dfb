/**
 * Session events across nodes, without gaps: publishes stored events on the Bus
 * (topic `ev:<session>`, payload the protobuf event) and, on the receiving side,
 * delivers each followed session's events exactly once and in `seq` order.
 *
 * Pub/sub loses what is published while a subscriber is disconnected. The relay
 * notices in two ways and repairs from history (HotHistory when it holds the
 * whole gap, else the EventStore):
 * - a jump: an event arrives with `seq > last + 1` → the missing range is fetched,
 *   and events arriving meanwhile wait, then everything is delivered in order;
 * - a lost tail: after the bus re-subscribed (wire `onResubscribed` to `resync`),
 *   every followed session is read after its last delivered seq.
 * Duplicates (`seq ≤ last`) are dropped. `onRepair` reports each repair with the
 * range it filled, for metrics and tests.
 *
 * The engine's order makes repair sound: an event is appended to the EventStore
 * and pushed to HotHistory before it is published, so whatever a subscriber
 * missed can be read back.
 *
 * @example
 *   let relay: SessionRelay;
 *   const bus = await createRedisBus({ url, onResubscribed: () => void relay.resync() });
 *   relay = createSessionRelay({ bus, hot, store, deliver: (e) => hub.session(e.sessionId, { deliver: { event: toProto(e) } }) });
 *   await relay.follow("s1", 0);
 *   await relay.publish(event); // after the append and the HotHistory push
 */
import { decodeEvent, encodeEvent, type SessionEvent } from "../events.ts";
import type { HotHistory } from "../history/hot-history.ts";
import type { EventStore } from "../storage/event-store.ts";
import type { Bus } from "./bus.ts";

/** One repair: the range of seqs it delivered and where they came from. */
export interface RepairInfo {
  sessionId: string;
  reason: "jump" | "resubscribed";
  /** First seq that was missing (`last delivered + 1`). */
  fromSeq: number;
  /** Last seq filled from history (`fromSeq - 1` when nothing was missing). */
  toSeq: number;
  source: "hot" | "store";
}

/** Options of `createSessionRelay`. */
export interface SessionRelayOptions {
  bus: Bus;
  hot: HotHistory;
  store: Pick<EventStore, "readAfter">;
  /** Receives every followed session's events, once each, in seq order. */
  deliver(event: SessionEvent): void;
  /** Most events one repair reads. Default 10_000. */
  maxRepairEvents?: number;
  /** Most events held per session while a hole is repaired; beyond it the hole is skipped. Default 10_000. */
  maxPendingEvents?: number;
  onRepair?(info: RepairInfo): void;
  /** A failed repair read (it is retried on the next event or resync). */
  onError?(error: unknown, sessionId: string): void;
}

/** The relay. */
export interface SessionRelay {
  /** Publishes a stored event to every node following its session. */
  publish(event: SessionEvent): Promise<void>;
  /** Starts delivering `sessionId`'s events after `lastSeq` (earlier ones are the caller's). */
  follow(sessionId: string, lastSeq: number): Promise<void>;
  unfollow(sessionId: string): Promise<void>;
  /** Reads every followed session after its last delivered seq (call after a re-subscribe). */
  resync(): Promise<void>;
  /** Last seq delivered for a followed session. */
  lastSeq(sessionId: string): number | undefined;
}

interface Follow {
  last: number;
  pending: SessionEvent[];
  repairing: Promise<void> | undefined;
  off: () => Promise<void>;
}

/** Creates a relay on `bus`. */
export function createSessionRelay(opts: SessionRelayOptions): SessionRelay {
  const follows = new Map<string, Follow>();
  const maxRepair = opts.maxRepairEvents ?? 10_000;
  const maxPending = opts.maxPendingEvents ?? 10_000;
  const topic = (sessionId: string) => `ev:${sessionId}`;

  const read = async (
    sessionId: string,
    after: number,
  ): Promise<{ events: SessionEvent[]; source: "hot" | "store" }> => {
    const hot = await opts.hot.after(sessionId, after);
    if (hot.complete) return { events: hot.events, source: "hot" };
    return { events: await opts.store.readAfter(sessionId, after, maxRepair), source: "store" };
  };

  const drain = (f: Follow) => {
    f.pending.sort((a, b) => a.seq - b.seq);
    while (f.pending.length > 0 && (f.pending[0] as SessionEvent).seq <= f.last + 1) {
      const e = f.pending.shift() as SessionEvent;
      if (e.seq <= f.last) continue;
      f.last = e.seq;
      opts.deliver(e);
    }
  };

  const repair = (sessionId: string, f: Follow, reason: RepairInfo["reason"]): Promise<void> => {
    if (f.repairing) return f.repairing;
    f.repairing = (async () => {
      const fromSeq = f.last + 1;
      let readOk = false;
      try {
        const { events, source } = await read(sessionId, f.last);
        readOk = true;
        if (follows.get(sessionId) !== f) return;
        let toSeq = fromSeq - 1;
        for (const e of events) {
          if (e.seq <= f.last) continue;
          f.last = e.seq;
          toSeq = e.seq;
          opts.deliver(e);
        }
        opts.onRepair?.({ sessionId, reason, fromSeq, toSeq, source });
      } catch (e) {
        opts.onError?.(e, sessionId);
      } finally {
        f.repairing = undefined;
      }
      const first = f.pending.reduce<SessionEvent | undefined>((m, e) => (m && m.seq <= e.seq ? m : e), undefined);
      if (first && first.seq > f.last + 1 && (readOk || f.pending.length > maxPending)) {
        // History has nothing for the hole (or too much waits): skip it rather than stall the session.
        opts.onError?.(new Error(`events ${f.last + 1}..${first.seq - 1} could not be repaired`), sessionId);
        f.last = first.seq - 1;
      }
      // Events that came during the repair: deliver what is now in order; a failed read retries on the next event.
      if (first && first.seq <= f.last + 1) drain(f);
      if (readOk && f.pending.length > 0 && follows.get(sessionId) === f) void repair(sessionId, f, "jump");
    })();
    return f.repairing;
  };

  const onEvent = (sessionId: string, f: Follow, e: SessionEvent) => {
    if (e.seq <= f.last) return; // duplicate
    if (e.seq === f.last + 1 && !f.repairing && f.pending.length === 0) {
      f.last = e.seq;
      opts.deliver(e);
      return;
    }
    f.pending.push(e);
    if (!f.repairing) void repair(sessionId, f, "jump");
  };

  return {
    async publish(event) {
      await opts.bus.publish(topic(event.sessionId), encodeEvent(event));
    },
    async follow(sessionId, lastSeq) {
      if (follows.has(sessionId)) return;
      const f: Follow = { last: lastSeq, pending: [], repairing: undefined, off: async () => {} };
      follows.set(sessionId, f);
      f.off = await opts.bus.subscribe(topic(sessionId), (payload) => {
        let e: SessionEvent;
        try {
          e = decodeEvent(payload);
        } catch (err) {
          opts.onError?.(err, sessionId);
          return;
        }
        onEvent(sessionId, f, e);
      });
    },
    async unfollow(sessionId) {
      const f = follows.get(sessionId);
      if (!f) return;
      follows.delete(sessionId);
      await f.off();
    },
    async resync() {
      await Promise.all([...follows].map(([id, f]) => repair(id, f, "resubscribed")));
    },
    lastSeq: (sessionId) => follows.get(sessionId)?.last,
  };
}
