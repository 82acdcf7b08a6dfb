// The ChannelStore contract on both adapters: SQLite (one node) and PostgreSQL (real server, every node).
import { afterAll } from "bun:test";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { requirePgUrl } from "../testing/postgres.ts";
import { channelStoreContract } from "./store.contract.ts";
import { createPostgresChannelStore } from "./store.postgres.ts";
import { openChannelStore } from "./store.sqlite.ts";

const dir = mkdtempSync(join(tmpdir(), "kefu-channel-store-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
channelStoreContract("sqlite", () => openChannelStore(join(dir, "channels.db")));
channelStoreContract("postgres", () => createPostgresChannelStore({ url: requirePgUrl() }));
