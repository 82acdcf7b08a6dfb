/**
 * The visitor chat, running inside the iframe that widget.js puts on the host page
 * (`/ui/widget.html?tenant=…&lang=…`, same origin as the gateway). It creates or
 * reuses a visitor session (token kept in this origin's localStorage per tenant),
 * talks the realtime protocol through the client SDK (`KefuClient`: acks, resends,
 * resume, dedupe), streams bot answers, shows citations, the queue position, the
 * assigned agent's name and typing, and resumes silently after a drop.
 *
 * @example
 *   <iframe src="https://kefu.example/ui/widget.html?tenant=acme&lang=en"></iframe>
 */
import { KefuClient, type KefuClientError, type Status, Timeline, wsUrl } from "./client.ts";
import { append, h, replace, uid } from "./dom.ts";
import {
  ATTR_ATTACHMENTS,
  type Attachment,
  type ChatMessage,
  num,
  quickRepliesOf,
  type SessionEvent,
  type SessionState,
} from "./frames.ts";
import { pickLang, translator } from "./i18n.ts";
import { attachmentImages, citationLabel, parseCitations, Typewriter } from "./render.ts";

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
const IMAGE_TYPES = "image/png,image/jpeg,image/gif,image/webp";
const fileInput = h("input", { type: "file", accept: IMAGE_TYPES, tabindex: -1, "aria-hidden": "true" });
const attachBtn = h(
  "button",
  { type: "button", class: "attach", "aria-label": t("attachImage"), title: t("attachImage") },
  "+",
);
const form = h(
  "form",
  { class: "composer" },
  h("label", { for: "kefu-input", class: "sr-only" }, t("inputLabel")),
  attachBtn,
  fileInput,
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
let conn: KefuClient | undefined;
let state: SessionState = "SESSION_STATE_BOT";
let queuePos = 0;
let agentId = "";
/** Agents' display names by id (from assignment frames; kept so a reload still shows them). */
const agentNames = loadNames();
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
/** The rating form shown when the conversation has ended (POST /v1/visitor/rating). */
let score = 0;
let rateNote = "";
const stars = [1, 2, 3, 4, 5].map((n) =>
  h(
    "button",
    { type: "button", class: "star", "aria-pressed": "false", "aria-label": t("rateStar", { n }), "data-score": n },
    "★",
  ),
);
const rateComment = h("textarea", { class: "rate-comment", rows: 2, maxlength: 500, "aria-label": t("rateComment") });
rateComment.placeholder = t("rateComment");
const rateSend = h("button", { type: "submit", class: "rate-send", disabled: true }, t("rateSend"));
const rateForm = h(
  "form",
  { class: "rate", "aria-label": t("rateTitle") },
  h("p", { class: "rate-title" }, t("rateTitle")),
  h("div", { class: "stars", role: "group", "aria-label": t("rateTitle") }, ...stars),
  rateComment,
  rateSend,
);
for (const b of stars)
  b.addEventListener("click", () => {
    score = Number(b.dataset.score);
    for (const x of stars) x.setAttribute("aria-pressed", String(Number(x.dataset.score) <= score));
    rateSend.disabled = false;
  });
rateForm.addEventListener("submit", (ev) => {
  ev.preventDefault();
  void sendRating();
});

/** Has this session been rated (a stored rating event, or our own POST)? */
function rated(): boolean {
  if (rateNote === "thanks" || timeline.ordered().some((e) => e.rating)) return true;
  try {
    return Boolean(session) && localStorage.getItem(`${STORE_KEY}.rated`) === session?.sessionId;
  } catch {
    return false;
  }
}

async function sendRating(): Promise<void> {
  if (!session || score < 1) return;
  rateSend.disabled = true;
  try {
    const res = await fetch("../v1/visitor/rating", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${session.token}` },
      body: JSON.stringify({ score, ...(rateComment.value.trim() ? { comment: rateComment.value.trim() } : {}) }),
    });
    if (res.ok || res.status === 409) {
      rateNote = "thanks";
      try {
        localStorage.setItem(`${STORE_KEY}.rated`, session.sessionId); // a reload of the ended chat shows the thanks
      } catch {
        // storage full or off: the thanks shows until the page goes
      }
    } else {
      const body = (await res.json().catch(() => ({}))) as { error?: { message?: string } };
      rateNote = t("rateFailed", { message: body.error?.message ?? String(res.status) });
      rateSend.disabled = false;
    }
  } catch (e) {
    rateNote = t("rateFailed", { message: String(e) });
    rateSend.disabled = false;
  }
  renderBanner();
}

function loadNames(): Map<string, string> {
  try {
    const o = JSON.parse(localStorage.getItem(`${STORE_KEY}.agents`) ?? "{}") as Record<string, unknown>;
    return new Map(Object.entries(o).flatMap(([k, v]) => (typeof v === "string" ? [[k, v.slice(0, 64)]] : [])));
  } catch {
    return new Map();
  }
}

function rememberName(id: string, name: string): void {
  if (!id || !name || agentNames.get(id) === name) return;
  agentNames.set(id, name.slice(0, 64));
  while (agentNames.size > 20) agentNames.delete(agentNames.keys().next().value as string);
  try {
    localStorage.setItem(`${STORE_KEY}.agents`, JSON.stringify(Object.fromEntries(agentNames)));
  } catch {
    // storage refused: names last as long as the page
  }
}

/** What the visitor sees for an agent: its display name, else its id. */
function agentLabel(id: string | undefined): string {
  return (id && (agentNames.get(id) || id)) || t("agentFallback");
}

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
      return { cls: "agent", name: agentLabel(ev.actor.id) };
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
      return t("assignedTo", { name: agentLabel(sc.agentId) });
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

/** Adds a message's images under its text, once. */
function addImages(li: HTMLLIElement, m: ChatMessage | undefined): void {
  if (!session || li.querySelector(".images")) return;
  const imgs = attachmentImages(m, "../v1/attachments/", session.token, (name) => t("imageAlt", { name }));
  if (imgs) li.querySelector(".text")?.after(imgs);
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
    addImages(li, m);
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
      addImages(li, p);
      append(li, h("span", { class: "status" }, t("sending")));
      nodes.set(key, li);
    }
    order.push(li);
  }
  const quick = quickNode();
  if (quick) order.push(quick);
  order.push(...notes);
  order.forEach((li, i) => {
    if (list.children[i] !== li) list.insertBefore(li, list.children[i] ?? null);
  });
  while (list.children.length > order.length) list.lastElementChild?.remove();
  list.scrollTop = list.scrollHeight;
  renderBanner();
  if (!visible) toHost({ type: "kefu:unread", n: unread });
}

/** Quick replies of the newest message, while it is a bot answer nobody has replied to yet. */
let quickFor = -1;
const quickLi = h("li", { class: "quick-replies" });
function quickNode(): HTMLLIElement | undefined {
  const last = [...timeline.events.values()].reduce<SessionEvent | undefined>(
    (a, e) => (e.message && num(e.seq) > num(a?.seq) ? e : a),
    undefined,
  );
  const labels = last?.actor?.kind === "ACTOR_KIND_BOT" ? quickRepliesOf(last.message) : [];
  if (labels.length === 0 || timeline.outbox.size > 0 || streams.size > 0 || state !== "SESSION_STATE_BOT") return;
  if (quickFor !== num(last?.seq)) {
    quickFor = num(last?.seq);
    replace(
      quickLi,
      h(
        "div",
        { role: "group", "aria-label": t("quickReplies") },
        ...labels.map((label) =>
          h("button", { type: "button", class: "quick", onclick: () => sendText(label) }, label),
        ),
      ),
    );
  }
  return quickLi;
}

function renderBanner(): void {
  human.disabled = state !== "SESSION_STATE_BOT" || status !== "open";
  input.disabled = state === "SESSION_STATE_CLOSED";
  attachBtn.disabled = state === "SESSION_STATE_CLOSED";
  sendBtn.disabled = state === "SESSION_STATE_CLOSED";
  let text = "";
  if (state === "SESSION_STATE_QUEUED")
    text = queuePos > 0 ? t("queuePosition", { n: queuePos }) : t("handoffRequested");
  else if (state === "SESSION_STATE_ASSIGNED") text = t("assignedTo", { name: agentLabel(agentId) });
  if (state === "SESSION_STATE_CLOSED") {
    const done = rated();
    replace(
      banner,
      t("ended"),
      " ",
      h("button", { type: "button", class: "new", onclick: () => void restart() }, t("newChat")),
      done ? h("p", { class: "rate-done" }, t("rateThanks")) : rateForm,
      !done && rateNote ? h("p", { class: "rate-error", role: "alert" }, rateNote) : null,
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

/** Wires the SDK client's events to the view. */
function listen(c: KefuClient): void {
  c.on("welcome", (w) => {
    state = w.state ?? state;
    replaying = true; // the SDK resumes from timeline.lastSeq and resends the outbox
    renderBanner();
  });
  c.on("event", ({ event: ev }) => {
    const sc = ev.stateChanged;
    if (sc?.to) {
      state = sc.to;
      if (sc.to === "SESSION_STATE_ASSIGNED" && sc.agentId) agentId = sc.agentId;
      if (sc.to !== "SESSION_STATE_QUEUED") queuePos = 0;
    }
    if (ev.message?.clientMsgId) streams.delete(ev.message.clientMsgId);
    if (ev.actor?.kind === "ACTOR_KIND_AGENT") setTyping("", false);
    render();
  });
  c.on("ack", () => render());
  c.on("resumed", () => {
    replaying = false;
    render(false);
  });
  c.on("botDelta", (d) => {
    const rid = d.replyId ?? "";
    if (!rid || [...timeline.events.values()].some((e) => e.message?.clientMsgId === rid)) return;
    const st = streams.get(rid) ?? { text: "", done: false };
    st.text += d.text ?? "";
    st.done ||= Boolean(d.done);
    streams.set(rid, st);
    if (st.text) render();
  });
  c.on("queuePosition", (q) => {
    queuePos = q.position ?? 0;
    if (state === "SESSION_STATE_BOT") state = "SESSION_STATE_QUEUED";
    renderBanner();
  });
  c.on("assignment", (a) => {
    agentId = a.agentId ?? "";
    rememberName(agentId, a.agentName ?? "");
    state = "SESSION_STATE_ASSIGNED";
    renderBanner();
  });
  c.on("typing", (ty) => {
    if (ty.actor?.kind !== "ACTOR_KIND_VISITOR") setTyping(agentLabel(ty.actor?.id), Boolean(ty.on));
  });
  c.on("close", () => {
    state = "SESSION_STATE_CLOSED";
    renderBanner();
  });
  c.on("error", (e) => onError(e));
}

function onError(e: KefuClientError): void {
  if (e.code === "rate_limited") return; // the SDK resends the unacked messages a little later
  if (e.ref.startsWith("h-") && state === "SESSION_STATE_QUEUED" && queuePos === 0) state = "SESSION_STATE_BOT"; // refused
  if (e.code === "session_closed") {
    state = "SESSION_STATE_CLOSED";
    conn?.stop();
  }
  if (e.send) nodes.get(`p:${e.ref}`)?.classList.add("failed");
  notes.push(
    h("li", { class: "msg system error" }, h("p", { class: "text" }, t("errorGeneric", { message: e.message }))),
  );
  if (notes.length > 5) notes.shift();
  render();
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
  conn = new KefuClient({ url: () => wsUrl("../v1/ws/visitor", s.token), sessionId: s.sessionId });
  timeline = conn.timeline();
  listen(conn);
  conn.on("status", onStatus);
  conn.start();
}

async function restart(): Promise<void> {
  conn?.stop();
  try {
    localStorage.removeItem(STORE_KEY);
  } catch {
    // nothing stored
  }
  conn = undefined;
  score = 0;
  rateNote = "";
  rateComment.value = "";
  rateSend.disabled = true;
  for (const x of stars) x.setAttribute("aria-pressed", "false");
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
  if (typingOn) conn?.typing(false);
  typingOn = false;
}

/** Sends a visitor message (typed, or a quick reply's label). */
function sendText(text: string, attributes?: Record<string, string>): void {
  if (state === "SESSION_STATE_CLOSED") return;
  // If the socket is down, the SDK's outbox resends it after the reconnect; a refusal comes as an error event.
  conn?.send(text, { clientMsgId: uid("c"), ...(attributes ? { attributes } : {}) }).catch(() => {});
  render();
}

/** Uploads a picked image, then sends a message that refers to it (its name as the text). */
async function sendImage(file: File): Promise<void> {
  if (!session || state === "SESSION_STATE_CLOSED") return;
  attachBtn.disabled = true;
  replace(typing, t("uploading"));
  try {
    const res = await fetch(`../v1/visitor/attachments?name=${encodeURIComponent(file.name.slice(0, 128))}`, {
      method: "POST",
      headers: { authorization: `Bearer ${session.token}`, "content-type": file.type || "application/octet-stream" },
      body: file,
    });
    const body = (await res.json().catch(() => ({}))) as Partial<Attachment> & { error?: { message?: string } };
    if (!res.ok || !body.id) throw new Error(body.error?.message ?? `HTTP ${res.status}`);
    const a: Attachment = { id: body.id, mime: body.mime ?? "", bytes: body.bytes ?? 0, name: body.name ?? "" };
    sendText(a.name || a.id, { [ATTR_ATTACHMENTS]: JSON.stringify([a]) });
  } catch (e) {
    notes.push(
      h(
        "li",
        { class: "msg system error" },
        h("p", { class: "text" }, t("errorGeneric", { message: (e as Error).message })),
      ),
    );
    if (notes.length > 5) notes.shift();
    render();
  } finally {
    attachBtn.disabled = false;
    replace(typing, "");
  }
}

attachBtn.addEventListener("click", () => fileInput.click());
fileInput.addEventListener("change", () => {
  const file = fileInput.files?.[0];
  fileInput.value = "";
  if (file) void sendImage(file);
});

form.addEventListener("submit", (ev) => {
  ev.preventDefault();
  const text = input.value.trim();
  if (!text || state === "SESSION_STATE_CLOSED") return;
  input.value = "";
  stopTyping();
  sendText(text);
});
input.addEventListener("keydown", (ev) => {
  if (ev.key === "Enter" && !ev.shiftKey && !ev.isComposing) {
    ev.preventDefault();
    form.requestSubmit();
  }
});
input.addEventListener("input", () => {
  if (state !== "SESSION_STATE_ASSIGNED") return;
  if (!typingOn) typingOn = Boolean(conn?.typing(true));
  clearTimeout(typingOff);
  typingOff = setTimeout(stopTyping, 3_000);
});
human.addEventListener("click", () => {
  if (conn?.handoff({ reason: "visitor_request" })) {
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
