/**
 * Depth estimator costs, side by side on one tiny conv model (1×3×518×518 → 2 convs of 16
 * channels → depth): pre- and post-processing against inference, and onnxruntime-web's WASM
 * backend (what the panel runs without WebGPU) against onnxruntime-node on the same model.
 * Runtimes take turns every iteration so machine noise hits them alike. Then the compositing
 * features against one depth estimate of the layer, measured in the same loop: the composition
 * score (two estimates on the 64-px score grid + correlation) and split by depth (an estimate at
 * the layer's size + bands, feather, alphas + one RGBA PNG per slice).
 */
import * as ortNode from "onnxruntime-node";
import * as ortWeb from "onnxruntime-web";
import { estimateDepth } from "../src/core/depth/estimate";
import { openDepthSession, type DepthSession } from "../src/core/depth/ort-session";
import { encodeGrayPng, encodeRgbaPng } from "../src/core/depth/png";
import { compositionScore, scoreGrid } from "../src/core/depth/score";
import { sliceByDepth } from "../src/core/depth/slices";
import { DEFAULT_DEPTH_EDIT, percentOfLongSide, SLICE_LIMITS } from "../src/shared/depth-edit";
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
  const compositing = await measureCompositing(sessions["onnxruntime-node CPU, 1 thread"] as DepthSession, image);
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
      { label: "post-process (min–max, depth edit, resample back to the layer)", value: median("gray"), unit: "ms" },
      { label: "grey PNG encode (Up filter + CompressionStream deflate)", value: median("png"), unit: "ms" },
      { label: "inference, onnxruntime-web WASM, 1 thread", value: wasm, unit: "ms" },
      { label: "inference, onnxruntime-node CPU, 1 thread", value: node1, unit: "ms" },
      { label: "inference, onnxruntime-node CPU, default threads", value: nodeN, unit: "ms" },
      ...compositing.rows,
    ],
    ratios: [
      { label: "(pre + post) / inference, WASM 1 thread", value: prePost / wasm },
      { label: "(pre + post) / inference, node 1 thread", value: prePost / node1 },
      { label: "WASM / node inference, 1 thread each", value: wasm / node1 },
      { label: "WASM 1 thread / node default threads", value: wasm / nodeN },
      ...compositing.ratios,
    ],
    notes: [
      "Depth Anything V2 Small at 518×518 is ≈50 GMAC against the tiny model's ≈0.74 GMAC, so pre/post shrink to a few % of inference there.",
      "With Depth Anything V2 Small inference dominates: the score then costs about two inferences (source and result, each at the network size; the 64-px grid only shrinks post-processing), a split about one inference plus the slicing kernels and PNGs.",
      "onnxruntime-web runs its WASM backend in Node here; the panel runs the same WASM in a Chromium worker (or WebGPU when available).",
    ],
  };
}

/** Composition score and split by depth against one depth estimate of the layer, node CPU 1 thread, taking turns. */
async function measureCompositing(session: DepthSession, image: RgbaImage): Promise<Pick<BenchReport, "rows" | "ratios">> {
  const samples = { estimate: [] as number[], score: [] as number[], correlation: [] as number[], slices: [] as number[], kernels: [] as number[] };
  const result = { ...image, data: Uint8ClampedArray.from(image.data, (v, i) => (i % 4 === 3 ? v : 255 - v)) }; // a restyle that swapped near and far
  const grid = scoreGrid(image);
  const count = SLICE_LIMITS.count.default;
  const feather = percentOfLongSide(SLICE_LIMITS.feather.default, LAYER);
  for (let i = 0; i < WARMUP + RUNS; i++) {
    const [, estimateMs] = await time(async () => encodeGrayPng(await estimateDepth(session, image, { size: LAYER }), LAYER));
    const [maps, scoreDepthMs] = await time(async () => [await estimateDepth(session, image, { size: grid }), await estimateDepth(session, result, { size: grid })] as const);
    const [, correlationMs] = await time(() => compositionScore({ ...grid, data: maps[0] }, { ...grid, data: maps[1] }));
    const [gray, sliceDepthMs] = await time(() => estimateDepth(session, image, { size: LAYER, edit: DEFAULT_DEPTH_EDIT }));
    const [slices, kernelMs] = await time(() => sliceByDepth(image, gray, count, feather));
    const [, pngMs] = await time(() => Promise.all(slices.map((s) => encodeRgbaPng(s.data, LAYER))));
    if (i < WARMUP) continue;
    samples.estimate.push(estimateMs);
    samples.score.push(scoreDepthMs + correlationMs);
    samples.correlation.push(correlationMs);
    samples.slices.push(sliceDepthMs + kernelMs + pngMs);
    samples.kernels.push(kernelMs);
  }
  const m = (k: keyof typeof samples) => percentile(samples[k], 50);
  return {
    rows: [
      { label: `one depth estimate of the layer (${LAYER.width}×${LAYER.height} grey PNG), node 1 thread`, value: m("estimate"), unit: "ms" },
      { label: `composition score (2 estimates on ${grid.width}×${grid.height} + correlation)`, value: m("score"), unit: "ms" },
      { label: "  of which the correlation", value: m("correlation"), unit: "ms" },
      { label: `split into ${count} slices (estimate + kernels + ${count} RGBA PNGs)`, value: m("slices"), unit: "ms" },
      { label: `  of which bands, ${feather}-px feather and alphas`, value: m("kernels"), unit: "ms" },
    ],
    ratios: [
      { label: "composition score / one depth estimate", value: m("score") / m("estimate") },
      { label: `split into ${count} slices / one depth estimate`, value: m("slices") / m("estimate") },
      { label: "slicing kernels alone / one depth estimate", value: m("kernels") / m("estimate") },
    ],
  };
}
