/**
 * Presence and agent seats shared by the nodes.
 *
 * PresenceStore — who is connected where: a member (an agent, a visitor) is
 * present on a node while that node keeps calling `heartbeat` within `ttlMs`;
 * when the node dies, the entry expires by itself.
 *
 * SeatStore — the seat record of every human agent (state, capacity, groups,
 * version, held sessions) with atomic compare-and-set:
 * - `put(agentId, seat, expectedVersion)` writes only when the stored version is
 *   `expectedVersion` (0 = must not exist) and bumps it; otherwise it throws
 *   `KefuError("version_conflict", 409)` (the AgentRouter's rule for writes).
 * - `assign(agentId, sessionId)` adds a session only when the seat is "online"
 *   and below capacity, atomically, so two nodes cannot over-fill one agent.
 * - `release` removes a session; load changes do not bump the version.
 *
 * Adapters: `createMemoryPresence` / `createMemorySeatStore` (single node, the
 * default) and `createRedisPresence` / `createRedisSeatStore` (several nodes).
 *
 * How it plugs into routing: `engine/agents/routing.memory.ts` keeps the same
 * seat fields in process (`Seat` in seats.ts) and checks `expectedVersion` the
 * same way. kefu routes each tenant on its home node (tenant-homes.ts); a router
 * spread over several nodes could instead keep seats in a SeatStore:
 * `setState`/`updateAgent` become `put` with the caller's version, the pick of
 * `compareCandidates` reads candidate seats and commits with `assign` (retrying
 * the next candidate on "full"), `release`/`transfer` call `release`; queues stay
 * per owner node (see ownership.ts).
 *
 * @example
 *   await seats.put("a1", { tenantId: "t1", groups: ["sales"], capacity: 3, state: "online" }, 0); // version 1
 *   await seats.assign("a1", "s9"); // "assigned"
 *   await presence.heartbeat("agent:a1", "node-a", 30_000);
 */
import type { SeatState } from "../agents/seats.ts";
import { KefuError } from "../errors.ts";

/** The writable part of a seat. */
export interface SeatFields {
  tenantId: string;
  groups: string[];
  capacity: number;
  state: SeatState;
}

/** A stored seat. */
export interface SeatRecord extends SeatFields {
  agentId: string;
  /** Bumped by every accepted `put`. */
  version: number;
  /** Held sessions, in no particular order. */
  sessions: string[];
}

/** Outcome of `assign`. */
export type AssignResult = "assigned" | "already" | "full" | "not_online" | "not_found";

/** Seats with compare-and-set. */
export interface SeatStore {
  readonly kind: string;
  get(agentId: string): Promise<SeatRecord | undefined>;
  /** CAS write; returns the new version. Throws version_conflict (409). */
  put(agentId: string, seat: SeatFields, expectedVersion: number): Promise<number>;
  assign(agentId: string, sessionId: string): Promise<AssignResult>;
  /** True when the session was held. */
  release(agentId: string, sessionId: string): Promise<boolean>;
  /** Removes the seat; returns the sessions it held. */
  remove(agentId: string): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Who is present on which node. */
export interface PresenceStore {
  readonly kind: string;
  /** Marks `member` present on `nodeId` for `ttlMs` (call again before it lapses). */
  heartbeat(member: string, nodeId: string, ttlMs: number): Promise<void>;
  /** Marks `member` gone from `nodeId` at once. */
  leave(member: string, nodeId: string): Promise<void>;
  /** Nodes `member` is present on now, sorted. */
  nodesOf(member: string): Promise<string[]>;
  ping(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The conflict error of `put`.
 *
 * @example
 *   throw versionConflict("a1", 3, 2);
 */
export function versionConflict(agentId: string, current: number, expected: number): KefuError {
  return new KefuError(
    "version_conflict",
    current === 0
      ? `agent ${agentId} does not exist (expected version ${expected}): reload and retry`
      : `agent ${agentId} is at version ${current}, not ${expected}: reload and retry`,
    { status: 409 },
  );
}
