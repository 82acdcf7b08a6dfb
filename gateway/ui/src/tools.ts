/**
 * The reply tools beside the conversation: canned responses (the tenant's, from the
 * server: `GET /v1/tenants/:tenant/canned`, shared by every agent; supervisors and
 * admins add and remove them with `PUT`/`DELETE …/canned/:id`; the last list is cached
 * in localStorage and shown read-only while the server is unreachable; searched by
 * every word, locally) and a knowledge-base search panel whose
 * hits can be pasted into the reply (GET /v1/tenants/:tenant/kb and POST
 * …/kb/:kb/search with the agent's own token: agents hold `kb:read`).
 * Keyboard: Alt+C focuses the canned search, Alt+K the knowledge-base search.
 *
 * @example
 *   const tools = replyTools(t, () => ({ tenant, token }), (text) => insertIntoReply(text));
 *   aside.append(tools.el);
 *   tools.open(); // after sign-in: loads this tenant's canned responses and KBs
 */
import { ApiError, api, seg } from "./api.ts";
import { type Canned, cannedId, loadCanned, MAX_CANNED, MAX_TEXT, MAX_TITLE, searchCanned } from "./canned.ts";
import { h, replace } from "./dom.ts";
import type { Translate } from "./i18n.ts";

export { type Canned, loadCanned, searchCanned } from "./canned.ts";

/** The tools panel. */
export interface ReplyTools {
  el: HTMLElement;
  /** (Re)loads the tenant's canned responses and knowledge bases. */
  open(): void;
  /** Reloads the canned responses from the server. */
  reloadCanned(): Promise<void>;
}

/**
 * Builds the panel; `ctx()` gives the tenant and the agent token, `insert(text)` pastes into the reply.
 *
 * @example
 *   replyTools(translator("en"), () => ({ tenant: "acme", token, role: "agent" }), (s) => (reply.value += s));
 */
export function replyTools(
  t: Translate,
  ctx: () => { tenant: string; token: string; role: string },
  insert: (text: string) => void,
): ReplyTools {
  let canned: Canned[] = [];
  const cacheKey = () => `kefu.canned.${ctx().tenant}`;
  /** Supervisors (and admins) write canned responses; agents only read them. */
  const canWrite = () => ctx().role !== "agent";

  const errText = (e: unknown) =>
    e instanceof ApiError ? t("adminError", { status: e.status, code: e.code, message: e.message }) : String(e);

  // ---- canned responses
  const cannedQuery = h("input", { id: "canned-q", type: "search", autocomplete: "off", maxlength: 200 });
  const cannedList = h("ul", { class: "canned-list", "aria-label": t("cannedResults") });
  const newTitle = h("input", { id: "canned-title", required: true, maxlength: MAX_TITLE });
  const newText = h("textarea", { id: "canned-text", rows: 3, required: true, maxlength: MAX_TEXT });
  const cannedStatus = h("p", { class: "status", role: "status" });
  const addForm = h(
    "form",
    { class: "canned-add" },
    h("label", { for: "canned-title" }, t("cannedTitle")),
    newTitle,
    h("label", { for: "canned-text" }, t("cannedText")),
    newText,
    h("button", { type: "submit" }, t("cannedAdd")),
  );
  const addDetails = h("details", {}, h("summary", {}, t("cannedNew")), addForm);
  function renderCanned(): void {
    const found = searchCanned(canned, cannedQuery.value);
    replace(
      cannedList,
      ...(found.length === 0
        ? [
            h(
              "li",
              { class: "empty" },
              t(canned.length > 0 ? "cannedNoMatch" : canWrite() ? "cannedNone" : "cannedNoneReadOnly"),
            ),
          ]
        : found.slice(0, 50).map((c) =>
            h(
              "li",
              {},
              h(
                "button",
                {
                  type: "button",
                  class: "use",
                  title: c.text,
                  "aria-label": t("cannedUse", { title: c.title }),
                  onclick: () => insert(c.text),
                },
                h("span", { class: "title" }, c.title),
                h("span", { class: "text" }, c.text.slice(0, 120)),
              ),
              canWrite() && c.id
                ? h(
                    "button",
                    {
                      type: "button",
                      class: "remove",
                      "aria-label": t("cannedRemove", { title: c.title }),
                      onclick: () => void removeCanned(c),
                    },
                    "×",
                  )
                : null,
            ),
          )),
    );
  }
  cannedQuery.addEventListener("input", renderCanned);
  cannedQuery.addEventListener("keydown", (ev) => {
    if (ev.key === "Enter") {
      ev.preventDefault();
      cannedList.querySelector<HTMLButtonElement>("button.use")?.click();
    }
  });
  const cannedPath = (id?: string) => `/v1/tenants/${seg(ctx().tenant)}/canned${id === undefined ? "" : `/${seg(id)}`}`;
  async function reloadCanned(): Promise<void> {
    try {
      const r = await api<{ canned: Canned[] }>("GET", cannedPath(), ctx().token);
      canned = r.canned.map((c) => ({ id: c.id as string, title: c.title, text: c.text }));
      localStorage.setItem(cacheKey(), JSON.stringify(canned));
      replace(cannedStatus);
    } catch (e) {
      // Offline: the last list fetched, read-only.
      canned = loadCanned(localStorage, ctx().tenant);
      replace(cannedStatus, t("cannedFailed", { message: errText(e) }));
    }
    renderCanned();
  }
  async function removeCanned(c: Canned): Promise<void> {
    try {
      await api("DELETE", cannedPath(c.id), ctx().token);
      await reloadCanned();
    } catch (e) {
      replace(cannedStatus, t("cannedFailed", { message: errText(e) }));
    }
  }
  addForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const title = newTitle.value.trim();
    const text = newText.value.trim();
    if (!title || !text) return;
    const id = cannedId(canned, title);
    if (canned.length >= MAX_CANNED && !canned.some((c) => c.id === id)) {
      replace(cannedStatus, t("cannedFull", { n: MAX_CANNED }));
      return;
    }
    try {
      await api("PUT", cannedPath(id), ctx().token, { title, text });
      newTitle.value = "";
      newText.value = "";
      await reloadCanned();
      replace(cannedStatus, t("cannedSaved", { title }));
    } catch (e) {
      replace(cannedStatus, t("cannedFailed", { message: errText(e) }));
    }
  });

  // ---- knowledge-base search
  const kbSelect = h("select", { id: "tools-kb" });
  const kbQuery = h("input", { id: "tools-kb-q", type: "search", required: true, maxlength: 2000 });
  const kbHits = h("ol", { class: "kb-hits", "aria-label": t("kbResults") });
  const kbStatus = h("p", { class: "status", role: "status" });
  const kbForm = h(
    "form",
    { class: "kb-search" },
    h("label", { for: "tools-kb" }, t("adminKbSelect")),
    kbSelect,
    h("label", { for: "tools-kb-q" }, t("kbSearchLabel")),
    kbQuery,
    h("button", { type: "submit" }, t("adminSearch")),
  );
  kbForm.addEventListener("submit", async (ev) => {
    ev.preventDefault();
    const q = kbQuery.value.trim();
    if (!q || !kbSelect.value) return;
    const { tenant, token } = ctx();
    try {
      const r = await api<{ hits: { docId: string; heading: string | null; text: string; score: number }[] }>(
        "POST",
        `/v1/tenants/${seg(tenant)}/kb/${seg(kbSelect.value)}/search`,
        token,
        { query: q, k: 5 },
      );
      replace(kbStatus);
      replace(
        kbHits,
        ...(r.hits.length === 0
          ? [h("li", { class: "empty" }, t("adminNoHits"))]
          : r.hits.map((x) =>
              h(
                "li",
                { "data-doc": x.docId },
                h("span", { class: "doc" }, x.heading ? `${x.docId} · ${x.heading}` : x.docId),
                h("p", { class: "text" }, x.text),
                h(
                  "button",
                  {
                    type: "button",
                    "aria-label": t("kbPasteFrom", { doc: x.docId }),
                    onclick: () => insert(x.text),
                  },
                  t("kbPaste"),
                ),
              ),
            )),
      );
    } catch (e) {
      replace(kbStatus, errText(e));
    }
  });

  addEventListener("keydown", (ev) => {
    if (!ev.altKey) return;
    if (ev.key === "c" || ev.key === "C") {
      ev.preventDefault();
      cannedQuery.focus();
    } else if (ev.key === "k" || ev.key === "K") {
      ev.preventDefault();
      kbQuery.focus();
    }
  });

  const el = h(
    "aside",
    { class: "tools", "aria-label": t("toolsLabel") },
    h(
      "section",
      { class: "canned", "aria-labelledby": "canned-heading" },
      h("h2", { id: "canned-heading" }, t("cannedHeading")),
      h("label", { for: "canned-q" }, t("cannedSearch")),
      cannedQuery,
      cannedList,
      addDetails,
      cannedStatus,
      h("p", { class: "note" }, t("cannedShared")),
    ),
    h(
      "section",
      { class: "kb-panel", "aria-labelledby": "kb-heading" },
      h("h2", { id: "kb-heading" }, t("kbHeading")),
      kbForm,
      kbStatus,
      kbHits,
    ),
  );

  return {
    el,
    reloadCanned,
    open() {
      addDetails.hidden = !canWrite();
      canned = loadCanned(localStorage, ctx().tenant);
      renderCanned();
      void reloadCanned();
      const { tenant, token } = ctx();
      api<{ kbs: { id: string; name?: string }[] }>("GET", `/v1/tenants/${seg(tenant)}/kb`, token)
        .then(({ kbs }) => {
          replace(kbSelect, ...kbs.map((k) => h("option", { value: k.id }, k.name && k.name !== k.id ? k.name : k.id)));
        })
        .catch((e) => replace(kbStatus, errText(e)));
    },
  };
}
