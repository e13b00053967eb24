import type { EncodedImage } from "../../core/backends/types";
import { sniffImageType } from "../../core/image-type";
import { BadResponseError } from "../../core/errors";
import type { EngineOutput } from "../engines/engine";

type KnownImage = EncodedImage & { mimeType: "image/jpeg" | "image/png" | "image/webp" };

function checked(image: EncodedImage, what: string, engineId: string): KnownImage {
  const mimeType = sniffImageType(image.bytes);
  if (!mimeType)
    throw new BadResponseError(`${engineId} returned a ${what} that is not a JPEG, PNG or WebP image. Check the SaveImage nodes of the ComfyUI install, then try again.`);
  return { bytes: image.bytes, mimeType };
}

/** An engine's answer, checked once before it becomes a result: at least one real image, types from the bytes. */
export function validateOutput(output: EngineOutput, engineId: string): EngineOutput & { images: KnownImage[]; depthMap?: KnownImage } {
  if (output.images.length === 0) throw new BadResponseError(`${engineId} finished without an image. Check its output nodes and logs, then try again.`);
  const images = output.images.map((image) => checked(image, "result", engineId));
  return output.depthMap ? { images, depthMap: checked(output.depthMap, "depth map", engineId) } : { images };
}
