import { z } from "zod";
import { LIMITS, MAX_SEED, PASS_THROUGH_LIMITS, SCHEDULERS, type GenerationSettingsInput, type ResolvedSettings } from "./settings";

export const SEGMIND_BASE_URL = "https://api.segmind.com";
export const SSD_DEPTH_PATH = "/v1/ssd-depth";
/** Documented by Segmind ("Account and Billing APIs"): GET with x-api-key → `{ credits, "free-credits" }`; free of charge. */
export const CREDITS_PATH = "/v1/get-user-credits";

/**
 * The SSD-1B Depth request body exactly as Segmind documents it (snake_case, flat).
 * Used by our client to build requests, by the fake Segmind server to validate them,
 * and by the gateway's Segmind-compatible route to accept them.
 */
export const SegmindBodySchema = z
  .object({
    image: z.string().min(1, "image is required (https URL or base64 without a data: prefix)"),
    prompt: z.string().trim().min(1, "prompt is required"),
    negative_prompt: z.string().default(""),
    samples: z.number().int().min(LIMITS.samples.min).max(LIMITS.samples.max).default(1),
    scheduler: z.enum(SCHEDULERS).default("UniPC"),
    num_inference_steps: z.number().int().min(LIMITS.steps.min).max(LIMITS.steps.max).default(LIMITS.steps.default),
    guidance_scale: z.number().min(LIMITS.guidanceScale.min).max(LIMITS.guidanceScale.max).default(LIMITS.guidanceScale.default),
    controlnet_scale: z.number().min(LIMITS.controlScale.min).max(LIMITS.controlScale.max).default(LIMITS.controlScale.default),
    strength: z.number().min(LIMITS.strength.min).max(LIMITS.strength.max).optional(),
    seed: z.number().int().min(-1).max(MAX_SEED).default(-1),
    base64: z.boolean().default(false),
  })
  .catchall(z.union([z.string().max(PASS_THROUGH_LIMITS.valueLength, `extra fields are at most ${PASS_THROUGH_LIMITS.valueLength} characters`), z.number(), z.boolean()]));
export type SegmindBody = z.infer<typeof SegmindBodySchema>;

/** Field names the body defines itself; anything else is a pass-through ("advanced") field, which must not override them (e.g. a string `strength`). */
export const SEGMIND_FIELDS: ReadonlySet<string> = new Set(Object.keys(SegmindBodySchema.shape));

/** Builds the Segmind body from resolved settings and the base64 input image (no data: prefix). */
export function toSegmindBody(settings: ResolvedSettings, imageBase64: string, base64Answer: boolean): SegmindBody {
  const extras = Object.fromEntries(Object.entries(settings.advanced).filter(([key]) => !SEGMIND_FIELDS.has(key)));
  const body: SegmindBody = {
    ...extras,
    image: imageBase64,
    prompt: settings.prompt,
    negative_prompt: settings.negativePrompt,
    samples: settings.samples,
    scheduler: settings.scheduler,
    num_inference_steps: settings.steps,
    guidance_scale: settings.guidanceScale,
    controlnet_scale: settings.controlScale,
    seed: settings.seed,
    base64: base64Answer,
  };
  if (settings.strength !== undefined) body.strength = settings.strength;
  return body;
}

/** The other way: Segmind's flat snake_case body as our settings (still to be parsed); unknown fields travel in `advanced`, as toSegmindBody sends them. */
export function settingsFromSegmindBody(body: SegmindBody): GenerationSettingsInput {
  return {
    prompt: body.prompt,
    negativePrompt: body.negative_prompt,
    samples: body.samples,
    scheduler: body.scheduler,
    steps: body.num_inference_steps,
    guidanceScale: body.guidance_scale,
    controlScale: body.controlnet_scale,
    ...(body.strength !== undefined ? { strength: body.strength } : {}),
    seed: body.seed === -1 ? "random" : body.seed,
    advanced: Object.fromEntries(Object.entries(body).filter(([key]) => !SEGMIND_FIELDS.has(key))),
  };
}
