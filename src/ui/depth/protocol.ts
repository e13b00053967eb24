/**
 * Messages between the panel and the depth worker, parsed with zod on both sides. The image
 * crosses as a structured clone (an ImageBitmap in the panel; tests send plain RGBA objects),
 * so the schema only checks what every image has: a positive width and height.
 */
import { z } from "zod";
import { ErrorPayloadSchema } from "../../core/errors";

const dimension = z.number().int().positive().max(16384);
export const SizeSchema = z.object({ width: dimension, height: dimension });

export const ToneSchema = z.object({
  invert: z.boolean().default(false),
  contrast: z.number().positive().max(10).default(1),
});

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
  z.object({ type: z.literal("depth"), id: z.number().int(), image: ImageSchema, size: SizeSchema, tone: ToneSchema }),
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
  z.object({ type: z.literal("error"), id: z.number().int(), error: ErrorPayloadSchema }),
]);
export type WorkerToPanel = z.infer<typeof WorkerToPanelSchema>;
