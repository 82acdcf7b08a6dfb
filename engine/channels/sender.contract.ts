/**
 * The contract every outbound channel sender passes (engine/channels/delivery.ts
 * decides retries on `retryable`): a message is delivered once per `send`; an
 * endpoint that is down fails with a retryable KefuError; a permanent refusal fails
 * with a non-retryable one.
 *
 * @example
 *   runSenderContract("webhook", async () => ({ sender, delivered, down, refuse, stop }));
 */
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { KefuError } from "../errors.ts";
import type { OutboundMessage, OutboundSender } from "./delivery.ts";

/** A sender wired to a local endpoint the contract can steer. */
export interface SenderFixture {
  sender: OutboundSender;
  /** The texts the endpoint accepted, in order. */
  delivered(): string[];
  /** The next send meets an unavailable endpoint. */
  down(): void;
  /** The next send is refused for good. */
  refuse(): void;
  stop(): void | Promise<void>;
}

/**
 * Runs the contract against one sender.
 *
 * @example
 *   runSenderContract("wechat", makeWechatFixture);
 */
export function runSenderContract(name: string, make: () => Promise<SenderFixture>): void {
  describe(`outbound sender contract: ${name}`, () => {
    let f: SenderFixture;
    beforeAll(async () => {
      f = await make();
    });
    afterAll(() => f.stop());
    const m = (seq: number, text: string): OutboundMessage => ({
      channel: `${name}:c1`,
      userId: "user-1",
      tenantId: "t1",
      sessionId: "s1",
      seq,
      text,
      actor: "bot",
      atUnixMs: 1_700_000_000_000,
    });
    const failure = async (p: Promise<void>) => {
      const e = await p.then(
        () => undefined,
        (x: unknown) => x,
      );
      expect(e).toBeInstanceOf(KefuError);
      return (e as KefuError).retryable;
    };

    test("delivers each message once, in the order sent, unicode intact", async () => {
      await f.sender.send(m(2, "hello"));
      await f.sender.send(m(3, "退款 3-5 个工作日 ✓"));
      expect(f.delivered()).toEqual(["hello", "退款 3-5 个工作日 ✓"]);
    });

    test("an unavailable endpoint is a retryable failure; the next try delivers", async () => {
      f.down();
      expect(await failure(f.sender.send(m(4, "later")))).toBe(true);
      await f.sender.send(m(4, "later"));
      expect(f.delivered().at(-1)).toBe("later");
    });

    test("a permanent refusal is not retryable", async () => {
      f.refuse();
      expect(await failure(f.sender.send(m(5, "never")))).toBe(false);
      expect(f.delivered()).not.toContain("never");
    });
  });
}
