// The WebhookStore contract on both adapters: SQLite (one node) and PostgreSQL (real server, every node).
import { requirePgUrl } from "../testing/postgres.ts";
import { webhookStoreContract } from "./store.contract.ts";
import { createPostgresWebhookStore } from "./store.postgres.ts";
import { openWebhookStore } from "./store.sqlite.ts";

webhookStoreContract("sqlite", () => openWebhookStore(":memory:"));
webhookStoreContract("postgres", () => createPostgresWebhookStore({ url: requirePgUrl() }));
