import { describe, expect, test } from "bun:test";
import { matchCondition, resolveRoute } from "./conditional.ts";
import { answer, ask, harness, testConfig } from "./test-utils.ts";

const config = testConfig({
  routes: {
    main: { strategy: "fallback", targets: ["a"] },
    vip: { strategy: "fallback", targets: ["b"] },
    complaints: { strategy: "fallback", targets: ["c"] },
    triage: {
      strategy: "conditional",
      conditions: [
        { when: { tenant: ["acme", "globex"] }, route: "vip" },
        { when: { intent: ["complaint"], metadata: { channel: "wechat" } }, route: "byChannel" },
      ],
      default: "main",
    },
    byChannel: {
      strategy: "conditional",
      conditions: [{ when: { metadata: { lang: "zh" } }, route: "complaints" }],
      default: "vip",
    },
  },
  profiles: { default: { default: "triage" } },
});

describe("conditional strategy", () => {
  test("tenant, intent and metadata: lists match any value, all given fields must match", () => {
    expect(matchCondition({ tenant: ["acme"] }, ask("x", { tenantId: "acme" }))).toBe("tenant=acme");
    expect(matchCondition({ tenant: ["acme"] }, ask("x", { tenantId: "other" }))).toBeUndefined();
    expect(matchCondition({ tenant: ["acme"] }, ask("x"))).toBeUndefined();
    const when = { intent: ["complaint"], metadata: { channel: "wechat" } };
    expect(matchCondition(when, ask("x", { intent: "complaint", metadata: { channel: "wechat" } }))).toBe(
      "intent=complaint,metadata.channel=wechat",
    );
    expect(matchCondition(when, ask("x", { intent: "complaint", metadata: { channel: "web" } }))).toBeUndefined();
  });

  test("first matching condition wins, chains are followed, the default catches the rest", () => {
    const routes = config.routes;
    expect(resolveRoute(routes, "triage", ask("x", { tenantId: "globex", intent: "complaint" }))?.path).toEqual([
      "route:triage",
      "conditional(tenant=globex)",
      "route:vip",
    ]);
    expect(
      resolveRoute(routes, "triage", ask("x", { intent: "complaint", metadata: { channel: "wechat", lang: "zh" } }))
        ?.path,
    ).toEqual([
      "route:triage",
      "conditional(intent=complaint,metadata.channel=wechat)",
      "route:byChannel",
      "conditional(metadata.lang=zh)",
      "route:complaints",
    ]);
    const d = resolveRoute(routes, "triage", ask("x", { tenantId: "nobody" }));
    expect(d?.name).toBe("main");
    expect(d?.path).toEqual(["route:triage", "conditional(default)", "route:main"]);
  });

  test("through the router: meta names the leaf route and the path", async () => {
    const h = harness(config, { a: answer("A"), b: answer("B"), c: answer("C") });
    const s = h.router.stream(ask("x", { tenantId: "acme" }), { signal: new AbortController().signal });
    const m = await s.first;
    expect(m.route).toBe("vip");
    expect(m.target).toBe("b");
    expect(m.pathText).toBe("profile:default > route:triage > conditional(tenant=acme) > route:vip > fallback > b");
  });
});
