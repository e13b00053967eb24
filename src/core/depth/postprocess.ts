/**
 * Network output → 8-bit depth map. Depth Anything and MiDaS predict relative inverse depth
 * (larger = nearer), so min–max scaling maps the nearest point to white (255) and the farthest
 * to black (0), the convention ControlNet depth maps use. The edit (levels, gamma, invert,
 * smoothing) runs at the network's resolution, then the map is resampled to the layer's size
 * before rounding, so the upscale stays smooth.
 */
import { DEFAULT_DEPTH_EDIT, type DepthEdit } from "../../shared/depth-edit";
import { applyDepthEdit } from "./edit";
import type { Size } from "./preprocess";
import { resample } from "./resize";

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

/** Depth (depthSize, row-major) → 8-bit grey at `size`: white = near unless inverted. */
export function depthToGray(depth: ArrayLike<number>, depthSize: Size, size: Size, edit: DepthEdit = DEFAULT_DEPTH_EDIT): Uint8Array {
  if (depth.length !== depthSize.width * depthSize.height)
    throw new RangeError(`depth has ${depth.length} values, expected ${depthSize.width}×${depthSize.height}`);
  const toned = applyDepthEdit(normalizeDepth(depth), depthSize, edit);
  const scaled = depthSize.width === size.width && depthSize.height === size.height ? toned : resample(toned, depthSize.width, depthSize.height, 1, size.width, size.height);
  const out = new Uint8Array(scaled.length);
  for (let i = 0; i < scaled.length; i++) out[i] = Math.round((scaled[i] as number) * 255);
  return out;
}
