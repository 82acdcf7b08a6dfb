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
 * - Image messages are stored the same way as the text `[image]` with the attributes
 *   `channel_msg_type=image`, `image_url` (PicUrl) and `media_id` (MediaId).
 * - Events (no MsgId: retries are recognised by FromUserName + CreateTime): `CLICK` (a
 *   menu button) is the text of its `EventKey` with attributes `channel_event=CLICK`,
 *   `event_key`; `subscribe` is answered with the `welcome` text (if set) and opens no
 *   session; `unsubscribe` closes the user's open session. Other message types and
 *   events are acknowledged with `success` and counted as `ignored`.
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
import type { FetchLike } from "../destination.ts";
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
  /** Longest passive reply in UTF-8 bytes (default {@link WECHAT_MAX_TEXT_BYTES}); a longer one is pushed, split. */
  maxTextBytes?: number;
  tenantId: string;
  /** Passive reply to a new follower (`subscribe` event); empty: just `success`. */
  welcome?: string;
  channels: Channels;
  clock?: Clock;
}

const unauthorized = (why: string) => new KefuError("signature_invalid", why, { status: 401 });
const SUCCESS = { body: "success", contentType: "text/plain; charset=utf-8" };
/** The text of an image message (the image itself is in the message's attributes). */
export const IMAGE_TEXT = "[image]";

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

  const api = {
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
      const channel = `wechat:${account}`.slice(0, 80);
      // Events carry no MsgId: WeChat recommends FromUserName + CreateTime to recognise its retries.
      const eventId = `${user}:${fields.CreateTime ?? ""}`;
      switch (fields.MsgType) {
        case "text":
          if (!fields.Content) break;
          return converse(channel, user, account, fields.MsgId || eventId, fields.Content, {}, q, safe);
        case "image":
          if (!fields.PicUrl && !fields.MediaId) break;
          return converse(
            channel,
            user,
            account,
            fields.MsgId || eventId,
            IMAGE_TEXT,
            {
              channel_msg_type: "image",
              ...(fields.PicUrl ? { image_url: fields.PicUrl.slice(0, 2048) } : {}),
              ...(fields.MediaId ? { media_id: fields.MediaId.slice(0, 256) } : {}),
            },
            q,
            safe,
          );
        case "event": {
          const event = (fields.Event ?? "").toLowerCase();
          const key = (fields.EventKey ?? "").slice(0, 1000);
          if (event === "click" && key)
            return converse(
              channel,
              user,
              account,
              `${eventId}:click`,
              key,
              { channel_event: "CLICK", event_key: key },
              q,
              safe,
            );
          if (event === "subscribe") {
            opts.channels.countInbound("wechat", "event");
            return opts.welcome ? passive(user, account, opts.welcome, q, safe) : SUCCESS;
          }
          if (event === "unsubscribe") {
            opts.channels.countInbound("wechat", "event");
            await opts.channels.closeUser(channel, user, "wechat: the user unsubscribed");
            return SUCCESS;
          }
          break;
        }
      }
      opts.channels.countInbound("wechat", "ignored");
      return SUCCESS;
    },
  };
  return api;

  /** Stores a user's message; answers with the bot's passive reply when it comes in time, else `success`. */
  async function converse(
    channel: string,
    user: string,
    account: string,
    messageId: string,
    text: string,
    attributes: Record<string, string>,
    q: WechatQuery,
    safe: boolean,
  ): Promise<{ body: string; contentType: string }> {
    const limit = opts.maxTextBytes ?? WECHAT_MAX_TEXT_BYTES;
    const reply = opts.channels.awaitReply(
      channel,
      user,
      opts.replyWindowMs,
      (m) => new TextEncoder().encode(m.text).length <= limit,
    );
    let received: Awaited<ReturnType<Channels["receive"]>>;
    try {
      received = await opts.channels.receive({
        channel,
        tenantId: opts.tenantId,
        userId: user,
        messageId,
        text,
        ...(Object.keys(attributes).length ? { attributes } : {}),
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
  }
}

/** Options of `wechatSender`. */
export interface WechatSenderOptions {
  appId: string;
  appSecret: string;
  apiBase: string;
  timeoutMs: number;
  /** Longest text of one message in UTF-8 bytes (default {@link WECHAT_MAX_TEXT_BYTES}). */
  maxTextBytes?: number;
  /** Most messages one reply is split into (default {@link WECHAT_MAX_PARTS}). */
  maxParts?: number;
  clock?: Clock;
  fetch?: FetchLike;
}

/** WeChat's limit on a text message's content, in UTF-8 bytes (passive replies and customer-service messages). */
export const WECHAT_MAX_TEXT_BYTES = 2048;
/** Customer-service messages WeChat lets an account send per user message (48 h window). */
export const WECHAT_MAX_PARTS = 5;

/**
 * Splits `text` into parts of at most `maxBytes` UTF-8 bytes, at character boundaries
 * (preferring a line break, then a space, in the second half of a part); at most
 * `maxParts` parts, the last one cut with "…" when the text is longer still.
 *
 * @example
 *   splitUtf8("你好世界", 6, 5); // ["你好", "世界"]
 */
export function splitUtf8(text: string, maxBytes: number, maxParts: number): string[] {
  const enc = new TextEncoder();
  const bytes = (s: string) => enc.encode(s).length;
  const parts: string[] = [];
  let rest = text;
  while (rest.length > 0) {
    if (bytes(rest) <= maxBytes) {
      parts.push(rest);
      break;
    }
    if (parts.length === maxParts - 1) {
      // The last allowed part: as much as fits with the ellipsis.
      let cut = "";
      for (const ch of rest) {
        if (bytes(cut + ch) + bytes("…") > maxBytes) break;
        cut += ch;
      }
      parts.push(`${cut}…`);
      break;
    }
    let cut = "";
    let n = 0;
    for (const ch of rest) {
      const b = bytes(ch);
      if (n + b > maxBytes) break;
      cut += ch;
      n += b;
    }
    // A line break in the second half of the part, else a space there, else the byte limit itself.
    let soft = cut.lastIndexOf("\n");
    if (soft < cut.length / 2) soft = cut.lastIndexOf(" ");
    if (soft >= cut.length / 2) cut = cut.slice(0, soft + 1);
    parts.push(cut.trimEnd() || cut);
    rest = rest.slice(cut.length).trimStart();
  }
  return parts;
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
  const maxBytes = opts.maxTextBytes ?? WECHAT_MAX_TEXT_BYTES;
  const maxParts = opts.maxParts ?? WECHAT_MAX_PARTS;
  /** Parts of a split message already sent: a retry after a failed part resumes there. */
  const sentParts = new WeakMap<OutboundMessage, number>();

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

  async function sendOnce(m: OutboundMessage, text: string): Promise<number> {
    const t = await accessToken();
    const r = await call(`${opts.apiBase}/cgi-bin/message/custom/send?access_token=${encodeURIComponent(t)}`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ touser: m.userId, msgtype: "text", text: { content: text } }),
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
      // A text over WeChat's limit goes as several messages, in order; a retry resumes at the failed part.
      const parts = splitUtf8(m.text, maxBytes, maxParts);
      for (let i = sentParts.get(m) ?? 0; i < parts.length; i++) {
        const text = parts[i] as string;
        // A rejected token is refreshed once at once; a second rejection is left to the delivery retries.
        const code = await sendOnce(m, text);
        if (code !== 0) {
          const again = await sendOnce(m, text);
          if (again !== 0)
            throw new KefuError("delivery_failed", `WeChat custom/send: ${again} after a token refresh`, {
              retryable: true,
            });
        }
        sentParts.set(m, i + 1);
      }
    },
    tokenFetches: () => fetches,
  };
}
