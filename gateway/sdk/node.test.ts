// The SDK under Node: bundled for Node by Bun.build, run by the machine's `node` with
// the `ws` package's WebSocket passed in (Node 20 has no global WebSocket), against a
// live gateway. A visitor sends, gets its seq, hears the bot, and a resend of the same
// clientMsgId after a reconnect is stored once.
import { afterAll, beforeAll, expect, test } from "bun:test";
import { join } from "node:path";
import { type RealtimeHarness, realtimeHarness } from "../test/realtime.ts";
import { root, tempDir } from "../test/utils.ts";

let h: RealtimeHarness;
const tmp = tempDir("kefu-sdk-node-");
beforeAll(async () => {
  h = await realtimeHarness();
});
afterAll(async () => {
  await h.close();
  tmp.cleanup();
});

/** The Node program: ESM, plain JavaScript, only the bundled SDK and `ws`. */
const program = (base: string) => `
import WebSocket from ${JSON.stringify(join(root, "node_modules", "ws", "wrapper.mjs"))};
import { KefuClient } from "./sdk.mjs";

const base = ${JSON.stringify(base)};
const res = await fetch(base + "/v1/visitor/sessions", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify({ tenantId: "default" }),
});
const { sessionId, token } = await res.json();
const client = new KefuClient({ url: base.replace(/^http/, "ws") + "/v1/ws/visitor?token=" + token, sessionId, WebSocket });
const seen = [];
const answered = new Promise((done) =>
  client.on("event", ({ event }) => {
    if (!event.message) return;
    seen.push(event.seq);
    if (event.actor?.kind === "ACTOR_KIND_BOT") done();
  }),
);
client.start();
const first = await client.send("How long does a refund take?", { clientMsgId: "node-1" });
await answered;
client.stop();
// A resend of the same id from another client (a restarted app): the server answers with the stored seq.
const other = new KefuClient({ url: base.replace(/^http/, "ws") + "/v1/ws/visitor?token=" + token, sessionId, WebSocket });
other.start();
const again = await other.send("How long does a refund take?", { clientMsgId: "node-1" });
console.log(JSON.stringify({ node: process.version, sessionId, first: first.seq, again: again.seq, duplicate: again.duplicate, seen }));
other.stop();
process.exit(0);
`;

test("the SDK bundled for Node runs under node with ws: send, ack with seq, the bot's answer, an idempotent resend", async () => {
  const built = await Bun.build({
    entrypoints: [join(root, "gateway", "sdk", "index.ts")],
    target: "node",
    format: "esm",
  });
  expect(built.success).toBe(true);
  const [bundle] = built.outputs;
  if (!bundle) throw new Error("no bundle");
  await Bun.write(join(tmp.dir, "sdk.mjs"), await bundle.text());
  await Bun.write(join(tmp.dir, "main.mjs"), program(h.gw.url));
  const p = Bun.spawn(["node", "main.mjs"], { cwd: tmp.dir, stdout: "pipe", stderr: "pipe" });
  const timer = setTimeout(() => p.kill(), 20_000);
  const [out, err, code] = await Promise.all([new Response(p.stdout).text(), new Response(p.stderr).text(), p.exited]);
  clearTimeout(timer);
  expect({ code, err }).toEqual({ code: 0, err: "" });
  const r = JSON.parse(out) as {
    node: string;
    sessionId: string;
    first: number;
    again: number;
    duplicate: boolean;
    seen: number[];
  };
  expect(r.node).toMatch(/^v\d+\./);
  expect(r.again).toBe(r.first);
  expect(r.seen).toContain(r.first);
  // Stored once: the session's messages are the visitor's and the bot's answer, no duplicate.
  const stored = (await h.gw.backends.eventStore.readAfter(r.sessionId, 0, 100)).filter(
    (e) => e.body.type === "message" && e.actor.kind === "visitor",
  );
  expect(stored.map((e) => e.seq)).toEqual([r.first]);
}, 30_000);
