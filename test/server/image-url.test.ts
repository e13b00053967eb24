/**
 * `image` as a URL on the Segmind-compatible route, as Segmind's own sample code sends it: fetched
 * with undici, http(s) only, size and time capped, private addresses refused after DNS resolution
 * and on every redirect, unless --allow-private-image-urls.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { BlockList } from "node:net";
import sharp from "sharp";
import { ValidationError } from "../../src/core/errors";
import { fetchImageUrl } from "../../src/server/http/image-url";
import { startStack, type Stack } from "./helpers/stack";
import { promptRoles } from "./engines/comfy/prompt-roles";

interface ImageHost {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

/** A web server on `host` answering paths: /photo.jpg, /big (chunked), /hang, /loop, /redirect?to=… */
async function imageHost(host: string, photo: Uint8Array): Promise<ImageHost> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://x");
    hits.push(url.pathname);
    if (url.pathname === "/photo.jpg") return res.writeHead(200, { "content-type": "image/jpeg" }).end(photo);
    if (url.pathname === "/big") {
      res.writeHead(200, { "content-type": "image/jpeg" });
      res.write(photo);
      return res.end(Buffer.alloc(64 * 1024));
    }
    if (url.pathname === "/loop") return res.writeHead(301, { location: "/loop" }).end();
    if (url.pathname === "/redirect") return res.writeHead(302, { location: url.searchParams.get("to") ?? "/" }).end();
    if (url.pathname === "/hang") return;
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}`,
    hits,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

let photo: Uint8Array;
let host: ImageHost;
beforeAll(async () => {
  photo = new Uint8Array(await sharp({ create: { width: 640, height: 480, channels: 3, background: "#3a7" } }).jpeg().toBuffer());
  host = await imageHost("127.0.0.1", photo);
});
afterAll(() => host.close());

const post = (stack: Stack, body: unknown) =>
  fetch(`${stack.gateway.url}/v1/ssd-depth`, { method: "POST", headers: { "x-api-key": stack.gateway.token, "content-type": "application/json" }, body: JSON.stringify(body) });

/** Segmind's published sample request (its seed is above 2³²), with the image as a URL. */
const sample = (image: string) => ({
  image,
  prompt: "a photo of a cozy living room, warm light",
  negative_prompt: "low quality, blurry",
  samples: 1,
  scheduler: "UniPC",
  num_inference_steps: 25,
  guidance_scale: 7.5,
  seed: 9715432854,
  controlnet_scale: 0.5,
  base64: false,
});

describe("the Segmind-compatible route with image URLs", () => {
  test("Segmind's sample request runs unchanged: the URL is fetched, seed 9715432854 accepted and used", async () => {
    const stack = await startStack({ config: { allowPrivateImageUrls: true } });
    try {
      const res = await post(stack, sample(`${host.url}/photo.jpg`));
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(res.headers.get("x-seed")).toBe("9715432854");
      const { prompt } = stack.fakes[0]!.prompts[0]!;
      expect(prompt[promptRoles(prompt).sampler]!.inputs["seed"]).toBe(9715432854);
      expect(host.hits).toContain("/photo.jpg");
    } finally {
      await stack.close();
    }
  });

  test("by default a URL naming a loopback host is refused after DNS resolution (422), and nothing is fetched or queued", async () => {
    const stack = await startStack();
    try {
      const before = host.hits.length;
      const port = new URL(host.url).port;
      for (const url of [`http://localhost:${port}/photo.jpg`, `${host.url}/photo.jpg`, `http://[::ffff:127.0.0.1]:${port}/photo.jpg`]) {
        const res = await post(stack, sample(url));
        expect(res.status).toBe(422);
        expect(((await res.json()) as { error: string }).error).toMatch(/private or local address .*--allow-private-image-urls/);
      }
      expect(host.hits.length).toBe(before);
      expect(stack.fakes[0]!.prompts).toEqual([]);
    } finally {
      await stack.close();
    }
  });

  test("other schemes are refused", async () => {
    const stack = await startStack({ config: { allowPrivateImageUrls: true } });
    try {
      for (const url of ["file:///etc/passwd", "ftp://example.com/a.jpg"]) {
        const res = await post(stack, sample(url));
        expect(res.status).toBe(422);
        expect(((await res.json()) as { error: string }).error).toMatch(/only http\(s\) URLs/);
      }
    } finally {
      await stack.close();
    }
  });
});

describe("fetchImageUrl limits", () => {
  const open = { blocked: undefined, maxBytes: 1024 * 1024, timeoutMs: 5000 };
  const failure = (p: Promise<unknown>) => p.then(() => undefined, (e: unknown) => e as Error);

  test("a redirect to a blocked address is refused at the hop, though the first server was allowed", async () => {
    const inner = await imageHost("127.0.0.2", photo);
    try {
      const blocked = new BlockList();
      blocked.addAddress("127.0.0.2");
      expect(await fetchImageUrl(`${host.url}/photo.jpg`, { ...open, blocked })).toEqual(photo);
      const error = await failure(fetchImageUrl(`${host.url}/redirect?to=${encodeURIComponent(`${inner.url}/photo.jpg`)}`, { ...open, blocked }));
      expect(error).toBeInstanceOf(ValidationError);
      expect(error?.message).toMatch(/private or local address \(127\.0\.0\.2\)/);
      expect(inner.hits).toEqual([]);
    } finally {
      await inner.close();
    }
  });

  test("a host name whose DNS answer is blocked is refused before connecting", async () => {
    const blocked = new BlockList();
    blocked.addAddress("127.0.0.1");
    blocked.addAddress("::1", "ipv6");
    const before = host.hits.length;
    const error = await failure(fetchImageUrl(`http://localhost:${new URL(host.url).port}/photo.jpg`, { ...open, blocked }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.message).toMatch(/localhost → /);
    expect(host.hits.length).toBe(before);
  });

  test("a file larger than the cap is cut off, with or without a Content-Length", async () => {
    const chunked = await failure(fetchImageUrl(`${host.url}/big`, { ...open, maxBytes: photo.byteLength + 1000 }));
    expect(chunked).toBeInstanceOf(ValidationError);
    expect(chunked?.message).toMatch(/larger than/);
    const declared = await failure(fetchImageUrl(`${host.url}/photo.jpg`, { ...open, maxBytes: 100 }));
    expect(declared).toBeInstanceOf(ValidationError);
    expect(declared?.message).toMatch(/larger than/);
  });

  test("a server that never answers is given up after the time cap", async () => {
    const error = await failure(fetchImageUrl(`${host.url}/hang`, { ...open, timeoutMs: 300 }));
    expect(error).toBeInstanceOf(ValidationError);
    expect(error?.message).toMatch(/did not deliver the image within 0.3 s/);
  });

  test("redirect loops end", async () => {
    const error = await failure(fetchImageUrl(`${host.url}/loop`, open));
    expect(error?.message).toMatch(/redirects too many times/);
  });
});
