/**
 * The per-tenant intents file, JSON or TOML: a list of intents, each with example
 * utterances, optional keywords, the entities it uses and an action.
 *
 * JSON: either a top-level array or `{ "intents": [...] }`. TOML: `[[intents]]` tables
 * (the action as `[intents.action]` or an inline table). Every validation error names
 * the intent index, the field, the value's problem and the file line
 * (`intents[2].action.type (line 14): must be one of "kb", "template", "collect", "handoff"`).
 *
 * @example
 *   const intents = parseIntentsFile(await Bun.file("intents.json").text(), { format: "json", source: "intents.json" });
 *   intents[0].action.type; // "collect"
 */
import { type Static, Type as T, type TSchema } from "@sinclair/typebox";
import { Value, ValueErrorType } from "@sinclair/typebox/value";
import { KefuError } from "../errors.ts";
import { JsonSourceError, parseJsonSource } from "./json-source.ts";

/** Entity kinds an intent may use. */
export const INTENT_ENTITY_KINDS = ["order_number", "sku", "tracking_number", "phone"] as const;
/** Action types. */
export const ACTION_TYPES = ["kb", "template", "collect", "handoff"] as const;

const EntityKind = T.Union(
  INTENT_ENTITY_KINDS.map((k) => T.Literal(k)),
  { description: `one of ${INTENT_ENTITY_KINDS.map((k) => JSON.stringify(k)).join(", ")}` },
);
const Text = (description: string) => T.String({ minLength: 1, description });
/** Buttons the widget shows under the answer; a click sends the button's text. */
const QuickReplies = T.Optional(
  T.Array(T.String({ minLength: 1, maxLength: 40, description: "a button label of 1–40 characters" }), {
    maxItems: 6,
    description: "at most 6 quick replies",
  }),
);

/** Schemas of each action type. */
export const ActionSchemas = {
  kb: T.Object({ type: T.Literal("kb") }, { additionalProperties: false }),
  template: T.Object(
    { type: T.Literal("template"), text: Text("the reply text (non-empty)"), quickReplies: QuickReplies },
    { additionalProperties: false },
  ),
  collect: T.Object(
    {
      type: T.Literal("collect"),
      entity: EntityKind,
      prompt: Text("the question asking for the entity (non-empty)"),
      quickReplies: QuickReplies,
    },
    { additionalProperties: false },
  ),
  handoff: T.Object({ type: T.Literal("handoff") }, { additionalProperties: false }),
} as const;

/** What an intent does when it matches. */
export type IntentAction = {
  [K in keyof typeof ActionSchemas]: Static<(typeof ActionSchemas)[K]>;
}[keyof typeof ActionSchemas];

/** One intent, action checked separately (so its errors can name the action type's own fields). */
export const IntentSchema = T.Object(
  {
    name: T.String({
      pattern: "^[A-Za-z0-9_.-]{1,64}$",
      description: "a name of 1–64 letters, digits, _ . or -",
    }),
    examples: T.Array(Text("a non-empty example utterance"), {
      minItems: 1,
      description: "a non-empty list of example utterances",
    }),
    keywords: T.Optional(T.Array(Text("a non-empty keyword"), { description: "a list of keywords" })),
    entities: T.Optional(T.Array(EntityKind, { description: "a list of entity kinds" })),
    action: T.Object({ type: T.String() }, { description: 'an object with a "type"' }),
  },
  { additionalProperties: false },
);

/** One validated intent. */
export interface IntentDef {
  name: string;
  examples: string[];
  keywords?: string[];
  entities?: (typeof INTENT_ENTITY_KINDS)[number][];
  action: IntentAction;
}

/** A rejected intents file. `line` is 1-based when known. */
export class IntentsFileError extends KefuError {
  readonly path: string;
  readonly line: number | undefined;
  constructor(message: string, path: string, line: number | undefined, cause?: unknown) {
    super("invalid_intents", message, { status: 400, cause });
    this.name = "IntentsFileError";
    this.path = path;
    this.line = line;
  }
}

/** File formats. */
export type IntentsFormat = "json" | "toml";

/**
 * The format of a file by its extension (`.toml` → toml, anything else → json).
 *
 * @example
 *   formatOf("tenants/acme/intents.toml") // "toml"
 */
export function formatOf(path: string): IntentsFormat {
  return path.toLowerCase().endsWith(".toml") ? "toml" : "json";
}

const describe = (schema: TSchema, fallback: string): string =>
  typeof schema.description === "string" ? schema.description : fallback;

/**
 * Parses and validates an intents file.
 *
 * @example
 *   parseIntentsFile('[{"name":"hi","examples":["hello"],"action":{"type":"kb"}}]') // [{ name: "hi", ... }]
 */
export function parseIntentsFile(text: string, opts: { format?: IntentsFormat; source?: string } = {}): IntentDef[] {
  const format = opts.format ?? "json";
  const source = opts.source ?? `intents.${format}`;
  let doc: unknown;
  let lineOf: (pointer: string) => number | undefined;
  if (format === "json") {
    try {
      const parsed = parseJsonSource(text);
      doc = parsed.value;
      lineOf = parsed.lineOf;
    } catch (e) {
      if (e instanceof JsonSourceError) throw new IntentsFileError(`${source}: ${e.message}`, "", e.line, e);
      throw e;
    }
  } else {
    try {
      doc = Bun.TOML.parse(text);
    } catch (e) {
      throw new IntentsFileError(`${source}: TOML syntax error: ${(e as Error).message}`, "", undefined, e);
    }
    lineOf = (pointer) => tomlLine(text, pointer);
  }

  // The list is the document (JSON array) or its `intents` key.
  let list: unknown;
  let base: string;
  if (Array.isArray(doc)) {
    list = doc;
    base = "";
  } else if (doc && typeof doc === "object" && Array.isArray((doc as Record<string, unknown>).intents)) {
    const extra = Object.keys(doc).filter((k) => k !== "intents");
    if (extra.length > 0) {
      const at = lineOf(`/${extra[0]}`);
      throw new IntentsFileError(
        `${source}: ${extra[0]}${at ? ` (line ${at})` : ""}: unknown key; expected only "intents"`,
        extra[0] as string,
        at,
      );
    }
    list = (doc as Record<string, unknown>).intents;
    base = "/intents";
  } else {
    throw new IntentsFileError(`${source}: expected a list of intents (a JSON array, or "intents": [...])`, "", 1);
  }

  const fail = (pointer: string, problem: string): never => {
    const rel = pointer.slice(base.length);
    const parts = rel.split("/").filter(Boolean);
    const path = parts
      .map((p, k) => (/^\d+$/.test(p) ? `[${p}]` : `${k === 0 ? "" : "."}${p.replace(/~1/g, "/").replace(/~0/g, "~")}`))
      .join("")
      .replace(/^\[/, "intents[");
    const line = lineOf(pointer);
    throw new IntentsFileError(
      `${source}: ${path || "intents"}${line ? ` (line ${line})` : ""}: ${problem}`,
      path,
      line,
    );
  };

  const intents = list as unknown[];
  if (intents.length === 0) fail(base, "the list of intents is empty");
  const seen = new Map<string, number>();
  intents.forEach((raw, idx) => {
    const at = `${base}/${idx}`;
    const err = Value.Errors(IntentSchema, raw).First();
    if (err) {
      if (err.type === ValueErrorType.ObjectAdditionalProperties) {
        const key = Object.keys(raw as object).find((k) => !(k in IntentSchema.properties)) ?? "";
        fail(`${at}/${key}`, `unknown field; allowed: ${Object.keys(IntentSchema.properties).join(", ")}`);
      }
      if (err.type === ValueErrorType.ObjectRequiredProperty) fail(`${at}${err.path}`, "missing (required)");
      fail(`${at}${err.path}`, `must be ${describe(err.schema, err.message)}, got ${JSON.stringify(err.value)}`);
    }
    const intent = raw as IntentDef;
    const type = intent.action.type;
    const schema = ActionSchemas[type as keyof typeof ActionSchemas];
    if (!schema || !Object.hasOwn(ActionSchemas, type)) {
      fail(
        `${at}/action/type`,
        `must be one of ${ACTION_TYPES.map((t) => JSON.stringify(t)).join(", ")}, got ${JSON.stringify(type)}`,
      );
    }
    const aerr = Value.Errors(schema as TSchema, intent.action).First();
    if (aerr) {
      if (aerr.type === ValueErrorType.ObjectAdditionalProperties) {
        const allowed = Object.keys((schema as { properties: object }).properties);
        const key = Object.keys(intent.action).find((k) => !allowed.includes(k)) ?? "";
        fail(`${at}/action/${key}`, `unknown field for a "${type}" action; allowed: ${allowed.join(", ")}`);
      }
      if (aerr.type === ValueErrorType.ObjectRequiredProperty)
        fail(`${at}/action${aerr.path}`, `missing (required for a "${type}" action)`);
      fail(
        `${at}/action${aerr.path}`,
        `must be ${describe(aerr.schema, aerr.message)}, got ${JSON.stringify(aerr.value)}`,
      );
    }
    const prev = seen.get(intent.name);
    if (prev !== undefined)
      fail(`${at}/name`, `duplicate intent name ${JSON.stringify(intent.name)} (also intents[${prev}])`);
    seen.set(intent.name, idx);
  });
  return intents as IntentDef[];
}

/**
 * Best-effort line of a pointer in TOML `[[intents]]` source: the N-th `[[intents]]`
 * header, then the first line below it (before the next header) that sets the last key.
 */
function tomlLine(text: string, pointer: string): number | undefined {
  const parts = pointer.split("/").filter(Boolean);
  const lines = text.split("\n");
  if (parts[0] !== "intents") {
    const key = parts[0];
    const k = lines.findIndex((l) => key !== undefined && new RegExp(`^\\s*"?${escapeRe(key)}"?\\s*=`).test(l));
    return k >= 0 ? k + 1 : undefined;
  }
  const idx = Number(parts[1]);
  if (!Number.isInteger(idx)) return undefined;
  let count = -1;
  let start = -1;
  for (let k = 0; k < lines.length; k++) {
    if (/^\s*\[\[\s*intents\s*\]\]/.test(lines[k] as string) && ++count === idx) {
      start = k;
      break;
    }
  }
  if (start < 0) return undefined;
  const named = parts.slice(2).filter((p) => !/^\d+$/.test(p));
  for (let n = named.length; n > 0; n--) {
    const key = named[n - 1] as string;
    const keyRe = new RegExp(`(^|[\\s{,.])"?${escapeRe(key)}"?\\s*=|^\\s*\\[\\s*intents\\.${escapeRe(key)}\\s*\\]`);
    for (let k = start + 1; k < lines.length; k++) {
      if (/^\s*\[\[\s*intents\s*\]\]/.test(lines[k] as string)) break;
      if (keyRe.test(lines[k] as string)) return k + 1;
    }
  }
  return start + 1;
}

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
