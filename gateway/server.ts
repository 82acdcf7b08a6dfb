/**
 * Builds a whole gateway — backends, conversation engine, realtime hub, HTTP app —
 * and listens. `main.ts` runs it with the system clock; end-to-end tests run it
 * in process with a manual clock and drive the timers themselves.
 *
 * @example
 *   const gw = await startGateway({ config, logger });
 *   console.log(gw.url);
 *   await gw.stop();
 */

import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import type { Server } from "bun";
import { type AgentRouter, createAgentRouter, type RoutingListener } from "../engine/agents/routing.ts";
import { type AuditLog, createAuditLog } from "../engine/audit/audit-log.ts";
import { type Identity, openIdentity } from "../engine/auth/identity.ts";
import { type Backends, createBackends } from "../engine/backends.ts";
import { createAnswerCache } from "../engine/bot/answer-cache.ts";
import { IntentRegistry, type IntentsDirWatcher, watchIntentsDir } from "../engine/bot/intents.ts";
import { type BotKnowledge, createBotKnowledge, observeKnowledgeBase } from "../engine/bot/knowledge.ts";
import { createBotResponder } from "../engine/bot/responder.ts";
import { readBuild } from "../engine/build.ts";
import { type ChannelRuntime, createChannelRuntime } from "../engine/channels/index.ts";
import { type Clock, preciseClock, systemClock } from "../engine/clock.ts";
import type { Config } from "../engine/config.ts";
import type { ConsoleStore } from "../engine/console/console-store.ts";
import { type ConsoleIndexing, withConsoleIndex } from "../engine/console/indexing.ts";
import { createConversationMetrics } from "../engine/conversations/metrics.ts";
import { type ConversationService, createConversationService } from "../engine/conversations/service.ts";
import { loadDemoKb } from "../engine/kb/demo/index.ts";
import { createConfiguredEmbedder } from "../engine/kb/embedder-native.ts";
import { type KnowledgeBase, openKnowledgeBase } from "../engine/kb/knowledge-base.ts";
import { createKbAnswer } from "../engine/kb/local-answer.ts";
import { createLlm, type Llm, type LocalAnswer } from "../engine/llm/index.ts";
import { coalescedTimers, wheelTimers } from "../engine/llm/router/timers.ts";
import type { Logger } from "../engine/logger.ts";
import { type BuildFacts, createMetrics, type Metrics } from "../engine/metrics.ts";
import { createAnomalyClusters } from "../engine/observability/anomalies.ts";
import {
  instrumentEventStore,
  registerBackendGauges,
  registerCommitMetrics,
  registerPostgresErrors,
  registerRedisErrors,
} from "../engine/observability/storage-metrics.ts";
import { createTimingWheel, type TimingWheel } from "../engine/timers/timing-wheel.ts";
import type { Kernels } from "../engine/vector/kernels.ts";
import { type App, createApp } from "./app.ts";
import { attachmentChecker, createFileAttachmentStore, createPostgresAttachmentStore } from "./attachments/store.ts";
import { createAuthenticate } from "./auth/principal.ts";
import { openConsoleStore } from "./console-api/setup.ts";
import type { Lifecycle } from "./health/index.ts";
import { createRateLimiting, type RateLimiting } from "./limits/setup.ts";
import { observedAnomalies } from "./observability/anomalies.ts";
import { createClusterGlue } from "./realtime/cluster.ts";
import { createHomeLink } from "./realtime/home-link.ts";
import { createHub, type Hub } from "./realtime/hub.ts";
import { createRealtimeMetrics } from "./realtime/metrics.ts";
import { createSocketHandler, type SocketData } from "./realtime/socket.ts";

/** Options of `startGateway`. */
export interface GatewayOptions {
  config: Config;
  logger: Logger;
  clock?: Clock;
  /** Tests drive timers by hand (`timers.advance()`); the default runs them on a real interval. */
  manualTimers?: boolean;
  kernels?: Kernels;
  /** Slow-consumer sweep period, ms. */
  sweepMs?: number;
  /** Where `apiKeyEnv` names of the LLM config are looked up (default process.env). */
  env?: Record<string, string | undefined>;
}

/** A running gateway. */
export interface Gateway {
  url: string;
  app: App;
  build: BuildFacts;
  server: Server<SocketData>;
  backends: Backends;
  metrics: Metrics;
  service: ConversationService;
  routing: AgentRouter;
  timers: TimingWheel;
  hub: Hub;
  llm: Llm;
  /** The knowledge base; writes through it invalidate the bot's answer cache. */
  kb: KnowledgeBase;
  knowledge: BotKnowledge;
  intents: IntentRegistry;
  lifecycle: Lifecycle;
  /** Tenants, API keys (revocation listeners: `identity.apiKeys.onRevoked`), the JWT key set. */
  identity: Identity;
  /** The audit log of admin actions. */
  audit: AuditLog;
  /** Rate-limit rules, blocks and the limiter. */
  limiting: RateLimiting;
  /** Channel users' sessions, outbound deliveries, dead letters (README "Channels"). */
  channels: ChannelRuntime;
  /** The console store (transcript index, session facts, canned responses) and the queue that feeds it. */
  console: { store: ConsoleStore; index: ConsoleIndexing };
  /** Stops accepting, drains up to `timeoutMs`, flushes the stores. Returns whether the drain finished. */
  stop(timeoutMs?: number): Promise<boolean>;
}

/** Builds and starts a gateway; throws if a backend cannot start or it cannot listen. */
export async function startGateway(opts: GatewayOptions): Promise<Gateway> {
  const { config, logger } = opts;
  const clock = opts.clock ?? systemClock;
  const backends = await createBackends(config, { logger, clock, ...(opts.kernels ? { kernels: opts.kernels } : {}) });
  const build = readBuild(backends.kernels.simd);
  const metrics = createMetrics(build);
  registerBackendGauges(metrics.registry, backends);
  registerRedisErrors(metrics.registry, backends);
  registerPostgresErrors(metrics.registry, backends);
  registerCommitMetrics(metrics.registry, backends, backends.eventStore.kind);
  const lifecycle: Lifecycle = { draining: false };
  // Tenants, API keys and the rotating JWT key set (README "Access control").
  const identity = await openIdentity(config, { clock });
  const { tokens } = identity;
  const audit = createAuditLog({ store: backends.eventStore, clock });
  const timers = createTimingWheel({
    clock,
    tickMs: 50,
    onError: (error) => logger.error("timer callback failed", { error }),
  });
  // The router is created before the service it reports to: relay its events.
  let relay: Partial<RoutingListener> = {};
  const routing = createAgentRouter({
    clock,
    maxQueuePerGroup: config.conversations.maxQueuePerGroup,
    listener: {
      assigned: (a) => relay.assigned?.(a),
      queuePositions: (u) => relay.queuePositions?.(u),
      agentChanged: (v) => relay.agentChanged?.(v),
      agentRemoved: (r) => relay.agentRemoved?.(r),
    },
    onListenerError: (error, method) => logger.error("routing listener failed", { method, error }),
  });
  // Fan-out deliveries are counted once the realtime metrics exist (created with the app below).
  let onDelivered: (target: "session" | "agent" | "supervisors", sockets: number) => void = () => {};
  const hub = createHub({ onDelivered: (target, n) => onDelivered(target, n) });
  const kbStore = await openKnowledgeBase({
    path: join(resolve(config.dataDir), "kb.db"),
    embedder: createConfiguredEmbedder(config.embed, logger),
    kernels: backends.kernels,
    logger,
  });
  const k = config.kb;
  const knowledge = createBotKnowledge({
    kb: kbStore,
    faqThreshold: k.faqThreshold,
    fallbackTenant: "default",
    rag: { maxSources: k.ragSources, maxTokens: k.ragMaxTokens },
    ...(k.answerCacheTtlSeconds > 0
      ? {
          cache: createAnswerCache({
            embedder: kbStore.embedder,
            ttlMs: k.answerCacheTtlSeconds * 1000,
            threshold: k.answerCacheThreshold,
            maxEntries: k.answerCacheMaxEntries,
            now: () => clock.now(),
          }),
        }
      : {}),
  });
  const kb = observeKnowledgeBase(kbStore, (tenantId) => knowledge.changed(tenantId));
  if (k.demo && kb.listKbs("default").length === 0) await loadDemoKb(kb, "default");
  // Intents are per tenant: files in kb.intentsDir (watched) and the admin API; the demo set serves tenant "default".
  const intents = new IntentRegistry();
  if (k.demo) {
    const demo = join(import.meta.dir, "..", "engine", "bot", "demo-intents.json");
    intents.reload("default", readFileSync(demo, "utf8"), { source: demo });
  }
  let intentsWatcher: IntentsDirWatcher | undefined;
  if (k.intentsDir) {
    intentsWatcher = watchIntentsDir(intents, {
      dir: resolve(k.intentsDir),
      onReload: (tenant, model) => logger.info("intents loaded", { tenant, version: model.version }),
      onError: (tenant, error) =>
        logger.warn("intents file rejected; the previous intents keep serving", { tenant, error }),
    });
    const loaded = await intentsWatcher.ready;
    logger.info("intents directory watched", { dir: k.intentsDir, tenants: loaded });
  }
  // Tenants without a knowledge base of their own are answered from the "default" tenant's.
  const tenantAnswer = createKbAnswer(kb, { threshold: config.kb.faqThreshold });
  const defaultAnswer = createKbAnswer(kb, { threshold: config.kb.faqThreshold, defaultTenantId: "default" });
  const localAnswer: LocalAnswer = (question, req) =>
    req.tenantId && kb.listKbs(req.tenantId).length > 0
      ? tenantAnswer(question, req)
      : defaultAnswer(question, { ...req, tenantId: "default" });
  const llm = createLlm({
    configFile: config.llm.configFile,
    env: opts.env ?? process.env,
    // The router measures (time to first token, breaker windows) and sets deadlines: the
    // precise clock, unless a test drives time by hand.
    clock: opts.clock ?? preciseClock,
    // Hedges and first-byte deadlines need millisecond timers, not the 50 ms wheel (timers of the
    // same millisecond share one setTimeout); tests drive the wheel by hand.
    timers: opts.manualTimers ? wheelTimers(timers) : coalescedTimers(),
    registry: metrics.registry,
    logger,
    localAnswer,
  });
  // Channels (README "Channels"): they see the stored events that reach this node's hub.
  const channelRuntime = createChannelRuntime(config, {
    service: () => service,
    clock,
    logger,
    registry: metrics.registry,
  });
  // Outbound channel replies are taken from the EventStore as they are appended (below), not from the hub.
  const tappedHub = hub;
  // Several nodes share sessions through the Redis bus (README "Scaling out").
  const glue =
    config.storage.bus === "redis"
      ? createClusterGlue({
          bus: backends.bus,
          hot: backends.hotHistory,
          store: backends.eventStore,
          hub: tappedHub,
          logger,
        })
      : undefined;
  // Several nodes: each tenant's bot, timers and routing run on its home node (README "Scaling out").
  let homeRelay: { adopted(t: string): void; lost(t: string): void; moved(t: string, node: string): void } | undefined;
  const homeLink = glue
    ? await createHomeLink({
        config,
        bus: backends.bus,
        logger,
        listener: {
          adopted: (t) => homeRelay?.adopted(t),
          lost: (t) => homeRelay?.lost(t),
          moved: (t, node) => homeRelay?.moved(t, node),
        },
      })
    : undefined;
  const consoleStore = await openConsoleStore(config);
  const consoleIndex = withConsoleIndex(
    channelRuntime.webhooks.tapStore(
      channelRuntime.channels.tapStore(instrumentEventStore(backends.eventStore, metrics.registry)),
    ),
    consoleStore,
    { logger },
  );
  // Image attachments: PostgreSQL when the event store is (every node reads them), else files in dataDir.
  const attachmentStore =
    config.storage.eventStore === "postgres" && config.storage.postgres.url
      ? createPostgresAttachmentStore({
          url: config.storage.postgres.url,
          connectTimeoutMs: config.storage.postgres.connectTimeoutMs,
          queryTimeoutMs: config.storage.postgres.queryTimeoutMs,
          migrateOnStart: config.storage.postgres.migrateOnStart,
        })
      : createFileAttachmentStore(config.dataDir);
  const service = createConversationService({
    config,
    // A message's `attachments` attribute must name uploads of its own session (rewritten from their records).
    attachments: attachmentChecker(attachmentStore),
    ...(homeLink ? { home: homeLink.link } : {}),
    // Appended events also feed the tenants' event subscriptions (engine/webhooks).
    // …and the console's transcript index and session facts (engine/console/indexing.ts).
    store: consoleIndex.store,
    hot: backends.hotHistory,
    fanout: glue?.fanout ?? tappedHub,
    ...(glue ? { cluster: glue.hooks } : {}),
    routing,
    timers,
    logger,
    metrics: createConversationMetrics(metrics.registry, {
      ...(config.metrics.perTenant ? { perTenant: { maxTenants: config.metrics.maxTenants } } : {}),
    }),
    bot: createBotResponder({
      router: llm.router,
      systemPrompt: config.llm.systemPrompt,
      historyMessages: config.llm.historyMessages,
    }),
    historyMessages: config.llm.historyMessages,
    guardFor: (tenantId) => llm.guardFor(tenantId),
    classify: (tenantId, text) => intents.classify(tenantId, text),
    knowledge,
  });
  relay = service.routingListener;
  homeRelay = service.homeListener;
  if (glue) {
    glue.bind(service);
    backends.onBusResubscribed(() => void glue.resync());
  }
  const realtimeMetrics = createRealtimeMetrics(metrics.registry);
  const delivered = {
    session: realtimeMetrics.deliveries.labels("session"),
    agent: realtimeMetrics.deliveries.labels("agent"),
    supervisors: realtimeMetrics.deliveries.labels("supervisors"),
  };
  onDelivered = (target, n) => delivered[target].inc(n);
  const anomalies = observedAnomalies(createAnomalyClusters(), metrics.registry);
  // Rate limits and blocks (gateway/limits): rules persisted, changes spread over the bus.
  const limiting = await createRateLimiting({ config, backends, registry: metrics.registry, logger, clock });
  const authenticate = createAuthenticate({
    config,
    tokens,
    apiKeys: identity.apiKeys,
    identity: identity.store,
    clock,
  });
  const app = createApp({
    config,
    authenticate,
    attachmentStore,
    audit,
    admin: { config, identity: identity.store, apiKeys: identity.apiKeys, tokens, audit, clock },
    backends,
    metrics,
    logger,
    build,
    lifecycle,
    realtime: {
      config,
      service,
      tokens,
      routing,
      clock,
      metrics: realtimeMetrics,
      tenantActive: async (t) => (await identity.store.getTenant(t))?.status !== "disabled",
      apiKeys: identity.apiKeys,
    },
    llm: { config, llm, service, tokens, clock, logger },
    kb: { config, kb, intents },
    anomalies: { config, anomalies },
    console: { store: consoleStore, queue: (t, n) => service.queue(t, n), clock, llmRouter: llm.router },
    limits: { limiting, authenticate },
    channels: {
      config,
      channels: channelRuntime.channels,
      store: channelRuntime.store,
      webhooks: channelRuntime.webhooks,
      tenantChannels: channelRuntime.tenantChannels,
      ...(channelRuntime.wechat ? { wechat: channelRuntime.wechat } : {}),
      clock,
    },
  });
  const websocket = createSocketHandler({
    config,
    service,
    hub: glue?.hub ?? hub,
    clock,
    logger,
    metrics: realtimeMetrics,
    anomalies,
    frameLimit: limiting.frameLimit,
  });
  try {
    app.listen({
      hostname: config.host,
      port: config.port,
      reusePort: config.http.reusePort,
      maxRequestBodySize: config.http.maxBodyBytes,
      // Slow headers or bodies: a connection silent this long is closed (gateway/hardening.test.ts).
      idleTimeout: config.http.idleTimeoutSec,
      // Never Bun's development error pages (they carry stack traces), whatever NODE_ENV says.
      development: false,
      websocket,
    });
  } catch (e) {
    llm.close();
    intentsWatcher?.close();
    kb.close();
    await homeLink?.close();
    await identity.close();
    await limiting.close();
    await channelRuntime.close(0);
    await consoleStore.close();
    await attachmentStore.close();
    await backends.close();
    throw e;
  }
  const server = app.server as Server<SocketData> | null;
  if (!server) throw new Error("the server did not start");
  hub.attach(server);
  // Revoking an API key closes the sockets it opened: here at once, and on every other node through the bus.
  const closeKeySockets = (keyId: string) => {
    const n = hub.closeWhere((d) => d.keyId === keyId, 1008, "credential revoked");
    if (n > 0) realtimeMetrics.closed.inc({ reason: "credential_revoked" }, n);
  };
  const revokedTopic = "auth:key-revoked";
  const offRevokedBus = await backends.bus.subscribe(revokedTopic, (payload) =>
    closeKeySockets(new TextDecoder().decode(payload)),
  );
  const offRevoked = identity.apiKeys.onRevoked((keyId) => {
    closeKeySockets(keyId);
    backends.bus
      .publish(revokedTopic, new TextEncoder().encode(keyId))
      .catch((error) => logger.warn("key revocation not announced to other nodes", { keyId, error }));
  });
  if (!opts.manualTimers) {
    timers.start();
    llm.watch();
  }
  const sweep = setInterval(() => {
    const n = hub.sweep(config.realtime.maxBufferedBytes);
    if (n > 0) realtimeMetrics.closed.inc({ reason: "slow_consumer" }, n);
  }, opts.sweepMs ?? 250);
  sweep.unref();

  return {
    url: `http://${server.hostname}:${server.port}`,
    app,
    build,
    server,
    backends,
    metrics,
    service,
    routing,
    timers,
    hub,
    llm,
    kb,
    knowledge,
    intents,
    lifecycle,
    limiting,
    identity,
    audit,
    channels: channelRuntime,
    console: { store: consoleStore, index: consoleIndex },
    async stop(timeoutMs = config.shutdown.timeoutMs) {
      lifecycle.draining = true;
      offRevoked();
      await offRevokedBus().catch(() => {});
      clearInterval(sweep);
      timers.stop();
      llm.close();
      hub.closeAll(1001, "server shutting down: reconnect and resume");
      let timer: ReturnType<typeof setTimeout> | undefined;
      const drained = await Promise.race([
        server.stop(false).then(() => true),
        new Promise<boolean>((r) => {
          timer = setTimeout(() => r(false), timeoutMs);
        }),
      ]);
      clearTimeout(timer);
      if (!drained) await server.stop(true);
      intentsWatcher?.close();
      kb.close();
      await homeLink?.close();
      await identity.close();
      await limiting.close();
      await channelRuntime.close();
      await consoleIndex.flush();
      await consoleStore.close();
      await attachmentStore.close();
      await backends.close();
      return drained;
    },
  };
}
