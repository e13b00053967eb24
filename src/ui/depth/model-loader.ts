/**
 * Gets the model bytes (cache first, then the network with progress), opens them, and only
 * then caches them, so a corrupt or wrong download is never kept. Every failure is a
 * DepthModelError saying what to check.
 */
import { downloadModel, type DownloadProgress } from "../../core/depth/download";
import { DepthModelError } from "../../core/errors";

export type { DownloadProgress };

/** Name of the Cache API bucket holding downloaded models; bump the suffix to drop old entries. */
export const MODEL_CACHE_NAME = "depth-restyle-models-v1";

/** The slice of the Cache API the loader uses (window.caches / self.caches entries fit it). */
export interface ModelCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
  keys(): Promise<readonly { url: string }[]>;
}

export interface LoadModelDeps {
  fetch: (url: string) => Promise<Response>;
  cache?: ModelCache;
}

export interface LoadedModel<S> {
  session: S;
  source: "cache" | "network";
}

const reason = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/** Stores the model and drops other models' entries: one model's worth of storage, not one per URL ever tried. */
async function cacheOnly(cache: ModelCache | undefined, url: string, body: Blob): Promise<void> {
  if (!cache) return;
  await cache.put(url, new Response(body, { headers: { "content-type": "application/octet-stream" } }));
  for (const entry of await cache.keys()) if (entry.url !== url) await cache.delete(entry.url);
}

export async function loadModel<S>(
  url: string,
  deps: LoadModelDeps,
  open: (bytes: Uint8Array) => Promise<S>,
  onProgress: (p: DownloadProgress) => void = () => {},
): Promise<LoadedModel<S>> {
  const cached = await deps.cache?.match(url).catch(() => undefined);
  if (cached) {
    try {
      return { session: await open(new Uint8Array(await cached.arrayBuffer())), source: "cache" };
    } catch {
      // A damaged cache entry must not stick: forget it and download again.
      await deps.cache?.delete(url).catch(() => false);
    }
  }
  const bytes = await downloadModel(url, deps.fetch, onProgress, "Check the depth model web address under Advanced → Depth layer, or your connection.");
  // Copied before opening: a runtime may take over (detach) the buffer it is given.
  const keep = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  let session: S;
  try {
    session = await open(bytes);
  } catch (error) {
    throw new DepthModelError(`The file at ${url} is not a usable depth model (${reason(error)}). Check the depth model web address under Advanced → Depth layer.`, { cause: error });
  }
  // Caching is an optimisation: a full or unavailable store must not fail the estimate.
  await cacheOnly(deps.cache, url, keep).catch(() => undefined);
  return { session, source: "network" };
}
