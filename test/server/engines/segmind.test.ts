import { createGatewayBackend } from "../../../src/core/backends/gateway";
import { CreditsError } from "../../../src/core/errors";
import { createSegmindEngine } from "../../../src/server/engines/segmind";
import { GenerationSettingsSchema } from "../../../src/shared/settings";
import { FAKE_ERRORS, startFakeSegmind, type FakeSegmind } from "../../fakes/segmind-server";
import { authHeaders, startTestGateway, type TestGateway } from "../helpers/gateway";
import { solidImage } from "../helpers/images";

let segmind: FakeSegmind;
let gw: TestGateway;
let png: Uint8Array;
beforeAll(async () => {
  png = await solidImage("png", 64, 64);
});
beforeEach(async () => {
  segmind = await startFakeSegmind({ credits: 1, costPerImage: 0.01 });
  const engine = createSegmindEngine({ segmind: { apiKey: segmind.key, baseUrl: segmind.url, maxRetries: 0 } });
  gw = await startTestGateway({ engines: [engine] });
});
afterEach(async () => {
  await gw.close();
  await segmind.close();
});

const settings = (samples = 1) => ({ ...GenerationSettingsSchema.parse({ prompt: "art deco poster", samples, steps: 30, controlScale: 0.7 }), seed: 8 });
const client = () => createGatewayBackend({ baseUrl: gw.url, token: gw.token, engine: "segmind" });

test("a 'segmind' job goes to Segmind with the server-held key, which never reaches the client", async () => {
  const seen: string[] = [];
  const capture: typeof fetch = async (url, init) => {
    const response = await fetch(url, init);
    const copy = response.clone();
    seen.push(JSON.stringify(init?.headers ?? {}), String(init?.body ?? ""), await copy.text());
    return response;
  };
  const result = await createGatewayBackend({ baseUrl: gw.url, token: gw.token, engine: "segmind", fetch: capture }).generate({
    image: png,
    mimeType: "image/png",
    settings: settings(2),
    wantDepth: true,
  });
  expect(result.images).toHaveLength(2);
  expect(result.depthMap).toBeUndefined();
  expect(result.seed).toBe(8);
  const sent = segmind.requests.find((r) => r.path === "/v1/ssd-depth")!;
  expect(sent.headers["x-api-key"]).toBe(segmind.key);
  expect(sent.body).toMatchObject({ prompt: "art deco poster", samples: 2, num_inference_steps: 30, controlnet_scale: 0.7, seed: 8, base64: true });
  expect(seen.join("\n")).not.toContain(segmind.key);
  expect(segmind.credits()).toBeCloseTo(0.98);
});

test("Segmind's errors come back typed through the gateway", async () => {
  segmind.script(FAKE_ERRORS.credits);
  await expect(client().generate({ image: png, mimeType: "image/png", settings: settings(), wantDepth: false })).rejects.toBeInstanceOf(CreditsError);
});

test("/v1/engines reports the passthrough, checked with Segmind's free credit endpoint", async () => {
  const res = await fetch(`${gw.url}/v1/engines`, { headers: authHeaders() });
  const body = (await res.json()) as { engines: { kind: string; reachable: boolean; versions?: Record<string, string> }[] };
  expect(body.engines).toEqual([expect.objectContaining({ kind: "segmind", reachable: true, versions: { segmind: expect.stringMatching(/credits left/) } })]);
  expect(JSON.stringify(body)).not.toContain(segmind.key);
  expect(segmind.requests.some((r) => r.path === "/v1/get-user-credits")).toBe(true);
  expect(segmind.requests.some((r) => r.path === "/v1/ssd-depth")).toBe(false);
});

test("without a ComfyUI worker, a 'comfyui' job is refused with a fix-it message", async () => {
  const error = await createGatewayBackend({ baseUrl: gw.url, token: gw.token })
    .generate({ image: png, mimeType: "image/png", settings: settings(), wantDepth: false })
    .catch((e: unknown) => e);
  expect((error as Error).message).toMatch(/--comfy/);
});
