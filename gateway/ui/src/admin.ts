/**
 * The console's admin pages (`/console#admin`), where a page beats curl: rate-limit
 * rules and block rules (list, edit as JSON, delete; admin key), a tenant's API
 * keys (create and rotate show the secret once; revoke) and knowledge bases
 * (documents, upload a file, search test), and a read-only view of the LLM routing in
 * effect (profiles, schedule windows, routes, targets, breaker states; no provider keys).
 * They call the existing admin APIs with
 * the admin key or an owner/admin token typed in (kept in the tab's
 * sessionStorage); the server's typed errors are shown as they come.
 *
 * @example
 *   replace(document.body, adminApp(t, () => showLogin()));
 */
import { ApiError, api, seg } from "./api.ts";
import { h, replace } from "./dom.ts";
import type { MsgKey, Translate } from "./i18n.ts";

const KEY = "kefu.admin.credential";
const TENANT = "kefu.admin.tenant";
const ROLES = ["service", "viewer", "agent", "supervisor", "admin", "owner"] as const;
const FORMATS = ["markdown", "text", "html", "faq-csv", "faq-json"] as const;

interface Rule {
  id: string;
  [k: string]: unknown;
}
interface KeyView {
  id: string;
  name: string;
  role: string;
  state: string;
  createdAtMs: number;
}
interface KbInfo {
  id: string;
  name?: string;
}
interface DocInfo {
  id: string;
  title?: string;
  chunks?: number;
}
/** `GET /v1/admin/llm/routing`. */
interface RoutingView {
  activeProfile: string | null;
  activeWindow: number | null;
  schedule: {
    timezone: string;
    default: string;
    windows: { days: string[]; from: string; to: string; profile: string }[];
  } | null;
  profiles: Record<string, Record<string, string>>;
  routes: Record<string, { strategy: string; targets: string[] }>;
  targets: Record<string, { provider: string; model: string | null; baseUrl: string | null }>;
  breakers: Record<string, string>;
}
interface Hit {
  docId: string;
  score: number;
  heading: string | null;
  text: string;
}

/**
 * Builds the admin app; `back` returns to the agent sign-in.
 *
 * @example
 *   document.body.append(adminApp(translator("en"), () => location.reload()));
 */
export function adminApp(t: Translate, back: () => void): HTMLElement {
  let cred = sessionStorage.getItem(KEY) ?? "";
  const root = h("div", { class: "admin" });
  const errText = (e: unknown) =>
    e instanceof ApiError ? t("adminError", { status: e.status, code: e.code, message: e.message }) : String(e);

  // ---- sign-in
  const credInput = h("input", { id: "admin-cred", type: "password", autocomplete: "off", required: true });
  const tenantInput = h("input", {
    id: "admin-tenant",
    required: true,
    pattern: "[A-Za-z0-9._:\\-]+",
    maxlength: 64,
    value: sessionStorage.getItem(TENANT) ?? "default",
  });
  const loginError = h("p", { class: "error", role: "alert" });
  const loginForm = h(
    "form",
    { class: "login", "aria-labelledby": "admin-login-title" },
    h("h1", { id: "admin-login-title" }, t("adminTitle")),
    h("label", { for: "admin-cred" }, t("adminCredential")),
    credInput,
    h("p", { class: "help" }, t("adminCredentialHelp")),
    h("label", { for: "admin-tenant" }, t("adminTenant")),
    tenantInput,
    loginError,
    h("button", { type: "submit" }, t("signIn")),
    h("button", { type: "button", class: "link", onclick: back }, t("adminBack")),
  );
  loginForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    if (!credInput.value.trim() || !tenantInput.checkValidity()) {
      replace(loginError, t("adminMissing"));
      return;
    }
    cred = credInput.value.trim();
    credInput.value = "";
    sessionStorage.setItem(KEY, cred);
    sessionStorage.setItem(TENANT, tenantInput.value.trim());
    showPages();
  });
  const tenant = () => sessionStorage.getItem(TENANT) ?? "default";

  /** A status line of a section (role=status, so screen readers hear results). */
  const statusLine = () => h("p", { class: "status", role: "status" });
  const say = (el: HTMLElement, text: string, bad = false) => {
    el.classList.toggle("bad", bad);
    replace(el, text);
  };
  /** Runs `fn`; a failure is shown in `status` with the server's status and code. */
  const guarded = (status: HTMLElement, fn: () => Promise<void>) =>
    fn().catch((e: unknown) => say(status, errText(e), true));

  // ---- rate limits and blocks: the same shape (list, edit as JSON, delete)
  function jsonRules(kind: "rules" | "blocks"): HTMLElement {
    const path = kind === "rules" ? "/v1/admin/rate_limits" : "/v1/admin/blocks";
    const one = kind === "rules" ? "rule" : "block";
    const title: MsgKey = kind === "rules" ? "adminRateLimits" : "adminBlocks";
    const example =
      kind === "rules"
        ? { id: "chat-per-tenant", api: "/v1/chat", key: ["tenant"], token_bucket: { capacity: 100, rate: 10 } }
        : { id: "bad-ip", ip: "203.0.113.7", reason: "abuse" };
    const idBase = `admin-${kind}`;
    const table = h("table", { class: "list", "aria-labelledby": `${idBase}-title` });
    const editor = h("textarea", { id: `${idBase}-json`, rows: 6, spellcheck: "false" });
    editor.value = JSON.stringify(example, null, 2);
    const status = statusLine();
    const form = h(
      "form",
      { class: "editor" },
      h("label", { for: `${idBase}-json` }, t(kind === "rules" ? "adminRuleJson" : "adminBlockJson")),
      editor,
      h("button", { type: "submit" }, t("adminSave")),
    );
    async function load(): Promise<void> {
      await guarded(status, async () => {
        const r = await api<Record<string, Rule[]>>("GET", path, cred);
        const items = r[kind] ?? [];
        replace(
          table,
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              h("th", { scope: "col" }, "id"),
              h("th", { scope: "col" }, t("adminDefinition")),
              h("th", { scope: "col" }, t("adminActions")),
            ),
          ),
          h(
            "tbody",
            {},
            ...(items.length === 0
              ? [h("tr", {}, h("td", { colspan: 3, class: "empty" }, t("adminNone")))]
              : items.map((rule) => {
                  const { id, ...rest } = rule;
                  return h(
                    "tr",
                    { "data-id": id },
                    h("th", { scope: "row" }, id),
                    h("td", {}, h("code", {}, JSON.stringify(rest))),
                    h(
                      "td",
                      {},
                      h(
                        "button",
                        {
                          type: "button",
                          "aria-label": t("adminEditItem", { id }),
                          onclick: () => {
                            // Server-kept fields are not part of the input schema.
                            const { updated_at: _u, expires_at: _e, ...editable } = rule;
                            editor.value = JSON.stringify(editable, null, 2);
                            editor.focus();
                          },
                        },
                        t("adminEdit"),
                      ),
                      h(
                        "button",
                        {
                          type: "button",
                          class: "danger",
                          "aria-label": t("adminDeleteItem", { id }),
                          onclick: async () => {
                            if (!confirm(t("adminConfirmDelete", { id }))) return;
                            await guarded(status, async () => {
                              await api("DELETE", `${path}/${seg(id)}`, cred);
                              // The list first, then the word: "Deleted" never shows beside the stale row.
                              await load();
                              say(status, t("adminDeleted", { id }));
                            });
                          },
                        },
                        t("adminDelete"),
                      ),
                    ),
                  );
                })),
          ),
        );
      });
    }
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      let body: unknown;
      try {
        body = JSON.parse(editor.value);
      } catch (e) {
        say(status, t("adminBadJson", { message: String(e) }), true);
        return;
      }
      await guarded(status, async () => {
        const r = await api<Record<string, Rule>>("PUT", path, cred, body);
        say(status, t("adminSaved", { id: r[one]?.id ?? "" }));
        await load();
      });
    });
    loaders.push(load);
    return h(
      "section",
      { class: `card ${kind}`, "aria-labelledby": `${idBase}-title` },
      h("h2", { id: `${idBase}-title` }, t(title)),
      table,
      form,
      status,
    );
  }

  // ---- API keys
  function keysSection(): HTMLElement {
    const table = h("table", { class: "list", "aria-labelledby": "admin-keys-title" });
    const status = statusLine();
    const secretBox = h("div", { class: "secret", role: "alert", hidden: true });
    const name = h("input", { id: "key-name", required: true, maxlength: 200 });
    const role = h("select", { id: "key-role" }, ...ROLES.map((r) => h("option", { value: r }, r)));
    const form = h(
      "form",
      { class: "inline" },
      h("label", { for: "key-name" }, t("adminKeyName")),
      name,
      h("label", { for: "key-role" }, t("adminKeyRole")),
      role,
      h("button", { type: "submit" }, t("adminCreateKey")),
    );
    const showSecret = (id: string, secret: string) => {
      const code = h("code", { class: "value" }, secret);
      replace(
        secretBox,
        h("p", {}, t("adminSecretOnce", { id })),
        code,
        h(
          "button",
          {
            type: "button",
            onclick: () => {
              replace(secretBox);
              secretBox.hidden = true;
            },
          },
          t("adminSecretDone"),
        ),
      );
      secretBox.hidden = false;
    };
    const base = () => `/v1/tenants/${seg(tenant())}/keys`;
    async function load(): Promise<void> {
      await guarded(status, async () => {
        const { keys } = await api<{ keys: KeyView[] }>("GET", base(), cred);
        replace(
          table,
          h(
            "thead",
            {},
            h(
              "tr",
              {},
              ...["id", t("adminKeyName"), t("adminKeyRole"), t("adminKeyState"), t("adminActions")].map((c) =>
                h("th", { scope: "col" }, c),
              ),
            ),
          ),
          h(
            "tbody",
            {},
            ...(keys.length === 0
              ? [h("tr", {}, h("td", { colspan: 5, class: "empty" }, t("adminNone")))]
              : keys.map((k) => {
                  const live = k.state === "active";
                  const act = async (what: "rotate" | "revoke") => {
                    if (what === "revoke" && !confirm(t("adminConfirmRevoke", { id: k.id }))) return;
                    await guarded(status, async () => {
                      if (what === "rotate") {
                        const r = await api<{ id: string; key: string }>(
                          "POST",
                          `${base()}/${seg(k.id)}/rotate`,
                          cred,
                          {},
                        );
                        showSecret(r.id, r.key);
                        say(status, t("adminRotated", { id: k.id }));
                      } else {
                        await api("DELETE", `${base()}/${seg(k.id)}`, cred);
                        // A revoked key's secret is of no use any more: stop showing it.
                        replace(secretBox);
                        secretBox.hidden = true;
                        say(status, t("adminRevoked", { id: k.id }));
                      }
                      await load();
                    });
                  };
                  return h(
                    "tr",
                    { "data-id": k.id },
                    h("th", { scope: "row" }, k.id),
                    h("td", {}, k.name),
                    h("td", {}, k.role),
                    h("td", { class: "state" }, k.state),
                    h(
                      "td",
                      {},
                      h(
                        "button",
                        {
                          type: "button",
                          disabled: !live,
                          "aria-label": t("adminRotateItem", { id: k.id }),
                          onclick: () => act("rotate"),
                        },
                        t("adminRotate"),
                      ),
                      h(
                        "button",
                        {
                          type: "button",
                          class: "danger",
                          disabled: k.state === "revoked" || k.state === "expired",
                          "aria-label": t("adminRevokeItem", { id: k.id }),
                          onclick: () => act("revoke"),
                        },
                        t("adminRevoke"),
                      ),
                    ),
                  );
                })),
          ),
        );
      });
    }
    form.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      await guarded(status, async () => {
        const r = await api<{ id: string; key: string }>("POST", base(), cred, {
          name: name.value.trim(),
          role: role.value,
        });
        name.value = "";
        showSecret(r.id, r.key);
        say(status, t("adminCreated", { id: r.id }));
        await load();
      });
    });
    loaders.push(load);
    return h(
      "section",
      { class: "card keys", "aria-labelledby": "admin-keys-title" },
      h("h2", { id: "admin-keys-title" }, t("adminKeys")),
      table,
      form,
      secretBox,
      status,
    );
  }

  // ---- knowledge bases
  function kbSection(): HTMLElement {
    const status = statusLine();
    const kbSelect = h("select", { id: "kb-select" });
    const docs = h("ul", { class: "docs", "aria-label": t("adminDocuments") });
    const docId = h("input", { id: "doc-id", required: true, pattern: "[A-Za-z0-9._:\\-]+", maxlength: 64 });
    const docTitle = h("input", { id: "doc-title", maxlength: 200 });
    const format = h("select", { id: "doc-format" }, ...FORMATS.map((f) => h("option", { value: f }, f)));
    const file = h("input", { id: "doc-file", type: "file", accept: ".md,.txt,.html,.htm,.csv,.json" });
    const content = h("textarea", { id: "doc-content", rows: 5 });
    const upload = h(
      "form",
      { class: "editor" },
      h("h3", {}, t("adminUpload")),
      h("label", { for: "doc-id" }, t("adminDocId")),
      docId,
      h("label", { for: "doc-title" }, t("adminDocTitle")),
      docTitle,
      h("label", { for: "doc-format" }, t("adminDocFormat")),
      format,
      h("label", { for: "doc-file" }, t("adminDocFile")),
      file,
      h("label", { for: "doc-content" }, t("adminDocContent")),
      content,
      h("button", { type: "submit" }, t("adminUploadButton")),
    );
    const query = h("input", { id: "kb-query", type: "search", required: true, maxlength: 2000 });
    const hits = h("ol", { class: "hits", "aria-label": t("adminHits") });
    const search = h(
      "form",
      { class: "inline" },
      h("label", { for: "kb-query" }, t("adminSearchTest")),
      query,
      h("button", { type: "submit" }, t("adminSearch")),
    );
    const base = () => `/v1/tenants/${seg(tenant())}/kb`;
    file.addEventListener("change", async () => {
      const f = file.files?.[0];
      if (!f) return;
      if (f.size > 5_000_000) {
        say(status, t("adminFileTooLarge"), true);
        file.value = "";
        return;
      }
      content.value = await f.text();
      if (!docId.value)
        docId.value = f.name
          .replace(/\.[^.]*$/, "")
          .replace(/[^A-Za-z0-9._:-]/g, "-")
          .slice(0, 64);
      const ext = f.name.split(".").pop()?.toLowerCase();
      format.value =
        ext === "md"
          ? "markdown"
          : ext === "csv"
            ? "faq-csv"
            : ext === "json"
              ? "faq-json"
              : ext?.startsWith("htm")
                ? "html"
                : "text";
    });
    async function loadDocs(): Promise<void> {
      if (!kbSelect.value) return replace(docs);
      await guarded(status, async () => {
        const { documents } = await api<{ documents: DocInfo[] }>(
          "GET",
          `${base()}/${seg(kbSelect.value)}/documents`,
          cred,
        );
        replace(
          docs,
          ...(documents.length === 0
            ? [h("li", { class: "empty" }, t("adminNone"))]
            : documents.map((d) =>
                h("li", { "data-doc": d.id }, d.title && d.title !== d.id ? `${d.id} · ${d.title}` : d.id),
              )),
        );
      });
    }
    async function load(): Promise<void> {
      await guarded(status, async () => {
        const { kbs } = await api<{ kbs: KbInfo[] }>("GET", base(), cred);
        const was = kbSelect.value;
        replace(
          kbSelect,
          ...kbs.map((k) => h("option", { value: k.id }, k.name && k.name !== k.id ? `${k.id} · ${k.name}` : k.id)),
        );
        if (kbs.some((k) => k.id === was)) kbSelect.value = was;
        await loadDocs();
      });
    }
    kbSelect.addEventListener("change", () => void loadDocs());
    upload.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (!kbSelect.value || !docId.checkValidity() || !content.value) {
        say(status, t("adminMissing"), true);
        return;
      }
      await guarded(status, async () => {
        await api("PUT", `${base()}/${seg(kbSelect.value)}/documents/${seg(docId.value)}`, cred, {
          format: format.value,
          content: content.value,
          ...(docTitle.value.trim() ? { title: docTitle.value.trim() } : {}),
        });
        say(status, t("adminUploaded", { id: docId.value }));
        await loadDocs();
      });
    });
    search.addEventListener("submit", async (ev) => {
      ev.preventDefault();
      if (!kbSelect.value || !query.value.trim()) return;
      await guarded(status, async () => {
        const r = await api<{ hits: Hit[] }>("POST", `${base()}/${seg(kbSelect.value)}/search`, cred, {
          query: query.value.trim(),
          k: 5,
        });
        replace(
          hits,
          ...(r.hits.length === 0
            ? [h("li", { class: "empty" }, t("adminNoHits"))]
            : r.hits.map((x) =>
                h(
                  "li",
                  { "data-doc": x.docId },
                  h("span", { class: "score" }, x.score.toFixed(3)),
                  h("span", { class: "doc" }, x.heading ? `${x.docId} · ${x.heading}` : x.docId),
                  h("p", { class: "text" }, x.text),
                ),
              )),
        );
      });
    });
    loaders.push(load);
    return h(
      "section",
      { class: "card kb", "aria-labelledby": "admin-kb-title" },
      h("h2", { id: "admin-kb-title" }, t("adminKb")),
      h("label", { for: "kb-select" }, t("adminKbSelect")),
      kbSelect,
      h("h3", {}, t("adminDocuments")),
      docs,
      upload,
      search,
      hits,
      status,
    );
  }

  // ---- LLM routing in effect (read only; the admin key)
  function routingSection(): HTMLElement {
    const body = h("div", { class: "routing-view" });
    const status = statusLine();
    const cell = (v: unknown) => h("td", {}, typeof v === "string" ? v : JSON.stringify(v));
    const table = (id: string, head: string[], rows: HTMLElement[]) =>
      h(
        "table",
        { class: "list", "data-table": id },
        h("thead", {}, h("tr", {}, ...head.map((x) => h("th", { scope: "col" }, x)))),
        h("tbody", {}, ...rows),
      );
    const load = () =>
      guarded(status, async () => {
        const v = await api<RoutingView>("GET", "/v1/admin/llm/routing", cred);
        const windows = v.schedule?.windows ?? [];
        replace(
          body,
          h("p", { class: "active-profile" }, t("routingActive", { profile: v.activeProfile ?? t("statsNone") })),
          h("h3", {}, t("routingSchedule")),
          v.schedule
            ? h(
                "ul",
                { class: "schedule" },
                ...windows.map((w, i) =>
                  h(
                    "li",
                    { class: i === v.activeWindow ? "active" : "" },
                    t("routingWindow", {
                      days: w.days.length ? w.days.join(", ") : "*",
                      from: w.from,
                      to: w.to,
                      tz: v.schedule?.timezone ?? "",
                      route: w.profile,
                    }),
                  ),
                ),
                h("li", {}, t("routingDefault", { route: v.schedule.default })),
              )
            : h("p", { class: "empty" }, t("statsNone")),
          h("h3", {}, t("routingProfiles")),
          table(
            "profiles",
            [t("routingProfiles"), t("routingRoutes")],
            Object.entries(v.profiles).map(([id, m]) =>
              h(
                "tr",
                { "data-profile": id, class: id === v.activeProfile ? "active" : "" },
                h("th", { scope: "row" }, id),
                cell(
                  Object.entries(m)
                    .map(([k, r]) => `${k} → ${r}`)
                    .join(", "),
                ),
              ),
            ),
          ),
          h("h3", {}, t("routingRoutes")),
          table(
            "routes",
            [t("routingRoutes"), t("routingTargets")],
            Object.entries(v.routes).map(([id, r]) =>
              h(
                "tr",
                { "data-route": id },
                h("th", { scope: "row" }, id),
                cell(t("routingStrategy", { strategy: r.strategy, targets: r.targets.join(" → ") })),
              ),
            ),
          ),
          h("h3", {}, t("routingTargets")),
          table(
            "targets",
            [t("routingTargets"), "provider", "model", "baseUrl", t("routingBreakers")],
            Object.entries(v.targets).map(([id, x]) =>
              h(
                "tr",
                { "data-target": id },
                h("th", { scope: "row" }, id),
                cell(x.provider),
                cell(x.model ?? ""),
                cell(x.baseUrl ?? ""),
                h("td", { class: `breaker ${v.breakers[id] ?? ""}` }, v.breakers[id] ?? ""),
              ),
            ),
          ),
        );
        if (Object.keys(v.targets).length === 0) replace(body, h("p", { class: "empty" }, t("routingNone")));
        say(status, "");
      });
    loaders.push(load);
    return h(
      "section",
      { class: "card routing", "aria-labelledby": "admin-routing-title" },
      h("h2", { id: "admin-routing-title" }, t("routingHeading")),
      h("p", { class: "help" }, t("routingHelp")),
      h("button", { type: "button", onclick: () => void load() }, t("routingReload")),
      body,
      status,
    );
  }

  const loaders: (() => Promise<void>)[] = [];
  function showPages(): void {
    loaders.length = 0;
    const signOut = h(
      "button",
      {
        type: "button",
        class: "signout",
        onclick: () => {
          sessionStorage.removeItem(KEY);
          cred = "";
          replace(root, loginForm);
          credInput.focus();
        },
      },
      t("signOut"),
    );
    replace(
      root,
      h(
        "header",
        { class: "top" },
        h("h1", {}, t("adminTitle")),
        h("span", { class: "me" }, t("adminTenantIs", { tenant: tenant() })),
        h("button", { type: "button", class: "signout", onclick: back }, t("adminBack")),
        signOut,
      ),
      h(
        "main",
        { class: "admin-pages" },
        jsonRules("rules"),
        jsonRules("blocks"),
        keysSection(),
        kbSection(),
        routingSection(),
      ),
    );
    for (const l of loaders) void l();
  }

  if (cred) showPages();
  else replace(root, loginForm);
  return root;
}
