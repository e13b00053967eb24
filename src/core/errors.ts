import { z } from "zod";

/**
 * One class per failure the user can meet. Every message says what to do about it;
 * `code` survives serialization across the panel/worker/gateway boundaries.
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
  "bad_response",
  "depth_model",
  "premium_content",
  "export_not_allowed",
] as const;
export const ErrorCodeSchema = z.enum(ERROR_CODES);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export abstract class DepthRestyleError extends Error {
  abstract readonly code: ErrorCode;
  /** True when sending the same request again later may succeed without the user changing anything. */
  readonly retryable: boolean = false;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

export class AuthError extends DepthRestyleError {
  readonly code = "auth";
}
export class ForbiddenError extends DepthRestyleError {
  readonly code = "forbidden";
}
export class CreditsError extends DepthRestyleError {
  readonly code = "credits";
}
export class SpendLimitError extends DepthRestyleError {
  readonly code = "spend_limit";
}
export class ContentTypeError extends DepthRestyleError {
  readonly code = "content_type";
}
export class ValidationError extends DepthRestyleError {
  readonly code = "validation";
}
export class ModelNotFoundError extends DepthRestyleError {
  readonly code = "model_not_found";
}
export class ModelRetiredError extends DepthRestyleError {
  readonly code = "model_retired";
}
/** A ComfyUI node or model file the workflow needs is not installed; `missing` names each. */
export class ModelMissingError extends DepthRestyleError {
  readonly code = "model_missing";
  constructor(
    message: string,
    readonly missing: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
/** The server asked us to come back later; `retryAfterMs` says when, if it said. */
abstract class RetryLaterError extends DepthRestyleError {
  override readonly retryable = true;
  constructor(
    message: string,
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
export class RateLimitError extends RetryLaterError {
  readonly code = "rate_limited";
}
export class QueueFullError extends RetryLaterError {
  readonly code = "queue_full";
}
export class ServerError extends DepthRestyleError {
  readonly code = "server";
  override readonly retryable = true;
  constructor(
    message: string,
    readonly status?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
/** The connection failed; `sent` tells whether the request body may have reached the server. */
export class NetworkError extends DepthRestyleError {
  readonly code = "network";
  constructor(
    message: string,
    readonly sent = false,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}
export class TimeoutError extends DepthRestyleError {
  readonly code = "timeout";
}
export class CancelledError extends DepthRestyleError {
  readonly code = "cancelled";
}
export class BackendUnavailableError extends DepthRestyleError {
  readonly code = "backend_unavailable";
}
export class BadResponseError extends DepthRestyleError {
  readonly code = "bad_response";
}
export class DepthModelError extends DepthRestyleError {
  readonly code = "depth_model";
}
/** Express refused to render the page: it holds Premium content the user's plan does not include. */
export class PremiumContentError extends DepthRestyleError {
  readonly code = "premium_content";
}
/** Express refused to render the page for export: the document is under review and not approved. */
export class ExportNotAllowedError extends DepthRestyleError {
  readonly code = "export_not_allowed";
}

/** Plain-data form of an error, for postMessage, SSE and JSON bodies. */
export const ErrorPayloadSchema = z.object({
  code: ErrorCodeSchema,
  message: z.string(),
  retryAfterMs: z.number().nonnegative().optional(),
  missing: z.array(z.string()).optional(),
  status: z.number().int().optional(),
});
export type ErrorPayload = z.infer<typeof ErrorPayloadSchema>;

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof DepthRestyleError) {
    const payload: ErrorPayload = { code: error.code, message: error.message };
    if (error instanceof RetryLaterError && error.retryAfterMs !== undefined)
      payload.retryAfterMs = error.retryAfterMs;
    if (error instanceof ModelMissingError) payload.missing = [...error.missing];
    if (error instanceof ServerError && error.status !== undefined) payload.status = error.status;
    return payload;
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "server", message: `Unexpected failure: ${message}. Try again; if it persists, report it.` };
}

export function fromErrorPayload(payload: ErrorPayload): DepthRestyleError {
  const { code, message } = payload;
  switch (code) {
    case "auth": return new AuthError(message);
    case "forbidden": return new ForbiddenError(message);
    case "credits": return new CreditsError(message);
    case "spend_limit": return new SpendLimitError(message);
    case "content_type": return new ContentTypeError(message);
    case "validation": return new ValidationError(message);
    case "model_not_found": return new ModelNotFoundError(message);
    case "model_retired": return new ModelRetiredError(message);
    case "model_missing": return new ModelMissingError(message, payload.missing ?? []);
    case "rate_limited": return new RateLimitError(message, payload.retryAfterMs);
    case "queue_full": return new QueueFullError(message, payload.retryAfterMs);
    case "server": return new ServerError(message, payload.status);
    case "network": return new NetworkError(message);
    case "timeout": return new TimeoutError(message);
    case "cancelled": return new CancelledError(message);
    case "backend_unavailable": return new BackendUnavailableError(message);
    case "bad_response": return new BadResponseError(message);
    case "depth_model": return new DepthModelError(message);
    case "premium_content": return new PremiumContentError(message);
    case "export_not_allowed": return new ExportNotAllowedError(message);
  }
}
