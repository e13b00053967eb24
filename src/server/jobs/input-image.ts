import { decodeBase64Payload } from "../../core/base64";
import { sniffImageType } from "../../core/image-type";
import type { EncodedImage } from "../../core/backends/types";
import { ValidationError } from "../../core/errors";
import { assertDecodes } from "./verify-image";

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
