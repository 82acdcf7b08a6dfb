/**
 * The LLM routing configuration: targets (one model behind one provider), routes
 * (how to choose among targets), profiles (logical model → route) and an optional
 * schedule (time windows in a time zone → profile), plus breaker and retry-budget
 * settings. `parseLlmConfig` validates shape with TypeBox, then cross-checks
 * references, cycles, the time zone and outbound URLs; every error names the bad
 * path and says what is allowed.
 *
 * Keys never live in this file: a target names the environment variable that holds
 * its key (`apiKeyEnv`).
 *
 * @example
 *   const config = parseLlmConfig(JSON.parse(readFileSync("llm.json", "utf8")));
 *   // ConfigError: llm.routes.support.targets[1] = "opnai": unknown target. Known targets: openai-day, qwen-night
 */
import { type Static, Type as T, type TLiteral, type TSchema, type TUnion } from "@sinclair/typebox";
import { Value, ValueErrorType } from "@sinclair/typebox/value";
import { ConfigError } from "../../config.ts";
import { outboundUrlProblem } from "./outbound-url.ts";

export { ConfigError };

const Int = (min: number, max: number, dflt: number, description: string) =>
  T.Integer({ minimum: min, maximum: max, default: dflt, description });
const Literals = <const V extends readonly string[]>(values: V, description: string) =>
  T.Union(
    values.map((v) => T.Literal(v)),
    { description },
  ) as TUnion<TLiteral<V[number]>[]>;

/** Provider adapters a target may use. */
export const PROVIDER_KINDS = ["openai", "anthropic", "dify", "coze", "local", "mock"] as const;
/** Routing strategies. */
export const STRATEGIES = ["fallback", "weighted", "latency", "conditional"] as const;
/** Day names of schedule windows. */
export const DAYS = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"] as const;

const Id = T.String({ minLength: 1, description: "a name defined elsewhere in this config" });
const Time = (to: boolean) =>
  T.String({
    pattern: to ? "^(([01][0-9]|2[0-3]):[0-5][0-9]|24:00)$" : "^([01][0-9]|2[0-3]):[0-5][0-9]$",
    description: to ? 'a local time "HH:MM" from "00:01" to "24:00"' : 'a local time "HH:MM" from "00:00" to "23:59"',
  });

/** One target: a provider adapter, the model it sends upstream, where and how long to wait. */
export const TargetSchema = T.Object(
  {
    provider: Literals(PROVIDER_KINDS, "the provider adapter"),
    model: T.Optional(T.String({ minLength: 1, description: "model name sent upstream (default: the request's)" })),
    baseUrl: T.Optional(T.String({ minLength: 1, description: "an http(s) base URL" })),
    apiKeyEnv: T.Optional(
      T.String({
        pattern: "^[A-Za-z_][A-Za-z0-9_]*$",
        description: "the name of an environment variable holding the key (letters, digits, _)",
      }),
    ),
    weight: T.Number({ minimum: 0, maximum: 1_000_000, default: 1, description: "a number from 0 to 1000000" }),
    options: T.Optional(
      T.Record(T.String(), T.Unknown(), { description: "an object of vendor options, passed to the provider" }),
    ),
    timeouts: T.Object(
      {
        firstByteMs: Int(1, 600_000, 15_000, "No first token after this long: the attempt fails (upstream_timeout)"),
        idleMs: Int(1, 600_000, 30_000, "No chunk for this long mid-stream: the stream fails"),
        wholeMs: T.Optional(
          T.Integer({
            minimum: 1,
            maximum: 600_000,
            description:
              "Whole-answer calls (routes.wholeAnswers): no complete answer after this long fails the attempt (default 120000)",
          }),
        ),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

const HedgeSchema = T.Object(
  {
    afterMs: Int(1, 600_000, 500, "Start the next candidate when no first token came after this long"),
    maxParallel: Int(2, 8, 2, "Most attempts in flight at once, the primary included"),
  },
  { additionalProperties: false },
);

const ConditionSchema = T.Object(
  {
    when: T.Object(
      {
        tenant: T.Optional(T.Array(T.String({ minLength: 1 }), { minItems: 1 })),
        intent: T.Optional(T.Array(T.String({ minLength: 1 }), { minItems: 1 })),
        metadata: T.Optional(T.Record(T.String(), T.String())),
      },
      { additionalProperties: false },
    ),
    route: Id,
  },
  { additionalProperties: false },
);

/** One route: a strategy over targets, or (conditional) a choice of other routes. */
export const RouteSchema = T.Object(
  {
    strategy: Literals(STRATEGIES, "the routing strategy"),
    targets: T.Array(Id, { default: [], description: "target names (in order, for fallback)" }),
    hedge: T.Union([T.Boolean(), HedgeSchema], {
      default: false,
      description: "false, true (after 500 ms) or { afterMs, maxParallel }",
    }),
    wholeAnswers: T.Optional(
      T.Boolean({
        description:
          "callers that want the whole answer get it from one non-streamed upstream call where the provider supports it (default: true when the route does not hedge)",
      }),
    ),
    continueAfterFirstToken: T.Boolean({
      default: false,
      description: "after the first token, restart the answer on the next target instead of failing",
    }),
    explore: T.Number({
      minimum: 0,
      maximum: 1,
      default: 0.05,
      description: "latency strategy: share of requests sent to a random other target (a number from 0 to 1)",
    }),
    conditions: T.Array(ConditionSchema, { default: [] }),
    default: T.Optional(Id),
  },
  { additionalProperties: false },
);

const WindowSchema = T.Object(
  {
    days: T.Optional(T.Array(Literals(DAYS, "a day"), { minItems: 1 })),
    from: Time(false),
    to: Time(true),
    profile: Id,
  },
  { additionalProperties: false },
);

/** The whole LLM routing configuration. */
export const LlmConfigSchema = T.Object(
  {
    allowPrivateNetworks: T.Boolean({
      default: false,
      description: "let targets call private, loopback and link-local hosts (operators only)",
    }),
    targets: T.Record(T.String(), TargetSchema),
    routes: T.Record(T.String(), RouteSchema),
    profiles: T.Record(T.String(), T.Record(T.String(), Id)),
    schedule: T.Optional(
      T.Object(
        {
          timezone: T.String({ minLength: 1, description: 'an IANA time zone such as "Asia/Shanghai"' }),
          windows: T.Array(WindowSchema, { default: [] }),
          default: Id,
        },
        { additionalProperties: false },
      ),
    ),
    breaker: T.Object(
      {
        windowMs: Int(1_000, 3_600_000, 30_000, "Rolling window of outcomes"),
        minRequests: Int(1, 1_000_000, 10, "Outcomes in the window before it may trip"),
        errorRate: T.Number({
          minimum: 0.01,
          maximum: 1,
          default: 0.5,
          description: "a share of failures from 0.01 to 1 that trips the breaker",
        }),
        ttftP95Ms: Int(0, 600_000, 10_000, "p95 time to first token that trips the breaker (0: off)"),
        baseEjectMs: Int(100, 3_600_000, 30_000, "First ejection; doubles on each trip in a row"),
        maxEjectMs: Int(100, 86_400_000, 300_000, "Longest ejection"),
        halfOpenProbes: Int(1, 100, 1, "Trial requests after an ejection; all must succeed to close"),
        healthyResetMs: Int(1_000, 86_400_000, 300_000, "Closed this long without a trip: ejection back to base"),
        rateLimitCoolMs: Int(0, 3_600_000, 1_000, "Cooling after a 429 that gave no Retry-After"),
      },
      { additionalProperties: false, default: {} },
    ),
    retry: T.Object(
      {
        budgetRatio: T.Number({
          minimum: 0,
          maximum: 10,
          default: 0.2,
          description: "extra attempts (failover, hedge, restart) allowed per request, a number from 0 to 10",
        }),
        minRetriesPerSec: T.Number({
          minimum: 0,
          maximum: 100_000,
          default: 1,
          description: "extra attempts per second always allowed, a number from 0 to 100000",
        }),
        windowMs: Int(1_000, 600_000, 10_000, "Window over which the budget is counted"),
      },
      { additionalProperties: false, default: {} },
    ),
  },
  { additionalProperties: false },
);

type RawConfig = Static<typeof LlmConfigSchema>;
type RawRoute = Static<typeof RouteSchema>;
/** Hedging of a route, normalised (`true` in the file means the defaults). */
export type HedgeConfig = Static<typeof HedgeSchema>;
/** A target after validation, defaults filled. */
export type TargetConfig = Static<typeof TargetSchema>;
/** A route after validation, defaults filled. */
export type RouteConfig = Omit<RawRoute, "hedge"> & { hedge: HedgeConfig | false };
/** A schedule condition, as written. */
export type ConditionConfig = Static<typeof ConditionSchema>;
/** The schedule, as written. */
export type ScheduleConfig = NonNullable<RawConfig["schedule"]>;
/** Breaker settings. */
export type BreakerConfig = RawConfig["breaker"];
/** Retry-budget settings. */
export type RetryConfig = RawConfig["retry"];
/** A validated LLM routing configuration. */
export type LlmConfig = Omit<RawConfig, "routes"> & { routes: Record<string, RouteConfig> };

/** Options of `parseLlmConfig`. */
export interface ParseOptions {
  /** Prefix of paths in messages (default "llm"), e.g. where the section sits in the main config. */
  prefix?: string;
  /** When given, every `apiKeyEnv` must name a set, non-empty variable. */
  env?: Record<string, string | undefined>;
}

const ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

function pathText(prefix: string, segments: readonly (string | number)[]): string {
  let out = prefix;
  for (const s of segments) {
    if (typeof s === "number" || /^\d+$/.test(s)) out += `[${s}]`;
    else if (/^[A-Za-z_][A-Za-z0-9_]*$/.test(s)) out += out ? `.${s}` : s;
    else out += `[${JSON.stringify(s)}]`;
  }
  return out || "(top level)";
}

function describe(schema: TSchema): string {
  if (schema.const !== undefined) return JSON.stringify(schema.const);
  if (schema.anyOf) {
    const parts = schema.anyOf as TSchema[];
    if (parts.every((p) => p.const !== undefined))
      return `one of ${parts.map((p) => JSON.stringify(p.const)).join(", ")}`;
    if (schema.description) return schema.description;
    return parts.map(describe).join(" or ");
  }
  if (schema.type === "integer" || schema.type === "number") {
    const kind = schema.type === "integer" ? "an integer" : "a number";
    return schema.minimum !== undefined ? `${kind} from ${schema.minimum} to ${schema.maximum}` : kind;
  }
  if (schema.type === "string" && schema.pattern && schema.description) return schema.description;
  if (schema.type === "string") return (schema.minLength ?? 0) > 0 ? "a non-empty string" : "a string";
  if (schema.type === "boolean") return "true or false";
  if (schema.type === "array") return schema.minItems ? `a list of at least ${schema.minItems}` : "a list";
  if (schema.type === "object") {
    const keys = Object.keys((schema.properties as object | undefined) ?? {});
    return keys.length ? `an object with keys ${keys.join(", ")}` : "an object";
  }
  return String(schema.type ?? "a valid value");
}

const SECRET_KEY = /api.?key|secret|token|password|authorization/i;

/** The first schema error, as a message naming the path and what is allowed. */
function schemaError(schema: TSchema, value: unknown, prefix: string, base: string[] = []): string | undefined {
  const first = Value.Errors(schema, value).First();
  if (!first) return undefined;
  const segs = [
    ...base,
    ...first.path
      .split("/")
      .filter(Boolean)
      .map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~")),
  ];
  const where = pathText(prefix, segs);
  if (first.type === ValueErrorType.ObjectAdditionalProperties) {
    const key = segs[segs.length - 1] ?? "";
    const known = Object.keys((first.schema.properties as object | undefined) ?? {}).join(", ");
    const hint = SECRET_KEY.test(key)
      ? ". Keys never live in the config file: put the key in an environment variable and name it in apiKeyEnv"
      : "";
    return `${where}: unknown key. Allowed here: ${known}${hint}`;
  }
  if (first.type === ValueErrorType.ObjectRequiredProperty) {
    return `${where}: required, ${describe(first.schema)}`;
  }
  // A union whose object member is what the value tried to be: report inside that member.
  if (first.type === ValueErrorType.Union && typeof first.value === "object" && first.value !== null) {
    const objects = (first.schema.anyOf as TSchema[]).filter((s) => s.type === "object");
    if (objects.length === 1) {
      const member = objects[0] as TSchema;
      const inner = schemaError(member, Value.Default(member, Value.Clone(first.value)), prefix, segs);
      if (inner) return inner;
    }
  }
  return `${where} = ${JSON.stringify(first.value)}: expected ${describe(first.schema)}`;
}

function asRecord(v: unknown): Record<string, unknown> | undefined {
  return typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;
}

/**
 * Validates and normalises an LLM routing configuration (parsed JSON or TOML).
 * Throws `ConfigError` naming the bad path and what is allowed.
 *
 * @example
 *   parseLlmConfig({ targets: { a: { provider: "mock" } }, routes: { main: { strategy: "fallback", targets: ["a"] } },
 *                    profiles: { default: { default: "main" } } });
 */
export function parseLlmConfig(json: unknown, opts: ParseOptions = {}): LlmConfig {
  const prefix = opts.prefix ?? "llm";
  const fail = (segs: (string | number)[], msg: string): never => {
    throw new ConfigError(`${pathText(prefix, segs)}${msg}`);
  };
  const top = asRecord(json);
  if (!top) fail([], ": expected an object with keys targets, routes, profiles");
  const raw = Value.Clone(top) as Record<string, unknown>;
  // TypeBox does not fill defaults inside records: do targets and routes entry by entry.
  for (const [section, schema] of [
    ["targets", TargetSchema],
    ["routes", RouteSchema],
  ] as const) {
    const rec = asRecord(raw[section]);
    if (rec) for (const [k, v] of Object.entries(rec)) rec[k] = Value.Default(schema, v);
  }
  const withDefaults = Value.Default(LlmConfigSchema, raw);
  const err = schemaError(LlmConfigSchema, withDefaults, prefix);
  if (err) throw new ConfigError(err);

  const c = withDefaults as RawConfig;
  const routes: Record<string, RouteConfig> = {};
  for (const [name, r] of Object.entries(c.routes)) {
    const hedge: HedgeConfig | false = r.hedge === true ? { afterMs: 500, maxParallel: 2 } : r.hedge;
    routes[name] = { ...r, hedge };
  }
  const config: LlmConfig = { ...c, routes };
  crossCheck(config, opts, fail);
  return config;
}

function crossCheck(c: LlmConfig, opts: ParseOptions, fail: (segs: (string | number)[], msg: string) => never): void {
  const targetIds = Object.keys(c.targets);
  const routeIds = Object.keys(c.routes);
  const profileIds = Object.keys(c.profiles);
  const known = (kind: string, ids: string[]) => `. Known ${kind}: ${ids.length ? ids.join(", ") : "(none)"}`;

  if (targetIds.length === 0) fail(["targets"], ": define at least one target");
  if (routeIds.length === 0) fail(["routes"], ": define at least one route");
  for (const [section, ids] of [
    ["targets", targetIds],
    ["routes", routeIds],
    ["profiles", profileIds],
  ] as const) {
    for (const id of ids)
      if (!ID.test(id))
        fail(
          [section, id],
          ": bad name: use 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit (names go in headers)",
        );
  }

  for (const [id, t] of Object.entries(c.targets)) {
    if (t.baseUrl !== undefined) {
      const problem = outboundUrlProblem(t.baseUrl, { allowPrivateNetworks: c.allowPrivateNetworks });
      if (problem) fail(["targets", id, "baseUrl"], ` = ${JSON.stringify(t.baseUrl)}: ${problem}`);
    }
    if (t.apiKeyEnv !== undefined && opts.env && !opts.env[t.apiKeyEnv]) {
      fail(["targets", id, "apiKeyEnv"], ` = ${JSON.stringify(t.apiKeyEnv)}: the environment variable is not set`);
    }
  }

  for (const [name, r] of Object.entries(c.routes)) {
    if (r.strategy === "conditional") {
      if (r.targets.length > 0) fail(["routes", name, "targets"], ": a conditional route picks routes, not targets");
      if (r.hedge !== false || r.continueAfterFirstToken)
        fail(["routes", name], ": hedge and continueAfterFirstToken belong on the routes a conditional route picks");
      if (r.default === undefined)
        fail(["routes", name, "default"], ": required for a conditional route, a route name");
      if (!c.routes[r.default])
        fail(["routes", name, "default"], ` = ${JSON.stringify(r.default)}: unknown route${known("routes", routeIds)}`);
      r.conditions.forEach((cond, i) => {
        if (!cond.when.tenant && !cond.when.intent && !cond.when.metadata)
          fail(["routes", name, "conditions", i, "when"], ": give at least one of tenant, intent, metadata");
        if (!c.routes[cond.route])
          fail(
            ["routes", name, "conditions", i, "route"],
            ` = ${JSON.stringify(cond.route)}: unknown route${known("routes", routeIds)}`,
          );
      });
    } else {
      if (r.targets.length === 0) fail(["routes", name, "targets"], ": list at least one target");
      if (r.conditions.length > 0 || r.default !== undefined)
        fail(["routes", name], ': conditions and default are only for strategy "conditional"');
      const seen = new Set<string>();
      r.targets.forEach((t, i) => {
        if (!c.targets[t])
          fail(["routes", name, "targets", i], ` = ${JSON.stringify(t)}: unknown target${known("targets", targetIds)}`);
        if (seen.has(t)) fail(["routes", name, "targets", i], ` = ${JSON.stringify(t)}: listed twice`);
        seen.add(t);
      });
      if (r.strategy === "weighted" && r.targets.every((t) => (c.targets[t]?.weight ?? 0) === 0))
        fail(["routes", name, "targets"], ": a weighted route needs at least one target with weight > 0");
    }
  }

  // Conditional routes must not loop: depth-first search with colours.
  const colour = new Map<string, 1 | 2>();
  const visit = (name: string, trail: string[]): void => {
    if (colour.get(name) === 2) return;
    if (colour.get(name) === 1)
      fail(["routes", name], `: conditional routes form a cycle: ${[...trail, name].join(" → ")}`);
    colour.set(name, 1);
    const r = c.routes[name];
    if (r?.strategy === "conditional") {
      for (const next of [...r.conditions.map((x) => x.route), r.default as string]) visit(next, [...trail, name]);
    }
    colour.set(name, 2);
  };
  for (const name of routeIds) visit(name, []);

  for (const [p, map] of Object.entries(c.profiles)) {
    if (Object.keys(map).length === 0) fail(["profiles", p], ': map at least "default" to a route');
    for (const [model, route] of Object.entries(map))
      if (!c.routes[route])
        fail(["profiles", p, model], ` = ${JSON.stringify(route)}: unknown route${known("routes", routeIds)}`);
  }

  const s = c.schedule;
  if (s) {
    try {
      new Intl.DateTimeFormat("en-US", { timeZone: s.timezone });
    } catch {
      fail(
        ["schedule", "timezone"],
        ` = ${JSON.stringify(s.timezone)}: not an IANA time zone (e.g. "Asia/Shanghai", "UTC")`,
      );
    }
    if (!c.profiles[s.default])
      fail(["schedule", "default"], ` = ${JSON.stringify(s.default)}: unknown profile${known("profiles", profileIds)}`);
    s.windows.forEach((w, i) => {
      if (!c.profiles[w.profile])
        fail(
          ["schedule", "windows", i, "profile"],
          ` = ${JSON.stringify(w.profile)}: unknown profile${known("profiles", profileIds)}`,
        );
      if (w.from === w.to)
        fail(["schedule", "windows", i], `: from and to are both ${w.from}; for all day use "00:00" to "24:00"`);
    });
  } else if (!c.profiles.default) {
    fail(
      ["profiles"],
      `: without a schedule, a profile named "default" is used: define it${known("profiles", profileIds)}`,
    );
  }
}
