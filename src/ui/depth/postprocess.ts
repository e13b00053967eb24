/**
 * Network output → 8-bit depth map. Depth Anything and MiDaS predict relative inverse depth
 * (larger = nearer), so min–max scaling maps the nearest point to white (255) and the farthest
 * to black (0), the convention ControlNet depth maps use. Optional invert and contrast, then
 * resampling to the layer's size before rounding, so the upscale stays smooth.
 */
import type { Size } from "./preprocess";
import { resample } from "./resize";

export interface ToneOptions {
  /** White = far instead of white = near. */
  invert?: boolean;
  /** Contrast around mid-grey: 1 = unchanged, 2 = twice as steep, 0.5 = flatter. */
  contrast?: number;
}

/** Min–max scales finite values to 0…1 (non-finite → 0 = far; a flat map → 0.5: no depth cue). */
export function normalizeDepth(depth: ArrayLike<number>): Float32Array {
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < depth.length; i++) {
    const v = depth[i] as number;
    if (!Number.isFinite(v)) continue;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const out = new Float32Array(depth.length);
  const range = max - min;
  for (let i = 0; i < depth.length; i++) {
    const v = depth[i] as number;
    out[i] = !Number.isFinite(v) ? 0 : range > 0 ? (v - min) / range : 0.5;
  }
  return out;
}

/** Applies invert then contrast in place to 0…1 values, clamping to 0…1. */
export function applyTone(values: Float32Array, options: ToneOptions): Float32Array {
  const contrast = options.contrast ?? 1;
  for (let i = 0; i < values.length; i++) {
    let v = values[i] as number;
    if (options.invert) v = 1 - v;
    v = (v - 0.5) * contrast + 0.5;
    values[i] = v < 0 ? 0 : v > 1 ? 1 : v;
  }
  return values;
}

/** Depth (depthSize, row-major) → 8-bit grey at `size`: white = near unless inverted. */
export function depthToGray(depth: ArrayLike<number>, depthSize: Size, size: Size, options: ToneOptions = {}): Uint8Array {
  if (depth.length !== depthSize.width * depthSize.height)
    throw new RangeError(`depth has ${depth.length} values, expected ${depthSize.width}×${depthSize.height}`);
  const toned = applyTone(normalizeDepth(depth), options);
  const scaled = depthSize.width === size.width && depthSize.height === size.height ? toned : resample(toned, depthSize.width, depthSize.height, 1, size.width, size.height);
  const out = new Uint8Array(scaled.length);
  for (let i = 0; i < scaled.length; i++) out[i] = Math.round((scaled[i] as number) * 255);
  return out;
}
