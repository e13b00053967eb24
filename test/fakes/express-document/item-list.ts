import type { ItemListPort } from "../../../src/sandbox/ports";
import type { FakeNode, FakeVisualNode } from "./node-base";

/**
 * An ordered child list (index 0 = bottom of the stacking order) with the SDK's ItemList
 * semantics: inserting an item first removes it from its previous parent, and an item that is
 * already in this list just moves. Local transforms are kept when an item changes parent.
 */
export class FakeItemList<T extends FakeNode> implements ItemListPort<T> {
  readonly #items: T[] = [];

  constructor(private readonly owner: FakeVisualNode) {}

  get length(): number {
    return this.#items.length;
  }
  get first(): T | undefined {
    return this.#items[0];
  }
  get last(): T | undefined {
    return this.#items[this.#items.length - 1];
  }
  indexOf(item: T): number {
    return this.#items.indexOf(item);
  }
  item(index: number): T | undefined {
    return this.#items[index];
  }
  toArray(): readonly T[] {
    return [...this.#items];
  }
  [Symbol.iterator](): Iterator<T> {
    return this.toArray()[Symbol.iterator]();
  }

  append(...items: T[]): void {
    for (const item of items) this.#place(item, () => this.#items.length);
  }
  insertAfter(newItem: T, after: T): void {
    if (newItem === after) return;
    this.#requireMember(after, "insertAfter");
    this.#place(newItem, () => this.#items.indexOf(after) + 1);
  }
  insertBefore(newItem: T, before: T): void {
    if (newItem === before) return;
    this.#requireMember(before, "insertBefore");
    this.#place(newItem, () => this.#items.indexOf(before));
  }
  replace(oldItem: T, newItem: T): void {
    if (oldItem === newItem) return;
    this.#requireMember(oldItem, "replace");
    this.insertAfter(newItem, oldItem);
    this.remove(oldItem);
  }
  remove(...items: T[]): void {
    this.owner.host.assertEditable();
    for (const item of items) this.#requireMember(item, "remove");
    for (const item of items) {
      this.#items.splice(this.#items.indexOf(item), 1);
      item.parent = undefined;
    }
    this.owner.host.structureChanged();
  }
  clear(): void {
    this.remove(...this.#items);
  }
  moveBefore(item: T, before: T): void {
    this.#requireMember(item, "moveBefore");
    this.insertBefore(item, before);
  }
  moveAfter(item: T, after: T): void {
    this.#requireMember(item, "moveAfter");
    this.insertAfter(item, after);
  }

  #requireMember(item: T, what: string): void {
    if (!this.#items.includes(item)) throw new Error(`${what}: node ${item.id} is not a child of ${this.owner.type} ${this.owner.id}`);
  }

  #place(item: T, index: () => number): void {
    this.owner.host.assertEditable();
    for (let p: FakeVisualNode | undefined = this.owner; p; p = p.parent)
      if (p === item) throw new Error(`cannot insert ${item.type} ${item.id} into its own descendant`);
    const from = item.parent;
    if (from && "children" in from && from.children instanceof FakeItemList) {
      const siblings = from.children.#items as FakeNode[];
      siblings.splice(siblings.indexOf(item), 1);
    }
    this.#items.splice(index(), 0, item);
    item.parent = this.owner;
    this.owner.host.structureChanged();
  }
}
