import { Database } from "bun:sqlite";
import { afterAll, describe, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { manualClock } from "../clock.ts";
import { decodeEvent, encodeEvent } from "../events.ts";
import { createSqliteEventStore } from "../storage/event-store.sqlite.ts";
import type { EventStore } from "../storage/event-store.ts";
import {
  type AuditEntry,
  canonicalJson,
  createAuditLog,
  GENESIS,
  MAX_STATE_BYTES,
  PLATFORM_TENANT,
} from "./audit-log.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-audit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;
const openStore = () => createSqliteEventStore({ path: join(dir, `events-${n++}.db`) });
const actor = { kind: "api_key", role: "admin", subject: "key:ab12", keyId: "ab12" };
const entry = (i: number, tenantId = "acme"): AuditEntry => ({
  tenantId,
  actor,
  action: "kb.document.put",
  target: `kb:faq/doc:d${i}`,
  before: i > 0 ? { title: `v${i - 1}` } : undefined,
  after: { title: `v${i}` },
});

/** A store whose reads pass through `edit` (a row changed behind kefu's back). */
function tampered(
  store: EventStore,
  edit: (e: ReturnType<typeof decodeEvent>) => ReturnType<typeof decodeEvent> | null,
): EventStore {
  return {
    ...store,
    readAfter: async (s, a, l) =>
      (await store.readAfter(s, a, l)).map(edit).filter((e): e is ReturnType<typeof decodeEvent> => e !== null),
  };
}

describe("audit log", () => {
  test("records carry actor, time, target and before/after, chained by hash; read pages them", async () => {
    const store = openStore();
    const clock = manualClock(Date.UTC(2026, 10, 24, 1, 0, 0));
    const audit = createAuditLog({ store, clock });
    const a = await audit.record(entry(0));
    clock.advance(1000);
    const b = await audit.record(entry(1));
    expect(a).toMatchObject({
      v: 1,
      seq: 1,
      at: "2026-11-24T01:00:00.000Z",
      tenantId: "acme",
      actor,
      action: "kb.document.put",
      target: "kb:faq/doc:d0",
      before: null,
      after: { title: "v0" },
      prev: GENESIS,
    });
    expect(b.prev).toBe(a.hash);
    expect(b.before).toEqual({ title: "v0" });
    expect(b.hash).toBe(new Bun.CryptoHasher("sha256").update(canonicalJson({ ...b, hash: undefined })).digest("hex"));
    expect(await audit.read("acme", 0, 10)).toEqual([a, b]);
    expect(await audit.read("acme", 1, 10)).toEqual([b]);
    expect(await audit.verify("acme")).toEqual({ tenantId: "acme", ok: true, records: 2, head: b.hash });
    expect(await audit.verify("nobody")).toEqual({ tenantId: "nobody", ok: true, records: 0, head: GENESIS });
    await store.close();
  });

  test("streams are per tenant; a record without a tenant goes to _platform", async () => {
    const store = openStore();
    const audit = createAuditLog({ store });
    await audit.record(entry(0, "a"));
    await audit.record(entry(0, "b"));
    await audit.record({ actor, action: "config.llm.put", target: "config:llm" });
    expect((await audit.read("a", 0, 10)).map((r) => r.tenantId)).toEqual(["a"]);
    expect((await audit.read(PLATFORM_TENANT, 0, 10)).map((r) => r.action)).toEqual(["config.llm.put"]);
    await store.close();
  });

  test("a new log over an existing stream chains after its last record (restart)", async () => {
    const path = join(dir, "restart.db");
    const s1 = createSqliteEventStore({ path });
    const first = await createAuditLog({ store: s1 }).record(entry(0));
    await s1.close();
    const s2 = createSqliteEventStore({ path });
    const audit = createAuditLog({ store: s2 });
    expect((await audit.record(entry(1))).prev).toBe(first.hash);
    expect((await audit.verify("acme")).ok).toBe(true);
    await s2.close();
  });

  test("concurrent records in one process are serialised into one chain", async () => {
    const store = openStore();
    const audit = createAuditLog({ store });
    await Promise.all(Array.from({ length: 20 }, (_, i) => audit.record(entry(i))));
    expect(await audit.verify("acme")).toMatchObject({ ok: true, records: 20 });
    await store.close();
  });

  test("two logs on one store (two nodes) never fork the chain: the loser of a position chains after the winner", async () => {
    const store = openStore();
    const a = createAuditLog({ store });
    const b = createAuditLog({ store });
    await a.record(entry(0));
    await b.record(entry(1)); // b reads the tail: position 2
    await a.record(entry(2)); // a still thinks the tail is 1: collides on position 2, re-reads, takes 3
    await Promise.all([a.record(entry(3)), b.record(entry(4))]);
    expect(await a.verify("acme")).toMatchObject({ ok: true, records: 5 });
    await store.close();
  });

  test("an edited record, an edited hash, a deleted record and a swapped order are each detected", async () => {
    const store = openStore();
    const audit = createAuditLog({ store });
    for (let i = 0; i < 4; i++) await audit.record(entry(i));
    const text = (e: ReturnType<typeof decodeEvent>, f: (t: string) => string) =>
      e.body.type === "message" ? { ...e, body: { ...e.body, text: f(e.body.text) } } : e;
    const edited = tampered(store, (e) => (e.seq === 2 ? text(e, (t) => t.replace('"v1"', '"v9"')) : e));
    expect((await createAuditLog({ store: edited }).verify("acme")).broken).toEqual({
      seq: 2,
      reason: "the record's content does not match its hash",
    });
    // Edited content with a recomputed hash: the next record no longer chains to it.
    const rehashed = tampered(store, (e) => {
      if (e.seq !== 2 || e.body.type !== "message") return e;
      const t = e.body.text.replace('"v1"', '"v9"');
      const hash = new Bun.CryptoHasher("sha256").update(t).digest("hex");
      return { ...e, body: { ...e.body, text: t, attributes: { kind: "audit", hash } } };
    });
    expect((await createAuditLog({ store: rehashed }).verify("acme")).broken).toEqual({
      seq: 3,
      reason: "the record does not chain to the previous one",
    });
    const deleted = tampered(store, (e) => (e.seq === 3 ? null : e));
    expect((await createAuditLog({ store: deleted }).verify("acme")).broken?.seq).toBe(4);
    const r = await createAuditLog({ store: deleted }).verify("acme");
    expect([r.ok, r.records, r.broken?.reason]).toEqual([false, 2, "expected record 3, found 4: records are missing"]);
    await store.close();
  });

  test("tampering with the stored row on disk is detected", async () => {
    const path = join(dir, "disk.db");
    const store = createSqliteEventStore({ path });
    const audit = createAuditLog({ store });
    for (let i = 0; i < 3; i++) await audit.record(entry(i));
    await store.close();
    const db = new Database(path);
    const row = db
      .query<{ payload: Uint8Array }, []>(
        "SELECT payload FROM session_events WHERE session_id = 'audit:acme' AND seq = 2",
      )
      .get();
    const ev = decodeEvent(row?.payload as Uint8Array);
    if (ev.body.type === "message") ev.body.text = ev.body.text.replace('"key:ab12"', '"someone-else"');
    db.query("UPDATE session_events SET payload = ? WHERE session_id = 'audit:acme' AND seq = 2").run(encodeEvent(ev));
    db.close();
    const s2 = createSqliteEventStore({ path });
    expect((await createAuditLog({ store: s2 }).verify("acme")).broken?.seq).toBe(2);
    await s2.close();
  });

  test("before/after larger than MAX_STATE_BYTES are kept as their size and hash", async () => {
    const store = openStore();
    const r = await createAuditLog({ store }).record({ ...entry(0), after: { big: "x".repeat(MAX_STATE_BYTES) } });
    expect(r.after).toMatchObject({ truncated: true, bytes: MAX_STATE_BYTES + 10 });
    await store.close();
  });
});
