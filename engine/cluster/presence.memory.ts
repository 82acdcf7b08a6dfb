/**
 * Presence and seats in process memory: the single-node default. Use the Redis
 * adapters (presence.redis.ts) for more than one node.
 *
 * @example
 *   const seats = createMemorySeatStore();
 *   const presence = createMemoryPresence({ clock: systemClock });
 */
import { type Clock, systemClock } from "../clock.ts";
import { checkTtl } from "./ownership.ts";
import { type PresenceStore, type SeatRecord, type SeatStore, versionConflict } from "./presence.ts";

interface StoredSeat {
  tenantId: string;
  groups: string[];
  capacity: number;
  state: SeatRecord["state"];
  version: number;
  sessions: Set<string>;
}

/** Creates the in-memory SeatStore. */
export function createMemorySeatStore(): SeatStore {
  const seats = new Map<string, StoredSeat>();
  return {
    kind: "memory",
    async get(agentId) {
      const s = seats.get(agentId);
      if (!s) return undefined;
      return {
        agentId,
        tenantId: s.tenantId,
        groups: [...s.groups],
        capacity: s.capacity,
        state: s.state,
        version: s.version,
        sessions: [...s.sessions],
      };
    },
    async put(agentId, seat, expectedVersion) {
      const cur = seats.get(agentId);
      const version = cur?.version ?? 0;
      if (version !== expectedVersion) throw versionConflict(agentId, version, expectedVersion);
      const next: StoredSeat = {
        tenantId: seat.tenantId,
        groups: [...seat.groups],
        capacity: seat.capacity,
        state: seat.state,
        version: version + 1,
        sessions: cur?.sessions ?? new Set(),
      };
      seats.set(agentId, next);
      return next.version;
    },
    async assign(agentId, sessionId) {
      const s = seats.get(agentId);
      if (!s) return "not_found";
      if (s.sessions.has(sessionId)) return "already";
      if (s.state !== "online") return "not_online";
      if (s.sessions.size >= s.capacity) return "full";
      s.sessions.add(sessionId);
      return "assigned";
    },
    async release(agentId, sessionId) {
      return seats.get(agentId)?.sessions.delete(sessionId) ?? false;
    },
    async remove(agentId) {
      const s = seats.get(agentId);
      seats.delete(agentId);
      return s ? [...s.sessions] : [];
    },
    async ping() {},
    async close() {
      seats.clear();
    },
  } satisfies SeatStore;
}

/** Options of the in-memory PresenceStore. */
export interface MemoryPresenceOptions {
  clock?: Clock;
}

/** Creates the in-memory PresenceStore. */
export function createMemoryPresence(opts: MemoryPresenceOptions = {}): PresenceStore {
  const clock = opts.clock ?? systemClock;
  const members = new Map<string, Map<string, number>>(); // member → node → expires at
  return {
    kind: "memory",
    async heartbeat(member, nodeId, ttlMs) {
      checkTtl(ttlMs);
      let nodes = members.get(member);
      if (!nodes) {
        nodes = new Map();
        members.set(member, nodes);
      }
      nodes.set(nodeId, clock.now() + ttlMs);
    },
    async leave(member, nodeId) {
      const nodes = members.get(member);
      nodes?.delete(nodeId);
      if (nodes?.size === 0) members.delete(member);
    },
    async nodesOf(member) {
      const nodes = members.get(member);
      if (!nodes) return [];
      const now = clock.now();
      for (const [n, at] of nodes) if (at <= now) nodes.delete(n);
      if (nodes.size === 0) members.delete(member);
      return [...nodes.keys()].sort();
    },
    async ping() {},
    async close() {
      members.clear();
    },
  } satisfies PresenceStore;
}
