import { describe, expect, test } from "bun:test";
import { Registry } from "prom-client";
import { createLlmMetrics } from "./metrics.ts";

describe("LLM metrics", () => {
  test("hot-path counter children reach the exposition at every scrape, cumulatively", async () => {
    const registry = new Registry();
    const m = createLlmMetrics(registry);
    const ok = m.requestsChild("openai", "openai-day", "gpt-4o-mini", "ok");
    const tokensIn = m.tokensChild("openai", "openai-day", "in");
    m.requestsChild("openai", "openai-day", "gpt-4o-mini", "upstream_timeout"); // never incremented
    ok.inc();
    ok.inc();
    tokensIn.inc(12);
    let text = await registry.metrics();
    expect(text).toContain(
      'kefu_llm_requests_total{provider="openai",target="openai-day",model="gpt-4o-mini",outcome="ok"} 2',
    );
    expect(text).toContain('kefu_llm_tokens_total{provider="openai",target="openai-day",direction="in"} 12');
    expect(text).not.toContain('outcome="upstream_timeout"');
    ok.inc();
    text = await registry.metrics();
    expect(text).toContain(
      'kefu_llm_requests_total{provider="openai",target="openai-day",model="gpt-4o-mini",outcome="ok"} 3',
    );
    // Direct use of the counter still works beside the children.
    m.requests.inc({ provider: "openai", target: "openai-day", model: "gpt-4o-mini", outcome: "ok" });
    const json = await m.requests.get();
    expect(json.values.find((v) => v.labels.outcome === "ok")?.value).toBe(4);
  });
});
