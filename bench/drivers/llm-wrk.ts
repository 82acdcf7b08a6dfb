/**
 * wrk for the LLM scenarios: the same run as bench/wrk.ts `runWrk` (one thread,
 * pinned, `--latency`, parsed by its `parseWrk`), plus a socket timeout and with
 * errors *counted* instead of thrown. Peers (Portkey, LiteLLM) answer some
 * requests after wrk's default 2 s timeout at 64 connections; a bench that threw
 * would report nothing, one that dropped them would flatter their latency. The
 * caller decides which subjects must have no errors (kefu and the baselines do).
 *
 * @example
 *   const r = await runWrkCounted({ url, core: 1, seconds: 6, connections: 64, script, timeoutS: 10 });
 *   if (r.errors > 0) console.log(`${r.errors} errors`);
 */
import { join } from "node:path";
import { needTool } from "../machine.ts";
import { parseWrk, type WrkOptions, type WrkResult } from "../wrk.ts";

/** Options of {@link runWrkCounted}: runWrk's plus the socket timeout. */
export interface CountedWrkOptions extends WrkOptions {
  /** wrk `--timeout`, seconds (default 10). */
  timeoutS?: number;
}

/** Runs wrk with one thread on `core`; `errors` counts non-2xx responses and socket errors. */
export async function runWrkCounted(o: CountedWrkOptions): Promise<WrkResult> {
  const wrk = await needTool("wrk", "wrk");
  const args = ["taskset", "-c", String(o.core), wrk, "-t1", `-c${o.connections}`, `-d${o.seconds}s`, "--latency"];
  args.push("--timeout", `${o.timeoutS ?? 10}s`);
  if (o.script) args.push("-s", join(import.meta.dir, "..", "wrk", o.script));
  args.push(o.url);
  const t0 = performance.now();
  const p = Bun.spawn(args, { stdout: "pipe", stderr: "pipe" });
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  const wall = (performance.now() - t0) / 1000;
  if (code !== 0) throw new Error(`wrk failed (${code}): ${err}`);
  const usage = p.resourceUsage();
  const cpu = usage ? Number(usage.cpuTime.user + usage.cpuTime.system) / 1e6 : Number.NaN;
  return { ...parseWrk(out), driverCpu: cpu / wall };
}
