/**
 * Driver process for the `ws-sessions` scenario: creates kefu sessions, opens
 * and holds idle WebSockets, reports how many are still open and pings a sample.
 * Spawned by the scenario through `spawnDrivers("ws-hold.ts", n)`.
 *
 * @example
 *   const [d] = await spawnDrivers("ws-hold.ts", 1);
 *   await d.call("create", { url, n: 9500 });
 *   await d.call("open", { proto: "kefu", url, n: 9500 });
 */
import { Fleet } from "./fleet.ts";
import { serveDriver } from "./ipc.ts";

const fleet = new Fleet();
serveDriver(fleet.handlers());
