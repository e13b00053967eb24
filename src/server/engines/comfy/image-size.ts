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

export const uploadName = (jobId: string, mimeType: string): string =>
  `depth-restyle-${jobId.replace(/[^A-Za-z0-9_-]/g, "_")}.${mimeType === "image/png" ? "png" : "jpg"}`;
