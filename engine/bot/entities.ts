/**
 * Business entities in chat text, found by patterns: order numbers, SKUs,
 * tracking numbers, Chinese mobile numbers, Chinese resident ID numbers (with
 * checksum) and e-mail addresses. `maskPii` hides phones and ID numbers (and
 * optionally e-mails) before text leaves for a third-party model.
 *
 * Patterns (case-insensitive except UPU S10; full-width characters folded first):
 * - phone: `1[3-9]\d{9}`, optionally `+86`/`86` prefixed, with optional `-`/space
 *   groups `3-4-4`; never part of a longer digit run.
 * - id_number: 17 digits + check character (digit or X), ISO 7064 MOD 11-2 checksum
 *   and a plausible birth date (1900-01-01 .. 2099-12-31) must hold.
 * - email: `local@domain.tld`.
 * - tracking_number, by carrier:
 *   SF 顺丰 `SF` + 12–13 digits · JD 京东 `JD` + 11–15 letters/digits holding a run of
 *   ≥ 8 digits (e.g. `JDVA12345678901`) · YT 圆通 `YT` + 13 digits · JT 极兔 `JT` + 13 digits ·
 *   UPS `1Z` + 16 letters/digits · UPU/EMS S10 `XX` + 9 digits + 2-letter country
 *   (`EA123456789CN`) · ZTO 中通 / STO 申通 / YD 韵达 / EMS / FedEx / DHL: numeric
 *   only, recognised when a cue word (快递单号, 运单号, 物流单号, 单号 after a carrier
 *   name, "tracking", "waybill", carrier names) precedes 10–15 digits.
 * - order_number: a cue (订单号, 订单, 单号 without a carrier, "order", "order no",
 *   "order #") followed by 6–32 letters/digits/dashes with at least one digit; or a
 *   bare run of 16–20 digits (marketplace order ids) that is nothing else.
 * - sku: a cue (SKU, 货号, 商品编号, 款号, "item no") followed by 3–32 letters/digits/dashes
 *   with at least one digit.
 *
 * @example
 *   extractEntities("订单号 20240512001 顺丰 SF123456789012")
 *   // [{ type: "order_number", value: "20240512001", ... }, { type: "tracking_number", value: "SF123456789012", carrier: "SF", ... }]
 *   maskPii("call 13812345678") // "call *******5678"
 */

/** Kinds of entity. */
export type EntityType = "order_number" | "sku" | "tracking_number" | "phone" | "id_number" | "email";

/** Carriers a tracking number can be attributed to. */
export type Carrier = "SF" | "JD" | "YT" | "JT" | "ZTO" | "STO" | "YD" | "EMS" | "UPS" | "FEDEX" | "DHL" | "UPU";

/** One entity found in a text; `start`/`end` are UTF-16 offsets into the original text. */
export interface Entity {
  type: EntityType;
  value: string;
  start: number;
  end: number;
  /** Tracking numbers only, when the carrier is known. */
  carrier?: Carrier;
}

/** Folds full-width ASCII (Ｓ, １, ＠, ＃, ：) and the ideographic space to ASCII, keeping offsets (1:1). */
export function foldWidth(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0) ?? 0;
    if (c >= 0xff01 && c <= 0xff5e) out += String.fromCharCode(c - 0xfee0);
    else if (c === 0x3000) out += " ";
    else out += ch;
  }
  return out;
}

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = "10X98765432";

/**
 * True when `id` is an 18-character Chinese resident ID with a valid checksum and birth date.
 *
 * @example
 *   isValidChineseId("11010519491231002X") // true
 */
export function isValidChineseId(id: string): boolean {
  if (!/^\d{17}[\dXx]$/.test(id)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(id[i]) * (ID_WEIGHTS[i] ?? 0);
  if (ID_CHECK[sum % 11] !== id[17]?.toUpperCase()) return false;
  const y = Number(id.slice(6, 10));
  const m = Number(id.slice(10, 12));
  const d = Number(id.slice(12, 14));
  if (y < 1900 || y > 2099 || m < 1 || m > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, m, 0)).getUTCDate();
}

interface Rule {
  type: EntityType;
  re: RegExp;
  /** Capture group holding the value (0: whole match). */
  group: number;
  carrier?: Carrier | ((value: string, match: RegExpExecArray) => Carrier | undefined);
  valid?: (value: string) => boolean;
  /** Higher wins when two candidates overlap. */
  priority: number;
}

const carrierByCue = (cue: string): Carrier | undefined => {
  const c = cue.toLowerCase();
  if (c.includes("中通") || c.includes("zto")) return "ZTO";
  if (c.includes("申通") || c.includes("sto")) return "STO";
  if (c.includes("韵达") || c.includes("yunda")) return "YD";
  if (c.includes("ems") || c.includes("邮政")) return "EMS";
  if (c.includes("fedex") || c.includes("联邦")) return "FEDEX";
  if (c.includes("dhl")) return "DHL";
  if (c.includes("顺丰")) return "SF";
  if (c.includes("圆通")) return "YT";
  return undefined;
};

const ND = "(?<![0-9A-Za-z])";
const NA = "(?![0-9A-Za-z])";
const CARRIER_CUE = "中通|申通|韵达|邮政|EMS|顺丰|圆通|ZTO|STO|Yunda|FedEx|联邦|DHL";

const RULES: Rule[] = [
  { type: "email", re: /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, group: 0, priority: 90 },
  {
    type: "id_number",
    re: new RegExp(`(?<!\\d)(\\d{17}[\\dXx])${NA}`, "g"),
    group: 1,
    valid: isValidChineseId,
    priority: 80,
  },
  {
    type: "phone",
    re: /(?<![\d])(?:\+?86[- ]?)?(1[3-9]\d(?:[- ]?\d{4}){2})(?!\d)/g,
    group: 0,
    priority: 70,
  },
  { type: "tracking_number", re: new RegExp(`${ND}(SF\\d{12,13})${NA}`, "gi"), group: 1, carrier: "SF", priority: 60 },
  {
    type: "tracking_number",
    re: new RegExp(`${ND}(JD[A-Z0-9]{11,15})${NA}`, "gi"),
    group: 1,
    carrier: "JD",
    valid: (v) => /\d{8}/.test(v),
    priority: 60,
  },
  { type: "tracking_number", re: new RegExp(`${ND}(YT\\d{13})${NA}`, "gi"), group: 1, carrier: "YT", priority: 60 },
  { type: "tracking_number", re: new RegExp(`${ND}(JT\\d{13})${NA}`, "gi"), group: 1, carrier: "JT", priority: 60 },
  {
    type: "tracking_number",
    re: new RegExp(`${ND}(1Z[A-Z0-9]{16})${NA}`, "gi"),
    group: 1,
    carrier: "UPS",
    priority: 60,
  },
  {
    type: "tracking_number",
    re: new RegExp(`${ND}([A-Z]{2}\\d{9}[A-Z]{2})${NA}`, "g"),
    group: 1,
    carrier: (v) => (v.startsWith("E") ? "EMS" : "UPU"),
    priority: 55,
  },
  {
    // Numeric carriers (ZTO, STO, YD, EMS, FedEx, DHL): only after a cue.
    type: "tracking_number",
    re: new RegExp(
      `((?:${CARRIER_CUE})(?:快递|物流)?(?:单号|运单号|快递单号)?|快递单号|运单号|物流单号|tracking(?: number| no\\.?| #)?|waybill(?: number| no\\.?)?)\\s*(?:是|为|[:#：])?\\s*(\\d{10,15})${NA}`,
      "gi",
    ),
    group: 2,
    carrier: (_v, m) => carrierByCue(m[1] ?? ""),
    priority: 50,
  },
  {
    type: "sku",
    re: /(?:(?<![A-Za-z])(?:SKU|item (?:no\.?|number|#))(?![A-Za-z])|货号|商品编号|款号)\s*(?:是|为|[:#：])?\s*([A-Za-z0-9][A-Za-z0-9-]{2,31})(?![A-Za-z0-9-])/gi,
    group: 1,
    valid: (v) => /\d/.test(v),
    priority: 40,
  },
  {
    type: "order_number",
    re: /(?:订单号|订单编号|订单|单号|(?<![A-Za-z])order(?: no\.?| number| id| #|#)?(?![A-Za-z]))\s*(?:是|为|[:#：])?\s*([A-Za-z0-9][A-Za-z0-9-]{5,31})(?![A-Za-z0-9-])/gi,
    group: 1,
    valid: (v) => /\d/.test(v),
    priority: 30,
  },
  { type: "order_number", re: /(?<![\dA-Za-z])(\d{16,20})(?![\dA-Za-z])/g, group: 1, priority: 10 },
];

/**
 * Finds entities in `text`, left to right; overlapping candidates resolve to the higher-priority kind
 * (email > ID > phone > tracking > SKU > order number).
 *
 * @example
 *   extractEntities("手机 138-1234-5678").map((e) => e.type) // ["phone"]
 */
export function extractEntities(text: string): Entity[] {
  const folded = foldWidth(text);
  const found: (Entity & { priority: number })[] = [];
  for (const rule of RULES) {
    rule.re.lastIndex = 0;
    for (let m = rule.re.exec(folded); m; m = rule.re.exec(folded)) {
      const raw = m[rule.group];
      if (raw === undefined) continue;
      // The value is the match's tail (cues come first), so find it from the end.
      const start = m.index + (rule.group === 0 ? 0 : m[0].lastIndexOf(raw));
      const value = rule.type === "phone" ? raw.replace(/^\+?86[- ]?/, "").replace(/[- ]/g, "") : raw;
      if (rule.valid && !rule.valid(value)) continue;
      const e: Entity & { priority: number } = {
        type: rule.type,
        value: rule.type === "tracking_number" ? value.toUpperCase() : value,
        start,
        end: start + raw.length,
        priority: rule.priority,
      };
      const carrier = typeof rule.carrier === "function" ? rule.carrier(value, m) : rule.carrier;
      if (carrier) e.carrier = carrier;
      found.push(e);
    }
  }
  found.sort((a, b) => b.priority - a.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
  const kept: (Entity & { priority: number })[] = [];
  for (const e of found) {
    if (kept.some((k) => e.start < k.end && k.start < e.end)) continue;
    kept.push(e);
  }
  kept.sort((a, b) => a.start - b.start);
  return kept.map(({ priority: _p, ...e }) => e);
}

/**
 * True when the text carries at least one business entity.
 *
 * @example
 *   hasEntities("where is SF123456789012?") // true
 */
export function hasEntities(text: string): boolean {
  return extractEntities(text).length > 0;
}

/** What `maskPii` hides. */
export interface MaskOptions {
  /** Mask mobile numbers (default true). */
  phone?: boolean;
  /** Mask resident ID numbers (default true). */
  idNumber?: boolean;
  /** Mask e-mail local parts (default false). */
  email?: boolean;
  /** Characters left visible at the end (default 4). */
  keepLast?: number;
  /** The mask character (default "*"). */
  maskChar?: string;
}

function maskTail(s: string, keep: number, ch: string): string {
  // Mask letters/digits except the last `keep` of them; separators stay.
  const total = (s.match(/[0-9A-Za-z]/g) ?? []).length;
  let seen = 0;
  let out = "";
  for (const c of s) {
    if (/[0-9A-Za-z]/.test(c)) {
      seen++;
      out += seen > total - keep ? c : ch;
    } else out += c;
  }
  return out;
}

/**
 * Masks phones and ID numbers (configurable) keeping the last `keepLast` characters; e-mails, when
 * enabled, keep their domain.
 *
 * @example
 *   maskPii("身份证 11010519491231002X 电话 13812345678") // "身份证 **************002X 电话 *******5678"
 */
export function maskPii(text: string, opts: MaskOptions = {}): string {
  const keep = opts.keepLast ?? 4;
  const ch = opts.maskChar ?? "*";
  const wanted = new Set<EntityType>();
  if (opts.phone ?? true) wanted.add("phone");
  if (opts.idNumber ?? true) wanted.add("id_number");
  if (opts.email ?? false) wanted.add("email");
  let out = "";
  let at = 0;
  for (const e of extractEntities(text)) {
    if (!wanted.has(e.type)) continue;
    const raw = text.slice(e.start, e.end);
    out += text.slice(at, e.start);
    if (e.type === "email") {
      const i = raw.indexOf("@");
      out += ch.repeat(Math.max(1, i)) + raw.slice(i);
    } else out += maskTail(raw, keep, ch);
    at = e.end;
  }
  return out + text.slice(at);
}
