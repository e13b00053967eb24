/**
 * HTTPS certificate for the dev server. Express loads a developer add-on only from a certificate
 * the browser trusts. Adobe's devcert (set up once with
 * `npx @adobe/ccweb-add-on-ssl setup --hostname localhost`) is used when present, read the way
 * @adobe/ccweb-add-on-ssl's SSLReader.js reads it; otherwise a self-signed one is made once
 * (src/server/local-cert) and the steps to trust it are printed.
 */
import { readFile } from "node:fs/promises";
import path from "node:path";
import { loadOrCreateLocalCertificate, trustSteps, validForAnotherDay } from "../src/server/local-cert";

export interface DevCert {
  key: Buffer | string;
  cert: Buffer | string;
  source: "adobe-devcert" | "self-signed";
  /** What the user still has to do (trusting a self-signed certificate), if anything. */
  advice?: string;
}

/**
 * Adobe's devcert, read from its files (index.js hasCertificateFor / certificateFor, constants.js
 * paths) rather than through certificateFor(), which needs openssl and may edit the hosts file.
 * SSLReader.js refuses it when either the certificate or its authority has expired.
 */
async function adobeDevcert(hostname: string, now: number): Promise<DevCert | "expired" | "absent"> {
  try {
    const devcert = await import("@adobe/ccweb-add-on-devcert");
    if (!devcert.hasCertificateFor(hostname)) return "absent";
    const file = (...parts: string[]) => readFile(path.join(devcert.location(), ...parts), "utf8");
    const [cert, key, authority] = await Promise.all([file("domains", hostname, "certificate.crt"), file("domains", hostname, "private-key.key"), file("certificate-authority", "certificate.cert")]);
    if (!validForAnotherDay(cert, now, hostname) || !validForAnotherDay(authority, now)) return "expired";
    return { key, cert, source: "adobe-devcert" };
  } catch {
    return "absent";
  }
}

export async function devCertificate(certDir: string, url: string, hostname = "localhost", now = Date.now()): Promise<DevCert> {
  const adobe = await adobeDevcert(hostname, now);
  if (typeof adobe === "object") return adobe;
  const local = await loadOrCreateLocalCertificate(certDir, hostname, now);
  const why = adobe === "expired" ? `Adobe's developer certificate for ${hostname} has expired` : `No Adobe developer certificate for ${hostname}`;
  const advice = [
    `${why}: using a self-signed one${local.created ? " (just made)" : ""}.`,
    trustSteps(local.certFile, url),
    `Or use Adobe's instead (asks for your password once): npx @adobe/ccweb-add-on-ssl setup --hostname ${hostname}`,
  ].join("\n");
  return { key: local.key, cert: local.cert, source: "self-signed", advice };
}
