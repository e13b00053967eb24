import { ValidationError } from "../core/errors";
import { optionsHelp, parseGatewayConfig, type GatewayConfig } from "../server/config";
import { createLogger } from "../server/logger";
import { localCertDir, localCertFile, trustSteps } from "../server/local-cert";
import { startGateway } from "../server/start";
import { networkInterfaces } from "node:os";
import { listenAddresses, type ListenAddresses } from "../server/listen-addresses";
import { loadOrCreateToken, readTokenFile, type TokenSource } from "../server/token-store";
import { command } from "./args";

export const SERVE_HELP = `Usage: depth-restyle serve [options]

Runs the local GPU gateway: the add-on panel (and "depth-restyle generate --base-url") send
restyle jobs to it, and it runs them on your ComfyUI worker(s). Every option can also be set
with the environment variable in brackets; flags win.

Options:
${optionsHelp()}
`;

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
export const run = command("serve", SERVE_HELP, parseGatewayConfig, async (config, io) => {
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
});
