import { createExpressDocument } from "../../fakes/express-document";
import type { HostDocument, HostEditor } from "./host-document";

/**
 * The in-memory Express document (test/fakes/express-document) with the SDK's active-content
 * rule switched on, so the add-on's sandbox code must use keepContentActiveDuringAsync as in
 * Express.
 */
export function createHostDocument(page: { width: number; height: number }): HostDocument {
  const doc = createExpressDocument({ width: page.width, height: page.height, name: "Page 1", enforceActiveContent: true });
  const editor: HostEditor = doc.editor;
  return {
    editor,
    constants: doc.constants,
    colorUtils: doc.colorUtils,
    bitmapBlob: (node) => doc.bitmapBlob(node),
    beginTurn: () => doc.beginTurn(),
  };
}
