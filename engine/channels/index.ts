/**
 * Builds the channels from config (README "Channels"): the binding store
 * (`<dataDir>/channels.db`), the delivery queue, the runtime, the outbound senders
 * (signed webhook, WeChat customer-service API) and the WeChat inbound handler.
 *
 * @example
 *   const ch = createChannelRuntime(config, { service: () => service, clock, logger });
 *   const fanout = ch.channels.tap(hub); // the conversation service's Fanout
 *   await ch.close();
 */
import { join, resolve } from "node:path";
import { type Clock, systemClock } from "../clock.ts";
import type { Config } from "../config.ts";
import type { ConversationService } from "../conversations/service.ts";
import type { Logger } from "../logger.ts";
import { type Channels, createChannels } from "./channels.ts";
import { createDelivery, type Delivery } from "./delivery.ts";
import { type ChannelStore, openChannelStore } from "./store.sqlite.ts";
import { webhookSender } from "./webhook.ts";
import { wechatChannel, wechatSender } from "./wechat/index.ts";

/** The built channels. */
export interface ChannelRuntime {
  channels: Channels;
  delivery: Delivery;
  store: ChannelStore;
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
    service: () => Pick<ConversationService, "startSession" | "send">;
    clock?: Clock;
    logger?: Logger;
    fetch?: typeof fetch;
  },
): ChannelRuntime {
  const c = config.channels;
  const clock = deps.clock ?? systemClock;
  const store = openChannelStore(join(resolve(config.dataDir), "channels.db"));
  const delivery = createDelivery({
    store,
    maxAttempts: c.delivery.maxAttempts,
    baseDelayMs: c.delivery.baseDelayMs,
    maxDelayMs: c.delivery.maxDelayMs,
    maxPending: c.delivery.maxPending,
    clock,
    ...(deps.logger ? { logger: deps.logger } : {}),
  });
  const channels = createChannels({
    service: {
      startSession: (input) => deps.service().startSession(input),
      send: (p, sessionId, m) => deps.service().send(p, sessionId, m),
    },
    store,
    delivery,
  });
  const f = deps.fetch ? { fetch: deps.fetch } : {};
  if (c.webhook.outboundUrl) {
    channels.register(
      "webhook",
      webhookSender({
        url: c.webhook.outboundUrl,
        secret: c.webhook.outboundSecret || c.webhook.secret,
        timeoutMs: c.delivery.timeoutMs,
        clock,
        ...f,
      }),
    );
  }
  if (c.wechat.appId && c.wechat.appSecret) {
    channels.register(
      "wechat",
      wechatSender({
        appId: c.wechat.appId,
        appSecret: c.wechat.appSecret,
        apiBase: c.wechat.apiBase.replace(/\/+$/, ""),
        timeoutMs: c.delivery.timeoutMs,
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
        tenantId: c.tenantId,
        channels,
        clock,
      })
    : undefined;
  return {
    channels,
    delivery,
    store,
    ...(wechat ? { wechat } : {}),
    async close(timeoutMs = 2000) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([delivery.idle(), new Promise<void>((r) => (timer = setTimeout(r, timeoutMs)))]);
      clearTimeout(timer);
      store.close();
    },
  };
}
