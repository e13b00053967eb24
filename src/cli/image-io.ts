/** Node-side image work of the CLI (sharp): fit the input to the model, place the result back. */
import { extname } from "node:path";
import sharp from "sharp";
import { ValidationError } from "../core/errors";
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
 * JPEG — about 1 MP instead of the full-size image, which is what makes the upload small.
 */
export async function prepareRequestImage(input: string | Uint8Array): Promise<PreparedImage> {
  let original: Size;
  try {
    const meta = await sharp(input).metadata();
    original = { width: meta.autoOrient.width, height: meta.autoOrient.height };
  } catch (error) {
    throw new ValidationError(`The input is not an image sharp can read (${error instanceof Error ? error.message : String(error)}). Use a PNG, JPEG or WebP file.`);
  }
  const model = fitToModel(original);
  const bytes = await sharp(input)
    .autoOrient()
    .resize(model.width, model.height, { fit: "fill" })
    .flatten({ background: FLATTEN_BACKGROUND })
    .jpeg({ quality: 90 })
    .toBuffer();
  return { bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.length), original, model };
}

/** OUT.jpg, OUT-2.jpg, OUT-3.jpg… for the samples of one request. */
export function outputPaths(out: string, count: number): string[] {
  const ext = extname(out);
  const stem = out.slice(0, out.length - ext.length);
  return Array.from({ length: count }, (_, i) => (i === 0 ? out : `${stem}-${i + 1}${ext}`));
}

/** Scales a result back to the input's exact size; the format follows the file extension (JPEG by default). */
export async function writeResult(bytes: Uint8Array, size: Size, path: string): Promise<void> {
  const image = sharp(bytes).resize(size.width, size.height, { fit: "fill" });
  const ext = extname(path).toLowerCase();
  await (ext === ".png" ? image.png() : ext === ".webp" ? image.webp({ quality: 92 }) : image.jpeg({ quality: 92 })).toFile(path);
}
