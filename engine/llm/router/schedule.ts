/**
 * Schedule strategy: time windows in an IANA time zone pick the profile (day staff
 * and a premium model from 08:00 to 22:00 Beijing time, a cheaper one at night).
 *
 * Wall-clock time comes from `Intl.DateTimeFormat` for the zone, so daylight-saving
 * changes need no arithmetic: a window is matched on the local time as people read
 * it (a local time skipped by a spring-forward does not occur; a repeated hour
 * matches twice). `from` is inclusive, `to` exclusive, "24:00" is the end of the
 * day. A window with `to` ≤ `from` runs across midnight; its `days` are the days it
 * *starts* on (Friday 22:00–08:00 includes Saturday 03:00). The first matching
 * window wins; none matching gives `default`.
 *
 * @example
 *   const profileAt = compileSchedule({ timezone: "Asia/Shanghai", default: "night",
 *     windows: [{ from: "08:00", to: "22:00", profile: "day" }] });
 *   profileAt(Date.parse("2025-03-03T01:00:00Z")); // { profile: "day", window: 0 } (09:00 in Shanghai)
 */
import type { ScheduleConfig } from "./config.ts";
import { DAYS } from "./config.ts";

/** A day name of the schedule. */
export type Day = (typeof DAYS)[number];

/** A local wall-clock reading: the day and minutes since local midnight. */
export interface LocalTime {
  day: Day;
  minutes: number;
}

const WEEKDAY: Record<string, Day> = {
  Sun: "sun",
  Mon: "mon",
  Tue: "tue",
  Wed: "wed",
  Thu: "thu",
  Fri: "fri",
  Sat: "sat",
};

/**
 * Reads the wall clock of `timezone` at `nowMs`. Throws a RangeError for an unknown zone.
 *
 * @example
 *   localTime("Asia/Shanghai", Date.parse("2025-01-01T16:30:00Z")); // { day: "thu", minutes: 30 } (00:30 Thursday)
 */
export function localTime(timezone: string, nowMs: number): LocalTime {
  return reader(timezone)(nowMs);
}

function reader(timezone: string): (nowMs: number) => LocalTime {
  const fmt = new Intl.DateTimeFormat("en-US", {
    timeZone: timezone,
    weekday: "short",
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  });
  return (nowMs) => {
    let day: Day = "sun";
    let h = 0;
    let m = 0;
    for (const p of fmt.formatToParts(nowMs)) {
      if (p.type === "weekday") day = WEEKDAY[p.value] ?? "sun";
      else if (p.type === "hour") h = Number(p.value) % 24;
      else if (p.type === "minute") m = Number(p.value);
    }
    return { day, minutes: h * 60 + m };
  };
}

const toMinutes = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/**
 * Compiles a schedule to a function of time. Results are cached per wall-clock minute
 * (every zone's current UTC offset is a whole number of minutes).
 *
 * @example
 *   const at = compileSchedule(config.schedule); at(clock.now()).profile; // "day"
 */
export function compileSchedule(s: ScheduleConfig): (nowMs: number) => { profile: string; window: number | undefined } {
  const read = reader(s.timezone);
  const windows = s.windows.map((w) => ({
    days: w.days ? new Set<Day>(w.days) : undefined,
    from: toMinutes(w.from),
    to: toMinutes(w.to),
    profile: w.profile,
  }));
  let cachedMinute = Number.NaN;
  let cached: { profile: string; window: number | undefined } = { profile: s.default, window: undefined };
  return (nowMs) => {
    const minute = Math.floor(nowMs / 60_000);
    if (minute === cachedMinute) return cached;
    const { day, minutes } = read(nowMs);
    const yesterday = DAYS[(DAYS.indexOf(day) + 6) % 7] as Day;
    let found: { profile: string; window: number | undefined } = { profile: s.default, window: undefined };
    for (let i = 0; i < windows.length; i++) {
      const w = windows[i] as (typeof windows)[number];
      const on = (d: Day) => !w.days || w.days.has(d);
      const hit =
        w.from < w.to
          ? minutes >= w.from && minutes < w.to && on(day)
          : (minutes >= w.from && on(day)) || (minutes < w.to && on(yesterday));
      if (hit) {
        found = { profile: w.profile, window: i };
        break;
      }
    }
    cachedMinute = minute;
    cached = found;
    return found;
  };
}
