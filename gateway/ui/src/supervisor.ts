/**
 * The supervisor panel of the console (a supervisor token): what the realtime
 * protocol sends supervisors, live — every agent's seat (`agentState`: state,
 * load, capacity), every assignment of the tenant (`assignment`: session, agent,
 * group, queue wait) and alerts (`first_response_sla`, `queue_wait`) — plus a form
 * to watch any session by id. Those numbers are computed only from the frames since
 * sign-in; the panel says so. Above them, the server's numbers
 * (`GET /v1/tenants/:tenant/console/stats`, refreshed every 10 s and after
 * assignments): sessions waiting now with their group and wait (each can be watched),
 * the bot resolution rate and the first-response median / p90 over the last 24 h.
 *
 * @example
 *   const sup = supervisorPanel(t, lang, (id) => watch(id));
 *   nav.prepend(sup.el);
 *   sup.onFrame(frame); // true when the frame was for the panel
 */

import { ApiError, api, seg } from "./api.ts";
import { h, replace } from "./dom.ts";
import type { Frame, SeatState } from "./frames.ts";
import type { MsgKey, Translate } from "./i18n.ts";
import { duration, percent, type ServerStats, SupervisorState } from "./supervisor-state.ts";

export { SupervisorState } from "./supervisor-state.ts";

const SEAT_KEYS: Record<SeatState, MsgKey> = {
  SEAT_STATE_UNSPECIFIED: "seatOffline",
  SEAT_STATE_ONLINE: "seatOnline",
  SEAT_STATE_BUSY: "seatBusy",
  SEAT_STATE_AWAY: "seatAway",
  SEAT_STATE_OFFLINE: "seatOffline",
};

/** The panel: its element, a frame hook and a reset for sign-out. */
export interface SupervisorPanel {
  el: HTMLElement;
  /** Applies a frame; true when it was for the panel (it re-renders). */
  onFrame(f: Frame, me: string): boolean;
  /** Starts refreshing the server's numbers (after sign-in as a supervisor). */
  start(): void;
  reset(): void;
}

const seconds = (ms: number) => (ms / 1000).toFixed(1);

/**
 * Builds the panel; `watch(id)` is called when the supervisor asks to watch a session.
 *
 * @example
 *   const sup = supervisorPanel(translator("en"), "en", (id) => console.log(id), () => ({ tenant, token }));
 */
export function supervisorPanel(
  t: Translate,
  lang: string,
  watch: (sessionId: string) => void,
  ctx: () => { tenant: string; token: string } = () => ({ tenant: "", token: "" }),
): SupervisorPanel {
  let st = new SupervisorState();
  const serverNumbers = h("dl", { class: "server-numbers", "aria-labelledby": "sup-server" });
  const queueList = h("ul", { class: "queue", "aria-labelledby": "sup-queue" });
  const statsStatus = h("p", { class: "status", role: "status" });
  const refreshBtn = h("button", { type: "button", class: "refresh" }, t("statsRefresh"));
  refreshBtn.addEventListener("click", () => void refreshStats());
  let poll: ReturnType<typeof setInterval> | undefined;
  let soon: ReturnType<typeof setTimeout> | undefined;
  async function refreshStats(): Promise<void> {
    const { tenant, token } = ctx();
    if (!tenant || !token) return;
    try {
      const s = await api<ServerStats>("GET", `/v1/tenants/${seg(tenant)}/console/stats?hours=24`, token);
      renderStats(s);
      replace(statsStatus);
    } catch (e) {
      replace(
        statsStatus,
        t("statsFailed", { message: e instanceof ApiError ? `${e.code}: ${e.message}` : String(e) }),
      );
    }
  }
  function renderStats(s: ServerStats): void {
    const stat = (key: string, label: string, value: string, detail = "") =>
      [
        h("dt", { "data-stat": key }, label),
        h("dd", { "data-stat": key }, value, detail ? h("span", { class: "detail" }, ` · ${detail}`) : null),
      ] as const;
    const b = s.botResolution;
    const f = s.firstResponse;
    replace(
      serverNumbers,
      ...stat("waiting", t("statsWaiting"), String(s.waiting)),
      ...stat(
        "bot-rate",
        t("statsBotRate", { hours: s.windowHours }),
        percent(b.rate),
        t("statsBotDetail", { bot: b.withoutHandoff, closed: b.closed }),
      ),
      ...stat(
        "first-response",
        t("statsFirstResponse"),
        f.medianMs === null ? t("statsNone") : `${duration(f.medianMs)} / ${duration(f.p90Ms)}`,
        t("statsFirstDetail", { n: f.sessions, hours: s.windowHours }),
      ),
    );
    replace(
      queueList,
      ...(s.queue.length === 0
        ? [h("li", { class: "empty" }, t("statsQueueEmpty"))]
        : s.queue
            .slice(0, 50)
            .map((q) =>
              h(
                "li",
                { "data-session": q.sessionId },
                h("span", { class: "sid" }, q.sessionId.slice(0, 8)),
                h("span", { class: "who" }, t("statsQueued", { group: q.group, wait: duration(q.waitedMs) })),
                h(
                  "button",
                  { type: "button", "data-watch": q.sessionId, "aria-label": t("watchSession", { id: q.sessionId }) },
                  t("watch"),
                ),
              ),
            )),
    );
  }
  /** Refreshes shortly (assignments and seat changes move the queue). */
  const refreshSoon = () => {
    if (!poll || soon) return;
    soon = setTimeout(() => {
      soon = undefined;
      void refreshStats();
    }, 300);
  };
  const numbers = h("dl", { class: "numbers", "aria-labelledby": "sup-numbers" });
  const agents = h("table", { class: "agents", "aria-labelledby": "sup-agents" });
  const sessions = h("ul", { class: "assigned", "aria-labelledby": "sup-sessions" });
  const alerts = h("ul", { class: "sup-alerts", "aria-labelledby": "sup-alerts", "aria-live": "polite" });
  const watchInput = h("input", {
    id: "watch-id",
    required: true,
    pattern: "[A-Za-z0-9._:\\-]+",
    maxlength: 64,
    autocomplete: "off",
    placeholder: t("watchPlaceholder"),
  });
  const watchForm = h(
    "form",
    { class: "watch" },
    h("label", { for: "watch-id" }, t("watchLabel")),
    watchInput,
    h("button", { type: "submit" }, t("watch")),
  );
  watchForm.addEventListener("submit", (ev) => {
    ev.preventDefault();
    const id = watchInput.value.trim();
    if (!id || !watchInput.checkValidity()) return;
    watchInput.value = "";
    watch(id);
  });
  for (const list of [sessions, queueList])
    list.addEventListener("click", (ev) => {
      const b = (ev.target as HTMLElement).closest("button[data-watch]") as HTMLElement | null;
      if (b?.dataset.watch) watch(b.dataset.watch);
    });
  const el = h(
    "section",
    { class: "supervisor", "aria-labelledby": "sup-title" },
    h("h2", { id: "sup-title" }, t("supTitle")),
    h("h3", { id: "sup-server" }, t("statsHeading")),
    serverNumbers,
    h("h4", { id: "sup-queue" }, t("statsQueue")),
    queueList,
    refreshBtn,
    statsStatus,
    h("h3", { id: "sup-numbers" }, t("supNumbers")),
    numbers,
    h("p", { class: "note" }, t("supNumbersNote")),
    watchForm,
    h("h3", { id: "sup-agents" }, t("supAgents")),
    agents,
    h("h3", { id: "sup-sessions" }, t("supSessions")),
    sessions,
    h("h3", { id: "sup-alerts" }, t("supAlerts")),
    alerts,
  );

  function render(): void {
    const n = st.numbers();
    const stat = (key: string, label: string, value: string) =>
      [h("dt", { "data-stat": key }, label), h("dd", { "data-stat": key }, value)] as const;
    replace(
      numbers,
      ...stat("online", t("supOnline"), `${n.agentsOnline} / ${n.agentsSeen}`),
      ...stat("load", t("supLoad"), `${n.load} / ${n.capacity}`),
      ...stat("assignments", t("supAssignments"), String(n.assignments)),
      ...stat("wait", t("supWait"), t("supWaitValue", { mean: seconds(n.meanWaitMs), max: seconds(n.maxWaitMs) })),
      ...stat("sla", t("supSlaAlerts"), String(n.slaAlerts)),
      ...stat("queue", t("supQueueAlerts"), String(n.queueAlerts)),
    );
    const rows = [...st.seats.entries()].sort((a, b) => a[0].localeCompare(b[0]));
    replace(
      agents,
      h(
        "thead",
        {},
        h(
          "tr",
          {},
          h("th", { scope: "col" }, t("supAgent")),
          h("th", { scope: "col" }, t("seat")),
          h("th", { scope: "col" }, t("supLoad")),
        ),
      ),
      h(
        "tbody",
        {},
        ...(rows.length === 0
          ? [h("tr", {}, h("td", { colspan: 3, class: "empty" }, t("supNoAgents")))]
          : rows.map(([id, s]) =>
              h(
                "tr",
                { "data-agent": id },
                h("th", { scope: "row" }, id),
                h("td", { class: "seat-state" }, t(SEAT_KEYS[s.state])),
                h("td", { class: "load" }, `${s.load} / ${s.capacity}`),
              ),
            )),
      ),
    );
    replace(
      sessions,
      ...(st.assigned.length === 0
        ? [h("li", { class: "empty" }, t("supNoSessions"))]
        : st.assigned.slice(0, 50).map((a) =>
            h(
              "li",
              { "data-session": a.sessionId },
              h("span", { class: "sid" }, a.sessionId.slice(0, 8)),
              h(
                "span",
                { class: "who" },
                t("supAssignedLine", { agent: a.agentId, group: a.group, wait: seconds(a.waitedMs) }),
              ),
              h(
                "button",
                {
                  type: "button",
                  "data-watch": a.sessionId,
                  "aria-label": t("watchSession", { id: a.sessionId }),
                },
                t("watch"),
              ),
            ),
          )),
    );
    replace(
      alerts,
      ...(st.alerts.length === 0
        ? [h("li", { class: "empty" }, t("supNoAlerts"))]
        : st.alerts
            .slice(0, 30)
            .map((a) =>
              h(
                "li",
                { class: `alert ${a.kind.replace(/[^a-z_]/g, "")}`, "data-session": a.sessionId },
                h("time", {}, new Date(a.at).toLocaleTimeString(lang)),
                ` ${a.kind} · ${a.sessionId.slice(0, 8)} · ${a.agentId} · ${a.message}`,
              ),
            )),
    );
  }
  render();

  return {
    el,
    onFrame(f, me) {
      if (!st.apply(f, me)) return false;
      render();
      if (f.assignment || f.agentState) refreshSoon();
      return true;
    },
    start() {
      if (poll) return;
      poll = setInterval(() => void refreshStats(), 10_000);
      void refreshStats();
    },
    reset() {
      clearInterval(poll);
      clearTimeout(soon);
      poll = undefined;
      soon = undefined;
      replace(serverNumbers);
      replace(queueList);
      st = new SupervisorState();
      render();
    },
  };
}
