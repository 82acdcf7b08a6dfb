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
