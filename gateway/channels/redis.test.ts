// Channels on the Redis bus: stored events reach this node's sockets through the session
// relay, not through the service's Fanout; the channel tap must see them there too, once.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { SIGNATURE_HEADER, signWebhook, verifyWebhook } from "../../engine/channels/signature.ts";
import { testPrefix, testRedisUrl } from "../../engine/cluster/test-redis.ts";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";

const SECRET = "redis-channel-secret-0123";
let h: RealtimeHarness;
const got: Record<string, unknown>[] = [];
let server: ReturnType<typeof Bun.serve>;

beforeAll(async () => {
  server = Bun.serve({
    port: 0,
    hostname: "127.0.0.1",
    async fetch(req) {
      const raw = await req.text();
      verifyWebhook(SECRET, req.headers.get(SIGNATURE_HEADER), raw, h.clock.now(), 300);
      got.push(JSON.parse(raw));
      return new Response(null, { status: 204 });
    },
  });
  h = await realtimeHarness({
    KEFU_STORAGE_BUS: "redis",
    KEFU_STORAGE_HOT_HISTORY: "redis",
    KEFU_STORAGE_REDIS_URL: testRedisUrl(),
    KEFU_STORAGE_REDIS_KEY_PREFIX: testPrefix(),
    KEFU_CHANNELS_WEBHOOK_SECRET: SECRET,
    KEFU_CHANNELS_WEBHOOK_OUTBOUND_URL: `http://127.0.0.1:${server.port}/hook`,
    KEFU_CHANNELS_ALLOWED_DESTINATIONS: "127.0.0.1",
  });
});
afterAll(async () => {
  await h.close();
  server.stop(true);
});

test("with the Redis bus, the bot's answer to a webhook user is delivered exactly once", async () => {
  const raw = JSON.stringify({ user_id: "r-1", message_id: "m-1", text: "How long does a refund take?" });
  const res = await fetch(`${h.gw.url}/v1/channels/webhook/shop`, {
    method: "POST",
    headers: { [SIGNATURE_HEADER]: signWebhook(SECRET, Math.floor(h.clock.now() / 1000), raw) },
    body: raw,
  });
  expect(res.status).toBe(200);
  const { session_id } = (await res.json()) as { session_id: string };
  for (let i = 0; i < 500 && !got.some((g) => g.session_id === session_id); i++) await Bun.sleep(10);
  await Bun.sleep(50); // a second (duplicate) delivery would arrive in this time
  await h.gw.channels.delivery.idle();
  const mine = got.filter((g) => g.session_id === session_id);
  expect(mine.map((g) => g.actor)).toEqual(["bot"]);
  expect(String(mine[0]?.text)).toContain("refund");
});
