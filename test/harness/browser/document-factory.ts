import { createExpressDocument } from "../../fakes/express-document";
import type { NodeRenderer } from "../../fakes/express-document/node-rendition";
import type { HostDocument, HostEditor } from "./host-document";

/**
 * The in-memory Express document (test/fakes/express-document) with the SDK's active-content
 * rule switched on, so the add-on's sandbox code must use keepContentActiveDuringAsync as in
 * Express; per-node renditions only when the add-on's manifest asks for experimental APIs.
 */
export function createHostDocument(page: { width: number; height: number }, renditions: { experimentalApis: boolean; render: NodeRenderer }): HostDocument {
  const doc = createExpressDocument({ width: page.width, height: page.height, name: "Page 1", enforceActiveContent: true, renditions });
  const editor: HostEditor = doc.editor;
  return {
    editor,
    constants: doc.constants,
    colorUtils: doc.colorUtils,
    bitmapBlob: (node) => doc.bitmapBlob(node),
    findById: (id) => doc.findById(id),
    beginTurn: () => doc.beginTurn(),
  };
}
