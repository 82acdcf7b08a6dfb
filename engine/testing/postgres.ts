/**
 * Test helpers for the real PostgreSQL that `.ci/services/postgres.sh` starts.
 * Tests that need it fail (never skip) when `KEFU_TEST_PG_URL` is unset.
 *
 * @example
 *   const url = requirePgUrl();
 *   const schema = freshSchemaName("evt"); // "kefu_t_evt_12345_0"
 */

/**
 * The test database URL from `KEFU_TEST_PG_URL`; throws naming the script that provides it.
 *
 * @example
 *   const url = requirePgUrl(); // "postgres://kefu:kefu@127.0.0.1:55432/kefu"
 */
export function requirePgUrl(): string {
  const url = process.env.KEFU_TEST_PG_URL;
  if (!url)
    throw new Error(
      "KEFU_TEST_PG_URL is not set: run `export KEFU_TEST_PG_URL=$(bash .ci/services/postgres.sh)` first (.ci/test.sh does)",
    );
  return url;
}

let counter = 0;

/**
 * A schema name no other test process uses, for an isolated store.
 *
 * @example
 *   freshSchemaName("mig"); // "kefu_t_mig_4242_0"
 */
export function freshSchemaName(tag: string): string {
  return `kefu_t_${tag}_${process.pid}_${counter++}`;
}
