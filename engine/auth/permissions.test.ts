import { describe, expect, test } from "bun:test";
import { join } from "node:path";
import {
  can,
  canMint,
  PERMISSIONS,
  type Permission,
  permissionsTable,
  ROLE_PERMISSIONS,
  ROLES,
  ROUTES,
  routeRule,
} from "./permissions.ts";

describe("permission matrix", () => {
  test("owner holds every permission; every role's permissions exist", () => {
    const all = Object.keys(PERMISSIONS) as Permission[];
    expect([...ROLE_PERMISSIONS.owner].sort()).toEqual([...all].sort());
    for (const r of ROLES) for (const p of ROLE_PERMISSIONS[r]) expect(all).toContain(p);
  });

  test("canMint(a, b) holds exactly when every permission of b is one of a's", () => {
    for (const a of ROLES)
      for (const b of ROLES)
        expect({ a, b, mint: canMint(a, b) }).toEqual({
          a,
          b,
          mint: ROLE_PERMISSIONS[b].every((p) => ROLE_PERMISSIONS[a].includes(p)),
        });
    // The ladder the model promises.
    expect(["admin", "supervisor", "agent", "viewer", "service"].every((r) => canMint("owner", r as "admin"))).toBe(
      true,
    );
    expect(canMint("admin", "owner")).toBe(false);
    expect(canMint("supervisor", "admin")).toBe(false);
    expect(canMint("supervisor", "agent")).toBe(true);
    expect(canMint("agent", "supervisor")).toBe(false);
    expect(canMint("service", "admin")).toBe(false);
  });

  test("routes name existing permissions; public routes name none; HEAD is answered as GET", () => {
    for (const [route, rule] of Object.entries(ROUTES)) {
      expect({
        route,
        ok: rule.scope === "public" ? rule.permission === undefined : rule.permission !== undefined,
      }).toEqual({
        route,
        ok: true,
      });
      if (rule.permission) expect(Object.keys(PERMISSIONS)).toContain(rule.permission);
    }
    expect(routeRule("HEAD", "/healthz")).toEqual({ scope: "public" });
    expect(routeRule("GET", "/nope")).toBeUndefined();
    expect(can("viewer", "kb:write")).toBe(false);
  });

  test("the README's Access control table is the matrix", async () => {
    const readme = await Bun.file(join(import.meta.dir, "..", "..", "README.md")).text();
    const start = readme.indexOf("## Access control");
    expect(start).toBeGreaterThan(0);
    const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
    // Cells, not whitespace: a Markdown formatter may pad the columns.
    const cells = (row: string) =>
      row
        .split("|")
        .slice(1, -1)
        .map((c) => c.trim());
    const lines = section.split("\n");
    const head = lines.findIndex((l) => l.startsWith("| permission |"));
    const documented = lines
      .slice(
        head,
        lines.findIndex((l, i) => i > head && !l.startsWith("|")),
      )
      .map(cells);
    const expected = permissionsTable()
      .split("\n")
      .map(cells)
      .map((r, i) => (i === 1 ? r.map((c) => c.replace(/^-+$/, "---")) : r));
    expect(documented.map((r, i) => (i === 1 ? r.map((c) => c.replace(/^:?-+:?$/, "---")) : r))).toEqual(expected);
  });
});
