/** Shared setup for the Segmind client tests: a real input image and resolved settings. */
import { parseSettings } from "../../../src/core/errors";
import sharp from "sharp";
import { createSegmindBackend, type SegmindBackendOptions } from "../../../src/core/backends/segmind";
import type { GenerateInput } from "../../../src/core/backends/types";
import { resolveSeed, type GenerationSettingsInput } from "../../../src/shared/settings";
import type { FakeSegmind } from "../../fakes/segmind-server";

/** A small gradient JPEG: not flat, so a derived (negated) answer is recognisable. */
export async function gradientJpeg(width = 64, height = 48): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = Math.round((x / width) * 255);
      raw[i + 1] = Math.round((y / height) * 255);
      raw[i + 2] = 60;
    }
  return new Uint8Array(await sharp(raw, { raw: { width, height, channels: 3 } }).jpeg({ quality: 95 }).toBuffer());
}

export async function inputFor(settings: GenerationSettingsInput, image?: Uint8Array): Promise<GenerateInput> {
  return {
    image: image ?? (await gradientJpeg()),
    mimeType: "image/jpeg",
    settings: resolveSeed(parseSettings(settings), () => 0.5),
    wantDepth: false,
  };
}

/** A client of the fake whose sleeps are recorded and return at once, with a fixed clock. */
export function clientFor(fake: FakeSegmind, options: Partial<SegmindBackendOptions> = {}) {
  const sleeps: number[] = [];
  const backend = createSegmindBackend({
    apiKey: fake.key,
    baseUrl: fake.url,
    sleep: async (ms) => void sleeps.push(ms),
    random: () => 0.5,
    now: () => Date.parse("2026-01-01T12:00:00Z"),
    timeoutMs: 10_000,
    ...options,
  });
  return { backend, sleeps };
}

export const NOW = Date.parse("2026-01-01T12:00:00Z");
