/**
 * The admin API of a tenant's event subscriptions (README "Event webhooks"),
 * tenant-scoped like the other `/v1/tenants/:tenant/…` routes (permissions
 * `webhooks:read` / `webhooks:write`, engine/auth/permissions.ts):
 *
 * - `POST /v1/tenants/:tenant/webhooks` `{url, events, description?}` → 201, the
 *   subscription and its signing `secret` (shown this once). An internal or invalid URL
 *   is 400 `destination_forbidden` / `destination_invalid` (the SSRF guard).
 * - `GET /v1/tenants/:tenant/webhooks` → `{subscriptions}` (never the secrets).
 * - `DELETE /v1/tenants/:tenant/webhooks/:id` → 204 (its deliveries go too).
 * - `GET /v1/tenants/:tenant/webhooks/deliveries?status=&subscription_id=&after=&limit=`
 *   → `{deliveries, next_after}`, oldest first; `status=dead` lists the dead letters.
 * - `POST /v1/tenants/:tenant/webhooks/deliveries/:id/replay` → 202 (409 `not_dead`).
 *
 * @example
 *   app.use(webhookRoutes({ webhooks }));
 */
import { Elysia, t } from "elysia";
import { WEBHOOK_EVENT_TYPES } from "../../engine/webhooks/events.ts";
import type { Webhooks } from "../../engine/webhooks/index.ts";
import { recordAudit } from "../auth/access.ts";

const Tenant = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" });
const EventType = t.Union(WEBHOOK_EVENT_TYPES.map((e) => t.Literal(e)));

/**
 * The routes (see the module doc).
 *
 * @example
 *   new Elysia().use(webhookRoutes({ webhooks: channelRuntime.webhooks }));
 */
export function webhookRoutes(deps: { webhooks: Webhooks }) {
  const w = deps.webhooks;
  return new Elysia({ name: "kefu/webhooks" })
    .post(
      "/v1/tenants/:tenant/webhooks",
      async ({ params, body, request, set }) => {
        const { subscription, secret } = await w.subscribe(params.tenant, {
          url: body.url,
          events: body.events,
          ...(body.description !== undefined ? { description: body.description } : {}),
        });
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "webhooks.subscribe",
          target: `webhook:${subscription.id}`,
          after: subscription,
        });
        set.status = 201;
        return { ...subscription, secret };
      },
      {
        params: t.Object({ tenant: Tenant }),
        body: t.Object({
          url: t.String({ minLength: 1, maxLength: 2048 }),
          events: t.Array(EventType, { minItems: 1, maxItems: WEBHOOK_EVENT_TYPES.length, uniqueItems: true }),
          description: t.Optional(t.String({ maxLength: 200 })),
        }),
      },
    )
    .get(
      "/v1/tenants/:tenant/webhooks",
      async ({ params }) => ({ subscriptions: await w.subscriptions(params.tenant) }),
      {
        params: t.Object({ tenant: Tenant }),
      },
    )
    .delete(
      "/v1/tenants/:tenant/webhooks/:id",
      async ({ params, request, set }) => {
        const gone = await w.unsubscribe(params.tenant, params.id);
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "webhooks.unsubscribe",
          target: `webhook:${gone.id}`,
          before: gone,
        });
        set.status = 204;
        return null;
      },
      { params: t.Object({ tenant: Tenant, id: t.String({ minLength: 1, maxLength: 64 }) }) },
    )
    .get(
      "/v1/tenants/:tenant/webhooks/deliveries",
      async ({ params, query }) => {
        const page = await w.deliveries({
          tenantId: params.tenant,
          limit: query.limit ?? 100,
          ...(query.status ? { status: query.status } : {}),
          ...(query.subscription_id ? { subscriptionId: query.subscription_id } : {}),
          ...(query.after ? { after: query.after } : {}),
        });
        return { deliveries: page, next_after: page.length > 0 ? page[page.length - 1]?.id : null };
      },
      {
        params: t.Object({ tenant: Tenant }),
        query: t.Object({
          status: t.Optional(t.Union([t.Literal("pending"), t.Literal("delivered"), t.Literal("dead")])),
          subscription_id: t.Optional(t.String({ minLength: 1, maxLength: 64 })),
          after: t.Optional(t.Integer({ minimum: 0 })),
          limit: t.Optional(t.Integer({ minimum: 1, maximum: 1000 })),
        }),
      },
    )
    .post(
      "/v1/tenants/:tenant/webhooks/deliveries/:id/replay",
      async ({ params, body, request, set }) => {
        const d = await w.replay(params.tenant, params.id);
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "webhooks.delivery.replay",
          target: `webhook_delivery:${d.id}`,
          after: { reason: body?.reason ?? "" },
        });
        set.status = 202;
        return { replayed: d };
      },
      {
        params: t.Object({ tenant: Tenant, id: t.Integer({ minimum: 1 }) }),
        body: t.Optional(t.Object({ reason: t.Optional(t.String({ maxLength: 500 })) })),
      },
    );
}
