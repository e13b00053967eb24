/**
 * Depth estimator costs, side by side on one tiny conv model (1×3×518×518 → 2 convs of 16
 * channels → depth): pre- and post-processing against inference, and onnxruntime-web's WASM
 * backend (what the panel runs without WebGPU) against onnxruntime-node on the same model.
 * Runtimes take turns every iteration so machine noise hits them alike.
 */
import * as ortNode from "onnxruntime-node";
import * as ortWeb from "onnxruntime-web";
import { openDepthSession, type DepthSession } from "../src/core/depth/ort-session";
import { encodeGrayPng } from "../src/core/depth/png";
import { depthToGray } from "../src/core/depth/postprocess";
import { modelInputSize, toPixelValues, type RgbaImage } from "../src/core/depth/preprocess";
import { buildTinyDepthModel } from "../test/fakes/tiny-depth-model";
import { percentile, type BenchReport } from "./report";

const WARMUP = 3;
const RUNS = 12;
const LAYER = { width: 1024, height: 1024 };

/** Photo-like content: smooth gradients plus a bright disc (a near object), so the depth map is smooth like a real one. */
function layerImage(): RgbaImage {
  const data = new Uint8ClampedArray(LAYER.width * LAYER.height * 4);
  for (let i = 0; i < LAYER.width * LAYER.height; i++) {
    const x = i % LAYER.width;
    const y = Math.floor(i / LAYER.width);
    const disc = Math.hypot(x - 600, y - 500) < 220 ? 120 : 0;
    data.set([(x >> 3) + disc, (y >> 3) + disc, ((x + y) >> 4) + disc, 255], i * 4);
  }
  return { ...LAYER, data };
}

const time = async <T>(fn: () => Promise<T> | T): Promise<[T, number]> => {
  const start = performance.now();
  const value = await fn();
  return [value, performance.now() - start];
};

export default async function depthBench(): Promise<BenchReport> {
  const model = buildTinyDepthModel({ hiddenLayers: 2, channels: 16 });
  // The panel's worker runs single-threaded WASM (no cross-origin isolation in Express).
  ortWeb.env.wasm.numThreads = 1;
  const sessions: Record<string, DepthSession> = {
    "onnxruntime-web WASM, 1 thread": await openDepthSession(ortWeb, model, ["wasm"]),
    "onnxruntime-node CPU, 1 thread": await openDepthSession(ortNode, model, ["cpu"], { intraOpNumThreads: 1 }),
    "onnxruntime-node CPU, default threads": await openDepthSession(ortNode, model, ["cpu"]),
  };
  const image = layerImage();
  const input = modelInputSize(sessions["onnxruntime-web WASM, 1 thread"]?.inputShape, image);
  const samples = { pre: [] as number[], gray: [] as number[], png: [] as number[], ...Object.fromEntries(Object.keys(sessions).map((k) => [k, [] as number[]])) } as Record<string, number[]>;

  for (let i = 0; i < WARMUP + RUNS; i++) {
    const [pixels, pre] = await time(() => toPixelValues(image, input));
    let depth: { data: Float32Array; dims: readonly number[] } | undefined;
    for (const [name, session] of Object.entries(sessions)) {
      const [out, ms] = await time(() => session.run(pixels, [1, 3, input.height, input.width]));
      depth = out;
      if (i >= WARMUP) samples[name]?.push(ms);
    }
    if (!depth) throw new Error("no runtime ran");
    const d = depth;
    const [gray, grayMs] = await time(() => depthToGray(d.data, { width: input.width, height: input.height }, LAYER));
    const [, pngMs] = await time(() => encodeGrayPng(gray, LAYER));
    if (i >= WARMUP) {
      samples.pre?.push(pre);
      samples.gray?.push(grayMs);
      samples.png?.push(pngMs);
    }
  }
  await Promise.all(Object.values(sessions).map((s) => s.release()));

  const median = (k: string) => percentile(samples[k] ?? [], 50);
  const prePost = median("pre") + median("gray") + median("png");
  const wasm = median("onnxruntime-web WASM, 1 thread");
  const node1 = median("onnxruntime-node CPU, 1 thread");
  const nodeN = median("onnxruntime-node CPU, default threads");
  return {
    title: `Depth estimator: ${LAYER.width}×${LAYER.height} layer → ${input.width}×${input.height} network input, tiny 2-conv model, median of ${RUNS}`,
    rows: [
      { label: "pre-process (resample + ImageNet normalise → NCHW)", value: median("pre"), unit: "ms" },
      { label: "post-process (min–max, tone, resample back to the layer)", value: median("gray"), unit: "ms" },
      { label: "grey PNG encode (Up filter + CompressionStream deflate)", value: median("png"), unit: "ms" },
      { label: "inference, onnxruntime-web WASM, 1 thread", value: wasm, unit: "ms" },
      { label: "inference, onnxruntime-node CPU, 1 thread", value: node1, unit: "ms" },
      { label: "inference, onnxruntime-node CPU, default threads", value: nodeN, unit: "ms" },
    ],
    ratios: [
      { label: "(pre + post) / inference, WASM 1 thread", value: prePost / wasm },
      { label: "(pre + post) / inference, node 1 thread", value: prePost / node1 },
      { label: "WASM / node inference, 1 thread each", value: wasm / node1 },
      { label: "WASM 1 thread / node default threads", value: wasm / nodeN },
    ],
    notes: [
      "Depth Anything V2 Small at 518×518 is ≈50 GMAC against the tiny model's ≈0.74 GMAC, so pre/post shrink to a few % of inference there.",
      "onnxruntime-web runs its WASM backend in Node here; the panel runs the same WASM in a Chromium worker (or WebGPU when available).",
    ],
  };
}
