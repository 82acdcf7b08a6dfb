/**
 * Randomized invariant test: a seeded PRNG drives thousands of router operations
 * (agents joining, leaving, changing state, capacity and groups; sessions queued,
 * dequeued, released, transferred; time passing) and a shadow model checks after
 * every step that:
 *   - no agent is over capacity (unless its capacity was lowered under its load);
 *   - every routed session is in exactly one place, and locate agrees;
 *   - queues are FIFO (only heads are served; transfers to a group go in front);
 *   - no online agent with room serves a non-empty queue;
 *   - assignments respect tenant and group; position updates are exact in the window;
 *   - a refused call changes nothing and reports nothing.
 */
import { expect, test } from "bun:test";
import { manualClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import { seededRandom } from "../random.ts";
import { type AgentView, createAgentRouter, type SeatState } from "./routing.ts";

const tenants = ["t1", "t2"];
const groups = ["g1", "g2", "g3"];
const agentIds = Array.from({ length: 10 }, (_, i) => `a${i}`);
const states: SeatState[] = ["online", "online", "online", "busy", "away", "offline"];
const depth = 4;
const maxQueue = 8;
const steps = 4_000;

function must(cond: boolean, msg: string): void {
  if (!cond) throw new Error(msg);
}

for (const seed of [1, 7, 42]) {
  test(`seed ${seed}: ${steps} random operations keep every invariant`, () => {
    const rnd = seededRandom(seed);
    const int = (n: number) => Math.floor(rnd() * n);
    const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)] as T;
    const clock = manualClock(0);

    // Shadow model.
    const modelQueues = new Map<string, string[]>(); // "tenant/group" → expected order
    const routed = new Map<string, string>(); // session → tenant
    const heard = new Map<string, number>(); // last position told to each waiting session
    const allowance = new Map<string, number>(); // agent → load kept over a lowered capacity
    const failures: unknown[] = [];
    let events = 0;
    let transferring: { sessionId: string; toAgent: boolean } | undefined;
    let enqueuing: { sessionId: string; tenantId: string } | undefined;
    let nextSession = 0;
    let step = 0;

    const key = (t: string, g: string) => `${t}/${g}`;
    const findModel = (sid: string): { k: string; i: number } | undefined => {
      for (const [k, xs] of modelQueues) {
        const i = xs.indexOf(sid);
        if (i >= 0) return { k, i };
      }
      return undefined;
    };
    const dropModel = (sid: string, forget = true) => {
      const at = findModel(sid);
      if (at) modelQueues.get(at.k)?.splice(at.i, 1);
      if (forget) heard.delete(sid);
    };
    const modelQueue = (t: string, g: string) => {
      const k = key(t, g);
      let q = modelQueues.get(k);
      if (!q) {
        q = [];
        modelQueues.set(k, q);
      }
      return q;
    };

    const router = createAgentRouter({
      clock,
      maxQueuePerGroup: maxQueue,
      positionUpdateDepth: depth,
      onListenerError: (e) => failures.push(e),
      listener: {
        assigned(a) {
          events++;
          const v = router.getAgent(a.agentId) as AgentView;
          const where = `step ${step}: ${a.sessionId} → ${a.agentId}`;
          must(v.state === "online", `${where}: agent not online`);
          must(v.load <= v.capacity, `${where}: assigned over capacity`);
          must(v.tenantId === a.tenantId, `${where}: other tenant's agent`);
          const tenant = routed.get(a.sessionId) ?? enqueuing?.tenantId;
          must(tenant === a.tenantId, `${where}: session of another tenant`);
          const directed = transferring?.sessionId === a.sessionId && transferring.toAgent;
          must(directed || v.groups.includes(a.group), `${where}: agent does not serve ${a.group}`);
          const at = findModel(a.sessionId);
          if (at && transferring?.sessionId !== a.sessionId) must(at.i === 0, `${where}: not the head (FIFO)`);
          dropModel(a.sessionId);
        },
        queuePositions(updates) {
          events++;
          for (const u of updates) heard.set(u.sessionId, u.position);
        },
        agentChanged() {
          events++;
        },
        agentRemoved() {
          events++;
        },
      },
    });

    const snapshot = () =>
      JSON.stringify({
        agents: tenants.map((t) => router.listAgents(t)),
        queues: tenants.map((t) => groups.map((g) => router.listQueue(t, g, 1_000))),
        stats: { ...router.stats(), queueFullTotal: 0 },
      });

    /** Runs a call that may be refused with one of `codes`; a refusal must change and report nothing. */
    const attempt = <T>(codes: string[], fn: () => T): T | undefined => {
      const before = snapshot();
      const eventsBefore = events;
      try {
        return fn();
      } catch (e) {
        if (!(e instanceof KefuError) || !codes.includes(e.code)) throw e;
        must(snapshot() === before, `step ${step}: refused ${e.code} but state changed`);
        must(events === eventsBefore, `step ${step}: refused ${e.code} but events were sent`);
        return undefined;
      }
    };

    const checkInvariants = () => {
      expect(failures).toEqual([]);
      const seen = new Map<string, string>();
      for (const t of tenants) {
        for (const v of router.listAgents(t)) {
          const cap = Math.max(v.capacity, allowance.get(v.id) ?? 0);
          must(v.load <= cap, `step ${step}: ${v.id} holds ${v.load} > ${cap}`);
          if (v.load <= v.capacity) allowance.delete(v.id);
          else allowance.set(v.id, v.load);
          for (const s of v.sessions) {
            must(!seen.has(s), `step ${step}: ${s} in two places`);
            seen.set(s, `agent ${v.id}`);
            must(routed.get(s) === t, `step ${step}: ${s} held by ${v.id} of the wrong tenant`);
          }
          if (v.state === "online" && v.load < v.capacity)
            for (const g of v.groups)
              must(router.listQueue(t, g, 1).length === 0, `step ${step}: ${v.id} idle while ${t}/${g} waits`);
        }
        for (const g of groups) {
          const q = router.listQueue(t, g, 1_000).map((e) => e.sessionId);
          must(q.length <= maxQueue, `step ${step}: ${t}/${g} over its bound`);
          expect(q).toEqual(modelQueues.get(key(t, g)) ?? []);
          q.forEach((s, i) => {
            must(!seen.has(s), `step ${step}: ${s} in two places`);
            seen.set(s, `queue ${t}/${g}`);
            must(heard.has(s), `step ${step}: ${s} never heard its position`);
            if (i < depth) must(heard.get(s) === i + 1, `step ${step}: ${s} heard ${heard.get(s)}, is ${i + 1}`);
            expect(router.locate(s)).toMatchObject({ kind: "queued", group: g, position: i + 1 });
          });
        }
      }
      must(seen.size === routed.size, `step ${step}: ${seen.size} placed, ${routed.size} routed`);
      for (const s of routed.keys()) must(seen.has(s), `step ${step}: ${s} is lost`);
      const st = router.stats();
      must(st.assignedNow + st.queuedNow === routed.size, `step ${step}: stats disagree`);
    };

    const known = () => [...routed.keys()];
    for (step = 0; step < steps; step++) {
      // Alternate calm and rush phases of 500 steps, so queues both drain and fill up.
      const rush = Math.floor(step / 500) % 2 === 1;
      let r = rnd();
      if (rush && r >= 0.32 && r < 0.52 && rnd() < 0.5) r = rnd() * 0.22; // most releases become arrivals
      if (r < 0.22) {
        const sessionId = `s${nextSession++}`;
        const tenantId = pick(tenants);
        const group = pick(groups);
        enqueuing = { sessionId, tenantId };
        const out = attempt(["queue_full"], () => router.enqueue({ tenantId, sessionId, group }));
        enqueuing = undefined;
        if (out) routed.set(sessionId, tenantId);
        if (out?.kind === "queued") {
          modelQueue(tenantId, group).push(sessionId);
          must(out.position === modelQueue(tenantId, group).length, `step ${step}: wrong position returned`);
        }
        if (!out) must(modelQueue(tenantId, group).length === maxQueue, `step ${step}: queue_full below the bound`);
      } else if (r < 0.24 && routed.size) {
        const s = pick(known());
        const t = routed.get(s) as string;
        expect(
          attempt(["invalid_state"], () => router.enqueue({ tenantId: t, sessionId: s, group: pick(groups) })),
        ).toBeUndefined();
      } else if (r < 0.32) {
        const s = rnd() < 0.9 && routed.size ? pick(known()) : "ghost";
        const waiting = findModel(s) !== undefined;
        expect(router.dequeue(s)).toBe(waiting);
        if (waiting) {
          routed.delete(s);
          dropModel(s);
        }
      } else if (r < 0.52) {
        const s = rnd() < 0.95 && routed.size ? pick(known()) : "ghost";
        expect(router.release(s)).toBe(routed.has(s));
        routed.delete(s);
        dropModel(s);
      } else if (r < 0.64) {
        const id = pick(agentIds);
        const v = router.getAgent(id);
        if (!v) continue;
        const stale = rnd() < 0.2;
        const out = attempt(["version_conflict"], () => router.setState(id, pick(states), v.version - (stale ? 1 : 0)));
        must((out === undefined) === stale, `step ${step}: CAS outcome wrong`);
      } else if (r < 0.7) {
        const id = pick(agentIds);
        const v = router.getAgent(id);
        if (!v) continue;
        const capacity = 1 + int(4);
        if (capacity < v.load) allowance.set(id, v.load);
        router.updateAgent(id, { capacity });
      } else if (r < 0.74) {
        const id = pick(agentIds);
        if (!router.getAgent(id)) continue;
        router.updateAgent(id, { groups: groups.filter(() => rnd() < 0.5) });
      } else if (r < 0.8) {
        const id = pick(agentIds);
        const g = groups.filter(() => rnd() < 0.5);
        const input = { id, tenantId: pick(tenants), groups: g, capacity: 1 + int(3), state: pick(states) };
        attempt(["already_exists"], () => router.registerAgent(input));
      } else if (r < 0.83) {
        const { released } = router.removeAgent(pick(agentIds));
        for (const s of released) routed.delete(s);
      } else if (r < 0.94 && routed.size) {
        const s = pick(known());
        const toAgent = rnd() < 0.5;
        const target = toAgent ? { toAgentId: pick(agentIds) } : { toGroup: pick(groups) };
        transferring = { sessionId: s, toAgent };
        const out = attempt(["agent_unavailable", "invalid_state", "queue_full"], () => router.transfer(s, target));
        transferring = undefined;
        if (out?.kind === "queued") {
          dropModel(s, false); // it heard its new position during the call
          modelQueue(routed.get(s) as string, out.group).unshift(s);
          must(out.position === 1, `step ${step}: a transfer to a group waits at the front`);
        }
      } else {
        clock.advance(int(1_000));
      }
      checkInvariants();
    }
    // The run exercised every path.
    const st = router.stats();
    expect(st.assignedTotal).toBeGreaterThan(300);
    expect(st.queueFullTotal).toBeGreaterThan(0);
    expect(st.transferredTotal).toBeGreaterThan(50);
  });
}
