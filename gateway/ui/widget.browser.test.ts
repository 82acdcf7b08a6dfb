// The visitor widget in a real Chromium, embedded by a page on another origin,
// against a real gateway (demo knowledge base; a mock model that streams with delays).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { Frame, Page } from "playwright-core";
import { MODEL_ANSWER, type UiHarness, uiHarness } from "./browser-harness.ts";

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
