// Image attachments over real HTTP: bounds, sniffed types, access by session and tenant.
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { sniffImage } from "./index.ts";

// The smallest valid images of each kind (1×1 pixel).
const PNG = Buffer.from(
  "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==",
  "base64",
);
const GIF = Buffer.from("R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7", "base64");
const JPEG_HEAD = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46]);
const WEBP_HEAD = Buffer.concat([Buffer.from("RIFF"), Buffer.from([0x1a, 0, 0, 0]), Buffer.from("WEBPVP8 ")]);

let h: RealtimeHarness;
beforeAll(async () => {
  h = await realtimeHarness({ KEFU_REALTIME_ATTACHMENT_MAX_BYTES: "4096", KEFU_REALTIME_ATTACHMENTS_PER_SESSION: "3" });
});
afterAll(() => h.close());

const visitor = async (tenantId = "t1") =>
  (await (
    await fetch(`${h.gw.url}/v1/visitor/sessions`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ tenantId }),
    })
  ).json()) as { sessionId: string; token: string };

const upload = (token: string, body: Uint8Array | string, name = "photo.png", type = "image/png") =>
  fetch(`${h.gw.url}/v1/visitor/attachments?name=${encodeURIComponent(name)}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": type },
    body,
  });

const download = (id: string, token: string) =>
  fetch(`${h.gw.url}/v1/attachments/${id}`, { headers: { authorization: `Bearer ${token}` } });

const errorCode = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code;

describe("sniffImage", () => {
  test("PNG, JPEG, GIF and WebP by their first bytes; anything else is none", () => {
    expect(sniffImage(PNG)).toBe("image/png");
    expect(sniffImage(GIF)).toBe("image/gif");
    expect(sniffImage(JPEG_HEAD)).toBe("image/jpeg");
    expect(sniffImage(WEBP_HEAD)).toBe("image/webp");
    expect(sniffImage(Buffer.from("<!doctype html><script>alert(1)</script>"))).toBeUndefined();
    expect(sniffImage(Buffer.from("RIFF\0\0\0\0WAVE"))).toBeUndefined();
    expect(sniffImage(new Uint8Array(0))).toBeUndefined();
  });
});

describe("POST /v1/visitor/attachments and GET /v1/attachments/:id", () => {
  test("an image is stored and served back to its session with the sniffed type and nosniff", async () => {
    const v = await visitor();
    // The Content-Type says JPEG; the bytes say PNG: the bytes win.
    const res = await upload(v.token, PNG, "../../etc/pass\u0000wd.png", "image/jpeg");
    expect(res.status).toBe(201);
    const a = (await res.json()) as { id: string; mime: string; bytes: number; name: string };
    expect(a).toMatchObject({ mime: "image/png", bytes: PNG.length, name: "passwd.png" });
    const got = await download(a.id, v.token);
    expect(got.status).toBe(200);
    expect(got.headers.get("content-type")).toBe("image/png");
    expect(got.headers.get("x-content-type-options")).toBe("nosniff");
    expect(got.headers.get("content-security-policy")).toContain("sandbox");
    expect(Buffer.from(await got.arrayBuffer()).equals(PNG)).toBe(true);
  });

  test("over realtime.attachmentMaxBytes is 413 attachment_too_large, declared or streamed", async () => {
    const v = await visitor();
    const big = Buffer.concat([PNG, Buffer.alloc(5000)]);
    const declared = await upload(v.token, big);
    expect(declared.status).toBe(413);
    expect(await errorCode(declared)).toBe("attachment_too_large");
    const streamed = await fetch(`${h.gw.url}/v1/visitor/attachments`, {
      method: "POST",
      headers: { authorization: `Bearer ${v.token}`, "content-type": "image/png" },
      body: new ReadableStream<Uint8Array>({
        start(c) {
          for (let i = 0; i < 8; i++) c.enqueue(new Uint8Array(1024));
          c.close();
        },
      }),
    });
    expect(streamed.status).toBe(413);
    expect(await errorCode(streamed)).toBe("attachment_too_large");
  });

  test("an HTML file named .png with an image Content-Type is 415 unsupported_media_type; an empty body 400", async () => {
    const v = await visitor();
    const html = await upload(v.token, "<html><img src=x onerror=alert(1)></html>", "cat.png", "image/png");
    expect(html.status).toBe(415);
    expect(await errorCode(html)).toBe("unsupported_media_type");
    const empty = await upload(v.token, new Uint8Array(0));
    expect(empty.status).toBe(400);
  });

  test("another session's (or tenant's) attachment is 404, so is no credential; an agent of the tenant may see it", async () => {
    const owner = await visitor();
    const a = (await (await upload(owner.token, GIF, "x.gif")).json()) as { id: string; mime: string };
    expect(a.mime).toBe("image/gif");
    const other = await visitor();
    const denied = await download(a.id, other.token);
    expect(denied.status).toBe(404);
    expect(await errorCode(denied)).toBe("not_found");
    expect((await download(a.id, (await visitor("t2")).token)).status).toBe(404);
    expect((await fetch(`${h.gw.url}/v1/attachments/${a.id}`)).status).toBe(404);
    expect((await download("no-such-id", owner.token)).status).toBe(404);
    const agent = await h.agent("a-att", "t1", { online: false });
    expect((await download(a.id, agent.token)).status).toBe(200);
    const foreign = await h.agent("a-att2", "t2", { online: false });
    expect((await download(a.id, foreign.token)).status).toBe(404);
  });

  test("only visitor tokens upload; a session uploads at most attachmentsPerSession files (429)", async () => {
    const agent = await h.agent("a-up", "t1", { online: false });
    const refused = await upload(agent.token, PNG);
    expect(refused.status).toBe(403);
    const v = await visitor();
    for (let i = 0; i < 3; i++) expect((await upload(v.token, PNG)).status).toBe(201);
    const over = await upload(v.token, PNG);
    expect(over.status).toBe(429);
    expect(await errorCode(over)).toBe("too_many_attachments");
  });
});

describe("messages that refer to uploads", () => {
  test("a message may name only its own session's uploads; the attribute is rebuilt from the stored record", async () => {
    const v = await h.visitor("t1"); // welcomed
    const mine = (await (await upload(v.token, PNG, "mine.png")).json()) as { id: string };
    const other = await visitor();
    const theirs = (await (await upload(other.token, GIF, "theirs.gif")).json()) as { id: string };
    const send = (id: string, clientMsgId: string, attachments: string) =>
      v.c.send({
        id,
        send: { sessionId: v.sessionId, message: { clientMsgId, text: "photo", attributes: { attachments } } },
      });

    // Another session's upload: refused with a typed error frame, nothing stored.
    send("f1", "m1", JSON.stringify([{ id: theirs.id, mime: "image/gif", bytes: 1 }]));
    expect(await v.c.next((f) => (f.error?.ref === "f1" ? f.error : undefined))).toMatchObject({
      code: "invalid_attachment",
    });
    send("f2", "m2", "not json");
    expect((await v.c.next((f) => (f.error?.ref === "f2" ? f.error : undefined))).code).toBe("invalid_attachment");

    // Its own upload with a forged type and size: stored with what was really uploaded.
    send("f3", "m3", JSON.stringify([{ id: mine.id, mime: "text/html", bytes: 999_999, name: "x.html" }]));
    const ack = await v.c.next((f) => f.ack);
    const stored = (await h.gw.backends.eventStore.readAfter(v.sessionId, 0, 100)).flatMap((e) =>
      e.body.type === "message" ? [e] : [],
    );
    expect(stored.map((e) => e.body.type === "message" && e.body.clientMsgId)).toEqual(["m3"]);
    const body = stored[0]?.body;
    expect(body?.type === "message" && JSON.parse(body.attributes?.attachments ?? "[]")).toEqual([
      { id: mine.id, mime: "image/png", bytes: PNG.length, name: "mine.png" },
    ]);
    expect(Number(ack.seq)).toBe(stored[0]?.seq ?? -1);
  });
});
