// The visitor widget in a real Chromium, embedded by a page on another origin,
// against a real gateway (demo knowledge base; a mock model that streams with delays).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Frame, Page } from "playwright-core";
import { KefuClient } from "../sdk/client.ts";
import { ADMIN_KEY, MODEL_ANSWER, type UiHarness, uiHarness } from "./browser-harness.ts";

let h: UiHarness;
beforeAll(async () => {
  h = await uiHarness();
}, 30_000);
afterAll(() => h?.close());

/** Records, in the chat frame, every length the newest bot bubble's text has had. */
const RECORD_GROWTH = `(() => {
  window.__lens = [];
  window.__streamed = 0;
  const list = document.querySelector(".messages");
  new MutationObserver(() => {
    const bots = list.querySelectorAll(":scope > li.bot .text");
    const last = bots[bots.length - 1];
    if (!last) return;
    window.__lens.push(last.textContent.length);
    // Text shown while the answer is still a stream (before the stored message replaced it).
    if (last.textContent.length > 0 && last.parentElement.classList.contains("streaming")) window.__streamed++;
  }).observe(list, { subtree: true, childList: true, characterData: true });
})()`;

async function ask(chat: Frame, text: string) {
  await chat.fill(".composer textarea", text);
  await chat.press(".composer textarea", "Enter");
}

/** Texts of the top-level message items (who + text, without citations). */
const bubbles = (chat: Frame) => chat.locator(".messages > li .text").allTextContents();

/** Counts the botDelta frames the page's WebSockets receive (attach before the page loads). */
function countDeltas(c: { n: number }, page: Page): void {
  page.on("websocket", (ws) =>
    ws.on("framereceived", (f) => {
      if (typeof f.payload === "string" && f.payload.includes('"botDelta"') && !f.payload.includes('"done":true'))
        c.n++;
    }),
  );
}

describe("visitor widget", () => {
  test("one script tag on another origin: the button opens the chat; a FAQ answer appears progressively", async () => {
    const ctx = await h.context();
    const { page, chat } = await h.openWidget(ctx);
    expect(new URL(page.url()).origin).toBe(h.hostOrigin);
    expect(new URL(chat.url()).origin).toBe(h.gw.url);
    const launcher = page.locator("#kefu-widget button.kefu-launcher");
    expect(await launcher.getAttribute("aria-expanded")).toBe("true");
    expect(await launcher.getAttribute("aria-label")).toBe("Close chat");
    expect(await chat.locator("html").getAttribute("lang")).toBe("en");

    await chat.evaluate(RECORD_GROWTH);
    await ask(chat, "How long does it take to get my refund?");
    const answer =
      "Once we approve a refund, the money goes back to your original payment method within 3-5 business days. Bank cards can take up to 7 business days to show it.";
    await chat.locator(".messages > li.bot .text", { hasText: answer }).waitFor();
    const lens = (await chat.evaluate("window.__lens")) as number[];
    // Shown in several steps (animation frames), growing, ending at the whole answer.
    const steps = [...new Set(lens)];
    expect(steps.length).toBeGreaterThanOrEqual(5);
    expect(steps.filter((n) => n > 0 && n < answer.length).length).toBeGreaterThanOrEqual(4);
    expect(lens.every((n, i) => i === 0 || n >= (lens[i - 1] as number))).toBe(true);
    expect(lens.at(-1)).toBe(answer.length);
    expect(await bubbles(chat)).toEqual(["How long does it take to get my refund?", answer]);
    await h.shot(page, "widget-faq");

    // The chat closes with its × (focus back on the launcher) and reopens with the conversation.
    await chat.getByRole("button", { name: "Close chat" }).click();
    await page.locator("#kefu-widget iframe.kefu-frame").waitFor({ state: "hidden" });
    expect(await launcher.getAttribute("aria-expanded")).toBe("false");
    await launcher.click();
    expect(await bubbles(chat)).toHaveLength(2);
    // A reload continues the same conversation (the token is kept per tenant), without the animation.
    await page.reload();
    await page.locator("#kefu-widget button.kefu-launcher").click();
    const frame = await (await page.waitForSelector("#kefu-widget iframe.kefu-frame")).contentFrame();
    await frame?.locator(".messages > li.bot .text", { hasText: answer }).waitFor();
    expect(await bubbles(frame as Frame)).toEqual(["How long does it take to get my refund?", answer]);
  }, 20_000);

  test("an answer that arrives while the chat is closed shows an unread badge on the button", async () => {
    const ctx = await h.context();
    const { page, chat } = await h.openWidget(ctx);
    await ask(chat, "Can I send back a jacket I already wore once?");
    const launcher = page.locator("#kefu-widget button.kefu-launcher");
    await launcher.click(); // closed while the model still streams
    const badge = page.locator("#kefu-widget .kefu-badge");
    await badge.filter({ hasText: "1" }).waitFor();
    expect(await badge.isVisible()).toBe(true);
    await launcher.click();
    await badge.waitFor({ state: "hidden" });
    await chat.locator(".messages > li.bot .text", { hasText: MODEL_ANSWER }).waitFor();
  }, 20_000);

  test("a question the FAQ cannot answer streams the model's tokens as they arrive, with its citations", async () => {
    const ctx = await h.context();
    const deltas = { n: 0 };
    const { page, chat } = await h.openWidget(ctx, "en", (p) => countDeltas(deltas, p));
    await chat.evaluate(RECORD_GROWTH);
    await ask(chat, "Can I send back a jacket I already wore once?");
    const bot = chat.locator(".messages > li.bot").last();
    await bot.locator(".text", { hasText: MODEL_ANSWER }).waitFor();
    expect(deltas.n).toBeGreaterThanOrEqual(10);
    const lens = (await chat.evaluate("window.__lens")) as number[];
    expect(new Set(lens).size).toBeGreaterThanOrEqual(10);
    expect(lens.every((n, i) => i === 0 || n >= (lens[i - 1] as number))).toBe(true);
    // Tokens were on screen while the model was still streaming, before the answer was stored.
    expect((await chat.evaluate("window.__streamed")) as number).toBeGreaterThanOrEqual(3);
    // The answer cites [1]: the source is listed under it.
    const cites = await bot.locator(".cites li").allTextContents();
    expect(cites.length).toBeGreaterThanOrEqual(1);
    expect(cites[0]).toMatch(/^\[1\] \S/);
    // Exactly one bot bubble for the answer: the stream and the stored message are one item.
    expect(await bubbles(chat)).toEqual(["Can I send back a jacket I already wore once?", MODEL_ANSWER]);
    await h.shot(page, "widget-citations");
    await h.shot(page, "widget-citations-crop", { x: 780, y: 100, width: 420, height: 700 });
  }, 20_000);

  test("mobile width (375 px), Chinese page: full-screen chat, Chinese texts, talk to a human, queue position", async () => {
    const ctx = await h.context({ width: 375, height: 740, locale: "en-US" });
    const { page, chat } = await h.openWidget(ctx, "zh-CN");
    expect(await chat.locator("html").getAttribute("lang")).toBe("zh-CN");
    const box = await page.locator("#kefu-widget iframe.kefu-frame").boundingBox();
    expect(box).toEqual({ x: 0, y: 0, width: 375, height: 740 });
    // Nothing overflows sideways at this width.
    expect(await chat.evaluate("document.documentElement.scrollWidth")).toBeLessThanOrEqual(375);
    expect(await chat.locator("header h1").textContent()).toBe("在线客服");
    expect(await chat.locator(".composer textarea").getAttribute("placeholder")).toBe("请输入您的问题…");
    await ask(chat, "退款多久能到账？");
    await chat.locator(".messages > li.bot .text", { hasText: "3-5个工作日" }).waitFor();
    // No agent is online: asking for a human queues the session and shows its place.
    await chat.getByRole("button", { name: "转人工客服" }).click();
    await chat.locator(".banner", { hasText: "您正在排队，当前第 1 位" }).waitFor();
    expect(await chat.getByRole("button", { name: "转人工客服" }).isDisabled()).toBe(true);
    await h.shot(page, "widget-mobile-zh");
  }, 20_000);

  test("an assigned agent is shown by its display name, in the banner and on its messages", async () => {
    const res = await fetch(`${h.gw.url}/v1/admin/agents`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_KEY}` },
      body: JSON.stringify({ id: "named-1", tenantId: "default", groups: ["default"], name: "Alice Chen" }),
    });
    const { token, agent: seat } = (await res.json()) as { token: string; agent: { version: number } };
    // The agent side runs the same SDK under Bun.
    const agent = new KefuClient({ url: `${h.gw.url.replace(/^http/, "ws")}/v1/ws/agent?token=${token}` });
    const online = new Promise<void>((resolve) => agent.on("agentState", () => resolve()));
    agent.on("welcome", () => agent.sendFrame({ agentState: { state: "SEAT_STATE_ONLINE", version: seat.version } }));
    const assigned = new Set<string>();
    agent.on("assignment", (a) => assigned.add(a.sessionId ?? ""));
    agent.start();
    try {
      await online;
      const { chat } = await h.openWidget(await h.context());
      await chat.getByRole("button", { name: "Talk to a human" }).click();
      await chat.locator(".banner", { hasText: "You are chatting with Alice Chen" }).waitFor();
      // (Sessions other tests left queued may be assigned to this agent too: talk to this one.)
      const sessionId = (await chat.evaluate(
        `JSON.parse(localStorage.getItem("kefu.widget.default")).sessionId`,
      )) as string;
      expect(assigned.has(sessionId)).toBe(true);
      agent.follow(sessionId);
      await agent.send("Hello, I am Alice.", { sessionId });
      const mine = chat.locator(".messages > li.agent", { hasText: "Hello, I am Alice." });
      await mine.waitFor();
      expect(await mine.locator(".who").textContent()).toBe("Alice Chen");
      agent.closeSession("done", sessionId);
    } finally {
      agent.stop();
    }
  }, 20_000);

  test("an ended conversation asks for a rating: stars by keyboard, a comment, stored once, remembered after a reload", async () => {
    const ctx = await h.context();
    const { page, chat } = await h.openWidget(ctx);
    await ask(chat, "What payment methods do you accept?");
    await chat.locator(".messages > li.bot .text", { hasText: "We accept Visa" }).waitFor();
    const sessionId = (await chat.evaluate(
      `JSON.parse(localStorage.getItem("kefu.widget.default")).sessionId`,
    )) as string;
    await h.gw.service.close({ role: "visitor", tenantId: "default", subject: "v", sessionId }, sessionId, "done");
    const form = chat.getByRole("form", { name: "How did we do?" });
    await form.waitFor();
    const send = form.getByRole("button", { name: "Send rating" });
    expect(await send.isDisabled()).toBe(true);
    await form.getByRole("button", { name: "4 of 5" }).focus();
    await chat.press(".stars button.star >> nth=3", "Enter");
    expect(await form.locator('button.star[aria-pressed="true"]').count()).toBe(4);
    await form.getByLabel("Anything to add? (optional)").fill("Fast <b>answer</b>");
    await h.shot(page, "widget-rating");
    await send.click();
    await chat.locator(".banner .rate-done", { hasText: "Thank you for your rating." }).waitFor();
    const ratings = (await h.events(sessionId)).filter((e) => e.body.type === "rating").map((e) => e.body);
    expect(ratings).toEqual([{ type: "rating", score: 4, comment: "Fast <b>answer</b>" }]);
    // A reload replays the stored rating: no second form.
    await page.reload();
    await page.locator("#kefu-widget button.kefu-launcher").click();
    const again = await (await page.waitForSelector("#kefu-widget iframe.kefu-frame")).contentFrame();
    await again?.locator(".banner .rate-done").waitFor();
    expect(await again?.locator("form.rate").count()).toBe(0);
  }, 20_000);

  test("an intent's quick replies are buttons under its answer: keyboard-reachable, labelled, a press sends the text", async () => {
    const { page, chat } = await h.openWidget(await h.context());
    await ask(chat, "I need an invoice");
    const group = chat.getByRole("group", { name: "Suggested replies" });
    await group.waitFor();
    expect(await group.getByRole("button").allTextContents()).toEqual([
      "我要专票 / VAT invoice",
      "查订单 / Check my order",
    ]);
    await h.shot(page, "widget-quick-replies");
    const order = group.getByRole("button", { name: "查订单 / Check my order" });
    await order.focus();
    await chat.press(".quick-replies .quick >> nth=1", "Enter");
    await chat.locator(".messages > li.bot .text", { hasText: "Please share your order number." }).waitFor();
    expect((await bubbles(chat)).slice(-2)).toEqual([
      "查订单 / Check my order",
      "请提供您的订单号 / Please share your order number.",
    ]);
    // Once answered, the buttons are gone (they belonged to the previous answer).
    expect(await chat.locator(".quick-replies").count()).toBe(0);
  }, 20_000);

  test("an attached image is uploaded, sent and shown; a disguised HTML file is refused with a typed error", async () => {
    const { page, chat } = await h.openWidget(await h.context());
    // A real PNG, drawn by the browser itself.
    const png = Buffer.from(
      (await page.evaluate(`(() => {
        const c = document.createElement("canvas");
        c.width = 160; c.height = 100;
        const g = c.getContext("2d");
        const grad = g.createLinearGradient(0, 0, 160, 100);
        grad.addColorStop(0, "#2457d6"); grad.addColorStop(1, "#ffb000");
        g.fillStyle = grad; g.fillRect(0, 0, 160, 100);
        return c.toDataURL("image/png").split(",")[1];
      })()`)) as string,
      "base64",
    );
    const attach = chat.getByRole("button", { name: "Attach an image" });
    expect(await attach.isVisible()).toBe(true);
    await chat.setInputFiles(".composer input[type=file]", { name: "receipt.png", mimeType: "image/png", buffer: png });
    const mine = chat.locator(".messages > li.visitor", { hasText: "receipt.png" });
    const img = mine.locator("img[alt='Image: receipt.png']");
    await img.waitFor();
    // Decoded by the browser: a real image of the uploaded size (the page's CSP forbids waitForFunction's eval).
    let width = 0;
    for (let i = 0; i < 100 && width !== 160; i++) {
      width = await img.evaluate((el) => {
        const i = el as unknown as { complete: boolean; naturalWidth: number };
        return i.complete ? i.naturalWidth : 0;
      });
      if (width !== 160) await Bun.sleep(50);
    }
    expect(width).toBe(160);
    expect(await img.getAttribute("src")).toMatch(/^blob:/);
    await h.shot(page, "widget-image");
    // Stored as a message whose attributes refer to the upload.
    const sessionId = (await chat.evaluate(
      `JSON.parse(localStorage.getItem("kefu.widget.default")).sessionId`,
    )) as string;
    const stored = (await h.events(sessionId)).flatMap((e) => (e.body.type === "message" ? [e.body] : []));
    const withImage = stored.find((b) => b.text === "receipt.png");
    expect(JSON.parse(withImage?.attributes?.attachments ?? "[]")).toMatchObject([
      { mime: "image/png", bytes: png.length, name: "receipt.png" },
    ]);

    await chat.setInputFiles(".composer input[type=file]", {
      name: "cat.png",
      mimeType: "image/png",
      buffer: Buffer.from("<html><img src=x onerror=alert(1)></html>"),
    });
    await chat.locator(".messages > li.error", { hasText: "not a PNG, JPEG, GIF or WebP" }).waitFor();
    expect(await chat.locator(".messages > li.visitor", { hasText: "cat.png" }).count()).toBe(0);
    // The bot reads text only: the image message (its text is the file name) got no bot answer.
    const after = await h.events(sessionId);
    expect(after.filter((e) => e.actor.kind === "bot" && e.body.type === "message")).toEqual([]);
  }, 20_000);

  test("a page without a lang: the widget follows the browser's language", async () => {
    const { page, chat } = await h.openWidget(await h.context({ locale: "zh-CN" }), "");
    expect(await page.locator("html").getAttribute("lang")).toBeNull();
    expect(await chat.locator("html").getAttribute("lang")).toBe("zh-CN");
    expect(await page.locator("#kefu-widget button.kefu-launcher").getAttribute("aria-label")).toBe("关闭聊天");
    expect(await chat.getByRole("button", { name: "转人工客服" }).count()).toBe(1);
  }, 20_000);

  test("the pages carry a Content-Security-Policy in the browser too", async () => {
    const ctx = await h.context();
    const page = await ctx.newPage();
    const res = await page.goto(`${h.gw.url}/console`);
    expect(res?.headers()["content-security-policy"]).toContain("script-src 'self'");
    const frame = await page.goto(`${h.gw.url}/ui/widget.html?tenant=default`);
    expect(frame?.headers()["content-security-policy"]).toContain(`frame-ancestors 'self' ${h.hostOrigin}`);
    // An inline script is refused by that policy.
    const violation = page.waitForEvent("console", (m) => /Content Security Policy/.test(m.text()));
    await page.evaluate(
      `(() => { const s = document.createElement("script"); s.textContent = "window.__inline = 1"; document.head.appendChild(s); })()`,
    );
    await violation;
    expect(await page.evaluate("window.__inline")).toBeUndefined();
  }, 20_000);
});
