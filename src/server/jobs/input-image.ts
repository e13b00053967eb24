import { availableParallelism } from "node:os";
import sharp, { type Metadata } from "sharp";
import { decodeBase64Payload, sniffImageType } from "../../core/image-bytes";
import { fitToModel, type Size } from "../../core/geometry";
import type { EncodedImage } from "../../core/backends/types";
import { ValidationError } from "../../core/errors";
import type { RenderImage } from "../engines/engine";

/** Larger inputs are refused before decoding: 100 MP covers every camera, and a decompression bomb stops here. */
export const MAX_INPUT_PIXELS = 100_000_000;

/**
 * Decodes every pixel once (shrunk on load, so memory stays small) and fails on a truncated or
 * corrupt file: a broken upload is answered 400 at once, never as a failure inside ComfyUI.
 */
export async function assertDecodes(bytes: Uint8Array, field: string): Promise<void> {
  try {
    await sharp(bytes, { failOn: "truncated", sequentialRead: true, limitInputPixels: MAX_INPUT_PIXELS, animated: false })
      .resize(16, 16, { fit: "inside" })
      .raw()
      .toBuffer();
  } catch (error) {
    const detail = error instanceof Error ? (error.message.split("\n")[0] ?? "") : String(error);
    const cause = /pixel limit/i.test(detail) ? `it has more than ${MAX_INPUT_PIXELS / 1_000_000} megapixels` : `it is truncated or corrupt: ${detail}`;
    throw new ValidationError(`${field}: the image cannot be decoded (${cause}). Send the complete file again, or export it anew as JPEG or PNG.`);
  }
}

/**
 * Decodes an uploaded image (base64, no data: prefix), then accepts it like a binary upload
 * (`acceptInputImage`).
 */
export function decodeInputImage(base64: string, field: string): Promise<EncodedImage> {
  const bytes = decodeBase64Payload(base64);
  if (!bytes)
    throw new ValidationError(`${field}: must be the image as base64 (A–Z, a–z, 0–9, +, /), without line breaks in the middle of a data: URL. Encode the file's bytes with base64.`);
  return acceptInputImage(bytes, field);
}

/**
 * The one input check of every route: the bytes really are a JPEG, PNG or WebP that decodes to
 * the last pixel, so garbage and truncated files are refused with a named field before any
 * engine sees them. The type comes from the bytes: a mislabelled but valid image is still accepted.
 */
export async function acceptInputImage(bytes: Uint8Array, field: string): Promise<EncodedImage> {
  const mimeType = sniffImageType(bytes);
  if (!mimeType) throw new ValidationError(`${field}: the bytes are not a JPEG, PNG or WebP image. Send the image file itself (base64-encoded in a JSON body).`);
  await assertDecodes(bytes, field);
  return { bytes, mimeType };
}

/**
 * At most this many inputs are decoded at once: a burst of large uploads waits with its compressed
 * bytes instead of holding every decoded bitmap in memory together.
 */
const PARALLEL_DECODES = Math.max(1, availableParallelism());
let decoding = 0;
const waiting: (() => void)[] = [];

async function oneOfFewDecodes<T>(work: () => Promise<T>): Promise<T> {
  if (decoding >= PARALLEL_DECODES) await new Promise<void>((resolve) => waiting.push(resolve));
  else decoding++;
  try {
    return await work();
  } finally {
    const next = waiting.shift();
    if (next) next();
    else decoding--;
  }
}

/** EXIF orientations 5–8 turn the picture a quarter turn, so its stored width is its height. */
const uprightSize = (width: number, height: number, orientation: number | undefined): Size =>
  orientation !== undefined && orientation >= 5 ? { width: height, height: width } : { width, height };

/**
 * The one preparation every route's input goes through before a job is queued: EXIF orientation
 * applied once (LoadImage would apply it again otherwise — here it is gone from the output), the
 * first frame of an animated image, then the size the model was trained for — about one
 * megapixel, sides multiples of 64, by the same fitToModel the panel uses — so a 12 MP photo never
 * reaches the GPU at full size. The whole image is decoded here, so a broken file is a 400 now,
 * not a failed job later. JPEG stays JPEG; PNG and WebP (which may carry alpha) become PNG.
 */
export function prepareInputImage(image: EncodedImage, field: string): Promise<RenderImage> {
  return oneOfFewDecodes(() => prepare(image, field));
}

async function prepare(image: EncodedImage, field: string): Promise<RenderImage> {
  const unreadable = (error: unknown) =>
    new ValidationError(`${field}: the image cannot be decoded (${error instanceof Error ? error.message : String(error)}). Send a complete JPEG, PNG or WebP file.`, {
      cause: error,
    });
  let meta: Metadata;
  try {
    meta = await sharp(image.bytes).metadata();
  } catch (error) {
    throw unreadable(error);
  }
  if (!meta.width || !meta.height) throw new ValidationError(`${field}: the image has no size. Send a JPEG, PNG or WebP file.`);
  const render = fitToModel(uprightSize(meta.width, meta.height, meta.orientation));
  const mimeType = image.mimeType === "image/jpeg" ? "image/jpeg" : "image/png";
  try {
    // rotate() with no angle applies the EXIF orientation and drops the tag; fill = per-axis
    // scale, undone exactly by the panel's scaleBack.
    const pipeline = sharp(image.bytes, { pages: 1 }).rotate().resize(render.width, render.height, { fit: "fill" });
    const bytes = await (mimeType === "image/jpeg" ? pipeline.jpeg({ quality: 95 }) : pipeline.png()).toBuffer();
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength), mimeType, ...render };
  } catch (error) {
    throw unreadable(error);
  }
}
