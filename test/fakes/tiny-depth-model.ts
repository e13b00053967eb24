/**
 * Tiny ONNX depth models with the same interface as Depth Anything V2's ONNX export
 * (input `pixel_values` float32 [1,3,H,W], output `predicted_depth` float32 [1,H,W]), built in
 * memory so tests run the real loading and inference code without downloading weights.
 *
 * The analytic model (hiddenLayers 0) undoes ImageNet normalisation and averages the channels:
 * predicted_depth = mean_c(x_c · std_c + mean_c), i.e. the brightness (0…1) of the original
 * pixel. "Brighter = larger = nearer", so a correct pipeline paints bright pixels white.
 * The constants are the published ImageNet ones, written out here independently of the code
 * under test so a wrong normalisation shows up as a wrong depth.
 */
import { encodeModel, type Dim, type Initializer, type NodeSpec } from "./tiny-onnx-proto";

const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
const IMAGENET_STD = [0.229, 0.224, 0.225] as const;

export interface TinyDepthModelOptions {
  /** Fixed input size; omitted = symbolic height/width like the real export. */
  size?: { width: number; height: number };
  /** 3×3 conv + Relu layers (`channels` wide) before the head; 0 = the analytic brightness model. */
  hiddenLayers?: number;
  channels?: number;
}

/** Analytic expectation of the analytic model for one RGB pixel (0–255 each). */
export const expectedBrightness = (r: number, g: number, b: number): number => (r + g + b) / (3 * 255);

/** Deterministic weights (a small LCG) so heavy models are identical from run to run. */
function weights(count: number, seed: number, scale: number): Float32Array {
  const out = new Float32Array(count);
  let s = seed >>> 0;
  for (let i = 0; i < count; i++) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    out[i] = ((s / 2 ** 32) * 2 - 1) * scale;
  }
  return out;
}

export function buildTinyDepthModel(options: TinyDepthModelOptions = {}): Uint8Array {
  const hidden = options.hiddenLayers ?? 0;
  const channels = options.channels ?? 8;
  const h: Dim = options.size?.height ?? "height";
  const w: Dim = options.size?.width ?? "width";
  const nodes: NodeSpec[] = [];
  const inits: Initializer[] = [{ name: "squeeze_axes", dims: [1], int64: BigInt64Array.from([1n]) }];

  let current = "pixel_values";
  let inChannels = 3;
  for (let layer = 0; layer < hidden; layer++) {
    const wName = `conv${layer}_w`;
    const bName = `conv${layer}_b`;
    inits.push({ name: wName, dims: [channels, inChannels, 3, 3], float32: weights(channels * inChannels * 9, layer + 1, 1 / Math.sqrt(inChannels * 9)) });
    inits.push({ name: bName, dims: [channels], float32: weights(channels, layer + 101, 0.1) });
    nodes.push({ op: "Conv", inputs: [current, wName, bName], outputs: [`conv${layer}`], attributes: [{ name: "kernel_shape", ints: [3, 3] }, { name: "pads", ints: [1, 1, 1, 1] }] });
    nodes.push({ op: "Relu", inputs: [`conv${layer}`], outputs: [`relu${layer}`] });
    current = `relu${layer}`;
    inChannels = channels;
  }

  const headW = hidden === 0 ? Float32Array.from(IMAGENET_STD, (s) => s / 3) : weights(inChannels, 999, 1 / inChannels);
  const headB = Float32Array.of(hidden === 0 ? IMAGENET_MEAN.reduce((a, m) => a + m, 0) / 3 : 0);
  inits.push({ name: "head_w", dims: [1, inChannels, 1, 1], float32: headW }, { name: "head_b", dims: [1], float32: headB });
  nodes.push({ op: "Conv", inputs: [current, "head_w", "head_b"], outputs: ["head"], attributes: [{ name: "kernel_shape", ints: [1, 1] }] });
  nodes.push({ op: "Squeeze", inputs: ["head", "squeeze_axes"], outputs: ["predicted_depth"] });

  return encodeModel({
    input: { name: "pixel_values", dims: [1, 3, h, w] },
    output: { name: "predicted_depth", dims: [1, h, w] },
    nodes,
    initializers: inits,
    opset: 17,
  });
}

/** A well-formed ONNX model that is not a depth model for RGB: it takes one channel ([1,1,H,W]). */
export function buildOneChannelModel(): Uint8Array {
  return encodeModel({
    input: { name: "gray", dims: [1, 1, "height", "width"] },
    output: { name: "out", dims: [1, "height", "width"] },
    nodes: [{ op: "Squeeze", inputs: ["gray", "axes"], outputs: ["out"] }],
    initializers: [{ name: "axes", dims: [1], int64: BigInt64Array.from([1n]) }],
    opset: 17,
  });
}
