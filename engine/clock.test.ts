import { describe, expect, test } from "bun:test";
import { createPreciseClock, PRECISE_ANCHOR_MS, preciseClock } from "./clock.ts";

describe("preciseClock", () => {
  test("reads the wall clock's time, to within a couple of milliseconds, in fractions of a millisecond", () => {
    const before = Date.now();
    const t = preciseClock.now();
    const after = Date.now();
    expect(t).toBeGreaterThan(before - 2);
    expect(t).toBeLessThan(after + 2);
    // Fractions of a millisecond (Date.now has none).
    const reads = Array.from({ length: 100 }, () => preciseClock.now());
    expect(reads.some((x) => !Number.isInteger(x))).toBe(true);
  });

  test("follows the monotonic clock between anchors and a stepped wall clock at the next anchor", () => {
    let wall = 1_000_000;
    let mono = 50;
    const c = createPreciseClock({ wall: () => wall, monotonic: () => mono });
    expect(c.now()).toBe(1_000_000);
    mono += 0.25;
    wall = 5_000_000; // the wall clock is stepped forward; not seen until the next anchor
    expect(c.now()).toBe(1_000_000.25);
    mono += PRECISE_ANCHOR_MS;
    expect(c.now()).toBe(5_000_000);
    mono += 10.5;
    wall += 10; // and it keeps counting from the new anchor
    expect(c.now()).toBe(5_000_010.5);
  });
});
