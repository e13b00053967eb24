/**
 * Scripted answers for the fake Segmind server (see segmind-server.ts). Each scripted step is
 * consumed by one generate request, after the body was received and before any validation —
 * like a real server that fails for its own reasons. Messages imitate Segmind's `{ error }` JSON.
 */

export type FakeStep =
  /** Answer as the real endpoint would (validation included). */
  | { kind: "ok" }
  /** Answer successfully but put the base64 images in this JSON field, whatever `base64` said. */
  | { kind: "json_field"; field: "image" | "images" | "output" }
  /** Any HTTP error with a JSON `{ error }` body (or `html` for the 405-style HTML page). */
  | { kind: "error"; status: number; error: string; headers?: Record<string, string>; html?: boolean }
  /** Answer successfully, but with sample `index` cut to half its bytes (an image broken on the way). */
  | { kind: "truncated_sample"; index: number }
  /** Read the body, then never answer (client timeouts). */
  | { kind: "hang" }
  /** Read the body, then destroy the socket without answering (connection died after sending). */
  | { kind: "destroy" };

const error = (status: number, message: string): FakeStep => ({ kind: "error", status, error: message });

/** Every failure Segmind documents for the endpoint, as scripted steps. */
export const FAKE_ERRORS = {
  auth: error(401, "Invalid API key"),
  forbidden: error(403, "Forbidden: this API key is not permitted to use this model"),
  notFound: error(404, "Model not found"),
  credits: error(406, "Not enough credits"),
  spendLimit: error(406, "Team spend limit reached for this billing period"),
  contentType: error(406, "Unsupported content type, expected application/json"),
  retired: error(410, "This model has been retired"),
  validation: error(422, "num_inference_steps: must be less than or equal to 100"),
  server: error(500, "Internal server error"),
  unavailable: error(503, "Service temporarily unavailable"),
} satisfies Record<string, FakeStep>;

/** A 429 with Segmind's reset header (ISO time), and optionally a standard Retry-After. */
export function rateLimitStep(resetAt: Date, retryAfterSeconds?: number): FakeStep {
  const headers: Record<string, string> = { "x-rate-limit-reset-at-utc": resetAt.toISOString() };
  if (retryAfterSeconds !== undefined) headers["retry-after"] = String(retryAfterSeconds);
  return { kind: "error", status: 429, error: "Rate limit exceeded", headers };
}
