import { isIPv6, type AddressInfo } from "node:net";
import type { Logger } from "pino";
import sharp from "sharp";
import { buildApp, type GatewayApp } from "./app";
import type { GatewayConfig } from "./config";
import { createComfyEngine } from "./engines/comfy";
import type { Engine } from "./engines/engine";
import { createSegmindEngine } from "./engines/segmind";
import { resolveTls } from "./tls";

export interface RunningGateway {
  app: GatewayApp;
  /** Where this computer reaches it, e.g. http://127.0.0.1:8787 */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** One engine per configured ComfyUI URL, plus the Segmind passthrough when the gateway holds a key. */
export function createEngines(config: GatewayConfig, logger: Logger): Engine[] {
  const models = { checkpoint: config.checkpoint, controlnet: config.controlnet, preprocessor: config.preprocessor };
  const engines: Engine[] = config.comfy.map((url) => {
    const id = `comfyui@${new URL(url).host}`;
    // The engine's silence limit fires before the scheduler's backstop: it can tell a prompt waiting in ComfyUI's queue from a hang.
    return createComfyEngine({ id, url, models, jobTimeoutMs: config.jobTimeoutSec * 1000, log: logger.child({ engine: id }) });
  });
  if (config.segmindKey)
    engines.push(createSegmindEngine({ segmind: { apiKey: config.segmindKey, ...(config.segmindBaseUrl ? { baseUrl: config.segmindBaseUrl } : {}) } }));
  return engines;
}

/** Builds the app over the configured engines and listens (HTTPS when the configuration has TLS: server/tls.ts). */
export async function startGateway(config: GatewayConfig, token: string, logger: Logger): Promise<RunningGateway> {
  const tls = await resolveTls(config);
  // Each upload is decoded once to check it: libvips' operation cache would only keep up to 50 MB of them alive.
  sharp.cache(false);
  const app = await buildApp({ ...config, token }, { engines: createEngines(config, logger), logger, ...(tls ? { tls } : {}) });
  try {
    await app.listen({ host: config.host, port: config.port });
    const { port } = app.server.address() as AddressInfo;
    const wildcard = config.host === "0.0.0.0" || config.host === "::";
    const local = wildcard ? (config.host === "::" ? "[::1]" : "127.0.0.1") : isIPv6(config.host) ? `[${config.host}]` : config.host;
    return { app, url: `${tls ? "https" : "http"}://${local}:${port}`, port, close: () => app.close() };
  } catch (error) {
    await app.close();
    throw error;
  }
}
