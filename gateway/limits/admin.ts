/**
 * The runtime admin API of rate limits and blocks, under `/v1/admin`:
 *
 *   PUT    /v1/admin/rate_limits       create or replace a rule (by id; the id defaults from `api`)
 *   GET    /v1/admin/rate_limits       list them
 *   GET    /v1/admin/rate_limits/:id   one rule (404 `not_found`)
 *   DELETE /v1/admin/rate_limits/:id   remove it (404 when absent)
 *   … and the same four for `/v1/admin/blocks`.
 *
 * Changes are persisted, reach every node within a second (engine/limits/registry.ts) and
 * are recorded in the audit log (`limits.put`, `limits.delete`, `blocks.put`, `blocks.delete`).
 *
 * @example
 *   new Elysia().use(limitsAdminApi({ config, registry }));
 *   // curl -X PUT localhost:8080/v1/admin/rate_limits -H "authorization: Bearer $KEY" \
 *   //   -d '{"id":"chat","api":"/v1/chat","key":["tenant"],"token_bucket":{"capacity":10000,"rate":500}}'
 */
import { Elysia, t } from "elysia";
import type { Config } from "../../engine/config.ts";
import { KefuError } from "../../engine/errors.ts";
import type { LimitRegistry } from "../../engine/limits/registry.ts";
import { BlockRuleSchema, RateLimitRuleSchema } from "../../engine/limits/rules.ts";
import { requireAdmin } from "../admin/auth.ts";
import { recordAudit } from "../auth/access.ts";

/** Dependencies of the admin routes. */
export interface LimitsAdminDeps {
  config: Config;
  registry: LimitRegistry;
}

const IdParams = t.Object({ id: t.String({ pattern: "^[A-Za-z0-9_.-]{1,64}$" }) });

const notFound = (what: string, id: string) =>
  new KefuError("not_found", `no ${what} with id ${JSON.stringify(id)}`, { status: 404 });

/** The admin route group. */
export function limitsAdminApi(deps: LimitsAdminDeps) {
  const { config, registry } = deps;
  return new Elysia({ name: "kefu/limits-admin" })
    .put(
      "/v1/admin/rate_limits",
      async ({ request, body }) => {
        requireAdmin(config, request.headers.get("authorization"));
        const before = body.id === undefined ? undefined : registry.getRule(body.id);
        const rule = await registry.putRule(body);
        await recordAudit(request, { action: "limits.put", target: `rule:${rule.id}`, before, after: rule });
        return { rule };
      },
      { body: RateLimitRuleSchema },
    )
    .get("/v1/admin/rate_limits", ({ request }) => {
      requireAdmin(config, request.headers.get("authorization"));
      return { rules: registry.listRules() };
    })
    .get(
      "/v1/admin/rate_limits/:id",
      ({ request, params }) => {
        requireAdmin(config, request.headers.get("authorization"));
        const rule = registry.getRule(params.id);
        if (!rule) throw notFound("rate limit rule", params.id);
        return { rule };
      },
      { params: IdParams },
    )
    .delete(
      "/v1/admin/rate_limits/:id",
      async ({ request, params }) => {
        requireAdmin(config, request.headers.get("authorization"));
        const before = registry.getRule(params.id);
        if (!(await registry.deleteRule(params.id))) throw notFound("rate limit rule", params.id);
        await recordAudit(request, { action: "limits.delete", target: `rule:${params.id}`, before });
        return { deleted: params.id };
      },
      { params: IdParams },
    )
    .put(
      "/v1/admin/blocks",
      async ({ request, body }) => {
        requireAdmin(config, request.headers.get("authorization"));
        const before = body.id === undefined ? undefined : registry.getBlock(body.id);
        const block = await registry.putBlock(body);
        await recordAudit(request, { action: "blocks.put", target: `block:${block.id}`, before, after: block });
        return { block };
      },
      { body: BlockRuleSchema },
    )
    .get("/v1/admin/blocks", ({ request }) => {
      requireAdmin(config, request.headers.get("authorization"));
      return { blocks: registry.listBlocks() };
    })
    .get(
      "/v1/admin/blocks/:id",
      ({ request, params }) => {
        requireAdmin(config, request.headers.get("authorization"));
        const block = registry.getBlock(params.id);
        if (!block) throw notFound("block", params.id);
        return { block };
      },
      { params: IdParams },
    )
    .delete(
      "/v1/admin/blocks/:id",
      async ({ request, params }) => {
        requireAdmin(config, request.headers.get("authorization"));
        const before = registry.getBlock(params.id);
        if (!(await registry.deleteBlock(params.id))) throw notFound("block", params.id);
        await recordAudit(request, { action: "blocks.delete", target: `block:${params.id}`, before });
        return { deleted: params.id };
      },
      { params: IdParams },
    );
}
