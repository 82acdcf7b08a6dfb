import { describe, expect, test } from "bun:test";
import { mergeByScore, reciprocalRankFusion } from "./fusion.ts";

const list = (...keys: string[]) => keys.map((key, i) => ({ key, score: 10 - i }));

describe("fusion", () => {
  test("RRF sums 1/(k + rank) over lists, weighted", () => {
    const f = reciprocalRankFusion([{ hits: list("a", "b") }, { hits: list("b", "c"), weight: 2 }], 60);
    expect(f.map((x) => x.key)).toEqual(["b", "c", "a"]);
    expect(f[0]?.rrf).toBeCloseTo(1 / 62 + 2 / 61, 10);
    expect(f[0]?.bestRank).toBe(0);
  });
  test("ties go to the better best rank, then the key", () => {
    const f = reciprocalRankFusion([{ hits: list("x", "m", "y") }, { hits: list("m", "z", "x") }], 60);
    // m: ranks 2 and 1 beat x: ranks 1 and 3.
    expect(f[0]?.key).toBe("m");
    const tie = reciprocalRankFusion([{ hits: list("b", "a") }, { hits: list("a", "b") }]);
    expect(tie.map((x) => x.key)).toEqual(["a", "b"]);
    expect(reciprocalRankFusion([])).toEqual([]);
  });
  test("mergeByScore keeps the best n across lists", () => {
    const m = mergeByScore(
      [
        [
          { key: "a", score: 0.9 },
          { key: "c", score: 0.1 },
        ],
        [{ key: "b", score: 0.95 }],
      ],
      2,
    );
    expect(m.map((x) => x.key)).toEqual(["b", "a"]);
  });
});
