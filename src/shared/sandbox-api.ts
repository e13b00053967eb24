import { z } from "zod";
import { BlendModeSchema, ResolvedSettingsSchema } from "./settings";

/**
 * The panel ⇄ document-sandbox contract. Only structured-clone data crosses (plain objects,
 * numbers, strings, ArrayBuffer). Each side parses what it receives with these schemas.
 */

export const RectSchema = z.object({
  x: z.number().finite(),
  y: z.number().finite(),
  width: z.number().finite().nonnegative(),
  height: z.number().finite().nonnegative(),
});
export type RectData = z.infer<typeof RectSchema>;

/** Where a generated layer came from, stored on the node in addOnData (≤ 3 KB in all). */
export const ProvenanceSchema = z.object({
  v: z.literal(1),
  kind: z.enum(["restyle", "depth", "slice"]),
  sourceId: z.string(),
  backend: z.enum(["segmind", "gateway", "in-panel"]),
  /** Settings as used; prompts may be shortened to fit the 3 KB budget (then `truncated` is true). */
  settings: ResolvedSettingsSchema.partial().optional(),
  seed: z.number().int().optional(),
  truncated: z.boolean().default(false),
  historyId: z.string().optional(),
  createdAt: z.string(),
  /** A depth slice's band: 1 = nearest, of `count`. */
  band: z.object({ index: z.number().int().min(1).max(8), count: z.number().int().min(1).max(8) }).optional(),
});
export type Provenance = z.infer<typeof ProvenanceSchema>;

export const LayerInfoSchema = z.object({
  id: z.string(),
  /** The SDK's node type string ("ImageRectangle", "Group", "Rectangle", "Text"…). */
  type: z.string(),
  /** Axis-aligned bounds in page coordinates (what to crop from the page rendition). */
  bounds: RectSchema,
  /** Untransformed size of the node in its own coordinates. */
  size: z.object({ width: z.number().nonnegative(), height: z.number().nonnegative() }),
  /** Rotation in degrees relative to the parent. */
  rotation: z.number().finite(),
  /**
   * Total rotation on the page in degrees (the SDK's rotationInScreen): the angle to undo when
   * cutting the layer out of its page crop. Differs from `rotation` inside rotated groups.
   */
  rotationInPage: z.number().finite().optional(),
  /** Set when the layer was made by this add-on. */
  provenance: ProvenanceSchema.optional(),
});
export type LayerInfo = z.infer<typeof LayerInfoSchema>;

export const SelectionInfoSchema = z.object({
  page: z.object({ id: z.string(), width: z.number().positive(), height: z.number().positive() }),
  layers: z.array(LayerInfoSchema),
});
export type SelectionInfo = z.infer<typeof SelectionInfoSchema>;

export const ImageBytesSchema = z.object({
  bytes: z.instanceof(ArrayBuffer),
  mimeType: z.enum(["image/jpeg", "image/png"]),
});

/** Insert a restyle result (and optionally its depth map) directly above the source layer. */
export const InsertResultRequestSchema = z.object({
  sourceId: z.string(),
  image: ImageBytesSchema,
  provenance: ProvenanceSchema,
  depthMap: z
    .object({
      image: ImageBytesSchema,
      blendMode: BlendModeSchema,
      opacity: z.number().min(0).max(1),
      provenance: ProvenanceSchema,
    })
    .optional(),
});
export type InsertResultRequest = z.infer<typeof InsertResultRequestSchema>;

/** Insert a depth layer alone above the source layer ("Add depth layer"). */
export const InsertDepthRequestSchema = z.object({
  sourceId: z.string(),
  image: ImageBytesSchema,
  blendMode: BlendModeSchema,
  opacity: z.number().min(0).max(1),
  provenance: ProvenanceSchema,
});
export type InsertDepthRequest = z.infer<typeof InsertDepthRequestSchema>;

/** Insert depth slices above the source, nearest first (slice 1 ends on top), grouped when more than one. */
export const InsertSlicesRequestSchema = z.object({
  sourceId: z.string(),
  slices: z
    .array(z.object({ image: ImageBytesSchema.extend({ mimeType: z.literal("image/png") }), provenance: ProvenanceSchema }))
    .min(1)
    .max(8),
});
export type InsertSlicesRequest = z.infer<typeof InsertSlicesRequestSchema>;

export const InsertOutcomeSchema = z.object({
  resultId: z.string().optional(),
  depthId: z.string().optional(),
  groupId: z.string().optional(),
  /** Inserted slices, nearest first. */
  sliceIds: z.array(z.string()).optional(),
});
export type InsertOutcome = z.infer<typeof InsertOutcomeSchema>;

/** A flat colour (0–1 channels), for the backdrop placed under a layer while it is read. */
export const BackdropColorSchema = z.object({ red: z.number().min(0).max(1), green: z.number().min(0).max(1), blue: z.number().min(0).max(1) });
export type BackdropColor = z.infer<typeof BackdropColorSchema>;

/**
 * Prepare the page for reading these layers' own pixels from a page rendition: this add-on's
 * earlier results above each layer are hidden and, with `backdrop`, a rectangle of that colour is
 * placed directly under each layer (two readings over two colours give the layer's alpha).
 * Undone by `endRead` (and by the next `beginRead`).
 */
export const BeginReadRequestSchema = z.object({
  sourceIds: z.array(z.string()).min(1),
  backdrop: BackdropColorSchema.optional(),
});
export type BeginReadRequest = z.infer<typeof BeginReadRequestSchema>;

/** How many layers a read hid (or restored) and how many backdrops it placed (or removed). */
export const ReadStateSchema = z.object({ hidden: z.number().int().nonnegative(), backdrops: z.number().int().nonnegative() });
export type ReadState = z.infer<typeof ReadStateSchema>;

/** The per-node rendition (experimental build): the layer alone, with its alpha, and where it lies on the page. */
export const LayerRenditionSchema = z.object({
  blob: z.instanceof(Blob),
  /** Page (artboard) coordinates the image covers. */
  bounds: RectSchema,
});
export type LayerRendition = z.infer<typeof LayerRenditionSchema>;

/**
 * What the sandbox offers the panel. It crosses the bridge as AnsweringApi<SandboxApi>
 * (bridge-answer.ts): runtime.exposeApi(answerAsData(…)) in the sandbox, throwFromData over
 * apiProxy("documentSandbox") in the panel.
 */
export interface SandboxApi {
  getSelection(): Promise<SelectionInfo>;
  insertResult(request: InsertResultRequest): Promise<InsertOutcome>;
  insertDepth(request: InsertDepthRequest): Promise<InsertOutcome>;
  insertSlices(request: InsertSlicesRequest): Promise<InsertOutcome>;
  beginRead(request: BeginReadRequest): Promise<ReadState>;
  endRead(): Promise<ReadState>;
  /** Only in the experimental build (per-node rendition); the published build refuses it. */
  renderLayer(request: { sourceId: string }): Promise<LayerRendition>;
}

/** What the panel exposes to the sandbox (runtime.exposeApi in the panel, apiProxy("panel") in the sandbox). */
export interface PanelApi {
  selectionChanged(selection: SelectionInfo): void;
}
