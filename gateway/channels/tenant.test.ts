// Webhook channels a tenant configures itself: its own secret, its own sessions, its own reply URL.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { SIGNATURE_HEADER, signWebhook } from "../../engine/channels/signature.ts";
import { signedReceiver, until } from "../../engine/channels/testing.ts";
import { ADMIN_KEY, type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { statusAndCode } from "../test/utils.ts";

let h: RealtimeHarness;
let channelSecret = "";
const rx = signedReceiver({ secret: () => channelSecret, now: () => h.clock.now() });
const { got, refused } = rx;
const admin = { authorization: `Bearer ${ADMIN_KEY}`, "content-type": "application/json" };

beforeAll(async () => {
  // No operator webhook channel: only the tenants' own.
  h = await realtimeHarness({ KEFU_CHANNELS_ALLOWED_DESTINATIONS: "127.0.0.1" });
  for (const id of ["acme", "globex"])
    await fetch(`${h.gw.url}/v1/admin/tenants`, { method: "POST", headers: admin, body: JSON.stringify({ id }) });
});
afterAll(async () => {
  await h.close();
  rx.stop();
});

const api = (path: string, init: RequestInit = {}, headers: Record<string, string> = admin) =>
  fetch(`${h.gw.url}${path}`, { ...init, headers });
const inbound = (name: string, secret: string, body: unknown) => {
  const raw = JSON.stringify(body);
  const ts = Math.floor(h.clock.now() / 1000);
  return fetch(`${h.gw.url}/v1/channels/webhook/${name}`, {
    method: "POST",
    headers: { "content-type": "application/json", [SIGNATURE_HEADER]: signWebhook(secret, ts, raw) },
    body: raw,
  });
};

describe("tenant webhook channels", () => {
  test("create: 201 with the secret once; names are unique across tenants; outbound URLs pass the SSRF guard", async () => {
    const res = await api("/v1/tenants/acme/channels/webhook", {
      method: "POST",
      body: JSON.stringify({ name: "acme-shop", outbound_url: rx.url("/replies") }),
    });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, string>;
    expect(created).toMatchObject({
      kind: "webhook",
      name: "acme-shop",
      tenant_id: "acme",
      inbound_path: "/v1/channels/webhook/acme-shop",
    });
    expect(created.secret).toMatch(/^chsec_/);
    channelSecret = created.secret ?? "";
    const taken = await api("/v1/tenants/globex/channels/webhook", {
      method: "POST",
      body: JSON.stringify({ name: "acme-shop" }),
    });
    expect(await statusAndCode(taken)).toEqual([409, "channel_exists"]);
    const ssrf = await api("/v1/tenants/globex/channels/webhook", {
      method: "POST",
      body: JSON.stringify({ name: "globex-shop", outbound_url: "http://169.254.169.254/latest" }),
    });
    expect(await statusAndCode(ssrf)).toEqual([400, "destination_forbidden"]);
    const list = (await (await api("/v1/tenants/acme/channels")).json()) as { channels: { name: string }[] };
    expect(list.channels.map((c) => c.name)).toEqual(["acme-shop"]);
    expect(JSON.stringify(list)).not.toContain(channelSecret);
  });

  test("inbound is verified with the channel's own secret and lands in the tenant's session; the reply goes to its URL", async () => {
    expect(
      await statusAndCode(
        await inbound("acme-shop", "someone-elses-secret", { user_id: "u", message_id: "m", text: "hi" }),
      ),
    ).toEqual([401, "signature_invalid"]);
    const res = await inbound("acme-shop", channelSecret, {
      user_id: "cust-1",
      message_id: "m-1",
      text: "How long does a refund take?",
    });
    expect(res.status).toBe(200);
    const { session_id } = (await res.json()) as { session_id: string };
    const events = await h.gw.backends.eventStore.readAfter(session_id, 0, 10);
    expect(events[0]?.tenantId).toBe("acme");
    const reply = await until("the bot's reply", () => got.find((g) => g.body.session_id === session_id)?.body);
    expect(reply).toMatchObject({ channel: "webhook:acme-shop", user_id: "cust-1", actor: "bot" });
    expect(refused).toEqual([]);
  });

  test("RBAC: another tenant's key cannot list or delete it", async () => {
    const key = await api("/v1/tenants/globex/keys", {
      method: "POST",
      body: JSON.stringify({ name: "g", role: "admin" }),
    });
    const other = { authorization: `Bearer ${((await key.json()) as { key: string }).key}` };
    expect(await statusAndCode(await api("/v1/tenants/acme/channels", {}, other))).toEqual([403, "tenant_forbidden"]);
    expect(
      await statusAndCode(await api("/v1/tenants/globex/channels/webhook/acme-shop", { method: "DELETE" }, other)),
    ).toEqual([404, "not_found"]);
  });

  test("a channel without an outbound URL queues no replies; a deleted channel no longer receives", async () => {
    const res = await api("/v1/tenants/globex/channels/webhook", {
      method: "POST",
      body: JSON.stringify({ name: "globex-in" }),
    });
    const { secret } = (await res.json()) as { secret: string };
    const r = await inbound("globex-in", secret, {
      user_id: "g1",
      message_id: "m-1",
      text: "How long does a refund take?",
    });
    const { session_id } = (await r.json()) as { session_id: string };
    // The bot answers (a stored bot message): with nowhere to send it, nothing is queued.
    for (let i = 0; i < 400; i++) {
      const events = await h.gw.backends.eventStore.readAfter(session_id, 0, 10);
      if (events.some((e) => e.actor.kind === "bot")) break;
      await Bun.sleep(10);
    }
    expect((await h.gw.backends.eventStore.readAfter(session_id, 0, 10)).some((e) => e.actor.kind === "bot")).toBe(
      true,
    );
    await h.gw.channels.delivery.idle();
    expect(got.some((g) => g.body.session_id === session_id)).toBe(false);
    expect(await h.gw.channels.store.deadLetters(100)).toEqual([]);
    expect((await api("/v1/tenants/globex/channels/webhook/globex-in", { method: "DELETE" })).status).toBe(204);
    // No operator webhook channel to fall back to: the name is now unknown.
    expect(
      await statusAndCode(await inbound("globex-in", secret, { user_id: "g1", message_id: "m-2", text: "hi" })),
    ).toEqual([404, "channel_disabled"]);
  });
});
