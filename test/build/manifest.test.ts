import { mkdtemp, readFile, readdir, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { AddOnManifest } from "@adobe/ccweb-add-on-manifest";
import sharp from "sharp";
import webpack, { type Configuration, type MultiStats } from "webpack";

const root = fileURLToPath(new URL("../..", import.meta.url));
const SDK_URL = "https://new.express.adobe.com/static/add-on-sdk/sdk.js";
const ORT_FILES = ["ort-wasm-simd-threaded.mjs", "ort-wasm-simd-threaded.wasm", "ort-wasm-simd-threaded.jsep.mjs", "ort-wasm-simd-threaded.jsep.wasm"];

/** Module specifiers of the static imports of a bundle (minified or not). */
const staticImports = (js: string): string[] => [...js.matchAll(/(?:^|[;\s}])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?"([^"]+)"/g)].map((m) => m[1] as string);

/** Adobe's own validator; `published` validates as a marketplace (non-developer) add-on. */
function validate(manifest: unknown, published = true) {
  return AddOnManifest.createManifest({ manifest, additionalInfo: { sourceId: "depth-restyle", privileged: false, isDeveloperAddOn: !published } });
}

async function build(out: string): Promise<MultiStats> {
  // The config reads the environment when it loads: set it first. Production: test what ships.
  process.env.DEPTH_RESTYLE_OUT = out;
  process.env.NODE_ENV = "production";
  const loaded: { default: Configuration[] } = await import(pathToFileURL(path.join(root, "webpack.config.js")).href);
  const configs = loaded.default;
  const compiler = webpack(configs.map((c): Configuration => ({ ...c, devtool: false })));
  return new Promise((resolve, reject) => {
    compiler.run((error, stats) => {
      compiler.close(() => {
        if (error || !stats) return reject(error ?? new Error("no stats"));
        if (stats.hasErrors()) return reject(new Error(stats.toString("errors-only")));
        resolve(stats);
      });
    });
  });
}

describe("add-on build", () => {
  let out = "";
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), "depth-restyle-dist-"));
    await build(out);
  }, 240_000);
  afterAll(async () => {
    delete process.env.DEPTH_RESTYLE_OUT;
    process.env.NODE_ENV = "test";
    if (out) await rm(out, { recursive: true, force: true });
  });

  it("ships a manifest that Adobe's validator accepts, with one panel and its document sandbox, and no experimental APIs", async () => {
    const manifest = JSON.parse(await readFile(path.join(out, "manifest.json"), "utf8"));
    const result = validate(manifest);
    expect(result.manifestValidationResult).toEqual({ success: true });
    expect(manifest.manifestVersion).toBe(2);
    expect(manifest.requirements.experimentalApis).toBeUndefined();
    expect(manifest.entryPoints).toEqual([{ type: "panel", id: expect.any(String), main: "index.html", documentSandbox: "code.js" }]);
  });

  it("lays out index.html loading the panel module, the sandbox code.js, and the files the manifest names", async () => {
    const files = await readdir(out);
    expect(files).toEqual(expect.arrayContaining(["index.html", "index.js", "code.js", "manifest.json", "icons", "ort", "chunks"]));
    const html = await readFile(path.join(out, "index.html"), "utf8");
    expect(html).toMatch(/<script type="module" src="index\.js"><\/script>/);
    expect(html).toContain('<div id="root"></div>');
  });

  it("leaves the SDK to the host: the panel imports the SDK URL, the sandbox imports its two host modules", async () => {
    expect(staticImports(await readFile(path.join(out, "index.js"), "utf8"))).toEqual([SDK_URL]);
    const code = await readFile(path.join(out, "code.js"), "utf8");
    expect(staticImports(code).sort()).toEqual(["add-on-sdk-document-sandbox", "express-document-sdk"]);
    // The sandbox bundle must be one file: QuickJS loads no chunks.
    expect(code).not.toMatch(/import\(|__webpack_require__\.e\(/);
  });

  it("bundles the image and depth workers as module chunks", async () => {
    const chunks = await readdir(path.join(out, "chunks"));
    expect(chunks.some((f) => /image_worker/.test(f))).toBe(true);
    expect(chunks.some((f) => /depth_worker/.test(f))).toBe(true);
  });

  it("copies onnxruntime-web's WASM runtime (plain and WebGPU) to ort/ unchanged", async () => {
    for (const file of ORT_FILES) {
      const [copied, source] = await Promise.all([stat(path.join(out, "ort", file)), stat(path.join(root, "node_modules/onnxruntime-web/dist", file))]);
      expect(copied.size).toBe(source.size);
    }
  });

  it("ships real PNG icons at their stated sizes", async () => {
    for (const size of [24, 48, 96, 144, 512]) {
      const meta = await sharp(path.join(out, "icons", `icon-${size}.png`)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(["png", size, size]);
    }
  });
});

describe("manifests", () => {
  it("are checked by a validator that does reject a broken manifest (so the checks can fail)", () => {
    const result = validate({ manifestVersion: 2, version: "x", requirements: { apps: [] }, entryPoints: [] });
    expect(result.manifestValidationResult.success).toBe(false);
  });

  it("ask for preview renditions (renditionPreview), a requirement Adobe's validator knows and checks", async () => {
    for (const file of ["manifest.json", "manifest.experimental.json"]) {
      const manifest = JSON.parse(await readFile(path.join(root, file), "utf8"));
      expect(manifest.requirements.renditionPreview).toBe(true);
      const mistyped = { ...manifest, requirements: { ...manifest.requirements, renditionPreview: "yes" } };
      expect(JSON.stringify(validate(mistyped, false).manifestValidationResult)).toMatch(/renditionPreview.*must be boolean/);
    }
    expect(validate(JSON.parse(await readFile(path.join(root, "manifest.json"), "utf8"))).manifestValidationResult).toEqual({ success: true });
  });

  it("experimental: the published manifest plus experimentalApis, valid in developer mode and refused for publishing", async () => {
    const published = JSON.parse(await readFile(path.join(root, "manifest.json"), "utf8"));
    const experimental = JSON.parse(await readFile(path.join(root, "manifest.experimental.json"), "utf8"));
    expect(validate(experimental, false).manifestValidationResult).toEqual({ success: true });
    const asPublished = validate(experimental, true).manifestValidationResult;
    expect(asPublished.success).toBe(false);
    expect(JSON.stringify(asPublished)).toMatch(/Experimental apis are not supported/);
    expect(experimental.requirements.experimentalApis).toBe(true);
    expect(experimental.entryPoints).toEqual(published.entryPoints);
    expect(experimental.version).toBe(published.version);
  });
});
