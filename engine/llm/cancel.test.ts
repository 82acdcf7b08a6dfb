import { describe, expect, test } from "bun:test";
import { Cancel, type SignalLike, toAbortSignal } from "./cancel.ts";

describe("Cancel", () => {
  test("runs each listener once at the abort, with the reason set first; a second abort does nothing", () => {
    const c = new Cancel();
    const seen: unknown[] = [];
    c.addEventListener("abort", () => seen.push(["a", c.aborted, c.reason]));
    c.addEventListener("abort", () => seen.push(["b", c.reason]));
    expect(c.aborted).toBe(false);
    const why = new Error("deadline");
    c.abort(why);
    c.abort(new Error("again"));
    expect(seen).toEqual([
      ["a", true, why],
      ["b", why],
    ]);
    expect(c.reason).toBe(why);
  });

  test("a removed listener does not run; removing an unknown one is harmless", () => {
    const c = new Cancel();
    const seen: string[] = [];
    const a = () => seen.push("a");
    c.addEventListener("abort", a);
    c.addEventListener("abort", () => seen.push("b"));
    c.removeEventListener("abort", a);
    c.removeEventListener("abort", () => {});
    c.abort();
    expect(seen).toEqual(["b"]);
  });

  test("a listener added after the abort never runs (as on an AbortSignal)", () => {
    const c = new Cancel();
    c.abort();
    let ran = false;
    c.addEventListener("abort", () => {
      ran = true;
    });
    const ac = new AbortController();
    ac.abort();
    let ranNative = false;
    ac.signal.addEventListener("abort", () => {
      ranNative = true;
    });
    expect([ran, ranNative]).toEqual([false, false]);
  });

  test("without a reason it aborts with an AbortError, as AbortController does; throwIfAborted throws it", () => {
    const c = new Cancel();
    expect(() => c.throwIfAborted()).not.toThrow();
    c.abort();
    const ac = new AbortController();
    ac.abort();
    expect((c.reason as DOMException).name).toBe((ac.signal.reason as DOMException).name);
    expect((c.reason as DOMException).name).toBe("AbortError");
    expect(() => c.throwIfAborted()).toThrow(c.reason as DOMException);
  });

  test("its AbortSignal is made on first read and aborts with it, before or after the read", () => {
    const early = new Cancel();
    const s = early.signal;
    expect(early.signal).toBe(s);
    expect(s.aborted).toBe(false);
    const why = new Error("x");
    early.abort(why);
    expect([s.aborted, s.reason]).toEqual([true, why]);

    const late = new Cancel();
    late.abort(why);
    expect([late.signal.aborted, late.signal.reason]).toEqual([true, why]);
  });

  test("a throwing listener is reported, not thrown, and the others still run (as AbortController)", () => {
    const c = new Cancel();
    const reported: unknown[] = [];
    const original = globalThis.reportError;
    globalThis.reportError = (e: unknown) => reported.push(e);
    try {
      const boom = new Error("boom");
      let second = false;
      c.addEventListener("abort", () => {
        throw boom;
      });
      c.addEventListener("abort", () => {
        second = true;
      });
      expect(() => c.abort()).not.toThrow();
      expect(second).toBe(true);
      expect(reported).toEqual([boom]);
    } finally {
      globalThis.reportError = original;
    }
  });
});

describe("toAbortSignal", () => {
  test("an AbortSignal is itself; a Cancel gives its own signal", () => {
    const ac = new AbortController();
    expect(toAbortSignal(ac.signal)).toBe(ac.signal);
    const c = new Cancel();
    expect(toAbortSignal(c)).toBe(c.signal);
  });

  test("any other SignalLike gets a signal that follows it, aborted already or later", () => {
    const like = (aborted: boolean): SignalLike & { fire(): void } => {
      let fn: (() => void) | undefined;
      const s = {
        aborted,
        reason: aborted ? "gone" : undefined,
        throwIfAborted() {},
        addEventListener(_t: "abort", l: () => void) {
          fn = l;
        },
        removeEventListener() {},
        fire() {
          s.aborted = true;
          s.reason = "later";
          fn?.();
        },
      };
      return s as SignalLike & { fire(): void };
    };
    expect(toAbortSignal(like(true)).reason).toBe("gone");
    const l = like(false);
    const s = toAbortSignal(l);
    expect(s.aborted).toBe(false);
    l.fire();
    expect([s.aborted, s.reason]).toEqual([true, "later"]);
  });
});
