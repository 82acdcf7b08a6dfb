/**
 * Transcript search in the console's inbox: a search box over the tenant's past
 * sessions (`GET /v1/tenants/:tenant/transcripts/search`, messages and internal notes,
 * newest first, "More results" pages on), and a dialog showing a hit's whole transcript
 * (`GET /v1/sessions/:id/transcript`) with the usual history rendering. Agents and
 * supervisors hold `transcripts:read`. Matches are highlighted with `<mark>` built from
 * text nodes: nothing from a transcript is parsed as HTML. Alt+S focuses the box.
 *
 * @example
 *   const search = transcriptSearch(t, lang, () => ({ tenant, token }));
 *   nav.append(search.el);
 */
import { ApiError, api, seg } from "./api.ts";
import { h, replace } from "./dom.ts";
import type { SessionEvent } from "./frames.ts";
import { historyView } from "./history-view.ts";
import type { Translate } from "./i18n.ts";

/** One hit as the API returns it. */
interface Hit {
  sessionId: string;
  seq: number;
  at: string;
  kind: "message" | "note";
  actor: string;
  actorId: string;
  snippet: { text: string; match: [number, number] | null };
}

/** A stored event as the transcript API returns it (the engine's shape). */
interface StoredEvent {
  seq: number;
  atUnixMs: number;
  actor: { kind: string; id: string };
  body: { type: string; [k: string]: unknown };
}

const upper = (s: unknown) => String(s ?? "").toUpperCase();

/**
 * A stored event in the wire shape the history renderer takes.
 *
 * @example
 *   toWire({ seq: 2, atUnixMs: 0, actor: { kind: "visitor", id: "v" }, body: { type: "message", text: "hi" } });
 */
export function toWire(e: StoredEvent): SessionEvent {
  const b = e.body;
  const base: SessionEvent = {
    seq: e.seq,
    atUnixMs: e.atUnixMs,
    actor: { kind: `ACTOR_KIND_${upper(e.actor.kind)}` as NonNullable<SessionEvent["actor"]>["kind"], id: e.actor.id },
  };
  switch (b.type) {
    case "message":
      return {
        ...base,
        message: {
          text: String(b.text ?? ""),
          ...(b.attributes ? { attributes: b.attributes as Record<string, string> } : {}),
        },
      };
    case "note":
      return { ...base, note: { text: String(b.text ?? "") } };
    case "started":
      return { ...base, started: {} };
    case "state_changed":
      return {
        ...base,
        stateChanged: {
          from: `SESSION_STATE_${upper(b.from)}` as NonNullable<SessionEvent["stateChanged"]>["from"],
          to: `SESSION_STATE_${upper(b.to)}` as NonNullable<SessionEvent["stateChanged"]>["to"],
          reason: String(b.reason ?? ""),
          agentId: String(b.agentId ?? ""),
          group: String(b.group ?? ""),
        },
      };
    default:
      return base;
  }
}

/** The search box and its dialog. */
export interface TranscriptSearch {
  el: HTMLElement;
  dialog: HTMLDialogElement;
}

/**
 * Builds the search; `ctx()` gives the tenant and the token.
 *
 * @example
 *   transcriptSearch(translator("en"), "en", () => ({ tenant: "acme", token }));
 */
export function transcriptSearch(
  t: Translate,
  lang: string,
  ctx: () => { tenant: string; token: string },
): TranscriptSearch {
  const view = historyView(t, lang, () => ctx().token);
  const input = h("input", {
    id: "transcript-q",
    type: "search",
    required: true,
    minlength: 2,
    maxlength: 100,
    autocomplete: "off",
    placeholder: t("searchPlaceholder"),
  });
  const results = h("ul", { class: "search-hits", "aria-label": t("searchResults") });
  const status = h("p", { class: "status", role: "status" });
  const more = h("button", { type: "button", class: "more", hidden: true }, t("searchMore"));
  const form = h(
    "form",
    { class: "transcript-search", role: "search" },
    h("label", { for: "transcript-q" }, t("searchLabel")),
    input,
    h("button", { type: "submit" }, t("searchButton")),
  );
  const title = h("h2", { id: "transcript-title" });
  const events = h("ol", { class: "history", tabindex: 0 });
  const closeBtn = h("button", { type: "button", class: "close-transcript" }, t("transcriptClose"));
  const dialog = h(
    "dialog",
    { class: "transcript", "aria-labelledby": "transcript-title" },
    h("div", { class: "conv-head" }, title, closeBtn),
    events,
  );
  closeBtn.addEventListener("click", () => dialog.close());

  let next: string | null = null;
  let query = "";
  const errText = (e: unknown) => (e instanceof ApiError ? `${e.code}: ${e.message}` : String(e));

  function hitItem(x: Hit): HTMLLIElement {
    const s = x.snippet;
    const text = s.match
      ? [s.text.slice(0, s.match[0]), h("mark", {}, s.text.slice(s.match[0], s.match[1])), s.text.slice(s.match[1])]
      : [s.text];
    return h(
      "li",
      {},
      h(
        "button",
        {
          type: "button",
          class: `hit ${x.kind}`,
          "data-session": x.sessionId,
          "data-seq": x.seq,
          onclick: () => void openTranscript(x.sessionId, x.seq),
        },
        h("span", { class: "sid" }, x.sessionId.slice(0, 8)),
        h("time", { datetime: x.at }, new Date(x.at).toLocaleString(lang)),
        x.kind === "note" ? h("span", { class: "note-tag" }, t("noteLabel")) : null,
        h("span", { class: "snippet" }, ...text),
      ),
    );
  }

  async function search(append: boolean): Promise<void> {
    const { tenant, token } = ctx();
    const params = new URLSearchParams({ q: query, limit: "20" });
    if (append && next) params.set("cursor", next);
    try {
      const r = await api<{ hits: Hit[]; next: string | null }>(
        "GET",
        `/v1/tenants/${seg(tenant)}/transcripts/search?${params}`,
        token,
      );
      next = r.next;
      more.hidden = !next;
      const items = r.hits.map(hitItem);
      if (append) results.append(...items);
      else replace(results, ...items);
      replace(status, !append && r.hits.length === 0 ? t("searchNone") : "");
    } catch (e) {
      replace(status, t("searchFailed", { message: errText(e) }));
    }
  }

  async function openTranscript(sessionId: string, seq: number): Promise<void> {
    try {
      const r = await api<{ events: StoredEvent[] }>("GET", `/v1/sessions/${seg(sessionId)}/transcript`, ctx().token);
      replace(title, t("transcriptTitle", { id: sessionId }));
      const items: HTMLLIElement[] = [];
      for (const e of r.events) {
        const li = view.eventItem(toWire(e), "");
        if (li) items.push(li);
      }
      replace(events, ...items);
      if (!dialog.open) dialog.showModal();
      const hit = events.querySelector<HTMLElement>(`[data-seq="${seq}"]`);
      hit?.classList.add("hit");
      hit?.scrollIntoView({ block: "center" });
    } catch (e) {
      replace(status, t("searchFailed", { message: errText(e) }));
    }
  }

  form.addEventListener("submit", (ev) => {
    ev.preventDefault();
    query = input.value.trim();
    if ([...query].length < 2) return;
    next = null;
    void search(false);
  });
  more.addEventListener("click", () => void search(true));
  addEventListener("keydown", (ev) => {
    if (ev.altKey && (ev.key === "s" || ev.key === "S")) {
      ev.preventDefault();
      input.focus();
    }
  });

  const el = h("section", { class: "search" }, form, status, results, more);
  return { el, dialog };
}
