import { expect, test } from "bun:test";
import { Registry } from "prom-client";
import { createConversationMetrics } from "./metrics.ts";

test("per-tenant counters are off by default", async () => {
  const registry = new Registry();
  const m = createConversationMetrics(registry);
  expect(m.tenant).toBeUndefined();
  expect(await registry.metrics()).not.toContain("kefu_tenant_");
});

test("per-tenant counters keep at most maxTenants tenant labels; later tenants count as _other", async () => {
  const registry = new Registry();
  const m = createConversationMetrics(registry, { perTenant: { maxTenants: 2 } });
  for (const t of ["acme", "globex", "initech", "acme", "umbrella"]) m.tenant?.message(t, "visitor");
  m.tenant?.sessionStarted("initech");
  m.tenant?.botAnswer("globex", "faq");
  const text = await registry.metrics();
  expect(text).toContain('kefu_tenant_messages_total{tenant="acme",actor="visitor"} 2');
  expect(text).toContain('kefu_tenant_messages_total{tenant="globex",actor="visitor"} 1');
  expect(text).toContain('kefu_tenant_messages_total{tenant="_other",actor="visitor"} 2');
  expect(text).toContain('kefu_tenant_sessions_started_total{tenant="_other"} 1');
  expect(text).toContain('kefu_tenant_bot_answers_total{tenant="globex",source="faq"} 1');
  expect(text).not.toContain("initech");
});
