/**
 * Scenario "cluster-delivery": two gateway nodes in cluster mode (PostgreSQL
 * event store, Redis hot history and bus; .ci/services/*.sh start both).
 *
 * 1. Delivery latency: a visitor on node A sends BENCH_MESSAGES messages, one
 *    after the other (each waits for its durable ack); a supervisor watching
 *    the session on node A (same node) and one on node B (cross node) record
 *    when each message arrives. Latency = arrival − send, all clients in this
 *    process (one clock). Baseline: the same-node watcher, same messages.
 * 2. Resume of a gap: the supervisor on B writes BENCH_GAP messages while the
 *    visitor is away; the visitor reconnects to node B and resumes. Time from
 *    starting the connection to the last replayed message, once with the gap
 *    in Redis's hot history and once with the Redis keys deleted (replay from
 *    PostgreSQL).
 *
 * Servers on core 0, this process (the clients) on core 1; PostgreSQL and Redis
 * unpinned. Environment: BENCH_MESSAGES (2000), BENCH_GAP (1000).
 *
 * @example
 *   npm run bench -- cluster-delivery
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeFrame, encodeFrame } from "../../gateway/realtime/codec.ts";
import type { kefu } from "../../proto/index.ts";
import { benchNodeEnv, dropClusterKeys, startClusterServices } from "../drivers/cluster.ts";
import { Histogram } from "../drivers/histogram.ts";
import { cpuMeter, DRIVER_CORE, pct, pinSelf, SERVER_CORE, type ServerProc, startServer } from "../drivers/procs.ts";
import { knob, num, progress, row, save } from "../drivers/report.ts";
import { BENCH_ADMIN_KEY } from "../drivers/servers.ts";
import { freePort } from "../machine.ts";

const KNOBS = ["BENCH_MESSAGES", "BENCH_GAP"];

/** A protobuf-framed WebSocket client that calls `onFrame` with each frame and its arrival time. */
async function client(url: string, token: string, onFrame: (f: kefu.v1.Frame, at: number) => void) {
  const ws = new WebSocket(`${url.replace(/^http/, "ws")}?token=${encodeURIComponent(token)}`, ["kefu.v1.proto"]);
  ws.binaryType = "arraybuffer";
  ws.onmessage = (ev) => onFrame(decodeFrame(new Uint8Array(ev.data as ArrayBuffer), "pb"), performance.now());
  await new Promise<void>((resolve, reject) => {
    ws.onopen = () => resolve();
    ws.onerror = () => reject(new Error(`WebSocket to ${url} failed`));
  });
  return { send: (f: kefu.v1.IFrame) => ws.send(encodeFrame(f, "pb")), close: () => ws.close() };
}

async function post(url: string, body: unknown, auth?: string): Promise<Record<string, unknown>> {
  const res = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json", ...(auth ? { authorization: `Bearer ${auth}` } : {}) },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${url}: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>;
}

/** Resolves when `pred` holds, polling every ms; rejects after `ms`. */
async function until(pred: () => boolean, ms: number, what: string): Promise<void> {
  const end = performance.now() + ms;
  while (!pred()) {
    if (performance.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(1);
  }
}

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  pinSelf(DRIVER_CORE);
  const nMsg = knob("BENCH_MESSAGES", 2000);
  const gap = knob("BENCH_GAP", 1000);
  const log = progress("cluster-delivery");
  const shared = startClusterServices();
  const dirs: string[] = [];
  const nodes: ServerProc[] = [];
  try {
    for (const name of ["a", "b"]) {
      const dataDir = mkdtempSync(join(tmpdir(), "kefu-bench-cd-"));
      dirs.push(dataDir);
      const port = freePort();
      nodes.push(
        await startServer({
          name: `kefu node ${name}`,
          cmd: ["gateway/main.ts"],
          port,
          env: {
            ...benchNodeEnv(shared, `bench-${name}`, port, dataDir),
            KEFU_KB_DEMO: "false",
            KEFU_STORAGE_HOT_HISTORY_SIZE: String(gap * 2 + nMsg + 100),
          },
        }),
      );
    }
    const [a, b] = nodes as [ServerProc, ServerProc];
    const v = (await post(`${a.url}/v1/visitor/sessions`, { tenantId: "bench" })) as {
      token: string;
      sessionId: string;
    };
    const supToken = async (node: ServerProc, id: string) =>
      (
        (await post(`${node.url}/v1/admin/agents`, { id, tenantId: "bench", role: "supervisor" }, BENCH_ADMIN_KEY)) as {
          token: string;
        }
      ).token;

    // ---- 1. delivery latency, same node vs cross node ----
    const sentAt = new Float64Array(nMsg);
    const arrived = { same: new Float64Array(nMsg), cross: new Float64Array(nMsg) };
    const watch = (into: Float64Array) => (f: kefu.v1.Frame, at: number) => {
      const text = f.deliver?.event?.message?.text;
      if (text?.startsWith("m-")) into[Number(text.slice(2))] = at;
    };
    const same = await client(`${a.url}/v1/ws/agent`, await supToken(a, "sup-a"), watch(arrived.same));
    const cross = await client(`${b.url}/v1/ws/agent`, await supToken(b, "sup-b"), watch(arrived.cross));
    for (const w of [same, cross]) w.send({ watch: { sessionId: v.sessionId } });
    let acked = -1;
    const visitor = await client(`${a.url}/v1/ws/visitor`, v.token, (f) => {
      const id = f.ack?.clientMsgId;
      if (id?.startsWith("c-")) acked = Number(id.slice(2));
    });
    // The first message makes the bot hand off (no model, no knowledge base): the rest are plain chat.
    visitor.send({ send: { message: { clientMsgId: "c-warm", text: "hello" } } });
    await Bun.sleep(1000);
    const cpu = cpuMeter(nodes.map((n) => n.pid));
    for (let i = 0; i < nMsg; i++) {
      sentAt[i] = performance.now();
      visitor.send({ send: { message: { clientMsgId: `c-${i}`, text: `m-${i}` } } });
      await until(() => acked >= i, 10_000, `ack ${i}`);
    }
    await until(() => arrived.cross[nMsg - 1] !== 0 && arrived.same[nMsg - 1] !== 0, 10_000, "the last delivery");
    const shares = cpu.stop();
    const hist = (arr: Float64Array) => {
      const h = new Histogram();
      for (let i = 0; i < nMsg; i++) if (arr[i]) h.record((arr[i] as number) - (sentAt[i] as number));
      return h;
    };
    const hs = hist(arrived.same);
    const hc = hist(arrived.cross);
    const ms = (h: Histogram, p: number) => h.quantile(p / 100);
    log(
      `same p50 ${ms(hs, 50).toFixed(3)} p99 ${ms(hs, 99).toFixed(3)}; cross p50 ${ms(hc, 50).toFixed(3)} p99 ${ms(hc, 99).toFixed(3)} ms`,
    );
    visitor.close();
    same.close();

    // ---- 2. resume of a gap, from the hot history and from PostgreSQL ----
    let lastAck = "";
    const writer = await client(`${b.url}/v1/ws/agent`, await supToken(b, "sup-w"), (f) => {
      if (f.ack?.clientMsgId) lastAck = f.ack.clientMsgId;
    });
    const resumeOnce = async (label: string, dropRedis: boolean) => {
      const lastSeqBefore = await new Promise<number>((resolve, reject) => {
        client(`${b.url}/v1/ws/visitor`, v.token, (f) => {
          if (f.welcome) resolve(Number(f.welcome.lastSeq));
        }).then((c) => setTimeout(() => c.close(), 100), reject);
      });
      for (let i = 0; i < gap; i++) {
        const id = `g-${label}-${i}`;
        writer.send({ send: { sessionId: v.sessionId, message: { clientMsgId: id, text: `gap ${label} ${i}` } } });
        if (i % 100 === 99 || i === gap - 1) await until(() => lastAck === id, 10_000, `ack of ${id}`);
      }
      const target = lastSeqBefore + gap;
      if (dropRedis) {
        const cli = (...args: string[]) => Bun.spawnSync(["redis-cli", "-u", shared.redis, ...args]).stdout.toString();
        const keys = cli("--scan", "--pattern", `${shared.prefix}*`).trim().split("\n").filter(Boolean);
        if (keys.length > 0) cli("DEL", ...keys);
      }
      let done = 0;
      const t0 = performance.now();
      const c = await client(`${b.url}/v1/ws/visitor`, v.token, (f, at) => {
        if (!done && Number(f.deliver?.event?.seq ?? 0) >= target) done = at;
      });
      c.send({ resume: { lastSeq: lastSeqBefore } });
      await until(() => done !== 0, 20_000, `the replay of ${gap} events`);
      c.close();
      return done - t0;
    };
    const hot = await resumeOnce("hot", false);
    const cold = await resumeOnce("store", true);
    log(`resume of ${gap}: hot ${hot.toFixed(1)} ms, store ${cold.toFixed(1)} ms`);
    writer.close();
    cross.close();

    const pinning = `2 gateway nodes on core ${SERVER_CORE}; clients + orchestrator on core ${DRIVER_CORE}; PostgreSQL and Redis unpinned`;
    const common = { scenario: "cluster-delivery", argv, pinning, knobs: KNOBS };
    await save("cluster-delivery: cross-node delivery and resume on PostgreSQL + Redis", [
      await row({
        ...common,
        metric: "delivery latency to a watcher on the other node, p50 / p99 (visitor send → frame at the watcher)",
        kefu: `${num(ms(hc, 50), 3)} / ${num(ms(hc, 99), 3)} ms`,
        baseline: "watcher on the sender's node",
        baselineValue: `${num(ms(hs, 50), 3)} / ${num(ms(hs, 99), 3)} ms`,
        ratio: `${num(ms(hc, 50) / ms(hs, 50), 2)}× / ${num(ms(hc, 99) / ms(hs, 99), 2)}×`,
        driverCpu: "—",
        serverCpu: `${pct(shares.get(a.pid) ?? 0)} (A) / ${pct(shares.get(b.pid) ?? 0)} (B)`,
        notes: `${num(nMsg)} messages, one at a time (each after the previous durable ack: PostgreSQL group commit with synchronous_commit=on); same-node frames also pass through the Redis bus's local delivery and the session relay; cross-node adds Redis pub/sub`,
      }),
      await row({
        ...common,
        metric: `resume of a ${num(gap)}-message gap: connect → last replayed message`,
        kefu: `${num(hot, 1)} ms (hot history in Redis)`,
        baseline: "gap replayed from PostgreSQL (Redis keys deleted)",
        baselineValue: `${num(cold, 1)} ms`,
        ratio: `${num(hot / cold, 2)}×`,
        driverCpu: "—",
        serverCpu: "—",
        notes:
          "the visitor reconnects to node B (the writer's node); resume { last_seq } → resumed + the events in order",
      }),
    ]);
  } finally {
    await Promise.all(nodes.map((s) => s.stop()));
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
    log(`dropped ${await dropClusterKeys(shared)} Redis keys of this run`);
  }
}
