/** Synthetic RGBA test images with known brightness layouts. */
import type { RgbaImage } from "../../../../src/core/depth/preprocess";

export function rgbaImage(width: number, height: number, pixel: (x: number, y: number) => readonly [number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y);
      data.set([r, g, b, 255], (y * width + x) * 4);
    }
  return { width, height, data };
}

/** Bright (near) left half, dark (far) right half. */
export const halves = (width: number, height: number): RgbaImage => rgbaImage(width, height, (x) => (x < width / 2 ? [230, 220, 210] : [20, 30, 40]));

/** Brightness rising left to right: 0 at x = 0, 255 at the right edge. */
export const rampX = (width: number, height: number): RgbaImage =>
  rgbaImage(width, height, (x) => {
    const v = Math.round((x / (width - 1)) * 255);
    return [v, v, v];
  });
