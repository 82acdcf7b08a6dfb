/**
 * `POST /v1/visitor/rating` (visitor token): the visitor rates its conversation, open or
 * closed — `{ "score": 1…5, "comment"?: "…" }` → 201 `{ "seq" }`. Stored once per session
 * as a `rating` event (a second is 409 `already_rated`), delivered to the session's agents
 * and supervisors, counted in `kefu_conversation_ratings_total{score}`, and sent to event
 * webhooks as `session.rated`. The widget asks for it when a conversation closes.
 *
 * @example
 *   app.use(ratingRoutes({ service, tokens }));
 *   // curl -XPOST $GW/v1/visitor/rating -H "authorization: Bearer $VISITOR" -d '{"score":5,"comment":"quick and kind"}'
 */
import { Elysia, t } from "elysia";
import type { TokenService } from "../../engine/auth/tokens.ts";
import { type ConversationService, MAX_RATING_COMMENT } from "../../engine/conversations/service.ts";
import { KefuError } from "../../engine/errors.ts";

/** Dependencies of the rating route. */
export interface RatingDeps {
  service: Pick<ConversationService, "rate">;
  tokens: Pick<TokenService, "verify">;
}

/** The plugin. */
export function ratingRoutes(deps: RatingDeps) {
  return new Elysia({ name: "kefu/rating" }).post(
    "/v1/visitor/rating",
    async ({ body, request, set }) => {
      const token = request.headers.get("authorization")?.replace(/^Bearer\s+/i, "") ?? "";
      const p = await deps.tokens.verify(token);
      if (p.role !== "visitor" || !p.sessionId)
        throw new KefuError("forbidden", "a visitor token rates its own conversation", { status: 403 });
      const r = await deps.service.rate(p, p.sessionId, body.score, body.comment ?? "");
      set.status = 201;
      return { seq: r.event.seq };
    },
    {
      body: t.Object({
        score: t.Integer({ minimum: 1, maximum: 5 }),
        comment: t.Optional(t.String({ maxLength: MAX_RATING_COMMENT })),
      }),
      detail: { summary: "Rate the conversation (visitor token; once per session)" },
    },
  );
}
