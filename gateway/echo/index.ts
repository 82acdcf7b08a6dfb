/**
 * `POST /v1/echo`: a diagnostic route that runs the whole HTTP edge (body size
 * bound, JSON parsing, schema validation, typed errors) and echoes the message.
 * Operators use it to check a deployment end to end; the benchmarks use it as
 * the "trivial POST" scenario.
 *
 * @example
 *   curl -s -XPOST 127.0.0.1:8080/v1/echo -H 'content-type: application/json' -d '{"message":"你好"}'
 *   # {"message":"你好","length":2}
 */
import { Elysia, t } from "elysia";

/** Longest message accepted by the echo route, in characters. */
export const ECHO_MAX_CHARS = 4096;

/** The echo plugin. */
export function echo() {
  return new Elysia({ name: "kefu/echo" }).post(
    "/v1/echo",
    ({ body }) => ({ message: body.message, length: body.message.length }),
    {
      body: t.Object({ message: t.String({ maxLength: ECHO_MAX_CHARS }) }),
    },
  );
}
