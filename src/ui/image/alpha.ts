/**
 * The layer's own colour and alpha from two readings of it over a black and a white backdrop:
 * over black a pixel is αL, over white αL + (1 − α)·255, so α = 1 − (white − black)/255 and
 * L = black/α. Both readings are resampled the same way (resampling is linear), so this holds
 * at the model size too. Writes straight-alpha RGBA into `out`; returns the alpha range.
 */
export function alphaFromBackdrops(black: Uint8ClampedArray, white: Uint8ClampedArray, out: Uint8ClampedArray): { min: number; max: number } {
  if (black.length !== white.length || out.length !== black.length) throw new RangeError("the two readings and the output must have the same size");
  let min = 255;
  let max = 0;
  for (let i = 0; i < black.length; i += 4) {
    const spread = Math.max(
      (white[i] as number) - (black[i] as number),
      (white[i + 1] as number) - (black[i + 1] as number),
      (white[i + 2] as number) - (black[i + 2] as number),
    );
    const a = Math.min(255, Math.max(0, 255 - spread));
    for (let c = 0; c < 3; c++) out[i + c] = a === 0 ? 0 : Math.round(((black[i + c] as number) * 255) / a);
    out[i + 3] = a;
    if (a < min) min = a;
    if (a > max) max = a;
  }
  return { min, max };
}

/**
 * A layer's opacity is its own setting, not its shape: alpha is scaled so the most opaque pixel
 * is fully opaque (a 90 %-opacity photo reads as the opaque rectangle it is; a cut-out keeps its
 * shape). Returns whether any pixel is still see-through (then the result needs a mask).
 */
export function normaliseAlpha(rgba: Uint8ClampedArray, range: { min: number; max: number }, opaqueFrom = 250): boolean {
  if (range.max === 0) return true;
  const k = 255 / range.max;
  if (range.min * k >= opaqueFrom) {
    for (let i = 3; i < rgba.length; i += 4) rgba[i] = 255;
    return false;
  }
  if (k !== 1) for (let i = 3; i < rgba.length; i += 4) rgba[i] = Math.min(255, Math.round((rgba[i] as number) * k));
  return true;
}

/** The alpha range of straight RGBA pixels. */
export function alphaRange(rgba: Uint8ClampedArray): { min: number; max: number } {
  let min = 255;
  let max = 0;
  for (let i = 3; i < rgba.length; i += 4) {
    const a = rgba[i] as number;
    if (a < min) min = a;
    if (a > max) max = a;
  }
  return { min, max };
}
