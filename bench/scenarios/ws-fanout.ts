/**
 * Scenario "ws-fanout": broadcast fan-out to BENCH_SUBSCRIBERS sockets of one
 * topic. For kefu the topic is one visitor session, followed by supervisor
 * console sockets (BENCH_SUPERVISORS supervisors, each with several sockets;
 * each socket sends `watch` for the session, which subscribes it to the session
 * topic). The session's visitor first hands off to the (empty) human queue, so
 * no bot answers, then sends chat messages at BENCH_RATES messages/s; each is
 * appended durably, then encoded once and published to the session topic: the
 * real chat path. (Many visitor sockets of one token would also work,
 * but every visitor socket that opens publishes a presence frame to the topic,
 * so opening 10,000 of them costs ~50 M presence deliveries.) Receivers count
 * deliveries/s inside a fixed window.
 *
 * Baseline in the same run: bare `Bun.serve` pub/sub (bench/baselines/bare-ws.ts:
 * the sender's frame is `server.publish`ed to the topic), with frames padded to
 * the size of kefu's deliver frame. Ratio = kefu deliveries/s ÷ baseline's
 * (target ≥ 0.9×). Also Socket.IO 4 on Node (bench/peers/socketio-server.ts:
 * the sender's `msg` is acked, then emitted to the room; frames padded the
 * same way), Centrifugo when `go install` can fetch it, and a
 * minimal server on the centrifuge library (Centrifugo's engine), both pinned to
 * the server core with GOMAXPROCS=1; a peer that cannot be built gets a
 * "not measured" row with the exact reason.
 *
 * Receivers are spread over BENCH_DRIVERS processes, all on the driver core,
 * and only count frames (a sample of BENCH_LATENCY_SAMPLE sockets decodes them
 * for publish → receive latency); their CPU is reported so a saturated driver
 * shows.
 *
 * Environment: BENCH_SUBSCRIBERS (10000), BENCH_SUPERVISORS (100), BENCH_RATES ("5,10,20" msgs/s),
 * BENCH_SECONDS (10 per rate), BENCH_WARMUP (3), BENCH_DRIVERS (4),
 * BENCH_LATENCY_SAMPLE (100), BENCH_RAW_COUNTERS (1: counting receivers use the
 * raw-TCP counting client, bench/drivers/raw-ws.ts; 0: Bun's WebSocket client),
 * BENCH_CENTRIFUGE (1: also measure Centrifugo, or when it cannot be installed
 * the centrifuge-library peer, both built through the Go module proxy into
 * bench/.work/bin; 0: skip), BENCH_SOCKETIO (1: also measure Socket.IO; 0: skip).
 *
 * @example
 *   npm run bench -- ws-fanout
 */
import { kefu } from "../../proto/index.ts";
import { nowMs, type Proto } from "../drivers/clients.ts";
import type { OpenResult } from "../drivers/fleet.ts";
import { CENTRIFUGE_PEERS } from "../drivers/go-peers.ts";
import { Histogram } from "../drivers/histogram.ts";
import { type Driver, spawnDrivers } from "../drivers/ipc.ts";
import { cpuMeter, DRIVER_CORE, pct, pinSelf, SERVER_CORE, type ServerProc } from "../drivers/procs.ts";
import { knob, num, progress, ratio, row, save } from "../drivers/report.ts";
import {
  BENCH_ADMIN_KEY,
  nodeVersion,
  socketIoVersion,
  startBare,
  startKefu,
  startSocketIo,
} from "../drivers/servers.ts";
import type { ReceiveResult, SendArg, SenderTarget, SendResult } from "../drivers/ws-fanout.ts";

const KNOBS = [
  "BENCH_SUBSCRIBERS",
  "BENCH_SUPERVISORS",
  "BENCH_RATES",
  "BENCH_SECONDS",
  "BENCH_WARMUP",
  "BENCH_DRIVERS",
  "BENCH_LATENCY_SAMPLE",
  "BENCH_CENTRIFUGE",
  "BENCH_RAW_COUNTERS",
  "BENCH_SOCKETIO",
];

interface RateOutcome {
  rate: number;
  sentRate: number;
  deliveriesPerSec: number;
  expectedPerSec: number;
  /** Deliveries over the whole send (after drain) ÷ (sent × subscribers). */
  complete: number;
  latency: Histogram;
  ack: Histogram;
  open: number;
  closed: number;
  closeCodes: Record<string, number>;
  driverCpu: number;
  serverCpu: number;
  senderErrors: string;
}

interface Target {
  name: string;
  proto: Proto;
  server: ServerProc | { name: string; pid: number; url: string; stop(): Promise<void> };
  /** Token of the sender (kefu: the visitor). */
  token?: string;
  /** Tokens the receivers use (kefu: supervisors); default `token`. */
  rxTokens?: string[];
  /** kefu: the session the receivers watch. */
  watch?: string;
  topic?: string;
  pad: number;
}

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  pinSelf(DRIVER_CORE);
  const n = knob("BENCH_SUBSCRIBERS", 10_000);
  const rates = (process.env.BENCH_RATES ?? "5,10,20")
    .split(",")
    .map(Number)
    .filter((r) => r > 0);
  const seconds = knob("BENCH_SECONDS", 10);
  const warmup = knob("BENCH_WARMUP", 3);
  const nDrivers = knob("BENCH_DRIVERS", 4);
  const nSupervisors = Math.max(1, knob("BENCH_SUPERVISORS", 100));
  const sample = knob("BENCH_LATENCY_SAMPLE", 100);
  const rawCounters = process.env.BENCH_RAW_COUNTERS !== "0";
  const log = progress("ws-fanout");
  const share = (i: number) => Math.floor(n / nDrivers) + (i < n % nDrivers ? 1 : 0);

  async function measure(t: Target): Promise<RateOutcome[]> {
    const receivers = await spawnDrivers("ws-fanout.ts", nDrivers);
    const [sender] = (await spawnDrivers("ws-fanout.ts", 1)) as [Driver];
    const all = [...receivers, sender];
    try {
      const opened = await Promise.all(
        receivers.map((d) =>
          d.call<OpenResult>("open", {
            proto: t.proto,
            url: t.server.url,
            n: share(d.index),
            concurrency: Math.ceil(200 / nDrivers),
            ...(t.rxTokens ? { tokens: t.rxTokens } : t.token ? { tokens: [t.token] } : {}),
            ...(t.watch ? { watch: t.watch } : {}),
            ...(t.topic ? { topics: [t.topic] } : {}),
            countFrom: Math.ceil(sample / nDrivers),
            raw: rawCounters,
          }),
        ),
      );
      const ok = opened.reduce((a, r) => a + r.opened, 0);
      log(
        `${t.name}: ${ok}/${n} subscribers open${ok < n ? ` (${opened.find((r) => r.firstError)?.firstError})` : ""}`,
      );
      if (ok === 0) throw new Error(`${t.name}: no subscriber connected`);
      await sender.call("openSender", {
        proto: t.proto,
        url: t.server.url,
        ...(t.token ? { token: t.token } : {}),
        ...(t.topic ? { topic: t.topic } : {}),
        handoff: t.proto === "kefu",
      } satisfies SenderTarget);
      await Bun.sleep(2_000); // watches are asynchronous: let every subscription land
      const out: RateOutcome[] = [];
      for (const rate of rates) {
        const from = nowMs() + warmup * 1000;
        const to = from + seconds * 1000;
        await Promise.all(receivers.map((d) => d.call("arm", { from, to })));
        const pids = [t.server.pid, ...all.map((d) => d.pid)].filter((p) => p > 0);
        let cpu = cpuMeter(pids);
        let shares = new Map<number, number>();
        const timers = [
          setTimeout(() => (cpu = cpuMeter(pids)), from - nowMs()),
          setTimeout(() => (shares = cpu.stop()), to - nowMs()),
        ];
        const sent = await sender.call<SendResult>("send", { rate, until: to, pad: t.pad } satisfies SendArg);
        for (const x of timers) clearTimeout(x);
        if (shares.size === 0) shares = cpu.stop();
        // Let the last deliveries land: wait until the receivers' counts stop moving (≤ 15 s).
        let last = -1;
        for (let waited = 0; waited < 15_000; waited += 500) {
          const now = (await Promise.all(receivers.map((d) => d.call<number>("peek")))).reduce((a, b) => a + b, 0);
          if (now === last) break;
          last = now;
          await Bun.sleep(500);
        }
        const rx = await Promise.all(receivers.map((d) => d.call<ReceiveResult>("result")));
        const inWindow = rx.reduce((a, r) => a + r.inWindow, 0);
        const total = rx.reduce((a, r) => a + r.total, 0);
        const open = rx.reduce((a, r) => a + r.open, 0);
        const closeCodes: Record<string, number> = {};
        for (const r of rx) for (const [k, v] of Object.entries(r.closeCodes)) closeCodes[k] = (closeCodes[k] ?? 0) + v;
        const o: RateOutcome = {
          rate,
          sentRate: sent.rate,
          deliveriesPerSec: inWindow / seconds,
          expectedPerSec: rate * ok,
          complete: total / Math.max(1, sent.sent * ok),
          latency: Histogram.merge(rx.map((r) => r.latency)),
          ack: Histogram.merge([sent.ack]),
          open,
          closed: rx.reduce((a, r) => a + r.closed, 0),
          closeCodes,
          driverCpu: all.reduce((a, d) => a + (shares.get(d.pid) ?? 0), 0),
          serverCpu: shares.get(t.server.pid) ?? 0,
          senderErrors: sent.errors ? `${sent.errors} sender errors (${sent.firstError})` : "",
        };
        log(
          `${t.name} @ ${rate}/s: ${num(o.deliveriesPerSec)} deliveries/s of ${num(o.expectedPerSec)} offered, complete ${(o.complete * 100).toFixed(2)}%, latency p50/p99 ${o.latency.quantile(0.5).toFixed(1)}/${o.latency.quantile(0.99).toFixed(1)} ms, server ${pct(o.serverCpu)}, drivers ${pct(o.driverCpu)}, open ${o.open}, ${o.senderErrors}`,
        );
        out.push(o);
        if (open === 0) break;
      }
      await Promise.all(receivers.map((d) => d.call("closeAll")));
      return out;
    } finally {
      await Promise.all(all.map((d) => d.stop()));
    }
  }

  // kefu: one session; its visitor sends, supervisor consoles watch it.
  const kefuServer = await startKefu();
  let k: RateOutcome[];
  let kefuFrameBytes = 0;
  try {
    const post = async <T>(path: string, body: unknown, auth?: string): Promise<T> => {
      const res = await fetch(`${kefuServer.url}${path}`, {
        method: "POST",
        headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
        body: JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    const s = await post<{ sessionId: string; visitorId: string; token: string }>("/v1/visitor/sessions", {
      tenantId: "bench",
    });
    const supervisors = await Promise.all(
      Array.from({ length: nSupervisors }, (_, i) =>
        post<{ token: string }>(
          "/v1/admin/agents",
          { id: `sup-${i}`, tenantId: "bench", role: "supervisor" },
          BENCH_ADMIN_KEY,
        ).then((r) => r.token),
      ),
    );
    const text = `${nowMs().toFixed(3)}:`;
    kefuFrameBytes = kefu.v1.Frame.encode({
      deliver: {
        event: {
          tenantId: "bench",
          sessionId: s.sessionId,
          seq: 10_000,
          atUnixMs: Date.now(),
          actor: { kind: 1, id: s.visitorId },
          message: { clientMsgId: "f10000", text },
        },
      },
    }).finish().length;
    k = await measure({
      name: "kefu",
      proto: "kefu",
      server: kefuServer,
      token: s.token,
      rxTokens: supervisors,
      watch: s.sessionId,
      pad: 0,
    });
  } finally {
    await kefuServer.stop();
  }
  // Bare frame "m<id>|<text><pad>": pad it to kefu's deliver frame size.
  const barePad = Math.max(0, kefuFrameBytes - `mf10000|${nowMs().toFixed(3)}:`.length);
  const bareServer = await startBare();
  let b: RateOutcome[];
  try {
    b = await measure({ name: "bare Bun.serve", proto: "bare", server: bareServer, topic: "fan", pad: barePad });
  } finally {
    await bareServer.stop();
  }
  const peers: { name: string; r: RateOutcome[] }[] = [{ name: "bare Bun.serve pub/sub (bare-ws.ts)", r: b }];
  if (process.env.BENCH_SOCKETIO !== "0") {
    // Socket.IO frame '42["deliver",{"id":"f10000","text":"<ts>:<pad>"}]': padded the same way.
    const sioPad = Math.max(0, kefuFrameBytes - `42["deliver",{"id":"f10000","text":"${nowMs().toFixed(3)}:"}]`.length);
    const sio = await startSocketIo("node");
    try {
      peers.push({
        name: `Socket.IO ${socketIoVersion()} on Node ${nodeVersion()} (room broadcast)`,
        r: await measure({ name: "Socket.IO", proto: "socketio", server: sio, topic: "fan", pad: sioPad }),
      });
    } finally {
      await sio.stop();
    }
  }
  const notMeasured: { name: string; reason: string }[] = [];
  if (process.env.BENCH_CENTRIFUGE !== "0") {
    for (const [name, start] of CENTRIFUGE_PEERS) {
      log(`${name}: building / starting`);
      const peer = await start();
      if ("reason" in peer) {
        log(`${name}: not measured: ${peer.reason}`);
        notMeasured.push({ name, reason: peer.reason });
        continue;
      }
      try {
        peers.push({
          name: `${name}, GOMAXPROCS=1`,
          r: await measure({ name, proto: "centrifuge", server: peer, topic: "fan", pad: barePad }),
        });
      } finally {
        await peer.stop();
      }
    }
  }

  const cpuPerK = (o: RateOutcome) => (o.serverCpu * 1000 * 1000) / Math.max(1, o.deliveriesPerSec);
  const pinning = `servers on core ${SERVER_CORE}; ${nDrivers} receiver processes + 1 sender process (Bun WebSocket client; Socket.IO's wire protocol over it for Socket.IO) + orchestrator on core ${DRIVER_CORE}`;
  const rows: string[] = [];
  for (const peer of peers) {
    for (const kr of k) {
      const br = peer.r.find((x) => x.rate === kr.rate);
      if (!br) continue;
      const saturated =
        Math.max(kr.driverCpu, br.driverCpu) > 0.9
          ? " DRIVERS SATURATED (≥ 90% of their core): the rates are a floor."
          : "";
      rows.push(
        await row({
          scenario: "ws-fanout",
          argv,
          pinning,
          knobs: KNOBS,
          metric: `deliveries/s to ${num(n)} subscribers of one topic, sender at ${kr.rate} msg/s (offered ${num(kr.expectedPerSec)}/s)`,
          kefu: num(kr.deliveriesPerSec),
          baseline: peer.name,
          baselineValue: num(br.deliveriesPerSec),
          ratio: ratio(kr.deliveriesPerSec, br.deliveriesPerSec),
          driverCpu: `${pct(kr.driverCpu)} / ${pct(br.driverCpu)}`,
          serverCpu: `${pct(kr.serverCpu)} / ${pct(br.serverCpu)}`,
          notes: `${seconds} s window after ${warmup} s; complete ${(kr.complete * 100).toFixed(2)}% / ${(br.complete * 100).toFixed(2)}%; publish → receive p50/p99 ${kr.latency.quantile(0.5).toFixed(1)}/${kr.latency.quantile(0.99).toFixed(1)} ms / ${br.latency.quantile(0.5).toFixed(1)}/${br.latency.quantile(0.99).toFixed(1)} ms (sample of ${sample} sockets); kefu send → durable ack p99 ${kr.ack.quantile(0.99).toFixed(1)} ms; still open ${num(kr.open)} / ${num(br.open)}; frames ${kefuFrameBytes} B (kefu deliver; baseline padded to match).${kr.closed ? ` kefu closed ${kr.closed}: ${JSON.stringify(kr.closeCodes)}.` : ""}${br.closed ? ` baseline closed ${br.closed}: ${JSON.stringify(br.closeCodes)}.` : ""}${kr.senderErrors ? ` kefu ${kr.senderErrors}.` : ""}${saturated}`,
        }),
        await row({
          scenario: "ws-fanout",
          argv,
          pinning,
          knobs: KNOBS,
          metric: `server CPU µs per delivery, sender at ${kr.rate} msg/s to ${num(n)} subscribers`,
          kefu: `${num(cpuPerK(kr), 1)} µs`,
          baseline: peer.name,
          baselineValue: `${num(cpuPerK(br), 1)} µs`,
          ratio: `${ratio(cpuPerK(kr), cpuPerK(br))} (lower is better)`,
          driverCpu: `${pct(kr.driverCpu)} / ${pct(br.driverCpu)}`,
          serverCpu: `${pct(kr.serverCpu)} / ${pct(br.serverCpu)}`,
          notes:
            "server process CPU (user + system, so it includes the kernel's loopback TCP work done in its context) ÷ deliveries in the window; kefu's also includes the durable append of each message",
        }),
      );
    }
  }
  for (const m of notMeasured) {
    rows.push(
      await row({
        scenario: "ws-fanout",
        argv,
        pinning,
        knobs: KNOBS,
        metric: "deliveries/s to one topic",
        kefu: "(see rows above)",
        baseline: m.name,
        baselineValue: "not measured",
        ratio: "—",
        driverCpu: "—",
        serverCpu: "—",
        notes: `not measured: ${m.reason}`,
      }),
    );
  }
  await save("ws-fanout: one topic, many subscribers, kefu vs bare Bun.serve pub/sub, Socket.IO and Centrifugo", rows);
}
