/**
 * One depth estimate on an open session: pre-process, run, check the output, post-process.
 * Runtime-agnostic (the session comes in), so Node tests run it on onnxruntime-node.
 */
import { DepthModelError } from "../errors";
import type { DepthSession } from "./ort-session";
import { DEFAULT_DEPTH_EDIT, type DepthEdit } from "../../shared/depth-edit";
import { depthToGray } from "./postprocess";
import { modelInputSize, toPixelValues, type RgbaImage, type Size } from "./preprocess";

export interface EstimateOptions {
  /** Size of the returned map (the layer's size). */
  size: Size;
  edit?: DepthEdit;
}

/** Spatial size of a depth output shaped [H,W], [1,H,W] or [1,1,H,W]. */
export function depthOutputSize(dims: readonly number[], length: number): Size {
  const height = dims[dims.length - 2];
  const width = dims[dims.length - 1];
  const leading = dims.slice(0, -2);
  if (height === undefined || width === undefined || leading.some((d) => d !== 1) || height * width !== length)
    throw new DepthModelError(`The depth model returned an output shaped [${dims.join(", ")}]; expected [1, height, width]. Choose another depth model (Depth Anything or MiDaS) under Advanced → Depth layer.`);
  return { width, height };
}

/** Grey depth map of `image` at `options.size` (white = near unless inverted). */
export async function estimateDepth(session: DepthSession, image: RgbaImage, options: EstimateOptions): Promise<Uint8Array> {
  const input = modelInputSize(session.inputShape, image);
  const pixelValues = toPixelValues(image, input);
  let output: { data: Float32Array; dims: readonly number[] };
  try {
    output = await session.run(pixelValues, [1, 3, input.height, input.width]);
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new DepthModelError(`The depth model failed on a ${input.width}×${input.height} input (${why}). Choose another depth model (Depth Anything or MiDaS) under Advanced → Depth layer.`, { cause: error });
  }
  const depthSize = depthOutputSize(output.dims, output.data.length);
  return depthToGray(output.data, depthSize, options.size, options.edit ?? DEFAULT_DEPTH_EDIT);
}
