import type { ContextPort, NodePort } from "./ports";

/** Upper bound on nodes visited, so a pathological document cannot stall the editor. */
const MAX_VISITED = 100_000;

/**
 * The node with `id` on the current page: the selection first (the usual case), then every
 * artboard's subtree. Undefined when the node was deleted or is on another page.
 */
export function findNode(context: ContextPort, id: string): NodePort | undefined {
  const selected = context.selection.find((node) => node.id === id);
  if (selected) return selected;
  const stack: NodePort[] = [];
  for (const artboard of context.currentPage.allChildren) stack.push(...artboard.allChildren);
  for (let visited = 0; stack.length > 0 && visited < MAX_VISITED; visited++) {
    const node = stack.pop() as NodePort;
    if (node.id === id) return node;
    stack.push(...node.allChildren);
  }
  return undefined;
}
