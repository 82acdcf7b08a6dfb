/**
 * Scenario "ws-cluster": idle visitor sessions held by three gateway processes
 * that share one port (`KEFU_HTTP_REUSE_PORT=true`, the kernel spreads
 * connections) and run as a cluster: PostgreSQL event store, Redis hot history,
 * bus and limits (README "Scaling out"; both started by .ci/services/*.sh).
 * One process may hold at most 20,000 open files, so 50,000 sessions need
 * several server processes and several driver processes (≤ 9,500 sockets each).
 *
 * Sessions are created over HTTP through the shared port (so on any process) and
 * each socket lands on whichever process the kernel picks: most sockets serve a
 * session created by another process, which loads it from PostgreSQL and follows
 * it on the Redis bus. After BENCH_SETTLE_SECONDS the scenario pings a sample,
 * reads each process's open file descriptors and RSS, and counts open sockets.
 *
 * Environment: BENCH_SESSIONS (50000), BENCH_NODES (3), BENCH_DRIVERS
 * (sessions / 9500, rounded up), BENCH_SETTLE_SECONDS (10), BENCH_PING_SAMPLE
 * (200 per driver).
 *
 * @example
 *   npm run bench -- ws-cluster
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchNodeEnv, dropClusterKeys, startClusterServices } from "../drivers/cluster.ts";
import type { OpenResult } from "../drivers/fleet.ts";
import { spawnDrivers } from "../drivers/ipc.ts";
import {
  cpuMeter,
  DRIVER_CORE,
  pct,
  pinSelf,
  rssKiB,
  SERVER_CORE,
  type ServerProc,
  startServer,
} from "../drivers/procs.ts";
import { knob, num, progress, row, save } from "../drivers/report.ts";
import { freePort } from "../machine.ts";

const KNOBS = ["BENCH_SESSIONS", "BENCH_NODES", "BENCH_DRIVERS", "BENCH_SETTLE_SECONDS", "BENCH_PING_SAMPLE"];

/** Open file descriptors of `pid`. */
const fds = (pid: number) => readdirSync(`/proc/${pid}/fd`).length;

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  pinSelf(DRIVER_CORE);
  const n = knob("BENCH_SESSIONS", 50_000);
  const nNodes = knob("BENCH_NODES", 3);
  const nDrivers = knob("BENCH_DRIVERS", Math.max(1, Math.ceil(n / 9_500)));
  const settle = knob("BENCH_SETTLE_SECONDS", 10);
  const pingSample = knob("BENCH_PING_SAMPLE", 200);
  const log = progress("ws-cluster");
  const share = (i: number) => Math.floor(n / nDrivers) + (i < n % nDrivers ? 1 : 0);

  // Every socket goes from 127.0.0.1 to one 127.0.0.1 port, so each needs its own ephemeral source port:
  // Linux's default range (32768-60999) caps that at 28,232. Widen it when allowed (root), or say why it fails.
  const rangeFile = "/proc/sys/net/ipv4/ip_local_port_range";
  const [lo, hi] = readFileSync(rangeFile, "utf8").trim().split(/\s+/).map(Number) as [number, number];
  let portRange = `${lo}-${hi}`;
  if (hi - lo + 1 < n + 2_000) {
    try {
      writeFileSync(rangeFile, "1024 65535");
      portRange = `${lo}-${hi}, widened to 1024-65535 for this run (restored after)`;
      log(`ephemeral port range ${lo}-${hi} holds fewer than ${n} connections: widened to 1024-65535`);
    } catch {
      log(
        `ephemeral port range ${lo}-${hi} holds only ${hi - lo + 1} connections to one address; as root: echo "1024 65535" > ${rangeFile}`,
      );
    }
  }
  const shared = startClusterServices();
  const port = freePort();
  const dirs: string[] = [];
  const nodes: ServerProc[] = [];
  try {
    for (let i = 0; i < nNodes; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), "kefu-bench-cluster-"));
      dirs.push(dataDir);
      nodes.push(
        await startServer({
          name: `kefu node ${i}`,
          cmd: ["gateway/main.ts"],
          port,
          env: { ...benchNodeEnv(shared, `bench-${i}`, port, dataDir), KEFU_HTTP_REUSE_PORT: "true" },
        }),
      );
      // The readiness probe may have been answered by an earlier process on the shared port.
      await Bun.sleep(2_000);
    }
    const url = `http://127.0.0.1:${port}`;
    const fdsBefore = nodes.map((s) => fds(s.pid));
    const drivers = await spawnDrivers("ws-hold.ts", nDrivers);
    try {
      const t0 = performance.now();
      await Promise.all(
        drivers.map((d) => d.call("create", { url, n: share(d.index), concurrency: Math.ceil(200 / nDrivers) })),
      );
      const createMs = performance.now() - t0;
      log(`created ${n} sessions in ${(createMs / 1000).toFixed(1)} s`);
      const rssBefore = nodes.map((s) => rssKiB(s.pid));
      const cpu = cpuMeter([...nodes.map((s) => s.pid), ...drivers.map((d) => d.pid)]);
      const t1 = performance.now();
      const opened = await Promise.all(
        drivers.map((d) =>
          d.call<OpenResult>("open", {
            proto: "kefu",
            url,
            n: share(d.index),
            concurrency: Math.ceil(200 / nDrivers),
            topicPrefix: `d${d.index}-`,
          }),
        ),
      );
      const openMs = performance.now() - t1;
      const shares = cpu.stop();
      const ok = opened.reduce((a, r) => a + r.opened, 0);
      log(`opened ${ok}/${n} sockets in ${(openMs / 1000).toFixed(1)} s; settling ${settle} s`);
      for (const s of nodes) if (s.stderr().trim()) log(`${s.name} said: ${s.stderr().slice(-1500)}`);
      await Bun.sleep(settle * 1000);
      const rssAfter = nodes.map((s) => rssKiB(s.pid));
      const perNode = nodes.map((s, i) => fds(s.pid) - (fdsBefore[i] as number));
      const pings = await Promise.all(
        drivers.map((d) => d.call<{ sent: number; ponged: number }>("ping", { sample: pingSample })),
      );
      const status = await Promise.all(
        drivers.map((d) => d.call<{ open: number; closed: number; closeCodes: Record<string, number> }>("status")),
      );
      const closeCodes: Record<string, number> = {};
      for (const st of status)
        for (const [code, count] of Object.entries(st.closeCodes)) closeCodes[code] = (closeCodes[code] ?? 0) + count;
      const open = status.reduce((a, s) => a + s.open, 0);
      const closed = status.reduce((a, s) => a + s.closed, 0);
      const failed = opened.reduce((a, r) => a + r.failed, 0);
      const firstError = opened.find((r) => r.firstError)?.firstError ?? "";
      const sent = pings.reduce((a, p) => a + p.sent, 0);
      const ponged = pings.reduce((a, p) => a + p.ponged, 0);
      const rssGrowth = rssAfter.reduce((a, r, i) => a + (r - (rssBefore[i] as number)), 0);
      const serverCpu = nodes.reduce((a, s) => a + (shares.get(s.pid) ?? 0), 0);
      const driverCpu = drivers.reduce((a, d) => a + (shares.get(d.pid) ?? 0), 0);
      await Promise.all(drivers.map((d) => d.call("closeAll")));

      const pinning = `ephemeral ports ${portRange}; ${nNodes} gateway processes on core ${SERVER_CORE} sharing port ${port} (SO_REUSEPORT); ${nDrivers} driver processes + orchestrator on core ${DRIVER_CORE}; PostgreSQL and Redis unpinned`;
      const common = { scenario: "ws-cluster", argv, pinning, knobs: KNOBS, baseline: "target" };
      await save(`ws-cluster: idle visitor sessions held by ${nNodes} gateway processes sharing one port`, [
        await row({
          ...common,
          metric: `idle visitor sessions held by ${nNodes} processes (PostgreSQL + Redis cluster mode), checked after ${settle} s`,
          kefu: `${num(open)}/${num(n)} open, ${ponged}/${sent} pings answered`,
          baselineValue: num(n),
          ratio: `${num(open / n, 3)}×`,
          driverCpu: `${pct(driverCpu)} while opening`,
          serverCpu: `${pct(serverCpu)} (all ${nNodes}) while opening`,
          notes: `sockets per process (open fds added): ${perNode.map((x) => num(x)).join(" / ")}; sessions created in ${num(createMs / 1000, 1)} s over HTTP on the shared port, sockets opened in ${num(openMs / 1000, 1)} s (200 upgrades in flight); ${failed} failed to open${firstError ? ` (${firstError})` : ""}, ${closed} closed${closed ? ` (codes ${JSON.stringify(closeCodes)})` : ""}; RSS growth while opening ${num(rssGrowth / 1024, 1)} MiB in total = ${num((rssGrowth * 1024) / Math.max(1, ok) / 1024, 2)} KiB per socket (each process loads its sockets' sessions from PostgreSQL and follows them on the Redis bus)`,
        }),
      ]);
    } finally {
      await Promise.all(drivers.map((d) => d.stop()));
    }
  } finally {
    await Promise.all(nodes.map((s) => s.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    log(`dropped ${await dropClusterKeys(shared)} Redis keys of this run`);
    if (portRange.includes("widened")) writeFileSync(rangeFile, `${lo} ${hi}`);
  }
}
