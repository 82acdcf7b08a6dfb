// Exports on both EventStores: SQLite (the default) and PostgreSQL (KEFU_TEST_PG_URL, via config).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import type { SessionEvent } from "../../engine/events.ts";
import { requirePgUrl } from "../../engine/testing/postgres.ts";
import { req, type TestApp, testApp } from "../test/utils.ts";
import { CSV_COLUMNS, csvRecord, transcriptLine } from "./index.ts";

const KEY = "export-test-admin-key";
const auth = { authorization: `Bearer ${KEY}` };

const backends: [string, Record<string, string>][] = [
  ["sqlite", {}],
  ["postgres", { KEFU_STORAGE_EVENT_STORE: "postgres", KEFU_STORAGE_POSTGRES_URL: requirePgUrl() }],
];

for (const [name, env] of backends) {
  describe(`export API on ${name}`, () => {
    let t: TestApp;
    // Unique per run: the PostgreSQL database is shared by runs.
    const tenant = `tx${Date.now()}${Math.floor(Math.random() * 1e6)}`;
    const sid = `${tenant}-s1`;
    const stored: SessionEvent[] = [];
    beforeAll(async () => {
      t = await testApp({ KEFU_AUTH_ADMIN_KEY: KEY, ...env });
      const store = t.backends.eventStore;
      const base = { tenantId: tenant, sessionId: sid };
      stored.push(
        (
          await store.append({
            ...base,
            actor: { kind: "visitor", id: "v1" },
            body: { type: "started", visitorId: "v1" },
          })
        ).event,
      );
      stored.push(
        (
          await store.append({
            ...base,
            actor: { kind: "visitor", id: "v1" },
            body: { type: "message", clientMsgId: "c1", text: '=SUM(A1), "quoted"\nline 2' },
          })
        ).event,
      );
      stored.push(
        (
          await store.append({
            ...base,
            actor: { kind: "system", id: "router" },
            body: { type: "state_changed", from: "bot", to: "queued", reason: "asked for a human" },
          })
        ).event,
      );
      for (let i = 0; i < 5; i++)
        stored.push(
          (
            await store.append({
              tenantId: tenant,
              sessionId: `${tenant}-s2`,
              actor: { kind: "agent", id: "a1" },
              body: { type: "message", clientMsgId: `m${i}`, text: `reply ${i}` },
            })
          ).event,
        );
    });
    afterAll(() => t.close());

    test("the routes need the admin key", async () => {
      const r1 = await t.app.handle(req("GET", `/v1/sessions/${sid}/transcript`));
      expect(r1.status).toBe(401);
      const r2 = await t.app.handle(
        req("GET", "/v1/audit/events?from=0&to=1", undefined, { authorization: "Bearer nope" }),
      );
      expect(r2.status).toBe(401);
      expect(((await r2.json()) as { error: { code: string } }).error.code).toBe("unauthorized");
    });

    test("a transcript as JSON and as text", async () => {
      const json = await t.app.handle(req("GET", `/v1/sessions/${sid}/transcript`, undefined, auth));
      expect(json.status).toBe(200);
      expect(await json.json()).toEqual({ sessionId: sid, tenantId: tenant, events: stored.slice(0, 3) });
      const text = await t.app.handle(
        req("GET", `/v1/sessions/${sid}/transcript`, undefined, { ...auth, accept: "text/plain" }),
      );
      expect(text.headers.get("content-type")).toStartWith("text/plain");
      expect(await text.text()).toBe(`${stored.slice(0, 3).map(transcriptLine).join("\n")}\n`);
      const viaQuery = await t.app.handle(req("GET", `/v1/sessions/${sid}/transcript?format=text`, undefined, auth));
      expect(await viaQuery.text()).toContain("visitor v1: =SUM(A1)");
    });

    test("an unknown session is 404 with a typed error", async () => {
      const r = await t.app.handle(req("GET", "/v1/sessions/nobody-here/transcript", undefined, auth));
      expect(r.status).toBe(404);
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("not_found");
    });

    test("audit events as JSON Lines for a time range and tenant", async () => {
      const from = new Date(stored[0]?.atUnixMs as number).toISOString();
      const to = String((stored.at(-1)?.atUnixMs as number) + 1);
      const r = await t.app.handle(
        req("GET", `/v1/audit/events?from=${from}&to=${to}&tenant=${tenant}`, undefined, auth),
      );
      expect(r.status).toBe(200);
      expect(r.headers.get("content-type")).toStartWith("application/x-ndjson");
      const lines = (await r.text())
        .trimEnd()
        .split("\n")
        .map((l) => JSON.parse(l));
      const byKey = (a: SessionEvent, b: SessionEvent) =>
        a.atUnixMs - b.atUnixMs || a.sessionId.localeCompare(b.sessionId) || a.seq - b.seq;
      expect(lines).toEqual([...stored].sort(byKey).map((e) => ({ at: new Date(e.atUnixMs).toISOString(), ...e })));
    });

    test("audit events as CSV: header, escaping and formula neutralising", async () => {
      const to = String((stored.at(-1)?.atUnixMs as number) + 1);
      const r = await t.app.handle(
        req(
          "GET",
          `/v1/audit/events?from=${stored[0]?.atUnixMs}&to=${to}&tenant=${tenant}&format=csv`,
          undefined,
          auth,
        ),
      );
      expect(r.headers.get("content-type")).toStartWith("text/csv");
      const body = await r.text();
      expect(body.startsWith(`${CSV_COLUMNS.join(",")}\r\n`)).toBe(true);
      expect(body).toContain(csvRecord(stored[1] as SessionEvent));
      expect(csvRecord(stored[1] as SessionEvent)).toContain(`"'=SUM(A1), ""quoted""\nline 2"`);
      expect(body.split("\r\n").filter(Boolean)).toHaveLength(1 + stored.length);
    });

    test("bad ranges are 400 with a typed error", async () => {
      for (const q of ["from=yesterday&to=1", "from=10&to=5", "from=0&to=99999999999", "to=5"]) {
        const r = await t.app.handle(req("GET", `/v1/audit/events?${q}`, undefined, auth));
        expect(r.status).toBe(400);
        expect(typeof ((await r.json()) as { error: { code: string } }).error.code).toBe("string");
      }
    });
  });
}
