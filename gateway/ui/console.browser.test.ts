// The agent console and the widget together in a real Chromium: handoff, assignment,
// replies both ways, unread counts, a network drop with no loss or duplicate, transfer,
// close, and XSS payloads shown as text. One conversation runs through the tests in order.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { BrowserContext, Frame, Page } from "playwright-core";
import { say, type UiHarness, uiHarness } from "./browser-harness.ts";

let h: UiHarness;
let visitorCtx: BrowserContext;
let visitor: { page: Page; chat: Frame };
let alice: Page;
let bob: Page;
let carolPage: Page;
let sessionId = "";

beforeAll(async () => {
  h = await uiHarness();
}, 30_000);
afterAll(() => h?.close());

async function reply(agent: Page, text: string) {
  await agent.getByLabel("Reply").fill(text);
  await agent.getByLabel("Reply").press("Enter");
}
/** [seq, text] of the message bubbles shown by the widget. */
const widgetMessages = (chat: Frame) =>
  chat
    .locator(".messages > li.msg:is(.visitor, .bot, .agent)")
    .evaluateAll((els) =>
      els.map((e) => [Number(e.getAttribute("data-seq") ?? -1), e.querySelector(".text")?.textContent ?? ""]),
    ) as Promise<[number, string][]>;
/** [seq, text] of the messages in the console's conversation view. */
const consoleMessages = (page: Page) =>
  page
    .locator(".history > li.msg")
    .evaluateAll((els) =>
      els.map((e) => [Number(e.getAttribute("data-seq") ?? -1), e.querySelector(".text")?.textContent ?? ""]),
    ) as Promise<[number, string][]>;
/** [seq, text] of the stored chat messages of the session. */
async function storedMessages(): Promise<[number, string][]> {
  return (await h.events(sessionId)).flatMap((e) =>
    e.body.type === "message" ? [[e.seq, e.body.text] as [number, string]] : [],
  );
}
async function until(what: string, check: () => Promise<boolean>, ms = 8_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}

describe("agent console with the widget", () => {
  test("the visitor asks for a human and waits; an agent signs in, gets the session with its history and replies", async () => {
    visitorCtx = await h.context();
    visitor = await h.openWidget(visitorCtx);
    const { chat } = visitor;
    await say(chat, "What payment methods do you accept?");
    await chat.locator(".messages > li.bot .text", { hasText: "We accept Visa" }).waitFor();
    await chat.getByRole("button", { name: "Talk to a human" }).click();
    await chat.locator(".banner", { hasText: "You are number 1 in the queue" }).waitFor();
    const saved = (await chat.evaluate("localStorage.getItem('kefu.widget.default')")) as string;
    sessionId = (JSON.parse(saved) as { sessionId: string }).sessionId;

    // The console: a bad token is refused with a message; the real one signs in and goes online.
    const ctx = await h.context();
    const login = await ctx.newPage();
    await login.goto(`${h.gw.url}/console`);
    await login.getByLabel("Agent token (JWT)").fill("not a token");
    await login.getByRole("button", { name: "Sign in" }).click();
    expect(await login.getByRole("alert").textContent()).toBe("This does not look like a token.");
    await login.close();
    alice = await h.openConsole(ctx, await h.agentToken("alice", { capacity: 3 }));
    expect(await alice.locator(".capacity").textContent()).toMatch(/^Load [01] \/ 3$/);

    // The queued session is assigned at once; the view shows the bot's turn and the handoff reason.
    const item = alice.locator(`.inbox button[data-session="${sessionId}"]`);
    await item.waitFor();
    await alice.locator(".history li.system", { hasText: "Handed off to a human: visitor_request" }).waitFor();
    await alice.locator(".history li.system", { hasText: "Assigned to alice" }).waitFor();
    const history = await consoleMessages(alice);
    expect(history.map((m) => m[1])).toEqual([
      "What payment methods do you accept?",
      expect.stringContaining("We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay."),
    ]);
    expect(await alice.locator(".history > li.msg.bot .who").textContent()).toBe("Assistant");
    await chat.locator(".banner", { hasText: "You are chatting with alice" }).waitFor();
    await h.shot(alice, "console-assigned");

    // Typing shows on the visitor's side; the reply arrives with the agent's name.
    await alice.getByLabel("Reply").pressSequentially("Hi, ");
    await chat.locator(".typing", { hasText: "alice is typing…" }).waitFor();
    await reply(alice, "Hi, I am Alice. Which order is it?");
    const fromAlice = chat.locator(".messages > li.agent").last();
    await fromAlice.locator(".text", { hasText: "Hi, I am Alice. Which order is it?" }).waitFor();
    expect(await fromAlice.locator(".who").textContent()).toBe("alice");
    await chat.locator(".composer textarea").pressSequentially("Order");
    await alice.locator(".typing", { hasText: "Visitor is typing…" }).waitFor();
    await say(chat, "Order 2024-77, it is late.");
    await alice.locator(".history > li.msg.visitor .text", { hasText: "Order 2024-77, it is late." }).waitFor();
    expect(await alice.locator(".inbox .unread").count()).toBe(0); // the open conversation has no unread
    await h.shot(visitor.page, "widget-agent-reply");
  }, 30_000);

  test("seat state switch and unread counts; the inbox works from the keyboard", async () => {
    await alice.getByLabel("Seat state").selectOption("SEAT_STATE_AWAY");
    await until("alice away", async () => h.gw.routing.getAgent("alice")?.state === "away");
    await alice.getByLabel("Seat state").selectOption("SEAT_STATE_ONLINE");
    await until("alice online", async () => h.gw.routing.getAgent("alice")?.state === "online");

    // A second visitor is assigned to alice while she reads the first: it counts unread messages.
    const other = await h.openWidget(await h.context());
    await say(other.chat, "I need help with an invoice");
    await other.chat.locator(".messages > li.bot").first().waitFor();
    await other.chat.getByRole("button", { name: "Talk to a human" }).click();
    await other.chat.locator(".banner", { hasText: "You are chatting with alice" }).waitFor();
    await say(other.chat, "Are you there?");
    await alice.locator(".capacity", { hasText: "Load 2 / 3" }).waitFor();
    const second = alice.locator(".inbox button").nth(1);
    await second.locator(".unread", { hasText: /^\d+ unread$/ }).waitFor();
    expect(Number((await second.locator(".unread").textContent())?.split(" ")[0])).toBeGreaterThanOrEqual(1);
    // ↓ moves to it, Enter opens it: the unread count clears.
    await alice.locator(".inbox button").first().focus();
    await alice.keyboard.press("ArrowDown");
    await alice.keyboard.press("Enter");
    await alice.locator(".history > li.msg.visitor .text", { hasText: "Are you there?" }).waitFor();
    expect(await alice.locator(".inbox button").nth(1).getAttribute("aria-current")).toBe("true");
    expect(await alice.locator(".inbox .unread").count()).toBe(0);
    await h.shot(alice, "console-inbox");
    // Back to the first conversation for the next tests.
    await alice.locator(`.inbox button[data-session="${sessionId}"]`).click();
    await alice.keyboard.press("Alt+R");
    expect(await alice.evaluate("document.activeElement.id")).toBe("reply");
  }, 30_000);

  test("network drops (the browser offline, then the server closing every socket): nothing lost, nothing twice", async () => {
    const { chat } = visitor;
    await visitorCtx.setOffline(true);
    await reply(alice, "While you were away: one");
    await reply(alice, "While you were away: two");
    await say(chat, "Typed while offline");
    await Bun.sleep(300);
    await visitorCtx.setOffline(false);
    await chat.locator(".messages > li.agent .text", { hasText: "While you were away: two" }).waitFor();
    await chat.locator(".messages > li.visitor[data-seq] .text", { hasText: "Typed while offline" }).waitFor();

    // The server drops every socket. Before the clients are back (their first retry waits
    // at least 125 ms) an agent message is stored, and both sides type one.
    h.gw.hub.closeAll(1012, "test: service restart");
    await h.gw.service.send({ role: "agent", tenantId: "default", subject: "alice" }, sessionId, {
      clientMsgId: "server-side-1",
      text: "Stored while nobody was connected",
    });
    await reply(alice, "Written during the outage");
    await say(chat, "Me too, during the outage");
    await chat.locator(".messages > li.agent .text", { hasText: "Stored while nobody was connected" }).waitFor();
    await chat.locator(".messages > li.agent .text", { hasText: "Written during the outage" }).waitFor();
    await alice.locator(".history > li.msg.visitor .text", { hasText: "Me too, during the outage" }).waitFor();

    // Both screens hold exactly the stored messages, in order, each once.
    await until("no pending sends", async () => (await chat.locator(".messages > li.pending").count()) === 0);
    await until("console settled", async () => (await alice.locator(".history > li.pending").count()) === 0);
    const stored = await storedMessages();
    expect(stored.map((m) => m[1]).slice(0, 8)).toEqual([
      "What payment methods do you accept?",
      expect.stringContaining("We accept Visa"),
      "Hi, I am Alice. Which order is it?",
      "Order 2024-77, it is late.",
      "While you were away: one",
      "While you were away: two",
      "Typed while offline",
      "Stored while nobody was connected",
    ]);
    // Who reconnects first decides the order of the last two; each is stored once.
    expect(
      stored
        .map((m) => m[1])
        .slice(8)
        .sort(),
    ).toEqual(["Me too, during the outage", "Written during the outage"]);
    await until("widget = store", async () => JSON.stringify(await widgetMessages(chat)) === JSON.stringify(stored));
    await until("console = store", async () => JSON.stringify(await consoleMessages(alice)) === JSON.stringify(stored));
  }, 30_000);

  test("the agent transfers the session to another agent, who sees the whole conversation and takes over", async () => {
    bob = await h.openConsole(await h.context(), await h.agentToken("bob", { capacity: 2 }));
    await alice.getByLabel("Transfer to").selectOption("agent");
    await alice.getByLabel("Agent id or group").fill("bob");
    await alice.getByRole("button", { name: "Transfer", exact: true }).click();
    await bob.locator(`.inbox button[data-session="${sessionId}"]`).waitFor();
    await bob.locator(".history li.system", { hasText: "Transferred to bob" }).waitFor();
    await until(
      "bob has the history",
      async () => (await consoleMessages(bob)).length === (await storedMessages()).length,
    );
    await alice.locator(".notice", { hasText: "This conversation was transferred to bob." }).waitFor();
    expect(await alice.getByLabel("Reply").isDisabled()).toBe(true);
    await visitor.chat.locator(".banner", { hasText: "You are chatting with bob" }).waitFor();
    await reply(bob, "Bob here, I have your order.");
    await visitor.chat.locator(".messages > li.agent .text", { hasText: "Bob here, I have your order." }).waitFor();
    await h.shot(bob, "console-transferred");
  }, 30_000);

  test("markup in messages is shown as text and never runs (widget and console)", async () => {
    const payloads = [
      `<img src=x onerror="window.__xss=1">`,
      `<svg onload="window.__xss=2"></svg>`,
      `<a href="javascript:window.__xss=3">click me</a>`,
      `javascript:window.__xss=4`,
    ];
    for (const p of payloads) await say(visitor.chat, p);
    for (const p of payloads) await reply(bob, `agent: ${p}`);
    const last = `agent: ${payloads.at(-1)}`;
    await visitor.chat.locator(".messages > li.agent .text", { hasText: last }).waitFor();
    await bob.locator(".history > li.msg.agent .text", { hasText: last }).waitFor();
    const widgetTexts = (await widgetMessages(visitor.chat)).map((m) => m[1]);
    const consoleTexts = (await consoleMessages(bob)).map((m) => m[1]);
    for (const p of payloads) {
      expect(widgetTexts).toContain(p);
      expect(widgetTexts).toContain(`agent: ${p}`);
      expect(consoleTexts).toContain(p);
    }
    // Click every message text (a link, had one been made, would run now).
    for (const el of await visitor.chat.locator(".messages > li .text").all()) await el.click();
    for (const el of await bob.locator(".history > li .text").all()) await el.click();
    await Bun.sleep(200);
    expect(await visitor.chat.evaluate("window.__xss")).toBeUndefined();
    expect(await bob.evaluate("window.__xss")).toBeUndefined();
    expect(await alice.evaluate("window.__xss")).toBeUndefined();
    expect(await visitor.page.evaluate("window.__xss")).toBeUndefined();
    // No element came from a message: only text nodes inside the bubbles.
    expect(await visitor.chat.locator(".messages img, .messages svg, .messages a").count()).toBe(0);
    expect(await bob.locator(".history img, .history svg, .history a").count()).toBe(0);
  }, 30_000);

  test("transfer to a group: an agent of that group gets it; a reload of the console keeps the session and the conversation", async () => {
    const carol = await h.openConsole(await h.context(), await h.agentToken("carol", { groups: ["billing"] }));
    await bob.getByLabel("Transfer to").selectOption("group");
    await bob.getByLabel("Agent id or group").fill("billing");
    await bob.getByRole("button", { name: "Transfer", exact: true }).click();
    await carol.locator(`.inbox button[data-session="${sessionId}"]`).waitFor({ timeout: 8_000 });
    await visitor.chat.locator(".banner", { hasText: "You are chatting with carol" }).waitFor({ timeout: 8_000 });
    await bob
      .locator(".notice", { hasText: "This conversation was transferred to billing." })
      .waitFor({ timeout: 8_000 });
    await carol.locator(".history li.system", { hasText: "Transferred to billing" }).waitFor({ timeout: 8_000 });
    await carol.locator(".history li.system", { hasText: "Assigned to carol" }).waitFor({ timeout: 8_000 });
    const before = await consoleMessages(carol);
    expect(before).toEqual(await storedMessages());
    // The token and the conversation list live in the tab's sessionStorage: a reload signs in again.
    await carol.reload();
    await carol
      .locator(".capacity")
      .filter({ hasText: /Load 1 \/ \d+/ })
      .waitFor({ timeout: 8_000 });
    await carol.locator(`.inbox button[data-session="${sessionId}"]`).click();
    await until(
      "carol's history is back",
      async () => JSON.stringify(await consoleMessages(carol)) === JSON.stringify(before),
    );
    carolPage = carol;
  }, 30_000);

  test("the visitor's image shows in the console; the agent closes; the visitor's rating shows in the console; a new chat", async () => {
    const { chat } = visitor;
    // A 1×1 PNG from the visitor: the console fetches it with the agent's token and shows it.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
      "base64",
    );
    await chat.setInputFiles(".composer input[type=file]", { name: "parcel.png", mimeType: "image/png", buffer: png });
    const img = carolPage.locator(".history li.msg.visitor img[alt='Image: parcel.png']");
    await img.waitFor({ timeout: 8_000 });
    let width = 0;
    for (let i = 0; i < 100 && width !== 1; i++) {
      width = await img.evaluate((el) => {
        const i = el as unknown as { complete: boolean; naturalWidth: number };
        return i.complete ? i.naturalWidth : 0;
      });
      if (width !== 1) await Bun.sleep(50);
    }
    expect(width).toBe(1);

    await carolPage.getByRole("button", { name: "Close conversation" }).click();
    await carolPage.locator(".notice", { hasText: "This conversation is closed." }).waitFor();
    await chat.locator(".banner", { hasText: "This conversation has ended." }).waitFor();
    expect(await chat.locator(".composer textarea").isDisabled()).toBe(true);
    await chat.getByRole("button", { name: "5 of 5" }).click();
    await chat.getByLabel("Anything to add? (optional)").fill("Carol found my parcel");
    await chat.getByRole("button", { name: "Send rating" }).click();
    await chat.locator(".banner .rate-done").waitFor();
    const rating = carolPage.locator(".history li.rating");
    await rating.waitFor({ timeout: 8_000 });
    expect(await rating.locator(".text").first().textContent()).toBe("The visitor rated the conversation 5 of 5");
    expect(await rating.locator(".comment").textContent()).toBe("Carol found my parcel");
    await h.shot(carolPage, "console-rating");
    await chat.getByRole("button", { name: "Start a new conversation" }).click();
    await until("a fresh chat", async () => (await chat.locator(".messages > li").count()) === 0);
    await say(chat, "What payment methods do you accept?");
    await chat.locator(".messages > li.bot .text", { hasText: "We accept Visa" }).waitFor();
    const fresh = JSON.parse((await chat.evaluate("localStorage.getItem('kefu.widget.default')")) as string) as {
      sessionId: string;
    };
    expect(fresh.sessionId).not.toBe(sessionId);
  }, 30_000);
});
