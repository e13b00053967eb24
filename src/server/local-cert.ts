/**
 * A self-signed certificate for this computer's own names (localhost, 127.0.0.1, ::1), made in
 * JavaScript with `selfsigned` (no openssl needed) and kept in a folder so the browser is told to
 * trust it once, not after every start. Used by `npm start` (when Adobe's devcert is not set up)
 * and by `depth-restyle serve --tls`. A lone certificate rather than a local authority: trusting it
 * trusts these names only, not whatever a stolen authority key could sign.
 */
import { X509Certificate } from "node:crypto";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { generate } from "selfsigned";

export interface LocalCertificate {
  key: string;
  cert: string;
  /** The PEM file to import into the browser's or system's trust store. */
  certFile: string;
  created: boolean;
}

const DAY_MS = 86_400_000;

/** One certificate for `npm start` and `serve --tls`, so the browser is told to trust it once. */
export const localCertDir = (configDir: string): string => join(configDir, "tls");
export const localCertFile = (dir: string, hostname = "localhost"): string => join(dir, `${hostname}.pem`);

/** Whether a PEM certificate is still valid a day from `now` (and, given a hostname, is for it). */
export function validForAnotherDay(pem: string, now: number, hostname?: string): boolean {
  try {
    const x509 = new X509Certificate(pem);
    return Date.parse(x509.validTo) - now > DAY_MS && (hostname === undefined || x509.checkHost(hostname) !== undefined);
  } catch {
    return false;
  }
}

/** Reads `<dir>/<hostname>.pem` (+ `-key.pem`), or makes a new pair there when missing, expiring or for another name. */
export async function loadOrCreateLocalCertificate(dir: string, hostname = "localhost", now = Date.now()): Promise<LocalCertificate> {
  const certFile = localCertFile(dir, hostname);
  const keyFile = join(dir, `${hostname}-key.pem`);
  const [cert, key] = await Promise.all([readFile(certFile, "utf8").catch(() => ""), readFile(keyFile, "utf8").catch(() => "")]);
  if (cert && key && validForAnotherDay(cert, now, hostname)) return { key, cert, certFile, created: false };
  const notBeforeDate = new Date(now - DAY_MS);
  const pems = await generate([{ name: "commonName", value: hostname }], {
    keyType: "ec",
    curve: "P-256",
    algorithm: "sha256",
    notBeforeDate,
    notAfterDate: new Date(now + 365 * DAY_MS),
    extensions: [
      { name: "basicConstraints", cA: false },
      { name: "keyUsage", digitalSignature: true, critical: true },
      { name: "extKeyUsage", serverAuth: true },
      { name: "subjectAltName", altNames: [{ type: 2, value: hostname }, { type: 7, ip: "127.0.0.1" }, { type: 7, ip: "::1" }] },
    ],
  });
  await mkdir(dir, { recursive: true, mode: 0o700 });
  await writeFile(keyFile, pems.private, { mode: 0o600 });
  await writeFile(certFile, pems.cert);
  return { key: pems.private, cert: pems.cert, certFile, created: true };
}

/** How to make this computer's browsers trust `certFile`, per system, as printed by `npm start` and `serve --tls`. */
export function trustSteps(certFile: string, url: string): string {
  return [
    `Trust the certificate ${certFile} once:`,
    `  macOS:   security add-trusted-cert -r trustRoot -k ~/Library/Keychains/login.keychain-db "${certFile}"`,
    `  Windows: certutil -user -addstore Root "${certFile}"`,
    `  Linux (Chrome/Chromium): certutil -d sql:$HOME/.pki/nssdb -A -t "P,," -n depth-restyle-localhost -i "${certFile}"`,
    `           (certutil is in libnss3-tools; Firefox: Settings → Certificates → Import)`,
    `then restart the browser. Or, for this browser session only: open ${url}, choose Advanced → Proceed.`,
  ].join("\n");
}
