/**
 * Scenario "http": the gateway's `GET /healthz` and `POST /v1/echo` against a bare
 * `Bun.serve` with the same routes, in one run. Servers are pinned to core 0 and
 * wrk to core 1; kefu and the baseline alternate for `rounds` rounds and the
 * median of each is compared.
 *
 * Environment: BENCH_SECONDS (default 10), BENCH_ROUNDS (3), BENCH_CONNECTIONS (64).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort, machineLine, waitHttp } from "../machine.ts";
import { appendResults } from "../results.ts";
import { runWrk, type WrkResult } from "../wrk.ts";

const root = resolve(import.meta.dir, "..", "..");
const SERVER_CORE = 0;
const DRIVER_CORE = 1;

interface Server {
  url: string;
  stop(): Promise<void>;
}

async function start(name: string, cmd: string[], env: Record<string, string>, port: number): Promise<Server> {
  const p = Bun.spawn(["taskset", "-c", String(SERVER_CORE), process.execPath, ...cmd], {
    cwd: root,
    env: { ...process.env, ...env },
    stdout: "ignore",
    stderr: "pipe",
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitHttp(`${url}/healthz`);
  } catch (e) {
    p.kill();
    throw new Error(`${name} did not start: ${(e as Error).message}\n${await new Response(p.stderr).text()}`);
  }
  return {
    url,
    stop: async () => {
      p.kill("SIGTERM");
      await p.exited;
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;

/** Runs the scenario and appends its rows to bench/RESULTS.md. */
export async function run(argv: string[]): Promise<void> {
  const seconds = Number(process.env.BENCH_SECONDS ?? 10);
  const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
  const connections = Number(process.env.BENCH_CONNECTIONS ?? 64);
  const dataDir = mkdtempSync(join(tmpdir(), "kefu-bench-"));
  const kefuPort = freePort();
  const barePort = freePort();
  const kefu = await start(
    "kefu",
    ["gateway/main.ts"],
    { KEFU_PORT: String(kefuPort), KEFU_DATA_DIR: dataDir, KEFU_LOG_LEVEL: "warn" },
    kefuPort,
  );
  const bare = await start("bare Bun.serve", ["bench/baselines/bare-bun.ts"], { PORT: String(barePort) }, barePort);
  const routes = [
    { name: "GET /healthz", path: "/healthz" },
    { name: "POST /v1/echo", path: "/v1/echo", script: "post-echo.lua" },
  ];
  const rows: string[] = [];
  try {
    for (const route of routes) {
      const got: Record<"kefu" | "bare", WrkResult[]> = { kefu: [], bare: [] };
      // Warm both servers (JIT) before measuring.
      for (const s of [kefu, bare]) {
        await runWrk({ url: s.url + route.path, core: DRIVER_CORE, seconds: 2, connections, script: route.script });
      }
      for (let i = 0; i < rounds; i++) {
        for (const [key, s] of [
          ["kefu", kefu],
          ["bare", bare],
        ] as const) {
          const r = await runWrk({
            url: s.url + route.path,
            core: DRIVER_CORE,
            seconds,
            connections,
            script: route.script,
          });
          got[key].push(r);
          console.error(
            `${route.name} ${key} round ${i + 1}: ${Math.round(r.rps)} req/s, p99 ${r.p99Ms.toFixed(2)} ms, driver CPU ${(r.driverCpu * 100).toFixed(0)}%`,
          );
        }
      }
      const k = median(got.kefu.map((r) => r.rps));
      const b = median(got.bare.map((r) => r.rps));
      const kp99 = median(got.kefu.map((r) => r.p99Ms));
      const bp99 = median(got.bare.map((r) => r.p99Ms));
      const cpu = Math.max(...got.kefu.map((r) => r.driverCpu), ...got.bare.map((r) => r.driverCpu));
      rows.push(
        `| ${new Date().toISOString().slice(0, 10)} | ${route.name} | ${Math.round(k)} | ${Math.round(b)} | **${(k / b).toFixed(2)}×** | ${kp99.toFixed(2)} / ${bp99.toFixed(2)} | ${(cpu * 100).toFixed(0)}% | ${await machineLine()} | servers on core ${SERVER_CORE}, wrk -t1 -c${connections} on core ${DRIVER_CORE}, ${rounds}×${seconds}s medians | \`npm run bench -- http${argv.length ? ` ${argv.join(" ")}` : ""}\` |`,
      );
    }
  } finally {
    await kefu.stop();
    await bare.stop();
    rmSync(dataDir, { recursive: true, force: true });
  }
  await appendResults(
    "http: kefu gateway vs bare Bun.serve",
    [
      "| date | route | kefu req/s | bare Bun req/s | ratio (kefu / bare) | p99 ms (kefu / bare) | driver CPU (max, of one core) | machine | pinning | command |",
      "|---|---|---|---|---|---|---|---|---|---|",
    ],
    rows,
  );
  for (const r of rows) console.log(r);
}
