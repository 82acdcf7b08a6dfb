/**
 * Message catalogues of the widget and the console (en, zh-CN) and the language
 * choice: an explicit `lang` (the host page's `<html lang>` or `data-lang`), else
 * the browser's languages, else English. Every visible string comes from here.
 *
 * @example
 *   const t = translator(pickLang("zh-CN", []));
 *   t("queuePosition", { n: 2 }); // "您正在排队，当前第 2 位"
 */

/** Supported languages. */
export type Lang = "en" | "zh-CN";

const en = {
  openChat: "Open chat",
  closeChat: "Close chat",
  chatTitle: "Customer service",
  messages: "Messages",
  inputLabel: "Type your message",
  inputPlaceholder: "Ask a question…",
  send: "Send",
  talkToHuman: "Talk to a human",
  handoffRequested: "Waiting for an agent…",
  queuePosition: "You are number {n} in the queue",
  assignedTo: "You are chatting with {name}",
  typing: "{name} is typing…",
  botName: "Assistant",
  you: "You",
  agentFallback: "Agent",
  sources: "Sources",
  sending: "Sending…",
  reconnecting: "Reconnecting…",
  ended: "This conversation has ended.",
  newChat: "Start a new conversation",
  errorGeneric: "Something went wrong: {message}",
  backToBot: "The assistant is back.",
  // Console
  consoleTitle: "kefu agent console",
  loginTitle: "Sign in",
  tokenLabel: "Agent token (JWT)",
  tokenHelp: "Paste the token from POST /v1/admin/agents. It is kept in this tab only.",
  signIn: "Sign in",
  signOut: "Sign out",
  badToken: "This does not look like a token.",
  loginFailed: "Could not connect with this token: it is wrong or expired, or the gateway is unreachable.",
  seat: "Seat state",
  seatOnline: "Online",
  seatBusy: "Busy",
  seatAway: "Away",
  seatOffline: "Offline",
  capacity: "Load {load} / {capacity}",
  inbox: "My conversations",
  inboxEmpty: "No active conversations. New ones appear here when assigned.",
  queueNote: "Queued conversations are assigned automatically when you are online.",
  unread: "{n} unread",
  selectConversation: "Select a conversation.",
  conversation: "Conversation {id}",
  history: "History",
  replyLabel: "Reply",
  replyPlaceholder: "Write a reply (Enter sends, Shift+Enter for a new line)",
  transferLabel: "Transfer to",
  transferKindAgent: "agent",
  transferKindGroup: "group",
  transferTarget: "Agent id or group",
  transfer: "Transfer",
  closeSession: "Close conversation",
  transferredAway: "This conversation was transferred to {name}.",
  closedNotice: "This conversation is closed.",
  visitor: "Visitor",
  stateBot: "with the bot",
  stateQueued: "queued",
  stateAssigned: "assigned",
  stateClosed: "closed",
  eventStarted: "Conversation started",
  eventHandoff: "Handed off to a human: {reason}",
  eventAssigned: "Assigned to {name}",
  eventTransferred: "Transferred to {name}",
  eventClosed: "Closed: {reason}",
  eventBackToBot: "Back to the bot: {reason}",
  eventState: "State: {to} ({reason})",
  alert: "Alert: {message}",
  connected: "Connected",
  disconnected: "Disconnected — reconnecting…",
  shortcuts: "Keyboard: ↑/↓ move in the inbox, Enter opens, Alt+R focuses the reply box.",
} as const;

/** A message key. */
export type MsgKey = keyof typeof en;

const zh: Record<MsgKey, string> = {
  openChat: "打开在线客服",
  closeChat: "关闭聊天",
  chatTitle: "在线客服",
  messages: "消息",
  inputLabel: "输入消息",
  inputPlaceholder: "请输入您的问题…",
  send: "发送",
  talkToHuman: "转人工客服",
  handoffRequested: "正在为您转接人工客服…",
  queuePosition: "您正在排队，当前第 {n} 位",
  assignedTo: "客服 {name} 正在为您服务",
  typing: "{name} 正在输入…",
  botName: "智能助手",
  you: "我",
  agentFallback: "客服",
  sources: "参考资料",
  sending: "发送中…",
  reconnecting: "正在重新连接…",
  ended: "本次会话已结束。",
  newChat: "开始新的会话",
  errorGeneric: "出错了：{message}",
  backToBot: "智能助手已回来为您服务。",
  consoleTitle: "kefu 客服工作台",
  loginTitle: "登录",
  tokenLabel: "客服令牌（JWT）",
  tokenHelp: "粘贴 POST /v1/admin/agents 返回的令牌，仅保存在当前标签页。",
  signIn: "登录",
  signOut: "退出",
  badToken: "这看起来不是有效的令牌。",
  loginFailed: "无法使用该令牌连接：令牌错误或已过期，或网关无法访问。",
  seat: "坐席状态",
  seatOnline: "在线",
  seatBusy: "忙碌",
  seatAway: "离开",
  seatOffline: "离线",
  capacity: "接待 {load} / {capacity}",
  inbox: "我的会话",
  inboxEmpty: "暂无进行中的会话，分配后会显示在这里。",
  queueNote: "在线时，排队中的会话会自动分配给您。",
  unread: "{n} 条未读",
  selectConversation: "请选择一个会话。",
  conversation: "会话 {id}",
  history: "历史消息",
  replyLabel: "回复",
  replyPlaceholder: "输入回复（Enter 发送，Shift+Enter 换行）",
  transferLabel: "转接给",
  transferKindAgent: "客服",
  transferKindGroup: "技能组",
  transferTarget: "客服 ID 或技能组",
  transfer: "转接",
  closeSession: "结束会话",
  transferredAway: "该会话已转接给 {name}。",
  closedNotice: "该会话已结束。",
  visitor: "访客",
  stateBot: "机器人接待中",
  stateQueued: "排队中",
  stateAssigned: "人工接待中",
  stateClosed: "已结束",
  eventStarted: "会话开始",
  eventHandoff: "转人工：{reason}",
  eventAssigned: "已分配给 {name}",
  eventTransferred: "已转接给 {name}",
  eventClosed: "已结束：{reason}",
  eventBackToBot: "交回机器人：{reason}",
  eventState: "状态：{to}（{reason}）",
  alert: "提醒：{message}",
  connected: "已连接",
  disconnected: "连接断开，正在重连…",
  shortcuts: "键盘：↑/↓ 在会话列表中移动，Enter 打开，Alt+R 聚焦回复框。",
};

/** The catalogues, by language. */
export const CATALOGUES: Record<Lang, Record<MsgKey, string>> = { en, "zh-CN": zh };

/**
 * Picks the language: the first of `explicit` then `browser` that is Chinese
 * (`zh*`) or English (`en*`); English otherwise.
 *
 * @example
 *   pickLang("", ["zh-TW", "en"]); // "zh-CN"
 */
export function pickLang(explicit: string | null | undefined, browser: readonly string[]): Lang {
  for (const l of [explicit ?? "", ...browser]) {
    const s = l.trim().toLowerCase();
    if (s.startsWith("zh")) return "zh-CN";
    if (s.startsWith("en")) return "en";
  }
  return "en";
}

/** A lookup function with `{name}` placeholders. */
export type Translate = (key: MsgKey, vars?: Record<string, string | number>) => string;

/**
 * A translator for `lang`; placeholders are replaced as plain text.
 *
 * @example
 *   translator("en")("unread", { n: 3 }); // "3 unread"
 */
export function translator(lang: Lang): Translate {
  const cat = CATALOGUES[lang];
  return (key, vars) => cat[key].replace(/\{(\w+)\}/g, (m, k: string) => (vars && k in vars ? String(vars[k]) : m));
}
