import { describe, expect, test } from "bun:test";
import { JsonSourceError, parseJsonSource, pointerSegment } from "./json-source.ts";

describe("parseJsonSource", () => {
  test("parses like JSON.parse", () => {
    const text = '{"a": [1, -2.5e3, true, false, null, "x\\n\\u4e2d"], "b": {"c/d": {}}, "e": []}';
    expect(parseJsonSource(text).value).toEqual(JSON.parse(text));
  });

  test("lines of keys, items and missing pointers", () => {
    const src = parseJsonSource('{\n  "a": [\n    1,\n    {"b": 2}\n  ],\n  "c/d": 3\n}');
    expect(src.lineOf("")).toBe(1);
    expect(src.lineOf("/a")).toBe(2);
    expect(src.lineOf("/a/0")).toBe(3);
    expect(src.lineOf("/a/1/b")).toBe(4);
    expect(src.lineOf(`/${pointerSegment("c/d")}`)).toBe(6);
    expect(src.lineOf("/a/1/missing")).toBe(4); // nearest written ancestor
  });

  test.each([
    ["[1,]", "line 1, column 4: trailing comma before ]"],
    ['{"a":1,\n"a":2}', 'line 2, column 1: duplicate key "a"'],
    ['{"a" 1}', 'line 1, column 6: expected ":" after key "a", found "1"'],
    ['"abc', "line 1, column 1: unterminated string"],
    ["[1] x", 'line 1, column 5: unexpected "x" after the document'],
    ["{'a': 1}", 'line 1, column 2: expected a key in double quotes, found "\'"'],
    ['["\\q"]', "line 1, column 2: invalid escape in string"],
  ])("syntax error %s", (text, message) => {
    expect(() => parseJsonSource(text)).toThrow(JsonSourceError);
    expect(() => parseJsonSource(text)).toThrow(message);
  });
});
