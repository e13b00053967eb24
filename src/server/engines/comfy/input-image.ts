import { createHash } from "node:crypto";
import sharp from "sharp";
import { ValidationError } from "../../../core/errors";
import type { EncodedImage } from "../../../core/backends/types";

/** Latent pixels come in multiples of 8; SDXL-class models need at least 64 px a side. */
const fit8 = (n: number): number => Math.max(64, Math.floor(n / 8) * 8);

/** The size the workflow renders at: the input's, rounded down to what the VAE accepts. */
export async function workflowSize(image: EncodedImage): Promise<{ width: number; height: number }> {
  let meta;
  try {
    meta = await sharp(image.bytes).metadata();
  } catch (error) {
    throw new ValidationError(`The input image cannot be read (${error instanceof Error ? error.message : String(error)}); send a JPEG or PNG.`);
  }
  if (!meta.width || !meta.height) throw new ValidationError("The input image has no size; send a JPEG or PNG.");
  return { width: fit8(meta.width), height: fit8(meta.height) };
}

/**
 * The name the input is uploaded under. Named by content: jobs queued together never overwrite
 * each other's input (LoadImage reads the file only when the prompt runs), and re-running the
 * same picture reuses one file in ComfyUI/input instead of adding another.
 */
export function uploadName(image: EncodedImage): string {
  const hash = createHash("sha256").update(image.bytes).digest("hex").slice(0, 24);
  return `depth-restyle-${hash}.${image.mimeType === "image/png" ? "png" : "jpg"}`;
}
