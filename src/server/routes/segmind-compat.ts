import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { encodeBase64 } from "../../core/image-bytes";
import { BadResponseError, fromErrorPayload, parseInput } from "../../core/errors";
import { SEGMIND_FIELDS, SSD_DEPTH_PATH, SegmindBodySchema, settingsFromSegmindBody, type SegmindBody } from "../../shared/segmind-body";
import { GenerationSettingsSchema, PASS_THROUGH_LIMITS, resolveSeed } from "../../shared/settings";
import { segmindStatus, toFailure } from "../http/errors";
import { fetchImageUrl, type ImageUrlOptions } from "../http/image-url";
import { acceptInputImage, decodeInputImage } from "../jobs/input-image";
import type { JobService, SubmitInput } from "../jobs/service";
import { refuseManyFields, takeBody } from "./body";
import { JOB_ROUTE_SCHEMAS } from "./openapi-schemas";

const URL_LIKE = /^[a-z][a-z0-9+.-]*:\/\//i;

/** The job a Segmind body asks for; Segmind takes `image` as a URL or as base64, and so does this route. */
async function segmindJob(body: SegmindBody, random: () => number, imageUrls: ImageUrlOptions, signal: AbortSignal): Promise<SubmitInput> {
  const image = URL_LIKE.test(body.image) ? await acceptInputImage(await fetchImageUrl(body.image, imageUrls, signal), "image") : await decodeInputImage(body.image, "image");
  return { kind: "comfyui", image, imageField: "image", settings: resolveSeed(parseInput(GenerationSettingsSchema, settingsFromSegmindBody(body), "request"), random), wantDepth: false };
}

/** Errors as Segmind words them: `{ error: "…" }` with Segmind's status codes. */
function segmindError(bodyLimitBytes: number) {
  return (error: unknown, request: FastifyRequest, reply: FastifyReply) => {
    const failure = toFailure(error, bodyLimitBytes);
    const status = segmindStatus(failure);
    if (status >= 500) request.log.error({ err: error }, "Segmind-compatible request failed");
    if (failure.payload.retryAfterMs !== undefined) {
      reply.header("retry-after", String(Math.ceil(failure.payload.retryAfterMs / 1000)));
      reply.header("x-rate-limit-reset-at-utc", new Date(Date.now() + failure.payload.retryAfterMs).toISOString());
    }
    return reply.code(status).send({ error: failure.payload.message });
  };
}

/**
 * POST /v1/ssd-depth — the same path, body and answers as Segmind's endpoint, served by the local
 * workers, so Segmind sample code and `depth-restyle generate --base-url` work unchanged. Synchronous:
 * it answers when the job ends, and cancels the job if the caller hangs up first.
 */
export function registerSegmindRoute(app: FastifyInstance, service: JobService, random: () => number, bodyLimitBytes: number, imageUrls: ImageUrlOptions): void {
  app.post(
    SSD_DEPTH_PATH,
    { config: { apiKeyHeader: true }, errorHandler: segmindError(bodyLimitBytes), schema: JOB_ROUTE_SCHEMAS.segmind },
    async (request, reply) => {
      refuseManyFields(request.body, SEGMIND_FIELDS.size + PASS_THROUGH_LIMITS.fields, "request");
      const body = parseInput(SegmindBodySchema, takeBody(request), "request");
      service.scheduler.assertRoom("comfyui");
      const base64Answer = body.base64;
      const hangUp = new AbortController();
      reply.raw.once("close", () => hangUp.abort());
      // The body (and its base64 text) is not needed once the job is queued.
      const job = await service.submit(await segmindJob(body, random, imageUrls, hangUp.signal));
      const { settings } = job.work;
      reply.raw.once("close", () => {
        if (!reply.raw.writableFinished) service.scheduler.cancel(job, "The caller hung up before the image was ready.");
      });
      await job.settled;
      if (job.state === "failed" && job.error) throw fromErrorPayload(job.error);
      const images = job.output?.images ?? [];
      const first = images[0];
      if (!first) throw new BadResponseError("The job finished without an image. Try again; if it repeats, check the ComfyUI output nodes.");
      const { width, height } = job.renderSize;
      reply.header("x-seed", String(settings.seed));
      reply.header("x-image-width", String(width));
      reply.header("x-image-height", String(height));
      if (base64Answer) return { image: encodeBase64(first.bytes), images: images.map((i) => encodeBase64(i.bytes)), seed: settings.seed, width, height };
      // Raw bytes carry one image, as on Segmind; ask with base64: true for all samples.
      return reply.type(first.mimeType).send(Buffer.from(first.bytes.buffer, first.bytes.byteOffset, first.bytes.byteLength));
    },
  );
}
