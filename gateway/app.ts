/**
 * The gateway application factory. It never listens: `main.ts` does, and tests
 * call `app.handle(new Request(...))` with no port.
 *
 * @example
 *   const app = createApp({ config, backends, metrics, logger, build, lifecycle: { draining: false } });
 *   const res = await app.handle(new Request("http://kefu/healthz"));
 */
import { Elysia } from "elysia";
import type { AuditLog } from "../engine/audit/audit-log.ts";
import { routeRule } from "../engine/auth/permissions.ts";
import type { Backends } from "../engine/backends.ts";
import type { Config } from "../engine/config.ts";
import { KefuError } from "../engine/errors.ts";
import type { Logger } from "../engine/logger.ts";
import type { BuildFacts, Metrics } from "../engine/metrics.ts";
import { type AdminApiDeps, adminApi } from "./admin/index.ts";
import { type AttachmentStore, attachments } from "./attachments/index.ts";
import { accessControl } from "./auth/access.ts";
import { type Authenticate, createAuthenticate } from "./auth/principal.ts";
import { type ChannelRouteDeps, channelRoutes } from "./channels/index.ts";
import { type ConsoleApiDeps, consoleApi } from "./console-api/index.ts";
import { echo } from "./echo/index.ts";
import { type ErrorHandlerOptions, errorHandler } from "./errors/index.ts";
import { exportApi } from "./export/index.ts";
import { health, type Lifecycle } from "./health/index.ts";
import { idempotency } from "./idempotency/index.ts";
import { type KbApiDeps, kbApi } from "./kb/index.ts";
import { clientIp, limitCheck } from "./limits/index.ts";
import { limitOptions, type RateLimitDeps, rateLimiting } from "./limits/setup.ts";
import { type LlmApiDeps, llmApi } from "./llm/index.ts";
import { type AnomaliesApiDeps, anomaliesApi, httpRefusals } from "./observability/anomalies.ts";
import { httpRecorder, observability } from "./observability/index.ts";
import { requestIds } from "./observability/request-id.ts";
import { CHAT_COMPLETIONS, chatFastPath } from "./openai/fast.ts";
import { chatCompletions } from "./openai/index.ts";
import { openApi } from "./openapi/index.ts";
import { type RealtimeRouteDeps, realtimeRoutes } from "./realtime/index.ts";
import { ratingRoutes } from "./realtime/rating.ts";
import { ui } from "./ui/index.ts";

/** Everything the app needs, built by `main.ts` or by a test. */
export interface AppDeps {
  config: Config;
  backends: Backends;
  metrics: Metrics;
  logger: Logger;
  build: BuildFacts;
  lifecycle: Lifecycle;
  /**
   * Who is calling (gateway/auth/principal.ts); rate limits, idempotency and permissions read it.
   * Default: the admin key only.
   */
  authenticate?: Authenticate;
  /** Where admin actions are recorded (engine/audit); absent: not recorded. */
  audit?: AuditLog;
  /** Tenants, API keys, token minting and the audit API (gateway/admin). */
  admin?: AdminApiDeps;
  /** Conversations over WebSocket; absent in tests of the plain HTTP edge. */
  realtime?: RealtimeRouteDeps;
  /** The LLM APIs (OpenAI-compatible, /v1/chat, admin config). */
  llm?: LlmApiDeps;
  /** The knowledge-base API. */
  kb?: KbApiDeps;
  /** GET /v1/admin/anomalies. */
  anomalies?: AnomaliesApiDeps;
  /** The agent console's APIs: transcript search, canned responses, stats (gateway/console-api). */
  console?: ConsoleApiDeps;
  /** Rate limits and blocks (gateway/limits); absent: no limits. */
  limits?: RateLimitDeps;
  /** Channel callbacks: generic webhook, WeChat (gateway/channels); absent: no channel routes. */
  channels?: ChannelRouteDeps;
  /** Where image attachments live (gateway/attachments/store.ts); absent: files under config.dataDir. */
  attachmentStore?: AttachmentStore;
}

/** Builds the Elysia app with every route group; every route passes the permission check (gateway/auth/access.ts). */
export function createApp(deps: AppDeps) {
  const maxBody = deps.config.http.maxBodyBytes;
  const authenticate = deps.authenticate ?? createAuthenticate({ config: deps.config });
  // The general pipeline, for the hot path's hand-overs (set once the app is built, below).
  let general: (request: Request) => Promise<Response> = () => Promise.reject(new Error("app not built"));
  // One recorder (and its cached metric children) for the general pipeline and the hot path.
  const http = httpRecorder(deps.metrics);
  const errors: ErrorHandlerOptions = {
    logger: deps.logger,
    ...(deps.anomalies ? { onRefused: httpRefusals(deps.anomalies.anomalies) } : {}),
  };
  // POST /v1/chat/completions has a hot path (gateway/openai/fast.ts): Bun's router calls it,
  // and it hands anything but the plain case to this app. Only while the route stays public.
  const fast =
    deps.llm && deps.config.http.fastPaths && routeRule("POST", CHAT_COMPLETIONS)?.scope === "public"
      ? chatFastPath({
          handle: chatCompletions({ routing: deps.llm.llm.router, clock: deps.llm.clock, logger: deps.llm.logger }),
          errors,
          http,
          ...(deps.limits ? { limit: limitCheck(limitOptions(deps.limits)) } : {}),
          maxBodyBytes: maxBody,
          general: (request: Request): Promise<Response> => general(request),
        })
      : undefined;
  const app = new Elysia({
    name: "kefu/gateway",
    // Validate bodies strictly: Elysia's default ("exactMirror") turns a JSON array or number sent for an
    // object schema into {} and accepts it; "typebox" refuses it and still drops unknown fields.
    normalize: "typebox",
    ...(fast ? { serve: { routes: { [CHAT_COMPLETIONS]: { POST: fast } } } } : {}),
  })
    .use(requestIds())
    .use(errorHandler(errors))
    .use(observability({ metrics: deps.metrics, http }))
    // Refuse oversize bodies before reading them; Bun's maxRequestBodySize backs this for chunked bodies.
    .onRequest(({ request }) => {
      const len = Number(request.headers.get("content-length") ?? 0);
      if (len > maxBody) {
        throw new KefuError("payload_too_large", `request body of ${len} bytes exceeds the limit of ${maxBody} bytes`, {
          status: 413,
        });
      }
    })
    // Every POST honours X-Idempotency-Key (gateway/idempotency); keys are scoped by the caller.
    .use(
      idempotency({
        store: deps.backends.idempotency,
        logger: deps.logger,
        authenticate,
        registry: deps.metrics.registry,
        // Behind a trusted proxy the client is named by limits.clientIpHeader, as for rate limits.
        clientIp: (request, server) => clientIp(request, server, deps.config.limits.clientIpHeader),
      }),
    )
    .use(accessControl({ authenticate, ...(deps.audit ? { audit: deps.audit } : {}) }))
    .use(health({ backends: deps.backends, lifecycle: deps.lifecycle, build: deps.build }))
    .use(echo())
    .use(exportApi({ config: deps.config, store: deps.backends.eventStore }))
    // The visitor widget (/widget.js) and the agent console (/console), with their CSP (gateway/ui).
    .use(ui({ allowedOrigins: deps.config.realtime.allowedOrigins }))
    .use(
      attachments({
        config: deps.config,
        authenticate,
        ...(deps.attachmentStore ? { store: deps.attachmentStore } : {}),
      }),
    );
  const withRealtime = deps.realtime ? app.use(realtimeRoutes(deps.realtime)).use(ratingRoutes(deps.realtime)) : app;
  const withLlm = deps.llm ? withRealtime.use(llmApi(deps.llm)) : withRealtime;
  const withKb = deps.kb ? withLlm.use(kbApi(deps.kb)) : withLlm;
  const withConsole = deps.console ? withKb.use(consoleApi(deps.console)) : withKb;
  const withAnomalies = deps.anomalies ? withConsole.use(anomaliesApi(deps.anomalies)) : withConsole;
  // Rate limits and blocks: the middleware (global onRequest, before any body is read) and /v1/admin/rate_limits, /blocks.
  const withLimits = deps.limits ? withAnomalies.use(rateLimiting(deps.limits)) : withAnomalies;
  const withAdmin = deps.admin ? withLimits.use(adminApi(deps.admin)) : withLimits;
  const all = deps.channels ? withAdmin.use(channelRoutes(deps.channels)) : withAdmin;
  // GET /openapi.json and /docs describe every route above (read lazily, so this one too).
  const devTokens = deps.config.mode === "development" ? deps.realtime?.tokens : undefined;
  const built = all.use(
    openApi({ routes: () => all.routes, version: deps.build.version, ...(devTokens ? { devTokens } : {}) }),
  );
  general = (request) => built.handle(request);
  return built;
}

/** The app's type, for typed clients and tests. */
export type App = ReturnType<typeof createApp>;
