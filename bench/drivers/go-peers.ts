/**
 * The Go peers of the fan-out scenario, built on demand into bench/.work/bin
 * (git-ignored) through the Go module proxy, and started pinned to the server
 * core with GOMAXPROCS=1 (one core, like the Bun servers):
 *
 * - Centrifugo itself: `go install github.com/centrifugal/centrifugo/v6@latest` (then v5).
 * - the centrifuge library (Centrifugo's engine) behind a minimal server,
 *   bench/peers/centrifuge (used when Centrifugo cannot be had).
 *
 * Each returns either a started server or the exact reason it is not measured.
 *
 * @example
 *   const c = await startCentrifugePeer();
 *   if ("reason" in c) console.log(`not measured: ${c.reason}`);
 */
import { existsSync, mkdirSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../machine.ts";
import { root, type ServerProc, startServer } from "./procs.ts";

/** Where built Go binaries go. */
export const GOBIN = join(root, "bench", ".work", "bin");
const BUILD_MS = 5 * 60_000;

/** A started peer, or why not. */
export type Peer = ServerProc | { reason: string };

async function run(cmd: string[], cwd: string, env: Record<string, string>): Promise<{ ok: boolean; out: string }> {
  const go = Bun.which("go");
  if (!go) return { ok: false, out: "the go toolchain is not on PATH" };
  mkdirSync(GOBIN, { recursive: true });
  const p = Bun.spawn([go, ...cmd], { cwd, env: { ...process.env, ...env }, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => p.kill("SIGKILL"), BUILD_MS);
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  if (p.signalCode === "SIGKILL") return { ok: false, out: `go ${cmd.join(" ")} took over ${BUILD_MS / 60_000} min` };
  return { ok: code === 0, out: `${out}${err}`.trim().split("\n").slice(0, 4).join(" ") };
}

/** Installs (once) and starts Centrifugo (v6, else v5) in insecure client mode, publish allowed. */
export async function startCentrifugo(): Promise<Peer> {
  const bin = join(GOBIN, "centrifugo");
  if (!existsSync(bin)) {
    const failures: string[] = [];
    for (const mod of ["github.com/centrifugal/centrifugo/v6@latest", "github.com/centrifugal/centrifugo/v5@latest"]) {
      const r = await run(["install", mod], root, { GOBIN });
      if (r.ok) break;
      failures.push(`go install ${mod} failed: ${r.out.replace(/https?:\/\/\S+/g, "<module proxy URL>")}`);
    }
    if (!existsSync(bin)) return { reason: failures.join("; ") };
  }
  const port = freePort();
  const config = join(GOBIN, "centrifugo-bench.json");
  await Bun.write(
    config,
    JSON.stringify({
      client: { insecure: true, allowed_origins: ["*"] },
      channel: { without_namespace: { allow_subscribe_for_client: true, allow_publish_for_client: true } },
      http_server: { address: "127.0.0.1", port },
      health: { enabled: true },
    }),
  );
  try {
    return await startServer({
      name: "Centrifugo",
      cmd: [bin, "--config", config],
      port,
      ready: "/health",
      env: { GOMAXPROCS: "1" },
    });
  } catch (e) {
    return {
      reason: `Centrifugo built but did not start with the minimal config: ${(e as Error).message.slice(0, 300)}`,
    };
  }
}

/** Builds and starts bench/peers/centrifuge (the centrifuge library, JSON protocol). */
export async function startCentrifugePeer(): Promise<Peer> {
  const bin = join(GOBIN, "centrifuge-peer");
  // Always build: incremental and quick once the module cache is warm.
  const r = await run(["build", "-o", bin, "."], join(root, "bench", "peers", "centrifuge"), {});
  if (!r.ok) return { reason: `go build bench/peers/centrifuge failed: ${r.out}` };
  const port = freePort();
  return startServer({
    name: "centrifuge v0.40.1 peer",
    cmd: [bin],
    port,
    env: { PORT: String(port), GOMAXPROCS: "1" },
  });
}

/** The Centrifugo-protocol peers, best first: Centrifugo itself, then the centrifuge-library stand-in. */
export const CENTRIFUGE_PEERS = [
  ["Centrifugo (JSON protocol, insecure client mode)", startCentrifugo],
  ["centrifuge v0.40.1 library peer, Centrifugo's engine (JSON protocol; bench/peers/centrifuge)", startCentrifugePeer],
] as const;

/**
 * Starts the first of `CENTRIFUGE_PEERS` that starts (named with its GOMAXPROCS), logging
 * progress and each peer not started; pushes one "<peer> not measured: <reason>" note per
 * such peer onto `notMeasured`.
 */
export async function startCentrifugeNoted(
  log: (msg: string) => void,
  notMeasured: string[],
): Promise<{ name: string; server: ServerProc } | undefined> {
  log("centrifuge: building / starting");
  for (const [name, start] of CENTRIFUGE_PEERS) {
    const peer = await start();
    if (!("reason" in peer)) return { name: `${name}, GOMAXPROCS=1`, server: peer };
    log(`${name}: not measured: ${peer.reason}`);
    notMeasured.push(`${name.split(" (")[0]} not measured: ${peer.reason.slice(0, 160)}`);
  }
  return undefined;
}
