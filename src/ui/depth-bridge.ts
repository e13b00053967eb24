import type { DepthEstimator } from "./depth";
import type { Encoded } from "./image/types";
import type { EstimateDepth } from "./pipeline/types";

export interface DepthService {
  estimate: EstimateDepth;
  dispose(): void;
}

/** Adapts the in-panel estimator to the pipeline: it takes the encoded model input, the estimator a bitmap. */
export function depthService(estimator: DepthEstimator, decode: (input: Encoded) => Promise<ImageBitmap>): DepthService {
  return {
    estimate: async (input, options) =>
      estimator.depthPng(await decode(input), {
        size: options.size,
        invert: options.invert,
        ...(options.signal ? { signal: options.signal } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
      }),
    dispose: () => estimator.dispose(),
  };
}
