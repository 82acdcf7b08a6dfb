import { afterAll, describe, expect, test } from "bun:test";
import { KefuError } from "../errors.ts";
import { createDestinationGuard, type Resolver, refusedRange } from "./destination.ts";
import { webhookSender } from "./webhook.ts";

const refuse = createDestinationGuard({ allowPrivate: false, allow: [] });

async function codeOf(p: Promise<unknown>): Promise<string> {
  const e = await p.then(
    () => undefined,
    (x: unknown) => x,
  );
  expect(e).toBeInstanceOf(KefuError);
  expect((e as KefuError).status).toBe(400);
  return (e as KefuError).code;
}

/** A local receiver that records what reached it. */
const hits: { path: string; host: string; body: string }[] = [];
const server = Bun.serve({
  port: 0,
  hostname: "127.0.0.1",
  async fetch(req) {
    const url = new URL(req.url);
    hits.push({ path: url.pathname, host: req.headers.get("host") ?? "", body: await req.text() });
    if (url.pathname === "/redirect") return new Response(null, { status: 302, headers: { location: "/target" } });
    return new Response("ok", { status: 200 });
  },
});
afterAll(() => server.stop(true));
const local = `127.0.0.1:${server.port}`;

describe("destination guard: refused addresses", () => {
  test.each([
    ["http://127.0.0.1/hook", "loopback"],
    ["http://127.1.2.3:8080/", "loopback"],
    ["http://169.254.169.254/latest/meta-data/", "cloud metadata"],
    ["http://10.0.0.7/", "private (10.0.0.0/8)"],
    ["http://172.20.1.1/", "private (172.16.0.0/12)"],
    ["https://192.168.1.10/", "private (192.168.0.0/16)"],
    ["http://100.64.0.1/", "carrier-grade NAT"],
    ["http://0.0.0.0/", "this network"],
    ["http://224.0.0.1/", "multicast"],
    ["http://[::1]/", "loopback"],
    ["http://[::ffff:127.0.0.1]/", "IPv4-mapped"],
    ["http://[::ffff:8.8.8.8]/", "IPv4-mapped"],
    ["http://[fd12:3456::1]/", "unique local"],
    ["http://[fe80::1]/", "link-local IPv6"],
    // Other spellings of 127.0.0.1 are normalised by the URL parser before the check.
    ["http://2130706433/", "loopback"],
    ["http://0x7f.1/", "loopback"],
  ])("%s is refused (%s)", async (url, range) => {
    const e = await refuse.check(url).catch((x: KefuError) => x);
    expect(e).toBeInstanceOf(KefuError);
    expect([(e as KefuError).status, (e as KefuError).code]).toEqual([400, "destination_forbidden"]);
    expect((e as KefuError).message).toContain(range);
  });

  test("a name resolving to loopback is refused (localhost, through the system resolver)", async () => {
    expect(await codeOf(refuse.check("http://localhost:9/hook"))).toBe("destination_forbidden");
  });

  test("a name is refused when any of its addresses is internal (an injected resolver)", async () => {
    const resolve: Resolver = async (host) =>
      host === "mixed.example"
        ? [
            { address: "93.184.216.34", family: 4 },
            { address: "10.1.1.1", family: 4 },
          ]
        : [{ address: "2606:2800:220:1::1", family: 6 }];
    const g = createDestinationGuard({ allowPrivate: false, allow: [], resolve });
    const e = await g.check("https://mixed.example/h").catch((x: KefuError) => x);
    expect((e as KefuError).message).toBe(
      "mixed.example resolves to 10.1.1.1: private (10.0.0.0/8) is an internal address range (see channels.allowPrivateDestinations)",
    );
    expect((await g.check("https://public.example/h")).hostname).toBe("public.example");
  });

  test("bad schemes, credentials and non-URLs are destination_invalid", async () => {
    for (const url of [
      "ftp://files.example/x",
      "file:///etc/passwd",
      "gopher://x.example/",
      "https://user:pw@hooks.example/",
      "https://token@hooks.example/",
      "not a url",
    ])
      expect(await codeOf(refuse.check(url))).toBe("destination_invalid");
  });

  test("an unresolvable name is a retryable destination_unresolvable", async () => {
    const g = createDestinationGuard({
      allowPrivate: false,
      allow: [],
      resolve: async () => {
        throw new Error("ENOTFOUND");
      },
    });
    const e = (await g.check("https://nowhere.example/").catch((x) => x)) as KefuError;
    expect([e.code, e.retryable]).toEqual(["destination_unresolvable", true]);
  });

  test("public addresses pass; refusedRange names nothing for them", async () => {
    expect(refusedRange("93.184.216.34")).toBeUndefined();
    expect(refusedRange("2606:2800:220:1::1")).toBeUndefined();
    expect((await refuse.check("https://93.184.216.34/hook")).host).toBe("93.184.216.34");
  });

  test("the operator's allowlist (IP or CIDR) and allowPrivate lift the refusal; a bad entry is refused", async () => {
    const g = createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1", "10.0.0.0/8"] });
    await g.check("http://127.0.0.1/x");
    await g.check("http://10.9.9.9/x");
    expect(await codeOf(g.check("http://192.168.0.1/"))).toBe("destination_forbidden");
    await createDestinationGuard({ allowPrivate: true, allow: [] }).check("http://169.254.169.254/");
    expect(() => createDestinationGuard({ allowPrivate: false, allow: ["10.0.0.0/33"] })).toThrow(
      "is not an IP address or CIDR",
    );
  });
});

describe("destination guard: fetch", () => {
  test("refuses an internal IP before connecting", async () => {
    const before = hits.length;
    expect(await codeOf(refuse.fetch(`http://${local}/x`, { method: "POST", body: "{}" }))).toBe(
      "destination_forbidden",
    );
    expect(hits.length).toBe(before);
  });

  test("an allowed destination gets the request: method, headers, body", async () => {
    const g = createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1"] });
    const res = await g.fetch(`http://${local}/in`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":"退款"}',
    });
    expect([res.status, await res.text()]).toEqual([200, "ok"]);
    expect(hits.at(-1)).toEqual({ path: "/in", host: local, body: '{"a":"退款"}' });
  });

  test("connects to the address it checked: a name is dialled at the resolver's address, Host kept", async () => {
    const g = createDestinationGuard({
      allowPrivate: false,
      allow: ["127.0.0.1"],
      resolve: async () => [{ address: "127.0.0.1", family: 4 }],
    });
    const res = await g.fetch(`http://hooks.invalid:${server.port}/named`, { method: "POST", body: "x" });
    expect(res.status).toBe(200);
    expect(hits.at(-1)).toMatchObject({ path: "/named", host: `hooks.invalid:${server.port}` });
  });

  test("DNS rebinding: a name that passed check() but resolves internal at connect time is refused", async () => {
    let calls = 0;
    const g = createDestinationGuard({
      allowPrivate: false,
      allow: [],
      resolve: async () => [{ address: calls++ === 0 ? "93.184.216.34" : "127.0.0.1", family: 4 }],
    });
    await g.check(`http://rebind.example:${server.port}/`);
    const before = hits.length;
    expect(await codeOf(g.fetch(`http://rebind.example:${server.port}/x`, { method: "POST", body: "{}" }))).toBe(
      "destination_forbidden",
    );
    expect(hits.length).toBe(before);
  });

  test("redirects are not followed: the 3xx comes back as is", async () => {
    const g = createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1"] });
    const res = await g.fetch(`http://${local}/redirect`, { method: "POST", body: "{}" });
    expect([res.status, res.headers.get("location")]).toEqual([302, "/target"]);
    expect(hits.some((h) => h.path === "/target")).toBe(false);
  });

  test("an aborted request rejects", async () => {
    const g = createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1"] });
    const signal = AbortSignal.abort(new Error("gave up"));
    await expect(g.fetch(`http://${local}/x`, { method: "POST", body: "{}", signal })).rejects.toThrow("gave up");
  });
});

describe("webhook channel sender through the guard", () => {
  const m = {
    channel: "webhook:shop",
    userId: "u1",
    tenantId: "t1",
    sessionId: "s1",
    seq: 2,
    text: "hi",
    actor: "bot" as const,
    atUnixMs: 0,
  };
  const failure = (p: Promise<void>) =>
    p.then(
      () => undefined as unknown as KefuError,
      (e: KefuError) => e,
    );

  test("an internal URL fails for good with destination_forbidden; nothing is sent", async () => {
    const before = hits.length;
    const e = await failure(
      webhookSender({ url: `http://${local}/in`, secret: "s", timeoutMs: 2000, fetch: refuse.fetch }).send(m),
    );
    expect([e.code, e.retryable]).toEqual(["destination_forbidden", false]);
    expect(hits.length).toBe(before);
  });

  test("a redirect is not followed: a permanent redirect_refused naming the status", async () => {
    const g = createDestinationGuard({ allowPrivate: false, allow: ["127.0.0.1"] });
    const e = await failure(
      webhookSender({ url: `http://${local}/redirect`, secret: "s", timeoutMs: 2000, fetch: g.fetch }).send(m),
    );
    expect([e.code, e.retryable]).toEqual(["redirect_refused", false]);
    expect(e.message).toContain("HTTP 302 redirect to /target not followed");
    expect(hits.some((h) => h.path === "/target")).toBe(false);
  });
});
