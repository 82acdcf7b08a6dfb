import { afterEach, describe, expect, test } from "bun:test";
import { mkdtempSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  compileIntents,
  features,
  type IntentDef,
  IntentRegistry,
  IntentsFileError,
  parseIntentsFile,
  tenantOfIntentsFile,
  watchIntentsDir,
  watchIntentsFile,
} from "./intents.ts";
import { formatOf } from "./intents-file.ts";

const demoText = await Bun.file(new URL("./demo-intents.json", import.meta.url)).text();
const heldout = (await Bun.file(new URL("./demo-intents.heldout.json", import.meta.url)).json()) as {
  text: string;
  intent: string;
}[];

function error(text: string, format: "json" | "toml" = "json"): IntentsFileError {
  try {
    parseIntentsFile(text, { format, source: `t.${format}` });
  } catch (e) {
    if (e instanceof IntentsFileError) return e;
    throw e;
  }
  throw new Error("expected an IntentsFileError");
}

const good = `[
  {
    "name": "refund",
    "examples": ["我要退款", "I want a refund"],
    "keywords": ["退款"],
    "action": { "type": "kb" }
  },
  {
    "name": "human",
    "examples": ["转人工"],
    "action": { "type": "handoff" }
  }
]`;

describe("parseIntentsFile (JSON)", () => {
  test("accepts an array or { intents: [...] }", () => {
    expect(parseIntentsFile(good).map((i) => i.name)).toEqual(["refund", "human"]);
    expect(parseIntentsFile(`{"intents": ${good}}`).length).toBe(2);
  });

  test("errors name the intent index, the field and the line", () => {
    const badType = good.replace('"type": "handoff"', '"type": "handof"');
    const e = error(badType);
    expect(e.message).toBe(
      't.json: intents[1].action.type (line 11): must be one of "kb", "template", "collect", "handoff", got "handof"',
    );
    expect(e.line).toBe(11);
    expect(e.code).toBe("invalid_intents");
    expect(e.status).toBe(400);

    expect(error(good.replace('["转人工"]', "[]")).message).toBe(
      "t.json: intents[1].examples (line 10): must be a non-empty list of example utterances, got []",
    );
    expect(error(good.replace('"我要退款", ', '"", ')).message).toBe(
      't.json: intents[0].examples[0] (line 4): must be a non-empty example utterance, got ""',
    );
    expect(error(good.replace('"keywords"', '"keyword"')).message).toBe(
      "t.json: intents[0].keyword (line 5): unknown field; allowed: name, examples, keywords, entities, action",
    );
    expect(error(good.replace('"name": "human",\n', "")).message).toContain(
      "intents[1].name (line 8): missing (required)",
    );
    expect(error(good.replace('"name": "human"', '"name": "refund"')).message).toBe(
      't.json: intents[1].name (line 9): duplicate intent name "refund" (also intents[0])',
    );
  });

  test("action-specific fields are checked by type", () => {
    const collect = good.replace('{ "type": "kb" }', '{ "type": "collect", "entity": "parcel", "prompt": "which?" }');
    expect(error(collect).message).toBe(
      't.json: intents[0].action.entity (line 6): must be one of "order_number", "sku", "tracking_number", "phone", got "parcel"',
    );
    expect(error(good.replace('{ "type": "kb" }', '{ "type": "template" }')).message).toBe(
      't.json: intents[0].action.text (line 6): missing (required for a "template" action)',
    );
    expect(error(good.replace('{ "type": "kb" }', '{ "type": "kb", "text": "x" }')).message).toBe(
      't.json: intents[0].action.text (line 6): unknown field for a "kb" action; allowed: type',
    );
    const ents = good.replace('"keywords": ["退款"],', '"entities": ["order_number", "email"],');
    expect(error(ents).message).toBe(
      't.json: intents[0].entities[1] (line 5): must be one of "order_number", "sku", "tracking_number", "phone", got "email"',
    );
  });

  test("template and collect actions may list quick replies: at most 6, each 1–40 characters", () => {
    const quick = (list: string) =>
      good.replace('{ "type": "kb" }', `{ "type": "template", "text": "hi", "quickReplies": ${list} }`);
    expect(parseIntentsFile(quick('["Track my order", "查订单"]'), { source: "t.json" })[0]?.action).toEqual({
      type: "template",
      text: "hi",
      quickReplies: ["Track my order", "查订单"],
    });
    expect(error(quick(JSON.stringify(Array(7).fill("x")))).message).toContain("action.quickReplies");
    expect(error(quick(`["${"x".repeat(41)}"]`)).message).toContain(
      "action.quickReplies[0] (line 6): must be a button label of 1–40 characters",
    );
    expect(error(good.replace('{ "type": "kb" }', '{ "type": "kb", "quickReplies": ["x"] }')).message).toBe(
      't.json: intents[0].action.quickReplies (line 6): unknown field for a "kb" action; allowed: type',
    );
  });

  test("syntax errors carry line and column", () => {
    const e = error(good.replace('"kb" }', '"kb" },'));
    expect(e.message).toBe("t.json: line 7, column 3: trailing comma before }");
    expect(e.line).toBe(7);
    expect(error("").message).toContain("line 1, column 1: unexpected end of input");
    expect(error("[]").message).toContain("the list of intents is empty");
    expect(error('{"intent": []}').message).toContain("expected a list of intents");
  });
});

describe("parseIntentsFile (TOML)", () => {
  const toml = `# demo
[[intents]]
name = "refund"
examples = ["我要退款", "refund please"]
action = { type = "kb" }

[[intents]]
name = "invoice"
examples = ["发票"]

[intents.action]
type = "template"
text = "Invoices go out by e-mail."
`;
  test("parses [[intents]] tables", () => {
    const defs = parseIntentsFile(toml, { format: "toml" });
    expect(defs.map((d) => d.action)).toEqual([
      { type: "kb" },
      { type: "template", text: "Invoices go out by e-mail." },
    ]);
  });

  test("errors report the key path and a best-effort line", () => {
    const e = error(toml.replace('type = "template"', 'type = "templat"'), "toml");
    expect(e.message).toBe(
      't.toml: intents[1].action.type (line 12): must be one of "kb", "template", "collect", "handoff", got "templat"',
    );
    expect(error(toml.replace('examples = ["发票"]', "examples = []"), "toml").message).toContain(
      "intents[1].examples (line 9)",
    );
    expect(error("[[intents]\nname=", "toml").message).toContain("TOML syntax error");
  });

  test("formatOf", () => {
    expect(formatOf("a/b.TOML")).toBe("toml");
    expect(formatOf("a/b.json")).toBe("json");
  });
});

describe("classifier", () => {
  test("features: CJK characters and bigrams, Latin padded bigrams and words", () => {
    expect(features("退款 Re")).toEqual(["退", "款", "退款", " r", "re", "e ", "w:re"]);
  });

  test("keywords lift a score; Latin keywords match whole words only", () => {
    const defs: IntentDef[] = [
      { name: "a", examples: ["alpha beta"], keywords: ["art"], action: { type: "kb" } },
      { name: "b", examples: ["gamma delta"], action: { type: "kb" } },
    ];
    const m = compileIntents(defs);
    expect(m.classify("I like art").intent).toBe("a");
    expect(m.classify("I like party").intent).toBe(null);
    expect(m.classify("gamma delta").confidence).toBe(1);
  });

  test("entities are restricted to the intent's kinds", () => {
    const m = compileIntents(parseIntentsFile(demoText));
    const r = m.classify("订单号20240512001现在怎么样了，电话13812345678");
    expect(r.intent).toBe("order_status");
    expect(r.action?.type).toBe("collect");
    expect(r.entities.map((e) => e.type)).toEqual(["order_number"]);
    expect(r.ranking.length).toBe(3);
  });

  test("demo intents: held-out accuracy floor, and leave-one-out on the examples", () => {
    const defs = parseIntentsFile(demoText);
    expect(defs.map((d) => d.name)).toEqual([
      "order_status",
      "refund",
      "shipping",
      "change_address",
      "invoice",
      "human",
    ]);
    for (const d of defs) {
      expect(d.examples.filter((e) => /\p{Script=Han}/u.test(e)).length).toBeGreaterThanOrEqual(5);
      expect(d.examples.filter((e) => !/\p{Script=Han}/u.test(e)).length).toBeGreaterThanOrEqual(5);
      expect(d.examples.length).toBeGreaterThanOrEqual(10);
    }
    const m = compileIntents(defs);
    const trainTexts = new Set(defs.flatMap((d) => d.examples));
    expect(heldout.some((h) => trainTexts.has(h.text))).toBe(false);
    const held = heldout.filter((h) => m.classify(h.text).intent === h.intent).length / heldout.length;
    let loo = 0;
    let n = 0;
    defs.forEach((d, i) => {
      d.examples.forEach((ex, j) => {
        const without = defs.map((x, k) => (k === i ? { ...x, examples: x.examples.filter((_, q) => q !== j) } : x));
        n++;
        if (compileIntents(without).classify(ex).intent === d.name) loo++;
      });
    });
    console.log(
      `demo intents: held-out accuracy ${(held * 100).toFixed(1)}% (${heldout.length}), leave-one-out ${((loo / n) * 100).toFixed(1)}% (${n})`,
    );
    expect(held).toBeGreaterThanOrEqual(0.9);
    expect(loo / n).toBeGreaterThanOrEqual(0.65);
  });
});

describe("IntentRegistry", () => {
  test("reload swaps atomically; a bad file is rejected and the old model keeps serving", () => {
    const reg = new IntentRegistry();
    expect(reg.classify("acme", "hi")).toBeUndefined();
    const v1 = reg.reload("acme", good);
    expect(v1.version).toBe(1);
    const held = reg.model("acme");
    expect(() => reg.reload("acme", good.replace('"kb"', '"kbb"'))).toThrow(IntentsFileError);
    expect(reg.model("acme")).toBe(v1);
    expect(reg.classify("acme", "我要退款")?.intent).toBe("refund");

    const v2 = reg.reload("acme", demoText);
    expect(v2.version).toBe(2);
    expect(reg.classify("acme", "我要开发票")?.intent).toBe("invoice");
    // A classification that took the old model finishes on it.
    expect(held?.classify("我要开发票").intent).not.toBe("invoice");
    expect(held?.intents.length).toBe(2);
    expect(reg.tenants()).toEqual(["acme"]);
    // Tenants are independent.
    reg.reload("globex", good);
    expect(reg.model("globex")?.version).toBe(1);
    expect(reg.delete("globex")).toBe(true);
  });
});

describe("watchIntentsFile", () => {
  let dir = "";
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("loads, reloads on change (debounced), keeps the old model on a bad edit", async () => {
    dir = mkdtempSync(join(tmpdir(), "kefu-intents-"));
    const path = join(dir, "intents.json");
    writeFileSync(path, good);
    let fire = () => {};
    let closed = false;
    const errors: unknown[] = [];
    const versions: number[] = [];
    const reg = new IntentRegistry();
    const w = watchIntentsFile(reg, {
      tenant: "acme",
      path,
      debounceMs: 5,
      onError: (e) => errors.push(e),
      onReload: (m) => versions.push(m.version),
      watch: (_p, cb) => {
        fire = cb;
        return { close: () => (closed = true) };
      },
    });
    expect(await w.ready).toBe(true);
    expect(reg.model("acme")?.intents.length).toBe(2);

    writeFileSync(path, good.replace('"kb"', '"nope"'));
    fire();
    fire();
    await Bun.sleep(30);
    expect(errors.length).toBe(1);
    expect((errors[0] as IntentsFileError).line).toBe(6);
    expect(reg.model("acme")?.version).toBe(1);

    writeFileSync(path, demoText);
    fire();
    await Bun.sleep(30);
    expect(reg.model("acme")?.intents.length).toBe(6);
    expect(versions).toEqual([1, 2]);
    w.close();
    expect(closed).toBe(true);
  });

  test("a missing file goes to onError", async () => {
    const errors: unknown[] = [];
    const reg = new IntentRegistry();
    const w = watchIntentsFile(reg, {
      tenant: "t",
      path: "/nonexistent/intents.json",
      onError: (e) => errors.push(e),
      watch: () => ({ close() {} }),
    });
    expect(await w.ready).toBe(false);
    expect(errors.length).toBe(1);
    w.close();
  });
});

test("watchIntentsFile with the real fs.watch picks up a replaced file", async () => {
  const dir = mkdtempSync(join(tmpdir(), "kefu-intents-fs-"));
  try {
    const path = join(dir, "intents.json");
    writeFileSync(path, good);
    const reg = new IntentRegistry();
    const w = watchIntentsFile(reg, { tenant: "acme", path, debounceMs: 10 });
    expect(await w.ready).toBe(true);
    writeFileSync(join(dir, "tmp.json"), demoText);
    renameSync(join(dir, "tmp.json"), path);
    for (let i = 0; i < 100 && reg.model("acme")?.version !== 2; i++) await Bun.sleep(10);
    w.close();
    expect(reg.model("acme")?.intents.length).toBe(6);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

describe("watchIntentsDir", () => {
  let dir = "";
  afterEach(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("tenant names come from file names; other files are not intents", () => {
    expect(tenantOfIntentsFile("acme.json")).toBe("acme");
    expect(tenantOfIntentsFile("globex-cn.toml")).toBe("globex-cn");
    expect(tenantOfIntentsFile("README.md")).toBeUndefined();
    expect(tenantOfIntentsFile(".acme.json.swp")).toBeUndefined();
  });

  test("loads every tenant file, reloads the changed one, picks up new files, keeps a tenant's model on a bad edit", async () => {
    dir = mkdtempSync(join(tmpdir(), "kefu-intents-dir-"));
    writeFileSync(join(dir, "acme.json"), good);
    writeFileSync(join(dir, "globex.json"), demoText);
    writeFileSync(join(dir, "notes.txt"), "not intents");
    let fire: (name: string | null) => void = () => {};
    const errors: [string, unknown][] = [];
    const reg = new IntentRegistry();
    const w = watchIntentsDir(reg, {
      dir,
      debounceMs: 5,
      onError: (t, e) => errors.push([t, e]),
      watch: (_d, cb) => {
        fire = cb;
        return { close() {} };
      },
    });
    expect(await w.ready).toEqual(["acme", "globex"]);
    expect(reg.model("acme")?.intents.length).toBe(2);
    expect(reg.model("globex")?.intents.length).toBe(6);

    writeFileSync(join(dir, "acme.json"), demoText);
    fire("acme.json");
    writeFileSync(join(dir, "globex.json"), good.replace('"kb"', '"nope"'));
    fire("globex.json");
    writeFileSync(
      join(dir, "initech.toml"),
      '[[intents]]\nname = "hi"\nexamples = ["hello"]\naction = { type = "template", text = "Hi!" }\n',
    );
    fire("initech.toml");
    writeFileSync(join(dir, "acme.toml"), good);
    fire("acme.toml");
    for (let i = 0; i < 100 && reg.model("initech") === undefined; i++) await Bun.sleep(5);
    await Bun.sleep(20);
    expect(reg.model("acme")).toMatchObject({ version: 2 });
    expect(reg.model("acme")?.intents.length).toBe(6);
    expect(reg.model("globex")).toMatchObject({ version: 1 });
    expect(reg.classify("initech", "hello")?.action).toEqual({ type: "template", text: "Hi!" });
    expect(errors.map(([t]) => t).sort()).toEqual(["acme", "globex"]);
    expect(String(errors.find(([t]) => t === "acme")?.[1])).toContain("acme.toml ignored");
    expect(w.tenants()).toEqual(["acme", "globex", "initech"]);
    w.close();
  });

  test("a directory that does not exist is refused", () => {
    expect(() => watchIntentsDir(new IntentRegistry(), { dir: "/nonexistent/kefu-intents" })).toThrow("ENOENT");
  });
});
