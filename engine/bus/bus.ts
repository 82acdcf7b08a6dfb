/**
 * Bus: cross-node fan-out of session traffic.
 *
 * Contract (every adapter passes `runBusContract`):
 * - At-most-once delivery to every subscriber of a topic that was subscribed when
 *   the message was published; in publish order per publisher and topic.
 * - Delivery is asynchronous: `publish` never calls a handler before it returns.
 * - A handler that throws does not affect other handlers or later messages.
 * - The unsubscribe function stops delivery to that handler; it is idempotent.
 *
 * Adapters: `createMemoryBus` (embedded default, single node only) and
 * `createRedisBus` (Redis pub/sub across nodes; pair it with `createSessionRelay`
 * to repair what pub/sub drops).
 *
 * @example
 *   const off = await bus.subscribe("session:s1", (msg) => console.log(msg.length));
 *   await bus.publish("session:s1", bytes);
 *   await off();
 */

/** Receives a published payload. */
export type BusHandler = (payload: Uint8Array, topic: string) => void;

/** The fan-out port. */
export interface Bus {
  readonly kind: string;
  publish(topic: string, payload: Uint8Array): Promise<void>;
  subscribe(topic: string, handler: BusHandler): Promise<() => Promise<void>>;
  ping(): Promise<void>;
  close(): Promise<void>;
}
