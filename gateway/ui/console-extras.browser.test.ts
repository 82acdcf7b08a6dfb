// The console's later items in a real Chromium, one conversation through the tests in order:
// internal notes (agents only, never in the widget), transcript search, server-side canned
// responses, the supervisor's server numbers and the read-only routing view.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Frame, Page } from "playwright-core";
import { ADMIN_KEY, say, type UiHarness, uiHarness } from "./browser-harness.ts";

let h: UiHarness;
let visitor: { page: Page; chat: Frame };
let alice: Page;
let sessionId = "";
const NOTE = "VIP: refund approved by Li, do not ask again";

beforeAll(async () => {
  h = await uiHarness();
}, 30_000);
afterAll(() => h?.close());

describe("console extras", () => {
  test("internal note: the agent writes one, it shows as a note; the visitor never sees it, live or after a reload", async () => {
    visitor = await h.openWidget(await h.context());
    const { chat } = visitor;
    await say(chat, "What payment methods do you accept?");
    await chat.locator(".messages > li.bot .text", { hasText: "We accept Visa" }).waitFor();
    await chat.getByRole("button", { name: "Talk to a human" }).click();
    const saved = (await chat.evaluate("localStorage.getItem('kefu.widget.default')")) as string;
    sessionId = (JSON.parse(saved) as { sessionId: string }).sessionId;
    alice = await h.openConsole(await h.context(), await h.agentToken("alice", { capacity: 3 }));
    await alice.locator(`.inbox button[data-session="${sessionId}"]`).waitFor();
    await chat.locator(".banner", { hasText: "You are chatting with alice" }).waitFor();

    // Alt+N turns the reply box into a note box; Enter stores the note.
    await alice.getByLabel("Reply").focus();
    await alice.keyboard.press("Alt+N");
    expect(await alice.getByLabel("Internal note").isChecked()).toBe(true);
    await alice.getByLabel("Reply").fill(NOTE);
    await alice.getByLabel("Reply").press("Enter");
    const shown = alice.locator(".history > li.note:not(.pending)");
    await shown.locator(".text", { hasText: NOTE }).waitFor();
    expect(await shown.locator(".note-tag").textContent()).toBe("Internal note");
    // Back to replies: the checkbox off, a reply reaches the visitor.
    await alice.getByLabel("Internal note").uncheck();
    await alice.getByLabel("Reply").fill("Thanks for waiting, I can help.");
    await alice.getByLabel("Reply").press("Enter");
    await chat.locator(".messages > li.agent .text", { hasText: "Thanks for waiting, I can help." }).waitFor();
    expect(await chat.locator("body").textContent()).not.toContain("VIP");
    const stored = await h.events(sessionId);
    expect(stored.filter((e) => e.body.type === "note").map((e) => e.body.type === "note" && e.body.text)).toEqual([
      NOTE,
    ]);
    await h.shot(alice, "console-note");

    // A reload resumes the widget from its stored session: still no note.
    await visitor.page.reload();
    await visitor.page.locator("#kefu-widget button.kefu-launcher").click();
    const frame = await (await visitor.page.waitForSelector("#kefu-widget iframe.kefu-frame")).contentFrame();
    if (!frame) throw new Error("no widget frame");
    visitor.chat = frame;
    await frame.locator(".messages > li.agent .text", { hasText: "Thanks for waiting, I can help." }).waitFor();
    expect(await frame.content()).not.toContain("VIP");
    // The console, reloaded, replays the note from the server.
    await alice.reload();
    await alice.locator(`.inbox button[data-session="${sessionId}"]`).click();
    await alice.locator(".history > li.note .text", { hasText: NOTE }).waitFor();
  }, 45_000);

  test("transcript search: Alt+S, results with highlighted matches (notes marked), a hit opens the whole transcript", async () => {
    await h.gw.console.index.flush();
    await alice.keyboard.press("Alt+S");
    expect(await alice.evaluate("document.activeElement.id")).toBe("transcript-q");
    await alice.keyboard.type("refund");
    await alice.keyboard.press("Enter");
    const hits = alice.locator(".search-hits .hit");
    await hits.first().waitFor();
    expect(await hits.count()).toBe(1);
    expect(await hits.first().getAttribute("data-session")).toBe(sessionId);
    expect(await hits.first().locator(".note-tag").textContent()).toBe("Internal note");
    expect(await hits.first().locator("mark").textContent()).toBe("refund");
    await alice.getByLabel("Search past sessions").fill("payment METHODS");
    await alice.getByRole("search").getByRole("button", { name: "Search" }).click();
    await alice.locator(".search-hits .hit mark", { hasText: "payment methods" }).waitFor();
    await h.shot(alice, "console-search");
    // The hit opens the transcript in a dialog, the matching event outlined; Escape closes it.
    await alice.locator(".search-hits .hit").first().click();
    const dialog = alice.locator("dialog.transcript");
    await dialog.locator(".history li.hit .text", { hasText: "What payment methods do you accept?" }).waitFor();
    expect(await dialog.locator("h2").textContent()).toBe(`Transcript ${sessionId}`);
    expect(await dialog.locator(".history li.note .text").textContent()).toBe(NOTE);
    await h.shot(alice, "console-transcript");
    await alice.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    // Nothing matches: a message, no list.
    await alice.getByLabel("Search past sessions").fill("zebra crossing");
    await alice.getByRole("search").getByRole("button", { name: "Search" }).click();
    await alice.locator(".search .status", { hasText: "No session matches." }).waitFor();
    expect(await alice.locator(".search-hits .hit").count()).toBe(0);
  }, 30_000);

  test("supervisor numbers: the queue with waits, bot resolution and first response from the server", async () => {
    const sup = await h.openConsole(await h.context(), await h.agentToken("sue", { role: "supervisor" }), "supervisor");
    const stat = (key: string) => sup.locator(`.server-numbers dd[data-stat="${key}"]`);
    await stat("waiting").waitFor();
    expect(await stat("waiting").textContent()).toBe("0");
    // alice's reply after her assignment is one first-response sample.
    expect(await stat("first-response").textContent()).toMatch(/^\d+ s \/ \d+ s · 1 sessions, last 24 h$/);
    expect(await stat("bot-rate").textContent()).toBe("— · 0 of 0 closed sessions without a handoff");

    // alice steps away; a second visitor asks for a human and waits in the queue.
    await alice.getByLabel("Seat state").selectOption("SEAT_STATE_AWAY");
    await until("alice away", async () => h.gw.routing.getAgent("alice")?.state === "away");
    const second = await h.openWidget(await h.context());
    await say(second.chat, "What payment methods do you accept?");
    await second.chat.locator(".messages > li.bot").first().waitFor();
    await second.chat.getByRole("button", { name: "Talk to a human" }).click();
    await second.chat.locator(".banner", { hasText: "You are number 1 in the queue" }).waitFor();
    await sup.getByRole("button", { name: "Refresh the numbers" }).click();
    const queued = sup.locator(".queue li[data-session]");
    await queued.waitFor();
    expect(await stat("waiting").textContent()).toBe("1");
    expect(await queued.locator(".who").textContent()).toMatch(/^default · waiting \d+ s$/);
    await h.shot(sup, "console-supervisor-numbers");

    // alice comes back: the session is assigned and leaves the queue (the panel refreshes on the assignment).
    await alice.getByLabel("Seat state").selectOption("SEAT_STATE_ONLINE");
    await sup.locator(".queue li.empty", { hasText: "Nobody is waiting." }).waitFor();
    expect(await stat("waiting").textContent()).toBe("0");
    // alice closes the first conversation (it had a handoff): 0 of 1 resolved by the bot.
    await alice.locator(`.inbox button[data-session="${sessionId}"]`).click();
    await alice.getByRole("button", { name: "Close conversation" }).click();
    await until("closed", async () =>
      (await h.events(sessionId)).some((e) => e.body.type === "state_changed" && e.body.to === "closed"),
    );
    await h.gw.console.index.flush();
    await sup.getByRole("button", { name: "Refresh the numbers" }).click();
    await stat("bot-rate").filter({ hasText: "0.0 %" }).waitFor();
    expect(await stat("bot-rate").textContent()).toBe("0.0 % · 0 of 1 closed sessions without a handoff");
  }, 45_000);

  test("admin routing view: the profile in effect, schedule, routes, targets and breakers, read only, no key", async () => {
    const page = await (await h.context({ height: 1400 })).newPage();
    await page.goto(`${h.gw.url}/console#admin`);
    await page.getByLabel("Admin key or owner/admin token").fill(ADMIN_KEY);
    await page.getByLabel("Tenant").fill("default");
    await page.getByLabel("Tenant").press("Enter");
    const card = page.locator("section.routing");
    await card.locator(".active-profile").waitFor();
    expect(await card.locator(".active-profile").textContent()).toBe("Profile in effect now: default");
    expect(await card.locator('tr[data-profile="default"] td').textContent()).toBe("default → support");
    expect(await card.locator('tr[data-route="support"] td').textContent()).toBe("fallback: model → local");
    const model = card.locator('tr[data-target="model"]');
    expect(await model.locator("td").allTextContents()).toEqual(["openai", "mock", h.mock.url, "closed"]);
    expect(await card.locator('tr[data-target="local"] td.breaker').textContent()).toBe("closed");
    const html = await page.content();
    expect(html).not.toContain("KEFU_UI_MOCK_KEY");
    expect(html).not.toContain("sk-mock");
    await card.scrollIntoViewIfNeeded();
    await h.shot(page, "admin-routing");
  }, 30_000);
});

async function until(what: string, check: () => Promise<boolean>, ms = 8_000) {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await Bun.sleep(50);
  }
}
