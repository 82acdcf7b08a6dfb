// The console's reply tools in a real Chromium: canned responses (server-side per tenant:
// a supervisor writes, agents read; searchable, inserted into the reply from the keyboard) and the knowledge-base panel
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

async function until(check: () => Promise<boolean>, ms = 8_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error("timed out");
    await Bun.sleep(50);
  }
}

describe("reply tools", () => {
  test("canned responses: a supervisor adds them, every agent of the tenant gets them (server-side), searches, inserts, sends", async () => {
    // The supervisor writes them in its console (agents read only).
    const boss = await h.openConsole(
      await h.context(),
      await h.agentToken("sam", { role: "supervisor" }),
      "supervisor",
    );
    const bossCanned = boss.locator("section.canned");
    await bossCanned.locator(".canned-list", { hasText: "No canned responses yet. Add one below." }).waitFor();
    await bossCanned.getByText("New canned response").click();
    const add = async (title: string, text: string) => {
      await bossCanned.getByLabel("Title").fill(title);
      await bossCanned.getByLabel("Text").fill(text);
      await bossCanned.getByRole("button", { name: "Add" }).click();
      await bossCanned.locator(".status", { hasText: `Saved ${title}.` }).waitFor();
    };
    await add("Greeting", "Hello! I am looking into it now.");
    await add("Refund timing", "Refunds reach your card within 5 business days.");
    await add('<img src=x onerror="window.__xss=1">', "markup stays text");
    expect(await bossCanned.locator(".canned-list button.use").count()).toBe(3);
    expect(await boss.locator(".tools img").count()).toBe(0);

    const ctx = await h.context();
    agent = await h.openConsole(ctx, await h.agentToken("tina"));
    visitor = await h.openWidget(await h.context());
    await say(visitor.chat, "What payment methods do you accept?");
    await visitor.chat.locator(".messages > li.bot").first().waitFor();
    await visitor.chat.getByRole("button", { name: "Talk to a human" }).click();
    await agent.locator(".history li.system", { hasText: "Assigned to tina" }).waitFor();

    // The agent sees the tenant's list, without the add form or remove buttons.
    const canned = agent.locator("section.canned");
    await canned.locator(".canned-list button.use").nth(2).waitFor();
    expect(await canned.getByText("New canned response").isVisible()).toBe(false);
    expect(await canned.locator("button.remove").count()).toBe(0);

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

    // The supervisor removes one; the agent's next load has the server's list (and caches it offline).
    await bossCanned.getByRole("button", { name: "Remove Greeting" }).click();
    await until(async () => (await bossCanned.locator(".canned-list button.use").count()) === 2);
    await agent.reload();
    await agent
      .locator(".capacity")
      .filter({ hasText: /Load 1/ })
      .waitFor();
    await canned.locator(".canned-list button.use").first().waitFor();
    await until(async () => (await canned.locator(".canned-list button.use").count()) === 2);
    const cached = JSON.parse((await agent.evaluate("localStorage.getItem('kefu.canned.default')")) as string) as {
      title: string;
    }[];
    expect(cached.map((c) => c.title).sort()).toEqual(['<img src=x onerror="window.__xss=1">', "Refund timing"]);
    expect(await agent.evaluate("window.__xss")).toBeUndefined();
    expect(await boss.evaluate("window.__xss")).toBeUndefined();
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
