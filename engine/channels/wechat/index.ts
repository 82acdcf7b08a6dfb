/**
 * The WeChat Official Account (公众号) channel, following the public callback
 * documentation:
 *
 * - `GET` server-URL verification: `signature = sha1(sort(token, timestamp, nonce))`;
 *   a match echoes `echostr`.
 * - `POST` message push, XML, plaintext mode (`signature` as above) or safe mode
 *   (`encrypt_type=aes`: `msg_signature = sha1(sort(token, timestamp, nonce, Encrypt))`,
 *   the body's `Encrypt` decrypted with the EncodingAESKey, engine/channels/wechat/crypto.ts).
 * - Text messages go to the user's kefu session (user = OpenID, message id = MsgId, so
 *   WeChat's retries are one message). The bot's answer, if it comes within
 *   `replyWindowMs` (< WeChat's 5 s), is the passive reply XML (encrypted in safe mode);
 *   otherwise the answer is `success` and the reply, like every later agent message,
 *   is pushed through the customer-service message API (`wechatSender`).
 * - Other message types and events are acknowledged with `success` (not stored yet).
 *
 * @example
 *   const wx = wechatChannel({ token, appId, encodingAesKey, replyWindowMs: 4000, tenantId: "default", channels });
 *   const echo = wx.verifyUrl({ signature, timestamp, nonce, echostr });
 *   const reply = await wx.handle(query, xmlBody); // { body, contentType }
 */
import { type Clock, systemClock } from "../../clock.ts";
import { KefuError } from "../../errors.ts";
import type { Channels } from "../channels.ts";
import type { OutboundMessage, OutboundSender } from "../delivery.ts";
import { signatureMatches, type WechatCrypto, wechatCrypto, wechatSignature } from "./crypto.ts";
import { buildWechatXml, parseWechatXml } from "./xml.ts";

/** The query of a WeChat callback. */
export interface WechatQuery {
  signature?: string;
  timestamp?: string;
  nonce?: string;
  echostr?: string;
  encrypt_type?: string;
  msg_signature?: string;
}

/** Options of `wechatChannel`. */
export interface WechatChannelOptions {
  token: string;
  appId: string;
  /** Empty: plaintext mode only (safe-mode requests are refused). */
  encodingAesKey: string;
  replyWindowMs: number;
  tenantId: string;
  channels: Channels;
  clock?: Clock;
}

const unauthorized = (why: string) => new KefuError("signature_invalid", why, { status: 401 });
const SUCCESS = { body: "success", contentType: "text/plain; charset=utf-8" };

/**
 * Creates the inbound side of the channel (see the module doc).
 *
 * @example
 *   const wx = wechatChannel({ token: "t", appId: "wx1", encodingAesKey: "", replyWindowMs: 4000, tenantId: "default", channels });
 */
export function wechatChannel(opts: WechatChannelOptions) {
  const clock = opts.clock ?? systemClock;
  const crypto: WechatCrypto | undefined = opts.encodingAesKey
    ? wechatCrypto({ token: opts.token, encodingAesKey: opts.encodingAesKey, appId: opts.appId })
    : undefined;

  function checkSignature(q: WechatQuery): void {
    const expected = wechatSignature([opts.token, q.timestamp ?? "", q.nonce ?? ""]);
    if (!q.timestamp || !q.nonce || !signatureMatches(expected, q.signature))
      throw unauthorized("the WeChat signature does not match (token, timestamp, nonce)");
  }

  function passive(to: string, from: string, text: string, q: WechatQuery, safe: boolean) {
    const xml = buildWechatXml({
      ToUserName: to,
      FromUserName: from,
      CreateTime: Math.floor(clock.now() / 1000),
      MsgType: "text",
      Content: text,
    });
    if (!safe || !crypto) return { body: xml, contentType: "application/xml; charset=utf-8" };
    const encrypted = crypto.encrypt(xml);
    const ts = String(Math.floor(clock.now() / 1000));
    const nonce = q.nonce ?? "";
    return {
      body: buildWechatXml({
        Encrypt: encrypted,
        MsgSignature: crypto.msgSignature(ts, nonce, encrypted),
        TimeStamp: Number(ts),
        Nonce: nonce,
      }),
      contentType: "application/xml; charset=utf-8",
    };
  }

  return {
    /** Server-URL verification: returns `echostr` when the signature matches; else 401 `signature_invalid`. */
    verifyUrl(q: WechatQuery): string {
      checkSignature(q);
      if (!q.echostr) throw new KefuError("invalid_request", "echostr is required", { status: 400 });
      return q.echostr;
    },

    /** A pushed message: its passive reply, or `success`. */
    async handle(q: WechatQuery, body: string): Promise<{ body: string; contentType: string }> {
      const safe = q.encrypt_type === "aes";
      let fields: Record<string, string>;
      if (safe) {
        if (!crypto)
          throw new KefuError("wechat_safe_mode_off", "encrypt_type=aes needs channels.wechat.encodingAesKey", {
            status: 400,
          });
        // Only the Encrypt field is read before the signature is checked (a linear match).
        const encrypted = /<Encrypt>\s*<!\[CDATA\[([A-Za-z0-9+/=]{1,1000000})\]\]>\s*<\/Encrypt>/.exec(body)?.[1] ?? "";
        const expected = crypto.msgSignature(q.timestamp ?? "", q.nonce ?? "", encrypted);
        if (!q.timestamp || !q.nonce || !encrypted || !signatureMatches(expected, q.msg_signature))
          throw unauthorized("the WeChat msg_signature does not match (token, timestamp, nonce, Encrypt)");
        fields = parseWechatXml(crypto.decrypt(encrypted).xml);
      } else {
        checkSignature(q);
        fields = parseWechatXml(body);
      }
      const user = fields.FromUserName ?? "";
      const account = fields.ToUserName ?? "";
      if (!user || !account)
        throw new KefuError("invalid_request", "ToUserName and FromUserName are required", { status: 400 });
      if (fields.MsgType !== "text" || !fields.Content) return SUCCESS;
      const channel = `wechat:${account}`.slice(0, 80);
      const reply = opts.channels.awaitReply(channel, user, opts.replyWindowMs);
      let received: Awaited<ReturnType<Channels["receive"]>>;
      try {
        received = await opts.channels.receive({
          channel,
          tenantId: opts.tenantId,
          userId: user,
          messageId: fields.MsgId || `${user}:${fields.CreateTime ?? ""}`,
          text: fields.Content,
        });
      } catch (e) {
        opts.channels.cancelReply(channel, user);
        throw e;
      }
      if (received.duplicate || !received.result.reply) {
        opts.channels.cancelReply(channel, user);
        return SUCCESS;
      }
      const m = await reply;
      return m ? passive(user, account, m.text, q, safe) : SUCCESS;
    },
  };
}

/** Options of `wechatSender`. */
export interface WechatSenderOptions {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs: number;
  clock?: Clock;
  fetch?: typeof fetch;
}

/** WeChat error codes that mean "get a new access token and try again". */
const TOKEN_ERRORS = new Set([40001, 40014, 42001]);
/** Error codes worth retrying later (busy, frequency limits). */
const RETRY_ERRORS = new Set([-1, 45009, 45011]);

/**
 * The customer-service message API (`POST /cgi-bin/message/custom/send`), with the
 * access token (`GET /cgi-bin/token`) cached until 5 minutes before it expires and
 * refreshed when WeChat calls it invalid (40001, 40014, 42001). 45015 (the user has not
 * written for 48 h) and other codes are permanent; -1, 45009 and HTTP/network failures
 * are retried by the delivery queue.
 *
 * @example
 *   channels.register("wechat", wechatSender({ appId, appSecret, apiBase: "https://api.weixin.qq.com", timeoutMs: 5000 }));
 */
export function wechatSender(opts: WechatSenderOptions): OutboundSender & { tokenFetches(): number } {
  const clock = opts.clock ?? systemClock;
  const doFetch = opts.fetch ?? fetch;
  let token: { value: string; expiresAtMs: number } | undefined;
  let fetches = 0;

  async function call(url: string, init?: RequestInit): Promise<Record<string, unknown>> {
    let res: Response;
    try {
      res = await doFetch(url, { ...init, redirect: "manual", signal: AbortSignal.timeout(opts.timeoutMs) });
    } catch (e) {
      throw new KefuError("delivery_failed", `WeChat API: ${(e as Error).message}`, { retryable: true });
    }
    if (!res.ok)
      throw new KefuError("delivery_failed", `WeChat API: HTTP ${res.status}`, { retryable: res.status >= 500 });
    try {
      return (await res.json()) as Record<string, unknown>;
    } catch {
      throw new KefuError("delivery_failed", "WeChat API: the answer is not JSON", { retryable: true });
    }
  }

  async function accessToken(): Promise<string> {
    if (token && clock.now() < token.expiresAtMs) return token.value;
    fetches++;
    const q = new URLSearchParams({ grant_type: "client_credential", appid: opts.appId, secret: opts.appSecret });
    const r = await call(`${opts.apiBase}/cgi-bin/token?${q}`);
    if (typeof r.access_token !== "string") {
      const code = Number(r.errcode ?? 0);
      throw new KefuError("wechat_token_failed", `WeChat token: ${code} ${String(r.errmsg ?? "")}`, {
        retryable: RETRY_ERRORS.has(code),
      });
    }
    const ttl = Number(r.expires_in ?? 7200) * 1000;
    token = { value: r.access_token, expiresAtMs: clock.now() + Math.max(0, ttl - 300_000) };
    return token.value;
  }

  async function sendOnce(m: OutboundMessage): Promise<number> {
    const t = await accessToken();
    const r = await call(`${opts.apiBase}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(t)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ touser: m.userId, msgtype: "text", text: { content: m.text } }),
    });
    const code = Number(r.errcode ?? 0);
    if (code === 0) return 0;
    if (TOKEN_ERRORS.has(code)) {
      token = undefined;
      return code;
    }
    throw new KefuError("delivery_failed", `WeChat custom/send: ${code} ${String(r.errmsg ?? "")}`, {
      retryable: RETRY_ERRORS.has(code),
    });
  }

  return {
    async send(m) {
      // A rejected token is refreshed once at once; a second rejection is left to the delivery retries.
      const code = await sendOnce(m);
      if (code === 0) return;
      const again = await sendOnce(m);
      if (again !== 0)
        throw new KefuError("delivery_failed", `WeChat custom/send: ${again} after a token refresh`, {
          retryable: true,
        });
    },
    tokenFetches: () => fetches,
  };
}
