import type { FastifyInstance } from "fastify";
import { encodeBase64 } from "../../core/image-bytes";
import { fromErrorPayload, parseInput } from "../../core/errors";
import { JobRequestSchema, type JobResult } from "../../shared/gateway-api";
import type { Job } from "../jobs/job";
import { JobConflictError } from "../http/errors";
import type { JobService } from "../jobs/service";
import { PASS_THROUGH_LIMITS } from "../../shared/settings";
import { refuseManyFields, takeBody } from "./body";
import { readJobUpload } from "./job-upload";
import { JOB_ROUTE_SCHEMAS } from "./openapi-schemas";

type IdParams = { Params: { id: string } };

function resultOf(job: Job): JobResult {
  if (job.state === "failed" && job.error) throw fromErrorPayload(job.error);
  if (job.state !== "done" || !job.output)
    throw new JobConflictError(`Job ${job.id} is still ${job.state}. Wait for its "done" event on /v1/jobs/${job.id}/events, then fetch the result.`);
  const encode = (image: { bytes: Uint8Array; mimeType: string }) => ({ mimeType: image.mimeType as JobResult["images"][number]["mimeType"], base64: encodeBase64(image.bytes) });
  const { width, height } = job.renderSize;
  const result: JobResult = { id: job.id, seed: job.work.settings.seed, width, height, images: job.output.images.map(encode) };
  if (job.output.depthMap) result.depthMap = encode(job.output.depthMap);
  return result;
}

/** The JSON body's pass-through fields, counted before any schema walks them. */
const advancedOf = (body: unknown): unknown => (body as { settings?: { advanced?: unknown } } | undefined)?.settings?.advanced;

/**
 * POST /v1/jobs (JSON with a base64 image, or multipart with the image as a file part), GET
 * …/result, DELETE …: the asynchronous job API.
 */
export function registerJobRoutes(app: FastifyInstance, service: JobService, bodyLimitBytes: number): void {
  app.post("/v1/jobs", { schema: JOB_ROUTE_SCHEMAS.submit }, async (request, reply) => {
    let job: Job;
    if (request.isMultipart()) {
      const { upload, bytes, controlBytes } = await readJobUpload(request, bodyLimitBytes);
      job = await service.submitUpload(upload, bytes, controlBytes);
    } else {
      refuseManyFields(advancedOf(request.body), PASS_THROUGH_LIMITS.fields, "settings.advanced");
      job = await service.submitRequest(parseInput(JobRequestSchema, takeBody(request), "job request"));
    }
    return reply.code(202).send({ id: job.id, position: job.position });
  });

  app.get<IdParams>("/v1/jobs/:id/result", { schema: JOB_ROUTE_SCHEMAS.result }, async (request) => resultOf(service.get(request.params.id)));

  app.delete<IdParams>("/v1/jobs/:id", { schema: JOB_ROUTE_SCHEMAS.cancel }, async (request) => {
    const job = service.cancel(request.params.id);
    return { id: job.id, state: "cancelled" as const };
  });
}
