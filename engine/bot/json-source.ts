/**
 * A line-aware JSON parser for configuration files people edit by hand: it
 * returns the value and, for every JSON pointer in it, the 1-based line where it
 * is written (the key's line for object members, the value's line for array
 * items), so validation errors can say "line 14". Syntax errors and duplicate
 * keys throw `JsonSourceError` with line and column.
 *
 * @example
 *   const { value, lineOf } = parseJsonSource('{\n  "a": [1,\n 2]\n}');
 *   lineOf("/a/1"); // 3
 */

/** A syntax error in JSON source, with its 1-based position. */
export class JsonSourceError extends Error {
  readonly line: number;
  readonly column: number;
  constructor(message: string, line: number, column: number) {
    super(`line ${line}, column ${column}: ${message}`);
    this.name = "JsonSourceError";
    this.line = line;
    this.column = column;
  }
}

/** A parsed document and where its parts are. */
export interface JsonSource {
  value: unknown;
  /** Line of a JSON pointer ("/intents/2/action/type"); falls back to the nearest written ancestor. */
  lineOf(pointer: string): number;
}

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

/** Escapes a key for a JSON pointer segment (RFC 6901). */
export const pointerSegment = (key: string | number): string => String(key).replace(/~/g, "~0").replace(/\//g, "~1");

/**
 * Parses JSON, remembering the line of every pointer.
 *
 * @example
 *   parseJsonSource("[\n{}\n]").lineOf("/0") // 2
 */
export function parseJsonSource(text: string): JsonSource {
  const newlines: number[] = [];
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) === 10) newlines.push(k);
  const lineAt = (pos: number) => {
    let lo = 0;
    let hi = newlines.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((newlines[mid] ?? 0) < pos) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  };
  const fail = (msg: string, pos: number): never => {
    const line = lineAt(pos);
    const start = line === 1 ? 0 : (newlines[line - 2] ?? 0) + 1;
    throw new JsonSourceError(msg, line, pos - start + 1);
  };
  const lines = new Map<string, number>();
  let i = 0;

  const ws = () => {
    while (i < text.length && " \t\n\r".includes(text[i] as string)) i++;
  };
  const show = (pos: number) => (pos >= text.length ? "end of input" : JSON.stringify(text[pos]));

  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === "\\") i++;
      else if (text.charCodeAt(i) < 0x20) fail("control character in string", i);
      i++;
    }
    if (i >= text.length) fail("unterminated string", start);
    i++;
    try {
      return JSON.parse(text.slice(start, i)) as string;
    } catch {
      return fail("invalid escape in string", start);
    }
  };

  const value = (ptr: string): unknown => {
    ws();
    if (!lines.has(ptr)) lines.set(ptr, lineAt(i));
    const c = text[i];
    if (c === "{") {
      i++;
      const obj: Record<string, unknown> = {};
      ws();
      if (text[i] === "}") {
        i++;
        return obj;
      }
      for (;;) {
        ws();
        if (text[i] !== '"') fail(`expected a key in double quotes, found ${show(i)}`, i);
        const keyAt = i;
        const key = str();
        if (Object.hasOwn(obj, key)) fail(`duplicate key ${JSON.stringify(key)}`, keyAt);
        const child = `${ptr}/${pointerSegment(key)}`;
        lines.set(child, lineAt(keyAt));
        ws();
        if (text[i] !== ":") fail(`expected ":" after key ${JSON.stringify(key)}, found ${show(i)}`, i);
        i++;
        obj[key] = value(child);
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "}") fail("trailing comma before }", i);
          continue;
        }
        if (text[i] === "}") {
          i++;
          return obj;
        }
        fail(`expected "," or "}" in object, found ${show(i)}`, i);
      }
    }
    if (c === "[") {
      i++;
      const arr: unknown[] = [];
      ws();
      if (text[i] === "]") {
        i++;
        return arr;
      }
      for (;;) {
        arr.push(value(`${ptr}/${arr.length}`));
        ws();
        if (text[i] === ",") {
          i++;
          ws();
          if (text[i] === "]") fail("trailing comma before ]", i);
          continue;
        }
        if (text[i] === "]") {
          i++;
          return arr;
        }
        fail(`expected "," or "]" in array, found ${show(i)}`, i);
      }
    }
    if (c === '"') return str();
    for (const [lit, v] of [
      ["true", true],
      ["false", false],
      ["null", null],
    ] as const) {
      if (text.startsWith(lit, i)) {
        i += lit.length;
        return v;
      }
    }
    NUMBER.lastIndex = i;
    const m = NUMBER.exec(text);
    if (m) {
      i += m[0].length;
      return Number(m[0]);
    }
    return fail(`unexpected ${show(i)}`, i);
  };

  const v = value("");
  ws();
  if (i < text.length) fail(`unexpected ${show(i)} after the document`, i);
  return {
    value: v,
    lineOf(pointer: string): number {
      for (let p = pointer; ; p = p.slice(0, p.lastIndexOf("/"))) {
        const l = lines.get(p);
        if (l !== undefined) return l;
        if (p === "") return 1;
      }
    },
  };
}
