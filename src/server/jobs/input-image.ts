import { decodeBase64Payload } from "../../core/base64";
import { sniffImageType } from "../../core/image-type";
import type { EncodedImage } from "../../core/backends/types";
import { ValidationError } from "../../core/errors";

/**
 * Decodes an uploaded image (base64, no data: prefix) and checks that the bytes really are a
 * JPEG, PNG or WebP, so garbage is refused with a named field before any engine sees it.
 * The type comes from the bytes: a mislabelled but valid image is still accepted.
 */
export function decodeInputImage(base64: string, field: string): EncodedImage {
  const bytes = decodeBase64Payload(base64);
  if (!bytes)
    throw new ValidationError(`${field}: must be the image as base64 (A–Z, a–z, 0–9, +, /), without line breaks in the middle of a data: URL. Encode the file's bytes with base64.`);
  const mimeType = sniffImageType(bytes);
  if (!mimeType) throw new ValidationError(`${field}: the decoded bytes are not a JPEG, PNG or WebP image. Send the file's bytes, base64-encoded.`);
  return { bytes, mimeType };
}
