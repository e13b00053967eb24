import type { DecodeGray } from "../pipeline/preview";

/** Reads a greyscale PNG's pixels on a canvas (the red channel carries the grey). */
export const decodeGrayOnCanvas: DecodeGray = async (png) => {
  const bitmap = await createImageBitmap(png);
  const { width, height } = bitmap;
  const ctx = new OffscreenCanvas(width, height).getContext("2d", { willReadFrequently: true });
  if (!ctx) throw new Error("2D canvas is not available in this browser");
  ctx.drawImage(bitmap, 0, 0);
  bitmap.close();
  const rgba = ctx.getImageData(0, 0, width, height).data;
  return { width, height, gray: Uint8Array.from({ length: width * height }, (_, i) => rgba[i * 4] as number) };
};
