import type { BitmapImagePort } from "./ports";

/**
 * The size to create an image layer at: as large as fits `box`, with exactly the bitmap's own
 * aspect (createImageContainer's `initialSize` "must have the same aspect ratio as bitmapData").
 * Derived from bitmap.width/height rather than from the box, so a box that is only close to the
 * bitmap's shape never reaches Express.
 */
export function initialSizeFor(box: { width: number; height: number }, bitmap: BitmapImagePort): { width: number; height: number } {
  const scale = Math.min(box.width / bitmap.width, box.height / bitmap.height);
  return { width: bitmap.width * scale, height: bitmap.height * scale };
}
