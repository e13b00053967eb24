import sharp from "sharp";
import { GenerationSettingsSchema, type GenerationSettingsInput, type ResolvedSettings } from "../../../../src/shared/settings";
import { createComfyEngine, DEFAULT_COMFY_MODELS, type ComfyEngineOptions } from "../../../../src/server/engines/comfy";
import type { Engine, EngineEvent, EngineJob, EngineOutput } from "../../../../src/server/engines/engine";
import { startFakeComfy, type FakeComfy, type FakeComfyBehaviour } from "../../../fakes/comfyui-server";

/** A render size (sides multiples of 64), as prepareInputImage hands jobs to engines; small so tests stay fast. */
export const WIDTH = 192;
export const HEIGHT = 128;

export function settings(input: Partial<GenerationSettingsInput> = {}): ResolvedSettings {
  const parsed = GenerationSettingsSchema.parse({ prompt: "a watercolor castle", ...input });
  return { ...parsed, seed: typeof parsed.seed === "number" ? parsed.seed : 1234 };
}

/** A PNG with a horizontal red ramp and a vertical green ramp, so pixel checks can locate it. */
export async function inputPng(width = WIDTH, height = HEIGHT): Promise<Uint8Array> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      raw[i] = Math.round((x / (width - 1)) * 255);
      raw[i + 1] = Math.round((y / (height - 1)) * 255);
      raw[i + 2] = 40;
    }
  return new Uint8Array(await sharp(raw, { raw: { width, height, channels: 3 } }).png().toBuffer());
}

export async function job(overrides: Partial<EngineJob> & { settingsInput?: Partial<GenerationSettingsInput> } = {}): Promise<EngineJob> {
  const { settingsInput, ...rest } = overrides;
  return {
    id: "job-1",
    image: { bytes: await inputPng(), mimeType: "image/png", width: WIDTH, height: HEIGHT },
    settings: settings(settingsInput),
    wantDepth: true,
    ...rest,
  };
}

let clientCounter = 0;
export function engineFor(url: string, options: Partial<ComfyEngineOptions> = {}): Engine {
  return createComfyEngine({
    id: "gpu0",
    url,
    models: DEFAULT_COMFY_MODELS,
    newClientId: () => `client-${++clientCounter}`,
    pollMs: 20,
    reconnectDelayMs: 20,
    ...options,
  });
}

/**
 * Runs a job collecting its events; never throws (the outcome is in `result` / `error`).
 * Liveness ("alive") is counted apart, so `events` reads as what the user sees.
 */
export async function runCollect(engine: Engine, j: EngineJob, signal: AbortSignal = new AbortController().signal) {
  const events: EngineEvent[] = [];
  let alive = 0;
  let result: EngineOutput | undefined;
  let error: unknown;
  try {
    result = await engine.run(j, { signal, onEvent: (e) => (e.type === "alive" ? alive++ : events.push(e)) });
  } catch (e) {
    error = e;
  }
  return { events, alive, result, error };
}

export async function pixels(bytes: Uint8Array) {
  const { data, info } = await sharp(bytes).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}

/** Waits (bounded) until `check` is true; polling keeps tests free of timing thresholds on results. */
export async function until(check: () => boolean, what: string, tries = 500, everyMs = 10): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (check()) return;
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Per test: a fresh fake ComfyUI and an engine on it, handed to `use`; both closed afterwards. */
export function useFakeComfyEngine(options: Partial<FakeComfyBehaviour>, use: (fake: FakeComfy, engine: Engine) => void): void {
  let current: { fake: FakeComfy; engine: Engine } | undefined;
  beforeEach(async () => {
    const fake = await startFakeComfy(options);
    current = { fake, engine: engineFor(fake.url) };
    use(current.fake, current.engine);
  });
  afterEach(async () => {
    await current?.engine.close();
    await current?.fake.close();
    current = undefined;
  });
}
