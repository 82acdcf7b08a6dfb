import { describe, expect, test } from "bun:test";
import { KefuError } from "../errors.ts";
import {
  chunkDocument,
  chunkFaq,
  chunkMarkdown,
  chunkText,
  decodeEntities,
  htmlToText,
  packText,
  parseCsv,
  parseFaqCsv,
  parseFaqJson,
} from "./chunk.ts";
import { estimateTokens } from "./text.ts";

describe("chunkMarkdown", () => {
  test("each chunk carries its heading path", () => {
    const md = "intro\n# Refunds\nWithin 7 days.\n## Timelines\n3-5 days.\n# Shipping\nFree over $49.";
    const c = chunkMarkdown("d", md);
    expect(c.map((x) => [x.heading, x.text])).toEqual([
      [undefined, "intro"],
      ["Refunds", "Within 7 days."],
      ["Refunds > Timelines", "3-5 days."],
      ["Shipping", "Free over $49."],
    ]);
    expect(c.map((x) => x.id)).toEqual(["d#0", "d#1", "d#2", "d#3"]);
    expect(c.every((x) => x.kind === "passage" && x.docId === "d")).toBe(true);
  });
  test("a # inside a code fence is not a heading", () => {
    const c = chunkMarkdown("d", "# A\n```\n# not a heading\n```\ntext");
    expect(c).toHaveLength(1);
    expect(c[0]?.text).toContain("# not a heading");
  });
  test("long sections split on sentences within the limits", () => {
    const body = Array.from({ length: 40 }, (_, i) => `退款第${i}步需要等待审核。`).join("");
    const c = chunkMarkdown("d", `# 退款\n${body}`, { maxChars: 60, tags: ["x"] });
    expect(c.length).toBeGreaterThan(5);
    for (const x of c) {
      expect(x.text.length).toBeLessThanOrEqual(60);
      expect(x.text.endsWith("。")).toBe(true);
      expect(x.heading).toBe("退款");
      expect(x.tags).toEqual(["x"]);
    }
    expect(c.map((x) => x.text).join("")).toBe(body);
  });
});

describe("packText", () => {
  test("respects a token limit and cuts over-long sentences", () => {
    const long = "word ".repeat(100).trim();
    const pieces = packText([long], { maxTokens: 20 });
    for (const p of pieces) expect(estimateTokens(p)).toBeLessThanOrEqual(20);
    expect(pieces.join(" ")).toBe(long);
  });
});

describe("chunkText", () => {
  test("paragraphs pack together when they fit", () => {
    expect(chunkText("t", "One.\n\nTwo.").map((c) => c.text)).toEqual(["One.\n\nTwo."]);
    expect(chunkText("t", "One.\n\nTwo.", { maxChars: 6 }).map((c) => c.text)).toEqual(["One.", "Two."]);
  });
});

describe("htmlToText", () => {
  test("drops scripts, styles and comments; keeps headings; decodes entities", () => {
    const html = `<html><head><title>x</title><style>p{color:red}</style></head><body>
      <h1>Refunds</h1><!-- <p>hidden</p> --><p class="a>b" data-x='>'>7 days &amp; more&nbsp;&#x4e2d;&#25991;</p>
      <script>if (a < b) document.write("<p>bad</p>")</script><h2>Fees</h2><ul><li>one</li><li>two</li></ul>
      <p>a < b</p></body></html>`;
    const text = htmlToText(html);
    expect(text).toBe("# Refunds\n\n7 days & more 中文\n\n## Fees\n\none\n\ntwo\n\na < b");
    const chunks = chunkDocument("h", { format: "html", content: html });
    expect(chunks.map((c) => c.heading)).toEqual(["Refunds", "Refunds > Fees"]);
  });
  test("unterminated constructs do not hang or leak", () => {
    expect(htmlToText("<p>ok</p><script>never closed")).toBe("ok");
    expect(htmlToText("text <!-- open")).toBe("text");
    expect(decodeEntities("&bogus; &#0; &lt;")).toBe("&bogus; &#0; <");
  });
});

describe("FAQ", () => {
  test("CSV with quotes, commas, newlines and doubled quotes", () => {
    expect(parseCsv('a,"b,""c"""\r\n1,"2\n3"\n')).toEqual([
      ["a", 'b,"c"'],
      ["1", "2\n3"],
    ]);
    const pairs = parseFaqCsv('\ufeffid,question,answer,tags\nq1,"How long, roughly?",3 days,refund;en\n,Empty?,,');
    expect(pairs).toEqual([{ id: "q1", question: "How long, roughly?", answer: "3 days", tags: ["refund", "en"] }]);
  });
  test("bad CSV and JSON are invalid_document errors", () => {
    expect(() => parseCsv('a,"b')).toThrow(KefuError);
    expect(() => parseFaqCsv("q,a\n1,2")).toThrow(/header/);
    expect(() => parseFaqJson("{")).toThrow(KefuError);
    expect(() => parseFaqJson('[{"question":1}]')).toThrow(/item 0/);
  });
  test("JSON pairs become faq chunks with question and answer", () => {
    const c = chunkDocument("faq", {
      format: "faq-json",
      content: '[{"id":"r","question":"Q?","answer":"A.","tags":["refund"]},{"question":"Q2?","answer":"B."}]',
    });
    expect(c).toEqual([
      { id: "r", docId: "faq", text: "Q?\nA.", tags: ["refund"], kind: "faq", question: "Q?", answer: "A." },
      { id: "faq#1", docId: "faq", text: "Q2?\nB.", tags: [], kind: "faq", question: "Q2?", answer: "B." },
    ]);
  });
  test("duplicate ids are made unique; long answers are cut in text only", () => {
    const long = "x ".repeat(500);
    const c = chunkFaq("f", [
      { id: "a", question: "Q", answer: long },
      { id: "a", question: "Q", answer: "b" },
    ]);
    expect(c.map((x) => x.id)).toEqual(["a", "a#1"]);
    expect(c[0]?.text.length).toBeLessThanOrEqual(800);
    expect(c[0]?.answer).toBe(long);
  });
});
