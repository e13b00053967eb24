import { z } from "zod";

/**
 * The kind of every failure the user can meet; `code` survives serialization across the
 * panel/worker/sandbox/gateway boundaries, and core has one error class per code.
 */
export const ERROR_CODES = [
  "auth",
  "forbidden",
  "credits",
  "spend_limit",
  "content_type",
  "validation",
  "model_not_found",
  "model_retired",
  "model_missing",
  "rate_limited",
  "queue_full",
  "server",
  "network",
  "timeout",
  "cancelled",
  "backend_unavailable",
  "local_network_blocked",
  "bad_response",
  "depth_model",
  "source_layer",
  "image_load",
  "layer_data_full",
  "premium_content",
  "export_not_allowed",
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

/**
 * Plain-data form of an error, for postMessage, SSE, JSON bodies and Express's runtime bridge
 * (which carries only name, message and stack of an Error). Beyond code and message, every
 * field is a detail: it travels under the same name as the error class's own property, so a
 * new detail is one optional field here plus that property.
 */
export const ErrorPayloadSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  retryAfterMs: z.number().nonnegative().optional(),
  missing: z.array(z.string()).optional(),
  status: z.number().int().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>;
