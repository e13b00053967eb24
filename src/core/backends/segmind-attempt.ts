import { CancelledError, DepthRestyleError, NetworkError, TimeoutError } from "../errors";

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
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = () => controller.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  try {
    return await work(controller.signal);
  } catch (error) {
    if (error instanceof DepthRestyleError) throw error;
    if (timedOut)
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
  } finally {
    clearTimeout(timer);
    signal?.removeEventListener("abort", onAbort);
  }
}
