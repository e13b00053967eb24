import { createServer, get } from "node:https";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { generate } from "selfsigned";
import { devCertificate } from "../../scripts/dev-cert";

const URL_SHOWN = "https://localhost:5241";

/** Lays out what `npx @adobe/ccweb-add-on-ssl setup --hostname localhost` leaves (devcert constants.js paths), with a CA of our own. */
async function fakeAdobeSetup(devcertDir: string): Promise<{ ca: string }> {
  const ca = await generate([{ name: "commonName", value: "Development CA" }], {
    keyType: "ec",
    algorithm: "sha256",
    extensions: [{ name: "basicConstraints", cA: true, critical: true }, { name: "keyUsage", keyCertSign: true, cRLSign: true, critical: true }],
  });
  const leaf = await generate([{ name: "commonName", value: "localhost" }], {
    keyType: "ec",
    algorithm: "sha256",
    ca: { key: ca.private, cert: ca.cert },
    extensions: [{ name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] }],
  });
  await mkdir(path.join(devcertDir, "domains/localhost"), { recursive: true });
  await mkdir(path.join(devcertDir, "certificate-authority"), { recursive: true });
  await writeFile(path.join(devcertDir, "certificate-authority/certificate.cert"), ca.cert);
  await writeFile(path.join(devcertDir, "domains/localhost/certificate.crt"), leaf.cert);
  await writeFile(path.join(devcertDir, "domains/localhost/private-key.key"), leaf.private);
  return { ca: ca.cert };
}

/** Serves one HTTPS request with the certificate and fetches it as a browser that trusts `ca` would. */
async function handshake(key: string | Buffer, cert: string | Buffer, ca: string | Buffer): Promise<number> {
  const server = createServer({ key, cert }, (_req, res) => res.end("ok"));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const port = (server.address() as AddressInfo).port;
    return await new Promise<number>((resolve, reject) =>
      get({ host: "127.0.0.1", servername: "localhost", port, ca, agent: false }, (res) => (res.resume(), resolve(res.statusCode ?? 0))).on("error", reject),
    );
  } finally {
    server.close();
  }
}

describe("npm start's certificate", () => {
  const savedXdg = process.env.XDG_CONFIG_HOME;
  let dir = "";
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depth-restyle-cert-"));
    // @adobe/ccweb-add-on-devcert finds its folder through application-config-path (XDG_CONFIG_HOME on Linux).
    process.env.XDG_CONFIG_HOME = path.join(dir, "xdg");
  });
  afterAll(async () => {
    if (savedXdg === undefined) delete process.env.XDG_CONFIG_HOME;
    else process.env.XDG_CONFIG_HOME = savedXdg;
    await rm(dir, { recursive: true, force: true });
  });

  it("without Adobe's set-up, makes a self-signed one that works for localhost and says how to trust it or set up Adobe's", async () => {
    const cert = await devCertificate(path.join(dir, "own"), URL_SHOWN);
    expect(cert.source).toBe("self-signed");
    expect(cert.advice).toMatch(/^No Adobe developer certificate for localhost/);
    expect(await handshake(cert.key, cert.cert, cert.cert)).toBe(200);
    expect(cert.advice).toContain(`Trust the certificate ${path.join(dir, "own", "localhost.pem")}`);
    expect(cert.advice).toMatch(/macOS: .*security add-trusted-cert[\s\S]*Windows: .*certutil[\s\S]*Linux/);
    expect(cert.advice).toContain("npx @adobe/ccweb-add-on-ssl setup --hostname localhost");
    // Made once: the next start keeps the certificate the user has already trusted.
    expect((await devCertificate(path.join(dir, "own"), URL_SHOWN)).cert).toBe(cert.cert);
  });

  it("uses Adobe's developer certificate once set up, trusted through Adobe's authority", async () => {
    const { ca } = await fakeAdobeSetup(path.join(dir, "xdg/Adobe/CCWebAddOn/devcert"));
    const cert = await devCertificate(path.join(dir, "own"), URL_SHOWN);
    expect(cert.source).toBe("adobe-devcert");
    expect(cert.advice).toBeUndefined();
    expect(await handshake(cert.key, cert.cert, ca)).toBe(200);
  });

  it("falls back to its own certificate once Adobe's has expired (SSLReader.js refuses an expired one)", async () => {
    await fakeAdobeSetup(path.join(dir, "xdg/Adobe/CCWebAddOn/devcert"));
    expect((await devCertificate(path.join(dir, "later"), URL_SHOWN)).source).toBe("adobe-devcert");
    const later = Date.now() + 2 * 365 * 86_400_000;
    const cert = await devCertificate(path.join(dir, "later"), URL_SHOWN, "localhost", later);
    expect(cert.source).toBe("self-signed");
    expect(cert.advice).toMatch(/Adobe's developer certificate for localhost has expired/);
  });
});
