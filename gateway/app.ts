/**
 * The gateway application factory. It never listens: `main.ts` does, and tests
 * call `app.handle(new Request(...))` with no port.
 *
 * @example
 *   const app = createApp({ config, backends, metrics, logger, build, lifecycle: { draining: false } });
 *   const res = await app.handle(new Request("http://kefu/healthz"));
 */
import { Elysia } from "elysia";
import type { Backends } from "../engine/backends.ts";
import type { Config } from "../engine/config.ts";
import { KefuError } from "../engine/errors.ts";
import type { Logger } from "../engine/logger.ts";
import type { BuildFacts, Metrics } from "../engine/metrics.ts";
import type { Authenticate } from "./auth/principal.ts";
import { echo } from "./echo/index.ts";
import { errorHandler } from "./errors/index.ts";
import { exportApi } from "./export/index.ts";
import { health, type Lifecycle } from "./health/index.ts";
import { type KbApiDeps, kbApi } from "./kb/index.ts";
import { type LlmApiDeps, llmApi } from "./llm/index.ts";
import { type AnomaliesApiDeps, anomaliesApi } from "./observability/anomalies.ts";
import { observability } from "./observability/index.ts";
import { requestIds } from "./observability/request-id.ts";
import { type RealtimeRouteDeps, realtimeRoutes } from "./realtime/index.ts";

/** Everything the app needs, built by `main.ts` or by a test. */
export interface AppDeps {
  config: Config;
  backends: Backends;
  metrics: Metrics;
  logger: Logger;
  build: BuildFacts;
  lifecycle: Lifecycle;
  /** Who is calling (gateway/auth/principal.ts); rate limits, idempotency and permissions read it. */
  authenticate?: Authenticate;
  /** Conversations over WebSocket; absent in tests of the plain HTTP edge. */
  realtime?: RealtimeRouteDeps;
  /** The LLM APIs (OpenAI-compatible, /v1/chat, admin config). */
  llm?: LlmApiDeps;
  /** The knowledge-base API. */
  kb?: KbApiDeps;
  /** GET /v1/admin/anomalies. */
  anomalies?: AnomaliesApiDeps;
}

/** Builds the Elysia app with every route group. */
export function createApp(deps: AppDeps) {
  const maxBody = deps.config.http.maxBodyBytes;
  const app = new Elysia({ name: "kefu/gateway" })
    .use(requestIds())
    .use(errorHandler({ logger: deps.logger }))
    .use(observability({ metrics: deps.metrics }))
    // Refuse oversize bodies before reading them; Bun's maxRequestBodySize backs this for chunked bodies.
    .onRequest(({ request }) => {
      const len = Number(request.headers.get("content-length") ?? 0);
      if (len > maxBody) {
        throw new KefuError("payload_too_large", `request body of ${len} bytes exceeds the limit of ${maxBody} bytes`, {
          status: 413,
        });
      }
    })
    .use(health({ backends: deps.backends, lifecycle: deps.lifecycle, build: deps.build }))
    .use(echo())
    .use(exportApi({ config: deps.config, store: deps.backends.eventStore }));
  const withRealtime = deps.realtime ? app.use(realtimeRoutes(deps.realtime)) : app;
  const withLlm = deps.llm ? withRealtime.use(llmApi(deps.llm)) : withRealtime;
  const withKb = deps.kb ? withLlm.use(kbApi(deps.kb)) : withLlm;
  return deps.anomalies ? withKb.use(anomaliesApi(deps.anomalies)) : withKb;
}

/** The app's type, for typed clients and tests. */
export type App = ReturnType<typeof createApp>;
