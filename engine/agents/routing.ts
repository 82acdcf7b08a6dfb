/**
 * Human-agent routing: seats, per-(tenant, group) FIFO queues and assignment.
 * A pure, synchronous, in-memory domain module — single node only (a later issue
 * distributes it; that version will need an async port). It does no I/O: every
 * call returns its direct outcome, and everything it caused (assignments, queue
 * positions, agent changes) is reported to an injected `RoutingListener`, which the
 * conversation engine turns into stored events and frames.
 *
 * Rules:
 * - A session is in at most one place: waiting in one queue, or held by one agent.
 * - Only "online" agents below capacity receive sessions, and only sessions of their
 *   tenant and of a group they serve (or sent to them by `transfer`).
 * - Invariant after every call: no agent that could take a session (online, below
 *   capacity) serves a group whose queue is non-empty. Capacity that frees up
 *   (release, transfer away, set online, capacity raised, group added, registered
 *   online) is filled synchronously from the queues that agent serves, oldest
 *   waiting session first across its groups, FIFO within a group.
 * - New sessions go to the best eligible agent (see `compareCandidates` in seats.ts:
 *   lowest load, then lowest load/capacity, then longest idle, then id).
 *
 * Listener contract: called synchronously at the end of each call, after the state
 * is consistent (so the listener may call the router again; those calls' events
 * follow in order). Per call, in order: every `assigned` (in the order made), then
 * `agentRemoved`, then one `agentChanged` per changed agent (its final view), then
 * one `queuePositions` batch holding only sessions whose position changed. Position
 * updates are sent for the first `positionUpdateDepth` places of a queue, plus once
 * to a newly queued session wherever it lands; a session further back hears again
 * when it advances into that window (so its last heard position may be stale by up
 * to the number of transfers placed ahead of it meanwhile). A listener that throws
 * does not stop the others; errors are counted in `stats().listenerErrors` and
 * passed to `onListenerError`.
 *
 * Costs (n = agents in the group, g = groups of an agent, k = positionUpdateDepth):
 * enqueue O(n) to pick an agent (a scan, fine for hundreds of agents per group) or
 * O(1) to queue; dequeue/release O(1) plus O(k) position updates; filling freed
 * capacity O(g + k) per session pulled; `locate` O(position).
 *
 * Session ids are unique across tenants (the engine's ids are); agent ids too.
 *
 * @example
 *   const router = createAgentRouter({ clock, listener: { assigned: (a) => engine.onAssigned(a) } });
 *   router.registerAgent({ id: "a1", tenantId: "t1", groups: ["sales"], capacity: 3, state: "online" });
 *   router.enqueue({ tenantId: "t1", sessionId: "s1", group: "sales" }); // { kind: "assigned", agentId: "a1", … }
 *   router.release("s1"); // true: a1 has room again and pulls the next waiting sales session
 */
import type { Clock } from "../clock.ts";
import type { AgentInput, AgentView, SeatState } from "./seats.ts";

/** The single-node adapter, re-exported so callers import routing from one place. */
export { createAgentRouter } from "./routing.memory.ts";
export type { AgentInput, AgentView, SeatState } from "./seats.ts";

/**
 * A session given to an agent. `waitedMs` is how long it had been waiting: since it
 * was queued (a waiting session moved to another group keeps its wait), 0 when it
 * was held by an agent just before or found an agent at once.
 *
 * @example
 *   { tenantId: "t1", sessionId: "s1", agentId: "a1", group: "sales", waitedMs: 4200 }
 */
export interface Assignment {
  tenantId: string;
  sessionId: string;
  agentId: string;
  group: string;
  waitedMs: number;
}

/**
 * A waiting session's place in its queue, 1 = next.
 *
 * @example
 *   { tenantId: "t1", sessionId: "s7", group: "sales", position: 3 }
 */
export interface QueuePositionUpdate {
  tenantId: string;
  sessionId: string;
  group: string;
  position: number;
}

/**
 * Receives what routing caused. Every method is optional. See the module comment
 * for order and timing.
 *
 * @example
 *   const listener: Partial<RoutingListener> = {
 *     assigned: (a) => frames.push({ assignment: a }),
 *     queuePositions: (ups) => ups.forEach((u) => fanout.session(u.sessionId, { queuePosition: u })),
 *   };
 */
export interface RoutingListener {
  /** A session was given to an agent (by enqueue, freed capacity or transfer). */
  assigned(a: Assignment): void;
  /** Positions that changed, 1-based; only the first `positionUpdateDepth` places plus newcomers. */
  queuePositions(updates: QueuePositionUpdate[]): void;
  /** An agent's state, capacity, groups or load changed (its view after the call). */
  agentChanged(a: AgentView): void;
  /** An agent was removed; the sessions it held were returned by `removeAgent`. */
  agentRemoved(a: { tenantId: string; agentId: string }): void;
}

/**
 * Options of `createAgentRouter`; every bound has a default.
 *
 * @example
 *   createAgentRouter({ clock: manualClock(0), maxQueuePerGroup: 500, positionUpdateDepth: 20 });
 */
export interface AgentRouterOptions {
  clock?: Clock;
  listener?: Partial<RoutingListener>;
  /** Most sessions waiting per (tenant, group); beyond it enqueue throws 503 `queue_full`. Default 10_000. */
  maxQueuePerGroup?: number;
  /** Position updates cover the first this many places of a queue. Default 100. */
  positionUpdateDepth?: number;
  /** Largest agent capacity accepted. Default 1_000. */
  maxCapacity?: number;
  /** Most groups one agent may serve. Default 64. */
  maxGroupsPerAgent?: number;
  /** Told of each error a listener threw (after it was counted). Must not throw. */
  onListenerError?: (error: unknown, method: keyof RoutingListener) => void;
}

/**
 * Where `enqueue` (or a transfer) put a session.
 *
 * @example
 *   { kind: "queued", group: "sales", position: 4 }
 */
export type EnqueueOutcome =
  | { kind: "assigned"; agentId: string; group: string; waitedMs: number }
  | { kind: "queued"; group: string; position: number };

/**
 * Where a session is now.
 *
 * @example
 *   router.locate("s1"); // { kind: "queued", tenantId: "t1", group: "sales", position: 2, enqueuedAt: 1000, waitedMs: 350 }
 */
export type SessionLocation =
  | { kind: "queued"; tenantId: string; group: string; position: number; enqueuedAt: number; waitedMs: number }
  | { kind: "assigned"; tenantId: string; group: string; agentId: string; assignedAt: number };

/**
 * Target of `transfer`: a given agent, or a group (routed like a new session, but
 * placed at the front of the queue if it must wait).
 *
 * @example
 *   router.transfer("s1", { toGroup: "billing" });
 */
export type TransferTarget = { toAgentId: string } | { toGroup: string };

/**
 * What `transfer` did: the new place, and where the session was before.
 *
 * @example
 *   { kind: "assigned", agentId: "a2", group: "sales", waitedMs: 0, from: { kind: "assigned", agentId: "a1", … } }
 */
export type TransferOutcome = EnqueueOutcome & { from: SessionLocation };

/**
 * A waiting session, as a supervisor sees it.
 *
 * @example
 *   router.listQueue("t1", "sales")[0]; // { sessionId: "s3", position: 1, enqueuedAt: 1000, waitedMs: 5000 }
 */
export interface QueueEntry {
  sessionId: string;
  position: number;
  enqueuedAt: number;
  waitedMs: number;
}

/**
 * One non-empty queue of a tenant.
 *
 * @example
 *   router.queueSummary("t1"); // [{ group: "sales", size: 12, headWaitedMs: 64000 }]
 */
export interface QueueSummary {
  group: string;
  size: number;
  /** How long the session served next has waited. */
  headWaitedMs: number;
}

/**
 * Counters and gauges for tests and metrics. Totals only grow.
 *
 * @example
 *   router.stats().assignedTotal; // 42
 */
export interface RoutingStats {
  agents: number;
  onlineAgents: number;
  /** Sessions held by agents now. */
  assignedNow: number;
  /** Sessions waiting now, all queues. */
  queuedNow: number;
  /** Non-empty queues and their sizes. */
  queues: { tenantId: string; group: string; size: number }[];
  assignedTotal: number;
  /** Times a session had to wait (enqueue or transfer to a group with no room). */
  queuedTotal: number;
  dequeuedTotal: number;
  releasedTotal: number;
  transferredTotal: number;
  queueFullTotal: number;
  listenerErrors: number;
}

/**
 * The router. Every method is synchronous; errors are KefuErrors thrown before any
 * change is made.
 *
 * @example
 *   const r: AgentRouter = createAgentRouter({ clock });
 */
export interface AgentRouter {
  /**
   * Adds an agent (state defaults to "offline", version 1). Throws 409 `already_exists`.
   *
   * @example
   *   router.registerAgent({ id: "a1", tenantId: "t1", groups: ["sales"], capacity: 2, state: "online" });
   */
  registerAgent(input: AgentInput): AgentView;
  /**
   * Changes groups and/or capacity; bumps the version. With `expectedVersion`, a
   * compare-and-set like `setState`. Lowering capacity below load keeps the held
   * sessions; the agent takes nothing new until it is below capacity again.
   *
   * @example
   *   router.updateAgent("a1", { capacity: 5 }); // may pull waiting sessions at once
   */
  updateAgent(
    agentId: string,
    patch: { groups?: readonly string[]; capacity?: number },
    expectedVersion?: number,
  ): AgentView;
  /**
   * Compare-and-set of the seat state: throws 409 `version_conflict` (naming the
   * current version) unless `expectedVersion` is the current one; bumps the version.
   * Never drops held sessions: `held` lists them so the engine can decide (e.g.
   * return them to the bot after a grace timer).
   *
   * @example
   *   const { agent, held } = router.setState("a1", "away", 3);
   */
  setState(agentId: string, next: SeatState, expectedVersion: number): { agent: AgentView; held: string[] };
  /**
   * Forgets an agent. Its held sessions leave routing and are returned: the engine
   * must re-enqueue them or hand them back to the bot. Unknown agent: `removed: false`.
   *
   * @example
   *   const { released } = router.removeAgent("a1");
   */
  removeAgent(agentId: string): { removed: boolean; released: string[] };
  /** The agent's view, or undefined. @example router.getAgent("a1")?.load */
  getAgent(agentId: string): AgentView | undefined;
  /** Every agent of a tenant, by id. O(agents of the tenant). @example router.listAgents("t1") */
  listAgents(tenantId: string): AgentView[];
  /**
   * Routes a session to (tenant, group): to the best eligible agent now, else to the
   * tail of the queue. Throws 409 `invalid_state` if the session is already routed,
   * 503 `queue_full` (retryable) if it must wait and the queue is at its bound.
   *
   * @example
   *   router.enqueue({ tenantId: "t1", sessionId: "s1", group: "sales" }); // { kind: "queued", group: "sales", position: 3 }
   */
  enqueue(req: { tenantId: string; sessionId: string; group: string }): EnqueueOutcome;
  /**
   * Removes a waiting session (visitor left). False when it is not waiting
   * (unknown, or held by an agent — use `release`).
   *
   * @example
   *   router.dequeue("s1"); // true
   */
  dequeue(sessionId: string): boolean;
  /**
   * Takes a session out of routing wherever it is (closed, or handed back to the
   * bot). A held session frees its agent's capacity, filled at once from the queues.
   * False when unknown.
   *
   * @example
   *   router.release("s1");
   */
  release(sessionId: string): boolean;
  /**
   * Moves a waiting or held session. To an agent: same tenant, online, below
   * capacity, else 409 `agent_unavailable`. To a group: it leaves its agent (whose
   * freed capacity is filled first), then goes to the best eligible agent of that
   * group — the previous agent only if no other has room — or to the FRONT of that
   * group's queue. Throws 404 `not_found` for an unknown session, 409
   * `invalid_state` for a move to where it already is, 503 `queue_full`.
   *
   * @example
   *   router.transfer("s1", { toAgentId: "a2" });
   *   router.transfer("s2", { toGroup: "billing" }); // { kind: "queued", group: "billing", position: 1, from: … }
   */
  transfer(sessionId: string, target: TransferTarget): TransferOutcome;
  /**
   * Puts back an assignment that existed before (a node taking over a tenant rebuilds
   * its routing): the session is held by `agentId` again, even above capacity, with no
   * `assigned` event. False (nothing changed) when the agent is unknown, of another
   * tenant, or the session is already routed.
   *
   * @example
   *   router.restoreAssignment({ tenantId: "t1", sessionId: "s1", group: "sales", agentId: "a1" }); // true
   */
  restoreAssignment(req: { tenantId: string; sessionId: string; group: string; agentId: string }): boolean;
  /** Where a session is, or undefined. O(position) when waiting. @example router.locate("s1")?.kind */
  locate(sessionId: string): SessionLocation | undefined;
  /**
   * The first `limit` (default 100) waiting sessions of a queue, next first.
   *
   * @example
   *   router.listQueue("t1", "sales", 10);
   */
  listQueue(tenantId: string, group: string, limit?: number): QueueEntry[];
  /** Non-empty queues of a tenant. @example router.queueSummary("t1") */
  queueSummary(tenantId: string): QueueSummary[];
  /** Counters and gauges; O(agents + queues). @example router.stats().queuedNow */
  stats(): RoutingStats;
}
