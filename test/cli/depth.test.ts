/** @jest-environment ./test/core/depth/helpers/native-arrays-env.js */
import { createHash } from "node:crypto";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, readdir, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { cachedPath } from "../../src/cli/depth-model";
import type { CliIo } from "../../src/cli/io";
import { main } from "../../src/cli/main";
import { buildOneChannelModel, buildTinyDepthModel } from "../fakes/tiny-depth-model";
import { startModelServer, type ModelServer } from "../ui/depth/helpers/model-server";

let dir: string;
let server: ModelServer;
let modelPath: string;
const model = buildTinyDepthModel();
const MODEL_SHA = createHash("sha256").update(model).digest("hex");

function io(env: Record<string, string> = {}): CliIo & { out: () => string; err: () => string } {
  const out: string[] = [];
  const err: string[] = [];
  return { stdout: (t) => void out.push(t), stderr: (t) => void err.push(t), env: { XDG_CACHE_HOME: join(dir, "cache"), ...env }, out: () => out.join(""), err: () => err.join("") };
}

/** 60×40: bright (near) left third, mid-grey middle, dark (far) right third, half-transparent bottom row. */
async function writeInput(path: string): Promise<void> {
  const data = Buffer.alloc(60 * 40 * 4);
  for (let i = 0; i < 60 * 40; i++) {
    const x = i % 60;
    const v = x < 20 ? 240 : x < 40 ? 128 : 15;
    data.set([v, v, v, Math.floor(i / 60) === 39 ? 128 : 255], i * 4);
  }
  await sharp(data, { raw: { width: 60, height: 40, channels: 4 } }).png().toFile(path);
}

const raw = async (path: string) => sharp(path).raw().toBuffer({ resolveWithObject: true });
/** A depth PNG's single channel; the file itself must be one-channel greyscale. */
async function gray(path: string) {
  expect(await sharp(path).metadata()).toMatchObject({ channels: 1, space: "b-w" });
  return sharp(path).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "depth-cli-"));
  modelPath = join(dir, "tiny.onnx");
  await writeFile(modelPath, model);
  await writeInput(join(dir, "in.png"));
  server = await startModelServer({ "/m/tiny.onnx": { body: model }, "/m/junk.onnx": { body: new Uint8Array([1, 2, 3, 4]) } });
});
afterAll(async () => {
  await server.close();
  await rm(dir, { recursive: true, force: true });
});

describe("depth-restyle depth", () => {
  it("writes a greyscale depth map at the input's size, near white", async () => {
    const streams = io();
    const out = join(dir, "depth.png");
    expect(await main(["depth", "--input", join(dir, "in.png"), "--out", out, "--model", modelPath], streams)).toBe(0);
    const { data, info } = await gray(out);
    expect(info).toMatchObject({ width: 60, height: 40, channels: 1 });
    expect(data[20 * 60 + 5]).toBe(255);
    expect(data[20 * 60 + 55]).toBe(0);
    expect(streams.out()).toContain("white = near");
  });

  it("applies the depth edit flags like the panel's editor", async () => {
    const out = join(dir, "depth-inverted.png");
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", out, "-m", modelPath, "--invert", "--far", "0.4"], io())).toBe(0);
    const { data } = await gray(out);
    expect([data[20 * 60 + 5], data[20 * 60 + 55]]).toEqual([0, 255]);
  });

  it("downloads a model URL once into the cache folder with a progress bar and its SHA-256, then reuses it", async () => {
    const url = server.url("/m/tiny.onnx");
    const before = server.hits("/m/tiny.onnx");
    const first = io();
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", join(dir, "d1.png"), "--model", url, "--sha256", MODEL_SHA], first)).toBe(0);
    expect(first.err()).toMatch(/Downloading the depth model \(once\) \[#+\] 100%/);
    const cached = cachedPath(first.env, url);
    expect(cached.startsWith(join(dir, "cache", "depth-restyle"))).toBe(true);
    expect((await readFile(`${cached}.sha256`, "utf8")).trim()).toBe(MODEL_SHA);
    const second = io();
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", join(dir, "d2.png"), "--model", url], second)).toBe(0);
    expect(second.err()).toContain(`Depth model: cache: ${cached}`);
    expect(server.hits("/m/tiny.onnx") - before).toBe(1);
  });

  it("downloads again when the cached file no longer matches its checksum", async () => {
    const url = server.url("/m/tiny.onnx");
    const streams = io({ XDG_CACHE_HOME: join(dir, "cache-damaged") });
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", join(dir, "d3.png"), "-m", url], streams)).toBe(0);
    const cached = cachedPath(streams.env, url);
    await writeFile(cached, new Uint8Array([9, 9, 9]));
    const before = server.hits("/m/tiny.onnx");
    const again = io({ XDG_CACHE_HOME: join(dir, "cache-damaged") });
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", join(dir, "d4.png"), "-m", url], again)).toBe(0);
    expect(server.hits("/m/tiny.onnx") - before).toBe(1);
    expect(again.err()).toContain("Depth model: downloaded:");
  });

  it("refuses a download whose SHA-256 differs and keeps nothing", async () => {
    const streams = io({ XDG_CACHE_HOME: join(dir, "cache-sha") });
    const url = server.url("/m/tiny.onnx");
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", join(dir, "x.png"), "-m", url, "--sha256", "0".repeat(64)], streams)).toBe(1);
    expect(streams.err()).toMatch(/has SHA-256 [0-9a-f]{64}, not the expected 0{64}; it was not kept/);
    expect(existsSync(cachedPath(streams.env, url))).toBe(false);
  });

  it("fails clearly on a file that is not an ONNX model, and does not cache it", async () => {
    const streams = io();
    const url = server.url("/m/junk.onnx");
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", join(dir, "x.png"), "-m", url], streams)).toBe(1);
    expect(streams.err()).toMatch(/^Error: The file at http:\S+junk\.onnx is not a usable ONNX depth model \(.+\)\. Give --model an ONNX depth model/m);
    expect(existsSync(cachedPath(streams.env, url))).toBe(false);
  });

  it("fails clearly on an ONNX model that does not take RGB input", async () => {
    const path = join(dir, "gray.onnx");
    await writeFile(path, buildOneChannelModel());
    const streams = io();
    expect(await main(["depth", "-i", join(dir, "in.png"), "-o", join(dir, "x.png"), "-m", path], streams)).toBe(1);
    expect(streams.err()).toContain("The depth model expects 1 colour channels, not 3 (RGB).");
  });

  it("fails clearly on a missing input, a file that is not an image, a missing model and an unwritable output", async () => {
    const cases: [string[], RegExp][] = [
      [["-i", join(dir, "nope.png"), "-o", join(dir, "x.png"), "-m", modelPath], /Cannot read --input .*nope\.png \(ENOENT\)\. Check the path\./],
      [["-i", modelPath, "-o", join(dir, "x.png"), "-m", modelPath], /--input .*tiny\.onnx is not an image sharp can read/],
      [["-i", join(dir, "in.png"), "-o", join(dir, "x.png"), "-m", join(dir, "missing.onnx")], /Cannot read --model .*missing\.onnx \(ENOENT\)/],
      [["-i", join(dir, "in.png"), "-o", join(dir, "no-such-dir", "x.png"), "-m", modelPath], /Cannot write --out .*x\.png \(ENOENT\)\. Check that the folder exists/],
    ];
    for (const [args, message] of cases) {
      const streams = io();
      expect(await main(["depth", ...args], streams)).toBe(1);
      expect(streams.err()).toMatch(message);
    }
  });

  it("treats missing or out-of-range flags as usage errors (exit 2)", async () => {
    const missing = io();
    expect(await main(["depth", "--input", "a.png"], missing)).toBe(2);
    expect(missing.err()).toContain("Missing --out.");
    const badEdit = io();
    expect(await main(["depth", "-i", "a.png", "-o", "b.png", "--far", "0.9", "--near", "0.2"], badEdit)).toBe(2);
    expect(badEdit.err()).toContain("near point must be above the far point");
  });
});

describe("depth-restyle slices", () => {
  it("writes slice-1 (nearest) … slice-N as RGBA at the input's size, together covering every pixel once", async () => {
    const outDir = join(dir, "slices");
    const streams = io();
    expect(await main(["slices", "-i", join(dir, "in.png"), "--count", "3", "--out-dir", outDir, "-m", modelPath, "--feather", "0"], streams)).toBe(0);
    expect((await readdir(outDir)).sort()).toEqual(["slice-1.png", "slice-2.png", "slice-3.png"]);
    const slices = await Promise.all([1, 2, 3].map((n) => raw(join(outDir, `slice-${n}.png`))));
    for (const s of slices) expect(s.info).toMatchObject({ width: 60, height: 40, channels: 4 });
    const source = await raw(join(dir, "in.png"));
    for (let i = 0; i < 60 * 40; i++) {
      const holding = slices.filter((s) => s.data[i * 4 + 3]! > 0);
      expect(holding).toHaveLength(1);
      expect(holding[0]!.data[i * 4 + 3]).toBe(source.data[i * 4 + 3]);
      expect(holding[0]!.data[i * 4]).toBe(source.data[i * 4]);
    }
    // The bright left third is the nearest slice, the dark right third the farthest.
    expect(slices[0]!.data[(10 * 60 + 5) * 4 + 3]).toBe(255);
    expect(slices[2]!.data[(10 * 60 + 55) * 4 + 3]).toBe(255);
    expect(streams.out()).toContain("slice-1.png (nearest)");
  });

  it("feathers the edges by default and still stacks back to the input", async () => {
    const outDir = join(dir, "soft");
    // --invert does not reorder slices: slice-1 stays the nearest (bright) band.
    expect(await main(["slices", "-i", join(dir, "in.png"), "-o", outDir, "-m", modelPath, "--invert"], io())).toBe(0);
    const slices = await Promise.all([1, 2, 3].map((n) => raw(join(outDir, `slice-${n}.png`))));
    const soft = slices[0]!.data.filter((_, i) => i % 4 === 3 && slices[0]!.data[i]! > 0 && slices[0]!.data[i]! < 255).length;
    expect(soft).toBeGreaterThan(0);
    expect(slices[0]!.data[(10 * 60 + 5) * 4 + 3]).toBe(255);
    const source = await raw(join(dir, "in.png"));
    for (let i = 0; i < 60 * 40; i++) {
      const coverage = 1 - slices.reduce((clear, s) => clear * (1 - s.data[i * 4 + 3]! / 255), 1);
      expect(Math.abs(coverage - source.data[i * 4 + 3]! / 255)).toBeLessThan(4 / 255);
    }
  });

  it("refuses a count outside 2–8 and an --out-dir that is a file", async () => {
    const many = io();
    expect(await main(["slices", "-i", join(dir, "in.png"), "-n", "9", "-o", join(dir, "s9")], many)).toBe(2);
    expect(many.err()).toContain("count must be at most 8");
    const file = io();
    expect(await main(["slices", "-i", join(dir, "in.png"), "-o", modelPath, "-m", modelPath], file)).toBe(1);
    expect(file.err()).toMatch(/Cannot create --out-dir .*tiny\.onnx \(EEXIST\)/);
  });
});
