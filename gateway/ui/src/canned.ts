/**
 * Canned responses: stored per tenant in the browser's localStorage under
 * `kefu.canned.<tenant>` (no server store exists yet, so they are not shared
 * between agents or browsers), and searched by every word. No DOM (unit-tested).
 *
 * @example
 *   searchCanned(loadCanned(localStorage, "acme"), "refund");
 */
/** One canned response. */
export interface Canned {
  title: string;
  text: string;
}

/** Bounds: entries per tenant, characters per text and per title. */
export const MAX_CANNED = 200;
export const MAX_TEXT = 8000;
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
      .map((c) => ({ title: c.title.slice(0, MAX_TITLE), text: c.text.slice(0, MAX_TEXT) }));
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
