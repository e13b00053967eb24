import type { Size } from "../../core/geometry";
import type { LayerCut } from "./types";

/** Messages between the panel and the image worker. Bitmaps and buffers are transferred, not copied. */
export type ImageJob =
  /**
   * Cut the layer out of its bounding-box crop (undoing its rotation around `center`), fit it
   * to the model size, flatten alpha onto `background` (unless it is null: kept transparent), encode.
   */
  | { op: "prepare"; image: ImageBitmap; cut: LayerCut; size: Size; background: string | null; mimeType: "image/jpeg" | "image/png"; quality: number }
  /** Re-encode encoded bytes at another size (model output → layer pixels, or a thumbnail). */
  | { op: "resize"; bytes: ArrayBuffer; mimeType: string; size: Size; outMimeType: "image/jpeg" | "image/png"; quality: number };

export type ImageRequest = ImageJob & { id: number };

export type ImageResponse =
  | { id: number; ok: true; bytes: ArrayBuffer; mimeType: string; size: Size }
  | { id: number; ok: false; message: string };
