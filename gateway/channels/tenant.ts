/**
 * The admin API of the channels a tenant configures itself (README "Channels",
 * engine/channels/tenant-channels.ts), tenant-scoped (permissions `channels:read` /
 * `channels:write`):
 *
 * - `POST /v1/tenants/:tenant/channels/webhook {name, outbound_url?}` → 201 with the
 *   channel's `secret` (shown this once); 409 `channel_exists` when the name is taken,
 *   400 `destination_*` for a refused outbound URL.
 * - `GET /v1/tenants/:tenant/channels` → `{channels}` (never the secrets).
 * - `DELETE /v1/tenants/:tenant/channels/webhook/:name` → 204.
 *
 * @example
 *   app.use(tenantChannelRoutes({ tenantChannels }));
 */
import { Elysia, t } from "elysia";
import type { TenantChannels } from "../../engine/channels/tenant-channels.ts";
import { recordAudit } from "../auth/access.ts";

const Tenant = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" });
const Name = t.String({ minLength: 1, maxLength: 64, pattern: "^[A-Za-z0-9._-]+$" });

/**
 * The routes (see the module doc).
 *
 * @example
 *   new Elysia().use(tenantChannelRoutes({ tenantChannels: runtime.tenantChannels }));
 */
export function tenantChannelRoutes(deps: { tenantChannels: TenantChannels }) {
  const tc = deps.tenantChannels;
  return new Elysia({ name: "kefu/tenant-channels" })
    .post(
      "/v1/tenants/:tenant/channels/webhook",
      async ({ params, body, request, set }) => {
        const { channel, secret } = await tc.addWebhook(params.tenant, {
          name: body.name,
          ...(body.outbound_url ? { outboundUrl: body.outbound_url } : {}),
        });
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "channels.webhook.create",
          target: `channel:webhook:${channel.name}`,
          after: channel,
        });
        set.status = 201;
        return { ...channel, secret };
      },
      {
        params: t.Object({ tenant: Tenant }),
        body: t.Object({
          name: Name,
          outbound_url: t.Optional(t.String({ maxLength: 2048 })),
        }),
      },
    )
    .get("/v1/tenants/:tenant/channels", async ({ params }) => ({ channels: await tc.list(params.tenant) }), {
      params: t.Object({ tenant: Tenant }),
    })
    .delete(
      "/v1/tenants/:tenant/channels/webhook/:name",
      async ({ params, request, set }) => {
        const gone = await tc.remove(params.tenant, "webhook", params.name);
        await recordAudit(request, {
          tenantId: params.tenant,
          action: "channels.webhook.delete",
          target: `channel:webhook:${gone.name}`,
          before: gone,
        });
        set.status = 204;
        return null;
      },
      { params: t.Object({ tenant: Tenant, name: Name }) },
    );
}
