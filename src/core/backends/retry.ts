import { CancelledError, NetworkError, RateLimitError, ServerError } from "../errors";

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
