import type { DocumentRules } from "../document-rules";
import { blendNames, childrenOf, cssBlend, cssColor, type ViewNode } from "./view-node";

type Ctx = CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;

export interface RenderEnv {
  /** Decoded pixels of an image rectangle node, or undefined when it has none. */
  bitmap(node: ViewNode): Promise<ImageBitmap | undefined>;
  constants: unknown;
  /** Premium content and review state of the document (host-services.ts); none when unset. */
  rules?: DocumentRules;
}

/**
 * Draws a page (its artboards and their layers) the way Express composites it: each node's
 * transformMatrix relative to its parent, opacity, blend mode; media containers clipped by
 * their mask; groups with opacity or a non-passThrough blend mode rendered in isolation.
 */
export async function drawArtboard(ctx: Ctx, artboard: ViewNode, env: RenderEnv): Promise<void> {
  const names = blendNames(env.constants);
  ctx.save();
  const fill = artboard.fill?.color;
  ctx.fillStyle = fill ? cssColor(fill) : "#ffffff";
  ctx.fillRect(0, 0, artboard.width ?? 0, artboard.height ?? 0);
  for (const child of childrenOf(artboard)) await drawNode(ctx, child, env, names);
  ctx.restore();
}

const isContainer = (node: ViewNode) => node.type === "Group";

async function drawNode(ctx: Ctx, node: ViewNode, env: RenderEnv, names: Map<number, string>): Promise<void> {
  ctx.save();
  ctx.transform(...matrix(node.transformMatrix));
  const blend = node.blendMode === undefined ? undefined : names.get(node.blendMode);
  const opacity = node.opacity ?? 1;
  if (isContainer(node) && (opacity < 1 || (blend !== undefined && blend !== "passThrough"))) {
    const layer = new OffscreenCanvas(ctx.canvas.width, ctx.canvas.height);
    const inner = layer.getContext("2d");
    if (!inner) throw new Error("no 2d context for an isolated group");
    inner.setTransform(ctx.getTransform());
    for (const child of childrenOf(node)) await drawNode(inner, child, env, names);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.globalAlpha *= opacity;
    ctx.globalCompositeOperation = cssBlend(blend);
    ctx.drawImage(layer, 0, 0);
    ctx.restore();
    return;
  }
  ctx.globalAlpha *= opacity;
  // A normal child (the image inside a media container) composites with its layer's mode.
  if (blend !== undefined && blend !== "normal" && blend !== "passThrough") ctx.globalCompositeOperation = cssBlend(blend);
  await drawContent(ctx, node, env, names);
  ctx.restore();
}

async function drawContent(ctx: Ctx, node: ViewNode, env: RenderEnv, names: Map<number, string>): Promise<void> {
  switch (node.type) {
    case "Group":
      for (const child of childrenOf(node)) await drawNode(ctx, child, env, names);
      return;
    case "MediaContainer": {
      const mask = node.maskShape;
      ctx.save();
      if (mask) {
        // The mask's rectangle, moved into the container's space by the mask's own transform.
        const b = mask.boundsLocal ?? { x: 0, y: 0, width: mask.width ?? 0, height: mask.height ?? 0 };
        const rect = new Path2D();
        rect.rect(b.x, b.y, b.width, b.height);
        const clip = new Path2D();
        clip.addPath(rect, new DOMMatrix([...matrix(mask.transformMatrix)]));
        ctx.clip(clip);
      }
      if (node.mediaRectangle) await drawNode(ctx, node.mediaRectangle, env, names);
      ctx.restore();
      return;
    }
    case "ImageRectangle": {
      const bitmap = await env.bitmap(node);
      const w = node.width ?? bitmap?.width ?? 0;
      const h = node.height ?? bitmap?.height ?? 0;
      if (bitmap) ctx.drawImage(bitmap, 0, 0, w, h);
      else {
        ctx.fillStyle = "#ff00ff";
        ctx.fillRect(0, 0, w, h);
      }
      return;
    }
    case "Rectangle":
      ctx.fillStyle = cssColor(node.fill?.color);
      ctx.fillRect(0, 0, node.width ?? 0, node.height ?? 0);
      return;
    case "Text":
      ctx.fillStyle = cssColor(node.fill?.color);
      ctx.font = `bold ${node.fontSize ?? 64}px sans-serif`;
      ctx.textBaseline = "top";
      ctx.fillText(node.text ?? "", 0, (node.fontSize ?? 64) * 0.1);
      return;
    case "Ellipse":
      ctx.fillStyle = cssColor(node.fill?.color);
      ctx.beginPath();
      ctx.ellipse(node.rx ?? 0, node.ry ?? 0, node.rx ?? 0, node.ry ?? 0, 0, 0, Math.PI * 2);
      ctx.fill();
      return;
    default: {
      // Unknown kinds still show where they are.
      const b = node.boundsLocal;
      if (!b) return;
      ctx.strokeStyle = "#888";
      ctx.strokeRect(b.x, b.y, b.width, b.height);
    }
  }
}

/**
 * One node alone, transparent around it, for the per-node rendition (createRendition): `bounds`
 * is its box on the page, `scale` pixels per unit. Drawn with the node's ancestors' transforms
 * up to the artboard, exactly as on the page, without anything else.
 */
export async function drawNodeAlone(node: ViewNode, env: RenderEnv, bounds: { x: number; y: number; width: number; height: number }, scale: number, format: "png" | "jpeg"): Promise<Blob> {
  const canvas = new OffscreenCanvas(Math.max(1, Math.ceil(bounds.width * scale)), Math.max(1, Math.ceil(bounds.height * scale)));
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d context for a node rendition");
  ctx.scale(scale, scale);
  ctx.translate(-bounds.x, -bounds.y);
  let world: [number, number, number, number, number, number] = [1, 0, 0, 1, 0, 0];
  for (let p = node.parent; p && p.type !== "ab:Artboard"; p = p.parent) world = multiply(matrix(p.transformMatrix), world);
  ctx.transform(...world);
  await drawNode(ctx, node, env, blendNames(env.constants));
  return canvas.convertToBlob({ type: `image/${format}` });
}

export const matrix = (m: ArrayLike<number> | undefined): [number, number, number, number, number, number] =>
  m ? [m[0] ?? 1, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1, m[4] ?? 0, m[5] ?? 0] : [1, 0, 0, 1, 0, 0];

export function invert(m: ArrayLike<number>): [number, number, number, number, number, number] {
  const [a, b, c, d, e, f] = [m[0] ?? 1, m[1] ?? 0, m[2] ?? 0, m[3] ?? 1, m[4] ?? 0, m[5] ?? 0];
  const det = a * d - b * c;
  if (det === 0) return [1, 0, 0, 1, 0, 0];
  return [d / det, -b / det, -c / det, a / det, (c * f - d * e) / det, (b * e - a * f) / det];
}

/** Product of two 2-D affine matrices (first `outer`, then `inner`), as [a, b, c, d, e, f]. */
export function multiply(outer: ArrayLike<number>, inner: ArrayLike<number>): [number, number, number, number, number, number] {
  const [a1, b1, c1, d1, e1, f1] = [outer[0] ?? 1, outer[1] ?? 0, outer[2] ?? 0, outer[3] ?? 1, outer[4] ?? 0, outer[5] ?? 0];
  const [a2, b2, c2, d2, e2, f2] = [inner[0] ?? 1, inner[1] ?? 0, inner[2] ?? 0, inner[3] ?? 1, inner[4] ?? 0, inner[5] ?? 0];
  return [a1 * a2 + c1 * b2, b1 * a2 + d1 * b2, a1 * c2 + c1 * d2, b1 * c2 + d1 * d2, a1 * e2 + c1 * f2 + e1, b1 * e2 + d1 * f2 + f1];
}
