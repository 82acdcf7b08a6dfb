/**
 * The browser side of the realtime protocol, shared by the widget and the console:
 * the client SDK (gateway/sdk/) — `KefuClient` (the delivery contract: acks,
 * `clientMsgId` resends, resume, dedupe), the self-healing `Connection` under it
 * and the per-session `Timeline` — plus `wsUrl` for pages served by the gateway.
 *
 * @example
 *   const client = new KefuClient({ url: () => wsUrl("../v1/ws/visitor", token) });
 *   client.start();
 */
export {
  type ClientEvents,
  type DeliveredEvent,
  KefuClient,
  KefuClientError,
  type KefuClientOptions,
  type SendResult,
} from "../../sdk/client.ts";
export { Connection, type ConnectionOptions, type Status } from "../../sdk/connection.ts";
export { type Pending, Timeline } from "../../sdk/timeline.ts";

/**
 * The ws:// (or wss://) URL of `path` on the page's own origin, with the token.
 *
 * @example
 *   wsUrl("/v1/ws/agent", token); // "ws://127.0.0.1:8080/v1/ws/agent?token=…"
 */
export function wsUrl(path: string, token: string): string {
  const u = new URL(path, location.href);
  u.protocol = u.protocol === "https:" ? "wss:" : "ws:";
  u.searchParams.set("token", token);
  return u.toString();
}
