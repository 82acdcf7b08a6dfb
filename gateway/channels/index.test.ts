// Channels end to end: a real gateway (SQLite, the demo knowledge base answering as the bot),
// a real HTTP receiver for the signed outbound webhooks, and a local mock of the WeChat API.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SIGNATURE_HEADER, signWebhook, verifyWebhook } from "../../engine/channels/signature.ts";
import { until } from "../../engine/channels/testing.ts";
import { wechatCrypto, wechatSignature } from "../../engine/channels/wechat/crypto.ts";
import { startWechatMock, type WechatMock } from "../../engine/channels/wechat/mock-server.ts";
import { buildWechatXml, parseWechatXml } from "../../engine/channels/wechat/xml.ts";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";

const SECRET = "inbound-secret-0123456789";
const OUT_SECRET = "outbound-secret-9876543210";
const TOKEN = "wx-token";
const AES_KEY = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG";
const APP_ID = "wx-app";
const REFUND = "How long does a refund take?";

interface Received {
  headers: Record<string, string>;
  body: Record<string, unknown>;
}

/** A webhook receiver that verifies kefu's signature exactly as the README tells receivers to. */
function startReceiver(now: () => number) {
  const got: Received[] = [];
  const refused: string[] = [];
  let failNext = 0;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const raw = await req.text();
      try {
        verifyWebhook(OUT_SECRET, req.headers.get(SIGNATURE_HEADER), raw, now(), 300);
      } catch (e) {
        refused.push(String(e));
        return new Response("bad signature", { status: 401 });
      }
      if (failNext > 0) {
        failNext--;
        return new Response("down", { status: 503 });
      }
      got.push({ headers: Object.fromEntries(req.headers), body: JSON.parse(raw) });
      return new Response(null, { status: 204 });
    },
  });
  return {
    url: `http://127.0.0.1:${server.port}/hook`,
    got,
    refused,
    failTimes(n: number) {
      failNext = n;
    },
    stop: () => server.stop(true),
  };
}

let h: RealtimeHarness;
let receiver: ReturnType<typeof startReceiver>;
let wx: WechatMock;

beforeAll(async () => {
  let clockNow = () => Date.now();
  receiver = startReceiver(() => clockNow());
  wx = startWechatMock({ appId: APP_ID, appSecret: "wx-secret" });
  h = await realtimeHarness({
    KEFU_CHANNELS_WEBHOOK_SECRET: SECRET,
    KEFU_CHANNELS_WEBHOOK_OUTBOUND_URL: receiver.url,
    KEFU_CHANNELS_WEBHOOK_OUTBOUND_SECRET: OUT_SECRET,
    // The receivers run on loopback, an internal range the SSRF guard refuses unless allowed.
    KEFU_CHANNELS_ALLOWED_DESTINATIONS: "127.0.0.1",
    KEFU_CHANNELS_WECHAT_TOKEN: TOKEN,
    KEFU_CHANNELS_WECHAT_APP_ID: APP_ID,
    KEFU_CHANNELS_WECHAT_APP_SECRET: "wx-secret",
    KEFU_CHANNELS_WECHAT_ENCODING_AES_KEY: AES_KEY,
    KEFU_CHANNELS_WECHAT_API_BASE: wx.url,
    KEFU_CHANNELS_WECHAT_WELCOME: "Welcome! Ask us anything.",
    KEFU_CHANNELS_DELIVERY_BASE_DELAY_MS: "1",
    KEFU_CHANNELS_DELIVERY_MAX_DELAY_MS: "5",
    KEFU_CHANNELS_DELIVERY_MAX_ATTEMPTS: "4",
  });
  clockNow = () => h.clock.now();
});
afterAll(async () => {
  await h.close();
  receiver.stop();
  wx.stop();
});

function inbound(channel: string, body: unknown, opts: { secret?: string; skewSec?: number; raw?: string } = {}) {
  const raw = opts.raw ?? JSON.stringify(body);
  const ts = Math.floor(h.clock.now() / 1000) + (opts.skewSec ?? 0);
  return fetch(`${h.gw.url}/v1/channels/webhook/${channel}`, {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(opts.secret ?? SECRET, ts, raw) },
    body: raw,
  });
}

async function visitorMessages(sessionId: string): Promise<string[]> {
  const events = await h.gw.backends.eventStore.readAfter(sessionId, 0, 1000);
  return events.flatMap((e) => (e.body.type === "message" && e.actor.kind === "visitor" ? [e.body.text] : []));
}

describe("generic webhook channel", () => {
  test("a signed message reaches the bot; its answer goes out as a signed webhook the receiver verifies", async () => {
    const res = await inbound("shop", { user_id: "cust-1", message_id: "m-1", text: REFUND });
    expect(res.status).toBe(200);
    const r = (await res.json()) as { session_id: string; seq: number; duplicate: boolean };
    expect(r.duplicate).toBe(false);
    const out = await until("the bot's answer at the receiver", () =>
      receiver.got.find((g) => g.body.session_id === r.session_id),
    );
    expect(out.body).toMatchObject({ type: "message", channel: "webhook:shop", user_id: "cust-1", actor: "bot" });
    expect(String(out.body.text)).toContain("refund");
    expect(out.headers["x-kefu-delivery"]).toBe(`${r.session_id}:${out.body.seq}`);
    expect(receiver.refused).toEqual([]);
  });

  test("a redelivered message (same message_id) is one message; the user keeps one session", async () => {
    const body = { user_id: "cust-2", message_id: "m-dup", text: "hello there" };
    const [a, b] = await Promise.all([inbound("shop", body), inbound("shop", body)]);
    const ra = (await a.json()) as { session_id: string; seq: number; duplicate: boolean };
    const rb = (await b.json()) as { session_id: string; seq: number; duplicate: boolean };
    expect(rb.session_id).toBe(ra.session_id);
    expect(rb.seq).toBe(ra.seq);
    expect([ra.duplicate, rb.duplicate].sort()).toEqual([false, true]);
    const again = (await (await inbound("shop", body)).json()) as { duplicate: boolean; session_id: string };
    expect(again).toMatchObject({ duplicate: true, session_id: ra.session_id });
    const next = (await (
      await inbound("shop", { user_id: "cust-2", message_id: "m-next", text: "second" })
    ).json()) as { session_id: string };
    expect(next.session_id).toBe(ra.session_id);
    expect(await visitorMessages(ra.session_id)).toEqual(["hello there", "second"]);
  });

  test("bad, stale and missing signatures are typed 401s; a bad body after a good signature is a 400", async () => {
    const body = { user_id: "cust-3", message_id: "m-1", text: "hi" };
    const codes: [number, string][] = [];
    for (const res of [
      await inbound("shop", body, { secret: "wrong-secret" }),
      await inbound("shop", body, { skewSec: -301 }),
      await fetch(`${h.gw.url}/v1/channels/webhook/shop`, { method: "POST", body: JSON.stringify(body) }),
      await inbound("shop", null, { raw: '{"user_id":"u"}' }),
      await inbound("shop", null, { raw: "not json" }),
    ]) {
      const j = (await res.json()) as { error: { code: string } };
      codes.push([res.status, j.error.code]);
    }
    expect(codes).toEqual([
      [401, "signature_invalid"],
      [401, "signature_stale"],
      [401, "signature_missing"],
      [400, "invalid_request"],
      [400, "invalid_request"],
    ]);
    // Counted by outcome: the three signature failures, the two bad bodies.
    const metrics = await (await fetch(`${h.gw.url}/metrics`)).text();
    expect(metrics).toContain('kefu_channel_inbound_total{channel="webhook",outcome="bad_signature"} 3');
    expect(metrics).toContain('kefu_channel_inbound_total{channel="webhook",outcome="invalid"} 2');
    expect(metrics).toMatch(/kefu_channel_inbound_total\{channel="webhook",outcome="accepted"\} [1-9]/);
    expect(metrics).toMatch(/kefu_channel_inbound_total\{channel="webhook",outcome="duplicate"\} [1-9]/);
  });

  test("a receiver down for a while gets the reply once it is back (retried, one delivery)", async () => {
    receiver.failTimes(2);
    const r = (await (await inbound("shop", { user_id: "cust-4", message_id: "m-1", text: REFUND })).json()) as {
      session_id: string;
    };
    await until("the retried delivery", () => receiver.got.find((g) => g.body.session_id === r.session_id));
    await h.gw.channels.delivery.idle();
    expect(receiver.got.filter((g) => g.body.session_id === r.session_id).length).toBe(1);
    expect((await h.gw.channels.store.deadLetters(100)).filter((d) => d.sessionId === r.session_id)).toEqual([]);
  });

  test("a receiver down longer than maxAttempts: the reply is dead-lettered with its error", async () => {
    receiver.failTimes(4);
    const r = (await (await inbound("shop", { user_id: "cust-5", message_id: "m-1", text: REFUND })).json()) as {
      session_id: string;
    };
    const dead = await until("the dead letter", async () =>
      (await h.gw.channels.store.deadLetters(100)).find((d) => d.sessionId === r.session_id),
    );
    expect([dead.attempts, dead.error]).toEqual([4, expect.stringContaining("HTTP 503")]);
    expect(receiver.got.some((g) => g.body.session_id === r.session_id)).toBe(false);
    const metrics = await (await fetch(`${h.gw.url}/metrics`)).text();
    expect(metrics).toMatch(/kefu_channel_outbound_total\{channel="webhook",outcome="dead"\} [1-9]/);
    expect(metrics).toMatch(/kefu_channel_outbound_total\{channel="webhook",outcome="retried"\} [1-9]/);
  });

  test("dead letters are listed and replayed through the admin API (operator only); the replay is delivered", async () => {
    const admin = { authorization: `Bearer ${ADMIN_KEY}` };
    const list = await fetch(`${h.gw.url}/v1/admin/channels/dead_letters?limit=1000`, { headers: admin });
    expect(list.status).toBe(200);
    const { dead_letters } = (await list.json()) as {
      dead_letters: { id: number; sessionId: string; seq: number; text: string; actor: string }[];
    };
    const dead = dead_letters.at(-1);
    expect(dead?.actor).toBe("bot");
    expect((await fetch(`${h.gw.url}/v1/admin/channels/dead_letters`)).status).toBe(401);
    const replay = await fetch(`${h.gw.url}/v1/admin/channels/dead_letters/${dead?.id}/replay`, {
      method: "POST",
      headers: admin,
    });
    expect(replay.status).toBe(202);
    const out = await until("the replayed delivery", () =>
      receiver.got.find((g) => g.body.session_id === dead?.sessionId && g.body.seq === dead?.seq),
    );
    expect(out.body.text).toBe(dead?.text);
    await h.gw.channels.delivery.idle();
    expect((await h.gw.channels.store.deadLetters(1000)).some((d) => d.id === dead?.id)).toBe(false);
    const again = await fetch(`${h.gw.url}/v1/admin/channels/dead_letters/${dead?.id}/replay`, {
      method: "POST",
      headers: admin,
    });
    expect([again.status, ((await again.json()) as { error: { code: string } }).error.code]).toEqual([
      404,
      "not_found",
    ]);
  });
});

describe("WeChat Official Account channel", () => {
  const q = (extra: Record<string, string>) => new URLSearchParams(extra).toString();
  const ts = () => String(Math.floor(h.clock.now() / 1000));

  test("GET verification echoes echostr for the right signature, 401 otherwise", async () => {
    const t = ts();
    const sig = wechatSignature([TOKEN, t, "n1"]);
    const ok = await fetch(
      `${h.gw.url}/v1/channels/wechat?${q({ signature: sig, timestamp: t, nonce: "n1", echostr: "e-123" })}`,
    );
    expect([ok.status, await ok.text()]).toEqual([200, "e-123"]);
    const bad = await fetch(
      `${h.gw.url}/v1/channels/wechat?${q({ signature: sig, timestamp: t, nonce: "n2", echostr: "x" })}`,
    );
    expect([bad.status, ((await bad.json()) as { error: { code: string } }).error.code]).toEqual([
      401,
      "signature_invalid",
    ]);
  });

  const textXml = (user: string, msgId: string, content: string) =>
    textXmlOf(user, msgId, content, Math.floor(h.clock.now() / 1000));

  test("plaintext mode: the bot's answer comes back as the passive reply XML; a retry is acknowledged, not repeated", async () => {
    const t = ts();
    const url = `${h.gw.url}/v1/channels/wechat?${q({ signature: wechatSignature([TOKEN, t, "n3"]), timestamp: t, nonce: "n3", openid: "o-1" })}`;
    const body = textXml("o-1", "1001", REFUND);
    const res = await fetch(url, { method: "POST", body, headers: { "content-type": "text/xml" } });
    expect(res.status).toBe(200);
    const reply = parseWechatXml(await res.text());
    expect([reply.ToUserName, reply.FromUserName, reply.MsgType]).toEqual(["o-1", "gh_kefu", "text"]);
    expect(reply.Content).toContain("refund");
    const retry = await fetch(url, { method: "POST", body, headers: { "content-type": "text/xml" } });
    expect(await retry.text()).toBe("success");
    const bad = await fetch(url.replace("nonce=n3", "nonce=zz"), { method: "POST", body });
    expect(bad.status).toBe(401);
  });

  test("safe mode: decrypts the message, answers with an encrypted, signed passive reply", async () => {
    const c = wechatCrypto({ token: TOKEN, encodingAesKey: AES_KEY, appId: APP_ID });
    const t = ts();
    const encrypted = c.encrypt(textXml("o-2", "2001", REFUND));
    const url = `${h.gw.url}/v1/channels/wechat?${q({
      signature: wechatSignature([TOKEN, t, "n4"]),
      timestamp: t,
      nonce: "n4",
      encrypt_type: "aes",
      msg_signature: c.msgSignature(t, "n4", encrypted),
    })}`;
    const res = await fetch(url, {
      method: "POST",
      body: buildWechatXml({ ToUserName: "gh_kefu", Encrypt: encrypted }),
    });
    expect(res.status).toBe(200);
    const outer = parseWechatXml(await res.text());
    expect(outer.MsgSignature).toBe(c.msgSignature(outer.TimeStamp ?? "", outer.Nonce ?? "", outer.Encrypt ?? ""));
    const inner = parseWechatXml(c.decrypt(outer.Encrypt ?? "").xml);
    expect([inner.ToUserName, inner.MsgType]).toEqual(["o-2", "text"]);
    expect(inner.Content).toContain("refund");
    const forged = await fetch(url.replace(/msg_signature=[0-9a-f]+/, `msg_signature=${"0".repeat(40)}`), {
      method: "POST",
      body: buildWechatXml({ ToUserName: "gh_kefu", Encrypt: encrypted }),
    });
    expect(forged.status).toBe(401);
  });

  test("after a handoff, the agent's message is pushed through the customer-service API (mock)", async () => {
    const t = ts();
    const url = `${h.gw.url}/v1/channels/wechat?${q({ signature: wechatSignature([TOKEN, t, "n5"]), timestamp: t, nonce: "n5" })}`;
    await fetch(url, { method: "POST", body: textXml("o-3", "3001", REFUND) });
    const binding = await h.gw.channels.store.binding("wechat:gh_kefu", "o-3");
    expect(binding).toBeDefined();
    const sessionId = binding?.sessionId ?? "";
    await h.agent("wx-agent", "default");
    await h.gw.service.handoff(
      { role: "visitor", tenantId: "default", subject: binding?.visitorId ?? "", sessionId },
      sessionId,
      "default",
      "test",
    );
    const supervisor = { role: "supervisor" as const, tenantId: "default", subject: "sup" };
    for (let i = 0; i < 500 && (await h.gw.service.describe(supervisor, sessionId)).state !== "assigned"; i++)
      await Bun.sleep(10);
    expect((await h.gw.service.describe(supervisor, sessionId)).agentId).toBe("wx-agent");
    // With a human on the session the bot is silent: WeChat gets "success" at once, the message is stored.
    const t2 = ts();
    const url2 = `${h.gw.url}/v1/channels/wechat?${q({ signature: wechatSignature([TOKEN, t2, "n6"]), timestamp: t2, nonce: "n6" })}`;
    const quiet = await fetch(url2, { method: "POST", body: textXml("o-3", "3002", "are you there?") });
    expect(await quiet.text()).toBe("success");
    expect(await visitorMessages(sessionId)).toEqual([REFUND, "are you there?"]);
    await h.gw.service.send({ role: "agent", tenantId: "default", subject: "wx-agent" }, sessionId, {
      clientMsgId: "agent-1",
      text: "Hi, this is Li from support.",
    });
    const pushed = await until("the push", () => wx.sent.find((s) => s.touser === "o-3"));
    expect(pushed.content).toBe("Hi, this is Li from support.");
  });

  const push = (nonce: string, fields: Record<string, string | number>) => {
    const t = ts();
    const url = `${h.gw.url}/v1/channels/wechat?${q({ signature: wechatSignature([TOKEN, t, nonce]), timestamp: t, nonce })}`;
    const body = buildWechatXml({ ToUserName: "gh_kefu", CreateTime: Math.floor(h.clock.now() / 1000), ...fields });
    return fetch(url, { method: "POST", body, headers: { "content-type": "text/xml" } });
  };
  const messagesOf = async (sessionId: string) =>
    (await h.gw.backends.eventStore.readAfter(sessionId, 0, 1000)).flatMap((e) =>
      e.body.type === "message" && e.actor.kind === "visitor" ? [e.body] : [],
    );

  test("an image message is stored once as [image] with its PicUrl and MediaId as attributes", async () => {
    const image = {
      FromUserName: "o-img",
      MsgType: "image",
      PicUrl: "https://mmbiz.qpic.cn/mmbiz_jpg/abc/0",
      MediaId: "media-123",
      MsgId: "5001",
    };
    expect((await push("n7", image)).status).toBe(200);
    expect(await (await push("n8", image)).text()).toBe("success");
    const sessionId = (await h.gw.channels.store.binding("wechat:gh_kefu", "o-img"))?.sessionId ?? "";
    const stored = await messagesOf(sessionId);
    expect(stored.map((m) => [m.text, m.attributes])).toEqual([
      [
        "[image]",
        { channel_msg_type: "image", image_url: "https://mmbiz.qpic.cn/mmbiz_jpg/abc/0", media_id: "media-123" },
      ],
    ]);
  });

  test("a menu CLICK is the text of its EventKey: the bot answers it passively; a retry (same user and CreateTime) is one message", async () => {
    const click = { FromUserName: "o-click", MsgType: "event", Event: "CLICK", EventKey: REFUND };
    const reply = parseWechatXml(await (await push("n9", click)).text());
    expect([reply.ToUserName, reply.MsgType]).toEqual(["o-click", "text"]);
    expect(reply.Content).toContain("refund");
    expect(await (await push("n10", click)).text()).toBe("success");
    const sessionId = (await h.gw.channels.store.binding("wechat:gh_kefu", "o-click"))?.sessionId ?? "";
    expect((await messagesOf(sessionId)).map((m) => [m.text, m.attributes])).toEqual([
      [REFUND, { channel_event: "CLICK", event_key: REFUND }],
    ]);
  });

  test("subscribe is answered with the welcome text (no session yet); unsubscribe closes the user's session", async () => {
    const hello = parseWechatXml(
      await (await push("n11", { FromUserName: "o-sub", MsgType: "event", Event: "subscribe" })).text(),
    );
    expect([hello.ToUserName, hello.Content]).toEqual(["o-sub", "Welcome! Ask us anything."]);
    expect(await h.gw.channels.store.binding("wechat:gh_kefu", "o-sub")).toBeUndefined();
    await push("n12", { FromUserName: "o-sub", MsgType: "text", Content: "hello", MsgId: "6001" });
    const sessionId = (await h.gw.channels.store.binding("wechat:gh_kefu", "o-sub"))?.sessionId ?? "";
    const supervisor = { role: "supervisor" as const, tenantId: "default", subject: "sup" };
    expect((await h.gw.service.describe(supervisor, sessionId)).state).not.toBe("closed");
    const bye = await push("n13", { FromUserName: "o-sub", MsgType: "event", Event: "unsubscribe" });
    expect(await bye.text()).toBe("success");
    expect((await h.gw.service.describe(supervisor, sessionId)).state).toBe("closed");
    // Unsubscribing again (nothing open) is still acknowledged.
    expect(await (await push("n14", { FromUserName: "o-sub", MsgType: "event", Event: "unsubscribe" })).text()).toBe(
      "success",
    );
  });

  test("other events and message types are acknowledged, stored nowhere, and counted", async () => {
    for (const [nonce, fields] of [
      ["n15", { FromUserName: "o-other", MsgType: "event", Event: "VIEW", EventKey: "https://shop.example" }],
      ["n16", { FromUserName: "o-other", MsgType: "location", Location_X: "23.1", Location_Y: "113.3", MsgId: "7001" }],
    ] as const) {
      expect(await (await push(nonce, fields)).text()).toBe("success");
    }
    expect(await h.gw.channels.store.binding("wechat:gh_kefu", "o-other")).toBeUndefined();
    const metrics = await (await fetch(`${h.gw.url}/metrics`)).text();
    expect(metrics).toContain('kefu_channel_inbound_total{channel="wechat",outcome="ignored"} 2');
    expect(metrics).toContain('kefu_channel_inbound_total{channel="wechat",outcome="event"} 3');
    expect(metrics).toMatch(/kefu_channel_inbound_total\{channel="wechat",outcome="bad_signature"\} [1-9]/);
  });
});

/** What the inbound contract needs from an adapter: a signed delivery, a forged one, and where a user's session is. */
interface InboundAdapter {
  kind: "webhook" | "wechat";
  channel: string;
  deliver(user: string, messageId: string, text: string): Promise<Response>;
  forge(user: string, messageId: string, text: string): Promise<Response>;
}

const webhookAdapter: InboundAdapter = {
  kind: "webhook",
  channel: "webhook:contract",
  deliver: (user, messageId, text) => inbound("contract", { user_id: user, message_id: messageId, text }),
  forge: (user, messageId, text) =>
    inbound("contract", { user_id: user, message_id: messageId, text }, { secret: "not-the-secret" }),
};

/** Posts a WeChat text message signed with `token` (the configured one, or a wrong one). */
function wechatPost(user: string, messageId: string, text: string, token: string): Promise<Response> {
  const t = String(Math.floor(h.clock.now() / 1000));
  const nonce = `c-${messageId}`;
  const qs = new URLSearchParams({ signature: wechatSignature([token, t, nonce]), timestamp: t, nonce, openid: user });
  const body = textXmlOf(user, messageId, text, Number(t));
  return fetch(`${h.gw.url}/v1/channels/wechat?${qs}`, {
    method: "POST",
    body,
    headers: { "content-type": "text/xml" },
  });
}

const textXmlOf = (user: string, msgId: string, content: string, at: number) =>
  buildWechatXml({
    ToUserName: "gh_kefu",
    FromUserName: user,
    CreateTime: at,
    MsgType: "text",
    Content: content,
    MsgId: msgId,
  });

const wechatAdapter: InboundAdapter = {
  kind: "wechat",
  channel: "wechat:gh_kefu",
  deliver: (user, messageId, text) => wechatPost(user, messageId, text, TOKEN),
  forge: (user, messageId, text) => wechatPost(user, messageId, text, "wrong-token"),
};

// One inbound contract, run on every adapter: verify, decode, map the user to one session, deduplicate, count.
for (const a of [webhookAdapter, wechatAdapter]) {
  describe(`inbound contract: ${a.kind}`, () => {
    test("a delivery and its redelivery are one message in the user's one session; the next message joins it", async () => {
      const user = `contract-${a.kind}`;
      expect((await a.deliver(user, "9001", "Where is my parcel?")).status).toBe(200);
      expect((await a.deliver(user, "9001", "Where is my parcel?")).status).toBe(200);
      expect((await a.deliver(user, "9002", "It was order 1234")).status).toBe(200);
      const b = await h.gw.channels.store.binding(a.channel, user);
      if (!b) throw new Error("no session for the user");
      expect(await visitorMessages(b.sessionId)).toEqual(["Where is my parcel?", "It was order 1234"]);
    });

    test("a forged delivery is a typed 401, stores nothing and is counted as bad_signature", async () => {
      const before = await (await fetch(`${h.gw.url}/metrics`)).text();
      const count = (text: string) =>
        Number(
          new RegExp(`kefu_channel_inbound_total\\{channel="${a.kind}",outcome="bad_signature"\\} (\\d+)`).exec(
            text,
          )?.[1] ?? 0,
        );
      const res = await a.forge(`forger-${a.kind}`, "9100", "let me in");
      expect(res.status).toBe(401);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe("signature_invalid");
      expect(await h.gw.channels.store.binding(a.channel, `forger-${a.kind}`)).toBeUndefined();
      expect(count(await (await fetch(`${h.gw.url}/metrics`)).text())).toBe(count(before) + 1);
    });
  });
}
