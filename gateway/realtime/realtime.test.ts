// End to end over real sockets: the delivery contract, conversations, agents and queues.
import { afterEach, describe, expect, test } from "bun:test";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { kefu } from "../test/ws-client.ts";

let h: RealtimeHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const text = (f: kefu.v1.Frame) => f.deliver?.event?.message?.text;
const msg = (clientMsgId: string, t: string, sessionId = "") => ({
  send: { sessionId, message: { clientMsgId, text: t } },
});

describe("visitor ↔ agent chat", () => {
  for (const format of ["pb", "json"] as const) {
    test(`a visitor hands off, an agent is assigned, both talk (${format})`, async () => {
      h = await realtimeHarness();
      const a = await h.agent("a1", "t1", { format });
      const v = await h.visitor("t1", format);
      v.c.send({ id: "f1", ...msg("c1", "你好") });
      const ack = await v.c.next((f) => f.ack);
      expect(ack.seq).toBe(2); // seq 1 is the session's "started" event
      expect(ack.clientMsgId).toBe("c1");

      v.c.send({ handoff: { group: "default", reason: "wants a human" } });
      const asg = await v.c.next((f) => f.assignment);
      expect(asg.agentId).toBe("a1");
      expect((await a.c.next((f) => f.assignment)).sessionId).toBe(v.sessionId);

      // The agent follows the session now: it receives the visitor's next message.
      v.c.send(msg("c2", "我的订单在哪里?"));
      expect(await a.c.next((f) => (text(f) === "我的订单在哪里?" ? f.deliver?.event : null))).toMatchObject({
        sessionId: v.sessionId,
        actor: { kind: kefu.v1.ActorKind.ACTOR_KIND_VISITOR },
      });
      a.c.send(msg("a1-1", "正在查询", v.sessionId));
      const agentAck = await a.c.next((f) => f.ack);
      const got = await v.c.next((f) => (text(f) === "正在查询" ? f.deliver?.event : null));
      expect(got.seq).toBe(agentAck.seq);
      expect(got.actor?.kind).toBe(kefu.v1.ActorKind.ACTOR_KIND_AGENT);
    });
  }

  test("presence: the agent hears the visitor leave and come back; the visitor hears the agent join", async () => {
    h = await realtimeHarness();
    const a = await h.agent("a1");
    const v = await h.visitor();
    v.c.send({ handoff: {} });
    const joined = await v.c.next((f) =>
      f.presence?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_AGENT ? f.presence : null,
    );
    expect(joined).toMatchObject({ online: true, actor: { id: "a1" } });
    await a.c.next((f) => f.assignment);
    const visitorPresence = (f: kefu.v1.Frame) =>
      f.presence?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_VISITOR ? f.presence : null;
    a.c.frames.length = 0;
    v.c.close();
    expect((await a.c.next(visitorPresence)).online).toBe(false);
    const { connect } = await import("../test/ws-client.ts");
    const back = await connect(`${h.gw.url}/v1/ws/visitor`, v.token, "pb");
    expect((await a.c.next(visitorPresence)).online).toBe(true);
    // A second tab of the same visitor changes nothing; presence goes offline only when the last one closes.
    const tab = await connect(`${h.gw.url}/v1/ws/visitor`, v.token, "json");
    await tab.next((f) => f.welcome);
    back.close();
    await Bun.sleep(50);
    expect(a.c.frames.some((f) => visitorPresence(f))).toBe(false);
    tab.close();
    expect((await a.c.next(visitorPresence)).online).toBe(false);
  });

  test("typing and read receipts reach the other side and are not stored", async () => {
    h = await realtimeHarness();
    const a = await h.agent("a1");
    const v = await h.visitor();
    v.c.send({ handoff: {} });
    await a.c.next((f) => f.assignment);
    v.c.send({ typing: { on: true } });
    expect((await a.c.next((f) => f.typing)).on).toBe(true);
    const before = (await h.gw.service.describe({ role: "supervisor", tenantId: "t1", subject: "x" }, v.sessionId))
      .lastSeq;
    a.c.send({ read: { sessionId: v.sessionId, seq: before } });
    expect(Number((await v.c.next((f) => f.read)).seq)).toBe(before);
    const after = (await h.gw.service.describe({ role: "supervisor", tenantId: "t1", subject: "x" }, v.sessionId))
      .lastSeq;
    expect(after).toBe(before);
  });
});

describe("delivery contract", () => {
  test("a resent client_msg_id is acked with the same seq and stored once", async () => {
    h = await realtimeHarness();
    const v = await h.visitor();
    v.c.send(msg("same", "hello"));
    const first = await v.c.next((f) => f.ack);
    v.c.send(msg("same", "hello"));
    const again = await v.c.next((f) => f.ack);
    expect(again.seq).toBe(first.seq);
    expect(again.duplicate).toBe(true);
    const stored = await h.gw.backends.eventStore.readAfter(v.sessionId, 0, 100);
    expect(stored.filter((e) => e.body.type === "message" && e.actor.kind === "visitor").length).toBe(1);
  });

  test("resume replays exactly the gap, in order, from hot history", async () => {
    h = await realtimeHarness();
    const a = await h.agent("a1");
    const v = await h.visitor();
    v.c.send({ handoff: {} });
    await a.c.next((f) => f.assignment);
    v.c.send(msg("c1", "one"));
    const last = (await v.c.next((f) => f.ack)).seq as number;
    v.c.close();
    await v.c.closed;
    for (let i = 0; i < 5; i++) {
      a.c.send(msg(`a${i}`, `while away ${i}`, v.sessionId));
      await a.c.next((f) => f.ack);
    }
    const { connect } = await import("../test/ws-client.ts");
    const back = await connect(`${h.gw.url}/v1/ws/visitor`, v.token, "pb");
    await back.next((f) => f.welcome);
    back.send({ id: "r", resume: { lastSeq: last } });
    const resumed = await back.next((f) => f.resumed);
    const replayed = (await back.drain()).filter((f) => f.deliver).map((f) => f.deliver?.event);
    expect(replayed.map((e) => e?.message?.text)).toEqual([0, 1, 2, 3, 4].map((i) => `while away ${i}`));
    expect(replayed.map((e) => Number(e?.seq))).toEqual([1, 2, 3, 4, 5].map((i) => last + i));
    expect(resumed).toMatchObject({ fromSeq: last, toSeq: last + 5, replayed: 5, source: "hot" });
    back.close();
  });

  test("when hot history no longer holds the gap, it comes from the event store", async () => {
    h = await realtimeHarness({ KEFU_STORAGE_HOT_HISTORY_SIZE: "2" });
    const v = await h.visitor();
    for (let i = 0; i < 6; i++) {
      v.c.send(msg(`c${i}`, `m${i}`));
      await v.c.next((f) => f.ack);
    }
    await v.c.drain();
    v.c.send({ resume: { lastSeq: 2 } });
    const resumed = await v.c.next((f) => f.resumed);
    const events = (await v.c.drain())
      .filter((f) => f.deliver?.event?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_VISITOR)
      .map((f) => f.deliver?.event?.message?.text);
    expect(resumed.source).toBe("store");
    expect(events).toEqual(["m1", "m2", "m3", "m4", "m5"]);
  });

  test("a gap larger than maxReplayEvents is refused explicitly, never replayed in part", async () => {
    h = await realtimeHarness({ KEFU_CONVERSATIONS_MAX_REPLAY_EVENTS: "3" });
    const v = await h.visitor();
    for (let i = 0; i < 5; i++) {
      v.c.send(msg(`c${i}`, `m${i}`));
      await v.c.next((f) => f.ack);
    }
    await v.c.drain();
    v.c.send({ id: "r", resume: { lastSeq: 1 } });
    const err = await v.c.next((f) => f.error);
    expect(err).toMatchObject({ code: "replay_too_large", ref: "r" });
    expect((await v.c.drain()).filter((f) => f.deliver)).toEqual([]);
  });

  test("an acked message survives a restart of the gateway on the same data", async () => {
    const { tempDir } = await import("../test/utils.ts");
    const dir = tempDir("kefu-restart-");
    const env = { KEFU_DATA_DIR: dir.dir, KEFU_AUTH_SECRET: "s".repeat(40) };
    h = await realtimeHarness(env);
    const v = await h.visitor();
    v.c.send(msg("c1", "how long does a refund take?"));
    await v.c.next((f) => f.ack);
    // The bot answers a FAQ in the bot state; wait for its stored reply, the session's newest event.
    const botReply = await v.c.next((f) =>
      f.deliver?.event?.actor?.kind === kefu.v1.ActorKind.ACTOR_KIND_BOT ? f.deliver.event : null,
    );
    await h.close();
    h = await realtimeHarness(env);
    const { connect } = await import("../test/ws-client.ts");
    const back = await connect(`${h.gw.url}/v1/ws/visitor`, v.token, "json");
    expect(Number((await back.next((f) => f.welcome)).lastSeq)).toBe(Number(botReply.seq));
    back.send({ resume: { lastSeq: 0 } });
    await back.next((f) => f.resumed);
    const texts = (await back.drain()).map(text).filter(Boolean);
    expect(texts).toEqual(["how long does a refund take?", botReply.message?.text]);
    back.close();
    dir.cleanup();
  });
});

describe("queue and assignment", () => {
  test("least-loaded agents first, capacity respected, FIFO queue with positions, assignment as soon as capacity frees", async () => {
    h = await realtimeHarness();
    const a1 = await h.agent("a1", "t1", { capacity: 1 });
    const a2 = await h.agent("a2", "t1", { capacity: 2 });
    const vs = [];
    for (let i = 0; i < 5; i++) vs.push(await h.visitor());
    const assigned: Record<string, string> = {};
    for (const v of vs.slice(0, 3)) {
      v.c.send({ handoff: {} });
      assigned[v.sessionId] = (await v.c.next((f) => f.assignment)).agentId as string;
    }
    expect(Object.values(assigned).sort()).toEqual(["a1", "a2", "a2"]);
    // Everyone is full: the next two wait, with positions 1 and 2.
    const v4 = vs[3] as (typeof vs)[number];
    const v5 = vs[4] as (typeof vs)[number];
    v4.c.send({ handoff: {} });
    expect((await v4.c.next((f) => f.queuePosition)).position).toBe(1);
    v5.c.send({ handoff: {} });
    expect((await v5.c.next((f) => f.queuePosition)).position).toBe(2);
    // a1 closes its session: v4 goes to a1 at once, v5 moves up.
    const a1Session = Object.entries(assigned).find(([, a]) => a === "a1")?.[0] as string;
    a1.c.send({ close: { sessionId: a1Session, reason: "solved" } });
    expect((await v4.c.next((f) => f.assignment)).agentId).toBe("a1");
    expect((await v5.c.next((f) => f.queuePosition)).position).toBe(1);
    expect(a2).toBeDefined();
  });

  test("transfer to another agent, and to a group", async () => {
    h = await realtimeHarness();
    const a1 = await h.agent("a1", "t1", { groups: ["sales"] });
    const a2 = await h.agent("a2", "t1", { groups: ["sales"] });
    const b1 = await h.agent("b1", "t1", { groups: ["billing"] });
    const v = await h.visitor();
    v.c.send({ handoff: { group: "sales" } });
    const first = (await v.c.next((f) => f.assignment)).agentId as string;
    const from = first === "a1" ? a1 : a2;
    const to = first === "a1" ? "a2" : "a1";
    from.c.send({ transfer: { sessionId: v.sessionId, toAgentId: to } });
    expect((await v.c.next((f) => f.assignment)).agentId).toBe(to);
    const holder = to === "a1" ? a1 : a2;
    await holder.c.next((f) => f.assignment);
    holder.c.send({ transfer: { sessionId: v.sessionId, toGroup: "billing" } });
    expect(await v.c.next((f) => f.assignment)).toMatchObject({ agentId: "b1", group: "billing" });
    // The previous agent no longer follows the session.
    v.c.send(msg("after", "after transfer"));
    expect(await b1.c.next((f) => (text(f) === "after transfer" ? true : null))).toBe(true);
    await Bun.sleep(50);
    expect(holder.c.frames.some((f) => text(f) === "after transfer")).toBe(false);
  });

  test("seat changes are compare-and-set: a stale version loses", async () => {
    h = await realtimeHarness();
    const a = await h.agent("a1");
    const current = h.gw.routing.getAgent("a1")?.version as number;
    a.c.send({ id: "x", agentState: { state: 3, version: current } });
    expect((await a.c.next((f) => (f.id === "x" ? f.agentState : null))).state).toBe(kefu.v1.SeatState.SEAT_STATE_AWAY);
    a.c.send({ id: "y", agentState: { state: 1, version: current } });
    expect(await a.c.next((f) => f.error)).toMatchObject({ code: "version_conflict", ref: "y" });
  });
});

describe("timers on the fake clock", () => {
  test("an idle visitor's session is closed after conversations.visitorIdleMs", async () => {
    h = await realtimeHarness({ KEFU_CONVERSATIONS_VISITOR_IDLE_MS: "60000" });
    const v = await h.visitor();
    await h.tick(59_000);
    expect(v.c.frames.some((f) => f.close)).toBe(false);
    await h.tick(2_000);
    expect((await v.c.next((f) => f.close)).reason).toBe("idle");
    v.c.send(msg("late", "still there?"));
    expect((await v.c.next((f) => f.error)).code).toBe("session_closed");
  });

  test("a message resets the idle timer", async () => {
    h = await realtimeHarness({ KEFU_CONVERSATIONS_VISITOR_IDLE_MS: "60000" });
    const v = await h.visitor();
    await h.tick(50_000);
    v.c.send(msg("c1", "still here"));
    await v.c.next((f) => f.ack);
    await h.tick(50_000);
    expect(v.c.frames.some((f) => f.close)).toBe(false);
    await h.tick(11_000);
    await v.c.next((f) => f.close);
  });

  test("a supervisor is alerted on the first-response SLA and on long queue waits", async () => {
    h = await realtimeHarness({
      KEFU_CONVERSATIONS_AGENT_FIRST_RESPONSE_MS: "30000",
      KEFU_CONVERSATIONS_QUEUE_WAIT_ALERT_MS: "20000",
    });
    const sup = await h.agent("boss", "t1", { role: "supervisor" });
    const v1 = await h.visitor();
    v1.c.send({ handoff: {} }); // no agent yet: waits
    await v1.c.next((f) => f.queuePosition);
    await h.tick(21_000);
    expect((await sup.c.next((f) => f.alert)).kind).toBe("queue_wait");
    await h.agent("a1");
    await v1.c.next((f) => f.assignment);
    await h.tick(31_000);
    expect(await sup.c.next((f) => f.alert)).toMatchObject({ kind: "first_response_sla", agentId: "a1" });
  });

  test("an agent's sessions return to the bot when it stays disconnected past the grace period", async () => {
    h = await realtimeHarness({ KEFU_CONVERSATIONS_AGENT_RECONNECT_GRACE_MS: "10000" });
    const a = await h.agent("a1");
    const v = await h.visitor();
    v.c.send({ handoff: {} });
    await v.c.next((f) => f.assignment);
    a.c.close();
    await a.c.closed;
    await Bun.sleep(20);
    await h.tick(11_000);
    const back = await v.c.next((f) =>
      f.deliver?.event?.stateChanged?.to === kefu.v1.SessionState.SESSION_STATE_BOT
        ? f.deliver.event.stateChanged
        : null,
    );
    expect(back.reason).toBe("agent_disconnected");
  });
});
