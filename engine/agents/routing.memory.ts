/**
 * The in-memory AgentRouter: single node only (a later issue distributes routing).
 * Data structures: a Map from session id to its place (a node of a WaitList, or
 * the seat holding it), so removal is O(1); per (tenant, group) a WaitList and the
 * set of seats serving it; per tenant the set of its seats. See routing.ts for the
 * contract and costs.
 *
 * @example
 *   const router = createAgentRouter({ clock: manualClock(0) });
 */
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import { WaitList, type WaitNode } from "./queue.ts";
import type {
  AgentRouter,
  AgentRouterOptions,
  Assignment,
  EnqueueOutcome,
  QueueEntry,
  QueuePositionUpdate,
  QueueSummary,
  RoutingListener,
  RoutingStats,
  SessionLocation,
  TransferOutcome,
  TransferTarget,
} from "./routing.ts";
import {
  type AgentInput,
  type AgentView,
  checkCapacity,
  checkGroups,
  checkName,
  checkState,
  compareCandidates,
  hasRoom,
  type Seat,
  type SeatState,
  toView,
} from "./seats.ts";

interface Waiting {
  readonly sessionId: string;
  readonly tenantId: string;
  readonly group: string;
  /** When it joined this queue (for waited time). */
  readonly enqueuedAt: number;
  /** Order key (orderAt, orderSeq): non-decreasing along every queue, compared across groups. */
  readonly orderAt: number;
  readonly orderSeq: number;
  /** Last position sent to the listener; 0 = never. */
  reported: number;
}

interface GroupQueue {
  readonly tenantId: string;
  readonly group: string;
  readonly list: WaitList<Waiting>;
}

type Place =
  | { kind: "queued"; node: WaitNode<Waiting>; queue: GroupQueue }
  | { kind: "assigned"; tenantId: string; group: string; agent: Seat; assignedAt: number };

/** Map of tenant → name → value, dropping empty tenants. */
class ByTenant<V> {
  private readonly m = new Map<string, Map<string, V>>();
  get(tenantId: string, key: string): V | undefined {
    return this.m.get(tenantId)?.get(key);
  }
  set(tenantId: string, key: string, v: V): void {
    const inner = this.m.get(tenantId);
    if (inner) inner.set(key, v);
    else this.m.set(tenantId, new Map([[key, v]]));
  }
  delete(tenantId: string, key: string): void {
    const inner = this.m.get(tenantId);
    if (!inner) return;
    inner.delete(key);
    if (inner.size === 0) this.m.delete(tenantId);
  }
  tenant(tenantId: string): ReadonlyMap<string, V> {
    return this.m.get(tenantId) ?? new Map();
  }
  *all(): Generator<[string, string, V]> {
    for (const [t, inner] of this.m) for (const [k, v] of inner) yield [t, k, v];
  }
}

const before = (a: Waiting, b: Waiting) =>
  a.orderAt < b.orderAt || (a.orderAt === b.orderAt && a.orderSeq < b.orderSeq);

function positiveInt(name: string, v: number): number {
  if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be an integer ≥ 1, got ${v}`);
  return v;
}

/**
 * Creates the in-memory router (single node only).
 *
 * @example
 *   const router = createAgentRouter({ clock: systemClock, listener, maxQueuePerGroup: 10_000 });
 */
export function createAgentRouter(opts: AgentRouterOptions = {}): AgentRouter {
  return new MemoryAgentRouter(opts);
}

class MemoryAgentRouter implements AgentRouter {
  private readonly clock: Clock;
  private readonly listener: Partial<RoutingListener>;
  private readonly onListenerError: AgentRouterOptions["onListenerError"];
  private readonly maxQueue: number;
  private readonly depth: number;
  private readonly maxCapacity: number;
  private readonly maxGroups: number;

  private readonly seats = new Map<string, Seat>();
  private readonly tenantSeats = new Map<string, Set<Seat>>();
  private readonly groupSeats = new ByTenant<Set<Seat>>();
  private readonly queues = new ByTenant<GroupQueue>();
  private readonly places = new Map<string, Place>();
  private seqHi = 0;
  private seqLo = 0;

  private readonly counts = {
    assignedTotal: 0,
    queuedTotal: 0,
    dequeuedTotal: 0,
    releasedTotal: 0,
    transferredTotal: 0,
    queueFullTotal: 0,
    listenerErrors: 0,
  };

  // What the current call caused, delivered by `flush` at its end.
  private nesting = 0;
  private flushing = false;
  private pendingAssigned: Assignment[] = [];
  private pendingRemoved: { tenantId: string; agentId: string }[] = [];
  private dirtySeats = new Set<Seat>();
  private dirtyQueues = new Set<GroupQueue>();
  private fresh: WaitNode<Waiting>[] = [];

  constructor(opts: AgentRouterOptions) {
    this.clock = opts.clock ?? systemClock;
    this.listener = opts.listener ?? {};
    this.onListenerError = opts.onListenerError;
    this.maxQueue = positiveInt("maxQueuePerGroup", opts.maxQueuePerGroup ?? 10_000);
    this.depth = positiveInt("positionUpdateDepth", opts.positionUpdateDepth ?? 100);
    this.maxCapacity = positiveInt("maxCapacity", opts.maxCapacity ?? 1_000);
    this.maxGroups = positiveInt("maxGroupsPerAgent", opts.maxGroupsPerAgent ?? 64);
  }

  // ── agents ──────────────────────────────────────────────────────────────

  registerAgent(input: AgentInput): AgentView {
    const id = checkName("id", input.id);
    const tenantId = checkName("tenantId", input.tenantId);
    const groups = checkGroups(input.groups, this.maxGroups);
    const capacity = checkCapacity(input.capacity, this.maxCapacity);
    const state = input.state === undefined ? "offline" : checkState(input.state);
    const version = input.version ?? 1;
    if (!Number.isSafeInteger(version) || version < 1)
      throw new KefuError("invalid_request", "version must be an integer ≥ 1", { status: 400 });
    if (this.seats.has(id)) throw new KefuError("already_exists", `agent ${id} is already registered`, { status: 409 });
    return this.op(() => {
      const seat: Seat = {
        id,
        tenantId,
        groups,
        capacity,
        state,
        version,
        idleSince: this.now(),
        sessions: new Set(),
      };
      this.seats.set(id, seat);
      const ts = this.tenantSeats.get(tenantId);
      if (ts) ts.add(seat);
      else this.tenantSeats.set(tenantId, new Set([seat]));
      for (const g of groups) this.joinGroup(seat, g);
      this.dirtySeats.add(seat);
      this.fill(seat);
      return toView(seat);
    });
  }

  updateAgent(agentId: string, patch: { groups?: readonly string[]; capacity?: number }, expectedVersion?: number) {
    const seat = this.seat(agentId);
    if (expectedVersion !== undefined) this.checkVersion(seat, expectedVersion);
    const groups = patch.groups === undefined ? undefined : checkGroups(patch.groups, this.maxGroups);
    const capacity = patch.capacity === undefined ? undefined : checkCapacity(patch.capacity, this.maxCapacity);
    if (groups === undefined && capacity === undefined)
      throw new KefuError("invalid_request", "updateAgent needs groups or capacity", { status: 400 });
    return this.op(() => {
      if (groups) {
        const next = new Set(groups);
        for (const g of seat.groups) if (!next.has(g)) this.leaveGroup(seat, g);
        for (const g of groups) if (!seat.groups.includes(g)) this.joinGroup(seat, g);
        seat.groups = groups;
      }
      if (capacity !== undefined) seat.capacity = capacity;
      seat.version++;
      this.dirtySeats.add(seat);
      this.fill(seat);
      return toView(seat);
    });
  }

  setState(agentId: string, next: SeatState, expectedVersion: number) {
    const seat = this.seat(agentId);
    const state = checkState(next);
    this.checkVersion(seat, expectedVersion);
    return this.op(() => {
      if (state === "online" && seat.state !== "online") seat.idleSince = this.now();
      seat.state = state;
      seat.version++;
      this.dirtySeats.add(seat);
      this.fill(seat);
      return { agent: toView(seat), held: [...seat.sessions] };
    });
  }

  removeAgent(agentId: string) {
    const seat = this.seats.get(agentId);
    if (!seat) return { removed: false, released: [] };
    return this.op(() => {
      const released = [...seat.sessions];
      for (const s of released) this.places.delete(s);
      seat.sessions.clear();
      for (const g of seat.groups) this.leaveGroup(seat, g);
      this.seats.delete(agentId);
      const ts = this.tenantSeats.get(seat.tenantId);
      ts?.delete(seat);
      if (ts?.size === 0) this.tenantSeats.delete(seat.tenantId);
      this.dirtySeats.delete(seat);
      this.pendingRemoved.push({ tenantId: seat.tenantId, agentId });
      return { removed: true, released };
    });
  }

  getAgent(agentId: string): AgentView | undefined {
    const s = this.seats.get(agentId);
    return s && toView(s);
  }

  listAgents(tenantId: string): AgentView[] {
    return [...(this.tenantSeats.get(tenantId) ?? [])].sort((a, b) => (a.id < b.id ? -1 : 1)).map(toView);
  }

  // ── sessions ────────────────────────────────────────────────────────────

  enqueue(req: { tenantId: string; sessionId: string; group: string }): EnqueueOutcome {
    const tenantId = checkName("tenantId", req.tenantId);
    const sessionId = checkName("sessionId", req.sessionId);
    const group = checkName("group", req.group);
    const place = this.places.get(sessionId);
    if (place) throw this.alreadyRouted(sessionId, place);
    const seat = this.pick(tenantId, group, undefined);
    if (!seat) this.checkRoom(tenantId, group);
    return this.op(() => {
      if (seat) {
        this.assign(sessionId, tenantId, group, seat, 0);
        return { kind: "assigned", agentId: seat.id, group, waitedMs: 0 };
      }
      return { kind: "queued", group, position: this.wait(sessionId, tenantId, group, false) };
    });
  }

  restoreAssignment(req: { tenantId: string; sessionId: string; group: string; agentId: string }): boolean {
    const seat = this.seats.get(req.agentId);
    if (!seat || seat.tenantId !== req.tenantId || this.places.has(req.sessionId)) return false;
    const sessionId = checkName("sessionId", req.sessionId);
    const group = checkName("group", req.group);
    return this.op(() => {
      this.places.set(sessionId, {
        kind: "assigned",
        tenantId: seat.tenantId,
        group,
        agent: seat,
        assignedAt: this.now(),
      });
      seat.sessions.add(sessionId);
      this.dirtySeats.add(seat);
      return true;
    });
  }

  dequeue(sessionId: string): boolean {
    const place = this.places.get(sessionId);
    if (place?.kind !== "queued") return false;
    return this.op(() => {
      this.unqueue(place.node, place.queue);
      this.counts.dequeuedTotal++;
      return true;
    });
  }

  release(sessionId: string): boolean {
    const place = this.places.get(sessionId);
    if (!place) return false;
    return this.op(() => {
      if (place.kind === "queued") this.unqueue(place.node, place.queue);
      else {
        this.detach(sessionId, place.agent);
        this.fill(place.agent);
      }
      this.counts.releasedTotal++;
      return true;
    });
  }

  transfer(sessionId: string, target: TransferTarget): TransferOutcome {
    const place = this.places.get(sessionId);
    if (!place) throw new KefuError("not_found", `session ${sessionId} is not waiting or assigned`, { status: 404 });
    const from = this.location(place);
    const tenantId = from.tenantId;
    const source = place.kind === "assigned" ? place.agent : undefined;

    if ("toAgentId" in target) {
      const to = this.seats.get(checkName("toAgentId", target.toAgentId));
      if (to && to === source)
        throw new KefuError("invalid_state", `session ${sessionId} is already assigned to ${to.id}`, { status: 409 });
      // One message for unknown, other-tenant and full agents: nothing leaks across tenants.
      if (!to || to.tenantId !== tenantId || !hasRoom(to))
        throw new KefuError("agent_unavailable", `agent ${target.toAgentId} cannot take a session now`, {
          status: 409,
        });
      return this.op(() => {
        const waitedMs = place.kind === "queued" ? this.waited(place.node.value) : 0;
        if (place.kind === "queued") this.unqueue(place.node, place.queue);
        else this.detach(sessionId, place.agent);
        this.assign(sessionId, tenantId, from.group, to, waitedMs);
        if (source) this.fill(source);
        this.counts.transferredTotal++;
        return { kind: "assigned", agentId: to.id, group: from.group, waitedMs, from };
      });
    }

    const group = checkName("toGroup", target.toGroup);
    if (place.kind === "queued" && place.queue.group === group)
      throw new KefuError("invalid_state", `session ${sessionId} is already waiting in ${group}`, { status: 409 });
    if (!this.canPlace(tenantId, group, source)) this.checkRoom(tenantId, group);
    return this.op((): TransferOutcome => {
      // A waiting session keeps its wait time across the move; a held one starts a new wait.
      const since = place.kind === "queued" ? place.node.value.enqueuedAt : this.now();
      if (place.kind === "queued") this.unqueue(place.node, place.queue);
      else this.detach(sessionId, place.agent);
      if (source) this.fill(source); // freed capacity serves those already waiting first
      this.counts.transferredTotal++;
      const seat = this.pick(tenantId, group, source);
      if (seat) {
        const waitedMs = Math.max(0, this.now() - since);
        this.assign(sessionId, tenantId, group, seat, waitedMs);
        return { kind: "assigned", agentId: seat.id, group, waitedMs, from };
      }
      return { kind: "queued", group, position: this.wait(sessionId, tenantId, group, true, since), from };
    });
  }

  locate(sessionId: string): SessionLocation | undefined {
    const place = this.places.get(sessionId);
    return place && this.location(place);
  }

  listQueue(tenantId: string, group: string, limit = 100): QueueEntry[] {
    const q = this.queues.get(tenantId, group);
    if (!q) return [];
    const out: QueueEntry[] = [];
    let position = 0;
    for (const w of q.list.values(Math.max(0, Math.min(limit, this.maxQueue)))) {
      out.push({ sessionId: w.sessionId, position: ++position, enqueuedAt: w.enqueuedAt, waitedMs: this.waited(w) });
    }
    return out;
  }

  queueSummary(tenantId: string): QueueSummary[] {
    const out: QueueSummary[] = [];
    for (const [group, q] of this.queues.tenant(tenantId)) {
      const head = q.list.head;
      if (head) out.push({ group, size: q.list.size, headWaitedMs: this.waited(head.value) });
    }
    return out.sort((a, b) => (a.group < b.group ? -1 : 1));
  }

  stats(): RoutingStats {
    let onlineAgents = 0;
    let assignedNow = 0;
    for (const s of this.seats.values()) {
      if (s.state === "online") onlineAgents++;
      assignedNow += s.sessions.size;
    }
    const queues: RoutingStats["queues"] = [];
    let queuedNow = 0;
    for (const [tenantId, group, q] of this.queues.all()) {
      queues.push({ tenantId, group, size: q.list.size });
      queuedNow += q.list.size;
    }
    return { agents: this.seats.size, onlineAgents, assignedNow, queuedNow, queues, ...this.counts };
  }

  // ── internals: every mutation below runs inside `op` ───────────────────

  private now(): number {
    return this.clock.now();
  }

  private waited(w: Waiting): number {
    return Math.max(0, this.now() - w.enqueuedAt);
  }

  private seat(agentId: string): Seat {
    const s = this.seats.get(agentId);
    if (!s) throw new KefuError("not_found", `no agent ${agentId}`, { status: 404 });
    return s;
  }

  private checkVersion(seat: Seat, expected: number): void {
    if (typeof expected !== "number" || !Number.isInteger(expected))
      throw new KefuError("invalid_request", "expectedVersion must be an integer", { status: 400 });
    if (expected !== seat.version)
      throw new KefuError(
        "version_conflict",
        `agent ${seat.id} is at version ${seat.version}, not ${expected}: reload and retry`,
        { status: 409 },
      );
  }

  private alreadyRouted(sessionId: string, place: Place): KefuError {
    const where = place.kind === "queued" ? `waiting in ${place.queue.group}` : `assigned to ${place.agent.id}`;
    return new KefuError("invalid_state", `session ${sessionId} is already ${where}`, { status: 409 });
  }

  /** Throws 503 queue_full when the (tenant, group) queue is at its bound. */
  private checkRoom(tenantId: string, group: string): void {
    const size = this.queues.get(tenantId, group)?.list.size ?? 0;
    if (size < this.maxQueue) return;
    this.counts.queueFullTotal++;
    throw new KefuError("queue_full", `the ${group} queue is full (${size} waiting); retry later`, {
      status: 503,
      retryable: true,
    });
  }

  /**
   * Before a transfer to `group` mutates anything: true when it cannot hit the
   * queue bound — another agent has room, or the queue has room, or the source
   * agent's freed slot will pull this very queue's head.
   */
  private canPlace(tenantId: string, group: string, source: Seat | undefined): boolean {
    if ((this.queues.get(tenantId, group)?.list.size ?? 0) < this.maxQueue) return true;
    for (const s of this.groupSeats.get(tenantId, group) ?? []) if (s !== source && hasRoom(s)) return true;
    if (source?.state !== "online" || source.sessions.size - 1 >= source.capacity) return false;
    return this.oldestQueueFor(source)?.group === group;
  }

  private joinGroup(seat: Seat, group: string): void {
    const set = this.groupSeats.get(seat.tenantId, group);
    if (set) set.add(seat);
    else this.groupSeats.set(seat.tenantId, group, new Set([seat]));
  }

  private leaveGroup(seat: Seat, group: string): void {
    const set = this.groupSeats.get(seat.tenantId, group);
    set?.delete(seat);
    if (set?.size === 0) this.groupSeats.delete(seat.tenantId, group);
  }

  /** The best seat with room in (tenant, group); `last` is chosen only when no other has room. O(agents in group). */
  private pick(tenantId: string, group: string, last: Seat | undefined): Seat | undefined {
    let best: Seat | undefined;
    let lastOk = false;
    for (const s of this.groupSeats.get(tenantId, group) ?? []) {
      if (!hasRoom(s)) continue;
      if (s === last) lastOk = true;
      else if (!best || compareCandidates(s, best) < 0) best = s;
    }
    return best ?? (lastOk ? last : undefined);
  }

  /** The queue among the seat's groups whose head waited longest. O(groups of the seat). */
  private oldestQueueFor(seat: Seat): GroupQueue | undefined {
    let best: GroupQueue | undefined;
    for (const g of seat.groups) {
      const q = this.queues.get(seat.tenantId, g);
      const head = q?.list.head;
      if (head && (!best?.list.head || before(head.value, best.list.head.value))) best = q;
    }
    return best;
  }

  /** Gives the seat waiting sessions while it has room. */
  private fill(seat: Seat): void {
    while (hasRoom(seat)) {
      const q = this.oldestQueueFor(seat);
      const w = q?.list.head?.value;
      if (!q || !w) return;
      const waitedMs = this.waited(w);
      this.unqueue(q.list.head as WaitNode<Waiting>, q);
      this.assign(w.sessionId, w.tenantId, w.group, seat, waitedMs);
    }
  }

  private assign(sessionId: string, tenantId: string, group: string, seat: Seat, waitedMs: number): void {
    this.places.set(sessionId, { kind: "assigned", tenantId, group, agent: seat, assignedAt: this.now() });
    seat.sessions.add(sessionId);
    this.dirtySeats.add(seat);
    this.counts.assignedTotal++;
    this.pendingAssigned.push({ tenantId, sessionId, agentId: seat.id, group, waitedMs });
  }

  private detach(sessionId: string, seat: Seat): void {
    this.places.delete(sessionId);
    seat.sessions.delete(sessionId);
    if (seat.sessions.size === 0) seat.idleSince = this.now();
    this.dirtySeats.add(seat);
  }

  /** Queues the session at the tail (or front); returns its position. */
  private wait(sessionId: string, tenantId: string, group: string, front: boolean, since?: number): number {
    let q = this.queues.get(tenantId, group);
    if (!q) {
      q = { tenantId, group, list: new WaitList() };
      this.queues.set(tenantId, group, q);
    }
    const now = this.now();
    const edge = front ? q.list.head?.value : q.list.tail?.value;
    // The order key stays non-decreasing along the queue even if the clock steps back;
    // a front entry takes the head's key, so multi-group agents see it as that old.
    const orderAt = edge === undefined ? now : front ? Math.min(now, edge.orderAt) : Math.max(now, edge.orderAt);
    const w: Waiting = {
      sessionId,
      tenantId,
      group,
      enqueuedAt: since ?? now,
      orderAt,
      orderSeq: front ? --this.seqLo : ++this.seqHi,
      reported: 0,
    };
    const node = front ? q.list.pushFront(w) : q.list.pushBack(w);
    this.places.set(sessionId, { kind: "queued", node, queue: q });
    this.dirtyQueues.add(q);
    this.fresh.push(node);
    this.counts.queuedTotal++;
    return front ? 1 : q.list.size;
  }

  private unqueue(node: WaitNode<Waiting>, q: GroupQueue): void {
    q.list.remove(node);
    this.places.delete(node.value.sessionId);
    this.dirtyQueues.add(q);
    if (q.list.size === 0) this.queues.delete(q.tenantId, q.group);
  }

  private location(place: Place): SessionLocation {
    if (place.kind === "assigned") {
      const { tenantId, group, agent, assignedAt } = place;
      return { kind: "assigned", tenantId, group, agentId: agent.id, assignedAt };
    }
    const w = place.node.value;
    return {
      kind: "queued",
      tenantId: w.tenantId,
      group: w.group,
      position: place.queue.list.positionOf(place.node),
      enqueuedAt: w.enqueuedAt,
      waitedMs: this.waited(w),
    };
  }

  /** Runs a mutation, then delivers what it caused once the outermost call is done. */
  private op<T>(fn: () => T): T {
    this.nesting++;
    try {
      return fn();
    } finally {
      this.nesting--;
      if (this.nesting === 0) this.flush();
    }
  }

  private flush(): void {
    if (this.flushing) return; // a listener called back in: the loop below delivers its events
    this.flushing = true;
    try {
      while (
        this.pendingAssigned.length ||
        this.pendingRemoved.length ||
        this.dirtySeats.size ||
        this.dirtyQueues.size ||
        this.fresh.length
      ) {
        const assigned = this.pendingAssigned;
        const removed = this.pendingRemoved;
        const views = [...this.dirtySeats].map(toView);
        const positions = this.positions();
        this.pendingAssigned = [];
        this.pendingRemoved = [];
        this.dirtySeats = new Set();
        for (const a of assigned) this.deliver("assigned", (l) => l.assigned?.(a));
        for (const r of removed) this.deliver("agentRemoved", (l) => l.agentRemoved?.(r));
        for (const v of views) this.deliver("agentChanged", (l) => l.agentChanged?.(v));
        if (positions.length) this.deliver("queuePositions", (l) => l.queuePositions?.(positions));
      }
    } finally {
      this.flushing = false;
    }
  }

  /** Position changes in the first `depth` places of each touched queue, plus newcomers. Clears both sets. */
  private positions(): QueuePositionUpdate[] {
    const out: QueuePositionUpdate[] = [];
    const note = (w: Waiting, position: number) => {
      if (w.reported === position) return;
      w.reported = position;
      out.push({ tenantId: w.tenantId, sessionId: w.sessionId, group: w.group, position });
    };
    for (const q of this.dirtyQueues) {
      let position = 0;
      for (const w of q.list.values(this.depth)) note(w, ++position);
    }
    for (const node of this.fresh) {
      if (node.list && node.value.reported === 0) note(node.value, node.list.positionOf(node));
    }
    this.dirtyQueues = new Set();
    this.fresh = [];
    return out;
  }

  private deliver(method: keyof RoutingListener, call: (l: Partial<RoutingListener>) => void): void {
    try {
      call(this.listener);
    } catch (e) {
      this.counts.listenerErrors++;
      this.onListenerError?.(e, method);
    }
  }
}
