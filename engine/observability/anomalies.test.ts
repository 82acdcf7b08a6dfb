import { expect, test } from "bun:test";
import { createAnomalyClusters, hamming, shapeOf, simhash } from "./anomalies.ts";

test("the shape ignores case, digits and spacing; near-identical texts are a few bits apart, unrelated ones far", () => {
  expect(shapeOf("  Order 12345   SHIPPED ")).toBe("order 00000 shipped");
  const spam = simhash("Buy cheap followers now!!! visit spam.example/offer?id=1234");
  expect(hamming(spam, simhash("Buy cheap followers now!!! visit spam.example/offer?id=98765"))).toBeLessThanOrEqual(8);
  expect(hamming(spam, simhash("how do I reset my password"))).toBeGreaterThan(16);
  expect(hamming(spam, simhash("我的订单什么时候发货"))).toBeGreaterThan(16);
});

test("a flood of near-identical inputs is one cluster with its count, tenants and masked examples", () => {
  let t = 1_000;
  const a = createAnomalyClusters({ now: () => t++ });
  for (let i = 0; i < 500; i++)
    a.record({
      reason: "rate_limited",
      text: `Buy cheap followers now, call 1381234${String(i).padStart(4, "0")}`,
      tenantId: `t${i % 7}`,
    });
  a.record({ reason: "rate_limited", text: "where is my parcel?", tenantId: "t1" });
  a.record({ reason: "bad_frame", text: "Buy cheap followers now, call 13812340000", tenantId: "t1" });
  const [big, ...rest] = a.top(10);
  expect(big).toMatchObject({ reason: "rate_limited", count: 500, firstSeenMs: 1000, lastSeenMs: 1499 });
  expect(big?.tenants).toHaveLength(5);
  expect(big?.examples).toHaveLength(3);
  for (const e of big?.examples ?? []) expect(e).not.toMatch(/1381234\d{4}/);
  // Another reason or another shape is another cluster.
  expect(rest.map((c) => [c.reason, c.count]).sort()).toEqual([
    ["bad_frame", 1],
    ["rate_limited", 1],
  ]);
  expect(a.size()).toBe(3);
});

test("at most maxClusters are held: the smallest, least recently seen goes first", () => {
  let t = 0;
  const a = createAnomalyClusters({ maxClusters: 2, now: () => t++ });
  a.record({ reason: "bad_frame", text: "alpha alpha alpha alpha" });
  a.record({ reason: "bad_frame", text: "alpha alpha alpha alpha" });
  a.record({ reason: "bad_frame", text: "completely different thing" });
  a.record({ reason: "bad_frame", text: "yet another unrelated payload here" });
  expect(a.size()).toBe(2);
  expect(a.top(2).map((c) => c.examples[0])).toEqual(["alpha alpha alpha alpha", "yet another unrelated payload here"]);
  expect(() => createAnomalyClusters({ maxClusters: 0 })).toThrow("maxClusters");
});
