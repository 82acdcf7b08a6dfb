/**
 * Channel callbacks (README "Channels"). They are public routes in the permission
 * table: each one is authenticated by its own signature.
 *
 * - `POST /v1/channels/webhook/:channel`: generic inbound webhook, JSON
 *   `{user_id, message_id, text}`, header `x-kefu-signature: t=<unix s>,v1=<hex HMAC-SHA256>`
 *   over `${t}.${raw body}` (engine/channels/signature.ts). Answers
 *   `{session_id, seq, duplicate}`; replies go out as signed webhooks.
 * - `GET /v1/channels/wechat`: WeChat server-URL verification (echoes `echostr`).
 * - `POST /v1/channels/wechat`: WeChat message push (plaintext or safe mode).
 * - `GET /v1/admin/channels/dead_letters`, `POST /v1/admin/channels/dead_letters/:id/replay`:
 *   outbound deliveries that exhausted their retries, and sending one again (operator only).
 *
 * - `/v1/tenants/:tenant/webhooks…`: tenants' event subscriptions (gateway/channels/webhooks.ts).
 * - `/v1/tenants/:tenant/channels…`: webhook channels a tenant configures itself, with
 *   their own secret and outbound URL (gateway/channels/tenant.ts); the inbound route
 *   looks a name up there first.
 *
 * A channel that is not configured answers 404 `channel_disabled`.
 *
 * @example
 *   app.use(channelRoutes({ config, channels, wechat, clock }));
 */
import { Type } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { Elysia, t } from "elysia";
import type { Channels } from "../../engine/channels/channels.ts";
import { inboundFailure } from "../../engine/channels/metrics.ts";
import { SIGNATURE_HEADER, verifyWebhook } from "../../engine/channels/signature.ts";
import type { ChannelStore } from "../../engine/channels/store.sqlite.ts";
import type { TenantChannels } from "../../engine/channels/tenant-channels.ts";
import type { wechatChannel } from "../../engine/channels/wechat/index.ts";
import type { Clock } from "../../engine/clock.ts";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";
import type { Webhooks } from "../../engine/webhooks/index.ts";
import { recordAudit } from "../auth/access.ts";
import { tenantChannelRoutes } from "./tenant.ts";
import { webhookRoutes } from "./webhooks.ts";

/** What the channel routes need. */
export interface ChannelRouteDeps {
  config: Config;
  channels: Channels;
  /** Absent: the WeChat channel is off. */
  wechat?: ReturnType<typeof wechatChannel>;
  /** Where dead letters are listed from. */
  store: ChannelStore;
  clock: Clock;
  /** Tenants' event subscriptions; absent: no `/v1/tenants/:tenant/webhooks` routes. */
  webhooks?: Webhooks;
  /** Channels tenants configure themselves; absent: only the operator's channel config. */
  tenantChannels?: TenantChannels;
}

/** The inbound webhook body. */
const WebhookBody = Type.Object({
  user_id: Type.String({ minLength: 1, maxLength: 128 }),
  message_id: Type.String({ minLength: 1, maxLength: 128 }),
  text: Type.String({ minLength: 1, maxLength: 100_000 }),
});

const disabled = (what: string) =>
  new KefuError("channel_disabled", `the ${what} channel is not configured`, { status: 404 });
const Name = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" });
const WechatQuery = t.Object({
  signature: t.Optional(t.String({ maxLength: 128 })),
  timestamp: t.Optional(t.String({ maxLength: 32 })),
  nonce: t.Optional(t.String({ maxLength: 128 })),
  echostr: t.Optional(t.String({ maxLength: 1024 })),
  openid: t.Optional(t.String({ maxLength: 128 })),
  encrypt_type: t.Optional(t.String({ maxLength: 16 })),
  msg_signature: t.Optional(t.String({ maxLength: 128 })),
});

/**
 * The channel routes (see the module doc).
 *
 * @example
 *   const app = new Elysia().use(channelRoutes(deps));
 */
export function channelRoutes(deps: ChannelRouteDeps) {
  const cfg = deps.config.channels;
  /** Runs an inbound handler, counting a refusal (`kefu_channel_inbound_total`) before it propagates. */
  const counted = async <T>(kind: string, fn: () => T | Promise<T>): Promise<T> => {
    try {
      return await fn();
    } catch (e) {
      const k = e instanceof KefuError ? e : undefined;
      deps.channels.countInbound(kind, inboundFailure(k?.code ?? "internal", k?.status ?? 500));
      throw e;
    }
  };
  return new Elysia({ name: "kefu/channels" })
    .use(deps.webhooks ? webhookRoutes({ webhooks: deps.webhooks }) : new Elysia({ name: "kefu/webhooks-off" }))
    .use(
      deps.tenantChannels
        ? tenantChannelRoutes({ tenantChannels: deps.tenantChannels })
        : new Elysia({ name: "kefu/tenant-channels-off" }),
    )
    .post(
      "/v1/channels/webhook/:channel",
      ({ params, body, request }) =>
        counted("webhook", async () => {
          // A tenant's own channel by this name, else the operator's webhook channel.
          const own = await deps.tenantChannels?.inbound(params.channel);
          const secret = own?.secret ?? cfg.webhook.secret;
          if (!secret) throw disabled("webhook");
          // The signature covers the raw bytes: verified before the JSON is even parsed.
          verifyWebhook(
            secret,
            request.headers.get(SIGNATURE_HEADER),
            body,
            deps.clock.now(),
            cfg.webhook.toleranceSec,
          );
          let parsed: unknown;
          try {
            parsed = JSON.parse(body);
          } catch {
            throw new KefuError("invalid_request", "the body is not JSON", { status: 400 });
          }
          if (!Value.Check(WebhookBody, parsed)) {
            const first = Value.Errors(WebhookBody, parsed).First();
            throw new KefuError("invalid_request", `${first?.path || "/"}: ${first?.message ?? "invalid body"}`, {
              status: 400,
            });
          }
          const r = await deps.channels.receive({
            channel: `webhook:${params.channel}`,
            tenantId: own?.tenantId ?? cfg.tenantId,
            userId: parsed.user_id,
            messageId: parsed.message_id,
            text: parsed.text,
          });
          return { session_id: r.sessionId, seq: r.seq, duplicate: r.duplicate };
        }),
      {
        params: t.Object({ channel: Name }),
        // Read as text: the signature is over the exact bytes; the JSON inside is checked against WebhookBody.
        parse: "text",
        body: t.String({ minLength: 1, description: "JSON {user_id, message_id, text}, signed (x-kefu-signature)" }),
      },
    )
    .get(
      "/v1/channels/wechat",
      ({ query, set }) => {
        const wechat = deps.wechat;
        if (!wechat) throw disabled("WeChat");
        set.headers["content-type"] = "text/plain; charset=utf-8";
        return counted("wechat", () => wechat.verifyUrl(query));
      },
      { query: WechatQuery },
    )
    .post(
      "/v1/channels/wechat",
      async ({ query, body, set }) => {
        const wechat = deps.wechat;
        if (!wechat) throw disabled("WeChat");
        const r = await counted("wechat", () => wechat.handle(query, body));
        set.headers["content-type"] = r.contentType;
        return r.body;
      },
      { query: WechatQuery, parse: "text", body: t.String({ minLength: 1, description: "WeChat XML message push" }) },
    )
    .get(
      "/v1/admin/channels/dead_letters",
      async ({ query }) => {
        const page = await deps.store.deadLetters(query.limit ?? 100, query.after ?? 0);
        return { dead_letters: page, next_after: page.length > 0 ? page[page.length - 1]?.id : null };
      },
      {
        query: t.Object({
          limit: t.Optional(t.Integer({ minimum: 1, maximum: 1000 })),
          after: t.Optional(t.Integer({ minimum: 0 })),
        }),
      },
    )
    .post(
      "/v1/admin/channels/dead_letters/:id/replay",
      async ({ params, body, request, set }) => {
        const d = await deps.channels.replayDeadLetter(params.id);
        await recordAudit(request, {
          action: "channels.dead_letter.replay",
          target: `dead_letter:${d.id}`,
          before: d,
          after: { reason: body?.reason ?? "" },
        });
        set.status = 202;
        return { replayed: d };
      },
      {
        params: t.Object({ id: t.Integer({ minimum: 1 }) }),
        body: t.Optional(t.Object({ reason: t.Optional(t.String({ maxLength: 500 })) })),
      },
    );
}
