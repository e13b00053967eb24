/**
 * Depth editing on a normalised map (0 = far, 1 = near): smoothing (a box blur), levels
 * (far/near points), gamma and invert, in that order. Pure: returns new data.
 */
import { percentOfLongSide, type DepthEdit } from "../../shared/depth-edit";
import type { Size } from "./preprocess";

/** One pass of a running-sum box filter along rows (step 1) or columns (step width), edges clamped. */
function blurLine(src: Float32Array, out: Float32Array, start: number, count: number, step: number, radius: number): void {
  const last = start + (count - 1) * step;
  const first = src[start] as number;
  const end = src[last] as number;
  // Window [i − radius, i + radius], indices outside the line read its first or last value.
  let sum = first * (radius + 1);
  for (let i = 1; i <= radius; i++) sum += i < count ? (src[start + i * step] as number) : end;
  const scale = 1 / (2 * radius + 1);
  for (let i = 0; i < count; i++) {
    out[start + i * step] = sum * scale;
    const add = i + radius + 1;
    const drop = i - radius;
    sum += (add < count ? (src[start + add * step] as number) : end) - (drop > 0 ? (src[start + drop * step] as number) : first);
  }
}

/** Separable box blur of a one-channel map; radius 0 returns a copy. Linear, so maps that sum to 1 still do. */
export function boxBlur(values: ArrayLike<number>, size: Size, radius: number): Float32Array {
  const { width, height } = size;
  const src = Float32Array.from(values);
  if (radius < 1) return src;
  const mid = new Float32Array(src.length);
  for (let y = 0; y < height; y++) blurLine(src, mid, y * width, width, 1, radius);
  const out = new Float32Array(src.length);
  for (let x = 0; x < width; x++) blurLine(mid, out, x, height, width, radius);
  return out;
}

/** Applies `edit` to 0…1 depth values laid out at `size`. */
export function applyDepthEdit(values: ArrayLike<number>, size: Size, edit: DepthEdit): Float32Array {
  const out = boxBlur(values, size, percentOfLongSide(edit.smoothing, size));
  const span = edit.near - edit.far;
  const power = 1 / edit.gamma;
  for (let i = 0; i < out.length; i++) {
    let v = ((out[i] as number) - edit.far) / span;
    v = v <= 0 ? 0 : v >= 1 ? 1 : v ** power;
    out[i] = edit.invert ? 1 - v : v;
  }
  return out;
}
