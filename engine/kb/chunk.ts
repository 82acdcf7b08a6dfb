/**
 * Turns documents into chunks for the knowledge base: Markdown (each chunk carries
 * its heading path), plain text, HTML (tags stripped by a small state machine) and
 * FAQ pairs (CSV with quoted fields, or JSON). Long sections are split on sentence
 * boundaries so that no chunk passes `maxChars` / `maxTokens`.
 *
 * @example
 *   const chunks = chunkDocument("refunds", { format: "markdown", content: "# Refunds\nWithin 7 days." });
 *   chunks[0]; // { id: "refunds#0", docId: "refunds", text: "Within 7 days.", heading: "Refunds", kind: "passage", tags: [] }
 */
import { KefuError } from "../errors.ts";
import { estimateTokens, splitSentences } from "./text.ts";

/** One retrievable piece of a document. */
export interface Chunk {
  /** Unique within a knowledge base: `${docId}#${n}` (FAQ pairs may bring their own id). */
  id: string;
  docId: string;
  /** The text that is indexed and returned. For FAQ pairs: question, newline, answer. */
  text: string;
  /** Heading path joined with " > ", e.g. "Refunds > Timelines". */
  heading?: string;
  tags: string[];
  kind: "faq" | "passage";
  question?: string;
  answer?: string;
}

/** A FAQ pair as given in CSV or JSON. */
export interface FaqPair {
  id?: string;
  question: string;
  answer: string;
  tags?: string[];
}

/** Formats `chunkDocument` understands. */
export type DocumentFormat = "markdown" | "text" | "html" | "faq-csv" | "faq-json";

/** Size limits of a chunk; a sentence longer than the limit is cut hard. */
export interface ChunkOptions {
  /** Most characters in a chunk (default 800). */
  maxChars?: number;
  /** Most estimated tokens in a chunk (default 400). */
  maxTokens?: number;
  /** Tags given to every chunk of the document. */
  tags?: string[];
}

/**
 * Chunks a document of any supported format.
 *
 * @example
 *   chunkDocument("faq", { format: "faq-json", content: '[{"question":"Q?","answer":"A."}]' });
 */
export function chunkDocument(
  docId: string,
  doc: { format: DocumentFormat; content: string },
  opts: ChunkOptions = {},
): Chunk[] {
  switch (doc.format) {
    case "markdown":
      return chunkMarkdown(docId, doc.content, opts);
    case "text":
      return chunkText(docId, doc.content, opts);
    case "html":
      return chunkMarkdown(docId, htmlToText(doc.content), opts);
    case "faq-csv":
      return chunkFaq(docId, parseFaqCsv(doc.content), opts);
    case "faq-json":
      return chunkFaq(docId, parseFaqJson(doc.content), opts);
    default:
      throw new KefuError("invalid_document", `unknown document format ${String(doc.format)}`, { status: 400 });
  }
}

function limits(opts: ChunkOptions): { maxChars: number; maxTokens: number } {
  return { maxChars: opts.maxChars ?? 800, maxTokens: opts.maxTokens ?? 400 };
}

function fits(text: string, l: { maxChars: number; maxTokens: number }): boolean {
  return text.length <= l.maxChars && estimateTokens(text) <= l.maxTokens;
}

/** Cuts one over-long sentence into pieces that fit, at spaces when it can. */
function hardSplit(sentence: string, l: { maxChars: number; maxTokens: number }): string[] {
  const out: string[] = [];
  let rest = sentence;
  while (!fits(rest, l)) {
    let cut = Math.min(rest.length, l.maxChars);
    while (cut > 1 && !fits(rest.slice(0, cut), l)) cut = Math.floor(cut * 0.8);
    const space = rest.lastIndexOf(" ", cut);
    if (space > cut / 2) cut = space;
    out.push(rest.slice(0, cut).trim());
    rest = rest.slice(cut).trim();
  }
  if (rest) out.push(rest);
  return out;
}

/**
 * Packs paragraphs into pieces within the limits: whole paragraphs when they fit,
 * else sentences, else hard cuts.
 *
 * @example
 *   packText(["One. Two.", "Three."], { maxChars: 10 }); // ["One. Two.", "Three."]
 */
export function packText(paragraphs: string[], opts: ChunkOptions = {}): string[] {
  const l = limits(opts);
  const out: string[] = [];
  let cur = "";
  const push = (piece: string, sep: string) => {
    const joined = cur ? `${cur}${sep}${piece}` : piece;
    if (fits(joined, l)) {
      cur = joined;
      return;
    }
    if (cur) out.push(cur);
    cur = "";
    if (fits(piece, l)) cur = piece;
    else {
      const parts = hardSplit(piece, l);
      cur = parts.pop() ?? "";
      out.push(...parts);
    }
  };
  for (const para of paragraphs) {
    const p = para.trim();
    if (!p) continue;
    if (fits(p, l)) push(p, "\n\n");
    else
      for (const s of splitSentences(p))
        push(s, /[\p{Script=Han}]$/u.test(cur) || /^[\p{Script=Han}]/u.test(s) ? "" : " ");
  }
  if (cur) out.push(cur);
  return out;
}

/**
 * Chunks Markdown: a heading starts a new section; each chunk carries the path of
 * headings above it. Fenced code blocks are kept (their `#` lines are not headings).
 *
 * @example
 *   chunkMarkdown("d", "# A\n## B\ntext")[0]?.heading; // "A > B"
 */
export function chunkMarkdown(docId: string, markdown: string, opts: ChunkOptions = {}): Chunk[] {
  const chunks: Chunk[] = [];
  const path: string[] = [];
  let paras: string[] = [];
  let para: string[] = [];
  let inFence = false;
  const endPara = () => {
    if (para.length) paras.push(para.join("\n"));
    para = [];
  };
  const flush = () => {
    endPara();
    const heading = path.filter(Boolean).join(" > ") || undefined;
    for (const text of packText(paras, opts)) {
      chunks.push({
        id: `${docId}#${chunks.length}`,
        docId,
        text,
        ...(heading ? { heading } : {}),
        tags: [...(opts.tags ?? [])],
        kind: "passage",
      });
    }
    paras = [];
  };
  for (const line of markdown.replace(/\r\n?/g, "\n").split("\n")) {
    if (/^\s*(```|~~~)/.test(line)) {
      inFence = !inFence;
      para.push(line);
      continue;
    }
    const h = inFence ? null : /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (h) {
      flush();
      const level = (h[1] as string).length;
      path.length = level - 1;
      path[level - 1] = (h[2] as string).trim();
      continue;
    }
    if (!inFence && line.trim() === "") endPara();
    else para.push(line);
  }
  flush();
  return chunks;
}

/**
 * Chunks plain text on blank-line paragraphs, then sentences.
 *
 * @example
 *   chunkText("d", "Para one.\n\nPara two.").length; // 1 (both fit)
 */
export function chunkText(docId: string, text: string, opts: ChunkOptions = {}): Chunk[] {
  const paras = text.replace(/\r\n?/g, "\n").split(/\n\s*\n/);
  return packText(paras, opts).map((t, i) => ({
    id: `${docId}#${i}`,
    docId,
    text: t,
    tags: [...(opts.tags ?? [])],
    kind: "passage" as const,
  }));
}

const ENTITIES: Record<string, string> = {
  amp: "&",
  lt: "<",
  gt: ">",
  quot: '"',
  apos: "'",
  nbsp: " ",
  yen: "¥",
  copy: "©",
  reg: "®",
  mdash: "—",
  ndash: "–",
  hellip: "…",
  rsquo: "’",
  lsquo: "‘",
  rdquo: "”",
  ldquo: "“",
};

/** Decodes named (common) and numeric character references; unknown ones stay as written. */
export function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (all, e: string) => {
    if (e[0] === "#") {
      const cp = e[1] === "x" || e[1] === "X" ? Number.parseInt(e.slice(2), 16) : Number.parseInt(e.slice(1), 10);
      return Number.isFinite(cp) && cp > 0 && cp <= 0x10ffff ? String.fromCodePoint(cp) : all;
    }
    return ENTITIES[e.toLowerCase()] ?? all;
  });
}

const SKIP = new Set(["script", "style", "noscript", "template", "head", "svg", "iframe", "object"]);
const BLOCK = new Set(
  "p div br li ul ol tr table section article header footer nav aside main blockquote pre hr dt dd dl form fieldset figure figcaption address title".split(
    " ",
  ),
);

/**
 * Strips HTML to text with a small state machine (not a regex): drops comments,
 * `<script>`/`<style>`-like elements with their content, and tags (attribute values
 * may hold `>`); block elements become line breaks; `<h1>`…`<h6>` become Markdown
 * headings so `chunkMarkdown` keeps the heading path; entities are decoded.
 *
 * @example
 *   htmlToText('<h1>Refunds</h1><p a=">">7 days &amp; more</p><script>x()</script>'); // "# Refunds\n\n7 days & more"
 */
export function htmlToText(html: string): string {
  let out = "";
  let text = "";
  let i = 0;
  const n = html.length;
  const emitText = () => {
    out += decodeEntities(text).replace(/[ \t\f\v\r\n]+/g, " ");
    text = "";
  };
  while (i < n) {
    const c = html[i] as string;
    if (c !== "<") {
      text += c;
      i++;
      continue;
    }
    if (html.startsWith("<!--", i)) {
      emitText();
      const end = html.indexOf("-->", i + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    const m = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)/.exec(html.slice(i, i + 64));
    if (!m && !/^<[!?]/.test(html.slice(i, i + 2))) {
      text += c; // a bare "<" in text, e.g. "a < b"
      i++;
      continue;
    }
    emitText();
    // Scan to the end of the tag, honouring quoted attribute values.
    let j = i + 1;
    let quote = "";
    for (; j < n; j++) {
      const d = html[j] as string;
      if (quote) {
        if (d === quote) quote = "";
      } else if (d === '"' || d === "'") quote = d;
      else if (d === ">") break;
    }
    const closing = html[i + 1] === "/";
    const name = (m?.[1] ?? "").toLowerCase();
    i = j + 1;
    if (!closing && SKIP.has(name)) {
      const close = html.toLowerCase().indexOf(`</${name}`, i);
      if (close < 0) i = n;
      else {
        const gt = html.indexOf(">", close);
        i = gt < 0 ? n : gt + 1;
      }
      continue;
    }
    const h = /^h([1-6])$/.exec(name);
    if (h) out += closing ? "\n" : `\n${"#".repeat(Number(h[1]))} `;
    else if (BLOCK.has(name)) out += name === "p" && !closing ? "\n\n" : "\n";
    else if (name === "td" || name === "th") out += " ";
  }
  emitText();
  return out
    .split("\n")
    .map((l) => l.trim())
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Parses RFC 4180 CSV: quoted fields may hold commas, newlines and doubled quotes.
 *
 * @example
 *   parseCsv('a,"b,""c"""\n1,2'); // [["a", 'b,"c"'], ["1", "2"]]
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  for (; i < text.length; i++) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i++;
        } else quoted = false;
      } else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\n" || c === "\r") {
      if (c === "\r" && text[i + 1] === "\n") i++;
      row.push(field);
      field = "";
      if (row.length > 1 || row[0] !== "") rows.push(row);
      row = [];
    } else field += c;
  }
  if (quoted) throw new KefuError("invalid_document", "CSV ends inside a quoted field", { status: 400 });
  row.push(field);
  if (row.length > 1 || row[0] !== "") rows.push(row);
  return rows;
}

function splitTags(s: string | undefined): string[] {
  return (s ?? "")
    .split(/[;|,，、]/)
    .map((t) => t.trim())
    .filter(Boolean);
}

/**
 * Reads FAQ pairs from CSV with a header row naming `question` and `answer`
 * (optional `id`, `tags` separated by `;` or `|`).
 *
 * @example
 *   parseFaqCsv('question,answer\n"How long, roughly?",3 days'); // [{ question: "How long, roughly?", answer: "3 days", tags: [] }]
 */
export function parseFaqCsv(text: string): FaqPair[] {
  const [header, ...rows] = parseCsv(text);
  const cols = (header ?? []).map((h) => h.trim().toLowerCase());
  const qi = cols.indexOf("question");
  const ai = cols.indexOf("answer");
  if (qi < 0 || ai < 0) {
    throw new KefuError("invalid_document", "FAQ CSV needs a header with question and answer columns", {
      status: 400,
    });
  }
  const ii = cols.indexOf("id");
  const ti = cols.indexOf("tags");
  return rows
    .map((r) => ({
      ...(ii >= 0 && r[ii]?.trim() ? { id: (r[ii] as string).trim() } : {}),
      question: (r[qi] ?? "").trim(),
      answer: (r[ai] ?? "").trim(),
      tags: splitTags(ti >= 0 ? r[ti] : undefined),
    }))
    .filter((p) => p.question && p.answer);
}

/**
 * Reads FAQ pairs from JSON `[{ id?, question, answer, tags? }]`.
 *
 * @example
 *   parseFaqJson('[{"question":"Q?","answer":"A.","tags":["refund"]}]');
 */
export function parseFaqJson(text: string): FaqPair[] {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (e) {
    throw new KefuError("invalid_document", "FAQ JSON does not parse", { status: 400, cause: e });
  }
  if (!Array.isArray(data)) throw new KefuError("invalid_document", "FAQ JSON must be an array", { status: 400 });
  return data.map((d, i) => {
    const o = d as Record<string, unknown>;
    if (typeof o?.question !== "string" || typeof o.answer !== "string") {
      throw new KefuError("invalid_document", `FAQ item ${i} needs string question and answer`, { status: 400 });
    }
    const tags = Array.isArray(o.tags) ? o.tags.filter((t): t is string => typeof t === "string") : [];
    return { ...(typeof o.id === "string" ? { id: o.id } : {}), question: o.question, answer: o.answer, tags };
  });
}

/**
 * One chunk per FAQ pair (kind "faq"); an over-long answer is cut to the size limit
 * in `text` but kept whole in `answer`.
 *
 * @example
 *   chunkFaq("faq", [{ id: "refund-time", question: "How long?", answer: "3 days." }])[0]?.id; // "refund-time"
 */
export function chunkFaq(docId: string, pairs: FaqPair[], opts: ChunkOptions = {}): Chunk[] {
  const seen = new Set<string>();
  return pairs.map((p, i) => {
    let id = p.id ?? `${docId}#${i}`;
    if (seen.has(id)) id = `${id}#${i}`;
    seen.add(id);
    const text = packText([`${p.question}\n${p.answer}`], opts)[0] ?? p.question;
    return {
      id,
      docId,
      text,
      tags: [...new Set([...(opts.tags ?? []), ...(p.tags ?? [])])],
      kind: "faq" as const,
      question: p.question,
      answer: p.answer,
    };
  });
}
