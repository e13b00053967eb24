import {
  ContentTypeError,
  DepthRestyleError,
  ServerError,
  ValidationError,
  toErrorPayload,
  type ErrorCode,
  type ErrorPayload,
} from "../../core/errors";

/**
 * The gateway's own refusals of a request it understood: each travels as a "validation" error (the
 * client must change what it sends), and its kind picks the HTTP status.
 */
type RefusalKind = "job_not_found" | "job_conflict" | "upload_too_large";

abstract class RefusedRequestError extends ValidationError {
  abstract readonly kind: RefusalKind;
}
/** An unknown or expired job id. */
export class JobNotFoundError extends RefusedRequestError {
  readonly kind = "job_not_found";
}
/** The job is not in a state that allows this (result before done, cancel after done). */
export class JobConflictError extends RefusedRequestError {
  readonly kind = "job_conflict";
}
export class UploadTooLargeError extends RefusedRequestError {
  readonly kind = "upload_too_large";
}

/** HTTP status of each error kind on the gateway's own API: the only place a status is chosen. */
const STATUS: Record<ErrorCode | RefusalKind, number> = {
  job_not_found: 404,
  job_conflict: 409,
  upload_too_large: 413,
  auth: 401,
  forbidden: 403,
  credits: 402,
  spend_limit: 402,
  content_type: 415,
  validation: 400,
  model_not_found: 404,
  model_retired: 410,
  model_missing: 424,
  rate_limited: 429,
  queue_full: 429,
  server: 502,
  network: 502,
  timeout: 504,
  cancelled: 409,
  backend_unavailable: 503,
  local_network_blocked: 502,
  bad_response: 502,
  depth_model: 500,
  // Document failures happen in Express, never on the gateway; listed for completeness.
  source_layer: 409,
  image_load: 422,
  layer_data_full: 413,
  // Panel-only failures (Express refused a page rendition); the gateway never raises them.
  premium_content: 403,
  export_not_allowed: 403,
};

/** The same errors in the status codes Segmind uses, for the Segmind-compatible route. */
const SEGMIND_STATUS: Partial<Record<ErrorCode, number>> = {
  validation: 422,
  content_type: 406,
  credits: 406,
  spend_limit: 406,
  model_missing: 404,
  server: 500,
  network: 500,
  bad_response: 500,
  depth_model: 500,
  // Panel-only failures (Express refused a page rendition); the gateway never raises them.
  premium_content: 403,
  export_not_allowed: 403,
};

export interface Failure {
  status: number;
  payload: ErrorPayload;
}

interface FrameworkError {
  code?: unknown;
  statusCode?: unknown;
  message?: unknown;
}

const failureOf = (error: DepthRestyleError): Failure => ({
  status: STATUS[error instanceof RefusedRequestError ? error.kind : error.code],
  payload: toErrorPayload(error),
});

/** Fastify's own client errors (body parsing, size, content type) as typed errors; anything else is a bug (500). */
function fromFramework(error: FrameworkError, bodyLimitBytes: number): Failure | undefined {
  const status = typeof error.statusCode === "number" ? error.statusCode : 0;
  if (status < 400 || status >= 500) return undefined;
  const mb = (bodyLimitBytes / 1024 / 1024).toFixed(0);
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return failureOf(
      new UploadTooLargeError(`The request body is larger than this gateway's limit of ${mb} MB. Send a smaller image (the model works at about 1 megapixel), or restart the gateway with a larger --body-limit-mb.`),
    );
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") return failureOf(new ContentTypeError("Send the body as JSON with the header Content-Type: application/json."));
  // Any other client error keeps the status fastify chose for it.
  const said = typeof error.message === "string" ? error.message : "bad request";
  return { status, payload: toErrorPayload(new ValidationError(`The request could not be read (${said}). Send a JSON body as the API documentation at /docs/json describes.`)) };
}

/** Status and plain-data error for anything a route or hook threw. */
export function toFailure(error: unknown, bodyLimitBytes: number): Failure {
  if (error instanceof DepthRestyleError) return failureOf(error);
  const framework = typeof error === "object" && error !== null ? fromFramework(error as FrameworkError, bodyLimitBytes) : undefined;
  if (framework) return framework;
  return { status: 500, payload: toErrorPayload(new ServerError("The gateway failed unexpectedly. Try again; if it persists, report it with the gateway's log.", 500)) };
}

/** Segmind's status for the same failure (401 auth, 406 content type, 422 validation, 429 busy…). */
export function segmindStatus(failure: Failure): number {
  if (failure.status === 413 || failure.status === 404 || failure.status === 500) return failure.status;
  return SEGMIND_STATUS[failure.payload.code] ?? failure.status;
}
