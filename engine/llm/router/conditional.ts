/**
 * Conditional strategy: a route that picks another route by the request's tenant,
 * intent or metadata. Conditions are tried in order; within one, every given field
 * must match (a list matches any of its values; metadata must have every key with
 * that exact value). No match: the route's `default`. Chains of conditional routes
 * are followed (the config check refuses cycles).
 *
 * @example
 *   // routes.triage = { strategy: "conditional", conditions: [{ when: { tenant: ["acme"] }, route: "vip" }], default: "support" }
 *   resolveRoute(config.routes, "triage", { messages, tenantId: "acme" });
 *   // { name: "vip", route: {...}, path: ["route:triage", "conditional(tenant=acme)", "route:vip"] }
 */
import type { ChatRequest } from "../types.ts";
import type { ConditionConfig, RouteConfig } from "./config.ts";

/** Why a condition matched, e.g. "tenant=acme,intent=refund"; undefined when it does not. */
export function matchCondition(when: ConditionConfig["when"], req: ChatRequest): string | undefined {
  const why: string[] = [];
  if (when.tenant) {
    if (req.tenantId === undefined || !when.tenant.includes(req.tenantId)) return undefined;
    why.push(`tenant=${req.tenantId}`);
  }
  if (when.intent) {
    if (req.intent === undefined || !when.intent.includes(req.intent)) return undefined;
    why.push(`intent=${req.intent}`);
  }
  if (when.metadata) {
    for (const [k, v] of Object.entries(when.metadata)) {
      if (req.metadata?.[k] !== v) return undefined;
      why.push(`metadata.${k}=${v}`);
    }
  }
  return why.join(",");
}

/** The route a conditional route sends `req` to, and why. */
export function pickConditional(route: RouteConfig, req: ChatRequest): { route: string; why: string } {
  for (const c of route.conditions) {
    const why = matchCondition(c.when, req);
    if (why !== undefined) return { route: c.route, why };
  }
  return { route: route.default as string, why: "default" };
}

/**
 * Follows conditional routes from `name` to a route with targets. Returns undefined
 * when a name is unknown (a validated config never has one).
 */
export function resolveRoute(
  routes: Readonly<Record<string, RouteConfig>>,
  name: string,
  req: ChatRequest,
): { name: string; route: RouteConfig; path: string[] } | undefined {
  const path: string[] = [];
  let current = name;
  for (let hops = 0; hops <= Object.keys(routes).length; hops++) {
    const route = routes[current];
    if (!route) return undefined;
    path.push(`route:${current}`);
    if (route.strategy !== "conditional") return { name: current, route, path };
    const next = pickConditional(route, req);
    path.push(`conditional(${next.why})`);
    current = next.route;
  }
  return undefined; // a cycle: refused by parseLlmConfig
}
