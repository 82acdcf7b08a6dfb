import { expect, test } from "bun:test";
import { createLogger } from "./logger.ts";

const capture = (level: Parameters<typeof createLogger>[0] = "debug") => {
  const lines: Record<string, unknown>[] = [];
  return { lines, log: createLogger(level, (l) => lines.push(JSON.parse(l))) };
};

test("one JSON object per line with level, message and fields; lines below the level are dropped", () => {
  const { lines, log } = capture("info");
  log.debug("hidden");
  log.child({ sessionId: "s1" }).info("hello", { n: 1 });
  expect(lines).toEqual([{ t: expect.any(String), level: "info", msg: "hello", sessionId: "s1", n: 1 }]);
});

test("secrets are redacted by field name, wherever they are nested", () => {
  const { lines, log } = capture();
  log.warn("upstream refused", {
    headers: { authorization: "Bearer sk-live-abc", "x-api-key": "k-123", accept: "json" },
    token: "eyJhbGciOi",
    password: "hunter2",
    promptTokens: 12,
  });
  expect(lines[0]).toMatchObject({
    headers: { authorization: "[redacted]", "x-api-key": "[redacted]", accept: "json" },
    token: "[redacted]",
    password: "[redacted]",
    promptTokens: 12,
  });
  expect(JSON.stringify(lines[0])).not.toContain("sk-live-abc");
});

test("phone and ID numbers are masked in the message, fields and errors", () => {
  const { lines, log } = capture();
  log.error("visitor 13812345678 failed", {
    text: "我的身份证 11010519491231002X",
    error: new Error("lookup of 13812345678 failed"),
  });
  const line = JSON.stringify(lines[0]);
  expect(line).not.toContain("13812345678");
  expect(line).not.toContain("11010519491231002X");
  expect(lines[0]).toMatchObject({ msg: "visitor *******5678 failed", text: "我的身份证 **************002X" });
  expect((lines[0]?.error as { message: string } | undefined)?.message).toBe("lookup of *******5678 failed");
});
