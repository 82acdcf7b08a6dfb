import { describe, expect, test } from "bun:test";
import { asksForHuman, decideHandoff, type HandoffState, type HandoffTurn, initialHandoffState } from "./handoff.ts";

/** Runs turns from a fresh state; returns every decision. */
function run(turns: HandoffTurn[]) {
  let state: HandoffState = initialHandoffState();
  return turns.map((t) => {
    const r = decideHandoff(state, t);
    state = r.state;
    return r.decision;
  });
}

describe("asksForHuman", () => {
  test.each([
    "转人工",
    "转 人 工！！！",
    "人工客服在吗？",
    "我要找人工",
    "人工",
    "人工。",
    "有没有真人啊",
    "ＡＧＥＮＴ",
    "I want to speak to someone",
    "Can I talk to a human, please?",
    "real person please!!!",
    "get me an agent",
    "Human.",
    "let me speak with a manager",
    "is there a human here?",
    "transfer me to an operator",
    "I need a rep",
  ])("request: %s", (t) => expect(asksForHuman(t)).toBe(true));

  test.each([
    "I love humanity",
    "humanitarian aid",
    "人工智能是什么",
    "不要转人工，我自己看看",
    "I don't need a human",
    "no agent please",
    "I don't want to talk to an agent",
    "where is my order",
    "management is great",
    "human error on my side, sorry",
    "I'm human too",
    "your agents were rude",
    "the agent said it would ship today",
    "check the user agent string",
  ])("not a request: %s", (t) => expect(asksForHuman(t)).toBe(false));
});

describe("decideHandoff", () => {
  test("(a) visitor request", () => {
    expect(run([{ text: "你好" }, { text: "转人工！" }])).toEqual([
      { handoff: false },
      { handoff: true, reason: "visitor_request" },
    ]);
  });

  test("(b) intent action", () => {
    expect(run([{ text: "xx", intentAction: "handoff", confidence: 0.9 }])).toEqual([
      { handoff: true, reason: "intent" },
    ]);
    expect(run([{ text: "xx", intentAction: "kb", confidence: 0.9 }])).toEqual([{ handoff: false }]);
  });

  test("(c) low confidence for N consecutive turns; a confident turn resets the streak", () => {
    const low = { text: "嗯嗯", confidence: 0.1 };
    const high = { text: "查订单", confidence: 0.9 };
    expect(run([low, low, high, low, low, low]).map((d) => d.handoff)).toEqual([
      false,
      false,
      false,
      false,
      false,
      true,
    ]);
    expect(run([low, low, low]).at(-1)).toEqual({ handoff: true, reason: "low_confidence" });
    // Turns without a confidence neither count nor reset.
    expect(run([low, { text: "hm" }, low, low]).at(-1)).toEqual({ handoff: true, reason: "low_confidence" });
  });

  test("(d) negative sentiment: one strong turn, or accumulated", () => {
    expect(run([{ text: "垃圾店铺" }])).toEqual([{ handoff: true, reason: "negative_sentiment" }]);
    expect(run([{ text: "this is terrible" }, { text: "really terrible service" }]).map((d) => d.handoff)).toEqual([
      false,
      true,
    ]);
    // Decay: far-apart mild complaints do not add up.
    expect(
      run([{ text: "terrible" }, { text: "ok" }, { text: "ok" }, { text: "terrible" }]).some((d) => d.handoff),
    ).toBe(false);
    expect(run([{ text: "I am not angry" }, { text: "I am not angry" }])).toEqual([
      { handoff: false },
      { handoff: false },
    ]);
  });

  test("(e) no answer", () => {
    expect(run([{ text: "what is the meaning of life", answered: false }])).toEqual([
      { handoff: true, reason: "no_answer" },
    ]);
    expect(run([{ text: "hi", answered: true }])).toEqual([{ handoff: false }]);
  });

  test("exactly once, whatever follows", () => {
    const ds = run([
      { text: "转人工" },
      { text: "转人工" },
      { text: "scam!!!", intentAction: "handoff", answered: false, confidence: 0 },
      { text: "real person" },
    ]);
    expect(ds.filter((d) => d.handoff)).toEqual([{ handoff: true, reason: "visitor_request" }]);
  });

  test("precedence names the first trigger; the input state is not mutated", () => {
    const s = initialHandoffState();
    const r = decideHandoff(s, { text: "骗子！转人工", intentAction: "handoff", answered: false });
    expect(r.decision).toEqual({ handoff: true, reason: "visitor_request" });
    expect(s).toEqual(initialHandoffState());
    expect(r.state.handedOff).toBe(true);
    expect(JSON.parse(JSON.stringify(r.state))).toEqual(r.state);
  });

  test("non-triggers", () => {
    expect(
      run([
        { text: "I love humanity", confidence: 0.8 },
        { text: "I am not angry", confidence: 0.8 },
        { text: "人工智能客服挺好用", confidence: 0.8 },
        { text: "thanks!", confidence: 0.8, answered: true },
      ]).some((d) => d.handoff),
    ).toBe(false);
  });

  test("thresholds are options", () => {
    const once = (t: HandoffTurn) =>
      decideHandoff(initialHandoffState(), t, { lowConfidenceTurns: 1, negativeThreshold: 10 });
    expect(once({ text: "x", confidence: 0.2 }).decision).toEqual({ handoff: true, reason: "low_confidence" });
    expect(once({ text: "垃圾" }).decision).toEqual({ handoff: false });
  });
});
