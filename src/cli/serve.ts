import { ValidationError } from "../core/errors";
import { DEFAULT_COMFY_URL, DEFAULT_PORT, parseGatewayConfig, type GatewayConfig } from "../server/config";
import { createLogger } from "../server/logger";
import { localCertDir, localCertFile, trustSteps } from "../server/local-cert";
import { startGateway } from "../server/start";
import { networkInterfaces } from "node:os";
import { listenAddresses, type ListenAddresses } from "../server/listen-addresses";
import { loadOrCreateToken, readTokenFile, type TokenSource } from "../server/token-store";
import { EXIT, type CliIo } from "./io";

export const SERVE_HELP = `Usage: depth-restyle serve [options]

Runs the local GPU gateway: the add-on panel (and "depth-restyle generate --base-url") send
restyle jobs to it, and it runs them on your ComfyUI worker(s). Every option can also be set
with the environment variable in brackets; flags win.

Options:
      --host HOST             Listen address (DEPTH_RESTYLE_HOST, default 127.0.0.1 — this computer only)
      --port PORT             Listen port (DEPTH_RESTYLE_PORT, default ${DEFAULT_PORT})
      --comfy URL             A ComfyUI worker; repeat for several (DEPTH_RESTYLE_COMFY, comma-separated; default ${DEFAULT_COMFY_URL})
      --token TOKEN           Access token, 16+ characters (DEPTH_RESTYLE_TOKEN); default: created once and stored
      --token-file PATH       Read the token from this file, e.g. a Docker secret (DEPTH_RESTYLE_TOKEN_FILE)
      --allow-host NAME       Another name requests may be addressed to, e.g. a tunnel's (repeatable; DEPTH_RESTYLE_ALLOWED_HOSTS);
                              IP addresses and localhost always work, other names are refused (DNS rebinding)
      --max-connections N     Open connections at most (DEPTH_RESTYLE_MAX_CONNECTIONS, default 256)
      --result-store-mb N     Memory for finished results; the oldest go first (DEPTH_RESTYLE_RESULT_STORE_MB, default 512)
      --checkpoint NAME       SSD-1B checkpoint file in ComfyUI/models/checkpoints (DEPTH_RESTYLE_CHECKPOINT)
      --controlnet NAME       Depth ControlNet file in ComfyUI/models/controlnet (DEPTH_RESTYLE_CONTROLNET)
      --preprocessor NAME     DepthAnythingV2Preprocessor or MiDaS-DepthMapPreprocessor (DEPTH_RESTYLE_PREPROCESSOR)
      --queue-limit N         Jobs allowed to wait; more get HTTP 429 (DEPTH_RESTYLE_QUEUE_LIMIT, default 32)
      --body-limit-mb N       Largest request body (DEPTH_RESTYLE_BODY_LIMIT_MB, default 32)
      --allow-origin ORIGIN   Another web origin allowed to call (repeatable; DEPTH_RESTYLE_ALLOWED_ORIGINS)
      --segmind-key KEY       Pass "segmind" jobs to Segmind with this key, kept on the server (DEPTH_RESTYLE_SEGMIND_KEY)
      --segmind-base-url URL  Segmind API base URL (DEPTH_RESTYLE_SEGMIND_BASE_URL)
      --job-timeout SECONDS   Longest ComfyUI may stay silent during a job (DEPTH_RESTYLE_JOB_TIMEOUT, default 600)
      --result-ttl SECONDS    How long results are kept after a job ends (DEPTH_RESTYLE_RESULT_TTL, default 900)
      --request-timeout SECONDS  Longest time to receive one request (DEPTH_RESTYLE_REQUEST_TIMEOUT, default 120)
      --allow-private-image-urls  Let image URLs on /v1/ssd-depth lead to local or private addresses (DEPTH_RESTYLE_ALLOW_PRIVATE_IMAGE_URLS=1)
      --config-dir DIR        Where the token is stored (DEPTH_RESTYLE_CONFIG_DIR, default $XDG_CONFIG_HOME/depth-restyle or ~/.config/depth-restyle)
      --tls-cert FILE         Serve HTTPS with this PEM certificate (DEPTH_RESTYLE_TLS_CERT); needs --tls-key
      --tls-key FILE          Its PEM private key (DEPTH_RESTYLE_TLS_KEY)
      --tls                   Serve HTTPS with a certificate made once for this computer (DEPTH_RESTYLE_TLS=1)
      --log-level LEVEL       fatal, error, warn, info, debug, trace or silent (DEPTH_RESTYLE_LOG_LEVEL, default info)
  -h, --help                  Show this help
`;

const isArgsError = (error: unknown): error is Error =>
  typeof error === "object" && error !== null && String((error as { code?: unknown }).code).startsWith("ERR_PARSE_ARGS");

function tokenLines(source: TokenSource): string {
  if (source.origin === "created")
    return `A new access token was created and stored in ${source.path}:\n\n    ${source.token}\n\nPaste it into the add-on: Generator → Your GPU (ComfyUI) → Gateway token.\n`;
  if (source.origin === "stored") return `Access token: the one stored in ${source.path} (paste it into the add-on: Generator → Gateway token).\n`;
  return "Access token: the one given with --token / --token-file (or DEPTH_RESTYLE_TOKEN / DEPTH_RESTYLE_TOKEN_FILE).\n";
}

function banner(config: GatewayConfig, url: string, everywhere: ListenAddresses | undefined): string {
  const workers = config.comfy.map((u) => `  ComfyUI worker: ${u}`).join("\n");
  const segmind = config.segmindKey ? "\n  Segmind passthrough: on (key held by the gateway)" : "";
  const reach = everywhere ? `\n  Listening on every network interface (${config.host}); other computers reach it at ${everywhere.others.join(", ") || "this computer's address"}` : "";
  return `Depth Restyle gateway listening on ${url}${reach}\n${workers}${segmind}\n  API description: ${url}/docs/json\n`;
}

/** Listen errors a user causes with --host / --port, as what to do. */
function listenError(error: unknown, config: GatewayConfig): ValidationError | undefined {
  const code = (error as { code?: unknown }).code;
  if (code === "EADDRINUSE")
    return new ValidationError(`Port ${config.port} on ${config.host} is already in use (another gateway or ComfyUI?). Stop that program or choose another --port.`);
  if (code === "EACCES") return new ValidationError(`Not allowed to listen on port ${config.port} (ports below 1024 need administrator rights). Choose another --port.`);
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EADDRNOTAVAIL" || code === "EAI_NONAME")
    return new ValidationError(`Cannot listen on --host ${config.host} (${String(code)}): it is not an address of this computer. Use 127.0.0.1 (this computer only) or 0.0.0.0 (every network).`);
  return undefined;
}

/** Resolves when the signal aborts (Ctrl-C); never when there is no signal. */
const untilAborted = (signal: AbortSignal | undefined): Promise<void> =>
  new Promise((resolve) => (signal?.aborted ? resolve() : signal?.addEventListener("abort", () => resolve(), { once: true })));

/** `depth-restyle serve`: parse the configuration once, start the gateway, run until Ctrl-C. */
export async function run(argv: string[], io: CliIo): Promise<number> {
  let config: ReturnType<typeof parseGatewayConfig>;
  try {
    config = parseGatewayConfig(argv, io.env);
  } catch (error) {
    if (!(error instanceof ValidationError) && !isArgsError(error)) throw error;
    io.stderr(`${error.message}\nRun "depth-restyle serve --help" for every option.\n`);
    return EXIT.usage;
  }
  if ("help" in config) {
    io.stdout(SERVE_HELP);
    return EXIT.ok;
  }
  const token = await loadOrCreateToken(config.configDir, config.tokenFile ? await readTokenFile(config.tokenFile) : config.token);
  const logger = createLogger(config.logLevel);
  let gateway: Awaited<ReturnType<typeof startGateway>>;
  try {
    gateway = await startGateway(config, token.token, logger);
  } catch (error) {
    throw listenError(error, config) ?? error;
  }
  const secure = Boolean(config.tls || config.tlsCert);
  const everywhere = listenAddresses(config.host, gateway.port, networkInterfaces(), secure ? "https" : "http");
  io.stdout(banner(config, gateway.url, everywhere));
  if (everywhere && !secure)
    io.stderr(
      `Warning: --host ${config.host} lets other computers on your networks reach this gateway over plain HTTP. Anyone who has the token can use your GPU; keep the token secret, and put HTTPS in front before using it across networks.\n`,
    );
  io.stdout(tokenLines(token));
  if (config.tls && !config.tlsCert) io.stdout(`${trustSteps(localCertFile(localCertDir(config.configDir)), `${gateway.url}/health`)}\n`);
  await untilAborted(io.signal);
  io.stderr("Stopping the gateway (running jobs are cancelled)…\n");
  await gateway.close();
  return EXIT.ok;
}
