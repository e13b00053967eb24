/** Pure sizing math between a layer, the page rendition and the model's working size. */

import type { Size } from "../shared/size";

export type { Size };
export interface Rect extends Size {
  x: number;
  y: number;
}

export interface FitOptions {
  /** Target pixel count; SSD-1B works at about one megapixel. */
  targetArea: number;
  /** Both sides must be multiples of this (the UNet downsamples by 8 three times). */
  multiple: number;
  /** Longest side allowed for the model input. */
  maxSide: number;
  /** Aspect errors within this (in log units, ≈3 %) count as equal, so the larger area wins (1920×1080 → 1344×768, not 1024×576). */
  aspectSlack: number;
}

export const MODEL_FIT: FitOptions = { targetArea: 1024 * 1024, multiple: 64, maxSide: 2048, aspectSlack: 0.03 };

/** Express refuses imports over 8000 px on a side. */
export const MAX_IMPORT_SIDE = 8000;

const assertSize = ({ width, height }: Size): void => {
  if (!(width > 0 && height > 0 && Number.isFinite(width) && Number.isFinite(height)))
    throw new RangeError(`size must be positive and finite, got ${width}×${height}`);
};

/**
 * The model size for a layer of any size and aspect: sides multiples of `multiple`, area at
 * most `targetArea`, aspect as close as the grid allows, then the largest such area.
 */
export function fitToModel(layer: Size, options: FitOptions = MODEL_FIT): Size {
  assertSize(layer);
  const { targetArea, multiple, maxSide, aspectSlack } = options;
  const aspect = Math.log(layer.width / layer.height);
  const candidates: { size: Size; error: number; area: number }[] = [];
  for (let w = multiple; w <= maxSide; w += multiple) {
    for (let h = multiple; h <= maxSide && w * h <= targetArea; h += multiple) {
      candidates.push({ size: { width: w, height: h }, error: Math.abs(Math.log(w / h) - aspect), area: w * h });
    }
  }
  const best = Math.min(...candidates.map((c) => c.error));
  // An absolute slack (not best + slack): otherwise a near-square input could end up ~5 % off.
  const close = candidates.filter((c) => c.error <= Math.max(best, aspectSlack));
  close.sort((a, b) => b.area - a.area || a.error - b.error);
  const chosen = close[0];
  if (!chosen) throw new RangeError("fit options leave no candidate size");
  return chosen.size;
}

/**
 * The pixel rectangle of `bounds` (page units) inside a rendition of the page, rounded outward
 * and clamped to the rendition. Returns null when the bounds lie outside the page.
 */
export function cropRect(bounds: Rect, page: Size, rendition: Size): Rect | null {
  assertSize(page);
  assertSize(rendition);
  const sx = rendition.width / page.width;
  const sy = rendition.height / page.height;
  const left = Math.max(0, Math.floor(bounds.x * sx));
  const top = Math.max(0, Math.floor(bounds.y * sy));
  const right = Math.min(rendition.width, Math.ceil((bounds.x + bounds.width) * sx));
  const bottom = Math.min(rendition.height, Math.ceil((bounds.y + bounds.height) * sy));
  if (right <= left || bottom <= top) return null;
  return { x: left, y: top, width: right - left, height: bottom - top };
}

/**
 * Pixel size for the result placed back on the layer: the layer's size times the rendition
 * density, capped to the import limit with the aspect kept.
 */
export function outputSize(layer: Size, pixelsPerUnit = 1, maxSide = MAX_IMPORT_SIDE): Size {
  assertSize(layer);
  const w = layer.width * pixelsPerUnit;
  const h = layer.height * pixelsPerUnit;
  const shrink = Math.min(1, maxSide / Math.max(w, h));
  return { width: Math.max(1, Math.round(w * shrink)), height: Math.max(1, Math.round(h * shrink)) };
}

/** Per-axis factors that map the model image exactly back onto the target size. */
export function scaleBack(model: Size, target: Size): { scaleX: number; scaleY: number } {
  assertSize(model);
  assertSize(target);
  return { scaleX: target.width / model.width, scaleY: target.height / model.height };
}
