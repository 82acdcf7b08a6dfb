import { describe, expect, test } from "bun:test";
import type { Frame } from "../conversations/fanout.ts";
import { recordingFanout } from "../conversations/fanout.ts";
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
  store.bind("webhook:shop", "u1", { tenantId: "t1", sessionId: "s1", visitorId: "v1" });
  return { store, delivery, channels, sent };
}

const frame = (actorKind: number, seq: number, text: string): Frame => ({
  deliver: {
    event: {
      tenantId: "t1",
      sessionId: "s1",
      seq,
      atUnixMs: 5,
      actor: { kind: actorKind, id: "x" },
      message: { clientMsgId: `c${seq}`, text },
    },
  },
});

describe("channels: outbound", () => {
  test("a channel session's bot and agent messages go to its sender; visitor messages, other sessions and non-messages do not", async () => {
    const { channels, delivery, sent } = setup();
    const inner = recordingFanout();
    const fanout = channels.tap(inner);
    fanout.session("s1", frame(1, 2, "from the visitor"));
    fanout.session("s1", frame(3, 3, "bot answer"));
    fanout.session("s1", frame(2, 4, "agent answer"));
    fanout.session("s1", { typing: { sessionId: "s1", on: true } });
    fanout.session("widget-session", frame(3, 2, "not a channel's"));
    await delivery.idle();
    expect(sent.map((m) => [m.channel, m.userId, m.seq, m.actor, m.text])).toEqual([
      ["webhook:shop", "u1", 3, "bot", "bot answer"],
      ["webhook:shop", "u1", 4, "agent", "agent answer"],
    ]);
    // The wrapped Fanout still gets every frame.
    expect(inner.frames.length).toBe(5);
  });

  test("awaitReply takes the next answer instead of the queue; after its window, answers are pushed", async () => {
    const { channels, delivery, sent } = setup();
    const waiting = channels.awaitReply("webhook:shop", "u1", 10_000);
    channels.observe("s1", frame(3, 3, "passive"));
    expect((await waiting)?.text).toBe("passive");
    const expired = await channels.awaitReply("webhook:shop", "u1", 1);
    expect(expired).toBeUndefined();
    channels.observe("s1", frame(2, 4, "pushed"));
    const cancelled = channels.awaitReply("webhook:shop", "u1", 10_000);
    channels.cancelReply("webhook:shop", "u1");
    expect(await cancelled).toBeUndefined();
    channels.observe("s1", frame(2, 5, "pushed too"));
    await delivery.idle();
    expect(sent.map((m) => m.text)).toEqual(["pushed", "pushed too"]);
  });

  test("an answer that does not fit the waiter (over a passive-reply limit) ends the wait and is pushed instead", async () => {
    const { channels, delivery, sent } = setup();
    const waiting = channels.awaitReply("webhook:shop", "u1", 10_000, (m) => m.text.length <= 5);
    channels.observe("s1", frame(3, 3, "far too long for a passive reply"));
    expect(await waiting).toBeUndefined();
    await delivery.idle();
    expect(sent.map((m) => m.text)).toEqual(["far too long for a passive reply"]);
  });

  test("an unknown channel kind has no sender: nothing is queued", async () => {
    const { channels, delivery, store, sent } = setup();
    store.bind("sms:x", "u9", { tenantId: "t1", sessionId: "s9", visitorId: "v9" });
    channels.observe("s9", frame(3, 2, "hi"));
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
