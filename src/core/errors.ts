import type { z } from "zod";
import { ErrorPayloadSchema, type ErrorCode, type ErrorPayload } from "../shared/error-payload";
import { describeIssues, GenerationSettingsSchema, type GenerationSettings } from "../shared/settings";

export { ERROR_CODES, ErrorCodeSchema, ErrorPayloadSchema, type ErrorCode, type ErrorPayload } from "../shared/error-payload";

/** One class per failure the user can meet. Every message says what to do about it. */
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
/** The browser refused a request from the (public) add-on page to this computer or its network: Local Network Access. */
export class LocalNetworkBlockedError extends DepthRestyleError {
  readonly code = "local_network_blocked";
}
export class BadResponseError extends DepthRestyleError {
  readonly code = "bad_response";
}
export class DepthModelError extends DepthRestyleError {
  readonly code = "depth_model";
}
/** The layer a document edit names cannot take the new layers (deleted, on another page, no area, not in a container). */
export class SourceLayerError extends DepthRestyleError {
  readonly code = "source_layer";
}
/** Express could not load the image bytes sent to the document (not PNG/JPEG, damaged, or over its import limits). */
export class ImageLoadError extends DepthRestyleError {
  readonly code = "image_load";
}
/** A layer's add-on data (20 keys, about 3 KB per layer) cannot take what the add-on stores on it. */
export class LayerDataFullError extends DepthRestyleError {
  readonly code = "layer_data_full";
}
/** Express refused to render the page: it holds Premium content the user's plan does not include. */
export class PremiumContentError extends DepthRestyleError {
  readonly code = "premium_content";
}
/** Express refused to render the page for export: the document is under review and not approved. */
export class ExportNotAllowedError extends DepthRestyleError {
  readonly code = "export_not_allowed";
}

type ErrorDetails = Omit<ErrorPayload, "code" | "message">;

const DETAIL_KEYS = Object.keys(ErrorPayloadSchema.shape).filter((key) => key !== "code" && key !== "message") as Array<keyof ErrorDetails>;

/** The class for each code; details are set on the instance after construction. */
const ERROR_CLASSES: { [C in ErrorCode]: new (message: string) => DepthRestyleError & { code: C } } = {
  auth: AuthError,
  forbidden: ForbiddenError,
  credits: CreditsError,
  spend_limit: SpendLimitError,
  content_type: ContentTypeError,
  validation: ValidationError,
  model_not_found: ModelNotFoundError,
  model_retired: ModelRetiredError,
  model_missing: ModelMissingError,
  rate_limited: RateLimitError,
  queue_full: QueueFullError,
  server: ServerError,
  network: NetworkError,
  timeout: TimeoutError,
  cancelled: CancelledError,
  backend_unavailable: BackendUnavailableError,
  local_network_blocked: LocalNetworkBlockedError,
  bad_response: BadResponseError,
  depth_model: DepthModelError,
  source_layer: SourceLayerError,
  image_load: ImageLoadError,
  layer_data_full: LayerDataFullError,
  premium_content: PremiumContentError,
  export_not_allowed: ExportNotAllowedError,
};

export function toErrorPayload(error: unknown): ErrorPayload {
  if (error instanceof DepthRestyleError) {
    const own = error as DepthRestyleError & Partial<Record<keyof ErrorDetails, unknown>>;
    const details = Object.fromEntries(DETAIL_KEYS.filter((key) => own[key] !== undefined).map((key) => [key, own[key]]));
    const parsed = ErrorPayloadSchema.safeParse({ ...details, code: error.code, message: error.message });
    if (parsed.success) return parsed.data;
    return { code: error.code, message: error.message };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: "server", message: `Unexpected failure: ${message}. Try again; if it persists, report it.` };
}

export function fromErrorPayload(payload: ErrorPayload): DepthRestyleError {
  const { code, message, ...details } = payload;
  const error = new ERROR_CLASSES[code](message);
  for (const key of DETAIL_KEYS) if (details[key] !== undefined) Object.assign(error, { [key]: details[key] });
  return error;
}

/** The one parse of untrusted input at an edge: bad input becomes a ValidationError naming every bad field and its allowed range. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(input);
  if (!result.success) throw new ValidationError(`Invalid ${what} — ${describeIssues(result.error)}.`);
  return result.data;
}

/** Untrusted settings (a CLI's flags, a stored preset), parsed once. */
export const parseSettings = (input: unknown): GenerationSettings => parseInput(GenerationSettingsSchema, input, "settings");
