import type { ContextPort, NodePort } from "./ports";

/** Upper bound on nodes visited, so a pathological document cannot stall the editor. */
const MAX_VISITED = 100_000;

/** Every node on the current page, depth first (bounded like findNode). */
export function* pageNodes(context: ContextPort): Generator<NodePort> {
  const stack: NodePort[] = [];
  for (const artboard of context.currentPage.allChildren) stack.push(...artboard.allChildren);
  for (let visited = 0; stack.length > 0 && visited < MAX_VISITED; visited++) {
    const node = stack.pop() as NodePort;
    yield node;
    stack.push(...node.allChildren);
  }
}

/**
 * The node with `id` on the current page: the selection first (the usual case), then every
 * artboard's subtree. Undefined when the node was deleted or is on another page.
 */
export function findNode(context: ContextPort, id: string): NodePort | undefined {
  const selected = context.selection.find((node) => node.id === id);
  if (selected) return selected;
  for (const node of pageNodes(context)) if (node.id === id) return node;
  return undefined;
}
