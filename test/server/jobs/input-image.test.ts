import sharp from "sharp";
import { ValidationError } from "../../../src/core/errors";
import { fitToModel } from "../../../src/core/geometry";
import { prepareInputImage } from "../../../src/server/jobs/input-image";

/** An animated WebP: a red frame, then a blue one. */
async function animated(): Promise<Uint8Array> {
  const frame = (background: string) => sharp({ create: { width: 300, height: 200, channels: 3, background } }).raw().toBuffer();
  const frames = Buffer.concat([await frame("#f00"), await frame("#00f")]);
  const webp = await sharp(frames, { raw: { width: 300, height: 400, channels: 3, pageHeight: 200 } })
    .webp({ loop: 0, delay: [100, 100] })
    .toBuffer();
  return new Uint8Array(webp);
}

describe("prepareInputImage: the one step every route's input goes through", () => {
  it("fits any size to the panel's model size (≈1 MP, sides multiples of 64), JPEG staying JPEG", async () => {
    for (const [width, height] of [[4000, 3000], [64, 48], [1920, 1080], [500, 4000]] as const) {
      const bytes = await sharp({ create: { width, height, channels: 3, background: "#888" } }).jpeg().toBuffer();
      const prepared = await prepareInputImage({ bytes, mimeType: "image/jpeg" }, "image");
      const meta = await sharp(prepared.bytes).metadata();
      expect({ width: prepared.width, height: prepared.height }).toEqual(fitToModel({ width, height }));
      expect({ format: meta.format, width: meta.width, height: meta.height }).toEqual({ format: "jpeg", width: prepared.width, height: prepared.height });
      expect(prepared.mimeType).toBe("image/jpeg");
    }
  });

  it("applies EXIF orientation before choosing the size, and leaves no orientation tag behind", async () => {
    const bytes = await sharp({ create: { width: 1600, height: 1200, channels: 3, background: "#888" } }).jpeg().withMetadata({ orientation: 8 }).toBuffer();
    const prepared = await prepareInputImage({ bytes, mimeType: "image/jpeg" }, "image");
    expect({ width: prepared.width, height: prepared.height }).toEqual(fitToModel({ width: 1200, height: 1600 }));
    expect((await sharp(prepared.bytes).metadata()).orientation).toBeUndefined();
  });

  it("uses the first frame of an animated image, as a PNG", async () => {
    const input = await animated();
    expect((await sharp(input).metadata()).pages).toBe(2);
    const prepared = await prepareInputImage({ bytes: input, mimeType: "image/webp" }, "image");
    const { data, info } = await sharp(prepared.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(prepared.mimeType).toBe("image/png");
    expect({ width: info.width, height: info.height }).toEqual(fitToModel({ width: 300, height: 200 }));
    // Red (frame 1), not blue (frame 2); lossy WebP moves values a little.
    expect(data[0]).toBeGreaterThan(240);
    expect(data[2]).toBeLessThan(20);
    expect((await sharp(prepared.bytes).metadata()).pages ?? 1).toBe(1);
  });

  it("refuses a truncated file with a ValidationError naming the field", async () => {
    const whole = await sharp({ create: { width: 800, height: 600, channels: 3, background: "#468" } }).jpeg().toBuffer();
    const cut = whole.subarray(0, Math.floor(whole.length / 2));
    const error = await prepareInputImage({ bytes: cut, mimeType: "image/jpeg" }, "image.base64").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as Error).message).toMatch(/^image\.base64: the image cannot be decoded/);
  });
});
