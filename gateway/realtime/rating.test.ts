// POST /v1/visitor/rating over real HTTP: bounds, once per session, who may rate, and
// the agent following the session sees the rating live.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { statusAndCode } from "../test/utils.ts";

let h: RealtimeHarness;
beforeAll(async () => {
  h = await realtimeHarness();
});
afterAll(() => h.close());

const rate = (token: string | undefined, body: unknown) =>
  fetch(`${h.gw.url}/v1/visitor/rating`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });

describe("POST /v1/visitor/rating", () => {
  test("bad scores and long comments are 400; no credential 401; an agent token 403", async () => {
    const v = await h.visitor("t1");
    for (const score of [0, 6, 4.5, null])
      expect(await statusAndCode(await rate(v.token, { score }))).toEqual([400, "invalid_request"]);
    expect(await statusAndCode(await rate(v.token, { score: 3, comment: "x".repeat(501) }))).toEqual([
      400,
      "invalid_request",
    ]);
    expect((await rate(undefined, { score: 5 })).status).toBe(401);
    const agent = await h.agent("rater", "t1", { online: false });
    expect(await statusAndCode(await rate(agent.token, { score: 5 }))).toEqual([403, "forbidden"]);
  });

  test("a closed conversation is rated once: stored, shown to the agent, counted; a second rating is 409", async () => {
    const v = await h.visitor("t1");
    // The agent follows the session (as a supervisor would): a watcher sees every event.
    const sup = await h.agent("sup-r", "t1", { online: false, role: "supervisor" });
    sup.c.send({ watch: { sessionId: v.sessionId } });
    v.c.send({ close: { sessionId: v.sessionId, reason: "done" } });
    await v.c.next((f) => f.close);

    const res = await rate(v.token, { score: 5, comment: "  quick and kind  " });
    expect(res.status).toBe(201);
    const { seq } = (await res.json()) as { seq: number };
    const seen = await sup.c.next((f) => (f.deliver?.event?.rating ? f.deliver.event : undefined));
    expect([Number(seen.seq), seen.rating?.score, seen.rating?.comment]).toEqual([seq, 5, "quick and kind"]);

    const stored = await h.gw.backends.eventStore.readAfter(v.sessionId, 0, 100);
    expect(stored.filter((e) => e.body.type === "rating").map((e) => [e.seq, e.body])).toEqual([
      [seq, { type: "rating", score: 5, comment: "quick and kind" }],
    ]);
    expect(await statusAndCode(await rate(v.token, { score: 1 }))).toEqual([409, "already_rated"]);
    expect(stored.filter((e) => e.body.type === "rating")).toHaveLength(1);

    const metrics = await (await fetch(`${h.gw.url}/metrics`)).text();
    expect(metrics).toMatch(/^kefu_conversation_ratings_total\{score="5"\} [1-9]/m);
  });
});
