/** Node-side image work of the CLI (sharp): fit the input to the model, place the result back. */
import { extname } from "node:path";
import sharp from "sharp";
import { BadResponseError, ValidationError } from "../core/errors";
import { fitToModel, type Size } from "../core/geometry";

export interface PreparedImage {
  /** JPEG at the model size, ready for the request. */
  bytes: Uint8Array;
  /** The input's size after EXIF orientation: results are scaled back to it. */
  original: Size;
  model: Size;
}

/** Neutral grey under transparent pixels: black or white would read as near/far to the depth model. */
const FLATTEN_BACKGROUND = { r: 128, g: 128, b: 128 };

/**
 * Fits any input (file path or bytes) to the model size with the geometry rules and encodes it as
 * JPEG — about 1 MP instead of the full-size image, which is what makes the upload small. The
 * whole file is decoded: a truncated one is refused here, before anything is sent.
 */
export async function prepareRequestImage(input: string | Uint8Array): Promise<PreparedImage> {
  try {
    const meta = await sharp(input).metadata();
    const original = { width: meta.autoOrient.width, height: meta.autoOrient.height };
    const model = fitToModel(original);
    const bytes = await sharp(input, { failOn: "truncated" })
      .autoOrient()
      .resize(model.width, model.height, { fit: "fill" })
      .flatten({ background: FLATTEN_BACKGROUND })
      .jpeg({ quality: 90 })
      .toBuffer();
    return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), original, model };
  } catch (error) {
    const detail = error instanceof Error ? error.message.split("\n")[0] : String(error);
    throw new ValidationError(`The input is not a complete image sharp can read (${detail}). Use a PNG, JPEG or WebP file; if it was copied or downloaded, copy it again.`);
  }
}

/** OUT.jpg, OUT-2.jpg, OUT-3.jpg… for the samples of one request. */
export function outputPaths(out: string, count: number): string[] {
  const ext = extname(out);
  const stem = out.slice(0, out.length - ext.length);
  return Array.from({ length: count }, (_, i) => (i === 0 ? out : `${stem}-${i + 1}${ext}`));
}

/** A result scaled back to the input's exact size; the format follows the file extension (JPEG by default). */
export async function encodeResult(bytes: Uint8Array, size: Size, path: string, index: number): Promise<Uint8Array> {
  const image = sharp(bytes).resize(size.width, size.height, { fit: "fill" });
  const ext = extname(path).toLowerCase();
  try {
    return await (ext === ".png" ? image.png() : ext === ".webp" ? image.webp({ quality: 92 }) : image.jpeg({ quality: 92 })).toBuffer();
  } catch (error) {
    throw new BadResponseError(`Result ${index + 1} came back damaged (${error instanceof Error ? error.message.split("\n")[0] : String(error)}); nothing was written. Try again.`);
  }
}
