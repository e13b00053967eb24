import { withDeadline } from "../deadline";
import { CancelledError, DepthRestyleError, NetworkError, RateLimitError, ServerError, TimeoutError } from "../errors";

/**
 * When to send a Segmind request again. Only a 200 is billed, so a 429 (after its reset time),
 * a 5xx and a connection that failed before the body left are safe to repeat; anything that may
 * have reached the model (timeouts, connections that died after sending) is not.
 */
export interface RetryPolicy {
  /** Further attempts after the first one. */
  maxRetries: number;
  /** First backoff step for 5xx / refused connections; doubles per attempt, full jitter. */
  baseDelayMs: number;
  maxDelayMs: number;
  /** A 429 whose reset lies further ahead than this fails at once instead of blocking the user. */
  maxRateLimitWaitMs: number;
  /** Wait for a 429 that names no reset time: Segmind's limits are per minute. */
  rateLimitFallbackMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 20_000,
  maxRateLimitWaitMs: 120_000,
  rateLimitFallbackMs: 60_000,
};

export type RetryDecision = { retry: false } | { retry: true; delayMs: number; rateLimited: boolean };

/** Exponential backoff with full jitter, so many panels do not retry in lockstep. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/** `attempt` counts retries already made (0 after the first failure). */
export function decideRetry(error: unknown, attempt: number, policy: RetryPolicy, random: () => number): RetryDecision {
  if (attempt >= policy.maxRetries) return { retry: false };
  if (error instanceof RateLimitError) {
    const wait = error.retryAfterMs ?? policy.rateLimitFallbackMs;
    if (wait > policy.maxRateLimitWaitMs) return { retry: false };
    // A little jitter AFTER the reset, never before it.
    return { retry: true, delayMs: Math.max(0, wait) + Math.round(random() * 250), rateLimited: true };
  }
  if (error instanceof ServerError || (error instanceof NetworkError && !error.sent))
    return { retry: true, delayMs: backoffDelay(attempt, policy, random), rateLimited: false };
  return { retry: false };
}

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** setTimeout-based sleep that rejects with CancelledError as soon as `signal` aborts. */
export const realSleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    const cancelled = () => new CancelledError("Cancelled while waiting to retry. Nothing was sent or billed during the wait.");
    if (signal?.aborted) return reject(cancelled());
    const onAbort = () => {
      clearTimeout(timer);
      reject(cancelled());
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** Error codes meaning the TCP connection was never made, so the body cannot have been sent. */
const NOT_SENT_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "UND_ERR_CONNECT_TIMEOUT"]);

/** Node's fetch wraps the socket error in `cause` (sometimes an AggregateError of several addresses). */
function failedBeforeSend(error: unknown, depth = 0): boolean {
  if (depth > 4 || typeof error !== "object" || error === null) return false;
  const { code, cause, errors } = error as { code?: unknown; cause?: unknown; errors?: unknown };
  if (typeof code === "string" && NOT_SENT_CODES.has(code)) return true;
  if (Array.isArray(errors) && errors.length > 0 && errors.every((e) => failedBeforeSend(e, depth + 1))) return true;
  return failedBeforeSend(cause, depth + 1);
}

/** " (ECONNREFUSED)" from a runtime that names the cause; nothing from a browser's bare "Failed to fetch". */
function describeCause(error: unknown): string {
  let current: unknown = error;
  for (let i = 0; i < 4 && typeof current === "object" && current !== null; i++) {
    const { code, cause } = current as { code?: unknown; cause?: unknown };
    if (typeof code === "string") return ` (${code})`;
    current = cause;
  }
  return error instanceof TypeError ? "" : ` (${error instanceof Error ? error.message : String(error)})`;
}

export interface AttemptOptions {
  signal?: AbortSignal;
  timeoutMs: number;
  /**
   * Set for the billed generate request: after a connection failure whose cause the runtime hides
   * (a browser's fetch), answers whether Segmind is reachable now with a free request. Unreachable
   * means the paid request most likely never arrived, so the user is not told it may be billed.
   * Unset (the free credit check): no failure ever mentions billing.
   */
  reachable?: () => Promise<boolean>;
}

/**
 * Runs `work` (fetch + reading the body) under the user's signal and a timeout, and turns every
 * way it can fail without an HTTP answer into a typed error. A browser's fetch gives no cause, so
 * there a failed connection counts as possibly sent: never retried, never double-billed.
 */
export async function runAttempt<T>(url: string, options: AttemptOptions, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const { signal, timeoutMs, reachable } = options;
  const paid = reachable !== undefined;
  if (signal?.aborted) throw new CancelledError("Cancelled before anything was sent to Segmind.");
  const deadline = withDeadline(timeoutMs, signal);
  try {
    return await work(deadline.signal);
  } catch (error) {
    if (error instanceof DepthRestyleError) throw error;
    if (deadline.timedOut())
      throw new TimeoutError(
        paid
          ? `Segmind did not answer within ${Math.round(timeoutMs / 1000)} s. The image may still have been generated and billed: check your Segmind history (console → Usage) before trying again, or raise the timeout.`
          : `Segmind did not answer within ${Math.round(timeoutMs / 1000)} s. Check your internet connection and the base URL, then test again.`,
        { cause: error },
      );
    if (signal?.aborted)
      throw new CancelledError(paid ? "Cancelled. If the request had already reached Segmind it may still be billed: check your Segmind history." : "Cancelled.", { cause: error });
    const notReached = `Could not reach Segmind at ${url}${describeCause(error)}. Check your internet connection and Segmind's address (base URL), then try again.`;
    if (failedBeforeSend(error)) throw new NetworkError(`${notReached}${paid ? " Nothing was sent or billed." : ""}`, false, { cause: error });
    // Still counted as possibly sent (never retried automatically): only the wording depends on the probe.
    if (!paid || !(await reachable().catch(() => false))) throw new NetworkError(notReached, true, { cause: error });
    throw new NetworkError(
      `The connection to Segmind broke after the request was sent${describeCause(error)}. It may have been processed and billed: check your Segmind history (console → Usage) before trying again.`,
      true,
      { cause: error },
    );
  }
}
