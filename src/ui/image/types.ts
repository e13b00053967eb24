import type { Size } from "../../core/geometry";

/** Where the layer sits inside its crop, in crop pixels. */
export interface LayerCut {
  center: { x: number; y: number };
  layerPixels: Size;
  rotation: number;
}

/** Encoded image bytes with their type and pixel size. */
export interface Encoded {
  bytes: ArrayBuffer;
  mimeType: string;
  size: Size;
}

/** A decoded image handed to the worker (an ImageBitmap in the browser); opaque to the pipeline. */
export interface Bitmap {
  readonly width: number;
  readonly height: number;
  close(): void;
}

/** Image operations the pipeline needs; implemented by a Web Worker in the panel. */
export interface ImageOps {
  /** Cuts the layer out of its crop, fits it to `size`, flattens onto a neutral grey, as JPEG. Takes ownership of `image`. */
  prepare(image: Bitmap, cut: LayerCut, size: Size, signal?: AbortSignal): Promise<Encoded>;
  /** Cuts the layer out like `prepare` but keeps its transparency, as PNG (the layer's own pixels for depth slices). */
  cutout(image: Bitmap, cut: LayerCut, size: Size, signal?: AbortSignal): Promise<Encoded>;
  /** Re-encodes an image at `size` (result → layer pixels, thumbnails). */
  resize(bytes: ArrayBuffer, mimeType: string, size: Size, outMimeType: "image/jpeg" | "image/png", signal?: AbortSignal): Promise<Encoded>;
  dispose(): void;
}
