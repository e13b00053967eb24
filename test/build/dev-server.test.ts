import { get } from "node:https";
import { mkdtemp, mkdir, rm, writeFile } from "node:fs/promises";
import type { AddressInfo } from "node:net";
import type { Server } from "node:https";
import { tmpdir } from "node:os";
import path from "node:path";
import { devCertificate } from "../../scripts/dev-cert";
import { startStaticServer } from "../../scripts/static-server";

interface Answer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

function fetchInsecure(port: number, pathname: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    // The dev certificate is self-signed here; the browser is told to trust it once.
    const req = get({ host: "127.0.0.1", port, path: pathname, rejectUnauthorized: false, servername: "localhost" }, (res) => {
      let body = "";
      res.setEncoding("utf8");
      res.on("data", (c: string) => (body += c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
    });
    req.on("error", reject);
  });
}

describe("dev server (npm start)", () => {
  let dir = "";
  let server: Server | undefined;
  let port = 0;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), "depth-restyle-dev-"));
    await mkdir(path.join(dir, "dist/ort"), { recursive: true });
    await writeFile(path.join(dir, "dist/manifest.json"), '{"manifestVersion":2}');
    await writeFile(path.join(dir, "dist/ort/x.wasm"), new Uint8Array([0, 97, 115, 109]));
    await writeFile(path.join(dir, "secret.txt"), "outside dist");
    const cert = await devCertificate(path.join(dir, "cert"), "localhost-test-only");
    server = await startStaticServer({ root: path.join(dir, "dist"), port: 0, host: "127.0.0.1", key: cert.key, cert: cert.cert });
    port = (server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise((r) => (server ? server.close(r) : r(undefined)));
    await rm(dir, { recursive: true, force: true });
  });

  it("serves dist/ over HTTPS with CORS, so Express can load the manifest cross-origin", async () => {
    const answer = await fetchInsecure(port, "/manifest.json");
    expect(answer.status).toBe(200);
    expect(answer.headers["access-control-allow-origin"]).toBe("*");
    expect(answer.headers["content-type"]).toMatch(/application\/json/);
    expect(JSON.parse(answer.body)).toEqual({ manifestVersion: 2 });
  });

  it("serves wasm with its MIME type (streaming compilation needs it)", async () => {
    expect((await fetchInsecure(port, "/ort/x.wasm")).headers["content-type"]).toBe("application/wasm");
  });

  it("never serves files outside dist/", async () => {
    for (const p of ["/../secret.txt", "/%2e%2e/secret.txt", "/ort/../../secret.txt"]) {
      const answer = await fetchInsecure(port, p);
      expect([403, 404]).toContain(answer.status);
      expect(answer.body).not.toContain("outside dist");
    }
  });
});
