/**
 * Scenario "ws-sessions": how many idle visitor sessions one gateway process
 * holds on one core, and what each costs in RSS. Creates BENCH_SESSIONS kefu
 * sessions over HTTP, opens one visitor WebSocket per session from driver
 * processes (≤ 9,500 sockets each: the open-files cap is 20,000 per process),
 * waits BENCH_SETTLE_SECONDS, and compares the server's VmRSS before and after
 * opening. Then pings a sample of sockets (ping frame → pong) and reads the
 * gateway's `kefu_realtime_connections` gauge to confirm they are all open.
 * Compared in the same run, with the same drivers, each socket joined to its
 * own topic / room / channel as a visitor is to its session topic:
 * - bare `Bun.serve` (bench/baselines/bare-ws.ts), ping "p" → "P";
 * - Socket.IO 4 on Node (bench/peers/socketio-server.ts, WebSocket transport),
 *   ping = emit → emit;
 * - Centrifugo when the Go module proxy serves it, else the centrifuge-library
 *   peer (bench/peers/centrifuge), ping = an RPC command → its reply.
 *
 * Environment: BENCH_SESSIONS (19000), BENCH_DRIVERS (sessions / 9500, rounded
 * up), BENCH_SETTLE_SECONDS (10), BENCH_PING_SAMPLE (200 per driver),
 * BENCH_SESSIONS_PEERS ("bare,socketio,centrifuge").
 *
 * @example
 *   npm run bench -- ws-sessions
 */

import type { Proto } from "../drivers/clients.ts";
import type { OpenResult } from "../drivers/fleet.ts";
import { startCentrifugeNoted } from "../drivers/go-peers.ts";
import { spawnDrivers } from "../drivers/ipc.ts";
import { cpuMeter, DRIVER_CORE, pct, pinSelf, rssKiB, SERVER_CORE, type ServerProc } from "../drivers/procs.ts";
import { knob, num, progress, ratio, row, save } from "../drivers/report.ts";
import {
  kefuConnections,
  nodeVersion,
  socketIoVersion,
  startBare,
  startKefu,
  startSocketIo,
} from "../drivers/servers.ts";

const KNOBS = ["BENCH_SESSIONS", "BENCH_DRIVERS", "BENCH_SETTLE_SECONDS", "BENCH_PING_SAMPLE", "BENCH_SESSIONS_PEERS"];

interface Held {
  n: number;
  opened: number;
  failed: number;
  firstError: string;
  openMs: number;
  rssBeforeKiB: number;
  rssAfterKiB: number;
  rssFreshKiB: number;
  open: number;
  closed: number;
  closeCodes: Record<string, number>;
  sent: number;
  ponged: number;
  gauge: number | undefined;
  driverCpu: number;
  serverCpu: number;
}

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  pinSelf(DRIVER_CORE);
  const n = knob("BENCH_SESSIONS", 19_000);
  const nDrivers = knob("BENCH_DRIVERS", Math.max(1, Math.ceil(n / 9_500)));
  const settle = knob("BENCH_SETTLE_SECONDS", 10);
  const pingSample = knob("BENCH_PING_SAMPLE", 200);
  const log = progress("ws-sessions");
  const peers = (process.env.BENCH_SESSIONS_PEERS ?? "bare,socketio,centrifuge").split(",").filter(Boolean);
  const share = (i: number) => Math.floor(n / nDrivers) + (i < n % nDrivers ? 1 : 0);

  async function hold(kind: Proto, server: ServerProc): Promise<Held> {
    const drivers = await spawnDrivers("ws-hold.ts", nDrivers);
    try {
      const rssFreshKiB = rssKiB(server.pid);
      if (kind === "kefu") {
        const t0 = performance.now();
        await Promise.all(
          drivers.map((d) =>
            d.call("create", { url: server.url, n: share(d.index), concurrency: Math.ceil(200 / nDrivers) }),
          ),
        );
        log(`kefu: created ${n} sessions in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
      }
      // Warm-up: open and close a few hundred sockets so JIT and first-use allocations are not counted.
      const warm = Math.min(500, share(0));
      await drivers[0]?.call("open", { proto: kind, url: server.url, n: warm, topicPrefix: "warm-" });
      await drivers[0]?.call("closeAll");
      await Bun.sleep(2_000);
      const rssBeforeKiB = rssKiB(server.pid);
      const cpu = cpuMeter([server.pid, ...drivers.map((d) => d.pid)]);
      const t0 = performance.now();
      const opened = await Promise.all(
        drivers.map((d) =>
          d.call<OpenResult>("open", {
            proto: kind,
            url: server.url,
            n: share(d.index),
            concurrency: Math.ceil(200 / nDrivers),
            topicPrefix: `d${d.index}-`,
          }),
        ),
      );
      const openMs = performance.now() - t0;
      const shares = cpu.stop();
      const ok = opened.reduce((a, r) => a + r.opened, 0);
      log(`${kind}: opened ${ok}/${n} sockets in ${(openMs / 1000).toFixed(1)} s; settling ${settle} s`);
      await Bun.sleep(settle * 1000);
      const rssAfterKiB = rssKiB(server.pid);
      const pings = await Promise.all(
        drivers.map((d) => d.call<{ sent: number; ponged: number }>("ping", { sample: pingSample })),
      );
      const status = await Promise.all(
        drivers.map((d) => d.call<{ open: number; closed: number; closeCodes: Record<string, number> }>("status")),
      );
      const gauge = kind === "kefu" ? await kefuConnections(server.url) : undefined;
      const closeCodes: Record<string, number> = {};
      for (const s of status)
        for (const [k, v] of Object.entries(s.closeCodes)) closeCodes[k] = (closeCodes[k] ?? 0) + v;
      const held: Held = {
        n,
        opened: ok,
        failed: opened.reduce((a, r) => a + r.failed, 0),
        firstError: opened.find((r) => r.firstError)?.firstError ?? "",
        openMs,
        rssBeforeKiB,
        rssAfterKiB,
        rssFreshKiB,
        open: status.reduce((a, s) => a + s.open, 0),
        closed: status.reduce((a, s) => a + s.closed, 0),
        closeCodes,
        sent: pings.reduce((a, p) => a + p.sent, 0),
        ponged: pings.reduce((a, p) => a + p.ponged, 0),
        gauge,
        driverCpu: drivers.reduce((a, d) => a + (shares.get(d.pid) ?? 0), 0),
        serverCpu: shares.get(server.pid) ?? 0,
      };
      log(`${kind}: ${JSON.stringify(held)}`);
      await Promise.all(drivers.map((d) => d.call("closeAll")));
      return held;
    } finally {
      await Promise.all(drivers.map((d) => d.stop()));
    }
  }

  async function withServer(kind: Proto, server: ServerProc): Promise<Held> {
    try {
      return await hold(kind, server);
    } finally {
      await server.stop();
    }
  }

  const k = await withServer("kefu", await startKefu());
  const others: { label: string; ping: string; h: Held }[] = [];
  const notMeasured: string[] = [];
  for (const p of peers) {
    if (p === "bare") {
      others.push({
        label: "bare Bun.serve WS (bare-ws.ts)",
        ping: '"p" → "P"',
        h: await withServer(p, await startBare()),
      });
    } else if (p === "socketio") {
      others.push({
        label: `Socket.IO ${socketIoVersion()} on Node ${nodeVersion()} (WebSocket transport)`,
        ping: "emit → emit",
        h: await withServer(p, await startSocketIo("node")),
      });
    } else if (p === "centrifuge") {
      const c = await startCentrifugeNoted(log, notMeasured);
      if (c) others.push({ label: c.name, ping: "RPC command → reply", h: await withServer(p, c.server) });
    } else throw new Error(`BENCH_SESSIONS_PEERS: unknown peer ${p} (bare, socketio, centrifuge)`);
  }

  const perConn = (h: Held) => ((h.rssAfterKiB - h.rssBeforeKiB) * 1024) / Math.max(1, h.opened);
  const kb = (bytes: number) => `${num(bytes / 1024, 2)} KiB`;
  const pinning = `servers on core ${SERVER_CORE}; ${nDrivers} driver process(es) (Bun WebSocket client; socket.io-client for Socket.IO) + orchestrator on core ${DRIVER_CORE}`;
  const heldText = (h: Held) =>
    `${num(h.open)}/${num(h.n)} open, ${h.ponged}/${h.sent} pings answered${h.gauge !== undefined ? `, gauge ${num(h.gauge)}` : ""}`;
  const why = (h: Held) =>
    h.open < h.n
      ? ` Not all held: ${h.failed} failed to open (${h.firstError || "no error"}), ${h.closed} closed (${JSON.stringify(h.closeCodes)}).`
      : "";
  const vm = (h: Held) => `${num(h.rssBeforeKiB / 1024, 1)} → ${num(h.rssAfterKiB / 1024, 1)} MiB`;
  const missing = notMeasured.length ? ` ${notMeasured.join("; ")}` : "";
  const rows: string[] = [];
  for (const { label, ping, h: b } of others) {
    const common = {
      scenario: "ws-sessions",
      argv,
      pinning,
      knobs: KNOBS,
      baseline: label,
      driverCpu: `${pct(k.driverCpu)} / ${pct(b.driverCpu)} while opening`,
      serverCpu: `${pct(k.serverCpu)} / ${pct(b.serverCpu)} while opening`,
    };
    rows.push(
      await row({
        ...common,
        metric: `RSS per idle visitor WebSocket (VmRSS after − before opening ${num(n)}, after ${settle} s idle)`,
        kefu: kb(perConn(k)),
        baselineValue: kb(perConn(b)),
        ratio: ratio(perConn(k), perConn(b)),
        notes: `target ≤ 8 KiB per session; ratio kefu / peer (lower is leaner); VmRSS ${vm(k)} (kefu), ${vm(b)} (peer); no forced GC in any server.${why(k)}${why(b)}${missing}`,
      }),
      await row({
        ...common,
        metric: "idle sockets held by one process, checked after settling",
        kefu: heldText(k),
        baselineValue: heldText(b),
        ratio: ratio(k.open, b.open),
        notes: `opened in ${num(k.openMs / 1000, 1)} s (kefu: token check + session lookup per upgrade) / ${num(b.openMs / 1000, 1)} s (peer), 200 upgrades in flight; kefu ping = Frame{ping} → Frame{pong}, peer ping = ${ping}`,
      }),
    );
  }
  rows.push(
    await row({
      scenario: "ws-sessions",
      argv,
      pinning,
      knobs: KNOBS,
      metric: "RSS per session incl. session state (VmRSS after − fresh process, / sessions)",
      kefu: kb(((k.rssAfterKiB - k.rssFreshKiB) * 1024) / n),
      baseline: "—",
      baselineValue: "—",
      ratio: "—",
      driverCpu: "—",
      serverCpu: "—",
      notes:
        "includes the in-memory session, its hot-history ring, its idle timer, SQLite page cache and HTTP garbage from creating it",
    }),
  );
  await save("ws-sessions: idle visitor WebSockets held by one gateway process", rows);
}
