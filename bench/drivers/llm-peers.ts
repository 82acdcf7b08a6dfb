/**
 * The LLM-gateway peers of the `llm-proxy` scenario, installed on demand into
 * bench/.work (git-ignored; package.json is never touched) and started pinned to
 * the server core like kefu:
 *
 * - Portkey's AI gateway (npm `@portkey-ai/gateway`) under Node, headless, with
 *   NODE_ENV=production: `node build/start-server.js --port=<p> --headless` (what
 *   `npx @portkey-ai/gateway` runs, minus the console UI). Each request names the
 *   upstream with `x-portkey-provider: openai` + `x-portkey-custom-host`.
 * - LiteLLM's proxy (PyPI `litellm[proxy]`) in the venv bench/.work/venv, one
 *   uvicorn worker: `litellm --config <yaml> --port <p> --num_workers 1`, with a
 *   deployment `gpt-mock` → `openai/gpt-mock` at the mock's `/v1`.
 *
 * Each returns a started server or the exact reason it is not measured.
 *
 * @example
 *   const p = await startPortkey(`${mock.url}/v1`);
 *   if ("reason" in p) console.log(`not measured: ${p.reason}`);
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { freePort } from "../machine.ts";
import type { Peer } from "./go-peers.ts";
import { BENCH_API_KEY, BENCH_MODEL, LLM_WORK } from "./llm-servers.ts";
import { root, startServer } from "./procs.ts";

export type { Peer } from "./go-peers.ts";

/** npm spec of the Portkey gateway (BENCH_PORTKEY_SPEC overrides). */
export const PORTKEY_SPEC = process.env.BENCH_PORTKEY_SPEC || "@portkey-ai/gateway@1.15.2";
/**
 * PyPI spec of LiteLLM (BENCH_LITELLM_SPEC overrides). 1.106.2 is the newest whose
 * dependencies resolve on this registry (1.109.1 needs certifi ≥ 2026.10.19, absent).
 */
export const LITELLM_SPEC = process.env.BENCH_LITELLM_SPEC || "litellm[proxy]==1.106.2";

const PORTKEY_DIR = join(root, "bench", ".work", "llm-peers");
const VENV = join(root, "bench", ".work", "venv");
const INSTALL_MS = 10 * 60_000;

async function sh(cmd: string[], cwd: string): Promise<{ ok: boolean; out: string }> {
  const p = Bun.spawn(cmd, { cwd, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => p.kill("SIGKILL"), INSTALL_MS);
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  const tail = `${out}${err}`
    .trim()
    .split("\n")
    .filter((l) => !/^npm warn/i.test(l))
    .slice(-3)
    .join(" ");
  if (p.signalCode === "SIGKILL") return { ok: false, out: `${cmd.join(" ")} took over ${INSTALL_MS / 60_000} min` };
  return { ok: code === 0, out: tail.replace(/https?:\/\/\S+/g, "<registry URL>") };
}

/** Version of an installed package from its package.json, or "?". */
function npmVersion(dir: string): string {
  try {
    return (require(join(dir, "package.json")) as { version: string }).version;
  } catch {
    return "?";
  }
}

/** Installs (once) and starts Portkey's gateway under Node on the server core. */
export async function startPortkey(): Promise<Peer & { version?: string }> {
  const node = Bun.which("node");
  if (!node) return { reason: "node is not on PATH (Portkey's gateway is a Node server)" };
  const pkg = join(PORTKEY_DIR, "node_modules", "@portkey-ai", "gateway");
  const entry = join(pkg, "build", "start-server.js");
  if (!existsSync(entry)) {
    mkdirSync(PORTKEY_DIR, { recursive: true });
    if (!existsSync(join(PORTKEY_DIR, "package.json")))
      writeFileSync(join(PORTKEY_DIR, "package.json"), '{ "name": "kefu-llm-peers", "private": true }\n');
    const cmd = ["npm", "i", "--no-audit", "--no-fund", PORTKEY_SPEC];
    const r = await sh(cmd, PORTKEY_DIR);
    if (!r.ok || !existsSync(entry))
      return { reason: `\`${cmd.join(" ")}\` in bench/.work/llm-peers failed: ${r.out || "no build/start-server.js"}` };
  }
  const port = freePort();
  try {
    const s = await startServer({
      name: "Portkey gateway",
      cmd: [node, entry, `--port=${port}`, "--headless"],
      port,
      ready: "/",
      env: { NODE_ENV: "production", PORT: String(port) },
    });
    return { ...s, version: npmVersion(pkg) };
  } catch (e) {
    return { reason: `Portkey installed but did not start: ${(e as Error).message.slice(0, 300)}` };
  }
}

/** Creates the venv and installs LiteLLM (once), then starts its proxy (one worker) on the server core. */
export async function startLiteLlm(upstreamV1: string): Promise<Peer & { version?: string }> {
  const bin = join(VENV, "bin", "litellm");
  if (!existsSync(bin)) {
    const python = Bun.which("python3");
    if (!python) return { reason: "python3 is not on PATH" };
    if (!existsSync(join(VENV, "bin", "pip"))) {
      const v = await sh([python, "-m", "venv", VENV], root);
      if (!v.ok) return { reason: `\`python3 -m venv bench/.work/venv\` failed: ${v.out}` };
    }
    const cmd = [join(VENV, "bin", "pip"), "install", "-q", LITELLM_SPEC];
    const r = await sh(cmd, root);
    if (!r.ok || !existsSync(bin))
      return { reason: `\`bench/.work/venv/bin/pip install -q '${LITELLM_SPEC}'\` failed: ${r.out}` };
  }
  mkdirSync(LLM_WORK, { recursive: true });
  const config = join(LLM_WORK, "litellm.yaml");
  writeFileSync(
    config,
    [
      "model_list:",
      `  - model_name: ${BENCH_MODEL}`,
      "    litellm_params:",
      `      model: openai/${BENCH_MODEL}`,
      `      api_base: ${upstreamV1}`,
      `      api_key: ${BENCH_API_KEY}`,
      "litellm_settings:",
      "  drop_params: true",
      "  telemetry: false",
      "general_settings:",
      `  master_key: ${BENCH_API_KEY}`,
      "",
    ].join("\n"),
  );
  const port = freePort();
  try {
    const s = await startServer({
      name: "LiteLLM proxy",
      cmd: [bin, "--config", config, "--host", "127.0.0.1", "--port", String(port), "--num_workers", "1"],
      port,
      ready: "/health/liveliness",
      readyMs: 180_000,
      env: {
        // No network but the registries: use the bundled model cost map instead of fetching it.
        LITELLM_LOCAL_MODEL_COST_MAP: "True",
        LITELLM_MODE: "PRODUCTION",
        LITELLM_LOG: "ERROR",
        PYTHONUNBUFFERED: "1",
      },
    });
    return { ...s, version: pipVersion() };
  } catch (e) {
    return { reason: `LiteLLM installed but did not start: ${(e as Error).message.slice(0, 300)}` };
  }
}

function pipVersion(): string {
  const r = Bun.spawnSync([
    join(VENV, "bin", "python"),
    "-c",
    "import importlib.metadata as m; print(m.version('litellm'))",
  ]);
  return r.exitCode === 0 ? r.stdout.toString().trim() : "?";
}
