import { createDestinationGuard, type FetchLike } from "./destination.ts";
import { runSenderContract } from "./sender.contract.ts";
import { verifyWebhook } from "./signature.ts";
import { webhookSender } from "./webhook.ts";
import { wechatSender } from "./wechat/index.ts";
import { startWechatMock } from "./wechat/mock-server.ts";

const webhookFixture = (fetch?: FetchLike) => async () => {
  const texts: string[] = [];
  let next: number | undefined;
  const server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const raw = await req.text();
      verifyWebhook("contract-secret", req.headers.get("x-kefu-signature"), raw, Date.now(), 300);
      const status = next;
      next = undefined;
      if (status) return new Response("no", { status });
      texts.push((JSON.parse(raw) as { text: string }).text);
      return new Response(null, { status: 204 });
    },
  });
  return {
    sender: webhookSender({
      url: `http://127.0.0.1:${server.port}/in`,
      secret: "contract-secret",
      timeoutMs: 2000,
      ...(fetch ? { fetch } : {}),
    }),
    delivered: () => texts,
    down: () => {
      next = 503;
    },
    refuse: () => {
      next = 410;
    },
    stop: () => server.stop(true),
  };
};

runSenderContract("webhook", webhookFixture());
// The runtime's path: through the SSRF guard (loopback allowed by address for the test).
runSenderContract(
  "webhook (destination guard)",
  webhookFixture(createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1"] }).fetch),
);

runSenderContract("wechat", async () => {
  const wx = startWechatMock({ appId: "wx-c", appSecret: "sec" });
  return {
    sender: wechatSender({ appId: "wx-c", appSecret: "sec", apiBase: wx.url, timeoutMs: 2000 }),
    delivered: () => wx.sent.map((s) => s.content),
    down: () => wx.script.push(-1),
    refuse: () => wx.script.push(45015),
    stop: () => wx.stop(),
  };
});
