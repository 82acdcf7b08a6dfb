/**
 * A small reader of the Prometheus text exposition format, enough for tests to
 * compare what a gateway exports with the metrics catalogue: HELP, TYPE and the
 * label names seen on each metric family's samples.
 *
 * @example
 *   const fams = parseExposition(await (await fetch(`${url}/metrics`)).text());
 *   fams.get("kefu_http_requests_total")?.labels; // Set { "method", "route", "status" }
 */

/** One metric family as exported. */
export interface ExportedFamily {
  name: string;
  type: string;
  help: string;
  /** Label names seen on samples (without a histogram's `le`). */
  labels: Set<string>;
  samples: number;
}

const unescapeHelp = (s: string) => s.replace(/\\(\\|n)/g, (_, c: string) => (c === "n" ? "\n" : "\\"));

/** Parses exposition text into families keyed by name (histogram samples fold into their family). */
export function parseExposition(text: string): Map<string, ExportedFamily> {
  const fams = new Map<string, ExportedFamily>();
  const family = (name: string) => {
    let f = fams.get(name);
    if (!f) {
      f = { name, type: "", help: "", labels: new Set(), samples: 0 };
      fams.set(name, f);
    }
    return f;
  };
  for (const line of text.split("\n")) {
    const meta = /^# (HELP|TYPE) (\S+) ?(.*)$/.exec(line);
    if (meta) {
      const f = family(meta[2] as string);
      if (meta[1] === "HELP") f.help = unescapeHelp(meta[3] ?? "");
      else f.type = meta[3] ?? "";
      continue;
    }
    if (line === "" || line.startsWith("#")) continue;
    const sample = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{(.*)\})? /.exec(line);
    if (!sample) throw new Error(`unparsable exposition line: ${line}`);
    let name = sample[1] as string;
    for (const suffix of ["_bucket", "_sum", "_count"]) {
      const base = name.slice(0, -suffix.length);
      if (name.endsWith(suffix) && fams.get(base)?.type === "histogram") name = base;
    }
    const f = family(name);
    f.samples++;
    for (const m of (sample[3] ?? "").matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="(?:[^"\\]|\\.)*"/g)) {
      if (m[1] !== "le") f.labels.add(m[1] as string);
    }
  }
  return fams;
}
