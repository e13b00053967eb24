import type { CreateRenditionOptions, CreateRenditionResult, Rect } from "@adobe/ccweb-add-on-sdk-types/express-document-sdk";

/**
 * How a document draws one node alone (the harness draws with its page renderer; a Node test
 * passes a stand-in). `bounds` is the node's box on the page, `scale` pixels per unit.
 */
export type NodeRenderer = (node: { id: string }, bounds: Rect, scale: number, format: "png" | "jpeg") => Promise<Blob>;

export interface RenditionRules {
  /** The manifest sets `requirements.experimentalApis` (createRendition is experimental in the installed types). */
  experimentalApis: boolean;
  render?: NodeRenderer;
}

/**
 * VisualNode.createRendition as its type and doc comment describe it: experimental only; PNG
 * unless asked for JPEG; `scale` multiplies the content; the result's drawBoundsGlobal is the
 * node's box in global (page) coordinates, given only for a node that is not orphaned.
 */
export async function createNodeRendition(
  node: { id: string; readonly parent: unknown },
  bounds: () => Rect,
  rules: RenditionRules,
  options: CreateRenditionOptions = {},
): Promise<CreateRenditionResult> {
  if (!rules.experimentalApis) throw new Error("createRendition is an experimental API: set requirements.experimentalApis to true in manifest.json");
  const format = options.format ?? "png";
  if (format !== "png" && format !== "jpeg") throw new Error(`createRendition: unknown format ${String(format)}`);
  const scale = options.scale ?? 1;
  if (!(Number.isFinite(scale) && scale > 0)) throw new Error(`createRendition: scale must be a positive number, got ${scale}`);
  if (!rules.render) throw new Error("createRendition: this in-memory document was made without a renderer");
  const box = bounds();
  const blob = await rules.render(node, box, scale, format);
  return node.parent === undefined ? { blob } : { blob, drawBoundsGlobal: box };
}
