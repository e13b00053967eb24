import sharp from "sharp";

/** A real encoded image (sharp) as a Blob, the way the panel's bytes reach loadBitmapImage. */
export async function imageBlob(width: number, height: number, format: "png" | "jpeg" = "png", color = "#3a7bd5"): Promise<Blob> {
  const image = sharp({ create: { width, height, channels: 3, background: color } });
  const buffer = format === "png" ? await image.png().toBuffer() : await image.jpeg({ quality: 80 }).toBuffer();
  return new Blob([new Uint8Array(buffer)], { type: `image/${format}` });
}

/** The same image as the ArrayBuffer the panel sends across the runtime bridge. */
export async function imageBytes(width: number, height: number, format: "png" | "jpeg" = "png", color?: string): Promise<ArrayBuffer> {
  return (await imageBlob(width, height, format, color)).arrayBuffer();
}
