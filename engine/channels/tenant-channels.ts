/**
 * Channels a tenant configures itself, through the admin API, instead of the
 * operator's config: today generic webhook channels. A tenant's channel `shop-eu`
 * receives at `POST /v1/channels/webhook/shop-eu`, is verified with its own secret
 * (generated, shown once), writes to the tenant's sessions, and replies to the
 * tenant's own outbound URL (checked by the SSRF guard when set and on every delivery).
 * A name is unique across tenants (it is the path); names not configured here fall
 * back to the operator's `channels.webhook.*` settings and `channels.tenantId`.
 *
 * @example
 *   const tc = createTenantChannels({ store, guard });
 *   const { channel, secret } = await tc.addWebhook("acme", { name: "shop-eu", outboundUrl: "https://crm.acme.example/kefu" });
 *   tc.inbound("shop-eu"); // { tenantId: "acme", secret }
 */
import { randomBytes } from "node:crypto";
import { type Clock, systemClock } from "../clock.ts";
import { KefuError } from "../errors.ts";
import type { DestinationGuard } from "./destination.ts";
import type { ChannelConfig, ChannelStore } from "./store.sqlite.ts";

/** Channels one tenant may configure. */
export const MAX_CHANNELS_PER_TENANT = 50;

/** A tenant's channel as the admin API shows it (never its secret). */
export interface TenantChannelView {
  kind: string;
  name: string;
  tenant_id: string;
  inbound_path: string;
  outbound_url: string;
  created_at_ms: number;
}

/** The tenant channels. */
export type TenantChannels = ReturnType<typeof createTenantChannels>;

const view = (c: ChannelConfig): TenantChannelView => ({
  kind: c.kind,
  name: c.name,
  tenant_id: c.tenantId,
  inbound_path: `/v1/channels/${c.kind}/${c.name}`,
  outbound_url: c.outboundUrl,
  created_at_ms: c.createdAtMs,
});

/**
 * Creates them (see the module doc).
 *
 * @example
 *   const tc = createTenantChannels({ store: openChannelStore(":memory:"), guard });
 */
export function createTenantChannels(deps: { store: ChannelStore; guard: DestinationGuard; clock?: Clock }) {
  const clock = deps.clock ?? systemClock;
  return {
    /**
     * Adds a webhook channel for a tenant; its secret is returned here only. Throws 400
     * `destination_*` for a refused outbound URL, 409 `channel_exists` for a taken name,
     * 409 `channel_limit` beyond `MAX_CHANNELS_PER_TENANT`.
     */
    async addWebhook(
      tenantId: string,
      input: { name: string; outboundUrl?: string },
    ): Promise<{ channel: TenantChannelView; secret: string }> {
      if (input.outboundUrl) await deps.guard.check(input.outboundUrl);
      if ((await deps.store.configs(tenantId)).length >= MAX_CHANNELS_PER_TENANT)
        throw new KefuError("channel_limit", `a tenant has at most ${MAX_CHANNELS_PER_TENANT} channels`, {
          status: 409,
        });
      const c: ChannelConfig = {
        kind: "webhook",
        name: input.name,
        tenantId,
        secret: `chsec_${randomBytes(24).toString("base64url")}`,
        outboundUrl: input.outboundUrl ?? "",
        createdAtMs: clock.now(),
      };
      if (!(await deps.store.addConfig(c)))
        throw new KefuError("channel_exists", `the webhook channel name ${input.name} is taken`, { status: 409 });
      return { channel: view(c), secret: c.secret };
    },

    /** A tenant's channels, oldest first. */
    async list(tenantId: string): Promise<TenantChannelView[]> {
      return (await deps.store.configs(tenantId)).map(view);
    },

    /** Deletes a tenant's channel (its users' sessions stay); 404 `not_found` when the tenant has none by that name. */
    async remove(tenantId: string, kind: string, name: string): Promise<TenantChannelView> {
      const c = await deps.store.config(kind, name);
      if (!c || c.tenantId !== tenantId || !(await deps.store.deleteConfig(tenantId, kind, name)))
        throw new KefuError("not_found", `no ${kind} channel ${name}`, { status: 404 });
      return view(c);
    },

    /** The tenant and secret of an inbound webhook channel configured here, if any. */
    async inbound(name: string): Promise<{ tenantId: string; secret: string } | undefined> {
      const c = await deps.store.config("webhook", name);
      return c ? { tenantId: c.tenantId, secret: c.secret } : undefined;
    },
  };
}
