import { describe, expect, test } from "bun:test";
import { normalizeText, scoreSentiment } from "./sentiment.ts";

describe("scoreSentiment", () => {
  test("negative terms, with negation", () => {
    expect(scoreSentiment("你们就是骗子，我要投诉")).toBe(-5);
    expect(scoreSentiment("this is a scam")).toBe(-3);
    expect(scoreSentiment("I am not angry")).toBe(0);
    expect(scoreSentiment("I'm not angry at all")).toBe(0);
    expect(scoreSentiment("I’m NOT ANGRY")).toBe(0);
    expect(scoreSentiment("No, this is terrible")).toBe(-2);
    expect(scoreSentiment("你们不是骗子")).toBe(0);
    expect(scoreSentiment("我没有生气")).toBe(0);
    expect(scoreSentiment("不满意")).toBe(-1.5);
    expect(scoreSentiment("谢谢，很满意")).toBe(2.5);
    expect(scoreSentiment("not a scam, thanks")).toBe(1);
    expect(scoreSentiment("where is my parcel")).toBe(0);
  });

  test("full-width text and decay-free sums", () => {
    expect(scoreSentiment("ＳＣＡＭ！")).toBe(-3);
    expect(scoreSentiment("terrible, awful")).toBe(-4);
    expect(scoreSentiment("差评！垃圾！")).toBe(-5);
  });
});

test("normalizeText folds width, case and curly apostrophes", () => {
  expect(normalizeText("ＩＴ’Ｓ Ｏｋ")).toBe("it's ok");
});
