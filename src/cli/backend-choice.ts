/** Which backend `generate --base-url` talks to: our gateway's job API when the URL is a gateway, else a Segmind-compatible endpoint. */
import { createGatewayBackend } from "../core/backends/gateway";
import { createSegmindBackend, SEGMIND_BASE_URL } from "../core/backends/segmind";
import type { Backend } from "../core/backends/types";
import { HealthSchema } from "../shared/gateway-api";

/** True when `baseUrl` answers GET /health like a Depth Restyle gateway (free, no token needed). */
export async function isGateway(baseUrl: string, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  if (baseUrl.replace(/\/+$/, "") === SEGMIND_BASE_URL) return false;
  try {
    const response = await fetchImpl(`${baseUrl.replace(/\/+$/, "")}/health`, { signal: AbortSignal.timeout(5000) });
    return response.ok && HealthSchema.safeParse(await response.json()).success;
  } catch {
    return false;
  }
}

/**
 * The gateway's job API sends the image as a binary upload and follows progress; any other base
 * URL gets Segmind's JSON API (Segmind itself, or a proxy).
 */
export async function chooseBackend(options: { apiKey: string; baseUrl: string; timeoutMs: number }): Promise<{ backend: Backend; via: string }> {
  if (await isGateway(options.baseUrl))
    return { backend: createGatewayBackend({ baseUrl: options.baseUrl, token: options.apiKey, timeoutMs: options.timeoutMs }), via: "the Depth Restyle gateway's job API" };
  return { backend: createSegmindBackend(options), via: options.baseUrl };
}
