import { describe, expect, test } from "bun:test";
import type { SessionEvent } from "../events.ts";
import { createSqliteEventStore } from "../storage/event-store.sqlite.ts";
import { createChannels } from "./channels.ts";
import { createDelivery, type OutboundMessage } from "./delivery.ts";
import { openChannelStore } from "./store.sqlite.ts";

// The outbound half of the port (the inbound half needs the conversation service: gateway/channels tests).
function setup() {
  const store = openChannelStore(":memory:");
  const delivery = createDelivery({ store, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, sleep: async () => {} });
  const unused = () => Promise.reject(new Error("not used here"));
  const channels = createChannels({ service: { startSession: unused, send: unused, close: unused }, store, delivery });
  const sent: OutboundMessage[] = [];
  channels.register("webhook", { send: async (m) => void sent.push(m) });
  void store.bind("webhook:shop", "u1", { tenantId: "t1", sessionId: "s1", visitorId: "v1" });
  return { store, delivery, channels, sent };
}

const KINDS = { 1: "visitor", 2: "agent", 3: "bot" } as const;
const event = (actorKind: 1 | 2 | 3, seq: number, text: string, sessionId = "s1"): SessionEvent => ({
  tenantId: "t1",
  sessionId,
  seq,
  atUnixMs: 5,
  actor: { kind: KINDS[actorKind], id: "x" },
  body: { type: "message", clientMsgId: `c${seq}`, text },
});

describe("channels: outbound", () => {
  test("a channel session's bot and agent messages go to its sender, once per append; visitor messages, other sessions and non-messages do not", async () => {
    const { channels, delivery, sent } = setup();
    const es = channels.tapStore(createSqliteEventStore({ path: ":memory:" }));
    const base = { tenantId: "t1", sessionId: "s1" };
    const msg = (kind: "visitor" | "bot" | "agent", id: string, text: string, sessionId = "s1") =>
      es.append({ ...base, sessionId, actor: { kind, id: "x" }, body: { type: "message", clientMsgId: id, text } });
    await msg("visitor", "c1", "from the visitor");
    await msg("bot", "c2", "bot answer");
    await msg("bot", "c2", "bot answer"); // a duplicate append is not sent again
    await msg("agent", "c3", "agent answer");
    await es.append({
      ...base,
      actor: { kind: "system", id: "kefu" },
      body: { type: "state_changed", from: "bot", to: "queued", reason: "x" },
    });
    await msg("bot", "c4", "not a channel's", "widget-session");
    await delivery.idle();
    expect(sent.map((m) => [m.channel, m.userId, m.seq, m.actor, m.text])).toEqual([
      ["webhook:shop", "u1", 2, "bot", "bot answer"],
      ["webhook:shop", "u1", 3, "agent", "agent answer"],
    ]);
  });

  test("awaitReply takes the next answer instead of the queue; after its window, answers are pushed", async () => {
    const { channels, delivery, sent } = setup();
    const waiting = channels.awaitReply("webhook:shop", "u1", 10_000);
    await channels.observe(event(3, 3, "passive"));
    expect((await waiting)?.text).toBe("passive");
    const expired = await channels.awaitReply("webhook:shop", "u1", 1);
    expect(expired).toBeUndefined();
    await channels.observe(event(2, 4, "pushed"));
    const cancelled = channels.awaitReply("webhook:shop", "u1", 10_000);
    channels.cancelReply("webhook:shop", "u1");
    expect(await cancelled).toBeUndefined();
    await channels.observe(event(2, 5, "pushed too"));
    await delivery.idle();
    expect(sent.map((m) => m.text)).toEqual(["pushed", "pushed too"]);
  });

  test("an answer that does not fit the waiter (over a passive-reply limit) ends the wait and is pushed instead", async () => {
    const { channels, delivery, sent } = setup();
    const waiting = channels.awaitReply("webhook:shop", "u1", 10_000, (m) => m.text.length <= 5);
    await channels.observe(event(3, 3, "far too long for a passive reply"));
    expect(await waiting).toBeUndefined();
    await delivery.idle();
    expect(sent.map((m) => m.text)).toEqual(["far too long for a passive reply"]);
  });

  test("an unknown channel kind has no sender: nothing is queued", async () => {
    const { channels, delivery, store, sent } = setup();
    await store.bind("sms:x", "u9", { tenantId: "t1", sessionId: "s9", visitorId: "v9" });
    await channels.observe(event(3, 2, "hi", "s9"));
    expect(delivery.pending).toBe(0);
    expect(sent).toEqual([]);
  });

  test("receive refuses empty or oversized ids and empty text with a typed 400", async () => {
    const { channels } = setup();
    for (const m of [
      { userId: "", messageId: "m", text: "hi" },
      { userId: "u", messageId: "x".repeat(129), text: "hi" },
      { userId: "u", messageId: "m", text: "" },
    ]) {
      const e = await channels.receive({ channel: "webhook:shop", tenantId: "t1", ...m }).catch((x: unknown) => x);
      expect([(e as { status: number }).status, (e as { code: string }).code]).toEqual([400, "invalid_request"]);
    }
  });
});
