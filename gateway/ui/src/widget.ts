/**
 * The visitor chat, running inside the iframe that widget.js puts on the host page
 * (`/ui/widget.html?tenant=…&lang=…`, same origin as the gateway). It creates or
 * reuses a visitor session (token kept in this origin's localStorage per tenant),
 * talks the JSON realtime protocol, streams bot answers, shows citations, the
 * queue position, the assigned agent and typing, and resumes silently after a drop.
 *
 * @example
 *   <iframe src="https://kefu.example/ui/widget.html?tenant=acme&lang=en"></iframe>
 */
import { Connection, type Status, Timeline, wsUrl } from "./client.ts";
import { append, h, replace, uid } from "./dom.ts";
import { type Frame, num, type SessionEvent, type SessionState } from "./frames.ts";
import { pickLang, translator } from "./i18n.ts";
import { citationLabel, parseCitations, Typewriter } from "./render.ts";

const params = new URLSearchParams(location.search);
const tenant = (params.get("tenant") ?? "default").slice(0, 64) || "default";
const lang = pickLang(params.get("lang"), navigator.languages);
const t = translator(lang);
document.documentElement.lang = lang;
document.title = t("chatTitle");
const STORE_KEY = `kefu.widget.${tenant}`;

interface StoredSession {
  sessionId: string;
  token: string;
  expiresAt: string;
}

/** Posts to the host page (the loader); nothing secret goes there. */
function toHost(msg: { type: string; n?: number }): void {
  if (parent === window) return;
  parent.postMessage(msg, location.ancestorOrigins?.[0] ?? "*");
}

// ---- DOM
const title = h("h1", { id: "kefu-title" }, t("chatTitle"));
const human = h("button", { type: "button", class: "human" }, t("talkToHuman"));
const closeBtn = h("button", { type: "button", class: "close", "aria-label": t("closeChat") }, "×");
const banner = h("div", { class: "banner", role: "status", "aria-live": "polite" });
const list = h("ol", { class: "messages", "aria-label": t("messages"), "aria-live": "polite", tabindex: 0 });
const typing = h("div", { class: "typing", "aria-live": "polite" });
const input = h("textarea", { id: "kefu-input", rows: 1, placeholder: t("inputPlaceholder"), maxlength: 4000 });
const sendBtn = h("button", { type: "submit", class: "send" }, t("send"));
const form = h(
  "form",
  { class: "composer" },
  h("label", { for: "kefu-input", class: "sr-only" }, t("inputLabel")),
  input,
  sendBtn,
);
append(
  document.body,
  h(
    "main",
    { class: "kefu", "aria-labelledby": "kefu-title" },
    h("header", {}, title, human, closeBtn),
    banner,
    list,
    typing,
    form,
  ),
);

// ---- state
let timeline = new Timeline();
let nodes = new Map<string, HTMLLIElement>();
let streams = new Map<string, { text: string; done: boolean }>();
/** Error notices (the last few), shown after the messages. */
let notes: HTMLLIElement[] = [];
let session: StoredSession | undefined;
let conn: Connection | undefined;
let state: SessionState = "SESSION_STATE_BOT";
let queuePos = 0;
let agentId = "";
let status: Status = "connecting";
let replaying = true;
let visible = parent === window;
let unread = 0;
let typingTimer: ReturnType<typeof setTimeout> | undefined;
let typingOn = false;
let typingOff: ReturnType<typeof setTimeout> | undefined;
let statusTimer: ReturnType<typeof setTimeout> | undefined;
let showReconnecting = false;
const tw = new Typewriter();

async function getSession(): Promise<StoredSession> {
  try {
    const s = JSON.parse(localStorage.getItem(STORE_KEY) ?? "null") as StoredSession | null;
    if (s?.token && Date.parse(s.expiresAt) > Date.now() + 60_000) return s;
  } catch {
    // unreadable: start a new session
  }
  const page = document.referrer.slice(0, 1024);
  const res = await fetch("../v1/visitor/sessions", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ tenantId: tenant, ...(page ? { metadata: { page } } : {}) }),
  });
  if (!res.ok) throw new Error(`${res.status}`);
  const s = (await res.json()) as StoredSession;
  try {
    localStorage.setItem(STORE_KEY, JSON.stringify({ sessionId: s.sessionId, token: s.token, expiresAt: s.expiresAt }));
  } catch {
    // storage refused (private mode): the session lasts as long as the page
  }
  return s;
}

function who(ev: SessionEvent): { cls: string; name: string } {
  switch (ev.actor?.kind) {
    case "ACTOR_KIND_VISITOR":
      return { cls: "visitor", name: t("you") };
    case "ACTOR_KIND_AGENT":
      return { cls: "agent", name: ev.actor.id || t("agentFallback") };
    case "ACTOR_KIND_BOT":
      return { cls: "bot", name: t("botName") };
    default:
      return { cls: "system", name: "" };
  }
}

function systemLine(ev: SessionEvent): string | undefined {
  const sc = ev.stateChanged;
  if (!sc) return undefined;
  switch (sc.to) {
    case "SESSION_STATE_QUEUED":
      return t("handoffRequested");
    case "SESSION_STATE_ASSIGNED":
      return t("assignedTo", { name: sc.agentId || t("agentFallback") });
    case "SESSION_STATE_BOT":
      return sc.from && sc.from !== "SESSION_STATE_UNSPECIFIED" ? t("backToBot") : undefined;
    case "SESSION_STATE_CLOSED":
      return t("ended");
    default:
      return undefined;
  }
}

function messageNode(cls: string, name: string): HTMLLIElement {
  return h(
    "li",
    { class: `msg ${cls}` },
    name ? h("span", { class: "who" }, name) : null,
    h("p", { class: "text", dir: "auto" }),
  );
}

function textOf(li: HTMLLIElement): HTMLElement {
  return li.querySelector(".text") as HTMLElement;
}

function setCitations(li: HTMLLIElement, raw: string | undefined): void {
  li.querySelector(".cites")?.remove();
  const cites = parseCitations(raw);
  if (cites.length === 0) return;
  append(
    li,
    h(
      "div",
      { class: "cites" },
      h("span", { class: "cites-title" }, t("sources")),
      h("ul", { "aria-label": t("sources") }, ...cites.map((c) => h("li", {}, citationLabel(c)))),
    ),
  );
}

/** The node of a stored event: adopted from its pending send or bot stream, or new. */
function eventNode(ev: SessionEvent, live: boolean): HTMLLIElement | undefined {
  const seq = num(ev.seq);
  const key = `s:${seq}`;
  let li = nodes.get(key);
  const m = ev.message;
  if (!m) {
    const line = systemLine(ev);
    if (!line) return undefined;
    if (!li) {
      li = h("li", { class: "msg system", "data-seq": seq }, h("p", { class: "text" }, line));
      nodes.set(key, li);
    }
    return li;
  }
  const cid = m.clientMsgId ?? "";
  const w = who(ev);
  if (!li) {
    for (const k of [`p:${cid}`, `r:${cid}`]) {
      const found = cid ? nodes.get(k) : undefined;
      if (found) {
        nodes.delete(k);
        li = found;
        break;
      }
    }
    const adopted = li !== undefined;
    li ??= messageNode(w.cls, w.name);
    li.classList.remove("pending", "streaming");
    li.removeAttribute("aria-busy");
    li.querySelector(".status")?.remove();
    li.dataset.seq = String(seq);
    nodes.set(key, li);
    if (w.cls === "bot") {
      tw.show(textOf(li), m.text ?? "", live && !replaying);
      setCitations(li, m.attributes?.citations);
    } else if (!adopted || textOf(li).textContent !== m.text) {
      textOf(li).textContent = m.text ?? "";
    }
    if (live && !replaying && w.cls !== "visitor" && !visible) unread++;
  }
  return li;
}

function render(live = true): void {
  const order: HTMLLIElement[] = [];
  for (const ev of timeline.ordered()) {
    const li = eventNode(ev, live);
    if (li) order.push(li);
  }
  for (const [rid, st] of streams) {
    const key = `r:${rid}`;
    let li = nodes.get(key);
    if (!li) {
      li = messageNode("bot streaming", t("botName"));
      li.setAttribute("aria-busy", "true"); // screen readers wait for the whole answer
      nodes.set(key, li);
    }
    tw.show(textOf(li), st.text, true);
    order.push(li);
  }
  for (const p of timeline.outbox.values()) {
    const key = `p:${p.clientMsgId}`;
    let li = nodes.get(key);
    if (!li) {
      li = messageNode("visitor pending", t("you"));
      textOf(li).textContent = p.text;
      append(li, h("span", { class: "status" }, t("sending")));
      nodes.set(key, li);
    }
    order.push(li);
  }
  order.push(...notes);
  order.forEach((li, i) => {
    if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
  });
  while (list.children.length > order.length) list.lastElementChild?.remove();
  list.scrollTop = list.scrollHeight;
  renderBanner();
  if (!visible) toHost({ type: "kefu:unread", n: unread });
}

function renderBanner(): void {
  human.disabled = state !== "SESSION_STATE_BOT" || status !== "open";
  input.disabled = state === "SESSION_STATE_CLOSED";
  sendBtn.disabled = state === "SESSION_STATE_CLOSED";
  let text = "";
  if (state === "SESSION_STATE_QUEUED")
    text = queuePos > 0 ? t("queuePosition", { n: queuePos }) : t("handoffRequested");
  else if (state === "SESSION_STATE_ASSIGNED") text = t("assignedTo", { name: agentId || t("agentFallback") });
  if (state === "SESSION_STATE_CLOSED") {
    replace(
      banner,
      t("ended"),
      " ",
      h("button", { type: "button", class: "new", onclick: () => void restart() }, t("newChat")),
    );
    return;
  }
  if (showReconnecting) text = text ? `${text} · ${t("reconnecting")}` : t("reconnecting");
  banner.dataset.state = state;
  replace(banner, text);
}

function setTyping(name: string, on: boolean): void {
  clearTimeout(typingTimer);
  replace(typing, on ? t("typing", { name }) : "");
  if (on) typingTimer = setTimeout(() => replace(typing, ""), 6_000);
}

function onFrame(f: Frame): void {
  if (f.welcome) {
    state = f.welcome.state ?? state;
    replaying = true;
    conn?.send({ id: "resume", resume: { sessionId: session?.sessionId ?? "", lastSeq: timeline.lastSeq } });
    for (const r of timeline.resends(session?.sessionId)) conn?.send(r);
    renderBanner();
  } else if (f.deliver?.event) {
    const ev = f.deliver.event;
    const sc = ev.stateChanged;
    if (sc?.to) {
      state = sc.to;
      if (sc.to === "SESSION_STATE_ASSIGNED" && sc.agentId) agentId = sc.agentId;
      if (sc.to !== "SESSION_STATE_QUEUED") queuePos = 0;
    }
    if (ev.message?.clientMsgId) streams.delete(ev.message.clientMsgId);
    if (ev.actor?.kind === "ACTOR_KIND_AGENT") setTyping("", false);
    timeline.add(ev);
    render();
    if (state === "SESSION_STATE_CLOSED") conn?.stop();
  } else if (f.ack) {
    timeline.ack(f.ack.clientMsgId ?? "", num(f.ack.seq), { kind: "ACTOR_KIND_VISITOR" });
    render();
  } else if (f.resumed) {
    replaying = false;
    render(false);
  } else if (f.botDelta) {
    const rid = f.botDelta.replyId ?? "";
    if (!rid || [...timeline.events.values()].some((e) => e.message?.clientMsgId === rid)) return;
    const st = streams.get(rid) ?? { text: "", done: false };
    st.text += f.botDelta.text ?? "";
    st.done ||= Boolean(f.botDelta.done);
    streams.set(rid, st);
    if (st.text) render();
  } else if (f.queuePosition) {
    queuePos = f.queuePosition.position ?? 0;
    if (state === "SESSION_STATE_BOT") state = "SESSION_STATE_QUEUED";
    renderBanner();
  } else if (f.assignment) {
    agentId = f.assignment.agentId ?? "";
    state = "SESSION_STATE_ASSIGNED";
    renderBanner();
  } else if (f.typing) {
    if (f.typing.actor?.kind !== "ACTOR_KIND_VISITOR")
      setTyping(f.typing.actor?.id || t("agentFallback"), Boolean(f.typing.on));
  } else if (f.close) {
    state = "SESSION_STATE_CLOSED";
    conn?.stop();
    renderBanner();
  } else if (f.error) {
    const ref = f.error.ref ?? "";
    if (f.error.code === "rate_limited" && timeline.outbox.has(ref)) {
      setTimeout(() => {
        for (const r of timeline.resends(session?.sessionId)) if (r.id === ref) conn?.send(r);
      }, 1_000);
      return;
    }
    if (ref.startsWith("h-") && state === "SESSION_STATE_QUEUED" && queuePos === 0) state = "SESSION_STATE_BOT"; // refused
    if (f.error.code === "session_closed") {
      state = "SESSION_STATE_CLOSED";
      conn?.stop();
    }
    if (timeline.outbox.delete(ref)) nodes.get(`p:${ref}`)?.classList.add("failed");
    notes.push(
      h(
        "li",
        { class: "msg system error" },
        h("p", { class: "text" }, t("errorGeneric", { message: f.error.message ?? "" })),
      ),
    );
    if (notes.length > 5) notes.shift();
    render();
  }
}

function onStatus(s: Status): void {
  status = s;
  // An expired token cannot reconnect: start a new conversation instead of retrying forever.
  if (s === "connecting" && session && Date.parse(session.expiresAt) < Date.now()) {
    void restart();
    return;
  }
  clearTimeout(statusTimer);
  if (s === "open") showReconnecting = false;
  // Silent for short blips: say "reconnecting" only when it lasts.
  else
    statusTimer = setTimeout(() => {
      showReconnecting = true;
      renderBanner();
    }, 2_000);
  renderBanner();
}

async function start(): Promise<void> {
  try {
    session = await getSession();
  } catch (e) {
    replace(banner, t("errorGeneric", { message: String(e) }));
    setTimeout(() => void start(), 3_000);
    return;
  }
  const s = session;
  conn = new Connection({ url: () => wsUrl("../v1/ws/visitor", s.token), onFrame, onStatus });
  conn.start();
}

async function restart(): Promise<void> {
  conn?.stop();
  try {
    localStorage.removeItem(STORE_KEY);
  } catch {
    // nothing stored
  }
  timeline = new Timeline();
  nodes = new Map();
  streams = new Map();
  notes = [];
  state = "SESSION_STATE_BOT";
  agentId = "";
  queuePos = 0;
  replace(list);
  await start();
}

function stopTyping(): void {
  clearTimeout(typingOff);
  if (typingOn) conn?.send({ typing: { on: false } });
  typingOn = false;
}

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = input.value.trim();
  if (!text || state === "SESSION_STATE_CLOSED") return;
  input.value = "";
  stopTyping();
  const frame = timeline.queue(session?.sessionId, text, uid("c"));
  render();
  conn?.send(frame); // if the socket is down, the outbox resends it after the reconnect
});
input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener("input", () => {
  if (state !== "SESSION_STATE_ASSIGNED") return;
  if (!typingOn) typingOn = Boolean(conn?.send({ typing: { on: true } }));
  clearTimeout(typingOff);
  typingOff = setTimeout(stopTyping, 3_000);
});
human.addEventListener("click", () => {
  if (conn?.send({ id: uid("h"), handoff: { reason: "visitor_request" } })) {
    state = "SESSION_STATE_QUEUED";
    renderBanner();
  }
});
closeBtn.addEventListener("click", () => toHost({ type: "kefu:close" }));
addEventListener("keydown", (ev) => {
  if (ev.key === "Escape") toHost({ type: "kefu:close" });
});
addEventListener("message", (ev) => {
  if (ev.source !== parent || typeof ev.data !== "object" || ev.data === null) return;
  const type = (ev.data as { type?: unknown }).type;
  if (type === "kefu:open") {
    visible = true;
    unread = 0;
    input.focus();
  } else if (type === "kefu:hidden") visible = false;
});

void start();
