// The whole answer's body is written out around its values: it must be the very bytes
// JSON.stringify gives for the documented Chat Completions object.
import { describe, expect, test } from "bun:test";
import type { FinishReason } from "../../engine/llm/types.ts";
import { wholeAnswerJson } from "./index.ts";

const object = (
  id: string,
  created: number,
  model: string,
  text: string,
  finish: FinishReason,
  u: { promptTokens: number; completionTokens: number },
) => ({
  id,
  object: "chat.completion",
  created,
  model,
  system_fingerprint: null,
  choices: [
    { index: 0, message: { role: "assistant", content: text, refusal: null }, logprobs: null, finish_reason: finish },
  ],
  usage: {
    prompt_tokens: u.promptTokens,
    completion_tokens: u.completionTokens,
    total_tokens: u.promptTokens + u.completionTokens,
  },
});

describe("wholeAnswerJson", () => {
  const cases: [string, number, string, string, FinishReason, { promptTokens: number; completionTokens: number }][] = [
    ["chatcmpl-1", 1_700_000_000, "gpt-4o", "Hello! How can I help?", "stop", { promptTokens: 5, completionTokens: 7 }],
    [
      "chatcmpl-2",
      0,
      'm"o\\del\u2028',
      'quote " backslash \\ newline\n tab\t nul\u0000 emoji 😀 中文',
      "length",
      {
        promptTokens: 0,
        completionTokens: 0,
      },
    ],
    ["chatcmpl-3", 1, "", "", "content_filter", { promptTokens: 1e21, completionTokens: 2.5 }],
    ["chatcmpl-4", 2, "x", "lone \ud800 surrogate", "stop", { promptTokens: Number.NaN, completionTokens: -0 }],
    ["chatcmpl-5", 3, "y", "z", "stop", { promptTokens: Number.POSITIVE_INFINITY, completionTokens: 3 }],
  ];
  for (const c of cases)
    test(`the same bytes as JSON.stringify: ${JSON.stringify(c[3]).slice(0, 30)}`, () => {
      expect(wholeAnswerJson(...c)).toBe(JSON.stringify(object(...c)));
    });
});
