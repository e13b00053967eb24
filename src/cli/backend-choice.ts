/** Which backend `generate` talks to: a Segmind-compatible endpoint, or (--gateway) our gateway's job API. */
import { createGatewayBackend } from "../core/backends/gateway";
import { createSegmindBackend } from "../core/backends/segmind";
import type { Backend } from "../core/backends/types";

/** The gateway's job API sends the image as a binary upload; anything else gets Segmind's JSON API (Segmind itself, or a proxy). */
export function chooseBackend(options: { apiKey: string; baseUrl: string; timeoutMs: number; gateway: boolean }): { backend: Backend; via: string } {
  if (options.gateway)
    return { backend: createGatewayBackend({ baseUrl: options.baseUrl, token: options.apiKey, timeoutMs: options.timeoutMs }), via: `the job API of the gateway at ${options.baseUrl}` };
  return { backend: createSegmindBackend(options), via: options.baseUrl };
}
