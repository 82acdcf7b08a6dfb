/**
 * `GET /v1/admin/llm/routing` (`config:read`, the operator's admin key): the LLM routing
 * in effect, for the admin page's read-only view — the profile the schedule picks now,
 * the schedule's windows, each profile's routes, each route's strategy and targets, each
 * target's provider, model and base URL (without credentials or query), and every
 * breaker's state. Nothing that can hold a secret leaves: no `apiKeyEnv`, no vendor
 * `options`, no URL user-info or query string.
 *
 * @example
 *   curl -H "authorization: Bearer $KEFU_AUTH_ADMIN_KEY" 127.0.0.1:8080/v1/admin/llm/routing
 */
import { Elysia } from "elysia";
import type { Clock } from "../../engine/clock.ts";
import type { LlmRouter } from "../../engine/llm/router/router.ts";
import { compileSchedule } from "../../engine/llm/router/schedule.ts";

/** Dependencies of the routing view. */
export interface RoutingViewDeps {
  router: Pick<LlmRouter, "config" | "breaker">;
  clock: Clock;
}

/**
 * A base URL without user-info, query or fragment (they may carry credentials).
 *
 * @example
 *   safeUrl("https://user:pw@api.example.com/v1?key=s"); // "https://api.example.com/v1"
 */
export function safeUrl(raw: string | undefined): string | null {
  if (!raw) return null;
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return null;
  }
}

/**
 * The view of the router's current config (see the module doc).
 *
 * @example
 *   routingView(llm.router, Date.now()).activeProfile; // "default"
 */
export function routingView(router: RoutingViewDeps["router"], nowMs: number) {
  const c = router.config();
  const schedule = c.schedule
    ? {
        timezone: c.schedule.timezone,
        default: c.schedule.default,
        windows: c.schedule.windows.map((w) => ({
          days: w.days ?? [],
          from: w.from,
          to: w.to,
          profile: w.profile,
        })),
      }
    : null;
  const active = c.schedule ? compileSchedule(c.schedule)(nowMs) : undefined;
  const names = Object.keys(c.profiles);
  return {
    activeProfile: active?.profile ?? (names.includes("default") ? "default" : (names[0] ?? null)),
    activeWindow: active?.window ?? null,
    schedule,
    profiles: c.profiles,
    routes: Object.fromEntries(
      Object.entries(c.routes).map(([id, r]) => [
        id,
        {
          strategy: r.strategy,
          targets: r.targets,
          hedge: r.hedge,
          conditions: r.conditions.map((x) => ({ when: x.when, route: x.route })),
          ...(r.default ? { default: r.default } : {}),
        },
      ]),
    ),
    targets: Object.fromEntries(
      Object.entries(c.targets).map(([id, tg]) => [
        id,
        { provider: tg.provider, model: tg.model ?? null, baseUrl: safeUrl(tg.baseUrl), weight: tg.weight },
      ]),
    ),
    breakers: Object.fromEntries(Object.keys(c.targets).map((id) => [id, router.breaker(id).state()])),
  };
}

/** The routing view plugin. */
export function routingViewApi(deps: RoutingViewDeps) {
  return new Elysia({ name: "kefu/llm-routing-view" }).get("/v1/admin/llm/routing", () =>
    routingView(deps.router, deps.clock.now()),
  );
}
