import type { FastifyInstance } from "fastify";
import { encodeBase64 } from "../../core/base64";
import { fromErrorPayload } from "../../core/errors";
import { JobRequestSchema, type JobResult } from "../../shared/gateway-api";
import type { Job } from "../jobs/job";
import { JobConflictError, type JobService } from "../jobs/service";
import { parseBody, takeBody } from "./body";
import { JOB_ROUTE_SCHEMAS } from "./openapi-schemas";

type IdParams = { Params: { id: string } };

function resultOf(job: Job): JobResult {
  if (job.state === "failed" && job.error) throw fromErrorPayload(job.error);
  if (job.state !== "done" || !job.output)
    throw new JobConflictError(`Job ${job.id} is still ${job.state}. Wait for its "done" event on /v1/jobs/${job.id}/events, then fetch the result.`);
  const encode = (image: { bytes: Uint8Array; mimeType: string }) => ({ mimeType: image.mimeType as JobResult["images"][number]["mimeType"], base64: encodeBase64(image.bytes) });
  const { width, height } = job.work.image;
  const result: JobResult = { id: job.id, seed: job.work.settings.seed, width, height, images: job.output.images.map(encode) };
  if (job.output.depthMap) result.depthMap = encode(job.output.depthMap);
  return result;
}

/** POST /v1/jobs, GET …/result, DELETE …: the asynchronous job API. */
export function registerJobRoutes(app: FastifyInstance, service: JobService): void {
  app.post("/v1/jobs", { schema: JOB_ROUTE_SCHEMAS.submit }, async (request, reply) => {
    const job = await service.submitRequest(parseBody(JobRequestSchema, takeBody(request), "job request"));
    return reply.code(202).send({ id: job.id, position: job.position });
  });

  app.get<IdParams>("/v1/jobs/:id/result", { schema: JOB_ROUTE_SCHEMAS.result }, async (request) => resultOf(service.get(request.params.id)));

  app.delete<IdParams>("/v1/jobs/:id", { schema: JOB_ROUTE_SCHEMAS.cancel }, async (request) => {
    const job = service.cancel(request.params.id);
    return { id: job.id, state: "cancelled" as const };
  });
}
