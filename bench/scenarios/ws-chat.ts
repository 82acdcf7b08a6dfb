/**
 * Scenario "ws-chat": BENCH_SESSIONS visitor sessions, each sending one chat
 * message per second (sends spread evenly over the second, across all driver
 * processes) for BENCH_SECONDS after BENCH_WARMUP seconds. Reports acks/s
 * received inside the measured window, p50/p99 send → ack and send → deliver
 * (each sender is in its own session topic / room and gets its message back).
 *
 * kefu acks only after the SQLite append is durable (group commit, WAL,
 * synchronous=FULL). Compared in the same run, with the same driver logic:
 * - Socket.IO 4 (bench/peers/socketio-server.ts on Node, WebSocket transport):
 *   ack callback + room broadcast, NO durable store;
 * - bare Bun.serve (bench/baselines/bare-ws.ts): ack + topic publish, NO store;
 * - Centrifugo when the Go module proxy serves it, else a server on the centrifuge
 *   library (Centrifugo's engine; bench/peers/centrifuge): publish acked, then pushed
 *   to the channel's subscribers from memory, NO store.
 *
 * Environment: BENCH_SESSIONS (10000), BENCH_SECONDS (30), BENCH_WARMUP (5),
 * BENCH_DRIVERS (2), BENCH_CHAT_PEERS ("socketio,bare,centrifuge"), BENCH_SOCKETIO_RUNTIME
 * ("node" or "bun"), BENCH_CHAT_STATE ("queued": each session first hands off to
 * the empty human queue, so messages are stored and delivered with no bot
 * answer, like the peers; "bot": sessions stay with the bot, which answers every
 * message: one more append plus streamed bot frames per message).
 *
 * @example
 *   npm run bench -- ws-chat
 */
import type { Proto } from "../drivers/clients.ts";
import type { OpenResult } from "../drivers/fleet.ts";
import { startCentrifugeNoted } from "../drivers/go-peers.ts";
import { Histogram } from "../drivers/histogram.ts";
import { spawnDrivers } from "../drivers/ipc.ts";
import { cpuMeter, DRIVER_CORE, pct, pinSelf, SERVER_CORE, type ServerProc } from "../drivers/procs.ts";
import { knob, num, progress, ratio, row, save } from "../drivers/report.ts";
import { nodeVersion, socketIoVersion, startBare, startKefu, startSocketIo } from "../drivers/servers.ts";
import type { ChatRunArg, ChatRunResult } from "../drivers/ws-chat.ts";

const KNOBS = [
  "BENCH_SESSIONS",
  "BENCH_SECONDS",
  "BENCH_WARMUP",
  "BENCH_DRIVERS",
  "BENCH_CHAT_PEERS",
  "BENCH_SOCKETIO_RUNTIME",
  "BENCH_CHAT_STATE",
];

interface Outcome {
  name: string;
  opened: number;
  measured: number;
  acked: number;
  delivered: number;
  acksPerSec: number;
  deliversPerSec: number;
  ack: Histogram;
  deliver: Histogram;
  lag: Histogram;
  errors: number;
  firstError: string;
  driverCpu: number;
  serverCpu: number;
}

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  pinSelf(DRIVER_CORE);
  const n = knob("BENCH_SESSIONS", 10_000);
  const seconds = knob("BENCH_SECONDS", 30);
  const warmup = knob("BENCH_WARMUP", 5);
  const nDrivers = knob("BENCH_DRIVERS", Math.max(2, Math.ceil(n / 9_500)));
  const peers = (process.env.BENCH_CHAT_PEERS ?? "socketio,bare,centrifuge").split(",").filter(Boolean) as Proto[];
  const sioRuntime = process.env.BENCH_SOCKETIO_RUNTIME === "bun" ? "bun" : "node";
  const chatState = process.env.BENCH_CHAT_STATE === "bot" ? "bot" : "queued";
  const log = progress("ws-chat");
  const share = (i: number) => Math.floor(n / nDrivers) + (i < n % nDrivers ? 1 : 0);
  const offsetOf = (i: number) => Array.from({ length: i }, (_, j) => share(j)).reduce((a, b) => a + b, 0);

  async function measure(proto: Proto, server: ServerProc): Promise<Outcome> {
    const drivers = await spawnDrivers("ws-chat.ts", nDrivers);
    try {
      if (proto === "kefu") {
        await Promise.all(
          drivers.map((d) =>
            d.call("create", { url: server.url, n: share(d.index), concurrency: Math.ceil(200 / nDrivers) }),
          ),
        );
      }
      const opened = await Promise.all(
        drivers.map((d) =>
          d.call<OpenResult>("open", {
            proto,
            url: server.url,
            n: share(d.index),
            concurrency: Math.ceil(200 / nDrivers),
            topicPrefix: `room-${d.index}-`,
          }),
        ),
      );
      if (proto === "kefu" && chatState === "queued") {
        // Hand every session to the (empty) human queue: messages are then stored and
        // delivered with no bot answer, the same work the peers do (plus durability).
        await Promise.all(
          drivers.map((d) => d.call("kefuFrame", { handoff: { group: "default", reason: "benchmark" } })),
        );
        await Bun.sleep(3_000);
      }
      const ok = opened.reduce((a, r) => a + r.opened, 0);
      log(`${server.name}: ${ok}/${n} connections open; sending for ${warmup}+${seconds} s`);
      if (ok === 0) throw new Error(`${server.name}: no connection opened: ${opened[0]?.firstError}`);
      await Bun.sleep(1_000);
      const pids = [server.pid, ...drivers.map((d) => d.pid)];
      let cpu = cpuMeter(pids);
      const warmTimer = setTimeout(() => {
        cpu = cpuMeter(pids); // measure CPU over the measured window only
      }, warmup * 1000);
      let shares = new Map<number, number>();
      const stopTimer = setTimeout(
        () => {
          shares = cpu.stop();
        },
        (warmup + seconds) * 1000,
      );
      const results = await Promise.all(
        drivers.map((d) =>
          d.call<ChatRunResult>("run", {
            total: n,
            offset: offsetOf(d.index),
            seconds,
            warmup,
            periodMs: 1000,
          } satisfies ChatRunArg),
        ),
      );
      clearTimeout(warmTimer);
      clearTimeout(stopTimer);
      if (shares.size === 0) shares = cpu.stop();
      const sum = (f: (r: ChatRunResult) => number) => results.reduce((a, r) => a + f(r), 0);
      const windowS = (results[0]?.windowMs ?? seconds * 1000) / 1000;
      const o: Outcome = {
        name: server.name,
        opened: ok,
        measured: sum((r) => r.measured),
        acked: sum((r) => r.acked),
        delivered: sum((r) => r.delivered),
        acksPerSec: sum((r) => r.acksInWindow) / windowS,
        deliversPerSec: sum((r) => r.deliversInWindow) / windowS,
        ack: Histogram.merge(results.map((r) => r.ack)),
        deliver: Histogram.merge(results.map((r) => r.deliver)),
        lag: Histogram.merge(results.map((r) => r.lag)),
        errors: sum((r) => r.errors),
        firstError: results.find((r) => r.firstError)?.firstError ?? "",
        driverCpu: drivers.reduce((a, d) => a + (shares.get(d.pid) ?? 0), 0),
        serverCpu: shares.get(server.pid) ?? 0,
      };
      log(
        `${server.name}: ${num(o.acksPerSec)} acks/s, ack p50/p99 ${o.ack.quantile(0.5).toFixed(2)}/${o.ack.quantile(0.99).toFixed(2)} ms, deliver p50/p99 ${o.deliver.quantile(0.5).toFixed(2)}/${o.deliver.quantile(0.99).toFixed(2)} ms, acked ${o.acked}/${o.measured}, errors ${o.errors} ${o.firstError}, server CPU ${pct(o.serverCpu)}, drivers ${pct(o.driverCpu)}, send lag p99 ${o.lag.quantile(0.99).toFixed(1)} ms`,
      );
      await Promise.all(drivers.map((d) => d.call("closeAll")));
      return o;
    } finally {
      await Promise.all(drivers.map((d) => d.stop()));
    }
  }

  async function withServer(start: () => Promise<ServerProc>, proto: Proto): Promise<Outcome> {
    const s = await start();
    try {
      return await measure(proto, s);
    } finally {
      await s.stop();
    }
  }

  const k = await withServer(() => startKefu({ KEFU_CONVERSATIONS_MAX_QUEUE_PER_GROUP: "1000000" }), "kefu");
  const others: { proto: Proto; o: Outcome; label: string }[] = [];
  const notMeasured: string[] = [];
  for (const p of peers) {
    if (p === "socketio") {
      const label = `Socket.IO ${socketIoVersion()} on ${sioRuntime === "node" ? `Node ${nodeVersion()}` : `Bun ${Bun.version}`} (no durable store)`;
      others.push({ proto: p, label, o: await withServer(() => startSocketIo(sioRuntime), p) });
    } else if (p === "bare") {
      others.push({ proto: p, label: "bare Bun.serve WS (no store)", o: await withServer(() => startBare(), p) });
    } else if (p === "centrifuge") {
      const c = await startCentrifugeNoted(log, notMeasured);
      if (c) {
        const server = c.server;
        others.push({ proto: p, label: `${c.name} (no durable store)`, o: await withServer(async () => server, p) });
      }
    } else throw new Error(`BENCH_CHAT_PEERS: unknown peer ${p} (socketio, bare, centrifuge)`);
  }

  const pinning = `servers on core ${SERVER_CORE}; ${nDrivers} driver processes (Bun WebSocket client; socket.io-client for Socket.IO) + orchestrator on core ${DRIVER_CORE}`;
  const p = (h: Histogram) => `${h.quantile(0.5).toFixed(2)} / ${h.quantile(0.99).toFixed(2)} ms`;
  const health = (o: Outcome) =>
    `${o.name}: acked ${num(o.acked)}/${num(o.measured)}, delivered ${num(o.delivered)}, ${o.errors} error frames${o.firstError ? ` (${o.firstError})` : ""}, send lag p99 ${o.lag.quantile(0.99).toFixed(1)} ms`;
  const rows: string[] = [];
  for (const { o, label } of others) {
    const common = {
      scenario: "ws-chat",
      argv,
      pinning,
      knobs: KNOBS,
      baseline: label,
      driverCpu: `${pct(k.driverCpu)} / ${pct(o.driverCpu)}`,
      serverCpu: `${pct(k.serverCpu)} / ${pct(o.serverCpu)}`,
    };
    const note = `${num(n)} sessions × 1 msg/s, ${seconds} s window after ${warmup} s warm-up; kefu sessions ${chatState === "queued" ? "handed off to the empty human queue (no bot answers)" : "in the bot state (the bot answers every message)"}; kefu acks after a durable SQLite append, the baseline acks from memory. ${health(k)}; ${health(o)}${notMeasured.length ? `; ${notMeasured.join("; ")}` : ""}`;
    rows.push(
      await row({
        ...common,
        metric: "durable acks/s received (kefu) vs acks/s",
        kefu: num(k.acksPerSec),
        baselineValue: num(o.acksPerSec),
        ratio: ratio(k.acksPerSec, o.acksPerSec),
        notes: note,
      }),
      await row({
        ...common,
        metric: "send → ack p50 / p99",
        kefu: p(k.ack),
        baselineValue: p(o.ack),
        ratio: `${ratio(k.ack.quantile(0.99), o.ack.quantile(0.99))} (p99, lower is better)`,
        notes: "latency measured in the sending driver from the moment the frame was sent",
      }),
      await row({
        ...common,
        metric: "send → deliver (own session topic / room) p50 / p99",
        kefu: p(k.deliver),
        baselineValue: p(o.deliver),
        ratio: `${ratio(k.deliver.quantile(0.99), o.deliver.quantile(0.99))} (p99, lower is better)`,
        notes: `kefu publishes after the durable append, so deliver ≥ append time; deliveries/s ${num(k.deliversPerSec)} / ${num(o.deliversPerSec)}`,
      }),
    );
  }
  await save("ws-chat: visitors sending 1 msg/s with acks, kefu (durable) vs Socket.IO, Centrifugo and bare Bun", rows);
}
