// The interactive API page (/docs, gateway/openapi) in a real Chromium: it loads under its
// own Content-Security-Policy with no console error or CSP violation, lists every operation
// of /openapi.json, and its "try it" form calls the gateway.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type UiHarness, uiHarness } from "./browser-harness.ts";

let h: UiHarness;

beforeAll(async () => {
  h = await uiHarness();
}, 30_000);
afterAll(() => h?.close());

describe("/docs in a browser", () => {
  test("loads with no console errors under its CSP and lists every route of /openapi.json", async () => {
    const doc = (await (await fetch(`${h.gw.url}/openapi.json`)).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const operations = Object.entries(doc.paths).flatMap(([path, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`),
    );
    expect(operations.length).toBeGreaterThan(20);

    const page = await (await h.context()).newPage();
    const errors: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(String(e)));
    // CSP violations are reported to the page as events (and as console errors), from the first byte.
    await page.addInitScript(
      "window.__csp = []; document.addEventListener('securitypolicyviolation', (e) => window.__csp.push(e.violatedDirective));",
    );
    const res = await page.goto(`${h.gw.url}/docs`);
    expect(res?.headers()["content-security-policy"]).toContain("default-src 'none'");
    const summaries = page.locator("#ops details > summary");
    await summaries.first().waitFor();
    await page.waitForFunction(`document.querySelectorAll("#ops details > summary").length === ${operations.length}`);
    const shown = (await summaries.allTextContents()).map((s) => s.split("  — ")[0]?.replace(/^([A-Z]+)/, "$1 "));
    expect(shown.sort()).toEqual(operations.sort());
    for (const route of ["GET /console", "PUT /v1/admin/rate_limits", "POST /v1/admin/agents"])
      expect(shown).toContain(route);
    expect(await page.locator("#title").textContent()).toMatch(/^kefu \S+/);

    // "Try it": GET /healthz from the page itself (connect-src 'self').
    const health = page.locator("#ops details").filter({ has: page.locator("summary", { hasText: /^GET\/healthz/ }) });
    await health.locator("summary").click();
    await health.getByRole("button", { name: "Send" }).click();
    await health.locator("pre", { hasText: /^200 / }).waitFor();
    expect(await health.locator("pre").last().textContent()).toContain('"status": "ok"');

    expect(await page.evaluate("window.__csp")).toEqual([]);
    expect(errors).toEqual([]);
  }, 30_000);
});
