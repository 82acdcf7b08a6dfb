/**
 * Agent seats: the record the router keeps per human agent, its public view,
 * input validation, and the order in which eligible agents are picked.
 *
 * Selection order (`compareCandidates`), first difference wins:
 *   1. lowest load (sessions held) — spreads sessions evenly in absolute terms,
 *      which is what a visitor feels (one agent's attention split `load` ways);
 *   2. lowest load / capacity — among equal loads, the agent with more room;
 *   3. longest idle (smallest `idleSince`) — the agent that has waited longest;
 *   4. id, ascending — so the choice is deterministic.
 *
 * @example
 *   const best = candidates.reduce((a, b) => (compareCandidates(a, b) <= 0 ? a : b));
 */
import { KefuError } from "../errors.ts";

/** An agent's seat state. Only "online" receives new sessions; "busy" is online but paused by hand. */
export type SeatState = "online" | "busy" | "away" | "offline";

/** The seat states, in wire order (SEAT_STATE_ONLINE = 1 …). */
export const seatStates: readonly SeatState[] = ["online", "busy", "away", "offline"];

/** What `registerAgent` takes. `state` defaults to "offline". */
export interface AgentInput {
  id: string;
  tenantId: string;
  /** Skill groups the agent serves; duplicates are dropped, order is kept (it breaks no ties). */
  groups: readonly string[];
  /** Most sessions held at once, an integer ≥ 1. */
  capacity: number;
  state?: SeatState;
  /** Starting version (default 1): a node rebuilding routing after a takeover keeps the seat's version. */
  version?: number;
}

/**
 * An agent as consoles and supervisors see it. A copy: changing it changes nothing.
 *
 * @example
 *   router.getAgent("a1"); // { id: "a1", tenantId: "t1", groups: ["sales"], capacity: 3, state: "online", version: 2, load: 1, idleSince: 0, sessions: ["s9"] }
 */
export interface AgentView {
  id: string;
  tenantId: string;
  groups: string[];
  capacity: number;
  state: SeatState;
  /** Bumped by every accepted write to state, groups or capacity (not by load changes). */
  version: number;
  /** Sessions held now; may exceed `capacity` only after capacity was lowered. */
  load: number;
  /** Clock ms when its load last dropped to 0 or it came online (registered online, or set online). */
  idleSince: number;
  /** Ids of the sessions it holds, in assignment order. */
  sessions: string[];
}

/**
 * The router's mutable record of an agent. Internal to engine/agents.
 *
 * @example
 *   const seat: Seat = { id: "a1", tenantId: "t1", groups: ["sales"], capacity: 2, state: "online", version: 1, idleSince: 0, sessions: new Set() };
 */
export interface Seat {
  readonly id: string;
  readonly tenantId: string;
  groups: string[];
  capacity: number;
  state: SeatState;
  version: number;
  idleSince: number;
  /** Held sessions; its size is the load. Insertion order = assignment order. */
  sessions: Set<string>;
}

/**
 * True when the seat may take one more session now: online and below capacity.
 *
 * @example
 *   hasRoom({ ...seat, state: "busy" }); // false
 */
export function hasRoom(s: Seat): boolean {
  return s.state === "online" && s.sessions.size < s.capacity;
}

/**
 * Orders two eligible seats: negative when `a` should be picked before `b`.
 * Load over capacity is compared by cross-multiplying, so no floats are involved.
 *
 * @example
 *   compareCandidates(lightlyLoaded, busy); // < 0
 */
export function compareCandidates(a: Seat, b: Seat): number {
  const la = a.sessions.size;
  const lb = b.sessions.size;
  if (la !== lb) return la - lb;
  const ratio = la * b.capacity - lb * a.capacity;
  if (ratio !== 0) return ratio;
  if (a.idleSince !== b.idleSince) return a.idleSince - b.idleSince;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * A copy of the seat for the outside world.
 *
 * @example
 *   listener.agentChanged(toView(seat));
 */
export function toView(s: Seat): AgentView {
  return {
    id: s.id,
    tenantId: s.tenantId,
    groups: [...s.groups],
    capacity: s.capacity,
    state: s.state,
    version: s.version,
    load: s.sessions.size,
    idleSince: s.idleSince,
    sessions: [...s.sessions],
  };
}

/** Longest id, tenant id or group name accepted, in UTF-16 code units. */
export const maxNameLength = 256;

/**
 * Throws a 400 `invalid_request` unless `v` is a non-empty string of at most `maxNameLength`.
 *
 * @example
 *   checkName("tenantId", ""); // throws KefuError("invalid_request", 400)
 */
export function checkName(field: string, v: unknown): string {
  if (typeof v !== "string" || v.length === 0 || v.length > maxNameLength)
    throw new KefuError(
      "invalid_request",
      `${field} must be a non-empty string of at most ${maxNameLength} characters`,
      {
        status: 400,
      },
    );
  return v;
}

/**
 * Validates a capacity: an integer in [1, max]. Throws a 400 `invalid_request` otherwise.
 *
 * @example
 *   checkCapacity(0, 1000); // throws
 */
export function checkCapacity(v: unknown, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v) || v < 1 || v > max)
    throw new KefuError("invalid_request", `capacity must be an integer from 1 to ${max}`, { status: 400 });
  return v;
}

/**
 * Validates and de-duplicates a group list (0 … max names). Throws a 400 `invalid_request` otherwise.
 *
 * @example
 *   checkGroups(["sales", "sales", "vip"], 64); // ["sales", "vip"]
 */
export function checkGroups(v: unknown, max: number): string[] {
  if (!Array.isArray(v)) throw new KefuError("invalid_request", "groups must be an array of names", { status: 400 });
  const out = [...new Set(v.map((g) => checkName("group", g)))];
  if (out.length > max)
    throw new KefuError("invalid_request", `an agent may serve at most ${max} groups`, { status: 400 });
  return out;
}

/**
 * Validates a seat state. Throws a 400 `invalid_request` otherwise.
 *
 * @example
 *   checkState("lunch"); // throws
 */
export function checkState(v: unknown): SeatState {
  if (!seatStates.includes(v as SeatState))
    throw new KefuError("invalid_request", `state must be one of ${seatStates.join(", ")}`, { status: 400 });
  return v as SeatState;
}
