import type { DepthEstimator } from "./depth";
import type { Encoded } from "./image/types";
import type { EstimateDepth, ScoreComposition, SliceDepth } from "./pipeline/types";

export interface DepthService {
  estimate: EstimateDepth;
  slices: SliceDepth;
  score: ScoreComposition;
  dispose(): void;
}

/** Adapts the in-panel estimator to the pipeline: it takes encoded images, the estimator bitmaps. */
export function depthService(estimator: DepthEstimator, decode: (input: Encoded) => Promise<ImageBitmap>): DepthService {
  return {
    estimate: async (input, { size, edit, signal, onProgress }) => estimator.depthPng(await decode(input), { size, edit, signal, onProgress }),
    slices: async (input, layer, { edit, slices, keep, signal, onProgress }) =>
      estimator.slicePngs(await decode(input), await decode(layer), { edit, slices, keep, signal, onProgress }),
    score: async (source, result, signal) => estimator.score(await decode(source), await decode(result), { signal }),
    dispose: () => estimator.dispose(),
  };
}
