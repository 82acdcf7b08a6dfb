import { describe, expect, test } from "bun:test";
import { kefu } from "../proto/index.ts";
import { decodeEvent, encodeEvent, type SessionEvent } from "./events.ts";

const message: SessionEvent = {
  tenantId: "t1",
  sessionId: "s1",
  seq: 9_007_199_254_740_991, // 2^53 - 1 survives the uint64 mapping
  atUnixMs: 1_700_000_000_123,
  actor: { kind: "agent", id: "a7" },
  body: { type: "message", clientMsgId: "c1", text: "您好", attributes: { card: "order:42" } },
};

describe("session event codec", () => {
  test("a message event round-trips through protobuf", () => {
    expect(decodeEvent(encodeEvent(message))).toEqual(message);
  });

  test("a state change round-trips, optional fields omitted when empty", () => {
    const e: SessionEvent = {
      ...message,
      seq: 2,
      actor: { kind: "system", id: "" },
      body: { type: "state_changed", from: "queued", to: "assigned", reason: "assigned", agentId: "a7" },
    };
    expect(decodeEvent(encodeEvent(e))).toEqual(e);
  });

  test("the bytes are a kefu.v1.SessionEvent any protobuf decoder reads", () => {
    const m = kefu.v1.SessionEvent.decode(encodeEvent(message));
    expect(m.sessionId).toBe("s1");
    expect(m.actor?.kind).toBe(kefu.v1.ActorKind.ACTOR_KIND_AGENT);
    expect(m.message?.text).toBe("您好");
  });

  test("an event without a body or with an unknown enum is rejected", () => {
    const noBody = kefu.v1.SessionEvent.encode({ sessionId: "s", seq: 1 }).finish();
    expect(() => decodeEvent(noBody)).toThrow(/no body/);
    const badActor = kefu.v1.SessionEvent.encode({
      sessionId: "s",
      seq: 1,
      actor: { kind: 99 as kefu.v1.ActorKind },
      message: { text: "x" },
    }).finish();
    expect(() => decodeEvent(badActor)).toThrow(/ActorKind/);
  });
});
