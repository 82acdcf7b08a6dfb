/**
 * The agent console (`/console`): sign in with an agent token (kept in
 * sessionStorage), switch the seat state (online / busy / away) with the load and
 * capacity shown, an inbox of my active conversations with unread counts, and a
 * conversation view with the whole history (bot turns, handoff reason), a reply
 * box, transfer to an agent or a group, and close. Keyboard: ↑/↓ in the inbox,
 * Enter opens, Alt+R focuses the reply box, Alt+N toggles internal-note mode (notes
 * are seen by agents and supervisors only). Below the inbox: transcript search
 * (transcripts.ts). Beside it: canned responses and a
 * knowledge-base search (tools.ts); a supervisor token adds the supervisor panel
 * (supervisor.ts); `#admin` opens the admin pages (admin.ts).
 *
 * @example
 *   open http://127.0.0.1:8080/console and paste the token of POST /v1/admin/agents
 */
import { adminApp } from "./admin.ts";
import { Connection, type Status, Timeline, wsUrl } from "./client.ts";
import { h, replace, uid } from "./dom.ts";
import { type Frame, num, type SeatState, type SessionEvent, type SessionState } from "./frames.ts";
import { historyView } from "./history-view.ts";
import { pickLang, translator } from "./i18n.ts";
import { supervisorPanel } from "./supervisor.ts";
import { replyTools } from "./tools.ts";
import { transcriptSearch } from "./transcripts.ts";
import { waitingList } from "./waiting.ts";

const lang = pickLang(new URLSearchParams(location.search).get("lang"), navigator.languages);
const t = translator(lang);
document.documentElement.lang = lang;
document.title = t("consoleTitle");
const TOKEN_KEY = "kefu.console.token";

interface Conv {
  id: string;
  timeline: Timeline;
  unread: number;
  state: SessionState;
  agentId: string;
  typing: string;
  /** Not mine any more: transferred, closed or back to the bot. */
  gone?: string;
}

const convs = new Map<string, Conv>();
let selected: string | undefined;
let me = "";
let tenant = "";
let toolsOpened = false;
/** The token's role ("agent" or "supervisor"), from the welcome frame. */
let role = "";
const isSupervisor = () => role === "supervisor";
let conn: Connection | undefined;
let opened = false;
let failures = 0;
let seatVersion = 0;
let seatWanted: SeatState = "SEAT_STATE_ONLINE";
let seatRetried = false;
const sessionsKey = () => `kefu.console.sessions.${me}`;

// ---- login
const tokenInput = h("textarea", {
  id: "token",
  rows: 4,
  required: true,
  autocomplete: "off",
  spellcheck: "false",
  "aria-describedby": "token-help",
});
const loginError = h("p", { class: "error", role: "alert" });
const loginForm = h(
  "form",
  { class: "login", "aria-labelledby": "login-title" },
  h("h1", { id: "login-title" }, t("loginTitle")),
  h("label", { for: "token" }, t("tokenLabel")),
  tokenInput,
  h("p", { id: "token-help", class: "help" }, t("tokenHelp")),
  loginError,
  h("button", { type: "submit" }, t("signIn")),
  h("button", { type: "button", class: "link", onclick: () => showAdmin() }, t("adminOpen")),
);

/** The admin pages (`#admin`); back to the sign-in when left. */
function showAdmin(): void {
  if (location.hash !== "#admin") window.history.replaceState(null, "", "#admin");
  document.title = t("adminTitle");
  replace(
    document.body,
    adminApp(t, () => {
      window.history.replaceState(null, "", location.pathname + location.search);
      document.title = t("consoleTitle");
      replace(document.body, loginForm);
      tokenInput.focus();
    }),
  );
}

// ---- console
const seatSelect = h(
  "select",
  { id: "seat" },
  ...(
    [
      ["SEAT_STATE_ONLINE", "seatOnline"],
      ["SEAT_STATE_BUSY", "seatBusy"],
      ["SEAT_STATE_AWAY", "seatAway"],
    ] as const
  ).map(([v, k]) => h("option", { value: v }, t(k))),
);
const seatLabel = h("label", { for: "seat" }, t("seat"));
const queueNote = h("p", { class: "note" }, t("queueNote"));
const capacity = h("span", { class: "capacity", "aria-live": "polite" });
const connStatus = h("span", { class: "conn", role: "status" });
const whoami = h("span", { class: "me" });
const signOut = h("button", { type: "button", class: "signout" }, t("signOut"));
const inbox = h("ul", { class: "inbox", "aria-labelledby": "inbox-title" });
const inboxTitle = h("h2", { id: "inbox-title" }, t("inbox"));
const supervisor = supervisorPanel(
  t,
  lang,
  (id) => watchSession(id),
  () => ({ tenant, token: sessionStorage.getItem(TOKEN_KEY) ?? "" }),
);
supervisor.el.hidden = true;
/** Agents: the tenant's queued conversations, longest wait first (waiting.ts). */
const waiting = waitingList(t, () => ({ tenant, token: sessionStorage.getItem(TOKEN_KEY) ?? "" }));
waiting.el.hidden = true;
const alerts = h("p", { class: "alerts", role: "status" });
const convTitle = h("h2", { id: "conv-title" }, t("selectConversation"));
const convState = h("span", { class: "conv-state" });
const notice = h("p", { class: "notice", role: "status" });
const history = h("ol", { class: "history", "aria-label": t("history"), tabindex: 0 });
const typingLine = h("div", { class: "typing", "aria-live": "polite" });
const reply = h("textarea", { id: "reply", rows: 3, placeholder: t("replyPlaceholder"), maxlength: 8000 });
/** Internal-note mode of the reply box: the text is stored as a note, seen by agents and supervisors only. */
const noteToggle = h("input", { type: "checkbox", id: "note-mode", class: "note-mode" });
const replyForm = h(
  "form",
  { class: "reply" },
  h("label", { for: "reply" }, t("replyLabel")),
  reply,
  h("label", { class: "note-toggle", for: "note-mode" }, noteToggle, t("noteToggle")),
  h("button", { type: "submit", class: "send" }, t("send")),
);
/** Notes sent and not yet stored, per session (resent with the same id after a reconnect). */
const notesOut = new Map<string, Map<string, string>>();
const noteFrame = (sessionId: string, clientMsgId: string, text: string): Frame => ({
  id: clientMsgId,
  send: { sessionId, internal: true, message: { clientMsgId, text } },
});
function setNoteMode(on: boolean): void {
  noteToggle.checked = on;
  replyForm.classList.toggle("noting", on);
  reply.placeholder = t(on ? "notePlaceholder" : "replyPlaceholder");
}
noteToggle.addEventListener("change", () => setNoteMode(noteToggle.checked));
const transferKind = h(
  "select",
  { id: "transfer-kind", "aria-label": t("transferLabel") },
  h("option", { value: "agent" }, t("transferKindAgent")),
  h("option", { value: "group" }, t("transferKindGroup")),
);
const transferTarget = h("input", {
  id: "transfer-target",
  required: true,
  pattern: "[A-Za-z0-9._:\\-]+",
  maxlength: 64,
  "aria-label": t("transferTarget"),
  placeholder: t("transferTarget"),
});
const transferForm = h(
  "form",
  { class: "transfer" },
  h("label", { for: "transfer-kind" }, t("transferLabel")),
  transferKind,
  transferTarget,
  h("button", { type: "submit" }, t("transfer")),
);
const closeBtn = h("button", { type: "button", class: "close-session" }, t("closeSession"));
const convSection = h(
  "section",
  { class: "conv", "aria-labelledby": "conv-title" },
  h("div", { class: "conv-head" }, convTitle, convState),
  notice,
  history,
  typingLine,
  replyForm,
  h("div", { class: "actions" }, transferForm, closeBtn),
);
/** Inserts `text` at the reply box's cursor (canned responses, knowledge-base passages). */
function insertReply(text: string): void {
  if (reply.disabled) return;
  reply.setRangeText(text, reply.selectionStart, reply.selectionEnd, "end");
  reply.focus();
}
const search = transcriptSearch(t, lang, () => ({ tenant, token: sessionStorage.getItem(TOKEN_KEY) ?? "" }));
const tools = replyTools(t, () => ({ tenant, token: sessionStorage.getItem(TOKEN_KEY) ?? "", role }), insertReply);
const app = h(
  "div",
  { class: "app" },
  h(
    "header",
    { class: "top" },
    h("h1", {}, t("consoleTitle")),
    whoami,
    seatLabel,
    seatSelect,
    capacity,
    connStatus,
    signOut,
  ),
  h(
    "main",
    { class: "layout" },
    h(
      "nav",
      { class: "side", "aria-labelledby": "inbox-title" },
      supervisor.el,
      inboxTitle,
      inbox,
      waiting.el,
      queueNote,
      alerts,
      search.el,
    ),
    convSection,
    tools.el,
  ),
  h("p", { class: "shortcuts" }, t("shortcuts")),
  search.dialog,
);

// ---- rendering
const view = historyView(t, lang, () => sessionStorage.getItem(TOKEN_KEY) ?? "");
const stateText = view.stateText;
const eventItem = (ev: SessionEvent) => view.eventItem(ev, me);

function renderInbox(): void {
  const focused = document.activeElement instanceof HTMLElement ? document.activeElement.dataset.session : undefined;
  const items = [...convs.values()].filter((c) => !c.gone || c.id === selected);
  if (items.length === 0) {
    replace(inbox, h("li", { class: "empty" }, t(isSupervisor() ? "watchedEmpty" : "inboxEmpty")));
    return;
  }
  replace(
    inbox,
    ...items.map((c) => {
      const last = c.timeline.ordered().findLast((e) => e.message);
      const b = h(
        "button",
        {
          type: "button",
          class: "item",
          "data-session": c.id,
          "aria-current": c.id === selected ? "true" : false,
        },
        h("span", { class: "sid" }, c.id.slice(0, 8)),
        h("span", { class: "state" }, c.gone ?? stateText(c.state)),
        h("span", { class: "preview" }, (last?.message?.text ?? "").slice(0, 60)),
        c.unread > 0 ? h("span", { class: "unread" }, t("unread", { n: c.unread })) : null,
      );
      return h("li", {}, b);
    }),
  );
  if (focused) (inbox.querySelector(`[data-session="${CSS.escape(focused)}"]`) as HTMLElement | null)?.focus();
}

function renderConv(): void {
  const c = selected ? convs.get(selected) : undefined;
  // A supervisor may write to (and transfer or close) any open session of the tenant.
  const active = isSupervisor()
    ? Boolean(c && c.state !== "SESSION_STATE_CLOSED" && c.state !== "SESSION_STATE_UNSPECIFIED")
    : Boolean(c && !c.gone && c.state === "SESSION_STATE_ASSIGNED");
  for (const el of [reply, noteToggle, transferTarget, transferKind, closeBtn, ...replyForm.querySelectorAll("button")])
    (el as HTMLInputElement).disabled = !active;
  for (const b of transferForm.querySelectorAll("button")) b.disabled = !active;
  if (!c) {
    replace(convTitle, t("selectConversation"));
    replace(convState);
    replace(history);
    replace(notice);
    return;
  }
  replace(convTitle, t("conversation", { id: c.id }));
  replace(convState, stateText(c.state));
  replace(notice, c.gone ?? "");
  const items: HTMLLIElement[] = [];
  for (const ev of c.timeline.ordered()) {
    const li = eventItem(ev);
    if (li) items.push(li);
  }
  for (const p of c.timeline.outbox.values())
    items.push(
      h(
        "li",
        { class: "event msg agent mine pending" },
        h("span", { class: "who" }, me),
        h("p", { class: "text" }, p.text),
        h("span", { class: "status" }, t("sending")),
      ),
    );
  for (const text of notesOut.get(c.id)?.values() ?? [])
    items.push(
      h(
        "li",
        { class: "event note agent mine pending" },
        h("span", { class: "who" }, me),
        h("span", { class: "note-tag" }, t("noteLabel")),
        h("p", { class: "text" }, text),
        h("span", { class: "status" }, t("sending")),
      ),
    );
  replace(history, ...items);
  history.scrollTop = history.scrollHeight;
  replace(typingLine, c.typing ? t("typing", { name: c.typing }) : "");
}

function render(): void {
  renderInbox();
  renderConv();
}

function select(id: string): void {
  selected = id;
  const c = convs.get(id);
  if (c) {
    c.unread = 0;
    if (c.timeline.lastSeq > 0) conn?.send({ read: { sessionId: id, seq: c.timeline.lastSeq } });
  }
  render();
}

function saveSessions(): void {
  const ids = [...convs.values()].filter((c) => !c.gone).map((c) => c.id);
  sessionStorage.setItem(sessionsKey(), JSON.stringify(ids.slice(-200)));
}

function conv(id: string): Conv {
  let c = convs.get(id);
  if (!c) {
    c = {
      id,
      timeline: new Timeline(),
      unread: 0,
      state: isSupervisor() ? "SESSION_STATE_UNSPECIFIED" : "SESSION_STATE_ASSIGNED",
      agentId: isSupervisor() ? "" : me,
      typing: "",
    };
    convs.set(id, c);
    saveSessions();
  }
  return c;
}

function follow(c: Conv): void {
  // A supervisor subscribes first (watch), then replays the history like an agent.
  if (isSupervisor()) conn?.send({ id: `watch:${c.id}`, watch: { sessionId: c.id } });
  conn?.send({ id: `resume:${c.id}`, resume: { sessionId: c.id, lastSeq: c.timeline.lastSeq } });
  for (const r of c.timeline.resends(c.id)) conn?.send(r);
  for (const [id, text] of notesOut.get(c.id) ?? []) conn?.send(noteFrame(c.id, id, text));
}

/** Supervisors: follow any session of the tenant and open it. */
function watchSession(id: string): void {
  const c = conv(id);
  c.gone = undefined;
  follow(c);
  select(id);
}

function sendSeat(): void {
  conn?.send({ id: "seat", agentState: { state: seatWanted, version: seatVersion } });
}

// ---- frames
function onFrame(f: Frame): void {
  if (f.welcome) {
    opened = true;
    failures = 0;
    me = f.welcome.agentId ?? "";
    role = f.welcome.role ?? "";
    if (tenant !== (f.welcome.tenantId ?? "") || !toolsOpened) {
      tenant = f.welcome.tenantId ?? "";
      toolsOpened = true;
      tools.open();
    }
    supervisor.el.hidden = !isSupervisor();
    if (isSupervisor()) supervisor.start();
    else waiting.start();
    replace(inboxTitle, t(isSupervisor() ? "watched" : "inbox"));
    replace(whoami, `${me} · ${f.welcome.tenantId ?? ""} · ${f.welcome.role ?? ""}`);
    try {
      for (const id of JSON.parse(sessionStorage.getItem(sessionsKey()) ?? "[]") as string[]) conv(id);
    } catch {
      // nothing remembered
    }
    seatRetried = false;
    if (f.welcome.role === "agent") sendSeat();
    else seatSelect.disabled = true;
    // A supervisor has no seat and is not assigned sessions.
    for (const el of [seatLabel, seatSelect, queueNote]) el.hidden = isSupervisor();
    for (const c of convs.values()) if (!c.gone) follow(c);
    render();
    return;
  }
  if (isSupervisor() && (f.agentState || f.assignment || f.alert)) {
    supervisor.onFrame(f, me);
    if (f.assignment) {
      const c = convs.get(f.assignment.sessionId ?? "");
      if (c) c.agentId = f.assignment.agentId ?? "";
      render();
    }
    if (!f.alert) return;
  }
  if (f.agentState) {
    const a = f.agentState;
    if (a.agentId && a.agentId !== me) return;
    seatVersion = num(a.version);
    if (a.state) seatSelect.value = a.state;
    replace(capacity, t("capacity", { load: a.load ?? 0, capacity: a.capacity ?? 0 }));
    return;
  }
  if (f.error) {
    const e = f.error;
    if (e.code === "version_conflict" && e.ref === "seat" && !seatRetried) {
      const m = /version (\d+)/.exec(e.message ?? "");
      if (m) {
        seatRetried = true;
        seatVersion = Number(m[1]);
        sendSeat();
        return;
      }
    }
    for (const c of convs.values()) c.timeline.outbox.delete(e.ref ?? "");
    for (const out of notesOut.values()) out.delete(e.ref ?? "");
    replace(alerts, t("errorGeneric", { message: `${e.code ?? ""}: ${e.message ?? ""}` }));
    render();
    return;
  }
  if (f.assignment) {
    const a = f.assignment;
    const id = a.sessionId ?? "";
    if (a.agentId === me) {
      const c = conv(id);
      c.gone = undefined;
      c.state = "SESSION_STATE_ASSIGNED";
      c.agentId = me;
      follow(c);
      if (!selected) selected = id;
    } else {
      const c = convs.get(id);
      if (c) c.gone = t("transferredAway", { name: a.agentId ?? "" });
      saveSessions();
    }
    render();
    return;
  }
  if (f.deliver?.event) {
    const ev = f.deliver.event;
    const c = conv(ev.sessionId ?? "");
    const fresh = c.timeline.add(ev);
    if (ev.note?.clientMsgId) notesOut.get(c.id)?.delete(ev.note.clientMsgId);
    const sc = ev.stateChanged;
    if (sc?.to) {
      c.state = sc.to;
      if (isSupervisor()) c.gone = sc.to === "SESSION_STATE_CLOSED" ? t("closedNotice") : undefined;
      else if (sc.to === "SESSION_STATE_ASSIGNED") {
        c.agentId = sc.agentId ?? "";
        c.gone = c.agentId && c.agentId !== me ? t("transferredAway", { name: c.agentId }) : undefined;
      } else if (sc.to === "SESSION_STATE_CLOSED") c.gone = t("closedNotice");
      else if (sc.to === "SESSION_STATE_QUEUED" && sc.from === "SESSION_STATE_ASSIGNED")
        c.gone = t("transferredAway", { name: sc.group ?? "" });
      else if (num(ev.seq) > 1) c.gone = stateText(sc.to);
      saveSessions();
    }
    if (ev.actor?.kind === "ACTOR_KIND_VISITOR") c.typing = "";
    if (fresh && ev.message && ev.actor?.id !== me && c.id !== selected) c.unread++;
    if (c.id === selected && document.hasFocus() && ev.message)
      conn?.send({ read: { sessionId: c.id, seq: num(ev.seq) } });
    render();
    return;
  }
  if (f.ack) {
    const c = convs.get(f.ack.sessionId ?? "");
    const id = f.ack.clientMsgId ?? "";
    const noted = c ? notesOut.get(c.id)?.get(id) : undefined;
    if (c && noted !== undefined) {
      // The stored note, until its deliver (same seq) replaces it.
      notesOut.get(c.id)?.delete(id);
      if (!c.timeline.events.has(num(f.ack.seq)))
        c.timeline.add({
          seq: num(f.ack.seq),
          atUnixMs: Date.now(),
          actor: { kind: "ACTOR_KIND_AGENT", id: me },
          note: { clientMsgId: id, text: noted },
        });
    } else c?.timeline.ack(id, num(f.ack.seq), { kind: "ACTOR_KIND_AGENT", id: me });
    render();
    return;
  }
  if (f.typing) {
    const c = convs.get(f.typing.sessionId ?? "");
    if (c && f.typing.actor?.id !== me) {
      c.typing = f.typing.on ? f.typing.actor?.id || t("visitor") : "";
      if (f.typing.actor?.kind === "ACTOR_KIND_VISITOR" && f.typing.on) c.typing = t("visitor");
      if (c.id === selected) replace(typingLine, c.typing ? t("typing", { name: c.typing }) : "");
    }
    return;
  }
  if (f.close) {
    const c = convs.get(f.close.sessionId ?? "");
    if (c) {
      c.state = "SESSION_STATE_CLOSED";
      c.gone = t("closedNotice");
      saveSessions();
      render();
    }
    return;
  }
  if (f.alert) replace(alerts, t("alert", { message: f.alert.message ?? f.alert.kind ?? "" }));
}

function onStatus(s: Status): void {
  if (s === "open") replace(connStatus, t("connected"));
  else if (s === "connecting") {
    if (!opened && ++failures > 2) {
      // Never got in: the token is wrong or expired.
      logout(t("loginFailed"));
      return;
    }
    replace(connStatus, t("disconnected"));
  }
}

function login(token: string): void {
  sessionStorage.setItem(TOKEN_KEY, token);
  opened = false;
  failures = 0;
  replace(document.body, app);
  conn = new Connection({ url: () => wsUrl("v1/ws/agent", token), onFrame, onStatus });
  conn.start();
}

function logout(error = ""): void {
  conn?.stop();
  conn = undefined;
  sessionStorage.removeItem(TOKEN_KEY);
  convs.clear();
  notesOut.clear();
  setNoteMode(false);
  selected = undefined;
  role = "";
  toolsOpened = false;
  supervisor.reset();
  waiting.stop();
  replace(loginError, error);
  replace(document.body, loginForm);
  tokenInput.focus();
}

// ---- controls
loginForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const token = tokenInput.value.trim();
  if (!/^[\w-]+\.[\w-]+\.[\w-]+$/.test(token)) {
    replace(loginError, t("badToken"));
    return;
  }
  tokenInput.value = "";
  login(token);
});
signOut.addEventListener("click", () => {
  seatWanted = "SEAT_STATE_OFFLINE";
  if (!isSupervisor()) sendSeat();
  logout();
});
seatSelect.addEventListener("change", () => {
  seatWanted = seatSelect.value as SeatState;
  seatRetried = false;
  sendSeat();
});
inbox.addEventListener("click", (ev) => {
  const b = (ev.target as HTMLElement).closest("button[data-session]") as HTMLElement | null;
  if (b?.dataset.session) select(b.dataset.session);
});
inbox.addEventListener("keydown", (ev) => {
  if (ev.key !== "ArrowDown" && ev.key !== "ArrowUp") return;
  const buttons = [...inbox.querySelectorAll<HTMLButtonElement>("button[data-session]")];
  const i = buttons.indexOf(document.activeElement as HTMLButtonElement);
  const next = buttons[Math.max(0, Math.min(buttons.length - 1, i + (ev.key === "ArrowDown" ? 1 : -1)))];
  next?.focus();
  ev.preventDefault();
});
replyForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const c = selected ? convs.get(selected) : undefined;
  const text = reply.value.trim();
  if (!c || !text) return;
  reply.value = "";
  if (noteToggle.checked) {
    const id = uid("n");
    const out = notesOut.get(c.id) ?? new Map<string, string>();
    notesOut.set(c.id, out);
    out.set(id, text);
    renderConv();
    conn?.send(noteFrame(c.id, id, text));
    return;
  }
  const frame = c.timeline.queue(c.id, text, uid("a"));
  conn?.send({ typing: { sessionId: c.id, on: false } });
  renderConv();
  conn?.send(frame);
});
reply.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    replyForm.requestSubmit();
  }
});
let typingSent = 0;
reply.addEventListener("input", () => {
  // A note is not a reply: the visitor must not see "typing…" for it.
  if (!selected || noteToggle.checked || Date.now() - typingSent < 3_000) return;
  typingSent = Date.now();
  conn?.send({ typing: { sessionId: selected, on: true } });
});
transferForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const target = transferTarget.value.trim();
  if (!selected || !target) return;
  const to = transferKind.value === "group" ? { toGroup: target } : { toAgentId: target };
  conn?.send({ id: uid("t"), transfer: { sessionId: selected, ...to, reason: "agent_transfer" } });
  transferTarget.value = "";
});
closeBtn.addEventListener("click", () => {
  if (selected) conn?.send({ id: uid("x"), close: { sessionId: selected, reason: "agent_closed" } });
});
addEventListener("keydown", (ev) => {
  if (ev.altKey && (ev.key === "r" || ev.key === "R")) {
    ev.preventDefault();
    reply.focus();
  }
  if (ev.altKey && (ev.key === "n" || ev.key === "N") && !noteToggle.disabled) {
    ev.preventDefault();
    setNoteMode(!noteToggle.checked);
    reply.focus();
  }
});

const saved = sessionStorage.getItem(TOKEN_KEY);
if (location.hash === "#admin") showAdmin();
else if (saved) login(saved);
else {
  replace(document.body, loginForm);
  tokenInput.focus();
}
