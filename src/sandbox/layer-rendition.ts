import { ValidationError } from "../core/errors";
import type { LayerRendition } from "../shared/sandbox-api";
import type { EditDeps } from "./document-edits";
import { SourceLayerError } from "./errors";
import { findNode } from "./find-node";
import type { NodePort, RenditionPort } from "./ports";

/**
 * The layer alone, with its transparency, from the per-node rendition (VisualNode.createRendition,
 * experimental in the installed types: only the experimental build, whose manifest sets
 * `experimentalApis`, may call it). The published build reads layers from a page rendition.
 */
export async function renderLayer({ editor, constants, nodeRenditions }: EditDeps, sourceId: string): Promise<LayerRendition> {
  if (!nodeRenditions)
    throw new ValidationError("This build reads layers from a page rendition; the per-layer rendition exists only in the developer build (npm run build:experimental).");
  const source: (NodePort & Partial<RenditionPort>) | undefined = findNode(editor.context, sourceId);
  if (!source) throw new SourceLayerError("The layer to restyle was deleted or moved to another page; select it again.");
  if (typeof source.createRendition !== "function")
    throw new ValidationError("This version of Express has no per-layer rendition; use the published build of the add-on.");
  const { blob, drawBoundsGlobal } = await source.createRendition({ format: constants.CreateRenditionFormat.png });
  if (!blob || !drawBoundsGlobal) throw new SourceLayerError("Express could not render the layer on its own (it is not on the page any more); select it again.");
  const { x, y, width, height } = drawBoundsGlobal;
  return { blob, bounds: { x, y, width, height } };
}
