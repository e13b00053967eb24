import { createGatewayBackend } from "../core/backends/gateway";
import { createSegmindBackend } from "../core/backends/segmind";
import type { Backend, Credits } from "../core/backends/types";
import { browserPageNetwork } from "./local-network";
import type { BackendConfig, Secrets } from "./logic/backend-config";

/** Builds the backend the user picked; `fetch` is injected so the harness can watch requests. */
export function makeBackend(config: BackendConfig, secrets: Secrets, fetchImpl: typeof fetch): Backend {
  if (config.kind === "segmind")
    return createSegmindBackend({ apiKey: secrets.segmindKey.trim(), baseUrl: config.segmindBaseUrl.trim(), fetch: fetchImpl });
  return createGatewayBackend({ baseUrl: config.gatewayUrl.trim().replace(/\/+$/, ""), token: secrets.gatewayToken.trim(), engine: config.gatewayEngine, fetch: fetchImpl, page: browserPageNetwork() });
}

/** Passes generate/test through, reporting the credits each answer carries. */
export function withCredits(backend: Backend, onCredits: (credits: Credits) => void): Backend {
  return {
    kind: backend.kind,
    async generate(input, options) {
      const result = await backend.generate(input, options);
      if (result.credits) onCredits(result.credits);
      return result;
    },
    async testConnection(signal) {
      const info = await backend.testConnection(signal);
      if (info.credits) onCredits(info.credits);
      return info;
    },
  };
}
