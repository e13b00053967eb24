import { createSegmindBackend } from "../../src/core/backends/segmind";
import { ValidationError } from "../../src/core/errors";
import { GenerationSettingsSchema } from "../../src/shared/settings";
import { createEngineDouble, type EngineDouble } from "./helpers/engine-double";
import { authHeaders, startTestGateway, type TestGateway } from "./helpers/gateway";
import { solidImage, toBase64 } from "./helpers/images";

let gw: TestGateway;
let engine: EngineDouble;
let png: Uint8Array;
let depth: Uint8Array;
beforeAll(async () => {
  png = await solidImage("png", 24, 24);
  depth = await solidImage("png", 24, 24, [250, 250, 250]);
});
beforeEach(async () => {
  engine = createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] });
  gw = await startTestGateway({ engines: [engine] });
});
afterEach(() => gw.close());

const post = (body: Record<string, unknown>) =>
  fetch(`${gw.url}/v1/jobs`, { method: "POST", headers: authHeaders(), body: JSON.stringify({ image: { mimeType: "image/png", base64: toBase64(png) }, settings: { prompt: "p" }, ...body }) });

describe("your own depth map on the job API", () => {
  it("hands the decoded control image to the ComfyUI engine", async () => {
    const res = await post({ controlImage: { mimeType: "image/png", base64: toBase64(depth) } });
    expect(res.status).toBe(202);
    for (let i = 0; i < 200 && engine.runs.length === 0; i++) await new Promise((r) => setTimeout(r, 5));
    expect(Buffer.from(engine.runs[0]!.controlImage!.bytes).equals(Buffer.from(depth))).toBe(true);
    expect(engine.runs[0]!.controlImage!.mimeType).toBe("image/png");
  });

  it("refuses a control image that is not an image, naming the field", async () => {
    const res = await post({ controlImage: { mimeType: "image/png", base64: toBase64(new TextEncoder().encode("not an image")) } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("controlImage.base64");
    expect(engine.runs).toHaveLength(0);
  });

  it("refuses a control image for the Segmind engine, which estimates depth itself", async () => {
    const res = await post({ engine: "segmind", controlImage: { mimeType: "image/png", base64: toBase64(depth) } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain("only the ComfyUI engine takes your own depth map");
  });
});

describe("the Segmind backend", () => {
  it("refuses your own depth map before sending anything (no paid request)", async () => {
    let calls = 0;
    const backend = createSegmindBackend({ apiKey: "k", fetch: async () => (calls++, new Response("{}")) });
    const settings = { ...GenerationSettingsSchema.parse({ prompt: "p" }), seed: 1 };
    await expect(backend.generate({ image: png, mimeType: "image/png", settings, wantDepth: false, controlImage: { bytes: depth, mimeType: "image/png" } })).rejects.toBeInstanceOf(ValidationError);
    expect(calls).toBe(0);
  });
});
