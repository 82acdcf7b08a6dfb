import { describe, expect, test } from "bun:test";
import { estimateTokens, isCjk, normalize, splitSentences, stem, tokenize } from "./text.ts";

describe("normalize", () => {
  test("NFKC, lowercase, collapsed spaces", () => {
    expect(normalize("  ＡＢＣ１２３  Hello\tWORLD ")).toBe("abc123 hello world");
    expect(normalize("退款，多久？")).toBe("退款,多久?");
  });
});

describe("tokenize", () => {
  test("CJK runs give unigrams and bigrams", () => {
    expect(tokenize("怎么退款")).toEqual(["怎", "么", "退", "款", "怎么", "么退", "退款"]);
  });
  test("Latin words are stemmed and stopwords dropped", () => {
    expect(tokenize("How do I track my Orders?")).toEqual(["how", "track", "order"]);
    expect(tokenize("shipping shipped refunds")).toEqual(["ship", "ship", "refund"]);
  });
  test("mixed text splits at script boundaries", () => {
    expect(tokenize("APP里退款")).toEqual(["app", "里", "退", "款", "里退", "退款"]);
  });
  test("options keep stopwords and words unstemmed", () => {
    expect(tokenize("the refunds", { stopwords: false, stem: false })).toEqual(["the", "refunds"]);
  });
  test("isCjk and stem", () => {
    expect(isCjk("退")).toBe(true);
    expect(isCjk("a")).toBe(false);
    expect(stem("policies")).toBe("policy");
    expect(stem("boxes")).toBe("box");
    expect(stem("status")).toBe("status");
  });
});

describe("splitSentences", () => {
  test("Chinese and English punctuation, newlines, decimals kept", () => {
    expect(splitSentences("退款需要3天。Costs $1.50! Next\nline. 好的！真的？")).toEqual([
      "退款需要3天。",
      "Costs $1.50!",
      "Next",
      "line.",
      "好的！",
      "真的？",
    ]);
  });
  test("closing quotes stay with their sentence; empty input gives none", () => {
    expect(splitSentences("他说“好。”然后走了。")).toEqual(["他说“好。”", "然后走了。"]);
    expect(splitSentences(" \n ")).toEqual([]);
  });
});

describe("estimateTokens", () => {
  test("one per CJK character, ~1.3 per word", () => {
    expect(estimateTokens("退款 refund policy")).toBe(5);
    expect(estimateTokens("退款多久到账")).toBe(6);
    expect(estimateTokens("")).toBe(0);
    expect(estimateTokens("hi!")).toBe(3);
  });
});
