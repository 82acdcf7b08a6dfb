/**
 * Machine facts and tools for benchmarks: CPU model, core pinning, and the load
 * tools this repo uses (installed from Debian packages when missing).
 *
 * @example
 *   const wrk = await needTool("wrk", "wrk"); // path, installing the package if needed
 */

/** Finds `cmd` on PATH, or installs Debian package `pkg` (as root) and finds it then. */
export async function needTool(cmd: string, pkg: string): Promise<string> {
  const found = Bun.which(cmd);
  if (found) return found;
  if (process.getuid?.() !== 0) throw new Error(`${cmd} is not installed: run 'apt-get install -y ${pkg}' as root`);
  console.error(`bench: installing ${pkg} from Debian packages`);
  const install = () =>
    Bun.spawnSync(["apt-get", "install", "-y", "-qq", pkg], {
      stdout: "ignore",
      stderr: "pipe",
      env: { ...process.env, DEBIAN_FRONTEND: "noninteractive" },
    });
  if (install().exitCode !== 0) {
    Bun.spawnSync(["apt-get", "update", "-qq"], { stdout: "ignore", stderr: "ignore" });
    const again = install();
    if (again.exitCode !== 0) throw new Error(`apt-get install ${pkg} failed: ${again.stderr.toString()}`);
  }
  const path = Bun.which(cmd);
  if (!path) throw new Error(`${pkg} installed but ${cmd} is still not on PATH`);
  return path;
}

/** One line describing the machine, for result rows. */
export async function machineLine(): Promise<string> {
  const cpuinfo = await Bun.file("/proc/cpuinfo").text();
  const model = /model name\s*:\s*(.+)/.exec(cpuinfo)?.[1]?.trim() ?? "unknown CPU";
  const cores = navigator.hardwareConcurrency;
  const memGiB = Math.round(
    Number(/MemTotal:\s+(\d+)/.exec(await Bun.file("/proc/meminfo").text())?.[1] ?? 0) / 1048576,
  );
  return `${model}, ${cores} cores, ${memGiB} GiB, Bun ${Bun.version}`;
}

/** Resolves once `url` answers 200, or throws after `ms`. */
export async function waitHttp(url: string, ms = 15_000): Promise<void> {
  const end = Date.now() + ms;
  for (;;) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      // not up yet
    }
    if (Date.now() > end) throw new Error(`${url} did not answer within ${ms} ms`);
    await Bun.sleep(50);
  }
}

/** A free TCP port on 127.0.0.1. */
export function freePort(): number {
  const s = Bun.serve({ hostname: "127.0.0.1", port: 0, fetch: () => new Response() });
  const port = s.port as number;
  s.stop(true);
  return port;
}

/**
 * Re-runs `script` with `--child ...args` pinned to `core` and returns its stdout;
 * throws with the exit code when the child fails. Scenarios measure in-process
 * work this way so the measurement runs on one known core.
 *
 * @example
 *   const out = await runPinnedChild(import.meta.path, ["10000", "384"]);
 */
export async function runPinnedChild(script: string, args: string[], core = 0): Promise<string> {
  const p = Bun.spawn(["taskset", "-c", String(core), process.execPath, script, "--child", ...args], {
    stdout: "pipe",
    stderr: "inherit",
  });
  const [out, code] = await Promise.all([new Response(p.stdout).text(), p.exited]);
  if (code !== 0) throw new Error(`${script} --child ${args.join(" ")} failed with ${code}`);
  return out;
}

/**
 * Best-of-5 nanoseconds per item for each function (each sample ≥ 200 ms), the
 * samples interleaved so drift hits every function alike.
 *
 * @example
 *   const [js, native] = bestNsPerItem(rows, [() => jsKernel(), () => nativeKernel()]);
 */
export function bestNsPerItem(items: number, fns: (() => unknown)[]): number[] {
  for (const fn of fns) for (let i = 0; i < 20; i++) fn(); // warm up the JIT
  const best = fns.map(() => Number.POSITIVE_INFINITY);
  for (let s = 0; s < 5; s++) {
    fns.forEach((fn, f) => {
      let iters = 0;
      const t0 = Bun.nanoseconds();
      let t = t0;
      while (t - t0 < 200e6) {
        fn();
        iters++;
        t = Bun.nanoseconds();
      }
      best[f] = Math.min(best[f] as number, (t - t0) / (iters * items));
    });
  }
  return best;
}
