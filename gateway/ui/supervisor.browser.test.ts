// The supervisor view of the console in a real Chromium: agents and their seat states,
// live assignments with queue waits, the numbers counted from those frames, and watching
// a session (from the list and by id), reading it live and writing into it.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Frame, Page } from "playwright-core";
import { say, type UiHarness, uiHarness } from "./browser-harness.ts";

let h: UiHarness;
let sup: Page;
let alice: Page;
let visitor: { page: Page; chat: Frame };
let sessionId = "";
const consoleErrors: string[] = [];

beforeAll(async () => {
  h = await uiHarness();
}, 30_000);
afterAll(() => h?.close());

const stat = (page: Page, key: string) => page.locator(`.numbers dd[data-stat="${key}"]`);

describe("supervisor view", () => {
  test("a supervisor sees agents' seats, live assignments with their queue wait, and the numbers", async () => {
    const ctx = await h.context();
    sup = await h.openConsole(ctx, await h.agentToken("sue", { role: "supervisor" }), "supervisor");
    sup.on("console", (m) => {
      if (m.type() === "error") consoleErrors.push(m.text());
    });
    expect(await sup.locator(".me").textContent()).toContain("supervisor");
    expect(await sup.getByRole("heading", { name: "Watched conversations" }).count()).toBe(1);
    expect(await sup.locator("#seat").isHidden()).toBe(true);
    expect(await stat(sup, "assignments").textContent()).toBe("0");

    // An agent signs in: the supervisor sees the seat go online.
    alice = await h.openConsole(await h.context(), await h.agentToken("alice", { capacity: 3 }));
    const row = sup.locator('.agents tr[data-agent="alice"]');
    await row.locator(".seat-state", { hasText: "Online" }).waitFor();
    expect(await stat(sup, "online").textContent()).toBe("1 / 1");
    await alice.getByLabel("Seat state").selectOption("SEAT_STATE_AWAY");
    await row.locator(".seat-state", { hasText: "Away" }).waitFor();
    expect(await stat(sup, "online").textContent()).toBe("0 / 1");
    await alice.getByLabel("Seat state").selectOption("SEAT_STATE_ONLINE");
    await row.locator(".seat-state", { hasText: "Online" }).waitFor();

    // A visitor asks for a human: the assignment shows with its agent, group and wait; the load moves.
    visitor = await h.openWidget(await h.context());
    await say(visitor.chat, "What payment methods do you accept?");
    await visitor.chat.locator(".messages > li.bot .text", { hasText: "We accept Visa" }).waitFor();
    await visitor.chat.getByRole("button", { name: "Talk to a human" }).click();
    await visitor.chat.locator(".banner", { hasText: "You are chatting with alice" }).waitFor();
    sessionId = (
      JSON.parse((await visitor.chat.evaluate("localStorage.getItem('kefu.widget.default')")) as string) as {
        sessionId: string;
      }
    ).sessionId;
    const item = sup.locator(`.assigned li[data-session="${sessionId}"]`);
    await item.waitFor();
    expect(await item.locator(".who").textContent()).toMatch(/^alice · default · waited \d+\.\d s$/);
    await row.locator(".load", { hasText: "1 / 3" }).waitFor();
    expect(await stat(sup, "assignments").textContent()).toBe("1");
    expect(await stat(sup, "load").textContent()).toBe("1 / 3");
    expect(await stat(sup, "wait").textContent()).toMatch(/^mean \d+\.\d s, max \d+\.\d s$/);
    await h.shot(sup, "console-supervisor");
  }, 40_000);

  test("the supervisor watches the session from the list: whole history, live messages both ways", async () => {
    await sup.getByRole("button", { name: `Watch session ${sessionId}` }).click();
    await sup.locator(`.inbox button[data-session="${sessionId}"]`).waitFor();
    await sup.locator(".history li.system", { hasText: "Handed off to a human: visitor_request" }).waitFor();
    await sup.locator(".history li.system", { hasText: "Assigned to alice" }).waitFor();
    await sup.locator(".history > li.msg.bot .text", { hasText: "We accept Visa" }).waitFor();

    // Live: the agent's reply and the visitor's message reach the supervisor.
    await alice.getByLabel("Reply").fill("Hello from Alice");
    await alice.getByLabel("Reply").press("Enter");
    await sup.locator(".history > li.msg.agent .text", { hasText: "Hello from Alice" }).waitFor();
    await say(visitor.chat, '<img src=x onerror="window.__xss=1">thanks');
    await sup.locator(".history > li.msg.visitor .text", { hasText: "thanks" }).waitFor();
    expect(await sup.locator(".history img").count()).toBe(0);
    expect(await sup.evaluate("window.__xss")).toBeUndefined();

    // The supervisor writes into the conversation; the visitor sees it under the supervisor's name.
    expect(await sup.getByLabel("Reply").isDisabled()).toBe(false);
    await sup.getByLabel("Reply").fill("A supervisor is listening in.");
    await sup.getByLabel("Reply").press("Enter");
    const fromSue = visitor.chat.locator(".messages > li.agent").last();
    await fromSue.locator(".text", { hasText: "A supervisor is listening in." }).waitFor();
    expect(await fromSue.locator(".who").textContent()).toBe("sue");
    await alice.locator(".history > li.msg.agent .text", { hasText: "A supervisor is listening in." }).waitFor();
  }, 30_000);

  test("watching by id from the keyboard; a bad id gets the server's error; no console errors", async () => {
    // A second console tab of the supervisor (new sign-in) watches by typing the id.
    const second = await h.openConsole(
      await h.context(),
      await h.agentToken("sue2", { role: "supervisor" }),
      "supervisor",
    );
    await second.getByLabel("Watch a session").fill(sessionId);
    await second.getByLabel("Watch a session").press("Enter");
    await second.locator(".history > li.msg.agent .text", { hasText: "Hello from Alice" }).waitFor();
    const stored = (await h.events(sessionId)).filter((e) => e.body.type === "message").length;
    expect(await second.locator(".history > li.msg").count()).toBe(stored);

    await second.getByLabel("Watch a session").fill("no-such-session");
    await second.getByRole("button", { name: "Watch", exact: true }).click();
    await second.locator(".alerts", { hasText: /not_found/ }).waitFor();
    expect(consoleErrors).toEqual([]);
  }, 30_000);
});
