import { homedir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { z } from "zod";
import { ValidationError } from "../core/errors";
import { describeIssues } from "../shared/settings";
import { DEFAULT_COMFY_MODELS } from "./engines/comfy/requirements";
import { PreprocessorSchema } from "./engines/comfy/workflow-schema";
import { GATEWAY_DEFAULT_PORT } from "../shared/gateway-api";

export const DEFAULT_PORT = GATEWAY_DEFAULT_PORT;
export const DEFAULT_COMFY_URL = "http://127.0.0.1:8188";
export const DEFAULT_MAX_CONNECTIONS = 256;
export const DEFAULT_RESULT_STORE_MB = 512;

const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `${what} must be an http(s) URL like ${DEFAULT_COMFY_URL}` });
const count = (what: string, min: number, max: number) =>
  z.coerce.number({ error: `${what} must be a whole number from ${min} to ${max}` }).int(`${what} must be a whole number`).min(min, `${what} must be at least ${min}`).max(max, `${what} must be at most ${max}`);
const origin = z.string().regex(/^https?:\/\/(\*\.)?[a-z0-9.-]+(:\d+)?$/i, "an allowed origin looks like https://example.com, https://*.example.com or http://localhost:3000 (no path)");

const hostName = z.string().regex(/^(\*\.)?[a-z0-9.-]+$/i, "an allowed host is a name like gpu.example.com or *.example.com (no scheme, no port)");

/** Everything the gateway process is configured with; parsed once, at start. */
export const GatewayConfigSchema = z.object({
  host: z
    .string()
    .regex(/^([a-z0-9.-]+|[0-9a-f:]+)$/i, "--host must be a listen address like 127.0.0.1 (this computer only), 0.0.0.0 (every network) or ::1 — no http://, no port")
    .default("127.0.0.1"),
  port: count("--port", 0, 65535).default(DEFAULT_PORT),
  comfy: z.array(httpUrl("--comfy")).default([DEFAULT_COMFY_URL]),
  /** Bearer token clients must send; created and stored on first start when not given. */
  token: z.string().min(16, "--token must be at least 16 characters (or leave it out and one is created for you)").optional(),
  checkpoint: z.string().min(1).default(DEFAULT_COMFY_MODELS.checkpoint),
  controlnet: z.string().min(1).default(DEFAULT_COMFY_MODELS.controlnet),
  preprocessor: PreprocessorSchema.default(DEFAULT_COMFY_MODELS.preprocessor),
  /** HTTPS from these PEM files, or (`tls`) from a certificate made once for this computer (server/tls.ts). */
  tlsCert: z.string().min(1).optional(),
  tlsKey: z.string().min(1).optional(),
  tls: z.boolean().default(false),
  queueLimit: count("--queue-limit", 1, 10_000).default(32),
  bodyLimitMb: count("--body-limit-mb", 1, 1024).default(32),
  allowedOrigins: z.array(origin).default([]),
  segmindKey: z.string().min(1).optional(),
  segmindBaseUrl: httpUrl("--segmind-base-url").optional(),
  allowPrivateImageUrls: z.boolean().default(false),
  jobTimeoutSec: count("--job-timeout", 1, 86_400).default(600),
  resultTtlSec: count("--result-ttl", 1, 86_400).default(900),
  requestTimeoutSec: count("--request-timeout", 1, 3600).default(120),
  configDir: z.string().min(1),
  logLevel: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** A file holding the token (a Docker secret); wins over --token. */
  tokenFile: z.string().min(1).optional(),
  /** Host names besides localhost and IP addresses that requests may be addressed to (a tunnel's name). */
  allowedHosts: z.array(hostName).default([]),
  maxConnections: count("--max-connections", 1, 100_000).default(DEFAULT_MAX_CONNECTIONS),
  resultStoreMb: count("--result-store-mb", 1, 65_536).default(DEFAULT_RESULT_STORE_MB),
});
export type GatewayConfig = z.infer<typeof GatewayConfigSchema>;
export type GatewayConfigInput = z.input<typeof GatewayConfigSchema>;

/** Flag name → [config key, environment variable]. Lists (comfy, origins) take commas in the environment. */
export const FLAGS = {
  host: ["host", "DEPTH_RESTYLE_HOST"],
  port: ["port", "DEPTH_RESTYLE_PORT"],
  comfy: ["comfy", "DEPTH_RESTYLE_COMFY"],
  token: ["token", "DEPTH_RESTYLE_TOKEN"],
  checkpoint: ["checkpoint", "DEPTH_RESTYLE_CHECKPOINT"],
  controlnet: ["controlnet", "DEPTH_RESTYLE_CONTROLNET"],
  preprocessor: ["preprocessor", "DEPTH_RESTYLE_PREPROCESSOR"],
  "tls-cert": ["tlsCert", "DEPTH_RESTYLE_TLS_CERT"],
  "tls-key": ["tlsKey", "DEPTH_RESTYLE_TLS_KEY"],
  "queue-limit": ["queueLimit", "DEPTH_RESTYLE_QUEUE_LIMIT"],
  "body-limit-mb": ["bodyLimitMb", "DEPTH_RESTYLE_BODY_LIMIT_MB"],
  "allow-origin": ["allowedOrigins", "DEPTH_RESTYLE_ALLOWED_ORIGINS"],
  "segmind-key": ["segmindKey", "DEPTH_RESTYLE_SEGMIND_KEY"],
  "segmind-base-url": ["segmindBaseUrl", "DEPTH_RESTYLE_SEGMIND_BASE_URL"],
  "job-timeout": ["jobTimeoutSec", "DEPTH_RESTYLE_JOB_TIMEOUT"],
  "result-ttl": ["resultTtlSec", "DEPTH_RESTYLE_RESULT_TTL"],
  "request-timeout": ["requestTimeoutSec", "DEPTH_RESTYLE_REQUEST_TIMEOUT"],
  "config-dir": ["configDir", "DEPTH_RESTYLE_CONFIG_DIR"],
  "log-level": ["logLevel", "DEPTH_RESTYLE_LOG_LEVEL"],
  "token-file": ["tokenFile", "DEPTH_RESTYLE_TOKEN_FILE"],
  "allow-host": ["allowedHosts", "DEPTH_RESTYLE_ALLOWED_HOSTS"],
  "max-connections": ["maxConnections", "DEPTH_RESTYLE_MAX_CONNECTIONS"],
  "result-store-mb": ["resultStoreMb", "DEPTH_RESTYLE_RESULT_STORE_MB"],
} as const;
const LISTS = new Set<string>(["comfy", "allow-origin", "allow-host"]);

/** On/off switches: a bare flag, or the environment variable set to 1 / true. */
const SWITCHES = { "allow-private-image-urls": ["allowPrivateImageUrls", "DEPTH_RESTYLE_ALLOW_PRIVATE_IMAGE_URLS"] } as const;

export const PARSE_OPTIONS = {
  ...Object.fromEntries(Object.keys(FLAGS).map((flag) => [flag, { type: "string", multiple: LISTS.has(flag) }])),
  ...Object.fromEntries(Object.keys(SWITCHES).map((flag) => [flag, { type: "boolean" }])),
  help: { type: "boolean", short: "h" },
  tls: { type: "boolean" },
} as Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

/** ~/.config/depth-restyle, or $XDG_CONFIG_HOME/depth-restyle. */
export function defaultConfigDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".config");
  return join(base, "depth-restyle");
}

/** Flags win over environment variables, which win over defaults. Throws ValidationError naming the flag. */
export function parseGatewayConfig(argv: string[], env: Readonly<Record<string, string | undefined>>): GatewayConfig | { help: true } {
  const { values } = parseArgs({ args: argv, options: PARSE_OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return { help: true };
  const raw: Record<string, unknown> = { configDir: defaultConfigDir(env), tls: values.tls === true || /^(1|true|yes)$/i.test(env.DEPTH_RESTYLE_TLS?.trim() ?? "") };
  for (const [flag, [key, envName]] of Object.entries(FLAGS)) {
    const fromFlag = values[flag];
    const fromEnv = env[envName]?.trim();
    if (LISTS.has(flag)) {
      const list = Array.isArray(fromFlag) && fromFlag.length ? fromFlag : fromEnv ? fromEnv.split(",") : undefined;
      if (list) raw[key] = list.map((item) => String(item).trim()).filter(Boolean);
    } else if (typeof fromFlag === "string") raw[key] = fromFlag;
    else if (fromEnv) raw[key] = fromEnv;
  }
  for (const [flag, [key, envName]] of Object.entries(SWITCHES)) raw[key] = values[flag] === true || /^(1|true|yes)$/i.test(env[envName]?.trim() ?? "");
  const parsed = GatewayConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(`Invalid gateway settings — ${describeIssues(parsed.error)}. Run "depth-restyle serve --help".`);
  return parsed.data;
}
