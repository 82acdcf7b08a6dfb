import { afterAll, describe, expect, test } from "bun:test";
import { manualClock } from "../../clock.ts";
import { KefuError } from "../../errors.ts";
import type { OutboundMessage } from "../delivery.ts";
import { splitUtf8, wechatSender } from "./index.ts";
import { startWechatMock } from "./mock-server.ts";

const wx = startWechatMock({ appId: "wx-app", appSecret: "wx-secret" });
afterAll(() => wx.stop());
const clock = manualClock(1_700_000_000_000);
const m = (text: string): OutboundMessage => ({
  channel: "wechat:gh_1",
  userId: "openid-1",
  tenantId: "default",
  sessionId: "s1",
  seq: 3,
  text,
  actor: "agent",
  atUnixMs: 0,
});

async function failure(p: Promise<unknown>): Promise<[string, boolean]> {
  try {
    await p;
    return ["ok", false];
  } catch (e) {
    return [(e as KefuError).message.split(":")[1]?.trim().split(" ")[0] ?? "", (e as KefuError).retryable];
  }
}

describe("WeChat customer-service sender (against the mock WeChat API)", () => {
  const sender = wechatSender({ appId: "wx-app", appSecret: "wx-secret", apiBase: wx.url, timeoutMs: 2000, clock });

  test("sends text with a cached access token, refreshing it only near expiry", async () => {
    await sender.send(m("one"));
    await sender.send(m("two"));
    expect(wx.sent.map((s) => [s.touser, s.content])).toEqual([
      ["openid-1", "one"],
      ["openid-1", "two"],
    ]);
    expect(sender.tokenFetches()).toBe(1);
    clock.advance(7200_000 - 300_000); // 5 minutes before expiry: a new token
    await sender.send(m("three"));
    expect(sender.tokenFetches()).toBe(2);
  });

  test("40001 (token invalidated elsewhere): fetches a new token and sends once", async () => {
    wx.revokeTokens();
    const before = wx.sent.length;
    await sender.send(m("after revoke"));
    expect(wx.sent.slice(before).map((s) => s.content)).toEqual(["after revoke"]);
    expect(sender.tokenFetches()).toBe(3);
  });

  test("45015 (user silent for 48 h) is permanent; -1 (busy) is retryable", async () => {
    wx.script.push(45015);
    expect(await failure(sender.send(m("late")))).toEqual(["45015", false]);
    wx.script.push(-1);
    expect(await failure(sender.send(m("busy")))).toEqual(["-1", true]);
  });

  test("a wrong AppSecret fails the token call (40001, not retried)", async () => {
    const bad = wechatSender({ appId: "wx-app", appSecret: "nope", apiBase: wx.url, timeoutMs: 2000, clock });
    const e = await bad.send(m("x")).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(KefuError);
    expect([(e as KefuError).code, (e as KefuError).retryable]).toEqual(["wechat_token_failed", false]);
  });
});

const utf8 = (t: string) => new TextEncoder().encode(t).length;

describe("WeChat text limits", () => {
  test("splitUtf8: parts within the byte limit at character boundaries, preferring spaces; at most maxParts, the last cut with …", () => {
    expect(splitUtf8("short", 2048, 5)).toEqual(["short"]);
    expect(splitUtf8("你好世界", 6, 5)).toEqual(["你好", "世界"]);
    expect(splitUtf8("aaaa bbbb cccc", 10, 5)).toEqual(["aaaa bbbb", "cccc"]);
    const emoji = "😀".repeat(10); // 4 bytes each: never split inside one
    expect(splitUtf8(emoji, 9, 10)).toEqual(Array.from({ length: 5 }, () => "😀😀"));
    const cut = splitUtf8("x".repeat(100), 10, 3);
    expect(cut.length).toBe(3);
    expect(cut.at(-1)?.endsWith("…")).toBe(true);
    expect(cut.every((p) => utf8(p) <= 10)).toBe(true);
  });

  test("a reply over 2048 bytes goes as several messages in order; a failed part is retried without resending the earlier ones", async () => {
    const sender = wechatSender({ appId: "wx-app", appSecret: "wx-secret", apiBase: wx.url, timeoutMs: 2000, clock });
    const line = "退款将在 3-5 个工作日内退回原支付账户。";
    const long = Array.from({ length: 80 }, (_, i) => `${i + 1}. ${line}`).join("\n"); // about 4,600 bytes
    expect(utf8(long)).toBeGreaterThan(4096);
    const msg = m(long);
    const before = wx.sent.length;
    wx.script.push(0, -1); // the second part meets a busy WeChat
    expect(await failure(sender.send(msg))).toEqual(["-1", true]);
    await sender.send(msg); // the delivery queue's retry
    const parts = wx.sent.slice(before).map((s) => s.content);
    expect(parts.length).toBe(3);
    expect(parts.every((p) => utf8(p) <= 2048)).toBe(true);
    expect(parts.join("\n")).toBe(long);
  });
});
