import { describe, expect, test } from "bun:test";
import { manualClock } from "../../clock.ts";
import { RetryBudget } from "./retry-budget.ts";

describe("retry budget", () => {
  test("budgetRatio extra attempts per request over the window", () => {
    const clock = manualClock(0);
    const b = new RetryBudget(clock, { budgetRatio: 0.2, minRetriesPerSec: 0, windowMs: 10_000 });
    expect(b.tryExtra()).toBe(false); // nothing deposited yet
    for (let i = 0; i < 10; i++) b.request();
    expect(b.tryExtra()).toBe(true);
    expect(b.tryExtra()).toBe(true);
    expect(b.tryExtra()).toBe(false);
    for (let i = 0; i < 5; i++) b.request();
    expect(b.tryExtra()).toBe(true);
    expect(b.tryExtra()).toBe(false);
  });

  test("minRetriesPerSec always allows a few, and the window forgets", () => {
    const clock = manualClock(0);
    const b = new RetryBudget(clock, { budgetRatio: 0, minRetriesPerSec: 0.5, windowMs: 10_000 });
    const granted = () => {
      let n = 0;
      while (b.tryExtra()) n++;
      return n;
    };
    expect(granted()).toBe(5);
    clock.advance(5_000);
    expect(granted()).toBe(0);
    clock.advance(5_000); // the first slice left the window
    expect(granted()).toBe(5);
  });

  test("setOptions keeps the counts when the window is unchanged", () => {
    const clock = manualClock(0);
    const b = new RetryBudget(clock, { budgetRatio: 1, minRetriesPerSec: 0, windowMs: 10_000 });
    b.request();
    b.setOptions({ budgetRatio: 2, minRetriesPerSec: 0, windowMs: 10_000 });
    expect(b.available()).toBe(2);
  });
});
