import { runIdempotencyContract } from "./idempotency-store.contract.ts";
import { createSqliteIdempotencyStore } from "./idempotency-store.sqlite.ts";

runIdempotencyContract("sqlite", (clock) =>
  createSqliteIdempotencyStore({ path: ":memory:", clock, ttlMs: 1000, lockMs: 100 }),
);
