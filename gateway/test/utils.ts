/**
 * Shared helpers for gateway tests: an app wired to real embedded backends in a
 * temporary data dir, and a spawned gateway process for end-to-end tests.
 *
 * @example
 *   const t = await testApp();
 *   const res = await t.app.handle(req("GET", "/healthz"));
 *   await t.close();
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type Backends, createBackends } from "../../engine/backends.ts";
import { loadConfig } from "../../engine/config.ts";
import { createLogger } from "../../engine/logger.ts";
import { createMetrics, type Metrics } from "../../engine/metrics.ts";
import { jsKernels } from "../../engine/vector/kernels.ts";
import { type App, createApp } from "../app.ts";
import type { Lifecycle } from "../health/index.ts";

/** Repository root. */
export const root = resolve(import.meta.dir, "..", "..");
/** The Bun binary the tests run with (the pinned npm one). */
export const bunBin = process.execPath;

/** A temporary directory removed by the returned `cleanup`. */
export function tempDir(prefix = "kefu-test-"): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** An app with real embedded backends; `logs` collects what it logged. */
export interface TestApp {
  app: App;
  backends: Backends;
  metrics: Metrics;
  lifecycle: Lifecycle;
  logs: string[];
  close(): Promise<void>;
}

/** Builds a test app; `env` adds KEFU_* settings, `patch` replaces backends. */
export async function testApp(
  env: Record<string, string> = {},
  patch: (b: Backends) => Backends = (b) => b,
): Promise<TestApp> {
  const { dir, cleanup } = tempDir();
  const config = loadConfig({ KEFU_DATA_DIR: dir, ...env });
  const logs: string[] = [];
  const logger = createLogger("debug", (l) => logs.push(l));
  const backends = patch(await createBackends(config, { logger, kernels: jsKernels }));
  const build = { version: "0.0.0-test", commit: "test", native: "js" };
  const metrics = createMetrics(build);
  const lifecycle = { draining: false };
  const app = createApp({ config, backends, metrics, logger, build, lifecycle });
  return {
    app,
    backends,
    metrics,
    lifecycle,
    logs,
    close: async () => {
      await backends.close();
      cleanup();
    },
  };
}

/** A request to the app under test. */
export function req(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Request {
  const init: RequestInit = { method, headers: { ...headers } };
  if (body !== undefined) {
    init.body = typeof body === "string" ? body : JSON.stringify(body);
    (init.headers as Record<string, string>)["content-type"] ??= "application/json";
  }
  return new Request(`http://kefu.test${path}`, init);
}

/** A gateway process started with `bun run gateway/main.ts`. */
export interface GatewayProcess {
  proc: Bun.Subprocess<"ignore", "pipe", "pipe">;
  /** Base URL, known once the process logged that it listens. */
  url: string;
  /** Everything written to stderr so far. */
  stderr(): string;
  exited: Promise<number>;
}

/** Starts the gateway on a free port with `env`, and waits until it listens. */
export async function startGateway(env: Record<string, string>): Promise<GatewayProcess> {
  const proc = Bun.spawn([bunBin, "run", join(root, "gateway", "main.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", KEFU_PORT: "0", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  let text = "";
  const decoder = new TextDecoder();
  let resolveUrl: (u: string) => void = () => {};
  const urlP = new Promise<string>((r) => {
    resolveUrl = r;
  });
  void (async () => {
    for await (const chunk of proc.stderr) {
      text += decoder.decode(chunk, { stream: true });
      const m = /"msg":"kefu listening","url":"([^"]+)"/.exec(text);
      if (m?.[1]) resolveUrl(m[1]);
    }
  })();
  const url = await Promise.race([
    urlP,
    proc.exited.then((code) => {
      throw new Error(`gateway exited with ${code} before listening:\n${text}`);
    }),
  ]);
  return { proc, url, stderr: () => text, exited: proc.exited };
}

/** Runs the gateway to completion (for start-up failures) and returns its exit code and stderr. */
export async function runGateway(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  const proc = Bun.spawn([bunBin, "run", join(root, "gateway", "main.ts")], {
    cwd: root,
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "/tmp", ...env },
    stdin: "ignore",
    stdout: "pipe",
    stderr: "pipe",
  });
  const [code, stderr] = await Promise.all([proc.exited, new Response(proc.stderr).text()]);
  return { code, stderr };
}

/** The answer of `callApp`: status, parsed JSON (`{}` when not JSON) and the raw text. */
export interface AppAnswer {
  status: number;
  json: { error?: { code: string; message: string } } & Record<string, unknown>;
  text: string;
}

/**
 * One request to an in-process app (JSON body when given), answer parsed.
 *
 * @example
 *   const r = await callApp(gw.app, "POST", "/v1/admin/tenants", { id: "t1" }, { authorization: "Bearer …" });
 */
export async function callApp(
  app: { handle(r: Request): Response | Promise<Response> },
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<AppAnswer> {
  const res = await app.handle(
    new Request(`http://kefu.test${path}`, {
      method,
      headers: { ...(body !== undefined ? { "content-type": "application/json" } : {}), ...headers },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
    }),
  );
  const text = await res.text();
  let json: AppAnswer["json"] = {};
  try {
    json = JSON.parse(text);
  } catch {}
  return { status: res.status, json, text };
}

/**
 * A typed error response as `[status, error.code]`, for one-line assertions.
 *
 * @example
 *   expect(await statusAndCode(res)).toEqual([403, "forbidden"]);
 */
export async function statusAndCode(res: Response): Promise<[number, string]> {
  return [res.status, ((await res.json()) as { error: { code: string } }).error.code];
}
