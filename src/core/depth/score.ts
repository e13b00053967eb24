/**
 * Composition score: how well a restyle kept its source's 3-D layout. Both depth maps are
 * resampled to a common grid (longer side SCORE_GRID, the source's aspect), min–max
 * normalised to 0…1, and compared with Pearson's correlation:
 *   r = Σ(aᵢ − ā)(bᵢ − b̄) / √(Σ(aᵢ − ā)² · Σ(bᵢ − b̄)²)
 * r = 1: the same layout; ≈ 0: unrelated; < 0: near and far swapped. A flat map has no layout
 * to compare and scores 0. Below DRIFT_BELOW the panel flags the composition as drifted.
 */
import { normalizeDepth } from "./postprocess";
import type { Size } from "./preprocess";
import { resample } from "./resize";

export const SCORE_GRID = 64;
export const DRIFT_BELOW = 0.6;

export interface DepthMap extends Size {
  /** One value per pixel, row-major; larger = nearer. */
  data: ArrayLike<number>;
}

export interface CompositionScore {
  score: number;
  drifted: boolean;
}

/** The grid both maps are compared on: the source's aspect, longer side SCORE_GRID (never upscaled). */
export function scoreGrid(source: Size): Size {
  const k = Math.min(1, SCORE_GRID / Math.max(source.width, source.height));
  return { width: Math.max(1, Math.round(source.width * k)), height: Math.max(1, Math.round(source.height * k)) };
}

const onGrid = (map: DepthMap, grid: Size): Float32Array =>
  normalizeDepth(map.width === grid.width && map.height === grid.height ? map.data : resample(map.data, map.width, map.height, 1, grid.width, grid.height));

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length || a.length === 0) throw new RangeError("both maps need the same, non-zero number of values");
  let ma = 0;
  let mb = 0;
  for (let i = 0; i < a.length; i++) {
    ma += a[i] as number;
    mb += b[i] as number;
  }
  ma /= a.length;
  mb /= b.length;
  let cov = 0;
  let va = 0;
  let vb = 0;
  for (let i = 0; i < a.length; i++) {
    const da = (a[i] as number) - ma;
    const db = (b[i] as number) - mb;
    cov += da * db;
    va += da * da;
    vb += db * db;
  }
  return va > 0 && vb > 0 ? Math.max(-1, Math.min(1, cov / (Math.sqrt(va) * Math.sqrt(vb)))) : 0;
}

export function compositionScore(source: DepthMap, result: DepthMap): CompositionScore {
  const grid = scoreGrid(source);
  const score = pearson(onGrid(source, grid), onGrid(result, grid));
  return { score, drifted: score < DRIFT_BELOW };
}
