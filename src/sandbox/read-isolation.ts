import type { BackdropColor, BeginReadRequest, ReadState } from "../shared/sandbox-api";
import { SourceLayerError } from "./errors";
import { findNode, pageNodes } from "./find-node";
import { containerOf, placeOver, siblingsOf } from "./placement";
import type { ContextPort, EditorPort, NodePort } from "./ports";

/** Marks kept on nodes while a read is under way, so any later call (even after a reload) can undo it. */
const HIDDEN = "dr:hidden";
const BACKDROP = "dr:backdrop";

/**
 * Makes a page rendition show each source's own pixels: this add-on's earlier results stacked
 * above the source are hidden (opacity 0) and, when asked, a flat backdrop goes directly under
 * it. Every change is marked on the node (the original opacity, or the backdrop flag) so that
 * `end` restores the page from the document itself: a panel that failed or reloaded mid-read
 * leaves nothing behind once the next read or restore runs.
 */
export function createReadIsolation(editor: EditorPort) {
  const context: ContextPort = editor.context;
  /** Opacities that could not be marked on the node (its addOnData quota was full). */
  const unmarked = new Map<string, number>();

  function hide(node: NodePort): boolean {
    if (node.addOnData.getItem(HIDDEN) !== undefined || unmarked.has(node.id)) return false;
    try {
      node.addOnData.setItem(HIDDEN, String(node.opacity));
    } catch {
      unmarked.set(node.id, node.opacity);
    }
    node.opacity = 0;
    return true;
  }

  function placeBackdrop(source: NodePort, color: BackdropColor): void {
    const { width, height } = source.boundsLocal;
    const rect = editor.createRectangle();
    rect.width = width;
    rect.height = height;
    rect.fill = editor.makeColorFill({ ...color, alpha: 1 });
    rect.addOnData.setItem(BACKDROP, "1");
    const container = containerOf(source);
    container.children.insertBefore(rect, source);
    placeOver(rect, source, container, 0);
  }

  function end(): ReadState {
    const state: ReadState = { hidden: 0, backdrops: 0 };
    const backdrops: NodePort[] = [];
    for (const node of pageNodes(context)) {
      if (node.addOnData.getItem(BACKDROP) !== undefined) {
        backdrops.push(node);
        continue;
      }
      const marked = node.addOnData.getItem(HIDDEN);
      const opacity = marked !== undefined ? Number(marked) : unmarked.get(node.id);
      if (opacity === undefined) continue;
      node.opacity = opacity >= 0 && opacity <= 1 ? opacity : 1;
      if (marked !== undefined) node.addOnData.removeItem(HIDDEN);
      unmarked.delete(node.id);
      state.hidden++;
    }
    for (const node of backdrops) node.removeFromParent();
    state.backdrops = backdrops.length;
    return state;
  }

  function begin({ sourceIds, backdrop }: BeginReadRequest): ReadState {
    end();
    const sources = sourceIds.map((id) => {
      const source = findNode(context, id);
      if (!source) throw new SourceLayerError("The layer to restyle was deleted or moved to another page; select it again.");
      return source;
    });
    const state: ReadState = { hidden: 0, backdrops: 0 };
    try {
      for (const source of sources) {
        // Everything this add-on made that sits above the source in its container covers it on the page.
        const { children, sourceIndex, madeFrom } = siblingsOf(source);
        children.forEach((child, index) => {
          if (index > sourceIndex && madeFrom[index] !== undefined && hide(child)) state.hidden++;
        });
        if (backdrop) {
          placeBackdrop(source, backdrop);
          state.backdrops++;
        }
      }
    } catch (error) {
      end();
      throw error;
    }
    return state;
  }

  return { begin, end };
}
