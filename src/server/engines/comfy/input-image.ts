import { createHash } from "node:crypto";
import type { EncodedImage } from "../../../core/backends/types";

/**
 * The name the input is uploaded under. Named by content: jobs queued together never overwrite
 * each other's input (LoadImage reads the file only when the prompt runs), and re-running the
 * same picture reuses one file in ComfyUI/input instead of adding another.
 */
export function uploadName(image: EncodedImage): string {
  const hash = createHash("sha256").update(image.bytes).digest("hex").slice(0, 24);
  return `depth-restyle-${hash}.${image.mimeType === "image/png" ? "png" : "jpg"}`;
}
