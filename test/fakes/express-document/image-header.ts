/**
 * Reads the pixel size from PNG / JPEG header bytes — what `editor.loadBitmapImage` needs to
 * report `width`/`height` — without decoding. Plain TypeScript: runs in Node and in browsers.
 */
export interface ImageHeader {
  mimeType: "image/png" | "image/jpeg";
  width: number;
  height: number;
}

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

/** SOFn markers that carry the frame size (C4 = DHT, C8 = JPG extension, CC = DAC are not frames). */
const isStartOfFrame = (marker: number) => marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc;

export function readImageHeader(bytes: Uint8Array): ImageHeader | undefined {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.length >= 24 && PNG_SIGNATURE.every((b, i) => bytes[i] === b)) {
    // The first chunk must be IHDR: length(4) "IHDR"(4) width(4) height(4).
    if (String.fromCharCode(...bytes.subarray(12, 16)) !== "IHDR") return undefined;
    return { mimeType: "image/png", width: view.getUint32(16), height: view.getUint32(20) };
  }
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 4 <= bytes.length) {
      if (bytes[offset] !== 0xff) return undefined;
      const marker = bytes[offset + 1] ?? 0;
      if (marker === 0xff) {
        offset += 1; // fill byte
        continue;
      }
      if (marker === 0xd8 || (marker >= 0xd0 && marker <= 0xd7) || marker === 0x01) {
        offset += 2; // markers without a length field
        continue;
      }
      const length = view.getUint16(offset + 2);
      if (isStartOfFrame(marker)) {
        if (offset + 9 > bytes.length) return undefined;
        return { mimeType: "image/jpeg", height: view.getUint16(offset + 5), width: view.getUint16(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return undefined;
}
