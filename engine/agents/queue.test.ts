import { expect, test } from "bun:test";
import { WaitList } from "./queue.ts";

test("push at both ends, remove held nodes in O(1), positions are 1-based", () => {
  const q = new WaitList<string>();
  const a = q.pushBack("a");
  const b = q.pushBack("b");
  const c = q.pushFront("c");
  expect([...q.values()]).toEqual(["c", "a", "b"]);
  expect([q.positionOf(c), q.positionOf(a), q.positionOf(b)]).toEqual([1, 2, 3]);
  expect(q.remove(a)).toBe(true);
  expect(q.remove(a)).toBe(false); // already out
  expect(q.positionOf(a)).toBe(0);
  expect([...q.values()]).toEqual(["c", "b"]);
  expect(q.shift()).toBe("c");
  expect(q.remove(b)).toBe(true);
  expect([q.size, q.head, q.tail, q.shift()]).toEqual([0, null, null, undefined]);
});

test("a node of another list is not removed from this one", () => {
  const q1 = new WaitList<number>();
  const q2 = new WaitList<number>();
  const n = q1.pushBack(1);
  q2.pushBack(2);
  expect(q2.remove(n)).toBe(false);
  expect(q2.positionOf(n)).toBe(0);
  expect([q1.size, q2.size]).toEqual([1, 1]);
});

test("values(limit) stops after limit entries", () => {
  const q = new WaitList<number>();
  for (let i = 0; i < 10; i++) q.pushBack(i);
  expect([...q.values(3)]).toEqual([0, 1, 2]);
  expect([...q.nodes(0)]).toEqual([]);
});
