import { CancelledError, type DepthRestyleError } from "../../../src/core/errors";
import type { Engine, EngineEvent, EngineJob, EngineOutput, EngineStatus } from "../../../src/server/engines/engine";

/**
 * An in-test Engine for the queue and HTTP tests that do not need ComfyUI: it reports `steps`
 * progress events `stepMs` apart, then answers `output`. `gate()` holds a run until released;
 * `failWith` makes runs fail; aborting the signal rejects with CancelledError, like a real engine.
 */
export interface EngineDouble extends Engine {
  runs: EngineJob[];
  cancelled: string[];
  failWith: DepthRestyleError | undefined;
  /** Holds every later run after its first progress event until `release()`. */
  hold(): void;
  release(): void;
  closed: boolean;
}

export function createEngineDouble(id: string, output: EngineOutput, options: { steps?: number; stepMs?: number; kind?: Engine["kind"] } = {}): EngineDouble {
  const steps = options.steps ?? 3;
  const stepMs = options.stepMs ?? 1;
  let held: Promise<void> | undefined;
  let releaseHeld: (() => void) | undefined;
  const double: EngineDouble = {
    id,
    kind: options.kind ?? "comfyui",
    busy: 0,
    runs: [],
    cancelled: [],
    failWith: undefined,
    closed: false,
    hold() {
      held = new Promise((resolve) => (releaseHeld = resolve));
    },
    release() {
      releaseHeld?.();
      held = undefined;
    },
    async run(job, { signal, onEvent }) {
      double.runs.push(job);
      (double as { busy: number }).busy++;
      try {
        const wait = (promise: Promise<void>) =>
          new Promise<void>((resolve, reject) => {
            const onAbort = () => {
              double.cancelled.push(job.id);
              reject(new CancelledError("cancelled"));
            };
            if (signal.aborted) return onAbort();
            signal.addEventListener("abort", onAbort, { once: true });
            void promise.then(() => {
              signal.removeEventListener("abort", onAbort);
              resolve();
            });
          });
        const emit = (event: EngineEvent) => onEvent(event);
        emit({ type: "started" });
        for (let step = 1; step <= steps; step++) {
          await wait(new Promise((resolve) => setTimeout(resolve, stepMs)));
          emit({ type: "progress", step, max: steps });
          if (step === 1 && held) await wait(held);
        }
        if (double.failWith) throw double.failWith;
        if (job.wantDepth) emit({ type: "depth" });
        return job.wantDepth ? output : { images: output.images };
      } finally {
        (double as { busy: number }).busy--;
      }
    },
    async status(): Promise<EngineStatus> {
      return { id, kind: double.kind, reachable: true, missingNodes: [], missingModels: [] };
    },
    async close() {
      double.closed = true;
    },
  };
  return double;
}
