/**
 * One session's events as a client knows them: the SDK's `Timeline`
 * (gateway/sdk/timeline.ts).
 *
 * @example
 *   const t = new Timeline();
 *   t.add({ seq: 1, started: {} }); // true
 */
export { type Pending, Timeline } from "../../sdk/timeline.ts";
