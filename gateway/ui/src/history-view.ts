/**
 * How the console shows a conversation's events: messages with their author (the
 * visitor, the bot, an agent; `me` is highlighted), time and citations, and state
 * changes as one line (handoff with its reason, assignment, transfer, close).
 * Text is set as text nodes only.
 *
 * @example
 *   const view = historyView(translator("en"), "en");
 *   list.append(view.eventItem(event, "alice") ?? "");
 */
import { append, h } from "./dom.ts";
import { num, type SessionEvent, type SessionState } from "./frames.ts";
import type { MsgKey, Translate } from "./i18n.ts";
import { attachmentImages, citationLabel, parseCitations } from "./render.ts";

/** The renderer of one language. */
export interface HistoryView {
  /** A state in words ("assigned"). */
  stateText(s: SessionState): string;
  /** The list item of an event, or undefined for events not shown. */
  eventItem(ev: SessionEvent, me: string): HTMLLIElement | undefined;
}

/**
 * Builds the renderer for translator `t` (times in `lang`); `token` fetches a message's
 * images (`GET /v1/attachments/:id` wants a credential).
 *
 * @example
 *   historyView(t, "zh-CN").stateText("SESSION_STATE_QUEUED"); // "排队中"
 */
export function historyView(t: Translate, lang: string, token: () => string = () => ""): HistoryView {
  function actorName(ev: SessionEvent, me: string): { cls: string; name: string } {
    switch (ev.actor?.kind) {
      case "ACTOR_KIND_VISITOR":
        return { cls: "visitor", name: t("visitor") };
      case "ACTOR_KIND_AGENT":
        return { cls: ev.actor.id === me ? "agent mine" : "agent", name: ev.actor.id || t("agentFallback") };
      case "ACTOR_KIND_BOT":
        return { cls: "bot", name: t("botName") };
      default:
        return { cls: "system", name: "" };
    }
  }

  const STATE_KEYS: Partial<Record<SessionState, MsgKey>> = {
    SESSION_STATE_BOT: "stateBot",
    SESSION_STATE_QUEUED: "stateQueued",
    SESSION_STATE_ASSIGNED: "stateAssigned",
    SESSION_STATE_CLOSED: "stateClosed",
  };
  const stateText = (s: SessionState) => {
    const k = STATE_KEYS[s];
    return k ? t(k) : s;
  };

  function eventLine(ev: SessionEvent): string | undefined {
    if (ev.started) return t("eventStarted");
    const sc = ev.stateChanged;
    if (!sc) return undefined;
    const reason = sc.reason ?? "";
    switch (sc.to) {
      case "SESSION_STATE_QUEUED":
        // From an agent to a group's queue: a transfer; otherwise the bot (or the visitor) asked for a human.
        return sc.from === "SESSION_STATE_ASSIGNED"
          ? t("eventTransferred", { name: sc.group ?? "" })
          : t("eventHandoff", { reason });
      case "SESSION_STATE_ASSIGNED":
        return reason === "transferred"
          ? t("eventTransferred", { name: sc.agentId ?? "" })
          : t("eventAssigned", { name: sc.agentId ?? "" });
      case "SESSION_STATE_CLOSED":
        return t("eventClosed", { reason });
      case "SESSION_STATE_BOT":
        return sc.from && sc.from !== "SESSION_STATE_UNSPECIFIED" ? t("eventBackToBot", { reason }) : undefined;
      default:
        return t("eventState", { to: sc.to ?? "", reason });
    }
  }

  function eventItem(ev: SessionEvent, me: string): HTMLLIElement | undefined {
    const seq = num(ev.seq);
    const time = new Date(num(ev.atUnixMs)).toLocaleTimeString(lang);
    if (ev.note) {
      // An internal note: agents and supervisors only; labelled so it never passes for a reply.
      const a = actorName(ev, me);
      return h(
        "li",
        { class: `event note ${a.cls}`, "data-seq": seq },
        h("span", { class: "who" }, a.name),
        h("span", { class: "note-tag" }, t("noteLabel")),
        h("time", {}, time),
        h("p", { class: "text", dir: "auto" }, ev.note.text ?? ""),
      );
    }
    if (ev.rating) {
      const r = ev.rating;
      const score = Math.max(0, Math.min(5, Number(r.score ?? 0)));
      return h(
        "li",
        { class: "event system rating", "data-seq": seq },
        h("span", { class: "text" }, t("eventRated", { score })),
        h("span", { class: "stars", "aria-hidden": "true" }, "★".repeat(score) + "☆".repeat(5 - score)),
        r.comment ? h("p", { class: "text comment", dir: "auto" }, r.comment) : null,
      );
    }
    if (!ev.message) {
      const line = eventLine(ev);
      return line ? h("li", { class: "event system", "data-seq": seq }, h("span", { class: "text" }, line)) : undefined;
    }
    const a = actorName(ev, me);
    const li = h(
      "li",
      { class: `event msg ${a.cls}`, "data-seq": seq },
      h("span", { class: "who" }, a.name),
      h("time", {}, time),
      h("p", { class: "text", dir: "auto" }, ev.message.text ?? ""),
    );
    const imgs = attachmentImages(ev.message, "../v1/attachments/", token(), (name) => t("imageAlt", { name }));
    if (imgs) append(li, imgs);
    const cites = parseCitations(ev.message.attributes?.citations);
    if (cites.length > 0)
      append(
        li,
        h("ul", { class: "cites", "aria-label": t("sources") }, ...cites.map((c) => h("li", {}, citationLabel(c)))),
      );
    return li;
  }

  return { stateText, eventItem };
}
