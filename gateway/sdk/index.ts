/**
 * The kefu client SDK: a typed client of the realtime WebSocket protocol for
 * browsers, Bun and Node, implementing the delivery contract (see client.ts and
 * README "App SDK").
 *
 * @example
 *   import { KefuClient } from "./gateway/sdk/index.ts";
 *   const client = new KefuClient({ url: `wss://kefu.example/v1/ws/visitor?token=${token}` });
 *   client.start();
 */
export * from "./client.ts";
export * from "./connection.ts";
export * from "./frames.ts";
export * from "./timeline.ts";
