import type { Size } from "../../core/geometry";
import type { Encoded, LayerCut, LayerSource } from "./types";

/** Messages between the panel and the image worker. Blobs are shared, buffers transferred: the panel never decodes. */
export type ImageJob =
  /**
   * Decode the reading(s), cut the layer out of its bounding-box crop (undoing its rotation
   * around `center`), fit it to the model size, flatten alpha onto `background` and encode as JPEG
   * — or, with no background, keep the layer's own alpha and encode as PNG (no mask then).
   */
  | { op: "prepare"; source: LayerSource; cut: LayerCut; size: Size; background: string | null; quality: number }
  /** Re-encode encoded bytes at another size (model output → layer pixels, or a thumbnail), optionally masked. */
  | { op: "resize"; bytes: ArrayBuffer; mimeType: string; size: Size; outMimeType: "image/jpeg" | "image/png"; quality: number; mask?: Encoded };

export type ImageRequest = ImageJob & { id: number };

export type ImageResponse =
  | ({ id: number; ok: true; mask?: Encoded } & Encoded)
  | { id: number; ok: false; message: string };
