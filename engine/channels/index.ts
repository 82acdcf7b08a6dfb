/**
 * Builds the channels from config (README "Channels"): the binding store
 * (`<dataDir>/channels.db`, or PostgreSQL when the event store is), the delivery queue, the runtime, the outbound senders
 * (signed webhook, WeChat customer-service API), the WeChat inbound handler, the SSRF
 * guard of outbound destinations and the tenants' event subscriptions (engine/webhooks).
 *
 * @example
 *   const ch = createChannelRuntime(config, { service: () => service, clock, logger });
 *   const store = ch.channels.tapStore(eventStore); // the conversation service's EventStore
 *   await ch.close();
 */
import { join, resolve } from "node:path";
import type { Registry } from "prom-client";
import { type Clock, systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { ConversationService } from "../conversations/service.ts";
import type { Logger } from "../logger.ts";
import { createWebhooks, type Webhooks } from "../webhooks/index.ts";
import { createPostgresWebhookStore } from "../webhooks/store.postgres.ts";
import { openWebhookStore } from "../webhooks/store.sqlite.ts";
import { type Channels, createChannels } from "./channels.ts";
import { createDelivery, type Delivery } from "./delivery.ts";
import { createDestinationGuard, type DestinationGuard, type FetchLike } from "./destination.ts";
import { type ChannelMetrics, createChannelMetrics } from "./metrics.ts";
import { createPostgresChannelStore } from "./store.postgres.ts";
import { type ChannelStore, openChannelStore } from "./store.sqlite.ts";
import { createTenantChannels, type TenantChannels } from "./tenant-channels.ts";
import { webhookSender } from "./webhook.ts";
import { wechatChannel, wechatSender } from "./wechat/index.ts";

/** The built channels. */
export interface ChannelRuntime {
  channels: Channels;
  delivery: Delivery;
  store: ChannelStore;
  /** The SSRF guard of outbound destinations (engine/channels/destination.ts). */
  guard: DestinationGuard;
  /** Channels tenants configure themselves (engine/channels/tenant-channels.ts). */
  tenantChannels: TenantChannels;
  /** Tenants' event subscriptions (engine/webhooks), outbox in `<dataDir>/webhooks.db`. */
  webhooks: Webhooks;
  /** Present when `channels.wechat.token` is set. */
  wechat?: ReturnType<typeof wechatChannel>;
  /** Waits for pending deliveries (up to `timeoutMs`), then closes the store. */
  close(timeoutMs?: number): Promise<void>;
}

/**
 * Builds the channels; `service` is read lazily (the service is built after its Fanout).
 *
 * @example
 *   const ch = createChannelRuntime(loadConfig(process.env), { service: () => svc });
 */
export function createChannelRuntime(
  config: Config,
  deps: {
    service: () => Pick<ConversationService, "startSession" | "send" | "close">;
    clock?: Clock;
    logger?: Logger;
    /** Where `kefu_channel_*` and `kefu_webhook_*` are registered; absent: no metrics. */
    registry?: Registry;
    /** Replaces every outbound HTTP call (default: the destination guard's fetch; WeChat: the global fetch). */
    fetch?: FetchLike;
  },
): ChannelRuntime {
  const c = config.channels;
  const clock = deps.clock ?? systemClock;
  // Bindings, tenants' channels and dead letters: in PostgreSQL with the event store there (every node shares them).
  const pgUrl = config.storage.eventStore === "postgres" ? config.storage.postgres.url : "";
  const pgOptions = {
    url: pgUrl,
    connectTimeoutMs: config.storage.postgres.connectTimeoutMs,
    queryTimeoutMs: config.storage.postgres.queryTimeoutMs,
    migrateOnStart: config.storage.postgres.migrateOnStart,
  };
  const store = pgUrl
    ? createPostgresChannelStore(pgOptions)
    : openChannelStore(join(resolve(config.dataDir), "channels.db"));
  let metrics: ChannelMetrics | undefined;
  const delivery = createDelivery({
    store,
    maxAttempts: c.delivery.maxAttempts,
    baseDelayMs: c.delivery.baseDelayMs,
    maxDelayMs: c.delivery.maxDelayMs,
    maxPending: c.delivery.maxPending,
    clock,
    ...(deps.logger ? { logger: deps.logger } : {}),
    onOutcome: (m, outcome) => metrics?.outbound.inc({ channel: m.channel.split(":")[0] ?? "", outcome }),
  });
  const channels = createChannels({
    service: {
      startSession: (input) => deps.service().startSession(input),
      send: (p, sessionId, m) => deps.service().send(p, sessionId, m),
      close: (p, sessionId, reason) => deps.service().close(p, sessionId, reason),
    },
    store,
    delivery,
    onInbound: (channel, outcome) => metrics?.inbound.inc({ channel, outcome }),
  });
  const f = deps.fetch ? { fetch: deps.fetch } : {};
  // Tenant- or integrator-supplied destinations go through the SSRF guard; the WeChat API base is the operator's.
  const guard = createDestinationGuard({ allowPrivate: c.allowPrivateDestinations, allow: c.allowedDestinations });
  const operatorOut = c.webhook.outboundUrl
    ? { url: c.webhook.outboundUrl, secret: c.webhook.outboundSecret || c.webhook.secret }
    : undefined;
  channels.register(
    "webhook",
    webhookSender({
      // A tenant's own webhook channel replies to its own URL (if any); the others to the operator's.
      target: async (m) => {
        const own = await store.config("webhook", m.channel.slice("webhook:".length));
        if (own) return own.outboundUrl ? { url: own.outboundUrl, secret: own.secret } : undefined;
        return operatorOut;
      },
      timeoutMs: c.delivery.timeoutMs,
      clock,
      fetch: deps.fetch ?? guard.fetch,
    }),
  );
  if (c.wechat.appId && c.wechat.appSecret) {
    channels.register(
      "wechat",
      wechatSender({
        appId: c.wechat.appId,
        appSecret: c.wechat.appSecret,
        apiBase: c.wechat.apiBase.replace(/\/+$/, ""),
        timeoutMs: c.delivery.timeoutMs,
        maxTextBytes: c.wechat.maxTextBytes,
        maxParts: c.wechat.maxParts,
        clock,
        ...f,
      }),
    );
  }
  const wechat = c.wechat.token
    ? wechatChannel({
        token: c.wechat.token,
        appId: c.wechat.appId,
        encodingAesKey: c.wechat.encodingAesKey,
        replyWindowMs: c.wechat.replyWindowMs,
        maxTextBytes: c.wechat.maxTextBytes,
        tenantId: c.tenantId,
        welcome: c.wechat.welcome,
        channels,
        clock,
      })
    : undefined;
  // Subscriptions and the outbox: in PostgreSQL with the event store there (every node shares them), else SQLite.
  const webhookStore = pgUrl
    ? createPostgresWebhookStore(pgOptions)
    : openWebhookStore(join(resolve(config.dataDir), "webhooks.db"));
  const webhooks = createWebhooks({
    store: webhookStore,
    guard,
    maxAttempts: c.delivery.maxAttempts,
    baseDelayMs: c.delivery.baseDelayMs,
    maxDelayMs: c.delivery.maxDelayMs,
    timeoutMs: c.delivery.timeoutMs,
    concurrency: c.subscriptions.concurrency,
    maxPending: c.subscriptions.maxPending,
    maxPerTenant: c.subscriptions.maxPerTenant,
    keepDeliveredMs: c.subscriptions.keepDeliveredHours * 3_600_000,
    clock,
    ...(deps.logger ? { logger: deps.logger } : {}),
    onOutcome: (outcome) => metrics?.webhooks.inc({ outcome }),
  });
  if (deps.registry)
    metrics = createChannelMetrics(deps.registry, {
      channelPending: () => delivery.pending,
      webhookPending: () => webhooks.pending,
    });
  webhooks.start();
  const tenantChannels = createTenantChannels({ store, guard, clock });
  return {
    channels,
    delivery,
    store,
    guard,
    webhooks,
    tenantChannels,
    ...(wechat ? { wechat } : {}),
    async close(timeoutMs = 2000) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([delivery.idle(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
      await webhooks.close(timeoutMs);
      guard.close();
      await store.close();
    },
  };
}
