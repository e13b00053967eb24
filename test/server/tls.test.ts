import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Agent, fetch } from "undici";
import { run } from "../../src/cli/serve";
import { ValidationError } from "../../src/core/errors";
import { parseGatewayConfig, type GatewayConfig } from "../../src/server/config";
import { loadOrCreateLocalCertificate, localCertDir } from "../../src/server/local-cert";
import { resolveTls } from "../../src/server/tls";

/** `depth-restyle serve …` in this process; resolves with its URL once it listens, and a stop that waits for the exit code. */
async function serve(argv: string[]) {
  let out = "";
  const controller = new AbortController();
  const exit = run(["--port", "0", "--comfy", "http://127.0.0.1:9", "--log-level", "silent", ...argv], {
    stdout: (text) => (out += text),
    stderr: (text) => (out += text),
    env: {},
    signal: controller.signal,
  });
  const url = await new Promise<string>((resolve, reject) => {
    const poll = () => {
      const found = /listening on (https?:\/\/127\.0\.0\.1:\d+)/.exec(out);
      if (found) resolve(found[1]!);
      else setTimeout(poll, 20);
    };
    exit.then((code) => reject(new Error(`serve exited with ${code}:\n${out}`)), reject);
    poll();
  });
  return { url, output: () => out, stop: () => (controller.abort(), exit) };
}

/** A client that trusts exactly this certificate, as a browser does once the user has trusted it. */
const trusting = (ca: string) => new Agent({ connect: { ca } });

describe("gateway over HTTPS", () => {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), "gw-tls-"));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  test("--tls serves HTTPS with a certificate made once for this computer, says how to trust it, and keeps it for the next start", async () => {
    const first = await serve(["--tls", "--config-dir", dir]);
    const certFile = join(localCertDir(dir), "localhost.pem");
    let cert = "";
    try {
      expect(first.url).toMatch(/^https:\/\//);
      cert = await readFile(certFile, "utf8");
      const health = await fetch(`${first.url}/health`, { dispatcher: trusting(cert) });
      expect(await health.json()).toMatchObject({ ok: true });
      // Not trusted, it is refused: the connection really is TLS with that certificate.
      await expect(fetch(`${first.url}/health`)).rejects.toThrow();
      expect(first.output()).toContain(`Trust the certificate ${certFile}`);
    } finally {
      expect(await first.stop()).toBe(0);
    }
    const second = await serve(["--config-dir", dir]);
    await second.stop();
    expect(second.url).toMatch(/^http:\/\//);
    const third = await serve(["--tls", "--config-dir", dir]);
    await third.stop();
    expect(await readFile(certFile, "utf8")).toBe(cert);
  }, 60_000);

  test("--tls-cert/--tls-key serve the user's certificate and answer the published add-on's Local Network Access preflight", async () => {
    const own = await loadOrCreateLocalCertificate(join(dir, "own"));
    const keyFile = join(dir, "own", "localhost-key.pem");
    const gateway = await serve(["--tls-cert", own.certFile, "--tls-key", keyFile, "--config-dir", dir]);
    try {
      const preflight = await fetch(`${gateway.url}/v1/jobs`, {
        method: "OPTIONS",
        dispatcher: trusting(own.cert),
        headers: {
          origin: "https://abc123.wxp.adobe-addons.com",
          "access-control-request-method": "POST",
          "access-control-request-headers": "authorization,content-type",
          "access-control-request-private-network": "true",
        },
      });
      expect(preflight.status).toBe(204);
      expect(preflight.headers.get("access-control-allow-origin")).toBe("https://abc123.wxp.adobe-addons.com");
      expect(preflight.headers.get("access-control-allow-private-network")).toBe("true");
    } finally {
      await gateway.stop();
    }
  }, 60_000);

  test("TLS settings come from flags or DEPTH_RESTYLE_TLS* variables", () => {
    const parse = (argv: string[], env: Record<string, string> = {}) => parseGatewayConfig(argv, { HOME: "/home/u", ...env }) as GatewayConfig;
    expect(parse([])).toMatchObject({ tls: false });
    expect(parse(["--tls"])).toMatchObject({ tls: true });
    expect(parse([], { DEPTH_RESTYLE_TLS: "1" })).toMatchObject({ tls: true });
    expect(parse([], { DEPTH_RESTYLE_TLS_CERT: "/c.pem", DEPTH_RESTYLE_TLS_KEY: "/k.pem" })).toMatchObject({ tlsCert: "/c.pem", tlsKey: "/k.pem" });
    expect(parse(["--tls-cert", "/f.pem", "--tls-key", "/g.pem"], { DEPTH_RESTYLE_TLS_CERT: "/c.pem" })).toMatchObject({ tlsCert: "/f.pem", tlsKey: "/g.pem" });
  });

  test("unusable TLS settings are refused with a message that names the flag and the fix", async () => {
    const a = await loadOrCreateLocalCertificate(join(dir, "a"));
    const b = await loadOrCreateLocalCertificate(join(dir, "b"));
    const notPem = join(dir, "not.pem");
    await writeFile(notPem, "hello");
    const settings = (tlsCert?: string, tlsKey?: string) => ({ tls: false, configDir: dir, ...(tlsCert ? { tlsCert } : {}), ...(tlsKey ? { tlsKey } : {}) });
    const cases: [ReturnType<typeof settings>, RegExp][] = [
      [settings(a.certFile), /--tls-cert and --tls-key go together/],
      [settings(join(dir, "missing.pem"), join(dir, "a", "localhost-key.pem")), /Cannot read --tls-cert .*missing\.pem \(ENOENT\)/],
      [settings(a.certFile, notPem), /--tls-key .*not\.pem is not a PEM file/],
      [settings(a.certFile, join(dir, "b", "localhost-key.pem")), /do not make a usable pair/],
    ];
    for (const [config, message] of cases) {
      const failure = resolveTls(config);
      await expect(failure).rejects.toThrow(ValidationError);
      await expect(failure).rejects.toThrow(message);
    }
    expect(await resolveTls(settings(b.certFile, join(dir, "b", "localhost-key.pem")))).toEqual({ cert: b.cert, key: b.key });
  });
});
