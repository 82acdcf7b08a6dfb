import { describe, expect, test } from "bun:test";
import { Value } from "@sinclair/typebox/value";
import { ConfigError } from "../../config.ts";
import { compilePattern, createOutputGuard, fromJsonSchema, guardedAnswer, parseOutputGuardConfig } from "./hybrid.ts";

const guard = createOutputGuard(
  parseOutputGuardConfig({
    default: { blocklist: ["competitor.com"], onFailure: "handoff" },
    tenants: {
      acme: {
        mustMatch: ["/acme/i"],
        mustNotMatch: ["/\\b1[3-9]\\d{9}\\b/"], // no mobile numbers in answers
        blocklist: ["保证退款", "VPN"],
        onFailure: "regenerate",
        afterRegenerate: "kb",
      },
      shop: {
        jsonSchema: {
          type: "object",
          required: ["sku", "price"],
          additionalProperties: false,
          properties: {
            sku: { type: "string", pattern: "^[A-Z]{3}-\\d+$" },
            price: { type: "number", minimum: 0 },
            tags: { type: "array", items: { type: "string" }, maxItems: 3 },
            status: { enum: ["in_stock", "sold_out"] },
          },
        },
        onFailure: "kb",
      },
    },
  }),
);

describe("output guard", () => {
  test("regexes: must match, must not match", () => {
    expect(guard.check("acme", "ACME support here")).toEqual([]);
    expect(guard.check("acme", "support here")).toEqual(["mustMatch[0] /acme/i did not match"]);
    expect(guard.check("acme", "Acme: call 13812345678")).toEqual(["mustNotMatch[0] /\\b1[3-9]\\d{9}\\b/ matched"]);
  });

  test("keywords: case-insensitive, NFKC, invisible characters removed", () => {
    expect(guard.check("acme", "acme 我们保证退款")).toEqual(['blocklist: "保证退款"']);
    expect(guard.check("acme", "acme: try a ｖｐｎ")).toEqual(['blocklist: "VPN"']); // full-width
    expect(guard.check("acme", "acme: try a v\u200bpn")).toEqual(['blocklist: "VPN"']); // zero-width space
    expect(guard.check("acme", "acme: 保证 退款")).toEqual([]); // whitespace is not removed
  });

  test("JSON schema through TypeBox; fenced JSON is unwrapped", () => {
    expect(guard.check("shop", '{"sku":"ABC-12","price":9.5,"status":"in_stock"}')).toEqual([]);
    expect(guard.check("shop", '```json\n{"sku":"ABC-12","price":1}\n```')).toEqual([]);
    expect(guard.check("shop", "Sure! The price is 9.5")).toEqual(["jsonSchema: the answer is not JSON"]);
    expect(guard.check("shop", '{"sku":"abc","price":1}')[0]).toStartWith("jsonSchema: /sku ");
    expect(guard.check("shop", '{"sku":"ABC-1","price":-1}')[0]).toStartWith("jsonSchema: /price ");
    expect(guard.check("shop", '{"sku":"ABC-1","price":1,"extra":true}')[0]).toStartWith("jsonSchema: /extra ");
    expect(guard.check("shop", '{"sku":"ABC-1","price":1,"status":"gone"}')[0]).toStartWith("jsonSchema: /status ");
  });

  test("tenants without rules use the default; no default means anything passes", () => {
    expect(guard.check("other", "see competitor.com")).toEqual(['blocklist: "competitor.com"']);
    expect(guard.check(undefined, "fine")).toEqual([]);
    expect(createOutputGuard(parseOutputGuardConfig({})).check("x", "anything")).toEqual([]);
  });

  test("the decision ladder: onFailure, then afterRegenerate, then handoff", () => {
    expect(guard.decide("acme", "acme ok")).toEqual({ action: "accept" });
    expect(guard.decide("acme", "no brand").action).toBe("regenerate");
    expect(guard.decide("acme", "no brand", "regenerated").action).toBe("kb");
    expect(guard.decide("acme", "no brand", "kb").action).toBe("handoff");
    expect(guard.decide("shop", "not json").action).toBe("kb");
    expect(guard.decide("other", "competitor.com").action).toBe("handoff");
  });

  test("guardedAnswer drives the ladder and collects the failures", async () => {
    const answers = ["no brand", "still no brand"];
    let llmCalls = 0;
    const r = await guardedAnswer(guard, "acme", {
      llm: async () => answers[llmCalls++] as string,
      kb: async () => "ACME FAQ: returns within 7 days",
    });
    expect(r).toEqual({
      kind: "answer",
      text: "ACME FAQ: returns within 7 days",
      stage: "kb",
      failures: ["first: mustMatch[0] /acme/i did not match", "regenerated: mustMatch[0] /acme/i did not match"],
    });
    expect(llmCalls).toBe(2); // regenerated once, not more
    const h = await guardedAnswer(guard, "acme", { llm: async () => "nope", kb: async () => "nope either" });
    expect(h.kind).toBe("handoff");
    const noKb = await guardedAnswer(guard, "shop", { llm: async () => "nope" });
    expect(noKb).toEqual({ kind: "handoff", failures: ["first: jsonSchema: the answer is not JSON"] });
  });

  test("config errors name the path: bad regex, nested quantifiers, unsupported schema keywords", () => {
    const err = (json: unknown) => {
      try {
        parseOutputGuardConfig(json);
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigError);
        return (e as Error).message;
      }
      throw new Error("expected a ConfigError");
    };
    expect(err({ tenants: { t: { mustMatch: ["/(unclosed/"] } } })).toStartWith(
      'guard.tenants.t.mustMatch[0] = "/(unclosed/": ',
    );
    expect(err({ tenants: { t: { mustNotMatch: ["(a+)+$"] } } })).toContain("nested quantifiers");
    expect(err({ tenants: { t: { mustNotMatch: ["/x/g"] } } })).toContain('flags "g" not allowed');
    expect(err({ tenants: { t: { jsonSchema: { type: "object", patternProperties: {} } } } })).toBe(
      "guard.tenants.t.jsonSchema.patternProperties: keyword not supported",
    );
    expect(err({ tenants: { t: { onFailure: "ignore" } } })).toStartWith("guard.tenants.t.onFailure");
  });

  test("pattern and schema helpers", () => {
    expect(compilePattern("/退款/").test("申请退款")).toBe(true);
    expect(compilePattern("abc").flags).toBe("u");
    expect(() => compilePattern("(\\w*)*")).toThrow("nested quantifiers");
    const s = fromJsonSchema({ anyOf: [{ type: "string" }, { type: "null" }] });
    expect([Value.Check(s, "x"), Value.Check(s, null), Value.Check(s, 1)]).toEqual([true, true, false]);
  });
});
