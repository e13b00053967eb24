/**
 * Pixel work of the fake's "model": real images through sharp, raw RGB in between. The result
 * is derived from its source so tests can check it: every sample is the negative of the
 * latent's source pixels (the input for img2img, the depth map otherwise).
 */
import sharp from "sharp";

export interface Pixels {
  data: Buffer;
  width: number;
  height: number;
}

/**
 * LoadImage's decode: every frame of an animated image, each upright by its EXIF orientation
 * (ImageOps.exif_transpose); frames of another size than the first are skipped, as nodes.py does.
 */
export async function decodeFrames(bytes: Uint8Array): Promise<Pixels[]> {
  const pages = (await sharp(bytes).metadata()).pages ?? 1;
  const frames: Pixels[] = [];
  for (let page = 0; page < pages; page++) {
    const { data, info } = await sharp(bytes, { page }).rotate().removeAlpha().toColourspace("srgb").raw().toBuffer({ resolveWithObject: true });
    const frame = { data, width: info.width, height: info.height };
    if (!frames[0] || (frames[0].width === frame.width && frames[0].height === frame.height)) frames.push(frame);
  }
  return frames;
}

const rawInput = (p: Pixels) => ({ raw: { width: p.width, height: p.height, channels: 3 as const } });

export async function resize(p: Pixels, width: number, height: number): Promise<Pixels> {
  if (p.width === width && p.height === height) return p;
  const { data, info } = await sharp(p.data, rawInput(p)).resize(width, height, { fit: "fill" }).raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** A grayscale depth map as an RGB image, as the preprocessors return it. */
export function grayscale(p: Pixels): Pixels {
  const out = Buffer.alloc(p.data.length);
  for (let i = 0; i < p.data.length; i += 3) {
    const y = Math.round(0.299 * p.data[i]! + 0.587 * p.data[i + 1]! + 0.114 * p.data[i + 2]!);
    out[i] = out[i + 1] = out[i + 2] = y;
  }
  return { ...p, data: out };
}

export function negate(p: Pixels): Pixels {
  const out = Buffer.alloc(p.data.length);
  for (let i = 0; i < p.data.length; i++) out[i] = 255 - p.data[i]!;
  return { ...p, data: out };
}

export function encodePng(p: Pixels): Promise<Buffer> {
  return sharp(p.data, rawInput(p)).png().toBuffer();
}

/** A binary /ws preview frame: event 1 (PREVIEW_IMAGE), image type 1 (JPEG), then the JPEG. */
export async function previewFrame(p: Pixels): Promise<Buffer> {
  const jpeg = await sharp(p.data, rawInput(p)).resize(64, 64, { fit: "inside" }).jpeg().toBuffer();
  const header = Buffer.alloc(8);
  header.writeUInt32BE(1, 0);
  header.writeUInt32BE(1, 4);
  return Buffer.concat([header, jpeg]);
}
