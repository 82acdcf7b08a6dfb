import { describe, expect, test } from "bun:test";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { generate } from "./generate.ts";
import { kefu } from "./index.ts";

describe("proto codegen", () => {
  test("the committed proto/gen matches what the .proto files generate", () => {
    const tmp = mkdtempSync(join(tmpdir(), "kefu-proto-test-"));
    try {
      const fresh = generate(tmp);
      expect(readFileSync(join(import.meta.dir, "gen", "kefu.js"), "utf8")).toBe(readFileSync(fresh.js, "utf8"));
      expect(readFileSync(join(import.meta.dir, "gen", "kefu.d.ts"), "utf8")).toBe(readFileSync(fresh.dts, "utf8"));
    } finally {
      rmSync(tmp, { recursive: true, force: true });
    }
  });

  test("a Frame round-trips through binary and the proto3 JSON mapping", () => {
    const frame = kefu.v1.Frame.create({
      id: "f1",
      send: { sessionId: "s1", message: { clientMsgId: "c1", text: "你好", attributes: { lang: "zh" } } },
    });
    const bytes = kefu.v1.Frame.encode(frame).finish();
    const back = kefu.v1.Frame.decode(bytes);
    expect(back.kind).toBe("send");
    expect(back.send?.message?.text).toBe("你好");
    const json = kefu.v1.Frame.toObject(back, { oneofs: false, defaults: false });
    expect(json).toEqual({
      id: "f1",
      send: { sessionId: "s1", message: { clientMsgId: "c1", text: "你好", attributes: { lang: "zh" } } },
    });
    expect(kefu.v1.Frame.fromObject(json).send?.sessionId).toBe("s1");
  });

  test("malformed bytes are rejected by the decoder", () => {
    expect(() => kefu.v1.Frame.decode(new Uint8Array([0x0a, 0xff, 0xff, 0xff]))).toThrow();
  });
});
