/**
 * Runs wrk (the load driver) pinned to a core and parses its report.
 *
 * @example
 *   const r = await runWrk({ url: "http://127.0.0.1:8080/healthz", core: 1, seconds: 10, connections: 64 });
 *   r.rps; // requests per second
 */
import { join } from "node:path";
import { needTool } from "./machine.ts";

/** What one wrk run measured. */
export interface WrkResult {
  rps: number;
  requests: number;
  p50Ms: number;
  p99Ms: number;
  /** Non-2xx/3xx responses plus socket errors: must be 0 for a valid run. */
  errors: number;
  /** CPU the driver used, as a share of one core (1 = a full core). */
  driverCpu: number;
}

/** Options of one wrk run. */
export interface WrkOptions {
  url: string;
  core: number;
  seconds: number;
  connections: number;
  /** A Lua script from bench/wrk/, e.g. "post-echo.lua". */
  script?: string;
}

const unit: Record<string, number> = { us: 0.001, ms: 1, s: 1000, m: 60_000 };

function ms(text: string): number {
  const m = /^([\d.]+)(us|ms|s|m)$/.exec(text.trim());
  if (!m) throw new Error(`cannot parse wrk latency "${text}"`);
  return Number(m[1]) * (unit[m[2] as string] as number);
}

/** Parses the text wrk prints with `--latency`. */
export function parseWrk(out: string): Omit<WrkResult, "driverCpu"> {
  const rps = /Requests\/sec:\s+([\d.]+)/.exec(out);
  const total = /(\d+) requests in/.exec(out);
  const p50 = /^\s+50%\s+(\S+)/m.exec(out);
  const p99 = /^\s+99%\s+(\S+)/m.exec(out);
  if (!rps || !total || !p50 || !p99) throw new Error(`unexpected wrk output:\n${out}`);
  const non2xx = /Non-2xx or 3xx responses:\s+(\d+)/.exec(out);
  const sock = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  const sockErrors = sock ? sock.slice(1).reduce((a, b) => a + Number(b), 0) : 0;
  return {
    rps: Number(rps[1]),
    requests: Number(total[1]),
    p50Ms: ms(p50[1] as string),
    p99Ms: ms(p99[1] as string),
    errors: Number(non2xx?.[1] ?? 0) + sockErrors,
  };
}

/** Runs wrk with one thread on `core`; throws when the run had errors. */
export async function runWrk(o: WrkOptions): Promise<WrkResult> {
  const wrk = await needTool("wrk", "wrk");
  const args = ["taskset", "-c", String(o.core), wrk, "-t1", `-c${o.connections}`, `-d${o.seconds}s`, "--latency"];
  if (o.script) args.push("-s", join(import.meta.dir, "wrk", o.script));
  args.push(o.url);
  const t0 = performance.now();
  const p = Bun.spawn(args, { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  const wall = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`wrk failed (${code}): ${err}`);
  const r = parseWrk(out);
  if (r.errors > 0) throw new Error(`wrk saw ${r.errors} errors against ${o.url}:\n${out}`);
  const usage = p.resourceUsage();
  const cpu = usage ? Number(usage.cpuTime.user + usage.cpuTime.system) / 1e6 : Number.NaN;
  return { ...r, driverCpu: cpu / wall };
}
