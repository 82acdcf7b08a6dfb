/**
 * The LLM subsystem of one process: builds providers from the routing config,
 * the router with its metrics, and reloads the config at run time (file watch
 * and admin API) — validated first, swapped atomically; requests in flight keep
 * the config they started with.
 *
 * With no config file, the embedded default routes everything to the `local`
 * provider (knowledge-base answers, no model), so the gateway needs nothing else.
 *
 * @example
 *   const llm = createLlm({ configFile: "", env: process.env, clock, registry, logger, localAnswer });
 *   const { first, chunks } = llm.router.stream(req, { signal });
 */
import { type FSWatcher, readFileSync, watch } from "node:fs";
import type { Registry } from "prom-client";
import type { Clock } from "../clock.ts";
import { ConfigError } from "../config.ts";
import type { Logger } from "../logger.ts";
import { histogramChild } from "../metrics.ts";
import { createLlmMetrics } from "./metrics.ts";
import {
  createAnthropicProvider,
  createCozeProvider,
  createDifyProvider,
  createLocalProvider,
  createMockProvider,
  createOpenAiProvider,
} from "./providers/index.ts";
import { type LlmConfig, parseLlmConfig, type TargetConfig } from "./router/config.ts";
import { createOutputGuard, type OutputGuard, parseOutputGuardConfig } from "./router/hybrid.ts";
import { createLlmRouter, type LlmRouter } from "./router/router.ts";
import type { Timers } from "./router/timers.ts";
import type { ChatRequest, LlmProvider } from "./types.ts";

/** Answers a question from the knowledge base, or undefined when it has none. */
export type LocalAnswer = (question: string, req: ChatRequest) => Promise<{ text: string } | undefined>;

/** The routing config used when no file is given: everything goes to the local provider. */
export const EMBEDDED_LLM_CONFIG = {
  targets: { local: { provider: "local" } },
  routes: { default: { strategy: "fallback", targets: ["local"] } },
  profiles: { default: { default: "default" } },
} as const;

/** Options of `createLlm`. */
export interface LlmOptions {
  /** JSON or TOML routing config; "" uses EMBEDDED_LLM_CONFIG. */
  configFile: string;
  /** Where `apiKeyEnv` names are looked up. */
  env: Record<string, string | undefined>;
  clock: Clock;
  timers?: Timers;
  registry: Registry;
  logger: Logger;
  localAnswer: LocalAnswer;
}

/** The LLM subsystem. */
export interface Llm {
  router: LlmRouter;
  /** Validates and swaps in a new config (JSON value); throws ConfigError naming the bad key. */
  reload(json: unknown, source: string): LlmConfig;
  /** Re-reads the config file (no-op for the embedded config). */
  reloadFile(): LlmConfig;
  /** The output rules for a tenant (hybrid mode), or undefined when it has none. */
  guardFor(tenantId: string): OutputGuard | undefined;
  /** Starts watching the config file; changes are reloaded after `debounceMs`. */
  watch(debounceMs?: number): void;
  close(): void;
}

/** Reads a JSON or TOML config file. */
export function readLlmConfigFile(path: string): unknown {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (e) {
    throw new ConfigError(`KEFU_LLM_CONFIG_FILE=${path}: cannot read the file (${(e as Error).message})`);
  }
  try {
    return path.endsWith(".toml") ? Bun.TOML.parse(text) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`${path}: not valid ${path.endsWith(".toml") ? "TOML" : "JSON"} (${(e as Error).message})`);
  }
}

/** Builds the provider adapter for one target. */
export function providerFor(
  id: string,
  t: TargetConfig,
  env: Record<string, string | undefined>,
  localAnswer: LocalAnswer,
): LlmProvider {
  const apiKey = t.apiKeyEnv ? (env[t.apiKeyEnv] ?? "") : "";
  const o = (t.options ?? {}) as Record<string, never>;
  const common = { id, timeouts: t.timeouts, ...(t.baseUrl ? { baseUrl: t.baseUrl } : {}) };
  switch (t.provider) {
    case "openai":
      return createOpenAiProvider({
        ...o,
        ...common,
        baseUrl: t.baseUrl ?? "https://api.openai.com/v1",
        ...(apiKey ? { apiKey } : {}),
      });
    case "anthropic":
      return createAnthropicProvider({ ...o, ...common, apiKey });
    case "dify":
      return createDifyProvider({ ...o, ...common, apiKey });
    case "coze":
      return createCozeProvider({ ...o, ...common, apiKey, botId: String(t.options?.botId ?? "") });
    case "local":
      return createLocalProvider({ ...o, id, answer: localAnswer });
    case "mock":
      return createMockProvider({ ...o, id });
  }
}

/** Creates the LLM subsystem. */
export function createLlm(opts: LlmOptions): Llm {
  const { logger } = opts;
  const metrics = createLlmMetrics(opts.registry);
  // The routing config may carry `outputGuard` (per-tenant output rules); it is parsed and swapped with the routes.
  let guard: { config: ReturnType<typeof parseOutputGuardConfig>; guard: OutputGuard } | undefined;
  const parseBoth = (json: unknown) => {
    const { outputGuard, ...routing } = (json ?? {}) as Record<string, unknown>;
    const cfg = parseLlmConfig(routing, { env: opts.env });
    const g = outputGuard === undefined ? undefined : parseOutputGuardConfig(outputGuard, "outputGuard");
    return { cfg, g };
  };
  const parse = (json: unknown, source: string) => {
    try {
      const { cfg, g } = parseBoth(json);
      pendingGuard = g;
      return cfg;
    } catch (e) {
      if (e instanceof ConfigError) throw new ConfigError(`${source}: ${e.message}`);
      throw e;
    }
  };
  let pendingGuard: ReturnType<typeof parseOutputGuardConfig> | undefined;
  const commitGuard = () => {
    guard = pendingGuard ? { config: pendingGuard, guard: createOutputGuard(pendingGuard) } : undefined;
  };
  const load = () =>
    opts.configFile
      ? parse(readLlmConfigFile(opts.configFile), opts.configFile)
      : parse(EMBEDDED_LLM_CONFIG, "embedded LLM config");
  const factory = (id: string, t: TargetConfig) => providerFor(id, t, opts.env, opts.localAnswer);
  // Children are cached per target; the counters' children add to plain numbers flushed at scrape time.
  // Nested maps keyed by the report's own strings: no key string to build and hash per attempt.
  const children = new Map<string, Map<string, ReturnType<typeof makeChildren>>>();
  const makeChildren = (provider: string, target: string) => {
    const outcomes = new Map<string, Map<string, { inc(v?: number): void }>>();
    return {
      requests: (model: string, outcome: string) => {
        let byOutcome = outcomes.get(model);
        if (!byOutcome) {
          byOutcome = new Map();
          outcomes.set(model, byOutcome);
        }
        let c = byOutcome.get(outcome);
        if (!c) {
          c = metrics.requestsChild(provider, target, model, outcome);
          byOutcome.set(outcome, c);
        }
        return c;
      },
      ttft: histogramChild(metrics.ttft, { provider, target }),
      duration: histogramChild(metrics.duration, { provider, target }),
      tokensIn: metrics.tokensChild(provider, target, "in"),
      tokensOut: metrics.tokensChild(provider, target, "out"),
    };
  };
  const labelled = (provider: string, target: string) => {
    let byTarget = children.get(provider);
    if (!byTarget) {
      byTarget = new Map();
      children.set(provider, byTarget);
    }
    let c = byTarget.get(target);
    if (!c) {
      c = makeChildren(provider, target);
      byTarget.set(target, c);
    }
    return c;
  };
  const router = createLlmRouter({
    config: load(),
    providers: factory,
    clock: opts.clock,
    ...(opts.timers ? { timers: opts.timers } : {}),
    metrics: {
      onAttempt(r) {
        const m = labelled(r.provider, r.target);
        m.requests(r.model, r.outcome).inc();
        if (r.outcome === "ok") {
          if (r.ttftMs !== undefined) m.ttft.observe(r.ttftMs / 1000);
          m.duration.observe(r.totalMs / 1000);
        }
        if (r.tokensIn) m.tokensIn.inc(r.tokensIn);
        if (r.tokensOut) m.tokensOut.inc(r.tokensOut);
      },
      onHedge: (route) => metrics.hedges.inc({ route }),
      onFailover: (route) => metrics.failovers.inc({ route }),
      breakerState: (target, _state, gauge) => metrics.breaker.set({ target }, gauge),
    },
  });
  commitGuard();
  for (const [target, gauge] of Object.entries(router.breakerGauges())) metrics.breaker.set({ target }, gauge);

  let watcher: FSWatcher | undefined;
  let pending: ReturnType<typeof setTimeout> | undefined;

  const llm: Llm = {
    router,
    reload(json, source) {
      try {
        const cfg = parse(json, source);
        router.reload(cfg, factory);
        commitGuard();
        metrics.reloads.inc({ result: "ok" });
        for (const [target, gauge] of Object.entries(router.breakerGauges())) metrics.breaker.set({ target }, gauge);
        logger.info("LLM config reloaded", { source, targets: Object.keys(cfg.targets).length });
        return cfg;
      } catch (e) {
        metrics.reloads.inc({ result: "rejected" });
        throw e;
      }
    },
    guardFor(tenantId) {
      if (!guard) return undefined;
      return guard.config.tenants[tenantId] || guard.config.default ? guard.guard : undefined;
    },
    reloadFile() {
      if (!opts.configFile) return router.config();
      return llm.reload(readLlmConfigFile(opts.configFile), opts.configFile);
    },
    watch(debounceMs = 200) {
      if (!opts.configFile || watcher) return;
      watcher = watch(opts.configFile, () => {
        clearTimeout(pending);
        pending = setTimeout(() => {
          try {
            llm.reloadFile();
          } catch (error) {
            logger.error("LLM config change rejected; the previous config stays in force", {
              error: (error as Error).message,
            });
          }
        }, debounceMs);
      });
    },
    close() {
      clearTimeout(pending);
      watcher?.close();
    },
  };
  return llm;
}
