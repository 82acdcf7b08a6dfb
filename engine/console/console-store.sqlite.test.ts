import { runConsoleStoreContract } from "./console-store.contract.ts";
import { createSqliteConsoleStore } from "./console-store.sqlite.ts";

runConsoleStoreContract("sqlite", async () => createSqliteConsoleStore({ path: ":memory:" }));
