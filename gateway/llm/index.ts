/**
 * The LLM-facing HTTP API:
 * - `POST /v1/chat/completions` — OpenAI-compatible (see gateway/openai);
 * - `POST /v1/chat` — the simple API: `{session_id, text}` with a visitor token,
 *   answered with the bot's reply; `X-Idempotency-Key` (the app-wide plugin: same key and body →
 *   the same response replayed; another body → 422; while the first runs → 409);
 * - `GET|PUT /v1/admin/llm/config` — read or replace the routing config at run time
 *   (validated first, swapped atomically; requests in flight keep their config).
 *   Permissions `config:read|write`, the operator's admin key only (shared by every
 *   tenant); a replacement is audited with the config before and after.
 *
 * @example
 *   app.use(llmApi({ config, llm, service, tokens, clock, logger }));
 */
import { randomUUID } from "node:crypto";
import { Elysia, t } from "elysia";
import { AUDIT_SESSION_PREFIX } from "../../engine/audit/audit-log.ts";
import type { TokenService } from "../../engine/auth/tokens.ts";
import type { Clock } from "../../engine/clock.ts";
import { type Config, ConfigError } from "../../engine/config.ts";
import type { ConversationService } from "../../engine/conversations/service.ts";
import { KefuError } from "../../engine/errors.ts";
import type { Llm } from "../../engine/llm/index.ts";
import type { Logger } from "../../engine/logger.ts";
import { recordAudit } from "../auth/access.ts";
import { openAiApi } from "../openai/index.ts";

/** Dependencies of the LLM API. */
export interface LlmApiDeps {
  config: Config;
  llm: Llm;
  service: ConversationService;
  tokens: TokenService;
  clock: Clock;
  logger: Logger;
}

/** The LLM API plugin. */
export function llmApi(deps: LlmApiDeps) {
  const { llm, service, tokens } = deps;

  return new Elysia({ name: "kefu/llm" })
    .use(openAiApi({ routing: llm.router, clock: deps.clock, logger: deps.logger }))
    .post(
      "/v1/chat",
      async ({ body, request }) => {
        const p = await tokens.verify(request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "");
        if (p.role !== "visitor") throw new KefuError("forbidden", "/v1/chat takes a visitor token", { status: 403 });
        // The audit log's streams are no conversations (a development-mode token could name one).
        if (body.session_id.startsWith(AUDIT_SESSION_PREFIX))
          throw new KefuError("forbidden", "this session cannot be written to", { status: 403 });
        const key = request.headers.get("x-idempotency-key");
        const run = async () => {
          const r = await service.send(p, body.session_id, {
            clientMsgId: body.client_msg_id ?? key ?? randomUUID(),
            text: body.text,
          });
          const reply = r.reply ? await r.reply : undefined;
          const view = await service.describe(p, body.session_id);
          return {
            session_id: body.session_id,
            message: { seq: r.event.seq, duplicate: r.duplicate },
            reply: reply
              ? { seq: reply.seq, text: reply.text, target: reply.meta.target, route: reply.meta.route }
              : null,
            state: view.state,
          };
        };
        // X-Idempotency-Key replays are the app-wide idempotency plugin's (gateway/idempotency); the key
        // also names the message, so a retry that gets through is deduplicated by the store.
        return run();
      },
      {
        body: t.Object({
          session_id: t.String({ minLength: 1, maxLength: 64 }),
          text: t.String({ minLength: 1, maxLength: 100_000 }),
          client_msg_id: t.Optional(t.String({ minLength: 1, maxLength: 128 })),
        }),
      },
    )
    .get("/v1/admin/llm/config", () => llm.router.config())
    .put("/v1/admin/llm/config", async ({ request, body }) => {
      const before = llm.router.config();
      let cfg: ReturnType<typeof llm.reload>;
      try {
        cfg = llm.reload(body, "PUT /v1/admin/llm/config");
      } catch (e) {
        if (e instanceof ConfigError) throw new KefuError("invalid_config", e.message, { status: 400 });
        throw e;
      }
      await recordAudit(request, { action: "config.llm.put", target: "config:llm", before, after: cfg });
      return { status: "reloaded", targets: Object.keys(cfg.targets), routes: Object.keys(cfg.routes) };
    });
}
