/**
 * Canned responses on the console side: the tenant's list comes from the server
 * (`GET /v1/tenants/:tenant/canned`, shared by every agent; supervisors and admins
 * write); the last list fetched is kept in localStorage under `kefu.canned.<tenant>`
 * as an offline cache, shown (read-only) while the server cannot be reached. Searched
 * by every word. No DOM (unit-tested).
 *
 * @example
 *   searchCanned(loadCanned(localStorage, "acme"), "refund");
 */
/** One canned response (`id`: the server's, absent in caches written before the server store). */
export interface Canned {
  id?: string;
  title: string;
  text: string;
}

/** Bounds: entries per tenant, characters per text and per title. */
export const MAX_CANNED = 500;
export const MAX_TEXT = 4000;
export const MAX_TITLE = 80;

/**
 * Reads a tenant's canned responses from `storage`; malformed entries are dropped.
 *
 * @example
 *   loadCanned(localStorage, "acme"); // [{ title: "Hi", text: "Hello, how can I help?" }]
 */
export function loadCanned(storage: { getItem(key: string): string | null }, tenant: string): Canned[] {
  try {
    const v: unknown = JSON.parse(storage.getItem(`kefu.canned.${tenant}`) ?? "[]");
    if (!Array.isArray(v)) return [];
    return v
      .filter((c): c is Canned => typeof c?.title === "string" && typeof c?.text === "string")
      .slice(0, MAX_CANNED)
      .map((c) => ({
        ...(typeof c.id === "string" && c.id.length <= 64 ? { id: c.id } : {}),
        title: c.title.slice(0, MAX_TITLE),
        text: c.text.slice(0, MAX_TEXT),
      }));
  } catch {
    return [];
  }
}

/**
 * Filters canned responses by every word of `q` (case-insensitive, in title or text).
 *
 * @example
 *   searchCanned([{ title: "Refund", text: "…" }], "ref"); // the refund entry
 */
export function searchCanned(list: readonly Canned[], q: string): Canned[] {
  const words = q.toLowerCase().split(/\s+/).filter(Boolean);
  return list.filter((c) => {
    const hay = `${c.title}\n${c.text}`.toLowerCase();
    return words.every((w) => hay.includes(w));
  });
}

/**
 * A new canned response's id: the one of an entry with the same title (so saving it
 * again replaces it), else a fresh random id.
 *
 * @example
 *   cannedId([{ id: "c-1", title: "Hi", text: "…" }], "Hi"); // "c-1"
 */
export function cannedId(list: readonly Canned[], title: string): string {
  const same = list.find((c) => c.title === title && c.id);
  if (same?.id) return same.id;
  const bytes = crypto.getRandomValues(new Uint8Array(8));
  return `c-${[...bytes].map((b) => b.toString(16).padStart(2, "0")).join("")}`;
}
