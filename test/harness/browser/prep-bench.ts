/**
 * Browser side of bench/panel.bench.ts: the panel's own image path (the page renditions' PNG
 * blobs handed to createImageOps' worker, which decodes, derives alpha, crops, fits and encodes;
 * then the base64 the Segmind client sends) against the naive path (full-size PNG → base64 on
 * the main thread) and the former path (page decoded and cropped on the main thread, the bitmap
 * handed to a worker), on a 4096² layer. Long tasks are observed on this page's main thread.
 */
import { encodeBase64 } from "../../../src/core/image-bytes";
import { fitToModel } from "../../../src/core/geometry";
import { createImageOps } from "../../../src/ui/image/client";
import type { PhaseResult, PrepBenchResult } from "../prep-bench-result";

/** A photo-like 4096² layer: smooth gradients plus fine noise (PNG cannot shrink it much, like a real photo). */
function makeSource(side: number): OffscreenCanvas {
  const canvas = new OffscreenCanvas(side, side);
  const ctx = canvas.getContext("2d");
  if (!ctx) throw new Error("no 2d context");
  const g = ctx.createRadialGradient(side * 0.3, side * 0.3, 10, side / 2, side / 2, side * 0.7);
  g.addColorStop(0, "#f6d6a8");
  g.addColorStop(0.5, "#4a7fc1");
  g.addColorStop(1, "#1d3320");
  ctx.fillStyle = g;
  ctx.fillRect(0, 0, side, side);
  const tile = ctx.createImageData(512, 512);
  let seed = 12345;
  for (let i = 0; i < tile.data.length; i += 4) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const v = seed >>> 24;
    tile.data[i] = v;
    tile.data[i + 1] = (v * 7) & 255;
    tile.data[i + 2] = (v * 13) & 255;
    tile.data[i + 3] = 28;
  }
  const noise = new OffscreenCanvas(512, 512);
  noise.getContext("2d")?.putImageData(tile, 0, 0);
  for (let y = 0; y < side; y += 512) for (let x = 0; x < side; x += 512) ctx.drawImage(noise, x, y);
  return canvas;
}

/** One observer for the whole run; entries arrive late, so they are attributed by start time afterwards. */
function observeLongTasks(): { entries: PerformanceEntry[]; stop(): Promise<void> } {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ type: "longtask", buffered: true });
  return {
    entries,
    async stop() {
      await new Promise((resolve) => setTimeout(resolve, 500));
      entries.push(...observer.takeRecords());
      observer.disconnect();
    },
  };
}

function attribute(phase: PhaseResult, windows: [number, number][], entries: PerformanceEntry[]): void {
  for (const e of entries) {
    if (!windows.some(([from, to]) => e.startTime >= from && e.startTime < to)) continue;
    phase.longTasks += 1;
    phase.longTaskMs += e.duration;
  }
}

async function naive(source: OffscreenCanvas): Promise<number> {
  const bitmap = await createImageBitmap(source);
  const canvas = new OffscreenCanvas(bitmap.width, bitmap.height);
  canvas.getContext("2d")?.drawImage(bitmap, 0, 0);
  bitmap.close();
  const png = new Uint8Array(await (await canvas.convertToBlob({ type: "image/png" })).arrayBuffer());
  return encodeBase64(png).length;
}

/** The former path: decode and crop the page on the main thread, then hand the bitmap to a worker (which reads it back). */
async function former(page: Blob, side: number, sink: Worker): Promise<void> {
  const decoded = await createImageBitmap(page);
  const crop = await createImageBitmap(decoded, 0, 0, side, side);
  decoded.close();
  const done = new Promise((resolve) => sink.addEventListener("message", resolve, { once: true }));
  sink.postMessage(crop, [crop]);
  await done;
}

export async function runPrepBench(side: number, rounds: number, workerUrl: string): Promise<PrepBenchResult> {
  const source = makeSource(side);
  const ops = createImageOps(new Worker(workerUrl, { type: "module" }));
  const modelSize = fitToModel({ width: side, height: side });
  const cut = { center: { x: side / 2, y: side / 2 }, layerPixels: { width: side, height: side }, rotation: 0 };
  // What createRenditions hands the panel: the page as PNG, over a black and over a white backdrop (here the same opaque page).
  const page = await source.convertToBlob({ type: "image/png" });
  const layerSource = { image: page, overWhite: page, crop: { x: 0, y: 0, width: side, height: side } };
  const sink = new Worker(URL.createObjectURL(new Blob(["onmessage = (e) => { e.data.close(); postMessage(0); };"], { type: "text/javascript" })));
  const panel: PhaseResult = { ms: [], wireBytes: 0, longTasks: 0, longTaskMs: 0 };
  const base: PhaseResult = { ms: [], wireBytes: 0, longTasks: 0, longTaskMs: 0 };
  // Warm the paths once (worker start-up, codec initialisation) before measuring.
  await ops.prepare(layerSource, cut, modelSize);
  await former(page, side, sink);
  await naive(source);
  const longTasks = observeLongTasks();
  const panelWindows: [number, number][] = [];
  const naiveWindows: [number, number][] = [];
  const crop: PhaseResult = { ms: [], wireBytes: 0, longTasks: 0, longTaskMs: 0 };
  const cropWindows: [number, number][] = [];
  for (let round = 0; round < rounds; round++) {
    // The panel path: the rendition blobs go to the worker; the main thread only base64-encodes the small JPEG.
    let t0 = performance.now();
    const out = await ops.prepare(layerSource, cut, modelSize);
    panel.wireBytes = encodeBase64(new Uint8Array(out.input.bytes)).length;
    let t1 = performance.now();
    panel.ms.push(t1 - t0);
    panelWindows.push([t0, t1]);

    t0 = performance.now();
    base.wireBytes = await naive(source);
    t1 = performance.now();
    base.ms.push(t1 - t0);
    naiveWindows.push([t0, t1]);
    // Let the naive path's 50 MB of garbage be collected before the next phase, not charged to it.
    await new Promise((resolve) => setTimeout(resolve, 1000));

    t0 = performance.now();
    await former(page, side, sink);
    t1 = performance.now();
    crop.ms.push(t1 - t0);
    cropWindows.push([t0, t1]);
  }
  await longTasks.stop();
  attribute(panel, panelWindows, longTasks.entries);
  attribute(base, naiveWindows, longTasks.entries);
  attribute(crop, cropWindows, longTasks.entries);
  ops.dispose();
  sink.terminate();
  return { side, modelSize, panel, naive: base, crop };
}

(globalThis as unknown as { runPrepBench: typeof runPrepBench }).runPrepBench = runPrepBench;
