/**
 * The visitor widget and the agent console, served by the gateway:
 * - `GET /widget.js`: the embed script (`<script src=".../widget.js" data-tenant="acme">`);
 * - `GET /ui/widget.html`: the chat page the script frames (same origin as the API,
 *   so it needs no CORS; `frame-ancestors` follows `realtime.allowedOrigins`);
 * - `GET /console`: the agent console; `GET /ui/:file`: their scripts and styles.
 *
 * The TypeScript sources in `src/` are bundled with Bun's bundler on the first
 * request (one build per process, ~100 ms; nothing generated is committed).
 * Every page carries a Content-Security-Policy: scripts and styles from the
 * gateway only, connections to the gateway only, no inline code.
 *
 * @example
 *   app.use(ui({ allowedOrigins: config.realtime.allowedOrigins }));
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { Elysia } from "elysia";
import { KefuError } from "../../engine/errors.ts";

/** Options of the UI plugin. */
export interface UiOptions {
  /** Origins that may frame the widget (`realtime.allowedOrigins`; `*`: any). Default: none besides the gateway. */
  allowedOrigins?: readonly string[];
}

/** A built asset. */
export interface UiAsset {
  body: string;
  type: string;
  etag: string;
}

/** Every served file, by its name under /ui/ (and widget.js). */
export type UiAssets = Record<string, UiAsset>;

const SRC = join(import.meta.dir, "src");
const ENTRIES = { "widget.js": "widget-loader.ts", "widget-app.js": "widget.ts", "console.js": "console.ts" } as const;
const JS = "text/javascript; charset=utf-8";
/** What `GET /ui/:file` serves. */
const UI_FILES = new Set(["widget.html", "widget-app.js", "widget.css", "console.js", "console.css"]);

const page = (title: string, css: string, js: string) =>
  `<!doctype html>
<html>
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<link rel="stylesheet" href="${css}">
<script src="${js}" defer></script>
</head>
<body></body>
</html>
`;

const asset = (body: string, type: string): UiAsset => ({
  body,
  type,
  etag: `"${createHash("sha256").update(body).digest("base64url").slice(0, 22)}"`,
});

/**
 * Bundles the widget and console sources (minified IIFEs for browsers) and reads
 * their styles. Throws a 500 `ui_build_failed` naming the bundler's messages.
 *
 * @example
 *   const assets = await buildUi();
 *   assets["widget.js"].body.length; // a few KiB
 */
export async function buildUi(): Promise<UiAssets> {
  const out: UiAssets = {};
  for (const [name, entry] of Object.entries(ENTRIES)) {
    const r = await Bun.build({ entrypoints: [join(SRC, entry)], target: "browser", format: "iife", minify: true });
    const art = r.outputs.find((o) => o.kind === "entry-point");
    if (!r.success || !art)
      throw new KefuError("ui_build_failed", `bundling ${entry} failed: ${r.logs.map(String).join("; ")}`);
    out[name] = asset(await art.text(), JS);
  }
  for (const css of ["widget.css", "console.css"])
    out[css] = asset(await Bun.file(join(SRC, css)).text(), "text/css; charset=utf-8");
  out["widget.html"] = asset(page("kefu", "widget.css", "widget-app.js"), "text/html; charset=utf-8");
  out["console.html"] = asset(page("kefu console", "ui/console.css", "ui/console.js"), "text/html; charset=utf-8");
  return out;
}

let built: Promise<UiAssets> | undefined;
/** The process-wide build, started on first use; a failed build is retried on the next request. */
function assets(): Promise<UiAssets> {
  built ??= buildUi().catch((e) => {
    built = undefined;
    throw e;
  });
  return built;
}

const BASE_CSP =
  "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; img-src 'self' data: blob:; " +
  "font-src 'self'; base-uri 'none'; form-action 'none'";

/**
 * The `frame-ancestors` source list of the widget page for `allowed` origins.
 * Anything that is not a plain origin is left out (no CSP injection from config).
 *
 * @example
 *   frameAncestors(["https://shop.example"]); // "'self' https://shop.example"
 *   frameAncestors(["*"]); // "*"
 */
export function frameAncestors(allowed: readonly string[]): string {
  if (allowed.includes("*")) return "*";
  const ok = allowed.filter((o) => /^https?:\/\/[A-Za-z0-9.-]+(:\d{1,5})?$/.test(o));
  return ["'self'", ...ok].join(" ");
}

/**
 * The Content-Security-Policy of each kind of response.
 *
 * @example
 *   cspFor("console", []); // "default-src 'none'; … frame-ancestors 'none'"
 */
export function cspFor(kind: "console" | "widget" | "asset", allowed: readonly string[]): string {
  if (kind === "console") return `${BASE_CSP}; frame-ancestors 'none'`;
  if (kind === "widget") return `${BASE_CSP}; frame-ancestors ${frameAncestors(allowed)}`;
  return `${BASE_CSP}; frame-ancestors 'none'`;
}

/**
 * The plugin: GET /widget.js, /console and /ui/:file.
 *
 * @example
 *   new Elysia().use(ui({ allowedOrigins: ["https://shop.example"] }));
 */
export function ui(opts: UiOptions = {}) {
  const allowed = opts.allowedOrigins ?? [];
  const serve = async (request: Request, name: string, kind: "console" | "widget" | "asset") => {
    const a = (await assets())[name];
    if (!a) throw new KefuError("not_found", `no UI file ${name}`, { status: 404 });
    const headers: Record<string, string> = {
      "content-type": a.type,
      "cache-control": "no-cache",
      etag: a.etag,
      "content-security-policy": cspFor(kind, allowed),
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
    };
    // The embed script is loaded by other sites' pages.
    if (name === "widget.js") headers["cross-origin-resource-policy"] = "cross-origin";
    if (kind === "console") headers["x-frame-options"] = "DENY";
    if (request.headers.get("if-none-match") === a.etag) return new Response(null, { status: 304, headers });
    return new Response(a.body, { headers });
  };
  return new Elysia({ name: "kefu/ui", seed: allowed.join(",") })
    .get("/widget.js", ({ request }) => serve(request, "widget.js", "asset"), {
      detail: { summary: "The visitor widget's embed script (see README: Widget and console)" },
    })
    .get("/console", ({ request }) => serve(request, "console.html", "console"), {
      detail: { summary: "The agent console (HTML)" },
    })
    .get(
      "/ui/:file",
      ({ request, params }) => {
        if (!UI_FILES.has(params.file)) throw new KefuError("not_found", `no UI file ${params.file}`, { status: 404 });
        return serve(request, params.file, params.file === "widget.html" ? "widget" : "asset");
      },
      { detail: { summary: `Widget and console files: ${[...UI_FILES].join(", ")}` } },
    );
}
