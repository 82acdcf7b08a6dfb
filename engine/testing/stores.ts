/**
 * Test helper for store contract suites: every store a suite opens is closed after
 * the file's tests, whatever test opened it.
 *
 * @example
 *   const open = closedAfterAll(() => openChannelStore(":memory:"));
 *   const s = open(); // closed in afterAll
 */
import { afterAll } from "bun:test";

/** `make`, remembering each store it opens so that `afterAll` closes them. */
export function closedAfterAll<S extends { close(): unknown }>(make: () => S): () => S {
  const opened: S[] = [];
  afterAll(async () => {
    for (const s of opened) await s.close();
  });
  return () => {
    const s = make();
    opened.push(s);
    return s;
  };
}
