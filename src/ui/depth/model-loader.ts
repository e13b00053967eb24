/**
 * Gets the model bytes (cache first, then the network with progress), opens them, and only
 * then caches them, so a corrupt or wrong download is never kept. Every failure is a
 * DepthModelError saying what to check.
 */
import { DepthModelError } from "../../core/errors";

/** The slice of the Cache API the loader uses (window.caches / self.caches entries fit it). */
export interface ModelCache {
  match(url: string): Promise<Response | undefined>;
  put(url: string, response: Response): Promise<void>;
  delete(url: string): Promise<boolean>;
  keys(): Promise<readonly { url: string }[]>;
}

export interface DownloadProgress {
  loaded: number;
  total?: number;
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

async function download(url: string, deps: LoadModelDeps, onProgress: (p: DownloadProgress) => void): Promise<Uint8Array> {
  const failed = (why: string, cause?: unknown) =>
    new DepthModelError(`Could not download the depth model from ${url} (${why}). Check the depth model web address under Advanced → Depth layer, or your connection.`, { cause });
  let response: Response;
  try {
    response = await deps.fetch(url);
  } catch (error) {
    throw failed(reason(error), error);
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw failed(`HTTP ${response.status}`);
  }
  const declared = Number(response.headers.get("content-length"));
  const total = Number.isFinite(declared) && declared > 0 ? declared : undefined;
  onProgress({ loaded: 0, total });
  if (!response.body) throw failed("empty response");
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  try {
    const reader = response.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      loaded += value.length;
      // A compressed transfer can outgrow its declared length; then the total is unknown.
      onProgress({ loaded, total: total !== undefined && loaded <= total ? total : undefined });
    }
  } catch (error) {
    throw failed(`connection lost after ${loaded} bytes: ${reason(error)}`, error);
  }
  const bytes = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.length;
  }
  return bytes;
}

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
  const bytes = await download(url, deps, onProgress);
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
