import { describe, expect, test } from "bun:test";
import { ask, callContext, collect } from "../../testing/collect.ts";
import { createMockProvider, type Sleep, timerSleep } from "./index.ts";

const instant: Sleep = async (_ms, signal) => signal.throwIfAborted();

describe("mock (demo) provider", () => {
  test("echoes the last user message word by word, with usage and a finish", async () => {
    const p = createMockProvider({ sleep: instant });
    const r = await collect(p.stream(ask("where is my order", { system: "sys" }), callContext()));
    expect(r.text).toBe("You said: where is my order");
    expect(r.deltas).toEqual(["You ", "said: ", "where ", "is ", "my ", "order"]);
    expect(r.usage).toEqual({ type: "usage", promptTokens: 5, completionTokens: 6 });
    expect(r.finish).toEqual({ type: "finish", reason: "stop" });
    expect([p.id, p.kind]).toEqual(["mock", "mock"]);
  });

  test("a fixed or computed reply", async () => {
    const fixed = createMockProvider({ id: "demo", reply: "Thanks!", sleep: instant });
    expect((await collect(fixed.stream(ask("q"), callContext()))).text).toBe("Thanks!");
    const computed = createMockProvider({ reply: (req) => `${req.messages.length} messages`, sleep: instant });
    expect((await collect(computed.stream(ask("q", { system: "s" }), callContext()))).text).toBe("2 messages");
  });

  test("paces words with the injected sleep: first-token delay, then the token delay", async () => {
    const waits: number[] = [];
    const p = createMockProvider({
      reply: "a b c",
      firstTokenDelayMs: 500,
      tokenDelayMs: 25,
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    await collect(p.stream(ask("q"), callContext()));
    expect(waits).toEqual([500, 25, 25]);
  });

  test("abort during a pause throws the reason (real timer)", async () => {
    const p = createMockProvider({ reply: "a b c", firstTokenDelayMs: 5, tokenDelayMs: 5_000, sleep: timerSleep });
    const ctx = callContext();
    const t0 = performance.now();
    setTimeout(() => ctx.abort(new Error("bye")), 30);
    const r = await collect(p.stream(ask("q"), ctx));
    expect((r.error as Error).message).toBe("bye");
    expect(r.text).toBe("a ");
    expect(performance.now() - t0).toBeLessThan(1_000);
  });
});
