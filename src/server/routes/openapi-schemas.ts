import { z } from "zod";
import {
  EnginesAnswerSchema,
  GatewayErrorBodySchema,
  HealthSchema,
  JobAcceptedSchema,
  JobCancelledSchema,
  JobEventSchema,
  JobRequestSchema,
  JobResultSchema,
} from "../../shared/gateway-api";
import { SegmindBodySchema } from "../../shared/segmind-body";

/**
 * Route schemas for the OpenAPI document only, generated from the zod schemas that really parse
 * the bodies (the app turns fastify's own validation off, so there is one parse and one error shape).
 */
const json = (schema: z.ZodType, io: "input" | "output" = "output") => z.toJSONSchema(schema, { io, target: "openapi-3.0" }) as Record<string, unknown>;
const error = json(GatewayErrorBodySchema);
const idParams = { type: "object", properties: { id: { type: "string" } }, required: ["id"] };
const secured = [{ bearer: [] }];

export const JOB_ROUTE_SCHEMAS = {
  submit: {
    summary: "Queue a restyle job: JSON as below, or multipart/form-data with the field `job` (the same JSON without `image`) and the image file as the part `image`",
    security: secured,
    body: json(JobRequestSchema, "input"),
    response: { 202: json(JobAcceptedSchema), 400: error, 401: error, 413: error, 429: error, 503: error },
  },
  events: {
    summary: "Follow a job (text/event-stream; the event name is the type of each JobEvent below)",
    security: secured,
    params: idParams,
    response: { 200: { description: "Server-Sent Events", content: { "text/event-stream": { schema: json(JobEventSchema) } } }, 404: error },
  },
  result: { summary: "Images (and depth map) of a finished job", security: secured, params: idParams, response: { 200: json(JobResultSchema), 404: error, 409: error } },
  cancel: { summary: "Cancel a queued or running job", security: secured, params: idParams, response: { 200: json(JobCancelledSchema), 404: error, 409: error } },
  engines: { summary: "Each worker's connection, versions and missing models", security: secured, response: { 200: json(EnginesAnswerSchema) } },
  health: { summary: "Liveness (no token needed)", response: { 200: json(HealthSchema) } },
  segmind: {
    summary: "Segmind-compatible synchronous SSD-1B Depth (x-api-key = gateway token; raw image or base64 JSON answer)",
    security: [{ apiKey: [] }],
    body: json(SegmindBodySchema, "input"),
    response: { 200: { description: "The image bytes (base64: false) or { image, images } (base64: true)" }, 401: json(z.object({ error: z.string() })) },
  },
} as const;
