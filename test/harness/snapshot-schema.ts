import { z } from "zod";

/** What the host page reports about its document (window.harness.snapshot()), parsed by tests. */
const RectSchema = z.object({ x: z.number(), y: z.number(), width: z.number(), height: z.number() });

export const ImageStatsSchema = z.object({
  width: z.number(),
  height: z.number(),
  /** Every sampled pixel has r = g = b (± 2). */
  grayscale: z.boolean(),
  meanLuma: z.number(),
  /** Mean RGB, 0–255. */
  mean: z.tuple([z.number(), z.number(), z.number()]),
  /** Mean luma of a 3×3 grid of cells, row by row from the top-left. */
  grid: z.array(z.number()).length(9),
  /** Share of sampled pixels at least half opaque (1 for an opaque image). */
  opaqueShare: z.number(),
  /** Mean RGB of those pixels only (what a cut-out shows). */
  opaqueMean: z.tuple([z.number(), z.number(), z.number()]),
  /** Alpha (0–255) at the sampled image's four corners and centre: [tl, tr, bl, br, centre]. */
  alphaProbe: z.array(z.number()).length(5),
});
export type ImageStats = z.infer<typeof ImageStatsSchema>;

export const LayerSnapshotSchema = z.object({
  id: z.string(),
  type: z.string(),
  /** Scene label for layers the harness created; undefined for layers the add-on inserted. */
  label: z.string().optional(),
  parentId: z.string(),
  /** Position among its siblings, 0 = bottom. */
  index: z.number().int(),
  depth: z.number().int(),
  /** Axis-aligned bounds on the page (artboard coordinates). */
  bounds: RectSchema,
  boundsLocal: RectSchema,
  rotation: z.number(),
  opacity: z.number(),
  blendMode: z.string(),
  addOnData: z.record(z.string(), z.string()),
  image: ImageStatsSchema.optional(),
});
export type LayerSnapshot = z.infer<typeof LayerSnapshotSchema>;

export const DocumentSnapshotSchema = z.object({
  page: z.object({ id: z.string(), width: z.number(), height: z.number() }),
  artboardId: z.string(),
  /** Depth-first, each parent before its children, siblings bottom to top. */
  layers: z.array(LayerSnapshotSchema),
  selection: z.array(z.string()),
});
export type DocumentSnapshot = z.infer<typeof DocumentSnapshotSchema>;
