/** The real binary as a child process (tsx loader and all) against the fake Segmind over HTTP. */
import { spawn } from "node:child_process";
import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import sharp from "sharp";
import { Writable } from "node:stream";
import { fitToModel } from "../../src/core/geometry";
import { createLogger } from "../../src/server/logger";
import { createEngineDouble } from "../server/helpers/engine-double";
import { startTestGateway } from "../server/helpers/gateway";
import { solidImage } from "../server/helpers/images";
import { FAKE_ERRORS, rateLimitStep, startFakeSegmind, type FakeSegmind } from "../fakes/segmind-server";

const BIN = join(process.cwd(), "bin/depth-restyle.js");

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Async spawn: the fake server lives in this process, so a sync spawn would deadlock it. */
function cli(args: string[], env: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? "", ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (c: Buffer) => (stdout += c.toString()));
    child.stderr.on("data", (c: Buffer) => (stderr += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

let fake: FakeSegmind;
let dir: string;
let input: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "depth-restyle-cli-"));
  input = join(dir, "in.png");
  // 1500×900: not a model size, so the CLI must fit it down and scale the answer back up.
  const raw = Buffer.alloc(1500 * 900 * 3);
  for (let i = 0; i < raw.length; i += 3) {
    const x = (i / 3) % 1500;
    raw[i] = Math.round((x / 1500) * 255);
    raw[i + 1] = 90;
    raw[i + 2] = 40;
  }
  await writeFile(input, await sharp(raw, { raw: { width: 1500, height: 900, channels: 3 } }).png().toBuffer());
});
afterAll(() => rm(dir, { recursive: true, force: true }));
beforeEach(async () => {
  fake = await startFakeSegmind({ credits: 2, costPerImage: 0.01 });
});
afterEach(() => fake.close());

const generate = (extra: string[] = [], env?: Record<string, string>) =>
  cli(["generate", "--input", input, "--prompt", "pencil sketch", "--base-url", fake.url, "--out", join(dir, "out.jpg"), ...extra], env ?? { SEGMIND_API_KEY: fake.key });

describe("depth-restyle generate", () => {
  it("writes a JPEG of the input's size and prints the seed and credits", async () => {
    const run = await generate(["--seed", "4242", "--steps", "30"]);
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
    expect(run.code).toBe(0);
    const meta = await sharp(await readFile(join(dir, "out.jpg"))).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(["jpeg", 1500, 900]);
    expect(run.stdout).toContain("Seed: 4242");
    expect(run.stdout).toContain("Credits: used 0.01, remaining 1.99");
    const body = fake.requests[0]!.body!;
    // Sent at the model size, not the full input.
    const sent = await sharp(Buffer.from(body.image, "base64")).metadata();
    const model = fitToModel({ width: 1500, height: 900 });
    expect([sent.format, sent.width, sent.height]).toEqual(["jpeg", model.width, model.height]);
    expect(model.width * model.height).toBeLessThan(1500 * 900);
    expect(body.seed).toBe(4242);
    expect(body.num_inference_steps).toBe(30);
  });

  it("writes every sample as OUT.jpg, OUT-2.jpg… and prints a random seed it resolved", async () => {
    const run = await generate(["--samples", "2"]);
    expect(run.code).toBe(0);
    for (const name of ["out.jpg", "out-2.jpg"]) {
      const meta = await sharp(await readFile(join(dir, name))).metadata();
      expect([meta.width, meta.height]).toEqual([1500, 900]);
    }
    const seed = Number(/Seed: (\d+)/.exec(run.stdout)?.[1]);
    expect(seed).toBe(fake.requests[0]!.body!.seed);
  });

  it.each([
    ["401", FAKE_ERRORS.auth, "Copy a key from your Segmind console (API Keys) and paste it again."],
    ["406", FAKE_ERRORS.credits, "Add credits in the Segmind console"],
    ["429", rateLimitStep(new Date(Date.now() + 3_600_000)), "rate limit for your plan is reached"],
  ])("exits non-zero on a %s with the fix-it message and no stack trace", async (_status, step, message) => {
    fake.script(step);
    const run = await generate();
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toMatch(/^Error: (Segmind|Your Segmind)/m);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it("prints a progress line while waiting for the rate limit, then succeeds", async () => {
    fake.script(rateLimitStep(new Date(Date.now() + 1_000)));
    const run = await generate(["--seed", "1"]);
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(/Waiting for Segmind's rate limit until \d\d:\d\d:\d\d UTC/);
    expect(fake.requests).toHaveLength(2);
  });

  it("names the field and range of an invalid flag value, sending nothing", async () => {
    const run = await generate(["--guidance", "40"]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("guidanceScale: guidanceScale must be a number from 1 to 25");
    const words = await generate(["--samples", "many"]);
    expect(words.stderr).toContain("samples: samples must be a whole number from 1 to 4");
    expect(fake.requests).toHaveLength(0);
  });

  it("explains a missing API key", async () => {
    const run = await generate([], {});
    expect(run.code).toBe(1);
    expect(run.stderr).toContain("SEGMIND_API_KEY is not set");
  });

  it("documents every flag in --help", async () => {
    const run = await cli(["generate", "--help"]);
    expect(run.code).toBe(0);
    for (const flag of ["--input", "--prompt", "--negative-prompt", "--steps", "--guidance", "--seed", "--strength", "--control-scale", "--scheduler", "--samples", "--base-url", "--gateway", "--timeout", "--out", "--help"])
      expect(run.stdout).toContain(flag);
    expect(run.stdout).toContain("20–100, default 25");
    expect(run.stdout).toContain("DPM2 a Karras");
  });
});

describe("depth-restyle generate keeps files safe", () => {
  const noStack = (run: Run) => expect(run.stderr).not.toMatch(/\n\s+at |Unexpected failure/);
  const withOut = (out: string, extra: string[] = []) =>
    cli(["generate", "--input", input, "--prompt", "pencil sketch", "--base-url", fake.url, "--out", out, ...extra], { SEGMIND_API_KEY: fake.key });

  it("a --out folder that does not exist is named before anything is sent (nothing paid)", async () => {
    const run = await withOut(join(dir, "missing-folder", "out.jpg"));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: --out .*missing-folder.*does not exist; create it first/m);
    noStack(run);
    expect(fake.requests).toHaveLength(0);
  });

  it("--out equal to the input is refused before sending, and the input is untouched", async () => {
    const before = await readFile(input);
    const run = await withOut(input);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/is the input file; choose another name/);
    expect(fake.requests).toHaveLength(0);
    expect((await readFile(input)).equals(before)).toBe(true);
  });

  it("a sample that comes back damaged leaves no partial set: no file is written", async () => {
    const set = await mkdtemp(join(dir, "set-"));
    fake.script({ kind: "truncated_sample", index: 1 });
    const run = await withOut(join(set, "out.jpg"), ["--samples", "2"]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: Result 2 came back damaged .*nothing was written/m);
    noStack(run);
    expect(await readdir(set)).toEqual([]);
  });

  it("a truncated input is a clear message, not a stack trace, and nothing is sent", async () => {
    const cut = join(dir, "cut.png");
    const whole = await readFile(input);
    await writeFile(cut, whole.subarray(0, Math.floor(whole.length * 0.7)));
    const run = await cli(["generate", "--input", cut, "--prompt", "p", "--base-url", fake.url, "--out", join(dir, "cut-out.jpg")], { SEGMIND_API_KEY: fake.key });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^Error: The input is not a complete image/m);
    noStack(run);
    expect(fake.requests).toHaveLength(0);
  });

  it("outputs appear whole through a rename: no temporary file is left beside them", async () => {
    const set = await mkdtemp(join(dir, "ok-"));
    const run = await withOut(join(set, "out.png"), ["--samples", "2"]);
    expect(run.code).toBe(0);
    expect((await readdir(set)).sort()).toEqual(["out-2.png", "out.png"]);
  });
});


describe("depth-restyle generate against the local gateway", () => {
  it("sends the image as a binary upload to the job API (not base64 JSON) and writes the result", async () => {
    const logs: string[] = [];
    const sink = new Writable({ write: (chunk, _enc, done) => void (logs.push(String(chunk)), done()) });
    const png = await solidImage("png", 64, 64);
    const engine = createEngineDouble("w1", { images: [{ bytes: png, mimeType: "image/png" }] });
    const gw = await startTestGateway({ engines: [engine], logger: createLogger("info", sink) });
    try {
      const out = join(dir, "via-gateway.jpg");
      const run = await cli(["generate", "--input", input, "--prompt", "ink", "--seed", "7", "--base-url", gw.url, "--gateway", "--out", out], { SEGMIND_API_KEY: gw.token });
      expect(run.code).toBe(0);
      expect(run.stderr).toContain(`the job API of the gateway at ${gw.url}`);
      const meta = await sharp(await readFile(out)).metadata();
      expect([meta.width, meta.height]).toEqual([1500, 900]);
      expect(engine.runs[0]!.settings.seed).toBe(7);
      expect(engine.runs[0]!.image.mimeType).toBe("image/jpeg");
      const requests = logs.filter((line) => line.includes("incoming request")).join("");
      expect(requests).toContain('"url":"/v1/jobs"');
      expect(requests).not.toContain("/v1/ssd-depth");
    } finally {
      await gw.close();
    }
  });
});
