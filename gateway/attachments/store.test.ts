// The attachment stores' one contract, run on the file store and on PostgreSQL (real server).
import { afterAll, describe, expect, test } from "bun:test";
import { randomBytes } from "node:crypto";
import { requirePgUrl } from "../../engine/testing/postgres.ts";
import { tempDir } from "../test/utils.ts";
import {
  type AttachmentRecord,
  type AttachmentStore,
  createFileAttachmentStore,
  createPostgresAttachmentStore,
} from "./store.ts";

const tmp = tempDir("kefu-attach-store-");
const stores: AttachmentStore[] = [];
afterAll(async () => {
  for (const s of stores) await s.close();
  tmp.cleanup();
});

const makers: ["file" | "postgres", () => AttachmentStore][] = [
  ["file", () => createFileAttachmentStore(tmp.dir)],
  ["postgres", () => createPostgresAttachmentStore({ url: requirePgUrl() })],
];

const bytesOf = async (b: Blob | Uint8Array | undefined) =>
  b === undefined ? undefined : new Uint8Array(b instanceof Blob ? await b.arrayBuffer() : b);

for (const [kind, make] of makers) {
  describe(`${kind} attachment store`, () => {
    test("stores a record with its bytes, finds and reads it back, counts per session", async () => {
      const s = make();
      stores.push(s);
      expect(s.kind).toBe(kind);
      const session = `s-${randomBytes(6).toString("hex")}`;
      const rec = (n: number): AttachmentRecord => ({
        id: randomBytes(12).toString("base64url"),
        tenantId: "t1",
        sessionId: session,
        mime: "image/png",
        bytes: n,
        name: `photo ${n}.png`,
        atUnixMs: 1_795_000_000_000 + n,
      });
      expect(await s.count(session)).toBe(0);
      const a = rec(3);
      const b = rec(5);
      await s.put(a, new Uint8Array([1, 2, 3]));
      await s.put(b, new Uint8Array([9, 8, 7, 6, 5]));
      expect(await s.count(session)).toBe(2);
      expect(await s.find(a.id)).toEqual(a);
      expect(await bytesOf(await s.read(b.id))).toEqual(new Uint8Array([9, 8, 7, 6, 5]));
      expect(await s.find("no-such-id")).toBeUndefined();
      expect(await s.read("no-such-id")).toBeUndefined();
      // Ids are unique: a second put of the same id fails instead of replacing the bytes.
      expect(s.put(a, new Uint8Array([0]))).rejects.toThrow();
      expect(await bytesOf(await s.read(a.id))).toEqual(new Uint8Array([1, 2, 3]));
    });
  });
}

test("a second PostgreSQL store (another node) reads what the first stored", async () => {
  const one = createPostgresAttachmentStore({ url: requirePgUrl() });
  const two = createPostgresAttachmentStore({ url: requirePgUrl() });
  stores.push(one, two);
  const id = randomBytes(12).toString("base64url");
  await one.put(
    { id, tenantId: "t2", sessionId: "s-x", mime: "image/gif", bytes: 2, name: "a.gif", atUnixMs: 1 },
    new Uint8Array([0x47, 0x49]),
  );
  expect((await two.find(id))?.tenantId).toBe("t2");
  expect(await bytesOf(await two.read(id))).toEqual(new Uint8Array([0x47, 0x49]));
});

test("an unreachable PostgreSQL is a typed 503 storage_unavailable", async () => {
  const s = createPostgresAttachmentStore({ url: "postgres://kefu:kefu@127.0.0.1:1/kefu", connectTimeoutMs: 500 });
  stores.push(s);
  const e = await s.find("x").catch((err: unknown) => err);
  expect(e).toMatchObject({ code: "storage_unavailable", status: 503 });
});
