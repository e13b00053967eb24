import { CancelledError } from "../../core/errors";
import type { ImageJob, ImageResponse } from "./protocol";
import type { Encoded, ImageOps, Prepared } from "./types";

/** Neutral mid-grey: flattened transparency reads as "no content" to the depth estimator. */
export const NEUTRAL_BACKGROUND = "#808080";

export function createImageOps(worker: Worker): ImageOps {
  let nextId = 1;
  type Answer = Encoded & { mask?: Encoded };
  const pending = new Map<number, { resolve: (e: Answer) => void; reject: (e: unknown) => void }>();
  worker.addEventListener("message", (event: MessageEvent<ImageResponse>) => {
    const response = event.data;
    const waiter = pending.get(response.id);
    if (!waiter) return;
    pending.delete(response.id);
    if (response.ok) waiter.resolve({ bytes: response.bytes, mimeType: response.mimeType, size: response.size, ...(response.mask ? { mask: response.mask } : {}) });
    else waiter.reject(new Error(`Image processing failed: ${response.message}`));
  });
  worker.addEventListener("error", (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`Image worker crashed: ${event.message}`));
    pending.clear();
  });

  function run(job: ImageJob, transfer: Transferable[], signal?: AbortSignal): Promise<Answer> {
    if (signal?.aborted) return Promise.reject(new CancelledError("Cancelled."));
    const id = nextId++;
    return new Promise<Answer>((resolve, reject) => {
      const onAbort = () => {
        pending.delete(id);
        reject(new CancelledError("Cancelled."));
      };
      signal?.addEventListener("abort", onAbort, { once: true });
      const done = <T>(fn: (v: T) => void) => (v: T) => {
        signal?.removeEventListener("abort", onAbort);
        fn(v);
      };
      pending.set(id, { resolve: done(resolve), reject: done(reject) });
      worker.postMessage({ ...job, id }, transfer);
    });
  }

  return {
    // The blobs go as they are (a handle, no pixels): decoding and cropping happen in the worker.
    prepare: async (source, cut, size, signal): Promise<Prepared> => {
      const { mask, ...input } = await run({ op: "prepare", source, cut, size, background: NEUTRAL_BACKGROUND, quality: 0.92 }, [], signal);
      return mask ? { input, mask } : { input };
    },
    cutout: (source, cut, size, signal) => run({ op: "prepare", source, cut, size, background: null, quality: 1 }, [], signal),
    resize: (bytes, mimeType, size, outMimeType, signal, mask) => {
      // Copy first: the caller keeps its bytes (history holds them) while the worker owns the copy.
      const copy = bytes.slice(0);
      return run({ op: "resize", bytes: copy, mimeType, size, outMimeType, quality: 0.95, ...(mask ? { mask } : {}) }, [copy], signal);
    },
    dispose: () => worker.terminate(),
  };
}

/** The panel's worker; webpack bundles image.worker.ts as its own module chunk. */
export function createImageWorkerOps(): ImageOps {
  return createImageOps(new Worker(new URL("./image.worker.ts", import.meta.url), { type: "module" }));
}
