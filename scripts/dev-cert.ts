/**
 * HTTPS certificate for the dev server. Express loads a developer add-on only from a certificate
 * the browser trusts. Adobe's devcert (set up once with
 * `npx @adobe/ccweb-add-on-ssl setup --hostname localhost`) is used when present, read the way
 * @adobe/ccweb-add-on-ssl's SSLReader.js reads it; otherwise a self-signed one is made once
 * (src/server/local-cert) and the steps to trust it are printed.
 */
import { loadOrCreateLocalCertificate, trustSteps } from "../src/server/local-cert";

export interface DevCert {
  key: Buffer | string;
  cert: Buffer | string;
  source: "adobe-devcert" | "self-signed";
  /** What the user still has to do (trusting a self-signed certificate), if anything. */
  advice?: string;
}

async function adobeDevcert(hostname: string): Promise<DevCert | null> {
  try {
    const devcert = await import("@adobe/ccweb-add-on-devcert");
    // certificateFor() on an unknown host would install a CA (sudo prompt): only read an existing one.
    if (!devcert.hasCertificateFor(hostname)) return null;
    if (Math.min(devcert.certificateExpiryInDays(hostname), devcert.caExpiryInDays()) <= 0) return null;
    const { key, cert } = await devcert.certificateFor(hostname);
    return { key, cert, source: "adobe-devcert" };
  } catch {
    return null;
  }
}

export async function devCertificate(certDir: string, url: string, hostname = "localhost"): Promise<DevCert> {
  const adobe = await adobeDevcert(hostname);
  if (adobe) return adobe;
  const local = await loadOrCreateLocalCertificate(certDir, hostname);
  const advice = [
    `No Adobe developer certificate for ${hostname}: using a self-signed one${local.created ? " (just made)" : ""}.`,
    trustSteps(local.certFile, url),
    `Or use Adobe's instead (asks for your password once): npx @adobe/ccweb-add-on-ssl setup --hostname ${hostname}`,
  ].join("\n");
  return { key: local.key, cert: local.cert, source: "self-signed", advice };
}
