/**
 * HotHistory: recent events per session, for fast replay after a reconnect.
 *
 * Contract (every adapter passes `runHotHistoryContract`):
 * - `push` keeps events in `seq` order; an event whose seq is not above the newest
 *   held one is ignored (replays and duplicates are harmless).
 * - `after(sessionId, lastSeq)` returns the held events with `seq > lastSeq`, ascending,
 *   and `complete: true` only when they are exactly the gap (`lastSeq + 1` … newest held),
 *   so the caller knows when it must fall back to the EventStore.
 * - Bounded: at most `perSession` events per session and `maxSessions` sessions;
 *   the oldest events / least recently written sessions are dropped first.
 *
 * Adapters: `createMemoryHotHistory` (embedded default, single node only) and
 * `createRedisHotHistory` (Redis Streams, shared by every node; sessions are bounded
 * by the stream TTL instead of `maxSessions`, and Redis failures answer
 * `complete: false` so the caller reads the EventStore).
 *
 * @example
 *   await hot.push(event);
 *   const { events, complete } = await hot.after("s1", 41);
 */
import type { SessionEvent } from "../events.ts";

/** What `after` returns. */
export interface HotRange {
  events: SessionEvent[];
  /** True when `events` is the whole gap after `lastSeq` up to the newest event held. */
  complete: boolean;
}

/** The hot replay buffer port. */
export interface HotHistory {
  readonly kind: string;
  push(event: SessionEvent): Promise<void>;
  after(sessionId: string, lastSeq: number): Promise<HotRange>;
  /** Forgets a session (e.g. when it closes). */
  drop(sessionId: string): Promise<void>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
