/**
 * WaitList: the FIFO behind each (tenant, group) routing queue. An intrusive
 * doubly linked list whose nodes are held by the caller (the router keeps one per
 * waiting session in a Map keyed by session id), so removing any waiting session
 * is O(1) with no scan. Positions are not stored: `positionOf` walks from the head,
 * O(position); the router only asks for the first few.
 *
 * Not thread-safe, no bound of its own: the router checks its `maxQueuePerGroup`
 * before pushing.
 *
 * @example
 *   const q = new WaitList<string>();
 *   const a = q.pushBack("a");
 *   q.pushFront("b");
 *   q.positionOf(a); // 2
 *   q.remove(a);     // true, O(1)
 *   q.shift();       // "b"
 */

/** One entry of a WaitList. Treat as opaque; only `value` is for the caller. */
export interface WaitNode<T> {
  readonly value: T;
  prev: WaitNode<T> | null;
  next: WaitNode<T> | null;
  /** The list holding the node, or null once removed. */
  list: WaitList<T> | null;
}

/**
 * A FIFO with O(1) push at either end, O(1) removal of a held node, and
 * O(position) position lookup.
 *
 * @example
 *   const q = new WaitList<number>();
 *   q.pushBack(1); q.pushBack(2);
 *   [...q.values()]; // [1, 2]
 */
export class WaitList<T> {
  head: WaitNode<T> | null = null;
  tail: WaitNode<T> | null = null;
  size = 0;

  /** Appends at the tail; returns the node to keep for `remove`/`positionOf`. */
  pushBack(value: T): WaitNode<T> {
    const node: WaitNode<T> = { value, prev: this.tail, next: null, list: this };
    if (this.tail) this.tail.next = node;
    else this.head = node;
    this.tail = node;
    this.size++;
    return node;
  }

  /** Inserts at the head (it becomes position 1). */
  pushFront(value: T): WaitNode<T> {
    const node: WaitNode<T> = { value, prev: null, next: this.head, list: this };
    if (this.head) this.head.prev = node;
    else this.tail = node;
    this.head = node;
    this.size++;
    return node;
  }

  /** Unlinks `node` in O(1). False when the node is not in this list (already removed). */
  remove(node: WaitNode<T>): boolean {
    if (node.list !== this) return false;
    if (node.prev) node.prev.next = node.next;
    else this.head = node.next;
    if (node.next) node.next.prev = node.prev;
    else this.tail = node.prev;
    node.prev = null;
    node.next = null;
    node.list = null;
    this.size--;
    return true;
  }

  /** Removes and returns the head's value; undefined when empty. */
  shift(): T | undefined {
    const h = this.head;
    if (!h) return undefined;
    this.remove(h);
    return h.value;
  }

  /** 1-based position of `node`, 0 when it is not in this list. O(position). */
  positionOf(node: WaitNode<T>): number {
    if (node.list !== this) return 0;
    if (node === this.tail) return this.size;
    let i = 1;
    for (let n = this.head; n; n = n.next, i++) if (n === node) return i;
    return 0; // unreachable while node.list is kept in step
  }

  /** The first `limit` nodes, head first (all when no limit). */
  *nodes(limit = Number.POSITIVE_INFINITY): Generator<WaitNode<T>> {
    let i = 0;
    for (let n = this.head; n && i < limit; n = n.next, i++) yield n;
  }

  /** The first `limit` values, head first (all when no limit). */
  *values(limit = Number.POSITIVE_INFINITY): Generator<T> {
    for (const n of this.nodes(limit)) yield n.value;
  }
}
