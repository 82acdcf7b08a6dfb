import { describe, expect, test } from "bun:test";
import { createHmac } from "node:crypto";
import { KefuError } from "../errors.ts";
import { signWebhook, verifyWebhook } from "./signature.ts";

const secret = "whsec-test-0123456789";
const body = '{"user_id":"u1","message_id":"m1","text":"你好"}';
const now = 1_700_000_000_000;

function codeOf(fn: () => void): string {
  try {
    fn();
    return "ok";
  } catch (e) {
    expect(e).toBeInstanceOf(KefuError);
    expect((e as KefuError).status).toBe(401);
    return (e as KefuError).code;
  }
}

describe("webhook signature", () => {
  test("is HMAC-SHA256 over <t>.<body>, as documented, and verifies", () => {
    const header = signWebhook(secret, 1_700_000_000, body);
    const mac = createHmac("sha256", secret).update(`1700000000.${body}`).digest("hex");
    expect(header).toBe(`t=1700000000,v1=${mac}`);
    expect(codeOf(() => verifyWebhook(secret, header, body, now, 300))).toBe("ok");
  });

  test("refuses missing, malformed, stale and wrong signatures with typed 401s", () => {
    const ts = now / 1000;
    expect(codeOf(() => verifyWebhook(secret, null, body, now, 300))).toBe("signature_missing");
    expect(codeOf(() => verifyWebhook(secret, "sha256=abc", body, now, 300))).toBe("signature_malformed");
    expect(codeOf(() => verifyWebhook(secret, `t=${ts},v1=${"0".repeat(63)}`, body, now, 300))).toBe(
      "signature_malformed",
    );
    expect(codeOf(() => verifyWebhook(secret, signWebhook(secret, ts - 301, body), body, now, 300))).toBe(
      "signature_stale",
    );
    expect(codeOf(() => verifyWebhook(secret, signWebhook(secret, ts + 301, body), body, now, 300))).toBe(
      "signature_stale",
    );
    expect(codeOf(() => verifyWebhook(secret, signWebhook(secret, ts - 299, body), body, now, 300))).toBe("ok");
    expect(codeOf(() => verifyWebhook(secret, signWebhook("other-secret", ts, body), body, now, 300))).toBe(
      "signature_invalid",
    );
    expect(codeOf(() => verifyWebhook(secret, signWebhook(secret, ts, body), `${body} `, now, 300))).toBe(
      "signature_invalid",
    );
  });
});
