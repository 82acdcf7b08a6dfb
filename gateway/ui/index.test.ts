// The UI plugin without a browser: what it serves, its headers, and the client-side
// protocol pieces (catalogues, frame names against the proto, the Timeline).
import { afterAll, beforeAll, describe, expect, test } from "bun:test";
import { kefu } from "../../proto/index.ts";
import { decodeFrame } from "../realtime/codec.ts";
import { type TestApp, testApp } from "../test/utils.ts";
import { chromiumPath } from "./browser-harness.ts";
import { cspFor, frameAncestors } from "./index.ts";
import { cannedId, loadCanned, MAX_CANNED, MAX_TEXT, searchCanned } from "./src/canned.ts";
import { FRAME_KINDS, type Frame } from "./src/frames.ts";
import { CATALOGUES, pickLang, translator } from "./src/i18n.ts";
import { SupervisorState } from "./src/supervisor-state.ts";
import { Timeline } from "./src/timeline.ts";

let t: TestApp;
beforeAll(async () => {
  t = await testApp({ KEFU_REALTIME_ALLOWED_ORIGINS: "https://shop.example,javascript:alert(1)" });
});
afterAll(() => t.close());
const get = (path: string, headers: Record<string, string> = {}) =>
  t.app.handle(new Request(`http://kefu${path}`, { headers }));

describe("serving", () => {
  test("the embed script, the widget page and the console come with their types and a CSP", async () => {
    const widget = await get("/widget.js");
    expect(widget.status).toBe(200);
    expect(widget.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(widget.headers.get("cross-origin-resource-policy")).toBe("cross-origin");
    const js = await widget.text();
    expect(js).toContain("ui/widget.html");
    expect(js).not.toContain("innerHTML");

    const frame = await get("/ui/widget.html");
    expect(frame.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const csp = frame.headers.get("content-security-policy") ?? "";
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("connect-src 'self'");
    // Framing: the gateway and the configured origins; a value that is no origin is dropped.
    expect(csp).toContain("frame-ancestors 'self' https://shop.example");
    expect(csp).not.toContain("javascript");
    expect(await frame.text()).toContain('<script src="widget-app.js" defer></script>');

    const console = await get("/console");
    expect(console.status).toBe(200);
    expect(console.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(console.headers.get("x-frame-options")).toBe("DENY");
    expect(console.headers.get("x-content-type-options")).toBe("nosniff");
    const html = await console.text();
    expect(html).toContain('<script src="ui/console.js" defer></script>');
    expect(html).not.toMatch(/<script>|style=|\son\w+=/); // nothing inline: the CSP forbids it

    for (const f of ["widget-app.js", "console.js"]) {
      const r = await get(`/ui/${f}`);
      expect({ f, status: r.status, type: r.headers.get("content-type") }).toEqual({
        f,
        status: 200,
        type: "text/javascript; charset=utf-8",
      });
      expect(await r.text()).not.toContain("innerHTML");
    }
    expect((await get("/ui/console.css")).headers.get("content-type")).toBe("text/css; charset=utf-8");
  });

  test("unknown files are 404 not_found; an unchanged file is 304 by its ETag", async () => {
    for (const path of ["/ui/nope.js", "/ui/console.html", "/ui/..%2Findex.ts", "/ui/index.ts"]) {
      const r = await get(path);
      expect({ path, status: r.status }).toEqual({ path, status: 404 });
      expect(((await r.json()) as { error: { code: string } }).error.code).toBe("not_found");
    }
    const first = await get("/widget.js");
    const etag = first.headers.get("etag") ?? "";
    expect(etag).toMatch(/^"[\w-]{22}"$/);
    const again = await get("/widget.js", { "if-none-match": etag });
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
  });

  test("frame-ancestors: '*' allows any site; malformed origins never reach the header", () => {
    expect(frameAncestors(["*"])).toBe("*");
    expect(frameAncestors([])).toBe("'self'");
    expect(frameAncestors(["https://a.example:8443", "https://b.example; script-src *", "http://c"])).toBe(
      "'self' https://a.example:8443 http://c",
    );
    expect(cspFor("console", ["*"])).toContain("frame-ancestors 'none'");
  });
});

describe("messages and protocol", () => {
  test("both catalogues have every key, non-empty, with the same placeholders", () => {
    const en = CATALOGUES.en;
    const zh = CATALOGUES["zh-CN"];
    expect(Object.keys(zh).sort()).toEqual(Object.keys(en).sort());
    const vars = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const k of Object.keys(en) as (keyof typeof en)[]) {
      expect({ k, empty: zh[k].trim() === "" || en[k].trim() === "" }).toEqual({ k, empty: false });
      expect({ k, vars: vars(zh[k]) }).toEqual({ k, vars: vars(en[k]) });
    }
    expect(translator("zh-CN")("queuePosition", { n: 2 })).toBe("您正在排队，当前第 2 位");
    expect(translator("en")("typing", { name: "<b>x</b>" })).toBe("<b>x</b> is typing…");
  });

  test("the language follows the page, then the browser, else English", () => {
    expect(pickLang("zh-CN", ["en-US"])).toBe("zh-CN");
    expect(pickLang("zh-Hant-TW", [])).toBe("zh-CN");
    expect(pickLang("", ["fr-FR", "zh-CN"])).toBe("zh-CN");
    expect(pickLang("en-GB", ["zh-CN"])).toBe("en");
    expect(pickLang(undefined, ["de"])).toBe("en");
  });

  test("the client knows exactly the proto's frame kinds, and the server decodes the frames it builds", () => {
    // Compile-time: the same set as the generated oneof (an extra or missing kind fails tsc).
    type ProtoKinds = NonNullable<kefu.v1.Frame["kind"]>;
    const same: [ProtoKinds] extends [(typeof FRAME_KINDS)[number]]
      ? [(typeof FRAME_KINDS)[number]] extends [ProtoKinds]
        ? true
        : false
      : false = true;
    expect(same).toBe(true);
    for (const k of FRAME_KINDS) expect(kefu.v1.Frame.fromObject({ [k]: {} }).kind).toBe(k);
    const built: Frame[] = [
      { id: "c-1", send: { sessionId: "s1", message: { clientMsgId: "c-1", text: "hi" } } },
      { id: "resume", resume: { sessionId: "s1", lastSeq: 7 } },
      { id: "h-1", handoff: { reason: "visitor_request" } },
      { id: "seat", agentState: { state: "SEAT_STATE_AWAY", version: 3 } },
      { id: "t-1", transfer: { sessionId: "s1", toAgentId: "bob", reason: "agent_transfer" } },
      { typing: { sessionId: "s1", on: true } },
      { read: { sessionId: "s1", seq: 4 } },
      { close: { sessionId: "s1", reason: "agent_closed" } },
      { ping: { atUnixMs: 1_795_461_998_000 } },
    ];
    for (const f of built) {
      const decoded = decodeFrame(JSON.stringify(f), "json");
      const back = kefu.v1.Frame.toObject(decoded, { longs: Number, enums: String });
      expect(back).toEqual(JSON.parse(JSON.stringify(f)));
    }
  });
});

describe("Timeline (the delivery contract on the client)", () => {
  test("dedupes by seq and resumes after the highest seq without a gap", () => {
    const tl = new Timeline();
    expect(tl.add({ seq: 1, started: {} })).toBe(true);
    expect(tl.add({ seq: 3, message: { text: "c" } })).toBe(true);
    expect(tl.lastSeq).toBe(1); // 2 is missing: resume from 1, not 3
    expect(tl.add({ seq: "2", message: { text: "b" } })).toBe(true);
    expect(tl.lastSeq).toBe(3);
    expect(tl.add({ seq: 2, message: { text: "b" } })).toBe(false);
    expect(tl.add({ seq: 0, message: { text: "no seq" } })).toBe(false);
    expect(tl.ordered().map((e) => e.message?.text ?? "started")).toEqual(["started", "b", "c"]);
  });

  test("unacked sends are resent with the same clientMsgId; an ack or the delivered event settles them", () => {
    const tl = new Timeline();
    tl.add({ seq: 1, started: {} });
    const f1 = tl.queue("s1", "first", "c-1");
    tl.queue("s1", "second", "c-2");
    tl.queue("s1", "third", "c-3");
    expect(f1).toEqual({ id: "c-1", send: { sessionId: "s1", message: { clientMsgId: "c-1", text: "first" } } });
    // The connection dropped before any ack: everything is resent, in order, with the same ids.
    expect(tl.resends("s1").map((f) => f.send?.message?.clientMsgId)).toEqual(["c-1", "c-2", "c-3"]);
    tl.ack("c-1", 2, { kind: "ACTOR_KIND_VISITOR" });
    expect(tl.events.get(2)?.message).toEqual({ clientMsgId: "c-1", text: "first" });
    tl.add({ seq: 3, actor: { kind: "ACTOR_KIND_VISITOR" }, message: { clientMsgId: "c-2", text: "second" } });
    expect(tl.resends("s1").map((f) => f.send?.message?.clientMsgId)).toEqual(["c-3"]);
    expect(tl.lastSeq).toBe(3);
    // A duplicate ack (the server saw the resend) changes nothing.
    tl.ack("c-1", 2, { kind: "ACTOR_KIND_VISITOR" });
    expect(tl.ordered()).toHaveLength(3);
  });
});

describe("browser tests", () => {
  test("without Chromium they fail, naming the script that installs it", () => {
    const before = process.env.KEFU_TEST_CHROMIUM_BIN;
    process.env.KEFU_TEST_CHROMIUM_BIN = "/nonexistent/chromium";
    try {
      expect(() => chromiumPath()).toThrow("bash .ci/services/chromium.sh");
    } finally {
      if (before === undefined) delete process.env.KEFU_TEST_CHROMIUM_BIN;
      else process.env.KEFU_TEST_CHROMIUM_BIN = before;
    }
  });
});

describe("supervisor numbers and canned responses (no DOM)", () => {
  test("the supervisor's numbers count seats, assignments with their waits, and alerts by kind", () => {
    const s = new SupervisorState();
    expect(s.numbers()).toEqual({
      agentsOnline: 0,
      agentsSeen: 0,
      load: 0,
      capacity: 0,
      assignments: 0,
      meanWaitMs: 0,
      maxWaitMs: 0,
      slaAlerts: 0,
      queueAlerts: 0,
    });
    expect(s.apply({ agentState: { agentId: "alice", state: "SEAT_STATE_ONLINE", load: 1, capacity: 3 } })).toBe(true);
    s.apply({ agentState: { agentId: "bob", state: "SEAT_STATE_AWAY", load: 2, capacity: 2 } });
    s.apply({ agentState: { agentId: "carol", state: "SEAT_STATE_OFFLINE", load: 0, capacity: 5 } });
    // The supervisor's own seat frame (no agentId of another) is not an agent of the list.
    expect(s.apply({ agentState: { agentId: "sue", state: "SEAT_STATE_ONLINE" } }, "sue")).toBe(false);
    s.apply({ assignment: { sessionId: "s1", agentId: "alice", group: "default", waitedMs: 1000 } });
    s.apply({ assignment: { sessionId: "s2", agentId: "bob", group: "billing", waitedMs: "3000" } });
    s.apply({ alert: { sessionId: "s1", kind: "first_response_sla", message: "late", agentId: "alice" } });
    s.apply({ alert: { sessionId: "s3", kind: "queue_wait", message: "waiting" } });
    expect(s.apply({ ping: { atUnixMs: 1 } })).toBe(false);
    expect(s.numbers()).toEqual({
      agentsOnline: 1,
      agentsSeen: 3,
      load: 3, // offline seats do not count
      capacity: 5,
      assignments: 2,
      meanWaitMs: 2000,
      maxWaitMs: 3000,
      slaAlerts: 1,
      queueAlerts: 1,
    });
    expect(s.assigned.map((a) => a.sessionId)).toEqual(["s2", "s1"]); // newest first
    // Bounded lists.
    for (let i = 0; i < 300; i++) s.apply({ assignment: { sessionId: `x${i}`, agentId: "alice", waitedMs: 0 } });
    expect(s.assigned.length).toBe(200);
    expect(s.numbers().assignments).toBe(302);
  });

  test("canned responses: malformed storage gives [], entries are bounded, search matches every word", () => {
    const store = (v: string | null) => ({ getItem: () => v });
    expect(loadCanned(store(null), "acme")).toEqual([]);
    expect(loadCanned(store("{not json"), "acme")).toEqual([]);
    expect(loadCanned(store('{"title":"x"}'), "acme")).toEqual([]);
    const list = loadCanned(
      store(
        JSON.stringify([{ title: "Refund", text: "Refunds take 5 days." }, { title: 3 }, null, { text: "no title" }]),
      ),
      "acme",
    );
    expect(list).toEqual([{ title: "Refund", text: "Refunds take 5 days." }]);
    const many = Array.from({ length: MAX_CANNED + 50 }, (_, i) => ({ title: `t${i}`, text: "x".repeat(9000) }));
    const loaded = loadCanned(store(JSON.stringify(many)), "acme");
    expect(loaded.length).toBe(MAX_CANNED);
    expect(loaded[0]?.text.length).toBe(MAX_TEXT);
    const canned = [
      { title: "Greeting", text: "Hello! How can I help?" },
      { title: "Refund timing", text: "Refunds reach your card within 5 business days." },
    ];
    expect(searchCanned(canned, "").length).toBe(2);
    expect(searchCanned(canned, "REFUND card").map((c) => c.title)).toEqual(["Refund timing"]);
    expect(searchCanned(canned, "refund hello")).toEqual([]);
    // The server's ids survive the offline cache; saving a title again reuses its id.
    expect(loadCanned(store(JSON.stringify([{ id: "c-1", title: "Hi", text: "Hello" }])), "acme")).toEqual([
      { id: "c-1", title: "Hi", text: "Hello" },
    ]);
    expect(cannedId([{ id: "c-1", title: "Hi", text: "Hello" }], "Hi")).toBe("c-1");
    expect(cannedId([{ id: "c-1", title: "Hi", text: "Hello" }], "Other")).toMatch(/^c-[0-9a-f]{16}$/);
  });
});
