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

/** One command-line option: the config key it sets, its environment variable and its help line. */
interface OptionSpec {
  key: keyof GatewayConfig;
  env: string;
  /** What the flag takes, as the help shows it; none for an on/off switch (a bare flag, or the variable set to 1 / true). */
  arg?: string;
  help: string;
  /** Repeatable; the environment variable takes commas. */
  list?: true;
  /** Said after the variable and the schema's default. */
  note?: string;
}

/** Every `depth-restyle serve` option: the parser, the environment and --help all read this table. */
export const OPTIONS: Record<string, OptionSpec> = {
  host: { key: "host", env: "DEPTH_RESTYLE_HOST", arg: "HOST", help: "Listen address", note: "127.0.0.1 is this computer only" },
  port: { key: "port", env: "DEPTH_RESTYLE_PORT", arg: "PORT", help: "Listen port" },
  comfy: { key: "comfy", env: "DEPTH_RESTYLE_COMFY", arg: "URL", help: "A ComfyUI worker; repeat for several", list: true },
  token: { key: "token", env: "DEPTH_RESTYLE_TOKEN", arg: "TOKEN", help: "Access token, 16+ characters", note: "default: created once and stored" },
  "token-file": { key: "tokenFile", env: "DEPTH_RESTYLE_TOKEN_FILE", arg: "PATH", help: "Read the token from this file, e.g. a Docker secret" },
  "allow-host": {
    key: "allowedHosts",
    env: "DEPTH_RESTYLE_ALLOWED_HOSTS",
    arg: "NAME",
    help: "Another name requests may be addressed to, e.g. a tunnel's",
    list: true,
    note: "IP addresses and localhost always work, other names are refused (DNS rebinding)",
  },
  "max-connections": { key: "maxConnections", env: "DEPTH_RESTYLE_MAX_CONNECTIONS", arg: "N", help: "Open connections at most" },
  "result-store-mb": { key: "resultStoreMb", env: "DEPTH_RESTYLE_RESULT_STORE_MB", arg: "N", help: "Memory for finished results; the oldest go first" },
  checkpoint: { key: "checkpoint", env: "DEPTH_RESTYLE_CHECKPOINT", arg: "NAME", help: "SSD-1B checkpoint file in ComfyUI/models/checkpoints" },
  controlnet: { key: "controlnet", env: "DEPTH_RESTYLE_CONTROLNET", arg: "NAME", help: "Depth ControlNet file in ComfyUI/models/controlnet" },
  preprocessor: { key: "preprocessor", env: "DEPTH_RESTYLE_PREPROCESSOR", arg: "NAME", help: "Depth estimator in ComfyUI" },
  "queue-limit": { key: "queueLimit", env: "DEPTH_RESTYLE_QUEUE_LIMIT", arg: "N", help: "Jobs allowed to wait; more get HTTP 429" },
  "body-limit-mb": { key: "bodyLimitMb", env: "DEPTH_RESTYLE_BODY_LIMIT_MB", arg: "N", help: "Largest request body" },
  "allow-origin": { key: "allowedOrigins", env: "DEPTH_RESTYLE_ALLOWED_ORIGINS", arg: "ORIGIN", help: "Another web origin allowed to call", list: true },
  "segmind-key": { key: "segmindKey", env: "DEPTH_RESTYLE_SEGMIND_KEY", arg: "KEY", help: 'Pass "segmind" jobs to Segmind with this key, kept on the server' },
  "segmind-base-url": { key: "segmindBaseUrl", env: "DEPTH_RESTYLE_SEGMIND_BASE_URL", arg: "URL", help: "Segmind API base URL" },
  "job-timeout": { key: "jobTimeoutSec", env: "DEPTH_RESTYLE_JOB_TIMEOUT", arg: "SECONDS", help: "Longest ComfyUI may stay silent during a job" },
  "result-ttl": { key: "resultTtlSec", env: "DEPTH_RESTYLE_RESULT_TTL", arg: "SECONDS", help: "How long results are kept after a job ends" },
  "request-timeout": { key: "requestTimeoutSec", env: "DEPTH_RESTYLE_REQUEST_TIMEOUT", arg: "SECONDS", help: "Longest time to receive one request" },
  "allow-private-image-urls": { key: "allowPrivateImageUrls", env: "DEPTH_RESTYLE_ALLOW_PRIVATE_IMAGE_URLS", help: "Let image URLs on /v1/ssd-depth lead to local or private addresses" },
  "config-dir": { key: "configDir", env: "DEPTH_RESTYLE_CONFIG_DIR", arg: "DIR", help: "Where the token is stored", note: "default $XDG_CONFIG_HOME/depth-restyle or ~/.config/depth-restyle" },
  "tls-cert": { key: "tlsCert", env: "DEPTH_RESTYLE_TLS_CERT", arg: "FILE", help: "Serve HTTPS with this PEM certificate", note: "needs --tls-key" },
  "tls-key": { key: "tlsKey", env: "DEPTH_RESTYLE_TLS_KEY", arg: "FILE", help: "Its PEM private key" },
  tls: { key: "tls", env: "DEPTH_RESTYLE_TLS", help: "Serve HTTPS with a certificate made once for this computer" },
  "log-level": { key: "logLevel", env: "DEPTH_RESTYLE_LOG_LEVEL", arg: "LEVEL", help: "How much the log says" },
};

export const PARSE_OPTIONS = {
  ...Object.fromEntries(Object.entries(OPTIONS).map(([flag, o]) => [flag, o.arg ? { type: "string", multiple: o.list === true } : { type: "boolean" }])),
  help: { type: "boolean", short: "h" },
} as Record<string, { type: "string" | "boolean"; multiple?: boolean; short?: string }>;

/** The schema's default for a key, as the help shows it; none for optional keys and switches. */
function defaultOf(key: keyof GatewayConfig): string | undefined {
  const parsed = GatewayConfigSchema.shape[key].safeParse(undefined);
  if (!parsed.success || parsed.data === undefined || typeof parsed.data === "boolean") return undefined;
  return Array.isArray(parsed.data) ? (parsed.data.length ? parsed.data.join(",") : undefined) : String(parsed.data);
}

/** What a schema enum allows, for options whose values are a fixed list. */
function choicesOf(key: keyof GatewayConfig): string | undefined {
  const field = GatewayConfigSchema.shape[key] as unknown as { unwrap?: () => { options?: unknown } };
  const options = field.unwrap?.().options;
  return Array.isArray(options) ? options.join(", ") : undefined;
}

/** The options part of `depth-restyle serve --help`, one entry per row of OPTIONS. */
export function optionsHelp(): string {
  const rows = Object.entries(OPTIONS).map(([flag, o]) => {
    const fallback = defaultOf(o.key);
    const choices = choicesOf(o.key);
    const about = [
      o.env + (o.arg ? (o.list ? ", comma-separated" : "") : "=1"),
      ...(choices ? [`one of ${choices}`] : []),
      ...(fallback !== undefined ? [`default ${fallback}`] : []),
      ...(o.note ? [o.note] : []),
    ].join("; ");
    return [`      --${flag}${o.arg ? ` ${o.arg}` : ""}${o.list ? " (repeatable)" : ""}`, `${o.help} (${about})`];
  });
  const width = Math.max(...rows.map(([left]) => left!.length)) + 2;
  return [...rows, ["  -h, --help", "Show this help"]].map(([left, right]) => `${left!.padEnd(width)}${right}`).join("\n");
}

/** ~/.config/depth-restyle, or $XDG_CONFIG_HOME/depth-restyle. */
export function defaultConfigDir(env: Readonly<Record<string, string | undefined>>): string {
  const base = env.XDG_CONFIG_HOME?.trim() || join(env.HOME?.trim() || homedir(), ".config");
  return join(base, "depth-restyle");
}

/** Flags win over environment variables, which win over defaults. Throws ValidationError naming the flag. */
export function parseGatewayConfig(argv: string[], env: Readonly<Record<string, string | undefined>>): GatewayConfig | { help: true } {
  const { values } = parseArgs({ args: argv, options: PARSE_OPTIONS, strict: true, allowPositionals: false });
  if (values.help) return { help: true };
  const raw: Record<string, unknown> = { configDir: defaultConfigDir(env) };
  for (const [flag, { key, env: envName, arg, list }] of Object.entries(OPTIONS)) {
    const fromFlag = values[flag];
    const fromEnv = env[envName]?.trim();
    if (!arg) raw[key] = fromFlag === true || /^(1|true|yes)$/i.test(fromEnv ?? "");
    else if (list) {
      const items = Array.isArray(fromFlag) && fromFlag.length ? fromFlag : fromEnv ? fromEnv.split(",") : undefined;
      if (items) raw[key] = items.map((item) => String(item).trim()).filter(Boolean);
    } else if (typeof fromFlag === "string") raw[key] = fromFlag;
    else if (fromEnv) raw[key] = fromEnv;
  }
  const parsed = GatewayConfigSchema.safeParse(raw);
  if (!parsed.success) throw new ValidationError(`Invalid gateway settings — ${describeIssues(parsed.error)}. Run "depth-restyle serve --help".`);
  return parsed.data;
}
