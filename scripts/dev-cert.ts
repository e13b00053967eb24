/**
 * HTTPS certificate for the dev server. Express loads add-ons in developer mode only from a
 * certificate the browser trusts: Adobe's devcert (set up once with
 * `npx @adobe/ccweb-add-on-ssl setup --hostname localhost`) is used when present; otherwise a
 * self-signed certificate is made with openssl, which the browser must be told to trust once.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import path from "node:path";

export interface Cert {
  key: Buffer | string;
  cert: Buffer | string;
  source: "adobe-devcert" | "self-signed";
}

async function adobeDevcert(hostname: string): Promise<Cert | null> {
  try {
    const devcert = await import("@adobe/ccweb-add-on-devcert");
    // certificateFor() on an unknown host would try to install a CA (sudo prompt): only read an existing one.
    if (!devcert.hasCertificateFor(hostname) || devcert.certificateExpiryInDays(hostname) <= 0) return null;
    const { key, cert } = await devcert.certificateFor(hostname);
    return { key, cert, source: "adobe-devcert" };
  } catch {
    return null;
  }
}

function selfSigned(dir: string, hostname: string): Cert {
  const keyFile = path.join(dir, "localhost-key.pem");
  const certFile = path.join(dir, "localhost.pem");
  if (!existsSync(keyFile) || !existsSync(certFile)) {
    mkdirSync(dir, { recursive: true });
    execFileSync("openssl", [
      "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "365",
      "-keyout", keyFile, "-out", certFile,
      "-subj", `/CN=${hostname}`,
      "-addext", `subjectAltName=DNS:${hostname},IP:127.0.0.1`,
    ], { stdio: "ignore" });
  }
  return { key: readFileSync(keyFile), cert: readFileSync(certFile), source: "self-signed" };
}

export async function devCertificate(certDir: string, hostname = "localhost"): Promise<Cert> {
  return (await adobeDevcert(hostname)) ?? selfSigned(certDir, hostname);
}
