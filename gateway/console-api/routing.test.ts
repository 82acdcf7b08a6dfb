// The admin page's routing view: the LLM routing in effect, never a secret.
import { afterEach, expect, test } from "bun:test";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { tempDir } from "../test/utils.ts";
import { safeUrl } from "./routing.ts";

let h: RealtimeHarness | undefined;
const tmp = tempDir("kefu-routing-");
afterEach(async () => {
  await h?.close();
  h = undefined;
});

test("profiles, schedule, routes, targets and breakers; no key names, vendor options or URL credentials", async () => {
  const file = join(tmp.dir, "llm.json");
  writeFileSync(
    file,
    JSON.stringify({
      allowPrivateNetworks: true,
      targets: {
        main: {
          provider: "openai",
          model: "gpt-x",
          baseUrl: "https://llm.example.com/v1?api_key=sk-secret-in-url",
          apiKeyEnv: "KEFU_SECRET_KEY_NAME",
          options: { headers: { "x-api-key": "sk-secret-in-options" } },
        },
        local: { provider: "local" },
      },
      routes: {
        support: { strategy: "fallback", targets: ["main", "local"] },
        night: { strategy: "fallback", targets: ["local"] },
      },
      profiles: { day: { default: "support" }, night: { default: "night" } },
      schedule: {
        timezone: "Asia/Shanghai",
        default: "night",
        windows: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "18:00", profile: "day" }],
      },
    }),
  );
  process.env.KEFU_SECRET_KEY_NAME = "sk-secret-key-value";
  h = await realtimeHarness({ KEFU_LLM_CONFIG_FILE: file }).finally(() => {
    delete process.env.KEFU_SECRET_KEY_NAME;
  });
  const res = await fetch(`${h.gw.url}/v1/admin/llm/routing`, { headers: { authorization: `Bearer ${ADMIN_KEY}` } });
  expect(res.status).toBe(200);
  const text = await res.text();
  for (const secret of ["hunter2", "sk-secret", "KEFU_SECRET_KEY_NAME", "api_key", "x-api-key"])
    expect(text).not.toContain(secret);
  const v = JSON.parse(text);
  expect(v.profiles).toEqual({ day: { default: "support" }, night: { default: "night" } });
  expect(["day", "night"]).toContain(v.activeProfile);
  expect(v.schedule).toEqual({
    timezone: "Asia/Shanghai",
    default: "night",
    windows: [{ days: ["mon", "tue", "wed", "thu", "fri"], from: "09:00", to: "18:00", profile: "day" }],
  });
  expect(v.routes.support).toMatchObject({ strategy: "fallback", targets: ["main", "local"] });
  expect(v.targets.main).toEqual({
    provider: "openai",
    model: "gpt-x",
    baseUrl: "https://llm.example.com/v1",
    weight: 1,
  });
  expect(v.breakers).toEqual({ main: "closed", local: "closed" });
  // Shared by every tenant: the operator's admin key only.
  const sup = await h.agent("boss", "t1", { role: "supervisor" });
  const refused = await fetch(`${h.gw.url}/v1/admin/llm/routing`, {
    headers: { authorization: `Bearer ${sup.token}` },
  });
  expect(refused.status).toBe(403);
});

test("safeUrl drops user-info, query and fragment; rejects what is not a URL", () => {
  expect(safeUrl("https://u:p@h.example:8443/v1/?k=1#x")).toBe("https://h.example:8443/v1/");
  expect(safeUrl("http://127.0.0.1:9000")).toBe("http://127.0.0.1:9000");
  expect(safeUrl("not a url")).toBeNull();
  expect(safeUrl(undefined)).toBeNull();
});
