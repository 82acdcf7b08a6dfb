/**
 * Scenario "timers": the hierarchical timing wheel (engine/timers) against a
 * binary min-heap with lazy cancellation and, for schedule/cancel, Bun's native
 * setTimeout/clearTimeout. One child process pinned to core 0 measures time;
 * one fresh pinned child per structure measures memory. Reports ns per
 * operation, bytes per pending timer and the ratio baseline / wheel (> 1: the
 * wheel is faster or smaller).
 *
 * Environment: BENCH_TIMERS (default 1000000), BENCH_LIVE (live timers for the
 * reschedule test, default 100000).
 *
 * @example
 *   npm run bench -- timers
 */
import { resolve } from "node:path";
import { type Clock, manualClock } from "../../engine/clock.ts";
import { seededRandom } from "../../engine/random.ts";
import { createTimingWheel, type TimerHandle } from "../../engine/timers/timing-wheel.ts";
import { machineLine, runPinnedChild } from "../machine.ts";
import { appendResults } from "../results.ts";

const HOUR = 3_600_000;
const SAMPLES = 5;

/** One timer of the heap baseline; state 0 pending, 1 cancelled, 2 fired. */
interface HeapTimer {
  due: number;
  seq: number;
  fn: () => void;
  state: number;
}

/**
 * The naive baseline: a binary min-heap ordered by (due, seq). Cancel only
 * marks the entry; dead entries are dropped when they reach the top, and the
 * heap is rebuilt once they outnumber the live ones (else the idle-reset
 * pattern would grow it without bound). Reschedule = cancel + a new entry.
 *
 * @example
 *   const h = createHeapTimers(manualClock(0));
 *   h.cancel(h.schedule(100, () => {}));
 */
function createHeapTimers(clock: Clock) {
  let heap: HeapTimer[] = [];
  let seq = 0;
  let live = 0;
  let dead = 0;
  const less = (a: HeapTimer, b: HeapTimer) => a.due < b.due || (a.due === b.due && a.seq < b.seq);
  const up = (i: number) => {
    const e = heap[i] as HeapTimer;
    while (i > 0) {
      const p = (i - 1) >> 1;
      const pe = heap[p] as HeapTimer;
      if (!less(e, pe)) break;
      heap[i] = pe;
      i = p;
    }
    heap[i] = e;
  };
  const down = (i: number) => {
    const n = heap.length;
    const e = heap[i] as HeapTimer;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && less(heap[c + 1] as HeapTimer, heap[c] as HeapTimer)) c++;
      const ce = heap[c] as HeapTimer;
      if (!less(ce, e)) break;
      heap[i] = ce;
      i = c;
    }
    heap[i] = e;
  };
  const pop = (): HeapTimer => {
    const top = heap[0] as HeapTimer;
    const last = heap.pop() as HeapTimer;
    if (heap.length > 0) {
      heap[0] = last;
      down(0);
    }
    return top;
  };
  const compact = () => {
    heap = heap.filter((e) => e.state === 0);
    for (let i = (heap.length >> 1) - 1; i >= 0; i--) down(i);
    dead = 0;
  };
  const api = {
    schedule(delayMs: number, fn: () => void): HeapTimer {
      const e: HeapTimer = { due: clock.now() + delayMs, seq: seq++, fn, state: 0 };
      heap.push(e);
      up(heap.length - 1);
      live++;
      return e;
    },
    cancel(e: HeapTimer): boolean {
      if (e.state !== 0) return false;
      e.state = 1;
      live--;
      dead++;
      if (dead > live && dead > 1024) compact();
      return true;
    },
    reschedule(e: HeapTimer, delayMs: number): HeapTimer {
      api.cancel(e);
      return api.schedule(delayMs, e.fn);
    },
    advance(): number {
      const now = clock.now();
      let n = 0;
      while (heap.length > 0 && (heap[0] as HeapTimer).due <= now) {
        const e = pop();
        if (e.state === 1) {
          dead--;
          continue;
        }
        e.state = 2;
        live--;
        e.fn();
        n++;
      }
      return n;
    },
    get size() {
      return live;
    },
  };
  return api;
}

function randomDelays(n: number, seed: number): Float64Array {
  const r = seededRandom(seed);
  const d = new Float64Array(n);
  for (let i = 0; i < n; i++) d[i] = Math.floor(r() * HOUR);
  return d;
}

function permutation(n: number, seed: number): Int32Array {
  const r = seededRandom(seed);
  const p = new Int32Array(n);
  for (let i = 0; i < n; i++) p[i] = i;
  for (let i = n - 1; i > 0; i--) {
    const j = Math.floor(r() * (i + 1));
    const t = p[i] as number;
    p[i] = p[j] as number;
    p[j] = t;
  }
  return p;
}

interface Row {
  op: string;
  n: string;
  wheel: number;
  baseline: string;
  base: number;
  unit: string;
}

let sink = 0;
const noop = () => {
  sink++;
};

/** Times `fn` over `ops` operations, best of SAMPLES runs, in ns/op. */
function best(ops: number, fn: (sample: number) => number): number {
  let b = Number.POSITIVE_INFINITY;
  for (let s = 0; s < SAMPLES; s++) b = Math.min(b, fn(s) / ops);
  return b;
}

function measureTime(n: number, liveN: number): Row[] {
  const delays = randomDelays(n, 1);
  const order = permutation(n, 2);
  const rows: Row[] = [];

  // (a) schedule n timers (random delays ≤ 1 h), then cancel all n in random order.
  const clock = manualClock(0);
  const wheel = createTimingWheel({ clock, maxTimers: n });
  const wh = new Float64Array(n);
  let wheelCancel = Number.POSITIVE_INFINITY;
  const wheelSchedule = best(n, () => {
    const t0 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) wh[i] = wheel.schedule(delays[i] as number, noop);
    const t1 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) wheel.cancel(wh[order[i] as number] as TimerHandle);
    wheelCancel = Math.min(wheelCancel, (Bun.nanoseconds() - t1) / n);
    if (wheel.size !== 0) throw new Error("wheel: cancel left timers behind");
    return t1 - t0;
  });

  const heap = createHeapTimers(clock);
  const hh: HeapTimer[] = new Array(n);
  let heapCancel = Number.POSITIVE_INFINITY;
  const heapSchedule = best(n, () => {
    const t0 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) hh[i] = heap.schedule(delays[i] as number, noop);
    const t1 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) heap.cancel(hh[order[i] as number] as HeapTimer);
    heapCancel = Math.min(heapCancel, (Bun.nanoseconds() - t1) / n);
    return t1 - t0;
  });
  hh.fill(undefined as unknown as HeapTimer);

  const th: ReturnType<typeof setTimeout>[] = new Array(n);
  let nativeCancel = Number.POSITIVE_INFINITY;
  const nativeSchedule = best(n, () => {
    const t0 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) th[i] = setTimeout(noop, delays[i] as number);
    const t1 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) clearTimeout(th[order[i] as number]);
    nativeCancel = Math.min(nativeCancel, (Bun.nanoseconds() - t1) / n);
    return t1 - t0;
  });
  th.fill(undefined as unknown as ReturnType<typeof setTimeout>);

  const nn = String(n);
  rows.push(
    { op: "schedule (delay ≤ 1 h)", n: nn, wheel: wheelSchedule, baseline: "min-heap", base: heapSchedule, unit: "ns" },
    {
      op: "schedule (delay ≤ 1 h)",
      n: nn,
      wheel: wheelSchedule,
      baseline: "Bun setTimeout",
      base: nativeSchedule,
      unit: "ns",
    },
    {
      op: "cancel (random order)",
      n: nn,
      wheel: wheelCancel,
      baseline: "min-heap (lazy)",
      base: heapCancel,
      unit: "ns",
    },
    {
      op: "cancel (random order)",
      n: nn,
      wheel: wheelCancel,
      baseline: "Bun clearTimeout",
      base: nativeCancel,
      unit: "ns",
    },
  );

  // (b) n reschedules spread over liveN live timers (the idle-reset pattern).
  const pick = new Int32Array(n);
  {
    const r = seededRandom(3);
    for (let i = 0; i < n; i++) pick[i] = Math.floor(r() * liveN);
  }
  const resDelays = randomDelays(n, 4);
  const wheelReschedule = best(n, () => {
    for (let i = 0; i < liveN; i++) wh[i] = wheel.schedule(delays[i] as number, noop);
    const t0 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) wheel.reschedule(wh[pick[i] as number] as TimerHandle, resDelays[i] as number);
    const t = Bun.nanoseconds() - t0;
    for (let i = 0; i < liveN; i++) wheel.cancel(wh[i] as TimerHandle);
    return t;
  });
  const heapReschedule = best(n, () => {
    for (let i = 0; i < liveN; i++) hh[i] = heap.schedule(delays[i] as number, noop);
    const t0 = Bun.nanoseconds();
    for (let i = 0; i < n; i++) {
      const k = pick[i] as number;
      hh[k] = heap.reschedule(hh[k] as HeapTimer, resDelays[i] as number);
    }
    const t = Bun.nanoseconds() - t0;
    for (let i = 0; i < liveN; i++) heap.cancel(hh[i] as HeapTimer);
    return t;
  });
  hh.fill(undefined as unknown as HeapTimer);
  rows.push({
    op: `reschedule (${liveN} live)`,
    n: nn,
    wheel: wheelReschedule,
    baseline: "min-heap (cancel + push)",
    base: heapReschedule,
    unit: "ns",
  });

  // (c) fire n timers (delays ≤ 1 h), advance() every 10 ms of clock time for the hour.
  const fire = (w: { advance(): number; size: number }, c: { set(ms: number): void }, start: number): number => {
    const t0 = Bun.nanoseconds();
    let fired = 0;
    for (let t = start + 10; t <= start + HOUR; t += 10) {
      c.set(t);
      fired += w.advance();
    }
    const t = Bun.nanoseconds() - t0;
    if (fired !== n || w.size !== 0) throw new Error(`fired ${fired} of ${n}`);
    return t;
  };
  const fireWheel = (sample: number) => {
    const start = (sample + 1) * 2 * HOUR;
    clock.set(start);
    wheel.advance();
    for (let i = 0; i < n; i++) wheel.schedule(delays[i] as number, noop);
    return fire(wheel, clock, start);
  };
  const fireHeap = (sample: number) => {
    const start = (sample + 1) * 2 * HOUR;
    clock.set(start);
    heap.advance();
    for (let i = 0; i < n; i++) heap.schedule(delays[i] as number, noop);
    return fire(heap, clock, start);
  };
  rows.push({
    op: "fire via advance() every 10 ms over 1 h",
    n: nn,
    wheel: best(n, fireWheel),
    baseline: "min-heap (pop)",
    base: best(n, fireHeap),
    unit: "ns",
  });
  return rows;
}

type MemKind = "wheel" | "heap" | "setTimeout";

/** Module-level, so nothing measured is collected as dead before the second reading. */
const retained: unknown[] = [];

/** Bytes per pending timer (heapUsed + external, and RSS) after scheduling n in a fresh process. */
function measureMemory(kind: MemKind, n: number): { heap: number; rss: number } {
  const delays = randomDelays(n, 1);
  const clock = manualClock(0);
  const handles: unknown[] = new Array(n).fill(null);
  const wheelHandles = new Float64Array(n);
  retained.push(handles, wheelHandles);
  Bun.gc(true);
  const m0 = process.memoryUsage();
  if (kind === "wheel") {
    const w = createTimingWheel({ clock, maxTimers: n });
    for (let i = 0; i < n; i++) wheelHandles[i] = w.schedule(delays[i] as number, noop);
    retained.push(w);
  } else if (kind === "heap") {
    const h = createHeapTimers(clock);
    for (let i = 0; i < n; i++) handles[i] = h.schedule(delays[i] as number, noop);
    retained.push(h);
  } else {
    for (let i = 0; i < n; i++) handles[i] = setTimeout(noop, delays[i] as number);
  }
  Bun.gc(true);
  const m1 = process.memoryUsage();
  const out = {
    heap: (m1.heapUsed + m1.external - m0.heapUsed - m0.external) / n,
    rss: (m1.rss - m0.rss) / n,
  };
  if (kind === "setTimeout") for (const t of handles) clearTimeout(t as ReturnType<typeof setTimeout>);
  return out;
}

/** Runs the scenario pinned to core 0 and appends its rows to bench/RESULTS.md. */
export async function run(): Promise<void> {
  const n = Number(process.env.BENCH_TIMERS ?? 1_000_000);
  const liveN = Number(process.env.BENCH_LIVE ?? 100_000);
  const rows = JSON.parse(await runPinnedChild(resolve(import.meta.path), ["time", String(n), String(liveN)])) as Row[];
  const mem: Record<string, { heap: number; rss: number }> = {};
  for (const kind of ["wheel", "heap", "setTimeout"] as const)
    mem[kind] = JSON.parse(await runPinnedChild(resolve(import.meta.path), ["mem", kind, String(n)]));
  const w = mem.wheel as { heap: number; rss: number };
  for (const [kind, label] of [
    ["heap", "min-heap"],
    ["setTimeout", "Bun setTimeout"],
  ] as const) {
    const b = mem[kind] as { heap: number; rss: number };
    rows.push(
      {
        op: "memory: heapUsed + external per pending timer",
        n: String(n),
        wheel: w.heap,
        baseline: label,
        base: b.heap,
        unit: "B",
      },
      {
        op: "memory: RSS growth per pending timer",
        n: String(n),
        wheel: w.rss,
        baseline: label,
        base: b.rss,
        unit: "B",
      },
    );
  }
  const machine = await machineLine();
  const date = new Date().toISOString().slice(0, 10);
  const lines = rows.map(
    (r) =>
      `| ${date} | ${r.op} | ${r.n} | ${r.wheel.toFixed(1)} ${r.unit} | ${r.baseline} | ${r.base.toFixed(1)} ${r.unit} | **${(r.base / r.wheel).toFixed(2)}×** | ${machine} | one process per measurement on core 0, best of ${SAMPLES} (memory: one fresh process each, after GC) | \`npm run bench -- timers\` |`,
  );
  await appendResults(
    "timers: hierarchical timing wheel vs heap and setTimeout",
    [
      "| date | op | timers | wheel (per op or timer) | baseline | baseline (per op or timer) | ratio (baseline / wheel) | machine | pinning | command |",
      "|---|---|---|---|---|---|---|---|---|---|",
    ],
    lines,
  );
  for (const l of lines) console.log(l);
}

if (import.meta.main && process.argv[2] === "--child") {
  const [mode, a, b] = process.argv.slice(3);
  if (mode === "time") console.log(JSON.stringify(measureTime(Number(a), Number(b))));
  else console.log(JSON.stringify(measureMemory(a as MemKind, Number(b))));
  if (sink < 0) console.error(sink); // keep the callbacks observable
}
