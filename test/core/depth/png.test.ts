import sharp from "sharp";
import { encodeGrayPng, encodeRgbaPng } from "../../../src/core/depth/png";

describe("encodeGrayPng", () => {
  it("writes a one-channel 8-bit PNG that decodes to the exact grey values", async () => {
    const size = { width: 37, height: 11 };
    const gray = Uint8Array.from({ length: 37 * 11 }, (_, i) => (i * 7 + (i >> 3)) & 0xff);
    const png = await encodeGrayPng(gray, size);
    const meta = await sharp(png).metadata();
    expect(meta).toMatchObject({ format: "png", width: 37, height: 11, channels: 1, space: "b-w", depth: "uchar" });
    const { data, info } = await sharp(png).toColourspace("b-w").raw().toBuffer({ resolveWithObject: true });
    expect(info.channels).toBe(1);
    expect(Buffer.compare(data, Buffer.from(gray))).toBe(0);
  });

  it("compresses a smooth depth map well below its raw size", async () => {
    const gray = Uint8Array.from({ length: 256 * 256 }, (_, i) => i >> 8);
    const png = await encodeGrayPng(gray, { width: 256, height: 256 });
    expect(png.length).toBeLessThan(gray.length / 20);
  });

  it("rejects a buffer that does not match the size", async () => {
    await expect(encodeGrayPng(new Uint8Array(5), { width: 2, height: 2 })).rejects.toThrow(RangeError);
  });
});

describe("encodeRgbaPng", () => {
  it("writes an RGBA PNG that decodes to the exact straight-alpha bytes", async () => {
    const size = { width: 13, height: 7 };
    const rgba = Uint8Array.from({ length: 13 * 7 * 4 }, (_, i) => (i * 13 + (i >> 5)) & 0xff);
    const png = await encodeRgbaPng(rgba, size);
    const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
    expect(info).toMatchObject({ width: 13, height: 7, channels: 4 });
    expect(Buffer.compare(data, Buffer.from(rgba))).toBe(0);
  });
});
