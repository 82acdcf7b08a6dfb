/**
 * Process helpers for the WebSocket scenarios: start a server pinned to a core,
 * read a process's RSS and CPU time from /proc, and measure CPU share over a
 * window (so a saturated driver or server shows in the results).
 *
 * @example
 *   const s = await startServer({ name: "kefu", cmd: ["gateway/main.ts"], env, port, core: 0 });
 *   const before = rssKiB(s.pid);
 *   const cpu = cpuMeter([s.pid]); // … load …
 *   cpu.stop(); // { [pid]: share of one core }
 */
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { waitHttp } from "../machine.ts";

/** Repository root (servers run from here). */
export const root = resolve(import.meta.dir, "..", "..");
/** The core servers under test run on. */
export const SERVER_CORE = 0;
/** The core every driver process (and the scenario itself) runs on. */
export const DRIVER_CORE = 1;
const CLK_TCK = 100;

/** A server process under test. */
export interface ServerProc {
  name: string;
  pid: number;
  url: string;
  port: number;
  stop(): Promise<void>;
  /** Standard error collected so far (for failure reports). */
  stderr(): string;
}

/** Options of `startServer`. */
export interface ServerOptions {
  name: string;
  /** The command; a leading `.ts`/`.js` path runs under this Bun (process.execPath). */
  cmd: string[];
  env?: Record<string, string>;
  port: number;
  core?: number;
  /** Path answering 200 once the server is up (default `/healthz`). */
  ready?: string;
  readyMs?: number;
}

/** Starts `cmd` pinned with taskset (the pid is the server's: taskset execs) and waits until it answers. */
export async function startServer(o: ServerOptions): Promise<ServerProc> {
  const first = o.cmd[0] ?? "";
  const argv = /\.(ts|js|mjs)$/.test(first) ? [process.execPath, ...o.cmd] : o.cmd;
  const p = Bun.spawn(["taskset", "-c", String(o.core ?? SERVER_CORE), ...argv], {
    cwd: root,
    env: { ...process.env, ...o.env },
    stdout: "pipe",
    stderr: "pipe",
  });
  let err = "";
  const collect = async (s: ReadableStream<Uint8Array>) => {
    const dec = new TextDecoder();
    for await (const chunk of s) {
      err += dec.decode(chunk);
      if (err.length > 20_000) err = err.slice(-10_000);
    }
  };
  void collect(p.stderr);
  void collect(p.stdout);
  const url = `http://127.0.0.1:${o.port}`;
  try {
    await waitHttp(`${url}${o.ready ?? "/healthz"}`, o.readyMs ?? 20_000);
  } catch (e) {
    p.kill("SIGKILL");
    throw new Error(`${o.name} did not start: ${(e as Error).message}\n${err}`);
  }
  return {
    name: o.name,
    pid: p.pid,
    url,
    port: o.port,
    stderr: () => err,
    async stop() {
      if (p.exitCode !== null || p.signalCode !== null) return;
      p.kill("SIGTERM");
      const t = setTimeout(() => p.kill("SIGKILL"), 5_000);
      await p.exited;
      clearTimeout(t);
    },
  };
}

/** Resident set size of `pid`, KiB (VmRSS from /proc/<pid>/status). */
export function rssKiB(pid: number): number {
  const text = readFileSync(`/proc/${pid}/status`, "utf8");
  const m = /VmRSS:\s+(\d+)\s+kB/.exec(text);
  if (!m) throw new Error(`no VmRSS for pid ${pid}`);
  return Number(m[1]);
}

/** User + system CPU seconds `pid` has used (all its threads), from /proc/<pid>/stat. */
export function cpuSeconds(pid: number): number {
  const text = readFileSync(`/proc/${pid}/stat`, "utf8");
  // Fields after the parenthesised command name; utime and stime are fields 14 and 15.
  const rest = text.slice(text.lastIndexOf(")") + 2).split(" ");
  return (Number(rest[11]) + Number(rest[12])) / CLK_TCK;
}

/** Measures the CPU share (1 = one full core) of some processes over a window. */
export function cpuMeter(pids: number[]): { stop(): Map<number, number> } {
  const t0 = performance.now();
  const start = new Map(pids.map((p) => [p, cpuSeconds(p)]));
  return {
    stop() {
      const wall = (performance.now() - t0) / 1000;
      return new Map(pids.map((p) => [p, (cpuSeconds(p) - (start.get(p) ?? 0)) / wall]));
    },
  };
}

/** Pins this process (every thread) to `core`, so the orchestrator never competes with the server. */
export function pinSelf(core = DRIVER_CORE): void {
  const r = Bun.spawnSync(["taskset", "-a", "-p", "-c", String(core), String(process.pid)], { stdout: "ignore" });
  if (r.exitCode !== 0) throw new Error(`taskset failed: ${r.stderr.toString()}`);
}

/** Percent with no decimals, e.g. "87%". */
export const pct = (share: number) => `${Math.round(share * 100)}%`;
