/**
 * Image → network input: pick the input size (from the model's declared dims when they are
 * fixed, else Depth Anything's rule: shorter side 518, both sides multiples of 14), resample,
 * scale to 0…1, ImageNet-normalise, and lay out as NCHW float32.
 */
import type { Size } from "../../shared/size";
import { DepthModelError } from "../errors";
import { IMAGENET_MEAN, IMAGENET_STD, MODEL_GEOMETRY } from "./model-info";
import { resample } from "./resize";

export type { Size };

/** Straight (non-premultiplied) RGBA pixels, 4 bytes per pixel, rows top to bottom. */
export interface RgbaImage extends Size {
  data: ArrayLike<number>;
}

/** A model input's declared shape: numbers are fixed dims, strings/undefined are dynamic. */
export type DeclaredShape = readonly (number | string | undefined)[];

const roundTo = (value: number, multiple: number): number => Math.max(multiple, Math.round(value / multiple) * multiple);

/** Network input size for an image of `image` size and a model input declared as `shape`. */
export function modelInputSize(shape: DeclaredShape | undefined, image: Size, geometry: typeof MODEL_GEOMETRY = MODEL_GEOMETRY): Size {
  if (shape && shape.length !== 4) throw new DepthModelError(`The depth model takes a ${shape.length}-D input; expected [batch, 3, height, width]. Choose another depth model (Depth Anything or MiDaS) under Advanced → Depth layer.`);
  const channels = shape?.[1];
  if (typeof channels === "number" && channels !== 3) throw new DepthModelError(`The depth model expects ${channels} colour channels, not 3 (RGB). Choose another depth model (Depth Anything or MiDaS) under Advanced → Depth layer.`);
  const fixedH = shape?.[2];
  const fixedW = shape?.[3];
  if (typeof fixedH === "number" && typeof fixedW === "number" && fixedH > 0 && fixedW > 0) return { width: fixedW, height: fixedH };
  const { shortSide, maxLongSide, multipleOf } = geometry;
  let scale = shortSide / Math.min(image.width, image.height);
  scale = Math.min(scale, maxLongSide / Math.max(image.width, image.height));
  return { width: roundTo(image.width * scale, multipleOf), height: roundTo(image.height * scale, multipleOf) };
}

/** RGBA image → `pixel_values` [1, 3, size.height, size.width]: (v/255 − mean) / std per channel. */
export function toPixelValues(image: RgbaImage, size: Size): Float32Array {
  const { width, height } = size;
  const rgba = image.width === width && image.height === height ? image.data : resample(image.data, image.width, image.height, 4, width, height);
  const plane = width * height;
  const out = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const mean = IMAGENET_MEAN[c] as number;
    const std = IMAGENET_STD[c] as number;
    const a = 1 / (255 * std);
    const b = -mean / std;
    const base = c * plane;
    for (let p = 0; p < plane; p++) out[base + p] = (rgba[p * 4 + c] as number) * a + b;
  }
  return out;
}
