/**
 * Uint8Array ⇄ base64 without DOM or Node types: core runs in the panel, a Worker, the
 * gateway and the CLI. Node's Buffer is used when present (native speed for multi-MB images);
 * elsewhere a pure table-driven codec, linear in the input size.
 */

interface BufferLike {
  from(data: Uint8Array | string, encoding?: string): Uint8Array & { toString(encoding: string): string };
}
const NodeBuffer = (globalThis as { Buffer?: BufferLike }).Buffer;

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
const LOOKUP = new Int16Array(128).fill(-1);
for (let i = 0; i < ALPHABET.length; i++) LOOKUP[ALPHABET.charCodeAt(i)] = i;

/** Standard base64 with padding (RFC 4648 §4), as Segmind expects for `image`. */
export function encodeBase64Pure(bytes: Uint8Array): string {
  const out: string[] = [];
  let line = "";
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = ((bytes[i] as number) << 16) | ((bytes[i + 1] as number) << 8) | (bytes[i + 2] as number);
    line += ALPHABET[n >> 18]! + ALPHABET[(n >> 12) & 63]! + ALPHABET[(n >> 6) & 63]! + ALPHABET[n & 63]!;
    // Flush now and then: very long string concatenation chains are slow to flatten.
    if (line.length >= 8192) {
      out.push(line);
      line = "";
    }
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = (bytes[full] as number) << 16;
    line += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}==`;
  } else if (rest === 2) {
    const n = ((bytes[full] as number) << 16) | ((bytes[full + 1] as number) << 8);
    line += `${ALPHABET[n >> 18]!}${ALPHABET[(n >> 12) & 63]!}${ALPHABET[(n >> 6) & 63]!}=`;
  }
  out.push(line);
  return out.join("");
}

/**
 * Decodes standard base64; whitespace is ignored, padding optional. Throws a RangeError on any
 * other character or an impossible length, so a corrupt answer never turns into a silent wrong image.
 */
export function decodeBase64Pure(text: string): Uint8Array {
  const clean = text.replace(/[\s]+/g, "").replace(/=+$/, "");
  if (clean.length % 4 === 1) throw new RangeError("base64 text has an impossible length");
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let acc = 0;
  let bits = 0;
  let o = 0;
  for (let i = 0; i < clean.length; i++) {
    const code = clean.charCodeAt(i);
    const value = code < 128 ? (LOOKUP[code] as number) : -1;
    if (value < 0) throw new RangeError(`base64 text has an invalid character at ${i}`);
    acc = ((acc << 6) | value) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[o++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

/** Standard base64 with padding; native where the runtime has it. */
export function encodeBase64(bytes: Uint8Array): string {
  if (NodeBuffer) return NodeBuffer.from(bytes).toString("base64");
  return encodeBase64Pure(bytes);
}

const nodeDecode = (Buffer: BufferLike, text: string): Uint8Array => {
  const buf = Buffer.from(text, "base64");
  return new Uint8Array(buf.buffer, buf.byteOffset, buf.length);
};

/** Strict decode (see `decodeBase64Pure`); Buffer's own decoder skips bad characters silently, so it is used only after validation. */
export function decodeBase64(text: string): Uint8Array {
  return NodeBuffer && isBase64(text) ? nodeDecode(NodeBuffer, text) : decodeBase64Pure(text);
}

/**
 * Decodes an image payload: base64, optionally behind a `data:…;base64,` prefix. Undefined when
 * it is not base64, so callers phrase their own error; the text is validated once.
 */
export function decodeBase64Payload(text: string): Uint8Array | undefined {
  const data = text.replace(/^data:[^;,]*;base64,/, "");
  if (!isBase64(data)) return undefined;
  return NodeBuffer ? nodeDecode(NodeBuffer, data) : decodeBase64Pure(data);
}

/** True when `text` is plain base64 (no data: prefix, no URL), i.e. what `decodeBase64` accepts. */
export function isBase64(text: string): boolean {
  // A search for one bad character, not a whole-string pattern: V8 overflows its stack matching `^[…]+$` on multi-MB images.
  const body = text.replace(/\s+/g, "").replace(/={1,2}$/, "");
  return body.length > 0 && !/[^A-Za-z0-9+/]/.test(body) && body.length % 4 !== 1;
}
/** The image type from its first bytes: the header is sometimes generic (application/octet-stream). */
export function sniffImageType(bytes: Uint8Array): "image/jpeg" | "image/png" | "image/webp" | undefined {
  if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";
  if (bytes[0] === 0x89 && bytes[1] === 0x50 && bytes[2] === 0x4e && bytes[3] === 0x47) return "image/png";
  const tag = String.fromCharCode(...bytes.subarray(0, 4)) + String.fromCharCode(...bytes.subarray(8, 12));
  if (tag === "RIFFWEBP") return "image/webp";
  return undefined;
}
