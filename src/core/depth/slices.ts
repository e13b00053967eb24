/**
 * Split by depth: a layer's pixels cut into `count` bands of its (edited) depth map, nearest
 * first. Each pixel belongs to one band; feathering blurs the band masks spatially, which keeps
 * their sum at 1 everywhere (a blur of a partition of unity is one). The alphas are then chosen
 * so that stacking the slices nearest-on-top reproduces the source exactly:
 * coverage after slice k = A·(w₀+…+w_k), so a_k = A·w_k / (1 − A·(w₀+…+w_{k−1})).
 */
import { boxBlur } from "./edit";
import type { RgbaImage, Size } from "./preprocess";

/** Band of an 8-bit depth value: 0 holds the nearest (white) values, count − 1 the farthest. */
export const bandOf = (gray: number, count: number): number => Math.min(count - 1, Math.floor(((255 - gray) * count) / 256));

/** Per-band weights (nearest first), each pixel's weights summing to 1; `feather` is a blur radius in pixels. */
export function bandWeights(gray: ArrayLike<number>, size: Size, count: number, feather: number): Float32Array[] {
  if (gray.length !== size.width * size.height) throw new RangeError(`depth has ${gray.length} values, expected ${size.width}×${size.height}`);
  if (!Number.isInteger(count) || count < 1) throw new RangeError("count must be a positive whole number");
  const masks = Array.from({ length: count }, () => new Float32Array(gray.length));
  for (let i = 0; i < gray.length; i++) (masks[bandOf(gray[i] as number, count)] as Float32Array)[i] = 1;
  return feather >= 1 ? masks.map((m) => boxBlur(m, size, feather)) : masks;
}

/** 8-bit alpha of every slice so that the stack (nearest on top) composites back to `alpha`. */
export function stackAlphas(weights: readonly Float32Array[], alpha: (i: number) => number): Uint8Array[] {
  const length = weights[0]?.length ?? 0;
  const out = weights.map(() => new Uint8Array(length));
  for (let i = 0; i < length; i++) {
    const a = alpha(i) / 255;
    let covered = 0; // A·(w₀+…+w_{k−1}): coverage of the slices above
    for (let k = 0; k < weights.length; k++) {
      const part = a * ((weights[k] as Float32Array)[i] as number);
      const room = 1 - covered;
      const ak = room > 1e-6 ? Math.min(1, part / room) : 0;
      (out[k] as Uint8Array)[i] = Math.round(ak * 255);
      covered += part;
    }
  }
  return out;
}

/** The slices of `image` by its depth map `gray` (same size, white = near): RGBA, nearest first. */
export function sliceByDepth(image: RgbaImage, gray: ArrayLike<number>, count: number, feather: number): RgbaImage[] {
  const size = { width: image.width, height: image.height };
  if (image.data.length !== size.width * size.height * 4) throw new RangeError(`image has ${image.data.length} bytes, expected ${size.width}×${size.height}×4`);
  const alphas = stackAlphas(bandWeights(gray, size, count, feather), (i) => image.data[i * 4 + 3] as number);
  return alphas.map((alpha) => {
    const data = new Uint8ClampedArray(image.data.length);
    for (let i = 0; i < alpha.length; i++) {
      const a = alpha[i] as number;
      if (a === 0) continue; // fully transparent pixels stay 0,0,0,0 so the PNG compresses well
      data[i * 4] = image.data[i * 4] as number;
      data[i * 4 + 1] = image.data[i * 4 + 1] as number;
      data[i * 4 + 2] = image.data[i * 4 + 2] as number;
      data[i * 4 + 3] = a;
    }
    return { ...size, data };
  });
}
