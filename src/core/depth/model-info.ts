/**
 * The default depth model: Depth Anything V2 Small (Apache-2.0), ONNX export by onnx-community,
 * int8-quantised (27.3 MB; fp32 model.onnx is 99.1 MB). Pinned to a commit so the cache key and
 * the weights never change under the user; Hugging Face serves it with CORS.
 */
export const DEFAULT_DEPTH_MODEL_URL =
  "https://huggingface.co/onnx-community/depth-anything-v2-small/resolve/34f40a4c93991327074907b51792dbc27e7d6f1c/onnx/model_quantized.onnx";

/** Input geometry Depth Anything was trained with (DINOv2 patches are 14 px; 518 = 37 × 14). */
export const MODEL_GEOMETRY = {
  /** Shorter side of the network input when the model accepts any size. */
  shortSide: 518,
  /** Longer side cap, so a panorama does not blow up the attention cost. */
  maxLongSide: 1036,
  multipleOf: 14,
} as const;

/** ImageNet statistics used by Depth Anything and MiDaS pre-processing. */
export const IMAGENET_MEAN = [0.485, 0.456, 0.406] as const;
export const IMAGENET_STD = [0.229, 0.224, 0.225] as const;
