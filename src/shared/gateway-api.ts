import { z } from "zod";
import { ErrorPayloadSchema } from "./error-payload";

/** Where the gateway listens unless told otherwise, and where the panel and the CLI look for it. */
export const GATEWAY_DEFAULT_PORT = 8787;
export const GATEWAY_DEFAULT_URL = `http://127.0.0.1:${GATEWAY_DEFAULT_PORT}`;
import { GenerationSettingsSchema } from "./settings";

/** HTTP contract of the local gateway (src/server), shared by the server and its client. */

export const ImageMimeSchema = z.enum(["image/jpeg", "image/png", "image/webp"]);

export const EncodedImageJsonSchema = z.object({
  mimeType: ImageMimeSchema,
  /** Base64 without a data: prefix. */
  base64: z.string().min(1),
});
export type EncodedImageJson = z.infer<typeof EncodedImageJsonSchema>;

/** POST /v1/jobs — the same settings schema as the panel and the CLI. */
export const JobRequestSchema = z.object({
  image: EncodedImageJsonSchema,
  settings: GenerationSettingsSchema,
  wantDepth: z.boolean().default(false),
  /**
   * Your own depth map (white = near, e.g. an edited depth layer or a 3-D render): the workflow uses
   * it as the ControlNet image instead of estimating depth. ComfyUI engine only.
   */
  controlImage: EncodedImageJsonSchema.optional(),
  /** "comfyui" (default: a local worker) or "segmind" (the gateway's own key, when configured). */
  engine: z.enum(["comfyui", "segmind"]).default("comfyui"),
});
export type JobRequest = z.infer<typeof JobRequestSchema>;
export type JobRequestInput = z.input<typeof JobRequestSchema>;

/**
 * POST /v1/jobs as multipart/form-data: this JSON in the field `job`, the image file as the part
 * `image` (raw bytes, no base64: the upload costs its size once), and your own depth map, if any, as
 * the part `controlImage`.
 */
export const JobUploadSchema = JobRequestSchema.omit({ image: true, controlImage: true });
export type JobUpload = z.infer<typeof JobUploadSchema>;
export type JobUploadInput = z.input<typeof JobUploadSchema>;
export const JOB_UPLOAD_PARTS = { job: "job", image: "image", controlImage: "controlImage" } as const;

export const JobAcceptedSchema = z.object({ id: z.string(), position: z.number().int().nonnegative() });
export type JobAccepted = z.infer<typeof JobAcceptedSchema>;

/** GET /v1/jobs/:id/events — one SSE message per event; `event:` carries the type. */
export const JobEventSchema = z.discriminatedUnion("type", [
  z.object({ type: z.literal("queued"), position: z.number().int().nonnegative() }),
  z.object({ type: z.literal("started"), engine: z.string() }),
  /** The worker is loading model weights: a first run can take minutes here without a step. */
  z.object({ type: z.literal("loading_models") }),
  z.object({
    type: z.literal("progress"),
    step: z.number().int().nonnegative(),
    max: z.number().int().positive(),
    /** The sampler's preview of the image so far, when the worker sends one. */
    preview: EncodedImageJsonSchema.optional(),
  }),
  z.object({ type: z.literal("depth") }),
  z.object({ type: z.literal("done"), seed: z.number().int(), images: z.number().int().positive() }),
  z.object({ type: z.literal("error"), error: ErrorPayloadSchema }),
]);
export type JobEvent = z.infer<typeof JobEventSchema>;

/** GET /v1/jobs/:id/result */
export const JobResultSchema = z.object({
  id: z.string(),
  seed: z.number().int(),
  /** The render size: the input fitted to about one megapixel, sides multiples of 64 (images and depth map have it). */
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  images: z.array(EncodedImageJsonSchema).min(1),
  depthMap: EncodedImageJsonSchema.optional(),
});
export type JobResult = z.infer<typeof JobResultSchema>;

/** Every gateway error body: the typed error in plain data. */
export const GatewayErrorBodySchema = z.object({ error: ErrorPayloadSchema });

/** GET /v1/engines — one entry per worker; mirrors `EngineStatus` of src/server/engines/engine.ts. */
export const EngineStatusSchema = z.object({
  id: z.string(),
  kind: z.enum(["comfyui", "segmind"]),
  url: z.string().optional(),
  reachable: z.boolean(),
  versions: z.record(z.string(), z.string()).optional(),
  devices: z.array(z.object({ name: z.string(), vramTotal: z.number().optional(), vramFree: z.number().optional() })).optional(),
  missingNodes: z.array(z.string()),
  missingModels: z.array(z.string()),
  problem: z.string().optional(),
});
export type EngineStatusJson = z.infer<typeof EngineStatusSchema>;

export const EnginesAnswerSchema = z.object({
  engines: z.array(EngineStatusSchema),
  queue: z.object({ waiting: z.number().int().nonnegative(), running: z.number().int().nonnegative(), limit: z.number().int().positive() }),
});
export type EnginesAnswer = z.infer<typeof EnginesAnswerSchema>;

/** GET /health — no auth, no secrets: lets a panel tell "not running" from "wrong token". */
export const HealthSchema = z.object({ ok: z.literal(true), name: z.literal("depth-restyle-gateway"), version: z.string() });

/** DELETE /v1/jobs/:id */
export const JobCancelledSchema = z.object({ id: z.string(), state: z.literal("cancelled") });
