/**
 * The servers the WebSocket scenarios compare, each started pinned to the
 * server core: the kefu gateway (fresh data dir, rate limits raised for load),
 * the bare `Bun.serve` WebSocket baseline, and the Socket.IO peer.
 *
 * @example
 *   const kefu = await startKefu();
 *   // … kefu.url, kefu.pid …
 *   await kefu.stop(); // also removes its data dir
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "../machine.ts";
import { root, type ServerProc, startServer } from "./procs.ts";

/** Admin key the benchmark gateway accepts (127.0.0.1 only, throwaway data dir). */
export const BENCH_ADMIN_KEY = "bench-admin-key-0123456789abcdef";

/** Starts `gateway/main.ts` with a temporary data dir and benchmark limits; `env` overrides. */
export async function startKefu(env: Record<string, string> = {}): Promise<ServerProc> {
  const dataDir = mkdtempSync(join(tmpdir(), "kefu-bench-ws-"));
  const port = freePort();
  const s = await startServer({
    name: "kefu",
    cmd: ["gateway/main.ts"],
    port,
    env: {
      KEFU_PORT: String(port),
      KEFU_DATA_DIR: dataDir,
      KEFU_LOG_LEVEL: "warn",
      KEFU_AUTH_ADMIN_KEY: BENCH_ADMIN_KEY,
      KEFU_REALTIME_MESSAGES_PER_SECOND: "10000",
      KEFU_REALTIME_BURST: "100000",
      ...env,
    },
  });
  return {
    ...s,
    async stop() {
      await s.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Starts bench/baselines/bare-ws.ts. */
export async function startBare(): Promise<ServerProc> {
  const port = freePort();
  return startServer({
    name: "bare Bun.serve",
    cmd: ["bench/baselines/bare-ws.ts"],
    port,
    env: { PORT: String(port) },
  });
}

/**
 * Starts bench/peers/socketio-server.ts under `runtime`: "node" (Socket.IO's home; the
 * peer is bundled to bench/.work/peers/ with `Bun.build` since Node 20 cannot run
 * TypeScript) or "bun".
 */
export async function startSocketIo(runtime: "node" | "bun" = "node"): Promise<ServerProc> {
  const port = freePort();
  const script = "bench/peers/socketio-server.ts";
  let cmd = [script];
  if (runtime === "node") {
    const node = Bun.which("node");
    if (!node) throw new Error("node is not on PATH");
    const outdir = join(root, "bench", ".work", "peers");
    const built = await Bun.build({
      entrypoints: [join(root, script)],
      target: "node",
      format: "esm",
      outdir,
      naming: "socketio-server.mjs",
      external: ["bufferutil", "utf-8-validate"],
    });
    if (!built.success) throw new Error(`bundling ${script} failed: ${built.logs.join("\n")}`);
    cmd = [node, join(outdir, "socketio-server.mjs")];
  }
  return startServer({ name: `Socket.IO (${runtime})`, cmd, port, env: { PORT: String(port) } });
}

/** Sum of the `kefu_realtime_connections` gauge (every role) from /metrics. */
export async function kefuConnections(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  let n = 0;
  for (const m of text.matchAll(/^kefu_realtime_connections(?:\{[^}]*\})? (\d+(?:\.\d+)?)$/gm)) n += Number(m[1]);
  return n;
}

/** `node --version`, or "?" when Node is missing. */
export function nodeVersion(): string {
  const r = Bun.spawnSync(["node", "--version"]);
  return r.exitCode === 0 ? r.stdout.toString().trim() : "?";
}

/** The installed socket.io package version. */
export function socketIoVersion(): string {
  try {
    return (require("socket.io/package.json") as { version: string }).version;
  } catch {
    return "4";
  }
}
