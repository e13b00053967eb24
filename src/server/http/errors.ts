import {
  ContentTypeError,
  DepthRestyleError,
  ServerError,
  ValidationError,
  toErrorPayload,
  type ErrorCode,
  type ErrorPayload,
} from "../../core/errors";

/** HTTP status of each typed error on the gateway's own API. */
const STATUS: Record<ErrorCode, number> = {
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

/** Fastify's own client errors (body parsing, size, content type) as typed errors; anything else is a bug (500). */
function fromFramework(error: FrameworkError, bodyLimitBytes: number): Failure | undefined {
  const status = typeof error.statusCode === "number" ? error.statusCode : 0;
  if (status < 400 || status >= 500) return undefined;
  const mb = (bodyLimitBytes / 1024 / 1024).toFixed(0);
  if (error.code === "FST_ERR_CTP_BODY_TOO_LARGE")
    return {
      status: 413,
      payload: toErrorPayload(new ValidationError(`The request body is larger than this gateway's limit of ${mb} MB. Send a smaller image (the model works at about 1 megapixel), or restart the gateway with a larger --body-limit-mb.`)),
    };
  if (error.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE")
    return { status: 415, payload: toErrorPayload(new ContentTypeError("Send the body as JSON with the header Content-Type: application/json.")) };
  const said = typeof error.message === "string" ? error.message : "bad request";
  return { status, payload: toErrorPayload(new ValidationError(`The request could not be read (${said}). Send a JSON body as the API documentation at /docs/json describes.`)) };
}

/** Status and plain-data error for anything a route or hook threw. */
export function toFailure(error: unknown, bodyLimitBytes: number): Failure {
  if (error instanceof DepthRestyleError) {
    const own = (error as { httpStatus?: unknown }).httpStatus;
    return { status: typeof own === "number" ? own : STATUS[error.code], payload: toErrorPayload(error) };
  }
  const framework = typeof error === "object" && error !== null ? fromFramework(error as FrameworkError, bodyLimitBytes) : undefined;
  if (framework) return framework;
  return { status: 500, payload: toErrorPayload(new ServerError("The gateway failed unexpectedly. Try again; if it persists, report it with the gateway's log.", 500)) };
}

/** Segmind's status for the same failure (401 auth, 406 content type, 422 validation, 429 busy…). */
export function segmindStatus(failure: Failure): number {
  if (failure.status === 413 || failure.status === 404 || failure.status === 500) return failure.status;
  return SEGMIND_STATUS[failure.payload.code] ?? failure.status;
}
