import type { EditorEvent, EditorEventHandler, EventHandlerId } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";
import type { ContextPort } from "../../../src/sandbox/ports";
import { fakeConstants } from "./constants";
import { FakeNode, type FakeVisualNode } from "./node-base";
import type { FakeArtboard, FakePage } from "./page";

/** Selection, the current page and selection-change listeners, with the SDK's selection rules. */
export class FakeContext implements ContextPort {
  #selection: readonly FakeNode[] = [];
  #handlers = new Map<EventHandlerId, EditorEventHandler>();
  #nextHandler = 0;

  constructor(readonly currentPage: FakePage) {}

  get insertionParent(): FakeArtboard {
    const artboard = this.currentPage.artboards.first;
    if (!artboard) throw new Error("the page has no artboard");
    return artboard;
  }

  get selection(): readonly FakeNode[] {
    return this.#selection.filter((n) => !n.locked);
  }
  /**
   * Like the SDK: nodes outside the current artboard are dropped, a node whose ancestor is also
   * selected is dropped, locked nodes stay only in selectionIncludingNonEditable.
   */
  set selection(nodes: FakeNode | readonly FakeNode[] | undefined) {
    const list = nodes === undefined ? [] : nodes instanceof FakeNode ? [nodes] : [...nodes];
    const inBoard = list.filter((n, i) => list.indexOf(n) === i && this.#inArtboard(n));
    const kept = inBoard.filter((n) => !inBoard.some((other) => other !== n && isAncestor(other, n)));
    this.#set(kept);
  }
  get selectionIncludingNonEditable(): readonly FakeNode[] {
    return this.#selection;
  }
  get hasSelection(): boolean {
    return this.selection.length > 0;
  }

  on(eventName: EditorEvent, callback: EditorEventHandler): EventHandlerId {
    if (eventName !== fakeConstants.EditorEvent.selectionChange) throw new Error(`unknown editor event "${String(eventName)}"`);
    const id = `handler-${++this.#nextHandler}`;
    this.#handlers.set(id, callback);
    return id;
  }
  off(eventName: EditorEvent, handlerId: EventHandlerId): void {
    if (eventName !== fakeConstants.EditorEvent.selectionChange) throw new Error(`unknown editor event "${String(eventName)}"`);
    this.#handlers.delete(handlerId);
  }

  /** Drops selected nodes that left the artboard (deleted or moved), as the editor does. */
  prune(): void {
    const kept = this.#selection.filter((n) => this.#inArtboard(n));
    if (kept.length !== this.#selection.length) this.#set(kept);
  }

  #set(next: readonly FakeNode[]): void {
    const same = next.length === this.#selection.length && next.every((n, i) => n === this.#selection[i]);
    this.#selection = next;
    // The editor reports selection changes asynchronously, after the edit that caused them.
    if (!same) queueMicrotask(() => [...this.#handlers.values()].forEach((handler) => handler()));
  }

  #inArtboard(node: FakeNode): boolean {
    return isAncestor(this.insertionParent, node);
  }
}

function isAncestor(ancestor: FakeVisualNode, node: FakeVisualNode): boolean {
  for (let p = node.parent; p; p = p.parent) if (p === ancestor) return true;
  return false;
}
