/**
 * Streams a model download with progress, for the panel's worker (Cache API) and the CLI (a
 * file in the user's cache directory). Every failure is a DepthModelError saying what to check.
 */
import { DepthModelError } from "../errors";

export interface DownloadProgress {
  loaded: number;
  total?: number;
}

/** The message, plus the network cause when there is one (Node's fetch says only "fetch failed"). */
function reason(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const cause = error.cause as { code?: unknown; message?: unknown } | undefined;
  const detail = typeof cause?.code === "string" ? cause.code : typeof cause?.message === "string" ? cause.message : undefined;
  return detail ? `${error.message}: ${detail}` : error.message;
}

export async function downloadModel(url: string, fetch: (url: string) => Promise<Response>, onProgress: (p: DownloadProgress) => void, fix: string): Promise<Uint8Array> {
  const failed = (why: string, cause?: unknown) =>
    new DepthModelError(`Could not download the depth model from ${url} (${why}). ${fix}`, { cause });
  let response: Response;
  try {
    response = await fetch(url);
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

