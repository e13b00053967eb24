import { z } from "zod";

/**
 * How a depth map is edited before it becomes a layer, slices or a restyle's control image.
 * Values are on the normalised map (0 = farthest, 1 = nearest) so the panel's thumbnail, the
 * full-size layer and the CLI give the same result at any resolution.
 */
export const DEPTH_EDIT_LIMITS = {
  level: { min: 0, max: 1 },
  gamma: { min: 0.2, max: 5, default: 1 },
  /** Blur radius in % of the image's longer side. */
  smoothing: { min: 0, max: 5, default: 0 },
} as const;

const level = (name: string) => z.number({ error: `${name} must be a number from 0 to 1` }).min(0, `${name} must be from 0 to 1`).max(1, `${name} must be from 0 to 1`);

export const DepthEditSchema = z
  .object({
    /** Depth at or beyond this point becomes black (levels' black point). */
    far: level("far").default(0),
    /** Depth at or nearer than this point becomes white (levels' white point). */
    near: level("near").default(1),
    /** Mid-tone curve: above 1 brightens the middle distances, below 1 darkens them. */
    gamma: z.number().min(DEPTH_EDIT_LIMITS.gamma.min).max(DEPTH_EDIT_LIMITS.gamma.max).default(DEPTH_EDIT_LIMITS.gamma.default),
    /** White = far instead of white = near. */
    invert: z.boolean().default(false),
    smoothing: z.number().min(DEPTH_EDIT_LIMITS.smoothing.min).max(DEPTH_EDIT_LIMITS.smoothing.max).default(DEPTH_EDIT_LIMITS.smoothing.default),
  })
  .refine((e) => e.near > e.far, { message: "the near point must be above the far point", path: ["near"] });
export type DepthEdit = z.infer<typeof DepthEditSchema>;

export const DEFAULT_DEPTH_EDIT: DepthEdit = { far: 0, near: 1, gamma: 1, invert: false, smoothing: 0 };

export const SLICE_LIMITS = {
  count: { min: 2, max: 8, default: 3 },
  /** Soft edge width in % of the layer's longer side. */
  feather: { min: 0, max: 5, default: 0.6 },
} as const;

export const SliceOptionsSchema = z.object({
  count: z
    .number({ error: `count must be a whole number from ${SLICE_LIMITS.count.min} to ${SLICE_LIMITS.count.max}` })
    .int(`count must be a whole number from ${SLICE_LIMITS.count.min} to ${SLICE_LIMITS.count.max}`)
    .min(SLICE_LIMITS.count.min, `count must be at least ${SLICE_LIMITS.count.min}`)
    .max(SLICE_LIMITS.count.max, `count must be at most ${SLICE_LIMITS.count.max}`)
    .default(SLICE_LIMITS.count.default),
  feather: z.number().min(SLICE_LIMITS.feather.min).max(SLICE_LIMITS.feather.max).default(SLICE_LIMITS.feather.default),
});
export type SliceOptions = z.infer<typeof SliceOptionsSchema>;

/** Pixels for a size given in % of the longer side (smoothing, feather). */
export const percentOfLongSide = (percent: number, size: { width: number; height: number }): number =>
  Math.round((percent / 100) * Math.max(size.width, size.height));
