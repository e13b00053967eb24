import { CancelledError } from "../../core/errors";
import type { ImageJob, ImageResponse } from "./protocol";
import type { Encoded, ImageOps } from "./types";

/** Neutral mid-grey: flattened transparency reads as "no content" to the depth estimator. */
export const NEUTRAL_BACKGROUND = "#808080";

export function createImageOps(worker: Worker): ImageOps {
  let nextId = 1;
  const pending = new Map<number, { resolve: (e: Encoded) => void; reject: (e: unknown) => void }>();
  worker.addEventListener("message", (event: MessageEvent<ImageResponse>) => {
    const response = event.data;
    const waiter = pending.get(response.id);
    if (!waiter) return;
    pending.delete(response.id);
    if (response.ok) waiter.resolve({ bytes: response.bytes, mimeType: response.mimeType, size: response.size });
    else waiter.reject(new Error(`Image processing failed: ${response.message}`));
  });
  worker.addEventListener("error", (event) => {
    for (const waiter of pending.values()) waiter.reject(new Error(`Image worker crashed: ${event.message}`));
    pending.clear();
  });

  function run(job: ImageJob, transfer: Transferable[], signal?: AbortSignal): Promise<Encoded> {
    if (signal?.aborted) return Promise.reject(new CancelledError("Cancelled."));
    const id = nextId++;
    return new Promise<Encoded>((resolve, reject) => {
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
    prepare: (bitmap, cut, size, signal) => {
      // In the browser every Bitmap the pipeline holds comes from createImageBitmap.
      const image = bitmap as ImageBitmap;
      return run({ op: "prepare", image, cut, size, background: NEUTRAL_BACKGROUND, mimeType: "image/jpeg", quality: 0.92 }, [image], signal);
    },
    cutout: (bitmap, cut, size, signal) => {
      const image = bitmap as ImageBitmap;
      return run({ op: "prepare", image, cut, size, background: null, mimeType: "image/png", quality: 1 }, [image], signal);
    },
    resize: (bytes, mimeType, size, outMimeType, signal) => {
      // Copy first: the caller keeps its bytes (history holds them) while the worker owns the copy.
      const copy = bytes.slice(0);
      return run({ op: "resize", bytes: copy, mimeType, size, outMimeType, quality: 0.95 }, [copy], signal);
    },
    dispose: () => worker.terminate(),
  };
}

/** The panel's worker; webpack bundles image.worker.ts as its own module chunk. */
export function createImageWorkerOps(): ImageOps {
  return createImageOps(new Worker(new URL("./image.worker.ts", import.meta.url), { type: "module" }));
}
