import { describe, expect, test } from "bun:test";
import { manualClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import {
  type AgentRouterOptions,
  type AgentView,
  type Assignment,
  createAgentRouter,
  type QueuePositionUpdate,
  type SeatState,
} from "./routing.ts";

/** A router on a manual clock (t = 1000) with a listener that records everything. */
function setup(opts: Partial<AgentRouterOptions> = {}) {
  const clock = manualClock(1_000);
  const ev = {
    assigned: [] as Assignment[],
    positions: [] as QueuePositionUpdate[][],
    changed: [] as AgentView[],
    removed: [] as { tenantId: string; agentId: string }[],
  };
  const router = createAgentRouter({
    clock,
    listener: {
      assigned: (a) => ev.assigned.push(a),
      queuePositions: (u) => ev.positions.push(u),
      agentChanged: (v) => ev.changed.push(v),
      agentRemoved: (r) => ev.removed.push(r),
    },
    ...opts,
  });
  const agent = (id: string, groups: string[], capacity: number, state: SeatState = "online", tenantId = "t1") =>
    router.registerAgent({ id, tenantId, groups, capacity, state });
  const enq = (sessionId: string, group = "sales", tenantId = "t1") => router.enqueue({ tenantId, sessionId, group });
  const clear = () => {
    ev.assigned.length = 0;
    ev.positions.length = 0;
    ev.changed.length = 0;
    ev.removed.length = 0;
  };
  /** Flattened position updates as "session:position". */
  const pos = () => ev.positions.map((batch) => batch.map((u) => `${u.sessionId}:${u.position}`));
  const who = () => ev.assigned.map((a) => `${a.sessionId}>${a.agentId}`);
  const load = (id: string) => router.getAgent(id)?.load;
  const set = (id: string, state: SeatState) => router.setState(id, state, router.getAgent(id)?.version ?? 0);
  return { clock, router, ev, agent, enq, clear, pos, who, load, set };
}

/** Runs `fn`, expecting a KefuError with `code` and `status`; returns it. */
function kefuError(fn: () => unknown, code: string, status: number): KefuError {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(KefuError);
    const k = e as KefuError;
    expect({ code: k.code, status: k.status }).toEqual({ code, status });
    return k;
  }
  throw new Error(`expected KefuError ${code}`);
}

describe("choosing an agent", () => {
  test("the lowest load wins, whatever the capacity", () => {
    const t = setup();
    t.agent("a1", ["sales"], 10);
    t.agent("a2", ["sales"], 2);
    t.enq("s1"); // both empty: equal ratio and idle → id
    t.enq("s2");
    t.enq("s3"); // both hold 1: a1 has the lower load/capacity
    expect(t.who()).toEqual(["s1>a1", "s2>a2", "s3>a1"]);
    expect(t.enq("s4")).toEqual({ kind: "assigned", agentId: "a2", group: "sales", waitedMs: 0 }); // 2 vs 1
  });

  test("equal loads: the lower load/capacity ratio wins", () => {
    const t = setup();
    t.agent("a1", ["sales"], 2);
    t.agent("a2", ["sales"], 4);
    t.enq("s1"); // a1 (id)
    t.enq("s2"); // a2 (load 0)
    t.enq("s3"); // 1/2 vs 1/4 → a2
    expect(t.who()).toEqual(["s1>a1", "s2>a2", "s3>a2"]);
  });

  test("equal load and ratio: the longest idle wins, then the id", () => {
    const t = setup();
    t.agent("b", ["sales"], 2); // idle since 1000
    t.clock.advance(100);
    t.agent("a", ["sales"], 2); // idle since 1100
    t.enq("s1");
    expect(t.who()).toEqual(["s1>b"]); // longer idle beats the smaller id

    // Both drop to 0: a at 1200, b at 1300 → a has now been idle longer.
    t.enq("s2"); // a (load 0)
    t.clock.advance(100);
    t.router.release("s2");
    t.clock.advance(100);
    t.router.release("s1");
    t.enq("s3");
    expect(t.router.locate("s3")).toMatchObject({ kind: "assigned", agentId: "a" });
    expect(t.router.getAgent("b")?.idleSince).toBe(1_300);
  });

  test("coming online counts as the start of idle time", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1, "offline");
    t.agent("a2", ["sales"], 1);
    t.clock.advance(50);
    t.set("a1", "online");
    t.enq("s1");
    expect(t.who()).toEqual(["s1>a2"]); // a2 has been idle since 1000, a1 since 1050
  });

  test("capacity is respected across agents of different capacities", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.agent("a2", ["sales"], 2);
    t.agent("a3", ["sales"], 3);
    const outcomes = Array.from({ length: 8 }, (_, i) => t.enq(`s${i}`).kind);
    expect(outcomes.filter((k) => k === "assigned")).toHaveLength(6);
    expect([t.load("a1"), t.load("a2"), t.load("a3")]).toEqual([1, 2, 3]);
    expect(t.router.stats()).toMatchObject({ assignedNow: 6, queuedNow: 2, assignedTotal: 6, queuedTotal: 2 });
    expect(t.enq("s9")).toEqual({ kind: "queued", group: "sales", position: 3 });
  });

  test("busy, away and offline agents get nothing, and busy does not pull from the queue", () => {
    const t = setup();
    t.agent("b", ["sales"], 5, "busy");
    t.agent("w", ["sales"], 5, "away");
    t.agent("o", ["sales"], 5, "offline");
    expect(t.enq("s1").kind).toBe("queued");
    t.set("w", "busy");
    t.set("o", "away");
    expect(t.ev.assigned).toEqual([]);
    t.set("b", "online");
    expect(t.who()).toEqual(["s1>b"]);
  });

  test("agents only receive sessions of their tenant and of a group they serve", () => {
    const t = setup();
    t.agent("a1", ["sales"], 5, "online", "t1");
    expect(t.enq("x1", "sales", "t2").kind).toBe("queued");
    expect(t.enq("x2", "billing", "t1").kind).toBe("queued");
    expect(t.enq("x3", "sales", "t1").kind).toBe("assigned");
    t.agent("b1", ["sales"], 5, "online", "t2"); // t2's agent takes t2's waiting session only
    expect(t.who()).toEqual(["x3>a1", "x1>b1"]);
    expect(t.router.locate("x2")).toMatchObject({ kind: "queued", tenantId: "t1", group: "billing", position: 1 });
    expect(t.router.listAgents("t2").map((a) => a.id)).toEqual(["b1"]);
  });
});

describe("queues", () => {
  test("FIFO with 1-based positions, updated on dequeue and assignment", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1, "offline");
    expect(t.enq("s1")).toEqual({ kind: "queued", group: "sales", position: 1 });
    t.enq("s2");
    t.enq("s3");
    t.enq("s4");
    expect(t.pos()).toEqual([["s1:1"], ["s2:2"], ["s3:3"], ["s4:4"]]);
    t.clear();
    expect(t.router.dequeue("s2")).toBe(true);
    expect(t.pos()).toEqual([["s3:2", "s4:3"]]); // s1 did not move: not sent
    t.clear();
    expect(t.router.dequeue("s4")).toBe(true); // the tail: nobody moves
    expect(t.pos()).toEqual([]);
    t.set("a1", "online");
    expect(t.who()).toEqual(["s1>a1"]);
    expect(t.pos()).toEqual([["s3:1"]]);
    expect(t.router.listQueue("t1", "sales").map((e) => e.sessionId)).toEqual(["s3"]);
    expect(t.router.stats()).toMatchObject({ dequeuedTotal: 2, queues: [{ tenantId: "t1", group: "sales", size: 1 }] });
  });

  test("dequeue of an unknown or assigned session is a no-op returning false", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.enq("s1");
    t.clear();
    expect(t.router.dequeue("nope")).toBe(false);
    expect(t.router.dequeue("s1")).toBe(false); // held, not waiting
    expect(t.router.release("nope")).toBe(false);
    expect([t.ev.assigned, t.ev.positions, t.ev.changed]).toEqual([[], [], []]);
    expect(t.router.locate("s1")).toMatchObject({ kind: "assigned", agentId: "a1" });
  });

  test("a full queue refuses with 503 queue_full (retryable); other groups are unaffected", () => {
    const t = setup({ maxQueuePerGroup: 2 });
    t.enq("s1");
    t.enq("s2");
    const e = kefuError(() => t.enq("s3"), "queue_full", 503);
    expect(e.retryable).toBe(true);
    expect(t.router.locate("s3")).toBeUndefined();
    expect(t.enq("s4", "billing").kind).toBe("queued");
    expect(t.router.stats().queueFullTotal).toBe(1);
    t.router.dequeue("s1");
    expect(t.enq("s3")).toEqual({ kind: "queued", group: "sales", position: 2 });
  });

  test("a full queue does not refuse a session an agent can take", () => {
    const t = setup({ maxQueuePerGroup: 1 });
    t.enq("s1");
    t.agent("a1", ["sales"], 2); // pulls s1, keeps room for one more
    expect(t.enq("s2").kind).toBe("assigned");
  });

  test("a session already waiting or assigned cannot be enqueued again: 409 invalid_state", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.enq("s1");
    t.enq("s2");
    kefuError(() => t.enq("s1", "billing"), "invalid_state", 409);
    const e = kefuError(() => t.enq("s2"), "invalid_state", 409);
    expect(e.message).toContain("waiting in sales");
    expect(t.router.stats()).toMatchObject({ assignedNow: 1, queuedNow: 1 });
  });

  test("waitedMs, locate and listQueue read the injected clock", () => {
    const t = setup();
    t.enq("s1"); // t = 1000
    t.clock.advance(700);
    t.enq("s2"); // t = 1700
    t.clock.advance(2_500);
    expect(t.router.locate("s1")).toEqual({
      kind: "queued",
      tenantId: "t1",
      group: "sales",
      position: 1,
      enqueuedAt: 1_000,
      waitedMs: 3_200,
    });
    expect(t.router.listQueue("t1", "sales")).toEqual([
      { sessionId: "s1", position: 1, enqueuedAt: 1_000, waitedMs: 3_200 },
      { sessionId: "s2", position: 2, enqueuedAt: 1_700, waitedMs: 2_500 },
    ]);
    expect(t.router.listQueue("t1", "sales", 1)).toHaveLength(1);
    expect(t.router.queueSummary("t1")).toEqual([{ group: "sales", size: 2, headWaitedMs: 3_200 }]);
    t.agent("a1", ["sales"], 1);
    t.clock.advance(300);
    t.router.release("s1");
    expect(t.ev.assigned.map((a) => a.waitedMs)).toEqual([3_200, 2_800]);
    expect(t.router.locate("s2")).toEqual({
      kind: "assigned",
      tenantId: "t1",
      group: "sales",
      agentId: "a1",
      assignedAt: 4_500,
    });
    expect(t.router.locate("s1")).toBeUndefined();
  });

  test("position updates cover the first positionUpdateDepth places; later ones hear as they advance", () => {
    const t = setup({ positionUpdateDepth: 2 });
    for (const s of ["s1", "s2", "s3", "s4"]) t.enq(s);
    expect(t.pos()).toEqual([["s1:1"], ["s2:2"], ["s3:3"], ["s4:4"]]); // a newcomer always hears once
    t.clear();
    t.router.dequeue("s1");
    expect(t.pos()).toEqual([["s2:1", "s3:2"]]); // s4 (now 3) is beyond the window
    t.clear();
    t.router.dequeue("s2");
    expect(t.pos()).toEqual([["s3:1", "s4:2"]]);
  });
});

describe("freed capacity is filled at once", () => {
  test("on release: the next waiting session goes to the agent, the rest move up", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.enq("s1");
    t.enq("s2");
    t.enq("s3");
    t.clear();
    t.clock.advance(1_000);
    expect(t.router.release("s1")).toBe(true);
    expect(t.ev.assigned).toEqual([
      { tenantId: "t1", sessionId: "s2", agentId: "a1", group: "sales", waitedMs: 1_000 },
    ]);
    expect(t.pos()).toEqual([["s3:1"]]);
    expect(t.ev.changed.map((v) => [v.id, v.load, v.sessions])).toEqual([["a1", 1, ["s2"]]]); // one coalesced view
    expect(t.router.stats()).toMatchObject({ releasedTotal: 1, assignedTotal: 2 });
  });

  test("a waiting session can be released too (closed while queued)", () => {
    const t = setup();
    t.enq("s1");
    t.enq("s2");
    expect(t.router.release("s1")).toBe(true);
    expect(t.router.locate("s2")).toMatchObject({ position: 1 });
  });

  test("on an agent coming online: as many as its capacity allows, oldest first", () => {
    const t = setup();
    t.agent("a1", ["sales"], 2, "away");
    for (const s of ["s1", "s2", "s3"]) t.enq(s);
    t.clear();
    const { agent, held } = t.set("a1", "online");
    expect(t.who()).toEqual(["s1>a1", "s2>a1"]);
    expect(held).toEqual(["s1", "s2"]);
    expect(agent).toMatchObject({ state: "online", load: 2, version: 2 });
    expect(t.pos()).toEqual([["s3:1"]]);
  });

  test("on a capacity increase", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    for (const s of ["s1", "s2", "s3", "s4"]) t.enq(s);
    t.clear();
    t.router.updateAgent("a1", { capacity: 3 });
    expect(t.who()).toEqual(["s2>a1", "s3>a1"]);
    expect(t.pos()).toEqual([["s4:1"]]);
  });

  test("on a group added, and on registering online", () => {
    const t = setup();
    t.agent("a1", ["sales"], 2);
    t.enq("b1", "billing");
    t.router.updateAgent("a1", { groups: ["sales", "billing"] });
    expect(t.who()).toEqual(["b1>a1"]);
    t.enq("v1", "vip");
    t.agent("a2", ["vip"], 1);
    expect(t.who()).toEqual(["b1>a1", "v1>a2"]);
  });

  test("a multi-group agent pulls the oldest waiting session across its groups", () => {
    const t = setup();
    t.agent("a1", ["sales", "billing"], 1, "offline");
    t.enq("b1", "billing");
    t.clock.advance(10);
    t.enq("s1", "sales");
    t.clock.advance(10);
    t.enq("b2", "billing");
    t.set("a1", "online");
    t.router.release("b1");
    t.router.release("s1");
    expect(t.who()).toEqual(["b1>a1", "s1>a1", "b2>a1"]);
  });

  test("lowering capacity keeps held sessions and takes nothing new until below it", () => {
    const t = setup();
    t.agent("a1", ["sales"], 3);
    for (const s of ["s1", "s2", "s3", "s4"]) t.enq(s);
    t.router.updateAgent("a1", { capacity: 1 });
    expect(t.load("a1")).toBe(3);
    t.router.release("s1");
    t.router.release("s2");
    expect(t.router.locate("s4")?.kind).toBe("queued");
    t.router.release("s3");
    expect(t.router.locate("s4")).toMatchObject({ kind: "assigned", agentId: "a1" });
  });
});

describe("seat state", () => {
  test("compare-and-set: of two updates racing from the same version, one wins and the other conflicts", () => {
    const t = setup();
    const v = t.agent("a1", ["sales"], 1, "offline").version;
    expect(v).toBe(1);
    const first = t.router.setState("a1", "online", v);
    expect(first.agent).toMatchObject({ state: "online", version: 2 });
    const e = kefuError(() => t.router.setState("a1", "away", v), "version_conflict", 409);
    expect(e.message).toContain("version 2");
    expect(t.router.getAgent("a1")).toMatchObject({ state: "online", version: 2 });
    expect(t.router.setState("a1", "away", 2).agent.version).toBe(3);
  });

  test("updateAgent bumps the version and is a compare-and-set when given one", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    expect(t.router.updateAgent("a1", { capacity: 2 }).version).toBe(2);
    kefuError(() => t.router.updateAgent("a1", { capacity: 3 }, 1), "version_conflict", 409);
    expect(t.router.updateAgent("a1", { capacity: 3 }, 2)).toMatchObject({ capacity: 3, version: 3 });
    kefuError(() => t.router.setState("a1", "busy", 2), "version_conflict", 409);
  });

  test("going away or offline keeps the held sessions and returns them", () => {
    const t = setup();
    t.agent("a1", ["sales"], 2);
    t.enq("s1");
    t.enq("s2");
    const r = t.set("a1", "offline");
    expect(r.held).toEqual(["s1", "s2"]);
    expect(r.agent.load).toBe(2);
    expect(t.router.locate("s1")).toMatchObject({ kind: "assigned", agentId: "a1" });
    expect(t.enq("s3").kind).toBe("queued");
  });

  test("removing an agent releases its sessions to the caller and tells the listener", () => {
    const t = setup();
    t.agent("a1", ["sales"], 2);
    t.enq("s1");
    expect(t.router.removeAgent("a1")).toEqual({ removed: true, released: ["s1"] });
    expect(t.ev.removed).toEqual([{ tenantId: "t1", agentId: "a1" }]);
    expect(t.router.locate("s1")).toBeUndefined();
    expect(t.router.getAgent("a1")).toBeUndefined();
    expect(t.router.listAgents("t1")).toEqual([]);
    expect(t.router.removeAgent("a1")).toEqual({ removed: false, released: [] });
    expect(t.enq("s1").kind).toBe("queued"); // the engine may route it again
  });

  test("a takeover rebuilds seats: registering with a version keeps it; restoreAssignment puts a held session back", () => {
    const t = setup();
    t.router.registerAgent({ id: "a1", tenantId: "t1", groups: ["sales"], capacity: 1, state: "online", version: 7 });
    t.clear();
    expect(t.router.restoreAssignment({ tenantId: "t1", sessionId: "s1", group: "sales", agentId: "a1" })).toBe(true);
    expect(t.ev.assigned).toEqual([]); // not a new assignment: nobody is told again
    expect(t.router.getAgent("a1")).toMatchObject({ version: 7, load: 1, sessions: ["s1"] });
    expect(t.router.locate("s1")).toMatchObject({ kind: "assigned", agentId: "a1", group: "sales" });
    // Even above capacity (it held them before); the agent then takes nothing new until below it.
    expect(t.router.restoreAssignment({ tenantId: "t1", sessionId: "s2", group: "sales", agentId: "a1" })).toBe(true);
    expect(t.enq("s3").kind).toBe("queued");
    // Unknown agent, another tenant's agent, or an already routed session: nothing changes.
    expect(t.router.restoreAssignment({ tenantId: "t1", sessionId: "s4", group: "sales", agentId: "zz" })).toBe(false);
    expect(t.router.restoreAssignment({ tenantId: "t2", sessionId: "s4", group: "sales", agentId: "a1" })).toBe(false);
    expect(t.router.restoreAssignment({ tenantId: "t1", sessionId: "s3", group: "sales", agentId: "a1" })).toBe(false);
    expect(t.router.locate("s4")).toBeUndefined();
    // Releasing a restored session frees capacity as usual.
    t.router.release("s1");
    t.router.release("s2");
    expect(t.who()).toEqual(["s3>a1"]);
    kefuError(
      () => t.router.registerAgent({ id: "a2", tenantId: "t1", groups: ["x"], capacity: 1, version: 0 }),
      "invalid_request",
      400,
    );
  });

  test("bad input is a 400 invalid_request; unknown agents 404; duplicates 409", () => {
    const t = setup();
    kefuError(() => t.agent("a1", ["sales"], 0), "invalid_request", 400);
    kefuError(() => t.agent("a1", ["sales"], 1.5), "invalid_request", 400);
    kefuError(() => t.agent("a1", [""], 1), "invalid_request", 400);
    kefuError(() => t.agent("", ["sales"], 1), "invalid_request", 400);
    kefuError(
      () => t.router.registerAgent({ id: "a1", tenantId: "t1", groups: [], capacity: 1, state: "lunch" as SeatState }),
      "invalid_request",
      400,
    );
    const created = t.agent("a1", ["sales", "sales"], 1);
    expect(created.groups).toEqual(["sales"]);
    kefuError(() => t.agent("a1", ["sales"], 1), "already_exists", 409);
    kefuError(() => t.router.setState("zz", "online", 1), "not_found", 404);
    kefuError(() => t.router.setState("a1", "lunch" as SeatState, 1), "invalid_request", 400);
    kefuError(() => t.router.updateAgent("a1", {}), "invalid_request", 400);
    kefuError(() => t.enq("", "sales"), "invalid_request", 400);
    expect(() => createAgentRouter({ maxQueuePerGroup: 0 })).toThrow(RangeError);
  });
});

describe("transfer", () => {
  test("to an agent of the tenant with room: moves, and the old agent pulls from its queue", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.agent("a2", ["other"], 1);
    t.enq("s1");
    t.enq("s2");
    t.clear();
    const out = t.router.transfer("s1", { toAgentId: "a2" });
    expect(out).toEqual({
      kind: "assigned",
      agentId: "a2",
      group: "sales",
      waitedMs: 0,
      from: { kind: "assigned", tenantId: "t1", group: "sales", agentId: "a1", assignedAt: 1_000 },
    });
    expect(t.who()).toEqual(["s1>a2", "s2>a1"]);
    expect(t.router.stats().transferredTotal).toBe(1);
  });

  test("to an agent that is full, not online, unknown, of another tenant or the same: refused, nothing moves", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.agent("full", ["sales"], 1);
    t.agent("busy", ["sales"], 5, "busy");
    t.agent("x", ["sales"], 5, "online", "t2");
    t.enq("s1"); // a1
    t.enq("s2"); // full
    t.clear();
    for (const to of ["full", "busy", "nobody", "x"])
      kefuError(() => t.router.transfer("s1", { toAgentId: to }), "agent_unavailable", 409);
    const e = kefuError(() => t.router.transfer("s1", { toAgentId: "x" }), "agent_unavailable", 409);
    expect(e.message).not.toContain("t2");
    kefuError(() => t.router.transfer("s1", { toAgentId: "a1" }), "invalid_state", 409);
    kefuError(() => t.router.transfer("nope", { toAgentId: "a1" }), "not_found", 404);
    expect(t.router.locate("s1")).toMatchObject({ kind: "assigned", agentId: "a1" });
    expect([t.ev.assigned, t.ev.changed]).toEqual([[], []]);
  });

  test("a waiting session can be given to a chosen agent, keeping its wait", () => {
    const t = setup();
    t.enq("s1");
    t.enq("s2");
    t.agent("a9", ["elsewhere"], 1);
    t.clock.advance(400);
    const out = t.router.transfer("s2", { toAgentId: "a9" });
    expect(out).toMatchObject({ kind: "assigned", agentId: "a9", group: "sales", waitedMs: 400 });
    expect(t.router.locate("s1")).toMatchObject({ kind: "queued", position: 1 });
  });

  test("to a group with no room: the session waits at the FRONT; its old agent pulls first", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.agent("b1", ["billing"], 1);
    t.enq("hold-b", "billing"); // b1 is now full
    t.enq("q1", "billing");
    t.enq("q2", "billing");
    t.enq("s1"); // a1
    t.enq("s2"); // waits for a1
    t.clear();
    const out = t.router.transfer("s1", { toGroup: "billing" });
    expect(out).toMatchObject({
      kind: "queued",
      group: "billing",
      position: 1,
      from: { kind: "assigned", agentId: "a1" },
    });
    expect(t.who()).toEqual(["s2>a1"]);
    expect(t.router.listQueue("t1", "billing").map((e) => e.sessionId)).toEqual(["s1", "q1", "q2"]);
    expect(t.pos()).toEqual([["s1:1", "q1:2", "q2:3"]]);
    t.router.release("hold-b");
    expect(t.router.locate("s1")).toMatchObject({ kind: "assigned", agentId: "b1" });
  });

  test("to a group with room: another agent is preferred over the previous one", () => {
    const t = setup();
    t.agent("a1", ["sales"], 5);
    t.agent("a2", ["sales"], 5);
    t.enq("s1"); // a1
    t.enq("s2"); // a2
    t.enq("s3"); // a1 (load tie, idle tie → id)
    expect(t.router.transfer("s3", { toGroup: "sales" })).toMatchObject({ kind: "assigned", agentId: "a2" });
    // a2 now holds 2, a1 holds 1: the least loaded (a1) would win, but it is the previous agent.
    expect(t.router.transfer("s1", { toGroup: "sales" })).toMatchObject({ kind: "assigned", agentId: "a2" });
  });

  test("to a group whose only agent with room is the previous one: it comes back rather than waiting", () => {
    const t = setup();
    t.agent("a1", ["sales"], 2);
    t.enq("s1");
    expect(t.router.transfer("s1", { toGroup: "sales" })).toMatchObject({ kind: "assigned", agentId: "a1" });
    expect(t.router.stats().queuedNow).toBe(0);
  });

  test("a waiting session moved to another group keeps its wait; not to its own group", () => {
    const t = setup();
    t.enq("s1");
    t.enq("s2");
    t.clock.advance(900);
    kefuError(() => t.router.transfer("s2", { toGroup: "sales" }), "invalid_state", 409);
    expect(t.router.transfer("s2", { toGroup: "billing" })).toMatchObject({
      kind: "queued",
      group: "billing",
      position: 1,
    });
    expect(t.router.locate("s2")).toMatchObject({ kind: "queued", group: "billing", waitedMs: 900 });
    t.agent("b1", ["billing"], 1);
    expect(t.ev.assigned.at(-1)).toMatchObject({ sessionId: "s2", waitedMs: 900 });
  });

  test("to a full group queue: 503 queue_full before anything moves", () => {
    const t = setup({ maxQueuePerGroup: 1 });
    t.agent("a1", ["sales"], 1);
    t.enq("s1");
    t.enq("w1", "billing");
    kefuError(() => t.router.transfer("s1", { toGroup: "billing" }), "queue_full", 503);
    expect(t.router.locate("s1")).toMatchObject({ kind: "assigned", agentId: "a1" });
  });

  test("to a full queue the previous agent will drain first: accepted", () => {
    const t = setup({ maxQueuePerGroup: 1 });
    t.agent("a1", ["sales", "billing"], 1);
    t.enq("s1"); // a1
    t.enq("w1", "billing"); // waits (a1 full); billing queue now full
    const out = t.router.transfer("s1", { toGroup: "billing" });
    expect(out).toMatchObject({ kind: "queued", group: "billing", position: 1 });
    expect(t.router.locate("w1")).toMatchObject({ kind: "assigned", agentId: "a1" });
  });

  test("a session placed at the front counts as old as the head it displaced for multi-group agents", () => {
    const t = setup();
    t.agent("a1", ["sales"], 1);
    t.agent("m", ["billing", "vip"], 1, "offline");
    t.enq("b1", "billing"); // t=1000
    t.clock.advance(10);
    t.enq("v1", "vip"); // t=1010
    t.enq("s1"); // a1
    t.clock.advance(10);
    t.router.transfer("s1", { toGroup: "billing" }); // front of billing, ranked with b1 (1000)
    t.set("m", "online");
    t.router.release("s1");
    t.router.release("b1");
    expect(t.who().filter((w) => w.endsWith(">m"))).toEqual(["s1>m", "b1>m", "v1>m"]);
  });
});

describe("the listener", () => {
  test("may call the router back; events stay in order", () => {
    const t = setup();
    const seen: string[] = [];
    const router = createAgentRouter({
      clock: t.clock,
      listener: {
        assigned: (a) => {
          seen.push(`assigned ${a.sessionId}`);
          if (a.sessionId === "s1") router.release("s1"); // e.g. the visitor had already left
        },
        agentChanged: (v) => seen.push(`agent ${v.load}`),
      },
    });
    router.enqueue({ tenantId: "t1", sessionId: "s1", group: "g" });
    router.enqueue({ tenantId: "t1", sessionId: "s2", group: "g" });
    router.registerAgent({ id: "a", tenantId: "t1", groups: ["g"], capacity: 1, state: "online" });
    expect(seen).toEqual(["assigned s1", "agent 1", "assigned s2", "agent 1"]);
    expect(router.locate("s2")).toMatchObject({ kind: "assigned", agentId: "a" });
  });

  test("one that throws is counted and reported, and the others still hear", () => {
    const errors: string[] = [];
    const changed: string[] = [];
    const router = createAgentRouter({
      clock: manualClock(0),
      listener: {
        assigned: () => {
          throw new Error("boom");
        },
        agentChanged: (v) => changed.push(v.id),
      },
      onListenerError: (e, method) => errors.push(`${method}: ${(e as Error).message}`),
    });
    router.registerAgent({ id: "a", tenantId: "t", groups: ["g"], capacity: 1, state: "online" });
    expect(router.enqueue({ tenantId: "t", sessionId: "s", group: "g" }).kind).toBe("assigned");
    expect(errors).toEqual(["assigned: boom"]);
    expect(changed).toEqual(["a", "a"]);
    expect(router.stats().listenerErrors).toBe(1);
  });
});
