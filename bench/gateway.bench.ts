/**
 * Gateway overhead and memory, measured side by side in one run:
 * 1. Latency: the same jobs through the gateway (client → HTTP → queue → SSE → result) and
 *    straight through the ComfyUI engine, against fake ComfyUI workers with a fixed per-step delay.
 * 2. Memory: the gateway in its own process (so the RSS is its own), peak RSS while receiving
 *    32 concurrent 20 MB uploads, as JSON with base64 images and as multipart binary uploads.
 */
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import sharp from "sharp";
import { createGatewayBackend } from "../src/core/backends/gateway";
import { buildApp } from "../src/server/app";
import { createComfyEngine, DEFAULT_COMFY_MODELS } from "../src/server/engines/comfy";
import type { Engine, EngineJob } from "../src/server/engines/engine";
import { prepareInputImage } from "../src/server/jobs/input-image";
import { GenerationSettingsSchema } from "../src/shared/settings";
import { startFakeComfy, type FakeComfy } from "../test/fakes/comfyui-server";
import { percentile, type BenchReport } from "./report";

const STEPS = 20;
const STEP_MS = 5;
const SEQUENTIAL = 40;
const CONCURRENT = 16;
const root = fileURLToPath(new URL("..", import.meta.url));

const settings = (seed: number) => ({ ...GenerationSettingsSchema.parse({ prompt: "bench", steps: STEPS }), seed });
const engineFor = (fake: FakeComfy, id: string): Engine => createComfyEngine({ id, url: fake.url, models: DEFAULT_COMFY_MODELS, pollMs: 20, reconnectDelayMs: 20 });

async function timed(work: () => Promise<unknown>): Promise<number> {
  const start = performance.now();
  await work();
  return performance.now() - start;
}

async function latency(rows: BenchReport["rows"], ratios: BenchReport["ratios"]): Promise<void> {
  const fakes = [await startFakeComfy({ stepDelayMs: STEP_MS }), await startFakeComfy({ stepDelayMs: STEP_MS })];
  const direct = fakes.map((f, i) => engineFor(f, `direct${i}`));
  const app = await buildApp(
    { token: "bench-token-0123456789", queueLimit: 64, bodyLimitMb: 32, allowedOrigins: [], jobTimeoutSec: 600, resultTtlSec: 600, requestTimeoutSec: 120 },
    { engines: fakes.map((f, i) => engineFor(f, `gw${i}`)) },
  );
  const url = await app.listen({ host: "127.0.0.1", port: 0 });
  const client = createGatewayBackend({ baseUrl: url, token: "bench-token-0123456789" });
  const png = new Uint8Array(await sharp({ create: { width: 256, height: 256, channels: 3, background: "#4a6" } }).png().toBuffer());
  // The direct path gets the input the gateway would hand its engine (prepared once, outside the timing).
  const rendered = await prepareInputImage({ bytes: png, mimeType: "image/png" }, "image");
  const job = (i: number): EngineJob => ({ id: `bench-${i}`, image: rendered, settings: settings(i), wantDepth: true });
  const viaDirect = (engine: Engine, i: number) => engine.run(job(i), { signal: new AbortController().signal, onEvent: () => {} });
  // Seeds never repeat across the two paths: ComfyUI would answer a repeated prompt from its cache.
  const viaGateway = (i: number) => client.generate({ image: png, mimeType: "image/png", settings: settings(100_000 + i), wantDepth: true });
  try {
    await viaDirect(direct[0]!, 900_001);
    await viaGateway(900_002);
    const d: number[] = [];
    const g: number[] = [];
    // Interleaved, so drift on a shared machine hits both sides alike.
    for (let i = 0; i < SEQUENTIAL; i++) {
      d.push(await timed(() => viaDirect(direct[0]!, i)));
      g.push(await timed(() => viaGateway(i)));
    }
    rows.push(
      { label: `sequential direct engine p50 (${SEQUENTIAL} jobs, ${STEPS}×${STEP_MS} ms steps)`, value: percentile(d, 50), unit: "ms" },
      { label: "sequential via gateway p50", value: percentile(g, 50), unit: "ms" },
      { label: "sequential direct engine p99", value: percentile(d, 99), unit: "ms" },
      { label: "sequential via gateway p99", value: percentile(g, 99), unit: "ms" },
    );
    ratios.push({ label: "gateway / direct, p50 latency", value: percentile(g, 50) / percentile(d, 50) }, { label: "gateway / direct, p99 latency", value: percentile(g, 99) / percentile(d, 99) });
    const directMakespan = await timed(() => Promise.all(Array.from({ length: CONCURRENT }, (_, i) => viaDirect(direct[i % 2]!, 1000 + i))));
    const gatewayMakespan = await timed(() => Promise.all(Array.from({ length: CONCURRENT }, (_, i) => viaGateway(2000 + i))));
    rows.push(
      { label: `${CONCURRENT} concurrent jobs on 2 workers, direct (round robin)`, value: directMakespan, unit: "ms" },
      { label: `${CONCURRENT} concurrent jobs on 2 workers, via gateway queue`, value: gatewayMakespan, unit: "ms" },
    );
    ratios.push({ label: "gateway / direct, concurrent makespan", value: gatewayMakespan / directMakespan });
  } finally {
    await app.close();
    await Promise.all(direct.map((e) => e.close()));
    await Promise.all(fakes.map((f) => f.close()));
  }
}

/** VmHWM (peak) and VmRSS of a process, in MB, from /proc. */
async function memoryOf(pid: number): Promise<{ peak: number; rss: number }> {
  const status = await readFile(`/proc/${pid}/status`, "utf8");
  const kb = (name: string) => Number(new RegExp(`${name}:\\s+(\\d+) kB`).exec(status)?.[1] ?? NaN);
  return { peak: kb("VmHWM") / 1024, rss: kb("VmRSS") / 1024 };
}

type UploadMode = "json" | "binary";

/** One upload the way each route takes it: JSON with the image in base64 (the Segmind-style body), or multipart with the image as a file part. */
function uploadInit(mode: UploadMode, image: Uint8Array, token: string): () => RequestInit {
  const headers = { authorization: `Bearer ${token}` };
  if (mode === "json") {
    const body = JSON.stringify({ image: { mimeType: "image/png", base64: Buffer.from(image).toString("base64") }, settings: { prompt: "memory", steps: 20 } });
    return () => ({ method: "POST", headers: { ...headers, "content-type": "application/json" }, body });
  }
  const blob = new Blob([image as Uint8Array<ArrayBuffer>], { type: "image/png" });
  return () => {
    const form = new FormData();
    form.set("job", JSON.stringify({ settings: { prompt: "memory", steps: 20 } }));
    form.set("image", blob, "input.png");
    return { method: "POST", headers, body: form };
  };
}

/** A fresh gateway process; uploads `count` jobs of `image` at once and reports its idle RSS and its peak RSS once all were accepted. */
async function peakWithUploads(fakeUrl: string, image: Uint8Array, count: number, mode: UploadMode): Promise<{ idle: number; peak: number }> {
  const dir = await mkdtemp(join(tmpdir(), "gw-bench-"));
  const token = "bench-token-0123456789";
  const env = { ...process.env, DEPTH_RESTYLE_CONFIG_DIR: dir, DEPTH_RESTYLE_PORT: "0", DEPTH_RESTYLE_COMFY: fakeUrl, DEPTH_RESTYLE_TOKEN: token, DEPTH_RESTYLE_BODY_LIMIT_MB: "64", DEPTH_RESTYLE_QUEUE_LIMIT: "64", DEPTH_RESTYLE_LOG_LEVEL: "warn" };
  const child = spawn(process.execPath, ["bin/depth-restyle.js", "serve"], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
  let errors = "";
  child.stderr!.on("data", (c: Buffer) => (errors += c.toString()));
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    const url = await new Promise<string>((resolve, reject) => {
      let text = "";
      child.stdout!.on("data", (c: Buffer) => {
        text += c.toString();
        const found = /listening on (http:\/\/\S+)/.exec(text);
        if (found) resolve(found[1]!);
      });
      child.once("exit", () => reject(new Error(`gateway exited early: ${text}${errors}`)));
    });
    await new Promise((r) => setTimeout(r, 500));
    const idle = (await memoryOf(child.pid!)).rss;
    const init = uploadInit(mode, image, token);
    const answers = await Promise.all(Array.from({ length: count }, () => fetch(`${url}/v1/jobs`, init()).then((r) => r.status)));
    if (answers.some((s) => s !== 202)) throw new Error(`uploads answered ${answers.join(",")}`);
    await new Promise((r) => setTimeout(r, 300));
    return { idle, peak: (await memoryOf(child.pid!)).peak };
  } finally {
    child.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
}

const UPLOADS = 32;

async function memory(rows: BenchReport["rows"], ratios: BenchReport["ratios"], notes: string[]): Promise<void> {
  // Incompressible pixels: the PNG is as large as the raw image (~20 MB).
  const side = 2600;
  const raw = Buffer.alloc(side * side * 3);
  for (let i = 0; i < raw.length; i++) raw[i] = (i * 2654435761) >>> 24;
  const image = new Uint8Array(await sharp(raw, { raw: { width: side, height: side, channels: 3 } }).png({ compressionLevel: 0 }).toBuffer());
  // Slow steps keep the jobs running while memory is read; the first job's upload to ComfyUI is included.
  const fake = await startFakeComfy({ stepDelayMs: 2000 });
  try {
    const mb = image.length / 1024 / 1024;
    const inFlight = mb * UPLOADS;
    // Side by side in one run, each in a fresh gateway process: the JSON base64 route, then the binary route.
    const json = await peakWithUploads(fake.url, image, UPLOADS, "json");
    const binary = await peakWithUploads(fake.url, image, UPLOADS, "binary");
    rows.push(
      { label: `bytes in flight: ${UPLOADS} concurrent uploads of ${mb.toFixed(1)} MB`, value: inFlight, unit: "MB" },
      { label: "gateway RSS idle (JSON run / binary run)", value: (json.idle + binary.idle) / 2, unit: "MB" },
      { label: `peak RSS, ${UPLOADS} uploads as JSON with base64 images`, value: json.peak, unit: "MB" },
      { label: `peak RSS, ${UPLOADS} uploads as multipart (binary)`, value: binary.peak, unit: "MB" },
    );
    ratios.push(
      { label: "JSON base64 route: peak RSS / bytes in flight", value: json.peak / inFlight },
      { label: "binary route: peak RSS / bytes in flight (goal ≤ 1.3)", value: binary.peak / inFlight },
      { label: "binary / JSON peak RSS", value: binary.peak / json.peak },
    );
    rows.push({ label: "peak RSS above idle per upload, binary route", value: (binary.peak - binary.idle) / UPLOADS, unit: "MB" });
    ratios.push({ label: "binary route: (peak − idle) / bytes in flight", value: (binary.peak - binary.idle) / inFlight });
    notes.push("Peak RSS includes the idle process (about 130 MB under the tsx loader); queued jobs keep their image until they run, then release it. The panel and the CLI (--gateway) use the binary route; the JSON route stays for Segmind compatibility.");
  } finally {
    await fake.close();
  }
}

export default async function run(): Promise<BenchReport> {
  const rows: BenchReport["rows"] = [];
  const ratios: BenchReport["ratios"] = [];
  const notes: string[] = [];
  await latency(rows, ratios);
  await memory(rows, ratios, notes);
  return { title: "Local GPU gateway vs ComfyUI engine direct (fake ComfyUI, fixed step delay)", rows, ratios, notes };
}
