/**
 * Seeded fuzz material for the hardening tests: a small PRNG (so a failure
 * reproduces from its seed), hostile strings, and values that fit or break a JSON
 * Schema (the routes' TypeBox schemas, read from /openapi.json).
 *
 * @example
 *   const r = prng(42);
 *   const body = r.bool() ? validValue(r, schema) : wrongValue(r, schema);
 */

/**
 * mulberry32: a small seeded PRNG, so every run with one seed sends the same requests.
 *
 * @example
 *   prng(1).int(0, 9); // the same number on every run
 */
export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)] as T,
    bool: () => next() < 0.5,
  };
}
/** The PRNG's interface. */
export type Rng = ReturnType<typeof prng>;

/** Strings that break naive code: lone surrogates, NUL, bidi overrides, 4-byte emoji, combining marks, … */
export const EDGE_STRINGS = [
  "",
  "\ud800",
  "\udfff",
  "a\ud83d",
  "\u0000",
  "a\u0000b",
  "\u202eevil\u202c",
  "\u200f\u05e9\u05dc\u05d5\u05dd",
  "😀",
  "👨‍👩‍👧‍👦",
  "e\u0301\u0301\u0301\u0301",
  "\ufeff",
  "\uffff",
  "𝕏𝕐𝕫",
  "../../../etc/passwd",
  "<script>alert(1)</script>",
  "' OR 1=1 --",
  "%00%ff",
  "\r\nX-Injected: 1",
  "{{7*7}}",
  "退款多久到账",
  " ",
];
/** Characters of ids (the routes' `^[A-Za-z0-9._:-]+$`). */
export const ID_CHARS = "ABCabcxyz0189._:-";

/** The parts of a JSON Schema the generators read. */
export type Schema = {
  type?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  anyOf?: Schema[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  patternProperties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
};

/**
 * A hostile string within the schema's length bounds (an id when it has a pattern).
 *
 * @example
 *   edgeString(prng(1), { maxLength: 10 });
 */
export function edgeString(r: Rng, s?: Schema): string {
  if (s?.pattern) {
    const n = r.int(Math.max(1, s.minLength ?? 1), Math.min(s.maxLength ?? 16, 16));
    return Array.from({ length: n }, () => r.pick([...ID_CHARS])).join("");
  }
  const base = r.pick(EDGE_STRINGS);
  const max = s?.maxLength ?? 200;
  const str = r.bool() ? base : base.repeat(r.int(1, 8));
  const min = s?.minLength ?? 0;
  const padded = str.length < min ? str + "x".repeat(min - str.length) : str;
  return padded.slice(0, Math.max(min, max));
}

/**
 * A value that satisfies the schema's shape, filled with edge cases.
 *
 * @example
 *   validValue(prng(1), { type: "object", properties: { a: { type: "integer" } }, required: ["a"] });
 */
export function validValue(r: Rng, s: Schema, depth = 0): unknown {
  if (s.const !== undefined) return s.const;
  if (s.anyOf) return validValue(r, r.pick(s.anyOf), depth);
  switch (s.type) {
    case "object": {
      const o: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(s.properties ?? {}))
        if ((s.required ?? []).includes(k) || (depth < 3 && r.bool())) o[k] = validValue(r, v, depth + 1);
      if (s.patternProperties && r.bool()) o[edgeString(r, { maxLength: 64 })] = edgeString(r, { maxLength: 1024 });
      return o;
    }
    case "array": {
      const n = r.int(s.minItems ?? 0, Math.min(s.maxItems ?? 3, 3));
      return Array.from({ length: n }, () => validValue(r, s.items ?? { type: "string" }, depth + 1));
    }
    case "integer":
      return r.int(s.minimum ?? -1000, Math.min(s.maximum ?? 1000, 1_000_000));
    case "number":
      return r.pick([s.minimum ?? 0, s.maximum ?? 1, 0.5]);
    case "boolean":
      return r.bool();
    case "string":
      return edgeString(r, s);
    default:
      return r.pick([null, 1, "x", {}]);
  }
}

/** Values of the wrong type or out of range. */
export const WRONG = [null, 0, -1, 1e308, 2 ** 53 + 1, -0.5, true, "", "x".repeat(300), [], [1, "a"], {}, { $ne: 1 }];

/**
 * A value that breaks the schema: a wrong type, an overlong string, an out-of-range number or a missing field.
 *
 * @example
 *   wrongValue(prng(1), { type: "object", properties: { a: { type: "string", maxLength: 3 } } });
 */
export function wrongValue(r: Rng, s: Schema): unknown {
  if (s.type === "object" && s.properties) {
    const o = validValue(r, s) as Record<string, unknown>;
    const keys = Object.keys(s.properties);
    const k = r.pick(keys);
    const field = s.properties[k] as Schema;
    const how = r.int(0, 4);
    if (how === 0) delete o[k];
    else if (how === 1 && field.maxLength !== undefined)
      o[k] = (field.maxLength < 100_000 ? "界" : "x").repeat(field.maxLength + 1);
    else if (how === 2 && field.maximum !== undefined) o[k] = field.maximum + 1;
    else if (how === 3) o[`unknown_${r.int(0, 9)}`] = r.pick(WRONG);
    else o[k] = r.pick(WRONG);
    return o;
  }
  return r.pick(WRONG);
}

/** Bodies that are not JSON, or JSON built to hurt parsers (deep nesting, __proto__). */
export const MALFORMED = [
  "{",
  '{"a":',
  "[1,2",
  "nul",
  '{"a":1}}',
  "\u0000",
  '{"a":"\\ud800"',
  '{"a":1,"a":2',
  "'single'",
  '{"__proto__":{"polluted":true}}',
  '{"constructor":{"prototype":{"x":1}}}',
  "1e99999",
  '"\\u0000"',
  "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
  `${"[".repeat(5000)}${"]".repeat(5000)}`,
];
/** Content types a JSON route does not expect. */
export const CONTENT_TYPES = [
  "text/plain",
  "application/json; charset=bogus",
  "multipart/form-data",
  "multipart/form-data; boundary=x",
  "application/x-www-form-urlencoded",
  "application/octet-stream",
  "application/toml",
  "image/png",
  "application/json, text/plain",
  "",
];

/**
 * encodeURIComponent, with lone surrogates sent as the (invalid) UTF-8 bytes of a surrogate.
 *
 * @example
 *   safeEncode("\ud800"); // "%ED%A0%80"
 */
export function safeEncode(s: string): string {
  try {
    return encodeURIComponent(s);
  } catch {
    return "%ED%A0%80";
  }
}
