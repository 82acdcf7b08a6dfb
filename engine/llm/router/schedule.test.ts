import { describe, expect, test } from "bun:test";
import type { ScheduleConfig } from "./config.ts";
import { compileSchedule, localTime } from "./schedule.ts";
import { answer, ask, harness, testConfig } from "./test-utils.ts";

/** Epoch ms of a Beijing wall-clock time (UTC+8, no DST). */
const bj = (iso: string) => Date.parse(`${iso}+08:00`);

const schedule: ScheduleConfig = {
  timezone: "Asia/Shanghai",
  windows: [
    { days: ["mon", "tue", "wed", "thu", "fri"], from: "08:00", to: "22:00", profile: "day" },
    { days: ["fri"], from: "22:00", to: "02:00", profile: "late" }, // across midnight, starts Friday
  ],
  default: "night",
};

describe("schedule strategy", () => {
  test("local time in the zone", () => {
    expect(localTime("Asia/Shanghai", Date.parse("2025-01-01T16:30:00Z"))).toEqual({ day: "thu", minutes: 30 });
    expect(localTime("UTC", Date.parse("2025-01-01T16:30:00Z"))).toEqual({ day: "wed", minutes: 16 * 60 + 30 });
  });

  test("switches profile exactly at the window edges in Asia/Shanghai (from inclusive, to exclusive)", () => {
    const at = compileSchedule(schedule);
    // 2025-03-03 is a Monday.
    expect(at(bj("2025-03-03T07:59:59.999")).profile).toBe("night");
    expect(at(bj("2025-03-03T08:00:00"))).toEqual({ profile: "day", window: 0 });
    expect(at(bj("2025-03-03T21:59:59")).profile).toBe("day");
    expect(at(bj("2025-03-03T22:00:00")).profile).toBe("night");
    // Saturday: the weekday window does not apply.
    expect(at(bj("2025-03-08T12:00:00")).profile).toBe("night");
  });

  test("a window across midnight belongs to the day it starts", () => {
    const at = compileSchedule(schedule);
    expect(at(bj("2025-03-07T21:59:00")).profile).toBe("day"); // Friday
    expect(at(bj("2025-03-07T22:00:00"))).toEqual({ profile: "late", window: 1 });
    expect(at(bj("2025-03-08T00:00:00")).profile).toBe("late"); // Saturday 00:00, window started Friday
    expect(at(bj("2025-03-08T01:59:00")).profile).toBe("late");
    expect(at(bj("2025-03-08T02:00:00")).profile).toBe("night");
    expect(at(bj("2025-03-04T23:00:00")).profile).toBe("night"); // Tuesday night: not a Friday
    expect(at(bj("2025-03-05T01:00:00")).profile).toBe("night");
  });

  test("24:00 ends a window at midnight; no days means every day", () => {
    const at = compileSchedule({
      timezone: "Asia/Shanghai",
      windows: [{ from: "18:00", to: "24:00", profile: "eve" }],
      default: "d",
    });
    expect(at(bj("2025-03-09T23:59:00")).profile).toBe("eve");
    expect(at(bj("2025-03-10T00:00:00")).profile).toBe("d");
  });

  test("daylight saving is wall-clock: America/New_York 08:00 is 12:00Z in summer, 13:00Z in winter", () => {
    const at = compileSchedule({
      timezone: "America/New_York",
      windows: [{ from: "08:00", to: "17:00", profile: "open" }],
      default: "closed",
    });
    expect(at(Date.parse("2025-07-01T12:00:00Z")).profile).toBe("open");
    expect(at(Date.parse("2025-07-01T11:59:00Z")).profile).toBe("closed");
    expect(at(Date.parse("2025-01-06T12:30:00Z")).profile).toBe("closed");
    expect(at(Date.parse("2025-01-06T13:00:00Z")).profile).toBe("open");
    // Spring forward (2025-03-09 02:00 → 03:00 local): a window from 02:30 starts at 03:00.
    const spring = compileSchedule({
      timezone: "America/New_York",
      windows: [{ from: "02:30", to: "04:00", profile: "w" }],
      default: "x",
    });
    expect(spring(Date.parse("2025-03-09T06:59:00Z")).profile).toBe("x"); // 01:59 EST
    expect(spring(Date.parse("2025-03-09T07:00:00Z")).profile).toBe("w"); // 03:00 EDT
  });

  test("through the router on a manual clock: the day profile's route, then the night one", async () => {
    const config = testConfig({
      routes: {
        dayRoute: { strategy: "fallback", targets: ["a"] },
        nightRoute: { strategy: "fallback", targets: ["b"] },
      },
      profiles: { day: { default: "dayRoute" }, night: { default: "nightRoute" } },
      schedule: {
        timezone: "Asia/Shanghai",
        windows: [{ from: "08:00", to: "22:00", profile: "day" }],
        default: "night",
      },
    });
    const h = harness(config, { a: answer("day"), b: answer("night") });
    h.clock.set(bj("2025-03-03T21:59:59"));
    const m1 = await h.router.stream(ask(), { signal: new AbortController().signal }).first;
    expect([m1.profile, m1.target, m1.pathText]).toEqual(["day", "a", "schedule:day > route:dayRoute > fallback > a"]);
    h.clock.advance(1_000);
    const m2 = await h.router.stream(ask(), { signal: new AbortController().signal }).first;
    expect([m2.profile, m2.target, m2.pathText]).toEqual([
      "night",
      "b",
      "schedule:night > route:nightRoute > fallback > b",
    ]);
  });
});
