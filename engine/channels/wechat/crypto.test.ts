import { describe, expect, test } from "bun:test";
import { createDecipheriv, createHash } from "node:crypto";
import { KefuError } from "../../errors.ts";
import { signatureMatches, wechatCrypto, wechatSignature } from "./crypto.ts";
import { buildWechatXml, parseWechatXml } from "./xml.ts";

// The sample values of WeChat's published WXBizMsgCrypt demo (token, key, AppID, timestamp, nonce, msg_signature, Encrypt).
const SAMPLE = {
  token: "spamtest",
  encodingAesKey: "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG",
  appId: "wx2c2769f8efd9abc2",
  timestamp: "1409735669",
  nonce: "1320562132",
  msgSignature: "5d197aaffba7e9b25a30732f161a50dee96bd5fa",
  encrypt:
    "hyzAe4OzmOMbd6TvGdIOO6uBmdJoD0Fk53REIHvxYtJlE2B655HuD0m8KUePWB3+LrPXo87wzQ1QLvbeUgmBM4x6F8PGHQHFVAFmOD2LdJF9FrXpbUAh0B5GIItb52sn896wVsMSHGuPE328HnRGBcrS7C41IzDWyWNlZkyyXwon8T332jisa+h6tEDYsVticbSnyU8dKOIbgU6ux5VTjg3yt+WGzjlpKn6NPhRjpA912xMezR4kw6KWwMrCVKSVCZciVGCgavjIQ6X8tCOp3yZbGpy0VxpAe+77TszTfRd5RJSVO/HTnifJpXgCSUdUue1v6h0EIBYYI1BD1DlD+C0CR8e6OewpusjZ4uBl9FyJvnhvQl+q5rv1ixrcpCumEPo5MJSgM9ehVsNPfUM669WuMyVWQLCzpu9GhglF2PE=",
};

describe("WeChat safe-mode crypto", () => {
  test("the official sample: msg_signature matches and the message decrypts to its text message", () => {
    const c = wechatCrypto(SAMPLE);
    expect(c.msgSignature(SAMPLE.timestamp, SAMPLE.nonce, SAMPLE.encrypt)).toBe(SAMPLE.msgSignature);
    const { xml, appId } = c.decrypt(SAMPLE.encrypt);
    expect(appId).toBe(SAMPLE.appId);
    const f = parseWechatXml(xml);
    expect([f.MsgType, f.Content, f.FromUserName, f.MsgId]).toEqual([
      "text",
      "abcdteT",
      "oyORnuP8q7ou2gfYjqLzSIWZf0rs",
      "6054768590064713728",
    ]);
  });

  test("a vector built from the documented algorithm: fixed random, 32-byte PKCS#7, AES-256-CBC with IV = key[0:16]", () => {
    const random = Buffer.from("0123456789abcdef");
    const c = wechatCrypto({ ...SAMPLE, random: () => random });
    const xml = "<xml><Content><![CDATA[你好]]></Content></xml>";
    const enc = c.encrypt(xml);
    // Decrypt by hand, following the documentation step by step.
    const key = Buffer.from(`${SAMPLE.encodingAesKey}=`, "base64");
    expect(key.length).toBe(32);
    const d = createDecipheriv("aes-256-cbc", key, key.subarray(0, 16));
    d.setAutoPadding(false);
    const plain = Buffer.concat([d.update(Buffer.from(enc, "base64")), d.final()]);
    expect(plain.length % 32).toBe(0);
    const pad = plain[plain.length - 1] as number;
    expect(plain.subarray(plain.length - pad).every((b) => b === pad)).toBe(true);
    const msgLen = Buffer.byteLength(xml);
    expect(plain.subarray(0, 16).equals(random)).toBe(true);
    expect(plain.readUInt32BE(16)).toBe(msgLen);
    expect(plain.subarray(20, 20 + msgLen).toString()).toBe(xml);
    expect(plain.subarray(20 + msgLen, plain.length - pad).toString()).toBe(SAMPLE.appId);
    // Same input, same output (deterministic given the random prefix), and it round-trips.
    expect(c.encrypt(xml)).toBe(enc);
    expect(c.decrypt(enc)).toEqual({ xml, appId: SAMPLE.appId });
  });

  test("refuses another AppID's message and garbage with a typed 400", () => {
    const other = wechatCrypto({ ...SAMPLE, appId: "wx-other" });
    const code = (fn: () => unknown) => {
      try {
        fn();
        return "ok";
      } catch (e) {
        expect((e as KefuError).status).toBe(400);
        return (e as KefuError).code;
      }
    };
    expect(code(() => other.decrypt(SAMPLE.encrypt))).toBe("wechat_decrypt_failed");
    expect(code(() => other.decrypt("bm90IGJsb2Nrcw=="))).toBe("wechat_decrypt_failed");
    expect(code(() => other.decrypt(""))).toBe("wechat_decrypt_failed");
    expect(() => wechatCrypto({ ...SAMPLE, encodingAesKey: "short" })).toThrow("43 base64");
  });

  test("URL signature: sha1 of the sorted token, timestamp and nonce; compared in constant time", () => {
    const sig = wechatSignature(["tok", "1409735669", "1320562132"]);
    const want = createHash("sha1").update(["tok", "1409735669", "1320562132"].sort().join("")).digest("hex");
    expect(sig).toBe(want);
    expect(signatureMatches(sig, want)).toBe(true);
    expect(
      signatureMatches(sig, want.replace(/.$/, "0") === want ? want.replace(/.$/, "1") : want.replace(/.$/, "0")),
    ).toBe(false);
    expect(signatureMatches(sig, undefined)).toBe(false);
    expect(signatureMatches(sig, "short")).toBe(false);
  });
});

describe("WeChat XML", () => {
  test("reads CDATA and bare fields, keeps the first of a name, refuses a non-<xml> body", () => {
    const f = parseWechatXml(
      "<xml><ToUserName><![CDATA[gh_1]]></ToUserName><CreateTime>1348831860</CreateTime><Content><![CDATA[a<b>&]]></Content><Title>x &amp; y</Title></xml>",
    );
    expect(f).toEqual({ ToUserName: "gh_1", CreateTime: "1348831860", Content: "a<b>&", Title: "x & y" });
    expect(() => parseWechatXml("{}")).toThrow(KefuError);
  });

  test("builds CDATA that a `]]>` in the text cannot break out of", () => {
    const evil = "evil]]><MsgType>x</MsgType>";
    const f = parseWechatXml(buildWechatXml({ Content: evil, CreateTime: 5 }));
    expect(f).toEqual({ Content: evil, CreateTime: "5" });
  });
});
