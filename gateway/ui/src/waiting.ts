/**
 * The agents' "waiting" list: the tenant's queued conversations with their group and
 * wait (`GET /v1/tenants/:tenant/console/queue`, answered from the tenant's home node),
 * refreshed every few seconds while the console is open. Assignment stays automatic:
 * the list shows what is coming, longest wait first.
 *
 * @example
 *   const w = waitingList(t, () => ({ tenant, token }));
 *   side.append(w.el);
 *   w.start(); // … w.stop() on sign-out
 */
import { ApiError, api, seg } from "./api.ts";
import { h, replace } from "./dom.ts";
import type { Translate } from "./i18n.ts";
import { duration } from "./supervisor-state.ts";

/** What the queue endpoint answers. */
interface QueueAnswer {
  waiting: number;
  queue: { sessionId: string; group: string; position: number; waitedMs: number }[];
}

/** How often the list refreshes, ms. */
export const WAITING_REFRESH_MS = 5_000;
/** Most entries shown. */
const SHOWN = 20;

/** The list and its refresh loop. */
export function waitingList(t: Translate, ctx: () => { tenant: string; token: string }) {
  const title = h("h2", { id: "waiting-title" }, t("waitingTitle", { n: 0 }));
  const list = h("ul", { class: "waiting", "aria-labelledby": "waiting-title" });
  const status = h("p", { class: "status", role: "status" });
  const el = h("section", { class: "waiting-box", "aria-labelledby": "waiting-title" }, title, list, status);
  let timer: ReturnType<typeof setInterval> | undefined;

  async function refresh(): Promise<void> {
    const { tenant, token } = ctx();
    if (!tenant || !token) return;
    try {
      const q = await api<QueueAnswer>("GET", `/v1/tenants/${seg(tenant)}/console/queue`, token);
      replace(title, t("waitingTitle", { n: q.waiting }));
      replace(
        list,
        ...(q.queue.length === 0
          ? [h("li", { class: "empty" }, t("statsQueueEmpty"))]
          : q.queue
              .slice(0, SHOWN)
              .map((e) =>
                h(
                  "li",
                  { "data-session": e.sessionId },
                  h("span", { class: "sid" }, e.sessionId.slice(0, 8)),
                  h("span", { class: "who" }, t("statsQueued", { group: e.group, wait: duration(e.waitedMs) })),
                ),
              )),
      );
      replace(status);
    } catch (e) {
      replace(status, t("statsFailed", { message: e instanceof ApiError ? `${e.code}: ${e.message}` : String(e) }));
    }
  }

  return {
    el,
    /** Shows the list now and every {@link WAITING_REFRESH_MS}. */
    start(): void {
      el.hidden = false;
      clearInterval(timer);
      void refresh();
      timer = setInterval(() => void refresh(), WAITING_REFRESH_MS);
    },
    /** Stops refreshing and hides the list. */
    stop(): void {
      clearInterval(timer);
      timer = undefined;
      el.hidden = true;
    },
    refresh,
  };
}
