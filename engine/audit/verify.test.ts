import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createSqliteIdentityStore } from "../auth/identity-store.sqlite.ts";
import { decodeEvent, encodeEvent } from "../events.ts";
import { createSqliteEventStore } from "../storage/event-store.sqlite.ts";
import { createAuditLog } from "./audit-log.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-audit-verify-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function run(...args: string[]) {
  const p = Bun.spawnSync([process.execPath, join(import.meta.dir, "verify.ts"), ...args], {
    env: { PATH: process.env.PATH ?? "", KEFU_DATA_DIR: dir },
    stdout: "pipe",
    stderr: "pipe",
  });
  return {
    code: p.exitCode,
    lines: p.stdout
      .toString()
      .trim()
      .split("\n")
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

test("bun engine/audit/verify.ts checks _platform and every tenant; exits 1 once a record is altered", async () => {
  const ids = createSqliteIdentityStore({ path: join(dir, "identity.db") });
  await ids.createTenant({ id: "acme", name: "Acme", status: "active", createdAtMs: 1, updatedAtMs: 1 });
  await ids.close();
  const store = createSqliteEventStore({ path: join(dir, "events.db") });
  const audit = createAuditLog({ store });
  const actor = { kind: "admin_key", role: "owner", subject: "admin-key" };
  await audit.record({ tenantId: "acme", actor, action: "tenant.create", target: "tenant:acme" });
  const last = await audit.record({ tenantId: "acme", actor, action: "key.create", target: "key:000000000001" });
  await audit.record({ actor, action: "config.llm.put", target: "config:llm" });
  await store.close();

  const ok = run();
  expect(ok.code).toBe(0);
  expect(ok.lines.map((l) => [l.tenantId, l.ok, l.records])).toEqual([
    ["_platform", true, 1],
    ["acme", true, 2],
  ]);
  expect(ok.lines[1].head).toBe(last.hash);

  const db = new Database(join(dir, "events.db"));
  const row = db
    .query<{ payload: Uint8Array }, []>(
      "SELECT payload FROM session_events WHERE session_id = 'audit:acme' AND seq = 1",
    )
    .get();
  const ev = decodeEvent(row?.payload as Uint8Array);
  if (ev.body.type === "message") ev.body.text = ev.body.text.replace("tenant.create", "tenant.delete");
  db.query("UPDATE session_events SET payload = ? WHERE session_id = 'audit:acme' AND seq = 1").run(encodeEvent(ev));
  db.close();
  const bad = run("--tenant", "acme");
  expect(bad.code).toBe(1);
  expect(bad.lines).toEqual([
    {
      tenantId: "acme",
      ok: false,
      records: 0,
      head: "0".repeat(64),
      broken: { seq: 1, reason: "the record's content does not match its hash" },
    },
  ]);
  expect(run("--bogus").code).toBe(2);
});
