/**
 * The `/docs` page: one self-contained HTML document (inline CSS and script, no
 * CDN, no external fonts) that reads `/openapi.json` and renders every operation
 * with its parameters, request schema and a "try it" form. In development mode it
 * also carries the token generator (which calls `POST /docs/dev-token`); in
 * production mode that part is not in the page at all.
 *
 * @example
 *   new Response(docsPage({ dev: false }), { headers: { "content-type": "text/html" } });
 */

const style = `
body{font:14px/1.45 system-ui,sans-serif;margin:0;color:#1d2430;background:#f6f7f9}
header{background:#1d2430;color:#fff;padding:12px 20px}header h1{margin:0;font-size:18px}
main{max-width:1100px;margin:0 auto;padding:16px}
section{background:#fff;border:1px solid #dde1e7;border-radius:6px;margin:10px 0;padding:10px 14px}
details>summary{cursor:pointer;font-family:ui-monospace,monospace}
.m{display:inline-block;min-width:62px;font-weight:700}.get{color:#1b7f3b}.post{color:#1f5fbf}.put{color:#a86400}.delete{color:#b3261e}
pre{background:#f0f2f5;padding:8px;overflow:auto;max-height:300px}
input,select,textarea{font:13px ui-monospace,monospace;width:100%;box-sizing:border-box;margin:2px 0 6px}
textarea{height:90px}button{padding:4px 12px}
label{font-size:12px;color:#555}
`;

const script = (dev: boolean) => `
const $ = (tag, props = {}, ...kids) => { const e = document.createElement(tag); Object.assign(e, props); for (const k of kids) e.append(k); return e; };
const auth = document.getElementById("auth");
function example(s) {
  if (!s || typeof s !== "object") return null;
  if (s.default !== undefined) return s.default;
  if (s.anyOf) return example(s.anyOf[0]);
  if (s.const !== undefined) return s.const;
  switch (s.type) {
    case "object": { const o = {}; for (const [k, v] of Object.entries(s.properties || {})) if ((s.required || []).includes(k)) o[k] = example(v); return o; }
    case "array": return [];
    case "integer": case "number": return s.minimum ?? 1;
    case "boolean": return false;
    default: return s.minLength > 1 ? "x".repeat(s.minLength) : "example";
  }
}
async function send(method, pathInput, bodyInput, out) {
  const headers = {};
  if (auth.value) headers.authorization = "Bearer " + auth.value;
  const init = { method: method.toUpperCase(), headers };
  if (bodyInput) { headers["content-type"] = "application/json"; init.body = bodyInput.value; }
  out.textContent = "…";
  try {
    const res = await fetch(pathInput.value, init);
    const text = await res.text();
    let shown = text; try { shown = JSON.stringify(JSON.parse(text), null, 2); } catch {}
    out.textContent = res.status + " " + res.statusText + "\\n\\n" + shown;
  } catch (e) { out.textContent = String(e); }
}
async function load() {
  const doc = await (await fetch("openapi.json")).json();
  document.getElementById("title").textContent = doc.info.title + " " + doc.info.version;
  const list = document.getElementById("ops");
  const byTag = new Map();
  for (const [path, ops] of Object.entries(doc.paths)) for (const [method, op] of Object.entries(ops)) {
    const tag = (op.tags || ["other"])[0]; if (!byTag.has(tag)) byTag.set(tag, []); byTag.get(tag).push([path, method, op]);
  }
  for (const [tag, ops] of [...byTag].sort()) {
    const sec = $("section", {}, $("h2", { textContent: tag }));
    for (const [path, method, op] of ops) {
      const d = $("details", {}, $("summary", {}, $("span", { className: "m " + method, textContent: method.toUpperCase() }), path + (op.summary ? "  — " + op.summary : "")));
      if (op.description) d.append($("p", { textContent: op.description }));
      if (op.parameters?.length) d.append($("label", { textContent: "parameters" }), $("pre", { textContent: JSON.stringify(op.parameters, null, 2) }));
      const schema = op.requestBody?.content?.["application/json"]?.schema;
      if (schema) d.append($("label", { textContent: "request body schema" }), $("pre", { textContent: JSON.stringify(schema, null, 2) }));
      const pathInput = $("input", { value: path.replace(/^\\//, "") });
      const bodyInput = schema ? $("textarea", { value: JSON.stringify(example(schema), null, 2) }) : null;
      const out = $("pre", { textContent: "" });
      const go = $("button", { textContent: "Send", onclick: () => send(method, pathInput, bodyInput, out) });
      d.append($("label", { textContent: "try it: path (fill in {parameters}, add ?query)" }), pathInput);
      if (bodyInput) d.append($("label", { textContent: "body" }), bodyInput);
      d.append(go, out);
      sec.append(d);
    }
    list.append(sec);
  }
}
${
  dev
    ? `
document.getElementById("mint").onclick = async () => {
  const v = (id) => document.getElementById(id).value.trim();
  const body = { role: v("tg-role"), tenantId: v("tg-tenant"), subject: v("tg-subject") };
  if (v("tg-session")) body.sessionId = v("tg-session");
  const res = await fetch("docs/dev-token", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
  const json = await res.json();
  document.getElementById("tg-out").textContent = JSON.stringify(json, null, 2);
  if (json.token) auth.value = json.token;
};`
    : ""
}
load().catch((e) => { document.getElementById("ops").textContent = "cannot load openapi.json: " + e; });
`;

const tokenGenerator = `
<section id="token-generator"><h2>Development mode: token generator</h2>
<p>Mints test tokens signed by this gateway (this panel and <code>POST /docs/dev-token</code> do not exist in production mode).</p>
<label>role</label><select id="tg-role"><option>agent</option><option>supervisor</option><option>visitor</option></select>
<label>tenant</label><input id="tg-tenant" value="default">
<label>subject (agent or visitor id)</label><input id="tg-subject" value="dev-agent">
<label>session (visitor tokens only)</label><input id="tg-session" value="">
<button id="mint">Mint token</button><pre id="tg-out"></pre></section>`;

/**
 * The page's HTML.
 *
 * @example
 *   docsPage({ dev: true }).includes("token-generator"); // true
 */
export function docsPage(opts: { dev: boolean }): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>kefu API</title><style>${style}</style></head>
<body><header><h1 id="title">kefu API</h1></header><main>
<section><label>Authorization (Bearer): admin key, API key or token</label><input id="auth" autocomplete="off" placeholder="paste a credential"></section>
${opts.dev ? tokenGenerator : ""}
<div id="ops"></div></main>
<script>${script(opts.dev)}</script></body></html>`;
}
