import { z } from "zod";
import { GATEWAY_DEFAULT_URL } from "../../shared/gateway-api";
import { SEGMIND_BASE_URL as SEGMIND_DEFAULT_BASE_URL } from "../../shared/segmind-body";

/** Non-secret backend choice, always persisted. */
export const BackendConfigSchema = z.object({
  kind: z.enum(["segmind", "gateway"]).catch("segmind"),
  segmindBaseUrl: z.string().catch(SEGMIND_DEFAULT_BASE_URL),
  gatewayUrl: z.string().catch(GATEWAY_DEFAULT_URL),
  /** "segmind": the gateway relays to Segmind with its own key (no local GPU, no browser CORS limits). */
  gatewayEngine: z.enum(["comfyui", "segmind"]).catch("comfyui"),
  /** The user chose to keep the key/token in clientStorage (which is not secret). */
  remember: z.boolean().catch(false),
});
export type BackendConfig = z.infer<typeof BackendConfigSchema>;
export type BackendKind = BackendConfig["kind"];

export const DEFAULT_BACKEND_CONFIG: BackendConfig = {
  kind: "segmind",
  segmindBaseUrl: SEGMIND_DEFAULT_BASE_URL,
  gatewayUrl: GATEWAY_DEFAULT_URL,
  gatewayEngine: "comfyui",
  remember: false,
};

export const SecretsSchema = z.object({ segmindKey: z.string().catch(""), gatewayToken: z.string().catch("") });
export type Secrets = z.infer<typeof SecretsSchema>;
export const NO_SECRETS: Secrets = { segmindKey: "", gatewayToken: "" };

const LOOPBACK = new Set(["localhost", "127.0.0.1", "[::1]"]);

/** An http(s) URL; plain http only for loopback (a local gateway or test server). Returns a fix-it message or null. */
export function urlProblem(text: string, what: string): string | null {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    return `${what} is not a web address: enter it like https://host:port`;
  }
  if (url.protocol === "https:") return null;
  if (url.protocol === "http:" && LOOPBACK.has(url.hostname)) return null;
  if (url.protocol === "http:") return `${what} must use https:// unless it is on this computer (localhost)`;
  return `${what} must start with https://`;
}

/** Why the chosen backend cannot be used yet, or null when it is ready to try. */
export function backendProblem(config: BackendConfig, secrets: Secrets): string | null {
  if (config.kind === "segmind") {
    if (!secrets.segmindKey.trim()) return "Paste your Segmind API key to generate (Generator settings).";
    return urlProblem(config.segmindBaseUrl, "Segmind's API web address");
  }
  if (!secrets.gatewayToken.trim()) return "Paste the gateway token to generate (the gateway prints it when it starts).";
  return urlProblem(config.gatewayUrl, "The gateway address");
}
