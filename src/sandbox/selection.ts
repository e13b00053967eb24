import type { LayerInfo, SelectionInfo } from "../shared/sandbox-api";
import type { NodePort, PagePort } from "./ports";
import { decodeProvenance } from "./provenance";

/**
 * One selected node as plain data. Page coordinates are the artboard's (the node's visualRoot,
 * which sits at the page origin), which is what a page rendition shows.
 */
export function describeLayer(node: NodePort): LayerInfo {
  const bounds = node.boundsInNode(node.visualRoot);
  const local = node.boundsLocal;
  const provenance = decodeProvenance(node.addOnData);
  return {
    id: node.id,
    type: String(node.type),
    bounds: { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height },
    size: { width: local.width, height: local.height },
    rotation: node.rotation,
    rotationInPage: node.rotationInScreen,
    ...(provenance ? { provenance } : {}),
  };
}

export function describeSelection(nodes: readonly NodePort[], page: PagePort): SelectionInfo {
  return {
    page: { id: page.id, width: page.width, height: page.height },
    layers: nodes.map(describeLayer),
  };
}
