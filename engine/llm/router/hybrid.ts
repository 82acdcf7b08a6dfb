/**
 * Hybrid answering: an LLM answer is checked against the tenant's output rules
 * before it is stored — regexes that must / must not match, a keyword blocklist and
 * an optional JSON Schema for structured answers. On a failure the guard returns a
 * decision the caller acts on: `regenerate` (once), `kb` (answer from the local
 * knowledge-base provider instead) or `handoff` (to a human). The ladder is
 * first → `onFailure`; after a regeneration → `afterRegenerate`; a failing kb answer
 * → `handoff`. Nothing loops.
 *
 * Decisions:
 * - Regexes are written `"/pattern/flags"` (flags from `imsu`) or as a bare pattern;
 *   they compile when the config is parsed. Patterns with a quantified group that
 *   itself holds a quantifier (`(a+)+`, the classic catastrophic backtracking) are
 *   refused, and at most `maxCheckChars` of an answer are checked, because tenants may
 *   write these rules.
 * - Keywords match as case-insensitive substrings after NFKC normalisation and with
 *   invisible format characters removed, so full-width letters and zero-width
 *   joiners do not slip past (ｖｐｎ, v\u200bpn → vpn).
 * - JSON Schema: a documented subset is converted to TypeBox and checked with
 *   `Value.Check` (no ajv): type, properties, required, additionalProperties
 *   (boolean), items, enum, const, anyOf/oneOf (as any-of), min/maxLength, pattern,
 *   minimum/maximum, exclusiveMinimum/Maximum, min/maxItems. Any other keyword is an
 *   error at parse time rather than silently ignored. A fenced ```json block is unwrapped.
 *
 * @example
 *   const guard = createOutputGuard(parseOutputGuardConfig({ tenants: { acme: {
 *     blocklist: ["保证退款"], mustNotMatch: ["/\\d{11}/"], onFailure: "regenerate", afterRegenerate: "kb" } } }));
 *   guard.decide("acme", "我们保证退款"); // { action: "regenerate", failures: ['blocklist: "保证退款"'] }
 */
import { type Static, Type as T, type TSchema } from "@sinclair/typebox";
import { Value } from "@sinclair/typebox/value";
import { ConfigError } from "../../config.ts";

/** Rules for one tenant's answers. */
export const OutputRulesSchema = T.Object(
  {
    mustMatch: T.Array(T.String({ minLength: 1, maxLength: 500 }), { default: [], maxItems: 100 }),
    mustNotMatch: T.Array(T.String({ minLength: 1, maxLength: 500 }), { default: [], maxItems: 100 }),
    blocklist: T.Array(T.String({ minLength: 1, maxLength: 200 }), { default: [], maxItems: 10_000 }),
    jsonSchema: T.Optional(T.Record(T.String(), T.Unknown())),
    onFailure: T.Union([T.Literal("regenerate"), T.Literal("kb"), T.Literal("handoff")], { default: "regenerate" }),
    afterRegenerate: T.Union([T.Literal("kb"), T.Literal("handoff")], { default: "handoff" }),
    maxCheckChars: T.Integer({ minimum: 1, maximum: 1_000_000, default: 20_000 }),
  },
  { additionalProperties: false },
);

/** Per-tenant output rules; `default` applies to tenants without their own. */
export const OutputGuardConfigSchema = T.Object(
  {
    default: T.Optional(OutputRulesSchema),
    tenants: T.Record(T.String(), OutputRulesSchema, { default: {} }),
  },
  { additionalProperties: false },
);

/** One tenant's rules, validated. */
export type OutputRules = Static<typeof OutputRulesSchema>;
/** The guard config, validated. */
export type OutputGuardConfig = Static<typeof OutputGuardConfigSchema>;

/** What the caller does with an answer. */
export type GuardDecision = { action: "accept" } | { action: "regenerate" | "kb" | "handoff"; failures: string[] };

/** Where the answer being checked came from. */
export type AnswerStage = "first" | "regenerated" | "kb";

/** A regex as written in the config: "/pattern/flags" or a bare pattern. */
export function compilePattern(src: string): RegExp {
  const m = /^\/(.*)\/([a-z]*)$/s.exec(src);
  const body = m ? (m[1] as string) : src;
  const flags = m ? (m[2] as string) : "u";
  if (!/^[imsu]*$/.test(flags)) throw new Error(`flags "${flags}" not allowed (use i, m, s, u)`);
  // A quantified group holding a quantifier: (a+)+, (\w*)*, (x+){2,}.
  if (/\((?:[^()\\]|\\.)*[+*}](?:[^()\\]|\\.)*\)[+*{]/.test(body))
    throw new Error("nested quantifiers like (a+)+ are refused (catastrophic backtracking)");
  return new RegExp(body, flags);
}

const INVISIBLE = /\p{Cf}/gu;
/** Normalises text for keyword matching: NFKC, lower case, invisible format characters removed. */
export const normaliseForMatch = (s: string): string => s.normalize("NFKC").toLowerCase().replace(INVISIBLE, "");

/**
 * Converts a JSON Schema (the subset in the file comment) to a TypeBox schema.
 * Throws naming the unsupported keyword and where it is.
 *
 * @example
 *   Value.Check(fromJsonSchema({ type: "object", required: ["price"], properties: { price: { type: "number" } } }), { price: 3 }); // true
 */
export function fromJsonSchema(s: unknown, where = "jsonSchema"): TSchema {
  if (s === true || (typeof s === "object" && s !== null && Object.keys(s).length === 0)) return T.Unknown();
  if (typeof s !== "object" || s === null || Array.isArray(s)) throw new Error(`${where}: expected a schema object`);
  const o = s as Record<string, unknown>;
  const known = new Set([
    "type",
    "properties",
    "required",
    "additionalProperties",
    "items",
    "enum",
    "const",
    "anyOf",
    "oneOf",
    "minLength",
    "maxLength",
    "pattern",
    "minimum",
    "maximum",
    "exclusiveMinimum",
    "exclusiveMaximum",
    "minItems",
    "maxItems",
    "title",
    "description",
    "$schema",
    "default",
    "examples",
  ]);
  for (const k of Object.keys(o)) if (!known.has(k)) throw new Error(`${where}.${k}: keyword not supported`);
  const pick = (keys: string[]) => Object.fromEntries(keys.filter((k) => o[k] !== undefined).map((k) => [k, o[k]]));
  if (o.const !== undefined) return T.Literal(o.const as string | number | boolean);
  if (Array.isArray(o.enum))
    return T.Union(o.enum.map((v) => (v === null ? T.Null() : T.Literal(v as string | number | boolean))));
  const alts = (o.anyOf ?? o.oneOf) as unknown[] | undefined;
  if (Array.isArray(alts)) return T.Union(alts.map((a, i) => fromJsonSchema(a, `${where}.anyOf[${i}]`)));
  switch (o.type) {
    case "object": {
      const props = (o.properties ?? {}) as Record<string, unknown>;
      const required = new Set((o.required ?? []) as string[]);
      const mapped: Record<string, TSchema> = {};
      for (const [k, v] of Object.entries(props)) {
        const inner = fromJsonSchema(v, `${where}.properties.${k}`);
        mapped[k] = required.has(k) ? inner : T.Optional(inner);
      }
      for (const r of required) if (!(r in mapped)) mapped[r] = T.Unknown();
      if (o.additionalProperties !== undefined && typeof o.additionalProperties !== "boolean")
        throw new Error(`${where}.additionalProperties: only true or false is supported`);
      return T.Object(mapped, o.additionalProperties === false ? { additionalProperties: false } : {});
    }
    case "array":
      return T.Array(
        o.items === undefined ? T.Unknown() : fromJsonSchema(o.items, `${where}.items`),
        pick(["minItems", "maxItems"]),
      );
    case "string":
      return T.String(pick(["minLength", "maxLength", "pattern"]));
    case "number":
      return T.Number(pick(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]));
    case "integer":
      return T.Integer(pick(["minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"]));
    case "boolean":
      return T.Boolean();
    case "null":
      return T.Null();
    case undefined:
      return T.Unknown();
    default:
      throw new Error(`${where}.type: ${JSON.stringify(o.type)} not supported (one type per schema; use anyOf)`);
  }
}

interface CompiledRules {
  rules: OutputRules;
  mustMatch: RegExp[];
  mustNotMatch: RegExp[];
  blocklist: { raw: string; norm: string }[];
  schema: TSchema | undefined;
}

function compileRules(rules: OutputRules, where: string): CompiledRules {
  const regexes = (list: string[], key: string) =>
    list.map((src, i) => {
      try {
        return compilePattern(src);
      } catch (e) {
        throw new ConfigError(`${where}.${key}[${i}] = ${JSON.stringify(src)}: ${(e as Error).message}`);
      }
    });
  let schema: TSchema | undefined;
  if (rules.jsonSchema) {
    try {
      schema = fromJsonSchema(rules.jsonSchema, `${where}.jsonSchema`);
    } catch (e) {
      throw new ConfigError((e as Error).message);
    }
  }
  return {
    rules,
    mustMatch: regexes(rules.mustMatch, "mustMatch"),
    mustNotMatch: regexes(rules.mustNotMatch, "mustNotMatch"),
    blocklist: rules.blocklist.map((raw) => ({ raw, norm: normaliseForMatch(raw) })),
    schema,
  };
}

/**
 * Validates a guard config (parsed JSON or TOML). Throws `ConfigError` naming the path.
 *
 * @example
 *   parseOutputGuardConfig({ tenants: { acme: { blocklist: ["竞品"] } } });
 */
export function parseOutputGuardConfig(json: unknown, prefix = "guard"): OutputGuardConfig {
  const raw = Value.Clone(json ?? {}) as Record<string, unknown>;
  if (typeof raw === "object" && raw !== null && typeof raw.tenants === "object" && raw.tenants !== null) {
    const t = raw.tenants as Record<string, unknown>;
    for (const k of Object.keys(t)) t[k] = Value.Default(OutputRulesSchema, t[k]);
  }
  const withDefaults = Value.Default(OutputGuardConfigSchema, raw);
  const first = Value.Errors(OutputGuardConfigSchema, withDefaults).First();
  if (first) {
    const path = first.path.split("/").filter(Boolean).join(".");
    throw new ConfigError(
      `${prefix}.${path || "(top level)"} = ${JSON.stringify(first.value)}: ${first.message.toLowerCase()}`,
    );
  }
  const config = withDefaults as OutputGuardConfig;
  // Compile once to report bad patterns and schemas now, not on the first answer.
  if (config.default) compileRules(config.default, `${prefix}.default`);
  for (const [id, r] of Object.entries(config.tenants)) compileRules(r, `${prefix}.tenants.${id}`);
  return config;
}

/** Checks answers against per-tenant output rules. */
export interface OutputGuard {
  /** The rule failures of `text` for `tenantId` (empty: it passes). */
  check(tenantId: string | undefined, text: string): string[];
  /** What to do with `text`, given where it came from (default "first"). */
  decide(tenantId: string | undefined, text: string, stage?: AnswerStage): GuardDecision;
}

function unfence(text: string): string {
  const m = /^\s*```(?:json)?\s*\n([\s\S]*?)\n\s*```\s*$/.exec(text);
  return m ? (m[1] as string) : text;
}

/**
 * Builds a guard from a validated config.
 *
 * @example
 *   const guard = createOutputGuard(parseOutputGuardConfig(json));
 *   const d = guard.decide(tenantId, answer);
 *   if (d.action === "regenerate") answer = await regenerate();
 */
export function createOutputGuard(config: OutputGuardConfig): OutputGuard {
  const byTenant = new Map<string, CompiledRules>();
  for (const [id, r] of Object.entries(config.tenants)) byTenant.set(id, compileRules(r, `guard.tenants.${id}`));
  const fallback = config.default ? compileRules(config.default, "guard.default") : undefined;

  const check = (tenantId: string | undefined, full: string): string[] => {
    const c = (tenantId !== undefined ? byTenant.get(tenantId) : undefined) ?? fallback;
    if (!c) return [];
    const text = full.length > c.rules.maxCheckChars ? full.slice(0, c.rules.maxCheckChars) : full;
    const failures: string[] = [];
    c.mustMatch.forEach((re, i) => {
      if (!re.test(text)) failures.push(`mustMatch[${i}] ${re} did not match`);
    });
    c.mustNotMatch.forEach((re, i) => {
      if (re.test(text)) failures.push(`mustNotMatch[${i}] ${re} matched`);
    });
    if (c.blocklist.length) {
      const norm = normaliseForMatch(text);
      for (const k of c.blocklist) if (norm.includes(k.norm)) failures.push(`blocklist: ${JSON.stringify(k.raw)}`);
    }
    if (c.schema) {
      let value: unknown;
      try {
        value = JSON.parse(unfence(full));
      } catch {
        failures.push("jsonSchema: the answer is not JSON");
        return failures;
      }
      const e = Value.Errors(c.schema, value).First();
      if (e) failures.push(`jsonSchema: ${e.path || "/"} ${e.message.toLowerCase()}`);
    }
    return failures;
  };

  return {
    check,
    decide(tenantId, text, stage = "first") {
      const failures = check(tenantId, text);
      if (failures.length === 0) return { action: "accept" };
      const c = (tenantId !== undefined ? byTenant.get(tenantId) : undefined) ?? fallback;
      const rules = (c as CompiledRules).rules;
      const action = stage === "first" ? rules.onFailure : stage === "regenerated" ? rules.afterRegenerate : "handoff";
      return { action, failures };
    },
  };
}

/** The result of `guardedAnswer`. */
export type GuardedResult =
  | { kind: "answer"; text: string; stage: AnswerStage; failures: string[] }
  | { kind: "handoff"; failures: string[] };

/**
 * Drives the ladder: generate, check, maybe regenerate once, maybe ask the knowledge
 * base, else hand off. `failures` collects every failed check, for the log.
 *
 * @example
 *   const r = await guardedAnswer(guard, tenantId, { llm: () => complete(req), kb: () => faq(req) });
 *   if (r.kind === "handoff") await queueForAgent(session, r.failures);
 */
export async function guardedAnswer(
  guard: OutputGuard,
  tenantId: string | undefined,
  sources: { llm: () => Promise<string>; kb?: () => Promise<string> },
): Promise<GuardedResult> {
  const failures: string[] = [];
  let text = await sources.llm();
  let stage: AnswerStage = "first";
  for (;;) {
    const d = guard.decide(tenantId, text, stage);
    if (d.action === "accept") return { kind: "answer", text, stage, failures };
    failures.push(...d.failures.map((f) => `${stage}: ${f}`));
    if (d.action === "regenerate") {
      text = await sources.llm();
      stage = "regenerated";
    } else if (d.action === "kb" && sources.kb) {
      text = await sources.kb();
      stage = "kb";
    } else return { kind: "handoff", failures };
  }
}
