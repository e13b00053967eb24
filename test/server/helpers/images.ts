import sharp from "sharp";

/** Small real images for requests and engine doubles. */
export async function solidImage(format: "png" | "jpeg", width = 64, height = 48, rgb: [number, number, number] = [200, 120, 40]): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    [format]()
    .toBuffer();
  return new Uint8Array(buffer);
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");

/** Gaussian noise, which does not compress: the file is about as large as its pixels. */
export async function noiseImage(format: "png" | "jpeg", width: number, height: number): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: "#808080", noise: { type: "gaussian", mean: 128, sigma: 50 } } })
    [format]()
    .toBuffer();
  return new Uint8Array(buffer);
}
