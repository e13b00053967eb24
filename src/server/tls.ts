/**
 * The gateway's own HTTPS: a published add-on (https://…wxp.adobe-addons.com) may not call
 * http://127.0.0.1 (Chrome's Local Network Access), so the gateway can serve HTTPS itself, from
 * the user's PEM files (--tls-cert/--tls-key) or from a certificate made once for this computer (--tls).
 */
import { readFile } from "node:fs/promises";
import { createSecureContext } from "node:tls";
import { ValidationError } from "../core/errors";
import type { GatewayConfig } from "./config";
import { loadOrCreateLocalCertificate, localCertDir, type LocalCertificate } from "./local-cert";

export interface GatewayTls {
  key: string;
  cert: string;
  /** Set when the certificate was made here: the browser must be told to trust it. */
  generated?: LocalCertificate;
}

async function readPem(file: string, flag: string): Promise<string> {
  const text = await readFile(file, "utf8").catch((error: NodeJS.ErrnoException) => {
    throw new ValidationError(`Cannot read ${flag} ${file} (${error.code ?? error.message}). Give the path of a PEM file.`);
  });
  if (!text.includes("-----BEGIN ")) throw new ValidationError(`${flag} ${file} is not a PEM file (it should start with "-----BEGIN").`);
  return text;
}

/** The TLS material the configuration asks for, or undefined for plain HTTP. */
export async function resolveTls(config: Pick<GatewayConfig, "tlsCert" | "tlsKey" | "tls" | "configDir">): Promise<GatewayTls | undefined> {
  if (config.tlsCert !== undefined || config.tlsKey !== undefined) {
    if (config.tlsCert === undefined || config.tlsKey === undefined)
      throw new ValidationError("--tls-cert and --tls-key go together: give both the certificate and its private key (PEM files), or use --tls for a generated one.");
    const [cert, key] = await Promise.all([readPem(config.tlsCert, "--tls-cert"), readPem(config.tlsKey, "--tls-key")]);
    try {
      createSecureContext({ cert, key });
    } catch (error) {
      throw new ValidationError(`--tls-cert and --tls-key do not make a usable pair (${(error as Error).message}). Give the key that belongs to the certificate.`);
    }
    return { cert, key };
  }
  if (!config.tls) return undefined;
  const generated = await loadOrCreateLocalCertificate(localCertDir(config.configDir));
  return { cert: generated.cert, key: generated.key, generated };
}
