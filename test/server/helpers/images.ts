import sharp from "sharp";

/** Small real images for requests and engine doubles. */
export async function solidImage(format: "png" | "jpeg", width = 64, height = 48, rgb: [number, number, number] = [200, 120, 40]): Promise<Uint8Array> {
  const buffer = await sharp({ create: { width, height, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } })
    [format]()
    .toBuffer();
  return new Uint8Array(buffer);
}

export const toBase64 = (bytes: Uint8Array): string => Buffer.from(bytes).toString("base64");
