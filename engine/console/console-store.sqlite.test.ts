import { Database } from "bun:sqlite";
import { afterAll, expect, test } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runConsoleStoreContract } from "./console-store.contract.ts";
import { createSqliteConsoleStore } from "./console-store.sqlite.ts";

runConsoleStoreContract("sqlite", async () => createSqliteConsoleStore({ path: ":memory:" }));

const dir = mkdtempSync(join(tmpdir(), "kefu-console-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

test("a schema-1 file (unique session_id, seq) is rebuilt on open: its texts stay searchable and re-indexing adds nothing", async () => {
  const path = join(dir, "v1.db");
  const old = new Database(path);
  old.run(`CREATE TABLE transcript_docs (
    id INTEGER PRIMARY KEY,
    tenant_id TEXT NOT NULL, session_id TEXT NOT NULL, seq INTEGER NOT NULL, at_ms INTEGER NOT NULL,
    kind TEXT NOT NULL, actor TEXT NOT NULL, actor_id TEXT NOT NULL, text TEXT NOT NULL,
    UNIQUE (session_id, seq))`);
  old.run("CREATE INDEX transcript_docs_tenant_at ON transcript_docs (tenant_id, at_ms DESC, session_id, seq)");
  old.run(
    "CREATE VIRTUAL TABLE transcript_fts USING fts5(text, content='transcript_docs', content_rowid='id', tokenize='trigram')",
  );
  old.run(
    "INSERT INTO transcript_docs VALUES (1, 't1', 's1', 3, 1700000000000, 'message', 'visitor', 'v1', 'my parcel arrived broken')",
  );
  old.run("INSERT INTO transcript_fts (rowid, text) VALUES (1, 'my parcel arrived broken')");
  old.close();

  const store = createSqliteConsoleStore({ path });
  const found = await store.search({ tenantId: "t1", text: "arrived", limit: 10 });
  expect(found.hits.map((h) => [h.sessionId, h.seq, h.text])).toEqual([["s1", 3, "my parcel arrived broken"]]);
  await store.index([
    {
      tenantId: "t1",
      sessionId: "s1",
      seq: 3,
      atUnixMs: 1_700_000_000_000,
      actor: { kind: "visitor", id: "v1" },
      body: { type: "message", clientMsgId: "c3", text: "my parcel arrived broken" },
    },
  ]);
  expect((await store.search({ tenantId: "t1", text: "parcel", limit: 10 })).hits).toHaveLength(1);
  await store.close();
  const db = new Database(path);
  expect(db.query<{ user_version: number }, []>("PRAGMA user_version").get()?.user_version).toBe(2);
  db.close();
});
