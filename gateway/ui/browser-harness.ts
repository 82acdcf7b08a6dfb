/**
 * End-to-end harness of the browser tests: a real gateway in process (system
 * clock and timers, SQLite in a temp dir, the demo knowledge base, an LLM route
 * to a local mock OpenAI-compatible upstream that streams with delays), a host
 * page on another origin that embeds the widget with one script tag, and a
 * headless Chromium from Debian (`.ci/services/chromium.sh`) driven by playwright-core.
 *
 * @example
 *   const h = await uiHarness();
 *   const page = await h.visitorPage();
 *   await h.close();
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type Browser, type BrowserContext, chromium, type Frame, type Page } from "playwright-core";
import { loadConfig } from "../../engine/config.ts";
import type { SessionEvent } from "../../engine/events.ts";
import { type MockUpstreams, startMockUpstreams } from "../../engine/llm/testing/mock-upstreams.ts";
import { createLogger } from "../../engine/logger.ts";
import { jsKernels } from "../../engine/vector/kernels.ts";
import { type Gateway, startGateway } from "../server.ts";
import { root, tempDir } from "../test/utils.ts";

export const ADMIN_KEY = "ui-test-admin-key-0123456789";
/** Where screenshots go (git-ignored). */
export const ARTIFACTS = join(root, "test-artifacts");

/**
 * The Chromium binary: `KEFU_TEST_CHROMIUM_BIN` (exported by .ci/test.sh), else
 * Debian's /usr/bin/chromium. Throws, naming the install script, when neither exists:
 * the browser tests fail rather than skip.
 *
 * @example
 *   chromiumPath(); // "/usr/bin/chromium"
 */
export function chromiumPath(): string {
  const bin = process.env.KEFU_TEST_CHROMIUM_BIN || "/usr/bin/chromium";
  if (!existsSync(bin))
    throw new Error(
      `Chromium not found at ${bin}: run \`bash .ci/services/chromium.sh\` (it installs Debian's chromium and prints the path) and export KEFU_TEST_CHROMIUM_BIN`,
    );
  return bin;
}

/** A running harness. */
export interface UiHarness {
  gw: Gateway;
  mock: MockUpstreams;
  browser: Browser;
  /** Origin of the page that embeds the widget (another port than the gateway). */
  hostOrigin: string;
  logs: string[];
  /** A new browser context (its own storage, like another person's browser). */
  context(opts?: { width?: number; height?: number; locale?: string }): Promise<BrowserContext>;
  /** Opens the host page in `ctx` (html lang = `lang`; "" for none), opens the widget, returns the page and the chat frame. */
  openWidget(ctx: BrowserContext, lang?: string, onPage?: (page: Page) => void): Promise<{ page: Page; chat: Frame }>;
  /** Registers an agent (or supervisor) and returns its token. */
  agentToken(
    id: string,
    opts?: { groups?: string[]; capacity?: number; tenantId?: string; role?: "agent" | "supervisor" },
  ): Promise<string>;
  /** Opens the console in `ctx` and signs in with `token` (an agent's: waits for its load; a supervisor's: for its panel). */
  openConsole(ctx: BrowserContext, token: string, role?: "agent" | "supervisor"): Promise<Page>;
  /** The stored events of a session. */
  events(sessionId: string): Promise<SessionEvent[]>;
  /** Saves a screenshot under test-artifacts/ (of `clip` only, when given). */
  shot(page: Page, name: string, clip?: { x: number; y: number; width: number; height: number }): Promise<string>;
  close(): Promise<void>;
}

/**
 * Types `text` in the widget's composer and sends it (Enter).
 *
 * @example
 *   await say(chat, "What payment methods do you accept?");
 */
export async function say(chat: Frame, text: string): Promise<void> {
  await chat.fill(".composer textarea", text);
  await chat.press(".composer textarea", "Enter");
}

/** The text the mock model streams for questions the FAQ does not answer confidently. */
export const MODEL_ANSWER =
  "Unused items can be returned within 7 days of delivery in their original packaging [1]. Faulty items are always accepted.";

/**
 * Starts everything; `close()` stops it all and removes the temp dir.
 *
 * @example
 *   const h = await uiHarness();
 *   const { chat } = await h.openWidget(await h.context({ width: 375, height: 740 }));
 */
export async function uiHarness(): Promise<UiHarness> {
  const executablePath = chromiumPath();
  const tmp = tempDir("kefu-ui-");
  const mock = startMockUpstreams({ defaultScript: { text: MODEL_ANSWER, eventDelayMs: 40, split: false } });
  let gatewayUrl = "";
  const host = Bun.serve({
    hostname: "127.0.0.1",
    port: 0,
    fetch(req) {
      const u = new URL(req.url);
      const lang = u.searchParams.get("lang") ?? "en";
      if (!/^[A-Za-z-]{0,10}$/.test(lang)) return new Response("bad lang", { status: 400 });
      const html = `<!doctype html><html${lang ? ` lang="${lang}"` : ""}><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Shop</title></head>
<body><h1>A shop on another origin</h1><p>Products, prices, a footer.</p>
<script src="${gatewayUrl}/widget.js" data-tenant="default" async></script></body></html>`;
      return new Response(html, { headers: { "content-type": "text/html; charset=utf-8" } });
    },
  });
  const hostOrigin = `http://127.0.0.1:${host.port}`;
  const llmFile = join(tmp.dir, "llm.json");
  writeFileSync(
    llmFile,
    JSON.stringify({
      allowPrivateNetworks: true,
      targets: {
        model: { provider: "openai", model: "mock", baseUrl: mock.url, apiKeyEnv: "KEFU_UI_MOCK_KEY" },
        local: { provider: "local" },
      },
      routes: { support: { strategy: "fallback", targets: ["model", "local"], wholeAnswers: false } },
      profiles: { default: { default: "support" } },
    }),
  );
  const logs: string[] = [];
  const config = loadConfig({
    KEFU_PORT: "0",
    KEFU_DATA_DIR: tmp.dir,
    KEFU_AUTH_ADMIN_KEY: ADMIN_KEY,
    KEFU_LLM_CONFIG_FILE: llmFile,
    KEFU_REALTIME_ALLOWED_ORIGINS: hostOrigin,
    // Every model question reaches the (mock) model: no answers from the cache, whatever the default.
    KEFU_KB_ANSWER_CACHE_TTL_SECONDS: "0",
  });
  const gw = await startGateway({
    config,
    logger: createLogger("warn", (l) => logs.push(l)),
    kernels: jsKernels,
    env: { KEFU_UI_MOCK_KEY: "sk-mock" },
  });
  gatewayUrl = gw.url;
  const browser = await chromium.launch({ executablePath, args: ["--no-sandbox"] });
  const contexts: BrowserContext[] = [];

  const post = async (path: string, body: unknown) => {
    const res = await fetch(`${gw.url}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify(body),
    });
    const json = (await res.json()) as Record<string, unknown>;
    if (!res.ok) throw new Error(`${path}: ${res.status} ${JSON.stringify(json)}`);
    return json;
  };

  return {
    gw,
    mock,
    browser,
    hostOrigin,
    logs,
    async context(opts = {}) {
      const ctx = await browser.newContext({
        viewport: { width: opts.width ?? 1200, height: opts.height ?? 800 },
        locale: opts.locale ?? "en-US",
      });
      contexts.push(ctx);
      return ctx;
    },
    async openWidget(ctx, lang = "en", onPage) {
      const page = await ctx.newPage();
      onPage?.(page);
      await page.goto(`${hostOrigin}/?lang=${lang}`);
      await page.locator("#kefu-widget button.kefu-launcher").click();
      const handle = await page.waitForSelector("#kefu-widget iframe.kefu-frame");
      const chat = await handle.contentFrame();
      if (!chat) throw new Error("the widget frame did not load");
      await chat.waitForSelector(".composer textarea");
      return { page, chat };
    },
    async agentToken(id, opts = {}) {
      const r = await post("/v1/admin/agents", {
        id,
        tenantId: opts.tenantId ?? "default",
        groups: opts.groups ?? ["default"],
        capacity: opts.capacity ?? 3,
        ...(opts.role ? { role: opts.role } : {}),
      });
      return r.token as string;
    },
    async openConsole(ctx, token, role = "agent") {
      const page = await ctx.newPage();
      await page.goto(`${gw.url}/console`);
      await page.getByLabel(/Agent token/).fill(token);
      await page.getByRole("button", { name: "Sign in" }).click();
      if (role === "supervisor") {
        await page.locator("section.supervisor:not([hidden])").waitFor();
        return page;
      }
      await page
        .locator(".capacity")
        .filter({ hasText: /Load \d+ \/ \d+/ })
        .waitFor();
      return page;
    },
    async events(sessionId) {
      return gw.backends.eventStore.readAfter(sessionId, 0, 1000);
    },
    async shot(page, name, clip) {
      mkdirSync(ARTIFACTS, { recursive: true });
      const path = join(ARTIFACTS, `${name}.png`);
      await page.screenshot({ path, ...(clip ? { clip } : {}) });
      return path;
    },
    async close() {
      for (const c of contexts) await c.close().catch(() => undefined);
      await browser.close();
      await gw.stop(500);
      await mock.stop();
      host.stop(true);
      tmp.cleanup();
    },
  };
}
