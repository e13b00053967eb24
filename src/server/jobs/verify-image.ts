import sharp from "sharp";
import { ValidationError } from "../../core/errors";

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
