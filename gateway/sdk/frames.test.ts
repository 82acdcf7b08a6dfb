// The SDK's frame types against the generated proto code: every frame kind and
// every field name the SDK declares exists in proto/kefu/v1 (a misspelt or removed
// field fails tsc here), and frames the SDK builds survive the server's decoder.
import { describe, expect, test } from "bun:test";
import type { kefu as K } from "../../proto/index.ts";
import { kefu } from "../../proto/index.ts";
import { decodeFrame } from "../realtime/codec.ts";
import { attachmentsOf, FRAME_KINDS, type Frame, quickRepliesOf, type SessionEvent } from "./frames.ts";
import { Timeline } from "./timeline.ts";

type Kind = (typeof FRAME_KINDS)[number];
/** Field names the SDK declares that the proto message lacks (never, when they match). */
type Extra<A, B> = Exclude<keyof NonNullable<A>, keyof NonNullable<B>>;
type FrameExtras = { [k in Kind]: Extra<Frame[k], K.v1.IFrame[k]> }[Kind];
type EventExtras =
  | Extra<SessionEvent, K.v1.ISessionEvent>
  | Extra<SessionEvent["message"], K.v1.IChatMessage>
  | Extra<SessionEvent["actor"], K.v1.IActor>
  | Extra<SessionEvent["stateChanged"], K.v1.IStateChanged>
  | Extra<SessionEvent["started"], K.v1.ISessionStarted>;

describe("SDK frames match proto/kefu/v1", () => {
  test("every frame kind and field name exists in the generated code", () => {
    const frameFields: [FrameExtras] extends [never] ? true : false = true;
    const eventFields: [EventExtras] extends [never] ? true : false = true;
    expect(frameFields && eventFields).toBe(true);
    for (const k of FRAME_KINDS) expect(kefu.v1.Frame.fromObject({ [k]: {} }).kind).toBe(k);
  });

  test("the frames the client sends decode on the server to the same message", () => {
    const tl = new Timeline();
    const built: Frame[] = [
      tl.queue("s1", "hi", "c-1", { attachments: '[{"id":"a1","mime":"image/png","bytes":3}]' }),
      { id: "r-s1", resume: { sessionId: "s1", lastSeq: 7 } },
      { id: "h-1", handoff: { reason: "visitor_request" } },
      { typing: { on: true } },
      { id: "x-1", close: { reason: "done" } },
    ];
    for (const f of built) {
      const back = kefu.v1.Frame.toObject(decodeFrame(JSON.stringify(f), "json"), { longs: Number, enums: String });
      expect(back).toEqual(JSON.parse(JSON.stringify(f)));
    }
  });
});

describe("attribute parsers", () => {
  test("quick replies: strings only, at most 6, each cut to 40 characters; malformed gives none", () => {
    const q = (v: string) => quickRepliesOf({ attributes: { quick_replies: v } });
    expect(q('["Track my order", "查订单"]')).toEqual(["Track my order", "查订单"]);
    expect(q(JSON.stringify(["a", 1, null, " ", "b", "c", "d", "e", "f", "g"]))).toEqual([
      "a",
      "b",
      "c",
      "d",
      "e",
      "f",
    ]);
    expect(q(JSON.stringify(["x".repeat(50)]))[0]).toHaveLength(40);
    expect(q("{not json")).toEqual([]);
    expect(q('{"a":1}')).toEqual([]);
    expect(quickRepliesOf(undefined)).toEqual([]);
  });

  test("attachments: well-formed image references only (safe ids, image/* types), at most 4", () => {
    const a = (v: unknown) => attachmentsOf({ attributes: { attachments: JSON.stringify(v) } });
    expect(a([{ id: "abc_-1", mime: "image/png", bytes: 3, name: "x.png" }])).toEqual([
      { id: "abc_-1", mime: "image/png", bytes: 3, name: "x.png" },
    ]);
    expect(a([{ id: "../etc", mime: "image/png", bytes: 3 }])).toEqual([]);
    expect(a([{ id: "ok", mime: "text/html", bytes: 3 }])).toEqual([]);
    expect(a([{ id: "ok", mime: "image/gif" }])).toEqual([]);
    expect(a(Array.from({ length: 6 }, (_, i) => ({ id: `i${i}`, mime: "image/gif", bytes: 1 })))).toHaveLength(4);
    expect(attachmentsOf({ attributes: { attachments: "nope" } })).toEqual([]);
  });
});
