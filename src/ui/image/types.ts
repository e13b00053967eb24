import type { Rect, Size } from "../../core/geometry";

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

/**
 * The encoded reading(s) a layer is cut from, still undecoded: the worker decodes and crops them.
 * A page rendition with the layer over a black backdrop plus one over white (their difference
 * is the layer's alpha), or one image that carries its own alpha (the per-node rendition).
 */
export interface LayerSource {
  image: Blob;
  overWhite?: Blob;
  /** The region of the image(s) holding the layer's bounds, in image pixels. */
  crop: Rect;
}

/** The model input, and the layer's footprint when it has see-through pixels (a PNG whose alpha is the mask). */
export interface Prepared {
  input: Encoded;
  mask?: Encoded;
}

/** Image operations the pipeline needs; implemented by a Web Worker in the panel. */
export interface ImageOps {
  /** Decodes and cuts the layer out, fits it to `size`, flattens see-through pixels onto a neutral grey, as JPEG. */
  prepare(source: LayerSource, cut: LayerCut, size: Size, signal?: AbortSignal): Promise<Prepared>;
  /** Cuts the layer out like `prepare` but keeps its own transparency, as PNG (its pixels for depth slices). */
  cutout(source: LayerSource, cut: LayerCut, size: Size, signal?: AbortSignal): Promise<Encoded>;
  /** Re-encodes an image at `size` (result → layer pixels, thumbnails); with `mask`, only the footprint is kept (PNG). */
  resize(bytes: ArrayBuffer, mimeType: string, size: Size, outMimeType: "image/jpeg" | "image/png", signal?: AbortSignal, mask?: Encoded): Promise<Encoded>;
  dispose(): void;
}
