import { afterAll, describe, expect, test } from "bun:test";
import { manualClock } from "../../clock.ts";
import { KefuError } from "../../errors.ts";
import type { OutboundMessage } from "../delivery.ts";
import { wechatSender } from "./index.ts";
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
