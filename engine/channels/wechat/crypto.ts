/**
 * The WeChat Official Account callback crypto, as documented for "safe mode"
 * (消息加解密, the WXBizMsgCrypt algorithm), with node:crypto:
 *
 * - URL and plaintext-message signature: `sha1(sort([token, timestamp, nonce]).join(""))`, hex.
 * - Safe-mode `msg_signature`: `sha1(sort([token, timestamp, nonce, encrypt]).join(""))`.
 * - AES key: base64-decode `EncodingAESKey + "="` (43 chars → 32 bytes); IV: its first 16 bytes.
 * - Plain block: 16 random bytes ‖ message length (4 bytes, big-endian) ‖ message ‖ AppID,
 *   PKCS#7-padded to a multiple of **32** bytes, AES-256-CBC without the cipher's own
 *   padding, base64.
 *
 * @example
 *   const c = wechatCrypto({ token: "t", encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG", appId: "wx1" });
 *   const enc = c.encrypt("<xml>…</xml>");
 *   c.decrypt(enc); // { xml: "<xml>…</xml>", appId: "wx1" }
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { KefuError } from "../../errors.ts";

/**
 * The documented signature: SHA-1 of the sorted, concatenated parts, hex.
 *
 * @example
 *   wechatSignature(["token", "1409735669", "1320562132"]); // "…40 hex…"
 */
export function wechatSignature(parts: string[]): string {
  return createHash("sha1")
    .update([...parts].sort().join(""))
    .digest("hex");
}

/**
 * Compares a received signature with the expected one in constant time.
 *
 * @example
 *   signatureMatches(wechatSignature([token, ts, nonce]), query.signature); // true or false
 */
export function signatureMatches(expected: string, got: string | undefined): boolean {
  if (!got || got.length !== expected.length) return false;
  return timingSafeEqual(Buffer.from(expected), Buffer.from(got));
}

const BLOCK = 32;
const bad = (why: string) => new KefuError("wechat_decrypt_failed", why, { status: 400 });

/** Options of `wechatCrypto`. */
export interface WechatCryptoOptions {
  token: string;
  /** 43 characters of base64 (without the trailing "="). */
  encodingAesKey: string;
  appId: string;
  /** The 16 random prefix bytes; tests fix them. */
  random?: () => Buffer;
}

/**
 * The safe-mode cipher of one account. Throws (config error) when the key is not 43 base64 characters.
 *
 * @example
 *   const c = wechatCrypto({ token, encodingAesKey, appId });
 */
export function wechatCrypto(opts: WechatCryptoOptions) {
  if (!/^[A-Za-z0-9+/]{43}$/.test(opts.encodingAesKey))
    throw new Error("the WeChat EncodingAESKey must be 43 base64 characters");
  const key = Buffer.from(`${opts.encodingAesKey}=`, "base64");
  const iv = key.subarray(0, 16);
  const random = opts.random ?? (() => randomBytes(16));
  return {
    /** Encrypts a reply: the `Encrypt` field's base64. */
    encrypt(xml: string): string {
      const msg = Buffer.from(xml, "utf8");
      const len = Buffer.alloc(4);
      len.writeUInt32BE(msg.length);
      const body = Buffer.concat([random(), len, msg, Buffer.from(opts.appId, "utf8")]);
      const pad = BLOCK - (body.length % BLOCK);
      const padded = Buffer.concat([body, Buffer.alloc(pad, pad)]);
      const c = createCipheriv("aes-256-cbc", key, iv);
      c.setAutoPadding(false);
      return Buffer.concat([c.update(padded), c.final()]).toString("base64");
    },
    /** Decrypts an `Encrypt` field; throws 400 `wechat_decrypt_failed` when it is not a valid block of this account. */
    decrypt(encrypted: string): { xml: string; appId: string } {
      const data = Buffer.from(encrypted, "base64");
      if (data.length === 0 || data.length % 16 !== 0) throw bad("the Encrypt field is not whole AES blocks");
      let plain: Buffer;
      try {
        const d = createDecipheriv("aes-256-cbc", key, iv);
        d.setAutoPadding(false);
        plain = Buffer.concat([d.update(data), d.final()]);
      } catch {
        throw bad("the Encrypt field does not decrypt");
      }
      const pad = plain[plain.length - 1] ?? 0;
      if (pad < 1 || pad > BLOCK || pad > plain.length) throw bad("bad PKCS#7 padding");
      const body = plain.subarray(0, plain.length - pad);
      if (body.length < 20) throw bad("the decrypted block is too short");
      const n = body.readUInt32BE(16);
      if (20 + n > body.length) throw bad("the message length exceeds the block");
      const appId = body.subarray(20 + n).toString("utf8");
      if (appId !== opts.appId) throw bad("the message is for another AppID");
      return { xml: body.subarray(20, 20 + n).toString("utf8"), appId };
    },
    /** The safe-mode `msg_signature` of an `Encrypt` field. */
    msgSignature(timestamp: string, nonce: string, encrypted: string): string {
      return wechatSignature([opts.token, timestamp, nonce, encrypted]);
    },
  };
}

/** A safe-mode cipher. */
export type WechatCrypto = ReturnType<typeof wechatCrypto>;
