/**
 * Deadlines for every client (Segmind, the gateway's HTTP calls and event stream, ComfyUI runs, the
 * job scheduler): the caller's signal joined with a time limit, so work stops on whichever comes
 * first and the failure can say which it was.
 */
export interface Deadline {
  /** Aborts when the caller's signal does or the time is up. */
  readonly signal: AbortSignal;
  /** True once the time limit has passed (checked before the caller's signal, as the earlier of the two). */
  timedOut(): boolean;
}

/** A fixed limit of `ms` from now. */
export function withDeadline(ms: number, signal?: AbortSignal): Deadline {
  const limit = AbortSignal.timeout(ms);
  return { signal: signal ? AbortSignal.any([signal, limit]) : limit, timedOut: () => limit.aborted };
}

export interface SilenceDeadline extends Deadline {
  /** Something was heard: the limit starts again from now. */
  heard(): void;
  /** Stops the clock for good (the work ended). */
  clear(): void;
}

/**
 * A limit on silence rather than on total time: a long run that keeps reporting (a heartbeat, a
 * progress event) goes on; `ms` without a word ends it. `reason` is the abort reason it gives.
 */
export function silenceDeadline(ms: number, signal?: AbortSignal, reason?: unknown): SilenceDeadline {
  const silence = new AbortController();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const heard = () => {
    clearTimeout(timer);
    if (!silence.signal.aborted) timer = setTimeout(() => silence.abort(reason), ms);
  };
  heard();
  return {
    signal: signal ? AbortSignal.any([signal, silence.signal]) : silence.signal,
    timedOut: () => silence.signal.aborted,
    heard,
    clear: () => clearTimeout(timer),
  };
}

/**
 * `work`, but once `signal` aborts it waits at most `graceMs` more, then rejects with the abort
 * reason: a stuck engine cannot hold its slot forever.
 */
export function boundAfterAbort<T>(work: Promise<T>, signal: AbortSignal, graceMs: number): Promise<T> {
  const stuck = new Promise<never>((_, reject) => {
    const onAbort = () => AbortSignal.timeout(graceMs).addEventListener("abort", () => reject(signal.reason), { once: true });
    if (signal.aborted) onAbort();
    else signal.addEventListener("abort", onAbort, { once: true });
    const settled = () => signal.removeEventListener("abort", onAbort);
    work.then(settled, settled);
  });
  return Promise.race([work, stuck]);
}
