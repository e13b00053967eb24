/**
 * 8-bit PNG encoder: greyscale (colour type 0) for depth maps, a quarter of the bytes of RGBA,
 * and RGBA (colour type 6) for depth slices. Rows use the Up filter (depth maps are smooth
 * vertically, so it compresses well); zlib comes from CompressionStream("deflate"), present in
 * browsers, workers and Node.
 */
import type { Size } from "./preprocess";

const CRC_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = (CRC_TABLE[(c ^ (bytes[i] as number)) & 0xff] as number) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  view.setUint32(8 + data.length, crc32(out.subarray(4, 8 + data.length)));
  return out;
}

export async function zlibDeflate(raw: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([raw as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new CompressionStream("deflate"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** Filtered scanlines: each row is prefixed with filter type 2 (Up: byte minus the byte above). */
export function filterRows(pixels: ArrayLike<number>, size: Size, channels = 1): Uint8Array {
  const stride = size.width * channels;
  const out = new Uint8Array(size.height * (stride + 1));
  for (let y = 0; y < size.height; y++) {
    const row = y * (stride + 1);
    out[row] = 2;
    for (let x = 0; x < stride; x++) {
      const up = y > 0 ? (pixels[(y - 1) * stride + x] as number) : 0;
      out[row + 1 + x] = ((pixels[y * stride + x] as number) - up) & 0xff;
    }
  }
  return out;
}

const COLOUR_TYPE = { 1: 0, 4: 6 } as const;

async function encodePng(pixels: ArrayLike<number>, size: Size, channels: 1 | 4): Promise<Uint8Array<ArrayBuffer>> {
  if (pixels.length !== size.width * size.height * channels) throw new RangeError(`expected ${size.width * size.height * channels} bytes, got ${pixels.length}`);
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, size.width);
  view.setUint32(4, size.height);
  header.set([8, COLOUR_TYPE[channels], 0, 0, 0], 8); // bit depth 8, colour type, deflate, adaptive filtering, no interlace
  const parts = [
    Uint8Array.of(0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a),
    chunk("IHDR", header),
    chunk("IDAT", await zlibDeflate(filterRows(pixels, size, channels))),
    chunk("IEND", new Uint8Array(0)),
  ];
  const png = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    png.set(p, at);
    at += p.length;
  }
  return png;
}

export const encodeGrayPng = (gray: Uint8Array, size: Size): Promise<Uint8Array<ArrayBuffer>> => encodePng(gray, size, 1);

/** Straight (non-premultiplied) RGBA, 4 bytes per pixel. */
export const encodeRgbaPng = (rgba: ArrayLike<number>, size: Size): Promise<Uint8Array<ArrayBuffer>> => encodePng(rgba, size, 4);
