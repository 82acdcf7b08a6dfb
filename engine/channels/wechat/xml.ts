/**
 * The flat XML of WeChat callbacks: `<xml><Tag><![CDATA[text]]></Tag><Tag>123</Tag></xml>`.
 * Only top-level fields are read (nested ones, e.g. of events, are skipped); the
 * input is bounded by the HTTP body limit. Built replies wrap text in CDATA,
 * splitting any `]]>` so it cannot end the section early.
 *
 * @example
 *   parseWechatXml("<xml><MsgType><![CDATA[text]]></MsgType></xml>").MsgType; // "text"
 *   buildWechatXml({ Content: "hi", CreateTime: 1 }); // "<xml><Content><![CDATA[hi]]></Content><CreateTime>1</CreateTime></xml>"
 */
import { KefuError } from "../../errors.ts";

const FIELD = /<([A-Za-z][A-Za-z0-9_]{0,63})>((?:\s*<!\[CDATA\[[\s\S]*?\]\]>)+\s*|[^<]*)<\/\1>/g;
const CDATA = /<!\[CDATA\[([\s\S]*?)\]\]>/g;

/**
 * Reads the top-level fields of a WeChat XML document; throws 400 `invalid_xml` when there is no `<xml>` root.
 *
 * @example
 *   parseWechatXml(body).FromUserName; // the user's OpenID
 */
export function parseWechatXml(text: string): Record<string, string> {
  const root = /^\s*<xml>([\s\S]*)<\/xml>\s*$/.exec(text);
  if (!root) throw new KefuError("invalid_xml", "the body is not a WeChat <xml> document", { status: 400 });
  const out: Record<string, string> = {};
  for (const m of (root[1] ?? "").matchAll(FIELD)) {
    const name = m[1] as string;
    const raw = m[2] ?? "";
    // Consecutive CDATA sections are one text (a "]]>" inside a text is split across two).
    if (!(name in out))
      out[name] = raw.includes("<![CDATA[") ? [...raw.matchAll(CDATA)].map((c) => c[1]).join("") : decode(raw);
  }
  return out;
}

const decode = (s: string) =>
  s.replace(
    /&(lt|gt|amp|quot|apos);/g,
    (_, e: string) => ({ lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" })[e] ?? "",
  );

/**
 * Builds a flat WeChat XML document: numbers bare, strings in CDATA.
 *
 * @example
 *   buildWechatXml({ ToUserName: "o1", MsgType: "text", Content: "hello" });
 */
export function buildWechatXml(fields: Record<string, string | number>): string {
  const body = Object.entries(fields)
    .map(([k, v]) =>
      typeof v === "number"
        ? `<${k}>${v}</${k}>`
        : `<${k}><![CDATA[${v.replaceAll("]]>", "]]]]><![CDATA[>")}]]></${k}>`,
    )
    .join("");
  return `<xml>${body}</xml>`;
}
