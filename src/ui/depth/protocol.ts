/**
 * Messages between the panel and the depth worker, parsed with zod on both sides. The image
 * crosses as a structured clone (an ImageBitmap in the panel; tests send plain RGBA objects),
 * so the schema only checks what every image has: a positive width and height.
 */
import { z } from "zod";
import { ErrorPayloadSchema } from "../../core/errors";
import { DepthEditSchema, SliceOptionsSchema } from "../../shared/depth-edit";

const dimension = z.number().int().positive().max(16384);
export const SizeSchema = z.object({ width: dimension, height: dimension });

/** What the worker can read pixels from; kept structural so this file needs no DOM types. */
export interface TransferableImage {
  readonly width: number;
  readonly height: number;
}
const ImageSchema = z.custom<TransferableImage>(
  (v) => typeof v === "object" && v !== null && "width" in v && "height" in v && typeof v.width === "number" && typeof v.height === "number" && v.width > 0 && v.height > 0,
  "an image with a positive width and height",
);

export const PanelToWorkerSchema = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("init"),
    modelUrl: z.url({ protocol: /^https?$/ }),
    /** Folder holding onnxruntime-web's .wasm/.mjs files (absolute URL ending in "/"). */
    runtimeBaseUrl: z.url().optional(),
  }),
  z.object({ type: z.literal("depth"), id: z.number().int(), image: ImageSchema, size: SizeSchema, edit: DepthEditSchema }),
  /** Split `layer` (the layer's own pixels, with alpha) by the depth of `image` (the model input). */
  z.object({ type: z.literal("slices"), id: z.number().int(), image: ImageSchema, layer: ImageSchema, edit: DepthEditSchema, slices: SliceOptionsSchema, keep: z.number().int().positive() }),
  /** Composition score of `result` against `source` (both the model's view of the layer). */
  z.object({ type: z.literal("score"), id: z.number().int(), source: ImageSchema, result: ImageSchema }),
  z.object({ type: z.literal("cancel"), id: z.number().int() }),
]);
export type PanelToWorker = z.infer<typeof PanelToWorkerSchema>;

export const DepthProgressSchema = z.discriminatedUnion("stage", [
  z.object({ stage: z.literal("download"), loaded: z.number().nonnegative(), total: z.number().positive().optional() }),
  z.object({ stage: z.literal("inference") }),
]);

export const WorkerToPanelSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("progress"), id: z.number().int(), progress: DepthProgressSchema }),
  z.object({
    type: z.literal("result"),
    id: z.number().int(),
    png: z.instanceof(Uint8Array),
    provider: z.string(),
    /** Where this worker got the model: Cache API, network, or already open from an earlier estimate. */
    modelSource: z.enum(["cache", "network", "memory"]),
  }),
  z.object({ type: z.literal("slices"), id: z.number().int(), pngs: z.array(z.instanceof(Uint8Array)).min(1) }),
  z.object({ type: z.literal("score"), id: z.number().int(), score: z.number().min(-1).max(1), drifted: z.boolean() }),
  z.object({ type: z.literal("error"), id: z.number().int(), error: ErrorPayloadSchema }),
]);
export type WorkerToPanel = z.infer<typeof WorkerToPanelSchema>;
