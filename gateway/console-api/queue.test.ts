// The agents' queue list (GET /v1/tenants/:tenant/console/queue) and the supervisor's
// starting picture of the seats (agentState frames right after the welcome).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { kefu } from "../../proto/index.ts";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";

let h: RealtimeHarness;
beforeAll(async () => {
  h = await realtimeHarness();
});
afterAll(() => h.close());

const get = (path: string, token?: string) =>
  fetch(`${h.gw.url}${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});

describe("GET /v1/tenants/:tenant/console/queue", () => {
  test("lists the tenant's queued sessions, longest wait first, to its agents; others are refused", async () => {
    const first = await h.visitor("tq");
    first.c.send({ handoff: { group: "sales", reason: "visitor_request" } });
    await first.c.next((f) => f.queuePosition);
    await h.tick(3_000);
    const second = await h.visitor("tq");
    second.c.send({ handoff: { group: "billing", reason: "visitor_request" } });
    await second.c.next((f) => f.queuePosition);
    await h.tick(1_000);

    const agent = await h.agent("q-agent", "tq", { online: false });
    const res = await get("/v1/tenants/tq/console/queue", agent.token);
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      waiting: number;
      queue: { sessionId: string; group: string; waitedMs: number }[];
    };
    expect(body.waiting).toBe(2);
    expect(body.queue.map((q) => [q.sessionId, q.group, q.waitedMs])).toEqual([
      [first.sessionId, "sales", 4_000],
      [second.sessionId, "billing", 1_000],
    ]);

    expect((await get("/v1/tenants/tq/console/queue")).status).toBe(401);
    expect((await get("/v1/tenants/tq/console/queue", first.token)).status).toBe(403);
    const other = await h.agent("q-other", "tq2", { online: false });
    expect((await get("/v1/tenants/tq/console/queue", other.token)).status).toBe(403);
  });
});

describe("supervisor's starting picture", () => {
  test("a supervisor who connects after the agents hears every seat of its tenant at once", async () => {
    await h.agent("s-ann", "ts", { capacity: 3 }); // online
    await h.agent("s-bob", "ts", { online: false, capacity: 2 });
    await h.agent("s-eve", "ts-other", { capacity: 1 });
    const sup = await h.agent("s-sup", "ts", { role: "supervisor" });
    const seats = [await sup.c.next((f) => f.agentState), await sup.c.next((f) => f.agentState)].map((s) => [
      s.agentId,
      s.state,
      s.capacity,
    ]);
    expect(seats).toEqual([
      ["s-ann", kefu.v1.SeatState.SEAT_STATE_ONLINE, 3],
      ["s-bob", kefu.v1.SeatState.SEAT_STATE_OFFLINE, 2],
    ]);
    // Nothing of another tenant.
    expect((await sup.c.drain(200)).some((f) => f.agentState?.agentId === "s-eve")).toBe(false);
  });
});
