// The console's reply tools in a real Chromium: canned responses (searchable, kept per tenant
// in localStorage, inserted into the reply from the keyboard) and the knowledge-base panel
// (search with the agent's own token, paste a passage into the reply, send it).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Frame, Page } from "playwright-core";
import { say, type UiHarness, uiHarness } from "./browser-harness.ts";

let h: UiHarness;
let agent: Page;
let visitor: { page: Page; chat: Frame };

beforeAll(async () => {
  h = await uiHarness();
}, 30_000);
afterAll(() => h?.close());

describe("reply tools", () => {
  test("canned responses: add, search, insert with the keyboard, send; kept per tenant across a reload", async () => {
    const ctx = await h.context();
    agent = await h.openConsole(ctx, await h.agentToken("tina"));
    visitor = await h.openWidget(await h.context());
    await say(visitor.chat, "What payment methods do you accept?");
    await visitor.chat.locator(".messages > li.bot").first().waitFor();
    await visitor.chat.getByRole("button", { name: "Talk to a human" }).click();
    await agent.locator(".history li.system", { hasText: "Assigned to tina" }).waitFor();

    const canned = agent.locator("section.canned");
    expect(await canned.locator(".canned-list").textContent()).toBe("No canned responses yet. Add one below.");
    await canned.getByText("New canned response").click();
    const add = async (title: string, text: string) => {
      await canned.getByLabel("Title").fill(title);
      await canned.getByLabel("Text").fill(text);
      await canned.getByRole("button", { name: "Add" }).click();
      await canned.locator(".status", { hasText: `Saved ${title}.` }).waitFor();
    };
    await add("Greeting", "Hello! I am looking into it now.");
    await add("Refund timing", "Refunds reach your card within 5 business days.");
    await add('<img src=x onerror="window.__xss=1">', "markup stays text");
    expect(await canned.locator(".canned-list button.use").count()).toBe(3);
    expect(await agent.locator(".tools img").count()).toBe(0);

    // Alt+C focuses the search; typing filters; Enter inserts the first match into the reply.
    await agent.keyboard.press("Alt+C");
    expect(await agent.evaluate("document.activeElement.id")).toBe("canned-q");
    await agent.keyboard.type("refund card");
    expect(await canned.locator(".canned-list button.use .title").allTextContents()).toEqual(["Refund timing"]);
    await agent.keyboard.press("Enter");
    expect(await agent.getByLabel("Reply").inputValue()).toBe("Refunds reach your card within 5 business days.");
    expect(await agent.evaluate("document.activeElement.id")).toBe("reply");
    await agent.getByLabel("Reply").press("Enter");
    await visitor.chat
      .locator(".messages > li.agent .text", { hasText: "Refunds reach your card within 5 business days." })
      .waitFor();

    // Kept in localStorage for the tenant: a reload (same browser) still has them; removing one sticks.
    await agent.reload();
    await agent
      .locator(".capacity")
      .filter({ hasText: /Load 1/ })
      .waitFor();
    await canned.locator(".canned-list button.use").first().waitFor();
    expect(await canned.locator(".canned-list button.use").count()).toBe(3);
    await canned.getByRole("button", { name: "Remove Greeting" }).click();
    expect(await canned.locator(".canned-list button.use").count()).toBe(2);
    const stored = JSON.parse((await agent.evaluate("localStorage.getItem('kefu.canned.default')")) as string) as {
      title: string;
    }[];
    expect(stored.map((c) => c.title)).toEqual(["Refund timing", '<img src=x onerror="window.__xss=1">']);
    expect(await agent.evaluate("window.__xss")).toBeUndefined();
  }, 40_000);

  test("knowledge-base panel: Alt+K, search with the agent's token, paste a passage, send it", async () => {
    await agent.locator(`.inbox button[data-session]`).first().click();
    const kb = agent.locator("section.kb-panel");
    await kb.locator("#tools-kb option").first().waitFor({ state: "attached" });
    await agent.keyboard.press("Alt+K");
    expect(await agent.evaluate("document.activeElement.id")).toBe("tools-kb-q");
    await agent.keyboard.type("return unused items original packaging");
    await agent.keyboard.press("Enter");
    const first = kb.locator(".kb-hits > li").first();
    await first.waitFor();
    const passage = (await first.locator(".text").textContent()) ?? "";
    expect(passage.length).toBeGreaterThan(20);
    expect((await first.getAttribute("data-doc")) ?? "").toContain("returns");
    await first.getByRole("button", { name: /^Insert the passage of / }).click();
    expect(await agent.getByLabel("Reply").inputValue()).toBe(passage);
    await agent.getByLabel("Reply").press("Enter");
    await visitor.chat.locator(".messages > li.agent .text", { hasText: passage.slice(0, 40) }).waitFor();
    await h.shot(agent, "console-tools");
  }, 30_000);
});
