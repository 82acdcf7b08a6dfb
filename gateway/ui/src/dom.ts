/**
 * The one way the UI builds DOM: elements with attributes, listeners and text
 * children. Strings always become text nodes (never HTML), so visitor, model and
 * agent text cannot inject markup.
 *
 * @example
 *   const b = h("button", { type: "button", "aria-label": "Send", onclick: () => send() }, "Send");
 */

type Child = Node | string | null | undefined | false;
type Props = Record<string, string | number | boolean | null | undefined | ((ev: Event) => void)>;

/**
 * Creates an element. `on*` function props become listeners; `false`/`null`
 * props are omitted; `true` sets an empty attribute.
 *
 * @example
 *   h("li", { class: "msg" }, "<b>shown as text</b>");
 */
export function h<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Props = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (typeof v === "function") el.addEventListener(k.slice(2), v as EventListener);
    else if (v === true) el.setAttribute(k, "");
    else if (v !== false && v !== null && v !== undefined) el.setAttribute(k, String(v));
  }
  append(el, ...children);
  return el;
}

/**
 * Appends children; strings as text nodes.
 *
 * @example
 *   append(list, h("li", {}, "one"), "two");
 */
export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(typeof c === "string" ? document.createTextNode(c) : c);
  }
}

/**
 * Replaces all children of `parent`.
 *
 * @example
 *   replace(status, "Connected");
 */
export function replace(parent: Node, ...children: Child[]): void {
  while (parent.firstChild) parent.removeChild(parent.firstChild);
  append(parent, ...children);
}

/**
 * A new random id for `clientMsgId` and frame ids.
 *
 * @example
 *   uid("c"); // "c-1f3a…"
 */
export function uid(prefix: string): string {
  const a = new Uint8Array(8);
  crypto.getRandomValues(a);
  return `${prefix}-${Array.from(a, (b) => b.toString(16).padStart(2, "0")).join("")}`;
}
